// A small Prometheus registry: metric families that write their samples at scrape time, histograms with
// fixed buckets for the few values observed on a request path, and the text exposition format 0.0.4.
// Hand-written rather than prom-client: the hot path needs only an array index, a counter add and a
// bucket search, and everything else is read from the broker's own state when a scrape asks.
//
// Limit: a family writes at most `maxSeries` labelled series per scrape; the rest are left out and counted
// in runnel_metrics_series_dropped{metric="..."}, so a scrape's size is bounded whatever the broker holds.
import { FLUSH_TIME_BUCKETS_SECONDS } from '../../storage/flush-stats.js';

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Where a family writes its samples during one scrape. */
export interface SampleSink {
  /** One sample; `labels` alternate name, value (e.g. ['topic', 't', 'partition', '0']). */
  sample(value: number, labels?: readonly string[]): void;
  /** A histogram's bucket, sum and count lines for one label set. */
  histogram(h: Histogram, labels?: readonly string[]): void;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  collect(sink: SampleSink): void;
}

/**
 * Cumulative histogram with fixed upper bounds (`le`), Prometheus style: observe() finds the first bound
 * at or above the value and counts it there; the exposition sums buckets up.
 */
export class Histogram {
  readonly bounds: Float64Array;
  /** Per bucket, not cumulative; the last one is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i]! > bounds[i - 1]!)) throw new RangeError('histogram bounds must increase');
    }
    this.bounds = Float64Array.from(bounds);
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(v: number): void {
    const b = this.bounds;
    let i = 0;
    while (i < b.length && v > b[i]!) i++;
    this.counts[i]!++;
    this.sum += v;
    this.count++;
  }

  /** Adds another histogram with the same bounds (per-thread histograms merged at scrape time). */
  merge(counts: ArrayLike<number>, sum: number, count: number): void {
    if (counts.length !== this.counts.length) throw new RangeError('histogram bounds differ');
    for (let i = 0; i < counts.length; i++) this.counts[i]! += counts[i]!;
    this.sum += sum;
    this.count += count;
  }
}

/** Seconds: 0.1 ms to 10 s, for request and flush times (one set, so flush histograms merge). */
export const LATENCY_BUCKETS_SECONDS = FLUSH_TIME_BUCKETS_SECONDS;

/** Metric and label names as Prometheus allows them. */
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function labelText(labels: readonly string[] | undefined, extra?: string): string {
  if ((labels === undefined || labels.length === 0) && extra === undefined) return '';
  const parts: string[] = [];
  if (labels !== undefined) {
    for (let i = 0; i + 1 < labels.length; i += 2) {
      parts.push(`${labels[i]}="${escapeLabelValue(labels[i + 1]!)}"`);
    }
  }
  if (extra !== undefined) parts.push(extra);
  return `{${parts.join(',')}}`;
}

export class MetricsRegistry {
  readonly maxSeries: number;
  readonly #families: MetricFamily[] = [];
  readonly #names = new Set<string>();
  /** Series left out at the last scrape, by family. */
  readonly #dropped = new Map<string, number>();

  constructor(maxSeries: number) {
    if (!Number.isSafeInteger(maxSeries) || maxSeries < 1)
      throw new RangeError(`maxSeries must be a positive integer, got ${maxSeries}`);
    this.maxSeries = maxSeries;
    this.register({
      name: 'runnel_metrics_series_dropped',
      help: 'Labelled series left out of the last scrape because a family reached metrics.max.series',
      type: 'gauge',
      collect: (sink) => {
        for (const [metric, n] of this.#dropped) sink.sample(n, ['metric', metric]);
      },
    });
  }

  register(family: MetricFamily): void {
    if (!NAME.test(family.name)) throw new Error(`bad metric name ${family.name}`);
    if (this.#names.has(family.name)) throw new Error(`metric ${family.name} registered twice`);
    this.#names.add(family.name);
    this.#families.push(family);
  }

  /** One scrape in the text exposition format 0.0.4. A family that throws is left out (and said so). */
  scrape(): string {
    const out: string[] = [];
    const dropped = new Map<string, number>();
    for (const f of this.#families) {
      if (f.name === 'runnel_metrics_series_dropped') continue;
      this.#write(f, out, dropped);
    }
    this.#dropped.clear();
    for (const [k, v] of dropped) this.#dropped.set(k, v);
    // Not limited itself: one series per family at most, and the families are a fixed set.
    this.#write(this.#families[0]!, out, dropped, false);
    return `${out.join('\n')}\n`;
  }

  #write(f: MetricFamily, out: string[], dropped: Map<string, number>, limited = true): void {
    const lines: string[] = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`];
    let series = 0;
    const admit = (labels: readonly string[] | undefined): boolean => {
      if (labels !== undefined && labels.length > 0) {
        for (let i = 0; i < labels.length; i += 2) {
          if (!LABEL.test(labels[i]!)) throw new Error(`bad label name ${labels[i]} on ${f.name}`);
        }
        if (limited && series >= this.maxSeries) {
          dropped.set(f.name, (dropped.get(f.name) ?? 0) + 1);
          return false;
        }
      }
      series++;
      return true;
    };
    const sink: SampleSink = {
      sample: (value, labels) => {
        if (admit(labels)) lines.push(`${f.name}${labelText(labels)} ${formatValue(value)}`);
      },
      histogram: (h, labels) => {
        if (!admit(labels)) return;
        let cumulative = 0;
        for (let i = 0; i < h.bounds.length; i++) {
          cumulative += h.counts[i]!;
          lines.push(
            `${f.name}_bucket${labelText(labels, `le="${formatValue(h.bounds[i]!)}"`)} ${cumulative}`,
          );
        }
        lines.push(`${f.name}_bucket${labelText(labels, 'le="+Inf"')} ${h.count}`);
        lines.push(`${f.name}_sum${labelText(labels)} ${formatValue(h.sum)}`);
        lines.push(`${f.name}_count${labelText(labels)} ${h.count}`);
      },
    };
    try {
      f.collect(sink);
    } catch (err) {
      lines.push(`# ${f.name}: not collected (${(err as Error).message.replace(/\n/g, ' ')})`);
    }
    for (const l of lines) out.push(l);
  }
}
