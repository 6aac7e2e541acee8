// Generated from EndQuorumEpochRequest.json, EndQuorumEpochResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// EndQuorumEpochRequest: versions 0-1, flexible 1+, api key 54.

export interface EndQuorumEpochRequest {
  /** v0+, nullable v0+, default null */
  clusterId: string | null;
  /** v0+ */
  topics: EndQuorumEpochRequestTopicData[];
  /** v1+ */
  leaderEndpoints: EndQuorumEpochRequestLeaderEndpoint[];
}

export interface EndQuorumEpochRequestTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: EndQuorumEpochRequestPartitionData[];
}

export interface EndQuorumEpochRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0 */
  preferredSuccessors: number[];
  /** v1+ */
  preferredCandidates: EndQuorumEpochRequestReplicaInfo[];
}

export interface EndQuorumEpochRequestReplicaInfo {
  /** v1+ */
  candidateId: number;
  /** v1+ */
  candidateDirectoryId: string;
}

export interface EndQuorumEpochRequestLeaderEndpoint {
  /** v1+ */
  name: string;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createEndQuorumEpochRequest(init?: Partial<EndQuorumEpochRequest>): EndQuorumEpochRequest {
  return { clusterId: null, topics: [], leaderEndpoints: [], ...init };
}

export function createEndQuorumEpochRequestTopicData(
  init?: Partial<EndQuorumEpochRequestTopicData>,
): EndQuorumEpochRequestTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createEndQuorumEpochRequestPartitionData(
  init?: Partial<EndQuorumEpochRequestPartitionData>,
): EndQuorumEpochRequestPartitionData {
  return {
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: 0,
    preferredSuccessors: [],
    preferredCandidates: [],
    ...init,
  };
}

export function createEndQuorumEpochRequestReplicaInfo(
  init?: Partial<EndQuorumEpochRequestReplicaInfo>,
): EndQuorumEpochRequestReplicaInfo {
  return { candidateId: 0, candidateDirectoryId: ZERO_UUID, ...init };
}

export function createEndQuorumEpochRequestLeaderEndpoint(
  init?: Partial<EndQuorumEpochRequestLeaderEndpoint>,
): EndQuorumEpochRequestLeaderEndpoint {
  return { name: '', host: '', port: 0, ...init };
}

export function decodeEndQuorumEpochRequest(r: Reader, v: number): EndQuorumEpochRequest {
  let _clusterId: string | null;
  if (v <= 0) {
    _clusterId = r.nullableString();
  } else {
    _clusterId = r.compactNullableString();
  }
  let _topics: EndQuorumEpochRequestTopicData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: EndQuorumEpochRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestTopicData(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestTopicData(r, v));
    }
    _topics = _a;
  }
  let _leaderEndpoints: EndQuorumEpochRequestLeaderEndpoint[];
  if (v >= 1) {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochRequestLeaderEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestLeaderEndpoint(r, v));
    }
    _leaderEndpoints = _a;
  } else {
    _leaderEndpoints = [];
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { clusterId: _clusterId, topics: _topics, leaderEndpoints: _leaderEndpoints };
}

export function encodeEndQuorumEpochRequest(w: Writer, m: EndQuorumEpochRequest, v: number): void {
  if (v <= 0) {
    w.nullableString(m.clusterId);
  } else {
    w.compactNullableString(m.clusterId);
  }
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestTopicData(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestTopicData(w, _e, v);
    }
  }
  if (v >= 1) {
    const _a = m.leaderEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestLeaderEndpoint(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeEndQuorumEpochRequestTopicData(r: Reader, v: number): EndQuorumEpochRequestTopicData {
  let _topicName: string;
  if (v <= 0) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _partitions: EndQuorumEpochRequestPartitionData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: EndQuorumEpochRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestPartitionData(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitions: _partitions };
}

function encodeEndQuorumEpochRequestTopicData(w: Writer, m: EndQuorumEpochRequestTopicData, v: number): void {
  if (v <= 0) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  if (v <= 0) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestPartitionData(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestPartitionData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeEndQuorumEpochRequestPartitionData(r: Reader, v: number): EndQuorumEpochRequestPartitionData {
  const _partitionIndex = r.int32();
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  let _preferredSuccessors: number[];
  if (v <= 0) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _preferredSuccessors = _a;
  } else {
    _preferredSuccessors = [];
  }
  let _preferredCandidates: EndQuorumEpochRequestReplicaInfo[];
  if (v >= 1) {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochRequestReplicaInfo[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochRequestReplicaInfo(r, v));
    }
    _preferredCandidates = _a;
  } else {
    _preferredCandidates = [];
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    preferredSuccessors: _preferredSuccessors,
    preferredCandidates: _preferredCandidates,
  };
}

function encodeEndQuorumEpochRequestPartitionData(
  w: Writer,
  m: EndQuorumEpochRequestPartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  if (v <= 0) {
    const _a = m.preferredSuccessors;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 1) {
    const _a = m.preferredCandidates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochRequestReplicaInfo(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeEndQuorumEpochRequestReplicaInfo(r: Reader, _v: number): EndQuorumEpochRequestReplicaInfo {
  const _candidateId = r.int32();
  const _candidateDirectoryId = r.uuid();
  r.skipTaggedFields();
  return { candidateId: _candidateId, candidateDirectoryId: _candidateDirectoryId };
}

function encodeEndQuorumEpochRequestReplicaInfo(
  w: Writer,
  m: EndQuorumEpochRequestReplicaInfo,
  _v: number,
): void {
  w.int32(m.candidateId);
  w.uuid(m.candidateDirectoryId);
  w.uvarint(0);
}

function decodeEndQuorumEpochRequestLeaderEndpoint(
  r: Reader,
  _v: number,
): EndQuorumEpochRequestLeaderEndpoint {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeEndQuorumEpochRequestLeaderEndpoint(
  w: Writer,
  m: EndQuorumEpochRequestLeaderEndpoint,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

// EndQuorumEpochResponse: versions 0-1, flexible 1+, api key 54.

export interface EndQuorumEpochResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  topics: EndQuorumEpochResponseTopicData[];
  /** v1+, tag 0 v1+ */
  nodeEndpoints: EndQuorumEpochResponseNodeEndpoint[];
}

export interface EndQuorumEpochResponseTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: EndQuorumEpochResponsePartitionData[];
}

export interface EndQuorumEpochResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface EndQuorumEpochResponseNodeEndpoint {
  /** v1+ */
  nodeId: number;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createEndQuorumEpochResponse(init?: Partial<EndQuorumEpochResponse>): EndQuorumEpochResponse {
  return { errorCode: 0, topics: [], nodeEndpoints: [], ...init };
}

export function createEndQuorumEpochResponseTopicData(
  init?: Partial<EndQuorumEpochResponseTopicData>,
): EndQuorumEpochResponseTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createEndQuorumEpochResponsePartitionData(
  init?: Partial<EndQuorumEpochResponsePartitionData>,
): EndQuorumEpochResponsePartitionData {
  return { partitionIndex: 0, errorCode: 0, leaderId: 0, leaderEpoch: 0, ...init };
}

export function createEndQuorumEpochResponseNodeEndpoint(
  init?: Partial<EndQuorumEpochResponseNodeEndpoint>,
): EndQuorumEpochResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, ...init };
}

export function decodeEndQuorumEpochResponse(r: Reader, v: number): EndQuorumEpochResponse {
  const _errorCode = r.int16();
  let _topics: EndQuorumEpochResponseTopicData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: EndQuorumEpochResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochResponseTopicData(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochResponseTopicData(r, v));
    }
    _topics = _a;
  }
  let _nodeEndpoints: EndQuorumEpochResponseNodeEndpoint[] = [];
  if (v >= 1) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          const _n = r.compactArrayLength(1, false);
          const _a: EndQuorumEpochResponseNodeEndpoint[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeEndQuorumEpochResponseNodeEndpoint(r, v));
          }
          _nodeEndpoints = _a;
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return { errorCode: _errorCode, topics: _topics, nodeEndpoints: _nodeEndpoints };
}

export function encodeEndQuorumEpochResponse(w: Writer, m: EndQuorumEpochResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochResponseTopicData(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochResponseTopicData(w, _e, v);
    }
  }
  if (v >= 1) {
    let _nt = 0;
    const _tnodeEndpoints = m.nodeEndpoints.length > 0;
    if (_tnodeEndpoints) _nt++;
    w.uvarint(_nt);
    if (_tnodeEndpoints) {
      const _mk = w.beginTaggedField(0);
      const _a = m.nodeEndpoints;
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeEndQuorumEpochResponseNodeEndpoint(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
  }
}

function decodeEndQuorumEpochResponseTopicData(r: Reader, v: number): EndQuorumEpochResponseTopicData {
  let _topicName: string;
  if (v <= 0) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _partitions: EndQuorumEpochResponsePartitionData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: EndQuorumEpochResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochResponsePartitionData(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: EndQuorumEpochResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeEndQuorumEpochResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitions: _partitions };
}

function encodeEndQuorumEpochResponseTopicData(
  w: Writer,
  m: EndQuorumEpochResponseTopicData,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  if (v <= 0) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochResponsePartitionData(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeEndQuorumEpochResponsePartitionData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeEndQuorumEpochResponsePartitionData(
  r: Reader,
  v: number,
): EndQuorumEpochResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
  };
}

function encodeEndQuorumEpochResponsePartitionData(
  w: Writer,
  m: EndQuorumEpochResponsePartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeEndQuorumEpochResponseNodeEndpoint(r: Reader, _v: number): EndQuorumEpochResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port };
}

function encodeEndQuorumEpochResponseNodeEndpoint(
  w: Writer,
  m: EndQuorumEpochResponseNodeEndpoint,
  _v: number,
): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}
