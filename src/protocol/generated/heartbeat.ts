// Generated from HeartbeatRequest.json, HeartbeatResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// HeartbeatRequest: versions 0-4, flexible 4+, api key 12.

export interface HeartbeatRequest {
  /** v0+ */
  groupId: string;
  /** v0+ */
  generationId: number;
  /** v0+ */
  memberId: string;
  /** v3+, nullable v3+, default null */
  groupInstanceId: string | null;
}

export function createHeartbeatRequest(init?: Partial<HeartbeatRequest>): HeartbeatRequest {
  return { groupId: '', generationId: 0, memberId: '', groupInstanceId: null, ...init };
}

export function decodeHeartbeatRequest(r: Reader, v: number): HeartbeatRequest {
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
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    groupId: _groupId,
    generationId: _generationId,
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
  };
}

export function encodeHeartbeatRequest(w: Writer, m: HeartbeatRequest, v: number): void {
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
  if (v >= 4) {
    w.uvarint(0);
  }
}

// HeartbeatResponse: versions 0-4, flexible 4+, api key 12.

export interface HeartbeatResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
}

export function createHeartbeatResponse(init?: Partial<HeartbeatResponse>): HeartbeatResponse {
  return { throttleTimeMs: 0, errorCode: 0, ...init };
}

export function decodeHeartbeatResponse(r: Reader, v: number): HeartbeatResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  const _errorCode = r.int16();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode };
}

export function encodeHeartbeatResponse(w: Writer, m: HeartbeatResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  w.int16(m.errorCode);
  if (v >= 4) {
    w.uvarint(0);
  }
}
