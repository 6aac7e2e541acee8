// Generated from EnvelopeRequest.json, EnvelopeResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// EnvelopeRequest: versions 0, flexible 0+, api key 58.

export interface EnvelopeRequest {
  /** v0+ */
  requestData: Buffer;
  /** v0+, nullable v0+ */
  requestPrincipal: Buffer | null;
  /** v0+ */
  clientHostAddress: Buffer;
}

export function createEnvelopeRequest(init?: Partial<EnvelopeRequest>): EnvelopeRequest {
  return {
    requestData: EMPTY_BYTES,
    requestPrincipal: EMPTY_BYTES,
    clientHostAddress: EMPTY_BYTES,
    ...init,
  };
}

export function decodeEnvelopeRequest(r: Reader, _v: number): EnvelopeRequest {
  const _requestData = r.compactBytes();
  const _requestPrincipal = r.compactNullableBytes();
  const _clientHostAddress = r.compactBytes();
  r.skipTaggedFields();
  return {
    requestData: _requestData,
    requestPrincipal: _requestPrincipal,
    clientHostAddress: _clientHostAddress,
  };
}

export function encodeEnvelopeRequest(w: Writer, m: EnvelopeRequest, _v: number): void {
  w.compactBytes(m.requestData);
  w.compactNullableBytes(m.requestPrincipal);
  w.compactBytes(m.clientHostAddress);
  w.uvarint(0);
}

// EnvelopeResponse: versions 0, flexible 0+, api key 58.

export interface EnvelopeResponse {
  /** v0+, nullable v0+, default null */
  responseData: Buffer | null;
  /** v0+ */
  errorCode: number;
}

export function createEnvelopeResponse(init?: Partial<EnvelopeResponse>): EnvelopeResponse {
  return { responseData: null, errorCode: 0, ...init };
}

export function decodeEnvelopeResponse(r: Reader, _v: number): EnvelopeResponse {
  const _responseData = r.compactNullableBytes();
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return { responseData: _responseData, errorCode: _errorCode };
}

export function encodeEnvelopeResponse(w: Writer, m: EnvelopeResponse, _v: number): void {
  w.compactNullableBytes(m.responseData);
  w.int16(m.errorCode);
  w.uvarint(0);
}
