// EndQuorumEpoch, versions 0-1: a resigning leader of the metadata quorum tells the voters, with the ones
// best placed to succeed it. The quorum's state machine answers (INCONSISTENT_CLUSTER_ID for another
// cluster's leader).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { EndQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { createEndQuorumEpochResponse } from '../../protocol/generated/end-quorum-epoch.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const endQuorumEpoch = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createEndQuorumEpochResponse({ errorCode }),
  defineHandler(EndQuorumEpochApi, 0, 1, (ctx, req, version) => ctx.cluster.endQuorumEpoch(req, version)),
);
