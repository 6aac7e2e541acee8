// This node's part in replicating partitions (Kafka's ReplicaManager duties beyond serving clients):
//   - as follower: one ReplicaFetcher per leader broker, each partition handed to the fetcher of its
//     current leader whenever the metadata image moves it;
//   - as leader: what followers' fetches say (their log end offsets) moves the high watermark, the
//     smallest log end offset over the maximal ISR; a follower that has caught up joins the ISR, one that
//     stays behind for replica.lag.time.max.ms leaves it. ISR changes are never decided here: the leader
//     asks the controller (AlterPartition, with its leader and partition epochs) and takes the answer, so
//     a leader cut off from the controller cannot shrink the ISR to itself and acknowledge alone.
import type { Clock, Timer } from '../../clock.js';
import type { LogSink } from '../../logger.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { type PartitionState, ReplicaRole } from '../partition-state.js';
import {
  type FetchTransport,
  FollowedPartition,
  type FollowerLog,
  type ReplicaFetchConfig,
  ReplicaFetcher,
} from './replica-fetcher.js';
import type { ReplicationThrottle } from './throttle.js';

/** A refused or failed AlterPartition is asked again after this. */
export const ISR_CHANGE_RETRY_MS = 1000;

export interface AlterPartitionCall {
  topicId: string;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

export interface AlterPartitionResult {
  errorCode: number;
  leaderEpoch: number;
  partitionEpoch: number;
  isr: number[];
}

export interface ReplicationOptions {
  nodeId: number;
  log: FollowerLog;
  transport: FetchTransport;
  /** The controller's AlterPartition. */
  alterPartition: (call: AlterPartitionCall) => Promise<AlterPartitionResult>;
  /** A topic's id as the metadata names it (AlterPartition carries ids); undefined when unknown. */
  topicId: (topic: string) => string | undefined;
  clock: Clock;
  logger: LogSink;
  fetch: ReplicaFetchConfig;
  /** replica.lag.time.max.ms. */
  replicaLagTimeMaxMs: number;
  /** The follower quota (follower.replication.throttled.rate); absent or null: none. */
  throttle?: ReplicationThrottle | null;
  /** The leader quota (leader.replication.throttled.rate), which the Fetch handler applies; absent or null: none. */
  leaderThrottle?: ReplicationThrottle | null;
}

export class Replication {
  readonly #o: ReplicationOptions;
  readonly #followed = new Map<PartitionState, FollowedPartition>();
  readonly #fetchers = new Map<number, ReplicaFetcher>();
  /** Partitions led here that have other replicas (the ISR checks run over them). */
  readonly #led = new Set<PartitionState>();
  #isrTimer: Timer | null = null;
  #stopped = false;
  /** After a refused or failed ISR change, the partition asks again only after this (and logs only news). */
  readonly #isrRetry = new Map<PartitionState, { atMs: number; lastError: number }>();
  /**
   * ISR changes of partitions led here within one leadership, whether this leader asked (AlterPartition)
   * or the controller decided (a fenced replica): Kafka's IsrShrinksPerSec and IsrExpandsPerSec.
   */
  isrShrinks = 0;
  isrExpands = 0;
  readonly #isrSeen = new Map<PartitionState, { leaderEpoch: number; size: number }>();

  constructor(options: ReplicationOptions) {
    this.#o = options;
  }

  /** The follower quota, if any. */
  get followerThrottle(): ReplicationThrottle | null {
    return this.#o.throttle ?? null;
  }

  /** The leader quota, if any. */
  get leaderThrottle(): ReplicationThrottle | null {
    return this.#o.leaderThrottle ?? null;
  }

  /** New quota rates (dynamic broker configs; 0: none), at once: sleeping fetchers recompute their wait. */
  setThrottleRates(leader: number, follower: number): void {
    const f = this.#o.throttle;
    if (f != null && f.bytesPerSecond !== follower) {
      f.setRate(follower);
      for (const fetcher of this.#fetchers.values()) fetcher.wake();
    }
    const l = this.#o.leaderThrottle;
    if (l != null && l.bytesPerSecond !== leader) l.setRate(leader);
  }

  /** The fetchers by leader broker id (tests, metrics). */
  get fetchers(): ReadonlyMap<number, ReplicaFetcher> {
    return this.#fetchers;
  }

  /**
   * Kafka's MaxLag of the replica fetchers: over the partitions followed here, the most records between
   * the leader's high watermark (as its last answer said) and this replica's log end offset.
   */
  maxLag(): number {
    let max = 0;
    for (const p of this.#followed.values()) {
      if (p.leaderHighWatermark < 0 || p.state.logEndOffset < 0) continue;
      max = Math.max(max, p.leaderHighWatermark - p.state.logEndOffset);
    }
    return max;
  }

  /** Follows the partition's role as its replica state now says (after an image applied it). */
  update(state: PartitionState): void {
    if (this.#stopped) return;
    const hosted = state.replicas.includes(this.#o.nodeId);
    if (hosted && state.role === ReplicaRole.FOLLOWER && state.leaderId >= 0) this.#follow(state);
    else this.#unfollow(state);
    // A leader's high watermark may be behind what its ISR holds (a checkpoint from before a restart).
    if (hosted && state.role === ReplicaRole.LEADER) this.advanceHighWatermark(state);
    if (hosted && state.role === ReplicaRole.LEADER && state.replicas.length > 1) {
      this.#led.add(state);
      this.#countIsrChange(state);
      this.#scheduleIsrCheck();
    } else {
      this.#led.delete(state);
      this.#isrSeen.delete(state);
    }
  }

  /** Counts a led partition's ISR growing or shrinking since last seen at the same leader epoch. */
  #countIsrChange(state: PartitionState): void {
    const seen = this.#isrSeen.get(state);
    const size = state.isr.length;
    if (seen !== undefined && seen.leaderEpoch === state.leaderEpoch) {
      if (size < seen.size) this.isrShrinks++;
      else if (size > seen.size) this.isrExpands++;
    }
    this.#isrSeen.set(state, { leaderEpoch: state.leaderEpoch, size });
  }

  /** The partition is gone from this node. */
  remove(state: PartitionState): void {
    this.#unfollow(state);
    this.#led.delete(state);
    this.#isrRetry.delete(state);
    this.#isrSeen.delete(state);
  }

  /**
   * A follower fetched from `fetchOffset` (so its log ends there) while this leader's log ended at
   * `leaderLogEndOffset`: moves the high watermark and lets the follower into the ISR once it caught up.
   */
  onFollowerFetch(
    state: PartitionState,
    replicaId: number,
    fetchOffset: number,
    leaderLogEndOffset: number,
  ): void {
    const f = state.followers.get(replicaId);
    if (f === undefined) return;
    f.onFetch(fetchOffset, leaderLogEndOffset, this.#o.clock.now());
    this.advanceHighWatermark(state);
    if (state.pendingIsr === null && state.mayJoinIsr(replicaId)) {
      this.#alterIsr(state, [...state.isr, replicaId], `broker ${replicaId} caught up`);
    }
  }

  /** Moves the log's high watermark to the smallest log end offset over the maximal ISR, if that grew. */
  advanceHighWatermark(state: PartitionState): void {
    if (state.role !== ReplicaRole.LEADER || state.highWatermarkUpdating || state.logEndOffset < 0) return;
    const target = state.highWatermarkCandidate();
    if (target <= state.highWatermark) return;
    state.highWatermarkUpdating = true;
    this.#o.log.setHighWatermark(state.topic, state.partition, target).then((r) => {
      state.highWatermarkUpdating = false;
      if (r.errorCode !== ErrorCode.NONE) return;
      state.onHighWatermark(r.highWatermark);
      state.onLastStableOffset(r.lastStableOffset);
      // Fetches that came in meanwhile may allow more.
      if (state.highWatermarkCandidate() > state.highWatermark) this.advanceHighWatermark(state);
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#isrTimer?.cancel();
    this.#isrTimer = null;
    for (const f of this.#fetchers.values()) f.stop();
    this.#fetchers.clear();
    this.#followed.clear();
    this.#led.clear();
  }

  #follow(state: PartitionState): void {
    let p = this.#followed.get(state);
    if (p === undefined) {
      p = new FollowedPartition(state);
      this.#followed.set(state, p);
    }
    let fetcher = this.#fetchers.get(state.leaderId);
    if (fetcher?.has(p)) return;
    for (const other of this.#fetchers.values()) other.remove(p);
    if (fetcher === undefined) {
      fetcher = new ReplicaFetcher({
        nodeId: this.#o.nodeId,
        leaderId: state.leaderId,
        log: this.#o.log,
        transport: this.#o.transport,
        clock: this.#o.clock,
        config: this.#o.fetch,
        logger: this.#o.logger,
        throttle: this.#o.throttle ?? null,
      });
      this.#fetchers.set(state.leaderId, fetcher);
    }
    fetcher.add(p);
  }

  #unfollow(state: PartitionState): void {
    const p = this.#followed.get(state);
    if (p === undefined) return;
    this.#followed.delete(state);
    for (const f of this.#fetchers.values()) f.remove(p);
  }

  #scheduleIsrCheck(): void {
    if (this.#isrTimer !== null || this.#stopped) return;
    const every = Math.max(10, Math.floor(this.#o.replicaLagTimeMaxMs / 2));
    this.#isrTimer = this.#o.clock.schedule(every, () => {
      this.#isrTimer = null;
      this.#checkIsr();
      if (this.#led.size > 0) this.#scheduleIsrCheck();
    });
  }

  /** Drops ISR members that stayed behind for replica.lag.time.max.ms (Kafka's maybeShrinkIsr). */
  #checkIsr(): void {
    const now = this.#o.clock.now();
    for (const state of this.#led) {
      if (state.role !== ReplicaRole.LEADER || state.pendingIsr !== null) continue;
      const lagging = state.laggingIsrMembers(now, this.#o.replicaLagTimeMaxMs);
      if (lagging.length === 0) continue;
      const isr = state.isr.filter((id) => !lagging.includes(id));
      this.#alterIsr(state, isr, `broker(s) ${lagging.join(', ')} fell behind`);
    }
  }

  #alterIsr(state: PartitionState, newIsr: number[], why: string): void {
    const topicId = this.#o.topicId(state.topic);
    if (topicId === undefined) return;
    const retry = this.#isrRetry.get(state);
    if (retry !== undefined && this.#o.clock.now() < retry.atMs) return;
    const leaderEpoch = state.leaderEpoch;
    state.pendingIsr = newIsr;
    const tp = `${state.topic}-${state.partition}`;
    this.#o
      .alterPartition({
        topicId,
        partition: state.partition,
        leaderEpoch,
        partitionEpoch: state.partitionEpoch,
        newIsr,
      })
      .then(
        (r) => {
          if (state.pendingIsr !== newIsr) return; // leadership moved meanwhile
          // The change also started a new leader epoch (it completed a reassignment, whose new leader or
          // leaving replicas it fences): until this node applies that metadata, the high watermark keeps
          // counting the ISR it asked for, so it acknowledges nothing the new leader's ISR may lack.
          if (r.errorCode === ErrorCode.NONE && r.leaderEpoch > state.leaderEpoch) return;
          state.pendingIsr = null;
          if (r.errorCode !== ErrorCode.NONE) {
            this.#backOffIsr(
              state,
              r.errorCode,
              `${tp}: ISR change to [${newIsr}] refused (${errorName(r.errorCode)})`,
            );
            return;
          }
          this.#isrRetry.delete(state);
          if (r.leaderEpoch === state.leaderEpoch && r.partitionEpoch > state.partitionEpoch) {
            state.isr = r.isr;
            state.partitionEpoch = r.partitionEpoch;
            this.#countIsrChange(state);
          }
          this.#o.logger.info(`${tp}: ISR is now [${state.isr}] (${why})`);
          this.advanceHighWatermark(state);
        },
        (err: Error) => {
          if (state.pendingIsr === newIsr) state.pendingIsr = null;
          this.#backOffIsr(
            state,
            ErrorCode.UNKNOWN_SERVER_ERROR,
            `${tp}: ISR change to [${newIsr}] failed: ${err.message}`,
          );
        },
      );
  }

  #backOffIsr(state: PartitionState, errorCode: number, message: string): void {
    const before = this.#isrRetry.get(state);
    this.#isrRetry.set(state, { atMs: this.#o.clock.now() + ISR_CHANGE_RETRY_MS, lastError: errorCode });
    if (before?.lastError !== errorCode) this.#o.logger.info(message);
    else this.#o.logger.debug(message);
  }
}
