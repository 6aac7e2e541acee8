// Generated from ReadShareGroupStateRequest.json, ReadShareGroupStateResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ReadShareGroupStateRequest: versions 0, flexible 0+, api key 84.

export interface ReadShareGroupStateRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: ReadShareGroupStateRequestReadStateData[];
}

export interface ReadShareGroupStateRequestReadStateData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ReadShareGroupStateRequestPartitionData[];
}

export interface ReadShareGroupStateRequestPartitionData {
  /** v0+ */
  partition: number;
  /** v0+ */
  leaderEpoch: number;
}

export function createReadShareGroupStateRequest(
  init?: Partial<ReadShareGroupStateRequest>,
): ReadShareGroupStateRequest {
  return { groupId: '', topics: [], ...init };
}

export function createReadShareGroupStateRequestReadStateData(
  init?: Partial<ReadShareGroupStateRequestReadStateData>,
): ReadShareGroupStateRequestReadStateData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createReadShareGroupStateRequestPartitionData(
  init?: Partial<ReadShareGroupStateRequestPartitionData>,
): ReadShareGroupStateRequestPartitionData {
  return { partition: 0, leaderEpoch: 0, ...init };
}

export function decodeReadShareGroupStateRequest(r: Reader, v: number): ReadShareGroupStateRequest {
  const _groupId = r.compactString();
  let _topics: ReadShareGroupStateRequestReadStateData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateRequestReadStateData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateRequestReadStateData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics };
}

export function encodeReadShareGroupStateRequest(w: Writer, m: ReadShareGroupStateRequest, v: number): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateRequestReadStateData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateRequestReadStateData(
  r: Reader,
  v: number,
): ReadShareGroupStateRequestReadStateData {
  const _topicId = r.uuid();
  let _partitions: ReadShareGroupStateRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeReadShareGroupStateRequestReadStateData(
  w: Writer,
  m: ReadShareGroupStateRequestReadStateData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateRequestPartitionData(
  r: Reader,
  _v: number,
): ReadShareGroupStateRequestPartitionData {
  const _partition = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { partition: _partition, leaderEpoch: _leaderEpoch };
}

function encodeReadShareGroupStateRequestPartitionData(
  w: Writer,
  m: ReadShareGroupStateRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partition);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

// ReadShareGroupStateResponse: versions 0, flexible 0+, api key 84.

export interface ReadShareGroupStateResponse {
  /** v0+ */
  results: ReadShareGroupStateResponseReadStateResult[];
}

export interface ReadShareGroupStateResponseReadStateResult {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ReadShareGroupStateResponsePartitionResult[];
}

export interface ReadShareGroupStateResponsePartitionResult {
  /** v0+ */
  partition: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  stateEpoch: number;
  /** v0+ */
  startOffset: number;
  /** v0+ */
  stateBatches: ReadShareGroupStateResponseStateBatch[];
}

export interface ReadShareGroupStateResponseStateBatch {
  /** v0+ */
  firstOffset: number;
  /** v0+ */
  lastOffset: number;
  /** v0+ */
  deliveryState: number;
  /** v0+ */
  deliveryCount: number;
}

export function createReadShareGroupStateResponse(
  init?: Partial<ReadShareGroupStateResponse>,
): ReadShareGroupStateResponse {
  return { results: [], ...init };
}

export function createReadShareGroupStateResponseReadStateResult(
  init?: Partial<ReadShareGroupStateResponseReadStateResult>,
): ReadShareGroupStateResponseReadStateResult {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createReadShareGroupStateResponsePartitionResult(
  init?: Partial<ReadShareGroupStateResponsePartitionResult>,
): ReadShareGroupStateResponsePartitionResult {
  return {
    partition: 0,
    errorCode: 0,
    errorMessage: null,
    stateEpoch: 0,
    startOffset: 0,
    stateBatches: [],
    ...init,
  };
}

export function createReadShareGroupStateResponseStateBatch(
  init?: Partial<ReadShareGroupStateResponseStateBatch>,
): ReadShareGroupStateResponseStateBatch {
  return { firstOffset: 0, lastOffset: 0, deliveryState: 0, deliveryCount: 0, ...init };
}

export function decodeReadShareGroupStateResponse(r: Reader, v: number): ReadShareGroupStateResponse {
  let _results: ReadShareGroupStateResponseReadStateResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateResponseReadStateResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateResponseReadStateResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { results: _results };
}

export function encodeReadShareGroupStateResponse(
  w: Writer,
  m: ReadShareGroupStateResponse,
  v: number,
): void {
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateResponseReadStateResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateResponseReadStateResult(
  r: Reader,
  v: number,
): ReadShareGroupStateResponseReadStateResult {
  const _topicId = r.uuid();
  let _partitions: ReadShareGroupStateResponsePartitionResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateResponsePartitionResult(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeReadShareGroupStateResponseReadStateResult(
  w: Writer,
  m: ReadShareGroupStateResponseReadStateResult,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateResponsePartitionResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateResponsePartitionResult(
  r: Reader,
  v: number,
): ReadShareGroupStateResponsePartitionResult {
  const _partition = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _stateEpoch = r.int32();
  const _startOffset = r.int64();
  let _stateBatches: ReadShareGroupStateResponseStateBatch[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateResponseStateBatch[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateResponseStateBatch(r, v));
    }
    _stateBatches = _a;
  }
  r.skipTaggedFields();
  return {
    partition: _partition,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    stateEpoch: _stateEpoch,
    startOffset: _startOffset,
    stateBatches: _stateBatches,
  };
}

function encodeReadShareGroupStateResponsePartitionResult(
  w: Writer,
  m: ReadShareGroupStateResponsePartitionResult,
  v: number,
): void {
  w.int32(m.partition);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.int32(m.stateEpoch);
  w.int64(m.startOffset);
  {
    const _a = m.stateBatches;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateResponseStateBatch(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateResponseStateBatch(
  r: Reader,
  _v: number,
): ReadShareGroupStateResponseStateBatch {
  const _firstOffset = r.int64();
  const _lastOffset = r.int64();
  const _deliveryState = r.int8();
  const _deliveryCount = r.int16();
  r.skipTaggedFields();
  return {
    firstOffset: _firstOffset,
    lastOffset: _lastOffset,
    deliveryState: _deliveryState,
    deliveryCount: _deliveryCount,
  };
}

function encodeReadShareGroupStateResponseStateBatch(
  w: Writer,
  m: ReadShareGroupStateResponseStateBatch,
  _v: number,
): void {
  w.int64(m.firstOffset);
  w.int64(m.lastOffset);
  w.int8(m.deliveryState);
  w.int16(m.deliveryCount);
  w.uvarint(0);
}
