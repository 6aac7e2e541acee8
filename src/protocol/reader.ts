// Kafka wire primitives, read side. Like franz-go's kbin.Reader, a Reader never throws: the first
// problem is remembered in `error`, the cursor jumps to the end, and every later read returns a zero
// value. Decoders therefore run straight through and the caller checks `ok` once at the end.
import { Buffer } from 'node:buffer';
import { ErrorCode, KafkaError } from './errors.js';

/** Shared zero-length view used as the default for non-nullable bytes fields. Never write to it. */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

/** The all-zero UUID in Kafka's base64url form (Uuid.ZERO_UUID). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

const TWO_POW_32 = 4294967296;

export class Reader {
  buf: Buffer;
  /** Next byte to read. */
  offset: number;
  /** One past the last readable byte; narrowed while a tagged field is decoded. */
  end: number;
  /** First failure, or null while everything read so far was well formed. */
  error: string | null = null;

  constructor(buf: Buffer, offset = 0, end = buf.length) {
    this.buf = buf;
    this.offset = offset;
    this.end = end;
  }

  get ok(): boolean {
    return this.error === null;
  }

  /** Kafka's code for a request that does not parse: INVALID_REQUEST (NONE while ok). */
  get errorCode(): number {
    return this.error === null ? ErrorCode.NONE : ErrorCode.INVALID_REQUEST;
  }

  /** The failure as a KafkaError carrying that code, or null while ok. */
  kafkaError(): KafkaError | null {
    return this.error === null ? null : new KafkaError(ErrorCode.INVALID_REQUEST, this.error);
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  /** Records the first error and stops the cursor so the rest of the parse only sees zero values. */
  fail(message: string): void {
    if (this.error === null) this.error = message;
    this.offset = this.end;
  }

  #short(n: number, what: string): boolean {
    if (this.end - this.offset >= n) return false;
    this.fail(`truncated ${what}: need ${n} bytes at offset ${this.offset}, have ${this.end - this.offset}`);
    return true;
  }

  skip(n: number): void {
    if (n < 0 || this.#short(n, 'skip')) return;
    this.offset += n;
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int8(): number {
    if (this.#short(1, 'int8')) return 0;
    const b = this.buf[this.offset++]!;
    return (b << 24) >> 24;
  }

  uint8(): number {
    if (this.#short(1, 'uint8')) return 0;
    return this.buf[this.offset++]!;
  }

  int16(): number {
    if (this.#short(2, 'int16')) return 0;
    const b = this.buf;
    const o = this.offset;
    this.offset = o + 2;
    return ((b[o]! << 24) | (b[o + 1]! << 16)) >> 16;
  }

  uint16(): number {
    if (this.#short(2, 'uint16')) return 0;
    const b = this.buf;
    const o = this.offset;
    this.offset = o + 2;
    return (b[o]! << 8) | b[o + 1]!;
  }

  int32(): number {
    if (this.#short(4, 'int32')) return 0;
    const b = this.buf;
    const o = this.offset;
    this.offset = o + 4;
    return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  }

  uint32(): number {
    return this.int32() >>> 0;
  }

  /** Signed 64-bit as a JS number: exact up to 2^53, which covers offsets, timestamps and ids. */
  int64(): number {
    if (this.#short(8, 'int64')) return 0;
    const b = this.buf;
    const o = this.offset;
    this.offset = o + 8;
    const hi = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
    const lo = ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0;
    return hi * TWO_POW_32 + lo;
  }

  float64(): number {
    if (this.#short(8, 'float64')) return 0;
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }

  /** Unsigned varint of at most 32 bits (5 bytes), as Kafka's ByteUtils.readUnsignedVarint. */
  uvarint(): number {
    const b = this.buf;
    let o = this.offset;
    if (o < this.end) {
      const first = b[o]!;
      if (first < 0x80) {
        this.offset = o + 1;
        return first;
      }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (o >= this.end) {
        this.fail(`truncated varint at offset ${this.offset}`);
        return 0;
      }
      const byte = b[o++]!;
      if (shift === 28 && byte > 0x0f) break;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        this.offset = o;
        return result;
      }
    }
    this.fail(`varint at offset ${this.offset} overflows 32 bits`);
    return 0;
  }

  /** Zig-zag signed varint of at most 32 bits. */
  varint(): number {
    const u = this.uvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Zig-zag signed varint of at most 64 bits (10 bytes), exact within +-2^53. */
  varlong(): number {
    const b = this.buf;
    let o = this.offset;
    if (o < this.end && b[o]! < 0x80) {
      const u = b[o]!;
      this.offset = o + 1;
      return (u >>> 1) ^ -(u & 1);
    }
    // Accumulate the 64 bits as two 32-bit halves: a double would round zig-zag values above 2^53.
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (o >= this.end) {
        this.fail(`truncated varlong at offset ${this.offset}`);
        return 0;
      }
      const byte = b[o++]!;
      const bits = byte & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else if (shift < 63) hi |= bits << (shift - 32);
      else if (byte > 0x01) break;
      else hi |= bits << 31;
      if (byte < 0x80) {
        this.offset = o;
        const sign = -(lo & 1);
        const rlo = (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0;
        const rhi = ((hi >>> 1) ^ sign) | 0;
        return rhi * TWO_POW_32 + rlo;
      }
    }
    this.fail(`varlong at offset ${this.offset} overflows 64 bits`);
    return 0;
  }

  #utf8(n: number): string {
    if (n === 0) return '';
    if (this.#short(n, 'string')) return '';
    const o = this.offset;
    this.offset = o + n;
    return this.buf.toString('utf8', o, o + n);
  }

  /** Classic string: int16 length; null (-1) is an error here. */
  string(): string {
    const n = this.int16();
    if (n < 0) {
      this.fail('non-nullable string is null');
      return '';
    }
    return this.#utf8(n);
  }

  nullableString(): string | null {
    const n = this.int16();
    if (n < 0) return n === -1 ? null : this.#badLength(n);
    return this.#utf8(n);
  }

  /** Compact string: uvarint length + 1; 0 means null, which is an error here. */
  compactString(): string {
    const n = this.uvarint() - 1;
    if (n < 0) {
      if (this.error === null) this.fail('non-nullable compact string is null');
      return '';
    }
    return this.#utf8(n);
  }

  compactNullableString(): string | null {
    const n = this.uvarint() - 1;
    if (n < 0) return this.error === null ? null : '';
    return this.#utf8(n);
  }

  #badLength(n: number): null {
    this.fail(`invalid length ${n}`);
    return null;
  }

  /** A view of the next n bytes (no copy). */
  view(n: number): Buffer {
    if (n === 0) return EMPTY_BYTES;
    if (n < 0 || this.#short(n, 'bytes')) return EMPTY_BYTES;
    const o = this.offset;
    this.offset = o + n;
    return this.buf.subarray(o, o + n);
  }

  /** Classic bytes: int32 length, returned as a view into the request buffer. */
  bytes(): Buffer {
    const n = this.int32();
    if (n < 0) {
      this.fail('non-nullable bytes are null');
      return EMPTY_BYTES;
    }
    return this.view(n);
  }

  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n < 0) return n === -1 ? null : this.#badLength(n);
    return this.view(n);
  }

  compactBytes(): Buffer {
    const n = this.uvarint() - 1;
    if (n < 0) {
      if (this.error === null) this.fail('non-nullable compact bytes are null');
      return EMPTY_BYTES;
    }
    return this.view(n);
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint() - 1;
    if (n < 0) return this.error === null ? null : EMPTY_BYTES;
    return this.view(n);
  }

  /** UUID in Kafka's printed form (22 characters of unpadded base64url). */
  uuid(): string {
    if (this.#short(16, 'uuid')) return ZERO_UUID;
    const o = this.offset;
    this.offset = o + 16;
    return this.buf.toString('base64url', o, o + 16);
  }

  /**
   * Classic array length (int32). Returns -1 for a null array (an error unless `nullable`). A length
   * that cannot fit in the remaining bytes fails before anything is allocated.
   */
  arrayLength(minElementSize: number, nullable: boolean): number {
    return this.#checkCount(this.int32(), minElementSize, nullable);
  }

  /** Compact array length (uvarint length + 1, 0 = null); same checks as arrayLength. */
  compactArrayLength(minElementSize: number, nullable: boolean): number {
    const raw = this.uvarint();
    if (this.error !== null) return 0;
    return this.#checkCount(raw - 1, minElementSize, nullable);
  }

  #checkCount(n: number, minElementSize: number, nullable: boolean): number {
    if (n < 0) {
      if (n === -1 && nullable) return -1;
      this.fail(n === -1 ? 'non-nullable array is null' : `invalid array length ${n}`);
      return 0;
    }
    if (n * minElementSize > this.end - this.offset) {
      this.fail(`array of ${n} elements cannot fit in ${this.end - this.offset} remaining bytes`);
      return 0;
    }
    return n;
  }

  /** Number of tagged fields that follow; each takes at least two bytes (tag and size). */
  taggedFieldCount(): number {
    const n = this.uvarint();
    if (n * 2 > this.end - this.offset) {
      this.fail(`${n} tagged fields cannot fit in ${this.end - this.offset} remaining bytes`);
      return 0;
    }
    return n;
  }

  /** Skips a whole tagged-field section (used by structs that know no tags in this version). */
  skipTaggedFields(): void {
    const n = this.taggedFieldCount();
    for (let i = 0; i < n && this.error === null; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }

  /**
   * Narrows the readable range to the next `size` bytes so a tagged field cannot read past its own
   * length. Returns the previous end, to hand back to endTaggedField.
   */
  beginTaggedField(size: number): number {
    const savedEnd = this.end;
    if (this.#short(size, 'tagged field')) return savedEnd;
    this.end = this.offset + size;
    return savedEnd;
  }

  /** Skips whatever the tagged field did not consume and restores the outer range. */
  endTaggedField(savedEnd: number): void {
    this.offset = this.error === null ? this.end : savedEnd;
    this.end = savedEnd;
  }
}
