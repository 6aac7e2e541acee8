// Generated from OffsetDeleteRequest.json, OffsetDeleteResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// OffsetDeleteRequest: versions 0, flexible none, api key 47.

export interface OffsetDeleteRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  topics: OffsetDeleteRequestOffsetDeleteRequestTopic[];
}

export interface OffsetDeleteRequestOffsetDeleteRequestTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: OffsetDeleteRequestOffsetDeleteRequestPartition[];
}

export interface OffsetDeleteRequestOffsetDeleteRequestPartition {
  /** v0+ */
  partitionIndex: number;
}

export function createOffsetDeleteRequest(init?: Partial<OffsetDeleteRequest>): OffsetDeleteRequest {
  return { groupId: '', topics: [], ...init };
}

export function createOffsetDeleteRequestOffsetDeleteRequestTopic(
  init?: Partial<OffsetDeleteRequestOffsetDeleteRequestTopic>,
): OffsetDeleteRequestOffsetDeleteRequestTopic {
  return { name: '', partitions: [], ...init };
}

export function createOffsetDeleteRequestOffsetDeleteRequestPartition(
  init?: Partial<OffsetDeleteRequestOffsetDeleteRequestPartition>,
): OffsetDeleteRequestOffsetDeleteRequestPartition {
  return { partitionIndex: 0, ...init };
}

export function decodeOffsetDeleteRequest(r: Reader, v: number): OffsetDeleteRequest {
  const _groupId = r.string();
  let _topics: OffsetDeleteRequestOffsetDeleteRequestTopic[];
  {
    const _n = r.arrayLength(1, false);
    const _a: OffsetDeleteRequestOffsetDeleteRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetDeleteRequestOffsetDeleteRequestTopic(r, v));
    }
    _topics = _a;
  }
  return { groupId: _groupId, topics: _topics };
}

export function encodeOffsetDeleteRequest(w: Writer, m: OffsetDeleteRequest, v: number): void {
  w.string(m.groupId);
  {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetDeleteRequestOffsetDeleteRequestTopic(w, _e, v);
    }
  }
}

function decodeOffsetDeleteRequestOffsetDeleteRequestTopic(
  r: Reader,
  v: number,
): OffsetDeleteRequestOffsetDeleteRequestTopic {
  const _name = r.string();
  let _partitions: OffsetDeleteRequestOffsetDeleteRequestPartition[];
  {
    const _n = r.arrayLength(1, false);
    const _a: OffsetDeleteRequestOffsetDeleteRequestPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetDeleteRequestOffsetDeleteRequestPartition(r, v));
    }
    _partitions = _a;
  }
  return { name: _name, partitions: _partitions };
}

function encodeOffsetDeleteRequestOffsetDeleteRequestTopic(
  w: Writer,
  m: OffsetDeleteRequestOffsetDeleteRequestTopic,
  v: number,
): void {
  w.string(m.name);
  {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetDeleteRequestOffsetDeleteRequestPartition(w, _e, v);
    }
  }
}

function decodeOffsetDeleteRequestOffsetDeleteRequestPartition(
  r: Reader,
  _v: number,
): OffsetDeleteRequestOffsetDeleteRequestPartition {
  const _partitionIndex = r.int32();
  return { partitionIndex: _partitionIndex };
}

function encodeOffsetDeleteRequestOffsetDeleteRequestPartition(
  w: Writer,
  m: OffsetDeleteRequestOffsetDeleteRequestPartition,
  _v: number,
): void {
  w.int32(m.partitionIndex);
}

// OffsetDeleteResponse: versions 0, flexible none, api key 47.

export interface OffsetDeleteResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: OffsetDeleteResponseOffsetDeleteResponseTopic[];
}

export interface OffsetDeleteResponseOffsetDeleteResponseTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: OffsetDeleteResponseOffsetDeleteResponsePartition[];
}

export interface OffsetDeleteResponseOffsetDeleteResponsePartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createOffsetDeleteResponse(init?: Partial<OffsetDeleteResponse>): OffsetDeleteResponse {
  return { errorCode: 0, throttleTimeMs: 0, topics: [], ...init };
}

export function createOffsetDeleteResponseOffsetDeleteResponseTopic(
  init?: Partial<OffsetDeleteResponseOffsetDeleteResponseTopic>,
): OffsetDeleteResponseOffsetDeleteResponseTopic {
  return { name: '', partitions: [], ...init };
}

export function createOffsetDeleteResponseOffsetDeleteResponsePartition(
  init?: Partial<OffsetDeleteResponseOffsetDeleteResponsePartition>,
): OffsetDeleteResponseOffsetDeleteResponsePartition {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeOffsetDeleteResponse(r: Reader, v: number): OffsetDeleteResponse {
  const _errorCode = r.int16();
  const _throttleTimeMs = r.int32();
  let _topics: OffsetDeleteResponseOffsetDeleteResponseTopic[];
  {
    const _n = r.arrayLength(1, false);
    const _a: OffsetDeleteResponseOffsetDeleteResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetDeleteResponseOffsetDeleteResponseTopic(r, v));
    }
    _topics = _a;
  }
  return { errorCode: _errorCode, throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeOffsetDeleteResponse(w: Writer, m: OffsetDeleteResponse, v: number): void {
  w.int16(m.errorCode);
  w.int32(m.throttleTimeMs);
  {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetDeleteResponseOffsetDeleteResponseTopic(w, _e, v);
    }
  }
}

function decodeOffsetDeleteResponseOffsetDeleteResponseTopic(
  r: Reader,
  v: number,
): OffsetDeleteResponseOffsetDeleteResponseTopic {
  const _name = r.string();
  let _partitions: OffsetDeleteResponseOffsetDeleteResponsePartition[];
  {
    const _n = r.arrayLength(1, false);
    const _a: OffsetDeleteResponseOffsetDeleteResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetDeleteResponseOffsetDeleteResponsePartition(r, v));
    }
    _partitions = _a;
  }
  return { name: _name, partitions: _partitions };
}

function encodeOffsetDeleteResponseOffsetDeleteResponseTopic(
  w: Writer,
  m: OffsetDeleteResponseOffsetDeleteResponseTopic,
  v: number,
): void {
  w.string(m.name);
  {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetDeleteResponseOffsetDeleteResponsePartition(w, _e, v);
    }
  }
}

function decodeOffsetDeleteResponseOffsetDeleteResponsePartition(
  r: Reader,
  _v: number,
): OffsetDeleteResponseOffsetDeleteResponsePartition {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeOffsetDeleteResponseOffsetDeleteResponsePartition(
  w: Writer,
  m: OffsetDeleteResponseOffsetDeleteResponsePartition,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
}
