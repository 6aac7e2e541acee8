// Generated from CreateDelegationTokenRequest.json, CreateDelegationTokenResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// CreateDelegationTokenRequest: versions 0-3, flexible 2+, api key 38.

export interface CreateDelegationTokenRequest {
  /** v3+, nullable v3+ */
  ownerPrincipalType: string | null;
  /** v3+, nullable v3+ */
  ownerPrincipalName: string | null;
  /** v0+ */
  renewers: CreateDelegationTokenRequestCreatableRenewers[];
  /** v0+ */
  maxLifetimeMs: number;
}

export interface CreateDelegationTokenRequestCreatableRenewers {
  /** v0+ */
  principalType: string;
  /** v0+ */
  principalName: string;
}

export function createCreateDelegationTokenRequest(
  init?: Partial<CreateDelegationTokenRequest>,
): CreateDelegationTokenRequest {
  return { ownerPrincipalType: '', ownerPrincipalName: '', renewers: [], maxLifetimeMs: 0, ...init };
}

export function createCreateDelegationTokenRequestCreatableRenewers(
  init?: Partial<CreateDelegationTokenRequestCreatableRenewers>,
): CreateDelegationTokenRequestCreatableRenewers {
  return { principalType: '', principalName: '', ...init };
}

export function decodeCreateDelegationTokenRequest(r: Reader, v: number): CreateDelegationTokenRequest {
  let _ownerPrincipalType: string | null;
  if (v >= 3) {
    _ownerPrincipalType = r.compactNullableString();
  } else {
    _ownerPrincipalType = '';
  }
  let _ownerPrincipalName: string | null;
  if (v >= 3) {
    _ownerPrincipalName = r.compactNullableString();
  } else {
    _ownerPrincipalName = '';
  }
  let _renewers: CreateDelegationTokenRequestCreatableRenewers[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: CreateDelegationTokenRequestCreatableRenewers[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateDelegationTokenRequestCreatableRenewers(r, v));
    }
    _renewers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateDelegationTokenRequestCreatableRenewers[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateDelegationTokenRequestCreatableRenewers(r, v));
    }
    _renewers = _a;
  }
  const _maxLifetimeMs = r.int64();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    ownerPrincipalType: _ownerPrincipalType,
    ownerPrincipalName: _ownerPrincipalName,
    renewers: _renewers,
    maxLifetimeMs: _maxLifetimeMs,
  };
}

export function encodeCreateDelegationTokenRequest(
  w: Writer,
  m: CreateDelegationTokenRequest,
  v: number,
): void {
  if (v >= 3) {
    w.compactNullableString(m.ownerPrincipalType);
  }
  if (v >= 3) {
    w.compactNullableString(m.ownerPrincipalName);
  }
  if (v <= 1) {
    const _a = m.renewers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateDelegationTokenRequestCreatableRenewers(w, _e, v);
    }
  } else {
    const _a = m.renewers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateDelegationTokenRequestCreatableRenewers(w, _e, v);
    }
  }
  w.int64(m.maxLifetimeMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreateDelegationTokenRequestCreatableRenewers(
  r: Reader,
  v: number,
): CreateDelegationTokenRequestCreatableRenewers {
  let _principalType: string;
  if (v <= 1) {
    _principalType = r.string();
  } else {
    _principalType = r.compactString();
  }
  let _principalName: string;
  if (v <= 1) {
    _principalName = r.string();
  } else {
    _principalName = r.compactString();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { principalType: _principalType, principalName: _principalName };
}

function encodeCreateDelegationTokenRequestCreatableRenewers(
  w: Writer,
  m: CreateDelegationTokenRequestCreatableRenewers,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.principalType);
  } else {
    w.compactString(m.principalType);
  }
  if (v <= 1) {
    w.string(m.principalName);
  } else {
    w.compactString(m.principalName);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// CreateDelegationTokenResponse: versions 0-3, flexible 2+, api key 38.

export interface CreateDelegationTokenResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  principalType: string;
  /** v0+ */
  principalName: string;
  /** v3+ */
  tokenRequesterPrincipalType: string;
  /** v3+ */
  tokenRequesterPrincipalName: string;
  /** v0+ */
  issueTimestampMs: number;
  /** v0+ */
  expiryTimestampMs: number;
  /** v0+ */
  maxTimestampMs: number;
  /** v0+ */
  tokenId: string;
  /** v0+ */
  hmac: Buffer;
  /** v0+ */
  throttleTimeMs: number;
}

export function createCreateDelegationTokenResponse(
  init?: Partial<CreateDelegationTokenResponse>,
): CreateDelegationTokenResponse {
  return {
    errorCode: 0,
    principalType: '',
    principalName: '',
    tokenRequesterPrincipalType: '',
    tokenRequesterPrincipalName: '',
    issueTimestampMs: 0,
    expiryTimestampMs: 0,
    maxTimestampMs: 0,
    tokenId: '',
    hmac: EMPTY_BYTES,
    throttleTimeMs: 0,
    ...init,
  };
}

export function decodeCreateDelegationTokenResponse(r: Reader, v: number): CreateDelegationTokenResponse {
  const _errorCode = r.int16();
  let _principalType: string;
  if (v <= 1) {
    _principalType = r.string();
  } else {
    _principalType = r.compactString();
  }
  let _principalName: string;
  if (v <= 1) {
    _principalName = r.string();
  } else {
    _principalName = r.compactString();
  }
  let _tokenRequesterPrincipalType: string;
  if (v >= 3) {
    _tokenRequesterPrincipalType = r.compactString();
  } else {
    _tokenRequesterPrincipalType = '';
  }
  let _tokenRequesterPrincipalName: string;
  if (v >= 3) {
    _tokenRequesterPrincipalName = r.compactString();
  } else {
    _tokenRequesterPrincipalName = '';
  }
  const _issueTimestampMs = r.int64();
  const _expiryTimestampMs = r.int64();
  const _maxTimestampMs = r.int64();
  let _tokenId: string;
  if (v <= 1) {
    _tokenId = r.string();
  } else {
    _tokenId = r.compactString();
  }
  let _hmac: Buffer;
  if (v <= 1) {
    _hmac = r.bytes();
  } else {
    _hmac = r.compactBytes();
  }
  const _throttleTimeMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    principalType: _principalType,
    principalName: _principalName,
    tokenRequesterPrincipalType: _tokenRequesterPrincipalType,
    tokenRequesterPrincipalName: _tokenRequesterPrincipalName,
    issueTimestampMs: _issueTimestampMs,
    expiryTimestampMs: _expiryTimestampMs,
    maxTimestampMs: _maxTimestampMs,
    tokenId: _tokenId,
    hmac: _hmac,
    throttleTimeMs: _throttleTimeMs,
  };
}

export function encodeCreateDelegationTokenResponse(
  w: Writer,
  m: CreateDelegationTokenResponse,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.string(m.principalType);
  } else {
    w.compactString(m.principalType);
  }
  if (v <= 1) {
    w.string(m.principalName);
  } else {
    w.compactString(m.principalName);
  }
  if (v >= 3) {
    w.compactString(m.tokenRequesterPrincipalType);
  }
  if (v >= 3) {
    w.compactString(m.tokenRequesterPrincipalName);
  }
  w.int64(m.issueTimestampMs);
  w.int64(m.expiryTimestampMs);
  w.int64(m.maxTimestampMs);
  if (v <= 1) {
    w.string(m.tokenId);
  } else {
    w.compactString(m.tokenId);
  }
  if (v <= 1) {
    w.bytes(m.hmac);
  } else {
    w.compactBytes(m.hmac);
  }
  w.int32(m.throttleTimeMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}
