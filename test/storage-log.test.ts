// PartitionLog on real files: append/read round trips, segment and index layout, rolls, retention,
// time lookups, DeleteRecords, leader epochs, truncation, and rejected appends leaving files untouched.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';
import { crc32c } from '../dist/wasm/index.js';
import {
  filesWithSuffix,
  makeBatch,
  offsetIndexEntries,
  partitionDir,
  readAll,
  removeDir,
  snapshotFiles,
  TP,
  tagOf,
  tempDir,
  timeIndexEntries,
} from './helpers/storage-util.js';

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
test.after(() => dirs.forEach(removeDir));

function expectKafkaError(fn: () => unknown, code: number): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, KafkaError);
    assert.is((e as KafkaError).code, code, (e as Error).message);
    return;
  }
  assert.unreachable(`expected error code ${code}`);
}

test('append assigns offsets and epoch in place; read returns the same bytes', () => {
  const log = PartitionLog.open(newDir(), TP);
  const a = makeBatch(1, { count: 3 });
  const original = Buffer.from(a);
  const r1 = log.append(a, 7, 5);
  assert.equal([r1.baseOffset, r1.lastOffset, r1.logAppendTime, r1.logStartOffset], [0, 2, -1, 0]);
  assert.is(r1.maxTimestamp, 1_700_000_000_002);
  // Only baseOffset (0..8) and partitionLeaderEpoch (12..16) may differ from what the producer sent.
  assert.is(a.readInt32BE(12), 7);
  assert.equal(a.subarray(16), original.subarray(16));
  const r2 = log.append(makeBatch(2, { count: 2 }), 7);
  assert.equal([r2.baseOffset, r2.lastOffset], [3, 4]);
  assert.is(log.logEndOffset, 5);
  assert.is(log.highWatermark, 5);
  const { records } = log.read(0, 1 << 20);
  const batches = decodeRecordBatches(records);
  assert.equal(
    batches.map((b) => [b.baseOffset, b.partitionLeaderEpoch, tagOf(b)]),
    [
      [0, 7, 1],
      [3, 7, 2],
    ],
  );
  assert.equal(records.subarray(0, a.length), a, 'stored bytes are the stamped wire bytes');
  log.close();
});

test('multi-batch append: one call, consecutive offsets, all or nothing', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP);
  log.append(makeBatch(0), 0);
  const buf = Buffer.concat([makeBatch(1, { count: 2 }), makeBatch(2, { count: 5 }), makeBatch(3)]);
  const r = log.append(buf, 0);
  assert.equal([r.baseOffset, r.lastOffset], [1, 8]);
  assert.equal(
    readAll(log).map((b) => [b.baseOffset, b.recordCount]),
    [
      [0, 1],
      [1, 2],
      [3, 5],
      [8, 1],
    ],
  );
  log.close();
});

test('rejected appends return the right error and leave every file byte-identical', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { maxMessageBytes: 2000, segmentBytes: 20_000 });
  log.append(makeBatch(0, { count: 2 }), 0);
  log.flush();
  const before = snapshotFiles(partitionDir(dir));

  const big = makeBatch(1, { valueBytes: 3000 });
  expectKafkaError(() => log.append(big, 0), ErrorCode.MESSAGE_TOO_LARGE);

  const good = makeBatch(2, { count: 2 });
  expectKafkaError(
    () => log.append(Buffer.concat([good, good.subarray(0, 30)]), 0),
    ErrorCode.CORRUPT_MESSAGE,
  );
  expectKafkaError(
    () => log.append(Buffer.concat([good, good.subarray(0, 70)]), 0),
    ErrorCode.CORRUPT_MESSAGE,
  );

  const flipped = makeBatch(3, { count: 2 });
  flipped[flipped.length - 3]! ^= 0x40;
  expectKafkaError(() => log.append(Buffer.concat([makeBatch(4), flipped]), 0), ErrorCode.CORRUPT_MESSAGE);

  const legacy = makeBatch(5);
  legacy[16] = 1;
  expectKafkaError(() => log.append(legacy, 0), ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);

  // Claims 3 records but holds 2; CRC recomputed so only the record-level check can catch it.
  const lying = makeBatch(6, { count: 2 });
  lying.writeInt32BE(3, 57);
  lying.writeUInt32BE(crc32c(lying, 21, lying.length), 17);
  expectKafkaError(() => log.append(lying, 0), ErrorCode.INVALID_RECORD);

  const wide = Buffer.concat(Array.from({ length: 12 }, (_, i) => makeBatch(10 + i, { valueBytes: 1900 })));
  expectKafkaError(() => log.append(wide, 0), ErrorCode.RECORD_LIST_TOO_LARGE);

  expectKafkaError(() => log.append(makeBatch(7), -5), ErrorCode.INVALID_REQUEST);

  assert.equal(snapshotFiles(partitionDir(dir)), before);
  assert.is(log.logEndOffset, 2);
  assert.equal(readAll(log).map(tagOf), [0]);
  // The log still takes good batches afterwards, at the next offset.
  assert.is(log.append(makeBatch(8), 0).baseOffset, 2);
  log.close();
});

test('rolls by size; every offset is readable across segment and index boundaries', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 4000, indexIntervalBytes: 500 });
  const tags: number[] = [];
  let next = 0;
  for (let i = 0; i < 60; i++) {
    const count = 1 + (i % 4);
    const r = log.append(makeBatch(i, { count, valueBytes: 50 + (i % 7) * 40 }), 0);
    assert.is(r.baseOffset, next);
    next += count;
    for (let k = 0; k < count; k++) tags.push(i);
  }
  assert.ok(log.numberOfSegments > 5, `segments: ${log.numberOfSegments}`);
  const pdir = partitionDir(dir);
  const logs = filesWithSuffix(pdir, '.log');
  assert.equal(
    logs,
    log.segmentBaseOffsets().map((o) => `${String(o).padStart(20, '0')}.log`),
  );
  for (const name of logs) assert.ok(fs.statSync(path.join(pdir, name)).size <= 4000);
  for (let o = 0; o < next; o++) {
    const batches = decodeRecordBatches(log.read(o, 1).records);
    assert.is(batches.length, 1, `offset ${o}`);
    const b = batches[0]!;
    assert.ok(
      b.baseOffset <= o && o <= b.baseOffset + b.lastOffsetDelta,
      `offset ${o} in batch ${b.baseOffset}`,
    );
    assert.is(tagOf(b), tags[o]);
  }
  assert.equal(readAll(log).map(tagOf), [...new Set(tags)]);
  log.close();
});

test('offset and time index files use Kafka layout and point at batch starts', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { indexIntervalBytes: 0 });
  const positions: number[] = [];
  const lastOffsets: number[] = [];
  let pos = 0;
  for (let i = 0; i < 20; i++) {
    const b = makeBatch(i, { count: 2, timestamp: 1000 + (i % 5 === 0 ? i * 100 : i) });
    const r = log.append(b, 0);
    positions.push(pos);
    lastOffsets.push(r.lastOffset);
    pos += b.length;
  }
  log.close();
  const pdir = partitionDir(dir);
  const index = offsetIndexEntries(path.join(pdir, '00000000000000000000.index'));
  // interval 0: an entry for every batch after the first, (last offset, position of the batch).
  assert.equal(
    index,
    lastOffsets.slice(1).map((o, i) => [o, positions[i + 1]!]),
  );
  const time = timeIndexEntries(path.join(pdir, '00000000000000000000.timeindex'));
  assert.ok(time.length > 0);
  for (let i = 1; i < time.length; i++) {
    assert.ok(time[i]![0] > time[i - 1]![0], 'timestamps increase');
    assert.ok(time[i]![1] >= time[i - 1]![1], 'offsets do not decrease');
  }
  assert.equal(
    time[time.length - 1],
    [1000 + 15 * 100 + 1, lastOffsets[15]!],
    'last entry is the max timestamp',
  );
  // Trimmed at close: exactly the used bytes.
  assert.is(fs.statSync(path.join(pdir, '00000000000000000000.index')).size, index.length * 8);
});

test('rolls when the offset index fills, and by time using batch timestamps', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentIndexBytes: 24, indexIntervalBytes: 0 });
  for (let i = 0; i < 12; i++) log.append(makeBatch(i), 0);
  assert.ok(log.numberOfSegments >= 3, `segments ${log.numberOfSegments}`);
  assert.equal(readAll(log).map(tagOf), [...Array(12).keys()]);
  log.close();

  const log2 = PartitionLog.open(newDir(), TP, { segmentMs: 1000 });
  log2.append(makeBatch(0, { timestamp: 10_000 }), 0);
  log2.append(makeBatch(1, { timestamp: 10_999 }), 0);
  assert.is(log2.numberOfSegments, 1);
  log2.append(makeBatch(2, { timestamp: 11_001 }), 0);
  assert.equal(log2.segmentBaseOffsets(), [0, 2]);
  log2.close();
});

test('read honours maxBytes with whole batches, minOneBatch, maxOffset and the log bounds', () => {
  const log = PartitionLog.open(newDir(), TP);
  const sizes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const b = makeBatch(i, { valueBytes: 100 * (i + 1) });
    sizes.push(b.length);
    log.append(b, 0);
  }
  const r = log.read(0, sizes[0]! + sizes[1]! + 10);
  assert.is(r.records.length, sizes[0]! + sizes[1]!);
  assert.equal(decodeRecordBatches(r.records).map(tagOf), [0, 1]);
  assert.is(log.read(3, 10).records.length, sizes[3]!, 'one whole batch even if larger than maxBytes');
  assert.is(log.read(3, 10, { minOneBatch: false }).records.length, 0);
  assert.equal(decodeRecordBatches(log.read(2, 1 << 20, { maxOffset: 5 }).records).map(tagOf), [2, 3, 4]);
  assert.is(log.read(5, 1 << 20, { maxOffset: 5 }).records.length, 0);
  assert.is(log.read(10, 100).records.length, 0, 'at the log end: empty');
  assert.equal([r.highWatermark, r.logStartOffset, r.logEndOffset], [10, 0, 10]);
  expectKafkaError(() => log.read(11, 100), ErrorCode.OFFSET_OUT_OF_RANGE);
  expectKafkaError(() => log.read(-1, 100), ErrorCode.OFFSET_OUT_OF_RANGE);
  expectKafkaError(() => log.read(0, -1), ErrorCode.INVALID_FETCH_SIZE);
  log.close();
});

test('offsetForTimestamp finds the first record at or after a timestamp', () => {
  const log = PartitionLog.open(newDir(), TP, { segmentBytes: 1500, indexIntervalBytes: 200 });
  // Record timestamps: batch i holds 3 records at 1000 + 10*i + {0, 3, 6}; batch 7 is older (late producer).
  const all: { offset: number; ts: number }[] = [];
  for (let i = 0; i < 30; i++) {
    const base = i === 7 ? 500 : 1000 + 10 * i;
    const timestamps = [base, base + 3, base + 6];
    const r = log.append(makeBatch(i, { count: 3, timestamps, valueBytes: 60 }), 0);
    for (const [k, ts] of timestamps.entries()) all.push({ offset: r.baseOffset + k, ts });
  }
  assert.ok(log.numberOfSegments > 2);
  const maxOf = (b: number) => Math.max(...all.slice(b * 3, b * 3 + 3).map((x) => x.ts));
  for (let target = 400; target <= 1310; target += 7) {
    // Model: first batch with max timestamp >= target, then its first record at or after target.
    const batch = [...Array(30).keys()].find((b) => maxOf(b) >= target);
    const got = log.offsetForTimestamp(target);
    if (batch === undefined) {
      assert.is(got, null, `ts ${target}`);
      continue;
    }
    const rec = all.slice(batch * 3, batch * 3 + 3).find((x) => x.ts >= target)!;
    assert.equal(got, { offset: rec.offset, timestamp: rec.ts }, `ts ${target}`);
  }
  assert.equal(log.offsetForTimestamp(-2), { offset: 0, timestamp: -1 });
  assert.equal(log.offsetForTimestamp(-1), { offset: 90, timestamp: -1 });
  log.close();
});

test('offsetForTimestamp on a compressed batch answers with the batch', () => {
  const log = PartitionLog.open(newDir(), TP);
  log.append(makeBatch(0, { count: 2, timestamp: 100 }), 0);
  log.append(makeBatch(1, { count: 4, timestamp: 200, compression: 1 }), 0);
  assert.equal(log.offsetForTimestamp(202), { offset: 2, timestamp: 203 });
  assert.equal(log.offsetForTimestamp(101), { offset: 1, timestamp: 101 });
  assert.is(log.offsetForTimestamp(204), null);
  log.close();
});

test('retention by time and by size deletes whole old segments, never the active one', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 2000, retentionMs: 10_000 });
  for (let i = 0; i < 40; i++) log.append(makeBatch(i, { timestamp: 1_000 * i, valueBytes: 300 }), 0);
  const segmentsBefore = log.segmentBaseOffsets();
  assert.ok(segmentsBefore.length >= 8);
  // now = 30_500: segments whose newest batch is older than 20_500 go.
  const deleted = log.applyRetention(30_500);
  assert.ok(deleted > 0);
  const first = log.segmentBaseOffsets()[0]!;
  assert.is(log.logStartOffset, first);
  const survivors = readAll(log);
  assert.ok(
    survivors.every((b) => b.maxTimestamp >= 20_500 - 3_000),
    'only segments fully expired went',
  );
  assert.ok(
    Math.min(...survivors.map((b) => b.maxTimestamp)) <= 20_500,
    'the first kept segment still has something at or below the cutoff',
  );
  expectKafkaError(() => log.read(first - 1, 100), ErrorCode.OFFSET_OUT_OF_RANGE);
  // Far in the future everything but the active segment goes.
  log.applyRetention(10_000_000);
  assert.is(log.numberOfSegments, 1);
  assert.is(log.logEndOffset, 40);
  assert.equal(filesWithSuffix(partitionDir(dir), '.log').length, 1);
  log.close();

  const log2 = PartitionLog.open(newDir(), TP, { segmentBytes: 2000, retentionBytes: 5000, retentionMs: -1 });
  for (let i = 0; i < 40; i++) log2.append(makeBatch(i, { valueBytes: 300 }), 0);
  log2.applyRetention(Date.now());
  // Kafka's rule: a segment goes only if the log keeps at least retention.bytes without it.
  const firstSize = fs.statSync(path.join(log2.dir, '00000000000000000000.log'), { throwIfNoEntry: false });
  assert.is(firstSize, undefined, 'the oldest segment went');
  assert.ok(log2.size >= 5000, `size ${log2.size}`);
  assert.ok(log2.size - 2000 < 5000, `size ${log2.size}: one more segment could have gone`);
  assert.is(readAll(log2).length + log2.logStartOffset, 40);
  log2.close();
});

test('the high watermark reopens from its checkpoint, clamped to the log; without one at the log end', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  for (let i = 0; i < 10; i++) log.append(makeBatch(i, { valueBytes: 200 }), 0, Date.now(), false, 4);
  assert.is(log.highWatermark, 4, 'held by the ISR bound');
  log.close();
  const clean = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  assert.is(clean.highWatermark, 4, 'not the log end: followers may lack the rest');
  clean.truncateTo(2);
  assert.is(clean.highWatermark, 2);
  clean.close();
  const truncated = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  assert.is(truncated.highWatermark, 2);
  truncated.close();
  fs.rmSync(path.join(truncated.dir, 'replication-offset-checkpoint'));
  const old = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  assert.is(old.highWatermark, old.logEndOffset, 'a log from before replication: the log end');
  old.close();
});

test('deleteRecordsBefore moves the log start offset durably and drops whole segments', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  for (let i = 0; i < 30; i++) log.append(makeBatch(i, { valueBytes: 200 }), 0);
  const segs = log.segmentBaseOffsets();
  assert.is(log.deleteRecordsBefore(segs[3]! + 1), segs[3]! + 1);
  assert.is(log.segmentBaseOffsets()[0], segs[3]);
  expectKafkaError(() => log.read(segs[3]!, 10), ErrorCode.OFFSET_OUT_OF_RANGE);
  assert.is(decodeRecordBatches(log.read(segs[3]! + 1, 10).records)[0]!.baseOffset, segs[3]! + 1);
  expectKafkaError(() => log.deleteRecordsBefore(31), ErrorCode.OFFSET_OUT_OF_RANGE);
  assert.is(log.deleteRecordsBefore(2), segs[3]! + 1, 'never moves back');
  log.abandon(); // crash: the start offset must come back from its checkpoint
  const reopened = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  assert.is(reopened.logStartOffset, segs[3]! + 1);
  // After a crash the high watermark comes back from its checkpoint (never above the log end); a leader
  // alone in its ISR moves it to the log end, as the broker does.
  assert.ok(reopened.highWatermark <= 30);
  reopened.updateHighWatermark(reopened.logEndOffset);
  assert.is(reopened.deleteRecordsBefore(-1), 30, '-1 means the high watermark');
  assert.is(reopened.logEndOffset, 30);
  reopened.close();
  const again = PartitionLog.open(dir, TP, { segmentBytes: 1000 });
  assert.equal([again.logStartOffset, again.logEndOffset], [30, 30]);
  assert.is(again.append(makeBatch(99), 0).baseOffset, 30);
  again.close();
});

test('leader epochs: stamped into batches, checkpointed, answered as OffsetForLeaderEpoch', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP);
  log.append(makeBatch(0, { count: 2 }), 1); // 0-1
  log.append(makeBatch(1, { count: 2 }), 1); // 2-3
  log.append(makeBatch(2, { count: 3 }), 4); // 4-6
  log.append(makeBatch(3), 6); // 7
  expectKafkaError(() => log.append(makeBatch(4), 5), ErrorCode.FENCED_LEADER_EPOCH);
  assert.equal(
    readAll(log).map((b) => b.partitionLeaderEpoch),
    [1, 1, 4, 6],
  );
  assert.equal(log.endOffsetForEpoch(6), { leaderEpoch: 6, endOffset: 8 });
  assert.equal(log.endOffsetForEpoch(4), { leaderEpoch: 4, endOffset: 7 });
  assert.equal(log.endOffsetForEpoch(2), { leaderEpoch: 1, endOffset: 4 });
  assert.equal(log.endOffsetForEpoch(0), { leaderEpoch: 0, endOffset: 0 });
  assert.equal(log.endOffsetForEpoch(9), { leaderEpoch: -1, endOffset: -1 });
  assert.is(log.epochForOffset(5), 4);
  const text = fs.readFileSync(path.join(partitionDir(dir), 'leader-epoch-checkpoint'), 'utf8');
  assert.is(text, '0\n3\n1 0\n4 4\n6 7\n');
  // Lost checkpoint + crash: recovery rebuilds the history from the batches.
  log.abandon();
  fs.rmSync(path.join(partitionDir(dir), 'leader-epoch-checkpoint'));
  fs.rmSync(path.join(partitionDir(dir), 'recovery-point-offset-checkpoint'));
  const reopened = PartitionLog.open(dir, TP);
  assert.is(reopened.recoveryStats.cleanShutdown, false);
  assert.equal(reopened.endOffsetForEpoch(4), { leaderEpoch: 4, endOffset: 7 });
  reopened.close();
});

test('truncateTo drops whole batches from the end, across segments, and appends continue', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 800, indexIntervalBytes: 100 });
  for (let i = 0; i < 30; i++) log.append(makeBatch(i, { count: 2, valueBytes: 100 }), i < 20 ? 1 : 2);
  assert.ok(log.numberOfSegments > 4);
  log.truncateTo(25); // inside batch 12 (offsets 24-25): it goes whole
  assert.is(log.logEndOffset, 24);
  assert.is(log.highWatermark, 24);
  assert.equal(readAll(log).map(tagOf), [...Array(12).keys()]);
  assert.equal(log.endOffsetForEpoch(2), { leaderEpoch: -1, endOffset: -1 }, 'epoch 2 started at 40');
  const r = log.append(makeBatch(100, { count: 2 }), 3);
  assert.is(r.baseOffset, 24);
  log.close();
  const reopened = PartitionLog.open(dir, TP, { segmentBytes: 800, indexIntervalBytes: 100 });
  assert.equal(readAll(reopened).map(tagOf), [...Array(12).keys(), 100]);
  for (let o = 0; o < 26; o++) assert.ok(decodeRecordBatches(reopened.read(o, 1).records).length === 1);
  reopened.close();
});

test('config limits are enforced as INVALID_CONFIG and bad names rejected', () => {
  const d = newDir();
  expectKafkaError(() => PartitionLog.open(d, TP, { segmentBytes: 10 }), ErrorCode.INVALID_CONFIG);
  expectKafkaError(() => PartitionLog.open(d, TP, { segmentBytes: 2 ** 31 }), ErrorCode.INVALID_CONFIG);
  expectKafkaError(() => PartitionLog.open(d, TP, { flush: 0 }), ErrorCode.INVALID_CONFIG);
  expectKafkaError(() => PartitionLog.open(d, TP, { segmentIndexBytes: 4 }), ErrorCode.INVALID_CONFIG);
  expectKafkaError(
    () => PartitionLog.open(d, { topic: '../x', partition: 0 }),
    ErrorCode.INVALID_TOPIC_EXCEPTION,
  );
  expectKafkaError(
    () => PartitionLog.open(d, { topic: 't', partition: -1 }),
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  );
  assert.equal(fs.readdirSync(d), []);
});

test('waitDurable: group commit shares fdatasyncs among concurrent appends', async () => {
  const log = PartitionLog.open(newDir(), TP, { flush: 'always' });
  const waits: Promise<void>[] = [];
  for (let i = 0; i < 50; i++) {
    const r = log.append(makeBatch(i), 0);
    waits.push(log.waitDurable(r.lastOffset));
  }
  await Promise.all(waits);
  assert.ok(log.groupCommitFsyncs >= 1 && log.groupCommitFsyncs <= 2, `fsyncs ${log.groupCommitFsyncs}`);
  // Appends arriving while an fdatasync runs share the next one.
  const more: Promise<void>[] = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 10; i++) more.push(log.waitDurable(log.append(makeBatch(100 + i), 0).lastOffset));
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(more);
  assert.ok(log.groupCommitFsyncs - 2 <= 5, `fsyncs ${log.groupCommitFsyncs}`);
  await log.waitDurable(0); // already durable: resolves at once
  let rejected = false;
  await log.waitDurable(10_000).catch(() => (rejected = true));
  assert.ok(rejected, 'an offset never written cannot become durable');
  log.close();

  const lazy = PartitionLog.open(newDir(), TP, { flush: 'never' });
  const r = lazy.append(makeBatch(1), 0);
  await lazy.waitDurable(r.lastOffset);
  assert.is(lazy.groupCommitFsyncs, 0);
  lazy.close();
});

test('empty append is a no-op answered with offset -1', () => {
  const log = PartitionLog.open(newDir(), TP);
  const r = log.append(new Uint8Array(0), 0);
  assert.equal([r.baseOffset, r.lastOffset], [-1, -1]);
  assert.is(log.logEndOffset, 0);
  log.close();
});

test('a batch built by encodeRecordBatch with a stale base offset is re-stamped', () => {
  const log = PartitionLog.open(newDir(), TP);
  const b = encodeRecordBatch([{ value: 'x' }], { baseOffset: 12345, partitionLeaderEpoch: 99 });
  log.append(b, 2);
  const [stored] = decodeRecordBatches(log.read(0, 1000).records);
  assert.equal([stored!.baseOffset, stored!.partitionLeaderEpoch], [0, 2]);
  log.close();
});

test.run();
