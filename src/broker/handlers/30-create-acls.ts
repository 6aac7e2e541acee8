// CreateAcls, versions 0-3 (v2+ flexible; v0 takes LITERAL patterns only, as Kafka's request validation).
//
// Needs ALTER on the cluster (CLUSTER_AUTHORIZATION_FAILED on every creation); without an authorizer every
// creation answers SECURITY_DISABLED. The active controller decides (cluster/metadata/acl-rpc.ts): each
// binding is checked as Kafka's AclControlManager does (INVALID_REQUEST: an UNKNOWN or ANY code, a pattern
// other than LITERAL or PREFIXED, an empty name, a CLUSTER name other than kafka-cluster, a principal that
// is not TYPE:NAME) and written as an AccessControlEntryRecord; an ACL that exists already succeeds without
// a record. Answered once the new ACLs are in this broker's image.
import { AclOperation, PatternType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateAclsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { refusedAclRequest } from '../security/acl-requests.js';

export const createAcls = defineHandler(CreateAclsApi, 0, 3, (ctx, req, version, _h, _t, session) => {
  const refused = refusedAclRequest(ctx.authorizer, session, AclOperation.ALTER);
  const v0Prefixed =
    version === 0 && req.creations.some((c) => c.resourcePatternType !== PatternType.LITERAL);
  if (refused !== null || v0Prefixed) {
    const errorCode = refused?.code ?? ErrorCode.UNSUPPORTED_VERSION;
    const errorMessage = refused?.message ?? 'CreateAcls v0 takes LITERAL patterns only';
    return { throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode, errorMessage })) };
  }
  if (req.creations.length === 0) return { throttleTimeMs: 0, results: [] };
  return ctx.cluster.createAcls(req, version);
});
