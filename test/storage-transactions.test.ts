// Transactions in the partition log: the last stable offset stops at an open transaction's first offset and
// moves once its marker is below the high watermark; markers check producer and coordinator epochs; aborts
// go to the segment's .txnindex (Kafka's 34-byte entries) and come back for read_committed reads; the state
// survives clean and unclean restarts and a deleted index, and a follower computes the same state.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { type DecodedBatch, decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { cleanLog } from '../dist/storage/cleaner.js';
import { PartitionLog } from '../dist/storage/log.js';
import { readTxnMarker } from '../dist/storage/txn-marker.js';
import { mountTmpfs } from './helpers/disk-full.js';
import { removeDir, TP, tempDir } from './helpers/storage-util.js';

const TS = Date.now();

function txnBatch(producerId: number, epoch: number, baseSequence: number, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: `p${producerId}-${baseSequence + i}` }));
  return encodeRecordBatch(records, {
    producerId,
    producerEpoch: epoch,
    baseSequence,
    transactional: true,
    timestamp: TS,
  });
}

function plainBatch(count = 1): Buffer {
  return encodeRecordBatch(
    Array.from({ length: count }, (_, i) => ({ value: `plain-${i}` })),
    { timestamp: TS },
  );
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

/** A log whose high watermark is moved by hand (bound 0 on appends), as a leader with followers. */
function open(dir: string): PartitionLog {
  return PartitionLog.open(dir, TP, { flush: 'never' });
}

test('the LSO stays at an open transaction until its marker is below the high watermark', () => {
  const dir = tempDir();
  const log = open(dir);
  log.append(plainBatch(2), 0, TS, false, 0); // 0-1
  log.append(txnBatch(7, 0, 0, 3), 0, TS, false, 0); // 2-4: begins producer 7's transaction
  log.append(plainBatch(1), 0, TS, false, 0); // 5
  log.updateHighWatermark(6);
  assert.is(log.lastStableOffset, 2, 'stuck at the first offset of the open transaction');
  assert.equal(log.producerState.ongoingTxns(), [{ producerId: 7, producerEpoch: 0, firstOffset: 2 }]);
  const m = log.appendTxnMarker(7, 0, 3, true, 0, TS, 0); // 6
  assert.is(m.lastOffset, 6);
  assert.is(log.lastStableOffset, 2, 'the marker is not replicated yet');
  log.updateHighWatermark(6);
  assert.is(log.lastStableOffset, 2);
  log.updateHighWatermark(7);
  assert.is(log.lastStableOffset, 7, 'marker below the high watermark: the transaction is stable');
  assert.equal(log.producerState.ongoingTxns(), []);
  // The marker is Kafka's control batch: commit, coordinator epoch 3.
  const { records } = log.read(6, 1 << 20);
  assert.equal(readTxnMarker(records, 0, records.length), { commit: true, coordinatorEpoch: 3 });
  log.close();
  removeDir(dir);
});

test('a transactional batch needs verification to begin a transaction; producers in one cannot write outside it', () => {
  const dir = tempDir();
  const log = open(dir);
  const unverified = codeOf(() =>
    log.append(txnBatch(7, 0, 0, 1), 0, TS, false, Number.MAX_SAFE_INTEGER, 'client', false),
  );
  assert.is(unverified, ErrorCode.INVALID_TXN_STATE);
  assert.is(log.logEndOffset, 0, 'nothing written');
  log.append(txnBatch(7, 0, 0, 1), 0, TS, false, Number.MAX_SAFE_INTEGER, 'client', true);
  // Continuing the transaction needs no verification.
  log.append(txnBatch(7, 0, 1, 1), 0, TS, false, Number.MAX_SAFE_INTEGER, 'client', false);
  const idempotent = encodeRecordBatch([{ value: 'x' }], {
    producerId: 7,
    producerEpoch: 0,
    baseSequence: 2,
  });
  assert.is(
    codeOf(() => log.append(idempotent, 0)),
    ErrorCode.INVALID_TXN_STATE,
  );
  log.close();
  removeDir(dir);
});

test('markers: an older producer epoch and an older coordinator epoch are refused; a newer epoch fences stragglers', () => {
  const dir = tempDir();
  const log = open(dir);
  log.append(txnBatch(7, 2, 0, 1), 0);
  assert.is(
    codeOf(() => log.appendTxnMarker(7, 1, 0, true, 0)),
    ErrorCode.INVALID_PRODUCER_EPOCH,
  );
  log.appendTxnMarker(7, 3, 5, false, 0); // the coordinator bumped the epoch at transaction end
  assert.is(
    codeOf(() => log.appendTxnMarker(7, 3, 4, false, 0)),
    ErrorCode.TRANSACTION_COORDINATOR_FENCED,
  );
  assert.is(log.producerState.get(7)?.epoch, 3);
  // A straggler of the old epoch (sent before the marker) must not join the next transaction.
  assert.is(
    codeOf(() => log.append(txnBatch(7, 2, 1, 1), 0)),
    ErrorCode.INVALID_PRODUCER_EPOCH,
  );
  // The new epoch starts over at sequence 0.
  log.append(txnBatch(7, 3, 0, 1), 0);
  assert.is(log.lastStableOffset, 2);
  log.close();
  removeDir(dir);
});

test('aborts are written to the segment .txnindex in Kafka format and listed for read_committed reads', () => {
  const dir = tempDir();
  const log = open(dir);
  log.append(txnBatch(7, 0, 0, 2), 0); // 0-1
  log.append(txnBatch(8, 0, 0, 1), 0); // 2
  log.appendTxnMarker(7, 0, 0, false, 0); // 3: abort 7 (8 still open: LSO 2)
  log.appendTxnMarker(8, 0, 0, true, 0); // 4: commit 8
  log.append(plainBatch(1), 0); // 5
  const file = path.join(log.dir, '00000000000000000000.txnindex');
  const bytes = fs.readFileSync(file);
  assert.is(bytes.length, 34);
  assert.is(bytes.readInt16BE(0), 0);
  assert.is(Number(bytes.readBigInt64BE(2)), 7);
  assert.is(Number(bytes.readBigInt64BE(10)), 0);
  assert.is(Number(bytes.readBigInt64BE(18)), 3);
  assert.is(Number(bytes.readBigInt64BE(26)), 2, 'last stable offset: producer 8 was still open');
  const r = log.read(0, 1 << 20, { maxOffset: log.lastStableOffset, abortedTransactions: true });
  assert.equal(r.abortedTransactions, [
    { producerId: 7, firstOffset: 0, lastOffset: 3, lastStableOffset: 2 },
  ]);
  assert.equal(log.read(4, 1 << 20, { maxOffset: 6, abortedTransactions: true }).abortedTransactions, []);
  assert.is(log.read(0, 1 << 20).abortedTransactions, null, 'read_uncommitted asks for none');
  log.close();
  removeDir(dir);
});

test('restart mid-transaction keeps the LSO (clean and unclean), and a deleted .txnindex is rebuilt', () => {
  const dir = tempDir();
  let log = open(dir);
  log.append(plainBatch(1), 0); // 0
  log.append(txnBatch(7, 0, 0, 2), 0); // 1-2
  log.append(txnBatch(9, 0, 0, 1), 0); // 3
  log.appendTxnMarker(9, 0, 0, false, 0); // 4: abort 9
  log.roll();
  log.append(txnBatch(7, 0, 2, 1), 0); // 5
  assert.is(log.lastStableOffset, 1);
  log.close();

  log = open(dir);
  assert.is(log.lastStableOffset, 1, 'clean restart');
  assert.equal(log.producerState.ongoingTxns(), [{ producerId: 7, producerEpoch: 0, firstOffset: 1 }]);
  log.abandon(); // a crash: no clean-shutdown marker, no snapshot at close
  fs.rmSync(path.join(log.dir, 'producer-state-snapshot'), { force: true });
  fs.rmSync(path.join(log.dir, '00000000000000000000.txnindex'));
  log = open(dir);
  assert.is(log.lastStableOffset, 1, 'unclean restart without a snapshot: rebuilt from the log');
  assert.equal(
    log.abortedTxns(0, 6).map((a) => [a.producerId, a.firstOffset, a.lastOffset]),
    [[9, 3, 4]],
    'the deleted index was rebuilt',
  );
  assert.ok(fs.existsSync(path.join(log.dir, '00000000000000000000.txnindex')));
  log.appendTxnMarker(7, 0, 0, true, 0); // 6
  assert.is(log.lastStableOffset, 7);
  log.close();
  removeDir(dir);
});

test('a follower computes the same transaction state from the leader batches; truncation reopens a transaction', () => {
  const ldir = tempDir();
  const fdir = tempDir();
  const leader = open(ldir);
  const follower = open(fdir);
  leader.append(txnBatch(7, 0, 0, 2), 0); // 0-1
  leader.append(txnBatch(8, 0, 0, 1), 0); // 2
  leader.appendTxnMarker(8, 0, 1, false, 0); // 3
  leader.appendTxnMarker(7, 0, 1, true, 0); // 4
  const all = leader.read(0, 1 << 20).records;
  follower.appendAsFollower(Buffer.from(all.subarray(0)));
  follower.updateHighWatermark(leader.highWatermark);
  assert.is(follower.lastStableOffset, leader.lastStableOffset);
  assert.equal(follower.abortedTxns(0, 5), leader.abortedTxns(0, 5));
  assert.is(follower.producerState.get(7)?.coordinatorEpoch, 1);
  // A diverged follower drops the commit marker: producer 7's transaction is open again.
  follower.truncateTo(4);
  follower.updateHighWatermark(4);
  assert.is(follower.lastStableOffset, 0);
  assert.equal(follower.producerState.ongoingTxns(), [{ producerId: 7, producerEpoch: 0, firstOffset: 0 }]);
  follower.truncateTo(3);
  assert.equal(follower.abortedTxns(0, 5), [], 'the abort went with its marker');
  leader.close();
  follower.close();
  removeDir(ldir);
  removeDir(fdir);
});

function idempotentBatch(producerId: number, baseSequence: number, count: number): Buffer {
  return encodeRecordBatch(
    Array.from({ length: count }, (_, i) => ({ value: `i${producerId}-${baseSequence + i}` })),
    { producerId, producerEpoch: 0, baseSequence, timestamp: TS },
  );
}

/** What producer state decides: ongoing transactions, LSO, aborts, and each producer's entry. */
function txnView(log: PartitionLog) {
  log.updateHighWatermark(log.logEndOffset);
  const leo = log.logEndOffset;
  return {
    lso: log.lastStableOffset,
    ongoing: log.producerState.ongoingTxns().sort((a, b) => a.producerId - b.producerId),
    aborted: log.abortedTxns(0, leo),
    producers: log.producerState.snapshot(leo).split('\n').slice(1).sort(),
  };
}

/** The same log replayed from its start, in a copy (no snapshots). */
function fullReplayView(dir: string) {
  const copy = tempDir();
  fs.cpSync(dir, copy, { recursive: true });
  const pdir = fs.readdirSync(copy).length === 1 ? path.join(copy, fs.readdirSync(copy)[0]!) : copy;
  for (const f of fs.readdirSync(pdir).filter((n) => n.startsWith('producer-state-snapshot')))
    fs.rmSync(path.join(pdir, f));
  fs.rmSync(path.join(pdir, 'clean-shutdown'), { force: true });
  const log = open(copy);
  const view = txnView(log);
  log.close();
  removeDir(copy);
  return view;
}

test('a truncation rebuilds producer state from the snapshot below it, as a full replay would; later snapshots are dropped', () => {
  const dir = tempDir();
  let log = open(dir);
  log.append(plainBatch(1), 0); // 0
  log.append(txnBatch(7, 0, 0, 2), 0); // 1-2: stays open
  log.append(txnBatch(9, 0, 0, 1), 0); // 3
  log.appendTxnMarker(9, 0, 0, false, 0); // 4: abort 9
  log.roll(); // snapshot at 5
  log.append(idempotentBatch(5, 0, 2), 0); // 5-6
  log.append(txnBatch(8, 0, 0, 1), 0); // 7
  log.appendTxnMarker(8, 0, 0, true, 0); // 8
  log.roll(); // snapshot at 9, the one at 5 kept as the previous
  log.append(txnBatch(10, 0, 0, 1), 0); // 9
  log.appendTxnMarker(10, 0, 0, false, 0); // 10: abort 10
  log.append(idempotentBatch(5, 2, 1), 0); // 11
  log.append(txnBatch(11, 0, 0, 1), 0); // 12
  log.close(); // snapshot at 13, the one at 9 the previous
  const snapshots = () =>
    fs
      .readdirSync(log.dir)
      .filter((n) => n.startsWith('producer-state-snapshot'))
      .map((n) => [n, fs.readFileSync(path.join(log.dir, n), 'utf8').split('\n')[0]])
      .sort();
  log = open(dir);
  assert.equal(snapshots(), [
    ['producer-state-snapshot', '2 13'],
    ['producer-state-snapshot.previous', '2 9'],
  ]);
  // A diverged follower drops the abort of 10 and what follows: 10 is open again.
  log.truncateTo(10);
  assert.equal(snapshots(), [['producer-state-snapshot.previous', '2 9']], 'the snapshot at 13 is gone');
  const truncated = txnView(log);
  assert.equal(
    truncated.ongoing.map((t) => [t.producerId, t.firstOffset]),
    [
      [7, 1],
      [10, 9],
    ],
  );
  assert.equal(
    truncated.aborted.map((a) => a.producerId),
    [9],
  );
  assert.is(log.producerState.get(5)?.batches.at(-1)?.lastSeq, 1);
  assert.equal(truncated, fullReplayView(dir));
  // A new history past the old snapshot's offset, then a crash: the open must not start from a snapshot
  // of the history that was cut.
  log.append(txnBatch(12, 0, 0, 4), 0); // 10-13
  log.append(plainBatch(1), 0); // 14
  log.abandon();
  log = open(dir);
  const reopened = txnView(log);
  assert.equal(
    reopened.ongoing.map((t) => [t.producerId, t.firstOffset]),
    [
      [7, 1],
      [10, 9],
      [12, 10],
    ],
  );
  assert.is(reopened.lso, 1);
  assert.equal(reopened, fullReplayView(dir));
  log.close();
  removeDir(dir);
});

function keyedTxn(producerId: number, seq: number, entries: [string, string][]): Buffer {
  return encodeRecordBatch(
    entries.map(([key, value]) => ({ key, value })),
    { producerId, producerEpoch: 0, baseSequence: seq, transactional: true, timestamp: TS },
  );
}

/**
 * What a read_committed consumer shows (Kafka's client rules): batches up to the LSO, dropping a
 * producer's transactional batches from an aborted transaction's first offset to its abort marker.
 */
function readCommitted(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  const aborting = new Set<number>();
  while (offset < log.lastStableOffset) {
    const r = log.read(offset, 1 << 20, { maxOffset: log.lastStableOffset, abortedTransactions: true });
    if (r.records.length === 0) break;
    const pending = [...(r.abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset);
    for (const b of decodeRecordBatches(r.records) as DecodedBatch[]) {
      while (pending.length > 0 && pending[0]!.firstOffset <= b.baseOffset + b.lastOffsetDelta)
        aborting.add(pending.shift()!.producerId);
      offset = b.baseOffset + b.lastOffsetDelta + 1;
      if (b.isControl) {
        if (b.records[0]?.key?.readInt16BE(2) === 0) aborting.delete(b.producerId);
        continue;
      }
      if (b.isTransactional && aborting.has(b.producerId)) continue;
      for (const rec of b.records) out.push(`${rec.key}=${rec.value}`);
    }
  }
  return out;
}

function markerOffsets(log: PartitionLog): number[] {
  const out: number[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 1 << 20);
    if (records.length === 0) break;
    for (const b of decodeRecordBatches(records)) {
      if (b.isControl) out.push(b.baseOffset);
      offset = b.baseOffset + b.lastOffsetDelta + 1;
    }
  }
  return out;
}

test('cleaner: aborted records go, read_committed never sees them; markers stay while their data does, then for delete.retention.ms', () => {
  const dir = tempDir();
  const DELETE_RETENTION = 60_000;
  const log = PartitionLog.open(dir, TP, {
    cleanupPolicy: 'compact',
    flush: 'always', // the roll's fdatasync is done before the cleaner looks
    retentionMs: -1,
    deleteRetentionMs: DELETE_RETENTION,
  });
  const plain = (k: string, v: string) => encodeRecordBatch([{ key: k, value: v }], { timestamp: TS });
  log.append(plain('k1', 'v1'), 0, TS); // 0
  log.append(keyedTxn(7, 0, [['k1', 'aborted']]), 0, TS); // 1
  log.append(keyedTxn(8, 0, [['k2', 'committed']]), 0, TS); // 2
  log.appendTxnMarker(7, 0, 0, false, 0, TS); // 3: abort 7
  log.appendTxnMarker(8, 0, 0, true, 0, TS); // 4: commit 8
  // Producer 7's next transaction, so the aborted batch is not its last (that one keeps an empty header).
  log.append(keyedTxn(7, 1, [['k5', 'v5']]), 0, TS); // 5
  log.appendTxnMarker(7, 0, 0, true, 0, TS); // 6
  log.append(plain('k3', 'v3'), 0, TS); // 7
  log.roll(TS);
  log.append(plain('k4', 'v4'), 0, TS); // 8: the active segment
  const expected = ['k1=v1', 'k2=committed', 'k5=v5', 'k3=v3', 'k4=v4'];
  assert.equal(readCommitted(log), expected);

  const first = cleanLog(log, TS);
  assert.ok(first.cleaned);
  assert.ok(first.recordsRemoved >= 1, 'the aborted record went');
  assert.equal(readCommitted(log), expected);
  assert.equal(markerOffsets(log), [3, 4, 6], 'every marker still had data in this pass');
  assert.equal(
    log.abortedTxns(0, 9).map((a) => [a.producerId, a.firstOffset, a.lastOffset]),
    [[7, 1, 3]],
  );

  // Second pass: the abort's data is gone, so its marker gets a delete horizon; the commit's data stays.
  const second = cleanLog(log, TS + 1000);
  assert.is(second.nextDeleteHorizonMs, TS + 1000 + DELETE_RETENTION);
  assert.equal(markerOffsets(log), [3, 4, 6]);
  assert.equal(readCommitted(log), expected);
  assert.equal(log.abortedTxns(0, 9), [], 'no data left to abort: the entry went with the rewrite');
  cleanLog(log, TS + 1000 + DELETE_RETENTION - 1);
  assert.equal(markerOffsets(log), [3, 4, 6], 'not before the horizon');
  cleanLog(log, TS + 1000 + DELETE_RETENTION);
  assert.equal(markerOffsets(log), [4, 6], 'the abort marker went after delete.retention.ms');
  assert.equal(readCommitted(log), expected);

  // After a restart (index rebuilt from the log if it were lost) read_committed still sees the same.
  log.close();
  fs.rmSync(path.join(log.dir, '00000000000000000000.txnindex'));
  const reopened = open(dir);
  assert.equal(readCommitted(reopened), expected);
  reopened.close();
  removeDir(dir);
});

test('cleaner: never past the last stable offset (an open transaction stays whole)', () => {
  const dir = tempDir();
  const log = PartitionLog.open(dir, TP, { cleanupPolicy: 'compact', flush: 'always', retentionMs: -1 });
  log.append(keyedTxn(7, 0, [['k', 'open']]), 0, TS); // 0: open transaction
  log.append(encodeRecordBatch([{ key: 'k', value: 'later' }], { timestamp: TS }), 0, TS); // 1
  log.roll(TS);
  log.append(encodeRecordBatch([{ key: 'x', value: 'y' }], { timestamp: TS }), 0, TS); // 2
  assert.is(log.lastStableOffset, 0);
  assert.is(log.cleanableEndOffset, 0);
  assert.not.ok(cleanLog(log, TS).cleaned);
  log.appendTxnMarker(7, 0, 0, false, 0, TS);
  assert.ok(log.cleanableEndOffset > 0);
  log.close();
  removeDir(dir);
});

test('a full disk when an abort is indexed: the marker stands, reads still see the abort, the next open rebuilds the index', () => {
  const tmpfs = mountTmpfs(1024 * 1024);
  if (typeof tmpfs === 'string') {
    console.log(`skipped: ${tmpfs}`);
    return;
  }
  try {
    let log = open(tmpfs.dir);
    log.append(txnBatch(7, 0, 0, 1), 0, TS); // 0: the segment's first page is allocated now
    // Fill every free page: the marker still fits in the segment's page, its index entry has none.
    const filler = path.join(tmpfs.dir, 'filler');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(4096, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch {}
    fs.closeSync(fd);
    log.appendTxnMarker(7, 0, 0, false, 0, TS); // 1
    assert.equal(
      log.abortedTxns(0, 2).map((a) => [a.producerId, a.firstOffset, a.lastOffset]),
      [[7, 0, 1]],
      'served from memory',
    );
    const index = path.join(log.dir, '00000000000000000000.txnindex');
    assert.not.ok(fs.existsSync(index), 'no index file that lacks the entry');
    log.close();
    fs.rmSync(filler);
    log = open(tmpfs.dir);
    assert.equal(
      log.abortedTxns(0, 2).map((a) => [a.producerId, a.firstOffset, a.lastOffset]),
      [[7, 0, 1]],
      'rebuilt at open',
    );
    assert.is(fs.statSync(index).size, 34);
    log.close();
  } finally {
    tmpfs.unmount();
  }
});

test.run();
