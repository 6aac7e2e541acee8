// LogLimiter with an injected clock: at most perInterval lines per interval, the rest counted and summed up
// in one line (by flush, or its timer once the interval is over), a new interval writes again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LogLimiter } from '../dist/log-limiter.js';

function sink() {
  const lines: string[] = [];
  return {
    lines,
    log: { info: (l: string) => lines.push(`I ${l}`), warn: (l: string) => lines.push(`W ${l}`), debug() {} },
  };
}

test('10 lines an interval, the rest counted in one summary; the next interval writes again', async () => {
  let now = 1000;
  const s = sink();
  const limiter = new LogLimiter(s.log, 'bad things', 10, 1000, () => now);
  for (let i = 0; i < 25; i++) limiter.warn(`bad ${i}`);
  assert.is(s.lines.length, 10);
  assert.is(limiter.suppressed, 15);
  now = 2000;
  limiter.info('good again');
  assert.equal(s.lines.slice(10), [
    'W 15 more bad things not logged (at most 10 lines per 1000 ms)',
    'I good again',
  ]);
  assert.is(limiter.suppressed, 0);
  // The timer sums up a flood that stops: no later line needed.
  for (let i = 0; i < 12; i++) limiter.warn('again');
  await new Promise((r) => setTimeout(r, 1100));
  assert.match(s.lines[s.lines.length - 1]!, /^W 3 more bad things not logged/);
  limiter.flush();
  assert.is(s.lines.filter((l) => l.includes('more bad things')).length, 2);
});

test('limits must be at least 1', () => {
  assert.throws(() => new LogLimiter(sink().log, 'x', 0), /must be >= 1/);
});

test.run();
