// DescribeProducers, version 0: the idempotent producers each partition's log remembers (producer id,
// epoch, last sequence written, last timestamp), read on the partition's owner thread. No transactions:
// coordinator epoch and current transaction start offset are always -1. Each partition asks the replica
// manager (leaderFor): UNKNOWN_TOPIC_OR_PARTITION, or NOT_LEADER_OR_FOLLOWER on a broker that does not lead it.
import { NO_EPOCH_CHECK } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeProducersApi } from '../../protocol/generated/api-keys.js';
import {
  createDescribeProducersResponse,
  type DescribeProducersResponsePartitionResponse,
  type DescribeProducersResponseTopicResponse,
} from '../../protocol/generated/describe-producers.js';
import type { DescribeProducersResult } from '../../storage/pool.js';
import { defineHandler } from '../handler.js';

export const describeProducers = defineHandler(DescribeProducersApi, 0, 0, async (ctx, req) => {
  const topics: DescribeProducersResponseTopicResponse[] = [];
  const asked: [DescribeProducersResponsePartitionResponse, Promise<DescribeProducersResult>][] = [];
  for (const t of req.topics) {
    const partitions: DescribeProducersResponsePartitionResponse[] = [];
    topics.push({ name: t.name, partitions });
    for (const index of t.partitionIndexes) {
      const response: DescribeProducersResponsePartitionResponse = {
        partitionIndex: index,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        activeProducers: [],
      };
      partitions.push(response);
      const state = ctx.replicas.leaderFor(t.name, index, NO_EPOCH_CHECK);
      if (typeof state === 'number') {
        response.errorCode = state;
        continue;
      }
      asked.push([response, ctx.store.describeProducers(t.name, index)]);
    }
  }
  for (const [response, pending] of asked) {
    const r = await pending;
    response.errorCode = r.errorCode;
    if (r.errorCode !== ErrorCode.NONE) continue;
    response.activeProducers = r.producers.map((p) => ({
      producerId: p.producerId,
      producerEpoch: p.producerEpoch,
      lastSequence: p.lastSequence,
      lastTimestamp: p.lastTimestamp,
      coordinatorEpoch: -1,
      currentTxnStartOffset: -1,
    }));
  }
  return createDescribeProducersResponse({ topics });
});
