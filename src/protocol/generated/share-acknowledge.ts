// Generated from ShareAcknowledgeRequest.json, ShareAcknowledgeResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ShareAcknowledgeRequest: versions 0, flexible 0+, api key 79.

export interface ShareAcknowledgeRequest {
  /** v0+, nullable v0+, default null */
  groupId: string | null;
  /** v0+, nullable v0+ */
  memberId: string | null;
  /** v0+ */
  shareSessionEpoch: number;
  /** v0+ */
  topics: ShareAcknowledgeRequestAcknowledgeTopic[];
}

export interface ShareAcknowledgeRequestAcknowledgeTopic {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ShareAcknowledgeRequestAcknowledgePartition[];
}

export interface ShareAcknowledgeRequestAcknowledgePartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  acknowledgementBatches: ShareAcknowledgeRequestAcknowledgementBatch[];
}

export interface ShareAcknowledgeRequestAcknowledgementBatch {
  /** v0+ */
  firstOffset: number;
  /** v0+ */
  lastOffset: number;
  /** v0+ */
  acknowledgeTypes: number[];
}

export function createShareAcknowledgeRequest(
  init?: Partial<ShareAcknowledgeRequest>,
): ShareAcknowledgeRequest {
  return { groupId: null, memberId: '', shareSessionEpoch: 0, topics: [], ...init };
}

export function createShareAcknowledgeRequestAcknowledgeTopic(
  init?: Partial<ShareAcknowledgeRequestAcknowledgeTopic>,
): ShareAcknowledgeRequestAcknowledgeTopic {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createShareAcknowledgeRequestAcknowledgePartition(
  init?: Partial<ShareAcknowledgeRequestAcknowledgePartition>,
): ShareAcknowledgeRequestAcknowledgePartition {
  return { partitionIndex: 0, acknowledgementBatches: [], ...init };
}

export function createShareAcknowledgeRequestAcknowledgementBatch(
  init?: Partial<ShareAcknowledgeRequestAcknowledgementBatch>,
): ShareAcknowledgeRequestAcknowledgementBatch {
  return { firstOffset: 0, lastOffset: 0, acknowledgeTypes: [], ...init };
}

export function decodeShareAcknowledgeRequest(r: Reader, v: number): ShareAcknowledgeRequest {
  const _groupId = r.compactNullableString();
  const _memberId = r.compactNullableString();
  const _shareSessionEpoch = r.int32();
  let _topics: ShareAcknowledgeRequestAcknowledgeTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeRequestAcknowledgeTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeRequestAcknowledgeTopic(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return { groupId: _groupId, memberId: _memberId, shareSessionEpoch: _shareSessionEpoch, topics: _topics };
}

export function encodeShareAcknowledgeRequest(w: Writer, m: ShareAcknowledgeRequest, v: number): void {
  w.compactNullableString(m.groupId);
  w.compactNullableString(m.memberId);
  w.int32(m.shareSessionEpoch);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeRequestAcknowledgeTopic(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareAcknowledgeRequestAcknowledgeTopic(
  r: Reader,
  v: number,
): ShareAcknowledgeRequestAcknowledgeTopic {
  const _topicId = r.uuid();
  let _partitions: ShareAcknowledgeRequestAcknowledgePartition[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeRequestAcknowledgePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeRequestAcknowledgePartition(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareAcknowledgeRequestAcknowledgeTopic(
  w: Writer,
  m: ShareAcknowledgeRequestAcknowledgeTopic,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeRequestAcknowledgePartition(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareAcknowledgeRequestAcknowledgePartition(
  r: Reader,
  v: number,
): ShareAcknowledgeRequestAcknowledgePartition {
  const _partitionIndex = r.int32();
  let _acknowledgementBatches: ShareAcknowledgeRequestAcknowledgementBatch[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeRequestAcknowledgementBatch[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeRequestAcknowledgementBatch(r, v));
    }
    _acknowledgementBatches = _a;
  }
  r.skipTaggedFields();
  return { partitionIndex: _partitionIndex, acknowledgementBatches: _acknowledgementBatches };
}

function encodeShareAcknowledgeRequestAcknowledgePartition(
  w: Writer,
  m: ShareAcknowledgeRequestAcknowledgePartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  {
    const _a = m.acknowledgementBatches;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeRequestAcknowledgementBatch(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareAcknowledgeRequestAcknowledgementBatch(
  r: Reader,
  _v: number,
): ShareAcknowledgeRequestAcknowledgementBatch {
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

function encodeShareAcknowledgeRequestAcknowledgementBatch(
  w: Writer,
  m: ShareAcknowledgeRequestAcknowledgementBatch,
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

// ShareAcknowledgeResponse: versions 0, flexible 0+, api key 79.

export interface ShareAcknowledgeResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  responses: ShareAcknowledgeResponseShareAcknowledgeTopicResponse[];
  /** v0+ */
  nodeEndpoints: ShareAcknowledgeResponseNodeEndpoint[];
}

export interface ShareAcknowledgeResponseShareAcknowledgeTopicResponse {
  /** v0+ */
  topicId: string;
  /** v0+ */
  partitions: ShareAcknowledgeResponsePartitionData[];
}

export interface ShareAcknowledgeResponsePartitionData {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v0+ */
  currentLeader: ShareAcknowledgeResponseLeaderIdAndEpoch;
}

export interface ShareAcknowledgeResponseLeaderIdAndEpoch {
  /** v0+ */
  leaderId: number;
  /** v0+ */
  leaderEpoch: number;
}

export interface ShareAcknowledgeResponseNodeEndpoint {
  /** v0+ */
  nodeId: number;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+, nullable v0+, default null */
  rack: string | null;
}

export function createShareAcknowledgeResponse(
  init?: Partial<ShareAcknowledgeResponse>,
): ShareAcknowledgeResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, responses: [], nodeEndpoints: [], ...init };
}

export function createShareAcknowledgeResponseShareAcknowledgeTopicResponse(
  init?: Partial<ShareAcknowledgeResponseShareAcknowledgeTopicResponse>,
): ShareAcknowledgeResponseShareAcknowledgeTopicResponse {
  return { topicId: ZERO_UUID, partitions: [], ...init };
}

export function createShareAcknowledgeResponsePartitionData(
  init?: Partial<ShareAcknowledgeResponsePartitionData>,
): ShareAcknowledgeResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: null,
    currentLeader: createShareAcknowledgeResponseLeaderIdAndEpoch(),
    ...init,
  };
}

export function createShareAcknowledgeResponseLeaderIdAndEpoch(
  init?: Partial<ShareAcknowledgeResponseLeaderIdAndEpoch>,
): ShareAcknowledgeResponseLeaderIdAndEpoch {
  return { leaderId: 0, leaderEpoch: 0, ...init };
}

export function createShareAcknowledgeResponseNodeEndpoint(
  init?: Partial<ShareAcknowledgeResponseNodeEndpoint>,
): ShareAcknowledgeResponseNodeEndpoint {
  return { nodeId: 0, host: '', port: 0, rack: null, ...init };
}

export function decodeShareAcknowledgeResponse(r: Reader, v: number): ShareAcknowledgeResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _responses: ShareAcknowledgeResponseShareAcknowledgeTopicResponse[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeResponseShareAcknowledgeTopicResponse[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeResponseShareAcknowledgeTopicResponse(r, v));
    }
    _responses = _a;
  }
  let _nodeEndpoints: ShareAcknowledgeResponseNodeEndpoint[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeResponseNodeEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeResponseNodeEndpoint(r, v));
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

export function encodeShareAcknowledgeResponse(w: Writer, m: ShareAcknowledgeResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeResponseShareAcknowledgeTopicResponse(w, _e, v);
    }
  }
  {
    const _a = m.nodeEndpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeResponseNodeEndpoint(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareAcknowledgeResponseShareAcknowledgeTopicResponse(
  r: Reader,
  v: number,
): ShareAcknowledgeResponseShareAcknowledgeTopicResponse {
  const _topicId = r.uuid();
  let _partitions: ShareAcknowledgeResponsePartitionData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ShareAcknowledgeResponsePartitionData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeShareAcknowledgeResponsePartitionData(r, v));
    }
    _partitions = _a;
  }
  r.skipTaggedFields();
  return { topicId: _topicId, partitions: _partitions };
}

function encodeShareAcknowledgeResponseShareAcknowledgeTopicResponse(
  w: Writer,
  m: ShareAcknowledgeResponseShareAcknowledgeTopicResponse,
  v: number,
): void {
  w.uuid(m.topicId);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeShareAcknowledgeResponsePartitionData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeShareAcknowledgeResponsePartitionData(
  r: Reader,
  v: number,
): ShareAcknowledgeResponsePartitionData {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  const _currentLeader = decodeShareAcknowledgeResponseLeaderIdAndEpoch(r, v);
  r.skipTaggedFields();
  return {
    partitionIndex: _partitionIndex,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    currentLeader: _currentLeader,
  };
}

function encodeShareAcknowledgeResponsePartitionData(
  w: Writer,
  m: ShareAcknowledgeResponsePartitionData,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  encodeShareAcknowledgeResponseLeaderIdAndEpoch(w, m.currentLeader, v);
  w.uvarint(0);
}

function decodeShareAcknowledgeResponseLeaderIdAndEpoch(
  r: Reader,
  _v: number,
): ShareAcknowledgeResponseLeaderIdAndEpoch {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch };
}

function encodeShareAcknowledgeResponseLeaderIdAndEpoch(
  w: Writer,
  m: ShareAcknowledgeResponseLeaderIdAndEpoch,
  _v: number,
): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.uvarint(0);
}

function decodeShareAcknowledgeResponseNodeEndpoint(
  r: Reader,
  _v: number,
): ShareAcknowledgeResponseNodeEndpoint {
  const _nodeId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _rack = r.compactNullableString();
  r.skipTaggedFields();
  return { nodeId: _nodeId, host: _host, port: _port, rack: _rack };
}

function encodeShareAcknowledgeResponseNodeEndpoint(
  w: Writer,
  m: ShareAcknowledgeResponseNodeEndpoint,
  _v: number,
): void {
  w.int32(m.nodeId);
  w.compactString(m.host);
  w.int32(m.port);
  w.compactNullableString(m.rack);
  w.uvarint(0);
}
