// OffsetDelete, version 0.
//
// Deletes committed offsets of a group. An empty group may lose any of them; a consumer group with members
// only those of topics no member subscribes to (the others get GROUP_SUBSCRIBED_TO_TOPIC); a non-consumer
// group with members, none (NON_EMPTY_GROUP). A missing group is GROUP_ID_NOT_FOUND. A partition of an
// unknown topic, or past its count, is UNKNOWN_TOPIC_OR_PARTITION (listed even beside a group-level error)
// and never reaches the coordinator, as in Kafka.
// Authorization (with --authorizer): DELETE on the group (else GROUP_AUTHORIZATION_FAILED), READ on each
// topic (else its partitions TOPIC_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetDeleteApi } from '../../protocol/generated/api-keys.js';
import { createOffsetDeleteResponse } from '../../protocol/generated/offset-delete.js';
import { groupsOf, splitUnknownPartitions } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const offsetDelete = defineHandler(OffsetDeleteApi, 0, 0, async (ctx, req, _v, _h, _t, session) => {
  if (!allowed(ctx.authorizer, session, AclOperation.DELETE, ResourceType.GROUP, req.groupId))
    return createOffsetDeleteResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
  const mayRead = (name: string) =>
    allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.TOPIC, name);
  const refused = req.topics
    .filter((t) => !mayRead(t.name))
    .map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      })),
    }));
  if (refused.length > 0) req = { ...req, topics: req.topics.filter((t) => mayRead(t.name)) };
  const groups = groupsOf(ctx);
  if (groups === null) return createOffsetDeleteResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
  const { known, merge } = splitUnknownPartitions(ctx, req.topics);
  const r = await groups.deleteOffsets(req.groupId, known);
  return createOffsetDeleteResponse({ errorCode: r.errorCode, topics: [...merge(r.topics), ...refused] });
});
