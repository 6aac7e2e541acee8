// Replication on real broker processes: 3 brokers, topics with replication factor 3. Followers copy the
// leader's batches byte for byte (the partition logs of all three data dirs end up identical); acks=all is
// answered only once the followers have the records; a SIGKILLed leader loses no acknowledged record (a
// follower from the ISR takes over at a higher leader epoch, and the old leader comes back as a follower
// that truncates what it alone had and catches up).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { partitionForGroup } from '../dist/broker/groups/records.js';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { TestClient } from './helpers/broker-client.js';
import { kcat, readValues, uniqueTopic } from './helpers/client-broker.js';
import { eventually, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let c: TestCluster;
test.before(async () => {
  c = await startCluster(3, {
    args: ['--replica-lag-time-max-ms', '3000', '--replica-fetch-backoff-ms', '100'],
  });
});
test.after(async () => {
  await c?.destroy();
});

/** A test that kills a broker brings it back even when it fails, so the next one starts with three. */
async function reviveAll(): Promise<void> {
  for (const n of c.nodes) if (!n.alive()) await n.restart();
}

async function partitionsOf(client: Client, topic: string) {
  const [t] = await client.admin().describeTopics([topic]);
  return t!.partitions;
}

/**
 * Partition 0 of a topic once a broker other than the killed one leads it. The sends of a test can all be
 * answered before the controller has fenced the killed leader, and metadata names it until then.
 */
async function ledByAnother(client: Client, topic: string, killed: number) {
  let p: Awaited<ReturnType<typeof partitionsOf>>[number] | undefined;
  await eventually('another broker leads', async () => {
    [p] = await partitionsOf(client, topic);
    return p !== undefined && p.leader > 0 && p.leader !== killed;
  });
  return p!;
}

/**
 * A new topic with three replicas of each partition, once three brokers are live and every partition has a
 * leader and its whole ISR; resolves with its name and partitions as Metadata then shows them.
 */
async function replicatedTopic(
  client: Client,
  prefix: string,
  partitions = 1,
  configs: Record<string, string> = {},
) {
  await eventually(
    'three live brokers',
    async () => (await client.admin().describeCluster()).brokers.length === 3,
  );
  const topic = uniqueTopic(prefix);
  await client.admin().createTopics([{ topic, numPartitions: partitions, replicationFactor: 3, configs }]);
  await eventually('three replicas in every ISR', async () => {
    const ps = await partitionsOf(client, topic);
    return (
      ps.length === partitions &&
      ps.every((p) => p.replicas.length === 3 && p.isr.length === 3 && p.leader > 0)
    );
  });
  return { topic, partitions: await partitionsOf(client, topic) };
}

/** Every batch file of a partition on one broker, concatenated in segment order. */
function logBytes(dataDir: string, topic: string, partition: number): Buffer {
  const dir = path.join(dataDir, `${topic}-${partition}`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort();
  return Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f))));
}

test('replication factor 3: acks=all answered after the followers have it; all three logs identical', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3' });
  try {
    const { topic } = await replicatedTopic(client, 'rf3', 3);
    const producer = client.producer({ acks: 'all' });
    const sends = [];
    for (let i = 0; i < 300; i++)
      sends.push(producer.send(topic, { partition: i % 3, key: `k${i}`, value: `v${i}` }));
    const acked = (await Promise.all(sends)).flat();
    assert.is(acked.length, 300);
    await producer.close();

    const values = await readValues(client, topic, 3, 300);
    assert.equal(
      values.sort(),
      Array.from({ length: 300 }, (_, i) => `v${i}`).sort(),
      'every acknowledged record read',
    );

    // Stop everything cleanly, then compare the partition logs of the three brokers byte for byte.
    for (const n of c.nodes) await n.signal('SIGTERM');
    for (let p = 0; p < 3; p++) {
      const logs = c.nodes.map((n) => logBytes(n.dataDir, topic, p));
      assert.ok(logs[0]!.length > 0, `partition ${p} has data`);
      assert.ok(logs[1]!.equals(logs[0]!), `partition ${p}: broker 2's log equals broker 1's`);
      assert.ok(logs[2]!.equals(logs[0]!), `partition ${p}: broker 3's log equals broker 1's`);
    }
    for (const n of c.nodes) await n.restart();
  } finally {
    await client.close();
  }
});

test('a SIGKILLed leader loses no acknowledged record; it returns as a follower with the same log', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-kill', retryBackoffMs: 100 });
  try {
    const {
      topic,
      partitions: [before],
    } = await replicatedTopic(client, 'rf3kill', 1, { 'min.insync.replicas': '2' });
    const producer = client.producer({ acks: 'all' });
    const acked: string[] = [];
    let n = 0;
    const sendSome = async (count: number) => {
      const batch = [];
      for (let i = 0; i < count; i++) {
        const v = `v${n++}`;
        batch.push(producer.send(topic, { partition: 0, value: v }).then(() => acked.push(v)));
      }
      await Promise.all(batch);
    };
    await sendSome(200);
    const killed = c.node(before!.leader);
    const during = sendSome(300);
    await killed.signal('SIGKILL');
    await during;
    await sendSome(100);
    await producer.close();
    const [after] = await partitionsOf(client, topic);
    assert.ok(after!.leader !== before!.leader && after!.leader > 0, 'another broker leads');
    assert.ok(after!.leaderEpoch > before!.leaderEpoch, 'at a higher leader epoch');
    assert.not.ok(after!.isr.includes(before!.leader), 'the dead leader left the ISR');

    const values = await readValues(client, topic, 1, acked.length);
    assert.is(values.length, acked.length, 'one record per acknowledged send: nothing lost, nothing twice');
    assert.equal([...values].sort(), [...acked].sort());

    await reviveAll();
    const leaderDir = c.node(after!.leader).dataDir;
    await eventually("the old leader copies the new leader's log", () => {
      const a = logBytes(leaderDir, topic, 0);
      const b = logBytes(killed.dataDir, topic, 0);
      return a.length > 0 && a.equals(b);
    });
  } finally {
    await client.close();
    await reviveAll();
  }
});

test('a stopped follower leaves the ISR after replica.lag.time.max.ms, so acks=all goes on; back, it rejoins', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-lag', retryBackoffMs: 100 });
  let stopped: ReturnType<TestCluster['node']> | null = null;
  try {
    const {
      topic,
      partitions: [p0],
    } = await replicatedTopic(client, 'lag');
    stopped = c.nodes.find((n) => n.nodeId !== p0!.leader)!;
    await stopped.signal('SIGSTOP');
    // Gossip would declare a stopped process dead too; what this checks is that the leader's own ISR
    // shrink (AlterPartition after the lag time, 3 s here) lets acks=all through well before that matters.
    const producer = client.producer({ acks: 'all' });
    const started = Date.now();
    await producer.send(topic, { partition: 0, value: 'while one follower is stopped' });
    const waited = Date.now() - started;
    await producer.close();
    const [shrunk] = await partitionsOf(client, topic);
    assert.not.ok(shrunk!.isr.includes(stopped.nodeId), `ISR [${shrunk!.isr}] without the stopped follower`);
    assert.ok(waited < 20_000, `acks=all waited ${waited} ms`);
    await stopped.signal('SIGCONT');
    stopped = null;
    await eventually(
      'the follower rejoins the ISR',
      async () => (await partitionsOf(client, topic))[0]!.isr.length === 3,
    );
  } finally {
    if (stopped !== null) await stopped.signal('SIGCONT');
    await client.close();
    await reviveAll();
  }
});

test("a group's committed offsets are served by a new coordinator after its coordinator is SIGKILLed", async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-group', retryBackoffMs: 100 });
  try {
    const { topic } = await replicatedTopic(client, 'grp', 3);
    const group = uniqueTopic('g');
    const producer = client.producer({ acks: 'all' });
    await producer.send(
      topic,
      Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    );
    await producer.close();
    const consumer = client.consumer({
      groupId: group,
      autoOffsetReset: 'earliest',
      maxWaitMs: 50,
      autoCommit: false,
    });
    const seen = new Set<string>();
    consumer.subscribe([topic]);
    const run = consumer.run({ eachMessage: (r) => void seen.add(r.value!.toString()) });
    await eventually('the group read everything', async () => seen.size === 60);
    await eventually('offsets committed', async () => {
      await consumer.commit();
      const o = await client.admin().fetchOffsets({ groupId: group, topics: [topic] });
      return o[0]!.partitions.reduce((sum, p) => sum + Math.max(0, p.offset), 0) === 60;
    });
    await consumer.close();
    await run;
    const [offsets] = await client.admin().describeTopics(['__consumer_offsets']);
    const p = offsets!.partitions[partitionForGroup(group, offsets!.partitions.length)]!;
    assert.is(p.replicas.length, 3, '__consumer_offsets is replicated');
    await eventually('its followers are in sync', async () => {
      const [o] = await client.admin().describeTopics(['__consumer_offsets']);
      return o!.partitions[p.partition]!.isr.length === 3;
    });
    await c.node(p.leader).signal('SIGKILL');
    await eventually('another broker serves the same offsets', async () => {
      const o = await client.admin().fetchOffsets({ groupId: group, topics: [topic] });
      return o[0]!.partitions.reduce((sum, x) => sum + Math.max(0, x.offset), 0) === 60;
    });
    const [moved] = await client.admin().describeTopics(['__consumer_offsets']);
    assert.ok(moved!.partitions[p.partition]!.leader !== p.leader, 'the coordinator moved');
  } finally {
    await client.close();
    await reviveAll();
  }
});

test('KafkaJS (idempotent, acks=-1) produces through a leader kill and kcat reads back every acknowledged record once', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-kjs', retryBackoffMs: 100 });
  const kafka = new Kafka({
    clientId: 'kjs-rf3',
    brokers: c.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    const {
      topic,
      partitions: [before],
    } = await replicatedTopic(client, 'kjsrf3');
    await producer.connect();
    const acked: string[] = [];
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i += 10) {
        const messages = Array.from({ length: 10 }, (_, j) => ({ value: `k${i + j}` }));
        await producer.send({ topic, acks: -1, messages });
        for (const m of messages) acked.push(m.value);
      }
    };
    await send(0, 100);
    const killed = c.node(before!.leader);
    const sending = send(100, 300);
    await new Promise((r) => setTimeout(r, 50));
    await killed.signal('SIGKILL');
    await sending;
    const after = await ledByAnother(client, topic, killed.nodeId);
    // kcat -e stops at the high watermark. The new leader's may still lag the acknowledged records: it counts
    // the killed broker until the controller drops it from the ISR, and learns the rest from its follower.
    await eventually('the new leader exposes every acknowledged record', async () => {
      const [end] = await client.admin().listOffsets(topic, 'latest', [0]);
      return end!.offset >= acked.length;
    });
    const out = await kcat([
      '-C',
      '-b',
      c.node(after.leader).address,
      '-t',
      topic,
      '-p',
      '0',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n',
    ]);
    const values = out.split('\n').filter((v) => v !== '');
    assert.is(values.length, acked.length, 'each acknowledged record once');
    assert.equal([...values].sort(), [...acked].sort());
  } finally {
    await producer.disconnect().catch(() => {});
    await client.close();
    await reviveAll();
  }
});

test('librdkafka (kcat, idempotent, acks=all) produces through a leader kill; every delivered record is read back once', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-kcat', retryBackoffMs: 100 });
  try {
    const {
      topic,
      partitions: [before],
    } = await replicatedTopic(client, 'kcatrf3');
    // kcat -P reads lines as they come: feed them over about two seconds and kill the leader half-way.
    const producer = spawn(
      'kcat',
      [
        '-P',
        '-b',
        c.bootstrap,
        '-t',
        topic,
        '-p',
        '0',
        '-X',
        'enable.idempotence=true',
        '-X',
        'acks=all',
        '-X',
        'message.timeout.ms=60000',
        '-X',
        'retry.backoff.ms=100',
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    producer.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => producer.on('exit', (code) => r(code)));
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) {
      const lines = Array.from({ length: 50 }, (_, j) => `r${i * 50 + j}`);
      sent.push(...lines);
      producer.stdin!.write(`${lines.join('\n')}\n`);
      if (i === 20) await c.node(before!.leader).signal('SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
    }
    producer.stdin!.end();
    assert.is(await exited, 0, stderr);
    const failed = (stderr.match(/Delivery failed/g) ?? []).length;
    assert.is(failed, 0, `kcat reported failed deliveries: ${stderr.slice(0, 500)}`);
    const after = await ledByAnother(client, topic, before!.leader);
    const out = await kcat([
      '-C',
      '-b',
      c.node(after.leader).address,
      '-t',
      topic,
      '-p',
      '0',
      '-o',
      'beginning',
      '-e',
      '-q',
    ]);
    const values = out.split('\n').filter((v) => v !== '');
    assert.is(values.length, sent.length, 'each delivered record once');
    assert.equal([...values].sort(), [...sent].sort());
  } finally {
    await client.close();
    await reviveAll();
  }
});

test('acks=all is refused with NOT_ENOUGH_REPLICAS while the ISR is below min.insync.replicas', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rf3-minisr', retryBackoffMs: 100 });
  try {
    const {
      topic,
      partitions: [p0],
    } = await replicatedTopic(client, 'minisr', 1, { 'min.insync.replicas': '3' });
    const ok = client.producer({ acks: 'all' });
    await ok.send(topic, { partition: 0, value: 'all three' });
    await ok.close();
    // Stop a follower: the controller fences it and takes it out of the ISR.
    const follower = c.nodes.find((n) => n.nodeId !== p0!.leader)!;
    await follower.signal('SIGKILL');
    await eventually(
      'the ISR shrinks to two',
      async () => (await partitionsOf(client, topic))[0]!.isr.length === 2,
    );
    // On the wire, to the leader: the code itself (a client retries it until its delivery timeout).
    const raw = await TestClient.connect(c.node(p0!.leader).port);
    try {
      const res = await raw.request(P.ProduceApi, 9, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 2000,
        topicData: [
          {
            name: topic,
            partitionData: [{ index: 0, records: encodeRecordBatch([{ key: 'k', value: 'two of three' }]) }],
          },
        ],
      });
      assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.NOT_ENOUGH_REPLICAS);
    } finally {
      raw.close();
    }
    // acks=1 needs no ISR.
    const one = client.producer({ acks: 1 });
    await one.send(topic, { partition: 0, value: 'leader only' });
    await one.close();
  } finally {
    await client.close();
    await reviveAll();
  }
});

test.run();
