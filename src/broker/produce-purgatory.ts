// acks=all produces waiting for replication (Kafka's DelayedProduce purgatory). After the leader appended a
// produce's batches, each partition whose high watermark has not reached the end of its batch parks here
// until followers' fetches move it there, the request's timeout passes (REQUEST_TIMED_OUT: the records
// may still be committed later, as in Kafka), or this node stops leading the partition
// (NOT_LEADER_OR_FOLLOWER). The waiters hang on the partitions' replica states (cluster/partition-state),
// which see the high watermark move; the purgatory keeps the timers and the limit.
//
// Limit: at most maxParked produces wait at once; past it a produce that needs to wait is answered at once
// with REQUEST_TIMED_OUT for its unreplicated partitions (retriable; the producer retries, and idempotence
// makes the retry a duplicate that is not written twice).
import type { AckWaiter, PartitionState } from '../cluster/partition-state.js';
import { ErrorCode } from '../protocol/errors.js';

/** A partition of a produce and the high watermark that acknowledges it. */
export interface AckNeeded {
  state: PartitionState;
  /** The last offset of its batches + 1. */
  requiredOffset: number;
}

class PartitionAck implements AckWaiter {
  constructor(
    readonly produce: DelayedProduce,
    readonly index: number,
    readonly state: PartitionState,
    readonly requiredOffset: number,
  ) {}

  complete(errorCode: number): void {
    this.produce.settle(this.index, errorCode);
  }
}

class DelayedProduce {
  timer: NodeJS.Timeout | null = null;
  readonly acks: PartitionAck[] = [];
  readonly codes: number[];
  remaining: number;

  constructor(
    readonly purgatory: ProducePurgatory,
    count: number,
    public resolve: ((codes: number[]) => void) | null,
  ) {
    this.codes = new Array<number>(count).fill(ErrorCode.REQUEST_TIMED_OUT);
    this.remaining = count;
  }

  settle(index: number, errorCode: number): void {
    if (this.resolve === null) return;
    this.codes[index] = errorCode;
    if (--this.remaining === 0) this.purgatory.complete(this);
  }
}

function expire(p: DelayedProduce): void {
  p.purgatory.complete(p);
}

/** Inserts keeping the list in requiredOffset order (produces can finish their appends out of order). */
function insertInOrder(list: AckWaiter[], w: AckWaiter): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.requiredOffset > w.requiredOffset) i--;
  list.splice(i, 0, w);
}

export class ProducePurgatory {
  readonly #parked = new Set<DelayedProduce>();
  #closed = false;

  constructor(readonly maxParked: number) {
    if (!Number.isInteger(maxParked) || maxParked < 0) throw new RangeError(`maxParked ${maxParked}`);
  }

  /** Produces waiting now. */
  get size(): number {
    return this.#parked.size;
  }

  /**
   * Waits until each partition's high watermark reaches its requiredOffset, for at most timeoutMs.
   * Resolves with an error code per entry: NONE, REQUEST_TIMED_OUT or NOT_LEADER_OR_FOLLOWER.
   */
  wait(needed: readonly AckNeeded[], timeoutMs: number): Promise<number[]> {
    const codes = needed.map((n) =>
      n.state.highWatermark >= n.requiredOffset ? ErrorCode.NONE : ErrorCode.REQUEST_TIMED_OUT,
    );
    if (!codes.includes(ErrorCode.REQUEST_TIMED_OUT) || timeoutMs <= 0) return Promise.resolve(codes);
    if (this.#closed)
      return Promise.resolve(codes.map((c) => (c === ErrorCode.NONE ? c : ErrorCode.NOT_LEADER_OR_FOLLOWER)));
    if (this.#parked.size >= this.maxParked) return Promise.resolve(codes);
    return new Promise((resolve) => {
      const p = new DelayedProduce(this, needed.length, resolve);
      for (let i = 0; i < needed.length; i++) {
        if (codes[i] === ErrorCode.NONE) {
          p.settle(i, ErrorCode.NONE);
          continue;
        }
        const { state, requiredOffset } = needed[i]!;
        const ack = new PartitionAck(p, i, state, requiredOffset);
        p.acks.push(ack);
        insertInOrder(state.ackWaiters, ack);
      }
      p.timer = setTimeout(expire, timeoutMs, p);
      this.#parked.add(p);
    });
  }

  /** Fails everything waiting with NOT_LEADER_OR_FOLLOWER and refuses new waits (shutdown). */
  close(): void {
    this.#closed = true;
    for (const p of [...this.#parked]) {
      for (const a of p.acks)
        if (p.codes[a.index] === ErrorCode.REQUEST_TIMED_OUT)
          p.codes[a.index] = ErrorCode.NOT_LEADER_OR_FOLLOWER;
      this.complete(p);
    }
  }

  /** Answers a produce (all acknowledged, failed, or its time is up) and unhooks what still waits. */
  complete(p: DelayedProduce): void {
    const resolve = p.resolve;
    if (resolve === null) return;
    p.resolve = null;
    if (p.timer !== null) clearTimeout(p.timer);
    p.timer = null;
    for (const a of p.acks) {
      const list = a.state.ackWaiters;
      const i = list.indexOf(a);
      if (i >= 0) list.splice(i, 1);
    }
    p.acks.length = 0;
    this.#parked.delete(p);
    resolve(p.codes);
  }
}
