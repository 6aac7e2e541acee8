// How many of a leadership's appended bytes a bound (the last stable offset) has passed, so a read_committed
// long poll can count bytes that became readable as Kafka's DelayedFetch does with file positions: the main
// thread has no positions, so it keeps the appends above the bound as (end offset, bytes) and releases
// them as the bound moves past their end.
//
// Limit: at most maxEntries appends are kept apart; past it a new append joins the last one, so its bytes
// count only once the bound passes the later end (a fetch may wait longer, up to its max_wait_ms, never
// answer early). Bytes appended before the first append this tracker saw (a new leadership's log) are
// unknown: a bound moving through them says so (passedUnknown), and waiters fall back to re-reading.

/** Appends kept apart above the bound per partition (a long-open transaction holds the bound). */
export const DEFAULT_MAX_TRACKED_APPENDS = 1024;

export class BytesBelow {
  /** Bytes of tracked appends the bound has passed, cumulative. */
  passed = 0;
  /** The last advance went through offsets whose bytes were never tracked. */
  passedUnknown = false;
  /** Advances through untracked offsets, cumulative (a fetch that read meanwhile reads again). */
  unknownPasses = 0;
  readonly #ends: number[] = [];
  readonly #sizes: number[] = [];
  #head = 0;
  /** First offset whose bytes are tracked; -1 until an append with a known base offset. */
  #knownFrom = -1;

  constructor(readonly maxEntries = DEFAULT_MAX_TRACKED_APPENDS) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries ${maxEntries}`);
  }

  /** Appends waiting for the bound. */
  get size(): number {
    return this.#ends.length - this.#head;
  }

  /**
   * An append of `bytes` ending at `endOffset` (exclusive), starting at `baseOffset` (-1: unknown). Results
   * may come back out of order: one ending before the last tracked end joins that entry (counted later).
   */
  onAppend(baseOffset: number, endOffset: number, bytes: number): void {
    if (this.#knownFrom < 0 && baseOffset >= 0) this.#knownFrom = baseOffset;
    const last = this.#ends.length - 1;
    if (last >= this.#head && (endOffset <= this.#ends[last]! || this.size >= this.maxEntries)) {
      if (endOffset > this.#ends[last]!) this.#ends[last] = endOffset;
      this.#sizes[last]! += bytes;
      return;
    }
    this.#ends.push(endOffset);
    this.#sizes.push(bytes);
  }

  /** The bound moved from `from` up to `to`: releases the appends that now end at or below it. */
  advance(from: number, to: number): void {
    this.passedUnknown = this.#knownFrom < 0 || from < this.#knownFrom;
    if (this.passedUnknown) this.unknownPasses++;
    const ends = this.#ends;
    let head = this.#head;
    while (head < ends.length && ends[head]! <= to) this.passed += this.#sizes[head++]!;
    if (head === ends.length) {
      ends.length = 0;
      this.#sizes.length = 0;
      head = 0;
    } else if (head > 64 && head * 2 > ends.length) {
      ends.splice(0, head);
      this.#sizes.splice(0, head);
      head = 0;
    }
    this.#head = head;
  }

  /** A new leadership or a rewritten log: nothing tracked, the bytes below the next appends unknown. */
  reset(): void {
    this.#ends.length = 0;
    this.#sizes.length = 0;
    this.#head = 0;
    this.#knownFrom = -1;
  }
}
