// A topic's effective configs: the ones set on it (source TOPIC_CONFIG) over the broker's defaults (source
// DEFAULT_CONFIG), for CreateTopics v5+ and DescribeConfigs. Values are strings, as the admin APIs carry them.
import type { BrokerConfig } from '../config.js';
import { isKnownTopicConfig } from './topics.js';

/** DescribeConfigs config_source values. */
export const ConfigSource = { TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 } as const;

const LONG_MAX = '9223372036854775807';

export interface ConfigEntry {
  name: string;
  value: string;
  source: number;
}

export function topicConfigDefaults(config: BrokerConfig): Record<string, string> {
  return {
    'cleanup.policy': 'delete',
    'compression.type': 'producer',
    'delete.retention.ms': '86400000',
    'flush.messages': config.fsync === 'always' ? '1' : LONG_MAX,
    'flush.ms': typeof config.fsync === 'number' ? String(config.fsync) : LONG_MAX,
    'index.interval.bytes': '4096',
    'max.message.bytes': String(config.messageMaxBytes),
    'message.timestamp.type': 'CreateTime',
    'min.insync.replicas': '1',
    'retention.bytes': String(config.retentionBytes),
    'retention.ms': String(config.retentionMs),
    'segment.bytes': String(config.segmentBytes),
    'segment.index.bytes': '10485760',
    'segment.ms': String(config.segmentMs),
  };
}

/** Every known config of a topic, sorted by name; `only` restricts to those names (unknown ones skipped). */
export function topicConfigEntries(
  config: BrokerConfig,
  explicit: Record<string, string>,
  only: readonly string[] | null = null,
): ConfigEntry[] {
  const defaults = topicConfigDefaults(config);
  const names = only === null ? Object.keys(defaults).sort() : only.filter(isKnownTopicConfig);
  const out: ConfigEntry[] = [];
  for (const name of names) {
    const own = explicit[name];
    if (own !== undefined) out.push({ name, value: own, source: ConfigSource.TOPIC_CONFIG });
    else out.push({ name, value: defaults[name] ?? '', source: ConfigSource.DEFAULT_CONFIG });
  }
  return out;
}
