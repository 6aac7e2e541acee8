// CreatePartitions, versions 0-3.
//
// In a cluster the active controller decides: the request goes to it (cluster.ts) and is answered once the
// change is visible on this broker. What follows is the lone broker's own handling.
//
// Grows a topic to `count` partitions (never shrinks: INVALID_PARTITIONS). Manual assignments may only name
// this node (INVALID_REPLICA_ASSIGNMENT). Duplicate topics in one request get INVALID_REQUEST. validate_only
// checks without changing anything. New partitions are made on disk before the answer.
// Skipped: timeout_ms, quotas.

import { TopicError } from '../../cluster/topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreatePartitionsApi } from '../../protocol/generated/api-keys.js';
import {
  type CreatePartitionsRequestCreatePartitionsTopic,
  type CreatePartitionsResponseCreatePartitionsTopicResult,
  createCreatePartitionsResponse,
} from '../../protocol/generated/create-partitions.js';
import { type BrokerContext, defineHandler } from '../handler.js';

export const createPartitions = defineHandler(CreatePartitionsApi, 0, 3, async (ctx, req, version) => {
  if (ctx.cluster !== null) return ctx.cluster.createPartitions(req, version);
  const counts = new Map<string, number>();
  for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const results = await Promise.all(
    req.topics.map((t) =>
      (counts.get(t.name) ?? 0) > 1
        ? result(t.name, ErrorCode.INVALID_REQUEST, `topic '${t.name}' appears more than once in the request`)
        : growOne(ctx, t, req.validateOnly),
    ),
  );
  return createCreatePartitionsResponse({ results });
});

async function growOne(
  ctx: BrokerContext,
  t: CreatePartitionsRequestCreatePartitionsTopic,
  validateOnly: boolean,
): Promise<CreatePartitionsResponseCreatePartitionsTopicResult> {
  try {
    const info = ctx.replicas.checkAddPartitions(t.name, t.count);
    if (t.assignments !== null) {
      if (t.assignments.length !== t.count - info.partitions) {
        return result(t.name, ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'one assignment per new partition');
      }
      for (const a of t.assignments) {
        if (a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.nodeId) {
          return result(
            t.name,
            ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            `only node ${ctx.nodeId} can hold replicas`,
          );
        }
      }
    }
    if (validateOnly) return result(t.name, ErrorCode.NONE, null);
    const code = await ctx.replicas.addPartitions(info.name, t.count);
    if (code !== ErrorCode.NONE) return result(t.name, code, 'could not create the partition logs');
    return result(t.name, ErrorCode.NONE, null);
  } catch (err) {
    if (err instanceof TopicError) return result(t.name, err.code, err.message);
    throw err;
  }
}

function result(
  name: string,
  errorCode: number,
  errorMessage: string | null,
): CreatePartitionsResponseCreatePartitionsTopicResult {
  return { name, errorCode, errorMessage };
}
