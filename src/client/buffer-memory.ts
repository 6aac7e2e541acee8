// Batch memory of one producer (Kafka's producer BufferPool, sized by buffer.memory).
import { Buffer } from 'node:buffer';

/**
 * The producer's buffer.memory: bytes of batch buffers allocated at once, capped at `total`. Buffers of the
 * usual batch size are reused; a sender past the cap waits (wait()) until a batch is released. Not to be
 * confused with src/buffer-pool.ts, the broker's pool of power-of-two I/O buffers.
 */
export class BufferMemory {
  readonly #free: Buffer[] = [];
  #used = 0;
  readonly #waiters: (() => void)[] = [];
  constructor(
    readonly batchBytes: number,
    readonly total: number,
  ) {}

  tryAllocate(size: number): Buffer | null {
    if (size === this.batchBytes && this.#free.length > 0) return this.#free.pop()!;
    if (this.#used + size > this.total) {
      // Give back idle pooled buffers before refusing an odd size.
      while (this.#free.length > 0 && this.#used + size > this.total) {
        this.#free.pop();
        this.#used -= this.batchBytes;
      }
      if (this.#used + size > this.total) return null;
    }
    this.#used += size;
    return Buffer.allocUnsafeSlow(size);
  }

  release(buf: Buffer): void {
    if (buf.length === this.batchBytes) this.#free.push(buf);
    else this.#used -= buf.length;
    const w = this.#waiters.shift();
    if (w !== undefined) w();
  }

  get hasWaiters(): boolean {
    return this.#waiters.length > 0;
  }

  wait(): Promise<void> {
    return new Promise((r) => this.#waiters.push(r));
  }
}
