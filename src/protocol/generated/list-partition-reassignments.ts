// Generated from ListPartitionReassignmentsRequest.json, ListPartitionReassignmentsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ListPartitionReassignmentsRequest: versions 0, flexible 0+, api key 46.

export interface ListPartitionReassignmentsRequest {
  /** v0+, default 60000 */
  timeoutMs: number;
  /** v0+, nullable v0+, default null */
  topics: ListPartitionReassignmentsRequestListPartitionReassignmentsTopics[] | null;
}

export interface ListPartitionReassignmentsRequestListPartitionReassignmentsTopics {
  /** v0+ */
  name: string;
  /** v0+ */
  partitionIndexes: number[];
}

export function createListPartitionReassignmentsRequest(
  init?: Partial<ListPartitionReassignmentsRequest>,
): ListPartitionReassignmentsRequest {
  return { timeoutMs: 60000, topics: null, ...init };
}

export function createListPartitionReassignmentsRequestListPartitionReassignmentsTopics(
  init?: Partial<ListPartitionReassignmentsRequestListPartitionReassignmentsTopics>,
): ListPartitionReassignmentsRequestListPartitionReassignmentsTopics {
  return { name: '', partitionIndexes: [], ...init };
}

export function decodeListPartitionReassignmentsRequest(
  r: Reader,
  v: number,
): ListPartitionReassignmentsRequest {
  const _timeoutMs = r.int32();
  let _topics: ListPartitionReassignmentsRequestListPartitionReassignmentsTopics[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: ListPartitionReassignmentsRequestListPartitionReassignmentsTopics[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeListPartitionReassignmentsRequestListPartitionReassignmentsTopics(r, v));
      }
      _topics = _a;
    }
  }
  r.skipTaggedFields();
  return { timeoutMs: _timeoutMs, topics: _topics };
}

export function encodeListPartitionReassignmentsRequest(
  w: Writer,
  m: ListPartitionReassignmentsRequest,
  v: number,
): void {
  w.int32(m.timeoutMs);
  {
    const _a = m.topics;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeListPartitionReassignmentsRequestListPartitionReassignmentsTopics(w, _e, v);
      }
    }
  }
  w.uvarint(0);
}

function decodeListPartitionReassignmentsRequestListPartitionReassignmentsTopics(
  r: Reader,
  _v: number,
): ListPartitionReassignmentsRequestListPartitionReassignmentsTopics {
  const _name = r.compactString();
  let _partitionIndexes: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitionIndexes = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitionIndexes: _partitionIndexes };
}

function encodeListPartitionReassignmentsRequestListPartitionReassignmentsTopics(
  w: Writer,
  m: ListPartitionReassignmentsRequestListPartitionReassignmentsTopics,
  _v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitionIndexes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

// ListPartitionReassignmentsResponse: versions 0, flexible 0+, api key 46.

export interface ListPartitionReassignmentsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  topics: ListPartitionReassignmentsResponseOngoingTopicReassignment[];
}

export interface ListPartitionReassignmentsResponseOngoingTopicReassignment {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: ListPartitionReassignmentsResponseOngoingPartitionReassignment[];
}

export interface ListPartitionReassignmentsResponseOngoingPartitionReassignment {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  replicas: number[];
  /** v0+ */
  addingReplicas: number[];
  /** v0+ */
  removingReplicas: number[];
}

export function createListPartitionReassignmentsResponse(
  init?: Partial<ListPartitionReassignmentsResponse>,
): ListPartitionReassignmentsResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', topics: [], ...init };
}

export function createListPartitionReassignmentsResponseOngoingTopicReassignment(
  init?: Partial<ListPartitionReassignmentsResponseOngoingTopicReassignment>,
): ListPartitionReassignmentsResponseOngoingTopicReassignment {
  return { name: '', partitions: [], ...init };
}

export function createListPartitionReassignmentsResponseOngoingPartitionReassignment(
  init?: Partial<ListPartitionReassignmentsResponseOngoingPartitionReassignment>,
): ListPartitionReassignmentsResponseOngoingPartitionReassignment {
  return { partitionIndex: 0, replicas: [], addingReplicas: [], removingReplicas: [], ...init };
}

export function decodeListPartitionReassignmentsResponse(
  r: Reader,
  v: number,
): ListPartitionReassignmentsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _topics: ListPartitionReassignmentsResponseOngoingTopicReassignment[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ListPartitionReassignmentsResponseOngoingTopicReassignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListPartitionReassignmentsResponseOngoingTopicReassignment(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    topics: _topics,
  };
}

export function encodeListPartitionReassignmentsResponse(
  w: Writer,
  m: ListPartitionReassignmentsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListPartitionReassignmentsResponseOngoingTopicReassignment(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeListPartitionReassignmentsResponseOngoingTopicReassignment(
  r: Reader,
  v: number,
): ListPartitionReassignmentsResponseOngoingTopicReassignment {
  const _name = r.compactString();
  let _partitions: ListPartitionReassignmentsResponseOngoingPartitionReassignment[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ListPartitionReassignmentsResponseOngoingPartitionReassignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListPartitionReassignmentsResponseOngoingPartitionReassignment(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeListPartitionReassignmentsResponseOngoingTopicReassignment(
  w: Writer,
  m: ListPartitionReassignmentsResponseOngoingTopicReassignment,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListPartitionReassignmentsResponseOngoingPartitionReassignment(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeListPartitionReassignmentsResponseOngoingPartitionReassignment(
  r: Reader,
  _v: number,
): ListPartitionReassignmentsResponseOngoingPartitionReassignment {
  const _partitionIndex = r.int32();
  let _replicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicas = _a;
  }
  let _addingReplicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _addingReplicas = _a;
  }
  let _removingReplicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _removingReplicas = _a;
  }
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    replicas: _replicas,
    addingReplicas: _addingReplicas,
    removingReplicas: _removingReplicas,
  };
}

function encodeListPartitionReassignmentsResponseOngoingPartitionReassignment(
  w: Writer,
  m: ListPartitionReassignmentsResponseOngoingPartitionReassignment,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  {
    const _a = m.replicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.addingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.removingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}
