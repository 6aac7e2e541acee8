// A minimal Kafka client for broker tests: one socket, our generated codecs, requests matched to responses by
// correlation id. Also sends raw bytes, for the tests that feed the broker bad frames.
import { Buffer } from 'node:buffer';
import { createConnection, type Socket } from 'node:net';
import type { ApiCodec } from '../../dist/protocol/generated/api-keys.js';
import { encodeRequestFrame, responseHeaderVersion } from '../../dist/protocol/header.js';
import * as P from '../../dist/protocol/index.js';
import { Reader } from '../../dist/protocol/reader.js';
import { Writer } from '../../dist/protocol/writer.js';

interface Pending {
  resolve(frame: Buffer): void;
  reject(err: Error): void;
}

export class TestClient {
  readonly socket: Socket;
  private readonly pending = new Map<number, Pending>();
  private nextCorrelationId = 1;
  private buffered: Buffer = Buffer.alloc(0);
  // An incomplete frame's chunks, their total, and the bytes the frame needs (size prefix included).
  private pendingChunks: Buffer[] = [];
  private pendingBytes = 0;
  private pendingNeed = 0;
  closed = false;
  /** The client id of every request (tests of in-process brokers map it to a principal). */
  clientId = 'runnel-test';
  /** Resolves when the broker (or we) closed the socket. */
  readonly closedPromise: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.closedPromise = new Promise((resolve) => {
      const done = () => {
        this.closed = true;
        for (const p of this.pending.values()) p.reject(new Error('connection closed'));
        this.pending.clear();
        resolve();
      };
      socket.on('close', done);
      socket.on('error', () => {});
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port, host }, () => {
        socket.off('error', reject);
        resolve(new TestClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends a request and decodes its response with our codecs. */
  async request<Req, Res>(codec: ApiCodec<Req, Res>, version: number, body: Req): Promise<Res> {
    const correlationId = this.nextCorrelationId++;
    const w = new Writer();
    encodeRequestFrame(
      w,
      { requestApiKey: codec.apiKey, requestApiVersion: version, correlationId, clientId: this.clientId },
      codec,
      body,
    );
    if (w.error !== null) throw new Error(w.error);
    const frame = await this.send(Buffer.from(w.finish()), correlationId);
    const r = new Reader(frame, 4);
    const hv = responseHeaderVersion(codec.apiKey, version);
    r.int32();
    if (hv >= 1) r.skipTaggedFields();
    const res = codec.decodeResponse(r, version);
    if (r.error !== null) throw new Error(`bad ${codec.name} response: ${r.error}`);
    return res;
  }

  /** Writes raw bytes; if correlationId is given, resolves with the response frame carrying it. */
  send(bytes: Buffer, correlationId?: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    const p =
      correlationId === undefined
        ? Promise.resolve(Buffer.alloc(0))
        : new Promise<Buffer>((resolve, reject) => this.pending.set(correlationId, { resolve, reject }));
    this.socket.write(bytes);
    return p;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    // A large frame arrives in many chunks: keep them in a list and join once it is complete.
    if (this.pendingChunks.length > 0) {
      this.pendingChunks.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < this.pendingNeed) return;
      chunk = Buffer.concat(this.pendingChunks);
      this.pendingChunks = [];
    }
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) {
        this.pendingChunks = [this.buffered];
        this.pendingBytes = this.buffered.length;
        this.pendingNeed = 4 + size;
        this.buffered = Buffer.alloc(0);
        return;
      }
      const frame = this.buffered.subarray(0, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const id = frame.readInt32BE(4);
      const p = this.pending.get(id);
      this.pending.delete(id);
      p?.resolve(frame);
    }
  }
}

/** A request frame from raw parts: api key, version, correlation id, client id (v1 header), then body. */
export function rawRequest(apiKey: number, version: number, correlationId: number, body: Buffer): Buffer {
  const clientId = Buffer.from('raw');
  const b = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length + body.length);
  let o = b.writeInt32BE(b.length - 4, 0);
  o = b.writeInt16BE(apiKey, o);
  o = b.writeInt16BE(version, o);
  o = b.writeInt32BE(correlationId, o);
  o = b.writeInt16BE(clientId.length, o);
  o += clientId.copy(b, o);
  body.copy(b, o);
  return b;
}

/** A CreateTopics request for one topic: replication factor 1, `configs` as topic configs. */
export function createTopicRequest(
  name: string,
  opts: { partitions?: number; configs?: Record<string, string>; validateOnly?: boolean } = {},
): P.CreateTopicsRequest {
  return {
    topics: [
      P.createCreateTopicsRequestCreatableTopic({
        name,
        numPartitions: opts.partitions ?? 1,
        replicationFactor: 1,
        configs: Object.entries(opts.configs ?? {}).map(([n, value]) => ({ name: n, value })),
      }),
    ],
    timeoutMs: 1000,
    validateOnly: opts.validateOnly ?? false,
  };
}

/**
 * A Fetch request (no session, no wait) for `partitions` of one topic from `fetchOffset`, each up to
 * `partitionMaxBytes` (default 1 MiB); `opts` overrides the request's own fields (maxBytes defaults to 1 MiB).
 */
export function fetchRequest(
  topic: string,
  partitions: number | readonly number[],
  fetchOffset: number,
  opts: Partial<P.FetchRequest> & { partitionMaxBytes?: number } = {},
): P.FetchRequest {
  const { partitionMaxBytes = 1 << 20, ...fields } = opts;
  return P.createFetchRequest({
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    sessionEpoch: -1,
    topics: [
      P.createFetchRequestFetchTopic({
        topic,
        partitions: (typeof partitions === 'number' ? [partitions] : partitions).map((partition) =>
          P.createFetchRequestFetchPartition({ partition, fetchOffset, partitionMaxBytes }),
        ),
      }),
    ],
    ...fields,
  });
}
