// APIs whose whole request needs one operation on the cluster resource (Kafka's authorizeClusterOperation):
// the quorum's and the controller's inter-broker RPCs (CLUSTER_ACTION), and the cluster admin RPCs (ALTER,
// DESCRIBE). Refused requests get the API's own response with CLUSTER_AUTHORIZATION_FAILED. Also the
// config resources' rules.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { ApiHandler } from '../handler.js';
import { type Authorizer, clusterAllowed } from './authorizer.js';
import type { Session } from './session.js';

export function requireCluster<Req, Res>(
  operation: number,
  refuse: (req: Req, errorCode: number, version: number) => Res,
  h: ApiHandler<Req, Res>,
): ApiHandler<Req, Res> {
  return {
    codec: h.codec,
    minVersion: h.minVersion,
    maxVersion: h.maxVersion,
    handle: (ctx, req, version, header, timing, session) =>
      clusterAllowed(ctx.authorizer, session, operation)
        ? h.handle(ctx, req, version, header, timing, session)
        : refuse(req, ErrorCode.CLUSTER_AUTHORIZATION_FAILED, version),
  };
}

/**
 * A config resource's refusal (Kafka's rules for DescribeConfigs, AlterConfigs, IncrementalAlterConfigs):
 * TOPIC needs `operation` on the topic (TOPIC_AUTHORIZATION_FAILED), BROKER and BROKER_LOGGER on the cluster
 * (CLUSTER_AUTHORIZATION_FAILED), GROUP on the group (GROUP_AUTHORIZATION_FAILED); ErrorCode.NONE if allowed.
 */
export function configResourceRefusal(
  authorizer: Authorizer | null,
  session: Session,
  operation: number,
  resourceType: number,
  resourceName: string,
): number {
  if (authorizer === null) return ErrorCode.NONE;
  switch (resourceType) {
    case 2:
      return authorizer.authorize(session, operation, ResourceType.TOPIC, resourceName)
        ? ErrorCode.NONE
        : ErrorCode.TOPIC_AUTHORIZATION_FAILED;
    case 32:
      return authorizer.authorize(session, operation, ResourceType.GROUP, resourceName)
        ? ErrorCode.NONE
        : ErrorCode.GROUP_AUTHORIZATION_FAILED;
    default:
      return authorizer.authorizeCluster(session, operation)
        ? ErrorCode.NONE
        : ErrorCode.CLUSTER_AUTHORIZATION_FAILED;
  }
}

/** AlterConfigs / IncrementalAlterConfigs: the resources refused ALTER_CONFIGS answered here, the rest by `go`. */
export async function alterConfigsAuthorized<
  R extends { resourceType: number; resourceName: string },
  Res extends {
    responses: {
      errorCode: number;
      errorMessage: string | null;
      resourceType: number;
      resourceName: string;
    }[];
  },
>(
  authorizer: Authorizer | null,
  session: Session,
  resources: readonly R[],
  go: (allowed: R[]) => Promise<Res>,
  empty: () => Res,
): Promise<Res> {
  const codes = resources.map((r) =>
    configResourceRefusal(authorizer, session, AclOperation.ALTER_CONFIGS, r.resourceType, r.resourceName),
  );
  if (codes.every((c) => c === ErrorCode.NONE)) return go([...resources]);
  const asked = resources.filter((_, i) => codes[i] === ErrorCode.NONE);
  const res = asked.length === 0 ? empty() : await go(asked);
  resources.forEach((r, i) => {
    if (codes[i] !== ErrorCode.NONE)
      res.responses.push({
        errorCode: codes[i]!,
        errorMessage: null,
        resourceType: r.resourceType,
        resourceName: r.resourceName,
      });
  });
  return res;
}
