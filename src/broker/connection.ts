// One client connection: 4-byte size-prefixed frames in, responses out in request order, with a bound on
// requests in progress and backpressure in both directions.
import type { Socket } from 'node:net';
import { ApiKey } from '../protocol/generated/api-keys.js';

/** A response frame: one buffer, or several written back to back (stored batches are not copied). */
export type ResponseFrame = Buffer | readonly Uint8Array[];

export interface FrameHandler {
  /**
   * Handles one request frame (without its size prefix). Returns the response frame including its size
   * prefix, or null when the request gets no response (Produce with acks=0). Throwing or rejecting closes
   * the connection: that is what Kafka does with a request it cannot parse.
   */
  handle(frame: Buffer, conn: Connection): ResponseFrame | null | Promise<ResponseFrame | null>;
}

export interface ConnectionLimits {
  /** socket.request.max.bytes: a larger frame closes the connection before any allocation of that size. */
  maxFrameBytes: number;
  /** Requests in progress before the broker stops reading the socket. */
  maxInFlight: number;
}

export interface ConnectionEvents {
  onClose(conn: Connection): void;
  onProtocolError(conn: Connection, reason: string): void;
}

const SIZE_PREFIX = 4;

interface Slot {
  done: boolean;
  response: ResponseFrame | null;
  /** Reassembly buffer the request's frame lives in, back to the pool once the request is answered. */
  lease: Buffer | null;
}

/** Frames at least this large are reassembled in pooled buffers (smaller ones rarely span reads). */
const POOLED_FRAME_MIN_BYTES = 64 * 1024;
/** Largest pooled buffer, and how many the process keeps: at most 32 MiB held idle. */
const POOLED_FRAME_MAX_BYTES = 4 * 1024 * 1024;
const POOLED_FRAMES_MAX = 8;

/**
 * Reassembly buffers for Produce frames split across reads (every large batch is). A fresh buffer per frame
 * cost page faults on first touch, and its external memory drove a full GC every few dozen MB produced.
 * Only Produce frames are reused: once the handler settles, storage has written the records (inline) or
 * copied them to the owner thread (pool), and nothing else keeps a view of the frame. Process-wide and
 * bounded; a frame the pool cannot serve gets a buffer of its own, as before.
 */
class FramePool {
  private readonly free: Buffer[] = [];

  /** A buffer of at least `size` bytes (capacity rounded up to a power of two so sizes share buffers). */
  take(size: number): Buffer {
    const free = this.free;
    for (let i = free.length - 1; i >= 0; i--) {
      const b = free[i]!;
      if (b.length >= size) {
        free[i] = free[free.length - 1]!;
        free.pop();
        return b;
      }
    }
    let capacity = POOLED_FRAME_MIN_BYTES;
    while (capacity < size) capacity *= 2;
    return Buffer.allocUnsafeSlow(capacity);
  }

  give(b: Buffer): void {
    if (this.free.length < POOLED_FRAMES_MAX) this.free.push(b);
  }
}

const framePool = new FramePool();

export class Connection {
  readonly id: number;
  readonly remote: string;
  private readonly socket: Socket;
  private readonly handler: FrameHandler;
  private readonly limits: ConnectionLimits;
  private readonly events: ConnectionEvents;

  // Frame assembly: either accumulating into `partial` (a frame split across reads) or scanning chunks.
  private partial: Buffer | null = null;
  private partialFilled = 0;
  /** Pooled buffer `partial` is a view of, if any. */
  private partialLease: Buffer | null = null;
  private header = Buffer.allocUnsafe(SIZE_PREFIX);
  private headerFilled = 0;

  // Responses wait here until every earlier request has answered.
  private readonly slots: Slot[] = [];
  private slotHead = 0;
  private readPaused = false;
  private writeBlocked = false;
  private draining = false;
  // Unread rest of a chunk, held while the in-flight limit is reached.
  private backlog: Buffer | null = null;
  closed = false;

  constructor(
    id: number,
    socket: Socket,
    handler: FrameHandler,
    limits: ConnectionLimits,
    events: ConnectionEvents,
  ) {
    this.id = id;
    this.socket = socket;
    this.handler = handler;
    this.limits = limits;
    this.events = events;
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      this.writeBlocked = false;
      this.updateReading();
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Requests read but not yet answered. */
  get inFlight(): number {
    return this.slots.length - this.slotHead;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.events.onClose(this);
  }

  /**
   * Closes after the responses already written reach the socket (shutdown, after drain). A peer that never
   * reads them is cut off after lingerMs.
   */
  end(lingerMs = 1000): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), lingerMs).unref();
    this.events.onClose(this);
  }

  /** Stops reading new requests; resolves when every request already read has been answered. */
  async drain(): Promise<void> {
    this.draining = true;
    this.backlog = null;
    this.readPaused = true;
    this.socket.pause();
    while (!this.closed && this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private onData(chunk: Buffer): void {
    if (this.backlog !== null) {
      // Data that was already in flight when reading paused.
      this.backlog = Buffer.concat([this.backlog, chunk]);
      return;
    }
    let pos = 0;
    const len = chunk.length;
    while (pos < len && !this.closed) {
      if (this.partial === null && this.headerFilled === 0 && this.inFlight >= this.limits.maxInFlight) {
        this.backlog = chunk.subarray(pos);
        this.updateReading();
        return;
      }
      if (this.partial !== null) {
        const n = Math.min(len - pos, this.partial.length - this.partialFilled);
        chunk.copy(this.partial, this.partialFilled, pos, pos + n);
        this.partialFilled += n;
        pos += n;
        if (this.partialFilled === this.partial.length) {
          const frame = this.partial;
          const lease = this.partialLease;
          this.partial = null;
          this.partialLease = null;
          this.dispatch(frame, lease);
        }
        continue;
      }
      // Read the size prefix, possibly across chunks.
      let size: number;
      if (this.headerFilled === 0 && len - pos >= SIZE_PREFIX) {
        size = chunk.readInt32BE(pos);
        pos += SIZE_PREFIX;
      } else {
        while (this.headerFilled < SIZE_PREFIX && pos < len) this.header[this.headerFilled++] = chunk[pos++]!;
        if (this.headerFilled < SIZE_PREFIX) return;
        this.headerFilled = 0;
        size = this.header.readInt32BE(0);
      }
      if (size < 0 || size > this.limits.maxFrameBytes) {
        this.events.onProtocolError(
          this,
          `frame of ${size} bytes exceeds socket.request.max.bytes ${this.limits.maxFrameBytes}`,
        );
        this.close();
        return;
      }
      if (len - pos >= size) {
        // Whole frame in this chunk: a view, no copy.
        this.dispatch(chunk.subarray(pos, pos + size), null);
        pos += size;
      } else if (
        size >= POOLED_FRAME_MIN_BYTES &&
        size <= POOLED_FRAME_MAX_BYTES &&
        len - pos >= 2 &&
        chunk.readInt16BE(pos) === ApiKey.Produce
      ) {
        this.partialLease = framePool.take(size);
        this.partial = this.partialLease.subarray(0, size);
        this.partialFilled = 0;
      } else {
        // Reassemble into an exactly sized buffer of its own (transferable to a worker as is).
        this.partial = Buffer.allocUnsafeSlow(size);
        this.partialFilled = 0;
      }
    }
  }

  private dispatch(frame: Buffer, lease: Buffer | null): void {
    const slot: Slot = { done: false, response: null, lease };
    this.slots.push(slot);
    this.updateReading();
    let result: ResponseFrame | null | Promise<ResponseFrame | null>;
    try {
      result = this.handler.handle(frame, this);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (response) => this.complete(slot, response),
        (err) => this.fail(err),
      );
    } else {
      this.complete(slot, result);
    }
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    this.events.onProtocolError(this, err instanceof Error ? err.message : String(err));
    this.close();
  }

  private complete(slot: Slot, response: ResponseFrame | null): void {
    if (this.closed) return;
    if (slot.lease !== null) {
      framePool.give(slot.lease);
      slot.lease = null;
    }
    slot.done = true;
    slot.response = response;
    // Write every answered request at the head, in order.
    let wrote = false;
    while (this.slotHead < this.slots.length && this.slots[this.slotHead]!.done) {
      const head = this.slots[this.slotHead++]!;
      const out = head.response;
      head.response = null;
      if (out === null) continue;
      if (!wrote) {
        this.socket.cork();
        wrote = true;
      }
      if (Buffer.isBuffer(out)) {
        if (!this.socket.write(out)) this.writeBlocked = true;
      } else {
        for (const part of out) if (!this.socket.write(part)) this.writeBlocked = true;
      }
    }
    if (wrote) this.socket.uncork();
    if (this.slotHead > 1024 && this.slotHead * 2 > this.slots.length) {
      this.slots.splice(0, this.slotHead);
      this.slotHead = 0;
    }
    this.updateReading();
  }

  private updateReading(): void {
    if (this.closed || this.draining) return;
    const shouldPause = this.inFlight >= this.limits.maxInFlight || this.writeBlocked;
    if (!shouldPause && this.backlog !== null) {
      // The socket is still paused here, so nothing newer can overtake this.
      const rest = this.backlog;
      this.backlog = null;
      this.onData(rest);
      if (this.backlog !== null) return;
      this.updateReading();
      return;
    }
    if (shouldPause && !this.readPaused) {
      this.readPaused = true;
      this.socket.pause();
    } else if (!shouldPause && this.readPaused) {
      this.readPaused = false;
      this.socket.resume();
    }
  }
}
