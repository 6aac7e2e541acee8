// Changing a live topic's configs (AlterConfigs, IncrementalAlterConfigs): work out the new set of explicit
// configs, check every value as CreateTopics would, then reopen the topic's partition logs with the new
// settings (so retention, segment size, max.message.bytes... act at once) and persist them in topics.json.
// Changes are serialized per broker: two requests racing on one topic must not each start from the old set.

import { topicLogConfig, topicLogConfigProblem } from '../cluster/topic-configs.js';
import { isKnownTopicConfig, validateTopicConfig } from '../cluster/topics.js';
import { ErrorCode } from '../protocol/errors.js';
import type { BrokerContext } from './handler.js';

/** IncrementalAlterConfigs config_operation values. */
export const ConfigOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;
/** DescribeConfigs/AlterConfigs resource types. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** Topic configs whose value is a comma-separated list (the ones APPEND and SUBTRACT apply to). */
const LIST_CONFIGS: ReadonlySet<string> = new Set(['cleanup.policy']);
/** Defaults of the list configs, what APPEND and SUBTRACT start from when the topic does not set them. */
const LIST_DEFAULTS: Readonly<Record<string, string>> = { 'cleanup.policy': 'delete' };

export interface ConfigChange {
  name: string;
  op: number;
  value: string | null;
}

export interface ChangeResult {
  errorCode: number;
  errorMessage: string | null;
}

const OK: ChangeResult = { errorCode: ErrorCode.NONE, errorMessage: null };
const fail = (errorCode: number, errorMessage: string): ChangeResult => ({ errorCode, errorMessage });

/** The explicit configs after applying `changes` to `current`, or why they cannot be applied. */
export function applyChanges(
  current: Readonly<Record<string, string>>,
  changes: readonly ConfigChange[],
): Record<string, string> | ChangeResult {
  const seen = new Set<string>();
  const next: Record<string, string> = { ...current };
  for (const c of changes) {
    if (seen.has(c.name)) return fail(ErrorCode.INVALID_REQUEST, `config '${c.name}' appears more than once`);
    seen.add(c.name);
    if (!isKnownTopicConfig(c.name))
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
