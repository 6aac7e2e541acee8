// ElectLeaders, versions 0-2: PREFERRED (v0's only kind) moves each partition's leadership to its first
// replica when that is live and in the ISR; UNCLEAN elects a leader for a leaderless partition, from outside
// the ISR when no member is live. null topic_partitions means every partition.
//
// The active controller decides (forwarded like CreateTopics, see cluster-node.ts; a broker alone is its own)
// and the answer waits until the elected leaders show here. Per partition: NONE, ELECTION_NOT_NEEDED,
// PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION.
// Skipped: timeout_ms (the cluster's wait is bounded by its own limit), authorization.
// Authorization (with --authorizer): ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { ElectLeadersApi } from '../../protocol/generated/api-keys.js';
import { createElectLeadersResponse } from '../../protocol/generated/elect-leaders.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const electLeaders = requireCluster(
  AclOperation.ALTER,
  (_req, errorCode) => createElectLeadersResponse({ errorCode }),
  defineHandler(ElectLeadersApi, 0, 2, (ctx, req, version) => ctx.cluster.electLeaders(req, version)),
);
