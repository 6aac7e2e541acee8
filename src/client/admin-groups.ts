// Consumer-group administration for Admin, with KafkaJS's method names and result shapes (offsets are
// numbers here, not strings): list, describe and delete groups, read committed offsets with the lag behind
// each partition's high watermark, and set or reset a group's offsets. Group requests go to the group's
// coordinator (FindCoordinator); ListGroups is asked of every broker, since each lists only its own groups.
import {
  DeleteGroupsApi,
  DescribeGroupsApi,
  ListGroupsApi,
  OffsetFetchApi,
} from '../protocol/generated/api-keys.js';
import { createOffsetFetchRequest } from '../protocol/generated/offset-fetch.js';
import type { Cluster } from './cluster.js';
import { listOffsets, type TopicPartition } from './consumer.js';
import { CONSUMER_PROTOCOL_TYPE, decodeAssignment } from './consumer-protocol.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';
import { CoordinatorLink } from './group-coordinator.js';

export interface GroupOverview {
  groupId: string;
  protocolType: string;
  /** '' from brokers older than ListGroups v4. */
  groupState: string;
}

export interface GroupMemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
  /** The partitions in memberAssignment, for consumer groups (empty otherwise or when undecodable). */
  assignment: TopicPartition[];
}

export interface GroupDescription {
  groupId: string;
  /** Per group, as KafkaJS: a group this broker does not coordinate is reported, not thrown. */
  errorCode: number;
  /** Empty, PreparingRebalance, CompletingRebalance, Stable or Dead. */
  state: string;
  protocolType: string;
  /** The assignor the group chose. */
  protocol: string;
  members: GroupMemberDescription[];
}

export interface PartitionOffsetAndLag {
  partition: number;
  /** Committed offset; -1 when the group has none for the partition. */
  offset: number;
  metadata: string | null;
  highWatermark: number;
  /** highWatermark - offset, or null without a committed offset. */
  lag: number | null;
}

export interface TopicOffsets {
  topic: string;
  partitions: PartitionOffsetAndLag[];
}

const linkFor = (cluster: Cluster, groupId: string) => {
  if (typeof groupId !== 'string' || groupId.length === 0)
    throw new ClientError('groupId must be a non-empty string');
  return new CoordinatorLink(cluster, cluster, groupId);
};

export async function listGroups(cluster: Cluster): Promise<{ groups: GroupOverview[] }> {
  await cluster.fetchMetadata([], false);
  const groups: GroupOverview[] = [];
  for (const id of [...cluster.brokers.keys()].sort((a, b) => a - b)) {
    const res = await cluster.connectionFor(id).request(ListGroupsApi, { statesFilter: [], typesFilter: [] });
    if (res.errorCode !== ErrorCode.NONE) throw new KafkaError(res.errorCode, `ListGroups on broker ${id}`);
    for (const g of res.groups)
      groups.push({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.groupState });
  }
  groups.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  return { groups };
}

export async function describeGroups(
  cluster: Cluster,
  groupIds: readonly string[],
): Promise<{ groups: GroupDescription[] }> {
  const groups = await Promise.all(
    groupIds.map(async (groupId) => {
      const res = await linkFor(cluster, groupId).request(DescribeGroupsApi, {
        groups: [groupId],
        includeAuthorizedOperations: false,
      });
      const g = res.groups[0];
      if (g === undefined)
        throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `DescribeGroups ${groupId}: no answer`);
      return {
        groupId: g.groupId,
        errorCode: g.errorCode,
        state: g.groupState,
        protocolType: g.protocolType,
        protocol: g.protocolData,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.memberMetadata,
          memberAssignment: m.memberAssignment,
          assignment: g.protocolType === CONSUMER_PROTOCOL_TYPE ? partitionsOf(m.memberAssignment) : [],
        })),
      };
    }),
  );
  return { groups };
}

function partitionsOf(assignment: Buffer): TopicPartition[] {
  try {
    return assignment.length === 0 ? [] : decodeAssignment(assignment).partitions;
  } catch {
    return [];
  }
}

/** Deletes groups (they must have no members: NON_EMPTY_GROUP); throws the first group's error. */
export async function deleteGroups(
  cluster: Cluster,
  groupIds: readonly string[],
): Promise<{ groupId: string; errorCode: number }[]> {
  const results = await Promise.all(
    groupIds.map(async (groupId) => {
      const res = await linkFor(cluster, groupId).request(DeleteGroupsApi, { groupsNames: [groupId] });
      return { groupId, errorCode: res.results[0]?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR };
    }),
  );
  const failed = results.find((r) => r.errorCode !== ErrorCode.NONE);
  if (failed !== undefined) throw new KafkaError(failed.errorCode, `delete group ${failed.groupId}`);
  return results;
}

/**
 * A group's committed offsets: for `topics` (every partition of each), or for every partition the group
 * has committed when omitted. Each with the partition's high watermark and the lag behind it.
 */
export async function fetchOffsets(
  cluster: Cluster,
  opts: { groupId: string; topics?: readonly string[] },
): Promise<TopicOffsets[]> {
  const link = linkFor(cluster, opts.groupId);
  let wanted: { name: string; partitionIndexes: number[] }[] | null = null;
  if (opts.topics !== undefined) {
    wanted = [];
    for (const topic of opts.topics) {
      const info = await cluster.topic(topic, cluster.requestTimeoutMs);
      wanted.push({ name: topic, partitionIndexes: info.partitions.map((p) => p.partition) });
    }
  }
  const res = await link.request(
    OffsetFetchApi,
    createOffsetFetchRequest({
      groupId: opts.groupId,
      topics: wanted,
      groups: [{ groupId: opts.groupId, memberId: null, memberEpoch: -1, topics: wanted }],
      requireStable: true,
    }),
  );
  const group = res.groups[0] ?? res;
  if (group.errorCode !== ErrorCode.NONE)
    throw new KafkaError(group.errorCode, `OffsetFetch ${opts.groupId}`);
  const committed: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
  for (const t of group.topics) {
    for (const p of t.partitions) {
      if (p.errorCode !== ErrorCode.NONE)
        throw new KafkaError(p.errorCode, `OffsetFetch ${opts.groupId} ${t.name}-${p.partitionIndex}`);
      committed.push({
        topic: t.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        metadata: p.metadata === '' ? null : p.metadata,
      });
    }
  }
  // High watermarks of the partitions that still exist (a deleted topic keeps its offsets for a while).
  const counts = new Map<string, number>();
  for (const c of committed) {
    if (counts.has(c.topic)) continue;
    const count = await cluster.topic(c.topic, cluster.requestTimeoutMs).then(
      (info) => info.partitions.length,
      () => 0,
    );
    counts.set(c.topic, count);
  }
  const live: TopicPartition[] = committed
    .filter((c) => c.partition < (counts.get(c.topic) ?? 0))
    .map((c) => ({ topic: c.topic, partition: c.partition }));
  const ends = live.length > 0 ? await listOffsets(cluster, live, -1) : [];
  const hw = new Map(ends.map((e) => [`${e.topic}\u0000${e.partition}`, e.offset]));
  const byTopic = new Map<string, PartitionOffsetAndLag[]>();
  for (const c of committed) {
    const highWatermark = hw.get(`${c.topic}\u0000${c.partition}`) ?? -1;
    const list = byTopic.get(c.topic) ?? [];
    list.push({
      partition: c.partition,
      offset: c.offset,
      metadata: c.metadata,
      highWatermark,
      lag: c.offset >= 0 && highWatermark >= 0 ? Math.max(0, highWatermark - c.offset) : null,
    });
    byTopic.set(c.topic, list);
  }
  return [...byTopic.keys()].sort().map((topic) => ({
    topic,
    partitions: byTopic.get(topic)!.sort((a, b) => a.partition - b.partition),
  }));
}

/**
 * Commits offsets for a group with no active members (NON_EMPTY_GROUP otherwise, as committing outside
 * the generation would race the members' own commits).
 */
export async function setOffsets(
  cluster: Cluster,
  opts: { groupId: string; topic: string; partitions: readonly { partition: number; offset: number }[] },
): Promise<void> {
  if (opts.partitions.length === 0) throw new ClientError('setOffsets needs at least one partition');
  for (const p of opts.partitions) {
    if (!Number.isSafeInteger(p.offset) || p.offset < 0)
      throw new ClientError(`invalid offset ${p.offset} for ${opts.topic}-${p.partition}`);
  }
  const link = linkFor(cluster, opts.groupId);
  const [described] = (await describeGroups(cluster, [opts.groupId])).groups;
  if (described !== undefined && described.errorCode === ErrorCode.NONE && described.members.length > 0) {
    throw new KafkaError(
      ErrorCode.NON_EMPTY_GROUP,
      `group ${opts.groupId} has ${described.members.length} active members (state ${described.state}); stop them first`,
    );
  }
  const info = await cluster.topic(opts.topic, cluster.requestTimeoutMs);
  for (const p of opts.partitions) {
    if (p.partition < 0 || p.partition >= info.partitions.length)
      throw new KafkaError(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `${opts.topic} has no partition ${p.partition}`,
      );
  }
  await link.commit(
    opts.partitions.map((p) => ({ topic: opts.topic, partition: p.partition, offset: p.offset })),
    { generationId: -1, memberId: '', groupInstanceId: null },
    Date.now() + cluster.requestTimeoutMs,
  );
}

/** Moves a group (with no active members) to the earliest or, by default, the latest offsets of a topic. */
export async function resetOffsets(
  cluster: Cluster,
  opts: { groupId: string; topic: string; earliest?: boolean },
): Promise<void> {
  const info = await cluster.topic(opts.topic, cluster.requestTimeoutMs);
  const tps = info.partitions.map((p) => ({ topic: opts.topic, partition: p.partition }));
  const offsets = await listOffsets(cluster, tps, opts.earliest === true ? -2 : -1);
  await setOffsets(cluster, {
    groupId: opts.groupId,
    topic: opts.topic,
    partitions: offsets.map((o) => ({ partition: o.partition, offset: o.offset })),
  });
}
