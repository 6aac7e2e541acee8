// Generated from PushTelemetryRequest.json, PushTelemetryResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES, ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// PushTelemetryRequest: versions 0, flexible 0+, api key 72.

export interface PushTelemetryRequest {
  /** v0+ */
  clientInstanceId: string;
  /** v0+ */
  subscriptionId: number;
  /** v0+ */
  terminating: boolean;
  /** v0+ */
  compressionType: number;
  /** v0+ */
  metrics: Buffer;
}

export function createPushTelemetryRequest(init?: Partial<PushTelemetryRequest>): PushTelemetryRequest {
  return {
    clientInstanceId: ZERO_UUID,
    subscriptionId: 0,
    terminating: false,
    compressionType: 0,
    metrics: EMPTY_BYTES,
    ...init,
  };
}

export function decodePushTelemetryRequest(r: Reader, _v: number): PushTelemetryRequest {
  const _clientInstanceId = r.uuid();
  const _subscriptionId = r.int32();
  const _terminating = r.bool();
  const _compressionType = r.int8();
  const _metrics = r.compactBytes();
  r.skipTaggedFields();
  return {
    clientInstanceId: _clientInstanceId,
    subscriptionId: _subscriptionId,
    terminating: _terminating,
    compressionType: _compressionType,
    metrics: _metrics,
  };
}

export function encodePushTelemetryRequest(w: Writer, m: PushTelemetryRequest, _v: number): void {
  w.uuid(m.clientInstanceId);
  w.int32(m.subscriptionId);
  w.bool(m.terminating);
  w.int8(m.compressionType);
  w.compactBytes(m.metrics);
  w.uvarint(0);
}

// PushTelemetryResponse: versions 0, flexible 0+, api key 72.

export interface PushTelemetryResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
}

export function createPushTelemetryResponse(init?: Partial<PushTelemetryResponse>): PushTelemetryResponse {
  return { throttleTimeMs: 0, errorCode: 0, ...init };
}

export function decodePushTelemetryResponse(r: Reader, _v: number): PushTelemetryResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode };
}

export function encodePushTelemetryResponse(w: Writer, m: PushTelemetryResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.uvarint(0);
}
