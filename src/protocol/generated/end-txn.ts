// Generated from EndTxnRequest.json, EndTxnResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// EndTxnRequest: versions 0-5, flexible 3+, api key 26.

export interface EndTxnRequest {
  /** v0+ */
  transactionalId: string;
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v0+ */
  committed: boolean;
}

export function createEndTxnRequest(init?: Partial<EndTxnRequest>): EndTxnRequest {
  return { transactionalId: '', producerId: 0, producerEpoch: 0, committed: false, ...init };
}

export function decodeEndTxnRequest(r: Reader, v: number): EndTxnRequest {
  let _transactionalId: string;
  if (v <= 2) {
    _transactionalId = r.string();
  } else {
    _transactionalId = r.compactString();
  }
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  const _committed = r.bool();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    transactionalId: _transactionalId,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    committed: _committed,
  };
}

export function encodeEndTxnRequest(w: Writer, m: EndTxnRequest, v: number): void {
  if (v <= 2) {
    w.string(m.transactionalId);
  } else {
    w.compactString(m.transactionalId);
  }
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  w.bool(m.committed);
  if (v >= 3) {
    w.uvarint(0);
  }
}

// EndTxnResponse: versions 0-5, flexible 3+, api key 26.

export interface EndTxnResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v5+, default -1 */
  producerId: number;
  /** v5+, default -1 */
  producerEpoch: number;
}

export function createEndTxnResponse(init?: Partial<EndTxnResponse>): EndTxnResponse {
  return { throttleTimeMs: 0, errorCode: 0, producerId: -1, producerEpoch: -1, ...init };
}

export function decodeEndTxnResponse(r: Reader, v: number): EndTxnResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _producerId: number;
  if (v >= 5) {
    _producerId = r.int64();
  } else {
    _producerId = -1;
  }
  let _producerEpoch: number;
  if (v >= 5) {
    _producerEpoch = r.int16();
  } else {
    _producerEpoch = -1;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
  };
}

export function encodeEndTxnResponse(w: Writer, m: EndTxnResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  if (v >= 5) {
    w.int64(m.producerId);
  }
  if (v >= 5) {
    w.int16(m.producerEpoch);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}
