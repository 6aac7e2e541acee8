// A topic's effective configs: the ones set on it (source TOPIC_CONFIG) over the dynamic broker defaults
// (broker-configs.ts: this broker's own, then the cluster's) over the broker's settings (source
// STATIC_BROKER_CONFIG when the broker was started with a value other than the built-in one, else
// DEFAULT_CONFIG), for CreateTopics v5+ and DescribeConfigs. Values are strings, as the admin APIs carry them.
// Also the mapping from those strings to the storage layer's LogConfig, which is how a topic's settings reach
// its partition logs.
import { type BrokerConfig, defaultConfig } from '../config.js';
import { ErrorCode } from '../protocol/errors.js';
import { DEFAULT_LOG_CONFIG, type LogConfig, resolveLogConfig } from '../storage/config.js';
import { isKnownTopicConfig, validateTopicConfig } from './topics.js';

/** DescribeConfigs config_source values. */
export const ConfigSource = {
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

export const LONG_MAX = '9223372036854775807';

export interface ConfigSynonym {
  name: string;
  value: string;
  source: number;
}

export interface ConfigEntry extends ConfigSynonym {
  /** Every value in precedence order, the winning one first (DescribeConfigs synonyms). */
  synonyms?: ConfigSynonym[];
}

export function topicConfigDefaults(config: BrokerConfig): Record<string, string> {
  return {
    'cleanup.policy': DEFAULT_LOG_CONFIG.cleanupPolicy,
    'compression.type': 'producer',
    'delete.retention.ms': String(DEFAULT_LOG_CONFIG.deleteRetentionMs),
    'flush.messages': config.fsync === 'always' ? '1' : LONG_MAX,
    'flush.ms': typeof config.fsync === 'number' ? String(config.fsync) : LONG_MAX,
    'follower.replication.throttled.replicas': '',
    'index.interval.bytes': String(DEFAULT_LOG_CONFIG.indexIntervalBytes),
    'leader.replication.throttled.replicas': '',
    'max.message.bytes': String(config.messageMaxBytes),
    'message.timestamp.type': 'CreateTime',
    'min.cleanable.dirty.ratio': String(DEFAULT_LOG_CONFIG.minCleanableDirtyRatio),
    'min.insync.replicas': '1',
    'retention.bytes': String(config.retentionBytes),
    'retention.ms': String(config.retentionMs),
    'segment.bytes': String(config.segmentBytes),
    'segment.index.bytes': String(DEFAULT_LOG_CONFIG.segmentIndexBytes),
    'segment.ms': String(config.segmentMs),
    'unclean.leader.election.enable': 'false',
  };
}

/** Topic configs whose default is a broker setting (Kafka's synonyms: retention.ms <- log.retention.ms...). */
const BROKER_SYNONYMS: Readonly<Record<string, keyof BrokerConfig>> = {
  'flush.messages': 'fsync',
  'flush.ms': 'fsync',
  'max.message.bytes': 'messageMaxBytes',
  'retention.bytes': 'retentionBytes',
  'retention.ms': 'retentionMs',
  'segment.bytes': 'segmentBytes',
  'segment.ms': 'segmentMs',
};

/** Dynamic broker config -> the topic config it is the default of (Kafka's topic config synonyms). */
export const TOPIC_DEFAULT_CONFIGS: Readonly<Record<string, string>> = {
  'compression.type': 'compression.type',
  'log.cleaner.delete.retention.ms': 'delete.retention.ms',
  'log.cleaner.min.cleanable.ratio': 'min.cleanable.dirty.ratio',
  'log.cleanup.policy': 'cleanup.policy',
  'log.index.interval.bytes': 'index.interval.bytes',
  'log.index.size.max.bytes': 'segment.index.bytes',
  'log.message.timestamp.type': 'message.timestamp.type',
  'log.retention.bytes': 'retention.bytes',
  'log.retention.ms': 'retention.ms',
  'log.roll.ms': 'segment.ms',
  'log.segment.bytes': 'segment.bytes',
  'message.max.bytes': 'max.message.bytes',
  'min.insync.replicas': 'min.insync.replicas',
  'unclean.leader.election.enable': 'unclean.leader.election.enable',
};

/** Topic config -> its dynamic broker name (the inverse of TOPIC_DEFAULT_CONFIGS). */
export const BROKER_NAME_OF_TOPIC_CONFIG: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TOPIC_DEFAULT_CONFIGS).map(([broker, topic]) => [topic, broker]),
);

/** A topic config's default before any dynamic one: the broker's static setting, else built-in (null config). */
export function staticTopicDefault(config: BrokerConfig | null, name: string): ConfigSynonym {
  const builtIn = defaultConfig();
  const c = config ?? builtIn;
  const synonym = BROKER_SYNONYMS[name];
  const fromBroker = synonym !== undefined && c[synonym] !== builtIn[synonym];
  return {
    name: BROKER_NAME_OF_TOPIC_CONFIG[name] ?? name,
    value: topicConfigDefaults(c)[name] ?? '',
    source: fromBroker ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG,
  };
}

/**
 * Every known config of a topic, sorted by name; `only` restricts to those names (unknown ones skipped).
 * `dynamic` holds the dynamic broker defaults by topic config name, most specific first
 * (broker-configs.ts dynamicTopicDefaults). Each entry carries its synonyms, the winning value first.
 */
export function topicConfigEntries(
  config: BrokerConfig,
  explicit: Record<string, string>,
  only: readonly string[] | null = null,
  dynamic: ReadonlyMap<string, readonly ConfigSynonym[]> = new Map(),
): ConfigEntry[] {
  const defaults = topicConfigDefaults(config);
  const names = only === null ? Object.keys(defaults).sort() : only.filter(isKnownTopicConfig);
  const out: ConfigEntry[] = [];
  for (const name of names) {
    const synonyms: ConfigSynonym[] = [];
    const own = explicit[name];
    if (own !== undefined) synonyms.push({ name, value: own, source: ConfigSource.TOPIC_CONFIG });
    synonyms.push(...(dynamic.get(name) ?? []));
    const fallback = staticTopicDefault(config, name);
    synonyms.push(fallback);
    if (fallback.source === ConfigSource.STATIC_BROKER_CONFIG) synonyms.push(staticTopicDefault(null, name));
    const top = synonyms[0]!;
    out.push({ name, value: top.value, source: top.source, synonyms });
  }
  return out;
}

/** The broker's own settings for every log: what a topic config not set on the topic falls back to. */
export function brokerLogConfig(config: BrokerConfig): Partial<LogConfig> {
  return {
    segmentBytes: config.segmentBytes,
    segmentMs: config.segmentMs,
    retentionMs: config.retentionMs,
    retentionBytes: config.retentionBytes,
    flush: config.fsync,
    maxMessageBytes: config.messageMaxBytes,
    maxDecompressedBytes: config.messageMaxDecompressedBytes,
  };
}

/** Kafka longs past 2^53 (retention.ms=9223372036854775807 means forever) become the largest safe integer. */
function long(v: string): number {
  const n = Number(v);
  return Math.min(n, Number.MAX_SAFE_INTEGER);
}

/** Topic config -> LogConfig field; the topic configs not listed here do not change how the log behaves. */
const LOG_CONFIG_KEYS: Readonly<Record<string, [keyof LogConfig, (v: string) => number | string]>> = {
  'cleanup.policy': ['cleanupPolicy', (v) => v],
  'compression.type': ['compressionType', (v) => v],
  'delete.retention.ms': ['deleteRetentionMs', long],
  'index.interval.bytes': ['indexIntervalBytes', Number],
  'max.message.bytes': ['maxMessageBytes', Number],
  'message.timestamp.type': ['messageTimestampType', (v) => v],
  'min.cleanable.dirty.ratio': ['minCleanableDirtyRatio', Number],
  'retention.bytes': ['retentionBytes', long],
  'retention.ms': ['retentionMs', long],
  'segment.bytes': ['segmentBytes', Number],
  'segment.index.bytes': ['segmentIndexBytes', Number],
  'segment.ms': ['segmentMs', long],
};

/** Names of the topic configs applied to the partition logs. */
export const APPLIED_TOPIC_CONFIGS: readonly string[] = Object.keys(LOG_CONFIG_KEYS);

/** The topic's own settings as LogConfig overrides for its partitions (structured-cloneable). */
export function topicLogConfig(explicit: Record<string, string>): Partial<LogConfig> {
  const out: Record<string, number | string> = {};
  for (const name of Object.keys(explicit)) {
    const mapping = LOG_CONFIG_KEYS[name];
    const value = explicit[name];
    if (mapping !== undefined && value !== undefined) out[mapping[0]] = mapping[1](value.trim());
  }
  return out as Partial<LogConfig>;
}

/**
 * Null when a log can be opened with these topic configs over the broker's settings, else why not. The
 * registry checks each value's shape; this catches what only the log knows (segment.bytes below a batch
 * header, an int32 overflow), so a topic is never registered with settings its partitions would refuse.
 */
export function topicLogConfigProblem(config: BrokerConfig, explicit: Record<string, string>): string | null {
  try {
    resolveLogConfig({ ...brokerLogConfig(config), ...topicLogConfig(explicit) });
    return null;
  } catch (err) {
    // The log names its field (segmentBytes=20); answer with the topic config's name.
    const detail = err instanceof Error ? err.message : String(err);
    const field = detail.slice(0, detail.indexOf('='));
    const name = APPLIED_TOPIC_CONFIGS.find((n) => LOG_CONFIG_KEYS[n]![0] === field);
    return name === undefined
      ? `invalid log settings: ${detail}`
      : `${name}=${explicit[name] ?? detail.slice(field.length + 1)} is out of the range the log accepts`;
  }
}

// ---- config changes (IncrementalAlterConfigs, AlterConfigs), shared by the broker and the controller ----

/** IncrementalAlterConfigs config_operation values. */
export const ConfigOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;
/** DescribeConfigs/AlterConfigs resource types. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** Topic configs whose value is a comma-separated list (the ones APPEND and SUBTRACT apply to). */
const LIST_CONFIGS: ReadonlySet<string> = new Set([
  'cleanup.policy',
  'log.cleanup.policy',
  'leader.replication.throttled.replicas',
  'follower.replication.throttled.replicas',
]);
/** Defaults of the list configs, what APPEND and SUBTRACT start from when the topic does not set them. */
const LIST_DEFAULTS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'log.cleanup.policy': 'delete',
};

export interface ConfigChange {
  name: string;
  op: number;
  value: string | null;
}

export interface ChangeResult {
  errorCode: number;
  errorMessage: string | null;
}

const fail = (errorCode: number, errorMessage: string): ChangeResult => ({ errorCode, errorMessage });

/**
 * The explicit configs after applying `changes` to `current`, or why they cannot be applied. `topic` false:
 * a BROKER resource's, whose names are checked afterwards (broker-configs.ts).
 */
export function applyChanges(
  current: Readonly<Record<string, string>>,
  changes: readonly ConfigChange[],
  topic = true,
): Record<string, string> | ChangeResult {
  const seen = new Set<string>();
  const next: Record<string, string> = { ...current };
  for (const c of changes) {
    if (seen.has(c.name)) return fail(ErrorCode.INVALID_REQUEST, `config '${c.name}' appears more than once`);
    seen.add(c.name);
    if (topic && !isKnownTopicConfig(c.name))
      return fail(ErrorCode.INVALID_CONFIG, `unknown topic config '${c.name}'`);
    if (c.op === ConfigOp.DELETE) {
      delete next[c.name];
      continue;
    }
    if (c.value === null) return fail(ErrorCode.INVALID_REQUEST, `config '${c.name}' needs a value`);
    if (c.op === ConfigOp.SET) {
      next[c.name] = c.value;
      continue;
    }
    if (c.op !== ConfigOp.APPEND && c.op !== ConfigOp.SUBTRACT)
      return fail(ErrorCode.INVALID_REQUEST, `unknown config operation ${c.op} for '${c.name}'`);
    if (!LIST_CONFIGS.has(c.name))
      return fail(ErrorCode.INVALID_CONFIG, `'${c.name}' is not a list: APPEND and SUBTRACT do not apply`);
    const list = splitList(next[c.name] ?? LIST_DEFAULTS[c.name] ?? '');
    const items = splitList(c.value);
    const result =
      c.op === ConfigOp.APPEND
        ? [...list, ...items.filter((v) => !list.includes(v))]
        : list.filter((v) => !items.includes(v));
    next[c.name] = result.join(',');
  }
  return next;
}

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Null when a topic may hold these explicit configs: every name known, every value of the right shape, and
 * a partition log could be opened with them over the broker's settings; else INVALID_CONFIG and why.
 */
export function topicConfigsProblem(
  config: BrokerConfig,
  explicit: Readonly<Record<string, string>>,
): ChangeResult | null {
  for (const [name, value] of Object.entries(explicit)) {
    if (!isKnownTopicConfig(name)) return fail(ErrorCode.INVALID_CONFIG, `unknown topic config '${name}'`);
    if (!validateTopicConfig(name, value))
      return fail(ErrorCode.INVALID_CONFIG, `invalid value '${value}' for ${name}`);
  }
  const problem = topicLogConfigProblem(config, explicit);
  return problem === null ? null : fail(ErrorCode.INVALID_CONFIG, problem);
}

/** Whether two topics' explicit configs are the same names with the same values. */
export function sameConfigs(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
