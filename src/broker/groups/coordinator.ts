// The classic group coordinator: Kafka's JoinGroup / SyncGroup / Heartbeat / LeaveGroup state machine
// (Empty -> PreparingRebalance -> CompletingRebalance -> Stable, and Dead), with static membership, the
// admin APIs (DescribeGroups, ListGroups, DeleteGroups) and committed offsets kept in __consumer_offsets.
//
// Every timer goes through an injected Clock and every write through a GroupLog, so the whole machine runs
// deterministically under a ManualClock. Requests that wait (JoinGroup until the rebalance completes,
// SyncGroup until the leader's assignment) return promises that a later event resolves; nothing else ever
// waits. Errors are answered as Kafka codes; only a broken invariant throws.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { decodeConsumerProtocolSubscription } from '../../protocol/generated/consumer-protocol-subscription.js';
import { Reader } from '../../protocol/reader.js';
import { type Clock, systemClock, type Timer } from './clock.js';
import { type GroupConfig, resolveGroupConfig } from './config.js';
import {
  ClassicGroup,
  EMPTY_BYTES,
  GroupMember,
  GroupState,
  type JoinResult,
  type MemberProtocol,
  type SyncResult,
} from './group.js';
import type { GroupLog } from './offsets-topic.js';
import { type CommittedOffset, type OffsetsRecord, partitionForGroup, type StoredGroup } from './records.js';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';
/** Group type reported by ListGroups v5+ for every group here. */
export const CLASSIC_GROUP_TYPE = 'classic';

export interface CoordinatorLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface GroupCoordinatorOptions {
  config?: Partial<GroupConfig>;
  clock?: Clock;
  /** Where records go; null keeps everything in memory (tests of the state machine). */
  log?: GroupLog | null;
  /** New member ids; Kafka's is `${clientId or group.instance.id}-${uuid}`. */
  newMemberId?: (prefix: string) => string;
  logger?: CoordinatorLogger;
}

export interface JoinGroupParams {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  /** -1 (JoinGroup v0): the session timeout. */
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: MemberProtocol[];
  clientId: string;
  clientHost: string;
  /** JoinGroup v4+: a member without an id gets MEMBER_ID_REQUIRED and one to rejoin with. */
  requireKnownMemberId: boolean;
  /** JoinGroup v9+: a static leader replaced while Stable is told to skip assignment. */
  supportSkipAssignment: boolean;
}

export interface SyncGroupParams {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Uint8Array }[];
}

export interface HeartbeatParams {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface MemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeaveGroupResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export interface DescribedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Uint8Array;
  memberAssignment: Uint8Array;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: DescribedMember[];
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  groupState: string;
  groupType: string;
}

export interface CommitPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  /** OffsetCommit v1 only; -1 means now. */
  commitTimestamp: number;
  committedMetadata: string | null;
}

export interface OffsetCommitParams {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** OffsetCommit v2-v4; -1 means the broker's offsets retention. */
  retentionTimeMs: number;
  topics: { name: string; partitions: CommitPartition[] }[];
}

export interface PartitionResult {
  partitionIndex: number;
  errorCode: number;
}

export interface TopicResult {
  name: string;
  partitions: PartitionResult[];
}

export interface FetchedPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface FetchedOffsets {
  errorCode: number;
  topics: { name: string; partitions: FetchedPartition[] }[];
}

export interface OffsetDeleteResult {
  errorCode: number;
  topics: TopicResult[];
}

type ServingState = 'loading' | 'active' | 'closed';

function joinError(memberId: string, errorCode: number): JoinResult {
  return {
    errorCode,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    skipAssignment: false,
    memberId,
    members: [],
  };
}

function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

/** What a storage error on a coordinator write becomes for the client (Kafka's GroupMetadataManager), if shared. */
function coordinatorWriteError(code: number): number | null {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return null;
  }
}

/** Storage error of an offset write, as OffsetCommit reports it. */
function commitWriteError(code: number): number {
  const shared = coordinatorWriteError(code);
  if (shared !== null) return shared;
  switch (code) {
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
    default:
      return code;
  }
}

/** Storage error of a group metadata write, as SyncGroup and JoinGroup report it. */
function groupWriteError(code: number): number {
  if (code === ErrorCode.NONE) return ErrorCode.NONE;
  return coordinatorWriteError(code) ?? ErrorCode.UNKNOWN_SERVER_ERROR;
}

const utf8 = new TextEncoder();

function defaultMemberId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export class GroupCoordinator {
  readonly config: GroupConfig;
  readonly #clock: Clock;
  readonly #log: GroupLog | null;
  readonly #newMemberId: (prefix: string) => string;
  readonly #logger: CoordinatorLogger | null;
  readonly #groups = new Map<string, ClassicGroup>();
  /** Writes in flight per group: the cleanup never drops a group something is about to write into. */
  readonly #pendingWrites = new Map<ClassicGroup, number>();
  /** Last group record successfully written per group: what a compaction rewrites. */
  readonly #persisted = new Map<ClassicGroup, StoredGroup>();
  #state: ServingState = 'loading';
  #retentionTimer: Timer | null = null;

  constructor(options: GroupCoordinatorOptions = {}) {
    this.config = resolveGroupConfig(options.config);
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? null;
    this.#newMemberId = options.newMemberId ?? defaultMemberId;
    this.#logger = options.logger ?? null;
    if (this.#log !== null && this.#log.partitions !== this.config.offsetsTopicPartitions) {
      throw new RangeError('the group log and the config disagree on the offsets topic partition count');
    }
  }

  // ---- lifecycle ----

  /** Replays the log (if any) and starts serving. Resolves with the storage error that stopped loading. */
  async start(): Promise<number> {
    if (this.#state !== 'loading') return ErrorCode.NONE;
    if (this.#log !== null) {
      const loaded = new Map<string, { group: StoredGroup | null; offsets: Map<string, CommittedOffset> }>();
      const code = await this.#log.load((r) => this.#replay(loaded, r));
      if (code !== ErrorCode.NONE) {
        this.#logger?.warn(`loading __consumer_offsets failed with ${errorName(code)} (error code ${code})`);
        return code;
      }
      this.#materialize(loaded);
    }
    if (this.#state !== 'loading') return ErrorCode.NONE;
    this.#state = 'active';
    this.#scheduleRetentionCheck();
    return ErrorCode.NONE;
  }

  /** Stops serving: waiting requests are answered NOT_COORDINATOR and every timer is cancelled. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#retentionTimer?.cancel();
    this.#retentionTimer = null;
    for (const group of this.#groups.values()) {
      group.joinTimer?.cancel();
      group.syncTimer?.cancel();
      for (const t of group.pendingMembers.values()) t.cancel();
      for (const m of group.members.values()) {
        m.sessionTimer?.cancel();
        this.#answerJoin(m, joinError(m.memberId, ErrorCode.NOT_COORDINATOR));
        this.#answerSync(m, syncError(ErrorCode.NOT_COORDINATOR));
      }
    }
  }

  get isActive(): boolean {
    return this.#state === 'active';
  }

  /** Partition of __consumer_offsets that holds the group. */
  partitionFor(groupId: string): number {
    return partitionForGroup(groupId, this.config.offsetsTopicPartitions);
  }

  /** Test and metrics view: groups held right now. */
  get groupCount(): number {
    return this.#groups.size;
  }

  // ---- JoinGroup ----

  async joinGroup(p: JoinGroupParams): Promise<JoinResult> {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return joinError(p.memberId, serving);
    if (!this.#validGroupId(p.groupId)) return joinError(p.memberId, ErrorCode.INVALID_GROUP_ID);
    const cfg = this.config;
    if (p.sessionTimeoutMs < cfg.minSessionTimeoutMs || p.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return joinError(p.memberId, ErrorCode.INVALID_SESSION_TIMEOUT);
    }
    if (!this.#protocolsWithinLimits(p.protocols)) {
      return joinError(p.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const params = p.rebalanceTimeoutMs < 0 ? { ...p, rebalanceTimeoutMs: p.sessionTimeoutMs } : p;
    let group = this.#groups.get(p.groupId);
    if (p.memberId === '') {
      if (group === undefined) {
        if (this.#groups.size >= cfg.maxGroups) return joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE);
        group = this.#createGroup(p.groupId);
      }
      return this.#joinNewMember(group, params);
    }
    if (group === undefined) return joinError(p.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    return this.#joinKnownMember(group, params);
  }

  #protocolsWithinLimits(protocols: readonly MemberProtocol[]): boolean {
    if (protocols.length > this.config.maxProtocolsPerMember) return false;
    let bytes = 0;
    for (const pr of protocols) bytes += pr.metadata.byteLength + pr.name.length;
    return bytes <= this.config.maxMemberMetadataBytes;
  }

  #joinNewMember(group: ClassicGroup, p: JoinGroupParams): Promise<JoinResult> | JoinResult {
    if (group.is(GroupState.DEAD)) return joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (!group.supportsProtocols(p.protocolType, p.protocols)) {
      return joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const memberId = this.#newMemberId(p.groupInstanceId ?? p.clientId);
    if (p.groupInstanceId !== null) {
      const oldMemberId = group.currentStaticMemberId(p.groupInstanceId);
      // A restarted static member takes over its old slot: not a new member, so no size check.
      if (oldMemberId !== undefined) return this.#replaceStaticMember(group, oldMemberId, memberId, p);
    }
    if (!this.#acceptJoiningMember(group, null)) return joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED);
    if (p.groupInstanceId === null && p.requireKnownMemberId) {
      if (group.pendingMembers.size >= this.config.maxGroupSize) {
        return joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED);
      }
      const timer = this.#clock.schedule(p.sessionTimeoutMs, () =>
        this.#expirePendingMember(group, memberId),
      );
      group.pendingMembers.set(memberId, timer);
      return joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED);
    }
    return this.#addMemberAndRebalance(group, memberId, p);
  }

  #joinKnownMember(group: ClassicGroup, p: JoinGroupParams): Promise<JoinResult> | JoinResult {
    if (group.is(GroupState.DEAD)) return joinError(p.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (!group.supportsProtocols(p.protocolType, p.protocols)) {
      return joinError(p.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const pendingTimer = group.pendingMembers.get(p.memberId);
    if (pendingTimer !== undefined) {
      // The member id handed out with MEMBER_ID_REQUIRED comes back: now it joins for real.
      if (!this.#acceptJoiningMember(group, null))
        return joinError(p.memberId, ErrorCode.GROUP_MAX_SIZE_REACHED);
      pendingTimer.cancel();
      group.pendingMembers.delete(p.memberId);
      return this.#addMemberAndRebalance(group, p.memberId, p);
    }
    const invalid = this.#validateMember(group, p.memberId, p.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return joinError(p.memberId, invalid);
    const member = group.members.get(p.memberId)!;
    switch (group.state) {
      case GroupState.PREPARING_REBALANCE:
        return this.#updateMemberAndRebalance(group, member, p);
      case GroupState.COMPLETING_REBALANCE:
        // A repeated JoinGroup with unchanged metadata (e.g. a lost response) gets the same answer again.
        if (member.matches(p.protocols)) return this.#currentGeneration(group, member);
        return this.#updateMemberAndRebalance(group, member, p);
      case GroupState.STABLE:
        // The leader rejoining means it wants a new assignment (e.g. topic metadata changed).
        if (group.isLeader(member.memberId) || !member.matches(p.protocols)) {
          return this.#updateMemberAndRebalance(group, member, p);
        }
        return this.#currentGeneration(group, member);
      default:
        return joinError(p.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  #currentGeneration(group: ClassicGroup, member: GroupMember): JoinResult {
    this.#scheduleSession(group, member, member.sessionTimeoutMs);
    const isLeader = group.isLeader(member.memberId);
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      skipAssignment: false,
      memberId: member.memberId,
      members: isLeader ? group.currentMemberMetadata() : [],
    };
  }

  /** Kafka's acceptJoiningMember: room for one more, counting only members that will be in the next generation. */
  #acceptJoiningMember(group: ClassicGroup, memberId: string | null): boolean {
    const max = this.config.maxGroupSize;
    const member = memberId === null ? undefined : group.members.get(memberId);
    switch (group.state) {
      case GroupState.EMPTY:
      case GroupState.DEAD:
        return true;
      case GroupState.PREPARING_REBALANCE:
        return member?.isAwaitingJoin === true || group.numAwaitingJoin < max;
      default:
        return member !== undefined || group.size < max;
    }
  }

  #addMemberAndRebalance(group: ClassicGroup, memberId: string, p: JoinGroupParams): Promise<JoinResult> {
    const member = new GroupMember({
      memberId,
      groupInstanceId: p.groupInstanceId,
      clientId: p.clientId,
      clientHost: p.clientHost,
      rebalanceTimeoutMs: p.rebalanceTimeoutMs,
      sessionTimeoutMs: p.sessionTimeoutMs,
      protocolType: p.protocolType,
      protocols: p.protocols,
    });
    member.isNew = true;
    if (group.is(GroupState.PREPARING_REBALANCE) && group.generationId === 0) group.newMemberAdded = true;
    group.add(member);
    const joined = this.#awaitJoin(member);
    this.#scheduleSession(group, member, this.config.newMemberJoinTimeoutMs);
    this.#maybePrepareRebalance(group);
    this.#tryCompleteJoin(group);
    return joined;
  }

  #updateMemberAndRebalance(
    group: ClassicGroup,
    member: GroupMember,
    p: JoinGroupParams,
  ): Promise<JoinResult> {
    member.protocols = p.protocols;
    member.rebalanceTimeoutMs = p.rebalanceTimeoutMs;
    member.sessionTimeoutMs = p.sessionTimeoutMs;
    member.clientId = p.clientId;
    member.clientHost = p.clientHost;
    const joined = this.#awaitJoin(member);
    this.#maybePrepareRebalance(group);
    this.#tryCompleteJoin(group);
    return joined;
  }

  async #replaceStaticMember(
    group: ClassicGroup,
    oldMemberId: string,
    newMemberId: string,
    p: JoinGroupParams,
  ): Promise<JoinResult> {
    const member = group.members.get(oldMemberId)!;
    // Requests still parked for the old incarnation are answered: it has been fenced.
    this.#answerJoin(member, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    this.#answerSync(member, syncError(ErrorCode.FENCED_INSTANCE_ID));
    const previous = {
      protocols: member.protocols,
      rebalanceTimeoutMs: member.rebalanceTimeoutMs,
      sessionTimeoutMs: member.sessionTimeoutMs,
      clientId: member.clientId,
      clientHost: member.clientHost,
    };
    const previousLeader = group.leaderId;
    group.replaceStaticMember(member, newMemberId);
    member.protocols = p.protocols;
    member.rebalanceTimeoutMs = p.rebalanceTimeoutMs;
    member.sessionTimeoutMs = p.sessionTimeoutMs;
    member.clientId = p.clientId;
    member.clientHost = p.clientHost;
    this.#scheduleSession(group, member, member.sessionTimeoutMs);

    switch (group.state) {
      case GroupState.STABLE: {
        if (group.selectProtocol() !== group.protocolName) {
          const joined = this.#awaitJoin(member);
          this.#maybePrepareRebalance(group);
          return joined;
        }
        // Same protocol: the old assignment still holds, only the member id changes. Persist that.
        const code = await this.#writeGroup(group);
        if (code !== ErrorCode.NONE) {
          if (group.members.get(newMemberId) === member) {
            group.replaceStaticMember(member, oldMemberId);
            Object.assign(member, previous);
            this.#scheduleSession(group, member, member.sessionTimeoutMs);
          }
          return joinError('', groupWriteError(code));
        }
        const isLeader = group.isLeader(newMemberId);
        if (p.supportSkipAssignment) {
          // v9+: the leader learns it leads but must not run the assignor on a stable group.
          return {
            errorCode: ErrorCode.NONE,
            generationId: group.generationId,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            leader: group.leaderId ?? '',
            skipAssignment: isLeader,
            memberId: newMemberId,
            members: isLeader ? group.currentMemberMetadata() : [],
          };
        }
        // Before v9 the old leader id is returned, so a replaced leader does not assign (its new assignment
        // would not be propagated by a stable group anyway).
        return {
          errorCode: ErrorCode.NONE,
          generationId: group.generationId,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          leader: previousLeader ?? '',
          skipAssignment: false,
          memberId: newMemberId,
          members: [],
        };
      }
      case GroupState.COMPLETING_REBALANCE: {
        // The leader may be assigning for the old member id: start over so the new id gets an assignment.
        const joined = this.#awaitJoin(member);
        this.#prepareRebalance(group);
        return joined;
      }
      case GroupState.PREPARING_REBALANCE: {
        const joined = this.#awaitJoin(member);
        this.#tryCompleteJoin(group);
        return joined;
      }
      default:
        throw new Error(`group ${group.groupId}: static member present in state ${group.state}`);
    }
  }

  #awaitJoin(member: GroupMember): Promise<JoinResult> {
    // A member re-sending JoinGroup abandons the earlier request; answer it so its connection moves on.
    this.#answerJoin(member, joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    return new Promise((resolve) => {
      member.joinWaiter = resolve;
    });
  }

  #answerJoin(member: GroupMember, result: JoinResult): void {
    const waiter = member.joinWaiter;
    if (waiter === null) return;
    member.joinWaiter = null;
    waiter(result);
  }

  #answerSync(member: GroupMember, result: SyncResult): void {
    const waiter = member.syncWaiter;
    if (waiter === null) return;
    member.syncWaiter = null;
    waiter(result);
  }

  // ---- rebalance ----

  #maybePrepareRebalance(group: ClassicGroup): void {
    if (
      group.is(GroupState.STABLE) ||
      group.is(GroupState.COMPLETING_REBALANCE) ||
      group.is(GroupState.EMPTY)
    ) {
      this.#prepareRebalance(group);
    }
  }

  #prepareRebalance(group: ClassicGroup): void {
    if (group.is(GroupState.COMPLETING_REBALANCE))
      this.#resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    group.syncTimer?.cancel();
    group.syncTimer = null;
    group.pendingSyncMembers.clear();
    const initial = group.is(GroupState.EMPTY);
    group.transitionTo(GroupState.PREPARING_REBALANCE, this.#clock.now());
    group.joinTimer?.cancel();
    if (initial) {
      const delay = this.config.initialRebalanceDelayMs;
      this.#scheduleInitialJoin(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0));
    } else {
      this.#scheduleJoin(group, group.rebalanceTimeoutMs);
      this.#tryCompleteJoin(group);
    }
  }

  #scheduleJoin(group: ClassicGroup, ms: number): void {
    group.joinTimer?.cancel();
    group.joinIsInitialDelay = false;
    group.joinTimer = this.#clock.schedule(ms, () => {
      group.joinTimer = null;
      this.#completeJoin(group);
    });
  }

  /** Kafka's InitialDelayedJoin: wait for more joiners, extending while they keep coming, up to the timeout. */
  #scheduleInitialJoin(group: ClassicGroup, delayMs: number, remainingMs: number): void {
    group.joinTimer?.cancel();
    group.joinIsInitialDelay = true;
    group.joinTimer = this.#clock.schedule(delayMs, () => {
      group.joinTimer = null;
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false;
        const next = Math.min(this.config.initialRebalanceDelayMs, remainingMs);
        this.#scheduleInitialJoin(group, next, Math.max(remainingMs - delayMs, 0));
      } else {
        this.#completeJoin(group);
      }
    });
  }

  #tryCompleteJoin(group: ClassicGroup): void {
    if (!group.is(GroupState.PREPARING_REBALANCE) || group.joinIsInitialDelay) return;
    if (group.hasAllMembersJoined()) this.#completeJoin(group);
  }

  #completeJoin(group: ClassicGroup): void {
    if (!group.is(GroupState.PREPARING_REBALANCE)) return;
    group.joinTimer?.cancel();
    group.joinTimer = null;
    group.joinIsInitialDelay = false;
    // Dynamic members that did not rejoin in time are out; static ones keep their slot until their session ends.
    for (const m of [...group.members.values()]) {
      if (!m.isAwaitingJoin && m.groupInstanceId === null)
        this.#dropMember(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    this.#trimToMaxSize(group);
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Nobody rejoined: wait another round for the session timeouts to clear the silent members.
      this.#scheduleJoin(group, group.rebalanceTimeoutMs);
      return;
    }
    const now = this.#clock.now();
    if (group.size > 0) {
      group.generationId++;
      group.protocolName = group.selectProtocol();
      group.subscribedTopics = this.#subscribedTopics(group);
      group.transitionTo(GroupState.COMPLETING_REBALANCE, now);
    } else {
      group.generationId++;
      group.protocolName = null;
      group.subscribedTopics = null;
      group.transitionTo(GroupState.EMPTY, now);
    }
    if (group.is(GroupState.EMPTY)) {
      void this.#writeGroup(group);
      return;
    }
    const leaderMembers = group.currentMemberMetadata();
    for (const m of group.members.values()) {
      const isLeader = group.isLeader(m.memberId);
      this.#answerJoin(m, {
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId ?? '',
        skipAssignment: false,
        memberId: m.memberId,
        members: isLeader ? leaderMembers : [],
      });
      m.isNew = false;
      this.#scheduleSession(group, m, m.sessionTimeoutMs);
      group.pendingSyncMembers.add(m.memberId);
    }
    // Members must sync within the rebalance timeout or they are removed (and the group rebalances).
    const generation = group.generationId;
    group.syncTimer?.cancel();
    group.syncTimer = this.#clock.schedule(group.rebalanceTimeoutMs, () => {
      group.syncTimer = null;
      this.#expirePendingSync(group, generation);
    });
  }

  /** Past group.max.size after a rebalance (joiners replacing silent members that then stayed): newest go. */
  #trimToMaxSize(group: ClassicGroup): void {
    const extra = group.size - this.config.maxGroupSize;
    if (extra <= 0) return;
    const newest = [...group.members.values()].slice(-extra);
    for (const m of newest) this.#dropMember(group, m, ErrorCode.GROUP_MAX_SIZE_REACHED);
  }

  #subscribedTopics(group: ClassicGroup): Set<string> | null {
    if (group.protocolType !== CONSUMER_PROTOCOL_TYPE || group.protocolName === null) return null;
    const topics = new Set<string>();
    for (const m of group.members.values()) {
      const metadata = m.metadataFor(group.protocolName);
      const r = new Reader(Buffer.from(metadata.buffer, metadata.byteOffset, metadata.byteLength));
      const version = r.int16();
      if (!r.ok || version < 0) return null;
      const sub = decodeConsumerProtocolSubscription(r, Math.min(version, 3));
      if (!r.ok) return null;
      for (const t of sub.topics) topics.add(t);
    }
    return topics;
  }

  #expirePendingSync(group: ClassicGroup, generation: number): void {
    if (group.generationId !== generation) return;
    if (!group.is(GroupState.COMPLETING_REBALANCE) && !group.is(GroupState.STABLE)) return;
    const late = [...group.pendingSyncMembers];
    group.pendingSyncMembers.clear();
    for (const id of late) {
      const m = group.members.get(id);
      if (m !== undefined) this.#removeMemberAndUpdateGroup(group, m);
    }
  }

  #resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) {
      m.assignment = EMPTY_BYTES;
      this.#answerSync(m, syncError(errorCode));
    }
  }

  #propagateAssignment(group: ClassicGroup): void {
    for (const m of group.members.values()) {
      if (m.syncWaiter === null) continue;
      this.#answerSync(m, {
        errorCode: ErrorCode.NONE,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: m.assignment,
      });
      this.#scheduleSession(group, m, m.sessionTimeoutMs);
    }
  }

  // ---- membership timers ----

  #scheduleSession(group: ClassicGroup, member: GroupMember, ms: number): void {
    member.sessionTimer?.cancel();
    member.sessionTimer = this.#clock.schedule(ms, () => {
      member.sessionTimer = null;
      if (group.members.get(member.memberId) !== member) return;
      // A member parked in JoinGroup or SyncGroup cannot heartbeat; the rebalance timeout covers it.
      if (!member.isNew && (member.isAwaitingJoin || member.isAwaitingSync)) {
        this.#scheduleSession(group, member, member.sessionTimeoutMs);
        return;
      }
      this.#logger?.info(`group ${group.groupId}: member ${member.memberId} expired`);
      this.#removeMemberAndUpdateGroup(group, member);
    });
  }

  #expirePendingMember(group: ClassicGroup, memberId: string): void {
    if (!group.pendingMembers.delete(memberId)) return;
    this.#tryCompleteJoin(group);
  }

  /** Removes a member without touching the group state (the caller decides what follows). */
  #dropMember(group: ClassicGroup, member: GroupMember, errorCode: number): void {
    this.#answerJoin(member, joinError('', errorCode));
    this.#answerSync(member, syncError(errorCode));
    group.remove(member.memberId);
  }

  #removeMemberAndUpdateGroup(group: ClassicGroup, member: GroupMember): void {
    this.#dropMember(group, member, ErrorCode.UNKNOWN_MEMBER_ID);
    switch (group.state) {
      case GroupState.STABLE:
      case GroupState.COMPLETING_REBALANCE:
        this.#prepareRebalance(group);
        break;
      case GroupState.PREPARING_REBALANCE:
        this.#tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  #validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = group.currentStaticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return group.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  // ---- SyncGroup ----

  async syncGroup(p: SyncGroupParams): Promise<SyncResult> {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return syncError(serving);
    if (!this.#validGroupId(p.groupId)) return syncError(ErrorCode.INVALID_GROUP_ID);
    const group = this.#groups.get(p.groupId);
    if (group === undefined) return syncError(ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.is(GroupState.DEAD)) return syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const invalid = this.#validateMember(group, p.memberId, p.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return syncError(invalid);
    if (p.generationId !== group.generationId) return syncError(ErrorCode.ILLEGAL_GENERATION);
    if (p.protocolType !== null && p.protocolType !== group.protocolType) {
      return syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    if (p.protocolName !== null && p.protocolName !== group.protocolName) {
      return syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    const member = group.members.get(p.memberId)!;
    switch (group.state) {
      case GroupState.PREPARING_REBALANCE:
        return syncError(ErrorCode.REBALANCE_IN_PROGRESS);
      case GroupState.STABLE:
        this.#removePendingSync(group, member.memberId);
        this.#scheduleSession(group, member, member.sessionTimeoutMs);
        return {
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        };
      case GroupState.COMPLETING_REBALANCE:
        return this.#syncCompletingRebalance(group, member, p);
      default:
        return syncError(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  #syncCompletingRebalance(
    group: ClassicGroup,
    member: GroupMember,
    p: SyncGroupParams,
  ): Promise<SyncResult> {
    this.#answerSync(member, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    const synced = new Promise<SyncResult>((resolve) => {
      member.syncWaiter = resolve;
    });
    this.#removePendingSync(group, member.memberId);
    if (!group.isLeader(member.memberId)) return synced;

    const assignments = new Map<string, Uint8Array>();
    for (const a of p.assignments) {
      if (a.assignment.byteLength > this.config.maxMemberAssignmentBytes) {
        this.#answerSync(member, syncError(ErrorCode.INVALID_REQUEST));
        this.#prepareRebalance(group);
        return synced;
      }
      assignments.set(a.memberId, a.assignment);
    }
    for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY_BYTES;
    const generation = group.generationId;
    void this.#writeGroup(group).then((code) => {
      // A rebalance that began meanwhile has already answered the waiters.
      if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId !== generation) return;
      if (code !== ErrorCode.NONE) {
        this.#resetAndPropagateAssignmentError(group, groupWriteError(code));
        this.#prepareRebalance(group);
        return;
      }
      this.#propagateAssignment(group);
      group.transitionTo(GroupState.STABLE, this.#clock.now());
    });
    return synced;
  }

  #removePendingSync(group: ClassicGroup, memberId: string): void {
    if (group.pendingSyncMembers.delete(memberId) && group.pendingSyncMembers.size === 0) {
      group.syncTimer?.cancel();
      group.syncTimer = null;
    }
  }

  // ---- Heartbeat ----

  heartbeat(p: HeartbeatParams): number {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return serving;
    if (!this.#validGroupId(p.groupId)) return ErrorCode.INVALID_GROUP_ID;
    const group = this.#groups.get(p.groupId);
    if (group === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is(GroupState.DEAD)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const invalid = this.#validateMember(group, p.memberId, p.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    if (p.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    const member = group.members.get(p.memberId)!;
    switch (group.state) {
      case GroupState.PREPARING_REBALANCE:
        this.#scheduleSession(group, member, member.sessionTimeoutMs);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case GroupState.COMPLETING_REBALANCE:
      case GroupState.STABLE:
        this.#scheduleSession(group, member, member.sessionTimeoutMs);
        return ErrorCode.NONE;
      default:
        return ErrorCode.UNKNOWN_MEMBER_ID;
    }
  }

  // ---- LeaveGroup ----

  leaveGroup(groupId: string, leaving: readonly MemberIdentity[]): LeaveGroupResult {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return { errorCode: serving, members: [] };
    if (!this.#validGroupId(groupId)) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.#groups.get(groupId);
    const results: LeaveGroupResult['members'] = [];
    if (group === undefined) {
      for (const l of leaving) results.push({ ...l, errorCode: ErrorCode.UNKNOWN_MEMBER_ID });
      return { errorCode: ErrorCode.NONE, members: results };
    }
    if (group.is(GroupState.DEAD)) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    for (const l of leaving) {
      results.push({
        memberId: l.memberId,
        groupInstanceId: l.groupInstanceId,
        errorCode: this.#leaveOne(group, l),
      });
    }
    return { errorCode: ErrorCode.NONE, members: results };
  }

  #leaveOne(group: ClassicGroup, l: MemberIdentity): number {
    if (l.memberId === '') {
      // Admin removal of a static member by instance id alone.
      const current = l.groupInstanceId === null ? undefined : group.currentStaticMemberId(l.groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.#removeMemberAndUpdateGroup(group, group.members.get(current)!);
      return ErrorCode.NONE;
    }
    const pending = group.pendingMembers.get(l.memberId);
    if (pending !== undefined) {
      pending.cancel();
      group.pendingMembers.delete(l.memberId);
      this.#tryCompleteJoin(group);
      return ErrorCode.NONE;
    }
    const invalid = this.#validateMember(group, l.memberId, l.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    this.#removeMemberAndUpdateGroup(group, group.members.get(l.memberId)!);
    return ErrorCode.NONE;
  }

  // ---- DescribeGroups / ListGroups / DeleteGroups ----

  describeGroups(groupIds: readonly string[]): DescribedGroup[] {
    const serving = this.#servingError();
    return groupIds.map((groupId) => {
      const described: DescribedGroup = {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: GroupState.DEAD,
        protocolType: '',
        protocolData: '',
        members: [],
      };
      if (serving !== ErrorCode.NONE) return { ...described, errorCode: serving, groupState: '' };
      if (!this.#validGroupId(groupId, true)) {
        return { ...described, errorCode: ErrorCode.INVALID_GROUP_ID, groupState: '' };
      }
      const group = this.#groups.get(groupId);
      if (group === undefined) return described;
      described.groupState = group.state;
      described.protocolType = group.protocolType ?? '';
      const stable = group.is(GroupState.STABLE);
      // Metadata and assignments are only meaningful for a stable generation.
      const protocol = stable ? (group.protocolName ?? '') : '';
      described.protocolData = protocol;
      for (const m of group.members.values()) {
        described.members.push({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: stable ? m.metadataFor(protocol) : EMPTY_BYTES,
          memberAssignment: stable ? m.assignment : EMPTY_BYTES,
        });
      }
      return described;
    });
  }

  /** statesFilter and typesFilter match case-insensitively; empty means all. */
  listGroups(
    statesFilter: readonly string[],
    typesFilter: readonly string[],
  ): { errorCode: number; groups: ListedGroup[] } {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return { errorCode: serving, groups: [] };
    const states = new Set(statesFilter.map((s) => s.toLowerCase()));
    const types = new Set(typesFilter.map((s) => s.toLowerCase()));
    if (types.size > 0 && !types.has(CLASSIC_GROUP_TYPE)) return { errorCode: ErrorCode.NONE, groups: [] };
    const groups: ListedGroup[] = [];
    for (const g of this.#groups.values()) {
      if (g.is(GroupState.DEAD)) continue;
      if (states.size > 0 && !states.has(g.state.toLowerCase())) continue;
      groups.push({
        groupId: g.groupId,
        protocolType: g.protocolType ?? '',
        groupState: g.state,
        groupType: CLASSIC_GROUP_TYPE,
      });
    }
    return { errorCode: ErrorCode.NONE, groups };
  }

  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; errorCode: number }[]> {
    const serving = this.#servingError();
    const out: Promise<{ groupId: string; errorCode: number }>[] = [];
    for (const groupId of groupIds) {
      const done = (errorCode: number) => Promise.resolve({ groupId, errorCode });
      if (serving !== ErrorCode.NONE) out.push(done(serving));
      else if (!this.#validGroupId(groupId, true)) out.push(done(ErrorCode.INVALID_GROUP_ID));
      else {
        const group = this.#groups.get(groupId);
        if (group === undefined || group.is(GroupState.DEAD)) out.push(done(ErrorCode.GROUP_ID_NOT_FOUND));
        else if (!group.is(GroupState.EMPTY)) out.push(done(ErrorCode.NON_EMPTY_GROUP));
        else
          out.push(this.#deleteGroup(group).then((code) => ({ groupId, errorCode: groupWriteError(code) })));
      }
    }
    return Promise.all(out);
  }

  /** Marks the group Dead at once (new requests see it gone), tombstones it and its offsets, then forgets it. */
  #deleteGroup(group: ClassicGroup): Promise<number> {
    group.transitionTo(GroupState.DEAD, this.#clock.now());
    for (const t of group.pendingMembers.values()) t.cancel();
    group.pendingMembers.clear();
    group.joinTimer?.cancel();
    group.syncTimer?.cancel();
    const records: OffsetsRecord[] = [];
    for (const [topic, byPartition] of group.offsets) {
      for (const partition of byPartition.keys()) {
        records.push({ kind: 'offset', groupId: group.groupId, topic, partition, value: null });
      }
    }
    const forget = () => {
      if (this.#groups.get(group.groupId) === group) this.#groups.delete(group.groupId);
      this.#persisted.delete(group);
    };
    // A group never written (say, one a failed JoinGroup created) leaves nothing to tombstone.
    if (records.length === 0 && !this.#persisted.has(group)) {
      forget();
      return Promise.resolve(ErrorCode.NONE);
    }
    records.push({ kind: 'group', groupId: group.groupId, value: null });
    return this.#write(group, records, forget).then((code) => {
      // Forgotten either way: a failed tombstone only means the group may come back after a restart.
      forget();
      return code;
    });
  }

  // ---- OffsetCommit / OffsetFetch / OffsetDelete ----

  async commitOffsets(p: OffsetCommitParams): Promise<TopicResult[]> {
    const all = (code: number): TopicResult[] =>
      p.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((x) => ({ partitionIndex: x.partitionIndex, errorCode: code })),
      }));
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return all(serving);
    if (!this.#validGroupId(p.groupId, true)) return all(ErrorCode.INVALID_GROUP_ID);
    let group = this.#groups.get(p.groupId);
    if (group === undefined) {
      // Only a consumer outside group management (generation -1) may create a group by committing.
      if (p.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      if (this.#groups.size >= this.config.maxGroups) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      group = this.#createGroup(p.groupId);
    }
    if (group.is(GroupState.DEAD)) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (p.generationId >= 0 || p.memberId !== '' || p.groupInstanceId !== null) {
      const invalid = this.#validateMember(group, p.memberId, p.groupInstanceId);
      if (invalid !== ErrorCode.NONE) return all(invalid);
      if (p.generationId !== group.generationId) return all(ErrorCode.ILLEGAL_GENERATION);
      // The member has its JoinGroup answer but not its assignment yet: it must not commit now.
      if (group.is(GroupState.COMPLETING_REBALANCE)) return all(ErrorCode.REBALANCE_IN_PROGRESS);
      const member = group.members.get(p.memberId)!;
      this.#scheduleSession(group, member, member.sessionTimeoutMs);
    } else if (!group.is(GroupState.EMPTY)) {
      // Only members may commit for a group that has members.
      return all(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    const now = this.#clock.now();
    const results: TopicResult[] = [];
    const records: OffsetsRecord[] = [];
    const written: PartitionResult[] = [];
    let newPartitions = 0;
    for (const t of p.topics) {
      const partitions: PartitionResult[] = [];
      results.push({ name: t.name, partitions });
      for (const x of t.partitions) {
        const result: PartitionResult = { partitionIndex: x.partitionIndex, errorCode: ErrorCode.NONE };
        partitions.push(result);
        const metadata = x.committedMetadata ?? '';
        if (utf8.encode(metadata).byteLength > this.config.offsetMetadataMaxBytes) {
          result.errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
          continue;
        }
        if (t.name.length === 0 || x.partitionIndex < 0) {
          result.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          continue;
        }
        if (!group.hasOffset(t.name, x.partitionIndex)) {
          if (group.offsetCount + newPartitions >= this.config.maxOffsetsPerGroup) {
            result.errorCode = ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
            continue;
          }
          newPartitions++;
        }
        const commitTimestamp = x.commitTimestamp >= 0 ? x.commitTimestamp : now;
        const value: CommittedOffset = {
          offset: x.committedOffset,
          leaderEpoch: x.committedLeaderEpoch,
          metadata,
          commitTimestamp,
          expireTimestamp: p.retentionTimeMs >= 0 ? commitTimestamp + p.retentionTimeMs : -1,
        };
        records.push({
          kind: 'offset',
          groupId: group.groupId,
          topic: t.name,
          partition: x.partitionIndex,
          value,
        });
        written.push(result);
      }
    }
    if (records.length === 0) return results;
    const target = group;
    const code = await this.#write(target, records, () => {
      for (const r of records)
        if (r.kind === 'offset' && r.value !== null) target.setOffset(r.topic, r.partition, r.value);
    });
    if (code !== ErrorCode.NONE) {
      const mapped = commitWriteError(code);
      for (const w of written) w.errorCode = mapped;
    }
    return results;
  }

  /** One group's committed offsets; topics null means every partition the group has an offset for. */
  fetchOffsets(
    groupId: string,
    topics: readonly { name: string; partitionIndexes: number[] }[] | null,
  ): FetchedOffsets {
    const serving = this.#servingError();
    const error =
      serving !== ErrorCode.NONE
        ? serving
        : this.#validGroupId(groupId, true)
          ? ErrorCode.NONE
          : ErrorCode.INVALID_GROUP_ID;
    if (error !== ErrorCode.NONE) {
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
    const group = this.#groups.get(groupId);
    const live = group !== undefined && !group.is(GroupState.DEAD) ? group : undefined;
    const fetched = (topic: string, partitionIndex: number): FetchedPartition => {
      const o = live?.getOffset(topic, partitionIndex);
      return {
        partitionIndex,
        committedOffset: o?.offset ?? -1,
        committedLeaderEpoch: o?.leaderEpoch ?? -1,
        metadata: o?.metadata ?? '',
        errorCode: ErrorCode.NONE,
      };
    };
    if (topics === null) {
      const out: FetchedOffsets['topics'] = [];
      if (live !== undefined) {
        for (const [name, byPartition] of live.offsets) {
          out.push({ name, partitions: [...byPartition.keys()].map((i) => fetched(name, i)) });
        }
      }
      return { errorCode: ErrorCode.NONE, topics: out };
    }
    return {
      errorCode: ErrorCode.NONE,
      topics: topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((i) => fetched(t.name, i)),
      })),
    };
  }

  async deleteOffsets(
    groupId: string,
    topics: readonly { name: string; partitions: { partitionIndex: number }[] }[],
  ): Promise<OffsetDeleteResult> {
    const serving = this.#servingError();
    if (serving !== ErrorCode.NONE) return { errorCode: serving, topics: [] };
    if (!this.#validGroupId(groupId, true)) return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    const group = this.#groups.get(groupId);
    if (group === undefined || group.is(GroupState.DEAD))
      return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    if (!group.is(GroupState.EMPTY) && group.protocolType !== CONSUMER_PROTOCOL_TYPE) {
      return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };
    }
    const results: TopicResult[] = [];
    const records: OffsetsRecord[] = [];
    const written: PartitionResult[] = [];
    for (const t of topics) {
      const subscribed = !group.is(GroupState.EMPTY) && group.isSubscribedToTopic(t.name);
      const partitions: PartitionResult[] = [];
      results.push({ name: t.name, partitions });
      for (const x of t.partitions) {
        const result = {
          partitionIndex: x.partitionIndex,
          errorCode: subscribed ? ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC : ErrorCode.NONE,
        };
        partitions.push(result);
        if (subscribed || !group.hasOffset(t.name, x.partitionIndex)) continue;
        records.push({ kind: 'offset', groupId, topic: t.name, partition: x.partitionIndex, value: null });
        written.push(result);
      }
    }
    if (records.length > 0) {
      const code = await this.#write(group, records, () => {
        for (const r of records) if (r.kind === 'offset') group.deleteOffset(r.topic, r.partition);
      });
      if (code !== ErrorCode.NONE) {
        const mapped = commitWriteError(code);
        for (const w of written) w.errorCode = mapped;
      }
    }
    return { errorCode: ErrorCode.NONE, topics: results };
  }

  // ---- retention and compaction ----

  #scheduleRetentionCheck(): void {
    this.#retentionTimer = this.#clock.schedule(this.config.offsetsRetentionCheckIntervalMs, () => {
      this.#retentionTimer = null;
      if (this.#state !== 'active') return;
      void this.runRetention().finally(() => {
        if (this.#state === 'active') this.#scheduleRetentionCheck();
      });
    });
  }

  /**
   * Expires old offsets (Kafka's rules: in an empty group every offset once the group has been empty for the
   * retention, or by commit time for groups that never had members; in a consumer group the offsets of topics
   * nobody subscribes to anymore), forgets empty groups left without offsets, then compacts the log.
   * Resolves with the number of offsets expired.
   */
  async runRetention(): Promise<number> {
    if (this.#state !== 'active') return 0;
    const now = this.#clock.now();
    const retention = this.config.offsetsRetentionMs;
    const writes: Promise<unknown>[] = [];
    let expired = 0;
    for (const group of [...this.#groups.values()]) {
      if ((this.#pendingWrites.get(group) ?? 0) > 0 || group.is(GroupState.DEAD)) continue;
      const empty = group.is(GroupState.EMPTY);
      const consumerGroup = group.protocolType === CONSUMER_PROTOCOL_TYPE && group.subscribedTopics !== null;
      const records: OffsetsRecord[] = [];
      if (empty || consumerGroup) {
        for (const [topic, byPartition] of group.offsets) {
          if (!empty && group.isSubscribedToTopic(topic)) continue;
          for (const [partition, o] of byPartition) {
            let due: boolean;
            if (o.expireTimestamp >= 0) due = now >= o.expireTimestamp;
            else if (empty && group.protocolType !== null)
              due = now - group.currentStateTimestamp >= retention;
            else due = now - o.commitTimestamp >= retention;
            if (due) records.push({ kind: 'offset', groupId: group.groupId, topic, partition, value: null });
          }
        }
      }
      expired += records.length;
      const forgettable = () => empty && group.offsetCount === 0 && group.pendingMembers.size === 0;
      if (records.length > 0) {
        writes.push(
          this.#write(group, records, () => {
            for (const r of records) if (r.kind === 'offset') group.deleteOffset(r.topic, r.partition);
          }).then(() => {
            if (forgettable() && group.is(GroupState.EMPTY)) return this.#deleteGroup(group);
            return ErrorCode.NONE;
          }),
        );
      } else if (forgettable()) {
        writes.push(this.#deleteGroup(group));
      }
    }
    await Promise.all(writes);
    await this.#maybeCompact();
    return expired;
  }

  async #maybeCompact(): Promise<void> {
    const log = this.#log;
    if (log === null || this.#state !== 'active') return;
    const live = new Array<number>(log.partitions).fill(0);
    for (const g of this.#groups.values()) {
      const p = this.partitionFor(g.groupId);
      live[p] = (live[p] ?? 0) + g.offsetCount + (this.#persisted.has(g) ? 1 : 0);
    }
    const now = this.#clock.now();
    for (let p = 0; p < log.partitions; p++) {
      const inLog = log.recordsInLog(p);
      if (inLog === 0) continue;
      const bloated = inLog > Math.max(this.config.offsetsCompactionMinRecords, 2 * (live[p] ?? 0));
      const old = now - log.lastCompactedAt(p) >= this.config.offsetsSnapshotIntervalMs;
      if (!bloated && !old) continue;
      const code = await log.compact(p, () => this.#liveRecords(p));
      if (code !== ErrorCode.NONE)
        this.#logger?.warn(
          `compacting __consumer_offsets-${p} failed with ${errorName(code)} (error code ${code})`,
        );
    }
  }

  #liveRecords(partition: number): OffsetsRecord[] {
    const out: OffsetsRecord[] = [];
    for (const g of this.#groups.values()) {
      if (this.partitionFor(g.groupId) !== partition || g.is(GroupState.DEAD)) continue;
      const stored = this.#persisted.get(g);
      if (stored !== undefined) out.push({ kind: 'group', groupId: g.groupId, value: stored });
      for (const [topic, byPartition] of g.offsets) {
        for (const [p, value] of byPartition)
          out.push({ kind: 'offset', groupId: g.groupId, topic, partition: p, value });
      }
    }
    return out;
  }

  // ---- persistence ----

  #storedGroup(group: ClassicGroup): StoredGroup {
    const protocol = group.protocolName ?? '';
    return {
      protocolType: group.protocolType ?? '',
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      currentStateTimestamp: group.currentStateTimestamp,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: m.metadataFor(protocol),
        assignment: m.assignment,
      })),
    };
  }

  #writeGroup(group: ClassicGroup): Promise<number> {
    const stored = this.#storedGroup(group);
    return this.#write(group, [{ kind: 'group', groupId: group.groupId, value: stored }], () => {
      this.#persisted.set(group, stored);
    });
  }

  #write(group: ClassicGroup, records: OffsetsRecord[], apply: () => void): Promise<number> {
    if (this.#log === null) {
      apply();
      return Promise.resolve(ErrorCode.NONE);
    }
    this.#pendingWrites.set(group, (this.#pendingWrites.get(group) ?? 0) + 1);
    return this.#log.write(group.groupId, records, apply).then((code) => {
      const n = (this.#pendingWrites.get(group) ?? 1) - 1;
      if (n === 0) this.#pendingWrites.delete(group);
      else this.#pendingWrites.set(group, n);
      return code;
    });
  }

  #replay(
    loaded: Map<string, { group: StoredGroup | null; offsets: Map<string, CommittedOffset> }>,
    r: OffsetsRecord,
  ): void {
    let entry = loaded.get(r.groupId);
    if (entry === undefined) {
      entry = { group: null, offsets: new Map() };
      loaded.set(r.groupId, entry);
    }
    if (r.kind === 'group') {
      entry.group = r.value;
      return;
    }
    // JSON.stringify keeps topic names with any character apart from the partition number.
    const key = JSON.stringify([r.topic, r.partition]);
    if (r.value === null) entry.offsets.delete(key);
    else entry.offsets.set(key, r.value);
  }

  #materialize(
    loaded: Map<string, { group: StoredGroup | null; offsets: Map<string, CommittedOffset> }>,
  ): void {
    const now = this.#clock.now();
    for (const [groupId, entry] of loaded) {
      if (entry.group === null && entry.offsets.size === 0) continue;
      if (this.#groups.size >= this.config.maxGroups) {
        this.#logger?.warn(
          `more stored groups than maxGroups (${this.config.maxGroups}); loading them anyway`,
        );
      }
      const group = this.#createGroup(groupId);
      for (const [key, value] of entry.offsets) {
        const [topic, partition] = JSON.parse(key) as [string, number];
        group.setOffset(topic, partition, value);
      }
      const stored = entry.group;
      if (stored === null) continue;
      this.#persisted.set(group, stored);
      group.protocolType = stored.protocolType.length > 0 ? stored.protocolType : null;
      group.generationId = stored.generationId;
      group.protocolName = stored.protocolName;
      for (const sm of stored.members) {
        const member = new GroupMember({
          memberId: sm.memberId,
          groupInstanceId: sm.groupInstanceId,
          clientId: sm.clientId,
          clientHost: sm.clientHost,
          rebalanceTimeoutMs: sm.rebalanceTimeoutMs,
          sessionTimeoutMs: sm.sessionTimeoutMs,
          protocolType: stored.protocolType,
          protocols: [{ name: stored.protocolName ?? '', metadata: sm.subscription }],
        });
        member.assignment = sm.assignment;
        group.add(member);
      }
      group.protocolType = stored.protocolType.length > 0 ? stored.protocolType : null;
      group.leaderId =
        stored.leaderId !== null && group.members.has(stored.leaderId) ? stored.leaderId : group.leaderId;
      if (group.size > 0) {
        // A stored generation with members is the one they were consuming with: resume it as Stable, and let
        // their session timeouts decide whether they are still there.
        group.state = GroupState.STABLE;
        group.subscribedTopics = this.#subscribedTopics(group);
        for (const m of group.members.values()) this.#scheduleSession(group, m, m.sessionTimeoutMs);
      }
      group.currentStateTimestamp = stored.currentStateTimestamp >= 0 ? stored.currentStateTimestamp : now;
    }
  }

  // ---- helpers ----

  #createGroup(groupId: string): ClassicGroup {
    const group = new ClassicGroup(groupId, this.#clock.now());
    this.#groups.set(groupId, group);
    return group;
  }

  /**
   * Membership APIs need a non-empty id; the offset and admin APIs accept the empty one, as Kafka does for
   * compatibility with old clients that committed under "".
   */
  #validGroupId(groupId: string | null, allowEmpty = false): boolean {
    if (typeof groupId !== 'string' || groupId.length > this.config.maxGroupIdLength) return false;
    return allowEmpty || groupId.length > 0;
  }

  #servingError(): number {
    if (this.#state === 'loading') return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    if (this.#state === 'closed') return ErrorCode.NOT_COORDINATOR;
    return ErrorCode.NONE;
  }
}
