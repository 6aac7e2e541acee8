// Generated from UpdateMetadataRequest.json, UpdateMetadataResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// UpdateMetadataRequest: versions 0-8, flexible 6+, api key 6.

export interface UpdateMetadataRequest {
  /** v0+ */
  controllerId: number;
  /** v8+, default false */
  isKRaftController: boolean;
  /** v8+, tag 0 v8+, default 0 */
  type: number;
  /** v0+ */
  controllerEpoch: number;
  /** v5+, default -1 */
  brokerEpoch: number;
  /** v0-4 */
  ungroupedPartitionStates: UpdateMetadataRequestUpdateMetadataPartitionState[];
  /** v5+ */
  topicStates: UpdateMetadataRequestUpdateMetadataTopicState[];
  /** v0+ */
  liveBrokers: UpdateMetadataRequestUpdateMetadataBroker[];
}

export interface UpdateMetadataRequestUpdateMetadataPartitionState {
  /** v0-4 */
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
  zkVersion: number;
  /** v0+ */
  replicas: number[];
  /** v4+ */
  offlineReplicas: number[];
}

export interface UpdateMetadataRequestUpdateMetadataTopicState {
  /** v5+ */
  topicName: string;
  /** v7+ */
  topicId: string;
  /** v5+ */
  partitionStates: UpdateMetadataRequestUpdateMetadataPartitionState[];
}

export interface UpdateMetadataRequestUpdateMetadataBroker {
  /** v0+ */
  id: number;
  /** v0 */
  v0Host: string;
  /** v0 */
  v0Port: number;
  /** v1+ */
  endpoints: UpdateMetadataRequestUpdateMetadataEndpoint[];
  /** v2+, nullable v0+ */
  rack: string | null;
}

export interface UpdateMetadataRequestUpdateMetadataEndpoint {
  /** v1+ */
  port: number;
  /** v1+ */
  host: string;
  /** v3+ */
  listener: string;
  /** v1+ */
  securityProtocol: number;
}

export function createUpdateMetadataRequest(init?: Partial<UpdateMetadataRequest>): UpdateMetadataRequest {
  return {
    controllerId: 0,
    isKRaftController: false,
    type: 0,
    controllerEpoch: 0,
    brokerEpoch: -1,
    ungroupedPartitionStates: [],
    topicStates: [],
    liveBrokers: [],
    ...init,
  };
}

export function createUpdateMetadataRequestUpdateMetadataPartitionState(
  init?: Partial<UpdateMetadataRequestUpdateMetadataPartitionState>,
): UpdateMetadataRequestUpdateMetadataPartitionState {
  return {
    topicName: '',
    partitionIndex: 0,
    controllerEpoch: 0,
    leader: 0,
    leaderEpoch: 0,
    isr: [],
    zkVersion: 0,
    replicas: [],
    offlineReplicas: [],
    ...init,
  };
}

export function createUpdateMetadataRequestUpdateMetadataTopicState(
  init?: Partial<UpdateMetadataRequestUpdateMetadataTopicState>,
): UpdateMetadataRequestUpdateMetadataTopicState {
  return { topicName: '', topicId: ZERO_UUID, partitionStates: [], ...init };
}

export function createUpdateMetadataRequestUpdateMetadataBroker(
  init?: Partial<UpdateMetadataRequestUpdateMetadataBroker>,
): UpdateMetadataRequestUpdateMetadataBroker {
  return { id: 0, v0Host: '', v0Port: 0, endpoints: [], rack: '', ...init };
}

export function createUpdateMetadataRequestUpdateMetadataEndpoint(
  init?: Partial<UpdateMetadataRequestUpdateMetadataEndpoint>,
): UpdateMetadataRequestUpdateMetadataEndpoint {
  return { port: 0, host: '', listener: '', securityProtocol: 0, ...init };
}

export function decodeUpdateMetadataRequest(r: Reader, v: number): UpdateMetadataRequest {
  const _controllerId = r.int32();
  let _isKRaftController: boolean;
  if (v >= 8) {
    _isKRaftController = r.bool();
  } else {
    _isKRaftController = false;
  }
  let _type: number = 0;
  const _controllerEpoch = r.int32();
  let _brokerEpoch: number;
  if (v >= 5) {
    _brokerEpoch = r.int64();
  } else {
    _brokerEpoch = -1;
  }
  let _ungroupedPartitionStates: UpdateMetadataRequestUpdateMetadataPartitionState[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataPartitionState(r, v));
    }
    _ungroupedPartitionStates = _a;
  } else {
    _ungroupedPartitionStates = [];
  }
  let _topicStates: UpdateMetadataRequestUpdateMetadataTopicState[];
  if (v === 5) {
    const _n = r.arrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataTopicState(r, v));
    }
    _topicStates = _a;
  } else if (v >= 6) {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataTopicState(r, v));
    }
    _topicStates = _a;
  } else {
    _topicStates = [];
  }
  let _liveBrokers: UpdateMetadataRequestUpdateMetadataBroker[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataBroker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataBroker(r, v));
    }
    _liveBrokers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataBroker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataBroker(r, v));
    }
    _liveBrokers = _a;
  }
  if (v >= 6) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          if (v >= 8) {
            _type = r.int8();
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    controllerId: _controllerId,
    isKRaftController: _isKRaftController,
    type: _type,
    controllerEpoch: _controllerEpoch,
    brokerEpoch: _brokerEpoch,
    ungroupedPartitionStates: _ungroupedPartitionStates,
    topicStates: _topicStates,
    liveBrokers: _liveBrokers,
  };
}

export function encodeUpdateMetadataRequest(w: Writer, m: UpdateMetadataRequest, v: number): void {
  w.int32(m.controllerId);
  if (v >= 8) {
    w.bool(m.isKRaftController);
  }
  w.int32(m.controllerEpoch);
  if (v >= 5) {
    w.int64(m.brokerEpoch);
  }
  if (v <= 4) {
    const _a = m.ungroupedPartitionStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataPartitionState(w, _e, v);
    }
  }
  if (v === 5) {
    const _a = m.topicStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataTopicState(w, _e, v);
    }
  } else if (v >= 6) {
    const _a = m.topicStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataTopicState(w, _e, v);
    }
  }
  if (v <= 5) {
    const _a = m.liveBrokers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataBroker(w, _e, v);
    }
  } else {
    const _a = m.liveBrokers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataBroker(w, _e, v);
    }
  }
  if (v >= 6) {
    let _nt = 0;
    const _ttype = v >= 8 && m.type !== 0;
    if (_ttype) _nt++;
    w.uvarint(_nt);
    if (_ttype) {
      const _mk = w.beginTaggedField(0);
      w.int8(m.type);
      w.endTaggedField(_mk);
    }
  }
}

function decodeUpdateMetadataRequestUpdateMetadataPartitionState(
  r: Reader,
  v: number,
): UpdateMetadataRequestUpdateMetadataPartitionState {
  let _topicName: string;
  if (v <= 4) {
    _topicName = r.string();
  } else {
    _topicName = '';
  }
  const _partitionIndex = r.int32();
  const _controllerEpoch = r.int32();
  const _leader = r.int32();
  const _leaderEpoch = r.int32();
  let _isr: number[];
  if (v <= 5) {
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
  const _zkVersion = r.int32();
  let _replicas: number[];
  if (v <= 5) {
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
  let _offlineReplicas: number[];
  if (v >= 4 && v <= 5) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _offlineReplicas = _a;
  } else if (v >= 6) {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _offlineReplicas = _a;
  } else {
    _offlineReplicas = [];
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return {
    topicName: _topicName,
    partitionIndex: _partitionIndex,
    controllerEpoch: _controllerEpoch,
    leader: _leader,
    leaderEpoch: _leaderEpoch,
    isr: _isr,
    zkVersion: _zkVersion,
    replicas: _replicas,
    offlineReplicas: _offlineReplicas,
  };
}

function encodeUpdateMetadataRequestUpdateMetadataPartitionState(
  w: Writer,
  m: UpdateMetadataRequestUpdateMetadataPartitionState,
  v: number,
): void {
  if (v <= 4) {
    w.string(m.topicName);
  }
  w.int32(m.partitionIndex);
  w.int32(m.controllerEpoch);
  w.int32(m.leader);
  w.int32(m.leaderEpoch);
  if (v <= 5) {
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
  w.int32(m.zkVersion);
  if (v <= 5) {
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
  if (v >= 4 && v <= 5) {
    const _a = m.offlineReplicas;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else if (v >= 6) {
    const _a = m.offlineReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeUpdateMetadataRequestUpdateMetadataTopicState(
  r: Reader,
  v: number,
): UpdateMetadataRequestUpdateMetadataTopicState {
  let _topicName: string;
  if (v <= 5) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _topicId: string;
  if (v >= 7) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitionStates: UpdateMetadataRequestUpdateMetadataPartitionState[];
  if (v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataPartitionState(r, v));
    }
    _partitionStates = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataPartitionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataPartitionState(r, v));
    }
    _partitionStates = _a;
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, topicId: _topicId, partitionStates: _partitionStates };
}

function encodeUpdateMetadataRequestUpdateMetadataTopicState(
  w: Writer,
  m: UpdateMetadataRequestUpdateMetadataTopicState,
  v: number,
): void {
  if (v <= 5) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  if (v >= 7) {
    w.uuid(m.topicId);
  }
  if (v <= 5) {
    const _a = m.partitionStates;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataPartitionState(w, _e, v);
    }
  } else {
    const _a = m.partitionStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataPartitionState(w, _e, v);
    }
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeUpdateMetadataRequestUpdateMetadataBroker(
  r: Reader,
  v: number,
): UpdateMetadataRequestUpdateMetadataBroker {
  const _id = r.int32();
  let _v0Host: string;
  if (v <= 0) {
    _v0Host = r.string();
  } else {
    _v0Host = '';
  }
  let _v0Port: number;
  if (v <= 0) {
    _v0Port = r.int32();
  } else {
    _v0Port = 0;
  }
  let _endpoints: UpdateMetadataRequestUpdateMetadataEndpoint[];
  if (v >= 1 && v <= 5) {
    const _n = r.arrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataEndpoint(r, v));
    }
    _endpoints = _a;
  } else if (v >= 6) {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateMetadataRequestUpdateMetadataEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateMetadataRequestUpdateMetadataEndpoint(r, v));
    }
    _endpoints = _a;
  } else {
    _endpoints = [];
  }
  let _rack: string | null;
  if (v >= 2 && v <= 5) {
    _rack = r.nullableString();
  } else if (v >= 6) {
    _rack = r.compactNullableString();
  } else {
    _rack = '';
  }
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { id: _id, v0Host: _v0Host, v0Port: _v0Port, endpoints: _endpoints, rack: _rack };
}

function encodeUpdateMetadataRequestUpdateMetadataBroker(
  w: Writer,
  m: UpdateMetadataRequestUpdateMetadataBroker,
  v: number,
): void {
  w.int32(m.id);
  if (v <= 0) {
    w.string(m.v0Host);
  }
  if (v <= 0) {
    w.int32(m.v0Port);
  }
  if (v >= 1 && v <= 5) {
    const _a = m.endpoints;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataEndpoint(w, _e, v);
    }
  } else if (v >= 6) {
    const _a = m.endpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateMetadataRequestUpdateMetadataEndpoint(w, _e, v);
    }
  }
  if (v >= 2 && v <= 5) {
    w.nullableString(m.rack);
  } else if (v >= 6) {
    w.compactNullableString(m.rack);
  }
  if (v >= 6) {
    w.uvarint(0);
  }
}

function decodeUpdateMetadataRequestUpdateMetadataEndpoint(
  r: Reader,
  v: number,
): UpdateMetadataRequestUpdateMetadataEndpoint {
  const _port = r.int32();
  let _host: string;
  if (v <= 5) {
    _host = r.string();
  } else {
    _host = r.compactString();
  }
  let _listener: string;
  if (v >= 3 && v <= 5) {
    _listener = r.string();
  } else if (v >= 6) {
    _listener = r.compactString();
  } else {
    _listener = '';
  }
  const _securityProtocol = r.int16();
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { port: _port, host: _host, listener: _listener, securityProtocol: _securityProtocol };
}

function encodeUpdateMetadataRequestUpdateMetadataEndpoint(
  w: Writer,
  m: UpdateMetadataRequestUpdateMetadataEndpoint,
  v: number,
): void {
  w.int32(m.port);
  if (v <= 5) {
    w.string(m.host);
  } else {
    w.compactString(m.host);
  }
  if (v >= 3 && v <= 5) {
    w.string(m.listener);
  } else if (v >= 6) {
    w.compactString(m.listener);
  }
  w.int16(m.securityProtocol);
  if (v >= 6) {
    w.uvarint(0);
  }
}

// UpdateMetadataResponse: versions 0-8, flexible 6+, api key 6.

export interface UpdateMetadataResponse {
  /** v0+ */
  errorCode: number;
}

export function createUpdateMetadataResponse(init?: Partial<UpdateMetadataResponse>): UpdateMetadataResponse {
  return { errorCode: 0, ...init };
}

export function decodeUpdateMetadataResponse(r: Reader, v: number): UpdateMetadataResponse {
  const _errorCode = r.int16();
  if (v >= 6) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode };
}

export function encodeUpdateMetadataResponse(w: Writer, m: UpdateMetadataResponse, v: number): void {
  w.int16(m.errorCode);
  if (v >= 6) {
    w.uvarint(0);
  }
}
