// Log compaction in a real broker process: topics made with cleanup.policy=compact (KafkaJS admin and
// CreateTopics) and a small segment.bytes, many updates to a few keys, the broker's own cleaner timer
// (--log-cleaner-interval-ms), then a fetch from offset 0. Also Kafka's produce rule for compacted topics
// (no unkeyed records), tombstone expiry by the topic's delete.retention.ms, and all of it after a restart.
import type { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch, type RecordInput } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const E = P.ErrorCode;
const ARGS = ['--threads', '2', '--log-cleaner-interval-ms', '100', '--auto-create-topics', 'false'];
let broker: BrokerProcess;
let client: TestClient;

test.before(async () => {
  broker = await startBroker(ARGS);
  client = await TestClient.connect(broker.port);
});

test.after(async () => {
  client?.close();
  await broker?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function createTopic(name: string, configs: Record<string, string>) {
  return client.request(P.CreateTopicsApi, 7, createTopicRequest(name, { configs }));
}

async function produce(
  topic: string,
  records: RecordInput[],
  compression: 0 | 1 = 0,
): Promise<P.ProduceResponsePartitionProduceResponse> {
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [
      { name: topic, partitionData: [{ index: 0, records: encodeRecordBatch(records, { compression }) }] },
    ],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

interface Entry {
  offset: number;
  key: string | null;
  value: string | null;
}

/** Every record from offset 0 up to the high watermark, following batch ends (compaction leaves gaps). */
async function readAll(topic: string): Promise<{ entries: Entry[]; highWatermark: number }> {
  const entries: Entry[] = [];
  let offset = 0;
  let highWatermark = 0;
  for (;;) {
    const res = await client.request(P.FetchApi, 11, fetchRequest(topic, 0, offset));
    const part = res.responses[0]!.partitions[0]!;
    assert.is(part.errorCode, E.NONE);
    highWatermark = Number(part.highWatermark);
    const records = part.records as Buffer | null;
    if (records === null || records.length === 0) break;
    let next = offset;
    for (const b of decodeRecordBatches(records)) {
      for (const r of b.records) {
        if (r.offset >= offset) {
          entries.push({
            offset: r.offset,
            key: r.key?.toString() ?? null,
            value: r.value?.toString() ?? null,
          });
        }
      }
      next = Math.max(next, b.baseOffset + b.lastOffsetDelta + 1);
    }
    if (next <= offset || next >= highWatermark) break;
    offset = next;
  }
  return { entries, highWatermark };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Produces `rounds` updates of each key, one record per request; returns the offset of each key's last one. */
async function updates(
  topic: string,
  keys: string[],
  rounds: number,
  tag: string,
): Promise<Map<string, Entry>> {
  const last = new Map<string, Entry>();
  for (let i = 0; i < rounds; i++) {
    for (const key of keys) {
      const value = `${tag}-${key}-${i}-${'x'.repeat(40)}`;
      const r = await produce(topic, [{ key, value }]);
      assert.is(r.errorCode, E.NONE);
      last.set(key, { offset: Number(r.baseOffset), key, value });
    }
  }
  return last;
}

/** Filler records on one key, so the updates above end up in closed segments the cleaner may touch. */
async function filler(topic: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    assert.is(
      (await produce(topic, [{ key: 'filler', value: `f${i}-${'y'.repeat(60)}` }])).errorCode,
      E.NONE,
    );
  }
}

const KEYS = ['alpha', 'beta', 'gamma'];

test('a compacted topic (KafkaJS admin) keeps only the latest value per key, at its original offset', async () => {
  const kafka = new Kafka({ clientId: 'compaction', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const made = await admin.createTopics({
    waitForLeaders: false,
    topics: [
      {
        topic: 'latest',
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.bytes', value: '1024' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        ],
      },
    ],
  });
  assert.is(made, true);
  await admin.disconnect();

  const last = await updates('latest', KEYS, 40, 'a');
  await filler('latest', 40);
  const produced = KEYS.length * 40 + 40;
  const { entries, highWatermark } = await waitFor('compaction of latest', async () => {
    const got = await readAll('latest');
    return got.entries.filter((e) => KEYS.includes(e.key!)).length === KEYS.length ? got : null;
  });
  assert.is(highWatermark, produced, 'compaction never moves the log end');
  for (const key of KEYS) {
    const kept = entries.filter((e) => e.key === key);
    assert.equal(kept, [last.get(key)], `${key}: the latest value only, at its original offset`);
  }
  assert.ok(entries.length < produced / 2, `${entries.length} records left of ${produced}`);
  for (let i = 1; i < entries.length; i++) assert.ok(entries[i]!.offset > entries[i - 1]!.offset);
  // The last filler record is still there: nothing newer than a key's latest value is ever lost.
  assert.is(entries[entries.length - 1]!.offset, produced - 1);
});

test('a compacted topic refuses records without a key with INVALID_RECORD, plain and gzip', async () => {
  assert.is((await createTopic('keys-only', { 'cleanup.policy': 'compact' })).topics[0]!.errorCode, E.NONE);
  assert.is((await createTopic('anything', { 'cleanup.policy': 'delete' })).topics[0]!.errorCode, E.NONE);
  const mixed = [
    { key: 'k', value: 'v' },
    { key: null, value: 'no key' },
  ];
  for (const compression of [0, 1] as const) {
    const r = await produce('keys-only', mixed, compression);
    assert.is(r.errorCode, E.INVALID_RECORD, `compression ${compression}`);
    assert.is(Number(r.baseOffset), -1);
    assert.is((await produce('anything', mixed, compression)).errorCode, E.NONE);
  }
  const ok = await produce('keys-only', [{ key: 'k', value: 'v' }]);
  assert.is(ok.errorCode, E.NONE);
  assert.is(Number(ok.baseOffset), 0, 'the refused batches wrote nothing');

  // KafkaJS's producer sees the same error and does not retry it.
  const kafka = new Kafka({
    clientId: 'unkeyed',
    brokers: [broker.address],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'keys-only', messages: [{ value: 'no key' }] });
    assert.unreachable('the send should fail');
  } catch (err) {
    const e = err as { type?: string; name?: string };
    assert.is(e.type, 'INVALID_RECORD', String(err));
  } finally {
    await producer.disconnect();
  }
});

test('tombstones go after the topic delete.retention.ms, and stay where it is long', async () => {
  const common = {
    'cleanup.policy': 'compact',
    'segment.bytes': '1024',
    'min.cleanable.dirty.ratio': '0.01',
  };
  assert.is(
    (await createTopic('tomb-short', { ...common, 'delete.retention.ms': '300' })).topics[0]!.errorCode,
    E.NONE,
  );
  assert.is(
    (await createTopic('tomb-long', { ...common, 'delete.retention.ms': '3600000' })).topics[0]!.errorCode,
    E.NONE,
  );
  const tombstoneOffset = new Map<string, number>();
  for (const topic of ['tomb-short', 'tomb-long']) {
    await updates(topic, ['gone', 'kept'], 5, 't');
    const t = await produce(topic, [{ key: 'gone', value: null }]);
    assert.is(t.errorCode, E.NONE);
    tombstoneOffset.set(topic, Number(t.baseOffset));
    await filler(topic, 40);
  }
  // Long horizon: the old values of 'gone' are compacted away, its tombstone stays at its offset.
  const long = await waitFor('compaction of tomb-long', async () => {
    const got = await readAll('tomb-long');
    return got.entries.filter((e) => e.key === 'gone' || e.key === 'kept').length === 2 ? got.entries : null;
  });
  assert.equal(
    long.filter((e) => e.key === 'gone'),
    [{ offset: tombstoneOffset.get('tomb-long')!, key: 'gone', value: null }],
  );
  // Short horizon: a later pass removes the tombstone too; 'kept' keeps its latest value.
  const short = await waitFor('tombstone removal in tomb-short', async () => {
    const got = await readAll('tomb-short');
    return got.entries.some((e) => e.key === 'gone') ? null : got.entries;
  });
  assert.is(short.filter((e) => e.key === 'kept').length, 1);
  assert.is(short.find((e) => e.key === 'kept')!.value, `t-kept-4-${'x'.repeat(40)}`);
  // Still there after the short topic lost its tombstone: the horizon is per topic.
  assert.ok((await readAll('tomb-long')).entries.some((e) => e.key === 'gone' && e.value === null));
});

test('after a restart the topics are still compacted: configs reach the reopened logs', async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  broker = await broker.restart();
  client = await TestClient.connect(broker.port);

  assert.is((await produce('keys-only', [{ key: null, value: 'no key' }])).errorCode, E.INVALID_RECORD);
  const cfg = await client.request(P.DescribeConfigsApi, 4, {
    resources: [
      { resourceType: 2, resourceName: 'latest', configurationKeys: ['cleanup.policy', 'segment.bytes'] },
    ],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  assert.equal(
    cfg.results[0]!.configs.map((c) => [c.name, c.value, c.configSource]),
    [
      ['cleanup.policy', 'compact', 1],
      ['segment.bytes', '1024', 1],
    ],
  );

  const before = (await readAll('latest')).highWatermark;
  const last = await updates('latest', KEYS, 20, 'b');
  await filler('latest', 40);
  const { entries } = await waitFor('compaction after restart', async () => {
    const got = await readAll('latest');
    const latest = got.entries.filter((e) => KEYS.includes(e.key!));
    return latest.length === KEYS.length && latest.every((e) => e.offset >= before) ? got : null;
  });
  for (const key of KEYS)
    assert.equal(
      entries.filter((e) => e.key === key),
      [last.get(key)],
    );
  assert.ok(broker.stderr().includes('log cleaner compacted'), 'the cleaner logs its rounds');
});

test.run();
