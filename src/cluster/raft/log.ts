// The replicated log as the quorum sees it: entries with offsets and epochs, the epoch -> start offset
// history that truncation by diverging epoch needs (KIP-101/279 for the metadata log), and a flush point.
// MemoryRaftLog keeps everything in memory and can forget what was never flushed (a power cut, in a
// simulation); a log on the project's partition storage implements the same interface.

export interface RaftEntry {
  offset: number;
  epoch: number;
  data: Uint8Array;
}

export interface EpochEnd {
  /** The largest epoch <= the one asked for that the log has, or -1. */
  epoch: number;
  /** Where that epoch's entries end (the start of the next epoch, or the log end). */
  endOffset: number;
}

export interface RaftLog {
  /** Offset the next entry gets. */
  readonly endOffset: number;
  /** Epoch of the last entry, or 0 for an empty log. */
  readonly lastEpoch: number;
  /** Entries below this offset survive a crash. */
  readonly flushedOffset: number;
  /** Appends entries of one epoch as leader; returns their offsets. */
  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[];
  /** Appends entries a leader sent, which must start at endOffset with epochs not going back. */
  appendAsFollower(entries: readonly RaftEntry[]): void;
  /** Removes every entry at or past offset (never below the flushed committed prefix: caller's duty). */
  truncateTo(offset: number): void;
  read(from: number, maxEntries: number): RaftEntry[];
  /** Epoch of the entry at offset, or -1 when there is none. */
  epochAt(offset: number): number;
  endOffsetForEpoch(epoch: number): EpochEnd;
  /** Makes everything appended so far durable. */
  flush(): void;
}

export class MemoryRaftLog implements RaftLog {
  #entries: RaftEntry[] = [];
  #flushed = 0;

  get endOffset(): number {
    return this.#entries.length;
  }

  get lastEpoch(): number {
    return this.#entries.length === 0 ? 0 : this.#entries[this.#entries.length - 1]!.epoch;
  }

  get flushedOffset(): number {
    return this.#flushed;
  }

  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[] {
    if (epoch < this.lastEpoch) throw new Error(`append at epoch ${epoch} after epoch ${this.lastEpoch}`);
    const offsets: number[] = [];
    for (const d of data) {
      const offset = this.#entries.length;
      this.#entries.push({ offset, epoch, data: d });
      offsets.push(offset);
    }
    return offsets;
  }

  appendAsFollower(entries: readonly RaftEntry[]): void {
    for (const e of entries) {
      if (e.offset !== this.#entries.length) {
        throw new Error(`follower append at ${e.offset}, log ends at ${this.#entries.length}`);
      }
      if (e.epoch < this.lastEpoch) throw new Error(`entry epoch ${e.epoch} after epoch ${this.lastEpoch}`);
      this.#entries.push({ offset: e.offset, epoch: e.epoch, data: e.data });
    }
  }

  truncateTo(offset: number): void {
    if (offset < this.#entries.length) this.#entries.length = Math.max(0, offset);
    this.#flushed = Math.min(this.#flushed, this.#entries.length);
  }

  read(from: number, maxEntries: number): RaftEntry[] {
    return this.#entries.slice(from, from + maxEntries);
  }

  epochAt(offset: number): number {
    return this.#entries[offset]?.epoch ?? -1;
  }

  endOffsetForEpoch(epoch: number): EpochEnd {
    // Newest first: the answer is near the end in every call the quorum makes.
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const e = this.#entries[i]!;
      if (e.epoch <= epoch) return { epoch: e.epoch, endOffset: i + 1 };
    }
    return { epoch: -1, endOffset: 0 };
  }

  flush(): void {
    this.#flushed = this.#entries.length;
  }

  /** A power cut: everything appended since the last flush is gone. */
  loseUnflushed(): void {
    this.#entries.length = this.#flushed;
  }
}
