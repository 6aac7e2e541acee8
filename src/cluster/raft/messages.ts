// What voters and observers of the metadata quorum say to each other, after KRaft's RPCs: Vote (with
// KIP-996's pre-vote), BeginQuorumEpoch, EndQuorumEpoch, the pull-based Fetch with its diverging-epoch and
// snapshot answers, and FetchSnapshot (KIP-630). The state machine works on these objects; a network layer
// maps them onto Kafka's wire RPCs.
import type { EpochEnd, RaftEntry, SnapshotId } from './log.js';

export type { SnapshotId };

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
  /**
   * Set when what the follower lacks is below the leader's log start: fetch this snapshot (FetchSnapshot),
   * then the log after it. Absent or null otherwise.
   */
  snapshotId?: SnapshotId | null;
  entries: RaftEntry[];
}

/** Asks the leader for the bytes of a snapshot from `position` (at most the leader's chunk size). */
export interface FetchSnapshotRequest {
  kind: 'fetch-snapshot';
  id: number;
  epoch: number;
  replicaId: number;
  snapshotId: SnapshotId;
  position: number;
}

export interface FetchSnapshotResponse {
  kind: 'fetch-snapshot-response';
  id: number;
  epoch: number;
  leaderId: number;
  /** SNAPSHOT_NOT_FOUND when it is no longer the leader's latest; POSITION_OUT_OF_RANGE past its end. */
  errorCode: number;
  snapshotId: SnapshotId;
  /** The whole snapshot's size in bytes; -1 with an error. */
  size: number;
  position: number;
  bytes: Uint8Array;
}

export type RaftMessage =
  | VoteRequest
  | VoteResponse
  | BeginEpochRequest
  | BeginEpochResponse
  | EndEpochRequest
  | FetchRequest
  | FetchResponse
  | FetchSnapshotRequest
  | FetchSnapshotResponse;

export interface RaftTransport {
  /** Best effort: a message may be lost, duplicated, delayed or reordered. */
  send(to: number, message: RaftMessage): void;
}
