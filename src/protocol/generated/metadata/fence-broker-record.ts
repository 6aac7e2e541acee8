// Generated from FenceBrokerRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// FenceBrokerRecord: versions 0, flexible 0+, api key 7.

export interface FenceBrokerRecord {
  /** v0+ */
  id: number;
  /** v0+ */
  epoch: number;
}

export function createFenceBrokerRecord(init?: Partial<FenceBrokerRecord>): FenceBrokerRecord {
  return { id: 0, epoch: 0, ...init };
}

export function decodeFenceBrokerRecord(r: Reader, _v: number): FenceBrokerRecord {
  const _id = r.int32();
  const _epoch = r.int64();
  r.skipTaggedFields();
  return { id: _id, epoch: _epoch };
}

export function encodeFenceBrokerRecord(w: Writer, m: FenceBrokerRecord, _v: number): void {
  w.int32(m.id);
  w.int64(m.epoch);
  w.uvarint(0);
}
