// The group coordinator: the entry point of every group API (JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit, OffsetFetch, OffsetDelete, DescribeGroups, ListGroups, DeleteGroups). It routes a request by
// partitionFor(groupId) to the GroupMetadataManager of that __consumer_offsets partition, which holds the
// group's state (membership.ts runs the classic protocol, offsets.ts the committed offsets).
//
// A partition is served once loaded: onElection(p) replays it (requests for its groups get
// COORDINATOR_LOAD_IN_PROGRESS meanwhile), onResignation(p) drops it (NOT_COORDINATOR). The single broker
// loads every partition in start(); a cluster moves a coordinator by resigning on one node and electing on
// another. Limit: maxGroups across all partitions; a request that would create one more group gets
// COORDINATOR_NOT_AVAILABLE.
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { type Clock, systemClock, type Timer } from './clock.js';
import { type GroupConfig, resolveGroupConfig } from './config.js';
import { EMPTY_BYTES, GroupState, type JoinResult, joinError, type SyncResult, syncError } from './group.js';
import { GroupMetadataManager, type PartitionState } from './metadata-manager.js';
import { commitResults } from './offsets.js';
import type { GroupLog } from './offsets-topic.js';
import { partitionForGroup } from './records.js';
import type {
  CoordinatorLogger,
  DescribedGroup,
  FetchedOffsets,
  HeartbeatParams,
  JoinGroupParams,
  LeaveGroupResult,
  ListedGroup,
  MemberIdentity,
  OffsetCommitParams,
  OffsetDeleteResult,
  SyncGroupParams,
  TopicResult,
} from './requests.js';
import { groupWriteError } from './write-errors.js';

export { CONSUMER_PROTOCOL_TYPE } from './membership.js';
export type * from './requests.js';

/** Group type reported by ListGroups v5+ for every group here. */
export const CLASSIC_GROUP_TYPE = 'classic';

export interface GroupCoordinatorOptions {
  config?: Partial<GroupConfig>;
  clock?: Clock;
  /** Where records go; null keeps everything in memory (tests of the state machine). */
  log?: GroupLog | null;
  /** New member ids; Kafka's is `${clientId or group.instance.id}-${uuid}`. */
  newMemberId?: (prefix: string) => string;
  logger?: CoordinatorLogger;
}

/** idle: not started; starting: start() replaying; started: loaded (or failed) as asked; closed: for good. */
type CoordinatorState = 'idle' | 'starting' | 'started' | 'closed';

function defaultMemberId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export class GroupCoordinator {
  readonly config: GroupConfig;
  readonly #clock: Clock;
  readonly #logger: CoordinatorLogger | null;
  /** One per __consumer_offsets partition, index = partition. */
  readonly #managers: readonly GroupMetadataManager[];
  #state: CoordinatorState = 'idle';
  #retentionTimer: Timer | null = null;
  #starting: Promise<number> | null = null;

  constructor(options: GroupCoordinatorOptions = {}) {
    this.config = resolveGroupConfig(options.config);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? null;
    const log = options.log ?? null;
    if (log !== null && log.partitions !== this.config.offsetsTopicPartitions) {
      throw new RangeError('the group log and the config disagree on the offsets topic partition count');
    }
    const newMemberId = options.newMemberId ?? defaultMemberId;
    this.#managers = Array.from(
      { length: this.config.offsetsTopicPartitions },
      (_, partition) =>
        new GroupMetadataManager({
          partition,
          config: this.config,
          clock: this.#clock,
          log,
          newMemberId,
          logger: this.#logger,
        }),
    );
  }

  // ---- lifecycle ----

  /**
   * Loads every offsets partition, one after another, and starts the retention timer. Resolves with the
   * storage error that stopped a load (that partition and the ones after it stay loading), or NONE.
   */
  start(): Promise<number> {
    if (this.#state === 'started' || this.#state === 'closed') return Promise.resolve(ErrorCode.NONE);
    // A start after a failed one retries the partitions not loaded yet.
    this.#starting ??= this.#loadAll().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #loadAll(): Promise<number> {
    this.#state = 'starting';
    for (const m of this.#managers) {
      const code = await m.load();
      if (this.#state !== 'starting') return ErrorCode.NONE;
      if (code !== ErrorCode.NONE) return code;
    }
    if (this.groupCount > this.config.maxGroups) {
      this.#logger?.warn(`more stored groups than maxGroups (${this.config.maxGroups}); loaded them anyway`);
    }
    this.#state = 'started';
    this.#scheduleRetentionCheck();
    return ErrorCode.NONE;
  }

  /**
   * In a cluster: serves no partition until it is elected here (onElection), as Kafka's coordinator does;
   * the retention timer runs over whichever partitions are loaded.
   */
  startElected(): void {
    if (this.#state !== 'idle') return;
    this.#state = 'started';
    this.#scheduleRetentionCheck();
  }

  /** Stops serving: waiting requests are answered NOT_COORDINATOR and every timer is cancelled. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#retentionTimer?.cancel();
    this.#retentionTimer = null;
    for (const m of this.#managers) m.unload(ErrorCode.NOT_COORDINATOR);
  }

  /**
   * Kafka's onElection: this node now leads offsets partition `partition`; replay it and serve its groups.
   * Resolves with the storage error that stopped the replay, or NONE.
   */
  onElection(partition: number): Promise<number> {
    const m = this.#managers[partition];
    if (m === undefined) return Promise.resolve(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (this.#state === 'closed') return Promise.resolve(ErrorCode.NOT_COORDINATOR);
    return m.load();
  }

  /** Kafka's onResignation: stop serving the partition's groups and forget them (the log keeps them). */
  onResignation(partition: number): void {
    this.#managers[partition]?.unload(ErrorCode.NOT_COORDINATOR);
  }

  /** Load state of one offsets partition (undefined past the partition count). */
  partitionState(partition: number): PartitionState | undefined {
    return this.#managers[partition]?.state;
  }

  /** Whether this coordinator serves the group now (its offsets partition is loaded here). */
  hosts(groupId: string): boolean {
    return this.#route(groupId) instanceof GroupMetadataManager;
  }

  /** Partition of __consumer_offsets that holds the group. */
  partitionFor(groupId: string): number {
    return partitionForGroup(groupId, this.config.offsetsTopicPartitions);
  }

  /** Test and metrics view: groups held right now, over every loaded partition. */
  get groupCount(): number {
    let n = 0;
    for (const m of this.#managers) n += m.size;
    return n;
  }

  /** Metrics view: every committed offset of the groups served here now. */
  *committedOffsets(): Generator<{ groupId: string; topic: string; partition: number; offset: number }> {
    for (const m of this.#managers) {
      if (m.state !== 'active') continue;
      for (const g of m.groups()) {
        for (const [topic, byPartition] of g.offsets) {
          for (const [partition, c] of byPartition)
            yield { groupId: g.groupId, topic, partition, offset: c.offset };
        }
      }
    }
  }

  /** The manager serving the group, or the error code to answer. */
  #route(groupId: string): GroupMetadataManager | number {
    if (this.#state === 'closed') return ErrorCode.NOT_COORDINATOR;
    // A non-string id fails the group id check right after; any partition answers that.
    const m = this.#managers[typeof groupId === 'string' ? this.partitionFor(groupId) : 0]!;
    if (m.state === 'active') return m;
    // Before start() has reached a partition, it is as good as loading.
    if (m.state === 'unloaded' && this.#state !== 'started') return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    return m.servingError;
  }

  /**
   * Membership APIs need a non-empty id; the offset and admin APIs accept the empty one, as Kafka does for
   * compatibility with old clients that committed under "".
   */
  #validGroupId(groupId: string | null, allowEmpty = false): boolean {
    if (typeof groupId !== 'string' || groupId.length > this.config.maxGroupIdLength) return false;
    return allowEmpty || groupId.length > 0;
  }

  // ---- membership ----

  async joinGroup(p: JoinGroupParams): Promise<JoinResult> {
    const m = this.#route(p.groupId);
    if (typeof m === 'number') return joinError(p.memberId, m);
    if (!this.#validGroupId(p.groupId)) return joinError(p.memberId, ErrorCode.INVALID_GROUP_ID);
    const invalid = m.membership.checkJoin(p);
    if (invalid !== ErrorCode.NONE) return joinError(p.memberId, invalid);
    const params = p.rebalanceTimeoutMs < 0 ? { ...p, rebalanceTimeoutMs: p.sessionTimeoutMs } : p;
    let group = m.getGroup(p.groupId);
    if (p.memberId === '') {
      if (group === undefined) {
        if (this.groupCount >= this.config.maxGroups)
          return joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE);
        group = m.addGroup(p.groupId);
      }
      return m.membership.joinNewMember(group, params);
    }
    if (group === undefined) return joinError(p.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    return m.membership.joinKnownMember(group, params);
  }

  async syncGroup(p: SyncGroupParams): Promise<SyncResult> {
    const m = this.#route(p.groupId);
    if (typeof m === 'number') return syncError(m);
    if (!this.#validGroupId(p.groupId)) return syncError(ErrorCode.INVALID_GROUP_ID);
    return m.membership.syncGroup(m.getGroup(p.groupId), p);
  }

  heartbeat(p: HeartbeatParams): number {
    const m = this.#route(p.groupId);
    if (typeof m === 'number') return m;
    if (!this.#validGroupId(p.groupId)) return ErrorCode.INVALID_GROUP_ID;
    return m.membership.heartbeat(m.getGroup(p.groupId), p);
  }

  leaveGroup(groupId: string, leaving: readonly MemberIdentity[]): LeaveGroupResult {
    const m = this.#route(groupId);
    if (typeof m === 'number') return { errorCode: m, members: [] };
    if (!this.#validGroupId(groupId)) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    return m.membership.leaveGroup(m.getGroup(groupId), leaving);
  }

  // ---- DescribeGroups / ListGroups / DeleteGroups ----

  describeGroups(groupIds: readonly string[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const described: DescribedGroup = {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: GroupState.DEAD,
        protocolType: '',
        protocolData: '',
        members: [],
      };
      const m = this.#route(groupId);
      if (typeof m === 'number') return { ...described, errorCode: m, groupState: '' };
      if (!this.#validGroupId(groupId, true)) {
        return { ...described, errorCode: ErrorCode.INVALID_GROUP_ID, groupState: '' };
      }
      const group = m.getGroup(groupId);
      if (group === undefined) return described;
      described.groupState = group.state;
      described.protocolType = group.protocolType ?? '';
      const stable = group.is(GroupState.STABLE);
      // Metadata and assignments are only meaningful for a stable generation.
      const protocol = stable ? (group.protocolName ?? '') : '';
      described.protocolData = protocol;
      for (const member of group.members.values()) {
        described.members.push({
          memberId: member.memberId,
          groupInstanceId: member.groupInstanceId,
          clientId: member.clientId,
          clientHost: member.clientHost,
          memberMetadata: stable ? member.metadataFor(protocol) : EMPTY_BYTES,
          memberAssignment: stable ? member.assignment : EMPTY_BYTES,
        });
      }
      return described;
    });
  }

  /**
   * Groups of every loaded partition; COORDINATOR_LOAD_IN_PROGRESS while any partition loads, as Kafka.
   * statesFilter and typesFilter match case-insensitively; empty means all.
   */
  listGroups(
    statesFilter: readonly string[],
    typesFilter: readonly string[],
  ): { errorCode: number; groups: ListedGroup[] } {
    if (this.#state === 'closed') return { errorCode: ErrorCode.NOT_COORDINATOR, groups: [] };
    if (this.#state !== 'started' || this.#managers.some((m) => m.state === 'loading')) {
      return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, groups: [] };
    }
    const states = new Set(statesFilter.map((s) => s.toLowerCase()));
    const types = new Set(typesFilter.map((s) => s.toLowerCase()));
    if (types.size > 0 && !types.has(CLASSIC_GROUP_TYPE)) return { errorCode: ErrorCode.NONE, groups: [] };
    const groups: ListedGroup[] = [];
    for (const m of this.#managers) {
      if (m.state !== 'active') continue;
      for (const g of m.groups()) {
        if (g.is(GroupState.DEAD)) continue;
        if (states.size > 0 && !states.has(g.state.toLowerCase())) continue;
        groups.push({
          groupId: g.groupId,
          protocolType: g.protocolType ?? '',
          groupState: g.state,
          groupType: CLASSIC_GROUP_TYPE,
        });
      }
    }
    return { errorCode: ErrorCode.NONE, groups };
  }

  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const out: Promise<{ groupId: string; errorCode: number }>[] = [];
    for (const groupId of groupIds) {
      const done = (errorCode: number) => Promise.resolve({ groupId, errorCode });
      const m = this.#route(groupId);
      if (typeof m === 'number') {
        out.push(done(m));
        continue;
      }
      if (!this.#validGroupId(groupId, true)) {
        out.push(done(ErrorCode.INVALID_GROUP_ID));
        continue;
      }
      const group = m.getGroup(groupId);
      if (group === undefined || group.is(GroupState.DEAD)) out.push(done(ErrorCode.GROUP_ID_NOT_FOUND));
      else if (!group.is(GroupState.EMPTY)) out.push(done(ErrorCode.NON_EMPTY_GROUP));
      else out.push(m.deleteGroup(group).then((code) => ({ groupId, errorCode: groupWriteError(code) })));
    }
    return Promise.all(out);
  }

  // ---- OffsetCommit / OffsetFetch / OffsetDelete ----

  async commitOffsets(p: OffsetCommitParams): Promise<TopicResult[]> {
    const m = this.#route(p.groupId);
    if (typeof m === 'number') return commitResults(p, m);
    if (!this.#validGroupId(p.groupId, true)) return commitResults(p, ErrorCode.INVALID_GROUP_ID);
    let group = m.getGroup(p.groupId);
    if (group === undefined) {
      // Only a consumer outside group management (generation -1) may create a group by committing.
      if (p.generationId >= 0) return commitResults(p, ErrorCode.ILLEGAL_GENERATION);
      if (this.groupCount >= this.config.maxGroups) {
        return commitResults(p, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      group = m.addGroup(p.groupId);
    }
    return m.offsets.commit(group, p);
  }

  /**
   * TxnOffsetCommit: offsets pending in the producer's transaction until its marker reaches the group's
   * __consumer_offsets partition (onTxnMarker). `guard` (see GroupLog.write) is checked just before the
   * append: a marker for the transaction written since its verification refuses the offsets.
   */
  async txnCommitOffsets(
    producerId: number,
    producerEpoch: number,
    p: OffsetCommitParams,
    guard?: () => number,
  ): Promise<TopicResult[]> {
    const m = this.#route(p.groupId);
    if (typeof m === 'number') return commitResults(p, m);
    if (!this.#validGroupId(p.groupId)) return commitResults(p, ErrorCode.INVALID_GROUP_ID);
    let group = m.getGroup(p.groupId);
    if (group === undefined) {
      if (this.groupCount >= this.config.maxGroups)
        return commitResults(p, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      group = m.addGroup(p.groupId);
    }
    return m.offsets.txnCommit(group, producerId, producerEpoch, p, guard);
  }

  /** A transaction marker was appended to __consumer_offsets-`partition` here (a TxnMarkerListener's call). */
  onTxnMarker(partition: number, producerId: number, commit: boolean): void {
    this.#managers[partition]?.onTxnMarker(producerId, commit);
  }

  /** One group's committed offsets; topics null means every partition the group has an offset for. */
  fetchOffsets(
    groupId: string,
    topics: readonly { name: string; partitionIndexes: number[] }[] | null,
    requireStable = false,
  ): FetchedOffsets {
    const m = this.#route(groupId);
    const error =
      typeof m === 'number'
        ? m
        : this.#validGroupId(groupId, true)
          ? ErrorCode.NONE
          : ErrorCode.INVALID_GROUP_ID;
    if (typeof m === 'number' || error !== ErrorCode.NONE) {
      return {
        errorCode: error,
        topics: (topics ?? []).map((t) => ({
          name: t.name,
          partitions: t.partitionIndexes.map((i) => ({
            partitionIndex: i,
            committedOffset: -1,
            committedLeaderEpoch: -1,
            metadata: '',
            errorCode: error,
          })),
        })),
      };
    }
    return m.offsets.fetch(m.getGroup(groupId), topics, requireStable);
  }

  async deleteOffsets(
    groupId: string,
    topics: readonly { name: string; partitions: { partitionIndex: number }[] }[],
  ): Promise<OffsetDeleteResult> {
    const m = this.#route(groupId);
    if (typeof m === 'number') return { errorCode: m, topics: [] };
    if (!this.#validGroupId(groupId, true)) return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    return m.offsets.delete(m.getGroup(groupId), topics);
  }

  // ---- retention ----

  #scheduleRetentionCheck(): void {
    this.#retentionTimer = this.#clock.schedule(this.config.offsetsRetentionCheckIntervalMs, () => {
      this.#retentionTimer = null;
      if (this.#state !== 'started') return;
      void this.runRetention().finally(() => {
        if (this.#state === 'started') this.#scheduleRetentionCheck();
      });
    });
  }

  /**
   * Expires old offsets and forgets empty groups in every loaded partition, then compacts each partition's
   * log where it has grown (GroupMetadataManager.runRetention). Resolves with the number of offsets expired.
   */
  async runRetention(): Promise<number> {
    if (this.#state !== 'started') return 0;
    const expired = await Promise.all(this.#managers.map((m) => m.runRetention()));
    return expired.reduce((a, b) => a + b, 0);
  }
}
