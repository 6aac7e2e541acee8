// Runnel group consumers against a real broker process: three members split a topic and consume every
// record exactly once (also across the cooperative hand-overs while they join); a member SIGKILLed in a
// child process loses its partitions to the others within the session timeout and no record is
// skipped; committed offsets survive a broker restart; kcat (librdkafka, range/roundrobin) and KafkaJS
// (a round-robin assignor named "roundrobin") share groups with Runnel members.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Client,
  type ConsumerRecord,
  decodeAssignment,
  type GroupConsumer,
  type GroupConsumerOptions,
  type TopicPartition,
} from '../dist/client/index.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel, PartitionAssigners } = require('kafkajs') as typeof import('kafkajs');

const PARTITIONS = 6;
const CLIENT_URL = new URL('../dist/client/index.js', import.meta.url).href;

let broker: TestBroker;
let client: Client;
const children: ChildProcess[] = [];

const GROUP_OPTS = {
  autoOffsetReset: 'earliest',
  sessionTimeoutMs: 6000, // the broker's group.min.session.timeout.ms
  heartbeatIntervalMs: 300,
  autoCommitIntervalMs: 300,
  maxWaitMs: 100,
} as const;

test.before(async () => {
  broker = await startTestBroker(['--group-initial-rebalance-delay-ms', '100']);
  client = new Client({ brokers: [broker.address], clientId: 'group-test', retryBackoffMs: 50 });
});

test.after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await client.close().catch(() => {});
  await broker.destroy();
});

async function waitFor(
  what: string,
  ok: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createTopic(prefix: string, partitions = PARTITIONS): Promise<string> {
  const topic = uniqueTopic(prefix);
  await client.admin().createTopics([{ topic, numPartitions: partitions }]);
  return topic;
}

/** `perPartition` records to every partition; values "p:i" with i counting from `from`. */
async function produce(
  topic: string,
  perPartition: number,
  from = 0,
  partitions = PARTITIONS,
): Promise<void> {
  const producer = client.producer({ lingerMs: 1 });
  const records = [];
  for (let p = 0; p < partitions; p++) {
    for (let i = from; i < from + perPartition; i++) records.push({ value: `${p}:${i}`, partition: p });
  }
  await producer.send(topic, records);
  await producer.close();
}

const tpKey = (tp: TopicPartition) => `${tp.topic}-${tp.partition}`;

/** A Runnel member that records what it consumes ("partition:offset"). */
function member(topic: string, groupId: string, opts: Partial<GroupConsumerOptions> = {}) {
  const consumer: GroupConsumer = client.consumer({ groupId, ...GROUP_OPTS, ...opts });
  const seen: string[] = [];
  consumer.subscribe([topic]);
  const running = consumer.run({
    eachMessage: (r: ConsumerRecord) => {
      seen.push(`${r.partition}:${r.offset}`);
    },
  });
  return { consumer, seen, running };
}

function assertSplit(assignments: TopicPartition[][], partitions = PARTITIONS): void {
  const all = assignments.flat().map(tpKey);
  assert.is(new Set(all).size, all.length, `no partition owned twice: ${all}`);
  assert.is(all.length, partitions, `every partition owned: ${all}`);
}

test('three members split six partitions; every record consumed exactly once', async () => {
  const topic = await createTopic('group3');
  const group = `${topic}-g`;
  await produce(topic, 50);
  const members = [member(topic, group), member(topic, group), member(topic, group)];
  await waitFor('three members with two partitions each', () =>
    members.every((m) => m.consumer.assignment().length === 2),
  );
  assertSplit(members.map((m) => m.consumer.assignment()));
  assert.is(members[0]!.consumer.generation.protocol, 'cooperative-sticky');
  await produce(topic, 50, 50);
  const total = PARTITIONS * 100;
  await waitFor('all records consumed', () => members.reduce((n, m) => n + m.seen.length, 0) >= total);
  await new Promise((r) => setTimeout(r, 300)); // anything extra (a duplicate) would show up now
  const all = members.flatMap((m) => m.seen);
  assert.is(all.length, total, 'no duplicates');
  assert.is(new Set(all).size, total, 'every record once');
  for (const m of members) {
    // Each member's records come from the partitions it owns now (no member saw a partition twice over).
    for (const s of m.seen) {
      const p = Number(s.split(':')[0]);
      const ownsNow = m.consumer.assignment().some((tp) => tp.partition === p);
      const seenElsewhere = members.some((o) => o !== m && o.seen.some((x) => x.startsWith(`${p}:`)));
      assert.ok(ownsNow || seenElsewhere, `record ${s} from a partition that moved`);
    }
  }
  await Promise.all(members.map((m) => m.consumer.close()));
  await Promise.all(members.map((m) => m.running));
});

test('a member SIGKILLed without leaving: its partitions move within the session timeout, nothing skipped', async () => {
  const topic = await createTopic('groupkill');
  const group = `${topic}-g`;
  const script = `
    const { Client } = await import(${JSON.stringify(CLIENT_URL)});
    const client = new Client({ brokers: [${JSON.stringify(broker.address)}], clientId: 'child' });
    const c = client.consumer({ groupId: ${JSON.stringify(group)}, ...${JSON.stringify(GROUP_OPTS)} });
    c.subscribe([${JSON.stringify(topic)}], {
      onPartitionsAssigned: () => console.log('owns ' + c.assignment().map((tp) => tp.partition).join(',')),
    });
    await c.run({ eachMessage: (r) => { process.stdout.write('rec ' + r.partition + ':' + r.offset + '\\n'); } });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const childSeen: string[] = [];
  let childOwns = '';
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith('rec ')) childSeen.push(line.slice(4));
      if (line.startsWith('owns ')) childOwns = line.slice(5);
      nl = buf.indexOf('\n');
    }
  });
  let childErr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (childErr += d));
  await waitFor('the child member to own partitions', () => childOwns.length > 0, 20_000).catch((e) => {
    throw new Error(`${e.message}\n${childErr}`);
  });
  const survivors = [member(topic, group), member(topic, group)];
  await waitFor(
    'three members with two partitions each',
    () => survivors.every((m) => m.consumer.assignment().length === 2) && childOwns.split(',').length === 2,
  );
  await produce(topic, 30);
  await waitFor('the child to consume', () => childSeen.length > 0);
  child.kill('SIGKILL');
  const killedAt = Date.now();
  await produce(topic, 30, 30);
  await waitFor(
    'survivors to own every partition',
    () => survivors.reduce((n, m) => n + m.consumer.assignment().length, 0) === PARTITIONS,
    15_000,
  );
  const movedAfter = Date.now() - killedAt;
  assert.ok(movedAfter < 6000 + 4000, `moved ${movedAfter} ms after the kill`);
  assertSplit(survivors.map((m) => m.consumer.assignment()));
  const total = PARTITIONS * 60;
  const union = () => new Set([...childSeen, ...survivors.flatMap((m) => m.seen)]);
  await waitFor('every record consumed by someone', () => union().size === total);
  // Records after the kill all went to the survivors, and nothing the child did not consume was skipped.
  for (let p = 0; p < PARTITIONS; p++) {
    for (let o = 0; o < 60; o++) {
      const k = `${p}:${o}`;
      assert.ok(childSeen.includes(k) || survivors.some((m) => m.seen.includes(k)), `${k} consumed`);
    }
  }
  await Promise.all(survivors.map((m) => m.consumer.close()));
});

test('committed offsets survive a broker restart; a new member resumes after the last commit', async () => {
  const topic = await createTopic('grouprestart', 3);
  const group = `${topic}-g`;
  await produce(topic, 20, 0, 3);
  const first = member(topic, group);
  await waitFor('60 records', () => first.seen.length === 60);
  await first.consumer.close(); // commits
  await first.running;
  await broker.stop('SIGTERM');
  broker = await broker.restart();
  await produce(topic, 10, 20, 3);
  const second = member(topic, group);
  await waitFor('the 30 new records', () => second.seen.length >= 30, 30_000);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(
    [...second.seen].sort(),
    [0, 1, 2].flatMap((p) => Array.from({ length: 10 }, (_, i) => `${p}:${20 + i}`)).sort(),
    'exactly the records after the commit',
  );
  await second.consumer.close();
});

/** The group's members and their decoded assignments, via KafkaJS's DescribeGroups. */
async function describe(groupId: string) {
  const kafka = new Kafka({ brokers: [broker.address], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const g = groups[0]!;
    return {
      state: g.state,
      protocol: g.protocol,
      members: g.members.map((m) => ({
        clientId: m.clientId,
        partitions: decodeAssignment(m.memberAssignment as Buffer).partitions,
      })),
    };
  } finally {
    await admin.disconnect();
  }
}

test('kcat (librdkafka) and a Runnel member share a group: range is common, partitions split', async () => {
  const topic = await createTopic('groupkcat');
  const group = `${topic}-g`;
  const kcat = spawn(
    'kcat',
    [
      '-b',
      broker.address,
      '-G',
      group,
      '-X',
      'auto.offset.reset=earliest',
      '-q',
      '-u',
      '-f',
      '%p:%o\\n',
      topic,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(kcat);
  const kcatSeen: string[] = [];
  let buf = '';
  kcat.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    kcatSeen.push(...lines.filter((l) => l.length > 0));
  });
  const runnel = member(topic, group);
  let d: Awaited<ReturnType<typeof describe>> | null = null;
  await waitFor(
    'both members assigned',
    async () => {
      d = await describe(group);
      return (
        d.state === 'Stable' &&
        d.members.length === 2 &&
        d.members.every((m) => m.partitions.length > 0) &&
        runnel.consumer.assignment().length > 0
      );
    },
    30_000,
  );
  assert.is(d!.protocol, 'range');
  assertSplit(d!.members.map((m) => m.partitions));
  await produce(topic, 20);
  await waitFor(
    'every record consumed',
    () => new Set([...kcatSeen, ...runnel.seen]).size === PARTITIONS * 20,
  ).catch((e) => {
    throw new Error(`${e.message}: kcat ${kcatSeen.length}, runnel ${runnel.seen.length}`);
  });
  const runnelParts = new Set(runnel.consumer.assignment().map((tp) => tp.partition));
  for (const s of kcatSeen) assert.not.ok(runnelParts.has(Number(s.split(':')[0])), `kcat read ${s}`);
  kcat.kill('SIGTERM');
  await runnel.consumer.close();
});

test('KafkaJS members (assignor named "roundrobin") and Runnel members in one group', async () => {
  const topic = await createTopic('groupkjs');
  const group = `${topic}-g`;
  const kafka = new Kafka({ brokers: [broker.address], clientId: 'kafkajs', logLevel: logLevel.NOTHING });
  const kjs = kafka.consumer({
    groupId: group,
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    partitionAssigners: [(cfg) => ({ ...PartitionAssigners.roundRobin(cfg), name: 'roundrobin' })],
  });
  await kjs.connect();
  await kjs.subscribe({ topic, fromBeginning: true });
  const kjsSeen: string[] = [];
  await kjs.run({
    eachMessage: async ({ partition, message }) => {
      kjsSeen.push(`${partition}:${message.offset}`);
    },
  });
  const runnel = member(topic, group);
  let d: Awaited<ReturnType<typeof describe>> | null = null;
  await waitFor(
    'both members assigned',
    async () => {
      d = await describe(group);
      return (
        d.state === 'Stable' && d.members.length === 2 && d.members.every((m) => m.partitions.length > 0)
      );
    },
    30_000,
  );
  assert.is(d!.protocol, 'roundrobin');
  assertSplit(d!.members.map((m) => m.partitions));
  await waitFor('Runnel sees its partitions', () => runnel.consumer.assignment().length === 3);
  await produce(topic, 20);
  await waitFor(
    'every record consumed',
    () => new Set([...kjsSeen, ...runnel.seen]).size === PARTITIONS * 20,
  );
  assert.is(kjsSeen.length + runnel.seen.length, PARTITIONS * 20, 'each record once');
  await kjs.disconnect();
  await runnel.consumer.close();
});

test.run();
