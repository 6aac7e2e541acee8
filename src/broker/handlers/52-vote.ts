// Vote, versions 0-1: a candidate (or, with pre-vote, a would-be candidate) of the metadata quorum asks for
// this voter's vote. The quorum's state machine answers (src/cluster/raft); a request naming another
// cluster id gets INCONSISTENT_CLUSTER_ID. Decoded with RaftVoteApi, which also reads
// the pre-vote tag (src/cluster/raft/wire-vote-codec.ts).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { RaftVoteApi } from '../../cluster/raft/wire-vote-codec.js';
import { createVoteResponse } from '../../protocol/generated/vote.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const vote = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (_req, errorCode) => createVoteResponse({ errorCode }),
  defineHandler(RaftVoteApi, 0, 1, (ctx, req, version) => ctx.cluster.vote(req, version)),
);
