// DeleteGroups, versions 0-2.
//
// Deletes empty groups with their committed offsets (tombstones in __consumer_offsets). A group with
// members gets NON_EMPTY_GROUP; one that does not exist, GROUP_ID_NOT_FOUND.
// Authorization (with --authorizer): DELETE on each group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DeleteGroupsApi } from '../../protocol/generated/api-keys.js';
import { createDeleteGroupsResponse } from '../../protocol/generated/delete-groups.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const deleteGroups = defineHandler(DeleteGroupsApi, 0, 2, async (ctx, req, _v, _h, _t, session) => {
  const mayDelete = (g: string) =>
    allowed(ctx.authorizer, session, AclOperation.DELETE, ResourceType.GROUP, g);
  const asked = req.groupsNames.filter(mayDelete);
  const refused = req.groupsNames
    .filter((g) => !mayDelete(g))
    .map((groupId) => ({ groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }));
  const groups = groupsOf(ctx);
  if (groups === null) {
    return createDeleteGroupsResponse({
      results: [
        ...asked.map((groupId) => ({ groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE })),
        ...refused,
      ],
    });
  }
  const results = asked.length === 0 ? [] : await groups.deleteGroups(asked);
  return createDeleteGroupsResponse({ results: [...results, ...refused] });
});
