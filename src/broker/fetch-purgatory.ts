// Fetch long polls (Kafka's DelayedFetch purgatory). A Fetch that found fewer than min_bytes parks here until
// appends to its partitions bring enough new bytes or max_wait_ms passes; either way the handler then reads
// again and answers. Appends report their size, so a waiter completes without re-reading on every append,
// and each partition counts the bytes appended to it, so a fetch can tell what arrived while it was reading.
//
// Limit: at most maxParked fetches wait at once; past it a fetch is answered at once with what it has (an
// empty or short response is always legal in Kafka).

interface DelayedFetch {
  /** Bytes still needed before the fetch is worth answering. */
  needed: number;
  timer: NodeJS.Timeout | null;
  resolve: ((waited: boolean) => void) | null;
  watches: PartitionWatch[];
}

/** Per-partition state on the main thread: bytes appended since the broker started, and parked fetches. */
export interface PartitionWatch {
  appendedBytes: number;
  waiters: DelayedFetch[];
}

export class FetchPurgatory {
  /** topic -> partition -> watch; nested so an append builds no key string. */
  private readonly watches = new Map<string, Map<number, PartitionWatch>>();
  private parked = 0;
  private closed = false;

  constructor(readonly maxParked: number) {
    if (!Number.isInteger(maxParked) || maxParked < 0) throw new RangeError(`maxParked ${maxParked}`);
  }

  /** Fetches waiting now. */
  get size(): number {
    return this.parked;
  }

  /** The watch of a partition (created on first use; call only for partitions that exist). */
  watch(topic: string, partition: number): PartitionWatch {
    let byPartition = this.watches.get(topic);
    if (byPartition === undefined) {
      byPartition = new Map();
      this.watches.set(topic, byPartition);
    }
    let w = byPartition.get(partition);
    if (w === undefined) {
      w = { appendedBytes: 0, waiters: [] };
      byPartition.set(partition, w);
    }
    return w;
  }

  /**
   * Parks a fetch until `needed` more bytes are appended to the watched partitions or `maxWaitMs` passes.
   * Resolves true if it waited, false if refused (limit reached, shutting down, nothing to wait for).
   */
  wait(watches: readonly PartitionWatch[], needed: number, maxWaitMs: number): Promise<boolean> {
    if (this.closed || this.parked >= this.maxParked || maxWaitMs <= 0 || needed <= 0) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const waiter: DelayedFetch = { needed, timer: null, resolve, watches: [] };
      for (const w of watches) {
        // The same partition twice in one request is watched once.
        if (w.waiters[w.waiters.length - 1] === waiter) continue;
        w.waiters.push(waiter);
        waiter.watches.push(w);
      }
      waiter.timer = setTimeout(() => this.complete(waiter), maxWaitMs);
      this.parked++;
    });
  }

  /** Called after every successful append: counts the bytes and wakes waiters that now have enough. */
  onAppend(topic: string, partition: number, bytes: number): void {
    const w = this.watches.get(topic)?.get(partition);
    if (w === undefined) return;
    w.appendedBytes += bytes;
    const waiters = w.waiters;
    // Backwards: complete() removes entries from this list.
    for (let i = waiters.length - 1; i >= 0; i--) {
      const f = waiters[i];
      if (f === undefined) continue;
      f.needed -= bytes;
      if (f.needed <= 0) this.complete(f);
    }
  }

  /** Wakes every waiter of a topic and forgets its partitions (deleted topic). */
  forgetTopic(topic: string): void {
    const byPartition = this.watches.get(topic);
    if (byPartition === undefined) return;
    for (const w of byPartition.values()) for (const f of [...w.waiters]) this.complete(f);
    this.watches.delete(topic);
  }

  /** Wakes everything and refuses new waits (shutdown). */
  close(): void {
    this.closed = true;
    for (const byPartition of this.watches.values()) {
      for (const w of byPartition.values()) for (const f of [...w.waiters]) this.complete(f);
    }
  }

  private complete(f: DelayedFetch): void {
    const resolve = f.resolve;
    if (resolve === null) return;
    f.resolve = null;
    if (f.timer !== null) clearTimeout(f.timer);
    f.timer = null;
    for (const w of f.watches) {
      const i = w.waiters.indexOf(f);
      if (i >= 0) w.waiters.splice(i, 1);
    }
    f.watches.length = 0;
    this.parked--;
    resolve(true);
  }
}
