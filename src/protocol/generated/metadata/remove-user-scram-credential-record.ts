// Generated from RemoveUserScramCredentialRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RemoveUserScramCredentialRecord: versions 0, flexible 0+, api key 22.

export interface RemoveUserScramCredentialRecord {
  /** v0+ */
  name: string;
  /** v0+ */
  mechanism: number;
}

export function createRemoveUserScramCredentialRecord(
  init?: Partial<RemoveUserScramCredentialRecord>,
): RemoveUserScramCredentialRecord {
  return { name: '', mechanism: 0, ...init };
}

export function decodeRemoveUserScramCredentialRecord(
  r: Reader,
  _v: number,
): RemoveUserScramCredentialRecord {
  const _name = r.compactString();
  const _mechanism = r.int8();
  r.skipTaggedFields();
  return { name: _name, mechanism: _mechanism };
}

export function encodeRemoveUserScramCredentialRecord(
  w: Writer,
  m: RemoveUserScramCredentialRecord,
  _v: number,
): void {
  w.compactString(m.name);
  w.int8(m.mechanism);
  w.uvarint(0);
}
