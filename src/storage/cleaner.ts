// Log compaction for one partition (Kafka's LogCleaner, cleanup.policy=compact). A pass:
//
//   1. maps key -> latest offset over the dirty section: from the cleaner checkpoint to the end of the last
//      closed segment (never the active one), stopping early when the map is full;
//   2. rewrites every closed segment below the mapped end, in groups that stay within segment.bytes,
//      keeping per key only the record at its latest offset (crash-safe swap: cleaner-swap.ts);
//   3. moves the checkpoint (`cleaner-offset-checkpoint` in the partition directory) to the mapped end.
//
// Kept as Kafka keeps it: offsets (batches keep base offset and last offset delta, so gaps appear inside
// and between batches), tombstones until delete.retention.ms after the pass that first kept them (the
// delete horizon in the batch, attribute bit 6), transaction markers while their transaction has data in
// the log and then until their own delete horizon (cleaner-txn.ts), and an empty header of the last batch
// of each producer the log's producer state knows (its last sequence). Dropped as Kafka drops them: records
// without a key, and the batches of aborted transactions (known from the .txnindex). A pass never reaches
// the last stable offset (PartitionLog.cleanableEndOffset), so open transactions are left alone.
//
// Choices of our own, each on the safe side (more is kept, never less):
//   - Records of transactional batches never enter the map (a committed transactional write does not hide
//     an older value) and their tombstones never expire; they go only when a later non-transactional
//     record has the same key.
//   - A rewritten segment always ends with the last batch of the run it replaced (at least its header), so
//     a swap file tells recovery exactly which old segments it replaces.
//   - Batches in a codec this process could not load (snappy, lz4 and zstd come from native packages), or
//     whose records cannot be read, are kept whole and do not enter the map. Rewritten batches keep their
//     codec (Kafka re-compresses with the batch's own codec too).
//   - The batch's base timestamp is kept unless it becomes a delete horizon (Kafka resets it to the first
//     kept record's timestamp); record timestamps never change.
//
// Runs synchronously on the thread that owns the log, like every other operation on it.
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import {
  ATTRIBUTES,
  BASE_TIMESTAMP,
  DELETE_HORIZON_FLAG,
  INT32_MAX,
  RECORD_COUNT,
  readInt32,
  readInt64,
  TRANSACTIONAL,
} from './batch.js';
import { parseOffset, readCheckpointFile, writeCheckpointFile } from './checkpoint-file.js';
import { emptyBatchHeader, RecordScan, rebuildBatch } from './cleaner-batch.js';
import { keyId, OffsetMap } from './cleaner-offset-map.js';
import { BatchReader } from './cleaner-reader.js';
import { CleanedSegmentWriter, type SwapStep, swapInCleanedSegment } from './cleaner-swap.js';
import { CleanedTransactions } from './cleaner-txn.js';
import { isCompacted } from './config.js';
import type { PartitionLog } from './log.js';
import type { LogSegment } from './segment.js';
import type { AbortedTxn } from './transaction-index.js';
import { readTxnMarker } from './txn-marker.js';

export const CLEANER_OFFSET_CHECKPOINT = 'cleaner-offset-checkpoint';
const CHECKPOINT_VERSION = 0;

export interface CleanerOptions {
  /** Keys the offset map may hold (log.cleaner.dedupe.buffer.size analogue). Default 1,000,000. */
  maxMapEntries?: number;
  /**
   * Largest decompressed records section the cleaner rewrites; bigger batches are kept whole. Defaults to
   * the log's maxDecompressedBytes, the bound every compressed batch passed at produce time.
   */
  maxDecompressedBytes?: number;
  /** Crash tests: called after each step of each segment swap (throw to stop there). */
  onSwapStep?: (step: SwapStep) => void;
}

const DEFAULTS = {
  maxMapEntries: 1_000_000,
};

export interface CleanableState {
  /** Where the next pass starts mapping: the checkpoint, or the log start offset. */
  firstDirtyOffset: number;
  /** End of the closed segments a pass may touch (PartitionLog.cleanableEndOffset, whole segments). */
  firstUncleanableOffset: number;
  /** Bytes of closed segments wholly below firstDirtyOffset, and of those above it. */
  cleanBytes: number;
  dirtyBytes: number;
  /** dirtyBytes / (cleanBytes + dirtyBytes), 0 when both are 0. */
  dirtyRatio: number;
}

export interface CleanResult {
  /** False when nothing was done (not compacted, nothing closed, or the map could not hold one batch). */
  cleaned: boolean;
  firstDirtyOffset: number;
  /** Offsets below this were mapped; the checkpoint now says so. */
  endOffset: number;
  segmentsBefore: number;
  segmentsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  recordsRemoved: number;
  tombstonesRemoved: number;
  /** Records without a key, which a compacted log cannot hold (Kafka's cleaner drops them too). */
  unkeyedRemoved: number;
  batchesRewritten: number;
  batchesRemoved: number;
  /** Batches left as an empty header (a producer's last, or the end of a rewritten segment). */
  batchesEmptied: number;
  /** Batches kept whole because their records could not be read. */
  batchesUnreadable: number;
  /** Earliest delete horizon of a kept tombstone, -1 if none: a pass then can remove it. */
  nextDeleteHorizonMs: number;
}

/** The checkpointed first dirty offset, or -1 when missing or damaged. */
export function readCleanerCheckpoint(log: PartitionLog): number {
  const { topic, partition } = log.topicPartition;
  const entries = readCheckpointFile(path.join(log.dir, CLEANER_OFFSET_CHECKPOINT), CHECKPOINT_VERSION, 3);
  const e = entries?.[0];
  if (entries?.length !== 1 || e === undefined || e[0] !== topic || e[1] !== String(partition)) return -1;
  return parseOffset(e[2]);
}

function writeCleanerCheckpoint(log: PartitionLog, offset: number): void {
  const { topic, partition } = log.topicPartition;
  writeCheckpointFile(path.join(log.dir, CLEANER_OFFSET_CHECKPOINT), CHECKPOINT_VERSION, [
    `${topic} ${partition} ${offset}`,
  ]);
}

/** Number of leading segments a pass may rewrite: closed, and ending at or below `end`. */
function cleanableCount(segs: readonly LogSegment[], end: number): number {
  let n = 0;
  while (n + 1 < segs.length && segs[n + 1]!.baseOffset <= end) n++;
  return n;
}

export function cleanableState(log: PartitionLog): CleanableState {
  const segs = log.segmentList();
  const uncleanable = log.cleanableEndOffset;
  const checkpoint = readCleanerCheckpoint(log);
  // As Kafka: a checkpoint below the log start or past the log end (truncation) restarts from the start.
  const firstDirty =
    checkpoint < log.logStartOffset || checkpoint > log.logEndOffset ? log.logStartOffset : checkpoint;
  const n = cleanableCount(segs, uncleanable);
  let cleanBytes = 0;
  let dirtyBytes = 0;
  for (let i = 0; i < n; i++) {
    if (segs[i + 1]!.baseOffset <= firstDirty) cleanBytes += segs[i]!.size;
    else dirtyBytes += segs[i]!.size;
  }
  const total = cleanBytes + dirtyBytes;
  return {
    firstDirtyOffset: firstDirty,
    firstUncleanableOffset: n > 0 ? segs[n]!.baseOffset : segs[0]!.baseOffset,
    cleanBytes,
    dirtyBytes,
    dirtyRatio: total === 0 ? 0 : dirtyBytes / total,
  };
}

/**
 * The cleaner's trigger: a compacted log whose dirty ratio exceeds min.cleanable.dirty.ratio, or whose
 * kept tombstones reached their delete horizon (`nextDeleteHorizonMs` from the last CleanResult).
 */
export function needsCleaning(log: PartitionLog, now: number, nextDeleteHorizonMs = -1): boolean {
  if (!isCompacted(log.config)) return false;
  const s = cleanableState(log);
  if (s.dirtyBytes > 0 && s.dirtyRatio > log.config.minCleanableDirtyRatio) return true;
  return nextDeleteHorizonMs >= 0 && now >= nextDeleteHorizonMs && s.cleanBytes + s.dirtyBytes > 0;
}

function emptyResult(firstDirty: number, segments: number): CleanResult {
  return {
    cleaned: false,
    firstDirtyOffset: firstDirty,
    endOffset: firstDirty,
    segmentsBefore: segments,
    segmentsAfter: segments,
    bytesBefore: 0,
    bytesAfter: 0,
    recordsRemoved: 0,
    tombstonesRemoved: 0,
    unkeyedRemoved: 0,
    batchesRewritten: 0,
    batchesRemoved: 0,
    batchesEmptied: 0,
    batchesUnreadable: 0,
    nextDeleteHorizonMs: -1,
  };
}

/** Maps the dirty section; returns the end offset of what was mapped (firstDirty if nothing). */
function buildOffsetMap(
  segs: readonly LogSegment[],
  count: number,
  firstDirty: number,
  map: OffsetMap,
  scan: RecordScan,
  maxDecompressedBytes: number,
): number {
  for (let i = 0; i < count; i++) {
    const seg = segs[i]!;
    const segEnd = segs[i + 1]!.baseOffset;
    if (segEnd <= firstDirty) continue;
    const reader = new BatchReader(seg);
    while (reader.next(true)) {
      if (reader.lastOffset < firstDirty) continue;
      const mappable = !reader.isControl && (reader.attributes & TRANSACTIONAL) === 0;
      if (mappable && scan.parse(reader.batch(), maxDecompressedBytes)) {
        const buf = scan.section;
        for (let r = 0; r < scan.count; r++) {
          const offset = scan.offset[r]!;
          const keyStart = scan.keyStart[r]!;
          if (keyStart < 0 || offset < firstDirty) continue;
          // Full: records of this batch already put are harmless (they are kept, being the latest).
          if (!map.put(keyId(buf, keyStart, scan.keyEnd[r]!), offset)) return map.latestOffset + 1;
        }
      }
      map.updateLatestOffset(reader.lastOffset);
    }
    map.updateLatestOffset(segEnd - 1);
  }
  return count > 0 ? segs[count]!.baseOffset : firstDirty;
}

/**
 * Kafka's isBatchLastRecordOfProducer: the batch holds the last data offset of a producer the log's
 * producer state still knows (an expired or evicted producer's batches may go entirely).
 */
function isProducersLastBatch(log: PartitionLog, producerId: number, lastOffset: number): boolean {
  if (producerId < 0) return false;
  const batches = log.producerState.get(producerId)?.batches;
  return batches !== undefined && batches[batches.length - 1]?.lastOffset === lastOffset;
}

/** Consecutive non-empty segments, each group within segment.bytes and an int32 offset range. */
function groupSegments(segs: readonly LogSegment[], count: number, endOffset: number, maxBytes: number) {
  const groups: LogSegment[][] = [];
  let group: LogSegment[] = [];
  let bytes = 0;
  for (let i = 0; i < count && segs[i]!.baseOffset < endOffset; i++) {
    const seg = segs[i]!;
    const lastOffset = segs[i + 1]!.baseOffset - 1;
    if (seg.size === 0) {
      if (group.length > 0) groups.push(group);
      group = [];
      continue;
    }
    const first = group[0];
    if (first !== undefined && (bytes + seg.size > maxBytes || lastOffset - first.baseOffset > INT32_MAX)) {
      groups.push(group);
      group = [];
    }
    if (group.length === 0) bytes = 0;
    group.push(seg);
    bytes += seg.size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

interface PassContext {
  log: PartitionLog;
  map: OffsetMap;
  scan: RecordScan;
  keep: boolean[];
  now: number;
  deleteRetentionMs: number;
  maxDecompressedBytes: number;
  result: CleanResult;
  txns: CleanedTransactions;
  /** The aborted-transaction index of the segment being written: aborts whose markers it keeps with data. */
  index: AbortedTxn[];
}

/** Keeps the earliest delete horizon a later pass must come back for. */
function noteHorizon(r: CleanResult, horizon: number): void {
  if (r.nextDeleteHorizonMs < 0 || horizon < r.nextDeleteHorizonMs) r.nextDeleteHorizonMs = horizon;
}

/** A marker: kept while its transaction has data, then stamped with a delete horizon, then dropped. */
function cleanMarker(reader: BatchReader, batch: Buffer, endOfRun: boolean, ctx: PassContext): Buffer | null {
  const r = ctx.result;
  const marker = readTxnMarker(batch, 0, batch.length);
  const removable = ctx.txns.onMarker(reader.producerId, reader.lastOffset, marker?.commit ?? null);
  if (ctx.txns.retainedAbort !== null) ctx.index.push(ctx.txns.retainedAbort);
  if (!removable || marker === null) return batch;
  const hasHorizon = (batch[ATTRIBUTES + 1]! & DELETE_HORIZON_FLAG) !== 0;
  if (hasHorizon) {
    const horizon = readInt64(batch, BASE_TIMESTAMP);
    if (ctx.now < horizon || endOfRun) {
      if (ctx.now < horizon) noteHorizon(r, horizon);
      return batch;
    }
    r.batchesRemoved++;
    return null;
  }
  const scan = ctx.scan;
  if (!scan.parse(batch, ctx.maxDecompressedBytes)) return batch;
  const horizon = ctx.now + ctx.deleteRetentionMs;
  noteHorizon(r, horizon);
  const keep = ctx.keep;
  for (let i = 0; i < scan.count; i++) keep[i] = true;
  r.batchesRewritten++;
  return rebuildBatch(batch, scan, keep, horizon);
}

/** What a batch becomes: itself, a rewritten batch, or null (gone). */
function cleanBatch(reader: BatchReader, batch: Buffer, endOfRun: boolean, ctx: PassContext): Buffer | null {
  const r = ctx.result;
  if (reader.isControl) return cleanMarker(reader, batch, endOfRun, ctx);
  const transactionalBatch = (reader.attributes & TRANSACTIONAL) !== 0;
  if (ctx.txns.onBatch(reader.producerId, reader.lastOffset, transactionalBatch)) {
    // An aborted transaction's batch: no reader may ever see it, so its records all go.
    r.recordsRemoved += readInt32(batch, RECORD_COUNT);
    if (endOfRun || isProducersLastBatch(ctx.log, reader.producerId, reader.lastOffset)) {
      r.batchesEmptied++;
      return emptyBatchHeader(batch);
    }
    r.batchesRemoved++;
    return null;
  }
  const scan = ctx.scan;
  if (!scan.parse(batch, ctx.maxDecompressedBytes)) {
    r.batchesUnreadable++;
    return batch;
  }
  const transactional = (reader.attributes & TRANSACTIONAL) !== 0;
  const hasHorizon = (batch[ATTRIBUTES + 1]! & DELETE_HORIZON_FLAG) !== 0;
  const horizon = hasHorizon ? readInt64(batch, BASE_TIMESTAMP) : -1;
  const tombstonesExpired = !transactional && hasHorizon && ctx.now >= horizon;
  const keep = ctx.keep;
  let kept = 0;
  let keptTombstone = false;
  for (let i = 0; i < scan.count; i++) {
    const keyStart = scan.keyStart[i]!;
    let retain = false;
    if (keyStart < 0) r.unkeyedRemoved++;
    else {
      const latest = ctx.map.get(keyId(scan.section, keyStart, scan.keyEnd[i]!));
      retain = scan.offset[i]! >= latest;
      if (retain && scan.tombstone[i] && tombstonesExpired) {
        retain = false;
        r.tombstonesRemoved++;
      }
    }
    keep[i] = retain;
    if (retain) {
      kept++;
      if (scan.tombstone[i]) keptTombstone = true;
    } else r.recordsRemoved++;
  }
  const stampHorizon = keptTombstone && !transactional && !hasHorizon;
  const newHorizon = stampHorizon ? ctx.now + ctx.deleteRetentionMs : horizon;
  if (keptTombstone && !transactional) noteHorizon(r, newHorizon);
  if (kept === scan.count && !stampHorizon) return batch;
  if (kept > 0) {
    r.batchesRewritten++;
    return rebuildBatch(batch, scan, keep, stampHorizon ? newHorizon : -1);
  }
  if (endOfRun || isProducersLastBatch(ctx.log, reader.producerId, reader.lastOffset)) {
    r.batchesEmptied++;
    return emptyBatchHeader(batch);
  }
  r.batchesRemoved++;
  return null;
}

/** Rewrites one group into a cleaned segment and swaps it in; false when nothing changed. */
function cleanGroup(log: PartitionLog, group: LogSegment[], ctx: PassContext, opts: CleanerOptions): boolean {
  const writer = new CleanedSegmentWriter(log.dir, group[0]!.baseOffset);
  let changed = group.length > 1;
  ctx.index = [];
  let mtime = 0;
  try {
    for (let s = 0; s < group.length; s++) {
      const seg = group[s]!;
      mtime = Math.max(mtime, fs.statSync(seg.logPath).mtimeMs);
      const reader = new BatchReader(seg);
      while (reader.next(true)) {
        const batch = reader.batch();
        const out = cleanBatch(reader, batch, s === group.length - 1 && reader.isLast, ctx);
        if (out !== batch) changed = true;
        if (out !== null) writer.append(out);
      }
    }
  } catch (e) {
    writer.abort();
    throw e;
  }
  if (!changed) {
    writer.abort();
    return false;
  }
  ctx.result.bytesBefore += group.reduce((n, seg) => n + seg.size, 0);
  ctx.result.bytesAfter += writer.size;
  // Retention by file time (batches without timestamps) must not restart because of a rewrite.
  writer.finish(mtime);
  const { indexIntervalBytes, segmentIndexBytes } = log.config;
  const settings = { indexIntervalBytes, segmentIndexBytes };
  const cleaned = swapInCleanedSegment(log.dir, writer, group, settings, ctx.now, opts.onSwapStep);
  log.replaceSegments(group, cleaned, ctx.index);
  return true;
}

/**
 * One cleaning pass over `log` (see the top of this file). Does nothing unless cleanup.policy includes
 * compact. Throws CorruptSegmentError (CORRUPT_MESSAGE) on a damaged closed segment, leaving that group
 * as it was; other exceptions are I/O failures, after which the log should be closed and reopened (open
 * completes or undoes an interrupted swap).
 */
export function cleanLog(log: PartitionLog, now = Date.now(), options: CleanerOptions = {}): CleanResult {
  const opts = { ...DEFAULTS, maxDecompressedBytes: log.config.maxDecompressedBytes, ...options };
  const segs = log.segmentList();
  const state = cleanableState(log);
  const result = emptyResult(state.firstDirtyOffset, segs.length);
  if (!isCompacted(log.config)) return result;
  if (!Number.isSafeInteger(now) || now < 0) throw new KafkaError(ErrorCode.INVALID_REQUEST, `now=${now}`);
  const count = cleanableCount(segs, log.cleanableEndOffset);
  if (count === 0) return result;
  const map = new OffsetMap(opts.maxMapEntries);
  const scan = new RecordScan();
  const endOffset = buildOffsetMap(segs, count, state.firstDirtyOffset, map, scan, opts.maxDecompressedBytes);
  if (endOffset <= state.firstDirtyOffset && state.dirtyBytes > 0) return result;
  const ctx: PassContext = {
    log,
    map,
    scan,
    keep: [],
    now,
    deleteRetentionMs: log.config.deleteRetentionMs,
    maxDecompressedBytes: opts.maxDecompressedBytes,
    result,
    // Every pass walks from the log start: a marker's transaction data is always behind it in the walk.
    txns: new CleanedTransactions(log.abortedTxns(log.logStartOffset, endOffset)),
    index: [],
  };
  // groupSegments copies what it needs: the segment list changes under it as groups are swapped.
  for (const group of groupSegments(segs, count, endOffset, log.config.segmentBytes)) {
    cleanGroup(log, group, ctx, opts);
  }
  writeCleanerCheckpoint(log, Math.max(endOffset, state.firstDirtyOffset));
  result.cleaned = true;
  result.endOffset = Math.max(endOffset, state.firstDirtyOffset);
  result.segmentsAfter = log.numberOfSegments;
  return result;
}
