// Generated from MetadataRequest.json, MetadataResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// MetadataRequest: versions 0-12, flexible 9+, api key 3.

export interface MetadataRequest {
  /** v0+, nullable v1+ */
  topics: MetadataRequestMetadataRequestTopic[] | null;
  /** v4+, default true */
  allowAutoTopicCreation: boolean;
  /** v8-10 */
  includeClusterAuthorizedOperations: boolean;
  /** v8+ */
  includeTopicAuthorizedOperations: boolean;
}

export interface MetadataRequestMetadataRequestTopic {
  /** v10+ */
  topicId: string;
  /** v0+, nullable v10+ */
  name: string | null;
}

export function createMetadataRequest(init?: Partial<MetadataRequest>): MetadataRequest {
  return {
    topics: [],
    allowAutoTopicCreation: true,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
    ...init,
  };
}

export function createMetadataRequestMetadataRequestTopic(
  init?: Partial<MetadataRequestMetadataRequestTopic>,
): MetadataRequestMetadataRequestTopic {
  return { topicId: ZERO_UUID, name: '', ...init };
}

export function decodeMetadataRequest(r: Reader, v: number): MetadataRequest {
  let _topics: MetadataRequestMetadataRequestTopic[] | null;
  if (v <= 0) {
    const _n = r.arrayLength(1, false);
    const _a: MetadataRequestMetadataRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataRequestMetadataRequestTopic(r, v));
    }
    _topics = _a;
  } else if (v >= 1 && v <= 8) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: MetadataRequestMetadataRequestTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeMetadataRequestMetadataRequestTopic(r, v));
      }
      _topics = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: MetadataRequestMetadataRequestTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeMetadataRequestMetadataRequestTopic(r, v));
      }
      _topics = _a;
    }
  }
  let _allowAutoTopicCreation: boolean;
  if (v >= 4) {
    _allowAutoTopicCreation = r.bool();
  } else {
    _allowAutoTopicCreation = true;
  }
  let _includeClusterAuthorizedOperations: boolean;
  if (v >= 8 && v <= 10) {
    _includeClusterAuthorizedOperations = r.bool();
  } else {
    _includeClusterAuthorizedOperations = false;
  }
  let _includeTopicAuthorizedOperations: boolean;
  if (v >= 8) {
    _includeTopicAuthorizedOperations = r.bool();
  } else {
    _includeTopicAuthorizedOperations = false;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return {
    topics: _topics,
    allowAutoTopicCreation: _allowAutoTopicCreation,
    includeClusterAuthorizedOperations: _includeClusterAuthorizedOperations,
    includeTopicAuthorizedOperations: _includeTopicAuthorizedOperations,
  };
}

export function encodeMetadataRequest(w: Writer, m: MetadataRequest, v: number): void {
  if (v <= 0) {
    const _a = m.topics;
    if (_a === null) w.arrayLength(0);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeMetadataRequestMetadataRequestTopic(w, _e, v);
      }
    }
  } else if (v >= 1 && v <= 8) {
    const _a = m.topics;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeMetadataRequestMetadataRequestTopic(w, _e, v);
      }
    }
  } else {
    const _a = m.topics;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeMetadataRequestMetadataRequestTopic(w, _e, v);
      }
    }
  }
  if (v >= 4) {
    w.bool(m.allowAutoTopicCreation);
  }
  if (v >= 8 && v <= 10) {
    w.bool(m.includeClusterAuthorizedOperations);
  }
  if (v >= 8) {
    w.bool(m.includeTopicAuthorizedOperations);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeMetadataRequestMetadataRequestTopic(
  r: Reader,
  v: number,
): MetadataRequestMetadataRequestTopic {
  let _topicId: string;
  if (v >= 10) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _name: string | null;
  if (v <= 8) {
    _name = r.string();
  } else if (v === 9) {
    _name = r.compactString();
  } else {
    _name = r.compactNullableString();
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { topicId: _topicId, name: _name };
}

function encodeMetadataRequestMetadataRequestTopic(
  w: Writer,
  m: MetadataRequestMetadataRequestTopic,
  v: number,
): void {
  if (v >= 10) {
    w.uuid(m.topicId);
  }
  if (v <= 8) {
    w.string(m.name ?? '');
  } else if (v === 9) {
    w.compactString(m.name ?? '');
  } else {
    w.compactNullableString(m.name);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

// MetadataResponse: versions 0-12, flexible 9+, api key 3.

export interface MetadataResponse {
  /** v3+ */
  throttleTimeMs: number;
  /** v0+ */
  brokers: MetadataResponseMetadataResponseBroker[];
  /** v2+, nullable v2+, default null */
  clusterId: string | null;
  /** v1+, default -1 */
  controllerId: number;
  /** v0+ */
  topics: MetadataResponseMetadataResponseTopic[];
  /** v8-10, default -2147483648 */
  clusterAuthorizedOperations: number;
}

export interface MetadataResponseMetadataResponseBroker {
  /** v0+ */
  nodeId: number;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v1+, nullable v1+, default null */
  rack: string | null;
}

export interface MetadataResponseMetadataResponseTopic {
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v12+ */
  name: string | null;
  /** v10+ */
  topicId: string;
  /** v1+, default false */
  isInternal: boolean;
  /** v0+ */
  partitions: MetadataResponseMetadataResponsePartition[];
  /** v8+, default -2147483648 */
  topicAuthorizedOperations: number;
}

export interface MetadataResponseMetadataResponsePartition {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  leaderId: number;
  /** v7+, default -1 */
  leaderEpoch: number;
  /** v0+ */
  replicaNodes: number[];
  /** v0+ */
  isrNodes: number[];
  /** v5+ */
  offlineReplicas: number[];
}

export function createMetadataResponse(init?: Partial<MetadataResponse>): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: [],
    clusterId: null,
    controllerId: -1,
    topics: [],
    clusterAuthorizedOperations: -2147483648,
    ...init,
  };
}

export function createMetadataResponseMetadataResponseBroker(
  init?: Partial<MetadataResponseMetadataResponseBroker>,
): MetadataResponseMetadataResponseBroker {
  return { nodeId: 0, host: '', port: 0, rack: null, ...init };
}

export function createMetadataResponseMetadataResponseTopic(
  init?: Partial<MetadataResponseMetadataResponseTopic>,
): MetadataResponseMetadataResponseTopic {
  return {
    errorCode: 0,
    name: '',
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
    ...init,
  };
}

export function createMetadataResponseMetadataResponsePartition(
  init?: Partial<MetadataResponseMetadataResponsePartition>,
): MetadataResponseMetadataResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    offlineReplicas: [],
    ...init,
  };
}

export function decodeMetadataResponse(r: Reader, v: number): MetadataResponse {
  let _throttleTimeMs: number;
  if (v >= 3) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _brokers: MetadataResponseMetadataResponseBroker[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: MetadataResponseMetadataResponseBroker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponseBroker(r, v));
    }
    _brokers = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: MetadataResponseMetadataResponseBroker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponseBroker(r, v));
    }
    _brokers = _a;
  }
  let _clusterId: string | null;
  if (v >= 2 && v <= 8) {
    _clusterId = r.nullableString();
  } else if (v >= 9) {
    _clusterId = r.compactNullableString();
  } else {
    _clusterId = null;
  }
  let _controllerId: number;
  if (v >= 1) {
    _controllerId = r.int32();
  } else {
    _controllerId = -1;
  }
  let _topics: MetadataResponseMetadataResponseTopic[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: MetadataResponseMetadataResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponseTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: MetadataResponseMetadataResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponseTopic(r, v));
    }
    _topics = _a;
  }
  let _clusterAuthorizedOperations: number;
  if (v >= 8 && v <= 10) {
    _clusterAuthorizedOperations = r.int32();
  } else {
    _clusterAuthorizedOperations = -2147483648;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    brokers: _brokers,
    clusterId: _clusterId,
    controllerId: _controllerId,
    topics: _topics,
    clusterAuthorizedOperations: _clusterAuthorizedOperations,
  };
}

export function encodeMetadataResponse(w: Writer, m: MetadataResponse, v: number): void {
  if (v >= 3) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 8) {
    const _a = m.brokers;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponseBroker(w, _e, v);
    }
  } else {
    const _a = m.brokers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponseBroker(w, _e, v);
    }
  }
  if (v >= 2 && v <= 8) {
    w.nullableString(m.clusterId);
  } else if (v >= 9) {
    w.compactNullableString(m.clusterId);
  }
  if (v >= 1) {
    w.int32(m.controllerId);
  }
  if (v <= 8) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponseTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponseTopic(w, _e, v);
    }
  }
  if (v >= 8 && v <= 10) {
    w.int32(m.clusterAuthorizedOperations);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeMetadataResponseMetadataResponseBroker(
  r: Reader,
  v: number,
): MetadataResponseMetadataResponseBroker {
  const _nodeId = r.int32();
  let _host: string;
  if (v <= 8) {
    _host = r.string();
  } else {
    _host = r.compactString();
  }
  const _port = r.int32();
  let _rack: string | null;
  if (v >= 1 && v <= 8) {
    _rack = r.nullableString();
  } else if (v >= 9) {
    _rack = r.compactNullableString();
  } else {
    _rack = null;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return { nodeId: _nodeId, host: _host, port: _port, rack: _rack };
}

function encodeMetadataResponseMetadataResponseBroker(
  w: Writer,
  m: MetadataResponseMetadataResponseBroker,
  v: number,
): void {
  w.int32(m.nodeId);
  if (v <= 8) {
    w.string(m.host);
  } else {
    w.compactString(m.host);
  }
  w.int32(m.port);
  if (v >= 1 && v <= 8) {
    w.nullableString(m.rack);
  } else if (v >= 9) {
    w.compactNullableString(m.rack);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeMetadataResponseMetadataResponseTopic(
  r: Reader,
  v: number,
): MetadataResponseMetadataResponseTopic {
  const _errorCode = r.int16();
  let _name: string | null;
  if (v <= 8) {
    _name = r.string();
  } else if (v >= 9 && v <= 11) {
    _name = r.compactString();
  } else {
    _name = r.compactNullableString();
  }
  let _topicId: string;
  if (v >= 10) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  let _isInternal: boolean;
  if (v >= 1) {
    _isInternal = r.bool();
  } else {
    _isInternal = false;
  }
  let _partitions: MetadataResponseMetadataResponsePartition[];
  if (v <= 8) {
    const _n = r.arrayLength(1, false);
    const _a: MetadataResponseMetadataResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponsePartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: MetadataResponseMetadataResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeMetadataResponseMetadataResponsePartition(r, v));
    }
    _partitions = _a;
  }
  let _topicAuthorizedOperations: number;
  if (v >= 8) {
    _topicAuthorizedOperations = r.int32();
  } else {
    _topicAuthorizedOperations = -2147483648;
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    name: _name,
    topicId: _topicId,
    isInternal: _isInternal,
    partitions: _partitions,
    topicAuthorizedOperations: _topicAuthorizedOperations,
  };
}

function encodeMetadataResponseMetadataResponseTopic(
  w: Writer,
  m: MetadataResponseMetadataResponseTopic,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 8) {
    w.string(m.name ?? '');
  } else if (v >= 9 && v <= 11) {
    w.compactString(m.name ?? '');
  } else {
    w.compactNullableString(m.name);
  }
  if (v >= 10) {
    w.uuid(m.topicId);
  }
  if (v >= 1) {
    w.bool(m.isInternal);
  }
  if (v <= 8) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponsePartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeMetadataResponseMetadataResponsePartition(w, _e, v);
    }
  }
  if (v >= 8) {
    w.int32(m.topicAuthorizedOperations);
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}

function decodeMetadataResponseMetadataResponsePartition(
  r: Reader,
  v: number,
): MetadataResponseMetadataResponsePartition {
  const _errorCode = r.int16();
  const _partitionIndex = r.int32();
  const _leaderId = r.int32();
  let _leaderEpoch: number;
  if (v >= 7) {
    _leaderEpoch = r.int32();
  } else {
    _leaderEpoch = -1;
  }
  let _replicaNodes: number[];
  if (v <= 8) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicaNodes = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicaNodes = _a;
  }
  let _isrNodes: number[];
  if (v <= 8) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isrNodes = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isrNodes = _a;
  }
  let _offlineReplicas: number[];
  if (v >= 5 && v <= 8) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _offlineReplicas = _a;
  } else if (v >= 9) {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _offlineReplicas = _a;
  } else {
    _offlineReplicas = [];
  }
  if (v >= 9) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    partitionIndex: _partitionIndex,
    leaderId: _leaderId,
    leaderEpoch: _leaderEpoch,
    replicaNodes: _replicaNodes,
    isrNodes: _isrNodes,
    offlineReplicas: _offlineReplicas,
  };
}

function encodeMetadataResponseMetadataResponsePartition(
  w: Writer,
  m: MetadataResponseMetadataResponsePartition,
  v: number,
): void {
  w.int16(m.errorCode);
  w.int32(m.partitionIndex);
  w.int32(m.leaderId);
  if (v >= 7) {
    w.int32(m.leaderEpoch);
  }
  if (v <= 8) {
    const _a = m.replicaNodes;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.replicaNodes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v <= 8) {
    const _a = m.isrNodes;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.isrNodes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 5 && v <= 8) {
    const _a = m.offlineReplicas;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else if (v >= 9) {
    const _a = m.offlineReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 9) {
    w.uvarint(0);
  }
}
