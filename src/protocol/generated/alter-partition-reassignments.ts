// Generated from AlterPartitionReassignmentsRequest.json, AlterPartitionReassignmentsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterPartitionReassignmentsRequest: versions 0-1, flexible 0+, api key 45.

export interface AlterPartitionReassignmentsRequest {
  /** v0+, default 60000 */
  timeoutMs: number;
  /** v1+, default true */
  allowReplicationFactorChange: boolean;
  /** v0+ */
  topics: AlterPartitionReassignmentsRequestReassignableTopic[];
}

export interface AlterPartitionReassignmentsRequestReassignableTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: AlterPartitionReassignmentsRequestReassignablePartition[];
}

export interface AlterPartitionReassignmentsRequestReassignablePartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+, nullable v0+, default null */
  replicas: number[] | null;
}

export function createAlterPartitionReassignmentsRequest(
  init?: Partial<AlterPartitionReassignmentsRequest>,
): AlterPartitionReassignmentsRequest {
  return { timeoutMs: 60000, allowReplicationFactorChange: true, topics: [], ...init };
}

export function createAlterPartitionReassignmentsRequestReassignableTopic(
  init?: Partial<AlterPartitionReassignmentsRequestReassignableTopic>,
): AlterPartitionReassignmentsRequestReassignableTopic {
  return { name: '', partitions: [], ...init };
}

export function createAlterPartitionReassignmentsRequestReassignablePartition(
  init?: Partial<AlterPartitionReassignmentsRequestReassignablePartition>,
): AlterPartitionReassignmentsRequestReassignablePartition {
  return { partitionIndex: 0, replicas: null, ...init };
}

export function decodeAlterPartitionReassignmentsRequest(
  r: Reader,
  v: number,
): AlterPartitionReassignmentsRequest {
  const _timeoutMs = r.int32();
  let _allowReplicationFactorChange: boolean;
  if (v >= 1) {
    _allowReplicationFactorChange = r.bool();
  } else {
    _allowReplicationFactorChange = true;
  }
  let _topics: AlterPartitionReassignmentsRequestReassignableTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionReassignmentsRequestReassignableTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionReassignmentsRequestReassignableTopic(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return {
    timeoutMs: _timeoutMs,
    allowReplicationFactorChange: _allowReplicationFactorChange,
    topics: _topics,
  };
}

export function encodeAlterPartitionReassignmentsRequest(
  w: Writer,
  m: AlterPartitionReassignmentsRequest,
  v: number,
): void {
  w.int32(m.timeoutMs);
  if (v >= 1) {
    w.bool(m.allowReplicationFactorChange);
  }
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionReassignmentsRequestReassignableTopic(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionReassignmentsRequestReassignableTopic(
  r: Reader,
  v: number,
): AlterPartitionReassignmentsRequestReassignableTopic {
  const _name = r.compactString();
  let _partitions: AlterPartitionReassignmentsRequestReassignablePartition[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionReassignmentsRequestReassignablePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionReassignmentsRequestReassignablePartition(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeAlterPartitionReassignmentsRequestReassignableTopic(
  w: Writer,
  m: AlterPartitionReassignmentsRequestReassignableTopic,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionReassignmentsRequestReassignablePartition(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionReassignmentsRequestReassignablePartition(
  r: Reader,
  _v: number,
): AlterPartitionReassignmentsRequestReassignablePartition {
  const _partitionIndex = r.int32();
  let _replicas: number[] | null;
  {
    const _n = r.compactArrayLength(4, true);
    if (_n < 0) _replicas = null;
    else {
      const _a: number[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.int32());
      }
      _replicas = _a;
    }
  }
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex, replicas: _replicas };
}

function encodeAlterPartitionReassignmentsRequestReassignablePartition(
  w: Writer,
  m: AlterPartitionReassignmentsRequestReassignablePartition,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  {
    const _a = m.replicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
  }
  w.uvarint(0);
}

// AlterPartitionReassignmentsResponse: versions 0-1, flexible 0+, api key 45.

export interface AlterPartitionReassignmentsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v1+, default true */
  allowReplicationFactorChange: boolean;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  responses: AlterPartitionReassignmentsResponseReassignableTopicResponse[];
}

export interface AlterPartitionReassignmentsResponseReassignableTopicResponse {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: AlterPartitionReassignmentsResponseReassignablePartitionResponse[];
}

export interface AlterPartitionReassignmentsResponseReassignablePartitionResponse {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createAlterPartitionReassignmentsResponse(
  init?: Partial<AlterPartitionReassignmentsResponse>,
): AlterPartitionReassignmentsResponse {
  return {
    throttleTimeMs: 0,
    allowReplicationFactorChange: true,
    errorCode: 0,
    errorMessage: '',
    responses: [],
    ...init,
  };
}

export function createAlterPartitionReassignmentsResponseReassignableTopicResponse(
  init?: Partial<AlterPartitionReassignmentsResponseReassignableTopicResponse>,
): AlterPartitionReassignmentsResponseReassignableTopicResponse {
  return { name: '', partitions: [], ...init };
}

export function createAlterPartitionReassignmentsResponseReassignablePartitionResponse(
  init?: Partial<AlterPartitionReassignmentsResponseReassignablePartitionResponse>,
): AlterPartitionReassignmentsResponseReassignablePartitionResponse {
  return { partitionIndex: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeAlterPartitionReassignmentsResponse(
  r: Reader,
  v: number,
): AlterPartitionReassignmentsResponse {
  const _throttleTimeMs = r.int32();
  let _allowReplicationFactorChange: boolean;
  if (v >= 1) {
    _allowReplicationFactorChange = r.bool();
  } else {
    _allowReplicationFactorChange = true;
  }
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _responses: AlterPartitionReassignmentsResponseReassignableTopicResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionReassignmentsResponseReassignableTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionReassignmentsResponseReassignableTopicResponse(r, v));
    }
    _responses = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    allowReplicationFactorChange: _allowReplicationFactorChange,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    responses: _responses,
  };
}

export function encodeAlterPartitionReassignmentsResponse(
  w: Writer,
  m: AlterPartitionReassignmentsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  if (v >= 1) {
    w.bool(m.allowReplicationFactorChange);
  }
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionReassignmentsResponseReassignableTopicResponse(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionReassignmentsResponseReassignableTopicResponse(
  r: Reader,
  v: number,
): AlterPartitionReassignmentsResponseReassignableTopicResponse {
  const _name = r.compactString();
  let _partitions: AlterPartitionReassignmentsResponseReassignablePartitionResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionReassignmentsResponseReassignablePartitionResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionReassignmentsResponseReassignablePartitionResponse(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeAlterPartitionReassignmentsResponseReassignableTopicResponse(
  w: Writer,
  m: AlterPartitionReassignmentsResponseReassignableTopicResponse,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionReassignmentsResponseReassignablePartitionResponse(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionReassignmentsResponseReassignablePartitionResponse(
  r: Reader,
  _v: number,
): AlterPartitionReassignmentsResponseReassignablePartitionResponse {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeAlterPartitionReassignmentsResponseReassignablePartitionResponse(
  w: Writer,
  m: AlterPartitionReassignmentsResponseReassignablePartitionResponse,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
