// Generated from CreateTopicsRequest.json, CreateTopicsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// CreateTopicsRequest: versions 0-7, flexible 5+, api key 19.

export interface CreateTopicsRequest {
  /** v0+ */
  topics: CreateTopicsRequestCreatableTopic[];
  /** v0+, default 60000 */
  timeoutMs: number;
  /** v1+, default false */
  validateOnly: boolean;
}

export interface CreateTopicsRequestCreatableTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  numPartitions: number;
  /** v0+ */
  replicationFactor: number;
  /** v0+ */
  assignments: CreateTopicsRequestCreatableReplicaAssignment[];
  /** v0+ */
  configs: CreateTopicsRequestCreatableTopicConfig[];
}

export interface CreateTopicsRequestCreatableReplicaAssignment {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  brokerIds: number[];
}

export interface CreateTopicsRequestCreatableTopicConfig {
  /** v0+ */
  name: string;
  /** v0+, nullable v0+ */
  value: string | null;
}

export function createCreateTopicsRequest(init?: Partial<CreateTopicsRequest>): CreateTopicsRequest {
  return { topics: [], timeoutMs: 60000, validateOnly: false, ...init };
}

export function createCreateTopicsRequestCreatableTopic(
  init?: Partial<CreateTopicsRequestCreatableTopic>,
): CreateTopicsRequestCreatableTopic {
  return { name: '', numPartitions: 0, replicationFactor: 0, assignments: [], configs: [], ...init };
}

export function createCreateTopicsRequestCreatableReplicaAssignment(
  init?: Partial<CreateTopicsRequestCreatableReplicaAssignment>,
): CreateTopicsRequestCreatableReplicaAssignment {
  return { partitionIndex: 0, brokerIds: [], ...init };
}

export function createCreateTopicsRequestCreatableTopicConfig(
  init?: Partial<CreateTopicsRequestCreatableTopicConfig>,
): CreateTopicsRequestCreatableTopicConfig {
  return { name: '', value: '', ...init };
}

export function decodeCreateTopicsRequest(r: Reader, v: number): CreateTopicsRequest {
  let _topics: CreateTopicsRequestCreatableTopic[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: CreateTopicsRequestCreatableTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateTopicsRequestCreatableTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableTopic(r, v));
    }
    _topics = _a;
  }
  const _timeoutMs = r.int32();
  let _validateOnly: boolean;
  if (v >= 1) {
    _validateOnly = r.bool();
  } else {
    _validateOnly = false;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { topics: _topics, timeoutMs: _timeoutMs, validateOnly: _validateOnly };
}

export function encodeCreateTopicsRequest(w: Writer, m: CreateTopicsRequest, v: number): void {
  if (v <= 4) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableTopic(w, _e, v);
    }
  }
  w.int32(m.timeoutMs);
  if (v >= 1) {
    w.bool(m.validateOnly);
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeCreateTopicsRequestCreatableTopic(r: Reader, v: number): CreateTopicsRequestCreatableTopic {
  let _name: string;
  if (v <= 4) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  const _numPartitions = r.int32();
  const _replicationFactor = r.int16();
  let _assignments: CreateTopicsRequestCreatableReplicaAssignment[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: CreateTopicsRequestCreatableReplicaAssignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableReplicaAssignment(r, v));
    }
    _assignments = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateTopicsRequestCreatableReplicaAssignment[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableReplicaAssignment(r, v));
    }
    _assignments = _a;
  }
  let _configs: CreateTopicsRequestCreatableTopicConfig[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: CreateTopicsRequestCreatableTopicConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableTopicConfig(r, v));
    }
    _configs = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateTopicsRequestCreatableTopicConfig[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsRequestCreatableTopicConfig(r, v));
    }
    _configs = _a;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return {
    name: _name,
    numPartitions: _numPartitions,
    replicationFactor: _replicationFactor,
    assignments: _assignments,
    configs: _configs,
  };
}

function encodeCreateTopicsRequestCreatableTopic(
  w: Writer,
  m: CreateTopicsRequestCreatableTopic,
  v: number,
): void {
  if (v <= 4) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  w.int32(m.numPartitions);
  w.int16(m.replicationFactor);
  if (v <= 4) {
    const _a = m.assignments;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableReplicaAssignment(w, _e, v);
    }
  } else {
    const _a = m.assignments;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableReplicaAssignment(w, _e, v);
    }
  }
  if (v <= 4) {
    const _a = m.configs;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableTopicConfig(w, _e, v);
    }
  } else {
    const _a = m.configs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsRequestCreatableTopicConfig(w, _e, v);
    }
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeCreateTopicsRequestCreatableReplicaAssignment(
  r: Reader,
  v: number,
): CreateTopicsRequestCreatableReplicaAssignment {
  const _partitionIndex = r.int32();
  let _brokerIds: number[];
  if (v <= 4) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _brokerIds = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _brokerIds = _a;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, brokerIds: _brokerIds };
}

function encodeCreateTopicsRequestCreatableReplicaAssignment(
  w: Writer,
  m: CreateTopicsRequestCreatableReplicaAssignment,
  v: number,
): void {
  w.int32(m.partitionIndex);
  if (v <= 4) {
    const _a = m.brokerIds;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.brokerIds;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeCreateTopicsRequestCreatableTopicConfig(
  r: Reader,
  v: number,
): CreateTopicsRequestCreatableTopicConfig {
  let _name: string;
  if (v <= 4) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _value: string | null;
  if (v <= 4) {
    _value = r.nullableString();
  } else {
    _value = r.compactNullableString();
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { name: _name, value: _value };
}

function encodeCreateTopicsRequestCreatableTopicConfig(
  w: Writer,
  m: CreateTopicsRequestCreatableTopicConfig,
  v: number,
): void {
  if (v <= 4) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 4) {
    w.nullableString(m.value);
  } else {
    w.compactNullableString(m.value);
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

// CreateTopicsResponse: versions 0-7, flexible 5+, api key 19.

export interface CreateTopicsResponse {
  /** v2+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: CreateTopicsResponseCreatableTopicResult[];
}

export interface CreateTopicsResponseCreatableTopicResult {
  /** v0+ */
  name: string;
  /** v7+ */
  topicId: string;
  /** v0+ */
  errorCode: number;
  /** v1+, nullable v0+ */
  errorMessage: string | null;
  /** v5+, tag 0 v5+ */
  topicConfigErrorCode: number;
  /** v5+, default -1 */
  numPartitions: number;
  /** v5+, default -1 */
  replicationFactor: number;
  /** v5+, nullable v5+ */
  configs: CreateTopicsResponseCreatableTopicConfigs[] | null;
}

export interface CreateTopicsResponseCreatableTopicConfigs {
  /** v5+ */
  name: string;
  /** v5+, nullable v5+ */
  value: string | null;
  /** v5+ */
  readOnly: boolean;
  /** v5+, default -1 */
  configSource: number;
  /** v5+ */
  isSensitive: boolean;
}

export function createCreateTopicsResponse(init?: Partial<CreateTopicsResponse>): CreateTopicsResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createCreateTopicsResponseCreatableTopicResult(
  init?: Partial<CreateTopicsResponseCreatableTopicResult>,
): CreateTopicsResponseCreatableTopicResult {
  return {
    name: '',
    topicId: ZERO_UUID,
    errorCode: 0,
    errorMessage: '',
    topicConfigErrorCode: 0,
    numPartitions: -1,
    replicationFactor: -1,
    configs: [],
    ...init,
  };
}

export function createCreateTopicsResponseCreatableTopicConfigs(
  init?: Partial<CreateTopicsResponseCreatableTopicConfigs>,
): CreateTopicsResponseCreatableTopicConfigs {
  return { name: '', value: '', readOnly: false, configSource: -1, isSensitive: false, ...init };
}

export function decodeCreateTopicsResponse(r: Reader, v: number): CreateTopicsResponse {
  let _throttleTimeMs: number;
  if (v >= 2) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _topics: CreateTopicsResponseCreatableTopicResult[];
  if (v <= 4) {
    const _n = r.arrayLength(1, false);
    const _a: CreateTopicsResponseCreatableTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsResponseCreatableTopicResult(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreateTopicsResponseCreatableTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreateTopicsResponseCreatableTopicResult(r, v));
    }
    _topics = _a;
  }
  if (v >= 5) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeCreateTopicsResponse(w: Writer, m: CreateTopicsResponse, v: number): void {
  if (v >= 2) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 4) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsResponseCreatableTopicResult(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreateTopicsResponseCreatableTopicResult(w, _e, v);
    }
  }
  if (v >= 5) {
    w.uvarint(0);
  }
}

function decodeCreateTopicsResponseCreatableTopicResult(
  r: Reader,
  v: number,
): CreateTopicsResponseCreatableTopicResult {
  let _name: string;
  if (v <= 4) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _topicId: string;
  if (v >= 7) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v >= 1 && v <= 4) {
    _errorMessage = r.nullableString();
  } else if (v >= 5) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = '';
  }
  let _topicConfigErrorCode: number = 0;
  let _numPartitions: number;
  if (v >= 5) {
    _numPartitions = r.int32();
  } else {
    _numPartitions = -1;
  }
  let _replicationFactor: number;
  if (v >= 5) {
    _replicationFactor = r.int16();
  } else {
    _replicationFactor = -1;
  }
  let _configs: CreateTopicsResponseCreatableTopicConfigs[] | null;
  if (v >= 5) {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _configs = null;
    else {
      const _a: CreateTopicsResponseCreatableTopicConfigs[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeCreateTopicsResponseCreatableTopicConfigs(r, v));
      }
      _configs = _a;
    }
  } else {
    _configs = [];
  }
  if (v >= 5) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          _topicConfigErrorCode = r.int16();
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    name: _name,
    topicId: _topicId,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    topicConfigErrorCode: _topicConfigErrorCode,
    numPartitions: _numPartitions,
    replicationFactor: _replicationFactor,
    configs: _configs,
  };
}

function encodeCreateTopicsResponseCreatableTopicResult(
  w: Writer,
  m: CreateTopicsResponseCreatableTopicResult,
  v: number,
): void {
  if (v <= 4) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v >= 7) {
    w.uuid(m.topicId);
  }
  w.int16(m.errorCode);
  if (v >= 1 && v <= 4) {
    w.nullableString(m.errorMessage);
  } else if (v >= 5) {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 5) {
    w.int32(m.numPartitions);
  }
  if (v >= 5) {
    w.int16(m.replicationFactor);
  }
  if (v >= 5) {
    const _a = m.configs;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeCreateTopicsResponseCreatableTopicConfigs(w, _e, v);
      }
    }
  }
  if (v >= 5) {
    let _nt = 0;
    const _ttopicConfigErrorCode = m.topicConfigErrorCode !== 0;
    if (_ttopicConfigErrorCode) _nt++;
    w.uvarint(_nt);
    if (_ttopicConfigErrorCode) {
      const _mk = w.beginTaggedField(0);
      w.int16(m.topicConfigErrorCode);
      w.endTaggedField(_mk);
    }
  }
}

function decodeCreateTopicsResponseCreatableTopicConfigs(
  r: Reader,
  _v: number,
): CreateTopicsResponseCreatableTopicConfigs {
  const _name = r.compactString();
  const _value = r.compactNullableString();
  const _readOnly = r.bool();
  const _configSource = r.int8();
  const _isSensitive = r.bool();
  r.skipTaggedFields();
  return {
    name: _name,
    value: _value,
    readOnly: _readOnly,
    configSource: _configSource,
    isSensitive: _isSensitive,
  };
}

function encodeCreateTopicsResponseCreatableTopicConfigs(
  w: Writer,
  m: CreateTopicsResponseCreatableTopicConfigs,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactNullableString(m.value);
  w.bool(m.readOnly);
  w.int8(m.configSource);
  w.bool(m.isSensitive);
  w.uvarint(0);
}
