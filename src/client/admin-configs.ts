// Config administration for Admin, with KafkaJS's names and shapes: describeConfigs, alterConfigs (the
// legacy API: the entries given replace the resource's whole set) and incrementalAlterConfigs (per entry:
// set, delete, append, subtract). Broker resources go to that broker, topic resources to the controller.
import {
  AlterConfigsApi,
  DescribeConfigsApi,
  IncrementalAlterConfigsApi,
} from '../protocol/generated/api-keys.js';
import type { Cluster } from './cluster.js';
import type { Connection } from './connection.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

/** Kafka's config resource types (KafkaJS: ConfigResourceTypes). */
export const ConfigResourceType = {
  UNKNOWN: 0,
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  BROKER: 4,
  BROKER_LOGGER: 8,
} as const;

/** DescribeConfigs config_source values (KafkaJS: ConfigSource). */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export interface ConfigResource {
  type: number;
  name: string;
}

export interface ConfigEntryDescription {
  configName: string;
  configValue: string | null;
  readOnly: boolean;
  isDefault: boolean;
  configSource: number;
  isSensitive: boolean;
  configSynonyms: { configName: string; configValue: string | null; configSource: number }[];
}

export interface ResourceConfigs {
  resourceType: number;
  resourceName: string;
  errorCode: number;
  errorMessage: string | null;
  configEntries: ConfigEntryDescription[];
}

export interface AlterConfigsResult {
  resourceType: number;
  resourceName: string;
  errorCode: number;
  errorMessage: string | null;
}

export type ConfigOperation = 'set' | 'delete' | 'append' | 'subtract';
const OPERATIONS: Readonly<Record<ConfigOperation, number>> = { set: 0, delete: 1, append: 2, subtract: 3 };

/** Runs `fn` per target broker: that broker for BROKER resources, `other` for the rest. */
async function byTarget<R extends ConfigResource, T>(
  cluster: Cluster,
  resources: readonly R[],
  other: <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>,
  fn: (conn: Connection, list: R[]) => Promise<T[]>,
): Promise<T[]> {
  if (!Array.isArray(resources) || resources.length === 0)
    throw new ClientError('resources must not be empty');
  const groups = new Map<number, R[]>();
  for (const r of resources) {
    const broker =
      r.type === ConfigResourceType.BROKER || r.type === ConfigResourceType.BROKER_LOGGER
        ? r.name === ''
          ? -1
          : Number(r.name)
        : -1;
    if (!Number.isInteger(broker))
      throw new ClientError(`broker resource name must be a node id, not '${r.name}'`);
    const list = groups.get(broker) ?? [];
    list.push(r);
    groups.set(broker, list);
  }
  const out: T[] = [];
  for (const [broker, list] of groups) {
    if (broker < 0) out.push(...(await other((conn) => fn(conn, list))));
    else {
      if (cluster.brokers.size === 0) await cluster.fetchMetadata([], false);
      const conn = cluster.connectionFor(broker);
      await conn.connect();
      out.push(...(await fn(conn, list)));
    }
  }
  return out;
}

function throwFirst(
  results: readonly { errorCode: number; errorMessage: string | null; resourceName: string }[],
  what: string,
): void {
  const failed = results.find((r) => r.errorCode !== ErrorCode.NONE);
  if (failed !== undefined)
    throw new KafkaError(
      failed.errorCode,
      `${what} ${failed.resourceName}${failed.errorMessage ? `: ${failed.errorMessage}` : ''}`,
    );
}

export async function describeConfigs(
  cluster: Cluster,
  controller: <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>,
  opts: { resources: readonly (ConfigResource & { configNames?: string[] })[]; includeSynonyms?: boolean },
): Promise<{ resources: ResourceConfigs[] }> {
  const results = await byTarget(cluster, opts.resources, controller, async (conn, list) => {
    const res = await conn.request(DescribeConfigsApi, {
      resources: list.map((r) => ({
        resourceType: r.type,
        resourceName: r.name,
        configurationKeys: r.configNames === undefined || r.configNames.length === 0 ? null : r.configNames,
      })),
      includeSynonyms: opts.includeSynonyms ?? false,
      includeDocumentation: false,
    });
    return res.results.map(
      (r): ResourceConfigs => ({
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        errorCode: r.errorCode,
        errorMessage: r.errorMessage,
        configEntries: r.configs.map((c) => ({
          configName: c.name,
          configValue: c.value,
          readOnly: c.readOnly,
          isDefault: c.isDefault || c.configSource === ConfigSource.DEFAULT_CONFIG,
          configSource: c.configSource,
          isSensitive: c.isSensitive,
          configSynonyms: c.synonyms.map((s) => ({
            configName: s.name,
            configValue: s.value,
            configSource: s.source,
          })),
        })),
      }),
    );
  });
  throwFirst(results, 'describe configs of');
  return { resources: results };
}

export async function alterConfigs(
  cluster: Cluster,
  controller: <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>,
  opts: {
    validateOnly?: boolean;
    resources: readonly (ConfigResource & { configEntries: { name: string; value: string }[] })[];
  },
): Promise<{ resources: AlterConfigsResult[] }> {
  const results = await byTarget(cluster, opts.resources, controller, async (conn, list) => {
    const res = await conn.request(AlterConfigsApi, {
      resources: list.map((r) => ({
        resourceType: r.type,
        resourceName: r.name,
        configs: r.configEntries.map((e) => ({ name: e.name, value: e.value })),
      })),
      validateOnly: opts.validateOnly ?? false,
    });
    return res.responses.map((r) => ({ ...r }));
  });
  throwFirst(results, 'alter configs of');
  return { resources: results };
}

export async function incrementalAlterConfigs(
  cluster: Cluster,
  controller: <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>,
  opts: {
    validateOnly?: boolean;
    resources: readonly (ConfigResource & {
      configEntries: { name: string; value?: string | null; operation?: ConfigOperation }[];
    })[];
  },
): Promise<{ resources: AlterConfigsResult[] }> {
  const results = await byTarget(cluster, opts.resources, controller, async (conn, list) => {
    const res = await conn.request(IncrementalAlterConfigsApi, {
      resources: list.map((r) => ({
        resourceType: r.type,
        resourceName: r.name,
        configs: r.configEntries.map((e) => {
          const op = OPERATIONS[e.operation ?? 'set'];
          if (op === undefined) throw new ClientError(`unknown config operation ${e.operation}`);
          return { name: e.name, configOperation: op, value: e.value ?? null };
        }),
      })),
      validateOnly: opts.validateOnly ?? false,
    });
    return res.responses.map((r) => ({ ...r }));
  });
  throwFirst(results, 'alter configs of');
  return { resources: results };
}
