// DescribeProducers, version 0: the producers each partition's log remembers (producer id, epoch, last
// sequence written, last timestamp, the coordinator epoch of its last transaction marker and the first
// offset of its ongoing transaction, -1 for none), read on the partition's owner thread. The producer with
// the smallest current_txn_start_offset holds the last stable offset: how operators and the transaction
// coordinator find a hanging transaction (as Kafka's kafka-transactions.sh find-hanging). Each partition asks the replica
// manager (leaderFor): UNKNOWN_TOPIC_OR_PARTITION, or NOT_LEADER_OR_FOLLOWER on a broker that does not lead it.
// Authorization (with --authorizer): READ on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
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
import { allowed } from '../security/authorizer.js';

export const describeProducers = defineHandler(
  DescribeProducersApi,
  0,
  0,
  async (ctx, req, _v, _h, _t, session) => {
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
        const state = !allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.TOPIC, t.name)
          ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
          : ctx.replicas.leaderFor(t.name, index, NO_EPOCH_CHECK);
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
        coordinatorEpoch: p.coordinatorEpoch,
        currentTxnStartOffset: p.currentTxnStartOffset,
      }));
    }
    return createDescribeProducersResponse({ topics });
  },
);
