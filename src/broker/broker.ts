// The Runnel broker: one TCP server per listener (TLS on SSL and SASL_SSL ones), one Connection per client, and the frame handler that turns a request
// frame into a response frame through the per-API handlers in handlers/. Topics and the partitions this node
// hosts live in the ReplicaManager (src/cluster) on this thread; partition logs live with their owner threads
// behind the PartitionStore.
//
// Limits: max.connections (more are closed on accept; TLS handshakes in progress count),
// ssl.handshake.timeout.ms, socket.request.max.bytes and in-flight requests per
// connection (Connection), queued.max.request.bytes across connections (RequestMemory), parked long polls
// (maxParkedFetches), shutdown.timeout.ms for the drain.
import { EventEmitter, once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { SaslOptions } from '../client/sasl.js';
import { brokerAddress } from '../cluster/broker-cluster.js';
import type { InterBrokerAddress } from '../cluster/broker-connections.js';
import { ClusterNode } from '../cluster/cluster-node.js';
import type { LeadershipSource } from '../cluster/leadership.js';
import { AclImage } from '../cluster/metadata/acls.js';
import { ConfigResourceType, MetadataImage, type PartitionRegistration } from '../cluster/metadata/image.js';
import { ReplicaManager } from '../cluster/replica-manager.js';
import { ConnectionFetchTransport } from '../cluster/replication/fetch-transport.js';
import { Replication } from '../cluster/replication/replication.js';
import { ReplicationThrottle } from '../cluster/replication/throttle.js';
import { brokerLogConfig } from '../cluster/topic-configs.js';
import { TopicRegistry } from '../cluster/topics.js';
import { type BrokerConfig, ConfigError, type HostPort } from '../config.js';
import { Logger } from '../logger.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { type ApiCodec, ApiKey, ApiVersionsApi } from '../protocol/generated/api-keys.js';
import { decodeRequestHeader, encodeResponseFrame } from '../protocol/header.js';
import { Reader } from '../protocol/reader.js';
import { uuidFromBytes } from '../protocol/uuid.js';
import { Writer } from '../protocol/writer.js';
import { systemRandom } from '../random.js';
import { DataDirLock, ensureDataDir } from '../storage/data-dir.js';
import {
  type AppendResult,
  DEFAULT_MAX_OPEN_PARTITIONS,
  failedAppend,
  InlinePartitions,
  PartitionPool,
  type PartitionStore,
} from '../storage/pool.js';
import { resolveScrubConfig } from '../storage/scrubber.js';
import { VERSION } from '../version.js';
import { Connection, type ConnectionEvents, type FrameHandler, type ResponseFrame } from './connection.js';
import { type EmbeddedBrokerOptions, embeddedConfig } from './embedded.js';
import { FetchPurgatory } from './fetch-purgatory.js';
import { DEFAULT_GROUP_CONFIG, GroupCoordinator, OffsetsTopic, systemClock } from './groups/index.js';
import { OFFSETS_TOPIC } from './groups/records.js';
import type { ApiHandler, BrokerContext } from './handler.js';
import { apiVersionsFallback } from './handlers/18-api-versions.js';
import { HANDLERS } from './handlers/index.js';
import { loadOrCreateMeta } from './meta.js';
import { BrokerMetrics } from './metrics/broker-metrics.js';
import type { BrokerTopicMetrics, RequestMetrics } from './metrics/counters.js';
import { MetricsServer, MetricsUnavailable } from './metrics/server.js';
import { ProducePurgatory } from './produce-purgatory.js';
import { RequestMemory } from './request-memory.js';
import { BackgroundScrub } from './scrub.js';
import { Authorizer } from './security/authorizer.js';
import { ListenerTls } from './security/listener-tls.js';
import { type Listener, resolveListeners, SECURITY_PROTOCOL_IDS, usesTls } from './security/listeners.js';
import { interBrokerSasl, isSaslProtocol, SaslServer } from './security/sasl-server.js';
import { type KafkaPrincipal, principalString } from './security/session.js';
import { type PrincipalRule, parsePrincipalMappingRules } from './security/ssl-principal-mapper.js';
import { applyCommittedTopicConfigs, topicConfigChangesSettled } from './topic-config-changes.js';
import { resolveTransactionConfig } from './transactions/config.js';
import { TransactionCoordinator } from './transactions/coordinator.js';
import { TransactionHooks } from './transactions/hooks.js';
import { CoordinatorVerifier, InterBrokerClient } from './transactions/inter-broker.js';
import { TransactionMarkerChannel } from './transactions/marker-channel.js';
import { TRANSACTION_STATE_TOPIC } from './transactions/records.js';
import { TransactionStateTopic } from './transactions/state-topic.js';

export interface BrokerOptions {
  /** Long polls parked at once; past it a Fetch answers at once with what it has (default 10000). */
  maxParkedFetches?: number;
  /** acks=all produces waiting for replication at once (default 10,000); past it they time out at once. */
  maxParkedProduces?: number;
  /** Response byte fields at least this long (stored batches) are written by reference, not copied (default 1024). */
  zeroCopyMinBytes?: number;
  /** Partition logs open at once per owner thread (default 10000). */
  maxOpenPartitions?: number;
  /**
   * Tests: who leads each partition at which epoch, over what the committed metadata says (which still
   * decides which topics and partitions exist).
   */
  image?: LeadershipSource;
  /**
   * The store cannot go on safely (a partition lost its owner thread). Default: log it, emit 'error' and
   * stop the broker; the host process is never exited from here.
   */
  onFatal?: (err: Error) => void;
  logger?: Logger;
  /** A data dir this broker made for itself, removed once stop() has closed the logs (Broker.start). */
  removeDataDirOnStop?: boolean;
}

const MIN_POOL_PENDING_BYTES = 256 * 1024 * 1024;

/** Longest a broker alone may take to register and unfence itself with its own quorum at start. */
const SOLO_JOIN_TIMEOUT_MS = 30_000;

/** Longest a cleaner round may run (between partitions) when the logs live on the main thread. */
const INLINE_CLEAN_BUDGET_MS = 100;

/**
 * Events: 'error' (Error) when the broker hit a fatal storage error and is stopping itself; with no
 * listener it is only logged.
 */
export class Broker extends EventEmitter implements BrokerContext, FrameHandler {
  readonly config: BrokerConfig;
  readonly nodeId: number;
  readonly log: Logger;
  readonly handlers: readonly ApiHandler[] = HANDLERS;
  readonly purgatory: FetchPurgatory;
  readonly acks: ProducePurgatory;
  readonly transactions = new TransactionHooks();
  /** queued.max.request.bytes: memory of requests being received or handled, all connections together. */
  readonly requestMemory: RequestMemory;
  readonly sasl: SaslServer;
  /** This broker's login for other brokers' SASL listeners (null: the listener has no SASL). */
  readonly interBrokerSasl: SaslOptions | null;
  clusterId = '';
  advertised: HostPort;
  cluster!: ClusterNode;
  replicas!: ReplicaManager;
  store!: PartitionStore;
  groups!: GroupCoordinator;
  txnCoordinator!: TransactionCoordinator;
  /** Prometheus metrics (--metrics-listen); null when off. */
  readonly metrics: BrokerMetrics | null;
  readonly topicMetrics: BrokerTopicMetrics | null;
  /** ACL decisions (--authorizer); null: every request allowed. */
  readonly authorizer: Authorizer | null;

  readonly #byKey: (ApiHandler | undefined)[] = [];
  readonly #options: BrokerOptions;
  readonly #zeroCopyMinBytes: number;
  readonly #connections = new Set<Connection>();
  readonly #connectionEvents: ConnectionEvents & { gossip?: ConnectionEvents['gossip'] };
  /** The listeners, with their protocols and advertised addresses (resolved from the config). */
  readonly #listeners: Listener[];
  /** inter.broker.listener.name. */
  readonly interBrokerListener: string;
  readonly #servers: Server[] = [];
  /** Bound address per listener name once listening; connections accepted before start() finishes wait in `early`. */
  readonly #bound = new Map<string, HostPort>();
  /** Key, certificate and CA for TLS listeners and TLS connections to other brokers; null: no TLS. */
  tls: ListenerTls | null = null;
  readonly #principalRules: readonly PrincipalRule[];
  /** The listener gossip streams share (the inter-broker one, when gossip is on its port). */
  #gossipListener: string | null = null;
  /** One per TLS listener, by name. */
  #serving = false;
  #early: { socket: Socket; listener: Listener }[] = [];
  #dirLock: DataDirLock | null = null;
  #nextConnectionId = 0;
  #retentionTimer: NodeJS.Timeout | null = null;
  #retentionRunning = false;
  #cleanerTimer: NodeJS.Timeout | null = null;
  #cleanerRunning = false;
  #scrub: BackgroundScrub | null = null;
  #stopping: Promise<void> | null = null;
  #refusedConnections = 0;
  #soloJoined = false;
  /** Loads of __consumer_offsets partitions started before serving. */
  readonly #groupLoads: Promise<number>[] = [];
  #fetchTransport: ConnectionFetchTransport | null = null;
  #txnClient: InterBrokerClient | null = null;
  #markerChannel: TransactionMarkerChannel | null = null;
  readonly #requestMetrics: RequestMetrics | null;
  #metricsServer: MetricsServer | null = null;

  /**
   * An in-process broker for tests and tools: listens on 127.0.0.1 (port 0 by default: a free port, see
   * `bootstrap`), with a fresh temp data dir unless `dataDir` is given (removed by stop() unless
   * `keepDataDir`). Rejects, with the broker stopped, when it cannot start; never exits the process.
   */
  static async start(options: EmbeddedBrokerOptions = {}): Promise<Broker> {
    const { config, madeDataDir } = embeddedConfig(options);
    const broker = new Broker(config, {
      ...options.brokerOptions,
      removeDataDirOnStop: madeDataDir && options.keepDataDir !== true,
    });
    try {
      await broker.start();
    } catch (err) {
      await broker.stop().catch(() => {});
      throw err;
    }
    return broker;
  }

  constructor(config: BrokerConfig, options: BrokerOptions = {}) {
    super();
    this.config = config;
    this.nodeId = config.nodeId;
    this.#options = options;
    this.log = options.logger ?? new Logger(config.logLevel, 'broker');
    this.purgatory = new FetchPurgatory(options.maxParkedFetches ?? 10_000);
    this.acks = new ProducePurgatory(options.maxParkedProduces ?? 10_000);
    this.requestMemory = new RequestMemory(config.queuedMaxRequestBytes, config.socketRequestMaxBytes);
    this.#zeroCopyMinBytes = options.zeroCopyMinBytes ?? 1024;
    try {
      const resolved = resolveListeners(config);
      this.#listeners = resolved.listeners;
      this.interBrokerListener = resolved.interBroker;
      this.#principalRules = parsePrincipalMappingRules(config.sslPrincipalMappingRules);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
    const ib = this.#listeners.find((l) => l.name === this.interBrokerListener)!;
    this.advertised = ib.advertised ?? { host: ib.host, port: ib.port };
    for (const h of HANDLERS) this.#byKey[h.codec.apiKey] = h;
    this.interBrokerSasl = interBrokerSasl(config, ib.securityProtocol);
    this.metrics = config.metricsListen === null ? null : new BrokerMetrics(this, config.metricsMaxSeries);
    this.topicMetrics = this.metrics?.topics ?? null;
    this.authorizer =
      this.config.authorizer === null
        ? null
        : new Authorizer(this.config, () => this.cluster?.image.acls ?? AclImage.EMPTY);
    this.#requestMetrics = this.metrics?.requests ?? null;
    this.sasl = new SaslServer({
      config,
      scramCredentials: (user, mechanism) => this.cluster?.image.scramCredential(user, mechanism),
      log: this.log.child('sasl'),
    });
    this.#connectionEvents = {
      onClose: (conn) => {
        this.#connections.delete(conn);
        this.sasl.detach(conn);
      },
      onProtocolError: (conn, reason) => {
        const line = `closing connection ${conn.id} from ${conn.remote}: ${reason}`;
        // Before a login, a flood of bad connections is summed up rather than logged line by line.
        if (isSaslProtocol(conn.session.securityProtocol) && !this.sasl.authenticated(conn.session))
          this.sasl.preAuthLog.warn(line);
        else this.log.warn(line);
      },
    };
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** host:port clients bootstrap from (the first listener, bound), once started. */
  get bootstrap(): string {
    return this.bootstrapOf(this.#listeners[0]!.name);
  }

  /** host:port of listener `name` as bound, once started. */
  bootstrapOf(name: string): string {
    const b = this.#bound.get(name);
    if (b === undefined)
      throw new Error(`listener ${name} is not listening (start() has not finished, or no such listener)`);
    return `${b.host.includes(':') ? `[${b.host}]` : b.host}:${b.port}`;
  }

  /** What clients of listener `name` are told: its advertised address, else where it is bound. */
  advertisedOn(name: string): HostPort | undefined {
    const l = this.#listeners.find((x) => x.name === name);
    if (l === undefined) return undefined;
    return l.advertised ?? this.#bound.get(name) ?? { host: l.host, port: l.port };
  }

  /** Another broker's inter-broker listener, with this broker's TLS options when that listener speaks TLS. */
  interBrokerAddress(brokerId: number): InterBrokerAddress | undefined {
    const image = this.cluster?.image;
    const a = image === undefined ? undefined : brokerAddress(image, brokerId, this.interBrokerListener);
    if (a === undefined) return undefined;
    const secure = this.#listeners.find((l) => l.name === this.interBrokerListener)!;
    return {
      host: a.host,
      port: a.port,
      tls: usesTls(secure.securityProtocol) ? this.#tlsClientOptions() : null,
      sasl: this.interBrokerSasl,
    };
  }

  #tlsClientOptions() {
    const tls = this.tls;
    if (tls === null) throw new Error('the inter-broker listener speaks TLS but no TLS files are configured');
    return tls.clientOptions(this.interBrokerListener);
  }

  /**
   * Binds the listener (so a port in use fails before anything is written), locks and opens the data
   * directory, recovers every partition, then serves; connections made meanwhile wait. Resolves to the
   * bound address. On failure call stop() to release what was taken.
   */
  async start(): Promise<HostPort> {
    const c = this.config;
    const scrubConfig = resolveScrubConfig({
      intervalMs: c.scrubIntervalMs,
      bytesPerSecond: c.scrubBytesPerSecond,
    });
    if (this.#listeners.some((l) => usesTls(l.securityProtocol))) {
      try {
        this.tls = new ListenerTls(c, this.#listeners, this.#principalRules, this.log);
      } catch (e) {
        throw new ConfigError((e as Error).message);
      }
    }
    for (const listener of this.#listeners) {
      const server = createServer({ noDelay: true, pauseOnConnect: true }, (socket) =>
        this.#accept(socket, listener),
      );
      this.#servers.push(server);
      server.listen(listener.port, listener.host);
      try {
        // once() rejects with the server's 'error' (EADDRINUSE, EACCES, EADDRNOTAVAIL).
        await once(server, 'listening');
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new Error(
          `cannot listen on ${listener.host}:${listener.port}: ${e.code ?? e.message} (listener ${listener.name})`,
        );
      }
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : listener.port;
      this.#bound.set(listener.name, { host: listener.host, port });
    }
    const bound = this.#bound.get(this.#listeners[0]!.name)!;
    this.advertised = this.advertisedOn(this.interBrokerListener)!;
    const metrics = this.metrics;
    if (metrics !== null && c.metricsListen !== null) {
      // Bound before the data dir is touched too: a port in use stops the start with nothing written.
      this.#metricsServer = await MetricsServer.listen(
        c.metricsListen,
        () =>
          this.#serving && this.#stopping === null
            ? metrics.scrape()
            : Promise.reject(new MetricsUnavailable('the broker is starting or stopping')),
        this.log.child('metrics'),
      );
    }

    this.#dirLock = DataDirLock.acquire(ensureDataDir(c.dataDir));
    if (!this.#dirLock.kernel)
      this.log.warn(`native lock addon not built: ${c.dataDir} is guarded by a pid file only`);
    // Without --peers this broker is its own quorum, and its cluster id is the one meta.properties has (made
    // now on a first start); a cluster member learns it when it joins (ClusterNode writes meta.properties).
    const solo = c.peers.length === 0;
    if (solo) this.clusterId = loadOrCreateMeta(c.dataDir, c.nodeId).clusterId;
    const topics = new TopicRegistry(c.dataDir);
    const storeOptions = {
      dataDir: c.dataDir,
      log: brokerLogConfig(c),
      maxOpenPartitions: this.#options.maxOpenPartitions ?? DEFAULT_MAX_OPEN_PARTITIONS,
      logLevel: c.logLevel,
    };
    if (c.threads === 0) {
      this.store = new InlinePartitions(storeOptions);
    } else {
      const pool = new PartitionPool({
        ...storeOptions,
        threads: c.threads,
        // A request of socket.request.max.bytes must always be admissible.
        maxPendingBytes: Math.max(MIN_POOL_PENDING_BYTES, 2 * c.socketRequestMaxBytes),
        closeTimeoutMs: c.shutdownTimeoutMs,
        onFatal: this.#options.onFatal ?? ((err) => this.fatal(err)),
      });
      this.store = pool;
      await pool.ready();
    }
    this.replicas = new ReplicaManager({
      config: c,
      store: this.store,
      topics,
      // Nothing is hosted until the committed metadata says so.
      image: this.#options.image ?? MetadataImage.EMPTY,
      log: this.log.child('replicas'),
    });
    await this.replicas.openAll();
    this.groups = new GroupCoordinator({
      config: {
        initialRebalanceDelayMs: c.groupInitialRebalanceDelayMs,
        maxGroupSize: c.groupMaxSize,
        offsetsTopicPartitions: c.offsetsTopicPartitions,
        offsetsRetentionMs: c.offsetsRetentionMinutes * 60_000,
      },
      log: new OffsetsTopic({
        store: this.store,
        append: (topic, partition, batch) => this.#appendAsLeader(topic, partition, batch),
        clock: systemClock,
        partitions: c.offsetsTopicPartitions,
        maxBatchBytes: Math.min(c.messageMaxBytes, DEFAULT_GROUP_CONFIG.offsetsMaxBatchBytes),
        loadBufferBytes: DEFAULT_GROUP_CONFIG.offsetsLoadBufferBytes,
      }),
      logger: this.log.child('groups'),
    });
    // Groups are served per __consumer_offsets partition as this node comes to lead it.
    this.groups.startElected();
    this.#startTransactionCoordinator();
    if (this.#stopping !== null) throw new Error('stopped while starting');

    this.#retentionTimer = setInterval(() => this.#runRetention(), c.retentionCheckIntervalMs);
    this.#retentionTimer.unref();
    this.#cleanerTimer = setInterval(() => this.#runCleaner(), c.logCleanerIntervalMs);
    this.#cleanerTimer.unref();
    this.#scrub = BackgroundScrub.start(this.store, scrubConfig, this.log.child('scrub'));
    await this.#joinCluster(this.#bound.get(this.interBrokerListener)!);
    if (solo) await this.#soloReady();
    this.#serving = true;
    const early = this.#early;
    this.#early = [];
    for (const { socket, listener } of early) this.#accept(socket, listener);
    this.log.info(
      `Runnel ${VERSION} node ${this.nodeId} of ${solo ? `cluster ${this.clusterId}` : 'a cluster (joining)'} listening on ${this.bootstrap}` +
        ` (advertised ${this.advertised.host}:${this.advertised.port}), ` +
        (this.#listeners.length === 1
          ? ''
          : `listeners ${this.#listeners.map((l) => `${l.name}://${this.bootstrapOf(l.name)} (${l.securityProtocol})`).join(', ')}, `) +
        `data in ${c.dataDir}, ` +
        `fsync ${typeof c.fsync === 'number' ? `every ${c.fsync} ms` : c.fsync}, ` +
        `${c.threads === 0 ? 'logs on the main thread' : `${c.threads} log threads`}, ` +
        `${this.replicas.topicList().length} topics`,
    );
    const m = this.#metricsServer?.address;
    if (m !== undefined) this.log.info(`metrics at http://${m.host}:${m.port}/metrics`);
    return bound;
  }

  /**
   * The broker's own writes (group and transaction records) the way a produce with acks=all makes them: as
   * the partition's leader at its epoch (`leaderEpoch`, or any with -1), bounded by its ISR, answered once the
   * high watermark passes them (or with the error: NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH,
   * REQUEST_TIMED_OUT after offsets.commit.timeout.ms).
   */
  async #appendAsLeader(
    topic: string,
    partition: number,
    batch: Uint8Array,
    leaderEpoch = -1,
  ): Promise<AppendResult> {
    const state = this.replicas.leaderFor(topic, partition, leaderEpoch);
    if (typeof state === 'number') return failedAppend(state);
    const bytes = batch.byteLength;
    const epoch = state.leaderEpoch;
    const generation = state.offsetsGeneration;
    const r = await this.store.append(topic, partition, batch, epoch, state.highWatermarkBound());
    if (r.errorCode !== ErrorCode.NONE) return r;
    state.onAppend(r, bytes, generation);
    if (!state.leadsAt(epoch)) return failedAppend(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (state.highWatermark > r.lastOffset) return r;
    const [code] = await this.acks.wait(
      [{ state, requiredOffset: r.lastOffset + 1 }],
      this.config.offsetsCommitTimeoutMs,
    );
    return code === ErrorCode.NONE ? r : failedAppend(code!);
  }

  /**
   * The transaction coordinator over __transaction_state, its marker channel, and the verifier partition
   * leaders ask before a transactional write (KIP-890). Partitions are served as this node comes to lead them.
   */
  #startTransactionCoordinator(): void {
    const c = this.config;
    const client = new InterBrokerClient({
      resolve: (id) => this.interBrokerAddress(id),
      connectTimeoutMs: 10_000,
      maxResponseBytes: 16 * 1024 * 1024,
    });
    this.#txnClient = client;
    const config = resolveTransactionConfig({
      transactionStateTopicPartitions: c.transactionStateLogNumPartitions,
      maxTimeoutMs: c.transactionMaxTimeoutMs,
      abortTimedOutCleanupIntervalMs: c.transactionAbortTimedOutTransactionCleanupIntervalMs,
      transactionalIdExpirationMs: c.transactionalIdExpirationMs,
      maxPendingMarkersPerBroker: c.transactionMaxPendingMarkersPerBroker,
    });
    const markers = new TransactionMarkerChannel({
      clock: systemClock,
      transport: client,
      leaderOf: (topic, partition) => this.cluster.image.partition(topic, partition)?.leader,
      retryBackoffMs: config.markerRetryBackoffMs,
      requestTimeoutMs: config.markerRequestTimeoutMs,
      maxMarkersPerRequest: config.maxMarkersPerRequest,
      maxPendingMarkersPerBroker: config.maxPendingMarkersPerBroker,
      logger: this.log.child('txn-markers'),
    });
    this.#markerChannel = markers;
    const coordinator = new TransactionCoordinator({
      config,
      clock: systemClock,
      log: new TransactionStateTopic({
        store: this.store,
        append: (topic, partition, batch, epoch) => this.#appendAsLeader(topic, partition, batch, epoch),
        clock: systemClock,
        loadBufferBytes: DEFAULT_GROUP_CONFIG.offsetsLoadBufferBytes,
      }),
      markers,
      allocateProducerId: () => this.cluster.allocateProducerId(),
      offsetsPartitionFor: (groupId) => this.groups.partitionFor(groupId),
      logger: this.log.child('transactions'),
    });
    this.txnCoordinator = coordinator;
    coordinator.start();
    // Offsets committed in a transaction become the group's at the COMMIT marker on __consumer_offsets.
    this.transactions.addMarkerListener({
      onMarker: (topic, partition, producerId, _epoch, commit) => {
        if (topic === OFFSETS_TOPIC) this.groups.onTxnMarker(partition, producerId, commit);
      },
    });
    this.transactions.verifier = new CoordinatorVerifier({
      coordinator,
      client,
      nodeId: this.nodeId,
      coordinatorOf: (p) => this.cluster.image.partition(TRANSACTION_STATE_TOPIC, p)?.leader ?? -1,
      timeoutMs: 10_000,
    });
  }

  /**
   * The coordinator serves each __transaction_state partition this node leads at the leader epoch it leads
   * it at (a new epoch reloads it: the coordinator epoch its markers carry must be current).
   */
  #electTransactionPartitions(): void {
    const coordinator = this.txnCoordinator;
    for (const state of this.replicas.partitions(TRANSACTION_STATE_TOPIC)) {
      const p = state.partition;
      const leading = this.replicas.leaderFor(TRANSACTION_STATE_TOPIC, p, -1);
      if (typeof leading === 'number') continue;
      if (coordinator.coordinatorEpoch(p) === leading.leaderEpoch) continue;
      coordinator.onElection(p, leading.leaderEpoch).then((code) => {
        if (code !== ErrorCode.NONE)
          this.log.error(`loading ${TRANSACTION_STATE_TOPIC}-${p} failed (${errorName(code)})`);
      });
    }
  }

  /** Follower fetchers and the leaders' ISR duties, on the partitions the metadata gives this broker. */
  #startReplication(cluster: ClusterNode): void {
    const c = this.config;
    const transport = new ConnectionFetchTransport({
      resolve: (id) => this.interBrokerAddress(id),
      connectTimeoutMs: 10_000,
      // One batch may exceed the fetch limits (it always comes whole); the frame limit is the real bound.
      maxResponseBytes: Math.max(c.replicaFetchResponseMaxBytes, c.messageMaxBytes) + 1024 * 1024,
    });
    this.#fetchTransport = transport;
    this.replicas.startReplication(
      new Replication({
        nodeId: this.nodeId,
        log: this.store,
        transport,
        alterPartition: (call) => cluster.alterPartition(call),
        topicId: (topic) => {
          const info = this.replicas.topic(topic);
          return info === undefined ? undefined : uuidFromBytes(info.topicId);
        },
        clock: systemClock,
        logger: this.log.child('replication'),
        fetch: {
          waitMaxMs: c.replicaFetchWaitMaxMs,
          minBytes: 1,
          partitionMaxBytes: c.replicaFetchMaxBytes,
          responseMaxBytes: c.replicaFetchResponseMaxBytes,
          backoffMs: c.replicaFetchBackoffMs,
        },
        replicaLagTimeMaxMs: c.replicaLagTimeMaxMs,
        // Both quotas always exist: dynamic broker configs set their rates live (0: none).
        throttle: new ReplicationThrottle(c.followerReplicationThrottledRate, systemClock),
        leaderThrottle: new ReplicationThrottle(c.leaderReplicationThrottledRate, systemClock),
      }),
    );
  }

  /**
   * Starts this broker's part in the cluster (gossip, then the metadata quorum and the controller once the
   * cluster forms); joining goes on after start() returns. Committed metadata is applied as it comes.
   */
  async #joinCluster(bound: HostPort): Promise<void> {
    const c = this.config;
    const gossip = c.gossipListen ?? { host: bound.host, port: bound.port };
    const shared = gossip.port === bound.port;
    const cluster = await ClusterNode.start({
      nodeId: c.nodeId,
      interBrokerSasl: this.interBrokerSasl,
      dataDir: c.dataDir,
      advertised: this.advertised,
      listeners: this.#listeners.map((l) => {
        const at = this.advertisedOn(l.name)!;
        return {
          name: l.name,
          host: at.host,
          port: at.port,
          securityProtocol: SECURITY_PROTOCOL_IDS[l.securityProtocol],
        };
      }),
      interBrokerListener: this.interBrokerListener,
      interBrokerTls: usesTls(
        this.#listeners.find((l) => l.name === this.interBrokerListener)!.securityProtocol,
      )
        ? () => this.#tlsClientOptions()
        : null,
      gossipListen: gossip,
      // Peers are named by their inter-broker listeners; their gossip listens on the same host and port number.
      seeds: c.peers,
      streamsViaBroker: shared,
      bootstrapExpect: c.bootstrapExpect ?? 1 + c.peers.length,
      rack: c.rack,
      bootIdFile: c.bootIdFile,
      metadataSnapshotBytes: c.metadataSnapshotBytes,
      brokerConfig: c,
      defaultPartitions: c.numPartitions,
      offsetsTopicPartitions: c.offsetsTopicPartitions,
      timings: {
        brokerSessionTimeoutMs: c.brokerSessionTimeoutMs,
        brokerHeartbeatIntervalMs: c.brokerHeartbeatIntervalMs,
        quorumElectionTimeoutMs: c.quorumElectionTimeoutMs,
        quorumFetchTimeoutMs: c.quorumFetchTimeoutMs,
      },
      clock: systemClock,
      random: systemRandom,
      log: this.log.child('cluster'),
      onImage: (image) => this.#applyImage(image),
      onFatal: (err) => this.fatal(err),
    });
    this.cluster = cluster;
    this.#startReplication(cluster);
    if (shared && !cluster.solo) {
      this.#gossipListener = this.interBrokerListener;
      this.#connectionEvents.gossip = {
        maxBytes: cluster.maxGossipStreamBytes,
        deliver: (from, payload) => cluster.receiveGossipStream(from, payload),
      };
    }
    void cluster.joined.then(() => {
      this.clusterId = cluster.clusterId;
    });
  }

  /**
   * A broker that is its own quorum serves once it is registered and unfenced and has loaded its groups, as
   * a lone broker always did: all of it is local (a few metadata log flushes), so clients see every topic and
   * group from their first request. Bounded: a quorum that cannot commit (a full disk) stops the start.
   */
  async #soloReady(): Promise<void> {
    const cluster = this.cluster;
    let timer: NodeJS.Timeout | undefined;
    const joined = await Promise.race([
      cluster.joined.then(() => true),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), SOLO_JOIN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (this.#stopping !== null) throw new Error('stopped while starting');
    if (!joined)
      throw new Error(
        `the metadata quorum of this broker alone did not commit its registration within ${SOLO_JOIN_TIMEOUT_MS} ms`,
      );
    this.#soloJoined = true;
    this.#applyImage(cluster.image);
    const loads = this.#groupLoads.splice(0);
    for (const code of await Promise.all(loads)) {
      if (code !== ErrorCode.NONE)
        throw new Error(`loading __consumer_offsets failed (${errorName(code)}, error code ${code})`);
    }
  }

  /** Committed metadata, once caught up: topics, partitions and leadership follow it; groups follow leadership. */
  #applyImage(image: MetadataImage): void {
    if (this.#stopping !== null) return;
    // Alone, the images before this broker's own registration and unfencing (its last life's leaderships,
    // then their fencing) would open and unload its logs and groups for nothing: it applies the first one
    // it serves from, once joined (#soloReady).
    if (this.config.peers.length === 0 && !this.#soloJoined) return;
    if (this.clusterId === '' && this.cluster !== undefined) this.clusterId = this.cluster.clusterId;
    const leadership = this.#options.image;
    const changes = this.replicas.applyImage(
      leadership === undefined
        ? image
        : {
            topics: image.topics,
            configsOf: (type, name) => image.configsOf(type, name),
            partition: (topic, p) =>
              image.partition(topic, p) === undefined
                ? undefined
                : (leadership.partition(topic, p) as PartitionRegistration | undefined),
          },
    );
    for (const { topic, partition } of changes.stoppedLeading) {
      if (topic === OFFSETS_TOPIC) this.groups.onResignation(partition);
      if (topic === TRANSACTION_STATE_TOPIC) this.txnCoordinator.onResignation(partition);
    }
    this.#electTransactionPartitions();
    this.#markerChannel?.rerouteQueued();
    for (const { topic, partition } of changes.becameLeader) {
      if (topic !== OFFSETS_TOPIC) continue;
      const loaded = this.groups.onElection(partition);
      // Until it serves, a broker alone waits for these (#soloReady) and reports a failure itself.
      if (!this.#serving && this.config.peers.length === 0) this.#groupLoads.push(loaded);
      else
        loaded.then((code) => {
          if (code !== ErrorCode.NONE)
            this.log.error(`loading ${OFFSETS_TOPIC}-${partition} failed (${errorName(code)})`);
        });
    }
    for (const topic of changes.reconfiguredTopics) {
      const configs = Object.fromEntries(image.configsOf(ConfigResourceType.Topic, topic));
      applyCommittedTopicConfigs(this, topic, configs).then(
        (r) => {
          if (r.errorCode !== ErrorCode.NONE)
            this.log.error(`topic ${topic}: applying its new configs failed: ${r.errorMessage}`);
        },
        (err: Error) => this.log.error(`topic ${topic}: applying its new configs failed: ${err.message}`),
      );
    }
  }

  /**
   * Graceful stop: no new connections, long polls answer now, in-flight requests finish (up to
   * shutdown.timeout.ms), then logs are flushed and closed, which writes their clean-shutdown markers.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    if (this.#retentionTimer !== null) clearInterval(this.#retentionTimer);
    if (this.#cleanerTimer !== null) clearInterval(this.#cleanerTimer);
    await this.#scrub?.stop();
    for (const { socket } of this.#early) socket.destroy();
    this.#early = [];
    this.tls?.close();
    this.sasl.close();
    await this.#metricsServer?.close();
    this.metrics?.close();
    const closed = Promise.all(this.#servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.purgatory.close();
    this.acks.close();
    await this.cluster?.stop().catch((err: Error) => this.log.warn(`leaving the cluster: ${err.message}`));
    this.replicas?.close();
    this.#fetchTransport?.close();
    this.txnCoordinator?.close();
    this.#markerChannel?.close();
    this.#txnClient?.close();
    const drained = Promise.all([...this.#connections].map((conn) => conn.drain()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(true), this.config.shutdownTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut)
      this.log.warn(`requests still in flight after ${this.config.shutdownTimeoutMs} ms; closing anyway`);
    // The server's own count does not see connections (each socket's handle moves to a new Socket), so
    // wait for the sockets themselves: closed by the peer, or cut off after end()'s linger.
    await Promise.all([...this.#connections].map((conn) => conn.end()));
    await closed;
    this.groups?.close();
    if (this.store !== undefined) {
      const flushed = await this.store.flush();
      if (flushed.errorCode !== ErrorCode.NONE)
        this.log.error(
          `flush at shutdown failed (${errorName(flushed.errorCode)}, error code ${flushed.errorCode})`,
        );
      const r = await this.store.close();
      if (r.errorCode !== ErrorCode.NONE)
        this.log.error(`closing logs failed (${errorName(r.errorCode)}, error code ${r.errorCode})`);
      else if (flushed.errorCode === ErrorCode.NONE) this.cluster?.stoppedCleanly();
    }
    this.#dirLock?.release();
    this.#dirLock = null;
    if (this.#options.removeDataDirOnStop === true)
      rmSync(this.config.dataDir, { recursive: true, force: true });
    this.log.info('stopped');
  }

  // ---- connections ----

  #accept(socket: Socket, listener: Listener): void {
    if (!this.#serving && this.#stopping === null && this.#early.length < this.config.maxConnections) {
      // Held (paused, unread) until the logs are open.
      socket.on('error', () => {});
      this.#early.push({ socket, listener });
      return;
    }
    if (
      this.#stopping !== null ||
      this.#connections.size + this.#handshakes() >= this.config.maxConnections
    ) {
      socket.on('error', () => {});
      socket.destroy();
      // One line per burst, not per refused socket.
      if (this.#refusedConnections++ === 0) {
        this.log.warn(
          `refusing connection from ${socket.remoteAddress}:${socket.remotePort}: ` +
            (this.#stopping !== null
              ? 'shutting down'
              : `max.connections ${this.config.maxConnections} reached`),
        );
        setTimeout(() => {
          if (this.#refusedConnections > 1)
            this.log.warn(`refused ${this.#refusedConnections - 1} more connections`);
          this.#refusedConnections = 0;
        }, 1000).unref();
      }
      return;
    }
    const acceptor = this.tls?.acceptor(listener.name);
    if (acceptor === undefined) {
      this.#open(socket, listener, null);
      return;
    }
    acceptor.accept(socket, this.#gossipListener === listener.name, (accepted) => {
      if (this.#stopping !== null) {
        accepted.socket.destroy();
        return;
      }
      this.#open(accepted.socket, listener, accepted.kind === 'tls' ? accepted.principal : null);
    });
  }

  /** TLS handshakes in progress (they count against max.connections). */
  #handshakes(): number {
    return this.tls?.handshaking ?? 0;
  }

  #open(socket: Socket, listener: Listener, principal: KafkaPrincipal | null): void {
    const conn = new Connection(
      this.#nextConnectionId++,
      socket,
      this,
      {
        maxFrameBytes: this.config.socketRequestMaxBytes,
        maxInFlight: this.config.maxInFlightRequestsPerConnection,
        requestMemory: this.requestMemory,
      },
      this.#connectionEvents,
      { name: listener.name, securityProtocol: listener.securityProtocol },
    );
    if (principal !== null) {
      conn.session.principal = principal;
      this.log.debug(
        `connection ${conn.id} from ${conn.remote} on listener ${listener.name}: principal ${principalString(principal)}`,
      );
    }
    this.#connections.add(conn);
    if (isSaslProtocol(conn.session.securityProtocol)) this.sasl.attach(conn);
  }

  /** FrameHandler: one request frame in, its response frame out. Throwing closes the connection (logged). */
  handle(frame: Buffer, conn: Connection): ResponseFrame | null | Promise<ResponseFrame | null> {
    const m = this.#requestMetrics;
    const started = m === null ? 0 : performance.now();
    const r = new Reader(frame);
    const header = decodeRequestHeader(r);
    if (!r.ok) throw new Error(`unreadable request header: ${r.error}`);
    const apiKey = header.requestApiKey;
    const version = header.requestApiVersion;
    const handler = apiKey >= 0 ? this.#byKey[apiKey] : undefined;
    if (handler === undefined) throw new Error(`unsupported api key ${apiKey}`);
    const session = conn.session;
    if (session.securityProtocol === 'SASL_PLAINTEXT' || session.securityProtocol === 'SASL_SSL') {
      const refused = this.sasl.refusal(session, apiKey);
      if (refused !== null) throw new Error(refused);
    }
    if (version < handler.minVersion || version > handler.maxVersion) {
      // Kafka's rule: a too-new ApiVersions gets our ranges as v0, so the client can retry at a version we share.
      if (apiKey === ApiKey.ApiVersions) {
        return this.#encode(header.correlationId, ApiVersionsApi, 0, apiVersionsFallback(this));
      }
      throw new Error(
        `${handler.codec.name} v${version} is not served (${handler.minVersion}-${handler.maxVersion})`,
      );
    }
    const body = handler.codec.decodeRequest(r, version);
    if (!r.ok) throw new Error(`malformed ${handler.codec.name} v${version} request: ${r.error}`);
    if (this.log.enabled('debug')) {
      this.log.debug(
        `${handler.codec.name} v${version} correlation ${header.correlationId} from ${header.clientId}`,
      );
    }
    const timing = m === null ? null : { remoteMs: 0 };
    const result = handler.handle(this, body, version, header, timing, conn.session);
    if (!(result instanceof Promise)) {
      const out = result === null ? null : this.#encode(header.correlationId, handler.codec, version, result);
      if (m !== null) m.record(apiKey, frame.length, out, started, 0);
      return out;
    }
    return result.then((res) => {
      const out = res === null ? null : this.#encode(header.correlationId, handler.codec, version, res);
      if (m !== null) m.record(apiKey, frame.length, out, started, timing!.remoteMs);
      return out;
    });
  }

  #encode(correlationId: number, codec: ApiCodec, version: number, body: unknown): ResponseFrame {
    const w = new Writer({ zeroCopyMinBytes: this.#zeroCopyMinBytes });
    encodeResponseFrame(w, correlationId, version, codec, body);
    if (w.error !== null) throw new Error(`cannot encode ${codec.name} v${version} response: ${w.error}`);
    const parts = w.finishParts();
    return parts.length === 1 ? (parts[0] as Buffer) : parts;
  }

  async #runRetention(): Promise<void> {
    // Until the metadata gives the dynamic retention defaults, the logs may run with the static ones.
    if (this.#retentionRunning || this.#stopping !== null || !this.replicas.configsKnown) return;
    this.#retentionRunning = true;
    try {
      await topicConfigChangesSettled();
      const r = await this.store.applyRetention();
      if (r.errorCode !== ErrorCode.NONE)
        this.log.warn(
          `retention failed on some partitions (${errorName(r.errorCode)}, error code ${r.errorCode})`,
        );
      else if (r.deletedSegments > 0) this.log.info(`retention deleted ${r.deletedSegments} segments`);
    } finally {
      this.#retentionRunning = false;
    }
  }

  /** One log cleaner round (log.cleaner.backoff.ms apart); rounds never overlap. */
  async #runCleaner(): Promise<void> {
    if (this.#cleanerRunning || this.#stopping !== null || !this.replicas.configsKnown) return;
    this.#cleanerRunning = true;
    try {
      // On the main thread (threads 0) a round gets a short budget so clients barely notice it.
      const r = await this.store.clean(
        Date.now(),
        this.config.threads === 0 ? INLINE_CLEAN_BUDGET_MS : undefined,
      );
      for (const problem of r.problems) this.log.error(`log cleaner: ${problem}`);
      if (r.errorCode !== ErrorCode.NONE && r.problems.length === 0)
        this.log.warn(
          `log cleaner failed on some partitions (${errorName(r.errorCode)}, error code ${r.errorCode})`,
        );
      if (r.cleanedLogs > 0) {
        this.log.info(
          `log cleaner compacted ${r.cleanedLogs} partitions, ${r.recordsRemoved} records removed`,
        );
      }
      if (r.deferredLogs > 0)
        this.log.debug(`log cleaner left ${r.deferredLogs} partitions for the next round`);
    } finally {
      this.#cleanerRunning = false;
    }
  }

  /**
   * Fail-stop: a store that lost track of who owns a partition must not keep writing. TS-private rather
   * than #fatal because test/broker-embedded.test.ts calls it to simulate the pool's onFatal.
   */
  private fatal(err: Error): void {
    this.log.error(`fatal: ${err.message}; stopping`);
    if (this.listenerCount('error') > 0) this.emit('error', err);
    this.stop().catch((e: unknown) => this.log.error(`stop after fatal error failed: ${String(e)}`));
  }
}
