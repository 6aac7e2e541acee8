// Lifeguard's dynamic suspicion: a suspicion starts at its longest timeout and shrinks, log-scaled, toward
// its shortest as independent members confirm it, so a well-confirmed failure is declared fast while a lone
// (possibly slow or partitioned) accuser has to wait long enough for the suspect to refute.
import type { Clock, Timer } from '../../clock.js';

/** Timeout after `confirmations` of `expected` independent confirmations (Lifeguard's formula). */
export function suspicionTimeout(
  confirmations: number,
  expected: number,
  minMs: number,
  maxMs: number,
): number {
  if (expected <= 0) return minMs;
  const frac = Math.log(confirmations + 1) / Math.log(expected + 1);
  return Math.max(minMs, Math.floor(maxMs - frac * (maxMs - minMs)));
}

export class Suspicion {
  readonly #clock: Clock;
  readonly #startedAt: number;
  readonly #confirmedBy = new Set<number>();
  readonly #onTimeout: () => void;
  #timer: Timer;
  #fired = false;

  /** `from` is the first accuser; `expected` confirmations bring the timeout down to minMs. */
  constructor(
    clock: Clock,
    from: number,
    readonly expected: number,
    readonly minMs: number,
    readonly maxMs: number,
    onTimeout: () => void,
  ) {
    this.#clock = clock;
    this.#startedAt = clock.now();
    this.#confirmedBy.add(from);
    this.#onTimeout = onTimeout;
    this.#timer = clock.schedule(expected > 0 ? maxMs : minMs, () => this.#fire());
  }

  /** Confirmations past the first accuser. */
  get confirmations(): number {
    return this.#confirmedBy.size - 1;
  }

  /** Counts an accuser not seen before; true if it was new (worth re-gossiping). */
  confirm(from: number): boolean {
    if (this.#fired || this.confirmations >= this.expected || this.#confirmedBy.has(from)) return false;
    this.#confirmedBy.add(from);
    const timeout = suspicionTimeout(this.confirmations, this.expected, this.minMs, this.maxMs);
    const left = timeout - (this.#clock.now() - this.#startedAt);
    this.#timer.cancel();
    this.#timer = this.#clock.schedule(Math.max(0, left), () => this.#fire());
    return true;
  }

  cancel(): void {
    this.#fired = true;
    this.#timer.cancel();
  }

  #fire(): void {
    if (this.#fired) return;
    this.#fired = true;
    this.#onTimeout();
  }
}
