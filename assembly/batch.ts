// Record batch (magic 2) validation; same rules and codes as src/wasm/batch-ref.ts, which the tests
// hold it to byte for byte.
import { crc32c } from './crc32c';

const NONE: i32 = 0;
const CORRUPT_MESSAGE: i32 = 2;
const UNSUPPORTED_FOR_MESSAGE_FORMAT: i32 = 43;
const INVALID_RECORD: i32 = 87;

const VALIDATE_PRODUCE: i32 = 1;

const BATCH_LENGTH_OFFSET: usize = 8;
const MAGIC_OFFSET: usize = 16;
const CRC_OFFSET: usize = 17;
const ATTRIBUTES_OFFSET: usize = 21;
const LAST_OFFSET_DELTA_OFFSET: usize = 23;
const RECORD_COUNT_OFFSET: usize = 57;
const RECORDS_OFFSET: usize = 61;
const LOG_OVERHEAD: usize = 12;

// Read position shared by the varint readers; 0 after an overrun (no batch lives at address 0).
let cursor: usize = 0;

function readInt32BE(p: usize): i32 {
  return <i32>bswap<u32>(load<u32>(p));
}

/** Zig-zag varint of at most 5 bytes ending before `limit`, as Kafka's ByteUtils.readVarint. */
function readVarint(limit: usize): i32 {
  let p = cursor;
  let raw: u32 = 0;
  let shift: u32 = 0;
  while (true) {
    if (p >= limit || shift > 28) {
      cursor = 0;
      return 0;
    }
    const b = <u32>load<u8>(p++);
    raw |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  cursor = p;
  return <i32>((raw >>> 1) ^ (0 - (raw & 1)));
}

function skipVarlong(limit: usize): void {
  let p = cursor;
  for (let n = 0; n < 10; n++) {
    if (p >= limit) break;
    if (load<u8>(p++) < 0x80) {
      cursor = p;
      return;
    }
  }
  cursor = 0;
}

function skipBytes(limit: usize, minLength: i32): void {
  const len = readVarint(limit);
  if (cursor === 0) return;
  if (len < minLength || <isize>len > <isize>(limit - cursor)) cursor = 0;
  else if (len > 0) cursor += <usize>len;
}

function walkRecords(p: usize, end: usize, recordCount: i32): i32 {
  let index: i32 = 0;
  while (p < end) {
    cursor = p;
    const length = readVarint(end);
    if (cursor === 0 || length < 1 || <usize>length > end - cursor) return CORRUPT_MESSAGE;
    const recordEnd = cursor + <usize>length;
    cursor++; // attributes: unused by magic 2
    skipVarlong(recordEnd);
    if (cursor === 0) return CORRUPT_MESSAGE;
    const offsetDelta = readVarint(recordEnd);
    if (cursor === 0) return CORRUPT_MESSAGE;
    skipBytes(recordEnd, -1);
    if (cursor === 0) return CORRUPT_MESSAGE;
    skipBytes(recordEnd, -1);
    if (cursor === 0) return CORRUPT_MESSAGE;
    const headerCount = readVarint(recordEnd);
    if (cursor === 0 || headerCount < 0) return CORRUPT_MESSAGE;
    for (let h: i32 = 0; h < headerCount; h++) {
      skipBytes(recordEnd, 0);
      if (cursor === 0) return CORRUPT_MESSAGE;
      skipBytes(recordEnd, -1);
      if (cursor === 0) return CORRUPT_MESSAGE;
    }
    if (cursor !== recordEnd) return CORRUPT_MESSAGE;
    if (offsetDelta !== index) return INVALID_RECORD;
    index++;
    p = recordEnd;
  }
  return index === recordCount ? NONE : CORRUPT_MESSAGE;
}

/** Checks the batch at memory[ptr, ptr+size). The caller guarantees ptr > 0 and the range is mapped. */
export function validateBatch(ptr: usize, size: usize, mode: i32): i32 {
  if (size <= MAGIC_OFFSET) return CORRUPT_MESSAGE;
  const magic = load<u8>(ptr + MAGIC_OFFSET);
  if (magic === 0 || magic === 1) return UNSUPPORTED_FOR_MESSAGE_FORMAT;
  if (magic !== 2) return CORRUPT_MESSAGE;
  if (size < RECORDS_OFFSET) return CORRUPT_MESSAGE;
  if (<usize>readInt32BE(ptr + BATCH_LENGTH_OFFSET) !== size - LOG_OVERHEAD) return CORRUPT_MESSAGE;
  const storedCrc = bswap<u32>(load<u32>(ptr + CRC_OFFSET));
  if (crc32c(ptr + ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET, 0) !== storedCrc) return CORRUPT_MESSAGE;
  const codec = load<u8>(ptr + ATTRIBUTES_OFFSET + 1) & 7;
  if (codec > 4) return CORRUPT_MESSAGE;
  if (mode !== VALIDATE_PRODUCE) return NONE;

  const recordCount = readInt32BE(ptr + RECORD_COUNT_OFFSET);
  if (recordCount < 1) return INVALID_RECORD;
  if (readInt32BE(ptr + LAST_OFFSET_DELTA_OFFSET) !== recordCount - 1) return INVALID_RECORD;
  if (codec !== 0) return NONE;
  return walkRecords(ptr + RECORDS_OFFSET, ptr + size, recordCount);
}
