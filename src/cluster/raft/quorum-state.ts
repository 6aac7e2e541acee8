// What a voter must remember across restarts before it answers anyone (KRaft's quorum-state file): its
// epoch, whom it voted for in that epoch, and the leader it knew. Losing the vote would let it vote twice in
// one epoch and elect two leaders.

export interface QuorumState {
  epoch: number;
  /** -1 when it has not voted in this epoch. */
  votedFor: number;
  /** -1 when no leader is known for this epoch. */
  leaderId: number;
}

export interface QuorumStateStore {
  load(): QuorumState;
  /** Durable when it returns. */
  save(state: QuorumState): void;
}

export const INITIAL_QUORUM_STATE: Readonly<QuorumState> = Object.freeze({
  epoch: 0,
  votedFor: -1,
  leaderId: -1,
});

export class MemoryQuorumStateStore implements QuorumStateStore {
  #state: QuorumState = { ...INITIAL_QUORUM_STATE };
  writes = 0;

  load(): QuorumState {
    return { ...this.#state };
  }

  save(state: QuorumState): void {
    this.#state = { ...state };
    this.writes++;
  }
}
