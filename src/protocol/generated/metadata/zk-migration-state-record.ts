// Generated from ZkMigrationRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// ZkMigrationStateRecord: versions 0, flexible 0+, api key 21.

export interface ZkMigrationStateRecord {
  /** v0+ */
  zkMigrationState: number;
}

export function createZkMigrationStateRecord(init?: Partial<ZkMigrationStateRecord>): ZkMigrationStateRecord {
  return { zkMigrationState: 0, ...init };
}

export function decodeZkMigrationStateRecord(r: Reader, _v: number): ZkMigrationStateRecord {
  const _zkMigrationState = r.int8();
  r.skipTaggedFields();
  return { zkMigrationState: _zkMigrationState };
}

export function encodeZkMigrationStateRecord(w: Writer, m: ZkMigrationStateRecord, _v: number): void {
  w.int8(m.zkMigrationState);
  w.uvarint(0);
}
