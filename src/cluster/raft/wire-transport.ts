// RaftTransport over Kafka's RPCs on TCP. Requests (Vote, BeginQuorumEpoch, EndQuorumEpoch, Fetch,
// FetchSnapshot) go out on
// one client Connection per peer, found through `resolve` (gossip membership supplies listeners later); the
// answer is converted back and handed to `onMessage`, which the runtime points at RaftNode.receive. Raft
// treats every message as one that may be lost, so a failure here is only counted: a refused connection, a
// timeout, an error answer or a corrupt one is a lost message and the node's own timers ask again.
//
// Raft answers inside RaftNode.receive() by calling send(); Kafka answers a request with its response. So
// the server side (wire-service.ts) delivers an inbound request through answer(), and a response sent to
// that request's sender meanwhile becomes the request's response instead of a message of its own.
//
// Limits (RaftWireConfig): connect and request timeouts (a timed-out request closes its connection, as the
// Java client does, and reconnects back off exponentially); maxInFlightPerPeer requests awaiting an answer
// per peer, past which a send is dropped; maxFetchBytes of records asked for per Fetch; maxResponseBytes
// per response frame, past which the connection is closed.
import { Connection } from '../../client/connection.js';
import type { SaslOptions } from '../../client/sasl.js';
import { type LogSink, SILENT_LOG } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import {
  type ApiCodec,
  BeginQuorumEpochApi,
  EndQuorumEpochApi,
  FetchApi,
  FetchSnapshotApi,
} from '../../protocol/generated/api-keys.js';
import type { RaftMessage, RaftTransport } from './messages.js';
import {
  beginEpochRequestToWire,
  beginEpochResponseFromWire,
  endEpochRequestToWire,
  fetchRequestToWire,
  fetchResponseFromWire,
  fetchSnapshotRequestToWire,
  fetchSnapshotResponseFromWire,
  MIN_RAFT_FETCH_VERSION,
  type Outcome,
  voteRequestToWire,
  voteResponseFromWire,
} from './wire.js';
import { RaftVoteApi } from './wire-vote-codec.js';

export interface RaftWireConfig {
  /** TCP connect to a peer is given up after this. */
  connectTimeoutMs: number;
  /** A request unanswered this long is lost and its connection closed (controller.quorum.request.timeout.ms). */
  requestTimeoutMs: number;
  /** Requests to one peer awaiting an answer; a send past this is dropped (Raft retries on its timers). */
  maxInFlightPerPeer: number;
  /** Record bytes a follower asks for per Fetch and a leader puts in one answer (one entry always goes). */
  maxFetchBytes: number;
  /** Largest response frame taken from a peer; a larger one closes the connection. */
  maxResponseBytes: number;
  /** First wait before reconnecting to a peer that failed; doubles per failure up to the max. */
  reconnectBackoffMs: number;
  reconnectBackoffMaxMs: number;
}

export const DEFAULT_RAFT_WIRE_CONFIG: Readonly<RaftWireConfig> = Object.freeze({
  connectTimeoutMs: 2000,
  requestTimeoutMs: 2000,
  maxInFlightPerPeer: 8,
  maxFetchBytes: 8 * 1024 * 1024,
  maxResponseBytes: 64 * 1024 * 1024,
  reconnectBackoffMs: 50,
  reconnectBackoffMaxMs: 1000,
});

function intIn(cfg: RaftWireConfig, name: keyof RaftWireConfig, min: number, max: number): void {
  const v = cfg[name];
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new RangeError(`raft wire ${name}=${String(v)}: must be an integer in [${min}, ${max}]`);
  }
}

/** Defaults merged with overrides and checked; throws RangeError naming the value. */
export function resolveRaftWireConfig(overrides: Partial<RaftWireConfig> = {}): RaftWireConfig {
  const cfg: RaftWireConfig = { ...DEFAULT_RAFT_WIRE_CONFIG };
  for (const key of Object.keys(overrides) as (keyof RaftWireConfig)[]) {
    const v = overrides[key];
    if (v !== undefined) cfg[key] = v;
  }
  intIn(cfg, 'connectTimeoutMs', 1, 600_000);
  intIn(cfg, 'requestTimeoutMs', 1, 600_000);
  intIn(cfg, 'maxInFlightPerPeer', 1, 1024);
  intIn(cfg, 'maxFetchBytes', 1024, 0x7fffffff);
  intIn(cfg, 'maxResponseBytes', 1024, 0x7fffffff);
  intIn(cfg, 'reconnectBackoffMs', 1, 600_000);
  intIn(cfg, 'reconnectBackoffMaxMs', 1, 600_000);
  if (cfg.maxResponseBytes < cfg.maxFetchBytes) {
    throw new RangeError(
      `raft wire maxResponseBytes=${cfg.maxResponseBytes}: must be at least maxFetchBytes`,
    );
  }
  if (cfg.reconnectBackoffMaxMs < cfg.reconnectBackoffMs) {
    throw new RangeError(
      `raft wire reconnectBackoffMaxMs=${cfg.reconnectBackoffMaxMs}: below reconnectBackoffMs`,
    );
  }
  return cfg;
}

export interface PeerAddress {
  host: string;
  port: number;
  /** node:tls options when the peer's inter-broker listener speaks TLS. */
  tls?: import('node:tls').ConnectionOptions | null;
}

export interface RaftWireTransportOptions {
  nodeId: number;
  clusterId: string;
  /** Where a node's Kafka listener is, or null when unknown (the message is then lost). */
  resolve: (nodeId: number) => PeerAddress | null;
  /** Answers from peers, converted; the runtime feeds RaftNode.receive. */
  onMessage: (from: number, message: RaftMessage) => void;
  config?: Partial<RaftWireConfig>;
  logger?: LogSink;
  /** How to authenticate to peers whose listener asks for SASL (the broker's own credentials); null: none. */
  sasl?: SaslOptions | null;
}

/** What happened to the messages sent, for tests and metrics. */
export interface RaftWireStats {
  /** Requests written to a peer. */
  sent: number;
  /** Answers converted and delivered. */
  delivered: number;
  /** Sends dropped at maxInFlightPerPeer. */
  droppedAtLimit: number;
  /** Sends to a node `resolve` did not know. */
  unresolved: number;
  /** Connection failures and timeouts. */
  failed: number;
  /** Answers that carried an error for the request or did not convert (other cluster, corrupt records). */
  refused: number;
  /** Responses sent with no request of that peer's being answered (nowhere to put them). */
  strayResponses: number;
}

class Peer {
  inFlight = 0;
  constructor(
    readonly address: string,
    readonly conn: Connection,
  ) {}
}

interface Capture {
  from: number;
  reply: RaftMessage | null;
}

const RESPONSE_KINDS = new Set<RaftMessage['kind']>([
  'vote-response',
  'begin-epoch-response',
  'fetch-response',
  'fetch-snapshot-response',
]);

export class RaftWireTransport implements RaftTransport {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly config: RaftWireConfig;
  readonly stats: RaftWireStats = {
    sent: 0,
    delivered: 0,
    droppedAtLimit: 0,
    unresolved: 0,
    failed: 0,
    refused: 0,
    strayResponses: 0,
  };
  readonly #resolve: RaftWireTransportOptions['resolve'];
  readonly #onMessage: RaftWireTransportOptions['onMessage'];
  readonly #logger: LogSink;
  readonly #sasl: SaslOptions | null;
  readonly #peers = new Map<number, Peer>();
  /** The error code each peer last refused with: logged once, not per retry. */
  readonly #lastRefusal = new Map<number, number>();
  #capture: Capture | null = null;
  #closed = false;

  constructor(options: RaftWireTransportOptions) {
    this.nodeId = options.nodeId;
    this.clusterId = options.clusterId;
    this.config = resolveRaftWireConfig(options.config);
    this.#resolve = options.resolve;
    this.#onMessage = options.onMessage;
    this.#logger = options.logger ?? SILENT_LOG;
    this.#sasl = options.sasl ?? null;
  }

  /** Requests to `to` awaiting an answer. */
  inFlight(to: number): number {
    return this.#peers.get(to)?.inFlight ?? 0;
  }

  send(to: number, message: RaftMessage): void {
    if (RESPONSE_KINDS.has(message.kind)) {
      const c = this.#capture;
      if (c !== null && c.from === to && c.reply === null) c.reply = message;
      else this.stats.strayResponses++;
      return;
    }
    if (this.#closed) return;
    const peer = this.#peer(to);
    if (peer === null) {
      this.stats.unresolved++;
      return;
    }
    if (peer.inFlight >= this.config.maxInFlightPerPeer) {
      this.stats.droppedAtLimit++;
      return;
    }
    peer.inFlight++;
    this.#exchange(to, peer, message).then(
      (out) => {
        peer.inFlight--;
        if (out !== null) this.#deliver(to, out);
      },
      (err: unknown) => {
        peer.inFlight--;
        this.#logger.warn(`raft message to ${to} failed unexpectedly: ${(err as Error).message}`);
      },
    );
  }

  /**
   * Hands an inbound request from `from` to `receive` (RaftNode.receive) and returns the response the node
   * sent back to `from` while handling it, or null when it sent none.
   */
  answer(
    from: number,
    request: RaftMessage,
    receive: (from: number, m: RaftMessage) => void,
  ): RaftMessage | null {
    if (this.#capture !== null) throw new Error('raft wire: answer() re-entered');
    const capture: Capture = { from, reply: null };
    this.#capture = capture;
    try {
      receive(from, request);
    } finally {
      this.#capture = null;
    }
    return capture.reply;
  }

  /** Closes every connection; later sends are lost. */
  close(): void {
    this.#closed = true;
    for (const p of this.#peers.values()) p.conn.close();
    this.#peers.clear();
  }

  #peer(to: number): Peer | null {
    const at = this.#resolve(to);
    if (at === null) return null;
    const address = `${at.host}:${at.port}`;
    const known = this.#peers.get(to);
    if (known !== undefined && known.address === address) return known;
    known?.conn.close(); // the node moved: what was in flight to the old address is lost
    const c = this.config;
    const peer = new Peer(
      address,
      new Connection({
        host: at.host,
        port: at.port,
        clientId: `raft-${this.nodeId}`,
        requestTimeoutMs: c.requestTimeoutMs,
        connectTimeoutMs: c.connectTimeoutMs,
        maxInFlight: c.maxInFlightPerPeer,
        maxQueued: c.maxInFlightPerPeer,
        maxResponseBytes: c.maxResponseBytes,
        reconnectBackoffMs: c.reconnectBackoffMs,
        reconnectBackoffMaxMs: c.reconnectBackoffMaxMs,
        tls: at.tls ?? null,
        sasl: this.#sasl,
      }),
    );
    this.#peers.set(to, peer);
    return peer;
  }

  /** Sends at the highest version both sides have (at least minVersion); resolves with the answer. */
  async #call<Req, Res>(
    peer: Peer,
    codec: ApiCodec<Req, Res>,
    body: Req,
    minVersion = 0,
  ): Promise<{ res: Res; version: number }> {
    await peer.conn.connect();
    const version = peer.conn.tryVersionFor(codec.apiKey);
    if (version < minVersion) {
      throw new RefusedError(
        ErrorCode.UNSUPPORTED_VERSION,
        `${peer.address} has no ${codec.name} v${minVersion}+`,
      );
    }
    this.stats.sent++;
    return { res: await peer.conn.request(codec, body, undefined, version), version };
  }

  /** The answer to m, converted; null when there is none to deliver (lost, refused, or none expected). */
  async #exchange(to: number, peer: Peer, m: RaftMessage): Promise<Outcome<RaftMessage> | null> {
    let out: Outcome<RaftMessage> | null;
    try {
      switch (m.kind) {
        case 'vote': {
          const { res } = await this.#call(peer, RaftVoteApi, voteRequestToWire(m, this.clusterId, to));
          out = voteResponseFromWire(res, m);
          break;
        }
        case 'begin-epoch': {
          const { res } = await this.#call(
            peer,
            BeginQuorumEpochApi,
            beginEpochRequestToWire(m, this.clusterId, to),
          );
          out = beginEpochResponseFromWire(res);
          break;
        }
        case 'end-epoch': {
          // Raft expects no answer to a resignation; only a refusal is worth noting.
          const { res } = await this.#call(peer, EndQuorumEpochApi, endEpochRequestToWire(m, this.clusterId));
          out =
            res.errorCode === ErrorCode.NONE
              ? null
              : { ok: false, errorCode: res.errorCode, error: 'refused' };
          break;
        }
        case 'fetch': {
          const body = fetchRequestToWire(m, this.clusterId, this.config.maxFetchBytes);
          const { res, version } = await this.#call(peer, FetchApi, body, MIN_RAFT_FETCH_VERSION);
          out = fetchResponseFromWire(res, version, m);
          break;
        }
        case 'fetch-snapshot': {
          const body = fetchSnapshotRequestToWire(m, this.clusterId, this.config.maxFetchBytes);
          const { res } = await this.#call(peer, FetchSnapshotApi, body);
          out = fetchSnapshotResponseFromWire(res, m);
          break;
        }
        default:
          return null;
      }
    } catch (err) {
      if (err instanceof RefusedError) {
        this.#refused(to, err.errorCode, err.message);
      } else {
        this.stats.failed++;
        this.#logger.debug(`raft ${m.kind} to ${to} lost: ${(err as Error).message}`);
      }
      return null;
    }
    if (out !== null && !out.ok) {
      this.#refused(to, out.errorCode, `${m.kind}: ${out.error}`);
      return null;
    }
    return out;
  }

  #deliver(to: number, out: Outcome<RaftMessage>): void {
    if (!out.ok) return;
    this.#lastRefusal.delete(to);
    this.stats.delivered++;
    if (this.#closed) return;
    try {
      this.#onMessage(to, out.message);
    } catch (err) {
      this.#logger.warn(`raft ${out.message.kind} from ${to} not applied: ${(err as Error).message}`);
    }
  }

  #refused(to: number, errorCode: number, why: string): void {
    this.stats.refused++;
    if (this.#lastRefusal.get(to) === errorCode) return;
    this.#lastRefusal.set(to, errorCode);
    this.#logger.warn(`raft peer ${to} refused (error ${errorCode}): ${why}`);
  }
}

class RefusedError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}
