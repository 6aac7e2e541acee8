// Log recovery after an unclean shutdown (Kafka's LogLoader.recoverLog + LogSegment.recover). Every
// segment that may hold offsets at or past the recovery point is walked batch by batch: length in
// bounds, offsets increasing, CRC-32C right (validateBatch INTEGRITY). The first batch that fails ends
// the log: the file is truncated there, its indexes rebuilt on the way, later segments deleted.
// Nothing before that batch is touched, and no input makes this throw (only real I/O errors do).
import path from 'node:path';
import { VALIDATE_INTEGRITY, validateBatch } from '../wasm/index.js';
import {
  BATCH_LENGTH,
  HEADER_SIZE,
  INT32_MAX,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  MIN_BATCH_LENGTH,
  PARTITION_LEADER_EPOCH,
  readInt32,
  readInt64,
} from './batch.js';
import type { LeaderEpochCache } from './leader-epoch-cache.js';
import type { LogSegment } from './segment.js';

/** Where recovery cut a segment, and why. */
export interface RecoveryTruncation {
  file: string;
  /** Byte position of the cut: everything from here on was removed. */
  position: number;
  /** The offset the log continues at (the cut batch's first offset, as far as it is known). */
  offset: number;
  bytes: number;
  reason: string;
}

/** What opening a log did; tests and metrics read it to tell a clean open from a recovery, and open logs it. */
export interface RecoveryStats {
  cleanShutdown: boolean;
  /** The partition carried a corrupt-batch mark (batch-verifier.ts), so it was recovered from that segment. */
  markedCorrupt: boolean;
  segmentsOpened: number;
  /** Segments walked batch by batch; each got its offset and time indexes rebuilt. */
  segmentsRecovered: number;
  /** Batches read and CRC-checked. Zero on a clean open. */
  batchesScanned: number;
  /** Batch bytes read and CRC-checked. Zero on a clean open. */
  bytesScanned: number;
  bytesTruncated: number;
  segmentsDeleted: number;
  truncations: RecoveryTruncation[];
  /** Files holding bytes cut from a partition marked corrupt, kept rather than deleted. */
  quarantined: string[];
}

export function newRecoveryStats(cleanShutdown: boolean): RecoveryStats {
  return {
    cleanShutdown,
    markedCorrupt: false,
    segmentsOpened: 0,
    segmentsRecovered: 0,
    batchesScanned: 0,
    bytesScanned: 0,
    bytesTruncated: 0,
    segmentsDeleted: 0,
    truncations: [],
    quarantined: [],
  };
}

/**
 * One line saying what opening a log did, and its level: info when batches were scanned and indexes
 * rebuilt, or anything was cut, deleted or quarantined; debug otherwise (a clean open trusts the files).
 */
export function describeRecovery(name: string, s: RecoveryStats): { level: 'info' | 'debug'; text: string } {
  const how = s.markedCorrupt ? 'marked corrupt' : s.cleanShutdown ? 'clean shutdown' : 'unclean shutdown';
  const parts = [
    `${name}: opened after ${how}: ${s.segmentsOpened} segments, ${s.segmentsRecovered} scanned ` +
      `(${s.batchesScanned} batches, ${s.bytesScanned} bytes CRC-checked, indexes rebuilt)`,
  ];
  for (const t of s.truncations) {
    parts.push(
      `truncated ${t.file} at position ${t.position} (offset ${t.offset}, ${t.bytes} bytes): ${t.reason}`,
    );
  }
  if (s.segmentsDeleted > 0) parts.push(`deleted ${s.segmentsDeleted} later segments`);
  if (s.quarantined.length > 0) parts.push(`cut bytes kept in ${s.quarantined.join(', ')}`);
  // Rebuilding the indexes of an empty segment after a crash is not worth an info line per partition.
  const rebuilt = s.batchesScanned > 0 || (s.cleanShutdown && s.segmentsRecovered > 0);
  const changed = rebuilt || s.truncations.length > 0 || s.segmentsDeleted > 0;
  const level = changed || s.quarantined.length > 0 ? 'info' : 'debug';
  return { level, text: parts.join('; ') };
}

/** Called with the segment and the position recovery is about to cut it at (to keep the bytes first). */
export type BeforeTruncate = (segment: LogSegment, position: number) => void;

// Read size for the scan; batches bigger than this get a buffer of their own for the check.
const RECOVERY_CHUNK = 1024 * 1024;
let chunk: Buffer | null = null;

export interface SegmentRecovery {
  nextOffset: number;
  truncated: boolean;
}

/** Walks one segment from its start, rebuilding its indexes, and truncates it at the first bad batch. */
export function recoverSegment(
  segment: LogSegment,
  epochs: LeaderEpochCache | null,
  stats: RecoveryStats,
  beforeTruncate?: BeforeTruncate,
): SegmentRecovery {
  chunk ??= Buffer.allocUnsafeSlow(RECOVERY_CHUNK);
  segment.resetIndexes();
  const fileSize = segment.size;
  let buf = chunk;
  let bufStart = 0;
  let bufLen = 0;
  let pos = 0;
  let next = segment.baseOffset;
  let reason = 'torn batch header at the end of the file';
  while (fileSize - pos >= HEADER_SIZE) {
    if (pos + HEADER_SIZE > bufStart + bufLen) {
      buf = chunk;
      bufStart = pos;
      bufLen = segment.readAt(buf, 0, Math.min(buf.length, fileSize - pos), pos);
      if (bufLen < HEADER_SIZE) {
        reason = 'short read';
        break;
      }
    }
    let o = pos - bufStart;
    const batchLength = readInt32(buf, o + BATCH_LENGTH);
    if (batchLength < MIN_BATCH_LENGTH || batchLength > fileSize - pos - LOG_OVERHEAD) {
      reason = `batch length ${batchLength} with ${fileSize - pos} bytes left (torn or damaged)`;
      break;
    }
    const size = batchLength + LOG_OVERHEAD;
    const base = readInt64(buf, o);
    const delta = readInt32(buf, o + LAST_OFFSET_DELTA);
    const last = base + delta;
    if (!Number.isSafeInteger(last) || base < next || delta < 0 || last - segment.baseOffset > INT32_MAX) {
      reason = `offsets ${base}..${last} do not follow ${next - 1}`;
      break;
    }
    if (pos + size > bufStart + bufLen) {
      buf = size > chunk.length ? Buffer.allocUnsafeSlow(size) : chunk;
      bufStart = pos;
      bufLen = segment.readAt(buf, 0, Math.min(buf.length, fileSize - pos), pos);
      if (bufLen < size) {
        reason = 'short read';
        break;
      }
      o = 0;
    }
    const err = validateBatch(buf, o, o + size, VALIDATE_INTEGRITY);
    if (err !== 0) {
      reason = `batch at offset ${base} fails its magic or CRC-32C check (error ${err})`;
      break;
    }
    const epoch = readInt32(buf, o + PARTITION_LEADER_EPOCH);
    if (epochs !== null && epoch >= 0) epochs.assign(epoch, base, true);
    segment.indexBatch(last, pos, size, readInt64(buf, o + MAX_TIMESTAMP));
    stats.bytesScanned += size;
    stats.batchesScanned++;
    next = last + 1;
    pos += size;
  }
  const truncated = pos < fileSize;
  if (truncated) {
    beforeTruncate?.(segment, pos);
    stats.bytesTruncated += fileSize - pos;
    stats.truncations.push({
      file: path.basename(segment.logPath),
      position: pos,
      offset: next,
      bytes: fileSize - pos,
      reason,
    });
    segment.truncateLogFile(pos);
  }
  // Every byte kept was just checked.
  segment.verified.clear();
  segment.verified.add(0, pos);
  segment.recovered(next);
  stats.segmentsRecovered++;
  return { nextOffset: next, truncated };
}

/**
 * Recovers every segment that may hold offsets >= recoveryPoint (always the last one). Returns how many
 * segments survive; the caller deletes the rest (they follow a truncation or overlap an earlier one).
 */
export function recoverLog(
  segments: readonly LogSegment[],
  recoveryPoint: number,
  epochs: LeaderEpochCache | null,
  stats: RecoveryStats,
  beforeTruncate?: BeforeTruncate,
): number {
  let i = 0;
  while (i + 1 < segments.length && segments[i + 1]!.baseOffset <= recoveryPoint) i++;
  let expected = segments[i]?.baseOffset ?? 0;
  for (; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.baseOffset < expected) return i;
    const r = recoverSegment(segment, epochs, stats, beforeTruncate);
    expected = r.nextOffset;
    if (r.truncated) return i + 1;
  }
  return segments.length;
}
