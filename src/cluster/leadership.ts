// Where a partition's leader, leader epoch, replicas and ISR come from. In KRaft these are decided by
// records in the metadata log and applied to an image (metadata/image.ts, whose partition() has this
// shape); a broker never guesses them. Until the broker follows the quorum, the single-node source says:
// this node leads every partition at the initial epoch, and is its only replica and the whole ISR.
import type { PartitionRegistration } from './metadata/image.js';
import { INITIAL_LEADER_EPOCH } from './partition-state.js';

/** The part of a partition's registration a replica acts on. */
export type PartitionLeadership = Pick<
  PartitionRegistration,
  'leader' | 'leaderEpoch' | 'replicas' | 'isr' | 'partitionEpoch'
> &
  Partial<Pick<PartitionRegistration, 'addingReplicas'>>;

export interface LeadershipSource {
  /** The partition's registration, or undefined when the source does not know it (nobody leads it here). */
  partition(topic: string, index: number): PartitionLeadership | undefined;
}

/** A one-broker cluster. */
export class SingleNodeLeadership implements LeadershipSource {
  readonly #leadership: PartitionLeadership;

  constructor(nodeId: number) {
    const self = Object.freeze([nodeId]);
    this.#leadership = Object.freeze({
      leader: nodeId,
      leaderEpoch: INITIAL_LEADER_EPOCH,
      replicas: self,
      isr: self,
      partitionEpoch: 0,
    });
  }

  partition(_topic: string, _index: number): PartitionLeadership {
    return this.#leadership;
  }
}
