// BrokerRegistration, versions 0-4: a broker registers with the active controller (its listeners, rack and
// incarnation) and gets its broker epoch. Answered by the controller when it is this node, else
// NOT_CONTROLLER (the broker's lifecycle retries wherever the quorum says the controller is).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { BrokerRegistrationApi } from '../../protocol/generated/api-keys.js';
import { createBrokerRegistrationResponse } from '../../protocol/generated/broker-registration.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const brokerRegistration = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createBrokerRegistrationResponse({ errorCode }),
  defineHandler(BrokerRegistrationApi, 0, 4, (ctx, req, version) =>
    ctx.cluster.brokerRegistration(req, version),
  ),
);
