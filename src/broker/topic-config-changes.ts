// A live topic's configs as the metadata quorum committed them (AlterConfigs, IncrementalAlterConfigs,
// decided by the controller): the topic's partition logs are reopened with the new settings (so retention,
// segment size, max.message.bytes... act at once), then they are kept in topics.json. Changes are applied
// one at a time per broker, in commit order.

import { type ChangeResult, topicLogConfig } from '../cluster/topic-configs.js';
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
