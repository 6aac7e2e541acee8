// Generated from DescribeAclsRequest.json, DescribeAclsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeAclsRequest: versions 0-3, flexible 2+, api key 29.

export interface DescribeAclsRequest {
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

export function createDescribeAclsRequest(init?: Partial<DescribeAclsRequest>): DescribeAclsRequest {
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

export function decodeDescribeAclsRequest(r: Reader, v: number): DescribeAclsRequest {
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

export function encodeDescribeAclsRequest(w: Writer, m: DescribeAclsRequest, v: number): void {
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

// DescribeAclsResponse: versions 0-3, flexible 2+, api key 29.

export interface DescribeAclsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  resources: DescribeAclsResponseDescribeAclsResource[];
}

export interface DescribeAclsResponseDescribeAclsResource {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v1+, default 3 */
  patternType: number;
  /** v0+ */
  acls: DescribeAclsResponseAclDescription[];
}

export interface DescribeAclsResponseAclDescription {
  /** v0+ */
  principal: string;
  /** v0+ */
  host: string;
  /** v0+ */
  operation: number;
  /** v0+ */
  permissionType: number;
}

export function createDescribeAclsResponse(init?: Partial<DescribeAclsResponse>): DescribeAclsResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', resources: [], ...init };
}

export function createDescribeAclsResponseDescribeAclsResource(
  init?: Partial<DescribeAclsResponseDescribeAclsResource>,
): DescribeAclsResponseDescribeAclsResource {
  return { resourceType: 0, resourceName: '', patternType: 3, acls: [], ...init };
}

export function createDescribeAclsResponseAclDescription(
  init?: Partial<DescribeAclsResponseAclDescription>,
): DescribeAclsResponseAclDescription {
  return { principal: '', host: '', operation: 0, permissionType: 0, ...init };
}

export function decodeDescribeAclsResponse(r: Reader, v: number): DescribeAclsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  let _resources: DescribeAclsResponseDescribeAclsResource[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeAclsResponseDescribeAclsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeAclsResponseDescribeAclsResource(r, v));
    }
    _resources = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeAclsResponseDescribeAclsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeAclsResponseDescribeAclsResource(r, v));
    }
    _resources = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    resources: _resources,
  };
}

export function encodeDescribeAclsResponse(w: Writer, m: DescribeAclsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 1) {
    const _a = m.resources;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeAclsResponseDescribeAclsResource(w, _e, v);
    }
  } else {
    const _a = m.resources;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeAclsResponseDescribeAclsResource(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeAclsResponseDescribeAclsResource(
  r: Reader,
  v: number,
): DescribeAclsResponseDescribeAclsResource {
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
  let _acls: DescribeAclsResponseAclDescription[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeAclsResponseAclDescription[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeAclsResponseAclDescription(r, v));
    }
    _acls = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeAclsResponseAclDescription[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeAclsResponseAclDescription(r, v));
    }
    _acls = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    resourceType: _resourceType,
    resourceName: _resourceName,
    patternType: _patternType,
    acls: _acls,
  };
}

function encodeDescribeAclsResponseDescribeAclsResource(
  w: Writer,
  m: DescribeAclsResponseDescribeAclsResource,
  v: number,
): void {
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
    const _a = m.acls;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeAclsResponseAclDescription(w, _e, v);
    }
  } else {
    const _a = m.acls;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeAclsResponseAclDescription(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeAclsResponseAclDescription(r: Reader, v: number): DescribeAclsResponseAclDescription {
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
  return { principal: _principal, host: _host, operation: _operation, permissionType: _permissionType };
}

function encodeDescribeAclsResponseAclDescription(
  w: Writer,
  m: DescribeAclsResponseAclDescription,
  v: number,
): void {
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
