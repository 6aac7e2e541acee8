// The transaction coordinator (Kafka's TransactionCoordinator with its TransactionStateManager): the entry
// point of InitProducerId (with a transactional id), AddPartitionsToTxn, AddOffsetsToTxn, EndTxn,
// DescribeTransactions and ListTransactions. A transactional id lives in the __transaction_state partition
// its hash picks; this node serves the ids of the partitions it leads, each loaded from the log when it
// becomes leader (COORDINATOR_LOAD_IN_PROGRESS meanwhile) and dropped when it stops (NOT_COORDINATOR). The
// partition's leader epoch is the coordinator epoch every marker carries, so a deposed coordinator's markers
// are refused.
//
// Every transition is written to the log (the caller's append waits for the ISR) before it is answered or
// applied. After PrepareCommit/PrepareAbort the client is answered, markers go to every partition of the
// transaction (the marker writer retries until they land), then CompleteCommit/CompleteAbort is written. A
// new leader resumes the markers of every Prepare* it loads. A cleanup timer aborts Ongoing transactions past
// their timeout (bumping the epoch, so the producer is fenced) and expires idle transactional ids.
//
// Time comes from an injectable clock, the log and the markers from injected interfaces: a deterministic
// test drives the whole state machine (test/txn-coordinator-sim.test.ts).
//
// Limits: maxTransactionalIds (an InitProducerId that would add one more gets COORDINATOR_NOT_AVAILABLE),
// maxPartitionsPerTransaction (INVALID_REQUEST), maxTransactionalIdLength (INVALID_REQUEST),
// transaction.max.timeout.ms (INVALID_TRANSACTION_TIMEOUT).
import { type Clock, systemClock, type Timer } from '../../clock.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { MAX_PRODUCER_EPOCH } from '../producer-ids.js';
import { resolveTransactionConfig, type TransactionConfig } from './config.js';
import { isEpochExhausted, isLegalTransition, TransactionMetadata } from './metadata.js';
import {
  partitionForTransactionalId,
  type StoredTransaction,
  type TopicPartitions,
  TXN_STATE_NAMES,
  TxnState,
} from './records.js';

/** Where transitions are persisted: __transaction_state, or a test's stand-in. */
export interface TransactionLog {
  /**
   * Replays the partition's records, oldest first (null value: a tombstone). Resolves with the error that
   * stopped it, or NONE.
   */
  load(
    partition: number,
    onRecord: (transactionalId: string, value: StoredTransaction | null) => void,
  ): Promise<number>;
  /**
   * Appends one record as this partition's leader at `coordinatorEpoch` and waits for the ISR; resolves with
   * NONE or the storage/replication error (NOT_LEADER_OR_FOLLOWER once leadership moved).
   */
  write(
    partition: number,
    coordinatorEpoch: number,
    transactionalId: string,
    value: StoredTransaction | null,
  ): Promise<number>;
}

/** One transaction's markers, for every partition it touched. */
export interface TxnMarkers {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
  partitions: TopicPartitions[];
  /** False once the coordinator that asked no longer serves the id: the writer drops the markers. */
  isCurrent(): boolean;
}

/**
 * 'done': every partition has its marker (or no longer exists); 'fenced': a partition knows a newer
 * coordinator or a newer epoch of the producer (Kafka stops sending then too); 'cancelled': isCurrent()
 * turned false.
 */
export type MarkerOutcome = 'done' | 'fenced' | 'cancelled';

/** Room set aside for a transaction end's markers (MarkerWriter.reserve). */
export interface MarkerReservation {
  release(): void;
}

export interface MarkerWriter {
  write(markers: TxnMarkers, reservation?: MarkerReservation): Promise<MarkerOutcome>;
  /**
   * Room for the markers of a transaction about to end, or null when a broker they go to has too many
   * pending (the end is refused with CONCURRENT_TRANSACTIONS, retriable). Absent: no bound.
   */
  reserve?(partitions: readonly TopicPartitions[]): MarkerReservation | null;
}

export interface CoordinatorLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** What a transition looked like, for a test's invariant checks. */
export interface TransitionEvent {
  transactionalId: string;
  from: TxnState;
  to: TxnState;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  partitions: TopicPartitions[];
}

export interface TransactionCoordinatorOptions {
  config?: Partial<TransactionConfig>;
  clock?: Clock;
  log: TransactionLog;
  markers: MarkerWriter;
  /** A fresh producer id from the controller's blocks, or an error code. */
  allocateProducerId(): Promise<{ errorCode: number; producerId: number }>;
  /** The __consumer_offsets partition of a group (AddOffsetsToTxn adds it to the transaction). */
  offsetsPartitionFor(groupId: string): number;
  offsetsTopic?: string;
  logger?: CoordinatorLogger;
  /** Called after each applied transition (tests). */
  onTransition?: (e: TransitionEvent) => void;
}

export interface ProducerIdResult {
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export interface PartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
}

export interface DescribedTransaction {
  errorCode: number;
  transactionalId: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: number;
  producerId: number;
  producerEpoch: number;
  topics: { topic: string; partitions: number[] }[];
}

export interface ListedTransaction {
  transactionalId: string;
  producerId: number;
  transactionState: string;
}

type LoadState = 'unloaded' | 'loading' | 'active';

/** The transactional ids of one __transaction_state partition. */
class TxnPartition {
  state: LoadState = 'unloaded';
  /** Bumped at every load and unload: work started under an older one is stale. */
  generation = 0;
  coordinatorEpoch = -1;
  readonly txns = new Map<string, TransactionMetadata>();

  servingError(): number {
    if (this.state === 'active') return ErrorCode.NONE;
    return this.state === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NOT_COORDINATOR;
  }
}

/** What a failed write to __transaction_state becomes for the client, as Kafka maps it. */
function writeError(code: number): number {
  switch (code) {
    case ErrorCode.NONE:
      return ErrorCode.NONE;
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.FENCED_LEADER_EPOCH:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}

export class TransactionCoordinator {
  readonly config: TransactionConfig;
  readonly #clock: Clock;
  readonly #log: TransactionLog;
  readonly #markers: MarkerWriter;
  readonly #allocate: () => Promise<{ errorCode: number; producerId: number }>;
  readonly #offsetsPartitionFor: (groupId: string) => number;
  readonly #offsetsTopic: string;
  readonly #logger: CoordinatorLogger | null;
  readonly #onTransition: ((e: TransitionEvent) => void) | null;
  readonly #partitions: TxnPartition[];
  /** Requests waiting for a transaction in Prepare* to complete, in arrival order (#awaitCompletion). */
  readonly #completionWaiters = new Map<TransactionMetadata, (() => void)[]>();
  /** Transactions whose end the marker bound refused, logged once each. */
  readonly #deferred = new WeakSet<TransactionMetadata>();
  #cleanupTimer: Timer | null = null;
  #closed = false;

  constructor(options: TransactionCoordinatorOptions) {
    this.config = resolveTransactionConfig(options.config);
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log;
    this.#markers = options.markers;
    this.#allocate = options.allocateProducerId;
    this.#offsetsPartitionFor = options.offsetsPartitionFor;
    this.#offsetsTopic = options.offsetsTopic ?? '__consumer_offsets';
    this.#logger = options.logger ?? null;
    this.#onTransition = options.onTransition ?? null;
    this.#partitions = Array.from(
      { length: this.config.transactionStateTopicPartitions },
      () => new TxnPartition(),
    );
  }

  // ---- lifecycle ----

  /** Starts the cleanup timer (timed-out transactions, expired ids); partitions are served as elected. */
  start(): void {
    if (this.#closed || this.#cleanupTimer !== null) return;
    this.#scheduleCleanup();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cleanupTimer?.cancel();
    this.#cleanupTimer = null;
    for (let p = 0; p < this.#partitions.length; p++) this.onResignation(p);
  }

  partitionFor(transactionalId: string): number {
    return partitionForTransactionalId(transactionalId, this.config.transactionStateTopicPartitions);
  }

  /** Whether this node serves the id now (its partition is loaded here). */
  hosts(transactionalId: string): boolean {
    return this.#partitions[this.partitionFor(transactionalId)]?.state === 'active';
  }

  /** The leader epoch the partition is served (or being loaded) at; -1 when not served here. */
  coordinatorEpoch(partition: number): number {
    const tp = this.#partitions[partition];
    return tp === undefined || tp.state === 'unloaded' ? -1 : tp.coordinatorEpoch;
  }

  partitionState(partition: number): LoadState | undefined {
    return this.#partitions[partition]?.state;
  }

  /** Test and metrics view: transactional ids held, over every loaded partition. */
  get transactionalIdCount(): number {
    let n = 0;
    for (const tp of this.#partitions) n += tp.txns.size;
    return n;
  }

  /**
   * Kafka's onElection: this node leads __transaction_state partition `partition` at `coordinatorEpoch`;
   * replay it, serve its ids, and resume the markers of every transaction it finds in Prepare*. Resolves
   * with the error that stopped the replay, or NONE.
   */
  async onElection(partition: number, coordinatorEpoch: number): Promise<number> {
    const tp = this.#partitions[partition];
    if (tp === undefined) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    if (this.#closed) return ErrorCode.NOT_COORDINATOR;
    if (tp.state !== 'unloaded' && tp.coordinatorEpoch === coordinatorEpoch) return ErrorCode.NONE;
    this.#unload(tp);
    tp.state = 'loading';
    tp.coordinatorEpoch = coordinatorEpoch;
    const generation = tp.generation;
    const loaded = new Map<string, StoredTransaction>();
    let code: number;
    try {
      code = await this.#log.load(partition, (id, value) => {
        if (value === null) loaded.delete(id);
        else loaded.set(id, value);
      });
    } catch (err) {
      // A read that threw leaves the partition unloaded, so the next election (or image) loads it again.
      this.#logger?.warn(`loading __transaction_state-${partition} threw: ${(err as Error).message}`);
      code = ErrorCode.KAFKA_STORAGE_ERROR;
    }
    if (tp.generation !== generation) return ErrorCode.NONE;
    if (code !== ErrorCode.NONE) {
      this.#logger?.warn(`loading __transaction_state-${partition} failed: ${errorName(code)}`);
      tp.state = 'unloaded';
      tp.coordinatorEpoch = -1;
      return code;
    }
    for (const [id, s] of loaded) {
      if (s.state === TxnState.DEAD) continue;
      tp.txns.set(id, TransactionMetadata.fromStored(id, s));
    }
    tp.state = 'active';
    for (const txn of tp.txns.values()) {
      if (txn.state === TxnState.PREPARE_COMMIT || txn.state === TxnState.PREPARE_ABORT) {
        this.#sendMarkers(tp, partition, txn);
      } else if (txn.state === TxnState.PREPARE_EPOCH_FENCE) {
        // Never written by us; a log from elsewhere may hold it: finish the fence as an abort.
        txn.state = TxnState.ONGOING;
        this.#background(this.#abortFenced(tp, partition, txn), txn.transactionalId);
      }
    }
    this.#logger?.info(
      `serving __transaction_state-${partition} at coordinator epoch ${coordinatorEpoch} (${tp.txns.size} transactional ids)`,
    );
    return ErrorCode.NONE;
  }

  /** Kafka's onResignation: stop serving the partition; markers still being sent for it are dropped. */
  onResignation(partition: number): void {
    const tp = this.#partitions[partition];
    if (tp !== undefined) this.#unload(tp);
  }

  #unload(tp: TxnPartition): void {
    tp.generation++;
    tp.state = 'unloaded';
    for (const txn of tp.txns.values()) this.#wakeWaiters(txn);
    tp.txns.clear();
  }

  /**
   * Waits (up to prepareWaitMs) while the txn is in PrepareCommit/PrepareAbort, so a request from its producer
   * that comes while the previous transaction's markers are written is answered in the state they lead to
   * rather than refused: librdkafka sends AddPartitionsToTxn and an abort's EndTxn back to back, and an EndTxn
   * meeting PrepareCommit or CompleteCommit is INVALID_TXN_STATE (fatal) in Kafka. Waiters resume in arrival
   * order, so the AddPartitionsToTxn sent first is applied first. Resolves at once in any other state.
   */
  #awaitCompletion(txn: TransactionMetadata): Promise<void> {
    const preparing = txn.state === TxnState.PREPARE_COMMIT || txn.state === TxnState.PREPARE_ABORT;
    if (!preparing || this.config.prepareWaitMs === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let waiting = true;
      const wake = () => {
        if (!waiting) return;
        waiting = false;
        timer.cancel();
        resolve();
      };
      const timer = this.#clock.schedule(this.config.prepareWaitMs, wake);
      const list = this.#completionWaiters.get(txn);
      if (list === undefined) this.#completionWaiters.set(txn, [wake]);
      else list.push(wake);
    });
  }

  /** #awaitCompletion for the id's transaction when `producerId` is its producer's (or the one it moves to). */
  async #awaitCompletionFor(transactionalId: string, producerId: number): Promise<void> {
    const route = this.#route(transactionalId);
    if (typeof route === 'number') return;
    const txn = route.tp.txns.get(transactionalId);
    if (txn !== undefined && (producerId === txn.producerId || producerId === txn.nextProducerId))
      await this.#awaitCompletion(txn);
  }

  #wakeWaiters(txn: TransactionMetadata): void {
    const list = this.#completionWaiters.get(txn);
    if (list === undefined) return;
    this.#completionWaiters.delete(txn);
    for (const wake of list) wake();
  }

  /** The partition serving the id, or the error code to answer. */
  #route(transactionalId: string): { tp: TxnPartition; partition: number } | number {
    if (this.#closed) return ErrorCode.NOT_COORDINATOR;
    const partition = this.partitionFor(transactionalId);
    const tp = this.#partitions[partition]!;
    const code = tp.servingError();
    return code === ErrorCode.NONE ? { tp, partition } : code;
  }

  #validId(transactionalId: string): boolean {
    return transactionalId.length > 0 && transactionalId.length <= this.config.maxTransactionalIdLength;
  }

  // ---- writes ----

  /**
   * Writes `next` for the txn and applies it once stored. Refused (CONCURRENT_TRANSACTIONS) while another
   * write for the id is in flight; NOT_COORDINATOR when the partition unloaded meanwhile.
   */
  async #transition(
    tp: TxnPartition,
    partition: number,
    txn: TransactionMetadata,
    next: StoredTransaction,
    via: TxnState | null = null,
  ): Promise<number> {
    if (txn.pending !== null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    const from = via ?? txn.state;
    if (!isLegalTransition(from, next.state)) {
      // A coordinator bug, never written; the request gets an error rather than its connection closed.
      this.#logger?.warn(
        `illegal transaction transition ${TXN_STATE_NAMES[from]} -> ${TXN_STATE_NAMES[next.state]} of ${txn.transactionalId} refused`,
      );
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    const generation = tp.generation;
    const coordinatorEpoch = tp.coordinatorEpoch;
    txn.pending = next.state;
    const code = await this.#log.write(partition, coordinatorEpoch, txn.transactionalId, next);
    if (tp.generation !== generation || tp.txns.get(txn.transactionalId) !== txn) {
      return ErrorCode.NOT_COORDINATOR;
    }
    txn.pending = null;
    if (code !== ErrorCode.NONE) {
      this.#logger?.warn(
        `writing ${TXN_STATE_NAMES[next.state]} of ${txn.transactionalId} failed: ${errorName(code)}`,
      );
      return writeError(code);
    }
    const before = txn.state;
    txn.apply(next);
    if (next.state !== TxnState.PREPARE_COMMIT && next.state !== TxnState.PREPARE_ABORT)
      this.#wakeWaiters(txn);
    this.#onTransition?.({
      transactionalId: txn.transactionalId,
      from: via ?? before,
      to: next.state,
      producerId: next.producerId,
      producerEpoch: next.producerEpoch,
      coordinatorEpoch,
      partitions: next.partitions,
    });
    return ErrorCode.NONE;
  }

  // ---- InitProducerId ----

  /**
   * InitProducerId with a transactional id: a producer id for a new id, else the epoch bumped (fencing the
   * previous producer; an ongoing transaction of it is aborted first, and the caller retries on
   * CONCURRENT_TRANSACTIONS), a new producer id when the epoch is exhausted. `producerId`/`producerEpoch`
   * (KIP-360, -1 when absent) name the producer asking to recover.
   */
  async initProducerId(
    transactionalId: string,
    timeoutMs: number,
    producerId: number,
    producerEpoch: number,
  ): Promise<ProducerIdResult> {
    const fail = (errorCode: number): ProducerIdResult => ({ errorCode, producerId: -1, producerEpoch: -1 });
    if (!this.#validId(transactionalId)) return fail(ErrorCode.INVALID_REQUEST);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > this.config.maxTimeoutMs) {
      return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    }
    let route = this.#route(transactionalId);
    if (typeof route === 'number') return fail(route);
    let txn = route.tp.txns.get(transactionalId);
    if (txn === undefined) {
      if (this.transactionalIdCount >= this.config.maxTransactionalIds) {
        return fail(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      const allocated = await this.#allocate();
      if (allocated.errorCode !== ErrorCode.NONE) return fail(allocated.errorCode);
      route = this.#route(transactionalId);
      if (typeof route === 'number') return fail(route);
      txn = route.tp.txns.get(transactionalId);
      if (txn === undefined) {
        txn = new TransactionMetadata(transactionalId, allocated.producerId, timeoutMs, this.#clock.now());
        route.tp.txns.set(transactionalId, txn);
      }
    }
    const { tp, partition } = route;
    const expected = producerId >= 0 || producerEpoch >= 0 ? { producerId, producerEpoch } : null;
    if (txn.pending !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    if (expected !== null) {
      const valid =
        txn.producerEpoch === -1 ||
        expected.producerId === txn.producerId ||
        (expected.producerId === txn.previousProducerId && isEpochExhausted(expected.producerEpoch));
      if (!valid) return fail(ErrorCode.PRODUCER_FENCED);
    }
    switch (txn.state) {
      case TxnState.PREPARE_COMMIT:
      case TxnState.PREPARE_ABORT:
      case TxnState.PREPARE_EPOCH_FENCE:
      case TxnState.DEAD:
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case TxnState.ONGOING:
        // Fence the old producer and abort its transaction; the new one retries until it completes.
        this.#background(this.#abortFenced(tp, partition, txn), txn.transactionalId);
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    }
    const now = this.#clock.now();
    const base: Partial<StoredTransaction> = {
      state: TxnState.EMPTY,
      partitions: [],
      timeoutMs,
      startTimestamp: -1,
      lastUpdateTimestamp: now,
    };
    let next: StoredTransaction;
    if (
      isEpochExhausted(txn.producerEpoch) &&
      (expected === null || expected.producerEpoch === txn.producerEpoch)
    ) {
      const allocated = await this.#allocate();
      if (allocated.errorCode !== ErrorCode.NONE) return fail(allocated.errorCode);
      // The id may have moved on meanwhile (a transaction begun, another bump): ask again.
      const settled =
        txn.state === TxnState.EMPTY ||
        txn.state === TxnState.COMPLETE_COMMIT ||
        txn.state === TxnState.COMPLETE_ABORT;
      if (txn.pending !== null || tp.txns.get(transactionalId) !== txn || !settled) {
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      }
      next = txn.toStored({
        ...base,
        producerId: allocated.producerId,
        previousProducerId: txn.producerId,
        nextProducerId: -1,
        producerEpoch: 0,
      });
    } else if (
      expected === null ||
      txn.producerEpoch === -1 ||
      expected.producerEpoch === txn.producerEpoch
    ) {
      next = txn.toStored({ ...base, producerEpoch: txn.producerEpoch + 1 });
    } else if (expected.producerEpoch === txn.lastProducerEpoch) {
      // A retry of the bump that already happened: answer with the current epoch.
      next = txn.toStored(base);
    } else {
      return fail(ErrorCode.PRODUCER_FENCED);
    }
    const code = await this.#transition(tp, partition, txn, next);
    if (code !== ErrorCode.NONE) {
      // A brand-new id that could not be written is forgotten: nothing of it is in the log.
      if (txn.producerEpoch === -1 && tp.txns.get(transactionalId) === txn) tp.txns.delete(transactionalId);
      return fail(code);
    }
    return { errorCode: ErrorCode.NONE, producerId: txn.producerId, producerEpoch: txn.producerEpoch };
  }

  // ---- AddPartitionsToTxn / AddOffsetsToTxn ----

  /** Checks of every transactional request: the id's state, and that (producerId, epoch) is its current one. */
  #checkProducer(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
  ): { tp: TxnPartition; partition: number; txn: TransactionMetadata } | number {
    if (!this.#validId(transactionalId)) return ErrorCode.INVALID_REQUEST;
    const route = this.#route(transactionalId);
    if (typeof route === 'number') return route;
    const txn = route.tp.txns.get(transactionalId);
    // The producer id an EndTxn v5 at an exhausted epoch handed out takes over at Complete*: until then, wait.
    if (txn !== undefined && producerId === txn.nextProducerId && producerEpoch === 0) {
      return ErrorCode.CONCURRENT_TRANSACTIONS;
    }
    if (txn === undefined || txn.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (txn.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    if (txn.pending !== null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    return { ...route, txn };
  }

  /**
   * Adds partitions to the producer's transaction (starting it when none is open). One error code for all
   * of them: the transaction takes them together or not at all.
   */
  async addPartitions(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    partitions: readonly TopicPartitions[],
  ): Promise<number> {
    if (this.#validId(transactionalId)) await this.#awaitCompletionFor(transactionalId, producerId);
    const checked = this.#checkProducer(transactionalId, producerId, producerEpoch);
    if (typeof checked === 'number') return checked;
    const { tp, partition, txn } = checked;
    switch (txn.state) {
      case TxnState.PREPARE_COMMIT:
      case TxnState.PREPARE_ABORT:
      case TxnState.PREPARE_EPOCH_FENCE:
        return ErrorCode.CONCURRENT_TRANSACTIONS;
      case TxnState.DEAD:
        return ErrorCode.INVALID_TXN_STATE;
    }
    const merged = new Map<string, Set<number>>();
    if (txn.state === TxnState.ONGOING) {
      for (const [topic, ps] of txn.partitions) merged.set(topic, new Set(ps));
    }
    let added = 0;
    let total = 0;
    for (const tpIn of partitions) {
      let set = merged.get(tpIn.topic);
      if (set === undefined) {
        set = new Set();
        merged.set(tpIn.topic, set);
      }
      for (const p of tpIn.partitions) {
        if (!set.has(p)) {
          set.add(p);
          added++;
        }
      }
    }
    for (const set of merged.values()) total += set.size;
    if (txn.state === TxnState.ONGOING && added === 0) return ErrorCode.NONE;
    if (total > this.config.maxPartitionsPerTransaction) return ErrorCode.INVALID_REQUEST;
    const now = this.#clock.now();
    const next = txn.toStored({
      state: TxnState.ONGOING,
      partitions: [...merged].map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) })),
      startTimestamp: txn.state === TxnState.ONGOING ? txn.startTimestamp : now,
      lastUpdateTimestamp: now,
    });
    return this.#transition(tp, partition, txn, next);
  }

  /** AddOffsetsToTxn: the group's __consumer_offsets partition joins the transaction. */
  addOffsets(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    groupId: string,
  ): Promise<number> {
    const partition = this.#offsetsPartitionFor(groupId);
    return this.addPartitions(transactionalId, producerId, producerEpoch, [
      { topic: this.#offsetsTopic, partitions: [partition] },
    ]);
  }

  /**
   * KIP-890 verification (AddPartitionsToTxn v4+ verifyOnly, and a partition leader's check before a
   * transactional produce): NONE per partition the ongoing transaction of (producerId, epoch) includes,
   * INVALID_TXN_STATE for the others; one error for all when the producer itself does not check out.
   */
  verify(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    partitions: readonly TopicPartitions[],
  ): PartitionResult[] {
    const checked = this.#checkVerified(transactionalId, producerId, producerEpoch);
    const out: PartitionResult[] = [];
    for (const t of partitions) {
      for (const p of t.partitions) {
        let errorCode: number;
        if (typeof checked === 'number') errorCode = checked;
        else {
          const ok = checked.state === TxnState.ONGOING && checked.includes(t.topic, p);
          errorCode = ok ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
        }
        out.push({ topic: t.topic, partition: p, errorCode });
      }
    }
    return out;
  }

  /**
   * Kafka's handleVerifyPartitionsInTransaction: the producer must be the id's current one; Prepare* is
   * CONCURRENT_TRANSACTIONS; a transition being written is not waited for (the partition's log has the last
   * word: a marker written meanwhile makes the leader verify again).
   */
  #checkVerified(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
  ): TransactionMetadata | number {
    if (!this.#validId(transactionalId)) return ErrorCode.INVALID_REQUEST;
    const route = this.#route(transactionalId);
    if (typeof route === 'number') return route;
    const txn = route.tp.txns.get(transactionalId);
    if (txn !== undefined && producerId === txn.nextProducerId && producerEpoch === 0)
      return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (txn === undefined || txn.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (txn.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    if (txn.state === TxnState.PREPARE_COMMIT || txn.state === TxnState.PREPARE_ABORT)
      return ErrorCode.CONCURRENT_TRANSACTIONS;
    return txn;
  }

  // ---- EndTxn ----

  /**
   * EndTxn: PrepareCommit/PrepareAbort written, answered, then the markers and Complete*. `bumpEpoch`
   * (EndTxn v5, transaction version 2) bumps the epoch at every end, in the Prepare* record already, so the
   * markers carry the new epoch and fence a straggler of the ended transaction; the answer names the
   * producer id and epoch to go on with. A retry of an end that already happened is answered NONE. The
   * answers per state are Kafka's (TransactionCoordinator.endTransaction, its TV1 and TV2 tables; see
   * test/txn-coordinator.test.ts), given after #awaitCompletion.
   */
  async endTxn(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
    bumpEpoch: boolean,
  ): Promise<ProducerIdResult> {
    const fail = (errorCode: number): ProducerIdResult => ({ errorCode, producerId: -1, producerEpoch: -1 });
    if (!this.#validId(transactionalId)) return fail(ErrorCode.INVALID_REQUEST);
    await this.#awaitCompletionFor(transactionalId, producerId);
    const route = this.#route(transactionalId);
    if (typeof route === 'number') return fail(route);
    const { tp, partition } = route;
    const txn = tp.txns.get(transactionalId);
    if (txn === undefined) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    const current = (): ProducerIdResult => ({
      errorCode: ErrorCode.NONE,
      producerId: txn.producerId,
      producerEpoch: txn.producerEpoch,
    });
    const completed = commit ? TxnState.COMPLETE_COMMIT : TxnState.COMPLETE_ABORT;
    const preparing = commit ? TxnState.PREPARE_COMMIT : TxnState.PREPARE_ABORT;
    const from = txn.state;
    if (producerId === txn.nextProducerId && producerEpoch === 0)
      return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    if (bumpEpoch) {
      // The producer of an end that already bumped the epoch retries with the epoch before it.
      const retryOnEpochBump = producerId === txn.producerId && producerEpoch === txn.producerEpoch - 1;
      // The end that rotated the producer id came from the epoch whose bump exhausted it; no other epoch of
      // the old id is a retry (a fenced zombie of it is not handed the new id).
      const retryOnOverflow =
        producerId === txn.previousProducerId &&
        txn.producerEpoch === 0 &&
        isEpochExhausted(producerEpoch + 1) &&
        !isEpochExhausted(producerEpoch);
      const isRetry = retryOnEpochBump || retryOnOverflow;
      if (producerId !== txn.producerId && !retryOnOverflow)
        return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
      let validEpoch: boolean;
      switch (from) {
        case TxnState.PREPARE_COMMIT:
        case TxnState.PREPARE_ABORT:
          validEpoch = retryOnEpochBump;
          break;
        case TxnState.COMPLETE_COMMIT:
        case TxnState.COMPLETE_ABORT:
          validEpoch = isRetry || producerEpoch === txn.producerEpoch;
          break;
        default:
          validEpoch = producerEpoch === txn.producerEpoch;
      }
      if (!validEpoch) return fail(ErrorCode.PRODUCER_FENCED);
      if (txn.pending !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      switch (from) {
        case TxnState.ONGOING:
          break;
        case TxnState.PREPARE_COMMIT:
        case TxnState.PREPARE_ABORT:
          return fail(from === preparing ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE);
        case TxnState.COMPLETE_COMMIT:
        case TxnState.COMPLETE_ABORT:
          // A retry is answered by the end it retries; otherwise only an abort (of an empty transaction,
          // bumping the epoch) is a new end.
          if (isRetry) return from === completed ? current() : fail(ErrorCode.INVALID_TXN_STATE);
          if (commit) return fail(ErrorCode.INVALID_TXN_STATE);
          break;
        case TxnState.EMPTY:
          if (commit) return fail(ErrorCode.INVALID_TXN_STATE);
          break;
        default:
          return fail(ErrorCode.INVALID_TXN_STATE);
      }
    } else {
      if (producerId !== txn.producerId) return fail(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
      if (producerEpoch !== txn.producerEpoch) return fail(ErrorCode.PRODUCER_FENCED);
      if (txn.pending !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      switch (from) {
        case TxnState.ONGOING:
          break;
        case TxnState.COMPLETE_COMMIT:
        case TxnState.COMPLETE_ABORT:
          return from === completed ? current() : fail(ErrorCode.INVALID_TXN_STATE);
        case TxnState.PREPARE_COMMIT:
        case TxnState.PREPARE_ABORT:
          return fail(from === preparing ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE);
        default:
          return fail(ErrorCode.INVALID_TXN_STATE);
      }
    }
    const changes: Partial<StoredTransaction> = {
      state: preparing,
      lastUpdateTimestamp: this.#clock.now(),
    };
    if (bumpEpoch) {
      changes.clientTransactionVersion = 2;
      if (isEpochExhausted(txn.producerEpoch + 1)) {
        const allocated = await this.#allocate();
        if (allocated.errorCode !== ErrorCode.NONE) return fail(allocated.errorCode);
        if (tp.txns.get(transactionalId) !== txn || txn.pending !== null || txn.state !== from) {
          return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
        }
        changes.nextProducerId = allocated.producerId;
      }
      changes.producerEpoch = Math.min(txn.producerEpoch + 1, MAX_PRODUCER_EPOCH);
    }
    const reservation = this.#reserveMarkers(txn);
    if (reservation === null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    const code = await this.#transition(tp, partition, txn, txn.toStored(changes));
    if (code !== ErrorCode.NONE) {
      reservation?.release();
      return fail(code);
    }
    this.#sendMarkers(tp, partition, txn, reservation);
    if (txn.nextProducerId >= 0)
      return { errorCode: ErrorCode.NONE, producerId: txn.nextProducerId, producerEpoch: 0 };
    return current();
  }

  /** Ongoing -> PrepareEpochFence -> PrepareAbort with the epoch bumped, then the markers (Kafka's fence). */
  async #abortFenced(tp: TxnPartition, partition: number, txn: TransactionMetadata): Promise<number> {
    if (txn.pending !== null || txn.state !== TxnState.ONGOING) return ErrorCode.CONCURRENT_TRANSACTIONS;
    const epoch = txn.producerEpoch < MAX_PRODUCER_EPOCH ? txn.producerEpoch + 1 : txn.producerEpoch;
    const next = txn.toStored({
      state: TxnState.PREPARE_ABORT,
      producerEpoch: epoch,
      lastUpdateTimestamp: this.#clock.now(),
    });
    // Refused at the marker bound: a timeout retries at the next cleanup, InitProducerId when asked again.
    const reservation = this.#reserveMarkers(txn);
    if (reservation === null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    const code = await this.#transition(tp, partition, txn, next, TxnState.PREPARE_EPOCH_FENCE);
    if (code === ErrorCode.NONE) this.#sendMarkers(tp, partition, txn, reservation);
    else reservation?.release();
    return code;
  }

  /**
   * Room for the markers of the txn's partitions; null at the marker writer's bound (logged), undefined
   * when the writer has none.
   */
  #reserveMarkers(txn: TransactionMetadata): MarkerReservation | null | undefined {
    if (this.#markers.reserve === undefined) return undefined;
    const reservation = this.#markers.reserve(txn.topicPartitions());
    if (reservation !== null) this.#deferred.delete(txn);
    else if (!this.#deferred.has(txn)) {
      // Once per transaction: its producer retries the end every backoff.
      this.#deferred.add(txn);
      this.#logger?.warn(
        `ending ${txn.transactionalId} deferred: a broker its markers go to has too many markers pending`,
      );
    }
    return reservation;
  }

  /** Markers for a transaction in Prepare*, then Complete* (retried until written or the partition moves). */
  #sendMarkers(
    tp: TxnPartition,
    partition: number,
    txn: TransactionMetadata,
    reservation?: MarkerReservation,
  ): void {
    const generation = tp.generation;
    const commit = txn.state === TxnState.PREPARE_COMMIT;
    const isCurrent = () => tp.generation === generation && tp.txns.get(txn.transactionalId) === txn;
    const complete = async (): Promise<void> => {
      if (!isCurrent()) return;
      const rotating = txn.nextProducerId >= 0;
      const next = txn.toStored({
        state: commit ? TxnState.COMPLETE_COMMIT : TxnState.COMPLETE_ABORT,
        partitions: [],
        lastUpdateTimestamp: this.#clock.now(),
        ...(rotating
          ? {
              producerId: txn.nextProducerId,
              previousProducerId: txn.producerId,
              nextProducerId: -1,
              producerEpoch: 0,
            }
          : {}),
      });
      const code = await this.#transition(tp, partition, txn, next);
      if (code === ErrorCode.NONE || !isCurrent()) return;
      // A write that failed while this node still leads: try again after a pause.
      this.#clock.schedule(this.config.markerRetryBackoffMs, () =>
        this.#background(complete(), txn.transactionalId),
      );
    };
    const partitions = txn.topicPartitions();
    if (partitions.length === 0) {
      reservation?.release();
      this.#background(complete(), txn.transactionalId);
      return;
    }
    const written = this.#markers
      .write(
        {
          transactionalId: txn.transactionalId,
          producerId: txn.producerId,
          producerEpoch: txn.producerEpoch,
          commit,
          coordinatorEpoch: tp.coordinatorEpoch,
          partitions,
          isCurrent,
        },
        reservation,
      )
      .then((outcome) => {
        if (outcome === 'done') return complete();
        if (outcome === 'fenced') {
          this.#logger?.warn(
            `markers of ${txn.transactionalId} refused: a newer coordinator of __transaction_state-${partition}, or a newer epoch of its producer, exists`,
          );
        }
      });
    this.#background(written, txn.transactionalId);
  }

  /**
   * Work nobody awaits (a fence, a Complete* write, an expiry): its failure is logged, never an unhandled
   * rejection.
   */
  #background(work: Promise<unknown>, transactionalId: string): void {
    work.catch((err: unknown) =>
      this.#logger?.warn(
        `transaction ${transactionalId}: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }

  // ---- timeouts and expiry ----

  #scheduleCleanup(): void {
    this.#cleanupTimer = this.#clock.schedule(this.config.abortTimedOutCleanupIntervalMs, () => {
      this.#cleanupTimer = null;
      if (this.#closed) return;
      this.runCleanup();
      this.#scheduleCleanup();
    });
  }

  /**
   * Aborts every Ongoing transaction older than its timeout (epoch bumped: the producer is fenced) and
   * expires ids idle past transactional.id.expiration.ms (a tombstone, then forgotten). Returns how many
   * transactions it started aborting.
   */
  runCleanup(): number {
    const now = this.#clock.now();
    let aborted = 0;
    this.#partitions.forEach((tp, partition) => {
      if (tp.state !== 'active') return;
      for (const txn of [...tp.txns.values()]) {
        if (txn.pending !== null) continue;
        if (txn.state === TxnState.ONGOING && now > txn.startTimestamp + txn.timeoutMs) {
          aborted++;
          this.#logger?.info(
            `aborting ${txn.transactionalId}: open longer than its ${txn.timeoutMs} ms timeout`,
          );
          this.#background(this.#abortFenced(tp, partition, txn), txn.transactionalId);
        } else if (
          (txn.state === TxnState.EMPTY ||
            txn.state === TxnState.COMPLETE_COMMIT ||
            txn.state === TxnState.COMPLETE_ABORT) &&
          now - txn.lastUpdateTimestamp >= this.config.transactionalIdExpirationMs
        ) {
          this.#background(this.#expire(tp, partition, txn), txn.transactionalId);
        }
      }
    });
    return aborted;
  }

  async #expire(tp: TxnPartition, partition: number, txn: TransactionMetadata): Promise<void> {
    if (!isLegalTransition(txn.state, TxnState.DEAD)) return;
    const generation = tp.generation;
    txn.pending = TxnState.DEAD;
    const code = await this.#log.write(partition, tp.coordinatorEpoch, txn.transactionalId, null);
    if (tp.generation !== generation || tp.txns.get(txn.transactionalId) !== txn) return;
    txn.pending = null;
    if (code !== ErrorCode.NONE) return;
    const from = txn.state;
    txn.state = TxnState.DEAD;
    tp.txns.delete(txn.transactionalId);
    this.#onTransition?.({
      transactionalId: txn.transactionalId,
      from,
      to: TxnState.DEAD,
      producerId: txn.producerId,
      producerEpoch: txn.producerEpoch,
      coordinatorEpoch: tp.coordinatorEpoch,
      partitions: [],
    });
  }

  // ---- DescribeTransactions / ListTransactions ----

  describe(transactionalIds: readonly string[]): DescribedTransaction[] {
    return transactionalIds.map((transactionalId) => {
      const out: DescribedTransaction = {
        errorCode: ErrorCode.NONE,
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1,
        producerId: -1,
        producerEpoch: -1,
        topics: [],
      };
      const route = this.#route(transactionalId);
      if (typeof route === 'number') return { ...out, errorCode: route };
      const txn = route.tp.txns.get(transactionalId);
      if (txn === undefined) return { ...out, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND };
      return {
        ...out,
        transactionState: txn.stateName,
        transactionTimeoutMs: txn.timeoutMs,
        transactionStartTimeMs: txn.startTimestamp,
        producerId: txn.producerId,
        producerEpoch: txn.producerEpoch,
        topics: txn.topicPartitions().map((t) => ({ topic: t.topic, partitions: t.partitions })),
      };
    });
  }

  /**
   * Transactions of every loaded partition, filtered by state names (unknown ones reported back), producer
   * ids and minimum age (durationFilterMs >= 0: open at least that long). COORDINATOR_LOAD_IN_PROGRESS while
   * a partition loads, as Kafka.
   */
  list(
    stateFilters: readonly string[],
    producerIdFilters: readonly number[],
    durationFilterMs: number,
  ): { errorCode: number; unknownStateFilters: string[]; transactions: ListedTransaction[] } {
    const known = new Map(
      Object.entries(TXN_STATE_NAMES).map(([id, name]) => [name, Number(id) as TxnState]),
    );
    const unknownStateFilters = stateFilters.filter((s) => !known.has(s));
    const states = new Set(stateFilters.filter((s) => known.has(s)).map((s) => known.get(s)!));
    if (this.#closed) return { errorCode: ErrorCode.NOT_COORDINATOR, unknownStateFilters, transactions: [] };
    if (this.#partitions.some((tp) => tp.state === 'loading')) {
      return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, unknownStateFilters, transactions: [] };
    }
    if (stateFilters.length > 0 && states.size === 0) {
      return { errorCode: ErrorCode.NONE, unknownStateFilters, transactions: [] };
    }
    const pids = new Set(producerIdFilters);
    const now = this.#clock.now();
    const transactions: ListedTransaction[] = [];
    for (const tp of this.#partitions) {
      if (tp.state !== 'active') continue;
      for (const txn of tp.txns.values()) {
        if (states.size > 0 && !states.has(txn.state)) continue;
        if (pids.size > 0 && !pids.has(txn.producerId)) continue;
        if (
          durationFilterMs >= 0 &&
          (txn.startTimestamp < 0 || now - txn.startTimestamp < durationFilterMs)
        ) {
          continue;
        }
        transactions.push({
          transactionalId: txn.transactionalId,
          producerId: txn.producerId,
          transactionState: txn.stateName,
        });
      }
    }
    return { errorCode: ErrorCode.NONE, unknownStateFilters, transactions };
  }
}
