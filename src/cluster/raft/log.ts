// The replicated log as the quorum sees it: entries with offsets and epochs, the epoch -> start offset
// history that truncation by diverging epoch needs (KIP-101/279 for the metadata log), and a flush point.
// MemoryRaftLog keeps everything in memory and can forget what was never flushed (a power cut, in a
// simulation); a log on the project's partition storage implements the same interface.

export interface RaftEntry {
  offset: number;
  epoch: number;
  data: Uint8Array;
}

/**
 * Kafka's answer to "where does epoch E end in your log" (LeaderEpochFileCache.endOffsetFor), which both
 * logs give so that a leader and its followers agree on where they diverge:
 * - E is the last epoch: (E, log end offset);
 * - E is older: (largest epoch <= E the log has, start offset of the first epoch > E); when the log has no
 *   epoch <= E, that is (E, start offset of its first epoch);
 * - E is newer than every epoch in the log, or the log is empty: (-1, -1).
 */
export interface EpochEnd {
  epoch: number;
  endOffset: number;
}

export const UNKNOWN_EPOCH_END: Readonly<EpochEnd> = Object.freeze({ epoch: -1, endOffset: -1 });

export interface RaftLog {
  /** Offset the next entry gets. */
  readonly endOffset: number;
  /** Epoch of the last entry, or 0 for an empty log. */
  readonly lastEpoch: number;
  /** Entries below this offset survive a crash. */
  readonly flushedOffset: number;
  /** Appends entries of one epoch as leader; returns their offsets. */
  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[];
  /**
   * Appends entries a leader sent, which must start at endOffset, follow each other and not go back in
   * epoch; otherwise throws with nothing appended.
   */
  appendAsFollower(entries: readonly RaftEntry[]): void;
  /** Removes every entry at or past offset (never below the flushed committed prefix: caller's duty). */
  truncateTo(offset: number): void;
  /** Up to maxEntries entries from `from`; none when `from` is outside the log. */
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
    checkFollowerEntries(entries, this.endOffset, this.lastEpoch);
    for (const e of entries) this.#entries.push({ offset: e.offset, epoch: e.epoch, data: e.data });
  }

  truncateTo(offset: number): void {
    if (offset < this.#entries.length) this.#entries.length = Math.max(0, offset);
    this.#flushed = Math.min(this.#flushed, this.#entries.length);
  }

  read(from: number, maxEntries: number): RaftEntry[] {
    if (from < 0) return [];
    return this.#entries.slice(from, from + maxEntries);
  }

  epochAt(offset: number): number {
    return this.#entries[offset]?.epoch ?? -1;
  }

  endOffsetForEpoch(epoch: number): EpochEnd {
    const n = this.#entries.length;
    if (n === 0 || epoch < 0 || epoch > this.lastEpoch) return { ...UNKNOWN_EPOCH_END };
    if (epoch === this.lastEpoch) return { epoch, endOffset: n };
    // Newest first: the answer is near the end in every call the quorum makes. `i` ends on the last entry
    // of the largest epoch <= the one asked for; the entry after it starts the first larger epoch.
    let i = n - 1;
    while (i >= 0 && this.#entries[i]!.epoch > epoch) i--;
    return { epoch: i < 0 ? epoch : this.#entries[i]!.epoch, endOffset: i + 1 };
  }

  flush(): void {
    this.#flushed = this.#entries.length;
  }

  /** A power cut: everything appended since the last flush is gone. */
  loseUnflushed(): void {
    this.#entries.length = this.#flushed;
  }
}

/** The checks appendAsFollower makes before appending anything; throws RangeError naming the entry. */
export function checkFollowerEntries(
  entries: readonly RaftEntry[],
  endOffset: number,
  lastEpoch: number,
): void {
  let next = endOffset;
  let epoch = lastEpoch;
  for (const e of entries) {
    if (e.offset !== next) throw new RangeError(`follower append at ${e.offset}, log ends at ${next}`);
    if (e.epoch < epoch) throw new RangeError(`entry ${e.offset} of epoch ${e.epoch} after epoch ${epoch}`);
    next++;
    epoch = e.epoch;
  }
}
