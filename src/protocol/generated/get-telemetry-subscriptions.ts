// Generated from GetTelemetrySubscriptionsRequest.json, GetTelemetrySubscriptionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// GetTelemetrySubscriptionsRequest: versions 0, flexible 0+, api key 71.

export interface GetTelemetrySubscriptionsRequest {
  /** v0+ */
  clientInstanceId: string;
}

export function createGetTelemetrySubscriptionsRequest(
  init?: Partial<GetTelemetrySubscriptionsRequest>,
): GetTelemetrySubscriptionsRequest {
  return { clientInstanceId: ZERO_UUID, ...init };
}

export function decodeGetTelemetrySubscriptionsRequest(
  r: Reader,
  _v: number,
): GetTelemetrySubscriptionsRequest {
  const _clientInstanceId = r.uuid();
  r.skipTaggedFields();
  return { clientInstanceId: _clientInstanceId };
}

export function encodeGetTelemetrySubscriptionsRequest(
  w: Writer,
  m: GetTelemetrySubscriptionsRequest,
  _v: number,
): void {
  w.uuid(m.clientInstanceId);
  w.uvarint(0);
}

// GetTelemetrySubscriptionsResponse: versions 0, flexible 0+, api key 71.

export interface GetTelemetrySubscriptionsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+ */
  clientInstanceId: string;
  /** v0+ */
  subscriptionId: number;
  /** v0+ */
  acceptedCompressionTypes: number[];
  /** v0+ */
  pushIntervalMs: number;
  /** v0+ */
  telemetryMaxBytes: number;
  /** v0+ */
  deltaTemporality: boolean;
  /** v0+ */
  requestedMetrics: string[];
}

export function createGetTelemetrySubscriptionsResponse(
  init?: Partial<GetTelemetrySubscriptionsResponse>,
): GetTelemetrySubscriptionsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    clientInstanceId: ZERO_UUID,
    subscriptionId: 0,
    acceptedCompressionTypes: [],
    pushIntervalMs: 0,
    telemetryMaxBytes: 0,
    deltaTemporality: false,
    requestedMetrics: [],
    ...init,
  };
}

export function decodeGetTelemetrySubscriptionsResponse(
  r: Reader,
  _v: number,
): GetTelemetrySubscriptionsResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _clientInstanceId = r.uuid();
  const _subscriptionId = r.int32();
  let _acceptedCompressionTypes: number[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int8());
    }
    _acceptedCompressionTypes = _a;
  }
  const _pushIntervalMs = r.int32();
  const _telemetryMaxBytes = r.int32();
  const _deltaTemporality = r.bool();
  let _requestedMetrics: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _requestedMetrics = _a;
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    clientInstanceId: _clientInstanceId,
    subscriptionId: _subscriptionId,
    acceptedCompressionTypes: _acceptedCompressionTypes,
    pushIntervalMs: _pushIntervalMs,
    telemetryMaxBytes: _telemetryMaxBytes,
    deltaTemporality: _deltaTemporality,
    requestedMetrics: _requestedMetrics,
  };
}

export function encodeGetTelemetrySubscriptionsResponse(
  w: Writer,
  m: GetTelemetrySubscriptionsResponse,
  _v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.uuid(m.clientInstanceId);
  w.int32(m.subscriptionId);
  {
    const _a = m.acceptedCompressionTypes;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int8(_e);
    }
  }
  w.int32(m.pushIntervalMs);
  w.int32(m.telemetryMaxBytes);
  w.bool(m.deltaTemporality);
  {
    const _a = m.requestedMetrics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  w.uvarint(0);
}
