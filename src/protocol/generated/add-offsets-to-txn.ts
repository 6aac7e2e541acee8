// Generated from AddOffsetsToTxnRequest.json, AddOffsetsToTxnResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AddOffsetsToTxnRequest: versions 0-4, flexible 3+, api key 25.

export interface AddOffsetsToTxnRequest {
  /** v0+ */
  transactionalId: string;
  /** v0+ */
  producerId: number;
  /** v0+ */
  producerEpoch: number;
  /** v0+ */
  groupId: string;
}

export function createAddOffsetsToTxnRequest(init?: Partial<AddOffsetsToTxnRequest>): AddOffsetsToTxnRequest {
  return { transactionalId: '', producerId: 0, producerEpoch: 0, groupId: '', ...init };
}

export function decodeAddOffsetsToTxnRequest(r: Reader, v: number): AddOffsetsToTxnRequest {
  let _transactionalId: string;
  if (v <= 2) {
    _transactionalId = r.string();
  } else {
    _transactionalId = r.compactString();
  }
  const _producerId = r.int64();
  const _producerEpoch = r.int16();
  let _groupId: string;
  if (v <= 2) {
    _groupId = r.string();
  } else {
    _groupId = r.compactString();
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return {
    transactionalId: _transactionalId,
    producerId: _producerId,
    producerEpoch: _producerEpoch,
    groupId: _groupId,
  };
}

export function encodeAddOffsetsToTxnRequest(w: Writer, m: AddOffsetsToTxnRequest, v: number): void {
  if (v <= 2) {
    w.string(m.transactionalId);
  } else {
    w.compactString(m.transactionalId);
  }
  w.int64(m.producerId);
  w.int16(m.producerEpoch);
  if (v <= 2) {
    w.string(m.groupId);
  } else {
    w.compactString(m.groupId);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// AddOffsetsToTxnResponse: versions 0-4, flexible 3+, api key 25.

export interface AddOffsetsToTxnResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
}

export function createAddOffsetsToTxnResponse(
  init?: Partial<AddOffsetsToTxnResponse>,
): AddOffsetsToTxnResponse {
  return { throttleTimeMs: 0, errorCode: 0, ...init };
}

export function decodeAddOffsetsToTxnResponse(r: Reader, v: number): AddOffsetsToTxnResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode };
}

export function encodeAddOffsetsToTxnResponse(w: Writer, m: AddOffsetsToTxnResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  if (v >= 3) {
    w.uvarint(0);
  }
}
