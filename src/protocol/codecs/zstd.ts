// Zstandard frames (RFC 8878), as Kafka's zstd-jni and librdkafka write them. Node's zlib has zstd from
// 22.15 and is used there; on older Node the zstd-napi package (bindings of the reference C library) is.
// Both decompress with an output limit: a streaming frame declares no content size.
import * as zlib from 'node:zlib';

/** zstd level Kafka's producers default to (compression.zstd.level=3). */
export const ZSTD_LEVEL = 3;

export interface ZstdCodecImpl {
  compress(data: Uint8Array): Buffer;
  decompress(data: Uint8Array, maxBytes: number): Buffer;
}

interface ZlibZstd {
  zstdCompressSync(data: Uint8Array, opts?: object): Buffer;
  zstdDecompressSync(data: Uint8Array, opts?: object): Buffer;
  constants: Record<string, number>;
}

/** zlib's zstd when this Node has it (>= 22.15), else null. */
export function zlibZstd(): ZstdCodecImpl | null {
  const z = zlib as unknown as Partial<ZlibZstd>;
  if (typeof z.zstdCompressSync !== 'function' || typeof z.zstdDecompressSync !== 'function') return null;
  const level = z.constants?.ZSTD_c_compressionLevel;
  const params = level === undefined ? {} : { params: { [level]: ZSTD_LEVEL } };
  return {
    compress: (data) => z.zstdCompressSync!(data, params),
    decompress: (data, maxBytes) => z.zstdDecompressSync!(data, { maxOutputLength: Math.max(1, maxBytes) }),
  };
}

/** The parts of zstd-napi's low-level binding used here. */
export interface ZstdNapiBinding {
  CCtx: new () => { compress(dst: Uint8Array, src: Uint8Array, level: number): number };
  DCtx: new () => {
    decompressStream(dst: Uint8Array, src: Uint8Array): [number, number, number];
    reset(directive: number): void;
  };
  compressBound(size: number): number;
  getFrameContentSize(frame: Uint8Array): number | null;
  ResetDirective: { sessionOnly: number };
}

const FIRST_OUTPUT_BYTES = 64 * 1024;

/** zstd through zstd-napi's binding: one compression and one decompression context per thread. */
export function napiZstd(binding: ZstdNapiBinding): ZstdCodecImpl {
  const cctx = new binding.CCtx();
  const dctx = new binding.DCtx();
  return {
    compress(data) {
      const out = Buffer.allocUnsafe(binding.compressBound(data.length));
      return out.subarray(0, cctx.compress(out, data, ZSTD_LEVEL));
    },
    decompress(data, maxBytes) {
      if (data.length === 0) throw new RangeError('zstd: empty input');
      const declared = binding.getFrameContentSize(data);
      if (declared !== null && declared > maxBytes) {
        throw new RangeError(`zstd: ${declared} bytes > limit ${maxBytes}`);
      }
      dctx.reset(binding.ResetDirective.sessionOnly);
      let out = Buffer.allocUnsafe(
        Math.min(maxBytes, declared ?? Math.max(FIRST_OUTPUT_BYTES, data.length * 4)),
      );
      let produced = 0;
      let consumed = 0;
      for (;;) {
        const [pending, wrote, read] = dctx.decompressStream(out.subarray(produced), data.subarray(consumed));
        produced += wrote;
        consumed += read;
        // pending 0: a frame ended and everything is flushed; the input may hold another frame.
        if (pending === 0 && consumed === data.length) return out.subarray(0, produced);
        if (produced === out.length) {
          if (out.length >= maxBytes) throw new RangeError(`zstd: more than limit ${maxBytes} bytes`);
          const grown = Buffer.allocUnsafe(Math.min(maxBytes, out.length * 2));
          out.copy(grown, 0, 0, produced);
          out = grown;
        } else if (consumed === data.length && wrote === 0 && read === 0) {
          throw new RangeError('zstd: truncated frame');
        }
      }
    },
  };
}
