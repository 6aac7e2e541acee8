// Generated from DescribeClientQuotasRequest.json, DescribeClientQuotasResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeClientQuotasRequest: versions 0-1, flexible 1+, api key 48.

export interface DescribeClientQuotasRequest {
  /** v0+ */
  components: DescribeClientQuotasRequestComponentData[];
  /** v0+ */
  strict: boolean;
}

export interface DescribeClientQuotasRequestComponentData {
  /** v0+ */
  entityType: string;
  /** v0+ */
  matchType: number;
  /** v0+, nullable v0+ */
  match: string | null;
}

export function createDescribeClientQuotasRequest(
  init?: Partial<DescribeClientQuotasRequest>,
): DescribeClientQuotasRequest {
  return { components: [], strict: false, ...init };
}

export function createDescribeClientQuotasRequestComponentData(
  init?: Partial<DescribeClientQuotasRequestComponentData>,
): DescribeClientQuotasRequestComponentData {
  return { entityType: '', matchType: 0, match: '', ...init };
}

export function decodeDescribeClientQuotasRequest(r: Reader, v: number): DescribeClientQuotasRequest {
  let _components: DescribeClientQuotasRequestComponentData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeClientQuotasRequestComponentData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasRequestComponentData(r, v));
    }
    _components = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeClientQuotasRequestComponentData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasRequestComponentData(r, v));
    }
    _components = _a;
  }
  const _strict = r.bool();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { components: _components, strict: _strict };
}

export function encodeDescribeClientQuotasRequest(
  w: Writer,
  m: DescribeClientQuotasRequest,
  v: number,
): void {
  if (v <= 0) {
    const _a = m.components;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasRequestComponentData(w, _e, v);
    }
  } else {
    const _a = m.components;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasRequestComponentData(w, _e, v);
    }
  }
  w.bool(m.strict);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeDescribeClientQuotasRequestComponentData(
  r: Reader,
  v: number,
): DescribeClientQuotasRequestComponentData {
  let _entityType: string;
  if (v <= 0) {
    _entityType = r.string();
  } else {
    _entityType = r.compactString();
  }
  const _matchType = r.int8();
  let _match: string | null;
  if (v <= 0) {
    _match = r.nullableString();
  } else {
    _match = r.compactNullableString();
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { entityType: _entityType, matchType: _matchType, match: _match };
}

function encodeDescribeClientQuotasRequestComponentData(
  w: Writer,
  m: DescribeClientQuotasRequestComponentData,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.entityType);
  } else {
    w.compactString(m.entityType);
  }
  w.int8(m.matchType);
  if (v <= 0) {
    w.nullableString(m.match);
  } else {
    w.compactNullableString(m.match);
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

// DescribeClientQuotasResponse: versions 0-1, flexible 1+, api key 48.

export interface DescribeClientQuotasResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+, nullable v0+ */
  entries: DescribeClientQuotasResponseEntryData[] | null;
}

export interface DescribeClientQuotasResponseEntryData {
  /** v0+ */
  entity: DescribeClientQuotasResponseEntityData[];
  /** v0+ */
  values: DescribeClientQuotasResponseValueData[];
}

export interface DescribeClientQuotasResponseEntityData {
  /** v0+ */
  entityType: string;
  /** v0+, nullable v0+ */
  entityName: string | null;
}

export interface DescribeClientQuotasResponseValueData {
  /** v0+ */
  key: string;
  /** v0+ */
  value: number;
}

export function createDescribeClientQuotasResponse(
  init?: Partial<DescribeClientQuotasResponse>,
): DescribeClientQuotasResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', entries: [], ...init };
}

export function createDescribeClientQuotasResponseEntryData(
  init?: Partial<DescribeClientQuotasResponseEntryData>,
): DescribeClientQuotasResponseEntryData {
  return { entity: [], values: [], ...init };
}

export function createDescribeClientQuotasResponseEntityData(
  init?: Partial<DescribeClientQuotasResponseEntityData>,
): DescribeClientQuotasResponseEntityData {
  return { entityType: '', entityName: '', ...init };
}

export function createDescribeClientQuotasResponseValueData(
  init?: Partial<DescribeClientQuotasResponseValueData>,
): DescribeClientQuotasResponseValueData {
  return { key: '', value: 0, ...init };
}

export function decodeDescribeClientQuotasResponse(r: Reader, v: number): DescribeClientQuotasResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 0) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  let _entries: DescribeClientQuotasResponseEntryData[] | null;
  if (v <= 0) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _entries = null;
    else {
      const _a: DescribeClientQuotasResponseEntryData[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeClientQuotasResponseEntryData(r, v));
      }
      _entries = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _entries = null;
    else {
      const _a: DescribeClientQuotasResponseEntryData[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeClientQuotasResponseEntryData(r, v));
      }
      _entries = _a;
    }
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    entries: _entries,
  };
}

export function encodeDescribeClientQuotasResponse(
  w: Writer,
  m: DescribeClientQuotasResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  if (v <= 0) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 0) {
    const _a = m.entries;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeClientQuotasResponseEntryData(w, _e, v);
      }
    }
  } else {
    const _a = m.entries;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeClientQuotasResponseEntryData(w, _e, v);
      }
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeDescribeClientQuotasResponseEntryData(
  r: Reader,
  v: number,
): DescribeClientQuotasResponseEntryData {
  let _entity: DescribeClientQuotasResponseEntityData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeClientQuotasResponseEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasResponseEntityData(r, v));
    }
    _entity = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeClientQuotasResponseEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasResponseEntityData(r, v));
    }
    _entity = _a;
  }
  let _values: DescribeClientQuotasResponseValueData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeClientQuotasResponseValueData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasResponseValueData(r, v));
    }
    _values = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeClientQuotasResponseValueData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClientQuotasResponseValueData(r, v));
    }
    _values = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { entity: _entity, values: _values };
}

function encodeDescribeClientQuotasResponseEntryData(
  w: Writer,
  m: DescribeClientQuotasResponseEntryData,
  v: number,
): void {
  if (v <= 0) {
    const _a = m.entity;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasResponseEntityData(w, _e, v);
    }
  } else {
    const _a = m.entity;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasResponseEntityData(w, _e, v);
    }
  }
  if (v <= 0) {
    const _a = m.values;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasResponseValueData(w, _e, v);
    }
  } else {
    const _a = m.values;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClientQuotasResponseValueData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeDescribeClientQuotasResponseEntityData(
  r: Reader,
  v: number,
): DescribeClientQuotasResponseEntityData {
  let _entityType: string;
  if (v <= 0) {
    _entityType = r.string();
  } else {
    _entityType = r.compactString();
  }
  let _entityName: string | null;
  if (v <= 0) {
    _entityName = r.nullableString();
  } else {
    _entityName = r.compactNullableString();
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { entityType: _entityType, entityName: _entityName };
}

function encodeDescribeClientQuotasResponseEntityData(
  w: Writer,
  m: DescribeClientQuotasResponseEntityData,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.entityType);
  } else {
    w.compactString(m.entityType);
  }
  if (v <= 0) {
    w.nullableString(m.entityName);
  } else {
    w.compactNullableString(m.entityName);
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeDescribeClientQuotasResponseValueData(
  r: Reader,
  v: number,
): DescribeClientQuotasResponseValueData {
  let _key: string;
  if (v <= 0) {
    _key = r.string();
  } else {
    _key = r.compactString();
  }
  const _value = r.float64();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { key: _key, value: _value };
}

function encodeDescribeClientQuotasResponseValueData(
  w: Writer,
  m: DescribeClientQuotasResponseValueData,
  v: number,
): void {
  if (v <= 0) {
    w.string(m.key);
  } else {
    w.compactString(m.key);
  }
  w.float64(m.value);
  if (v >= 1) {
    w.uvarint(0);
  }
}
