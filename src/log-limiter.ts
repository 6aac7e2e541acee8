// A cap on one kind of log line (failed logins, connections closed before they authenticated): a flood of bad
// connections must not flood the log, nor hide everything else in it. Up to `perInterval` lines per
// interval are written; the rest are counted, and one line says how many were left out once the interval
// that left them out is over (a timer, so the count is written even if the flood stops).
//
// Limit: `perInterval` lines plus one summary line per `intervalMs`.
import type { LogSink } from './logger.js';

export class LogLimiter {
  readonly #log: LogSink;
  readonly #what: string;
  readonly #perInterval: number;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #written = 0;
  #suppressed = 0;
  #timer: NodeJS.Timeout | null = null;

  /** `what` names the lines in the summary ("failed authentications"). */
  constructor(log: LogSink, what: string, perInterval = 10, intervalMs = 1000, now: () => number = Date.now) {
    if (!(perInterval >= 1 && intervalMs >= 1))
      throw new RangeError('perInterval and intervalMs must be >= 1');
    this.#log = log;
    this.#what = what;
    this.#perInterval = perInterval;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Lines left out so far and not yet summed up. */
  get suppressed(): number {
    return this.#suppressed;
  }

  warn(line: string): void {
    this.#line(line, 'warn');
  }

  info(line: string): void {
    this.#line(line, 'info');
  }

  #line(line: string, level: 'warn' | 'info'): void {
    const now = this.#now();
    if (now - this.#windowStart >= this.#intervalMs) {
      this.flush();
      this.#windowStart = now;
      this.#written = 0;
    }
    if (this.#written < this.#perInterval) {
      this.#written++;
      this.#log[level](line);
      return;
    }
    this.#suppressed++;
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#windowStart + this.#intervalMs - now);
      this.#timer.unref();
    }
  }

  /** Writes the summary of the lines left out, if any (the timer calls it; so may a shutdown). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#suppressed === 0) return;
    this.#log.warn(
      `${this.#suppressed} more ${this.#what} not logged (at most ${this.#perInterval} lines per ${this.#intervalMs} ms)`,
    );
    this.#suppressed = 0;
  }
}
