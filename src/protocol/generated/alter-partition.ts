// Generated from AlterPartitionRequest.json, AlterPartitionResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterPartitionRequest: versions 0-3, flexible 0+, api key 56.

export interface AlterPartitionRequest {
  /** v0+ */
  brokerId: number;
  /** v0+, default -1 */
  brokerEpoch: number;
  /** v0+ */
  topics: AlterPartitionRequestTopicData[];
}

export interface AlterPartitionRequestTopicData {
  /** v0-1 */
  topicName: string;
  /** v2+ */
  topicId: string;
  /** v0+ */
  partitions: AlterPartitionRequestPartitionData[];
}

export interface AlterPartitionRequestPartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0-2 */
  newIsr: number[];
  /** v3+ */
  newIsrWithEpochs: AlterPartitionRequestBrokerState[];
  /** v1+, default 0 */
  leaderRecoveryState: number;
  /** v0+ */
  partitionEpoch: number;
}

export interface AlterPartitionRequestBrokerState {
  /** v3+ */
  brokerId: number;
  /** v3+, default -1 */
  brokerEpoch: number;
}

export function createAlterPartitionRequest(init?: Partial<AlterPartitionRequest>): AlterPartitionRequest {
  return { brokerId: 0, brokerEpoch: -1, topics: [], ...init };
}

export function createAlterPartitionRequestTopicData(
  init?: Partial<AlterPartitionRequestTopicData>,
): AlterPartitionRequestTopicData {
  return { topicName: '', topicId: ZERO_UUID, partitions: [], ...init };
}

export function createAlterPartitionRequestPartitionData(
  init?: Partial<AlterPartitionRequestPartitionData>,
): AlterPartitionRequestPartitionData {
  return {
    partitionIndex: 0,
    leaderEpoch: 0,
    newIsr: [],
    newIsrWithEpochs: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
    ...init,
  };
}

export function createAlterPartitionRequestBrokerState(
  init?: Partial<AlterPartitionRequestBrokerState>,
): AlterPartitionRequestBrokerState {
  return { brokerId: 0, brokerEpoch: -1, ...init };
}

export function decodeAlterPartitionRequest(r: Reader, v: number): AlterPartitionRequest {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  let _topics: AlterPartitionRequestTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionRequestTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionRequestTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch, topics: _topics };
}

export function encodeAlterPartitionRequest(w: Writer, m: AlterPartitionRequest, v: number): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionRequestTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionRequestTopicData(r: Reader, v: number): AlterPartitionRequestTopicData {
  let _topicName: string;
  if (v <= 1) {
    _topicName = r.compactString();
  } else {
    _topicName = '';
  }
  let _topicId: string;
  if (v >= 2) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitions: AlterPartitionRequestPartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionRequestPartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionRequestPartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, topicId: _topicId, partitions: _partitions };
}

function encodeAlterPartitionRequestTopicData(w: Writer, m: AlterPartitionRequestTopicData, v: number): void {
  if (v <= 1) {
    w.compactString(m.topicName);
  }
  if (v >= 2) {
    w.uuid(m.topicId);
  }
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionRequestPartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionRequestPartitionData(r: Reader, v: number): AlterPartitionRequestPartitionData {
  const _partitionIndex = r.int32();
  const _leaderEpoch = r.int32();
  let _newIsr: number[];
  if (v <= 2) {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _newIsr = _a;
  } else {
    _newIsr = [];
  }
  let _newIsrWithEpochs: AlterPartitionRequestBrokerState[];
  if (v >= 3) {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionRequestBrokerState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionRequestBrokerState(r, v));
    }
    _newIsrWithEpochs = _a;
  } else {
    _newIsrWithEpochs = [];
  }
  let _leaderRecoveryState: number;
  if (v >= 1) {
    _leaderRecoveryState = r.int8();
  } else {
    _leaderRecoveryState = 0;
  }
  const _partitionEpoch = r.int32();
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    leaderEpoch: _leaderEpoch,
    newIsr: _newIsr,
    newIsrWithEpochs: _newIsrWithEpochs,
    leaderRecoveryState: _leaderRecoveryState,
    partitionEpoch: _partitionEpoch,
  };
}

function encodeAlterPartitionRequestPartitionData(
  w: Writer,
  m: AlterPartitionRequestPartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int32(m.leaderEpoch);
  if (v <= 2) {
    const _a = m.newIsr;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 3) {
    const _a = m.newIsrWithEpochs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionRequestBrokerState(w, _e, v);
    }
  }
  if (v >= 1) {
    w.int8(m.leaderRecoveryState);
  }
  w.int32(m.partitionEpoch);
  w.uvarint(0);
}

function decodeAlterPartitionRequestBrokerState(r: Reader, _v: number): AlterPartitionRequestBrokerState {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch };
}

function encodeAlterPartitionRequestBrokerState(
  w: Writer,
  m: AlterPartitionRequestBrokerState,
  _v: number,
): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  w.uvarint(0);
}

// AlterPartitionResponse: versions 0-3, flexible 0+, api key 56.

export interface AlterPartitionResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  topics: AlterPartitionResponseTopicData[];
}

export interface AlterPartitionResponseTopicData {
  /** v0-1 */
  topicName: string;
  /** v2+ */
  topicId: string;
  /** v0+ */
  partitions: AlterPartitionResponsePartitionData[];
}

export interface AlterPartitionResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
  /** v0+ */
  isr: number[];
  /** v1+, default 0 */
  leaderRecoveryState: number;
  /** v0+ */
  partitionEpoch: number;
}

export function createAlterPartitionResponse(init?: Partial<AlterPartitionResponse>): AlterPartitionResponse {
  return { throttleTimeMs: 0, errorCode: 0, topics: [], ...init };
}

export function createAlterPartitionResponseTopicData(
  init?: Partial<AlterPartitionResponseTopicData>,
): AlterPartitionResponseTopicData {
  return { topicName: '', topicId: ZERO_UUID, partitions: [], ...init };
}

export function createAlterPartitionResponsePartitionData(
  init?: Partial<AlterPartitionResponsePartitionData>,
): AlterPartitionResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
    isr: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
    ...init,
  };
}

export function decodeAlterPartitionResponse(r: Reader, v: number): AlterPartitionResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _topics: AlterPartitionResponseTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionResponseTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, topics: _topics };
}

export function encodeAlterPartitionResponse(w: Writer, m: AlterPartitionResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionResponseTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionResponseTopicData(r: Reader, v: number): AlterPartitionResponseTopicData {
  let _topicName: string;
  if (v <= 1) {
    _topicName = r.compactString();
  } else {
    _topicName = '';
  }
  let _topicId: string;
  if (v >= 2) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _partitions: AlterPartitionResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterPartitionResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterPartitionResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicName: _topicName, topicId: _topicId, partitions: _partitions };
}

function encodeAlterPartitionResponseTopicData(
  w: Writer,
  m: AlterPartitionResponseTopicData,
  v: number,
): void {
  if (v <= 1) {
    w.compactString(m.topicName);
  }
  if (v >= 2) {
    w.uuid(m.topicId);
  }
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterPartitionResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAlterPartitionResponsePartitionData(
  r: Reader,
  v: number,
): AlterPartitionResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  let _isr: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isr = _a;
  }
  let _leaderRecoveryState: number;
  if (v >= 1) {
    _leaderRecoveryState = r.int8();
  } else {
    _leaderRecoveryState = 0;
  }
  const _partitionEpoch = r.int32();
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    isr: _isr,
    leaderRecoveryState: _leaderRecoveryState,
    partitionEpoch: _partitionEpoch,
  };
}

function encodeAlterPartitionResponsePartitionData(
  w: Writer,
  m: AlterPartitionResponsePartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  {
    const _a = m.isr;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 1) {
    w.int8(m.leaderRecoveryState);
  }
  w.int32(m.partitionEpoch);
  w.uvarint(0);
}
