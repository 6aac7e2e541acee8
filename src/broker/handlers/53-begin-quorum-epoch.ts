// BeginQuorumEpoch, versions 0-1: a new leader of the metadata quorum announces its epoch to the voters.
// The quorum's state machine answers (INCONSISTENT_CLUSTER_ID for another cluster's leader).
import { BeginQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const beginQuorumEpoch = defineHandler(BeginQuorumEpochApi, 0, 1, (ctx, req, version) =>
  ctx.cluster.beginQuorumEpoch(req, version),
);
