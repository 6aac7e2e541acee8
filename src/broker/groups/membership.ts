// The classic membership protocol of one offsets partition's groups: Kafka's JoinGroup / SyncGroup /
// Heartbeat / LeaveGroup state machine (Empty -> PreparingRebalance -> CompletingRebalance -> Stable, and
// Dead) with static membership, rebalance and session timers.
//
// Every timer goes through the injected Clock and every group write through the GroupWriter (the
// partition's GroupMetadataManager), so the machine runs deterministically under a ManualClock. Requests
// that wait (JoinGroup until the rebalance completes, SyncGroup until the leader's assignment) return
// promises that a later event resolves; nothing else ever waits. Errors are answered as Kafka codes; only a
// broken invariant throws. The caller (GroupCoordinator) has already routed the request to the right
// partition, checked that it is served and that the group id is valid.
import { Buffer } from 'node:buffer';
import { ErrorCode } from '../../protocol/errors.js';
import { decodeConsumerProtocolSubscription } from '../../protocol/generated/consumer-protocol-subscription.js';
import { Reader } from '../../protocol/reader.js';
import type { Clock } from './clock.js';
import type { GroupConfig } from './config.js';
import {
  type ClassicGroup,
  EMPTY_BYTES,
  GroupMember,
  GroupState,
  type JoinResult,
  joinError,
  type MemberProtocol,
  type SyncResult,
  syncError,
} from './group.js';
import type {
  CoordinatorLogger,
  HeartbeatParams,
  JoinGroupParams,
  LeaveGroupResult,
  MemberIdentity,
  OffsetCommitParams,
  SyncGroupParams,
} from './requests.js';
import { groupWriteError } from './write-errors.js';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** Where membership changes are persisted: resolves with a storage error code, NONE on success. */
export interface GroupWriter {
  writeGroup(group: ClassicGroup): Promise<number>;
}

export interface GroupMembershipOptions {
  config: GroupConfig;
  clock: Clock;
  newMemberId: (prefix: string) => string;
  logger: CoordinatorLogger | null;
  writer: GroupWriter;
}

export class GroupMembership {
  readonly config: GroupConfig;
  readonly #clock: Clock;
  readonly #newMemberId: (prefix: string) => string;
  readonly #logger: CoordinatorLogger | null;
  readonly #writer: GroupWriter;

  constructor(options: GroupMembershipOptions) {
    this.config = options.config;
    this.#clock = options.clock;
    this.#newMemberId = options.newMemberId;
    this.#logger = options.logger;
    this.#writer = options.writer;
  }

  /**
   * A group replayed from the log with members: the stored generation is the one they were consuming with,
   * so it resumes as Stable and their session timeouts decide whether they are still there.
   */
  resume(group: ClassicGroup): void {
    if (group.size === 0) return;
    group.state = GroupState.STABLE;
    group.subscribedTopics = this.#subscribedTopics(group);
    for (const m of group.members.values()) this.#scheduleSession(group, m, m.sessionTimeoutMs);
  }

  /**
   * The membership part of an OffsetCommit: a member of the current generation (refreshing its session), or
   * a consumer outside group management committing for an Empty group. NONE lets the commit go on.
   */
  checkCommit(group: ClassicGroup, p: OffsetCommitParams): number {
    if (p.generationId >= 0 || p.memberId !== '' || p.groupInstanceId !== null) {
      const invalid = this.#validateMember(group, p.memberId, p.groupInstanceId);
      if (invalid !== ErrorCode.NONE) return invalid;
      if (p.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      // The member has its JoinGroup answer but not its assignment yet: it must not commit now.
      if (group.is(GroupState.COMPLETING_REBALANCE)) return ErrorCode.REBALANCE_IN_PROGRESS;
      const member = group.members.get(p.memberId)!;
      this.#scheduleSession(group, member, member.sessionTimeoutMs);
      return ErrorCode.NONE;
    }
    // Only members may commit for a group that has members.
    return group.is(GroupState.EMPTY) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  // ---- JoinGroup ----

  /** The checks of a JoinGroup that need no group: session timeout bounds and protocol limits. */
  checkJoin(p: JoinGroupParams): number {
    const cfg = this.config;
    if (p.sessionTimeoutMs < cfg.minSessionTimeoutMs || p.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return ErrorCode.INVALID_SESSION_TIMEOUT;
    }
    if (!this.#protocolsWithinLimits(p.protocols)) return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    return ErrorCode.NONE;
  }

  #protocolsWithinLimits(protocols: readonly MemberProtocol[]): boolean {
    if (protocols.length > this.config.maxProtocolsPerMember) return false;
    let bytes = 0;
    for (const pr of protocols) bytes += pr.metadata.byteLength + pr.name.length;
    return bytes <= this.config.maxMemberMetadataBytes;
  }

  /** A JoinGroup without a member id (v4+ first gets MEMBER_ID_REQUIRED); the group exists (maybe just created). */
  joinNewMember(group: ClassicGroup, p: JoinGroupParams): Promise<JoinResult> | JoinResult {
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

  joinKnownMember(group: ClassicGroup, p: JoinGroupParams): Promise<JoinResult> | JoinResult {
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
    member.answerJoin(joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    member.answerSync(syncError(ErrorCode.FENCED_INSTANCE_ID));
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
        const code = await this.#writer.writeGroup(group);
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
    member.answerJoin(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    return new Promise((resolve) => {
      member.joinWaiter = resolve;
    });
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
      void this.#writer.writeGroup(group);
      return;
    }
    const leaderMembers = group.currentMemberMetadata();
    for (const m of group.members.values()) {
      const isLeader = group.isLeader(m.memberId);
      m.answerJoin({
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
      m.answerSync(syncError(errorCode));
    }
  }

  #propagateAssignment(group: ClassicGroup): void {
    for (const m of group.members.values()) {
      if (m.syncWaiter === null) continue;
      m.answerSync({
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
    member.answerJoin(joinError('', errorCode));
    member.answerSync(syncError(errorCode));
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

  syncGroup(group: ClassicGroup | undefined, p: SyncGroupParams): Promise<SyncResult> | SyncResult {
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
    member.answerSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    const synced = new Promise<SyncResult>((resolve) => {
      member.syncWaiter = resolve;
    });
    this.#removePendingSync(group, member.memberId);
    if (!group.isLeader(member.memberId)) return synced;

    const assignments = new Map<string, Uint8Array>();
    for (const a of p.assignments) {
      if (a.assignment.byteLength > this.config.maxMemberAssignmentBytes) {
        member.answerSync(syncError(ErrorCode.INVALID_REQUEST));
        this.#prepareRebalance(group);
        return synced;
      }
      assignments.set(a.memberId, a.assignment);
    }
    for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY_BYTES;
    const generation = group.generationId;
    void this.#writer.writeGroup(group).then((code) => {
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

  heartbeat(group: ClassicGroup | undefined, p: HeartbeatParams): number {
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

  leaveGroup(group: ClassicGroup | undefined, leaving: readonly MemberIdentity[]): LeaveGroupResult {
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
}
