// Generated from LeaderChangeMessage.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// LeaderChangeMessage: versions 0-1, flexible 0+.

export interface LeaderChangeMessage {
  /** v0+ */
  version: number;
  /** v0+ */
  leaderId: number;
  /** v0+ */
  voters: LeaderChangeMessageVoter[];
  /** v0+ */
  grantingVoters: LeaderChangeMessageVoter[];
}

export interface LeaderChangeMessageVoter {
  /** v0+ */
  voterId: number;
  /** v1+ */
  voterDirectoryId: string;
}

export function createLeaderChangeMessage(init?: Partial<LeaderChangeMessage>): LeaderChangeMessage {
  return { version: 0, leaderId: 0, voters: [], grantingVoters: [], ...init };
}

export function createLeaderChangeMessageVoter(
  init?: Partial<LeaderChangeMessageVoter>,
): LeaderChangeMessageVoter {
  return { voterId: 0, voterDirectoryId: ZERO_UUID, ...init };
}

export function decodeLeaderChangeMessage(r: Reader, v: number): LeaderChangeMessage {
  const _version = r.int16();
  const _leaderId = r.int32();
  let _voters: LeaderChangeMessageVoter[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderChangeMessageVoter[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderChangeMessageVoter(r, v));
    }
    _voters = _a;
  }
  let _grantingVoters: LeaderChangeMessageVoter[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: LeaderChangeMessageVoter[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeLeaderChangeMessageVoter(r, v));
    }
    _grantingVoters = _a;
  }
  r.skipTaggedFields();
  return { version: _version, leaderId: _leaderId, voters: _voters, grantingVoters: _grantingVoters };
}

export function encodeLeaderChangeMessage(w: Writer, m: LeaderChangeMessage, v: number): void {
  w.int16(m.version);
  w.int32(m.leaderId);
  {
    const _a = m.voters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderChangeMessageVoter(w, _e, v);
    }
  }
  {
    const _a = m.grantingVoters;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeLeaderChangeMessageVoter(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeLeaderChangeMessageVoter(r: Reader, v: number): LeaderChangeMessageVoter {
  const _voterId = r.int32();
  let _voterDirectoryId: string;
  if (v >= 1) {
    _voterDirectoryId = r.uuid();
  } else {
    _voterDirectoryId = ZERO_UUID;
  }
  r.skipTaggedFields();
  return { voterId: _voterId, voterDirectoryId: _voterDirectoryId };
}

function encodeLeaderChangeMessageVoter(w: Writer, m: LeaderChangeMessageVoter, v: number): void {
  w.int32(m.voterId);
  if (v >= 1) {
    w.uuid(m.voterDirectoryId);
  }
  w.uvarint(0);
}
