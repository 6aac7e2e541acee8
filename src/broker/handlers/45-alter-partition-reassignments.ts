// AlterPartitionReassignments, versions 0-1 (KIP-455; v1 KIP-860): for each partition, the target replicas (preferred
// leader first), or null to cancel the reassignment in progress. New replicas join as followers, enter the
// ISR once caught up, and then the replica set becomes the target (a leaving leader hands over to a target
// replica in the ISR); the replicas that leave delete their logs.
//
// The active controller decides (forwarded like CreatePartitions, see cluster-node.ts; a broker alone is its
// own, where only a target of itself is valid); the answer waits until the reassignment shows here, not
// until it completes (ListPartitionReassignments says when). Per partition: NONE,
// UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICA_ASSIGNMENT (empty, repeated or unregistered brokers, every
// target broker fenced, or a revert that would take an unclean election), NO_REASSIGNMENT_IN_PROGRESS,
// INVALID_REQUEST (a partition named twice), and with v1's allow_replication_factor_change false
// INVALID_REPLICATION_FACTOR for a target whose replica count is not the partition's (cancels always pass).
// Rules: src/cluster/metadata/reassignment.ts.
// Skipped: timeout_ms beyond the wait above, authorization.
// Authorization (with --authorizer): ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { createAlterPartitionReassignmentsResponse } from '../../protocol/generated/alter-partition-reassignments.js';
import { AlterPartitionReassignmentsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const alterPartitionReassignments = requireCluster(
  AclOperation.ALTER,
  (_req, errorCode) => createAlterPartitionReassignmentsResponse({ errorCode }),
  defineHandler(AlterPartitionReassignmentsApi, 0, 1, (ctx, req, version) =>
    ctx.cluster.alterPartitionReassignments(req, version),
  ),
);
