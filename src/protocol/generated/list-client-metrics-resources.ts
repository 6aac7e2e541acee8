// Generated from ListClientMetricsResourcesRequest.json, ListClientMetricsResourcesResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ListClientMetricsResourcesRequest: versions 0, flexible 0+, api key 74.

export interface ListClientMetricsResourcesRequest {
}

export function createListClientMetricsResourcesRequest(
  init?: Partial<ListClientMetricsResourcesRequest>,
): ListClientMetricsResourcesRequest {
  return { ...init };
}

export function decodeListClientMetricsResourcesRequest(
  r: Reader,
  _v: number,
): ListClientMetricsResourcesRequest {
  r.skipTaggedFields();
  return {};
}

export function encodeListClientMetricsResourcesRequest(
  w: Writer,
  _m: ListClientMetricsResourcesRequest,
  _v: number,
): void {
  w.uvarint(0);
}

// ListClientMetricsResourcesResponse: versions 0, flexible 0+, api key 74.

export interface ListClientMetricsResourcesResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  clientMetricsResources: ListClientMetricsResourcesResponseClientMetricsResource[];
}

export interface ListClientMetricsResourcesResponseClientMetricsResource {
  /** v0+ */
  name: string;
}

export function createListClientMetricsResourcesResponse(
  init?: Partial<ListClientMetricsResourcesResponse>,
): ListClientMetricsResourcesResponse {
  return { throttleTimeMs: 0, errorCode: 0, clientMetricsResources: [], ...init };
}

export function createListClientMetricsResourcesResponseClientMetricsResource(
  init?: Partial<ListClientMetricsResourcesResponseClientMetricsResource>,
): ListClientMetricsResourcesResponseClientMetricsResource {
  return { name: '', ...init };
}

export function decodeListClientMetricsResourcesResponse(
  r: Reader,
  v: number,
): ListClientMetricsResourcesResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _clientMetricsResources: ListClientMetricsResourcesResponseClientMetricsResource[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ListClientMetricsResourcesResponseClientMetricsResource[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeListClientMetricsResourcesResponseClientMetricsResource(r, v));
    }
    _clientMetricsResources = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    clientMetricsResources: _clientMetricsResources,
  };
}

export function encodeListClientMetricsResourcesResponse(
  w: Writer,
  m: ListClientMetricsResourcesResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  {
    const _a = m.clientMetricsResources;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeListClientMetricsResourcesResponseClientMetricsResource(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeListClientMetricsResourcesResponseClientMetricsResource(
  r: Reader,
  _v: number,
): ListClientMetricsResourcesResponseClientMetricsResource {
  const _name = r.compactString();
  r.skipTaggedFields();
  return { name: _name };
}

function encodeListClientMetricsResourcesResponseClientMetricsResource(
  w: Writer,
  m: ListClientMetricsResourcesResponseClientMetricsResource,
  _v: number,
): void {
  w.compactString(m.name);
  w.uvarint(0);
}
