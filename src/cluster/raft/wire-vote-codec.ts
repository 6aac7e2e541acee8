// VoteRequest with KIP-996's pre-vote flag. Kafka carries it as a plain field of VoteRequest v2, which
// the schema copy in spec/kafka (v0-1) does not have; a non-tagged field of our own would break any reader of
// v0-1. So the flag rides as tagged field PRE_VOTE_TAG on the partition entry, present only when true: every
// Kafka reader skips tags it does not know, and a reader here that finds no tag sees a real vote. The rest of
// the layout is VoteRequest v0-1 exactly; responses are the generated codec's.
import { type ApiCodec, VoteApi } from '../../protocol/generated/api-keys.js';
import type {
  VoteRequest,
  VoteRequestPartitionData,
  VoteRequestTopicData,
  VoteResponse,
} from '../../protocol/generated/vote.js';
import { type Reader, ZERO_UUID } from '../../protocol/reader.js';
import type { Writer } from '../../protocol/writer.js';

/** Tag of the pre-vote flag (a bool) on VoteRequest's PartitionData; far above the tags Kafka assigns. */
export const PRE_VOTE_TAG = 996;

export interface RaftVotePartition extends VoteRequestPartitionData {
  preVote: boolean;
}

export interface RaftVoteRequest extends Omit<VoteRequest, 'topics'> {
  topics: (Omit<VoteRequestTopicData, 'partitions'> & { partitions: RaftVotePartition[] })[];
}

function encodePartition(w: Writer, p: RaftVotePartition, v: number): void {
  w.int32(p.partitionIndex);
  w.int32(p.candidateEpoch);
  w.int32(p.candidateId);
  if (v >= 1) {
    w.uuid(p.candidateDirectoryId);
    w.uuid(p.voterDirectoryId);
  }
  w.int32(p.lastOffsetEpoch);
  w.int64(p.lastOffset);
  if (!p.preVote) {
    w.uvarint(0);
    return;
  }
  w.uvarint(1);
  const mark = w.beginTaggedField(PRE_VOTE_TAG);
  w.bool(true);
  w.endTaggedField(mark);
}

function decodePartition(r: Reader, v: number): RaftVotePartition {
  const partitionIndex = r.int32();
  const candidateEpoch = r.int32();
  const candidateId = r.int32();
  const candidateDirectoryId = v >= 1 ? r.uuid() : ZERO_UUID;
  const voterDirectoryId = v >= 1 ? r.uuid() : ZERO_UUID;
  const lastOffsetEpoch = r.int32();
  const lastOffset = r.int64();
  let preVote = false;
  const n = r.taggedFieldCount();
  for (let i = 0; i < n && r.error === null; i++) {
    const tag = r.uvarint();
    const saved = r.beginTaggedField(r.uvarint());
    if (tag === PRE_VOTE_TAG) preVote = r.bool();
    r.endTaggedField(saved);
  }
  return {
    partitionIndex,
    candidateEpoch,
    candidateId,
    candidateDirectoryId,
    voterDirectoryId,
    lastOffsetEpoch,
    lastOffset,
    preVote,
  };
}

export function encodeRaftVoteRequest(w: Writer, m: RaftVoteRequest, v: number): void {
  w.compactNullableString(m.clusterId);
  if (v >= 1) w.int32(m.voterId);
  w.compactArrayLength(m.topics.length);
  for (const t of m.topics) {
    w.compactString(t.topicName);
    w.compactArrayLength(t.partitions.length);
    for (const p of t.partitions) encodePartition(w, p, v);
    w.uvarint(0);
  }
  w.uvarint(0);
}

export function decodeRaftVoteRequest(r: Reader, v: number): RaftVoteRequest {
  const clusterId = r.compactNullableString();
  const voterId = v >= 1 ? r.int32() : -1;
  const topics: RaftVoteRequest['topics'] = [];
  const nt = r.compactArrayLength(1, false);
  for (let i = 0; i < nt && r.error === null; i++) {
    const topicName = r.compactString();
    const partitions: RaftVotePartition[] = [];
    const np = r.compactArrayLength(1, false);
    for (let j = 0; j < np && r.error === null; j++) partitions.push(decodePartition(r, v));
    r.skipTaggedFields();
    topics.push({ topicName, partitions });
  }
  r.skipTaggedFields();
  return { clusterId, voterId, topics };
}

/** Vote (api key 52) as the metadata quorum speaks it: the generated codec with the pre-vote tag. */
export const RaftVoteApi: ApiCodec<RaftVoteRequest, VoteResponse> = {
  ...VoteApi,
  decodeRequest: decodeRaftVoteRequest,
  encodeRequest: encodeRaftVoteRequest,
};
