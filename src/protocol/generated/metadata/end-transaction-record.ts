// Generated from EndTransactionRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// EndTransactionRecord: versions 0, flexible 0+, api key 24.

export interface EndTransactionRecord {
}

export function createEndTransactionRecord(init?: Partial<EndTransactionRecord>): EndTransactionRecord {
  return { ...init };
}

export function decodeEndTransactionRecord(r: Reader, _v: number): EndTransactionRecord {
  r.skipTaggedFields();
  return {};
}

export function encodeEndTransactionRecord(w: Writer, _m: EndTransactionRecord, _v: number): void {
  w.uvarint(0);
}
