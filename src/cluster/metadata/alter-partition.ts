// AlterPartition, the controller's decision: a partition leader asks to change its ISR (shrink a lagging
// follower out, take a caught-up one in), carrying the leader epoch and partition epoch it acts on. The
// checks are Kafka's (ReplicationControlManager.alterPartition), in its order, except that a sender that
// does not lead the partition gets NOT_LEADER_OR_FOLLOWER (Kafka answers INVALID_REQUEST):
//   broker epoch (STALE_BROKER_EPOCH, for the whole request)  ->  unknown topic (UNKNOWN_TOPIC_ID, or
//   UNKNOWN_TOPIC_OR_PARTITION by name)  ->  unknown partition  ->  epochs ahead of this image
//   (NOT_CONTROLLER: this controller is behind, the sender retries elsewhere)  ->  not the leader
//   (NOT_LEADER_OR_FOLLOWER)  ->  older leader epoch (FENCED_LEADER_EPOCH)  ->  older partition epoch
//   (INVALID_UPDATE_VERSION)  ->  ISR not a duplicate-free subset of the replicas holding the leader, or
//   leader recovery state other than RECOVERED (INVALID_REQUEST)  ->  a member not live, or at another
//   broker epoch than the one given (INELIGIBLE_REPLICA).
// A change writes one PartitionChangeRecord (the image bumps the partition epoch), with the ELR that goes with
// the new ISR (elections.ts); the same ISR writes nothing and is answered with the partition as it is.
import { ErrorCode } from '../../protocol/errors.js';
import { changeRecord, electionRules, isLive, nextPartition } from './elections.js';
import type { MetadataImage } from './image.js';
import type { MetadataRecord } from './records.js';

export interface AlterPartitionItem {
  /** The topic by id (v2+) or, when null, by name (v0-1). */
  topicId: string | null;
  topicName: string | null;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: readonly number[];
  /** v3: the broker epoch of each member as the leader knows it (-1: not checked). */
  newIsrEpochs?: readonly number[];
  /** 0 RECOVERED; anything else is refused (leader recovery is not kept). */
  leaderRecoveryState?: number;
}

export interface AlterPartitionOutcome {
  errorCode: number;
  message: string | null;
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  isr: readonly number[];
}

export type AlterPartitionDecision =
  | { errorCode: 0; records: MetadataRecord[]; outcomes: AlterPartitionOutcome[] }
  | { errorCode: number; message: string };

export function alterPartition(
  image: MetadataImage,
  brokerId: number,
  brokerEpoch: number,
  items: readonly AlterPartitionItem[],
): AlterPartitionDecision {
  const b = image.brokers.get(brokerId);
  if (b === undefined)
    return { errorCode: ErrorCode.STALE_BROKER_EPOCH, message: `broker ${brokerId} is not registered` };
  if (b.epoch !== brokerEpoch) {
    return { errorCode: ErrorCode.STALE_BROKER_EPOCH, message: `broker ${brokerId} is at epoch ${b.epoch}` };
  }
  const records: MetadataRecord[] = [];
  const outcomes: AlterPartitionOutcome[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const refuse = (errorCode: number, message: string): void => {
      outcomes.push({ errorCode, message, leader: -1, leaderEpoch: -1, partitionEpoch: -1, isr: [] });
    };
    const topic =
      item.topicId !== null ? image.topicById(item.topicId) : image.topics.get(item.topicName ?? '');
    if (topic === undefined) {
      if (item.topicId !== null) refuse(ErrorCode.UNKNOWN_TOPIC_ID, `no topic with id ${item.topicId}`);
      else refuse(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${item.topicName}'`);
      continue;
    }
    const name = `${topic.name}-${item.partition}`;
    const p = topic.partitions.get(item.partition);
    if (p === undefined) {
      refuse(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown partition ${name}`);
      continue;
    }
    if (seen.has(name)) {
      refuse(ErrorCode.INVALID_REQUEST, `${name} appears twice in one request`);
      continue;
    }
    seen.add(name);
    if (item.leaderEpoch > p.leaderEpoch || item.partitionEpoch > p.partitionEpoch) {
      refuse(ErrorCode.NOT_CONTROLLER, `${name} is at epochs ${p.leaderEpoch}/${p.partitionEpoch} here`);
      continue;
    }
    if (p.leader !== brokerId) {
      refuse(ErrorCode.NOT_LEADER_OR_FOLLOWER, `${name} is led by ${p.leader}, not ${brokerId}`);
      continue;
    }
    if (item.leaderEpoch < p.leaderEpoch) {
      refuse(ErrorCode.FENCED_LEADER_EPOCH, `${name} is at leader epoch ${p.leaderEpoch}`);
      continue;
    }
    if (item.partitionEpoch < p.partitionEpoch) {
      refuse(ErrorCode.INVALID_UPDATE_VERSION, `${name} is at partition epoch ${p.partitionEpoch}`);
      continue;
    }
    const isr = item.newIsr;
    if (new Set(isr).size !== isr.length || isr.some((id) => !p.replicas.includes(id))) {
      refuse(ErrorCode.INVALID_REQUEST, `ISR [${isr}] is not a subset of the replicas [${p.replicas}]`);
      continue;
    }
    if (!isr.includes(p.leader)) {
      refuse(ErrorCode.INVALID_REQUEST, `ISR [${isr}] leaves out the leader ${p.leader}`);
      continue;
    }
    if ((item.leaderRecoveryState ?? 0) !== 0) {
      refuse(ErrorCode.INVALID_REQUEST, `leader recovery state ${item.leaderRecoveryState} is not kept`);
      continue;
    }
    const ineligible = isr.find((id, i) => {
      const epoch = item.newIsrEpochs?.[i] ?? -1;
      return !isLive(image, id) || (epoch !== -1 && image.brokers.get(id)!.epoch !== epoch);
    });
    if (ineligible !== undefined) {
      refuse(ErrorCode.INELIGIBLE_REPLICA, `broker ${ineligible} cannot join the ISR of ${name}`);
      continue;
    }
    const same = isr.length === p.isr.length && isr.every((id, i) => p.isr[i] === id);
    if (!same) {
      const target = nextPartition(p, electionRules(image, topic.name), { isr });
      // The sender leads and stays live (checked above): only the ISR and the ELR change.
      records.push(changeRecord(topic, item.partition, p, { ...target, leader: p.leader, isr })!);
    }
    outcomes.push({
      errorCode: ErrorCode.NONE,
      message: null,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      partitionEpoch: same ? p.partitionEpoch : p.partitionEpoch + 1,
      isr: same ? p.isr : [...isr],
    });
  }
  return { errorCode: ErrorCode.NONE, records, outcomes };
}
