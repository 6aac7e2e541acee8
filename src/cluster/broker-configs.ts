// Dynamic broker configs (Kafka's KIP-226), kept as ConfigRecords on the BROKER resource of the metadata
// log: one broker's own (resource "N") and the cluster-wide default (resource ""). On broker N a value
// resolves as broker N's, else the default's, else the static setting (a flag or the properties file),
// else the built-in one. The log.* names (and message.max.bytes, compression.type) are the defaults of
// topic configs, so a topic's value resolves topic > broker N > cluster default > static.
//
// min.insync.replicas and unclean.leader.election.enable are cluster-wide only: the controller decides
// elections and the ELR with them for every broker, so one broker's own value would split that decision
// (Kafka's KIP-966 asks the same of min.insync.replicas). The replication throttle rates (KIP-73) set this
// broker's leader and follower quotas. Any other known broker setting is read-only (INVALID_REQUEST, as
// Kafka's "Cannot update these configs dynamically"); an unknown name is INVALID_CONFIG.
import { type BrokerConfig, staticPropertyNames } from '../config.js';
import { ErrorCode } from '../protocol/errors.js';
import { CLUSTER_DEFAULT_RESOURCE } from './metadata/elections.js';
import { ConfigResourceType } from './metadata/image.js';
import {
  type ChangeResult,
  ConfigSource,
  type ConfigSynonym,
  LONG_MAX,
  staticTopicDefault,
  TOPIC_DEFAULT_CONFIGS,
  topicLogConfigProblem,
} from './topic-configs.js';
import { validateTopicConfig } from './topics.js';

export { CLUSTER_DEFAULT_RESOURCE };

export const LEADER_THROTTLED_RATE = 'leader.replication.throttled.rate';
export const FOLLOWER_THROTTLED_RATE = 'follower.replication.throttled.rate';

/** Settable on the cluster default only. */
export const CLUSTER_WIDE_ONLY: ReadonlySet<string> = new Set([
  'min.insync.replicas',
  'unclean.leader.election.enable',
]);

const THROTTLE_RATES: ReadonlySet<string> = new Set([LEADER_THROTTLED_RATE, FOLLOWER_THROTTLED_RATE]);

/** A rate of this or more (Kafka's default is Long.MAX_VALUE) means no throttle. */
const UNLIMITED_RATE = Number.MAX_SAFE_INTEGER;

/** Every dynamic broker config name, sorted. */
export const DYNAMIC_BROKER_CONFIGS: readonly string[] = [
  ...Object.keys(TOPIC_DEFAULT_CONFIGS),
  ...THROTTLE_RATES,
].sort();

export function isDynamicBrokerConfig(name: string): boolean {
  return name in TOPIC_DEFAULT_CONFIGS || THROTTLE_RATES.has(name);
}

/** What the broker's configs are read from: a metadata image. */
export interface ConfigsView {
  configsOf(resourceType: number, name: string): ReadonlyMap<string, string>;
}

const fail = (errorCode: number, errorMessage: string): ChangeResult => ({ errorCode, errorMessage });

/** Null when `name` is a BROKER resource that can hold dynamic configs: "" or a broker id. */
export function brokerResourceProblem(name: string): ChangeResult | null {
  if (name === CLUSTER_DEFAULT_RESOURCE) return null;
  if (/^\d{1,10}$/.test(name) && Number(name) <= 0x7fffffff) return null;
  return fail(ErrorCode.INVALID_REQUEST, `'${name}' is not a broker id (or '' for the cluster default)`);
}

/**
 * Null when the BROKER resource `resource` may hold these dynamic configs, else the error: INVALID_CONFIG for
 * an unknown name or a bad value, INVALID_REQUEST for a read-only broker setting or a cluster-wide-only
 * config set on one broker.
 */
export function brokerConfigsProblem(
  config: BrokerConfig,
  resource: string,
  wanted: Readonly<Record<string, string>>,
): ChangeResult | null {
  const bad = brokerResourceProblem(resource);
  if (bad !== null) return bad;
  const readOnly = Object.keys(wanted).filter((k) => !isDynamicBrokerConfig(k) && isStaticName(k));
  if (readOnly.length > 0)
    return fail(ErrorCode.INVALID_REQUEST, `Cannot update these configs dynamically: ${readOnly.join(', ')}`);
  for (const [key, value] of Object.entries(wanted)) {
    if (!isDynamicBrokerConfig(key))
      return fail(
        ErrorCode.INVALID_CONFIG,
        `unknown broker config '${key}' (dynamic ones: ${DYNAMIC_BROKER_CONFIGS.join(', ')})`,
      );
    if (resource !== CLUSTER_DEFAULT_RESOURCE && CLUSTER_WIDE_ONLY.has(key))
      return fail(
        ErrorCode.INVALID_REQUEST,
        `${key} is cluster-wide: set it on the cluster default (resource name ''), not on broker ${resource}`,
      );
    if (THROTTLE_RATES.has(key)) {
      if (!/^\d+$/.test(value) || Number(value) < 1)
        return fail(
          ErrorCode.INVALID_CONFIG,
          `invalid value '${value}' for ${key}: bytes per second, at least 1`,
        );
      continue;
    }
    const topicName = TOPIC_DEFAULT_CONFIGS[key]!;
    if (!validateTopicConfig(topicName, value))
      return fail(ErrorCode.INVALID_CONFIG, `invalid value '${value}' for ${key}`);
    const problem = topicLogConfigProblem(config, { [topicName]: value });
    if (problem !== null) return fail(ErrorCode.INVALID_CONFIG, `${key}: ${problem}`);
  }
  return null;
}

let staticNames: ReadonlySet<string> | null = null;
function isStaticName(name: string): boolean {
  staticNames ??= new Set([...staticPropertyNames(), 'broker.id', 'log.dir', 'log.retention.hours']);
  return staticNames.has(name);
}

/** The dynamic values of `name` that apply on broker `nodeId`, most specific first (broker, then default). */
export function dynamicSynonyms(image: ConfigsView, nodeId: number | null, name: string): ConfigSynonym[] {
  const out: ConfigSynonym[] = [];
  if (nodeId !== null) {
    const own = image.configsOf(ConfigResourceType.Broker, String(nodeId)).get(name);
    if (own !== undefined) out.push({ name, value: own, source: ConfigSource.DYNAMIC_BROKER_CONFIG });
  }
  const cluster = image.configsOf(ConfigResourceType.Broker, CLUSTER_DEFAULT_RESOURCE).get(name);
  if (cluster !== undefined)
    out.push({ name, value: cluster, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
  return out;
}

/**
 * The dynamic defaults of topic configs on broker `nodeId` (null: the cluster default alone), by topic
 * config name, most specific first: what DescribeConfigs shows and the logs use for topics without their own.
 */
export function dynamicTopicDefaults(
  image: ConfigsView,
  nodeId: number | null,
): Map<string, ConfigSynonym[]> {
  const out = new Map<string, ConfigSynonym[]>();
  for (const [brokerName, topicName] of Object.entries(TOPIC_DEFAULT_CONFIGS)) {
    const found = dynamicSynonyms(image, nodeId, brokerName);
    if (found.length > 0) out.set(topicName, found);
  }
  return out;
}

/** The winning value of each dynamic topic default, by topic config name (for the partition logs). */
export function effectiveTopicDefaults(image: ConfigsView, nodeId: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [topicName, found] of dynamicTopicDefaults(image, nodeId)) out[topicName] = found[0]!.value;
  return out;
}

/** This broker's replication quotas in bytes/s (0: none): dynamic per broker, dynamic default, static flag. */
export function throttleRates(
  image: ConfigsView,
  nodeId: number,
  config: BrokerConfig,
): { leader: number; follower: number } {
  const rate = (name: string, fallback: number) => {
    const v = dynamicSynonyms(image, nodeId, name)[0]?.value;
    if (v === undefined) return fallback;
    const n = Number(v);
    return n >= UNLIMITED_RATE ? 0 : n;
  };
  return {
    leader: rate(LEADER_THROTTLED_RATE, config.leaderReplicationThrottledRate),
    follower: rate(FOLLOWER_THROTTLED_RATE, config.followerReplicationThrottledRate),
  };
}

/** The static or built-in value of a dynamic broker config, with its source. */
function staticEntry(config: BrokerConfig, name: string): ConfigSynonym {
  if (THROTTLE_RATES.has(name)) {
    const v =
      name === LEADER_THROTTLED_RATE
        ? config.leaderReplicationThrottledRate
        : config.followerReplicationThrottledRate;
    return v > 0
      ? { name, value: String(v), source: ConfigSource.STATIC_BROKER_CONFIG }
      : { name, value: LONG_MAX, source: ConfigSource.DEFAULT_CONFIG };
  }
  const s = staticTopicDefault(config, TOPIC_DEFAULT_CONFIGS[name]!);
  return { name, value: s.value, source: s.source };
}

export interface BrokerConfigEntry {
  name: string;
  value: string;
  source: number;
  /** Every value in precedence order, the winning one first (DescribeConfigs synonyms). */
  synonyms: ConfigSynonym[];
}

/** Every dynamic broker config as it resolves on broker `nodeId` (null: the cluster default resource). */
export function dynamicBrokerEntries(
  image: ConfigsView,
  nodeId: number | null,
  config: BrokerConfig,
): BrokerConfigEntry[] {
  return DYNAMIC_BROKER_CONFIGS.map((name) => {
    const synonyms = [...dynamicSynonyms(image, nodeId, name), staticEntry(config, name)];
    const built = staticEntry(config, name);
    if (built.source === ConfigSource.STATIC_BROKER_CONFIG)
      synonyms.push({ name, value: builtInValue(name), source: ConfigSource.DEFAULT_CONFIG });
    const top = synonyms[0]!;
    return { name, value: top.value, source: top.source, synonyms };
  });
}

function builtInValue(name: string): string {
  if (THROTTLE_RATES.has(name)) return LONG_MAX;
  return staticTopicDefault(null, TOPIC_DEFAULT_CONFIGS[name]!).value;
}
