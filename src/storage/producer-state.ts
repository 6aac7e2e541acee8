// Producer state of one partition (Kafka's ProducerStateManager): for each producer id, its epoch and the
// sequence ranges of its last few batches, so a retried batch is recognised and answered with the offsets it
// got the first time, and a gap in sequences is refused; and for transactional producers the ongoing
// transaction (its first offset) and the coordinator epoch of its last marker. The first unstable offset
// (the oldest ongoing transaction, or a completed one whose marker the high watermark has not passed yet)
// bounds the last stable offset that read_committed consumers read up to.
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
  /** First offset of the producer's ongoing transaction on this partition, -1 when none. */
  txnFirstOffset: number;
  /** Coordinator epoch of the last marker written for it, -1 before any. */
  coordinatorEpoch: number;
}

/** A transaction a marker ended. */
export interface CompletedTxn {
  producerId: number;
  firstOffset: number;
  /** The marker's offset. */
  lastOffset: number;
  commit: boolean;
}

/** An ongoing transaction, for DescribeProducers and finding a hanging one. */
export interface OngoingTxn {
  producerId: number;
  producerEpoch: number;
  firstOffset: number;
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
  /** Ongoing transactions: producer id to first offset, in the order they began (so by first offset). */
  readonly #ongoing = new Map<number, number>();
  /** Completed transactions whose marker is not below the high watermark yet: still unstable. */
  #unreplicated: CompletedTxn[] = [];

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
      entry = {
        producerId,
        epoch,
        batches: [],
        lastTimestamp: batch.maxTimestamp,
        txnFirstOffset: entry?.txnFirstOffset ?? -1,
        coordinatorEpoch: entry?.coordinatorEpoch ?? -1,
      };
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
      // A producer in a transaction stays until its marker (Kafka's rule).
      if (e.txnFirstOffset < 0 && now - e.lastTimestamp > this.limits.expirationMs) {
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
      if (e.txnFirstOffset >= offset) {
        e.txnFirstOffset = -1;
        this.#ongoing.delete(id);
      }
      if (e.batches.length === 0 && e.txnFirstOffset < 0) this.#producers.delete(id);
    }
    this.#unreplicated = this.#unreplicated.filter((t) => t.lastOffset < offset);
  }

  clear(): void {
    this.#producers.clear();
    this.#ongoing.clear();
    this.#unreplicated = [];
  }

  /** Whether any transactional state is kept (a truncation then rebuilds the state from the log). */
  get hasTransactions(): boolean {
    if (this.#ongoing.size > 0 || this.#unreplicated.length > 0) return true;
    for (const e of this.#producers.values()) if (e.coordinatorEpoch >= 0) return true;
    return false;
  }

  #evictOldest(): void {
    // Never a producer in a transaction: forgetting it would forget where the transaction starts.
    for (const [id, e] of this.#producers) {
      if (e.txnFirstOffset >= 0) continue;
      this.#producers.delete(id);
      return;
    }
  }

  // ---- transactions ----

  /**
   * Checks a transactional or idempotent batch against the producer's transaction before it is written:
   * a non-transactional batch from a producer in a transaction is INVALID_TXN_STATE (Kafka's rule); a
   * transactional one that would begin a transaction needs `verified` (the coordinator said this partition
   * is in its transaction, KIP-890), else INVALID_TXN_STATE. Returns whether it begins one.
   */
  checkTxnBatch(producerId: number, transactional: boolean, verified: boolean): boolean {
    const entry = this.#producers.get(producerId);
    const ongoing = entry !== undefined && entry.txnFirstOffset >= 0;
    if (!transactional) {
      if (ongoing) {
        throw new KafkaError(
          ErrorCode.INVALID_TXN_STATE,
          `producer ${producerId} has a transaction open here and wrote a non-transactional batch`,
        );
      }
      return false;
    }
    if (ongoing) return false;
    if (!verified) {
      throw new KafkaError(
        ErrorCode.INVALID_TXN_STATE,
        `producer ${producerId} has no transaction verified for this partition`,
      );
    }
    return true;
  }

  /** A transactional batch at `firstOffset` began the producer's transaction (after update()). */
  beginTxn(producerId: number, firstOffset: number): void {
    const e = this.#producers.get(producerId);
    if (e === undefined || e.txnFirstOffset >= 0) return;
    e.txnFirstOffset = firstOffset;
    this.#ongoing.set(producerId, firstOffset);
  }

  /**
   * Checks a marker before it is written: an epoch older than the producer's is INVALID_PRODUCER_EPOCH
   * (the marker's may be newer: the coordinator bumps epochs at transaction end), a coordinator epoch older
   * than the last marker's is TRANSACTION_COORDINATOR_FENCED.
   */
  checkMarker(producerId: number, epoch: number, coordinatorEpoch: number): void {
    const e = this.#producers.get(producerId);
    if (e === undefined) return;
    if (epoch < e.epoch) {
      throw new KafkaError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `marker for producer ${producerId} at epoch ${epoch}, older than ${e.epoch}`,
      );
    }
    if (coordinatorEpoch < e.coordinatorEpoch) {
      throw new KafkaError(
        ErrorCode.TRANSACTION_COORDINATOR_FENCED,
        `marker from coordinator epoch ${coordinatorEpoch}, older than ${e.coordinatorEpoch}`,
      );
    }
  }

  /**
   * A marker at `markerOffset` was written: ends the producer's transaction, if one is going, and takes the
   * marker's epoch (a newer epoch restarts its sequences, so a straggler of the old epoch is fenced).
   */
  completeTxn(
    producerId: number,
    epoch: number,
    coordinatorEpoch: number,
    markerOffset: number,
    commit: boolean,
    timestamp: number,
  ): CompletedTxn | null {
    let e = this.#producers.get(producerId);
    if (e === undefined) {
      if (this.#producers.size >= this.limits.maxProducers) this.#evictOldest();
      e = {
        producerId,
        epoch,
        batches: [],
        lastTimestamp: timestamp,
        txnFirstOffset: -1,
        coordinatorEpoch,
      };
      this.#producers.set(producerId, e);
    }
    if (epoch > e.epoch) {
      e.epoch = epoch;
      e.batches = [];
    }
    e.coordinatorEpoch = coordinatorEpoch;
    if (timestamp > e.lastTimestamp) e.lastTimestamp = timestamp;
    if (e.txnFirstOffset < 0) return null;
    const done: CompletedTxn = {
      producerId,
      firstOffset: e.txnFirstOffset,
      lastOffset: markerOffset,
      commit,
    };
    e.txnFirstOffset = -1;
    this.#ongoing.delete(producerId);
    this.#unreplicated.push(done);
    return done;
  }

  /**
   * Kafka's last stable offset of an aborted transaction's index entry: the first offset of the oldest
   * other ongoing transaction, else the marker's offset + 1.
   */
  lastStableOffsetAfter(done: CompletedTxn): number {
    for (const [pid, first] of this.#ongoing) if (pid !== done.producerId) return first;
    return done.lastOffset + 1;
  }

  /**
   * The first unstable offset with the high watermark at `highWatermark` (completed transactions whose
   * marker it passed are dropped), or -1 when every transaction is done and replicated.
   */
  firstUnstableOffset(highWatermark: number): number {
    let first = -1;
    for (const offset of this.#ongoing.values()) {
      first = offset;
      break;
    }
    if (this.#unreplicated.length === 0) return first;
    this.#unreplicated = this.#unreplicated.filter((t) => t.lastOffset >= highWatermark);
    for (const t of this.#unreplicated) if (first < 0 || t.firstOffset < first) first = t.firstOffset;
    return first;
  }

  /** Ongoing transactions, oldest first (a hanging one is the first). */
  ongoingTxns(): OngoingTxn[] {
    const out: OngoingTxn[] = [];
    for (const [producerId, firstOffset] of this.#ongoing) {
      out.push({ producerId, producerEpoch: this.#producers.get(producerId)?.epoch ?? -1, firstOffset });
    }
    return out;
  }

  // ---- snapshot: version, end offset, then one line of JSON per producer; v2 adds a last line with the
  // completed transactions still unstable ----

  /** Serialises the state as of `endOffset` (the log end offset it reflects). */
  snapshot(endOffset: number): string {
    const lines = [`2 ${endOffset}`];
    for (const e of this.#producers.values()) lines.push(JSON.stringify(e));
    lines.push(JSON.stringify({ unreplicated: this.#unreplicated }));
    return `${lines.join('\n')}\n`;
  }

  /** Loads a snapshot; returns its end offset, or -1 (and stays empty) if it is not readable. */
  load(text: string): number {
    this.clear();
    const lines = text.split('\n');
    const head = /^([12]) (\d+)$/.exec(lines[0] ?? '');
    if (!head) return -1;
    try {
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') continue;
        const parsed = JSON.parse(line) as ProducerEntry | { unreplicated: CompletedTxn[] };
        if ('unreplicated' in parsed) {
          if (!Array.isArray(parsed.unreplicated)) throw new Error('bad entry');
          this.#unreplicated = parsed.unreplicated;
          continue;
        }
        const e = parsed;
        if (!Number.isInteger(e.producerId) || !Number.isInteger(e.epoch) || !Array.isArray(e.batches)) {
          throw new Error('bad entry');
        }
        e.txnFirstOffset ??= -1;
        e.coordinatorEpoch ??= -1;
        this.#producers.set(e.producerId, e);
      }
      // Ongoing transactions in the order they began.
      const ongoing = [...this.#producers.values()].filter((e) => e.txnFirstOffset >= 0);
      ongoing.sort((a, b) => a.txnFirstOffset - b.txnFirstOffset);
      for (const e of ongoing) this.#ongoing.set(e.producerId, e.txnFirstOffset);
    } catch {
      this.clear();
      return -1;
    }
    return Number(head[2]);
  }
}

/** One producer as DescribeProducers shows it. */
export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  /** Sequence of the last record written, -1 when none is remembered. */
  lastSequence: number;
  lastTimestamp: number;
  /** First offset of its ongoing transaction, -1 when none. */
  currentTxnStartOffset: number;
  /** Coordinator epoch of its last marker, -1 before any. */
  coordinatorEpoch: number;
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
      currentTxnStartOffset: e.txnFirstOffset,
      coordinatorEpoch: e.coordinatorEpoch,
    });
  }
  return out;
}
