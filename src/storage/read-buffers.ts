// Buffers for log reads (Fetch). A fresh buffer per read cost a page fault per 4 KiB touched and, as
// external memory, drove a full GC every few dozen MB consumed. Reads of 64 KiB and more take a buffer from
// here; whoever is done with the bytes (the connection, once the response holding them is written) gives
// the buffer back. A buffer that is never given back is simply collected, so only a holder that knows
// nothing else keeps a view may give one back. Main thread only: a worker's reads are transferred to the
// main thread and never come back, so workers allocate as before. Bounded.
import { isMainThread } from 'node:worker_threads';

/** Reads below this size get a buffer of their own (cheap, and mostly from Node's shared slab). */
const POOLED_MIN_SHIFT = 16;
/** Largest pooled capacity; larger reads get a buffer of their own. */
const POOLED_MAX_SHIFT = 23;
/** Idle bytes kept at most, across all sizes. */
const IDLE_MAX_BYTES = 64 * 1024 * 1024;

class ReadBufferPool {
  private readonly free: ArrayBuffer[][] = [];
  /** Buffers handed out by this pool and not yet given back: only these can come back. */
  private readonly issued = new WeakSet<ArrayBufferLike>();
  private idleBytes = 0;

  constructor() {
    for (let s = POOLED_MIN_SHIFT; s <= POOLED_MAX_SHIFT; s++) this.free.push([]);
  }

  /** A buffer of at least `size` bytes; pooled ones have a power-of-two capacity. */
  take(size: number): Buffer {
    if (!isMainThread || size < 1 << POOLED_MIN_SHIFT || size > 1 << POOLED_MAX_SHIFT) {
      return Buffer.allocUnsafeSlow(size);
    }
    const shift = Math.max(POOLED_MIN_SHIFT, 32 - Math.clz32(size - 1));
    let ab = this.free[shift - POOLED_MIN_SHIFT]!.pop();
    // allocUnsafeSlow: a new ArrayBuffer of its own, not zero-filled.
    if (ab === undefined) ab = Buffer.allocUnsafeSlow(1 << shift).buffer as ArrayBuffer;
    else this.idleBytes -= ab.byteLength;
    this.issued.add(ab);
    return Buffer.from(ab);
  }

  /** Whether `ab` is a buffer of this pool that is out (so give(ab) would take it back). */
  owns(ab: ArrayBufferLike): boolean {
    return this.issued.has(ab);
  }

  /** Takes back a buffer from take(); anything else, or a second give, is ignored. */
  give(ab: ArrayBufferLike): void {
    if (!this.issued.delete(ab)) return;
    // A buffer transferred away meanwhile is detached (byteLength 0): nothing to keep.
    if (ab.byteLength < 1 << POOLED_MIN_SHIFT) return;
    if (this.idleBytes + ab.byteLength > IDLE_MAX_BYTES) return;
    this.idleBytes += ab.byteLength;
    this.free[Math.log2(ab.byteLength) - POOLED_MIN_SHIFT]!.push(ab as ArrayBuffer);
  }
}

export const readBuffers = new ReadBufferPool();
