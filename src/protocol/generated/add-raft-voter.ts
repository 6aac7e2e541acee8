// Generated from AddRaftVoterRequest.json, AddRaftVoterResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AddRaftVoterRequest: versions 0, flexible 0+, api key 80.

export interface AddRaftVoterRequest {
  /** v0+, nullable v0+ */
  clusterId: string | null;
  /** v0+ */
  timeoutMs: number;
  /** v0+ */
  voterId: number;
  /** v0+ */
  voterDirectoryId: string;
  /** v0+ */
  listeners: AddRaftVoterRequestListener[];
}

export interface AddRaftVoterRequestListener {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
}

export function createAddRaftVoterRequest(init?: Partial<AddRaftVoterRequest>): AddRaftVoterRequest {
  return { clusterId: '', timeoutMs: 0, voterId: 0, voterDirectoryId: ZERO_UUID, listeners: [], ...init };
}

export function createAddRaftVoterRequestListener(
  init?: Partial<AddRaftVoterRequestListener>,
): AddRaftVoterRequestListener {
  return { name: '', host: '', port: 0, ...init };
}

export function decodeAddRaftVoterRequest(r: Reader, v: number): AddRaftVoterRequest {
  const _clusterId = r.compactNullableString();
  const _timeoutMs = r.int32();
  const _voterId = r.int32();
  const _voterDirectoryId = r.uuid();
  let _listeners: AddRaftVoterRequestListener[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: AddRaftVoterRequestListener[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAddRaftVoterRequestListener(r, v));
    }
    _listeners = _a;
  }
  r.skipTaggedFields();
  return {
    clusterId: _clusterId,
    timeoutMs: _timeoutMs,
    voterId: _voterId,
    voterDirectoryId: _voterDirectoryId,
    listeners: _listeners,
  };
}

export function encodeAddRaftVoterRequest(w: Writer, m: AddRaftVoterRequest, v: number): void {
  w.compactNullableString(m.clusterId);
  w.int32(m.timeoutMs);
  w.int32(m.voterId);
  w.uuid(m.voterDirectoryId);
  {
    const _a = m.listeners;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAddRaftVoterRequestListener(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeAddRaftVoterRequestListener(r: Reader, _v: number): AddRaftVoterRequestListener {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeAddRaftVoterRequestListener(w: Writer, m: AddRaftVoterRequestListener, _v: number): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

// AddRaftVoterResponse: versions 0, flexible 0+, api key 80.

export interface AddRaftVoterResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createAddRaftVoterResponse(init?: Partial<AddRaftVoterResponse>): AddRaftVoterResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', ...init };
}

export function decodeAddRaftVoterResponse(r: Reader, _v: number): AddRaftVoterResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, errorMessage: _errorMessage };
}

export function encodeAddRaftVoterResponse(w: Writer, m: AddRaftVoterResponse, _v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
