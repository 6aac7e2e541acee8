// ListPartitionReassignments, version 0: the partitions asked (null topics: every partition) that have a
// reassignment in progress, with their replicas (target first, then the leavers), adding and removing
// replicas. Unknown topics or partitions, and partitions not being moved, are simply absent (as Kafka).
// Answered by the active controller from its committed metadata (forwarded from any broker).
import { ListPartitionReassignmentsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const listPartitionReassignments = defineHandler(
  ListPartitionReassignmentsApi,
  0,
  0,
  (ctx, req, version) => ctx.cluster.listPartitionReassignments(req, version),
);
