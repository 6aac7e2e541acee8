// One client connection: 4-byte size-prefixed frames in, responses out in request order, with a bound on
// requests in progress and backpressure in both directions.
import { Socket as NetSocket, type OnReadOpts, type Socket, type SocketConstructorOpts } from 'node:net';
import { TLSSocket } from 'node:tls';
import { BufferPool } from '../buffer-pool.js';
import { GOSSIP_STREAM_MAGIC } from '../cluster/membership/socket-transport.js';
import { ApiKey } from '../protocol/generated/api-keys.js';
import { readBuffers } from '../storage/read-buffers.js';
import type { MemoryWaiter, RequestMemory } from './request-memory.js';
import { Session } from './security/session.js';

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
  /** queued.max.request.bytes, shared by every connection: frames wait unread for their reservation. */
  requestMemory?: RequestMemory;
}

export interface ConnectionEvents {
  onClose(conn: Connection): void;
  onProtocolError(conn: Connection, reason: string): void;
  /**
   * Cluster gossip's full-state sync arrives on the broker's port when gossip shares it: a connection whose
   * first size prefix is GOSSIP_STREAM_MAGIC carries one gossip frame (u32 length, payload), not Kafka.
   */
  gossip?: { maxBytes: number; deliver(from: string, payload: Buffer): void };
}

const SIZE_PREFIX = 4;

interface Slot {
  done: boolean;
  response: ResponseFrame | null;
  /** Pooled memory the request's frame lives in, back to the pool once the request is answered. */
  lease: ArrayBufferLike | null;
  /** Bytes reserved in requestMemory for this request, released once it is answered. */
  reserved: number;
}

/** Each connection's reusable read buffer: small requests are read here and copied out. */
const READ_BUFFER_BYTES = 64 * 1024;
/** The rest of a frame at least this large is read by the kernel straight into the frame's own buffer. */
const DIRECT_READ_MIN_BYTES = 16 * 1024;

/**
 * Buffers for Produce frames of 4 KiB to 4 MiB, at most 32 MiB idle, process-wide. Only Produce frames are
 * pooled: once the handler settles, storage has written the records (inline) or copied them to the owner
 * thread (pool), and nothing else keeps a view of the frame; other requests' decoded fields may keep views
 * (group metadata, for one), so those frames get buffers of their own.
 */
const framePool = new BufferPool(12, 22, 32 * 1024 * 1024);

/** Socket constructor options with the accepted handle, which @types/node does not declare. */
type AdoptOptions = SocketConstructorOpts & { handle: unknown };

/**
 * Moves an accepted socket's handle into a new Socket that reads into memory the connection supplies (net's
 * `onread`, which Node offers only when a Socket is constructed). Must run in the 'connection' event, before
 * any read. Returns null when the handle is not reachable, and the connection then reads 'data' chunks.
 */
function adoptHandle(socket: Socket, onread: OnReadOpts): Socket | null {
  const shell = socket as unknown as { _handle?: { useUserBuffer?: unknown } | null };
  const handle = shell._handle;
  if (handle == null || typeof handle.useUserBuffer !== 'function') return null;
  shell._handle = null;
  // Destroying the handle-less shell only settles the server's connection count.
  socket.destroy();
  return new NetSocket({ handle, onread, readable: true, writable: true } as AdoptOptions);
}

/** The parts of Node's TLSWrap handle (a TLSSocket's `_handle`) that adoption touches. */
interface TlsHandle {
  useUserBuffer?: unknown;
  onerror?: (err: Error) => void;
  onhandshakestart?: () => void;
  onhandshakedone?: () => void;
  onclienthello?: () => void;
  oncertcb?: () => void;
  onnewsession?: () => void;
}

/**
 * adoptHandle for a TLS connection whose handshake is done: the TLS handle (decrypting natively over the
 * TCP handle) moves into a plain Socket that reads into the connection's memory, instead of a fresh
 * 16 KiB buffer per decrypted chunk and a stream 'data' event for each. The handle's callbacks into its
 * old TLSSocket are replaced: a protocol error closes the connection, and so does any new handshake
 * (renegotiation is refused, as Node does by default for TLS 1.2 clients past its limit). Null when the
 * handle is not reachable or bytes were already decrypted into the old socket.
 */
function adoptTlsHandle(socket: TLSSocket, onread: OnReadOpts): Socket | null {
  const shell = socket as unknown as { _handle?: TlsHandle | null; ssl?: unknown };
  const handle = shell._handle;
  if (handle == null || typeof handle.useUserBuffer !== 'function' || socket.readableLength > 0) return null;
  shell._handle = null;
  shell.ssl = null;
  socket.destroy();
  const adopted = new NetSocket({ handle, onread, readable: true, writable: true } as AdoptOptions);
  // TLSWrap's close() frees the SSL of its owner's `ssl`.
  (adopted as unknown as { ssl: unknown }).ssl = handle;
  const refuse = (why: string) => () => adopted.destroy(new Error(why));
  handle.onerror = (err) => adopted.destroy(err);
  handle.onhandshakestart = refuse('TLS renegotiation refused');
  handle.onhandshakedone = () => {};
  handle.onclienthello = refuse('TLS renegotiation refused');
  handle.oncertcb = refuse('TLS renegotiation refused');
  handle.onnewsession = () => {};
  return adopted;
}

export class Connection implements MemoryWaiter {
  readonly id: number;
  readonly remote: string;
  /** Who the requests on this connection are made as, and through which listener. */
  readonly session: Session;
  readonly #socket: Socket;
  readonly #handler: FrameHandler;
  readonly #limits: ConnectionLimits;
  readonly #events: ConnectionEvents;

  /** Where reads land unless a large frame is being read straight into its own buffer. */
  readonly #readBuffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
  /** Where the next read lands while the backlog views readBuffer (made on first need). */
  #spareBuffer: Buffer | null = null;
  /** The memory handed out for the next read when it is the unfilled rest of `partial`. */
  #directTarget: Buffer | null = null;

  // Frame assembly: a frame split across reads fills `partial`; whole frames are copied out of reads.
  #partial: Buffer | null = null;
  #partialFilled = 0;
  /** Pooled buffer `partial` is a view of, if any. */
  #partialLease: ArrayBufferLike | null = null;
  #header = Buffer.allocUnsafe(SIZE_PREFIX);
  #headerFilled = 0;
  /** Reservation held for `partial`, or for the next frame once granted (its size prefix already read). */
  #partialReserved = 0;
  /** Size of the next frame when its prefix was read and its reservation granted: -1 when none. */
  #grantedSize = -1;
  /** True while waiting for requestMemory to grant the next frame's reservation (reading stops). */
  #awaitingMemory = false;

  // Responses wait here until every earlier request has answered.
  readonly #slots: Slot[] = [];
  #slotHead = 0;
  #readPaused = false;
  #writeBlocked = false;
  #draining = false;
  // Unprocessed rest of a read, held while the in-flight limit is reached (reading is stopped meanwhile).
  #backlog: Buffer | null = null;
  closed = false;
  /** Set by closeAfterResponses: the connection ends once every request read so far is answered. */
  #endAfterResponses = false;
  /** socket.request.max.bytes, lowered while a SASL listener's connection has not authenticated. */
  maxFrameBytes: number;
  /** Bytes of a gossip stream read so far, once the connection turned out to carry one. */
  #gossip: Buffer[] | null = null;
  #gossipBytes = 0;

  constructor(
    id: number,
    accepted: Socket,
    handler: FrameHandler,
    limits: ConnectionLimits,
    events: ConnectionEvents,
    listener: { name: string; securityProtocol: Session['securityProtocol'] } = {
      name: 'PLAINTEXT',
      securityProtocol: 'PLAINTEXT',
    },
  ) {
    this.id = id;
    this.#handler = handler;
    this.#limits = limits;
    this.#events = events;
    this.maxFrameBytes = limits.maxFrameBytes;
    this.remote = `${accepted.remoteAddress}:${accepted.remotePort}`;
    this.session = new Session(listener.name, listener.securityProtocol, this.remote);
    // Reads land in the connection's own memory, plain or TLS (adoptTlsHandle). Bytes already read into a
    // plain socket (a gossip stream told apart from TLS by its first byte) would be lost with its handle:
    // that one takes the 'data' path, as does any socket whose handle cannot be adopted.
    const onread: OnReadOpts = {
      buffer: () => this.#nextReadBuffer(),
      callback: (bytes, buf) => {
        this.#onRead(bytes, buf as Buffer);
        return true;
      },
    };
    const adopted =
      accepted instanceof TLSSocket
        ? adoptTlsHandle(accepted, onread)
        : accepted.readableLength > 0
          ? null
          : adoptHandle(accepted, onread);
    const socket = adopted ?? accepted;
    this.#socket = socket;
    socket.setNoDelay(true);
    if (adopted === null) {
      socket.on('data', (chunk: Buffer) => this.#onData(chunk, chunk.length));
      socket.resume();
    }
    socket.on('drain', () => {
      this.#writeBlocked = false;
      this.#updateReading();
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Requests read but not yet answered. */
  get inFlight(): number {
    return this.#slots.length - this.#slotHead;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#releaseUnread();
    this.#socket.destroy();
    this.#events.onClose(this);
  }

  /**
   * Ends the connection once every request read so far has been answered (a failed login's answer is
   * written, then the socket closed); nothing read after this is served.
   */
  closeAfterResponses(): void {
    this.#endAfterResponses = true;
    if (this.inFlight === 0) void this.end();
  }

  /** requestMemory: granted(bytes) for the frame whose size prefix was read; reading resumes. */
  granted(bytes: number): void {
    this.#awaitingMemory = false;
    if (this.closed || this.#draining) {
      this.#limits.requestMemory?.release(bytes);
      return;
    }
    this.#grantedSize = bytes;
    this.#partialReserved = bytes;
    // Not inside the release() of whichever request freed the memory: resume on a fresh stack.
    process.nextTick(() => this.#updateReading());
  }

  /** Gives back what was reserved for frames not yet dispatched (answered ones release in complete). */
  #releaseUnread(): void {
    const memory = this.#limits.requestMemory;
    if (memory === undefined) return;
    if (this.#awaitingMemory) {
      this.#awaitingMemory = false;
      memory.cancel(this);
    }
    memory.release(this.#partialReserved);
    this.#partialReserved = 0;
    this.#grantedSize = -1;
  }

  /**
   * Closes after the responses already written reach the socket (shutdown, after drain). A peer that never
   * reads them is cut off after lingerMs.
   */
  end(lingerMs = 1000): Promise<void> {
    const socket = this.#socket;
    const gone = new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once('close', () => resolve());
    });
    if (this.closed) return gone;
    this.closed = true;
    this.#releaseUnread();
    socket.end();
    // Read (and drop) until the peer's FIN, so a peer that already closed is seen at once. Not unref'd:
    // during shutdown this timer may be all that keeps the process alive until the logs are closed.
    socket.resume();
    const linger = setTimeout(() => socket.destroy(), lingerMs);
    socket.once('close', () => clearTimeout(linger));
    this.#events.onClose(this);
    return gone;
  }

  /** Stops reading new requests; resolves when every request already read has been answered. */
  async drain(): Promise<void> {
    this.#draining = true;
    this.#backlog = null;
    this.#releaseUnread();
    this.#readPaused = true;
    this.#socket.pause();
    while (!this.closed && this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  /** Memory for the next read (asked after every read): the rest of a large frame, or the read buffer. */
  #nextReadBuffer(): Buffer {
    const partial = this.#partial;
    this.#directTarget = null;
    if (this.#backlog !== null) {
      // Reading is stopped, but node asks for the next buffer now: not the one the backlog is a view of.
      if (this.#backlog.buffer !== this.#readBuffer.buffer) return this.#readBuffer;
      this.#spareBuffer ??= Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
      return this.#spareBuffer;
    }
    if (partial !== null && partial.length - this.#partialFilled >= DIRECT_READ_MIN_BYTES) {
      this.#directTarget = partial.subarray(this.#partialFilled);
      return this.#directTarget;
    }
    return this.#readBuffer;
  }

  #onRead(bytes: number, buf: Buffer): void {
    if (this.closed) return;
    if (buf === this.#directTarget) {
      this.#directTarget = null;
      this.#partialFilled += bytes;
      if (this.#partialFilled === this.#partial!.length) this.#completePartial();
      return;
    }
    this.#onData(buf, bytes);
  }

  /** Collects one gossip frame (u32 length, payload), hands it over and closes; over the limit just closes. */
  #onGossipBytes(bytes: Buffer): void {
    const gossip = this.#events.gossip!;
    this.#gossip!.push(Buffer.from(bytes));
    this.#gossipBytes += bytes.length;
    if (this.#gossipBytes < 4) return;
    const all = Buffer.concat(this.#gossip!, this.#gossipBytes);
    const want = all.readUInt32BE(0);
    if (want > gossip.maxBytes) {
      this.#events.onProtocolError(this, `gossip stream of ${want} bytes over the limit ${gossip.maxBytes}`);
      this.close();
      return;
    }
    if (all.length < 4 + want) {
      this.#gossip = [all];
      return;
    }
    this.close();
    if (all.length === 4 + want) gossip.deliver(this.remote, all.subarray(4));
  }

  #completePartial(): void {
    const frame = this.#partial!;
    const lease = this.#partialLease;
    this.#partial = null;
    this.#partialLease = null;
    this.#dispatch(frame, lease);
  }

  /**
   * Frames out of `len` bytes of `chunk`, which the next read may overwrite: what is kept is copied out,
   * unless reading stops first (the in-flight limit), and then the rest waits as the backlog.
   */
  #onData(chunk: Buffer, len: number): void {
    if (this.#gossip !== null) {
      this.#onGossipBytes(chunk.subarray(0, len));
      return;
    }
    if (this.#backlog !== null) {
      // Only when a read raced the pause: keep order by appending.
      this.#backlog = Buffer.concat([this.#backlog, chunk.subarray(0, len)]);
      return;
    }
    let pos = 0;
    while (pos < len && !this.closed) {
      if (this.#partial === null && this.#headerFilled === 0 && this.inFlight >= this.#limits.maxInFlight) {
        this.#backlog = chunk.subarray(pos, len);
        this.#updateReading();
        return;
      }
      if (this.#partial !== null) {
        const n = Math.min(len - pos, this.#partial.length - this.#partialFilled);
        chunk.copy(this.#partial, this.#partialFilled, pos, pos + n);
        this.#partialFilled += n;
        pos += n;
        if (this.#partialFilled === this.#partial.length) this.#completePartial();
        continue;
      }
      // Read the size prefix, possibly across reads (unless it was read before waiting for memory).
      let size: number;
      if (this.#grantedSize >= 0) {
        size = this.#grantedSize;
        this.#grantedSize = -1;
      } else if (this.#headerFilled === 0 && len - pos >= SIZE_PREFIX) {
        size = chunk.readInt32BE(pos);
        pos += SIZE_PREFIX;
      } else {
        while (this.#headerFilled < SIZE_PREFIX && pos < len)
          this.#header[this.#headerFilled++] = chunk[pos++]!;
        if (this.#headerFilled < SIZE_PREFIX) return;
        this.#headerFilled = 0;
        size = this.#header.readInt32BE(0);
      }
      if (size === GOSSIP_STREAM_MAGIC && this.#events.gossip !== undefined) {
        this.#gossip = [];
        this.#onGossipBytes(chunk.subarray(pos, len));
        return;
      }
      if (size < 0 || size > this.maxFrameBytes) {
        this.#events.onProtocolError(
          this,
          this.maxFrameBytes === this.#limits.maxFrameBytes
            ? `frame of ${size} bytes exceeds socket.request.max.bytes ${this.maxFrameBytes}`
            : `frame of ${size} bytes before authentication exceeds sasl.server.max.receive.size ${this.maxFrameBytes}`,
        );
        this.close();
        return;
      }
      const memory = this.#limits.requestMemory;
      if (memory !== undefined && this.#partialReserved === 0 && size > 0) {
        if (!memory.reserve(size, this)) {
          // Stop here, prefix consumed; granted() resumes with the rest of this read as the backlog.
          this.#awaitingMemory = true;
          this.#backlog = chunk.subarray(pos, len);
          this.#updateReading();
          return;
        }
        this.#partialReserved = size;
      }
      // Produce frames of 4 KiB to 4 MiB go to pooled buffers; the API key is known once two bytes are here.
      const pooled =
        size >= 2 && len - pos >= 2 && chunk.readInt16BE(pos) === ApiKey.Produce
          ? framePool.take(size)
          : null;
      const lease = pooled === null ? null : pooled.buffer;
      // Any other frame gets an exactly sized buffer of its own (small ones from Node's shared slab).
      const target = pooled === null ? Buffer.allocUnsafe(size) : pooled.subarray(0, size);
      const n = Math.min(len - pos, size);
      chunk.copy(target, 0, pos, pos + n);
      pos += n;
      if (n === size) {
        this.#dispatch(target, lease);
      } else {
        this.#partial = target;
        this.#partialLease = lease;
        this.#partialFilled = n;
      }
    }
  }

  #dispatch(frame: Buffer, lease: ArrayBufferLike | null): void {
    if (this.#endAfterResponses) {
      // Read after closeAfterResponses: dropped unserved.
      this.#limits.requestMemory?.release(this.#partialReserved);
      this.#partialReserved = 0;
      if (lease !== null) framePool.give(lease);
      return;
    }
    const slot: Slot = { done: false, response: null, lease, reserved: this.#partialReserved };
    this.#partialReserved = 0;
    this.#slots.push(slot);
    this.#updateReading();
    let result: ResponseFrame | null | Promise<ResponseFrame | null>;
    try {
      result = this.#handler.handle(frame, this);
    } catch (err) {
      this.#releaseSlot(slot);
      this.#fail(err);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (response) => this.#complete(slot, response),
        (err) => {
          this.#releaseSlot(slot);
          this.#fail(err);
        },
      );
    } else {
      this.#complete(slot, result);
    }
  }

  #fail(err: unknown): void {
    if (this.closed) return;
    this.#events.onProtocolError(this, err instanceof Error ? err.message : String(err));
    this.close();
  }

  #releaseSlot(slot: Slot): void {
    if (slot.reserved === 0) return;
    this.#limits.requestMemory?.release(slot.reserved);
    slot.reserved = 0;
  }

  #complete(slot: Slot, response: ResponseFrame | null): void {
    this.#releaseSlot(slot);
    if (this.closed) return;
    if (slot.lease !== null) {
      framePool.give(slot.lease);
      slot.lease = null;
    }
    slot.done = true;
    slot.response = response;
    // Write every answered request at the head, in order.
    let wrote = false;
    while (this.#slotHead < this.#slots.length && this.#slots[this.#slotHead]!.done) {
      const head = this.#slots[this.#slotHead++]!;
      const out = head.response;
      head.response = null;
      if (out === null) continue;
      if (!wrote) {
        this.#socket.cork();
        wrote = true;
      }
      if (Buffer.isBuffer(out)) {
        if (!this.#socket.write(out)) this.#writeBlocked = true;
      } else {
        for (const part of out) {
          // Stored batches read into pooled buffers go back to the pool once the kernel has them.
          const ok = readBuffers.owns(part.buffer)
            ? this.#socket.write(part, () => readBuffers.give(part.buffer))
            : this.#socket.write(part);
          if (!ok) this.#writeBlocked = true;
        }
      }
    }
    if (wrote) this.#socket.uncork();
    if (this.#endAfterResponses && this.inFlight === 0) {
      void this.end();
      return;
    }
    if (this.#slotHead > 1024 && this.#slotHead * 2 > this.#slots.length) {
      this.#slots.splice(0, this.#slotHead);
      this.#slotHead = 0;
    }
    this.#updateReading();
  }

  #updateReading(): void {
    if (this.closed || this.#draining) return;
    const shouldPause =
      this.inFlight >= this.#limits.maxInFlight || this.#writeBlocked || this.#awaitingMemory;
    if (!shouldPause && this.#backlog !== null) {
      // The socket is still paused here, so nothing newer can overtake this.
      const rest = this.#backlog;
      this.#backlog = null;
      this.#onData(rest, rest.length);
      if (this.#backlog !== null) return;
      this.#updateReading();
      return;
    }
    if (shouldPause && !this.#readPaused) {
      this.#readPaused = true;
      this.#socket.pause();
    } else if (!shouldPause && this.#readPaused) {
      this.#readPaused = false;
      this.#socket.resume();
    }
  }
}
