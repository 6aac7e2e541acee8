// FetchSnapshot, versions 0-1: a replica of the metadata quorum too far behind the leader's log start fetches
// the leader's latest snapshot in chunks (KIP-630). The quorum's state machine answers (INCONSISTENT_CLUSTER_ID
// for another cluster's replica). Only partition 0 of __cluster_metadata exists.
import { FetchSnapshotApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const fetchSnapshot = defineHandler(FetchSnapshotApi, 0, 1, (ctx, req, version) =>
  ctx.cluster.fetchSnapshot(req, version),
);
