// __transaction_state on a PartitionStore: each transition is one record (key: the transactional id) in a
// batch of its own, appended as the partition's leader at the coordinator epoch and acknowledged once the
// ISR has it; a load replays the partition from its log start. The topic is compacted, so the log cleaner
// keeps the last state of each id (and drops tombstones of expired ones).
import { Buffer } from 'node:buffer';
import type { Clock } from '../../clock.js';
import { ErrorCode } from '../../protocol/errors.js';
import {
  decodeRecordBatch,
  encodeRecordBatch,
  LOG_OVERHEAD,
  readBatchHeader,
} from '../../protocol/record-batch.js';
import type { AppendResult, PartitionStore } from '../../storage/pool.js';
import type { TransactionLog } from './coordinator.js';
import {
  decodeTxnKey,
  decodeTxnValue,
  encodeTxnKey,
  encodeTxnValue,
  type StoredTransaction,
  TRANSACTION_STATE_TOPIC,
} from './records.js';

/** The leader's append at `leaderEpoch`, answered once replicated (or with the error). */
export type StateAppend = (
  topic: string,
  partition: number,
  batch: Uint8Array,
  leaderEpoch: number,
) => Promise<AppendResult>;

export interface TransactionStateTopicOptions {
  store: PartitionStore;
  append: StateAppend;
  clock: Clock;
  /** Bytes read per step of a load. */
  loadBufferBytes: number;
  topic?: string;
}

export class TransactionStateTopic implements TransactionLog {
  readonly topic: string;
  readonly #o: TransactionStateTopicOptions;

  constructor(options: TransactionStateTopicOptions) {
    this.#o = options;
    this.topic = options.topic ?? TRANSACTION_STATE_TOPIC;
  }

  async write(
    partition: number,
    coordinatorEpoch: number,
    transactionalId: string,
    value: StoredTransaction | null,
  ): Promise<number> {
    let batch: Uint8Array;
    try {
      const key = encodeTxnKey(transactionalId);
      const encoded = value === null ? null : encodeTxnValue(value);
      batch = new Uint8Array(
        encodeRecordBatch([{ key, value: encoded }], { timestamp: this.#o.clock.now() }),
      );
    } catch {
      return ErrorCode.RECORD_LIST_TOO_LARGE;
    }
    const r = await this.#o.append(this.topic, partition, batch, coordinatorEpoch);
    return r.errorCode;
  }

  async load(
    partition: number,
    onRecord: (transactionalId: string, value: StoredTransaction | null) => void,
  ): Promise<number> {
    const store = this.#o.store;
    const opened = await store.open(this.topic, partition, true);
    if (opened.errorCode !== ErrorCode.NONE) return opened.errorCode;
    let offset = opened.logStartOffset;
    const end = opened.logEndOffset;
    while (offset < end) {
      const r = await store.read(this.topic, partition, offset, this.#o.loadBufferBytes);
      // A damaged batch: keep what precedes it (the next start truncates there), as the group load does.
      if (r.errorCode === ErrorCode.CORRUPT_MESSAGE) break;
      if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
      if (r.records === null || r.records.byteLength === 0) break;
      const buf = Buffer.from(r.records.buffer, r.records.byteOffset, r.records.byteLength);
      const next = replay(buf, offset, onRecord);
      if (next <= offset) break;
      offset = next;
    }
    return ErrorCode.NONE;
  }
}

/** Applies the records at or past `from` in the whole batches of `buf`; returns the offset after them. */
function replay(
  buf: Buffer,
  from: number,
  onRecord: (transactionalId: string, value: StoredTransaction | null) => void,
): number {
  let pos = 0;
  let next = from;
  while (pos + LOG_OVERHEAD <= buf.length) {
    const header = readBatchHeader(buf, pos);
    const end = pos + LOG_OVERHEAD + header.batchLength;
    if (header.batchLength <= 0 || end > buf.length) break;
    next = Math.max(next, header.baseOffset + header.lastOffsetDelta + 1);
    if (!header.isControl) {
      try {
        for (const rec of decodeRecordBatch(buf.subarray(pos, end)).records) {
          if (rec.offset < from) continue;
          const id = decodeTxnKey(rec.key);
          if (id === null) continue;
          if (rec.value === null) onRecord(id, null);
          else {
            const value = decodeTxnValue(rec.value);
            if (value !== null) onRecord(id, value);
          }
        }
      } catch {
        // Undecodable batch (written by a foreign tool): skip it.
      }
    }
    pos = end;
  }
  return next;
}
