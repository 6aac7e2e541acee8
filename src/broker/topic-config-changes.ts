// Changing a live topic's configs (AlterConfigs, IncrementalAlterConfigs): work out the new set of explicit
// configs, check every value as CreateTopics would, then reopen the topic's partition logs with the new
// settings (so retention, segment size, max.message.bytes... act at once) and persist them in topics.json.
// Changes are serialized per broker: two requests racing on one topic must not each start from the old set.

import {
  type ChangeResult,
  ResourceType,
  topicLogConfig,
  topicLogConfigProblem,
} from '../cluster/topic-configs.js';
import { validateTopicConfig } from '../cluster/topics.js';
import { ErrorCode } from '../protocol/errors.js';
import type { BrokerContext } from './handler.js';

export {
  applyChanges,
  type ChangeResult,
  type ConfigChange,
  ConfigOp,
  ResourceType,
} from '../cluster/topic-configs.js';

const OK: ChangeResult = { errorCode: ErrorCode.NONE, errorMessage: null };
const fail = (errorCode: number, errorMessage: string): ChangeResult => ({ errorCode, errorMessage });

let queue: Promise<unknown> = Promise.resolve();

/**
 * Replaces a topic's explicit configs with `compute(current)` (or checks them only, with validateOnly).
 * Errors per resource: UNKNOWN_TOPIC_OR_PARTITION, INVALID_CONFIG (a value the registry or the log refuses),
 * INVALID_REQUEST (internal topics: the broker owns their settings).
 */
export function changeTopicConfigs(
  ctx: BrokerContext,
  topic: string,
  compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
  validateOnly: boolean,
): Promise<ChangeResult> {
  const run = queue.then(() => change(ctx, topic, compute, validateOnly));
  queue = run.catch(() => {});
  return run;
}

async function change(
  ctx: BrokerContext,
  topic: string,
  compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
  validateOnly: boolean,
): Promise<ChangeResult> {
  const info = ctx.replicas.topic(topic);
  if (info === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${topic}'`);
  if (info.internal) return fail(ErrorCode.INVALID_REQUEST, `the broker owns the configs of '${topic}'`);
  const next = compute(info.configs);
  if ('errorCode' in next) return next as ChangeResult;
  for (const [name, value] of Object.entries(next as Record<string, string>)) {
    if (!validateTopicConfig(name, value))
      return fail(ErrorCode.INVALID_CONFIG, `invalid value '${value}' for ${name}`);
  }
  const problem = topicLogConfigProblem(ctx.config, next as Record<string, string>);
  if (problem !== null) return fail(ErrorCode.INVALID_CONFIG, problem);
  if (validateOnly) return OK;
  const old = info.configs;
  // CreatePartitions may add partitions (with the old configs) while these reopen: go round until none
  // is left behind. Nothing awaits between the last round and setConfigs, so none can slip in after.
  let reopened = OK;
  for (let done = 0; reopened.errorCode === ErrorCode.NONE && done < info.partitions; ) {
    const upTo = info.partitions;
    reopened = await reopen(ctx, topic, done, upTo, next as Record<string, string>);
    done = upTo;
  }
  if (reopened.errorCode !== ErrorCode.NONE) {
    // Put every partition back on the settings topics.json still holds.
    await reopen(ctx, topic, 0, info.partitions, old);
    return reopened;
  }
  try {
    ctx.replicas.setTopicConfigs(topic, next as Record<string, string>);
  } catch (err) {
    // Deleted meanwhile (its logs are gone with it), or topics.json could not be written.
    await reopen(ctx, topic, 0, info.partitions, old);
    return fail(ErrorCode.UNKNOWN_SERVER_ERROR, `could not persist the configs of '${topic}': ${err}`);
  }
  ctx.log.info(`topic ${topic}: configs now ${JSON.stringify(next)}`);
  return OK;
}

async function reopen(
  ctx: BrokerContext,
  topic: string,
  from: number,
  to: number,
  configs: Record<string, string>,
): Promise<ChangeResult> {
  const logConfig = topicLogConfig(configs);
  const opens = [];
  for (let p = from; p < to; p++) opens.push(ctx.store.open(topic, p, false, logConfig));
  for (const r of await Promise.all(opens)) {
    if (r.errorCode !== ErrorCode.NONE)
      return fail(r.errorCode, `could not apply the configs to the partition logs of '${topic}'`);
  }
  return OK;
}

/**
 * In a cluster: a topic's configs as the metadata quorum committed them (already validated by the
 * controller). The partition logs hosted here are reopened with them, then the local copy is replaced.
 */
export function applyCommittedTopicConfigs(
  ctx: BrokerContext,
  topic: string,
  configs: Record<string, string>,
): Promise<ChangeResult> {
  const run = queue.then(async () => {
    const info = ctx.replicas.topic(topic);
    if (info === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${topic}'`);
    const logConfig = topicLogConfig(configs);
    const opens = [];
    for (let p = 0; p < info.partitions; p++) {
      if (ctx.replicas.hostsReplica(topic, p)) opens.push(ctx.store.open(topic, p, false, logConfig));
    }
    for (const r of await Promise.all(opens)) {
      if (r.errorCode !== ErrorCode.NONE)
        return fail(r.errorCode, `could not apply the configs to the partition logs of '${topic}'`);
    }
    ctx.replicas.setTopicConfigs(topic, configs);
    ctx.log.info(`topic ${topic}: configs now ${JSON.stringify(configs)}`);
    return OK;
  });
  queue = run.catch(() => {});
  return run;
}

/** One resource's answer, the same shape in AlterConfigs and IncrementalAlterConfigs responses. */
export interface ResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

/**
 * What AlterConfigs and IncrementalAlterConfigs share on a lone broker: a resource named twice gets
 * INVALID_REQUEST (every copy), a resource that is not a topic INVALID_REQUEST, and each topic gets the
 * configs `compute` makes from its current ones (see changeTopicConfigs).
 */
export function alterTopicResources<R extends { resourceType: number; resourceName: string }>(
  ctx: BrokerContext,
  resources: readonly R[],
  validateOnly: boolean,
  compute: (r: R) => (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
): Promise<ResourceResult[]> {
  const id = (r: R) => `${r.resourceType}:${r.resourceName}`;
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(id(r), (counts.get(id(r)) ?? 0) + 1);
  const answer = (r: R, errorCode: number, errorMessage: string | null): ResourceResult => ({
    errorCode,
    errorMessage,
    resourceType: r.resourceType,
    resourceName: r.resourceName,
  });
  return Promise.all(
    resources.map(async (r) => {
      if ((counts.get(id(r)) ?? 0) > 1)
        return answer(r, ErrorCode.INVALID_REQUEST, `resource '${r.resourceName}' appears more than once`);
      if (r.resourceType !== ResourceType.TOPIC)
        return answer(
          r,
          ErrorCode.INVALID_REQUEST,
          `configs of resource type ${r.resourceType} cannot be altered`,
        );
      const done = await changeTopicConfigs(ctx, r.resourceName, compute(r), validateOnly);
      return answer(r, done.errorCode, done.errorMessage);
    }),
  );
}
