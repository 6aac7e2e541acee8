// One transactional id's state as its coordinator holds it (Kafka's TransactionMetadata), and Kafka's table
// of legal transitions. A change is prepared as a whole StoredTransaction, written to __transaction_state,
// and only then applied here (`complete`); while it is being written `pending` names the target state and
// every other request for the id gets CONCURRENT_TRANSACTIONS.
import { MAX_PRODUCER_EPOCH } from '../producer-ids.js';
import { type StoredTransaction, type TopicPartitions, TXN_STATE_NAMES, TxnState } from './records.js';

/** States each state may be entered from (Kafka's TransactionState.validPreviousStates). */
const VALID_PREVIOUS: Readonly<Record<TxnState, readonly TxnState[]>> = {
  [TxnState.EMPTY]: [TxnState.EMPTY, TxnState.COMPLETE_COMMIT, TxnState.COMPLETE_ABORT],
  [TxnState.ONGOING]: [TxnState.ONGOING, TxnState.EMPTY, TxnState.COMPLETE_COMMIT, TxnState.COMPLETE_ABORT],
  [TxnState.PREPARE_COMMIT]: [TxnState.ONGOING],
  // Transaction version 2 also aborts an empty transaction (EndTxn v5 from Empty or Complete*).
  [TxnState.PREPARE_ABORT]: [
    TxnState.ONGOING,
    TxnState.PREPARE_EPOCH_FENCE,
    TxnState.EMPTY,
    TxnState.COMPLETE_COMMIT,
    TxnState.COMPLETE_ABORT,
  ],
  [TxnState.COMPLETE_COMMIT]: [TxnState.PREPARE_COMMIT],
  [TxnState.COMPLETE_ABORT]: [TxnState.PREPARE_ABORT],
  [TxnState.DEAD]: [TxnState.EMPTY, TxnState.COMPLETE_COMMIT, TxnState.COMPLETE_ABORT],
  [TxnState.PREPARE_EPOCH_FENCE]: [TxnState.ONGOING],
};

export function isLegalTransition(from: TxnState, to: TxnState): boolean {
  return VALID_PREVIOUS[to].includes(from);
}

/**
 * Kafka leaves room for one fencing bump: at MAX - 1 a producer gets a new id instead of another epoch.
 */
export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_PRODUCER_EPOCH - 1;
}

export class TransactionMetadata {
  readonly transactionalId: string;
  producerId: number;
  previousProducerId = -1;
  nextProducerId = -1;
  /** -1 until the first InitProducerId completes. */
  producerEpoch = -1;
  /** The epoch before the last bump (not stored: -1 after a load), so a retried InitProducerId is answered. */
  lastProducerEpoch = -1;
  timeoutMs: number;
  state: TxnState = TxnState.EMPTY;
  /** topic -> partitions in the ongoing (or completing) transaction. */
  readonly partitions = new Map<string, Set<number>>();
  startTimestamp = -1;
  lastUpdateTimestamp: number;
  clientTransactionVersion = 0;
  /** The state being written, or null. */
  pending: TxnState | null = null;

  constructor(transactionalId: string, producerId: number, timeoutMs: number, now: number) {
    this.transactionalId = transactionalId;
    this.producerId = producerId;
    this.timeoutMs = timeoutMs;
    this.lastUpdateTimestamp = now;
  }

  static fromStored(transactionalId: string, s: StoredTransaction): TransactionMetadata {
    const m = new TransactionMetadata(transactionalId, s.producerId, s.timeoutMs, s.lastUpdateTimestamp);
    m.apply(s);
    return m;
  }

  get stateName(): string {
    return TXN_STATE_NAMES[this.state];
  }

  get partitionCount(): number {
    let n = 0;
    for (const ps of this.partitions.values()) n += ps.size;
    return n;
  }

  includes(topic: string, partition: number): boolean {
    return this.partitions.get(topic)?.has(partition) === true;
  }

  topicPartitions(): TopicPartitions[] {
    return [...this.partitions].map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) }));
  }

  /** The stored form of the current state, with `changes` over it. */
  toStored(changes: Partial<StoredTransaction> = {}): StoredTransaction {
    return {
      producerId: this.producerId,
      previousProducerId: this.previousProducerId,
      nextProducerId: this.nextProducerId,
      producerEpoch: this.producerEpoch,
      timeoutMs: this.timeoutMs,
      state: this.state,
      partitions: this.topicPartitions(),
      lastUpdateTimestamp: this.lastUpdateTimestamp,
      startTimestamp: this.startTimestamp,
      clientTransactionVersion: this.clientTransactionVersion,
      ...changes,
    };
  }

  /** Takes a written (or replayed) state as the current one. */
  apply(s: StoredTransaction): void {
    if (s.producerId !== this.producerId || s.producerEpoch !== this.producerEpoch) {
      this.lastProducerEpoch = s.producerId === this.producerId ? this.producerEpoch : -1;
    }
    this.producerId = s.producerId;
    this.previousProducerId = s.previousProducerId;
    this.nextProducerId = s.nextProducerId;
    this.producerEpoch = s.producerEpoch;
    this.timeoutMs = s.timeoutMs;
    this.state = s.state;
    this.partitions.clear();
    for (const tp of s.partitions) this.partitions.set(tp.topic, new Set(tp.partitions));
    this.lastUpdateTimestamp = s.lastUpdateTimestamp;
    this.startTimestamp = s.startTimestamp;
    this.clientTransactionVersion = s.clientTransactionVersion;
  }
}
