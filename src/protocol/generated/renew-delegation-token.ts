// Generated from RenewDelegationTokenRequest.json, RenewDelegationTokenResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// RenewDelegationTokenRequest: versions 0-2, flexible 2+, api key 39.

export interface RenewDelegationTokenRequest {
  /** v0+ */
  hmac: Buffer;
  /** v0+ */
  renewPeriodMs: number;
}

export function createRenewDelegationTokenRequest(
  init?: Partial<RenewDelegationTokenRequest>,
): RenewDelegationTokenRequest {
  return { hmac: EMPTY_BYTES, renewPeriodMs: 0, ...init };
}

export function decodeRenewDelegationTokenRequest(r: Reader, v: number): RenewDelegationTokenRequest {
  let _hmac: Buffer;
  if (v <= 1) {
    _hmac = r.bytes();
  } else {
    _hmac = r.compactBytes();
  }
  const _renewPeriodMs = r.int64();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { hmac: _hmac, renewPeriodMs: _renewPeriodMs };
}

export function encodeRenewDelegationTokenRequest(
  w: Writer,
  m: RenewDelegationTokenRequest,
  v: number,
): void {
  if (v <= 1) {
    w.bytes(m.hmac);
  } else {
    w.compactBytes(m.hmac);
  }
  w.int64(m.renewPeriodMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

// RenewDelegationTokenResponse: versions 0-2, flexible 2+, api key 39.

export interface RenewDelegationTokenResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  expiryTimestampMs: number;
  /** v0+ */
  throttleTimeMs: number;
}

export function createRenewDelegationTokenResponse(
  init?: Partial<RenewDelegationTokenResponse>,
): RenewDelegationTokenResponse {
  return { errorCode: 0, expiryTimestampMs: 0, throttleTimeMs: 0, ...init };
}

export function decodeRenewDelegationTokenResponse(r: Reader, v: number): RenewDelegationTokenResponse {
  const _errorCode = r.int16();
  const _expiryTimestampMs = r.int64();
  const _throttleTimeMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, expiryTimestampMs: _expiryTimestampMs, throttleTimeMs: _throttleTimeMs };
}

export function encodeRenewDelegationTokenResponse(
  w: Writer,
  m: RenewDelegationTokenResponse,
  v: number,
): void {
  w.int16(m.errorCode);
  w.int64(m.expiryTimestampMs);
  w.int32(m.throttleTimeMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}
