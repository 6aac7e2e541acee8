// The replication throttle's rule on a manual clock: a throttled byte pushes the next throttled fetch back by
// bytes / rate, so N bytes take at least N / rate; each fetch asks for at most a second's worth.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/clock.js';
import { ReplicationThrottle } from '../dist/cluster/replication/throttle.js';

test('N bytes at R bytes/s: the fetches that carry them end no sooner than N/R after the first', () => {
  const clock = new ManualClock(0);
  const t = new ReplicationThrottle(1000, clock);
  assert.is(t.partitionMaxBytes(1 << 20), 1000, 'a second at most');
  assert.is(t.partitionMaxBytes(500), 500, 'never above replica.fetch.max.bytes');
  // Fetch as soon as allowed, each answer full (a larger first batch comes whole: 1500 once).
  let moved = 0;
  let fetches = 0;
  const sizes = [1500, 1000, 1000, 1000, 500];
  while (moved < 5000) {
    clock.advance(t.delayMs());
    assert.is(t.delayMs(), 0);
    const bytes = sizes[fetches++]!;
    moved += bytes;
    t.record(bytes);
  }
  // The fetch that reports the last bytes to the leader goes out once the rate allows it.
  clock.advance(t.delayMs());
  assert.ok(clock.now() >= 5000, `at ${clock.now()} ms`);
  assert.is(t.throttledBytes, 5000);
});

test('idle time is not saved up; bad rates are refused', () => {
  const clock = new ManualClock(0);
  const t = new ReplicationThrottle(100, clock);
  clock.advance(60_000);
  t.record(200);
  assert.is(t.delayMs(), 2000, 'a minute idle buys no burst');
  for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => new ReplicationThrottle(bad, clock));
});

test('a live rate change re-prices the debt; 0 lifts the throttle', () => {
  const clock = new ManualClock(0);
  const t = new ReplicationThrottle(1000, clock);
  t.record(4000);
  assert.is(t.delayMs(), 4000);
  t.setRate(4000);
  assert.is(t.delayMs(), 1000, '4000 bytes at 4000 B/s');
  assert.is(t.partitionMaxBytes(1 << 20), 4000);
  t.setRate(0);
  assert.not.ok(t.limited);
  assert.is(t.delayMs(), 0);
  assert.is(t.partitionMaxBytes(1 << 20), 1 << 20);
  t.record(1000);
  assert.is(t.throttledBytes, 4000, 'unthrottled bytes are not counted');
  t.setRate(500);
  t.record(1000);
  assert.is(t.delayMs(), 2000, 'starts from now, no old debt');
});

test.run();
