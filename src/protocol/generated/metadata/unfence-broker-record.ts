// Generated from UnfenceBrokerRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// UnfenceBrokerRecord: versions 0, flexible 0+, api key 8.

export interface UnfenceBrokerRecord {
  /** v0+ */
  id: number;
  /** v0+ */
  epoch: number;
}

export function createUnfenceBrokerRecord(init?: Partial<UnfenceBrokerRecord>): UnfenceBrokerRecord {
  return { id: 0, epoch: 0, ...init };
}

export function decodeUnfenceBrokerRecord(r: Reader, _v: number): UnfenceBrokerRecord {
  const _id = r.int32();
  const _epoch = r.int64();
  r.skipTaggedFields();
  return { id: _id, epoch: _epoch };
}

export function encodeUnfenceBrokerRecord(w: Writer, m: UnfenceBrokerRecord, _v: number): void {
  w.int32(m.id);
  w.int64(m.epoch);
  w.uvarint(0);
}
