// Generated from ProduceRequest.json, ProduceResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Records, Writer } from '../writer.js';

// ProduceRequest: versions 0-11, flexible 9+, api key 0.

export interface ProduceRequest {
  /** v3+, nullable v3+, default null */
  transactionalId: string | null;
  /** v0+ */
  acks: number;
  /** v0+ */
  timeoutMs: number;
  /** v0+ */
  topicData: ProduceRequestTopicProduceData[];
}

export interface ProduceRequestTopicProduceData {
  /** v0+ */
  name: string;
  /** v0+ */
  partitionData: ProduceRequestPartitionProduceData[];
}

export interface ProduceRequestPartitionProduceData {
  /** v0+ */
  index: number;
  /** v0+, nullable v0+ */
  records: Records | null;
}

export function createProduceRequest(init?: Partial<ProduceRequest>): ProduceRequest {
  return { transactionalId: null, acks: 0, timeoutMs: 0, topicData: [], ...init };
}

export function createProduceRequestTopicProduceData(
  init?: Partial<ProduceRequestTopicProduceData>,
): ProduceRequestTopicProduceData {
  return { name: '', partitionData: [], ...init };
}

export function createProduceRequestPartitionProduceData(
  init?: Partial<ProduceRequestPartitionProduceData>,
): ProduceRequestPartitionProduceData {
  return { index: 0, records: null, ...init };
}

export function decodeProduceRequest(r: Reader, v: number): ProduceRequest {
  let _transactionalId: string | null;
  if (v >= 3 && v <= 8) {
    _transactionalId = r.nullableString();
  } else if (v >= 9) {
    _transactionalId = r.compactNullableString();
  } else {
    _transactionalId = null;
  }
  const _acks = r.int16();
  const _timeoutMs = r.int32();
  let _topicData: ProduceRequestTopicProduceData[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: ProduceRequestTopicProduceData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceRequestTopicProduceData(r, v));
    }
    _topicData = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ProduceRequestTopicProduceData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceRequestTopicProduceData(r, v));
    }
    _topicData = _a;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { transactionalId: _transactionalId, acks: _acks, timeoutMs: _timeoutMs, topicData: _topicData };
}

export function encodeProduceRequest(w: Writer, m: ProduceRequest, v: number): void {
  if (v >= 3 && v <= 8) {
    w.nullableString(m.transactionalId);
  } else if (v >= 9) {
    w.compactNullableString(m.transactionalId);
  }
  w.int16(m.acks);
  w.int32(m.timeoutMs);
  if (v <= 8) {
    const _a = m.topicData;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceRequestTopicProduceData(w, _e, v);
    }
  } else {
    const _a = m.topicData;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceRequestTopicProduceData(w, _e, v);
    }
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeProduceRequestTopicProduceData(r: Reader, v: number): ProduceRequestTopicProduceData {
  let _name: string;
  if (v <= 8) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitionData: ProduceRequestPartitionProduceData[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: ProduceRequestPartitionProduceData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceRequestPartitionProduceData(r, v));
    }
    _partitionData = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ProduceRequestPartitionProduceData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceRequestPartitionProduceData(r, v));
    }
    _partitionData = _a;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { name: _name, partitionData: _partitionData };
}

function encodeProduceRequestTopicProduceData(w: Writer, m: ProduceRequestTopicProduceData, v: number): void {
  if (v <= 8) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 8) {
    const _a = m.partitionData;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceRequestPartitionProduceData(w, _e, v);
    }
  } else {
    const _a = m.partitionData;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceRequestPartitionProduceData(w, _e, v);
    }
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeProduceRequestPartitionProduceData(r: Reader, v: number): ProduceRequestPartitionProduceData {
  const _index = r.int32();
  let _records: Records | null;
  if (v <= 8) {
    _records = r.nullableBytes();
  } else {
    _records = r.compactNullableBytes();
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { index: _index, records: _records };
}

function encodeProduceRequestPartitionProduceData(
  w: Writer,
  m: ProduceRequestPartitionProduceData,
  v: number,
): void {
  w.int32(m.index);
  if (v <= 8) {
    w.records(m.records, false, true);
  } else {
    w.records(m.records, true, true);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

// ProduceResponse: versions 0-11, flexible 9+, api key 0.

export interface ProduceResponse {
  /** v0+ */
  responses: ProduceResponseTopicProduceResponse[];
  /** v1+, default 0 */
  throttleTimeMs: number;
  /** v10+, tag 0 v10+ */
  nodeEndpoints: ProduceResponseNodeEndpoint[];
}

export interface ProduceResponseTopicProduceResponse {
  /** v0+ */
  name: string;
  /** v0+ */
  partitionResponses: ProduceResponsePartitionProduceResponse[];
}

export interface ProduceResponsePartitionProduceResponse {
  /** v0+ */
  index: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  baseOffset: number;
  /** v2+, default -1 */
  logAppendTimeMs: number;
  /** v5+, default -1 */
  logStartOffset: number;
  /** v8+ */
  recordErrors: ProduceResponseBatchIndexAndErrorMessage[];
  /** v8+, nullable v8+, default null */
  errorMessage: string | null;
  /** v10+, tag 0 v10+ */
  currentLeader: ProduceResponseLeaderIdAndEpoch;
}

export interface ProduceResponseBatchIndexAndErrorMessage {
  /** v8+ */
  batchIndex: number;
  /** v8+, nullable v8+, default null */
  batchIndexErrorMessage: string | null;
}

export interface ProduceResponseLeaderIdAndEpoch {
  /** v10+, default -1 */
  leaderId: number;
  /** v10+, default -1 */
  leaderEpoch: number;
}

export interface ProduceResponseNodeEndpoint {
  /** v10+ */
  nodeId: number;
  /** v10+ */
  host: string;
  /** v10+ */
  port: number;
  /** v10+, nullable v10+, default null */
  rack: string | null;
}

export function createProduceResponse(init?: Partial<ProduceResponse>): ProduceResponse {
  return { responses: [], throttleTimeMs: 0, nodeEndpoints: [], ...init };
}

export function createProduceResponseTopicProduceResponse(
  init?: Partial<ProduceResponseTopicProduceResponse>,
): ProduceResponseTopicProduceResponse {
  return { name: '', partitionResponses: [], ...init };
}

export function createProduceResponsePartitionProduceResponse(
  init?: Partial<ProduceResponsePartitionProduceResponse>,
): ProduceResponsePartitionProduceResponse {
  return {
    index: 0,
    errorCode: 0,
    baseOffset: 0,
    logAppendTimeMs: -1,
    logStartOffset: -1,
    recordErrors: [],
    errorMessage: null,
    currentLeader: createProduceResponseLeaderIdAndEpoch(),
    ...init,
  };
}

export function createProduceResponseBatchIndexAndErrorMessage(
  init?: Partial<ProduceResponseBatchIndexAndErrorMessage>,
): ProduceResponseBatchIndexAndErrorMessage {
  return { batchIndex: 0, batchIndexErrorMessage: null, ...init };
}

export function createProduceResponseLeaderIdAndEpoch(
  init?: Partial<ProduceResponseLeaderIdAndEpoch>,
): ProduceResponseLeaderIdAndEpoch {
  return { leaderId: -1, leaderEpoch: -1, ...init };
}

export function createProduceResponseNodeEndpoint(
  init?: Partial<ProduceResponseNodeEndpoint>,
): ProduceResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, rack: null, ...init };
}

export function decodeProduceResponse(r: Reader, v: number): ProduceResponse {
  let _responses: ProduceResponseTopicProduceResponse[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: ProduceResponseTopicProduceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponseTopicProduceResponse(r, v));
    }
    _responses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ProduceResponseTopicProduceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponseTopicProduceResponse(r, v));
    }
    _responses = _a;
  }
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _nodeEndpoints: ProduceResponseNodeEndpoint[] = [];
  if (v >= 9) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          if (v >= 10) {
            const _n = r.compactArrayLength(1, false);
            const _a: ProduceResponseNodeEndpoint[] = [];
            for (let _i = 0; _i < _n && r.error === null; _i++) {
              _a.push(decodeProduceResponseNodeEndpoint(r, v));
            }
            _nodeEndpoints = _a;
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return { responses: _responses, throttleTimeMs: _throttleTimeMs, nodeEndpoints: _nodeEndpoints };
}

export function encodeProduceResponse(w: Writer, m: ProduceResponse, v: number): void {
  if (v <= 8) {
    const _a = m.responses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponseTopicProduceResponse(w, _e, v);
    }
  } else {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponseTopicProduceResponse(w, _e, v);
    }
  }
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v >= 9) {
    let _nt = 0;
    const _tnodeEndpoints = v >= 10 && m.nodeEndpoints.length > 0;
    if (_tnodeEndpoints) _nt++;
    w.uvarint(_nt);
    if (_tnodeEndpoints) {
      const _mk = w.beginTaggedField(0);
      const _a = m.nodeEndpoints;
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeProduceResponseNodeEndpoint(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
  }
}

function decodeProduceResponseTopicProduceResponse(
  r: Reader,
  v: number,
): ProduceResponseTopicProduceResponse {
  let _name: string;
  if (v <= 8) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitionResponses: ProduceResponsePartitionProduceResponse[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: ProduceResponsePartitionProduceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponsePartitionProduceResponse(r, v));
    }
    _partitionResponses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ProduceResponsePartitionProduceResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponsePartitionProduceResponse(r, v));
    }
    _partitionResponses = _a;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { name: _name, partitionResponses: _partitionResponses };
}

function encodeProduceResponseTopicProduceResponse(
  w: Writer,
  m: ProduceResponseTopicProduceResponse,
  v: number,
): void {
  if (v <= 8) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 8) {
    const _a = m.partitionResponses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponsePartitionProduceResponse(w, _e, v);
    }
  } else {
    const _a = m.partitionResponses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponsePartitionProduceResponse(w, _e, v);
    }
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeProduceResponsePartitionProduceResponse(
  r: Reader,
  v: number,
): ProduceResponsePartitionProduceResponse {
  const _index = r.int32();
  const _errorCode = r.int16();
  const _baseOffset = r.int64();
  let _logAppendTimeMs: number;
  if (v >= 2) {
    _logAppendTimeMs = r.int64();
  } else {
    _logAppendTimeMs = -1;
  }
  let _logStartOffset: number;
  if (v >= 5) {
    _logStartOffset = r.int64();
  } else {
    _logStartOffset = -1;
  }
  let _recordErrors: ProduceResponseBatchIndexAndErrorMessage[];
  if (v === 8) {
    const _n = r.arrayLength(1, false);
    const _a: ProduceResponseBatchIndexAndErrorMessage[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponseBatchIndexAndErrorMessage(r, v));
    }
    _recordErrors = _a;
  } else if (v >= 9) {
    const _n = r.compactArrayLength(1, false);
    const _a: ProduceResponseBatchIndexAndErrorMessage[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeProduceResponseBatchIndexAndErrorMessage(r, v));
    }
    _recordErrors = _a;
  } else {
    _recordErrors = [];
  }
  let _errorMessage: string | null;
  if (v === 8) {
    _errorMessage = r.nullableString();
  } else if (v >= 9) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = null;
  }
  let _currentLeader: ProduceResponseLeaderIdAndEpoch = createProduceResponseLeaderIdAndEpoch();
  if (v >= 9) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          if (v >= 10) {
            _currentLeader = decodeProduceResponseLeaderIdAndEpoch(r, v);
          }
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    index: _index,
    errorCode: _errorCode,
    baseOffset: _baseOffset,
    logAppendTimeMs: _logAppendTimeMs,
    logStartOffset: _logStartOffset,
    recordErrors: _recordErrors,
    errorMessage: _errorMessage,
    currentLeader: _currentLeader,
  };
}

function encodeProduceResponsePartitionProduceResponse(
  w: Writer,
  m: ProduceResponsePartitionProduceResponse,
  v: number,
): void {
  w.int32(m.index);
  w.int16(m.errorCode);
  w.int64(m.baseOffset);
  if (v >= 2) {
    w.int64(m.logAppendTimeMs);
  }
  if (v >= 5) {
    w.int64(m.logStartOffset);
  }
  if (v === 8) {
    const _a = m.recordErrors;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponseBatchIndexAndErrorMessage(w, _e, v);
    }
  } else if (v >= 9) {
    const _a = m.recordErrors;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeProduceResponseBatchIndexAndErrorMessage(w, _e, v);
    }
  }
  if (v === 8) {
    w.nullableString(m.errorMessage);
  } else if (v >= 9) {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 9) {
    let _nt = 0;
    const _tcurrentLeader = v >= 10 && !isDefaultProduceResponseLeaderIdAndEpoch(m.currentLeader);
    if (_tcurrentLeader) _nt++;
    w.uvarint(_nt);
    if (_tcurrentLeader) {
      const _mk = w.beginTaggedField(0);
      encodeProduceResponseLeaderIdAndEpoch(w, m.currentLeader, v);
      w.endTaggedField(_mk);
    }
  }
}

function decodeProduceResponseBatchIndexAndErrorMessage(
  r: Reader,
  v: number,
): ProduceResponseBatchIndexAndErrorMessage {
  const _batchIndex = r.int32();
  let _batchIndexErrorMessage: string | null;
  if (v <= 8) {
    _batchIndexErrorMessage = r.nullableString();
  } else {
    _batchIndexErrorMessage = r.compactNullableString();
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { batchIndex: _batchIndex, batchIndexErrorMessage: _batchIndexErrorMessage };
}

function encodeProduceResponseBatchIndexAndErrorMessage(
  w: Writer,
  m: ProduceResponseBatchIndexAndErrorMessage,
  v: number,
): void {
  w.int32(m.batchIndex);
  if (v <= 8) {
    w.nullableString(m.batchIndexErrorMessage);
  } else {
    w.compactNullableString(m.batchIndexErrorMessage);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeProduceResponseLeaderIdAndEpoch(r: Reader, _v: number): ProduceResponseLeaderIdAndEpoch {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch };
}

function encodeProduceResponseLeaderIdAndEpoch(
  w: Writer,
  m: ProduceResponseLeaderIdAndEpoch,
  _v: number,
): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

function decodeProduceResponseNodeEndpoint(r: Reader, _v: number): ProduceResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _rack = r.compactNullableString();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port, rack: _rack };
}

function encodeProduceResponseNodeEndpoint(w: Writer, m: ProduceResponseNodeEndpoint, _v: number): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.int32(m.port);
  w.compactNullableString(m.rack);
  w.uvarint(0);
}

function isDefaultProduceResponseLeaderIdAndEpoch(m: ProduceResponseLeaderIdAndEpoch): boolean {
  return !(m.leaderId !== -1) && !(m.leaderEpoch !== -1);
}
