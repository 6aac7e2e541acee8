// Producer -> broker -> consumer round trips against a real broker process on loopback: record
// shapes, keyed placement, sizes at the broker's limit, gzip, acks levels, seeking (offset, time,
// beginning, end, out of range), admin operations and typed errors.
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, partitionForKey } from '../dist/client/index.js';
import { defaultConfig } from '../dist/config.js';
import { startTestBroker, type TestBroker, take, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let client: Client;

test.before(async () => {
  broker = await startTestBroker();
  client = new Client({ brokers: [broker.address], clientId: 'roundtrip' });
});

test.after(async () => {
  await client.close();
  await broker.destroy();
});

async function createTopic(partitions = 1): Promise<string> {
  const topic = uniqueTopic();
  await client.admin().createTopics([{ topic, numPartitions: partitions }]);
  return topic;
}

test('keys, headers, nulls and empty values survive the round trip; keyed records land by murmur2', async () => {
  const topic = await createTopic(4);
  const producer = client.producer({ lingerMs: 2 });
  const records = [
    { key: 'user-1', value: 'first', headers: [{ key: 'trace', value: 'abc' }] },
    { key: Buffer.from([0xff, 0x00, 0x10]), value: Buffer.from([1, 2, 3]) },
    { key: 'user-1', value: null },
    { key: '', value: '' },
    { key: 'user-2', value: 'héllo wörld', headers: { a: '1', b: Buffer.from('two'), c: null } },
    { key: 'user-3', value: Buffer.alloc(0), timestamp: 1_600_000_000_000 },
  ];
  const sent = await producer.send(topic, records);
  assert.is(sent.length, records.length);
  for (let i = 0; i < records.length; i++) {
    const key = records[i]!.key;
    const bytes = typeof key === 'string' ? Buffer.from(key) : key;
    assert.is(sent[i]!.partition, partitionForKey(bytes, 4), `record ${i}`);
  }
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([0, 1, 2, 3].map((partition) => ({ topic, partition })));
  const got = await take(consumer, records.length);
  const byPlace = new Map(got.map((r) => [`${r.partition}:${r.offset}`, r]));
  for (let i = 0; i < records.length; i++) {
    const r = byPlace.get(`${sent[i]!.partition}:${sent[i]!.offset}`);
    assert.ok(r, `record ${i} found where send() said`);
    const want = records[i]!;
    const wantKey = typeof want.key === 'string' ? Buffer.from(want.key) : want.key;
    assert.equal(r.key, wantKey);
    assert.equal(r.value, want.value === null ? null : Buffer.from(want.value));
  }
  const first = byPlace.get(`${sent[0]!.partition}:${sent[0]!.offset}`)!;
  assert.equal(
    first.headers.map((h) => [h.key, h.value?.toString()]),
    [['trace', 'abc']],
  );
  const fifth = byPlace.get(`${sent[4]!.partition}:${sent[4]!.offset}`)!;
  assert.equal(
    fifth.headers.map((h) => [h.key, h.value === null ? null : h.value.toString()]),
    [
      ['a', '1'],
      ['b', 'two'],
      ['c', null],
    ],
  );
  assert.is(byPlace.get(`${sent[5]!.partition}:${sent[5]!.offset}`)!.timestamp, 1_600_000_000_000);
  await consumer.close();
  await producer.close();
});

test('order and offsets within a partition across many sends; unkeyed records spread over partitions', async () => {
  const topic = await createTopic(3);
  const producer = client.producer({ acks: 1, lingerMs: 0, batchBytes: 4096 });
  const sends = [];
  for (let s = 0; s < 50; s++) {
    sends.push(
      producer.send(
        topic,
        Array.from({ length: 40 }, (_, i) => ({ value: `${s * 40 + i}` })),
      ),
    );
  }
  const results = (await Promise.all(sends)).flat();
  assert.is(results.length, 2000);
  const used = new Set(results.map((r) => r.partition));
  assert.ok(used.size > 1, 'the sticky partitioner moves on after a batch worth of bytes');
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([0, 1, 2].map((partition) => ({ topic, partition })));
  const got = await take(consumer, 2000);
  for (const p of used) {
    const values = got.filter((r) => r.partition === p).map((r) => Number(r.value!.toString()));
    const offsets = got.filter((r) => r.partition === p).map((r) => r.offset);
    assert.equal(offsets, [...offsets.keys()], `partition ${p} offsets are 0..n-1`);
    assert.equal(
      values,
      [...values].sort((a, b) => a - b),
      `partition ${p} keeps send order`,
    );
  }
  // send() results match where the consumer found each value.
  const where = new Map(got.map((r) => [r.value!.toString(), `${r.partition}:${r.offset}`]));
  for (let i = 0; i < 2000; i++)
    assert.is(where.get(String(i)), `${results[i]!.partition}:${results[i]!.offset}`);
  await consumer.close();
  await producer.close();
});

test('a record near message.max.bytes round-trips; a larger one fails with MESSAGE_TOO_LARGE', async () => {
  const topic = await createTopic();
  const producer = client.producer({ acks: 1 });
  const big = Buffer.alloc(defaultConfig().messageMaxBytes - 200);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
  const [meta] = await producer.send(topic, { key: 'big', value: big });
  assert.is(meta!.offset, 0);
  try {
    await producer.send(topic, { value: Buffer.alloc(defaultConfig().messageMaxBytes + 1) });
    assert.unreachable('the broker must refuse it');
  } catch (err) {
    assert.is((err as { code: number }).code, 10);
    assert.is((err as { retriable: boolean }).retriable, false);
    assert.match((err as Error).message, /MESSAGE_TOO_LARGE/);
  }
  await producer.send(topic, { value: 'after' });
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([{ topic, partition: 0 }]);
  const got = await take(consumer, 2);
  assert.ok(got[0]!.value!.equals(big));
  assert.is(got[1]!.value!.toString(), 'after');
  assert.is(got[1]!.offset, 1);
  await consumer.close();
  await producer.close();
});

test('gzip batches and plain batches interleave in one partition and read back in order', async () => {
  const topic = await createTopic();
  const gz = client.producer({ compression: 'gzip', acks: 1, lingerMs: 0 });
  const plain = client.producer({ acks: 1, lingerMs: 0 });
  const text = (i: number) => `record ${i} ${'lorem ipsum '.repeat(10)}`;
  await gz.send(
    topic,
    Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: text(i) })),
  );
  await plain.send(
    topic,
    Array.from({ length: 10 }, (_, i) => ({ value: text(300 + i) })),
  );
  await gz.send(topic, { value: text(310), headers: [{ key: 'z', value: 'gz' }] });
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([{ topic, partition: 0 }]);
  const got = await take(consumer, 311);
  assert.equal(
    got.map((r) => r.value!.toString()),
    Array.from({ length: 311 }, (_, i) => text(i)),
  );
  assert.is(got[5]!.key!.toString(), 'k5');
  assert.is(got[310]!.headers[0]!.value!.toString(), 'gz');
  await consumer.close();
  await gz.close();
  await plain.close();
});

test('acks 0, 1 and all all deliver; acks=0 reports offset -1', async () => {
  const topic = await createTopic();
  const p0 = client.producer({ acks: 0 });
  const p1 = client.producer({ acks: 1 });
  const pAll = client.producer({ acks: 'all' });
  const r0 = await p0.send(topic, [{ value: 'zero' }]);
  assert.is(r0[0]!.offset, -1);
  await p0.flush();
  const r1 = await p1.send(topic, [{ value: 'one' }]);
  const rAll = await pAll.send(topic, [{ value: 'all' }]);
  assert.ok(r1[0]!.offset >= 0 && rAll[0]!.offset > r1[0]!.offset);
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([{ topic, partition: 0 }]);
  const got = await take(consumer, 3);
  assert.equal(got.map((r) => r.value!.toString()).sort(), ['all', 'one', 'zero']);
  await Promise.all([p0.close(), p1.close(), pAll.close(), consumer.close()]);
});

test('seek by offset, by timestamp, to beginning and end; out of range resets or fails by policy', async () => {
  const topic = await createTopic();
  const producer = client.producer({ acks: 1 });
  const base = 1_700_000_000_000;
  await producer.send(
    topic,
    Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, timestamp: base + i * 1000 })),
  );
  await producer.flush();
  const tp = { topic, partition: 0 };

  const c = client.consumer({ autoOffsetReset: 'latest', maxWaitMs: 50 });
  c.assign([tp]);
  c.seek(tp, 7);
  assert.equal(
    (await take(c, 3)).map((r) => r.offset),
    [7, 8, 9],
  );
  await c.seekToTimestamp([tp], base + 4500);
  assert.is(c.position(tp), 5);
  assert.is((await take(c, 1))[0]!.value!.toString(), 'v5');
  await c.seekToBeginning();
  assert.is(c.position(tp), 0);
  assert.is((await take(c, 1))[0]!.offset, 0);
  await c.seekToTimestamp([tp], base + 60_000);
  assert.is(c.position(tp), 10, 'a time after every record seeks to the end');
  await c.seekToEnd([tp]);
  assert.is(c.position(tp), 10);
  await producer.send(topic, { value: 'late' });
  assert.is((await take(c, 1))[0]!.value!.toString(), 'late');

  c.seek(tp, 1000);
  await c.close();

  const earliest = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  earliest.assign([tp]);
  earliest.seek(tp, 1000);
  assert.is((await take(earliest, 1))[0]!.offset, 0, 'out of range resets to the earliest offset');
  await earliest.close();

  const strict = client.consumer({ autoOffsetReset: 'none', maxWaitMs: 50 });
  strict.assign([tp]);
  strict.seek(tp, 1000);
  try {
    await strict.nextBatch();
    assert.unreachable('policy none surfaces the error');
  } catch (err) {
    assert.is((err as { code: number }).code, 1);
    assert.match((err as Error).message, /OFFSET_OUT_OF_RANGE/);
  }
  await strict.close();

  const latest = client.consumer({ maxWaitMs: 50 });
  latest.assign([tp]);
  const pending = take(latest, 1);
  await new Promise((r) => setTimeout(r, 300));
  await producer.send(topic, { value: 'newest' });
  assert.is((await pending)[0]!.value!.toString(), 'newest', "the default 'latest' sees only new records");
  await latest.close();
  await producer.close();
});

test('record iterator and run() deliver the same records as nextBatch()', async () => {
  const topic = await createTopic(2);
  const producer = client.producer({ acks: 1 });
  await producer.send(
    topic,
    Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 10}`, value: `${i}` })),
  );
  const c1 = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  c1.assign([0, 1].map((partition) => ({ topic, partition })));
  const seen: string[] = [];
  for await (const r of c1) {
    seen.push(r.value!.toString());
    if (seen.length === 100) break;
  }
  await c1.close();
  const c2 = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  c2.assign([0, 1].map((partition) => ({ topic, partition })));
  const viaRun: string[] = [];
  await c2.run({
    eachBatch: async (b) => {
      for (const r of b.records) viaRun.push(r.value!.toString());
      if (viaRun.length >= 100) await c2.close();
    },
  });
  assert.equal([...seen].sort(), [...viaRun].sort());
  assert.equal(
    [...seen].sort((a, b) => Number(a) - Number(b)),
    Array.from({ length: 100 }, (_, i) => `${i}`),
  );
  await producer.close();
});

test('admin: create, list, describe, add partitions, list offsets, delete records, delete topics', async () => {
  const admin = client.admin();
  const topic = uniqueTopic('admin');
  await admin.createTopics([{ topic, numPartitions: 2 }]);
  try {
    await admin.createTopics([{ topic, numPartitions: 2 }]);
    assert.unreachable('a second create fails');
  } catch (err) {
    assert.is((err as { code: number }).code, 36);
    assert.match((err as Error).message, new RegExp(`TOPIC_ALREADY_EXISTS.*${topic}`));
  }
  assert.ok((await admin.listTopics()).includes(topic));
  const [desc] = await admin.describeTopics([topic]);
  assert.is(desc!.partitions.length, 2);
  assert.ok(desc!.partitions.every((p) => p.leader >= 0 && p.replicas.length >= 1));

  await admin.createPartitions([{ topic, count: 5 }]);
  assert.is((await admin.describeTopics([topic]))[0]!.partitions.length, 5);

  const producer = client.producer({ acks: 1 });
  const t0 = 1_700_000_000_000;
  await producer.send(
    topic,
    Array.from({ length: 20 }, (_, i) => ({ value: `${i}`, partition: 4, timestamp: t0 + i })),
  );
  assert.equal(
    (await admin.listOffsets(topic, 'latest')).map((o) => o.offset),
    [0, 0, 0, 0, 20],
  );
  assert.is((await admin.listOffsets(topic, { timestamp: t0 + 7 }, [4]))[0]!.offset, 7);
  const deleted = await admin.deleteRecords(topic, [{ partition: 4, offset: 12 }]);
  assert.equal(deleted, [{ partition: 4, lowWatermark: 12 }]);
  assert.is((await admin.listOffsets(topic, 'earliest', [4]))[0]!.offset, 12);
  const c = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  c.assign([{ topic, partition: 4 }]);
  assert.is((await take(c, 1))[0]!.offset, 12, 'consumption starts at the new log start');
  await c.close();
  await producer.close();

  await admin.deleteTopics([topic]);
  assert.not.ok((await admin.listTopics()).includes(topic));
  try {
    await admin.describeTopics([topic]);
    assert.unreachable('the topic is gone');
  } catch (err) {
    assert.is((err as { code: number }).code, 3);
    assert.is((err as { retriable: boolean }).retriable, true);
  }
  await admin.close();
});

test('send() to an unknown topic auto-creates it (broker default) and waits for its metadata', async () => {
  const topic = uniqueTopic('auto');
  const producer = client.producer({ acks: 1, lingerMs: 0 });
  const [meta] = await producer.send(topic, { key: 'k', value: 'created on first use' });
  assert.is(meta!.offset, 0);
  const admin = client.admin();
  assert.ok((await admin.listTopics()).includes(topic));
  assert.is((await admin.listOffsets(topic, 'latest'))[meta!.partition]!.offset, 1);
  await producer.close();
});

test('explicit partitions and a custom partitioner are honoured; an unknown partition is refused', async () => {
  const topic = await createTopic(3);
  const producer = client.producer({ acks: 1, partitioner: (_t, r) => (r.key === 'odd' ? 1 : -1) });
  const sent = await producer.send(topic, [
    { key: 'odd', value: 'a' },
    { key: 'odd', value: 'b', partition: 2 },
    { key: 'even', value: 'c' },
  ]);
  assert.equal(
    sent.map((m) => m.partition),
    [1, 2, partitionForKey(Buffer.from('even'), 3)],
  );
  try {
    await producer.send(topic, { value: 'nowhere', partition: 7 });
    assert.unreachable('partition 7 does not exist');
  } catch (err) {
    assert.is((err as { code: number }).code, 3);
  }
  await producer.close();
});

test('send() results: one per record in input order across batches and partitions, a plain array to the caller', async () => {
  const topic = await createTopic(3);
  // Small batches, so one send() spans several batches per partition, acknowledged separately.
  const producer = client.producer({ lingerMs: 0, batchBytes: 1024 });
  const records = Array.from({ length: 600 }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}` }));
  const first = await producer.send(topic, records.slice(0, 10));
  const sent = await producer.send(topic, records);
  assert.ok(Array.isArray(sent));
  assert.is(sent.length, records.length);
  // Offsets rise by one per record within each partition, in input order, after the first send's.
  const next = new Map<number, number>();
  for (const m of first) next.set(m.partition, Math.max(next.get(m.partition) ?? 0, m.offset + 1));
  for (let i = 0; i < records.length; i++) {
    const m = sent[i]!;
    assert.is(m.topic, topic);
    assert.is(m.partition, partitionForKey(Buffer.from(records[i]!.key), 3), `partition of ${i}`);
    assert.is(m.offset, next.get(m.partition) ?? 0, `offset of ${i}`);
    next.set(m.partition, m.offset + 1);
  }
  // Ordinary array behaviour: stable identity, iteration, array methods, keys, JSON, mutation, cloning.
  const fifth = sent[5];
  assert.ok(fifth === sent[5], 'the same object on every access');
  assert.ok(0 in sent && !(600 in sent));
  assert.is([...sent].length, 600);
  assert.equal(
    sent.map((m) => m.offset),
    [...sent].map((m) => m.offset),
  );
  assert.is(Object.keys(sent).length, 600);
  assert.equal(JSON.parse(JSON.stringify(sent))[599], { ...sent[599]! });
  const [a, b] = sent;
  assert.equal([a, b], [sent[0], sent[1]]);
  assert.match(inspect(sent, { maxArrayLength: 2 }), /offset: \d+[\s\S]*598 more items/);
  const frozen = await producer.send(topic, records.slice(0, 3));
  Object.freeze(frozen);
  assert.ok(Object.isFrozen(frozen) && frozen[2]!.topic === topic && frozen.length === 3);
  sent.push({ topic, partition: 0, offset: -5 });
  assert.is(sent.length, 601);
  assert.equal(structuredClone([...sent])[600], { topic, partition: 0, offset: -5 });
  await producer.close();
});

test.run();
