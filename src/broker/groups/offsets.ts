// Committed offsets of one offsets partition's groups: OffsetCommit, OffsetFetch and OffsetDelete against
// the GroupMetadataManager's cache, every change written to __consumer_offsets before the cache (and the
// client) sees it. The caller (GroupCoordinator) has routed the request, checked the partition is served,
// the group id valid and the topics known.
import { ErrorCode } from '../../protocol/errors.js';
import type { Clock } from './clock.js';
import type { GroupConfig } from './config.js';
import { type ClassicGroup, GroupState } from './group.js';
import { CONSUMER_PROTOCOL_TYPE, type GroupMembership } from './membership.js';
import type { GroupMetadataManager } from './metadata-manager.js';
import type { CommittedOffset, OffsetsRecord } from './records.js';
import type {
  FetchedOffsets,
  FetchedPartition,
  OffsetCommitParams,
  OffsetDeleteResult,
  PartitionResult,
  TopicResult,
} from './requests.js';
import { commitWriteError } from './write-errors.js';

const utf8 = new TextEncoder();

/** Every partition of the request answered with one code. */
export function commitResults(p: OffsetCommitParams, code: number): TopicResult[] {
  return p.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((x) => ({ partitionIndex: x.partitionIndex, errorCode: code })),
  }));
}

export class GroupOffsets {
  readonly #config: GroupConfig;
  readonly #clock: Clock;
  readonly #manager: GroupMetadataManager;
  readonly #membership: GroupMembership;

  constructor(config: GroupConfig, clock: Clock, manager: GroupMetadataManager) {
    this.#config = config;
    this.#clock = clock;
    this.#manager = manager;
    this.#membership = manager.membership;
  }

  /** OffsetCommit for a group in the cache (the coordinator creates one for a commit outside group management). */
  async commit(group: ClassicGroup, p: OffsetCommitParams): Promise<TopicResult[]> {
    if (group.is(GroupState.DEAD)) return commitResults(p, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const invalid = this.#membership.checkCommit(group, p);
    if (invalid !== ErrorCode.NONE) return commitResults(p, invalid);
    const { results, records, written } = this.#commitRecords(group, p);
    if (records.length === 0) return results;
    const code = await this.#manager.write(group, records, () => {
      for (const r of records)
        if (r.kind === 'offset' && r.value !== null) group.setOffset(r.topic, r.partition, r.value);
    });
    if (code !== ErrorCode.NONE) {
      const mapped = commitWriteError(code);
      for (const w of written) w.errorCode = mapped;
    }
    return results;
  }

  /**
   * TxnOffsetCommit: the offsets are written in the producer's transaction and stay pending (invisible to
   * OffsetFetch) until its COMMIT marker. Member and generation are checked only when the request names
   * them (v3+ clients in a group); v0-2 commits come from a producer outside the group.
   */
  async txnCommit(
    group: ClassicGroup,
    producerId: number,
    producerEpoch: number,
    p: OffsetCommitParams,
    guard?: () => number,
  ): Promise<TopicResult[]> {
    if (group.is(GroupState.DEAD)) return commitResults(p, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (p.generationId >= 0 || p.memberId !== '' || p.groupInstanceId !== null) {
      const invalid = this.#membership.checkCommit(group, p);
      if (invalid !== ErrorCode.NONE) return commitResults(p, invalid);
    }
    const { results, records, written } = this.#commitRecords(group, p);
    if (records.length === 0) return results;
    const code = await this.#manager.writeTxnOffsets(group, producerId, producerEpoch, records, guard);
    if (code !== ErrorCode.NONE) {
      const mapped = code === ErrorCode.INVALID_PRODUCER_EPOCH ? code : commitWriteError(code);
      for (const w of written) w.errorCode = mapped;
    }
    return results;
  }

  #commitRecords(
    group: ClassicGroup,
    p: OffsetCommitParams,
  ): { results: TopicResult[]; records: OffsetsRecord[]; written: PartitionResult[] } {
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
        if (utf8.encode(metadata).byteLength > this.#config.offsetMetadataMaxBytes) {
          result.errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
          continue;
        }
        if (t.name.length === 0 || x.partitionIndex < 0) {
          result.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          continue;
        }
        if (!group.hasOffset(t.name, x.partitionIndex)) {
          if (group.offsetCount + newPartitions >= this.#config.maxOffsetsPerGroup) {
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
    return { results, records, written };
  }

  /** One group's committed offsets; topics null means every partition the group has an offset for. */
  fetch(
    group: ClassicGroup | undefined,
    topics: readonly { name: string; partitionIndexes: number[] }[] | null,
    requireStable = false,
  ): FetchedOffsets {
    const live = group !== undefined && !group.is(GroupState.DEAD) ? group : undefined;
    const pending = this.#manager.txnOffsets;
    const fetched = (topic: string, partitionIndex: number): FetchedPartition => {
      // require_stable (OffsetFetch v7+): an offset an open transaction may still change is not answered.
      if (requireStable && live !== undefined && pending.isPending(live.groupId, topic, partitionIndex)) {
        return {
          partitionIndex,
          committedOffset: -1,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT,
        };
      }
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

  async delete(
    group: ClassicGroup | undefined,
    topics: readonly { name: string; partitions: { partitionIndex: number }[] }[],
  ): Promise<OffsetDeleteResult> {
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
        records.push({
          kind: 'offset',
          groupId: group.groupId,
          topic: t.name,
          partition: x.partitionIndex,
          value: null,
        });
        written.push(result);
      }
    }
    if (records.length > 0) {
      const code = await this.#manager.write(group, records, () => {
        for (const r of records) if (r.kind === 'offset') group.deleteOffset(r.topic, r.partition);
      });
      if (code !== ErrorCode.NONE) {
        const mapped = commitWriteError(code);
        for (const w of written) w.errorCode = mapped;
      }
    }
    return { errorCode: ErrorCode.NONE, topics: results };
  }
}
