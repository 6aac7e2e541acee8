// Produce of a transactional batch on the partition leader (KIP-890 part 1): the batch continues a
// transaction this leader knows is going, or it waits for the transaction coordinator to verify that the
// partition is in (producerId, producerEpoch)'s ongoing transaction, and is then appended as a verified one.
// The wait is per producer and partition (later batches of the same producer queue behind it, keeping their
// order); the connection's other work goes on.
import type { PartitionState } from '../../cluster/partition-state.js';
import { NO_EPOCH_CHECK } from '../../cluster/partition-state.js';
import { BatchAttributes, BatchHeader } from '../../protocol/batch-layout.js';
import { ErrorCode } from '../../protocol/errors.js';
import { readInt16, readInt64 } from '../../storage/batch.js';
import { type AppendResult, failedAppend } from '../../storage/pool.js';
import type { BrokerContext } from '../handler.js';

/** Verifications a marker may overtake before the produce gives up (CONCURRENT_TRANSACTIONS, retriable). */
export const MAX_VERIFY_ATTEMPTS = 3;

/** True when the first batch in `records` (framing checked) is transactional and not a control batch. */
export function isTransactionalBatch(records: Uint8Array): boolean {
  const attributes = records[BatchHeader.ATTRIBUTES + 1]!;
  return (
    (attributes & (BatchAttributes.TRANSACTIONAL | BatchAttributes.CONTROL)) === BatchAttributes.TRANSACTIONAL
  );
}

/**
 * Coordinator errors a Produce (v3-11) client does not expect from a produce are answered as
 * NOT_ENOUGH_REPLICAS, which every client retries (Kafka does the same for these versions).
 */
function produceErrorOf(code: number): number {
  switch (code) {
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode.CONCURRENT_TRANSACTIONS:
      return ErrorCode.NOT_ENOUGH_REPLICAS;
    default:
      return code;
  }
}

/**
 * Asks the transaction coordinator whether `state`'s partition is in (producerId, producerEpoch)'s ongoing
 * transaction, again when a marker on the partition overtook the answer (at most MAX_VERIFY_ATTEMPTS times,
 * then CONCURRENT_TRANSACTIONS). NONE, the coordinator's error, or NOT_LEADER_OR_FOLLOWER once this node no
 * longer leads the partition.
 */
export async function verifyWithCoordinator(
  ctx: BrokerContext,
  state: PartitionState,
  transactionalId: string,
  producerId: number,
  producerEpoch: number,
): Promise<number> {
  const cache = ctx.transactions.verification;
  const { topic, partition } = state;
  for (let attempt = 1; ; attempt++) {
    const generation = cache.markerGeneration(state);
    let code: number;
    try {
      code = await ctx.transactions.verifier.verify(
        transactionalId,
        producerId,
        producerEpoch,
        topic,
        partition,
      );
    } catch {
      code = ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    if (code !== ErrorCode.NONE) return code;
    if (ctx.replicas.leaderFor(topic, partition, NO_EPOCH_CHECK) !== state)
      return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    // A marker written meanwhile may have ended the transaction the coordinator vouched for.
    if (cache.markerGeneration(state) === generation) return ErrorCode.NONE;
    if (attempt >= MAX_VERIFY_ATTEMPTS) return ErrorCode.CONCURRENT_TRANSACTIONS;
  }
}

/** Appends a transactional batch (see the file header); resolves like PartitionStore.append. */
export function appendTransactional(
  ctx: BrokerContext,
  state: PartitionState,
  records: Uint8Array,
  transactionalId: string | null,
): Promise<AppendResult> {
  if (transactionalId === null) return Promise.resolve(failedAppend(ErrorCode.INVALID_RECORD));
  const { topic, partition } = state;
  const producerId = readInt64(records, BatchHeader.PRODUCER_ID);
  const producerEpoch = readInt16(records, BatchHeader.PRODUCER_EPOCH);
  const cache = ctx.transactions.verification;
  const before = cache.inflight(state, producerId);
  if (before === undefined && cache.isOngoing(state, producerId, producerEpoch)) {
    return ctx.store.append(topic, partition, records, state.leaderEpoch, state.highWatermarkBound(), false);
  }
  const work = (async (): Promise<AppendResult> => {
    if (before !== undefined) await before;
    if (ctx.replicas.leaderFor(topic, partition, NO_EPOCH_CHECK) !== state)
      return failedAppend(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (!cache.isOngoing(state, producerId, producerEpoch)) {
      const code = await verifyWithCoordinator(ctx, state, transactionalId, producerId, producerEpoch);
      if (code !== ErrorCode.NONE) return failedAppend(produceErrorOf(code));
    }
    // Marked before the append is submitted, so a marker submitted after it clears the mark.
    const leaderEpoch = state.leaderEpoch;
    cache.markOngoing(state, producerId, producerEpoch, leaderEpoch);
    const generation = cache.markerGeneration(state);
    const r = await ctx.store.append(
      topic,
      partition,
      records,
      leaderEpoch,
      state.highWatermarkBound(),
      true,
    );
    if (r.errorCode !== ErrorCode.NONE && cache.markerGeneration(state) === generation)
      cache.forget(state, producerId);
    return r;
  })();
  cache.track(state, producerId, work);
  return work;
}
