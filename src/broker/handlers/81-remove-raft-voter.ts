// RemoveRaftVoter, version 0 (KIP-853): takes a voter out of the metadata quorum. Decided by the active
// controller (forwarded from any broker); answered once the VotersRecord commits. A leader that removes
// itself leads until then and resigns after; a removed voter goes on as an observer. The last voter stays.
// Errors: VOTER_NOT_FOUND (not a voter, or another directory id), INVALID_REQUEST (the last voter),
// REQUEST_TIMED_OUT (a change pending: retry), INCONSISTENT_CLUSTER_ID, NOT_CONTROLLER.
// Authorization (with --authorizer): ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { RemoveRaftVoterApi } from '../../protocol/generated/api-keys.js';
import { createRemoveRaftVoterResponse } from '../../protocol/generated/remove-raft-voter.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const removeRaftVoter = requireCluster(
  AclOperation.ALTER,
  (_req, errorCode) => createRemoveRaftVoterResponse({ errorCode }),
  defineHandler(RemoveRaftVoterApi, 0, 0, (ctx, req, version) => ctx.cluster.removeRaftVoter(req, version)),
);
