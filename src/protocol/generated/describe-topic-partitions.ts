// Generated from DescribeTopicPartitionsRequest.json, DescribeTopicPartitionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeTopicPartitionsRequest: versions 0, flexible 0+, api key 75.

export interface DescribeTopicPartitionsRequest {
  /** v0+ */
  topics: DescribeTopicPartitionsRequestTopicRequest[];
  /** v0+, default 2000 */
  responsePartitionLimit: number;
  /** v0+, nullable v0+, default null */
  cursor: DescribeTopicPartitionsRequestCursor | null;
}

export interface DescribeTopicPartitionsRequestTopicRequest {
  /** v0+ */
  name: string;
}

export interface DescribeTopicPartitionsRequestCursor {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
}

export function createDescribeTopicPartitionsRequest(
  init?: Partial<DescribeTopicPartitionsRequest>,
): DescribeTopicPartitionsRequest {
  return { topics: [], responsePartitionLimit: 2000, cursor: null, ...init };
}

export function createDescribeTopicPartitionsRequestTopicRequest(
  init?: Partial<DescribeTopicPartitionsRequestTopicRequest>,
): DescribeTopicPartitionsRequestTopicRequest {
  return { name: '', ...init };
}

export function createDescribeTopicPartitionsRequestCursor(
  init?: Partial<DescribeTopicPartitionsRequestCursor>,
): DescribeTopicPartitionsRequestCursor {
  return { topicName: '', partitionIndex: 0, ...init };
}

export function decodeDescribeTopicPartitionsRequest(r: Reader, v: number): DescribeTopicPartitionsRequest {
  let _topics: DescribeTopicPartitionsRequestTopicRequest[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeTopicPartitionsRequestTopicRequest[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeTopicPartitionsRequestTopicRequest(r, v));
    }
    _topics = _a;
  }
  const _responsePartitionLimit = r.int32();
  const _cursor = r.int8() < 0 ? null : decodeDescribeTopicPartitionsRequestCursor(r, v);
  r.skipTaggedFields();
  return { topics: _topics, responsePartitionLimit: _responsePartitionLimit, cursor: _cursor };
}

export function encodeDescribeTopicPartitionsRequest(
  w: Writer,
  m: DescribeTopicPartitionsRequest,
  v: number,
): void {
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeTopicPartitionsRequestTopicRequest(w, _e, v);
    }
  }
  w.int32(m.responsePartitionLimit);
  {
    if (m.cursor === null) w.int8(-1);
    else {
      w.int8(1);
      encodeDescribeTopicPartitionsRequestCursor(w, m.cursor, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeTopicPartitionsRequestTopicRequest(
  r: Reader,
  _v: number,
): DescribeTopicPartitionsRequestTopicRequest {
  const _name = r.compactString();
  r.skipTaggedFields();
  return { name: _name };
}

function encodeDescribeTopicPartitionsRequestTopicRequest(
  w: Writer,
  m: DescribeTopicPartitionsRequestTopicRequest,
  _v: number,
): void {
  w.compactString(m.name);
  w.uvarint(0);
}

function decodeDescribeTopicPartitionsRequestCursor(
  r: Reader,
  _v: number,
): DescribeTopicPartitionsRequestCursor {
  const _topicName = r.compactString();
  const _partitionIndex = r.int32();
  r.skipTaggedFields();
  return { topicName: _topicName, partitionIndex: _partitionIndex };
}

function encodeDescribeTopicPartitionsRequestCursor(
  w: Writer,
  m: DescribeTopicPartitionsRequestCursor,
  _v: number,
): void {
  w.compactString(m.topicName);
  w.int32(m.partitionIndex);
  w.uvarint(0);
}

// DescribeTopicPartitionsResponse: versions 0, flexible 0+, api key 75.

export interface DescribeTopicPartitionsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic[];
  /** v0+, nullable v0+, default null */
  nextCursor: DescribeTopicPartitionsResponseCursor | null;
}

export interface DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  name: string | null;
  /** v0+ */
  topicId: string;
  /** v0+, default false */
  isInternal: boolean;
  /** v0+ */
  partitions: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition[];
  /** v0+, default -2147483648 */
  topicAuthorizedOperations: number;
}

export interface DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  leaderId: number;
  /** v0+, default -1 */
  leaderEpoch: number;
  /** v0+ */
  replicaNodes: number[];
  /** v0+ */
  isrNodes: number[];
  /** v0+, nullable v0+, default null */
  eligibleLeaderReplicas: number[] | null;
  /** v0+, nullable v0+, default null */
  lastKnownElr: number[] | null;
  /** v0+ */
  offlineReplicas: number[];
}

export interface DescribeTopicPartitionsResponseCursor {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
}

export function createDescribeTopicPartitionsResponse(
  init?: Partial<DescribeTopicPartitionsResponse>,
): DescribeTopicPartitionsResponse {
  return { throttleTimeMs: 0, topics: [], nextCursor: null, ...init };
}

export function createDescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic(
  init?: Partial<DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic>,
): DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic {
  return {
    errorCode: 0,
    name: '',
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
    ...init,
  };
}

export function createDescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition(
  init?: Partial<DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition>,
): DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
    offlineReplicas: [],
    ...init,
  };
}

export function createDescribeTopicPartitionsResponseCursor(
  init?: Partial<DescribeTopicPartitionsResponseCursor>,
): DescribeTopicPartitionsResponseCursor {
  return { topicName: '', partitionIndex: 0, ...init };
}

export function decodeDescribeTopicPartitionsResponse(r: Reader, v: number): DescribeTopicPartitionsResponse {
  const _throttleTimeMs = r.int32();
  let _topics: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic(r, v));
    }
    _topics = _a;
  }
  const _nextCursor = r.int8() < 0 ? null : decodeDescribeTopicPartitionsResponseCursor(r, v);
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, topics: _topics, nextCursor: _nextCursor };
}

export function encodeDescribeTopicPartitionsResponse(
  w: Writer,
  m: DescribeTopicPartitionsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic(w, _e, v);
    }
  }
  {
    if (m.nextCursor === null) w.int8(-1);
    else {
      w.int8(1);
      encodeDescribeTopicPartitionsResponseCursor(w, m.nextCursor, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic(
  r: Reader,
  v: number,
): DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic {
  const _errorCode = r.int16();
  const _name = r.compactNullableString();
  const _topicId = r.uuid();
  const _isInternal = r.bool();
  let _partitions: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition(r, v));
    }
    _partitions = _a;
  }
  const _topicAuthorizedOperations = r.int32();
  r.skipTaggedFields();
  return {
    errorCode: _errorCode,
    name: _name,
    topicId: _topicId,
    isInternal: _isInternal,
    partitions: _partitions,
    topicAuthorizedOperations: _topicAuthorizedOperations,
  };
}

function encodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic(
  w: Writer,
  m: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopic,
  v: number,
): void {
  w.int16(m.errorCode);
  w.compactNullableString(m.name);
  w.uuid(m.topicId);
  w.bool(m.isInternal);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition(w, _e, v);
    }
  }
  w.int32(m.topicAuthorizedOperations);
  w.uvarint(0);
}

function decodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition(
  r: Reader,
  _v: number,
): DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition {
  const _errorCode = r.int16();
  const _partitionIndex = r.int32();
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  let _replicaNodes: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicaNodes = _a;
  }
  let _isrNodes: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isrNodes = _a;
  }
  let _eligibleLeaderReplicas: number[] | null;
  {
    const _n = r.compactArrayLength(4, true);
    if (_n < 0) _eligibleLeaderReplicas = null;
    else {
      const _a: number[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.int32());
      }
      _eligibleLeaderReplicas = _a;
    }
  }
  let _lastKnownElr: number[] | null;
  {
    const _n = r.compactArrayLength(4, true);
    if (_n < 0) _lastKnownElr = null;
    else {
      const _a: number[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.int32());
      }
      _lastKnownElr = _a;
    }
  }
  let _offlineReplicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _offlineReplicas = _a;
  }
  r.skipTaggedFields();
  return {
    errorCode: _errorCode,
    partitionIndex: _partitionIndex,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    replicaNodes: _replicaNodes,
    isrNodes: _isrNodes,
    eligibleLeaderReplicas: _eligibleLeaderReplicas,
    lastKnownElr: _lastKnownElr,
    offlineReplicas: _offlineReplicas,
  };
}

function encodeDescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition(
  w: Writer,
  m: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponsePartition,
  _v: number,
): void {
  w.int16(m.errorCode);
  w.int32(m.partitionIndex);
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  {
    const _a = m.replicaNodes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.isrNodes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.eligibleLeaderReplicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
  }
  {
    const _a = m.lastKnownElr;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
  }
  {
    const _a = m.offlineReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

function decodeDescribeTopicPartitionsResponseCursor(
  r: Reader,
  _v: number,
): DescribeTopicPartitionsResponseCursor {
  const _topicName = r.compactString();
  const _partitionIndex = r.int32();
  r.skipTaggedFields();
  return { topicName: _topicName, partitionIndex: _partitionIndex };
}

function encodeDescribeTopicPartitionsResponseCursor(
  w: Writer,
  m: DescribeTopicPartitionsResponseCursor,
  _v: number,
): void {
  w.compactString(m.topicName);
  w.int32(m.partitionIndex);
  w.uvarint(0);
}
