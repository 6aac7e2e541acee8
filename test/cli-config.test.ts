// `runnel config describe|alter` against a real broker process: a topic's configs and where each comes
// from, the broker default and one broker's own value of a dynamic broker config (what the topic then
// shows), synonyms, validate-only, and the broker's refusals as exit 1 with the Kafka error name; a
// command line naming no target, or two, is exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliJson } from './helpers/cli.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let b: string[];

test.before(async () => {
  broker = await startTestBroker([]);
  b = ['-b', broker.address];
});

test.after(async () => {
  await broker.destroy();
});

interface Entry {
  name: string;
  value: string | null;
  source: string;
  readOnly: boolean;
  synonyms?: { name: string; value: string | null; source: string }[];
}

const byName = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.name, e]));

test('broker default and one broker: alter, then describe shows the value and its source on the topic too', async () => {
  const t = uniqueTopic('cfg');
  assert.is((await cli(['topic', 'create', t, '-c', 'segment.bytes=1048576', ...b])).code, 0);
  const set = await cli(['config', 'alter', '--broker-default', '--set', 'log.retention.ms=3600000', ...b]);
  assert.is(set.code, 0, set.stderr);
  assert.match(set.stdout, /^log\.retention\.ms\s+set\s+3600000$/m);
  const defaults = byName(await cliJson<Entry[]>(['config', 'describe', '--broker-default', ...b]));
  assert.equal(defaults['log.retention.ms'], {
    name: 'log.retention.ms',
    value: '3600000',
    source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
    readOnly: false,
  });
  assert.is(
    (await cli(['config', 'alter', '--broker', '1', '-s', 'log.retention.ms=7200000', ...b])).code,
    0,
  );
  const topic = byName(await cliJson<Entry[]>(['config', 'describe', '--topic', t, '--synonyms', ...b]));
  assert.equal(topic['retention.ms']!.value, '7200000');
  assert.equal(topic['retention.ms']!.source, 'DYNAMIC_BROKER_CONFIG');
  assert.equal(
    topic['retention.ms']!.synonyms!.map((s) => [s.value, s.source]),
    [
      ['7200000', 'DYNAMIC_BROKER_CONFIG'],
      ['3600000', 'DYNAMIC_DEFAULT_BROKER_CONFIG'],
      ['604800000', 'DEFAULT_CONFIG'],
    ],
  );
  assert.equal(topic['segment.bytes']!.source, 'DYNAMIC_TOPIC_CONFIG');
  // Without --all, configs at their built-in default are left out.
  assert.is(topic['cleanup.policy'], undefined);
  const all = byName(await cliJson<Entry[]>(['config', 'describe', '--topic', t, '--all', ...b]));
  assert.is(all['cleanup.policy']!.source, 'DEFAULT_CONFIG');
  const table = await cli(['config', 'describe', '--broker', '1', ...b]);
  assert.match(table.stdout, /^log\.retention\.ms\s+7200000\s+DYNAMIC_BROKER_CONFIG\s+no$/m);
  assert.match(table.stdout, /^num\.partitions\s+1\s+STATIC_BROKER_CONFIG\s+yes$/m);
  // Deleting goes back a level; validate-only changes nothing.
  assert.is((await cli(['config', 'alter', '--broker', '1', '-d', 'log.retention.ms', ...b])).code, 0);
  const dry = await cli([
    'config',
    'alter',
    '--broker-default',
    '-d',
    'log.retention.ms',
    '--validate-only',
    ...b,
  ]);
  assert.is(dry.code, 0, dry.stderr);
  const after = byName(await cliJson<Entry[]>(['config', 'describe', '--topic', t, ...b]));
  assert.equal(
    [after['retention.ms']!.value, after['retention.ms']!.source],
    ['3600000', 'DYNAMIC_DEFAULT_BROKER_CONFIG'],
  );
});

test('refusals: read-only and unknown names, a cluster-wide config on one broker, bad command lines', async () => {
  const readOnly = await cli(['config', 'alter', '--broker', '1', '-s', 'num.partitions=3', ...b]);
  assert.is(readOnly.code, 1);
  assert.match(readOnly.stderr, /^runnel: INVALID_REQUEST: /);
  const unknown = await cli(['config', 'alter', '--broker-default', '-s', 'no.such.config=1', ...b]);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /^runnel: INVALID_CONFIG: /);
  const clusterWide = await cli(['config', 'alter', '--broker', '1', '-s', 'min.insync.replicas=2', ...b]);
  assert.is(clusterWide.code, 1);
  assert.match(clusterWide.stderr, /^runnel: INVALID_REQUEST: .*cluster-wide/);
  assert.is((await cli(['config', 'describe', ...b])).code, 2);
  assert.is((await cli(['config', 'describe', '--broker', '1', '--broker-default', ...b])).code, 2);
  assert.is((await cli(['config', 'alter', '--broker', 'one', '-s', 'a=b', ...b])).code, 2);
  assert.is((await cli(['config', 'alter', '--broker-default', ...b])).code, 2);
});

test.run();
