// Generated from SaslAuthenticateRequest.json, SaslAuthenticateResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// SaslAuthenticateRequest: versions 0-2, flexible 2+, api key 36.

export interface SaslAuthenticateRequest {
  /** v0+ */
  authBytes: Buffer;
}

export function createSaslAuthenticateRequest(
  init?: Partial<SaslAuthenticateRequest>,
): SaslAuthenticateRequest {
  return { authBytes: EMPTY_BYTES, ...init };
}

export function decodeSaslAuthenticateRequest(r: Reader, v: number): SaslAuthenticateRequest {
  let _authBytes: Buffer;
  if (v <= 1) {
    _authBytes = r.bytes();
  } else {
    _authBytes = r.compactBytes();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { authBytes: _authBytes };
}

export function encodeSaslAuthenticateRequest(w: Writer, m: SaslAuthenticateRequest, v: number): void {
  if (v <= 1) {
    w.bytes(m.authBytes);
  } else {
    w.compactBytes(m.authBytes);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// SaslAuthenticateResponse: versions 0-2, flexible 2+, api key 36.

export interface SaslAuthenticateResponse {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  authBytes: Buffer;
  /** v1+, default 0 */
  sessionLifetimeMs: number;
}

export function createSaslAuthenticateResponse(
  init?: Partial<SaslAuthenticateResponse>,
): SaslAuthenticateResponse {
  return { errorCode: 0, errorMessage: '', authBytes: EMPTY_BYTES, sessionLifetimeMs: 0, ...init };
}

export function decodeSaslAuthenticateResponse(r: Reader, v: number): SaslAuthenticateResponse {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  let _authBytes: Buffer;
  if (v <= 1) {
    _authBytes = r.bytes();
  } else {
    _authBytes = r.compactBytes();
  }
  let _sessionLifetimeMs: number;
  if (v >= 1) {
    _sessionLifetimeMs = r.int64();
  } else {
    _sessionLifetimeMs = 0;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    authBytes: _authBytes,
    sessionLifetimeMs: _sessionLifetimeMs,
  };
}

export function encodeSaslAuthenticateResponse(w: Writer, m: SaslAuthenticateResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 1) {
    w.bytes(m.authBytes);
  } else {
    w.compactBytes(m.authBytes);
  }
  if (v >= 1) {
    w.int64(m.sessionLifetimeMs);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}
