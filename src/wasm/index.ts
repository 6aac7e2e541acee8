// Hot kernels. Each export picks the WASM kernel or the TypeScript one, whichever bench/kernels.ts
// shows is faster (see docs/PERFORMANCE.md).
import { crc32cRef } from './crc32c-ref.js';

/** CRC-32C of data[start, end). Unsigned 32-bit result. */
export function crc32c(data: Uint8Array, start = 0, end = data.length): number {
  return crc32cRef(data, start, end);
}
