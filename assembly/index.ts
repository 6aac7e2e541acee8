// WASM kernels; src/wasm/index.ts holds the bindings and picks per input size between these and
// the TypeScript references. Inputs are copied by the caller to scratchBase() and up.

export { validateBatch, walkRecords } from './batch';
export { crc32c, crc32c8 } from './crc32c';

/** First byte free for callers' inputs: static data (CRC tables) ends below it; nothing is allocated at run time. */
export function scratchBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
