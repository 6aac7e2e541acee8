// Generated from UpdateRaftVoterRequest.json, UpdateRaftVoterResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// UpdateRaftVoterRequest: versions 0, flexible 0+, api key 82.

export interface UpdateRaftVoterRequest {
  /** v0+, nullable v0+ */
  clusterId: string | null;
  /** v0+ */
  currentLeaderEpoch: number;
  /** v0+ */
  voterId: number;
  /** v0+ */
  voterDirectoryId: string;
  /** v0+ */
  listeners: UpdateRaftVoterRequestListener[];
  /** v0+ */
  kRaftVersionFeature: UpdateRaftVoterRequestKRaftVersionFeature;
}

export interface UpdateRaftVoterRequestListener {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
}

export interface UpdateRaftVoterRequestKRaftVersionFeature {
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createUpdateRaftVoterRequest(init?: Partial<UpdateRaftVoterRequest>): UpdateRaftVoterRequest {
  return {
    clusterId: '',
    currentLeaderEpoch: 0,
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    listeners: [],
    kRaftVersionFeature: createUpdateRaftVoterRequestKRaftVersionFeature(),
    ...init,
  };
}

export function createUpdateRaftVoterRequestListener(
  init?: Partial<UpdateRaftVoterRequestListener>,
): UpdateRaftVoterRequestListener {
  return { name: '', host: '', port: 0, ...init };
}

export function createUpdateRaftVoterRequestKRaftVersionFeature(
  init?: Partial<UpdateRaftVoterRequestKRaftVersionFeature>,
): UpdateRaftVoterRequestKRaftVersionFeature {
  return { minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeUpdateRaftVoterRequest(r: Reader, v: number): UpdateRaftVoterRequest {
  const _clusterId = r.compactNullableString();
  const _currentLeaderEpoch = r.int32();
  const _voterId = r.int32();
  const _voterDirectoryId = r.uuid();
  let _listeners: UpdateRaftVoterRequestListener[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateRaftVoterRequestListener[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateRaftVoterRequestListener(r, v));
    }
    _listeners = _a;
  }
  const _kRaftVersionFeature = decodeUpdateRaftVoterRequestKRaftVersionFeature(r, v);
  r.skipTaggedFields();
  return {
    clusterId: _clusterId,
    currentLeaderEpoch: _currentLeaderEpoch,
    voterId: _voterId,
    voterDirectoryId: _voterDirectoryId,
    listeners: _listeners,
    kRaftVersionFeature: _kRaftVersionFeature,
  };
}

export function encodeUpdateRaftVoterRequest(w: Writer, m: UpdateRaftVoterRequest, v: number): void {
  w.compactNullableString(m.clusterId);
  w.int32(m.currentLeaderEpoch);
  w.int32(m.voterId);
  w.uuid(m.voterDirectoryId);
  {
    const _a = m.listeners;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateRaftVoterRequestListener(w, _e, v);
    }
  }
  encodeUpdateRaftVoterRequestKRaftVersionFeature(w, m.kRaftVersionFeature, v);
  w.uvarint(0);
}

function decodeUpdateRaftVoterRequestListener(r: Reader, _v: number): UpdateRaftVoterRequestListener {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeUpdateRaftVoterRequestListener(
  w: Writer,
  m: UpdateRaftVoterRequestListener,
  _v: number,
): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

function decodeUpdateRaftVoterRequestKRaftVersionFeature(
  r: Reader,
  _v: number,
): UpdateRaftVoterRequestKRaftVersionFeature {
  const _minSupportedVersion = r.int16();
  const _maxSupportedVersion = r.int16();
  r.skipTaggedFields();
  return { minSupportedVersion: _minSupportedVersion, maxSupportedVersion: _maxSupportedVersion };
}

function encodeUpdateRaftVoterRequestKRaftVersionFeature(
  w: Writer,
  m: UpdateRaftVoterRequestKRaftVersionFeature,
  _v: number,
): void {
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}

// UpdateRaftVoterResponse: versions 0, flexible 0+, api key 82.

export interface UpdateRaftVoterResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, tag 0 v0+ */
  currentLeader: UpdateRaftVoterResponseCurrentLeader;
}

export interface UpdateRaftVoterResponseCurrentLeader {
  /** v0+, default -1 */
  leaderId: number;
  /** v0+, default -1 */
  leaderEpoch: number;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
}

export function createUpdateRaftVoterResponse(
  init?: Partial<UpdateRaftVoterResponse>,
): UpdateRaftVoterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    currentLeader: createUpdateRaftVoterResponseCurrentLeader(),
    ...init,
  };
}

export function createUpdateRaftVoterResponseCurrentLeader(
  init?: Partial<UpdateRaftVoterResponseCurrentLeader>,
): UpdateRaftVoterResponseCurrentLeader {
  return { leaderId: -1, leaderEpoch: -1, host: '', port: 0, ...init };
}

export function decodeUpdateRaftVoterResponse(r: Reader, v: number): UpdateRaftVoterResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  let _currentLeader: UpdateRaftVoterResponseCurrentLeader = createUpdateRaftVoterResponseCurrentLeader();
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _currentLeader = decodeUpdateRaftVoterResponseCurrentLeader(r, v);
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, currentLeader: _currentLeader };
}

export function encodeUpdateRaftVoterResponse(w: Writer, m: UpdateRaftVoterResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  let _nt = 0;
  const _tcurrentLeader = !isDefaultUpdateRaftVoterResponseCurrentLeader(m.currentLeader);
  if (_tcurrentLeader) _nt++;
  w.uvarint(_nt);
  if (_tcurrentLeader) {
    const _mk = w.beginTaggedField(0);
    encodeUpdateRaftVoterResponseCurrentLeader(w, m.currentLeader, v);
    w.endTaggedField(_mk);
  }
}

function decodeUpdateRaftVoterResponseCurrentLeader(
  r: Reader,
  _v: number,
): UpdateRaftVoterResponseCurrentLeader {
  const _leaderId = r.int32();
  const _leaderEpoch = r.int32();
  const _host = r.compactString();
  const _port = r.int32();
  r.skipTaggedFields();
  return { leaderId: _leaderId, leaderEpoch: _leaderEpoch, host: _host, port: _port };
}

function encodeUpdateRaftVoterResponseCurrentLeader(
  w: Writer,
  m: UpdateRaftVoterResponseCurrentLeader,
  _v: number,
): void {
  w.int32(m.leaderId);
  w.int32(m.leaderEpoch);
  w.compactString(m.host);
  w.int32(m.port);
  w.uvarint(0);
}

function isDefaultUpdateRaftVoterResponseCurrentLeader(m: UpdateRaftVoterResponseCurrentLeader): boolean {
  return !(m.leaderId !== -1) && !(m.leaderEpoch !== -1) && !(m.host !== '') && !(m.port !== 0);
}
