// Sends transaction markers to partition leaders (Kafka's TransactionMarkerChannelManager): each pending
// partition goes to its leader as the metadata image names it now, markers for one broker go in one
// WriteTxnMarkers request, and a partition whose answer is retriable (NOT_LEADER_OR_FOLLOWER, no leader,
// a failed connection, a timeout) is sent again after a pause, to whichever broker leads it then, for as
// long as its coordinator serves the transaction. A partition that no longer exists (topic deleted) is
// skipped. TRANSACTION_COORDINATOR_FENCED (a newer coordinator owns the transaction) and
// INVALID_PRODUCER_EPOCH (the partition has a newer epoch of the producer) stop its markers, as in Kafka.
//
// Each partition is routed to its leader when its markers are written and again only after a retriable
// failure, into a per-broker queue that the broker's answers drain: the work per event is proportional to
// the partitions it concerns, not to everything pending.
//
// Limits: one WriteTxnMarkers in flight per broker, with at most maxMarkersPerRequest markers; the rest wait
// in that broker's queue for its next request. A request gives up after requestTimeoutMs (its partitions
// are retried). maxPendingMarkersPerBroker bounds the markers (one per transaction and partition) routed to
// one broker and not yet written there (queued, in flight, or waiting to be sent again), the partitions
// without a leader counting as one more destination: reserve() refuses a transaction end that would pass it,
// and the coordinator answers CONCURRENT_TRANSACTIONS (retriable) rather than write Prepare*. A marker
// already accepted is never dropped for the bound: a new coordinator resuming Prepare* from the log sends
// its markers whatever the count. When the metadata moves partitions to another leader, markers still
// queued for the old one are routed again at once (rerouteQueued).
import type { Clock, Timer } from '../../clock.js';
import { ErrorCode } from '../../protocol/errors.js';
import type {
  WriteTxnMarkersRequest,
  WriteTxnMarkersResponse,
} from '../../protocol/generated/write-txn-markers.js';
import type { MarkerOutcome, MarkerWriter, TxnMarkers } from './coordinator.js';

export interface MarkerTransport {
  send(brokerId: number, req: WriteTxnMarkersRequest, timeoutMs: number): Promise<WriteTxnMarkersResponse>;
}

export interface MarkerChannelOptions {
  clock: Clock;
  transport: MarkerTransport;
  /** The partition's leader now, -1 when it has none; undefined when the partition does not exist. */
  leaderOf(topic: string, partition: number): number | undefined;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  /** Default 1000 (TransactionConfig.maxMarkersPerRequest). */
  maxMarkersPerRequest?: number;
  /** Default 100,000 (TransactionConfig.maxPendingMarkersPerBroker). */
  maxPendingMarkersPerBroker?: number;
  logger?: { warn(msg: string): void };
}

interface PendingTxn {
  markers: TxnMarkers;
  /** "topic\u0000partition" of partitions still without their marker -> the broker it is routed to (-1: none). */
  remaining: Map<string, number>;
  resolve(outcome: MarkerOutcome): void;
}

/** Markers set aside for a transaction end about to be written (reserve()); released by write() or release(). */
export interface MarkerReservation {
  release(): void;
}

/** Where markers of partitions without a leader are counted. */
const NO_LEADER = -1;

const SEP = '\u0000';

function splitKey(key: string): [string, number] {
  const i = key.lastIndexOf(SEP);
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

/**
 * Answers after which sending stops, as in Kafka: a newer coordinator owns the transaction, or the partition
 * already has a newer epoch of the producer (a later marker or producer superseded this one). Every other
 * error is sent again, to the partition's leader then.
 */
function stopsSending(code: number): boolean {
  return code === ErrorCode.TRANSACTION_COORDINATOR_FENCED || code === ErrorCode.INVALID_PRODUCER_EPOCH;
}

export class TransactionMarkerChannel implements MarkerWriter {
  readonly #o: MarkerChannelOptions;
  readonly #maxPerRequest: number;
  readonly #maxPerBroker: number;
  readonly #pending = new Set<PendingTxn>();
  /** Per destination broker (NO_LEADER included): markers routed there and not written yet, plus reservations. */
  readonly #perBroker = new Map<number, number>();
  /** Per broker, in arrival order: transactions with partitions it leads that wait for its next request. */
  readonly #queued = new Map<number, Map<PendingTxn, string[]>>();
  readonly #busyBrokers = new Set<number>();
  /** Partitions routed again after the backoff: no leader, a failed request, a retriable answer. */
  #retry = new Map<PendingTxn, string[]>();
  #timer: Timer | null = null;
  #closed = false;

  constructor(options: MarkerChannelOptions) {
    this.#o = options;
    const max = options.maxMarkersPerRequest ?? 1000;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxMarkersPerRequest ${max}`);
    this.#maxPerRequest = max;
    const perBroker = options.maxPendingMarkersPerBroker ?? 100_000;
    if (!Number.isInteger(perBroker) || perBroker < 1)
      throw new RangeError(`maxPendingMarkersPerBroker ${perBroker}`);
    this.#maxPerBroker = perBroker;
  }

  /** Transactions whose markers are not all written yet. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Markers routed to `broker` (-1: partitions without a leader) and not written yet, reservations included. */
  pendingFor(broker: number): number {
    return this.#perBroker.get(broker) ?? 0;
  }

  /**
   * Sets aside room for the markers of a transaction about to end, counted on each partition's leader now;
   * null when one of those brokers would pass maxPendingMarkersPerBroker (a broker with nothing pending always
   * takes a whole transaction, so no transaction is refused forever). The caller passes it to write(), or
   * releases it when the transaction end was not written.
   */
  reserve(partitions: readonly { topic: string; partitions: readonly number[] }[]): MarkerReservation | null {
    if (this.#closed) return null;
    const wanted = new Map<number, number>();
    for (const t of partitions) {
      for (const p of t.partitions) {
        const leader = this.#o.leaderOf(t.topic, p);
        if (leader === undefined) continue;
        const dest = leader < 0 ? NO_LEADER : leader;
        wanted.set(dest, (wanted.get(dest) ?? 0) + 1);
      }
    }
    for (const [broker, n] of wanted) {
      const now = this.pendingFor(broker);
      if (now > 0 && now + n > this.#maxPerBroker) return null;
    }
    for (const [broker, n] of wanted) this.#count(broker, n);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const [broker, n] of wanted) this.#count(broker, -n);
      },
    };
  }

  write(markers: TxnMarkers, reservation?: MarkerReservation): Promise<MarkerOutcome> {
    reservation?.release();
    if (this.#closed) return Promise.resolve('cancelled');
    return new Promise<MarkerOutcome>((resolve) => {
      const remaining = new Map<string, number>();
      for (const t of markers.partitions)
        for (const p of t.partitions) remaining.set(`${t.topic}${SEP}${p}`, NO_LEADER);
      const p: PendingTxn = { markers, remaining, resolve };
      this.#pending.add(p);
      // Counted as leaderless until routed.
      this.#count(NO_LEADER, remaining.size);
      const touched = new Set<number>();
      this.#route(p, [...remaining.keys()], touched);
      if (remaining.size === 0) this.#finish(p, 'done');
      this.#sendReady(touched);
    });
  }

  /**
   * The metadata changed: markers queued (not in flight) for a broker that no longer leads their partition
   * go to its leader now instead of waiting behind that broker (down, or slow to answer).
   */
  rerouteQueued(): void {
    if (this.#closed) return;
    const touched = new Set<number>();
    for (const [broker, queue] of [...this.#queued]) {
      for (const [p, keys] of [...queue]) {
        const moved: string[] = [];
        const kept: string[] = [];
        for (const key of keys) {
          if (!p.remaining.has(key)) continue;
          const [topic, partition] = splitKey(key);
          if (this.#o.leaderOf(topic, partition) === broker) kept.push(key);
          else moved.push(key);
        }
        if (moved.length === 0) continue;
        if (kept.length > 0) queue.set(p, kept);
        else queue.delete(p);
        this.#route(p, moved, touched);
        if (p.remaining.size === 0) this.#finish(p, 'done');
      }
      if (queue.size === 0) this.#queued.delete(broker);
    }
    this.#sendReady(touched);
  }

  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = null;
    for (const p of this.#pending) p.resolve('cancelled');
    this.#pending.clear();
    this.#queued.clear();
    this.#retry.clear();
    this.#perBroker.clear();
  }

  #count(broker: number, delta: number): void {
    const n = (this.#perBroker.get(broker) ?? 0) + delta;
    if (n < 0) throw new Error(`marker count of broker ${broker} below zero`);
    if (n === 0) this.#perBroker.delete(broker);
    else this.#perBroker.set(broker, n);
  }

  /** The partition's marker is written (or no longer needed): it leaves its broker's count. */
  #done(p: PendingTxn, key: string): void {
    const broker = p.remaining.get(key);
    if (broker === undefined) return;
    p.remaining.delete(key);
    this.#count(broker, -1);
  }

  #finish(p: PendingTxn, outcome: MarkerOutcome): void {
    if (!this.#pending.delete(p)) return;
    for (const broker of p.remaining.values()) this.#count(broker, -1);
    p.remaining.clear();
    p.resolve(outcome);
  }

  /**
   * Queues `keys` of `p` on their leaders' brokers (adding those to `touched`); deleted partitions are
   * done, those without a leader wait for the backoff. The work is proportional to the keys, not to
   * everything pending.
   */
  #route(p: PendingTxn, keys: readonly string[], touched: Set<number>): void {
    for (const key of keys) {
      if (!p.remaining.has(key)) continue;
      const [topic, partition] = splitKey(key);
      const leader = this.#o.leaderOf(topic, partition);
      if (leader === undefined) {
        // Deleted: nothing left to mark.
        this.#done(p, key);
        continue;
      }
      this.#assign(p, key, leader < 0 ? NO_LEADER : leader);
      if (leader < 0) {
        this.#retryKey(p, key);
        continue;
      }
      let queue = this.#queued.get(leader);
      if (queue === undefined) {
        queue = new Map();
        this.#queued.set(leader, queue);
      }
      const list = queue.get(p);
      if (list === undefined) queue.set(p, [key]);
      else list.push(key);
      touched.add(leader);
    }
  }

  /** Moves the partition's marker to `broker`'s count. */
  #assign(p: PendingTxn, key: string, broker: number): void {
    const from = p.remaining.get(key);
    if (from === undefined || from === broker) return;
    this.#count(from, -1);
    this.#count(broker, 1);
    p.remaining.set(key, broker);
  }

  #retryKey(p: PendingTxn, key: string): void {
    const list = this.#retry.get(p);
    if (list === undefined) this.#retry.set(p, [key]);
    else list.push(key);
    this.#retryLater();
  }

  /** Sends the next request to each of `brokers` that is idle and has markers queued. */
  #sendReady(brokers: Iterable<number>): void {
    if (this.#closed) return;
    for (const broker of brokers) {
      if (this.#busyBrokers.has(broker)) continue;
      const queue = this.#queued.get(broker);
      if (queue === undefined) continue;
      const entries: { p: PendingTxn; keys: string[] }[] = [];
      for (const [p, keys] of queue) {
        if (entries.length >= this.#maxPerRequest) break;
        queue.delete(p);
        if (!this.#pending.has(p)) continue;
        if (!p.markers.isCurrent()) {
          this.#finish(p, 'cancelled');
          continue;
        }
        const live = keys.filter((k) => p.remaining.has(k));
        if (live.length > 0) entries.push({ p, keys: live });
      }
      if (queue.size === 0) this.#queued.delete(broker);
      if (entries.length > 0) this.#sendTo(broker, entries);
    }
  }

  #retryLater(): void {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = this.#o.clock.schedule(this.#o.retryBackoffMs, () => {
      this.#timer = null;
      const retry = this.#retry;
      this.#retry = new Map();
      const touched = new Set<number>();
      for (const [p, keys] of retry) {
        if (!this.#pending.has(p)) continue;
        if (!p.markers.isCurrent()) {
          this.#finish(p, 'cancelled');
          continue;
        }
        this.#route(p, keys, touched);
        if (p.remaining.size === 0) this.#finish(p, 'done');
      }
      this.#sendReady(touched);
    });
  }

  #sendTo(broker: number, entries: { p: PendingTxn; keys: string[] }[]): void {
    this.#busyBrokers.add(broker);
    const req: WriteTxnMarkersRequest = {
      markers: entries.map(({ p, keys }) => {
        const topics = new Map<string, number[]>();
        for (const key of keys) {
          const [topic, partition] = splitKey(key);
          let list = topics.get(topic);
          if (list === undefined) {
            list = [];
            topics.set(topic, list);
          }
          list.push(partition);
        }
        return {
          producerId: p.markers.producerId,
          producerEpoch: p.markers.producerEpoch,
          transactionResult: p.markers.commit,
          coordinatorEpoch: p.markers.coordinatorEpoch,
          topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
        };
      }),
    };
    const settle = (res: WriteTxnMarkersResponse | null) => {
      this.#busyBrokers.delete(broker);
      entries.forEach(({ p, keys }, i) => {
        if (!this.#pending.has(p)) return;
        const answer = res?.markers[i];
        if (res === null || answer === undefined || answer.producerId !== p.markers.producerId) {
          for (const key of keys) this.#retryKey(p, key);
          return;
        }
        const answered = new Set<string>();
        for (const t of answer.topics) {
          for (const part of t.partitions) {
            const key = `${t.name}${SEP}${part.partitionIndex}`;
            answered.add(key);
            // A partition that cannot hold markers (an old message format) is done, as in Kafka.
            if (
              part.errorCode === ErrorCode.NONE ||
              part.errorCode === ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT
            )
              this.#done(p, key);
            else if (stopsSending(part.errorCode)) {
              this.#finish(p, 'fenced');
              return;
            } else if (p.remaining.has(key)) this.#retryKey(p, key);
          }
        }
        if (p.remaining.size === 0) {
          this.#finish(p, 'done');
          return;
        }
        // Partitions the answer left out are sent again.
        for (const key of keys) if (!answered.has(key) && p.remaining.has(key)) this.#retryKey(p, key);
      });
      this.#sendReady([broker]);
    };
    this.#o.transport.send(broker, req, this.#o.requestTimeoutMs).then(settle, (err: Error) => {
      this.#o.logger?.warn(`WriteTxnMarkers to broker ${broker}: ${err.message}`);
      settle(null);
    });
  }
}
