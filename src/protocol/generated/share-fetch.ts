// Generated from ShareFetchRequest.json, ShareFetchResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Records, Writer } from '../writer.js';

// ShareFetchRequest: versions 0, flexible 0+, api key 78.

export interface ShareFetchRequest {
  /** v0+, nullable v0+, default null */
  groupId: string | null;
  /** v0+, nullable v0+ */
  memberId: string | null;
  /** v0+ */
  shareSessionEpoch: number;
  /** v0+ */
  maxWaitMs: number;
  /** v0+ */
  minBytes: number;
  /** v0+, default 0x7fffffff */
  maxBytes: number;
  /** v0+ */
  topics: ShareFetchRequestFetchTopic[];
  /** v0+ */
  forgottenTopicsData: ShareFetchRequestForgottenTopic[];
}

export interface ShareFetchRequestFetchTopic {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ShareFetchRequestFetchPartition[];
}

export interface ShareFetchRequestFetchPartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  partitionMaxBytes: number;
  /** v0+ */
  acknowledgementBatches: ShareFetchRequestAcknowledgementBatch[];
}

export interface ShareFetchRequestAcknowledgementBatch {
  /** v0+ */
  firstOffset: number;
  /** v0+ */
  lastOffset: number;
  /** v0+ */
  acknowledgeTypes: number[];
}

export interface ShareFetchRequestForgottenTopic {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: number[];
}

export function createShareFetchRequest(init?: Partial<ShareFetchRequest>): ShareFetchRequest {
  return {
    groupId: null,
    memberId: '',
    shareSessionEpoch: 0,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 2147483647,
    topics: [],
    forgottenTopicsData: [],
    ...init,
  };
}

export function createShareFetchRequestFetchTopic(
  init?: Partial<ShareFetchRequestFetchTopic>,
): ShareFetchRequestFetchTopic {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createShareFetchRequestFetchPartition(
  init?: Partial<ShareFetchRequestFetchPartition>,
): ShareFetchRequestFetchPartition {
  return { partitionIndex: 0, partitionMaxBytes: 0, acknowledgementBatches: [], ...init };
}

export function createShareFetchRequestAcknowledgementBatch(
  init?: Partial<ShareFetchRequestAcknowledgementBatch>,
): ShareFetchRequestAcknowledgementBatch {
  return { firstOffset: 0, lastOffset: 0, acknowledgeTypes: [], ...init };
}

export function createShareFetchRequestForgottenTopic(
  init?: Partial<ShareFetchRequestForgottenTopic>,
): ShareFetchRequestForgottenTopic {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function decodeShareFetchRequest(r: Reader, v: number): ShareFetchRequest {
  const _groupId = r.compactNullableString();
  const _memberId = r.compactNullableString();
  const _shareSessionEpoch = r.int32();
  const _maxWaitMs = r.int32();
  const _minBytes = r.int32();
  const _maxBytes = r.int32();
  let _topics: ShareFetchRequestFetchTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchRequestFetchTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchRequestFetchTopic(r, v));
    }
    _topics = _a;
  }
  let _forgottenTopicsData: ShareFetchRequestForgottenTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchRequestForgottenTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchRequestForgottenTopic(r, v));
    }
    _forgottenTopicsData = _a;
  }
  r.skipTaggedFields();
  return {
    groupId: _groupId,
    memberId: _memberId,
    shareSessionEpoch: _shareSessionEpoch,
    maxWaitMs: _maxWaitMs,
    minBytes: _minBytes,
    maxBytes: _maxBytes,
    topics: _topics,
    forgottenTopicsData: _forgottenTopicsData,
  };
}

export function encodeShareFetchRequest(w: Writer, m: ShareFetchRequest, v: number): void {
  w.compactNullableString(m.groupId);
  w.compactNullableString(m.memberId);
  w.int32(m.shareSessionEpoch);
  w.int32(m.maxWaitMs);
  w.int32(m.minBytes);
  w.int32(m.maxBytes);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchRequestFetchTopic(w, _e, v);
    }
  }
  {
    const _a = m.forgottenTopicsData;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchRequestForgottenTopic(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchRequestFetchTopic(r: Reader, v: number): ShareFetchRequestFetchTopic {
  const _topicId = r.uuid();
  let _partitions: ShareFetchRequestFetchPartition[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchRequestFetchPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchRequestFetchPartition(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareFetchRequestFetchTopic(w: Writer, m: ShareFetchRequestFetchTopic, v: number): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchRequestFetchPartition(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchRequestFetchPartition(r: Reader, v: number): ShareFetchRequestFetchPartition {
  const _partitionIndex = r.int32();
  const _partitionMaxBytes = r.int32();
  let _acknowledgementBatches: ShareFetchRequestAcknowledgementBatch[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchRequestAcknowledgementBatch[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchRequestAcknowledgementBatch(r, v));
    }
    _acknowledgementBatches = _a;
  }
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    partitionMaxBytes: _partitionMaxBytes,
    acknowledgementBatches: _acknowledgementBatches,
  };
}

function encodeShareFetchRequestFetchPartition(
  w: Writer,
  m: ShareFetchRequestFetchPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int32(m.partitionMaxBytes);
  {
    const _a = m.acknowledgementBatches;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchRequestAcknowledgementBatch(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchRequestAcknowledgementBatch(
  r: Reader,
  _v: number,
): ShareFetchRequestAcknowledgementBatch {
  const _firstOffset = r.int64();
  const _lastOffset = r.int64();
  let _acknowledgeTypes: number[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int8());
    }
    _acknowledgeTypes = _a;
  }
  r.skipTaggedFields();
  return { firstOffset: _firstOffset, lastOffset: _lastOffset, acknowledgeTypes: _acknowledgeTypes };
}

function encodeShareFetchRequestAcknowledgementBatch(
  w: Writer,
  m: ShareFetchRequestAcknowledgementBatch,
  _v: number,
): void {
  w.int64(m.firstOffset);
  w.int64(m.lastOffset);
  {
    const _a = m.acknowledgeTypes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int8(_e);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchRequestForgottenTopic(r: Reader, _v: number): ShareFetchRequestForgottenTopic {
  const _topicId = r.uuid();
  let _partitions: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareFetchRequestForgottenTopic(
  w: Writer,
  m: ShareFetchRequestForgottenTopic,
  _v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}

// ShareFetchResponse: versions 0, flexible 0+, api key 78.

export interface ShareFetchResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  responses: ShareFetchResponseShareFetchableTopicResponse[];
  /** v0+ */
  nodeEndpoints: ShareFetchResponseNodeEndpoint[];
}

export interface ShareFetchResponseShareFetchableTopicResponse {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ShareFetchResponsePartitionData[];
}

export interface ShareFetchResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  acknowledgeErrorCode: number;
  /** v0+, nullable v0+, default null */
  acknowledgeErrorMessage: string | null;
  /** v0+ */
  currentLeader: ShareFetchResponseLeaderIdAndEpoch;
  /** v0+, nullable v0+ */
  records: Records | null;
  /** v0+ */
  acquiredRecords: ShareFetchResponseAcquiredRecords[];
}

export interface ShareFetchResponseLeaderIdAndEpoch {
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface ShareFetchResponseAcquiredRecords {
  /** v0+ */
  firstOffset: number;
  /** v0+ */
  lastOffset: number;
  /** v0+ */
  deliveryCount: number;
}

export interface ShareFetchResponseNodeEndpoint {
  /** v0+ */
  nodeId: number;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+, nullable v0+, default null */
  rack: string | null;
}

export function createShareFetchResponse(init?: Partial<ShareFetchResponse>): ShareFetchResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, responses: [], nodeEndpoints: [], ...init };
}

export function createShareFetchResponseShareFetchableTopicResponse(
  init?: Partial<ShareFetchResponseShareFetchableTopicResponse>,
): ShareFetchResponseShareFetchableTopicResponse {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createShareFetchResponsePartitionData(
  init?: Partial<ShareFetchResponsePartitionData>,
): ShareFetchResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: null,
    acknowledgeErrorCode: 0,
    acknowledgeErrorMessage: null,
    currentLeader: createShareFetchResponseLeaderIdAndEpoch(),
    records: null,
    acquiredRecords: [],
    ...init,
  };
}

export function createShareFetchResponseLeaderIdAndEpoch(
  init?: Partial<ShareFetchResponseLeaderIdAndEpoch>,
): ShareFetchResponseLeaderIdAndEpoch {
  return { leaderId: 0, leaderEpoch: 0, ...init };
}

export function createShareFetchResponseAcquiredRecords(
  init?: Partial<ShareFetchResponseAcquiredRecords>,
): ShareFetchResponseAcquiredRecords {
  return { firstOffset: 0, lastOffset: 0, deliveryCount: 0, ...init };
}

export function createShareFetchResponseNodeEndpoint(
  init?: Partial<ShareFetchResponseNodeEndpoint>,
): ShareFetchResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, rack: null, ...init };
}

export function decodeShareFetchResponse(r: Reader, v: number): ShareFetchResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _responses: ShareFetchResponseShareFetchableTopicResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchResponseShareFetchableTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchResponseShareFetchableTopicResponse(r, v));
    }
    _responses = _a;
  }
  let _nodeEndpoints: ShareFetchResponseNodeEndpoint[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchResponseNodeEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchResponseNodeEndpoint(r, v));
    }
    _nodeEndpoints = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    responses: _responses,
    nodeEndpoints: _nodeEndpoints,
  };
}

export function encodeShareFetchResponse(w: Writer, m: ShareFetchResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchResponseShareFetchableTopicResponse(w, _e, v);
    }
  }
  {
    const _a = m.nodeEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchResponseNodeEndpoint(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchResponseShareFetchableTopicResponse(
  r: Reader,
  v: number,
): ShareFetchResponseShareFetchableTopicResponse {
  const _topicId = r.uuid();
  let _partitions: ShareFetchResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareFetchResponseShareFetchableTopicResponse(
  w: Writer,
  m: ShareFetchResponseShareFetchableTopicResponse,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchResponsePartitionData(r: Reader, v: number): ShareFetchResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _acknowledgeErrorCode = r.int16();
  const _acknowledgeErrorMessage = r.compactNullableString();
  const _currentLeader = decodeShareFetchResponseLeaderIdAndEpoch(r, v);
  const _records = r.compactNullableBytes();
  let _acquiredRecords: ShareFetchResponseAcquiredRecords[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareFetchResponseAcquiredRecords[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareFetchResponseAcquiredRecords(r, v));
    }
    _acquiredRecords = _a;
  }
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    acknowledgeErrorCode: _acknowledgeErrorCode,
    acknowledgeErrorMessage: _acknowledgeErrorMessage,
    currentLeader: _currentLeader,
    records: _records,
    acquiredRecords: _acquiredRecords,
  };
}

function encodeShareFetchResponsePartitionData(
  w: Writer,
  m: ShareFetchResponsePartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.int16(m.acknowledgeErrorCode);
  w.compactNullableString(m.acknowledgeErrorMessage);
  encodeShareFetchResponseLeaderIdAndEpoch(w, m.currentLeader, v);
  w.records(m.records, true, true);
  {
    const _a = m.acquiredRecords;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareFetchResponseAcquiredRecords(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareFetchResponseLeaderIdAndEpoch(r: Reader, _v: number): ShareFetchResponseLeaderIdAndEpoch {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch };
}

function encodeShareFetchResponseLeaderIdAndEpoch(
  w: Writer,
  m: ShareFetchResponseLeaderIdAndEpoch,
  _v: number,
): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

function decodeShareFetchResponseAcquiredRecords(r: Reader, _v: number): ShareFetchResponseAcquiredRecords {
  const _firstOffset = r.int64();
  const _lastOffset = r.int64();
  const _deliveryCount = r.int16();
  r.skipTaggedFields();
  return { firstOffset: _firstOffset, lastOffset: _lastOffset, deliveryCount: _deliveryCount };
}

function encodeShareFetchResponseAcquiredRecords(
  w: Writer,
  m: ShareFetchResponseAcquiredRecords,
  _v: number,
): void {
  w.int64(m.firstOffset);
  w.int64(m.lastOffset);
  w.int16(m.deliveryCount);
  w.uvarint(0);
}

function decodeShareFetchResponseNodeEndpoint(r: Reader, _v: number): ShareFetchResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _rack = r.compactNullableString();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port, rack: _rack };
}

function encodeShareFetchResponseNodeEndpoint(
  w: Writer,
  m: ShareFetchResponseNodeEndpoint,
  _v: number,
): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.int32(m.port);
  w.compactNullableString(m.rack);
  w.uvarint(0);
}
