// Generated from BeginQuorumEpochRequest.json, BeginQuorumEpochResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// BeginQuorumEpochRequest: versions 0-1, flexible 1+, api key 53.

export interface BeginQuorumEpochRequest {
  /** v0+, nullable v0+, default null */
  clusterId: string | null;
  /** v1+, default -1 */
  voterId: number;
  /** v0+ */
  topics: BeginQuorumEpochRequestTopicData[];
  /** v1+ */
  leaderEndpoints: BeginQuorumEpochRequestLeaderEndpoint[];
}

export interface BeginQuorumEpochRequestTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: BeginQuorumEpochRequestPartitionData[];
}

export interface BeginQuorumEpochRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v1+ */
  voterDirectoryId: string;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface BeginQuorumEpochRequestLeaderEndpoint {
  /** v1+ */
  name: string;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createBeginQuorumEpochRequest(
  init?: Partial<BeginQuorumEpochRequest>,
): BeginQuorumEpochRequest {
  return { clusterId: null, voterId: -1, topics: [], leaderEndpoints: [], ...init };
}

export function createBeginQuorumEpochRequestTopicData(
  init?: Partial<BeginQuorumEpochRequestTopicData>,
): BeginQuorumEpochRequestTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createBeginQuorumEpochRequestPartitionData(
  init?: Partial<BeginQuorumEpochRequestPartitionData>,
): BeginQuorumEpochRequestPartitionData {
  return { partitionIndex: 0, voterDirectoryId: ZERO_UUID, leaderId: 0, leaderEpoch: 0, ...init };
}

export function createBeginQuorumEpochRequestLeaderEndpoint(
  init?: Partial<BeginQuorumEpochRequestLeaderEndpoint>,
): BeginQuorumEpochRequestLeaderEndpoint {
  return { name: '', host: '', port: 0, ...init };
}

export function decodeBeginQuorumEpochRequest(r: Reader, v: number): BeginQuorumEpochRequest {
  let _clusterId: string | null;
  if (v <= 0) {
    _clusterId = r.nullableString();
  } else {
    _clusterId = r.compactNullableString();
  }
  let _voterId: number;
  if (v >= 1) {
    _voterId = r.int32();
  } else {
    _voterId = -1;
  }
  let _topics: BeginQuorumEpochRequestTopicData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: BeginQuorumEpochRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochRequestTopicData(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: BeginQuorumEpochRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochRequestTopicData(r, v));
    }
    _topics = _a;
  }
  let _leaderEndpoints: BeginQuorumEpochRequestLeaderEndpoint[];
  if (v >= 1) {
    const _n = r.compactArrayLength(1, false);
    const _a: BeginQuorumEpochRequestLeaderEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochRequestLeaderEndpoint(r, v));
    }
    _leaderEndpoints = _a;
  } else {
    _leaderEndpoints = [];
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { clusterId: _clusterId, voterId: _voterId, topics: _topics, leaderEndpoints: _leaderEndpoints };
}

export function encodeBeginQuorumEpochRequest(w: Writer, m: BeginQuorumEpochRequest, v: number): void {
  if (v <= 0) {
    w.nullableString(m.clusterId);
  } else {
    w.compactNullableString(m.clusterId);
  }
  if (v >= 1) {
    w.int32(m.voterId);
  }
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochRequestTopicData(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochRequestTopicData(w, _e, v);
    }
  }
  if (v >= 1) {
    const _a = m.leaderEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochRequestLeaderEndpoint(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeBeginQuorumEpochRequestTopicData(r: Reader, v: number): BeginQuorumEpochRequestTopicData {
  let _topicName: string;
  if (v <= 0) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _partitions: BeginQuorumEpochRequestPartitionData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: BeginQuorumEpochRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochRequestPartitionData(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: BeginQuorumEpochRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitions: _partitions };
}

function encodeBeginQuorumEpochRequestTopicData(
  w: Writer,
  m: BeginQuorumEpochRequestTopicData,
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
      encodeBeginQuorumEpochRequestPartitionData(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochRequestPartitionData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeBeginQuorumEpochRequestPartitionData(
  r: Reader,
  v: number,
): BeginQuorumEpochRequestPartitionData {
  const _partitionIndex = r.int32();
  let _voterDirectoryId: string;
  if (v >= 1) {
    _voterDirectoryId = r.uuid();
  } else {
    _voterDirectoryId = ZERO_UUID;
  }
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    voterDirectoryId: _voterDirectoryId,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
  };
}

function encodeBeginQuorumEpochRequestPartitionData(
  w: Writer,
  m: BeginQuorumEpochRequestPartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  if (v >= 1) {
    w.uuid(m.voterDirectoryId);
  }
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeBeginQuorumEpochRequestLeaderEndpoint(
  r: Reader,
  _v: number,
): BeginQuorumEpochRequestLeaderEndpoint {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeBeginQuorumEpochRequestLeaderEndpoint(
  w: Writer,
  m: BeginQuorumEpochRequestLeaderEndpoint,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

// BeginQuorumEpochResponse: versions 0-1, flexible 1+, api key 53.

export interface BeginQuorumEpochResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  topics: BeginQuorumEpochResponseTopicData[];
  /** v1+, tag 0 v1+ */
  nodeEndpoints: BeginQuorumEpochResponseNodeEndpoint[];
}

export interface BeginQuorumEpochResponseTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: BeginQuorumEpochResponsePartitionData[];
}

export interface BeginQuorumEpochResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface BeginQuorumEpochResponseNodeEndpoint {
  /** v1+ */
  nodeId: number;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createBeginQuorumEpochResponse(
  init?: Partial<BeginQuorumEpochResponse>,
): BeginQuorumEpochResponse {
  return { errorCode: 0, topics: [], nodeEndpoints: [], ...init };
}

export function createBeginQuorumEpochResponseTopicData(
  init?: Partial<BeginQuorumEpochResponseTopicData>,
): BeginQuorumEpochResponseTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createBeginQuorumEpochResponsePartitionData(
  init?: Partial<BeginQuorumEpochResponsePartitionData>,
): BeginQuorumEpochResponsePartitionData {
  return { partitionIndex: 0, errorCode: 0, leaderId: 0, leaderEpoch: 0, ...init };
}

export function createBeginQuorumEpochResponseNodeEndpoint(
  init?: Partial<BeginQuorumEpochResponseNodeEndpoint>,
): BeginQuorumEpochResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, ...init };
}

export function decodeBeginQuorumEpochResponse(r: Reader, v: number): BeginQuorumEpochResponse {
  const _errorCode = r.int16();
  let _topics: BeginQuorumEpochResponseTopicData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: BeginQuorumEpochResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochResponseTopicData(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: BeginQuorumEpochResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochResponseTopicData(r, v));
    }
    _topics = _a;
  }
  let _nodeEndpoints: BeginQuorumEpochResponseNodeEndpoint[] = [];
  if (v >= 1) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          const _n = r.compactArrayLength(1, false);
          const _a: BeginQuorumEpochResponseNodeEndpoint[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeBeginQuorumEpochResponseNodeEndpoint(r, v));
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

export function encodeBeginQuorumEpochResponse(w: Writer, m: BeginQuorumEpochResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochResponseTopicData(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochResponseTopicData(w, _e, v);
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
        encodeBeginQuorumEpochResponseNodeEndpoint(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
  }
}

function decodeBeginQuorumEpochResponseTopicData(r: Reader, v: number): BeginQuorumEpochResponseTopicData {
  let _topicName: string;
  if (v <= 0) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _partitions: BeginQuorumEpochResponsePartitionData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: BeginQuorumEpochResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochResponsePartitionData(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: BeginQuorumEpochResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBeginQuorumEpochResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitions: _partitions };
}

function encodeBeginQuorumEpochResponseTopicData(
  w: Writer,
  m: BeginQuorumEpochResponseTopicData,
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
      encodeBeginQuorumEpochResponsePartitionData(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBeginQuorumEpochResponsePartitionData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeBeginQuorumEpochResponsePartitionData(
  r: Reader,
  v: number,
): BeginQuorumEpochResponsePartitionData {
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

function encodeBeginQuorumEpochResponsePartitionData(
  w: Writer,
  m: BeginQuorumEpochResponsePartitionData,
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

function decodeBeginQuorumEpochResponseNodeEndpoint(
  r: Reader,
  _v: number,
): BeginQuorumEpochResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port };
}

function encodeBeginQuorumEpochResponseNodeEndpoint(
  w: Writer,
  m: BeginQuorumEpochResponseNodeEndpoint,
  _v: number,
): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}
