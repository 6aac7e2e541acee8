// Generated from ClientQuotaRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// ClientQuotaRecord: versions 0, flexible 0+, api key 14.

export interface ClientQuotaRecord {
  /** v0+ */
  entity: ClientQuotaRecordEntityData[];
  /** v0+ */
  key: string;
  /** v0+ */
  value: number;
  /** v0+ */
  remove: boolean;
}

export interface ClientQuotaRecordEntityData {
  /** v0+ */
  entityType: string;
  /** v0+, nullable v0+ */
  entityName: string | null;
}

export function createClientQuotaRecord(init?: Partial<ClientQuotaRecord>): ClientQuotaRecord {
  return { entity: [], key: '', value: 0, remove: false, ...init };
}

export function createClientQuotaRecordEntityData(
  init?: Partial<ClientQuotaRecordEntityData>,
): ClientQuotaRecordEntityData {
  return { entityType: '', entityName: '', ...init };
}

export function decodeClientQuotaRecord(r: Reader, v: number): ClientQuotaRecord {
  let _entity: ClientQuotaRecordEntityData[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: ClientQuotaRecordEntityData[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeClientQuotaRecordEntityData(r, v));
    }
    _entity = _a;
  }
  const _key = r.compactString();
  const _value = r.float64();
  const _remove = r.bool();
  r.skipTaggedFields();
  return { entity: _entity, key: _key, value: _value, remove: _remove };
}

export function encodeClientQuotaRecord(w: Writer, m: ClientQuotaRecord, v: number): void {
  {
    const _a = m.entity;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeClientQuotaRecordEntityData(w, _e, v);
    }
  }
  w.compactString(m.key);
  w.float64(m.value);
  w.bool(m.remove);
  w.uvarint(0);
}

function decodeClientQuotaRecordEntityData(r: Reader, _v: number): ClientQuotaRecordEntityData {
  const _entityType = r.compactString();
  const _entityName = r.compactNullableString();
  r.skipTaggedFields();
  return { entityType: _entityType, entityName: _entityName };
}

function encodeClientQuotaRecordEntityData(w: Writer, m: ClientQuotaRecordEntityData, _v: number): void {
  w.compactString(m.entityType);
  w.compactNullableString(m.entityName);
  w.uvarint(0);
}
