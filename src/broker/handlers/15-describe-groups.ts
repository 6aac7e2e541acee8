// DescribeGroups, versions 0-5.
//
// State, protocol and members of each group asked. Member metadata and assignments are filled in only for
// a Stable group (other states have no settled generation to show). A group that does not exist is
// reported as Dead with no error, as Kafka does before v6. v3+ may ask for authorized operations: with no
// ACLs every group operation is allowed.

// Authorization (with --authorizer): DESCRIBE on each group, else GROUP_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeGroupsApi } from '../../protocol/generated/api-keys.js';
import {
  createDescribeGroupsResponse,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
} from '../../protocol/generated/describe-groups.js';
import { asBuffer, groupsOf } from '../groups/context.js';
import { type ApiHandler, defineHandler } from '../handler.js';

const NOT_REQUESTED = -2147483648;
// AclOperation codes for groups: READ 3, DELETE 6, DESCRIBE 8.
const GROUP_OPERATIONS = [3, 6, 8].reduce((bits, op) => bits | (1 << op), 0);

export const describeGroups: ApiHandler<DescribeGroupsRequest, DescribeGroupsResponse> = defineHandler(
  DescribeGroupsApi,
  0,
  5,
  (ctx, req, version, _header, _timing, session) => {
    const authz = ctx.authorizer;
    const opsAsked = version >= 3 && req.includeAuthorizedOperations;
    const operations = (groupId: string) =>
      !opsAsked
        ? NOT_REQUESTED
        : authz === null
          ? GROUP_OPERATIONS
          : authz.authorizedOperations(session, ResourceType.GROUP, groupId);
    const refused = req.groups.filter(
      (g) => authz !== null && !authz.authorize(session, AclOperation.DESCRIBE, ResourceType.GROUP, g),
    );
    if (refused.length > 0) {
      const refusedAnswers = refused.map((groupId) => ({
        errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
        groupId,
        groupState: '',
        protocolType: '',
        protocolData: '',
        members: [],
        authorizedOperations: NOT_REQUESTED,
      }));
      const rest = req.groups.filter((g) => !refused.includes(g));
      const r: DescribeGroupsResponse =
        rest.length === 0
          ? createDescribeGroupsResponse({ groups: [] })
          : (describeGroups.handle(
              ctx,
              { ...req, groups: rest },
              version,
              _header,
              _timing,
              session,
            ) as DescribeGroupsResponse);
      r.groups.push(...refusedAnswers);
      return r;
    }
    const groups = groupsOf(ctx);
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
        authorizedOperations: g.errorCode === ErrorCode.NONE ? operations(g.groupId) : NOT_REQUESTED,
      })),
    });
  },
);
