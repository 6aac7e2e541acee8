// Generated from AddPartitionsToTxnRequest.json, AddPartitionsToTxnResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AddPartitionsToTxnRequest: versions 0-5, flexible 3+, api key 24.

export interface AddPartitionsToTxnRequest {
  /** v4+ */
  transactions: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction[];
  /** v0-3 */
  v3AndBelowTransactionalId: string;
  /** v0-3 */
  v3AndBelowProducerId: number;
  /** v0-3 */
  v3AndBelowProducerEpoch: number;
  /** v0-3 */
  v3AndBelowTopics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[];
}

export interface AddPartitionsToTxnRequestAddPartitionsToTxnTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: number[];
}

export interface AddPartitionsToTxnRequestAddPartitionsToTxnTransaction {
  /** v4+ */
  transactionalId: string;
  /** v4+ */
  producerId: number;
  /** v4+ */
  producerEpoch: number;
  /** v4+, default false */
  verifyOnly: boolean;
  /** v4+ */
  topics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[];
}

export function createAddPartitionsToTxnRequest(
  init?: Partial<AddPartitionsToTxnRequest>,
): AddPartitionsToTxnRequest {
  return {
    transactions: [],
    v3AndBelowTransactionalId: '',
    v3AndBelowProducerId: 0,
    v3AndBelowProducerEpoch: 0,
    v3AndBelowTopics: [],
    ...init,
  };
}

export function createAddPartitionsToTxnRequestAddPartitionsToTxnTopic(
  init?: Partial<AddPartitionsToTxnRequestAddPartitionsToTxnTopic>,
): AddPartitionsToTxnRequestAddPartitionsToTxnTopic {
  return { name: '', partitions: [], ...init };
}

export function createAddPartitionsToTxnRequestAddPartitionsToTxnTransaction(
  init?: Partial<AddPartitionsToTxnRequestAddPartitionsToTxnTransaction>,
): AddPartitionsToTxnRequestAddPartitionsToTxnTransaction {
  return { transactionalId: '', producerId: 0, producerEpoch: 0, verifyOnly: false, topics: [], ...init };
}

export function decodeAddPartitionsToTxnRequest(r: Reader, v: number): AddPartitionsToTxnRequest {
  let _transactions: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction[];
  if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnRequestAddPartitionsToTxnTransaction(r, v));
    }
    _transactions = _a;
  } else {
    _transactions = [];
  }
  let _v3AndBelowTransactionalId: string;
  if (v <= 2) {
    _v3AndBelowTransactionalId = r.string();
  } else if (v === 3) {
    _v3AndBelowTransactionalId = r.compactString();
  } else {
    _v3AndBelowTransactionalId = '';
  }
  let _v3AndBelowProducerId: number;
  if (v <= 3) {
    _v3AndBelowProducerId = r.int64();
  } else {
    _v3AndBelowProducerId = 0;
  }
  let _v3AndBelowProducerEpoch: number;
  if (v <= 3) {
    _v3AndBelowProducerEpoch = r.int16();
  } else {
    _v3AndBelowProducerEpoch = 0;
  }
  let _v3AndBelowTopics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(r, v));
    }
    _v3AndBelowTopics = _a;
  } else if (v === 3) {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(r, v));
    }
    _v3AndBelowTopics = _a;
  } else {
    _v3AndBelowTopics = [];
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    transactions: _transactions,
    v3AndBelowTransactionalId: _v3AndBelowTransactionalId,
    v3AndBelowProducerId: _v3AndBelowProducerId,
    v3AndBelowProducerEpoch: _v3AndBelowProducerEpoch,
    v3AndBelowTopics: _v3AndBelowTopics,
  };
}

export function encodeAddPartitionsToTxnRequest(w: Writer, m: AddPartitionsToTxnRequest, v: number): void {
  if (v >= 4) {
    const _a = m.transactions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnRequestAddPartitionsToTxnTransaction(w, _e, v);
    }
  }
  if (v <= 2) {
    w.string(m.v3AndBelowTransactionalId);
  } else if (v === 3) {
    w.compactString(m.v3AndBelowTransactionalId);
  }
  if (v <= 3) {
    w.int64(m.v3AndBelowProducerId);
  }
  if (v <= 3) {
    w.int16(m.v3AndBelowProducerEpoch);
  }
  if (v <= 2) {
    const _a = m.v3AndBelowTopics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(w, _e, v);
    }
  } else if (v === 3) {
    const _a = m.v3AndBelowTopics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(
  r: Reader,
  v: number,
): AddPartitionsToTxnRequestAddPartitionsToTxnTopic {
  let _name: string;
  if (v <= 2) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: number[];
  if (v <= 2) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(
  w: Writer,
  m: AddPartitionsToTxnRequestAddPartitionsToTxnTopic,
  v: number,
): void {
  if (v <= 2) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 2) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeAddPartitionsToTxnRequestAddPartitionsToTxnTransaction(
  r: Reader,
  v: number,
): AddPartitionsToTxnRequestAddPartitionsToTxnTransaction {
  const _transactionalId = r.compactString();
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  const _verifyOnly = r.bool();
  let _topics: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnRequestAddPartitionsToTxnTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(r, v));
    }
    _topics = _a;
  }
  r.skipTaggedFields();
  return {
    transactionalId: _transactionalId,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    verifyOnly: _verifyOnly,
    topics: _topics,
  };
}

function encodeAddPartitionsToTxnRequestAddPartitionsToTxnTransaction(
  w: Writer,
  m: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction,
  v: number,
): void {
  w.compactString(m.transactionalId);
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  w.bool(m.verifyOnly);
  {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnRequestAddPartitionsToTxnTopic(w, _e, v);
    }
  }
  w.uvarint(0);
}

// AddPartitionsToTxnResponse: versions 0-5, flexible 3+, api key 24.

export interface AddPartitionsToTxnResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v4+ */
  errorCode: number;
  /** v4+ */
  resultsByTransaction: AddPartitionsToTxnResponseAddPartitionsToTxnResult[];
  /** v0-3 */
  resultsByTopicV3AndBelow: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[];
}

export interface AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult {
  /** v0+ */
  name: string;
  /** v0+ */
  resultsByPartition: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult[];
}

export interface AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  partitionErrorCode: number;
}

export interface AddPartitionsToTxnResponseAddPartitionsToTxnResult {
  /** v4+ */
  transactionalId: string;
  /** v4+ */
  topicResults: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[];
}

export function createAddPartitionsToTxnResponse(
  init?: Partial<AddPartitionsToTxnResponse>,
): AddPartitionsToTxnResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    resultsByTransaction: [],
    resultsByTopicV3AndBelow: [],
    ...init,
  };
}

export function createAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(
  init?: Partial<AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult>,
): AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult {
  return { name: '', resultsByPartition: [], ...init };
}

export function createAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(
  init?: Partial<AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult>,
): AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult {
  return { partitionIndex: 0, partitionErrorCode: 0, ...init };
}

export function createAddPartitionsToTxnResponseAddPartitionsToTxnResult(
  init?: Partial<AddPartitionsToTxnResponseAddPartitionsToTxnResult>,
): AddPartitionsToTxnResponseAddPartitionsToTxnResult {
  return { transactionalId: '', topicResults: [], ...init };
}

export function decodeAddPartitionsToTxnResponse(r: Reader, v: number): AddPartitionsToTxnResponse {
  const _throttleTimeMs = r.int32();
  let _errorCode: number;
  if (v >= 4) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _resultsByTransaction: AddPartitionsToTxnResponseAddPartitionsToTxnResult[];
  if (v >= 4) {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnResult(r, v));
    }
    _resultsByTransaction = _a;
  } else {
    _resultsByTransaction = [];
  }
  let _resultsByTopicV3AndBelow: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(r, v));
    }
    _resultsByTopicV3AndBelow = _a;
  } else if (v === 3) {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(r, v));
    }
    _resultsByTopicV3AndBelow = _a;
  } else {
    _resultsByTopicV3AndBelow = [];
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    resultsByTransaction: _resultsByTransaction,
    resultsByTopicV3AndBelow: _resultsByTopicV3AndBelow,
  };
}

export function encodeAddPartitionsToTxnResponse(w: Writer, m: AddPartitionsToTxnResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v >= 4) {
    w.int16(m.errorCode);
  }
  if (v >= 4) {
    const _a = m.resultsByTransaction;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnResult(w, _e, v);
    }
  }
  if (v <= 2) {
    const _a = m.resultsByTopicV3AndBelow;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(w, _e, v);
    }
  } else if (v === 3) {
    const _a = m.resultsByTopicV3AndBelow;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(
  r: Reader,
  v: number,
): AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult {
  let _name: string;
  if (v <= 2) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _resultsByPartition: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(r, v));
    }
    _resultsByPartition = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(r, v));
    }
    _resultsByPartition = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { name: _name, resultsByPartition: _resultsByPartition };
}

function encodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(
  w: Writer,
  m: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult,
  v: number,
): void {
  if (v <= 2) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 2) {
    const _a = m.resultsByPartition;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(w, _e, v);
    }
  } else {
    const _a = m.resultsByPartition;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(
  r: Reader,
  v: number,
): AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult {
  const _partitionIndex = r.int32();
  const _partitionErrorCode = r.int16();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, partitionErrorCode: _partitionErrorCode };
}

function encodeAddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult(
  w: Writer,
  m: AddPartitionsToTxnResponseAddPartitionsToTxnPartitionResult,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.partitionErrorCode);
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeAddPartitionsToTxnResponseAddPartitionsToTxnResult(
  r: Reader,
  v: number,
): AddPartitionsToTxnResponseAddPartitionsToTxnResult {
  const _transactionalId = r.compactString();
  let _topicResults: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(r, v));
    }
    _topicResults = _a;
  }
  r.skipTaggedFields();
  return { transactionalId: _transactionalId, topicResults: _topicResults };
}

function encodeAddPartitionsToTxnResponseAddPartitionsToTxnResult(
  w: Writer,
  m: AddPartitionsToTxnResponseAddPartitionsToTxnResult,
  v: number,
): void {
  w.compactString(m.transactionalId);
  {
    const _a = m.topicResults;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddPartitionsToTxnResponseAddPartitionsToTxnTopicResult(w, _e, v);
    }
  }
  w.uvarint(0);
}
