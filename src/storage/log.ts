// A partition's log (Kafka's UnifiedLog + LocalLog): an ordered list of segments under
// `<dataDir>/<topic>-<partition>/`, the last one active. Appends take producer batches as they came off
// the wire, validate all of them first, stamp base offset and leader epoch in place and write the bytes
// unchanged. All I/O is synchronous: a log lives in one worker thread whose job is this I/O. The only
// async work is fdatasync, so appends keep flowing while a group commit is on the disk.
//
// Errors: every method throws KafkaError with the code a response should carry; nothing is written by an
// append that throws. Other exceptions are I/O failures (the caller reports KAFKA_STORAGE_ERROR).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../protocol/list-offsets.js';
import { VALIDATE_INTEGRITY, VALIDATE_PRODUCE, validateBatch } from '../wasm/index.js';
import { CorruptIndexError } from './abstract-index.js';
import {
  ATTRIBUTES,
  BASE_SEQUENCE,
  BATCH_LENGTH,
  CONTROL,
  HEADER_SIZE,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  MIN_BATCH_LENGTH,
  NO_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  readInt16,
  readInt32,
  readInt64,
  TRANSACTIONAL,
  writeInt32,
  writeInt64,
} from './batch.js';
import { convertBatches, convertsBatches } from './batch-convert.js';
import { type AppendOrigin, refusalReason, validateAppendedBatch } from './batch-validator.js';
import {
  CORRUPT_BATCH_FILE,
  CORRUPT_BATCH_READ_ERROR,
  type CorruptBatch,
  CorruptBatchError,
  QUARANTINE_SUFFIX,
  quarantineTail,
  readCorruptBatchFile,
  takeReadCorruption,
  writeCorruptBatchFile,
} from './batch-verifier.js';
import {
  fsyncDir,
  parseOffset,
  readCheckpointFile,
  TMP_SUFFIX,
  writeCheckpointFile,
} from './checkpoint-file.js';
import { completeInterruptedSwaps } from './cleaner-swap.js';
import { hasDeleteRetention, type LogConfig, resolveLogConfig } from './config.js';
import { flushTimes } from './flush-stats.js';
import { type EpochEndOffset, LEADER_EPOCH_CHECKPOINT, LeaderEpochCache } from './leader-epoch-cache.js';
import {
  deletePartitionDir,
  partitionDirName,
  type TopicPartition,
  validateTopicPartition,
} from './partition-dir.js';
import { type CompletedTxn, lastSequence, ProducerStateManager } from './producer-state.js';
import {
  describeRecovery,
  newRecoveryStats,
  type RecoveryStats,
  recoverLog,
  recoverSegment,
} from './recovery.js';
import {
  CorruptSegmentError,
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  LogSegment,
  offsetFromFileName,
  type SegmentSettings,
  TIME_INDEX_FILE_SUFFIX,
} from './segment.js';
import type { TimestampOffset } from './time-index.js';
import {
  type AbortedTxn,
  collectAbortedTxns,
  TransactionIndex,
  TXN_INDEX_FILE_SUFFIX,
} from './transaction-index.js';
import { encodeTxnMarker, readTxnMarker } from './txn-marker.js';

export {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  partitionDirName,
  type TopicPartition,
  validateTopicPartition,
};

/** Written into the partition directory by close(); its presence at open means no scan is needed. */
export const CLEAN_SHUTDOWN_FILE = '.runnel_cleanshutdown';
export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
/**
 * The high watermark as last written (Kafka's replication-offset-checkpoint, per partition here): a reopened
 * log starts from it, never above its log end, so a replica that led before a crash does not expose records
 * its followers may lack. Written with the recovery point and at close; without one the high watermark
 * starts at the log end (logs from before replication).
 */
export const HIGH_WATERMARK_CHECKPOINT = 'replication-offset-checkpoint';
/** Idempotent producer state as of an offset; the log after that offset is replayed on open. */
export const PRODUCER_STATE_SNAPSHOT = 'producer-state-snapshot';
/** The snapshot before the latest: a truncation below the latest replays from it instead of the log start. */
export const PREVIOUS_PRODUCER_STATE_SNAPSHOT = 'producer-state-snapshot.previous';
const CHECKPOINT_VERSION = 0;
// Numbers kept per batch of an append: size, last offset, max timestamp, spare.
const INFO_STRIDE = 4;

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** -1: batches keep their CreateTime (LogAppendTime is not implemented). */
  logAppendTime: number;
  logStartOffset: number;
  maxTimestamp: number;
}

export interface ReadOptions {
  /** Exclusive upper bound: no batch starting at or past it is returned (the high watermark for consumers). */
  maxOffset?: number;
  /** Return the first batch whole even if it exceeds maxBytes (default true, as Kafka's first partition). */
  minOneBatch?: boolean;
  /** read_committed: also list the aborted transactions overlapping the batches returned. */
  abortedTransactions?: boolean;
}

export interface ReadResult {
  /** Whole batches as stored; owns its ArrayBuffer (byteOffset 0), so it can be transferred. */
  records: Buffer;
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Asked for (read_committed): the aborted transactions overlapping the records; else null. */
  abortedTransactions: AbortedTxn[] | null;
}

function readOffsetCheckpoint(file: string, tp: TopicPartition): number {
  const entries = readCheckpointFile(file, CHECKPOINT_VERSION, 3);
  const e = entries?.[0];
  if (entries?.length !== 1 || e === undefined || e[0] !== tp.topic || e[1] !== String(tp.partition))
    return -1;
  return parseOffset(e[2]);
}

const RESOLVED = Promise.resolve();

/** The offset after the last batch in `records` (whole batches). */
function endOfBatches(records: Uint8Array): number {
  let pos = 0;
  let end = 0;
  while (pos + LOG_OVERHEAD + 12 <= records.length) {
    end = readInt64(records, pos) + readInt32(records, pos + LAST_OFFSET_DELTA) + 1;
    pos += readInt32(records, pos + BATCH_LENGTH) + LOG_OVERHEAD;
  }
  return end;
}
const EMPTY = Buffer.alloc(0);

export class PartitionLog {
  /** The partition directory. */
  readonly dir: string;
  readonly topicPartition: TopicPartition;
  readonly config: LogConfig;
  readonly recoveryStats: RecoveryStats;
  readonly leaderEpochCache: LeaderEpochCache;
  readonly producerState = new ProducerStateManager();
  /** Each segment's aborted-transaction index (transaction-index.ts); deleted segments drop out. */
  readonly #txnIndexes = new WeakMap<LogSegment, TransactionIndex>();
  readonly #settings: SegmentSettings;
  #segments: LogSegment[] = [];
  #logStartOffset = 0;
  #logEndOffset = 0;
  #highWatermark = 0;
  /** Everything below is on disk with its indexes; unclean recovery starts from its segment. */
  #recoveryPoint = 0;
  /** Everything below has been fdatasynced (waitDurable's clock). */
  #durableOffset = 0;
  #closed = false;
  #batchInfo = new Float64Array(64 * INFO_STRIDE);
  // Group commit: waiters (offset, resolve, reject) served by one async fdatasync at a time.
  #waitOffsets: number[] = [];
  #waitResolves: (() => void)[] = [];
  #waitRejects: ((e: Error) => void)[] = [];
  #fsyncScheduled = false;
  #fsyncInFlight = false;
  #fsyncTarget = 0;
  // Rolled segments waiting for their background fdatasync, oldest first, one in flight.
  #rollFlushQueue: LogSegment[] = [];
  #rollFlushInFlight = false;
  /** When the fdatasync in flight (group commit or roll) started, for the flush time histogram. */
  #fsyncStartedAt = 0;
  #rollFlushStartedAt = 0;
  #flushTimer: NodeJS.Timeout | null = null;
  /** fdatasync calls made for waitDurable (group commit shares one among many appends). */
  groupCommitFsyncs = 0;
  /** Last background flush failure, if any (reported by the pool as KAFKA_STORAGE_ERROR). */
  lastFlushError: Error | null = null;
  /** First damaged batch found by a read or the scrub; reads at and past its offset and appends are refused. */
  #corruption: CorruptBatch | null = null;
  readonly #logger: Logger | null;
  /** Set once the constructor is done: later index rebuilds are logged on their own. */
  #opened = false;

  /**
   * Opens (or creates) the log of `topicPartition` under the data directory `dataDir`. Recovers it first
   * unless it was closed cleanly (and not marked corrupt). Throws KafkaError(INVALID_CONFIG /
   * INVALID_TOPIC_EXCEPTION). `logger` hears what recovery did and about corrupt batches.
   */
  static open(
    dataDir: string,
    topicPartition: TopicPartition,
    config: Partial<LogConfig> = {},
    now = Date.now(),
    logger: Logger | null = null,
  ): PartitionLog {
    validateTopicPartition(topicPartition);
    const resolved = resolveLogConfig(config);
    const dir = path.join(dataDir, partitionDirName(topicPartition));
    fs.mkdirSync(dir, { recursive: true });
    return new PartitionLog(
      dir,
      { topic: topicPartition.topic, partition: topicPartition.partition },
      resolved,
      now,
      logger,
    );
  }

  private constructor(
    dir: string,
    tp: TopicPartition,
    config: LogConfig,
    now: number,
    logger: Logger | null,
  ) {
    this.dir = dir;
    this.topicPartition = tp;
    this.config = config;
    this.#logger = logger;
    this.#settings = {
      indexIntervalBytes: config.indexIntervalBytes,
      segmentIndexBytes: config.segmentIndexBytes,
    };
    // A cleaner swap cut short by a crash is finished or undone before anything else reads the files.
    const names = completeInterruptedSwaps(dir, fs.readdirSync(dir));
    // A corrupt-batch mark overrides a clean shutdown: recovery must rescan from the damaged segment.
    const markedBase = names.includes(CORRUPT_BATCH_FILE) ? readCorruptBatchFile(dir) : -1;
    const cleanFile = names.includes(CLEAN_SHUTDOWN_FILE);
    const clean = cleanFile && markedBase < 0;
    this.recoveryStats = newRecoveryStats(clean);
    this.recoveryStats.markedCorrupt = markedBase >= 0;
    this.leaderEpochCache = new LeaderEpochCache(
      path.join(dir, LEADER_EPOCH_CHECKPOINT),
      config.maxLeaderEpochEntries,
    );
    const bases = this.#removeStrayFiles(names);
    const startCheckpoint = readOffsetCheckpoint(path.join(dir, LOG_START_OFFSET_CHECKPOINT), tp);
    const last = bases.length - 1;
    this.#segments = bases.map((b, i) => LogSegment.open(dir, b, this.#settings, i === last, now));
    this.recoveryStats.segmentsOpened = this.#segments.length;
    this.#rebuildMissingIndexes(names);
    if (this.#segments.length === 0) {
      this.#segments.push(LogSegment.create(dir, Math.max(startCheckpoint, 0), this.#settings, now, false));
    } else if (clean) {
      this.#loadCleanTail();
    } else {
      const checkpoint = readOffsetCheckpoint(path.join(dir, RECOVERY_POINT_CHECKPOINT), tp);
      this.#recover(
        markedBase >= 0 ? Math.min(Math.max(checkpoint, 0), markedBase) : checkpoint,
        now,
        markedBase >= 0,
      );
    }
    if (cleanFile || markedBase >= 0) {
      fs.rmSync(path.join(dir, CLEAN_SHUTDOWN_FILE), { force: true });
      fs.rmSync(path.join(dir, CORRUPT_BATCH_FILE), { force: true });
      fsyncDir(dir);
    }
    this.#logEndOffset = this.active.nextOffset();
    this.#logStartOffset = Math.max(startCheckpoint, this.#segments[0]!.baseOffset);
    // Offsets below an acknowledged DeleteRecords must never be handed out again.
    // The checkpoint already holds that start, so nothing needs writing (a full disk must not stop the open).
    if (this.#logStartOffset > this.#logEndOffset)
      this.#truncateFullyAndStartAt(this.#logStartOffset, now, false);
    this.leaderEpochCache.truncateFromEnd(this.#logEndOffset);
    this.leaderEpochCache.truncateFromStart(this.#logStartOffset);
    const hw = readOffsetCheckpoint(path.join(dir, HIGH_WATERMARK_CHECKPOINT), tp);
    this.#highWatermark =
      hw < 0 ? this.#logEndOffset : Math.min(Math.max(hw, this.#logStartOffset), this.#logEndOffset);
    this.#recoveryPoint = this.#logEndOffset;
    this.#durableOffset = this.#logEndOffset;
    // Only saves the next recovery a scan; a full disk must not keep the log from opening for reads.
    if (!clean) this.#tryWriteRecoveryCheckpoint();
    this.#loadProducerState(this.#openTxnIndexes());
    if (logger !== null) {
      const { level, text } = describeRecovery(partitionDirName(tp), this.recoveryStats);
      logger[level](text);
    }
    this.#opened = true;
    const flush = config.flush;
    if (typeof flush === 'number') {
      this.#flushTimer = setInterval(() => this.#periodicFlush(), flush);
      this.#flushTimer.unref();
    }
  }

  /** Base offsets of the segments, sorted; deletes temp files and indexes whose log is gone. */
  #removeStrayFiles(names: string[]): number[] {
    const bases: number[] = [];
    const logs = new Set<number>();
    for (const name of names) {
      const base = offsetFromFileName(name, LOG_FILE_SUFFIX);
      if (base >= 0) {
        bases.push(base);
        logs.add(base);
      }
    }
    for (const name of names) {
      const orphanIndex =
        (name.endsWith(INDEX_FILE_SUFFIX) && !logs.has(offsetFromFileName(name, INDEX_FILE_SUFFIX))) ||
        (name.endsWith(TXN_INDEX_FILE_SUFFIX) &&
          !logs.has(offsetFromFileName(name, TXN_INDEX_FILE_SUFFIX))) ||
        (name.endsWith(TIME_INDEX_FILE_SUFFIX) &&
          !logs.has(offsetFromFileName(name, TIME_INDEX_FILE_SUFFIX)));
      if (orphanIndex || name.endsWith(TMP_SUFFIX)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    return bases.sort((a, b) => a - b);
  }

  /** A closed segment whose index files are gone (e.g. just swapped in by the cleaner) gets them rebuilt. */
  #rebuildMissingIndexes(names: string[]): void {
    const present = new Set(names);
    for (let i = 0; i + 1 < this.#segments.length; i++) {
      const seg = this.#segments[i]!;
      const index = path.basename(seg.offsetIndex.path);
      const timeIndex = path.basename(seg.timeIndex.path);
      if (!present.has(index) || !present.has(timeIndex)) this.#rebuildIndexes(seg);
    }
  }

  /** Clean open: trust the files; only walk the active segment's tail (from its last index entry). */
  #loadCleanTail(): void {
    const active = this.active;
    try {
      active.nextOffset();
      // A missing time index, or a damaged last entry, shows here.
      void active.maxTimestamp;
    } catch (e) {
      if (!(e instanceof CorruptSegmentError || e instanceof CorruptIndexError)) throw e;
      recoverSegment(active, this.leaderEpochCache, this.recoveryStats);
    }
  }

  /** Unclean open. With `quarantine` (the partition was marked corrupt) the bytes cut are kept aside. */
  #recover(recoveryPointCheckpoint: number, now: number, quarantine: boolean): void {
    const stats = this.recoveryStats;
    const keep = recoverLog(
      this.#segments,
      Math.max(recoveryPointCheckpoint, 0),
      this.leaderEpochCache,
      stats,
      quarantine ? (seg, pos) => stats.quarantined.push(quarantineTail(seg.logPath, pos, now)) : undefined,
    );
    const doomed = this.#segments.splice(keep);
    for (const seg of doomed) {
      if (quarantine) {
        const target = `${seg.logPath}.${now}${QUARANTINE_SUFFIX}`;
        fs.renameSync(seg.logPath, target);
        stats.quarantined.push(path.basename(target));
      }
      seg.deleteFiles();
    }
    stats.segmentsDeleted += doomed.length;
    if (this.#segments.length === 0) {
      this.#segments.push(
        LogSegment.create(this.dir, doomed[0]?.baseOffset ?? 0, this.#settings, now, false),
      );
    }
    const active = this.active;
    // Rebuilt indexes are writable; every segment but the last goes back to trimmed and read-only.
    for (const seg of this.#segments) {
      if (seg !== active) seg.onBecomeInactive();
    }
    active.makeActive();
    // What recovery kept is verified; make it durable so the recovery point can move past it.
    const from = Math.max(this.#segmentIndexFor(Math.max(recoveryPointCheckpoint, 0)), 0);
    for (let i = from; i < this.#segments.length; i++) this.#segments[i]!.flush();
  }

  get active(): LogSegment {
    return this.#segments[this.#segments.length - 1]!;
  }

  get logStartOffset(): number {
    return this.#logStartOffset;
  }

  get logEndOffset(): number {
    return this.#logEndOffset;
  }

  get highWatermark(): number {
    return this.#highWatermark;
  }

  /**
   * What read_committed consumers may read up to: the high watermark, or below it the first offset of the
   * oldest transaction not yet ended by a marker the high watermark passed.
   */
  get lastStableOffset(): number {
    const hw = this.#highWatermark;
    const first = this.producerState.firstUnstableOffset(hw);
    return first < 0 || first >= hw ? hw : Math.max(first, this.#logStartOffset);
  }

  get numberOfSegments(): number {
    return this.#segments.length;
  }

  segmentBaseOffsets(): number[] {
    return this.#segments.map((s) => s.baseOffset);
  }

  /** The segments, oldest first, the last one active. For the cleaner, which reads but never writes them. */
  segmentList(): readonly LogSegment[] {
    return this.#segments;
  }

  /**
   * Offsets below this lie in closed segments the cleaner may rewrite: below the active segment and the
   * high watermark, and before a segment whose background fdatasync is in flight (its fd must stay open).
   */
  get cleanableEndOffset(): number {
    // Never past the last stable offset: an open transaction's records must not be compacted yet.
    let end = Math.min(this.active.baseOffset, this.lastStableOffset);
    const flushing = this.#rollFlushQueue[0];
    if (this.#rollFlushInFlight && flushing !== undefined) end = Math.min(end, flushing.baseOffset);
    return end;
  }

  /**
   * The cleaner's swap, in memory: `replacement` takes the place of the consecutive closed segments `old`,
   * whose files the caller has already replaced on disk. Offsets do not move, so neither do the log start
   * and end offsets, the checkpoints or the leader epochs.
   */
  replaceSegments(
    old: readonly LogSegment[],
    replacement: LogSegment,
    abortedTxns: readonly AbortedTxn[] | null = null,
  ): void {
    this.#ensureOpen();
    const first = old[0];
    const i = first === undefined ? -1 : this.#segments.indexOf(first);
    const valid =
      i >= 0 &&
      i + old.length < this.#segments.length &&
      old.every((seg, k) => this.#segments[i + k] === seg) &&
      replacement.baseOffset === first!.baseOffset;
    if (!valid) throw new Error('replaceSegments: not a run of closed segments of this log');
    // The replacement's aborted transactions: as the cleaner says, else those of the old segments.
    let aborted = abortedTxns;
    if (aborted === null) {
      const merged: AbortedTxn[] = [];
      for (const seg of old) merged.push(...(this.#txnIndexes.get(seg)?.entries ?? []));
      aborted = merged;
    }
    const index = TransactionIndex.create(this.#txnIndexPath(replacement));
    index.replaceAll(aborted);
    this.#txnIndexes.set(replacement, index);
    this.#segments.splice(i, old.length, replacement);
  }

  /** Bytes in all segments. */
  get size(): number {
    let n = 0;
    for (const s of this.#segments) n += s.size;
    return n;
  }

  /** Moves the high watermark, kept within [logStartOffset, logEndOffset]. */
  updateHighWatermark(offset: number): number {
    this.#highWatermark = Math.min(Math.max(offset, this.#logStartOffset), this.#logEndOffset);
    return this.#highWatermark;
  }

  #ensureOpen(): void {
    if (this.#closed) throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `log ${this.dir} is closed`);
  }

  /**
   * Appends the batches in `batches` (one or more magic-2 batches back to back). Each is checked first
   * (size, CRC, records, compressed records, and for origin 'client' Kafka's client rules: see
   * batch-validator.ts; a coordinator's transaction markers come with origin 'coordinator'); if any fails,
   * KafkaError is thrown and nothing is written. Then base offsets
   * and `leaderEpoch` are written into the caller's buffer in place (outside the CRC) and the bytes are
   * appended unchanged. With requireKeys (a compacted topic), a record without a key fails the request with
   * INVALID_RECORD, as in Kafka. The high watermark then moves up to highWatermarkBound (never past the new
   * log end offset, never back), which the partition's replica state decides: the new log end offset when
   * this replica is the whole ISR. A log used on its own (tests, tools) is its only replica: the default.
   */
  append(
    batches: Uint8Array,
    leaderEpoch: number,
    now = Date.now(),
    requireKeys = false,
    highWatermarkBound = Number.MAX_SAFE_INTEGER,
    origin: AppendOrigin = 'client',
    verifiedTxn = true,
  ): AppendResult {
    this.#ensureOpen();
    // Whatever is appended now sits behind the damaged batch, where the next start's recovery cuts.
    if (this.#corruption !== null) throw this.#corruptionError(ErrorCode.KAFKA_STORAGE_ERROR);
    if (!Number.isInteger(leaderEpoch) || leaderEpoch < -1 || leaderEpoch > 0x7fffffff) {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `bad leader epoch ${leaderEpoch}`);
    }
    if (leaderEpoch < this.leaderEpochCache.latestEpoch) {
      throw new KafkaError(
        ErrorCode.FENCED_LEADER_EPOCH,
        `epoch ${leaderEpoch} < ${this.leaderEpochCache.latestEpoch}`,
      );
    }
    let len = batches.length;
    const maxMessageBytes = this.config.maxMessageBytes;
    let info = this.#batchInfo;
    let count = 0;
    let pos = 0;
    let next = this.#logEndOffset;
    let maxTimestamp = NO_TIMESTAMP;
    let producerId = -1;
    while (pos < len) {
      if (len - pos < HEADER_SIZE) throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `partial batch at ${pos}`);
      const batchLength = readInt32(batches, pos + BATCH_LENGTH);
      if (batchLength < MIN_BATCH_LENGTH)
        throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `batch length ${batchLength}`);
      const size = batchLength + LOG_OVERHEAD;
      if (size > maxMessageBytes) {
        throw new KafkaError(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${size} bytes > ${maxMessageBytes}`);
      }
      if (size > len - pos) throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `partial batch at ${pos}`);
      const err = validateBatch(batches, pos, pos + size, VALIDATE_PRODUCE);
      if (err !== 0) throw new KafkaError(err, `batch at ${pos}`);
      const maxInflated = this.config.maxDecompressedBytes;
      const refused = validateAppendedBatch(batches, pos, pos + size, origin, maxInflated, requireKeys);
      if (refused !== 0) throw new KafkaError(refused, `batch at ${pos}: ${refusalReason}`);
      // A producer id with a sequence marks an idempotent batch; without one there is nothing to dedupe.
      const pid = readInt32(batches, pos + BASE_SEQUENCE) >= 0 ? readInt64(batches, pos + PRODUCER_ID) : -1;
      if (pid >= 0) {
        // Kafka's rule: an idempotent producer sends one batch per partition per request.
        if (count > 0 || pos + size < len) {
          throw new KafkaError(ErrorCode.INVALID_RECORD, 'idempotent batches must come one per request');
        }
        producerId = pid;
      }
      if ((count + 1) * INFO_STRIDE > info.length) {
        const grown = new Float64Array(info.length * 2);
        grown.set(info);
        info = this.#batchInfo = grown;
      }
      const last = next + readInt32(batches, pos + LAST_OFFSET_DELTA);
      const ts = readInt64(batches, pos + MAX_TIMESTAMP);
      const k = count * INFO_STRIDE;
      info[k] = size;
      info[k + 1] = last;
      info[k + 2] = ts;
      if (ts > maxTimestamp) maxTimestamp = ts;
      next = last + 1;
      pos += size;
      count++;
    }
    const baseOffset = this.#logEndOffset;
    if (count === 0) {
      return {
        baseOffset: -1,
        lastOffset: -1,
        logAppendTime: -1,
        logStartOffset: this.#logStartOffset,
        maxTimestamp,
      };
    }
    if (len > this.config.segmentBytes) {
      throw new KafkaError(
        ErrorCode.RECORD_LIST_TOO_LARGE,
        `${len} bytes > segment.bytes ${this.config.segmentBytes}`,
      );
    }
    if (!Number.isSafeInteger(next)) throw new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, 'offsets exhausted');
    let idempotent: { epoch: number; firstSeq: number; lastSeq: number; beginsTxn: boolean } | null = null;
    if (producerId >= 0) {
      const epoch = readInt16(batches, PRODUCER_EPOCH);
      const firstSeq = readInt32(batches, BASE_SEQUENCE);
      const lastSeq = lastSequence(firstSeq, readInt32(batches, LAST_OFFSET_DELTA));
      const duplicate = this.producerState.check(producerId, epoch, firstSeq, lastSeq);
      if (duplicate !== null) {
        // A retry of a batch already in the log: answer with its offsets and write nothing.
        return {
          baseOffset: duplicate.firstOffset,
          lastOffset: duplicate.lastOffset,
          logAppendTime: -1,
          logStartOffset: this.#logStartOffset,
          maxTimestamp: duplicate.maxTimestamp,
        };
      }
      const attributes = readInt16(batches, ATTRIBUTES);
      const transactional = (attributes & (TRANSACTIONAL | CONTROL)) === TRANSACTIONAL;
      const beginsTxn = this.producerState.checkTxnBatch(producerId, transactional, verifiedTxn);
      idempotent = { epoch, firstSeq, lastSeq, beginsTxn };
    }
    // The topic's compression.type and message.timestamp.type, on what clients write (batch-convert.ts).
    let logAppendTime = -1;
    if (origin === 'client' && convertsBatches(this.config)) {
      batches = convertBatches(batches, info, INFO_STRIDE, count, now, this.config);
      len = batches.length;
      if (len > this.config.segmentBytes) {
        throw new KafkaError(
          ErrorCode.RECORD_LIST_TOO_LARGE,
          `${len} bytes once recompressed > segment.bytes ${this.config.segmentBytes}`,
        );
      }
      if (this.config.messageTimestampType === 'LogAppendTime') {
        logAppendTime = now;
        maxTimestamp = now;
        for (let i = 0; i < count; i++) info[i * INFO_STRIDE + 2] = now;
      }
    }
    // Every batch passed: now stamp offsets and the epoch, fields the CRC does not cover.
    pos = 0;
    let offset = baseOffset;
    for (let i = 0; i < count; i++) {
      writeInt64(batches, pos, offset);
      writeInt32(batches, pos + PARTITION_LEADER_EPOCH, leaderEpoch);
      offset = info[i * INFO_STRIDE + 1]! + 1;
      pos += info[i * INFO_STRIDE]!;
    }
    const lastOffset = next - 1;
    const c = this.config;
    if (this.active.shouldRoll(len, maxTimestamp, lastOffset, now, c.segmentBytes, c.segmentMs))
      this.roll(now);
    // Before the data, as Kafka: if the checkpoint cannot be written (a full disk) nothing is appended.
    if (leaderEpoch > this.leaderEpochCache.latestEpoch)
      this.leaderEpochCache.assign(leaderEpoch, baseOffset);
    this.active.append(batches, 0, len, info, count);
    if (next <= this.#logEndOffset) throw new Error('log end offset must grow');
    this.#logEndOffset = next;
    if (highWatermarkBound > this.#highWatermark) this.#highWatermark = Math.min(highWatermarkBound, next);
    if (idempotent !== null) {
      this.producerState.update(producerId, idempotent.epoch, {
        firstSeq: idempotent.firstSeq,
        lastSeq: idempotent.lastSeq,
        firstOffset: baseOffset,
        lastOffset,
        maxTimestamp,
      });
      if (idempotent.beginsTxn) this.producerState.beginTxn(producerId, baseOffset);
    }
    return { baseOffset, lastOffset, logAppendTime, logStartOffset: this.#logStartOffset, maxTimestamp };
  }

  /**
   * WriteTxnMarkers on the leader: appends the control batch ending `producerId`'s transaction (commit or
   * abort) at `leaderEpoch`. Refused with INVALID_PRODUCER_EPOCH for an epoch older than the producer's,
   * TRANSACTION_COORDINATOR_FENCED for a coordinator epoch older than its last marker's. An abort is
   * recorded in the aborted-transaction index. Returns the append (lastOffset: the marker's offset).
   */
  appendTxnMarker(
    producerId: number,
    producerEpoch: number,
    coordinatorEpoch: number,
    commit: boolean,
    leaderEpoch: number,
    now = Date.now(),
    highWatermarkBound = Number.MAX_SAFE_INTEGER,
  ): AppendResult {
    this.#ensureOpen();
    this.producerState.checkMarker(producerId, producerEpoch, coordinatorEpoch);
    const batch = encodeTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit, now);
    const r = this.append(batch, leaderEpoch, now, false, highWatermarkBound, 'coordinator');
    this.#onMarker(producerId, producerEpoch, coordinatorEpoch, r.lastOffset, commit, now);
    return r;
  }

  /** Producer state (and the aborted-transaction index) after a marker at `offset`. */
  #onMarker(
    producerId: number,
    producerEpoch: number,
    coordinatorEpoch: number,
    offset: number,
    commit: boolean,
    timestamp: number,
  ): void {
    const done = this.producerState.completeTxn(
      producerId,
      producerEpoch,
      coordinatorEpoch,
      offset,
      commit,
      timestamp,
    );
    if (done !== null && !done.commit) this.#indexAbortedTxn(done);
  }

  #indexAbortedTxn(done: CompletedTxn): void {
    const seg = this.#segments[Math.max(this.#segmentIndexFor(done.lastOffset), 0)]!;
    const entry: AbortedTxn = {
      producerId: done.producerId,
      firstOffset: done.firstOffset,
      lastOffset: done.lastOffset,
      lastStableOffset: this.producerState.lastStableOffsetAfter(done),
    };
    this.#txnIndexOf(seg).append(entry, this.config.flush === 'always');
  }

  #txnIndexPath(seg: LogSegment): string {
    return `${seg.logPath.slice(0, -LOG_FILE_SUFFIX.length)}${TXN_INDEX_FILE_SUFFIX}`;
  }

  #txnIndexOf(seg: LogSegment): TransactionIndex {
    let index = this.#txnIndexes.get(seg);
    if (index === undefined) {
      index =
        TransactionIndex.load(this.#txnIndexPath(seg)) ?? TransactionIndex.create(this.#txnIndexPath(seg));
      this.#txnIndexes.set(seg, index);
    }
    return index;
  }

  /**
   * At open: each segment's aborted-transaction index, entries past the log end dropped (their markers
   * were lost with an unclean shutdown). Returns whether one was missing: then the producer state is
   * replayed from the log start, which rebuilds the missing entries.
   */
  #openTxnIndexes(): boolean {
    let missing = false;
    for (const seg of this.#segments) {
      const p = this.#txnIndexPath(seg);
      let index = TransactionIndex.load(p);
      if (index === null) {
        missing = true;
        index = TransactionIndex.create(p);
      }
      index.truncateTo(this.#logEndOffset);
      this.#txnIndexes.set(seg, index);
    }
    return missing;
  }

  /** The aborted transactions overlapping [from, to), for a read_committed fetch. */
  abortedTxns(from: number, to: number): AbortedTxn[] {
    if (to <= from) return [];
    const i = Math.max(this.#segmentIndexFor(from), 0);
    const indexes: TransactionIndex[] = [];
    for (let k = i; k < this.#segments.length; k++) indexes.push(this.#txnIndexOf(this.#segments[k]!));
    return collectAbortedTxns(indexes, from, to);
  }

  /**
   * A follower's append: whole batches as the leader stored them, their offsets and partition leader epochs
   * kept. Each batch is checked (length, magic, CRC) and must start past the log end offset's predecessor
   * and past the batch before it: gaps are legal (a compacted leader has them), overlap is divergence and
   * the caller must truncate first (OFFSET_OUT_OF_RANGE). An epoch below the latest one known is
   * FENCED_LEADER_EPOCH. The leader-epoch cache learns each new epoch at its batch's base offset, and the
   * producer state follows idempotent batches so this replica can deduplicate once it leads. The high
   * watermark does not move: the leader reports it (updateHighWatermark). Nothing is written on error.
   */
  appendAsFollower(batches: Uint8Array, now = Date.now()): AppendResult {
    this.#ensureOpen();
    const len = batches.length;
    const maxMessageBytes = this.config.maxMessageBytes;
    let info = this.#batchInfo;
    let count = 0;
    let pos = 0;
    let prevLast = this.#logEndOffset - 1;
    let epoch = this.leaderEpochCache.latestEpoch;
    let maxTimestamp = NO_TIMESTAMP;
    while (pos < len) {
      if (len - pos < HEADER_SIZE) throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `partial batch at ${pos}`);
      const batchLength = readInt32(batches, pos + BATCH_LENGTH);
      if (batchLength < MIN_BATCH_LENGTH)
        throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `batch length ${batchLength}`);
      const size = batchLength + LOG_OVERHEAD;
      if (size > maxMessageBytes) {
        throw new KafkaError(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${size} bytes > ${maxMessageBytes}`);
      }
      if (size > len - pos) throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `partial batch at ${pos}`);
      // Integrity only: a compacted batch's record count no longer matches its offset delta.
      const err = validateBatch(batches, pos, pos + size, VALIDATE_INTEGRITY);
      if (err !== 0) throw new KafkaError(err, `batch at ${pos}`);
      const base = readInt64(batches, pos);
      const last = base + readInt32(batches, pos + LAST_OFFSET_DELTA);
      if (base <= prevLast || last < base || !Number.isSafeInteger(last)) {
        throw new KafkaError(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          `batch ${base}-${last} does not follow offset ${prevLast} (log end ${this.#logEndOffset})`,
        );
      }
      const batchEpoch = readInt32(batches, pos + PARTITION_LEADER_EPOCH);
      if (batchEpoch < epoch) {
        throw new KafkaError(
          ErrorCode.FENCED_LEADER_EPOCH,
          `batch ${base} has epoch ${batchEpoch} < ${epoch}`,
        );
      }
      epoch = batchEpoch;
      if ((count + 1) * INFO_STRIDE > info.length) {
        const grown = new Float64Array(info.length * 2);
        grown.set(info);
        info = this.#batchInfo = grown;
      }
      const ts = readInt64(batches, pos + MAX_TIMESTAMP);
      const k = count * INFO_STRIDE;
      info[k] = size;
      info[k + 1] = last;
      info[k + 2] = ts;
      if (ts > maxTimestamp) maxTimestamp = ts;
      prevLast = last;
      pos += size;
      count++;
    }
    if (count === 0) {
      return {
        baseOffset: -1,
        lastOffset: -1,
        logAppendTime: -1,
        logStartOffset: this.#logStartOffset,
        maxTimestamp,
      };
    }
    if (len > this.config.segmentBytes) {
      throw new KafkaError(
        ErrorCode.RECORD_LIST_TOO_LARGE,
        `${len} bytes > segment.bytes ${this.config.segmentBytes}`,
      );
    }
    const baseOffset = readInt64(batches, 0);
    const c = this.config;
    if (this.active.shouldRoll(len, maxTimestamp, prevLast, now, c.segmentBytes, c.segmentMs)) this.roll(now);
    // Epochs before the data, as for a leader's append: a checkpoint that cannot be written (a full disk)
    // fails the append with nothing written; a log write that fails takes back the epochs it added.
    pos = 0;
    for (let i = 0; i < count; i++) {
      const batchEpoch = readInt32(batches, pos + PARTITION_LEADER_EPOCH);
      if (batchEpoch > this.leaderEpochCache.latestEpoch)
        this.leaderEpochCache.assign(batchEpoch, readInt64(batches, pos));
      pos += info[i * INFO_STRIDE]!;
    }
    try {
      this.active.append(batches, 0, len, info, count);
    } catch (e) {
      this.leaderEpochCache.truncateFromEnd(this.#logEndOffset);
      throw e;
    }
    this.#logEndOffset = prevLast + 1;
    pos = 0;
    for (let i = 0; i < count; i++) {
      const base = readInt64(batches, pos);
      this.#followProducerState(batches, pos, base, info[i * INFO_STRIDE + 1]!, info[i * INFO_STRIDE + 2]!);
      pos += info[i * INFO_STRIDE]!;
    }
    return {
      baseOffset,
      lastOffset: prevLast,
      logAppendTime: -1,
      logStartOffset: this.#logStartOffset,
      maxTimestamp,
    };
  }

  /**
   * Producer state after a batch the leader accepted (a follower's append, the replay at open): idempotent
   * batches, the transactions they begin, and the markers that end them (aborts go to the index).
   */
  #followProducerState(
    batches: Uint8Array,
    pos: number,
    base: number,
    last: number,
    maxTimestamp: number,
  ): void {
    const pid = readInt64(batches, pos + PRODUCER_ID);
    if (pid < 0) return;
    const attributes = readInt16(batches, pos + ATTRIBUTES);
    const epoch = readInt16(batches, pos + PRODUCER_EPOCH);
    if ((attributes & CONTROL) !== 0) {
      const size = readInt32(batches, pos + BATCH_LENGTH) + LOG_OVERHEAD;
      const marker = readTxnMarker(batches, pos, pos + size);
      if (marker !== null)
        this.#onMarker(pid, epoch, marker.coordinatorEpoch, base, marker.commit, maxTimestamp);
      return;
    }
    const firstSeq = readInt32(batches, pos + BASE_SEQUENCE);
    if (firstSeq < 0) return;
    this.producerState.update(pid, epoch, {
      firstSeq,
      lastSeq: lastSequence(firstSeq, readInt32(batches, pos + LAST_OFFSET_DELTA)),
      firstOffset: base,
      lastOffset: last,
      maxTimestamp,
    });
    if ((attributes & TRANSACTIONAL) !== 0) this.producerState.beginTxn(pid, base);
  }

  /**
   * Starts a new active segment at the log end offset; the old one is trimmed and flushed. The new
   * segment is made first: when that fails (KAFKA_STORAGE_ERROR on a full disk) the old one stays active
   * and untouched, and the next append tries again.
   */
  roll(now = Date.now()): void {
    this.#ensureOpen();
    const old = this.active;
    if (old.size === 0) return;
    const base = this.#logEndOffset;
    const next = LogSegment.create(this.dir, base, this.#settings, now);
    this.#txnIndexes.set(next, TransactionIndex.create(this.#txnIndexPath(next)));
    old.onBecomeInactive();
    this.#segments.push(next);
    this.#trySnapshotProducerState();
    fsyncDir(this.dir);
    if (this.config.flush === 'always') {
      // Waiters rely on everything below the active segment being durable.
      old.flush();
      this.#advanceRecoveryPoint(base);
      this.#markDurable(base);
    } else {
      this.#rollFlushQueue.push(old);
      if (!this.#rollFlushInFlight) this.#startRollFlush();
    }
  }

  #startRollFlush(): void {
    // Retention may have deleted a segment before its turn came.
    while (this.#rollFlushQueue[0]?.isDeleted) this.#rollFlushQueue.shift();
    const seg = this.#rollFlushQueue[0];
    if (seg === undefined || this.#closed) return;
    this.#rollFlushInFlight = true;
    this.#rollFlushStartedAt = performance.now();
    fs.fdatasync(seg.logFd, this.#onRollFlushDone);
  }

  readonly #onRollFlushDone = (err: NodeJS.ErrnoException | null): void => {
    this.#rollFlushInFlight = false;
    flushTimes.record(performance.now() - this.#rollFlushStartedAt);
    const seg = this.#rollFlushQueue.shift();
    if (this.#closed || seg === undefined) return;
    const i = this.#segments.indexOf(seg);
    // Retention or DeleteRecords may delete (and close) a rolled segment while its fdatasync is queued; the
    // EBADF that follows says nothing about the data still in the log.
    if (err && !seg.isDeleted) this.lastFlushError = err;
    else if (!err && i >= 0 && i + 1 < this.#segments.length) {
      try {
        seg.offsetIndex.flush();
        seg.timeIndex.flush();
        const end = this.#segments[i + 1]!.baseOffset;
        this.#advanceRecoveryPoint(end);
        this.#markDurable(end);
      } catch (e) {
        this.lastFlushError = e as Error;
      }
      // The data is durable; a checkpoint that cannot be written (a full disk) only costs a longer
      // recovery, and the periodic checkpoint retries it.
      this.#tryWriteRecoveryCheckpoint();
    }
    this.#startRollFlush();
  };

  #advanceRecoveryPoint(offset: number): void {
    if (offset > this.#recoveryPoint) this.#recoveryPoint = offset;
  }

  #markDurable(offset: number): void {
    if (offset <= this.#durableOffset) return;
    this.#durableOffset = offset;
    const offsets = this.#waitOffsets;
    if (offsets.length === 0) return;
    let kept = 0;
    for (let i = 0; i < offsets.length; i++) {
      if (offsets[i]! < offset) this.#waitResolves[i]!();
      else {
        offsets[kept] = offsets[i]!;
        this.#waitResolves[kept] = this.#waitResolves[i]!;
        this.#waitRejects[kept] = this.#waitRejects[i]!;
        kept++;
      }
    }
    offsets.length = kept;
    this.#waitResolves.length = kept;
    this.#waitRejects.length = kept;
  }

  #rejectWaiters(from: number, error: Error): void {
    let kept = 0;
    for (let i = 0; i < this.#waitOffsets.length; i++) {
      if (this.#waitOffsets[i]! >= from) this.#waitRejects[i]!(error);
      else {
        this.#waitOffsets[kept] = this.#waitOffsets[i]!;
        this.#waitResolves[kept] = this.#waitResolves[i]!;
        this.#waitRejects[kept] = this.#waitRejects[i]!;
        kept++;
      }
    }
    this.#waitOffsets.length = kept;
    this.#waitResolves.length = kept;
    this.#waitRejects.length = kept;
  }

  /**
   * Resolves once `offset` is on disk. flush='always': all waiters arriving while an fdatasync runs share
   * the next one (group commit). 'never' or a period: resolves at once.
   */
  waitDurable(offset: number): Promise<void> {
    if (this.config.flush !== 'always' || offset < this.#durableOffset) return RESOLVED;
    if (this.#closed || offset >= this.#logEndOffset) {
      return Promise.reject(
        new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${offset} is not in the log`),
      );
    }
    if (this.#waitOffsets.length >= this.config.maxDurableWaiters) {
      // At the limit, block this thread on a synchronous flush rather than queue without bound.
      this.flush();
      return RESOLVED;
    }
    return new Promise<void>((resolve, reject) => {
      this.#waitOffsets.push(offset);
      this.#waitResolves.push(resolve);
      this.#waitRejects.push(reject);
      if (!this.#fsyncScheduled && !this.#fsyncInFlight) {
        this.#fsyncScheduled = true;
        setImmediate(this.#runFsync);
      }
    });
  }

  readonly #runFsync = (): void => {
    this.#fsyncScheduled = false;
    if (this.#closed || this.#waitOffsets.length === 0) return;
    this.#fsyncTarget = this.#logEndOffset;
    this.#fsyncInFlight = true;
    this.groupCommitFsyncs++;
    this.#fsyncStartedAt = performance.now();
    fs.fdatasync(this.active.logFd, this.#onFsyncDone);
  };

  readonly #onFsyncDone = (err: NodeJS.ErrnoException | null): void => {
    this.#fsyncInFlight = false;
    flushTimes.record(performance.now() - this.#fsyncStartedAt);
    if (this.#closed) return;
    if (err) {
      // No retry: Linux reports a writeback error once and marks the pages clean, so a second fdatasync would
      // succeed without the data being on disk. The log stays failed (appends get KAFKA_STORAGE_ERROR) and is
      // not marked clean at close, so the next open recovers it.
      this.lastFlushError = err;
      this.#rejectWaiters(0, new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, err.message));
      return;
    } else {
      // Segments below the active one were made durable when they rolled (flush='always').
      this.#markDurable(this.#fsyncTarget);
    }
    if (this.#waitOffsets.length > 0 && !this.#fsyncScheduled) {
      this.#fsyncScheduled = true;
      setImmediate(this.#runFsync);
    }
  };

  #periodicFlush(): void {
    if (this.#closed || this.#recoveryPoint >= this.#logEndOffset) return;
    try {
      this.flush();
    } catch (e) {
      this.lastFlushError = e as Error;
    }
  }

  /** fdatasync every segment with data past the recovery point, with its indexes; synchronous. */
  flush(): void {
    this.#ensureOpen();
    const leo = this.#logEndOffset;
    const started = performance.now();
    for (let i = this.#segmentIndexFor(this.#recoveryPoint); i < this.#segments.length; i++) {
      this.#segments[Math.max(i, 0)]!.flush();
    }
    flushTimes.record(performance.now() - started);
    this.#advanceRecoveryPoint(leo);
    this.#markDurable(leo);
  }

  /** Index of the segment holding offset: largest base offset <= offset, or -1. */
  #segmentIndexFor(offset: number): number {
    const segs = this.#segments;
    let lo = 0;
    let hi = segs.length - 1;
    if (segs[0]!.baseOffset > offset) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Whole batches from the one holding `offset`, about maxBytes worth, read without decoding. Throws
   * OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset]; at the log end the result is empty.
   * Reads come from one segment at a time, as in Kafka.
   */
  read(offset: number, maxBytes: number, opts?: ReadOptions): ReadResult {
    this.#ensureOpen();
    if (!Number.isSafeInteger(offset) || offset < this.#logStartOffset || offset > this.#logEndOffset) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${offset} outside [${this.#logStartOffset}, ${this.#logEndOffset}]`,
      );
    }
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new KafkaError(ErrorCode.INVALID_FETCH_SIZE, `max bytes ${maxBytes}`);
    }
    const corruptAt = this.#corruption?.offset ?? Number.POSITIVE_INFINITY;
    if (offset >= corruptAt && offset < this.#logEndOffset)
      throw this.#corruptionError(CORRUPT_BATCH_READ_ERROR);
    const maxOffset = Math.min(opts?.maxOffset ?? this.#logEndOffset, corruptAt);
    const minOneBatch = opts?.minOneBatch ?? true;
    let records: Buffer = EMPTY;
    if (offset < maxOffset && offset < this.#logEndOffset) {
      takeReadCorruption();
      try {
        records = this.#readSegments(offset, maxBytes, maxOffset, minOneBatch);
      } catch (e) {
        if (e instanceof CorruptBatchError) this.reportCorruption(e.corruption);
        else if (e instanceof CorruptSegmentError) {
          const seg =
            this.#segments.find((g) => g.logPath === e.file) ??
            this.#segments[Math.max(this.#segmentIndexFor(offset), 0)]!;
          const reason = 'unreadable batch header';
          this.reportCorruption({
            file: e.file,
            segmentBaseOffset: seg.baseOffset,
            position: e.position,
            offset,
            reason,
          });
        } else throw e;
        throw this.#corruptionError(CORRUPT_BATCH_READ_ERROR);
      }
      // The result ends before a damaged batch: serve it, and refuse what follows from now on.
      const stopped = takeReadCorruption();
      if (stopped !== null) this.reportCorruption(stopped);
    }
    let abortedTransactions: AbortedTxn[] | null = null;
    if (opts?.abortedTransactions === true) {
      abortedTransactions = records.length === 0 ? [] : this.abortedTxns(offset, endOfBatches(records));
    }
    return {
      records,
      highWatermark: this.#highWatermark,
      logStartOffset: this.#logStartOffset,
      logEndOffset: this.#logEndOffset,
      abortedTransactions,
    };
  }

  #readSegments(offset: number, maxBytes: number, maxOffset: number, minOneBatch: boolean): Buffer {
    for (let i = Math.max(this.#segmentIndexFor(offset), 0); i < this.#segments.length; i++) {
      const seg = this.#segments[i]!;
      let buf: Buffer | null;
      try {
        buf = seg.read(offset, maxBytes, maxOffset, minOneBatch);
      } catch (e) {
        if (!(e instanceof CorruptIndexError)) throw e;
        this.#rebuildIndexes(seg);
        buf = seg.read(offset, maxBytes, maxOffset, minOneBatch);
      }
      if (buf !== null) return buf;
    }
    return EMPTY;
  }

  /** The first damaged batch found in this process, or null. */
  get corruption(): CorruptBatch | null {
    return this.#corruption;
  }

  /**
   * A read or the scrub found a damaged batch: from now on reads at and past its offset get
   * CORRUPT_BATCH_READ_ERROR, appends KAFKA_STORAGE_ERROR, and the partition is marked so the next open
   * recovers from that segment.
   * Logged at error level once per partition; a later find below the first only lowers the fence.
   */
  reportCorruption(c: CorruptBatch): void {
    const first = this.#corruption;
    if (first !== null && first.offset <= c.offset) return;
    this.#corruption = c;
    const { topic, partition } = this.topicPartition;
    try {
      writeCorruptBatchFile(this.dir, c);
    } catch (e) {
      this.#logger?.error(
        `${topic}-${partition}: cannot write ${CORRUPT_BATCH_FILE}: ${(e as Error).message}`,
      );
    }
    const where = `${path.basename(c.file)} at byte position ${c.position}, offset ${c.offset}`;
    if (first !== null) {
      this.#logger?.debug(`${topic}-${partition}: another corrupt batch, in ${where}`);
      return;
    }
    this.#logger?.error(
      `${topic}-${partition}: corrupt batch in ${where} (${c.reason}); not served: fetches from offset ` +
        `${c.offset} on get CORRUPT_MESSAGE and appends KAFKA_STORAGE_ERROR until restart, when recovery ` +
        'truncates the log there and keeps the cut bytes in *.corrupt files',
    );
  }

  #clearCorruption(): void {
    this.#corruption = null;
    fs.rmSync(path.join(this.dir, CORRUPT_BATCH_FILE), { force: true });
  }

  #corruptionError(code: number): KafkaError {
    const c = this.#corruption!;
    return new KafkaError(code, `corrupt batch in ${c.file} at position ${c.position} (offset ${c.offset})`);
  }

  /** An index failed its sanity check when first mapped: rebuild it from the log (as Kafka does). */
  #rebuildIndexes(seg: LogSegment): void {
    const cuts = this.recoveryStats.truncations.length;
    recoverSegment(seg, null, this.recoveryStats);
    if (seg !== this.active) seg.onBecomeInactive();
    // At open, the recovery line says it; later (a damaged index met by a read) it gets its own.
    if (!this.#opened || this.#logger === null) return;
    const cut = this.recoveryStats.truncations[cuts];
    const { topic, partition } = this.topicPartition;
    this.#logger.info(
      `${topic}-${partition}: rebuilt the indexes of ${path.basename(seg.logPath)} (damaged index)` +
        (cut === undefined
          ? ''
          : `; truncated it at position ${cut.position} (offset ${cut.offset}): ${cut.reason}`),
    );
  }

  /**
   * ListOffsets: EARLIEST_TIMESTAMP (-2) gives the log start offset, LATEST_TIMESTAMP (-1) the log end
   * offset; otherwise the first offset whose timestamp >= ts (exact within uncompressed batches, the
   * batch's base offset otherwise), or null if none.
   */
  offsetForTimestamp(ts: number): TimestampOffset | null {
    this.#ensureOpen();
    if (ts === EARLIEST_TIMESTAMP) return { timestamp: NO_TIMESTAMP, offset: this.#logStartOffset };
    if (ts === LATEST_TIMESTAMP) return { timestamp: NO_TIMESTAMP, offset: this.#logEndOffset };
    if (!Number.isSafeInteger(ts) || ts < 0) return null;
    for (const seg of this.#segments) {
      let found: TimestampOffset | null;
      try {
        if (seg.maxTimestamp < ts) continue;
        found = seg.findOffsetByTimestamp(ts, this.#logStartOffset);
      } catch (e) {
        if (!(e instanceof CorruptIndexError)) throw e;
        this.#rebuildIndexes(seg);
        found = seg.findOffsetByTimestamp(ts, this.#logStartOffset);
      }
      if (found !== null) return found;
    }
    return null;
  }

  /** OffsetForLeaderEpoch: the end offset of `epoch` on this log, Kafka's rules. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.leaderEpochCache.endOffsetFor(epoch, this.#logEndOffset);
  }

  /** Leader epoch that wrote `offset` (ListOffsets reports it), -1 if unknown. */
  epochForOffset(offset: number): number {
    return this.leaderEpochCache.epochForOffset(offset);
  }

  /**
   * DeleteRecords: moves the log start offset up to `offset` (-1 means the high watermark) and deletes
   * segments wholly below it. Returns the new log start offset (the low watermark).
   */
  deleteRecordsBefore(offset: number): number {
    this.#ensureOpen();
    if (offset === -1) offset = this.#highWatermark;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.#highWatermark) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${offset} > high watermark ${this.#highWatermark}`,
      );
    }
    if (offset > this.#logStartOffset) {
      // Whole segments below the new start go first: that needs no space and frees some, so the
      // checkpoint below can be written on a full disk. A crash in between only leaves the log starting at
      // its first segment, as retention would.
      let n = 0;
      while (n + 1 < this.#segments.length && this.#segments[n + 1]!.baseOffset <= offset) n++;
      this.#deleteOldestSegments(n);
      // Acknowledged to the client, so it must survive a crash: written before memory moves.
      this.#writeOffsetCheckpoint(LOG_START_OFFSET_CHECKPOINT, offset);
      this.#logStartOffset = offset;
      this.leaderEpochCache.truncateFromStart(offset);
    }
    return this.#logStartOffset;
  }

  #deleteSegmentsBelowLogStart(): number {
    let n = 0;
    while (n + 1 < this.#segments.length && this.#segments[n + 1]!.baseOffset <= this.#logStartOffset) n++;
    return this.#deleteOldestSegments(n);
  }

  /**
   * retention.ms and retention.bytes (when cleanup.policy includes delete): deletes whole segments from the
   * oldest, never the active one, and only below the high watermark. Returns the number of segments deleted.
   */
  applyRetention(now = Date.now()): number {
    this.#ensureOpen();
    let deleted = this.#deleteSegmentsBelowLogStart();
    // cleanup.policy=compact keeps every key's latest record however old; only DeleteRecords trims it.
    if (!hasDeleteRetention(this.config)) return deleted;
    const { retentionMs, retentionBytes } = this.config;
    if (retentionMs >= 0) {
      let n = 0;
      while (this.#deletable(n) && now - this.#segments[n]!.largestTimestamp() > retentionMs) n++;
      deleted += this.#deleteOldestSegments(n);
    }
    if (retentionBytes >= 0) {
      let excess = this.size - retentionBytes;
      let n = 0;
      while (this.#deletable(n) && excess - this.#segments[n]!.size >= 0) {
        excess -= this.#segments[n]!.size;
        n++;
      }
      deleted += this.#deleteOldestSegments(n);
    }
    return deleted;
  }

  #deletable(i: number): boolean {
    return i + 1 < this.#segments.length && this.#segments[i + 1]!.baseOffset <= this.#highWatermark;
  }

  #deleteOldestSegments(n: number): number {
    if (n <= 0) return 0;
    const doomed = this.#segments.splice(0, n);
    for (const seg of doomed) {
      // The damaged batch goes with its segment: nothing is left to fence.
      if (seg.logPath === this.#corruption?.file) this.#clearCorruption();
      seg.deleteFiles();
    }
    const start = this.#segments[0]!.baseOffset;
    if (start > this.#logStartOffset) {
      this.#logStartOffset = start;
      this.leaderEpochCache.truncateFromStart(start);
    }
    return n;
  }

  /**
   * Removes every offset >= offset (the whole batch holding it), for a follower whose log diverged.
   * Below the first segment, the log is emptied and restarts at offset.
   */
  truncateTo(offset: number, now = Date.now()): void {
    this.#ensureOpen();
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `${offset}`);
    if (offset >= this.#logEndOffset) return;
    const i = this.#segmentIndexFor(offset);
    if (i < 0 || offset < this.#logStartOffset) {
      this.#truncateFullyAndStartAt(offset, now);
      return;
    }
    for (const seg of this.#segments.splice(i + 1)) seg.deleteFiles();
    const seg = this.#segments[i]!;
    seg.truncateTo(offset);
    this.#txnIndexOf(seg).truncateTo(offset);
    this.#afterTruncation(seg.nextOffset());
  }

  /** Empties the log and restarts it at `offset`, which may lie past its end (Kafka's truncateFullyAndStartAt). */
  truncateFullyAndStartAt(offset: number, now = Date.now()): void {
    this.#ensureOpen();
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `${offset}`);
    this.#truncateFullyAndStartAt(offset, now);
  }

  #afterTruncation(leo: number): void {
    // The damaged batch is gone with the rest.
    if (this.#corruption !== null && leo <= this.#corruption.offset) this.#clearCorruption();
    this.#logEndOffset = leo;
    this.#highWatermark = Math.min(this.#highWatermark, leo);
    this.#recoveryPoint = Math.min(this.#recoveryPoint, leo);
    this.#durableOffset = Math.min(this.#durableOffset, leo);
    this.leaderEpochCache.truncateFromEnd(leo);
    // Snapshots past the new end describe a history that is gone: a later open must not start from them.
    this.#dropSnapshotsAfter(leo);
    // A truncated marker reopens its transaction: rebuild transactional state from the latest snapshot
    // below the truncation point and the log after it, as Kafka does (rare: a follower whose log diverged).
    if (this.producerState.hasTransactions) this.#loadProducerState();
    else this.producerState.truncateTo(leo);
    this.#rejectWaiters(leo, new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER, 'log truncated'));
    // A recovery point past the new end only means the last segment is scanned, which recovery always does.
    this.#tryWriteRecoveryCheckpoint();
  }

  #truncateFullyAndStartAt(offset: number, now: number, persistStart = true): void {
    for (const seg of this.#segments) seg.deleteFiles();
    this.#segments = [LogSegment.create(this.dir, offset, this.#settings, now, false)];
    this.#txnIndexes.set(this.#segments[0]!, TransactionIndex.create(this.#txnIndexPath(this.#segments[0]!)));
    fsyncDir(this.dir);
    this.#logStartOffset = offset;
    if (persistStart) this.#writeLogStartCheckpoint();
    this.leaderEpochCache.truncateFromStart(offset);
    this.#afterTruncation(offset);
  }

  #writeRecoveryCheckpoint(): void {
    this.#writeOffsetCheckpoint(RECOVERY_POINT_CHECKPOINT, this.#recoveryPoint);
    this.#writeOffsetCheckpoint(HIGH_WATERMARK_CHECKPOINT, this.#highWatermark);
  }

  #tryWriteRecoveryCheckpoint(): boolean {
    try {
      this.#writeRecoveryCheckpoint();
      return true;
    } catch {
      return false;
    }
  }

  #writeLogStartCheckpoint(): void {
    this.#writeOffsetCheckpoint(LOG_START_OFFSET_CHECKPOINT, this.#logStartOffset);
  }

  #writeOffsetCheckpoint(name: string, offset: number): void {
    const { topic, partition } = this.topicPartition;
    writeCheckpointFile(path.join(this.dir, name), CHECKPOINT_VERSION, [`${topic} ${partition} ${offset}`]);
  }

  /** Writes the recovery point and log start offset files (called periodically by the manager). */
  checkpoint(): void {
    this.#ensureOpen();
    this.#writeRecoveryCheckpoint();
    this.#writeLogStartCheckpoint();
    this.leaderEpochCache.persistPending();
  }

  /** Flushes, trims indexes, writes checkpoints and then the clean-shutdown marker. */
  /**
   * Producer state: the latest snapshot within the log (else the previous one), then every idempotent or
   * transactional batch and marker after its offset, replayed from the log (aborts missing from the index
   * are added back). With `fromLogStart` the snapshots are ignored and the whole log replayed (an
   * aborted-transaction index was missing).
   */
  #loadProducerState(fromLogStart = false): void {
    let from = -1;
    if (!fromLogStart) {
      // The latest snapshot within the log, else the one before it.
      for (const name of [PRODUCER_STATE_SNAPSHOT, PREVIOUS_PRODUCER_STATE_SNAPSHOT]) {
        const at = this.#readSnapshot(name);
        if (at === null || at.offset < this.#logStartOffset || at.offset > this.#logEndOffset) continue;
        from = this.producerState.load(at.text);
        if (from >= 0) break;
      }
    }
    if (from < this.#logStartOffset || from > this.#logEndOffset) {
      this.producerState.clear();
      from = this.#logStartOffset;
    }
    let offset = from;
    while (offset < this.#logEndOffset) {
      let records: Buffer;
      try {
        records = this.read(offset, 1 << 20).records;
      } catch (e) {
        // A damaged batch (reported and marked by read): the state stops short of it, as the log will.
        if (this.#corruption !== null) break;
        throw e;
      }
      if (records.length === 0) break;
      let pos = 0;
      while (pos + HEADER_SIZE <= records.length) {
        const size = readInt32(records, pos + BATCH_LENGTH) + LOG_OVERHEAD;
        const base = readInt64(records, pos);
        const last = base + readInt32(records, pos + LAST_OFFSET_DELTA);
        if (last >= from && pos + size <= records.length)
          this.#followProducerState(records, pos, base, last, readInt64(records, pos + MAX_TIMESTAMP));
        offset = last + 1;
        pos += size;
      }
    }
  }

  /**
   * The snapshot only shortens the replay at open: when it cannot be written (a full disk) the older one
   * stays, and the log after its offset is replayed instead. Returns whether it was written.
   */
  #trySnapshotProducerState(): boolean {
    const file = path.join(this.dir, PRODUCER_STATE_SNAPSHOT);
    const tmp = `${file}${TMP_SUFFIX}`;
    try {
      // The replay after the snapshot would re-add aborts; those before it must be on disk.
      for (const seg of this.#segments) this.#txnIndexes.get(seg)?.sync();
      fs.writeFileSync(tmp, this.producerState.snapshot(this.#logEndOffset));
      // The latest becomes the previous one (a crash between the renames leaves that one to start from).
      const latest = this.#readSnapshot(PRODUCER_STATE_SNAPSHOT);
      if (latest !== null && latest.offset < this.#logEndOffset)
        fs.renameSync(file, path.join(this.dir, PREVIOUS_PRODUCER_STATE_SNAPSHOT));
      fs.renameSync(tmp, file);
      return true;
    } catch {
      fs.rmSync(tmp, { force: true });
      return false;
    }
  }

  /** A snapshot file's text and offset; null when missing or unreadable. */
  #readSnapshot(name: string): { text: string; offset: number } | null {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.dir, name), 'utf8');
    } catch {
      return null;
    }
    const head = /^\d+ (\d+)\n/.exec(text);
    return head === null ? null : { text, offset: Number(head[1]) };
  }

  /** Deletes the snapshots taken past `offset` (a truncation removed what they describe). */
  #dropSnapshotsAfter(offset: number): void {
    for (const name of [PRODUCER_STATE_SNAPSHOT, PREVIOUS_PRODUCER_STATE_SNAPSHOT]) {
      const at = this.#readSnapshot(name);
      if (at !== null && at.offset > offset) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  close(): void {
    if (this.#closed) return;
    if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
    this.#flushTimer = null;
    this.active.onBecomeInactive();
    // A log with nothing written since its last flush has nothing to make durable: skipping the syncs keeps
    // a broker with thousands of idle partitions inside its shutdown deadline.
    if (this.#recoveryPoint < this.#logEndOffset || this.#durableOffset < this.#logEndOffset) {
      this.flush();
      // The data is durable now. A checkpoint that fails (a full disk) is stale only in what a clean open
      // rederives anyway: the recovery point is unused then, the log start and epochs are re-clamped.
      try {
        this.checkpoint();
      } catch {}
    }
    this.#trySnapshotProducerState();
    for (const seg of this.#segments) seg.close();
    this.#closed = true;
    this.#rollFlushQueue.length = 0;
    this.#rejectWaiters(0, new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'log closed'));
    // Written after the data is durable, and never after a failed flush. Not fsynced itself: if a crash
    // loses it, the next open recovers, which is always safe. An empty file needs no data block, but if
    // even it fails the next open simply recovers.
    if (this.lastFlushError === null) {
      try {
        fs.writeFileSync(path.join(this.dir, CLEAN_SHUTDOWN_FILE), '');
      } catch {}
    }
  }

  /** Closes without flushing or marking clean, then deletes the partition directory (renamed first). */
  delete(): void {
    if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
    this.#flushTimer = null;
    if (!this.#closed) {
      for (const seg of this.#segments) seg.releaseHandles();
      this.#closed = true;
      this.#rejectWaiters(0, new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'log deleted'));
    }
    deletePartitionDir(path.dirname(this.dir), this.topicPartition);
  }

  /** Stops timers and drops file handles without flushing: what a crash leaves behind (tests). */
  abandon(): void {
    if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
    this.#flushTimer = null;
    if (this.#closed) return;
    this.#closed = true;
    for (const seg of this.#segments) seg.releaseHandles();
  }
}
