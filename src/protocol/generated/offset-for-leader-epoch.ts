// Generated from OffsetForLeaderEpochRequest.json, OffsetForLeaderEpochResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// OffsetForLeaderEpochRequest: versions 0-4, flexible 4+, api key 23.

export interface OffsetForLeaderEpochRequest {
  /** v3+, default -2 */
  replicaId: number;
  /** v0+ */
  topics: OffsetForLeaderEpochRequestOffsetForLeaderTopic[];
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: OffsetForLeaderEpochRequestOffsetForLeaderPartition[];
}

export interface OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  /** v0+ */
  partition: number;
  /** v2+, default -1 */
  currentLeaderEpoch: number;
  /** v0+ */
  leaderEpoch: number;
}

export function createOffsetForLeaderEpochRequest(
  init?: Partial<OffsetForLeaderEpochRequest>,
): OffsetForLeaderEpochRequest {
  return { replicaId: -2, topics: [], ...init };
}

export function createOffsetForLeaderEpochRequestOffsetForLeaderTopic(
  init?: Partial<OffsetForLeaderEpochRequestOffsetForLeaderTopic>,
): OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  return { topic: '', partitions: [], ...init };
}

export function createOffsetForLeaderEpochRequestOffsetForLeaderPartition(
  init?: Partial<OffsetForLeaderEpochRequestOffsetForLeaderPartition>,
): OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  return { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0, ...init };
}

export function decodeOffsetForLeaderEpochRequest(r: Reader, v: number): OffsetForLeaderEpochRequest {
  let _replicaId: number;
  if (v >= 3) {
    _replicaId = r.int32();
  } else {
    _replicaId = -2;
  }
  let _topics: OffsetForLeaderEpochRequestOffsetForLeaderTopic[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetForLeaderEpochRequestOffsetForLeaderTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { replicaId: _replicaId, topics: _topics };
}

export function encodeOffsetForLeaderEpochRequest(
  w: Writer,
  m: OffsetForLeaderEpochRequest,
  v: number,
): void {
  if (v >= 3) {
    w.int32(m.replicaId);
  }
  if (v <= 3) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(
  r: Reader,
  v: number,
): OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  let _topic: string;
  if (v <= 3) {
    _topic = r.string();
  } else {
    _topic = r.compactString();
  }
  let _partitions: OffsetForLeaderEpochRequestOffsetForLeaderPartition[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetForLeaderEpochRequestOffsetForLeaderPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { topic: _topic, partitions: _partitions };
}

function encodeOffsetForLeaderEpochRequestOffsetForLeaderTopic(
  w: Writer,
  m: OffsetForLeaderEpochRequestOffsetForLeaderTopic,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.topic);
  } else {
    w.compactString(m.topic);
  }
  if (v <= 3) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(
  r: Reader,
  v: number,
): OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  const _partition = r.int32();
  let _currentLeaderEpoch: number;
  if (v >= 2) {
    _currentLeaderEpoch = r.int32();
  } else {
    _currentLeaderEpoch = -1;
  }
  const _leaderEpoch = r.int32();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { partition: _partition, currentLeaderEpoch: _currentLeaderEpoch, leaderEpoch: _leaderEpoch };
}

function encodeOffsetForLeaderEpochRequestOffsetForLeaderPartition(
  w: Writer,
  m: OffsetForLeaderEpochRequestOffsetForLeaderPartition,
  v: number,
): void {
  w.int32(m.partition);
  if (v >= 2) {
    w.int32(m.currentLeaderEpoch);
  }
  w.int32(m.leaderEpoch);
  if (v >= 4) {
    w.uvarint(0);
  }
}

// OffsetForLeaderEpochResponse: versions 0-4, flexible 4+, api key 23.

export interface OffsetForLeaderEpochResponse {
  /** v2+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[];
}

export interface OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: OffsetForLeaderEpochResponseEpochEndOffset[];
}

export interface OffsetForLeaderEpochResponseEpochEndOffset {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  partition: number;
  /** v1+, default -1 */
  leaderEpoch: number;
  /** v0+, default -1 */
  endOffset: number;
}

export function createOffsetForLeaderEpochResponse(
  init?: Partial<OffsetForLeaderEpochResponse>,
): OffsetForLeaderEpochResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(
  init?: Partial<OffsetForLeaderEpochResponseOffsetForLeaderTopicResult>,
): OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  return { topic: '', partitions: [], ...init };
}

export function createOffsetForLeaderEpochResponseEpochEndOffset(
  init?: Partial<OffsetForLeaderEpochResponseEpochEndOffset>,
): OffsetForLeaderEpochResponseEpochEndOffset {
  return { errorCode: 0, partition: 0, leaderEpoch: -1, endOffset: -1, ...init };
}

export function decodeOffsetForLeaderEpochResponse(r: Reader, v: number): OffsetForLeaderEpochResponse {
  let _throttleTimeMs: number;
  if (v >= 2) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(r, v));
    }
    _topics = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeOffsetForLeaderEpochResponse(
  w: Writer,
  m: OffsetForLeaderEpochResponse,
  v: number,
): void {
  if (v >= 2) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 3) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(
  r: Reader,
  v: number,
): OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  let _topic: string;
  if (v <= 3) {
    _topic = r.string();
  } else {
    _topic = r.compactString();
  }
  let _partitions: OffsetForLeaderEpochResponseEpochEndOffset[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochResponseEpochEndOffset(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetForLeaderEpochResponseEpochEndOffset(r, v));
    }
    _partitions = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { topic: _topic, partitions: _partitions };
}

function encodeOffsetForLeaderEpochResponseOffsetForLeaderTopicResult(
  w: Writer,
  m: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.topic);
  } else {
    w.compactString(m.topic);
  }
  if (v <= 3) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochResponseEpochEndOffset(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetForLeaderEpochResponseEpochEndOffset(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeOffsetForLeaderEpochResponseEpochEndOffset(
  r: Reader,
  v: number,
): OffsetForLeaderEpochResponseEpochEndOffset {
  const _errorCode = r.int16();
  const _partition = r.int32();
  let _leaderEpoch: number;
  if (v >= 1) {
    _leaderEpoch = r.int32();
  } else {
    _leaderEpoch = -1;
  }
  const _endOffset = r.int64();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, partition: _partition, leaderEpoch: _leaderEpoch, endOffset: _endOffset };
}

function encodeOffsetForLeaderEpochResponseEpochEndOffset(
  w: Writer,
  m: OffsetForLeaderEpochResponseEpochEndOffset,
  v: number,
): void {
  w.int16(m.errorCode);
  w.int32(m.partition);
  if (v >= 1) {
    w.int32(m.leaderEpoch);
  }
  w.int64(m.endOffset);
  if (v >= 4) {
    w.uvarint(0);
  }
}
