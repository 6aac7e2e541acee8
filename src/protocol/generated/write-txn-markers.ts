// Generated from WriteTxnMarkersRequest.json, WriteTxnMarkersResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// WriteTxnMarkersRequest: versions 0-1, flexible 1+, api key 27.

export interface WriteTxnMarkersRequest {
  /** v0+ */
  markers: WriteTxnMarkersRequestWritableTxnMarker[];
}

export interface WriteTxnMarkersRequestWritableTxnMarker {
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v0+ */
  transactionResult: boolean;
  /** v0+ */
  topics: WriteTxnMarkersRequestWritableTxnMarkerTopic[];
  /** v0+ */
  coordinatorEpoch: number;
}

export interface WriteTxnMarkersRequestWritableTxnMarkerTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitionIndexes: number[];
}

export function createWriteTxnMarkersRequest(init?: Partial<WriteTxnMarkersRequest>): WriteTxnMarkersRequest {
  return { markers: [], ...init };
}

export function createWriteTxnMarkersRequestWritableTxnMarker(
  init?: Partial<WriteTxnMarkersRequestWritableTxnMarker>,
): WriteTxnMarkersRequestWritableTxnMarker {
  return {
    producerId: 0,
    producerEpoch: 0,
    transactionResult: false,
    topics: [],
    coordinatorEpoch: 0,
    ...init,
  };
}

export function createWriteTxnMarkersRequestWritableTxnMarkerTopic(
  init?: Partial<WriteTxnMarkersRequestWritableTxnMarkerTopic>,
): WriteTxnMarkersRequestWritableTxnMarkerTopic {
  return { name: '', partitionIndexes: [], ...init };
}

export function decodeWriteTxnMarkersRequest(r: Reader, v: number): WriteTxnMarkersRequest {
  let _markers: WriteTxnMarkersRequestWritableTxnMarker[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: WriteTxnMarkersRequestWritableTxnMarker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersRequestWritableTxnMarker(r, v));
    }
    _markers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteTxnMarkersRequestWritableTxnMarker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersRequestWritableTxnMarker(r, v));
    }
    _markers = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { markers: _markers };
}

export function encodeWriteTxnMarkersRequest(w: Writer, m: WriteTxnMarkersRequest, v: number): void {
  if (v <= 0) {
    const _a = m.markers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersRequestWritableTxnMarker(w, _e, v);
    }
  } else {
    const _a = m.markers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersRequestWritableTxnMarker(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeWriteTxnMarkersRequestWritableTxnMarker(
  r: Reader,
  v: number,
): WriteTxnMarkersRequestWritableTxnMarker {
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  const _transactionResult = r.bool();
  let _topics: WriteTxnMarkersRequestWritableTxnMarkerTopic[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: WriteTxnMarkersRequestWritableTxnMarkerTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersRequestWritableTxnMarkerTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteTxnMarkersRequestWritableTxnMarkerTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersRequestWritableTxnMarkerTopic(r, v));
    }
    _topics = _a;
  }
  const _coordinatorEpoch = r.int32();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    transactionResult: _transactionResult,
    topics: _topics,
    coordinatorEpoch: _coordinatorEpoch,
  };
}

function encodeWriteTxnMarkersRequestWritableTxnMarker(
  w: Writer,
  m: WriteTxnMarkersRequestWritableTxnMarker,
  v: number,
): void {
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  w.bool(m.transactionResult);
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersRequestWritableTxnMarkerTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersRequestWritableTxnMarkerTopic(w, _e, v);
    }
  }
  w.int32(m.coordinatorEpoch);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeWriteTxnMarkersRequestWritableTxnMarkerTopic(
  r: Reader,
  v: number,
): WriteTxnMarkersRequestWritableTxnMarkerTopic {
  let _name: string;
  if (v <= 0) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitionIndexes: number[];
  if (v <= 0) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitionIndexes = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitionIndexes = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { name: _name, partitionIndexes: _partitionIndexes };
}

function encodeWriteTxnMarkersRequestWritableTxnMarkerTopic(
  w: Writer,
  m: WriteTxnMarkersRequestWritableTxnMarkerTopic,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 0) {
    const _a = m.partitionIndexes;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitionIndexes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

// WriteTxnMarkersResponse: versions 0-1, flexible 1+, api key 27.

export interface WriteTxnMarkersResponse {
  /** v0+ */
  markers: WriteTxnMarkersResponseWritableTxnMarkerResult[];
}

export interface WriteTxnMarkersResponseWritableTxnMarkerResult {
  /** v0+ */
  producerId: number;
  /** v0+ */
  topics: WriteTxnMarkersResponseWritableTxnMarkerTopicResult[];
}

export interface WriteTxnMarkersResponseWritableTxnMarkerTopicResult {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult[];
}

export interface WriteTxnMarkersResponseWritableTxnMarkerPartitionResult {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createWriteTxnMarkersResponse(
  init?: Partial<WriteTxnMarkersResponse>,
): WriteTxnMarkersResponse {
  return { markers: [], ...init };
}

export function createWriteTxnMarkersResponseWritableTxnMarkerResult(
  init?: Partial<WriteTxnMarkersResponseWritableTxnMarkerResult>,
): WriteTxnMarkersResponseWritableTxnMarkerResult {
  return { producerId: 0, topics: [], ...init };
}

export function createWriteTxnMarkersResponseWritableTxnMarkerTopicResult(
  init?: Partial<WriteTxnMarkersResponseWritableTxnMarkerTopicResult>,
): WriteTxnMarkersResponseWritableTxnMarkerTopicResult {
  return { name: '', partitions: [], ...init };
}

export function createWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(
  init?: Partial<WriteTxnMarkersResponseWritableTxnMarkerPartitionResult>,
): WriteTxnMarkersResponseWritableTxnMarkerPartitionResult {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeWriteTxnMarkersResponse(r: Reader, v: number): WriteTxnMarkersResponse {
  let _markers: WriteTxnMarkersResponseWritableTxnMarkerResult[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerResult(r, v));
    }
    _markers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerResult(r, v));
    }
    _markers = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { markers: _markers };
}

export function encodeWriteTxnMarkersResponse(w: Writer, m: WriteTxnMarkersResponse, v: number): void {
  if (v <= 0) {
    const _a = m.markers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerResult(w, _e, v);
    }
  } else {
    const _a = m.markers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerResult(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeWriteTxnMarkersResponseWritableTxnMarkerResult(
  r: Reader,
  v: number,
): WriteTxnMarkersResponseWritableTxnMarkerResult {
  const _producerId = r.int64();
  let _topics: WriteTxnMarkersResponseWritableTxnMarkerTopicResult[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(r, v));
    }
    _topics = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { producerId: _producerId, topics: _topics };
}

function encodeWriteTxnMarkersResponseWritableTxnMarkerResult(
  w: Writer,
  m: WriteTxnMarkersResponseWritableTxnMarkerResult,
  v: number,
): void {
  w.int64(m.producerId);
  if (v <= 0) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(
  r: Reader,
  v: number,
): WriteTxnMarkersResponseWritableTxnMarkerTopicResult {
  let _name: string;
  if (v <= 0) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(r, v));
    }
    _partitions = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeWriteTxnMarkersResponseWritableTxnMarkerTopicResult(
  w: Writer,
  m: WriteTxnMarkersResponseWritableTxnMarkerTopicResult,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 0) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(
  r: Reader,
  v: number,
): WriteTxnMarkersResponseWritableTxnMarkerPartitionResult {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeWriteTxnMarkersResponseWritableTxnMarkerPartitionResult(
  w: Writer,
  m: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 1) {
    w.uvarint(0);
  }
}
