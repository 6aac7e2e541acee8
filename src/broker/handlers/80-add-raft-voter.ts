// AddRaftVoter, version 0 (KIP-853): makes a registered broker that observes the metadata quorum, and has
// caught up with it, a voter. Decided by the active controller (forwarded from any broker); answered once
// the VotersRecord commits under the new voter set's majority. One change at a time. Errors: DUPLICATE_VOTER,
// BROKER_ID_NOT_REGISTERED, REQUEST_TIMED_OUT (a change pending, or the broker not caught up: retry),
// INCONSISTENT_CLUSTER_ID, NOT_CONTROLLER. Skipped: Kafka's ApiVersions probe of the new voter (every broker
// here speaks kraft.version 1), checking the directory id against the replica's own.
// Authorization (with --authorizer): ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { createAddRaftVoterResponse } from '../../protocol/generated/add-raft-voter.js';
import { AddRaftVoterApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const addRaftVoter = requireCluster(
  AclOperation.ALTER,
  (_req, errorCode) => createAddRaftVoterResponse({ errorCode }),
  defineHandler(AddRaftVoterApi, 0, 0, (ctx, req, version) => ctx.cluster.addRaftVoter(req, version)),
);
