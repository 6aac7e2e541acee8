// Generated from BrokerRegistrationChangeRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// BrokerRegistrationChangeRecord: versions 0-2, flexible 0+, api key 17.

export interface BrokerRegistrationChangeRecord {
  /** v0+ */
  brokerId: number;
  /** v0+ */
  brokerEpoch: number;
  /** v0+, tag 0 v0+ */
  fenced: number;
  /** v1+, tag 1 v1+ */
  inControlledShutdown: number;
  /** v2+, tag 2 v2+ */
  logDirs: string[];
}

export function createBrokerRegistrationChangeRecord(
  init?: Partial<BrokerRegistrationChangeRecord>,
): BrokerRegistrationChangeRecord {
  return { brokerId: 0, brokerEpoch: 0, fenced: 0, inControlledShutdown: 0, logDirs: [], ...init };
}

export function decodeBrokerRegistrationChangeRecord(r: Reader, v: number): BrokerRegistrationChangeRecord {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  let _fenced: number = 0;
  let _inControlledShutdown: number = 0;
  let _logDirs: string[] = [];
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _fenced = r.int8();
        break;
      }
      case 1: {
        if (v >= 1) {
          _inControlledShutdown = r.int8();
        }
        break;
      }
      case 2: {
        if (v >= 2) {
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
    brokerEpoch: _brokerEpoch,
    fenced: _fenced,
    inControlledShutdown: _inControlledShutdown,
    logDirs: _logDirs,
  };
}

export function encodeBrokerRegistrationChangeRecord(
  w: Writer,
  m: BrokerRegistrationChangeRecord,
  v: number,
): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  let _nt = 0;
  const _tfenced = m.fenced !== 0;
  if (_tfenced) _nt++;
  const _tinControlledShutdown = v >= 1 && m.inControlledShutdown !== 0;
  if (_tinControlledShutdown) _nt++;
  const _tlogDirs = v >= 2 && m.logDirs.length > 0;
  if (_tlogDirs) _nt++;
  w.uvarint(_nt);
  if (_tfenced) {
    const _mk = w.beginTaggedField(0);
    w.int8(m.fenced);
    w.endTaggedField(_mk);
  }
  if (_tinControlledShutdown) {
    const _mk = w.beginTaggedField(1);
    w.int8(m.inControlledShutdown);
    w.endTaggedField(_mk);
  }
  if (_tlogDirs) {
    const _mk = w.beginTaggedField(2);
    const _a = m.logDirs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.uuid(_e);
    }
    w.endTaggedField(_mk);
  }
}
