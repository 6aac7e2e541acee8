// A pool of buffers in power-of-two sizes, for bytes that pass through the process in bulk (request frames,
// log reads). A fresh large buffer per use costs a page fault per 4 KiB first touched and, as external
// memory, drives V8 to a full GC every few dozen MB. Buffers come back through give() once their holder
// knows nothing else keeps a view of them; one that never comes back is simply collected. Bounded in the
// bytes it keeps idle.

export class BufferPool {
  readonly #free: ArrayBuffer[][] = [];
  /** Buffers handed out and not yet given back: only these can come back. */
  readonly #issued = new WeakSet<ArrayBufferLike>();
  #idle = 0;

  /**
   * Pooled capacities run from 2^minShift to 2^maxShift bytes; at most idleMaxBytes are kept idle.
   * `enabled: false` makes take() always decline (a thread whose buffers never come back).
   */
  constructor(
    readonly minShift: number,
    readonly maxShift: number,
    readonly idleMaxBytes: number,
    readonly enabled = true,
  ) {
    for (let s = minShift; s <= maxShift; s++) this.#free.push([]);
  }

  /** Bytes held idle. */
  get idleBytes(): number {
    return this.#idle;
  }

  /**
   * A buffer of at least `size` bytes (its capacity the next power of two), the only view of its
   * ArrayBuffer; null when `size` is outside the pooled range, and the caller allocates as it would.
   */
  take(size: number): Buffer | null {
    if (!this.enabled || size < 2 ** this.minShift || size > 2 ** this.maxShift) return null;
    const shift = Math.max(this.minShift, 32 - Math.clz32(size - 1));
    let ab = this.#free[shift - this.minShift]!.pop();
    // allocUnsafeSlow: an ArrayBuffer of its own, not zero-filled.
    if (ab === undefined) ab = Buffer.allocUnsafeSlow(2 ** shift).buffer as ArrayBuffer;
    else this.#idle -= ab.byteLength;
    this.#issued.add(ab);
    return Buffer.from(ab);
  }

  /** Whether `ab` came from take() and is still out (so give(ab) would take it back). */
  owns(ab: ArrayBufferLike): boolean {
    return this.#issued.has(ab);
  }

  /** Takes back a buffer from take(); anything else, a second give, or a detached buffer is ignored. */
  give(ab: ArrayBufferLike): void {
    if (!this.#issued.delete(ab)) return;
    // A buffer transferred to another thread meanwhile is detached (byteLength 0): nothing to keep.
    if (ab.byteLength < 2 ** this.minShift) return;
    if (this.#idle + ab.byteLength > this.idleMaxBytes) return;
    this.#idle += ab.byteLength;
    this.#free[Math.log2(ab.byteLength) - this.minShift]!.push(ab as ArrayBuffer);
  }
}
