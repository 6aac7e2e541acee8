// `runnel group ...` (and `runnel consume --group`) against a real broker process: lag per partition after a
// member committed what it printed, cross-checked with KafkaJS's admin; reset-offsets as a dry run and
// executed with each of Kafka's choices, refused while the group has a live member (another runnel process);
// list and delete in table and JSON form.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliJson, collect, spawnCli } from './helpers/cli.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let broker: TestBroker;
let b: string[];
// biome-ignore lint/suspicious/noExplicitAny: KafkaJS is plain JavaScript here
let kafkajs: any;

test.before(async () => {
  broker = await startTestBroker([
    '--group-initial-rebalance-delay-ms',
    '0',
    '--offsets-topic-partitions',
    '1',
  ]);
  b = ['-b', broker.address];
  kafkajs = new Kafka({
    clientId: 'cli-xcheck',
    brokers: [broker.address],
    logLevel: logLevel.NOTHING,
  }).admin();
  await kafkajs.connect();
});

test.after(async () => {
  await kafkajs?.disconnect();
  await broker.destroy();
});

interface Described {
  group: string;
  state: string;
  members: { memberId: string; clientId: string; assignment: { topic: string; partition: number }[] }[];
  totalLag: number;
  partitions: {
    topic: string;
    partition: number;
    currentOffset: number | null;
    logEndOffset: number | null;
    lag: number | null;
    memberId: string | null;
  }[];
}

async function committed(groupId: string, topic: string): Promise<number[]> {
  const res = await kafkajs.fetchOffsets({ groupId, topics: [topic] });
  return res[0].partitions
    .sort((x: { partition: number }, y: { partition: number }) => x.partition - y.partition)
    .map((p: { offset: string }) => Number(p.offset));
}

/** A one-partition topic with `n` records v0..v(n-1). */
async function filledTopic(n: number): Promise<string> {
  const t = uniqueTopic('cli');
  assert.is((await cli(['topic', 'create', t, ...b])).code, 0);
  const input = `${Array.from({ length: n }, (_, i) => `v${i}`).join('\n')}\n`;
  assert.is((await cli(['produce', t, ...b], { input })).code, 0);
  return t;
}

test('consume --group commits what it printed; describe shows committed, log end offset and lag', async () => {
  const t = await filledTopic(10);
  const g = uniqueTopic('group');
  const r = await cli(['consume', t, '-g', g, '-c', '4', ...b]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'v0\nv1\nv2\nv3\n');
  assert.equal(await committed(g, t), [4]);
  const [d] = await cliJson<Described[]>(['group', 'describe', g, ...b]);
  assert.is(d!.state, 'Empty');
  assert.is(d!.totalLag, 6);
  assert.equal(d!.partitions, [
    {
      topic: t,
      partition: 0,
      currentOffset: 4,
      logEndOffset: 10,
      lag: 6,
      memberId: null,
      clientId: null,
      host: null,
    },
  ]);
  const table = await cli(['group', 'describe', g, ...b]);
  assert.is(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, new RegExp(`^Group: ${g}  State: Empty  Protocol: -  Members: 0  TotalLag: 6$`));
  assert.match(
    lines[1]!,
    /^TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG\s+MEMBER-ID\s+HOST\s+CLIENT-ID$/,
  );
  assert.match(lines[2]!, new RegExp(`^${t}\\s+0\\s+4\\s+10\\s+6\\s+-\\s+-\\s+-$`));

  // -e: the rest, then exit; the group is caught up.
  const rest = await cli(['consume', t, '-g', g, '-e', ...b]);
  assert.is(rest.code, 0, rest.stderr);
  assert.is(rest.stdout, 'v4\nv5\nv6\nv7\nv8\nv9\n');
  assert.equal(await committed(g, t), [10]);

  const list = await cli(['group', 'list', ...b]);
  assert.match(list.stdout, /^GROUP\s+STATE\s+TYPE\n/);
  assert.match(list.stdout, new RegExp(`^${g}\\s+Empty\\s+consumer$`, 'm'));
  const json = await cliJson<{ group: string; state: string; protocolType: string }[]>([
    'group',
    'list',
    ...b,
  ]);
  assert.ok(json.some((x) => x.group === g && x.state === 'Empty' && x.protocolType === 'consumer'));

  const missing = await cli(['group', 'describe', 'no-such-group', ...b]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /^runnel: GROUP_ID_NOT_FOUND: group no-such-group does not exist/);
});

test("reset-offsets: a dry run by default; --execute commits each of Kafka's choices, kept within the log", async () => {
  const t = await filledTopic(5);
  await new Promise((r) => setTimeout(r, 20));
  const boundary = Date.now();
  await new Promise((r) => setTimeout(r, 20));
  assert.is((await cli(['produce', t, ...b], { input: 'v5\nv6\nv7\nv8\nv9\n' })).code, 0);
  const g = uniqueTopic('group');
  assert.is((await cli(['consume', t, '-g', g, '-c', '4', ...b])).code, 0);

  const dry = await cli(['group', 'reset-offsets', g, '--topic', t, '--to-earliest', ...b]);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+NEW-OFFSET\n/);
  assert.match(dry.stdout, new RegExp(`^${g}\\s+${t}\\s+0\\s+4\\s+0$`, 'm'));
  assert.match(dry.stderr, /dry run: nothing committed; add --execute to apply/);
  assert.equal(await committed(g, t), [4], 'a dry run commits nothing');

  const steps: [string[], number][] = [
    [['--to-offset', '7'], 7],
    [['--shift-by', '-2'], 5],
    [['--shift-by', '-100'], 0],
    [['--to-latest'], 10],
    [['--to-offset', '1000'], 10],
    [['--to-earliest'], 0],
    [['--to-datetime', new Date(boundary).toISOString()], 5],
    [['--to-datetime', String(boundary + 3_600_000)], 10],
  ];
  for (const [choice, expected] of steps) {
    const res = await cliJson<{ executed: boolean; partitions: { newOffset: number }[] }>([
      'group',
      'reset-offsets',
      g,
      '--topic',
      `${t}:0`,
      ...choice,
      '--execute',
      ...b,
    ]);
    assert.is(res.executed, true);
    assert.is(res.partitions[0]!.newOffset, expected, choice.join(' '));
    assert.equal(await committed(g, t), [expected], choice.join(' '));
  }
  const all = await cliJson<{ partitions: { topic: string; newOffset: number }[] }>([
    'group',
    'reset-offsets',
    g,
    '--all-topics',
    '--to-earliest',
    ...b,
  ]);
  assert.equal(
    all.partitions.map((p) => [p.topic, p.newOffset]),
    [[t, 0]],
  );
  const bad = await cli(['group', 'reset-offsets', g, '--topic', `${t}:3`, '--to-earliest', ...b]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`^runnel: UNKNOWN_TOPIC_OR_PARTITION: ${t} has no partition 3`));
});

test('a group with a live member: describe shows it; reset-offsets and delete are refused; SIGINT leaves', async () => {
  const t = await filledTopic(3);
  const g = uniqueTopic('group');
  const member = spawnCli(['consume', t, '-g', g, ...b]);
  const memberDone = collect(member);
  let d: Described | undefined;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    [d] = await cliJson<Described[]>(['group', 'describe', g, ...b]).catch(() => [undefined]);
    if (d?.state === 'Stable' && d.members.length === 1 && d.partitions[0]?.currentOffset === 3) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.is(d?.state, 'Stable', 'the member joined');
  assert.equal(d!.members[0]!.assignment, [{ topic: t, partition: 0 }]);
  assert.is(d!.members[0]!.clientId, 'runnel-cli');
  assert.is(d!.partitions[0]!.memberId, d!.members[0]!.memberId);

  for (const args of [['--to-earliest'], ['--to-earliest', '--execute']]) {
    const r = await cli(['group', 'reset-offsets', g, '--topic', t, ...args, ...b]);
    assert.is(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(`^runnel: NON_EMPTY_GROUP: group ${g} has 1 active members \\(state Stable\\)`),
    );
  }
  const del = await cli(['group', 'delete', g, ...b]);
  assert.is(del.code, 1);
  assert.match(del.stderr, /^runnel: NON_EMPTY_GROUP: delete group /);

  member.kill('SIGINT');
  const done = await memberDone;
  assert.is(done.code, 0, done.stderr);
  assert.is(done.stdout, 'v0\nv1\nv2\n');
  const after = await cliJson<Described[]>(['group', 'describe', g, ...b]);
  assert.is(after[0]!.members.length, 0, 'it left the group');
});

test('delete: gone from list and describe', async () => {
  const t = await filledTopic(1);
  const g = uniqueTopic('group');
  assert.is((await cli(['consume', t, '-g', g, '-c', '1', ...b])).code, 0);
  const r = await cli(['group', 'delete', g, ...b]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${g}\\s+deleted$`, 'm'));
  const list = await cliJson<{ group: string }[]>(['group', 'list', ...b]);
  assert.not.ok(list.some((x) => x.group === g));
  const again = await cli(['group', 'delete', g, '--json', ...b]);
  assert.is(again.code, 1);
  assert.match(again.stderr, /^runnel: GROUP_ID_NOT_FOUND: delete group /);
});

test.run();
