// BeginQuorumEpoch, versions 0-1: a new leader of the metadata quorum announces its epoch to the voters.
// In a cluster the quorum's state machine answers; a lone broker answers INCONSISTENT_CLUSTER_ID.
import { ErrorCode } from '../../protocol/errors.js';
import { BeginQuorumEpochApi } from '../../protocol/generated/api-keys.js';
import { createBeginQuorumEpochResponse } from '../../protocol/generated/begin-quorum-epoch.js';
import { defineHandler } from '../handler.js';

export const beginQuorumEpoch = defineHandler(BeginQuorumEpochApi, 0, 1, (ctx, req, version) =>
  ctx.cluster === null
    ? createBeginQuorumEpochResponse({ errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID })
    : ctx.cluster.beginQuorumEpoch(req, version),
);
