// Generated from OffsetFetchRequest.json, OffsetFetchResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// OffsetFetchRequest: versions 0-9, flexible 6+, api key 9.

export interface OffsetFetchRequest {
  /** v0-7 */
  groupId: string;
  /** v0-7, nullable v2-7 */
  topics: OffsetFetchRequestOffsetFetchRequestTopic[] | null;
  /** v8+ */
  groups: OffsetFetchRequestOffsetFetchRequestGroup[];
  /** v7+, default false */
  requireStable: boolean;
}

export interface OffsetFetchRequestOffsetFetchRequestTopic {
  /** v0-7 */
  name: string;
  /** v0-7 */
  partitionIndexes: number[];
}

export interface OffsetFetchRequestOffsetFetchRequestGroup {
  /** v8+ */
  groupId: string;
  /** v9+, nullable v9+, default null */
  memberId: string | null;
  /** v9+, default -1 */
  memberEpoch: number;
  /** v8+, nullable v8+ */
  topics: OffsetFetchRequestOffsetFetchRequestTopics[] | null;
}

export interface OffsetFetchRequestOffsetFetchRequestTopics {
  /** v8+ */
  name: string;
  /** v8+ */
  partitionIndexes: number[];
}

export function createOffsetFetchRequest(init?: Partial<OffsetFetchRequest>): OffsetFetchRequest {
  return { groupId: '', topics: [], groups: [], requireStable: false, ...init };
}

export function createOffsetFetchRequestOffsetFetchRequestTopic(
  init?: Partial<OffsetFetchRequestOffsetFetchRequestTopic>,
): OffsetFetchRequestOffsetFetchRequestTopic {
  return { name: '', partitionIndexes: [], ...init };
}

export function createOffsetFetchRequestOffsetFetchRequestGroup(
  init?: Partial<OffsetFetchRequestOffsetFetchRequestGroup>,
): OffsetFetchRequestOffsetFetchRequestGroup {
  return { groupId: '', memberId: null, memberEpoch: -1, topics: [], ...init };
}

export function createOffsetFetchRequestOffsetFetchRequestTopics(
  init?: Partial<OffsetFetchRequestOffsetFetchRequestTopics>,
): OffsetFetchRequestOffsetFetchRequestTopics {
  return { name: '', partitionIndexes: [], ...init };
}

export function decodeOffsetFetchRequest(r: Reader, v: number): OffsetFetchRequest {
  let _groupId: string;
  if (v <= 5) {
    _groupId = r.string();
  } else if (v >= 6 && v <= 7) {
    _groupId = r.compactString();
  } else {
    _groupId = '';
  }
  let _topics: OffsetFetchRequestOffsetFetchRequestTopic[] | null;
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetFetchRequestOffsetFetchRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchRequestOffsetFetchRequestTopic(r, v));
    }
    _topics = _a;
  } else if (v >= 2 && v <= 5) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: OffsetFetchRequestOffsetFetchRequestTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeOffsetFetchRequestOffsetFetchRequestTopic(r, v));
      }
      _topics = _a;
    }
  } else if (v >= 6 && v <= 7) {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: OffsetFetchRequestOffsetFetchRequestTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeOffsetFetchRequestOffsetFetchRequestTopic(r, v));
      }
      _topics = _a;
    }
  } else {
    _topics = [];
  }
  let _groups: OffsetFetchRequestOffsetFetchRequestGroup[];
  if (v >= 8) {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchRequestOffsetFetchRequestGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchRequestOffsetFetchRequestGroup(r, v));
    }
    _groups = _a;
  } else {
    _groups = [];
  }
  let _requireStable: boolean;
  if (v >= 7) {
    _requireStable = r.bool();
  } else {
    _requireStable = false;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { groupId: _groupId, topics: _topics, groups: _groups, requireStable: _requireStable };
}

export function encodeOffsetFetchRequest(w: Writer, m: OffsetFetchRequest, v: number): void {
  if (v <= 5) {
    w.string(m.groupId);
  } else if (v >= 6 && v <= 7) {
    w.compactString(m.groupId);
  }
  if (v <= 1) {
    const _a = m.topics;
    if (_a === null) w.arrayLength(0);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeOffsetFetchRequestOffsetFetchRequestTopic(w, _e, v);
      }
    }
  } else if (v >= 2 && v <= 5) {
    const _a = m.topics;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeOffsetFetchRequestOffsetFetchRequestTopic(w, _e, v);
      }
    }
  } else if (v >= 6 && v <= 7) {
    const _a = m.topics;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeOffsetFetchRequestOffsetFetchRequestTopic(w, _e, v);
      }
    }
  }
  if (v >= 8) {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchRequestOffsetFetchRequestGroup(w, _e, v);
    }
  }
  if (v >= 7) {
    w.bool(m.requireStable);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeOffsetFetchRequestOffsetFetchRequestTopic(
  r: Reader,
  v: number,
): OffsetFetchRequestOffsetFetchRequestTopic {
  let _name: string;
  if (v <= 5) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitionIndexes: number[];
  if (v <= 5) {
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
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { name: _name, partitionIndexes: _partitionIndexes };
}

function encodeOffsetFetchRequestOffsetFetchRequestTopic(
  w: Writer,
  m: OffsetFetchRequestOffsetFetchRequestTopic,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 5) {
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
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeOffsetFetchRequestOffsetFetchRequestGroup(
  r: Reader,
  v: number,
): OffsetFetchRequestOffsetFetchRequestGroup {
  const _groupId = r.compactString();
  let _memberId: string | null;
  if (v >= 9) {
    _memberId = r.compactNullableString();
  } else {
    _memberId = null;
  }
  let _memberEpoch: number;
  if (v >= 9) {
    _memberEpoch = r.int32();
  } else {
    _memberEpoch = -1;
  }
  let _topics: OffsetFetchRequestOffsetFetchRequestTopics[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: OffsetFetchRequestOffsetFetchRequestTopics[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeOffsetFetchRequestOffsetFetchRequestTopics(r, v));
      }
      _topics = _a;
    }
  }
  r.skipTaggedFields();
  return { groupId: _groupId, memberId: _memberId, memberEpoch: _memberEpoch, topics: _topics };
}

function encodeOffsetFetchRequestOffsetFetchRequestGroup(
  w: Writer,
  m: OffsetFetchRequestOffsetFetchRequestGroup,
  v: number,
): void {
  w.compactString(m.groupId);
  if (v >= 9) {
    w.compactNullableString(m.memberId);
  }
  if (v >= 9) {
    w.int32(m.memberEpoch);
  }
  {
    const _a = m.topics;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeOffsetFetchRequestOffsetFetchRequestTopics(w, _e, v);
      }
    }
  }
  w.uvarint(0);
}

function decodeOffsetFetchRequestOffsetFetchRequestTopics(
  r: Reader,
  _v: number,
): OffsetFetchRequestOffsetFetchRequestTopics {
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

function encodeOffsetFetchRequestOffsetFetchRequestTopics(
  w: Writer,
  m: OffsetFetchRequestOffsetFetchRequestTopics,
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

// OffsetFetchResponse: versions 0-9, flexible 6+, api key 9.

export interface OffsetFetchResponse {
  /** v3+ */
  throttleTimeMs: number;
  /** v0-7 */
  topics: OffsetFetchResponseOffsetFetchResponseTopic[];
  /** v2-7, default 0 */
  errorCode: number;
  /** v8+ */
  groups: OffsetFetchResponseOffsetFetchResponseGroup[];
}

export interface OffsetFetchResponseOffsetFetchResponseTopic {
  /** v0-7 */
  name: string;
  /** v0-7 */
  partitions: OffsetFetchResponseOffsetFetchResponsePartition[];
}

export interface OffsetFetchResponseOffsetFetchResponsePartition {
  /** v0-7 */
  partitionIndex: number;
  /** v0-7 */
  committedOffset: number;
  /** v5-7, default -1 */
  committedLeaderEpoch: number;
  /** v0-7, nullable v0-7 */
  metadata: string | null;
  /** v0-7 */
  errorCode: number;
}

export interface OffsetFetchResponseOffsetFetchResponseGroup {
  /** v8+ */
  groupId: string;
  /** v8+ */
  topics: OffsetFetchResponseOffsetFetchResponseTopics[];
  /** v8+, default 0 */
  errorCode: number;
}

export interface OffsetFetchResponseOffsetFetchResponseTopics {
  /** v8+ */
  name: string;
  /** v8+ */
  partitions: OffsetFetchResponseOffsetFetchResponsePartitions[];
}

export interface OffsetFetchResponseOffsetFetchResponsePartitions {
  /** v8+ */
  partitionIndex: number;
  /** v8+ */
  committedOffset: number;
  /** v8+, default -1 */
  committedLeaderEpoch: number;
  /** v8+, nullable v8+ */
  metadata: string | null;
  /** v8+ */
  errorCode: number;
}

export function createOffsetFetchResponse(init?: Partial<OffsetFetchResponse>): OffsetFetchResponse {
  return { throttleTimeMs: 0, topics: [], errorCode: 0, groups: [], ...init };
}

export function createOffsetFetchResponseOffsetFetchResponseTopic(
  init?: Partial<OffsetFetchResponseOffsetFetchResponseTopic>,
): OffsetFetchResponseOffsetFetchResponseTopic {
  return { name: '', partitions: [], ...init };
}

export function createOffsetFetchResponseOffsetFetchResponsePartition(
  init?: Partial<OffsetFetchResponseOffsetFetchResponsePartition>,
): OffsetFetchResponseOffsetFetchResponsePartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    metadata: '',
    errorCode: 0,
    ...init,
  };
}

export function createOffsetFetchResponseOffsetFetchResponseGroup(
  init?: Partial<OffsetFetchResponseOffsetFetchResponseGroup>,
): OffsetFetchResponseOffsetFetchResponseGroup {
  return { groupId: '', topics: [], errorCode: 0, ...init };
}

export function createOffsetFetchResponseOffsetFetchResponseTopics(
  init?: Partial<OffsetFetchResponseOffsetFetchResponseTopics>,
): OffsetFetchResponseOffsetFetchResponseTopics {
  return { name: '', partitions: [], ...init };
}

export function createOffsetFetchResponseOffsetFetchResponsePartitions(
  init?: Partial<OffsetFetchResponseOffsetFetchResponsePartitions>,
): OffsetFetchResponseOffsetFetchResponsePartitions {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    metadata: '',
    errorCode: 0,
    ...init,
  };
}

export function decodeOffsetFetchResponse(r: Reader, v: number): OffsetFetchResponse {
  let _throttleTimeMs: number;
  if (v >= 3) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _topics: OffsetFetchResponseOffsetFetchResponseTopic[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponseTopic(r, v));
    }
    _topics = _a;
  } else if (v >= 6 && v <= 7) {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponseTopic(r, v));
    }
    _topics = _a;
  } else {
    _topics = [];
  }
  let _errorCode: number;
  if (v >= 2 && v <= 7) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _groups: OffsetFetchResponseOffsetFetchResponseGroup[];
  if (v >= 8) {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponseGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponseGroup(r, v));
    }
    _groups = _a;
  } else {
    _groups = [];
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics, errorCode: _errorCode, groups: _groups };
}

export function encodeOffsetFetchResponse(w: Writer, m: OffsetFetchResponse, v: number): void {
  if (v >= 3) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 5) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponseTopic(w, _e, v);
    }
  } else if (v >= 6 && v <= 7) {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponseTopic(w, _e, v);
    }
  }
  if (v >= 2 && v <= 7) {
    w.int16(m.errorCode);
  }
  if (v >= 8) {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponseGroup(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeOffsetFetchResponseOffsetFetchResponseTopic(
  r: Reader,
  v: number,
): OffsetFetchResponseOffsetFetchResponseTopic {
  let _name: string;
  if (v <= 5) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: OffsetFetchResponseOffsetFetchResponsePartition[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponsePartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponsePartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeOffsetFetchResponseOffsetFetchResponseTopic(
  w: Writer,
  m: OffsetFetchResponseOffsetFetchResponseTopic,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 5) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponsePartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponsePartition(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeOffsetFetchResponseOffsetFetchResponsePartition(
  r: Reader,
  v: number,
): OffsetFetchResponseOffsetFetchResponsePartition {
  const _partitionIndex = r.int32();
  const _committedOffset = r.int64();
  let _committedLeaderEpoch: number;
  if (v >= 5) {
    _committedLeaderEpoch = r.int32();
  } else {
    _committedLeaderEpoch = -1;
  }
  let _metadata: string | null;
  if (v <= 5) {
    _metadata = r.nullableString();
  } else {
    _metadata = r.compactNullableString();
  }
  const _errorCode = r.int16();
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    committedOffset: _committedOffset,
    committedLeaderEpoch: _committedLeaderEpoch,
    metadata: _metadata,
    errorCode: _errorCode,
  };
}

function encodeOffsetFetchResponseOffsetFetchResponsePartition(
  w: Writer,
  m: OffsetFetchResponseOffsetFetchResponsePartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.committedOffset);
  if (v >= 5) {
    w.int32(m.committedLeaderEpoch);
  }
  if (v <= 5) {
    w.nullableString(m.metadata);
  } else {
    w.compactNullableString(m.metadata);
  }
  w.int16(m.errorCode);
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeOffsetFetchResponseOffsetFetchResponseGroup(
  r: Reader,
  v: number,
): OffsetFetchResponseOffsetFetchResponseGroup {
  const _groupId = r.compactString();
  let _topics: OffsetFetchResponseOffsetFetchResponseTopics[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponseTopics[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponseTopics(r, v));
    }
    _topics = _a;
  }
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return { groupId: _groupId, topics: _topics, errorCode: _errorCode };
}

function encodeOffsetFetchResponseOffsetFetchResponseGroup(
  w: Writer,
  m: OffsetFetchResponseOffsetFetchResponseGroup,
  v: number,
): void {
  w.compactString(m.groupId);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponseTopics(w, _e, v);
    }
  }
  w.int16(m.errorCode);
  w.uvarint(0);
}

function decodeOffsetFetchResponseOffsetFetchResponseTopics(
  r: Reader,
  v: number,
): OffsetFetchResponseOffsetFetchResponseTopics {
  const _name = r.compactString();
  let _partitions: OffsetFetchResponseOffsetFetchResponsePartitions[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: OffsetFetchResponseOffsetFetchResponsePartitions[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeOffsetFetchResponseOffsetFetchResponsePartitions(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeOffsetFetchResponseOffsetFetchResponseTopics(
  w: Writer,
  m: OffsetFetchResponseOffsetFetchResponseTopics,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeOffsetFetchResponseOffsetFetchResponsePartitions(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeOffsetFetchResponseOffsetFetchResponsePartitions(
  r: Reader,
  _v: number,
): OffsetFetchResponseOffsetFetchResponsePartitions {
  const _partitionIndex = r.int32();
  const _committedOffset = r.int64();
  const _committedLeaderEpoch = r.int32();
  const _metadata = r.compactNullableString();
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    committedOffset: _committedOffset,
    committedLeaderEpoch: _committedLeaderEpoch,
    metadata: _metadata,
    errorCode: _errorCode,
  };
}

function encodeOffsetFetchResponseOffsetFetchResponsePartitions(
  w: Writer,
  m: OffsetFetchResponseOffsetFetchResponsePartitions,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.committedOffset);
  w.int32(m.committedLeaderEpoch);
  w.compactNullableString(m.metadata);
  w.int16(m.errorCode);
  w.uvarint(0);
}
