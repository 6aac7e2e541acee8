// OffsetFetch, versions 0-9.
//
// Committed offsets from the coordinator's cache (every commit there is already in __consumer_offsets).
// v0-v7 ask for one group, v8+ for several, each with its own error. A null topic list (v2+) means every
// partition the group has an offset for. A partition without one answers offset -1 and no error, also for
// a topic that does not exist (or no longer does): Kafka's coordinator-backed OffsetFetch checks no topic
// either, only its removed ZooKeeper-backed v0 did. v0-v1 have no top-level error field, so a coordinator
// error is repeated on every partition. require_stable (v7+): a partition with an offset pending in an open
// transaction (TxnOffsetCommit) answers UNSTABLE_OFFSET_COMMIT, which clients retry.
// Skipped: v9's member id and epoch, which only consumer-protocol (KIP-848) groups check.
// Authorization (with --authorizer): DESCRIBE on the group (GROUP_AUTHORIZATION_FAILED) and on each topic.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetFetchApi } from '../../protocol/generated/api-keys.js';
import {
  createOffsetFetchResponse,
  type OffsetFetchResponseOffsetFetchResponseGroup,
} from '../../protocol/generated/offset-fetch.js';
import { groupsOf } from '../groups/context.js';
import type { FetchedOffsets, GroupCoordinator } from '../groups/coordinator.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import type { Session } from '../security/session.js';

type TopicsAsked = { name: string; partitionIndexes: number[] }[] | null;

function fetchOne(
  groups: GroupCoordinator | null,
  groupId: string,
  topics: TopicsAsked,
  requireStable: boolean,
): FetchedOffsets {
  if (groups !== null) return groups.fetchOffsets(groupId, topics, requireStable);
  const errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
  return {
    errorCode,
    topics: (topics ?? []).map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => ({
        partitionIndex,
        committedOffset: -1,
        committedLeaderEpoch: -1,
        metadata: '',
        errorCode,
      })),
    })),
  };
}

/**
 * DESCRIBE on the group first (else GROUP_AUTHORIZATION_FAILED, with every asked partition); topics asked
 * that the principal may not DESCRIBE answer TOPIC_AUTHORIZATION_FAILED, and an all-topics answer leaves
 * them out.
 */
function authorizedFetch(
  ctx: BrokerContext,
  session: Session,
  groups: GroupCoordinator | null,
  groupId: string,
  topics: TopicsAsked,
  requireStable: boolean,
): FetchedOffsets {
  const authz = ctx.authorizer;
  if (authz === null) return fetchOne(groups, groupId, topics, requireStable);
  const failed = (ts: NonNullable<TopicsAsked>, errorCode: number) =>
    ts.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => ({
        partitionIndex,
        committedOffset: -1,
        committedLeaderEpoch: -1,
        metadata: '',
        errorCode,
      })),
    }));
  if (!authz.authorize(session, AclOperation.DESCRIBE, ResourceType.GROUP, groupId)) {
    return {
      errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
      topics: failed(topics ?? [], ErrorCode.GROUP_AUTHORIZATION_FAILED),
    };
  }
  const describable = (name: string) =>
    authz.authorize(session, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
  if (topics === null) {
    const r = fetchOne(groups, groupId, null, requireStable);
    return { ...r, topics: r.topics.filter((t) => describable(t.name)) };
  }
  const r = fetchOne(
    groups,
    groupId,
    topics.filter((t) => describable(t.name)),
    requireStable,
  );
  const refused = topics.filter((t) => !describable(t.name));
  return { ...r, topics: [...r.topics, ...failed(refused, ErrorCode.TOPIC_AUTHORIZATION_FAILED)] };
}

export const offsetFetch = defineHandler(
  OffsetFetchApi,
  0,
  9,
  (ctx, req, version, _header, _timing, session) => {
    const groups = groupsOf(ctx);
    if (version >= 8) {
      const results: OffsetFetchResponseOffsetFetchResponseGroup[] = req.groups.map((g) => {
        const r = authorizedFetch(ctx, session, groups, g.groupId, g.topics, req.requireStable);
        return { groupId: g.groupId, errorCode: r.errorCode, topics: r.topics };
      });
      return createOffsetFetchResponse({ groups: results });
    }
    // Before v2 there is no "all topics" request: an empty list asks for nothing.
    const topics = version < 2 && req.topics === null ? [] : req.topics;
    const r = authorizedFetch(ctx, session, groups, req.groupId, topics, version >= 7 && req.requireStable);
    return createOffsetFetchResponse({
      errorCode: version >= 2 ? r.errorCode : ErrorCode.NONE,
      topics: r.topics,
    });
  },
);
