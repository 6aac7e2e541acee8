// Randomness as a state machine sees it. Membership, elections and simulated networks draw from a Random
// they are given, so a seed replays a run exactly; production passes systemRandom.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** Uniform integer in [0, n); n a positive integer. */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random.next() * n);
}

/** Uniform in [lo, hi). */
export function randomBetween(random: Random, lo: number, hi: number): number {
  return lo + random.next() * (hi - lo);
}

/** Fisher-Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

export const systemRandom: Random = { next: () => Math.random() };

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator), seeded through splitmix32 so that nearby
 * seeds give unrelated streams. Not for secrets; for reproducible simulations and jitter.
 */
export class SeededRandom implements Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = mix();
    this.#b = mix();
    this.#c = mix();
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.#u32();
  }

  next(): number {
    return this.#u32() / 4294967296;
  }

  /** An independent stream derived from this one (one per simulated node, say). */
  fork(): SeededRandom {
    return new SeededRandom(this.#u32());
  }

  #u32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }
}
