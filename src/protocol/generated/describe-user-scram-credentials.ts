// Generated from DescribeUserScramCredentialsRequest.json, DescribeUserScramCredentialsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeUserScramCredentialsRequest: versions 0, flexible 0+, api key 50.

export interface DescribeUserScramCredentialsRequest {
  /** v0+, nullable v0+ */
  users: DescribeUserScramCredentialsRequestUserName[] | null;
}

export interface DescribeUserScramCredentialsRequestUserName {
  /** v0+ */
  name: string;
}

export function createDescribeUserScramCredentialsRequest(
  init?: Partial<DescribeUserScramCredentialsRequest>,
): DescribeUserScramCredentialsRequest {
  return { users: [], ...init };
}

export function createDescribeUserScramCredentialsRequestUserName(
  init?: Partial<DescribeUserScramCredentialsRequestUserName>,
): DescribeUserScramCredentialsRequestUserName {
  return { name: '', ...init };
}

export function decodeDescribeUserScramCredentialsRequest(
  r: Reader,
  v: number,
): DescribeUserScramCredentialsRequest {
  let _users: DescribeUserScramCredentialsRequestUserName[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _users = null;
    else {
      const _a: DescribeUserScramCredentialsRequestUserName[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeUserScramCredentialsRequestUserName(r, v));
      }
      _users = _a;
    }
  }
  r.skipTaggedFields();
  return { users: _users };
}

export function encodeDescribeUserScramCredentialsRequest(
  w: Writer,
  m: DescribeUserScramCredentialsRequest,
  v: number,
): void {
  {
    const _a = m.users;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeUserScramCredentialsRequestUserName(w, _e, v);
      }
    }
  }
  w.uvarint(0);
}

function decodeDescribeUserScramCredentialsRequestUserName(
  r: Reader,
  _v: number,
): DescribeUserScramCredentialsRequestUserName {
  const _name = r.compactString();
  r.skipTaggedFields();
  return { name: _name };
}

function encodeDescribeUserScramCredentialsRequestUserName(
  w: Writer,
  m: DescribeUserScramCredentialsRequestUserName,
  _v: number,
): void {
  w.compactString(m.name);
  w.uvarint(0);
}

// DescribeUserScramCredentialsResponse: versions 0, flexible 0+, api key 50.

export interface DescribeUserScramCredentialsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  results: DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult[];
}

export interface DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult {
  /** v0+ */
  user: string;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  credentialInfos: DescribeUserScramCredentialsResponseCredentialInfo[];
}

export interface DescribeUserScramCredentialsResponseCredentialInfo {
  /** v0+ */
  mechanism: number;
  /** v0+ */
  iterations: number;
}

export function createDescribeUserScramCredentialsResponse(
  init?: Partial<DescribeUserScramCredentialsResponse>,
): DescribeUserScramCredentialsResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', results: [], ...init };
}

export function createDescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult(
  init?: Partial<DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult>,
): DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult {
  return { user: '', errorCode: 0, errorMessage: '', credentialInfos: [], ...init };
}

export function createDescribeUserScramCredentialsResponseCredentialInfo(
  init?: Partial<DescribeUserScramCredentialsResponseCredentialInfo>,
): DescribeUserScramCredentialsResponseCredentialInfo {
  return { mechanism: 0, iterations: 0, ...init };
}

export function decodeDescribeUserScramCredentialsResponse(
  r: Reader,
  v: number,
): DescribeUserScramCredentialsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _results: DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    results: _results,
  };
}

export function encodeDescribeUserScramCredentialsResponse(
  w: Writer,
  m: DescribeUserScramCredentialsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult(
  r: Reader,
  v: number,
): DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult {
  const _user = r.compactString();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _credentialInfos: DescribeUserScramCredentialsResponseCredentialInfo[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeUserScramCredentialsResponseCredentialInfo[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeUserScramCredentialsResponseCredentialInfo(r, v));
    }
    _credentialInfos = _a;
  }
  r.skipTaggedFields();
  return {
    user: _user,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    credentialInfos: _credentialInfos,
  };
}

function encodeDescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult(
  w: Writer,
  m: DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult,
  v: number,
): void {
  w.compactString(m.user);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.credentialInfos;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeUserScramCredentialsResponseCredentialInfo(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeUserScramCredentialsResponseCredentialInfo(
  r: Reader,
  _v: number,
): DescribeUserScramCredentialsResponseCredentialInfo {
  const _mechanism = r.int8();
  const _iterations = r.int32();
  r.skipTaggedFields();
  return { mechanism: _mechanism, iterations: _iterations };
}

function encodeDescribeUserScramCredentialsResponseCredentialInfo(
  w: Writer,
  m: DescribeUserScramCredentialsResponseCredentialInfo,
  _v: number,
): void {
  w.int8(m.mechanism);
  w.int32(m.iterations);
  w.uvarint(0);
}
