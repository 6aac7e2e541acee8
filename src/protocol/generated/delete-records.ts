// Generated from DeleteRecordsRequest.json, DeleteRecordsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DeleteRecordsRequest: versions 0-2, flexible 2+, api key 21.

export interface DeleteRecordsRequest {
  /** v0+ */
  topics: DeleteRecordsRequestDeleteRecordsTopic[];
  /** v0+ */
  timeoutMs: number;
}

export interface DeleteRecordsRequestDeleteRecordsTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: DeleteRecordsRequestDeleteRecordsPartition[];
}

export interface DeleteRecordsRequestDeleteRecordsPartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  offset: number;
}

export function createDeleteRecordsRequest(init?: Partial<DeleteRecordsRequest>): DeleteRecordsRequest {
  return { topics: [], timeoutMs: 0, ...init };
}

export function createDeleteRecordsRequestDeleteRecordsTopic(
  init?: Partial<DeleteRecordsRequestDeleteRecordsTopic>,
): DeleteRecordsRequestDeleteRecordsTopic {
  return { name: '', partitions: [], ...init };
}

export function createDeleteRecordsRequestDeleteRecordsPartition(
  init?: Partial<DeleteRecordsRequestDeleteRecordsPartition>,
): DeleteRecordsRequestDeleteRecordsPartition {
  return { partitionIndex: 0, offset: 0, ...init };
}

export function decodeDeleteRecordsRequest(r: Reader, v: number): DeleteRecordsRequest {
  let _topics: DeleteRecordsRequestDeleteRecordsTopic[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteRecordsRequestDeleteRecordsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsRequestDeleteRecordsTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteRecordsRequestDeleteRecordsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsRequestDeleteRecordsTopic(r, v));
    }
    _topics = _a;
  }
  const _timeoutMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topics: _topics, timeoutMs: _timeoutMs };
}

export function encodeDeleteRecordsRequest(w: Writer, m: DeleteRecordsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsRequestDeleteRecordsTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsRequestDeleteRecordsTopic(w, _e, v);
    }
  }
  w.int32(m.timeoutMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteRecordsRequestDeleteRecordsTopic(
  r: Reader,
  v: number,
): DeleteRecordsRequestDeleteRecordsTopic {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: DeleteRecordsRequestDeleteRecordsPartition[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteRecordsRequestDeleteRecordsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsRequestDeleteRecordsPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteRecordsRequestDeleteRecordsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsRequestDeleteRecordsPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeDeleteRecordsRequestDeleteRecordsTopic(
  w: Writer,
  m: DeleteRecordsRequestDeleteRecordsTopic,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsRequestDeleteRecordsPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsRequestDeleteRecordsPartition(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteRecordsRequestDeleteRecordsPartition(
  r: Reader,
  v: number,
): DeleteRecordsRequestDeleteRecordsPartition {
  const _partitionIndex = r.int32();
  const _offset = r.int64();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, offset: _offset };
}

function encodeDeleteRecordsRequestDeleteRecordsPartition(
  w: Writer,
  m: DeleteRecordsRequestDeleteRecordsPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.offset);
  if (v >= 2) {
    w.uvarint(0);
  }
}

// DeleteRecordsResponse: versions 0-2, flexible 2+, api key 21.

export interface DeleteRecordsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: DeleteRecordsResponseDeleteRecordsTopicResult[];
}

export interface DeleteRecordsResponseDeleteRecordsTopicResult {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[];
}

export interface DeleteRecordsResponseDeleteRecordsPartitionResult {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  lowWatermark: number;
  /** v0+ */
  errorCode: number;
}

export function createDeleteRecordsResponse(init?: Partial<DeleteRecordsResponse>): DeleteRecordsResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createDeleteRecordsResponseDeleteRecordsTopicResult(
  init?: Partial<DeleteRecordsResponseDeleteRecordsTopicResult>,
): DeleteRecordsResponseDeleteRecordsTopicResult {
  return { name: '', partitions: [], ...init };
}

export function createDeleteRecordsResponseDeleteRecordsPartitionResult(
  init?: Partial<DeleteRecordsResponseDeleteRecordsPartitionResult>,
): DeleteRecordsResponseDeleteRecordsPartitionResult {
  return { partitionIndex: 0, lowWatermark: 0, errorCode: 0, ...init };
}

export function decodeDeleteRecordsResponse(r: Reader, v: number): DeleteRecordsResponse {
  const _throttleTimeMs = r.int32();
  let _topics: DeleteRecordsResponseDeleteRecordsTopicResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteRecordsResponseDeleteRecordsTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsResponseDeleteRecordsTopicResult(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteRecordsResponseDeleteRecordsTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsResponseDeleteRecordsTopicResult(r, v));
    }
    _topics = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeDeleteRecordsResponse(w: Writer, m: DeleteRecordsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsResponseDeleteRecordsTopicResult(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsResponseDeleteRecordsTopicResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteRecordsResponseDeleteRecordsTopicResult(
  r: Reader,
  v: number,
): DeleteRecordsResponseDeleteRecordsTopicResult {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsResponseDeleteRecordsPartitionResult(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteRecordsResponseDeleteRecordsPartitionResult(r, v));
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeDeleteRecordsResponseDeleteRecordsTopicResult(
  w: Writer,
  m: DeleteRecordsResponseDeleteRecordsTopicResult,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsResponseDeleteRecordsPartitionResult(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteRecordsResponseDeleteRecordsPartitionResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteRecordsResponseDeleteRecordsPartitionResult(
  r: Reader,
  v: number,
): DeleteRecordsResponseDeleteRecordsPartitionResult {
  const _partitionIndex = r.int32();
  const _lowWatermark = r.int64();
  const _errorCode = r.int16();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, lowWatermark: _lowWatermark, errorCode: _errorCode };
}

function encodeDeleteRecordsResponseDeleteRecordsPartitionResult(
  w: Writer,
  m: DeleteRecordsResponseDeleteRecordsPartitionResult,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.lowWatermark);
  w.int16(m.errorCode);
  if (v >= 2) {
    w.uvarint(0);
  }
}
