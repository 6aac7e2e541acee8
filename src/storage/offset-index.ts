// Sparse offset index (Kafka's OffsetIndex): 8-byte entries of int32 offset relative to the segment base
// and int32 file position. An entry (o, p) says the batch starting at byte p ends at offset o, so a
// lookup finds the largest entry <= target and the log scans forward from its position.

import { AbstractIndex, CorruptIndexError } from './abstract-index.js';
import { INT32_MAX, readInt32, writeInt32 } from './batch.js';

export const OFFSET_INDEX_ENTRY_SIZE = 8;

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex extends AbstractIndex {
  constructor(path: string, baseOffset: number, maxIndexSize: number, writable: boolean) {
    super(path, baseOffset, OFFSET_INDEX_ENTRY_SIZE, maxIndexSize, writable);
  }

  protected keyAt(slot: number): number {
    return readInt32(this.map!, slot * OFFSET_INDEX_ENTRY_SIZE);
  }

  positionAt(slot: number): number {
    return readInt32(this.map!, slot * OFFSET_INDEX_ENTRY_SIZE + 4);
  }

  offsetAt(slot: number): number {
    return this.baseOffset + this.keyAt(slot);
  }

  /** The last entry, or (baseOffset, 0) when empty. */
  lastEntry(): OffsetPosition {
    this.ensureLoaded();
    const n = this.entries;
    return n === 0
      ? { offset: this.baseOffset, position: 0 }
      : { offset: this.offsetAt(n - 1), position: this.positionAt(n - 1) };
  }

  /** Position to scan from for `offset`: the largest entry <= offset, or the segment start. */
  lookup(offset: number): OffsetPosition {
    this.ensureLoaded();
    const slot = this.largestLowerBound(offset - this.baseOffset);
    return slot < 0
      ? { offset: this.baseOffset, position: 0 }
      : { offset: this.offsetAt(slot), position: this.positionAt(slot) };
  }

  /** Just the position of lookup(offset), without allocating. */
  lookupPosition(offset: number): number {
    this.ensureLoaded();
    const slot = this.largestLowerBound(offset - this.baseOffset);
    return slot < 0 ? 0 : this.positionAt(slot);
  }

  append(offset: number, position: number): void {
    this.ensureLoaded();
    const relative = offset - this.baseOffset;
    if (!this.isWritable || this.hasNoFreeSlot())
      throw new Error(`offset index ${this.path} is full or read-only`);
    if (relative < 0 || relative > INT32_MAX || position <= 0 || position > INT32_MAX) {
      throw new Error(`offset index entry (${offset}, ${position}) out of range for base ${this.baseOffset}`);
    }
    const n = this.entries;
    if (n > 0 && (relative <= this.keyAt(n - 1) || position <= this.positionAt(n - 1))) {
      throw new Error(`offset index entries must increase: (${offset}, ${position}) after entry ${n - 1}`);
    }
    this.reserve(1); // a compare unless the reserved prefix must grow
    const p = n * OFFSET_INDEX_ENTRY_SIZE;
    writeInt32(this.map!, p, relative);
    writeInt32(this.map!, p + 4, position);
    this.entries = n + 1;
  }

  /** Removes entries for offsets >= offset. */
  truncateTo(offset: number): void {
    this.ensureLoaded();
    this.truncateToEntries(this.largestLowerBound(offset - 1 - this.baseOffset) + 1);
  }

  protected sanityCheck(): void {
    let prevKey = -1;
    let prevPos = 0;
    // Only the last entry is checked on open (as Kafka) unless the file is small: cheap either way.
    const from = Math.max(0, this.entries - 2);
    for (let i = from; i < this.entries; i++) {
      const key = this.keyAt(i);
      const pos = this.positionAt(i);
      if (key < 0 || pos <= 0 || (i > from && (key <= prevKey || pos <= prevPos))) {
        throw new CorruptIndexError(`${this.path}: bad entry ${i} (${key}, ${pos})`);
      }
      prevKey = key;
      prevPos = pos;
    }
  }
}
