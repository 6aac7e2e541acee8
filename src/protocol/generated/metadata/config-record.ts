// Generated from ConfigRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// ConfigRecord: versions 0, flexible 0+, api key 4.

export interface ConfigRecord {
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+ */
  name: string;
  /** v0+, nullable v0+ */
  value: string | null;
}

export function createConfigRecord(init?: Partial<ConfigRecord>): ConfigRecord {
  return { resourceType: 0, resourceName: '', name: '', value: '', ...init };
}

export function decodeConfigRecord(r: Reader, _v: number): ConfigRecord {
  const _resourceType = r.int8();
  const _resourceName = r.compactString();
  const _name = r.compactString();
  const _value = r.compactNullableString();
  r.skipTaggedFields();
  return { resourceType: _resourceType, resourceName: _resourceName, name: _name, value: _value };
}

export function encodeConfigRecord(w: Writer, m: ConfigRecord, _v: number): void {
  w.int8(m.resourceType);
  w.compactString(m.resourceName);
  w.compactString(m.name);
  w.compactNullableString(m.value);
  w.uvarint(0);
}
