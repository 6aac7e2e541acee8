// KIP-890 part 1 on the partition leader: a transactional batch from a producer (id, epoch) that has no
// transaction going on the partition is written only after the transaction coordinator verified that the
// partition is in that producer's ongoing transaction. This remembers, per partition this node leads (at
// its leader epoch), the producers whose transaction is known to be going, so only a transaction's first
// batch on a partition waits for the coordinator. A marker forgets the producer and bumps the partition's
// marker generation: a verification that a marker overtook is done again, so a straggler never opens the
// next transaction. Verifications of one producer on one partition run one at a time, so its batches keep
// their order.
//
// Limit: one entry per producer with an ongoing transaction on a partition this node leads, dropped by the
// transaction's marker (producers without transactions never get one). The partition's log enforces the
// same rule (AppendTask.verifiedTxn), so a stale entry can only cost a refused batch (INVALID_TXN_STATE).
import type { PartitionState } from '../../cluster/partition-state.js';

interface Ongoing {
  producerEpoch: number;
  leaderEpoch: number;
}

interface PartitionTxns {
  ongoing: Map<number, Ongoing>;
  /** Bumped by every marker written through this node. */
  markerGeneration: number;
  /** The verification (and append) in flight per producer, which its next batches queue behind. */
  inflight: Map<number, Promise<unknown>>;
}

export class TxnVerificationCache {
  readonly #partitions = new WeakMap<PartitionState, PartitionTxns>();

  #of(state: PartitionState): PartitionTxns {
    let p = this.#partitions.get(state);
    if (p === undefined) {
      p = { ongoing: new Map(), markerGeneration: 0, inflight: new Map() };
      this.#partitions.set(state, p);
    }
    return p;
  }

  /** Whether (producerId, epoch) is known to have a transaction going on the partition at its leader epoch. */
  isOngoing(state: PartitionState, producerId: number, producerEpoch: number): boolean {
    const e = this.#partitions.get(state)?.ongoing.get(producerId);
    return e !== undefined && e.producerEpoch === producerEpoch && e.leaderEpoch === state.leaderEpoch;
  }

  markOngoing(state: PartitionState, producerId: number, producerEpoch: number, leaderEpoch: number): void {
    this.#of(state).ongoing.set(producerId, { producerEpoch, leaderEpoch });
  }

  /** Drops the producer's mark without a marker (its first batch's append failed). */
  forget(state: PartitionState, producerId: number): void {
    this.#partitions.get(state)?.ongoing.delete(producerId);
  }

  /** A marker for the producer is being written: its transaction here is over. */
  onMarker(state: PartitionState, producerId: number): void {
    const p = this.#of(state);
    p.ongoing.delete(producerId);
    p.markerGeneration++;
  }

  markerGeneration(state: PartitionState): number {
    return this.#partitions.get(state)?.markerGeneration ?? 0;
  }

  /** The producer's verification in flight on the partition, if any. */
  inflight(state: PartitionState, producerId: number): Promise<unknown> | undefined {
    return this.#partitions.get(state)?.inflight.get(producerId);
  }

  /** Registers `work` as the producer's latest in flight; it is forgotten once it settles (if still latest). */
  track(state: PartitionState, producerId: number, work: Promise<unknown>): void {
    const inflight = this.#of(state).inflight;
    inflight.set(producerId, work);
    const forget = (): void => {
      if (inflight.get(producerId) === work) inflight.delete(producerId);
    };
    work.then(forget, forget);
  }
}
