// Which replicas the replication quotas apply to (Kafka's KIP-73 topic configs): the topic configs
// leader.replication.throttled.replicas and follower.replication.throttled.replicas list partition:broker
// pairs, or '*' for every replica of the topic. A leader on broker B throttles what it sends for partition p
// when "p:B" is in the leader list; a follower on broker B throttles what it fetches for p when "p:B" is in
// the follower list. A reassignment in progress marks its own replicas as Kafka's reassignment tool writes
// them (the leader side of the replicas the partition had, the follower side of those it adds), for as long
// as it runs: nothing is left behind to clean up once it completes or is cancelled.
import type { PartitionState } from '../partition-state.js';

export const LEADER_THROTTLED_REPLICAS = 'leader.replication.throttled.replicas';
export const FOLLOWER_THROTTLED_REPLICAS = 'follower.replication.throttled.replicas';

/** Whether a throttled-replicas list names `partition` on `brokerId` ('*' names every replica). */
export function listsReplica(list: string | undefined, partition: number, brokerId: number): boolean {
  if (list === undefined) return false;
  const t = list.trim();
  if (t === '') return false;
  if (t === '*') return true;
  for (const entry of t.split(',')) {
    const colon = entry.indexOf(':');
    if (Number(entry.slice(0, colon)) === partition && Number(entry.slice(colon + 1)) === brokerId)
      return true;
  }
  return false;
}

/** Sets the partition's two flags from its topic's explicit configs (the replica manager, per image). */
export function markThrottled(
  s: PartitionState,
  configs: Readonly<Record<string, string>>,
  nodeId: number,
): void {
  s.leaderThrottled = listsReplica(configs[LEADER_THROTTLED_REPLICAS], s.partition, nodeId);
  s.followerThrottled = listsReplica(configs[FOLLOWER_THROTTLED_REPLICAS], s.partition, nodeId);
}

/** This follower's fetches of the partition count against its quota: listed, or being added, and out of the ISR. */
export function followerThrottled(s: PartitionState, nodeId: number): boolean {
  return !s.isr.includes(nodeId) && (s.followerThrottled || s.addingReplicas.includes(nodeId));
}

/**
 * This leader's answers to `replicaId` for the partition count against its quota: the follower is out of
 * the ISR and the partition is listed for this broker, or a reassignment is adding the follower.
 */
export function leaderThrottled(s: PartitionState, replicaId: number): boolean {
  return !s.isr.includes(replicaId) && (s.leaderThrottled || s.addingReplicas.includes(replicaId));
}
