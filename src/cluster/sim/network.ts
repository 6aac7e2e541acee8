// A simulated network for deterministic simulation: endpoints at string addresses exchange datagrams (which
// it drops, duplicates, delays and so reorders at seeded random) and stream messages (delayed but whole and in
// order per pair, as TCP), with partitions that cut links in one or both directions. Everything runs on one
// ManualClock and one seeded Random, so a run is a pure function of its seed and the calls made on it.
import type { ManualClock } from '../../clock.js';
import { type Random, randomBetween } from '../../random.js';

export interface SimFaults {
  /** Probability a datagram is lost. */
  dropRate: number;
  /** Probability a delivered datagram arrives twice. */
  duplicateRate: number;
  /** Datagram and stream delays are uniform in [minDelayMs, maxDelayMs]; datagrams reorder within it. */
  minDelayMs: number;
  maxDelayMs: number;
}

export const NO_FAULTS: Readonly<SimFaults> = Object.freeze({
  dropRate: 0,
  duplicateRate: 0,
  minDelayMs: 1,
  maxDelayMs: 1,
});

export interface SimHandler<T = Uint8Array> {
  datagram(from: string, message: T): void;
  stream(from: string, message: T): void;
}

export interface SimStats {
  datagramsSent: number;
  datagramsDelivered: number;
  datagramsDropped: number;
  streamsSent: number;
  streamsDelivered: number;
  streamsRefused: number;
  largestDatagram: number;
  largestStream: number;
}

/** Size of a message for the stats (bytes for byte messages, 0 otherwise). */
function sizeOf(m: unknown): number {
  return m instanceof Uint8Array ? m.length : 0;
}

/** A private copy of what was sent, so the sender can reuse or change its own. */
function copyOf<T>(m: T): T {
  return (m instanceof Uint8Array ? Uint8Array.from(m) : structuredClone(m)) as T;
}

/** Messages are bytes (the membership) or plain objects (copied with structuredClone). */
export class SimNetwork<T = Uint8Array> {
  faults: SimFaults;
  readonly stats: SimStats = {
    datagramsSent: 0,
    datagramsDelivered: 0,
    datagramsDropped: 0,
    streamsSent: 0,
    streamsDelivered: 0,
    streamsRefused: 0,
    largestDatagram: 0,
    largestStream: 0,
  };
  readonly #clock: ManualClock;
  readonly #random: Random;
  readonly #handlers = new Map<string, SimHandler<T>>();
  /** "from>to" links that drop everything. */
  readonly #cut = new Set<string>();
  /** Per "from>to" pair, the time the last stream message arrives: streams never overtake each other. */
  readonly #streamTail = new Map<string, number>();

  constructor(clock: ManualClock, random: Random, faults: SimFaults = NO_FAULTS) {
    this.#clock = clock;
    this.#random = random;
    this.faults = { ...faults };
  }

  /** Gives `address` a handler; returns the sending side for that address. */
  attach(address: string, handler: SimHandler<T>): SimEndpoint<T> {
    this.#handlers.set(address, handler);
    return new SimEndpoint(this, address);
  }

  /** The address stops receiving (a crashed process); messages in flight to it are lost. */
  detach(address: string): void {
    this.#handlers.delete(address);
  }

  /** Cuts every link between the two groups, both ways (or only a -> b when oneWay). */
  partition(a: readonly string[], b: readonly string[], oneWay = false): void {
    for (const x of a) {
      for (const y of b) {
        this.#cut.add(`${x}>${y}`);
        if (!oneWay) this.#cut.add(`${y}>${x}`);
      }
    }
  }

  /** Isolates one address from all others, both ways. */
  isolate(address: string, others: readonly string[]): void {
    this.partition(
      [address],
      others.filter((o) => o !== address),
    );
  }

  /** Restores every link. */
  heal(): void {
    this.#cut.clear();
  }

  linked(from: string, to: string): boolean {
    return !this.#cut.has(`${from}>${to}`);
  }

  sendDatagram(from: string, to: string, bytes: T): void {
    this.stats.datagramsSent++;
    this.stats.largestDatagram = Math.max(this.stats.largestDatagram, sizeOf(bytes));
    if (!this.linked(from, to) || this.#random.next() < this.faults.dropRate) {
      this.stats.datagramsDropped++;
      return;
    }
    const copy = copyOf(bytes);
    const copies = this.#random.next() < this.faults.duplicateRate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      this.#clock.schedule(this.#delay(), () => {
        // A link cut while the datagram was in flight loses it too.
        const h = this.#handlers.get(to);
        if (h === undefined || !this.linked(from, to)) {
          this.stats.datagramsDropped++;
          return;
        }
        this.stats.datagramsDelivered++;
        h.datagram(from, copy);
      });
    }
  }

  sendStream(from: string, to: string, bytes: T): void {
    this.stats.streamsSent++;
    this.stats.largestStream = Math.max(this.stats.largestStream, sizeOf(bytes));
    if (!this.linked(from, to) || !this.#handlers.has(to)) {
      this.stats.streamsRefused++;
      return;
    }
    const copy = copyOf(bytes);
    const key = `${from}>${to}`;
    const now = this.#clock.now();
    const at = Math.max(now + this.#delay(), this.#streamTail.get(key) ?? 0);
    this.#streamTail.set(key, at);
    this.#clock.schedule(at - now, () => {
      const h = this.#handlers.get(to);
      if (h === undefined || !this.linked(from, to)) {
        this.stats.streamsRefused++;
        return;
      }
      this.stats.streamsDelivered++;
      h.stream(from, copy);
    });
  }

  #delay(): number {
    const { minDelayMs, maxDelayMs } = this.faults;
    return Math.floor(randomBetween(this.#random, minDelayMs, maxDelayMs + 1));
  }
}

/** One address's sending side, shaped as the membership transport. */
export class SimEndpoint<T = Uint8Array> {
  constructor(
    readonly network: SimNetwork<T>,
    readonly address: string,
  ) {}

  sendDatagram(to: string, message: T): void {
    this.network.sendDatagram(this.address, to, message);
  }

  sendStream(to: string, message: T): void {
    this.network.sendStream(this.address, to, message);
  }
}
