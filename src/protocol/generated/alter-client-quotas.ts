// Generated from AlterClientQuotasRequest.json, AlterClientQuotasResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterClientQuotasRequest: versions 0-1, flexible 1+, api key 49.

export interface AlterClientQuotasRequest {
  /** v0+ */
  entries: AlterClientQuotasRequestEntryData[];
  /** v0+ */
  validateOnly: boolean;
}

export interface AlterClientQuotasRequestEntryData {
  /** v0+ */
  entity: AlterClientQuotasRequestEntityData[];
  /** v0+ */
  ops: AlterClientQuotasRequestOpData[];
}

export interface AlterClientQuotasRequestEntityData {
  /** v0+ */
  entityType: string;
  /** v0+, nullable v0+ */
  entityName: string | null;
}

export interface AlterClientQuotasRequestOpData {
  /** v0+ */
  key: string;
  /** v0+ */
  value: number;
  /** v0+ */
  remove: boolean;
}

export function createAlterClientQuotasRequest(
  init?: Partial<AlterClientQuotasRequest>,
): AlterClientQuotasRequest {
  return { entries: [], validateOnly: false, ...init };
}

export function createAlterClientQuotasRequestEntryData(
  init?: Partial<AlterClientQuotasRequestEntryData>,
): AlterClientQuotasRequestEntryData {
  return { entity: [], ops: [], ...init };
}

export function createAlterClientQuotasRequestEntityData(
  init?: Partial<AlterClientQuotasRequestEntityData>,
): AlterClientQuotasRequestEntityData {
  return { entityType: '', entityName: '', ...init };
}

export function createAlterClientQuotasRequestOpData(
  init?: Partial<AlterClientQuotasRequestOpData>,
): AlterClientQuotasRequestOpData {
  return { key: '', value: 0, remove: false, ...init };
}

export function decodeAlterClientQuotasRequest(r: Reader, v: number): AlterClientQuotasRequest {
  let _entries: AlterClientQuotasRequestEntryData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: AlterClientQuotasRequestEntryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestEntryData(r, v));
    }
    _entries = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterClientQuotasRequestEntryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestEntryData(r, v));
    }
    _entries = _a;
  }
  const _validateOnly = r.bool();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { entries: _entries, validateOnly: _validateOnly };
}

export function encodeAlterClientQuotasRequest(w: Writer, m: AlterClientQuotasRequest, v: number): void {
  if (v <= 0) {
    const _a = m.entries;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestEntryData(w, _e, v);
    }
  } else {
    const _a = m.entries;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestEntryData(w, _e, v);
    }
  }
  w.bool(m.validateOnly);
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeAlterClientQuotasRequestEntryData(r: Reader, v: number): AlterClientQuotasRequestEntryData {
  let _entity: AlterClientQuotasRequestEntityData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: AlterClientQuotasRequestEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestEntityData(r, v));
    }
    _entity = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterClientQuotasRequestEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestEntityData(r, v));
    }
    _entity = _a;
  }
  let _ops: AlterClientQuotasRequestOpData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: AlterClientQuotasRequestOpData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestOpData(r, v));
    }
    _ops = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterClientQuotasRequestOpData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasRequestOpData(r, v));
    }
    _ops = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { entity: _entity, ops: _ops };
}

function encodeAlterClientQuotasRequestEntryData(
  w: Writer,
  m: AlterClientQuotasRequestEntryData,
  v: number,
): void {
  if (v <= 0) {
    const _a = m.entity;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestEntityData(w, _e, v);
    }
  } else {
    const _a = m.entity;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestEntityData(w, _e, v);
    }
  }
  if (v <= 0) {
    const _a = m.ops;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestOpData(w, _e, v);
    }
  } else {
    const _a = m.ops;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasRequestOpData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeAlterClientQuotasRequestEntityData(r: Reader, v: number): AlterClientQuotasRequestEntityData {
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

function encodeAlterClientQuotasRequestEntityData(
  w: Writer,
  m: AlterClientQuotasRequestEntityData,
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

function decodeAlterClientQuotasRequestOpData(r: Reader, v: number): AlterClientQuotasRequestOpData {
  let _key: string;
  if (v <= 0) {
    _key = r.string();
  } else {
    _key = r.compactString();
  }
  const _value = r.float64();
  const _remove = r.bool();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { key: _key, value: _value, remove: _remove };
}

function encodeAlterClientQuotasRequestOpData(w: Writer, m: AlterClientQuotasRequestOpData, v: number): void {
  if (v <= 0) {
    w.string(m.key);
  } else {
    w.compactString(m.key);
  }
  w.float64(m.value);
  w.bool(m.remove);
  if (v >= 1) {
    w.uvarint(0);
  }
}

// AlterClientQuotasResponse: versions 0-1, flexible 1+, api key 49.

export interface AlterClientQuotasResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  entries: AlterClientQuotasResponseEntryData[];
}

export interface AlterClientQuotasResponseEntryData {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0+ */
  entity: AlterClientQuotasResponseEntityData[];
}

export interface AlterClientQuotasResponseEntityData {
  /** v0+ */
  entityType: string;
  /** v0+, nullable v0+ */
  entityName: string | null;
}

export function createAlterClientQuotasResponse(
  init?: Partial<AlterClientQuotasResponse>,
): AlterClientQuotasResponse {
  return { throttleTimeMs: 0, entries: [], ...init };
}

export function createAlterClientQuotasResponseEntryData(
  init?: Partial<AlterClientQuotasResponseEntryData>,
): AlterClientQuotasResponseEntryData {
  return { errorCode: 0, errorMessage: '', entity: [], ...init };
}

export function createAlterClientQuotasResponseEntityData(
  init?: Partial<AlterClientQuotasResponseEntityData>,
): AlterClientQuotasResponseEntityData {
  return { entityType: '', entityName: '', ...init };
}

export function decodeAlterClientQuotasResponse(r: Reader, v: number): AlterClientQuotasResponse {
  const _throttleTimeMs = r.int32();
  let _entries: AlterClientQuotasResponseEntryData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: AlterClientQuotasResponseEntryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasResponseEntryData(r, v));
    }
    _entries = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterClientQuotasResponseEntryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasResponseEntryData(r, v));
    }
    _entries = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, entries: _entries };
}

export function encodeAlterClientQuotasResponse(w: Writer, m: AlterClientQuotasResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 0) {
    const _a = m.entries;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasResponseEntryData(w, _e, v);
    }
  } else {
    const _a = m.entries;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasResponseEntryData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeAlterClientQuotasResponseEntryData(r: Reader, v: number): AlterClientQuotasResponseEntryData {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 0) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  let _entity: AlterClientQuotasResponseEntityData[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: AlterClientQuotasResponseEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasResponseEntityData(r, v));
    }
    _entity = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterClientQuotasResponseEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterClientQuotasResponseEntityData(r, v));
    }
    _entity = _a;
  }
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, errorMessage: _errorMessage, entity: _entity };
}

function encodeAlterClientQuotasResponseEntryData(
  w: Writer,
  m: AlterClientQuotasResponseEntryData,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 0) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v <= 0) {
    const _a = m.entity;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasResponseEntityData(w, _e, v);
    }
  } else {
    const _a = m.entity;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterClientQuotasResponseEntityData(w, _e, v);
    }
  }
  if (v >= 1) {
    w.uvarint(0);
  }
}

function decodeAlterClientQuotasResponseEntityData(
  r: Reader,
  v: number,
): AlterClientQuotasResponseEntityData {
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

function encodeAlterClientQuotasResponseEntityData(
  w: Writer,
  m: AlterClientQuotasResponseEntityData,
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
