// DescribeConfigs, versions 0-4.
//
// TOPIC resources: every known topic config with its effective value: set on the topic (source
// TOPIC_CONFIG), else this broker's dynamic value of its broker synonym (log.retention.ms for retention.ms;
// DYNAMIC_BROKER_CONFIG), else the cluster-wide dynamic default (DYNAMIC_DEFAULT_BROKER_CONFIG), else the
// broker's setting (STATIC_BROKER_CONFIG when the broker was started with a non-default value, else
// DEFAULT_CONFIG), or only the keys asked. These are the values the partition logs here run with. BROKER
// resources (this node id, or "" for the cluster defaults): the dynamic broker configs (broker-configs.ts)
// as they resolve here (or at the default level), and the read-only settings clients ask about
// (STATIC_BROKER_CONFIG). Another broker's id is INVALID_REQUEST (clients send it to that broker, as to
// Kafka); any other resource INVALID_REQUEST; an unknown topic UNKNOWN_TOPIC_OR_PARTITION. v1+
// config_source and, when include_synonyms, every value in precedence order; v3+ config_type.
// Skipped: documentation (null), BROKER_LOGGER resources.

import { dynamicBrokerEntries, dynamicTopicDefaults } from '../../cluster/broker-configs.js';
// Authorization (with --authorizer): DESCRIBE_CONFIGS on the topic (TOPIC_AUTHORIZATION_FAILED) or, for broker
// resources, the cluster (CLUSTER_AUTHORIZATION_FAILED).
import { AclOperation } from '../../cluster/metadata/acls.js';
import { type ConfigEntry, ConfigSource, topicConfigEntries } from '../../cluster/topic-configs.js';
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
import { configResourceRefusal } from '../security/cluster-gate.js';

const ResourceType = { TOPIC: 2, BROKER: 4 } as const;
/** ConfigType values (v3+). */
const ConfigType = { BOOLEAN: 1, STRING: 2, LONG: 5 } as const;

export const describeConfigs = defineHandler(
  DescribeConfigsApi,
  0,
  4,
  (ctx, req, version, _header, _timing, session) => {
    const synonyms = version >= 1 && req.includeSynonyms;
    return createDescribeConfigsResponse({
      results: req.resources.map((r) => {
        const refused = configResourceRefusal(
          ctx.authorizer,
          session,
          AclOperation.DESCRIBE_CONFIGS,
          r.resourceType,
          r.resourceName,
        );
        if (refused === ErrorCode.NONE) return describeOne(ctx, r, synonyms);
        return {
          errorCode: refused,
          errorMessage: null,
          resourceType: r.resourceType,
          resourceName: r.resourceName,
          configs: [],
        };
      }),
    });
  },
);

function describeOne(
  ctx: BrokerContext,
  r: DescribeConfigsRequestDescribeConfigsResource,
  synonyms: boolean,
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
    const dynamic = dynamicTopicDefaults(ctx.cluster.image, ctx.nodeId);
    result.configs = topicConfigEntries(ctx.config, info.configs, r.configurationKeys, dynamic).map((e) =>
      entry(e, false, synonyms),
    );
    return result;
  }
  if (
    r.resourceType === ResourceType.BROKER &&
    (r.resourceName === '' || r.resourceName === String(ctx.nodeId))
  ) {
    const nodeId = r.resourceName === '' ? null : ctx.nodeId;
    const dynamic: ConfigEntry[] = dynamicBrokerEntries(ctx.cluster.image, nodeId, ctx.config);
    const names = new Set(dynamic.map((e) => e.name));
    const fixed = brokerConfigEntries(ctx.config).filter((e) => !names.has(e.name));
    const all = [...fixed, ...dynamic].sort((a, b) => (a.name < b.name ? -1 : 1));
    const only = r.configurationKeys;
    result.configs = (only === null ? all : all.filter((e) => only.includes(e.name))).map((e) =>
      entry(e, !names.has(e.name), synonyms),
    );
    return result;
  }
  result.errorCode = ErrorCode.INVALID_REQUEST;
  result.errorMessage =
    r.resourceType === ResourceType.BROKER
      ? `this is broker ${ctx.nodeId}: describe broker ${r.resourceName} on that broker`
      : `cannot describe resource type ${r.resourceType} '${r.resourceName}'`;
  return result;
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

function entry(
  e: ConfigEntry,
  readOnly: boolean,
  synonyms: boolean,
): DescribeConfigsResponseDescribeConfigsResourceResult {
  return {
    name: e.name,
    value: e.value,
    readOnly,
    isDefault: e.source === ConfigSource.DEFAULT_CONFIG,
    configSource: e.source,
    isSensitive: false,
    synonyms: synonyms
      ? (e.synonyms ?? [e]).map((x) => ({ name: x.name, value: x.value, source: x.source }))
      : [],
    configType: /^-?\d+$/.test(e.value)
      ? ConfigType.LONG
      : e.value === 'true' || e.value === 'false'
        ? ConfigType.BOOLEAN
        : ConfigType.STRING,
    documentation: null,
  };
}
