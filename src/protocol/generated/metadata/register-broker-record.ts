// Generated from RegisterBrokerRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RegisterBrokerRecord: versions 0-3, flexible 0+, api key 0.

export interface RegisterBrokerRecord {
  /** v0+ */
  brokerId: number;
  /** v2+, default false */
  isMigratingZkBroker: boolean;
  /** v0+ */
  incarnationId: string;
  /** v0+ */
  brokerEpoch: number;
  /** v0+ */
  endPoints: RegisterBrokerRecordBrokerEndpoint[];
  /** v0+ */
  features: RegisterBrokerRecordBrokerFeature[];
  /** v0+, nullable v0+ */
  rack: string | null;
  /** v0+, default true */
  fenced: boolean;
  /** v1+, default false */
  inControlledShutdown: boolean;
  /** v3+, tag 0 v3+ */
  logDirs: string[];
}

export interface RegisterBrokerRecordBrokerEndpoint {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
  /** v0+ */
  securityProtocol: number;
}

export interface RegisterBrokerRecordBrokerFeature {
  /** v0+ */
  name: string;
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createRegisterBrokerRecord(init?: Partial<RegisterBrokerRecord>): RegisterBrokerRecord {
  return {
    brokerId: 0,
    isMigratingZkBroker: false,
    incarnationId: ZERO_UUID,
    brokerEpoch: 0,
    endPoints: [],
    features: [],
    rack: '',
    fenced: true,
    inControlledShutdown: false,
    logDirs: [],
    ...init,
  };
}

export function createRegisterBrokerRecordBrokerEndpoint(
  init?: Partial<RegisterBrokerRecordBrokerEndpoint>,
): RegisterBrokerRecordBrokerEndpoint {
  return { name: '', host: '', port: 0, securityProtocol: 0, ...init };
}

export function createRegisterBrokerRecordBrokerFeature(
  init?: Partial<RegisterBrokerRecordBrokerFeature>,
): RegisterBrokerRecordBrokerFeature {
  return { name: '', minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeRegisterBrokerRecord(r: Reader, v: number): RegisterBrokerRecord {
  const _brokerId = r.int32();
  let _isMigratingZkBroker: boolean;
  if (v >= 2) {
    _isMigratingZkBroker = r.bool();
  } else {
    _isMigratingZkBroker = false;
  }
  const _incarnationId = r.uuid();
  const _brokerEpoch = r.int64();
  let _endPoints: RegisterBrokerRecordBrokerEndpoint[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: RegisterBrokerRecordBrokerEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeRegisterBrokerRecordBrokerEndpoint(r, v));
    }
    _endPoints = _a;
  }
  let _features: RegisterBrokerRecordBrokerFeature[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: RegisterBrokerRecordBrokerFeature[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeRegisterBrokerRecordBrokerFeature(r, v));
    }
    _features = _a;
  }
  const _rack = r.compactNullableString();
  const _fenced = r.bool();
  let _inControlledShutdown: boolean;
  if (v >= 1) {
    _inControlledShutdown = r.bool();
  } else {
    _inControlledShutdown = false;
  }
  let _logDirs: string[] = [];
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        if (v >= 3) {
          const _n = r.compactArrayLength(16, false);
          const _a: string[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.uuid());
          }
          _logDirs = _a;
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    brokerId: _brokerId,
    isMigratingZkBroker: _isMigratingZkBroker,
    incarnationId: _incarnationId,
    brokerEpoch: _brokerEpoch,
    endPoints: _endPoints,
    features: _features,
    rack: _rack,
    fenced: _fenced,
    inControlledShutdown: _inControlledShutdown,
    logDirs: _logDirs,
  };
}

export function encodeRegisterBrokerRecord(w: Writer, m: RegisterBrokerRecord, v: number): void {
  w.int32(m.brokerId);
  if (v >= 2) {
    w.bool(m.isMigratingZkBroker);
  }
  w.uuid(m.incarnationId);
  w.int64(m.brokerEpoch);
  {
    const _a = m.endPoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeRegisterBrokerRecordBrokerEndpoint(w, _e, v);
    }
  }
  {
    const _a = m.features;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeRegisterBrokerRecordBrokerFeature(w, _e, v);
    }
  }
  w.compactNullableString(m.rack);
  w.bool(m.fenced);
  if (v >= 1) {
    w.bool(m.inControlledShutdown);
  }
  let _nt = 0;
  const _tlogDirs = v >= 3 && m.logDirs.length > 0;
  if (_tlogDirs) _nt++;
  w.uvarint(_nt);
  if (_tlogDirs) {
    const _mk = w.beginTaggedField(0);
    const _a = m.logDirs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.uuid(_e);
    }
    w.endTaggedField(_mk);
  }
}

function decodeRegisterBrokerRecordBrokerEndpoint(r: Reader, _v: number): RegisterBrokerRecordBrokerEndpoint {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  const _securityProtocol = r.int16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port, securityProtocol: _securityProtocol };
}

function encodeRegisterBrokerRecordBrokerEndpoint(
  w: Writer,
  m: RegisterBrokerRecordBrokerEndpoint,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.int16(m.securityProtocol);
  w.uvarint(0);
}

function decodeRegisterBrokerRecordBrokerFeature(r: Reader, _v: number): RegisterBrokerRecordBrokerFeature {
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

function encodeRegisterBrokerRecordBrokerFeature(
  w: Writer,
  m: RegisterBrokerRecordBrokerFeature,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}
