// Generated from BeginTransactionRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// BeginTransactionRecord: versions 0, flexible 0+, api key 23.

export interface BeginTransactionRecord {
  /** v0+, nullable v0+, tag 0 v0+, default null */
  name: string | null;
}

export function createBeginTransactionRecord(init?: Partial<BeginTransactionRecord>): BeginTransactionRecord {
  return { name: null, ...init };
}

export function decodeBeginTransactionRecord(r: Reader, _v: number): BeginTransactionRecord {
  let _name: string | null = null;
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _name = r.compactNullableString();
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return { name: _name };
}

export function encodeBeginTransactionRecord(w: Writer, m: BeginTransactionRecord, _v: number): void {
  let _nt = 0;
  const _tname = m.name !== null;
  if (_tname) _nt++;
  w.uvarint(_nt);
  if (_tname) {
    const _mk = w.beginTaggedField(0);
    w.compactNullableString(m.name);
    w.endTaggedField(_mk);
  }
}
