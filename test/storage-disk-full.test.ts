// A partition log on a really full disk (a small tmpfs; root only, skipped with the reason otherwise). The
// indexes are preallocated larger than the whole disk (sparse) and dense (an entry per batch). Appends
// must fail with KAFKA_STORAGE_ERROR and leave only whole batches, a roll that cannot make its segment must
// leave no half-made one, DeleteRecords must succeed by freeing segments first, and the log must close and
// reopen (clean or after a crash) while still full.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { PartitionLog } from '../dist/storage/log.js';
import { mountTmpfs, topUp } from './helpers/disk-full.js';
import { makeBatch, partitionDir, readAll, TP, tagOf } from './helpers/storage-util.js';

const CONFIG = { segmentBytes: 64 * 1024, indexIntervalBytes: 1, segmentIndexBytes: 8 * 1024 * 1024 };

function batch(tag: number): Buffer {
  return makeBatch(tag, { valueBytes: 700, timestamp: 1_700_000_000_000 + tag });
}

/** Appends until `failuresWanted` appends in a row failed; returns the tags acknowledged. */
function fill(log: PartitionLog, from: number, acked: number[], failuresWanted = 20): number {
  let tag = from;
  let failures = 0;
  while (failures < failuresWanted) {
    try {
      log.append(batch(tag), 0);
      acked.push(tag);
      failures = 0;
    } catch (e) {
      assert.instance(e, KafkaError);
      assert.is((e as KafkaError).code, ErrorCode.KAFKA_STORAGE_ERROR, (e as Error).message);
      failures++;
    }
    tag++;
  }
  return tag;
}

/** Every segment file belongs to a segment of the log, and every segment has its three files. */
function checkFiles(log: PartitionLog): void {
  const names = fs.readdirSync(log.dir);
  const bases = log.segmentBaseOffsets().map((b) => String(b).padStart(20, '0'));
  for (const suffix of ['.log', '.index', '.timeindex']) {
    const found = names.filter((n) => n.endsWith(suffix)).map((n) => n.slice(0, -suffix.length));
    assert.equal(found.sort(), [...bases].sort(), `${suffix} files match the segments`);
  }
  assert.ok(!names.some((n) => n.endsWith('.tmp')), 'no temp file left holding space');
}

test('a log on a full disk: KAFKA_STORAGE_ERROR, whole batches only, DeleteRecords frees, reopen works', () => {
  const tmpfs = mountTmpfs(2 * 1024 * 1024);
  if (typeof tmpfs === 'string') {
    console.log(`skipped: ${tmpfs}`);
    return;
  }
  try {
    let log = PartitionLog.open(tmpfs.dir, TP, CONFIG);
    const acked: number[] = [];
    let tag = fill(log, 0, acked);
    assert.ok(log.numberOfSegments > 10, `rolled: ${log.numberOfSegments} segments`);
    checkFiles(log);
    assert.equal(readAll(log).map(tagOf), acked, 'exactly the acknowledged batches');
    assert.is(log.logEndOffset, acked.length);

    // DeleteRecords on the full disk: segments go first, so its checkpoint finds room.
    topUp(tmpfs.dir);
    const cut = log.segmentBaseOffsets()[5]!;
    assert.is(log.deleteRecordsBefore(cut), cut);
    assert.is(log.logStartOffset, cut);
    acked.splice(0, cut); // one batch per offset
    checkFiles(log);
    // Writes resume without a reopen, until the disk is full again.
    const before = acked.length;
    tag = fill(log, tag, acked);
    assert.ok(acked.length > before, 'appends resumed after DeleteRecords');
    assert.equal(readAll(log).map(tagOf), acked);

    // A clean close and open on the full disk.
    topUp(tmpfs.dir);
    log.close();
    log = PartitionLog.open(tmpfs.dir, TP, CONFIG);
    assert.ok(log.recoveryStats.cleanShutdown);
    assert.is(log.logStartOffset, cut, 'the log start survived');
    assert.equal(readAll(log).map(tagOf), acked);

    // A crash (the handles dropped as they are) and a recovering open, still full.
    fill(log, tag, acked);
    topUp(tmpfs.dir);
    log.abandon();
    fs.rmSync(path.join(partitionDir(tmpfs.dir), 'recovery-point-offset-checkpoint'), { force: true });
    log = PartitionLog.open(tmpfs.dir, TP, CONFIG);
    assert.not.ok(log.recoveryStats.cleanShutdown);
    assert.equal(readAll(log).map(tagOf), acked, 'recovery on a full disk keeps every batch');
    checkFiles(log);
    log.close();
  } finally {
    tmpfs.unmount();
  }
});

test.run();
