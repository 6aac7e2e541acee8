// WASM vs TypeScript kernels: CRC-32C and record batch validation at 1 KiB, 16 KiB and 1 MiB (plus
// small sizes to place the crossover). WASM figures include copying the input into linear memory,
// since every real caller pays that; "kernel only" rows show the copy-free ceiling.
//
//   npm run build && node --import tsx bench/kernels.ts
import { readFileSync } from 'node:fs';
import b from 'benny';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import {
  crc32cTs,
  crc32cWasm,
  VALIDATE_INTEGRITY,
  VALIDATE_PRODUCE,
  validateBatchTs,
  validateBatchWasm,
  wasmAvailable,
} from '../dist/wasm/index.js';

if (!wasmAvailable) throw new Error('dist/runnel.wasm missing: run npm run build:wasm first');

// A private instance for copy-free kernel rows (the bindings keep theirs internal).
const raw = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL('../dist/runnel.wasm', import.meta.url))),
  {},
).exports as unknown as {
  memory: WebAssembly.Memory;
  scratchBase(): number;
  crc32c(p: number, n: number, c: number): number;
  crc32c8(p: number, n: number, c: number): number;
};
const MiB = 1024 * 1024;
raw.memory.grow(Math.ceil((2 * MiB) / 65536));
const rawBase = raw.scratchBase();

const quick = process.argv.includes('--quick');
const config = b.configure({ cases: { minSamples: 5, maxTime: quick ? 0.3 : 1 } });

let sink = 0;
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

/** A batch of ~`target` bytes of 100-byte values with 16-byte keys and one header each. */
function batchOf(target: number): Uint8Array {
  const value = randomBytes(100);
  const trace = value.subarray(0, 4);
  const records = [];
  const perRecord = 100 + 16 + 12 + 12;
  for (let n = 0; n < Math.max(1, Math.floor((target - 61) / perRecord)); n++) {
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
    rows.push(
      `${title.padEnd(34)} ${r.name.padEnd(22)} ${mbs.toFixed(0).padStart(7)} MB/s  x${(r.ops / ts).toFixed(2)} vs ts`,
    );
  }
}

for (const size of [64, 256, 1024, 16 * 1024, MiB]) {
  const data = randomBytes(size);
  await compare(`crc32c ${size} B`, size, [
    ['ts slicing-8', () => void (sink ^= crc32cTs(data))],
    ['wasm slicing-16 +copy', () => void (sink ^= crc32cWasm(data))],
    [
      'wasm slicing-16 kernel',
      () => {
        sink ^= raw.crc32c(rawBase, size, 0);
      },
    ],
    [
      'wasm slicing-8 kernel',
      () => {
        sink ^= raw.crc32c8(rawBase, size, 0);
      },
    ],
  ]);
}

for (const target of [256, 1024, 16 * 1024, MiB]) {
  const batch = batchOf(target);
  for (const [modeName, mode] of [
    ['produce', VALIDATE_PRODUCE],
    ['integrity', VALIDATE_INTEGRITY],
  ] as const) {
    if (validateBatchTs(batch, 0, batch.length, mode) !== 0) throw new Error('bench batch is invalid');
    await compare(`validateBatch ${modeName} ${batch.length} B`, batch.length, [
      ['ts', () => void (sink ^= validateBatchTs(batch, 0, batch.length, mode))],
      ['wasm +copy', () => void (sink ^= validateBatchWasm(batch, 0, batch.length, mode))],
    ]);
  }
}

console.log(`\nnode ${process.version}, ${process.arch}; MB = 1e6 bytes (sink ${sink & 1})`);
for (const row of rows) console.log(row);
