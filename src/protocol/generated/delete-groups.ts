// Generated from DeleteGroupsRequest.json, DeleteGroupsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DeleteGroupsRequest: versions 0-2, flexible 2+, api key 42.

export interface DeleteGroupsRequest {
  /** v0+ */
  groupsNames: string[];
}

export function createDeleteGroupsRequest(init?: Partial<DeleteGroupsRequest>): DeleteGroupsRequest {
  return { groupsNames: [], ...init };
}

export function decodeDeleteGroupsRequest(r: Reader, v: number): DeleteGroupsRequest {
  let _groupsNames: string[];
  if (v <= 1) {
    const _n = r.arrayLength(2, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.string());
    }
    _groupsNames = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _groupsNames = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { groupsNames: _groupsNames };
}

export function encodeDeleteGroupsRequest(w: Writer, m: DeleteGroupsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.groupsNames;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.string(_e);
    }
  } else {
    const _a = m.groupsNames;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// DeleteGroupsResponse: versions 0-2, flexible 2+, api key 42.

export interface DeleteGroupsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: DeleteGroupsResponseDeletableGroupResult[];
}

export interface DeleteGroupsResponseDeletableGroupResult {
  /** v0+ */
  groupId: string;
  /** v0+ */
  errorCode: number;
}

export function createDeleteGroupsResponse(init?: Partial<DeleteGroupsResponse>): DeleteGroupsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createDeleteGroupsResponseDeletableGroupResult(
  init?: Partial<DeleteGroupsResponseDeletableGroupResult>,
): DeleteGroupsResponseDeletableGroupResult {
  return { groupId: '', errorCode: 0, ...init };
}

export function decodeDeleteGroupsResponse(r: Reader, v: number): DeleteGroupsResponse {
  const _throttleTimeMs = r.int32();
  let _results: DeleteGroupsResponseDeletableGroupResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteGroupsResponseDeletableGroupResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteGroupsResponseDeletableGroupResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteGroupsResponseDeletableGroupResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteGroupsResponseDeletableGroupResult(r, v));
    }
    _results = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeDeleteGroupsResponse(w: Writer, m: DeleteGroupsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteGroupsResponseDeletableGroupResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteGroupsResponseDeletableGroupResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDeleteGroupsResponseDeletableGroupResult(
  r: Reader,
  v: number,
): DeleteGroupsResponseDeletableGroupResult {
  let _groupId: string;
  if (v <= 1) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  const _errorCode = r.int16();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { groupId: _groupId, errorCode: _errorCode };
}

function encodeDeleteGroupsResponseDeletableGroupResult(
  w: Writer,
  m: DeleteGroupsResponseDeletableGroupResult,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  w.int16(m.errorCode);
  if (v >= 2) {
    w.uvarint(0);
  }
}
