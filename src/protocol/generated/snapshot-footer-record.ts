// Generated from SnapshotFooterRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// SnapshotFooterRecord: versions 0, flexible 0+.

export interface SnapshotFooterRecord {
  /** v0+ */
  version: number;
}

export function createSnapshotFooterRecord(init?: Partial<SnapshotFooterRecord>): SnapshotFooterRecord {
  return { version: 0, ...init };
}

export function decodeSnapshotFooterRecord(r: Reader, _v: number): SnapshotFooterRecord {
  const _version = r.int16();
  r.skipTaggedFields();
  return { version: _version };
}

export function encodeSnapshotFooterRecord(w: Writer, m: SnapshotFooterRecord, _v: number): void {
  w.int16(m.version);
  w.uvarint(0);
}
