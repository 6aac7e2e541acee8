// APIs whose whole request needs one operation on the cluster resource (Kafka's authorizeClusterOperation):
// the quorum's and the controller's inter-broker RPCs (CLUSTER_ACTION), and the cluster admin RPCs (ALTER,
// DESCRIBE). Refused requests get the API's own response with CLUSTER_AUTHORIZATION_FAILED.
import { ErrorCode } from '../../protocol/errors.js';
import type { ApiHandler } from '../handler.js';
import { clusterAllowed } from './authorizer.js';

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
