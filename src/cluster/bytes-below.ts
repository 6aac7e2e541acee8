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
  // A ring of (end offset, bytes), grown by doubling up to maxEntries: no allocation per append.
  #ends = new Float64Array(8);
  #sizes = new Float64Array(8);
  #head = 0;
  #count = 0;
  /** First offset whose bytes are tracked; -1 until an append with a known base offset. */
  #knownFrom = -1;

  constructor(readonly maxEntries = DEFAULT_MAX_TRACKED_APPENDS) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries ${maxEntries}`);
  }

  /** Appends waiting for the bound. */
  get size(): number {
    return this.#count;
  }

  /**
   * An append of `bytes` ending at `endOffset` (exclusive), starting at `baseOffset` (-1: unknown). Results
   * may come back out of order: one ending before the last tracked end joins that entry (counted later).
   */
  onAppend(baseOffset: number, endOffset: number, bytes: number): void {
    if (this.#knownFrom < 0 && baseOffset >= 0) this.#knownFrom = baseOffset;
    const count = this.#count;
    if (count > 0) {
      const last = (this.#head + count - 1) % this.#ends.length;
      if (endOffset <= this.#ends[last]! || count >= this.maxEntries) {
        if (endOffset > this.#ends[last]!) this.#ends[last] = endOffset;
        this.#sizes[last]! += bytes;
        return;
      }
    }
    if (count === this.#ends.length) this.#grow();
    const at = (this.#head + count) % this.#ends.length;
    this.#ends[at] = endOffset;
    this.#sizes[at] = bytes;
    this.#count = count + 1;
  }

  /** The bound moved from `from` up to `to`: releases the appends that now end at or below it. */
  advance(from: number, to: number): void {
    this.passedUnknown = this.#knownFrom < 0 || from < this.#knownFrom;
    if (this.passedUnknown) this.unknownPasses++;
    const ends = this.#ends;
    const cap = ends.length;
    while (this.#count > 0 && ends[this.#head]! <= to) {
      this.passed += this.#sizes[this.#head]!;
      this.#head = (this.#head + 1) % cap;
      this.#count--;
    }
  }

  /** A new leadership or a rewritten log: nothing tracked, the bytes below the next appends unknown. */
  reset(): void {
    this.#head = 0;
    this.#count = 0;
    this.#knownFrom = -1;
  }

  #grow(): void {
    const cap = this.#ends.length;
    const ends = new Float64Array(Math.min(cap * 2, Math.max(this.maxEntries, 1)));
    const sizes = new Float64Array(ends.length);
    for (let i = 0; i < this.#count; i++) {
      ends[i] = this.#ends[(this.#head + i) % cap]!;
      sizes[i] = this.#sizes[(this.#head + i) % cap]!;
    }
    this.#ends = ends;
    this.#sizes = sizes;
    this.#head = 0;
  }
}
