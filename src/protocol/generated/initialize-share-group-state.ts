// Generated from InitializeShareGroupStateRequest.json, InitializeShareGroupStateResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// InitializeShareGroupStateRequest: versions 0, flexible 0+, api key 83.

export interface InitializeShareGroupStateRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: InitializeShareGroupStateRequestInitializeStateData[];
}

export interface InitializeShareGroupStateRequestInitializeStateData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: InitializeShareGroupStateRequestPartitionData[];
}

export interface InitializeShareGroupStateRequestPartitionData {
  /** v0+ */
  partition: number;
  /** v0+ */
  stateEpoch: number;
  /** v0+ */
  startOffset: number;
}

export function createInitializeShareGroupStateRequest(
  init?: Partial<InitializeShareGroupStateRequest>,
): InitializeShareGroupStateRequest {
  return { groupId: '', topics: [], ...init };
}

export function createInitializeShareGroupStateRequestInitializeStateData(
  init?: Partial<InitializeShareGroupStateRequestInitializeStateData>,
): InitializeShareGroupStateRequestInitializeStateData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createInitializeShareGroupStateRequestPartitionData(
  init?: Partial<InitializeShareGroupStateRequestPartitionData>,
): InitializeShareGroupStateRequestPartitionData {
  return { partition: 0, stateEpoch: 0, startOffset: 0, ...init };
}

export function decodeInitializeShareGroupStateRequest(
  r: Reader,
  v: number,
): InitializeShareGroupStateRequest {
  const _groupId = r.compactString();
  let _topics: InitializeShareGroupStateRequestInitializeStateData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: InitializeShareGroupStateRequestInitializeStateData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeInitializeShareGroupStateRequestInitializeStateData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics };
}

export function encodeInitializeShareGroupStateRequest(
  w: Writer,
  m: InitializeShareGroupStateRequest,
  v: number,
): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeInitializeShareGroupStateRequestInitializeStateData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeInitializeShareGroupStateRequestInitializeStateData(
  r: Reader,
  v: number,
): InitializeShareGroupStateRequestInitializeStateData {
  const _topicId = r.uuid();
  let _partitions: InitializeShareGroupStateRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: InitializeShareGroupStateRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeInitializeShareGroupStateRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeInitializeShareGroupStateRequestInitializeStateData(
  w: Writer,
  m: InitializeShareGroupStateRequestInitializeStateData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeInitializeShareGroupStateRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeInitializeShareGroupStateRequestPartitionData(
  r: Reader,
  _v: number,
): InitializeShareGroupStateRequestPartitionData {
  const _partition = r.int32();
  const _stateEpoch = r.int32();
  const _startOffset = r.int64();
  r.skipTaggedFields();
  return { partition: _partition, stateEpoch: _stateEpoch, startOffset: _startOffset };
}

function encodeInitializeShareGroupStateRequestPartitionData(
  w: Writer,
  m: InitializeShareGroupStateRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partition);
  w.int32(m.stateEpoch);
  w.int64(m.startOffset);
  w.uvarint(0);
}

// InitializeShareGroupStateResponse: versions 0, flexible 0+, api key 83.

export interface InitializeShareGroupStateResponse {
  /** v0+ */
  results: InitializeShareGroupStateResponseInitializeStateResult[];
}

export interface InitializeShareGroupStateResponseInitializeStateResult {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: InitializeShareGroupStateResponsePartitionResult[];
}

export interface InitializeShareGroupStateResponsePartitionResult {
  /** v0+ */
  partition: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
}

export function createInitializeShareGroupStateResponse(
  init?: Partial<InitializeShareGroupStateResponse>,
): InitializeShareGroupStateResponse {
  return { results: [], ...init };
}

export function createInitializeShareGroupStateResponseInitializeStateResult(
  init?: Partial<InitializeShareGroupStateResponseInitializeStateResult>,
): InitializeShareGroupStateResponseInitializeStateResult {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createInitializeShareGroupStateResponsePartitionResult(
  init?: Partial<InitializeShareGroupStateResponsePartitionResult>,
): InitializeShareGroupStateResponsePartitionResult {
  return { partition: 0, errorCode: 0, errorMessage: null, ...init };
}

export function decodeInitializeShareGroupStateResponse(
  r: Reader,
  v: number,
): InitializeShareGroupStateResponse {
  let _results: InitializeShareGroupStateResponseInitializeStateResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: InitializeShareGroupStateResponseInitializeStateResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeInitializeShareGroupStateResponseInitializeStateResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { results: _results };
}

export function encodeInitializeShareGroupStateResponse(
  w: Writer,
  m: InitializeShareGroupStateResponse,
  v: number,
): void {
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeInitializeShareGroupStateResponseInitializeStateResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeInitializeShareGroupStateResponseInitializeStateResult(
  r: Reader,
  v: number,
): InitializeShareGroupStateResponseInitializeStateResult {
  const _topicId = r.uuid();
  let _partitions: InitializeShareGroupStateResponsePartitionResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: InitializeShareGroupStateResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeInitializeShareGroupStateResponsePartitionResult(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeInitializeShareGroupStateResponseInitializeStateResult(
  w: Writer,
  m: InitializeShareGroupStateResponseInitializeStateResult,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeInitializeShareGroupStateResponsePartitionResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeInitializeShareGroupStateResponsePartitionResult(
  r: Reader,
  _v: number,
): InitializeShareGroupStateResponsePartitionResult {
  const _partition = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { partition: _partition, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeInitializeShareGroupStateResponsePartitionResult(
  w: Writer,
  m: InitializeShareGroupStateResponsePartitionResult,
  _v: number,
): void {
  w.int32(m.partition);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
