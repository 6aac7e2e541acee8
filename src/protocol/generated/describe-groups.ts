// Generated from DescribeGroupsRequest.json, DescribeGroupsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeGroupsRequest: versions 0-5, flexible 5+, api key 15.

export interface DescribeGroupsRequest {
  /** v0+ */
  groups: string[];
  /** v3+ */
  includeAuthorizedOperations: boolean;
}

export function createDescribeGroupsRequest(init?: Partial<DescribeGroupsRequest>): DescribeGroupsRequest {
  return { groups: [], includeAuthorizedOperations: false, ...init };
}

export function decodeDescribeGroupsRequest(r: Reader, v: number): DescribeGroupsRequest {
  let _groups: string[];
  if (v <= 4) {
    const _n = r.arrayLength(2, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.string());
    }
    _groups = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _groups = _a;
  }
  let _includeAuthorizedOperations: boolean;
  if (v >= 3) {
    _includeAuthorizedOperations = r.bool();
  } else {
    _includeAuthorizedOperations = false;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { groups: _groups, includeAuthorizedOperations: _includeAuthorizedOperations };
}

export function encodeDescribeGroupsRequest(w: Writer, m: DescribeGroupsRequest, v: number): void {
  if (v <= 4) {
    const _a = m.groups;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.string(_e);
    }
  } else {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  if (v >= 3) {
    w.bool(m.includeAuthorizedOperations);
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

// DescribeGroupsResponse: versions 0-5, flexible 5+, api key 15.

export interface DescribeGroupsResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  groups: DescribeGroupsResponseDescribedGroup[];
}

export interface DescribeGroupsResponseDescribedGroup {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  groupId: string;
  /** v0+ */
  groupState: string;
  /** v0+ */
  protocolType: string;
  /** v0+ */
  protocolData: string;
  /** v0+ */
  members: DescribeGroupsResponseDescribedGroupMember[];
  /** v3+, default -2147483648 */
  authorizedOperations: number;
}

export interface DescribeGroupsResponseDescribedGroupMember {
  /** v0+ */
  memberId: string;
  /** v4+, nullable v4+, default null */
  groupInstanceId: string | null;
  /** v0+ */
  clientId: string;
  /** v0+ */
  clientHost: string;
  /** v0+ */
  memberMetadata: Buffer;
  /** v0+ */
  memberAssignment: Buffer;
}

export function createDescribeGroupsResponse(init?: Partial<DescribeGroupsResponse>): DescribeGroupsResponse {
  return { throttleTimeMs: 0, groups: [], ...init };
}

export function createDescribeGroupsResponseDescribedGroup(
  init?: Partial<DescribeGroupsResponseDescribedGroup>,
): DescribeGroupsResponseDescribedGroup {
  return {
    errorCode: 0,
    groupId: '',
    groupState: '',
    protocolType: '',
    protocolData: '',
    members: [],
    authorizedOperations: -2147483648,
    ...init,
  };
}

export function createDescribeGroupsResponseDescribedGroupMember(
  init?: Partial<DescribeGroupsResponseDescribedGroupMember>,
): DescribeGroupsResponseDescribedGroupMember {
  return {
    memberId: '',
    groupInstanceId: null,
    clientId: '',
    clientHost: '',
    memberMetadata: EMPTY_BYTES,
    memberAssignment: EMPTY_BYTES,
    ...init,
  };
}

export function decodeDescribeGroupsResponse(r: Reader, v: number): DescribeGroupsResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _groups: DescribeGroupsResponseDescribedGroup[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeGroupsResponseDescribedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeGroupsResponseDescribedGroup(r, v));
    }
    _groups = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeGroupsResponseDescribedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeGroupsResponseDescribedGroup(r, v));
    }
    _groups = _a;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, groups: _groups };
}

export function encodeDescribeGroupsResponse(w: Writer, m: DescribeGroupsResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 4) {
    const _a = m.groups;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeGroupsResponseDescribedGroup(w, _e, v);
    }
  } else {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeGroupsResponseDescribedGroup(w, _e, v);
    }
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeDescribeGroupsResponseDescribedGroup(
  r: Reader,
  v: number,
): DescribeGroupsResponseDescribedGroup {
  const _errorCode = r.int16();
  let _groupId: string;
  if (v <= 4) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  let _groupState: string;
  if (v <= 4) {
    _groupState = r.string();
  } else {
    _groupState = r.compactString();
  }
  let _protocolType: string;
  if (v <= 4) {
    _protocolType = r.string();
  } else {
    _protocolType = r.compactString();
  }
  let _protocolData: string;
  if (v <= 4) {
    _protocolData = r.string();
  } else {
    _protocolData = r.compactString();
  }
  let _members: DescribeGroupsResponseDescribedGroupMember[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeGroupsResponseDescribedGroupMember(r, v));
    }
    _members = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeGroupsResponseDescribedGroupMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeGroupsResponseDescribedGroupMember(r, v));
    }
    _members = _a;
  }
  let _authorizedOperations: number;
  if (v >= 3) {
    _authorizedOperations = r.int32();
  } else {
    _authorizedOperations = -2147483648;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    groupId: _groupId,
    groupState: _groupState,
    protocolType: _protocolType,
    protocolData: _protocolData,
    members: _members,
    authorizedOperations: _authorizedOperations,
  };
}

function encodeDescribeGroupsResponseDescribedGroup(
  w: Writer,
  m: DescribeGroupsResponseDescribedGroup,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 4) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  if (v <= 4) {
    w.string(m.groupState);
  } else {
    w.compactString(m.groupState);
  }
  if (v <= 4) {
    w.string(m.protocolType);
  } else {
    w.compactString(m.protocolType);
  }
  if (v <= 4) {
    w.string(m.protocolData);
  } else {
    w.compactString(m.protocolData);
  }
  if (v <= 4) {
    const _a = m.members;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeGroupsResponseDescribedGroupMember(w, _e, v);
    }
  } else {
    const _a = m.members;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeGroupsResponseDescribedGroupMember(w, _e, v);
    }
  }
  if (v >= 3) {
    w.int32(m.authorizedOperations);
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeDescribeGroupsResponseDescribedGroupMember(
  r: Reader,
  v: number,
): DescribeGroupsResponseDescribedGroupMember {
  let _memberId: string;
  if (v <= 4) {
    _memberId = r.string();
  } else {
    _memberId = r.compactString();
  }
  let _groupInstanceId: string | null;
  if (v === 4) {
    _groupInstanceId = r.nullableString();
  } else if (v >= 5) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _clientId: string;
  if (v <= 4) {
    _clientId = r.string();
  } else {
    _clientId = r.compactString();
  }
  let _clientHost: string;
  if (v <= 4) {
    _clientHost = r.string();
  } else {
    _clientHost = r.compactString();
  }
  let _memberMetadata: Buffer;
  if (v <= 4) {
    _memberMetadata = r.bytes();
  } else {
    _memberMetadata = r.compactBytes();
  }
  let _memberAssignment: Buffer;
  if (v <= 4) {
    _memberAssignment = r.bytes();
  } else {
    _memberAssignment = r.compactBytes();
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return {
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
    clientId: _clientId,
    clientHost: _clientHost,
    memberMetadata: _memberMetadata,
    memberAssignment: _memberAssignment,
  };
}

function encodeDescribeGroupsResponseDescribedGroupMember(
  w: Writer,
  m: DescribeGroupsResponseDescribedGroupMember,
  v: number,
): void {
  if (v <= 4) {
    w.string(m.memberId);
  } else {
    w.compactString(m.memberId);
  }
  if (v === 4) {
    w.nullableString(m.groupInstanceId);
  } else if (v >= 5) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v <= 4) {
    w.string(m.clientId);
  } else {
    w.compactString(m.clientId);
  }
  if (v <= 4) {
    w.string(m.clientHost);
  } else {
    w.compactString(m.clientHost);
  }
  if (v <= 4) {
    w.bytes(m.memberMetadata);
  } else {
    w.compactBytes(m.memberMetadata);
  }
  if (v <= 4) {
    w.bytes(m.memberAssignment);
  } else {
    w.compactBytes(m.memberAssignment);
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}
