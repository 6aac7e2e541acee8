// KafkaJS 2.2.4 consumer groups against a real broker process: the partitions of a topic split across the
// members, committed offsets survive a broker restart, and a new member resumes from them.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BrokerProcess, startBroker } from './helpers/broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');

const TOPIC = 'group-e2e';
const GROUP = 'e2e-group';
const PARTITIONS = 4;
const PER_PARTITION = 10;

let broker: BrokerProcess | null = null;

function client(b: BrokerProcess) {
  return new Kafka({
    brokers: [b.address],
    clientId: 'groups-e2e',
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100 },
  });
}

async function waitFor(
  what: string,
  ok: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function committed(kafka: ReturnType<typeof client>): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    return t!.partitions.sort((a, b) => a.partition - b.partition).map((p) => Number(p.offset));
  } finally {
    await admin.disconnect();
  }
}

test('two consumers split the partitions; commits survive a restart; a new member resumes from them', async () => {
  broker = await startBroker(['--group-initial-rebalance-delay-ms', '200']);
  let kafka = client(broker);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const messages = [];
  for (let p = 0; p < PARTITIONS; p++) {
    for (let i = 0; i < PER_PARTITION; i++)
      messages.push({ partition: p, key: `k${i}`, value: `p${p}-${i}` });
  }
  await producer.send({ topic: TOPIC, messages });
  await producer.disconnect();

  const seenBy = new Map<string, number>();
  const assignments = new Map<number, number[]>();
  const consumers = [];
  for (let id = 0; id < 2; id++) {
    const c = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 300 });
    c.on(c.events.GROUP_JOIN, (e) => assignments.set(id, [...(e.payload.memberAssignment[TOPIC] ?? [])]));
    await c.connect();
    await c.subscribe({ topic: TOPIC, fromBeginning: true });
    await c.run({
      eachMessage: async ({ partition, message }) => {
        seenBy.set(`${partition}:${message.offset}`, id);
      },
    });
    consumers.push(c);
  }
  await waitFor('every message consumed and both members assigned', () => {
    const a = assignments.get(0) ?? [];
    const b = assignments.get(1) ?? [];
    return (
      seenBy.size === PARTITIONS * PER_PARTITION &&
      a.length > 0 &&
      b.length > 0 &&
      a.length + b.length === PARTITIONS
    );
  });
  const split = [...(assignments.get(0) ?? []), ...(assignments.get(1) ?? [])].sort();
  assert.equal(split, [0, 1, 2, 3], 'each partition assigned to exactly one member');
  await waitFor('offsets committed', async () => (await committed(kafka)).every((o) => o === PER_PARTITION));
  for (const c of consumers) await c.disconnect();

  // Restart the broker on the same data dir: the offsets come back from __consumer_offsets.
  await broker.stop();
  broker = await broker.restart();
  kafka = client(broker);
  assert.equal(await committed(kafka), new Array(PARTITIONS).fill(PER_PARTITION));

  // One more message per partition: a new member of the group reads only those.
  const p2 = kafka.producer();
  await p2.connect();
  await p2.send({
    topic: TOPIC,
    messages: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, value: `after-${p}` })),
  });
  await p2.disconnect();
  const resumed: string[] = [];
  const c = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 300 });
  await c.connect();
  await c.subscribe({ topic: TOPIC, fromBeginning: true });
  await c.run({
    eachMessage: async ({ message }) => {
      resumed.push(message.value!.toString());
    },
  });
  await waitFor('the new messages', () => resumed.length >= PARTITIONS);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(
    resumed.sort(),
    ['after-0', 'after-1', 'after-2', 'after-3'],
    'nothing before the committed offsets',
  );
  await c.disconnect();
});

test.after(async () => {
  await broker?.dispose();
});

test.run();
