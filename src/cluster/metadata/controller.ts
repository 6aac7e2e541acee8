// The active controller's decisions, as pure functions from the current image (and a request) to the
// metadata records that carry them out: register and fence brokers, place replicas and leaders, move
// leadership off fenced brokers (elections.ts), create, grow and delete topics, change topic configs, hand
// out producer id blocks. ISR changes asked by leaders are in alter-partition.ts. The controller proposes
// the records to the quorum; every broker applies them once committed. Nothing here decides anything
// locally that the records do not say (KRaft's rule).
import { randomBytes } from 'node:crypto';
import { type BrokerConfig, defaultConfig } from '../../config.js';
import { ErrorCode } from '../../protocol/errors.js';
import {
  createPartitionRecord,
  createRegisterBrokerRecord,
} from '../../protocol/generated/metadata/index.js';
import { topicNameProblem } from '../../protocol/topic-name.js';
import { uuidFromBytes, uuidToBytes } from '../../protocol/uuid.js';
import { brokerConfigsProblem, brokerResourceProblem } from '../broker-configs.js';
import { type ChangeResult, topicConfigsProblem } from '../topic-configs.js';
import {
  CLUSTER_DEFAULT_RESOURCE,
  electLeaderless,
  isLive,
  leaveLeadership,
  UNCLEAN_LEADER_ELECTION_CONFIG,
} from './elections.js';
import { type BrokerEndpoint, ConfigResourceType, type MetadataImage } from './image.js';
import { targetReplicas } from './reassignment.js';
import { type MetadataRecord, MetadataRecordType as T } from './records.js';

export type ControllerResult =
  | { ok: true; errorCode: 0; records: MetadataRecord[] }
  | { ok: false; errorCode: number; message: string };

const ok = (records: MetadataRecord[]): ControllerResult => ({
  ok: true,
  errorCode: ErrorCode.NONE,
  records,
});
const fail = (errorCode: number, message: string): ControllerResult => ({ ok: false, errorCode, message });

/** Size of a producer id block (Kafka's ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE). */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

/** What topic requests are checked against. */
export interface TopicRules {
  /** The settings a topic config falls back to (its values must make a valid log over them). */
  brokerConfig: BrokerConfig;
  /** More partitions in one topic are refused with INVALID_PARTITIONS. */
  maxPartitionsPerTopic: number;
  /**
   * default.replication.factor: what a replication factor of -1 means; AUTO_REPLICATION_FACTOR is
   * min(3, live brokers) at the time the topic is created.
   */
  defaultReplicationFactor: number;
}

/** A default replication factor of min(MAX_AUTO_REPLICATION_FACTOR, live brokers). */
export const AUTO_REPLICATION_FACTOR = -1;
export const MAX_AUTO_REPLICATION_FACTOR = 3;

export const DEFAULT_TOPIC_RULES: Readonly<TopicRules> = Object.freeze({
  brokerConfig: defaultConfig(),
  maxPartitionsPerTopic: 10_000,
  defaultReplicationFactor: AUTO_REPLICATION_FACTOR,
});

/** The replication factor a request for `asked` (-1: the default) gets now. */
export function resolveReplicationFactor(image: MetadataImage, asked: number, rules: TopicRules): number {
  const rf = asked === -1 ? rules.defaultReplicationFactor : asked;
  if (rf !== AUTO_REPLICATION_FACTOR) return rf;
  const live = [...image.brokers.keys()].filter((id) => isLive(image, id)).length;
  return Math.max(1, Math.min(MAX_AUTO_REPLICATION_FACTOR, live));
}

export interface BrokerRegistrationRequest {
  brokerId: number;
  incarnationId: string;
  endpoints: BrokerEndpoint[];
  rack: string | null;
  /**
   * The broker epoch this broker last ran under if it stopped cleanly since (or crashed without losing its
   * page cache); -1 otherwise: its logs may have lost an unflushed suffix (KIP-966).
   */
  previousBrokerEpoch: number;
}

/**
 * Registers a broker (or re-registers a restarted one). Its epoch is the offset its record will have,
 * `nextOffset`; it starts fenced until it has caught up with the metadata log. A live registration with
 * another incarnation id is refused (two processes claiming one id). A broker that registers again while
 * unfenced (it lost its epoch) is fenced by its new record, so its leaderships move as on fencing. A broker
 * whose previous epoch is not the one registered (an unclean shutdown) also leaves every ISR and ELR, as
 * their last member too, so a replica that may have lost acknowledged records cannot be elected on them.
 */
export function registerBroker(
  image: MetadataImage,
  req: BrokerRegistrationRequest,
  nextOffset: number,
  allowReplacingLive = false,
  uncleanRecovery = false,
): ControllerResult {
  if (uuidToBytes(req.incarnationId) === null) {
    return fail(ErrorCode.INVALID_REQUEST, `incarnation id ${req.incarnationId} is not a uuid`);
  }
  if (!Number.isInteger(req.brokerId) || req.brokerId < 0) {
    return fail(ErrorCode.INVALID_REQUEST, `broker id ${req.brokerId} is not a non-negative integer`);
  }
  const existing = image.brokers.get(req.brokerId);
  if (
    existing !== undefined &&
    !existing.fenced &&
    existing.incarnationId !== req.incarnationId &&
    !allowReplacingLive
  ) {
    return fail(ErrorCode.DUPLICATE_BROKER_REGISTRATION, `broker ${req.brokerId} is registered and live`);
  }
  // The RegisterBrokerRecord goes first: its offset is the epoch. The partition changes are decided on the
  // image after it, where this broker is fenced.
  const register: MetadataRecord = {
    type: T.RegisterBrokerRecord,
    version: 3,
    record: createRegisterBrokerRecord({
      brokerId: req.brokerId,
      incarnationId: req.incarnationId,
      brokerEpoch: nextOffset,
      endPoints: req.endpoints.map((e) => ({ ...e })),
      rack: req.rack,
      fenced: true,
    }),
  };
  if (existing === undefined) return ok([register]);
  const unclean = req.previousBrokerEpoch !== existing.epoch;
  if (!unclean && existing.fenced) return ok([register]);
  const after = image.apply([register], nextOffset);
  return ok([register, ...leaveLeadership(after, req.brokerId, unclean, uncleanRecovery)]);
}

/**
 * Lets a caught-up broker take leadership and serve. Leaderless partitions it can lead get it (it is their
 * last ISR member, or a live replica of a topic that allows unclean elections): see electLeaderless.
 * `uncleanRecovery`: partitions with an empty ISR and ELR are left to the unclean recovery manager.
 */
export function unfenceBroker(
  image: MetadataImage,
  brokerId: number,
  brokerEpoch: number,
  uncleanRecovery = false,
): ControllerResult {
  const b = image.brokers.get(brokerId);
  if (b === undefined)
    return fail(ErrorCode.BROKER_ID_NOT_REGISTERED, `broker ${brokerId} is not registered`);
  if (b.epoch !== brokerEpoch)
    return fail(ErrorCode.STALE_BROKER_EPOCH, `broker ${brokerId} epoch ${b.epoch}`);
  if (!b.fenced) return ok([]);
  const unfence: MetadataRecord = {
    type: T.UnfenceBrokerRecord,
    version: 0,
    record: { id: brokerId, epoch: brokerEpoch },
  };
  // Decided on the image as it will be once the broker is unfenced (only the decision sees this image).
  return ok([unfence, ...electLeaderless(image.apply([unfence], image.offset + 1), uncleanRecovery)]);
}

/**
 * Fences a broker (it missed its session, asked to shut down, or gossip declared it dead): leadership moves
 * to the next live ISR member, and it leaves the ISR of every partition where another member remains. Where
 * it was the last ISR member the partition is left leaderless with its ISR as is, so only it (holding every
 * committed record) can lead again, unless the topic allows unclean elections (see elections.ts).
 */
export function fenceBroker(
  image: MetadataImage,
  brokerId: number,
  uncleanRecovery = false,
): ControllerResult {
  const b = image.brokers.get(brokerId);
  if (b === undefined)
    return fail(ErrorCode.BROKER_ID_NOT_REGISTERED, `broker ${brokerId} is not registered`);
  const records: MetadataRecord[] = [];
  if (!b.fenced)
    records.push({ type: T.FenceBrokerRecord, version: 0, record: { id: brokerId, epoch: b.epoch } });
  records.push(...leaveLeadership(image, brokerId, false, uncleanRecovery));
  return ok(records);
}

/** Partitions led per broker now. */
export function countLeaders(image: MetadataImage): Map<number, number> {
  const counts = new Map<number, number>();
  for (const topic of image.topics.values()) {
    for (const p of topic.partitions.values())
      if (p.leader >= 0) counts.set(p.leader, (counts.get(p.leader) ?? 0) + 1);
  }
  return counts;
}

export interface CreateTopicRequest {
  name: string;
  /** Ignored when `assignments` are given. */
  partitions: number;
  /** -1: the default (TopicRules.defaultReplicationFactor). Ignored when `assignments` are given. */
  replicationFactor: number;
  configs?: Record<string, string>;
  /** Manual placement: the replicas of partition i, preferred leader first. */
  assignments?: readonly (readonly number[])[];
  /** Fixed topic id (tests); random otherwise. */
  topicId?: string;
}

/**
 * Creates a topic with replicas placed over the live brokers (see placeReplicas), or as `assignments` say.
 * Errors: INVALID_TOPIC_EXCEPTION (name), TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS (count outside
 * [1, maxPartitionsPerTopic]), INVALID_REPLICATION_FACTOR, INVALID_REPLICA_ASSIGNMENT, INVALID_CONFIG.
 */
export function createTopic(
  image: MetadataImage,
  req: CreateTopicRequest,
  rules: TopicRules = DEFAULT_TOPIC_RULES,
): ControllerResult {
  const nameProblem = topicNameProblem(req.name);
  if (nameProblem !== null) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, nameProblem);
  if (image.topics.has(req.name))
    return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${req.name}' already exists`);
  const count = req.assignments?.length ?? req.partitions;
  const countProblem = partitionCountProblem(count, rules);
  if (countProblem !== null) return countProblem;
  const configProblem = topicConfigsProblem(rules.brokerConfig, req.configs ?? {});
  if (configProblem !== null) return fromChange(configProblem);
  const placement =
    req.assignments !== undefined
      ? checkAssignments(image, req.assignments, null)
      : placeReplicas(
          image,
          count,
          resolveReplicationFactor(image, req.replicationFactor, rules),
          countReplicas(image),
        );
  if (typeof placement === 'string') {
    const code =
      req.assignments !== undefined
        ? ErrorCode.INVALID_REPLICA_ASSIGNMENT
        : ErrorCode.INVALID_REPLICATION_FACTOR;
    return fail(code, placement);
  }
  const topicId = req.topicId ?? uuidFromBytes(randomBytes(16));
  const records: MetadataRecord[] = [
    { type: T.TopicRecord, version: 0, record: { name: req.name, topicId } },
  ];
  records.push(...configChanges(ConfigResourceType.Topic, req.name, {}, req.configs ?? {}));
  for (const [index, replicas] of placement.entries())
    records.push(newPartition(image, topicId, index, replicas));
  return ok(records);
}

/**
 * Grows a topic to `total` partitions, placed like new ones with the topic's replication factor, or as
 * `assignments` (one per new partition) say.
 */
export function createPartitions(
  image: MetadataImage,
  name: string,
  total: number,
  assignments: readonly (readonly number[])[] | null = null,
  rules: TopicRules = DEFAULT_TOPIC_RULES,
): ControllerResult {
  const topic = image.topics.get(name);
  if (topic === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
  const have = topic.partitions.size;
  if (!Number.isInteger(total) || total <= have) {
    return fail(
      ErrorCode.INVALID_PARTITIONS,
      `topic '${name}' has ${have} partitions; the new count must be larger`,
    );
  }
  const countProblem = partitionCountProblem(total, rules);
  if (countProblem !== null) return countProblem;
  // A partition being reassigned lists the union of its old and new replicas: its target counts.
  const first = topic.partitions.get(0);
  const rf = first === undefined ? 1 : targetReplicas(first).length;
  let placement: number[][] | string;
  if (assignments !== null) {
    placement =
      assignments.length !== total - have
        ? `${assignments.length} assignments for ${total - have} new partitions`
        : checkAssignments(image, assignments, rf);
    if (typeof placement === 'string') return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, placement);
  } else {
    placement = placeReplicas(image, total - have, rf, countReplicas(image));
    if (typeof placement === 'string') return fail(ErrorCode.INVALID_REPLICATION_FACTOR, placement);
  }
  return ok(placement.map((replicas, i) => newPartition(image, topic.id, have + i, replicas)));
}

/**
 * Replaces a topic's explicit configs with `compute(current)`: ConfigRecords for the values that change (a
 * null value removes one). Errors: UNKNOWN_TOPIC_OR_PARTITION, what `compute` answers (see applyChanges),
 * INVALID_CONFIG for a name or value the topic cannot hold.
 */
export function alterTopicConfigs(
  image: MetadataImage,
  name: string,
  compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
  rules: TopicRules = DEFAULT_TOPIC_RULES,
): ControllerResult {
  if (!image.topics.has(name)) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
  const current = Object.fromEntries(image.configsOf(ConfigResourceType.Topic, name));
  const next = compute(current);
  if ('errorCode' in next && typeof next.errorCode === 'number') return fromChange(next as ChangeResult);
  const wanted = next as Record<string, string>;
  const problem = topicConfigsProblem(rules.brokerConfig, wanted);
  if (problem !== null) return fromChange(problem);
  const records = configChanges(ConfigResourceType.Topic, name, current, wanted);
  // Allowing unclean elections acts at once: leaderless partitions with a live replica get a leader.
  if (uncleanAllowedIn(wanted) && !uncleanAllowedIn(current)) {
    const topicId = image.topics.get(name)!.id;
    const after = image.apply(records, image.offset + records.length);
    for (const r of electLeaderless(after)) {
      if ((r.record as { topicId: string }).topicId === topicId) records.push(r);
    }
  }
  return ok(records);
}

/**
 * Changes the dynamic configs of one broker (BROKER resource "N") or the cluster-wide defaults ('', Kafka's
 * `--entity-default`) to `compute(current)`, checked by brokerConfigsProblem (broker-configs.ts). Every
 * broker applies them as they commit; allowing unclean elections cluster-wide elects where it can.
 */
export function alterBrokerConfigs(
  image: MetadataImage,
  name: string,
  compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
  rules: TopicRules = DEFAULT_TOPIC_RULES,
): ControllerResult {
  const bad = brokerResourceProblem(name);
  if (bad !== null) return fromChange(bad);
  const current = Object.fromEntries(image.configsOf(ConfigResourceType.Broker, name));
  const next = compute(current);
  if ('errorCode' in next && typeof next.errorCode === 'number') return fromChange(next as ChangeResult);
  const wanted = next as Record<string, string>;
  const problem = brokerConfigsProblem(rules.brokerConfig, name, wanted);
  if (problem !== null) return fromChange(problem);
  const records = configChanges(ConfigResourceType.Broker, name, current, wanted);
  if (name === CLUSTER_DEFAULT_RESOURCE && uncleanAllowedIn(wanted) && !uncleanAllowedIn(current))
    records.push(...electLeaderless(image.apply(records, image.offset + records.length)));
  return ok(records);
}

/** ConfigRecords that turn `current` into `wanted` (a null value deletes). */
function configChanges(
  resourceType: number,
  resourceName: string,
  current: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  const record = (name: string, value: string | null): MetadataRecord => ({
    type: T.ConfigRecord,
    version: 0,
    record: { resourceType, resourceName, name, value },
  });
  for (const key of Object.keys(current)) if (!(key in wanted)) records.push(record(key, null));
  for (const [key, value] of Object.entries(wanted))
    if (current[key] !== value) records.push(record(key, value));
  return records;
}

const uncleanAllowedIn = (configs: Readonly<Record<string, string>>) =>
  configs[UNCLEAN_LEADER_ELECTION_CONFIG] === 'true';

function partitionCountProblem(count: number, rules: TopicRules): ControllerResult | null {
  if (Number.isInteger(count) && count >= 1 && count <= rules.maxPartitionsPerTopic) return null;
  return fail(
    ErrorCode.INVALID_PARTITIONS,
    `number of partitions must be in [1, ${rules.maxPartitionsPerTopic}], not ${count}`,
  );
}

function fromChange(c: ChangeResult): ControllerResult {
  return fail(c.errorCode, c.errorMessage ?? 'invalid config');
}

/**
 * Manual assignments as Kafka checks them: registered brokers, no repeats, one replication factor (`rf`
 * when the topic has one already), and at least one unfenced replica per partition. Returns the
 * placement or why not.
 */
function checkAssignments(
  image: MetadataImage,
  assignments: readonly (readonly number[])[],
  rf: number | null,
): number[][] | string {
  const want = rf ?? assignments[0]?.length ?? 0;
  const out: number[][] = [];
  for (const [i, replicas] of assignments.entries()) {
    if (replicas.length === 0) return `assignment ${i} names no broker`;
    if (replicas.length !== want) return `assignment ${i} has ${replicas.length} replicas, not ${want}`;
    if (new Set(replicas).size !== replicas.length) return `assignment ${i} names a broker twice`;
    for (const id of replicas) {
      if (!image.brokers.has(id)) return `assignment ${i} names broker ${id}, which is not registered`;
    }
    if (!replicas.some((id) => image.brokers.get(id)?.fenced === false)) {
      return `every broker of assignment ${i} is fenced`;
    }
    out.push([...replicas]);
  }
  return out;
}

/** A new partition: its ISR is its unfenced replicas, its leader the first of them. */
function newPartition(
  image: MetadataImage,
  topicId: string,
  index: number,
  replicas: number[],
): MetadataRecord {
  const isr = replicas.filter((id) => image.brokers.get(id)?.fenced === false);
  return {
    type: T.PartitionRecord,
    version: 0,
    record: createPartitionRecord({
      partitionId: index,
      topicId,
      replicas,
      isr,
      leader: isr[0] ?? -1,
      leaderEpoch: 0,
      partitionEpoch: 0,
    }),
  };
}

export function deleteTopic(image: MetadataImage, name: string): ControllerResult {
  const topic = image.topics.get(name);
  if (topic === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
  return ok([{ type: T.RemoveTopicRecord, version: 0, record: { topicId: topic.id } }]);
}

/** A block of PRODUCER_ID_BLOCK_SIZE ids for a broker: ids stay unique cluster-wide. */
export function allocateProducerIds(
  image: MetadataImage,
  brokerId: number,
  brokerEpoch: number,
): ControllerResult & { firstProducerId?: number } {
  const b = image.brokers.get(brokerId);
  if (b === undefined)
    return fail(ErrorCode.BROKER_ID_NOT_REGISTERED, `broker ${brokerId} is not registered`);
  if (b.epoch !== brokerEpoch)
    return fail(ErrorCode.STALE_BROKER_EPOCH, `broker ${brokerId} epoch ${b.epoch}`);
  const first = image.nextProducerId;
  return {
    ...ok([
      {
        type: T.ProducerIdsRecord,
        version: 0,
        record: { brokerId, brokerEpoch, nextProducerId: first + PRODUCER_ID_BLOCK_SIZE },
      },
    ]),
    firstProducerId: first,
  };
}

/** Replicas hosted per broker now: new replicas go where there are fewest. */
export function countReplicas(image: MetadataImage): Map<number, number> {
  const counts = new Map<number, number>();
  for (const topic of image.topics.values()) {
    for (const p of topic.partitions.values())
      for (const id of p.replicas) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Places `count` partitions of `rf` replicas over the unfenced brokers: each partition's replicas on distinct
 * brokers and, when racks are set, on distinct racks while unused racks remain; leaders (first replicas) and
 * replicas spread evenly, starting from the least loaded brokers. Returns an explanation when it cannot be done.
 */
export function placeReplicas(
  image: MetadataImage,
  count: number,
  rf: number,
  load: Map<number, number>,
): number[][] | string {
  const live = [...image.brokers.values()].filter((b) => !b.fenced && !b.inControlledShutdown);
  if (!Number.isInteger(rf) || rf < 1) return `replication factor must be at least 1`;
  if (rf > live.length) {
    return `replication factor ${rf} is larger than the ${live.length} available brokers`;
  }
  // Rack-alternated order (Kafka's): one broker of each rack in turn, least loaded first within a rack.
  const byLoad = (a: { id: number }, b: { id: number }) =>
    (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id;
  const racks = new Map<string, number[]>();
  for (const b of [...live].sort(byLoad)) {
    const key = b.rack ?? '';
    racks.set(key, [...(racks.get(key) ?? []), b.id]);
  }
  const order: number[] = [];
  const lists = [...racks.values()];
  for (let i = 0; order.length < live.length; i++) {
    for (const list of lists) if (i < list.length) order.push(list[i]!);
  }
  const n = order.length;
  const rackOf = new Map(live.map((b) => [b.id, b.rack]));
  const out: number[][] = [];
  for (let p = 0; p < count; p++) {
    const first = p % n;
    // Past each full round the followers shift, so pairs of brokers do not always share partitions.
    const shift = Math.floor(p / n) % Math.max(1, n - 1);
    const candidates: number[] = [];
    for (let k = 0; k < n - 1; k++) candidates.push(order[(first + 1 + ((shift + k) % (n - 1))) % n]!);
    const replicas = [order[first]!];
    // Followers on racks not used yet first (Kafka's rack-aware rule), then whoever comes next.
    const usedRacks = new Set([rackOf.get(order[first]!)]);
    for (const id of candidates) {
      if (replicas.length >= rf) break;
      if (!usedRacks.has(rackOf.get(id))) {
        replicas.push(id);
        usedRacks.add(rackOf.get(id));
      }
    }
    for (const id of candidates) {
      if (replicas.length >= rf) break;
      if (!replicas.includes(id)) replicas.push(id);
    }
    out.push(replicas);
  }
  return out;
}
