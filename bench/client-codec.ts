// The client's record batch codec on its own: building batches (RecordBatchBuilder append, seal, stamp) and
// decoding them (readRecords), in records per second. Given two builds, runs them in alternating rounds in
// one process and prints the ratio, so a change to the codec is measured against the code before it.
//
//   npm run build:ts && node --import tsx bench/client-codec.ts
//   node --import tsx bench/client-codec.ts --dist dist,/tmp/old/dist    (B/A ratios; build A and B first)
//   flags: --rounds N (default 21), --records-per-batch N (default 5), --value-bytes N (default 20)
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    rounds: { type: 'string', default: '21' },
    'records-per-batch': { type: 'string', default: '5' },
    'value-bytes': { type: 'string', default: '20' },
  },
});
const rounds = Number(flags.rounds);
const perBatch = Number(flags['records-per-batch']);
const value = 'v'.repeat(Number(flags['value-bytes']));
const BATCHES = 4000;
const READS = 10;

interface Codec {
  name: string;
  RecordBatchBuilder: typeof import('../dist/client/batch-builder.js').RecordBatchBuilder;
  readRecords: typeof import('../dist/client/record-reader.js').readRecords;
}

async function load(dir: string): Promise<Codec> {
  const base = dir.startsWith('/') ? pathToFileURL(`${dir}/`) : new URL(`../${dir}/`, import.meta.url);
  const builder = await import(new URL('client/batch-builder.js', base).href);
  const reader = await import(new URL('client/record-reader.js', base).href);
  return { name: dir, RecordBatchBuilder: builder.RecordBatchBuilder, readRecords: reader.readRecords };
}

/** Builds BATCHES stamped batches one after another, as a fetch response carries them; returns ms taken. */
function build(codec: Codec): { ms: number; bytes: Buffer } {
  const parts: Buffer[] = [];
  const started = performance.now();
  for (let i = 0; i < BATCHES; i++) {
    const b = new codec.RecordBatchBuilder(Buffer.allocUnsafe(4096));
    for (let r = 0; r < perBatch; r++) b.append(1_700_000_000_000 + r, null, value, undefined);
    b.seal(0);
    parts.push(b.stamp(1000, 0, i * perBatch));
  }
  const ms = performance.now() - started;
  const bytes = Buffer.concat(parts);
  // Base offsets, as the broker assigns them, so the reader sees increasing offsets.
  let p = 0;
  for (let i = 0; i < BATCHES; i++) {
    bytes.writeBigInt64BE(BigInt(i * perBatch), p);
    p += 12 + bytes.readInt32BE(p + 8);
  }
  return { ms, bytes };
}

/** Decodes the batches READS times (CRCs checked); returns ms per pass. */
function read(codec: Codec, bytes: Buffer): number {
  const started = performance.now();
  for (let pass = 0; pass < READS; pass++) {
    const out: unknown[] = [];
    codec.readRecords(bytes, 't', 0, 0, true, out as never);
    if (out.length !== BATCHES * perBatch) throw new Error(`${codec.name}: read ${out.length} records`);
  }
  return (performance.now() - started) / READS;
}

const codecs = await Promise.all(String(flags.dist).split(',').map(load));
const times = codecs.map(() => ({ build: [] as number[], read: [] as number[] }));
for (let round = 0; round < rounds; round++) {
  // Alternate the order, so neither build always runs first after the other's garbage.
  const order = round % 2 === 0 ? codecs.map((_, i) => i) : codecs.map((_, i) => i).reverse();
  for (const i of order) {
    const built = build(codecs[i]!);
    times[i]!.build.push(built.ms);
    times[i]!.read.push(read(codecs[i]!, built.bytes));
  }
}

const records = BATCHES * perBatch;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[xs.length >> 1]!;
const rate = (ms: number) => `${Math.round(records / (ms / 1000)).toLocaleString('en-US')} rec/s`;
for (const [i, c] of codecs.entries()) {
  const t = times[i]!;
  console.log(
    `${c.name}: build ${rate(median(t.build))}, read ${rate(median(t.read))} (median of ${rounds}; ${perBatch} records of ${value.length} B per batch)`,
  );
}
if (codecs.length === 2) {
  // Per round B/A, so a slow moment hits both sides of one ratio; the spread is the middle half of them.
  for (const what of ['build', 'read'] as const) {
    const ratios = sorted(times[1]![what].map((b, r) => b / times[0]![what][r]!));
    const q = (f: number) => ratios[Math.floor(f * (ratios.length - 1))]!.toFixed(2);
    console.log(
      `${what} time ${codecs[1]!.name} / ${codecs[0]!.name}: median ${q(0.5)}, middle half ${q(0.25)}-${q(0.75)}`,
    );
  }
}
