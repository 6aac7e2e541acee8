// Heartbeat, versions 0-4.
//
// Keeps a member's session alive. REBALANCE_IN_PROGRESS tells it to rejoin; ILLEGAL_GENERATION,
// UNKNOWN_MEMBER_ID and (v3+, static members) FENCED_INSTANCE_ID tell it it is out of date or out.
// Authorization (with --authorizer): READ on the group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { HeartbeatApi } from '../../protocol/generated/api-keys.js';
import { createHeartbeatResponse } from '../../protocol/generated/heartbeat.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const heartbeat = defineHandler(HeartbeatApi, 0, 4, (ctx, req, version, _header, _timing, session) => {
  if (!allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
    return createHeartbeatResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
  const groups = groupsOf(ctx);
  const errorCode =
    groups === null
      ? ErrorCode.COORDINATOR_NOT_AVAILABLE
      : groups.heartbeat({
          groupId: req.groupId,
          generationId: req.generationId,
          memberId: req.memberId,
          groupInstanceId: version >= 3 ? req.groupInstanceId : null,
        });
  return createHeartbeatResponse({ errorCode });
});
