// Generated from KRaftVersionRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// KRaftVersionRecord: versions 0, flexible 0+.

export interface KRaftVersionRecord {
  /** v0+ */
  version: number;
  /** v0+ */
  kRaftVersion: number;
}

export function createKRaftVersionRecord(init?: Partial<KRaftVersionRecord>): KRaftVersionRecord {
  return { version: 0, kRaftVersion: 0, ...init };
}

export function decodeKRaftVersionRecord(r: Reader, _v: number): KRaftVersionRecord {
  const _version = r.int16();
  const _kRaftVersion = r.int16();
  r.skipTaggedFields();
  return { version: _version, kRaftVersion: _kRaftVersion };
}

export function encodeKRaftVersionRecord(w: Writer, m: KRaftVersionRecord, _v: number): void {
  w.int16(m.version);
  w.int16(m.kRaftVersion);
  w.uvarint(0);
}
