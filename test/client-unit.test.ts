// Client pieces that need no broker: the key hash and partition choice (against Kafka's published
// murmur2 vectors and KafkaJS's Java-compatible partitioner), the in-place batch builder (read back
// by the protocol module's independent decoder), and the consumer's record reader (fed batches from
// the protocol module's independent encoder).
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RecordBatchBuilder } from '../dist/client/batch-builder.js';
import { Cluster } from '../dist/client/cluster.js';
import { murmur2, murmur2Key, partitionForKey, toPositive } from '../dist/client/murmur2.js';
import { nextSequence } from '../dist/client/producer.js';
import { type ConsumerRecord, nextOffsetAfter, readRecords } from '../dist/client/record-reader.js';
import { Compression, decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';

const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  k: Buffer | string,
) => number;

// Kafka's UtilsTest.testMurmur2 vectors (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java).
const KAFKA_VECTORS: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

test('murmur2 matches the Java client on its published vectors, as bytes and as strings', () => {
  for (const [key, hash] of KAFKA_VECTORS) {
    assert.is(murmur2(Buffer.from(key)), hash, key);
    assert.is(murmur2Key(key), hash, key);
    assert.is(murmur2Key(Buffer.from(key)), hash, key);
  }
});

test('murmur2 of a sub-range equals murmur2 of the copied bytes', () => {
  const buf = Buffer.from('xxfoobaryy');
  assert.is(murmur2(buf, 2, 8), -790332482);
});

test('key -> partition agrees with the Java default partitioner (via KafkaJS) for many keys', () => {
  let differing = 0;
  for (let i = 0; i < 2000; i++) {
    // Lengths 0..40 cover every tail length; some keys are non-ASCII to take the UTF-8 path.
    const key = i % 7 === 0 ? `clé-ünïcode-${i}` : `key-${i}-${'x'.repeat(i % 41)}`;
    const expected = toPositive(kafkajsMurmur2(Buffer.from(key)));
    for (const n of [1, 3, 7, 12, 100]) {
      const p = partitionForKey(Buffer.from(key), n);
      if (p !== expected % n || toPositive(murmur2Key(key)) % n !== p) differing++;
      if (partitionForKey(key, n) !== p) differing++; // a string key is its UTF-8 bytes
    }
  }
  assert.is(differing, 0);
  // A negative hash goes through toPositive (sign bit cleared), not Math.abs.
  assert.is(toPositive(-790332482) % 7, (-790332482 & 0x7fffffff) % 7);
  assert.is.not(toPositive(-790332482), Math.abs(-790332482));
});

function build(
  records: Parameters<RecordBatchBuilder['append']>[],
  compression = 0,
  size = 64 * 1024,
): Buffer {
  const b = new RecordBatchBuilder(Buffer.alloc(size));
  for (const r of records) assert.ok(b.append(...r));
  b.seal(compression);
  return b.stamp(77, 3, 1000);
}

test('batch builder output decodes with the protocol decoder: keys, nulls, empty, headers, times', () => {
  const t = 1_700_000_000_000;
  const batch = build([
    [t, 'k1', 'v1', undefined],
    [t + 5, null, null, undefined],
    [
      t - 20,
      Buffer.alloc(0),
      '',
      [
        { key: 'h1', value: 'x' },
        { key: 'h1', value: null },
      ],
    ],
    [t + 2 ** 33, 'ünï', Buffer.from([0, 1, 2]), { a: 'b', c: Buffer.from('d') }],
  ]);
  const [d, ...rest] = decodeRecordBatches(batch);
  assert.is(rest.length, 0);
  assert.ok(d);
  assert.is(d.producerId, 77);
  assert.is(d.producerEpoch, 3);
  assert.is(d.baseSequence, 1000);
  assert.is(d.recordCount, 4);
  assert.is(d.lastOffsetDelta, 3);
  assert.is(d.baseTimestamp, t);
  assert.is(d.maxTimestamp, t + 2 ** 33);
  const r = d.records;
  assert.equal(
    r.map((x) => [x.offset, x.timestamp, x.key?.toString() ?? null, x.value?.toString() ?? null]),
    [
      [0, t, 'k1', 'v1'],
      [1, t + 5, null, null],
      [2, t - 20, '', ''],
      [3, t + 2 ** 33, 'ünï', '\u0000\u0001\u0002'],
    ],
  );
  assert.equal(
    r[2]!.headers.map((h) => [h.key, h.value?.toString() ?? null]),
    [
      ['h1', 'x'],
      ['h1', null],
    ],
  );
  assert.equal(
    r[3]!.headers.map((h) => [h.key, h.value?.toString()]),
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  );
});

test('batch builder: gzip batches decode; refuses a record that does not fit, then accepts a smaller', () => {
  const values = Array.from({ length: 200 }, (_, i) => `value-${i}-${'z'.repeat(50)}`);
  const gz = build(
    values.map((v) => [1000, null, v, undefined]),
    Compression.GZIP,
  );
  const [d] = decodeRecordBatches(gz);
  assert.is(d!.compression, Compression.GZIP);
  assert.ok(gz.length < 200 * 50, `compressed to ${gz.length}`);
  assert.equal(
    d!.records.map((r) => r.value!.toString()),
    values,
  );

  const b = new RecordBatchBuilder(Buffer.alloc(200));
  assert.ok(b.append(1, null, 'a'.repeat(100), undefined));
  const pos = b.pos;
  assert.not.ok(b.append(1, null, 'b'.repeat(100), undefined));
  assert.is(b.pos, pos, 'a refused append leaves the batch untouched');
  assert.is(b.count, 1);
  assert.ok(b.append(1, null, 'c', undefined));
  b.seal(0);
  const [small] = decodeRecordBatches(b.stamp(-1, -1, -1));
  assert.equal(
    small!.records.map((r) => r.value!.toString()),
    ['a'.repeat(100), 'c'],
  );
});

test('record reader: offsets from minOffset on, partial batch left for later, control batches skipped', () => {
  const a = encodeRecordBatch(
    [
      { key: 'k0', value: 'v0', timestamp: 10 },
      { value: 'v1', timestamp: 11, headers: [{ key: 'h', value: Buffer.from('x') }] },
    ],
    { baseOffset: 100 },
  );
  const control = encodeRecordBatch([{ key: Buffer.from([0, 0, 0, 0]), value: null }], {
    baseOffset: 102,
    control: true,
    transactional: true,
  });
  const c = encodeRecordBatch([{ value: 'v3' }, { value: null }], {
    baseOffset: 103,
    compression: Compression.GZIP,
  });
  const whole = Buffer.concat([a, control, c]);
  const out: ConsumerRecord[] = [];
  const res = readRecords(Buffer.concat([whole, c.subarray(0, 30)]), 't', 4, 101, true, out);
  assert.is(res.nextOffset, 105);
  assert.is(res.bytes, whole.length, 'the partial batch at the end is not consumed');
  assert.equal(
    out.map((r) => [r.topic, r.partition, r.offset, r.value?.toString() ?? null]),
    [
      ['t', 4, 101, 'v1'],
      ['t', 4, 103, 'v3'],
      ['t', 4, 104, null],
    ],
  );
  assert.is(out[0]!.timestamp, 11);
  assert.equal(out[0]!.headers[0]!.value, Buffer.from('x'));
  assert.is(nextOffsetAfter(Buffer.concat([whole, c.subarray(0, 30)]), 100), 105);
  assert.is(nextOffsetAfter(c.subarray(0, 30), 103), 103, 'only a partial batch: no progress');
});

test('record reader, read_committed: batches of aborted transactions are dropped up to their ABORT marker', () => {
  const txn = (producerId: number, baseOffset: number, values: string[]) =>
    encodeRecordBatch(
      values.map((value) => ({ value })),
      { baseOffset, producerId, producerEpoch: 0, baseSequence: 0, transactional: true },
    );
  const marker = (producerId: number, baseOffset: number, commit: boolean) =>
    encodeRecordBatch(
      [{ key: Buffer.from([0, 0, 0, commit ? 1 : 0]), value: Buffer.from([0, 0, 0, 0, 0, 5]) }],
      {
        baseOffset,
        producerId,
        producerEpoch: 0,
        control: true,
        transactional: true,
      },
    );
  const data = Buffer.concat([
    txn(7, 0, ['a0', 'a1']), // aborted
    txn(8, 2, ['c2']), // committed
    encodeRecordBatch([{ value: 'n3' }], { baseOffset: 3 }), // not transactional
    marker(7, 4, false),
    txn(7, 5, ['c5']), // producer 7's next transaction, committed
    marker(8, 6, true),
    txn(9, 7, ['a7']), // aborted, and its marker comes later
    marker(7, 8, true),
  ]);
  const values = (aborted: { producerId: number; firstOffset: number }[] | null, from = 0) => {
    const out: ConsumerRecord[] = [];
    const res = readRecords(data, 't', 0, from, true, out, aborted);
    assert.is(res.nextOffset, 9);
    return out.map((r) => `${r.offset}:${r.value}`);
  };
  const aborted = [
    { producerId: 9, firstOffset: 7 },
    { producerId: 7, firstOffset: 0 },
  ];
  assert.equal(values(aborted), ['2:c2', '3:n3', '5:c5']);
  assert.equal(values(aborted, 3), ['3:n3', '5:c5']);
  assert.equal(values(null), ['0:a0', '1:a1', '2:c2', '3:n3', '5:c5', '7:a7'], 'read_uncommitted: all data');
  assert.equal(values([]), ['0:a0', '1:a1', '2:c2', '3:n3', '5:c5', '7:a7']);
});

test('record reader rejects a corrupted batch by CRC and names the error', () => {
  const batch = encodeRecordBatch([{ value: 'payload' }], { baseOffset: 0 });
  batch[batch.length - 2] = batch[batch.length - 2]! ^ 0xff;
  try {
    readRecords(batch, 't', 0, 0, true, []);
    assert.unreachable('corruption must be detected');
  } catch (err) {
    assert.is((err as { code: number }).code, 2);
    assert.match((err as Error).message, /CORRUPT_MESSAGE.*CRC/);
  }
  // Without CRC checks the reader decodes what is there (the value byte is changed, not the framing).
  const out: ConsumerRecord[] = [];
  readRecords(batch, 't', 0, 0, false, out);
  assert.is(out.length, 1);
});

test('idempotent sequence numbers advance by record count and wrap past 2^31-1 to 0', () => {
  assert.is(nextSequence(0, 5), 5);
  assert.is(nextSequence(0x7fffffff - 10, 10), 0x7fffffff);
  assert.is(nextSequence(0x7fffffff - 10, 11), 0);
  assert.is(nextSequence(0x7fffffff - 5, 10), 4);
  assert.is(nextSequence(0x7fffffff, 1), 0);
});

test('metadata with an older leader epoch than one seen leaves that partition as known (KIP-320)', () => {
  const cluster = new Cluster({ brokers: ['127.0.0.1:1'] });
  const topic = (topicId: string, leaderId: number, leaderEpoch: number) => ({
    errorCode: 0,
    name: 't',
    topicId,
    isInternal: false,
    partitions: [
      {
        errorCode: 0,
        partitionIndex: 0,
        leaderId,
        leaderEpoch,
        replicaNodes: [1, 2, 3],
        isrNodes: [1, 2],
        offlineReplicas: [],
      },
    ],
    topicAuthorizedOperations: -2147483648,
  });
  const ID = 'AAAAAAAAAAAAAAAAAAAAAQ';
  cluster.applyTopic(topic(ID, 2, 5));
  cluster.applyTopic(topic(ID, 1, 4)); // a deposed leader's stale answer
  assert.equal(
    [cluster.topics.get('t')!.partitions[0]!.leader, cluster.topics.get('t')!.partitions[0]!.leaderEpoch],
    [2, 5],
  );
  cluster.applyTopic(topic(ID, 3, 6));
  assert.is(cluster.topics.get('t')!.partitions[0]!.leader, 3, 'a newer epoch is taken');
  cluster.applyTopic(topic('AAAAAAAAAAAAAAAAAAAAAg', 1, 0));
  assert.is(cluster.topics.get('t')!.partitions[0]!.leader, 1, 'a re-created topic (another id) starts over');
  void cluster.close();
});

test.run();
