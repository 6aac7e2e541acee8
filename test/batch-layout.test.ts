// The record batch header layout is defined once (src/protocol/batch-layout.ts). The AssemblyScript kernel
// cannot import it, so its copy of the offsets is checked here; the layout itself is checked against the
// field widths of Kafka's batch header, so a mistyped offset fails without a broker.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchAttributes, BatchHeader, LOG_OVERHEAD } from '../dist/protocol/batch-layout.js';

test('each header field starts where the one before it ends (widths from implementation.html)', () => {
  const fields: [keyof typeof BatchHeader, number][] = [
    ['BASE_OFFSET', 8],
    ['BATCH_LENGTH', 4],
    ['PARTITION_LEADER_EPOCH', 4],
    ['MAGIC', 1],
    ['CRC', 4],
    ['ATTRIBUTES', 2],
    ['LAST_OFFSET_DELTA', 4],
    ['BASE_TIMESTAMP', 8],
    ['MAX_TIMESTAMP', 8],
    ['PRODUCER_ID', 8],
    ['PRODUCER_EPOCH', 2],
    ['BASE_SEQUENCE', 4],
    ['RECORD_COUNT', 4],
  ];
  let at = 0;
  for (const [name, width] of fields) {
    assert.is(BatchHeader[name], at, name);
    at += width;
  }
  assert.is(BatchHeader.SIZE, at);
  assert.is(LOG_OVERHEAD, BatchHeader.PARTITION_LEADER_EPOCH, 'batchLength counts from the leader epoch on');
});

test('the AssemblyScript kernel uses the same offsets and compression mask', () => {
  const source = readFileSync(new URL('../assembly/batch.ts', import.meta.url), 'utf8');
  const constant = (name: string): number => {
    const m = new RegExp(`const ${name}: \\w+ = (0x[0-9a-fA-F]+|\\d+);`).exec(source);
    if (m === null) throw new Error(`assembly/batch.ts has no constant ${name}`);
    return Number(m[1]);
  };
  assert.is(constant('BATCH_LENGTH_OFFSET'), BatchHeader.BATCH_LENGTH);
  assert.is(constant('MAGIC_OFFSET'), BatchHeader.MAGIC);
  assert.is(constant('CRC_OFFSET'), BatchHeader.CRC);
  assert.is(constant('ATTRIBUTES_OFFSET'), BatchHeader.ATTRIBUTES);
  assert.is(constant('LAST_OFFSET_DELTA_OFFSET'), BatchHeader.LAST_OFFSET_DELTA);
  assert.is(constant('RECORD_COUNT_OFFSET'), BatchHeader.RECORD_COUNT);
  assert.is(constant('RECORDS_OFFSET'), BatchHeader.SIZE);
  assert.is(constant('LOG_OVERHEAD'), LOG_OVERHEAD);
  assert.is(constant('COMPRESSION_MASK'), BatchAttributes.COMPRESSION_MASK);
});

test.run();
