// Generated from ReadShareGroupStateSummaryRequest.json, ReadShareGroupStateSummaryResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ReadShareGroupStateSummaryRequest: versions 0, flexible 0+, api key 87.

export interface ReadShareGroupStateSummaryRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: ReadShareGroupStateSummaryRequestReadStateSummaryData[];
}

export interface ReadShareGroupStateSummaryRequestReadStateSummaryData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ReadShareGroupStateSummaryRequestPartitionData[];
}

export interface ReadShareGroupStateSummaryRequestPartitionData {
  /** v0+ */
  partition: number;
  /** v0+ */
  leaderEpoch: number;
}

export function createReadShareGroupStateSummaryRequest(
  init?: Partial<ReadShareGroupStateSummaryRequest>,
): ReadShareGroupStateSummaryRequest {
  return { groupId: '', topics: [], ...init };
}

export function createReadShareGroupStateSummaryRequestReadStateSummaryData(
  init?: Partial<ReadShareGroupStateSummaryRequestReadStateSummaryData>,
): ReadShareGroupStateSummaryRequestReadStateSummaryData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createReadShareGroupStateSummaryRequestPartitionData(
  init?: Partial<ReadShareGroupStateSummaryRequestPartitionData>,
): ReadShareGroupStateSummaryRequestPartitionData {
  return { partition: 0, leaderEpoch: 0, ...init };
}

export function decodeReadShareGroupStateSummaryRequest(
  r: Reader,
  v: number,
): ReadShareGroupStateSummaryRequest {
  const _groupId = r.compactString();
  let _topics: ReadShareGroupStateSummaryRequestReadStateSummaryData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateSummaryRequestReadStateSummaryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateSummaryRequestReadStateSummaryData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics };
}

export function encodeReadShareGroupStateSummaryRequest(
  w: Writer,
  m: ReadShareGroupStateSummaryRequest,
  v: number,
): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateSummaryRequestReadStateSummaryData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateSummaryRequestReadStateSummaryData(
  r: Reader,
  v: number,
): ReadShareGroupStateSummaryRequestReadStateSummaryData {
  const _topicId = r.uuid();
  let _partitions: ReadShareGroupStateSummaryRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateSummaryRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateSummaryRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeReadShareGroupStateSummaryRequestReadStateSummaryData(
  w: Writer,
  m: ReadShareGroupStateSummaryRequestReadStateSummaryData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateSummaryRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateSummaryRequestPartitionData(
  r: Reader,
  _v: number,
): ReadShareGroupStateSummaryRequestPartitionData {
  const _partition = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { partition: _partition, leaderEpoch: _leaderEpoch };
}

function encodeReadShareGroupStateSummaryRequestPartitionData(
  w: Writer,
  m: ReadShareGroupStateSummaryRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partition);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

// ReadShareGroupStateSummaryResponse: versions 0, flexible 0+, api key 87.

export interface ReadShareGroupStateSummaryResponse {
  /** v0+ */
  results: ReadShareGroupStateSummaryResponseReadStateSummaryResult[];
}

export interface ReadShareGroupStateSummaryResponseReadStateSummaryResult {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ReadShareGroupStateSummaryResponsePartitionResult[];
}

export interface ReadShareGroupStateSummaryResponsePartitionResult {
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
}

export function createReadShareGroupStateSummaryResponse(
  init?: Partial<ReadShareGroupStateSummaryResponse>,
): ReadShareGroupStateSummaryResponse {
  return { results: [], ...init };
}

export function createReadShareGroupStateSummaryResponseReadStateSummaryResult(
  init?: Partial<ReadShareGroupStateSummaryResponseReadStateSummaryResult>,
): ReadShareGroupStateSummaryResponseReadStateSummaryResult {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createReadShareGroupStateSummaryResponsePartitionResult(
  init?: Partial<ReadShareGroupStateSummaryResponsePartitionResult>,
): ReadShareGroupStateSummaryResponsePartitionResult {
  return { partition: 0, errorCode: 0, errorMessage: null, stateEpoch: 0, startOffset: 0, ...init };
}

export function decodeReadShareGroupStateSummaryResponse(
  r: Reader,
  v: number,
): ReadShareGroupStateSummaryResponse {
  let _results: ReadShareGroupStateSummaryResponseReadStateSummaryResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateSummaryResponseReadStateSummaryResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateSummaryResponseReadStateSummaryResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { results: _results };
}

export function encodeReadShareGroupStateSummaryResponse(
  w: Writer,
  m: ReadShareGroupStateSummaryResponse,
  v: number,
): void {
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateSummaryResponseReadStateSummaryResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateSummaryResponseReadStateSummaryResult(
  r: Reader,
  v: number,
): ReadShareGroupStateSummaryResponseReadStateSummaryResult {
  const _topicId = r.uuid();
  let _partitions: ReadShareGroupStateSummaryResponsePartitionResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ReadShareGroupStateSummaryResponsePartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeReadShareGroupStateSummaryResponsePartitionResult(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeReadShareGroupStateSummaryResponseReadStateSummaryResult(
  w: Writer,
  m: ReadShareGroupStateSummaryResponseReadStateSummaryResult,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeReadShareGroupStateSummaryResponsePartitionResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeReadShareGroupStateSummaryResponsePartitionResult(
  r: Reader,
  _v: number,
): ReadShareGroupStateSummaryResponsePartitionResult {
  const _partition = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _stateEpoch = r.int32();
  const _startOffset = r.int64();
  r.skipTaggedFields();
  return {
    partition: _partition,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    stateEpoch: _stateEpoch,
    startOffset: _startOffset,
  };
}

function encodeReadShareGroupStateSummaryResponsePartitionResult(
  w: Writer,
  m: ReadShareGroupStateSummaryResponsePartitionResult,
  _v: number,
): void {
  w.int32(m.partition);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.int32(m.stateEpoch);
  w.int64(m.startOffset);
  w.uvarint(0);
}
