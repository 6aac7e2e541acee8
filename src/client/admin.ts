// Admin operations: topics (create, delete, list, describe, add partitions), partition offsets (list,
// delete records), the cluster (describe), consumer groups (admin-groups.ts), configs (admin-configs.ts)
// and partition reassignments (admin-reassignments.ts), named and shaped after KafkaJS's admin. Topic
// changes go to the controller when metadata names one, else to any broker; errors are thrown as
// KafkaErrors naming the topic or resource.

import {
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteRecordsApi,
  DeleteTopicsApi,
  UnregisterBrokerApi,
} from '../protocol/generated/api-keys.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../protocol/list-offsets.js';
import { ZERO_UUID } from '../protocol/reader.js';
import { type AclBinding, type AclFilter, createAcls, deleteAcls, describeAcls } from './admin-acls.js';
import {
  type AlterConfigsResult,
  alterConfigs,
  type ConfigOperation,
  type ConfigResource,
  describeConfigs,
  incrementalAlterConfigs,
  type ResourceConfigs,
} from './admin-configs.js';
import { type ElectionResult, type ElectionType, electLeaders } from './admin-elections.js';
import {
  deleteGroups,
  describeGroups,
  fetchOffsets,
  type GroupDescription,
  type GroupOverview,
  listGroups,
  resetOffsets,
  setOffsets,
  type TopicOffsets,
} from './admin-groups.js';
import {
  describeLogDirs,
  describeProducers,
  type LogDirDescription,
  type PartitionProducers,
} from './admin-logs.js';
import {
  addRaftVoter,
  describeQuorum,
  type QuorumInfo,
  type RaftVoterListener,
  removeRaftVoter,
} from './admin-quorum.js';
import {
  alterPartitionReassignments,
  listPartitionReassignments,
  type OngoingReassignment,
  type PartitionReassignment,
} from './admin-reassignments.js';
import {
  alterUserScramCredentials,
  describeUserScramCredentials,
  type ScramAlteration,
  type ScramUserDescription,
} from './admin-scram.js';
import {
  type AbortTransactionSpec,
  abortTransaction,
  describeTransactions,
  type ListTransactionsOptions,
  listTransactions,
  type TransactionDescription,
  type TransactionListing,
} from './admin-transactions.js';
import { type Cluster, sleep } from './cluster.js';
import type { Connection } from './connection.js';
import { listOffsets, type OffsetAndTimestamp, type TopicPartition } from './consumer.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

export interface NewTopic {
  topic: string;
  /** -1 (default): the broker's num.partitions. */
  numPartitions?: number;
  /** -1 (default): the broker's default. */
  replicationFactor?: number;
  /** Manual placement (KafkaJS's shape): each partition's replicas, preferred leader first. */
  replicaAssignment?: readonly { partition: number; replicas: readonly number[] }[];
  configs?: Record<string, string>;
}

export interface PartitionDescription {
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
}

export interface TopicDescription {
  name: string;
  topicId: string;
  isInternal: boolean;
  partitions: PartitionDescription[];
}

export type OffsetSpec = 'earliest' | 'latest' | { timestamp: number };

export class Admin {
  readonly #cluster: Cluster;
  readonly #timeoutMs: number;

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
    this.#timeoutMs = cluster.requestTimeoutMs;
  }

  /** The controller's connection (or any broker's, if metadata names no controller). */
  async #controller<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (this.#cluster.brokers.size === 0) await this.#cluster.fetchMetadata([], false);
    const id = this.#cluster.controllerId;
    if (id >= 0 && this.#cluster.brokers.has(id)) {
      const conn = this.#cluster.connectionFor(id);
      await conn.connect();
      return fn(conn);
    }
    return this.#cluster.withAnyBroker(fn);
  }

  /** Creates topics; resolves once the broker has them, throws on the first topic that failed. */
  async createTopics(topics: readonly NewTopic[], opts: { validateOnly?: boolean } = {}): Promise<void> {
    const res = await this.#controller((conn) =>
      conn.request(CreateTopicsApi, {
        topics: topics.map((t) => ({
          name: t.topic,
          // With a placement, the count and factor come from it (Kafka wants -1 for both then).
          numPartitions: t.replicaAssignment !== undefined ? -1 : (t.numPartitions ?? -1),
          replicationFactor: t.replicaAssignment !== undefined ? -1 : (t.replicationFactor ?? -1),
          assignments: (t.replicaAssignment ?? []).map((a) => ({
            partitionIndex: a.partition,
            brokerIds: [...a.replicas],
          })),
          configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
        timeoutMs: this.#timeoutMs,
        validateOnly: opts.validateOnly ?? false,
      }),
    );
    for (const t of res.topics) {
      if (t.errorCode !== ErrorCode.NONE) {
        throw new KafkaError(
          t.errorCode,
          `create topic ${t.name}${t.errorMessage ? `: ${t.errorMessage}` : ''}`,
        );
      }
    }
    if (opts.validateOnly) return;
    // Wait until metadata shows every partition with a leader, so a producer can use it at once.
    await this.#waitForTopics(topics.map((t) => t.topic));
  }

  /** Waits until metadata shows the topics with leaders (and at least `minPartitions` partitions). */
  async #waitForTopics(names: string[], minPartitions: number[] = []): Promise<void> {
    const deadline = Date.now() + this.#timeoutMs;
    for (;;) {
      const res = await this.#cluster.fetchMetadata(names, false);
      const ready = res.topics.every(
        (t) =>
          t.errorCode === ErrorCode.NONE &&
          t.partitions.length >= Math.max(1, minPartitions[names.indexOf(t.name ?? '')] ?? 1) &&
          t.partitions.every((p) => p.leaderId >= 0),
      );
      if (ready && res.topics.length === names.length) {
        for (const t of res.topics) this.#cluster.applyTopic(t);
        return;
      }
      if (Date.now() > deadline)
        throw new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `topics ${names} have no leaders yet`);
      await sleep(this.#cluster.retryBackoffMs);
    }
  }

  async deleteTopics(names: readonly string[]): Promise<void> {
    const res = await this.#controller((conn) =>
      conn.request(DeleteTopicsApi, {
        topics: names.map((name) => ({ name, topicId: ZERO_UUID })),
        topicNames: [...names],
        timeoutMs: this.#timeoutMs,
      }),
    );
    for (const name of names) this.#cluster.forget(name);
    for (const t of res.responses) {
      if (t.errorCode !== ErrorCode.NONE) {
        throw new KafkaError(
          t.errorCode,
          `delete topic ${t.name}${t.errorMessage ? `: ${t.errorMessage}` : ''}`,
        );
      }
    }
  }

  /** Names of all topics (internal ones only if asked). */
  async listTopics(opts: { includeInternal?: boolean } = {}): Promise<string[]> {
    const res = await this.#cluster.fetchMetadata(null, false);
    return res.topics
      .filter(
        (t) => t.errorCode === ErrorCode.NONE && t.name !== null && (opts.includeInternal || !t.isInternal),
      )
      .map((t) => t.name!)
      .sort();
  }

  async describeTopics(names: readonly string[]): Promise<TopicDescription[]> {
    const res = await this.#cluster.fetchMetadata([...names], false);
    return names.map((name) => {
      const t = res.topics.find((x) => x.name === name);
      if (t === undefined)
        throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `describe topic ${name}`);
      if (t.errorCode !== ErrorCode.NONE) throw new KafkaError(t.errorCode, `describe topic ${name}`);
      return {
        name,
        topicId: t.topicId,
        isInternal: t.isInternal,
        partitions: t.partitions
          .map((p) => ({
            partition: p.partitionIndex,
            leader: p.leaderId,
            leaderEpoch: p.leaderEpoch,
            replicas: p.replicaNodes,
            isr: p.isrNodes,
          }))
          .sort((a, b) => a.partition - b.partition),
      };
    });
  }

  /** Raises topics' partition counts to `count` (new total, not an increment). */
  async createPartitions(requests: readonly { topic: string; count: number }[]): Promise<void> {
    const res = await this.#controller((conn) =>
      conn.request(CreatePartitionsApi, {
        topics: requests.map((r) => ({ name: r.topic, count: r.count, assignments: null })),
        timeoutMs: this.#timeoutMs,
        validateOnly: false,
      }),
    );
    for (const r of res.results) {
      if (r.errorCode !== ErrorCode.NONE) {
        throw new KafkaError(
          r.errorCode,
          `create partitions ${r.name}${r.errorMessage ? `: ${r.errorMessage}` : ''}`,
        );
      }
    }
    await this.#waitForTopics(
      requests.map((r) => r.topic),
      requests.map((r) => r.count),
    );
  }

  /**
   * Offsets of a topic's partitions (all of them unless `partitions` is given). With read_committed,
   * 'latest' is the last stable offset (the end a read_committed consumer reaches), not the high watermark.
   */
  async listOffsets(
    topic: string,
    spec: OffsetSpec = 'latest',
    partitions?: number[],
    opts: { isolationLevel?: 'read_uncommitted' | 'read_committed' } = {},
  ): Promise<OffsetAndTimestamp[]> {
    const info = await this.#cluster.topic(topic, this.#timeoutMs);
    const tps: TopicPartition[] = (partitions ?? info.partitions.map((p) => p.partition)).map(
      (partition) => ({
        topic,
        partition,
      }),
    );
    const ts =
      spec === 'earliest' ? EARLIEST_TIMESTAMP : spec === 'latest' ? LATEST_TIMESTAMP : spec.timestamp;
    if (ts < EARLIEST_TIMESTAMP) throw new ClientError(`invalid timestamp ${ts}`);
    return listOffsets(this.#cluster, tps, ts, opts.isolationLevel === 'read_committed' ? 1 : 0);
  }

  /**
   * Deletes records before `offset` in each partition (-1: up to the high watermark). Resolves with
   * each partition's new low watermark.
   */
  async deleteRecords(
    topic: string,
    partitions: readonly { partition: number; offset: number }[],
  ): Promise<{ partition: number; lowWatermark: number }[]> {
    await this.#cluster.topic(topic, this.#timeoutMs);
    const byLeader = new Map<number, { partitionIndex: number; offset: number }[]>();
    for (const p of partitions) {
      const leader = this.#cluster.leaderOf(topic, p.partition);
      if (leader < 0) throw new KafkaError(ErrorCode.LEADER_NOT_AVAILABLE, `${topic}-${p.partition}`);
      const list = byLeader.get(leader) ?? [];
      list.push({ partitionIndex: p.partition, offset: p.offset });
      byLeader.set(leader, list);
    }
    const out: { partition: number; lowWatermark: number }[] = [];
    for (const [leader, parts] of byLeader) {
      const res = await this.#cluster.connectionFor(leader).request(DeleteRecordsApi, {
        topics: [{ name: topic, partitions: parts }],
        timeoutMs: this.#timeoutMs,
      });
      for (const t of res.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== ErrorCode.NONE)
            throw new KafkaError(p.errorCode, `delete records ${topic}-${p.partitionIndex}`);
          out.push({ partition: p.partitionIndex, lowWatermark: p.lowWatermark });
        }
      }
    }
    return out.sort((a, b) => a.partition - b.partition);
  }

  /** Brokers, controller (null when none) and cluster id, from Metadata. */
  async describeCluster(): Promise<{
    brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
    controller: number | null;
    clusterId: string | null;
  }> {
    const res = await this.#cluster.fetchMetadata([], false);
    return {
      brokers: res.brokers
        .map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack }))
        .sort((a, b) => a.nodeId - b.nodeId),
      controller: res.controllerId >= 0 ? res.controllerId : null,
      clusterId: res.clusterId,
    };
  }

  // --- consumer groups (admin-groups.ts) -----------------------------------------------------------

  /** Every group on every broker, with its protocol type and state. */
  listGroups(): Promise<{ groups: GroupOverview[] }> {
    return listGroups(this.#cluster);
  }

  /** State, chosen assignor and members (with decoded assignments) per group; errors per group. */
  describeGroups(groupIds: readonly string[]): Promise<{ groups: GroupDescription[] }> {
    return describeGroups(this.#cluster, groupIds);
  }

  /** Deletes empty groups (their offsets go too); throws NON_EMPTY_GROUP etc. for the first failure. */
  deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    return deleteGroups(this.#cluster, groupIds);
  }

  /** Committed offsets with high watermark and lag, for `topics` or every topic the group committed. */
  fetchOffsets(opts: { groupId: string; topics?: readonly string[] }): Promise<TopicOffsets[]> {
    return fetchOffsets(this.#cluster, opts);
  }

  /** Commits offsets for a group without active members (else NON_EMPTY_GROUP). */
  setOffsets(opts: {
    groupId: string;
    topic: string;
    partitions: readonly { partition: number; offset: number }[];
  }): Promise<void> {
    return setOffsets(this.#cluster, opts);
  }

  /** Moves a group without active members to a topic's latest (default) or earliest offsets. */
  resetOffsets(opts: { groupId: string; topic: string; earliest?: boolean }): Promise<void> {
    return resetOffsets(this.#cluster, opts);
  }

  // --- leader elections (admin-elections.ts) -----------------------------------------------------

  /**
   * Elects leaders (ElectLeaders): 'preferred' moves leadership back to each partition's first replica;
   * 'unclean' gives a leaderless partition a leader even from outside the ISR and ELR (it may lose records).
   * `partitions` null or absent: every partition. One result per partition, errors included.
   */
  electLeaders(opts: {
    type: ElectionType;
    partitions?: readonly { topic: string; partition: number }[] | null;
    timeoutMs?: number;
  }): Promise<ElectionResult[]> {
    return electLeaders((fn) => this.#controller(fn), {
      type: opts.type,
      partitions: opts.partitions ?? null,
      timeoutMs: opts.timeoutMs ?? this.#timeoutMs,
    });
  }

  // --- partition reassignments (admin-reassignments.ts) ------------------------------------------

  /** Starts moving partitions to new replica sets (replicas null: cancel); the move runs in the background. */
  alterPartitionReassignments(opts: {
    reassignments: readonly PartitionReassignment[];
    timeoutMs?: number;
    /** false: a target with another replica count fails with INVALID_REPLICATION_FACTOR (KIP-860). */
    allowReplicationFactorChange?: boolean;
  }): Promise<void> {
    return alterPartitionReassignments((fn) => this.#controller(fn), {
      reassignments: opts.reassignments,
      timeoutMs: opts.timeoutMs ?? this.#timeoutMs,
      allowReplicationFactorChange: opts.allowReplicationFactorChange,
    });
  }

  /** Reassignments in progress (of `partitions`, or all), with the replicas being added and removed. */
  listPartitionReassignments(
    opts: { partitions?: readonly { topic: string; partition: number }[]; timeoutMs?: number } = {},
  ): Promise<OngoingReassignment[]> {
    return listPartitionReassignments((fn) => this.#controller(fn), {
      partitions: opts.partitions,
      timeoutMs: opts.timeoutMs ?? this.#timeoutMs,
    });
  }

  /**
   * Removes a broker's registration for good (UnregisterBroker, KIP-500): the broker must be shut down and
   * host no replicas (move them off first: alterPartitionReassignments); else the controller's error.
   */
  async unregisterBroker(brokerId: number): Promise<void> {
    const res = await this.#controller((conn) => conn.request(UnregisterBrokerApi, { brokerId }));
    if (res.errorCode !== ErrorCode.NONE)
      throw new KafkaError(res.errorCode, `unregister broker ${brokerId}: ${res.errorMessage ?? ''}`.trim());
  }

  // --- the metadata quorum (admin-quorum.ts, KIP-853) ---------------------------------------------

  /**
   * Makes broker `voterId` a voter of the metadata quorum; it must be registered and have caught up with the
   * metadata log. Resolves once the change is committed. Retries while another change is pending.
   */
  addRaftVoter(opts: {
    voterId: number;
    voterDirectoryId?: string;
    listeners: readonly RaftVoterListener[];
    timeoutMs?: number;
  }): Promise<void> {
    return addRaftVoter((fn) => this.#controller(fn), {
      ...opts,
      timeoutMs: opts.timeoutMs ?? this.#timeoutMs,
    });
  }

  /** Takes `voterId` out of the metadata quorum (it goes on as an observer); resolves once committed. */
  removeRaftVoter(opts: { voterId: number; voterDirectoryId?: string; timeoutMs?: number }): Promise<void> {
    return removeRaftVoter((fn) => this.#controller(fn), {
      ...opts,
      timeoutMs: opts.timeoutMs ?? this.#timeoutMs,
    });
  }

  /** Creates ACLs (needs ALTER on the cluster and an authorizer on the brokers); an existing one is kept. */
  createAcls(acls: readonly AclBinding[]): Promise<void> {
    return createAcls((fn) => this.#controller(fn), acls);
  }

  /** The ACLs the filter matches (every ACL by default). */
  describeAcls(filter: AclFilter = {}): Promise<AclBinding[]> {
    return describeAcls((fn) => this.#controller(fn), filter);
  }

  /** Deletes the ACLs each filter matches; resolves with those deleted. */
  deleteAcls(filters: readonly AclFilter[]): Promise<AclBinding[]> {
    return deleteAcls((fn) => this.#controller(fn), filters);
  }

  /** The metadata quorum as its leader sees it: leader, epoch, high watermark, voters and observers. */
  describeQuorum(opts: { timeoutMs?: number } = {}): Promise<QuorumInfo> {
    return describeQuorum((fn) => this.#controller(fn), opts.timeoutMs ?? this.#timeoutMs);
  }

  // --- configs (admin-configs.ts) ------------------------------------------------------------------

  /** Configs of topics and brokers (all, or `configNames`); throws the first resource error. */
  describeConfigs(opts: {
    resources: readonly (ConfigResource & { configNames?: string[] })[];
    includeSynonyms?: boolean;
  }): Promise<{ resources: ResourceConfigs[] }> {
    return describeConfigs(this.#cluster, (fn) => this.#controller(fn), opts);
  }

  /** Replaces each resource's explicit configs with `configEntries` (Kafka's legacy AlterConfigs). */
  alterConfigs(opts: {
    validateOnly?: boolean;
    resources: readonly (ConfigResource & { configEntries: { name: string; value: string }[] })[];
  }): Promise<{ resources: AlterConfigsResult[] }> {
    return alterConfigs(this.#cluster, (fn) => this.#controller(fn), opts);
  }

  /** Per entry: 'set' (default), 'delete' (back to the default), 'append'/'subtract' (list configs). */
  incrementalAlterConfigs(opts: {
    validateOnly?: boolean;
    resources: readonly (ConfigResource & {
      configEntries: { name: string; value?: string | null; operation?: ConfigOperation }[];
    })[];
  }): Promise<{ resources: AlterConfigsResult[] }> {
    return incrementalAlterConfigs(this.#cluster, (fn) => this.#controller(fn), opts);
  }

  // --- SCRAM users (admin-scram.ts) ----------------------------------------------------------------

  /** Users with SCRAM credentials and their mechanisms and iterations (all users unless `users`). */
  describeUserScramCredentials(users?: readonly string[]): Promise<ScramUserDescription[]> {
    return describeUserScramCredentials((fn) => this.#controller(fn), users);
  }

  /**
   * Creates or replaces ({ user, mechanism, password, iterations? }) and deletes ({ user, mechanism,
   * delete: true }) SCRAM credentials; per user all or nothing, each user's outcome returned.
   */
  alterUserScramCredentials(
    alterations: readonly ScramAlteration[],
  ): Promise<{ user: string; errorCode: number; errorMessage: string | null }[]> {
    return alterUserScramCredentials((fn) => this.#controller(fn), alterations);
  }

  // --- log dirs and producers (admin-logs.ts) ------------------------------------------------------

  /** Each broker's log dirs and partition logs (sizes, offset lag); every broker unless `brokerIds`. */
  describeLogDirs(
    opts: { brokerIds?: readonly number[]; topics?: readonly { topic: string; partitions: number[] }[] } = {},
  ): Promise<{ brokerId: number; logDirs: LogDirDescription[] }[]> {
    return describeLogDirs(this.#cluster, opts);
  }

  /** Active idempotent producers per partition, from its leader (or `brokerId`); errors per partition. */
  describeProducers(
    partitions: readonly { topic: string; partition: number }[],
    opts: { brokerId?: number } = {},
  ): Promise<PartitionProducers[]> {
    return describeProducers(this.#cluster, partitions, opts);
  }

  // --- transactions (admin-transactions.ts) --------------------------------------------------------

  /** Each transactional id's state at its coordinator (errors per id). */
  describeTransactions(transactionalIds: readonly string[]): Promise<TransactionDescription[]> {
    return describeTransactions(this.#cluster, transactionalIds);
  }

  /** The transactions every broker coordinates, filtered by state, producer id or open duration. */
  listTransactions(opts: ListTransactionsOptions = {}): Promise<TransactionListing[]> {
    return listTransactions(this.#cluster, opts);
  }

  /**
   * Aborts a producer's open transaction on one partition by writing the ABORT marker through its leader:
   * for a hanging transaction its coordinator will not finish (find it with describeProducers).
   */
  abortTransaction(spec: AbortTransactionSpec): Promise<void> {
    return abortTransaction(this.#cluster, spec);
  }

  async close(): Promise<void> {
    this.#cluster.close();
  }
}
