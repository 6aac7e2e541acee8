// DescribeAcls, versions 0-3 (v2+ flexible; v1+ carries the pattern type filter, v0 means LITERAL).
//
// Answered from this broker's metadata image (the ACLs every broker applies from the metadata log), grouped
// by resource pattern as Kafka does. Needs DESCRIBE on the cluster (CLUSTER_AUTHORIZATION_FAILED); without
// an authorizer SECURITY_DISABLED; a filter with an UNKNOWN code INVALID_REQUEST.
import { AclOperation, filterProblem } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeAclsApi } from '../../protocol/generated/api-keys.js';
import type {
  DescribeAclsResponse,
  DescribeAclsResponseDescribeAclsResource,
} from '../../protocol/generated/describe-acls.js';
import { defineHandler } from '../handler.js';
import { refusedAclRequest } from '../security/acl-requests.js';

export const describeAcls = defineHandler(DescribeAclsApi, 0, 3, (ctx, req, _version, _h, _t, session) => {
  const error = (errorCode: number, errorMessage: string): DescribeAclsResponse => ({
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
    resources: [],
  });
  const refused = refusedAclRequest(ctx.authorizer, session, AclOperation.DESCRIBE);
  if (refused !== null) return error(refused.code, refused.message);
  const filter = {
    resourceType: req.resourceTypeFilter,
    resourceName: req.resourceNameFilter,
    patternType: req.patternTypeFilter,
    principal: req.principalFilter,
    host: req.hostFilter,
    operation: req.operation,
    permissionType: req.permissionType,
  };
  const problem = filterProblem(filter);
  if (problem !== null) return error(ErrorCode.INVALID_REQUEST, problem);
  const byPattern = new Map<string, DescribeAclsResponseDescribeAclsResource>();
  for (const acl of ctx.cluster.image.acls.matching(filter)) {
    const key = `${acl.resourceType}\u0000${acl.patternType}\u0000${acl.resourceName}`;
    let r = byPattern.get(key);
    if (r === undefined) {
      r = {
        resourceType: acl.resourceType,
        resourceName: acl.resourceName,
        patternType: acl.patternType,
        acls: [],
      };
      byPattern.set(key, r);
    }
    r.acls.push({
      principal: acl.principal,
      host: acl.host,
      operation: acl.operation,
      permissionType: acl.permissionType,
    });
  }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    resources: [...byPattern.values()],
  };
});
