// Clients nobody here wrote, and Runnel's own, against a cluster of real broker processes: KafkaJS's admin,
// producer and consumer group on a 12-partition topic spread over 3 brokers; a 5-broker cluster whose 5 lowest
// node ids vote; Runnel's producer sending through a broker restart (it follows NOT_LEADER and metadata changes
// and loses nothing it was told was written); and garbage at a broker's gossip port and listener, which is
// dropped while the cluster carries on.
import dgram from 'node:dgram';
import { createRequire } from 'node:module';
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { kcat, uniqueTopic } from './helpers/client-broker.js';
import { eventually, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

async function withCluster(n: number, body: (c: TestCluster) => Promise<void>): Promise<void> {
  const c = await startCluster(n);
  try {
    await body(c);
  } finally {
    await c.destroy();
  }
}

test('KafkaJS creates, produces to and consumes (as a group) a 12-partition topic spread over 3 brokers', () =>
  withCluster(3, async (c) => {
    const kafka = new Kafka({
      clientId: 'kafkajs-cluster',
      brokers: [c.node(3).address],
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 100 },
    });
    const topic = uniqueTopic('kjs');
    const admin = kafka.admin();
    await admin.connect();
    // A loaded machine can take longer than KafkaJS's 5 s default to commit and spread the leaders.
    await admin.createTopics({
      topics: [{ topic, numPartitions: 12 }],
      waitForLeaders: true,
      timeout: 30_000,
    });
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    const leaders = new Set(md.topics[0].partitions.map((p: { leader: number }) => p.leader));
    assert.equal([...leaders].sort(), [1, 2, 3], 'leaders on all three brokers');
    await admin.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 240 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}` }));
    const acks = await producer.send({ topic, messages });
    assert.is(new Set(acks.map((a: { partition: number }) => a.partition)).size, 12);
    await producer.disconnect();

    const consumer = kafka.consumer({
      groupId: uniqueTopic('kjs-g'),
      sessionTimeout: 6000,
      heartbeatInterval: 300,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = new Map<string, string>();
    await consumer.run({
      eachMessage: async ({ message }: { message: { key: Buffer; value: Buffer } }) => {
        got.set(message.key.toString(), message.value.toString());
      },
    });
    await eventually('KafkaJS read all 240', async () => got.size === 240, 60_000);
    await consumer.disconnect();
    for (const m of messages) assert.is(got.get(m.key), m.value);
  }));

test('five brokers form one cluster; the five lowest node ids vote', () =>
  withCluster(5, async (c) => {
    const ids = new Set(c.nodes.map((n) => JOINED.exec(n.log())![1]));
    assert.is(ids.size, 1);
    for (const n of c.nodes) assert.match(n.log(), /voters 1,2,3,4,5/);
    // Each broker answers from its own copy of the metadata, which trails the last unfencing by a moment.
    await eventually('every broker lists all five', async () => {
      for (const n of c.nodes) {
        const out = JSON.parse(await kcat(['-b', n.address, '-L', '-J'])) as { brokers: unknown[] };
        if (out.brokers.length !== 5) return false;
      }
      return true;
    });
  }));

test("Runnel's producer keeps sending through a broker restart; every acknowledged record is read back once", () =>
  withCluster(3, async (c) => {
    const topic = uniqueTopic('through-restart');
    const client = new Client({
      brokers: c.bootstrap.split(','),
      clientId: 'restart',
      requestTimeoutMs: 5000,
    });
    try {
      await client.admin().createTopics([{ topic, numPartitions: 6 }]);
      const producer = client.producer({ lingerMs: 2, deliveryTimeoutMs: 60_000 });
      const acked: { partition: number; offset: bigint | number; value: string }[] = [];
      let stop = false;
      let failures = 0;
      const sending = (async () => {
        for (let i = 0; !stop; i++) {
          const value = `r${i}`;
          try {
            const [m] = await producer.send(topic, [{ key: `k${i % 60}`, value }]);
            acked.push({ partition: m!.partition, offset: m!.offset, value });
          } catch {
            failures++;
          }
        }
      })();
      await eventually('some records acknowledged', async () => acked.length > 100);
      const victim = c.node(2);
      await victim.signal('SIGKILL');
      await new Promise((r) => setTimeout(r, 1500));
      await victim.restart();
      await victim.waitForLog(JOINED, 30_000);
      const before = acked.length;
      await eventually(
        'records to every partition acknowledged after the restart',
        async () => {
          const late = acked.slice(before);
          return new Set(late.map((a) => a.partition)).size === 6;
        },
        60_000,
      );
      stop = true;
      await sending;
      await producer.close();
      const out = await kcat(['-b', c.bootstrap, '-t', topic, '-C', '-e', '-q', '-f', '%p %o %s\n']);
      const lines = out.trim().split('\n');
      const read = new Map<string, string>();
      for (const l of lines) {
        const [p, o, v] = l.split(' ');
        read.set(`${p} ${o}`, v!);
      }
      for (const a of acked) assert.is(read.get(`${a.partition} ${a.offset}`), a.value, `acked ${a.value}`);
      const values = lines.map((l) => l.split(' ')[2]);
      assert.is(new Set(values).size, values.length, 'no record read twice');
      console.log(
        `    ${acked.length} acknowledged, ${failures} sends failed while partitions had no leader`,
      );
    } finally {
      await client.close();
    }
  }));

test('garbage at the gossip port and the listener is dropped; the cluster carries on', () =>
  withCluster(3, async (c) => {
    const target = c.node(1);
    const udp = dgram.createSocket('udp4');
    for (let i = 0; i < 200; i++) {
      const size = [0, 1, 7, 100, 1400, 9000][i % 6]!;
      const junk = Buffer.alloc(size);
      for (let j = 0; j < size; j++) junk[j] = (i * 31 + j * 17) & 0xff;
      await new Promise<void>((r) => udp.send(junk, target.port, '127.0.0.1', () => r()));
    }
    udp.close();
    // A gossip stream claiming 1 GB, and one with a garbage body, on the broker's listener.
    for (const body of [
      Buffer.from([0xff, 0x52, 0x47, 0x53, 0x40, 0x00, 0x00, 0x00]),
      Buffer.concat([Buffer.from([0xff, 0x52, 0x47, 0x53, 0x00, 0x00, 0x00, 0x10]), Buffer.alloc(16, 0xee)]),
    ]) {
      await new Promise<void>((resolve) => {
        const s = net.connect(target.port, '127.0.0.1', () => s.end(body));
        s.on('error', () => resolve());
        s.on('close', () => resolve());
      });
    }
    assert.ok(target.alive(), 'still running');
    const topic = uniqueTopic('after-garbage');
    const client = new Client({ brokers: [target.address], clientId: 'garbage' });
    try {
      await client.admin().createTopics([{ topic, numPartitions: 3 }]);
      const sent = await client.producer().send(topic, [{ value: 'ok' }]);
      assert.is(sent.length, 1);
    } finally {
      await client.close();
    }
    await eventually('all three still listed', async () => {
      const m = JSON.parse(await kcat(['-b', target.address, '-L', '-J'])) as { brokers: unknown[] };
      return m.brokers.length === 3;
    });
  }));

test.run();
