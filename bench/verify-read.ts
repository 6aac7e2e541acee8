// Read throughput with and without the broker's read-side batch check (storage/batch-verifier.ts), two
// builds interleaved in one run (each round alternates which goes first).
//
// --mode log (default): in process, the partition log's read path alone, in MB per CPU-second. Per record
// size, one log of 16 KiB producer batches is written once; each round, each build opens it (a fresh open:
// nothing is verified yet) and reads it whole in 1 MiB reads twice: cold (every batch checked), then hot
// (re-reads, where the check is a range lookup).
// --mode broker: end to end. Per round, record size and build, a broker of that build is filled, stopped and
// restarted on the same data, then the topic is consumed cold, then hot, by a client that does not check
// CRCs (so the broker's cost shows undiluted). Noisy on a shared 2-core machine.
//
//   npm run build:emit
//   node --import tsx bench/verify-read.ts --dists /tmp/runnel-before/dist,dist --rounds 15
//   node --import tsx bench/verify-read.ts --mode broker --dists /tmp/runnel-before/dist,dist --rounds 5
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '../dist/client/index.js';
import { flags, num, Outstanding } from './perf-common.js';

const f = flags({
  mode: { type: 'string', default: 'log' },
  'log-mb': { type: 'string', default: '64' },
  dists: { type: 'string', default: 'dist' },
  rounds: { type: 'string', default: '3' },
  'records-100': { type: 'string', default: '1000000' },
  'records-1024': { type: 'string', default: '200000' },
});
const dists = String(f.dists)
  .split(',')
  .map((d) => resolve(d));
const rounds = num(f, 'rounds');
const sizes: [number, number][] = [
  [100, num(f, 'records-100')],
  [1024, num(f, 'records-1024')],
];

interface Running {
  address: string;
  stop(): Promise<void>;
}

async function start(dist: string, dir: string): Promise<Running> {
  const proc = spawn(
    process.execPath,
    [
      join(dist, 'node.js'),
      '--listen',
      '127.0.0.1:0',
      '--data-dir',
      dir,
      '--log-level',
      'warn',
      '--threads',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const address = await new Promise<string>((ok, fail) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    exited.then(() => fail(new Error(`${dist}: broker exited before listening`)));
  });
  return {
    address,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

async function fill(address: string, topic: string, records: number, size: number): Promise<void> {
  const client = new Client({ brokers: [address], clientId: 'verify-fill' });
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const producer = client.producer({ acks: 1, lingerMs: 0 });
  const value = Buffer.alloc(size, 97);
  const chunk = Array.from({ length: 1000 }, () => ({ value }));
  const pending = new Outstanding(128);
  for (let sent = 0; sent < records; sent += chunk.length) await pending.add(producer.send(topic, chunk));
  await pending.drain();
  await client.close();
}

/** Records per second reading the whole topic from offset 0, timed from the first batch. */
async function consume(address: string, topic: string, records: number): Promise<number> {
  const client = new Client({ brokers: [address], clientId: 'verify-consume' });
  const consumer = client.consumer({ autoOffsetReset: 'earliest', checkCrcs: false });
  consumer.assign([{ topic, partition: 0 }]);
  let consumed = 0;
  let started = 0;
  while (consumed < records) {
    const batch = await consumer.nextBatch();
    if (batch === null) break;
    if (started === 0) started = performance.now();
    consumed += batch.records.length;
  }
  const rate = consumed / ((performance.now() - started) / 1000);
  await consumer.close();
  await client.close();
  return rate;
}

const results = new Map<string, number[]>();
const note = (key: string, v: number) => results.set(key, [...(results.get(key) ?? []), v]);

interface LogApi {
  PartitionLog: {
    open(
      dir: string,
      tp: { topic: string; partition: number },
      config: object,
    ): {
      append(b: Uint8Array, epoch: number): unknown;
      read(offset: number, maxBytes: number): { records: Buffer };
      logEndOffset: number;
      close(): void;
    };
  };
}

const TP = { topic: 'verify', partition: 0 };

/** 16 KiB batches of `size`-byte records, as a producer with batch.size 16384 sends them. */
async function writeLog(api: LogApi, dir: string, size: number, bytes: number): Promise<void> {
  const { encodeRecordBatch } = await import('../dist/protocol/record-batch.js');
  const perBatch = Math.max(1, Math.floor(16384 / (size + 10)));
  const records = Array.from({ length: perBatch }, () => ({ value: Buffer.alloc(size, 97) }));
  const batch = encodeRecordBatch(records);
  const log = api.PartitionLog.open(dir, TP, { retentionMs: -1 });
  for (let written = 0; written < bytes; written += batch.length) log.append(Buffer.from(batch), 0);
  log.close();
}

/**
 * MB per CPU-second (user + system of this process, so other load on the machine counts less than in wall
 * time) reading the whole log from offset 0 in 1 MiB reads, twice on one open: [cold, hot].
 */
function readLog(api: LogApi, dir: string): [number, number] {
  const log = api.PartitionLog.open(dir, TP, { retentionMs: -1 });
  const rates: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const t0 = process.cpuUsage();
    let bytes = 0;
    let offset = 0;
    while (offset < log.logEndOffset) {
      const { records } = log.read(offset, 1 << 20);
      bytes += records.length;
      let p = 0;
      while (p + 61 <= records.length) {
        // Next offset: base offset + last offset delta + 1.
        offset = Number(records.readBigInt64BE(p)) + records.readInt32BE(p + 23) + 1;
        p += records.readInt32BE(p + 8) + 12;
      }
    }
    const used = process.cpuUsage(t0);
    rates.push(bytes / 1048576 / ((used.user + used.system) / 1e6));
  }
  log.close();
  return [rates[0]!, rates[1]!];
}

if (f.mode === 'log') {
  const apis = await Promise.all(dists.map((d) => import(join(d, 'storage/log.js')) as Promise<LogApi>));
  for (const [size] of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'runnel-verify-log-'));
    try {
      await writeLog(apis[0]!, dir, size, num(f, 'log-mb') * 1048576);
      for (const api of apis) readLog(api, dir); // warm-up: JIT and page cache
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? dists.map((_, i) => i) : dists.map((_, i) => i).reverse();
        for (const i of order) {
          const [cold, hot] = readLog(apis[i]!, dir);
          note(`${dists[i]} ${size} B cold`, cold);
          note(`${dists[i]} ${size} B hot`, hot);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report('MB per CPU-second');
  process.exit(0);
}

for (let round = 0; round < rounds; round++) {
  // Alternate which build goes first, so drift in the machine's load falls on both.
  const order = round % 2 === 0 ? dists : [...dists].reverse();
  for (const [size, records] of sizes) {
    for (const dist of order) {
      const dir = mkdtempSync(join(tmpdir(), 'runnel-verify-'));
      try {
        let broker = await start(dist, dir);
        await fill(broker.address, 't', records, size);
        await broker.stop();
        broker = await start(dist, dir);
        const cold = await consume(broker.address, 't', records);
        const hot = await consume(broker.address, 't', records);
        await broker.stop();
        note(`${dist} ${size} B cold`, cold);
        note(`${dist} ${size} B hot`, hot);
        console.log(
          `round ${round + 1} ${size} B ${dist}: cold ${Math.round(cold)} rec/s, hot ${Math.round(hot)} rec/s`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

report('records/s');

function report(unit: string): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nmedian ${unit} (min-max):`);
  for (const [key, xs] of results) {
    const lo = Math.round(Math.min(...xs));
    const hi = Math.round(Math.max(...xs));
    console.log(`${key}: ${Math.round(median(xs))} (${lo}-${hi})`);
  }
  if (dists.length !== 2) return;
  for (const [size] of sizes) {
    for (const kind of ['cold', 'hot']) {
      const a = results.get(`${dists[0]} ${size} B ${kind}`)!;
      const b = results.get(`${dists[1]} ${size} B ${kind}`)!;
      const ratios = a.map((x, i) => b[i]! / x).sort((x, y) => x - y);
      const q = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]!.toFixed(3);
      console.log(
        `${size} B ${kind}: second / first, median of ${ratios.length} rounds ${q(0.5)} ` +
          `(quartiles ${q(0.25)}-${q(0.75)}, range ${q(0)}-${q(1)})`,
      );
    }
  }
}
