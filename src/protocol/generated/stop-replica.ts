// Generated from StopReplicaRequest.json, StopReplicaResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// StopReplicaRequest: versions 0-4, flexible 2+, api key 5.

export interface StopReplicaRequest {
  /** v0+ */
  controllerId: number;
  /** v4+, default false */
  isKRaftController: boolean;
  /** v0+ */
  controllerEpoch: number;
  /** v1+, default -1 */
  brokerEpoch: number;
  /** v0-2 */
  deletePartitions: boolean;
  /** v0 */
  ungroupedPartitions: StopReplicaRequestStopReplicaPartitionV0[];
  /** v1-2 */
  topics: StopReplicaRequestStopReplicaTopicV1[];
  /** v3+ */
  topicStates: StopReplicaRequestStopReplicaTopicState[];
}

export interface StopReplicaRequestStopReplicaPartitionV0 {
  /** v0 */
  topicName: string;
  /** v0 */
  partitionIndex: number;
}

export interface StopReplicaRequestStopReplicaTopicV1 {
  /** v1-2 */
  name: string;
  /** v1-2 */
  partitionIndexes: number[];
}

export interface StopReplicaRequestStopReplicaTopicState {
  /** v3+ */
  topicName: string;
  /** v3+ */
  partitionStates: StopReplicaRequestStopReplicaPartitionState[];
}

export interface StopReplicaRequestStopReplicaPartitionState {
  /** v3+ */
  partitionIndex: number;
  /** v3+, default -1 */
  leaderEpoch: number;
  /** v3+ */
  deletePartition: boolean;
}

export function createStopReplicaRequest(init?: Partial<StopReplicaRequest>): StopReplicaRequest {
  return {
    controllerId: 0,
    isKRaftController: false,
    controllerEpoch: 0,
    brokerEpoch: -1,
    deletePartitions: false,
    ungroupedPartitions: [],
    topics: [],
    topicStates: [],
    ...init,
  };
}

export function createStopReplicaRequestStopReplicaPartitionV0(
  init?: Partial<StopReplicaRequestStopReplicaPartitionV0>,
): StopReplicaRequestStopReplicaPartitionV0 {
  return { topicName: '', partitionIndex: 0, ...init };
}

export function createStopReplicaRequestStopReplicaTopicV1(
  init?: Partial<StopReplicaRequestStopReplicaTopicV1>,
): StopReplicaRequestStopReplicaTopicV1 {
  return { name: '', partitionIndexes: [], ...init };
}

export function createStopReplicaRequestStopReplicaTopicState(
  init?: Partial<StopReplicaRequestStopReplicaTopicState>,
): StopReplicaRequestStopReplicaTopicState {
  return { topicName: '', partitionStates: [], ...init };
}

export function createStopReplicaRequestStopReplicaPartitionState(
  init?: Partial<StopReplicaRequestStopReplicaPartitionState>,
): StopReplicaRequestStopReplicaPartitionState {
  return { partitionIndex: 0, leaderEpoch: -1, deletePartition: false, ...init };
}

export function decodeStopReplicaRequest(r: Reader, v: number): StopReplicaRequest {
  const _controllerId = r.int32();
  let _isKRaftController: boolean;
  if (v >= 4) {
    _isKRaftController = r.bool();
  } else {
    _isKRaftController = false;
  }
  const _controllerEpoch = r.int32();
  let _brokerEpoch: number;
  if (v >= 1) {
    _brokerEpoch = r.int64();
  } else {
    _brokerEpoch = -1;
  }
  let _deletePartitions: boolean;
  if (v <= 2) {
    _deletePartitions = r.bool();
  } else {
    _deletePartitions = false;
  }
  let _ungroupedPartitions: StopReplicaRequestStopReplicaPartitionV0[];
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: StopReplicaRequestStopReplicaPartitionV0[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaRequestStopReplicaPartitionV0(r, v));
    }
    _ungroupedPartitions = _a;
  } else {
    _ungroupedPartitions = [];
  }
  let _topics: StopReplicaRequestStopReplicaTopicV1[];
  if (v === 1) {
    const _n = r.arrayLength(1, false);
    const _a: StopReplicaRequestStopReplicaTopicV1[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaRequestStopReplicaTopicV1(r, v));
    }
    _topics = _a;
  } else if (v === 2) {
    const _n = r.compactArrayLength(1, false);
    const _a: StopReplicaRequestStopReplicaTopicV1[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaRequestStopReplicaTopicV1(r, v));
    }
    _topics = _a;
  } else {
    _topics = [];
  }
  let _topicStates: StopReplicaRequestStopReplicaTopicState[];
  if (v >= 3) {
    const _n = r.compactArrayLength(1, false);
    const _a: StopReplicaRequestStopReplicaTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaRequestStopReplicaTopicState(r, v));
    }
    _topicStates = _a;
  } else {
    _topicStates = [];
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    controllerId: _controllerId,
    isKRaftController: _isKRaftController,
    controllerEpoch: _controllerEpoch,
    brokerEpoch: _brokerEpoch,
    deletePartitions: _deletePartitions,
    ungroupedPartitions: _ungroupedPartitions,
    topics: _topics,
    topicStates: _topicStates,
  };
}

export function encodeStopReplicaRequest(w: Writer, m: StopReplicaRequest, v: number): void {
  w.int32(m.controllerId);
  if (v >= 4) {
    w.bool(m.isKRaftController);
  }
  w.int32(m.controllerEpoch);
  if (v >= 1) {
    w.int64(m.brokerEpoch);
  }
  if (v <= 2) {
    w.bool(m.deletePartitions);
  }
  if (v <= 0) {
    const _a = m.ungroupedPartitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaRequestStopReplicaPartitionV0(w, _e, v);
    }
  }
  if (v === 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaRequestStopReplicaTopicV1(w, _e, v);
    }
  } else if (v === 2) {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaRequestStopReplicaTopicV1(w, _e, v);
    }
  }
  if (v >= 3) {
    const _a = m.topicStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaRequestStopReplicaTopicState(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeStopReplicaRequestStopReplicaPartitionV0(
  r: Reader,
  _v: number,
): StopReplicaRequestStopReplicaPartitionV0 {
  const _topicName = r.string();
  const _partitionIndex = r.int32();
  return { topicName: _topicName, partitionIndex: _partitionIndex };
}

function encodeStopReplicaRequestStopReplicaPartitionV0(
  w: Writer,
  m: StopReplicaRequestStopReplicaPartitionV0,
  _v: number,
): void {
  w.string(m.topicName);
  w.int32(m.partitionIndex);
}

function decodeStopReplicaRequestStopReplicaTopicV1(
  r: Reader,
  v: number,
): StopReplicaRequestStopReplicaTopicV1 {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitionIndexes: number[];
  if (v <= 1) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitionIndexes = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitionIndexes = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, partitionIndexes: _partitionIndexes };
}

function encodeStopReplicaRequestStopReplicaTopicV1(
  w: Writer,
  m: StopReplicaRequestStopReplicaTopicV1,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 1) {
    const _a = m.partitionIndexes;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitionIndexes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeStopReplicaRequestStopReplicaTopicState(
  r: Reader,
  v: number,
): StopReplicaRequestStopReplicaTopicState {
  const _topicName = r.compactString();
  let _partitionStates: StopReplicaRequestStopReplicaPartitionState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: StopReplicaRequestStopReplicaPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaRequestStopReplicaPartitionState(r, v));
    }
    _partitionStates = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, partitionStates: _partitionStates };
}

function encodeStopReplicaRequestStopReplicaTopicState(
  w: Writer,
  m: StopReplicaRequestStopReplicaTopicState,
  v: number,
): void {
  w.compactString(m.topicName);
  {
    const _a = m.partitionStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaRequestStopReplicaPartitionState(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeStopReplicaRequestStopReplicaPartitionState(
  r: Reader,
  _v: number,
): StopReplicaRequestStopReplicaPartitionState {
  const _partitionIndex = r.int32();
  const _leaderEpoch = r.int32();
  const _deletePartition = r.bool();
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex, leaderEpoch: _leaderEpoch, deletePartition: _deletePartition };
}

function encodeStopReplicaRequestStopReplicaPartitionState(
  w: Writer,
  m: StopReplicaRequestStopReplicaPartitionState,
  _v: number,
): void {
  w.int32(m.partitionIndex);
  w.int32(m.leaderEpoch);
  w.bool(m.deletePartition);
  w.uvarint(0);
}

// StopReplicaResponse: versions 0-4, flexible 2+, api key 5.

export interface StopReplicaResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  partitionErrors: StopReplicaResponseStopReplicaPartitionError[];
}

export interface StopReplicaResponseStopReplicaPartitionError {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createStopReplicaResponse(init?: Partial<StopReplicaResponse>): StopReplicaResponse {
  return { errorCode: 0, partitionErrors: [], ...init };
}

export function createStopReplicaResponseStopReplicaPartitionError(
  init?: Partial<StopReplicaResponseStopReplicaPartitionError>,
): StopReplicaResponseStopReplicaPartitionError {
  return { topicName: '', partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeStopReplicaResponse(r: Reader, v: number): StopReplicaResponse {
  const _errorCode = r.int16();
  let _partitionErrors: StopReplicaResponseStopReplicaPartitionError[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: StopReplicaResponseStopReplicaPartitionError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaResponseStopReplicaPartitionError(r, v));
    }
    _partitionErrors = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: StopReplicaResponseStopReplicaPartitionError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeStopReplicaResponseStopReplicaPartitionError(r, v));
    }
    _partitionErrors = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, partitionErrors: _partitionErrors };
}

export function encodeStopReplicaResponse(w: Writer, m: StopReplicaResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    const _a = m.partitionErrors;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaResponseStopReplicaPartitionError(w, _e, v);
    }
  } else {
    const _a = m.partitionErrors;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeStopReplicaResponseStopReplicaPartitionError(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeStopReplicaResponseStopReplicaPartitionError(
  r: Reader,
  v: number,
): StopReplicaResponseStopReplicaPartitionError {
  let _topicName: string;
  if (v <= 1) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeStopReplicaResponseStopReplicaPartitionError(
  w: Writer,
  m: StopReplicaResponseStopReplicaPartitionError,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 2) {
    w.uvarint(0);
  }
}
