// The few magic-2 batch header fields the log reads or patches. Offsets from the start of a batch, as in
// implementation.html ("Record Batch"). The log never decodes records on the produce or fetch path.
import { BatchAttributes, BatchHeader, LOG_OVERHEAD } from '../protocol/batch-layout.js';

export const BASE_OFFSET = BatchHeader.BASE_OFFSET;
export const BATCH_LENGTH = BatchHeader.BATCH_LENGTH;
export const CRC = BatchHeader.CRC;
export const PARTITION_LEADER_EPOCH = BatchHeader.PARTITION_LEADER_EPOCH;
export const MAGIC = BatchHeader.MAGIC;
export const ATTRIBUTES = BatchHeader.ATTRIBUTES;
export const LAST_OFFSET_DELTA = BatchHeader.LAST_OFFSET_DELTA;
export const BASE_TIMESTAMP = BatchHeader.BASE_TIMESTAMP;
export const MAX_TIMESTAMP = BatchHeader.MAX_TIMESTAMP;
export const PRODUCER_ID = BatchHeader.PRODUCER_ID;
export const PRODUCER_EPOCH = BatchHeader.PRODUCER_EPOCH;
export const BASE_SEQUENCE = BatchHeader.BASE_SEQUENCE;
export const RECORD_COUNT = BatchHeader.RECORD_COUNT;
export const RECORDS: number = BatchHeader.SIZE;
export { LOG_OVERHEAD };

/** Fixed header of a magic-2 batch; a batch is never shorter. */
export const HEADER_SIZE: number = BatchHeader.SIZE;
/** Smallest legal batchLength value (a header without records). */
export const MIN_BATCH_LENGTH = HEADER_SIZE - LOG_OVERHEAD;
export const NO_TIMESTAMP = -1;
export const NO_PARTITION_LEADER_EPOCH = -1;
export const COMPRESSION_MASK = BatchAttributes.COMPRESSION_MASK;
export const TIMESTAMP_TYPE_LOG_APPEND = BatchAttributes.TIMESTAMP_LOG_APPEND;
export const TRANSACTIONAL = BatchAttributes.TRANSACTIONAL;
export const CONTROL = BatchAttributes.CONTROL;
export const DELETE_HORIZON_FLAG = BatchAttributes.DELETE_HORIZON;
export const INT32_MAX = 0x7fffffff;

const TWO_32 = 4294967296;

export function readInt16(buf: Uint8Array, p: number): number {
  return ((buf[p]! << 24) | (buf[p + 1]! << 16)) >> 16;
}

export function readInt32(buf: Uint8Array, p: number): number {
  return (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
}

export function writeInt32(buf: Uint8Array, p: number, v: number): void {
  buf[p] = v >>> 24;
  buf[p + 1] = v >>> 16;
  buf[p + 2] = v >>> 8;
  buf[p + 3] = v;
}

/** Big-endian int64 as a JS number, without a BigInt. Exact for |v| < 2^53, which offsets never reach. */
export function readInt64(buf: Uint8Array, p: number): number {
  return readInt32(buf, p) * TWO_32 + (readInt32(buf, p + 4) >>> 0);
}

export function writeInt64(buf: Uint8Array, p: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  writeInt32(buf, p, hi | 0);
  writeInt32(buf, p + 4, (v - hi * TWO_32) >>> 0);
}

/** Position after the varint readVarlongAt last read, or -1 if it was malformed (no allocation per read). */
export let varintEnd = 0;

/** Reads a zig-zag varint (up to 10 bytes, as a double) at p before limit; sets varintEnd, -1 on error. */
export function readVarlongAt(buf: Uint8Array, p: number, limit: number): number {
  let value = 0;
  let scale = 1;
  for (let n = 0; n < 10; n++) {
    if (p >= limit) break;
    const b = buf[p++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      varintEnd = p;
      // Zig-zag decode in doubles: even values are positive.
      return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    }
    scale *= 128;
  }
  varintEnd = -1;
  return 0;
}
