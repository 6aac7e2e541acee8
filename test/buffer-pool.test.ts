// The power-of-two buffer pool behind pooled Produce frames and Fetch reads, at its limits: the size range,
// the idle cap, and what it must refuse to take back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BufferPool } from '../dist/buffer-pool.js';

test('sizes inside the range get the next power of two; outside it, null', () => {
  const pool = new BufferPool(12, 16, 1 << 20);
  assert.is(pool.take(4095), null);
  assert.is(pool.take(4096)!.length, 4096);
  assert.is(pool.take(4097)!.length, 8192);
  assert.is(pool.take(65_536)!.length, 65_536);
  assert.is(pool.take(65_537), null);
  // Far beyond 2^31 (where 32-bit shifts wrap): declined at once, not looped on.
  assert.is(pool.take(2 ** 31 + 5), null);
  assert.is(new BufferPool(12, 16, 1 << 20, false).take(8192), null);
});

test('a buffer given back is handed out again; foreign, repeated and detached gives are ignored', () => {
  const pool = new BufferPool(12, 16, 1 << 20);
  const a = pool.take(5000)!;
  assert.ok(pool.owns(a.buffer));
  pool.give(a.buffer);
  assert.not.ok(pool.owns(a.buffer));
  assert.is(pool.idleBytes, 8192);
  pool.give(a.buffer); // twice
  assert.is(pool.idleBytes, 8192);
  pool.give(new ArrayBuffer(8192)); // never issued
  assert.is(pool.idleBytes, 8192);
  const b = pool.take(8000)!;
  assert.ok(b.buffer === a.buffer, 'the idle buffer is reused');
  assert.is(pool.idleBytes, 0);
  // Transferred away (detached) before it came back: dropped, not pooled at size 0.
  const c = pool.take(4096)!;
  structuredClone(c.buffer, { transfer: [c.buffer as ArrayBuffer] });
  assert.is(c.buffer.byteLength, 0);
  pool.give(c.buffer);
  assert.is(pool.idleBytes, 0);
});

test('idle bytes never exceed the cap; what does not fit is left to the collector', () => {
  const pool = new BufferPool(12, 16, 3 * 65_536);
  const out = Array.from({ length: 5 }, () => pool.take(65_536)!);
  for (const b of out) pool.give(b.buffer);
  assert.is(pool.idleBytes, 3 * 65_536);
  // Exactly at the cap: one more small buffer does not fit either.
  const small = pool.take(4096)!;
  pool.give(small.buffer);
  assert.is(pool.idleBytes, 3 * 65_536);
  pool.take(65_536);
  assert.is(pool.idleBytes, 2 * 65_536);
});

test.run();
