// The data directory's guard, with real processes: a second broker on a locked dir exits 1 naming the
// holder while the first keeps serving and loses nothing; the kernel lock goes with a SIGKILLed holder; two
// brokers started at once on a fresh dir leave exactly one running; unusable dirs and a port in use fail
// fast with a reason and leave nothing on disk.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { Broker, DataDirError } from '../dist/index.js';
import { type BrokerProcess, startBroker, tempDataDir } from './helpers/broker.js';
import { take } from './helpers/client-broker.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
const TOPIC = 'locked';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI to its exit (or kills it after timeoutMs). */
function runBroker(args: string[], timeoutMs = 15_000): Promise<Exit> {
  const started = Date.now();
  const proc = spawn(process.execPath, [NODE_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

async function produce(address: string, from: number, n: number): Promise<void> {
  const client = new Client({ brokers: [address], clientId: 'data-dir-test' });
  try {
    const producer = client.producer({ acks: 'all', lingerMs: 1 });
    const results = await producer.send(
      TOPIC,
      Array.from({ length: n }, (_, i) => ({ value: `r${from + i}`, partition: 0 })),
    );
    assert.is(results.length, n);
    assert.is(results[n - 1]!.offset, from + n - 1);
  } finally {
    await client.close();
  }
}

async function readValues(address: string, n: number): Promise<string[]> {
  const client = new Client({ brokers: [address], clientId: 'data-dir-test' });
  try {
    const consumer = client.consumer({ autoOffsetReset: 'earliest' });
    consumer.assign([{ topic: TOPIC, partition: 0 }]);
    return (await take(consumer, n)).map((r) => r.value!.toString());
  } finally {
    await client.close();
  }
}

const expected = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

test('a second broker on a locked data dir exits 1 naming the holder; the first keeps serving; no record lost', async () => {
  const first = await startBroker(['--num-partitions', '1']);
  let restarted: BrokerProcess | null = null;
  try {
    await produce(first.address, 0, 1000);
    const second = await runBroker(['--listen', '127.0.0.1:0', '--data-dir', first.dataDir]);
    assert.is(second.code, 1, second.stderr);
    assert.match(second.stderr, new RegExp(`locked by pid ${first.proc.pid}\\b`));
    assert.is(second.stdout, '', 'the second broker never listened');
    // The holder is untouched: it still takes and serves records at the offsets it assigns.
    await produce(first.address, 1000, 1000);
    assert.equal(await readValues(first.address, 2000), expected(2000));
    assert.is(fs.readFileSync(path.join(first.dataDir, '.lock'), 'utf8').trim(), String(first.proc.pid));
    assert.is(await first.stop('SIGTERM'), 0);
    restarted = await first.restart();
    assert.equal(await readValues(restarted.address, 2000), expected(2000));
  } finally {
    await (restarted ?? first).dispose();
  }
});

test('the lock goes with a SIGKILLed holder: a new broker takes it and finds every record', async () => {
  const first = await startBroker();
  await produce(first.address, 0, 500);
  assert.is(await first.stop('SIGKILL'), null);
  const next = await first.restart();
  try {
    assert.equal(await readValues(next.address, 500), expected(500));
    assert.is(fs.readFileSync(path.join(next.dataDir, '.lock'), 'utf8').trim(), String(next.proc.pid));
  } finally {
    await next.dispose();
  }
});

test('two brokers started at once on a fresh dir: one serves, the other exits 1 with the lock message', async () => {
  for (let round = 0; round < 2; round++) {
    const dir = path.join(tempDataDir(), 'fresh', 'dir');
    const args = ['--listen', '127.0.0.1:0', '--data-dir', dir];
    const runs = [runBroker(args, 3000), runBroker(args, 3000)];
    const [a, b] = await Promise.all(runs);
    const exits = [a!, b!];
    // The winner runs until killed by the timeout (null), the loser exits 1 at once.
    const losers = exits.filter((e) => e.code === 1);
    const winners = exits.filter((e) => e.code === null && /^listening on /m.test(e.stdout));
    assert.is(losers.length, 1, exits.map((e) => `${e.code}: ${e.stderr}`).join('\n'));
    assert.is(winners.length, 1);
    assert.match(losers[0]!.stderr, /is locked by pid \d+/);
    assert.not.match(losers[0]!.stderr, /ENOENT/);
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
});

test('an unusable data dir: exit 1 within a second or two with the reason, SIGTERM-free', async () => {
  const file = path.join(tempDataDir(), 'plain-file');
  fs.writeFileSync(file, 'x');
  const cases: [string, RegExp][] = [
    ['/proc/runnel-no-such-dir', /cannot create \/proc\/runnel-no-such-dir: ENOENT/],
    [file, /is not a directory/],
    [path.join(file, 'below'), /a parent is not a directory/],
  ];
  for (const [dir, message] of cases) {
    const r = await runBroker(['--listen', '127.0.0.1:0', '--data-dir', dir], 10_000);
    assert.is(r.code, 1, `${dir}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.ok(r.ms < 5000, `${dir} took ${r.ms} ms`);
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test('a port in use fails before anything is written to the data dir', async () => {
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  const port = (holder.address() as net.AddressInfo).port;
  const base = tempDataDir();
  const dir = path.join(base, 'data');
  try {
    const r = await runBroker(['--listen', `127.0.0.1:${port}`, '--data-dir', dir]);
    assert.is(r.code, 1);
    assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
    assert.not.ok(fs.existsSync(dir), 'no data dir was created');
  } finally {
    holder.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('in process: a second Broker.start on the same dir rejects with LOCKED; the first keeps its lock', async () => {
  const dir = tempDataDir();
  const first = await Broker.start({ dataDir: dir });
  try {
    const err = await Broker.start({ dataDir: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.instance(err, DataDirError);
    assert.is((err as DataDirError).code, 'LOCKED');
    assert.match((err as Error).message, `locked by pid ${process.pid}`);
    await produce(first.bootstrap, 0, 10);
  } finally {
    await first.stop();
  }
  const again = await Broker.start({ dataDir: dir });
  assert.equal(await readValues(again.bootstrap, 10), expected(10));
  await again.stop();
  assert.ok(fs.existsSync(dir), 'a given data dir is kept');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--help shows --version; --version prints it', () => {
  const r = spawnSync(process.execPath, [NODE_JS, '--version'], { encoding: 'utf8' });
  assert.is(r.status, 0);
  assert.match(r.stdout, /^runnel \d+\.\d+\.\d+\n$/);
});

test.run();
