// The active controller's RPCs, server side: each function takes a Kafka request body (generated codecs),
// makes the QuorumController calls it stands for, and resolves with the Kafka response body once the
// records are committed. Errors are per topic or per resource as Kafka reports them; a node that is not
// the active controller answers NOT_CONTROLLER (the sender's ControllerChannel then finds the new one).
// validate_only decides against the current image and writes nothing.
//
//   BrokerRegistration (62) v0-4   BrokerHeartbeat (63) v0-1   AllocateProducerIds (67) v0
//   CreateTopics (19) v0-7         DeleteTopics (20) v0-6      CreatePartitions (37) v0-3
//   IncrementalAlterConfigs (44) v0-1                          AlterConfigs (33) v0-2
//   AlterPartition (56) v0-3       ElectLeaders (43) v0-2
//   AlterPartitionReassignments (45) v0-1   ListPartitionReassignments (46) v0   UnregisterBroker (64) v0
//   AddRaftVoter (80) v0   RemoveRaftVoter (81) v0   DescribeQuorum (55) v0-2 (KIP-853, KIP-595)
//   CreateAcls (30) v0-3   DeleteAcls (31) v0-3 (acl-rpc.ts)
//   AlterUserScramCredentials (51) v0
//
// Skipped: timeout_ms (answers wait for the commit, bounded by the controller's pending-request limit),
// features and log dirs in registrations, quotas, create-topic policies, broker (non-topic) config
// resources (INVALID_REQUEST). Internal topics are not special here: the forwarding broker refuses client
// requests on them, so that the brokers themselves can still create them through the controller.
import { ErrorCode } from '../../protocol/errors.js';
import type { AddRaftVoterRequest, AddRaftVoterResponse } from '../../protocol/generated/add-raft-voter.js';
import type {
  AllocateProducerIdsRequest,
  AllocateProducerIdsResponse,
} from '../../protocol/generated/allocate-producer-ids.js';
import type { AlterConfigsRequest, AlterConfigsResponse } from '../../protocol/generated/alter-configs.js';
import type {
  AlterPartitionRequest,
  AlterPartitionResponse,
} from '../../protocol/generated/alter-partition.js';
import type {
  AlterPartitionReassignmentsRequest,
  AlterPartitionReassignmentsResponse,
} from '../../protocol/generated/alter-partition-reassignments.js';
import type {
  AlterUserScramCredentialsRequest,
  AlterUserScramCredentialsResponse,
} from '../../protocol/generated/alter-user-scram-credentials.js';
import {
  AddRaftVoterApi,
  AllocateProducerIdsApi,
  AlterConfigsApi,
  AlterPartitionApi,
  AlterPartitionReassignmentsApi,
  AlterUserScramCredentialsApi,
  type ApiCodec,
  BrokerHeartbeatApi,
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
} from '../../protocol/generated/api-keys.js';
import type {
  BrokerHeartbeatRequest,
  BrokerHeartbeatResponse,
} from '../../protocol/generated/broker-heartbeat.js';
import type {
  BrokerRegistrationRequest,
  BrokerRegistrationResponse,
} from '../../protocol/generated/broker-registration.js';
import type {
  CreatePartitionsRequest,
  CreatePartitionsResponse,
} from '../../protocol/generated/create-partitions.js';
import {
  type CreateTopicsRequest,
  type CreateTopicsRequestCreatableTopic,
  type CreateTopicsResponse,
  type CreateTopicsResponseCreatableTopicResult,
  createCreateTopicsResponseCreatableTopicResult,
} from '../../protocol/generated/create-topics.js';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../../protocol/generated/delete-topics.js';
import {
  createDescribeQuorumResponse,
  createDescribeQuorumResponsePartitionData,
  createDescribeQuorumResponseReplicaState,
  type DescribeQuorumRequest,
  type DescribeQuorumResponse,
  type DescribeQuorumResponseReplicaState,
} from '../../protocol/generated/describe-quorum.js';
import type { ElectLeadersRequest, ElectLeadersResponse } from '../../protocol/generated/elect-leaders.js';
import type {
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse,
} from '../../protocol/generated/incremental-alter-configs.js';
import type {
  ListPartitionReassignmentsRequest,
  ListPartitionReassignmentsResponse,
} from '../../protocol/generated/list-partition-reassignments.js';
import type {
  RemoveRaftVoterRequest,
  RemoveRaftVoterResponse,
} from '../../protocol/generated/remove-raft-voter.js';
import type {
  UnregisterBrokerRequest,
  UnregisterBrokerResponse,
} from '../../protocol/generated/unregister-broker.js';
import { ZERO_UUID } from '../../protocol/uuid.js';
import type { ReplicaDescription } from '../raft/raft.js';
import { applyChanges, type ChangeResult, type ConfigEntry, ResourceType } from '../topic-configs.js';
import { handleCreateAcls, handleDeleteAcls } from './acl-rpc.js';
import type { AlterPartitionItem } from './alter-partition.js';
import { PRODUCER_ID_BLOCK_SIZE } from './controller.js';
import { ElectionType } from './elections.js';
import type { ControllerReply, QuorumController } from './quorum-controller.js';
import { listPartitionReassignments } from './reassignment.js';

/** What the RPCs call: a QuorumController (an interface, so a test or a proxy can stand in). */
export type ControllerOps = Pick<
  QuorumController,
  | 'image'
  | 'isActive'
  | 'registerBroker'
  | 'heartbeat'
  | 'allocateProducerIds'
  | 'createTopic'
  | 'createPartitions'
  | 'deleteTopic'
  | 'alterTopicConfigs'
  | 'alterBrokerConfigs'
  | 'alterPartition'
  | 'electLeaders'
  | 'alterPartitionReassignments'
  | 'unregisterBroker'
  | 'addVoter'
  | 'removeVoter'
  | 'describeQuorum'
  | 'alterAcls'
  | 'alterScramCredentials'
>;

export interface ControllerRpcOptions {
  /** The cluster id registrations must name (INCONSISTENT_CLUSTER_ID otherwise); null accepts any. */
  clusterId: string | null;
  /** num.partitions: CreateTopics with num_partitions -1. */
  defaultPartitions: number;
  /** CreateTopics v5+: a new topic's configs as DescribeConfigs shows them; absent, none are listed. */
  describeTopicConfigs?: (explicit: Record<string, string>) => ConfigEntry[];
}

export const DEFAULT_CONTROLLER_RPC_OPTIONS: Readonly<ControllerRpcOptions> = Object.freeze({
  clusterId: null,
  defaultPartitions: 1,
});

/** Wraps a callback-style controller call in a promise. */
function call(send: (cb: (r: ControllerReply) => void) => void): Promise<ControllerReply> {
  return new Promise((resolve) => send(resolve));
}

/** Names that appear more than once in one request (Kafka refuses each of them with INVALID_REQUEST). */
function repeated(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return twice;
}

// ---- broker lifecycle ----

export async function handleBrokerRegistration(
  ops: ControllerOps,
  req: BrokerRegistrationRequest,
  options: Pick<ControllerRpcOptions, 'clusterId'> = DEFAULT_CONTROLLER_RPC_OPTIONS,
): Promise<BrokerRegistrationResponse> {
  if (options.clusterId !== null && req.clusterId !== options.clusterId) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID, brokerEpoch: -1 };
  }
  const r = await call((cb) =>
    ops.registerBroker(
      {
        brokerId: req.brokerId,
        incarnationId: req.incarnationId,
        endpoints: req.listeners.map((l) => ({
          name: l.name,
          host: l.host,
          port: l.port,
          securityProtocol: l.securityProtocol,
        })),
        rack: req.rack,
        previousBrokerEpoch: req.previousBrokerEpoch,
      },
      cb,
    ),
  );
  return {
    throttleTimeMs: 0,
    errorCode: r.errorCode,
    brokerEpoch: r.errorCode === ErrorCode.NONE ? (r.brokerEpoch ?? -1) : -1,
  };
}

export function handleBrokerHeartbeat(
  ops: ControllerOps,
  req: BrokerHeartbeatRequest,
): Promise<BrokerHeartbeatResponse> {
  return new Promise((resolve) =>
    ops.heartbeat(
      {
        brokerId: req.brokerId,
        brokerEpoch: req.brokerEpoch,
        appliedOffset: req.currentMetadataOffset,
        wantShutDown: req.wantShutDown,
      },
      (r) =>
        resolve({
          throttleTimeMs: 0,
          errorCode: r.errorCode,
          isCaughtUp: r.isCaughtUp,
          isFenced: r.isFenced,
          shouldShutDown: r.shouldShutDown,
        }),
    ),
  );
}

export async function handleAllocateProducerIds(
  ops: ControllerOps,
  req: AllocateProducerIdsRequest,
): Promise<AllocateProducerIdsResponse> {
  const r = await call((cb) => ops.allocateProducerIds(req.brokerId, req.brokerEpoch, cb));
  const ok = r.errorCode === ErrorCode.NONE && r.producerIdStart !== undefined;
  return {
    throttleTimeMs: 0,
    errorCode: r.errorCode,
    producerIdStart: ok ? r.producerIdStart! : -1,
    producerIdLen: ok ? PRODUCER_ID_BLOCK_SIZE : 0,
  };
}

// ---- topics ----

export async function handleCreateTopics(
  ops: ControllerOps,
  req: CreateTopicsRequest,
  options: ControllerRpcOptions = DEFAULT_CONTROLLER_RPC_OPTIONS,
): Promise<CreateTopicsResponse> {
  const twice = repeated(req.topics.map((t) => t.name));
  const topics = await Promise.all(
    req.topics.map((t) =>
      twice.has(t.name)
        ? topicFailure(t.name, ErrorCode.INVALID_REQUEST, `topic '${t.name}' appears more than once`)
        : createOne(ops, t, req.validateOnly, options),
    ),
  );
  return { throttleTimeMs: 0, topics };
}

async function createOne(
  ops: ControllerOps,
  t: CreateTopicsRequestCreatableTopic,
  validateOnly: boolean,
  options: ControllerRpcOptions,
): Promise<CreateTopicsResponseCreatableTopicResult> {
  const configs: Record<string, string> = {};
  for (const c of t.configs) {
    if (c.value === null) return topicFailure(t.name, ErrorCode.INVALID_CONFIG, `null value for ${c.name}`);
    if (c.name in configs) return topicFailure(t.name, ErrorCode.INVALID_REQUEST, `config ${c.name} repeats`);
    configs[c.name] = c.value;
  }
  let assignments: number[][] | undefined;
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      return topicFailure(
        t.name,
        ErrorCode.INVALID_REQUEST,
        'give either assignments or partitions and replication factor',
      );
    }
    assignments = [];
    for (const a of t.assignments) assignments[a.partitionIndex] = a.brokerIds;
    if (assignments.length !== t.assignments.length || assignments.some((a) => a === undefined)) {
      return topicFailure(
        t.name,
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        'partitions must be numbered 0 to n-1',
      );
    }
  }
  const partitions = t.numPartitions === -1 ? options.defaultPartitions : t.numPartitions;
  // -1 stays -1: the controller resolves its default.replication.factor against the brokers live then.
  const replicationFactor = t.replicationFactor;
  const r = await call((cb) =>
    ops.createTopic({ name: t.name, partitions, replicationFactor, configs, assignments }, cb, {
      validateOnly,
    }),
  );
  if (r.errorCode !== ErrorCode.NONE) return topicFailure(t.name, r.errorCode, r.message ?? null);
  const entries = options.describeTopicConfigs?.(configs) ?? null;
  return createCreateTopicsResponseCreatableTopicResult({
    name: t.name,
    topicId: validateOnly ? ZERO_UUID : (r.topicId ?? ZERO_UUID),
    errorMessage: null,
    numPartitions: assignments?.length ?? partitions,
    replicationFactor: r.replicationFactor ?? assignments?.[0]?.length ?? replicationFactor,
    configs:
      entries?.map((e) => ({
        name: e.name,
        value: e.value,
        readOnly: false,
        configSource: e.source,
        isSensitive: false,
      })) ?? null,
  });
}

function topicFailure(
  name: string,
  errorCode: number,
  message: string | null,
): CreateTopicsResponseCreatableTopicResult {
  return createCreateTopicsResponseCreatableTopicResult({
    name,
    errorCode,
    errorMessage: message,
    configs: null,
  });
}

/** DeleteTopics: by name (topic_names, v0-5) or by name or id (topics, v6; UNKNOWN_TOPIC_ID for an unknown id). */
export async function handleDeleteTopics(
  ops: ControllerOps,
  req: DeleteTopicsRequest,
  version: number,
): Promise<DeleteTopicsResponse> {
  const asked =
    version >= 6
      ? req.topics
      : req.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID }));
  const responses = await Promise.all(
    asked.map(async ({ name, topicId }) => {
      const byId = name === null;
      const resolved = byId ? ops.image.topicNamesById.get(topicId) : name;
      if (resolved === undefined) {
        return {
          name: null,
          topicId,
          errorCode: ErrorCode.UNKNOWN_TOPIC_ID,
          errorMessage: `no topic with id ${topicId}`,
        };
      }
      const id = ops.image.topics.get(resolved)?.id ?? topicId;
      const r = await call((cb) => ops.deleteTopic(resolved, cb));
      return {
        name: resolved,
        topicId: id,
        errorCode: r.errorCode,
        errorMessage: r.errorCode === ErrorCode.NONE ? null : (r.message ?? null),
      };
    }),
  );
  return { throttleTimeMs: 0, responses };
}

export async function handleCreatePartitions(
  ops: ControllerOps,
  req: CreatePartitionsRequest,
): Promise<CreatePartitionsResponse> {
  const twice = repeated(req.topics.map((t) => t.name));
  const results = await Promise.all(
    req.topics.map(async (t) => {
      if (twice.has(t.name)) {
        return {
          name: t.name,
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: `topic '${t.name}' appears more than once`,
        };
      }
      const assignments = t.assignments?.map((a) => a.brokerIds) ?? null;
      const r = await call((cb) =>
        ops.createPartitions(t.name, t.count, assignments, cb, { validateOnly: req.validateOnly }),
      );
      return {
        name: t.name,
        errorCode: r.errorCode,
        errorMessage: r.errorCode === ErrorCode.NONE ? null : (r.message ?? null),
      };
    }),
  );
  return { throttleTimeMs: 0, results };
}

// ---- partitions: ISR changes and elections ----

/**
 * AlterPartition: topics by name (v0-1) or id (v2+), the ISR as ids (v0-2) or with broker epochs (v3).
 * STALE_BROKER_EPOCH and NOT_CONTROLLER are for the whole request; the rest per partition.
 */
export async function handleAlterPartition(
  ops: ControllerOps,
  req: AlterPartitionRequest,
  version: number,
): Promise<AlterPartitionResponse> {
  const items: AlterPartitionItem[] = [];
  for (const t of req.topics) {
    for (const p of t.partitions) {
      items.push({
        topicId: version >= 2 ? t.topicId : null,
        topicName: version >= 2 ? null : t.topicName,
        partition: p.partitionIndex,
        leaderEpoch: p.leaderEpoch,
        partitionEpoch: p.partitionEpoch,
        newIsr: version >= 3 ? p.newIsrWithEpochs.map((b) => b.brokerId) : p.newIsr,
        newIsrEpochs: version >= 3 ? p.newIsrWithEpochs.map((b) => Number(b.brokerEpoch)) : undefined,
        leaderRecoveryState: p.leaderRecoveryState,
      });
    }
  }
  const r = await call((cb) => ops.alterPartition(req.brokerId, Number(req.brokerEpoch), items, cb));
  if (r.errorCode !== ErrorCode.NONE || r.alterPartition === undefined) {
    return { throttleTimeMs: 0, errorCode: r.errorCode, topics: [] };
  }
  const outcomes = r.alterPartition;
  let i = 0;
  const topics = req.topics.map((t) => ({
    topicName: t.topicName,
    topicId: t.topicId,
    partitions: t.partitions.map((p) => {
      const o = outcomes[i++]!;
      return {
        partitionIndex: p.partitionIndex,
        errorCode: o.errorCode,
        leaderId: o.leader,
        leaderEpoch: o.leaderEpoch,
        isr: [...o.isr],
        leaderRecoveryState: 0,
        partitionEpoch: o.partitionEpoch,
      };
    }),
  }));
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, topics };
}

/**
 * ElectLeaders: election_type (v1+; v0 is PREFERRED) for the partitions named, or every partition when
 * topic_partitions is null (then only those that needed an election are listed). Per-partition errors.
 */
export async function handleElectLeaders(
  ops: ControllerOps,
  req: ElectLeadersRequest,
  version: number,
): Promise<ElectLeadersResponse> {
  const type = version >= 1 ? req.electionType : ElectionType.PREFERRED;
  const asked =
    req.topicPartitions === null
      ? null
      : req.topicPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
  const r = await call((cb) => ops.electLeaders(type, asked, cb));
  if (r.errorCode !== ErrorCode.NONE || r.elections === undefined) {
    // The whole request failed (v0 has no top-level error: every partition asked carries it).
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode,
      replicaElectionResults: groupByTopic(
        (asked ?? []).map((a) => ({ ...a, errorCode: r.errorCode, message: r.message ?? null })),
      ),
    };
  }
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, replicaElectionResults: groupByTopic(r.elections) };
}

function groupByTopic(
  outcomes: readonly { topic: string; partition: number; errorCode: number; message: string | null }[],
): ElectLeadersResponse['replicaElectionResults'] {
  const byTopic = new Map<string, ElectLeadersResponse['replicaElectionResults'][number]>();
  for (const o of outcomes) {
    let t = byTopic.get(o.topic);
    if (t === undefined) {
      t = { topic: o.topic, partitionResult: [] };
      byTopic.set(o.topic, t);
    }
    t.partitionResult.push({ partitionId: o.partition, errorCode: o.errorCode, errorMessage: o.message });
  }
  return [...byTopic.values()];
}

// ---- reassignments and decommission ----

/**
 * AlterPartitionReassignments: per-partition outcomes (reassignment.ts); the top-level code is set only
 * when the whole request failed (NOT_CONTROLLER, REQUEST_TIMED_OUT), and then every partition carries it.
 */
export async function handleAlterPartitionReassignments(
  ops: ControllerOps,
  req: AlterPartitionReassignmentsRequest,
): Promise<AlterPartitionReassignmentsResponse> {
  const allowReplicationFactorChange = req.allowReplicationFactorChange;
  const asks = req.topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topic: t.name,
      partition: p.partitionIndex,
      replicas: p.replicas,
      allowReplicationFactorChange,
    })),
  );
  const r = await call((cb) => ops.alterPartitionReassignments(asks, cb));
  const failed = r.errorCode !== ErrorCode.NONE || r.reassignments === undefined;
  const outcomes = failed
    ? asks.map((a) => ({ ...a, errorCode: r.errorCode, message: r.message ?? null }))
    : r.reassignments!;
  const byTopic = new Map<string, AlterPartitionReassignmentsResponse['responses'][number]>();
  for (const o of outcomes) {
    let t = byTopic.get(o.topic);
    if (t === undefined) {
      t = { name: o.topic, partitions: [] };
      byTopic.set(o.topic, t);
    }
    t.partitions.push({ partitionIndex: o.partition, errorCode: o.errorCode, errorMessage: o.message });
  }
  return {
    throttleTimeMs: 0,
    allowReplicationFactorChange,
    errorCode: failed ? r.errorCode : ErrorCode.NONE,
    errorMessage: failed ? (r.message ?? null) : null,
    responses: [...byTopic.values()],
  };
}

/**
 * ListPartitionReassignments: from the active controller's committed image (a node that is not active
 * answers NOT_CONTROLLER, so the asking broker finds the one that is). Unknown topics and partitions, and
 * those not being reassigned, are left out, as Kafka does.
 */
export async function handleListPartitionReassignments(
  ops: ControllerOps,
  req: ListPartitionReassignmentsRequest,
): Promise<ListPartitionReassignmentsResponse> {
  if (!ops.isActive) {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NOT_CONTROLLER,
      errorMessage: 'not the active controller',
      topics: [],
    };
  }
  const asked = req.topics?.map((t) => ({ topic: t.name, partitions: t.partitionIndexes })) ?? null;
  const byTopic = new Map<string, ListPartitionReassignmentsResponse['topics'][number]>();
  for (const o of listPartitionReassignments(ops.image, asked)) {
    let t = byTopic.get(o.topic);
    if (t === undefined) {
      t = { name: o.topic, partitions: [] };
      byTopic.set(o.topic, t);
    }
    t.partitions.push({
      partitionIndex: o.partition,
      replicas: [...o.replicas],
      addingReplicas: [...o.addingReplicas],
      removingReplicas: [...o.removingReplicas],
    });
  }
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, topics: [...byTopic.values()] };
}

export async function handleUnregisterBroker(
  ops: ControllerOps,
  req: UnregisterBrokerRequest,
): Promise<UnregisterBrokerResponse> {
  const r = await call((cb) => ops.unregisterBroker(req.brokerId, cb));
  return {
    throttleTimeMs: 0,
    errorCode: r.errorCode,
    errorMessage: r.errorCode === ErrorCode.NONE ? null : (r.message ?? null),
  };
}

// ---- configs ----

interface ResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

async function alterResources<R extends { resourceType: number; resourceName: string }>(
  ops: ControllerOps,
  resources: readonly R[],
  validateOnly: boolean,
  compute: (r: R) => (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
): Promise<ResourceResult[]> {
  const key = (r: R) => `${r.resourceType}:${r.resourceName}`;
  const twice = repeated(resources.map(key));
  return Promise.all(
    resources.map(async (r) => {
      const out = (errorCode: number, errorMessage: string | null): ResourceResult => ({
        errorCode,
        errorMessage,
        resourceType: r.resourceType,
        resourceName: r.resourceName,
      });
      if (twice.has(key(r))) {
        return out(ErrorCode.INVALID_REQUEST, `resource '${r.resourceName}' appears more than once`);
      }
      if (r.resourceType !== ResourceType.TOPIC && r.resourceType !== ResourceType.BROKER) {
        return out(ErrorCode.INVALID_REQUEST, `configs of resource type ${r.resourceType} cannot be altered`);
      }
      const reply = await call((cb) =>
        r.resourceType === ResourceType.TOPIC
          ? ops.alterTopicConfigs(r.resourceName, compute(r), cb, { validateOnly })
          : ops.alterBrokerConfigs(r.resourceName, compute(r), cb, { validateOnly }),
      );
      return out(reply.errorCode, reply.errorCode === ErrorCode.NONE ? null : (reply.message ?? null));
    }),
  );
}

/** IncrementalAlterConfigs: SET, DELETE, APPEND, SUBTRACT per config (see applyChanges), on TOPIC and BROKER resources (one broker, or '' for the cluster default). */
export async function handleIncrementalAlterConfigs(
  ops: ControllerOps,
  req: IncrementalAlterConfigsRequest,
): Promise<IncrementalAlterConfigsResponse> {
  const responses = await alterResources(ops, req.resources, req.validateOnly, (r) => {
    const changes = r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value }));
    return (current) => applyChanges(current, changes, r.resourceType === ResourceType.TOPIC);
  });
  return { throttleTimeMs: 0, responses };
}

/** AlterConfigs: the configs given become the resource's whole set of explicit (or cluster default) configs. */
export async function handleAlterConfigs(
  ops: ControllerOps,
  req: AlterConfigsRequest,
): Promise<AlterConfigsResponse> {
  const responses = await alterResources(ops, req.resources, req.validateOnly, (r) => () => {
    const next: Record<string, string> = {};
    for (const c of r.configs) {
      if (c.value === null)
        return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `null value for ${c.name}` };
      if (c.name in next)
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `config ${c.name} repeats` };
      next[c.name] = c.value;
    }
    return next;
  });
  return { throttleTimeMs: 0, responses };
}

// ---- the metadata quorum's voters (KIP-853) ----

/** The cluster id a voter request names must be ours (null: any). */
function wrongCluster(options: Pick<ControllerRpcOptions, 'clusterId'>, clusterId: string | null): boolean {
  return options.clusterId !== null && clusterId !== null && clusterId !== options.clusterId;
}

/**
 * AddRaftVoter: the voter must be a registered broker that observes the quorum and has caught up; one
 * change at a time. Answered once the VotersRecord commits under the new set's majority. Errors:
 * INCONSISTENT_CLUSTER_ID, INVALID_REQUEST (bad id), BROKER_ID_NOT_REGISTERED, DUPLICATE_VOTER,
 * REQUEST_TIMED_OUT (a change pending, the new leader's epoch not committed yet, or the replica not caught
 * up: retriable), NOT_CONTROLLER.
 */
export async function handleAddRaftVoter(
  ops: ControllerOps,
  req: AddRaftVoterRequest,
  options: Pick<ControllerRpcOptions, 'clusterId'> = DEFAULT_CONTROLLER_RPC_OPTIONS,
): Promise<AddRaftVoterResponse> {
  const out = (errorCode: number, errorMessage: string | null = null): AddRaftVoterResponse => ({
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
  });
  if (wrongCluster(options, req.clusterId)) return out(ErrorCode.INCONSISTENT_CLUSTER_ID, 'another cluster');
  if (!Number.isInteger(req.voterId) || req.voterId < 0) {
    return out(ErrorCode.INVALID_REQUEST, `voter id ${req.voterId} is not a node id`);
  }
  const voter = {
    id: req.voterId,
    directoryId: req.voterDirectoryId,
    endpoints: req.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
  };
  const reply = await call((cb) => ops.addVoter(voter, cb));
  return out(reply.errorCode, reply.errorCode === ErrorCode.NONE ? null : (reply.message ?? null));
}

/**
 * RemoveRaftVoter: answered once the VotersRecord commits (a removed leader then resigns). Errors:
 * INCONSISTENT_CLUSTER_ID, VOTER_NOT_FOUND (not a voter, or another directory id), INVALID_REQUEST (the
 * last voter), REQUEST_TIMED_OUT (a change pending), NOT_CONTROLLER.
 */
export async function handleRemoveRaftVoter(
  ops: ControllerOps,
  req: RemoveRaftVoterRequest,
  options: Pick<ControllerRpcOptions, 'clusterId'> = DEFAULT_CONTROLLER_RPC_OPTIONS,
): Promise<RemoveRaftVoterResponse> {
  const out = (errorCode: number, errorMessage: string | null = null): RemoveRaftVoterResponse => ({
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
  });
  if (wrongCluster(options, req.clusterId)) return out(ErrorCode.INCONSISTENT_CLUSTER_ID, 'another cluster');
  const dir = req.voterDirectoryId === ZERO_UUID ? null : req.voterDirectoryId;
  const reply = await call((cb) => ops.removeVoter(req.voterId, dir, cb));
  return out(reply.errorCode, reply.errorCode === ErrorCode.NONE ? null : (reply.message ?? null));
}

/**
 * DescribeQuorum of __cluster_metadata-0, answered by the quorum's leader: voters and observers with their
 * log end offsets and last fetch and caught-up times (v1+), the voters' endpoints (v2: from the
 * VotersRecord, else their broker registrations). Another partition: UNKNOWN_TOPIC_OR_PARTITION; not the
 * leader: NOT_CONTROLLER at the top (so a forwarding broker's channel finds the leader) and
 * NOT_LEADER_OR_FOLLOWER for the partition, as Kafka answers.
 */
export async function handleDescribeQuorum(
  ops: ControllerOps,
  req: DescribeQuorumRequest,
): Promise<DescribeQuorumResponse> {
  const asked = req.topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.topicName, partition: p.partitionIndex })),
  );
  const partition = (
    topicName: string,
    partitionIndex: number,
    errorCode: number,
    errorMessage: string | null,
  ) => ({
    topicName,
    partitions: [createDescribeQuorumResponsePartitionData({ partitionIndex, errorCode, errorMessage })],
  });
  const wrong = asked.find((a) => a.topic !== METADATA_TOPIC_NAME || a.partition !== 0);
  if (asked.length !== 1 || wrong !== undefined) {
    const a = wrong ?? asked[0];
    return createDescribeQuorumResponse({
      errorCode: asked.length === 0 ? ErrorCode.INVALID_REQUEST : ErrorCode.NONE,
      errorMessage: asked.length === 0 ? 'no partition asked for' : null,
      topics:
        a === undefined ? [] : [partition(a.topic, a.partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null)],
    });
  }
  const q = ops.describeQuorum();
  if (q === null) {
    return createDescribeQuorumResponse({
      errorCode: ErrorCode.NOT_CONTROLLER,
      errorMessage: 'not the leader of the metadata quorum',
      topics: [partition(METADATA_TOPIC_NAME, 0, ErrorCode.NOT_LEADER_OR_FOLLOWER, null)],
    });
  }
  const state = (r: ReplicaDescription): DescribeQuorumResponseReplicaState => {
    const v = q.voterSet.find((x) => x.id === r.replicaId);
    return createDescribeQuorumResponseReplicaState({
      replicaId: r.replicaId,
      replicaDirectoryId: v?.directoryId ?? ZERO_UUID,
      logEndOffset: r.logEndOffset,
      lastFetchTimestamp: r.lastFetchTimestamp,
      lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
    });
  };
  const nodes = q.voterSet.map((v) => {
    const registered = ops.image.brokers.get(v.id)?.endpoints ?? [];
    const listeners =
      v.endpoints.length > 0
        ? v.endpoints
        : registered.map((e) => ({ name: e.name, host: e.host, port: e.port }));
    return { nodeId: v.id, listeners: listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })) };
  });
  return createDescribeQuorumResponse({
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    topics: [
      {
        topicName: METADATA_TOPIC_NAME,
        partitions: [
          createDescribeQuorumResponsePartitionData({
            partitionIndex: 0,
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            leaderId: q.leaderId,
            leaderEpoch: q.epoch,
            highWatermark: q.highWatermark,
            currentVoters: q.voters.map(state),
            observers: q.observers.map(state),
          }),
        ],
      },
    ],
    nodes,
  });
}

const METADATA_TOPIC_NAME = '__cluster_metadata';

// ---- SCRAM credentials ----

/** AlterUserScramCredentials: answered per user once its records commit (scram-credentials.ts). */
export async function handleAlterUserScramCredentials(
  ops: ControllerOps,
  req: AlterUserScramCredentialsRequest,
): Promise<AlterUserScramCredentialsResponse> {
  const reply = await call((cb) => ops.alterScramCredentials(req, cb));
  const results =
    reply.scramResults ??
    [...new Set([...req.deletions, ...req.upsertions].map((x) => x.name))].map((user) => ({
      user,
      errorCode: reply.errorCode,
      errorMessage: reply.message ?? null,
    }));
  return { throttleTimeMs: 0, results };
}

// ---- dispatch ----

export interface ControllerRpc<Req = unknown, Res = unknown> {
  codec: ApiCodec<Req, Res>;
  minVersion: number;
  maxVersion: number;
  handle(body: Req, version: number): Promise<Res>;
}

function rpc<Req, Res>(
  codec: ApiCodec<Req, Res>,
  minVersion: number,
  maxVersion: number,
  handle: (body: Req, version: number) => Promise<Res>,
): ControllerRpc {
  return { codec, minVersion, maxVersion, handle } as unknown as ControllerRpc;
}

/**
 * Every RPC the active controller serves, by api key: what a broker's request dispatcher (or a test's RPC
 * server) routes to. Each resolves with the response body to send at the request's version.
 */
export function controllerRpcs(
  ops: ControllerOps,
  options: ControllerRpcOptions = DEFAULT_CONTROLLER_RPC_OPTIONS,
): Map<number, ControllerRpc> {
  const list = [
    rpc(BrokerRegistrationApi, 0, 4, (req) => handleBrokerRegistration(ops, req, options)),
    rpc(BrokerHeartbeatApi, 0, 1, (req) => handleBrokerHeartbeat(ops, req)),
    rpc(AllocateProducerIdsApi, 0, 0, (req) => handleAllocateProducerIds(ops, req)),
    rpc(CreateTopicsApi, 0, 7, (req) => handleCreateTopics(ops, req, options)),
    rpc(DeleteTopicsApi, 0, 6, (req, version) => handleDeleteTopics(ops, req, version)),
    rpc(CreatePartitionsApi, 0, 3, (req) => handleCreatePartitions(ops, req)),
    rpc(IncrementalAlterConfigsApi, 0, 1, (req) => handleIncrementalAlterConfigs(ops, req)),
    rpc(AlterConfigsApi, 0, 2, (req) => handleAlterConfigs(ops, req)),
    rpc(AlterPartitionApi, 0, 3, (req, version) => handleAlterPartition(ops, req, version)),
    rpc(ElectLeadersApi, 0, 2, (req, version) => handleElectLeaders(ops, req, version)),
    rpc(AlterPartitionReassignmentsApi, 0, 1, (req) => handleAlterPartitionReassignments(ops, req)),
    rpc(ListPartitionReassignmentsApi, 0, 0, (req) => handleListPartitionReassignments(ops, req)),
    rpc(UnregisterBrokerApi, 0, 0, (req) => handleUnregisterBroker(ops, req)),
    rpc(AddRaftVoterApi, 0, 0, (req) => handleAddRaftVoter(ops, req, options)),
    rpc(RemoveRaftVoterApi, 0, 0, (req) => handleRemoveRaftVoter(ops, req, options)),
    rpc(DescribeQuorumApi, 0, 2, (req) => handleDescribeQuorum(ops, req)),
    rpc(CreateAclsApi, 0, 3, (req) => handleCreateAcls(ops, req)),
    rpc(DeleteAclsApi, 0, 3, (req) => handleDeleteAcls(ops, req)),
    rpc(AlterUserScramCredentialsApi, 0, 0, (req) => handleAlterUserScramCredentials(ops, req)),
  ];
  return new Map(list.map((r) => [r.codec.apiKey, r]));
}
