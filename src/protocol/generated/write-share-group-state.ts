// Generated from WriteShareGroupStateRequest.json, WriteShareGroupStateResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// WriteShareGroupStateRequest: versions 0, flexible 0+, api key 85.

export interface WriteShareGroupStateRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: WriteShareGroupStateRequestWriteStateData[];
}

export interface WriteShareGroupStateRequestWriteStateData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: WriteShareGroupStateRequestPartitionData[];
}

export interface WriteShareGroupStateRequestPartitionData {
  /** v0+ */
  partition: number;
  /** v0+ */
  stateEpoch: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0+ */
  startOffset: number;
  /** v0+ */
  stateBatches: WriteShareGroupStateRequestStateBatch[];
}

export interface WriteShareGroupStateRequestStateBatch {
  /** v0+ */
  firstOffset: number;
  /** v0+ */
  lastOffset: number;
  /** v0+ */
  deliveryState: number;
  /** v0+ */
  deliveryCount: number;
}

export function createWriteShareGroupStateRequest(
  init?: Partial<WriteShareGroupStateRequest>,
): WriteShareGroupStateRequest {
  return { groupId: '', topics: [], ...init };
}

export function createWriteShareGroupStateRequestWriteStateData(
  init?: Partial<WriteShareGroupStateRequestWriteStateData>,
): WriteShareGroupStateRequestWriteStateData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createWriteShareGroupStateRequestPartitionData(
  init?: Partial<WriteShareGroupStateRequestPartitionData>,
): WriteShareGroupStateRequestPartitionData {
  return { partition: 0, stateEpoch: 0, leaderEpoch: 0, startOffset: 0, stateBatches: [], ...init };
}

export function createWriteShareGroupStateRequestStateBatch(
  init?: Partial<WriteShareGroupStateRequestStateBatch>,
): WriteShareGroupStateRequestStateBatch {
  return { firstOffset: 0, lastOffset: 0, deliveryState: 0, deliveryCount: 0, ...init };
}

export function decodeWriteShareGroupStateRequest(r: Reader, v: number): WriteShareGroupStateRequest {
  const _groupId = r.compactString();
  let _topics: WriteShareGroupStateRequestWriteStateData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteShareGroupStateRequestWriteStateData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteShareGroupStateRequestWriteStateData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics };
}

export function encodeWriteShareGroupStateRequest(
  w: Writer,
  m: WriteShareGroupStateRequest,
  v: number,
): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteShareGroupStateRequestWriteStateData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeWriteShareGroupStateRequestWriteStateData(
  r: Reader,
  v: number,
): WriteShareGroupStateRequestWriteStateData {
  const _topicId = r.uuid();
  let _partitions: WriteShareGroupStateRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteShareGroupStateRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteShareGroupStateRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeWriteShareGroupStateRequestWriteStateData(
  w: Writer,
  m: WriteShareGroupStateRequestWriteStateData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteShareGroupStateRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeWriteShareGroupStateRequestPartitionData(
  r: Reader,
  v: number,
): WriteShareGroupStateRequestPartitionData {
  const _partition = r.int32();
  const _stateEpoch = r.int32();
  const _leaderEpoch = r.int32();
  const _startOffset = r.int64();
  let _stateBatches: WriteShareGroupStateRequestStateBatch[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteShareGroupStateRequestStateBatch[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteShareGroupStateRequestStateBatch(r, v));
    }
    _stateBatches = _a;
  }
  r.skipTaggedFields();
  return {
    partition: _partition,
    stateEpoch: _stateEpoch,
    leaderEpoch: _leaderEpoch,
    startOffset: _startOffset,
    stateBatches: _stateBatches,
  };
}

function encodeWriteShareGroupStateRequestPartitionData(
  w: Writer,
  m: WriteShareGroupStateRequestPartitionData,
  v: number,
): void {
  w.int32(m.partition);
  w.int32(m.stateEpoch);
  w.int32(m.leaderEpoch);
  w.int64(m.startOffset);
  {
    const _a = m.stateBatches;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteShareGroupStateRequestStateBatch(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeWriteShareGroupStateRequestStateBatch(
  r: Reader,
  _v: number,
): WriteShareGroupStateRequestStateBatch {
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

function encodeWriteShareGroupStateRequestStateBatch(
  w: Writer,
  m: WriteShareGroupStateRequestStateBatch,
  _v: number,
): void {
  w.int64(m.firstOffset);
  w.int64(m.lastOffset);
  w.int8(m.deliveryState);
  w.int16(m.deliveryCount);
  w.uvarint(0);
}

// WriteShareGroupStateResponse: versions 0, flexible 0+, api key 85.

export interface WriteShareGroupStateResponse {
  /** v0+ */
  results: WriteShareGroupStateResponseWriteStateResult[];
}

export interface WriteShareGroupStateResponseWriteStateResult {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: WriteShareGroupStateResponsePartitionResult[];
}

export interface WriteShareGroupStateResponsePartitionResult {
  /** v0+ */
  partition: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
}

export function createWriteShareGroupStateResponse(
  init?: Partial<WriteShareGroupStateResponse>,
): WriteShareGroupStateResponse {
  return { results: [], ...init };
}

export function createWriteShareGroupStateResponseWriteStateResult(
  init?: Partial<WriteShareGroupStateResponseWriteStateResult>,
): WriteShareGroupStateResponseWriteStateResult {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createWriteShareGroupStateResponsePartitionResult(
  init?: Partial<WriteShareGroupStateResponsePartitionResult>,
): WriteShareGroupStateResponsePartitionResult {
  return { partition: 0, errorCode: 0, errorMessage: null, ...init };
}

export function decodeWriteShareGroupStateResponse(r: Reader, v: number): WriteShareGroupStateResponse {
  let _results: WriteShareGroupStateResponseWriteStateResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteShareGroupStateResponseWriteStateResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteShareGroupStateResponseWriteStateResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { results: _results };
}

export function encodeWriteShareGroupStateResponse(
  w: Writer,
  m: WriteShareGroupStateResponse,
  v: number,
): void {
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteShareGroupStateResponseWriteStateResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeWriteShareGroupStateResponseWriteStateResult(
  r: Reader,
  v: number,
): WriteShareGroupStateResponseWriteStateResult {
  const _topicId = r.uuid();
  let _partitions: WriteShareGroupStateResponsePartitionResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteShareGroupStateResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteShareGroupStateResponsePartitionResult(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeWriteShareGroupStateResponseWriteStateResult(
  w: Writer,
  m: WriteShareGroupStateResponseWriteStateResult,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteShareGroupStateResponsePartitionResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeWriteShareGroupStateResponsePartitionResult(
  r: Reader,
  _v: number,
): WriteShareGroupStateResponsePartitionResult {
  const _partition = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { partition: _partition, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeWriteShareGroupStateResponsePartitionResult(
  w: Writer,
  m: WriteShareGroupStateResponsePartitionResult,
  _v: number,
): void {
  w.int32(m.partition);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
