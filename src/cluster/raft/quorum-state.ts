// What a voter must remember across restarts before it answers anyone (KRaft's quorum-state file): its
// epoch, whom it voted for in that epoch, and the leader it knew. Losing the vote would let it vote twice in
// one epoch and elect two leaders.
import { readFileSync } from 'node:fs';
import { writeFileDurably } from '../../storage/checkpoint-file.js';

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

/**
 * The quorum state in a file (`quorum-state`, JSON), written durably (temp file, fsync, rename, directory
 * fsync) before save() returns. A missing file is the initial state; a file that does not parse is an error
 * (a voter that forgot its vote must not vote again in that epoch).
 */
export class FileQuorumStateStore implements QuorumStateStore {
  constructor(readonly file: string) {}

  load(): QuorumState {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...INITIAL_QUORUM_STATE };
      throw new Error(`cannot read ${this.file}: ${(err as Error).message}`);
    }
    let parsed: Partial<QuorumState> & { version?: number };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (err) {
      // Never the initial state instead: this voter may have voted in the epoch the file held.
      throw new Error(`${this.file}: not a quorum state file (${(err as Error).message}); refusing to start`);
    }
    const ok =
      parsed !== null &&
      typeof parsed === 'object' &&
      parsed.version === 1 &&
      [parsed.epoch, parsed.votedFor, parsed.leaderId].every((n) => Number.isSafeInteger(n)) &&
      (parsed.epoch ?? -1) >= 0;
    if (!ok) throw new Error(`${this.file}: not a quorum state file; refusing to start`);
    return { epoch: parsed.epoch!, votedFor: parsed.votedFor!, leaderId: parsed.leaderId! };
  }

  save(state: QuorumState): void {
    writeFileDurably(this.file, JSON.stringify({ version: 1, ...state }));
  }
}
