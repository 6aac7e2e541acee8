// ListPartitionReassignments, version 0: the partitions asked (null topics: every partition) that have a
// reassignment in progress, with their replicas (target first, then the leavers), adding and removing
// replicas. Unknown topics or partitions, and partitions not being moved, are simply absent (as Kafka).
// Answered by the active controller from its committed metadata (forwarded from any broker).
// Authorization (with --authorizer): DESCRIBE on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { ListPartitionReassignmentsApi } from '../../protocol/generated/api-keys.js';
import { createListPartitionReassignmentsResponse } from '../../protocol/generated/list-partition-reassignments.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const listPartitionReassignments = requireCluster(
  AclOperation.DESCRIBE,
  (_req, errorCode) => createListPartitionReassignmentsResponse({ errorCode }),
  defineHandler(ListPartitionReassignmentsApi, 0, 0, (ctx, req, version) =>
    ctx.cluster.listPartitionReassignments(req, version),
  ),
);
