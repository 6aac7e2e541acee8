// The cleaner's key -> latest offset map (Kafka's SkinnyOffsetMap), built over the dirty section of a log.
// Bounded by an entry count, the analogue of log.cleaner.dedupe.buffer.size. Keys of up to 16 bytes are
// stored as they are; longer ones by their MD5 digest, as Kafka stores every key (a collision between two
// long keys would make the older record of one vanish early: the same odds Kafka accepts).
import { createHash } from 'node:crypto';

const INLINE_KEY_BYTES = 16;

/** The map's name for key bytes buf[start, end). The prefix keeps a raw key apart from a digest. */
export function keyId(buf: Buffer, start: number, end: number): string {
  if (end - start <= INLINE_KEY_BYTES) return `k${buf.toString('latin1', start, end)}`;
  return `h${createHash('md5').update(buf.subarray(start, end)).digest('base64')}`;
}

export class OffsetMap {
  readonly maxEntries: number;
  readonly #offsets = new Map<string, number>();
  /** Last offset of the last batch whose records were all put; -1 before any. */
  #latestOffset = -1;

  constructor(maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`offset map needs at least one entry, got ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.#offsets.size;
  }

  get latestOffset(): number {
    return this.#latestOffset;
  }

  /** Records `offset` as the latest for `key`; false (nothing stored) when a new key would not fit. */
  put(key: string, offset: number): boolean {
    const offsets = this.#offsets;
    if (offsets.size >= this.maxEntries && !offsets.has(key)) return false;
    const prev = offsets.get(key);
    if (prev !== undefined && prev > offset) throw new Error(`offset map: ${offset} after ${prev}`);
    offsets.set(key, offset);
    return true;
  }

  /** Latest offset recorded for key, or -1. */
  get(key: string): number {
    return this.#offsets.get(key) ?? -1;
  }

  /** A whole batch ending at lastOffset is in the map: cleaning may go up to lastOffset + 1. */
  updateLatestOffset(lastOffset: number): void {
    if (lastOffset > this.#latestOffset) this.#latestOffset = lastOffset;
  }
}
