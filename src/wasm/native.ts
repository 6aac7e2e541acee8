// Loader for the runnel_crc32c addon (native/crc32c.c, built by npm run build:native): CRC-32C with
// three interleaved SSE4.2 crc32 chains. It is optional: when the build was skipped or failed, the
// CPU lacks SSE4.2, the check value disagrees, or RUNNEL_NATIVE_CRC32C=0 is set, the loader returns
// null and index.ts uses @node-rs/crc32, WASM or TypeScript instead.
import { createRequire } from 'node:module';

/** CRC-32C of data[start, end) continuing from `seed` (0 for a fresh checksum); unsigned. */
export type AddonCrc32c = (data: Uint8Array, start: number, end: number, seed: number) => number;

interface AddonExports {
  available?: unknown;
  crc32c?: unknown;
  crc32c1?: unknown;
}

export interface Crc32cAddon {
  /** Three interleaved lanes: the kernel callers use. */
  crc32c: AddonCrc32c;
  /** One dependent chain of the same instruction, for benchmarks only. */
  crc32c1: AddonCrc32c;
}

/** Path from this file (dist/wasm/ or src/wasm/) to the addon node-gyp writes under native/build. */
const ADDON_PATH = '../../native/build/Release/runnel_crc32c.node';

const CHECK_INPUT = new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
const CHECK_CRC = 0xe3069283;

/** Set RUNNEL_NATIVE_CRC32C=0 (or off, false) to leave the addon unloaded. */
function disabledByEnv(): boolean {
  const v = process.env.RUNNEL_NATIVE_CRC32C?.trim().toLowerCase();
  return v === '0' || v === 'off' || v === 'false';
}

export function loadCrc32cAddon(): Crc32cAddon | null {
  if (disabledByEnv()) return null;
  try {
    const mod = createRequire(import.meta.url)(ADDON_PATH) as AddonExports;
    if (mod.available !== true) return null;
    if (typeof mod.crc32c !== 'function' || typeof mod.crc32c1 !== 'function') return null;
    const addon = { crc32c: mod.crc32c as AddonCrc32c, crc32c1: mod.crc32c1 as AddonCrc32c };
    // Both kernels must give the check value, also split in two (the seed carries the state).
    for (const f of [addon.crc32c, addon.crc32c1]) {
      if (f(CHECK_INPUT, 0, CHECK_INPUT.length, 0) !== CHECK_CRC) return null;
      if (f(CHECK_INPUT, 4, 9, f(CHECK_INPUT, 0, 4, 0)) !== CHECK_CRC) return null;
    }
    return addon;
  } catch {
    // Not built (no compiler, another architecture, build:native skipped) or failed to link.
    return null;
  }
}
