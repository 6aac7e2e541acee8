// Per-topic log configs in a real broker process: retention.ms, segment.bytes and max.message.bytes set on
// one topic change that topic's partition logs (and the partitions CreatePartitions adds) while another
// topic keeps the broker's settings; DescribeConfigs reports each value with its source; settings the log
// cannot honour are refused at CreateTopics; compression.type recompresses and message.timestamp.type=
// LogAppendTime stamps what clients write, and a live change of either applies to the next batch; and all of
// it holds after a restart.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { Compression, decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { crc32c } from '../dist/wasm/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
const Source = { TOPIC: 1, STATIC_BROKER: 4, DEFAULT: 5 };
// segment.ms differs from the built-in default: DescribeConfigs must say it comes from the broker.
const ARGS = ['--threads', '2', '--retention-check-interval-ms', '100', '--segment-ms', '3600000'];
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
const HOUR_AGO = () => Date.now() - 3_600_000;

async function createTopic(
  name: string,
  configs: Record<string, string>,
  partitions = 1,
  validateOnly = false,
) {
  const res = await client.request(
    P.CreateTopicsApi,
    7,
    createTopicRequest(name, { partitions, configs, validateOnly }),
  );
  return res.topics[0]!;
}

async function produce(topic: string, partition: number, valueBytes: number, timestamp = Date.now()) {
  const records = encodeRecordBatch([{ key: 'k', value: 'v'.repeat(valueBytes) }], { timestamp });
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

async function earliest(topic: string, partition = 0): Promise<number> {
  const res = await client.request(
    P.ListOffsetsApi,
    7,
    P.createListOffsetsRequest({
      replicaId: -1,
      topics: [
        P.createListOffsetsRequestListOffsetsTopic({
          name: topic,
          partitions: [
            P.createListOffsetsRequestListOffsetsPartition({ partitionIndex: partition, timestamp: -2 }),
          ],
        }),
      ],
    }),
  );
  const p = res.topics[0]!.partitions[0]!;
  assert.is(p.errorCode, E.NONE);
  return Number(p.offset);
}

function segmentFiles(topic: string, partition = 0): string[] {
  return fs.readdirSync(path.join(broker.dataDir, `${topic}-${partition}`)).filter((f) => f.endsWith('.log'));
}

async function describe(topic: string, keys: string[] | null) {
  const res = await client.request(P.DescribeConfigsApi, 4, {
    resources: [{ resourceType: 2, resourceName: topic, configurationKeys: keys }],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  const r = res.results[0]!;
  assert.is(r.errorCode, E.NONE);
  return Object.fromEntries(r.configs.map((c) => [c.name, [c.value, c.configSource]]));
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('segment.bytes and retention.ms apply to their topic only', async () => {
  const small = { 'segment.bytes': '1024' };
  assert.is((await createTopic('short', { ...small, 'retention.ms': '1000' })).errorCode, E.NONE);
  assert.is((await createTopic('long', small)).errorCode, E.NONE);
  assert.is((await createTopic('plain', {})).errorCode, E.NONE);
  for (let i = 0; i < 20; i++) {
    for (const t of ['short', 'long', 'plain'])
      assert.is((await produce(t, 0, 200, HOUR_AGO())).errorCode, E.NONE);
  }
  // Roughly 300-byte batches: 1024-byte segments hold three, the broker's 1 GiB segment all of them.
  assert.ok(segmentFiles('long').length >= 6, `${segmentFiles('long').length} segments`);
  assert.is(segmentFiles('plain').length, 1);
  // Hour-old records: past retention.ms=1000 on 'short', well within the broker's 7 days on 'long'.
  await until('retention on short', async () => (await earliest('short')) > 0);
  await sleep(300); // a few more retention rounds
  assert.is(await earliest('long'), 0);
  assert.is(await earliest('plain'), 0);
  assert.ok(segmentFiles('short').length < segmentFiles('long').length);
});

test('max.message.bytes of a topic bounds its batches', async () => {
  assert.is((await createTopic('tiny-batches', { 'max.message.bytes': '300' })).errorCode, E.NONE);
  assert.is((await produce('tiny-batches', 0, 100)).errorCode, E.NONE);
  assert.is((await produce('tiny-batches', 0, 1000)).errorCode, E.MESSAGE_TOO_LARGE);
  assert.is((await produce('plain', 0, 1000)).errorCode, E.NONE);
});

async function fetchBatches(topic: string, from = 0) {
  const res = await client.request(P.FetchApi, 12, fetchRequest(topic, 0, from));
  const p = res.responses[0]!.partitions[0]!;
  assert.is(p.errorCode, E.NONE);
  const raw = Buffer.from(p.records as Uint8Array);
  const batches = decodeRecordBatches(raw);
  // Every batch's CRC (attributes to the end) holds: a converted batch carries a new one.
  let pos = 0;
  for (const b of batches) {
    const end = pos + 12 + raw.readInt32BE(pos + 8);
    assert.is(crc32c(raw, pos + 21, end) >>> 0, b.crc, `CRC of the batch at ${b.baseOffset}`);
    pos = end;
  }
  return batches;
}

async function produceBatch(topic: string, records: Buffer) {
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

test('compression.type recompresses what clients write in the topic codec; producer keeps theirs', async () => {
  assert.is((await createTopic('gz', { 'compression.type': 'gzip' })).errorCode, E.NONE);
  assert.is((await createTopic('raw', { 'compression.type': 'uncompressed' })).errorCode, E.NONE);
  assert.is((await createTopic('as-sent', {})).errorCode, E.NONE);
  const values = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `value-${i}`.repeat(20) }));
  const plain = () => encodeRecordBatch(values, { timestamp: 1000 });
  const snappy = () => encodeRecordBatch(values, { timestamp: 1000, compression: Compression.SNAPPY });
  // An idempotent batch keeps its producer fields, so a retry of it is still recognised.
  const idem = () =>
    encodeRecordBatch(values, { timestamp: 1000, producerId: 7, producerEpoch: 0, baseSequence: 0 });
  assert.is((await produceBatch('gz', plain())).errorCode, E.NONE);
  assert.is((await produceBatch('gz', snappy())).errorCode, E.NONE);
  assert.is((await produceBatch('raw', snappy())).errorCode, E.NONE);
  assert.is((await produceBatch('as-sent', snappy())).errorCode, E.NONE);
  for (const [topic, codec] of [
    ['gz', Compression.GZIP],
    ['raw', Compression.NONE],
    ['as-sent', Compression.SNAPPY],
  ] as const) {
    const batches = await fetchBatches(topic);
    assert.ok(batches.length > 0, topic);
    for (const b of batches) {
      assert.is(b.compression, codec, topic);
      assert.equal(
        b.records.map((r) => r.value?.toString()),
        values.map((v) => v.value),
        topic,
      );
    }
  }
  const first = await produceBatch('gz', idem());
  assert.is(first.errorCode, E.NONE);
  const retry = await produceBatch('gz', idem());
  assert.is(retry.errorCode, E.NONE);
  assert.is(
    Number(retry.baseOffset),
    Number(first.baseOffset),
    'the retry is answered with the first offsets',
  );
  const stored = (await fetchBatches('gz', Number(first.baseOffset))).filter(
    (b) => b.baseOffset === Number(first.baseOffset),
  );
  assert.is(stored.length, 1);
  assert.is(stored[0]!.producerId, 7);
  assert.is(stored[0]!.compression, Compression.GZIP);
});

test('a batch that outgrows max.message.bytes once recompressed is refused with MESSAGE_TOO_LARGE', async () => {
  // 1000 identical bytes compress to a few dozen: fine as sent, too large once stored uncompressed.
  const batch = encodeRecordBatch([{ value: 'x'.repeat(1000) }], { compression: Compression.GZIP });
  assert.ok(batch.length < 300);
  const limits = { 'max.message.bytes': '600' };
  assert.is(
    (await createTopic('raw-small', { ...limits, 'compression.type': 'uncompressed' })).errorCode,
    E.NONE,
  );
  assert.is((await createTopic('gz-small', { ...limits, 'compression.type': 'gzip' })).errorCode, E.NONE);
  assert.is((await produceBatch('raw-small', batch)).errorCode, E.MESSAGE_TOO_LARGE);
  assert.is((await produceBatch('gz-small', batch)).errorCode, E.NONE);
});

test('message.timestamp.type=LogAppendTime stamps the append time; a live change applies to the next batch', async () => {
  assert.is((await createTopic('stamped', { 'message.timestamp.type': 'LogAppendTime' })).errorCode, E.NONE);
  const before = Date.now();
  const r = await produceBatch(
    'stamped',
    encodeRecordBatch([{ value: 'a' }, { value: 'b' }], { timestamp: 1000 }),
  );
  assert.is(r.errorCode, E.NONE);
  const appendTime = Number(r.logAppendTimeMs);
  assert.ok(appendTime >= before - 1000 && appendTime <= Date.now() + 1000, `log append time ${appendTime}`);
  const [b] = await fetchBatches('stamped');
  assert.is(b!.timestampType, 'LogAppendTime');
  assert.is(b!.maxTimestamp, appendTime);
  // Back to CreateTime on the live topic: the next batch keeps the producer's timestamp.
  const change = await client.request(P.IncrementalAlterConfigsApi, 1, {
    resources: [
      {
        resourceType: 2,
        resourceName: 'stamped',
        configs: [{ name: 'message.timestamp.type', configOperation: 0, value: 'CreateTime' }],
      },
    ],
    validateOnly: false,
  });
  assert.is(change.responses[0]!.errorCode, E.NONE);
  await until('CreateTime applied', async () => {
    const next = await produceBatch('stamped', encodeRecordBatch([{ value: 'c' }], { timestamp: 2000 }));
    assert.is(next.errorCode, E.NONE);
    const last = (await fetchBatches('stamped', Number(next.baseOffset)))[0]!;
    return last.timestampType === 'CreateTime' && last.maxTimestamp === 2000;
  });
});

test('DescribeConfigs shows effective values: topic, broker setting, or built-in default', async () => {
  const short = await describe('short', null);
  assert.equal(short['retention.ms'], ['1000', Source.TOPIC]);
  assert.equal(short['segment.bytes'], ['1024', Source.TOPIC]);
  assert.equal(short['segment.ms'], ['3600000', Source.STATIC_BROKER]);
  assert.equal(short['retention.bytes'], ['-1', Source.DEFAULT]);
  assert.equal(short['cleanup.policy'], ['delete', Source.DEFAULT]);
  assert.equal(short['min.cleanable.dirty.ratio'], ['0.5', Source.DEFAULT]);
  assert.equal(short['delete.retention.ms'], ['86400000', Source.DEFAULT]);
  const long = await describe('long', ['retention.ms', 'segment.bytes', 'no.such.config']);
  assert.equal(long, {
    'retention.ms': ['604800000', Source.DEFAULT],
    'segment.bytes': ['1024', Source.TOPIC],
  });
  // CreateTopics v5+ answers with the same entries.
  const made = await createTopic('ratio', {
    'min.cleanable.dirty.ratio': '0.25',
    'cleanup.policy': 'compact',
  });
  assert.is(made.errorCode, E.NONE);
  const entries = Object.fromEntries(made.configs!.map((c) => [c.name, [c.value, c.configSource]]));
  assert.equal(entries['min.cleanable.dirty.ratio'], ['0.25', Source.TOPIC]);
  assert.equal(entries['segment.ms'], ['3600000', Source.STATIC_BROKER]);
});

test('configs the log cannot honour are refused with INVALID_CONFIG and create nothing', async () => {
  for (const [name, value] of [
    ['segment.bytes', '20'],
    ['segment.bytes', '4294967296'],
    ['segment.index.bytes', '8'],
    ['min.cleanable.dirty.ratio', '1.5'],
    ['min.cleanable.dirty.ratio', 'half'],
  ] as const) {
    for (const validateOnly of [true, false]) {
      const r = await createTopic('refused', { [name]: value }, 1, validateOnly);
      assert.is(r.errorCode, E.INVALID_CONFIG, `${name}=${value} validateOnly=${validateOnly}`);
    }
  }
  const meta = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'refused' })],
      allowAutoTopicCreation: false,
    }),
  );
  assert.is(meta.topics[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);
  // Kafka's "forever" as a long: accepted, the log treats it as no limit.
  assert.is((await createTopic('forever', { 'retention.ms': '9223372036854775807' })).errorCode, E.NONE);
  assert.is((await produce('forever', 0, 10, HOUR_AGO())).errorCode, E.NONE);
});

test('partitions added by CreatePartitions get the topic configs', async () => {
  const res = await client.request(P.CreatePartitionsApi, 3, {
    topics: [{ name: 'short', count: 2, assignments: null }],
    timeoutMs: 1000,
    validateOnly: false,
  });
  assert.is(res.results[0]!.errorCode, E.NONE);
  for (let i = 0; i < 12; i++) assert.is((await produce('short', 1, 200, HOUR_AGO())).errorCode, E.NONE);
  await until('retention on the new partition', async () => (await earliest('short', 1)) > 0);
});

test('after a restart every topic runs with its own configs again', async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  broker = await broker.restart();
  client = await TestClient.connect(broker.port);
  assert.equal((await describe('short', ['retention.ms']))['retention.ms'], ['1000', Source.TOPIC]);
  const shortStart = await earliest('short');
  const before = segmentFiles('long').length;
  for (let i = 0; i < 12; i++) {
    for (const t of ['short', 'long']) assert.is((await produce(t, 0, 200, HOUR_AGO())).errorCode, E.NONE);
  }
  assert.ok(segmentFiles('long').length >= before + 3, 'segment.bytes still applies to long');
  await until('retention on short after restart', async () => (await earliest('short')) > shortStart);
  assert.is(await earliest('long'), 0);
  assert.is((await produce('tiny-batches', 0, 1000)).errorCode, E.MESSAGE_TOO_LARGE);
});

test.run();
