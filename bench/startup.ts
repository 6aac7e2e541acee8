// Startup time of a single broker process: from spawn to its `listening on` line, and to the first
// acknowledged produce (a Runnel client, idempotent, acks=all, to a topic auto-created by that produce's
// Metadata), for a fresh data dir and for a restart on the same data dir (with its topics and groups).
// Each trial is a fresh start then a restart; the report gives the median and the spread (min-max) of each.
// BASELINE=/path/to/other/dist/node.js interleaves trials of another build, for an A/B in one run.
//   npm run build:ts && npm run bench:startup -- [trials]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../dist/client/index.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
const builds = [{ name: 'this build', nodeJs: NODE_JS }];
if (process.env.BASELINE) builds.push({ name: 'baseline', nodeJs: process.env.BASELINE });
const trials = Number(process.argv[2] ?? 10);

interface Sample {
  listening: number;
  produced: number;
}

async function once(nodeJs: string, dataDir: string, topic: string): Promise<Sample> {
  const t0 = performance.now();
  const proc: ChildProcess = spawn(
    process.execPath,
    [nodeJs, '--listen', '127.0.0.1:0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /^listening on 127\.0\.0\.1:(\d+)$/m.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`broker exited with ${code}:\n${err}`)));
  });
  const listening = performance.now() - t0;
  const client = new Client({ brokers: [`127.0.0.1:${port}`], clientId: 'startup' });
  const producer = client.producer({ acks: -1, lingerMs: 0 });
  await producer.send(topic, { value: Buffer.from('x') });
  const produced = performance.now() - t0;
  await producer.close();
  await client.close();
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
  return { listening, produced };
}

function summary(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `${med.toFixed(0)} ms (${s[0]!.toFixed(0)}-${s[s.length - 1]!.toFixed(0)})`;
}

const results = builds.map(() => ({ fresh: [] as Sample[], restart: [] as Sample[] }));
for (let i = 0; i < trials; i++) {
  for (const [b, build] of builds.entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'runnel-startup-'));
    try {
      results[b]!.fresh.push(await once(build.nodeJs, dir, 'startup-a'));
      results[b]!.restart.push(await once(build.nodeJs, dir, 'startup-b'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
console.log(`trials ${trials}: median (min-max)`);
for (const [b, build] of builds.entries()) {
  const { fresh, restart } = results[b]!;
  console.log(
    `${build.name}: fresh data dir: listening ${summary(fresh.map((s) => s.listening))}, first produce ${summary(fresh.map((s) => s.produced))}; ` +
      `restart: listening ${summary(restart.map((s) => s.listening))}, first produce ${summary(restart.map((s) => s.produced))}`,
  );
}
