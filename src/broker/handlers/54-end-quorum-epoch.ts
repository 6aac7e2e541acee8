// EndQuorumEpoch, versions 0-1: a resigning leader of the metadata quorum tells the voters, with the ones
// best placed to succeed it. In a cluster the quorum's state machine answers; a lone broker answers
// INCONSISTENT_CLUSTER_ID.
import { ErrorCode } from '../../protocol/errors.js';
import { EndQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { createEndQuorumEpochResponse } from '../../protocol/generated/end-quorum-epoch.js';
import { defineHandler } from '../handler.js';

export const endQuorumEpoch = defineHandler(EndQuorumEpochApi, 0, 1, (ctx, req, version) =>
  ctx.cluster === null
    ? createEndQuorumEpochResponse({ errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID })
    : ctx.cluster.endQuorumEpoch(req, version),
);
