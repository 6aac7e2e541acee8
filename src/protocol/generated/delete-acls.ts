// Generated from DeleteAclsRequest.json, DeleteAclsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DeleteAclsRequest: versions 0-3, flexible 2+, api key 31.

export interface DeleteAclsRequest {
  /** v0+ */
  filters: DeleteAclsRequestDeleteAclsFilter[];
}

export interface DeleteAclsRequestDeleteAclsFilter {
  /** v0+ */
  resourceTypeFilter: number;
  /** v0+, nullable v0+ */
  resourceNameFilter: string | null;
  /** v1+, default 3 */
  patternTypeFilter: number;
  /** v0+, nullable v0+ */
  principalFilter: string | null;
  /** v0+, nullable v0+ */
  hostFilter: string | null;
  /** v0+ */
  operation: number;
  /** v0+ */
  permissionType: number;
}

export function createDeleteAclsRequest(init?: Partial<DeleteAclsRequest>): DeleteAclsRequest {
  return { filters: [], ...init };
}

export function createDeleteAclsRequestDeleteAclsFilter(
  init?: Partial<DeleteAclsRequestDeleteAclsFilter>,
): DeleteAclsRequestDeleteAclsFilter {
  return {
    resourceTypeFilter: 0,
    resourceNameFilter: '',
    patternTypeFilter: 3,
    principalFilter: '',
    hostFilter: '',
    operation: 0,
    permissionType: 0,
    ...init,
  };
}

export function decodeDeleteAclsRequest(r: Reader, v: number): DeleteAclsRequest {
  let _filters: DeleteAclsRequestDeleteAclsFilter[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteAclsRequestDeleteAclsFilter[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsRequestDeleteAclsFilter(r, v));
    }
    _filters = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteAclsRequestDeleteAclsFilter[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsRequestDeleteAclsFilter(r, v));
    }
    _filters = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { filters: _filters };
}

export function encodeDeleteAclsRequest(w: Writer, m: DeleteAclsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.filters;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsRequestDeleteAclsFilter(w, _e, v);
    }
  } else {
    const _a = m.filters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsRequestDeleteAclsFilter(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteAclsRequestDeleteAclsFilter(r: Reader, v: number): DeleteAclsRequestDeleteAclsFilter {
  const _resourceTypeFilter = r.int8();
  let _resourceNameFilter: string | null;
  if (v <= 1) {
    _resourceNameFilter = r.nullableString();
  } else {
    _resourceNameFilter = r.compactNullableString();
  }
  let _patternTypeFilter: number;
  if (v >= 1) {
    _patternTypeFilter = r.int8();
  } else {
    _patternTypeFilter = 3;
  }
  let _principalFilter: string | null;
  if (v <= 1) {
    _principalFilter = r.nullableString();
  } else {
    _principalFilter = r.compactNullableString();
  }
  let _hostFilter: string | null;
  if (v <= 1) {
    _hostFilter = r.nullableString();
  } else {
    _hostFilter = r.compactNullableString();
  }
  const _operation = r.int8();
  const _permissionType = r.int8();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    resourceTypeFilter: _resourceTypeFilter,
    resourceNameFilter: _resourceNameFilter,
    patternTypeFilter: _patternTypeFilter,
    principalFilter: _principalFilter,
    hostFilter: _hostFilter,
    operation: _operation,
    permissionType: _permissionType,
  };
}

function encodeDeleteAclsRequestDeleteAclsFilter(
  w: Writer,
  m: DeleteAclsRequestDeleteAclsFilter,
  v: number,
): void {
  w.int8(m.resourceTypeFilter);
  if (v <= 1) {
    w.nullableString(m.resourceNameFilter);
  } else {
    w.compactNullableString(m.resourceNameFilter);
  }
  if (v >= 1) {
    w.int8(m.patternTypeFilter);
  }
  if (v <= 1) {
    w.nullableString(m.principalFilter);
  } else {
    w.compactNullableString(m.principalFilter);
  }
  if (v <= 1) {
    w.nullableString(m.hostFilter);
  } else {
    w.compactNullableString(m.hostFilter);
  }
  w.int8(m.operation);
  w.int8(m.permissionType);
  if (v >= 2) {
    w.uvarint(0);
  }
}

// DeleteAclsResponse: versions 0-3, flexible 2+, api key 31.

export interface DeleteAclsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  filterResults: DeleteAclsResponseDeleteAclsFilterResult[];
}

export interface DeleteAclsResponseDeleteAclsFilterResult {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  matchingAcls: DeleteAclsResponseDeleteAclsMatchingAcl[];
}

export interface DeleteAclsResponseDeleteAclsMatchingAcl {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v1+, default 3 */
  patternType: number;
  /** v0+ */
  principal: string;
  /** v0+ */
  host: string;
  /** v0+ */
  operation: number;
  /** v0+ */
  permissionType: number;
}

export function createDeleteAclsResponse(init?: Partial<DeleteAclsResponse>): DeleteAclsResponse {
  return { throttleTimeMs: 0, filterResults: [], ...init };
}

export function createDeleteAclsResponseDeleteAclsFilterResult(
  init?: Partial<DeleteAclsResponseDeleteAclsFilterResult>,
): DeleteAclsResponseDeleteAclsFilterResult {
  return { errorCode: 0, errorMessage: '', matchingAcls: [], ...init };
}

export function createDeleteAclsResponseDeleteAclsMatchingAcl(
  init?: Partial<DeleteAclsResponseDeleteAclsMatchingAcl>,
): DeleteAclsResponseDeleteAclsMatchingAcl {
  return {
    errorCode: 0,
    errorMessage: '',
    resourceType: 0,
    resourceName: '',
    patternType: 3,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
    ...init,
  };
}

export function decodeDeleteAclsResponse(r: Reader, v: number): DeleteAclsResponse {
  const _throttleTimeMs = r.int32();
  let _filterResults: DeleteAclsResponseDeleteAclsFilterResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteAclsResponseDeleteAclsFilterResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsResponseDeleteAclsFilterResult(r, v));
    }
    _filterResults = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteAclsResponseDeleteAclsFilterResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsResponseDeleteAclsFilterResult(r, v));
    }
    _filterResults = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, filterResults: _filterResults };
}

export function encodeDeleteAclsResponse(w: Writer, m: DeleteAclsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.filterResults;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsResponseDeleteAclsFilterResult(w, _e, v);
    }
  } else {
    const _a = m.filterResults;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsResponseDeleteAclsFilterResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteAclsResponseDeleteAclsFilterResult(
  r: Reader,
  v: number,
): DeleteAclsResponseDeleteAclsFilterResult {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  let _matchingAcls: DeleteAclsResponseDeleteAclsMatchingAcl[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteAclsResponseDeleteAclsMatchingAcl[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsResponseDeleteAclsMatchingAcl(r, v));
    }
    _matchingAcls = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteAclsResponseDeleteAclsMatchingAcl[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteAclsResponseDeleteAclsMatchingAcl(r, v));
    }
    _matchingAcls = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, errorMessage: _errorMessage, matchingAcls: _matchingAcls };
}

function encodeDeleteAclsResponseDeleteAclsFilterResult(
  w: Writer,
  m: DeleteAclsResponseDeleteAclsFilterResult,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 1) {
    const _a = m.matchingAcls;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsResponseDeleteAclsMatchingAcl(w, _e, v);
    }
  } else {
    const _a = m.matchingAcls;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteAclsResponseDeleteAclsMatchingAcl(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteAclsResponseDeleteAclsMatchingAcl(
  r: Reader,
  v: number,
): DeleteAclsResponseDeleteAclsMatchingAcl {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 1) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _patternType: number;
  if (v >= 1) {
    _patternType = r.int8();
  } else {
    _patternType = 3;
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
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    resourceType: _resourceType,
    resourceName: _resourceName,
    patternType: _patternType,
    principal: _principal,
    host: _host,
    operation: _operation,
    permissionType: _permissionType,
  };
}

function encodeDeleteAclsResponseDeleteAclsMatchingAcl(
  w: Writer,
  m: DeleteAclsResponseDeleteAclsMatchingAcl,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  w.int8(m.resourceType);
  if (v <= 1) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v >= 1) {
    w.int8(m.patternType);
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
