// Leader epoch history of a partition (Kafka's LeaderEpochFileCache): for each epoch the first offset
// written in it, persisted in `leader-epoch-checkpoint` ("epoch startOffset" lines). Answers
// OffsetForLeaderEpoch and lets a future follower find where its log diverges.
import { parseOffset, readCheckpointFile, writeCheckpointFile } from './checkpoint-file.js';

export const LEADER_EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';
const VERSION = 0;
export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEndOffset {
  leaderEpoch: number;
  endOffset: number;
}

export class LeaderEpochCache {
  private readonly file: string;
  private readonly maxEntries: number;
  private epochs: number[] = [];
  private startOffsets: number[] = [];
  /** The file is behind memory: a write failed (a full disk) and is retried by persistPending(). */
  private dirty = false;

  /** Loads the checkpoint; a missing or damaged file gives an empty history (rebuilt by recovery). */
  constructor(file: string, maxEntries: number) {
    this.file = file;
    this.maxEntries = maxEntries;
    const entries = readCheckpointFile(file, VERSION, 2);
    if (entries === null) return;
    for (const [e, o] of entries) {
      const epoch = parseOffset(e);
      const start = parseOffset(o);
      const n = this.epochs.length;
      if (
        epoch < 0 ||
        start < 0 ||
        (n > 0 && (epoch <= this.epochs[n - 1]! || start < this.startOffsets[n - 1]!))
      ) {
        this.epochs = [];
        this.startOffsets = [];
        return;
      }
      this.epochs.push(epoch);
      this.startOffsets.push(start);
    }
  }

  get latestEpoch(): number {
    const n = this.epochs.length;
    return n === 0 ? UNDEFINED_EPOCH : this.epochs[n - 1]!;
  }

  /** The history as (epoch, first offset) pairs; `endOffset` here holds the epoch's start offset. */
  entries(): EpochEndOffset[] {
    return this.epochs.map((leaderEpoch, i) => ({ leaderEpoch, endOffset: this.startOffsets[i]! }));
  }

  /** Epoch of the leader that wrote `offset`, or UNDEFINED_EPOCH when it predates the history. */
  epochForOffset(offset: number): number {
    let i = this.startOffsets.length - 1;
    while (i >= 0 && this.startOffsets[i]! > offset) i--;
    return i < 0 ? UNDEFINED_EPOCH : this.epochs[i]!;
  }

  /**
   * Records that `epoch` starts at startOffset. Entries that conflict (start at or after it) are dropped.
   * The file is written first: if that fails (a full disk) this throws and nothing changes, so an append
   * can assign its epoch before writing any data. With `deferOnFailure` (recovery, which rebuilds the
   * history from the batches anyway) memory changes regardless and the write is retried later.
   */
  assign(epoch: number, startOffset: number, deferOnFailure = false): void {
    if (epoch <= this.latestEpoch) return;
    const epochs = this.epochs.slice();
    const starts = this.startOffsets.slice();
    while (starts.length > 0 && starts[starts.length - 1]! >= startOffset) {
      epochs.pop();
      starts.pop();
    }
    epochs.push(epoch);
    starts.push(startOffset);
    if (epochs.length > this.maxEntries) {
      epochs.shift();
      starts.shift();
    }
    if (deferOnFailure) {
      this.epochs = epochs;
      this.startOffsets = starts;
      this.persistOrDefer();
      return;
    }
    this.write(epochs, starts);
    this.epochs = epochs;
    this.startOffsets = starts;
    this.dirty = false;
  }

  /**
   * Kafka's endOffsetFor: the latest epoch gets the log end offset; an older one gets the start offset of
   * the next larger epoch, paired with the largest known epoch <= requested.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    if (requestedEpoch === UNDEFINED_EPOCH || this.epochs.length === 0) {
      return { leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    }
    if (requestedEpoch === this.latestEpoch) return { leaderEpoch: requestedEpoch, endOffset: logEndOffset };
    let higher = 0;
    while (higher < this.epochs.length && this.epochs[higher]! <= requestedEpoch) higher++;
    if (higher === this.epochs.length)
      return { leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    const endOffset = this.startOffsets[higher]!;
    return higher === 0
      ? { leaderEpoch: requestedEpoch, endOffset }
      : { leaderEpoch: this.epochs[higher - 1]!, endOffset };
  }

  /** Forgets epochs starting at or after endOffset (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    let n = this.epochs.length;
    while (n > 0 && this.startOffsets[n - 1]! >= endOffset) n--;
    if (n === this.epochs.length) return;
    this.epochs.length = n;
    this.startOffsets.length = n;
    this.persistOrDefer();
  }

  /** The log now starts at startOffset: drop epochs wholly before it, clamp the one containing it. */
  truncateFromStart(startOffset: number): void {
    let i = 0;
    while (i + 1 < this.epochs.length && this.startOffsets[i + 1]! <= startOffset) i++;
    if (this.epochs.length === 0 || (i === 0 && this.startOffsets[0]! >= startOffset)) return;
    this.epochs.splice(0, i);
    this.startOffsets.splice(0, i);
    this.startOffsets[0] = Math.max(this.startOffsets[0]!, startOffset);
    this.persistOrDefer();
  }

  /** Writes the file if an earlier write failed; throws if it fails again. */
  persistPending(): void {
    if (!this.dirty) return;
    this.write(this.epochs, this.startOffsets);
    this.dirty = false;
  }

  /**
   * Truncations may lag on disk: opening a log truncates the history to its log start and end offsets
   * again, so a stale file only costs that. A full disk must not stop the deletes that free it.
   */
  private persistOrDefer(): void {
    try {
      this.write(this.epochs, this.startOffsets);
      this.dirty = false;
    } catch {
      this.dirty = true;
    }
  }

  private write(epochs: readonly number[], startOffsets: readonly number[]): void {
    writeCheckpointFile(
      this.file,
      VERSION,
      epochs.map((e, i) => `${e} ${startOffsets[i]}`),
    );
  }
}
