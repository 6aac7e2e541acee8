// Generated from ResponseHeader.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ResponseHeader: versions 0-1, flexible 1+.

export interface ResponseHeader {
  /** v0+ */
  correlationId: number;
}

export function createResponseHeader(init?: Partial<ResponseHeader>): ResponseHeader {
  return { correlationId: 0, ...init };
}

export function decodeResponseHeaderV(r: Reader, v: number): ResponseHeader {
  const _correlationId = r.int32();
  if (v >= 1) {
    r.skipTaggedFields();
  }
  return { correlationId: _correlationId };
}

export function encodeResponseHeaderV(w: Writer, m: ResponseHeader, v: number): void {
  w.int32(m.correlationId);
  if (v >= 1) {
    w.uvarint(0);
  }
}
