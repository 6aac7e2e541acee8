// Generated from UserScramCredentialRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import { EMPTY_BYTES } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// UserScramCredentialRecord: versions 0, flexible 0+, api key 11.

export interface UserScramCredentialRecord {
  /** v0+ */
  name: string;
  /** v0+ */
  mechanism: number;
  /** v0+ */
  salt: Buffer;
  /** v0+ */
  storedKey: Buffer;
  /** v0+ */
  serverKey: Buffer;
  /** v0+ */
  iterations: number;
}

export function createUserScramCredentialRecord(
  init?: Partial<UserScramCredentialRecord>,
): UserScramCredentialRecord {
  return {
    name: '',
    mechanism: 0,
    salt: EMPTY_BYTES,
    storedKey: EMPTY_BYTES,
    serverKey: EMPTY_BYTES,
    iterations: 0,
    ...init,
  };
}

export function decodeUserScramCredentialRecord(r: Reader, _v: number): UserScramCredentialRecord {
  const _name = r.compactString();
  const _mechanism = r.int8();
  const _salt = r.compactBytes();
  const _storedKey = r.compactBytes();
  const _serverKey = r.compactBytes();
  const _iterations = r.int32();
  r.skipTaggedFields();
  return {
    name: _name,
    mechanism: _mechanism,
    salt: _salt,
    storedKey: _storedKey,
    serverKey: _serverKey,
    iterations: _iterations,
  };
}

export function encodeUserScramCredentialRecord(w: Writer, m: UserScramCredentialRecord, _v: number): void {
  w.compactString(m.name);
  w.int8(m.mechanism);
  w.compactBytes(m.salt);
  w.compactBytes(m.storedKey);
  w.compactBytes(m.serverKey);
  w.int32(m.iterations);
  w.uvarint(0);
}
