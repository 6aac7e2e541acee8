// Generated from UnregisterBrokerRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// UnregisterBrokerRecord: versions 0, flexible 0+, api key 1.

export interface UnregisterBrokerRecord {
  /** v0+ */
  brokerId: number;
  /** v0+ */
  brokerEpoch: number;
}

export function createUnregisterBrokerRecord(init?: Partial<UnregisterBrokerRecord>): UnregisterBrokerRecord {
  return { brokerId: 0, brokerEpoch: 0, ...init };
}

export function decodeUnregisterBrokerRecord(r: Reader, _v: number): UnregisterBrokerRecord {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch };
}

export function encodeUnregisterBrokerRecord(w: Writer, m: UnregisterBrokerRecord, _v: number): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  w.uvarint(0);
}
