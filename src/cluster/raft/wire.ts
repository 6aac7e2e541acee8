// The metadata quorum's messages as Kafka's own RPC bodies, both ways, with no I/O: Vote (52, pre-vote in a
// tag, see wire-vote-codec.ts), BeginQuorumEpoch (53), EndQuorumEpoch (54), Fetch (1) v12+ (with its
// SnapshotId answer) and FetchSnapshot (59) for partition 0 of `__cluster_metadata`. Every request names the cluster; a reader refuses another cluster's request
// (INCONSISTENT_CLUSTER_ID) and a request for any other topic or partition (INVALID_REQUEST, as KRaft does)
// before the state machine sees it.
//
// What the wire does not carry is the transport's: a Fetch's `id`, and the epoch and pre-vote flag of the
// Vote a response answers, come from the request the response belongs to.
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
  FetchResponsePartitionData,
  FetchRequest as KafkaFetchRequest,
  FetchResponse as KafkaFetchResponse,
} from '../../protocol/generated/fetch.js';
import type {
  FetchSnapshotRequest as KafkaFetchSnapshotRequest,
  FetchSnapshotResponse as KafkaFetchSnapshotResponse,
} from '../../protocol/generated/fetch-snapshot.js';
import type { VoteResponse as KafkaVoteResponse } from '../../protocol/generated/vote.js';
import { ZERO_UUID } from '../../protocol/reader.js';
import { METADATA_TOPIC_ID } from '../../protocol/uuid.js';
import { recordsBuffer } from '../../protocol/writer.js';
import { METADATA_TOPIC } from '../broker-cluster.js';
import type {
  BeginEpochRequest,
  BeginEpochResponse,
  EndEpochRequest,
  FetchRequest,
  FetchResponse,
  FetchSnapshotRequest,
  FetchSnapshotResponse,
  VoteRequest,
  VoteResponse,
} from './messages.js';
import { decodeEntries, encodeEntries } from './wire-records.js';
import type { RaftVoteRequest } from './wire-vote-codec.js';

export { METADATA_TOPIC, METADATA_TOPIC_ID };
export const METADATA_PARTITION = 0;
/** The first Fetch with ClusterId, LastFetchedEpoch and DivergingEpoch: older ones cannot carry Raft. */
export const MIN_RAFT_FETCH_VERSION = 12;

export type Inbound<M> =
  | { ok: true; from: number; message: M }
  | { ok: false; errorCode: number; error: string };
export type Outcome<M> = { ok: true; message: M } | { ok: false; errorCode: number; error: string };

const refuse = (errorCode: number, error: string) => ({ ok: false as const, errorCode, error });

function checkCluster(
  clusterId: string | null,
  local: string,
): { ok: false; errorCode: number; error: string } | null {
  if (clusterId === local) return null;
  return refuse(
    ErrorCode.INCONSISTENT_CLUSTER_ID,
    `cluster id ${String(clusterId)}, this quorum is ${local}`,
  );
}

/** The one partition entry of a request's topics, if it is exactly partition 0 of the metadata topic. */
function onlyMetadataPartition<P extends { partitionIndex?: number; partition?: number }>(
  topics: readonly { partitions: readonly P[] }[],
  topicMatches: boolean,
): P | null {
  if (topics.length !== 1 || !topicMatches || topics[0]!.partitions.length !== 1) return null;
  const p = topics[0]!.partitions[0]!;
  return (p.partitionIndex ?? p.partition) === METADATA_PARTITION ? p : null;
}

const notMetadata = () => refuse(ErrorCode.INVALID_REQUEST, `not a request for ${METADATA_TOPIC}-0 alone`);

// ---- Vote ----

export function voteRequestToWire(m: VoteRequest, clusterId: string, to: number): RaftVoteRequest {
  return {
    clusterId,
    voterId: to,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          {
            partitionIndex: METADATA_PARTITION,
            candidateEpoch: m.epoch,
            candidateId: m.candidateId,
            candidateDirectoryId: ZERO_UUID,
            voterDirectoryId: ZERO_UUID,
            lastOffsetEpoch: m.lastEpoch,
            lastOffset: m.lastOffset,
            preVote: m.preVote,
          },
        ],
      },
    ],
  };
}

export function voteRequestFromWire(
  body: RaftVoteRequest,
  clusterId: string,
  localId: number,
): Inbound<VoteRequest> {
  const bad = checkCluster(body.clusterId, clusterId);
  if (bad !== null) return bad;
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.topicName === METADATA_TOPIC);
  if (p === null) return notMetadata();
  // Read by the generated VoteApi, the pre-vote tag is gone and a pre-vote would count as a real vote (a
  // voter would leave its live leader for it): refuse rather than guess.
  if (typeof p.preVote !== 'boolean')
    return refuse(ErrorCode.INVALID_REQUEST, 'Vote not read with RaftVoteApi');
  if (body.voterId >= 0 && body.voterId !== localId) {
    return refuse(
      ErrorCode.INCONSISTENT_VOTER_SET,
      `vote meant for node ${body.voterId}, this is ${localId}`,
    );
  }
  return {
    ok: true,
    from: p.candidateId,
    message: {
      kind: 'vote',
      epoch: p.candidateEpoch,
      candidateId: p.candidateId,
      lastEpoch: p.lastOffsetEpoch,
      lastOffset: p.lastOffset,
      preVote: p.preVote,
    },
  };
}

export function voteResponseToWire(m: VoteResponse): KafkaVoteResponse {
  return {
    errorCode: ErrorCode.NONE,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          {
            partitionIndex: METADATA_PARTITION,
            errorCode: ErrorCode.NONE,
            leaderId: m.leaderId,
            leaderEpoch: m.epoch,
            voteGranted: m.granted,
          },
        ],
      },
    ],
    nodeEndpoints: [],
  };
}

export function voteErrorToWire(errorCode: number): KafkaVoteResponse {
  return { errorCode, topics: [], nodeEndpoints: [] };
}

/** The answer to `request`, or why it is no answer (an error code from the voter, a malformed body). */
export function voteResponseFromWire(body: KafkaVoteResponse, request: VoteRequest): Outcome<VoteResponse> {
  if (body.errorCode !== ErrorCode.NONE) return refuse(body.errorCode, 'vote refused');
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.topicName === METADATA_TOPIC);
  if (p === null) return notMetadata();
  if (p.errorCode !== ErrorCode.NONE) return refuse(p.errorCode, 'vote refused for the partition');
  return {
    ok: true,
    message: {
      kind: 'vote-response',
      epoch: p.leaderEpoch,
      requestEpoch: request.epoch,
      granted: p.voteGranted,
      preVote: request.preVote,
      leaderId: p.leaderId,
    },
  };
}

// ---- BeginQuorumEpoch ----

export function beginEpochRequestToWire(
  m: BeginEpochRequest,
  clusterId: string,
  to: number,
): BeginQuorumEpochRequest {
  return {
    clusterId,
    voterId: to,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          {
            partitionIndex: METADATA_PARTITION,
            voterDirectoryId: ZERO_UUID,
            leaderId: m.leaderId,
            leaderEpoch: m.epoch,
          },
        ],
      },
    ],
    leaderEndpoints: [],
  };
}

export function beginEpochRequestFromWire(
  body: BeginQuorumEpochRequest,
  clusterId: string,
  localId: number,
): Inbound<BeginEpochRequest> {
  const bad = checkCluster(body.clusterId, clusterId);
  if (bad !== null) return bad;
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.topicName === METADATA_TOPIC);
  if (p === null) return notMetadata();
  if (body.voterId >= 0 && body.voterId !== localId) {
    return refuse(
      ErrorCode.INCONSISTENT_VOTER_SET,
      `epoch meant for node ${body.voterId}, this is ${localId}`,
    );
  }
  return {
    ok: true,
    from: p.leaderId,
    message: { kind: 'begin-epoch', epoch: p.leaderEpoch, leaderId: p.leaderId },
  };
}

export function beginEpochResponseToWire(m: BeginEpochResponse, leaderId: number): BeginQuorumEpochResponse {
  return {
    errorCode: ErrorCode.NONE,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          { partitionIndex: METADATA_PARTITION, errorCode: m.errorCode, leaderId, leaderEpoch: m.epoch },
        ],
      },
    ],
    nodeEndpoints: [],
  };
}

export function beginEpochErrorToWire(errorCode: number): BeginQuorumEpochResponse {
  return { errorCode, topics: [], nodeEndpoints: [] };
}

export function beginEpochResponseFromWire(body: BeginQuorumEpochResponse): Outcome<BeginEpochResponse> {
  if (body.errorCode !== ErrorCode.NONE) return refuse(body.errorCode, 'begin epoch refused');
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.topicName === METADATA_TOPIC);
  if (p === null) return notMetadata();
  return {
    ok: true,
    message: { kind: 'begin-epoch-response', epoch: p.leaderEpoch, errorCode: p.errorCode },
  };
}

// ---- EndQuorumEpoch ----

export function endEpochRequestToWire(m: EndEpochRequest, clusterId: string): EndQuorumEpochRequest {
  return {
    clusterId,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [
          {
            partitionIndex: METADATA_PARTITION,
            leaderId: m.leaderId,
            leaderEpoch: m.epoch,
            // v0 names successors by id; v1 adds directory ids we do not track. Each version writes its own.
            preferredSuccessors: [...m.successors],
            preferredCandidates: m.successors.map((candidateId) => ({
              candidateId,
              candidateDirectoryId: ZERO_UUID,
            })),
          },
        ],
      },
    ],
    leaderEndpoints: [],
  };
}

export function endEpochRequestFromWire(
  body: EndQuorumEpochRequest,
  version: number,
  clusterId: string,
): Inbound<EndEpochRequest> {
  const bad = checkCluster(body.clusterId, clusterId);
  if (bad !== null) return bad;
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.topicName === METADATA_TOPIC);
  if (p === null) return notMetadata();
  const successors =
    version >= 1 ? p.preferredCandidates.map((c) => c.candidateId) : [...p.preferredSuccessors];
  return {
    ok: true,
    from: p.leaderId,
    message: { kind: 'end-epoch', epoch: p.leaderEpoch, leaderId: p.leaderId, successors },
  };
}

export function endEpochResponseToWire(
  errorCode: number,
  leaderId: number,
  epoch: number,
): EndQuorumEpochResponse {
  return {
    errorCode: ErrorCode.NONE,
    topics: [
      {
        topicName: METADATA_TOPIC,
        partitions: [{ partitionIndex: METADATA_PARTITION, errorCode, leaderId, leaderEpoch: epoch }],
      },
    ],
    nodeEndpoints: [],
  };
}

export function endEpochErrorToWire(errorCode: number): EndQuorumEpochResponse {
  return { errorCode, topics: [], nodeEndpoints: [] };
}

// ---- Fetch ----

/**
 * A follower's fetch. Both the v12 and the v13+ names of the topic and of the replica are set; the codec
 * writes the ones of the version negotiated. No long poll: the leader answers at once.
 */
export function fetchRequestToWire(m: FetchRequest, clusterId: string, maxBytes: number): KafkaFetchRequest {
  return {
    clusterId,
    replicaId: m.replicaId,
    replicaState: { replicaId: m.replicaId, replicaEpoch: -1 },
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: METADATA_TOPIC,
        topicId: METADATA_TOPIC_ID,
        partitions: [
          {
            partition: METADATA_PARTITION,
            currentLeaderEpoch: m.epoch,
            fetchOffset: m.fetchOffset,
            lastFetchedEpoch: m.lastFetchedEpoch,
            logStartOffset: -1,
            partitionMaxBytes: maxBytes,
            replicaDirectoryId: ZERO_UUID,
          },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  };
}

const isMetadataTopic = (version: number, t: { topic: string; topicId: string } | undefined) =>
  t !== undefined && (version >= 13 ? t.topicId === METADATA_TOPIC_ID : t.topic === METADATA_TOPIC);

/** The request as the state machine sees it, plus the byte budget the fetcher asked for. */
export function fetchRequestFromWire(
  body: KafkaFetchRequest,
  version: number,
  clusterId: string,
): Inbound<FetchRequest> & { maxBytes?: number } {
  if (version < MIN_RAFT_FETCH_VERSION) {
    return refuse(ErrorCode.UNSUPPORTED_VERSION, `Fetch v${version} cannot carry the metadata quorum`);
  }
  const bad = checkCluster(body.clusterId, clusterId);
  if (bad !== null) return bad;
  const p = onlyMetadataPartition(body.topics, isMetadataTopic(version, body.topics[0]));
  if (p === null) return notMetadata();
  const replicaId = version >= 15 ? body.replicaState.replicaId : body.replicaId;
  if (replicaId < 0) return refuse(ErrorCode.INVALID_REQUEST, 'the metadata log is fetched by replicas only');
  return {
    ok: true,
    from: replicaId,
    maxBytes: Math.min(body.maxBytes, p.partitionMaxBytes),
    message: {
      kind: 'fetch',
      id: 0,
      epoch: p.currentLeaderEpoch,
      replicaId,
      fetchOffset: p.fetchOffset,
      lastFetchedEpoch: p.lastFetchedEpoch,
    },
  };
}

function fetchPartition(
  m: FetchResponse | null,
  errorCode: number,
  records: Buffer | null,
): FetchResponsePartitionData {
  return {
    partitionIndex: METADATA_PARTITION,
    errorCode,
    highWatermark: m?.highWatermark ?? -1,
    lastStableOffset: m?.highWatermark ?? -1,
    logStartOffset: 0,
    divergingEpoch:
      m?.divergingEpoch != null
        ? { epoch: m.divergingEpoch.epoch, endOffset: m.divergingEpoch.endOffset }
        : { epoch: -1, endOffset: -1 },
    currentLeader: { leaderId: m?.leaderId ?? -1, leaderEpoch: m?.epoch ?? -1 },
    snapshotId: m?.snapshotId != null ? { ...m.snapshotId } : { endOffset: -1, epoch: -1 },
    abortedTransactions: null,
    preferredReadReplica: -1,
    records,
  };
}

/**
 * The leader's answer with as many of its entries as fit in maxBytes of record batches (at least one);
 * `sent` says how many went.
 */
export function fetchResponseToWire(
  m: FetchResponse,
  maxBytes: number,
): { body: KafkaFetchResponse; sent: number } {
  const { records, count } = encodeEntries(m.entries, maxBytes);
  return {
    body: {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      sessionId: 0,
      responses: [
        {
          topic: METADATA_TOPIC,
          topicId: METADATA_TOPIC_ID,
          partitions: [fetchPartition(m, m.errorCode, count > 0 ? records : null)],
        },
      ],
      nodeEndpoints: [],
    },
    sent: count,
  };
}

export function fetchErrorToWire(errorCode: number): KafkaFetchResponse {
  return { throttleTimeMs: 0, errorCode, sessionId: 0, responses: [], nodeEndpoints: [] };
}

/** The answer to `request`; a response with an error for the whole request or bad records is none. */
export function fetchResponseFromWire(
  body: KafkaFetchResponse,
  version: number,
  request: FetchRequest,
): Outcome<FetchResponse> {
  if (body.errorCode !== ErrorCode.NONE) return refuse(body.errorCode, 'fetch refused');
  const t = body.responses;
  if (t.length !== 1 || !isMetadataTopic(version, t[0]) || t[0]!.partitions.length !== 1)
    return notMetadata();
  const p = t[0]!.partitions[0]!;
  if (p.partitionIndex !== METADATA_PARTITION) return notMetadata();
  const decoded = decodeEntries(recordsBuffer(p.records), request.fetchOffset);
  if (!decoded.ok) return refuse(ErrorCode.CORRUPT_MESSAGE, decoded.error);
  const d = p.divergingEpoch;
  const snap = p.snapshotId;
  return {
    ok: true,
    message: {
      kind: 'fetch-response',
      id: request.id,
      epoch: p.currentLeader.leaderEpoch,
      leaderId: p.currentLeader.leaderId,
      errorCode: p.errorCode,
      highWatermark: p.highWatermark,
      divergingEpoch:
        d.epoch === -1 && d.endOffset === -1 ? null : { epoch: d.epoch, endOffset: d.endOffset },
      entries: decoded.entries,
      // Absent unless the leader named one (most answers), as the state machine writes them.
      ...(snap.endOffset === -1 && snap.epoch === -1
        ? {}
        : { snapshotId: { endOffset: snap.endOffset, epoch: snap.epoch } }),
    },
  };
}

// ---- FetchSnapshot ----

export function fetchSnapshotRequestToWire(
  m: FetchSnapshotRequest,
  clusterId: string,
  maxBytes: number,
): KafkaFetchSnapshotRequest {
  return {
    clusterId,
    replicaId: m.replicaId,
    maxBytes,
    topics: [
      {
        name: METADATA_TOPIC,
        partitions: [
          {
            partition: METADATA_PARTITION,
            currentLeaderEpoch: m.epoch,
            snapshotId: { ...m.snapshotId },
            position: m.position,
            replicaDirectoryId: ZERO_UUID,
          },
        ],
      },
    ],
  };
}

/** The request as the state machine sees it, plus the byte budget the fetcher asked for. */
export function fetchSnapshotRequestFromWire(
  body: KafkaFetchSnapshotRequest,
  clusterId: string,
): Inbound<FetchSnapshotRequest> & { maxBytes?: number } {
  const bad = checkCluster(body.clusterId, clusterId);
  if (bad !== null) return bad;
  const p = onlyMetadataPartition(body.topics, body.topics[0]?.name === METADATA_TOPIC);
  if (p === null) return notMetadata();
  if (body.replicaId < 0) return refuse(ErrorCode.INVALID_REQUEST, 'snapshots are fetched by replicas only');
  return {
    ok: true,
    from: body.replicaId,
    maxBytes: body.maxBytes,
    message: {
      kind: 'fetch-snapshot',
      id: 0,
      epoch: p.currentLeaderEpoch,
      replicaId: body.replicaId,
      snapshotId: { endOffset: p.snapshotId.endOffset, epoch: p.snapshotId.epoch },
      position: p.position,
    },
  };
}

/** The leader's chunk, cut to maxBytes (the rest is asked for from the next position). */
export function fetchSnapshotResponseToWire(
  m: FetchSnapshotResponse,
  maxBytes: number,
): KafkaFetchSnapshotResponse {
  const bytes = m.bytes.length > maxBytes ? m.bytes.subarray(0, maxBytes) : m.bytes;
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    topics: [
      {
        name: METADATA_TOPIC,
        partitions: [
          {
            index: METADATA_PARTITION,
            errorCode: m.errorCode,
            snapshotId: { ...m.snapshotId },
            currentLeader: { leaderId: m.leaderId, leaderEpoch: m.epoch },
            size: m.size,
            position: m.position,
            unalignedRecords: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          },
        ],
      },
    ],
    nodeEndpoints: [],
  };
}

export function fetchSnapshotErrorToWire(errorCode: number): KafkaFetchSnapshotResponse {
  return { throttleTimeMs: 0, errorCode, topics: [], nodeEndpoints: [] };
}

export function fetchSnapshotResponseFromWire(
  body: KafkaFetchSnapshotResponse,
  request: FetchSnapshotRequest,
): Outcome<FetchSnapshotResponse> {
  if (body.errorCode !== ErrorCode.NONE) return refuse(body.errorCode, 'fetch snapshot refused');
  const p = onlyMetadataPartition(
    body.topics.map((t) => ({ partitions: t.partitions.map((q) => ({ ...q, partitionIndex: q.index })) })),
    body.topics[0]?.name === METADATA_TOPIC,
  );
  if (p === null) return notMetadata();
  const bytes = recordsBuffer(p.unalignedRecords) ?? Buffer.alloc(0);
  return {
    ok: true,
    message: {
      kind: 'fetch-snapshot-response',
      id: request.id,
      epoch: p.currentLeader.leaderEpoch,
      leaderId: p.currentLeader.leaderId,
      errorCode: p.errorCode,
      snapshotId: { endOffset: p.snapshotId.endOffset, epoch: p.snapshotId.epoch },
      size: p.size,
      position: p.position,
      bytes,
    },
  };
}
