// TxnOffsetCommit, versions 0-4.
//
// Offsets committed inside the producer's transaction: written to __consumer_offsets at once as a
// transactional batch of that producer, pending (OffsetFetch does not see them) until the transaction's
// COMMIT marker reaches the partition, dropped on ABORT (groups/txn-offsets.ts). v2+ carries the committed
// leader epoch, v3+ the consumer's generation, member id and group.instance.id, checked like an
// OffsetCommit's when given. Partitions of unknown topics get UNKNOWN_TOPIC_OR_PARTITION, as in OffsetCommit;
// a producer epoch older than the one __consumer_offsets knows gets INVALID_PRODUCER_EPOCH.
// Authorization (with --authorizer): WRITE on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), READ
// on the group (GROUP_AUTHORIZATION_FAILED) and on each topic (TOPIC_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { TxnOffsetCommitApi } from '../../protocol/generated/api-keys.js';
import { createTxnOffsetCommitResponse } from '../../protocol/generated/txn-offset-commit.js';
import { groupsOf, splitUnknownPartitions } from '../groups/context.js';
import { defineHandler } from '../handler.js';

export const txnOffsetCommit = defineHandler(
  TxnOffsetCommitApi,
  0,
  4,
  async (ctx, req, version, _h, _t, session) => {
    const failAll = (topics: typeof req.topics, errorCode: number) =>
      topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      }));
    const authz = ctx.authorizer;
    let refused: ReturnType<typeof failAll> = [];
    if (authz !== null) {
      if (!authz.authorize(session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId))
        return createTxnOffsetCommitResponse({
          topics: failAll(req.topics, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
        });
      if (!authz.authorize(session, AclOperation.READ, ResourceType.GROUP, req.groupId))
        return createTxnOffsetCommitResponse({
          topics: failAll(req.topics, ErrorCode.GROUP_AUTHORIZATION_FAILED),
        });
      const mayRead = (name: string) => authz.authorize(session, AclOperation.READ, ResourceType.TOPIC, name);
      refused = failAll(
        req.topics.filter((t) => !mayRead(t.name)),
        ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      );
      if (refused.length > 0) {
        req = { ...req, topics: req.topics.filter((t) => mayRead(t.name)) };
        if (req.topics.length === 0) return createTxnOffsetCommitResponse({ topics: refused });
      }
    }
    const groups = groupsOf(ctx);
    if (groups === null) {
      return createTxnOffsetCommitResponse({
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
          })),
        })),
      });
    }
    const { known, merge } = splitUnknownPartitions(ctx, req.topics);
    if (known.length === 0) return createTxnOffsetCommitResponse({ topics: merge([]) });
    const topics = await groups.txnCommitOffsets(req.producerId, req.producerEpoch, {
      groupId: req.groupId,
      generationId: version >= 3 ? req.generationId : -1,
      memberId: version >= 3 ? req.memberId : '',
      groupInstanceId: version >= 3 ? req.groupInstanceId : null,
      retentionTimeMs: -1,
      topics: known.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: version >= 2 ? p.committedLeaderEpoch : -1,
          commitTimestamp: -1,
          committedMetadata: p.committedMetadata,
        })),
      })),
    });
    return createTxnOffsetCommitResponse({ topics: [...merge(topics), ...refused] });
  },
);
