// Snappy as Kafka frames it: the xerial stream that Java's snappy-java writes ("\x82SNAPPY\0", a version and
// a compatible version, then chunks of int32 length + raw snappy block). Readers also take a bare raw snappy
// block, which some clients send and librdkafka accepts. The codec itself is the `snappy` package
// (napi-rs bindings of the Rust snap crate).

/** Kafka's snappy-java writes 32 KiB chunks; readers accept any chunk size. */
export const XERIAL_CHUNK_BYTES = 32 * 1024;
const XERIAL_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];
const XERIAL_HEADER_BYTES = 16;

export interface RawSnappy {
  compressSync(input: Uint8Array): Buffer;
  uncompressSync(input: Uint8Array, options: { asBuffer: true }): Buffer | string;
}

function isXerial(data: Uint8Array): boolean {
  if (data.length < XERIAL_HEADER_BYTES) return false;
  for (let i = 0; i < XERIAL_MAGIC.length; i++) if (data[i] !== XERIAL_MAGIC[i]) return false;
  return true;
}

/** The uncompressed length a raw snappy block declares (its uint32 varint preamble); -1 if malformed. */
export function snappyDeclaredLength(data: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let shift = 0, p = start; shift <= 28 && p < end; shift += 7, p++) {
    const b = data[p]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value <= 0xffffffff ? value : -1;
  }
  return -1;
}

function readInt32(buf: Uint8Array, p: number): number {
  return (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
}

export function xerialCompress(raw: RawSnappy, data: Uint8Array): Buffer {
  const chunks: Buffer[] = [];
  let total = XERIAL_HEADER_BYTES;
  for (let p = 0; p < data.length; p += XERIAL_CHUNK_BYTES) {
    const block = raw.compressSync(data.subarray(p, Math.min(p + XERIAL_CHUNK_BYTES, data.length)));
    chunks.push(block);
    total += 4 + block.length;
  }
  const out = Buffer.allocUnsafe(total);
  out.set(XERIAL_MAGIC, 0);
  out.writeInt32BE(1, 8); // version
  out.writeInt32BE(1, 12); // oldest version that can read it
  let p = XERIAL_HEADER_BYTES;
  for (const block of chunks) {
    out.writeInt32BE(block.length, p);
    out.set(block, p + 4);
    p += 4 + block.length;
  }
  return out;
}

/**
 * Decompresses xerial-framed or raw snappy. Every block's declared length is checked against maxBytes
 * before anything is allocated; throws on malformed input or when the total would exceed maxBytes.
 */
export function xerialDecompress(raw: RawSnappy, data: Uint8Array, maxBytes: number): Buffer {
  if (!isXerial(data)) return rawBlock(raw, data, 0, data.length, maxBytes);
  const blocks: Buffer[] = [];
  let total = 0;
  let p = XERIAL_HEADER_BYTES;
  while (p < data.length) {
    if (data.length - p < 4) throw new RangeError('snappy: truncated chunk length');
    const len = readInt32(data, p);
    p += 4;
    if (len <= 0 || len > data.length - p) throw new RangeError(`snappy: chunk of ${len} bytes past the end`);
    const block = rawBlock(raw, data, p, p + len, maxBytes - total);
    total += block.length;
    blocks.push(block);
    p += len;
  }
  return blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks, total);
}

function rawBlock(raw: RawSnappy, data: Uint8Array, start: number, end: number, maxBytes: number): Buffer {
  const declared = snappyDeclaredLength(data, start, end);
  if (declared < 0) throw new RangeError('snappy: malformed length preamble');
  if (declared > maxBytes) throw new RangeError(`snappy: ${declared} bytes > limit ${maxBytes}`);
  const out = raw.uncompressSync(data.subarray(start, end), { asBuffer: true });
  if (typeof out === 'string' || out.length !== declared) throw new RangeError('snappy: length mismatch');
  return out;
}
