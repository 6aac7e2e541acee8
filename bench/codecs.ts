// Compression codecs: (1) the candidate packages per codec side by side, compress and decompress MB/s of
// uncompressed bytes on a records section of JSON-like values (the numbers behind the choice of
// dependencies); (2) what validating a compressed Produce batch costs the broker now that it decompresses
// and walks the records, against the CRC-and-header check it made before, per codec, in interleaved rounds.
//
//   npm run build && npm run bench:codecs [-- --quick]
//   CODEC_CANDIDATES_DIR=/some/node_modules npm run bench:codecs   # adds candidates not in package.json
//
// Candidates looked for: snappy (napi-rs) and snappyjs; lz4-napi and lz4js; zstd-napi, @mongodb-js/zstd
// (async only, so it could not serve the synchronous codec interface; awaited here), fzstd (decompress only) and Node's
// zlib zstd when present. Missing ones are skipped.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';
import { compressionCodec, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { validateAppendedBatch } from '../dist/storage/batch-validator.js';
import { VALIDATE_PRODUCE, validateBatch } from '../dist/wasm/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const ROUNDS = flags.quick ? 3 : 7;
const ROUND_MS = flags.quick ? 100 : 300;

const here = createRequire(import.meta.url);
const extra = process.env.CODEC_CANDIDATES_DIR
  ? createRequire(path.join(path.resolve(process.env.CODEC_CANDIDATES_DIR), 'noop.js'))
  : null;

// biome-ignore lint/suspicious/noExplicitAny: optional candidate packages, untyped here
function load(name: string): any {
  for (const req of [here, extra]) {
    if (req === null) continue;
    try {
      return req(name);
    } catch {}
  }
  return null;
}

/** 2,000 records of ~120 B JSON values, as a producer batches them (about 158 KiB uncompressed). */
function recordsBatch(compression: 0 | 1 | 2 | 3 | 4): Buffer {
  const records = Array.from({ length: 2000 }, (_, i) => ({
    key: `order-${i % 500}`,
    value: JSON.stringify({
      id: i,
      customer: `c-${(i * 7919) % 10007}`,
      total: (i * 13) % 997,
      items: i % 5,
      ok: true,
    }),
    timestamp: 1_700_000_000_000 + i,
  }));
  return encodeRecordBatch(records, { compression, timestamp: 1_700_000_000_000 });
}

const section = recordsBatch(0).subarray(61);

// Rates are per second of this process's CPU time, not wall time: on a shared machine the wall clock
// mostly measures how often the scheduler ran someone else.
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs fn for ROUND_MS of CPU time, returns calls per CPU second. The event loop turns every 8 calls, as it
 * does between a broker's requests: napi bindings free their output buffers in finalizers that run there,
 * and a loop that never yields measures page faults on an ever-growing heap instead of the codec.
 */
async function rate(fn: () => unknown): Promise<number> {
  let n = 0;
  const start = cpuMs();
  while (cpuMs() - start < ROUND_MS) {
    for (let i = 0; i < 8; i++) await fn();
    n += 8;
    await new Promise(setImmediate);
  }
  return (n * 1000) / (cpuMs() - start);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${((100 * (Math.max(...xs) - Math.min(...xs))) / median(xs)).toFixed(0)}%`;
const mbs = (callsPerSec: number) => ((callsPerSec * section.length) / 1e6).toFixed(0);

interface Candidate {
  codec: string;
  name: string;
  compress?: (d: Buffer) => Uint8Array | Promise<Uint8Array>;
  decompress?: (d: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

function candidates(): Candidate[] {
  const out: Candidate[] = [
    { codec: 'gzip', name: 'node:zlib level 1 (built in)', ...builtin(1) },
    { codec: 'snappy', name: 'snappy (napi-rs) + xerial framing (chosen)', ...builtin(2) },
    { codec: 'lz4', name: 'lz4-napi + 64 KiB-block frames (chosen)', ...builtin(3) },
    { codec: 'zstd', name: `${zstdName()} level 3 (chosen)`, ...builtin(4) },
  ];
  const snappyjs = load('snappyjs');
  if (snappyjs) {
    out.push({
      codec: 'snappy',
      name: 'snappyjs (pure JS, raw blocks)',
      compress: (d) => snappyjs.compress(d),
      decompress: (d) => snappyjs.uncompress(d),
    });
  }
  const lz4js = load('lz4js');
  if (lz4js) {
    out.push({
      codec: 'lz4',
      name: 'lz4js (pure JS frames)',
      compress: (d) => lz4js.compress(d),
      decompress: (d) => lz4js.decompress(d),
    });
  }
  const lz4napi = load('lz4-napi');
  if (lz4napi) {
    out.push({
      codec: 'lz4',
      name: "lz4-napi's own frames (4 MiB blocks)",
      compress: (d) => lz4napi.compressFrameSync(d),
      decompress: (d) => lz4napi.decompressFrameSync(d),
    });
  }
  const mongo = load('@mongodb-js/zstd');
  if (mongo) {
    out.push({
      codec: 'zstd',
      name: '@mongodb-js/zstd level 3 (async only)',
      compress: (d) => mongo.compress(d, 3),
      decompress: (d) => mongo.decompress(Buffer.from(d)),
    });
  }
  const fzstd = load('fzstd');
  if (fzstd) {
    out.push({
      codec: 'zstd',
      name: 'fzstd (pure JS, decompress only)',
      decompress: (d) => fzstd.decompress(d),
    });
  }
  return out;
}

function builtin(id: number): Pick<Candidate, 'compress' | 'decompress'> {
  const c = compressionCodec(id)!;
  return { compress: (d) => c.compress(d), decompress: (d) => c.decompress(d) };
}

function zstdName(): string {
  return typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function'
    ? "node:zlib's zstd"
    : 'zstd-napi';
}

async function compareCandidates(): Promise<void> {
  console.log(`\n## Codec candidates: ${section.length} B records section (2,000 JSON records), MB of`);
  console.log(
    `uncompressed bytes per CPU second, median of ${ROUNDS} interleaved rounds (spread = (max-min)/median)\n`,
  );
  console.log('| codec | package | ratio | compress MB/s | decompress MB/s |');
  console.log('| --- | --- | --- | --- | --- |');
  const list = candidates();
  const packed = new Map<Candidate, Uint8Array>();
  const zstdRef = compressionCodec(4)!.compress(section);
  for (const c of list) packed.set(c, c.compress ? await c.compress(section) : zstdRef);
  const comp = new Map<Candidate, number[]>();
  const decomp = new Map<Candidate, number[]>();
  // Round -1 warms up and is dropped.
  for (let r = -1; r < ROUNDS; r++) {
    for (const c of list) {
      const p = packed.get(c)!;
      if (c.compress) {
        const f = c.compress;
        const v = await rate(() => f(section));
        if (r >= 0) comp.set(c, [...(comp.get(c) ?? []), v]);
      }
      if (c.decompress) {
        const f = c.decompress;
        const v = await rate(() => f(p));
        if (r >= 0) decomp.set(c, [...(decomp.get(c) ?? []), v]);
      }
    }
  }
  for (const c of list) {
    const p = packed.get(c)!;
    const cr = comp.get(c);
    const dr = decomp.get(c);
    const ratio = c.compress ? (section.length / p.length).toFixed(2) : '-';
    console.log(
      `| ${c.codec} | ${c.name} | ${ratio} | ${cr ? `${mbs(median(cr))} (±${spread(cr)})` : '-'} | ${dr ? `${mbs(median(dr))} (±${spread(dr)})` : '-'} |`,
    );
  }
}

async function validationCost(): Promise<void> {
  console.log('\n## Produce validation of one compressed batch (2,000 records, 158 KiB uncompressed)');
  console.log('before: validateBatch (length, CRC, header); after: plus validateAppendedBatch (decompress,');
  console.log(`walk every record). Batches per CPU second, median of ${ROUNDS} interleaved rounds.\n`);
  console.log(
    '| codec | wire bytes | before batches/s | after batches/s | after / before | producer compress batches/s |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const LIMIT = 64 * 1024 * 1024;
  for (const [name, id] of [
    ['none', 0],
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const) {
    const batch = recordsBatch(id);
    const before = () => validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE);
    const after = () => {
      const err = validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE);
      return err !== 0 ? err : validateAppendedBatch(batch, 0, batch.length, 'client', LIMIT, false);
    };
    if (after() !== 0) throw new Error(`${name}: the benchmark batch does not validate`);
    const b: number[] = [];
    const a: number[] = [];
    const ratios: number[] = [];
    await rate(after); // warm-up, dropped
    for (let r = 0; r < ROUNDS; r++) {
      const rb = await rate(before);
      const ra = await rate(after);
      b.push(rb);
      a.push(ra);
      ratios.push(ra / rb);
    }
    const codec = id === 0 ? null : compressionCodec(id)!;
    const c = codec === null ? '-' : (await rate(() => codec.compress(section))).toFixed(0);
    console.log(
      `| ${name} | ${batch.length} | ${median(b).toFixed(0)} (±${spread(b)}) | ${median(a).toFixed(0)} (±${spread(a)}) | ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}) | ${c} |`,
    );
  }
}

await compareCandidates();
await validationCost();
