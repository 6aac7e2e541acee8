// Generated from InitProducerIdRequest.json, InitProducerIdResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// InitProducerIdRequest: versions 0-5, flexible 2+, api key 22.

export interface InitProducerIdRequest {
  /** v0+, nullable v0+ */
  transactionalId: string | null;
  /** v0+ */
  transactionTimeoutMs: number;
  /** v3+, default -1 */
  producerId: number;
  /** v3+, default -1 */
  producerEpoch: number;
}

export function createInitProducerIdRequest(init?: Partial<InitProducerIdRequest>): InitProducerIdRequest {
  return { transactionalId: '', transactionTimeoutMs: 0, producerId: -1, producerEpoch: -1, ...init };
}

export function decodeInitProducerIdRequest(r: Reader, v: number): InitProducerIdRequest {
  let _transactionalId: string | null;
  if (v <= 1) {
    _transactionalId = r.nullableString();
  } else {
    _transactionalId = r.compactNullableString();
  }
  const _transactionTimeoutMs = r.int32();
  let _producerId: number;
  if (v >= 3) {
    _producerId = r.int64();
  } else {
    _producerId = -1;
  }
  let _producerEpoch: number;
  if (v >= 3) {
    _producerEpoch = r.int16();
  } else {
    _producerEpoch = -1;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    transactionalId: _transactionalId,
    transactionTimeoutMs: _transactionTimeoutMs,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
  };
}

export function encodeInitProducerIdRequest(w: Writer, m: InitProducerIdRequest, v: number): void {
  if (v <= 1) {
    w.nullableString(m.transactionalId);
  } else {
    w.compactNullableString(m.transactionalId);
  }
  w.int32(m.transactionTimeoutMs);
  if (v >= 3) {
    w.int64(m.producerId);
  }
  if (v >= 3) {
    w.int16(m.producerEpoch);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// InitProducerIdResponse: versions 0-5, flexible 2+, api key 22.

export interface InitProducerIdResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, default -1 */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
}

export function createInitProducerIdResponse(init?: Partial<InitProducerIdResponse>): InitProducerIdResponse {
  return { throttleTimeMs: 0, errorCode: 0, producerId: -1, producerEpoch: 0, ...init };
}

export function decodeInitProducerIdResponse(r: Reader, v: number): InitProducerIdResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
  };
}

export function encodeInitProducerIdResponse(w: Writer, m: InitProducerIdResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  if (v >= 2) {
    w.uvarint(0);
  }
}
