// Generated from FetchSnapshotRequest.json, FetchSnapshotResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { EMPTY_BYTES, ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Records, Writer } from '../writer.js';

// FetchSnapshotRequest: versions 0-1, flexible 0+, api key 59.

export interface FetchSnapshotRequest {
  /** v0+, nullable v0+, tag 0 v0+, default null */
  clusterId: string | null;
  /** v0+, default -1 */
  replicaId: number;
  /** v0+, default 0x7fffffff */
  maxBytes: number;
  /** v0+ */
  topics: FetchSnapshotRequestTopicSnapshot[];
}

export interface FetchSnapshotRequestTopicSnapshot {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: FetchSnapshotRequestPartitionSnapshot[];
}

export interface FetchSnapshotRequestPartitionSnapshot {
  /** v0+ */
  partition: number;
  /** v0+ */
  currentLeaderEpoch: number;
  /** v0+ */
  snapshotId: FetchSnapshotRequestSnapshotId;
  /** v0+ */
  position: number;
  /** v1+, tag 0 v1+ */
  replicaDirectoryId: string;
}

export interface FetchSnapshotRequestSnapshotId {
  /** v0+ */
  endOffset: number;
  /** v0+ */
  epoch: number;
}

export function createFetchSnapshotRequest(init?: Partial<FetchSnapshotRequest>): FetchSnapshotRequest {
  return { clusterId: null, replicaId: -1, maxBytes: 2147483647, topics: [], ...init };
}

export function createFetchSnapshotRequestTopicSnapshot(
  init?: Partial<FetchSnapshotRequestTopicSnapshot>,
): FetchSnapshotRequestTopicSnapshot {
  return { name: '', partitions: [], ...init };
}

export function createFetchSnapshotRequestPartitionSnapshot(
  init?: Partial<FetchSnapshotRequestPartitionSnapshot>,
): FetchSnapshotRequestPartitionSnapshot {
  return {
    partition: 0,
    currentLeaderEpoch: 0,
    snapshotId: createFetchSnapshotRequestSnapshotId(),
    position: 0,
    replicaDirectoryId: ZERO_UUID,
    ...init,
  };
}

export function createFetchSnapshotRequestSnapshotId(
  init?: Partial<FetchSnapshotRequestSnapshotId>,
): FetchSnapshotRequestSnapshotId {
  return { endOffset: 0, epoch: 0, ...init };
}

export function decodeFetchSnapshotRequest(r: Reader, v: number): FetchSnapshotRequest {
  let _clusterId: string | null = null;
  const _replicaId = r.int32();
  const _maxBytes = r.int32();
  let _topics: FetchSnapshotRequestTopicSnapshot[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchSnapshotRequestTopicSnapshot[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchSnapshotRequestTopicSnapshot(r, v));
    }
    _topics = _a;
  }
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _clusterId = r.compactNullableString();
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return { clusterId: _clusterId, replicaId: _replicaId, maxBytes: _maxBytes, topics: _topics };
}

export function encodeFetchSnapshotRequest(w: Writer, m: FetchSnapshotRequest, v: number): void {
  w.int32(m.replicaId);
  w.int32(m.maxBytes);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchSnapshotRequestTopicSnapshot(w, _e, v);
    }
  }
  let _nt = 0;
  const _tclusterId = m.clusterId !== null;
  if (_tclusterId) _nt++;
  w.uvarint(_nt);
  if (_tclusterId) {
    const _mk = w.beginTaggedField(0);
    w.compactNullableString(m.clusterId);
    w.endTaggedField(_mk);
  }
}

function decodeFetchSnapshotRequestTopicSnapshot(r: Reader, v: number): FetchSnapshotRequestTopicSnapshot {
  const _name = r.compactString();
  let _partitions: FetchSnapshotRequestPartitionSnapshot[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchSnapshotRequestPartitionSnapshot[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchSnapshotRequestPartitionSnapshot(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeFetchSnapshotRequestTopicSnapshot(
  w: Writer,
  m: FetchSnapshotRequestTopicSnapshot,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchSnapshotRequestPartitionSnapshot(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeFetchSnapshotRequestPartitionSnapshot(
  r: Reader,
  v: number,
): FetchSnapshotRequestPartitionSnapshot {
  const _partition = r.int32();
  const _currentLeaderEpoch = r.int32();
  const _snapshotId = decodeFetchSnapshotRequestSnapshotId(r, v);
  const _position = r.int64();
  let _replicaDirectoryId: string = ZERO_UUID;
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        if (v >= 1) {
          _replicaDirectoryId = r.uuid();
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    partition: _partition,
    currentLeaderEpoch: _currentLeaderEpoch,
    snapshotId: _snapshotId,
    position: _position,
    replicaDirectoryId: _replicaDirectoryId,
  };
}

function encodeFetchSnapshotRequestPartitionSnapshot(
  w: Writer,
  m: FetchSnapshotRequestPartitionSnapshot,
  v: number,
): void {
  w.int32(m.partition);
  w.int32(m.currentLeaderEpoch);
  encodeFetchSnapshotRequestSnapshotId(w, m.snapshotId, v);
  w.int64(m.position);
  let _nt = 0;
  const _treplicaDirectoryId = v >= 1 && m.replicaDirectoryId !== ZERO_UUID;
  if (_treplicaDirectoryId) _nt++;
  w.uvarint(_nt);
  if (_treplicaDirectoryId) {
    const _mk = w.beginTaggedField(0);
    w.uuid(m.replicaDirectoryId);
    w.endTaggedField(_mk);
  }
}

function decodeFetchSnapshotRequestSnapshotId(r: Reader, _v: number): FetchSnapshotRequestSnapshotId {
  const _endOffset = r.int64();
  const _epoch = r.int32();
  r.skipTaggedFields();
  return { endOffset: _endOffset, epoch: _epoch };
}

function encodeFetchSnapshotRequestSnapshotId(
  w: Writer,
  m: FetchSnapshotRequestSnapshotId,
  _v: number,
): void {
  w.int64(m.endOffset);
  w.int32(m.epoch);
  w.uvarint(0);
}

// FetchSnapshotResponse: versions 0-1, flexible 0+, api key 59.

export interface FetchSnapshotResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  topics: FetchSnapshotResponseTopicSnapshot[];
  /** v1+, tag 0 v1+ */
  nodeEndpoints: FetchSnapshotResponseNodeEndpoint[];
}

export interface FetchSnapshotResponseTopicSnapshot {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: FetchSnapshotResponsePartitionSnapshot[];
}

export interface FetchSnapshotResponsePartitionSnapshot {
  /** v0+ */
  index: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  snapshotId: FetchSnapshotResponseSnapshotId;
  /** v0+, tag 0 v0+ */
  currentLeader: FetchSnapshotResponseLeaderIdAndEpoch;
  /** v0+ */
  size: number;
  /** v0+ */
  position: number;
  /** v0+ */
  unalignedRecords: Records;
}

export interface FetchSnapshotResponseSnapshotId {
  /** v0+ */
  endOffset: number;
  /** v0+ */
  epoch: number;
}

export interface FetchSnapshotResponseLeaderIdAndEpoch {
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface FetchSnapshotResponseNodeEndpoint {
  /** v1+ */
  nodeId: number;
  /** v1+ */
  host: string;
  /** v1+ */
  port: number;
}

export function createFetchSnapshotResponse(init?: Partial<FetchSnapshotResponse>): FetchSnapshotResponse {
  return { throttleTimeMs: 0, errorCode: 0, topics: [], nodeEndpoints: [], ...init };
}

export function createFetchSnapshotResponseTopicSnapshot(
  init?: Partial<FetchSnapshotResponseTopicSnapshot>,
): FetchSnapshotResponseTopicSnapshot {
  return { name: '', partitions: [], ...init };
}

export function createFetchSnapshotResponsePartitionSnapshot(
  init?: Partial<FetchSnapshotResponsePartitionSnapshot>,
): FetchSnapshotResponsePartitionSnapshot {
  return {
    index: 0,
    errorCode: 0,
    snapshotId: createFetchSnapshotResponseSnapshotId(),
    currentLeader: createFetchSnapshotResponseLeaderIdAndEpoch(),
    size: 0,
    position: 0,
    unalignedRecords: EMPTY_BYTES,
    ...init,
  };
}

export function createFetchSnapshotResponseSnapshotId(
  init?: Partial<FetchSnapshotResponseSnapshotId>,
): FetchSnapshotResponseSnapshotId {
  return { endOffset: 0, epoch: 0, ...init };
}

export function createFetchSnapshotResponseLeaderIdAndEpoch(
  init?: Partial<FetchSnapshotResponseLeaderIdAndEpoch>,
): FetchSnapshotResponseLeaderIdAndEpoch {
  return { leaderId: 0, leaderEpoch: 0, ...init };
}

export function createFetchSnapshotResponseNodeEndpoint(
  init?: Partial<FetchSnapshotResponseNodeEndpoint>,
): FetchSnapshotResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, ...init };
}

export function decodeFetchSnapshotResponse(r: Reader, v: number): FetchSnapshotResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _topics: FetchSnapshotResponseTopicSnapshot[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchSnapshotResponseTopicSnapshot[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchSnapshotResponseTopicSnapshot(r, v));
    }
    _topics = _a;
  }
  let _nodeEndpoints: FetchSnapshotResponseNodeEndpoint[] = [];
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        if (v >= 1) {
          const _n = r.compactArrayLength(1, false);
          const _a: FetchSnapshotResponseNodeEndpoint[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeFetchSnapshotResponseNodeEndpoint(r, v));
          }
          _nodeEndpoints = _a;
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    topics: _topics,
    nodeEndpoints: _nodeEndpoints,
  };
}

export function encodeFetchSnapshotResponse(w: Writer, m: FetchSnapshotResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchSnapshotResponseTopicSnapshot(w, _e, v);
    }
  }
  let _nt = 0;
  const _tnodeEndpoints = v >= 1 && m.nodeEndpoints.length > 0;
  if (_tnodeEndpoints) _nt++;
  w.uvarint(_nt);
  if (_tnodeEndpoints) {
    const _mk = w.beginTaggedField(0);
    const _a = m.nodeEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchSnapshotResponseNodeEndpoint(w, _e, v);
    }
    w.endTaggedField(_mk);
  }
}

function decodeFetchSnapshotResponseTopicSnapshot(r: Reader, v: number): FetchSnapshotResponseTopicSnapshot {
  const _name = r.compactString();
  let _partitions: FetchSnapshotResponsePartitionSnapshot[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: FetchSnapshotResponsePartitionSnapshot[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeFetchSnapshotResponsePartitionSnapshot(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { name: _name, partitions: _partitions };
}

function encodeFetchSnapshotResponseTopicSnapshot(
  w: Writer,
  m: FetchSnapshotResponseTopicSnapshot,
  v: number,
): void {
  w.compactString(m.name);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeFetchSnapshotResponsePartitionSnapshot(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeFetchSnapshotResponsePartitionSnapshot(
  r: Reader,
  v: number,
): FetchSnapshotResponsePartitionSnapshot {
  const _index = r.int32();
  const _errorCode = r.int16();
  const _snapshotId = decodeFetchSnapshotResponseSnapshotId(r, v);
  let _currentLeader: FetchSnapshotResponseLeaderIdAndEpoch = createFetchSnapshotResponseLeaderIdAndEpoch();
  const _size = r.int64();
  const _position = r.int64();
  const _unalignedRecords = r.compactBytes();
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _currentLeader = decodeFetchSnapshotResponseLeaderIdAndEpoch(r, v);
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    index: _index,
    errorCode: _errorCode,
    snapshotId: _snapshotId,
    currentLeader: _currentLeader,
    size: _size,
    position: _position,
    unalignedRecords: _unalignedRecords,
  };
}

function encodeFetchSnapshotResponsePartitionSnapshot(
  w: Writer,
  m: FetchSnapshotResponsePartitionSnapshot,
  v: number,
): void {
  w.int32(m.index);
  w.int16(m.errorCode);
  encodeFetchSnapshotResponseSnapshotId(w, m.snapshotId, v);
  w.int64(m.size);
  w.int64(m.position);
  w.records(m.unalignedRecords, true, false);
  let _nt = 0;
  const _tcurrentLeader = !isDefaultFetchSnapshotResponseLeaderIdAndEpoch(m.currentLeader);
  if (_tcurrentLeader) _nt++;
  w.uvarint(_nt);
  if (_tcurrentLeader) {
    const _mk = w.beginTaggedField(0);
    encodeFetchSnapshotResponseLeaderIdAndEpoch(w, m.currentLeader, v);
    w.endTaggedField(_mk);
  }
}

function decodeFetchSnapshotResponseSnapshotId(r: Reader, _v: number): FetchSnapshotResponseSnapshotId {
  const _endOffset = r.int64();
  const _epoch = r.int32();
  r.skipTaggedFields();
  return { endOffset: _endOffset, epoch: _epoch };
}

function encodeFetchSnapshotResponseSnapshotId(
  w: Writer,
  m: FetchSnapshotResponseSnapshotId,
  _v: number,
): void {
  w.int64(m.endOffset);
  w.int32(m.epoch);
  w.uvarint(0);
}

function decodeFetchSnapshotResponseLeaderIdAndEpoch(
  r: Reader,
  _v: number,
): FetchSnapshotResponseLeaderIdAndEpoch {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch };
}

function encodeFetchSnapshotResponseLeaderIdAndEpoch(
  w: Writer,
  m: FetchSnapshotResponseLeaderIdAndEpoch,
  _v: number,
): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

function decodeFetchSnapshotResponseNodeEndpoint(r: Reader, _v: number): FetchSnapshotResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port };
}

function encodeFetchSnapshotResponseNodeEndpoint(
  w: Writer,
  m: FetchSnapshotResponseNodeEndpoint,
  _v: number,
): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

function isDefaultFetchSnapshotResponseLeaderIdAndEpoch(m: FetchSnapshotResponseLeaderIdAndEpoch): boolean {
  return !(m.leaderId !== 0) && !(m.leaderEpoch !== 0);
}
