// Generated from FetchRequest.json, FetchResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Records, Writer } from '../writer.js';

// FetchRequest: versions 0-17, flexible 12+, api key 1.

export interface FetchRequest {
  /** v12+, nullable v12+, tag 0 v12+, default null */
  clusterId: string | null;
  /** v0-14, default -1 */
  replicaId: number;
  /** v15+, tag 1 v15+ */
  replicaState: FetchRequestReplicaState;
  /** v0+ */
  maxWaitMs: number;
  /** v0+ */
  minBytes: number;
  /** v3+, default 0x7fffffff */
  maxBytes: number;
  /** v4+, default 0 */
  isolationLevel: number;
  /** v7+, default 0 */
  sessionId: number;
  /** v7+, default -1 */
  sessionEpoch: number;
  /** v0+ */
  topics: FetchRequestFetchTopic[];
  /** v7+ */
  forgottenTopicsData: FetchRequestForgottenTopic[];
  /** v11+, default  */
  rackId: string;
}

export interface FetchRequestReplicaState {
  /** v15+, default -1 */
  replicaId: number;
  /** v15+, default -1 */
  replicaEpoch: number;
}

export interface FetchRequestFetchTopic {
  /** v0-12 */
  topic: string;
  /** v13+ */
  topicId: string;
  /** v0+ */
  partitions: FetchRequestFetchPartition[];
}

export interface FetchRequestFetchPartition {
  /** v0+ */
  partition: number;
  /** v9+, default -1 */
  currentLeaderEpoch: number;
  /** v0+ */
  fetchOffset: number;
  /** v12+, default -1 */
  lastFetchedEpoch: number;
  /** v5+, default -1 */
  logStartOffset: number;
  /** v0+ */
  partitionMaxBytes: number;
  /** v17+, tag 0 v17+ */
  replicaDirectoryId: string;
}

export interface FetchRequestForgottenTopic {
  /** v7-12 */
  topic: string;
  /** v13+ */
  topicId: string;
  /** v7+ */
  partitions: number[];
}

export function createFetchRequest(init?: Partial<FetchRequest>): FetchRequest {
  return {
    clusterId: null,
    replicaId: -1,
    replicaState: createFetchRequestReplicaState(),
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 2147483647,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [],
    forgottenTopicsData: [],
    rackId: '',
    ...init,
  };
}

export function createFetchRequestReplicaState(
  init?: Partial<FetchRequestReplicaState>,
): FetchRequestReplicaState {
  return { replicaId: -1, replicaEpoch: -1, ...init };
}

export function createFetchRequestFetchTopic(init?: Partial<FetchRequestFetchTopic>): FetchRequestFetchTopic {
  return { topic: '', topicId: ZERO_UUID, partitions: [], ...init };
}

export function createFetchRequestFetchPartition(
  init?: Partial<FetchRequestFetchPartition>,
): FetchRequestFetchPartition {
  return {
    partition: 0,
    currentLeaderEpoch: -1,
    fetchOffset: 0,
    lastFetchedEpoch: -1,
    logStartOffset: -1,
    partitionMaxBytes: 0,
    replicaDirectoryId: ZERO_UUID,
    ...init,
  };
}

export function createFetchRequestForgottenTopic(
  init?: Partial<FetchRequestForgottenTopic>,
): FetchRequestForgottenTopic {
  return { topic: '', topicId: ZERO_UUID, partitions: [], ...init };
}

export function decodeFetchRequest(r: Reader, v: number): FetchRequest {
  let _clusterId: string | null = null;
  let _replicaId: number;
  if (v <= 14) {
    _replicaId = r.int32();
  } else {
    _replicaId = -1;
  }
  let _replicaState: FetchRequestReplicaState = createFetchRequestReplicaState();
  const _maxWaitMs = r.int32();
  const _minBytes = r.int32();
  let _maxBytes: number;
  if (v >= 3) {
    _maxBytes = r.int32();
  } else {
    _maxBytes = 2147483647;
  }
  let _isolationLevel: number;
  if (v >= 4) {
    _isolationLevel = r.int8();
  } else {
    _isolationLevel = 0;
  }
  let _sessionId: number;
  if (v >= 7) {
    _sessionId = r.int32();
  } else {
    _sessionId = 0;
  }
  let _sessionEpoch: number;
  if (v >= 7) {
    _sessionEpoch = r.int32();
  } else {
    _sessionEpoch = -1;
  }
  let _topics: FetchRequestFetchTopic[];
  if (v <= 11) {
    const _n = r.arrayLength(1, false);
    const _a: FetchRequestFetchTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestFetchTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchRequestFetchTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestFetchTopic(r, v));
    }
    _topics = _a;
  }
  let _forgottenTopicsData: FetchRequestForgottenTopic[];
  if (v >= 7 && v <= 11) {
    const _n = r.arrayLength(1, false);
    const _a: FetchRequestForgottenTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestForgottenTopic(r, v));
    }
    _forgottenTopicsData = _a;
  } else if (v >= 12) {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchRequestForgottenTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestForgottenTopic(r, v));
    }
    _forgottenTopicsData = _a;
  } else {
    _forgottenTopicsData = [];
  }
  let _rackId: string;
  if (v === 11) {
    _rackId = r.string();
  } else if (v >= 12) {
    _rackId = r.compactString();
  } else {
    _rackId = '';
  }
  if (v >= 12) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          _clusterId = r.compactNullableString();
          break;
        }
        case 1: {
          if (v >= 15) {
            _replicaState = decodeFetchRequestReplicaState(r, v);
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    clusterId: _clusterId,
    replicaId: _replicaId,
    replicaState: _replicaState,
    maxWaitMs: _maxWaitMs,
    minBytes: _minBytes,
    maxBytes: _maxBytes,
    isolationLevel: _isolationLevel,
    sessionId: _sessionId,
    sessionEpoch: _sessionEpoch,
    topics: _topics,
    forgottenTopicsData: _forgottenTopicsData,
    rackId: _rackId,
  };
}

export function encodeFetchRequest(w: Writer, m: FetchRequest, v: number): void {
  if (v <= 14) {
    w.int32(m.replicaId);
  }
  w.int32(m.maxWaitMs);
  w.int32(m.minBytes);
  if (v >= 3) {
    w.int32(m.maxBytes);
  }
  if (v >= 4) {
    w.int8(m.isolationLevel);
  }
  if (v >= 7) {
    w.int32(m.sessionId);
  }
  if (v >= 7) {
    w.int32(m.sessionEpoch);
  }
  if (v <= 11) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestFetchTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestFetchTopic(w, _e, v);
    }
  }
  if (v >= 7 && v <= 11) {
    const _a = m.forgottenTopicsData;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestForgottenTopic(w, _e, v);
    }
  } else if (v >= 12) {
    const _a = m.forgottenTopicsData;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestForgottenTopic(w, _e, v);
    }
  }
  if (v === 11) {
    w.string(m.rackId);
  } else if (v >= 12) {
    w.compactString(m.rackId);
  }
  if (v >= 12) {
    let _nt = 0;
    const _tclusterId = m.clusterId !== null;
    if (_tclusterId) _nt++;
    const _treplicaState = v >= 15 && !isDefaultFetchRequestReplicaState(m.replicaState);
    if (_treplicaState) _nt++;
    w.uvarint(_nt);
    if (_tclusterId) {
      const _mk = w.beginTaggedField(0);
      w.compactNullableString(m.clusterId);
      w.endTaggedField(_mk);
    }
    if (_treplicaState) {
      const _mk = w.beginTaggedField(1);
      encodeFetchRequestReplicaState(w, m.replicaState, v);
      w.endTaggedField(_mk);
    }
  }
}

function decodeFetchRequestReplicaState(r: Reader, _v: number): FetchRequestReplicaState {
  const _replicaId = r.int32();
  const _replicaEpoch = r.int64();
  r.skipTaggedFields();
  return { replicaId: _replicaId, replicaEpoch: _replicaEpoch };
}

function encodeFetchRequestReplicaState(w: Writer, m: FetchRequestReplicaState, _v: number): void {
  w.int32(m.replicaId);
  w.int64(m.replicaEpoch);
  w.uvarint(0);
}

function decodeFetchRequestFetchTopic(r: Reader, v: number): FetchRequestFetchTopic {
  let _topic: string;
  if (v <= 11) {
    _topic = r.string();
  } else if (v === 12) {
    _topic = r.compactString();
  } else {
    _topic = '';
  }
  let _topicId: string;
  if (v >= 13) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitions: FetchRequestFetchPartition[];
  if (v <= 11) {
    const _n = r.arrayLength(1, false);
    const _a: FetchRequestFetchPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestFetchPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchRequestFetchPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchRequestFetchPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 12) {
    r.skipTaggedFields();
  }
  return { topic: _topic, topicId: _topicId, partitions: _partitions };
}

function encodeFetchRequestFetchTopic(w: Writer, m: FetchRequestFetchTopic, v: number): void {
  if (v <= 11) {
    w.string(m.topic);
  } else if (v === 12) {
    w.compactString(m.topic);
  }
  if (v >= 13) {
    w.uuid(m.topicId);
  }
  if (v <= 11) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestFetchPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchRequestFetchPartition(w, _e, v);
    }
  }
  if (v >= 12) {
    w.uvarint(0);
  }
}

function decodeFetchRequestFetchPartition(r: Reader, v: number): FetchRequestFetchPartition {
  const _partition = r.int32();
  let _currentLeaderEpoch: number;
  if (v >= 9) {
    _currentLeaderEpoch = r.int32();
  } else {
    _currentLeaderEpoch = -1;
  }
  const _fetchOffset = r.int64();
  let _lastFetchedEpoch: number;
  if (v >= 12) {
    _lastFetchedEpoch = r.int32();
  } else {
    _lastFetchedEpoch = -1;
  }
  let _logStartOffset: number;
  if (v >= 5) {
    _logStartOffset = r.int64();
  } else {
    _logStartOffset = -1;
  }
  const _partitionMaxBytes = r.int32();
  let _replicaDirectoryId: string = ZERO_UUID;
  if (v >= 12) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          if (v >= 17) {
            _replicaDirectoryId = r.uuid();
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    partition: _partition,
    currentLeaderEpoch: _currentLeaderEpoch,
    fetchOffset: _fetchOffset,
    lastFetchedEpoch: _lastFetchedEpoch,
    logStartOffset: _logStartOffset,
    partitionMaxBytes: _partitionMaxBytes,
    replicaDirectoryId: _replicaDirectoryId,
  };
}

function encodeFetchRequestFetchPartition(w: Writer, m: FetchRequestFetchPartition, v: number): void {
  w.int32(m.partition);
  if (v >= 9) {
    w.int32(m.currentLeaderEpoch);
  }
  w.int64(m.fetchOffset);
  if (v >= 12) {
    w.int32(m.lastFetchedEpoch);
  }
  if (v >= 5) {
    w.int64(m.logStartOffset);
  }
  w.int32(m.partitionMaxBytes);
  if (v >= 12) {
    let _nt = 0;
    const _treplicaDirectoryId = v >= 17 && m.replicaDirectoryId !== ZERO_UUID;
    if (_treplicaDirectoryId) _nt++;
    w.uvarint(_nt);
    if (_treplicaDirectoryId) {
      const _mk = w.beginTaggedField(0);
      w.uuid(m.replicaDirectoryId);
      w.endTaggedField(_mk);
    }
  }
}

function decodeFetchRequestForgottenTopic(r: Reader, v: number): FetchRequestForgottenTopic {
  let _topic: string;
  if (v <= 11) {
    _topic = r.string();
  } else if (v === 12) {
    _topic = r.compactString();
  } else {
    _topic = '';
  }
  let _topicId: string;
  if (v >= 13) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitions: number[];
  if (v <= 11) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  if (v >= 12) {
    r.skipTaggedFields();
  }
  return { topic: _topic, topicId: _topicId, partitions: _partitions };
}

function encodeFetchRequestForgottenTopic(w: Writer, m: FetchRequestForgottenTopic, v: number): void {
  if (v <= 11) {
    w.string(m.topic);
  } else if (v === 12) {
    w.compactString(m.topic);
  }
  if (v >= 13) {
    w.uuid(m.topicId);
  }
  if (v <= 11) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 12) {
    w.uvarint(0);
  }
}

function isDefaultFetchRequestReplicaState(m: FetchRequestReplicaState): boolean {
  return !(m.replicaId !== -1) && !(m.replicaEpoch !== -1);
}

// FetchResponse: versions 0-17, flexible 12+, api key 1.

export interface FetchResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v7+ */
  errorCode: number;
  /** v7+, default 0 */
  sessionId: number;
  /** v0+ */
  responses: FetchResponseFetchableTopicResponse[];
  /** v16+, tag 0 v16+ */
  nodeEndpoints: FetchResponseNodeEndpoint[];
}

export interface FetchResponseFetchableTopicResponse {
  /** v0-12 */
  topic: string;
  /** v13+ */
  topicId: string;
  /** v0+ */
  partitions: FetchResponsePartitionData[];
}

export interface FetchResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  highWatermark: number;
  /** v4+, default -1 */
  lastStableOffset: number;
  /** v5+, default -1 */
  logStartOffset: number;
  /** v12+, tag 0 v12+ */
  divergingEpoch: FetchResponseEpochEndOffset;
  /** v12+, tag 1 v12+ */
  currentLeader: FetchResponseLeaderIdAndEpoch;
  /** v12+, tag 2 v12+ */
  snapshotId: FetchResponseSnapshotId;
  /** v4+, nullable v4+ */
  abortedTransactions: FetchResponseAbortedTransaction[] | null;
  /** v11+, default -1 */
  preferredReadReplica: number;
  /** v0+, nullable v0+ */
  records: Records | null;
}

export interface FetchResponseEpochEndOffset {
  /** v12+, default -1 */
  epoch: number;
  /** v12+, default -1 */
  endOffset: number;
}

export interface FetchResponseLeaderIdAndEpoch {
  /** v12+, default -1 */
  leaderId: number;
  /** v12+, default -1 */
  leaderEpoch: number;
}

export interface FetchResponseSnapshotId {
  /** v0+, default -1 */
  endOffset: number;
  /** v0+, default -1 */
  epoch: number;
}

export interface FetchResponseAbortedTransaction {
  /** v4+ */
  producerId: number;
  /** v4+ */
  firstOffset: number;
}

export interface FetchResponseNodeEndpoint {
  /** v16+ */
  nodeId: number;
  /** v16+ */
  host: string;
  /** v16+ */
  port: number;
  /** v16+, nullable v16+, default null */
  rack: string | null;
}

export function createFetchResponse(init?: Partial<FetchResponse>): FetchResponse {
  return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses: [], nodeEndpoints: [], ...init };
}

export function createFetchResponseFetchableTopicResponse(
  init?: Partial<FetchResponseFetchableTopicResponse>,
): FetchResponseFetchableTopicResponse {
  return { topic: '', topicId: ZERO_UUID, partitions: [], ...init };
}

export function createFetchResponsePartitionData(
  init?: Partial<FetchResponsePartitionData>,
): FetchResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    highWatermark: 0,
    lastStableOffset: -1,
    logStartOffset: -1,
    divergingEpoch: createFetchResponseEpochEndOffset(),
    currentLeader: createFetchResponseLeaderIdAndEpoch(),
    snapshotId: createFetchResponseSnapshotId(),
    abortedTransactions: [],
    preferredReadReplica: -1,
    records: null,
    ...init,
  };
}

export function createFetchResponseEpochEndOffset(
  init?: Partial<FetchResponseEpochEndOffset>,
): FetchResponseEpochEndOffset {
  return { epoch: -1, endOffset: -1, ...init };
}

export function createFetchResponseLeaderIdAndEpoch(
  init?: Partial<FetchResponseLeaderIdAndEpoch>,
): FetchResponseLeaderIdAndEpoch {
  return { leaderId: -1, leaderEpoch: -1, ...init };
}

export function createFetchResponseSnapshotId(
  init?: Partial<FetchResponseSnapshotId>,
): FetchResponseSnapshotId {
  return { endOffset: -1, epoch: -1, ...init };
}

export function createFetchResponseAbortedTransaction(
  init?: Partial<FetchResponseAbortedTransaction>,
): FetchResponseAbortedTransaction {
  return { producerId: 0, firstOffset: 0, ...init };
}

export function createFetchResponseNodeEndpoint(
  init?: Partial<FetchResponseNodeEndpoint>,
): FetchResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, rack: null, ...init };
}

export function decodeFetchResponse(r: Reader, v: number): FetchResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _errorCode: number;
  if (v >= 7) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _sessionId: number;
  if (v >= 7) {
    _sessionId = r.int32();
  } else {
    _sessionId = 0;
  }
  let _responses: FetchResponseFetchableTopicResponse[];
  if (v <= 11) {
    const _n = r.arrayLength(1, false);
    const _a: FetchResponseFetchableTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchResponseFetchableTopicResponse(r, v));
    }
    _responses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchResponseFetchableTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchResponseFetchableTopicResponse(r, v));
    }
    _responses = _a;
  }
  let _nodeEndpoints: FetchResponseNodeEndpoint[] = [];
  if (v >= 12) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          if (v >= 16) {
            const _n = r.compactArrayLength(1, false);
            const _a: FetchResponseNodeEndpoint[] = [];
            for (let _i = 0; _i < _n && r.error === null; _i++) {
              _a.push(decodeFetchResponseNodeEndpoint(r, v));
            }
            _nodeEndpoints = _a;
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    sessionId: _sessionId,
    responses: _responses,
    nodeEndpoints: _nodeEndpoints,
  };
}

export function encodeFetchResponse(w: Writer, m: FetchResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v >= 7) {
    w.int16(m.errorCode);
  }
  if (v >= 7) {
    w.int32(m.sessionId);
  }
  if (v <= 11) {
    const _a = m.responses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchResponseFetchableTopicResponse(w, _e, v);
    }
  } else {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchResponseFetchableTopicResponse(w, _e, v);
    }
  }
  if (v >= 12) {
    let _nt = 0;
    const _tnodeEndpoints = v >= 16 && m.nodeEndpoints.length > 0;
    if (_tnodeEndpoints) _nt++;
    w.uvarint(_nt);
    if (_tnodeEndpoints) {
      const _mk = w.beginTaggedField(0);
      const _a = m.nodeEndpoints;
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeFetchResponseNodeEndpoint(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
  }
}

function decodeFetchResponseFetchableTopicResponse(
  r: Reader,
  v: number,
): FetchResponseFetchableTopicResponse {
  let _topic: string;
  if (v <= 11) {
    _topic = r.string();
  } else if (v === 12) {
    _topic = r.compactString();
  } else {
    _topic = '';
  }
  let _topicId: string;
  if (v >= 13) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitions: FetchResponsePartitionData[];
  if (v <= 11) {
    const _n = r.arrayLength(1, false);
    const _a: FetchResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchResponsePartitionData(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  if (v >= 12) {
    r.skipTaggedFields();
  }
  return { topic: _topic, topicId: _topicId, partitions: _partitions };
}

function encodeFetchResponseFetchableTopicResponse(
  w: Writer,
  m: FetchResponseFetchableTopicResponse,
  v: number,
): void {
  if (v <= 11) {
    w.string(m.topic);
  } else if (v === 12) {
    w.compactString(m.topic);
  }
  if (v >= 13) {
    w.uuid(m.topicId);
  }
  if (v <= 11) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchResponsePartitionData(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchResponsePartitionData(w, _e, v);
    }
  }
  if (v >= 12) {
    w.uvarint(0);
  }
}

function decodeFetchResponsePartitionData(r: Reader, v: number): FetchResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _highWatermark = r.int64();
  let _lastStableOffset: number;
  if (v >= 4) {
    _lastStableOffset = r.int64();
  } else {
    _lastStableOffset = -1;
  }
  let _logStartOffset: number;
  if (v >= 5) {
    _logStartOffset = r.int64();
  } else {
    _logStartOffset = -1;
  }
  let _divergingEpoch: FetchResponseEpochEndOffset = createFetchResponseEpochEndOffset();
  let _currentLeader: FetchResponseLeaderIdAndEpoch = createFetchResponseLeaderIdAndEpoch();
  let _snapshotId: FetchResponseSnapshotId = createFetchResponseSnapshotId();
  let _abortedTransactions: FetchResponseAbortedTransaction[] | null;
  if (v >= 4 && v <= 11) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _abortedTransactions = null;
    else {
      const _a: FetchResponseAbortedTransaction[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeFetchResponseAbortedTransaction(r, v));
      }
      _abortedTransactions = _a;
    }
  } else if (v >= 12) {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _abortedTransactions = null;
    else {
      const _a: FetchResponseAbortedTransaction[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeFetchResponseAbortedTransaction(r, v));
      }
      _abortedTransactions = _a;
    }
  } else {
    _abortedTransactions = [];
  }
  let _preferredReadReplica: number;
  if (v >= 11) {
    _preferredReadReplica = r.int32();
  } else {
    _preferredReadReplica = -1;
  }
  let _records: Records | null;
  if (v <= 11) {
    _records = r.nullableBytes();
  } else {
    _records = r.compactNullableBytes();
  }
  if (v >= 12) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          _divergingEpoch = decodeFetchResponseEpochEndOffset(r, v);
          break;
        }
        case 1: {
          _currentLeader = decodeFetchResponseLeaderIdAndEpoch(r, v);
          break;
        }
        case 2: {
          _snapshotId = decodeFetchResponseSnapshotId(r, v);
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    highWatermark: _highWatermark,
    lastStableOffset: _lastStableOffset,
    logStartOffset: _logStartOffset,
    divergingEpoch: _divergingEpoch,
    currentLeader: _currentLeader,
    snapshotId: _snapshotId,
    abortedTransactions: _abortedTransactions,
    preferredReadReplica: _preferredReadReplica,
    records: _records,
  };
}

function encodeFetchResponsePartitionData(w: Writer, m: FetchResponsePartitionData, v: number): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.int64(m.highWatermark);
  if (v >= 4) {
    w.int64(m.lastStableOffset);
  }
  if (v >= 5) {
    w.int64(m.logStartOffset);
  }
  if (v >= 4 && v <= 11) {
    const _a = m.abortedTransactions;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeFetchResponseAbortedTransaction(w, _e, v);
      }
    }
  } else if (v >= 12) {
    const _a = m.abortedTransactions;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeFetchResponseAbortedTransaction(w, _e, v);
      }
    }
  }
  if (v >= 11) {
    w.int32(m.preferredReadReplica);
  }
  if (v <= 11) {
    w.records(m.records, false, true);
  } else {
    w.records(m.records, true, true);
  }
  if (v >= 12) {
    let _nt = 0;
    const _tdivergingEpoch = !isDefaultFetchResponseEpochEndOffset(m.divergingEpoch);
    if (_tdivergingEpoch) _nt++;
    const _tcurrentLeader = !isDefaultFetchResponseLeaderIdAndEpoch(m.currentLeader);
    if (_tcurrentLeader) _nt++;
    const _tsnapshotId = !isDefaultFetchResponseSnapshotId(m.snapshotId);
    if (_tsnapshotId) _nt++;
    w.uvarint(_nt);
    if (_tdivergingEpoch) {
      const _mk = w.beginTaggedField(0);
      encodeFetchResponseEpochEndOffset(w, m.divergingEpoch, v);
      w.endTaggedField(_mk);
    }
    if (_tcurrentLeader) {
      const _mk = w.beginTaggedField(1);
      encodeFetchResponseLeaderIdAndEpoch(w, m.currentLeader, v);
      w.endTaggedField(_mk);
    }
    if (_tsnapshotId) {
      const _mk = w.beginTaggedField(2);
      encodeFetchResponseSnapshotId(w, m.snapshotId, v);
      w.endTaggedField(_mk);
    }
  }
}

function decodeFetchResponseEpochEndOffset(r: Reader, _v: number): FetchResponseEpochEndOffset {
  const _epoch = r.int32();
  const _endOffset = r.int64();
  r.skipTaggedFields();
  return { epoch: _epoch, endOffset: _endOffset };
}

function encodeFetchResponseEpochEndOffset(w: Writer, m: FetchResponseEpochEndOffset, _v: number): void {
  w.int32(m.epoch);
  w.int64(m.endOffset);
  w.uvarint(0);
}

function decodeFetchResponseLeaderIdAndEpoch(r: Reader, _v: number): FetchResponseLeaderIdAndEpoch {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch };
}

function encodeFetchResponseLeaderIdAndEpoch(w: Writer, m: FetchResponseLeaderIdAndEpoch, _v: number): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

function decodeFetchResponseSnapshotId(r: Reader, _v: number): FetchResponseSnapshotId {
  const _endOffset = r.int64();
  const _epoch = r.int32();
  r.skipTaggedFields();
  return { endOffset: _endOffset, epoch: _epoch };
}

function encodeFetchResponseSnapshotId(w: Writer, m: FetchResponseSnapshotId, _v: number): void {
  w.int64(m.endOffset);
  w.int32(m.epoch);
  w.uvarint(0);
}

function decodeFetchResponseAbortedTransaction(r: Reader, v: number): FetchResponseAbortedTransaction {
  const _producerId = r.int64();
  const _firstOffset = r.int64();
  if (v >= 12) {
    r.skipTaggedFields();
  }
  return { producerId: _producerId, firstOffset: _firstOffset };
}

function encodeFetchResponseAbortedTransaction(
  w: Writer,
  m: FetchResponseAbortedTransaction,
  v: number,
): void {
  w.int64(m.producerId);
  w.int64(m.firstOffset);
  if (v >= 12) {
    w.uvarint(0);
  }
}

function decodeFetchResponseNodeEndpoint(r: Reader, _v: number): FetchResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _rack = r.compactNullableString();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port, rack: _rack };
}

function encodeFetchResponseNodeEndpoint(w: Writer, m: FetchResponseNodeEndpoint, _v: number): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.int32(m.port);
  w.compactNullableString(m.rack);
  w.uvarint(0);
}

function isDefaultFetchResponseEpochEndOffset(m: FetchResponseEpochEndOffset): boolean {
  return !(m.epoch !== -1) && !(m.endOffset !== -1);
}

function isDefaultFetchResponseLeaderIdAndEpoch(m: FetchResponseLeaderIdAndEpoch): boolean {
  return !(m.leaderId !== -1) && !(m.leaderEpoch !== -1);
}

function isDefaultFetchResponseSnapshotId(m: FetchResponseSnapshotId): boolean {
  return !(m.endOffset !== -1) && !(m.epoch !== -1);
}
