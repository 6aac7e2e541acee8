// Generated from RemoveDelegationTokenRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RemoveDelegationTokenRecord: versions 0, flexible 0+, api key 26.

export interface RemoveDelegationTokenRecord {
  /** v0+ */
  tokenId: string;
}

export function createRemoveDelegationTokenRecord(
  init?: Partial<RemoveDelegationTokenRecord>,
): RemoveDelegationTokenRecord {
  return { tokenId: '', ...init };
}

export function decodeRemoveDelegationTokenRecord(r: Reader, _v: number): RemoveDelegationTokenRecord {
  const _tokenId = r.compactString();
  r.skipTaggedFields();
  return { tokenId: _tokenId };
}

export function encodeRemoveDelegationTokenRecord(
  w: Writer,
  m: RemoveDelegationTokenRecord,
  _v: number,
): void {
  w.compactString(m.tokenId);
  w.uvarint(0);
}
