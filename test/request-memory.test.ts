// RequestMemory (queued.max.request.bytes) on its own: reservations up to the limit, waiters granted in
// arrival order (a small frame never overtakes a large one), a withdrawn waiter unblocks the ones behind it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RequestMemory } from '../dist/broker/request-memory.js';

function waiter(log: string[], name: string) {
  return { granted: (bytes: number) => log.push(`${name}:${bytes}`) };
}

test('reserves up to the limit; past it waiters are granted in order as memory is released', () => {
  const m = new RequestMemory(100, 60);
  const log: string[] = [];
  assert.ok(m.reserve(60, waiter(log, 'a')));
  assert.ok(m.reserve(40, waiter(log, 'b')));
  assert.is(m.used, 100);
  assert.not.ok(m.reserve(50, waiter(log, 'big')));
  // 10 bytes would fit after a release of 10, but the big frame is ahead: no overtaking.
  assert.not.ok(m.reserve(10, waiter(log, 'small')));
  assert.is(m.waiting, 2);
  m.release(40);
  assert.equal(log, []);
  m.release(20);
  assert.equal(log, ['big:50', 'small:10']);
  assert.is(m.used, 100);
  assert.is(m.waiting, 0);
});

test('a cancelled head waiter lets the next one in; bad releases and limits are refused', () => {
  const m = new RequestMemory(100, 100);
  const log: string[] = [];
  assert.ok(m.reserve(90, waiter(log, 'a')));
  const big = waiter(log, 'big');
  assert.not.ok(m.reserve(100, big));
  assert.not.ok(m.reserve(10, waiter(log, 'small')));
  m.cancel(big);
  assert.equal(log, ['small:10']);
  assert.throws(() => m.release(101), /only 100 reserved/);
  assert.throws(() => new RequestMemory(1000, 2000), /at least socket.request.max.bytes/);
});

test.run();
