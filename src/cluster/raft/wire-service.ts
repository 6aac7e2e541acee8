// The serving side of the metadata quorum's RPCs: what the broker's handlers for Vote (52), BeginQuorumEpoch
// (53), EndQuorumEpoch (54), Fetch (1) and FetchSnapshot (59) of `__cluster_metadata` call. Each converts the request, refuses
// another cluster's or another partition's before the state machine sees it, hands it to the RaftNode through
// the transport's answer() and returns the node's synchronous reply as the Kafka response body.
//
// Vote must be decoded with RaftVoteApi (wire-vote-codec.ts), not the generated VoteApi, or the pre-vote tag
// is skipped and every pre-vote reads as a real vote. handleFetch expects a Fetch naming the metadata
// partition alone (a controller listener's fetch); anything else is INVALID_REQUEST.
//
// A node that gives no reply (stopped, or between start and stop of a restart) answers BROKER_NOT_AVAILABLE
// for the whole request: the sender counts it as a lost message and retries on its timers.
import { type LogSink, SILENT_LOG } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import type {
  BeginQuorumEpochRequest,
  BeginQuorumEpochResponse,
} from '../../protocol/generated/begin-quorum-epoch.js';
import type {
  EndQuorumEpochRequest,
  EndQuorumEpochResponse,
} from '../../protocol/generated/end-quorum-epoch.js';
import type {
  FetchRequest as KafkaFetchRequest,
  FetchResponse as KafkaFetchResponse,
} from '../../protocol/generated/fetch.js';
import type {
  FetchSnapshotRequest as KafkaFetchSnapshotRequest,
  FetchSnapshotResponse as KafkaFetchSnapshotResponse,
} from '../../protocol/generated/fetch-snapshot.js';
import type { VoteResponse as KafkaVoteResponse } from '../../protocol/generated/vote.js';
import type { RaftNode } from './raft.js';
import {
  beginEpochErrorToWire,
  beginEpochRequestFromWire,
  beginEpochResponseToWire,
  endEpochErrorToWire,
  endEpochRequestFromWire,
  endEpochResponseToWire,
  fetchErrorToWire,
  fetchRequestFromWire,
  fetchResponseToWire,
  fetchSnapshotErrorToWire,
  fetchSnapshotRequestFromWire,
  fetchSnapshotResponseToWire,
  voteErrorToWire,
  voteRequestFromWire,
  voteResponseToWire,
} from './wire.js';
import type { RaftWireTransport } from './wire-transport.js';
import type { RaftVoteRequest } from './wire-vote-codec.js';

/** The part of a RaftNode the service needs. */
export type RaftServiceNode = Pick<RaftNode, 'nodeId' | 'epoch' | 'leaderId' | 'running' | 'receive'>;

export interface RaftServiceStats {
  /** Requests handed to the node. */
  delivered: number;
  /** Requests refused before the node (other cluster, other partition, bad version, wrong voter). */
  refused: number;
  /** Requests the node gave no reply to. */
  unanswered: number;
}

const NO_NODE = ErrorCode.BROKER_NOT_AVAILABLE;

export class RaftRpcService {
  readonly stats: RaftServiceStats = { delivered: 0, refused: 0, unanswered: 0 };
  readonly #node: RaftServiceNode;
  readonly #transport: RaftWireTransport;
  readonly #receive: RaftNode['receive'];

  readonly #logger: LogSink;
  /** Refusal reasons already logged: each is logged once, not per retry (bounded). */
  readonly #logged = new Set<string>();

  constructor(node: RaftServiceNode, transport: RaftWireTransport, logger: LogSink = SILENT_LOG) {
    this.#logger = logger;
    this.#node = node;
    this.#transport = transport;
    this.#receive = (from, m) => node.receive(from, m);
  }

  get clusterId(): string {
    return this.#transport.clusterId;
  }

  handleVote(body: RaftVoteRequest, _version: number): KafkaVoteResponse {
    const req = voteRequestFromWire(body, this.clusterId, this.#node.nodeId);
    if (!req.ok) return this.#refuse(voteErrorToWire(req.errorCode), 'Vote', req.error);
    const reply = this.#deliver(req.from, req.message);
    if (reply?.kind !== 'vote-response') return this.#unanswered(voteErrorToWire(NO_NODE));
    return voteResponseToWire(reply);
  }

  handleBeginQuorumEpoch(body: BeginQuorumEpochRequest, _version: number): BeginQuorumEpochResponse {
    const req = beginEpochRequestFromWire(body, this.clusterId, this.#node.nodeId);
    if (!req.ok) return this.#refuse(beginEpochErrorToWire(req.errorCode), 'BeginQuorumEpoch', req.error);
    const reply = this.#deliver(req.from, req.message);
    if (reply?.kind !== 'begin-epoch-response') return this.#unanswered(beginEpochErrorToWire(NO_NODE));
    return beginEpochResponseToWire(reply, this.#node.leaderId);
  }

  handleEndQuorumEpoch(body: EndQuorumEpochRequest, version: number): EndQuorumEpochResponse {
    const req = endEpochRequestFromWire(body, version, this.clusterId);
    if (!req.ok) return this.#refuse(endEpochErrorToWire(req.errorCode), 'EndQuorumEpoch', req.error);
    // Raft sends nothing back for a resignation: a running node took it.
    if (!this.#node.running) return this.#unanswered(endEpochErrorToWire(NO_NODE));
    this.#deliver(req.from, req.message);
    return endEpochResponseToWire(ErrorCode.NONE, this.#node.leaderId, this.#node.epoch);
  }

  handleFetch(body: KafkaFetchRequest, version: number): KafkaFetchResponse {
    const req = fetchRequestFromWire(body, version, this.clusterId);
    if (!req.ok) return this.#refuse(fetchErrorToWire(req.errorCode), 'Fetch', req.error);
    const reply = this.#deliver(req.from, req.message);
    if (reply?.kind !== 'fetch-response') return this.#unanswered(fetchErrorToWire(NO_NODE));
    const maxBytes = Math.max(
      1,
      Math.min(req.maxBytes ?? Number.MAX_SAFE_INTEGER, this.#transport.config.maxFetchBytes),
    );
    return fetchResponseToWire(reply, maxBytes).body;
  }

  handleFetchSnapshot(body: KafkaFetchSnapshotRequest, _version: number): KafkaFetchSnapshotResponse {
    const req = fetchSnapshotRequestFromWire(body, this.clusterId);
    if (!req.ok) return this.#refuse(fetchSnapshotErrorToWire(req.errorCode), 'FetchSnapshot', req.error);
    const reply = this.#deliver(req.from, req.message);
    if (reply?.kind !== 'fetch-snapshot-response') return this.#unanswered(fetchSnapshotErrorToWire(NO_NODE));
    const maxBytes = Math.max(
      1,
      Math.min(req.maxBytes ?? Number.MAX_SAFE_INTEGER, this.#transport.config.maxFetchBytes),
    );
    return fetchSnapshotResponseToWire(reply, maxBytes);
  }

  #deliver(from: number, message: Parameters<RaftNode['receive']>[1]) {
    this.stats.delivered++;
    return this.#transport.answer(from, message, this.#receive);
  }

  #refuse<T>(response: T, api: string, why: string): T {
    this.stats.refused++;
    const line = `refused a ${api} request: ${why}`;
    if (!this.#logged.has(line) && this.#logged.size < 64) {
      this.#logged.add(line);
      this.#logger.warn(line);
    }
    return response;
  }

  #unanswered<T>(response: T): T {
    this.stats.unanswered++;
    return response;
  }
}
