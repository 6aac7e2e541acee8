// A follower's fetcher for one leader broker (Kafka's ReplicaFetcherThread): one Fetch at a time carries
// every partition this node follows on that leader, with this node's replica id, each partition's log end
// offset as fetch offset, the epoch of its last batch (last_fetched_epoch, KIP-320) and the leader epoch it
// knows. For each partition of the answer:
//   - a diverging epoch (the leader's log and ours part at that epoch's end): truncate to where they agree
//     as far as we can tell (KIP-101/279: the smaller of the leader's end of that epoch and ours), then fetch
//     again, so the leader checks the next epoch back, until the epochs agree;
//   - records: append them as they are (offsets, epochs, CRCs kept), and take the leader's high watermark;
//   - OFFSET_OUT_OF_RANGE: our fetch offset is past the leader's log (an unclean election cut it): truncate
//     to its high watermark and fetch again; below its log start: start over there;
//   - leadership errors (NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, an unknown topic): wait for
//     the metadata to move the partition, retrying after the backoff.
// Log work goes to the partition's owner thread (FollowerLog); a partition has at most one such task in
// flight, and a partition's answer is dropped when its leadership changed while the fetch was out.
//
// Limits: fetch.max.bytes per answer, max.partition.fetch.bytes per partition, replica.fetch.wait.max.ms
// long poll, replica.fetch.backoff.ms after an error. Time comes from an injected Clock.
import type { Clock, Timer } from '../../clock.js';
import type { LogSink } from '../../logger.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import {
  createFetchRequest,
  createFetchRequestFetchPartition,
  createFetchRequestFetchTopic,
  type FetchRequest,
  type FetchRequestFetchTopic,
  type FetchResponse,
  type FetchResponsePartitionData,
} from '../../protocol/generated/fetch.js';
import type { PartitionStore } from '../../storage/pool.js';
import type { PartitionState } from '../partition-state.js';
import type { ReplicationThrottle } from './throttle.js';
import { followerThrottled } from './throttled-replicas.js';

/** How soon a partition whose leader answered a leadership error is fetched again. */
const LEADERSHIP_RETRY_MS = 100;

/** Fetch version followers send: v12 brought last_fetched_epoch and diverging_epoch, and keeps topic names. */
export const REPLICA_FETCH_VERSION = 12;

export interface ReplicaFetchConfig {
  /** replica.fetch.wait.max.ms: how long the leader may hold a fetch that found nothing new. */
  waitMaxMs: number;
  /** replica.fetch.min.bytes. */
  minBytes: number;
  /** replica.fetch.max.bytes: per partition. */
  partitionMaxBytes: number;
  /** replica.fetch.response.max.bytes: per answer. */
  responseMaxBytes: number;
  /** replica.fetch.backoff.ms: after an error, before fetching that partition (or that leader) again. */
  backoffMs: number;
}

export const DEFAULT_REPLICA_FETCH_CONFIG: Readonly<ReplicaFetchConfig> = Object.freeze({
  waitMaxMs: 500,
  minBytes: 1,
  partitionMaxBytes: 1024 * 1024,
  responseMaxBytes: 10 * 1024 * 1024,
  backoffMs: 1000,
});

/** The local log work a follower does: the store's follower calls (they never reject). */
export type FollowerLog = Pick<
  PartitionStore,
  'appendAsFollower' | 'setHighWatermark' | 'truncateTo' | 'truncateFullyAndStartAt' | 'endOffsetForEpoch'
>;

/** Sends a Fetch to a broker; rejects when the broker cannot be reached or does not answer in time. */
export interface FetchTransport {
  fetch(brokerId: number, req: FetchRequest, version: number, timeoutMs: number): Promise<FetchResponse>;
}

/** A partition this node follows, as the fetchers share it (it moves between them when its leader changes). */
export class FollowedPartition {
  /** No fetch for it before this time (after an error). */
  retryAtMs = 0;
  /** A log task for it is in flight. */
  busy = false;
  /** The leader's high watermark in its last answer, -1 before one (the follower's lag, for metrics). */
  leaderHighWatermark = -1;

  constructor(readonly state: PartitionState) {}

  get key(): string {
    return `${this.state.topic}-${this.state.partition}`;
  }
}

export interface ReplicaFetcherOptions {
  nodeId: number;
  leaderId: number;
  log: FollowerLog;
  transport: FetchTransport;
  clock: Clock;
  config: ReplicaFetchConfig;
  logger: LogSink;
  /** The follower quota, shared by every fetcher of this node; null: none. */
  throttle?: ReplicationThrottle | null;
}

export class ReplicaFetcher {
  readonly leaderId: number;
  readonly #o: ReplicaFetcherOptions;
  readonly #partitions = new Map<string, FollowedPartition>();
  #running = false;
  #stopped = false;
  #sleep: { timer: Timer; resolve: () => void } | null = null;
  /** Fetches sent and answered, for tests and metrics. */
  readonly stats = { fetches: 0, failures: 0, appendedBytes: 0, truncations: 0 };
  /** appendedBytes per topic (metrics; topics that are gone are dropped by forgetTopics). */
  readonly appendedByTopic = new Map<string, number>();

  constructor(options: ReplicaFetcherOptions) {
    this.#o = options;
    this.leaderId = options.leaderId;
  }

  get size(): number {
    return this.#partitions.size;
  }

  has(p: FollowedPartition): boolean {
    return this.#partitions.get(p.key) === p;
  }

  add(p: FollowedPartition): void {
    this.#partitions.set(p.key, p);
    p.retryAtMs = 0;
    this.#wake();
    if (!this.#running && !this.#stopped) {
      this.#running = true;
      void this.#run();
    }
  }

  remove(p: FollowedPartition): void {
    if (this.#partitions.get(p.key) === p) this.#partitions.delete(p.key);
  }

  stop(): void {
    this.#stopped = true;
    this.#partitions.clear();
    this.#wake();
  }

  async #run(): Promise<void> {
    try {
      while (!this.#stopped && this.#partitions.size > 0) {
        const now = this.#o.clock.now();
        const ready: FollowedPartition[] = [];
        let nextRetry = Number.POSITIVE_INFINITY;
        const throttleDelay = this.#o.throttle?.delayMs() ?? 0;
        for (const p of this.#partitions.values()) {
          // A log still opening (logEndOffset -1) or a log task in flight: not this round.
          if (p.busy || p.state.logEndOffset < 0) nextRetry = Math.min(nextRetry, now + 50);
          else if (p.retryAtMs > now) nextRetry = Math.min(nextRetry, p.retryAtMs);
          else if (throttleDelay > 0 && this.#throttled(p))
            nextRetry = Math.min(nextRetry, now + throttleDelay);
          else ready.push(p);
        }
        if (ready.length === 0) {
          await this.#sleepUntil(nextRetry === Number.POSITIVE_INFINITY ? now + 1000 : nextRetry);
          continue;
        }
        await this.#fetchOnce(ready);
      }
    } catch (err) {
      this.#o.logger.warn(`replica fetcher for broker ${this.leaderId} failed: ${(err as Error).stack}`);
    } finally {
      this.#running = false;
      // Partitions added while the loop was ending start it again.
      if (!this.#stopped && this.#partitions.size > 0) {
        this.#running = true;
        void this.#run();
      }
    }
  }

  /** Under the follower quota: one is set, and the replica is throttled (throttled-replicas.ts). */
  #throttled(p: FollowedPartition): boolean {
    return this.#o.throttle?.limited === true && followerThrottled(p.state, this.#o.nodeId);
  }

  #sleepUntil(atMs: number): Promise<void> {
    const ms = Math.max(1, atMs - this.#o.clock.now());
    return new Promise((resolve) => {
      const timer = this.#o.clock.schedule(ms, () => {
        this.#sleep = null;
        resolve();
      });
      this.#sleep = { timer, resolve };
    });
  }

  /** Drops the per-topic counts of topics for which `exists` is false. */
  forgetTopics(exists: (topic: string) => boolean): void {
    for (const topic of this.appendedByTopic.keys()) if (!exists(topic)) this.appendedByTopic.delete(topic);
  }

  /** Ends a sleep early, e.g. when the follower quota's rate changed. */
  wake(): void {
    this.#wake();
  }

  #wake(): void {
    const s = this.#sleep;
    if (s === null) return;
    this.#sleep = null;
    s.timer.cancel();
    s.resolve();
  }

  async #fetchOnce(ready: FollowedPartition[]): Promise<void> {
    const c = this.#o.config;
    const topics = new Map<string, FetchRequestFetchTopic>();
    const sent = new Map<
      string,
      { p: FollowedPartition; leaderEpoch: number; fetchOffset: number; throttled: boolean }
    >();
    for (const p of ready) {
      const throttled = this.#throttled(p);
      const s = p.state;
      let t = topics.get(s.topic);
      if (t === undefined) {
        t = createFetchRequestFetchTopic({ topic: s.topic, partitions: [] });
        topics.set(s.topic, t);
      }
      t.partitions.push(
        createFetchRequestFetchPartition({
          partition: s.partition,
          currentLeaderEpoch: s.leaderEpoch,
          fetchOffset: s.logEndOffset,
          lastFetchedEpoch: s.latestEpoch,
          logStartOffset: -1,
          partitionMaxBytes: throttled
            ? this.#o.throttle!.partitionMaxBytes(c.partitionMaxBytes)
            : c.partitionMaxBytes,
        }),
      );
      sent.set(p.key, { p, leaderEpoch: s.leaderEpoch, fetchOffset: s.logEndOffset, throttled });
    }
    const req = createFetchRequest({
      replicaId: this.#o.nodeId,
      maxWaitMs: c.waitMaxMs,
      minBytes: c.minBytes,
      maxBytes: c.responseMaxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...topics.values()],
    });
    let res: FetchResponse;
    this.stats.fetches++;
    try {
      res = await this.#o.transport.fetch(this.leaderId, req, REPLICA_FETCH_VERSION, c.waitMaxMs + 30_000);
    } catch (err) {
      this.stats.failures++;
      this.#o.logger.debug(`fetch from broker ${this.leaderId} failed: ${(err as Error).message}`);
      this.#backOff(ready);
      return;
    }
    if (res.errorCode !== ErrorCode.NONE) {
      this.stats.failures++;
      this.#o.logger.debug(`fetch from broker ${this.leaderId}: ${errorName(res.errorCode)}`);
      this.#backOff(ready);
      return;
    }
    const work: Promise<void>[] = [];
    let bytes = 0;
    let throttledBytes = 0;
    for (const t of res.responses) {
      for (const d of t.partitions) {
        const entry = sent.get(`${t.topic}-${d.partitionIndex}`);
        if (entry === undefined) continue;
        sent.delete(`${t.topic}-${d.partitionIndex}`);
        const { p, leaderEpoch, fetchOffset, throttled } = entry;
        const records = d.records;
        const size = records !== null && !Array.isArray(records) ? records.length : 0;
        // Fetched bytes count against the throttle whether or not they are used.
        if (throttled) throttledBytes += size;
        // Moved to another leader, or a newer epoch, while the fetch was out: its answer is stale.
        if (!this.has(p) || p.state.leaderEpoch !== leaderEpoch || p.state.logEndOffset !== fetchOffset)
          continue;
        bytes += size;
        if (d.errorCode === ErrorCode.NONE) p.leaderHighWatermark = d.highWatermark;
        work.push(this.#apply(p, d));
      }
    }
    this.#o.throttle?.record(throttledBytes);
    await Promise.all(work);
    // An empty answer (a leader that did not hold the fetch): let timers and I/O run before the next one,
    // so a fetcher never spins on answers that come back at once.
    if (bytes === 0) await this.#sleepUntil(this.#o.clock.now() + 1);
  }

  #backOff(ps: Iterable<FollowedPartition>, ms = this.#o.config.backoffMs): void {
    const at = this.#o.clock.now() + ms;
    for (const p of ps) p.retryAtMs = at;
  }

  async #apply(p: FollowedPartition, d: FetchResponsePartitionData): Promise<void> {
    const s = p.state;
    const log = this.#o.log;
    p.busy = true;
    try {
      switch (d.errorCode) {
        case ErrorCode.NONE:
          break;
        case ErrorCode.OFFSET_OUT_OF_RANGE:
          await this.#outOfRange(p, d);
          return;
        case ErrorCode.UNKNOWN_LEADER_EPOCH:
        case ErrorCode.NOT_LEADER_OR_FOLLOWER:
        case ErrorCode.FENCED_LEADER_EPOCH:
          // One of the two brokers has not applied the latest metadata yet; it usually takes milliseconds.
          this.#o.logger.debug(`${p.key}: broker ${this.leaderId} answered ${errorName(d.errorCode)}`);
          this.#backOff([p], Math.min(this.#o.config.backoffMs, LEADERSHIP_RETRY_MS));
          return;
        default:
          this.#o.logger.debug(
            `${p.key}: fetch from broker ${this.leaderId} answered ${errorName(d.errorCode)}`,
          );
          this.#backOff([p]);
          return;
      }
      const diverging = d.divergingEpoch;
      if (diverging !== undefined && diverging.epoch >= 0) {
        await this.#truncateDiverging(p, diverging.epoch, diverging.endOffset);
        return;
      }
      const records = d.records;
      if (records !== null && !Array.isArray(records) && records.length > 0) {
        const r = await log.appendAsFollower(s.topic, s.partition, records, d.highWatermark);
        if (r.errorCode !== ErrorCode.NONE) {
          this.#o.logger.warn(
            `${p.key}: appending what broker ${this.leaderId} sent failed (${errorName(r.errorCode)})`,
          );
          this.#backOff([p]);
          return;
        }
        this.stats.appendedBytes += records.length;
        this.appendedByTopic.set(s.topic, (this.appendedByTopic.get(s.topic) ?? 0) + records.length);
        s.onLogOffsets(r);
        s.appendedBytes += records.length;
        return;
      }
      // Nothing new: the leader's high watermark may still have moved.
      const hw = Math.min(d.highWatermark, s.logEndOffset);
      if (hw > s.highWatermark) {
        const r = await log.setHighWatermark(s.topic, s.partition, hw);
        if (r.errorCode === ErrorCode.NONE) s.highWatermark = r.highWatermark;
      }
    } finally {
      p.busy = false;
    }
  }

  /**
   * The leader says our logs part after `epoch` ends at `endOffset` on its side. Where our own history
   * has that epoch, everything past the smaller end goes and the logs agree; where it does not, we cut back
   * to the end of our last epoch below it and the next fetch asks again (Kafka's truncation on fetch).
   */
  async #truncateDiverging(p: FollowedPartition, epoch: number, leaderEnd: number): Promise<void> {
    const s = p.state;
    const log = this.#o.log;
    const ours = await log.endOffsetForEpoch(s.topic, s.partition, epoch, -1);
    if (ours.errorCode !== ErrorCode.NONE) {
      this.#backOff([p]);
      return;
    }
    const target =
      ours.leaderEpoch < 0
        ? Math.min(leaderEnd, s.logEndOffset)
        : ours.leaderEpoch === epoch
          ? Math.min(leaderEnd, ours.endOffset, s.logEndOffset)
          : Math.min(ours.endOffset, s.logEndOffset);
    await this.#truncate(p, target, `diverging at epoch ${epoch} (leader ends it at ${leaderEnd})`);
  }

  async #outOfRange(p: FollowedPartition, d: FetchResponsePartitionData): Promise<void> {
    const s = p.state;
    if (d.logStartOffset >= 0 && s.logEndOffset < d.logStartOffset) {
      const r = await this.#o.log.truncateFullyAndStartAt(s.topic, s.partition, d.logStartOffset);
      if (r.errorCode !== ErrorCode.NONE) {
        this.#backOff([p]);
        return;
      }
      this.stats.truncations++;
      this.#o.logger.info(`${p.key}: behind the leader's log start; starting over at ${d.logStartOffset}`);
      s.onLogOffsets(r);
      return;
    }
    if (d.highWatermark >= 0 && d.highWatermark < s.logEndOffset) {
      await this.#truncate(
        p,
        d.highWatermark,
        `past the leader's log end (its high watermark ${d.highWatermark})`,
      );
      return;
    }
    this.#backOff([p]);
  }

  async #truncate(p: FollowedPartition, offset: number, why: string): Promise<void> {
    const s = p.state;
    if (offset >= s.logEndOffset) {
      // Nothing to cut: the leader will not say the same again unless our epoch is behind; back off.
      this.#backOff([p]);
      return;
    }
    const r = await this.#o.log.truncateTo(s.topic, s.partition, offset);
    if (r.errorCode !== ErrorCode.NONE) {
      this.#o.logger.warn(`${p.key}: truncating to ${offset} failed (${errorName(r.errorCode)})`);
      this.#backOff([p]);
      return;
    }
    this.stats.truncations++;
    this.#o.logger.info(`${p.key}: truncated from ${s.logEndOffset} to ${r.logEndOffset}: ${why}`);
    s.onLogOffsets(r);
  }
}
