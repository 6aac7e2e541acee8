// Generated from ProducerIdsRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// ProducerIdsRecord: versions 0, flexible 0+, api key 15.

export interface ProducerIdsRecord {
  /** v0+ */
  brokerId: number;
  /** v0+, default -1 */
  brokerEpoch: number;
  /** v0+ */
  nextProducerId: number;
}

export function createProducerIdsRecord(init?: Partial<ProducerIdsRecord>): ProducerIdsRecord {
  return { brokerId: 0, brokerEpoch: -1, nextProducerId: 0, ...init };
}

export function decodeProducerIdsRecord(r: Reader, _v: number): ProducerIdsRecord {
  const _brokerId = r.int32();
  const _brokerEpoch = r.int64();
  const _nextProducerId = r.int64();
  r.skipTaggedFields();
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch, nextProducerId: _nextProducerId };
}

export function encodeProducerIdsRecord(w: Writer, m: ProducerIdsRecord, _v: number): void {
  w.int32(m.brokerId);
  w.int64(m.brokerEpoch);
  w.int64(m.nextProducerId);
  w.uvarint(0);
}
