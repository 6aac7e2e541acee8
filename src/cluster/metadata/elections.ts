// Leader elections and ISR changes, as pure decisions over the image (Kafka's PartitionChangeBuilder rules,
// KRaft side, with KIP-966's eligible leader replicas). Leadership moves to a live ISR member (a clean
// election); with none, to a live eligible leader replica (ELR); with neither, to a live member of the last
// known ELR (every candidate restarted uncleanly); and only where the topic allows it, or ElectLeaders asks
// UNCLEAN, to any live replica. A live broker is registered, unfenced and not in controlled shutdown. With
// the unclean recovery manager (KIP-966 part 2, unclean-recovery.ts) a partition whose ISR and ELR are both
// empty is left leaderless here: the manager asks its replicas for their logs and elects the longest.
//
// The ELR (KIP-966): while the ISR is smaller than min.insync.replicas, the leader's high watermark does not
// move (PartitionState.highWatermarkBound), so a replica that leaves the ISR then still holds every
// committed record and stays eligible to lead, fenced or not. Once the ISR is back at min.insync.replicas
// the ELR empties. A fenced last ISR member keeps the ISR (leaderless), so only it can lead again, unless
// it restarts after an unclean shutdown (it may have lost unflushed records to a power loss): then it
// leaves the ISR and the ELR even as their last member, and an ELR member leads instead.
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

/**
 * The cluster-wide default of a topic config (Kafka's dynamic default broker config: the BROKER resource
 * with the empty name, set through IncrementalAlterConfigs or AlterConfigs), or undefined.
 */
export const CLUSTER_DEFAULT_RESOURCE = '';

/** A topic's config as the controller and every broker resolve it: the topic's own, else the cluster's. */
export function topicConfig(image: MetadataImage, topic: string, key: string): string | undefined {
  return (
    image.configsOf(ConfigResourceType.Topic, topic).get(key) ??
    image.configsOf(ConfigResourceType.Broker, CLUSTER_DEFAULT_RESOURCE).get(key)
  );
}

export function uncleanAllowed(image: MetadataImage, topic: string): boolean {
  return topicConfig(image, topic, UNCLEAN_LEADER_ELECTION_CONFIG) === 'true';
}

export const MIN_INSYNC_REPLICAS_CONFIG = 'min.insync.replicas';

/** A min.insync.replicas config value as a count (1 when not set). */
export function minInsyncOf(value: string | undefined): number {
  const v = Number(value ?? 1);
  return Number.isInteger(v) && v >= 1 ? v : 1;
}

/** The topic's min.insync.replicas (its own, else the cluster default, else 1). */
export function minInsyncReplicas(image: MetadataImage, topic: string): number {
  return minInsyncOf(topicConfig(image, topic, MIN_INSYNC_REPLICAS_CONFIG));
}

/** What an election over one partition needs to know of the cluster and the topic. */
export interface ElectionRules {
  /** The broker may lead or join the ISR now. */
  live(id: number): boolean;
  /** The topic's min.insync.replicas (capped at the replica count: a larger one would freeze the partition). */
  minInsync: number;
  /** The topic allows unclean elections (or ElectLeaders asked for one). */
  uncleanAllowed: boolean;
  /**
   * The unclean recovery manager elects where the ISR and the ELR are both empty (by longest log), so the
   * last known ELR is not elected here (unclean elections, when allowed, still are).
   */
  uncleanRecovery?: boolean;
}

export function electionRules(
  image: MetadataImage,
  topic: string,
  unclean?: boolean,
  uncleanRecovery = false,
): ElectionRules {
  return {
    live: (id) => isLive(image, id),
    minInsync: minInsyncReplicas(image, topic),
    uncleanAllowed: unclean ?? uncleanAllowed(image, topic),
    uncleanRecovery,
  };
}

/** What changed for the partition. Several may hold at once; none: elect where a leader is missing. */
export interface PartitionEvent {
  /** A broker fenced or shutting down: it stops leading and leaves the ISR unless it is the last member. */
  leaving?: number;
  /**
   * A broker registered after an unclean shutdown (its log may have lost an unflushed suffix): it stops
   * leading and leaves the ISR and the ELR, even as the last member of either.
   */
  unclean?: number;
  /** The ISR the leader asks for (AlterPartition). */
  isr?: readonly number[];
}

/** A partition's leader, ISR and ELR after an event. */
export interface PartitionTarget {
  leader: number;
  isr: readonly number[];
  elr: readonly number[];
  lastKnownElr: readonly number[];
  /** The leader came from neither the ISR nor the (last known) ELR. */
  unclean: boolean;
}

/**
 * The partition after `event`: who leads (the current leader while it stays live and in the ISR, else the
 * first candidate in replica order: a live ISR member, a live ELR member, a live member of the last known
 * ELR when the ISR and the ELR are both empty, any live replica when unclean elections are allowed, else
 * nobody) and the ISR and ELR that go with it. A leader from the ELR or the last known ELR is the whole new
 * ISR; the ISR members it replaces, being as complete as it, join the ELR.
 */
export function nextPartition(
  p: PartitionRegistration,
  rules: ElectionRules,
  event: PartitionEvent = {},
): PartitionTarget {
  const dropped = event.unclean ?? -1;
  const leaving = event.leaving ?? dropped;
  let isr = (event.isr ?? p.isr).filter((id) => id !== dropped);
  if (leaving >= 0) {
    const rest = isr.filter((id) => id !== leaving);
    if (rest.length > 0) isr = rest;
  }
  const candidate = (id: number) => id !== leaving && id !== dropped && rules.live(id);
  const elrBefore = p.eligibleLeaderReplicas.filter((id) => id !== dropped && !isr.includes(id));
  let leader = -1;
  let unclean = false;
  if (p.leader >= 0 && isr.includes(p.leader) && candidate(p.leader)) leader = p.leader;
  else {
    leader = p.replicas.find((id) => isr.includes(id) && candidate(id)) ?? -1;
    if (leader < 0) {
      // A partition with one replica has no longer log to look for: it leads again as soon as it is back
      // (a lone broker's partitions after a crash, elected with its registration, within the metadata log's
      // reserve on a full disk), not a recovery round later.
      const recovering = rules.uncleanRecovery === true && !rules.uncleanAllowed && p.replicas.length > 1;
      const lastKnown =
        isr.length === 0 && elrBefore.length === 0 && !recovering
          ? lastKnownOf(p)
          : ([] as readonly number[]);
      const eligible =
        p.replicas.find((id) => elrBefore.includes(id) && candidate(id)) ??
        p.replicas.find((id) => lastKnown.includes(id) && candidate(id));
      if (eligible !== undefined) {
        leader = eligible;
        isr = [eligible];
      } else if (rules.uncleanAllowed) {
        const any = p.replicas.find(candidate);
        if (any !== undefined) {
          leader = any;
          isr = [any];
          unclean = true;
        }
      }
    }
  }
  if (unclean) return { leader, isr, elr: [], lastKnownElr: [], unclean };
  const minInsync = Math.min(rules.minInsync, p.replicas.length);
  // Under min.insync.replicas the high watermark stands still: whoever leaves the ISR now keeps all of it.
  const elr =
    isr.length >= minInsync
      ? []
      : p.replicas.filter(
          (id) => !isr.includes(id) && id !== dropped && (elrBefore.includes(id) || p.isr.includes(id)),
        );
  const lastKnownElr = isr.length === 0 && elr.length === 0 ? lastKnownOf(p) : [];
  return { leader, isr, elr, lastKnownElr, unclean };
}

/** Who held the committed records last: the ISR and ELR members, or the last known ELR if both are empty. */
function lastKnownOf(p: PartitionRegistration): readonly number[] {
  return p.replicas.filter(
    (id) => p.isr.includes(id) || p.eligibleLeaderReplicas.includes(id) || p.lastKnownElr.includes(id),
  );
}

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, i) => b[i] === id);

/**
 * A PartitionChangeRecord; absent fields are left as they are (the image bumps the partition epoch). A
 * record that changes the ELR is version 2 (KIP-966's fields).
 */
export function partitionChange(
  topicId: string,
  partitionId: number,
  fields: {
    leader?: number;
    isr?: readonly number[];
    elr?: readonly number[];
    lastKnownElr?: readonly number[];
  },
): MetadataRecord {
  const elrFields = fields.elr !== undefined || fields.lastKnownElr !== undefined;
  return {
    type: T.PartitionChangeRecord,
    version: elrFields ? 2 : 0,
    record: createPartitionChangeRecord({
      partitionId,
      topicId,
      ...(fields.leader !== undefined ? { leader: fields.leader } : {}),
      ...(fields.isr !== undefined ? { isr: [...fields.isr] } : {}),
      ...(fields.elr !== undefined ? { eligibleLeaderReplicas: [...fields.elr] } : {}),
      ...(fields.lastKnownElr !== undefined ? { lastKnownElr: [...fields.lastKnownElr] } : {}),
    }),
  };
}

/** The record that carries `target` out, or null when nothing changes. */
export function changeRecord(
  topic: TopicImage,
  index: number,
  p: PartitionRegistration,
  target: PartitionTarget,
): MetadataRecord | null {
  const fields = {
    ...(target.leader !== p.leader ? { leader: target.leader } : {}),
    ...(!sameIds(target.isr, p.isr) ? { isr: target.isr } : {}),
    ...(!sameIds(target.elr, p.eligibleLeaderReplicas) ? { elr: target.elr } : {}),
    ...(!sameIds(target.lastKnownElr, p.lastKnownElr) ? { lastKnownElr: target.lastKnownElr } : {}),
  };
  return Object.keys(fields).length === 0 ? null : partitionChange(topic.id, index, fields);
}

/**
 * The changes that take a broker (fenced, or shutting down) out of every ISR it is in and move each
 * partition it led to the next candidate (see nextPartition). With `unclean` the broker registered again
 * after an unclean shutdown: it also leaves the ELR, and the ISR even as its last member. Every leader
 * change bumps the leader epoch (the image's rule).
 */
export function leaveLeadership(
  image: MetadataImage,
  brokerId: number,
  unclean = false,
  uncleanRecovery = false,
): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  const event: PartitionEvent = unclean ? { unclean: brokerId } : { leaving: brokerId };
  for (const topic of image.topics.values()) {
    const rules = electionRules(image, topic.name, undefined, uncleanRecovery);
    for (const [index, p] of topic.partitions) {
      const involved =
        p.leader === brokerId ||
        p.isr.includes(brokerId) ||
        (unclean && p.eligibleLeaderReplicas.includes(brokerId));
      if (!involved) continue;
      const r = changeRecord(topic, index, p, nextPartition(p, rules, event));
      if (r !== null) records.push(r);
    }
  }
  return records;
}

/**
 * Elections for partitions without a leader that now have a candidate (a broker came back, or a topic
 * allowed unclean elections): see nextPartition. `uncleanRecovery`: those whose ISR and ELR are empty are
 * the unclean recovery manager's.
 */
export function electLeaderless(image: MetadataImage, uncleanRecovery = false): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topics.values()) {
    const rules = electionRules(image, topic.name, undefined, uncleanRecovery);
    for (const [index, p] of topic.partitions) {
      if (p.leader >= 0) continue;
      const r = changeRecord(topic, index, p, nextPartition(p, rules));
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
    const target = nextPartition(p, electionRules(image, topic.name, true));
    const r = target.leader < 0 ? null : changeRecord(topic, partition, p, target);
    if (r === null) {
      out(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, `no replica of ${name}-${partition} is live`);
    } else {
      records.push(r);
      out(ErrorCode.NONE, null);
    }
  }
  return { records, outcomes };
}
