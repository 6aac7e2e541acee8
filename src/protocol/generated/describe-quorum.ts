// Generated from DescribeQuorumRequest.json, DescribeQuorumResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeQuorumRequest: versions 0-2, flexible 0+, api key 55.

export interface DescribeQuorumRequest {
  /** v0+ */
  topics: DescribeQuorumRequestTopicData[];
}

export interface DescribeQuorumRequestTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: DescribeQuorumRequestPartitionData[];
}

export interface DescribeQuorumRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
}

export function createDescribeQuorumRequest(init?: Partial<DescribeQuorumRequest>): DescribeQuorumRequest {
  return { topics: [], ...init };
}

export function createDescribeQuorumRequestTopicData(
  init?: Partial<DescribeQuorumRequestTopicData>,
): DescribeQuorumRequestTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createDescribeQuorumRequestPartitionData(
  init?: Partial<DescribeQuorumRequestPartitionData>,
): DescribeQuorumRequestPartitionData {
  return { partitionIndex: 0, ...init };
}

export function decodeDescribeQuorumRequest(r: Reader, v: number): DescribeQuorumRequest {
  let _topics: DescribeQuorumRequestTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumRequestTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { topics: _topics };
}

export function encodeDescribeQuorumRequest(w: Writer, m: DescribeQuorumRequest, v: number): void {
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumRequestTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumRequestTopicData(r: Reader, v: number): DescribeQuorumRequestTopicData {
  const _topicName = r.compactString();
  let _partitions: DescribeQuorumRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, partitions: _partitions };
}

function encodeDescribeQuorumRequestTopicData(w: Writer, m: DescribeQuorumRequestTopicData, v: number): void {
  w.compactString(m.topicName);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumRequestPartitionData(r: Reader, _v: number): DescribeQuorumRequestPartitionData {
  const _partitionIndex = r.int32();
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex };
}

function encodeDescribeQuorumRequestPartitionData(
  w: Writer,
  m: DescribeQuorumRequestPartitionData,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.uvarint(0);
}

// DescribeQuorumResponse: versions 0-2, flexible 0+, api key 55.

export interface DescribeQuorumResponse {
  /** v0+ */
  errorCode: number;
  /** v2+, nullable v2+ */
  errorMessage: string | null;
  /** v0+ */
  topics: DescribeQuorumResponseTopicData[];
  /** v2+ */
  nodes: DescribeQuorumResponseNode[];
}

export interface DescribeQuorumResponseReplicaState {
  /** v0+ */
  replicaId: number;
  /** v2+ */
  replicaDirectoryId: string;
  /** v0+ */
  logEndOffset: number;
  /** v1+, default -1 */
  lastFetchTimestamp: number;
  /** v1+, default -1 */
  lastCaughtUpTimestamp: number;
}

export interface DescribeQuorumResponseTopicData {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: DescribeQuorumResponsePartitionData[];
}

export interface DescribeQuorumResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v2+, nullable v2+ */
  errorMessage: string | null;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0+ */
  highWatermark: number;
  /** v0+ */
  currentVoters: DescribeQuorumResponseReplicaState[];
  /** v0+ */
  observers: DescribeQuorumResponseReplicaState[];
}

export interface DescribeQuorumResponseNode {
  /** v2+ */
  nodeId: number;
  /** v2+ */
  listeners: DescribeQuorumResponseListener[];
}

export interface DescribeQuorumResponseListener {
  /** v2+ */
  name: string;
  /** v2+ */
  host: string;
  /** v2+ */
  port: number;
}

export function createDescribeQuorumResponse(init?: Partial<DescribeQuorumResponse>): DescribeQuorumResponse {
  return { errorCode: 0, errorMessage: '', topics: [], nodes: [], ...init };
}

export function createDescribeQuorumResponseReplicaState(
  init?: Partial<DescribeQuorumResponseReplicaState>,
): DescribeQuorumResponseReplicaState {
  return {
    replicaId: 0,
    replicaDirectoryId: ZERO_UUID,
    logEndOffset: 0,
    lastFetchTimestamp: -1,
    lastCaughtUpTimestamp: -1,
    ...init,
  };
}

export function createDescribeQuorumResponseTopicData(
  init?: Partial<DescribeQuorumResponseTopicData>,
): DescribeQuorumResponseTopicData {
  return { topicName: '', partitions: [], ...init };
}

export function createDescribeQuorumResponsePartitionData(
  init?: Partial<DescribeQuorumResponsePartitionData>,
): DescribeQuorumResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: '',
    leaderId: 0,
    leaderEpoch: 0,
    highWatermark: 0,
    currentVoters: [],
    observers: [],
    ...init,
  };
}

export function createDescribeQuorumResponseNode(
  init?: Partial<DescribeQuorumResponseNode>,
): DescribeQuorumResponseNode {
  return { nodeId: 0, listeners: [], ...init };
}

export function createDescribeQuorumResponseListener(
  init?: Partial<DescribeQuorumResponseListener>,
): DescribeQuorumResponseListener {
  return { name: '', host: '', port: 0, ...init };
}

export function decodeDescribeQuorumResponse(r: Reader, v: number): DescribeQuorumResponse {
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v >= 2) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = '';
  }
  let _topics: DescribeQuorumResponseTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponseTopicData(r, v));
    }
    _topics = _a;
  }
  let _nodes: DescribeQuorumResponseNode[];
  if (v >= 2) {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponseNode[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponseNode(r, v));
    }
    _nodes = _a;
  } else {
    _nodes = [];
  }
  r.skipTaggedFields();
  return { errorCode: _errorCode, errorMessage: _errorMessage, topics: _topics, nodes: _nodes };
}

export function encodeDescribeQuorumResponse(w: Writer, m: DescribeQuorumResponse, v: number): void {
  w.int16(m.errorCode);
  if (v >= 2) {
    w.compactNullableString(m.errorMessage);
  }
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponseTopicData(w, _e, v);
    }
  }
  if (v >= 2) {
    const _a = m.nodes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponseNode(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumResponseReplicaState(r: Reader, v: number): DescribeQuorumResponseReplicaState {
  const _replicaId = r.int32();
  let _replicaDirectoryId: string;
  if (v >= 2) {
    _replicaDirectoryId = r.uuid();
  } else {
    _replicaDirectoryId = ZERO_UUID;
  }
  const _logEndOffset = r.int64();
  let _lastFetchTimestamp: number;
  if (v >= 1) {
    _lastFetchTimestamp = r.int64();
  } else {
    _lastFetchTimestamp = -1;
  }
  let _lastCaughtUpTimestamp: number;
  if (v >= 1) {
    _lastCaughtUpTimestamp = r.int64();
  } else {
    _lastCaughtUpTimestamp = -1;
  }
  r.skipTaggedFields();
  return {
    replicaId: _replicaId,
    replicaDirectoryId: _replicaDirectoryId,
    logEndOffset: _logEndOffset,
    lastFetchTimestamp: _lastFetchTimestamp,
    lastCaughtUpTimestamp: _lastCaughtUpTimestamp,
  };
}

function encodeDescribeQuorumResponseReplicaState(
  w: Writer,
  m: DescribeQuorumResponseReplicaState,
  v: number,
): void {
  w.int32(m.replicaId);
  if (v >= 2) {
    w.uuid(m.replicaDirectoryId);
  }
  w.int64(m.logEndOffset);
  if (v >= 1) {
    w.int64(m.lastFetchTimestamp);
  }
  if (v >= 1) {
    w.int64(m.lastCaughtUpTimestamp);
  }
  w.uvarint(0);
}

function decodeDescribeQuorumResponseTopicData(r: Reader, v: number): DescribeQuorumResponseTopicData {
  const _topicName = r.compactString();
  let _partitions: DescribeQuorumResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, partitions: _partitions };
}

function encodeDescribeQuorumResponseTopicData(
  w: Writer,
  m: DescribeQuorumResponseTopicData,
  v: number,
): void {
  w.compactString(m.topicName);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumResponsePartitionData(
  r: Reader,
  v: number,
): DescribeQuorumResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v >= 2) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = '';
  }
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  const _highWatermark = r.int64();
  let _currentVoters: DescribeQuorumResponseReplicaState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponseReplicaState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponseReplicaState(r, v));
    }
    _currentVoters = _a;
  }
  let _observers: DescribeQuorumResponseReplicaState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponseReplicaState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponseReplicaState(r, v));
    }
    _observers = _a;
  }
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    highWatermark: _highWatermark,
    currentVoters: _currentVoters,
    observers: _observers,
  };
}

function encodeDescribeQuorumResponsePartitionData(
  w: Writer,
  m: DescribeQuorumResponsePartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 2) {
    w.compactNullableString(m.errorMessage);
  }
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.int64(m.highWatermark);
  {
    const _a = m.currentVoters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponseReplicaState(w, _e, v);
    }
  }
  {
    const _a = m.observers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponseReplicaState(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumResponseNode(r: Reader, v: number): DescribeQuorumResponseNode {
  const _nodeId = r.int32();
  let _listeners: DescribeQuorumResponseListener[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeQuorumResponseListener[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeQuorumResponseListener(r, v));
    }
    _listeners = _a;
  }
  r.skipTaggedFields();
  return { nodeId: _nodeId, listeners: _listeners };
}

function encodeDescribeQuorumResponseNode(w: Writer, m: DescribeQuorumResponseNode, v: number): void {
  w.int32(m.nodeId);
  {
    const _a = m.listeners;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeQuorumResponseListener(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeQuorumResponseListener(r: Reader, _v: number): DescribeQuorumResponseListener {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeDescribeQuorumResponseListener(
  w: Writer,
  m: DescribeQuorumResponseListener,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}
