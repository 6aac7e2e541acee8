// The reassignment throttle (Kafka's follower.replication.throttled.rate): the bytes this broker fetches
// for replicas it is being added to by a reassignment and that are not in the ISR yet, over all leaders,
// kept to a byte rate so that moving a partition's history does not take the bandwidth and disk of the
// producers. Replicas in the ISR are never throttled (acks=all waits on them).
//
// The rule is a debt: every throttled byte fetched pushes the time the next throttled fetch may go out by
// bytes / rate, and a throttled fetch asks for at most one second's worth per partition (a first batch
// larger than that still comes whole). So a follower that must copy N bytes reports having them no sooner
// than N / rate after its first fetch: a move of N bytes takes at least that long.
//
// Limits: the rate, from 1 byte/s; 0 means no throttle (no instance is made).
import type { Clock } from '../../clock.js';

export class ReplicationThrottle {
  readonly bytesPerSecond: number;
  readonly #clock: Clock;
  /** No throttled fetch before this time. */
  #availableAtMs = 0;
  /** Throttled bytes fetched so far (tests, metrics). */
  fetchedBytes = 0;

  constructor(bytesPerSecond: number, clock: Clock) {
    if (!Number.isInteger(bytesPerSecond) || bytesPerSecond < 1)
      throw new RangeError(`throttle rate ${bytesPerSecond} must be a whole number of bytes per second >= 1`);
    this.bytesPerSecond = bytesPerSecond;
    this.#clock = clock;
  }

  /** How long throttled partitions must wait before their next fetch (0: now). */
  delayMs(): number {
    return Math.max(0, Math.ceil(this.#availableAtMs - this.#clock.now()));
  }

  /** What one throttled partition may ask for in one fetch. */
  partitionMaxBytes(configured: number): number {
    return Math.max(1, Math.min(configured, this.bytesPerSecond));
  }

  /** Throttled bytes arrived: the next throttled fetch waits until the rate allows them. */
  record(bytes: number): void {
    if (bytes <= 0) return;
    this.fetchedBytes += bytes;
    this.#availableAtMs =
      Math.max(this.#availableAtMs, this.#clock.now()) + (bytes * 1000) / this.bytesPerSecond;
  }
}
