// Generated from ConsumerGroupHeartbeatRequest.json, ConsumerGroupHeartbeatResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ConsumerGroupHeartbeatRequest: versions 0-1, flexible 0+, api key 68.

export interface ConsumerGroupHeartbeatRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  memberId: string;
  /** v0+ */
  memberEpoch: number;
  /** v0+, nullable v0+, default null */
  instanceId: string | null;
  /** v0+, nullable v0+, default null */
  rackId: string | null;
  /** v0+, default -1 */
  rebalanceTimeoutMs: number;
  /** v0+, nullable v0+, default null */
  subscribedTopicNames: string[] | null;
  /** v1+, nullable v1+, default null */
  subscribedTopicRegex: string | null;
  /** v0+, nullable v0+, default null */
  serverAssignor: string | null;
  /** v0+, nullable v0+, default null */
  topicPartitions: ConsumerGroupHeartbeatRequestTopicPartitions[] | null;
}

export interface ConsumerGroupHeartbeatRequestTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: number[];
}

export function createConsumerGroupHeartbeatRequest(
  init?: Partial<ConsumerGroupHeartbeatRequest>,
): ConsumerGroupHeartbeatRequest {
  return {
    groupId: '',
    memberId: '',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: -1,
    subscribedTopicNames: null,
    subscribedTopicRegex: null,
    serverAssignor: null,
    topicPartitions: null,
    ...init,
  };
}

export function createConsumerGroupHeartbeatRequestTopicPartitions(
  init?: Partial<ConsumerGroupHeartbeatRequestTopicPartitions>,
): ConsumerGroupHeartbeatRequestTopicPartitions {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function decodeConsumerGroupHeartbeatRequest(r: Reader, v: number): ConsumerGroupHeartbeatRequest {
  const _groupId = r.compactString();
  const _memberId = r.compactString();
  const _memberEpoch = r.int32();
  const _instanceId = r.compactNullableString();
  const _rackId = r.compactNullableString();
  const _rebalanceTimeoutMs = r.int32();
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
  let _subscribedTopicRegex: string | null;
  if (v >= 1) {
    _subscribedTopicRegex = r.compactNullableString();
  } else {
    _subscribedTopicRegex = null;
  }
  const _serverAssignor = r.compactNullableString();
  let _topicPartitions: ConsumerGroupHeartbeatRequestTopicPartitions[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topicPartitions = null;
    else {
      const _a: ConsumerGroupHeartbeatRequestTopicPartitions[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeConsumerGroupHeartbeatRequestTopicPartitions(r, v));
      }
      _topicPartitions = _a;
    }
  }
  r.skipTaggedFields();
  return {
    groupId: _groupId,
    memberId: _memberId,
    memberEpoch: _memberEpoch,
    instanceId: _instanceId,
    rackId: _rackId,
    rebalanceTimeoutMs: _rebalanceTimeoutMs,
    subscribedTopicNames: _subscribedTopicNames,
    subscribedTopicRegex: _subscribedTopicRegex,
    serverAssignor: _serverAssignor,
    topicPartitions: _topicPartitions,
  };
}

export function encodeConsumerGroupHeartbeatRequest(
  w: Writer,
  m: ConsumerGroupHeartbeatRequest,
  v: number,
): void {
  w.compactString(m.groupId);
  w.compactString(m.memberId);
  w.int32(m.memberEpoch);
  w.compactNullableString(m.instanceId);
  w.compactNullableString(m.rackId);
  w.int32(m.rebalanceTimeoutMs);
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
  if (v >= 1) {
    w.compactNullableString(m.subscribedTopicRegex);
  }
  w.compactNullableString(m.serverAssignor);
  {
    const _a = m.topicPartitions;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeConsumerGroupHeartbeatRequestTopicPartitions(w, _e, v);
      }
    }
  }
  w.uvarint(0);
}

function decodeConsumerGroupHeartbeatRequestTopicPartitions(
  r: Reader,
  _v: number,
): ConsumerGroupHeartbeatRequestTopicPartitions {
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

function encodeConsumerGroupHeartbeatRequestTopicPartitions(
  w: Writer,
  m: ConsumerGroupHeartbeatRequestTopicPartitions,
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

// ConsumerGroupHeartbeatResponse: versions 0-1, flexible 0+, api key 68.

export interface ConsumerGroupHeartbeatResponse {
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
  assignment: ConsumerGroupHeartbeatResponseAssignment | null;
}

export interface ConsumerGroupHeartbeatResponseTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: number[];
}

export interface ConsumerGroupHeartbeatResponseAssignment {
  /** v0+ */
  topicPartitions: ConsumerGroupHeartbeatResponseTopicPartitions[];
}

export function createConsumerGroupHeartbeatResponse(
  init?: Partial<ConsumerGroupHeartbeatResponse>,
): ConsumerGroupHeartbeatResponse {
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

export function createConsumerGroupHeartbeatResponseTopicPartitions(
  init?: Partial<ConsumerGroupHeartbeatResponseTopicPartitions>,
): ConsumerGroupHeartbeatResponseTopicPartitions {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createConsumerGroupHeartbeatResponseAssignment(
  init?: Partial<ConsumerGroupHeartbeatResponseAssignment>,
): ConsumerGroupHeartbeatResponseAssignment {
  return { topicPartitions: [], ...init };
}

export function decodeConsumerGroupHeartbeatResponse(r: Reader, v: number): ConsumerGroupHeartbeatResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _memberId = r.compactNullableString();
  const _memberEpoch = r.int32();
  const _heartbeatIntervalMs = r.int32();
  const _assignment = r.int8() < 0 ? null : decodeConsumerGroupHeartbeatResponseAssignment(r, v);
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

export function encodeConsumerGroupHeartbeatResponse(
  w: Writer,
  m: ConsumerGroupHeartbeatResponse,
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
      encodeConsumerGroupHeartbeatResponseAssignment(w, m.assignment, v);
    }
  }
  w.uvarint(0);
}

function decodeConsumerGroupHeartbeatResponseTopicPartitions(
  r: Reader,
  _v: number,
): ConsumerGroupHeartbeatResponseTopicPartitions {
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

function encodeConsumerGroupHeartbeatResponseTopicPartitions(
  w: Writer,
  m: ConsumerGroupHeartbeatResponseTopicPartitions,
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

function decodeConsumerGroupHeartbeatResponseAssignment(
  r: Reader,
  v: number,
): ConsumerGroupHeartbeatResponseAssignment {
  let _topicPartitions: ConsumerGroupHeartbeatResponseTopicPartitions[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ConsumerGroupHeartbeatResponseTopicPartitions[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerGroupHeartbeatResponseTopicPartitions(r, v));
    }
    _topicPartitions = _a;
  }
  r.skipTaggedFields();
  return { topicPartitions: _topicPartitions };
}

function encodeConsumerGroupHeartbeatResponseAssignment(
  w: Writer,
  m: ConsumerGroupHeartbeatResponseAssignment,
  v: number,
): void {
  {
    const _a = m.topicPartitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeConsumerGroupHeartbeatResponseTopicPartitions(w, _e, v);
    }
  }
  w.uvarint(0);
}
