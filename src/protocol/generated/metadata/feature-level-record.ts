// Generated from FeatureLevelRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// FeatureLevelRecord: versions 0, flexible 0+, api key 12.

export interface FeatureLevelRecord {
  /** v0+ */
  name: string;
  /** v0+ */
  featureLevel: number;
}

export function createFeatureLevelRecord(init?: Partial<FeatureLevelRecord>): FeatureLevelRecord {
  return { name: '', featureLevel: 0, ...init };
}

export function decodeFeatureLevelRecord(r: Reader, _v: number): FeatureLevelRecord {
  const _name = r.compactString();
  const _featureLevel = r.int16();
  r.skipTaggedFields();
  return { name: _name, featureLevel: _featureLevel };
}

export function encodeFeatureLevelRecord(w: Writer, m: FeatureLevelRecord, _v: number): void {
  w.compactString(m.name);
  w.int16(m.featureLevel);
  w.uvarint(0);
}
