// The codecs Kafka defines beyond gzip, each loaded once per thread from a native package. A package
// that fails to load (no binary for this platform) leaves its codec out; batches in it then get
// UNSUPPORTED_COMPRESSION_TYPE from the broker and a clear error in the client.
import { createRequire } from 'node:module';
import { type Lz4Frames, lz4CompressFrame, lz4Decompress } from './lz4.js';
import { type RawSnappy, xerialCompress, xerialDecompress } from './snappy.js';
import { napiZstd, type ZstdCodecImpl, type ZstdNapiBinding, zlibZstd } from './zstd.js';

/** Compresses and decompresses a records section; decompress throws on bad input or past maxBytes. */
export interface BoundedCodec {
  compress(data: Uint8Array): Uint8Array;
  decompress(data: Uint8Array, maxBytes: number): Uint8Array;
}

const require = createRequire(import.meta.url);

function tryLoad<T>(name: string): T | null {
  try {
    return require(name) as T;
  } catch {
    return null;
  }
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function loadSnappy(): BoundedCodec | null {
  const raw = tryLoad<RawSnappy>('snappy');
  if (raw === null) return null;
  return {
    compress: (data) => xerialCompress(raw, data),
    decompress: (data, maxBytes) => xerialDecompress(raw, data, maxBytes),
  };
}

export function loadLz4(): BoundedCodec | null {
  const lib = tryLoad<Lz4Frames>('lz4-napi');
  if (lib === null) return null;
  return {
    compress: (data) => lz4CompressFrame(lib, asBuffer(data)),
    decompress: (data, maxBytes) => lz4Decompress(lib, data, maxBytes),
  };
}

export function loadZstd(): ZstdCodecImpl | null {
  const fromZlib = zlibZstd();
  if (fromZlib !== null) return fromZlib;
  const binding = tryLoad<ZstdNapiBinding>('zstd-napi/binding');
  return binding === null ? null : napiZstd(binding);
}
