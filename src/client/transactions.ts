// The producer's side of Kafka's transaction protocol (KIP-98), driven by Producer:
//
//   initTransactions  FindCoordinator(transaction) + InitProducerId(transactionalId): an id and an epoch
//                     that fence any older producer with the same transactional id
//   beginTransaction  local only
//   send              a partition's first batch waits for AddPartitionsToTxn; batches carry the
//                     transactional flag and the Produce request the transactional id
//   sendOffsets       AddOffsetsToTxn to the transaction coordinator, then TxnOffsetCommit to the group's
//   commit / abort    flush (abort: drop what was not sent), then EndTxn. With EndTxn v5 (Kafka's
//                     transaction version 2) the coordinator bumps the epoch at every end and returns it,
//                     so a late batch of the ended transaction is fenced instead of joining the next one.
//
// Errors follow Kafka's producer: a fatal error (fenced by a newer producer, an id the coordinator no
// longer knows) leaves only close(); an abortable one (a send failed) leaves abortTransaction(), after
// which the producer goes on. Coordinator moves, loading and concurrent transactions are retried.
import {
  AddOffsetsToTxnApi,
  AddPartitionsToTxnApi,
  EndTxnApi,
  InitProducerIdApi,
  TxnOffsetCommitApi,
} from '../protocol/generated/api-keys.js';
import type { Cluster } from './cluster.js';
import { sleep } from './cluster.js';
import { ClientError, ErrorCode, isRetriable, KafkaError } from './errors.js';
import {
  CoordinatorLink,
  isCoordinatorGone,
  KEY_TYPE_TRANSACTION,
  type OffsetToCommit,
} from './group-coordinator.js';

/** AddPartitionsToTxn v4+ is the brokers' verify-only form; a producer speaks v0-v3. */
const ADD_PARTITIONS_CLIENT_MAX_VERSION = 3;

export type TransactionState =
  | 'uninitialized'
  | 'ready'
  | 'in-transaction'
  | 'committing'
  | 'aborting'
  | 'abortable-error'
  | 'fatal-error';

/** What a group consumer knows of its membership; TxnOffsetCommit fences zombies with it. */
export interface ConsumerGroupMetadata {
  groupId: string;
  generationId?: number;
  memberId?: string;
  groupInstanceId?: string | null;
}

/** Error codes after which the producer cannot go on (Kafka's producer treats them as fatal). */
const FATAL = new Set<number>([
  ErrorCode.PRODUCER_FENCED,
  ErrorCode.INVALID_PRODUCER_EPOCH,
  ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
  ErrorCode.INVALID_PRODUCER_ID_MAPPING,
  ErrorCode.UNSUPPORTED_VERSION,
  ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
  ErrorCode.TRANSACTIONAL_ID_NOT_FOUND,
]);

export function isFatalTransactionError(code: number): boolean {
  return FATAL.has(code);
}

/** Produce errors after which the partition's sequence is lost: the abort must also bump the epoch. */
export function needsEpochBump(code: number): boolean {
  return code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || code === ErrorCode.UNKNOWN_PRODUCER_ID;
}

/** Coordinator answers worth asking again after a backoff. */
function retryable(code: number): boolean {
  return (
    isRetriable(code) ||
    isCoordinatorGone(code) ||
    code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS ||
    code === ErrorCode.CONCURRENT_TRANSACTIONS
  );
}

/** What the transaction manager needs of its producer. */
export interface TransactionalProducer {
  readonly producerId: number;
  readonly producerEpoch: number;
  /** Adopts a producer id and epoch; sequence numbers start again at 0. */
  setProducerId(id: number, epoch: number): void;
  /** Waits until every send() called so far has queued its records and they are acknowledged or failed. */
  flush(): Promise<void>;
  /** Fails every batch not yet sent with `err`; resolves once the ones in flight have answered. */
  dropUnsent(err: Error): Promise<void>;
  /** Wakes the sender (a partition was added to the transaction). */
  wake(): void;
}

export class TransactionManager {
  #state: TransactionState = 'uninitialized';
  #error: KafkaError | null = null;
  #bumpEpoch = false;
  /**
   * Whether the coordinator may know of the current transaction (an AddPartitionsToTxn or AddOffsetsToTxn
   * was sent). One it never heard of ends without EndTxn, which it would refuse (INVALID_TXN_STATE).
   */
  #started = false;
  /** Counts beginTransaction calls: a send() appends only into the transaction it was called in. */
  #generation = 0;
  readonly #link: CoordinatorLink;
  /** Partitions in the current transaction, as topic NUL partition. */
  readonly #added = new Set<string>();
  /** Partitions a batch waits for, not yet asked for. */
  readonly #toAdd = new Map<string, { topic: string; partition: number }>();
  #adding: Promise<void> | null = null;
  readonly #groupLinks = new Map<string, CoordinatorLink>();

  readonly #producer: TransactionalProducer;
  readonly #cluster: Cluster;
  readonly #maxBlockMs: number;

  constructor(
    readonly transactionalId: string,
    readonly transactionTimeoutMs: number,
    producer: TransactionalProducer,
    cluster: Cluster,
    maxBlockMs: number,
  ) {
    this.#producer = producer;
    this.#cluster = cluster;
    this.#maxBlockMs = maxBlockMs;
    if (transactionalId.length === 0) throw new ClientError('transactionalId must not be empty');
    this.#link = new CoordinatorLink(cluster, cluster, transactionalId, KEY_TYPE_TRANSACTION);
  }

  get state(): TransactionState {
    return this.#state;
  }

  /** Whether the sender may ship records of a partition: it is part of the open transaction. */
  isAdded(topic: string, partition: number): boolean {
    const key = `${topic}\u0000${partition}`;
    if (this.#added.has(key)) return true;
    if ((this.#state === 'in-transaction' || this.#state === 'committing') && !this.#toAdd.has(key)) {
      this.#toAdd.set(key, { topic, partition });
      this.#addSoon();
    }
    return false;
  }

  /** The transaction send() is called in, for checkAppend once its records are ready to append. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Throws unless records of a send() called in transaction `generation` may be appended now: a send that
   * waited (metadata, memory) past the end of its transaction must not slip into the next one.
   */
  checkAppend(generation: number): void {
    if (generation === this.#generation && (this.#state === 'in-transaction' || this.#state === 'committing'))
      return;
    if (this.#error !== null) throw this.#error;
    throw new KafkaError(
      ErrorCode.TRANSACTION_ABORTABLE,
      'the transaction of this send() ended before its records could be queued',
    );
  }

  /** Throws unless send() may queue records now. */
  checkSend(): void {
    if (this.#state === 'in-transaction') return;
    if (this.#error !== null) throw this.#error;
    throw new ClientError(
      `send() outside a transaction (state ${this.#state}): call beginTransaction() first`,
    );
  }

  /** A batch of the transaction failed: fatal, or the transaction can only be aborted. */
  onSendFailed(err: KafkaError): void {
    if (needsEpochBump(err.code)) this.#bumpEpoch = true;
    if (isFatalTransactionError(err.code)) this.#fatal(err);
    else if (this.#state === 'in-transaction' || this.#state === 'committing') {
      this.#state = 'abortable-error';
      this.#error = err;
    }
  }

  async initTransactions(): Promise<void> {
    this.#expect('initTransactions', 'uninitialized');
    await this.#initProducerId(-1, -1);
    this.#state = 'ready';
  }

  beginTransaction(): void {
    this.#expect('beginTransaction', 'ready');
    this.#generation++;
    this.#state = 'in-transaction';
  }

  async sendOffsets(offsets: readonly OffsetToCommit[], group: ConsumerGroupMetadata): Promise<void> {
    this.#expect('sendOffsets', 'in-transaction');
    const deadline = Date.now() + this.#maxBlockMs;
    const p = this.#producer;
    this.#started = true;
    await this.#coordinatorCall('AddOffsetsToTxn', deadline, async () => {
      const res = await this.#link.request(AddOffsetsToTxnApi, {
        transactionalId: this.transactionalId,
        producerId: p.producerId,
        producerEpoch: p.producerEpoch,
        groupId: group.groupId,
      });
      return res.errorCode;
    });
    let link = this.#groupLinks.get(group.groupId);
    if (link === undefined) {
      link = new CoordinatorLink(this.#cluster, this.#cluster, group.groupId);
      this.#groupLinks.set(group.groupId, link);
    }
    const groupLink = link;
    const byTopic = new Map<string, OffsetToCommit[]>();
    for (const o of offsets) {
      const l = byTopic.get(o.topic);
      if (l === undefined) byTopic.set(o.topic, [o]);
      else l.push(o);
    }
    await this.#coordinatorCall(
      'TxnOffsetCommit',
      deadline,
      async () => {
        const res = await groupLink.request(TxnOffsetCommitApi, {
          transactionalId: this.transactionalId,
          groupId: group.groupId,
          producerId: p.producerId,
          producerEpoch: p.producerEpoch,
          generationId: group.generationId ?? -1,
          memberId: group.memberId ?? '',
          groupInstanceId: group.groupInstanceId ?? null,
          topics: [...byTopic].map(([name, list]) => ({
            name,
            partitions: list.map((o) => ({
              partitionIndex: o.partition,
              committedOffset: o.offset,
              committedLeaderEpoch: o.leaderEpoch ?? -1,
              committedMetadata: o.metadata ?? '',
            })),
          })),
        });
        for (const t of res.topics) for (const q of t.partitions) if (q.errorCode !== 0) return q.errorCode;
        return ErrorCode.NONE;
      },
      groupLink,
    );
  }

  async commitTransaction(): Promise<void> {
    if (this.#state === 'abortable-error') throw this.#error!;
    this.#expect('commitTransaction', 'in-transaction');
    this.#state = 'committing';
    await this.#producer.flush();
    await this.#adding;
    if (this.#state !== 'committing') throw this.#error!; // a send failed meanwhile
    await this.#endTxn(true);
  }

  async abortTransaction(): Promise<void> {
    if (this.#state !== 'abortable-error') this.#expect('abortTransaction', 'in-transaction');
    this.#state = 'aborting';
    await this.#producer.dropUnsent(
      new KafkaError(ErrorCode.TRANSACTION_ABORTABLE, 'the transaction was aborted'),
    );
    await this.#adding?.catch(() => {});
    if (this.#bumpEpoch) {
      // A lost sequence: InitProducerId with the current id and epoch aborts the open transaction and
      // bumps the epoch (KIP-360), which EndTxn could not do.
      this.#bumpEpoch = false;
      await this.#initProducerId(this.#producer.producerId, this.#producer.producerEpoch);
      this.#finish();
      return;
    }
    await this.#endTxn(false);
  }

  // --- internals ----------------------------------------------------------------------------------

  #expect(what: string, state: TransactionState): void {
    if (this.#state === 'fatal-error') throw this.#error!;
    if (this.#state !== state) throw new ClientError(`${what}() in transaction state ${this.#state}`);
  }

  #fatal(err: KafkaError): void {
    this.#state = 'fatal-error';
    this.#error = err;
  }

  #finish(): void {
    this.#started = false;
    this.#added.clear();
    this.#toAdd.clear();
    this.#error = null;
    this.#state = 'ready';
  }

  async #endTxn(commit: boolean): Promise<void> {
    if (!this.#started) {
      this.#finish();
      return;
    }
    const p = this.#producer;
    const deadline = Date.now() + this.#maxBlockMs;
    let next: { id: number; epoch: number } | null = null;
    try {
      await this.#coordinatorCall(commit ? 'EndTxn(commit)' : 'EndTxn(abort)', deadline, async () => {
        const conn = await this.#link.connection();
        const res = await this.#link.request(EndTxnApi, {
          transactionalId: this.transactionalId,
          producerId: p.producerId,
          producerEpoch: p.producerEpoch,
          committed: commit,
        });
        if (
          res.errorCode === ErrorCode.NONE &&
          conn.tryVersionFor(EndTxnApi.apiKey) >= 5 &&
          res.producerId >= 0
        ) {
          next = { id: res.producerId, epoch: res.producerEpoch };
        }
        return res.errorCode;
      });
    } catch (err) {
      // An unfinished commit leaves its outcome to the coordinator; only abort can follow.
      if (this.#state !== 'fatal-error' && err instanceof KafkaError) {
        this.#state = 'abortable-error';
        this.#error = err;
      }
      throw err;
    }
    const bumped = next as { id: number; epoch: number } | null;
    if (bumped !== null) p.setProducerId(bumped.id, bumped.epoch);
    this.#finish();
  }

  async #initProducerId(producerId: number, producerEpoch: number): Promise<void> {
    const deadline = Date.now() + this.#maxBlockMs;
    await this.#coordinatorCall('InitProducerId', deadline, async () => {
      const res = await this.#link.request(InitProducerIdApi, {
        transactionalId: this.transactionalId,
        transactionTimeoutMs: this.transactionTimeoutMs,
        producerId,
        producerEpoch,
      });
      if (res.errorCode === ErrorCode.NONE) this.#producer.setProducerId(res.producerId, res.producerEpoch);
      return res.errorCode;
    });
  }

  #addSoon(): void {
    if (this.#adding !== null) return;
    this.#adding = (async () => {
      try {
        while (this.#toAdd.size > 0 && this.#state !== 'aborting') await this.#addPending();
      } finally {
        this.#adding = null;
      }
    })();
  }

  async #addPending(): Promise<void> {
    const batch = [...this.#toAdd.values()];
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of batch) {
      const l = byTopic.get(topic);
      if (l === undefined) byTopic.set(topic, [partition]);
      else l.push(partition);
    }
    const p = this.#producer;
    this.#started = true;
    try {
      await this.#coordinatorCall('AddPartitionsToTxn', Date.now() + this.#maxBlockMs, async () => {
        const conn = await this.#link.connection();
        await conn.connect();
        const version = Math.min(
          conn.versionFor(AddPartitionsToTxnApi.apiKey),
          ADD_PARTITIONS_CLIENT_MAX_VERSION,
        );
        const res = await conn.request(
          AddPartitionsToTxnApi,
          {
            transactions: [],
            v3AndBelowTransactionalId: this.transactionalId,
            v3AndBelowProducerId: p.producerId,
            v3AndBelowProducerEpoch: p.producerEpoch,
            v3AndBelowTopics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
          },
          undefined,
          version,
        );
        // One failed partition fails the request; the others answer OPERATION_NOT_ATTEMPTED.
        let code: number = res.errorCode;
        for (const t of res.resultsByTopicV3AndBelow) {
          for (const q of t.resultsByPartition) {
            if (
              q.partitionErrorCode !== ErrorCode.NONE &&
              q.partitionErrorCode !== ErrorCode.OPERATION_NOT_ATTEMPTED
            ) {
              code = q.partitionErrorCode;
            }
          }
        }
        return code;
      });
      for (const { topic, partition } of batch) {
        const key = `${topic}\u0000${partition}`;
        this.#toAdd.delete(key);
        this.#added.add(key);
      }
    } catch (err) {
      for (const { topic, partition } of batch) this.#toAdd.delete(`${topic}\u0000${partition}`);
      if (err instanceof KafkaError) this.onSendFailed(err);
      // The waiting batches fail with the transaction's error when the application aborts.
    }
    this.#producer.wake();
  }

  /**
   * Runs a coordinator request until it answers NONE: retriable answers wait a backoff (the coordinator is
   * looked up again after it moved), fatal ones make the producer unusable, others are thrown.
   */
  async #coordinatorCall(
    what: string,
    deadline: number,
    call: () => Promise<number>,
    link: CoordinatorLink = this.#link,
  ): Promise<void> {
    let concurrentWaitMs = 1;
    for (;;) {
      let code: number;
      let cause: KafkaError | null = null;
      try {
        code = await call();
      } catch (err) {
        if (!(err instanceof KafkaError)) throw err;
        code = err.code;
        cause = err;
      }
      if (code === ErrorCode.NONE) return;
      const err = cause ?? new KafkaError(code, `${what} for transactional id ${this.transactionalId}`);
      if (isFatalTransactionError(code)) {
        this.#fatal(err);
        throw err;
      }
      if (!retryable(code) || Date.now() >= deadline) throw err;
      if (isCoordinatorGone(code)) link.markDead(`${what}: ${err.message}`);
      if (code === ErrorCode.CONCURRENT_TRANSACTIONS) {
        // The previous transaction's markers are being written, which takes milliseconds: ask again soon
        // (2, 4, 8 ... ms up to retryBackoffMs), or every transaction after a commit would wait a full backoff.
        concurrentWaitMs = Math.min(this.#cluster.retryBackoffMs, concurrentWaitMs * 2);
        await sleep(concurrentWaitMs);
      } else await sleep(this.#cluster.retryBackoffMs);
    }
  }
}
