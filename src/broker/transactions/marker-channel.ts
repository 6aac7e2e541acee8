// Sends transaction markers to partition leaders (Kafka's TransactionMarkerChannelManager): each pending
// partition goes to its leader as the metadata image names it now, markers for one broker go in one
// WriteTxnMarkers request, and a partition whose answer is retriable (NOT_LEADER_OR_FOLLOWER, no leader,
// a failed connection, a timeout) is sent again after a pause, to whichever broker leads it then, for as
// long as its coordinator serves the transaction. A partition that no longer exists (topic deleted) is
// skipped. TRANSACTION_COORDINATOR_FENCED (a newer coordinator owns the transaction) and
// INVALID_PRODUCER_EPOCH (the partition has a newer epoch of the producer) stop its markers, as in Kafka.
//
// Limits: one WriteTxnMarkers in flight per broker, with at most maxMarkersPerRequest markers; the rest wait
// for the next round. A request gives up after requestTimeoutMs (its partitions are retried).
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
  logger?: { warn(msg: string): void };
}

interface PendingTxn {
  markers: TxnMarkers;
  /** "topic\u0000partition" of partitions still without their marker. */
  remaining: Set<string>;
  /** Partitions sent and not yet answered. */
  inFlight: Set<string>;
  resolve(outcome: MarkerOutcome): void;
}

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
  readonly #pending = new Set<PendingTxn>();
  readonly #busyBrokers = new Set<number>();
  #timer: Timer | null = null;
  #closed = false;

  constructor(options: MarkerChannelOptions) {
    this.#o = options;
    const max = options.maxMarkersPerRequest ?? 1000;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxMarkersPerRequest ${max}`);
    this.#maxPerRequest = max;
  }

  /** Transactions whose markers are not all written yet. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  write(markers: TxnMarkers): Promise<MarkerOutcome> {
    if (this.#closed) return Promise.resolve('cancelled');
    return new Promise<MarkerOutcome>((resolve) => {
      const remaining = new Set<string>();
      for (const t of markers.partitions) for (const p of t.partitions) remaining.add(`${t.topic}${SEP}${p}`);
      this.#pending.add({ markers, remaining, inFlight: new Set(), resolve });
      this.#pump();
    });
  }

  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = null;
    for (const p of this.#pending) p.resolve('cancelled');
    this.#pending.clear();
  }

  #finish(p: PendingTxn, outcome: MarkerOutcome): void {
    if (!this.#pending.delete(p)) return;
    p.resolve(outcome);
  }

  /** Sends what can be sent now: per broker not already busy, the markers of partitions it leads. */
  #pump(): void {
    if (this.#closed) return;
    const byBroker = new Map<number, { p: PendingTxn; keys: string[] }[]>();
    let waiting = false;
    for (const p of [...this.#pending]) {
      if (!p.markers.isCurrent()) {
        this.#finish(p, 'cancelled');
        continue;
      }
      const perBroker = new Map<number, string[]>();
      for (const key of p.remaining) {
        if (p.inFlight.has(key)) continue;
        const [topic, partition] = splitKey(key);
        const leader = this.#o.leaderOf(topic, partition);
        if (leader === undefined) {
          // Deleted: nothing left to mark.
          p.remaining.delete(key);
          continue;
        }
        if (leader < 0) {
          waiting = true;
          continue;
        }
        let keys = perBroker.get(leader);
        if (keys === undefined) {
          keys = [];
          perBroker.set(leader, keys);
        }
        keys.push(key);
      }
      if (p.remaining.size === 0) {
        this.#finish(p, 'done');
        continue;
      }
      for (const [broker, keys] of perBroker) {
        let list = byBroker.get(broker);
        if (list === undefined) {
          list = [];
          byBroker.set(broker, list);
        }
        list.push({ p, keys });
      }
    }
    for (const [broker, entries] of byBroker) {
      if (this.#busyBrokers.has(broker)) {
        waiting = true;
        continue;
      }
      this.#sendTo(broker, entries.slice(0, this.#maxPerRequest));
      if (entries.length > this.#maxPerRequest) waiting = true;
    }
    if (waiting) this.#retryLater();
  }

  #retryLater(): void {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = this.#o.clock.schedule(this.#o.retryBackoffMs, () => {
      this.#timer = null;
      this.#pump();
    });
  }

  #sendTo(broker: number, entries: { p: PendingTxn; keys: string[] }[]): void {
    this.#busyBrokers.add(broker);
    const req: WriteTxnMarkersRequest = {
      markers: entries.map(({ p, keys }) => {
        const topics = new Map<string, number[]>();
        for (const key of keys) {
          p.inFlight.add(key);
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
      let retry = res === null;
      entries.forEach(({ p, keys }, i) => {
        for (const key of keys) p.inFlight.delete(key);
        if (!this.#pending.has(p)) return;
        const answer = res?.markers[i];
        if (res === null || answer === undefined || answer.producerId !== p.markers.producerId) {
          retry = true;
          return;
        }
        for (const t of answer.topics) {
          for (const part of t.partitions) {
            const key = `${t.name}${SEP}${part.partitionIndex}`;
            // A partition that cannot hold markers (an old message format) is done, as in Kafka.
            if (
              part.errorCode === ErrorCode.NONE ||
              part.errorCode === ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT
            )
              p.remaining.delete(key);
            else if (stopsSending(part.errorCode)) {
              this.#finish(p, 'fenced');
              return;
            } else retry = true;
          }
        }
        if (p.remaining.size === 0) this.#finish(p, 'done');
        else if (keys.some((k) => p.remaining.has(k))) retry = true;
      });
      if (retry) this.#retryLater();
      else this.#pump();
    };
    this.#o.transport.send(broker, req, this.#o.requestTimeoutMs).then(settle, (err: Error) => {
      this.#o.logger?.warn(`WriteTxnMarkers to broker ${broker}: ${err.message}`);
      settle(null);
    });
  }
}
