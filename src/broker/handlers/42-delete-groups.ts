// DeleteGroups, versions 0-2.
//
// Deletes empty groups with their committed offsets (tombstones in __consumer_offsets). A group with
// members gets NON_EMPTY_GROUP; one that does not exist, GROUP_ID_NOT_FOUND.
import { ErrorCode } from '../../protocol/errors.js';
import { DeleteGroupsApi } from '../../protocol/generated/api-keys.js';
import { createDeleteGroupsResponse } from '../../protocol/generated/delete-groups.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';

export const deleteGroups = defineHandler(DeleteGroupsApi, 0, 2, async (ctx, req) => {
  const groups = groupsOf(ctx);
  if (groups === null) {
    return createDeleteGroupsResponse({
      results: req.groupsNames.map((groupId) => ({
        groupId,
        errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
      })),
    });
  }
  return createDeleteGroupsResponse({ results: await groups.deleteGroups(req.groupsNames) });
});
