// Generated from JoinGroupRequest.json, JoinGroupResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// JoinGroupRequest: versions 0-9, flexible 6+, api key 11.

export interface JoinGroupRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  sessionTimeoutMs: number;
  /** v1+, default -1 */
  rebalanceTimeoutMs: number;
  /** v0+ */
  memberId: string;
  /** v5+, nullable v5+, default null */
  groupInstanceId: string | null;
  /** v0+ */
  protocolType: string;
  /** v0+ */
  protocols: JoinGroupRequestJoinGroupRequestProtocol[];
  /** v8+, nullable v8+, default null */
  reason: string | null;
}

export interface JoinGroupRequestJoinGroupRequestProtocol {
  /** v0+ */
  name: string;
  /** v0+ */
  metadata: Buffer;
}

export function createJoinGroupRequest(init?: Partial<JoinGroupRequest>): JoinGroupRequest {
  return {
    groupId: '',
    sessionTimeoutMs: 0,
    rebalanceTimeoutMs: -1,
    memberId: '',
    groupInstanceId: null,
    protocolType: '',
    protocols: [],
    reason: null,
    ...init,
  };
}

export function createJoinGroupRequestJoinGroupRequestProtocol(
  init?: Partial<JoinGroupRequestJoinGroupRequestProtocol>,
): JoinGroupRequestJoinGroupRequestProtocol {
  return { name: '', metadata: EMPTY_BYTES, ...init };
}

export function decodeJoinGroupRequest(r: Reader, v: number): JoinGroupRequest {
  let _groupId: string;
  if (v <= 5) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  const _sessionTimeoutMs = r.int32();
  let _rebalanceTimeoutMs: number;
  if (v >= 1) {
    _rebalanceTimeoutMs = r.int32();
  } else {
    _rebalanceTimeoutMs = -1;
  }
  let _memberId: string;
  if (v <= 5) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v === 5) {
    _groupInstanceId = r.nullableString();
  } else if (v >= 6) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _protocolType: string;
  if (v <= 5) {
    _protocolType = r.string();
  } else {
    _protocolType = r.compactString();
  }
  let _protocols: JoinGroupRequestJoinGroupRequestProtocol[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: JoinGroupRequestJoinGroupRequestProtocol[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeJoinGroupRequestJoinGroupRequestProtocol(r, v));
    }
    _protocols = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: JoinGroupRequestJoinGroupRequestProtocol[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeJoinGroupRequestJoinGroupRequestProtocol(r, v));
    }
    _protocols = _a;
  }
  let _reason: string | null;
  if (v >= 8) {
    _reason = r.compactNullableString();
  } else {
    _reason = null;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    groupId: _groupId,
    sessionTimeoutMs: _sessionTimeoutMs,
    rebalanceTimeoutMs: _rebalanceTimeoutMs,
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
    protocolType: _protocolType,
    protocols: _protocols,
    reason: _reason,
  };
}

export function encodeJoinGroupRequest(w: Writer, m: JoinGroupRequest, v: number): void {
  if (v <= 5) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  w.int32(m.sessionTimeoutMs);
  if (v >= 1) {
    w.int32(m.rebalanceTimeoutMs);
  }
  if (v <= 5) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v === 5) {
    w.nullableString(m.groupInstanceId);
  } else if (v >= 6) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v <= 5) {
    w.string(m.protocolType);
  } else {
    w.compactString(m.protocolType);
  }
  if (v <= 5) {
    const _a = m.protocols;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeJoinGroupRequestJoinGroupRequestProtocol(w, _e, v);
    }
  } else {
    const _a = m.protocols;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeJoinGroupRequestJoinGroupRequestProtocol(w, _e, v);
    }
  }
  if (v >= 8) {
    w.compactNullableString(m.reason);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeJoinGroupRequestJoinGroupRequestProtocol(
  r: Reader,
  v: number,
): JoinGroupRequestJoinGroupRequestProtocol {
  let _name: string;
  if (v <= 5) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _metadata: Buffer;
  if (v <= 5) {
    _metadata = r.bytes();
  } else {
    _metadata = r.compactBytes();
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { name: _name, metadata: _metadata };
}

function encodeJoinGroupRequestJoinGroupRequestProtocol(
  w: Writer,
  m: JoinGroupRequestJoinGroupRequestProtocol,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 5) {
    w.bytes(m.metadata);
  } else {
    w.compactBytes(m.metadata);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

// JoinGroupResponse: versions 0-9, flexible 6+, api key 11.

export interface JoinGroupResponse {
  /** v2+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, default -1 */
  generationId: number;
  /** v7+, nullable v7+, default null */
  protocolType: string | null;
  /** v0+, nullable v7+ */
  protocolName: string | null;
  /** v0+ */
  leader: string;
  /** v9+, default false */
  skipAssignment: boolean;
  /** v0+ */
  memberId: string;
  /** v0+ */
  members: JoinGroupResponseJoinGroupResponseMember[];
}

export interface JoinGroupResponseJoinGroupResponseMember {
  /** v0+ */
  memberId: string;
  /** v5+, nullable v5+, default null */
  groupInstanceId: string | null;
  /** v0+ */
  metadata: Buffer;
}

export function createJoinGroupResponse(init?: Partial<JoinGroupResponse>): JoinGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    generationId: -1,
    protocolType: null,
    protocolName: '',
    leader: '',
    skipAssignment: false,
    memberId: '',
    members: [],
    ...init,
  };
}

export function createJoinGroupResponseJoinGroupResponseMember(
  init?: Partial<JoinGroupResponseJoinGroupResponseMember>,
): JoinGroupResponseJoinGroupResponseMember {
  return { memberId: '', groupInstanceId: null, metadata: EMPTY_BYTES, ...init };
}

export function decodeJoinGroupResponse(r: Reader, v: number): JoinGroupResponse {
  let _throttleTimeMs: number;
  if (v >= 2) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  const _errorCode = r.int16();
  const _generationId = r.int32();
  let _protocolType: string | null;
  if (v >= 7) {
    _protocolType = r.compactNullableString();
  } else {
    _protocolType = null;
  }
  let _protocolName: string | null;
  if (v <= 5) {
    _protocolName = r.string();
  } else if (v === 6) {
    _protocolName = r.compactString();
  } else {
    _protocolName = r.compactNullableString();
  }
  let _leader: string;
  if (v <= 5) {
    _leader = r.string();
  } else {
    _leader = r.compactString();
  }
  let _skipAssignment: boolean;
  if (v >= 9) {
    _skipAssignment = r.bool();
  } else {
    _skipAssignment = false;
  }
  let _memberId: string;
  if (v <= 5) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _members: JoinGroupResponseJoinGroupResponseMember[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: JoinGroupResponseJoinGroupResponseMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeJoinGroupResponseJoinGroupResponseMember(r, v));
    }
    _members = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: JoinGroupResponseJoinGroupResponseMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeJoinGroupResponseJoinGroupResponseMember(r, v));
    }
    _members = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    generationId: _generationId,
    protocolType: _protocolType,
    protocolName: _protocolName,
    leader: _leader,
    skipAssignment: _skipAssignment,
    memberId: _memberId,
    members: _members,
  };
}

export function encodeJoinGroupResponse(w: Writer, m: JoinGroupResponse, v: number): void {
  if (v >= 2) {
    w.int32(m.throttleTimeMs);
  }
  w.int16(m.errorCode);
  w.int32(m.generationId);
  if (v >= 7) {
    w.compactNullableString(m.protocolType);
  }
  if (v <= 5) {
    w.string(m.protocolName ?? '');
  } else if (v === 6) {
    w.compactString(m.protocolName ?? '');
  } else {
    w.compactNullableString(m.protocolName);
  }
  if (v <= 5) {
    w.string(m.leader);
  } else {
    w.compactString(m.leader);
  }
  if (v >= 9) {
    w.bool(m.skipAssignment);
  }
  if (v <= 5) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v <= 5) {
    const _a = m.members;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeJoinGroupResponseJoinGroupResponseMember(w, _e, v);
    }
  } else {
    const _a = m.members;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeJoinGroupResponseJoinGroupResponseMember(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeJoinGroupResponseJoinGroupResponseMember(
  r: Reader,
  v: number,
): JoinGroupResponseJoinGroupResponseMember {
  let _memberId: string;
  if (v <= 5) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v === 5) {
    _groupInstanceId = r.nullableString();
  } else if (v >= 6) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _metadata: Buffer;
  if (v <= 5) {
    _metadata = r.bytes();
  } else {
    _metadata = r.compactBytes();
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { memberId: _memberId, groupInstanceId: _groupInstanceId, metadata: _metadata };
}

function encodeJoinGroupResponseJoinGroupResponseMember(
  w: Writer,
  m: JoinGroupResponseJoinGroupResponseMember,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v === 5) {
    w.nullableString(m.groupInstanceId);
  } else if (v >= 6) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v <= 5) {
    w.bytes(m.metadata);
  } else {
    w.compactBytes(m.metadata);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}
