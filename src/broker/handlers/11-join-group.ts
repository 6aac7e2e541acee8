// JoinGroup, versions 0-9.
//
// The classic rebalance protocol (groups/membership.ts, reached through groups/coordinator.ts). Version
// differences: v0 has no rebalance timeout (the session timeout stands in); v4+ answer a member without an
// id with MEMBER_ID_REQUIRED and the id to rejoin with; v5+ carry group.instance.id (static membership);
// v7+ echo the protocol type; v9 lets a replaced static leader skip assignment. The response waits until
// the rebalance completes.
// Skipped: the reason field (v8+) is only informational.
// Authorization (with --authorizer): READ on the group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { JoinGroupApi } from '../../protocol/generated/api-keys.js';
import { createJoinGroupResponse } from '../../protocol/generated/join-group.js';
import { asBuffer, groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const joinGroup = defineHandler(
  JoinGroupApi,
  0,
  9,
  async (ctx, req, version, header, _timing, session) => {
    if (!allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
      return createJoinGroupResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, generationId: -1 });
    const groups = groupsOf(ctx);
    if (groups === null) {
      return createJoinGroupResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, generationId: -1 });
    }
    const r = await groups.joinGroup({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: version >= 5 ? req.groupInstanceId : null,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: version >= 1 ? req.rebalanceTimeoutMs : -1,
      protocolType: req.protocolType,
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: p.metadata })),
      clientId: header.clientId ?? '',
      clientHost: '',
      requireKnownMemberId: version >= 4,
      supportSkipAssignment: version >= 9,
    });
    return createJoinGroupResponse({
      errorCode: r.errorCode,
      generationId: r.generationId,
      protocolType: r.protocolType,
      // Before v7 the protocol name is not nullable: an error answers with "".
      protocolName: version >= 7 ? r.protocolName : (r.protocolName ?? ''),
      leader: r.leader,
      skipAssignment: r.skipAssignment,
      memberId: r.memberId,
      members: r.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        metadata: asBuffer(m.metadata),
      })),
    });
  },
);
