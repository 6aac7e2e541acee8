// Never serve a damaged stored batch. Every batch a read hands out is checked once per process: length in
// bounds, magic 2, CRC-32C over attributes to end (the native kernel checks 14-20 GB per CPU-second, see
// docs/PERFORMANCE.md), offsets increasing and inside the segment. What passed, or was appended by this
// process (validated on the way in), is remembered per segment as byte ranges, so hot re-reads cost one
// range lookup; the ranges live in memory only, so bytes that changed on disk while the broker was down are
// checked on their first read after the restart. The background scrub (scrubber.ts) uses the same check.
//
// A batch that fails is a CorruptBatch: the partition log logs it once, refuses reads at and past its
// offset (CORRUPT_BATCH_READ_ERROR) and appends (KAFKA_STORAGE_ERROR), and writes CORRUPT_BATCH_FILE so
// the next open recovers from that segment (see log.ts and docs/ARCHITECTURE.md, "Corrupt batches").
//
// Limit: at most MAX_VERIFIED_RANGES ranges per segment; past it the smallest range is forgotten (its
// bytes are simply checked again when next read).
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { VALIDATE_INTEGRITY, validateBatch } from '../wasm/index.js';
import {
  BATCH_LENGTH,
  HEADER_SIZE,
  INT32_MAX,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MIN_BATCH_LENGTH,
  readInt32,
  readInt64,
} from './batch.js';
import { parseOffset, readCheckpointFile, writeCheckpointFile } from './checkpoint-file.js';

export const MAX_VERIFIED_RANGES = 8;

/**
 * Error of a read at or past a damaged batch. Not KAFKA_STORAGE_ERROR: Java, librdkafka and Runnel's
 * client take that as "ask another replica" and refresh metadata and retry forever, which on one broker
 * means kcat -e hangs. CORRUPT_MESSAGE is what Kafka answers for a CorruptRecordException on the read
 * path, and those clients hand it to the application (kcat exits with "Broker: Invalid message").
 */
export const CORRUPT_BATCH_READ_ERROR = ErrorCode.CORRUPT_MESSAGE;

/** Written into a partition directory when a corrupt batch is found; the next open recovers from there. */
export const CORRUPT_BATCH_FILE = 'corrupt-batch-checkpoint';
/** Suffix of the bytes recovery cut from a partition marked corrupt: kept for an operator, never read. */
export const QUARANTINE_SUFFIX = '.corrupt';
const CORRUPT_BATCH_VERSION = 0;

/** Sorted, disjoint, non-touching byte ranges [start, end) of a segment file known to hold good batches. */
export class VerifiedRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get count(): number {
    return this.starts.length;
  }

  /** True when [start, end) lies inside one verified range. */
  covers(start: number, end: number): boolean {
    const s = this.starts;
    for (let i = s.length - 1; i >= 0; i--) {
      if (s[i]! <= start) return this.ends[i]! >= end;
    }
    return false;
  }

  /** Marks [start, end) verified, merging with ranges it overlaps or touches. */
  add(start: number, end: number): void {
    if (end <= start) return;
    const s = this.starts;
    const e = this.ends;
    // Common case: extending the last range (appends, a reader moving forward).
    const last = s.length - 1;
    if (last >= 0 && s[last]! <= start && start <= e[last]!) {
      if (end > e[last]!) e[last] = end;
      return;
    }
    let i = 0;
    while (i < s.length && e[i]! < start) i++;
    let j = i;
    let lo = start;
    let hi = end;
    while (j < s.length && s[j]! <= end) {
      lo = Math.min(lo, s[j]!);
      hi = Math.max(hi, e[j]!);
      j++;
    }
    s.splice(i, j - i, lo);
    e.splice(i, j - i, hi);
    if (s.length > MAX_VERIFIED_RANGES) {
      let smallest = 0;
      for (let k = 1; k < s.length; k++) if (e[k]! - s[k]! < e[smallest]! - s[smallest]!) smallest = k;
      s.splice(smallest, 1);
      e.splice(smallest, 1);
    }
  }

  /** The file was cut to `size` bytes. */
  truncate(size: number): void {
    const s = this.starts;
    const e = this.ends;
    while (s.length > 0 && s[s.length - 1]! >= size) {
      s.pop();
      e.pop();
    }
    if (e.length > 0 && e[e.length - 1]! > size) e[e.length - 1] = size;
  }

  clear(): void {
    this.starts.length = 0;
    this.ends.length = 0;
  }
}

/** Where a stored batch failed its check. */
export interface CorruptBatch {
  /** The segment's .log file. */
  file: string;
  segmentBaseOffset: number;
  /** Byte position of the batch in the file. */
  position: number;
  /** First offset not known to be good: reads at or past it are refused. */
  offset: number;
  reason: string;
}

/** A read met a damaged batch before any good one. */
export class CorruptBatchError extends KafkaError {
  readonly corruption: CorruptBatch;
  constructor(corruption: CorruptBatch) {
    super(
      CORRUPT_BATCH_READ_ERROR,
      `${corruption.file}: corrupt batch at position ${corruption.position}, offset ${corruption.offset}: ${corruption.reason}`,
    );
    this.corruption = corruption;
  }
}

/** What checkStoredBatch found wrong with the batch at buf[start, start + size), or null if it is good. */
export function checkStoredBatch(
  buf: Uint8Array,
  start: number,
  size: number,
  segmentBaseOffset: number,
  previousLastOffset: number,
): string | null {
  const batchLength = readInt32(buf, start + BATCH_LENGTH);
  if (batchLength < MIN_BATCH_LENGTH || batchLength + LOG_OVERHEAD !== size)
    return `batch length ${batchLength}`;
  const base = readInt64(buf, start);
  const delta = readInt32(buf, start + LAST_OFFSET_DELTA);
  if (!Number.isSafeInteger(base) || base < segmentBaseOffset || base <= previousLastOffset || delta < 0)
    return `base offset ${base} after ${previousLastOffset} (segment base ${segmentBaseOffset})`;
  if (base + delta - segmentBaseOffset > INT32_MAX) return `last offset delta ${delta}`;
  const err = validateBatch(buf, start, start + size, VALIDATE_INTEGRITY);
  if (err !== ErrorCode.NONE) return `magic or CRC-32C mismatch (error ${err})`;
  return null;
}

/** The part of a segment verifyRead needs. */
export interface VerifiedSegment {
  readonly logPath: string;
  readonly baseOffset: number;
  readonly verified: VerifiedRanges;
}

/**
 * Checks the whole batches in buf[0, length), read from `position` of the segment's file for a fetch at
 * `fetchOffset`, skipping bytes verified before. Returns the length of the good prefix (when that is short
 * of `length`, takeReadCorruption says why); throws CorruptBatchError when the first batch is bad.
 */
export function verifyRead(
  seg: VerifiedSegment,
  buf: Uint8Array,
  length: number,
  position: number,
  fetchOffset: number,
): number {
  const ranges = seg.verified;
  if (ranges.covers(position, position + length)) return length;
  let p = 0;
  let previousLast = -1;
  let runStart = -1;
  while (p + HEADER_SIZE <= length) {
    const size = readInt32(buf, p + BATCH_LENGTH) + LOG_OVERHEAD;
    if (size < HEADER_SIZE || p + size > length) break; // the caller passed whole batches; defensive
    const at = position + p;
    if (!ranges.covers(at, at + size)) {
      const reason = checkStoredBatch(buf, p, size, seg.baseOffset, previousLast);
      if (reason !== null) {
        if (runStart >= 0) ranges.add(runStart, at);
        const base = readInt64(buf, p);
        const offset =
          p > 0 ? previousLast + 1 : base >= seg.baseOffset ? Math.min(base, fetchOffset) : fetchOffset;
        const corruption = {
          file: seg.logPath,
          segmentBaseOffset: seg.baseOffset,
          position: at,
          offset,
          reason,
        };
        if (p === 0) throw new CorruptBatchError(corruption);
        readCorruption = corruption;
        return p;
      }
      if (runStart < 0) runStart = at;
    } else if (runStart >= 0) {
      ranges.add(runStart, at);
      runStart = -1;
    }
    previousLast = readInt64(buf, p) + readInt32(buf, p + LAST_OFFSET_DELTA);
    p += size;
  }
  if (runStart >= 0) ranges.add(runStart, position + p);
  return p;
}

// Set by verifyRead when it returned a prefix short of a damaged batch (one log per thread, reads never nest).
let readCorruption: CorruptBatch | null = null;

/** The damaged batch the last verifyRead stopped before, if any; clears it. */
export function takeReadCorruption(): CorruptBatch | null {
  const c = readCorruption;
  readCorruption = null;
  return c;
}

/** Persists the mark: the next open recovers from the damaged segment on, whatever the other markers say. */
export function writeCorruptBatchFile(dir: string, c: CorruptBatch): void {
  writeCheckpointFile(path.join(dir, CORRUPT_BATCH_FILE), CORRUPT_BATCH_VERSION, [
    `${c.segmentBaseOffset} ${c.position} ${c.offset}`,
  ]);
}

/** The marked segment's base offset, or -1 when the partition is not marked (a damaged file counts as marked at 0). */
export function readCorruptBatchFile(dir: string): number {
  const file = path.join(dir, CORRUPT_BATCH_FILE);
  if (!fs.existsSync(file)) return -1;
  const entry = readCheckpointFile(file, CORRUPT_BATCH_VERSION, 3)?.[0];
  const base = parseOffset(entry?.[0]);
  return Math.max(base, 0);
}

/** Copies file[from, end) to `<file>.<ms>.corrupt` before recovery cuts it; returns the copy's name. */
export function quarantineTail(file: string, from: number, now = Date.now()): string {
  const target = `${file}.${now}${QUARANTINE_SUFFIX}`;
  const src = fs.openSync(file, 'r');
  const dst = fs.openSync(target, 'w');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let pos = from;
    let n: number;
    while ((n = fs.readSync(src, buf, 0, buf.length, pos)) > 0) {
      fs.writeSync(dst, buf, 0, n);
      pos += n;
    }
    fs.fsyncSync(dst);
  } finally {
    fs.closeSync(src);
    fs.closeSync(dst);
  }
  return path.basename(target);
}
