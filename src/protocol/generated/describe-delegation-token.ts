// Generated from DescribeDelegationTokenRequest.json, DescribeDelegationTokenResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeDelegationTokenRequest: versions 0-3, flexible 2+, api key 41.

export interface DescribeDelegationTokenRequest {
  /** v0+, nullable v0+ */
  owners: DescribeDelegationTokenRequestDescribeDelegationTokenOwner[] | null;
}

export interface DescribeDelegationTokenRequestDescribeDelegationTokenOwner {
  /** v0+ */
  principalType: string;
  /** v0+ */
  principalName: string;
}

export function createDescribeDelegationTokenRequest(
  init?: Partial<DescribeDelegationTokenRequest>,
): DescribeDelegationTokenRequest {
  return { owners: [], ...init };
}

export function createDescribeDelegationTokenRequestDescribeDelegationTokenOwner(
  init?: Partial<DescribeDelegationTokenRequestDescribeDelegationTokenOwner>,
): DescribeDelegationTokenRequestDescribeDelegationTokenOwner {
  return { principalType: '', principalName: '', ...init };
}

export function decodeDescribeDelegationTokenRequest(r: Reader, v: number): DescribeDelegationTokenRequest {
  let _owners: DescribeDelegationTokenRequestDescribeDelegationTokenOwner[] | null;
  if (v <= 1) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _owners = null;
    else {
      const _a: DescribeDelegationTokenRequestDescribeDelegationTokenOwner[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(r, v));
      }
      _owners = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _owners = null;
    else {
      const _a: DescribeDelegationTokenRequestDescribeDelegationTokenOwner[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(r, v));
      }
      _owners = _a;
    }
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { owners: _owners };
}

export function encodeDescribeDelegationTokenRequest(
  w: Writer,
  m: DescribeDelegationTokenRequest,
  v: number,
): void {
  if (v <= 1) {
    const _a = m.owners;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(w, _e, v);
      }
    }
  } else {
    const _a = m.owners;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(w, _e, v);
      }
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(
  r: Reader,
  v: number,
): DescribeDelegationTokenRequestDescribeDelegationTokenOwner {
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

function encodeDescribeDelegationTokenRequestDescribeDelegationTokenOwner(
  w: Writer,
  m: DescribeDelegationTokenRequestDescribeDelegationTokenOwner,
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

// DescribeDelegationTokenResponse: versions 0-3, flexible 2+, api key 41.

export interface DescribeDelegationTokenResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  tokens: DescribeDelegationTokenResponseDescribedDelegationToken[];
  /** v0+ */
  throttleTimeMs: number;
}

export interface DescribeDelegationTokenResponseDescribedDelegationToken {
  /** v0+ */
  principalType: string;
  /** v0+ */
  principalName: string;
  /** v3+ */
  tokenRequesterPrincipalType: string;
  /** v3+ */
  tokenRequesterPrincipalName: string;
  /** v0+ */
  issueTimestamp: number;
  /** v0+ */
  expiryTimestamp: number;
  /** v0+ */
  maxTimestamp: number;
  /** v0+ */
  tokenId: string;
  /** v0+ */
  hmac: Buffer;
  /** v0+ */
  renewers: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer[];
}

export interface DescribeDelegationTokenResponseDescribedDelegationTokenRenewer {
  /** v0+ */
  principalType: string;
  /** v0+ */
  principalName: string;
}

export function createDescribeDelegationTokenResponse(
  init?: Partial<DescribeDelegationTokenResponse>,
): DescribeDelegationTokenResponse {
  return { errorCode: 0, tokens: [], throttleTimeMs: 0, ...init };
}

export function createDescribeDelegationTokenResponseDescribedDelegationToken(
  init?: Partial<DescribeDelegationTokenResponseDescribedDelegationToken>,
): DescribeDelegationTokenResponseDescribedDelegationToken {
  return {
    principalType: '',
    principalName: '',
    tokenRequesterPrincipalType: '',
    tokenRequesterPrincipalName: '',
    issueTimestamp: 0,
    expiryTimestamp: 0,
    maxTimestamp: 0,
    tokenId: '',
    hmac: EMPTY_BYTES,
    renewers: [],
    ...init,
  };
}

export function createDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(
  init?: Partial<DescribeDelegationTokenResponseDescribedDelegationTokenRenewer>,
): DescribeDelegationTokenResponseDescribedDelegationTokenRenewer {
  return { principalType: '', principalName: '', ...init };
}

export function decodeDescribeDelegationTokenResponse(r: Reader, v: number): DescribeDelegationTokenResponse {
  const _errorCode = r.int16();
  let _tokens: DescribeDelegationTokenResponseDescribedDelegationToken[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeDelegationTokenResponseDescribedDelegationToken[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeDelegationTokenResponseDescribedDelegationToken(r, v));
    }
    _tokens = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeDelegationTokenResponseDescribedDelegationToken[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeDelegationTokenResponseDescribedDelegationToken(r, v));
    }
    _tokens = _a;
  }
  const _throttleTimeMs = r.int32();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, tokens: _tokens, throttleTimeMs: _throttleTimeMs };
}

export function encodeDescribeDelegationTokenResponse(
  w: Writer,
  m: DescribeDelegationTokenResponse,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    const _a = m.tokens;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeDelegationTokenResponseDescribedDelegationToken(w, _e, v);
    }
  } else {
    const _a = m.tokens;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeDelegationTokenResponseDescribedDelegationToken(w, _e, v);
    }
  }
  w.int32(m.throttleTimeMs);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeDelegationTokenResponseDescribedDelegationToken(
  r: Reader,
  v: number,
): DescribeDelegationTokenResponseDescribedDelegationToken {
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
  const _issueTimestamp = r.int64();
  const _expiryTimestamp = r.int64();
  const _maxTimestamp = r.int64();
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
  let _renewers: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(r, v));
    }
    _renewers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(r, v));
    }
    _renewers = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    principalType: _principalType,
    principalName: _principalName,
    tokenRequesterPrincipalType: _tokenRequesterPrincipalType,
    tokenRequesterPrincipalName: _tokenRequesterPrincipalName,
    issueTimestamp: _issueTimestamp,
    expiryTimestamp: _expiryTimestamp,
    maxTimestamp: _maxTimestamp,
    tokenId: _tokenId,
    hmac: _hmac,
    renewers: _renewers,
  };
}

function encodeDescribeDelegationTokenResponseDescribedDelegationToken(
  w: Writer,
  m: DescribeDelegationTokenResponseDescribedDelegationToken,
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
  if (v >= 3) {
    w.compactString(m.tokenRequesterPrincipalType);
  }
  if (v >= 3) {
    w.compactString(m.tokenRequesterPrincipalName);
  }
  w.int64(m.issueTimestamp);
  w.int64(m.expiryTimestamp);
  w.int64(m.maxTimestamp);
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
  if (v <= 1) {
    const _a = m.renewers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(w, _e, v);
    }
  } else {
    const _a = m.renewers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(
  r: Reader,
  v: number,
): DescribeDelegationTokenResponseDescribedDelegationTokenRenewer {
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

function encodeDescribeDelegationTokenResponseDescribedDelegationTokenRenewer(
  w: Writer,
  m: DescribeDelegationTokenResponseDescribedDelegationTokenRenewer,
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
