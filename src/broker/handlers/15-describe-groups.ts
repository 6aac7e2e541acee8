// DescribeGroups, versions 0-5.
//
// State, protocol and members of each group asked. Member metadata and assignments are filled in only for
// a Stable group (other states have no settled generation to show). A group that does not exist is
// reported as Dead with no error, as Kafka does before v6. v3+ may ask for authorized operations: with no
// ACLs every group operation is allowed.

import { ErrorCode } from '../../protocol/errors.js';
import { DescribeGroupsApi } from '../../protocol/generated/api-keys.js';
import { createDescribeGroupsResponse } from '../../protocol/generated/describe-groups.js';
import { asBuffer, groupsOf } from '../groups/context.js';
import { defineHandler } from '../handler.js';

const NOT_REQUESTED = -2147483648;
// AclOperation codes for groups: READ 3, DELETE 6, DESCRIBE 8.
const GROUP_OPERATIONS = [3, 6, 8].reduce((bits, op) => bits | (1 << op), 0);

export const describeGroups = defineHandler(DescribeGroupsApi, 0, 5, (ctx, req, version) => {
  const groups = groupsOf(ctx);
  const operations = version >= 3 && req.includeAuthorizedOperations ? GROUP_OPERATIONS : NOT_REQUESTED;
  if (groups === null) {
    return createDescribeGroupsResponse({
      groups: req.groups.map((groupId) => ({
        errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
        groupId,
        groupState: '',
        protocolType: '',
        protocolData: '',
        members: [],
        authorizedOperations: NOT_REQUESTED,
      })),
    });
  }
  return createDescribeGroupsResponse({
    groups: groups.describeGroups(req.groups).map((g) => ({
      ...g,
      members: g.members.map((m) => ({
        ...m,
        memberMetadata: asBuffer(m.memberMetadata),
        memberAssignment: asBuffer(m.memberAssignment),
      })),
      authorizedOperations: g.errorCode === ErrorCode.NONE ? operations : NOT_REQUESTED,
    })),
  });
});
