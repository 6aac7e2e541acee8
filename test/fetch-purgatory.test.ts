// The long-poll purgatory at its limit: at most maxParked fetches wait; one more is answered at once, and a
// slot frees when a waiter completes (by bytes appended to its partition's replica state, or by timeout).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FetchPurgatory } from '../dist/broker/fetch-purgatory.js';
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

test.run();
