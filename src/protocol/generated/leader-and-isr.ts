// Generated from LeaderAndIsrRequest.json, LeaderAndIsrResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// LeaderAndIsrRequest: versions 0-7, flexible 4+, api key 4.

export interface LeaderAndIsrRequest {
  /** v0+ */
  controllerId: number;
  /** v7+, default false */
  isKRaftController: boolean;
  /** v0+ */
  controllerEpoch: number;
  /** v2+, default -1 */
  brokerEpoch: number;
  /** v5+ */
  type: number;
  /** v0-1 */
  ungroupedPartitionStates: LeaderAndIsrRequestLeaderAndIsrPartitionState[];
  /** v2+ */
  topicStates: LeaderAndIsrRequestLeaderAndIsrTopicState[];
  /** v0+ */
  liveLeaders: LeaderAndIsrRequestLeaderAndIsrLiveLeader[];
}

export interface LeaderAndIsrRequestLeaderAndIsrPartitionState {
  /** v0-1 */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  controllerEpoch: number;
  /** v0+ */
  leader: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0+ */
  isr: number[];
  /** v0+ */
  partitionEpoch: number;
  /** v0+ */
  replicas: number[];
  /** v3+ */
  addingReplicas: number[];
  /** v3+ */
  removingReplicas: number[];
  /** v1+, default false */
  isNew: boolean;
  /** v6+, default 0 */
  leaderRecoveryState: number;
}

export interface LeaderAndIsrRequestLeaderAndIsrTopicState {
  /** v2+ */
  topicName: string;
  /** v5+ */
  topicId: string;
  /** v2+ */
  partitionStates: LeaderAndIsrRequestLeaderAndIsrPartitionState[];
}

export interface LeaderAndIsrRequestLeaderAndIsrLiveLeader {
  /** v0+ */
  brokerId: number;
  /** v0+ */
  hostName: string;
  /** v0+ */
  port: number;
}

export function createLeaderAndIsrRequest(init?: Partial<LeaderAndIsrRequest>): LeaderAndIsrRequest {
  return {
    controllerId: 0,
    isKRaftController: false,
    controllerEpoch: 0,
    brokerEpoch: -1,
    type: 0,
    ungroupedPartitionStates: [],
    topicStates: [],
    liveLeaders: [],
    ...init,
  };
}

export function createLeaderAndIsrRequestLeaderAndIsrPartitionState(
  init?: Partial<LeaderAndIsrRequestLeaderAndIsrPartitionState>,
): LeaderAndIsrRequestLeaderAndIsrPartitionState {
  return {
    topicName: '',
    partitionIndex: 0,
    controllerEpoch: 0,
    leader: 0,
    leaderEpoch: 0,
    isr: [],
    partitionEpoch: 0,
    replicas: [],
    addingReplicas: [],
    removingReplicas: [],
    isNew: false,
    leaderRecoveryState: 0,
    ...init,
  };
}

export function createLeaderAndIsrRequestLeaderAndIsrTopicState(
  init?: Partial<LeaderAndIsrRequestLeaderAndIsrTopicState>,
): LeaderAndIsrRequestLeaderAndIsrTopicState {
  return { topicName: '', topicId: ZERO_UUID, partitionStates: [], ...init };
}

export function createLeaderAndIsrRequestLeaderAndIsrLiveLeader(
  init?: Partial<LeaderAndIsrRequestLeaderAndIsrLiveLeader>,
): LeaderAndIsrRequestLeaderAndIsrLiveLeader {
  return { brokerId: 0, hostName: '', port: 0, ...init };
}

export function decodeLeaderAndIsrRequest(r: Reader, v: number): LeaderAndIsrRequest {
  const _controllerId = r.int32();
  let _isKRaftController: boolean;
  if (v >= 7) {
    _isKRaftController = r.bool();
  } else {
    _isKRaftController = false;
  }
  const _controllerEpoch = r.int32();
  let _brokerEpoch: number;
  if (v >= 2) {
    _brokerEpoch = r.int64();
  } else {
    _brokerEpoch = -1;
  }
  let _type: number;
  if (v >= 5) {
    _type = r.int8();
  } else {
    _type = 0;
  }
  let _ungroupedPartitionStates: LeaderAndIsrRequestLeaderAndIsrPartitionState[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrPartitionState(r, v));
    }
    _ungroupedPartitionStates = _a;
  } else {
    _ungroupedPartitionStates = [];
  }
  let _topicStates: LeaderAndIsrRequestLeaderAndIsrTopicState[];
  if (v >= 2 && v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrTopicState(r, v));
    }
    _topicStates = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrTopicState(r, v));
    }
    _topicStates = _a;
  } else {
    _topicStates = [];
  }
  let _liveLeaders: LeaderAndIsrRequestLeaderAndIsrLiveLeader[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrLiveLeader[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(r, v));
    }
    _liveLeaders = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrLiveLeader[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(r, v));
    }
    _liveLeaders = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    controllerId: _controllerId,
    isKRaftController: _isKRaftController,
    controllerEpoch: _controllerEpoch,
    brokerEpoch: _brokerEpoch,
    type: _type,
    ungroupedPartitionStates: _ungroupedPartitionStates,
    topicStates: _topicStates,
    liveLeaders: _liveLeaders,
  };
}

export function encodeLeaderAndIsrRequest(w: Writer, m: LeaderAndIsrRequest, v: number): void {
  w.int32(m.controllerId);
  if (v >= 7) {
    w.bool(m.isKRaftController);
  }
  w.int32(m.controllerEpoch);
  if (v >= 2) {
    w.int64(m.brokerEpoch);
  }
  if (v >= 5) {
    w.int8(m.type);
  }
  if (v <= 1) {
    const _a = m.ungroupedPartitionStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrPartitionState(w, _e, v);
    }
  }
  if (v >= 2 && v <= 3) {
    const _a = m.topicStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrTopicState(w, _e, v);
    }
  } else if (v >= 4) {
    const _a = m.topicStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrTopicState(w, _e, v);
    }
  }
  if (v <= 3) {
    const _a = m.liveLeaders;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(w, _e, v);
    }
  } else {
    const _a = m.liveLeaders;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaderAndIsrRequestLeaderAndIsrPartitionState(
  r: Reader,
  v: number,
): LeaderAndIsrRequestLeaderAndIsrPartitionState {
  let _topicName: string;
  if (v <= 1) {
    _topicName = r.string();
  } else {
    _topicName = '';
  }
  const _partitionIndex = r.int32();
  const _controllerEpoch = r.int32();
  const _leader = r.int32();
  const _leaderEpoch = r.int32();
  let _isr: number[];
  if (v <= 3) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isr = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isr = _a;
  }
  const _partitionEpoch = r.int32();
  let _replicas: number[];
  if (v <= 3) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicas = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicas = _a;
  }
  let _addingReplicas: number[];
  if (v === 3) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _addingReplicas = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _addingReplicas = _a;
  } else {
    _addingReplicas = [];
  }
  let _removingReplicas: number[];
  if (v === 3) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _removingReplicas = _a;
  } else if (v >= 4) {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _removingReplicas = _a;
  } else {
    _removingReplicas = [];
  }
  let _isNew: boolean;
  if (v >= 1) {
    _isNew = r.bool();
  } else {
    _isNew = false;
  }
  let _leaderRecoveryState: number;
  if (v >= 6) {
    _leaderRecoveryState = r.int8();
  } else {
    _leaderRecoveryState = 0;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return {
    topicName: _topicName,
    partitionIndex: _partitionIndex,
    controllerEpoch: _controllerEpoch,
    leader: _leader,
    leaderEpoch: _leaderEpoch,
    isr: _isr,
    partitionEpoch: _partitionEpoch,
    replicas: _replicas,
    addingReplicas: _addingReplicas,
    removingReplicas: _removingReplicas,
    isNew: _isNew,
    leaderRecoveryState: _leaderRecoveryState,
  };
}

function encodeLeaderAndIsrRequestLeaderAndIsrPartitionState(
  w: Writer,
  m: LeaderAndIsrRequestLeaderAndIsrPartitionState,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topicName);
  }
  w.int32(m.partitionIndex);
  w.int32(m.controllerEpoch);
  w.int32(m.leader);
  w.int32(m.leaderEpoch);
  if (v <= 3) {
    const _a = m.isr;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.isr;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.int32(m.partitionEpoch);
  if (v <= 3) {
    const _a = m.replicas;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.replicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v === 3) {
    const _a = m.addingReplicas;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else if (v >= 4) {
    const _a = m.addingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v === 3) {
    const _a = m.removingReplicas;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else if (v >= 4) {
    const _a = m.removingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 1) {
    w.bool(m.isNew);
  }
  if (v >= 6) {
    w.int8(m.leaderRecoveryState);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaderAndIsrRequestLeaderAndIsrTopicState(
  r: Reader,
  v: number,
): LeaderAndIsrRequestLeaderAndIsrTopicState {
  let _topicName: string;
  if (v <= 3) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _topicId: string;
  if (v >= 5) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitionStates: LeaderAndIsrRequestLeaderAndIsrPartitionState[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrPartitionState(r, v));
    }
    _partitionStates = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrRequestLeaderAndIsrPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrRequestLeaderAndIsrPartitionState(r, v));
    }
    _partitionStates = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, topicId: _topicId, partitionStates: _partitionStates };
}

function encodeLeaderAndIsrRequestLeaderAndIsrTopicState(
  w: Writer,
  m: LeaderAndIsrRequestLeaderAndIsrTopicState,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  if (v >= 5) {
    w.uuid(m.topicId);
  }
  if (v <= 3) {
    const _a = m.partitionStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrPartitionState(w, _e, v);
    }
  } else {
    const _a = m.partitionStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrRequestLeaderAndIsrPartitionState(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(
  r: Reader,
  v: number,
): LeaderAndIsrRequestLeaderAndIsrLiveLeader {
  const _brokerId = r.int32();
  let _hostName: string;
  if (v <= 3) {
    _hostName = r.string();
  } else {
    _hostName = r.compactString();
  }
  const _port = r.int32();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { brokerId: _brokerId, hostName: _hostName, port: _port };
}

function encodeLeaderAndIsrRequestLeaderAndIsrLiveLeader(
  w: Writer,
  m: LeaderAndIsrRequestLeaderAndIsrLiveLeader,
  v: number,
): void {
  w.int32(m.brokerId);
  if (v <= 3) {
    w.string(m.hostName);
  } else {
    w.compactString(m.hostName);
  }
  w.int32(m.port);
  if (v >= 4) {
    w.uvarint(0);
  }
}

// LeaderAndIsrResponse: versions 0-7, flexible 4+, api key 4.

export interface LeaderAndIsrResponse {
  /** v0+ */
  errorCode: number;
  /** v0-4 */
  partitionErrors: LeaderAndIsrResponseLeaderAndIsrPartitionError[];
  /** v5+ */
  topics: LeaderAndIsrResponseLeaderAndIsrTopicError[];
}

export interface LeaderAndIsrResponseLeaderAndIsrPartitionError {
  /** v0-4 */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export interface LeaderAndIsrResponseLeaderAndIsrTopicError {
  /** v5+ */
  topicId: string;
  /** v5+ */
  partitionErrors: LeaderAndIsrResponseLeaderAndIsrPartitionError[];
}

export function createLeaderAndIsrResponse(init?: Partial<LeaderAndIsrResponse>): LeaderAndIsrResponse {
  return { errorCode: 0, partitionErrors: [], topics: [], ...init };
}

export function createLeaderAndIsrResponseLeaderAndIsrPartitionError(
  init?: Partial<LeaderAndIsrResponseLeaderAndIsrPartitionError>,
): LeaderAndIsrResponseLeaderAndIsrPartitionError {
  return { topicName: '', partitionIndex: 0, errorCode: 0, ...init };
}

export function createLeaderAndIsrResponseLeaderAndIsrTopicError(
  init?: Partial<LeaderAndIsrResponseLeaderAndIsrTopicError>,
): LeaderAndIsrResponseLeaderAndIsrTopicError {
  return { topicId: ZERO_UUID, partitionErrors: [], ...init };
}

export function decodeLeaderAndIsrResponse(r: Reader, v: number): LeaderAndIsrResponse {
  const _errorCode = r.int16();
  let _partitionErrors: LeaderAndIsrResponseLeaderAndIsrPartitionError[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: LeaderAndIsrResponseLeaderAndIsrPartitionError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrResponseLeaderAndIsrPartitionError(r, v));
    }
    _partitionErrors = _a;
  } else if (v === 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrResponseLeaderAndIsrPartitionError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrResponseLeaderAndIsrPartitionError(r, v));
    }
    _partitionErrors = _a;
  } else {
    _partitionErrors = [];
  }
  let _topics: LeaderAndIsrResponseLeaderAndIsrTopicError[];
  if (v >= 5) {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrResponseLeaderAndIsrTopicError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrResponseLeaderAndIsrTopicError(r, v));
    }
    _topics = _a;
  } else {
    _topics = [];
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, partitionErrors: _partitionErrors, topics: _topics };
}

export function encodeLeaderAndIsrResponse(w: Writer, m: LeaderAndIsrResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 3) {
    const _a = m.partitionErrors;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrResponseLeaderAndIsrPartitionError(w, _e, v);
    }
  } else if (v === 4) {
    const _a = m.partitionErrors;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrResponseLeaderAndIsrPartitionError(w, _e, v);
    }
  }
  if (v >= 5) {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrResponseLeaderAndIsrTopicError(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaderAndIsrResponseLeaderAndIsrPartitionError(
  r: Reader,
  v: number,
): LeaderAndIsrResponseLeaderAndIsrPartitionError {
  let _topicName: string;
  if (v <= 3) {
    _topicName = r.string();
  } else if (v === 4) {
    _topicName = r.compactString();
  } else {
    _topicName = '';
  }
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeLeaderAndIsrResponseLeaderAndIsrPartitionError(
  w: Writer,
  m: LeaderAndIsrResponseLeaderAndIsrPartitionError,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.topicName);
  } else if (v === 4) {
    w.compactString(m.topicName);
  }
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeLeaderAndIsrResponseLeaderAndIsrTopicError(
  r: Reader,
  v: number,
): LeaderAndIsrResponseLeaderAndIsrTopicError {
  const _topicId = r.uuid();
  let _partitionErrors: LeaderAndIsrResponseLeaderAndIsrPartitionError[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderAndIsrResponseLeaderAndIsrPartitionError[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderAndIsrResponseLeaderAndIsrPartitionError(r, v));
    }
    _partitionErrors = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitionErrors: _partitionErrors };
}

function encodeLeaderAndIsrResponseLeaderAndIsrTopicError(
  w: Writer,
  m: LeaderAndIsrResponseLeaderAndIsrTopicError,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitionErrors;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderAndIsrResponseLeaderAndIsrPartitionError(w, _e, v);
    }
  }
  w.uvarint(0);
}
