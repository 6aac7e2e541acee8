// Record batch (magic 2) validation; same rules and codes as src/wasm/batch-ref.ts, which the tests
// hold it to byte for byte. The header layout is src/protocol/batch-layout.ts's, which AssemblyScript cannot
// import; test/batch-layout.test.ts checks these constants against it.
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
const COMPRESSION_MASK: u8 = 0x07;

function readInt32BE(p: usize): i32 {
  return <i32>bswap<u32>(load<u32>(p));
}

// AssemblyScript inlines only what is decorated @inline, and biome parses decorators only on class
// members, hence a class of static helpers. Inlined, the walk makes no calls (~15% faster).
// biome-ignore lint/complexity/noStaticOnlyClass: see above
class Field {
  /**
   * Zig-zag varint of at most 5 bytes starting at p and ending before `limit`, as Kafka's
   * ByteUtils.readVarint. Returns the value in the high half and the position after it in the low
   * half; a low half of 0 means malformed (no batch lives at address 0).
   */
  @inline static varint(p: usize, limit: usize): u64 {
    if (p >= limit) return 0;
    let b = <u32>load<u8>(p);
    // Most varints in a record (attributes aside: key and header lengths, counts) fit one byte.
    if (b < 0x80) return ((<u64>((b >>> 1) ^ (0 - (b & 1)))) << 32) | <u64>(p + 1);
    let raw = b & 0x7f;
    let q = p + 1;
    // Two bytes (64..8191 once unzigzagged) cover record lengths and offset deltas of small batches.
    if (q < limit) {
      const b1 = <u32>load<u8>(q);
      if (b1 < 0x80) {
        raw |= b1 << 7;
        return ((<u64>((raw >>> 1) ^ (0 - (raw & 1)))) << 32) | <u64>(q + 1);
      }
    }
    let shift: u32 = 7;
    while (true) {
      if (q >= limit || shift > 28) return 0;
      b = <u32>load<u8>(q++);
      raw |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    return ((<u64>((raw >>> 1) ^ (0 - (raw & 1)))) << 32) | <u64>q;
  }

  /**
   * Skips a length-prefixed byte field at q inside [.., limit); `minLength` is -1 where null is
   * allowed, else 0. Returns the position after it, or 0 if malformed.
   */
  @inline static skipBytes(q: usize, limit: usize, minLength: i32): usize {
    if (q >= limit) return 0;
    // A one-byte length of 0..63, the usual key and header, needs no varint loop.
    const b = <u32>load<u8>(q);
    if ((b & 0x81) === 0) {
      q += 1 + <usize>(b >>> 1);
      return q <= limit ? q : 0;
    }
    const v = Field.varint(q, limit);
    q = <usize>(<u32>v);
    const len = <i32>(v >>> 32);
    if (q === 0 || len < minLength || <isize>len > <isize>(limit - q)) return 0;
    return len > 0 ? q + <usize>len : q;
  }
}

/** Record-level checks of memory[p, end): same rules, order and codes as walkRecordsRef. */
export function walkRecords(p: usize, end: usize, recordCount: i32): i32 {
  let index: i32 = 0;
  while (p < end) {
    let v = Field.varint(p, end);
    let q = <usize>(<u32>v);
    const length = <i32>(v >>> 32);
    if (q === 0 || length < 1 || <usize>length > end - q) return CORRUPT_MESSAGE;
    const recordEnd = q + <usize>length;
    q++; // attributes: unused by magic 2
    // Timestamp delta: a varlong of at most 10 bytes, skipped.
    let n = 0;
    while (true) {
      if (q >= recordEnd || n === 10) return CORRUPT_MESSAGE;
      n++;
      if (load<u8>(q++) < 0x80) break;
    }
    v = Field.varint(q, recordEnd);
    q = <usize>(<u32>v);
    if (q === 0) return CORRUPT_MESSAGE;
    const offsetDelta = <i32>(v >>> 32);
    q = Field.skipBytes(q, recordEnd, -1); // key
    if (q === 0) return CORRUPT_MESSAGE;
    q = Field.skipBytes(q, recordEnd, -1); // value
    if (q === 0) return CORRUPT_MESSAGE;
    v = Field.varint(q, recordEnd);
    q = <usize>(<u32>v);
    const headerCount = <i32>(v >>> 32);
    if (q === 0 || headerCount < 0) return CORRUPT_MESSAGE;
    for (let h: i32 = 0; h < headerCount; h++) {
      q = Field.skipBytes(q, recordEnd, 0);
      if (q === 0) return CORRUPT_MESSAGE;
      q = Field.skipBytes(q, recordEnd, -1);
      if (q === 0) return CORRUPT_MESSAGE;
    }
    if (q !== recordEnd) return CORRUPT_MESSAGE;
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
  const codec = load<u8>(ptr + ATTRIBUTES_OFFSET + 1) & COMPRESSION_MASK;
  if (codec > 4) return CORRUPT_MESSAGE;
  if (mode !== VALIDATE_PRODUCE) return NONE;

  const recordCount = readInt32BE(ptr + RECORD_COUNT_OFFSET);
  if (recordCount < 1) return INVALID_RECORD;
  if (readInt32BE(ptr + LAST_OFFSET_DELTA_OFFSET) !== recordCount - 1) return INVALID_RECORD;
  if (codec !== 0) return NONE;
  return walkRecords(ptr + RECORDS_OFFSET, ptr + size, recordCount);
}
