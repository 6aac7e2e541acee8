// Generated from VoteRequest.json, VoteResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// VoteRequest: versions 0-1, flexible 0+, api key 52.

export interface VoteRequest {
  /** v0+, nullable v0+, default null */
  clusterId: string | null;
  /** v1+, default -1 */
  voterId: number;
  /** v0+ */
  topics: VoteRequestTopicData[];
}

export interface VoteRequestTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: VoteRequestPartitionData[];
}

export interface VoteRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  candidateEpoch: number;
  /** v0+ */
  candidateId: number;
  /** v1+ */
  candidateDirectoryId: string;
  /** v1+ */
  voterDirectoryId: string;
  /** v0+ */
  lastOffsetEpoch: number;
  /** v0+ */
  lastOffset: number;
}

export function createVoteRequest(init?: Partial<VoteRequest>): VoteRequest {
  return { clusterId: null, voterId: -1, topics: [], ...init };
}

export function createVoteRequestTopicData(init?: Partial<VoteRequestTopicData>): VoteRequestTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createVoteRequestPartitionData(
  init?: Partial<VoteRequestPartitionData>,
): VoteRequestPartitionData {
  return {
    partitionIndex: 0,
    candidateEpoch: 0,
    candidateId: 0,
    candidateDirectoryId: ZERO_UUID,
    voterDirectoryId: ZERO_UUID,
    lastOffsetEpoch: 0,
    lastOffset: 0,
    ...init,
  };
}

export function decodeVoteRequest(r: Reader, v: number): VoteRequest {
  const _clusterId = r.compactNullableString();
  let _voterId: number;
  if (v >= 1) {
    _voterId = r.int32();
  } else {
    _voterId = -1;
  }
  let _topics: VoteRequestTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VoteRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVoteRequestTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { clusterId: _clusterId, voterId: _voterId, topics: _topics };
}

export function encodeVoteRequest(w: Writer, m: VoteRequest, v: number): void {
  w.compactNullableString(m.clusterId);
  if (v >= 1) {
    w.int32(m.voterId);
  }
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVoteRequestTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeVoteRequestTopicData(r: Reader, v: number): VoteRequestTopicData {
  const _topicName = r.compactString();
  let _partitions: VoteRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VoteRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVoteRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, partitions: _partitions };
}

function encodeVoteRequestTopicData(w: Writer, m: VoteRequestTopicData, v: number): void {
  w.compactString(m.topicName);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVoteRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeVoteRequestPartitionData(r: Reader, v: number): VoteRequestPartitionData {
  const _partitionIndex = r.int32();
  const _candidateEpoch = r.int32();
  const _candidateId = r.int32();
  let _candidateDirectoryId: string;
  if (v >= 1) {
    _candidateDirectoryId = r.uuid();
  } else {
    _candidateDirectoryId = ZERO_UUID;
  }
  let _voterDirectoryId: string;
  if (v >= 1) {
    _voterDirectoryId = r.uuid();
  } else {
    _voterDirectoryId = ZERO_UUID;
  }
  const _lastOffsetEpoch = r.int32();
  const _lastOffset = r.int64();
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    candidateEpoch: _candidateEpoch,
    candidateId: _candidateId,
    candidateDirectoryId: _candidateDirectoryId,
    voterDirectoryId: _voterDirectoryId,
    lastOffsetEpoch: _lastOffsetEpoch,
    lastOffset: _lastOffset,
  };
}

function encodeVoteRequestPartitionData(w: Writer, m: VoteRequestPartitionData, v: number): void {
  w.int32(m.partitionIndex);
  w.int32(m.candidateEpoch);
  w.int32(m.candidateId);
  if (v >= 1) {
    w.uuid(m.candidateDirectoryId);
  }
  if (v >= 1) {
    w.uuid(m.voterDirectoryId);
  }
  w.int32(m.lastOffsetEpoch);
  w.int64(m.lastOffset);
  w.uvarint(0);
}

// VoteResponse: versions 0-1, flexible 0+, api key 52.

export interface VoteResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  topics: VoteResponseTopicData[];
  /** v1+, tag 0 v1+ */
  nodeEndpoints: VoteResponseNodeEndpoint[];
}

export interface VoteResponseTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: VoteResponsePartitionData[];
}

export interface VoteResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0+ */
  voteGranted: boolean;
}

export interface VoteResponseNodeEndpoint {
  /** v1+ */
  nodeId: number;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createVoteResponse(init?: Partial<VoteResponse>): VoteResponse {
  return { errorCode: 0, topics: [], nodeEndpoints: [], ...init };
}

export function createVoteResponseTopicData(init?: Partial<VoteResponseTopicData>): VoteResponseTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createVoteResponsePartitionData(
  init?: Partial<VoteResponsePartitionData>,
): VoteResponsePartitionData {
  return { partitionIndex: 0, errorCode: 0, leaderId: 0, leaderEpoch: 0, voteGranted: false, ...init };
}

export function createVoteResponseNodeEndpoint(
  init?: Partial<VoteResponseNodeEndpoint>,
): VoteResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, ...init };
}

export function decodeVoteResponse(r: Reader, v: number): VoteResponse {
  const _errorCode = r.int16();
  let _topics: VoteResponseTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VoteResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVoteResponseTopicData(r, v));
    }
    _topics = _a;
  }
  let _nodeEndpoints: VoteResponseNodeEndpoint[] = [];
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        if (v >= 1) {
          const _n = r.compactArrayLength(1, false);
          const _a: VoteResponseNodeEndpoint[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeVoteResponseNodeEndpoint(r, v));
          }
          _nodeEndpoints = _a;
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return { errorCode: _errorCode, topics: _topics, nodeEndpoints: _nodeEndpoints };
}

export function encodeVoteResponse(w: Writer, m: VoteResponse, v: number): void {
  w.int16(m.errorCode);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVoteResponseTopicData(w, _e, v);
    }
  }
  let _nt = 0;
  const _tnodeEndpoints = v >= 1 && m.nodeEndpoints.length > 0;
  if (_tnodeEndpoints) _nt++;
  w.uvarint(_nt);
  if (_tnodeEndpoints) {
    const _mk = w.beginTaggedField(0);
    const _a = m.nodeEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVoteResponseNodeEndpoint(w, _e, v);
    }
    w.endTaggedField(_mk);
  }
}

function decodeVoteResponseTopicData(r: Reader, v: number): VoteResponseTopicData {
  const _topicName = r.compactString();
  let _partitions: VoteResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VoteResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVoteResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, partitions: _partitions };
}

function encodeVoteResponseTopicData(w: Writer, m: VoteResponseTopicData, v: number): void {
  w.compactString(m.topicName);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVoteResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeVoteResponsePartitionData(r: Reader, _v: number): VoteResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  const _voteGranted = r.bool();
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    voteGranted: _voteGranted,
  };
}

function encodeVoteResponsePartitionData(w: Writer, m: VoteResponsePartitionData, _v: number): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.bool(m.voteGranted);
  w.uvarint(0);
}

function decodeVoteResponseNodeEndpoint(r: Reader, _v: number): VoteResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port };
}

function encodeVoteResponseNodeEndpoint(w: Writer, m: VoteResponseNodeEndpoint, _v: number): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}
