import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ConfigError,
  defaultConfig,
  defaultThreads,
  FLAG_TABLE_BEGIN,
  FLAG_TABLE_END,
  flagTable,
  helpText,
  parseArgs,
} from '../dist/config.js';

function run(argv: string[]) {
  const r = parseArgs(argv);
  if (r.kind !== 'run') throw new Error('expected a run config');
  return r.config;
}

test('no flags gives the embedded default: node 1 on 127.0.0.1:9092 with ./data', () => {
  const c = run([]);
  assert.is(c.nodeId, 1);
  assert.equal(c.listeners, [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }]);
  assert.is(c.dataDir, './data');
  assert.is(c.fsync, 'never');
  assert.is(c.numPartitions, 1);
  assert.is(c.autoCreateTopics, true);
  assert.is(c.socketRequestMaxBytes, 100 * 1024 * 1024);
  assert.is(c.messageMaxBytes, 1_048_588);
  assert.is(c.messageMaxDecompressedBytes, 64 * 1024 * 1024);
});

test('worker threads default to none on two cores, else one per extra core up to four', () => {
  assert.equal(
    [1, 2, 3, 4, 8, 64].map((n) => defaultThreads(n)),
    [0, 0, 2, 3, 4, 4],
  );
  assert.is(run(['--threads', '3']).threads, 3);
});

test('flags parse, both spaced and with =', () => {
  const c = run([
    '--node-id',
    '3',
    '--listen=0.0.0.0:0',
    '--advertised',
    'broker3:9000',
    '--fsync',
    '250',
    '--peers',
    'a:1,b:2',
    '--auto-create-topics',
    'false',
  ]);
  assert.is(c.nodeId, 3);
  assert.equal(c.listeners, [{ name: 'PLAINTEXT', host: '0.0.0.0', port: 0 }]);
  assert.equal(c.advertisedListeners, [{ name: '', host: 'broker3', port: 9000 }]);
  assert.is(c.fsync, 250);
  assert.equal(c.peers, [
    { host: 'a', port: 1 },
    { host: 'b', port: 2 },
  ]);
  assert.is(c.autoCreateTopics, false);
});

test('a properties file is read and flags override it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-config-'));
  const file = join(dir, 'server.properties');
  writeFileSync(
    file,
    '# broker\nnode.id=7\nlisteners=PLAINTEXT://127.0.0.1:19092\nlog.dirs=/tmp/x\nnum.partitions = 3\n',
  );
  const c = run(['--config', file, '--num-partitions', '5']);
  assert.is(c.nodeId, 7);
  assert.equal(c.listeners, [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 19092 }]);
  assert.is(c.dataDir, '/tmp/x');
  assert.is(c.numPartitions, 5);
});

test('metrics: off by default; metrics.listen and metrics.max.series from a file or flags, limits checked', () => {
  assert.is(defaultConfig().metricsListen, null);
  const dir = mkdtempSync(join(tmpdir(), 'runnel-config-'));
  const file = join(dir, 'server.properties');
  writeFileSync(file, 'metrics.listen=0.0.0.0:9400\nmetrics.max.series=50\n');
  const c = run(['--config', file]);
  assert.equal(c.metricsListen, { host: '0.0.0.0', port: 9400 });
  assert.is(c.metricsMaxSeries, 50);
  assert.is(run(['--config', file, '--metrics-max-series', '1']).metricsMaxSeries, 1);
  assert.is(run(['--metrics-max-series', '1000000']).metricsMaxSeries, 1_000_000);
  assert.throws(
    () => parseArgs(['--metrics-max-series', '0']),
    /--metrics-max-series: expected an integer in \[1, 1000000\]/,
  );
  assert.throws(() => parseArgs(['--metrics-max-series', '1000001']), /--metrics-max-series/);
  assert.throws(() => parseArgs(['--metrics-listen', '127.0.0.1']), /--metrics-listen: expected HOST:PORT/);
});

test('bad values and unknown flags are refused with a clear message', () => {
  assert.throws(
    () => parseArgs(['--node-id', 'x']),
    (e: unknown) => e instanceof ConfigError && /--node-id/.test(String(e)),
  );
  assert.throws(
    () => parseArgs(['--fsync', 'sometimes']),
    (e: unknown) => e instanceof ConfigError,
  );
  assert.throws(
    () => parseArgs(['--listen', 'nohost']),
    (e: unknown) => e instanceof ConfigError,
  );
  assert.throws(
    () => parseArgs(['--message-max-decompressed-bytes', '0']),
    (e: unknown) => e instanceof ConfigError && /--message-max-decompressed-bytes/.test(String(e)),
  );
  assert.throws(() => parseArgs(['--bogus', '1']), /unknown flag/);
  assert.throws(() => parseArgs(['--node-id']), /needs a value/);
});

test('--help lists every flag with its property name and default', () => {
  const r = parseArgs(['--help']);
  assert.is(r.kind, 'help');
  const text = helpText();
  for (const flag of [
    '--node-id',
    '--listen',
    '--advertised',
    '--data-dir',
    '--fsync',
    '--num-partitions',
    '--auto-create-topics',
    '--log-level',
    '--config',
    '--peers',
  ]) {
    assert.ok(text.includes(flag), flag);
  }
  assert.ok(text.includes(`(default ${defaultConfig().dataDir})`));
});

test('the README flag table is the one generated from the config table (npm run gen:readme)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const begin = readme.indexOf(FLAG_TABLE_BEGIN);
  const end = readme.indexOf(FLAG_TABLE_END);
  assert.ok(begin >= 0 && end > begin, 'README.md has the flag table markers');
  assert.fixture(readme.slice(begin + FLAG_TABLE_BEGIN.length, end).trim(), flagTable());
  // Every flag --help knows is a row of the table.
  const helpFlags = [...helpText().matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]!);
  for (const flag of helpFlags) {
    if (flag === '--config' || flag === '--help' || flag === '--version') continue;
    assert.ok(flagTable().includes(`| \`${flag} `), flag);
  }
});

test.run();
