// Records of the internal topic __transaction_state, in Kafka's layouts so its tools can read them: the key
// and the value each start with an int16 schema version.
//
//   TransactionLogKey   v0: transactionalId string
//   TransactionLogValue v0: producerId int64, producerEpoch int16, transactionTimeoutMs int32,
//                           transactionStatus int8, transactionPartitions [topic string, partitionIds
//                           [int32]] (nullable), transactionLastUpdateTimestampMs int64,
//                           transactionStartTimestampMs int64
//                       v1: the same fields, flexible (compact strings and arrays), with tagged fields
//                           0 previousProducerId int64, 1 nextProducerId int64, 2 clientTransactionVersion int16
// A null value is a tombstone: the transactional id expired. We write v1 (so the previous producer id survives
// a coordinator failover) and read v0 and v1.
import { Buffer } from 'node:buffer';
import { Reader } from '../../protocol/reader.js';
import { Writer } from '../../protocol/writer.js';
import { partitionForGroup } from '../groups/records.js';

export { TRANSACTION_STATE_TOPIC } from '../../cluster/topics.js';

/** Kafka's TransactionState ids as stored in transactionStatus. */
export const TxnState = {
  EMPTY: 0,
  ONGOING: 1,
  PREPARE_COMMIT: 2,
  PREPARE_ABORT: 3,
  COMPLETE_COMMIT: 4,
  COMPLETE_ABORT: 5,
  DEAD: 6,
  PREPARE_EPOCH_FENCE: 7,
} as const;
export type TxnState = (typeof TxnState)[keyof typeof TxnState];

/** Names as DescribeTransactions and ListTransactions show them (Kafka's TransactionState.name). */
export const TXN_STATE_NAMES: Readonly<Record<TxnState, string>> = {
  [TxnState.EMPTY]: 'Empty',
  [TxnState.ONGOING]: 'Ongoing',
  [TxnState.PREPARE_COMMIT]: 'PrepareCommit',
  [TxnState.PREPARE_ABORT]: 'PrepareAbort',
  [TxnState.COMPLETE_COMMIT]: 'CompleteCommit',
  [TxnState.COMPLETE_ABORT]: 'CompleteAbort',
  [TxnState.DEAD]: 'Dead',
  [TxnState.PREPARE_EPOCH_FENCE]: 'PrepareEpochFence',
};

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** What one TransactionLogValue holds. */
export interface StoredTransaction {
  producerId: number;
  /** -1 when none (the producer id of the transaction before a rotation). */
  previousProducerId: number;
  /** -1 when none (a producer id handed out but not yet in use). */
  nextProducerId: number;
  producerEpoch: number;
  timeoutMs: number;
  state: TxnState;
  partitions: TopicPartitions[];
  lastUpdateTimestamp: number;
  /** -1 when no transaction is open. */
  startTimestamp: number;
  /** 0-1 classic, 2: epoch bumped at every end (EndTxn v5). */
  clientTransactionVersion: number;
}

/** Partition of __transaction_state holding a transactional id: abs(hashCode) % partitions, as Kafka. */
export function partitionForTransactionalId(transactionalId: string, partitions: number): number {
  return partitionForGroup(transactionalId, partitions);
}

export function encodeTxnKey(transactionalId: string): Buffer {
  const w = new Writer({ initialSize: 32 + transactionalId.length });
  w.int16(0);
  w.string(transactionalId);
  if (w.error !== null) throw new RangeError(`cannot encode the key of ${transactionalId}: ${w.error}`);
  return Buffer.from(w.finish());
}

export function encodeTxnValue(t: StoredTransaction): Buffer {
  const w = new Writer({ initialSize: 96 });
  w.int16(1);
  w.int64(t.producerId);
  w.int16(t.producerEpoch);
  w.int32(t.timeoutMs);
  w.int8(t.state);
  w.compactArrayLength(t.partitions.length);
  for (const tp of t.partitions) {
    w.compactString(tp.topic);
    w.compactArrayLength(tp.partitions.length);
    for (const p of tp.partitions) w.int32(p);
    w.uvarint(0);
  }
  w.int64(t.lastUpdateTimestamp);
  w.int64(t.startTimestamp);
  const tags: [number, (w: Writer) => void][] = [];
  if (t.previousProducerId !== -1) tags.push([0, (x) => x.int64(t.previousProducerId)]);
  if (t.nextProducerId !== -1) tags.push([1, (x) => x.int64(t.nextProducerId)]);
  if (t.clientTransactionVersion !== 0) tags.push([2, (x) => x.int16(t.clientTransactionVersion)]);
  w.uvarint(tags.length);
  for (const [tag, write] of tags) {
    const mark = w.beginTaggedField(tag);
    write(w);
    w.endTaggedField(mark);
  }
  if (w.error !== null) throw new RangeError(`cannot encode a transaction record: ${w.error}`);
  return Buffer.from(w.finish());
}

/** The transactional id of a stored key, or null when the key is not a v0 TransactionLogKey. */
export function decodeTxnKey(key: Buffer | null): string | null {
  if (key === null) return null;
  const r = new Reader(key);
  if (r.int16() !== 0) return null;
  const id = r.string();
  return r.ok ? id : null;
}

/** A stored value (null for a tombstone or one we cannot read: the caller tells them apart by the bytes). */
export function decodeTxnValue(value: Buffer): StoredTransaction | null {
  const r = new Reader(value);
  const version = r.int16();
  if (version !== 0 && version !== 1) return null;
  const flexible = version === 1;
  const producerId = r.int64();
  const producerEpoch = r.int16();
  const timeoutMs = r.int32();
  const state = r.int8();
  const n = flexible ? r.compactArrayLength(6, true) : r.arrayLength(6, true);
  const partitions: TopicPartitions[] = [];
  for (let i = 0; i < n && r.ok; i++) {
    const topic = flexible ? r.compactString() : r.string();
    const m = flexible ? r.compactArrayLength(4, false) : r.arrayLength(4, false);
    const ids: number[] = [];
    for (let j = 0; j < m && r.ok; j++) ids.push(r.int32());
    if (flexible) r.skipTaggedFields();
    partitions.push({ topic, partitions: ids });
  }
  const lastUpdateTimestamp = r.int64();
  const startTimestamp = r.int64();
  let previousProducerId = -1;
  let nextProducerId = -1;
  let clientTransactionVersion = 0;
  if (flexible) {
    const tags = r.taggedFieldCount();
    for (let i = 0; i < tags && r.ok; i++) {
      const tag = r.uvarint();
      const saved = r.beginTaggedField(r.uvarint());
      if (tag === 0) previousProducerId = r.int64();
      else if (tag === 1) nextProducerId = r.int64();
      else if (tag === 2) clientTransactionVersion = r.int16();
      r.endTaggedField(saved);
    }
  }
  if (!r.ok || state < TxnState.EMPTY || state > TxnState.PREPARE_EPOCH_FENCE) return null;
  return {
    producerId,
    previousProducerId,
    nextProducerId,
    producerEpoch,
    timeoutMs,
    state: state as TxnState,
    partitions,
    lastUpdateTimestamp,
    startTimestamp,
    clientTransactionVersion,
  };
}
