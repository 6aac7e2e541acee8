// Consume throughput with and without the broker's read-side batch check (storage/batch-verifier.ts), two
// builds interleaved in one run. For each round, record size and build: a broker of that build is filled,
// stopped and restarted on the same data (so every batch is read for the first time in that process: the
// cold case, where the check runs), then the topic is consumed twice: cold, then hot (re-reads, where the
// check is a range lookup). The client does not check CRCs, so the broker's cost shows undiluted.
//
//   npm run build:emit
//   node --import tsx bench/verify-read.ts --dists /tmp/runnel-before/dist,dist --rounds 3
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '../dist/client/index.js';
import { flags, num, Outstanding } from './perf-common.js';

const f = flags({
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('\nmedian records/s (min-max):');
for (const [key, xs] of results) {
  console.log(
    `${key}: ${Math.round(median(xs))} (${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))})`,
  );
}
if (dists.length === 2) {
  for (const [size] of sizes) {
    for (const kind of ['cold', 'hot']) {
      const a = results.get(`${dists[0]} ${size} B ${kind}`)!;
      const b = results.get(`${dists[1]} ${size} B ${kind}`)!;
      const ratios = a.map((x, i) => b[i]! / x);
      console.log(
        `${size} B ${kind}: second / first ${median(ratios).toFixed(3)} (per-round ${ratios.map((r) => r.toFixed(3)).join(', ')})`,
      );
    }
  }
}
