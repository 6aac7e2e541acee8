// Generated from ListOffsetsRequest.json, ListOffsetsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ListOffsetsRequest: versions 0-10, flexible 6+, api key 2.

export interface ListOffsetsRequest {
  /** v0+ */
  replicaId: number;
  /** v2+ */
  isolationLevel: number;
  /** v0+ */
  topics: ListOffsetsRequestListOffsetsTopic[];
  /** v10+ */
  timeoutMs: number;
}

export interface ListOffsetsRequestListOffsetsTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: ListOffsetsRequestListOffsetsPartition[];
}

export interface ListOffsetsRequestListOffsetsPartition {
  /** v0+ */
  partitionIndex: number;
  /** v4+, default -1 */
  currentLeaderEpoch: number;
  /** v0+ */
  timestamp: number;
  /** v0, default 1 */
  maxNumOffsets: number;
}

export function createListOffsetsRequest(init?: Partial<ListOffsetsRequest>): ListOffsetsRequest {
  return { replicaId: 0, isolationLevel: 0, topics: [], timeoutMs: 0, ...init };
}

export function createListOffsetsRequestListOffsetsTopic(
  init?: Partial<ListOffsetsRequestListOffsetsTopic>,
): ListOffsetsRequestListOffsetsTopic {
  return { name: '', partitions: [], ...init };
}

export function createListOffsetsRequestListOffsetsPartition(
  init?: Partial<ListOffsetsRequestListOffsetsPartition>,
): ListOffsetsRequestListOffsetsPartition {
  return { partitionIndex: 0, currentLeaderEpoch: -1, timestamp: 0, maxNumOffsets: 1, ...init };
}

export function decodeListOffsetsRequest(r: Reader, v: number): ListOffsetsRequest {
  const _replicaId = r.int32();
  let _isolationLevel: number;
  if (v >= 2) {
    _isolationLevel = r.int8();
  } else {
    _isolationLevel = 0;
  }
  let _topics: ListOffsetsRequestListOffsetsTopic[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: ListOffsetsRequestListOffsetsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsRequestListOffsetsTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ListOffsetsRequestListOffsetsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsRequestListOffsetsTopic(r, v));
    }
    _topics = _a;
  }
  let _timeoutMs: number;
  if (v >= 10) {
    _timeoutMs = r.int32();
  } else {
    _timeoutMs = 0;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { replicaId: _replicaId, isolationLevel: _isolationLevel, topics: _topics, timeoutMs: _timeoutMs };
}

export function encodeListOffsetsRequest(w: Writer, m: ListOffsetsRequest, v: number): void {
  w.int32(m.replicaId);
  if (v >= 2) {
    w.int8(m.isolationLevel);
  }
  if (v <= 5) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsRequestListOffsetsTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsRequestListOffsetsTopic(w, _e, v);
    }
  }
  if (v >= 10) {
    w.int32(m.timeoutMs);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeListOffsetsRequestListOffsetsTopic(r: Reader, v: number): ListOffsetsRequestListOffsetsTopic {
  let _name: string;
  if (v <= 5) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: ListOffsetsRequestListOffsetsPartition[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsRequestListOffsetsPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ListOffsetsRequestListOffsetsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsRequestListOffsetsPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeListOffsetsRequestListOffsetsTopic(
  w: Writer,
  m: ListOffsetsRequestListOffsetsTopic,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 5) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsRequestListOffsetsPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsRequestListOffsetsPartition(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeListOffsetsRequestListOffsetsPartition(
  r: Reader,
  v: number,
): ListOffsetsRequestListOffsetsPartition {
  const _partitionIndex = r.int32();
  let _currentLeaderEpoch: number;
  if (v >= 4) {
    _currentLeaderEpoch = r.int32();
  } else {
    _currentLeaderEpoch = -1;
  }
  const _timestamp = r.int64();
  let _maxNumOffsets: number;
  if (v <= 0) {
    _maxNumOffsets = r.int32();
  } else {
    _maxNumOffsets = 1;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    currentLeaderEpoch: _currentLeaderEpoch,
    timestamp: _timestamp,
    maxNumOffsets: _maxNumOffsets,
  };
}

function encodeListOffsetsRequestListOffsetsPartition(
  w: Writer,
  m: ListOffsetsRequestListOffsetsPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  if (v >= 4) {
    w.int32(m.currentLeaderEpoch);
  }
  w.int64(m.timestamp);
  if (v <= 0) {
    w.int32(m.maxNumOffsets);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

// ListOffsetsResponse: versions 0-10, flexible 6+, api key 2.

export interface ListOffsetsResponse {
  /** v2+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: ListOffsetsResponseListOffsetsTopicResponse[];
}

export interface ListOffsetsResponseListOffsetsTopicResponse {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: ListOffsetsResponseListOffsetsPartitionResponse[];
}

export interface ListOffsetsResponseListOffsetsPartitionResponse {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0 */
  oldStyleOffsets: number[];
  /** v1+, default -1 */
  timestamp: number;
  /** v1+, default -1 */
  offset: number;
  /** v4+, default -1 */
  leaderEpoch: number;
}

export function createListOffsetsResponse(init?: Partial<ListOffsetsResponse>): ListOffsetsResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createListOffsetsResponseListOffsetsTopicResponse(
  init?: Partial<ListOffsetsResponseListOffsetsTopicResponse>,
): ListOffsetsResponseListOffsetsTopicResponse {
  return { name: '', partitions: [], ...init };
}

export function createListOffsetsResponseListOffsetsPartitionResponse(
  init?: Partial<ListOffsetsResponseListOffsetsPartitionResponse>,
): ListOffsetsResponseListOffsetsPartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    oldStyleOffsets: [],
    timestamp: -1,
    offset: -1,
    leaderEpoch: -1,
    ...init,
  };
}

export function decodeListOffsetsResponse(r: Reader, v: number): ListOffsetsResponse {
  let _throttleTimeMs: number;
  if (v >= 2) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _topics: ListOffsetsResponseListOffsetsTopicResponse[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsResponseListOffsetsTopicResponse(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ListOffsetsResponseListOffsetsTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsResponseListOffsetsTopicResponse(r, v));
    }
    _topics = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeListOffsetsResponse(w: Writer, m: ListOffsetsResponse, v: number): void {
  if (v >= 2) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 5) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsResponseListOffsetsTopicResponse(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsResponseListOffsetsTopicResponse(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeListOffsetsResponseListOffsetsTopicResponse(
  r: Reader,
  v: number,
): ListOffsetsResponseListOffsetsTopicResponse {
  let _name: string;
  if (v <= 5) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: ListOffsetsResponseListOffsetsPartitionResponse[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsResponseListOffsetsPartitionResponse(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListOffsetsResponseListOffsetsPartitionResponse(r, v));
    }
    _partitions = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeListOffsetsResponseListOffsetsTopicResponse(
  w: Writer,
  m: ListOffsetsResponseListOffsetsTopicResponse,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 5) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsResponseListOffsetsPartitionResponse(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListOffsetsResponseListOffsetsPartitionResponse(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeListOffsetsResponseListOffsetsPartitionResponse(
  r: Reader,
  v: number,
): ListOffsetsResponseListOffsetsPartitionResponse {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  let _oldStyleOffsets: number[];
  if (v <= 0) {
    const _n = r.arrayLength(8, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int64());
    }
    _oldStyleOffsets = _a;
  } else {
    _oldStyleOffsets = [];
  }
  let _timestamp: number;
  if (v >= 1) {
    _timestamp = r.int64();
  } else {
    _timestamp = -1;
  }
  let _offset: number;
  if (v >= 1) {
    _offset = r.int64();
  } else {
    _offset = -1;
  }
  let _leaderEpoch: number;
  if (v >= 4) {
    _leaderEpoch = r.int32();
  } else {
    _leaderEpoch = -1;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    oldStyleOffsets: _oldStyleOffsets,
    timestamp: _timestamp,
    offset: _offset,
    leaderEpoch: _leaderEpoch,
  };
}

function encodeListOffsetsResponseListOffsetsPartitionResponse(
  w: Writer,
  m: ListOffsetsResponseListOffsetsPartitionResponse,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v <= 0) {
    const _a = m.oldStyleOffsets;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int64(_e);
    }
  }
  if (v >= 1) {
    w.int64(m.timestamp);
  }
  if (v >= 1) {
    w.int64(m.offset);
  }
  if (v >= 4) {
    w.int32(m.leaderEpoch);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}
