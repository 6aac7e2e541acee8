// Leader elections, as pure decisions over the image (Kafka's PartitionChangeBuilder rules, KRaft side):
// leadership only moves to a live ISR member (a clean election) unless the election is unclean, which is
// explicit (ElectLeaders UNCLEAN, or the topic's unclean.leader.election.enable) and then makes the new
// leader the whole ISR. A live broker is registered, unfenced and not in controlled shutdown. The ISR is
// never emptied: a partition whose last ISR member goes keeps it, leaderless, so only it can lead again.
//
// Not kept: eligible leader replicas (KIP-966 ELR) and leader recovery state; every record here leaves them
// as they are (empty, RECOVERED), so a replica out of the ISR never leads except by an unclean election.
import { ErrorCode } from '../../protocol/errors.js';
import { createPartitionChangeRecord } from '../../protocol/generated/metadata/index.js';
import {
  ConfigResourceType,
  type MetadataImage,
  type PartitionRegistration,
  type TopicImage,
} from './image.js';
import { type MetadataRecord, MetadataRecordType as T } from './records.js';

/** ElectLeaders election_type values. */
export const ElectionType = { PREFERRED: 0, UNCLEAN: 1 } as const;

/** The topic config that lets a replica out of the ISR lead when no ISR member is live (default false). */
export const UNCLEAN_LEADER_ELECTION_CONFIG = 'unclean.leader.election.enable';

/** Preferred-leader elections one rebalance pass makes at most (Kafka's maxElectionsPerImbalance). */
export const MAX_ELECTIONS_PER_BALANCE = 1000;

/** A broker that may lead or join an ISR: registered, unfenced and not shutting down. */
export function isLive(image: MetadataImage, id: number): boolean {
  const b = image.brokers.get(id);
  return b !== undefined && !b.fenced && !b.inControlledShutdown;
}

export function uncleanAllowed(image: MetadataImage, topic: string): boolean {
  return image.configsOf(ConfigResourceType.Topic, topic).get(UNCLEAN_LEADER_ELECTION_CONFIG) === 'true';
}

/** A PartitionChangeRecord; absent fields are left as they are (the image bumps the partition epoch). */
export function partitionChange(
  topicId: string,
  partitionId: number,
  fields: { leader?: number; isr?: readonly number[] },
): MetadataRecord {
  return {
    type: T.PartitionChangeRecord,
    version: 0,
    record: createPartitionChangeRecord({
      partitionId,
      topicId,
      ...(fields.leader !== undefined ? { leader: fields.leader } : {}),
      ...(fields.isr !== undefined ? { isr: [...fields.isr] } : {}),
    }),
  };
}

export interface Election {
  leader: number;
  isr: readonly number[];
  /** The leader came from outside the ISR. */
  unclean: boolean;
}

/**
 * Who leads once `leaving` (a broker being fenced or shut down, or -1) is gone: the current leader while it
 * stays live and in the ISR, else the first live ISR member in replica order, else (when `unclean`) the
 * first live replica with the ISR reduced to it, else nobody. `leaving` leaves the ISR unless it is the
 * last member.
 */
export function electLeader(
  image: MetadataImage,
  p: PartitionRegistration,
  leaving: number,
  unclean: boolean,
): Election {
  const remaining = p.isr.filter((id) => id !== leaving);
  const isr = remaining.length > 0 ? remaining : p.isr;
  const ok = (id: number) => id !== leaving && isLive(image, id);
  if (p.leader >= 0 && isr.includes(p.leader) && ok(p.leader))
    return { leader: p.leader, isr, unclean: false };
  const clean = p.replicas.find((id) => isr.includes(id) && ok(id));
  if (clean !== undefined) return { leader: clean, isr, unclean: false };
  if (unclean) {
    const any = p.replicas.find(ok);
    if (any !== undefined) return { leader: any, isr: [any], unclean: true };
  }
  return { leader: -1, isr, unclean: false };
}

/** The record that carries an election out, or null when nothing changes. */
export function electionRecord(
  topic: TopicImage,
  index: number,
  p: PartitionRegistration,
  e: Election,
): MetadataRecord | null {
  const isrChanged = e.isr.length !== p.isr.length || e.isr.some((id, i) => p.isr[i] !== id);
  if (e.leader === p.leader && !isrChanged) return null;
  return partitionChange(topic.id, index, {
    ...(e.leader !== p.leader ? { leader: e.leader } : {}),
    ...(isrChanged ? { isr: e.isr } : {}),
  });
}

/**
 * The changes that take a broker (fenced, or shutting down) out of every ISR it is in and move each
 * partition it led to the next live ISR member in replica order (or, where the topic allows it and no ISR
 * member is live, an unclean leader). Every leader change bumps the leader epoch (the image's rule).
 */
export function leaveLeadership(image: MetadataImage, brokerId: number): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topics.values()) {
    const unclean = uncleanAllowed(image, topic.name);
    for (const [index, p] of topic.partitions) {
      if (!p.isr.includes(brokerId) && p.leader !== brokerId) continue;
      const r = electionRecord(topic, index, p, electLeader(image, p, brokerId, unclean));
      if (r !== null) records.push(r);
    }
  }
  return records;
}

/**
 * Elections for partitions without a leader that now have a candidate (a broker came back, or a topic
 * allowed unclean elections): a live ISR member, or a live replica where the topic allows it.
 */
export function electLeaderless(image: MetadataImage): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topics.values()) {
    const unclean = uncleanAllowed(image, topic.name);
    for (const [index, p] of topic.partitions) {
      if (p.leader >= 0) continue;
      const r = electionRecord(topic, index, p, electLeader(image, p, -1, unclean));
      if (r !== null) records.push(r);
    }
  }
  return records;
}

/**
 * Automatic leader rebalancing: every partition whose preferred (first) replica is live and in the ISR but
 * does not lead gets it back as leader, at most `limit` of them per pass (the rest in the next one).
 */
export function balanceLeaders(image: MetadataImage, limit = MAX_ELECTIONS_PER_BALANCE): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topics.values()) {
    for (const [index, p] of topic.partitions) {
      if (records.length >= limit) return records;
      const preferred = p.replicas[0]!;
      if (p.leader !== preferred && p.isr.includes(preferred) && isLive(image, preferred)) {
        records.push(partitionChange(topic.id, index, { leader: preferred }));
      }
    }
  }
  return records;
}

export interface ElectionOutcome {
  topic: string;
  partition: number;
  errorCode: number;
  message: string | null;
}

/**
 * ElectLeaders: PREFERRED moves leadership to the first replica when it is live and in the ISR
 * (ELECTION_NOT_NEEDED when it leads already, PREFERRED_LEADER_NOT_AVAILABLE when it cannot); UNCLEAN
 * elects a leader for a leaderless partition, a live ISR member first, else any live replica whatever
 * the topic config says (ELECTION_NOT_NEEDED when it has a leader, ELIGIBLE_LEADERS_NOT_AVAILABLE when no
 * replica is live). `partitions` null: every partition, and those needing no election are left out of the
 * outcomes (Kafka's rule). Unknown topics and partitions: UNKNOWN_TOPIC_OR_PARTITION.
 */
export function electLeaders(
  image: MetadataImage,
  type: number,
  partitions: readonly { topic: string; partition: number }[] | null,
): { records: MetadataRecord[]; outcomes: ElectionOutcome[] } | { errorCode: number; message: string } {
  if (type !== ElectionType.PREFERRED && type !== ElectionType.UNCLEAN) {
    return { errorCode: ErrorCode.INVALID_REQUEST, message: `unknown election type ${type}` };
  }
  const records: MetadataRecord[] = [];
  const outcomes: ElectionOutcome[] = [];
  const asked =
    partitions ??
    [...image.topics.values()].flatMap((t) =>
      [...t.partitions.keys()].map((partition) => ({ topic: t.name, partition })),
    );
  const seen = new Set<string>();
  for (const { topic: name, partition } of asked) {
    const out = (errorCode: number, message: string | null) => {
      if (partitions === null && errorCode === ErrorCode.ELECTION_NOT_NEEDED) return;
      outcomes.push({ topic: name, partition, errorCode, message });
    };
    const key = `${name}\u0000${partition}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const topic = image.topics.get(name);
    const p = topic?.partitions.get(partition);
    if (topic === undefined || p === undefined) {
      out(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown partition ${name}-${partition}`);
      continue;
    }
    if (type === ElectionType.PREFERRED) {
      const preferred = p.replicas[0]!;
      if (p.leader === preferred) out(ErrorCode.ELECTION_NOT_NEEDED, null);
      else if (!p.isr.includes(preferred) || !isLive(image, preferred)) {
        out(
          ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE,
          `preferred leader ${preferred} is ${p.isr.includes(preferred) ? 'not live' : 'not in the ISR'}`,
        );
      } else {
        records.push(partitionChange(topic.id, partition, { leader: preferred }));
        out(ErrorCode.NONE, null);
      }
      continue;
    }
    if (p.leader >= 0) {
      out(ErrorCode.ELECTION_NOT_NEEDED, null);
      continue;
    }
    const r = electionRecord(topic, partition, p, electLeader(image, p, -1, true));
    if (r === null) {
      out(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, `no replica of ${name}-${partition} is live`);
    } else {
      records.push(r);
      out(ErrorCode.NONE, null);
    }
  }
  return { records, outcomes };
}
