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
import * as P from '../dist/protocol/index.js';
import { type BrokerProcess, startBroker, tempDataDir } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
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
function runBroker(args: string[], timeoutMs = 15_000, env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  const started = Date.now();
  const proc = spawn(process.execPath, [NODE_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
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

test('without the lock addon (RUNNEL_NATIVE_LOCK=0) the pid file refuses a live holder and not a dead one', async () => {
  const env = { ...process.env, RUNNEL_NATIVE_LOCK: '0' };
  const dir = tempDataDir();
  const args = ['--listen', '127.0.0.1:0', '--data-dir', dir];
  const holder = spawn(process.execPath, [NODE_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  holder.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  holder.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  try {
    const deadline = Date.now() + 15_000;
    while (!/^listening on /m.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(err, /guarded by a pid file only/);
    const second = await runBroker(args, 15_000, env);
    assert.is(second.code, 1, second.stderr);
    assert.match(second.stderr, new RegExp(`locked by pid ${holder.pid}\\b`));
    const gone = new Promise((r) => holder.on('exit', r));
    holder.kill('SIGKILL');
    await gone;
    // The pid in the file is dead now: the next broker takes over.
    const third = spawn(process.execPath, [NODE_JS, ...args], { stdio: ['ignore', 'pipe', 'ignore'], env });
    let thirdOut = '';
    third.stdout.setEncoding('utf8').on('data', (d: string) => (thirdOut += d));
    const until = Date.now() + 15_000;
    while (!/^listening on /m.test(thirdOut) && third.exitCode === null && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 10));
    }
    third.kill('SIGKILL');
    assert.match(thirdOut, /^listening on /m);
  } finally {
    holder.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('two brokers started at once on a fresh dir: one serves, the other exits 1 with the lock message', async () => {
  for (let round = 0; round < 2; round++) {
    const base = tempDataDir();
    const args = [NODE_JS, '--listen', '127.0.0.1:0', '--data-dir', path.join(base, 'fresh', 'dir')];
    const procs = [0, 1].map(() => {
      const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const run = { proc, stdout: '', stderr: '', code: undefined as number | null | undefined };
      proc.stdout.setEncoding('utf8').on('data', (d: string) => (run.stdout += d));
      proc.stderr.setEncoding('utf8').on('data', (d: string) => (run.stderr += d));
      proc.on('exit', (code) => (run.code = code));
      return run;
    });
    try {
      // The loser exits at once; the winner keeps running (and serving) until it is stopped here.
      const deadline = Date.now() + 20_000;
      const settled = () =>
        procs.some((r) => r.code !== undefined) && procs.some((r) => /^listening on /m.test(r.stdout));
      while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const report = procs.map((r) => `${r.code}: ${r.stdout}${r.stderr}`).join('\n');
      const loser = procs.find((r) => r.code !== undefined);
      const winner = procs.find((r) => r !== loser);
      assert.ok(loser !== undefined && winner !== undefined, report);
      assert.is(loser!.code, 1, report);
      assert.match(loser!.stderr, new RegExp(`is locked by pid ${winner!.proc.pid}\\b`));
      assert.not.match(loser!.stderr, /ENOENT/);
      assert.match(winner!.stdout, /^listening on /m);
      assert.is(winner!.code, undefined, 'the winner is still running');
    } finally {
      for (const r of procs) r.proc.kill('SIGKILL');
      fs.rmSync(base, { recursive: true, force: true });
    }
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

test('connections made while the broker is still starting wait, then are served', async () => {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const dir = tempDataDir();
  const proc = spawn(process.execPath, [NODE_JS, '--listen', `127.0.0.1:${port}`, '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  try {
    // Connect as soon as the port accepts: the listener is bound before the logs are opened.
    let client: TestClient | null = null;
    const deadline = Date.now() + 15_000;
    while (client === null && Date.now() < deadline) {
      client = await TestClient.connect(port).catch(() => null);
      if (client === null) await new Promise((r) => setTimeout(r, 2));
    }
    assert.ok(client !== null, 'connected');
    const connectedBeforeReady = stdout === '';
    const res = await client.request(P.ApiVersionsApi, 3, {
      clientSoftwareName: 'early',
      clientSoftwareVersion: '1',
    });
    assert.is(res.errorCode, 0);
    assert.match(stdout, /^listening on /m);
    // Usually the case (the first start creates 50 __consumer_offsets partitions); the point of the test.
    if (!connectedBeforeReady) console.warn('note: connected only after the broker was ready');
    client.close();
  } finally {
    proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM while the broker is still starting: it exits promptly, and the dir is usable after', async () => {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const dir = tempDataDir();
  // Two log threads to start before the partitions are opened: a startup long enough to land a signal in.
  const args = ['--listen', `127.0.0.1:${port}`, '--data-dir', dir, '--threads', '2'];
  const proc = spawn(process.execPath, [NODE_JS, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  try {
    // The port accepts once the listener is bound, before the logs are open: stop it right then.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.on('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (up || Date.now() > deadline) break;
    }
    const wasReady = stdout !== '';
    const sent = Date.now();
    proc.kill('SIGTERM');
    const code = await exited;
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
    assert.ok(Date.now() - sent < 6000, `stopped in ${Date.now() - sent} ms`);
    assert.match(stderr, /SIGTERM: stopping/);
    assert.not.match(stderr, /cannot start/);
    if (wasReady) console.warn('note: the broker was ready before the signal');
    // Whatever was half made is recovered by the next start.
    const next = await startBroker([], dir);
    assert.is(await next.stop('SIGTERM'), 0);
  } finally {
    proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--help shows --version; --version prints it', () => {
  const r = spawnSync(process.execPath, [NODE_JS, '--version'], { encoding: 'utf8' });
  assert.is(r.status, 0);
  assert.match(r.stdout, /^runnel \d+\.\d+\.\d+\n$/);
});

test.run();
