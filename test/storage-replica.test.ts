// The storage calls replication needs, on real files: a follower's append (the leader's offsets and
// epochs kept), setting the high watermark within its bounds, truncation, and the leader's append moving
// the high watermark only as far as its caller allows. Through PartitionLog, and through both stores.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';
import {
  InlinePartitions,
  PartitionPool,
  type PartitionStore,
  READ_TO_HIGH_WATERMARK,
} from '../dist/storage/pool.js';
import { makeBatch, partitionDir, readAll, removeDir, TP, tagOf, tempDir } from './helpers/storage-util.js';

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir('runnel-replica-');
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

/** A leader log with batches tagged 1..4 (2, 3, 1, 2 records) at epochs 0, 0, 3, 3. */
function leaderLog(): PartitionLog {
  const log = PartitionLog.open(newDir(), TP);
  log.append(makeBatch(1, { count: 2 }), 0);
  log.append(makeBatch(2, { count: 3 }), 0);
  log.append(makeBatch(3), 3);
  log.append(makeBatch(4, { count: 2 }), 3);
  return log;
}

/** Everything the leader stored from `offset`, as it would ship it to a follower. */
function shipped(leader: PartitionLog, offset = 0): Buffer {
  return Buffer.from(leader.read(offset, 1 << 20).records);
}

function segmentBytes(log: PartitionLog): Buffer {
  const dir = log.dir;
  const name = fs.readdirSync(dir).find((f) => f.endsWith('.log'))!;
  return fs.readFileSync(path.join(dir, name));
}

test('appendAsFollower keeps the leader offsets, epochs and bytes, and leaves the high watermark alone', () => {
  const leader = leaderLog();
  const follower = PartitionLog.open(newDir(), TP);
  const r = follower.appendAsFollower(shipped(leader));
  assert.equal([r.baseOffset, r.lastOffset], [0, 7]);
  assert.is(follower.logEndOffset, leader.logEndOffset);
  assert.is(follower.highWatermark, 0, 'the leader reports the high watermark; the append does not move it');
  assert.equal(segmentBytes(follower), segmentBytes(leader), 'byte for byte what the leader stored');
  assert.equal(follower.leaderEpochCache.entries(), [
    { leaderEpoch: 0, endOffset: 0 },
    { leaderEpoch: 3, endOffset: 5 },
  ]);
  assert.equal(follower.endOffsetForEpoch(0), { leaderEpoch: 0, endOffset: 5 });
  follower.close();
  const reopened = PartitionLog.open(path.dirname(follower.dir), TP);
  assert.equal(reopened.leaderEpochCache.entries(), leader.leaderEpochCache.entries(), 'checkpointed');
  assert.equal(
    readAll(reopened).map((b) => [tagOf(b), b.baseOffset, b.partitionLeaderEpoch]),
    [
      [1, 0, 0],
      [2, 2, 0],
      [3, 5, 3],
      [4, 6, 3],
    ],
  );
  reopened.close();
  leader.close();
});

test('appendAsFollower refuses overlap, older epochs and corrupt batches, writing nothing', () => {
  const leader = leaderLog();
  const follower = PartitionLog.open(newDir(), TP);
  follower.appendAsFollower(shipped(leader, 0).subarray(0, shipped(leader, 0).length));
  const size = segmentBytes(follower).length;
  expectKafkaError(() => follower.appendAsFollower(shipped(leader, 5)), ErrorCode.OFFSET_OUT_OF_RANGE);

  const older = encodeRecordBatch([{ key: 'k', value: 'v' }], { baseOffset: 8, partitionLeaderEpoch: 2 });
  expectKafkaError(() => follower.appendAsFollower(older), ErrorCode.FENCED_LEADER_EPOCH);

  const corrupt = encodeRecordBatch([{ key: 'k', value: 'v' }], { baseOffset: 8, partitionLeaderEpoch: 3 });
  corrupt[corrupt.length - 1]! ^= 0xff;
  expectKafkaError(() => follower.appendAsFollower(corrupt), ErrorCode.CORRUPT_MESSAGE);

  // Two batches where the second goes backwards: the first is not written either.
  const a = encodeRecordBatch([{ key: 'a', value: '1' }], { baseOffset: 8, partitionLeaderEpoch: 3 });
  const b = encodeRecordBatch([{ key: 'b', value: '2' }], { baseOffset: 8, partitionLeaderEpoch: 3 });
  expectKafkaError(() => follower.appendAsFollower(Buffer.concat([a, b])), ErrorCode.OFFSET_OUT_OF_RANGE);
  assert.is(follower.logEndOffset, 8);
  assert.is(segmentBytes(follower).length, size, 'nothing written by a refused append');

  // A gap is legal: a compacted leader has them.
  const later = encodeRecordBatch([{ key: 'c', value: '3' }], { baseOffset: 12, partitionLeaderEpoch: 4 });
  assert.is(follower.appendAsFollower(later).lastOffset, 12);
  assert.is(follower.logEndOffset, 13);
  assert.is(follower.epochForOffset(12), 4);
  follower.close();
  leader.close();
});

test('a follower learns idempotent producers, so as leader it answers a retry with the first offsets', () => {
  const dir = newDir();
  const leader = PartitionLog.open(dir, TP);
  const idem = () =>
    encodeRecordBatch([{ key: 'k', value: 'once' }], { producerId: 42, producerEpoch: 0, baseSequence: 0 });
  leader.append(makeBatch(1), 0);
  leader.append(idem(), 0);
  const follower = PartitionLog.open(newDir(), TP);
  follower.appendAsFollower(shipped(leader));
  // Leadership moves: the retry of the same batch reaches the former follower.
  const retry = follower.append(idem(), 1);
  assert.equal([retry.baseOffset, retry.lastOffset], [1, 1], 'deduplicated, not written again');
  assert.is(follower.logEndOffset, 2);
  follower.close();
  leader.close();
});

test('updateHighWatermark stays within the log start and end offsets; a leader append moves it only as allowed', () => {
  const log = PartitionLog.open(newDir(), TP);
  log.append(makeBatch(1, { count: 4 }), 0, Date.now(), false, -1);
  assert.is(log.highWatermark, 0, 'bound -1: the ISR has not caught up');
  log.append(makeBatch(2, { count: 4 }), 0, Date.now(), false, 3);
  assert.is(log.highWatermark, 3);
  log.append(makeBatch(3), 0, Date.now(), false, 1);
  assert.is(log.highWatermark, 3, 'never moves back on append');
  assert.is(log.updateHighWatermark(100), 9, 'not past the log end');
  log.deleteRecordsBefore(4);
  assert.is(log.updateHighWatermark(0), 4, 'not below the log start');
  log.truncateTo(8);
  assert.equal([log.logEndOffset, log.highWatermark], [8, 4]);
  log.updateHighWatermark(8);
  log.truncateTo(6);
  assert.equal([log.logEndOffset, log.highWatermark], [4, 4], 'the whole batch goes, the watermark with it');
  log.close();
});

async function storeCalls(store: PartitionStore, dataDir: string): Promise<void> {
  const topic = 'events';
  assert.is((await store.open(topic, 0, true)).errorCode, ErrorCode.NONE);
  assert.is((await store.open(topic, 1, true)).errorCode, ErrorCode.NONE);

  const held = await store.append(topic, 0, new Uint8Array(makeBatch(1, { count: 3 })), 0, -1);
  assert.is(held.errorCode, ErrorCode.NONE);
  assert.equal([held.logEndOffset, held.highWatermark], [3, 0], 'the replica state held the watermark');
  const hidden = await store.read(topic, 0, 0, 1 << 20, READ_TO_HIGH_WATERMARK);
  assert.is(hidden.records?.byteLength, 0, 'consumers do not see past the high watermark');
  assert.ok(((await store.read(topic, 0, 0, 1 << 20)).records?.byteLength ?? 0) > 0, 'a follower would');

  const set = await store.setHighWatermark(topic, 0, 3);
  assert.equal([set.errorCode, set.highWatermark, set.logEndOffset], [ErrorCode.NONE, 3, 3]);
  const visible = await store.read(topic, 0, 0, 1 << 20, READ_TO_HIGH_WATERMARK);
  assert.is(decodeRecordBatches(Buffer.from(visible.records!)).length, 1);

  const followed = await store.append(topic, 0, new Uint8Array(makeBatch(2, { count: 2 })), 0);
  assert.equal([followed.logEndOffset, followed.highWatermark], [5, 5], 'default: an ISR of one');

  // A follower partition: the leader's bytes go in unchanged.
  const leaderBytes = await store.read(topic, 0, 0, 1 << 20);
  const copy = new Uint8Array(leaderBytes.records!.byteLength);
  copy.set(leaderBytes.records!);
  const f = await store.appendAsFollower(topic, 1, copy);
  assert.equal([f.errorCode, f.baseOffset, f.lastOffset, f.highWatermark], [ErrorCode.NONE, 0, 4, 0]);
  const again = new Uint8Array(makeBatch(3));
  assert.is((await store.appendAsFollower(topic, 1, again)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);

  // The epoch history answers OffsetForLeaderEpoch; the current epoch ends at the log end even unwritten.
  const epochEnd = async (p: number, epoch: number, current: number) => {
    const r = await store.endOffsetForEpoch(topic, p, epoch, current);
    return [r.errorCode, r.leaderEpoch, r.endOffset];
  };
  assert.equal(await epochEnd(0, 0, 0), [ErrorCode.NONE, 0, 5]);
  assert.equal(await epochEnd(0, 0, 2), [ErrorCode.NONE, 0, 5], 'the last epoch in the history');
  assert.equal(await epochEnd(0, 1, 2), [ErrorCode.NONE, 0, 5], 'an epoch never written: the one below it');
  assert.equal(await epochEnd(0, 3, 2), [ErrorCode.NONE, -1, -1], 'newer than any known');
  assert.equal(await epochEnd(0, 2, 2), [ErrorCode.NONE, 2, 5], 'current');
  assert.is((await store.endOffsetForEpoch(topic, 9, 0, 0)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

  const cut = await store.truncateTo(topic, 0, 3);
  assert.equal([cut.errorCode, cut.logEndOffset, cut.highWatermark], [ErrorCode.NONE, 3, 3]);
  assert.is((await store.setHighWatermark(topic, 7, 1)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  assert.is((await store.truncateTo(topic, 0, -1)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
  assert.is((await store.close()).errorCode, ErrorCode.NONE);
  assert.ok(fs.existsSync(partitionDir(dataDir, { topic, partition: 1 })));
}

test('the inline store carries the replication calls', async () => {
  const dir = newDir();
  await storeCalls(new InlinePartitions({ dataDir: dir }), dir);
});

test('the worker pool carries the replication calls', async () => {
  const dir = newDir();
  const pool = new PartitionPool({ dataDir: dir, threads: 2, execArgv: [] });
  await pool.ready();
  await storeCalls(pool, dir);
});

test.run();
