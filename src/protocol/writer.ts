// Kafka wire primitives, write side: a growable buffer that doubles when full. Large byte fields
// (record batches) can be referenced instead of copied: the output then becomes a list of parts for
// socket.writev / cork+write, so a fetch response never copies the batches it serves.
import { Buffer } from 'node:buffer';

/** Default first allocation; most responses fit, and Buffer.allocUnsafe pools sizes below 4 KiB. */
export const WRITER_INITIAL_SIZE = 512;

/** Longest string the classic int16 length prefix can describe. */
export const MAX_CLASSIC_STRING_BYTES = 0x7fff;

const TWO_POW_32 = 4294967296;

/**
 * Value of a `records` field. Decoders always produce one Buffer (a view into the request); encoders
 * also accept several chunks, written back to back without concatenation.
 */
export type Records = Buffer | Uint8Array[];

/** Total byte length of a records value. */
export function recordsLength(records: Records | null): number {
  if (records === null) return 0;
  if (!Array.isArray(records)) return records.length;
  let n = 0;
  for (const part of records) n += part.length;
  return n;
}

/** A records value as one Buffer: the value itself when decoded, a concatenation for chunk lists. */
export function recordsBuffer(records: Records | null): Buffer | null {
  if (records === null || !Array.isArray(records)) return records;
  return Buffer.concat(records);
}

/** Bytes a uvarint of `n` (0 <= n < 2^32) occupies. */
export function uvarintSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  return 5;
}

export interface WriterOptions {
  /** First buffer size in bytes. */
  initialSize?: number;
  /**
   * Byte fields at least this long are referenced, not copied; read the result with finishParts().
   * Infinity (the default) always copies, so finish() returns one contiguous buffer without a concat.
   */
  zeroCopyMinBytes?: number;
}

export class Writer {
  buf: Buffer;
  /** Next write index in `buf`. */
  pos: number;
  /** First error (e.g. a string too long for its length prefix); the output is unusable if set. */
  error: string | null = null;
  /** Start in `buf` of bytes not yet handed to `parts`. */
  #start = 0;
  /** Output length already held in `parts`. */
  #flushed = 0;
  #parts: Uint8Array[] | null = null;
  readonly #zeroCopyMinBytes: number;
  /** Open tagged fields; their sizes are patched in place, so they must stay contiguous. */
  #taggedDepth = 0;

  constructor(options?: WriterOptions) {
    this.buf = Buffer.allocUnsafe(Math.max(16, options?.initialSize ?? WRITER_INITIAL_SIZE));
    this.pos = 0;
    this.#zeroCopyMinBytes = options?.zeroCopyMinBytes ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#flushed + this.pos - this.#start;
  }

  fail(message: string): void {
    if (this.error === null) this.error = message;
  }

  /** Makes room for n more bytes, doubling the buffer. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const used = this.pos - this.#start;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, used + n));
    this.buf.copy(next, 0, this.#start, this.pos);
    this.buf = next;
    this.#start = 0;
    this.pos = used;
  }

  /** Starts writing again into the same memory. Only after the previous output is fully consumed. */
  reset(): void {
    this.pos = 0;
    this.#start = 0;
    this.#flushed = 0;
    this.#parts = null;
    this.error = null;
    this.#taggedDepth = 0;
  }

  /** The output as one buffer. A view of the internal buffer unless parts were referenced. */
  finish(): Buffer {
    if (this.#parts === null) return this.buf.subarray(0, this.pos);
    return Buffer.concat(this.finishParts(), this.length);
  }

  /** The output as a list of chunks to write in order, with no concatenation. */
  finishParts(): Uint8Array[] {
    const parts = this.#parts ?? [];
    if (this.pos > this.#start || parts.length === 0) parts.push(this.buf.subarray(this.#start, this.pos));
    this.#flushed += this.pos - this.#start;
    this.#start = this.pos;
    this.#parts = parts;
    return parts;
  }

  // --- fixed width -------------------------------------------------------------------------------

  bool(v: boolean): void {
    this.int8(v ? 1 : 0);
  }

  int8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  int16(v: number): void {
    this.ensure(2);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 8) & 0xff;
    b[p + 1] = v & 0xff;
    this.pos = p + 2;
  }

  uint16(v: number): void {
    this.int16(v);
  }

  int32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.pos = p + 4;
  }

  uint32(v: number): void {
    this.int32(v);
  }

  int64(v: number): void {
    this.ensure(8);
    const hi = Math.floor(v / TWO_POW_32);
    const lo = v - hi * TWO_POW_32;
    const b = this.buf;
    const p = this.pos;
    b[p] = (hi >>> 24) & 0xff;
    b[p + 1] = (hi >>> 16) & 0xff;
    b[p + 2] = (hi >>> 8) & 0xff;
    b[p + 3] = hi & 0xff;
    b[p + 4] = (lo >>> 24) & 0xff;
    b[p + 5] = (lo >>> 16) & 0xff;
    b[p + 6] = (lo >>> 8) & 0xff;
    b[p + 7] = lo & 0xff;
    this.pos = p + 8;
  }

  float64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  // --- varints -----------------------------------------------------------------------------------

  /** Unsigned varint of a value in [0, 2^32). */
  uvarint(v: number): void {
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    v >>>= 0;
    while (v >= 0x80) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  /** Zig-zag varint of a signed 32-bit value. */
  varint(v: number): void {
    this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** Zig-zag varint of a signed 64-bit value held in a JS number (exact within +-2^53). */
  varlong(v: number): void {
    if (v >= -0x40000000 && v < 0x40000000) {
      this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
      return;
    }
    // Work on 32-bit halves: the zig-zag value of a 53-bit number needs 54 bits.
    const hi = Math.floor(v / TWO_POW_32) | 0;
    const lo = (v - Math.floor(v / TWO_POW_32) * TWO_POW_32) >>> 0;
    const sign = hi >> 31;
    let zlo = ((lo << 1) ^ sign) >>> 0;
    let zhi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    while (zhi !== 0 || zlo >= 0x80) {
      b[p++] = (zlo & 0x7f) | 0x80;
      zlo = ((zlo >>> 7) | (zhi << 25)) >>> 0;
      zhi >>>= 7;
    }
    b[p++] = zlo;
    this.pos = p;
  }

  // --- strings -----------------------------------------------------------------------------------

  /** UTF-8 length, with a cheap scan for the short ASCII strings that dominate Kafka messages. */
  #utf8Length(s: string): number {
    const n = s.length;
    if (n > 64) return Buffer.byteLength(s, 'utf8');
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
    return n;
  }

  /** Writes `byteLength` bytes of s; room must already be ensured. */
  #utf8(s: string, byteLength: number): void {
    if (byteLength === s.length && byteLength <= 64) {
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < byteLength; i++) b[p++] = s.charCodeAt(i);
      this.pos = p;
    } else {
      this.pos += this.buf.write(s, this.pos, byteLength, 'utf8');
    }
  }

  string(s: string): void {
    const n = this.#utf8Length(s);
    if (n > MAX_CLASSIC_STRING_BYTES) {
      this.fail(`string of ${n} bytes exceeds the int16 length prefix`);
      this.int16(0);
      return;
    }
    this.int16(n);
    this.ensure(n);
    this.#utf8(s, n);
  }

  nullableString(s: string | null): void {
    if (s === null) this.int16(-1);
    else this.string(s);
  }

  compactString(s: string): void {
    const n = this.#utf8Length(s);
    this.uvarint(n + 1);
    this.ensure(n);
    this.#utf8(s, n);
  }

  compactNullableString(s: string | null): void {
    if (s === null) this.uvarint(0);
    else this.compactString(s);
  }

  // --- bytes -------------------------------------------------------------------------------------

  /** Appends raw bytes: copied, or referenced when large and zero-copy is enabled. */
  raw(data: Uint8Array): void {
    const n = data.length;
    if (n >= this.#zeroCopyMinBytes && this.#taggedDepth === 0) {
      const parts = this.#parts ?? [];
      if (this.pos > this.#start) parts.push(this.buf.subarray(this.#start, this.pos));
      parts.push(data);
      this.#parts = parts;
      this.#flushed += this.pos - this.#start + n;
      this.#start = this.pos;
      return;
    }
    this.ensure(n);
    this.buf.set(data, this.pos);
    this.pos += n;
  }

  bytes(data: Uint8Array): void {
    this.int32(data.length);
    this.raw(data);
  }

  nullableBytes(data: Uint8Array | null): void {
    if (data === null) this.int32(-1);
    else this.bytes(data);
  }

  compactBytes(data: Uint8Array): void {
    this.uvarint(data.length + 1);
    this.raw(data);
  }

  compactNullableBytes(data: Uint8Array | null): void {
    if (data === null) this.uvarint(0);
    else this.compactBytes(data);
  }

  /**
   * A `records` field: one buffer or several written back to back (never concatenated). A null
   * value in a version where the field is not nullable is written as empty.
   */
  records(data: Records | Uint8Array | null, compact: boolean, nullable: boolean): void {
    if (data === null) {
      if (!nullable) compact ? this.uvarint(1) : this.int32(0);
      else compact ? this.uvarint(0) : this.int32(-1);
      return;
    }
    if (!Array.isArray(data)) {
      compact ? this.compactBytes(data) : this.bytes(data);
      return;
    }
    const n = recordsLength(data);
    compact ? this.uvarint(n + 1) : this.int32(n);
    for (const part of data) this.raw(part);
  }

  /** UUID from its 22-character base64url form. */
  uuid(id: string): void {
    this.ensure(16);
    const written = id.length === 22 ? this.buf.write(id, this.pos, 16, 'base64url') : 0;
    if (written !== 16) {
      this.fail(`invalid uuid ${JSON.stringify(id)}`);
      this.buf.fill(0, this.pos, this.pos + 16);
    }
    this.pos += 16;
  }

  // --- arrays and tagged fields -------------------------------------------------------------------

  arrayLength(n: number): void {
    this.int32(n);
  }

  compactArrayLength(n: number): void {
    this.uvarint(n + 1);
  }

  /** Opens a tagged field: writes the tag and a one-byte size slot that endTaggedField fixes up. */
  beginTaggedField(tag: number): number {
    this.uvarint(tag);
    this.ensure(1);
    const mark = this.length;
    this.buf[this.pos++] = 0;
    this.#taggedDepth++;
    return mark;
  }

  endTaggedField(mark: number): void {
    this.#taggedDepth--;
    const at = this.#start + (mark - this.#flushed);
    const size = this.pos - at - 1;
    if (size < 0x80) {
      this.buf[at] = size;
      return;
    }
    // Rare: a tagged field of 128 bytes or more needs a wider size prefix, so slide the body up.
    const width = uvarintSize(size);
    this.ensure(width - 1);
    const slot = this.#start + (mark - this.#flushed);
    this.buf.copyWithin(slot + width, slot + 1, this.pos);
    this.pos += width - 1;
    let v = size;
    let p = slot;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  // --- size prefixes ----------------------------------------------------------------------------

  /** Reserves four bytes to patch later (e.g. a frame size); returns their position. */
  reserveInt32(): number {
    this.ensure(4);
    const mark = this.length;
    this.pos += 4;
    return mark;
  }

  /** Writes v into four bytes reserved by reserveInt32, even if they now sit in an earlier part. */
  patchInt32(mark: number, v: number): void {
    let target: Uint8Array = this.buf;
    let at = this.#start + (mark - this.#flushed);
    if (mark < this.#flushed) {
      let base = 0;
      for (const part of this.#parts!) {
        if (mark < base + part.length) {
          target = part;
          at = mark - base;
          break;
        }
        base += part.length;
      }
    }
    target[at] = (v >>> 24) & 0xff;
    target[at + 1] = (v >>> 16) & 0xff;
    target[at + 2] = (v >>> 8) & 0xff;
    target[at + 3] = v & 0xff;
  }

  /** Starts a size-prefixed frame; pass the result to endFrame once the payload is written. */
  beginFrame(): number {
    return this.reserveInt32();
  }

  endFrame(mark: number): void {
    this.patchInt32(mark, this.length - mark - 4);
  }
}
