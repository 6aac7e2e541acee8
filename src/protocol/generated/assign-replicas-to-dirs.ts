// Generated from AssignReplicasToDirsRequest.json, AssignReplicasToDirsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AssignReplicasToDirsRequest: versions 0, flexible 0+, api key 73.

export interface AssignReplicasToDirsRequest {
  /** v0+ */
  brokerId: number;
  /** v0+, default -1 */
  brokerEpoch: number;
  /** v0+ */
  directories: AssignReplicasToDirsRequestDirectoryData[];
}

export interface AssignReplicasToDirsRequestDirectoryData {
  /** v0+ */
  id: string;
  /** v0+ */
  topics: AssignReplicasToDirsRequestTopicData[];
}

export interface AssignReplicasToDirsRequestTopicData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: AssignReplicasToDirsRequestPartitionData[];
}

export interface AssignReplicasToDirsRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
}

export function createAssignReplicasToDirsRequest(
  init?: Partial<AssignReplicasToDirsRequest>,
): AssignReplicasToDirsRequest {
  return { brokerId: 0, brokerEpoch: -1, directories: [], ...init };
}

export function createAssignReplicasToDirsRequestDirectoryData(
  init?: Partial<AssignReplicasToDirsRequestDirectoryData>,
): AssignReplicasToDirsRequestDirectoryData {
  return { id: ZERO_UUID, topics: [], ...init };
}

export function createAssignReplicasToDirsRequestTopicData(
  init?: Partial<AssignReplicasToDirsRequestTopicData>,
): AssignReplicasToDirsRequestTopicData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createAssignReplicasToDirsRequestPartitionData(
  init?: Partial<AssignReplicasToDirsRequestPartitionData>,
): AssignReplicasToDirsRequestPartitionData {
  return { partitionIndex: 0, ...init };
}

export function decodeAssignReplicasToDirsRequest(r: Reader, v: number): AssignReplicasToDirsRequest {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  let _directories: AssignReplicasToDirsRequestDirectoryData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsRequestDirectoryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsRequestDirectoryData(r, v));
    }
    _directories = _a;
  }
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch, directories: _directories };
}

export function encodeAssignReplicasToDirsRequest(
  w: Writer,
  m: AssignReplicasToDirsRequest,
  v: number,
): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  {
    const _a = m.directories;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsRequestDirectoryData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsRequestDirectoryData(
  r: Reader,
  v: number,
): AssignReplicasToDirsRequestDirectoryData {
  const _id = r.uuid();
  let _topics: AssignReplicasToDirsRequestTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsRequestTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { id: _id, topics: _topics };
}

function encodeAssignReplicasToDirsRequestDirectoryData(
  w: Writer,
  m: AssignReplicasToDirsRequestDirectoryData,
  v: number,
): void {
  w.uuid(m.id);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsRequestTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsRequestTopicData(
  r: Reader,
  v: number,
): AssignReplicasToDirsRequestTopicData {
  const _topicId = r.uuid();
  let _partitions: AssignReplicasToDirsRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeAssignReplicasToDirsRequestTopicData(
  w: Writer,
  m: AssignReplicasToDirsRequestTopicData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsRequestPartitionData(
  r: Reader,
  _v: number,
): AssignReplicasToDirsRequestPartitionData {
  const _partitionIndex = r.int32();
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex };
}

function encodeAssignReplicasToDirsRequestPartitionData(
  w: Writer,
  m: AssignReplicasToDirsRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.uvarint(0);
}

// AssignReplicasToDirsResponse: versions 0, flexible 0+, api key 73.

export interface AssignReplicasToDirsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  directories: AssignReplicasToDirsResponseDirectoryData[];
}

export interface AssignReplicasToDirsResponseDirectoryData {
  /** v0+ */
  id: string;
  /** v0+ */
  topics: AssignReplicasToDirsResponseTopicData[];
}

export interface AssignReplicasToDirsResponseTopicData {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: AssignReplicasToDirsResponsePartitionData[];
}

export interface AssignReplicasToDirsResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createAssignReplicasToDirsResponse(
  init?: Partial<AssignReplicasToDirsResponse>,
): AssignReplicasToDirsResponse {
  return { throttleTimeMs: 0, errorCode: 0, directories: [], ...init };
}

export function createAssignReplicasToDirsResponseDirectoryData(
  init?: Partial<AssignReplicasToDirsResponseDirectoryData>,
): AssignReplicasToDirsResponseDirectoryData {
  return { id: ZERO_UUID, topics: [], ...init };
}

export function createAssignReplicasToDirsResponseTopicData(
  init?: Partial<AssignReplicasToDirsResponseTopicData>,
): AssignReplicasToDirsResponseTopicData {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createAssignReplicasToDirsResponsePartitionData(
  init?: Partial<AssignReplicasToDirsResponsePartitionData>,
): AssignReplicasToDirsResponsePartitionData {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeAssignReplicasToDirsResponse(r: Reader, v: number): AssignReplicasToDirsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _directories: AssignReplicasToDirsResponseDirectoryData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsResponseDirectoryData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsResponseDirectoryData(r, v));
    }
    _directories = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, directories: _directories };
}

export function encodeAssignReplicasToDirsResponse(
  w: Writer,
  m: AssignReplicasToDirsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  {
    const _a = m.directories;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsResponseDirectoryData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsResponseDirectoryData(
  r: Reader,
  v: number,
): AssignReplicasToDirsResponseDirectoryData {
  const _id = r.uuid();
  let _topics: AssignReplicasToDirsResponseTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsResponseTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { id: _id, topics: _topics };
}

function encodeAssignReplicasToDirsResponseDirectoryData(
  w: Writer,
  m: AssignReplicasToDirsResponseDirectoryData,
  v: number,
): void {
  w.uuid(m.id);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsResponseTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsResponseTopicData(
  r: Reader,
  v: number,
): AssignReplicasToDirsResponseTopicData {
  const _topicId = r.uuid();
  let _partitions: AssignReplicasToDirsResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AssignReplicasToDirsResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAssignReplicasToDirsResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeAssignReplicasToDirsResponseTopicData(
  w: Writer,
  m: AssignReplicasToDirsResponseTopicData,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAssignReplicasToDirsResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAssignReplicasToDirsResponsePartitionData(
  r: Reader,
  _v: number,
): AssignReplicasToDirsResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeAssignReplicasToDirsResponsePartitionData(
  w: Writer,
  m: AssignReplicasToDirsResponsePartitionData,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.uvarint(0);
}
