// Pure TypeScript record batch (magic 2) validation. The reference the WASM kernel is tested
// against, and the fallback where WASM loses. Allocation-free: varint readers share `cursor`.
import { BatchAttributes, BatchHeader, LOG_OVERHEAD } from '../protocol/batch-layout.js';
import { ErrorCode } from '../protocol/errors.js';
import { crc32cRef } from './crc32c-ref.js';

/** Length, magic and CRC only: what log recovery needs to find the first torn batch. */
export const VALIDATE_INTEGRITY = 0;
/** Integrity plus record-level checks, for batches a producer sent. */
export const VALIDATE_PRODUCE = 1;

export const BATCH_LENGTH_OFFSET = BatchHeader.BATCH_LENGTH;
export const MAGIC_OFFSET = BatchHeader.MAGIC;
export const CRC_OFFSET = BatchHeader.CRC;
export const ATTRIBUTES_OFFSET = BatchHeader.ATTRIBUTES;
export const LAST_OFFSET_DELTA_OFFSET = BatchHeader.LAST_OFFSET_DELTA;
export const RECORD_COUNT_OFFSET = BatchHeader.RECORD_COUNT;
export const RECORDS_OFFSET = BatchHeader.SIZE;
export { LOG_OVERHEAD };

const CORRUPT = ErrorCode.CORRUPT_MESSAGE;
const INVALID_RECORD = ErrorCode.INVALID_RECORD;
const COMPRESSION_MASK = BatchAttributes.COMPRESSION_MASK;
const MAX_CODEC = 4; // zstd

// Read position shared by the varint readers; -1 after an overrun or an over-long varint.
let cursor = 0;

/** Zig-zag varint (at most 5 bytes, as Kafka's ByteUtils.readVarint) ending before `limit`. */
function readVarint(buf: Uint8Array, limit: number): number {
  let p = cursor;
  let raw = 0;
  let shift = 0;
  for (;;) {
    if (p >= limit || shift > 28) {
      cursor = -1;
      return 0;
    }
    const b = buf[p++]!;
    raw |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  cursor = p;
  return (raw >>> 1) ^ -(raw & 1);
}

/** Skips a varlong (at most 10 bytes); the record's timestamp delta is not needed to validate. */
function skipVarlong(buf: Uint8Array, limit: number): void {
  let p = cursor;
  for (let n = 0; n < 10; n++) {
    if (p >= limit) break;
    if (buf[p++]! < 0x80) {
      cursor = p;
      return;
    }
  }
  cursor = -1;
}

/** Skips a length-prefixed byte field; `minLength` is -1 where null is allowed, else 0. */
function skipBytes(buf: Uint8Array, limit: number, minLength: number): void {
  const len = readVarint(buf, limit);
  if (cursor < 0) return;
  if (len < minLength || len > limit - cursor) cursor = -1;
  else if (len > 0) cursor += len;
}

function readInt32(buf: Uint8Array, p: number): number {
  return (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
}

/** CRC-32C of buf[start, end); lets the dispatcher in index.ts bring a faster backend. */
export type CrcFn = (buf: Uint8Array, start: number, end: number) => number;
/** Record-level walk over buf[start, end); returns 0 or a Kafka error code. */
export type WalkFn = (buf: Uint8Array, start: number, end: number, recordCount: number) => number;

/**
 * Checks one magic-2 record batch occupying exactly buf[start, end). Returns 0 (NONE) or a Kafka
 * error code; never throws. In PRODUCE mode uncompressed records are walked one by one.
 */
export function validateBatchRef(buf: Uint8Array, start: number, end: number, mode: number): number {
  return validateBatchWith(buf, start, end, mode, crc32cRef, walkRecordsRef);
}

/** validateBatchRef with the CRC and the record walk supplied; the rules and their order stay here. */
export function validateBatchWith(
  buf: Uint8Array,
  start: number,
  end: number,
  mode: number,
  crc: CrcFn,
  walk: WalkFn,
): number {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > buf.length || start > end) {
    return CORRUPT;
  }
  const size = end - start;
  // Magic sits at the same offset in the legacy formats, so report those as unsupported even when
  // they are shorter than a v2 header.
  if (size <= MAGIC_OFFSET) return CORRUPT;
  const magic = buf[start + MAGIC_OFFSET]!;
  if (magic === 0 || magic === 1) return ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT;
  if (magic !== 2) return CORRUPT;
  if (size < RECORDS_OFFSET) return CORRUPT;
  if (readInt32(buf, start + BATCH_LENGTH_OFFSET) !== size - LOG_OVERHEAD) return CORRUPT;
  const storedCrc = readInt32(buf, start + CRC_OFFSET) >>> 0;
  if (crc(buf, start + ATTRIBUTES_OFFSET, end) !== storedCrc) return CORRUPT;
  const codec = buf[start + ATTRIBUTES_OFFSET + 1]! & COMPRESSION_MASK;
  if (codec > MAX_CODEC) return CORRUPT;
  if (mode !== VALIDATE_PRODUCE) return ErrorCode.NONE;

  const recordCount = readInt32(buf, start + RECORD_COUNT_OFFSET);
  if (recordCount < 1) return INVALID_RECORD;
  if (readInt32(buf, start + LAST_OFFSET_DELTA_OFFSET) !== recordCount - 1) return INVALID_RECORD;
  if (codec !== 0) return ErrorCode.NONE;
  return walk(buf, start + RECORDS_OFFSET, end, recordCount);
}

/** Walks the records in buf[p, end): each must parse to its declared length, with offset delta = index. */
export function walkRecordsRef(buf: Uint8Array, p: number, end: number, recordCount: number): number {
  let index = 0;
  while (p < end) {
    cursor = p;
    const length = readVarint(buf, end);
    if (cursor < 0 || length < 1 || length > end - cursor) return CORRUPT;
    const recordEnd = cursor + length;
    cursor++; // attributes: unused by magic 2, not checked
    skipVarlong(buf, recordEnd);
    if (cursor < 0) return CORRUPT;
    const offsetDelta = readVarint(buf, recordEnd);
    if (cursor < 0) return CORRUPT;
    skipBytes(buf, recordEnd, -1); // key
    if (cursor < 0) return CORRUPT;
    skipBytes(buf, recordEnd, -1); // value
    if (cursor < 0) return CORRUPT;
    const headerCount = readVarint(buf, recordEnd);
    if (cursor < 0 || headerCount < 0) return CORRUPT;
    // Each header takes at least two bytes, so a huge count fails on bounds within a few steps.
    for (let h = 0; h < headerCount; h++) {
      skipBytes(buf, recordEnd, 0);
      if (cursor < 0) return CORRUPT;
      skipBytes(buf, recordEnd, -1);
      if (cursor < 0) return CORRUPT;
    }
    if (cursor !== recordEnd) return CORRUPT;
    if (offsetDelta !== index) return INVALID_RECORD;
    index++;
    p = recordEnd;
  }
  return index === recordCount ? ErrorCode.NONE : CORRUPT;
}
