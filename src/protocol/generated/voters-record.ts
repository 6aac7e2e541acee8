// Generated from VotersRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// VotersRecord: versions 0, flexible 0+.

export interface VotersRecord {
  /** v0+ */
  version: number;
  /** v0+ */
  voters: VotersRecordVoter[];
}

export interface VotersRecordVoter {
  /** v0+ */
  voterId: number;
  /** v0+ */
  voterDirectoryId: string;
  /** v0+ */
  endpoints: VotersRecordEndpoint[];
  /** v0+ */
  kRaftVersionFeature: VotersRecordKRaftVersionFeature;
}

export interface VotersRecordEndpoint {
  /** v0+ */
  name: string;
  /** v0+ */
  host: string;
  /** v0+ */
  port: number;
}

export interface VotersRecordKRaftVersionFeature {
  /** v0+ */
  minSupportedVersion: number;
  /** v0+ */
  maxSupportedVersion: number;
}

export function createVotersRecord(init?: Partial<VotersRecord>): VotersRecord {
  return { version: 0, voters: [], ...init };
}

export function createVotersRecordVoter(init?: Partial<VotersRecordVoter>): VotersRecordVoter {
  return {
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    endpoints: [],
    kRaftVersionFeature: createVotersRecordKRaftVersionFeature(),
    ...init,
  };
}

export function createVotersRecordEndpoint(init?: Partial<VotersRecordEndpoint>): VotersRecordEndpoint {
  return { name: '', host: '', port: 0, ...init };
}

export function createVotersRecordKRaftVersionFeature(
  init?: Partial<VotersRecordKRaftVersionFeature>,
): VotersRecordKRaftVersionFeature {
  return { minSupportedVersion: 0, maxSupportedVersion: 0, ...init };
}

export function decodeVotersRecord(r: Reader, v: number): VotersRecord {
  const _version = r.int16();
  let _voters: VotersRecordVoter[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VotersRecordVoter[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVotersRecordVoter(r, v));
    }
    _voters = _a;
  }
  r.skipTaggedFields();
  return { version: _version, voters: _voters };
}

export function encodeVotersRecord(w: Writer, m: VotersRecord, v: number): void {
  w.int16(m.version);
  {
    const _a = m.voters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVotersRecordVoter(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeVotersRecordVoter(r: Reader, v: number): VotersRecordVoter {
  const _voterId = r.int32();
  const _voterDirectoryId = r.uuid();
  let _endpoints: VotersRecordEndpoint[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: VotersRecordEndpoint[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeVotersRecordEndpoint(r, v));
    }
    _endpoints = _a;
  }
  const _kRaftVersionFeature = decodeVotersRecordKRaftVersionFeature(r, v);
  r.skipTaggedFields();
  return {
    voterId: _voterId,
    voterDirectoryId: _voterDirectoryId,
    endpoints: _endpoints,
    kRaftVersionFeature: _kRaftVersionFeature,
  };
}

function encodeVotersRecordVoter(w: Writer, m: VotersRecordVoter, v: number): void {
  w.int32(m.voterId);
  w.uuid(m.voterDirectoryId);
  {
    const _a = m.endpoints;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeVotersRecordEndpoint(w, _e, v);
    }
  }
  encodeVotersRecordKRaftVersionFeature(w, m.kRaftVersionFeature, v);
  w.uvarint(0);
}

function decodeVotersRecordEndpoint(r: Reader, _v: number): VotersRecordEndpoint {
  const _name = r.compactString();
  const _host = r.compactString();
  const _port = r.uint16();
  r.skipTaggedFields();
  return { name: _name, host: _host, port: _port };
}

function encodeVotersRecordEndpoint(w: Writer, m: VotersRecordEndpoint, _v: number): void {
  w.compactString(m.name);
  w.compactString(m.host);
  w.uint16(m.port);
  w.uvarint(0);
}

function decodeVotersRecordKRaftVersionFeature(r: Reader, _v: number): VotersRecordKRaftVersionFeature {
  const _minSupportedVersion = r.int16();
  const _maxSupportedVersion = r.int16();
  r.skipTaggedFields();
  return { minSupportedVersion: _minSupportedVersion, maxSupportedVersion: _maxSupportedVersion };
}

function encodeVotersRecordKRaftVersionFeature(
  w: Writer,
  m: VotersRecordKRaftVersionFeature,
  _v: number,
): void {
  w.int16(m.minSupportedVersion);
  w.int16(m.maxSupportedVersion);
  w.uvarint(0);
}
