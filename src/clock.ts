// Time as a state machine sees it. The group coordinator, membership and (later) the metadata quorum never
// call Date.now or setTimeout directly, so a test or a simulation drives every timeout from a ManualClock.

export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Runs fn once, ms from now. The callback must not throw (state machines catch their own errors). */
  schedule(ms: number, fn: () => void): Timer;
}

class NodeTimer implements Timer {
  readonly #handle: NodeJS.Timeout;
  constructor(handle: NodeJS.Timeout) {
    this.#handle = handle;
  }
  cancel(): void {
    clearTimeout(this.#handle);
  }
}

/** Wall-clock time. Timers are unref'd: state-machine timers alone never keep a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return new NodeTimer(handle);
  },
};

interface ManualEntry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

function before(a: ManualEntry, b: ManualEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * A clock that only moves when told to. Timers fire in deadline order (ties in scheduling order), each with
 * now() equal to its deadline, so a run is a pure function of the calls made on it. Timers sit in a binary
 * heap: a simulation of many nodes keeps thousands pending.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #live = 0;
  readonly #heap: ManualEntry[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, fn: () => void): Timer {
    const entry: ManualEntry = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#push(entry);
    this.#live++;
    return {
      cancel: () => {
        if (entry.cancelled) return;
        entry.cancelled = true;
        this.#live--;
      },
    };
  }

  /** Timers still due to fire. */
  get pending(): number {
    return this.#live;
  }

  /** Deadline of the next live timer, or null when none is pending. */
  nextDeadline(): number | null {
    this.#dropCancelled();
    const top = this.#heap[0];
    return top === undefined ? null : top.at;
  }

  /** Moves time forward by ms, firing every timer due on the way (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap[0];
      if (next === undefined || next.at > target) break;
      this.#pop();
      next.cancelled = true;
      this.#live--;
      this.#now = next.at;
      next.fn();
    }
    this.#now = target;
  }

  #dropCancelled(): void {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#pop();
  }

  #push(entry: ManualEntry): void {
    const heap = this.#heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}
