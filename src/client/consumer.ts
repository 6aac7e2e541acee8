// A consumer of explicitly assigned partitions (no group membership). Fetches are pipelined: as soon
// as a Fetch response arrives, the next offset of each partition is read from the batch headers
// alone and the next long-poll Fetch to that broker goes out, while the application decodes and
// processes the data just received. At most one Fetch is in flight per broker, and at most
// `maxBufferedFetches` responses per broker wait for the application; memory is therefore bounded
// by (1 + maxBufferedFetches) x maxBytes per broker.
//
// Positions: `fetchOffset` is where the next Fetch starts, `position` what the application has been
// given. seek() bumps the partition's epoch so data fetched for the old position is dropped.
import type { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { FetchApi, ListOffsetsApi } from '../protocol/generated/api-keys.js';
import {
  createFetchRequest,
  createFetchRequestFetchPartition,
  type FetchRequestFetchTopic,
  type FetchResponse,
} from '../protocol/generated/fetch.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../protocol/list-offsets.js';
import { ZERO_UUID } from '../protocol/reader.js';
import { recordsBuffer } from '../protocol/writer.js';
import { type Cluster, sleep } from './cluster.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';
import {
  type AbortedTransaction,
  type ConsumerRecord,
  nextOffsetAfter,
  readRecords,
} from './record-reader.js';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export type OffsetResetPolicy = 'earliest' | 'latest' | 'none';

export interface ConsumerOptions {
  /** Where to start when a partition has no position or its position is out of range. Default 'latest'. */
  autoOffsetReset?: OffsetResetPolicy;
  /** Longest time the broker holds a Fetch waiting for minBytes. */
  maxWaitMs?: number;
  minBytes?: number;
  /** Byte limit of one Fetch response. */
  maxBytes?: number;
  /** Byte limit per partition in one Fetch (the broker still returns one whole batch if larger). */
  maxPartitionBytes?: number;
  isolationLevel?: 'read_uncommitted' | 'read_committed';
  /** Verify each batch's CRC-32C before decoding it. */
  checkCrcs?: boolean;
  /** Fetch responses per broker that may wait for the application while the next Fetch runs. */
  maxBufferedFetches?: number;
  retryBackoffMs?: number;
  /**
   * How long an assigned partition may go without a Fetch answer (its leader unreachable, hung, or
   * unknown to metadata) before nextBatch(), the iterators and run() reject with a retriable KafkaError
   * and 'error' is emitted. Calling them again keeps trying; each further window without progress fails
   * again. Default 30000.
   */
  brokerUnavailableTimeoutMs?: number;
}

/** Payload of the 'crash' event: run() rejected. `restart`: calling run() again is expected to work. */
export interface ConsumerCrash {
  error: Error;
  groupId: string | null;
  restart: boolean;
}

export interface ConsumerBatch {
  topic: string;
  partition: number;
  records: ConsumerRecord[];
  /** Partition high watermark when the data was fetched. */
  highWatermark: number;
}

export type EachBatch = (batch: ConsumerBatch) => void | Promise<void>;

const CONSUMER_DEFAULTS = {
  maxWaitMs: 500,
  minBytes: 1,
  maxBytes: 50 * 1024 * 1024,
  maxPartitionBytes: 1024 * 1024,
  maxBufferedFetches: 2,
  brokerUnavailableTimeoutMs: 30_000,
} as const;

/** ListOffsets timestamps with a special meaning. */

class Assignment {
  readonly key: string;
  position = -1;
  fetchOffset = -1;
  epoch = 0;
  highWatermark = -1;
  resetting = false;
  /** An error for the application (e.g. OFFSET_OUT_OF_RANGE with policy 'none'). */
  error: Error | null = null;
  /** When the partition last made progress: assigned, seeked, reset, or answered by its leader. */
  lastProgress = Date.now();
  /** Why the last attempt to fetch (or find the leader, or reset) failed, for the stall error. */
  lastError: KafkaError | null = null;
  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {
    this.key = `${topic}\u0000${partition}`;
  }
}

class CompletedFetch {
  constructor(
    readonly a: Assignment,
    readonly epoch: number,
    readonly fetchOffset: number,
    readonly data: Buffer,
    readonly highWatermark: number,
    readonly broker: number,
    /** read_committed: the aborted transactions the broker listed for this data. */
    readonly aborted: readonly AbortedTransaction[] | null,
  ) {}
}

/**
 * Events: 'error' (a KafkaError) when a failure is surfaced to the application, e.g. partitions whose broker
 * is unreachable for brokerUnavailableTimeoutMs (emitted only while someone listens, so it never throws);
 * 'crash' (ConsumerCrash) when run() rejects.
 */
export class Consumer extends EventEmitter {
  readonly #cluster: Cluster;
  readonly #reset: OffsetResetPolicy;
  readonly #maxWaitMs: number;
  readonly #minBytes: number;
  readonly #maxBytes: number;
  readonly #maxPartitionBytes: number;
  readonly #isolationLevel: number;
  readonly #checkCrcs: boolean;
  readonly #maxBuffered: number;
  readonly #retryBackoffMs: number;
  readonly #unavailableTimeoutMs: number;
  /** A failure for the next nextBatch() (stalled partitions, or one a group consumer surfaces). */
  #failure: Error | null = null;
  #watchdog: NodeJS.Timeout | null = null;
  readonly #assigned = new Map<string, Assignment>();
  readonly #completed: CompletedFetch[] = [];
  readonly #bufferedPerBroker = new Map<number, number>();
  readonly #fetching = new Set<number>();
  readonly #brokerBackoffUntil = new Map<number, number>();
  readonly #waiters: (() => void)[] = [];
  #fetchScheduled = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #refreshing = false;
  #closed = false;
  readonly #maybeFetchBound = () => this.#maybeFetch();

  constructor(cluster: Cluster, opts: ConsumerOptions = {}) {
    super();
    this.#cluster = cluster;
    this.#reset = opts.autoOffsetReset ?? 'latest';
    if (!['earliest', 'latest', 'none'].includes(this.#reset)) {
      throw new ClientError(`autoOffsetReset must be earliest, latest or none, not ${this.#reset}`);
    }
    this.#maxWaitMs = opts.maxWaitMs ?? CONSUMER_DEFAULTS.maxWaitMs;
    this.#minBytes = opts.minBytes ?? CONSUMER_DEFAULTS.minBytes;
    this.#maxBytes = opts.maxBytes ?? CONSUMER_DEFAULTS.maxBytes;
    this.#maxPartitionBytes = opts.maxPartitionBytes ?? CONSUMER_DEFAULTS.maxPartitionBytes;
    this.#isolationLevel = opts.isolationLevel === 'read_committed' ? 1 : 0;
    this.#checkCrcs = opts.checkCrcs ?? true;
    this.#maxBuffered = Math.max(1, opts.maxBufferedFetches ?? CONSUMER_DEFAULTS.maxBufferedFetches);
    this.#retryBackoffMs = opts.retryBackoffMs ?? cluster.retryBackoffMs;
    this.#unavailableTimeoutMs =
      opts.brokerUnavailableTimeoutMs ?? CONSUMER_DEFAULTS.brokerUnavailableTimeoutMs;
    if (!Number.isFinite(this.#unavailableTimeoutMs) || this.#unavailableTimeoutMs <= 0)
      throw new ClientError('brokerUnavailableTimeoutMs must be > 0');
  }

  /** Replaces the assignment. New partitions start at their reset position unless seek() is called. */
  assign(partitions: readonly TopicPartition[]): void {
    this.#checkOpen();
    const next = new Map<string, Assignment>();
    for (const tp of partitions) {
      const key = `${tp.topic}\u0000${tp.partition}`;
      next.set(key, this.#assigned.get(key) ?? new Assignment(tp.topic, tp.partition));
      this.#cluster.track(tp.topic);
    }
    this.#assigned.clear();
    for (const [k, a] of next) this.#assigned.set(k, a);
    if (this.#assigned.size > 0) this.#startWatchdog();
    this.#scheduleFetch();
  }

  assignment(): TopicPartition[] {
    return [...this.#assigned.values()].map((a) => ({ topic: a.topic, partition: a.partition }));
  }

  /** Next offset the application will receive for a partition (-1 while unknown). */
  position(tp: TopicPartition): number {
    return this.#get(tp).position;
  }

  /** Moves a partition to `offset`; data already fetched for the old position is dropped. */
  seek(tp: TopicPartition, offset: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new ClientError(`invalid offset ${offset}`);
    const a = this.#get(tp);
    a.epoch++;
    a.position = offset;
    a.fetchOffset = offset;
    a.error = null;
    a.lastProgress = Date.now();
    this.#scheduleFetch();
  }

  async seekToBeginning(tps?: readonly TopicPartition[]): Promise<void> {
    await this.#seekToTimestampSpec(tps, EARLIEST_TIMESTAMP);
  }

  async seekToEnd(tps?: readonly TopicPartition[]): Promise<void> {
    await this.#seekToTimestampSpec(tps, LATEST_TIMESTAMP);
  }

  /**
   * Moves each partition to the first record with a timestamp >= `timestamp`, or to the end when
   * there is none (ListOffsets by time).
   */
  async seekToTimestamp(tps: readonly TopicPartition[] | undefined, timestamp: number): Promise<void> {
    if (timestamp < 0) throw new ClientError('timestamp must be >= 0');
    await this.#seekToTimestampSpec(tps, timestamp);
  }

  async #seekToTimestampSpec(tps: readonly TopicPartition[] | undefined, ts: number): Promise<void> {
    const targets = tps === undefined ? [...this.#assigned.values()] : tps.map((tp) => this.#get(tp));
    const epochs = targets.map((a) => ++a.epoch);
    const offsets = await this.#listOffsets(targets, ts);
    for (let i = 0; i < targets.length; i++) {
      const a = targets[i]!;
      if (a.epoch !== epochs[i]) continue; // seeked again meanwhile
      let offset = offsets[i]!;
      if (offset < 0) offset = (await this.#listOffsets([a], LATEST_TIMESTAMP))[0]!;
      if (a.epoch !== epochs[i]) continue;
      // A new epoch, so that an offset reset begun while this seek waited (assign() starts one for
      // partitions without a position) does not overwrite it when it answers later.
      a.epoch++;
      a.position = offset;
      a.fetchOffset = offset;
      a.error = null;
    }
    this.#scheduleFetch();
  }

  /**
   * The next batch of records from any assigned partition, waiting for data as long as needed.
   * Resolves null once the consumer is closed.
   */
  async nextBatch(): Promise<ConsumerBatch | null> {
    for (;;) {
      if (this.#closed) return null;
      if (this.#failure !== null) {
        const err = this.#failure;
        this.#failure = null;
        throw err;
      }
      for (const a of this.#assigned.values()) {
        if (a.error !== null) {
          const err = a.error;
          a.error = null;
          throw err;
        }
      }
      const batch = this.#takeBuffered();
      if (batch !== null) return batch;
      this.#scheduleFetch();
      await new Promise<void>((r) => this.#waiters.push(r));
    }
  }

  /** Batches, one partition's slice of a Fetch response at a time, until the consumer is closed. */
  batches(): AsyncIterableIterator<ConsumerBatch> {
    const next = async (): Promise<IteratorResult<ConsumerBatch>> => {
      const b = await this.nextBatch();
      return b === null ? { done: true, value: undefined } : { done: false, value: b };
    };
    const it: AsyncIterableIterator<ConsumerBatch> = { next, [Symbol.asyncIterator]: () => it };
    return it;
  }

  /** Records one at a time (convenient; batches() or run() cost less per record). */
  [Symbol.asyncIterator](): AsyncIterator<ConsumerRecord> {
    let records: ConsumerRecord[] = [];
    let i = 0;
    return {
      next: async (): Promise<IteratorResult<ConsumerRecord>> => {
        while (i >= records.length) {
          const b = await this.nextBatch();
          if (b === null) return { done: true, value: undefined };
          records = b.records;
          i = 0;
        }
        return { done: false, value: records[i++]! };
      },
    };
  }

  /**
   * Calls `eachBatch` for every batch (awaiting it) until close(), or until it or the consumer fails: then
   * run() rejects and 'crash' is emitted. Calling run() again continues from the current positions.
   */
  async run(handlers: { eachBatch: EachBatch }): Promise<void> {
    try {
      for (;;) {
        const b = await this.nextBatch();
        if (b === null) return;
        await handlers.eachBatch(b);
      }
    } catch (err) {
      this.emitCrash(err as Error, null);
      throw err;
    }
  }

  /** Makes the pending (or next) nextBatch() reject with `err` and emits 'error'; for the group consumer. */
  surface(err: Error): void {
    if (this.#closed) return;
    this.#failure = err;
    if (this.listenerCount('error') > 0) this.emit('error', err);
    this.#wake();
  }

  /** Emits 'crash' for a run() that rejects; restart is true for retriable Kafka errors. */
  emitCrash(error: Error, groupId: string | null, fatal = false): void {
    const restart = !fatal && error instanceof KafkaError && error.retriable;
    const payload: ConsumerCrash = { error, groupId, restart };
    this.emit('crash', payload);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    if (this.#watchdog !== null) clearInterval(this.#watchdog);
    this.#watchdog = null;
    this.#completed.length = 0;
    this.#wake();
    this.#cluster.close();
  }

  // --- internals ----------------------------------------------------------------------------------

  #checkOpen(): void {
    if (this.#closed) throw new ClientError('consumer is closed');
  }

  #get(tp: TopicPartition): Assignment {
    const a = this.#assigned.get(`${tp.topic}\u0000${tp.partition}`);
    if (a === undefined) throw new ClientError(`${tp.topic}-${tp.partition} is not assigned`);
    return a;
  }

  #wake(): void {
    const w = this.#waiters.splice(0);
    for (const f of w) f();
  }

  /** Decodes the oldest buffered response slice that is still current. */
  #takeBuffered(): ConsumerBatch | null {
    while (this.#completed.length > 0) {
      const c = this.#completed.shift()!;
      const n = this.#bufferedPerBroker.get(c.broker)! - 1;
      this.#bufferedPerBroker.set(c.broker, n);
      if (n === this.#maxBuffered - 1) this.#scheduleFetch();
      const a = c.a;
      if (a.epoch !== c.epoch || this.#assigned.get(a.key) !== a) continue;
      const records: ConsumerRecord[] = [];
      const res = readRecords(
        c.data,
        a.topic,
        a.partition,
        c.fetchOffset,
        this.#checkCrcs,
        records,
        c.aborted,
      );
      a.position = res.nextOffset;
      a.highWatermark = c.highWatermark;
      if (records.length === 0) continue;
      return { topic: a.topic, partition: a.partition, records, highWatermark: c.highWatermark };
    }
    return null;
  }

  #startWatchdog(): void {
    if (this.#watchdog !== null || this.#closed) return;
    const every = Math.min(1000, Math.max(20, Math.floor(this.#unavailableTimeoutMs / 4)));
    this.#watchdog = setInterval(() => this.#checkStalled(), every);
    this.#watchdog.unref();
  }

  /**
   * Partitions that want data but got no answer from their leader for brokerUnavailableTimeoutMs (plus one
   * long poll) fail the next nextBatch() together. Ones held back on purpose (an error waiting for the
   * application, responses buffered up to maxBufferedFetches) are not stalled.
   */
  #checkStalled(): void {
    if (this.#closed) return;
    const now = Date.now();
    const limit = this.#unavailableTimeoutMs + this.#maxWaitMs;
    const stalled: Assignment[] = [];
    for (const a of this.#assigned.values()) {
      const leader = this.#cluster.leaderOf(a.topic, a.partition);
      if (
        a.error !== null ||
        (leader >= 0 && (this.#bufferedPerBroker.get(leader) ?? 0) >= this.#maxBuffered)
      ) {
        a.lastProgress = now;
        continue;
      }
      if (now - a.lastProgress > limit) stalled.push(a);
    }
    if (stalled.length === 0 || this.#failure !== null) return;
    const first = stalled[0]!;
    const leader = this.#cluster.leaderOf(first.topic, first.partition);
    const cause =
      first.lastError ??
      (leader >= 0 && this.#fetching.has(leader)
        ? new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `broker ${leader} has not answered a Fetch`)
        : new KafkaError(ErrorCode.LEADER_NOT_AVAILABLE, 'no leader in metadata'));
    const names = stalled.map((a) => `${a.topic}-${a.partition}`);
    const list =
      names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    for (const a of stalled) a.lastProgress = now;
    this.surface(
      new KafkaError(
        cause.code,
        `nothing fetched for ${list} within brokerUnavailableTimeoutMs (${this.#unavailableTimeoutMs} ms); last: ${cause.message}`,
        { retriable: true },
      ),
    );
  }

  #scheduleFetch(): void {
    if (this.#fetchScheduled || this.#closed) return;
    this.#fetchScheduled = true;
    queueMicrotask(this.#maybeFetchBound);
  }

  #scheduleRetry(ms: number): void {
    if (this.#retryTimer !== null || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#maybeFetch();
    }, ms);
  }

  #refreshMetadata(): void {
    if (this.#refreshing) return;
    this.#refreshing = true;
    this.#cluster
      .refresh()
      .catch((err) => {
        this.#cluster.logger.debug(`metadata refresh failed: ${err}`);
        if (err instanceof KafkaError) for (const a of this.#assigned.values()) a.lastError = err;
      })
      .finally(() => {
        this.#refreshing = false;
        this.#scheduleFetch();
      });
  }

  /** Sends a Fetch to every broker that leads fetchable partitions and has none in flight. */
  #maybeFetch(): void {
    this.#fetchScheduled = false;
    if (this.#closed) return;
    const now = Date.now();
    const byBroker = new Map<number, Assignment[]>();
    const toReset: Assignment[] = [];
    let missingLeader = false;
    for (const a of this.#assigned.values()) {
      if (a.error !== null || a.resetting) continue;
      if (a.fetchOffset < 0) {
        toReset.push(a);
        continue;
      }
      const leader = this.#cluster.leaderOf(a.topic, a.partition);
      if (leader < 0) {
        missingLeader = true;
        a.lastError ??= new KafkaError(
          ErrorCode.LEADER_NOT_AVAILABLE,
          `${a.topic}-${a.partition} has no leader`,
        );
        continue;
      }
      if (this.#fetching.has(leader)) continue;
      if ((this.#bufferedPerBroker.get(leader) ?? 0) >= this.#maxBuffered) continue;
      const until = this.#brokerBackoffUntil.get(leader) ?? 0;
      if (until > now) {
        this.#scheduleRetry(until - now);
        continue;
      }
      let list = byBroker.get(leader);
      if (list === undefined) {
        list = [];
        byBroker.set(leader, list);
      }
      list.push(a);
    }
    if (missingLeader) {
      this.#refreshMetadata();
      this.#scheduleRetry(this.#retryBackoffMs);
    }
    if (toReset.length > 0) this.#resetOffsets(toReset);
    for (const [broker, list] of byBroker) this.#fetch(broker, list);
  }

  #fetch(broker: number, list: Assignment[]): void {
    const topics: FetchRequestFetchTopic[] = [];
    const byTopic = new Map<string, FetchRequestFetchTopic>();
    const epochs: number[] = [];
    const offsets: number[] = [];
    for (const a of list) {
      let t = byTopic.get(a.topic);
      if (t === undefined) {
        t = { topic: a.topic, topicId: ZERO_UUID, partitions: [] };
        byTopic.set(a.topic, t);
        topics.push(t);
      }
      t.partitions.push(
        createFetchRequestFetchPartition({
          partition: a.partition,
          fetchOffset: a.fetchOffset,
          partitionMaxBytes: this.#maxPartitionBytes,
        }),
      );
      epochs.push(a.epoch);
      offsets.push(a.fetchOffset);
    }
    const req = createFetchRequest({
      maxWaitMs: this.#maxWaitMs,
      minBytes: this.#minBytes,
      maxBytes: this.#maxBytes,
      isolationLevel: this.#isolationLevel,
      topics,
    });
    let conn: ReturnType<Cluster['connectionFor']>;
    try {
      conn = this.#cluster.connectionFor(broker);
    } catch {
      this.#refreshMetadata();
      return;
    }
    this.#fetching.add(broker);
    conn.request(FetchApi, req, { timeoutMs: this.#cluster.requestTimeoutMs + this.#maxWaitMs }).then(
      (res) => this.#onFetch(broker, list, epochs, offsets, res),
      (err: Error) => {
        this.#fetching.delete(broker);
        if (this.#closed) return;
        this.#cluster.logger.debug(`fetch from broker ${broker} failed: ${err.message}`);
        if (err instanceof KafkaError) for (const a of list) a.lastError = err;
        this.#brokerBackoffUntil.set(broker, Date.now() + this.#retryBackoffMs);
        this.#refreshMetadata();
        this.#scheduleRetry(this.#retryBackoffMs);
      },
    );
  }

  #onFetch(
    broker: number,
    list: Assignment[],
    epochs: number[],
    offsets: number[],
    res: FetchResponse,
  ): void {
    this.#fetching.delete(broker);
    if (this.#closed) return;
    let delivered = false;
    const now = Date.now();
    let backoff = false;
    if (res.errorCode !== ErrorCode.NONE) {
      backoff = true;
      this.#cluster.logger.debug(`fetch from broker ${broker}: ${new KafkaError(res.errorCode).message}`);
    }
    for (const t of res.responses) {
      for (const p of t.partitions) {
        const i = list.findIndex((a) => a.topic === t.topic && a.partition === p.partitionIndex);
        if (i < 0) continue;
        const a = list[i]!;
        if (a.epoch !== epochs[i] || this.#assigned.get(a.key) !== a) continue;
        const code = p.errorCode;
        const progressBefore = a.lastProgress;
        a.lastProgress = now;
        if (code === ErrorCode.NONE) {
          a.lastError = null;
          a.highWatermark = p.highWatermark;
          const data = recordsBuffer(p.records);
          if (data === null || data.length === 0) continue;
          const next = nextOffsetAfter(data, offsets[i]!);
          if (next === offsets[i]) {
            a.error = new KafkaError(
              ErrorCode.RECORD_LIST_TOO_LARGE,
              `${a.topic}-${a.partition} offset ${next}: the next batch does not fit in maxPartitionBytes`,
            );
            delivered = true;
            continue;
          }
          a.fetchOffset = next;
          const aborted = this.#isolationLevel === 1 ? p.abortedTransactions : null;
          this.#completed.push(
            new CompletedFetch(a, a.epoch, offsets[i]!, data, p.highWatermark, broker, aborted),
          );
          this.#bufferedPerBroker.set(broker, (this.#bufferedPerBroker.get(broker) ?? 0) + 1);
          delivered = true;
        } else if (code === ErrorCode.OFFSET_OUT_OF_RANGE) {
          if (this.#reset === 'none') {
            a.error = new KafkaError(code, `${a.topic}-${a.partition} offset ${offsets[i]}`);
            delivered = true;
          } else {
            this.#cluster.logger.info(
              `${a.topic}-${a.partition}: offset ${offsets[i]} out of range, resetting to ${this.#reset}`,
            );
            a.fetchOffset = -1;
          }
        } else if (
          code === ErrorCode.NOT_LEADER_OR_FOLLOWER ||
          code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ||
          code === ErrorCode.LEADER_NOT_AVAILABLE ||
          code === ErrorCode.FENCED_LEADER_EPOCH ||
          code === ErrorCode.UNKNOWN_LEADER_EPOCH ||
          code === ErrorCode.KAFKA_STORAGE_ERROR
        ) {
          backoff = true;
          // The leader answered, but is not (or no longer) serving the partition: no progress.
          a.lastError = new KafkaError(code, `fetching ${a.topic}-${a.partition} from broker ${broker}`);
          a.lastProgress = progressBefore;
          this.#refreshMetadata();
        } else {
          a.error = new KafkaError(code, `fetching ${a.topic}-${a.partition}`);
          delivered = true;
        }
      }
    }
    if (backoff) {
      this.#brokerBackoffUntil.set(broker, now + this.#retryBackoffMs);
      this.#scheduleRetry(this.#retryBackoffMs);
    }
    if (delivered) this.#wake();
    this.#maybeFetch();
  }

  /** Resolves unknown positions by the reset policy (ListOffsets earliest or latest). */
  #resetOffsets(list: Assignment[]): void {
    if (this.#reset === 'none') {
      for (const a of list)
        a.error = new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `${a.topic}-${a.partition} has no position`);
      this.#wake();
      return;
    }
    const epochs = list.map((a) => a.epoch);
    for (const a of list) a.resetting = true;
    this.#listOffsets(list, this.#reset === 'earliest' ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP).then(
      (offsets) => {
        for (let i = 0; i < list.length; i++) {
          const a = list[i]!;
          a.resetting = false;
          if (a.epoch !== epochs[i]) continue;
          a.lastProgress = Date.now();
          a.position = offsets[i]!;
          a.fetchOffset = offsets[i]!;
        }
        this.#scheduleFetch();
      },
      (err: Error) => {
        for (const a of list) {
          a.resetting = false;
          if (err instanceof KafkaError) a.lastError = err;
        }
        this.#cluster.logger.debug(`offset reset failed: ${err.message}`);
        this.#scheduleRetry(this.#retryBackoffMs);
      },
    );
  }

  /** ListOffsets for each partition at its leader, retrying leader changes; offsets in input order. */
  async #listOffsets(list: readonly Assignment[], timestamp: number): Promise<number[]> {
    return listOffsets(
      this.#cluster,
      list.map((a) => ({ topic: a.topic, partition: a.partition })),
      timestamp,
      this.#isolationLevel,
    ).then((r) => r.map((x) => x.offset));
  }
}

export interface OffsetAndTimestamp {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}

/**
 * ListOffsets for partitions (grouped by leader); `timestamp` -1 latest, -2 earliest, else the first
 * offset with a timestamp at or after it (-1 if none). Retries retriable errors up to the request
 * timeout. Shared by the consumer and the admin client.
 */
export async function listOffsets(
  cluster: Cluster,
  tps: readonly TopicPartition[],
  timestamp: number,
  isolationLevel = 0,
): Promise<OffsetAndTimestamp[]> {
  const out: OffsetAndTimestamp[] = tps.map((tp) => ({ ...tp, offset: -1, timestamp: -1 }));
  let pending = tps.map((_, i) => i);
  const deadline = Date.now() + cluster.requestTimeoutMs;
  for (const tp of tps) if (cluster.cachedTopic(tp.topic) === undefined) await cluster.topic(tp.topic);
  for (;;) {
    const byLeader = new Map<number, number[]>();
    let lastError: KafkaError | null = null;
    const retry: number[] = [];
    for (const i of pending) {
      const tp = tps[i]!;
      const leader = cluster.leaderOf(tp.topic, tp.partition);
      if (leader < 0) {
        retry.push(i);
        lastError = new KafkaError(ErrorCode.LEADER_NOT_AVAILABLE, `${tp.topic}-${tp.partition}`);
        continue;
      }
      const l = byLeader.get(leader) ?? [];
      l.push(i);
      byLeader.set(leader, l);
    }
    await Promise.all(
      [...byLeader].map(async ([leader, idx]) => {
        const topics = new Map<
          string,
          { partitionIndex: number; currentLeaderEpoch: number; timestamp: number; maxNumOffsets: number }[]
        >();
        for (const i of idx) {
          const tp = tps[i]!;
          const parts = topics.get(tp.topic) ?? [];
          parts.push({ partitionIndex: tp.partition, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 });
          topics.set(tp.topic, parts);
        }
        try {
          const res = await cluster.connectionFor(leader).request(ListOffsetsApi, {
            replicaId: -1,
            isolationLevel,
            topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
            timeoutMs: cluster.requestTimeoutMs,
          });
          for (const i of idx) {
            const tp = tps[i]!;
            const p = res.topics
              .find((t) => t.name === tp.topic)
              ?.partitions.find((x) => x.partitionIndex === tp.partition);
            const code = p === undefined ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : p.errorCode;
            if (code === ErrorCode.NONE) {
              out[i]!.offset = p!.offset;
              out[i]!.timestamp = p!.timestamp;
            } else {
              const err = new KafkaError(code, `ListOffsets ${tp.topic}-${tp.partition}`);
              if (!err.retriable) throw err;
              lastError = err;
              retry.push(i);
            }
          }
        } catch (err) {
          if (!(err instanceof KafkaError) || !err.retriable) throw err;
          lastError = err;
          retry.push(...idx);
        }
      }),
    );
    if (retry.length === 0) return out;
    if (Date.now() >= deadline) throw lastError!;
    pending = retry;
    await sleep(cluster.retryBackoffMs);
    await cluster.refresh().catch(() => {});
  }
}
