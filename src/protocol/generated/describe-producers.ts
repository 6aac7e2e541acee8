// Generated from DescribeProducersRequest.json, DescribeProducersResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeProducersRequest: versions 0, flexible 0+, api key 61.

export interface DescribeProducersRequest {
  /** v0+ */
  topics: DescribeProducersRequestTopicRequest[];
}

export interface DescribeProducersRequestTopicRequest {
  /** v0+ */
  name: string;
  /** v0+ */
  partitionIndexes: number[];
}

export function createDescribeProducersRequest(
  init?: Partial<DescribeProducersRequest>,
): DescribeProducersRequest {
  return { topics: [], ...init };
}

export function createDescribeProducersRequestTopicRequest(
  init?: Partial<DescribeProducersRequestTopicRequest>,
): DescribeProducersRequestTopicRequest {
  return { name: '', partitionIndexes: [], ...init };
}

export function decodeDescribeProducersRequest(r: Reader, v: number): DescribeProducersRequest {
  let _topics: DescribeProducersRequestTopicRequest[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeProducersRequestTopicRequest[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeProducersRequestTopicRequest(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { topics: _topics };
}

export function encodeDescribeProducersRequest(w: Writer, m: DescribeProducersRequest, v: number): void {
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeProducersRequestTopicRequest(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeProducersRequestTopicRequest(
  r: Reader,
  _v: number,
): DescribeProducersRequestTopicRequest {
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

function encodeDescribeProducersRequestTopicRequest(
  w: Writer,
  m: DescribeProducersRequestTopicRequest,
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

// DescribeProducersResponse: versions 0, flexible 0+, api key 61.

export interface DescribeProducersResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: DescribeProducersResponseTopicResponse[];
}

export interface DescribeProducersResponseTopicResponse {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: DescribeProducersResponsePartitionResponse[];
}

export interface DescribeProducersResponsePartitionResponse {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  activeProducers: DescribeProducersResponseProducerState[];
}

export interface DescribeProducersResponseProducerState {
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v0+, default -1 */
  lastSequence: number;
  /** v0+, default -1 */
  lastTimestamp: number;
  /** v0+ */
  coordinatorEpoch: number;
  /** v0+, default -1 */
  currentTxnStartOffset: number;
}

export function createDescribeProducersResponse(
  init?: Partial<DescribeProducersResponse>,
): DescribeProducersResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createDescribeProducersResponseTopicResponse(
  init?: Partial<DescribeProducersResponseTopicResponse>,
): DescribeProducersResponseTopicResponse {
  return { name: '', partitions: [], ...init };
}

export function createDescribeProducersResponsePartitionResponse(
  init?: Partial<DescribeProducersResponsePartitionResponse>,
): DescribeProducersResponsePartitionResponse {
  return { partitionIndex: 0, errorCode: 0, errorMessage: null, activeProducers: [], ...init };
}

export function createDescribeProducersResponseProducerState(
  init?: Partial<DescribeProducersResponseProducerState>,
): DescribeProducersResponseProducerState {
  return {
    producerId: 0,
    producerEpoch: 0,
    lastSequence: -1,
    lastTimestamp: -1,
    coordinatorEpoch: 0,
    currentTxnStartOffset: -1,
    ...init,
  };
}

export function decodeDescribeProducersResponse(r: Reader, v: number): DescribeProducersResponse {
  const _throttleTimeMs = r.int32();
  let _topics: DescribeProducersResponseTopicResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeProducersResponseTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeProducersResponseTopicResponse(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeDescribeProducersResponse(w: Writer, m: DescribeProducersResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeProducersResponseTopicResponse(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeProducersResponseTopicResponse(
  r: Reader,
  v: number,
): DescribeProducersResponseTopicResponse {
  const _name = r.compactString();
  let _partitions: DescribeProducersResponsePartitionResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeProducersResponsePartitionResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeProducersResponsePartitionResponse(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeDescribeProducersResponseTopicResponse(
  w: Writer,
  m: DescribeProducersResponseTopicResponse,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeProducersResponsePartitionResponse(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeProducersResponsePartitionResponse(
  r: Reader,
  v: number,
): DescribeProducersResponsePartitionResponse {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _activeProducers: DescribeProducersResponseProducerState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeProducersResponseProducerState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeProducersResponseProducerState(r, v));
    }
    _activeProducers = _a;
  }
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    activeProducers: _activeProducers,
  };
}

function encodeDescribeProducersResponsePartitionResponse(
  w: Writer,
  m: DescribeProducersResponsePartitionResponse,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.activeProducers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeProducersResponseProducerState(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeProducersResponseProducerState(
  r: Reader,
  _v: number,
): DescribeProducersResponseProducerState {
  const _producerId = r.int64();
  const _producerEpoch = r.int32();
  const _lastSequence = r.int32();
  const _lastTimestamp = r.int64();
  const _coordinatorEpoch = r.int32();
  const _currentTxnStartOffset = r.int64();
  r.skipTaggedFields();
  return {
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    lastSequence: _lastSequence,
    lastTimestamp: _lastTimestamp,
    coordinatorEpoch: _coordinatorEpoch,
    currentTxnStartOffset: _currentTxnStartOffset,
  };
}

function encodeDescribeProducersResponseProducerState(
  w: Writer,
  m: DescribeProducersResponseProducerState,
  _v: number,
): void {
  w.int64(m.producerId);
  w.int32(m.producerEpoch);
  w.int32(m.lastSequence);
  w.int64(m.lastTimestamp);
  w.int32(m.coordinatorEpoch);
  w.int64(m.currentTxnStartOffset);
  w.uvarint(0);
}
