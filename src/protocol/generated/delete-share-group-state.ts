// Generated from DeleteShareGroupStateRequest.json, DeleteShareGroupStateResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DeleteShareGroupStateRequest: versions 0, flexible 0+, api key 86.

export interface DeleteShareGroupStateRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: DeleteShareGroupStateRequestDeleteStateData[];
}

export interface DeleteShareGroupStateRequestDeleteStateData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: DeleteShareGroupStateRequestPartitionData[];
}

export interface DeleteShareGroupStateRequestPartitionData {
  /** v0+ */
  partition: number;
}

export function createDeleteShareGroupStateRequest(
  init?: Partial<DeleteShareGroupStateRequest>,
): DeleteShareGroupStateRequest {
  return { groupId: '', topics: [], ...init };
}

export function createDeleteShareGroupStateRequestDeleteStateData(
  init?: Partial<DeleteShareGroupStateRequestDeleteStateData>,
): DeleteShareGroupStateRequestDeleteStateData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createDeleteShareGroupStateRequestPartitionData(
  init?: Partial<DeleteShareGroupStateRequestPartitionData>,
): DeleteShareGroupStateRequestPartitionData {
  return { partition: 0, ...init };
}

export function decodeDeleteShareGroupStateRequest(r: Reader, v: number): DeleteShareGroupStateRequest {
  const _groupId = r.compactString();
  let _topics: DeleteShareGroupStateRequestDeleteStateData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteShareGroupStateRequestDeleteStateData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteShareGroupStateRequestDeleteStateData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics };
}

export function encodeDeleteShareGroupStateRequest(
  w: Writer,
  m: DeleteShareGroupStateRequest,
  v: number,
): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteShareGroupStateRequestDeleteStateData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDeleteShareGroupStateRequestDeleteStateData(
  r: Reader,
  v: number,
): DeleteShareGroupStateRequestDeleteStateData {
  const _topicId = r.uuid();
  let _partitions: DeleteShareGroupStateRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteShareGroupStateRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteShareGroupStateRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeDeleteShareGroupStateRequestDeleteStateData(
  w: Writer,
  m: DeleteShareGroupStateRequestDeleteStateData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteShareGroupStateRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDeleteShareGroupStateRequestPartitionData(
  r: Reader,
  _v: number,
): DeleteShareGroupStateRequestPartitionData {
  const _partition = r.int32();
  r.skipTaggedFields();
  return { partition: _partition };
}

function encodeDeleteShareGroupStateRequestPartitionData(
  w: Writer,
  m: DeleteShareGroupStateRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partition);
  w.uvarint(0);
}

// DeleteShareGroupStateResponse: versions 0, flexible 0+, api key 86.

export interface DeleteShareGroupStateResponse {
  /** v0+ */
  results: DeleteShareGroupStateResponseDeleteStateResult[];
}

export interface DeleteShareGroupStateResponseDeleteStateResult {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: DeleteShareGroupStateResponsePartitionResult[];
}

export interface DeleteShareGroupStateResponsePartitionResult {
  /** v0+ */
  partition: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
}

export function createDeleteShareGroupStateResponse(
  init?: Partial<DeleteShareGroupStateResponse>,
): DeleteShareGroupStateResponse {
  return { results: [], ...init };
}

export function createDeleteShareGroupStateResponseDeleteStateResult(
  init?: Partial<DeleteShareGroupStateResponseDeleteStateResult>,
): DeleteShareGroupStateResponseDeleteStateResult {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createDeleteShareGroupStateResponsePartitionResult(
  init?: Partial<DeleteShareGroupStateResponsePartitionResult>,
): DeleteShareGroupStateResponsePartitionResult {
  return { partition: 0, errorCode: 0, errorMessage: null, ...init };
}

export function decodeDeleteShareGroupStateResponse(r: Reader, v: number): DeleteShareGroupStateResponse {
  let _results: DeleteShareGroupStateResponseDeleteStateResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteShareGroupStateResponseDeleteStateResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteShareGroupStateResponseDeleteStateResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { results: _results };
}

export function encodeDeleteShareGroupStateResponse(
  w: Writer,
  m: DeleteShareGroupStateResponse,
  v: number,
): void {
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteShareGroupStateResponseDeleteStateResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDeleteShareGroupStateResponseDeleteStateResult(
  r: Reader,
  v: number,
): DeleteShareGroupStateResponseDeleteStateResult {
  const _topicId = r.uuid();
  let _partitions: DeleteShareGroupStateResponsePartitionResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteShareGroupStateResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteShareGroupStateResponsePartitionResult(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeDeleteShareGroupStateResponseDeleteStateResult(
  w: Writer,
  m: DeleteShareGroupStateResponseDeleteStateResult,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteShareGroupStateResponsePartitionResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDeleteShareGroupStateResponsePartitionResult(
  r: Reader,
  _v: number,
): DeleteShareGroupStateResponsePartitionResult {
  const _partition = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { partition: _partition, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeDeleteShareGroupStateResponsePartitionResult(
  w: Writer,
  m: DeleteShareGroupStateResponsePartitionResult,
  _v: number,
): void {
  w.int32(m.partition);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
