import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode } from '../dist/protocol/errors.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { crc32cRef } from '../dist/wasm/crc32c-ref.js';
import {
  addonAvailable,
  configureKernels,
  crc32c,
  crc32cAddon,
  crc32cAddonOneLane,
  crc32cNative,
  crc32cTs,
  crc32cWasm,
  kernelLimits,
  nativeAvailable,
  VALIDATE_INTEGRITY,
  VALIDATE_PRODUCE,
  validateBatch as validateBatchAuto,
  validateBatchNative,
  validateBatchTs,
  validateBatchWasm,
  wasmAvailable,
} from '../dist/wasm/index.js';

/** validateBatchNative with its record walk pinned to TypeScript or to WASM. */
function validateNativeWith(walk: 'ts' | 'wasm', buf: Uint8Array, start: number, end: number, mode: number) {
  const saved = kernelLimits();
  try {
    configureKernels({ walkWasmMaxRecordBytes: walk === 'ts' ? 0 : Number.MAX_SAFE_INTEGER });
    return validateBatchNative(buf, start, end, mode);
  } finally {
    configureKernels(saved);
  }
}

/**
 * Runs every validator (TS, WASM, native CRC with the walk in TS and in WASM, size-dispatched);
 * they must agree, and that code is returned.
 */
function validateBatch(buf: Uint8Array, start: number, end: number, mode: number): number {
  const ts = validateBatchTs(buf, start, end, mode);
  const got = {
    wasm: validateBatchWasm(buf, start, end, mode),
    nativeTsWalk: validateNativeWith('ts', buf, start, end, mode),
    nativeWasmWalk: validateNativeWith('wasm', buf, start, end, mode),
    auto: validateBatchAuto(buf, start, end, mode),
  };
  assert.equal(got, { wasm: ts, nativeTsWalk: ts, nativeWasmWalk: ts, auto: ts }, 'validators disagree');
  return ts;
}

// Record varints below are zig-zag: a length of 6 is written 12, -1 is written 1.
// --- a small, independent batch encoder (kept local so these tests do not trust the code under test)

interface TestRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Array<[Uint8Array, Uint8Array | null]>;
}

function pushVarint(out: number[], v: number): void {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  while (z >= 0x80) {
    out.push((z & 0x7f) | 0x80);
    z >>>= 7;
  }
  out.push(z);
}

function pushBytes(out: number[], b: Uint8Array | null): void {
  if (b === null) {
    pushVarint(out, -1);
    return;
  }
  pushVarint(out, b.length);
  for (const x of b) out.push(x);
}

function encodeRecord(r: TestRecord, offsetDelta: number, timestampDelta: number): number[] {
  const body: number[] = [0];
  pushVarint(body, timestampDelta);
  pushVarint(body, offsetDelta);
  pushBytes(body, r.key);
  pushBytes(body, r.value);
  pushVarint(body, r.headers.length);
  for (const [k, v] of r.headers) {
    pushBytes(body, k);
    pushBytes(body, v);
  }
  const out: number[] = [];
  pushVarint(out, body.length);
  return out.concat(body);
}

// Bitwise CRC-32C: slow and obviously right, the oracle for the fast kernels.
function crc32cBitwise(data: Uint8Array, start = 0, end = data.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) {
    c ^= data[i]!;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

interface BatchOpts {
  codec?: number;
  recordCount?: number;
  lastOffsetDelta?: number;
  rawRecords?: number[]; // replaces the encoded records verbatim
  magic?: number;
}

function encodeBatch(records: TestRecord[], opts: BatchOpts = {}): Uint8Array {
  let recs: number[] = [];
  if (opts.rawRecords) recs = opts.rawRecords;
  else for (let i = 0; i < records.length; i++) recs.push(...encodeRecord(records[i]!, i, i * 3));
  const buf = new Uint8Array(61 + recs.length);
  const dv = new DataView(buf.buffer);
  dv.setBigInt64(0, 42n);
  dv.setInt32(8, buf.length - 12);
  dv.setInt32(12, 7);
  dv.setInt8(16, opts.magic ?? 2);
  dv.setInt16(21, opts.codec ?? 0);
  dv.setInt32(23, opts.lastOffsetDelta ?? records.length - 1);
  dv.setBigInt64(27, 1_700_000_000_000n);
  dv.setBigInt64(35, 1_700_000_000_000n + BigInt(3 * Math.max(0, records.length - 1)));
  dv.setBigInt64(43, -1n);
  dv.setInt16(51, -1);
  dv.setInt32(53, -1);
  dv.setInt32(57, opts.recordCount ?? records.length);
  buf.set(recs, 61);
  dv.setUint32(17, crc32cBitwise(buf, 21));
  return buf;
}

/** Recomputes the CRC after a deliberate edit, so the check under test is the one after it. */
function reseal(buf: Uint8Array): Uint8Array {
  new DataView(buf.buffer, buf.byteOffset).setUint32(17, crc32cBitwise(buf, 21));
  return buf;
}

const enc = new TextEncoder();
const rec = (key: string | null, value: string | null, headers: Array<[string, string | null]> = []) => ({
  key: key === null ? null : enc.encode(key),
  value: value === null ? null : enc.encode(value),
  headers: headers.map(([k, v]): [Uint8Array, Uint8Array | null] => [
    enc.encode(k),
    v === null ? null : enc.encode(v),
  ]),
});

const sample = [
  rec('k1', 'hello'),
  rec(null, 'world', [
    ['h', 'v'],
    ['n', null],
  ]),
  rec('k3', null),
];

const arbRecord = fc.record({
  key: fc.option(fc.uint8Array({ maxLength: 40 })),
  value: fc.option(fc.uint8Array({ maxLength: 300 })),
  headers: fc.array(fc.tuple(fc.uint8Array({ maxLength: 10 }), fc.option(fc.uint8Array({ maxLength: 10 }))), {
    maxLength: 3,
  }),
});

// --- CRC-32C

const crcs = {
  auto: crc32c,
  ts: crc32cTs,
  wasm: crc32cWasm,
  native: crc32cNative,
  addon: crc32cAddon,
  addon1: crc32cAddonOneLane,
};

test('the WASM module and the native CRCs loaded', () => {
  assert.ok(wasmAvailable);
  assert.ok(nativeAvailable, '@node-rs/crc32 should load on linux-x64');
  assert.ok(addonAvailable, 'the runnel_crc32c addon should build and load on x64 (npm run build:native)');
});

/**
 * Runs `script` (an ES module body that may await import(url)) in a child Node, with `env` added and,
 * when `block` is given, every require() of a request matching it failing as if the file were absent.
 */
function runChild(script: string, env: Record<string, string>, block?: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-wasm-test-'));
  try {
    const args = ['--input-type=module', '-e', script];
    if (block !== undefined) {
      const hook = join(dir, 'block.cjs');
      writeFileSync(
        hook,
        `const Module = require('node:module');
const load = Module._load;
const re = new RegExp(${JSON.stringify(block)});
Module._load = function (request, ...rest) {
  if (re.test(request)) throw Object.assign(new Error('blocked by test'), { code: 'MODULE_NOT_FOUND' });
  return load.call(this, request, ...rest);
};`,
      );
      args.unshift('--require', hook);
    }
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('without the addon (disabled, or its file missing) every export answers from the other backends', () => {
  const batch = encodeBatch(sample);
  const url = new URL('../dist/wasm/index.js', import.meta.url).href;
  const script = `
    const k = await import(${JSON.stringify(url)});
    const batch = new Uint8Array(${JSON.stringify(Array.from(batch))});
    const big = new Uint8Array(70000).map((_, i) => (i * 131) & 0xff);
    const throws = (f) => { try { f(); return false; } catch { return true; } };
    console.log(JSON.stringify({
      addon: k.addonAvailable, native: k.nativeAvailable, wasm: k.wasmAvailable,
      addonThrows: throws(() => k.crc32cAddon(big)),
      validateNativeThrows: throws(() => k.validateBatchNative(batch, 0, batch.length, k.VALIDATE_PRODUCE)),
      nativeMin: k.kernelLimits().crcNativeMinBytes,
      crc: k.crc32c(big), crcSmall: k.crc32c(big, 1, 200),
      v: k.validateBatch(batch, 0, batch.length, k.VALIDATE_PRODUCE),
      vBig: k.validateBatch(batch, 0, batch.length - 1, k.VALIDATE_PRODUCE),
    }));`;
  const want = {
    addon: false,
    native: true,
    wasm: true,
    addonThrows: true,
    validateNativeThrows: false, // @node-rs/crc32 serves it
    nativeMin: 512,
    crc: crc32cBitwise(new Uint8Array(70000).map((_, i) => (i * 131) & 0xff)),
    crcSmall: crc32cBitwise(
      new Uint8Array(70000).map((_, i) => (i * 131) & 0xff),
      1,
      200,
    ),
    v: ErrorCode.NONE,
    vBig: ErrorCode.CORRUPT_MESSAGE,
  };
  assert.equal(runChild(script, { RUNNEL_NATIVE_CRC32C: '0' }), want, 'disabled by RUNNEL_NATIVE_CRC32C=0');
  assert.equal(runChild(script, {}, 'runnel_crc32c\\.node$'), want, 'addon file missing');
  // Neither native CRC: WASM and TypeScript answer, and the native validator says so.
  assert.equal(runChild(script, { RUNNEL_NATIVE_CRC32C: 'off' }, '^@node-rs/crc32$'), {
    ...want,
    native: false,
    validateNativeThrows: true,
  });
  // And with the addon present, the child agrees with this process.
  assert.equal(runChild(script, {}), {
    ...want,
    addon: true,
    addonThrows: false,
    nativeMin: kernelLimits().crcNativeMinBytes,
  });
});

test('without @node-rs/crc32 every export still answers, from the addon, WASM and TypeScript', () => {
  // A child process whose require('@node-rs/crc32') throws, as on a platform with no prebuilt binary.
  const dir = mkdtempSync(join(tmpdir(), 'runnel-wasm-test-'));
  try {
    const block = join(dir, 'block-native.cjs');
    writeFileSync(
      block,
      `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@node-rs/crc32') throw new Error('blocked by test');
  return load.call(this, request, ...rest);
};`,
    );
    const batch = encodeBatch(sample);
    const big = new Uint8Array(70_000).map((_, i) => (i * 131) & 0xff);
    const url = new URL('../dist/wasm/index.js', import.meta.url).href;
    const script = `
      const k = await import(${JSON.stringify(url)});
      const batch = new Uint8Array(${JSON.stringify(Array.from(batch))});
      const big = new Uint8Array(70000).map((_, i) => (i * 131) & 0xff);
      let nativeThrows = false;
      try { k.crc32cNative(big); } catch { nativeThrows = true; }
      console.log(JSON.stringify({
        native: k.nativeAvailable, wasm: k.wasmAvailable, nativeThrows,
        crc: k.crc32c(big), v: k.validateBatch(batch, 0, batch.length, k.VALIDATE_PRODUCE),
      }));`;
    const out = execFileSync(process.execPath, ['--require', block, '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(JSON.parse(out), {
      native: false,
      wasm: true,
      nativeThrows: true,
      crc: crc32cBitwise(big),
      v: ErrorCode.NONE,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('crc32c dispatch: every size class, around each crossover, matches the oracle', () => {
  const limits = kernelLimits();
  const data = new Uint8Array(70_000).map((_, i) => (i * 2654435761) >>> 24);
  for (const around of [limits.crcWasmMinBytes, limits.crcNativeMinBytes, limits.crcChunkBytes, 65_536]) {
    for (const len of [around - 1, around, around + 1]) {
      if (len < 0 || len + 3 > data.length) continue;
      assert.is(crc32c(data, 3, 3 + len), crc32cBitwise(data, 3, 3 + len), `length ${len}`);
    }
  }
});

test('crc32c check value and empty input', () => {
  for (const [name, f] of Object.entries(crcs)) {
    assert.is(f(enc.encode('123456789')), 0xe3069283, name);
    assert.is(f(new Uint8Array(0)), 0, name);
    assert.is(f(enc.encode('xx123456789yy'), 2, 11), 0xe3069283, name);
    assert.is(f(enc.encode('abc'), 3, 3), 0, name);
  }
});

test('crc32c kernels agree with the bitwise oracle on random lengths and offsets', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(), fc.nat(), (data, a, b) => {
      const start = data.length === 0 ? 0 : a % (data.length + 1);
      const end = start + (b % (data.length - start + 1));
      const want = crc32cBitwise(data, start, end);
      for (const [name, f] of Object.entries(crcs)) assert.is(f(data, start, end), want, name);
    }),
    { numRuns: 400 },
  );
  // Views that do not start at their buffer's beginning, and every tail length of the 16-byte loop.
  const backing = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);
  for (let off = 0; off < 8; off++) {
    for (let len = 0; len <= 40; len++) {
      const view = backing.subarray(off, off + len + 5);
      const want = crc32cBitwise(view, 3, 3 + Math.min(len, view.length - 3));
      for (const [name, f] of Object.entries(crcs))
        assert.is(f(view, 3, 3 + Math.min(len, view.length - 3)), want, name);
    }
  }
});

test('crc32cWasm: inputs larger than a chunk and than memory, and a chunk of one byte', () => {
  const big = new Uint8Array(3 * 1024 * 1024 + 13).map((_, i) => (i * 2654435761) >>> 24);
  const want = crc32cBitwise(big, 5, big.length - 1);
  assert.is(crc32cWasm(big, 5, big.length - 1), want);
  const saved = kernelLimits();
  try {
    configureKernels({ crcChunkBytes: 1 });
    assert.is(crc32cWasm(big, 0, 1000), crc32cBitwise(big, 0, 1000));
    configureKernels({ crcChunkBytes: 4099 });
    assert.is(crc32cWasm(big, 5, big.length - 1), want);
  } finally {
    configureKernels(saved);
  }
  for (const f of [crc32cWasm, crc32cNative]) {
    assert.throws(() => f(big, 10, 5), RangeError);
    assert.throws(() => f(big, 0, big.length + 1), RangeError);
    assert.throws(() => f(big, 0.5, 7), RangeError);
  }
  assert.is(crc32cNative(big, 5, big.length - 1), want);
});

// Every length that ends inside, at, or just past a 3-lane block of each lane size the addon uses
// (4096, 512, 64 bytes a lane), and sums of blocks from several tiers plus 8-byte and byte tails.
function laneBoundaryLengths(): number[] {
  const out = new Set<number>();
  for (const lane of [64, 512, 4096]) {
    for (const blocks of [1, 2, 3]) {
      for (let d = -9; d <= 9; d++) out.add(blocks * 3 * lane + d);
      out.add(blocks * 3 * lane + lane);
      out.add(blocks * 3 * lane + 2 * lane);
    }
  }
  for (const n of [12288 + 1536 + 192 + 8 + 7, 2 * 12288 + 2 * 1536 + 2 * 192 + 63, 12288 + 191, 1536 + 191])
    out.add(n);
  return [...out].filter((n) => n >= 0).sort((a, b) => a - b);
}

test('addon: agrees with crc32cRef on 0, 1..64, lane boundaries, unaligned starts and seeds', () => {
  const data = new Uint8Array(5 * 12288 + 64).map((_, i) => (i * 2654435761) >>> 24);
  const seeds = [0, 1, 0xffffffff, 0xe3069283, 0x80000000];
  for (const f of [crc32cAddon, crc32cAddonOneLane]) {
    for (let len = 0; len <= 64; len++) {
      for (let start = 0; start < 9; start++) {
        for (const seed of seeds)
          assert.is(
            f(data, start, start + len, seed),
            crc32cRef(data, start, start + len, seed),
            `${len}@${start}`,
          );
      }
    }
    for (const len of laneBoundaryLengths()) {
      for (const start of [0, 1, 3, 7, 8, 13]) {
        const seed = seeds[(len + start) % seeds.length]!;
        assert.is(
          f(data, start, start + len, seed),
          crc32cRef(data, start, start + len, seed),
          `${len}@${start}`,
        );
      }
    }
  }
  // A seed continues a checksum: any split point gives the whole.
  const whole = crc32cRef(data, 5, 40_000);
  for (const cut of [5, 6, 13, 200, 12293, 20_000, 39_999, 40_000])
    assert.is(crc32cAddon(data, cut, 40_000, crc32cAddon(data, 5, cut)), whole, `cut ${cut}`);
});

test('addon: random lengths, offsets and seeds, and multi-MiB inputs', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 40_000 }),
      fc.nat(),
      fc.nat(),
      fc.nat(0xffffffff),
      (data, a, b, seed) => {
        const start = data.length === 0 ? 0 : a % (data.length + 1);
        const end = start + (b % (data.length - start + 1));
        const want = crc32cRef(data, start, end, seed);
        assert.is(crc32cAddon(data, start, end, seed), want);
        assert.is(crc32cAddonOneLane(data, start, end, seed), want);
      },
    ),
    { numRuns: 300 },
  );
  const big = new Uint8Array(5 * 1024 * 1024 + 77).map((_, i) => (i * 2246822519) >>> 25);
  for (const [start, end] of [
    [0, big.length],
    [3, big.length - 5],
    [1, 4 * 1024 * 1024 + 1],
  ] as const) {
    const want = crc32cBitwise(big, start, end);
    assert.is(crc32cAddon(big, start, end), want, `${start}..${end}`);
    assert.is(crc32c(big, start, end), want, `dispatched ${start}..${end}`);
  }
  // Views into a larger buffer (a pooled Buffer starts mid-allocation): offsets are the view's own.
  const pooled = Buffer.from('xx123456789yy');
  assert.is(crc32cAddon(pooled, 2, 11), 0xe3069283);
  const view = big.subarray(1001, 1001 + 70_000);
  assert.is(crc32cAddon(view, 5, 69_000), crc32cBitwise(big, 1006, 1001 + 69_000));
});

test('addon binding checks its own arguments', () => {
  const req = createRequire(import.meta.url);
  const raw = req('../native/build/Release/runnel_crc32c.node') as {
    available: boolean;
    crc32c: (d: unknown, s: unknown, e: unknown, c: unknown) => number;
  };
  assert.is(raw.available, true);
  const d = new Uint8Array(16);
  assert.throws(() => raw.crc32c(d, 0, 17, 0), RangeError);
  assert.throws(() => raw.crc32c(d, -1, 4, 0), RangeError);
  assert.throws(() => raw.crc32c(d, 5, 4, 0), RangeError);
  assert.throws(() => raw.crc32c(new Int32Array(4), 0, 4, 0), TypeError);
  assert.throws(() => raw.crc32c([1, 2, 3], 0, 3, 0), TypeError);
  assert.throws(() => raw.crc32c(d.buffer, 0, 3, 0), TypeError);
  assert.throws(() => raw.crc32c(d, '0', 3, 0), TypeError);
  assert.throws(() => (raw.crc32c as (...a: unknown[]) => number)(d, 0, 3), TypeError);
  for (const f of [crc32cAddon, crc32cAddonOneLane]) {
    assert.throws(() => f(d, 0.5, 7), RangeError);
    assert.throws(() => f(d, 0, 17), RangeError);
  }
});

test('configureKernels rejects limits that cannot work', () => {
  const before = kernelLimits();
  assert.throws(() => configureKernels({ maxScratchBytes: -1 }), RangeError);
  assert.throws(() => configureKernels({ crcChunkBytes: 0 }), RangeError);
  assert.throws(() => configureKernels({ crcChunkBytes: before.maxScratchBytes + 1 }), RangeError);
  assert.throws(() => configureKernels({ crcWasmMinBytes: 1.5 }), RangeError);
  assert.equal(kernelLimits(), before);
});

// --- validateBatch: valid batches

test('valid batches pass both modes, at any offset inside a larger buffer', () => {
  const b = encodeBatch(sample);
  assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.NONE);
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.NONE);
  const framed = new Uint8Array(b.length + 13);
  framed.fill(0xee);
  framed.set(b, 5);
  assert.is(validateBatch(framed, 5, 5 + b.length, VALIDATE_PRODUCE), ErrorCode.NONE);
  fc.assert(
    fc.property(fc.array(arbRecord, { minLength: 1, maxLength: 20 }), (records) => {
      const batch = encodeBatch(records);
      assert.is(validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE), ErrorCode.NONE);
    }),
    { numRuns: 200 },
  );
});

// --- validateBatch: each rule

test('length rules give CORRUPT_MESSAGE', () => {
  const b = encodeBatch(sample);
  assert.is(validateBatch(b, 0, 60, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  assert.is(validateBatch(b, 0, b.length - 1, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  assert.is(validateBatch(b, 1, b.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  const longer = new Uint8Array(b.length + 1);
  longer.set(b);
  assert.is(validateBatch(longer, 0, longer.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  // Out-of-range or inverted bounds are bad input, not a crash.
  assert.is(validateBatch(b, 0, b.length + 1, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  assert.is(validateBatch(b, -1, b.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  assert.is(validateBatch(b, 10, 5, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
});

test('magic rules', () => {
  for (const magic of [0, 1]) {
    const b = encodeBatch(sample, { magic });
    assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
  }
  for (const magic of [3, 127, -1]) {
    const b = encodeBatch(sample, { magic });
    assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  }
});

test('CRC mismatch and unknown codecs give CORRUPT_MESSAGE', () => {
  const b = encodeBatch(sample);
  b[b.length - 1]! ^= 1;
  assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  const c = encodeBatch(sample);
  c[20]! ^= 0x80; // inside the stored CRC itself
  assert.is(validateBatch(c, 0, c.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
  for (let codec = 0; codec < 8; codec++) {
    const d = encodeBatch(sample, { codec: codec | 0x18 }); // with timestamp-type and transactional bits
    const want = codec <= 4 ? ErrorCode.NONE : ErrorCode.CORRUPT_MESSAGE;
    assert.is(validateBatch(d, 0, d.length, VALIDATE_INTEGRITY), want, `codec ${codec}`);
  }
});

test('fields outside the CRC (base offset, leader epoch) can be patched without failing', () => {
  const b = encodeBatch(sample);
  const dv = new DataView(b.buffer);
  dv.setBigInt64(0, 123456789n);
  dv.setInt32(12, 99);
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.NONE);
});

test('PRODUCE: record count and last offset delta give INVALID_RECORD', () => {
  const empty = encodeBatch([], { recordCount: 0, lastOffsetDelta: 0 });
  assert.is(validateBatch(empty, 0, empty.length, VALIDATE_INTEGRITY), ErrorCode.NONE);
  assert.is(validateBatch(empty, 0, empty.length, VALIDATE_PRODUCE), ErrorCode.INVALID_RECORD);
  const neg = encodeBatch(sample, { recordCount: -3, lastOffsetDelta: -4 });
  assert.is(validateBatch(neg, 0, neg.length, VALIDATE_PRODUCE), ErrorCode.INVALID_RECORD);
  const lod = encodeBatch(sample, { lastOffsetDelta: 5 });
  assert.is(validateBatch(lod, 0, lod.length, VALIDATE_INTEGRITY), ErrorCode.NONE);
  assert.is(validateBatch(lod, 0, lod.length, VALIDATE_PRODUCE), ErrorCode.INVALID_RECORD);
});

test('PRODUCE: record count that disagrees with the records gives CORRUPT_MESSAGE', () => {
  for (const n of [2, 4]) {
    const b = encodeBatch(sample, { recordCount: n, lastOffsetDelta: n - 1 });
    assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.CORRUPT_MESSAGE, `count ${n}`);
  }
});

test('PRODUCE: offset delta must equal the record index', () => {
  const raw = [
    ...encodeRecord(sample[0]!, 0, 0),
    ...encodeRecord(sample[1]!, 2, 0),
    ...encodeRecord(sample[2]!, 2, 0),
  ];
  const b = encodeBatch(sample, { rawRecords: raw });
  assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.NONE);
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.INVALID_RECORD);
});

test('PRODUCE: malformed records give CORRUPT_MESSAGE', () => {
  const good = encodeRecord(sample[1]!, 0, 0);
  const cases: Array<[string, number[]]> = [];
  // Declared length one short / one long of the real record.
  cases.push(['length short', [good[0]! - 2, ...good.slice(1)]]);
  cases.push(['length long', [good[0]! + 2, ...good.slice(1), 0]]);
  // Trailing garbage after the last record.
  cases.push(['trailing byte', [...good, 0]]);
  // Negative record length.
  cases.push(['negative length', [1, ...good.slice(1)]]);
  // Key length below -1.
  cases.push(['key length -2', [12, 0, 0, 0, 3, 1, 0]]);
  // Value longer than the record.
  cases.push(['value overrun', [12, 0, 0, 0, 1, 40, 0]]);
  // Negative header count.
  cases.push(['negative headers', [12, 0, 0, 0, 1, 1, 1]]);
  // Header with null key (Kafka requires a key).
  cases.push(['null header key', [16, 0, 0, 0, 1, 1, 2, 1, 1]]);
  // Over-long varint (6 bytes) as offset delta.
  cases.push(['long varint', [22, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 1, 1, 0]]);
  // Over-long varlong (11 bytes) as timestamp delta.
  cases.push(['long varlong', [32, 0, ...Array(10).fill(0x80), 0, 0, 1, 1, 0]]);
  // Huge header count with no bytes behind it.
  cases.push(['huge header count', [20, 0, 0, 0, 1, 1, 0xfe, 0xff, 0xff, 0xff, 0x07]]);
  for (const [name, raw] of cases) {
    const b = encodeBatch([sample[1]!], { rawRecords: raw });
    assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.NONE, name);
    assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.CORRUPT_MESSAGE, name);
  }
  // The minimal well-formed record passes, so the cases above fail for the reason named.
  const minimal = encodeBatch([sample[1]!], { rawRecords: [12, 0, 0, 0, 1, 1, 0] });
  assert.is(validateBatch(minimal, 0, minimal.length, VALIDATE_PRODUCE), ErrorCode.NONE);
});

test('batches from the record-batch encoder validate, compressed or not', () => {
  const records = Array.from({ length: 50 }, (_, i) => ({
    key: i % 3 === 0 ? null : `key-${i}`,
    value: i % 7 === 0 ? null : 'v'.repeat(i * 5),
    headers: i % 2 ? [{ key: 'h', value: enc.encode(String(i)) }] : [],
    timestamp: 1_700_000_000_000 + i,
  }));
  for (const compression of [0, 1] as const) {
    const b = new Uint8Array(
      encodeRecordBatch(records, { compression, producerId: 7, producerEpoch: 1, baseSequence: 0 }),
    );
    assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.NONE, `compression ${compression}`);
  }
});

test('large batches grow WASM memory; past maxScratchBytes the TS path answers the same', () => {
  const value = new Uint8Array(60_000).fill(0x5a);
  const records = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value, headers: [] }));
  const b = encodeBatch(records.map((r) => ({ key: enc.encode(r.key), value: r.value, headers: [] })));
  assert.ok(b.length > 2 * 1024 * 1024);
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.NONE);
  b[b.length - 100]! ^= 1;
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.CORRUPT_MESSAGE);
  const saved = kernelLimits();
  try {
    configureKernels({ maxScratchBytes: 4096, crcChunkBytes: 4096 });
    assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.CORRUPT_MESSAGE);
    b[b.length - 100]! ^= 1;
    assert.is(validateBatch(b, 0, b.length, VALIDATE_INTEGRITY), ErrorCode.NONE);
  } finally {
    configureKernels(saved);
  }
});

test('each worker thread instantiates its own modules (WASM and the addon) and gets the same answers', async () => {
  const url = new URL('../dist/wasm/index.js', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(url)}).then((k) => {
      const data = new Uint8Array(workerData);
      parentPort.postMessage({ wasm: k.wasmAvailable, crc: k.crc32cWasm(data), v: k.validateBatchWasm(data, 0, data.length, 1),
        addon: k.addonAvailable, addonCrc: k.crc32cAddon(data) });
    });`;
  const batch = encodeBatch(sample);
  const results = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<{ wasm: boolean; crc: number; v: number; addon: boolean; addonCrc: number }>(
          (resolve, reject) => {
            const w = new Worker(code, { eval: true, workerData: batch });
            w.once('message', (m) => {
              resolve(m);
              void w.terminate();
            });
            w.once('error', reject);
          },
        ),
    ),
  );
  const want = crc32cBitwise(batch);
  for (const r of results)
    assert.equal(r, { wasm: true, crc: want, v: ErrorCode.NONE, addon: true, addonCrc: want });
});

test('compressed batches are checked at header and CRC level only', () => {
  const b = encodeBatch(sample, { codec: 1, rawRecords: [1, 2, 3, 4, 5] });
  assert.is(validateBatch(b, 0, b.length, VALIDATE_PRODUCE), ErrorCode.NONE);
  const bad = encodeBatch(sample, { codec: 1, recordCount: 0, rawRecords: [1, 2, 3] });
  assert.is(validateBatch(bad, 0, bad.length, VALIDATE_PRODUCE), ErrorCode.INVALID_RECORD);
});

test('truncations and random byte flips never throw and never pass a changed CRC range', () => {
  const b = encodeBatch(sample);
  for (let end = 0; end < b.length; end++) {
    for (const mode of [VALIDATE_INTEGRITY, VALIDATE_PRODUCE]) {
      const code = validateBatch(b, 0, end, mode);
      assert.ok(code !== ErrorCode.NONE, `truncated to ${end}`);
    }
  }
  fc.assert(
    fc.property(
      fc.array(arbRecord, { minLength: 1, maxLength: 5 }),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      (records, at, x) => {
        const batch = encodeBatch(records);
        const i = at % batch.length;
        batch[i]! ^= x;
        for (const mode of [VALIDATE_INTEGRITY, VALIDATE_PRODUCE]) {
          const code = validateBatch(batch, 0, batch.length, mode);
          // Bytes outside the CRC and the length field may change freely; all others must be caught.
          if (i >= 21 || (i >= 8 && i < 12) || i === 16 || (i >= 17 && i < 21))
            assert.ok(code !== ErrorCode.NONE);
        }
      },
    ),
    { numRuns: 500 },
  );
  // Resealed random mutations inside the records: the walk must still not throw.
  fc.assert(
    fc.property(
      fc.array(arbRecord, { minLength: 1, maxLength: 5 }),
      fc.nat(),
      fc.nat(255),
      (records, at, v) => {
        const batch = encodeBatch(records);
        batch[61 + (at % (batch.length - 61))] = v;
        const code = validateBatch(reseal(batch), 0, batch.length, VALIDATE_PRODUCE);
        assert.ok(Number.isInteger(code));
      },
    ),
    { numRuns: 500 },
  );
});

test.run();
