// The long-poll purgatory at its limit: at most maxParked fetches wait; one more is answered at once, and a
// slot frees when a waiter completes (by bytes or by timeout).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FetchPurgatory } from '../dist/broker/fetch-purgatory.js';

test('at most maxParked fetches wait; the next is refused until one completes', async () => {
  const p = new FetchPurgatory(2);
  const w = p.watch('t', 0);
  const a = p.wait([w], 100, 10_000);
  const b = p.wait([w], 500, 10_000);
  assert.is(p.size, 2);
  assert.is(await p.wait([w], 100, 10_000), false, 'over the limit: answered at once');
  p.onAppend('t', 0, 150); // enough for the first, not the second
  assert.is(await a, true);
  assert.is(p.size, 1);
  const c = p.wait([w], 10, 20);
  assert.is(p.size, 2);
  assert.is(await c, true, 'times out after max wait');
  p.close();
  assert.is(await b, true, 'close wakes what is parked');
  assert.is(await p.wait([w], 1, 1000), false, 'closed: no new waits');
  assert.is(p.size, 0);
});

test('a limit of zero never parks', async () => {
  const p = new FetchPurgatory(0);
  assert.is(await p.wait([p.watch('t', 0)], 1, 1000), false);
});

test.run();
