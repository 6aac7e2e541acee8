// What voters and observers of the metadata quorum say to each other, after KRaft's RPCs: Vote (with
// KIP-996's pre-vote), BeginQuorumEpoch, EndQuorumEpoch and the pull-based Fetch with its diverging-epoch
// answer. The state machine works on these objects; a network layer maps them onto Kafka's wire RPCs.
import type { EpochEnd, RaftEntry } from './log.js';

export interface VoteRequest {
  kind: 'vote';
  /** The epoch the candidate stands for (a pre-vote asks about the epoch it would stand for). */
  epoch: number;
  candidateId: number;
  lastEpoch: number;
  lastOffset: number;
  /** A pre-vote changes nothing on the voter: it only asks whether a real vote would be granted. */
  preVote: boolean;
}

export interface VoteResponse {
  kind: 'vote-response';
  /** The voter's epoch after handling the request. */
  epoch: number;
  /** The epoch the request was for (answers to older elections are ignored). */
  requestEpoch: number;
  granted: boolean;
  preVote: boolean;
  /** The leader the voter knows at its epoch, or -1. */
  leaderId: number;
}

export interface BeginEpochRequest {
  kind: 'begin-epoch';
  epoch: number;
  leaderId: number;
}

export interface BeginEpochResponse {
  kind: 'begin-epoch-response';
  epoch: number;
  errorCode: number;
}

export interface EndEpochRequest {
  kind: 'end-epoch';
  epoch: number;
  leaderId: number;
  /** Voters best placed to take over, most caught-up first: they stand sooner. */
  successors: number[];
}

export interface FetchRequest {
  kind: 'fetch';
  /** Correlates the answer; a follower ignores answers to fetches it has given up on. */
  id: number;
  epoch: number;
  replicaId: number;
  fetchOffset: number;
  lastFetchedEpoch: number;
}

export interface FetchResponse {
  kind: 'fetch-response';
  id: number;
  epoch: number;
  leaderId: number;
  errorCode: number;
  highWatermark: number;
  /** Set when the follower's log diverges from the leader's: truncate to this epoch's end, then fetch. */
  divergingEpoch: EpochEnd | null;
  entries: RaftEntry[];
}

export type RaftMessage =
  | VoteRequest
  | VoteResponse
  | BeginEpochRequest
  | BeginEpochResponse
  | EndEpochRequest
  | FetchRequest
  | FetchResponse;

export interface RaftTransport {
  /** Best effort: a message may be lost, duplicated, delayed or reordered. */
  send(to: number, message: RaftMessage): void;
}
