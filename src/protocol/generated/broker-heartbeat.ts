// Generated from BrokerHeartbeatRequest.json, BrokerHeartbeatResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// BrokerHeartbeatRequest: versions 0-1, flexible 0+, api key 63.

export interface BrokerHeartbeatRequest {
  /** v0+ */
  brokerId: number;
  /** v0+, default -1 */
  brokerEpoch: number;
  /** v0+ */
  currentMetadataOffset: number;
  /** v0+ */
  wantFence: boolean;
  /** v0+ */
  wantShutDown: boolean;
  /** v1+, tag 0 v1+ */
  offlineLogDirs: string[];
}

export function createBrokerHeartbeatRequest(init?: Partial<BrokerHeartbeatRequest>): BrokerHeartbeatRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
    currentMetadataOffset: 0,
    wantFence: false,
    wantShutDown: false,
    offlineLogDirs: [],
    ...init,
  };
}

export function decodeBrokerHeartbeatRequest(r: Reader, v: number): BrokerHeartbeatRequest {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  const _currentMetadataOffset = r.int64();
  const _wantFence = r.bool();
  const _wantShutDown = r.bool();
  let _offlineLogDirs: string[] = [];
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        if (v >= 1) {
          const _n = r.compactArrayLength(16, false);
          const _a: string[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.uuid());
          }
          _offlineLogDirs = _a;
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    brokerId: _brokerId,
    brokerEpoch: _brokerEpoch,
    currentMetadataOffset: _currentMetadataOffset,
    wantFence: _wantFence,
    wantShutDown: _wantShutDown,
    offlineLogDirs: _offlineLogDirs,
  };
}

export function encodeBrokerHeartbeatRequest(w: Writer, m: BrokerHeartbeatRequest, v: number): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  w.int64(m.currentMetadataOffset);
  w.bool(m.wantFence);
  w.bool(m.wantShutDown);
  let _nt = 0;
  const _tofflineLogDirs = v >= 1 && m.offlineLogDirs.length > 0;
  if (_tofflineLogDirs) _nt++;
  w.uvarint(_nt);
  if (_tofflineLogDirs) {
    const _mk = w.beginTaggedField(0);
    const _a = m.offlineLogDirs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.uuid(_e);
    }
    w.endTaggedField(_mk);
  }
}

// BrokerHeartbeatResponse: versions 0-1, flexible 0+, api key 63.

export interface BrokerHeartbeatResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, default false */
  isCaughtUp: boolean;
  /** v0+, default true */
  isFenced: boolean;
  /** v0+ */
  shouldShutDown: boolean;
}

export function createBrokerHeartbeatResponse(
  init?: Partial<BrokerHeartbeatResponse>,
): BrokerHeartbeatResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    isCaughtUp: false,
    isFenced: true,
    shouldShutDown: false,
    ...init,
  };
}

export function decodeBrokerHeartbeatResponse(r: Reader, _v: number): BrokerHeartbeatResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _isCaughtUp = r.bool();
  const _isFenced = r.bool();
  const _shouldShutDown = r.bool();
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    isCaughtUp: _isCaughtUp,
    isFenced: _isFenced,
    shouldShutDown: _shouldShutDown,
  };
}

export function encodeBrokerHeartbeatResponse(w: Writer, m: BrokerHeartbeatResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.bool(m.isCaughtUp);
  w.bool(m.isFenced);
  w.bool(m.shouldShutDown);
  w.uvarint(0);
}
