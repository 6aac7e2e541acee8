// OffsetCommit, versions 0-9.
//
// Commits offsets for a group, written to __consumer_offsets before the answer. Members of an active group
// commit with their generation and member id (v1+; v7+ also group.instance.id); a consumer outside group
// management commits with generation -1 and no member id, which only an Empty (or new) group accepts.
// v1 carries a commit timestamp per partition, v2-v4 a retention time for the whole request, v6+ the
// leader epoch of the committed offset. v9's member epoch is the classic generation for these groups.
// Every partition gets its own error: UNKNOWN_TOPIC_OR_PARTITION for an unknown topic or a partition past
// its count (checked first, as Kafka does: such partitions never reach the coordinator, and a request of
// only those touches no group), OFFSET_METADATA_TOO_LARGE past offset.metadata.max.bytes,
// INVALID_COMMIT_OFFSET_SIZE past the per-group offset limit or when the batch is too large to store.
// Authorization (with --authorizer): READ on the group (else every partition GROUP_AUTHORIZATION_FAILED),
// READ on each topic (else its partitions TOPIC_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetCommitApi } from '../../protocol/generated/api-keys.js';
import {
  createOffsetCommitResponse,
  type OffsetCommitRequest,
} from '../../protocol/generated/offset-commit.js';
import { groupsOf, splitUnknownPartitions } from '../groups/context.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const offsetCommit = defineHandler(
  OffsetCommitApi,
  0,
  9,
  async (ctx, req, version, _header, _timing, session) => {
    const authz = ctx.authorizer;
    const fail = (topics: typeof req.topics, errorCode: number) =>
      topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      }));
    if (!allowed(authz, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
      return createOffsetCommitResponse({ topics: fail(req.topics, ErrorCode.GROUP_AUTHORIZATION_FAILED) });
    const mayRead = (name: string) => allowed(authz, session, AclOperation.READ, ResourceType.TOPIC, name);
    if (!req.topics.every((t) => mayRead(t.name))) {
      // The refused topics answer TOPIC_AUTHORIZATION_FAILED; the others are committed.
      const refused = fail(
        req.topics.filter((t) => !mayRead(t.name)),
        ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      );
      const rest = { ...req, topics: req.topics.filter((t) => mayRead(t.name)) };
      const r =
        rest.topics.length === 0
          ? createOffsetCommitResponse({ topics: [] })
          : await offsetCommitAuthorized(ctx, rest, version);
      r.topics.push(...refused);
      return r;
    }
    return offsetCommitAuthorized(ctx, req, version);
  },
);

async function offsetCommitAuthorized(ctx: BrokerContext, req: OffsetCommitRequest, version: number) {
  const groups = groupsOf(ctx);
  if (groups === null) {
    return createOffsetCommitResponse({
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
        })),
      })),
    });
  }
  const { known, merge } = splitUnknownPartitions(ctx, req.topics);
  if (known.length === 0) return createOffsetCommitResponse({ topics: merge([]) });
  const topics = await groups.commitOffsets({
    groupId: req.groupId,
    generationId: version >= 1 ? req.generationIdOrMemberEpoch : -1,
    memberId: version >= 1 ? req.memberId : '',
    groupInstanceId: version >= 7 ? req.groupInstanceId : null,
    retentionTimeMs: version >= 2 && version <= 4 ? req.retentionTimeMs : -1,
    topics: known.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        committedLeaderEpoch: version >= 6 ? p.committedLeaderEpoch : -1,
        commitTimestamp: version === 1 ? p.commitTimestamp : -1,
        committedMetadata: p.committedMetadata,
      })),
    })),
  });
  return createOffsetCommitResponse({ topics: merge(topics) });
}
