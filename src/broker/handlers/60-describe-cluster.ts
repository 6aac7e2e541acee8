// DescribeCluster, versions 0-1: the cluster id, the brokers (the unfenced ones of the metadata image) and
// the controller (the quorum's leader when listed; on a broker alone, itself).
// Brokers are listed at their addresses on the listener the request came in on.
// v1 endpoint_type: this listener serves brokers (1); asking it for controllers is MISMATCHED_ENDPOINT_TYPE.
// Authorized operations report everything allowed: no ACLs.
import { controllerForClients, liveBrokers } from '../../cluster/broker-cluster.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeClusterApi } from '../../protocol/generated/api-keys.js';
import { createDescribeClusterResponse } from '../../protocol/generated/describe-cluster.js';
import { defineHandler } from '../handler.js';

const BROKER_ENDPOINT = 1;
// ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12, CREATE 5.
const CLUSTER_OPERATIONS = [5, 7, 8, 9, 10, 11, 12].reduce((bits, op) => bits | (1 << op), 0);

export const describeCluster = defineHandler(
  DescribeClusterApi,
  0,
  1,
  (ctx, req, version, _header, _timing, session) => {
    if (version >= 1 && req.endpointType !== BROKER_ENDPOINT) {
      return createDescribeClusterResponse({
        errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE,
        errorMessage: 'this listener serves brokers only',
        endpointType: BROKER_ENDPOINT,
      });
    }
    const cluster = ctx.cluster;
    const live = liveBrokers(cluster.image, session.listenerName);
    return createDescribeClusterResponse({
      endpointType: BROKER_ENDPOINT,
      clusterId: ctx.clusterId,
      controllerId: controllerForClients(live, cluster.controllerId, ctx.nodeId),
      brokers: live.map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : -2147483648,
    });
  },
);
