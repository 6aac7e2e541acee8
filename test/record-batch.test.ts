import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchHeader,
  Compression,
  decodeRecordBatch,
  decodeRecordBatches,
  encodeRecordBatch,
  varintSize,
} from '../dist/protocol/record-batch.js';
import { crc32c } from '../dist/wasm/index.js';

const enc = (s: string) => Buffer.from(s);

test('encode then decode keeps keys, values, nulls, headers and timestamps', () => {
  const batch = encodeRecordBatch(
    [
      { key: 'k1', value: 'v1', timestamp: 1_700_000_000_000, headers: [{ key: 'h', value: enc('x') }] },
      { key: null, value: null, timestamp: 1_700_000_000_005 },
      { key: '', value: '', timestamp: 1_700_000_000_002, headers: [{ key: 'n', value: null }] },
    ],
    { baseOffset: 40, producerId: 7, producerEpoch: 1, baseSequence: 3 },
  );
  const d = decodeRecordBatch(batch);
  assert.is(d.baseOffset, 40);
  assert.is(d.magic, 2);
  assert.is(d.recordCount, 3);
  assert.is(d.lastOffsetDelta, 2);
  assert.is(d.batchLength, batch.length - 12);
  assert.is(d.producerId, 7);
  assert.is(d.baseSequence, 3);
  assert.is(d.maxTimestamp, 1_700_000_000_005);
  assert.is(d.crc, crc32c(batch, BatchHeader.ATTRIBUTES, batch.length));
  assert.equal(
    d.records.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString() ?? null]),
    [
      [40, 1_700_000_000_000, 'k1', 'v1'],
      [41, 1_700_000_000_005, null, null],
      [42, 1_700_000_000_002, '', ''],
    ],
  );
  assert.equal(d.records[0]!.headers[0]!.value?.toString(), 'x');
  assert.is(d.records[2]!.headers[0]!.value, null);
});

test('gzip batches round trip and carry the codec in attributes', () => {
  const records = Array.from({ length: 200 }, (_, i) => ({ key: `key-${i}`, value: 'v'.repeat(100) }));
  const plain = encodeRecordBatch(records);
  const gz = encodeRecordBatch(records, { compression: Compression.GZIP });
  assert.ok(gz.length < plain.length / 5);
  const d = decodeRecordBatch(gz);
  assert.is(d.compression, Compression.GZIP);
  assert.is(d.records.length, 200);
  assert.is(d.records[199]!.key!.toString(), 'key-199');
});

test('decodeRecordBatches walks back-to-back batches and ignores a partial tail', () => {
  const a = encodeRecordBatch([{ value: 'a' }], { baseOffset: 0 });
  const b = encodeRecordBatch([{ value: 'b' }, { value: 'c' }], { baseOffset: 1 });
  const all = Buffer.concat([a, b, b.subarray(0, 20)]);
  const batches = decodeRecordBatches(all);
  assert.equal(
    batches.flatMap((x) => x.records.map((r) => `${r.offset}:${r.value}`)),
    ['0:a', '1:b', '2:c'],
  );
});

test('varint sizes match the zig-zag encoding boundaries', () => {
  assert.is(varintSize(0), 1);
  assert.is(varintSize(-1), 1);
  assert.is(varintSize(63), 1);
  assert.is(varintSize(64), 2);
  assert.is(varintSize(-65), 2);
  assert.is(varintSize(2 ** 40), 6);
});

test.run();
