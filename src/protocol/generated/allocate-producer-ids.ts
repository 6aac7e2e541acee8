// Generated from AllocateProducerIdsRequest.json, AllocateProducerIdsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AllocateProducerIdsRequest: versions 0, flexible 0+, api key 67.

export interface AllocateProducerIdsRequest {
  /** v0+ */
  brokerId: number;
  /** v0+, default -1 */
  brokerEpoch: number;
}

export function createAllocateProducerIdsRequest(
  init?: Partial<AllocateProducerIdsRequest>,
): AllocateProducerIdsRequest {
  return { brokerId: 0, brokerEpoch: -1, ...init };
}

export function decodeAllocateProducerIdsRequest(r: Reader, _v: number): AllocateProducerIdsRequest {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch };
}

export function encodeAllocateProducerIdsRequest(w: Writer, m: AllocateProducerIdsRequest, _v: number): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  w.uvarint(0);
}

// AllocateProducerIdsResponse: versions 0, flexible 0+, api key 67.

export interface AllocateProducerIdsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  producerIdStart: number;
  /** v0+ */
  producerIdLen: number;
}

export function createAllocateProducerIdsResponse(
  init?: Partial<AllocateProducerIdsResponse>,
): AllocateProducerIdsResponse {
  return { throttleTimeMs: 0, errorCode: 0, producerIdStart: 0, producerIdLen: 0, ...init };
}

export function decodeAllocateProducerIdsResponse(r: Reader, _v: number): AllocateProducerIdsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _producerIdStart = r.int64();
  const _producerIdLen = r.int32();
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    producerIdStart: _producerIdStart,
    producerIdLen: _producerIdLen,
  };
}

export function encodeAllocateProducerIdsResponse(
  w: Writer,
  m: AllocateProducerIdsResponse,
  _v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.int64(m.producerIdStart);
  w.int32(m.producerIdLen);
  w.uvarint(0);
}
