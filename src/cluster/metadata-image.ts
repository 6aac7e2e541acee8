// Where a partition's leader, leader epoch, replicas and ISR come from. In KRaft these are decided by
// records in the metadata log and applied to an image; a broker never guesses them. Until the quorum
// exists, the image of a single-node cluster says: this node leads every partition at the initial epoch,
// and is its only replica and the whole ISR.
import { INITIAL_LEADER_EPOCH } from './partition-state.js';

/** One partition's assignment, as a PartitionRecord / PartitionChangeRecord would carry it. */
export interface PartitionRegistration {
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface MetadataImage {
  /** The registration of a partition of a topic the image knows. */
  registration(topic: string, partition: number): PartitionRegistration;
}

/** The image of a one-broker cluster. */
export class SingleNodeImage implements MetadataImage {
  readonly #registration: PartitionRegistration;

  constructor(nodeId: number) {
    const self = Object.freeze([nodeId]);
    this.#registration = Object.freeze({
      leader: nodeId,
      leaderEpoch: INITIAL_LEADER_EPOCH,
      replicas: self,
      isr: self,
    });
  }

  registration(_topic: string, _partition: number): PartitionRegistration {
    return this.#registration;
  }
}
