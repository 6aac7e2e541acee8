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

  /** Records that `epoch` starts at startOffset. Entries that conflict (start at or after it) are dropped. */
  assign(epoch: number, startOffset: number): void {
    if (epoch <= this.latestEpoch) return;
    while (this.startOffsets.length > 0 && this.startOffsets[this.startOffsets.length - 1]! >= startOffset) {
      this.epochs.pop();
      this.startOffsets.pop();
    }
    this.epochs.push(epoch);
    this.startOffsets.push(startOffset);
    if (this.epochs.length > this.maxEntries) {
      this.epochs.shift();
      this.startOffsets.shift();
    }
    this.persist();
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
    this.persist();
  }

  /** The log now starts at startOffset: drop epochs wholly before it, clamp the one containing it. */
  truncateFromStart(startOffset: number): void {
    let i = 0;
    while (i + 1 < this.epochs.length && this.startOffsets[i + 1]! <= startOffset) i++;
    if (this.epochs.length === 0 || (i === 0 && this.startOffsets[0]! >= startOffset)) return;
    this.epochs.splice(0, i);
    this.startOffsets.splice(0, i);
    this.startOffsets[0] = Math.max(this.startOffsets[0]!, startOffset);
    this.persist();
  }

  private persist(): void {
    writeCheckpointFile(
      this.file,
      VERSION,
      this.epochs.map((e, i) => `${e} ${this.startOffsets[i]}`),
    );
  }
}
