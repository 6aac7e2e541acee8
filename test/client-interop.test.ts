// Interop with other Kafka clients through a real broker: what Runnel's producer writes, kcat
// (librdkafka) reads back identically; what kcat and KafkaJS produce, Runnel's consumer reads back
// identically, and keyed records from librdkafka's murmur2 partitioner and KafkaJS's default
// (Java-compatible) partitioner land where Runnel's partitioner puts the same keys. A KafkaJS
// consumer (through a consumer group) reads Runnel's records too.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, type ConsumerRecord, partitionForKey } from '../dist/client/index.js';
import { kcat, startTestBroker, type TestBroker, take, uniqueTopic } from './helpers/client-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let broker: TestBroker;
let client: Client;

test.before(async () => {
  broker = await startTestBroker();
  client = new Client({ brokers: [broker.address], clientId: 'interop' });
});

test.after(async () => {
  await client.close();
  await broker.destroy();
});

async function readAll(topic: string, partitions: number, n: number): Promise<ConsumerRecord[]> {
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  try {
    return await take(consumer, n);
  } finally {
    await consumer.close();
  }
}

/** kcat consumer output: one line per record, fields that cannot contain the separator. */
const KCAT_FORMAT = '%p|%o|%K|%k|%S|%s|%T|%h\\n';

async function kcatConsume(topic: string): Promise<string[][]> {
  const out = await kcat([
    '-C',
    '-b',
    broker.address,
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q',
    '-f',
    KCAT_FORMAT,
  ]);
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('|'));
}

test('records produced by Runnel (plain and gzip) read identically with kcat', async () => {
  const topic = uniqueTopic('to-kcat');
  await client.admin().createTopics([{ topic, numPartitions: 2 }]);
  const t0 = 1_650_000_000_000;
  const records = Array.from({ length: 40 }, (_, i) => ({
    key: i % 5 === 0 ? null : `key-${i}`,
    value: i % 7 === 0 ? null : `value ${i} ${'abc'.repeat(i)}`,
    headers: i % 3 === 0 ? [{ key: 'idx', value: String(i) }] : undefined,
    timestamp: t0 + i,
    partition: i % 2,
  }));
  const plain = client.producer({ acks: 1 });
  const gzip = client.producer({ acks: 1, compression: 'gzip' });
  const sent = [
    ...(await plain.send(topic, records.slice(0, 20))),
    ...(await gzip.send(topic, records.slice(20))),
  ];
  const lines = await kcatConsume(topic);
  assert.is(lines.length, records.length);
  const byPlace = new Map(lines.map((f) => [`${f[0]}:${f[1]}`, f]));
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const f = byPlace.get(`${sent[i]!.partition}:${sent[i]!.offset}`);
    assert.ok(f, `record ${i} at ${sent[i]!.partition}:${sent[i]!.offset}`);
    const [, , keyLen, key, valueLen, value, ts, headers] = f;
    assert.is(Number(keyLen), r.key === null ? -1 : r.key.length, `key length ${i}`);
    if (r.key !== null) assert.is(key, r.key);
    assert.is(Number(valueLen), r.value === null ? -1 : r.value.length, `value length ${i}`);
    if (r.value !== null) assert.is(value, r.value);
    assert.is(Number(ts), r.timestamp);
    assert.is(headers, r.headers ? `idx=${i}` : '');
  }
  await plain.close();
  await gzip.close();
});

test('records produced by kcat (with headers, nulls and gzip) read identically with Runnel', async () => {
  const topic = uniqueTopic('from-kcat');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const lines = Array.from({ length: 25 }, (_, i) => `k${i}:v${i}-${'x'.repeat(i * 3)}`);
  lines.push('knull:'); // -Z: an empty value is produced as null
  await kcat(
    [
      '-P',
      '-b',
      broker.address,
      '-t',
      topic,
      '-p',
      '0',
      '-K',
      ':',
      '-Z',
      '-z',
      'gzip',
      '-H',
      'src=kcat',
      '-H',
      'n=1',
    ],
    `${lines.join('\n')}\n`,
  );
  const got = await readAll(topic, 1, lines.length);
  for (let i = 0; i < lines.length; i++) {
    const [k, v] = lines[i]!.split(':') as [string, string];
    const r = got[i]!;
    assert.is(r.offset, i);
    assert.is(r.key!.toString(), k);
    if (v === '') assert.is(r.value, null);
    else assert.is(r.value!.toString(), v);
    assert.equal(
      r.headers.map((h) => [h.key, h.value!.toString()]),
      [
        ['src', 'kcat'],
        ['n', '1'],
      ],
    );
  }
});

test("keyed records from kcat's murmur2 partitioner land where Runnel's partitioner puts them", async () => {
  const topic = uniqueTopic('kcat-keys');
  await client.admin().createTopics([{ topic, numPartitions: 6 }]);
  const keys = Array.from({ length: 60 }, (_, i) => `order-${i * 7919}`);
  await kcat(
    ['-P', '-b', broker.address, '-t', topic, '-K', ':', '-X', 'partitioner=murmur2_random'],
    `${keys.map((k) => `${k}:payload`).join('\n')}\n`,
  );
  const got = await readAll(topic, 6, keys.length);
  for (const r of got) assert.is(r.partition, partitionForKey(r.key!, 6), r.key!.toString());
  const producer = client.producer({ acks: 1 });
  const sent = await producer.send(
    topic,
    keys.map((key) => ({ key, value: 'again' })),
  );
  const kcatPartition = new Map(got.map((r) => [r.key!.toString(), r.partition]));
  for (let i = 0; i < keys.length; i++) assert.is(sent[i]!.partition, kcatPartition.get(keys[i]!));
  await producer.close();
});

test('records produced by KafkaJS (default Java-compatible partitioner) read identically with Runnel', async () => {
  const topic = uniqueTopic('from-kafkajs');
  await client.admin().createTopics([{ topic, numPartitions: 4 }]);
  const kafka = new Kafka({
    brokers: [broker.address],
    clientId: 'kafkajs-interop',
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = Array.from({ length: 50 }, (_, i) => ({
    key: `user-${i}`,
    value: i === 3 ? null : `kafkajs value ${i}`,
    headers: { seq: String(i), bin: Buffer.from([i, 255]) },
    timestamp: String(1_600_000_000_000 + i),
  }));
  await producer.send({ topic, acks: -1, messages: messages.slice(0, 25) });
  await producer.send({ topic, acks: 1, compression: 1, messages: messages.slice(25) });
  await producer.disconnect();
  const got = await readAll(topic, 4, messages.length);
  const byKey = new Map(got.map((r) => [r.key!.toString(), r]));
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const r = byKey.get(m.key);
    assert.ok(r, m.key);
    assert.is(r.partition, partitionForKey(Buffer.from(m.key), 4), `${m.key} partition`);
    if (m.value === null) assert.is(r.value, null);
    else assert.is(r.value!.toString(), m.value);
    assert.is(r.timestamp, Number(m.timestamp));
    assert.equal(
      r.headers.map((h) => [h.key, h.value]),
      [
        ['seq', Buffer.from(String(i))],
        ['bin', Buffer.from([i, 255])],
      ],
    );
  }
  // Within a partition, KafkaJS's order is kept.
  for (let p = 0; p < 4; p++) {
    const seq = got.filter((r) => r.partition === p).map((r) => Number(r.headers[0]!.value!.toString()));
    assert.equal(
      seq,
      [...seq].sort((a, b) => a - b),
    );
  }
});

test('records produced by Runnel read identically with a KafkaJS consumer (group)', async () => {
  const topic = uniqueTopic('to-kafkajs');
  await client.admin().createTopics([{ topic, numPartitions: 3 }]);
  const producer = client.producer({ compression: 'gzip', lingerMs: 2 });
  const records = Array.from({ length: 60 }, (_, i) => ({
    key: `k${i}`,
    value: i % 11 === 0 ? null : `runnel ${i}`,
    headers: [{ key: 'i', value: String(i) }],
    timestamp: 1_690_000_000_000 + i,
  }));
  const sent = await producer.send(topic, records);
  await producer.close();
  const kafka = new Kafka({
    brokers: [broker.address],
    clientId: 'kafkajs-reader',
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `g-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const got = new Map<
    string,
    { partition: number; offset: string; key: Buffer; value: Buffer | null; ts: string; h: Buffer }
  >();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`KafkaJS read ${got.size} of ${records.length}`)),
      20_000,
    );
    consumer
      .run({
        eachMessage: async ({
          partition,
          message,
        }: {
          partition: number;
          message: Record<string, never>;
        }) => {
          const m = message as unknown as {
            offset: string;
            key: Buffer;
            value: Buffer | null;
            timestamp: string;
            headers: { i: Buffer };
          };
          got.set(m.key.toString(), {
            partition,
            offset: m.offset,
            key: m.key,
            value: m.value,
            ts: m.timestamp,
            h: m.headers.i,
          });
          if (got.size === records.length) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const m = got.get(r.key)!;
    assert.is(m.partition, sent[i]!.partition);
    assert.is(Number(m.offset), sent[i]!.offset);
    if (r.value === null) assert.is(m.value, null);
    else assert.is(m.value!.toString(), r.value);
    assert.is(Number(m.ts), r.timestamp);
    assert.is(m.h.toString(), String(i));
  }
});

test.run();
