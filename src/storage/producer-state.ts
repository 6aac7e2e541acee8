// Idempotent producer state of one partition (Kafka's ProducerStateManager, without transactions): for each
// producer id, its epoch and the sequence ranges of its last few batches, so a retried batch is recognised
// and answered with the offsets it got the first time, and a gap in sequences is refused.
import { ErrorCode, KafkaError } from '../protocol/errors.js';

/** Kafka keeps the last five batches per producer: a producer has at most five requests in flight. */
export const BATCHES_PER_PRODUCER = 5;
const SEQ_MODULUS = 2 ** 31;

export interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

export interface ProducerEntry {
  producerId: number;
  epoch: number;
  /** Oldest first; at most BATCHES_PER_PRODUCER. */
  batches: BatchMetadata[];
  lastTimestamp: number;
}

export interface ProducerStateLimits {
  /** Producers remembered per partition; the least recently active is forgotten past it. */
  maxProducers: number;
  /** A producer silent this long is forgotten (Kafka's producer.id.expiration.ms, default one day). */
  expirationMs: number;
}

export const DEFAULT_PRODUCER_STATE_LIMITS: ProducerStateLimits = {
  maxProducers: 10_000,
  expirationMs: 24 * 3600 * 1000,
};

/** The sequence of the last record of a batch, wrapping as Kafka's int32 sequences do. */
export function lastSequence(baseSequence: number, lastOffsetDelta: number): number {
  return (baseSequence + lastOffsetDelta) % SEQ_MODULUS;
}

function follows(prevLastSeq: number, firstSeq: number): boolean {
  return firstSeq === (prevLastSeq + 1) % SEQ_MODULUS;
}

export class ProducerStateManager {
  readonly #producers = new Map<number, ProducerEntry>();

  constructor(readonly limits: ProducerStateLimits = DEFAULT_PRODUCER_STATE_LIMITS) {}

  get size(): number {
    return this.#producers.size;
  }

  get(producerId: number): ProducerEntry | undefined {
    return this.#producers.get(producerId);
  }

  entries(): IterableIterator<ProducerEntry> {
    return this.#producers.values();
  }

  /**
   * Checks a batch before it is written. Returns the original metadata when the batch is a retry of one
   * already in the log, null when it is new and in order; throws KafkaError otherwise.
   */
  check(producerId: number, epoch: number, firstSeq: number, lastSeq: number): BatchMetadata | null {
    if (firstSeq < 0) {
      throw new KafkaError(
        ErrorCode.INVALID_RECORD,
        `idempotent batch without a sequence (producer ${producerId})`,
      );
    }
    const entry = this.#producers.get(producerId);
    if (entry === undefined) {
      if (firstSeq !== 0) {
        throw new KafkaError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `producer ${producerId} is unknown here and must start at sequence 0, not ${firstSeq}`,
        );
      }
      return null;
    }
    if (epoch < entry.epoch) {
      throw new KafkaError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `producer ${producerId} epoch ${epoch} is older than ${entry.epoch}`,
      );
    }
    if (epoch > entry.epoch) {
      if (firstSeq !== 0) {
        throw new KafkaError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `producer ${producerId} new epoch ${epoch} must start at sequence 0, not ${firstSeq}`,
        );
      }
      return null;
    }
    for (const b of entry.batches) {
      if (b.firstSeq === firstSeq && b.lastSeq === lastSeq) return b;
    }
    const last = entry.batches[entry.batches.length - 1];
    if (last !== undefined && !follows(last.lastSeq, firstSeq)) {
      throw new KafkaError(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        `producer ${producerId} epoch ${epoch}: expected sequence ${(last.lastSeq + 1) % SEQ_MODULUS}, got ${firstSeq}`,
      );
    }
    return null;
  }

  /** Records a batch that was written. */
  update(producerId: number, epoch: number, batch: BatchMetadata): void {
    let entry = this.#producers.get(producerId);
    if (entry === undefined || epoch > entry.epoch) {
      if (entry === undefined && this.#producers.size >= this.limits.maxProducers) this.#evictOldest();
      entry = { producerId, epoch, batches: [], lastTimestamp: batch.maxTimestamp };
      this.#producers.set(producerId, entry);
    }
    entry.batches.push(batch);
    if (entry.batches.length > BATCHES_PER_PRODUCER) entry.batches.shift();
    if (batch.maxTimestamp > entry.lastTimestamp) entry.lastTimestamp = batch.maxTimestamp;
    // Map order doubles as recency order for eviction.
    this.#producers.delete(producerId);
    this.#producers.set(producerId, entry);
  }

  /** Forgets producers silent for longer than the expiration. */
  expire(now: number): number {
    let n = 0;
    for (const [id, e] of this.#producers) {
      if (now - e.lastTimestamp > this.limits.expirationMs) {
        this.#producers.delete(id);
        n++;
      }
    }
    return n;
  }

  /** Drops what the log no longer holds after truncation to `offset` (exclusive). */
  truncateTo(offset: number): void {
    for (const [id, e] of this.#producers) {
      e.batches = e.batches.filter((b) => b.lastOffset < offset);
      if (e.batches.length === 0) this.#producers.delete(id);
    }
  }

  clear(): void {
    this.#producers.clear();
  }

  #evictOldest(): void {
    const oldest = this.#producers.keys().next();
    if (!oldest.done) this.#producers.delete(oldest.value);
  }

  // ---- snapshot: version, end offset, then one line of JSON per producer ----

  /** Serialises the state as of `endOffset` (the log end offset it reflects). */
  snapshot(endOffset: number): string {
    const lines = [`1 ${endOffset}`];
    for (const e of this.#producers.values()) lines.push(JSON.stringify(e));
    return `${lines.join('\n')}\n`;
  }

  /** Loads a snapshot; returns its end offset, or -1 (and stays empty) if it is not readable. */
  load(text: string): number {
    this.#producers.clear();
    const lines = text.split('\n');
    const head = /^1 (\d+)$/.exec(lines[0] ?? '');
    if (!head) return -1;
    try {
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') continue;
        const e = JSON.parse(line) as ProducerEntry;
        if (!Number.isInteger(e.producerId) || !Number.isInteger(e.epoch) || !Array.isArray(e.batches)) {
          throw new Error('bad entry');
        }
        this.#producers.set(e.producerId, e);
      }
    } catch {
      this.#producers.clear();
      return -1;
    }
    return Number(head[1]);
  }
}

/** One producer as DescribeProducers shows it. */
export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  /** Sequence of the last record written, -1 when none is remembered. */
  lastSequence: number;
  lastTimestamp: number;
}

/** The producers a partition remembers, least recently active first. */
export function activeProducers(state: ProducerStateManager): ActiveProducer[] {
  const out: ActiveProducer[] = [];
  for (const e of state.entries()) {
    const last = e.batches[e.batches.length - 1];
    out.push({
      producerId: e.producerId,
      producerEpoch: e.epoch,
      lastSequence: last === undefined ? -1 : last.lastSeq,
      lastTimestamp: e.lastTimestamp,
    });
  }
  return out;
}
