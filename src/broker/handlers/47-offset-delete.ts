// OffsetDelete, version 0.
//
// Deletes committed offsets of a group. An empty group may lose any of them; a consumer group with members
// only those of topics no member subscribes to (the others get GROUP_SUBSCRIBED_TO_TOPIC); a non-consumer
// group with members, none (NON_EMPTY_GROUP). A missing group is GROUP_ID_NOT_FOUND. A partition of an
// unknown topic, or past its count, is UNKNOWN_TOPIC_OR_PARTITION (listed even beside a group-level error)
// and never reaches the coordinator, as in Kafka.
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetDeleteApi } from '../../protocol/generated/api-keys.js';
import { createOffsetDeleteResponse } from '../../protocol/generated/offset-delete.js';
import { groupsOf, splitUnknownPartitions } from '../groups/context.js';
import { defineHandler } from '../handler.js';

export const offsetDelete = defineHandler(OffsetDeleteApi, 0, 0, async (ctx, req) => {
  const groups = groupsOf(ctx);
  if (groups === null) return createOffsetDeleteResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
  const { known, merge } = splitUnknownPartitions(ctx, req.topics);
  const r = await groups.deleteOffsets(req.groupId, known);
  return createOffsetDeleteResponse({ errorCode: r.errorCode, topics: merge(r.topics) });
});
