// One TCP connection to one broker. Requests are pipelined: each gets a correlation id, is written at
// once, and waits in a FIFO for its response (Kafka answers in order on a connection). The first
// exchange is ApiVersions, which fixes the version used for every api: the highest one both the
// broker and this client implement.
//
// Limits: at most `maxInFlight` requests on the wire; up to `maxQueued` more wait for a slot, and a
// request beyond that fails at once. A response frame larger than `maxResponseBytes` closes the
// connection. A request without a response after its timeout closes the connection too (what the
// Java client does): the broker may be stuck, and later responses could never be trusted anyway.
import { Buffer } from 'node:buffer';
import net from 'node:net';
import tls from 'node:tls';
import { type ApiCodec, ApiKey, ApiVersionsApi } from '../protocol/generated/api-keys.js';
import type { ApiVersionsResponse } from '../protocol/generated/api-versions.js';
import { requestHeaderVersion, responseHeaderVersion } from '../protocol/header.js';
import { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';
import { ErrorCode, KafkaError, networkError, timeoutError } from './errors.js';
import { reauthDelayMs, type SaslOptions, saslAuthenticate } from './sasl.js';

/** Versions this client implements, per api key: [min, max]. */
export const CLIENT_VERSIONS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.Produce, [3, 11]],
  // v13+ names topics by id only; names keep the client free of a topic id cache.
  [ApiKey.Fetch, [4, 12]],
  [ApiKey.ListOffsets, [1, 10]],
  [ApiKey.Metadata, [1, 12]],
  [ApiKey.ApiVersions, [0, 3]],
  [ApiKey.CreateTopics, [2, 7]],
  [ApiKey.DeleteTopics, [1, 6]],
  [ApiKey.DeleteRecords, [0, 2]],
  [ApiKey.InitProducerId, [0, 5]],
  // Transactions (transactions.ts). AddPartitionsToTxn v4+ is between brokers; producers send v0-v3.
  [ApiKey.AddPartitionsToTxn, [0, 5]],
  [ApiKey.AddOffsetsToTxn, [0, 4]],
  [ApiKey.EndTxn, [0, 5]],
  [ApiKey.TxnOffsetCommit, [0, 4]],
  [ApiKey.DescribeTransactions, [0, 0]],
  [ApiKey.ListTransactions, [0, 1]],
  [ApiKey.WriteTxnMarkers, [0, 1]],
  [ApiKey.CreatePartitions, [0, 3]],
  // Consumer groups (group-consumer.ts). Kafka 4.0 dropped JoinGroup v0-v1 and OffsetCommit v0-v1.
  [ApiKey.FindCoordinator, [1, 6]],
  [ApiKey.JoinGroup, [2, 9]],
  [ApiKey.SyncGroup, [1, 5]],
  [ApiKey.Heartbeat, [1, 4]],
  [ApiKey.LeaveGroup, [1, 5]],
  [ApiKey.OffsetCommit, [2, 9]],
  [ApiKey.OffsetFetch, [1, 9]],
  // Admin (admin.ts, admin-groups.ts, admin-configs.ts). DescribeConfigs v0 has no config source.
  [ApiKey.ListGroups, [0, 5]],
  [ApiKey.DescribeGroups, [0, 5]],
  [ApiKey.DeleteGroups, [0, 2]],
  [ApiKey.DescribeConfigs, [1, 4]],
  [ApiKey.AlterConfigs, [0, 2]],
  [ApiKey.IncrementalAlterConfigs, [0, 1]],
  [ApiKey.AlterPartitionReassignments, [0, 1]],
  [ApiKey.ListPartitionReassignments, [0, 0]],
  [ApiKey.ElectLeaders, [0, 2]],
  [ApiKey.UnregisterBroker, [0, 0]],
  // The metadata quorum's voters (admin-quorum.ts, KIP-853).
  [ApiKey.DescribeQuorum, [0, 2]],
  [ApiKey.AddRaftVoter, [0, 0]],
  [ApiKey.RemoveRaftVoter, [0, 0]],
  // Operations (admin-logs.ts).
  [ApiKey.DescribeLogDirs, [1, 4]],
  [ApiKey.DescribeProducers, [0, 0]],
  // ACLs (admin-acls.ts).
  [ApiKey.DescribeAcls, [0, 3]],
  [ApiKey.CreateAcls, [0, 3]],
  [ApiKey.DeleteAcls, [0, 3]],
  // The metadata quorum's own RPCs (src/cluster/raft/wire-transport.ts).
  [ApiKey.Vote, [0, 1]],
  [ApiKey.BeginQuorumEpoch, [0, 1]],
  [ApiKey.EndQuorumEpoch, [0, 1]],
  [ApiKey.FetchSnapshot, [0, 1]],
  // Broker to controller (cluster/metadata/controller-channel.ts).
  [ApiKey.BrokerRegistration, [0, 4]],
  [ApiKey.BrokerHeartbeat, [0, 1]],
  [ApiKey.AllocateProducerIds, [0, 0]],
  // Controller to broker: unclean recovery (cluster/replica-log-info-client.ts, KIP-966).
  [ApiKey.GetReplicaLogInfo, [0, 0]],
  // SASL (sasl.ts).
  [ApiKey.SaslHandshake, [1, 1]],
  [ApiKey.SaslAuthenticate, [0, 2]],
  [ApiKey.DescribeUserScramCredentials, [0, 0]],
  [ApiKey.AlterUserScramCredentials, [0, 0]],
]);

export const CLIENT_SOFTWARE_NAME = 'runnel-client';
export const CLIENT_SOFTWARE_VERSION = '0.1.0';

export interface ConnectionOptions {
  host: string;
  port: number;
  clientId: string;
  /** Default timeout for a request; long polls add their own wait on top. */
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  /** Requests written and awaiting a response. */
  maxInFlight: number;
  /** Requests waiting for an in-flight slot before new ones are refused. */
  maxQueued: number;
  maxResponseBytes: number;
  /** First reconnect delay after a failure; doubles per consecutive failure up to the max. */
  reconnectBackoffMs: number;
  reconnectBackoffMaxMs: number;
  /** TLS (an SSL or SASL_SSL listener): node:tls options, e.g. { ca, cert, key }; null or absent: plain TCP. */
  tls?: tls.ConnectionOptions | null;
  /** SASL authentication after ApiVersions (sasl.ts); absent: none. */
  sasl?: SaslOptions | null;
}

export const CONNECTION_DEFAULTS = {
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxInFlight: 32,
  maxQueued: 10_000,
  maxResponseBytes: 256 * 1024 * 1024,
  reconnectBackoffMs: 50,
  reconnectBackoffMaxMs: 1000,
} as const;

export interface RequestOptions {
  /** Overrides the connection's request timeout (a long poll passes its wait plus the timeout). */
  timeoutMs?: number;
  /** acks=0 produce: the broker sends nothing back; resolves with null once written. */
  noResponse?: boolean;
  /** Bytes fields at least this long are written by reference (record batches), not copied. */
  zeroCopyMinBytes?: number;
}

const STATE_IDLE = 0;
const STATE_CONNECTING = 1;
const STATE_READY = 2;
const STATE_CLOSED = 3;

/** One outstanding request. A class, so every entry in the queue has the same shape. */
class Pending {
  correlationId = 0;
  deadline = 0;
  constructor(
    readonly codec: ApiCodec<unknown, unknown>,
    readonly version: number,
    readonly body: unknown,
    readonly timeoutMs: number,
    readonly noResponse: boolean,
    readonly zeroCopyMinBytes: number,
    readonly resolve: (value: unknown) => void,
    readonly reject: (err: Error) => void,
  ) {}
}

const SWEEP_INTERVAL_MS = 100;
/** Size of each connection's reusable socket read buffer. */
const READ_BUFFER_BYTES = 64 * 1024;
/** Frames with at least this much left to read are read into directly rather than via that buffer. */
const DIRECT_READ_MIN_BYTES = 32 * 1024;

export class Connection {
  readonly address: string;
  readonly #opts: ConnectionOptions;
  #socket: net.Socket | null = null;
  #state = STATE_IDLE;
  #connecting: Promise<void> | null = null;
  #failures = 0;
  #nextConnectAt = 0;
  #nextCorrelationId = 1;
  /** Written, awaiting a response, in wire order. */
  readonly #inFlight: Pending[] = [];
  #inFlightHead = 0;
  /** Waiting for an in-flight slot (or for the connection), in call order. */
  readonly #queued: Pending[] = [];
  #queuedHead = 0;
  #sweepTimer: NodeJS.Timeout | null = null;
  /** Re-authentication before the broker's session lifetime runs out (KIP-368). */
  #reauthTimer: NodeJS.Timeout | null = null;
  /** Broker's [min, max] per api key, from ApiVersions. */
  #brokerVersions = new Map<number, readonly [number, number]>();
  // Frame reassembly state.
  #frame: Buffer | null = null;
  #frameFilled = 0;
  readonly #sizeBytes = Buffer.alloc(4);
  #sizeFilled = 0;

  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
    this.address = `${opts.host}:${opts.port}`;
  }

  get isReady(): boolean {
    return this.#state === STATE_READY;
  }

  /** Requests written and not yet answered (drivers use it to pick the least loaded broker). */
  get inFlightCount(): number {
    return this.#inFlight.length - this.#inFlightHead;
  }

  /**
   * The version to use for an api: the highest that both sides implement. Throws UNSUPPORTED_VERSION
   * if there is none; call after connect().
   */
  versionFor(apiKey: number): number {
    const v = this.tryVersionFor(apiKey);
    if (v < 0) {
      throw new KafkaError(
        ErrorCode.UNSUPPORTED_VERSION,
        `${this.address} has no usable version of api ${apiKey}`,
      );
    }
    return v;
  }

  /** Like versionFor, but -1 when the broker lacks the api (callers fall back, e.g. to no idempotence). */
  tryVersionFor(apiKey: number): number {
    const mine = CLIENT_VERSIONS.get(apiKey);
    const theirs = this.#brokerVersions.get(apiKey);
    if (mine === undefined || theirs === undefined) return -1;
    const v = Math.min(mine[1], theirs[1]);
    return v >= Math.max(mine[0], theirs[0]) ? v : -1;
  }

  /** Connects and negotiates versions, waiting out the reconnect backoff after a failure. */
  connect(): Promise<void> {
    if (this.#state === STATE_READY) return Promise.resolve();
    if (this.#state === STATE_CLOSED) return Promise.reject(networkError(this.address, 'connection closed'));
    if (this.#connecting === null) this.#connecting = this.#open();
    return this.#connecting;
  }

  /**
   * Sends a request at the negotiated version (or `version`) and resolves with the decoded response.
   * Errors are KafkaErrors: NETWORK_EXCEPTION when the connection fails, REQUEST_TIMED_OUT on timeout.
   */
  request<Req, Res>(
    codec: ApiCodec<Req, Res>,
    body: Req,
    opts?: RequestOptions,
    version?: number,
  ): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      if (this.#state === STATE_CLOSED) {
        reject(networkError(this.address, 'connection closed'));
        return;
      }
      if (this.#queued.length - this.#queuedHead >= this.#opts.maxQueued) {
        reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, `${this.address}: request queue full`));
        return;
      }
      const p = new Pending(
        codec as ApiCodec<unknown, unknown>,
        version ?? -1,
        body,
        opts?.timeoutMs ?? this.#opts.requestTimeoutMs,
        opts?.noResponse ?? false,
        opts?.zeroCopyMinBytes ?? Number.POSITIVE_INFINITY,
        resolve as (value: unknown) => void,
        reject,
      );
      if (this.#state === STATE_READY && this.#queued.length === this.#queuedHead && this.#hasSlot()) {
        this.#write(p);
        return;
      }
      this.#queued.push(p);
      if (this.#state === STATE_READY) return;
      this.connect().then(
        () => this.#pump(),
        () => {}, // open() already failed everything queued
      );
    });
  }

  /** Closes the socket and fails everything outstanding. The connection cannot be reused. */
  close(): void {
    if (this.#state === STATE_CLOSED) return;
    this.#teardown(networkError(this.address, 'connection closed by client'));
    this.#state = STATE_CLOSED;
  }

  // --- connecting ---------------------------------------------------------------------------------

  async #open(): Promise<void> {
    const wait = this.#nextConnectAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (this.#state === STATE_CLOSED) throw networkError(this.address, 'connection closed');
    this.#state = STATE_CONNECTING;
    try {
      const socket = await this.#dial();
      if (this.#state === STATE_CLOSED) {
        socket.destroy();
        throw networkError(this.address, 'connection closed');
      }
      this.#socket = socket;
      this.#startSweep();
      await this.#handshake();
      const sasl = this.#opts.sasl;
      if (sasl != null) {
        const lifetimeMs = await saslAuthenticate(
          (codec, body, version) => this.#send(codec, body, version),
          this.versionFor(ApiKey.SaslAuthenticate),
          sasl,
          this.address,
        );
        this.#scheduleReauth(socket, sasl, lifetimeMs);
      }
      this.#state = STATE_READY;
      this.#failures = 0;
      this.#connecting = null;
      this.#pump();
    } catch (err) {
      const error = err instanceof KafkaError ? err : networkError(this.address, (err as Error).message);
      this.#failures++;
      const base = Math.min(
        this.#opts.reconnectBackoffMaxMs,
        this.#opts.reconnectBackoffMs * 2 ** Math.min(this.#failures - 1, 20),
      );
      // +-20% jitter so clients that lost a broker together do not return in lockstep.
      this.#nextConnectAt = Date.now() + base * (0.8 + Math.random() * 0.4);
      this.#teardown(error);
      throw error;
    }
  }

  #dial(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      // Reads use net's onread: node asks `buffer` for the memory of each next read. Inside a large
      // response that is the unfilled rest of the frame itself, so the kernel copies the bytes
      // straight into it (no reassembly copy); otherwise a small reusable buffer per connection,
      // from which onData copies what it keeps (no freshly allocated chunk per read).
      const scratch = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
      // Set once net.connect returns; node asks for the first read buffer inside that call.
      let self: net.Socket | null = null;
      const secure = this.#opts.tls ?? null;
      const onread = {
        buffer: () => {
          const frame = this.#frame;
          if (
            frame === null ||
            self !== this.#socket ||
            frame.length - this.#frameFilled < DIRECT_READ_MIN_BYTES
          )
            return scratch;
          return frame.subarray(this.#frameFilled);
        },
        callback: (bytes: number, buf: Uint8Array) => {
          if (self !== this.#socket) return true;
          if (buf === scratch) this.#onData(scratch, bytes);
          else this.#onDirectRead(bytes);
          return true;
        },
      };
      // TLS keeps the same onread path: node:tls reads decrypted bytes into the buffers named here too.
      const socket =
        secure === null
          ? net.connect({ host: this.#opts.host, port: this.#opts.port, noDelay: true, onread })
          : tls.connect({
              // A host name is checked against the certificate and sent as SNI; an IP address is not SNI.
              ...(net.isIP(this.#opts.host) === 0 ? { servername: this.#opts.host } : {}),
              ...secure,
              host: this.#opts.host,
              port: this.#opts.port,
              onread,
            } as tls.ConnectionOptions);
      if (secure !== null) socket.setNoDelay(true);
      self = socket;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(networkError(this.address, `connect timed out after ${this.#opts.connectTimeoutMs} ms`));
      }, this.#opts.connectTimeoutMs);
      socket.once(secure === null ? 'connect' : 'secureConnect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', (err) => this.#onSocketGone(socket, err.message));
        socket.on('close', () => this.#onSocketGone(socket, 'connection closed by broker'));
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(networkError(this.address, err.message));
      });
    });
  }

  /** Writes one request now, whatever the state (the handshakes before the connection is ready). */
  #send<Req, Res>(codec: ApiCodec<Req, Res>, body: Req, version: number): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.#write(
        new Pending(
          codec as ApiCodec<unknown, unknown>,
          version,
          body,
          this.#opts.requestTimeoutMs,
          false,
          Number.POSITIVE_INFINITY,
          resolve as (v: unknown) => void,
          reject,
        ),
      );
    });
  }

  /** Re-authenticates on this socket before `lifetimeMs` passes; a failure closes the socket (next request redials). */
  #scheduleReauth(socket: net.Socket, sasl: SaslOptions, lifetimeMs: number): void {
    if (this.#reauthTimer !== null) clearTimeout(this.#reauthTimer);
    this.#reauthTimer = null;
    if (lifetimeMs <= 0) return;
    this.#reauthTimer = setTimeout(() => {
      this.#reauthTimer = null;
      if (socket !== this.#socket || this.#state !== STATE_READY) return;
      saslAuthenticate(
        (codec, body, version) => this.request(codec, body, undefined, version),
        this.versionFor(ApiKey.SaslAuthenticate),
        sasl,
        this.address,
      ).then(
        (next) => {
          if (socket === this.#socket) this.#scheduleReauth(socket, sasl, next);
        },
        (err: Error) => this.#onSocketGone(socket, `re-authentication failed: ${err.message}`),
      );
    }, reauthDelayMs(lifetimeMs));
    this.#reauthTimer.unref();
  }

  /** ApiVersions at our newest version; a broker that does not know it answers v0 with its range. */
  async #handshake(): Promise<void> {
    const body = { clientSoftwareName: CLIENT_SOFTWARE_NAME, clientSoftwareVersion: CLIENT_SOFTWARE_VERSION };
    let version = CLIENT_VERSIONS.get(ApiKey.ApiVersions)![1];
    for (let attempt = 0; attempt < 2; attempt++) {
      const p = new Promise<ApiVersionsResponse>((resolve, reject) => {
        this.#write(
          new Pending(
            ApiVersionsApi as ApiCodec<unknown, unknown>,
            version,
            body,
            this.#opts.requestTimeoutMs,
            false,
            Number.POSITIVE_INFINITY,
            resolve as (v: unknown) => void,
            reject,
          ),
        );
      });
      const res = await p;
      if (res.errorCode === ErrorCode.UNSUPPORTED_VERSION && attempt === 0) {
        const theirs = res.apiKeys.find((k) => k.apiKey === ApiKey.ApiVersions);
        version = Math.min(version, theirs?.maxVersion ?? 0);
        continue;
      }
      if (res.errorCode !== ErrorCode.NONE)
        throw new KafkaError(res.errorCode, `${this.address}: ApiVersions`);
      this.#brokerVersions = new Map(
        res.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion] as const]),
      );
      return;
    }
  }

  // --- writing ------------------------------------------------------------------------------------

  #hasSlot(): boolean {
    return this.#inFlight.length - this.#inFlightHead < this.#opts.maxInFlight;
  }

  /** Moves queued requests onto the wire while slots are free. */
  #pump(): void {
    while (this.#state === STATE_READY && this.#queuedHead < this.#queued.length && this.#hasSlot()) {
      const p = this.#queued[this.#queuedHead]!;
      this.#queued[this.#queuedHead++] = undefined as unknown as Pending;
      this.#write(p);
    }
    if (this.#queuedHead === this.#queued.length) {
      this.#queued.length = 0;
      this.#queuedHead = 0;
    }
  }

  #write(p: Pending): void {
    const socket = this.#socket!;
    let version = p.version;
    if (version < 0) {
      try {
        version = this.versionFor(p.codec.apiKey);
      } catch (err) {
        p.reject(err as Error);
        return;
      }
    }
    const correlationId = this.#nextCorrelationId;
    this.#nextCorrelationId = correlationId === 0x7fffffff ? 1 : correlationId + 1;
    const w = new Writer({ initialSize: 256, zeroCopyMinBytes: p.zeroCopyMinBytes });
    const frame = w.beginFrame();
    w.int16(p.codec.apiKey);
    w.int16(version);
    w.int32(correlationId);
    w.nullableString(this.#opts.clientId);
    if (requestHeaderVersion(p.codec.apiKey, version) >= 2) w.uvarint(0);
    p.codec.encodeRequest(w, p.body, version);
    w.endFrame(frame);
    if (w.error !== null) {
      p.reject(new KafkaError(ErrorCode.INVALID_REQUEST, `encoding ${p.codec.name}: ${w.error}`));
      return;
    }
    const parts = w.finishParts();
    // Without a response, resolve once the bytes left for the kernel: callers may then reuse them.
    const done = p.noResponse ? () => p.resolve(null) : undefined;
    if (parts.length === 1) socket.write(parts[0]!, done);
    else {
      socket.cork();
      for (let i = 0; i < parts.length; i++)
        socket.write(parts[i]!, i === parts.length - 1 ? done : undefined);
      socket.uncork();
    }
    if (p.noResponse) return;
    p.correlationId = correlationId;
    (p as { version: number }).version = version;
    p.deadline = Date.now() + p.timeoutMs;
    this.#inFlight.push(p);
  }

  // --- reading ------------------------------------------------------------------------------------

  /** `n` bytes were read straight into the current frame, after its first `frameFilled` bytes. */
  #onDirectRead(n: number): void {
    const frame = this.#frame!;
    this.#frameFilled += n;
    if (this.#frameFilled === frame.length) {
      this.#frame = null;
      this.#onFrame(frame);
    }
  }

  /** Takes `n` bytes from the reusable read buffer `chunk`; everything kept is copied out of it. */
  #onData(chunk: Buffer, n: number): void {
    let off = 0;
    while (off < n) {
      if (this.#frame === null) {
        let size: number;
        if (this.#sizeFilled === 0 && n - off >= 4) {
          size = chunk.readInt32BE(off);
          off += 4;
        } else {
          while (this.#sizeFilled < 4 && off < n) this.#sizeBytes[this.#sizeFilled++] = chunk[off++]!;
          if (this.#sizeFilled < 4) return;
          this.#sizeFilled = 0;
          size = this.#sizeBytes.readInt32BE(0);
        }
        if (size < 4 || size > this.#opts.maxResponseBytes) {
          this.#teardown(networkError(this.address, `invalid response frame size ${size}`));
          return;
        }
        // allocUnsafe: small frames share the pool; large ones get their own memory, which the
        // records decoded from them reference (the read buffer is reused, so always a copy).
        this.#frame = Buffer.allocUnsafe(size);
        this.#frameFilled = 0;
      }
      const frame = this.#frame;
      const take = Math.min(frame.length - this.#frameFilled, n - off);
      chunk.copy(frame, this.#frameFilled, off, off + take);
      this.#frameFilled += take;
      off += take;
      if (this.#frameFilled === frame.length) {
        this.#frame = null;
        this.#onFrame(frame);
      }
    }
  }

  #onFrame(frame: Buffer): void {
    if (this.#state === STATE_CLOSED || this.#socket === null) return;
    const correlationId = frame.readInt32BE(0);
    const p = this.#inFlight[this.#inFlightHead];
    if (p === undefined || p.correlationId !== correlationId) {
      this.#teardown(
        networkError(
          this.address,
          `response correlation id ${correlationId} does not match the oldest request`,
        ),
      );
      return;
    }
    this.#inFlight[this.#inFlightHead++] = undefined as unknown as Pending;
    if (this.#inFlightHead === this.#inFlight.length) {
      this.#inFlight.length = 0;
      this.#inFlightHead = 0;
    } else if (this.#inFlightHead >= 1024) {
      this.#inFlight.splice(0, this.#inFlightHead);
      this.#inFlightHead = 0;
    }
    const r = new Reader(frame, 4);
    if (responseHeaderVersion(p.codec.apiKey, p.version) >= 1) r.skipTaggedFields();
    let body: unknown;
    if (p.codec.apiKey === ApiKey.ApiVersions && r.remaining >= 2 && frame.readInt16BE(r.offset) !== 0) {
      // An ApiVersions error response is always v0 (so any client can read the broker's range).
      body = p.codec.decodeResponse(r, 0);
    } else {
      body = p.codec.decodeResponse(r, p.version);
    }
    if (this.#queuedHead < this.#queued.length) this.#pump();
    if (r.error !== null) {
      p.reject(
        new KafkaError(
          ErrorCode.CORRUPT_MESSAGE,
          `${this.address}: ${p.codec.name} v${p.version}: ${r.error}`,
        ),
      );
      return;
    }
    p.resolve(body);
  }

  // --- failure ------------------------------------------------------------------------------------

  #onSocketGone(socket: net.Socket, why: string): void {
    if (socket !== this.#socket) return;
    const wasReady = this.#state === STATE_READY;
    this.#teardown(networkError(this.address, why));
    if (wasReady) this.#nextConnectAt = Date.now() + this.#opts.reconnectBackoffMs;
  }

  #startSweep(): void {
    if (this.#sweepTimer !== null) return;
    this.#sweepTimer = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS);
    this.#sweepTimer.unref();
  }

  #sweep(): void {
    const now = Date.now();
    for (let i = this.#inFlightHead; i < this.#inFlight.length; i++) {
      const p = this.#inFlight[i]!;
      if (p.deadline <= now) {
        this.#teardown(timeoutError(this.address, `${p.codec.name} request ${p.correlationId}`, p.timeoutMs));
        return;
      }
    }
  }

  /** Drops the socket and fails every request, written or queued, with `error`. */
  #teardown(error: KafkaError): void {
    if (this.#reauthTimer !== null) {
      clearTimeout(this.#reauthTimer);
      this.#reauthTimer = null;
    }
    if (this.#sweepTimer !== null) {
      clearInterval(this.#sweepTimer);
      this.#sweepTimer = null;
    }
    const socket = this.#socket;
    this.#socket = null;
    if (socket !== null) socket.destroy();
    if (this.#state !== STATE_CLOSED) this.#state = STATE_IDLE;
    this.#connecting = null;
    this.#frame = null;
    this.#sizeFilled = 0;
    const inFlight = this.#inFlight.splice(this.#inFlightHead);
    this.#inFlight.length = 0;
    this.#inFlightHead = 0;
    const queued = this.#queued.splice(this.#queuedHead);
    this.#queued.length = 0;
    this.#queuedHead = 0;
    for (const p of inFlight) p.reject(error);
    for (const p of queued) p.reject(error);
  }
}
