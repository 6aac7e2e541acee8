// Generated from RemoveTopicRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// RemoveTopicRecord: versions 0, flexible 0+, api key 9.

export interface RemoveTopicRecord {
  /** v0+ */
  topicId: string;
}

export function createRemoveTopicRecord(init?: Partial<RemoveTopicRecord>): RemoveTopicRecord {
  return { topicId: ZERO_UUID, ...init };
}

export function decodeRemoveTopicRecord(r: Reader, _v: number): RemoveTopicRecord {
  const _topicId = r.uuid();
  r.skipTaggedFields();
  return { topicId: _topicId };
}

export function encodeRemoveTopicRecord(w: Writer, m: RemoveTopicRecord, _v: number): void {
  w.uuid(m.topicId);
  w.uvarint(0);
}
