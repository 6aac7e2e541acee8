// Request and response headers, and whole size-prefixed frames. The header version follows from the
// api key and version (protocol.html): request header v0 only for ControlledShutdown v0, v1 for other
// non-flexible versions, v2 (tagged fields) for flexible ones; response header v0, or v1 when
// flexible, except that ApiVersions responses always use v0 so any client can read them.
import { type ApiCodec, ApiKey, apiCodec } from './generated/api-keys.js';
import {
  decodeRequestHeaderV,
  encodeRequestHeaderV,
  type RequestHeader,
} from './generated/request-header.js';
import { decodeResponseHeaderV, type ResponseHeader } from './generated/response-header.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

/** True when this version of the api uses compact types and tagged fields. Unknown apis are not. */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const codec = apiCodec(apiKey);
  return codec !== undefined && codec.flexibleMinVersion >= 0 && apiVersion >= codec.flexibleMinVersion;
}

/** Request header version; unknown api keys get v1 so their correlation id can still be read. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 2 : 1;
}

export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 1 : 0;
}

/**
 * Reads a request header, choosing its version from the api key and version it starts with. A
 * version newer than this build knows still gets the flexible header if the api is flexible at all,
 * which is what lets a broker answer an ApiVersions request from a newer client.
 */
export function decodeRequestHeader(r: Reader): RequestHeader {
  if (r.remaining < 4) return decodeRequestHeaderV(r, 1);
  const apiKey = r.buf.readInt16BE(r.offset);
  const apiVersion = r.buf.readInt16BE(r.offset + 2);
  return decodeRequestHeaderV(r, requestHeaderVersion(apiKey, apiVersion));
}

export function encodeRequestHeader(w: Writer, header: RequestHeader): void {
  encodeRequestHeaderV(w, header, requestHeaderVersion(header.requestApiKey, header.requestApiVersion));
}

/** Writes a response header without building a header object (one per response on the hot path). */
export function encodeResponseHeader(w: Writer, correlationId: number, headerVersion: number): void {
  w.int32(correlationId);
  if (headerVersion >= 1) w.uvarint(0);
}

export function decodeResponseHeader(r: Reader, headerVersion: number): ResponseHeader {
  return decodeResponseHeaderV(r, headerVersion);
}

/** Writes a whole request frame: size prefix, header, body. */
export function encodeRequestFrame<Req>(
  w: Writer,
  header: RequestHeader,
  codec: ApiCodec<Req, unknown>,
  body: Req,
): void {
  const frame = w.beginFrame();
  encodeRequestHeader(w, header);
  codec.encodeRequest(w, body, header.requestApiVersion);
  w.endFrame(frame);
}

/** Writes a whole response frame: size prefix, header, body. */
export function encodeResponseFrame<Res>(
  w: Writer,
  correlationId: number,
  apiVersion: number,
  codec: ApiCodec<unknown, Res>,
  body: Res,
): void {
  const frame = w.beginFrame();
  encodeResponseHeader(w, correlationId, responseHeaderVersion(codec.apiKey, apiVersion));
  codec.encodeResponse(w, body, apiVersion);
  w.endFrame(frame);
}
