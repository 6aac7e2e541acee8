// CreateAcls (30) v0-3 and DeleteAcls (31) v0-3 on the active controller: the bodies become one ACL decision
// (acls.ts) against the speculative image, answered per creation or filter once its records commit. Who may
// ask was checked on the broker the client reached (ALTER on the cluster); brokers forward as themselves.
import { ErrorCode } from '../../protocol/errors.js';
import type { CreateAclsRequest, CreateAclsResponse } from '../../protocol/generated/create-acls.js';
import type {
  DeleteAclsRequest,
  DeleteAclsRequestDeleteAclsFilter,
  DeleteAclsResponse,
} from '../../protocol/generated/delete-acls.js';
import { type AclDecision, type AclFilter, createAcls, deleteAcls } from './acls.js';
import type { ControllerReply, QuorumController } from './quorum-controller.js';

export type AclControllerOps = Pick<QuorumController, 'alterAcls'>;

function call(ops: AclControllerOps, decide: Parameters<AclControllerOps['alterAcls']>[0]) {
  return new Promise<ControllerReply>((resolve) => ops.alterAcls(decide, resolve));
}

/** A whole-request error (NOT_CONTROLLER, a full metadata log) as every item's. */
function itemResults(reply: ControllerReply, n: number): { errorCode: number; message: string | null }[] {
  const d: AclDecision | undefined = reply.acls;
  if (reply.errorCode === ErrorCode.NONE && d !== undefined && d.ok) return d.results;
  return Array.from({ length: n }, () => ({ errorCode: reply.errorCode, message: reply.message ?? null }));
}

export async function handleCreateAcls(
  ops: AclControllerOps,
  req: CreateAclsRequest,
): Promise<CreateAclsResponse> {
  const bindings = req.creations.map((c) => ({
    resourceType: c.resourceType,
    resourceName: c.resourceName,
    patternType: c.resourcePatternType,
    principal: c.principal,
    host: c.host,
    operation: c.operation,
    permissionType: c.permissionType,
  }));
  const reply = await call(ops, (acls) => createAcls(acls, bindings));
  return {
    throttleTimeMs: 0,
    results: itemResults(reply, bindings.length).map((r) => ({
      errorCode: r.errorCode,
      errorMessage: r.message,
    })),
  };
}

export function deleteFilter(f: DeleteAclsRequestDeleteAclsFilter): AclFilter {
  return {
    resourceType: f.resourceTypeFilter,
    resourceName: f.resourceNameFilter,
    patternType: f.patternTypeFilter,
    principal: f.principalFilter,
    host: f.hostFilter,
    operation: f.operation,
    permissionType: f.permissionType,
  };
}

export async function handleDeleteAcls(
  ops: AclControllerOps,
  req: DeleteAclsRequest,
): Promise<DeleteAclsResponse> {
  const filters = req.filters.map(deleteFilter);
  const reply = await call(ops, (acls) => deleteAcls(acls, filters));
  const deleted =
    reply.acls?.ok === true && reply.errorCode === ErrorCode.NONE ? (reply.acls.deleted ?? []) : [];
  return {
    throttleTimeMs: 0,
    filterResults: itemResults(reply, filters.length).map((r, i) => ({
      errorCode: r.errorCode,
      errorMessage: r.message,
      matchingAcls: (deleted[i] ?? []).map((a) => ({
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        resourceType: a.resourceType,
        resourceName: a.resourceName,
        patternType: a.patternType,
        principal: a.principal,
        host: a.host,
        operation: a.operation,
        permissionType: a.permissionType,
      })),
    })),
  };
}
