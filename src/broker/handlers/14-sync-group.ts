// SyncGroup, versions 0-5.
//
// The leader sends every member's assignment; followers wait for theirs. The group's assignment is written
// to __consumer_offsets before anyone is answered, so a restarted broker resumes the same generation.
// v3+ carry group.instance.id; v5+ may name the protocol type and name, checked against the group's.
// Authorization (with --authorizer): READ on the group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { SyncGroupApi } from '../../protocol/generated/api-keys.js';
import { createSyncGroupResponse } from '../../protocol/generated/sync-group.js';
import { asBuffer, groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const syncGroup = defineHandler(
  SyncGroupApi,
  0,
  5,
  async (ctx, req, version, _header, _timing, session) => {
    if (!allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
      return createSyncGroupResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
    const groups = groupsOf(ctx);
    if (groups === null) return createSyncGroupResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
    const r = await groups.syncGroup({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: version >= 3 ? req.groupInstanceId : null,
      protocolType: version >= 5 ? req.protocolType : null,
      protocolName: version >= 5 ? req.protocolName : null,
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: a.assignment })),
    });
    return createSyncGroupResponse({
      errorCode: r.errorCode,
      protocolType: r.protocolType,
      protocolName: r.protocolName,
      assignment: asBuffer(r.assignment),
    });
  },
);
