// Time as the group coordinator sees it. The coordinator never calls Date.now or setTimeout directly, so a
// test can drive every session timeout, rebalance timeout and retention check from a ManualClock.

export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Runs fn once, ms from now. The callback must not throw (the coordinator's never do). */
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

/** Wall-clock time. Timers are unref'd: group timers alone never keep a process alive. */
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

/**
 * A clock that only moves when told to. Timers fire in deadline order (ties in scheduling order), each with
 * now() equal to its deadline, so a run is a pure function of the calls made on it.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  // A sorted array is plenty for the few hundred timers a test schedules.
  readonly #timers: ManualEntry[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, fn: () => void): Timer {
    const entry: ManualEntry = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    let i = this.#timers.length;
    while (i > 0) {
      const prev = this.#timers[i - 1]!;
      if (prev.at < entry.at || (prev.at === entry.at && prev.seq < entry.seq)) break;
      i--;
    }
    this.#timers.splice(i, 0, entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Timers still due to fire. */
  get pending(): number {
    let n = 0;
    for (const t of this.#timers) if (!t.cancelled) n++;
    return n;
  }

  /** Moves time forward by ms, firing every timer due on the way (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#timers[0];
      if (next === undefined || next.at > target) break;
      this.#timers.shift();
      if (next.cancelled) continue;
      this.#now = next.at;
      next.fn();
    }
    this.#now = target;
  }
}
