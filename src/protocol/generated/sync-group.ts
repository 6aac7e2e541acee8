// Generated from SyncGroupRequest.json, SyncGroupResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// SyncGroupRequest: versions 0-5, flexible 4+, api key 14.

export interface SyncGroupRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  generationId: number;
  /** v0+ */
  memberId: string;
  /** v3+, nullable v3+, default null */
  groupInstanceId: string | null;
  /** v5+, nullable v5+, default null */
  protocolType: string | null;
  /** v5+, nullable v5+, default null */
  protocolName: string | null;
  /** v0+ */
  assignments: SyncGroupRequestSyncGroupRequestAssignment[];
}

export interface SyncGroupRequestSyncGroupRequestAssignment {
  /** v0+ */
  memberId: string;
  /** v0+ */
  assignment: Buffer;
}

export function createSyncGroupRequest(init?: Partial<SyncGroupRequest>): SyncGroupRequest {
  return {
    groupId: '',
    generationId: 0,
    memberId: '',
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
    ...init,
  };
}

export function createSyncGroupRequestSyncGroupRequestAssignment(
  init?: Partial<SyncGroupRequestSyncGroupRequestAssignment>,
): SyncGroupRequestSyncGroupRequestAssignment {
  return { memberId: '', assignment: EMPTY_BYTES, ...init };
}

export function decodeSyncGroupRequest(r: Reader, v: number): SyncGroupRequest {
  let _groupId: string;
  if (v <= 3) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  const _generationId = r.int32();
  let _memberId: string;
  if (v <= 3) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v === 3) {
    _groupInstanceId = r.nullableString();
  } else if (v >= 4) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _protocolType: string | null;
  if (v >= 5) {
    _protocolType = r.compactNullableString();
  } else {
    _protocolType = null;
  }
  let _protocolName: string | null;
  if (v >= 5) {
    _protocolName = r.compactNullableString();
  } else {
    _protocolName = null;
  }
  let _assignments: SyncGroupRequestSyncGroupRequestAssignment[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: SyncGroupRequestSyncGroupRequestAssignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeSyncGroupRequestSyncGroupRequestAssignment(r, v));
    }
    _assignments = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: SyncGroupRequestSyncGroupRequestAssignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeSyncGroupRequestSyncGroupRequestAssignment(r, v));
    }
    _assignments = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    groupId: _groupId,
    generationId: _generationId,
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
    protocolType: _protocolType,
    protocolName: _protocolName,
    assignments: _assignments,
  };
}

export function encodeSyncGroupRequest(w: Writer, m: SyncGroupRequest, v: number): void {
  if (v <= 3) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  w.int32(m.generationId);
  if (v <= 3) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v === 3) {
    w.nullableString(m.groupInstanceId);
  } else if (v >= 4) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v >= 5) {
    w.compactNullableString(m.protocolType);
  }
  if (v >= 5) {
    w.compactNullableString(m.protocolName);
  }
  if (v <= 3) {
    const _a = m.assignments;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeSyncGroupRequestSyncGroupRequestAssignment(w, _e, v);
    }
  } else {
    const _a = m.assignments;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeSyncGroupRequestSyncGroupRequestAssignment(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeSyncGroupRequestSyncGroupRequestAssignment(
  r: Reader,
  v: number,
): SyncGroupRequestSyncGroupRequestAssignment {
  let _memberId: string;
  if (v <= 3) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _assignment: Buffer;
  if (v <= 3) {
    _assignment = r.bytes();
  } else {
    _assignment = r.compactBytes();
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { memberId: _memberId, assignment: _assignment };
}

function encodeSyncGroupRequestSyncGroupRequestAssignment(
  w: Writer,
  m: SyncGroupRequestSyncGroupRequestAssignment,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v <= 3) {
    w.bytes(m.assignment);
  } else {
    w.compactBytes(m.assignment);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

// SyncGroupResponse: versions 0-5, flexible 4+, api key 14.

export interface SyncGroupResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v5+, nullable v5+, default null */
  protocolType: string | null;
  /** v5+, nullable v5+, default null */
  protocolName: string | null;
  /** v0+ */
  assignment: Buffer;
}

export function createSyncGroupResponse(init?: Partial<SyncGroupResponse>): SyncGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    protocolType: null,
    protocolName: null,
    assignment: EMPTY_BYTES,
    ...init,
  };
}

export function decodeSyncGroupResponse(r: Reader, v: number): SyncGroupResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  const _errorCode = r.int16();
  let _protocolType: string | null;
  if (v >= 5) {
    _protocolType = r.compactNullableString();
  } else {
    _protocolType = null;
  }
  let _protocolName: string | null;
  if (v >= 5) {
    _protocolName = r.compactNullableString();
  } else {
    _protocolName = null;
  }
  let _assignment: Buffer;
  if (v <= 3) {
    _assignment = r.bytes();
  } else {
    _assignment = r.compactBytes();
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    protocolType: _protocolType,
    protocolName: _protocolName,
    assignment: _assignment,
  };
}

export function encodeSyncGroupResponse(w: Writer, m: SyncGroupResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  w.int16(m.errorCode);
  if (v >= 5) {
    w.compactNullableString(m.protocolType);
  }
  if (v >= 5) {
    w.compactNullableString(m.protocolName);
  }
  if (v <= 3) {
    w.bytes(m.assignment);
  } else {
    w.compactBytes(m.assignment);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}
