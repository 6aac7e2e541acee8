// One hosted partition's replica state on the main thread (Kafka's Partition, kfake's per-partition struct):
// its role, leader epoch, replicas and ISR as the metadata assigned them, the offsets its log last
// reported, the log end offsets of the other replicas, and the fetches waiting for it to grow. Handlers ask
// it once (ReplicaManager.leaderFor) and act on the answer; nothing else keeps these facts.
//
// The log itself lives with its owner thread. The state never waits on it: each append carries the bound
// the high watermark may move to (highWatermarkBound), and each result brings back the log's offsets.
import { ErrorCode } from '../protocol/errors.js';
import type { PartitionLeadership } from './leadership.js';

/** The epoch a partition's first leader gets; later leaders get higher ones from the metadata image. */
export const INITIAL_LEADER_EPOCH = 0;

/** A current_leader_epoch of -1 asks for no epoch check, as on the wire (requests without the field). */
export const NO_EPOCH_CHECK = -1;

/** A parked fetch, as the purgatory keeps it: woken once enough bytes were appended. */
export interface FetchWaiter {
  /** Bytes still needed before the fetch is worth answering. */
  needed: number;
  /** Completes the fetch; also removes it from every partition's waiter list. */
  wake(): void;
}

export const ReplicaRole = { LEADER: 1, FOLLOWER: 2 } as const;
export type ReplicaRole = (typeof ReplicaRole)[keyof typeof ReplicaRole];

/** What the log reported after a task (open, append, truncate): the offsets the state mirrors. */
export interface LogOffsets {
  logEndOffset: number;
  highWatermark: number;
}

export class PartitionState {
  role: ReplicaRole = ReplicaRole.FOLLOWER;
  leaderId = -1;
  leaderEpoch = -1;
  replicas: readonly number[] = [];
  isr: readonly number[] = [];
  /** The local log's offsets as last reported (-1 until its open answers). */
  logEndOffset = -1;
  highWatermark = -1;
  /** Log end offsets of the other replicas, as their fetches report them (leader only; none yet). */
  readonly replicaLogEndOffsets = new Map<number, number>();
  /** Bytes appended since this node took the partition, so a fetch can tell what arrived while it read. */
  appendedBytes = 0;
  /** Parked fetches on this partition. */
  readonly waiters: FetchWaiter[] = [];

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly localNodeId: number,
  ) {}

  /**
   * Applies the metadata's decision. A registration with an older leader epoch is stale and ignored
   * (returns false): epochs only grow, as in KRaft.
   */
  applyRegistration(r: PartitionLeadership): boolean {
    if (r.leaderEpoch < this.leaderEpoch) return false;
    this.leaderId = r.leader;
    this.leaderEpoch = r.leaderEpoch;
    this.replicas = r.replicas;
    this.isr = r.isr;
    this.role = r.leader === this.localNodeId ? ReplicaRole.LEADER : ReplicaRole.FOLLOWER;
    for (const id of this.replicaLogEndOffsets.keys()) {
      if (!r.replicas.includes(id)) this.replicaLogEndOffsets.delete(id);
    }
    return true;
  }

  /**
   * Kafka's order for a client request: the epoch check first (UNKNOWN_LEADER_EPOCH when the client knows
   * a newer one, FENCED_LEADER_EPOCH when its own is older; -1, or any negative, skips it), then leadership.
   */
  checkLeader(currentLeaderEpoch: number): number {
    if (currentLeaderEpoch >= 0) {
      if (currentLeaderEpoch > this.leaderEpoch) return ErrorCode.UNKNOWN_LEADER_EPOCH;
      if (currentLeaderEpoch < this.leaderEpoch) return ErrorCode.FENCED_LEADER_EPOCH;
    }
    return this.role === ReplicaRole.LEADER ? ErrorCode.NONE : ErrorCode.NOT_LEADER_OR_FOLLOWER;
  }

  /**
   * How far the high watermark may move with the next leader append: the smallest log end offset among the
   * other ISR members (the leader's own is the new one, which the log applies). With the leader alone in
   * the ISR nothing else bounds it, so it follows the log end offset.
   */
  highWatermarkBound(): number {
    let bound = Number.MAX_SAFE_INTEGER;
    for (const id of this.isr) {
      if (id === this.localNodeId) continue;
      const leo = this.replicaLogEndOffsets.get(id) ?? this.highWatermark;
      if (leo < bound) bound = leo;
    }
    return bound;
  }

  /** The log's offsets from its open; an append result that came back first already said more. */
  onLogOpened(o: LogOffsets): void {
    if (this.logEndOffset < 0) this.onLogOffsets(o);
  }

  /** Mirrors the offsets the log reported (truncation). */
  onLogOffsets(o: LogOffsets): void {
    this.logEndOffset = o.logEndOffset;
    this.highWatermark = o.highWatermark;
  }

  /**
   * After a successful append of `bytes`: mirrors the offsets and wakes the fetches that now have enough.
   * Results can arrive after a later task's, so offsets only move forward here.
   */
  onAppend(o: LogOffsets, bytes: number): void {
    if (o.logEndOffset > this.logEndOffset) this.logEndOffset = o.logEndOffset;
    if (o.highWatermark > this.highWatermark) this.highWatermark = o.highWatermark;
    this.appendedBytes += bytes;
    const waiters = this.waiters;
    // Backwards: wake() removes entries from this list.
    for (let i = waiters.length - 1; i >= 0; i--) {
      const f = waiters[i];
      if (f === undefined) continue;
      f.needed -= bytes;
      if (f.needed <= 0) f.wake();
    }
  }

  /** Wakes every parked fetch (the partition is going away, or this node stops leading it). */
  wakeAll(): void {
    for (const f of [...this.waiters]) f.wake();
  }
}
