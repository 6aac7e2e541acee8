// BrokerHeartbeat, versions 0-1: a registered broker keeps its session with the active controller and
// learns whether it is fenced. Answered by the controller when it is this node, else NOT_CONTROLLER.
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { BrokerHeartbeatApi } from '../../protocol/generated/api-keys.js';
import { createBrokerHeartbeatResponse } from '../../protocol/generated/broker-heartbeat.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const brokerHeartbeat = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createBrokerHeartbeatResponse({ errorCode }),
  defineHandler(BrokerHeartbeatApi, 0, 1, (ctx, req, version) => ctx.cluster.brokerHeartbeat(req, version)),
);
