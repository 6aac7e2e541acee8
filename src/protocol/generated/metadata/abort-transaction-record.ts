// Generated from AbortTransactionRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// AbortTransactionRecord: versions 0, flexible 0+, api key 25.

export interface AbortTransactionRecord {
  /** v0+, nullable v0+, tag 0 v0+, default null */
  reason: string | null;
}

export function createAbortTransactionRecord(init?: Partial<AbortTransactionRecord>): AbortTransactionRecord {
  return { reason: null, ...init };
}

export function decodeAbortTransactionRecord(r: Reader, _v: number): AbortTransactionRecord {
  let _reason: string | null = null;
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _reason = r.compactNullableString();
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return { reason: _reason };
}

export function encodeAbortTransactionRecord(w: Writer, m: AbortTransactionRecord, _v: number): void {
  let _nt = 0;
  const _treason = m.reason !== null;
  if (_treason) _nt++;
  w.uvarint(_nt);
  if (_treason) {
    const _mk = w.beginTaggedField(0);
    w.compactNullableString(m.reason);
    w.endTaggedField(_mk);
  }
}
