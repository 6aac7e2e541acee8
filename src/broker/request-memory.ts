// queued.max.request.bytes: one broker-wide budget for the memory of requests being received or handled.
// Without it the bound was connections x socket.request.max.bytes (16 connections sending 64 MiB of a
// 100 MiB frame held 1.1 GB). A connection reserves a frame's full size as soon as the size prefix is read,
// before allocating it, and gives it back when the request is answered (or the connection closes).
//
// Limit: a reservation that does not fit waits, and its connection stops reading until it is granted;
// nothing is dropped. Waiters are granted in arrival order, so small frames cannot starve a large one.
// The limit is at least socket.request.max.bytes, so every admissible frame fits once others are answered.

export interface MemoryWaiter {
  /** Called once the reservation it waited for is held. */
  granted(bytes: number): void;
}

export class RequestMemory {
  readonly limit: number;
  #used = 0;
  readonly #waiters: { waiter: MemoryWaiter; bytes: number }[] = [];

  constructor(limit: number, maxRequestBytes: number) {
    if (!Number.isSafeInteger(limit) || limit < maxRequestBytes) {
      throw new RangeError(
        `queued.max.request.bytes ${limit} must be at least socket.request.max.bytes ${maxRequestBytes}`,
      );
    }
    this.limit = limit;
  }

  /** Bytes reserved now. */
  get used(): number {
    return this.#used;
  }

  /** Connections waiting for memory. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Reserves at once (true) if the bytes fit and nobody waits ahead; otherwise queues the waiter (false). */
  reserve(bytes: number, waiter: MemoryWaiter): boolean {
    if (this.#waiters.length === 0 && this.#used + bytes <= this.limit) {
      this.#used += bytes;
      return true;
    }
    this.#waiters.push({ waiter, bytes });
    return false;
  }

  release(bytes: number): void {
    if (bytes <= 0) return;
    if (bytes > this.#used) throw new Error(`released ${bytes} request bytes, only ${this.#used} reserved`);
    this.#used -= bytes;
    this.#grantFitting();
  }

  /** Withdraws a waiter that has not been granted (its connection closed). */
  cancel(waiter: MemoryWaiter): void {
    const i = this.#waiters.findIndex((w) => w.waiter === waiter);
    if (i < 0) return;
    this.#waiters.splice(i, 1);
    // The head may have been what held the others back.
    this.#grantFitting();
  }

  #grantFitting(): void {
    while (this.#waiters.length > 0 && this.#used + this.#waiters[0]!.bytes <= this.limit) {
      const next = this.#waiters.shift()!;
      this.#used += next.bytes;
      next.waiter.granted(next.bytes);
    }
  }
}
