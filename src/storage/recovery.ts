// Log recovery after an unclean shutdown (Kafka's LogLoader.recoverLog + LogSegment.recover). Every
// segment that may hold offsets at or past the recovery point is walked batch by batch: length in
// bounds, offsets increasing, CRC-32C right (validateBatch INTEGRITY). The first batch that fails ends
// the log: the file is truncated there, its indexes rebuilt on the way, later segments deleted.
// Nothing before that batch is touched, and no input makes this throw (only real I/O errors do).
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

/** What opening a log did; tests and metrics read it to tell a clean open from a recovery. */
export interface RecoveryStats {
  cleanShutdown: boolean;
  segmentsOpened: number;
  segmentsRecovered: number;
  /** Batch bytes read and CRC-checked. Zero on a clean open. */
  bytesScanned: number;
  bytesTruncated: number;
  segmentsDeleted: number;
}

export function newRecoveryStats(cleanShutdown: boolean): RecoveryStats {
  return {
    cleanShutdown,
    segmentsOpened: 0,
    segmentsRecovered: 0,
    bytesScanned: 0,
    bytesTruncated: 0,
    segmentsDeleted: 0,
  };
}

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
): SegmentRecovery {
  chunk ??= Buffer.allocUnsafeSlow(RECOVERY_CHUNK);
  segment.resetIndexes();
  const fileSize = segment.size;
  let buf = chunk;
  let bufStart = 0;
  let bufLen = 0;
  let pos = 0;
  let next = segment.baseOffset;
  while (fileSize - pos >= HEADER_SIZE) {
    if (pos + HEADER_SIZE > bufStart + bufLen) {
      buf = chunk;
      bufStart = pos;
      bufLen = segment.readAt(buf, 0, Math.min(buf.length, fileSize - pos), pos);
      if (bufLen < HEADER_SIZE) break;
    }
    let o = pos - bufStart;
    const batchLength = readInt32(buf, o + BATCH_LENGTH);
    if (batchLength < MIN_BATCH_LENGTH || batchLength > fileSize - pos - LOG_OVERHEAD) break;
    const size = batchLength + LOG_OVERHEAD;
    const base = readInt64(buf, o);
    const delta = readInt32(buf, o + LAST_OFFSET_DELTA);
    const last = base + delta;
    if (!Number.isSafeInteger(last) || base < next || delta < 0 || last - segment.baseOffset > INT32_MAX)
      break;
    if (pos + size > bufStart + bufLen) {
      buf = size > chunk.length ? Buffer.allocUnsafeSlow(size) : chunk;
      bufStart = pos;
      bufLen = segment.readAt(buf, 0, Math.min(buf.length, fileSize - pos), pos);
      if (bufLen < size) break;
      o = 0;
    }
    if (validateBatch(buf, o, o + size, VALIDATE_INTEGRITY) !== 0) break;
    const epoch = readInt32(buf, o + PARTITION_LEADER_EPOCH);
    if (epochs !== null && epoch >= 0) epochs.assign(epoch, base, true);
    segment.indexBatch(last, pos, size, readInt64(buf, o + MAX_TIMESTAMP));
    stats.bytesScanned += size;
    next = last + 1;
    pos += size;
  }
  const truncated = pos < fileSize;
  if (truncated) {
    stats.bytesTruncated += fileSize - pos;
    segment.truncateLogFile(pos);
  }
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
): number {
  let i = 0;
  while (i + 1 < segments.length && segments[i + 1]!.baseOffset <= recoveryPoint) i++;
  let expected = segments[i]?.baseOffset ?? 0;
  for (; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.baseOffset < expected) return i;
    const r = recoverSegment(segment, epochs, stats);
    expected = r.nextOffset;
    if (r.truncated) return i + 1;
  }
  return segments.length;
}
