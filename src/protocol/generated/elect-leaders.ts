// Generated from ElectLeadersRequest.json, ElectLeadersResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ElectLeadersRequest: versions 0-2, flexible 2+, api key 43.

export interface ElectLeadersRequest {
  /** v1+ */
  electionType: number;
  /** v0+, nullable v0+ */
  topicPartitions: ElectLeadersRequestTopicPartitions[] | null;
  /** v0+, default 60000 */
  timeoutMs: number;
}

export interface ElectLeadersRequestTopicPartitions {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: number[];
}

export function createElectLeadersRequest(init?: Partial<ElectLeadersRequest>): ElectLeadersRequest {
  return { electionType: 0, topicPartitions: [], timeoutMs: 60000, ...init };
}

export function createElectLeadersRequestTopicPartitions(
  init?: Partial<ElectLeadersRequestTopicPartitions>,
): ElectLeadersRequestTopicPartitions {
  return { topic: '', partitions: [], ...init };
}

export function decodeElectLeadersRequest(r: Reader, v: number): ElectLeadersRequest {
  let _electionType: number;
  if (v >= 1) {
    _electionType = r.int8();
  } else {
    _electionType = 0;
  }
  let _topicPartitions: ElectLeadersRequestTopicPartitions[] | null;
  if (v <= 1) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _topicPartitions = null;
    else {
      const _a: ElectLeadersRequestTopicPartitions[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeElectLeadersRequestTopicPartitions(r, v));
      }
      _topicPartitions = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topicPartitions = null;
    else {
      const _a: ElectLeadersRequestTopicPartitions[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeElectLeadersRequestTopicPartitions(r, v));
      }
      _topicPartitions = _a;
    }
  }
  const _timeoutMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { electionType: _electionType, topicPartitions: _topicPartitions, timeoutMs: _timeoutMs };
}

export function encodeElectLeadersRequest(w: Writer, m: ElectLeadersRequest, v: number): void {
  if (v >= 1) {
    w.int8(m.electionType);
  }
  if (v <= 1) {
    const _a = m.topicPartitions;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeElectLeadersRequestTopicPartitions(w, _e, v);
      }
    }
  } else {
    const _a = m.topicPartitions;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeElectLeadersRequestTopicPartitions(w, _e, v);
      }
    }
  }
  w.int32(m.timeoutMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeElectLeadersRequestTopicPartitions(r: Reader, v: number): ElectLeadersRequestTopicPartitions {
  let _topic: string;
  if (v <= 1) {
    _topic = r.string();
  } else {
    _topic = r.compactString();
  }
  let _partitions: number[];
  if (v <= 1) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topic: _topic, partitions: _partitions };
}

function encodeElectLeadersRequestTopicPartitions(
  w: Writer,
  m: ElectLeadersRequestTopicPartitions,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topic);
  } else {
    w.compactString(m.topic);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// ElectLeadersResponse: versions 0-2, flexible 2+, api key 43.

export interface ElectLeadersResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v1+ */
  errorCode: number;
  /** v0+ */
  replicaElectionResults: ElectLeadersResponseReplicaElectionResult[];
}

export interface ElectLeadersResponseReplicaElectionResult {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitionResult: ElectLeadersResponsePartitionResult[];
}

export interface ElectLeadersResponsePartitionResult {
  /** v0+ */
  partitionId: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createElectLeadersResponse(init?: Partial<ElectLeadersResponse>): ElectLeadersResponse {
  return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults: [], ...init };
}

export function createElectLeadersResponseReplicaElectionResult(
  init?: Partial<ElectLeadersResponseReplicaElectionResult>,
): ElectLeadersResponseReplicaElectionResult {
  return { topic: '', partitionResult: [], ...init };
}

export function createElectLeadersResponsePartitionResult(
  init?: Partial<ElectLeadersResponsePartitionResult>,
): ElectLeadersResponsePartitionResult {
  return { partitionId: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeElectLeadersResponse(r: Reader, v: number): ElectLeadersResponse {
  const _throttleTimeMs = r.int32();
  let _errorCode: number;
  if (v >= 1) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _replicaElectionResults: ElectLeadersResponseReplicaElectionResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: ElectLeadersResponseReplicaElectionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeElectLeadersResponseReplicaElectionResult(r, v));
    }
    _replicaElectionResults = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ElectLeadersResponseReplicaElectionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeElectLeadersResponseReplicaElectionResult(r, v));
    }
    _replicaElectionResults = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    replicaElectionResults: _replicaElectionResults,
  };
}

export function encodeElectLeadersResponse(w: Writer, m: ElectLeadersResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v >= 1) {
    w.int16(m.errorCode);
  }
  if (v <= 1) {
    const _a = m.replicaElectionResults;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeElectLeadersResponseReplicaElectionResult(w, _e, v);
    }
  } else {
    const _a = m.replicaElectionResults;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeElectLeadersResponseReplicaElectionResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeElectLeadersResponseReplicaElectionResult(
  r: Reader,
  v: number,
): ElectLeadersResponseReplicaElectionResult {
  let _topic: string;
  if (v <= 1) {
    _topic = r.string();
  } else {
    _topic = r.compactString();
  }
  let _partitionResult: ElectLeadersResponsePartitionResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: ElectLeadersResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeElectLeadersResponsePartitionResult(r, v));
    }
    _partitionResult = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ElectLeadersResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeElectLeadersResponsePartitionResult(r, v));
    }
    _partitionResult = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topic: _topic, partitionResult: _partitionResult };
}

function encodeElectLeadersResponseReplicaElectionResult(
  w: Writer,
  m: ElectLeadersResponseReplicaElectionResult,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topic);
  } else {
    w.compactString(m.topic);
  }
  if (v <= 1) {
    const _a = m.partitionResult;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeElectLeadersResponsePartitionResult(w, _e, v);
    }
  } else {
    const _a = m.partitionResult;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeElectLeadersResponsePartitionResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeElectLeadersResponsePartitionResult(
  r: Reader,
  v: number,
): ElectLeadersResponsePartitionResult {
  const _partitionId = r.int32();
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { partitionId: _partitionId, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeElectLeadersResponsePartitionResult(
  w: Writer,
  m: ElectLeadersResponsePartitionResult,
  v: number,
): void {
  w.int32(m.partitionId);
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}
