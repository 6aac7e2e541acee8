// LZ4 as Kafka uses it since KIP-57: one standard LZ4 frame (magic 0x184D2204, header checksum over the
// descriptor only). The codec is lz4-napi (napi-rs bindings of the Rust lz4_flex crate). Frames are written
// here from its block compressor with 64 KiB independent blocks, as Kafka's Java client and librdkafka write
// them (the library's own frames use up to 4 MiB blocks). Before inflating any frame, its block list is
// walked to bound the output, since the library takes no output limit.

const FRAME_MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];
const UNCOMPRESSED_BIT = 0x80000000;

export interface Lz4Frames {
  /** One LZ4 block behind a 4-byte little-endian uncompressed size. */
  compressSync(input: Buffer): Buffer;
  decompressFrameSync(input: Buffer): Buffer;
}

/** Block size of the frames written here (block maximum id 4). */
export const LZ4_BLOCK_BYTES = 64 * 1024;
// Magic, FLG 0x60 (version 01, independent blocks, no checksums, no content size), BD 0x40 (64 KiB), and
// the descriptor's header checksum (second byte of its xxHash32).
const FRAME_HEADER = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];

/** `data` as one LZ4 frame of 64 KiB blocks; a block that does not shrink is stored as it is. */
export function lz4CompressFrame(lib: Lz4Frames, data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from(FRAME_HEADER)];
  let total = FRAME_HEADER.length + 4;
  for (let p = 0; p < data.length; p += LZ4_BLOCK_BYTES) {
    const chunk = data.subarray(p, Math.min(p + LZ4_BLOCK_BYTES, data.length));
    const packed = lib.compressSync(chunk).subarray(4);
    const stored = packed.length >= chunk.length;
    const size = Buffer.allocUnsafe(4);
    size.writeUInt32LE(stored ? (chunk.length | UNCOMPRESSED_BIT) >>> 0 : packed.length, 0);
    parts.push(size, stored ? chunk : packed);
    total += 4 + (stored ? chunk.length : packed.length);
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts, total);
}

function readUint32LE(buf: Uint8Array, p: number): number {
  return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
}

/**
 * Largest output the single LZ4 frame filling `data` can inflate to: full blocks count at the frame's
 * block maximum, stored blocks at their size. Throws when the framing is malformed or there are trailing
 * bytes (Kafka writes exactly one frame per batch).
 */
export function lz4FrameBound(data: Uint8Array): number {
  if (data.length < 7 || readUint32LE(data, 0) !== FRAME_MAGIC) throw new RangeError('lz4: not an LZ4 frame');
  const flg = data[4]!;
  const bd = data[5]!;
  if (flg >>> 6 !== 1 || (flg & 0x02) !== 0 || (bd & 0x8f) !== 0)
    throw new RangeError('lz4: bad frame descriptor');
  const blockMax = BLOCK_MAX[(bd >>> 4) & 0x07]!;
  if (blockMax === 0) throw new RangeError('lz4: bad block size');
  const blockChecksum = (flg & 0x10) !== 0;
  let p = 6 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0) + 1;
  let bound = 0;
  for (;;) {
    if (data.length - p < 4) throw new RangeError('lz4: truncated frame');
    const word = readUint32LE(data, p);
    p += 4;
    if (word === 0) break; // end mark
    const size = (word & ~UNCOMPRESSED_BIT) >>> 0;
    if (size > blockMax) throw new RangeError(`lz4: block of ${size} bytes > ${blockMax}`);
    bound += (word & UNCOMPRESSED_BIT) !== 0 ? size : blockMax;
    p += size + (blockChecksum ? 4 : 0);
    if (p > data.length) throw new RangeError('lz4: truncated block');
  }
  if ((flg & 0x04) !== 0) p += 4; // content checksum
  if (p !== data.length) throw new RangeError('lz4: bytes after the frame');
  return bound;
}

export function lz4Decompress(lib: Lz4Frames, data: Uint8Array, maxBytes: number): Buffer {
  const bound = lz4FrameBound(data);
  const input = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Producers write 64 KiB blocks, so the bound is close to the real size; a frame of sparse 4 MiB blocks
  // that could pass the limit is refused without inflating it.
  if (bound > maxBytes) throw new RangeError(`lz4: up to ${bound} bytes > limit ${maxBytes}`);
  return lib.decompressFrameSync(input);
}
