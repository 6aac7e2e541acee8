// Generated from DescribeClusterRequest.json, DescribeClusterResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeClusterRequest: versions 0-1, flexible 0+, api key 60.

export interface DescribeClusterRequest {
  /** v0+ */
  includeClusterAuthorizedOperations: boolean;
  /** v1+, default 1 */
  endpointType: number;
}

export function createDescribeClusterRequest(init?: Partial<DescribeClusterRequest>): DescribeClusterRequest {
  return { includeClusterAuthorizedOperations: false, endpointType: 1, ...init };
}

export function decodeDescribeClusterRequest(r: Reader, v: number): DescribeClusterRequest {
  const _includeClusterAuthorizedOperations = r.bool();
  let _endpointType: number;
  if (v >= 1) {
    _endpointType = r.int8();
  } else {
    _endpointType = 1;
  }
  r.skipTaggedFields();
  return {
    includeClusterAuthorizedOperations: _includeClusterAuthorizedOperations,
    endpointType: _endpointType,
  };
}

export function encodeDescribeClusterRequest(w: Writer, m: DescribeClusterRequest, v: number): void {
  w.bool(m.includeClusterAuthorizedOperations);
  if (v >= 1) {
    w.int8(m.endpointType);
  }
  w.uvarint(0);
}

// DescribeClusterResponse: versions 0-1, flexible 0+, api key 60.

export interface DescribeClusterResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
  /** v1+, default 1 */
  endpointType: number;
  /** v0+ */
  clusterId: string;
  /** v0+, default -1 */
  controllerId: number;
  /** v0+ */
  brokers: DescribeClusterResponseDescribeClusterBroker[];
  /** v0+, default -2147483648 */
  clusterAuthorizedOperations: number;
}

export interface DescribeClusterResponseDescribeClusterBroker {
  /** v0+ */
  brokerId: number;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+, nullable v0+, default null */
  rack: string | null;
}

export function createDescribeClusterResponse(
  init?: Partial<DescribeClusterResponse>,
): DescribeClusterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    endpointType: 1,
    clusterId: '',
    controllerId: -1,
    brokers: [],
    clusterAuthorizedOperations: -2147483648,
    ...init,
  };
}

export function createDescribeClusterResponseDescribeClusterBroker(
  init?: Partial<DescribeClusterResponseDescribeClusterBroker>,
): DescribeClusterResponseDescribeClusterBroker {
  return { brokerId: 0, host: '', port: 0, rack: null, ...init };
}

export function decodeDescribeClusterResponse(r: Reader, v: number): DescribeClusterResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _endpointType: number;
  if (v >= 1) {
    _endpointType = r.int8();
  } else {
    _endpointType = 1;
  }
  const _clusterId = r.compactString();
  const _controllerId = r.int32();
  let _brokers: DescribeClusterResponseDescribeClusterBroker[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeClusterResponseDescribeClusterBroker[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeClusterResponseDescribeClusterBroker(r, v));
    }
    _brokers = _a;
  }
  const _clusterAuthorizedOperations = r.int32();
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    endpointType: _endpointType,
    clusterId: _clusterId,
    controllerId: _controllerId,
    brokers: _brokers,
    clusterAuthorizedOperations: _clusterAuthorizedOperations,
  };
}

export function encodeDescribeClusterResponse(w: Writer, m: DescribeClusterResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  if (v >= 1) {
    w.int8(m.endpointType);
  }
  w.compactString(m.clusterId);
  w.int32(m.controllerId);
  {
    const _a = m.brokers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeClusterResponseDescribeClusterBroker(w, _e, v);
    }
  }
  w.int32(m.clusterAuthorizedOperations);
  w.uvarint(0);
}

function decodeDescribeClusterResponseDescribeClusterBroker(
  r: Reader,
  _v: number,
): DescribeClusterResponseDescribeClusterBroker {
  const _brokerId = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  const _rack = r.compactNullableString();
  r.skipTaggedFields();
  return { brokerId: _brokerId, host: _host, port: _port, rack: _rack };
}

function encodeDescribeClusterResponseDescribeClusterBroker(
  w: Writer,
  m: DescribeClusterResponseDescribeClusterBroker,
  _v: number,
): void {
  w.int32(m.brokerId);
  w.compactString(m.host);
  w.int32(m.port);
  w.compactNullableString(m.rack);
  w.uvarint(0);
}
