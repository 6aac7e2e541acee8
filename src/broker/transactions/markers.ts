// Writing a transaction marker on a partition this node leads: the broker half of WriteTxnMarkers, also
// callable by an in-process transaction coordinator. The marker is appended like an acks=all produce (the
// ISR must hold min.insync.replicas, and the answer waits for the high watermark to pass it), then the
// marker listeners hear of it.
import { NO_EPOCH_CHECK } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { TxnMarkerSpec } from '../../storage/pool.js';
import type { BrokerContext } from '../handler.js';

/** How long a marker waits for its followers before REQUEST_TIMED_OUT (Kafka's request.timeout.ms default). */
export const MARKER_REPLICATION_TIMEOUT_MS = 30_000;
/** Size of a marker batch (header and its one record), counted as appended bytes for fetch wake-ups. */
const MARKER_BATCH_BYTES = 78;

/**
 * Appends `marker` to topic-partition and waits for it to be committed. Returns NONE, or the partition's
 * error: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, INVALID_PRODUCER_EPOCH
 * (a marker older than the producer's epoch), TRANSACTION_COORDINATOR_FENCED (an older coordinator
 * epoch), REQUEST_TIMED_OUT, KAFKA_STORAGE_ERROR.
 */
export async function writeTxnMarker(
  ctx: BrokerContext,
  topic: string,
  partition: number,
  marker: TxnMarkerSpec,
  timeoutMs = MARKER_REPLICATION_TIMEOUT_MS,
): Promise<number> {
  const state = ctx.replicas.leaderFor(topic, partition, NO_EPOCH_CHECK);
  if (typeof state === 'number') return state;
  if (state.isr.length < Math.min(state.minInsync, state.replicas.length))
    return ErrorCode.NOT_ENOUGH_REPLICAS;
  // Before the append is submitted: a produce that was verified for the ending transaction re-verifies.
  ctx.transactions.verification.onMarker(state, marker.producerId);
  const leaderEpoch = state.leaderEpoch;
  const generation = state.offsetsGeneration;
  const r = await ctx.store.appendTxnMarker(
    topic,
    partition,
    marker,
    leaderEpoch,
    state.highWatermarkBound(),
  );
  if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
  state.onAppend(r, MARKER_BATCH_BYTES, generation);
  if (!state.leadsAt(leaderEpoch)) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
  if (state.highWatermark <= r.lastOffset) {
    const [code] = await ctx.acks.wait([{ state, requiredOffset: r.lastOffset + 1 }], timeoutMs);
    if (code !== ErrorCode.NONE) return code!;
  }
  ctx.transactions.notifyMarker(
    topic,
    partition,
    marker.producerId,
    marker.producerEpoch,
    marker.commit,
    r.lastOffset,
    (err) => ctx.log.warn(`transaction marker listener failed on ${topic}-${partition}: ${String(err)}`),
  );
  return ErrorCode.NONE;
}
