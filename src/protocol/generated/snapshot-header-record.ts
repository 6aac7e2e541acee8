// Generated from SnapshotHeaderRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// SnapshotHeaderRecord: versions 0, flexible 0+.

export interface SnapshotHeaderRecord {
  /** v0+ */
  version: number;
  /** v0+ */
  lastContainedLogTimestamp: number;
}

export function createSnapshotHeaderRecord(init?: Partial<SnapshotHeaderRecord>): SnapshotHeaderRecord {
  return { version: 0, lastContainedLogTimestamp: 0, ...init };
}

export function decodeSnapshotHeaderRecord(r: Reader, _v: number): SnapshotHeaderRecord {
  const _version = r.int16();
  const _lastContainedLogTimestamp = r.int64();
  r.skipTaggedFields();
  return { version: _version, lastContainedLogTimestamp: _lastContainedLogTimestamp };
}

export function encodeSnapshotHeaderRecord(w: Writer, m: SnapshotHeaderRecord, _v: number): void {
  w.int16(m.version);
  w.int64(m.lastContainedLogTimestamp);
  w.uvarint(0);
}
