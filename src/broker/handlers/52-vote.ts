// Vote, versions 0-1: a candidate (or, with pre-vote, a would-be candidate) of the metadata quorum asks for
// this voter's vote. The quorum's state machine answers (src/cluster/raft); a request naming another
// cluster id gets INCONSISTENT_CLUSTER_ID. Decoded with RaftVoteApi, which also reads
// the pre-vote tag (src/cluster/raft/wire-vote-codec.ts).
import { RaftVoteApi } from '../../cluster/raft/wire-vote-codec.js';
import { defineHandler } from '../handler.js';

export const vote = defineHandler(RaftVoteApi, 0, 1, (ctx, req, version) => ctx.cluster.vote(req, version));
