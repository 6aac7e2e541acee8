// What the group APIs take and answer, as the coordinator sees them (the handlers map wire fields to these).
import type { MemberProtocol } from './group.js';

export interface CoordinatorLogger {
  info(msg: string): void;
  warn(msg: string): void;
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
