// Generated from IncrementalAlterConfigsRequest.json, IncrementalAlterConfigsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// IncrementalAlterConfigsRequest: versions 0-1, flexible 1+, api key 44.

export interface IncrementalAlterConfigsRequest {
  /** v0+ */
  resources: IncrementalAlterConfigsRequestAlterConfigsResource[];
  /** v0+ */
  validateOnly: boolean;
}

export interface IncrementalAlterConfigsRequestAlterConfigsResource {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+ */
  configs: IncrementalAlterConfigsRequestAlterableConfig[];
}

export interface IncrementalAlterConfigsRequestAlterableConfig {
  /** v0+ */
  name: string;
  /** v0+ */
  configOperation: number;
  /** v0+, nullable v0+ */
  value: string | null;
}

export function createIncrementalAlterConfigsRequest(
  init?: Partial<IncrementalAlterConfigsRequest>,
): IncrementalAlterConfigsRequest {
  return { resources: [], validateOnly: false, ...init };
}

export function createIncrementalAlterConfigsRequestAlterConfigsResource(
  init?: Partial<IncrementalAlterConfigsRequestAlterConfigsResource>,
): IncrementalAlterConfigsRequestAlterConfigsResource {
  return { resourceType: 0, resourceName: '', configs: [], ...init };
}

export function createIncrementalAlterConfigsRequestAlterableConfig(
  init?: Partial<IncrementalAlterConfigsRequestAlterableConfig>,
): IncrementalAlterConfigsRequestAlterableConfig {
  return { name: '', configOperation: 0, value: '', ...init };
}

export function decodeIncrementalAlterConfigsRequest(r: Reader, v: number): IncrementalAlterConfigsRequest {
  let _resources: IncrementalAlterConfigsRequestAlterConfigsResource[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: IncrementalAlterConfigsRequestAlterConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsRequestAlterConfigsResource(r, v));
    }
    _resources = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: IncrementalAlterConfigsRequestAlterConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsRequestAlterConfigsResource(r, v));
    }
    _resources = _a;
  }
  const _validateOnly = r.bool();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { resources: _resources, validateOnly: _validateOnly };
}

export function encodeIncrementalAlterConfigsRequest(
  w: Writer,
  m: IncrementalAlterConfigsRequest,
  v: number,
): void {
  if (v <= 0) {
    const _a = m.resources;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsRequestAlterConfigsResource(w, _e, v);
    }
  } else {
    const _a = m.resources;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsRequestAlterConfigsResource(w, _e, v);
    }
  }
  w.bool(m.validateOnly);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeIncrementalAlterConfigsRequestAlterConfigsResource(
  r: Reader,
  v: number,
): IncrementalAlterConfigsRequestAlterConfigsResource {
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 0) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _configs: IncrementalAlterConfigsRequestAlterableConfig[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: IncrementalAlterConfigsRequestAlterableConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsRequestAlterableConfig(r, v));
    }
    _configs = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: IncrementalAlterConfigsRequestAlterableConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsRequestAlterableConfig(r, v));
    }
    _configs = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { resourceType: _resourceType, resourceName: _resourceName, configs: _configs };
}

function encodeIncrementalAlterConfigsRequestAlterConfigsResource(
  w: Writer,
  m: IncrementalAlterConfigsRequestAlterConfigsResource,
  v: number,
): void {
  w.int8(m.resourceType);
  if (v <= 0) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v <= 0) {
    const _a = m.configs;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsRequestAlterableConfig(w, _e, v);
    }
  } else {
    const _a = m.configs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsRequestAlterableConfig(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeIncrementalAlterConfigsRequestAlterableConfig(
  r: Reader,
  v: number,
): IncrementalAlterConfigsRequestAlterableConfig {
  let _name: string;
  if (v <= 0) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  const _configOperation = r.int8();
  let _value: string | null;
  if (v <= 0) {
    _value = r.nullableString();
  } else {
    _value = r.compactNullableString();
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { name: _name, configOperation: _configOperation, value: _value };
}

function encodeIncrementalAlterConfigsRequestAlterableConfig(
  w: Writer,
  m: IncrementalAlterConfigsRequestAlterableConfig,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  w.int8(m.configOperation);
  if (v <= 0) {
    w.nullableString(m.value);
  } else {
    w.compactNullableString(m.value);
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

// IncrementalAlterConfigsResponse: versions 0-1, flexible 1+, api key 44.

export interface IncrementalAlterConfigsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  responses: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[];
}

export interface IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
}

export function createIncrementalAlterConfigsResponse(
  init?: Partial<IncrementalAlterConfigsResponse>,
): IncrementalAlterConfigsResponse {
  return { throttleTimeMs: 0, responses: [], ...init };
}

export function createIncrementalAlterConfigsResponseAlterConfigsResourceResponse(
  init?: Partial<IncrementalAlterConfigsResponseAlterConfigsResourceResponse>,
): IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  return { errorCode: 0, errorMessage: '', resourceType: 0, resourceName: '', ...init };
}

export function decodeIncrementalAlterConfigsResponse(r: Reader, v: number): IncrementalAlterConfigsResponse {
  const _throttleTimeMs = r.int32();
  let _responses: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(r, v));
    }
    _responses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: IncrementalAlterConfigsResponseAlterConfigsResourceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(r, v));
    }
    _responses = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, responses: _responses };
}

export function encodeIncrementalAlterConfigsResponse(
  w: Writer,
  m: IncrementalAlterConfigsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  if (v <= 0) {
    const _a = m.responses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(w, _e, v);
    }
  } else {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(
  r: Reader,
  v: number,
): IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 0) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 0) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    resourceType: _resourceType,
    resourceName: _resourceName,
  };
}

function encodeIncrementalAlterConfigsResponseAlterConfigsResourceResponse(
  w: Writer,
  m: IncrementalAlterConfigsResponseAlterConfigsResourceResponse,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 0) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  w.int8(m.resourceType);
  if (v <= 0) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}
