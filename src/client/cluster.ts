// The client's view of the cluster: one Connection per broker address, and a metadata cache
// (brokers, controller, and the topics this client uses: partition leaders and their epochs).
// Producers and consumers call refresh() when a broker says NOT_LEADER_OR_FOLLOWER or
// UNKNOWN_TOPIC_OR_PARTITION; concurrent refreshes share one Metadata request.
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Logger } from '../logger.js';
import { MetadataApi } from '../protocol/generated/api-keys.js';
import { createMetadataRequest, type MetadataResponse } from '../protocol/generated/metadata.js';
import { ZERO_UUID } from '../protocol/reader.js';
import { CONNECTION_DEFAULTS, Connection, type ConnectionOptions } from './connection.js';
import { ClientError, ErrorCode, isRetriable, KafkaError, networkError } from './errors.js';
import { type SaslOptions, saslMechanismName } from './sasl.js';

export interface ClientLogger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

export interface ClientOptions {
  /** Bootstrap addresses, "host:port". */
  brokers: string[];
  clientId?: string;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Requests in flight per connection (the producer keeps its own, smaller, per-broker limit). */
  maxInFlightPerConnection?: number;
  reconnectBackoffMs?: number;
  reconnectBackoffMaxMs?: number;
  /** Cached metadata older than this is refreshed in the background on next use. */
  metadataMaxAgeMs?: number;
  /** Wait between retries of a failed request or metadata lookup. */
  retryBackoffMs?: number;
  /**
   * For requests any broker can serve (Metadata, FindCoordinator, admin requests): how long one broker may
   * leave a connection attempt (or, for Metadata, the request) unanswered before the next broker is tried as
   * well. Keeps a stopped broker in the bootstrap list from stalling the client for a request timeout.
   * Default 1000.
   */
  connectHedgeMs?: number;
  /**
   * How long a topic may be reported unknown (UNKNOWN_TOPIC_OR_PARTITION) by successful Metadata answers
   * before a lookup gives up on it, as librdkafka's topic.metadata.propagation.max.ms: a topic just created
   * may not have reached every broker yet. Default 1000.
   */
  topicMetadataPropagationMaxMs?: number;
  logger?: ClientLogger;
  /**
   * TLS to the brokers, as KafkaJS takes it: true (Node's CAs, host name checked) or node:tls options
   * such as { ca, cert, key } (a client certificate for mTLS). Default: plain TCP.
   */
  ssl?: boolean | TlsOptions;
  /** SASL on every connection, as KafkaJS takes it: { mechanism: 'plain' | 'scram-sha-256' | ..., ... } (sasl.ts). */
  sasl?: SaslOptions;
}

export interface PartitionInfo {
  partition: number;
  /** Broker id of the leader, or -1 while there is none. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  errorCode: number;
}

export interface TopicInfo {
  name: string;
  topicId: string;
  isInternal: boolean;
  /** Indexed by partition number. */
  partitions: PartitionInfo[];
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new ClientError(`broker address must be host:port, got ${JSON.stringify(address)}`);
  }
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Cluster {
  readonly clientId: string;
  readonly retryBackoffMs: number;
  readonly requestTimeoutMs: number;
  readonly topicMetadataPropagationMaxMs: number;
  readonly logger: ClientLogger;
  readonly brokers = new Map<number, BrokerInfo>();
  readonly topics = new Map<string, TopicInfo>();
  /** Last topic-level error per topic (e.g. LEADER_NOT_AVAILABLE while it is being created). */
  readonly topicErrors = new Map<string, number>();
  controllerId = -1;
  clusterId: string | null = null;
  /** Whether Metadata may create unknown topics (the broker decides if it does). */
  allowAutoTopicCreation = true;
  readonly #bootstrap: { host: string; port: number }[];
  readonly #connOpts: Omit<ConnectionOptions, 'host' | 'port'>;
  readonly #metadataMaxAgeMs: number;
  readonly #connectHedgeMs: number;
  readonly #connections = new Map<string, Connection>();
  /** Topics kept in the cache; each refresh asks for all of them. */
  readonly #wanted = new Set<string>();
  #refreshing: Promise<void> | null = null;
  #nextRefresh: Promise<void> | null = null;
  #lastRefreshAt = 0;
  #rotation = 0;
  #closed = false;

  constructor(opts: ClientOptions) {
    if (!Array.isArray(opts.brokers) || opts.brokers.length === 0) {
      throw new ClientError('brokers must list at least one host:port');
    }
    this.#bootstrap = opts.brokers.map(parseAddress);
    this.clientId = opts.clientId ?? 'runnel';
    this.retryBackoffMs = opts.retryBackoffMs ?? 100;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? CONNECTION_DEFAULTS.requestTimeoutMs;
    this.#metadataMaxAgeMs = opts.metadataMaxAgeMs ?? 300_000;
    this.#connectHedgeMs = opts.connectHedgeMs ?? 1000;
    if (!Number.isFinite(this.#connectHedgeMs) || this.#connectHedgeMs < 0)
      throw new ClientError('connectHedgeMs must be >= 0');
    this.topicMetadataPropagationMaxMs = opts.topicMetadataPropagationMaxMs ?? 1000;
    if (!Number.isFinite(this.topicMetadataPropagationMaxMs) || this.topicMetadataPropagationMaxMs < 0)
      throw new ClientError('topicMetadataPropagationMaxMs must be >= 0');
    this.logger = opts.logger ?? new Logger('warn', 'runnel-client');
    this.#connOpts = {
      clientId: this.clientId,
      requestTimeoutMs: this.requestTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs ?? CONNECTION_DEFAULTS.connectTimeoutMs,
      maxInFlight: opts.maxInFlightPerConnection ?? CONNECTION_DEFAULTS.maxInFlight,
      maxQueued: CONNECTION_DEFAULTS.maxQueued,
      maxResponseBytes: CONNECTION_DEFAULTS.maxResponseBytes,
      reconnectBackoffMs: opts.reconnectBackoffMs ?? CONNECTION_DEFAULTS.reconnectBackoffMs,
      reconnectBackoffMaxMs: opts.reconnectBackoffMaxMs ?? CONNECTION_DEFAULTS.reconnectBackoffMaxMs,
      tls: opts.ssl === true ? {} : opts.ssl === false || opts.ssl === undefined ? null : opts.ssl,
      sasl: opts.sasl ?? null,
    };
    if (opts.sasl !== undefined) saslMechanismName(opts.sasl);
  }

  /** The one connection to `host:port`, created on first use. */
  connectionTo(host: string, port: number): Connection {
    if (this.#closed) throw networkError(`${host}:${port}`, 'client closed');
    const key = `${host}:${port}`;
    let conn = this.#connections.get(key);
    if (conn === undefined) {
      conn = new Connection({ ...this.#connOpts, host, port });
      this.#connections.set(key, conn);
    }
    return conn;
  }

  /** Connection to a broker by id; LEADER_NOT_AVAILABLE (retriable) if the id is not in metadata. */
  connectionFor(nodeId: number): Connection {
    const b = this.brokers.get(nodeId);
    if (b === undefined)
      throw new KafkaError(ErrorCode.LEADER_NOT_AVAILABLE, `broker ${nodeId} is not in metadata`);
    return this.connectionTo(b.host, b.port);
  }

  /** Candidates for a request any broker can serve: ready connections first, then the rest in turn. */
  #candidates(): Connection[] {
    const addrs: { host: string; port: number }[] = [...this.brokers.values(), ...this.#bootstrap];
    const seen = new Set<string>();
    const all: Connection[] = [];
    for (const a of addrs) {
      const key = `${a.host}:${a.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(this.connectionTo(a.host, a.port));
    }
    const start = this.#rotation++ % all.length;
    const rotated = all.slice(start).concat(all.slice(0, start));
    return rotated.filter((c) => c.isReady).concat(rotated.filter((c) => !c.isReady));
  }

  /**
   * Runs `fn` against some broker, moving on to the next one when a connection fails. Used for
   * Metadata and admin requests that any broker answers. A broker that accepts connections but does not
   * answer (stopped, wedged) must not hold the caller for a whole request timeout: after `connectHedgeMs`
   * without a finished handshake the next candidate is dialled as well, and the first ready one serves
   * `fn`. With `idempotent` (Metadata, FindCoordinator), `fn` itself is hedged the same way: the request may
   * reach two brokers, and the first answer wins.
   */
  async withAnyBroker<T>(
    fn: (conn: Connection) => Promise<T>,
    opts: { idempotent?: boolean } = {},
  ): Promise<T> {
    const left = this.#candidates();
    if (opts.idempotent === true)
      return this.#firstOf(left, async (conn) => {
        await conn.connect();
        return fn(conn);
      });
    let last: unknown = null;
    while (left.length > 0) {
      const conn = await this.#firstOf(left, async (c) => {
        await c.connect();
        return c;
      }).catch((err: unknown) => {
        throw last ?? err;
      });
      try {
        return await fn(conn);
      } catch (err) {
        if (!isUnreachable(err)) throw err;
        last = err;
        left.splice(left.indexOf(conn), 1);
      }
    }
    throw last ?? networkError('cluster', 'no broker reachable');
  }

  /**
   * Runs `attempt` on the candidates in order, starting the next one when the previous failed as
   * unreachable or has not settled within `connectHedgeMs`; resolves with the first success. Candidates
   * that failed are removed from `candidates`. Any other error ends the race with that error.
   */
  #firstOf<R>(candidates: Connection[], attempt: (conn: Connection) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const order = candidates.slice();
      let next = 0;
      let running = 0;
      let done = false;
      let last: unknown = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const finish = (): void => {
        done = true;
        if (timer !== null) clearTimeout(timer);
      };
      const startNext = (): void => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (done) return;
        if (next >= order.length) {
          if (running === 0) {
            finish();
            reject(last ?? networkError('cluster', 'no broker reachable'));
          }
          return;
        }
        const conn = order[next++]!;
        running++;
        attempt(conn).then(
          (value) => {
            running--;
            if (done) return;
            finish();
            resolve(value);
          },
          (err: unknown) => {
            running--;
            if (done) return;
            if (!isUnreachable(err)) {
              finish();
              reject(err);
              return;
            }
            last = err;
            const at = candidates.indexOf(conn);
            if (at >= 0) candidates.splice(at, 1);
            startNext();
          },
        );
        if (next < order.length) timer = setTimeout(startNext, this.#connectHedgeMs);
      };
      startNext();
    });
  }

  /** One Metadata request: `topics` null asks for every topic. Updates brokers and the controller. */
  async fetchMetadata(topics: string[] | null, allowAutoTopicCreation: boolean): Promise<MetadataResponse> {
    const req = createMetadataRequest({
      topics: topics === null ? null : topics.map((name) => ({ name, topicId: ZERO_UUID })),
      allowAutoTopicCreation,
    });
    const res = await this.withAnyBroker((conn) => conn.request(MetadataApi, req), { idempotent: true });
    this.brokers.clear();
    for (const b of res.brokers) this.brokers.set(b.nodeId, b);
    this.controllerId = res.controllerId;
    this.clusterId = res.clusterId;
    return res;
  }

  /** Refreshes the cached topics. Callers during a refresh wait for the next one, which they join. */
  refresh(): Promise<void> {
    if (this.#refreshing === null) {
      this.#refreshing = this.#doRefresh().finally(() => {
        this.#refreshing = null;
      });
      return this.#refreshing;
    }
    if (this.#nextRefresh === null) {
      this.#nextRefresh = this.#refreshing
        .catch(() => {})
        .then(() => {
          this.#nextRefresh = null;
          return this.refresh();
        });
    }
    return this.#nextRefresh;
  }

  async #doRefresh(): Promise<void> {
    const res = await this.fetchMetadata([...this.#wanted], this.allowAutoTopicCreation);
    this.#lastRefreshAt = Date.now();
    for (const t of res.topics) {
      if (t.name === null) continue;
      this.applyTopic(t);
    }
  }

  /** Stores one topic from a Metadata response (also used by admin describe). */
  applyTopic(t: MetadataResponse['topics'][number]): void {
    const name = t.name ?? '';
    this.topicErrors.set(name, t.errorCode);
    if (t.errorCode !== ErrorCode.NONE || t.partitions.length === 0) {
      if (t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) this.topics.delete(name);
      return;
    }
    const partitions: PartitionInfo[] = [];
    // KIP-320: a broker behind on metadata (cut off, or a deposed leader) may answer with an older leader
    // epoch than one already seen; that partition keeps what is known (same topic id: not a re-created topic).
    const cached = this.topics.get(name);
    const sameTopic = cached !== undefined && t.topicId !== ZERO_UUID && cached.topicId === t.topicId;
    for (const p of t.partitions) {
      const known = sameTopic ? cached.partitions[p.partitionIndex] : undefined;
      if (known !== undefined && p.leaderEpoch >= 0 && known.leaderEpoch > p.leaderEpoch) {
        partitions[p.partitionIndex] = known;
        continue;
      }
      partitions[p.partitionIndex] = {
        partition: p.partitionIndex,
        leader: p.errorCode === ErrorCode.LEADER_NOT_AVAILABLE ? -1 : p.leaderId,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        errorCode: p.errorCode,
      };
    }
    for (let i = 0; i < partitions.length; i++) {
      partitions[i] ??= { partition: i, leader: -1, leaderEpoch: -1, replicas: [], isr: [], errorCode: 5 };
    }
    this.topics.set(name, { name, topicId: t.topicId, isInternal: t.isInternal, partitions });
  }

  /** Cached topic metadata, or undefined. Schedules a background refresh when the cache is old. */
  cachedTopic(name: string): TopicInfo | undefined {
    if (
      !this.#closed &&
      this.#refreshing === null &&
      Date.now() - this.#lastRefreshAt > this.#metadataMaxAgeMs
    ) {
      this.refresh().catch((err) => this.logger.debug(`background metadata refresh failed: ${err}`));
    }
    return this.topics.get(name);
  }

  /**
   * Topic metadata, fetched if not cached. Waits (refreshing every retryBackoffMs) while the topic has
   * no partitions or reports a retriable error, e.g. just after auto-creation, up to `timeoutMs`. A topic
   * that Metadata keeps answering UNKNOWN_TOPIC_OR_PARTITION for (auto-creation off, or refused) fails
   * after topicMetadataPropagationMaxMs with a non-retriable UNKNOWN_TOPIC_OR_PARTITION: the broker has
   * answered, and waiting the whole timeout for a topic nobody creates helps no one.
   */
  async topic(name: string, timeoutMs = 30_000): Promise<TopicInfo> {
    const cached = this.topics.get(name);
    if (cached !== undefined) return cached;
    this.#wanted.add(name);
    const deadline = Date.now() + timeoutMs;
    let unknownSince = -1;
    for (;;) {
      let lastError: unknown = null;
      let answered = false;
      try {
        await this.refresh();
        answered = true;
      } catch (err) {
        if (!(err instanceof KafkaError) || !err.retriable) throw err;
        lastError = err;
      }
      const t = this.topics.get(name);
      if (t !== undefined) return t;
      const code = this.topicErrors.get(name) ?? ErrorCode.NONE;
      const now = Date.now();
      if (answered && code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        if (unknownSince < 0) unknownSince = now;
        if (now - unknownSince >= this.topicMetadataPropagationMaxMs) {
          throw new KafkaError(
            code,
            `topic ${name} does not exist (Metadata said so for ${now - unknownSince} ms; is auto-creation off?)`,
            { retriable: false },
          );
        }
      } else if (answered) unknownSince = -1;
      if (code !== ErrorCode.NONE && !isRetriable(code)) throw new KafkaError(code, `topic ${name}`);
      if (now >= deadline || this.#closed) {
        if (lastError !== null) throw lastError;
        throw new KafkaError(
          code === ErrorCode.NONE ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : code,
          `topic ${name}: no usable metadata within ${timeoutMs} ms`,
        );
      }
      await sleep(this.retryBackoffMs);
    }
  }

  /** Adds topics to those kept in the cache (without fetching now). */
  track(name: string): void {
    this.#wanted.add(name);
  }

  /** Leader of a partition from the cache, or -1 if unknown. */
  leaderOf(topic: string, partition: number): number {
    return this.topics.get(topic)?.partitions[partition]?.leader ?? -1;
  }

  forget(topic: string): void {
    this.topics.delete(topic);
    this.#wanted.delete(topic);
  }

  close(): void {
    this.#closed = true;
    for (const c of this.#connections.values()) c.close();
    this.#connections.clear();
  }
}

/** A broker that could not be reached or did not answer in time: another broker may serve the request. */
function isUnreachable(err: unknown): boolean {
  return (
    err instanceof KafkaError &&
    (err.code === ErrorCode.NETWORK_EXCEPTION || err.code === ErrorCode.REQUEST_TIMED_OUT)
  );
}
