// Poisoned Produce batches against a real broker: each has a valid CRC, so only Kafka's LogValidator rules
// can catch it. Compression bits over plain records, a truncated compressed payload, a record count or
// offset deltas that do not match the compressed records, a payload inflating past
// message.max.decompressed.bytes, a control batch, a transactional batch without a producer id and a
// producer id without a sequence are each refused with their error code; the log is unchanged after
// every refusal and the next good batch lands at the next offset, readable with the records before it.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import {
  BatchHeader,
  compressionCodec,
  decodeRecordBatches,
  encodeRecordBatch,
  type RecordInput,
} from '../dist/protocol/record-batch.js';
import { crc32c } from '../dist/wasm/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
const MAX_INFLATED = 64 * 1024;
const CODECS = [
  ['gzip', 1],
  ['snappy', 2],
  ['lz4', 3],
  ['zstd', 4],
] as const;

let broker: BrokerProcess;
let client: TestClient;
let topicSeq = 0;

test.before(async () => {
  broker = await startBroker([
    '--threads',
    '1',
    '--auto-create-topics',
    'false',
    '--message-max-decompressed-bytes',
    String(MAX_INFLATED),
  ]);
  client = await TestClient.connect(broker.port);
});

test.after(async () => {
  client?.close();
  await broker?.dispose();
});

async function newTopic(configs: Record<string, string> = {}): Promise<string> {
  const name = `poison-${topicSeq++}`;
  const res = await client.request(P.CreateTopicsApi, 7, createTopicRequest(name, { configs }));
  assert.is(res.topics[0]!.errorCode, E.NONE);
  return name;
}

async function produce(
  topic: string,
  batch: Buffer,
  version = 9,
): Promise<P.ProduceResponsePartitionProduceResponse> {
  const res = await client.request(P.ProduceApi, version, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

/** Every record's offset and value from offset 0, and the high watermark. */
async function readAll(topic: string): Promise<{ values: string[]; highWatermark: number }> {
  const res = await client.request(P.FetchApi, 11, fetchRequest(topic, 0, 0));
  const part = res.responses[0]!.partitions[0]!;
  assert.is(part.errorCode, E.NONE);
  const values: string[] = [];
  const records = part.records as Buffer | null;
  for (const b of decodeRecordBatches(records ?? Buffer.alloc(0))) {
    for (const r of b.records) values.push(`${r.offset}:${r.value?.toString() ?? 'null'}`);
  }
  return { values, highWatermark: Number(part.highWatermark) };
}

const records = (tag: string, n = 3): RecordInput[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `${tag}-${i}`, timestamp: 1_700_000_000_000 }));

/** The records section of an uncompressed batch of `recs`. */
function plainSection(recs: RecordInput[]): Buffer {
  return encodeRecordBatch(recs).subarray(BatchHeader.SIZE);
}

/**
 * A batch with the header of an encoding of `recs`, then `section` as its records; attributes, record
 * count (and last offset delta with it) as given. Length and CRC are made right, so only record-level
 * rules can refuse it.
 */
function reseal(
  recs: RecordInput[],
  section: Uint8Array,
  opts: { attributes?: number; count?: number; producerId?: number; baseSequence?: number } = {},
): Buffer {
  const header = encodeRecordBatch(recs, {
    producerId: opts.producerId ?? -1,
    producerEpoch: opts.producerId === undefined ? -1 : 0,
    baseSequence: opts.baseSequence ?? -1,
  }).subarray(0, BatchHeader.SIZE);
  const out = Buffer.alloc(BatchHeader.SIZE + section.length);
  header.copy(out);
  out.set(section, BatchHeader.SIZE);
  out.writeInt32BE(out.length - 12, BatchHeader.BATCH_LENGTH);
  out.writeInt16BE(opts.attributes ?? 0, BatchHeader.ATTRIBUTES);
  const count = opts.count ?? recs.length;
  out.writeInt32BE(count - 1, BatchHeader.LAST_OFFSET_DELTA);
  out.writeInt32BE(count, BatchHeader.RECORD_COUNT);
  out.writeUInt32BE(crc32c(out, BatchHeader.ATTRIBUTES, out.length), BatchHeader.CRC);
  return out;
}

function compress(codec: number, section: Uint8Array): Uint8Array {
  return compressionCodec(codec)!.compress(section);
}

/** Sends `poison`, expects `code`, then checks the log is as before and still takes a good batch. */
async function assertRefused(topic: string, poison: Buffer, code: number, what: string): Promise<void> {
  const before = await readAll(topic);
  const res = await produce(topic, poison);
  assert.is(res.errorCode, code, `${what}: error code`);
  assert.is(Number(res.baseOffset), -1, `${what}: no offset`);
  const after = await readAll(topic);
  assert.equal(after, before, `${what}: log unchanged`);
  const good = await produce(topic, encodeRecordBatch(records(`after-${what}`, 2), { compression: 4 }));
  assert.is(good.errorCode, E.NONE, `${what}: next batch accepted`);
  assert.is(Number(good.baseOffset), before.highWatermark, `${what}: next batch at the next offset`);
  const read = await readAll(topic);
  assert.equal(read.values, [
    ...before.values,
    `${before.highWatermark}:after-${what}-0`,
    `${before.highWatermark + 1}:after-${what}-1`,
  ]);
}

for (const [name, codec] of CODECS) {
  test(`${name}: good batches are stored; poisoned ones refused and nothing stored`, async () => {
    const topic = await newTopic();
    const good = await produce(topic, encodeRecordBatch(records('good'), { compression: codec }));
    assert.is(good.errorCode, E.NONE);
    const recs = records('p');
    const plain = plainSection(recs);

    await assertRefused(
      topic,
      reseal(recs, plain, { attributes: codec }),
      E.CORRUPT_MESSAGE,
      `${name} bits over plain records`,
    );
    const packed = compress(codec, plain);
    await assertRefused(
      topic,
      reseal(recs, packed.subarray(0, packed.length - 5), { attributes: codec }),
      E.CORRUPT_MESSAGE,
      `truncated ${name}`,
    );
    await assertRefused(
      topic,
      reseal(recs, packed, { attributes: codec, count: 4 }),
      E.CORRUPT_MESSAGE,
      `${name} count above the records`,
    );
    await assertRefused(
      topic,
      reseal(recs, packed, { attributes: codec, count: 2 }),
      E.CORRUPT_MESSAGE,
      `${name} count below the records`,
    );
    // Record 1's offset delta (after its length, attributes and one-byte timestamp delta) set to 0.
    const reordered = Buffer.from(plain);
    const second = 1 + reordered[0]! / 2;
    assert.is(reordered[second + 3], 2, 'zig-zag offset delta 1');
    reordered[second + 3] = 0;
    await assertRefused(
      topic,
      reseal(recs, compress(codec, reordered), { attributes: codec }),
      E.INVALID_RECORD,
      `${name} offset deltas out of order`,
    );
  });

  test(`${name}: a payload inflating to message.max.decompressed.bytes is taken, one byte more refused`, async () => {
    const topic = await newTopic();
    const sized = (target: number): RecordInput[] => {
      for (let len = target - 16; len <= target; len++) {
        const recs = [{ key: 'k', value: Buffer.alloc(len, 0x61), timestamp: 1_700_000_000_000 }];
        if (plainSection(recs).length === target) return recs;
      }
      throw new Error(`no record fills exactly ${target} bytes`);
    };
    const atLimit = sized(MAX_INFLATED);
    const ok = await produce(topic, encodeRecordBatch(atLimit, { compression: codec }));
    assert.is(ok.errorCode, E.NONE);
    const over = sized(MAX_INFLATED + 1);
    await assertRefused(
      topic,
      encodeRecordBatch(over, { compression: codec }),
      E.CORRUPT_MESSAGE,
      `${name} past the limit`,
    );
  });
}

test('client-only rules: control batches, transactional without a producer id, a producer id without a sequence', async () => {
  const topic = await newTopic();
  const recs = records('r');
  const plain = plainSection(recs);
  assert.is((await produce(topic, encodeRecordBatch(records('first')))).errorCode, E.NONE);
  await assertRefused(topic, reseal(recs, plain, { attributes: 0x20 }), E.INVALID_RECORD, 'control');
  await assertRefused(
    topic,
    reseal(recs, compress(3, plain), { attributes: 0x20 | 3 }),
    E.INVALID_RECORD,
    'lz4 control',
  );
  await assertRefused(topic, reseal(recs, plain, { attributes: 0x10 }), E.INVALID_RECORD, 'transactional');
  await assertRefused(
    topic,
    reseal(recs, plain, { producerId: 5, baseSequence: -1 }),
    E.INVALID_RECORD,
    'pid without sequence',
  );
});

test('a compacted topic refuses an unkeyed record inside a snappy, lz4 or zstd batch', async () => {
  const topic = await newTopic({ 'cleanup.policy': 'compact' });
  for (const [name, codec] of CODECS) {
    const recs: RecordInput[] = [
      { key: 'a', value: '1' },
      { key: null, value: '2' },
    ];
    await assertRefused(
      topic,
      encodeRecordBatch(recs, { compression: codec }),
      E.INVALID_RECORD,
      `${name} unkeyed`,
    );
  }
});

test('zstd needs Produce v7 (KIP-110): v6 gets UNSUPPORTED_COMPRESSION_TYPE, v7 stores it', async () => {
  const topic = await newTopic();
  const before = await readAll(topic);
  const zstd = () => encodeRecordBatch(records('z'), { compression: 4 });
  assert.is((await produce(topic, zstd(), 6)).errorCode, E.UNSUPPORTED_COMPRESSION_TYPE);
  assert.equal(await readAll(topic), before);
  assert.is((await produce(topic, encodeRecordBatch(records('l'), { compression: 3 }), 6)).errorCode, E.NONE);
  assert.is((await produce(topic, zstd(), 7)).errorCode, E.NONE);
  assert.is((await readAll(topic)).values.length, 6);
});

test.run();
