// Piscina worker entry: the thread that owns a slot's partitions. Every task of a partition arrives here
// (the pool's balancer pins a slot to one thread), so the logs below are only ever touched by this thread.
// The same PartitionHost also runs on the main thread for InlinePartitions (threads=0).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { threadId, workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { LogLevel } from '../config.js';
import { Logger } from '../logger.js';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../protocol/list-offsets.js';
import { cleanLog, needsCleaning } from './cleaner.js';
import { isCompacted, type LogConfig, resolveLogConfig } from './config.js';
import { type FlushTimesSnapshot, flushTimes } from './flush-stats.js';
import { type AppendResult as LogAppendInfo, PartitionLog, type TopicPartition } from './log.js';
import { deletePartitionDir, partitionDirName, validateTopicPartition } from './partition-dir.js';
import { type ActiveProducer, activeProducers } from './producer-state.js';
import { Scrubber, type ScrubSlice } from './scrubber.js';
import { CorruptSegmentError } from './segment.js';

export const TaskKind = {
  PING: 0,
  OPEN: 1,
  APPEND: 2,
  READ: 3,
  LIST_OFFSETS: 4,
  DELETE_RECORDS: 5,
  RETENTION: 6,
  FLUSH: 7,
  CLOSE_ALL: 8,
  DELETE_PARTITION: 9,
  /** Several tasks of one slot, run in order: one piscina round trip for all of them. */
  GROUP: 10,
  /** One round of log compaction over the slot's compacted partitions. */
  CLEAN: 11,
  /** Replication: batches as the leader stored them, offsets and epochs kept. */
  APPEND_AS_FOLLOWER: 12,
  /** Replication: the high watermark the partition's replica state decided. */
  SET_HIGH_WATERMARK: 13,
  /** Replication: drop every offset at or past one (a follower whose log diverged). */
  TRUNCATE: 14,
  /** One slice of the background scrub over the slot's partitions (scrubber.ts). */
  SCRUB: 15,
  /** OffsetForLeaderEpoch: where an epoch ends, from the log's leader-epoch history. */
  END_OFFSET_FOR_EPOCH: 16,
  /** Replication: empty the log and restart it at an offset (a follower behind the leader's log start). */
  TRUNCATE_FULLY: 17,
  /** The slot's flush times, and with `partitions` each open log's size (metrics, DescribeLogDirs). */
  LOG_STATS: 18,
  /** DescribeProducers: the idempotent producers a partition's log remembers. */
  DESCRIBE_PRODUCERS: 19,
  /** WriteTxnMarkers: a transaction marker (control batch) appended by the partition's leader. */
  TXN_MARKER: 20,
  /** Test hook: the worker exits at once (honoured only with enableTestTasks). */
  CRASH: 99,
} as const;

export { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP };
/** ReadTask.maxOffset: up to the high watermark the log holds at the time of the read (consumers). */
export const READ_TO_HIGH_WATERMARK = -2;
/**
 * ReadTask.maxOffset: up to the last stable offset, with the aborted transactions overlapping the batches
 * returned (read_committed consumers).
 */
export const READ_COMMITTED = -3;
/** AppendTask.highWatermarkBound: the high watermark follows the new log end offset (an ISR of one). */
export const HIGH_WATERMARK_TO_LOG_END = Number.MAX_SAFE_INTEGER;

interface TaskBase {
  /** Owner slot; the host refuses a task for a slot the owner table does not give this thread. */
  slot: number;
}
export interface PingTask extends TaskBase {
  kind: typeof TaskKind.PING;
}
export interface OpenTask extends TaskBase {
  kind: typeof TaskKind.OPEN;
  topic: string;
  partition: number;
  /** Create the partition's directory if missing; otherwise a missing partition is UNKNOWN_TOPIC_OR_PARTITION. */
  create: boolean;
  /**
   * The topic's settings over the host's defaults. Remembered for the partition (a later open without
   * one, e.g. after an I/O failure, uses them too); an open log whose settings differ is closed and
   * reopened with the new ones.
   */
  config?: Partial<LogConfig>;
}
export interface AppendTask extends TaskBase {
  kind: typeof TaskKind.APPEND;
  topic: string;
  partition: number;
  leaderEpoch: number;
  /** How far the high watermark may move with this append (decided by the replica state), never back. */
  highWatermarkBound: number;
  /** One or more whole magic-2 batches, as the producer sent them. */
  batches: Uint8Array;
  /**
   * False: a transactional batch may only continue a transaction the partition has going, not begin one
   * (the transaction coordinator did not verify it, KIP-890). Absent: true.
   */
  verifiedTxn?: boolean;
}
export interface TxnMarkerTask extends TaskBase {
  kind: typeof TaskKind.TXN_MARKER;
  topic: string;
  partition: number;
  leaderEpoch: number;
  highWatermarkBound: number;
  marker: TxnMarkerSpec;
}
/** One partition's part of a WriteTxnMarkers request. */
export interface TxnMarkerSpec {
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  commit: boolean;
}
export interface FollowerAppendTask extends TaskBase {
  kind: typeof TaskKind.APPEND_AS_FOLLOWER;
  topic: string;
  partition: number;
  /** Whole batches as the leader stored them. */
  batches: Uint8Array;
  /** The leader's high watermark: this replica's follows it, up to its own log end offset (-1: unchanged). */
  highWatermark: number;
}
export interface EpochTask extends TaskBase {
  kind: typeof TaskKind.END_OFFSET_FOR_EPOCH;
  topic: string;
  partition: number;
  /** The epoch asked about. */
  epoch: number;
  /** The partition's current leader epoch: it ends at the log end offset even before a batch carries it. */
  currentEpoch: number;
}
export interface OffsetTask extends TaskBase {
  kind: typeof TaskKind.SET_HIGH_WATERMARK | typeof TaskKind.TRUNCATE | typeof TaskKind.TRUNCATE_FULLY;
  topic: string;
  partition: number;
  offset: number;
}
export interface ReadTask extends TaskBase {
  kind: typeof TaskKind.READ;
  topic: string;
  partition: number;
  offset: number;
  maxBytes: number;
  /**
   * Exclusive bound on batch base offsets returned; -1: log end; READ_TO_HIGH_WATERMARK (consumers),
   * READ_COMMITTED (read_committed consumers).
   */
  maxOffset: number;
}
export interface ListOffsetsTask extends TaskBase {
  kind: typeof TaskKind.LIST_OFFSETS;
  topic: string;
  partition: number;
  /** LATEST_TIMESTAMP, EARLIEST_TIMESTAMP or a timestamp in ms. */
  timestamp: number;
  /** 1: read_committed (LATEST_TIMESTAMP gives the last stable offset). Absent: 0. */
  isolationLevel?: number;
}
export interface DeleteRecordsTask extends TaskBase {
  kind: typeof TaskKind.DELETE_RECORDS;
  topic: string;
  partition: number;
  /** New log start offset; -1 means the high watermark, as in DeleteRecords. */
  offset: number;
}
export interface DeletePartitionTask extends TaskBase {
  kind: typeof TaskKind.DELETE_PARTITION;
  topic: string;
  partition: number;
}
export interface RetentionTask extends TaskBase {
  kind: typeof TaskKind.RETENTION;
  nowMs: number;
}
export interface CleanTask extends TaskBase {
  kind: typeof TaskKind.CLEAN;
  nowMs: number;
  /** Stop starting new passes once this much time went on cleaning (ms): the slot's other tasks wait meanwhile. */
  budgetMs: number;
}
export interface ScrubTask extends TaskBase {
  kind: typeof TaskKind.SCRUB;
  nowMs: number;
  /** Bytes this slice may check (the broker's rate share for one tick). */
  budgetBytes: number;
  /** Pause between passes. */
  intervalMs: number;
}
export interface LogStatsTask extends TaskBase {
  kind: typeof TaskKind.LOG_STATS;
  partitions: boolean;
}
export interface DescribeProducersTask extends TaskBase {
  kind: typeof TaskKind.DESCRIBE_PRODUCERS;
  topic: string;
  partition: number;
}
export interface SlotTask extends TaskBase {
  kind: typeof TaskKind.FLUSH | typeof TaskKind.CLOSE_ALL | typeof TaskKind.CRASH;
}
export interface GroupTask extends TaskBase {
  kind: typeof TaskKind.GROUP;
  tasks: PartitionTask[];
}
export type PartitionTask =
  | PingTask
  | OpenTask
  | AppendTask
  | FollowerAppendTask
  | TxnMarkerTask
  | OffsetTask
  | EpochTask
  | ReadTask
  | ListOffsetsTask
  | DeleteRecordsTask
  | DeletePartitionTask
  | RetentionTask
  | CleanTask
  | ScrubTask
  | LogStatsTask
  | DescribeProducersTask
  | SlotTask;

export interface TaskResult {
  errorCode: number;
  /** Thread that ran the task; the pool checks it against the slot's owner. */
  threadId: number;
}
export interface PingResult extends TaskResult {
  partitions: number;
}
/** A partition's offsets after a task (open, set high watermark, truncate). */
export interface OpenResult extends TaskResult {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /** What read_committed consumers may read up to (the high watermark when no transaction is open). */
  lastStableOffset: number;
  /** The epoch of the log's last batch (its leader-epoch history's latest), -1 for none. */
  latestEpoch: number;
}
export type LogOffsetsResult = OpenResult;
export interface AppendResult extends TaskResult {
  baseOffset: number;
  lastOffset: number;
  /** -1: batches keep their CreateTime. */
  logAppendTime: number;
  logStartOffset: number;
  /** After the append: what the replica state learns without another round trip. */
  logEndOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  latestEpoch: number;
}
export interface ReadResult extends TaskResult {
  /** Whole batches from the one holding the fetch offset; empty at the log end, null on error. */
  records: Uint8Array | null;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
  /** READ_COMMITTED: the aborted transactions overlapping the records (Fetch's aborted_transactions). */
  abortedTransactions: { producerId: number; firstOffset: number }[] | null;
}
export interface ListOffsetsResult extends TaskResult {
  offset: number;
  timestamp: number;
  leaderEpoch: number;
}
export interface EpochEndOffsetResult extends TaskResult {
  /** The largest epoch at or below the one asked, or -1 (UNDEFINED_EPOCH). */
  leaderEpoch: number;
  /** Where that epoch ends, or -1. */
  endOffset: number;
}
export interface DeleteRecordsResult extends TaskResult {
  lowWatermark: number;
}
export interface RetentionResult extends TaskResult {
  deletedSegments: number;
}
export interface CleanerResult extends TaskResult {
  /** Partitions a pass ran on. */
  cleanedLogs: number;
  recordsRemoved: number;
  /** Compacted partitions that needed a pass and were left for the next round (time budget spent). */
  deferredLogs: number;
  /** One line per partition that failed (marked uncleanable, or reopened), for the broker's log. */
  problems: string[];
}

export interface ScrubResult extends TaskResult, ScrubSlice {}

export interface LogStatsResult extends TaskResult {
  flush: FlushTimesSnapshot;
  /** Open logs of the slot with their size in bytes; null unless asked for. */
  partitions: { topic: string; partition: number; sizeBytes: number; logEndOffset: number }[] | null;
}

export interface DescribeProducersResult extends TaskResult {
  producers: ActiveProducer[];
}

/** Settings every host needs; passed to workers as piscina workerData, so it must be structured-cloneable. */
export interface PartitionHostOptions {
  dataDir: string;
  /** Settings of every log this host opens (segment size, retention, flush policy...). */
  log?: Partial<LogConfig>;
  /** Logs open at once on this thread; one more is refused with POLICY_VIOLATION (default 10000). */
  maxOpenPartitions?: number;
  /** Owner table (Int32 per slot: threadId of the owner, 0 when vacant); null on the main thread. */
  owners: SharedArrayBuffer | null;
  enableTestTasks: boolean;
  /** When set, logs say what recovery did and report corrupt batches (on stderr) at this level. */
  logLevel?: LogLevel;
}

/** Turns anything thrown by the log into the error code a response should carry. */
export const DEFAULT_MAX_OPEN_PARTITIONS = 10_000;

export function errorCodeOf(err: unknown): number {
  if (err instanceof KafkaError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  // Node system errors (ENOSPC, EIO, EMFILE...) are storage failures, as Kafka reports IOExceptions.
  if (typeof code === 'string' && code.startsWith('E')) return ErrorCode.KAFKA_STORAGE_ERROR;
  if (typeof code === 'number' && Number.isInteger(code)) return code;
  return ErrorCode.UNKNOWN_SERVER_ERROR;
}

/** Result of a task that failed before or while touching the log, shaped for its kind. */
export function failedResult(kind: number, errorCode: number, tid: number): TaskResult {
  switch (kind) {
    case TaskKind.OPEN:
    case TaskKind.SET_HIGH_WATERMARK:
    case TaskKind.TRUNCATE:
    case TaskKind.TRUNCATE_FULLY:
      return {
        errorCode,
        threadId: tid,
        logStartOffset: -1,
        logEndOffset: -1,
        highWatermark: -1,
        lastStableOffset: -1,
        latestEpoch: -1,
      } as OpenResult;
    case TaskKind.APPEND:
    case TaskKind.APPEND_AS_FOLLOWER:
    case TaskKind.TXN_MARKER:
      return {
        errorCode,
        threadId: tid,
        baseOffset: -1,
        lastOffset: -1,
        logAppendTime: -1,
        logStartOffset: -1,
        logEndOffset: -1,
        highWatermark: -1,
        lastStableOffset: -1,
        latestEpoch: -1,
      } as AppendResult;
    case TaskKind.READ:
      return {
        errorCode,
        threadId: tid,
        records: null,
        highWatermark: -1,
        lastStableOffset: -1,
        logStartOffset: -1,
        logEndOffset: -1,
        abortedTransactions: null,
      } as ReadResult;
    case TaskKind.LIST_OFFSETS:
      return { errorCode, threadId: tid, offset: -1, timestamp: -1, leaderEpoch: -1 } as ListOffsetsResult;
    case TaskKind.DELETE_RECORDS:
      return { errorCode, threadId: tid, lowWatermark: -1 } as DeleteRecordsResult;
    case TaskKind.END_OFFSET_FOR_EPOCH:
      return { errorCode, threadId: tid, leaderEpoch: -1, endOffset: -1 } as EpochEndOffsetResult;
    case TaskKind.RETENTION:
      return { errorCode, threadId: tid, deletedSegments: 0 } as RetentionResult;
    case TaskKind.CLEAN:
      return {
        errorCode,
        threadId: tid,
        cleanedLogs: 0,
        recordsRemoved: 0,
        deferredLogs: 0,
        problems: [],
      } as CleanerResult;
    case TaskKind.PING:
      return { errorCode, threadId: tid, partitions: 0 } as PingResult;
    case TaskKind.LOG_STATS:
      return {
        errorCode,
        threadId: tid,
        flush: { counts: [], sumSeconds: 0, count: 0 },
        partitions: null,
      } as LogStatsResult;
    case TaskKind.DESCRIBE_PRODUCERS:
      return { errorCode, threadId: tid, producers: [] } as DescribeProducersResult;
    case TaskKind.SCRUB:
      return {
        errorCode,
        threadId: tid,
        bytesScanned: 0,
        batchesScanned: 0,
        corruptFound: 0,
        passesCompleted: 0,
        running: false,
        nextPassAtMs: 0,
        failures: [],
      } as ScrubResult;
    default:
      return { errorCode, threadId: tid };
  }
}

interface HostedPartition {
  log: PartitionLog;
  /** Thread that opened the log; checked on every use, so a log object is never used by another thread. */
  threadId: number;
  /** The topic's settings the log was opened with, canonical JSON (to notice a change). */
  configKey: string;
  /** Earliest delete horizon of a tombstone the last pass kept, -1 if none (needsCleaning's second trigger). */
  nextDeleteHorizonMs: number;
  /** A pass met a damaged segment: not cleaned again until the log is reopened (Kafka's uncleanable partitions). */
  uncleanable: boolean;
  /** When a pass last ran on it; the least recently cleaned go first. */
  lastCleanedMs: number;
}

/** Key order fixed, undefined dropped: equal settings give equal strings. */
function configKeyOf(config: Partial<LogConfig>): string {
  const keys = Object.keys(config).sort() as (keyof LogConfig)[];
  const parts: string[] = [];
  for (const k of keys) if (config[k] !== undefined) parts.push(`${k}=${String(config[k])}`);
  return parts.join(';');
}

/** Only a plain object of settings crosses into the host; anything else is refused. */
function topicConfigOf(config: unknown): Partial<LogConfig> {
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new KafkaError(ErrorCode.INVALID_CONFIG, 'log config must be an object');
  }
  return config as Partial<LogConfig>;
}

/**
 * Runs partition tasks against the logs this thread owns. Never throws: every failure becomes an error code
 * in the result. The synchronous part of a task (the append itself) runs before any await, so the tasks of
 * a partition take effect in arrival order even while a result waits for durability.
 */
export class PartitionHost {
  readonly threadId = threadId;
  readonly #dataDir: string;
  readonly #logConfig: Partial<LogConfig>;
  readonly #maxOpenPartitions: number;
  readonly #owners: Int32Array | null;
  readonly #enableTestTasks: boolean;
  readonly #logger: Logger | null;
  readonly #scrubber = new Scrubber();
  /** topic -> partition -> log, so a lookup builds no key string. */
  readonly #partitions = new Map<string, Map<number, HostedPartition>>();
  /** topic -> partition -> the topic's settings from its last open, kept while the log is closed too. */
  readonly #topicConfigs = new Map<string, Map<number, Partial<LogConfig>>>();
  #count = 0;

  constructor(options: PartitionHostOptions) {
    this.#dataDir = options.dataDir;
    this.#logConfig = options.log ?? {};
    this.#maxOpenPartitions = options.maxOpenPartitions ?? DEFAULT_MAX_OPEN_PARTITIONS;
    this.#owners = options.owners ? new Int32Array(options.owners) : null;
    this.#enableTestTasks = options.enableTestTasks;
    this.#logger = options.logLevel === undefined ? null : new Logger(options.logLevel, 'runnel:storage');
  }

  /** Partitions currently open on this thread. */
  get partitionCount(): number {
    return this.#count;
  }

  run(task: PartitionTask): TaskResult | Promise<TaskResult> {
    const tid = this.threadId;
    if (task === null || typeof task !== 'object') return failedResult(-1, ErrorCode.INVALID_REQUEST, tid);
    const kind = task.kind;
    // Cross-thread ownership check: only the slot's registered owner may touch its partitions.
    if (this.#owners !== null) {
      const slot = task.slot;
      if (!Number.isInteger(slot) || slot < 0 || slot >= this.#owners.length) {
        return failedResult(kind, ErrorCode.INVALID_REQUEST, tid);
      }
      if (Atomics.load(this.#owners, slot) !== tid) {
        return failedResult(kind, ErrorCode.NOT_LEADER_OR_FOLLOWER, tid);
      }
    }
    try {
      switch (kind) {
        case TaskKind.PING:
          return { errorCode: ErrorCode.NONE, threadId: tid, partitions: this.#count } as PingResult;
        case TaskKind.OPEN:
          return this.#open(task);
        case TaskKind.APPEND:
        case TaskKind.APPEND_AS_FOLLOWER:
          return this.#append(task);
        case TaskKind.TXN_MARKER:
          return this.#appendTxnMarker(task);
        case TaskKind.SET_HIGH_WATERMARK:
          return this.#setHighWatermark(task);
        case TaskKind.TRUNCATE:
          return this.#truncate(task);
        case TaskKind.TRUNCATE_FULLY:
          return this.#truncateFully(task);
        case TaskKind.END_OFFSET_FOR_EPOCH:
          return this.#endOffsetForEpoch(task);
        case TaskKind.READ:
          return this.#read(task);
        case TaskKind.LIST_OFFSETS:
          return this.#listOffsets(task);
        case TaskKind.DELETE_RECORDS:
          return this.#deleteRecords(task);
        case TaskKind.DELETE_PARTITION:
          return this.#deletePartition(task);
        case TaskKind.RETENTION:
          return this.#retention(task);
        case TaskKind.CLEAN:
          return this.#clean(task);
        case TaskKind.SCRUB:
          return this.#scrub(task);
        case TaskKind.LOG_STATS:
          return this.#logStats(task);
        case TaskKind.DESCRIBE_PRODUCERS:
          return {
            errorCode: ErrorCode.NONE,
            threadId: tid,
            producers: activeProducers(this.#lookup(task.topic, task.partition, false).log.producerState),
          } as DescribeProducersResult;
        case TaskKind.FLUSH:
          return this.#flush();
        case TaskKind.CLOSE_ALL:
          return this.#closeAll();
        case TaskKind.CRASH:
          if (!this.#enableTestTasks || this.#owners === null) {
            return failedResult(kind, ErrorCode.INVALID_REQUEST, tid);
          }
          process.exit(70);
          break;
      }
      return failedResult(kind, ErrorCode.INVALID_REQUEST, tid);
    } catch (err) {
      return failedResult(kind, errorCodeOf(err), tid);
    }
  }

  /**
   * The open log of a partition. Not open yet: with create, opens or makes it; without, opens it (recovering
   * it after a crash) only if its directory exists, else throws UNKNOWN_TOPIC_OR_PARTITION.
   */
  #lookup(topic: string, partition: number, create: boolean): HostedPartition {
    const found = this.#partitions.get(topic)?.get(partition);
    if (found !== undefined) {
      if (found.threadId !== threadId) throw new Error(`${topic}-${partition} used by a second thread`);
      return found;
    }
    const tp = { topic, partition };
    validateTopicPartition(tp);
    if (!create && !existsSync(join(this.#dataDir, partitionDirName(tp)))) {
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${topic}-${partition}`);
    }
    if (this.#count >= this.#maxOpenPartitions) {
      throw new KafkaError(
        ErrorCode.POLICY_VIOLATION,
        `more than ${this.#maxOpenPartitions} partitions on a thread`,
      );
    }
    const topicConfig = this.#topicConfigs.get(topic)?.get(partition) ?? {};
    const log = PartitionLog.open(
      this.#dataDir,
      tp,
      { ...this.#logConfig, ...topicConfig },
      Date.now(),
      this.#logger,
    );
    let byPartition = this.#partitions.get(topic);
    if (byPartition === undefined) {
      byPartition = new Map();
      this.#partitions.set(topic, byPartition);
    }
    const hosted: HostedPartition = {
      log,
      threadId,
      configKey: configKeyOf(topicConfig),
      // A compacted log gets one pass soon after it opens: that pass finds the delete horizons of the
      // tombstones it holds, which this thread does not remember across restarts.
      nextDeleteHorizonMs: isCompacted(log.config) ? 0 : -1,
      uncleanable: false,
      lastCleanedMs: 0,
    };
    byPartition.set(partition, hosted);
    this.#count++;
    return hosted;
  }

  /** Drops an open log from this host, closing it (or, if closing fails, letting go of its files). */
  #unhost(topic: string, partition: number, hosted: HostedPartition): void {
    const byPartition = this.#partitions.get(topic);
    if (byPartition?.get(partition) !== hosted) return;
    byPartition.delete(partition);
    if (byPartition.size === 0) this.#partitions.delete(topic);
    this.#count--;
    try {
      hosted.log.close();
    } catch {
      hosted.log.abandon(); // the next open recovers it
    }
  }

  #open(task: OpenTask): OpenResult {
    const { topic, partition } = task;
    if (task.config !== undefined) {
      const topicConfig = topicConfigOf(task.config);
      resolveLogConfig({ ...this.#logConfig, ...topicConfig }); // refuse bad settings before keeping them
      const existing = this.#partitions.get(topic)?.get(partition);
      if (existing !== undefined && existing.configKey !== configKeyOf(topicConfig)) {
        this.#unhost(topic, partition, existing); // reopened below with the new settings
      }
      let byPartition = this.#topicConfigs.get(topic);
      if (byPartition === undefined) {
        byPartition = new Map();
        this.#topicConfigs.set(topic, byPartition);
      }
      byPartition.set(partition, { ...topicConfig });
    }
    const log = this.#lookup(topic, partition, task.create === true).log;
    return {
      errorCode: ErrorCode.NONE,
      threadId: this.threadId,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark,
      lastStableOffset: log.lastStableOffset,
      latestEpoch: log.leaderEpochCache.latestEpoch,
    };
  }

  #appendTxnMarker(task: TxnMarkerTask): AppendResult | Promise<TaskResult> {
    const log = this.#lookup(task.topic, task.partition, false).log;
    if (log.lastFlushError !== null)
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, log.lastFlushError.message);
    const m = task.marker;
    const valid =
      m !== null &&
      typeof m === 'object' &&
      Number.isSafeInteger(m.producerId) &&
      m.producerId >= 0 &&
      Number.isInteger(m.producerEpoch) &&
      m.producerEpoch >= 0 &&
      m.producerEpoch <= 0x7fff &&
      Number.isInteger(m.coordinatorEpoch) &&
      typeof m.commit === 'boolean';
    if (!valid) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'bad transaction marker');
    const bound = Number.isSafeInteger(task.highWatermarkBound) ? task.highWatermarkBound : -1;
    const info = log.appendTxnMarker(
      m.producerId,
      m.producerEpoch,
      m.coordinatorEpoch,
      m.commit,
      task.leaderEpoch,
      Date.now(),
      bound,
    );
    return this.#appendResult(log, info);
  }

  #appendResult(log: PartitionLog, info: LogAppendInfo): AppendResult | Promise<TaskResult> {
    const result: AppendResult = {
      errorCode: ErrorCode.NONE,
      threadId: this.threadId,
      baseOffset: info.baseOffset,
      lastOffset: info.lastOffset,
      logAppendTime: info.logAppendTime,
      logStartOffset: info.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark,
      lastStableOffset: log.lastStableOffset,
      latestEpoch: log.leaderEpochCache.latestEpoch,
    };
    if (log.config.flush !== 'always' || info.lastOffset < 0) return result;
    return log.waitDurable(info.lastOffset).then(
      () => result,
      (err: unknown) => failedResult(TaskKind.APPEND, errorCodeOf(err), threadId),
    );
  }

  #append(task: AppendTask | FollowerAppendTask): AppendResult | Promise<TaskResult> {
    const log = this.#lookup(task.topic, task.partition, false).log;
    const batches = task.batches;
    if (!(batches instanceof Uint8Array) || batches.byteLength === 0) {
      throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'no batch bytes');
    }
    // A background fdatasync failed: the log can no longer promise durability (Kafka takes it offline).
    if (log.lastFlushError !== null)
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, log.lastFlushError.message);
    const info =
      task.kind === TaskKind.APPEND
        ? log.append(
            batches,
            task.leaderEpoch,
            Date.now(),
            isCompacted(log.config),
            Number.isSafeInteger(task.highWatermarkBound) ? task.highWatermarkBound : -1,
            'client',
            task.verifiedTxn !== false,
          )
        : log.appendAsFollower(batches);
    if (task.kind === TaskKind.APPEND_AS_FOLLOWER && task.highWatermark >= 0)
      log.updateHighWatermark(Math.max(task.highWatermark, log.highWatermark));
    // Only the acknowledgement waits for the disk; the append already happened, in order.
    return this.#appendResult(log, info);
  }

  #setHighWatermark(task: OffsetTask): OpenResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    if (!Number.isSafeInteger(task.offset)) throw new KafkaError(ErrorCode.INVALID_REQUEST, `${task.offset}`);
    log.updateHighWatermark(task.offset);
    return this.#offsetsOf(log);
  }

  #truncate(task: OffsetTask): OpenResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    log.truncateTo(task.offset);
    return this.#offsetsOf(log);
  }

  #truncateFully(task: OffsetTask): OpenResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    log.truncateFullyAndStartAt(task.offset);
    return this.#offsetsOf(log);
  }

  #endOffsetForEpoch(task: EpochTask): EpochEndOffsetResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    const { epoch, currentEpoch } = task;
    const latest = log.leaderEpochCache.latestEpoch;
    let e = log.endOffsetForEpoch(epoch);
    // Kafka records the current epoch at the log end when a leader takes over; here the history learns it
    // with the first batch, so until then the current epoch, and any between the last written and it, end
    // at the log end offset.
    if (currentEpoch >= 0 && epoch > latest && epoch <= currentEpoch) {
      e = { leaderEpoch: epoch === currentEpoch || latest < 0 ? epoch : latest, endOffset: log.logEndOffset };
    }
    return { errorCode: ErrorCode.NONE, threadId: this.threadId, ...e };
  }

  #offsetsOf(log: PartitionLog): OpenResult {
    return {
      errorCode: ErrorCode.NONE,
      threadId: this.threadId,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      highWatermark: log.highWatermark,
      lastStableOffset: log.lastStableOffset,
      latestEpoch: log.leaderEpochCache.latestEpoch,
    };
  }

  #read(task: ReadTask): ReadResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    const committed = task.maxOffset === READ_COMMITTED;
    const lastStableOffset = log.lastStableOffset;
    const maxOffset =
      task.maxOffset === READ_TO_HIGH_WATERMARK
        ? log.highWatermark
        : committed
          ? lastStableOffset
          : task.maxOffset;
    const r = log.read(
      task.offset,
      task.maxBytes,
      maxOffset >= 0 ? { maxOffset, abortedTransactions: committed } : undefined,
    );
    let aborted: ReadResult['abortedTransactions'] = null;
    if (r.abortedTransactions !== null) {
      aborted = r.abortedTransactions.map((a) => ({ producerId: a.producerId, firstOffset: a.firstOffset }));
    }
    return {
      errorCode: ErrorCode.NONE,
      threadId: this.threadId,
      records: r.records,
      highWatermark: r.highWatermark,
      lastStableOffset,
      logStartOffset: r.logStartOffset,
      logEndOffset: r.logEndOffset,
      abortedTransactions: aborted,
    };
  }

  #listOffsets(task: ListOffsetsTask): ListOffsetsResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    const ts = task.timestamp;
    const r: ListOffsetsResult = {
      errorCode: ErrorCode.NONE,
      threadId: this.threadId,
      offset: -1,
      timestamp: -1,
      leaderEpoch: -1,
    };
    if (ts === LATEST_TIMESTAMP) {
      // What a consumer may read up to: the high watermark, or for read_committed the last stable offset.
      r.offset = task.isolationLevel === 1 ? log.lastStableOffset : log.highWatermark;
    } else if (ts === EARLIEST_TIMESTAMP) {
      r.offset = log.logStartOffset;
    } else if (Number.isSafeInteger(ts) && ts >= 0) {
      const found = log.offsetForTimestamp(ts);
      if (found !== null) {
        r.offset = found.offset;
        r.timestamp = found.timestamp;
      }
    } else {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `timestamp ${ts}`);
    }
    if (r.offset >= 0) r.leaderEpoch = epochOf(log, r.offset);
    return r;
  }

  #deleteRecords(task: DeleteRecordsTask): DeleteRecordsResult {
    const log = this.#lookup(task.topic, task.partition, false).log;
    const lowWatermark = log.deleteRecordsBefore(task.offset);
    return { errorCode: ErrorCode.NONE, threadId: this.threadId, lowWatermark };
  }

  /** An open log is closed and deleted; one not open is deleted without opening (no recovery, no limit). */
  #deletePartition(task: DeletePartitionTask): TaskResult {
    const { topic, partition } = task;
    const tp = { topic, partition };
    validateTopicPartition(tp);
    this.#topicConfigs.get(topic)?.delete(partition);
    const hosted = this.#partitions.get(topic)?.get(partition);
    if (hosted === undefined) {
      if (!deletePartitionDir(this.#dataDir, tp)) {
        throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${topic}-${partition}`);
      }
    } else {
      if (hosted.threadId !== threadId) throw new Error(`${topic}-${partition} used by a second thread`);
      const byPartition = this.#partitions.get(topic)!;
      byPartition.delete(partition);
      if (byPartition.size === 0) this.#partitions.delete(topic);
      this.#count--;
      hosted.log.delete();
    }
    return { errorCode: ErrorCode.NONE, threadId: this.threadId };
  }

  #retention(task: RetentionTask): RetentionResult {
    let deleted = 0;
    let errorCode: number = ErrorCode.NONE;
    const now = Number.isSafeInteger(task.nowMs) ? task.nowMs : Date.now();
    for (const byPartition of this.#partitions.values()) {
      for (const p of byPartition.values()) {
        // One failing partition must not stop retention on the others.
        try {
          deleted += p.log.applyRetention(now);
        } catch (err) {
          errorCode = errorCodeOf(err);
        }
      }
    }
    return { errorCode, threadId: this.threadId, deletedSegments: deleted };
  }

  /**
   * One round of the log cleaner over this thread's compacted logs: those needsCleaning picks, least
   * recently cleaned first, until the time budget is spent (the rest wait for the next round). A damaged
   * segment makes a partition uncleanable until it is reopened; any other failure reopens the log, which
   * finishes or undoes an interrupted segment swap.
   */
  #clean(task: CleanTask): CleanerResult {
    const result = failedResult(TaskKind.CLEAN, ErrorCode.NONE, this.threadId) as CleanerResult;
    const now = Number.isSafeInteger(task.nowMs) && task.nowMs >= 0 ? task.nowMs : Date.now();
    const budgetMs = Number.isFinite(task.budgetMs) && task.budgetMs > 0 ? task.budgetMs : 1000;
    const due: [string, number, HostedPartition][] = [];
    const failed: [string, number, HostedPartition, unknown][] = [];
    for (const [topic, byPartition] of this.#partitions) {
      for (const [partition, p] of byPartition) {
        if (p.uncleanable || !isCompacted(p.log.config)) continue;
        try {
          if (needsCleaning(p.log, now, p.nextDeleteHorizonMs)) due.push([topic, partition, p]);
        } catch (err) {
          failed.push([topic, partition, p, err]);
        }
      }
    }
    due.sort((a, b) => a[2].lastCleanedMs - b[2].lastCleanedMs);
    const started = performance.now();
    for (const [topic, partition, p] of due) {
      if (performance.now() - started >= budgetMs) {
        result.deferredLogs++;
        continue;
      }
      try {
        const r = cleanLog(p.log, now);
        p.lastCleanedMs = now;
        if (!r.cleaned) continue;
        p.nextDeleteHorizonMs = r.nextDeleteHorizonMs;
        result.cleanedLogs++;
        result.recordsRemoved += r.recordsRemoved;
      } catch (err) {
        failed.push([topic, partition, p, err]);
      }
    }
    // Handled after the walks: reopening changes the maps they iterate.
    for (const [topic, partition, p, err] of failed) {
      const code = this.#cleanFailed(topic, partition, p, err, result.problems);
      if (result.errorCode === ErrorCode.NONE) result.errorCode = code;
    }
    return result;
  }

  #cleanFailed(
    topic: string,
    partition: number,
    p: HostedPartition,
    err: unknown,
    problems: string[],
  ): number {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof CorruptSegmentError || errorCodeOf(err) === ErrorCode.CORRUPT_MESSAGE) {
      p.uncleanable = true;
      problems.push(`${topic}-${partition}: ${message}; marked uncleanable until the partition is reopened`);
      return ErrorCode.CORRUPT_MESSAGE;
    }
    this.#unhost(topic, partition, p);
    try {
      this.#lookup(topic, partition, false);
      problems.push(`${topic}-${partition}: cleaning failed (${message}); log reopened`);
    } catch (reopenErr) {
      const why = reopenErr instanceof Error ? reopenErr.message : String(reopenErr);
      problems.push(`${topic}-${partition}: cleaning failed (${message}); reopening failed too (${why})`);
    }
    return ErrorCode.KAFKA_STORAGE_ERROR;
  }

  /** One scrub slice: partitions and logs are looked up afresh, so opens, closes and deletes in between are fine. */
  #scrub(task: ScrubTask): ScrubResult {
    const budget = Number.isSafeInteger(task.budgetBytes) && task.budgetBytes > 0 ? task.budgetBytes : 0;
    const interval = Number.isSafeInteger(task.intervalMs) && task.intervalMs > 0 ? task.intervalMs : 0;
    const now = Number.isSafeInteger(task.nowMs) ? task.nowMs : Date.now();
    const result = failedResult(TaskKind.SCRUB, ErrorCode.NONE, this.threadId) as ScrubResult;
    if (budget === 0 || interval === 0) return result;
    const slice = this.#scrubber.slice(
      () => this.#hostedPartitions(),
      (topic, partition) => this.#partitions.get(topic)?.get(partition)?.log,
      now,
      budget,
      interval,
    );
    return Object.assign(result, slice);
  }

  #hostedPartitions(): TopicPartition[] {
    const out: TopicPartition[] = [];
    for (const [topic, byPartition] of this.#partitions) {
      for (const partition of byPartition.keys()) out.push({ topic, partition });
    }
    return out;
  }

  #logStats(task: LogStatsTask): LogStatsResult {
    let partitions: LogStatsResult['partitions'] = null;
    if (task.partitions === true) {
      partitions = [];
      for (const [topic, byPartition] of this.#partitions) {
        for (const [partition, p] of byPartition) {
          partitions.push({ topic, partition, sizeBytes: p.log.size, logEndOffset: p.log.logEndOffset });
        }
      }
    }
    return { errorCode: ErrorCode.NONE, threadId: this.threadId, flush: flushTimes.snapshot(), partitions };
  }

  #flush(): TaskResult {
    let errorCode: number = ErrorCode.NONE;
    for (const byPartition of this.#partitions.values()) {
      for (const p of byPartition.values()) {
        try {
          if (p.log.lastFlushError !== null) throw p.log.lastFlushError;
          p.log.flush();
        } catch (err) {
          errorCode = errorCodeOf(err);
        }
      }
    }
    return { errorCode, threadId: this.threadId };
  }

  #closeAll(): TaskResult {
    let errorCode: number = ErrorCode.NONE;
    for (const byPartition of this.#partitions.values()) {
      for (const p of byPartition.values()) {
        try {
          p.log.close();
        } catch (err) {
          errorCode = errorCodeOf(err);
        }
      }
    }
    this.#partitions.clear();
    this.#count = 0;
    return { errorCode, threadId: this.threadId };
  }
}

/** Leader epoch of the batch holding `offset`, from the log's epoch history; -1 if unknown. */
function epochOf(log: PartitionLog, offset: number): number {
  let epoch = -1;
  for (const e of log.leaderEpochCache.entries()) {
    if (e.endOffset > offset) break; // entries() lists each epoch with its start offset
    epoch = e.leaderEpoch;
  }
  return epoch;
}

/** Result wrapper that hands piscina the records' ArrayBuffers to transfer instead of cloning. */
class MovedResult {
  readonly #value: unknown;
  readonly #buffers: ArrayBuffer[];
  constructor(value: unknown, buffers: ArrayBuffer[]) {
    this.#value = value;
    this.#buffers = buffers;
  }
  get [transferableSymbol](): ArrayBuffer[] {
    return this.#buffers;
  }
  get [valueSymbol](): unknown {
    return this.#value;
  }
}

/**
 * Readies a read result for the trip to the main thread and returns the buffer to transfer, or null.
 * Structured clone would copy the view's whole backing ArrayBuffer; PartitionLog.read returns a buffer the
 * log does not keep, so it moves as is. Only a view much smaller than its buffer is copied first, so the
 * main thread does not hold dead bytes.
 */
function transferableRecords(r: TaskResult): ArrayBuffer | null {
  const bytes = (r as ReadResult).records;
  if (bytes === null || bytes === undefined || bytes.byteLength === 0) return null;
  const ab = bytes.buffer;
  if (ab instanceof SharedArrayBuffer) return null; // shared, the clone does not copy it
  if (bytes.byteLength * 2 >= ab.byteLength) return ab as ArrayBuffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  (r as ReadResult).records = copy;
  return copy.buffer;
}

function ship(results: TaskResult[], kinds: PartitionTask[]): unknown {
  let buffers: ArrayBuffer[] | null = null;
  for (let i = 0; i < results.length; i++) {
    if (kinds[i]!.kind !== TaskKind.READ) continue;
    const ab = transferableRecords(results[i]!);
    if (ab !== null) (buffers ??= []).push(ab);
  }
  return buffers === null ? results : move(new MovedResult(results, buffers) as never);
}

let host: PartitionHost | null = null;

/** Piscina task handler: a group of one slot's tasks, run in order; answers one result per task. */
export default function handle(group: GroupTask): unknown {
  host ??= new PartitionHost(workerData as PartitionHostOptions);
  const tasks = group?.tasks;
  if (!Array.isArray(tasks)) return [failedResult(-1, ErrorCode.INVALID_REQUEST, threadId)];
  const results: (TaskResult | Promise<TaskResult>)[] = new Array(tasks.length);
  let waiting = false;
  for (let i = 0; i < tasks.length; i++) {
    const r = host.run(tasks[i]!);
    if (r instanceof Promise) waiting = true;
    results[i] = r;
  }
  if (!waiting) return ship(results as TaskResult[], tasks);
  return Promise.all(results).then((done) => ship(done, tasks));
}
