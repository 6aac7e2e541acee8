// FetchSnapshot, versions 0-1: a replica of the metadata quorum too far behind the leader's log start fetches
// the leader's latest snapshot in chunks (KIP-630). In a cluster the quorum's state machine answers; a lone
// broker has no quorum and answers INCONSISTENT_CLUSTER_ID. Only partition 0 of __cluster_metadata exists.
import { ErrorCode } from '../../protocol/errors.js';
import { FetchSnapshotApi } from '../../protocol/generated/api-keys.js';
import { createFetchSnapshotResponse } from '../../protocol/generated/fetch-snapshot.js';
import { defineHandler } from '../handler.js';

export const fetchSnapshot = defineHandler(FetchSnapshotApi, 0, 1, (ctx, req, version) =>
  ctx.cluster === null
    ? createFetchSnapshotResponse({ errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID })
    : ctx.cluster.fetchSnapshot(req, version),
);
