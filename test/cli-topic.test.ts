// `runnel topic ...` against a real broker process: every command in table and --json form, checked against
// what the broker reports to another client (kcat's metadata, records kcat wrote), and the broker's
// refusals (topic exists, unknown topic, bad config) as exit 1 with the Kafka error name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliJson } from './helpers/cli.js';
import { kcat, kcatMeta, startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let b: string[];

test.before(async () => {
  broker = await startTestBroker([
    '--group-initial-rebalance-delay-ms',
    '0',
    '--offsets-topic-partitions',
    '1',
  ]);
  b = ['-b', broker.address];
});

test.after(async () => {
  await broker.destroy();
});

interface Described {
  topic: string;
  topicId: string;
  internal: boolean;
  replicationFactor: number;
  configs: Record<string, string | null>;
  partitions: {
    partition: number;
    leader: number;
    leaderEpoch: number;
    replicas: number[];
    isr: number[];
    logStartOffset: number | null;
    highWatermark: number | null;
  }[];
}

test('create: a table, or JSON; the broker has the partitions and configs asked for', async () => {
  const [t1, t2] = [uniqueTopic('cli'), uniqueTopic('cli')];
  const r = await cli(['topic', 'create', t1, t2, '-p', '3', '-c', 'retention.ms=123456', ...b]);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^TOPIC\s+PARTITIONS\s+REPLICAS\s+STATUS$/);
  assert.match(lines[1]!, new RegExp(`^${t1}\\s+3\\s+1\\s+created$`));
  assert.match(lines[2]!, new RegExp(`^${t2}\\s+3\\s+1\\s+created$`));
  const meta = await kcatMeta(broker.address, t1);
  assert.is(meta.topics[0]!.partitions.length, 3);
  const [d] = await cliJson<Described[]>(['topic', 'describe', t1, ...b]);
  assert.equal(d!.configs, { 'retention.ms': '123456' });

  const t3 = uniqueTopic('cli');
  const json = await cliJson<{ topic: string; partitions: number; replicationFactor: number }[]>([
    'topic',
    'create',
    t3,
    '--partitions=2',
    ...b,
  ]);
  assert.is(json.length, 1);
  assert.is(json[0]!.topic, t3);
  assert.is(json[0]!.partitions, 2);
  assert.is(json[0]!.replicationFactor, 1);
});

test('create refused by the broker: exit 1 with the Kafka error; --validate-only creates nothing', async () => {
  const t = uniqueTopic('cli');
  assert.is((await cli(['topic', 'create', t, ...b])).code, 0);
  const again = await cli(['topic', 'create', t, ...b]);
  assert.is(again.code, 1);
  assert.is(again.stdout, '');
  assert.match(again.stderr, new RegExp(`^runnel: TOPIC_ALREADY_EXISTS: create topic ${t}`));
  const badConfig = await cli(['topic', 'create', uniqueTopic('cli'), '-c', 'retention.ms=soon', ...b]);
  assert.is(badConfig.code, 1);
  assert.match(badConfig.stderr, /^runnel: INVALID_CONFIG: /);
  const tooMany = await cli(['topic', 'create', uniqueTopic('cli'), '-r', '3', ...b]);
  assert.is(tooMany.code, 1);
  assert.match(tooMany.stderr, /^runnel: INVALID_REPLICATION_FACTOR: /);

  const v = uniqueTopic('cli');
  const valid = await cli(['topic', 'create', v, '--validate-only', ...b]);
  assert.is(valid.code, 0, valid.stderr);
  assert.match(valid.stdout, new RegExp(`^${v}\\s+valid$`, 'm'));
  const names = (await cliJson<{ topic: string }[]>(['topic', 'list', ...b])).map((x) => x.topic);
  assert.not.ok(names.includes(v));
});

test('list: topics with partitions and replicas; internal ones only with -i', async () => {
  const t = uniqueTopic('cli');
  await cli(['topic', 'create', t, '-p', '4', ...b]);
  // A group commit makes __consumer_offsets exist.
  await kcat(['-b', broker.address, '-P', '-t', t], 'x\n');
  await cli(['consume', t, '-g', uniqueTopic('g'), '-c', '1', ...b]);
  const table = await cli(['topic', 'list', ...b]);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, /^TOPIC\s+PARTITIONS\s+REPLICAS\n/);
  assert.match(table.stdout, new RegExp(`^${t}\\s+4\\s+1$`, 'm'));
  assert.not.match(table.stdout, /__consumer_offsets/);
  const all = await cliJson<{ topic: string; partitions: number; internal: boolean }[]>([
    'topic',
    'list',
    '-i',
    ...b,
  ]);
  assert.ok(all.some((x) => x.topic === '__consumer_offsets' && x.internal));
  assert.ok(all.some((x) => x.topic === t && x.partitions === 4 && !x.internal));
});

test('describe: leader, epoch, replicas, ISR, log start and high watermark per partition', async () => {
  const t = uniqueTopic('cli');
  await cli(['topic', 'create', t, '-p', '2', ...b]);
  await kcat(['-b', broker.address, '-P', '-t', t, '-p', '1'], 'a\nb\nc\n');
  const [d] = await cliJson<Described[]>(['topic', 'describe', t, ...b]);
  assert.is(d!.topic, t);
  assert.is(d!.topicId.length, 22);
  assert.equal(d!.partitions, [
    { partition: 0, leader: 1, leaderEpoch: 0, replicas: [1], isr: [1], logStartOffset: 0, highWatermark: 0 },
    { partition: 1, leader: 1, leaderEpoch: 0, replicas: [1], isr: [1], logStartOffset: 0, highWatermark: 3 },
  ]);
  const table = await cli(['topic', 'describe', t, ...b]);
  assert.is(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(
    lines[0]!,
    new RegExp(`^Topic: ${t}  TopicId: ${d!.topicId}  Partitions: 2  ReplicationFactor: 1  Configs: -$`),
  );
  assert.match(lines[1]!, /^PARTITION\s+LEADER\s+EPOCH\s+REPLICAS\s+ISR\s+LOG-START\s+HIGH-WATERMARK$/);
  assert.match(lines[3]!, /^1\s+1\s+0\s+1\s+1\s+0\s+3$/);
  const all = await cliJson<Described[]>(['topic', 'describe', t, '--all-configs', ...b]);
  assert.ok(Object.keys(all[0]!.configs).includes('cleanup.policy'));

  const missing = await cli(['topic', 'describe', 'no-such-topic', ...b]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /^runnel: UNKNOWN_TOPIC_OR_PARTITION: describe topic no-such-topic/);
});

test('alter-config: set and delete one by one, the rest untouched; a bad value is the broker error', async () => {
  const t = uniqueTopic('cli');
  await cli(['topic', 'create', t, '-c', 'retention.ms=1000000', '-c', 'segment.bytes=1048576', ...b]);
  const r = await cli([
    'topic',
    'alter-config',
    t,
    '--set',
    'cleanup.policy=compact',
    '-d',
    'retention.ms',
    ...b,
  ]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^cleanup\.policy\s+set\s+compact$/m);
  assert.match(r.stdout, /^retention\.ms\s+delete\s+-$/m);
  const [d] = await cliJson<Described[]>(['topic', 'describe', t, ...b]);
  assert.equal(d!.configs, { 'cleanup.policy': 'compact', 'segment.bytes': '1048576' });
  const json = await cliJson<{ topic: string; changes: { name: string; operation: string }[] }>([
    'topic',
    'alter-config',
    t,
    '-s',
    'retention.ms=5000',
    ...b,
  ]);
  assert.equal(json.changes, [{ name: 'retention.ms', operation: 'set', value: '5000' }]);
  const bad = await cli(['topic', 'alter-config', t, '-s', 'cleanup.policy=sometimes', ...b]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /^runnel: INVALID_CONFIG: /);
});

test('add-partitions: -n more; other clients see them', async () => {
  const t = uniqueTopic('cli');
  await cli(['topic', 'create', t, '-p', '2', ...b]);
  const r = await cli(['topic', 'add-partitions', t, '-n', '3', ...b]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${t}\\s+2\\s+5$`, 'm'));
  assert.is((await kcatMeta(broker.address, t)).topics[0]!.partitions.length, 5);
  const json = await cliJson<{ partitionsBefore: number; partitions: number }>([
    'topic',
    'add-partitions',
    t,
    '--num',
    '1',
    ...b,
  ]);
  assert.equal(json, { topic: t, partitionsBefore: 5, partitions: 6 });
});

test('delete: gone for other clients; an unknown topic is the broker error', async () => {
  const t = uniqueTopic('cli');
  await cli(['topic', 'create', t, ...b]);
  const r = await cli(['topic', 'delete', t, ...b]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${t}\\s+deleted$`, 'm'));
  const meta = await kcatMeta(broker.address);
  assert.not.ok(meta.topics.some((x) => x.topic === t));
  const again = await cli(['topic', 'delete', t, '--json', ...b]);
  assert.is(again.code, 1);
  assert.is(again.stdout, '');
  assert.match(again.stderr, /^runnel: UNKNOWN_TOPIC_OR_PARTITION: delete topic /);
});

test.run();
