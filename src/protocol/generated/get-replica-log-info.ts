// Generated from GetReplicaLogInfoRequest.json, GetReplicaLogInfoResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// GetReplicaLogInfoRequest: versions 0, flexible 0+, api key 93.

export interface GetReplicaLogInfoRequest {
  /** v0+, nullable v0+ */
  topicPartitions: GetReplicaLogInfoRequestTopicPartitions[] | null;
}

export interface GetReplicaLogInfoRequestTopicPartitions {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: number[];
}

export function createGetReplicaLogInfoRequest(
  init?: Partial<GetReplicaLogInfoRequest>,
): GetReplicaLogInfoRequest {
  return { topicPartitions: [], ...init };
}

export function createGetReplicaLogInfoRequestTopicPartitions(
  init?: Partial<GetReplicaLogInfoRequestTopicPartitions>,
): GetReplicaLogInfoRequestTopicPartitions {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function decodeGetReplicaLogInfoRequest(r: Reader, v: number): GetReplicaLogInfoRequest {
  let _topicPartitions: GetReplicaLogInfoRequestTopicPartitions[] | null;
  {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topicPartitions = null;
    else {
      const _a: GetReplicaLogInfoRequestTopicPartitions[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeGetReplicaLogInfoRequestTopicPartitions(r, v));
      }
      _topicPartitions = _a;
    }
  }
  r.skipTaggedFields();
  return { topicPartitions: _topicPartitions };
}

export function encodeGetReplicaLogInfoRequest(w: Writer, m: GetReplicaLogInfoRequest, v: number): void {
  {
    const _a = m.topicPartitions;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeGetReplicaLogInfoRequestTopicPartitions(w, _e, v);
      }
    }
  }
  w.uvarint(0);
}

function decodeGetReplicaLogInfoRequestTopicPartitions(
  r: Reader,
  _v: number,
): GetReplicaLogInfoRequestTopicPartitions {
  const _topicId = r.uuid();
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
  return { topicId: _topicId, partitions: _partitions };
}

function encodeGetReplicaLogInfoRequestTopicPartitions(
  w: Writer,
  m: GetReplicaLogInfoRequestTopicPartitions,
  _v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

// GetReplicaLogInfoResponse: versions 0, flexible 0+, api key 93.

export interface GetReplicaLogInfoResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  brokerEpoch: number;
  /** v0+ */
  truncated: boolean;
  /** v0+ */
  topicPartitionLogInfoList: GetReplicaLogInfoResponseTopicPartitionLogInfo[];
}

export interface GetReplicaLogInfoResponseTopicPartitionLogInfo {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitionLogInfo: GetReplicaLogInfoResponsePartitionLogInfo[];
}

export interface GetReplicaLogInfoResponsePartitionLogInfo {
  /** v0+ */
  partition: number;
  /** v0+ */
  lastWrittenLeaderEpoch: number;
  /** v0+ */
  currentLeaderEpoch: number;
  /** v0+ */
  logEndOffset: number;
  /** v0+ */
  errorCode: number;
}

export function createGetReplicaLogInfoResponse(
  init?: Partial<GetReplicaLogInfoResponse>,
): GetReplicaLogInfoResponse {
  return { throttleTimeMs: 0, brokerEpoch: 0, truncated: false, topicPartitionLogInfoList: [], ...init };
}

export function createGetReplicaLogInfoResponseTopicPartitionLogInfo(
  init?: Partial<GetReplicaLogInfoResponseTopicPartitionLogInfo>,
): GetReplicaLogInfoResponseTopicPartitionLogInfo {
  return { topicId: ZERO_UUID, partitionLogInfo: [], ...init };
}

export function createGetReplicaLogInfoResponsePartitionLogInfo(
  init?: Partial<GetReplicaLogInfoResponsePartitionLogInfo>,
): GetReplicaLogInfoResponsePartitionLogInfo {
  return {
    partition: 0,
    lastWrittenLeaderEpoch: 0,
    currentLeaderEpoch: 0,
    logEndOffset: 0,
    errorCode: 0,
    ...init,
  };
}

export function decodeGetReplicaLogInfoResponse(r: Reader, v: number): GetReplicaLogInfoResponse {
  const _throttleTimeMs = r.int32();
  const _brokerEpoch = r.int64();
  const _truncated = r.bool();
  let _topicPartitionLogInfoList: GetReplicaLogInfoResponseTopicPartitionLogInfo[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: GetReplicaLogInfoResponseTopicPartitionLogInfo[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeGetReplicaLogInfoResponseTopicPartitionLogInfo(r, v));
    }
    _topicPartitionLogInfoList = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    brokerEpoch: _brokerEpoch,
    truncated: _truncated,
    topicPartitionLogInfoList: _topicPartitionLogInfoList,
  };
}

export function encodeGetReplicaLogInfoResponse(w: Writer, m: GetReplicaLogInfoResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int64(m.brokerEpoch);
  w.bool(m.truncated);
  {
    const _a = m.topicPartitionLogInfoList;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeGetReplicaLogInfoResponseTopicPartitionLogInfo(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeGetReplicaLogInfoResponseTopicPartitionLogInfo(
  r: Reader,
  v: number,
): GetReplicaLogInfoResponseTopicPartitionLogInfo {
  const _topicId = r.uuid();
  let _partitionLogInfo: GetReplicaLogInfoResponsePartitionLogInfo[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: GetReplicaLogInfoResponsePartitionLogInfo[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeGetReplicaLogInfoResponsePartitionLogInfo(r, v));
    }
    _partitionLogInfo = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitionLogInfo: _partitionLogInfo };
}

function encodeGetReplicaLogInfoResponseTopicPartitionLogInfo(
  w: Writer,
  m: GetReplicaLogInfoResponseTopicPartitionLogInfo,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitionLogInfo;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeGetReplicaLogInfoResponsePartitionLogInfo(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeGetReplicaLogInfoResponsePartitionLogInfo(
  r: Reader,
  _v: number,
): GetReplicaLogInfoResponsePartitionLogInfo {
  const _partition = r.int32();
  const _lastWrittenLeaderEpoch = r.int32();
  const _currentLeaderEpoch = r.int32();
  const _logEndOffset = r.int64();
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return {
    partition: _partition,
    lastWrittenLeaderEpoch: _lastWrittenLeaderEpoch,
    currentLeaderEpoch: _currentLeaderEpoch,
    logEndOffset: _logEndOffset,
    errorCode: _errorCode,
  };
}

function encodeGetReplicaLogInfoResponsePartitionLogInfo(
  w: Writer,
  m: GetReplicaLogInfoResponsePartitionLogInfo,
  _v: number,
): void {
  w.int32(m.partition);
  w.int32(m.lastWrittenLeaderEpoch);
  w.int32(m.currentLeaderEpoch);
  w.int64(m.logEndOffset);
  w.int16(m.errorCode);
  w.uvarint(0);
}
