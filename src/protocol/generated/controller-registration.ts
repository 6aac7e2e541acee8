// Generated from ControllerRegistrationRequest.json, ControllerRegistrationResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ControllerRegistrationRequest: versions 0, flexible 0+, api key 70.

export interface ControllerRegistrationRequest {
  /** v0+ */
  controllerId: number;
  /** v0+ */
  incarnationId: string;
  /** v0+ */
  zkMigrationReady: boolean;
  /** v0+ */
  listeners: ControllerRegistrationRequestListener[];
  /** v0+ */
  features: ControllerRegistrationRequestFeature[];
}

export interface ControllerRegistrationRequestListener {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+ */
  securityProtocol: number;
}

export interface ControllerRegistrationRequestFeature {
  /** v0+ */
  name: string;
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createControllerRegistrationRequest(
  init?: Partial<ControllerRegistrationRequest>,
): ControllerRegistrationRequest {
  return {
    controllerId: 0,
    incarnationId: ZERO_UUID,
    zkMigrationReady: false,
    listeners: [],
    features: [],
    ...init,
  };
}

export function createControllerRegistrationRequestListener(
  init?: Partial<ControllerRegistrationRequestListener>,
): ControllerRegistrationRequestListener {
  return { name: '', host: '', port: 0, securityProtocol: 0, ...init };
}

export function createControllerRegistrationRequestFeature(
  init?: Partial<ControllerRegistrationRequestFeature>,
): ControllerRegistrationRequestFeature {
  return { name: '', minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeControllerRegistrationRequest(r: Reader, v: number): ControllerRegistrationRequest {
  const _controllerId = r.int32();
  const _incarnationId = r.uuid();
  const _zkMigrationReady = r.bool();
  let _listeners: ControllerRegistrationRequestListener[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ControllerRegistrationRequestListener[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeControllerRegistrationRequestListener(r, v));
    }
    _listeners = _a;
  }
  let _features: ControllerRegistrationRequestFeature[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ControllerRegistrationRequestFeature[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeControllerRegistrationRequestFeature(r, v));
    }
    _features = _a;
  }
  r.skipTaggedFields();
  return {
    controllerId: _controllerId,
    incarnationId: _incarnationId,
    zkMigrationReady: _zkMigrationReady,
    listeners: _listeners,
    features: _features,
  };
}

export function encodeControllerRegistrationRequest(
  w: Writer,
  m: ControllerRegistrationRequest,
  v: number,
): void {
  w.int32(m.controllerId);
  w.uuid(m.incarnationId);
  w.bool(m.zkMigrationReady);
  {
    const _a = m.listeners;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeControllerRegistrationRequestListener(w, _e, v);
    }
  }
  {
    const _a = m.features;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeControllerRegistrationRequestFeature(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeControllerRegistrationRequestListener(
  r: Reader,
  _v: number,
): ControllerRegistrationRequestListener {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  const _securityProtocol = r.int16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port, securityProtocol: _securityProtocol };
}

function encodeControllerRegistrationRequestListener(
  w: Writer,
  m: ControllerRegistrationRequestListener,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.int16(m.securityProtocol);
  w.uvarint(0);
}

function decodeControllerRegistrationRequestFeature(
  r: Reader,
  _v: number,
): ControllerRegistrationRequestFeature {
  const _name = r.compactString();
  const _minSupportedVersion = r.int16();
  const _maxSupportedVersion = r.int16();
  r.skipTaggedFields();
  return {
    name: _name,
    minSupportedVersion: _minSupportedVersion,
    maxSupportedVersion: _maxSupportedVersion,
  };
}

function encodeControllerRegistrationRequestFeature(
  w: Writer,
  m: ControllerRegistrationRequestFeature,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}

// ControllerRegistrationResponse: versions 0, flexible 0+, api key 70.

export interface ControllerRegistrationResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createControllerRegistrationResponse(
  init?: Partial<ControllerRegistrationResponse>,
): ControllerRegistrationResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeControllerRegistrationResponse(r: Reader, _v: number): ControllerRegistrationResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, errorMessage: _errorMessage };
}

export function encodeControllerRegistrationResponse(
  w: Writer,
  m: ControllerRegistrationResponse,
  _v: number,
): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
