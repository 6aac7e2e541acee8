// The "consumer" embedded protocol: what a member puts in JoinGroup's protocol metadata (its
// subscription) and what the leader puts in SyncGroup for each member (its assignment). Both are an
// int16 version followed by a non-flexible struct (ConsumerProtocolSubscription/Assignment.json).
// A newer version than ours is read as our newest: Kafka only ever appends fields, so the extra bytes
// at the end are ignored, as the Java client does.
import { Buffer } from 'node:buffer';
import {
  decodeConsumerProtocolAssignment,
  encodeConsumerProtocolAssignment,
} from '../protocol/generated/consumer-protocol-assignment.js';
import {
  decodeConsumerProtocolSubscription,
  encodeConsumerProtocolSubscription,
} from '../protocol/generated/consumer-protocol-subscription.js';
import { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';
import type { TopicPartition } from './consumer.js';
import { ErrorCode, KafkaError } from './errors.js';

/** Protocol type of consumer groups in JoinGroup. */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** v1 added owned partitions, v2 the generation, v3 the rack. */
export const SUBSCRIPTION_VERSION = 3;
export const ASSIGNMENT_VERSION = 3;

export interface Subscription {
  topics: string[];
  userData: Buffer | null;
  /** What the member owns now (cooperative rebalancing relies on it). */
  ownedPartitions: TopicPartition[];
  /** Generation in which the member got ownedPartitions; -1 if unknown (older versions). */
  generationId: number;
  rackId: string | null;
}

export interface Assignment {
  partitions: TopicPartition[];
  userData: Buffer | null;
}

/** Groups partitions by topic, topics and partitions sorted, for the wire. */
export function byTopic(tps: Iterable<TopicPartition>): { topic: string; partitions: number[] }[] {
  const m = new Map<string, number[]>();
  for (const tp of tps) {
    const l = m.get(tp.topic);
    if (l === undefined) m.set(tp.topic, [tp.partition]);
    else l.push(tp.partition);
  }
  return [...m.keys()].sort().map((topic) => ({ topic, partitions: m.get(topic)!.sort((a, b) => a - b) }));
}

function flatten(list: { topic: string; partitions: number[] }[]): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const t of list) for (const partition of t.partitions) out.push({ topic: t.topic, partition });
  return out;
}

function fail(what: string, why: string): never {
  throw new KafkaError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, `malformed consumer ${what}: ${why}`);
}

export function encodeSubscription(s: Subscription, version = SUBSCRIPTION_VERSION): Buffer {
  const w = new Writer({ initialSize: 64 });
  w.int16(version);
  encodeConsumerProtocolSubscription(
    w,
    {
      topics: [...s.topics].sort(),
      userData: s.userData,
      ownedPartitions: byTopic(s.ownedPartitions),
      generationId: s.generationId,
      rackId: s.rackId,
    },
    version,
  );
  if (w.error !== null) fail('subscription', w.error);
  return Buffer.from(w.finish());
}

export function decodeSubscription(buf: Buffer): Subscription {
  const r = new Reader(buf);
  const version = Math.min(r.int16(), SUBSCRIPTION_VERSION);
  if (version < 0) fail('subscription', `version ${version}`);
  const s = decodeConsumerProtocolSubscription(r, version);
  if (r.error !== null) fail('subscription', r.error);
  return {
    topics: s.topics,
    userData: s.userData,
    ownedPartitions: flatten(s.ownedPartitions),
    generationId: s.generationId,
    rackId: s.rackId,
  };
}

export function encodeAssignment(a: Assignment, version = ASSIGNMENT_VERSION): Buffer {
  const w = new Writer({ initialSize: 64 });
  w.int16(version);
  encodeConsumerProtocolAssignment(
    w,
    { assignedPartitions: byTopic(a.partitions), userData: a.userData },
    version,
  );
  if (w.error !== null) fail('assignment', w.error);
  return Buffer.from(w.finish());
}

/** An empty buffer is an empty assignment (what a leader sends a member it gives nothing). */
export function decodeAssignment(buf: Buffer): Assignment {
  if (buf.length === 0) return { partitions: [], userData: null };
  const r = new Reader(buf);
  const version = Math.min(r.int16(), ASSIGNMENT_VERSION);
  if (version < 0) fail('assignment', `version ${version}`);
  const a = decodeConsumerProtocolAssignment(r, version);
  if (r.error !== null) fail('assignment', r.error);
  return { partitions: flatten(a.assignedPartitions), userData: a.userData };
}
