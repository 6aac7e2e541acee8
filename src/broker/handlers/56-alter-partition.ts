// AlterPartition, versions 0-3: a partition leader asks the active controller to change the ISR, with the
// leader epoch and partition epoch it acts on (topics by name v0-1, by id v2+; the ISR with broker epochs
// v3). Decided by the active controller: here when it is this node (a broker alone always is), else
// forwarded to it (cluster-node.ts). The checks are in cluster/metadata/alter-partition.ts.
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { createAlterPartitionResponse } from '../../protocol/generated/alter-partition.js';
import { AlterPartitionApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const alterPartition = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createAlterPartitionResponse({ errorCode }),
  defineHandler(AlterPartitionApi, 0, 3, (ctx, req, version) => ctx.cluster.alterPartitionRpc(req, version)),
);
