// LeaveGroup, versions 0-5.
//
// v0-v2 remove one member (member_id); v3+ remove a batch, each by member id or, for an administrative
// removal of a static member, by group.instance.id alone, with an error per member. Before v3 the one
// member's error is the response's error, as Kafka reports it.
// Skipped: the reason field (v5+) is only informational.
// Authorization (with --authorizer): READ on the group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { LeaveGroupApi } from '../../protocol/generated/api-keys.js';
import { createLeaveGroupResponse } from '../../protocol/generated/leave-group.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const leaveGroup = defineHandler(
  LeaveGroupApi,
  0,
  5,
  (ctx, req, version, _header, _timing, session) => {
    if (!allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
      return createLeaveGroupResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
    const groups = groupsOf(ctx);
    if (groups === null) return createLeaveGroupResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
    const leaving =
      version >= 3
        ? req.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId }))
        : [{ memberId: req.memberId, groupInstanceId: null }];
    const r = groups.leaveGroup(req.groupId, leaving);
    if (version < 3) {
      return createLeaveGroupResponse({
        errorCode: r.errorCode !== ErrorCode.NONE ? r.errorCode : (r.members[0]?.errorCode ?? ErrorCode.NONE),
      });
    }
    return createLeaveGroupResponse({ errorCode: r.errorCode, members: r.members });
  },
);
