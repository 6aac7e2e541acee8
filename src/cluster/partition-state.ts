// One hosted partition's replica state on the main thread (Kafka's Partition, kfake's per-partition struct):
// its role, leader epoch, replicas and ISR as the metadata assigned them, the offsets its log last
// reported, what the leader knows of each follower (log end offset, when it was last caught up), an ISR
// change in flight to the controller, the fetches waiting for it to grow and the acks=all produces waiting
// for its high watermark. Handlers ask it once (ReplicaManager.leaderFor) and act on the answer; nothing
// else keeps these facts.
//
// The log itself lives with its owner thread. The state never waits on it: each append carries the bound
// the high watermark may move to (highWatermarkBound), and each result brings back the log's offsets.
//
// The high watermark is the smallest log end offset over the maximal ISR: the committed ISR plus members an
// AlterPartition in flight adds or removes (Kafka's rule: while a change is pending, count every replica it
// names, so the high watermark never passes a record a possible ISR lacks).
import { ErrorCode } from '../protocol/errors.js';
import { BytesBelow } from './bytes-below.js';
import type { PartitionLeadership } from './leadership.js';

/** The epoch a partition's first leader gets; later leaders get higher ones from the metadata image. */
export const INITIAL_LEADER_EPOCH = 0;

/** A current_leader_epoch of -1 asks for no epoch check, as on the wire (requests without the field). */
export const NO_EPOCH_CHECK = -1;

/** A parked fetch, as the purgatory keeps it: woken once enough bytes were appended. */
export interface FetchWaiter {
  /** Bytes still needed before the fetch is worth answering. */
  needed: number;
  /**
   * A follower's fetch reads to the log end, so appends wake it; a consumer's reads to the high watermark,
   * so where followers bound it, the high watermark moving wakes it instead.
   */
  readonly toLogEnd: boolean;
  /** A read_committed consumer's: counts the bytes the last stable offset passes, not appends. */
  readonly readCommitted?: boolean;
  /** Completes the fetch; also removes it from every partition's waiter list. */
  wake(): void;
}

/** An acks=all produce waiting for the high watermark to pass its batch (the produce purgatory keeps it). */
export interface AckWaiter {
  /** The high watermark that acknowledges it: the batch's last offset + 1. */
  readonly requiredOffset: number;
  /** NONE once acknowledged, else why it never will be here (leadership lost, partition gone). */
  complete(errorCode: number): void;
}

/** What a leader knows of a follower from its fetches (Kafka's Replica state). */
export class FollowerProgress {
  /** Its log end offset as its last fetch said; -1 until it fetches from this leader. */
  logEndOffset = -1;
  /** When it last held everything the leader had (ISR membership lapses replica.lag.time.max.ms after). */
  lastCaughtUpMs: number;
  lastFetchMs = 0;
  /** The leader's log end offset at its previous fetch. */
  lastFetchLeaderLogEndOffset = -1;

  constructor(nowMs: number) {
    this.lastCaughtUpMs = nowMs;
  }

  /**
   * Kafka's rule: caught up now if it fetched from the leader's log end; caught up as of the previous fetch
   * if it fetched from where the leader's log ended then.
   */
  onFetch(fetchOffset: number, leaderLogEndOffset: number, nowMs: number): void {
    if (fetchOffset >= leaderLogEndOffset) this.lastCaughtUpMs = Math.max(this.lastCaughtUpMs, nowMs);
    else if (fetchOffset >= this.lastFetchLeaderLogEndOffset && this.lastFetchLeaderLogEndOffset >= 0)
      this.lastCaughtUpMs = Math.max(this.lastCaughtUpMs, this.lastFetchMs);
    this.logEndOffset = fetchOffset;
    this.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    this.lastFetchMs = nowMs;
  }
}

export const ReplicaRole = { LEADER: 1, FOLLOWER: 2 } as const;
export type ReplicaRole = (typeof ReplicaRole)[keyof typeof ReplicaRole];

/** What the log reported after a task (open, append, truncate): the offsets the state mirrors. */
export interface LogOffsets {
  logEndOffset: number;
  highWatermark: number;
  /** Absent from results that do not know it (it then stays as it was). */
  lastStableOffset?: number;
  /** The epoch of the log's last batch; absent from results that do not know it. */
  latestEpoch?: number;
}

/** An append's result: the log's offsets and, when known, where the appended batches lie. */
export interface AppendedOffsets extends LogOffsets {
  baseOffset?: number;
  lastOffset?: number;
}

export class PartitionState {
  role: ReplicaRole = ReplicaRole.FOLLOWER;
  leaderId = -1;
  leaderEpoch = -1;
  replicas: readonly number[] = [];
  isr: readonly number[] = [];
  /** Replicas a reassignment in progress adds (a follower among them fetches under the throttle). */
  addingReplicas: readonly number[] = [];
  /** leader./follower.replication.throttled.replicas name this replica (replication/throttled-replicas.ts). */
  leaderThrottled = false;
  followerThrottled = false;
  /** Bumped by the controller on every change; AlterPartition carries it. */
  partitionEpoch = -1;
  /**
   * The topic's min.insync.replicas. While the committed ISR is smaller (or than the replica count, if that
   * is smaller) the high watermark stands still (KIP-966's strict rule), so the replicas that left the ISR
   * keep every committed record and stay eligible to lead.
   */
  minInsync = 1;
  /** The local log's offsets as last reported (-1 until its open answers). */
  logEndOffset = -1;
  highWatermark = -1;
  /** What read_committed consumers may read up to, as the log last reported it. */
  lastStableOffset = -1;
  /** The epoch of the local log's last batch (a follower fetches with it as last_fetched_epoch). */
  latestEpoch = -1;
  /**
   * Bumped whenever the replica fetcher takes the log's offsets exactly (a truncation, a follower's
   * append): a leader's append result submitted before that is stale and must not move them (onAppend).
   */
  offsetsGeneration = 0;
  /** The log end offset when this node became leader at this epoch: a follower joins the ISR past it. */
  leaderEpochStartOffset = -1;
  /** The other replicas, as their fetches report them (leader only). */
  readonly followers = new Map<number, FollowerProgress>();
  /** The ISR an AlterPartition in flight asks for; null when none is. */
  pendingIsr: readonly number[] | null = null;
  /** Bytes appended since this node took the partition, so a fetch can tell what arrived while it read. */
  appendedBytes = 0;
  /** This leadership's appends, released as the last stable offset passes them (read_committed min_bytes). */
  readonly stableBytes = new BytesBelow();
  /** Parked fetches on this partition. */
  readonly waiters: FetchWaiter[] = [];
  /** acks=all produces waiting for the high watermark, in append order (so in requiredOffset order). */
  readonly ackWaiters: AckWaiter[] = [];
  /** A high watermark update submitted to the log and not yet answered (one at a time, the latest wins). */
  highWatermarkUpdating = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly localNodeId: number,
  ) {}

  /**
   * Applies the metadata's decision. A registration with an older leader epoch is stale and ignored
   * (returns false): epochs only grow, as in KRaft. A leader that stops leading fails its waiting acks=all
   * produces (NOT_LEADER_OR_FOLLOWER) and wakes its parked fetches; one that stays leader at a new epoch (a
   * reassignment dropped a replica, say) keeps its log, so its produces keep waiting for the high
   * watermark, and its parked fetches wake to re-check their epoch.
   */
  applyRegistration(r: PartitionLeadership, nowMs = Date.now()): boolean {
    if (r.leaderEpoch < this.leaderEpoch) return false;
    const wasLeader = this.role === ReplicaRole.LEADER;
    const epochBefore = this.leaderEpoch;
    const partitionEpoch = r.partitionEpoch;
    const newLeadership = r.leaderEpoch !== this.leaderEpoch || this.role !== ReplicaRole.LEADER;
    this.leaderId = r.leader;
    this.leaderEpoch = r.leaderEpoch;
    this.replicas = r.replicas;
    this.addingReplicas = r.addingReplicas ?? [];
    // An AlterPartition answer may have brought a newer ISR than this registration.
    if (partitionEpoch >= this.partitionEpoch || r.leaderEpoch > this.leaderEpoch) {
      this.isr = r.isr;
      this.partitionEpoch = partitionEpoch;
    }
    this.role = r.leader === this.localNodeId ? ReplicaRole.LEADER : ReplicaRole.FOLLOWER;
    if (this.role === ReplicaRole.LEADER && newLeadership) {
      // A new leadership knows nothing of its followers yet: the high watermark waits for their fetches,
      // and the ISR members get a full lag window before they can be dropped.
      this.followers.clear();
      this.pendingIsr = null;
      this.leaderEpochStartOffset = this.logEndOffset;
      this.stableBytes.reset();
    }
    if (this.role === ReplicaRole.LEADER) {
      for (const id of r.replicas) {
        if (id !== this.localNodeId && !this.followers.has(id))
          this.followers.set(id, new FollowerProgress(nowMs));
      }
      for (const id of this.followers.keys()) if (!r.replicas.includes(id)) this.followers.delete(id);
    } else {
      this.followers.clear();
      this.pendingIsr = null;
    }
    if (wasLeader && this.role !== ReplicaRole.LEADER) this.wakeAll();
    else if (wasLeader && this.leaderEpoch !== epochBefore) this.wakeFetches();
    return true;
  }

  /** The ISR counted for the high watermark: the committed one and whatever a pending change names. */
  maximalIsr(): readonly number[] {
    const pending = this.pendingIsr;
    if (pending === null) return this.isr;
    const out = [...this.isr];
    for (const id of pending) if (!out.includes(id)) out.push(id);
    return out;
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
   * the ISR nothing else bounds it, so it follows the log end offset. Under min.insync.replicas it stays.
   */
  highWatermarkBound(): number {
    if (this.isr.length < Math.min(this.minInsync, this.replicas.length)) return this.highWatermark;
    let bound = Number.MAX_SAFE_INTEGER;
    for (const id of this.maximalIsr()) {
      if (id === this.localNodeId) continue;
      const leo = this.followers.get(id)?.logEndOffset ?? -1;
      // A member that has not fetched from this leader yet holds it where it is.
      const known = leo >= 0 ? leo : this.highWatermark;
      if (known < bound) bound = known;
    }
    return bound;
  }

  /** Where the high watermark may be now: the smallest log end offset over the maximal ISR. */
  highWatermarkCandidate(): number {
    return Math.min(this.logEndOffset, this.highWatermarkBound());
  }

  /** The log's offsets from its open; an append result that came back first already said more. */
  onLogOpened(o: LogOffsets): void {
    if (this.logEndOffset >= 0) return;
    this.#takeOffsets(o);
    if (this.role === ReplicaRole.LEADER && this.leaderEpochStartOffset < 0)
      this.leaderEpochStartOffset = o.logEndOffset;
  }

  /**
   * Whether an append submitted as leader at `leaderEpoch` still counts once its result is back: this node
   * leads at that epoch yet. If not, the append landed (or will be cut) on a log that now follows another
   * leader, whose records at those offsets may differ: it must be answered NOT_LEADER_OR_FOLLOWER, never
   * acknowledged, whatever the high watermark (now the new leader's) says. Kafka keeps the same rule with a
   * lock the leader change takes.
   */
  leadsAt(leaderEpoch: number): boolean {
    return this.role === ReplicaRole.LEADER && this.leaderEpoch === leaderEpoch;
  }

  /** Mirrors the offsets the log reported (a truncation, a follower's append). */
  onLogOffsets(o: LogOffsets): void {
    this.offsetsGeneration++;
    this.stableBytes.reset();
    this.#takeOffsets(o);
  }

  #takeOffsets(o: LogOffsets): void {
    this.logEndOffset = o.logEndOffset;
    this.highWatermark = o.highWatermark;
    if (o.lastStableOffset !== undefined) this.lastStableOffset = o.lastStableOffset;
    if (o.latestEpoch !== undefined) this.latestEpoch = o.latestEpoch;
  }

  /**
   * The log reported its last stable offset: read_committed fetches count the bytes it passed and wake
   * once they have min_bytes (all of them when it passed bytes appended before this leadership's first).
   */
  onLastStableOffset(lastStableOffset: number | undefined): void {
    if (lastStableOffset === undefined || lastStableOffset <= this.lastStableOffset) return;
    const stable = this.stableBytes;
    const before = stable.passed;
    stable.advance(this.lastStableOffset, lastStableOffset);
    this.lastStableOffset = lastStableOffset;
    const bytes = stable.passed - before;
    const unknown = stable.passedUnknown;
    if (bytes === 0 && !unknown) return;
    const waiters = this.waiters;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const f = waiters[i];
      if (f?.readCommitted !== true) continue;
      f.needed -= bytes;
      if (unknown || f.needed <= 0) f.wake();
    }
  }

  /**
   * The high watermark moved up (the log said so): wakes the consumer fetches that wait for it where
   * followers bound it, and acknowledges the acks=all produces it now covers.
   */
  onHighWatermark(highWatermark: number): void {
    if (highWatermark <= this.highWatermark) return;
    this.highWatermark = highWatermark;
    if (this.maximalIsr().length > 1) {
      const waiters = this.waiters;
      for (let i = waiters.length - 1; i >= 0; i--) {
        const f = waiters[i];
        if (f !== undefined && !f.toLogEnd && f.readCommitted !== true) f.wake();
      }
    }
    const acks = this.ackWaiters;
    let done = 0;
    while (done < acks.length && acks[done]!.requiredOffset <= highWatermark) done++;
    if (done === 0) return;
    for (const w of acks.splice(0, done)) w.complete(ErrorCode.NONE);
  }

  /** Fails every waiting acks=all produce (leadership lost, partition gone). */
  failAckWaiters(errorCode: number): void {
    for (const w of this.ackWaiters.splice(0)) w.complete(errorCode);
  }

  /**
   * Followers that have not been caught up for lagMaxMs and are in the ISR: the leader asks the controller
   * to drop them (replica.lag.time.max.ms).
   */
  laggingIsrMembers(nowMs: number, lagMaxMs: number): number[] {
    const out: number[] = [];
    for (const id of this.isr) {
      if (id === this.localNodeId) continue;
      const f = this.followers.get(id);
      if (f !== undefined && nowMs - f.lastCaughtUpMs > lagMaxMs) out.push(id);
    }
    return out;
  }

  /**
   * Whether a follower outside the ISR may join it: it holds everything up to the high watermark and
   * everything this leadership began with (Kafka's isFollowerInSync and the leader epoch start offset rule).
   */
  mayJoinIsr(id: number): boolean {
    if (this.isr.includes(id) || !this.replicas.includes(id)) return false;
    const leo = this.followers.get(id)?.logEndOffset ?? -1;
    return leo >= 0 && leo >= this.highWatermark && leo >= this.leaderEpochStartOffset;
  }

  /**
   * After a successful append of `bytes`: mirrors the offsets and wakes the fetches that now have enough.
   * Results can arrive after a later task's, so offsets only move forward here.
   */
  onAppend(o: AppendedOffsets, bytes: number, generation = this.offsetsGeneration): void {
    // Submitted before the offsets were last taken exactly (a produce across partitions answers once all
    // are appended, by when this one's log may have been truncated as a follower): its offsets are stale.
    if (generation !== this.offsetsGeneration) return;
    this.stableBytes.onAppend(
      o.baseOffset ?? -1,
      o.lastOffset === undefined ? o.logEndOffset : o.lastOffset + 1,
      bytes,
    );
    if (o.logEndOffset > this.logEndOffset) this.logEndOffset = o.logEndOffset;
    // The follower this node may become fetches with it as last_fetched_epoch: a stale one (-1 on a log
    // that was empty when opened) would skip the new leader's divergence check and keep this leadership's
    // unreplicated suffix under the next epoch's records.
    if (o.latestEpoch !== undefined && o.latestEpoch > this.latestEpoch) this.latestEpoch = o.latestEpoch;
    this.appendedBytes += bytes;
    const waiters = this.waiters;
    // Consumers read to the high watermark: where followers bound it, it moving wakes them, not appends.
    const consumersToo = this.maximalIsr().length <= 1;
    // Backwards: wake() removes entries from this list.
    for (let i = waiters.length - 1; i >= 0; i--) {
      const f = waiters[i];
      if (f === undefined || (!consumersToo && !f.toLogEnd) || f.readCommitted === true) continue;
      f.needed -= bytes;
      if (f.needed <= 0) f.wake();
    }
    this.onHighWatermark(o.highWatermark);
    this.onLastStableOffset(o.lastStableOffset);
  }

  /** Parked fetches answer now (with what they have, or an error once they re-check the epoch). */
  wakeFetches(): void {
    for (const f of [...this.waiters]) f.wake();
  }

  /** Wakes every parked fetch and fails the waiting produces (the partition goes, or this node stops leading it). */
  wakeAll(): void {
    this.wakeFetches();
    this.failAckWaiters(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  }
}
