// Generated from DescribeConfigsRequest.json, DescribeConfigsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeConfigsRequest: versions 0-4, flexible 4+, api key 32.

export interface DescribeConfigsRequest {
  /** v0+ */
  resources: DescribeConfigsRequestDescribeConfigsResource[];
  /** v1+, default false */
  includeSynonyms: boolean;
  /** v3+, default false */
  includeDocumentation: boolean;
}

export interface DescribeConfigsRequestDescribeConfigsResource {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+, nullable v0+ */
  configurationKeys: string[] | null;
}

export function createDescribeConfigsRequest(init?: Partial<DescribeConfigsRequest>): DescribeConfigsRequest {
  return { resources: [], includeSynonyms: false, includeDocumentation: false, ...init };
}

export function createDescribeConfigsRequestDescribeConfigsResource(
  init?: Partial<DescribeConfigsRequestDescribeConfigsResource>,
): DescribeConfigsRequestDescribeConfigsResource {
  return { resourceType: 0, resourceName: '', configurationKeys: [], ...init };
}

export function decodeDescribeConfigsRequest(r: Reader, v: number): DescribeConfigsRequest {
  let _resources: DescribeConfigsRequestDescribeConfigsResource[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeConfigsRequestDescribeConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsRequestDescribeConfigsResource(r, v));
    }
    _resources = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeConfigsRequestDescribeConfigsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsRequestDescribeConfigsResource(r, v));
    }
    _resources = _a;
  }
  let _includeSynonyms: boolean;
  if (v >= 1) {
    _includeSynonyms = r.bool();
  } else {
    _includeSynonyms = false;
  }
  let _includeDocumentation: boolean;
  if (v >= 3) {
    _includeDocumentation = r.bool();
  } else {
    _includeDocumentation = false;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    resources: _resources,
    includeSynonyms: _includeSynonyms,
    includeDocumentation: _includeDocumentation,
  };
}

export function encodeDescribeConfigsRequest(w: Writer, m: DescribeConfigsRequest, v: number): void {
  if (v <= 3) {
    const _a = m.resources;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsRequestDescribeConfigsResource(w, _e, v);
    }
  } else {
    const _a = m.resources;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsRequestDescribeConfigsResource(w, _e, v);
    }
  }
  if (v >= 1) {
    w.bool(m.includeSynonyms);
  }
  if (v >= 3) {
    w.bool(m.includeDocumentation);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDescribeConfigsRequestDescribeConfigsResource(
  r: Reader,
  v: number,
): DescribeConfigsRequestDescribeConfigsResource {
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 3) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _configurationKeys: string[] | null;
  if (v <= 3) {
    const _n = r.arrayLength(2, true);
    if (_n < 0) _configurationKeys = null;
    else {
      const _a: string[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.string());
      }
      _configurationKeys = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _configurationKeys = null;
    else {
      const _a: string[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(r.compactString());
      }
      _configurationKeys = _a;
    }
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    resourceType: _resourceType,
    resourceName: _resourceName,
    configurationKeys: _configurationKeys,
  };
}

function encodeDescribeConfigsRequestDescribeConfigsResource(
  w: Writer,
  m: DescribeConfigsRequestDescribeConfigsResource,
  v: number,
): void {
  w.int8(m.resourceType);
  if (v <= 3) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v <= 3) {
    const _a = m.configurationKeys;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        w.string(_e);
      }
    }
  } else {
    const _a = m.configurationKeys;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.compactString(_e);
      }
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

// DescribeConfigsResponse: versions 0-4, flexible 4+, api key 32.

export interface DescribeConfigsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: DescribeConfigsResponseDescribeConfigsResult[];
}

export interface DescribeConfigsResponseDescribeConfigsResult {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+ */
  configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
}

export interface DescribeConfigsResponseDescribeConfigsResourceResult {
  /** v0+ */
  name: string;
  /** v0+, nullable v0+ */
  value: string | null;
  /** v0+ */
  readOnly: boolean;
  /** v0 */
  isDefault: boolean;
  /** v1+, default -1 */
  configSource: number;
  /** v0+ */
  isSensitive: boolean;
  /** v1+ */
  synonyms: DescribeConfigsResponseDescribeConfigsSynonym[];
  /** v3+, default 0 */
  configType: number;
  /** v3+, nullable v0+ */
  documentation: string | null;
}

export interface DescribeConfigsResponseDescribeConfigsSynonym {
  /** v1+ */
  name: string;
  /** v1+, nullable v0+ */
  value: string | null;
  /** v1+ */
  source: number;
}

export function createDescribeConfigsResponse(
  init?: Partial<DescribeConfigsResponse>,
): DescribeConfigsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createDescribeConfigsResponseDescribeConfigsResult(
  init?: Partial<DescribeConfigsResponseDescribeConfigsResult>,
): DescribeConfigsResponseDescribeConfigsResult {
  return { errorCode: 0, errorMessage: '', resourceType: 0, resourceName: '', configs: [], ...init };
}

export function createDescribeConfigsResponseDescribeConfigsResourceResult(
  init?: Partial<DescribeConfigsResponseDescribeConfigsResourceResult>,
): DescribeConfigsResponseDescribeConfigsResourceResult {
  return {
    name: '',
    value: '',
    readOnly: false,
    isDefault: false,
    configSource: -1,
    isSensitive: false,
    synonyms: [],
    configType: 0,
    documentation: '',
    ...init,
  };
}

export function createDescribeConfigsResponseDescribeConfigsSynonym(
  init?: Partial<DescribeConfigsResponseDescribeConfigsSynonym>,
): DescribeConfigsResponseDescribeConfigsSynonym {
  return { name: '', value: '', source: 0, ...init };
}

export function decodeDescribeConfigsResponse(r: Reader, v: number): DescribeConfigsResponse {
  const _throttleTimeMs = r.int32();
  let _results: DescribeConfigsResponseDescribeConfigsResult[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsResult(r, v));
    }
    _results = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeDescribeConfigsResponse(w: Writer, m: DescribeConfigsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 3) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsResult(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDescribeConfigsResponseDescribeConfigsResult(
  r: Reader,
  v: number,
): DescribeConfigsResponseDescribeConfigsResult {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 3) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  const _resourceType = r.int8();
  let _resourceName: string;
  if (v <= 3) {
    _resourceName = r.string();
  } else {
    _resourceName = r.compactString();
  }
  let _configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsResourceResult(r, v));
    }
    _configs = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsResourceResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsResourceResult(r, v));
    }
    _configs = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    resourceType: _resourceType,
    resourceName: _resourceName,
    configs: _configs,
  };
}

function encodeDescribeConfigsResponseDescribeConfigsResult(
  w: Writer,
  m: DescribeConfigsResponseDescribeConfigsResult,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 3) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  w.int8(m.resourceType);
  if (v <= 3) {
    w.string(m.resourceName);
  } else {
    w.compactString(m.resourceName);
  }
  if (v <= 3) {
    const _a = m.configs;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsResourceResult(w, _e, v);
    }
  } else {
    const _a = m.configs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsResourceResult(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDescribeConfigsResponseDescribeConfigsResourceResult(
  r: Reader,
  v: number,
): DescribeConfigsResponseDescribeConfigsResourceResult {
  let _name: string;
  if (v <= 3) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _value: string | null;
  if (v <= 3) {
    _value = r.nullableString();
  } else {
    _value = r.compactNullableString();
  }
  const _readOnly = r.bool();
  let _isDefault: boolean;
  if (v <= 0) {
    _isDefault = r.bool();
  } else {
    _isDefault = false;
  }
  let _configSource: number;
  if (v >= 1) {
    _configSource = r.int8();
  } else {
    _configSource = -1;
  }
  const _isSensitive = r.bool();
  let _synonyms: DescribeConfigsResponseDescribeConfigsSynonym[];
  if (v >= 1 && v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsSynonym(r, v));
    }
    _synonyms = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeConfigsResponseDescribeConfigsSynonym[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeConfigsResponseDescribeConfigsSynonym(r, v));
    }
    _synonyms = _a;
  } else {
    _synonyms = [];
  }
  let _configType: number;
  if (v >= 3) {
    _configType = r.int8();
  } else {
    _configType = 0;
  }
  let _documentation: string | null;
  if (v === 3) {
    _documentation = r.nullableString();
  } else if (v >= 4) {
    _documentation = r.compactNullableString();
  } else {
    _documentation = '';
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    name: _name,
    value: _value,
    readOnly: _readOnly,
    isDefault: _isDefault,
    configSource: _configSource,
    isSensitive: _isSensitive,
    synonyms: _synonyms,
    configType: _configType,
    documentation: _documentation,
  };
}

function encodeDescribeConfigsResponseDescribeConfigsResourceResult(
  w: Writer,
  m: DescribeConfigsResponseDescribeConfigsResourceResult,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 3) {
    w.nullableString(m.value);
  } else {
    w.compactNullableString(m.value);
  }
  w.bool(m.readOnly);
  if (v <= 0) {
    w.bool(m.isDefault);
  }
  if (v >= 1) {
    w.int8(m.configSource);
  }
  w.bool(m.isSensitive);
  if (v >= 1 && v <= 3) {
    const _a = m.synonyms;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsSynonym(w, _e, v);
    }
  } else if (v >= 4) {
    const _a = m.synonyms;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeConfigsResponseDescribeConfigsSynonym(w, _e, v);
    }
  }
  if (v >= 3) {
    w.int8(m.configType);
  }
  if (v === 3) {
    w.nullableString(m.documentation);
  } else if (v >= 4) {
    w.compactNullableString(m.documentation);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDescribeConfigsResponseDescribeConfigsSynonym(
  r: Reader,
  v: number,
): DescribeConfigsResponseDescribeConfigsSynonym {
  let _name: string;
  if (v <= 3) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _value: string | null;
  if (v <= 3) {
    _value = r.nullableString();
  } else {
    _value = r.compactNullableString();
  }
  const _source = r.int8();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { name: _name, value: _value, source: _source };
}

function encodeDescribeConfigsResponseDescribeConfigsSynonym(
  w: Writer,
  m: DescribeConfigsResponseDescribeConfigsSynonym,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 3) {
    w.nullableString(m.value);
  } else {
    w.compactNullableString(m.value);
  }
  w.int8(m.source);
  if (v >= 4) {
    w.uvarint(0);
  }
}
