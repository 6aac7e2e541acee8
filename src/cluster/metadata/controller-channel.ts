// A broker's channel to the active controller (Kafka's NodeToControllerChannelManager): sends a request to
// whichever node the quorum says leads (a callback, e.g. the local raft's leader id; its address from a
// resolver), and retries with backoff while there is none, while the connection fails, or while the
// answer is NOT_CONTROLLER everywhere (nothing was done, so sending again is safe) until the request's
// deadline. A response with NOT_CONTROLLER for only some of its topics is returned as it is: the others
// were done, and repeating them would not be the same request. A request whose connection failed after it
// was written may have been done too: its retry answers as a repeat does (TOPIC_ALREADY_EXISTS, a fresh
// producer id block), as with Kafka's own forwarding.
//
// Limits: maxPending requests in the channel at once (more are refused at once with a retriable
// REQUEST_TIMED_OUT); each request gives up at its deadline (requestTimeoutMs unless given), each attempt
// at attemptTimeoutMs; backoff doubles from retryBackoffMs to retryBackoffMaxMs. One connection per
// controller node, replaced when the node's address changes.

import { CONNECTION_DEFAULTS, Connection, type ConnectionOptions } from '../../client/connection.js';
import type { Clock } from '../../clock.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { ApiCodec } from '../../protocol/generated/api-keys.js';

export interface ControllerAddress {
  host: string;
  port: number;
  /** node:tls options when the controller's inter-broker listener speaks TLS. */
  tls?: import('node:tls').ConnectionOptions | null;
}

export interface ControllerChannelOptions {
  clientId: string;
  /** The active controller's node id as this node knows it; -1 when none is known. */
  controllerId: () => number;
  /** Where a controller node listens; null when unknown. */
  resolve: (nodeId: number) => ControllerAddress | null;
  clock: Clock;
  /** Default deadline of a request, retries included. */
  requestTimeoutMs: number;
  /** One attempt on one connection gives up after this. */
  attemptTimeoutMs: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  /** Requests in the channel at once. */
  maxPending: number;
  /** Connection settings other than the address and timeouts. */
  connection?: Partial<Omit<ConnectionOptions, 'host' | 'port' | 'clientId' | 'requestTimeoutMs'>>;
}

export const DEFAULT_CONTROLLER_CHANNEL_OPTIONS = Object.freeze({
  requestTimeoutMs: 30_000,
  attemptTimeoutMs: 5_000,
  retryBackoffMs: 50,
  retryBackoffMaxMs: 1_000,
  maxPending: 1_000,
});

export interface SendOptions {
  /** Overrides the channel's requestTimeoutMs for this request. */
  timeoutMs?: number;
  /**
   * Sends at this version instead of the negotiated one: a forwarded request keeps its client's version,
   * since fields differ between versions (DeleteTopics v6 names topics in `topics`, v0-5 in `topicNames`).
   */
  version?: number;
}

/** What a BrokerLifecycle (or a broker handler forwarding a request) needs of the channel. */
export interface ControllerSender {
  send<Req, Res>(codec: ApiCodec<Req, Res>, body: Req, opts?: SendOptions): Promise<Res>;
}

/** Error codes a response carries: its own and those of its topics, results or resources. */
function errorCodes(res: unknown): number[] {
  const r = res as Record<string, unknown>;
  if (typeof r.errorCode === 'number') return [r.errorCode];
  for (const key of ['topics', 'results', 'responses']) {
    const list = r[key];
    if (Array.isArray(list)) return list.map((x) => (x as { errorCode: number }).errorCode);
  }
  return [];
}

/** The response says only "not the controller": nothing was done, so it may be sent elsewhere. */
function notControllerEverywhere(res: unknown): boolean {
  const codes = errorCodes(res);
  return codes.length > 0 && codes.every((c) => c === ErrorCode.NOT_CONTROLLER);
}

export class ControllerChannel implements ControllerSender {
  readonly #opts: ControllerChannelOptions;
  readonly #connections = new Map<number, { address: string; conn: Connection }>();
  #pending = 0;
  #closed = false;

  constructor(
    opts: Pick<ControllerChannelOptions, 'clientId' | 'controllerId' | 'resolve' | 'clock'> &
      Partial<ControllerChannelOptions>,
  ) {
    this.#opts = { ...DEFAULT_CONTROLLER_CHANNEL_OPTIONS, ...opts };
    for (const key of [
      'requestTimeoutMs',
      'attemptTimeoutMs',
      'retryBackoffMs',
      'retryBackoffMaxMs',
    ] as const) {
      if (!Number.isInteger(this.#opts[key]) || this.#opts[key] < 1)
        throw new RangeError(`${key}=${this.#opts[key]}: must be a positive integer`);
    }
    if (!Number.isInteger(this.#opts.maxPending) || this.#opts.maxPending < 1)
      throw new RangeError(`maxPending=${this.#opts.maxPending}: must be a positive integer`);
  }

  /** Requests in the channel now. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Sends to the active controller and resolves with its response; rejects with a KafkaError when the
   * deadline passes (REQUEST_TIMED_OUT, or the last connection error) or the channel is closed.
   */
  async send<Req, Res>(codec: ApiCodec<Req, Res>, body: Req, opts?: SendOptions): Promise<Res> {
    if (this.#closed) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'controller channel closed');
    if (this.#pending >= this.#opts.maxPending) {
      throw new KafkaError(
        ErrorCode.REQUEST_TIMED_OUT,
        `${this.#opts.maxPending} requests already waiting for the controller`,
      );
    }
    this.#pending++;
    try {
      return await this.#sendWithRetries(
        codec,
        body,
        opts?.timeoutMs ?? this.#opts.requestTimeoutMs,
        opts?.version,
      );
    } finally {
      this.#pending--;
    }
  }

  /** Closes every connection; requests in the channel fail. */
  close(): void {
    this.#closed = true;
    for (const { conn } of this.#connections.values()) conn.close();
    this.#connections.clear();
  }

  async #sendWithRetries<Req, Res>(
    codec: ApiCodec<Req, Res>,
    body: Req,
    timeoutMs: number,
    version: number | undefined,
  ): Promise<Res> {
    const clock = this.#opts.clock;
    const deadline = clock.now() + timeoutMs;
    let lastError = `no controller known`;
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'controller channel closed');
      const nodeId = this.#opts.controllerId();
      const address = nodeId < 0 ? null : this.#opts.resolve(nodeId);
      const left = deadline - clock.now();
      if (nodeId < 0) lastError = 'no controller known';
      else if (address === null) lastError = `no address for controller ${nodeId}`;
      else if (left > 0) {
        try {
          const conn = this.#connection(nodeId, address);
          const res = await conn.request(
            codec,
            body,
            { timeoutMs: Math.min(left, this.#opts.attemptTimeoutMs) },
            version,
          );
          if (!notControllerEverywhere(res)) return res;
          lastError = `node ${nodeId} is not the controller`;
        } catch (err) {
          if (!(err instanceof KafkaError) || !err.retriable) throw err;
          lastError = `controller ${nodeId}: ${err.message}`;
        }
      }
      const backoff = Math.min(
        this.#opts.retryBackoffMaxMs,
        this.#opts.retryBackoffMs * 2 ** Math.min(attempt, 20),
      );
      const wait = Math.min(backoff, deadline - clock.now());
      if (wait <= 0) {
        throw new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `${codec.name} got no answer from the controller within ${timeoutMs} ms (${lastError})`,
        );
      }
      await new Promise<void>((resolve) => clock.schedule(wait, resolve));
    }
  }

  #connection(nodeId: number, address: ControllerAddress): Connection {
    const key = `${address.host}:${address.port}`;
    const known = this.#connections.get(nodeId);
    if (known !== undefined && known.address === key) return known.conn;
    known?.conn.close();
    const conn = new Connection({
      ...CONNECTION_DEFAULTS,
      ...this.#opts.connection,
      host: address.host,
      port: address.port,
      clientId: this.#opts.clientId,
      requestTimeoutMs: this.#opts.attemptTimeoutMs,
      tls: address.tls ?? null,
    });
    this.#connections.set(nodeId, { address: key, conn });
    return conn;
  }
}
