// The in-process broker (Broker.start) as a test suite uses it: under uvu here, and in child processes
// under node's own test runner and as a plain script whose last act is `await broker.stop()` (that script
// exited with code 13 in the middle of stop() before, with no `stopped` log and no clean-shutdown markers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { Broker } from '../dist/index.js';
import { take } from './helpers/client-broker.js';

const DIST_INDEX = new URL('../dist/index.js', import.meta.url).href;
const CLEAN = '.runnel_cleanshutdown';

/** Partition directories (topic-N) under a data dir that hold a clean-shutdown marker. */
function cleanPartitions(dataDir: string): string[] {
  return fs
    .readdirSync(dataDir)
    .filter((d) => /-\d+$/.test(d) && fs.existsSync(path.join(dataDir, d, CLEAN)))
    .sort();
}

test('Broker.start: free port, temp dir removed on stop, records round-trip, stop() leaves the process running', async () => {
  const broker = await Broker.start();
  const dir = broker.config.dataDir;
  assert.match(broker.bootstrap, /^127\.0\.0\.1:\d+$/);
  assert.is.not(broker.bootstrap, '127.0.0.1:0');
  assert.ok(fs.existsSync(path.join(dir, 'meta.properties')));
  const client = new Client({ brokers: [broker.bootstrap] });
  const sent = await client.producer().send('embedded', [{ value: 'a' }, { value: 'b' }]);
  assert.equal(
    sent.map((m) => m.offset),
    [0, 1],
  );
  const consumer = client.consumer({ autoOffsetReset: 'earliest' });
  consumer.assign([{ topic: 'embedded', partition: 0 }]);
  assert.equal(
    (await take(consumer, 2)).map((r) => r.value!.toString()),
    ['a', 'b'],
  );
  await client.close();
  await broker.stop();
  await broker.stop(); // idempotent
  assert.not.ok(fs.existsSync(dir), 'the temp data dir is removed');
});

test('keepDataDir: the temp dir stays, with clean-shutdown markers; a start that fails rejects and stops', async () => {
  const broker = await Broker.start({ keepDataDir: true });
  const dir = broker.config.dataDir;
  const client = new Client({ brokers: [broker.bootstrap] });
  await client.producer().send('kept', [{ value: 'x' }]);
  await client.close();
  await broker.stop();
  assert.ok(cleanPartitions(dir).includes('kept-0'), 'kept-0 closed cleanly');

  const file = path.join(dir, 'not-a-dir');
  fs.writeFileSync(file, '');
  const err = await Broker.start({ dataDir: file }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  assert.match(String(err?.message), /is not a directory/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a fatal storage error stops the broker and is emitted as error; the process goes on', async () => {
  const broker = await Broker.start();
  const errors: Error[] = [];
  broker.on('error', (e: Error) => errors.push(e));
  const dir = broker.config.dataDir;
  // The path PartitionPool's onFatal takes (a slot left without an owner thread).
  (broker as unknown as { fatal(e: Error): void }).fatal(new Error('slot 0 has no owner'));
  assert.equal(
    errors.map((e) => e.message),
    ['slot 0 has no owner'],
  );
  await broker.stop();
  assert.not.ok(fs.existsSync(dir));
});

function writeScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

const SCRIPT_BODY = `
const broker = await Broker.start({ dataDir, logLevel: 'info' });
const client = new Client({ brokers: [broker.bootstrap] });
const producer = client.producer({ acks: 'all' });
await producer.send('script', [{ value: 'one' }, { value: 'two' }]);
await client.close();
await broker.stop();
`;

test('a plain script ending in client.close() then broker.stop() exits 0 after the stopped log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-embedded-'));
  const dataDir = path.join(dir, 'data');
  const script = writeScript(
    dir,
    'script.mjs',
    `import { Broker, Client } from '${DIST_INDEX}';\nconst dataDir = ${JSON.stringify(dataDir)};\n${SCRIPT_BODY}` +
      `console.log('after stop');\n`,
  );
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /\[broker\] stopped/);
  assert.match(r.stdout, /after stop/);
  assert.ok(cleanPartitions(dataDir).includes('script-0'), 'script-0 closed cleanly');
  fs.rmSync(dir, { recursive: true, force: true });
});

test("under node's test runner: passes, exits 0, stopped log and clean markers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-embedded-'));
  const dataDir = path.join(dir, 'data');
  const script = writeScript(
    dir,
    'embedded.test.mjs',
    `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Broker, Client } from '${DIST_INDEX}';
const dataDir = ${JSON.stringify(dataDir)};
test('produce to an in-process broker', async () => {
  const broker = await Broker.start({ dataDir, logLevel: 'info' });
  const client = new Client({ brokers: [broker.bootstrap] });
  const sent = await client.producer({ acks: 'all' }).send('script', [{ value: 'one' }, { value: 'two' }]);
  assert.deepEqual(sent.map((m) => m.offset), [0, 1]);
  await client.close();
  await broker.stop();
});
`,
  );
  const r = spawnSync(process.execPath, ['--test', script], { encoding: 'utf8', timeout: 60_000 });
  const out = r.stdout + r.stderr;
  assert.is(r.status, 0, out);
  assert.match(out, /# pass 1/);
  assert.match(out, /# fail 0/);
  assert.match(out, /\[broker\] stopped/);
  assert.ok(cleanPartitions(dataDir).includes('script-0'), 'script-0 closed cleanly');
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();
