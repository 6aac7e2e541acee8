// What a per-API handler sees and provides. Handlers live in handlers/NN-name.ts (NN = api key) and are
// listed in handlers/index.ts; ApiVersions advertises exactly that list.
import type { BrokerCluster } from '../cluster/broker-cluster.js';
import type { ReplicaManager } from '../cluster/replica-manager.js';
import type { BrokerConfig, HostPort } from '../config.js';
import type { Logger } from '../logger.js';
import type { ApiCodec } from '../protocol/generated/api-keys.js';
import type { RequestHeader } from '../protocol/generated/request-header.js';
import type { PartitionStore } from '../storage/pool.js';
import type { FetchPurgatory } from './fetch-purgatory.js';
import type { GroupCoordinator } from './groups/coordinator.js';
import type { BrokerTopicMetrics } from './metrics/counters.js';
import type { ProducePurgatory } from './produce-purgatory.js';
import type { Authorizer } from './security/authorizer.js';
import type { SaslServer } from './security/sasl-server.js';
import type { Session } from './security/session.js';
import type { TransactionHooks } from './transactions/hooks.js';

export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly nodeId: number;
  readonly clusterId: string;
  /** The inter-broker listener's advertised address; known once the listener is bound (port 0 resolved). */
  readonly advertised: HostPort;
  /** This broker's advertised address on a listener, or undefined when it has no listener of that name. */
  advertisedOn(listenerName: string): HostPort | undefined;
  /** Topics and the partitions this node hosts: every topic or partition fact comes from here. */
  readonly replicas: ReplicaManager;
  /** The partition logs, for the work a handler does once the replica manager said where. */
  readonly store: PartitionStore;
  readonly purgatory: FetchPurgatory;
  /** acks=all produces waiting for the high watermark. */
  readonly acks: ProducePurgatory;
  readonly groups: GroupCoordinator;
  readonly log: Logger;
  readonly handlers: readonly ApiHandler[];
  /** The cluster this broker is part of (without --peers: a cluster of this broker alone, its own quorum). */
  readonly cluster: BrokerCluster;
  /** Produce and Fetch traffic counters; null when metrics are off. */
  readonly topicMetrics: BrokerTopicMetrics | null;
  /** The transaction coordinator's verifier and the listeners told about appended markers. */
  readonly transactions: TransactionHooks;
  /** ACL decisions (security/authorizer.ts); null when no authorizer is configured: everything allowed. */
  readonly authorizer: Authorizer | null;
  /** SASL authentication of connections on SASL_PLAINTEXT and SASL_SSL listeners. */
  readonly sasl: SaslServer;
}

/**
 * Per-request timing, when metrics are on (else null): a handler adds the time it waits on other
 * brokers or on new data (the acks=all and fetch purgatories), Kafka's RemoteTimeMs.
 */
export interface RequestTiming {
  remoteMs: number;
}

export interface ApiHandler<Req = unknown, Res = unknown> {
  readonly codec: ApiCodec<Req, Res>;
  readonly minVersion: number;
  readonly maxVersion: number;
  /**
   * The response body, or null for no response at all (Produce with acks=0). Throwing closes the connection.
   * `session` is the connection's: its principal and listener (authorization reads them).
   */
  handle(
    ctx: BrokerContext,
    req: Req,
    version: number,
    header: RequestHeader,
    timing: RequestTiming | null,
    session: Session,
  ): Res | null | Promise<Res | null>;
}

/** Time since `startMs` (performance.now()) added to the request's remote time, if it is timed. */
export function addRemoteTime(timing: RequestTiming | null, startMs: number): void {
  if (timing !== null) timing.remoteMs += performance.now() - startMs;
}

/** One-line registration: the codec of the api key and the version range served. */
export function defineHandler<Req, Res>(
  codec: ApiCodec<Req, Res>,
  minVersion: number,
  maxVersion: number,
  handle: (
    ctx: BrokerContext,
    req: Req,
    version: number,
    header: RequestHeader,
    timing: RequestTiming | null,
    session: Session,
  ) => Res | null | Promise<Res | null>,
): ApiHandler<Req, Res> {
  if (minVersion < codec.minVersion || maxVersion > codec.maxVersion || minVersion > maxVersion) {
    throw new Error(
      `${codec.name}: versions ${minVersion}-${maxVersion} outside ${codec.minVersion}-${codec.maxVersion}`,
    );
  }
  return { codec, minVersion, maxVersion, handle };
}
