// ListGroups, versions 0-5.
//
// Every group this coordinator holds (not Dead). v4+ filter by state, v5+ by type; both case-insensitive.
// Every group here is of type "classic".
import { ErrorCode } from '../../protocol/errors.js';
import { ListGroupsApi } from '../../protocol/generated/api-keys.js';
import { createListGroupsResponse } from '../../protocol/generated/list-groups.js';
import { groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';

export const listGroups = defineHandler(ListGroupsApi, 0, 5, (ctx, req, version) => {
  const groups = groupsOf(ctx);
  if (groups === null) return createListGroupsResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
  const r = groups.listGroups(version >= 4 ? req.statesFilter : [], version >= 5 ? req.typesFilter : []);
  return createListGroupsResponse({ errorCode: r.errorCode, groups: r.groups });
});
