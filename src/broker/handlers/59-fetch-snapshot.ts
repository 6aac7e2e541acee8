// FetchSnapshot, versions 0-1: a replica of the metadata quorum too far behind the leader's log start fetches
// the leader's latest snapshot in chunks (KIP-630). The quorum's state machine answers (INCONSISTENT_CLUSTER_ID
// for another cluster's replica). Only partition 0 of __cluster_metadata exists.
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { FetchSnapshotApi } from '../../protocol/generated/api-keys.js';
import { createFetchSnapshotResponse } from '../../protocol/generated/fetch-snapshot.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const fetchSnapshot = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createFetchSnapshotResponse({ errorCode }),
  defineHandler(FetchSnapshotApi, 0, 1, (ctx, req, version) => ctx.cluster.fetchSnapshot(req, version)),
);
