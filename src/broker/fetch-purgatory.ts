// Fetch long polls (Kafka's DelayedFetch purgatory). A Fetch that found fewer than min_bytes parks here until
// appends to its partitions bring enough new bytes or max_wait_ms passes; either way the handler then reads
// again and answers. The waiters themselves hang on the partitions' replica states (cluster/partition-state),
// which count appended bytes and wake them; the purgatory keeps the timers and the limit.
//
// Limit: at most maxParked fetches wait at once; past it a fetch is answered at once with what it has (an
// empty or short response is always legal in Kafka).
import type { FetchWaiter } from '../cluster/partition-state.js';

/** What a fetch waits on: a partition's waiter list (a PartitionState). */
export interface WaitedPartition {
  readonly waiters: FetchWaiter[];
}

export class DelayedFetch implements FetchWaiter {
  timer: NodeJS.Timeout | null = null;
  readonly partitions: WaitedPartition[] = [];

  constructor(
    readonly purgatory: FetchPurgatory,
    public needed: number,
    readonly toLogEnd: boolean,
    public resolve: ((waited: boolean) => void) | null,
    readonly readCommitted = false,
  ) {}

  wake(): void {
    this.purgatory.complete(this);
  }
}

function expire(f: DelayedFetch): void {
  f.purgatory.complete(f);
}

export class FetchPurgatory {
  readonly #parked = new Set<DelayedFetch>();
  #closed = false;

  constructor(readonly maxParked: number) {
    if (!Number.isInteger(maxParked) || maxParked < 0) throw new RangeError(`maxParked ${maxParked}`);
  }

  /** Fetches waiting now. */
  get size(): number {
    return this.#parked.size;
  }

  /**
   * Parks a fetch until `needed` more bytes are appended to the partitions or `maxWaitMs` passes; a
   * consumer's fetch (not toLogEnd) on a partition whose followers bound the high watermark is woken when it
   * moves instead; a read_committed one (readCommitted) counts the bytes the last stable offset passes.
   * Resolves true if it waited, false if refused (limit reached, shutting down, nothing to wait for).
   */
  wait(
    partitions: readonly WaitedPartition[],
    needed: number,
    maxWaitMs: number,
    toLogEnd = false,
    readCommitted = false,
  ): Promise<boolean> {
    if (this.#closed || this.#parked.size >= this.maxParked || maxWaitMs <= 0 || needed <= 0) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const f = new DelayedFetch(this, needed, toLogEnd, resolve, readCommitted);
      for (const p of partitions) {
        // The same partition twice in one request is watched once.
        if (p.waiters[p.waiters.length - 1] === f) continue;
        p.waiters.push(f);
        f.partitions.push(p);
      }
      f.timer = setTimeout(expire, maxWaitMs, f);
      this.#parked.add(f);
    });
  }

  /** Wakes everything and refuses new waits (shutdown). */
  close(): void {
    this.#closed = true;
    for (const f of [...this.#parked]) this.complete(f);
  }

  /** Answers a parked fetch (enough bytes, its time is up, its partition went away) and unhooks it. */
  complete(f: DelayedFetch): void {
    const resolve = f.resolve;
    if (resolve === null) return;
    f.resolve = null;
    if (f.timer !== null) clearTimeout(f.timer);
    f.timer = null;
    for (const p of f.partitions) {
      const i = p.waiters.indexOf(f);
      if (i >= 0) p.waiters.splice(i, 1);
    }
    f.partitions.length = 0;
    this.#parked.delete(f);
    resolve(true);
  }
}
