// Append throughput through PartitionPool (1 and 2 worker threads) against InlinePartitions (every log on the
// main thread), same run, same data: several partitions, flush=never, a few appends in flight per partition
// as producers keep them. Each append gets a fresh, exclusively owned buffer, as a request frame read off a
// socket would be, so the pool transfers it and never copies. Also reports main-thread event loop
// utilisation: what is left for sockets and request parsing is the real reason to use threads.
//
//   npm run build:emit && node --import tsx bench/pool.ts            (about a minute)
//   npm run build:emit && node --import tsx bench/pool.ts --quick
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { InlinePartitions, PartitionPool, type PartitionStore } from '../dist/storage/pool.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const quick = process.argv.includes('--quick');
const PARTITIONS = 4;
const DEPTH = 8; // appends in flight per partition
const TOPIC = 'bench';

interface Case {
  label: string;
  batchBytes: number;
  totalBytes: number;
}
const cases: Case[] = [
  { label: '1 KiB batches', batchBytes: KiB, totalBytes: (quick ? 16 : 64) * MiB },
  { label: '1 MiB batches', batchBytes: MiB, totalBytes: (quick ? 128 : 512) * MiB },
];

/** One valid batch of at most `target` bytes (records with 16-byte keys and 100-byte values). */
function batchOf(target: number): Uint8Array {
  const value = new Uint8Array(100);
  for (let i = 0; i < value.length; i++) value[i] = (i * 31) & 0xff;
  const make = (n: number) =>
    encodeRecordBatch(
      Array.from({ length: n }, (_, i) => ({ key: `key-${String(i).padStart(12, '0')}`, value })),
    );
  const perRecord = (make(100).length - 61) / 100;
  let n = Math.max(1, Math.floor((target - 61) / perRecord));
  let out = make(n);
  while (out.length > target && n > 1) out = make(--n);
  return new Uint8Array(out);
}

type Make = (dataDir: string) => PartitionStore;
const stores: [string, Make][] = [
  ['inline (main thread)', (dataDir) => new InlinePartitions({ dataDir, log: { flush: 'never' } })],
  [
    'pool, 1 thread',
    (dataDir) => new PartitionPool({ dataDir, threads: 1, execArgv: [], log: { flush: 'never' } }),
  ],
  [
    'pool, 2 threads',
    (dataDir) => new PartitionPool({ dataDir, threads: 2, execArgv: [], log: { flush: 'never' } }),
  ],
];

interface Row {
  mbps: number;
  elu: number;
}

async function run(make: Make, c: Case): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-bench-pool-'));
  const store = make(dir);
  try {
    if (store instanceof PartitionPool) await store.ready();
    for (let p = 0; p < PARTITIONS; p++) {
      const r = await store.open(TOPIC, p, true);
      if (r.errorCode !== 0) throw new Error(`open failed: ${r.errorCode}`);
    }
    const template = batchOf(c.batchBytes);
    const appendsPerPartition = Math.max(DEPTH, Math.floor(c.totalBytes / template.length / PARTITIONS));
    let failures = 0;

    async function producer(partition: number, count: number): Promise<void> {
      // DEPTH lanes, each awaiting its own append before sending the next: DEPTH appends in flight.
      let sent = 0;
      const lane = async () => {
        while (sent < count) {
          sent++;
          const batch = new Uint8Array(template.length); // the "request frame"
          batch.set(template);
          const r = await store.append(TOPIC, partition, batch, 0);
          if (r.errorCode !== 0) failures++;
        }
      };
      await Promise.all(Array.from({ length: DEPTH }, lane));
    }

    // Warm-up: JIT, segment files, worker module caches.
    await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => producer(p, DEPTH * 4)));
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => producer(p, appendsPerPartition)));
    const ms = performance.now() - t0;
    const elu = performance.eventLoopUtilization(elu0).utilization;
    if (failures > 0) throw new Error(`${failures} appends failed`);
    const bytes = appendsPerPartition * PARTITIONS * template.length;
    return { mbps: bytes / MiB / (ms / 1000), elu };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `append throughput: ${PARTITIONS} partitions, ${DEPTH} appends in flight each, flush=never, ` +
    `${availableParallelism()} cores, node ${process.version}${quick ? ' (quick)' : ''}`,
);
for (const c of cases) {
  console.log(`\n${c.label} (${c.totalBytes / MiB} MiB per store)`);
  let base = 0;
  for (const [name, make] of stores) {
    const row = await run(make, c);
    if (base === 0) base = row.mbps;
    console.log(
      `  ${name.padEnd(22)} ${row.mbps.toFixed(1).padStart(8)} MB/s   x${(row.mbps / base).toFixed(2)} vs inline` +
        `   main-thread ELU ${(row.elu * 100).toFixed(0)}%`,
    );
  }
}
