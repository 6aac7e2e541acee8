// Broker configuration: one table drives the CLI flags, the Kafka-style properties file, --help and the
// README's flag table, so a setting cannot exist in one and be missing from another. Defaults of settings a
// lower layer owns (log, group coordinator) are that layer's defaults, not copies.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DEFAULT_GROUP_CONFIG } from './broker/groups/config.js';
import { parseSuperUsers, STANDARD_AUTHORIZER_NAMES } from './broker/security/authorizer.js';
import {
  effectiveSsl,
  type ListenerProperty,
  type ListenerSslOverrides,
  parseListenerProperty,
} from './broker/security/listener-overrides.js';
import {
  DEFAULT_PROTOCOL_MAP,
  type ListenerAddress,
  parseAdvertisedListeners,
  parseListeners,
  parseProtocolMap,
  resolveListeners,
} from './broker/security/listeners.js';
import { SASL_MECHANISMS } from './broker/security/mechanisms.js';
import type { SecurityProtocol } from './broker/security/session.js';
import { parsePrincipalMappingRules } from './broker/security/ssl-principal-mapper.js';
import {
  DEFAULT_SSL_CONFIG,
  parseClientAuth,
  parseEnabledProtocols,
  type SslClientAuth,
} from './broker/security/tls-config.js';
import { type BootstrapScramUser, parseAddScram } from './cluster/metadata/bootstrap-scram.js';
import { DEFAULT_BROKER_LIFECYCLE_TIMINGS } from './cluster/metadata/broker-lifecycle.js';
import { DEFAULT_BROKER_SESSION_TIMEOUT_MS } from './cluster/metadata/session-defaults.js';
import { DEFAULT_RAFT_CONFIG } from './cluster/raft/config.js';
import { DEFAULT_REPLICA_FETCH_CONFIG } from './cluster/replication/replica-fetcher.js';
import { DEFAULT_BOOT_ID_FILE } from './cluster/shutdown-state.js';
import { fromKafkaProperties } from './config-kafka.js';
import { DEFAULT_LOG_CONFIG, type FlushPolicy } from './storage/config.js';

export type FsyncPolicy = FlushPolicy;
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface HostPort {
  host: string;
  port: number;
}

export interface BrokerConfig {
  nodeId: number;
  /** listeners: where connections are accepted, by listener name (port 0: a free port). */
  listeners: ListenerAddress[];
  /** advertised.listeners: what clients of a listener are told; a listener not named advertises its bound address. */
  advertisedListeners: ListenerAddress[];
  /** listener.security.protocol.map: each listener name's security protocol. */
  listenerSecurityProtocolMap: Record<string, SecurityProtocol>;
  /** inter.broker.listener.name: the listener brokers use among themselves; null: PLAINTEXT, or the only one. */
  interBrokerListenerName: string | null;
  /** ssl.key.location: PEM private key of SSL listeners; null: read from the certificate file. */
  sslKeyLocation: string | null;
  /** ssl.certificate.location: PEM certificate chain of SSL listeners (Kafka's PEM ssl.keystore.location). */
  sslCertificateLocation: string | null;
  /** ssl.ca.location: PEM CA certificates trusted for client certificates and other brokers. */
  sslCaLocation: string | null;
  /** ssl.key.password: passphrase of an encrypted private key. */
  sslKeyPassword: string | null;
  /** ssl.client.auth on SSL listeners: required (mTLS), requested, none. */
  sslClientAuth: SslClientAuth;
  /** ssl.enabled.protocols: TLSv1.2, TLSv1.3. */
  sslEnabledProtocols: string[];
  /** ssl.principal.mapping.rules: how a client certificate's subject becomes a principal name. */
  sslPrincipalMappingRules: string;
  /** ssl.endpoint.identification.algorithm: https (check other brokers' host names) or '' (do not). */
  sslEndpointIdentificationAlgorithm: string;
  /** A TLS handshake not finished this long after the connection is accepted closes it. */
  sslHandshakeTimeoutMs: number;
  /** How often the key, certificate and CA files are checked for changes (0: never reloaded). */
  sslReloadIntervalMs: number;
  peers: HostPort[];
  /** Brokers that must see each other before the first metadata quorum forms; null: 1 + peers. */
  bootstrapExpect: number | null;
  /** Gossip (UDP datagrams, TCP full-state sync); null: the listener's host and port number. */
  gossipListen: HostPort | null;
  /** Gossip keyring file (membership/keyring.ts); null: gossip is neither encrypted nor authenticated. */
  gossipSecretKeyFile: string | null;
  /** How often the gossip key file is checked for changes (0: read once at start). */
  gossipSecretKeyReloadIntervalMs: number;
  /** broker.rack: replicas of a partition go to different racks when racks are given. */
  rack: string | null;
  /**
   * A file whose content changes when the machine restarts (Linux's boot id). A run that crashed in the same
   * boot lost nothing in the page cache, so it still counts as clean (shutdown-state.ts); null: every crash
   * counts as a possible power loss, as in Kafka.
   */
  bootIdFile: string | null;
  /** broker.session.timeout.ms: the active controller fences a broker whose heartbeats stop this long. */
  brokerSessionTimeoutMs: number;
  /** broker.heartbeat.interval.ms: how often a broker heartbeats to the active controller. */
  brokerHeartbeatIntervalMs: number;
  /** controller.quorum.election.timeout.ms: a voter with no leader waits this (plus jitter) to stand. */
  quorumElectionTimeoutMs: number;
  /** controller.quorum.fetch.timeout.ms: a voter that hears nothing from its leader this long stands. */
  quorumFetchTimeoutMs: number;
  /** metadata.log.max.record.bytes.between.snapshots: committed metadata bytes between two snapshots. */
  metadataSnapshotBytes: number;
  /** default.replication.factor: for topics created without one; null: min(3, live brokers). */
  defaultReplicationFactor: number | null;
  /** offsets.topic.replication.factor: for __consumer_offsets, capped at the live brokers then. */
  offsetsTopicReplicationFactor: number;
  /** auto.leader.rebalance.enable: the controller moves leadership back to preferred replicas. */
  autoLeaderRebalanceEnable: boolean;
  /** leader.imbalance.check.interval.seconds: how often the controller looks for misplaced leaders. */
  leaderImbalanceCheckIntervalSeconds: number;
  /** unclean.recovery.manager.enabled: KIP-966's unclean recovery elects the longest log (else the last known ELR). */
  uncleanRecoveryManagerEnabled: boolean;
  /** unclean.recovery.strategy: when the unclean recovery manager elects (None, Balanced, Aggressive). */
  uncleanRecoveryStrategy: 'None' | 'Balanced' | 'Aggressive';
  /** unclean.recovery.timeout.ms: how long Balanced waits for replicas beyond the last known ELR. */
  uncleanRecoveryTimeoutMs: number;
  /** offsets.commit.timeout.ms: how long a group record write waits for its replication. */
  offsetsCommitTimeoutMs: number;
  /** replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR. */
  replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms: how long a leader holds a follower's fetch that found nothing new. */
  replicaFetchWaitMaxMs: number;
  /** replica.fetch.max.bytes: what a follower asks for per partition. */
  replicaFetchMaxBytes: number;
  /** replica.fetch.response.max.bytes: what a follower asks for per fetch. */
  replicaFetchResponseMaxBytes: number;
  /** replica.fetch.backoff.ms: a follower's pause after a failed fetch. */
  replicaFetchBackoffMs: number;
  /** follower.replication.throttled.rate: bytes/s for replicas a reassignment adds here (0: unlimited). */
  followerReplicationThrottledRate: number;
  /** leader.replication.throttled.rate: bytes/s this leader sends to throttled followers (0: unlimited). */
  leaderReplicationThrottledRate: number;
  dataDir: string;
  fsync: FsyncPolicy;
  numPartitions: number;
  autoCreateTopics: boolean;
  logLevel: LogLevel;
  /** Worker threads owning partition logs; 0 runs every log on the main thread. */
  threads: number;
  socketRequestMaxBytes: number;
  /** Bytes of requests being received or handled, broker-wide; past it connections stop reading. */
  queuedMaxRequestBytes: number;
  messageMaxBytes: number;
  messageMaxDecompressedBytes: number;
  maxConnections: number;
  maxInFlightRequestsPerConnection: number;
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  retentionCheckIntervalMs: number;
  logCleanerIntervalMs: number;
  /** Pause between background scrub passes (0: no scrub). */
  scrubIntervalMs: number;
  /** Read rate of the background scrub over the whole broker (0: no scrub). */
  scrubBytesPerSecond: number;
  shutdownTimeoutMs: number;
  groupInitialRebalanceDelayMs: number;
  groupMaxSize: number;
  offsetsTopicPartitions: number;
  offsetsRetentionMinutes: number;
  /** transaction.state.log.num.partitions: partitions of __transaction_state. */
  transactionStateLogNumPartitions: number;
  /** transaction.state.log.replication.factor: for __transaction_state, capped at the live brokers then. */
  transactionStateLogReplicationFactor: number;
  /** transaction.state.log.min.isr: min.insync.replicas of __transaction_state. */
  transactionStateLogMinIsr: number;
  /** transaction.max.timeout.ms: the longest transaction timeout a producer may ask for. */
  transactionMaxTimeoutMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms: how often timed-out transactions are aborted. */
  transactionAbortTimedOutTransactionCleanupIntervalMs: number;
  /** transactional.id.expiration.ms: a transactional id idle this long is forgotten. */
  transactionalIdExpirationMs: number;
  /** transaction.max.pending.markers.per.broker: markers waiting for one broker before ends are refused. */
  transactionMaxPendingMarkersPerBroker: number;
  /** Prometheus /metrics over HTTP here; null: no metrics endpoint. */
  metricsListen: HostPort | null;
  /** Labelled series one metric family may show per scrape (group lag, per-API); the rest are dropped. */
  metricsMaxSeries: number;
  /** authorizer.class.name: 'standard' turns on ACL authorization (broker/security/authorizer.ts); null: all allowed. */
  authorizer: 'standard' | null;
  /** super.users: principals allowed everything (the brokers' own must be among them). */
  superUsers: string[];
  /** allow.everyone.if.no.acl.found: a resource no ACL names is open to everyone. */
  allowEveryoneIfNoAclFound: boolean;
  /** sasl.enabled.mechanisms: what SASL listeners offer, in Kafka's names. */
  saslEnabledMechanisms: string[];
  /** listener.name.X.sasl.enabled.mechanisms (properties file only): per-listener overrides, by upper-cased name. */
  listenerSaslEnabledMechanisms: Record<string, string[]>;
  /** listener.name.X.ssl.* (properties file only): a listener's own TLS files and client auth, by upper-cased name. */
  listenerSsl: Record<string, ListenerSslOverrides>;
  /** JAAS-style file: user_NAME="password" entries are PLAIN's users; username/password the broker's own. */
  saslPlainUsersFile: string | null;
  /** How often the PLAIN users file is checked for changes (0: read once at start). */
  saslPlainUsersReloadIntervalMs: number;
  /** sasl.server.max.receive.size: the largest frame a connection may send before it has authenticated. */
  saslServerMaxReceiveSize: number;
  /** A connection on a SASL listener that has not authenticated after this long is closed. */
  saslServerAuthenticationTimeoutMs: number;
  /** connection.failed.authentication.delay.ms: a failed login is answered after this delay, then closed. */
  connectionFailedAuthenticationDelayMs: number;
  /** connections.max.reauth.ms (KIP-368): a session lives this long before it must re-authenticate (0: forever). */
  connectionsMaxReauthMs: number;
  /** sasl.oauthbearer.jwks.endpoint.url: a JWKS file (path or file: URL) JWTs are verified against; null: none. */
  saslOauthbearerJwksEndpointUrl: string | null;
  /** Accept unsecured (alg none) OAUTHBEARER tokens: development only. */
  saslOauthbearerUnsecuredEnable: boolean;
  /** sasl.oauthbearer.expected.audience: a token must name one of these in aud (empty: not checked). */
  saslOauthbearerExpectedAudience: string[];
  /** sasl.oauthbearer.expected.issuer: the iss a token must carry (null: not checked). */
  saslOauthbearerExpectedIssuer: string | null;
  /** sasl.oauthbearer.sub.claim.name: the claim naming the principal. */
  saslOauthbearerSubClaimName: string;
  /** sasl.oauthbearer.clock.skew.seconds: leeway for exp and nbf. */
  saslOauthbearerClockSkewSeconds: number;
  /** sasl.mechanism.inter.broker.protocol: how this broker logs in to other brokers' SASL listeners. */
  saslMechanismInterBrokerProtocol: string;
  /** --add-scram (KIP-900): SCRAM credentials a new cluster's metadata log starts with. */
  addScram: BootstrapScramUser[];
}

interface Option {
  key: keyof BrokerConfig;
  /** Given several times, the values add up (the option's parse returns an array). */
  repeatable?: boolean;
  flag: string;
  /** Other flags for the same setting (older or shorter spellings). */
  aliases?: string[];
  property: string;
  arg: string;
  help: string;
  parse(value: string): unknown;
  /** The default as --help and the README state it, where the value alone would mislead. */
  defaultText?: string;
}

function int(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new Error(`expected an integer, got '${v}'`);
    const n = Number(v);
    if (n < min || n > max) throw new Error(`expected an integer in [${min}, ${max}], got ${n}`);
    return n;
  };
}

function bool(v: string): boolean {
  const s = v.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new Error(`expected true or false, got '${v}'`);
}

export function parseHostPort(v: string): HostPort {
  const s = v.trim().replace(/^[A-Z_]+:\/\//, ''); // accept Kafka's PLAINTEXT://host:port
  const i = s.lastIndexOf(':');
  if (i <= 0) throw new Error(`expected HOST:PORT, got '${v}'`);
  const host = s.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  const port = int(0, 65535)(s.slice(i + 1));
  return { host, port };
}

function pathOrNull(v: string): string | null {
  const f = v.trim();
  return f === '' ? null : f;
}

function fsync(v: string): FsyncPolicy {
  const s = v.trim();
  if (s === 'always' || s === 'never') return s;
  if (!/^\d+$/.test(s) || Number(s) < 1)
    throw new Error(`expected always, never or a number of ms (1 or more), got '${v}'`);
  return Number(s);
}

function authorizerName(v: string): 'standard' | null {
  const s = v.trim();
  if (s === '') return null;
  if (STANDARD_AUTHORIZER_NAMES.includes(s)) return 'standard';
  throw new Error(`expected standard (or ${STANDARD_AUTHORIZER_NAMES[1]}), got '${v}'`);
}

function level(v: string): LogLevel {
  const s = v.trim();
  if (s === 'error' || s === 'warn' || s === 'info' || s === 'debug') return s;
  throw new Error(`expected error, warn, info or debug, got '${v}'`);
}

const OPTIONS: Option[] = [
  {
    key: 'nodeId',
    flag: '--node-id',
    property: 'node.id',
    arg: 'N',
    help: 'broker id',
    parse: int(0, 2 ** 31 - 1),
  },
  {
    key: 'listeners',
    flag: '--listeners',
    aliases: ['--listen'],
    property: 'listeners',
    arg: 'NAME://HOST:PORT,...',
    help: 'where to accept connections, one server per listener; `--listen HOST:PORT` is one PLAINTEXT listener; port 0 picks a free port (the broker prints `listening on HOST:PORT` for the first)',
    parse: parseListeners,
    defaultText: 'PLAINTEXT://127.0.0.1:9092',
  },
  {
    key: 'listenerSecurityProtocolMap',
    flag: '--listener-security-protocol-map',
    property: 'listener.security.protocol.map',
    arg: 'NAME:PROTOCOL,...',
    help: 'security protocol of each listener name: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL',
    parse: parseProtocolMap,
    defaultText: 'each protocol name to itself',
  },
  {
    key: 'advertisedListeners',
    flag: '--advertised-listeners',
    aliases: ['--advertised'],
    property: 'advertised.listeners',
    arg: 'NAME://HOST:PORT,...',
    help: 'addresses given in metadata to clients of each listener (`--advertised HOST:PORT` with one listener)',
    parse: parseAdvertisedListeners,
    defaultText: 'the bound listeners',
  },
  {
    key: 'interBrokerListenerName',
    flag: '--inter-broker-listener-name',
    property: 'inter.broker.listener.name',
    arg: 'NAME',
    help: 'listener brokers use to reach each other (replication, the metadata quorum, the controller); --peers name theirs',
    parse: (v) => {
      const n = v.trim().toUpperCase();
      if (!/^[A-Z0-9_]+$/.test(n)) throw new Error(`expected a listener name, got '${v}'`);
      return n;
    },
    defaultText: 'PLAINTEXT, or the only listener',
  },
  {
    key: 'sslCertificateLocation',
    flag: '--ssl-cert',
    property: 'ssl.certificate.location',
    arg: 'FILE',
    help: "PEM certificate chain of SSL and SASL_SSL listeners, also shown to other brokers (Kafka's ssl.keystore.location with ssl.keystore.type=PEM is read too)",
    parse: pathOrNull,
    defaultText: 'none',
  },
  {
    key: 'sslKeyLocation',
    flag: '--ssl-key',
    property: 'ssl.key.location',
    arg: 'FILE',
    help: 'PEM private key of that certificate',
    parse: pathOrNull,
    defaultText: 'the certificate file',
  },
  {
    key: 'sslKeyPassword',
    flag: '--ssl-key-password',
    property: 'ssl.key.password',
    arg: 'PASSWORD',
    help: 'passphrase of an encrypted private key',
    parse: (v) => (v === '' ? null : v),
    defaultText: 'none',
  },
  {
    key: 'sslCaLocation',
    flag: '--ssl-ca',
    property: 'ssl.ca.location',
    arg: 'FILE',
    help: "PEM CA certificates that client certificates and other brokers' certificates must chain to (Kafka's ssl.truststore.location with ssl.truststore.type=PEM is read too)",
    parse: pathOrNull,
    defaultText: "Node's bundled CAs",
  },
  {
    key: 'sslClientAuth',
    flag: '--ssl-client-auth',
    property: 'ssl.client.auth',
    arg: 'required|requested|none',
    help: "client certificates on SSL listeners: required (mTLS), requested (checked when given) or none; the principal comes from the certificate's subject",
    parse: parseClientAuth,
  },
  {
    key: 'sslEnabledProtocols',
    flag: '--ssl-enabled-protocols',
    property: 'ssl.enabled.protocols',
    arg: 'TLSv1.2,TLSv1.3',
    help: 'TLS versions accepted and used',
    parse: parseEnabledProtocols,
    defaultText: 'TLSv1.2,TLSv1.3',
  },
  {
    key: 'sslPrincipalMappingRules',
    flag: '--ssl-principal-mapping-rules',
    property: 'ssl.principal.mapping.rules',
    arg: 'RULES',
    help: "Kafka's rules from a certificate's subject (RFC 2253) to a principal name: RULE:pattern/replacement/[LU], ..., DEFAULT",
    parse: (v) => {
      parsePrincipalMappingRules(v);
      return v.trim();
    },
  },
  {
    key: 'sslEndpointIdentificationAlgorithm',
    flag: '--ssl-endpoint-identification-algorithm',
    property: 'ssl.endpoint.identification.algorithm',
    arg: 'https|""',
    help: "https: a broker checks other brokers' certificates against their host names; empty: it does not",
    parse: (v) => {
      const s = v.trim().toLowerCase();
      if (s !== 'https' && s !== '') throw new Error(`expected https or an empty value, got '${v}'`);
      return s;
    },
  },
  {
    key: 'sslHandshakeTimeoutMs',
    flag: '--ssl-handshake-timeout-ms',
    property: 'ssl.handshake.timeout.ms',
    arg: 'MS',
    help: 'a connection to an SSL listener that has not finished its TLS handshake this long after it was accepted is closed',
    parse: int(1, 600_000),
  },
  {
    key: 'sslReloadIntervalMs',
    flag: '--ssl-reload-interval-ms',
    property: 'ssl.reload.interval.ms',
    arg: 'MS',
    help: 'how often the key, certificate and CA files are checked; changed ones are loaded for new connections (0: never)',
    parse: int(0, 86_400_000),
  },
  {
    key: 'peers',
    flag: '--peers',
    property: 'peers',
    arg: 'HOST:PORT,...',
    help: 'other brokers (their client listeners) to form or join a cluster with; any one live peer is enough to join',
    parse: (v) => (v.trim() === '' ? [] : v.split(',').map(parseHostPort)),
    defaultText: 'none: a single broker',
  },
  {
    key: 'bootstrapExpect',
    flag: '--bootstrap-expect',
    property: 'bootstrap.expect',
    arg: 'N',
    help: 'brokers that must see each other before a new cluster forms its metadata quorum (the lowest 5 node ids vote); ignored once formed',
    parse: int(1, 1000),
    defaultText: '1 + the number of --peers',
  },
  {
    key: 'gossipListen',
    flag: '--gossip-listen',
    property: 'gossip.listener',
    arg: 'HOST:PORT',
    help: 'UDP (and TCP full-state sync) address for membership gossip',
    parse: parseHostPort,
    defaultText: 'the listen host and port number',
  },
  {
    key: 'gossipSecretKeyFile',
    flag: '--gossip-secret-key-file',
    property: 'gossip.secret.key.file',
    arg: 'FILE',
    help: 'encrypt and authenticate gossip (AES-256-GCM): base64 32-byte keys, one a line, the first seals, all open (rotation); packets no key opens are dropped',
    parse: (v) => v,
    defaultText: 'none (gossip in the clear)',
  },
  {
    key: 'gossipSecretKeyReloadIntervalMs',
    flag: '--gossip-secret-key-reload-interval-ms',
    property: 'gossip.secret.key.reload.interval.ms',
    arg: 'MS',
    help: 'how often the gossip key file is checked for changes (a key rotation step is an edit of the file; 0: read once)',
    parse: int(0),
  },
  {
    key: 'rack',
    flag: '--rack',
    property: 'broker.rack',
    arg: 'NAME',
    help: 'rack (or zone) of this broker, for rack-aware replica placement',
    parse: (v) => {
      const r = v.trim();
      if (r === '' || r.length > 255) throw new Error('expected 1-255 characters');
      return r;
    },
    defaultText: 'none',
  },
  {
    key: 'bootIdFile',
    flag: '--boot-id-file',
    property: 'boot.id.file',
    arg: 'PATH',
    help:
      'file that changes when the machine restarts; a crash in the same boot keeps the broker in its ISRs ' +
      "('none': every unclean stop counts as a possible power loss)",
    parse: (v) => {
      const f = v.trim();
      if (f === '') throw new Error('expected a path or none');
      return f === 'none' ? null : f;
    },
    defaultText: DEFAULT_BOOT_ID_FILE,
  },
  {
    key: 'brokerSessionTimeoutMs',
    flag: '--broker-session-timeout-ms',
    property: 'broker.session.timeout.ms',
    arg: 'MS',
    help: 'cluster: a broker whose heartbeats stop this long is fenced (its partitions lose their leader)',
    parse: int(100, 3_600_000),
  },
  {
    key: 'brokerHeartbeatIntervalMs',
    flag: '--broker-heartbeat-interval-ms',
    property: 'broker.heartbeat.interval.ms',
    arg: 'MS',
    help: 'cluster: how often a broker heartbeats to the active controller (below the session timeout)',
    parse: int(10, 600_000),
  },
  {
    key: 'quorumElectionTimeoutMs',
    flag: '--quorum-election-timeout-ms',
    property: 'controller.quorum.election.timeout.ms',
    arg: 'MS',
    help: 'cluster: a metadata voter with no leader waits this (plus jitter) before standing',
    parse: int(10, 600_000),
  },
  {
    key: 'quorumFetchTimeoutMs',
    flag: '--quorum-fetch-timeout-ms',
    property: 'controller.quorum.fetch.timeout.ms',
    arg: 'MS',
    help: 'cluster: a metadata voter that hears nothing from its leader this long stands for election',
    parse: int(100, 600_000),
  },
  {
    key: 'metadataSnapshotBytes',
    flag: '--metadata-snapshot-bytes',
    property: 'metadata.log.max.record.bytes.between.snapshots',
    arg: 'BYTES',
    help: 'metadata record bytes committed between two snapshots of the metadata image, after which the metadata log below the snapshot is deleted (0: never)',
    parse: int(0, 0x7fffffff),
  },
  {
    key: 'defaultReplicationFactor',
    flag: '--default-replication-factor',
    property: 'default.replication.factor',
    arg: 'N',
    help: 'cluster: replicas of a topic created without a replication factor (auto-created ones too)',
    parse: int(1, 1000),
    defaultText: 'min(3, live brokers); 1 alone',
  },
  {
    key: 'offsetsTopicReplicationFactor',
    flag: '--offsets-topic-replication-factor',
    property: 'offsets.topic.replication.factor',
    arg: 'N',
    help: 'cluster: replicas of each __consumer_offsets partition (fewer when fewer brokers are live at its creation)',
    parse: int(1, 1000),
  },
  {
    key: 'autoLeaderRebalanceEnable',
    flag: '--auto-leader-rebalance-enable',
    property: 'auto.leader.rebalance.enable',
    arg: 'true|false',
    help: "cluster: the controller moves leadership back to each partition's preferred (first) replica once it is live and in the ISR",
    parse: bool,
  },
  {
    key: 'leaderImbalanceCheckIntervalSeconds',
    flag: '--leader-imbalance-check-interval-seconds',
    property: 'leader.imbalance.check.interval.seconds',
    arg: 'S',
    help: 'cluster: how often the controller looks for leaders to move back to preferred replicas',
    parse: int(1, 86_400),
  },
  {
    key: 'uncleanRecoveryManagerEnabled',
    flag: '--unclean-recovery-manager-enabled',
    property: 'unclean.recovery.manager.enabled',
    arg: 'true|false',
    help: 'cluster: with no ISR or ELR member left, the controller asks the replicas for their logs and elects the longest (KIP-966); false: the last known ELR member back first leads',
    parse: bool,
  },
  {
    key: 'uncleanRecoveryStrategy',
    flag: '--unclean-recovery-strategy',
    property: 'unclean.recovery.strategy',
    arg: 'None|Balanced|Aggressive',
    help: 'cluster: when unclean recovery elects: Balanced once the whole last known ELR answered, Aggressive at the first answer, None never (runnel cluster elect --unclean)',
    parse: (v) => {
      const s = ['None', 'Balanced', 'Aggressive'].find((x) => x.toLowerCase() === v.trim().toLowerCase());
      if (s === undefined) throw new Error(`expected None, Balanced or Aggressive, got '${v}'`);
      return s;
    },
  },
  {
    key: 'uncleanRecoveryTimeoutMs',
    flag: '--unclean-recovery-timeout-ms',
    property: 'unclean.recovery.timeout.ms',
    arg: 'MS',
    help: 'cluster: how long Balanced unclean recovery waits for live replicas beyond the last known ELR to answer',
    parse: int(0, 3_600_000),
  },
  {
    key: 'offsetsCommitTimeoutMs',
    flag: '--offsets-commit-timeout-ms',
    property: 'offsets.commit.timeout.ms',
    arg: 'MS',
    help: 'how long an offset commit (any group record) waits for the replicas of its __consumer_offsets partition',
    parse: int(1, 600_000),
  },
  {
    key: 'replicaLagTimeMaxMs',
    flag: '--replica-lag-time-max-ms',
    property: 'replica.lag.time.max.ms',
    arg: 'MS',
    help: 'cluster: a follower that has not caught up with its leader for this long leaves the ISR',
    parse: int(10, 3_600_000),
  },
  {
    key: 'replicaFetchWaitMaxMs',
    flag: '--replica-fetch-wait-max-ms',
    property: 'replica.fetch.wait.max.ms',
    arg: 'MS',
    help: 'cluster: how long a leader holds a follower fetch that found nothing new (below the lag time)',
    parse: int(0, 60_000),
  },
  {
    key: 'replicaFetchMaxBytes',
    flag: '--replica-fetch-max-bytes',
    property: 'replica.fetch.max.bytes',
    arg: 'BYTES',
    help: 'cluster: bytes a follower fetches per partition at once (a larger first batch still comes whole)',
    parse: int(1024, 0x7fffffff),
  },
  {
    key: 'replicaFetchResponseMaxBytes',
    flag: '--replica-fetch-response-max-bytes',
    property: 'replica.fetch.response.max.bytes',
    arg: 'BYTES',
    help: 'cluster: bytes a follower fetches per request over all its partitions on one leader',
    parse: int(1024, 0x7fffffff),
  },
  {
    key: 'replicaFetchBackoffMs',
    flag: '--replica-fetch-backoff-ms',
    property: 'replica.fetch.backoff.ms',
    arg: 'MS',
    help: 'cluster: how long a follower waits after a failed fetch before trying again',
    parse: int(0, 600_000),
  },
  {
    key: 'followerReplicationThrottledRate',
    flag: '--follower-replication-throttled-rate',
    property: 'follower.replication.throttled.rate',
    arg: 'BYTES',
    help: 'cluster: bytes per second this broker fetches for throttled replicas out of the ISR (those a reassignment adds, or listed in follower.replication.throttled.replicas) (0: no limit; a dynamic broker config overrides it)',
    parse: int(0, 0x7fffffff),
  },
  {
    key: 'leaderReplicationThrottledRate',
    flag: '--leader-replication-throttled-rate',
    property: 'leader.replication.throttled.rate',
    arg: 'BYTES',
    help: 'cluster: bytes per second this broker as leader sends to throttled followers out of the ISR (those a reassignment adds, or listed in leader.replication.throttled.replicas) (0: no limit; a dynamic broker config overrides it)',
    parse: int(0, 0x7fffffff),
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    property: 'log.dirs',
    arg: 'DIR',
    help: 'where logs live',
    parse: (v) => v,
  },
  {
    key: 'fsync',
    flag: '--fsync',
    property: 'log.flush.policy',
    arg: 'always|never|MS',
    help: 'fdatasync before acknowledging, never (page cache), or every MS milliseconds',
    parse: fsync,
  },
  {
    key: 'numPartitions',
    flag: '--num-partitions',
    property: 'num.partitions',
    arg: 'N',
    help: 'partitions of an auto-created topic',
    parse: int(1, 100_000),
  },
  {
    key: 'autoCreateTopics',
    flag: '--auto-create-topics',
    property: 'auto.create.topics.enable',
    arg: 'true|false',
    help: 'create unknown topics a Metadata request asks for (never on Produce)',
    parse: bool,
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    property: 'log.level',
    arg: 'error|warn|info|debug',
    help: 'log verbosity',
    parse: level,
  },
  {
    key: 'threads',
    flag: '--threads',
    property: 'num.io.threads',
    arg: 'N',
    help: 'worker threads owning partition logs; 0 keeps them on the main thread (faster on 2 cores: docs/PERFORMANCE.md)',
    parse: int(0, 64),
    defaultText: '0 on 2 cores or fewer, else min(cores - 1, 4)',
  },
  {
    key: 'socketRequestMaxBytes',
    flag: '--socket-request-max-bytes',
    property: 'socket.request.max.bytes',
    arg: 'BYTES',
    help: 'largest request frame; a larger one closes the connection',
    parse: int(1024, 2 ** 31 - 1),
  },
  {
    key: 'queuedMaxRequestBytes',
    flag: '--queued-max-request-bytes',
    property: 'queued.max.request.bytes',
    arg: 'BYTES',
    help: 'request bytes held in memory, all connections together; past it reading stops until requests are answered (at least socket.request.max.bytes)',
    parse: int(1024, Number.MAX_SAFE_INTEGER),
  },
  {
    key: 'messageMaxBytes',
    flag: '--message-max-bytes',
    property: 'message.max.bytes',
    arg: 'BYTES',
    help: 'largest record batch; larger ones get MESSAGE_TOO_LARGE',
    parse: int(128, 2 ** 31 - 1),
  },
  {
    key: 'messageMaxDecompressedBytes',
    flag: '--message-max-decompressed-bytes',
    property: 'message.max.decompressed.bytes',
    arg: 'BYTES',
    help: 'largest records section a compressed batch may inflate to; larger ones get CORRUPT_MESSAGE',
    parse: int(1, 2 ** 31 - 1),
  },
  {
    key: 'maxConnections',
    flag: '--max-connections',
    property: 'max.connections',
    arg: 'N',
    help: 'connections accepted at once; more are closed on accept',
    parse: int(1, 1_000_000),
  },
  {
    key: 'maxInFlightRequestsPerConnection',
    flag: '--max-in-flight',
    property: 'max.in.flight.requests.per.connection',
    arg: 'N',
    help: 'requests a connection may have in progress before the broker stops reading it',
    parse: int(1, 10_000),
  },
  {
    key: 'segmentBytes',
    flag: '--segment-bytes',
    property: 'log.segment.bytes',
    arg: 'BYTES',
    help: 'roll a segment at this size',
    parse: int(1024, 2 ** 31 - 1),
  },
  {
    key: 'segmentMs',
    flag: '--segment-ms',
    property: 'log.roll.ms',
    arg: 'MS',
    help: 'roll a segment after this age',
    parse: int(1),
  },
  {
    key: 'retentionMs',
    flag: '--retention-ms',
    property: 'log.retention.ms',
    arg: 'MS',
    help: 'delete segments older than this (-1: keep forever)',
    parse: int(-1),
  },
  {
    key: 'retentionBytes',
    flag: '--retention-bytes',
    property: 'log.retention.bytes',
    arg: 'BYTES',
    help: 'delete old segments past this partition size (-1: no limit)',
    parse: int(-1),
  },
  {
    key: 'retentionCheckIntervalMs',
    flag: '--retention-check-interval-ms',
    property: 'log.retention.check.interval.ms',
    arg: 'MS',
    help: 'how often retention runs',
    parse: int(1),
  },
  {
    key: 'logCleanerIntervalMs',
    flag: '--log-cleaner-interval-ms',
    property: 'log.cleaner.backoff.ms',
    arg: 'MS',
    help: 'how often the log cleaner looks for compacted partitions to clean',
    parse: int(1),
  },
  {
    key: 'scrubIntervalMs',
    flag: '--scrub-interval-ms',
    property: 'log.scrub.interval.ms',
    arg: 'MS',
    help: 'pause between background scrub passes that CRC-check every stored batch (0: no scrub)',
    parse: int(0),
  },
  {
    key: 'scrubBytesPerSecond',
    flag: '--scrub-bytes-per-sec',
    property: 'log.scrub.bytes.per.second',
    arg: 'BYTES',
    help: 'read rate of the background scrub, whole broker (0: no scrub)',
    parse: int(0),
  },
  {
    key: 'shutdownTimeoutMs',
    flag: '--shutdown-timeout-ms',
    property: 'shutdown.timeout.ms',
    arg: 'MS',
    help: 'longest wait for in-flight requests on SIGINT/SIGTERM',
    parse: int(0),
  },
  {
    key: 'groupInitialRebalanceDelayMs',
    flag: '--group-initial-rebalance-delay-ms',
    property: 'group.initial.rebalance.delay.ms',
    arg: 'MS',
    help: 'how long a new group waits for more members before its first rebalance',
    parse: int(0),
  },
  {
    key: 'groupMaxSize',
    flag: '--group-max-size',
    property: 'group.max.size',
    arg: 'N',
    help: 'members per consumer group; more get GROUP_MAX_SIZE_REACHED',
    parse: int(1, 1_000_000),
  },
  {
    key: 'offsetsTopicPartitions',
    flag: '--offsets-topic-partitions',
    property: 'offsets.topic.num.partitions',
    arg: 'N',
    help: 'partitions of __consumer_offsets (fixed once groups have committed)',
    parse: int(1, 1000),
  },
  {
    key: 'offsetsRetentionMinutes',
    flag: '--offsets-retention-minutes',
    property: 'offsets.retention.minutes',
    arg: 'MIN',
    help: 'committed offsets of an empty group expire after this long',
    parse: int(1),
  },
  {
    key: 'transactionStateLogNumPartitions',
    flag: '--transaction-state-log-num-partitions',
    property: 'transaction.state.log.num.partitions',
    arg: 'N',
    help: 'partitions of __transaction_state (fixed once transactional producers have used it)',
    parse: int(1, 1000),
  },
  {
    key: 'transactionStateLogReplicationFactor',
    flag: '--transaction-state-log-replication-factor',
    property: 'transaction.state.log.replication.factor',
    arg: 'N',
    help: 'cluster: replicas of each __transaction_state partition (fewer when fewer brokers are live at its creation)',
    parse: int(1, 1000),
  },
  {
    key: 'transactionStateLogMinIsr',
    flag: '--transaction-state-log-min-isr',
    property: 'transaction.state.log.min.isr',
    arg: 'N',
    help: 'cluster: min.insync.replicas of __transaction_state (at most its replication factor)',
    parse: int(1, 1000),
  },
  {
    key: 'transactionMaxTimeoutMs',
    flag: '--transaction-max-timeout-ms',
    property: 'transaction.max.timeout.ms',
    arg: 'MS',
    help: 'longest transaction timeout a producer may ask for; more gets INVALID_TRANSACTION_TIMEOUT',
    parse: int(1),
  },
  {
    key: 'transactionAbortTimedOutTransactionCleanupIntervalMs',
    flag: '--transaction-abort-timed-out-transaction-cleanup-interval-ms',
    property: 'transaction.abort.timed.out.transaction.cleanup.interval.ms',
    arg: 'MS',
    help: 'how often the transaction coordinator aborts transactions open longer than their timeout',
    parse: int(1),
  },
  {
    key: 'transactionalIdExpirationMs',
    flag: '--transactional-id-expiration-ms',
    property: 'transactional.id.expiration.ms',
    arg: 'MS',
    help: 'a transactional id with no transaction open and no update for this long is forgotten',
    parse: int(1),
  },
  {
    key: 'transactionMaxPendingMarkersPerBroker',
    flag: '--transaction-max-pending-markers-per-broker',
    property: 'transaction.max.pending.markers.per.broker',
    arg: 'N',
    help: 'transaction markers (one per transaction and partition) waiting for one broker (down, slow); a transaction end that would pass it gets CONCURRENT_TRANSACTIONS (retriable) until they are written or their partitions move',
    parse: int(1),
  },
  {
    key: 'metricsListen',
    flag: '--metrics-listen',
    property: 'metrics.listen',
    arg: 'HOST:PORT',
    help: 'serve Prometheus metrics at http://HOST:PORT/metrics (docs/METRICS.md); a port in use stops the start',
    parse: parseHostPort,
    defaultText: 'off',
  },
  {
    key: 'metricsMaxSeries',
    flag: '--metrics-max-series',
    property: 'metrics.max.series',
    arg: 'N',
    help: 'labelled series per metric in one scrape (consumer group lag per partition, per topic, per API); the rest are left out and counted in runnel_metrics_series_dropped',
    parse: int(1, 1_000_000),
  },
  {
    key: 'authorizer',
    flag: '--authorizer',
    property: 'authorizer.class.name',
    arg: 'standard',
    help: "ACL authorization (Kafka's StandardAuthorizer; its class name is accepted too); the brokers' own principal must be a super user",
    parse: authorizerName,
    defaultText: 'none: every request allowed',
  },
  {
    key: 'superUsers',
    flag: '--super-users',
    property: 'super.users',
    arg: 'User:A;User:B',
    help: 'principals allowed everything, separated by ;',
    parse: parseSuperUsers,
    defaultText: 'none',
  },
  {
    key: 'allowEveryoneIfNoAclFound',
    flag: '--allow-everyone-if-no-acl-found',
    property: 'allow.everyone.if.no.acl.found',
    arg: 'true|false',
    help: 'with the authorizer: a resource that no ACL names is open to everyone',
    parse: bool,
  },

  {
    key: 'saslEnabledMechanisms',
    flag: '--sasl-enabled-mechanisms',
    property: 'sasl.enabled.mechanisms',
    arg: 'LIST',
    help: `SASL mechanisms SASL listeners offer (${SASL_MECHANISMS.join(', ')}); listener.name.NAME.sasl.enabled.mechanisms overrides it per listener`,
    parse: mechanisms,
  },
  {
    key: 'saslPlainUsersFile',
    flag: '--sasl-plain-users-file',
    property: 'sasl.plain.users.file',
    arg: 'FILE',
    help: 'PLAIN users, JAAS-style: user_NAME="password" entries (a JAAS PlainLoginModule line works as is); re-read when it changes',
    parse: (v) => v,
    defaultText: 'none',
  },
  {
    key: 'saslPlainUsersReloadIntervalMs',
    flag: '--sasl-plain-users-reload-interval-ms',
    property: 'sasl.plain.users.reload.interval.ms',
    arg: 'MS',
    help: 'how often the PLAIN users file is checked for changes (new logins use the new users; 0: read once)',
    parse: int(0),
  },
  {
    key: 'saslServerMaxReceiveSize',
    flag: '--sasl-server-max-receive-size',
    property: 'sasl.server.max.receive.size',
    arg: 'BYTES',
    help: 'largest request a connection on a SASL listener may send before it has authenticated; larger closes it',
    parse: int(64, 100 * 1024 * 1024),
  },
  {
    key: 'saslServerAuthenticationTimeoutMs',
    flag: '--sasl-server-authentication-timeout-ms',
    property: 'sasl.server.authentication.timeout.ms',
    arg: 'MS',
    help: 'a connection on a SASL listener that has not authenticated this long after it opened is closed',
    parse: int(1),
  },
  {
    key: 'connectionFailedAuthenticationDelayMs',
    flag: '--connection-failed-authentication-delay-ms',
    property: 'connection.failed.authentication.delay.ms',
    arg: 'MS',
    help: 'a failed login is answered after this delay and the connection then closed (slows password guessing)',
    parse: int(0, 60_000),
  },
  {
    key: 'connectionsMaxReauthMs',
    flag: '--connections-max-reauth-ms',
    property: 'connections.max.reauth.ms',
    arg: 'MS',
    help: 'KIP-368: an authenticated session lasts this long; its connection must re-authenticate or is closed at its next request (0: no limit)',
    parse: int(0),
  },
  {
    key: 'saslOauthbearerJwksEndpointUrl',
    flag: '--sasl-oauthbearer-jwks-endpoint-url',
    property: 'sasl.oauthbearer.jwks.endpoint.url',
    arg: 'FILE',
    help: 'OAUTHBEARER: verify JWTs (RS256, ES256) against the keys of this JWKS file (a path or file: URL)',
    parse: (v) => v,
    defaultText: 'none',
  },
  {
    key: 'saslOauthbearerUnsecuredEnable',
    flag: '--sasl-oauthbearer-unsecured-enable',
    property: 'sasl.oauthbearer.unsecured.enable',
    arg: 'BOOL',
    help: 'OAUTHBEARER: accept unsigned (alg none) tokens; for development only',
    parse: bool,
  },
  {
    key: 'saslOauthbearerExpectedAudience',
    flag: '--sasl-oauthbearer-expected-audience',
    property: 'sasl.oauthbearer.expected.audience',
    arg: 'LIST',
    help: "OAUTHBEARER: a token's aud must name one of these",
    parse: list,
    defaultText: 'not checked',
  },
  {
    key: 'saslOauthbearerExpectedIssuer',
    flag: '--sasl-oauthbearer-expected-issuer',
    property: 'sasl.oauthbearer.expected.issuer',
    arg: 'ISS',
    help: "OAUTHBEARER: a token's iss must be this",
    parse: (v) => v,
    defaultText: 'not checked',
  },
  {
    key: 'saslOauthbearerSubClaimName',
    flag: '--sasl-oauthbearer-sub-claim-name',
    property: 'sasl.oauthbearer.sub.claim.name',
    arg: 'NAME',
    help: 'OAUTHBEARER: the claim the principal name is taken from',
    parse: (v) => v,
  },
  {
    key: 'saslOauthbearerClockSkewSeconds',
    flag: '--sasl-oauthbearer-clock-skew-seconds',
    property: 'sasl.oauthbearer.clock.skew.seconds',
    arg: 'S',
    help: 'OAUTHBEARER: leeway for exp and nbf',
    parse: int(0, 3600),
  },
  {
    key: 'saslMechanismInterBrokerProtocol',
    flag: '--sasl-mechanism-inter-broker-protocol',
    property: 'sasl.mechanism.inter.broker.protocol',
    arg: 'MECH',
    help: "how brokers log in to each other's SASL listener: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, as username/password of sasl.plain.users.file",
    parse: (v) => {
      const m = mechanisms(v);
      if (m.length !== 1 || m[0] === 'OAUTHBEARER')
        throw new Error(`expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got '${v}'`);
      return m[0];
    },
  },
  {
    key: 'addScram',
    flag: '--add-scram',
    property: 'add.scram',
    arg: 'MECHANISM=[name=N,password=P]',
    repeatable: true,
    help: "KIP-900's format-time SCRAM user (kafka-storage format --add-scram), e.g. 'SCRAM-SHA-512=[name=admin,password=secret]' (iterations=N optional, 4096): written into a new cluster's metadata log only; repeat for more users",
    parse: (v) => [parseAddScram(v)],
    defaultText: 'none',
  },
];

function list(v: string): string[] {
  return v
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

function mechanisms(v: string): string[] {
  const out = list(v).map((m) => m.toUpperCase());
  for (const m of out) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(m))
      throw new Error(`unknown SASL mechanism ${m} (known: ${SASL_MECHANISMS.join(', ')})`);
  }
  return out;
}

/**
 * Worker threads by default: none on two cores or fewer, where bench/broker.ts measured the pool 1.3-2.4x
 * slower for small batches (the worker competes with the main thread for the same cores); otherwise one per
 * core beyond the main thread's, at most four.
 */
export function defaultThreads(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : Math.min(cores - 1, 4);
}

/** Every property name a broker takes at startup (the names DescribeConfigs and AlterConfigs know). */
export function staticPropertyNames(): string[] {
  return OPTIONS.map((o) => o.property);
}

export function defaultConfig(): BrokerConfig {
  return {
    nodeId: 1,
    listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }],
    advertisedListeners: [],
    listenerSecurityProtocolMap: { ...DEFAULT_PROTOCOL_MAP },
    interBrokerListenerName: null,
    sslKeyLocation: null,
    sslCertificateLocation: null,
    sslCaLocation: null,
    sslKeyPassword: null,
    sslClientAuth: DEFAULT_SSL_CONFIG.clientAuth,
    sslEnabledProtocols: [...DEFAULT_SSL_CONFIG.enabledProtocols],
    sslPrincipalMappingRules: DEFAULT_SSL_CONFIG.principalMappingRules,
    sslEndpointIdentificationAlgorithm: DEFAULT_SSL_CONFIG.endpointIdentificationAlgorithm,
    sslHandshakeTimeoutMs: DEFAULT_SSL_CONFIG.handshakeTimeoutMs,
    sslReloadIntervalMs: DEFAULT_SSL_CONFIG.reloadIntervalMs,
    peers: [],
    bootstrapExpect: null,
    gossipListen: null,
    gossipSecretKeyFile: null,
    gossipSecretKeyReloadIntervalMs: 30_000,
    rack: null,
    bootIdFile: DEFAULT_BOOT_ID_FILE,
    brokerSessionTimeoutMs: DEFAULT_BROKER_SESSION_TIMEOUT_MS,
    brokerHeartbeatIntervalMs: DEFAULT_BROKER_LIFECYCLE_TIMINGS.heartbeatIntervalMs,
    quorumElectionTimeoutMs: DEFAULT_RAFT_CONFIG.electionTimeoutMs,
    quorumFetchTimeoutMs: DEFAULT_RAFT_CONFIG.fetchTimeoutMs,
    metadataSnapshotBytes: 20 * 1024 * 1024,
    defaultReplicationFactor: null,
    offsetsTopicReplicationFactor: 3,
    autoLeaderRebalanceEnable: true,
    leaderImbalanceCheckIntervalSeconds: 300,
    uncleanRecoveryManagerEnabled: true,
    uncleanRecoveryStrategy: 'Balanced',
    uncleanRecoveryTimeoutMs: 30_000,
    offsetsCommitTimeoutMs: 5000,
    replicaLagTimeMaxMs: 30_000,
    replicaFetchWaitMaxMs: DEFAULT_REPLICA_FETCH_CONFIG.waitMaxMs,
    replicaFetchMaxBytes: DEFAULT_REPLICA_FETCH_CONFIG.partitionMaxBytes,
    replicaFetchResponseMaxBytes: DEFAULT_REPLICA_FETCH_CONFIG.responseMaxBytes,
    replicaFetchBackoffMs: DEFAULT_REPLICA_FETCH_CONFIG.backoffMs,
    followerReplicationThrottledRate: 0,
    leaderReplicationThrottledRate: 0,
    dataDir: './data',
    fsync: DEFAULT_LOG_CONFIG.flush,
    numPartitions: 1,
    autoCreateTopics: true,
    logLevel: 'info',
    threads: defaultThreads(),
    socketRequestMaxBytes: 100 * 1024 * 1024,
    queuedMaxRequestBytes: 256 * 1024 * 1024,
    messageMaxBytes: DEFAULT_LOG_CONFIG.maxMessageBytes,
    messageMaxDecompressedBytes: 64 * 1024 * 1024,
    maxConnections: 10_000,
    maxInFlightRequestsPerConnection: 100,
    segmentBytes: DEFAULT_LOG_CONFIG.segmentBytes,
    segmentMs: DEFAULT_LOG_CONFIG.segmentMs,
    retentionMs: DEFAULT_LOG_CONFIG.retentionMs,
    retentionBytes: DEFAULT_LOG_CONFIG.retentionBytes,
    retentionCheckIntervalMs: 5 * 60 * 1000,
    logCleanerIntervalMs: 15_000,
    scrubIntervalMs: 24 * 3600 * 1000,
    scrubBytesPerSecond: 16 * 1024 * 1024,
    shutdownTimeoutMs: 4000,
    groupInitialRebalanceDelayMs: DEFAULT_GROUP_CONFIG.initialRebalanceDelayMs,
    groupMaxSize: DEFAULT_GROUP_CONFIG.maxGroupSize,
    offsetsTopicPartitions: DEFAULT_GROUP_CONFIG.offsetsTopicPartitions,
    offsetsRetentionMinutes: DEFAULT_GROUP_CONFIG.offsetsRetentionMs / 60_000,
    transactionStateLogNumPartitions: 50,
    transactionStateLogReplicationFactor: 3,
    transactionStateLogMinIsr: 2,
    transactionMaxTimeoutMs: 900_000,
    transactionAbortTimedOutTransactionCleanupIntervalMs: 10_000,
    transactionalIdExpirationMs: 7 * 24 * 3600 * 1000,
    transactionMaxPendingMarkersPerBroker: 100_000,
    metricsListen: null,
    metricsMaxSeries: 2000,
    authorizer: null,
    superUsers: [],
    allowEveryoneIfNoAclFound: false,
    saslEnabledMechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'],
    listenerSaslEnabledMechanisms: {},
    listenerSsl: {},
    saslPlainUsersFile: null,
    saslPlainUsersReloadIntervalMs: 30_000,
    saslServerMaxReceiveSize: 524_288,
    saslServerAuthenticationTimeoutMs: 10_000,
    connectionFailedAuthenticationDelayMs: 100,
    connectionsMaxReauthMs: 0,
    saslOauthbearerJwksEndpointUrl: null,
    saslOauthbearerUnsecuredEnable: false,
    saslOauthbearerExpectedAudience: [],
    saslOauthbearerExpectedIssuer: null,
    saslOauthbearerSubClaimName: 'sub',
    saslOauthbearerClockSkewSeconds: 30,
    saslMechanismInterBrokerProtocol: 'PLAIN',
    addScram: [],
  };
}

/** Parses a Kafka-style properties file: key=value lines, '#' or '!' comments. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!m) throw new Error(`cannot parse properties line '${line}'`);
    out.set(m[1]!, m[2]!);
  }
  return out;
}

export class ConfigError extends Error {}

export type CliResult =
  /** warnings: things to log once the logger exists (Kafka settings that do not apply here). */
  | { kind: 'run'; config: BrokerConfig; warnings: string[] }
  | { kind: 'help'; text: string }
  | { kind: 'version' };

/** Builds the config from defaults, then --config FILE, then flags (flags win). */
export function parseArgs(argv: readonly string[]): CliResult {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  const byFlag = new Map(OPTIONS.flatMap((o) => [o.flag, ...(o.aliases ?? [])].map((f) => [f, o] as const)));
  const byProperty = new Map(OPTIONS.map((o) => [o.property, o]));
  const flags: [Option, string][] = [];
  let configFile: string | null = null;
  const warnings: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help', text: helpText() };
    if (arg === '--version' || arg === '-v') return { kind: 'version' };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const opt = byFlag.get(name);
    if (opt === undefined && name !== '--config') {
      throw new ConfigError(
        name.startsWith('-')
          ? `unknown flag ${name} (see --help)`
          : `unexpected argument '${arg}' (flags start with --)`,
      );
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ConfigError(`${name} needs a value (${opt?.arg ?? 'FILE'})`);
    if (opt === undefined) configFile = value;
    else flags.push([opt, value]);
  }

  const given = new Set<keyof BrokerConfig>();
  const apply = (opt: Option, value: string, source: string) => {
    try {
      const v = opt.parse(value);
      config[opt.key] =
        opt.repeatable === true && given.has(opt.key)
          ? [...(config[opt.key] as unknown[]), ...(v as unknown[])]
          : v;
    } catch (e) {
      throw new ConfigError(`${source}: ${(e as Error).message}`);
    }
    given.add(opt.key);
  };

  if (configFile !== null) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config file ${configFile}: ${(e as Error).message}`);
    }
    let kafka: ReturnType<typeof fromKafkaProperties>;
    try {
      kafka = fromKafkaProperties(parseProperties(text), new Set(byProperty.keys()));
    } catch (e) {
      throw new ConfigError(`${configFile}: ${(e as Error).message}`);
    }
    // These two are cluster-wide and live in the metadata, not in one broker's file.
    const clusterWide: string[] = kafka.ignored.filter(
      (k) => k === 'min.insync.replicas' || k === 'unclean.leader.election.enable',
    );
    const ignored = kafka.ignored.filter((k) => !clusterWide.includes(k));
    if (clusterWide.length > 0) {
      warnings.push(
        `${configFile}: ${clusterWide.join(', ')} ignored here: set the cluster default with AlterConfigs on the ` +
          "BROKER resource '' (kafka-configs --entity-type brokers --entity-default), or per topic",
      );
    }
    if (ignored.length > 0) {
      warnings.push(
        `${configFile}: Kafka settings without effect on a Runnel broker, ignored: ${ignored.join(', ')}`,
      );
    }
    for (const [key, value] of kafka.props) {
      let perListener: ListenerProperty | null;
      try {
        perListener = parseListenerProperty(key, value);
        if (perListener?.kind === 'sasl.enabled.mechanisms')
          (config.listenerSaslEnabledMechanisms as Record<string, string[]>)[perListener.listener] =
            mechanisms(perListener.value);
      } catch (e) {
        throw new ConfigError(`${configFile}: ${key}: ${(e as Error).message}`);
      }
      if (perListener !== null) {
        if (perListener.kind === 'ssl') {
          const all = config.listenerSsl as Record<string, ListenerSslOverrides>;
          all[perListener.listener] = { ...all[perListener.listener], [perListener.key]: perListener.value };
        }
        continue;
      }
      const opt = byProperty.get(key);
      if (!opt) throw new ConfigError(`${configFile}: unknown property ${key}`);
      apply(opt, value, `${configFile}: ${key}`);
    }
  }
  for (const [opt, value] of flags) apply(opt, value, opt.flag);
  const c = config as unknown as BrokerConfig;
  const queuedGiven = given.has('queuedMaxRequestBytes');
  // Unset, the budget grows with socket.request.max.bytes; set below it, it is an error.
  if (!queuedGiven) c.queuedMaxRequestBytes = Math.max(c.queuedMaxRequestBytes, c.socketRequestMaxBytes);
  if (c.queuedMaxRequestBytes < c.socketRequestMaxBytes) {
    throw new ConfigError(
      `queued.max.request.bytes ${c.queuedMaxRequestBytes} is below socket.request.max.bytes ${c.socketRequestMaxBytes}: a request of the largest allowed size could never be read`,
    );
  }
  const problem = listenerConfigProblem(c);
  if (problem !== null) throw new ConfigError(problem);
  return { kind: 'run', config: c, warnings };
}

/**
 * What is wrong with the listener and TLS settings taken together, or null: the checks a listener list
 * needs (resolveListeners), and a key and certificate wherever a listener speaks TLS.
 */
export function listenerConfigProblem(c: BrokerConfig): string | null {
  let listeners: ReturnType<typeof resolveListeners>['listeners'];
  try {
    listeners = resolveListeners(c).listeners;
  } catch (e) {
    return (e as Error).message;
  }
  for (const name of [...Object.keys(c.listenerSsl), ...Object.keys(c.listenerSaslEnabledMechanisms)]) {
    if (!listeners.some((l) => l.name === name))
      return `listener.name.${name.toLowerCase()}.*: ${name} is not a listener (listeners: ${listeners.map((l) => l.name).join(', ')})`;
  }
  for (const l of listeners) {
    if (l.securityProtocol !== 'SSL' && l.securityProtocol !== 'SASL_SSL') continue;
    if (effectiveSsl(c, c.listenerSsl[l.name]).certificateLocation === null)
      return `listener ${l.name} is ${l.securityProtocol}: it needs ssl.certificate.location (--ssl-cert, or listener.name.${l.name.toLowerCase()}.ssl.certificate.location) and its key`;
  }
  return null;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A default as shown to people: host:port, and long durations also in days or minutes. */
function defaultTextOf(o: Option, d: Record<string, unknown>): string {
  if (o.defaultText !== undefined) return o.defaultText;
  const v = d[o.key];
  if (typeof v === 'object' && v !== null && 'host' in v)
    return `${(v as HostPort).host}:${(v as HostPort).port}`;
  const ms =
    typeof v !== 'number' ? 0 : o.key.endsWith('Ms') ? v : o.key.endsWith('Minutes') ? v * MINUTE_MS : 0;
  if (ms >= DAY_MS && ms % DAY_MS === 0) return `${v} = ${ms / DAY_MS} days`;
  if (ms > MINUTE_MS && ms % MINUTE_MS === 0) return `${v} = ${ms / MINUTE_MS} min`;
  return String(v);
}

/** Markers around the generated flag table in README.md. */
export const FLAG_TABLE_BEGIN = '<!-- flag table: generated from src/config.ts by `npm run gen:readme` -->';
export const FLAG_TABLE_END = '<!-- end of flag table -->';

/**
 * The README's flag table (markdown), between FLAG_TABLE_BEGIN and FLAG_TABLE_END. Regenerate with `npm run gen:readme`;
 * test/config.test.ts fails while the README differs.
 */
export function flagTable(): string {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = ['| flag | property | default | meaning |', '| --- | --- | --- | --- |'];
  for (const o of OPTIONS) {
    const flags = [`\`${cell(`${o.flag} ${o.arg}`)}\``, ...(o.aliases ?? []).map((f) => `\`${f}\``)].join(
      ', ',
    );
    lines.push(`| ${flags} | \`${o.property}\` | ${cell(defaultTextOf(o, d))} | ${cell(o.help)} |`);
  }
  return lines.join('\n');
}

export function helpText(): string {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  const lines = [
    'Usage: node dist/node.js [flags]',
    '',
    'Starts a Runnel broker. Flags override --config FILE, a Kafka-style properties file whose keys are',
    'shown in brackets.',
    '',
    `  ${'--config FILE'.padEnd(42)} read settings from a properties file`,
  ];
  for (const o of OPTIONS) {
    lines.push(
      `  ${`${o.flag} ${o.arg}`.padEnd(42)} ${o.help} [${o.property}] (default ${defaultTextOf(o, d)})`,
    );
  }
  lines.push(`  ${'--version'.padEnd(42)} print the version`);
  lines.push(`  ${'--help'.padEnd(42)} this text`);
  return lines.join('\n');
}
