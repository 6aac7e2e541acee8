// Generated from ConsumerGroupDescribeRequest.json, ConsumerGroupDescribeResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ConsumerGroupDescribeRequest: versions 0, flexible 0+, api key 69.

export interface ConsumerGroupDescribeRequest {
  /** v0+ */
  groupIds: string[];
  /** v0+ */
  includeAuthorizedOperations: boolean;
}

export function createConsumerGroupDescribeRequest(
  init?: Partial<ConsumerGroupDescribeRequest>,
): ConsumerGroupDescribeRequest {
  return { groupIds: [], includeAuthorizedOperations: false, ...init };
}

export function decodeConsumerGroupDescribeRequest(r: Reader, _v: number): ConsumerGroupDescribeRequest {
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

export function encodeConsumerGroupDescribeRequest(
  w: Writer,
  m: ConsumerGroupDescribeRequest,
  _v: number,
): void {
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

// ConsumerGroupDescribeResponse: versions 0, flexible 0+, api key 69.

export interface ConsumerGroupDescribeResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  groups: ConsumerGroupDescribeResponseDescribedGroup[];
}

export interface ConsumerGroupDescribeResponseTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: number[];
}

export interface ConsumerGroupDescribeResponseAssignment {
  /** v0+ */
  topicPartitions: ConsumerGroupDescribeResponseTopicPartitions[];
}

export interface ConsumerGroupDescribeResponseDescribedGroup {
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
  members: ConsumerGroupDescribeResponseMember[];
  /** v0+, default -2147483648 */
  authorizedOperations: number;
}

export interface ConsumerGroupDescribeResponseMember {
  /** v0+ */
  memberId: string;
  /** v0+, nullable v0+, default null */
  instanceId: string | null;
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
  /** v0+, nullable v0+, default null */
  subscribedTopicRegex: string | null;
  /** v0+ */
  assignment: ConsumerGroupDescribeResponseAssignment;
  /** v0+ */
  targetAssignment: ConsumerGroupDescribeResponseAssignment;
}

export function createConsumerGroupDescribeResponse(
  init?: Partial<ConsumerGroupDescribeResponse>,
): ConsumerGroupDescribeResponse {
  return { throttleTimeMs: 0, groups: [], ...init };
}

export function createConsumerGroupDescribeResponseTopicPartitions(
  init?: Partial<ConsumerGroupDescribeResponseTopicPartitions>,
): ConsumerGroupDescribeResponseTopicPartitions {
  return { topicId: ZERO_UUID, topicName: '', partitions: [], ...init };
}

export function createConsumerGroupDescribeResponseAssignment(
  init?: Partial<ConsumerGroupDescribeResponseAssignment>,
): ConsumerGroupDescribeResponseAssignment {
  return { topicPartitions: [], ...init };
}

export function createConsumerGroupDescribeResponseDescribedGroup(
  init?: Partial<ConsumerGroupDescribeResponseDescribedGroup>,
): ConsumerGroupDescribeResponseDescribedGroup {
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

export function createConsumerGroupDescribeResponseMember(
  init?: Partial<ConsumerGroupDescribeResponseMember>,
): ConsumerGroupDescribeResponseMember {
  return {
    memberId: '',
    instanceId: null,
    rackId: null,
    memberEpoch: 0,
    clientId: '',
    clientHost: '',
    subscribedTopicNames: [],
    subscribedTopicRegex: null,
    assignment: createConsumerGroupDescribeResponseAssignment(),
    targetAssignment: createConsumerGroupDescribeResponseAssignment(),
    ...init,
  };
}

export function decodeConsumerGroupDescribeResponse(r: Reader, v: number): ConsumerGroupDescribeResponse {
  const _throttleTimeMs = r.int32();
  let _groups: ConsumerGroupDescribeResponseDescribedGroup[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ConsumerGroupDescribeResponseDescribedGroup[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerGroupDescribeResponseDescribedGroup(r, v));
    }
    _groups = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, groups: _groups };
}

export function encodeConsumerGroupDescribeResponse(
  w: Writer,
  m: ConsumerGroupDescribeResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.groups;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeConsumerGroupDescribeResponseDescribedGroup(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeConsumerGroupDescribeResponseTopicPartitions(
  r: Reader,
  _v: number,
): ConsumerGroupDescribeResponseTopicPartitions {
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

function encodeConsumerGroupDescribeResponseTopicPartitions(
  w: Writer,
  m: ConsumerGroupDescribeResponseTopicPartitions,
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

function decodeConsumerGroupDescribeResponseAssignment(
  r: Reader,
  v: number,
): ConsumerGroupDescribeResponseAssignment {
  let _topicPartitions: ConsumerGroupDescribeResponseTopicPartitions[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ConsumerGroupDescribeResponseTopicPartitions[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerGroupDescribeResponseTopicPartitions(r, v));
    }
    _topicPartitions = _a;
  }
  r.skipTaggedFields();
  return { topicPartitions: _topicPartitions };
}

function encodeConsumerGroupDescribeResponseAssignment(
  w: Writer,
  m: ConsumerGroupDescribeResponseAssignment,
  v: number,
): void {
  {
    const _a = m.topicPartitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeConsumerGroupDescribeResponseTopicPartitions(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeConsumerGroupDescribeResponseDescribedGroup(
  r: Reader,
  v: number,
): ConsumerGroupDescribeResponseDescribedGroup {
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _groupId = r.compactString();
  const _groupState = r.compactString();
  const _groupEpoch = r.int32();
  const _assignmentEpoch = r.int32();
  const _assignorName = r.compactString();
  let _members: ConsumerGroupDescribeResponseMember[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ConsumerGroupDescribeResponseMember[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerGroupDescribeResponseMember(r, v));
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

function encodeConsumerGroupDescribeResponseDescribedGroup(
  w: Writer,
  m: ConsumerGroupDescribeResponseDescribedGroup,
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
      encodeConsumerGroupDescribeResponseMember(w, _e, v);
    }
  }
  w.int32(m.authorizedOperations);
  w.uvarint(0);
}

function decodeConsumerGroupDescribeResponseMember(
  r: Reader,
  v: number,
): ConsumerGroupDescribeResponseMember {
  const _memberId = r.compactString();
  const _instanceId = r.compactNullableString();
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
  const _subscribedTopicRegex = r.compactNullableString();
  const _assignment = decodeConsumerGroupDescribeResponseAssignment(r, v);
  const _targetAssignment = decodeConsumerGroupDescribeResponseAssignment(r, v);
  r.skipTaggedFields();
  return {
    memberId: _memberId,
    instanceId: _instanceId,
    rackId: _rackId,
    memberEpoch: _memberEpoch,
    clientId: _clientId,
    clientHost: _clientHost,
    subscribedTopicNames: _subscribedTopicNames,
    subscribedTopicRegex: _subscribedTopicRegex,
    assignment: _assignment,
    targetAssignment: _targetAssignment,
  };
}

function encodeConsumerGroupDescribeResponseMember(
  w: Writer,
  m: ConsumerGroupDescribeResponseMember,
  v: number,
): void {
  w.compactString(m.memberId);
  w.compactNullableString(m.instanceId);
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
  w.compactNullableString(m.subscribedTopicRegex);
  encodeConsumerGroupDescribeResponseAssignment(w, m.assignment, v);
  encodeConsumerGroupDescribeResponseAssignment(w, m.targetAssignment, v);
  w.uvarint(0);
}
