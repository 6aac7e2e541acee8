// Generated from NoOpRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// NoOpRecord: versions 0, flexible 0+, api key 20.

export interface NoOpRecord {
}

export function createNoOpRecord(init?: Partial<NoOpRecord>): NoOpRecord {
  return { ...init };
}

export function decodeNoOpRecord(r: Reader, _v: number): NoOpRecord {
  r.skipTaggedFields();
  return {};
}

export function encodeNoOpRecord(w: Writer, _m: NoOpRecord, _v: number): void {
  w.uvarint(0);
}
