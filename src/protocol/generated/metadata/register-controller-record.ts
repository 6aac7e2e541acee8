// Generated from RegisterControllerRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RegisterControllerRecord: versions 0, flexible 0+, api key 27.

export interface RegisterControllerRecord {
  /** v0+ */
  controllerId: number;
  /** v0+ */
  incarnationId: string;
  /** v0+ */
  zkMigrationReady: boolean;
  /** v0+ */
  endPoints: RegisterControllerRecordControllerEndpoint[];
  /** v0+ */
  features: RegisterControllerRecordControllerFeature[];
}

export interface RegisterControllerRecordControllerEndpoint {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+ */
  securityProtocol: number;
}

export interface RegisterControllerRecordControllerFeature {
  /** v0+ */
  name: string;
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createRegisterControllerRecord(
  init?: Partial<RegisterControllerRecord>,
): RegisterControllerRecord {
  return {
    controllerId: 0,
    incarnationId: ZERO_UUID,
    zkMigrationReady: false,
    endPoints: [],
    features: [],
    ...init,
  };
}

export function createRegisterControllerRecordControllerEndpoint(
  init?: Partial<RegisterControllerRecordControllerEndpoint>,
): RegisterControllerRecordControllerEndpoint {
  return { name: '', host: '', port: 0, securityProtocol: 0, ...init };
}

export function createRegisterControllerRecordControllerFeature(
  init?: Partial<RegisterControllerRecordControllerFeature>,
): RegisterControllerRecordControllerFeature {
  return { name: '', minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeRegisterControllerRecord(r: Reader, v: number): RegisterControllerRecord {
  const _controllerId = r.int32();
  const _incarnationId = r.uuid();
  const _zkMigrationReady = r.bool();
  let _endPoints: RegisterControllerRecordControllerEndpoint[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: RegisterControllerRecordControllerEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeRegisterControllerRecordControllerEndpoint(r, v));
    }
    _endPoints = _a;
  }
  let _features: RegisterControllerRecordControllerFeature[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: RegisterControllerRecordControllerFeature[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeRegisterControllerRecordControllerFeature(r, v));
    }
    _features = _a;
  }
  r.skipTaggedFields();
  return {
    controllerId: _controllerId,
    incarnationId: _incarnationId,
    zkMigrationReady: _zkMigrationReady,
    endPoints: _endPoints,
    features: _features,
  };
}

export function encodeRegisterControllerRecord(w: Writer, m: RegisterControllerRecord, v: number): void {
  w.int32(m.controllerId);
  w.uuid(m.incarnationId);
  w.bool(m.zkMigrationReady);
  {
    const _a = m.endPoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeRegisterControllerRecordControllerEndpoint(w, _e, v);
    }
  }
  {
    const _a = m.features;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeRegisterControllerRecordControllerFeature(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeRegisterControllerRecordControllerEndpoint(
  r: Reader,
  _v: number,
): RegisterControllerRecordControllerEndpoint {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  const _securityProtocol = r.int16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port, securityProtocol: _securityProtocol };
}

function encodeRegisterControllerRecordControllerEndpoint(
  w: Writer,
  m: RegisterControllerRecordControllerEndpoint,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.int16(m.securityProtocol);
  w.uvarint(0);
}

function decodeRegisterControllerRecordControllerFeature(
  r: Reader,
  _v: number,
): RegisterControllerRecordControllerFeature {
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

function encodeRegisterControllerRecordControllerFeature(
  w: Writer,
  m: RegisterControllerRecordControllerFeature,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}
