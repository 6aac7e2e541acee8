// Generated from ShareGroupHeartbeatRequest.json, ShareGroupHeartbeatResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ShareGroupHeartbeatRequest: versions 0, flexible 0+, api key 76.

export interface ShareGroupHeartbeatRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  memberId: string;
  /** v0+ */
  memberEpoch: number;
  /** v0+, nullable v0+, default null */
  rackId: string | null;
  /** v0+, nullable v0+, default null */
  subscribedTopicNames: string[] | null;
}

export function createShareGroupHeartbeatRequest(
  init?: Partial<ShareGroupHeartbeatRequest>,
): ShareGroupHeartbeatRequest {
  return { groupId: '', memberId: '', memberEpoch: 0, rackId: null, subscribedTopicNames: null, ...init };
}

export function decodeShareGroupHeartbeatRequest(r: Reader, _v: number): ShareGroupHeartbeatRequest {
  const _groupId = r.compactString();
  const _memberId = r.compactString();
  const _memberEpoch = r.int32();
  const _rackId = r.compactNullableString();
  let _subscribedTopicNames: string[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _subscribedTopicNames = null;
    else {
      const _a: string[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.compactString());
      }
      _subscribedTopicNames = _a;
    }
  }
  r.skipTaggedFields();
  return {
    groupId: _groupId,
    memberId: _memberId,
    memberEpoch: _memberEpoch,
    rackId: _rackId,
    subscribedTopicNames: _subscribedTopicNames,
  };
}

export function encodeShareGroupHeartbeatRequest(w: Writer, m: ShareGroupHeartbeatRequest, _v: number): void {
  w.compactString(m.groupId);
  w.compactString(m.memberId);
  w.int32(m.memberEpoch);
  w.compactNullableString(m.rackId);
  {
    const _a = m.subscribedTopicNames;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.compactString(_e);
      }
    }
  }
  w.uvarint(0);
}

// ShareGroupHeartbeatResponse: versions 0, flexible 0+, api key 76.

export interface ShareGroupHeartbeatResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+, nullable v0+, default null */
  memberId: string | null;
  /** v0+ */
  memberEpoch: number;
  /** v0+ */
  heartbeatIntervalMs: number;
  /** v0+, nullable v0+, default null */
  assignment: ShareGroupHeartbeatResponseAssignment | null;
}

export interface ShareGroupHeartbeatResponseTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: number[];
}

export interface ShareGroupHeartbeatResponseAssignment {
  /** v0+ */
  topicPartitions: ShareGroupHeartbeatResponseTopicPartitions[];
}

export function createShareGroupHeartbeatResponse(
  init?: Partial<ShareGroupHeartbeatResponse>,
): ShareGroupHeartbeatResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    memberId: null,
    memberEpoch: 0,
    heartbeatIntervalMs: 0,
    assignment: null,
    ...init,
  };
}

export function createShareGroupHeartbeatResponseTopicPartitions(
  init?: Partial<ShareGroupHeartbeatResponseTopicPartitions>,
): ShareGroupHeartbeatResponseTopicPartitions {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createShareGroupHeartbeatResponseAssignment(
  init?: Partial<ShareGroupHeartbeatResponseAssignment>,
): ShareGroupHeartbeatResponseAssignment {
  return { topicPartitions: [], ...init };
}

export function decodeShareGroupHeartbeatResponse(r: Reader, v: number): ShareGroupHeartbeatResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _memberId = r.compactNullableString();
  const _memberEpoch = r.int32();
  const _heartbeatIntervalMs = r.int32();
  const _assignment = r.int8() < 0 ? null : decodeShareGroupHeartbeatResponseAssignment(r, v);
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    memberId: _memberId,
    memberEpoch: _memberEpoch,
    heartbeatIntervalMs: _heartbeatIntervalMs,
    assignment: _assignment,
  };
}

export function encodeShareGroupHeartbeatResponse(
  w: Writer,
  m: ShareGroupHeartbeatResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.compactNullableString(m.memberId);
  w.int32(m.memberEpoch);
  w.int32(m.heartbeatIntervalMs);
  {
    if (m.assignment === null) w.int8(-1);
    else {
      w.int8(1);
      encodeShareGroupHeartbeatResponseAssignment(w, m.assignment, v);
    }
  }
  w.uvarint(0);
}

function decodeShareGroupHeartbeatResponseTopicPartitions(
  r: Reader,
  _v: number,
): ShareGroupHeartbeatResponseTopicPartitions {
  const _topicId = r.uuid();
  let _partitions: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareGroupHeartbeatResponseTopicPartitions(
  w: Writer,
  m: ShareGroupHeartbeatResponseTopicPartitions,
  _v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

function decodeShareGroupHeartbeatResponseAssignment(
  r: Reader,
  v: number,
): ShareGroupHeartbeatResponseAssignment {
  let _topicPartitions: ShareGroupHeartbeatResponseTopicPartitions[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareGroupHeartbeatResponseTopicPartitions[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareGroupHeartbeatResponseTopicPartitions(r, v));
    }
    _topicPartitions = _a;
  }
  r.skipTaggedFields();
  return { topicPartitions: _topicPartitions };
}

function encodeShareGroupHeartbeatResponseAssignment(
  w: Writer,
  m: ShareGroupHeartbeatResponseAssignment,
  v: number,
): void {
  {
    const _a = m.topicPartitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareGroupHeartbeatResponseTopicPartitions(w, _e, v);
    }
  }
  w.uvarint(0);
}
