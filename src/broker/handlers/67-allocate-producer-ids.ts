// AllocateProducerIds, version 0: a broker asks the active controller for a block of producer ids, so
// ids stay unique across the cluster. Answered by the controller when it is this node, else NOT_CONTROLLER.
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { createAllocateProducerIdsResponse } from '../../protocol/generated/allocate-producer-ids.js';
import { AllocateProducerIdsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const allocateProducerIds = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createAllocateProducerIdsResponse({ errorCode }),
  defineHandler(AllocateProducerIdsApi, 0, 0, (ctx, req, version) =>
    ctx.cluster.allocateProducerIds(req, version),
  ),
);
