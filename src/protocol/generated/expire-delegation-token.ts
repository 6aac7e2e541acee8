// Generated from ExpireDelegationTokenRequest.json, ExpireDelegationTokenResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ExpireDelegationTokenRequest: versions 0-2, flexible 2+, api key 40.

export interface ExpireDelegationTokenRequest {
  /** v0+ */
  hmac: Buffer;
  /** v0+ */
  expiryTimePeriodMs: number;
}

export function createExpireDelegationTokenRequest(
  init?: Partial<ExpireDelegationTokenRequest>,
): ExpireDelegationTokenRequest {
  return { hmac: EMPTY_BYTES, expiryTimePeriodMs: 0, ...init };
}

export function decodeExpireDelegationTokenRequest(r: Reader, v: number): ExpireDelegationTokenRequest {
  let _hmac: Buffer;
  if (v <= 1) {
    _hmac = r.bytes();
  } else {
    _hmac = r.compactBytes();
  }
  const _expiryTimePeriodMs = r.int64();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { hmac: _hmac, expiryTimePeriodMs: _expiryTimePeriodMs };
}

export function encodeExpireDelegationTokenRequest(
  w: Writer,
  m: ExpireDelegationTokenRequest,
  v: number,
): void {
  if (v <= 1) {
    w.bytes(m.hmac);
  } else {
    w.compactBytes(m.hmac);
  }
  w.int64(m.expiryTimePeriodMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

// ExpireDelegationTokenResponse: versions 0-2, flexible 2+, api key 40.

export interface ExpireDelegationTokenResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  expiryTimestampMs: number;
  /** v0+ */
  throttleTimeMs: number;
}

export function createExpireDelegationTokenResponse(
  init?: Partial<ExpireDelegationTokenResponse>,
): ExpireDelegationTokenResponse {
  return { errorCode: 0, expiryTimestampMs: 0, throttleTimeMs: 0, ...init };
}

export function decodeExpireDelegationTokenResponse(r: Reader, v: number): ExpireDelegationTokenResponse {
  const _errorCode = r.int16();
  const _expiryTimestampMs = r.int64();
  const _throttleTimeMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, expiryTimestampMs: _expiryTimestampMs, throttleTimeMs: _throttleTimeMs };
}

export function encodeExpireDelegationTokenResponse(
  w: Writer,
  m: ExpireDelegationTokenResponse,
  v: number,
): void {
  w.int16(m.errorCode);
  w.int64(m.expiryTimestampMs);
  w.int32(m.throttleTimeMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}
