// DeleteAcls, versions 0-3 (v2+ flexible; v1+ carries the pattern type filter).
//
// Needs ALTER on the cluster (CLUSTER_AUTHORIZATION_FAILED on every filter); without an authorizer every
// filter answers SECURITY_DISABLED. The active controller removes every ACL a filter matches (Kafka's
// matching: ANY and null match all, MATCH finds the ACLs applying to the named resource) with
// RemoveAccessControlEntryRecords and lists them per filter; a filter with an UNKNOWN code answers
// INVALID_REQUEST; more than 10,000 removals in one request are refused with INVALID_REQUEST. Answered once
// the ACLs are gone from this broker's image.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { DeleteAclsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { refusedAclRequest } from '../security/acl-requests.js';

export const deleteAcls = defineHandler(DeleteAclsApi, 0, 3, (ctx, req, version, _h, _t, session) => {
  const refused = refusedAclRequest(ctx.authorizer, session, AclOperation.ALTER);
  if (refused !== null) {
    return {
      throttleTimeMs: 0,
      filterResults: req.filters.map(() => ({
        errorCode: refused.code,
        errorMessage: refused.message,
        matchingAcls: [],
      })),
    };
  }
  if (req.filters.length === 0) return { throttleTimeMs: 0, filterResults: [] };
  return ctx.cluster.deleteAcls(req, version);
});
