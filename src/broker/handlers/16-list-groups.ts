// ListGroups, versions 0-5.
//
// Every group this coordinator holds (not Dead). v4+ filter by state, v5+ by type; both case-insensitive.
// Every group here is of type "classic".
// Authorization (with --authorizer): every group with DESCRIBE on the cluster, else only the groups the
// principal may DESCRIBE (no error).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ListGroupsApi } from '../../protocol/generated/api-keys.js';
import { createListGroupsResponse } from '../../protocol/generated/list-groups.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';

export const listGroups = defineHandler(
  ListGroupsApi,
  0,
  5,
  (ctx, req, version, _header, _timing, session) => {
    const groups = groupsOf(ctx);
    if (groups === null) return createListGroupsResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
    const r = groups.listGroups(version >= 4 ? req.statesFilter : [], version >= 5 ? req.typesFilter : []);
    const authz = ctx.authorizer;
    const visible =
      authz === null || authz.authorizeCluster(session, AclOperation.DESCRIBE)
        ? r.groups
        : r.groups.filter((g) =>
            authz.authorize(session, AclOperation.DESCRIBE, ResourceType.GROUP, g.groupId),
          );
    return createListGroupsResponse({ errorCode: r.errorCode, groups: visible });
  },
);
