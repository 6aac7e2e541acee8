// Batch framing walks for the broker: one step per record batch (never per record), reading only the
// length field, so the main thread can bound sizes and split at batch boundaries without decoding.
import { ErrorCode } from '../protocol/errors.js';

/** baseOffset (8) + batchLength (4): bytes of a batch not counted in batchLength. */
export const LOG_OVERHEAD = 12;
const BATCH_LENGTH_OFFSET = 8;
const MAGIC_OFFSET = 16;
/** Smallest legal batchLength: the v2 header (61 bytes) minus LOG_OVERHEAD. */
const MIN_BATCH_LENGTH = 49;

function readInt32(b: Uint8Array, o: number): number {
  return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
}

/**
 * Checks that `records` is whole magic-2 batches, each at most maxBatchBytes (header included). Returns
 * NONE, MESSAGE_TOO_LARGE, CORRUPT_MESSAGE (bad framing) or UNSUPPORTED_FOR_MESSAGE_FORMAT (magic < 2).
 * CRCs and record contents are the storage's job.
 */
export function checkBatchFraming(records: Uint8Array, maxBatchBytes: number): number {
  const len = records.length;
  if (len === 0) return ErrorCode.CORRUPT_MESSAGE;
  let pos = 0;
  while (pos < len) {
    if (len - pos < LOG_OVERHEAD + 5) return ErrorCode.CORRUPT_MESSAGE;
    const batchLength = readInt32(records, pos + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) return ErrorCode.CORRUPT_MESSAGE;
    const size = batchLength + LOG_OVERHEAD;
    if (size > len - pos) return ErrorCode.CORRUPT_MESSAGE;
    if (records[pos + MAGIC_OFFSET] !== 2) return ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT;
    if (size > maxBatchBytes) return ErrorCode.MESSAGE_TOO_LARGE;
    pos += size;
  }
  return ErrorCode.NONE;
}

const ATTRIBUTES_LOW_BYTE = 22;
const ZSTD = 4;

/** True when a batch in `records` (framing already checked) is zstd, which Produce before v7 may not carry. */
export function hasZstdBatch(records: Uint8Array): boolean {
  for (
    let pos = 0;
    pos < records.length;
    pos += readInt32(records, pos + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD
  ) {
    if ((records[pos + ATTRIBUTES_LOW_BYTE]! & 0x07) === ZSTD) return true;
  }
  return false;
}

const TRANSACTIONAL_BIT = 0x10;

/**
 * True when a batch in `records` is transactional (Kafka's RecordBatch.isTransactional). Safe on framing not
 * yet checked: it stops at the first batch that does not fit.
 */
export function hasTransactionalBatch(records: Uint8Array): boolean {
  const len = records.length;
  let pos = 0;
  while (pos + ATTRIBUTES_LOW_BYTE < len) {
    if ((records[pos + ATTRIBUTES_LOW_BYTE]! & TRANSACTIONAL_BIT) !== 0) return true;
    const batchLength = readInt32(records, pos + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) return false;
    pos += batchLength + LOG_OVERHEAD;
  }
  return false;
}

/** Length of the longest prefix of whole batches in `records` that fits in `limit` bytes. */
export function wholeBatchesWithin(records: Uint8Array, limit: number): number {
  const len = records.length;
  if (len <= limit) return len;
  let pos = 0;
  while (len - pos >= LOG_OVERHEAD) {
    const size = readInt32(records, pos + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD;
    if (size <= LOG_OVERHEAD || pos + size > limit) break;
    pos += size;
  }
  return pos;
}
