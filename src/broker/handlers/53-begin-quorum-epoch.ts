// BeginQuorumEpoch, versions 0-1: a new leader of the metadata quorum announces its epoch to the voters.
// The quorum's state machine answers (INCONSISTENT_CLUSTER_ID for another cluster's leader).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { BeginQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { createBeginQuorumEpochResponse } from '../../protocol/generated/begin-quorum-epoch.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const beginQuorumEpoch = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createBeginQuorumEpochResponse({ errorCode }),
  defineHandler(BeginQuorumEpochApi, 0, 1, (ctx, req, version) => ctx.cluster.beginQuorumEpoch(req, version)),
);
