// Sparse time index (Kafka's TimeIndex): 12-byte entries of int64 timestamp and int32 relative offset,
// appended only when the segment's max timestamp grows, so both columns increase. The last slot is
// reserved for the entry written when the segment rolls.

import { AbstractIndex, CorruptIndexError } from './abstract-index.js';
import { INT32_MAX, NO_TIMESTAMP, readInt32, readInt64, writeInt32, writeInt64 } from './batch.js';

export const TIME_INDEX_ENTRY_SIZE = 12;

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex extends AbstractIndex {
  constructor(path: string, baseOffset: number, maxIndexSize: number, writable: boolean) {
    super(path, baseOffset, TIME_INDEX_ENTRY_SIZE, maxIndexSize, writable);
  }

  protected keyAt(slot: number): number {
    return readInt64(this.map!, slot * TIME_INDEX_ENTRY_SIZE);
  }

  offsetAt(slot: number): number {
    return this.baseOffset + readInt32(this.map!, slot * TIME_INDEX_ENTRY_SIZE + 8);
  }

  timestampAt(slot: number): number {
    return this.keyAt(slot);
  }

  override isFull(): boolean {
    this.ensureLoaded();
    return this.entryCount >= this.maxEntryCount - 1;
  }

  /** The last entry, or (NO_TIMESTAMP, baseOffset) when empty. */
  lastEntry(): TimestampOffset {
    this.ensureLoaded();
    const n = this.entries;
    return n === 0
      ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset }
      : { timestamp: this.keyAt(n - 1), offset: this.offsetAt(n - 1) };
  }

  /** Largest entry with timestamp <= target, or (NO_TIMESTAMP, baseOffset). */
  lookup(timestamp: number): TimestampOffset {
    this.ensureLoaded();
    const slot = this.largestLowerBound(timestamp);
    return slot < 0
      ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset }
      : { timestamp: this.keyAt(slot), offset: this.offsetAt(slot) };
  }

  /** Appends when the timestamp grows; `final` may use the slot reserved for the roll. */
  maybeAppend(timestamp: number, offset: number, final = false): void {
    this.ensureLoaded();
    const n = this.entries;
    if (n > 0 && timestamp <= this.keyAt(n - 1)) return;
    if (timestamp < 0 && n === 0) return;
    if (!this.isWritable || (final ? this.hasNoFreeSlot() : this.isFull())) {
      if (final) return;
      throw new Error(`time index ${this.path} is full or read-only`);
    }
    const relative = offset - this.baseOffset;
    if (relative < 0 || relative > INT32_MAX || (n > 0 && offset < this.offsetAt(n - 1))) {
      throw new Error(`time index offset ${offset} out of order for base ${this.baseOffset}`);
    }
    // A compare unless the reserved prefix must grow. The roll's entry is skipped rather than failing the
    // roll: the segment's max timestamp then falls back to the file's mtime.
    if (!final) this.reserve(1);
    else if (!this.tryReserve(1)) return;
    const p = n * TIME_INDEX_ENTRY_SIZE;
    writeInt64(this.map!, p, timestamp);
    writeInt32(this.map!, p + 8, relative);
    this.entries = n + 1;
  }

  /** Removes entries for offsets >= offset. */
  truncateTo(offset: number): void {
    this.ensureLoaded();
    let n = this.entries;
    while (n > 0 && this.offsetAt(n - 1) >= offset) n--;
    this.truncateToEntries(n);
  }

  protected sanityCheck(): void {
    const n = this.entries;
    if (n === 0) return;
    const rel = readInt32(this.map!, (n - 1) * TIME_INDEX_ENTRY_SIZE + 8);
    if (
      rel < 0 ||
      (n > 1 && (this.keyAt(n - 1) <= this.keyAt(n - 2) || this.offsetAt(n - 1) < this.offsetAt(n - 2)))
    ) {
      throw new CorruptIndexError(`${this.path}: bad last entry`);
    }
  }
}
