// Builds one record batch (magic 2) in place: each record is encoded straight into the batch buffer
// as it is appended, so the producer allocates nothing per record. The 61-byte header is written
// when the batch is sealed; producer id, epoch and base sequence are stamped (and the CRC taken)
// when the batch is first sent, and again only if the producer id is reset.
import { Buffer } from 'node:buffer';
import { BatchAttributes, BatchHeader, LOG_OVERHEAD } from '../protocol/batch-layout.js';
import { crc32c } from '../wasm/index.js';
import { codecFor } from './compression.js';

export const BATCH_HEADER_SIZE: number = BatchHeader.SIZE;
const {
  BATCH_LENGTH,
  PARTITION_LEADER_EPOCH,
  MAGIC,
  CRC,
  ATTRIBUTES,
  LAST_OFFSET_DELTA,
  BASE_TIMESTAMP,
  MAX_TIMESTAMP,
  PRODUCER_ID,
  PRODUCER_EPOCH,
  BASE_SEQUENCE,
  RECORD_COUNT,
} = BatchHeader;

const TWO_POW_32 = 4294967296;

export type Bytes = Uint8Array | string;

export interface HeaderEntry {
  key: string;
  value: Bytes | null;
}

/** Record headers: a list (keeps order and repeats) or an object of key -> value. */
export type RecordHeaders = readonly HeaderEntry[] | { readonly [key: string]: Bytes | null };

/** UTF-8 length; short ASCII strings (most keys) are measured without a native call. */
export function utf8Length(s: string): number {
  const n = s.length;
  if (n > 32) return Buffer.byteLength(s, 'utf8');
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  return n;
}

function bytesLength(v: Bytes | null | undefined): number {
  if (v === null || v === undefined) return -1;
  return typeof v === 'string' ? utf8Length(v) : v.length;
}

/** Size of the zig-zag varint of a 32-bit signed value. */
function varintSize(v: number): number {
  const z = ((v << 1) ^ (v >> 31)) >>> 0;
  if (z < 0x80) return 1;
  if (z < 0x4000) return 2;
  if (z < 0x200000) return 3;
  if (z < 0x10000000) return 4;
  return 5;
}

function varlongSize(v: number): number {
  if (v >= -0x40000000 && v < 0x40000000) return varintSize(v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (z >= 0x80) {
    z = Math.floor(z / 128);
    n++;
  }
  return n;
}

function writeVarint(b: Buffer, p: number, v: number): number {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  while (z >= 0x80) {
    b[p++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  b[p++] = z;
  return p;
}

function writeVarlong(b: Buffer, p: number, v: number): number {
  if (v >= -0x40000000 && v < 0x40000000) return writeVarint(b, p, v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  while (z >= 0x80) {
    b[p++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  b[p++] = z;
  return p;
}

function writeInt64(b: Buffer, p: number, v: number): void {
  const hi = Math.floor(v / TWO_POW_32);
  b.writeInt32BE(hi | 0, p);
  b.writeUInt32BE(v - hi * TWO_POW_32, p + 4);
}

/** Writes a length-prefixed bytes field whose length `n` was measured already. */
function writeBytes(b: Buffer, p: number, v: Bytes | null | undefined, n: number): number {
  if (n < 0) {
    b[p] = 1; // zig-zag of -1
    return p + 1;
  }
  p = writeVarint(b, p, n);
  if (typeof v === 'string') {
    if (n === v.length && n <= 32) {
      for (let i = 0; i < n; i++) b[p + i] = v.charCodeAt(i);
    } else {
      b.write(v, p, n, 'utf8');
    }
  } else if (n > 0) {
    b.set(v as Uint8Array, p);
  }
  return p + n;
}

function headersSize(headers: RecordHeaders | undefined): number {
  if (headers === undefined) return 1;
  let count = 0;
  let size = 0;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i++) {
      const h = (headers as readonly HeaderEntry[])[i]!;
      const k = utf8Length(h.key);
      const v = bytesLength(h.value);
      size += varintSize(k) + k + varintSize(v) + Math.max(v, 0);
    }
    count = headers.length;
  } else {
    const obj = headers as { readonly [key: string]: Bytes | null };
    for (const key in obj) {
      const k = utf8Length(key);
      const v = bytesLength(obj[key]);
      size += varintSize(k) + k + varintSize(v) + Math.max(v, 0);
      count++;
    }
  }
  return varintSize(count) + size;
}

function writeHeaders(b: Buffer, p: number, headers: RecordHeaders | undefined): number {
  if (headers === undefined) {
    b[p] = 0;
    return p + 1;
  }
  if (Array.isArray(headers)) {
    const list = headers as readonly HeaderEntry[];
    p = writeVarint(b, p, list.length);
    for (let i = 0; i < list.length; i++) {
      const h = list[i]!;
      p = writeBytes(b, p, h.key, utf8Length(h.key));
      p = writeBytes(b, p, h.value, bytesLength(h.value));
    }
    return p;
  }
  const obj = headers as { readonly [key: string]: Bytes | null };
  let count = 0;
  for (const _ in obj) count++;
  p = writeVarint(b, p, count);
  for (const key in obj) {
    const v = obj[key];
    p = writeBytes(b, p, key, utf8Length(key));
    p = writeBytes(b, p, v, bytesLength(v));
  }
  return p;
}

/** Bytes one record takes in a batch, with the worst-case varints of its deltas. */
export function recordSizeBound(
  key: Bytes | null | undefined,
  value: Bytes | null | undefined,
  headers?: RecordHeaders,
): number {
  const k = bytesLength(key);
  const v = bytesLength(value);
  const body =
    1 + 10 + 5 + varintSize(k) + Math.max(k, 0) + varintSize(v) + Math.max(v, 0) + headersSize(headers);
  return 5 + body;
}

export class RecordBatchBuilder {
  /** Backing memory (from the producer's pool); the batch occupies [0, pos). */
  readonly buf: Buffer;
  pos = BATCH_HEADER_SIZE;
  count = 0;
  baseTimestamp = 0;
  maxTimestamp = 0;
  /** Uncompressed record bytes appended. */
  get sizeInBytes(): number {
    return this.pos;
  }
  /** The finished batch once sealed (a view of `buf`, or a new buffer when compressed). */
  sealed: Buffer | null = null;

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  /**
   * Appends one record, or returns false (changing nothing) when it does not fit in the rest of the
   * buffer. An empty builder refuses only a record larger than the whole buffer.
   */
  append(
    timestamp: number,
    key: Bytes | null | undefined,
    value: Bytes | null | undefined,
    headers: RecordHeaders | undefined,
  ): boolean {
    const count = this.count;
    if (count === 0) {
      this.baseTimestamp = timestamp;
      this.maxTimestamp = timestamp;
    }
    const delta = timestamp - this.baseTimestamp;
    const k = bytesLength(key);
    const v = bytesLength(value);
    const body =
      1 +
      varlongSize(delta) +
      varintSize(count) +
      varintSize(k) +
      Math.max(k, 0) +
      varintSize(v) +
      Math.max(v, 0) +
      headersSize(headers);
    const b = this.buf;
    let p = this.pos;
    if (p + varintSize(body) + body > b.length) return false;
    p = writeVarint(b, p, body);
    b[p++] = 0; // record attributes, unused
    p = writeVarlong(b, p, delta);
    p = writeVarint(b, p, count);
    p = writeBytes(b, p, key, k);
    p = writeBytes(b, p, value, v);
    p = writeHeaders(b, p, headers);
    this.pos = p;
    this.count = count + 1;
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    return true;
  }

  /** Writes the header and compresses the records section. Call once, with at least one record. */
  seal(compression: number): Buffer {
    let out: Buffer;
    if (compression === 0) {
      out = this.buf.subarray(0, this.pos);
    } else {
      const packed = codecFor(compression).compress(this.buf.subarray(BATCH_HEADER_SIZE, this.pos));
      out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + packed.length);
      out.set(packed, BATCH_HEADER_SIZE);
    }
    out.fill(0, 0, 8); // base offset: assigned by the broker
    out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH);
    out.writeInt32BE(-1, PARTITION_LEADER_EPOCH);
    out[MAGIC] = 2;
    out.writeInt16BE(compression, ATTRIBUTES);
    out.writeInt32BE(this.count - 1, LAST_OFFSET_DELTA);
    writeInt64(out, BASE_TIMESTAMP, this.baseTimestamp);
    writeInt64(out, MAX_TIMESTAMP, this.maxTimestamp);
    out.writeInt32BE(this.count, RECORD_COUNT);
    this.sealed = out;
    return out;
  }

  /**
   * Sets producer id, epoch and base sequence (-1s when not idempotent), and the transactional flag, and
   * recomputes the CRC.
   */
  stamp(producerId: number, producerEpoch: number, baseSequence: number, transactional = false): Buffer {
    const out = this.sealed!;
    const attributes = out.readInt16BE(ATTRIBUTES);
    out.writeInt16BE(
      transactional
        ? attributes | BatchAttributes.TRANSACTIONAL
        : attributes & ~BatchAttributes.TRANSACTIONAL,
      ATTRIBUTES,
    );
    writeInt64(out, PRODUCER_ID, producerId);
    out.writeInt16BE(producerEpoch, PRODUCER_EPOCH);
    out.writeInt32BE(baseSequence, BASE_SEQUENCE);
    out.writeUInt32BE(crc32c(out, ATTRIBUTES, out.length), CRC);
    return out;
  }
}
