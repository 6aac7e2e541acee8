// Generated from DescribeTransactionsRequest.json, DescribeTransactionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeTransactionsRequest: versions 0, flexible 0+, api key 65.

export interface DescribeTransactionsRequest {
  /** v0+ */
  transactionalIds: string[];
}

export function createDescribeTransactionsRequest(
  init?: Partial<DescribeTransactionsRequest>,
): DescribeTransactionsRequest {
  return { transactionalIds: [], ...init };
}

export function decodeDescribeTransactionsRequest(r: Reader, _v: number): DescribeTransactionsRequest {
  let _transactionalIds: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _transactionalIds = _a;
  }
  r.skipTaggedFields();
  return { transactionalIds: _transactionalIds };
}

export function encodeDescribeTransactionsRequest(
  w: Writer,
  m: DescribeTransactionsRequest,
  _v: number,
): void {
  {
    const _a = m.transactionalIds;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  w.uvarint(0);
}

// DescribeTransactionsResponse: versions 0, flexible 0+, api key 65.

export interface DescribeTransactionsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  transactionStates: DescribeTransactionsResponseTransactionState[];
}

export interface DescribeTransactionsResponseTransactionState {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  transactionalId: string;
  /** v0+ */
  transactionState: string;
  /** v0+ */
  transactionTimeoutMs: number;
  /** v0+ */
  transactionStartTimeMs: number;
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v0+ */
  topics: DescribeTransactionsResponseTopicData[];
}

export interface DescribeTransactionsResponseTopicData {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: number[];
}

export function createDescribeTransactionsResponse(
  init?: Partial<DescribeTransactionsResponse>,
): DescribeTransactionsResponse {
  return { throttleTimeMs: 0, transactionStates: [], ...init };
}

export function createDescribeTransactionsResponseTransactionState(
  init?: Partial<DescribeTransactionsResponseTransactionState>,
): DescribeTransactionsResponseTransactionState {
  return {
    errorCode: 0,
    transactionalId: '',
    transactionState: '',
    transactionTimeoutMs: 0,
    transactionStartTimeMs: 0,
    producerId: 0,
    producerEpoch: 0,
    topics: [],
    ...init,
  };
}

export function createDescribeTransactionsResponseTopicData(
  init?: Partial<DescribeTransactionsResponseTopicData>,
): DescribeTransactionsResponseTopicData {
  return { topic: '', partitions: [], ...init };
}

export function decodeDescribeTransactionsResponse(r: Reader, v: number): DescribeTransactionsResponse {
  const _throttleTimeMs = r.int32();
  let _transactionStates: DescribeTransactionsResponseTransactionState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeTransactionsResponseTransactionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeTransactionsResponseTransactionState(r, v));
    }
    _transactionStates = _a;
  }
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, transactionStates: _transactionStates };
}

export function encodeDescribeTransactionsResponse(
  w: Writer,
  m: DescribeTransactionsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  {
    const _a = m.transactionStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeTransactionsResponseTransactionState(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeTransactionsResponseTransactionState(
  r: Reader,
  v: number,
): DescribeTransactionsResponseTransactionState {
  const _errorCode = r.int16();
  const _transactionalId = r.compactString();
  const _transactionState = r.compactString();
  const _transactionTimeoutMs = r.int32();
  const _transactionStartTimeMs = r.int64();
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  let _topics: DescribeTransactionsResponseTopicData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeTransactionsResponseTopicData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeTransactionsResponseTopicData(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return {
    errorCode: _errorCode,
    transactionalId: _transactionalId,
    transactionState: _transactionState,
    transactionTimeoutMs: _transactionTimeoutMs,
    transactionStartTimeMs: _transactionStartTimeMs,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    topics: _topics,
  };
}

function encodeDescribeTransactionsResponseTransactionState(
  w: Writer,
  m: DescribeTransactionsResponseTransactionState,
  v: number,
): void {
  w.int16(m.errorCode);
  w.compactString(m.transactionalId);
  w.compactString(m.transactionState);
  w.int32(m.transactionTimeoutMs);
  w.int64(m.transactionStartTimeMs);
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeTransactionsResponseTopicData(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeDescribeTransactionsResponseTopicData(
  r: Reader,
  _v: number,
): DescribeTransactionsResponseTopicData {
  const _topic = r.compactString();
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
  return { topic: _topic, partitions: _partitions };
}

function encodeDescribeTransactionsResponseTopicData(
  w: Writer,
  m: DescribeTransactionsResponseTopicData,
  _v: number,
): void {
  w.compactString(m.topic);
  {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.uvarint(0);
}
