// DescribeConfigs, versions 0-4.
//
// TOPIC resources: every known topic config with its effective value: set on the topic (source TOPIC_CONFIG),
// else the cluster-wide default set live (DYNAMIC_DEFAULT_BROKER_CONFIG), else the broker's setting
// (STATIC_BROKER_CONFIG when the broker was started with a non-default value, else DEFAULT_CONFIG), or only
// the keys asked. These are the values the partition logs run with. BROKER resources (this node id, or ""
// for defaults): the broker settings clients ask about, read-only (STATIC_BROKER_CONFIG), and the
// cluster-wide defaults that AlterConfigs changes (min.insync.replicas, unclean.leader.election.enable). Anything else is INVALID_REQUEST; an unknown
// topic is UNKNOWN_TOPIC_OR_PARTITION. v1+ config_source, v3+ config_type.
// Skipped: synonyms and documentation (empty / null), BROKER_LOGGER resources.

import { CLUSTER_DEFAULT_CONFIGS } from '../../cluster/metadata/controller.js';
import { CLUSTER_DEFAULT_RESOURCE } from '../../cluster/metadata/elections.js';
import { ConfigResourceType } from '../../cluster/metadata/image.js';
import {
  type ConfigEntry,
  ConfigSource,
  topicConfigDefaults,
  topicConfigEntries,
} from '../../cluster/topic-configs.js';
import type { BrokerConfig } from '../../config.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeConfigsApi } from '../../protocol/generated/api-keys.js';
import {
  createDescribeConfigsResponse,
  type DescribeConfigsRequestDescribeConfigsResource,
  type DescribeConfigsResponseDescribeConfigsResourceResult,
  type DescribeConfigsResponseDescribeConfigsResult,
} from '../../protocol/generated/describe-configs.js';
import { type BrokerContext, defineHandler } from '../handler.js';

const ResourceType = { TOPIC: 2, BROKER: 4 } as const;
/** ConfigType values (v3+). */
const ConfigType = { BOOLEAN: 1, STRING: 2, LONG: 5 } as const;

export const describeConfigs = defineHandler(DescribeConfigsApi, 0, 4, (ctx, req) => {
  return createDescribeConfigsResponse({ results: req.resources.map((r) => describeOne(ctx, r)) });
});

function describeOne(
  ctx: BrokerContext,
  r: DescribeConfigsRequestDescribeConfigsResource,
): DescribeConfigsResponseDescribeConfigsResult {
  const result: DescribeConfigsResponseDescribeConfigsResult = {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    resourceType: r.resourceType,
    resourceName: r.resourceName,
    configs: [],
  };
  if (r.resourceType === ResourceType.TOPIC) {
    const info = ctx.replicas.topic(r.resourceName);
    if (info === undefined) {
      result.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      result.errorMessage = `unknown topic '${r.resourceName}'`;
      return result;
    }
    result.configs = topicConfigEntries(
      ctx.config,
      info.configs,
      r.configurationKeys,
      clusterDefaults(ctx),
    ).map((e) => entry(e, false));
    return result;
  }
  if (
    r.resourceType === ResourceType.BROKER &&
    (r.resourceName === '' || r.resourceName === String(ctx.nodeId))
  ) {
    const dynamic = clusterDefaultEntries(ctx.config, clusterDefaults(ctx));
    const all = [...brokerConfigEntries(ctx.config), ...dynamic].sort((a, b) => (a.name < b.name ? -1 : 1));
    const only = r.configurationKeys;
    result.configs = (only === null ? all : all.filter((e) => only.includes(e.name))).map((e) =>
      entry(e, !dynamic.includes(e)),
    );
    return result;
  }
  result.errorCode = ErrorCode.INVALID_REQUEST;
  result.errorMessage = `cannot describe resource type ${r.resourceType} '${r.resourceName}'`;
  return result;
}

function clusterDefaults(ctx: BrokerContext): ReadonlyMap<string, string> {
  return ctx.cluster.image.configsOf(ConfigResourceType.Broker, CLUSTER_DEFAULT_RESOURCE);
}

/** The topic configs with a cluster-wide default that can be set live: the set value, or the built-in one. */
function clusterDefaultEntries(c: BrokerConfig, set: ReadonlyMap<string, string>): ConfigEntry[] {
  const builtIn = topicConfigDefaults(c);
  return CLUSTER_DEFAULT_CONFIGS.map((name) => {
    const value = set.get(name);
    return value !== undefined
      ? { name, value, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG }
      : { name, value: builtIn[name] ?? '', source: ConfigSource.DEFAULT_CONFIG };
  });
}

function brokerConfigEntries(c: BrokerConfig): ConfigEntry[] {
  const values: Record<string, string> = {
    'auto.create.topics.enable': String(c.autoCreateTopics),
    'broker.id': String(c.nodeId),
    'log.cleaner.backoff.ms': String(c.logCleanerIntervalMs),
    'log.retention.bytes': String(c.retentionBytes),
    'log.retention.ms': String(c.retentionMs),
    'log.segment.bytes': String(c.segmentBytes),
    'max.connections': String(c.maxConnections),
    'message.max.bytes': String(c.messageMaxBytes),
    'node.id': String(c.nodeId),
    'num.partitions': String(c.numPartitions),
    'socket.request.max.bytes': String(c.socketRequestMaxBytes),
  };
  return Object.keys(values).map((name) => ({
    name,
    value: values[name]!,
    source: ConfigSource.STATIC_BROKER_CONFIG,
  }));
}

function entry(e: ConfigEntry, readOnly: boolean): DescribeConfigsResponseDescribeConfigsResourceResult {
  return {
    name: e.name,
    value: e.value,
    readOnly,
    isDefault: e.source === ConfigSource.DEFAULT_CONFIG,
    configSource: e.source,
    isSensitive: false,
    synonyms: [],
    configType: /^-?\d+$/.test(e.value)
      ? ConfigType.LONG
      : e.value === 'true' || e.value === 'false'
        ? ConfigType.BOOLEAN
        : ConfigType.STRING,
    documentation: null,
  };
}
