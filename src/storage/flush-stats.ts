// Log flush times (Kafka's LogFlushStats.LogFlushRateAndTimeMs): every fdatasync of a partition log, counted
// per thread in fixed buckets. Each owner thread has its own; the broker sums them when metrics are scraped
// (the LOG_STATS task), so the append path only adds to a few numbers.

/** Upper bounds in seconds, Prometheus `le` values: 0.1 ms to 10 s. */
export const FLUSH_TIME_BUCKETS_SECONDS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export interface FlushTimesSnapshot {
  /** Per bucket (not cumulative), the last one past every bound. */
  counts: number[];
  sumSeconds: number;
  count: number;
}

export class FlushTimes {
  readonly #counts = new Array<number>(FLUSH_TIME_BUCKETS_SECONDS.length + 1).fill(0);
  #sum = 0;
  #count = 0;

  /** One flush that took `ms` milliseconds. */
  record(ms: number): void {
    const s = ms / 1000;
    const b = FLUSH_TIME_BUCKETS_SECONDS;
    let i = 0;
    while (i < b.length && s > b[i]!) i++;
    this.#counts[i]!++;
    this.#sum += s;
    this.#count++;
  }

  snapshot(): FlushTimesSnapshot {
    return { counts: [...this.#counts], sumSeconds: this.#sum, count: this.#count };
  }
}

/** This thread's log flushes (a worker's, or the main thread's when the logs run there). */
export const flushTimes = new FlushTimes();
