// The replicated log as the quorum sees it: entries with offsets and epochs, the epoch -> start offset
// history that truncation by diverging epoch needs (KIP-101/279 for the metadata log), a flush point, and
// snapshots: the state up to the log start offset, from which a replica too far behind starts over (KRaft's
// KIP-630). MemoryRaftLog keeps everything in memory and can forget what was never flushed (a power cut, in
// a simulation); PartitionRaftLog keeps it on the project's partition storage.

export interface RaftEntry {
  offset: number;
  epoch: number;
  data: Uint8Array;
}

/**
 * Where epoch E ends in a log, as KRaft's metadata log answers (KafkaMetadataLog.endOffsetForEpoch over
 * LeaderEpochFileCache.endOffsetFor), over the epochs of the entries the log holds:
 * - E is the last epoch: (E, log end offset);
 * - E is older: (largest epoch <= E in the log, first offset of the next larger epoch); when the log holds no
 *   epoch <= E, (E, its first entry's offset);
 * - E is newer than every epoch in the log, or the log holds no entries: (last epoch, log end offset).
 */
export interface EpochEnd {
  epoch: number;
  endOffset: number;
}

/** A snapshot holds the state up to endOffset (exclusive); epoch is that of the entry before it. */
export interface SnapshotId {
  endOffset: number;
  epoch: number;
}

export interface SnapshotChunk {
  /** The whole snapshot's size in bytes. */
  size: number;
  bytes: Uint8Array;
}

export interface RaftLog {
  /** Offset the next entry gets. */
  readonly endOffset: number;
  /** First entry kept; everything below is in the latest snapshot (0 when there is none). */
  readonly logStartOffset: number;
  /** Epoch of the last entry; of the latest snapshot when the log holds no entries; else 0. */
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
  /** Epoch of the entry at offset, or -1 when the log does not hold it. */
  epochAt(offset: number): number;
  endOffsetForEpoch(epoch: number): EpochEnd;
  /** Makes everything appended so far durable. */
  flush(): void;
  /** The newest snapshot, or null. */
  latestSnapshot(): SnapshotId | null;
  /** Up to maxBytes of snapshot `id` from position; null when `id` is not the latest snapshot (any more). */
  readSnapshot(id: SnapshotId, position: number, maxBytes: number): SnapshotChunk | null;
  /**
   * Stores `bytes` as snapshot `id`, durably and atomically, in place of older ones, and starts the log at
   * id.endOffset: entries below it go. When the log does not hold id's last entry with id's epoch (a
   * replica installing its leader's snapshot) every entry goes and the log restarts at id.endOffset.
   */
  writeSnapshot(id: SnapshotId, bytes: Uint8Array): void;
}

/** The storage's rule's "unknown" answer, as KafkaMetadataLog turns it into an answer. */
export function unknownEpochEnd(log: Pick<RaftLog, 'endOffset' | 'lastEpoch'>): EpochEnd {
  return { epoch: log.lastEpoch, endOffset: log.endOffset };
}

export class MemoryRaftLog implements RaftLog {
  /** Entries from #start on: entry i has offset #start + i. */
  #entries: RaftEntry[] = [];
  #start = 0;
  #flushed = 0;
  #snapshot: { id: SnapshotId; bytes: Uint8Array } | null = null;

  get endOffset(): number {
    return this.#start + this.#entries.length;
  }

  get logStartOffset(): number {
    return this.#start;
  }

  get lastEpoch(): number {
    const n = this.#entries.length;
    return n > 0 ? this.#entries[n - 1]!.epoch : (this.#snapshot?.id.epoch ?? 0);
  }

  get flushedOffset(): number {
    return this.#flushed;
  }

  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[] {
    if (epoch < this.lastEpoch) throw new Error(`append at epoch ${epoch} after epoch ${this.lastEpoch}`);
    const offsets: number[] = [];
    for (const d of data) {
      const offset = this.endOffset;
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
    if (offset < this.endOffset) this.#entries.length = Math.max(0, offset - this.#start);
    this.#flushed = Math.min(this.#flushed, this.endOffset);
  }

  read(from: number, maxEntries: number): RaftEntry[] {
    if (from < this.#start) return [];
    return this.#entries.slice(from - this.#start, from - this.#start + maxEntries);
  }

  epochAt(offset: number): number {
    return offset < this.#start ? -1 : (this.#entries[offset - this.#start]?.epoch ?? -1);
  }

  endOffsetForEpoch(epoch: number): EpochEnd {
    const n = this.#entries.length;
    if (n === 0 || epoch < 0 || epoch > this.lastEpoch) return unknownEpochEnd(this);
    if (epoch === this.lastEpoch) return { epoch, endOffset: this.endOffset };
    // Newest first: the answer is near the end in every call the quorum makes. `i` ends on the last entry
    // of the largest epoch <= the one asked for; the entry after it starts the first larger epoch.
    let i = n - 1;
    while (i >= 0 && this.#entries[i]!.epoch > epoch) i--;
    return { epoch: i < 0 ? epoch : this.#entries[i]!.epoch, endOffset: this.#start + i + 1 };
  }

  flush(): void {
    this.#flushed = this.endOffset;
  }

  latestSnapshot(): SnapshotId | null {
    return this.#snapshot === null ? null : { ...this.#snapshot.id };
  }

  readSnapshot(id: SnapshotId, position: number, maxBytes: number): SnapshotChunk | null {
    const s = this.#snapshot;
    if (s === null || s.id.endOffset !== id.endOffset || s.id.epoch !== id.epoch) return null;
    return { size: s.bytes.length, bytes: s.bytes.subarray(position, position + maxBytes) };
  }

  writeSnapshot(id: SnapshotId, bytes: Uint8Array): void {
    checkSnapshotId(id, this.#snapshot?.id ?? null);
    const holds = holdsSnapshotEnd(this, id);
    this.#snapshot = { id: { ...id }, bytes: bytes.slice() };
    if (holds) this.#entries.splice(0, id.endOffset - this.#start);
    else this.#entries = [];
    this.#start = id.endOffset;
    this.#flushed = Math.min(Math.max(this.#flushed, this.#start), this.endOffset);
  }

  /** A power cut: everything appended since the last flush is gone (snapshots are durable when written). */
  loseUnflushed(): void {
    this.#entries.length = Math.max(0, this.#flushed - this.#start);
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

/** Refuses a snapshot id that is malformed or older than the latest one (RangeError). */
export function checkSnapshotId(id: SnapshotId, latest: SnapshotId | null): void {
  if (
    !Number.isSafeInteger(id.endOffset) ||
    id.endOffset < 1 ||
    !Number.isSafeInteger(id.epoch) ||
    id.epoch < 0
  ) {
    throw new RangeError(`bad snapshot id ${id.endOffset}-${id.epoch}`);
  }
  if (latest !== null && id.endOffset < latest.endOffset) {
    throw new RangeError(`snapshot at ${id.endOffset} is older than the one at ${latest.endOffset}`);
  }
}

/**
 * Whether the log holds snapshot id's last entry with id's epoch, so the entries after it may stay (or the
 * log starts right at id's end already).
 */
export function holdsSnapshotEnd(
  log: Pick<RaftLog, 'epochAt' | 'endOffset' | 'logStartOffset'>,
  id: SnapshotId,
): boolean {
  if (id.endOffset > log.endOffset || id.endOffset < log.logStartOffset) return false;
  return id.endOffset === log.logStartOffset || log.epochAt(id.endOffset - 1) === id.epoch;
}
