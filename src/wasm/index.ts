// Hot kernels. Each export picks a backend per input size, from the crossovers bench/kernels.ts
// measures (npm run bench:kernels): native CRC-32C where it loaded (preferably the runnel_crc32c
// addon, three interleaved SSE4.2 lanes, see native.ts; else @node-rs/crc32, one lane), the WASM
// kernels, or the TypeScript references. All modules load synchronously at import, so every worker
// thread that imports this file gets its own instances.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RECORD_COUNT_OFFSET, validateBatchRef, validateBatchWith, walkRecordsRef } from './batch-ref.js';
import { crc32cRef } from './crc32c-ref.js';
import { type Crc32cAddon, loadCrc32cAddon } from './native.js';

export { VALIDATE_INTEGRITY, VALIDATE_PRODUCE } from './batch-ref.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  scratchBase(): number;
  crc32c(ptr: number, len: number, crc: number): number;
  crc32c8(ptr: number, len: number, crc: number): number;
  validateBatch(ptr: number, size: number, mode: number): number;
  walkRecords(ptr: number, end: number, recordCount: number): number;
}

type NativeCrc32c = (input: Uint8Array, initialState?: number) => number;

const WASM_PAGE = 65536;
const COPY_LOOP_MAX = 16;

export interface KernelLimits {
  /** Cap on linear memory used to hold copied inputs. Larger batches are validated in TypeScript. */
  maxScratchBytes: number;
  /** CRC input is copied and summed in pieces of this size, so any length fits in the scratch region. */
  crcChunkBytes: number;
  /** Inputs at least this long go to the WASM CRC kernel; shorter ones stay in TypeScript. */
  crcWasmMinBytes: number;
  /** Batches at least this long go to the WASM validator; shorter ones stay in TypeScript. */
  validateWasmMinBytes: number;
  /**
   * Inputs at least this long go to a native CRC kernel, when one loaded: the runnel_crc32c addon,
   * else @node-rs/crc32. The default depends on which one loaded.
   */
  crcNativeMinBytes: number;
  /** Batches at least this long are validated with the native CRC, when one loaded. */
  validateNativeMinBytes: number;
  /**
   * With the native CRC, the record walk runs in WASM (after a copy) when records average at most
   * this many bytes, and in TypeScript on the caller's buffer otherwise: the copy only pays off
   * when there are many records per byte.
   */
  walkWasmMaxRecordBytes: number;
}

// Loaded first: the native crossovers below depend on which native CRC is present.
const addon: Crc32cAddon | null = loadCrc32cAddon();

const limits: KernelLimits = {
  maxScratchBytes: 16 * 1024 * 1024,
  crcChunkBytes: 256 * 1024,
  // Crossovers measured by bench/kernels.ts (2-core AMD EPYC, Node 20); below them the fixed cost
  // of entering WASM and copying outweighs its faster loop.
  crcWasmMinBytes: 96,
  validateWasmMinBytes: 128,
  // @node-rs/crc32 costs ~140 ns a call (N-API entry plus a subarray view); WASM slicing catches up
  // below 512 B. The addon costs ~65 ns a call (the range goes in as arguments, no view) and runs
  // three lanes, so it leads from ~100 B for a bare CRC and from ~350 B for a whole batch (where
  // WASM validates in one call what takes two here). The walk crossover sits between 100 B records
  // (WASM 2x faster) and 1 KiB (TS, no copy).
  crcNativeMinBytes: addon !== null ? 128 : 512,
  validateNativeMinBytes: addon !== null ? 384 : 1024,
  walkWasmMaxRecordBytes: 256,
};

function loadKernels(): KernelExports | null {
  try {
    const bytes = readFileSync(new URL('../runnel.wasm', import.meta.url));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return instance.exports as unknown as KernelExports;
  } catch {
    // No dist/runnel.wasm (build:wasm not run): the TypeScript kernels serve every call.
    return null;
  }
}

// The standard check value: a binding that loads but answers differently is not used.
const CHECK_INPUT = new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
const CHECK_CRC = 0xe3069283;

function loadNative(): NativeCrc32c | null {
  try {
    const mod = createRequire(import.meta.url)('@node-rs/crc32') as { crc32c?: unknown };
    if (typeof mod.crc32c !== 'function') return null;
    const f = mod.crc32c as NativeCrc32c;
    return f(CHECK_INPUT) >>> 0 === CHECK_CRC ? f : null;
  } catch {
    // No prebuilt binary for this platform, or it failed to link: WASM and TypeScript serve.
    return null;
  }
}

const kernels = loadKernels();
const native = loadNative();

/** True when the native CRC-32C (@node-rs/crc32) loaded and passed its check value. */
export const nativeAvailable = native !== null;

/** True when the runnel_crc32c addon (native/, three SSE4.2 lanes) loaded and passed its check value. */
export const addonAvailable = addon !== null;
const scratchBase = kernels ? kernels.scratchBase() : 0;
let memoryView = kernels ? new Uint8Array(kernels.memory.buffer) : new Uint8Array(0);

/** True when dist/runnel.wasm loaded; otherwise only the TypeScript kernels run. */
export const wasmAvailable = kernels !== null;

/** Current limits (a copy). */
export function kernelLimits(): KernelLimits {
  return { ...limits };
}

/** Adjusts limits and crossovers; throws on values that cannot work. */
export function configureKernels(next: Partial<KernelLimits>): void {
  const merged = { ...limits, ...next };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (merged.crcChunkBytes < 1 || merged.crcChunkBytes > merged.maxScratchBytes) {
    throw new RangeError('crcChunkBytes must be between 1 and maxScratchBytes');
  }
  Object.assign(limits, merged);
}

// Only reserveScratch grows the memory, so its size is tracked here instead of asking memory.buffer.
let scratchCapacity = kernels ? kernels.memory.buffer.byteLength - scratchBase : 0;

/** Makes room for `size` bytes at scratchBase, growing memory if needed; false past the cap. */
function reserveScratch(k: KernelExports, size: number): boolean {
  if (size > limits.maxScratchBytes) return false;
  if (size <= scratchCapacity) return true;
  k.memory.grow(Math.ceil((size - scratchCapacity) / WASM_PAGE));
  memoryView = new Uint8Array(k.memory.buffer);
  scratchCapacity = memoryView.length - scratchBase;
  return true;
}

/** Copies data[start, end) to the scratch region; short inputs by loop, which beats subarray + set. */
function copyIn(data: Uint8Array, start: number, end: number): void {
  const mem = memoryView;
  if (end - start <= COPY_LOOP_MAX) {
    for (let i = start, j = scratchBase; i < end; i++, j++) mem[j] = data[i]!;
  } else if (start === 0 && end === data.length) {
    mem.set(data, scratchBase);
  } else {
    mem.set(data.subarray(start, end), scratchBase);
  }
}

function requireKernels(): KernelExports {
  if (kernels === null) throw new Error('dist/runnel.wasm is not loaded; run npm run build:wasm');
  return kernels;
}

function inBounds(data: Uint8Array, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= data.length;
}

/** CRC-32C of data[start, end) in TypeScript (slicing-by-8). */
export function crc32cTs(data: Uint8Array, start = 0, end = data.length): number {
  return crc32cRef(data, start, end);
}

/** CRC-32C of data[start, end) in WASM, copy into linear memory included. */
export function crc32cWasm(data: Uint8Array, start = 0, end = data.length): number {
  const k = requireKernels();
  if (!inBounds(data, start, end)) throw new RangeError('crc32c range outside the buffer');
  const chunk = limits.crcChunkBytes;
  const size = end - start;
  if (size <= chunk) {
    reserveScratch(k, size);
    copyIn(data, start, end);
    return k.crc32c(scratchBase, size, 0) >>> 0;
  }
  reserveScratch(k, chunk);
  let crc = 0;
  for (let p = start; p < end; p += chunk) {
    const n = Math.min(chunk, end - p);
    copyIn(data, p, p + n);
    crc = k.crc32c(scratchBase, n, crc);
  }
  return crc >>> 0;
}

function requireNative(): NativeCrc32c {
  if (native === null) throw new Error('@node-rs/crc32 is not loaded');
  return native;
}

/** CRC-32C of data[start, end) with @node-rs/crc32; the view costs one small allocation. */
export function crc32cNative(data: Uint8Array, start = 0, end = data.length): number {
  const f = requireNative();
  if (!inBounds(data, start, end)) throw new RangeError('crc32c range outside the buffer');
  return f(start === 0 && end === data.length ? data : data.subarray(start, end)) >>> 0;
}

function requireAddon(): Crc32cAddon {
  if (addon === null) throw new Error('the runnel_crc32c addon is not loaded; run npm run build:native');
  return addon;
}

/** CRC-32C of data[start, end) with the runnel_crc32c addon (three SSE4.2 lanes), from `seed`. */
export function crc32cAddon(data: Uint8Array, start = 0, end = data.length, seed = 0): number {
  const a = requireAddon();
  if (!inBounds(data, start, end)) throw new RangeError('crc32c range outside the buffer');
  return a.crc32c(data, start, end, seed >>> 0);
}

/** The addon's single-lane kernel (one dependent crc32 chain), for benchmarks: the 3-lane baseline. */
export function crc32cAddonOneLane(data: Uint8Array, start = 0, end = data.length, seed = 0): number {
  const a = requireAddon();
  if (!inBounds(data, start, end)) throw new RangeError('crc32c range outside the buffer');
  return a.crc32c1(data, start, end, seed >>> 0);
}

/** CRC-32C of data[start, end). Unsigned 32-bit result. */
export function crc32c(data: Uint8Array, start = 0, end = data.length): number {
  const size = end - start;
  if (size >= limits.crcNativeMinBytes) {
    if (addon !== null) return crc32cAddon(data, start, end);
    if (native !== null) return crc32cNative(data, start, end);
  }
  if (kernels !== null && size >= limits.crcWasmMinBytes) return crc32cWasm(data, start, end);
  return crc32cRef(data, start, end);
}

/** validateBatch in TypeScript. */
export function validateBatchTs(buf: Uint8Array, start: number, end: number, mode: number): number {
  return validateBatchRef(buf, start, end, mode);
}

/** validateBatch in WASM, copy into linear memory included; batches past maxScratchBytes go to TypeScript. */
export function validateBatchWasm(buf: Uint8Array, start: number, end: number, mode: number): number {
  const k = requireKernels();
  if (!inBounds(buf, start, end) || !reserveScratch(k, end - start))
    return validateBatchRef(buf, start, end, mode);
  copyIn(buf, start, end);
  return k.validateBatch(scratchBase, end - start, mode);
}

/**
 * The fastest native CRC that loaded (the addon, else @node-rs/crc32), without the range check
 * validateBatchWith has already made; null when neither loaded.
 */
const crcNativeUnchecked: ((buf: Uint8Array, start: number, end: number) => number) | null =
  addon !== null
    ? (buf, start, end) => addon.crc32c(buf, start, end, 0)
    : native !== null
      ? (buf, start, end) => native(buf.subarray(start, end)) >>> 0
      : null;

/** Record walk in WASM (copy of the records included); past maxScratchBytes it runs in TypeScript. */
export function walkRecordsWasm(buf: Uint8Array, start: number, end: number, recordCount: number): number {
  const k = requireKernels();
  if (!inBounds(buf, start, end) || !reserveScratch(k, end - start))
    return walkRecordsRef(buf, start, end, recordCount);
  copyIn(buf, start, end);
  return k.walkRecords(scratchBase, scratchBase + end - start, recordCount);
}

/**
 * validateBatch with the fastest native CRC (the addon, else @node-rs/crc32); the record walk runs
 * in WASM for dense batches (many small records) and in TypeScript otherwise, see
 * walkWasmMaxRecordBytes. Throws when no native CRC loaded.
 */
export function validateBatchNative(buf: Uint8Array, start: number, end: number, mode: number): number {
  const crc = crcNativeUnchecked;
  if (crc === null) throw new Error('no native CRC-32C is loaded (runnel_crc32c addon or @node-rs/crc32)');
  let walk = walkRecordsRef;
  if (kernels !== null && inBounds(buf, start, end) && end - start >= RECORD_COUNT_OFFSET + 4) {
    // The count is untrusted, but it only steers the choice of walker; both give the same answer.
    const count = readInt32BE(buf, start + RECORD_COUNT_OFFSET);
    if (count > 0 && (end - start) / count <= limits.walkWasmMaxRecordBytes) walk = walkRecordsWasm;
  }
  return validateBatchWith(buf, start, end, mode, crc, walk);
}

function readInt32BE(buf: Uint8Array, p: number): number {
  return (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
}

/** Checks one magic-2 record batch occupying exactly buf[start, end). Returns 0 or a Kafka error code. */
export function validateBatch(buf: Uint8Array, start: number, end: number, mode: number): number {
  const size = end - start;
  if (crcNativeUnchecked !== null && size >= limits.validateNativeMinBytes)
    return validateBatchNative(buf, start, end, mode);
  if (kernels !== null && size >= limits.validateWasmMinBytes)
    return validateBatchWasm(buf, start, end, mode);
  return validateBatchRef(buf, start, end, mode);
}

/**
 * Record-level walk over buf[start, end) holding `recordCount` records (a decompressed records section):
 * each must frame to its declared length with offset delta = index. In WASM for dense records, else in
 * TypeScript, as validateBatchNative chooses. Returns 0 or a Kafka error code.
 */
export function walkRecords(buf: Uint8Array, start: number, end: number, recordCount: number): number {
  if (
    kernels !== null &&
    inBounds(buf, start, end) &&
    recordCount > 0 &&
    (end - start) / recordCount <= limits.walkWasmMaxRecordBytes
  ) {
    return walkRecordsWasm(buf, start, end, recordCount);
  }
  return walkRecordsRef(buf, start, end, recordCount);
}
