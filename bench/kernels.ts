// Kernel backends side by side: CRC-32C (TypeScript, WASM, native @node-rs/crc32, and the runnel_crc32c
// addon with three SSE4.2 lanes and, as its baseline, one) from 64 B to 1 MiB,
// and record batch validation at 1 KiB, 16 KiB and 1 MiB batches of 100 B and of 1 KiB records.
// WASM figures include copying the input into linear memory, since every real caller pays that;
// "kernel" rows show the copy-free ceiling. The last table is what validateBatch() dispatches to.
//
//   npm run build && node --import tsx bench/kernels.ts [--quick]
import { readFileSync } from 'node:fs';
import b from 'benny';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
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
  validateBatch,
  validateBatchNative,
  validateBatchTs,
  validateBatchWasm,
  wasmAvailable,
} from '../dist/wasm/index.js';

if (!wasmAvailable) throw new Error('dist/runnel.wasm missing: run npm run build:wasm first');
if (!nativeAvailable) console.warn('@node-rs/crc32 did not load: native rows are skipped');
if (!addonAvailable)
  console.warn('the runnel_crc32c addon did not load (npm run build:native): addon rows are skipped');

// A private instance for copy-free kernel rows (the bindings keep theirs internal).
const raw = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL('../dist/runnel.wasm', import.meta.url))),
  {},
).exports as unknown as {
  memory: WebAssembly.Memory;
  scratchBase(): number;
  crc32c(p: number, n: number, c: number): number;
  crc32c8(p: number, n: number, c: number): number;
  walkRecords(p: number, end: number, count: number): number;
};
const MiB = 1024 * 1024;
raw.memory.grow(Math.ceil((2 * MiB) / 65536));
const rawBase = raw.scratchBase();
const rawMem = new Uint8Array(raw.memory.buffer);

const quick = process.argv.includes('--quick');
const config = b.configure({ cases: { minSamples: 5, maxTime: quick ? 0.3 : 1 } });
const defaults = kernelLimits();

let sink = 0;
let walkLimit = defaults.walkWasmMaxRecordBytes;

/** Cases run one after another; reconfigure only on the first call of a case, not in its timed loop. */
function setWalkLimit(bytes: number): void {
  if (bytes === walkLimit) return;
  configureKernels({ walkWasmMaxRecordBytes: bytes });
  walkLimit = bytes;
}
const rows: string[] = [];

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A batch of ~`target` bytes of records of ~`recordBytes` each: 16-byte key, one 4-byte header. */
function batchOf(target: number, recordBytes: number): Uint8Array {
  const value = randomBytes(Math.max(0, recordBytes - 40));
  const trace = value.subarray(0, 4);
  const records = [];
  for (let n = 0; n < Math.max(1, Math.floor((target - 61) / recordBytes)); n++) {
    records.push({
      key: `key-${String(n).padStart(12, '0')}`,
      value,
      headers: [{ key: 'trace', value: trace }],
    });
  }
  return new Uint8Array(encodeRecordBatch(records, { timestamp: 1_700_000_000_000 }));
}

async function compare(title: string, bytes: number, cases: Array<[string, () => void]>): Promise<void> {
  const summary = await b.suite(title, config, ...cases.map(([name, fn]) => b.add(name, fn)), b.cycle());
  const ts = summary.results.find((r) => r.name.startsWith('ts'))?.ops ?? Number.NaN;
  for (const r of summary.results) {
    const mbs = (r.ops * bytes) / 1e6;
    const ns = 1e9 / r.ops;
    rows.push(
      `${title.padEnd(40)} ${r.name.padEnd(26)} ${mbs.toFixed(0).padStart(7)} MB/s ${ns.toFixed(0).padStart(9)} ns  x${(r.ops / ts).toFixed(2)} vs ts`,
    );
  }
  rows.push('');
}

for (const size of [64, 128, 256, 512, 1024, 4096, 16 * 1024, 64 * 1024, MiB]) {
  const data = randomBytes(size);
  rawMem.set(data, rawBase);
  const cases: Array<[string, () => void]> = [
    ['ts slicing-8', () => void (sink ^= crc32cTs(data))],
    ['wasm slicing-16 +copy', () => void (sink ^= crc32cWasm(data))],
    ['wasm slicing-16 kernel', () => void (sink ^= raw.crc32c(rawBase, size, 0))],
  ];
  if (nativeAvailable) cases.push(['native', () => void (sink ^= crc32cNative(data))]);
  if (addonAvailable) {
    cases.push(['addon 3 lanes', () => void (sink ^= crc32cAddon(data))]);
    cases.push(['addon 1 lane', () => void (sink ^= crc32cAddonOneLane(data))]);
  }
  cases.push(['dispatched crc32c()', () => void (sink ^= crc32c(data))]);
  await compare(`crc32c ${size} B`, size, cases);
}

for (const recordBytes of [100, 1024]) {
  for (const target of [1024, 16 * 1024, MiB]) {
    const batch = batchOf(target, recordBytes);
    const count = new DataView(batch.buffer).getInt32(57);
    const title = `${batch.length} B batch, ${count} x ${recordBytes} B recs`;
    if (validateBatchTs(batch, 0, batch.length, VALIDATE_PRODUCE) !== 0)
      throw new Error('bench batch is invalid');
    const produce = (f: typeof validateBatchTs) => () =>
      void (sink ^= f(batch, 0, batch.length, VALIDATE_PRODUCE));
    const cases: Array<[string, () => void]> = [
      ['ts produce', produce(validateBatchTs)],
      ['wasm +copy produce', produce(validateBatchWasm)],
      [
        'wasm +copy integrity',
        () => void (sink ^= validateBatchWasm(batch, 0, batch.length, VALIDATE_INTEGRITY)),
      ],
    ];
    rawMem.set(batch, rawBase);
    cases.push([
      'wasm walk kernel only',
      () => void (sink ^= raw.walkRecords(rawBase + 61, rawBase + batch.length, count)),
    ]);
    if (nativeAvailable) {
      // walkWasmMaxRecordBytes steers the walk: 0 keeps it in TypeScript, a huge value sends it to WASM.
      const pinned = (walkWasmMaxRecordBytes: number) => () => {
        setWalkLimit(walkWasmMaxRecordBytes);
        sink ^= validateBatchNative(batch, 0, batch.length, VALIDATE_PRODUCE);
      };
      // The native CRC is the addon when it loaded, else @node-rs/crc32.
      cases.push(['native crc + ts walk', pinned(0)]);
      cases.push(['native crc + wasm walk', pinned(Number.MAX_SAFE_INTEGER)]);
      cases.push([
        'native integrity',
        () => void (sink ^= validateBatchNative(batch, 0, batch.length, VALIDATE_INTEGRITY)),
      ]);
    }
    cases.push([
      'dispatched validateBatch()',
      () => {
        setWalkLimit(defaults.walkWasmMaxRecordBytes);
        sink ^= validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE);
      },
    ]);
    await compare(title, batch.length, cases);
    setWalkLimit(defaults.walkWasmMaxRecordBytes);
  }
}

console.log(
  `\nnode ${process.version}, ${process.arch}; native CRC in validateBatch: ${addonAvailable ? 'runnel_crc32c addon' : nativeAvailable ? '@node-rs/crc32' : 'none'}; MB = 1e6 bytes (sink ${sink & 1})`,
);
for (const row of rows) console.log(row);
