// Generated from TopicRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// TopicRecord: versions 0, flexible 0+, api key 2.

export interface TopicRecord {
  /** v0+ */
  name: string;
  /** v0+ */
  topicId: string;
}

export function createTopicRecord(init?: Partial<TopicRecord>): TopicRecord {
  return { name: '', topicId: ZERO_UUID, ...init };
}

export function decodeTopicRecord(r: Reader, _v: number): TopicRecord {
  const _name = r.compactString();
  const _topicId = r.uuid();
  r.skipTaggedFields();
  return { name: _name, topicId: _topicId };
}

export function encodeTopicRecord(w: Writer, m: TopicRecord, _v: number): void {
  w.compactString(m.name);
  w.uuid(m.topicId);
  w.uvarint(0);
}
