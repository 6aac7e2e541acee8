// Generated from RequestHeader.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// RequestHeader: versions 0-2, flexible 2+.

export interface RequestHeader {
  /** v0+ */
  requestApiKey: number;
  /** v0+ */
  requestApiVersion: number;
  /** v0+ */
  correlationId: number;
  /** v1+, nullable v1+ */
  clientId: string | null;
}

export function createRequestHeader(init?: Partial<RequestHeader>): RequestHeader {
  return { requestApiKey: 0, requestApiVersion: 0, correlationId: 0, clientId: '', ...init };
}

export function decodeRequestHeaderV(r: Reader, v: number): RequestHeader {
  const _requestApiKey = r.int16();
  const _requestApiVersion = r.int16();
  const _correlationId = r.int32();
  let _clientId: string | null;
  if (v >= 1) {
    _clientId = r.nullableString();
  } else {
    _clientId = '';
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    requestApiKey: _requestApiKey,
    requestApiVersion: _requestApiVersion,
    correlationId: _correlationId,
    clientId: _clientId,
  };
}

export function encodeRequestHeaderV(w: Writer, m: RequestHeader, v: number): void {
  w.int16(m.requestApiKey);
  w.int16(m.requestApiVersion);
  w.int32(m.correlationId);
  if (v >= 1) {
    w.nullableString(m.clientId);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}
