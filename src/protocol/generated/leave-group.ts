// Generated from LeaveGroupRequest.json, LeaveGroupResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// LeaveGroupRequest: versions 0-5, flexible 4+, api key 13.

export interface LeaveGroupRequest {
  /** v0+ */
  groupId: string;
  /** v0-2 */
  memberId: string;
  /** v3+ */
  members: LeaveGroupRequestMemberIdentity[];
}

export interface LeaveGroupRequestMemberIdentity {
  /** v3+ */
  memberId: string;
  /** v3+, nullable v3+, default null */
  groupInstanceId: string | null;
  /** v5+, nullable v5+, default null */
  reason: string | null;
}

export function createLeaveGroupRequest(init?: Partial<LeaveGroupRequest>): LeaveGroupRequest {
  return { groupId: '', memberId: '', members: [], ...init };
}

export function createLeaveGroupRequestMemberIdentity(
  init?: Partial<LeaveGroupRequestMemberIdentity>,
): LeaveGroupRequestMemberIdentity {
  return { memberId: '', groupInstanceId: null, reason: null, ...init };
}

export function decodeLeaveGroupRequest(r: Reader, v: number): LeaveGroupRequest {
  let _groupId: string;
  if (v <= 3) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  let _memberId: string;
  if (v <= 2) {
    _memberId = r.string();
  } else {
    _memberId = '';
  }
  let _members: LeaveGroupRequestMemberIdentity[];
  if (v === 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaveGroupRequestMemberIdentity[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaveGroupRequestMemberIdentity(r, v));
    }
    _members = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaveGroupRequestMemberIdentity[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaveGroupRequestMemberIdentity(r, v));
    }
    _members = _a;
  } else {
    _members = [];
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { groupId: _groupId, memberId: _memberId, members: _members };
}

export function encodeLeaveGroupRequest(w: Writer, m: LeaveGroupRequest, v: number): void {
  if (v <= 3) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  if (v <= 2) {
    w.string(m.memberId);
  }
  if (v === 3) {
    const _a = m.members;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaveGroupRequestMemberIdentity(w, _e, v);
    }
  } else if (v >= 4) {
    const _a = m.members;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaveGroupRequestMemberIdentity(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaveGroupRequestMemberIdentity(r: Reader, v: number): LeaveGroupRequestMemberIdentity {
  let _memberId: string;
  if (v <= 3) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v <= 3) {
    _groupInstanceId = r.nullableString();
  } else {
    _groupInstanceId = r.compactNullableString();
  }
  let _reason: string | null;
  if (v >= 5) {
    _reason = r.compactNullableString();
  } else {
    _reason = null;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { memberId: _memberId, groupInstanceId: _groupInstanceId, reason: _reason };
}

function encodeLeaveGroupRequestMemberIdentity(
  w: Writer,
  m: LeaveGroupRequestMemberIdentity,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v <= 3) {
    w.nullableString(m.groupInstanceId);
  } else {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v >= 5) {
    w.compactNullableString(m.reason);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

// LeaveGroupResponse: versions 0-5, flexible 4+, api key 13.

export interface LeaveGroupResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v3+ */
  members: LeaveGroupResponseMemberResponse[];
}

export interface LeaveGroupResponseMemberResponse {
  /** v3+ */
  memberId: string;
  /** v3+, nullable v3+ */
  groupInstanceId: string | null;
  /** v3+ */
  errorCode: number;
}

export function createLeaveGroupResponse(init?: Partial<LeaveGroupResponse>): LeaveGroupResponse {
  return { throttleTimeMs: 0, errorCode: 0, members: [], ...init };
}

export function createLeaveGroupResponseMemberResponse(
  init?: Partial<LeaveGroupResponseMemberResponse>,
): LeaveGroupResponseMemberResponse {
  return { memberId: '', groupInstanceId: '', errorCode: 0, ...init };
}

export function decodeLeaveGroupResponse(r: Reader, v: number): LeaveGroupResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  const _errorCode = r.int16();
  let _members: LeaveGroupResponseMemberResponse[];
  if (v === 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaveGroupResponseMemberResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaveGroupResponseMemberResponse(r, v));
    }
    _members = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaveGroupResponseMemberResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaveGroupResponseMemberResponse(r, v));
    }
    _members = _a;
  } else {
    _members = [];
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, members: _members };
}

export function encodeLeaveGroupResponse(w: Writer, m: LeaveGroupResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  w.int16(m.errorCode);
  if (v === 3) {
    const _a = m.members;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaveGroupResponseMemberResponse(w, _e, v);
    }
  } else if (v >= 4) {
    const _a = m.members;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaveGroupResponseMemberResponse(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaveGroupResponseMemberResponse(r: Reader, v: number): LeaveGroupResponseMemberResponse {
  let _memberId: string;
  if (v <= 3) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v <= 3) {
    _groupInstanceId = r.nullableString();
  } else {
    _groupInstanceId = r.compactNullableString();
  }
  const _errorCode = r.int16();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { memberId: _memberId, groupInstanceId: _groupInstanceId, errorCode: _errorCode };
}

function encodeLeaveGroupResponseMemberResponse(
  w: Writer,
  m: LeaveGroupResponseMemberResponse,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v <= 3) {
    w.nullableString(m.groupInstanceId);
  } else {
    w.compactNullableString(m.groupInstanceId);
  }
  w.int16(m.errorCode);
  if (v >= 4) {
    w.uvarint(0);
  }
}
