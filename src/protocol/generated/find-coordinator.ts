// Generated from FindCoordinatorRequest.json, FindCoordinatorResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// FindCoordinatorRequest: versions 0-6, flexible 3+, api key 10.

export interface FindCoordinatorRequest {
  /** v0-3 */
  key: string;
  /** v1+, default 0 */
  keyType: number;
  /** v4+ */
  coordinatorKeys: string[];
}

export function createFindCoordinatorRequest(init?: Partial<FindCoordinatorRequest>): FindCoordinatorRequest {
  return { key: '', keyType: 0, coordinatorKeys: [], ...init };
}

export function decodeFindCoordinatorRequest(r: Reader, v: number): FindCoordinatorRequest {
  let _key: string;
  if (v <= 2) {
    _key = r.string();
  } else if (v === 3) {
    _key = r.compactString();
  } else {
    _key = '';
  }
  let _keyType: number;
  if (v >= 1) {
    _keyType = r.int8();
  } else {
    _keyType = 0;
  }
  let _coordinatorKeys: string[];
  if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _coordinatorKeys = _a;
  } else {
    _coordinatorKeys = [];
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { key: _key, keyType: _keyType, coordinatorKeys: _coordinatorKeys };
}

export function encodeFindCoordinatorRequest(w: Writer, m: FindCoordinatorRequest, v: number): void {
  if (v <= 2) {
    w.string(m.key);
  } else if (v === 3) {
    w.compactString(m.key);
  }
  if (v >= 1) {
    w.int8(m.keyType);
  }
  if (v >= 4) {
    const _a = m.coordinatorKeys;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// FindCoordinatorResponse: versions 0-6, flexible 3+, api key 10.

export interface FindCoordinatorResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0-3 */
  errorCode: number;
  /** v1-3, nullable v1-3 */
  errorMessage: string | null;
  /** v0-3 */
  nodeId: number;
  /** v0-3 */
  host: string;
  /** v0-3 */
  port: number;
  /** v4+ */
  coordinators: FindCoordinatorResponseCoordinator[];
}

export interface FindCoordinatorResponseCoordinator {
  /** v4+ */
  key: string;
  /** v4+ */
  nodeId: number;
  /** v4+ */
  host: string;
  /** v4+ */
  port: number;
  /** v4+ */
  errorCode: number;
  /** v4+, nullable v4+ */
  errorMessage: string | null;
}

export function createFindCoordinatorResponse(
  init?: Partial<FindCoordinatorResponse>,
): FindCoordinatorResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    nodeId: 0,
    host: '',
    port: 0,
    coordinators: [],
    ...init,
  };
}

export function createFindCoordinatorResponseCoordinator(
  init?: Partial<FindCoordinatorResponseCoordinator>,
): FindCoordinatorResponseCoordinator {
  return { key: '', nodeId: 0, host: '', port: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeFindCoordinatorResponse(r: Reader, v: number): FindCoordinatorResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _errorCode: number;
  if (v <= 3) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _errorMessage: string | null;
  if (v >= 1 && v <= 2) {
    _errorMessage = r.nullableString();
  } else if (v === 3) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = '';
  }
  let _nodeId: number;
  if (v <= 3) {
    _nodeId = r.int32();
  } else {
    _nodeId = 0;
  }
  let _host: string;
  if (v <= 2) {
    _host = r.string();
  } else if (v === 3) {
    _host = r.compactString();
  } else {
    _host = '';
  }
  let _port: number;
  if (v <= 3) {
    _port = r.int32();
  } else {
    _port = 0;
  }
  let _coordinators: FindCoordinatorResponseCoordinator[];
  if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: FindCoordinatorResponseCoordinator[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFindCoordinatorResponseCoordinator(r, v));
    }
    _coordinators = _a;
  } else {
    _coordinators = [];
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    nodeId: _nodeId,
    host: _host,
    port: _port,
    coordinators: _coordinators,
  };
}

export function encodeFindCoordinatorResponse(w: Writer, m: FindCoordinatorResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 3) {
    w.int16(m.errorCode);
  }
  if (v >= 1 && v <= 2) {
    w.nullableString(m.errorMessage);
  } else if (v === 3) {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 3) {
    w.int32(m.nodeId);
  }
  if (v <= 2) {
    w.string(m.host);
  } else if (v === 3) {
    w.compactString(m.host);
  }
  if (v <= 3) {
    w.int32(m.port);
  }
  if (v >= 4) {
    const _a = m.coordinators;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFindCoordinatorResponseCoordinator(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeFindCoordinatorResponseCoordinator(r: Reader, _v: number): FindCoordinatorResponseCoordinator {
  const _key = r.compactString();
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return {
    key: _key,
    nodeId: _nodeId,
    host: _host,
    port: _port,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
  };
}

function encodeFindCoordinatorResponseCoordinator(
  w: Writer,
  m: FindCoordinatorResponseCoordinator,
  _v: number,
): void {
  w.compactString(m.key);
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.int32(m.port);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
