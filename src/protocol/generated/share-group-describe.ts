// Generated from ShareGroupDescribeRequest.json, ShareGroupDescribeResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ShareGroupDescribeRequest: versions 0, flexible 0+, api key 77.

export interface ShareGroupDescribeRequest {
  /** v0+ */
  groupIds: string[];
  /** v0+ */
  includeAuthorizedOperations: boolean;
}

export function createShareGroupDescribeRequest(
  init?: Partial<ShareGroupDescribeRequest>,
): ShareGroupDescribeRequest {
  return { groupIds: [], includeAuthorizedOperations: false, ...init };
}

export function decodeShareGroupDescribeRequest(r: Reader, _v: number): ShareGroupDescribeRequest {
  let _groupIds: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _groupIds = _a;
  }
  const _includeAuthorizedOperations = r.bool();
  r.skipTaggedFields();
  return { groupIds: _groupIds, includeAuthorizedOperations: _includeAuthorizedOperations };
}

export function encodeShareGroupDescribeRequest(w: Writer, m: ShareGroupDescribeRequest, _v: number): void {
  {
    const _a = m.groupIds;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  w.bool(m.includeAuthorizedOperations);
  w.uvarint(0);
}

// ShareGroupDescribeResponse: versions 0, flexible 0+, api key 77.

export interface ShareGroupDescribeResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  groups: ShareGroupDescribeResponseDescribedGroup[];
}

export interface ShareGroupDescribeResponseTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: number[];
}

export interface ShareGroupDescribeResponseAssignment {
  /** v0+ */
  topicPartitions: ShareGroupDescribeResponseTopicPartitions[];
}

export interface ShareGroupDescribeResponseDescribedGroup {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  groupId: string;
  /** v0+ */
  groupState: string;
  /** v0+ */
  groupEpoch: number;
  /** v0+ */
  assignmentEpoch: number;
  /** v0+ */
  assignorName: string;
  /** v0+ */
  members: ShareGroupDescribeResponseMember[];
  /** v0+, default -2147483648 */
  authorizedOperations: number;
}

export interface ShareGroupDescribeResponseMember {
  /** v0+ */
  memberId: string;
  /** v0+, nullable v0+, default null */
  rackId: string | null;
  /** v0+ */
  memberEpoch: number;
  /** v0+ */
  clientId: string;
  /** v0+ */
  clientHost: string;
  /** v0+ */
  subscribedTopicNames: string[];
  /** v0+ */
  assignment: ShareGroupDescribeResponseAssignment;
}

export function createShareGroupDescribeResponse(
  init?: Partial<ShareGroupDescribeResponse>,
): ShareGroupDescribeResponse {
  return { throttleTimeMs: 0, groups: [], ...init };
}

export function createShareGroupDescribeResponseTopicPartitions(
  init?: Partial<ShareGroupDescribeResponseTopicPartitions>,
): ShareGroupDescribeResponseTopicPartitions {
  return { topicId: ZERO_UUID, topicName: '', partitions: [], ...init };
}

export function createShareGroupDescribeResponseAssignment(
  init?: Partial<ShareGroupDescribeResponseAssignment>,
): ShareGroupDescribeResponseAssignment {
  return { topicPartitions: [], ...init };
}

export function createShareGroupDescribeResponseDescribedGroup(
  init?: Partial<ShareGroupDescribeResponseDescribedGroup>,
): ShareGroupDescribeResponseDescribedGroup {
  return {
    errorCode: 0,
    errorMessage: null,
    groupId: '',
    groupState: '',
    groupEpoch: 0,
    assignmentEpoch: 0,
    assignorName: '',
    members: [],
    authorizedOperations: -2147483648,
    ...init,
  };
}

export function createShareGroupDescribeResponseMember(
  init?: Partial<ShareGroupDescribeResponseMember>,
): ShareGroupDescribeResponseMember {
  return {
    memberId: '',
    rackId: null,
    memberEpoch: 0,
    clientId: '',
    clientHost: '',
    subscribedTopicNames: [],
    assignment: createShareGroupDescribeResponseAssignment(),
    ...init,
  };
}

export function decodeShareGroupDescribeResponse(r: Reader, v: number): ShareGroupDescribeResponse {
  const _throttleTimeMs = r.int32();
  let _groups: ShareGroupDescribeResponseDescribedGroup[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareGroupDescribeResponseDescribedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareGroupDescribeResponseDescribedGroup(r, v));
    }
    _groups = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, groups: _groups };
}

export function encodeShareGroupDescribeResponse(w: Writer, m: ShareGroupDescribeResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareGroupDescribeResponseDescribedGroup(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareGroupDescribeResponseTopicPartitions(
  r: Reader,
  _v: number,
): ShareGroupDescribeResponseTopicPartitions {
  const _topicId = r.uuid();
  const _topicName = r.compactString();
  let _partitions: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, topicName: _topicName, partitions: _partitions };
}

function encodeShareGroupDescribeResponseTopicPartitions(
  w: Writer,
  m: ShareGroupDescribeResponseTopicPartitions,
  _v: number,
): void {
  w.uuid(m.topicId);
  w.compactString(m.topicName);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

function decodeShareGroupDescribeResponseAssignment(
  r: Reader,
  v: number,
): ShareGroupDescribeResponseAssignment {
  let _topicPartitions: ShareGroupDescribeResponseTopicPartitions[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareGroupDescribeResponseTopicPartitions[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareGroupDescribeResponseTopicPartitions(r, v));
    }
    _topicPartitions = _a;
  }
  r.skipTaggedFields();
  return { topicPartitions: _topicPartitions };
}

function encodeShareGroupDescribeResponseAssignment(
  w: Writer,
  m: ShareGroupDescribeResponseAssignment,
  v: number,
): void {
  {
    const _a = m.topicPartitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareGroupDescribeResponseTopicPartitions(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareGroupDescribeResponseDescribedGroup(
  r: Reader,
  v: number,
): ShareGroupDescribeResponseDescribedGroup {
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _groupId = r.compactString();
  const _groupState = r.compactString();
  const _groupEpoch = r.int32();
  const _assignmentEpoch = r.int32();
  const _assignorName = r.compactString();
  let _members: ShareGroupDescribeResponseMember[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareGroupDescribeResponseMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareGroupDescribeResponseMember(r, v));
    }
    _members = _a;
  }
  const _authorizedOperations = r.int32();
  r.skipTaggedFields();
  return {
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    groupId: _groupId,
    groupState: _groupState,
    groupEpoch: _groupEpoch,
    assignmentEpoch: _assignmentEpoch,
    assignorName: _assignorName,
    members: _members,
    authorizedOperations: _authorizedOperations,
  };
}

function encodeShareGroupDescribeResponseDescribedGroup(
  w: Writer,
  m: ShareGroupDescribeResponseDescribedGroup,
  v: number,
): void {
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.compactString(m.groupId);
  w.compactString(m.groupState);
  w.int32(m.groupEpoch);
  w.int32(m.assignmentEpoch);
  w.compactString(m.assignorName);
  {
    const _a = m.members;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareGroupDescribeResponseMember(w, _e, v);
    }
  }
  w.int32(m.authorizedOperations);
  w.uvarint(0);
}

function decodeShareGroupDescribeResponseMember(r: Reader, v: number): ShareGroupDescribeResponseMember {
  const _memberId = r.compactString();
  const _rackId = r.compactNullableString();
  const _memberEpoch = r.int32();
  const _clientId = r.compactString();
  const _clientHost = r.compactString();
  let _subscribedTopicNames: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _subscribedTopicNames = _a;
  }
  const _assignment = decodeShareGroupDescribeResponseAssignment(r, v);
  r.skipTaggedFields();
  return {
    memberId: _memberId,
    rackId: _rackId,
    memberEpoch: _memberEpoch,
    clientId: _clientId,
    clientHost: _clientHost,
    subscribedTopicNames: _subscribedTopicNames,
    assignment: _assignment,
  };
}

function encodeShareGroupDescribeResponseMember(
  w: Writer,
  m: ShareGroupDescribeResponseMember,
  v: number,
): void {
  w.compactString(m.memberId);
  w.compactNullableString(m.rackId);
  w.int32(m.memberEpoch);
  w.compactString(m.clientId);
  w.compactString(m.clientHost);
  {
    const _a = m.subscribedTopicNames;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  encodeShareGroupDescribeResponseAssignment(w, m.assignment, v);
  w.uvarint(0);
}
