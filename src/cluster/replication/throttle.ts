// A replication quota (Kafka's KIP-73): the bytes of throttled replicas that move through this broker, as
// a follower fetching them (follower.replication.throttled.rate) or as a leader sending them
// (leader.replication.throttled.rate), kept to a byte rate so that copying a partition's history does not
// take the bandwidth and disk of the producers. Only replicas out of the ISR are ever throttled (acks=all
// waits on ISR members); which ones is the caller's choice (throttled-replicas.ts).
//
// The rule is a debt: every throttled byte pushes the time the next throttled transfer may happen by
// bytes / rate, and a throttled partition gets at most one second's worth at a time (a first batch larger
// than that still comes whole). So N throttled bytes take at least N / rate. The rate changes live
// (dynamic broker configs); the debt already run up is kept.
//
// Limits: the rate, from 1 byte/s; 0 means no throttle (nothing waits, nothing is counted).
import type { Clock } from '../../clock.js';

export class ReplicationThrottle {
  #bytesPerSecond = 0;
  readonly #clock: Clock;
  /** No throttled transfer before this time. */
  #availableAtMs = 0;
  /** Throttled bytes so far (tests, metrics). */
  throttledBytes = 0;

  constructor(bytesPerSecond: number, clock: Clock) {
    this.#clock = clock;
    this.setRate(bytesPerSecond);
  }

  /** Bytes per second; 0: unlimited. */
  get bytesPerSecond(): number {
    return this.#bytesPerSecond;
  }

  /** A rate is set: throttled replicas wait for it. */
  get limited(): boolean {
    return this.#bytesPerSecond > 0;
  }

  /** A new rate (0: no throttle), from the next transfer on. */
  setRate(bytesPerSecond: number): void {
    if (!Number.isSafeInteger(bytesPerSecond) || bytesPerSecond < 0)
      throw new RangeError(`throttle rate ${bytesPerSecond} must be a whole number of bytes per second >= 0`);
    if (bytesPerSecond === 0) this.#availableAtMs = 0;
    else if (this.#bytesPerSecond > 0) {
      // The debt left is re-priced at the new rate.
      const now = this.#clock.now();
      const owedMs = Math.max(0, this.#availableAtMs - now);
      this.#availableAtMs = now + (owedMs * this.#bytesPerSecond) / bytesPerSecond;
    }
    this.#bytesPerSecond = bytesPerSecond;
  }

  /** How long throttled partitions must wait before their next transfer (0: now). */
  delayMs(): number {
    if (this.#bytesPerSecond === 0) return 0;
    return Math.max(0, Math.ceil(this.#availableAtMs - this.#clock.now()));
  }

  /** What one throttled partition may take in one transfer. */
  partitionMaxBytes(configured: number): number {
    if (this.#bytesPerSecond === 0) return configured;
    return Math.max(1, Math.min(configured, this.#bytesPerSecond));
  }

  /** Throttled bytes moved: the next throttled transfer waits until the rate allows them. */
  record(bytes: number): void {
    if (bytes <= 0 || this.#bytesPerSecond === 0) return;
    this.throttledBytes += bytes;
    this.#availableAtMs =
      Math.max(this.#availableAtMs, this.#clock.now()) + (bytes * 1000) / this.#bytesPerSecond;
  }
}
