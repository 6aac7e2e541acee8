// Records of the internal topic __consumer_offsets, in Kafka's own layouts so its tools can read them:
// every key and value starts with an int16 schema version, then the fields of that version.
//
//   OffsetCommitKey    v0/v1: group string, topic string, partition int32
//   GroupMetadataKey   v2:    group string
//   OffsetCommitValue  v1:    offset int64, metadata string, commitTimestamp int64, expireTimestamp int64
//                      v3:    offset int64, leaderEpoch int32, metadata string, commitTimestamp int64
//   GroupMetadataValue v3:    protocolType string, generation int32, protocol string?, leader string?,
//                             currentStateTimestamp int64, members [memberId string, groupInstanceId string?,
//                             clientId string, clientHost string, rebalanceTimeout int32, sessionTimeout int32,
//                             subscription bytes, assignment bytes]
// A null value is a tombstone: the offset, or the whole group, is gone. We write v3 values (v1 when an
// explicit expire timestamp must be kept) and read every classic version, v0 to v3; flexible v4 values are
// read by their v3 fields, tagged fields ignored.
import { Buffer } from 'node:buffer';
import { Reader } from '../../protocol/reader.js';
import { Writer } from '../../protocol/writer.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** -1 unless the commit asked for its own retention (OffsetCommit v2-v4 retention_time_ms). */
  expireTimestamp: number;
}

export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** Metadata of the group's selected protocol. */
  subscription: Uint8Array;
  assignment: Uint8Array;
}

export interface StoredGroup {
  protocolType: string;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  currentStateTimestamp: number;
  members: StoredMember[];
}

export type OffsetsRecord =
  | { kind: 'offset'; groupId: string; topic: string; partition: number; value: CommittedOffset | null }
  | { kind: 'group'; groupId: string; value: StoredGroup | null };

/** Java's String.hashCode, as Kafka computes it for partitionFor. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Partition of __consumer_offsets holding a group: Utils.abs(groupId.hashCode) % partitions, as Kafka. */
export function partitionForGroup(groupId: string, partitions: number): number {
  const h = javaStringHash(groupId);
  const abs = h === -2147483648 ? 0 : Math.abs(h);
  return abs % partitions;
}

export function encodeRecordKey(r: OffsetsRecord): Buffer {
  const w = new Writer({ initialSize: 64 });
  if (r.kind === 'offset') {
    w.int16(1);
    w.string(r.groupId);
    w.string(r.topic);
    w.int32(r.partition);
  } else {
    w.int16(2);
    w.string(r.groupId);
  }
  return Buffer.from(w.finish());
}

export function encodeRecordValue(r: OffsetsRecord): Buffer | null {
  if (r.value === null) return null;
  const w = new Writer({ initialSize: 128 });
  if (r.kind === 'offset') {
    const v = r.value;
    if (v.expireTimestamp >= 0) {
      w.int16(1);
      w.int64(v.offset);
      w.string(v.metadata);
      w.int64(v.commitTimestamp);
      w.int64(v.expireTimestamp);
    } else {
      w.int16(3);
      w.int64(v.offset);
      w.int32(v.leaderEpoch);
      w.string(v.metadata);
      w.int64(v.commitTimestamp);
    }
  } else {
    const g = r.value;
    w.int16(3);
    w.string(g.protocolType);
    w.int32(g.generationId);
    w.nullableString(g.protocolName);
    w.nullableString(g.leaderId);
    w.int64(g.currentStateTimestamp);
    w.arrayLength(g.members.length);
    for (const m of g.members) {
      w.string(m.memberId);
      w.nullableString(m.groupInstanceId);
      w.string(m.clientId);
      w.string(m.clientHost);
      w.int32(m.rebalanceTimeoutMs);
      w.int32(m.sessionTimeoutMs);
      w.bytes(m.subscription);
      w.bytes(m.assignment);
    }
  }
  if (w.error !== null) throw new RangeError(`cannot encode ${r.kind} record of ${r.groupId}: ${w.error}`);
  return Buffer.from(w.finish());
}

/** Decodes one stored record; null when the key or value is not one we know (skipped on replay). */
export function decodeRecord(key: Buffer | null, value: Buffer | null): OffsetsRecord | null {
  if (key === null) return null;
  const k = new Reader(key);
  const keyVersion = k.int16();
  if (keyVersion === 0 || keyVersion === 1) {
    const groupId = k.string();
    const topic = k.string();
    const partition = k.int32();
    if (!k.ok) return null;
    if (value === null) return { kind: 'offset', groupId, topic, partition, value: null };
    const v = decodeOffsetValue(value);
    return v === null ? null : { kind: 'offset', groupId, topic, partition, value: v };
  }
  if (keyVersion === 2) {
    const groupId = k.string();
    if (!k.ok) return null;
    if (value === null) return { kind: 'group', groupId, value: null };
    const g = decodeGroupValue(value);
    return g === null ? null : { kind: 'group', groupId, value: g };
  }
  return null;
}

function decodeOffsetValue(buf: Buffer): CommittedOffset | null {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 4) return null;
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = version >= 4 ? r.compactString() : r.string();
  const commitTimestamp = r.int64();
  const expireTimestamp = version === 1 ? r.int64() : -1;
  return r.ok ? { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp } : null;
}

function decodeGroupValue(buf: Buffer): StoredGroup | null {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 4) return null;
  const flexible = version >= 4;
  const str = () => (flexible ? r.compactString() : r.string());
  const nstr = () => (flexible ? r.compactNullableString() : r.nullableString());
  const bytes = () => Uint8Array.from(flexible ? r.compactBytes() : r.bytes());
  const protocolType = str();
  const generationId = r.int32();
  const protocolName = nstr();
  const leaderId = nstr();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1;
  const n = flexible ? r.compactArrayLength(10, false) : r.arrayLength(10, false);
  const members: StoredMember[] = [];
  for (let i = 0; i < n && r.ok; i++) {
    const memberId = str();
    const groupInstanceId = version >= 3 ? nstr() : null;
    const clientId = str();
    const clientHost = str();
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : -1;
    const sessionTimeoutMs = r.int32();
    const subscription = bytes();
    const assignment = bytes();
    if (flexible) r.skipTaggedFields();
    members.push({
      memberId,
      groupInstanceId,
      clientId,
      clientHost,
      rebalanceTimeoutMs: rebalanceTimeoutMs < 0 ? sessionTimeoutMs : rebalanceTimeoutMs,
      sessionTimeoutMs,
      subscription,
      assignment,
    });
  }
  if (!r.ok) return null;
  return { protocolType, generationId, protocolName, leaderId, currentStateTimestamp, members };
}
