// Generated from CreateAclsRequest.json, CreateAclsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// CreateAclsRequest: versions 0-3, flexible 2+, api key 30.

export interface CreateAclsRequest {
  /** v0+ */
  creations: CreateAclsRequestAclCreation[];
}

export interface CreateAclsRequestAclCreation {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v1+, default 3 */
  resourcePatternType: number;
  /** v0+ */
  principal: string;
  /** v0+ */
  host: string;
  /** v0+ */
  operation: number;
  /** v0+ */
  permissionType: number;
}

export function createCreateAclsRequest(init?: Partial<CreateAclsRequest>): CreateAclsRequest {
  return { creations: [], ...init };
}

export function createCreateAclsRequestAclCreation(
  init?: Partial<CreateAclsRequestAclCreation>,
): CreateAclsRequestAclCreation {
  return {
    resourceType: 0,
    resourceName: '',
    resourcePatternType: 3,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
    ...init,
  };
}

export function decodeCreateAclsRequest(r: Reader, v: number): CreateAclsRequest {
  let _creations: CreateAclsRequestAclCreation[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: CreateAclsRequestAclCreation[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateAclsRequestAclCreation(r, v));
    }
    _creations = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateAclsRequestAclCreation[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateAclsRequestAclCreation(r, v));
    }
    _creations = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { creations: _creations };
}

export function encodeCreateAclsRequest(w: Writer, m: CreateAclsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.creations;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateAclsRequestAclCreation(w, _e, v);
    }
  } else {
    const _a = m.creations;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateAclsRequestAclCreation(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreateAclsRequestAclCreation(r: Reader, v: number): CreateAclsRequestAclCreation {
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 1) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _resourcePatternType: number;
  if (v >= 1) {
    _resourcePatternType = r.int8();
  } else {
    _resourcePatternType = 3;
  }
  let _principal: string;
  if (v <= 1) {
    _principal = r.string();
  } else {
    _principal = r.compactString();
  }
  let _host: string;
  if (v <= 1) {
    _host = r.string();
  } else {
    _host = r.compactString();
  }
  const _operation = r.int8();
  const _permissionType = r.int8();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    resourceType: _resourceType,
    resourceName: _resourceName,
    resourcePatternType: _resourcePatternType,
    principal: _principal,
    host: _host,
    operation: _operation,
    permissionType: _permissionType,
  };
}

function encodeCreateAclsRequestAclCreation(w: Writer, m: CreateAclsRequestAclCreation, v: number): void {
  w.int8(m.resourceType);
  if (v <= 1) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v >= 1) {
    w.int8(m.resourcePatternType);
  }
  if (v <= 1) {
    w.string(m.principal);
  } else {
    w.compactString(m.principal);
  }
  if (v <= 1) {
    w.string(m.host);
  } else {
    w.compactString(m.host);
  }
  w.int8(m.operation);
  w.int8(m.permissionType);
  if (v >= 2) {
    w.uvarint(0);
  }
}

// CreateAclsResponse: versions 0-3, flexible 2+, api key 30.

export interface CreateAclsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: CreateAclsResponseAclCreationResult[];
}

export interface CreateAclsResponseAclCreationResult {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createCreateAclsResponse(init?: Partial<CreateAclsResponse>): CreateAclsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createCreateAclsResponseAclCreationResult(
  init?: Partial<CreateAclsResponseAclCreationResult>,
): CreateAclsResponseAclCreationResult {
  return { errorCode: 0, errorMessage: '', ...init };
}

export function decodeCreateAclsResponse(r: Reader, v: number): CreateAclsResponse {
  const _throttleTimeMs = r.int32();
  let _results: CreateAclsResponseAclCreationResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: CreateAclsResponseAclCreationResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateAclsResponseAclCreationResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateAclsResponseAclCreationResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateAclsResponseAclCreationResult(r, v));
    }
    _results = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeCreateAclsResponse(w: Writer, m: CreateAclsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateAclsResponseAclCreationResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateAclsResponseAclCreationResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreateAclsResponseAclCreationResult(
  r: Reader,
  v: number,
): CreateAclsResponseAclCreationResult {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeCreateAclsResponseAclCreationResult(
  w: Writer,
  m: CreateAclsResponseAclCreationResult,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}
