// Vote, versions 0-1: a candidate (or, with pre-vote, a would-be candidate) of the metadata quorum asks for
// this voter's vote. In a cluster the quorum's state machine answers (src/cluster/raft); a lone broker is
// in no one else's quorum and answers INCONSISTENT_CLUSTER_ID. Decoded with RaftVoteApi, which also reads
// the pre-vote tag (src/cluster/raft/wire-vote-codec.ts).
import { RaftVoteApi } from '../../cluster/raft/wire-vote-codec.js';
import { ErrorCode } from '../../protocol/errors.js';
import { createVoteResponse } from '../../protocol/generated/vote.js';
import { defineHandler } from '../handler.js';

export const vote = defineHandler(RaftVoteApi, 0, 1, (ctx, req, version) =>
  ctx.cluster === null
    ? createVoteResponse({ errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID })
    : ctx.cluster.vote(req, version),
);
