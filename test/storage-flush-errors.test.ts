// Background flushes and segment deletion: a rolled segment deleted by DeleteRecords or retention while its
// fdatasync is still queued must not take the partition offline.
import { pbkdf2 } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PartitionLog } from '../dist/storage/log.js';
import { makeBatch, removeDir, TP, tempDir } from './helpers/storage-util.js';

/** Occupies libuv's thread pool (4 threads by default) so queued fdatasyncs wait behind it. */
function busyThreadPool(): Promise<unknown> {
  return Promise.all(
    Array.from(
      { length: 4 },
      () => new Promise<void>((resolve) => pbkdf2('x', 'salt', 300_000, 32, 'sha256', () => resolve())),
    ),
  );
}

test('deleting a rolled segment whose flush is queued leaves the log writable and clean', async () => {
  const dir = tempDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 4096 });
  const busy = busyThreadPool();
  for (let i = 0; i < 20; i++) log.append(makeBatch(i, { valueBytes: 500 }), 0);
  assert.ok(log.numberOfSegments > 2, 'rolled');
  log.deleteRecordsBefore(-1); // deletes every closed segment, closing their files
  await busy;
  await new Promise((r) => setTimeout(r, 50));
  assert.is(log.lastFlushError, null);
  const next = log.append(makeBatch(99), 0);
  assert.is(next.baseOffset, 20);
  log.close();
  const reopened = PartitionLog.open(dir, TP, { segmentBytes: 4096 });
  assert.ok(reopened.recoveryStats.cleanShutdown, 'closed cleanly');
  assert.is(reopened.logEndOffset, 21);
  reopened.close();
  removeDir(dir);
});

test.run();
