// Generated from AlterUserScramCredentialsRequest.json, AlterUserScramCredentialsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterUserScramCredentialsRequest: versions 0, flexible 0+, api key 51.

export interface AlterUserScramCredentialsRequest {
  /** v0+ */
  deletions: AlterUserScramCredentialsRequestScramCredentialDeletion[];
  /** v0+ */
  upsertions: AlterUserScramCredentialsRequestScramCredentialUpsertion[];
}

export interface AlterUserScramCredentialsRequestScramCredentialDeletion {
  /** v0+ */
  name: string;
  /** v0+ */
  mechanism: number;
}

export interface AlterUserScramCredentialsRequestScramCredentialUpsertion {
  /** v0+ */
  name: string;
  /** v0+ */
  mechanism: number;
  /** v0+ */
  iterations: number;
  /** v0+ */
  salt: Buffer;
  /** v0+ */
  saltedPassword: Buffer;
}

export function createAlterUserScramCredentialsRequest(
  init?: Partial<AlterUserScramCredentialsRequest>,
): AlterUserScramCredentialsRequest {
  return { deletions: [], upsertions: [], ...init };
}

export function createAlterUserScramCredentialsRequestScramCredentialDeletion(
  init?: Partial<AlterUserScramCredentialsRequestScramCredentialDeletion>,
): AlterUserScramCredentialsRequestScramCredentialDeletion {
  return { name: '', mechanism: 0, ...init };
}

export function createAlterUserScramCredentialsRequestScramCredentialUpsertion(
  init?: Partial<AlterUserScramCredentialsRequestScramCredentialUpsertion>,
): AlterUserScramCredentialsRequestScramCredentialUpsertion {
  return { name: '', mechanism: 0, iterations: 0, salt: EMPTY_BYTES, saltedPassword: EMPTY_BYTES, ...init };
}

export function decodeAlterUserScramCredentialsRequest(
  r: Reader,
  v: number,
): AlterUserScramCredentialsRequest {
  let _deletions: AlterUserScramCredentialsRequestScramCredentialDeletion[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterUserScramCredentialsRequestScramCredentialDeletion[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterUserScramCredentialsRequestScramCredentialDeletion(r, v));
    }
    _deletions = _a;
  }
  let _upsertions: AlterUserScramCredentialsRequestScramCredentialUpsertion[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterUserScramCredentialsRequestScramCredentialUpsertion[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterUserScramCredentialsRequestScramCredentialUpsertion(r, v));
    }
    _upsertions = _a;
  }
  r.skipTaggedFields();
  return { deletions: _deletions, upsertions: _upsertions };
}

export function encodeAlterUserScramCredentialsRequest(
  w: Writer,
  m: AlterUserScramCredentialsRequest,
  v: number,
): void {
  {
    const _a = m.deletions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterUserScramCredentialsRequestScramCredentialDeletion(w, _e, v);
    }
  }
  {
    const _a = m.upsertions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterUserScramCredentialsRequestScramCredentialUpsertion(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterUserScramCredentialsRequestScramCredentialDeletion(
  r: Reader,
  _v: number,
): AlterUserScramCredentialsRequestScramCredentialDeletion {
  const _name = r.compactString();
  const _mechanism = r.int8();
  r.skipTaggedFields();
  return { name: _name, mechanism: _mechanism };
}

function encodeAlterUserScramCredentialsRequestScramCredentialDeletion(
  w: Writer,
  m: AlterUserScramCredentialsRequestScramCredentialDeletion,
  _v: number,
): void {
  w.compactString(m.name);
  w.int8(m.mechanism);
  w.uvarint(0);
}

function decodeAlterUserScramCredentialsRequestScramCredentialUpsertion(
  r: Reader,
  _v: number,
): AlterUserScramCredentialsRequestScramCredentialUpsertion {
  const _name = r.compactString();
  const _mechanism = r.int8();
  const _iterations = r.int32();
  const _salt = r.compactBytes();
  const _saltedPassword = r.compactBytes();
  r.skipTaggedFields();
  return {
    name: _name,
    mechanism: _mechanism,
    iterations: _iterations,
    salt: _salt,
    saltedPassword: _saltedPassword,
  };
}

function encodeAlterUserScramCredentialsRequestScramCredentialUpsertion(
  w: Writer,
  m: AlterUserScramCredentialsRequestScramCredentialUpsertion,
  _v: number,
): void {
  w.compactString(m.name);
  w.int8(m.mechanism);
  w.int32(m.iterations);
  w.compactBytes(m.salt);
  w.compactBytes(m.saltedPassword);
  w.uvarint(0);
}

// AlterUserScramCredentialsResponse: versions 0, flexible 0+, api key 51.

export interface AlterUserScramCredentialsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: AlterUserScramCredentialsResponseAlterUserScramCredentialsResult[];
}

export interface AlterUserScramCredentialsResponseAlterUserScramCredentialsResult {
  /** v0+ */
  user: string;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createAlterUserScramCredentialsResponse(
  init?: Partial<AlterUserScramCredentialsResponse>,
): AlterUserScramCredentialsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createAlterUserScramCredentialsResponseAlterUserScramCredentialsResult(
  init?: Partial<AlterUserScramCredentialsResponseAlterUserScramCredentialsResult>,
): AlterUserScramCredentialsResponseAlterUserScramCredentialsResult {
  return { user: '', errorCode: 0, errorMessage: '', ...init };
}

export function decodeAlterUserScramCredentialsResponse(
  r: Reader,
  v: number,
): AlterUserScramCredentialsResponse {
  const _throttleTimeMs = r.int32();
  let _results: AlterUserScramCredentialsResponseAlterUserScramCredentialsResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterUserScramCredentialsResponseAlterUserScramCredentialsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterUserScramCredentialsResponseAlterUserScramCredentialsResult(r, v));
    }
    _results = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeAlterUserScramCredentialsResponse(
  w: Writer,
  m: AlterUserScramCredentialsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterUserScramCredentialsResponseAlterUserScramCredentialsResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterUserScramCredentialsResponseAlterUserScramCredentialsResult(
  r: Reader,
  _v: number,
): AlterUserScramCredentialsResponseAlterUserScramCredentialsResult {
  const _user = r.compactString();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { user: _user, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeAlterUserScramCredentialsResponseAlterUserScramCredentialsResult(
  w: Writer,
  m: AlterUserScramCredentialsResponseAlterUserScramCredentialsResult,
  _v: number,
): void {
  w.compactString(m.user);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
