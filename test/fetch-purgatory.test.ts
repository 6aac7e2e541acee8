// The long-poll purgatory at its limit: at most maxParked fetches wait; one more is answered at once, and a
// slot frees when a waiter completes (by bytes appended to its partition's replica state, or by timeout).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FetchPurgatory } from '../dist/broker/fetch-purgatory.js';
import { BytesBelow } from '../dist/cluster/bytes-below.js';
import { PartitionState } from '../dist/cluster/partition-state.js';

const OFFSETS = { logEndOffset: 1, highWatermark: 1 };

test('at most maxParked fetches wait; the next is refused until one completes', async () => {
  const p = new FetchPurgatory(2);
  const w = new PartitionState('t', 0, 1);
  const a = p.wait([w], 100, 10_000);
  const b = p.wait([w], 500, 10_000);
  assert.is(p.size, 2);
  assert.is(await p.wait([w], 100, 10_000), false, 'over the limit: answered at once');
  w.onAppend(OFFSETS, 150); // enough for the first, not the second
  assert.is(await a, true);
  assert.is(p.size, 1);
  assert.is(w.waiters.length, 1, 'the woken fetch left the partition');
  const c = p.wait([w], 10, 20);
  assert.is(p.size, 2);
  assert.is(await c, true, 'times out after max wait');
  p.close();
  assert.is(await b, true, 'close wakes what is parked');
  assert.is(await p.wait([w], 1, 1000), false, 'closed: no new waits');
  assert.is(p.size, 0);
  assert.is(w.waiters.length, 0);
});

test('a fetch on two partitions wakes on bytes from either, and once', async () => {
  const p = new FetchPurgatory(10);
  const x = new PartitionState('t', 0, 1);
  const y = new PartitionState('t', 1, 1);
  const f = p.wait([x, y, y], 100, 10_000);
  assert.equal([x.waiters.length, y.waiters.length], [1, 1], 'the same partition twice is watched once');
  x.onAppend(OFFSETS, 60);
  assert.is(p.size, 1);
  y.onAppend(OFFSETS, 60);
  assert.is(await f, true);
  assert.equal([x.waiters.length, y.waiters.length, p.size], [0, 0, 0]);
  assert.equal([x.appendedBytes, y.appendedBytes], [60, 60]);
});

test('a partition going away wakes its fetches', async () => {
  const p = new FetchPurgatory(10);
  const x = new PartitionState('t', 0, 1);
  const f = p.wait([x], 100, 10_000);
  x.wakeAll();
  assert.is(await f, true);
  assert.is(p.size, 0);
});

test('a limit of zero never parks', async () => {
  const p = new FetchPurgatory(0);
  assert.is(await p.wait([new PartitionState('t', 0, 1)], 1, 1000), false);
});

test('read_committed: a fetch counts the bytes the last stable offset passes, not appends', async () => {
  const p = new FetchPurgatory(10);
  const w = new PartitionState('t', 0, 1);
  w.onLogOpened({ logEndOffset: 0, highWatermark: 0, lastStableOffset: 0 });
  let woken = false;
  const f = p.wait([w], 100, 10_000, false, true).then(() => (woken = true));
  // A transaction's batch: appended, but the LSO stays.
  w.onAppend({ baseOffset: 0, lastOffset: 0, logEndOffset: 1, highWatermark: 1, lastStableOffset: 0 }, 80);
  // A plain batch after it: still held by the open transaction.
  w.onAppend({ baseOffset: 1, lastOffset: 4, logEndOffset: 5, highWatermark: 5, lastStableOffset: 0 }, 50);
  await Promise.resolve();
  assert.is(woken, false, 'nothing stable yet');
  // The marker, while the LSO only passes the transaction's batch: 80 < 100.
  w.onAppend({ baseOffset: 5, lastOffset: 5, logEndOffset: 6, highWatermark: 6, lastStableOffset: 2 }, 10);
  await Promise.resolve();
  assert.is(woken, false, 'the plain batch is not below the LSO yet');
  assert.is(w.stableBytes.passed, 80);
  w.onLastStableOffset(6);
  await f;
  assert.is(w.stableBytes.passed, 140);
  assert.is(w.stableBytes.size, 0);
});

test('read_committed: the LSO passing bytes from before this leadership wakes the fetch to read again', async () => {
  const p = new FetchPurgatory(10);
  const w = new PartitionState('t', 0, 1);
  w.onLogOpened({ logEndOffset: 10, highWatermark: 10, lastStableOffset: 3 });
  const f = p.wait([w], 1_000_000, 10_000, false, true);
  w.onAppend(
    { baseOffset: 10, lastOffset: 10, logEndOffset: 11, highWatermark: 11, lastStableOffset: 11 },
    1,
  );
  assert.is(await f, true);
  assert.is(w.stableBytes.unknownPasses, 1);
});

test('BytesBelow at maxEntries: a further append joins the last one and counts once the bound passes its end', () => {
  const b = new BytesBelow(2);
  b.onAppend(0, 1, 10);
  b.onAppend(1, 2, 20);
  b.onAppend(2, 3, 30); // joins [1, 3)
  assert.is(b.size, 2);
  b.advance(0, 2);
  assert.is(b.passed, 10, 'the joined entry ends at 3 now');
  assert.is(b.passedUnknown, false);
  b.advance(2, 3);
  assert.is(b.passed, 60);
  // A result that comes back after a later one joins the last entry.
  b.onAppend(5, 6, 5);
  b.onAppend(3, 5, 7);
  assert.is(b.size, 1);
  b.advance(3, 5);
  assert.is(b.passed, 60);
  b.advance(5, 6);
  assert.is(b.passed, 72);
  assert.throws(() => new BytesBelow(0), RangeError);
});

test.run();
