// TxnOffsetCommit, versions 0-4.
//
// Offsets committed inside the producer's transaction: written to __consumer_offsets at once as a
// transactional batch of that producer, pending (OffsetFetch does not see them) until the transaction's
// COMMIT marker reaches the partition, dropped on ABORT (groups/txn-offsets.ts). v2+ carries the committed
// leader epoch, v3+ the consumer's generation, member id and group.instance.id, checked like an
// OffsetCommit's when given. Partitions of unknown topics get UNKNOWN_TOPIC_OR_PARTITION, as in OffsetCommit;
// a producer epoch older than the one __consumer_offsets knows gets INVALID_PRODUCER_EPOCH.
// Verified first, as Kafka's group coordinator does since KIP-890: the transaction coordinator must hold the
// group's __consumer_offsets partition in the producer's ongoing transaction (AddOffsetsToTxn), else its
// answer goes to every partition (INVALID_TXN_STATE, PRODUCER_FENCED, INVALID_PRODUCER_EPOCH; retriable:
// COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, and COORDINATOR_LOAD_IN_PROGRESS for a marker that kept
// overtaking the check). A marker for the producer written after the check and before the append refuses
// the batch (INVALID_TXN_STATE, Kafka's verification guard). So no offsets are ever pending in a
// transaction no coordinator will end.
// Authorization (with --authorizer): WRITE on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), READ
// on the group (GROUP_AUTHORIZATION_FAILED) and on each topic (TOPIC_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { NO_EPOCH_CHECK } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import { TxnOffsetCommitApi } from '../../protocol/generated/api-keys.js';
import { createTxnOffsetCommitResponse } from '../../protocol/generated/txn-offset-commit.js';
import { groupsOf, splitUnknownPartitions } from '../groups/context.js';
import { OFFSETS_TOPIC } from '../groups/records.js';
import { defineHandler } from '../handler.js';
import { verifyWithCoordinator } from '../transactions/produce.js';

export const txnOffsetCommit = defineHandler(
  TxnOffsetCommitApi,
  0,
  4,
  async (ctx, req, version, _h, _t, session) => {
    const failAll = (errorCode: number) =>
      createTxnOffsetCommitResponse({
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
        })),
      });
    const authz = ctx.authorizer;
    let refused: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] = [];
    if (authz !== null) {
      if (!authz.authorize(session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId))
        return failAll(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      if (!authz.authorize(session, AclOperation.READ, ResourceType.GROUP, req.groupId))
        return failAll(ErrorCode.GROUP_AUTHORIZATION_FAILED);
      const mayRead = (name: string) => authz.authorize(session, AclOperation.READ, ResourceType.TOPIC, name);
      refused = req.topics
        .filter((t) => !mayRead(t.name))
        .map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          })),
        }));
      if (refused.length > 0) {
        req = { ...req, topics: req.topics.filter((t) => mayRead(t.name)) };
        if (req.topics.length === 0) return createTxnOffsetCommitResponse({ topics: refused });
      }
    }
    const groups = groupsOf(ctx);
    if (groups === null) return failAll(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const offsets = ctx.replicas.leaderFor(OFFSETS_TOPIC, groups.partitionFor(req.groupId), NO_EPOCH_CHECK);
    if (typeof offsets === 'number') return failAll(ErrorCode.NOT_COORDINATOR);
    const verified = await verifyWithCoordinator(
      ctx,
      offsets,
      req.transactionalId,
      req.producerId,
      req.producerEpoch,
    );
    if (verified !== ErrorCode.NONE) return failAll(verifyErrorOf(verified));
    // Kafka's verification guard: a marker for the producer written between this check and the append (its
    // transaction ended, by a timeout or a pipelined EndTxn) clears the mark, and the batch is refused
    // rather than open a transaction no marker will end.
    const cache = ctx.transactions.verification;
    cache.markOngoing(offsets, req.producerId, req.producerEpoch, offsets.leaderEpoch);
    const guard = () =>
      cache.isOngoing(offsets, req.producerId, req.producerEpoch)
        ? ErrorCode.NONE
        : ErrorCode.INVALID_TXN_STATE;
    const { known, merge } = splitUnknownPartitions(ctx, req.topics);
    if (known.length === 0) return createTxnOffsetCommitResponse({ topics: [...merge([]), ...refused] });
    const topics = await groups.txnCommitOffsets(
      req.producerId,
      req.producerEpoch,
      {
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
      },
      guard,
    );
    return createTxnOffsetCommitResponse({ topics: [...merge(topics), ...refused] });
  },
);

/** The verification's answer as a TxnOffsetCommit client expects it. */
function verifyErrorOf(code: number): number {
  switch (code) {
    case ErrorCode.CONCURRENT_TRANSACTIONS:
      return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return code;
  }
}
