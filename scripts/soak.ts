// Broker memory under many connections and partitions, and over time (a soak). Not part of npm test.
//
//   npm run build && node --import tsx scripts/soak.ts                      (RSS check only, ~1 minute)
//   npm run build && node --import tsx scripts/soak.ts --minutes 30         (then a 30-minute soak)
//   flags: --connections 1000 --partitions 1000 --rate 20000 --threads N --max-rss-mb 300 --max-growth 0.10
//          --node-args "<node flags for the broker>"
//
// Starts a broker on a temp dir, creates the partitions, opens the connections (each completes an ApiVersions
// exchange, so each is a live Kafka connection with its buffers), and reads the broker's resident set size from
// /proc. The soak then produces and consumes at a fixed rate across all partitions, sampling RSS every 10 s;
// growth of anonymous memory (a leak) is measured from the first sample after warm-up to the last, and total
// RSS (which also counts memory-mapped index pages, growing with the data) must stay under the limit. Exits 1
// if a limit is exceeded.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../dist/client/index.js';
import * as P from '../dist/protocol/index.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CONNECTIONS = flag('connections', 1000);
const PARTITIONS = flag('partitions', 1000);
const MINUTES = flag('minutes', 0);
const RATE = flag('rate', 20_000);
const THREADS = flag('threads', -1);
const MAX_RSS_MB = flag('max-rss-mb', 300);
const MAX_GROWTH = flag('max-growth', 0.1);
const TOPICS = Math.max(1, Math.ceil(PARTITIONS / 100));
/** Extra node flags for the broker process (e.g. V8 heap settings), space-separated. */
const NODE_ARGS = (() => {
  const i = process.argv.indexOf('--node-args');
  return i > 0 ? (process.argv[i + 1] ?? '').split(' ').filter(Boolean) : [];
})();

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function statusMb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Resident set size in MB. */
function rssMb(pid: number): number {
  return statusMb(pid, 'VmRSS');
}

/**
 * Anonymous resident memory (heap, buffers, stacks) in MB: what a leak grows. The rest of RSS is file pages,
 * mostly the memory-mapped index files, whose touched pages grow with the data written and which the
 * kernel can reclaim.
 */
function anonMb(pid: number): number {
  return statusMb(pid, 'RssAnon');
}

async function startBroker(dataDir: string): Promise<{ proc: ChildProcess; port: number }> {
  const args = [
    ...NODE_ARGS,
    'dist/node.js',
    '--listen',
    '127.0.0.1:0',
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
  ];
  if (THREADS >= 0) args.push('--threads', String(THREADS));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on [^\s:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
  return { proc, port };
}

/** One raw connection that has completed ApiVersions. */
function openConnection(port: number, id: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = createConnection(port, '127.0.0.1');
    s.once('error', reject);
    s.once('connect', () => {
      const w = new P.Writer();
      P.encodeRequestFrame(
        w,
        { requestApiKey: 18, requestApiVersion: 3, correlationId: id, clientId: 'soak' },
        P.ApiVersionsApi,
        P.createApiVersionsRequest({ clientSoftwareName: 'soak', clientSoftwareVersion: '1' }),
      );
      s.write(w.finish());
    });
    s.once('data', () => resolve(s));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-soak-'));
  const { proc, port } = await startBroker(dataDir);
  const pid = proc.pid!;
  const failures: string[] = [];
  const idle = rssMb(pid);
  const client = new Client({ brokers: [`127.0.0.1:${port}`], clientId: 'soak' });
  const sockets: Socket[] = [];
  try {
    const admin = client.admin();
    const perTopic = Math.ceil(PARTITIONS / TOPICS);
    await admin.createTopics(
      Array.from({ length: TOPICS }, (_, t) => ({ topic: `soak-${t}`, numPartitions: perTopic })),
    );
    const afterPartitions = rssMb(pid);
    for (let i = 0; i < CONNECTIONS; i += 100) {
      const batch = [];
      for (let j = i; j < Math.min(CONNECTIONS, i + 100); j++) batch.push(openConnection(port, j + 1));
      sockets.push(...(await Promise.all(batch)));
    }
    await sleep(1000);
    const loaded = rssMb(pid);
    console.log(
      `broker RSS: idle ${idle.toFixed(0)} MB, with ${TOPICS * perTopic} partitions ${afterPartitions.toFixed(0)} MB, ` +
        `plus ${sockets.length} connections ${loaded.toFixed(0)} MB (limit ${MAX_RSS_MB} MB)`,
    );
    if (loaded > MAX_RSS_MB) failures.push(`RSS ${loaded.toFixed(0)} MB > ${MAX_RSS_MB} MB`);

    if (MINUTES > 0) {
      const producer = client.producer({ acks: 1, lingerMs: 5 });
      const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 100 });
      consumer.assign(
        Array.from({ length: TOPICS }, (_, t) =>
          Array.from({ length: perTopic }, (_, p) => ({ topic: `soak-${t}`, partition: p })),
        ).flat(),
      );
      let consumed = 0;
      let stop = false;
      const reading = (async () => {
        while (!stop) {
          const batch = await consumer.nextBatch();
          consumed += batch?.records.length ?? 0;
        }
      })();
      const value = Buffer.alloc(100, 120);
      const end = Date.now() + MINUTES * 60_000;
      const samples: number[] = [];
      const anonSamples: number[] = [];
      let produced = 0;
      let nextSample = Date.now() + 10_000;
      const tick = 100;
      while (Date.now() < end) {
        const started = Date.now();
        const n = Math.round((RATE * tick) / 1000);
        const sends = [];
        for (let i = 0; i < n; i++) {
          const t = produced % TOPICS;
          sends.push(producer.send(`soak-${t}`, { key: String(produced), value }));
          produced++;
        }
        await Promise.all(sends);
        if (Date.now() >= nextSample) {
          samples.push(rssMb(pid));
          anonSamples.push(anonMb(pid));
          console.log(
            `t=${((Date.now() - (end - MINUTES * 60_000)) / 1000).toFixed(0)}s produced=${produced} consumed=${consumed} ` +
              `rss=${samples.at(-1)!.toFixed(0)} MB anon=${anonSamples.at(-1)!.toFixed(0)} MB ` +
              `broker cpu=${cpuSeconds(pid).toFixed(1)} s`,
          );
          nextSample += 10_000;
        }
        await sleep(Math.max(0, tick - (Date.now() - started)));
      }
      stop = true;
      await producer.close();
      await Promise.race([reading, sleep(2000)]);
      await consumer.close();
      // Growth from the first sample after one minute of warm-up (or the first sample) to the last. The limit
      // applies to anonymous memory; total RSS also counts index pages that grow with the data.
      const at = Math.min(samples.length - 1, 6);
      const warm = samples[at] ?? Number.NaN;
      const last = samples.at(-1) ?? Number.NaN;
      const anonWarm = anonSamples[at] ?? Number.NaN;
      const anonLast = anonSamples.at(-1) ?? Number.NaN;
      const growth = (anonLast - anonWarm) / anonWarm;
      console.log(
        `soak: ${MINUTES} min, produced ${produced}, consumed ${consumed}; RSS after warm-up ${warm.toFixed(0)} MB, ` +
          `at end ${last.toFixed(0)} MB; anonymous ${anonWarm.toFixed(0)} -> ${anonLast.toFixed(0)} MB, growth ` +
          `${(growth * 100).toFixed(1)}% (limit ${(MAX_GROWTH * 100).toFixed(0)}%)`,
      );
      if (growth > MAX_GROWTH) failures.push(`anonymous memory grew ${(growth * 100).toFixed(1)}%`);
      if (last > MAX_RSS_MB) failures.push(`RSS ${last.toFixed(0)} MB > ${MAX_RSS_MB} MB at the end`);
    }
  } finally {
    for (const s of sockets) s.destroy();
    await client.close();
    const stopping = Date.now();
    proc.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    const ms = Date.now() - stopping;
    console.log(`shutdown: exit code ${code} after ${ms} ms`);
    if (code !== 0 || ms > 5000) failures.push(`shutdown took ${ms} ms with exit code ${code}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log(`FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('ok');
  }
}

await main();
