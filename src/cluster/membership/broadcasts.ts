// Updates waiting to ride on outgoing datagrams (SWIM's piggybacking). Each update is about one member; a
// newer update about that member replaces the older one. Updates sent fewest times go first, and each is
// dropped after `limit` transmissions, which the caller scales with the cluster size.
//
// Limit: at most maxQueued updates; past it the most-transmitted ones (the ones the cluster most likely has
// already) are dropped first.

interface Queued {
  /** The member the update is about; one update per member. */
  nodeId: number;
  bytes: Uint8Array;
  transmits: number;
  /** Insertion order, for newest-first among equals. */
  id: number;
}

export class BroadcastQueue {
  readonly #byNode = new Map<number, Queued>();
  #nextId = 0;
  #dropped = 0;

  constructor(readonly maxQueued: number) {
    if (!Number.isInteger(maxQueued) || maxQueued < 1) throw new RangeError(`maxQueued ${maxQueued}`);
  }

  get size(): number {
    return this.#byNode.size;
  }

  /** Updates dropped at the limit so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Queues an update about nodeId, replacing any older one about it. */
  push(nodeId: number, bytes: Uint8Array): void {
    this.#byNode.delete(nodeId);
    this.#byNode.set(nodeId, { nodeId, bytes, transmits: 0, id: this.#nextId++ });
    if (this.#byNode.size > this.maxQueued) this.#shed();
  }

  /**
   * Takes up to maxCount updates that fit in `budget` bytes, each costing its length plus `overhead`, fewest transmits
   * first (newest first among equals); counts a transmission for each and forgets those sent `limit` times.
   */
  take(budget: number, overhead: number, limit: number, maxCount: number): Uint8Array[] {
    if (this.#byNode.size === 0) return [];
    const order = [...this.#byNode.values()].sort((a, b) => a.transmits - b.transmits || b.id - a.id);
    const out: Uint8Array[] = [];
    let left = budget;
    for (const q of order) {
      if (out.length >= maxCount) break;
      const cost = q.bytes.length + overhead;
      if (cost > left) continue;
      left -= cost;
      out.push(q.bytes);
      if (++q.transmits >= limit) this.#byNode.delete(q.nodeId);
    }
    return out;
  }

  #shed(): void {
    const order = [...this.#byNode.values()].sort((a, b) => b.transmits - a.transmits || a.id - b.id);
    for (const q of order) {
      if (this.#byNode.size <= this.maxQueued) break;
      this.#byNode.delete(q.nodeId);
      this.#dropped++;
    }
  }
}
