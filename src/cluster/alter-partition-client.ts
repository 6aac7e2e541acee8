// A partition leader's AlterPartition calls (Kafka's AlterPartitionManager): every call made while a request
// is being sent waits and goes in the next one, so one broker sends at most one AlterPartition at a time,
// holding all its pending ISR changes. A partition asked for twice before a send keeps only the latest ask
// (the earlier caller gets that answer too: the leader wants its newest ISR, not every step to it).
//
// Limits: maxPartitionsPerRequest partitions per request (the rest wait for the next); maxPending calls
// waiting at once (more are answered REQUEST_TIMED_OUT, retriable, at once).
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../protocol/generated/alter-partition.js';

export interface AlterPartitionAsk {
  topicId: string;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

export interface AlterPartitionAnswer {
  errorCode: number;
  leaderEpoch: number;
  partitionEpoch: number;
  isr: number[];
}

export interface AlterPartitionClientOptions {
  brokerId: number;
  /** This broker's epoch now (-1 while not registered: calls are answered NOT_CONTROLLER, retriable). */
  brokerEpoch: () => number;
  /** Sends one request (at version 2: topics by id, the ISR as ids) to the active controller. */
  send: (req: AlterPartitionRequest) => Promise<AlterPartitionResponse>;
  maxPartitionsPerRequest: number;
  maxPending: number;
}

export const ALTER_PARTITION_REQUEST_VERSION = 2;

interface Pending {
  ask: AlterPartitionAsk;
  resolvers: ((a: AlterPartitionAnswer) => void)[];
}

const failed = (errorCode: number): AlterPartitionAnswer => ({
  errorCode,
  leaderEpoch: -1,
  partitionEpoch: -1,
  isr: [],
});

export class AlterPartitionClient {
  readonly #o: AlterPartitionClientOptions;
  /** "topicId:partition" -> the latest ask, in arrival order. */
  readonly #pending = new Map<string, Pending>();
  #waiting = 0;
  #sending = false;
  #closed = false;

  constructor(o: AlterPartitionClientOptions) {
    if (!Number.isInteger(o.maxPartitionsPerRequest) || o.maxPartitionsPerRequest < 1)
      throw new RangeError(
        `maxPartitionsPerRequest=${o.maxPartitionsPerRequest}: must be a positive integer`,
      );
    if (!Number.isInteger(o.maxPending) || o.maxPending < 1)
      throw new RangeError(`maxPending=${o.maxPending}: must be a positive integer`);
    this.#o = o;
  }

  alterPartition(ask: AlterPartitionAsk): Promise<AlterPartitionAnswer> {
    if (this.#closed) return Promise.resolve(failed(ErrorCode.NETWORK_EXCEPTION));
    if (this.#waiting >= this.#o.maxPending) return Promise.resolve(failed(ErrorCode.REQUEST_TIMED_OUT));
    this.#waiting++;
    return new Promise((resolve) => {
      const key = `${ask.topicId}:${ask.partition}`;
      const known = this.#pending.get(key);
      const done = (a: AlterPartitionAnswer) => {
        this.#waiting--;
        resolve(a);
      };
      if (known === undefined) this.#pending.set(key, { ask, resolvers: [done] });
      else {
        known.ask = ask;
        known.resolvers.push(done);
      }
      // Calls made in the same turn go out together.
      if (!this.#sending) queueMicrotask(() => void this.#sendNext());
    });
  }

  /** Answers everything waiting NETWORK_EXCEPTION; later calls too. */
  close(): void {
    this.#closed = true;
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) for (const r of p.resolvers) r(failed(ErrorCode.NETWORK_EXCEPTION));
  }

  async #sendNext(): Promise<void> {
    if (this.#sending || this.#pending.size === 0) return;
    this.#sending = true;
    try {
      const batch: Pending[] = [];
      for (const [key, p] of this.#pending) {
        if (batch.length >= this.#o.maxPartitionsPerRequest) break;
        batch.push(p);
        this.#pending.delete(key);
      }
      const epoch = this.#o.brokerEpoch();
      if (epoch < 0) {
        for (const p of batch) for (const r of p.resolvers) r(failed(ErrorCode.NOT_CONTROLLER));
        return;
      }
      const byTopic = new Map<string, Pending[]>();
      for (const p of batch) byTopic.set(p.ask.topicId, [...(byTopic.get(p.ask.topicId) ?? []), p]);
      const req: AlterPartitionRequest = {
        brokerId: this.#o.brokerId,
        brokerEpoch: epoch,
        topics: [...byTopic].map(([topicId, ps]) => ({
          topicName: '',
          topicId,
          partitions: ps.map((p) => ({
            partitionIndex: p.ask.partition,
            leaderEpoch: p.ask.leaderEpoch,
            newIsr: [...p.ask.newIsr],
            newIsrWithEpochs: [],
            leaderRecoveryState: 0,
            partitionEpoch: p.ask.partitionEpoch,
          })),
        })),
      };
      let res: AlterPartitionResponse;
      try {
        res = await this.#o.send(req);
      } catch (err) {
        const code = err instanceof KafkaError ? err.code : ErrorCode.NETWORK_EXCEPTION;
        for (const p of batch) for (const r of p.resolvers) r(failed(code));
        return;
      }
      const answers = new Map<string, AlterPartitionAnswer>();
      for (const t of res.topics) {
        for (const p of t.partitions) {
          answers.set(`${t.topicId}:${p.partitionIndex}`, {
            errorCode: p.errorCode,
            leaderEpoch: p.leaderEpoch,
            partitionEpoch: p.partitionEpoch,
            isr: [...p.isr],
          });
        }
      }
      for (const p of batch) {
        const a =
          res.errorCode !== ErrorCode.NONE
            ? failed(res.errorCode)
            : (answers.get(`${p.ask.topicId}:${p.ask.partition}`) ?? failed(ErrorCode.UNKNOWN_SERVER_ERROR));
        for (const r of p.resolvers) r(a);
      }
    } finally {
      this.#sending = false;
      if (this.#pending.size > 0 && !this.#closed) queueMicrotask(() => void this.#sendNext());
    }
  }
}
