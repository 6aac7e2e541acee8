// Generated from ListTransactionsRequest.json, ListTransactionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ListTransactionsRequest: versions 0-1, flexible 0+, api key 66.

export interface ListTransactionsRequest {
  /** v0+ */
  stateFilters: string[];
  /** v0+ */
  producerIdFilters: number[];
  /** v1+, default -1 */
  durationFilter: number;
}

export function createListTransactionsRequest(
  init?: Partial<ListTransactionsRequest>,
): ListTransactionsRequest {
  return { stateFilters: [], producerIdFilters: [], durationFilter: -1, ...init };
}

export function decodeListTransactionsRequest(r: Reader, v: number): ListTransactionsRequest {
  let _stateFilters: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _stateFilters = _a;
  }
  let _producerIdFilters: number[];
  {
    const _n = r.compactArrayLength(8, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int64());
    }
    _producerIdFilters = _a;
  }
  let _durationFilter: number;
  if (v >= 1) {
    _durationFilter = r.int64();
  } else {
    _durationFilter = -1;
  }
  r.skipTaggedFields();
  return {
    stateFilters: _stateFilters,
    producerIdFilters: _producerIdFilters,
    durationFilter: _durationFilter,
  };
}

export function encodeListTransactionsRequest(w: Writer, m: ListTransactionsRequest, v: number): void {
  {
    const _a = m.stateFilters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  {
    const _a = m.producerIdFilters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int64(_e);
    }
  }
  if (v >= 1) {
    w.int64(m.durationFilter);
  }
  w.uvarint(0);
}

// ListTransactionsResponse: versions 0-1, flexible 0+, api key 66.

export interface ListTransactionsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  unknownStateFilters: string[];
  /** v0+ */
  transactionStates: ListTransactionsResponseTransactionState[];
}

export interface ListTransactionsResponseTransactionState {
  /** v0+ */
  transactionalId: string;
  /** v0+ */
  producerId: number;
  /** v0+ */
  transactionState: string;
}

export function createListTransactionsResponse(
  init?: Partial<ListTransactionsResponse>,
): ListTransactionsResponse {
  return { throttleTimeMs: 0, errorCode: 0, unknownStateFilters: [], transactionStates: [], ...init };
}

export function createListTransactionsResponseTransactionState(
  init?: Partial<ListTransactionsResponseTransactionState>,
): ListTransactionsResponseTransactionState {
  return { transactionalId: '', producerId: 0, transactionState: '', ...init };
}

export function decodeListTransactionsResponse(r: Reader, v: number): ListTransactionsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _unknownStateFilters: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _unknownStateFilters = _a;
  }
  let _transactionStates: ListTransactionsResponseTransactionState[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ListTransactionsResponseTransactionState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListTransactionsResponseTransactionState(r, v));
    }
    _transactionStates = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    unknownStateFilters: _unknownStateFilters,
    transactionStates: _transactionStates,
  };
}

export function encodeListTransactionsResponse(w: Writer, m: ListTransactionsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  {
    const _a = m.unknownStateFilters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  {
    const _a = m.transactionStates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListTransactionsResponseTransactionState(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeListTransactionsResponseTransactionState(
  r: Reader,
  _v: number,
): ListTransactionsResponseTransactionState {
  const _transactionalId = r.compactString();
  const _producerId = r.int64();
  const _transactionState = r.compactString();
  r.skipTaggedFields();
  return {
    transactionalId: _transactionalId,
    producerId: _producerId,
    transactionState: _transactionState,
  };
}

function encodeListTransactionsResponseTransactionState(
  w: Writer,
  m: ListTransactionsResponseTransactionState,
  _v: number,
): void {
  w.compactString(m.transactionalId);
  w.int64(m.producerId);
  w.compactString(m.transactionState);
  w.uvarint(0);
}
