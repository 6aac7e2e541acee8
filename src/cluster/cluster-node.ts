// One broker's part in a cluster, composed from the cluster layer's state machines on real sockets:
//
//   gossip (SWIM, UDP + TCP sync)  ->  bootstrap (voters and cluster id, once N brokers see each other)
//   -> metadata quorum (Raft over Kafka's Vote/BeginQuorumEpoch/EndQuorumEpoch/Fetch, log in
//      __cluster_metadata-0)  ->  the active controller on the quorum's leader (QuorumController)
//   -> committed records applied to a MetadataImage  ->  published to the broker once caught up
//   -> the broker's lifecycle (registration, heartbeats, fencing) with the active controller.
//
// The broker asks it everything a cluster decides (BrokerCluster): admin requests go to the active controller
// (through a ControllerChannel when it is another node) and are answered once the change is visible here;
// producer ids come in controller blocks; the inter-broker RPCs arriving on the broker's listener are answered
// by the quorum and the controller. Nothing here blocks the broker's start: joining goes on in the
// background and `joined` resolves when this broker is registered and unfenced.

import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { SaslOptions } from '../client/sasl.js';
import type { Clock, Timer } from '../clock.js';
import type { BrokerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { ErrorCode, errorName, KafkaError } from '../protocol/errors.js';
import type { AddRaftVoterRequest, AddRaftVoterResponse } from '../protocol/generated/add-raft-voter.js';
import type {
  AllocateProducerIdsRequest,
  AllocateProducerIdsResponse,
} from '../protocol/generated/allocate-producer-ids.js';
import {
  type AlterConfigsRequest,
  type AlterConfigsResponse,
  createAlterConfigsResponse,
  createAlterConfigsResponseAlterConfigsResourceResponse,
} from '../protocol/generated/alter-configs.js';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../protocol/generated/alter-partition.js';
import type {
  AlterPartitionReassignmentsRequest,
  AlterPartitionReassignmentsResponse,
} from '../protocol/generated/alter-partition-reassignments.js';
import type {
  AlterUserScramCredentialsRequest,
  AlterUserScramCredentialsResponse,
} from '../protocol/generated/alter-user-scram-credentials.js';
import {
  AddRaftVoterApi,
  AllocateProducerIdsApi,
  AlterConfigsApi,
  AlterPartitionApi,
  AlterPartitionReassignmentsApi,
  AlterUserScramCredentialsApi,
  type ApiCodec,
  BrokerRegistrationApi,
  CreateAclsApi,
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteAclsApi,
  DeleteTopicsApi,
  DescribeQuorumApi,
  ElectLeadersApi,
  IncrementalAlterConfigsApi,
  ListPartitionReassignmentsApi,
  RemoveRaftVoterApi,
  UnregisterBrokerApi,
} from '../protocol/generated/api-keys.js';
import {
  type BeginQuorumEpochRequest,
  type BeginQuorumEpochResponse,
  createBeginQuorumEpochResponse,
} from '../protocol/generated/begin-quorum-epoch.js';
import {
  type BrokerHeartbeatRequest,
  type BrokerHeartbeatResponse,
  createBrokerHeartbeatResponse,
} from '../protocol/generated/broker-heartbeat.js';
import {
  type BrokerRegistrationRequest,
  type BrokerRegistrationResponse,
  createBrokerRegistrationResponse,
} from '../protocol/generated/broker-registration.js';
import type { CreateAclsRequest, CreateAclsResponse } from '../protocol/generated/create-acls.js';
import {
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
  createCreatePartitionsResponse,
  createCreatePartitionsResponseCreatePartitionsTopicResult,
} from '../protocol/generated/create-partitions.js';
import {
  type CreateTopicsRequest,
  type CreateTopicsResponse,
  createCreateTopicsRequest,
  createCreateTopicsRequestCreatableTopic,
  createCreateTopicsRequestCreatableTopicConfig,
  createCreateTopicsResponse,
  createCreateTopicsResponseCreatableTopicResult,
} from '../protocol/generated/create-topics.js';
import type { DeleteAclsRequest, DeleteAclsResponse } from '../protocol/generated/delete-acls.js';
import {
  createDeleteTopicsResponse,
  createDeleteTopicsResponseDeletableTopicResult,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
} from '../protocol/generated/delete-topics.js';
import {
  createDescribeQuorumResponse,
  type DescribeQuorumRequest,
  type DescribeQuorumResponse,
} from '../protocol/generated/describe-quorum.js';
import type { ElectLeadersRequest, ElectLeadersResponse } from '../protocol/generated/elect-leaders.js';
import {
  createEndQuorumEpochResponse,
  type EndQuorumEpochRequest,
  type EndQuorumEpochResponse,
} from '../protocol/generated/end-quorum-epoch.js';
import { createFetchResponse, type FetchRequest, type FetchResponse } from '../protocol/generated/fetch.js';
import {
  createFetchSnapshotResponse,
  type FetchSnapshotRequest,
  type FetchSnapshotResponse,
} from '../protocol/generated/fetch-snapshot.js';
import {
  createIncrementalAlterConfigsResponse,
  createIncrementalAlterConfigsResponseAlterConfigsResourceResponse,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse,
} from '../protocol/generated/incremental-alter-configs.js';
import type {
  ListPartitionReassignmentsRequest,
  ListPartitionReassignmentsResponse,
} from '../protocol/generated/list-partition-reassignments.js';
import type {
  RemoveRaftVoterRequest,
  RemoveRaftVoterResponse,
} from '../protocol/generated/remove-raft-voter.js';
import type {
  UnregisterBrokerRequest,
  UnregisterBrokerResponse,
} from '../protocol/generated/unregister-broker.js';
import { createVoteResponse, type VoteResponse } from '../protocol/generated/vote.js';
import { randomUuid } from '../protocol/uuid.js';
import type { Random } from '../random.js';
import { writeFileDurably } from '../storage/checkpoint-file.js';
import {
  ALTER_PARTITION_REQUEST_VERSION,
  type AlterPartitionAnswer,
  type AlterPartitionAsk,
  AlterPartitionClient,
} from './alter-partition-client.js';
import { type BootstrapDecision, ClusterBootstrap, decideAlone } from './bootstrap.js';
import { BOOTSTRAP_FILE, FileBootstrapStore } from './bootstrap-store.js';
import type { BrokerCluster } from './broker-cluster.js';
import { resolveMembershipConfig } from './membership/config.js';
import { GossipKeyFile, SEAL_OVERHEAD, SealedTransport } from './membership/keyring.js';
import { Membership } from './membership/membership.js';
import { formatAddress, SocketTransport } from './membership/socket-transport.js';
import { bootstrapScramRecords } from './metadata/bootstrap-scram.js';
import { BrokerLifecycle } from './metadata/broker-lifecycle.js';
import { AUTO_REPLICATION_FACTOR } from './metadata/controller.js';
import {
  ControllerChannel,
  type ControllerSender,
  DEFAULT_CONTROLLER_CHANNEL_OPTIONS,
  type SendOptions,
} from './metadata/controller-channel.js';
import { type ControllerRpc, controllerRpcs } from './metadata/controller-rpc.js';
import { ElectionType, isLive } from './metadata/elections.js';
import { type BrokerEndpoint, ConfigResourceType, MetadataImage } from './metadata/image.js';
import { MetadataPublisher } from './metadata/publisher.js';
import { QuorumController } from './metadata/quorum-controller.js';
import { encodeMetadataRecord, type MetadataRecord } from './metadata/records.js';
import { DEFAULT_UNCLEAN_RECOVERY, type UncleanRecoveryConfig } from './metadata/unclean-recovery.js';
import { ProducerIdBlocks } from './producer-id-blocks.js';
import { resolveRaftConfig } from './raft/config.js';
import { PartitionRaftLog } from './raft/partition-raft-log.js';
import { FileQuorumStateStore } from './raft/quorum-state.js';
import { RaftNode } from './raft/raft.js';
import { encodeSnapshot } from './raft/snapshot.js';
import { DEFAULT_METADATA_RESERVE_BYTES } from './raft/space-reserve.js';
import { RaftRpcService } from './raft/wire-service.js';
import { RaftWireTransport } from './raft/wire-transport.js';
import type { RaftVoteRequest } from './raft/wire-vote-codec.js';
import { ReplicaLogInfoClient } from './replica-log-info-client.js';
import { ShutdownState } from './shutdown-state.js';
import { soloSeed } from './solo-seed.js';
import { ConfigOp, topicConfigEntries } from './topic-configs.js';
import { RESERVED_TOPICS, TRANSACTION_STATE_TOPIC } from './topics.js';

/** Client id of the requests brokers send the controller; internal topics are created only by those. */
export const BROKER_CHANNEL_CLIENT_ID = 'runnel-broker-to-controller';

/** AlterPartition batching limits (see AlterPartitionClient). */
const ALTER_PARTITION_MAX_PARTITIONS_PER_REQUEST = 1000;
const ALTER_PARTITION_MAX_PENDING = 100_000;

export interface ClusterNodeOptions {
  nodeId: number;
  /** The broker's own SASL credentials for other brokers' SASL listeners (quorum, controller); null: none. */
  interBrokerSasl?: SaslOptions | null;
  dataDir: string;
  /** This broker's inter-broker listener as others reach it (gossip tells it to the other members). */
  advertised: { host: string; port: number };
  /** Every listener of this broker as advertised, registered with the controller (clients get theirs). */
  listeners?: readonly BrokerEndpoint[];
  /** inter.broker.listener.name: the endpoint of other brokers this one connects to. */
  interBrokerListener?: string;
  /** node:tls options for connections to other brokers when the inter-broker listener speaks TLS; null: plain. */
  interBrokerTls?: (() => TlsOptions) | null;
  gossipListen: { host: string; port: number };
  /** Gossip streams come through the broker's listener (gossip shares its port): no TCP listener of our own. */
  streamsViaBroker: boolean;
  /** Other brokers' gossip addresses to join through (any live one is enough). */
  seeds: readonly { host: string; port: number }[];
  bootstrapExpect: number;
  rack: string | null;
  /** See BrokerConfig.bootIdFile: tells a crash (nothing lost) from a power loss (KIP-966, shutdown-state.ts). */
  bootIdFile: string | null;
  /** Committed metadata record bytes between two snapshots of the image (0: never). */
  metadataSnapshotBytes: number;
  /** The broker's settings: topic configs are checked against them and described over them. */
  brokerConfig: BrokerConfig;
  /** num.partitions, for auto-created topics. */
  defaultPartitions: number;
  /** offsets.topic.num.partitions, for __consumer_offsets. */
  offsetsTopicPartitions: number;
  /** Cluster timings (Kafka's names in BrokerConfig). */
  timings: {
    brokerSessionTimeoutMs: number;
    brokerHeartbeatIntervalMs: number;
    quorumElectionTimeoutMs: number;
    quorumFetchTimeoutMs: number;
  };
  clock: Clock;
  random: Random;
  log: Logger;
  /** Every committed image once this node has caught up, in order. */
  onImage: (image: MetadataImage) => void;
  /** The cluster cannot be joined (another cluster's data dir, an unusable metadata log). */
  onFatal: (err: Error) => void;
}

/** How long an admin request waits for its change to become visible here after the controller said done. */
const VISIBLE_WAIT_MAX_MS = 30_000;
const NOT_JOINED = 'this broker has not joined a cluster yet';

export class ClusterNode implements BrokerCluster {
  readonly nodeId: number;
  readonly #o: ClusterNodeOptions;
  readonly #log: Logger;
  /** Both null for a broker that is its own quorum (no --peers): no gossip socket, nobody to gossip with. */
  readonly #transport: SocketTransport | null;
  /** With gossip.secret.key.file: seals what membership sends, opens what arrives. */
  readonly #sealed: SealedTransport | null;
  readonly #keyFile: GossipKeyFile | null;
  readonly #membership: Membership | null;
  readonly #solo: boolean;
  readonly #bootstrap: ClusterBootstrap;
  readonly #publisher: MetadataPublisher;
  readonly #producerIds: ProducerIdBlocks;
  #clusterId = '';
  #raft: RaftNode | null = null;
  #raftLog: PartitionRaftLog | null = null;
  #wire: RaftWireTransport | null = null;
  #raftService: RaftRpcService | null = null;
  #controller: QuorumController | null = null;
  #controllerRpcs: Map<number, ControllerRpc> | null = null;
  #channel: ControllerChannel | null = null;
  #lifecycle: BrokerLifecycle | null = null;
  readonly #shutdownState: ShutdownState;
  #alterPartitions: AlterPartitionClient | null = null;
  /** The active controller's way to the brokers for unclean recovery (KIP-966). */
  #replicaLogInfo: ReplicaLogInfoClient | null = null;
  #statusTimer: Timer | null = null;
  /** Inside raft.start(): a snapshot loaded now is where this node starts from, not a catch-up. */
  #raftStarting = false;
  #joined = false;
  #stopped = false;
  readonly #autoCreating = new Set<string>();
  #resolveJoined!: () => void;
  /** Resolves once this broker is registered and unfenced (the first time). */
  readonly joined: Promise<void>;

  /** Whether the image holds this process's registration (its incarnation), so the broker may act on it. */
  #registeredIn(image: MetadataImage): boolean {
    const lifecycle = this.#lifecycle;
    return lifecycle !== null && image.brokers.get(this.nodeId)?.incarnationId === lifecycle.incarnationId;
  }

  private constructor(
    options: ClusterNodeOptions,
    transport: SocketTransport | null,
    gossipAddress: string,
    store: FileBootstrapStore,
    sealed: SealedTransport | null = null,
    keyFile: GossipKeyFile | null = null,
  ) {
    this.#sealed = sealed;
    this.#keyFile = keyFile;
    this.#o = options;
    this.nodeId = options.nodeId;
    this.#log = options.log;
    this.#shutdownState = new ShutdownState(options.dataDir, options.bootIdFile);
    if (this.#shutdownState.previousBrokerEpoch < 0)
      this.#log.info(`registering as after an unclean shutdown: ${this.#shutdownState.reason}`);
    this.#transport = transport;
    this.#solo = transport === null;
    this.joined = new Promise((resolve) => {
      this.#resolveJoined = resolve;
    });
    this.#publisher = new MetadataPublisher(options.clock, (image) => {
      // The broker acts on an image (leads, follows, serves) only once it holds this process's own
      // registration: a restarted broker whose previous registration still looks live must not resume
      // leading what that one led (its log may have lost an unflushed suffix) before the controller has
      // fenced the old registration, moved its leaderships and taken it out of every ISR (Kafka's order:
      // the first publish comes after registering). Later images still count for the heartbeats.
      if (this.#registeredIn(image)) options.onImage(image);
      this.#lifecycle?.applied(image.offset);
    });
    this.#producerIds = new ProducerIdBlocks(async () => {
      const lifecycle = this.#lifecycle;
      if (this.#channel === null || lifecycle === null || lifecycle.brokerEpoch < 0) {
        return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, start: -1, length: 0 };
      }
      const res = await this.#sender.send(AllocateProducerIdsApi, {
        brokerId: this.nodeId,
        brokerEpoch: lifecycle.brokerEpoch,
      } as AllocateProducerIdsRequest);
      // A metadata log that cannot be written (a full disk) is, for the producer, a coordinator not ready yet.
      const errorCode =
        res.errorCode === ErrorCode.KAFKA_STORAGE_ERROR
          ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS
          : res.errorCode;
      return { errorCode, start: res.producerIdStart, length: res.producerIdLen };
    });
    this.#bootstrap = new ClusterBootstrap({
      nodeId: options.nodeId,
      bootstrapExpect: options.bootstrapExpect,
      store,
      clock: options.clock,
      random: options.random,
      log: options.log.child('bootstrap'),
    });
    this.#membership =
      transport === null
        ? null
        : new Membership({
            config: resolveMembershipConfig({}),
            self: {
              nodeId: options.nodeId,
              address: gossipAddress,
              clientHost: options.advertised.host,
              clientPort: options.advertised.port,
              rack: options.rack,
              voter: false,
            },
            meta: this.#bootstrap.meta,
            clock: options.clock,
            random: options.random,
            transport: sealed ?? transport,
            log: options.log.child('gossip'),
            onChange: (member) => {
              this.#bootstrap.observe(this.#membership!.members());
              if ((member.state === 'dead' || member.state === 'left') && member.nodeId !== this.nodeId) {
                this.#controller?.fenceDeadBroker(member.nodeId, `declared ${member.state} by gossip`);
              }
            },
            onForeignCluster: (clusterId, from) => this.#bootstrap.observeForeignCluster(clusterId, from),
          });
    this.#bootstrap.onMetaChange((meta) => this.#membership?.updateMeta(meta));
    // Its peers are of another cluster and none of its own answers (a lone broker's data dir given another
    // cluster's --peers): it would serve a cluster nobody else is in. Refused, as a foreign data dir is.
    this.#bootstrap.onConflict((message) => this.#o.onFatal(new Error(message)));
    this.#bootstrap.onDecided((d) => this.#onDecided(d));
  }

  /** Binds gossip and starts joining; resolves once gossip is up (not once joined: see `joined`). */
  static async start(options: ClusterNodeOptions): Promise<ClusterNode> {
    const t = options.timings;
    if (t.brokerHeartbeatIntervalMs >= t.brokerSessionTimeoutMs) {
      throw new RangeError(
        `broker.heartbeat.interval.ms ${t.brokerHeartbeatIntervalMs} must be below broker.session.timeout.ms ${t.brokerSessionTimeoutMs}`,
      );
    }
    // Checked now, so a bad combination stops the start instead of the quorum later.
    resolveRaftConfig({
      electionTimeoutMs: t.quorumElectionTimeoutMs,
      fetchTimeoutMs: t.quorumFetchTimeoutMs,
    });
    const store = new FileBootstrapStore(join(options.dataDir, BOOTSTRAP_FILE));
    const solo = options.seeds.length === 0;
    // A lone broker's data dir (meta.properties but no bootstrap record: it never gossiped) is a cluster of
    // one already: decided now, so started with --peers it stays the only voter and the others observe.
    const metaId = readMetaClusterId(join(options.dataDir, 'meta.properties'));
    if (solo || (metaId !== null && !existsSync(store.file))) {
      const r = decideAlone(store, options.nodeId, metaId ?? randomUuid(), options.random);
      if (solo && (r.voters!.length !== 1 || r.voters![0] !== options.nodeId)) {
        throw new Error(
          `${options.dataDir} belongs to cluster ${r.clusterId}, whose voters are [${r.voters!.join(', ')}]; ` +
            'start this broker with --peers naming its other brokers',
        );
      }
    }
    if (solo) return new ClusterNode(options, null, '', store);
    const keyPath = options.brokerConfig.gossipSecretKeyFile;
    const keyFile =
      keyPath === null
        ? null
        : new GossipKeyFile(
            keyPath,
            options.brokerConfig.gossipSecretKeyReloadIntervalMs,
            options.log.child('gossip'),
          );
    const overhead = keyFile === null ? 0 : SEAL_OVERHEAD;
    const transport = new SocketTransport({
      listenTcp: !options.streamsViaBroker,
      host: options.gossipListen.host,
      port: options.gossipListen.port,
      maxDatagramBytes: resolveMembershipConfig({}).maxDatagramBytes + overhead,
      maxStreamBytes: resolveMembershipConfig({}).maxStreamBytes + overhead,
      log: options.log.child('gossip'),
    });
    const sealed = keyFile === null ? null : new SealedTransport(keyFile.keyring, transport);
    if (keyFile !== null)
      keyFile.onChange = (keyring) => {
        sealed!.keyring = keyring;
      };
    let membership: Membership | null = null;
    let gossipAddress: string;
    const plain = {
      receiveDatagram: (from: string, bytes: Uint8Array) => membership?.receiveDatagram(from, bytes),
      receiveStream: (from: string, bytes: Uint8Array) => membership?.receiveStream(from, bytes),
    };
    try {
      gossipAddress = await transport.bind(sealed === null ? plain : sealed.receiver(plain));
    } catch (err) {
      throw new Error(
        `cannot listen for gossip on ${options.gossipListen.host}:${options.gossipListen.port}: ${(err as Error).message}`,
      );
    }
    let node: ClusterNode;
    try {
      node = new ClusterNode(options, transport, gossipAddress, store, sealed, keyFile);
    } catch (err) {
      keyFile?.close();
      transport.close();
      throw err;
    }
    membership = node.#membership!;
    membership.start(options.seeds.map((s) => formatAddress(s.host, s.port)));
    node.#bootstrap.observe(membership.members());
    node.#scheduleStatus();
    return node;
  }

  /** Largest gossip stream frame accepted. */
  get maxGossipStreamBytes(): number {
    const max = (this.#membership?.config ?? resolveMembershipConfig({})).maxStreamBytes;
    return this.#sealed === null ? max : max + SEAL_OVERHEAD;
  }

  /** Gossip packets no key of gossip.secret.key.file opened; null without encryption. */
  get gossipUndecryptable(): number | null {
    return this.#sealed?.drops.undecryptable ?? null;
  }

  /** A gossip stream frame the broker's listener received (gossip shares its port). */
  receiveGossipStream(from: string, payload: Uint8Array): void {
    if (this.#stopped) return;
    const sealed = this.#sealed;
    if (sealed === null) {
      this.#membership?.receiveStream(from, payload);
      return;
    }
    const plain = sealed.keyring.open(payload, 'stream');
    if (plain === null) sealed.drops.undecryptable++;
    else this.#membership?.receiveStream(from, plain);
  }

  /** No --peers: the only voter, without gossip; everything it decides commits locally. */
  get solo(): boolean {
    return this.#solo;
  }

  // ---- what the broker reads ----

  get clusterId(): string {
    return this.#clusterId;
  }

  get image(): MetadataImage {
    return this.#publisher.published ?? MetadataImage.EMPTY;
  }

  get controllerId(): number {
    return this.#raft?.leaderId ?? -1;
  }

  get brokerEpoch(): number {
    return this.#lifecycle?.brokerEpoch ?? -1;
  }

  /** Whether this node is the active controller now. */
  get isActiveController(): boolean {
    return this.#controller?.isActive === true;
  }

  /** The metadata quorum as this node sees it (metrics): its epoch, log high watermark and applied image. */
  quorumState(): { epoch: number; leaderId: number; highWatermark: number; appliedOffset: number } {
    const raft = this.#raft;
    return {
      epoch: raft?.epoch ?? -1,
      leaderId: raft?.leaderId ?? -1,
      highWatermark: raft?.highWatermark ?? -1,
      appliedOffset: this.image.offset,
    };
  }

  /** Gossip's view: node id -> state, for logs and tests. */
  members(): { nodeId: number; state: string }[] {
    return (this.#membership?.members() ?? []).map((m) => ({ nodeId: m.nodeId, state: m.state }));
  }

  /**
   * Every partition log is flushed and closed (after stop()): the next start registers with this run's
   * broker epoch and keeps its place in ISRs and ELRs.
   */
  stoppedCleanly(): void {
    const epoch = this.#lifecycle?.brokerEpoch ?? -1;
    if (epoch >= 0 && !this.#shutdownState.stoppedCleanly(epoch))
      this.#log.warn(`cannot record the clean shutdown in ${this.#shutdownState.file}`);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#statusTimer?.cancel();
    this.#publisher.close();
    // A controlled shutdown that cannot reach a controller (or whose controller cannot commit) just ends:
    // the lifecycle checks its deadline between heartbeats, so bound the wait here as well.
    // A real (ref'd) timer: the clock's are unref'd, and with every socket closed the process would otherwise
    // just end here, before the logs are flushed and closed.
    const budget = Math.max(100, Math.floor(this.#o.brokerConfig.shutdownTimeoutMs / 2));
    let timer: NodeJS.Timeout | undefined;
    // Alone, there is nobody to hand leadership to: a controlled shutdown would only unload everything
    // while the broker's last requests drain (the next start fences the old registration instead).
    await Promise.race([
      (this.#lifecycle?.stop(!this.#solo) ?? Promise.resolve()).catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, budget);
      }),
    ]);
    clearTimeout(timer);
    if (this.#raft?.role === 'leader' && this.#raft.voters.length > 1) {
      // Hand the quorum over (EndQuorumEpoch) rather than make the others wait out their fetch timeout.
      this.#raft.resign();
      await new Promise((r) => setTimeout(r, 50));
    }
    this.#controller?.stop();
    this.#raft?.stop();
    this.#wire?.close();
    this.#alterPartitions?.close();
    this.#replicaLogInfo?.close();
    this.#channel?.close();
    try {
      this.#raftLog?.flush();
      this.#raftLog?.close();
    } catch (err) {
      this.#log.warn(`closing the metadata log: ${(err as Error).message}`);
    }
    if (this.#membership !== null) {
      this.#membership.leave();
      // A moment for the leave to go out before the socket closes.
      await new Promise((r) => setTimeout(r, 50));
      this.#membership.stop();
    }
    this.#keyFile?.close();
    this.#transport?.close();
  }

  // ---- joining ----

  #onDecided(d: BootstrapDecision): void {
    if (this.#stopped || this.#raft !== null) return;
    try {
      this.#checkClusterId(d.clusterId);
      this.#startQuorum(d);
    } catch (err) {
      this.#o.onFatal(err as Error);
    }
  }

  /** meta.properties names the cluster a data dir belongs to; joining another one is refused. */
  #checkClusterId(clusterId: string): void {
    const file = join(this.#o.dataDir, 'meta.properties');
    const existing = readMetaClusterId(file);
    if (existing !== null && existing !== clusterId) {
      throw new Error(
        `${this.#o.dataDir} belongs to cluster ${existing}, but the brokers found form cluster ${clusterId}; ` +
          'start this broker with a fresh --data-dir to add it to that cluster',
      );
    }
    if (existing === null) {
      writeFileDurably(
        file,
        `#Written by Runnel\nversion=1\ncluster.id=${clusterId}\nnode.id=${this.nodeId}\n`,
      );
    }
    this.#clusterId = clusterId;
  }

  #startQuorum(d: BootstrapDecision): void {
    const o = this.#o;
    this.#membership?.setClusterId(d.clusterId);
    this.#log.info(
      `cluster ${d.clusterId}: voters ${d.voters.join(',')}; this node is ${d.role === 'voter' ? 'a voter' : 'an observer'}`,
    );
    const log = PartitionRaftLog.open(o.dataDir, { logger: o.log.child('metadata-log') });
    this.#raftLog = log;
    const bootstrapRecords = bootstrapScramRecords(o.brokerConfig.addScram);
    if (d.voters.length === 1 && d.voters[0] === this.nodeId) this.#seedAlone(log, bootstrapRecords);
    const wire = new RaftWireTransport({
      nodeId: this.nodeId,
      clusterId: d.clusterId,
      resolve: (id) => this.#addressOf(id),
      onMessage: (from, m) => this.#raft?.receive(from, m),
      logger: o.log.child('raft-wire'),
      sasl: o.interBrokerSasl ?? null,
    });
    this.#wire = wire;
    const raft = new RaftNode({
      nodeId: this.nodeId,
      voters: d.voters,
      config: resolveRaftConfig({
        electionTimeoutMs: o.timings.quorumElectionTimeoutMs,
        fetchTimeoutMs: o.timings.quorumFetchTimeoutMs,
        requestTimeoutMs: o.timings.quorumFetchTimeoutMs,
        // Alone there are no followers to batch appends for: flush (and so commit) each as it comes.
        ...(this.#solo ? { appendLingerMs: 0 } : {}),
      }),
      clock: o.clock,
      random: o.random,
      log,
      // Gossip's live members (and the registered brokers): a removed voter whose stale voter set names
      // only brokers that are gone still finds the leader through any of them.
      contactPoints: () => this.#contactPoints(),
      store: new FileQuorumStateStore(join(log.dir, 'quorum-state')),
      transport: wire,
      logger: o.log.child('raft'),
      onCommit: (entries, hw) => {
        const c = this.#controller!;
        c.onCommit(entries, hw);
        this.#publisher.update(c.image, hw);
      },
      onLoadSnapshot: (id, records) => {
        const c = this.#controller!;
        c.onLoadSnapshot(id, records);
        // The snapshot a restart begins from is a prefix of the log, not the quorum's word that this node has
        // caught up: publishing it would remove every topic made since (a commit follows, with the real high
        // watermark). One the leader sent is published as any commit.
        if (!this.#raftStarting) this.#publisher.update(c.image, id.endOffset);
      },
      onLeaderChange: (leaderId, epoch) => {
        this.#controller?.onLeaderChange(leaderId);
        // Alone, the lifecycle talks to the controller in this process only: it starts once that is active.
        if (leaderId === this.nodeId && this.#solo) this.#lifecycle?.start();
        if (leaderId === this.nodeId) {
          // Gossip may already know of brokers that died with the old controller: no need to wait out them.
          for (const m of this.#membership?.members() ?? []) {
            if ((m.state === 'dead' || m.state === 'left') && m.nodeId !== this.nodeId) {
              this.#controller?.fenceDeadBroker(m.nodeId, `found ${m.state} by gossip`);
            }
          }
        }
        this.#log.info(`metadata quorum epoch ${epoch}: controller is node ${leaderId}`);
      },
    });
    this.#raft = raft;
    const recovery: UncleanRecoveryConfig = {
      ...DEFAULT_UNCLEAN_RECOVERY,
      enabled: o.brokerConfig.uncleanRecoveryManagerEnabled,
      strategy: o.brokerConfig.uncleanRecoveryStrategy,
      timeoutMs: o.brokerConfig.uncleanRecoveryTimeoutMs,
    };
    const logInfo = new ReplicaLogInfoClient({
      resolve: (id) => {
        const a = this.#addressOf(id);
        return a === null ? null : { ...a, sasl: o.interBrokerSasl ?? null };
      },
      timeoutMs: recovery.requestTimeoutMs,
      logger: o.log.child('unclean-recovery'),
    });
    this.#replicaLogInfo = logInfo;
    const controller = new QuorumController(
      raft,
      o.clock,
      {
        brokerSessionTimeoutMs: o.timings.brokerSessionTimeoutMs,
        snapshotIntervalBytes: o.metadataSnapshotBytes,
        brokerConfig: o.brokerConfig,
        defaultReplicationFactor: o.brokerConfig.defaultReplicationFactor ?? AUTO_REPLICATION_FACTOR,
        autoLeaderRebalance: o.brokerConfig.autoLeaderRebalanceEnable,
        leaderImbalanceCheckIntervalMs: o.brokerConfig.leaderImbalanceCheckIntervalSeconds * 1000,
        bootstrapRecords,
        uncleanRecovery: recovery,
      },
      o.log.child('controller'),
      (id, req, answer) => logInfo.send(id, req, answer),
    );
    this.#controller = controller;
    this.#controllerRpcs = controllerRpcs(controller, {
      clusterId: d.clusterId,
      defaultPartitions: o.defaultPartitions,
      describeTopicConfigs: (explicit) => topicConfigEntries(o.brokerConfig, explicit),
    });
    this.#raftService = new RaftRpcService(raft, wire, o.log.child('raft-rpc'));
    this.#channel = new ControllerChannel({
      ...DEFAULT_CONTROLLER_CHANNEL_OPTIONS,
      clientId: BROKER_CHANNEL_CLIENT_ID,
      controllerId: () => raft.leaderId,
      resolve: (id) => this.#addressOf(id),
      clock: o.clock,
      connection: { sasl: o.interBrokerSasl ?? null },
    });
    this.#alterPartitions = new AlterPartitionClient({
      brokerId: this.nodeId,
      brokerEpoch: () => this.#lifecycle?.brokerEpoch ?? -1,
      send: (req) => this.#sendAlterPartition(req),
      maxPartitionsPerRequest: ALTER_PARTITION_MAX_PARTITIONS_PER_REQUEST,
      maxPending: ALTER_PARTITION_MAX_PENDING,
    });
    this.#raftStarting = true;
    try {
      raft.start();
    } finally {
      this.#raftStarting = false;
    }
    this.#lifecycle = new BrokerLifecycle({
      brokerId: this.nodeId,
      clusterId: d.clusterId,
      listeners: o.listeners ?? [
        { name: 'PLAINTEXT', host: o.advertised.host, port: o.advertised.port, securityProtocol: 0 },
      ],
      rack: o.rack,
      previousBrokerEpoch: this.#shutdownState.previousBrokerEpoch,
      appliedOffset: () => this.#publisher.published?.offset ?? -1,
      channel: this.#sender,
      clock: o.clock,
      heartbeatIntervalMs: o.timings.brokerHeartbeatIntervalMs,
      // The controlled shutdown gets half the broker's shutdown.timeout.ms; draining clients needs the rest.
      shutdownTimeoutMs: Math.max(100, Math.floor(o.brokerConfig.shutdownTimeoutMs / 2)),
      heartbeatTimeoutMs: Math.min(2 * o.timings.brokerHeartbeatIntervalMs, o.timings.brokerSessionTimeoutMs),
      logger: o.log.child('lifecycle'),
      onStateChange: (state, epoch) => {
        if (state === 'fenced' && epoch >= 0 && !this.#shutdownState.registered(epoch))
          this.#log.warn(`cannot record broker epoch ${epoch} in ${this.#shutdownState.file}`);
        if (state === 'unfenced' && !this.#joined) {
          this.#joined = true;
          // Started on a full disk: the reserve paid for this start's metadata; keep what is left of it.
          if ((this.#raftLog?.retakeReserve() ?? 0) > 0) this.#log.info('metadata log reserve taken back');
          this.#log.info(
            `joined cluster ${d.clusterId} as node ${this.nodeId} (broker epoch ${epoch}, voters ${raft.voters.join(',')}, controller ${raft.leaderId})`,
          );
          this.#resolveJoined();
        }
      },
    });
    if (!this.#solo || this.isActiveController) this.#lifecycle.start();
  }

  /**
   * The only voter with an empty metadata log (its first start as a quorum): what the data dir already
   * holds becomes the log's first snapshot (solo-seed.ts), so the first image keeps every topic.
   */
  #seedAlone(log: PartitionRaftLog, bootstrapRecords: readonly MetadataRecord[]): void {
    if (log.endOffset !== 0 || log.latestSnapshot() !== null) return;
    const seed = soloSeed({
      dataDir: this.#o.dataDir,
      nodeId: this.nodeId,
      offsetsTopicPartitions: this.#o.offsetsTopicPartitions,
    });
    const records = [...seed.records, ...bootstrapRecords].map((m) => encodeMetadataRecord(m));
    log.writeSnapshot({ endOffset: 1, epoch: 0 }, encodeSnapshot(0, records));
    this.#log.info(
      `metadata log started from the data dir: ${seed.topics} topics, next producer id ${seed.nextProducerId}` +
        (bootstrapRecords.length > 0 ? `, ${bootstrapRecords.length} bootstrap SCRAM credentials` : ''),
    );
  }

  /**
   * What the broker lifecycle and producer id blocks send the controller: handled in this process while it
   * is the active controller, else over the channel. A registration of this node that finds an older
   * incarnation of it still live fences that one first: it cannot be running, this process holds its data dir.
   */
  readonly #sender: ControllerSender = {
    send: <Req, Res>(codec: ApiCodec<Req, Res>, body: Req, opts?: SendOptions): Promise<Res> => {
      const rpc = this.#controller?.isActive === true ? this.#controllerRpcs?.get(codec.apiKey) : undefined;
      if (rpc === undefined) {
        if (this.#channel === null) return Promise.reject(new Error('the metadata quorum is not running'));
        return this.#channel.send(codec, body, opts);
      }
      if (codec.apiKey === BrokerRegistrationApi.apiKey) {
        const req = body as BrokerRegistrationRequest;
        const old = this.#controller!.image.brokers.get(req.brokerId);
        if (req.brokerId === this.nodeId && old !== undefined && old.incarnationId !== req.incarnationId)
          this.#controller!.fenceDeadBroker(req.brokerId, 'restarted');
      }
      return rpc.handle(body, rpc.maxVersion) as Promise<Res>;
    },
  };

  #contactPoints(): number[] {
    const ids = new Set<number>(this.image.brokers.keys());
    for (const m of this.#membership?.members() ?? [])
      if (m.state !== 'dead' && m.state !== 'left') ids.add(m.nodeId);
    ids.delete(this.nodeId);
    return [...ids].sort((a, b) => a - b);
  }

  /**
   * A node's inter-broker listener: from gossip while it is a member, else from its registration; with the
   * TLS options when that listener speaks TLS.
   */
  #addressOf(nodeId: number): { host: string; port: number; tls: TlsOptions | null } | null {
    const tls = this.#o.interBrokerTls?.() ?? null;
    const m = this.#membership?.member(nodeId);
    if (m !== undefined && m.state !== 'dead' && m.state !== 'left') {
      return { host: m.clientHost, port: m.clientPort, tls };
    }
    const endpoints = this.image.brokers.get(nodeId)?.endpoints ?? [];
    const name = this.#o.interBrokerListener;
    const e = name === undefined ? endpoints[0] : endpoints.find((x) => x.name === name);
    return e === undefined ? null : { host: e.host, port: e.port, tls };
  }

  #scheduleStatus(): void {
    this.#statusTimer = this.#o.clock.schedule(5000, () => {
      if (this.#stopped) return;
      if (this.#raft === null) this.#log.info(`waiting to form a cluster: ${this.#bootstrap.status()}`);
      else if (!this.#joined) {
        this.#log.info(
          `joining cluster ${this.#clusterId}: controller ${this.#raft.leaderId}, ` +
            `metadata ${this.#publisher.caughtUp ? 'caught up' : 'catching up'}, ${this.#lifecycle?.state ?? 'not registered'}`,
        );
      }
      if (!this.#joined) this.#scheduleStatus();
    });
  }

  // ---- admin through the active controller ----

  /** Sends a request to the active controller: handled here when that is this node, else forwarded. */
  async #toController<Req, Res>(codec: ApiCodec<Req, Res>, req: Req, version: number): Promise<Res | null> {
    const local = this.#controllerRpcs?.get(codec.apiKey);
    if (local === undefined || this.#channel === null) return null;
    if (this.#controller?.isActive === true) return (await local.handle(req, version)) as Res;
    // The client's version, not the negotiated one: fields differ between versions (DeleteTopics v5/v6).
    // A request with its own timeout (CreateTopics, DeleteTopics, CreatePartitions, ElectLeaders, ...) is
    // forwarded only within it: once its client was answered REQUEST_TIMED_OUT, a controller out of reach
    // until then never receives it (a topic refused through a cut-off broker does not appear after the heal).
    const own = (req as { timeoutMs?: unknown }).timeoutMs;
    const timeoutMs = typeof own === 'number' && own > 0 ? own : undefined;
    return this.#channel.send(codec, req, timeoutMs === undefined ? { version } : { version, timeoutMs });
  }

  async createTopics(
    req: CreateTopicsRequest,
    version: number,
    clientId?: string | null,
  ): Promise<CreateTopicsResponse> {
    const internal = clientId === BROKER_CHANNEL_CLIENT_ID;
    const refused = new Map<string, { code: number; message: string }>();
    for (const t of req.topics) {
      if (!internal && RESERVED_TOPICS.has(t.name)) {
        refused.set(t.name, {
          code: ErrorCode.INVALID_TOPIC_EXCEPTION,
          message: `topic '${t.name}' is internal; only brokers create it`,
        });
      }
    }
    if (this.#solo && !req.validateOnly && this.#diskFull()) {
      for (const t of req.topics) {
        if (!refused.has(t.name))
          refused.set(t.name, {
            code: ErrorCode.KAFKA_STORAGE_ERROR,
            message: `the disk of ${this.#o.dataDir} is full: no room for new partition logs`,
          });
      }
    }
    const allowed = { ...req, topics: req.topics.filter((t) => !refused.has(t.name)) };
    let res: CreateTopicsResponse | null =
      allowed.topics.length === 0 ? createCreateTopicsResponse({ topics: [] }) : null;
    res ??= await this.#toController(CreateTopicsApi, allowed, version);
    if (res === null) return notController(CreateTopicsApi, req) as CreateTopicsResponse;
    if (!req.validateOnly) {
      const made = res.topics.filter((t) => t.errorCode === ErrorCode.NONE).map((t) => t.name);
      await this.#visible((img) => made.every((name) => img.topics.has(name)), req.timeoutMs);
    }
    for (const [name, { code, message }] of refused) {
      res.topics.push(
        createCreateTopicsResponseCreatableTopicResult({ name, errorCode: code, errorMessage: message }),
      );
    }
    return res;
  }

  async deleteTopics(req: DeleteTopicsRequest, version: number): Promise<DeleteTopicsResponse> {
    // On a full disk the controller's RemoveTopicRecord gets the metadata log's reserve: it frees space.
    if (this.isActiveController && this.#diskFull() && this.#raftLog?.releaseReserve() === true)
      this.#log.warn(
        `${this.#o.dataDir}: the disk is full; released the metadata log's reserve to delete topics`,
      );
    const res = await this.#toController(DeleteTopicsApi, req, version);
    if (res === null) return notController(DeleteTopicsApi, req) as DeleteTopicsResponse;
    const gone = res.responses
      .filter((r) => r.errorCode === ErrorCode.NONE && r.name !== null)
      .map((r) => r.name!);
    await this.#visible((img) => gone.every((name) => !img.topics.has(name)), req.timeoutMs);
    return res;
  }

  async createPartitions(req: CreatePartitionsRequest, version: number): Promise<CreatePartitionsResponse> {
    const res = await this.#toController(CreatePartitionsApi, req, version);
    if (res === null) return notController(CreatePartitionsApi, req) as CreatePartitionsResponse;
    if (!req.validateOnly) {
      const want = new Map(req.topics.map((t) => [t.name, t.count]));
      const done = res.results.filter((r) => r.errorCode === ErrorCode.NONE).map((r) => r.name);
      await this.#visible(
        (img) => done.every((name) => (img.topics.get(name)?.partitions.size ?? 0) >= (want.get(name) ?? 0)),
        req.timeoutMs,
      );
    }
    return res;
  }

  async incrementalAlterConfigs(
    req: IncrementalAlterConfigsRequest,
    version: number,
  ): Promise<IncrementalAlterConfigsResponse> {
    const [own, internal] = internalTopicResources(req.resources);
    if (own.length > 0) req = { ...req, resources: req.resources.filter((r) => !own.includes(r)) };
    const res =
      req.resources.length === 0
        ? createIncrementalAlterConfigsResponse({ responses: [] })
        : await this.#toController(IncrementalAlterConfigsApi, req, version);
    if (res === null)
      return notController(IncrementalAlterConfigsApi, req) as IncrementalAlterConfigsResponse;
    res.responses.push(
      ...internal.map((r) => createIncrementalAlterConfigsResponseAlterConfigsResourceResponse(r)),
    );
    // SET and DELETE say what the image must show; APPEND and SUBTRACT have no fixed outcome to wait for.
    if (!req.validateOnly) {
      await this.#configsShown(req.resources, res.responses, (r, now) =>
        r.configs.every((c) =>
          c.configOperation === ConfigOp.SET
            ? now.get(c.name) === c.value
            : c.configOperation !== ConfigOp.DELETE || !now.has(c.name),
        ),
      );
    }
    return res;
  }

  async alterConfigs(req: AlterConfigsRequest, version: number): Promise<AlterConfigsResponse> {
    const [own, internal] = internalTopicResources(req.resources);
    if (own.length > 0) req = { ...req, resources: req.resources.filter((r) => !own.includes(r)) };
    const res =
      req.resources.length === 0
        ? createAlterConfigsResponse({ responses: [] })
        : await this.#toController(AlterConfigsApi, req, version);
    if (res === null) return notController(AlterConfigsApi, req) as AlterConfigsResponse;
    res.responses.push(...internal.map((r) => createAlterConfigsResponseAlterConfigsResourceResponse(r)));
    // AlterConfigs replaces a topic's explicit configs with exactly the given set.
    if (!req.validateOnly) {
      await this.#configsShown(req.resources, res.responses, (r, now) => {
        const given = r.configs.filter((c) => c.value !== null);
        return now.size === given.length && given.every((c) => now.get(c.name) === c.value);
      });
    }
    return res;
  }

  /**
   * Waits (bounded) until this node's image shows every topic (or cluster default) resource the controller changed as `shows`
   * says it must be: a config change is answered once visible here, whether or not it wrote a record.
   */
  #configsShown<R extends { resourceType: number; resourceName: string }>(
    resources: readonly R[],
    responses: readonly { errorCode: number; resourceName: string }[],
    shows: (r: R, now: ReadonlyMap<string, string>) => boolean,
  ): Promise<boolean> {
    const done = new Set(responses.filter((r) => r.errorCode === ErrorCode.NONE).map((r) => r.resourceName));
    const changed = resources.filter(
      (r) =>
        (r.resourceType === ConfigResourceType.Topic || r.resourceType === ConfigResourceType.Broker) &&
        done.has(r.resourceName),
    );
    return this.#visible(
      (img) => changed.every((r) => shows(r, img.configsOf(r.resourceType, r.resourceName))),
      VISIBLE_WAIT_MAX_MS,
    );
  }

  autoCreateTopic(name: string, waitMs = 0): Promise<number> {
    // Alone, the topic's logs would go on this disk: a full one refuses it before anything is written.
    if (this.#solo && this.#diskFull()) return Promise.resolve(ErrorCode.KAFKA_STORAGE_ERROR);
    const visible = () =>
      waitMs > 0
        ? this.#publisher
            .waitFor((img) => img.topics.has(name), waitMs)
            .then((shown) => (shown ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE))
        : Promise.resolve(ErrorCode.LEADER_NOT_AVAILABLE);
    if (this.#autoCreating.has(name) || this.#channel === null || this.#stopped) return visible();
    this.#autoCreating.add(name);
    const offsets = name === '__consumer_offsets';
    const txnState = name === TRANSACTION_STATE_TOPIC;
    const bc = this.#o.brokerConfig;
    const configs: Record<string, string> = offsets || txnState ? { 'cleanup.policy': 'compact' } : {};
    let numPartitions = this.#o.defaultPartitions;
    let replicationFactor = -1;
    if (offsets) {
      numPartitions = this.#o.offsetsTopicPartitions;
      replicationFactor = this.#internalReplicationFactor(bc.offsetsTopicReplicationFactor);
    } else if (txnState) {
      numPartitions = bc.transactionStateLogNumPartitions;
      replicationFactor = this.#internalReplicationFactor(bc.transactionStateLogReplicationFactor);
      configs['min.insync.replicas'] = String(Math.min(bc.transactionStateLogMinIsr, replicationFactor));
    }
    const body = createCreateTopicsRequest({
      topics: [
        createCreateTopicsRequestCreatableTopic({
          name,
          numPartitions,
          replicationFactor,
          configs: Object.entries(configs).map(([k, value]) =>
            createCreateTopicsRequestCreatableTopicConfig({ name: k, value }),
          ),
        }),
      ],
      timeoutMs: 30_000,
    });
    const send =
      this.#controller?.isActive === true
        ? (this.#controllerRpcs!.get(CreateTopicsApi.apiKey)!.handle(
            body,
            7,
          ) as Promise<CreateTopicsResponse>)
        : this.#channel.send(CreateTopicsApi, body);
    const done = send
      .then((res) => {
        const code = res.topics[0]?.errorCode ?? ErrorCode.NONE;
        if (code !== ErrorCode.NONE && code !== ErrorCode.TOPIC_ALREADY_EXISTS) {
          this.#log.warn(`auto-creating topic ${name}: ${errorName(code)}`);
          return code;
        }
        return ErrorCode.NONE;
      })
      .catch((err: Error) => {
        this.#log.warn(`auto-creating topic ${name}: ${err.message}`);
        return ErrorCode.LEADER_NOT_AVAILABLE;
      })
      .finally(() => this.#autoCreating.delete(name));
    if (waitMs <= 0) return Promise.resolve(ErrorCode.LEADER_NOT_AVAILABLE);
    return done.then((code) => (code === ErrorCode.NONE ? visible() : code));
  }

  /** The data dir's disk has less free than the metadata log keeps in reserve: no room for new logs. */
  #diskFull(): boolean {
    try {
      const s = statfsSync(this.#o.dataDir);
      return s.bavail * s.bsize < DEFAULT_METADATA_RESERVE_BYTES;
    } catch {
      return false;
    }
  }

  /** An internal topic's replication factor (offsets.topic.replication.factor, ...), capped at the brokers live now. */
  #internalReplicationFactor(configured: number): number {
    const img = this.image;
    const live = [...img.brokers.keys()].filter((id) => isLive(img, id)).length;
    return Math.max(1, Math.min(configured, live));
  }

  /**
   * ElectLeaders, decided by the active controller (forwarded at v2 whatever the client's version, so a
   * NOT_CONTROLLER answer is a top-level error the channel retries on); answered once the elected leaders
   * show here.
   */
  async electLeaders(req: ElectLeadersRequest, version: number): Promise<ElectLeadersResponse> {
    const body = { ...req, electionType: version >= 1 ? req.electionType : ElectionType.PREFERRED };
    let res = await this.#toController(ElectLeadersApi, body, 2);
    if (res === null) {
      const asked = req.topicPartitions ?? [];
      res = {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NOT_CONTROLLER,
        replicaElectionResults: asked.map((t) => ({
          topic: t.topic,
          partitionResult: t.partitions.map((partitionId) => ({
            partitionId,
            errorCode: ErrorCode.NOT_CONTROLLER,
            errorMessage: 'this broker has not joined a cluster yet',
          })),
        })),
      };
      return res;
    }
    const elected = res.replicaElectionResults.flatMap((t) =>
      t.partitionResult
        .filter((p) => p.errorCode === ErrorCode.NONE)
        .map((p) => [t.topic, p.partitionId] as const),
    );
    const preferred = body.electionType === ElectionType.PREFERRED;
    await this.#visible(
      (img) =>
        elected.every(([topic, i]) => {
          const p = img.partition(topic, i);
          return p === undefined || (preferred ? p.leader === p.replicas[0] : p.leader >= 0);
        }),
      req.timeoutMs,
    );
    return res;
  }

  /**
   * AlterPartitionReassignments, decided by the active controller (reassignment.ts); answered once every
   * started reassignment's target is among the partition's replicas here, and every cancelled one is gone.
   */
  async alterPartitionReassignments(
    req: AlterPartitionReassignmentsRequest,
    version: number,
  ): Promise<AlterPartitionReassignmentsResponse> {
    const res = await this.#toController(AlterPartitionReassignmentsApi, req, version);
    if (res === null) {
      return {
        throttleTimeMs: 0,
        allowReplicationFactorChange: req.allowReplicationFactorChange,
        errorCode: ErrorCode.NOT_CONTROLLER,
        errorMessage: 'this broker has not joined a cluster yet',
        responses: [],
      };
    }
    const done = new Set(
      res.responses.flatMap((t) =>
        t.partitions
          .filter((p) => p.errorCode === ErrorCode.NONE)
          .map((p) => `${t.name}-${p.partitionIndex}`),
      ),
    );
    const asked = req.topics.flatMap((t) =>
      t.partitions
        .filter((p) => done.has(`${t.name}-${p.partitionIndex}`))
        .map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas })),
    );
    await this.#visible(
      (img) =>
        asked.every(({ topic, partition, replicas }) => {
          const p = img.partition(topic, partition);
          if (p === undefined) return true;
          return replicas === null
            ? p.addingReplicas.length === 0
            : replicas.every((id) => p.replicas.includes(id));
        }),
      req.timeoutMs,
    );
    return res;
  }

  async listPartitionReassignments(
    req: ListPartitionReassignmentsRequest,
    version: number,
  ): Promise<ListPartitionReassignmentsResponse> {
    const res = await this.#toController(ListPartitionReassignmentsApi, req, version);
    return (
      res ?? {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NOT_CONTROLLER,
        errorMessage: 'this broker has not joined a cluster yet',
        topics: [],
      }
    );
  }

  async unregisterBroker(req: UnregisterBrokerRequest, version: number): Promise<UnregisterBrokerResponse> {
    const res = await this.#toController(UnregisterBrokerApi, req, version);
    if (res === null) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NOT_CONTROLLER,
        errorMessage: 'this broker has not joined a cluster yet',
      };
    }
    if (res.errorCode === ErrorCode.NONE)
      await this.#visible((img) => !img.brokers.has(req.brokerId), VISIBLE_WAIT_MAX_MS);
    return res;
  }

  // ---- ACLs, decided by the active controller (metadata/acl-rpc.ts) ----

  /** CreateAcls, answered once every ACL created shows in this node's image. */
  async createAcls(req: CreateAclsRequest, version: number): Promise<CreateAclsResponse> {
    const res = await this.#toController(CreateAclsApi, req, version);
    if (res === null) {
      return {
        throttleTimeMs: 0,
        results: req.creations.map(() => ({ errorCode: ErrorCode.NOT_CONTROLLER, errorMessage: NOT_JOINED })),
      };
    }
    const made = req.creations
      .filter((_, i) => res.results[i]?.errorCode === ErrorCode.NONE)
      .map((c) => ({ ...c, patternType: c.resourcePatternType }));
    await this.#visible((img) => made.every((b) => img.acls.has(b)), VISIBLE_WAIT_MAX_MS);
    return res;
  }

  /** DeleteAcls, answered once every ACL deleted is gone from this node's image. */
  async deleteAcls(req: DeleteAclsRequest, version: number): Promise<DeleteAclsResponse> {
    const res = await this.#toController(DeleteAclsApi, req, version);
    if (res === null) {
      return {
        throttleTimeMs: 0,
        filterResults: req.filters.map(() => ({
          errorCode: ErrorCode.NOT_CONTROLLER,
          errorMessage: NOT_JOINED,
          matchingAcls: [],
        })),
      };
    }
    const gone = res.filterResults.flatMap((f) => f.matchingAcls);
    await this.#visible((img) => gone.every((b) => !img.acls.has(b)), VISIBLE_WAIT_MAX_MS);
    return res;
  }

  // ---- the metadata quorum's voters (KIP-853), decided by the active controller ----

  async addRaftVoter(req: AddRaftVoterRequest, version: number): Promise<AddRaftVoterResponse> {
    const res = await this.#toControllerOrError(AddRaftVoterApi, req, version);
    return 'errorMessage' in res && 'throttleTimeMs' in res
      ? (res as AddRaftVoterResponse)
      : { throttleTimeMs: 0, errorCode: res.errorCode, errorMessage: res.errorMessage };
  }

  async removeRaftVoter(req: RemoveRaftVoterRequest, version: number): Promise<RemoveRaftVoterResponse> {
    const res = await this.#toControllerOrError(RemoveRaftVoterApi, req, version);
    return 'errorMessage' in res && 'throttleTimeMs' in res
      ? (res as RemoveRaftVoterResponse)
      : { throttleTimeMs: 0, errorCode: res.errorCode, errorMessage: res.errorMessage };
  }

  async describeQuorum(req: DescribeQuorumRequest, version: number): Promise<DescribeQuorumResponse> {
    const res = await this.#toControllerOrError(DescribeQuorumApi, req, version);
    return 'topics' in res
      ? (res as DescribeQuorumResponse)
      : createDescribeQuorumResponse({ errorCode: res.errorCode, errorMessage: res.errorMessage });
  }

  /** AlterUserScramCredentials, answered once every user's accepted change shows in this node's image. */
  async alterUserScramCredentials(
    req: AlterUserScramCredentialsRequest,
    version: number,
  ): Promise<AlterUserScramCredentialsResponse> {
    const res = await this.#toControllerOrError(AlterUserScramCredentialsApi, req, version);
    if (!('results' in res)) {
      const users = [...new Set([...req.deletions, ...req.upsertions].map((x) => x.name))];
      return { throttleTimeMs: 0, results: users.map((user) => ({ user, ...res })) };
    }
    const done = new Set(res.results.filter((r) => r.errorCode === ErrorCode.NONE).map((r) => r.user));
    await this.#visible(
      (img) =>
        req.deletions.every(
          (d) => !done.has(d.name) || !img.scramCredentials.get(d.name)?.has(d.mechanism),
        ) &&
        req.upsertions.every(
          (u) =>
            !done.has(u.name) ||
            img.scramCredentials.get(u.name)?.get(u.mechanism)?.salt.equals(u.salt) === true,
        ),
      VISIBLE_WAIT_MAX_MS,
    );
    return res;
  }

  /** #toController, with no quorum yet or no controller reached turned into an error code. */
  async #toControllerOrError<Req, Res>(
    codec: ApiCodec<Req, Res>,
    req: Req,
    version: number,
  ): Promise<Res | { errorCode: number; errorMessage: string }> {
    try {
      const res = await this.#toController(codec, req, version);
      return (
        res ?? {
          errorCode: ErrorCode.NOT_CONTROLLER,
          errorMessage: 'this broker has not joined a cluster yet',
        }
      );
    } catch (err) {
      const code = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_SERVER_ERROR;
      return { errorCode: code, errorMessage: (err as Error).message };
    }
  }

  alterPartition(ask: AlterPartitionAsk): Promise<AlterPartitionAnswer> {
    if (this.#alterPartitions === null) {
      return Promise.resolve({
        errorCode: ErrorCode.NOT_CONTROLLER,
        leaderEpoch: -1,
        partitionEpoch: -1,
        isr: [],
      });
    }
    return this.#alterPartitions.alterPartition(ask);
  }

  #sendAlterPartition(req: AlterPartitionRequest): Promise<AlterPartitionResponse> {
    return this.alterPartitionRpc(req, ALTER_PARTITION_REQUEST_VERSION);
  }

  allocateProducerId(): Promise<{ errorCode: number; producerId: number }> {
    return this.#producerIds.allocate();
  }

  /** Waits (bounded) until the published image satisfies test. */
  async #visible(test: (image: MetadataImage) => boolean, timeoutMs: number): Promise<boolean> {
    const ms = Math.min(Math.max(timeoutMs, 1000), VISIBLE_WAIT_MAX_MS);
    return this.#publisher.waitFor(test, ms);
  }

  // ---- inter-broker RPCs served here ----

  vote(req: RaftVoteRequest, version: number): VoteResponse {
    return (
      this.#raftService?.handleVote(req, version) ??
      createVoteResponse({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE })
    );
  }

  beginQuorumEpoch(req: BeginQuorumEpochRequest, version: number): BeginQuorumEpochResponse {
    return (
      this.#raftService?.handleBeginQuorumEpoch(req, version) ??
      createBeginQuorumEpochResponse({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE })
    );
  }

  endQuorumEpoch(req: EndQuorumEpochRequest, version: number): EndQuorumEpochResponse {
    return (
      this.#raftService?.handleEndQuorumEpoch(req, version) ??
      createEndQuorumEpochResponse({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE })
    );
  }

  fetchMetadata(req: FetchRequest, version: number): FetchResponse {
    return (
      this.#raftService?.handleFetch(req, version) ??
      createFetchResponse({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE })
    );
  }

  fetchSnapshot(req: FetchSnapshotRequest, version: number): FetchSnapshotResponse {
    return (
      this.#raftService?.handleFetchSnapshot(req, version) ??
      createFetchSnapshotResponse({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE })
    );
  }

  brokerRegistration(req: BrokerRegistrationRequest, version: number): Promise<BrokerRegistrationResponse> {
    const rpc = this.#controllerRpcs?.get(62);
    if (rpc === undefined)
      return Promise.resolve(createBrokerRegistrationResponse({ errorCode: ErrorCode.NOT_CONTROLLER }));
    return rpc.handle(req, version) as Promise<BrokerRegistrationResponse>;
  }

  brokerHeartbeat(req: BrokerHeartbeatRequest, version: number): Promise<BrokerHeartbeatResponse> {
    const rpc = this.#controllerRpcs?.get(63);
    if (rpc === undefined) {
      return Promise.resolve(
        createBrokerHeartbeatResponse({ errorCode: ErrorCode.NOT_CONTROLLER, isFenced: true }),
      );
    }
    return rpc.handle(req, version) as Promise<BrokerHeartbeatResponse>;
  }

  /**
   * An AlterPartition arriving on the listener: decided here when this node is the active controller, else
   * forwarded to it like an admin request (Kafka's leaders reach the controller directly; forwarding also
   * lets a leader that reached a stale controller, or a test client, through).
   */
  async alterPartitionRpc(req: AlterPartitionRequest, version: number): Promise<AlterPartitionResponse> {
    const res = await this.#toController(AlterPartitionApi, req, version);
    return res ?? { throttleTimeMs: 0, errorCode: ErrorCode.NOT_CONTROLLER, topics: [] };
  }

  allocateProducerIds(
    req: AllocateProducerIdsRequest,
    version: number,
  ): Promise<AllocateProducerIdsResponse> {
    const rpc = this.#controllerRpcs?.get(67);
    if (rpc === undefined)
      return Promise.resolve({
        throttleTimeMs: 0,
        errorCode: ErrorCode.NOT_CONTROLLER,
        producerIdStart: -1,
        producerIdLen: 0,
      } as AllocateProducerIdsResponse);
    return rpc.handle(req, version) as Promise<AllocateProducerIdsResponse>;
  }
}

/** A response saying NOT_CONTROLLER for everything asked, for requests that arrive before the quorum runs. */
function notController(codec: ApiCodec<unknown, unknown>, req: unknown): unknown {
  const code = ErrorCode.NOT_CONTROLLER;
  const errorMessage = 'this broker has not joined a cluster yet';
  switch (codec.apiKey) {
    case CreateTopicsApi.apiKey:
      return createCreateTopicsResponse({
        topics: (req as CreateTopicsRequest).topics.map((t) =>
          createCreateTopicsResponseCreatableTopicResult({ name: t.name, errorCode: code, errorMessage }),
        ),
      });
    case DeleteTopicsApi.apiKey: {
      const r = req as DeleteTopicsRequest;
      const names = [...r.topicNames, ...r.topics.map((t) => t.name).filter((n): n is string => n !== null)];
      return createDeleteTopicsResponse({
        responses: names.map((name) =>
          createDeleteTopicsResponseDeletableTopicResult({ name, errorCode: code, errorMessage }),
        ),
      });
    }
    case CreatePartitionsApi.apiKey:
      return createCreatePartitionsResponse({
        results: (req as CreatePartitionsRequest).topics.map((t) =>
          createCreatePartitionsResponseCreatePartitionsTopicResult({
            name: t.name,
            errorCode: code,
            errorMessage,
          }),
        ),
      });
    case IncrementalAlterConfigsApi.apiKey:
      return createIncrementalAlterConfigsResponse({
        responses: (req as IncrementalAlterConfigsRequest).resources.map((x) =>
          createIncrementalAlterConfigsResponseAlterConfigsResourceResponse({
            errorCode: code,
            errorMessage,
            resourceType: x.resourceType,
            resourceName: x.resourceName,
          }),
        ),
      });
    default:
      return createAlterConfigsResponse({
        responses: (req as AlterConfigsRequest).resources.map((x) =>
          createAlterConfigsResponseAlterConfigsResourceResponse({
            errorCode: code,
            errorMessage,
            resourceType: x.resourceType,
            resourceName: x.resourceName,
          }),
        ),
      });
  }
}

/**
 * The resources naming an internal topic, which clients may not reconfigure (the broker owns their
 * settings), with the INVALID_REQUEST answer of each.
 */
function internalTopicResources<R extends { resourceType: number; resourceName: string }>(
  resources: readonly R[],
): [R[], { errorCode: number; errorMessage: string; resourceType: number; resourceName: string }[]] {
  const own = resources.filter(
    (r) => r.resourceType === ConfigResourceType.Topic && RESERVED_TOPICS.has(r.resourceName),
  );
  return [
    own,
    own.map((r) => ({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `the broker owns the configs of '${r.resourceName}'`,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
    })),
  ];
}

function readMetaClusterId(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8');
    const m = /^cluster\.id=(.+)$/m.exec(text);
    return m === null ? null : m[1]!.trim();
  } catch {
    return null;
  }
}
