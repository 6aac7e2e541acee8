// Generated from BrokerRegistrationRequest.json, BrokerRegistrationResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// BrokerRegistrationRequest: versions 0-4, flexible 0+, api key 62.

export interface BrokerRegistrationRequest {
  /** v0+ */
  brokerId: number;
  /** v0+ */
  clusterId: string;
  /** v0+ */
  incarnationId: string;
  /** v0+ */
  listeners: BrokerRegistrationRequestListener[];
  /** v0+ */
  features: BrokerRegistrationRequestFeature[];
  /** v0+, nullable v0+ */
  rack: string | null;
  /** v1+, default false */
  isMigratingZkBroker: boolean;
  /** v2+ */
  logDirs: string[];
  /** v3+, default -1 */
  previousBrokerEpoch: number;
}

export interface BrokerRegistrationRequestListener {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+ */
  securityProtocol: number;
}

export interface BrokerRegistrationRequestFeature {
  /** v0+ */
  name: string;
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createBrokerRegistrationRequest(
  init?: Partial<BrokerRegistrationRequest>,
): BrokerRegistrationRequest {
  return {
    brokerId: 0,
    clusterId: '',
    incarnationId: ZERO_UUID,
    listeners: [],
    features: [],
    rack: '',
    isMigratingZkBroker: false,
    logDirs: [],
    previousBrokerEpoch: -1,
    ...init,
  };
}

export function createBrokerRegistrationRequestListener(
  init?: Partial<BrokerRegistrationRequestListener>,
): BrokerRegistrationRequestListener {
  return { name: '', host: '', port: 0, securityProtocol: 0, ...init };
}

export function createBrokerRegistrationRequestFeature(
  init?: Partial<BrokerRegistrationRequestFeature>,
): BrokerRegistrationRequestFeature {
  return { name: '', minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeBrokerRegistrationRequest(r: Reader, v: number): BrokerRegistrationRequest {
  const _brokerId = r.int32();
  const _clusterId = r.compactString();
  const _incarnationId = r.uuid();
  let _listeners: BrokerRegistrationRequestListener[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: BrokerRegistrationRequestListener[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBrokerRegistrationRequestListener(r, v));
    }
    _listeners = _a;
  }
  let _features: BrokerRegistrationRequestFeature[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: BrokerRegistrationRequestFeature[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeBrokerRegistrationRequestFeature(r, v));
    }
    _features = _a;
  }
  const _rack = r.compactNullableString();
  let _isMigratingZkBroker: boolean;
  if (v >= 1) {
    _isMigratingZkBroker = r.bool();
  } else {
    _isMigratingZkBroker = false;
  }
  let _logDirs: string[];
  if (v >= 2) {
    const _n = r.compactArrayLength(16, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.uuid());
    }
    _logDirs = _a;
  } else {
    _logDirs = [];
  }
  let _previousBrokerEpoch: number;
  if (v >= 3) {
    _previousBrokerEpoch = r.int64();
  } else {
    _previousBrokerEpoch = -1;
  }
  r.skipTaggedFields();
  return {
    brokerId: _brokerId,
    clusterId: _clusterId,
    incarnationId: _incarnationId,
    listeners: _listeners,
    features: _features,
    rack: _rack,
    isMigratingZkBroker: _isMigratingZkBroker,
    logDirs: _logDirs,
    previousBrokerEpoch: _previousBrokerEpoch,
  };
}

export function encodeBrokerRegistrationRequest(w: Writer, m: BrokerRegistrationRequest, v: number): void {
  w.int32(m.brokerId);
  w.compactString(m.clusterId);
  w.uuid(m.incarnationId);
  {
    const _a = m.listeners;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBrokerRegistrationRequestListener(w, _e, v);
    }
  }
  {
    const _a = m.features;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeBrokerRegistrationRequestFeature(w, _e, v);
    }
  }
  w.compactNullableString(m.rack);
  if (v >= 1) {
    w.bool(m.isMigratingZkBroker);
  }
  if (v >= 2) {
    const _a = m.logDirs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.uuid(_e);
    }
  }
  if (v >= 3) {
    w.int64(m.previousBrokerEpoch);
  }
  w.uvarint(0);
}

function decodeBrokerRegistrationRequestListener(r: Reader, _v: number): BrokerRegistrationRequestListener {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  const _securityProtocol = r.int16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port, securityProtocol: _securityProtocol };
}

function encodeBrokerRegistrationRequestListener(
  w: Writer,
  m: BrokerRegistrationRequestListener,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.int16(m.securityProtocol);
  w.uvarint(0);
}

function decodeBrokerRegistrationRequestFeature(r: Reader, _v: number): BrokerRegistrationRequestFeature {
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

function encodeBrokerRegistrationRequestFeature(
  w: Writer,
  m: BrokerRegistrationRequestFeature,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}

// BrokerRegistrationResponse: versions 0-4, flexible 0+, api key 62.

export interface BrokerRegistrationResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, default -1 */
  brokerEpoch: number;
}

export function createBrokerRegistrationResponse(
  init?: Partial<BrokerRegistrationResponse>,
): BrokerRegistrationResponse {
  return { throttleTimeMs: 0, errorCode: 0, brokerEpoch: -1, ...init };
}

export function decodeBrokerRegistrationResponse(r: Reader, _v: number): BrokerRegistrationResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _brokerEpoch = r.int64();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, brokerEpoch: _brokerEpoch };
}

export function encodeBrokerRegistrationResponse(w: Writer, m: BrokerRegistrationResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.int64(m.brokerEpoch);
  w.uvarint(0);
}
