// The metrics registry on its own: the text exposition format (label value escaping, cumulative histogram
// buckets, +Inf), the series limit at and past it, and what a family that throws or a bad name does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Histogram, MetricsRegistry } from '../dist/broker/metrics/registry.js';

test('label values are escaped: backslash, double quote and newline', () => {
  const r = new MetricsRegistry(10);
  r.register({
    name: 'kafka_consumergroup_lag',
    help: 'lag\nwith a newline in help',
    type: 'gauge',
    collect: (s) => s.sample(3, ['consumergroup', 'a"b\\c\nd', 'partition', '0']),
  });
  const text = r.scrape();
  assert.ok(text.includes('# HELP kafka_consumergroup_lag lag\\nwith a newline in help\n'));
  assert.ok(text.includes('kafka_consumergroup_lag{consumergroup="a\\"b\\\\c\\nd",partition="0"} 3\n'));
  // One sample line per sample: the newline inside the value did not split it.
  assert.is(text.split('\n').filter((l) => l.startsWith('kafka_consumergroup_lag')).length, 1);
});

test('histogram: buckets are cumulative, +Inf equals the count, sum is the total', () => {
  const h = new Histogram([0.001, 0.01, 0.1]);
  for (const v of [0.0005, 0.001, 0.002, 0.05, 0.5, 7]) h.observe(v);
  const r = new MetricsRegistry(10);
  r.register({
    name: 't_seconds',
    help: 'h',
    type: 'histogram',
    collect: (s) => s.histogram(h, ['request', 'Fetch']),
  });
  const lines = r.scrape().split('\n');
  const bucket = (le: string) =>
    lines.find((l) => l.startsWith(`t_seconds_bucket{request="Fetch",le="${le}"}`));
  // 0.001 is in the 0.001 bucket (le: less than or equal).
  assert.is(bucket('0.001'), 't_seconds_bucket{request="Fetch",le="0.001"} 2');
  assert.is(bucket('0.01'), 't_seconds_bucket{request="Fetch",le="0.01"} 3');
  assert.is(bucket('0.1'), 't_seconds_bucket{request="Fetch",le="0.1"} 4');
  assert.is(bucket('+Inf'), 't_seconds_bucket{request="Fetch",le="+Inf"} 6');
  assert.ok(lines.includes('t_seconds_count{request="Fetch"} 6'));
  const sum = Number(lines.find((l) => l.startsWith('t_seconds_sum'))!.split(' ')[1]);
  assert.ok(Math.abs(sum - 7.5535) < 1e-9, `sum ${sum}`);
  // Merging a per-thread histogram with the same bounds adds up.
  const merged = new Histogram([0.001, 0.01, 0.1]);
  merged.merge(h.counts, h.sum, h.count);
  merged.merge(h.counts, h.sum, h.count);
  assert.is(merged.count, 12);
  assert.throws(() => merged.merge([1, 2], 0, 3), /bounds differ/);
  assert.throws(() => new Histogram([1, 1]), /increase/);
});

test('the series limit: exactly maxSeries labelled series pass, the rest are counted as dropped', () => {
  let n = 0;
  const r = new MetricsRegistry(3);
  r.register({
    name: 'lag',
    help: 'h',
    type: 'gauge',
    collect: (s) => {
      for (let i = 0; i < n; i++) s.sample(i, ['partition', String(i)]);
    },
  });
  r.register({ name: 'plain', help: 'h', type: 'gauge', collect: (s) => s.sample(1) });
  const count = (text: string) => text.split('\n').filter((l) => l.startsWith('lag{')).length;
  n = 3;
  let text = r.scrape();
  assert.is(count(text), 3);
  assert.not.ok(text.includes('runnel_metrics_series_dropped{'));
  n = 5;
  text = r.scrape();
  assert.is(count(text), 3);
  assert.ok(text.includes('runnel_metrics_series_dropped{metric="lag"} 2\n'));
  assert.ok(text.includes('plain 1\n'));
  // Back under the limit: the drop count goes away with the next scrape.
  n = 1;
  text = r.scrape();
  assert.is(count(text), 1);
  assert.not.ok(text.includes('runnel_metrics_series_dropped{'));
  assert.throws(() => new MetricsRegistry(0), /positive integer/);
});

test('a family that throws is left out with a comment; names are checked, and registered once', () => {
  const r = new MetricsRegistry(10);
  r.register({
    name: 'broken',
    help: 'h',
    type: 'gauge',
    collect: () => {
      throw new Error('no store yet');
    },
  });
  r.register({ name: 'ok_total', help: 'h', type: 'counter', collect: (s) => s.sample(4) });
  const text = r.scrape();
  assert.ok(text.includes('# broken: not collected (no store yet)\n'));
  assert.ok(text.includes('ok_total 4\n'));
  assert.throws(
    () => r.register({ name: 'ok_total', help: 'h', type: 'counter', collect: () => {} }),
    /twice/,
  );
  assert.throws(
    () => r.register({ name: 'bad-name', help: 'h', type: 'gauge', collect: () => {} }),
    /bad metric name/,
  );
  r.register({ name: 'bad_label', help: 'h', type: 'gauge', collect: (s) => s.sample(1, ['0x', 'y']) });
  assert.ok(r.scrape().includes('# bad_label: not collected (bad label name 0x on bad_label)'));
});

test.run();
