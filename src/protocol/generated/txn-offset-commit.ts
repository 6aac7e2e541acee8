// Generated from TxnOffsetCommitRequest.json, TxnOffsetCommitResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// TxnOffsetCommitRequest: versions 0-4, flexible 3+, api key 28.

export interface TxnOffsetCommitRequest {
  /** v0+ */
  transactionalId: string;
  /** v0+ */
  groupId: string;
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v3+, default -1 */
  generationId: number;
  /** v3+, default  */
  memberId: string;
  /** v3+, nullable v3+, default null */
  groupInstanceId: string | null;
  /** v0+ */
  topics: TxnOffsetCommitRequestTxnOffsetCommitRequestTopic[];
}

export interface TxnOffsetCommitRequestTxnOffsetCommitRequestTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: TxnOffsetCommitRequestTxnOffsetCommitRequestPartition[];
}

export interface TxnOffsetCommitRequestTxnOffsetCommitRequestPartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  committedOffset: number;
  /** v2+, default -1 */
  committedLeaderEpoch: number;
  /** v0+, nullable v0+ */
  committedMetadata: string | null;
}

export function createTxnOffsetCommitRequest(init?: Partial<TxnOffsetCommitRequest>): TxnOffsetCommitRequest {
  return {
    transactionalId: '',
    groupId: '',
    producerId: 0,
    producerEpoch: 0,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [],
    ...init,
  };
}

export function createTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(
  init?: Partial<TxnOffsetCommitRequestTxnOffsetCommitRequestTopic>,
): TxnOffsetCommitRequestTxnOffsetCommitRequestTopic {
  return { name: '', partitions: [], ...init };
}

export function createTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(
  init?: Partial<TxnOffsetCommitRequestTxnOffsetCommitRequestPartition>,
): TxnOffsetCommitRequestTxnOffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    committedMetadata: '',
    ...init,
  };
}

export function decodeTxnOffsetCommitRequest(r: Reader, v: number): TxnOffsetCommitRequest {
  let _transactionalId: string;
  if (v <= 2) {
    _transactionalId = r.string();
  } else {
    _transactionalId = r.compactString();
  }
  let _groupId: string;
  if (v <= 2) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  let _generationId: number;
  if (v >= 3) {
    _generationId = r.int32();
  } else {
    _generationId = -1;
  }
  let _memberId: string;
  if (v >= 3) {
    _memberId = r.compactString();
  } else {
    _memberId = '';
  }
  let _groupInstanceId: string | null;
  if (v >= 3) {
    _groupInstanceId = r.compactNullableString();
  } else {
    _groupInstanceId = null;
  }
  let _topics: TxnOffsetCommitRequestTxnOffsetCommitRequestTopic[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: TxnOffsetCommitRequestTxnOffsetCommitRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: TxnOffsetCommitRequestTxnOffsetCommitRequestTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    transactionalId: _transactionalId,
    groupId: _groupId,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    generationId: _generationId,
    memberId: _memberId,
    groupInstanceId: _groupInstanceId,
    topics: _topics,
  };
}

export function encodeTxnOffsetCommitRequest(w: Writer, m: TxnOffsetCommitRequest, v: number): void {
  if (v <= 2) {
    w.string(m.transactionalId);
  } else {
    w.compactString(m.transactionalId);
  }
  if (v <= 2) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  if (v >= 3) {
    w.int32(m.generationId);
  }
  if (v >= 3) {
    w.compactString(m.memberId);
  }
  if (v >= 3) {
    w.compactNullableString(m.groupInstanceId);
  }
  if (v <= 2) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(
  r: Reader,
  v: number,
): TxnOffsetCommitRequestTxnOffsetCommitRequestTopic {
  let _name: string;
  if (v <= 2) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: TxnOffsetCommitRequestTxnOffsetCommitRequestPartition[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: TxnOffsetCommitRequestTxnOffsetCommitRequestPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: TxnOffsetCommitRequestTxnOffsetCommitRequestPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeTxnOffsetCommitRequestTxnOffsetCommitRequestTopic(
  w: Writer,
  m: TxnOffsetCommitRequestTxnOffsetCommitRequestTopic,
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
      encodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(
  r: Reader,
  v: number,
): TxnOffsetCommitRequestTxnOffsetCommitRequestPartition {
  const _partitionIndex = r.int32();
  const _committedOffset = r.int64();
  let _committedLeaderEpoch: number;
  if (v >= 2) {
    _committedLeaderEpoch = r.int32();
  } else {
    _committedLeaderEpoch = -1;
  }
  let _committedMetadata: string | null;
  if (v <= 2) {
    _committedMetadata = r.nullableString();
  } else {
    _committedMetadata = r.compactNullableString();
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    committedOffset: _committedOffset,
    committedLeaderEpoch: _committedLeaderEpoch,
    committedMetadata: _committedMetadata,
  };
}

function encodeTxnOffsetCommitRequestTxnOffsetCommitRequestPartition(
  w: Writer,
  m: TxnOffsetCommitRequestTxnOffsetCommitRequestPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.committedOffset);
  if (v >= 2) {
    w.int32(m.committedLeaderEpoch);
  }
  if (v <= 2) {
    w.nullableString(m.committedMetadata);
  } else {
    w.compactNullableString(m.committedMetadata);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// TxnOffsetCommitResponse: versions 0-4, flexible 3+, api key 28.

export interface TxnOffsetCommitResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  topics: TxnOffsetCommitResponseTxnOffsetCommitResponseTopic[];
}

export interface TxnOffsetCommitResponseTxnOffsetCommitResponseTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: TxnOffsetCommitResponseTxnOffsetCommitResponsePartition[];
}

export interface TxnOffsetCommitResponseTxnOffsetCommitResponsePartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createTxnOffsetCommitResponse(
  init?: Partial<TxnOffsetCommitResponse>,
): TxnOffsetCommitResponse {
  return { throttleTimeMs: 0, topics: [], ...init };
}

export function createTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(
  init?: Partial<TxnOffsetCommitResponseTxnOffsetCommitResponseTopic>,
): TxnOffsetCommitResponseTxnOffsetCommitResponseTopic {
  return { name: '', partitions: [], ...init };
}

export function createTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(
  init?: Partial<TxnOffsetCommitResponseTxnOffsetCommitResponsePartition>,
): TxnOffsetCommitResponseTxnOffsetCommitResponsePartition {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeTxnOffsetCommitResponse(r: Reader, v: number): TxnOffsetCommitResponse {
  const _throttleTimeMs = r.int32();
  let _topics: TxnOffsetCommitResponseTxnOffsetCommitResponseTopic[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: TxnOffsetCommitResponseTxnOffsetCommitResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: TxnOffsetCommitResponseTxnOffsetCommitResponseTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, topics: _topics };
}

export function encodeTxnOffsetCommitResponse(w: Writer, m: TxnOffsetCommitResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 2) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(
  r: Reader,
  v: number,
): TxnOffsetCommitResponseTxnOffsetCommitResponseTopic {
  let _name: string;
  if (v <= 2) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: TxnOffsetCommitResponseTxnOffsetCommitResponsePartition[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: TxnOffsetCommitResponseTxnOffsetCommitResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: TxnOffsetCommitResponseTxnOffsetCommitResponsePartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeTxnOffsetCommitResponseTxnOffsetCommitResponseTopic(
  w: Writer,
  m: TxnOffsetCommitResponseTxnOffsetCommitResponseTopic,
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
      encodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(
  r: Reader,
  v: number,
): TxnOffsetCommitResponseTxnOffsetCommitResponsePartition {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeTxnOffsetCommitResponseTxnOffsetCommitResponsePartition(
  w: Writer,
  m: TxnOffsetCommitResponseTxnOffsetCommitResponsePartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 3) {
    w.uvarint(0);
  }
}
