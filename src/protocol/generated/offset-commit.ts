// Generated from OffsetCommitRequest.json, OffsetCommitResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// OffsetCommitRequest: versions 0-9, flexible 8+, api key 8.

export interface OffsetCommitRequest {
  /** v0+ */
  groupId: string;
  /** v1+, default -1 */
  generationIdOrMemberEpoch: number;
  /** v1+ */
  memberId: string;
  /** v7+, nullable v7+, default null */
  groupInstanceId: string | null;
  /** v2-4, default -1 */
  retentionTimeMs: number;
  /** v0+ */
  topics: OffsetCommitRequestOffsetCommitRequestTopic[];
}

export interface OffsetCommitRequestOffsetCommitRequestTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: OffsetCommitRequestOffsetCommitRequestPartition[];
}

export interface OffsetCommitRequestOffsetCommitRequestPartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  committedOffset: number;
  /** v6+, default -1 */
  committedLeaderEpoch: number;
  /** v1, default -1 */
  commitTimestamp: number;
  /** v0+, nullable v0+ */
  committedMetadata: string | null;
}

export function createOffsetCommitRequest(init?: Partial<OffsetCommitRequest>): OffsetCommitRequest {
  return {
    groupId: '',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [],
    ...init,
  };
}

export function createOffsetCommitRequestOffsetCommitRequestTopic(
  init?: Partial<OffsetCommitRequestOffsetCommitRequestTopic>,
): OffsetCommitRequestOffsetCommitRequestTopic {
  return { name: '', partitions: [], ...init };
}

export function createOffsetCommitRequestOffsetCommitRequestPartition(
  init?: Partial<OffsetCommitRequestOffsetCommitRequestPartition>,
): OffsetCommitRequestOffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    commitTimestamp: -1,
    committedMetadata: '',
    ...init,
  };
}

export function decodeOffsetCommitRequest(r: Reader, v: number): OffsetCommitRequest {
  let _groupId: string;
  if (v <= 7) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  let _generationIdOrMemberEpoch: number;
  if (v >= 1) {
    _generationIdOrMemberEpoch = r.int32();
  } else {
    _generationIdOrMemberEpoch = -1;
  }
  let _memberId: string;
  if (v >= 1 && v <= 7) {
    _memberId = r.string();
  } else if (v >= 8) {
    _memberId = r.compactString();
  } else {
    _memberId = '';
  }
  let _groupInstanceId: string | null;
  if (v === 7) {
    _groupInstanceId = r.nullableString();
  } else if (v >= 8) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _retentionTimeMs: number;
  if (v >= 2 && v <= 4) {
    _retentionTimeMs = r.int64();
  } else {
    _retentionTimeMs = -1;
  }
  let _topics: OffsetCommitRequestOffsetCommitRequestTopic[];
  if (v <= 7) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetCommitRequestOffsetCommitRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitRequestOffsetCommitRequestTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetCommitRequestOffsetCommitRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitRequestOffsetCommitRequestTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return {
    groupId: _groupId,
    generationIdOrMemberEpoch: _generationIdOrMemberEpoch,
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
    retentionTimeMs: _retentionTimeMs,
    topics: _topics,
  };
}

export function encodeOffsetCommitRequest(w: Writer, m: OffsetCommitRequest, v: number): void {
  if (v <= 7) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  if (v >= 1) {
    w.int32(m.generationIdOrMemberEpoch);
  }
  if (v >= 1 && v <= 7) {
    w.string(m.memberId);
  } else if (v >= 8) {
    w.compactString(m.memberId);
  }
  if (v === 7) {
    w.nullableString(m.groupInstanceId);
  } else if (v >= 8) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v >= 2 && v <= 4) {
    w.int64(m.retentionTimeMs);
  }
  if (v <= 7) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitRequestOffsetCommitRequestTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitRequestOffsetCommitRequestTopic(w, _e, v);
    }
  }
  if (v >= 8) {
    w.uvarint(0);
  }
}

function decodeOffsetCommitRequestOffsetCommitRequestTopic(
  r: Reader,
  v: number,
): OffsetCommitRequestOffsetCommitRequestTopic {
  let _name: string;
  if (v <= 7) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: OffsetCommitRequestOffsetCommitRequestPartition[];
  if (v <= 7) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetCommitRequestOffsetCommitRequestPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitRequestOffsetCommitRequestPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetCommitRequestOffsetCommitRequestPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitRequestOffsetCommitRequestPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeOffsetCommitRequestOffsetCommitRequestTopic(
  w: Writer,
  m: OffsetCommitRequestOffsetCommitRequestTopic,
  v: number,
): void {
  if (v <= 7) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 7) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitRequestOffsetCommitRequestPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitRequestOffsetCommitRequestPartition(w, _e, v);
    }
  }
  if (v >= 8) {
    w.uvarint(0);
  }
}

function decodeOffsetCommitRequestOffsetCommitRequestPartition(
  r: Reader,
  v: number,
): OffsetCommitRequestOffsetCommitRequestPartition {
  const _partitionIndex = r.int32();
  const _committedOffset = r.int64();
  let _committedLeaderEpoch: number;
  if (v >= 6) {
    _committedLeaderEpoch = r.int32();
  } else {
    _committedLeaderEpoch = -1;
  }
  let _commitTimestamp: number;
  if (v === 1) {
    _commitTimestamp = r.int64();
  } else {
    _commitTimestamp = -1;
  }
  let _committedMetadata: string | null;
  if (v <= 7) {
    _committedMetadata = r.nullableString();
  } else {
    _committedMetadata = r.compactNullableString();
  }
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    committedOffset: _committedOffset,
    committedLeaderEpoch: _committedLeaderEpoch,
    commitTimestamp: _commitTimestamp,
    committedMetadata: _committedMetadata,
  };
}

function encodeOffsetCommitRequestOffsetCommitRequestPartition(
  w: Writer,
  m: OffsetCommitRequestOffsetCommitRequestPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.committedOffset);
  if (v >= 6) {
    w.int32(m.committedLeaderEpoch);
  }
  if (v === 1) {
    w.int64(m.commitTimestamp);
  }
  if (v <= 7) {
    w.nullableString(m.committedMetadata);
  } else {
    w.compactNullableString(m.committedMetadata);
  }
  if (v >= 8) {
    w.uvarint(0);
  }
}

// OffsetCommitResponse: versions 0-9, flexible 8+, api key 8.

export interface OffsetCommitResponse {
  /** v3+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: OffsetCommitResponseOffsetCommitResponseTopic[];
}

export interface OffsetCommitResponseOffsetCommitResponseTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: OffsetCommitResponseOffsetCommitResponsePartition[];
}

export interface OffsetCommitResponseOffsetCommitResponsePartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createOffsetCommitResponse(init?: Partial<OffsetCommitResponse>): OffsetCommitResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createOffsetCommitResponseOffsetCommitResponseTopic(
  init?: Partial<OffsetCommitResponseOffsetCommitResponseTopic>,
): OffsetCommitResponseOffsetCommitResponseTopic {
  return { name: '', partitions: [], ...init };
}

export function createOffsetCommitResponseOffsetCommitResponsePartition(
  init?: Partial<OffsetCommitResponseOffsetCommitResponsePartition>,
): OffsetCommitResponseOffsetCommitResponsePartition {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeOffsetCommitResponse(r: Reader, v: number): OffsetCommitResponse {
  let _throttleTimeMs: number;
  if (v >= 3) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _topics: OffsetCommitResponseOffsetCommitResponseTopic[];
  if (v <= 7) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetCommitResponseOffsetCommitResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitResponseOffsetCommitResponseTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetCommitResponseOffsetCommitResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitResponseOffsetCommitResponseTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeOffsetCommitResponse(w: Writer, m: OffsetCommitResponse, v: number): void {
  if (v >= 3) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 7) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitResponseOffsetCommitResponseTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitResponseOffsetCommitResponseTopic(w, _e, v);
    }
  }
  if (v >= 8) {
    w.uvarint(0);
  }
}

function decodeOffsetCommitResponseOffsetCommitResponseTopic(
  r: Reader,
  v: number,
): OffsetCommitResponseOffsetCommitResponseTopic {
  let _name: string;
  if (v <= 7) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: OffsetCommitResponseOffsetCommitResponsePartition[];
  if (v <= 7) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetCommitResponseOffsetCommitResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitResponseOffsetCommitResponsePartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetCommitResponseOffsetCommitResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetCommitResponseOffsetCommitResponsePartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeOffsetCommitResponseOffsetCommitResponseTopic(
  w: Writer,
  m: OffsetCommitResponseOffsetCommitResponseTopic,
  v: number,
): void {
  if (v <= 7) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 7) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitResponseOffsetCommitResponsePartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetCommitResponseOffsetCommitResponsePartition(w, _e, v);
    }
  }
  if (v >= 8) {
    w.uvarint(0);
  }
}

function decodeOffsetCommitResponseOffsetCommitResponsePartition(
  r: Reader,
  v: number,
): OffsetCommitResponseOffsetCommitResponsePartition {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 8) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeOffsetCommitResponseOffsetCommitResponsePartition(
  w: Writer,
  m: OffsetCommitResponseOffsetCommitResponsePartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 8) {
    w.uvarint(0);
  }
}
