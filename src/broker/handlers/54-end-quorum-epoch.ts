// EndQuorumEpoch, versions 0-1: a resigning leader of the metadata quorum tells the voters, with the ones
// best placed to succeed it. The quorum's state machine answers (INCONSISTENT_CLUSTER_ID for another
// cluster's leader).
import { EndQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const endQuorumEpoch = defineHandler(EndQuorumEpochApi, 0, 1, (ctx, req, version) =>
  ctx.cluster.endQuorumEpoch(req, version),
);
