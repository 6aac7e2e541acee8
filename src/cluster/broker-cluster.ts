// What a broker in a cluster asks of the cluster layer, in one place: the committed metadata as this node
// has applied it, the active controller, the admin requests the controller decides (forwarded to it when
// it is elsewhere, answered once the change is visible here), producer id blocks, and the inter-broker
// RPCs this node serves (the metadata quorum's and the controller's). A broker started without --peers has
// all of it too: it is a cluster of one, its own quorum and controller (`solo`).

import type { AddRaftVoterRequest, AddRaftVoterResponse } from '../protocol/generated/add-raft-voter.js';
import type {
  AllocateProducerIdsRequest,
  AllocateProducerIdsResponse,
} from '../protocol/generated/allocate-producer-ids.js';
import type { AlterConfigsRequest, AlterConfigsResponse } from '../protocol/generated/alter-configs.js';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../protocol/generated/alter-partition.js';
import type {
  AlterPartitionReassignmentsRequest,
  AlterPartitionReassignmentsResponse,
} from '../protocol/generated/alter-partition-reassignments.js';
import type {
  AlterUserScramCredentialsRequest,
  AlterUserScramCredentialsResponse,
} from '../protocol/generated/alter-user-scram-credentials.js';
import type {
  BeginQuorumEpochRequest,
  BeginQuorumEpochResponse,
} from '../protocol/generated/begin-quorum-epoch.js';
import type {
  BrokerHeartbeatRequest,
  BrokerHeartbeatResponse,
} from '../protocol/generated/broker-heartbeat.js';
import type {
  BrokerRegistrationRequest,
  BrokerRegistrationResponse,
} from '../protocol/generated/broker-registration.js';
import type { CreateAclsRequest, CreateAclsResponse } from '../protocol/generated/create-acls.js';
import type {
  CreatePartitionsRequest,
  CreatePartitionsResponse,
} from '../protocol/generated/create-partitions.js';
import type { CreateTopicsRequest, CreateTopicsResponse } from '../protocol/generated/create-topics.js';
import type { DeleteAclsRequest, DeleteAclsResponse } from '../protocol/generated/delete-acls.js';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../protocol/generated/delete-topics.js';
import type { DescribeQuorumRequest, DescribeQuorumResponse } from '../protocol/generated/describe-quorum.js';
import type { ElectLeadersRequest, ElectLeadersResponse } from '../protocol/generated/elect-leaders.js';
import type {
  EndQuorumEpochRequest,
  EndQuorumEpochResponse,
} from '../protocol/generated/end-quorum-epoch.js';
import type { FetchRequest, FetchResponse } from '../protocol/generated/fetch.js';
import type { FetchSnapshotRequest, FetchSnapshotResponse } from '../protocol/generated/fetch-snapshot.js';
import type {
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse,
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
import type { VoteResponse } from '../protocol/generated/vote.js';
import type { AlterPartitionAnswer, AlterPartitionAsk } from './alter-partition-client.js';
import type { MetadataImage } from './metadata/image.js';
import type { RaftVoteRequest } from './raft/wire-vote-codec.js';

/** The KRaft metadata log's topic name; a Fetch for it is the quorum's, not a client's. */
export const METADATA_TOPIC = '__cluster_metadata';

export interface BrokerCluster {
  readonly clusterId: string;
  /** The committed metadata this node has applied (only images it has caught up to). */
  readonly image: MetadataImage;
  /** This broker's epoch (its registration's offset in the metadata log), or -1 before it registered. */
  readonly brokerEpoch: number;
  /** The active controller (the quorum's leader) as this node knows it, or -1. */
  readonly controllerId: number;
  /** No --peers: this broker is the only voter and the controller; what it asks commits here at once. */
  readonly solo: boolean;

  /** After stop(), once every partition log is flushed and closed: the next start counts as clean. */
  stoppedCleanly(): void;

  // ---- admin, decided by the active controller ----
  /** clientId: the internal topics are created only by brokers (BROKER_CHANNEL_CLIENT_ID); nobody else may. */
  createTopics(
    req: CreateTopicsRequest,
    version: number,
    clientId: string | null,
  ): Promise<CreateTopicsResponse>;
  deleteTopics(req: DeleteTopicsRequest, version: number): Promise<DeleteTopicsResponse>;
  createPartitions(req: CreatePartitionsRequest, version: number): Promise<CreatePartitionsResponse>;
  incrementalAlterConfigs(
    req: IncrementalAlterConfigsRequest,
    version: number,
  ): Promise<IncrementalAlterConfigsResponse>;
  alterConfigs(req: AlterConfigsRequest, version: number): Promise<AlterConfigsResponse>;
  /**
   * Asks for a topic with the default partition count (auto-creation); the caller answers a retriable error,
   * or waits: resolves NONE once the topic exists here, the controller's error code if it refused, else
   * LEADER_NOT_AVAILABLE (after waitMs; at once when 0).
   */
  autoCreateTopic(name: string, waitMs?: number): Promise<number>;
  /** A new producer id from this broker's block (a new block comes from the controller), or an error code. */
  allocateProducerId(): Promise<{ errorCode: number; producerId: number }>;
  /** ElectLeaders (PREFERRED or UNCLEAN), answered once the elected leaders show in this node's image. */
  electLeaders(req: ElectLeadersRequest, version: number): Promise<ElectLeadersResponse>;
  /** AlterPartitionReassignments, answered once each started or cancelled reassignment shows here. */
  alterPartitionReassignments(
    req: AlterPartitionReassignmentsRequest,
    version: number,
  ): Promise<AlterPartitionReassignmentsResponse>;
  /** ListPartitionReassignments, as the active controller's committed metadata says. */
  listPartitionReassignments(
    req: ListPartitionReassignmentsRequest,
    version: number,
  ): Promise<ListPartitionReassignmentsResponse>;
  /** UnregisterBroker (decommission), answered once the registration is gone here. */
  unregisterBroker(req: UnregisterBrokerRequest, version: number): Promise<UnregisterBrokerResponse>;
  /** AddRaftVoter (KIP-853), answered once the VotersRecord commits. */
  addRaftVoter(req: AddRaftVoterRequest, version: number): Promise<AddRaftVoterResponse>;
  /** RemoveRaftVoter (KIP-853), answered once the VotersRecord commits. */
  removeRaftVoter(req: RemoveRaftVoterRequest, version: number): Promise<RemoveRaftVoterResponse>;
  /** CreateAcls, answered once the new ACLs show in this node's image. */
  createAcls(req: CreateAclsRequest, version: number): Promise<CreateAclsResponse>;
  /** DeleteAcls, answered once the deleted ACLs are gone from this node's image. */
  deleteAcls(req: DeleteAclsRequest, version: number): Promise<DeleteAclsResponse>;
  /** DescribeQuorum of the metadata log, as its leader sees it. */
  describeQuorum(req: DescribeQuorumRequest, version: number): Promise<DescribeQuorumResponse>;
  /** AlterUserScramCredentials, answered once the accepted changes show in this node's image. */
  alterUserScramCredentials(
    req: AlterUserScramCredentialsRequest,
    version: number,
  ): Promise<AlterUserScramCredentialsResponse>;

  // ---- replication ----
  /**
   * As a partition's leader: asks the active controller to make `newIsr` the ISR. Answered with the
   * partition's leader epoch, partition epoch and ISR as the controller committed them (errorCode NONE),
   * or an error code (alter-partition.ts lists them; NOT_CONTROLLER and REQUEST_TIMED_OUT are retriable).
   * Concurrent calls go to the controller in one request.
   */
  alterPartition(req: AlterPartitionAsk): Promise<AlterPartitionAnswer>;

  // ---- inter-broker RPCs served here ----
  vote(req: RaftVoteRequest, version: number): VoteResponse;
  beginQuorumEpoch(req: BeginQuorumEpochRequest, version: number): BeginQuorumEpochResponse;
  endQuorumEpoch(req: EndQuorumEpochRequest, version: number): EndQuorumEpochResponse;
  /** A Fetch of __cluster_metadata from another voter or an observer. */
  fetchMetadata(req: FetchRequest, version: number): FetchResponse;
  /** A FetchSnapshot of __cluster_metadata's latest snapshot from a replica behind its log start. */
  fetchSnapshot(req: FetchSnapshotRequest, version: number): FetchSnapshotResponse;
  brokerRegistration(req: BrokerRegistrationRequest, version: number): Promise<BrokerRegistrationResponse>;
  brokerHeartbeat(req: BrokerHeartbeatRequest, version: number): Promise<BrokerHeartbeatResponse>;
  allocateProducerIds(req: AllocateProducerIdsRequest, version: number): Promise<AllocateProducerIdsResponse>;
  /** An AlterPartition from a partition leader, answered by the active controller (this node or NOT_CONTROLLER). */
  alterPartitionRpc(req: AlterPartitionRequest, version: number): Promise<AlterPartitionResponse>;
}

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

/**
 * Where a registered broker takes connections on listener `listenerName` (absent: its first listener), or
 * undefined when it has no such listener: clients see each broker on the listener they came in on, brokers
 * reach each other on the inter-broker listener (Kafka's rule).
 */
export function brokerAddress(
  image: MetadataImage,
  nodeId: number,
  listenerName?: string,
): BrokerAddress | undefined {
  const b = image.brokers.get(nodeId);
  const e = listenerName === undefined ? b?.endpoints[0] : b?.endpoints.find((x) => x.name === listenerName);
  if (b === undefined || e === undefined) return undefined;
  return { nodeId, host: e.host, port: e.port, rack: b.rack };
}

/**
 * The brokers clients are told about: registered and not fenced, in node id order (a fenced broker is down
 * or catching up; Kafka leaves it out of Metadata too).
 */
export function liveBrokers(image: MetadataImage, listenerName?: string): BrokerAddress[] {
  const out: BrokerAddress[] = [];
  for (const id of [...image.brokers.keys()].sort((a, b) => a - b)) {
    if (image.brokers.get(id)!.fenced) continue;
    const a = brokerAddress(image, id, listenerName);
    if (a !== undefined) out.push(a);
  }
  return out;
}

/**
 * The controller clients are told of: the quorum's leader when it is among the listed brokers, else this
 * broker (clients such as KafkaJS look the controller up in the broker list and fail when it is missing; any
 * broker forwards admin requests to the real controller, so naming another one is correct, as KRaft brokers do).
 */
export function controllerForClients(
  listed: readonly BrokerAddress[],
  controllerId: number,
  selfId: number,
): number {
  if (listed.some((b) => b.nodeId === controllerId)) return controllerId;
  if (listed.some((b) => b.nodeId === selfId)) return selfId;
  return listed[0]?.nodeId ?? -1;
}
