// A live topic's configs as the metadata quorum committed them (AlterConfigs, IncrementalAlterConfigs,
// decided by the controller), or a change of the dynamic broker defaults under them: the topic's partition
// logs are reopened with the new settings (so retention, segment size, max.message.bytes... act at once; a
// log whose settings come out the same is left open), then they are kept in topics.json. Changes are applied
// one at a time per broker, in commit order.

import { type ChangeResult, sameConfigs } from '../cluster/topic-configs.js';
import { ErrorCode } from '../protocol/errors.js';
import type { BrokerContext } from './handler.js';

const OK: ChangeResult = { errorCode: ErrorCode.NONE, errorMessage: null };
const fail = (errorCode: number, errorMessage: string): ChangeResult => ({ errorCode, errorMessage });

let queue: Promise<unknown> = Promise.resolve();

/** The partition logs hosted here are reopened with the committed configs, then the local copy is replaced. */
export function applyCommittedTopicConfigs(
  ctx: BrokerContext,
  topic: string,
  configs: Record<string, string>,
): Promise<ChangeResult> {
  const run = queue.then(async () => {
    const info = ctx.replicas.topic(topic);
    if (info === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${topic}'`);
    // Over the dynamic broker defaults of this node (the replica manager has them from the same image).
    const logConfig = ctx.replicas.logConfigOf(configs);
    const opens = [];
    for (let p = 0; p < info.partitions; p++) {
      if (ctx.replicas.hostsReplica(topic, p)) opens.push(ctx.store.open(topic, p, false, logConfig));
    }
    for (const r of await Promise.all(opens)) {
      if (r.errorCode !== ErrorCode.NONE)
        return fail(r.errorCode, `could not apply the configs to the partition logs of '${topic}'`);
    }
    // A change of the broker defaults reopens the logs; the topic's own configs (and its file) stay.
    if (!sameConfigs(info.configs, configs)) {
      ctx.replicas.setTopicConfigs(topic, configs);
      ctx.log.info(`topic ${topic}: configs now ${JSON.stringify(configs)}`);
    }
    return OK;
  });
  queue = run.catch(() => {});
  return run;
}

/** Resolves once every config change submitted so far has been applied (retention waits for it). */
export function topicConfigChangesSettled(): Promise<unknown> {
  return queue;
}
