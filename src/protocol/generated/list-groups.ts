// Generated from ListGroupsRequest.json, ListGroupsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ListGroupsRequest: versions 0-5, flexible 3+, api key 16.

export interface ListGroupsRequest {
  /** v4+ */
  statesFilter: string[];
  /** v5+ */
  typesFilter: string[];
}

export function createListGroupsRequest(init?: Partial<ListGroupsRequest>): ListGroupsRequest {
  return { statesFilter: [], typesFilter: [], ...init };
}

export function decodeListGroupsRequest(r: Reader, v: number): ListGroupsRequest {
  let _statesFilter: string[];
  if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _statesFilter = _a;
  } else {
    _statesFilter = [];
  }
  let _typesFilter: string[];
  if (v >= 5) {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _typesFilter = _a;
  } else {
    _typesFilter = [];
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { statesFilter: _statesFilter, typesFilter: _typesFilter };
}

export function encodeListGroupsRequest(w: Writer, m: ListGroupsRequest, v: number): void {
  if (v >= 4) {
    const _a = m.statesFilter;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  if (v >= 5) {
    const _a = m.typesFilter;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// ListGroupsResponse: versions 0-5, flexible 3+, api key 16.

export interface ListGroupsResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  groups: ListGroupsResponseListedGroup[];
}

export interface ListGroupsResponseListedGroup {
  /** v0+ */
  groupId: string;
  /** v0+ */
  protocolType: string;
  /** v4+ */
  groupState: string;
  /** v5+ */
  groupType: string;
}

export function createListGroupsResponse(init?: Partial<ListGroupsResponse>): ListGroupsResponse {
  return { throttleTimeMs: 0, errorCode: 0, groups: [], ...init };
}

export function createListGroupsResponseListedGroup(
  init?: Partial<ListGroupsResponseListedGroup>,
): ListGroupsResponseListedGroup {
  return { groupId: '', protocolType: '', groupState: '', groupType: '', ...init };
}

export function decodeListGroupsResponse(r: Reader, v: number): ListGroupsResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  const _errorCode = r.int16();
  let _groups: ListGroupsResponseListedGroup[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: ListGroupsResponseListedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListGroupsResponseListedGroup(r, v));
    }
    _groups = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ListGroupsResponseListedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListGroupsResponseListedGroup(r, v));
    }
    _groups = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, groups: _groups };
}

export function encodeListGroupsResponse(w: Writer, m: ListGroupsResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  w.int16(m.errorCode);
  if (v <= 2) {
    const _a = m.groups;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeListGroupsResponseListedGroup(w, _e, v);
    }
  } else {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListGroupsResponseListedGroup(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeListGroupsResponseListedGroup(r: Reader, v: number): ListGroupsResponseListedGroup {
  let _groupId: string;
  if (v <= 2) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  let _protocolType: string;
  if (v <= 2) {
    _protocolType = r.string();
  } else {
    _protocolType = r.compactString();
  }
  let _groupState: string;
  if (v >= 4) {
    _groupState = r.compactString();
  } else {
    _groupState = '';
  }
  let _groupType: string;
  if (v >= 5) {
    _groupType = r.compactString();
  } else {
    _groupType = '';
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { groupId: _groupId, protocolType: _protocolType, groupState: _groupState, groupType: _groupType };
}

function encodeListGroupsResponseListedGroup(w: Writer, m: ListGroupsResponseListedGroup, v: number): void {
  if (v <= 2) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  if (v <= 2) {
    w.string(m.protocolType);
  } else {
    w.compactString(m.protocolType);
  }
  if (v >= 4) {
    w.compactString(m.groupState);
  }
  if (v >= 5) {
    w.compactString(m.groupType);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}
