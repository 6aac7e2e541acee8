// Generated from RemoveAccessControlEntryRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RemoveAccessControlEntryRecord: versions 0, flexible 0+, api key 19.

export interface RemoveAccessControlEntryRecord {
  /** v0+ */
  id: string;
}

export function createRemoveAccessControlEntryRecord(
  init?: Partial<RemoveAccessControlEntryRecord>,
): RemoveAccessControlEntryRecord {
  return { id: ZERO_UUID, ...init };
}

export function decodeRemoveAccessControlEntryRecord(r: Reader, _v: number): RemoveAccessControlEntryRecord {
  const _id = r.uuid();
  r.skipTaggedFields();
  return { id: _id };
}

export function encodeRemoveAccessControlEntryRecord(
  w: Writer,
  m: RemoveAccessControlEntryRecord,
  _v: number,
): void {
  w.uuid(m.id);
  w.uvarint(0);
}
