// Partition ownership by worker threads. Each partition hashes to a slot, each slot is owned by exactly one
// piscina worker, and a custom load balancer sends every task of a slot to its owner, so a partition's log is
// only ever touched by one thread and its tasks run in submission order. InlinePartitions offers the same
// interface on the calling thread (threads=0).
//
// Limits, and what happens at each (every call resolves, never rejects):
// - maxPendingTasks / maxPendingBytes: tasks (and append bytes) accepted but not answered yet. Past either,
//   the call resolves at once with REQUEST_TIMED_OUT (retriable) and nothing is applied.
// - maxQueuedGroups (per slot): task groups (a slot's tasks sent together, up to maxGroupTasks) parked in
//   the slot's backlog while its owner thread is starting or restarting. Past it, REQUEST_TIMED_OUT, nothing
//   applied. Each slot has its own backlog, so one slot's restart neither delays nor fills up the others.
// - workerRestartTimeoutMs: a slot left without an owner this long is fatal (onFatal); its parked tasks are
//   then answered with KAFKA_STORAGE_ERROR.
//
// Parked groups stay in the pool, never in piscina's queue: piscina queues every task behind its queue's
// head, so one task there waiting for a vacant slot would hold up every slot.
//
// Batch bytes contract (append): `batches` should be a Uint8Array that exclusively owns its ArrayBuffer
// (byteOffset 0, full length, no other views in use, not from Buffer's shared pool); the pool transfers that
// ArrayBuffer to the owner thread, which detaches it on the caller's side. A view on a SharedArrayBuffer is
// passed as is (no copy, no transfer; do not modify it until the call settles). Any other view is copied
// once into a fresh buffer, counted in stats.copiedBytes.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { FixedQueue, Piscina, queueOptionsSymbol } from 'piscina';
import type { LogLevel } from '../config.js';
import { ErrorCode } from '../protocol/errors.js';
import type { LogConfig } from './config.js';
import { finishInterruptedDeletes } from './partition-dir.js';
import {
  type AppendResult,
  type AppendTask,
  type CleanerResult,
  DEFAULT_MAX_OPEN_PARTITIONS,
  type DeleteRecordsResult,
  type DescribeProducersResult,
  EARLIEST_TIMESTAMP,
  type EpochEndOffsetResult,
  type FollowerAppendTask,
  failedResult,
  type GroupTask,
  HIGH_WATERMARK_TO_LOG_END,
  LATEST_TIMESTAMP,
  type ListOffsetsResult,
  type ListOffsetsTask,
  type LogOffsetsResult,
  type LogStatsResult,
  type OpenResult,
  type OpenTask,
  PartitionHost,
  type PartitionHostOptions,
  type PartitionTask,
  type PingResult,
  READ_COMMITTED,
  READ_TO_HIGH_WATERMARK,
  type ReadResult,
  type RetentionResult,
  type ScrubResult,
  TaskKind,
  type TaskResult,
  type TxnMarkerSpec,
} from './partition-worker.js';

export type {
  AppendResult,
  CleanerResult,
  DeleteRecordsResult,
  DescribeProducersResult,
  EpochEndOffsetResult,
  ListOffsetsResult,
  LogOffsetsResult,
  LogStatsResult,
  OpenResult,
  PingResult,
  ReadResult,
  RetentionResult,
  ScrubResult,
  TaskResult,
  TxnMarkerSpec,
};
export {
  DEFAULT_MAX_OPEN_PARTITIONS,
  EARLIEST_TIMESTAMP,
  HIGH_WATERMARK_TO_LOG_END,
  LATEST_TIMESTAMP,
  READ_COMMITTED,
  READ_TO_HIGH_WATERMARK,
};

/** An append's result shaped as a failure with `errorCode`, for callers that refuse before the store. */
export function failedAppend(errorCode: number): AppendResult {
  return failedResult(TaskKind.APPEND, errorCode, 0) as AppendResult;
}

/** What the broker needs from partition storage, whichever thread runs it. Calls never reject. */
export interface PartitionStore {
  /** Worker threads owning partitions; 0 when everything runs on the calling thread. */
  readonly threads: number;
  /**
   * Opens a partition (recovering it if needed); with create, makes it if missing. `config` (the topic's
   * settings, over the store's) is remembered for the partition; an open log with other settings is reopened
   * with these. Bad settings: INVALID_CONFIG.
   */
  open(topic: string, partition: number, create?: boolean, config?: Partial<LogConfig>): Promise<OpenResult>;
  /**
   * A leader's append, stamped with leaderEpoch. The high watermark moves up to highWatermarkBound (never
   * past the new log end offset): the replica state's call. The default, HIGH_WATERMARK_TO_LOG_END, suits
   * a partition this node alone replicates. verifiedTxn false: a transactional batch may only continue a
   * transaction the partition has going (INVALID_TXN_STATE otherwise); the coordinator did not verify it.
   */
  append(
    topic: string,
    partition: number,
    batches: Uint8Array,
    leaderEpoch?: number,
    highWatermarkBound?: number,
    verifiedTxn?: boolean,
  ): Promise<AppendResult>;
  /** WriteTxnMarkers: the leader appends a transaction marker (PartitionLog.appendTxnMarker). */
  appendTxnMarker(
    topic: string,
    partition: number,
    marker: TxnMarkerSpec,
    leaderEpoch: number,
    highWatermarkBound?: number,
  ): Promise<AppendResult>;
  /**
   * A follower's append: the leader's batches, offsets and epochs kept (PartitionLog.appendAsFollower);
   * then the high watermark moves up to the leader's `highWatermark` (within the log end; -1: unchanged).
   */
  appendAsFollower(
    topic: string,
    partition: number,
    batches: Uint8Array,
    highWatermark?: number,
  ): Promise<AppendResult>;
  /** Sets the high watermark, kept within [log start offset, log end offset]. */
  setHighWatermark(topic: string, partition: number, offset: number): Promise<LogOffsetsResult>;
  /** Removes every offset at or past `offset` (whole batches); the high watermark follows it down. */
  truncateTo(topic: string, partition: number, offset: number): Promise<LogOffsetsResult>;
  /** Empties the log and restarts it at `offset`, which may lie past its end (a follower far behind). */
  truncateFullyAndStartAt(topic: string, partition: number, offset: number): Promise<LogOffsetsResult>;
  /**
   * maxOffset: no batch with a base offset at or past it (-1: up to the log end; READ_TO_HIGH_WATERMARK:
   * up to the high watermark, what consumers may see; READ_COMMITTED: up to the last stable offset, with
   * the aborted transactions).
   */
  read(
    topic: string,
    partition: number,
    offset: number,
    maxBytes: number,
    maxOffset?: number,
  ): Promise<ReadResult>;
  /** timestamp: LATEST_TIMESTAMP, EARLIEST_TIMESTAMP or ms; isolationLevel 1 (read_committed): latest is the LSO. */
  listOffsets(
    topic: string,
    partition: number,
    timestamp: number,
    isolationLevel?: number,
  ): Promise<ListOffsetsResult>;
  /**
   * OffsetForLeaderEpoch: the largest epoch at or below `epoch` in the log's history and where it ends
   * (Kafka's rules); `currentEpoch`, the partition's leader epoch, ends at the log end offset.
   */
  endOffsetForEpoch(
    topic: string,
    partition: number,
    epoch: number,
    currentEpoch: number,
  ): Promise<EpochEndOffsetResult>;
  /** offset -1 means up to the high watermark. */
  deleteRecords(topic: string, partition: number, offset: number): Promise<DeleteRecordsResult>;
  /** Closes the partition's log and removes its directory (DeleteTopics). */
  deletePartition(topic: string, partition: number): Promise<TaskResult>;
  /** Runs retention on every open partition; deletedSegments is the total. */
  applyRetention(nowMs?: number): Promise<RetentionResult>;
  /**
   * One log cleaner round on every thread: compacts the compacted partitions that need it, spending at
   * most about budgetMs per thread before starting no new pass. Totals over the threads.
   */
  clean(nowMs?: number, budgetMs?: number): Promise<CleanerResult>;
  /**
   * One background scrub slice on every thread, each checking up to budgetBytes of stored batches; a pass
   * starts intervalMs after the thread's previous one ended. Totals over the threads; nextPassAtMs is the
   * earliest.
   */
  scrub(nowMs: number, budgetBytes: number, intervalMs: number): Promise<ScrubResult>;
  flush(): Promise<TaskResult>;
  /** One result per thread (slot order): its flush times and, with `partitions`, its open logs' sizes. */
  logStats(partitions: boolean): Promise<LogStatsResult[]>;
  /** The idempotent producers the partition's log remembers (DescribeProducers). */
  describeProducers(topic: string, partition: number): Promise<DescribeProducersResult>;
  /** Closes every log; later calls get NOT_LEADER_OR_FOLLOWER. */
  close(): Promise<TaskResult>;
}

/**
 * Slot of a partition: FNV-1a of the topic plus the partition number, so a topic's partitions go round-robin
 * over the threads (as Kafka spreads replicas) instead of colliding by chance.
 */
export function partitionSlot(topic: string, partition: number, slots: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) {
    h ^= topic.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) + (partition >>> 0)) % slots;
}

export interface PartitionStoreOptions {
  dataDir: string;
  /** Settings for every log (structured-cloneable: they travel to the workers). */
  log?: Partial<LogConfig>;
  /** Logs open at once per thread; one more is refused with POLICY_VIOLATION (default 10000). */
  maxOpenPartitions?: number;
  /** Storage logging (recovery, corrupt batches) at this level; none when unset. */
  logLevel?: LogLevel;
}

export interface PartitionPoolOptions extends PartitionStoreOptions {
  /** Worker threads, one slot each (default: available cores). */
  threads?: number;
  /** Task groups parked per slot while the slot's owner thread is (re)starting (default 1024). */
  maxQueuedGroups?: number;
  /** Most tasks of one slot sent to its thread as one piscina task (default 256; 1 turns grouping off). */
  maxGroupTasks?: number;
  /** Tasks accepted and not yet answered (default 4096). */
  maxPendingTasks?: number;
  /** Append bytes accepted and not yet answered (default 256 MiB); keep it above message.max.bytes. */
  maxPendingBytes?: number;
  /** A slot without an owner for this long is fatal (default 10 s). */
  workerRestartTimeoutMs?: number;
  /** How long close waits for in-flight tasks (default 30 s). */
  closeTimeoutMs?: number;
  /**
   * piscina's wake-up mechanism (default 'disabled': plain port messages). 'sync' parks an idle worker in
   * Atomics.wait, which stalls timers in the log (periodic flush); it measured no faster here.
   */
  atomics?: 'sync' | 'async' | 'disabled';
  /**
   * Explicit assignment: must be a pure function of (topic, partition) returning an integer in [0, slots).
   * A partition must never change slot while the pool runs.
   */
  slotOf?: (topic: string, partition: number, slots: number) => number;
  /** Called when the pool cannot go on safely (ownership invariant broken, a slot never came back). */
  onFatal?: (err: Error) => void;
  /** Node flags for the workers (default: the process's own, e.g. a loader the workers do not need). */
  execArgv?: string[];
  /** Accept test-only tasks (crashSlotForTest). */
  enableTestTasks?: boolean;
}

export interface PoolStats {
  /** Append bytes whose ArrayBuffer moved to the worker without a copy. */
  transferredBytes: number;
  /** Append bytes that had to be copied first (caller passed a view that does not own its buffer). */
  copiedBytes: number;
  /** Append bytes passed by reference on a SharedArrayBuffer. */
  sharedBytes: number;
  /** Calls refused at a limit (REQUEST_TIMED_OUT). */
  rejectedTasks: number;
  /** Worker threads replaced after dying. */
  workerReplacements: number;
}

interface SlotOptions {
  readonly slot: number;
}

/** Tasks of one slot waiting to go out together. */
interface Outbox {
  tasks: PartitionTask[];
  waiters: ((r: TaskResult) => void)[];
  transfer: ArrayBuffer[];
  bytes: number;
}

function newOutbox(): Outbox {
  return { tasks: [], waiters: [], transfer: [], bytes: 0 };
}

/** Groups of a slot waiting for its owner thread, oldest first. */
interface Backlog {
  groups: Outbox[];
  /** A release to the slot's new owner is scheduled. */
  releasing: boolean;
}

const QUEUE_FULL_MESSAGES = new Set([
  'Task queue is at limit',
  'No task queue available and all Workers are busy',
]);
const NO_OPTIONS = Object.freeze({});
/** Time a cleaner round may take on one thread before it starts no new pass (its other tasks wait meanwhile). */
const DEFAULT_CLEAN_BUDGET_MS = 1000;

function defaultFatal(err: Error): void {
  // Fail-stop: a broker that lost track of who owns a partition must not keep writing.
  process.nextTick(() => {
    throw err;
  });
}

function positiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/** Task fields travel by structured clone to a group shared with other calls: only plain numbers pass. */
function numbers3(a: unknown, b: unknown, c: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && typeof c === 'number';
}

function checkTopicPartition(topic: unknown, partition: unknown): boolean {
  return typeof topic === 'string' && Number.isInteger(partition) && (partition as number) >= 0;
}

/** Partitions spread over piscina worker threads, each partition pinned to one thread for its lifetime. */
export class PartitionPool implements PartitionStore {
  readonly threads: number;
  readonly stats: PoolStats = {
    transferredBytes: 0,
    copiedBytes: 0,
    sharedBytes: 0,
    rejectedTasks: 0,
    workerReplacements: 0,
  };
  readonly #piscina: Piscina<GroupTask, TaskResult[]>;
  /** threadId owning each slot, 0 when vacant; shared so workers can refuse tasks they do not own. */
  readonly #owners: Int32Array;
  readonly #slotOptions: SlotOptions[];
  readonly #slotWorkers: (Worker | null)[];
  readonly #vacancyTimers: (NodeJS.Timeout | null)[];
  readonly #slotOf: (topic: string, partition: number, slots: number) => number;
  readonly #maxPendingTasks: number;
  readonly #maxGroupTasks: number;
  readonly #maxQueuedGroups: number;
  #outboxes: Outbox[];
  readonly #backlogs: Backlog[];
  #flushScheduled = false;
  readonly #maxPendingBytes: number;
  readonly #restartTimeoutMs: number;
  readonly #onFatal: (err: Error) => void;
  #pendingTasks = 0;
  #pendingBytes = 0;
  #filled = 0;
  #closing = false;
  #readyResolve: (() => void) | null = null;
  readonly #ready: Promise<void>;

  constructor(options: PartitionPoolOptions) {
    finishInterruptedDeletes(options.dataDir); // before any thread can open a partition
    this.threads = positiveInt('threads', options.threads ?? availableParallelism());
    const maxQueued = positiveInt('maxQueuedGroups', options.maxQueuedGroups ?? 1024);
    this.#maxQueuedGroups = maxQueued;
    this.#maxPendingTasks = positiveInt('maxPendingTasks', options.maxPendingTasks ?? 4096);
    this.#maxGroupTasks = positiveInt('maxGroupTasks', options.maxGroupTasks ?? 256);
    this.#outboxes = Array.from({ length: this.threads }, newOutbox);
    this.#backlogs = Array.from({ length: this.threads }, () => ({ groups: [], releasing: false }));
    this.#maxPendingBytes = positiveInt('maxPendingBytes', options.maxPendingBytes ?? 256 * 1024 * 1024);
    this.#restartTimeoutMs = positiveInt('workerRestartTimeoutMs', options.workerRestartTimeoutMs ?? 10_000);
    this.#slotOf = options.slotOf ?? partitionSlot;
    this.#onFatal = options.onFatal ?? defaultFatal;
    const shared = new SharedArrayBuffer(this.threads * Int32Array.BYTES_PER_ELEMENT);
    this.#owners = new Int32Array(shared);
    this.#slotOptions = Array.from({ length: this.threads }, (_, slot) => Object.freeze({ slot }));
    this.#slotWorkers = new Array(this.threads).fill(null);
    this.#vacancyTimers = new Array(this.threads).fill(null);
    this.#ready = new Promise((resolve) => {
      this.#readyResolve = resolve;
    });
    const workerData: PartitionHostOptions = {
      dataDir: options.dataDir,
      log: options.log ?? {},
      maxOpenPartitions: options.maxOpenPartitions ?? DEFAULT_MAX_OPEN_PARTITIONS,
      owners: shared,
      enableTestTasks: options.enableTestTasks === true,
      ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
    };
    this.#piscina = new Piscina({
      filename: new URL('./partition-worker.js', import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      // Only a safety net: the pool hands piscina a group only once its slot has an owner (slots without one
      // park groups in their backlog), so piscina's queue stays empty unless the balancer misses an owner.
      maxQueue: maxQueued,
      // The balancer ignores usage (a slot's tasks can only go to its owner); 1 keeps piscina's queue bound
      // tight, since it adds starting workers x this to maxQueue.
      concurrentTasksPerWorker: 1,
      // Tasks refused by the balancer go back to the head, not the tail, so per-partition order holds.
      stricterFIFO: true,
      taskQueue: new FixedQueue(),
      loadBalancer: this.#balance,
      atomics: options.atomics ?? 'disabled',
      recordTiming: false,
      ...(options.execArgv ? { execArgv: options.execArgv } : {}),
      closeTimeout: options.closeTimeoutMs ?? 30_000,
      workerData,
    });
    this.#piscina.on('workerCreate', this.#onWorkerCreate);
    this.#piscina.on('workerDestroy', this.#onWorkerDestroy);
    // Without a listener piscina's 'error' (a worker died with no task running) would crash the broker; the
    // replacement and the vacancy watchdog handle it.
    this.#piscina.on('error', () => {});
  }

  /** Resolves once every slot has an owner thread. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Slot that owns a partition. */
  slotOf(topic: string, partition: number): number {
    return this.#slotOf(topic, partition, this.threads);
  }

  /** threadId of the slot's owner, 0 while it has none. */
  ownerThreadId(slot: number): number {
    return Atomics.load(this.#owners, slot);
  }

  /** Tasks accepted and not yet answered. */
  get pendingTasks(): number {
    return this.#pendingTasks;
  }

  /** Task groups parked (in every slot's backlog), waiting for an owner thread. */
  get queuedGroups(): number {
    let n = this.#piscina.queueSize;
    for (const b of this.#backlogs) n += b.groups.length;
    return n;
  }

  /** False when the next call would be refused at a limit: the network layer should stop reading. */
  get hasCapacity(): boolean {
    return this.#pendingTasks < this.#maxPendingTasks && this.#pendingBytes < this.#maxPendingBytes;
  }

  open(topic: string, partition: number, create = false, config?: Partial<LogConfig>): Promise<OpenResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(TaskKind.OPEN, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!plainConfig(config)) return this.#refuse(TaskKind.OPEN, ErrorCode.INVALID_CONFIG);
    const task: OpenTask = { kind: TaskKind.OPEN, slot, topic, partition, create };
    if (config !== undefined) task.config = config;
    return this.#submit(slot, task, null, 0);
  }

  append(
    topic: string,
    partition: number,
    batches: Uint8Array,
    leaderEpoch = -1,
    highWatermarkBound = HIGH_WATERMARK_TO_LOG_END,
    verifiedTxn?: boolean,
  ): Promise<AppendResult> {
    if (!numbers3(leaderEpoch, highWatermarkBound, 0))
      return this.#refuse(TaskKind.APPEND, ErrorCode.INVALID_REQUEST);
    const task: AppendTask = {
      kind: TaskKind.APPEND,
      slot: -1,
      topic,
      partition,
      leaderEpoch,
      highWatermarkBound,
      batches,
    };
    if (verifiedTxn === false) task.verifiedTxn = false;
    return this.#submitBatches(task);
  }

  appendTxnMarker(
    topic: string,
    partition: number,
    marker: TxnMarkerSpec,
    leaderEpoch: number,
    highWatermarkBound = HIGH_WATERMARK_TO_LOG_END,
  ): Promise<AppendResult> {
    const kind = TaskKind.TXN_MARKER;
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(kind, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(leaderEpoch, highWatermarkBound, 0)) return this.#refuse(kind, ErrorCode.INVALID_REQUEST);
    const task = { kind, slot, topic, partition, leaderEpoch, highWatermarkBound, marker: { ...marker } };
    return this.#submit(slot, task, null, 0);
  }

  appendAsFollower(
    topic: string,
    partition: number,
    batches: Uint8Array,
    highWatermark = -1,
  ): Promise<AppendResult> {
    if (!numbers3(highWatermark, 0, 0))
      return this.#refuse(TaskKind.APPEND_AS_FOLLOWER, ErrorCode.INVALID_REQUEST);
    return this.#submitBatches({
      kind: TaskKind.APPEND_AS_FOLLOWER,
      slot: -1,
      topic,
      partition,
      batches,
      highWatermark,
    });
  }

  setHighWatermark(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#offsetTask(TaskKind.SET_HIGH_WATERMARK, topic, partition, offset);
  }

  truncateTo(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#offsetTask(TaskKind.TRUNCATE, topic, partition, offset);
  }

  truncateFullyAndStartAt(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#offsetTask(TaskKind.TRUNCATE_FULLY, topic, partition, offset);
  }

  #offsetTask(
    kind: typeof TaskKind.SET_HIGH_WATERMARK | typeof TaskKind.TRUNCATE | typeof TaskKind.TRUNCATE_FULLY,
    topic: string,
    partition: number,
    offset: number,
  ): Promise<LogOffsetsResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(kind, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(offset, 0, 0)) return this.#refuse(kind, ErrorCode.INVALID_REQUEST);
    return this.#submit(slot, { kind, slot, topic, partition, offset }, null, 0);
  }

  /** Appends of either kind: the batch bytes move to the owner thread (see the contract above). */
  #submitBatches(task: AppendTask | FollowerAppendTask): Promise<AppendResult> {
    const { kind, topic, partition } = task;
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(kind, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    let batches = task.batches;
    if (!(batches instanceof Uint8Array)) return this.#refuse(kind, ErrorCode.CORRUPT_MESSAGE);
    const n = batches.byteLength;
    if (!this.#admit(n)) return this.#refuse(kind, ErrorCode.REQUEST_TIMED_OUT);
    let transfer: ArrayBuffer | null = null;
    const buffer = batches.buffer;
    if (buffer instanceof SharedArrayBuffer) {
      this.stats.sharedBytes += n;
    } else if (batches.byteOffset === 0 && n === buffer.byteLength) {
      transfer = buffer;
      this.stats.transferredBytes += n;
    } else {
      // Cloning the view would copy its whole backing buffer (a pooled slab, a request frame); copy just it.
      const copy = new Uint8Array(n);
      copy.set(batches);
      batches = copy;
      transfer = copy.buffer;
      this.stats.copiedBytes += n;
    }
    task.slot = slot;
    task.batches = batches;
    return this.#submit(slot, task, transfer, n);
  }

  read(
    topic: string,
    partition: number,
    offset: number,
    maxBytes: number,
    maxOffset = -1,
  ): Promise<ReadResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(TaskKind.READ, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(offset, maxBytes, maxOffset)) return this.#refuse(TaskKind.READ, ErrorCode.INVALID_REQUEST);
    return this.#submit(
      slot,
      { kind: TaskKind.READ, slot, topic, partition, offset, maxBytes, maxOffset },
      null,
      0,
    );
  }

  listOffsets(
    topic: string,
    partition: number,
    timestamp: number,
    isolationLevel = 0,
  ): Promise<ListOffsetsResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(TaskKind.LIST_OFFSETS, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(timestamp, isolationLevel, 0))
      return this.#refuse(TaskKind.LIST_OFFSETS, ErrorCode.INVALID_REQUEST);
    const task: ListOffsetsTask = { kind: TaskKind.LIST_OFFSETS, slot, topic, partition, timestamp };
    if (isolationLevel !== 0) task.isolationLevel = isolationLevel;
    return this.#submit(slot, task, null, 0);
  }

  endOffsetForEpoch(
    topic: string,
    partition: number,
    epoch: number,
    currentEpoch: number,
  ): Promise<EpochEndOffsetResult> {
    const kind = TaskKind.END_OFFSET_FOR_EPOCH;
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(kind, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(epoch, currentEpoch, 0)) return this.#refuse(kind, ErrorCode.INVALID_REQUEST);
    return this.#submit(slot, { kind, slot, topic, partition, epoch, currentEpoch }, null, 0);
  }

  deleteRecords(topic: string, partition: number, offset: number): Promise<DeleteRecordsResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(TaskKind.DELETE_RECORDS, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (!numbers3(offset, 0, 0)) return this.#refuse(TaskKind.DELETE_RECORDS, ErrorCode.INVALID_REQUEST);
    return this.#submit(slot, { kind: TaskKind.DELETE_RECORDS, slot, topic, partition, offset }, null, 0);
  }

  deletePartition(topic: string, partition: number): Promise<TaskResult> {
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(TaskKind.DELETE_PARTITION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    return this.#submit(slot, { kind: TaskKind.DELETE_PARTITION, slot, topic, partition }, null, 0);
  }

  async applyRetention(nowMs = Date.now()): Promise<RetentionResult> {
    const results = await this.#everySlot((slot) => ({ kind: TaskKind.RETENTION, slot, nowMs }));
    let deletedSegments = 0;
    for (const r of results) deletedSegments += (r as RetentionResult).deletedSegments ?? 0;
    return { errorCode: firstError(results), threadId: 0, deletedSegments };
  }

  async clean(nowMs = Date.now(), budgetMs = DEFAULT_CLEAN_BUDGET_MS): Promise<CleanerResult> {
    const results = await this.#everySlot((slot) => ({ kind: TaskKind.CLEAN, slot, nowMs, budgetMs }));
    return sumCleanerResults(results as CleanerResult[]);
  }

  async scrub(nowMs: number, budgetBytes: number, intervalMs: number): Promise<ScrubResult> {
    const results = await this.#everySlot((slot) => ({
      kind: TaskKind.SCRUB,
      slot,
      nowMs,
      budgetBytes,
      intervalMs,
    }));
    return sumScrubResults(results as ScrubResult[]);
  }

  async flush(): Promise<TaskResult> {
    const results = await this.#everySlot((slot) => ({ kind: TaskKind.FLUSH, slot }));
    return { errorCode: firstError(results), threadId: 0 };
  }

  logStats(partitions: boolean): Promise<LogStatsResult[]> {
    const kind = TaskKind.LOG_STATS;
    return this.#everySlot((slot) => ({ kind, slot, partitions })) as Promise<LogStatsResult[]>;
  }

  describeProducers(topic: string, partition: number): Promise<DescribeProducersResult> {
    const kind = TaskKind.DESCRIBE_PRODUCERS;
    const slot = this.#route(topic, partition);
    if (slot < 0) return this.#refuse(kind, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    return this.#submit(slot, { kind, slot, topic, partition }, null, 0);
  }

  /** Each owner thread's event loop time so far, busy and idle (ms), in slot order; null while vacant. */
  threadUtilization(): ({ activeMs: number; idleMs: number } | null)[] {
    return this.#slotWorkers.map((w) => {
      if (w === null || w.threadId === -1) return null;
      const u = w.performance.eventLoopUtilization();
      return { activeMs: u.active, idleMs: u.idle };
    });
  }

  /** Pings every slot's owner; one result per slot, in slot order. */
  ping(): Promise<PingResult[]> {
    return this.#everySlot((slot) => ({ kind: TaskKind.PING, slot })) as Promise<PingResult[]>;
  }

  /** Test hook (enableTestTasks): the slot's worker exits at once, as a crash would. */
  crashSlotForTest(slot: number): Promise<TaskResult> {
    return this.#submit(slot, { kind: TaskKind.CRASH, slot }, null, 0);
  }

  /** Closes every log on its owner thread, then stops the threads. */
  async close(): Promise<TaskResult> {
    if (this.#closing) return { errorCode: ErrorCode.NONE, threadId: 0 };
    // Refuse new work first, so nothing reopens a log behind CLOSE_ALL.
    this.#closing = true;
    const results = await this.#everySlot((slot) => ({ kind: TaskKind.CLOSE_ALL, slot }));
    for (let s = 0; s < this.threads; s++) this.#clearVacancyTimer(s);
    await this.#piscina.close();
    return { errorCode: firstError(results), threadId: 0 };
  }

  // ---- routing ----

  #route(topic: string, partition: number): number {
    if (!checkTopicPartition(topic, partition)) return -1;
    const slot = this.#slotOf(topic, partition, this.threads);
    return Number.isInteger(slot) && slot >= 0 && slot < this.threads ? slot : -1;
  }

  readonly #balance: LoadBalancer = (task, workers) => {
    const options = task[queueOptionsSymbol] as SlotOptions | null;
    if (options === null) return null;
    const owner = Atomics.load(this.#owners, options.slot);
    if (owner === 0) return null; // waits in the queue for the (re)starting owner
    for (let i = 0; i < workers.length; i++) {
      const w = workers[i]!;
      if (w.id === owner && !w.terminating && !w.destroyed) return w;
    }
    return null;
  };

  readonly #onWorkerCreate = (worker: PiscinaWorkerView) => {
    // Still filled while closing: a slot whose worker died just before close needs its replacement to answer
    // CLOSE_ALL (it has nothing open, so that is immediate); otherwise close would wait forever.
    let slot = -1;
    for (let s = 0; s < this.threads; s++) {
      if (Atomics.load(this.#owners, s) === 0) {
        slot = s;
        break;
      }
    }
    if (slot < 0) {
      this.#fatal(new Error(`worker ${worker.id} started but every slot has an owner`));
      return;
    }
    const thread = this.#piscina.threads.find((t) => t.threadId === worker.id) ?? null;
    Atomics.store(this.#owners, slot, worker.id);
    this.#slotWorkers[slot] = thread;
    this.#clearVacancyTimer(slot);
    // Belt and braces: whatever piscina does, a thread that exits gives up its slot.
    thread?.once('exit', () => this.#vacate(slot, worker.id));
    this.#scheduleRelease(slot);
    if (++this.#filled === this.threads && this.#readyResolve !== null) {
      this.#readyResolve();
      this.#readyResolve = null;
    }
  };

  readonly #onWorkerDestroy = (worker: PiscinaWorkerView) => {
    // An exited Worker reports threadId -1, so also match slots whose thread is gone.
    for (let s = 0; s < this.threads; s++) {
      const t = this.#slotWorkers[s];
      if (
        Atomics.load(this.#owners, s) === worker.id ||
        (t !== null && t !== undefined && t.threadId === -1)
      ) {
        this.#vacate(s, Atomics.load(this.#owners, s));
      }
    }
  };

  #vacate(slot: number, threadId: number): void {
    // compareExchange: only the owner we saw may be removed, never a replacement already in place.
    if (threadId === 0 || Atomics.compareExchange(this.#owners, slot, threadId, 0) !== threadId) return;
    this.#slotWorkers[slot] = null;
    this.#filled--;
    if (this.#closing) return;
    this.stats.workerReplacements++;
    const timer = setTimeout(() => {
      this.#vacancyTimers[slot] = null;
      if (Atomics.load(this.#owners, slot) === 0 && !this.#closing) {
        this.#fatal(new Error(`slot ${slot} has had no worker thread for ${this.#restartTimeoutMs} ms`));
        // Nothing will run them: answer the parked calls (retriable) rather than leave them hanging.
        const parked = this.#backlogs[slot]!.groups.splice(0);
        for (const box of parked) this.#settle(slot, box, null, ErrorCode.KAFKA_STORAGE_ERROR);
      }
    }, this.#restartTimeoutMs);
    timer.unref();
    this.#vacancyTimers[slot] = timer;
  }

  #clearVacancyTimer(slot: number): void {
    const t = this.#vacancyTimers[slot];
    if (t) clearTimeout(t);
    this.#vacancyTimers[slot] = null;
  }

  #fatal(err: Error): void {
    this.#onFatal(err);
  }

  // ---- submission ----

  #admit(bytes: number): boolean {
    if (this.#pendingTasks >= this.#maxPendingTasks || this.#pendingBytes + bytes > this.#maxPendingBytes) {
      this.stats.rejectedTasks++;
      return false;
    }
    return true;
  }

  #refuse<R extends TaskResult>(kind: number, code: number): Promise<R> {
    return Promise.resolve(failedResult(kind, code, 0) as R);
  }

  /**
   * Queues a task in its slot's outbox. Outboxes go out as one piscina task per slot (a group) at the end of
   * the current microtask run, or as soon as one holds maxGroupTasks: piscina's per-task cost (bookkeeping,
   * a message each way) is paid per group, not per append.
   */
  #submit<R extends TaskResult>(
    slot: number,
    task: PartitionTask,
    transfer: ArrayBuffer | null,
    bytes: number,
  ): Promise<R> {
    if (this.#closing && task.kind !== TaskKind.CLOSE_ALL) {
      return this.#refuse(task.kind, ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }
    // Appends were admitted by the caller (bytes count); closing is never refused.
    const admitted = task.kind === TaskKind.APPEND || task.kind === TaskKind.APPEND_AS_FOLLOWER;
    if (!admitted && task.kind !== TaskKind.CLOSE_ALL && !this.#admit(0)) {
      return this.#refuse(task.kind, ErrorCode.REQUEST_TIMED_OUT);
    }
    this.#pendingTasks++;
    this.#pendingBytes += bytes;
    const box = this.#outboxes[slot]!;
    box.tasks.push(task);
    if (transfer !== null) box.transfer.push(transfer);
    box.bytes += bytes;
    const done = new Promise<R>((resolve) => {
      box.waiters.push(resolve as (r: TaskResult) => void);
    });
    if (box.tasks.length >= this.#maxGroupTasks) this.#dispatch(slot);
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(this.#flushOutboxes);
    }
    return done;
  }

  readonly #flushOutboxes = (): void => {
    this.#flushScheduled = false;
    for (let s = 0; s < this.threads; s++) if (this.#outboxes[s]!.tasks.length > 0) this.#dispatch(s);
  };

  #dispatch(slot: number): void {
    const box = this.#outboxes[slot]!;
    this.#outboxes[slot] = newOutbox();
    const backlog = this.#backlogs[slot]!;
    // Behind parked groups (order), or no owner to run it: park it in the slot's own backlog.
    if (backlog.groups.length > 0 || Atomics.load(this.#owners, slot) === 0) {
      // CLOSE_ALL (the only task while closing) is never refused.
      if (backlog.groups.length >= this.#maxQueuedGroups && !this.#closing) {
        this.stats.rejectedTasks += box.tasks.length;
        this.#settle(slot, box, null, ErrorCode.REQUEST_TIMED_OUT);
        return;
      }
      backlog.groups.push(box);
      if (Atomics.load(this.#owners, slot) !== 0) this.#scheduleRelease(slot);
      return;
    }
    this.#send(slot, box);
  }

  /**
   * Releases a slot's backlog to its new owner once the current run of synchronous code is over: piscina
   * emits workerCreate before it counts the worker as ready, and a task run before that would go to
   * piscina's queue instead of the worker.
   */
  #scheduleRelease(slot: number): void {
    const backlog = this.#backlogs[slot]!;
    if (backlog.releasing || backlog.groups.length === 0) return;
    backlog.releasing = true;
    queueMicrotask(() => {
      backlog.releasing = false;
      // Vacated again meanwhile: the groups wait for the next owner (its workerCreate schedules a release).
      if (Atomics.load(this.#owners, slot) === 0) return;
      const groups = backlog.groups.splice(0);
      for (const box of groups) this.#send(slot, box);
    });
  }

  #send(slot: number, box: Outbox): void {
    const group: GroupTask & { [queueOptionsSymbol]?: SlotOptions } = {
      kind: TaskKind.GROUP,
      slot,
      tasks: box.tasks,
    };
    group[queueOptionsSymbol] = this.#slotOptions[slot]!;
    const options = box.transfer.length === 0 ? NO_OPTIONS : { transferList: box.transfer };
    this.#piscina.run(group, options).then(
      (results) => this.#settle(slot, box, results, ErrorCode.NONE),
      (err: unknown) => this.#settle(slot, box, null, this.#codeOfPoolError(err)),
    );
  }

  #settle(slot: number, box: Outbox, results: TaskResult[] | null, poolError: number): void {
    this.#pendingTasks -= box.tasks.length;
    this.#pendingBytes -= box.bytes;
    const owner = Atomics.load(this.#owners, slot);
    for (let i = 0; i < box.tasks.length; i++) {
      const kind = box.tasks[i]!.kind;
      const result = results?.[i];
      if (result === undefined) {
        box.waiters[i]!(failedResult(kind, results === null ? poolError : ErrorCode.UNKNOWN_SERVER_ERROR, 0));
        continue;
      }
      if (result.threadId !== owner) {
        this.#fatal(
          new Error(`task for slot ${slot} ran on thread ${result.threadId}, but its owner is ${owner}`),
        );
        box.waiters[i]!(failedResult(kind, ErrorCode.NOT_LEADER_OR_FOLLOWER, result.threadId));
        continue;
      }
      if (kind === TaskKind.READ) {
        const records = (result as ReadResult).records;
        // Structured clone hands back a plain Uint8Array; give the caller a Buffer on the same memory.
        if (records !== null) {
          (result as ReadResult).records = Buffer.from(
            records.buffer,
            records.byteOffset,
            records.byteLength,
          );
        }
      }
      box.waiters[i]!(result);
    }
  }

  #codeOfPoolError(err: unknown): number {
    const message = (err as { message?: unknown } | null)?.message;
    if (typeof message === 'string' && QUEUE_FULL_MESSAGES.has(message)) {
      this.stats.rejectedTasks++;
      return ErrorCode.REQUEST_TIMED_OUT;
    }
    if (this.#closing) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    // The owner thread died (or could not take the task): the log is intact on disk, the client retries.
    return ErrorCode.KAFKA_STORAGE_ERROR;
  }

  #everySlot(make: (slot: number) => PartitionTask): Promise<TaskResult[]> {
    const all: Promise<TaskResult>[] = [];
    for (let s = 0; s < this.threads; s++) all.push(this.#submit(s, make(s), null, 0));
    return Promise.all(all);
  }
}

// piscina does not export its balancer types; derive them from the constructor options.
type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
type PiscinaWorkerView = NonNullable<ReturnType<LoadBalancer>>;

/** Settings travel by structured clone: only a plain object of numbers and strings (or nothing) passes. */
function plainConfig(config: unknown): boolean {
  if (config === undefined) return true;
  if (config === null || typeof config !== 'object' || Object.getPrototypeOf(config) !== Object.prototype) {
    return false;
  }
  for (const v of Object.values(config)) {
    if (v !== undefined && typeof v !== 'number' && typeof v !== 'string') return false;
  }
  return true;
}

function sumCleanerResults(results: CleanerResult[]): CleanerResult {
  const sum: CleanerResult = {
    errorCode: firstError(results),
    threadId: 0,
    cleanedLogs: 0,
    recordsRemoved: 0,
    deferredLogs: 0,
    problems: [],
  };
  for (const r of results) {
    sum.cleanedLogs += r.cleanedLogs ?? 0;
    sum.recordsRemoved += r.recordsRemoved ?? 0;
    sum.deferredLogs += r.deferredLogs ?? 0;
    if (Array.isArray(r.problems)) sum.problems.push(...r.problems);
  }
  return sum;
}

function sumScrubResults(results: ScrubResult[]): ScrubResult {
  const sum = failedResult(TaskKind.SCRUB, firstError(results), 0) as ScrubResult;
  sum.nextPassAtMs = Number.POSITIVE_INFINITY;
  for (const r of results) {
    sum.bytesScanned += r.bytesScanned ?? 0;
    sum.batchesScanned += r.batchesScanned ?? 0;
    sum.corruptFound += r.corruptFound ?? 0;
    sum.passesCompleted += r.passesCompleted ?? 0;
    sum.running ||= r.running === true;
    if (Array.isArray(r.failures)) sum.failures.push(...r.failures);
    if (typeof r.nextPassAtMs === 'number') sum.nextPassAtMs = Math.min(sum.nextPassAtMs, r.nextPassAtMs);
  }
  if (!Number.isFinite(sum.nextPassAtMs)) sum.nextPassAtMs = 0;
  return sum;
}

function firstError(results: TaskResult[]): number {
  for (const r of results) if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
  return ErrorCode.NONE;
}

/** The same interface run on the calling thread: no threads, no copies, no queue. */
export class InlinePartitions implements PartitionStore {
  readonly threads = 0;
  readonly #host: PartitionHost;
  #closed = false;

  constructor(options: PartitionStoreOptions) {
    finishInterruptedDeletes(options.dataDir);
    this.#host = new PartitionHost({
      dataDir: options.dataDir,
      log: options.log ?? {},
      maxOpenPartitions: options.maxOpenPartitions ?? DEFAULT_MAX_OPEN_PARTITIONS,
      owners: null,
      enableTestTasks: false,
      ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
    });
  }

  #run<R extends TaskResult>(task: PartitionTask): Promise<R> {
    if (this.#closed)
      return Promise.resolve(failedResult(task.kind, ErrorCode.NOT_LEADER_OR_FOLLOWER, 0) as R);
    return Promise.resolve(this.#host.run(task) as R | Promise<R>);
  }

  open(topic: string, partition: number, create = false, config?: Partial<LogConfig>): Promise<OpenResult> {
    if (!plainConfig(config)) {
      return Promise.resolve(failedResult(TaskKind.OPEN, ErrorCode.INVALID_CONFIG, 0) as OpenResult);
    }
    const task: OpenTask = { kind: TaskKind.OPEN, slot: 0, topic, partition, create };
    if (config !== undefined) task.config = config;
    return this.#run(task);
  }

  append(
    topic: string,
    partition: number,
    batches: Uint8Array,
    leaderEpoch = -1,
    highWatermarkBound = HIGH_WATERMARK_TO_LOG_END,
    verifiedTxn?: boolean,
  ): Promise<AppendResult> {
    const task: AppendTask = {
      kind: TaskKind.APPEND,
      slot: 0,
      topic,
      partition,
      leaderEpoch,
      highWatermarkBound,
      batches,
    };
    if (verifiedTxn === false) task.verifiedTxn = false;
    return this.#run(task);
  }

  appendTxnMarker(
    topic: string,
    partition: number,
    marker: TxnMarkerSpec,
    leaderEpoch: number,
    highWatermarkBound = HIGH_WATERMARK_TO_LOG_END,
  ): Promise<AppendResult> {
    const kind = TaskKind.TXN_MARKER;
    return this.#run({
      kind,
      slot: 0,
      topic,
      partition,
      leaderEpoch,
      highWatermarkBound,
      marker: { ...marker },
    });
  }

  appendAsFollower(
    topic: string,
    partition: number,
    batches: Uint8Array,
    highWatermark = -1,
  ): Promise<AppendResult> {
    return this.#run({
      kind: TaskKind.APPEND_AS_FOLLOWER,
      slot: 0,
      topic,
      partition,
      batches,
      highWatermark,
    });
  }

  setHighWatermark(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#run({ kind: TaskKind.SET_HIGH_WATERMARK, slot: 0, topic, partition, offset });
  }

  truncateTo(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#run({ kind: TaskKind.TRUNCATE, slot: 0, topic, partition, offset });
  }

  truncateFullyAndStartAt(topic: string, partition: number, offset: number): Promise<LogOffsetsResult> {
    return this.#run({ kind: TaskKind.TRUNCATE_FULLY, slot: 0, topic, partition, offset });
  }

  read(
    topic: string,
    partition: number,
    offset: number,
    maxBytes: number,
    maxOffset = -1,
  ): Promise<ReadResult> {
    return this.#run({ kind: TaskKind.READ, slot: 0, topic, partition, offset, maxBytes, maxOffset });
  }

  listOffsets(
    topic: string,
    partition: number,
    timestamp: number,
    isolationLevel = 0,
  ): Promise<ListOffsetsResult> {
    const task: ListOffsetsTask = { kind: TaskKind.LIST_OFFSETS, slot: 0, topic, partition, timestamp };
    if (isolationLevel !== 0) task.isolationLevel = isolationLevel;
    return this.#run(task);
  }

  endOffsetForEpoch(
    topic: string,
    partition: number,
    epoch: number,
    currentEpoch: number,
  ): Promise<EpochEndOffsetResult> {
    const task = { kind: TaskKind.END_OFFSET_FOR_EPOCH, slot: 0, topic, partition, epoch, currentEpoch };
    return this.#run(task);
  }

  deleteRecords(topic: string, partition: number, offset: number): Promise<DeleteRecordsResult> {
    return this.#run({ kind: TaskKind.DELETE_RECORDS, slot: 0, topic, partition, offset });
  }

  deletePartition(topic: string, partition: number): Promise<TaskResult> {
    return this.#run({ kind: TaskKind.DELETE_PARTITION, slot: 0, topic, partition });
  }

  applyRetention(nowMs = Date.now()): Promise<RetentionResult> {
    return this.#run({ kind: TaskKind.RETENTION, slot: 0, nowMs });
  }

  clean(nowMs = Date.now(), budgetMs = DEFAULT_CLEAN_BUDGET_MS): Promise<CleanerResult> {
    return this.#run({ kind: TaskKind.CLEAN, slot: 0, nowMs, budgetMs });
  }

  scrub(nowMs: number, budgetBytes: number, intervalMs: number): Promise<ScrubResult> {
    return this.#run({ kind: TaskKind.SCRUB, slot: 0, nowMs, budgetBytes, intervalMs });
  }

  flush(): Promise<TaskResult> {
    return this.#run({ kind: TaskKind.FLUSH, slot: 0 });
  }

  async logStats(partitions: boolean): Promise<LogStatsResult[]> {
    return [await this.#run<LogStatsResult>({ kind: TaskKind.LOG_STATS, slot: 0, partitions })];
  }

  describeProducers(topic: string, partition: number): Promise<DescribeProducersResult> {
    return this.#run({ kind: TaskKind.DESCRIBE_PRODUCERS, slot: 0, topic, partition });
  }

  async close(): Promise<TaskResult> {
    if (this.#closed) return { errorCode: ErrorCode.NONE, threadId: 0 };
    const r = await this.#run({ kind: TaskKind.CLOSE_ALL, slot: 0 });
    this.#closed = true;
    return r;
  }
}
