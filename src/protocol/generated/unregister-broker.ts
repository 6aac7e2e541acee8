// Generated from UnregisterBrokerRequest.json, UnregisterBrokerResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// UnregisterBrokerRequest: versions 0, flexible 0+, api key 64.

export interface UnregisterBrokerRequest {
  /** v0+ */
  brokerId: number;
}

export function createUnregisterBrokerRequest(
  init?: Partial<UnregisterBrokerRequest>,
): UnregisterBrokerRequest {
  return { brokerId: 0, ...init };
}

export function decodeUnregisterBrokerRequest(r: Reader, _v: number): UnregisterBrokerRequest {
  const _brokerId = r.int32();
  r.skipTaggedFields();
  return { brokerId: _brokerId };
}

export function encodeUnregisterBrokerRequest(w: Writer, m: UnregisterBrokerRequest, _v: number): void {
  w.int32(m.brokerId);
  w.uvarint(0);
}

// UnregisterBrokerResponse: versions 0, flexible 0+, api key 64.

export interface UnregisterBrokerResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createUnregisterBrokerResponse(
  init?: Partial<UnregisterBrokerResponse>,
): UnregisterBrokerResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeUnregisterBrokerResponse(r: Reader, _v: number): UnregisterBrokerResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, errorMessage: _errorMessage };
}

export function encodeUnregisterBrokerResponse(w: Writer, m: UnregisterBrokerResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
