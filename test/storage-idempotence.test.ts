// Idempotent producer state in the partition log: retries are answered with their first offsets and not
// stored twice, gaps and stale epochs are refused, and the state survives clean and unclean restarts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';
import { ProducerStateManager } from '../dist/storage/producer-state.js';
import { removeDir, TP, tempDir } from './helpers/storage-util.js';

function batch(producerId: number, epoch: number, baseSequence: number, count: number, tag = 'v'): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: `${tag}-${baseSequence + i}` }));
  return encodeRecordBatch(records, {
    producerId,
    producerEpoch: epoch,
    baseSequence,
    timestamp: 1_700_000_000_000,
  });
}

function codeOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof KafkaError) return e.code;
    throw e;
  }
  return ErrorCode.NONE;
}

function values(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 1 << 20);
    for (const b of decodeRecordBatches(records)) {
      for (const r of b.records) out.push(`${r.offset}:${r.value}`);
      offset = b.baseOffset + b.lastOffsetDelta + 1;
    }
  }
  return out;
}

test('a retried batch gets its original offsets and is stored once', () => {
  const dir = tempDir();
  const log = PartitionLog.open(dir, TP);
  const first = log.append(batch(7, 0, 0, 3), 0);
  const second = log.append(batch(7, 0, 3, 2), 0);
  const retry = log.append(batch(7, 0, 0, 3), 0);
  assert.is(retry.baseOffset, first.baseOffset);
  assert.is(retry.lastOffset, first.lastOffset);
  const retry2 = log.append(batch(7, 0, 3, 2), 0);
  assert.is(retry2.baseOffset, second.baseOffset);
  assert.is(log.logEndOffset, 5);
  assert.equal(values(log), ['0:v-0', '1:v-1', '2:v-2', '3:v-3', '4:v-4']);
  log.close();
  removeDir(dir);
});

test('a sequence gap, a stale epoch and two idempotent batches in one append are refused; nothing stored', () => {
  const dir = tempDir();
  const log = PartitionLog.open(dir, TP);
  log.append(batch(9, 1, 0, 2), 0);
  assert.is(
    codeOf(() => log.append(batch(9, 1, 5, 1), 0)),
    ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
  );
  assert.is(
    codeOf(() => log.append(batch(9, 0, 2, 1), 0)),
    ErrorCode.INVALID_PRODUCER_EPOCH,
  );
  assert.is(
    codeOf(() => log.append(batch(9, 2, 4, 1), 0)),
    ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
  );
  assert.is(
    codeOf(() => log.append(batch(10, 0, 3, 1), 0)),
    ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
  );
  const two = Buffer.concat([batch(11, 0, 0, 1), batch(11, 0, 1, 1)]);
  assert.is(
    codeOf(() => log.append(two, 0)),
    ErrorCode.INVALID_RECORD,
  );
  assert.is(log.logEndOffset, 2);
  // A new epoch restarts the sequence at 0; non-idempotent batches are unaffected.
  log.append(batch(9, 2, 0, 1), 0);
  log.append(encodeRecordBatch([{ value: 'plain' }]), 0);
  log.append(encodeRecordBatch([{ value: 'plain' }]), 0);
  assert.is(log.logEndOffset, 5);
  log.close();
  removeDir(dir);
});

test('producer state survives a clean close and an unclean stop (replayed from the log)', () => {
  for (const clean of [true, false]) {
    const dir = tempDir();
    const log = PartitionLog.open(dir, TP, { segmentBytes: 1024 });
    const firsts: number[] = [];
    for (let s = 0; s < 40; s += 4) firsts.push(log.append(batch(21, 3, s, 4, 'x'.repeat(30)), 0).baseOffset);
    assert.ok(log.numberOfSegments > 2, 'rolled several segments');
    if (clean) log.close();
    else log.abandon();
    const reopened = PartitionLog.open(dir, TP, { segmentBytes: 1024 });
    // The last five batches are remembered, as Kafka does.
    const retry = reopened.append(batch(21, 3, 36, 4, 'x'.repeat(30)), 0);
    assert.is(retry.baseOffset, firsts[9], `clean=${clean}`);
    assert.is(reopened.logEndOffset, 40);
    assert.is(
      codeOf(() => reopened.append(batch(21, 3, 41, 1), 0)),
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    );
    assert.is(reopened.append(batch(21, 3, 40, 1), 0).baseOffset, 40);
    reopened.close();
    removeDir(dir);
  }
});

test('the state manager bounds producers and expires silent ones', () => {
  const m = new ProducerStateManager({ maxProducers: 3, expirationMs: 1000 });
  for (let id = 1; id <= 4; id++) {
    m.update(id, 0, { firstSeq: 0, lastSeq: 0, firstOffset: id, lastOffset: id, maxTimestamp: id * 100 });
  }
  assert.is(m.size, 3);
  assert.is(m.get(1), undefined);
  for (let s = 1; s <= 7; s++) {
    m.update(4, 0, { firstSeq: s, lastSeq: s, firstOffset: 10 + s, lastOffset: 10 + s, maxTimestamp: 5000 });
  }
  assert.is(m.get(4)!.batches.length, 5);
  assert.is(m.expire(5500), 2);
  assert.is(m.size, 1);
  const copy = new ProducerStateManager();
  assert.is(copy.load(m.snapshot(99)), 99);
  assert.equal(copy.get(4), m.get(4));
  assert.is(copy.load('garbage'), -1);
  assert.is(copy.size, 0);
});

test.run();
