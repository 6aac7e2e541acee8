// Generated from AlterConfigsRequest.json, AlterConfigsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterConfigsRequest: versions 0-2, flexible 2+, api key 33.

export interface AlterConfigsRequest {
  /** v0+ */
  resources: AlterConfigsRequestAlterConfigsResource[];
  /** v0+ */
  validateOnly: boolean;
}

export interface AlterConfigsRequestAlterConfigsResource {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+ */
  configs: AlterConfigsRequestAlterableConfig[];
}

export interface AlterConfigsRequestAlterableConfig {
  /** v0+ */
  name: string;
  /** v0+, nullable v0+ */
  value: string | null;
}

export function createAlterConfigsRequest(init?: Partial<AlterConfigsRequest>): AlterConfigsRequest {
  return { resources: [], validateOnly: false, ...init };
}

export function createAlterConfigsRequestAlterConfigsResource(
  init?: Partial<AlterConfigsRequestAlterConfigsResource>,
): AlterConfigsRequestAlterConfigsResource {
  return { resourceType: 0, resourceName: '', configs: [], ...init };
}

export function createAlterConfigsRequestAlterableConfig(
  init?: Partial<AlterConfigsRequestAlterableConfig>,
): AlterConfigsRequestAlterableConfig {
  return { name: '', value: '', ...init };
}

export function decodeAlterConfigsRequest(r: Reader, v: number): AlterConfigsRequest {
  let _resources: AlterConfigsRequestAlterConfigsResource[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterConfigsRequestAlterConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsRequestAlterConfigsResource(r, v));
    }
    _resources = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterConfigsRequestAlterConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsRequestAlterConfigsResource(r, v));
    }
    _resources = _a;
  }
  const _validateOnly = r.bool();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { resources: _resources, validateOnly: _validateOnly };
}

export function encodeAlterConfigsRequest(w: Writer, m: AlterConfigsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.resources;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsRequestAlterConfigsResource(w, _e, v);
    }
  } else {
    const _a = m.resources;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsRequestAlterConfigsResource(w, _e, v);
    }
  }
  w.bool(m.validateOnly);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterConfigsRequestAlterConfigsResource(
  r: Reader,
  v: number,
): AlterConfigsRequestAlterConfigsResource {
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 1) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _configs: AlterConfigsRequestAlterableConfig[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterConfigsRequestAlterableConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsRequestAlterableConfig(r, v));
    }
    _configs = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterConfigsRequestAlterableConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsRequestAlterableConfig(r, v));
    }
    _configs = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { resourceType: _resourceType, resourceName: _resourceName, configs: _configs };
}

function encodeAlterConfigsRequestAlterConfigsResource(
  w: Writer,
  m: AlterConfigsRequestAlterConfigsResource,
  v: number,
): void {
  w.int8(m.resourceType);
  if (v <= 1) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v <= 1) {
    const _a = m.configs;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsRequestAlterableConfig(w, _e, v);
    }
  } else {
    const _a = m.configs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsRequestAlterableConfig(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterConfigsRequestAlterableConfig(r: Reader, v: number): AlterConfigsRequestAlterableConfig {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _value: string | null;
  if (v <= 1) {
    _value = r.nullableString();
  } else {
    _value = r.compactNullableString();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, value: _value };
}

function encodeAlterConfigsRequestAlterableConfig(
  w: Writer,
  m: AlterConfigsRequestAlterableConfig,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 1) {
    w.nullableString(m.value);
  } else {
    w.compactNullableString(m.value);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// AlterConfigsResponse: versions 0-2, flexible 2+, api key 33.

export interface AlterConfigsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  responses: AlterConfigsResponseAlterConfigsResourceResponse[];
}

export interface AlterConfigsResponseAlterConfigsResourceResponse {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
}

export function createAlterConfigsResponse(init?: Partial<AlterConfigsResponse>): AlterConfigsResponse {
  return { throttleTimeMs: 0, responses: [], ...init };
}

export function createAlterConfigsResponseAlterConfigsResourceResponse(
  init?: Partial<AlterConfigsResponseAlterConfigsResourceResponse>,
): AlterConfigsResponseAlterConfigsResourceResponse {
  return { errorCode: 0, errorMessage: '', resourceType: 0, resourceName: '', ...init };
}

export function decodeAlterConfigsResponse(r: Reader, v: number): AlterConfigsResponse {
  const _throttleTimeMs = r.int32();
  let _responses: AlterConfigsResponseAlterConfigsResourceResponse[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterConfigsResponseAlterConfigsResourceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsResponseAlterConfigsResourceResponse(r, v));
    }
    _responses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterConfigsResponseAlterConfigsResourceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterConfigsResponseAlterConfigsResourceResponse(r, v));
    }
    _responses = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, responses: _responses };
}

export function encodeAlterConfigsResponse(w: Writer, m: AlterConfigsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.responses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsResponseAlterConfigsResourceResponse(w, _e, v);
    }
  } else {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterConfigsResponseAlterConfigsResourceResponse(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterConfigsResponseAlterConfigsResourceResponse(
  r: Reader,
  v: number,
): AlterConfigsResponseAlterConfigsResourceResponse {
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
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    resourceType: _resourceType,
    resourceName: _resourceName,
  };
}

function encodeAlterConfigsResponseAlterConfigsResourceResponse(
  w: Writer,
  m: AlterConfigsResponseAlterConfigsResourceResponse,
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
  if (v >= 2) {
    w.uvarint(0);
  }
}
