// Partition reassignment (KIP-455) and broker unregistration, the controller's decisions. A reassignment
// lives in the partition's registration only (so in the metadata log, and it survives a controller
// failover): while it runs, `replicas` is the target followed by the original replicas that leave,
// `addingReplicas` the target's newcomers and `removingReplicas` the leavers. It goes:
//   1. start (AlterPartitionReassignments): replicas become that union; ISR and leader stay. The newcomers
//      are followers from now on and fetch the log from the leader (broker side: replica-manager.ts).
//   2. catch up: the leader takes each newcomer into the ISR through AlterPartition, as any follower.
//   3. complete, in the same record as the ISR change that puts the last target replica in the ISR:
//      replicas become the target, the leavers leave the ISR, a leader that leaves hands over to the first
//      live target replica in the ISR (clean: it holds every committed record). The leader epoch is bumped
//      whenever replicas leave, so they are fenced. A reassignment that adds nobody completes at once.
// While it runs, the original replicas keep their order within `replicas` where the move allows it
// (movingReplicas), so cancelling (replicas null), a reassignment back to the original replicas, restores
// them in their order; a new target while one runs replaces it, counted from the original replicas as well.
// KIP-860: a request may refuse targets that change the replica count (INVALID_REPLICATION_FACTOR). Either is refused (INVALID_REPLICA_ASSIGNMENT)
// where only newcomers are left in the ISR, which would take an unclean election.
//
// UnregisterBroker removes a registration for good (the broker was decommissioned). Kafka's controller
// drops it whatever it hosts; here it must be shut down (fenced) and host no replica, so a decommission
// cannot strand a partition: INVALID_REQUEST while it runs or hosts replicas, REASSIGNMENT_IN_PROGRESS while
// a reassignment is still moving replicas off it, BROKER_ID_NOT_REGISTERED for an unknown id.
import { ErrorCode } from '../../protocol/errors.js';
import {
  createPartitionChangeRecord,
  type PartitionChangeRecord,
} from '../../protocol/generated/metadata/index.js';
import type { AlterPartitionItem, AlterPartitionOutcome } from './alter-partition.js';
import type { ControllerResult } from './controller.js';
import { isLive } from './elections.js';
import {
  type MetadataImage,
  NO_LEADER_CHANGE,
  type PartitionRegistration,
  type TopicImage,
} from './image.js';
import { type MetadataRecord, MetadataRecordType as T } from './records.js';

export interface ReassignmentAsk {
  topic: string;
  partition: number;
  /** The target replicas, preferred leader first; null cancels the reassignment in progress. */
  replicas: readonly number[] | null;
  /** KIP-860: false refuses a target with another replica count (INVALID_REPLICATION_FACTOR); default true. */
  allowReplicationFactorChange?: boolean;
}

export interface ReassignmentOutcome {
  topic: string;
  partition: number;
  errorCode: number;
  message: string | null;
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  replicas: readonly number[];
  addingReplicas: readonly number[];
  removingReplicas: readonly number[];
}

/** The replica set, ISR and reassignment of one partition, as a change would leave them. */
interface Shape {
  replicas: readonly number[];
  isr: readonly number[];
  adding: readonly number[];
  removing: readonly number[];
}

export function isReassigning(p: PartitionRegistration): boolean {
  return p.addingReplicas.length > 0 || p.removingReplicas.length > 0;
}

/** The replicas a reassignment in progress ends with (the current ones when none is). */
export function targetReplicas(p: Pick<PartitionRegistration, 'replicas' | 'removingReplicas'>): number[] {
  return p.replicas.filter((id) => !p.removingReplicas.includes(id));
}

/** The replicas before the reassignment in progress (the current ones when none is). */
export function originalReplicas(p: Pick<PartitionRegistration, 'replicas' | 'addingReplicas'>): number[] {
  return p.replicas.filter((id) => !p.addingReplicas.includes(id));
}

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, i) => b[i] === id);

/** Why `replicas` cannot be a target (Kafka's manual assignment checks), or null. */
function targetProblem(image: MetadataImage, replicas: readonly number[]): string | null {
  if (replicas.length === 0) return 'the target names no broker';
  if (new Set(replicas).size !== replicas.length) return `the target [${replicas}] names a broker twice`;
  for (const id of replicas) {
    if (!image.brokers.has(id)) return `the target names broker ${id}, which is not registered`;
  }
  if (!replicas.some((id) => isLive(image, id)))
    return `every broker of the target [${replicas}] is fenced or shutting down`;
  return null;
}

/**
 * The replica list while moving from `original` to `target`: one list in which the target's replicas come
 * in the target's order and the original's in the original's, so that a cancel restores the original order
 * (replicas minus adding) and completion gives the target's (replicas minus removing). Newcomers go before
 * leavers where either could come next. Possible whenever the replicas both keep are in the same order in
 * both; otherwise (a move that also reorders them) the target followed by the leavers, as Kafka does, and
 * a cancel restores them in that order.
 */
export function movingReplicas(original: readonly number[], target: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < original.length || j < target.length) {
    const t = target[j];
    const o = original[i];
    if (t !== undefined && !original.includes(t)) {
      out.push(t);
      j++;
    } else if (o !== undefined && !target.includes(o)) {
      out.push(o);
      i++;
    } else if (o === t && o !== undefined) {
      out.push(o);
      i++;
      j++;
    } else {
      return [...target, ...original.filter((id) => !target.includes(id))];
    }
  }
  return out;
}

/** Step 1 toward `target`, counted from the original replicas; a string when the ISR would empty. */
function startShape(p: PartitionRegistration, target: readonly number[]): Shape | string {
  const original = originalReplicas(p);
  const replicas = movingReplicas(original, target);
  const isr = p.isr.filter((id) => replicas.includes(id));
  if (isr.length === 0) {
    return `only replicas being added ([${p.isr}]) are in the ISR: going back would take an unclean election`;
  }
  return {
    replicas,
    isr,
    adding: target.filter((id) => !original.includes(id)),
    removing: original.filter((id) => !target.includes(id)),
  };
}

/**
 * The leader after a change to `s`: the current one while it stays a replica in the ISR, else the first
 * live ISR member of the target, else of the replicas, else none. Null when a leaving leader would leave
 * the partition leaderless although it is live (the caller waits instead).
 */
function leaderFor(image: MetadataImage, p: PartitionRegistration, s: Shape): number | null {
  if (p.leader >= 0 && s.replicas.includes(p.leader) && s.isr.includes(p.leader)) return p.leader;
  const candidate = (ids: readonly number[]) => ids.find((id) => s.isr.includes(id) && isLive(image, id));
  const next = candidate(targetReplicas({ replicas: s.replicas, removingReplicas: s.removing }));
  if (next !== undefined) return next;
  const any = candidate(s.replicas);
  if (any !== undefined) return any;
  return p.leader >= 0 && isLive(image, p.leader) ? null : -1;
}

/** Step 3 when it may happen now: every target replica in the ISR, and someone to lead. */
function completed(image: MetadataImage, p: PartitionRegistration, s: Shape): Shape | null {
  if (s.adding.length === 0 && s.removing.length === 0) return null;
  const target = s.replicas.filter((id) => !s.removing.includes(id));
  if (!target.every((id) => s.isr.includes(id))) return null;
  const done = { replicas: target, isr: s.isr.filter((id) => target.includes(id)), adding: [], removing: [] };
  return leaderFor(image, p, done) === null ? null : done;
}

/**
 * The partition as `s` (completed first when it can be) and its leader; null when nothing changes. Eligible
 * leader replicas (KIP-966) that leave the replicas leave the ELR and the last known ELR too.
 */
function changeTo(
  image: MetadataImage,
  topic: TopicImage,
  index: number,
  p: PartitionRegistration,
  wanted: Shape,
): { record: MetadataRecord; after: Shape; leader: number; epochBumped: boolean } | null {
  const s = completed(image, p, wanted) ?? wanted;
  const leader = leaderFor(image, p, s);
  if (leader === null) return null;
  // Replicas that leave are fenced by a new leader epoch, whoever leads.
  const epochBumped = leader !== p.leader || p.replicas.some((id) => !s.replicas.includes(id));
  const elr = p.eligibleLeaderReplicas.filter((id) => s.replicas.includes(id) && !s.isr.includes(id));
  const lastKnownElr = p.lastKnownElr.filter((id) => s.replicas.includes(id));
  const elrChanged = !same(elr, p.eligibleLeaderReplicas) || !same(lastKnownElr, p.lastKnownElr);
  const fields = {
    ...(same(s.replicas, p.replicas) ? {} : { replicas: [...s.replicas] }),
    ...(same(s.isr, p.isr) ? {} : { isr: [...s.isr] }),
    ...(same(s.adding, p.addingReplicas) ? {} : { addingReplicas: [...s.adding] }),
    ...(same(s.removing, p.removingReplicas) ? {} : { removingReplicas: [...s.removing] }),
    ...(elrChanged ? { eligibleLeaderReplicas: elr, lastKnownElr } : {}),
    ...(epochBumped ? { leader } : {}),
  };
  if (Object.keys(fields).length === 0) return null;
  const record: MetadataRecord = {
    type: T.PartitionChangeRecord,
    // The ELR fields exist from version 2.
    version: elrChanged ? 2 : 0,
    record: createPartitionChangeRecord({ partitionId: index, topicId: topic.id, ...fields }),
  };
  return { record, after: s, leader, epochBumped };
}

/** One PartitionChangeRecord doing `first` then `second` (one partition epoch, one leader epoch at most). */
function mergeChanges(first: MetadataRecord, second: MetadataRecord): MetadataRecord {
  const a = first.record as PartitionChangeRecord;
  const b = second.record as PartitionChangeRecord;
  const merged: PartitionChangeRecord = { ...a };
  if (b.isr !== null) merged.isr = b.isr;
  if (b.replicas !== null) merged.replicas = b.replicas;
  if (b.addingReplicas !== null) merged.addingReplicas = b.addingReplicas;
  if (b.removingReplicas !== null) merged.removingReplicas = b.removingReplicas;
  if (b.eligibleLeaderReplicas !== null) merged.eligibleLeaderReplicas = b.eligibleLeaderReplicas;
  if (b.lastKnownElr !== null) merged.lastKnownElr = b.lastKnownElr;
  if (b.leader !== NO_LEADER_CHANGE) merged.leader = b.leader;
  return { type: T.PartitionChangeRecord, version: Math.max(first.version, second.version), record: merged };
}

/**
 * AlterPartitionReassignments: one outcome per partition asked (UNKNOWN_TOPIC_OR_PARTITION,
 * INVALID_REPLICA_ASSIGNMENT, NO_REASSIGNMENT_IN_PROGRESS on a cancel of nothing, INVALID_REQUEST for a
 * partition named twice) and the records that start, replace, complete or cancel the reassignments.
 */
export function alterPartitionReassignments(
  image: MetadataImage,
  asks: readonly ReassignmentAsk[],
): { records: MetadataRecord[]; outcomes: ReassignmentOutcome[] } {
  const records: MetadataRecord[] = [];
  const outcomes: ReassignmentOutcome[] = [];
  const key = (a: ReassignmentAsk) => `${a.topic}\u0000${a.partition}`;
  const counts = new Map<string, number>();
  for (const a of asks) counts.set(key(a), (counts.get(key(a)) ?? 0) + 1);
  for (const a of asks) {
    const out = (errorCode: number, message: string | null) =>
      outcomes.push({ topic: a.topic, partition: a.partition, errorCode, message });
    const name = `${a.topic}-${a.partition}`;
    if (counts.get(key(a))! > 1) {
      out(ErrorCode.INVALID_REQUEST, `${name} appears more than once`);
      continue;
    }
    const topic = image.topics.get(a.topic);
    const p = topic?.partitions.get(a.partition);
    if (topic === undefined || p === undefined) {
      out(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown partition ${name}`);
      continue;
    }
    let target: readonly number[];
    if (a.replicas === null) {
      if (!isReassigning(p)) {
        out(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, `no reassignment of ${name} is in progress`);
        continue;
      }
      target = originalReplicas(p);
    } else {
      const problem = targetProblem(image, a.replicas);
      if (problem !== null) {
        out(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `${name}: ${problem}`);
        continue;
      }
      const rf = originalReplicas(p).length;
      if (a.allowReplicationFactorChange === false && a.replicas.length !== rf) {
        out(
          ErrorCode.INVALID_REPLICATION_FACTOR,
          `${name}: the target has ${a.replicas.length} replicas, not ${rf}, and the request does not allow a replication factor change`,
        );
        continue;
      }
      target = a.replicas;
    }
    const shape = startShape(p, target);
    if (typeof shape === 'string') {
      out(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `${name}: ${shape}`);
      continue;
    }
    if (leaderFor(image, p, completed(image, p, shape) ?? shape) === null) {
      out(
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `${name}: its leader ${p.leader} would leave with nobody to lead`,
      );
      continue;
    }
    const change = changeTo(image, topic, a.partition, p, shape);
    if (change !== null) records.push(change.record);
    out(ErrorCode.NONE, null);
  }
  return { records, outcomes };
}

/** ListPartitionReassignments: the partitions asked (null: all) that have a reassignment in progress. */
export function listPartitionReassignments(
  image: MetadataImage,
  asked: readonly { topic: string; partitions: readonly number[] }[] | null,
): OngoingReassignment[] {
  const out: OngoingReassignment[] = [];
  const add = (topic: string, index: number, p: PartitionRegistration | undefined) => {
    if (p === undefined || !isReassigning(p)) return;
    out.push({
      topic,
      partition: index,
      replicas: p.replicas,
      addingReplicas: p.addingReplicas,
      removingReplicas: p.removingReplicas,
    });
  };
  if (asked === null) {
    for (const t of image.topics.values()) for (const [i, p] of t.partitions) add(t.name, i, p);
  } else {
    for (const a of asked) for (const i of a.partitions) add(a.topic, i, image.partition(a.topic, i));
  }
  return out;
}

/**
 * AlterPartition completes reassignments: where the ISR a leader asked for (and got) holds every target
 * replica, its change record becomes the completing one (or one is added when the ISR did not change),
 * and the outcome says the partition as it will be. `items` and `outcomes` are in request order.
 */
export function completeOnAlterPartition(
  image: MetadataImage,
  items: readonly AlterPartitionItem[],
  records: readonly MetadataRecord[],
  outcomes: readonly AlterPartitionOutcome[],
): { records: MetadataRecord[]; outcomes: AlterPartitionOutcome[] } {
  const outRecords = [...records];
  const outOutcomes = [...outcomes];
  items.forEach((item, i) => {
    const o = outcomes[i];
    if (o === undefined || o.errorCode !== ErrorCode.NONE) return;
    const topic =
      item.topicId !== null ? image.topicById(item.topicId) : image.topics.get(item.topicName ?? '');
    const p = topic?.partitions.get(item.partition);
    if (topic === undefined || p === undefined || !isReassigning(p)) return;
    const at = outRecords.findIndex((r) => {
      const c = r.record as { topicId?: string; partitionId?: number };
      return r.type === T.PartitionChangeRecord && c.topicId === topic.id && c.partitionId === item.partition;
    });
    // The partition as the ISR change leaves it (its ELR too), then completed from there in the same record.
    const isrChanged =
      at >= 0 ? image.apply([outRecords[at]!], image.offset + 1).partition(topic.name, item.partition) : p;
    if (isrChanged === undefined) return;
    const s = {
      replicas: isrChanged.replicas,
      isr: isrChanged.isr,
      adding: isrChanged.addingReplicas,
      removing: isrChanged.removingReplicas,
    };
    if (completed(image, isrChanged, s) === null) return;
    const change = changeTo(image, topic, item.partition, isrChanged, s);
    if (change === null) return;
    if (at >= 0) outRecords[at] = mergeChanges(outRecords[at]!, change.record);
    else outRecords.push(change.record);
    outOutcomes[i] = {
      ...o,
      leader: change.leader,
      leaderEpoch: p.leaderEpoch + (change.epochBumped ? 1 : 0),
      partitionEpoch: p.partitionEpoch + 1,
      isr: [...change.after.isr],
    };
  });
  return { records: outRecords, outcomes: outOutcomes };
}

/**
 * Reassignments that can complete now without an ISR change (one whose leaving leader had no live
 * successor until a broker came back): the active controller checks them with its leader checks.
 */
export function completeReassignments(image: MetadataImage): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topics.values()) {
    for (const [index, p] of topic.partitions) {
      if (!isReassigning(p)) continue;
      const s = { replicas: p.replicas, isr: p.isr, adding: p.addingReplicas, removing: p.removingReplicas };
      if (completed(image, p, s) === null) continue;
      const change = changeTo(image, topic, index, p, s);
      if (change !== null) records.push(change.record);
    }
  }
  return records;
}

/** UnregisterBroker: see the header for when it is refused. */
export function unregisterBroker(image: MetadataImage, brokerId: number): ControllerResult {
  const b = image.brokers.get(brokerId);
  if (b === undefined) {
    return {
      ok: false,
      errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED,
      message: `broker ${brokerId} is not registered`,
    };
  }
  if (!b.fenced) {
    return {
      ok: false,
      errorCode: ErrorCode.INVALID_REQUEST,
      message: `broker ${brokerId} is running: stop it before unregistering it`,
    };
  }
  const hosted: string[] = [];
  let moving = false;
  for (const topic of image.topics.values()) {
    for (const [index, p] of topic.partitions) {
      if (!p.replicas.includes(brokerId)) continue;
      hosted.push(`${topic.name}-${index}`);
      if (p.removingReplicas.includes(brokerId)) moving = true;
    }
  }
  if (hosted.length > 0) {
    const list = hosted.slice(0, 5).join(', ') + (hosted.length > 5 ? ', ...' : '');
    return {
      ok: false,
      errorCode: moving ? ErrorCode.REASSIGNMENT_IN_PROGRESS : ErrorCode.INVALID_REQUEST,
      message: `broker ${brokerId} still hosts ${hosted.length} replica(s) (${list}): reassign them first`,
    };
  }
  return {
    ok: true,
    errorCode: 0,
    records: [{ type: T.UnregisterBrokerRecord, version: 0, record: { brokerId, brokerEpoch: b.epoch } }],
  };
}
