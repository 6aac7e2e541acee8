// Generated from RemoveRaftVoterRequest.json, RemoveRaftVoterResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// RemoveRaftVoterRequest: versions 0, flexible 0+, api key 81.

export interface RemoveRaftVoterRequest {
  /** v0+, nullable v0+ */
  clusterId: string | null;
  /** v0+ */
  voterId: number;
  /** v0+ */
  voterDirectoryId: string;
}

export function createRemoveRaftVoterRequest(init?: Partial<RemoveRaftVoterRequest>): RemoveRaftVoterRequest {
  return { clusterId: '', voterId: 0, voterDirectoryId: ZERO_UUID, ...init };
}

export function decodeRemoveRaftVoterRequest(r: Reader, _v: number): RemoveRaftVoterRequest {
  const _clusterId = r.compactNullableString();
  const _voterId = r.int32();
  const _voterDirectoryId = r.uuid();
  r.skipTaggedFields();
  return { clusterId: _clusterId, voterId: _voterId, voterDirectoryId: _voterDirectoryId };
}

export function encodeRemoveRaftVoterRequest(w: Writer, m: RemoveRaftVoterRequest, _v: number): void {
  w.compactNullableString(m.clusterId);
  w.int32(m.voterId);
  w.uuid(m.voterDirectoryId);
  w.uvarint(0);
}

// RemoveRaftVoterResponse: versions 0, flexible 0+, api key 81.

export interface RemoveRaftVoterResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createRemoveRaftVoterResponse(
  init?: Partial<RemoveRaftVoterResponse>,
): RemoveRaftVoterResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeRemoveRaftVoterResponse(r: Reader, _v: number): RemoveRaftVoterResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, errorMessage: _errorMessage };
}

export function encodeRemoveRaftVoterResponse(w: Writer, m: RemoveRaftVoterResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
