// One classic consumer group: its members, generation, chosen protocol and committed offsets. Only data
// and the small rules that need nothing but the group itself (state transitions, protocol vote, leader
// choice, answering parked requests); the flows that involve timers and the log live in membership.ts and
// offsets.ts.
import type { Timer } from './clock.js';
import type { CommittedOffset } from './records.js';

export const GroupState = {
  EMPTY: 'Empty',
  PREPARING_REBALANCE: 'PreparingRebalance',
  COMPLETING_REBALANCE: 'CompletingRebalance',
  STABLE: 'Stable',
  DEAD: 'Dead',
} as const;
export type GroupStateName = (typeof GroupState)[keyof typeof GroupState];

export const ALL_GROUP_STATES: readonly GroupStateName[] = Object.values(GroupState);

/** States each state may be entered from (Kafka's GroupState.validPreviousStates). */
const VALID_PREVIOUS: Record<GroupStateName, readonly GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export const EMPTY_BYTES = new Uint8Array(0);

export interface MemberProtocol {
  name: string;
  metadata: Uint8Array;
}

export interface JoinMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Uint8Array;
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  skipAssignment: boolean;
  memberId: string;
  /** Every member's metadata for the chosen protocol; only the leader gets them. */
  members: JoinMember[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Uint8Array;
}

/** A JoinGroup answer carrying only an error (and the member id to report). */
export function joinError(memberId: string, errorCode: number): JoinResult {
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

export function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

export class GroupMember {
  memberId: string;
  readonly groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  readonly protocolType: string;
  protocols: MemberProtocol[];
  assignment: Uint8Array = EMPTY_BYTES;
  /** Set while a JoinGroup of this member waits for the rebalance to complete. */
  joinWaiter: ((r: JoinResult) => void) | null = null;
  /** Set while a SyncGroup of this member waits for the leader's assignment. */
  syncWaiter: ((r: SyncResult) => void) | null = null;
  /** Joined but never saw a completed rebalance: expires after newMemberJoinTimeoutMs, not the session. */
  isNew = false;
  sessionTimer: Timer | null = null;

  constructor(init: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    rebalanceTimeoutMs: number;
    sessionTimeoutMs: number;
    protocolType: string;
    protocols: MemberProtocol[];
  }) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.protocolType = init.protocolType;
    this.protocols = init.protocols;
  }

  get isAwaitingJoin(): boolean {
    return this.joinWaiter !== null;
  }

  get isAwaitingSync(): boolean {
    return this.syncWaiter !== null;
  }

  /** Answers the parked JoinGroup, if any. */
  answerJoin(result: JoinResult): void {
    const waiter = this.joinWaiter;
    if (waiter === null) return;
    this.joinWaiter = null;
    waiter(result);
  }

  /** Answers the parked SyncGroup, if any. */
  answerSync(result: SyncResult): void {
    const waiter = this.syncWaiter;
    if (waiter === null) return;
    this.syncWaiter = null;
    waiter(result);
  }

  metadataFor(protocol: string): Uint8Array {
    for (const p of this.protocols) if (p.name === protocol) return p.metadata;
    return EMPTY_BYTES;
  }

  /** Same protocols, same order, same metadata bytes: a rejoin that changes nothing. */
  matches(protocols: readonly MemberProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    for (let i = 0; i < protocols.length; i++) {
      const a = protocols[i]!;
      const b = this.protocols[i]!;
      if (a.name !== b.name || !sameBytes(a.metadata, b.metadata)) return false;
    }
    return true;
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class ClassicGroup {
  readonly groupId: string;
  state: GroupStateName = GroupState.EMPTY;
  currentStateTimestamp: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, GroupMember>();
  /** group.instance.id -> member id of the static member holding it. */
  readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, not yet joined; each expires after a session timeout. */
  readonly pendingMembers = new Map<string, Timer>();
  /** Members of the current generation that have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  /** A member joined during the initial rebalance delay: wait another delay. */
  newMemberAdded = false;
  /** Rebalance (join) deadline; initialDelay marks Kafka's InitialDelayedJoin, which never completes early. */
  joinTimer: Timer | null = null;
  joinIsInitialDelay = false;
  syncTimer: Timer | null = null;
  /** Topics the members subscribe to (consumer protocol), null when unknown. */
  subscribedTopics: Set<string> | null = null;
  /** topic -> partition -> committed offset. */
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  offsetCount = 0;

  constructor(groupId: string, now: number) {
    this.groupId = groupId;
    this.currentStateTimestamp = now;
  }

  is(state: GroupStateName): boolean {
    return this.state === state;
  }

  transitionTo(next: GroupStateName, now: number): void {
    if (!VALID_PREVIOUS[next].includes(this.state)) {
      // A broken state machine must not keep answering clients with wrong generations.
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${next}`);
    }
    this.state = next;
    this.currentStateTimestamp = now;
  }

  get size(): number {
    return this.members.size;
  }

  /**
   * The coordinator lets go of the group (its offsets partition unloads or the broker stops): every timer is
   * cancelled and every parked request answered with `errorCode`, so nothing fires on a group nobody serves.
   */
  abandon(errorCode: number): void {
    this.joinTimer?.cancel();
    this.joinTimer = null;
    this.syncTimer?.cancel();
    this.syncTimer = null;
    for (const t of this.pendingMembers.values()) t.cancel();
    for (const m of this.members.values()) {
      m.sessionTimer?.cancel();
      m.sessionTimer = null;
      m.answerJoin(joinError(m.memberId, errorCode));
      m.answerSync(syncError(errorCode));
    }
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  add(member: GroupMember): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.leaderId === null) this.leaderId = member.memberId;
  }

  remove(memberId: string): GroupMember | undefined {
    const member = this.members.get(memberId);
    if (member === undefined) return undefined;
    this.members.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
    if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
      this.staticMembers.delete(member.groupInstanceId);
    }
    member.sessionTimer?.cancel();
    member.sessionTimer = null;
    if (this.leaderId === memberId) {
      const next = this.members.keys().next();
      this.leaderId = next.done ? null : next.value;
    }
    return member;
  }

  /** Moves a static member to a new member id, keeping its place (and leadership) in the group. */
  replaceStaticMember(member: GroupMember, newMemberId: string): void {
    const oldMemberId = member.memberId;
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, newMemberId);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
  }

  currentStaticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  get numAwaitingJoin(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.isAwaitingJoin) n++;
    return n;
  }

  hasAllMembersJoined(): boolean {
    return this.pendingMembers.size === 0 && this.numAwaitingJoin === this.members.size;
  }

  /** Largest rebalance timeout among the members: how long a rebalance waits for rejoins. */
  get rebalanceTimeoutMs(): number {
    let t = 0;
    for (const m of this.members.values()) if (m.rebalanceTimeoutMs > t) t = m.rebalanceTimeoutMs;
    return t;
  }

  /**
   * Whether a (re)joining member's protocols fit the group: for an empty group any non-empty set does; else
   * the protocol type must match and one of the member's protocols must be supported by every member.
   */
  supportsProtocols(protocolType: string, protocols: readonly MemberProtocol[]): boolean {
    if (protocolType.length === 0 || protocols.length === 0) return false;
    if (this.is(GroupState.EMPTY) || this.members.size === 0) return true;
    if (this.protocolType !== protocolType) return false;
    for (const p of protocols) {
      let supportedBy = 0;
      for (const m of this.members.values()) if (m.protocols.some((q) => q.name === p.name)) supportedBy++;
      if (supportedBy === this.members.size) return true;
    }
    return false;
  }

  /**
   * The protocol of the next generation: among the protocols every member supports, each member votes for
   * the one it lists first; most votes wins, ties go to the candidate listed first by the earliest member.
   */
  selectProtocol(): string | null {
    const members = [...this.members.values()];
    const first = members[0];
    if (first === undefined) return null;
    const candidates = first.protocols
      .map((p) => p.name)
      .filter((name) => members.every((m) => m.protocols.some((q) => q.name === name)));
    if (candidates.length === 0) return null;
    const votes = new Map<string, number>();
    for (const m of members) {
      const choice = m.protocols.find((p) => candidates.includes(p.name));
      if (choice !== undefined) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best = candidates[0]!;
    for (const c of candidates) if ((votes.get(c) ?? 0) > (votes.get(best) ?? 0)) best = c;
    return best;
  }

  /** If the leader has not rejoined, hands leadership to a member that has. False when none has. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  currentMemberMetadata(): JoinMember[] {
    const protocol = this.protocolName ?? '';
    const out: JoinMember[] = [];
    for (const m of this.members.values()) {
      out.push({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        metadata: m.metadataFor(protocol),
      });
    }
    return out;
  }

  isSubscribedToTopic(topic: string): boolean {
    // Unknown subscriptions are treated as covering everything, so nothing is deleted under a member.
    return this.subscribedTopics === null || this.subscribedTopics.has(topic);
  }

  getOffset(topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(topic)?.get(partition);
  }

  hasOffset(topic: string, partition: number): boolean {
    return this.offsets.get(topic)?.has(partition) === true;
  }

  setOffset(topic: string, partition: number, value: CommittedOffset): void {
    let byPartition = this.offsets.get(topic);
    if (byPartition === undefined) {
      byPartition = new Map();
      this.offsets.set(topic, byPartition);
    }
    if (!byPartition.has(partition)) this.offsetCount++;
    byPartition.set(partition, value);
  }

  deleteOffset(topic: string, partition: number): boolean {
    const byPartition = this.offsets.get(topic);
    if (byPartition === undefined || !byPartition.delete(partition)) return false;
    this.offsetCount--;
    if (byPartition.size === 0) this.offsets.delete(topic);
    return true;
  }
}
