// The producer: records are appended to a per-partition batch as send() is called, and a sender
// (drain) ships ready batches to partition leaders, one batch per partition per Produce request and
// at most `maxInFlight` requests per broker.
//
// A batch is ready when it is full, when `lingerMs` has passed since its first record, or on
// flush(). Until the broker has a free slot, the open batch keeps filling, so load batches itself.
//
// Idempotence (on by default with acks=all, as in the Java client): an InitProducerId gives a
// producer id and epoch; each batch gets the partition's next sequence number when first sent and
// keeps it on retries, so the broker drops a retried batch it already wrote. When a batch of a
// partition fails retriably, the partition stops sending until its other in-flight batches have
// answered, then resends the failed ones in sequence order: order within a partition survives
// retries. Without idempotence a retry can reorder batches unless maxInFlight is 1 (as in Kafka).
//
// Transactions (transactionalId): see transactions.ts. The sender ships a partition's batches only once
// the partition is part of the open transaction, and stamps them transactional.
//
// Limits: buffered record memory (`bufferMemory`: send() waits for space, in call order, up to
// `maxBlockMs`), in-flight requests per broker, and `deliveryTimeoutMs` for a record from send()
// to its acknowledgement, retries included.
import { type InspectOptionsStylized, inspect } from 'node:util';
import { InitProducerIdApi, ProduceApi } from '../protocol/generated/api-keys.js';
import type {
  ProduceRequestPartitionProduceData,
  ProduceRequestTopicProduceData,
  ProduceResponse,
} from '../protocol/generated/produce.js';
import {
  BATCH_HEADER_SIZE,
  type Bytes,
  RecordBatchBuilder,
  type RecordHeaders,
  recordSizeBound,
} from './batch-builder.js';
import { BufferMemory } from './buffer-memory.js';
import type { Cluster, TopicInfo } from './cluster.js';
import { type CompressionName, CompressionType, codecFor } from './compression.js';
import { ClientError, ErrorCode, isRetriable, KafkaError } from './errors.js';
import type { OffsetToCommit } from './group-coordinator.js';
import { murmur2Key, toPositive } from './murmur2.js';
import { type ConsumerGroupMetadata, TransactionManager, type TransactionState } from './transactions.js';

export interface ProducerRecord {
  key?: Bytes | null;
  value: Bytes | null;
  headers?: RecordHeaders;
  /** Milliseconds since the epoch; defaults to the time of send(). */
  timestamp?: number;
  /** Overrides the partitioner. */
  partition?: number;
}

export interface RecordMetadata {
  topic: string;
  partition: number;
  /** Offset the broker assigned; -1 with acks=0. */
  offset: number;
}

/** Picks a partition for a record; return -1 to fall back to the default (murmur2 or sticky). */
export type Partitioner = (topic: string, record: ProducerRecord, numPartitions: number) => number;

export interface ProducerOptions {
  /** 0: no response; 1: the leader wrote it; 'all' or -1: all in-sync replicas have it. Default 'all'. */
  acks?: 0 | 1 | -1 | 'all';
  /** Default: true when acks is 'all', else false (idempotence needs acks=all). */
  idempotent?: boolean;
  compression?: CompressionName;
  /** How long a batch may wait for more records once it has one. Default 5 (Kafka's default). */
  lingerMs?: number;
  /** Target batch size in bytes (uncompressed); a larger single record gets a batch of its own. */
  batchBytes?: number;
  /** Memory for records not yet acknowledged; send() waits when it is used up. */
  bufferMemory?: number;
  /** Produce requests in flight per broker; at most 5 with idempotence. */
  maxInFlight?: number;
  /** Retries per batch on retriable errors; bounded by deliveryTimeoutMs anyway. */
  retries?: number;
  retryBackoffMs?: number;
  deliveryTimeoutMs?: number;
  /** Broker-side timeout for acks, and the client's wait for each Produce response. */
  requestTimeoutMs?: number;
  /** Longest wait in send() for metadata or buffer memory. */
  maxBlockMs?: number;
  partitioner?: Partitioner;
  /**
   * Makes the producer transactional (Kafka's transactional.id): initTransactions() once, then
   * beginTransaction / send / sendOffsets / commitTransaction or abortTransaction. Needs idempotence.
   */
  transactionalId?: string;
  /** The coordinator aborts a transaction left open this long. Default 60000 (Kafka's). */
  transactionTimeoutMs?: number;
}

const PRODUCER_DEFAULTS = {
  lingerMs: 5,
  batchBytes: 256 * 1024,
  bufferMemory: 64 * 1024 * 1024,
  maxInFlight: 5,
  retryBackoffMs: 100,
  deliveryTimeoutMs: 120_000,
  requestTimeoutMs: 30_000,
  maxBlockMs: 60_000,
  transactionTimeoutMs: 60_000,
} as const;

/** Produce responses are small; batches are referenced rather than copied into the request. */
const ZERO_COPY_MIN_BYTES = 1024;
const MAX_SEQUENCE = 0x7fffffff;

/**
 * One send() call. Its results are not built record by record as batches are acknowledged: each batch
 * adds one span (first result index, count, partition, first offset), and the RecordMetadata objects are
 * made from the spans the first time the caller touches the array (see lazyResults). A producer that
 * ignores the results, the usual case at high rates, allocates nothing per record; building them eagerly
 * cost 30-40% of the throughput of 100-byte records (docs/PERFORMANCE.md).
 */
class SendOp {
  readonly topic: string;
  readonly count: number;
  remaining: number;
  failed = false;
  // Spans, one entry per acknowledged run of this op's records.
  readonly spanIndex: number[] = [];
  readonly spanCount: number[] = [];
  readonly spanPartition: number[] = [];
  readonly spanOffset: number[] = [];
  resolve!: (r: RecordMetadata[]) => void;
  reject!: (e: Error) => void;
  readonly promise: Promise<RecordMetadata[]>;
  constructor(topic: string, count: number) {
    this.topic = topic;
    this.count = count;
    this.remaining = count;
    this.promise = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  /** Writes every result into `out`. */
  fill(out: RecordMetadata[]): void {
    const topic = this.topic;
    for (let s = 0; s < this.spanIndex.length; s++) {
      const index = this.spanIndex[s]!;
      const partition = this.spanPartition[s]!;
      const first = this.spanOffset[s]!;
      for (let k = 0, n = this.spanCount[s]!; k < n; k++) {
        out[index + k] = { topic, partition, offset: first < 0 ? -1 : first + k };
      }
    }
  }
}

/**
 * An ordinary array of `op.count` RecordMetadata as far as the caller can tell, filled from the op's spans
 * on its first use. Every operation but `length` and the promise machinery's `then` lookup fills the array
 * and then acts on it, so identity, mutation and iteration behave as for any array afterwards. Node's
 * inspector reads a Proxy's target without traps, so the target carries a (non-enumerable) custom inspect
 * that fills it first. structuredClone cannot clone a Proxy: copy it (`[...results]`) first.
 */
function lazyResults(op: SendOp): RecordMetadata[] {
  const target: RecordMetadata[] = new Array(op.count);
  let filled = false;
  const fill = (): RecordMetadata[] => {
    if (!filled) {
      op.fill(target);
      filled = true;
    }
    return target;
  };
  Object.defineProperty(target, inspect.custom, {
    value: (_depth: number, options: InspectOptionsStylized) => inspect([...fill()], options),
  });
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'length') return t.length;
      // Resolving a promise with the array asks for `then`; arrays have none, and asking must not fill it.
      if (key === 'then' && !filled) return undefined;
      return Reflect.get(fill(), key, receiver);
    },
    has: (_t, key) => Reflect.has(fill(), key),
    ownKeys: () => Reflect.ownKeys(fill()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(fill(), key),
    set: (_t, key, value, receiver) => Reflect.set(fill(), key, value, receiver),
    defineProperty: (_t, key, desc) => Reflect.defineProperty(fill(), key, desc),
    deleteProperty: (_t, key) => Reflect.deleteProperty(fill(), key),
    preventExtensions: () => Reflect.preventExtensions(fill()),
  });
}

class ProducerBatch {
  readonly builder: RecordBatchBuilder;
  readonly ps: PartitionState;
  readonly createdAt: number;
  attempts = 0;
  baseSequence = -1;
  /** Producer id the batch was last stamped with (-2: never). */
  stampedProducerId = -2;
  stampedEpoch = -1;
  // Runs of consecutive records from one send(): which op, index of the first result, offset
  // delta of the first record, and length. One entry per run, not per record.
  readonly ops: SendOp[] = [];
  readonly opIndex: number[] = [];
  readonly opDelta: number[] = [];
  readonly opCount: number[] = [];
  constructor(builder: RecordBatchBuilder, ps: PartitionState, createdAt: number) {
    this.builder = builder;
    this.ps = ps;
    this.createdAt = createdAt;
  }

  track(op: SendOp, index: number, delta: number): void {
    const last = this.ops.length - 1;
    if (last >= 0 && this.ops[last] === op && this.opIndex[last]! + this.opCount[last]! === index) {
      this.opCount[last]!++;
      return;
    }
    this.ops.push(op);
    this.opIndex.push(index);
    this.opDelta.push(delta);
    this.opCount.push(1);
  }
}

class PartitionState {
  open: ProducerBatch | null = null;
  /** Closed batches waiting to be sent, oldest first. */
  readonly queue: ProducerBatch[] = [];
  /** Batches that failed retriably, held until the partition's in-flight batches answer. */
  retries: ProducerBatch[] = [];
  inFlight = 0;
  blocked = false;
  retryAt = 0;
  nextSequence = 0;
  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}
}

class TopicState {
  readonly partitions: PartitionState[] = [];
  stickyPartition = -1;
  stickyBytes = 0;
  constructor(readonly name: string) {}
  partition(p: number): PartitionState {
    let ps = this.partitions[p];
    if (ps === undefined) {
      for (let i = this.partitions.length; i <= p; i++) this.partitions[i] = new PartitionState(this.name, i);
      ps = this.partitions[p]!;
    }
    return ps;
  }
}

export class Producer {
  readonly #cluster: Cluster;
  readonly #acks: number;
  #idempotent: boolean;
  readonly #compression: number;
  readonly #lingerMs: number;
  readonly #batchBytes: number;
  readonly #maxInFlight: number;
  readonly #retries: number;
  readonly #retryBackoffMs: number;
  readonly #deliveryTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #maxBlockMs: number;
  readonly #partitioner: Partitioner | null;
  readonly #pool: BufferMemory;
  readonly #topics = new Map<string, TopicState>();
  readonly #brokerInFlight = new Map<number, number>();
  #producerId = -1;
  #producerEpoch = -1;
  #initializing = false;
  #resetPending = false;
  #drainScheduled = false;
  #wakeTimer: NodeJS.Timeout | null = null;
  #wakeAt = 0;
  /** Batches created and not yet completed (open, queued, in flight or waiting to retry). */
  #pendingBatches = 0;
  #flushing = 0;
  readonly #flushWaiters: (() => void)[] = [];
  /** send() calls appending or waiting their turn (only ever above 1 while memory is short). */
  #sendsInLine = 0;
  readonly #turnWaiters: (() => void)[] = [];
  #closed = false;
  /** The transaction state machine, for a transactional producer. */
  readonly #txn: TransactionManager | null = null;
  /** While an abort drops unsent batches: the error they fail with. */
  #aborting: Error | null = null;
  /** Transactional send() calls that have not queued (or failed) all their records yet. */
  #appending = 0;
  readonly #appendWaiters: (() => void)[] = [];
  readonly #drainBound = () => this.#drain();
  readonly #wakeBound = () => {
    this.#wakeTimer = null;
    this.#drain();
  };

  constructor(cluster: Cluster, opts: ProducerOptions = {}) {
    this.#cluster = cluster;
    const acks = opts.acks ?? 'all';
    this.#acks = acks === 'all' ? -1 : acks;
    if (this.#acks !== 0 && this.#acks !== 1 && this.#acks !== -1)
      throw new ClientError(`invalid acks ${acks}`);
    this.#idempotent = opts.idempotent ?? this.#acks === -1;
    if (this.#idempotent && this.#acks !== -1) throw new ClientError('idempotence needs acks=all');
    if (opts.transactionalId !== undefined && !this.#idempotent) {
      throw new ClientError('a transactional producer needs idempotence (and acks=all)');
    }
    this.#compression = CompressionType[opts.compression ?? 'none'];
    if (this.#compression === undefined) throw new ClientError(`unknown compression ${opts.compression}`);
    if (this.#compression !== 0) codecFor(this.#compression); // fail now if no codec is registered
    this.#lingerMs = opts.lingerMs ?? PRODUCER_DEFAULTS.lingerMs;
    this.#batchBytes = opts.batchBytes ?? PRODUCER_DEFAULTS.batchBytes;
    if (this.#batchBytes < 1024) throw new ClientError('batchBytes must be at least 1024');
    this.#maxInFlight = opts.maxInFlight ?? PRODUCER_DEFAULTS.maxInFlight;
    if (this.#idempotent && (this.#maxInFlight < 1 || this.#maxInFlight > 5)) {
      throw new ClientError('idempotence allows 1 to 5 requests in flight per broker');
    }
    this.#retries = opts.retries ?? Number.POSITIVE_INFINITY;
    this.#retryBackoffMs = opts.retryBackoffMs ?? PRODUCER_DEFAULTS.retryBackoffMs;
    this.#deliveryTimeoutMs = opts.deliveryTimeoutMs ?? PRODUCER_DEFAULTS.deliveryTimeoutMs;
    this.#requestTimeoutMs = opts.requestTimeoutMs ?? PRODUCER_DEFAULTS.requestTimeoutMs;
    this.#maxBlockMs = opts.maxBlockMs ?? PRODUCER_DEFAULTS.maxBlockMs;
    this.#partitioner = opts.partitioner ?? null;
    this.#pool = new BufferMemory(this.#batchBytes, opts.bufferMemory ?? PRODUCER_DEFAULTS.bufferMemory);
    if (opts.transactionalId !== undefined) {
      const timeout = opts.transactionTimeoutMs ?? PRODUCER_DEFAULTS.transactionTimeoutMs;
      if (!Number.isInteger(timeout) || timeout < 1)
        throw new ClientError('transactionTimeoutMs must be >= 1');
      const self = this;
      this.#txn = new TransactionManager(
        opts.transactionalId,
        timeout,
        {
          get producerId() {
            return self.#producerId;
          },
          get producerEpoch() {
            return self.#producerEpoch;
          },
          setProducerId: (id, epoch) => {
            this.#producerId = id;
            this.#producerEpoch = epoch;
            this.#resequence();
          },
          flush: async () => {
            while (this.#appending > 0) await new Promise<void>((r) => this.#appendWaiters.push(r));
            await this.flush();
          },
          dropUnsent: (err) => this.#dropUnsent(err),
          wake: () => this.#scheduleDrain(),
        },
        cluster,
        this.#maxBlockMs,
      );
    }
  }

  // --- transactions -------------------------------------------------------------------------------

  /** The transaction state ('uninitialized' ... 'fatal-error'); null for a producer without transactionalId. */
  get transactionState(): TransactionState | null {
    return this.#txn?.state ?? null;
  }

  /**
   * Gets the producer id and epoch for the transactional id, fencing any older producer with it; an
   * unfinished transaction of that producer is completed (or aborted) by the coordinator first.
   */
  initTransactions(): Promise<void> {
    return this.#transactional('initTransactions').initTransactions();
  }

  beginTransaction(): void {
    this.#transactional('beginTransaction').beginTransaction();
  }

  /**
   * Commits consumer offsets as part of the transaction (read-process-write): visible to the group only if
   * the transaction commits. Pass the group consumer's groupMetadata() so a fenced member cannot commit.
   */
  sendOffsets(offsets: readonly OffsetToCommit[], group: ConsumerGroupMetadata | string): Promise<void> {
    const meta = typeof group === 'string' ? { groupId: group } : group;
    return this.#transactional('sendOffsets').sendOffsets(offsets, meta);
  }

  /** Sends everything buffered, then commits. A failed send makes it reject: abort then. */
  commitTransaction(): Promise<void> {
    return this.#transactional('commitTransaction').commitTransaction();
  }

  /** Drops records not yet sent (their send() rejects), then aborts. */
  abortTransaction(): Promise<void> {
    return this.#transactional('abortTransaction').abortTransaction();
  }

  #transactional(what: string): TransactionManager {
    if (this.#txn === null) throw new ClientError(`${what}() needs a producer with a transactionalId`);
    if (this.#closed) throw new ClientError('producer is closed');
    return this.#txn;
  }

  /** Fails every batch not in flight with `err` and waits for the ones in flight. */
  async #dropUnsent(err: Error): Promise<void> {
    this.#aborting = err;
    try {
      this.#scheduleDrain();
      await this.flush();
    } finally {
      this.#aborting = null;
    }
  }

  /** Whether batches carry a producer id and sequence numbers (false after a fallback). */
  get isIdempotent(): boolean {
    return this.#idempotent;
  }

  /**
   * Queues records for `topic` and resolves, once all are acknowledged, with each record's partition
   * and offset (in input order). Rejects with the first error if any record could not be delivered.
   * The result objects are made on first access to the array, so ignoring them costs nothing per record.
   */
  async send(topic: string, records: ProducerRecord | readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    if (this.#closed) throw new ClientError('producer is closed');
    const txn = this.#txn;
    let generation = -1;
    if (txn !== null) {
      txn.checkSend();
      generation = txn.generation;
      // A commit waits for the sends called before it to queue their records (their acknowledgements it
      // waits for in flush).
      this.#appending++;
    }
    const list: readonly ProducerRecord[] = Array.isArray(records) ? records : [records as ProducerRecord];
    const op = new SendOp(topic, list.length);
    try {
      if (list.length === 0) return [];
      let info = this.#cluster.cachedTopic(topic);
      if (info === undefined) info = await this.#cluster.topic(topic, this.#maxBlockMs);
      let ts = this.#topics.get(topic);
      if (ts === undefined) {
        ts = new TopicState(topic);
        this.#topics.set(topic, ts);
      }
      // A send() waiting for memory holds later ones back, so records keep their call order.
      const mustWait = this.#sendsInLine > 0;
      this.#sendsInLine++;
      if (mustWait) await new Promise<void>((r) => this.#turnWaiters.push(r));
      let i = 0;
      const now = Date.now();
      const deadline = now + this.#maxBlockMs;
      try {
        for (;;) {
          // A send that waited past the end of its transaction must not slip into the next one.
          txn?.checkAppend(generation);
          i = this.#appendFrom(ts, info, list, i, op, now);
          if (i === list.length) break;
          // Out of buffer memory: send what is ready and wait for acknowledged batches to free some.
          this.#scheduleDrain();
          const wait = deadline - Date.now();
          if (wait <= 0)
            throw new KafkaError(
              ErrorCode.REQUEST_TIMED_OUT,
              `no buffer memory within ${this.#maxBlockMs} ms`,
            );
          await Promise.race([this.#pool.wait(), new Promise((r) => setTimeout(r, wait).unref())]);
          info = this.#cluster.cachedTopic(topic) ?? info;
        }
      } catch (err) {
        op.failed = true;
        op.reject(err as Error);
      } finally {
        this.#sendsInLine--;
        this.#turnWaiters.shift()?.();
      }
      this.#scheduleDrain();
    } finally {
      if (txn !== null && --this.#appending === 0) for (const w of this.#appendWaiters.splice(0)) w();
    }
    return op.promise;
  }

  /** Sends everything buffered now and resolves when it has all been acknowledged (or failed). */
  async flush(): Promise<void> {
    if (this.#pendingBatches === 0) return;
    this.#flushing++;
    this.#scheduleDrain();
    try {
      await new Promise<void>((r) => this.#flushWaiters.push(r));
    } finally {
      this.#flushing--;
    }
  }

  /** Flushes, then closes the connections. Further sends fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    const txnState = this.#txn?.state;
    if (txnState === 'abortable-error' || txnState === 'fatal-error') {
      // Records of a transaction that can no longer commit are not sent; the coordinator aborts it.
      await this.#dropUnsent(new ClientError('producer closed with an unfinished transaction'));
    }
    await this.flush();
    this.#closed = true;
    if (this.#wakeTimer !== null) clearTimeout(this.#wakeTimer);
    this.#cluster.close();
  }

  // --- appending ----------------------------------------------------------------------------------

  /** Appends records from index i on; returns the index reached (short of the end: out of memory). */
  #appendFrom(
    ts: TopicState,
    info: TopicInfo,
    list: readonly ProducerRecord[],
    i: number,
    op: SendOp,
    now: number,
  ): number {
    const numPartitions = info.partitions.length;
    for (; i < list.length; i++) {
      const r = list[i]!;
      let partition = -1;
      if (r.partition !== undefined) {
        partition = r.partition;
        if (!(partition >= 0 && partition < numPartitions)) {
          throw new KafkaError(
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            `${ts.name} has no partition ${partition}`,
          );
        }
      } else if (this.#partitioner !== null) {
        partition = this.#partitioner(ts.name, r, numPartitions);
      }
      const key = r.key;
      let sticky = false;
      if (partition < 0) {
        if (key !== null && key !== undefined) partition = toPositive(murmur2Key(key)) % numPartitions;
        else {
          sticky = true;
          partition = ts.stickyPartition;
          if (partition < 0 || partition >= numPartitions) partition = this.#nextSticky(ts, info);
        }
      }
      if (partition >= numPartitions) {
        throw new KafkaError(
          ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          `${ts.name} has no partition ${partition}`,
        );
      }
      const ps = ts.partition(partition);
      const value = r.value === undefined ? null : r.value;
      const timestamp = r.timestamp ?? now;
      let batch = ps.open;
      let before = batch === null ? 0 : batch.builder.pos;
      if (batch === null || !batch.builder.append(timestamp, key, value, r.headers)) {
        if (batch !== null) {
          ps.queue.push(batch);
          ps.open = null;
        }
        const need = BATCH_HEADER_SIZE + recordSizeBound(key, value, r.headers);
        const buf = this.#pool.tryAllocate(Math.max(need, this.#batchBytes));
        if (buf === null) return i;
        batch = new ProducerBatch(new RecordBatchBuilder(buf), ps, now);
        before = BATCH_HEADER_SIZE;
        ps.open = batch;
        this.#pendingBatches++;
        batch.builder.append(timestamp, key, value, r.headers);
        if (this.#lingerMs > 0) this.#wakeIn(this.#lingerMs);
      }
      batch.track(op, i, batch.builder.count - 1);
      if (sticky) {
        ts.stickyBytes += batch.builder.pos - before;
        // KIP-794: move on once a batch's worth went to this partition, spreading load evenly.
        if (ts.stickyBytes >= this.#batchBytes) this.#nextSticky(ts, info);
      }
    }
    return i;
  }

  /** Sticky partitioner: a random partition with a leader, other than the current one if possible. */
  #nextSticky(ts: TopicState, info: TopicInfo): number {
    const parts = info.partitions;
    const current = ts.stickyPartition;
    let candidates = 0;
    for (const p of parts) if (p.leader >= 0 && p.partition !== current) candidates++;
    let pick: number;
    if (candidates > 0) {
      let nth = Math.floor(Math.random() * candidates);
      pick = 0;
      for (const p of parts) {
        if (p.leader < 0 || p.partition === current) continue;
        if (nth-- === 0) {
          pick = p.partition;
          break;
        }
      }
    } else if (current >= 0 && current < parts.length) pick = current;
    else pick = Math.floor(Math.random() * parts.length);
    ts.stickyPartition = pick;
    ts.stickyBytes = 0;
    return pick;
  }

  // --- sending ------------------------------------------------------------------------------------

  #scheduleDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    setImmediate(this.#drainBound);
  }

  /** Arms the wake-up timer to fire within `ms` (keeps an earlier one). */
  #wakeIn(ms: number): void {
    const at = Date.now() + ms;
    if (this.#wakeTimer !== null) {
      if (this.#wakeAt <= at) return;
      clearTimeout(this.#wakeTimer);
    }
    this.#wakeAt = at;
    this.#wakeTimer = setTimeout(this.#wakeBound, ms);
  }

  #drain(): void {
    this.#drainScheduled = false;
    if (this.#closed) return;
    const now = Date.now();
    const txn = this.#txn;
    if (this.#aborting !== null) {
      this.#failUnsent(this.#aborting);
      return;
    }
    if (txn === null && this.#idempotent && (this.#producerId < 0 || this.#resetPending)) {
      this.#initProducerId();
      if (this.#producerId < 0 || this.#resetPending) {
        // Nothing can be sent yet, but records must not outlive the delivery timeout meanwhile.
        for (const ts of this.#topics.values()) for (const ps of ts.partitions) this.#expire(ps, now);
        this.#wakeIn(Math.max(this.#retryBackoffMs, 100));
        return;
      }
    }
    let needMetadata = false;
    let nextWake = Number.POSITIVE_INFINITY;
    // Rounds: each takes at most one batch per partition into at most one request per broker.
    for (let progress = true; progress; ) {
      progress = false;
      const byBroker = new Map<number, ProducerBatch[]>();
      for (const ts of this.#topics.values()) {
        for (const ps of ts.partitions) {
          if (ps.open === null && ps.queue.length === 0) continue;
          this.#expire(ps, now);
          if (txn !== null && !txn.isAdded(ps.topic, ps.partition)) continue;
          if (ps.blocked) {
            if (ps.inFlight > 0) continue;
            if (now < ps.retryAt) {
              nextWake = Math.min(nextWake, ps.retryAt);
              continue;
            }
            ps.blocked = false;
          }
          let batch = ps.queue[0];
          if (batch === undefined) {
            const open = ps.open;
            if (open === null) continue;
            const readyAt = open.createdAt + this.#lingerMs;
            if (readyAt > now && this.#flushing === 0 && !this.#pool.hasWaiters) {
              nextWake = Math.min(nextWake, readyAt);
              continue;
            }
            batch = open;
          }
          const leader = this.#cluster.leaderOf(ps.topic, ps.partition);
          if (leader < 0) {
            needMetadata = true;
            nextWake = Math.min(nextWake, now + this.#retryBackoffMs);
            continue;
          }
          if ((this.#brokerInFlight.get(leader) ?? 0) >= this.#maxInFlight) continue;
          let list = byBroker.get(leader);
          if (list === undefined) {
            list = [];
            byBroker.set(leader, list);
          }
          if (batch === ps.open) ps.open = null;
          else ps.queue.shift();
          list.push(batch);
        }
      }
      for (const [leader, batches] of byBroker) {
        this.#sendBatches(leader, batches);
        progress = true;
      }
    }
    if (needMetadata) this.#refreshMetadata();
    if (nextWake !== Number.POSITIVE_INFINITY) this.#wakeIn(Math.max(1, nextWake - now));
  }

  /** Fails every batch that is not in flight (an aborted transaction's). */
  #failUnsent(err: Error): void {
    for (const ts of this.#topics.values()) {
      for (const ps of ts.partitions) {
        const batches = [...ps.retries, ...ps.queue];
        if (ps.open !== null) batches.push(ps.open);
        ps.retries = [];
        ps.queue.length = 0;
        ps.open = null;
        ps.blocked = false;
        for (const b of batches) this.#fail(b, err);
      }
    }
  }

  /** Fails batches that waited longer than the delivery timeout without being sent. */
  #expire(ps: PartitionState, now: number): void {
    const limit = now - this.#deliveryTimeoutMs;
    while (ps.queue.length > 0 && ps.queue[0]!.createdAt < limit) {
      this.#failExpired(ps.queue.shift()!);
    }
    if (ps.queue.length === 0 && ps.open !== null && ps.open.createdAt < limit) {
      const b = ps.open;
      ps.open = null;
      this.#failExpired(b);
    }
  }

  #failExpired(b: ProducerBatch): void {
    const err = new KafkaError(ErrorCode.REQUEST_TIMED_OUT, 'delivery timeout expired');
    this.#fail(b, err);
    this.#txn?.onSendFailed(err);
  }

  #sendBatches(leader: number, batches: ProducerBatch[]): void {
    const byTopic = new Map<string, ProduceRequestPartitionProduceData[]>();
    for (const b of batches) {
      const ps = b.ps;
      if (b.builder.sealed === null) b.builder.seal(this.#compression);
      if (this.#idempotent) {
        if (b.baseSequence < 0) {
          b.baseSequence = ps.nextSequence;
          ps.nextSequence = nextSequence(ps.nextSequence, b.builder.count);
        }
        if (b.stampedProducerId !== this.#producerId || b.stampedEpoch !== this.#producerEpoch) {
          b.builder.stamp(this.#producerId, this.#producerEpoch, b.baseSequence, this.#txn !== null);
          b.stampedProducerId = this.#producerId;
          b.stampedEpoch = this.#producerEpoch;
        }
      } else if (b.stampedProducerId === -2) {
        b.builder.stamp(-1, -1, -1);
        b.stampedProducerId = -1;
      }
      ps.inFlight++;
      let parts = byTopic.get(ps.topic);
      if (parts === undefined) {
        parts = [];
        byTopic.set(ps.topic, parts);
      }
      parts.push({ index: ps.partition, records: b.builder.sealed! });
    }
    const topicData: ProduceRequestTopicProduceData[] = [];
    for (const [name, partitionData] of byTopic) topicData.push({ name, partitionData });
    this.#brokerInFlight.set(leader, (this.#brokerInFlight.get(leader) ?? 0) + 1);
    let conn: ReturnType<Cluster['connectionFor']>;
    try {
      conn = this.#cluster.connectionFor(leader);
    } catch (err) {
      this.#onRequestFailed(leader, batches, err as Error);
      return;
    }
    conn
      .request(
        ProduceApi,
        {
          transactionalId: this.#txn?.transactionalId ?? null,
          acks: this.#acks,
          timeoutMs: this.#requestTimeoutMs,
          topicData,
        },
        {
          timeoutMs: this.#requestTimeoutMs + 5000,
          noResponse: this.#acks === 0,
          zeroCopyMinBytes: ZERO_COPY_MIN_BYTES,
        },
      )
      .then(
        (res) => this.#onResponse(leader, batches, res),
        (err: Error) => this.#onRequestFailed(leader, batches, err),
      );
  }

  #onResponse(leader: number, batches: ProducerBatch[], res: ProduceResponse | null): void {
    this.#brokerInFlight.set(leader, this.#brokerInFlight.get(leader)! - 1);
    if (res === null) {
      for (const b of batches) this.#complete(b, -1);
    } else {
      for (const b of batches) {
        const ps = b.ps;
        let found = false;
        for (const t of res.responses) {
          if (t.name !== ps.topic) continue;
          for (const p of t.partitionResponses) {
            if (p.index !== ps.partition) continue;
            found = true;
            this.#onPartitionResult(b, p.errorCode, p.baseOffset, p.errorMessage);
          }
        }
        if (!found) {
          this.#onPartitionResult(
            b,
            ErrorCode.UNKNOWN_SERVER_ERROR,
            -1,
            'partition missing from the response',
          );
        }
      }
    }
    this.#scheduleDrain();
  }

  #onRequestFailed(leader: number, batches: ProducerBatch[], err: Error): void {
    this.#brokerInFlight.set(leader, this.#brokerInFlight.get(leader)! - 1);
    const retriable = err instanceof KafkaError && err.retriable;
    for (const b of batches) {
      b.ps.inFlight--;
      if (retriable && this.#canRetry(b)) this.#retry(b);
      else {
        this.#fail(b, err);
        if (err instanceof KafkaError) this.#txn?.onSendFailed(err);
      }
      this.#releaseRetries(b.ps);
    }
    if (retriable) this.#refreshMetadata();
    this.#scheduleDrain();
  }

  #onPartitionResult(b: ProducerBatch, code: number, baseOffset: number, message: string | null): void {
    const ps = b.ps;
    ps.inFlight--;
    if (code === ErrorCode.NONE || code === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
      // A duplicate is a retry of a batch the broker already has: it was delivered once.
      this.#complete(b, baseOffset);
    } else if (
      (isRetriable(code) || (code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER && ps.blocked)) &&
      this.#canRetry(b)
    ) {
      // Out of order right after an earlier failure means the broker lacks that earlier batch: retry.
      this.#retry(b);
      if (
        code === ErrorCode.NOT_LEADER_OR_FOLLOWER ||
        code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ||
        code === ErrorCode.LEADER_NOT_AVAILABLE
      ) {
        this.#refreshMetadata();
      }
    } else {
      const err = new KafkaError(code, `${ps.topic}-${ps.partition}${message ? `: ${message}` : ''}`);
      this.#fail(b, err);
      if (this.#txn !== null) this.#txn.onSendFailed(err);
      else if (
        this.#idempotent &&
        (code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER ||
          code === ErrorCode.UNKNOWN_PRODUCER_ID ||
          code === ErrorCode.INVALID_PRODUCER_EPOCH)
      ) {
        // The sequence is broken; start over with a new producer id once nothing is in flight.
        this.#resetPending = true;
      }
    }
    this.#releaseRetries(ps);
  }

  #canRetry(b: ProducerBatch): boolean {
    return b.attempts < this.#retries && Date.now() - b.createdAt < this.#deliveryTimeoutMs && !this.#closed;
  }

  #retry(b: ProducerBatch): void {
    b.attempts++;
    const ps = b.ps;
    ps.blocked = true;
    ps.retryAt = Date.now() + this.#retryBackoffMs;
    ps.retries.push(b);
  }

  /** Once a blocked partition has nothing in flight, its failed batches go back to the front in order. */
  #releaseRetries(ps: PartitionState): void {
    if (ps.inFlight > 0 || ps.retries.length === 0) return;
    const retries = ps.retries;
    ps.retries = [];
    retries.sort((a, b) => a.createdAt - b.createdAt || a.baseSequence - b.baseSequence);
    ps.queue.unshift(...retries);
    this.#wakeIn(Math.max(1, ps.retryAt - Date.now()));
  }

  #complete(b: ProducerBatch, baseOffset: number): void {
    const partition = b.ps.partition;
    for (let s = 0; s < b.ops.length; s++) {
      const op = b.ops[s]!;
      const count = b.opCount[s]!;
      op.spanIndex.push(b.opIndex[s]!);
      op.spanCount.push(count);
      op.spanPartition.push(partition);
      op.spanOffset.push(baseOffset < 0 ? -1 : baseOffset + b.opDelta[s]!);
      op.remaining -= count;
      if (op.remaining === 0 && !op.failed) op.resolve(lazyResults(op));
    }
    this.#finish(b);
  }

  #fail(b: ProducerBatch, err: Error): void {
    for (let s = 0; s < b.ops.length; s++) {
      const op = b.ops[s]!;
      op.remaining -= b.opCount[s]!;
      if (!op.failed) {
        op.failed = true;
        op.reject(err);
      }
    }
    this.#finish(b);
  }

  #finish(b: ProducerBatch): void {
    this.#pool.release(b.builder.buf);
    this.#pendingBatches--;
    if (this.#pendingBatches === 0) {
      const waiters = this.#flushWaiters.splice(0);
      for (const w of waiters) w();
    }
  }

  // --- metadata and producer id -------------------------------------------------------------------

  #refreshMetadata(): void {
    this.#cluster.refresh().then(
      () => this.#scheduleDrain(),
      (err) => this.#cluster.logger.debug(`metadata refresh failed: ${err}`),
    );
  }

  #initProducerId(): void {
    if (this.#initializing) return;
    if (this.#resetPending) {
      // Wait until every in-flight batch has answered, so no old sequence is still on the wire.
      for (const n of this.#brokerInFlight.values()) if (n > 0) return;
    }
    this.#initializing = true;
    this.#cluster
      .withAnyBroker(async (conn) => {
        if (conn.tryVersionFor(InitProducerIdApi.apiKey) < 0) return null;
        return conn.request(InitProducerIdApi, {
          transactionalId: null,
          transactionTimeoutMs: 0x7fffffff,
          producerId: -1,
          producerEpoch: -1,
        });
      })
      .then(
        (res) => {
          this.#initializing = false;
          if (res === null) {
            this.#cluster.logger.warn(
              'broker does not support InitProducerId: producing without idempotence (retries may duplicate records)',
            );
            this.#idempotent = false;
            this.#resetPending = false;
          } else if (res.errorCode !== ErrorCode.NONE) {
            const err = new KafkaError(res.errorCode, 'InitProducerId');
            if (!err.retriable) this.#cluster.logger.error(`${err.message}; retrying`);
            setTimeout(() => this.#scheduleDrain(), this.#retryBackoffMs).unref();
            return;
          } else {
            this.#producerId = res.producerId;
            this.#producerEpoch = res.producerEpoch;
            if (this.#resetPending) this.#resequence();
            this.#resetPending = false;
          }
          this.#scheduleDrain();
        },
        (err) => {
          this.#initializing = false;
          this.#cluster.logger.debug(`InitProducerId failed: ${err}; retrying`);
          setTimeout(() => this.#scheduleDrain(), this.#retryBackoffMs).unref();
        },
      );
  }

  /**
   * After a new producer id: sequences restart at 0 and batches never sent are numbered again. A batch sent
   * before (waiting for a retry) may already be in the log, where only its old id and sequence would have
   * made the broker drop a repeat: sent again under the new id it could be written twice. It fails instead,
   * its outcome unknown, as Kafka's producer fails the batches it cannot resolve when it resets.
   */
  #resequence(): void {
    for (const ts of this.#topics.values()) {
      for (const ps of ts.partitions) {
        ps.nextSequence = 0;
        const unsent: ProducerBatch[] = [];
        for (const b of ps.queue) {
          if (b.stampedProducerId >= 0) {
            this.#fail(
              b,
              new KafkaError(
                ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                `${ps.topic}-${ps.partition}: sent before the producer id was reset; it may or may not have been written`,
              ),
            );
            continue;
          }
          b.baseSequence = -1;
          unsent.push(b);
        }
        ps.queue.length = 0;
        ps.queue.push(...unsent);
        if (ps.open !== null) ps.open.baseSequence = -1;
      }
    }
  }
}

/** Sequence numbers wrap from 2^31-1 to 0 (DefaultRecordBatch.incrementSequence). */
export function nextSequence(seq: number, increment: number): number {
  return seq > MAX_SEQUENCE - increment ? increment - (MAX_SEQUENCE - seq) - 1 : seq + increment;
}
