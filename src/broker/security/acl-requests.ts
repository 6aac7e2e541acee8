// What CreateAcls, DescribeAcls and DeleteAcls check before anything else, as Kafka's AclApis: the cluster
// operation (ALTER to change ACLs, DESCRIBE to list them), then whether an authorizer is configured at all.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { type Authorizer, clusterAllowed } from './authorizer.js';
import type { Session } from './session.js';

/** The whole request's error, or null when it may go on. */
export function refusedAclRequest(
  authorizer: Authorizer | null,
  session: Session,
  operation: number,
): { code: number; message: string } | null {
  if (!clusterAllowed(authorizer, session, operation)) {
    const op = operation === AclOperation.ALTER ? 'ALTER' : 'DESCRIBE';
    return { code: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, message: `${op} on the cluster is not allowed` };
  }
  if (authorizer === null) {
    return { code: ErrorCode.SECURITY_DISABLED, message: 'no authorizer is configured on the broker' };
  }
  return null;
}
