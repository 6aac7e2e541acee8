// UnregisterBroker, version 0 (KIP-631): removes a decommissioned broker's registration. Decided by the
// active controller (forwarded from any broker); answered once the broker is gone from this node's metadata.
// Stricter than Kafka, which drops any registration: the broker must be shut down (fenced) and host no
// replica, so a decommission never strands a partition. Errors: BROKER_ID_NOT_REGISTERED, INVALID_REQUEST
// (running, or still hosting replicas), REASSIGNMENT_IN_PROGRESS (a reassignment still moves replicas off it).
// Authorization (with --authorizer): ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { UnregisterBrokerApi } from '../../protocol/generated/api-keys.js';
import { createUnregisterBrokerResponse } from '../../protocol/generated/unregister-broker.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const unregisterBroker = requireCluster(
  AclOperation.ALTER,
  (_req, errorCode) => createUnregisterBrokerResponse({ errorCode }),
  defineHandler(UnregisterBrokerApi, 0, 0, (ctx, req, version) => ctx.cluster.unregisterBroker(req, version)),
);
