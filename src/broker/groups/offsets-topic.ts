// __consumer_offsets on a PartitionStore: appends of group records, the replay of one partition when the
// coordinator loads it, and a stand-in for log compaction (live records appended again, everything before
// them deleted with DeleteRecords).
//
// Writes, replays and compactions of one partition run one after another through a promise chain, and a
// write's `apply` (the coordinator updating its cache) runs inside its turn: a compaction that collects live
// records at its own turn sees every earlier write applied and can never put an older value after a newer
// one, and a replay sees every write submitted before it.
import { Buffer } from 'node:buffer';
import { ErrorCode } from '../../protocol/errors.js';
import {
  BatchHeader,
  decodeRecordBatch,
  encodeRecordBatch,
  LOG_OVERHEAD,
  readBatchHeader,
} from '../../protocol/record-batch.js';
import type { AppendResult, PartitionStore } from '../../storage/pool.js';
import type { Clock } from './clock.js';
import {
  decodeRecord,
  encodeRecordKey,
  encodeRecordValue,
  OFFSETS_TOPIC,
  type OffsetsRecord,
  partitionForGroup,
} from './records.js';

/** The producer of a transactional batch of offsets (TxnOffsetCommit). */
export interface TxnProducer {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

/** Where the coordinator persists group records; resolves with a storage error code, NONE on success. */
export interface GroupLog {
  readonly partitions: number;
  /**
   * Replays the partition's stored records, oldest first, after every write submitted before it; resolves with
   * the error that stopped it, or NONE. A record of a transactional batch comes with its producer id (-1
   * otherwise), every record with its batch's base offset; a transaction marker is passed to onMarker.
   */
  loadPartition(
    partition: number,
    onRecord: (record: OffsetsRecord, producerId: number, batchOffset: number) => void,
    onMarker?: (producerId: number, commit: boolean) => void,
  ): Promise<number>;
  /**
   * Appends the records of one group as one batch (transactional when `txn` is given); apply() runs on
   * success, before any later write, with the batch's base offset. `guard`, when given, is called at the
   * write's turn right before the append is submitted: a code other than NONE stops it and is the result.
   */
  write(
    groupId: string,
    records: readonly OffsetsRecord[],
    apply?: (batchOffset: number) => void,
    txn?: TxnProducer,
    guard?: () => number,
  ): Promise<number>;
  /** The epoch and last sequence the partition's log holds for a producer, or null when it has none. */
  producerSequence(
    partition: number,
    producerId: number,
  ): Promise<{ producerEpoch: number; lastSequence: number } | null>;
  /** Records appended to a partition since its log start (what a replay would read). */
  recordsInLog(partition: number): number;
  /** When the partition's live records were last rewritten (or loaded). */
  lastCompactedAt(partition: number): number;
  /**
   * Rewrites the partition as `collect()` (called at its turn) and deletes what came before; a null from
   * collect leaves the partition as it is.
   */
  compact(partition: number, collect: () => OffsetsRecord[] | null): Promise<number>;
}

/** How a group record batch is written: the leader's append, acknowledged once replicated. */
export type OffsetsAppend = (topic: string, partition: number, batch: Uint8Array) => Promise<AppendResult>;

export interface OffsetsTopicOptions {
  store: PartitionStore;
  /**
   * The broker's replicated append (stamped with the partition's leader epoch, answered once the high
   * watermark passes it); default: a plain append to the store.
   */
  append?: OffsetsAppend;
  clock: Clock;
  partitions: number;
  maxBatchBytes: number;
  loadBufferBytes: number;
  topic?: string;
}

/** Bytes of a batch header plus a generous per-record overhead (varints, attributes, header count). */
const BATCH_OVERHEAD = BatchHeader.SIZE;
const RECORD_OVERHEAD = 32;

export class OffsetsTopic implements GroupLog {
  readonly partitions: number;
  readonly topic: string;
  readonly #store: PartitionStore;
  readonly #append: OffsetsAppend;
  readonly #clock: Clock;
  readonly #maxBatchBytes: number;
  readonly #loadBufferBytes: number;
  readonly #tails: Promise<unknown>[];
  readonly #recordsInLog: number[];
  readonly #compactedAt: number[];

  constructor(options: OffsetsTopicOptions) {
    this.partitions = options.partitions;
    this.topic = options.topic ?? OFFSETS_TOPIC;
    this.#store = options.store;
    const store = options.store;
    this.#append = options.append ?? ((topic, partition, batch) => store.append(topic, partition, batch));
    this.#clock = options.clock;
    this.#maxBatchBytes = options.maxBatchBytes;
    this.#loadBufferBytes = options.loadBufferBytes;
    this.#tails = Array.from({ length: this.partitions }, () => Promise.resolve());
    this.#recordsInLog = new Array(this.partitions).fill(0);
    this.#compactedAt = new Array(this.partitions).fill(options.clock.now());
  }

  partitionFor(groupId: string): number {
    return partitionForGroup(groupId, this.partitions);
  }

  recordsInLog(partition: number): number {
    return this.#recordsInLog[partition] ?? 0;
  }

  lastCompactedAt(partition: number): number {
    return this.#compactedAt[partition] ?? 0;
  }

  async producerSequence(
    partition: number,
    producerId: number,
  ): Promise<{ producerEpoch: number; lastSequence: number } | null> {
    const r = await this.#store.describeProducers(this.topic, partition);
    const found = r.producers.find((x) => x.producerId === producerId);
    return found === undefined
      ? null
      : { producerEpoch: found.producerEpoch, lastSequence: found.lastSequence };
  }

  loadPartition(
    p: number,
    onRecord: (record: OffsetsRecord, producerId: number, batchOffset: number) => void,
    onMarker?: (producerId: number, commit: boolean) => void,
  ): Promise<number> {
    if (!Number.isInteger(p) || p < 0 || p >= this.partitions) {
      return Promise.resolve(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
    // On the write chain: a write submitted before an unload is in the log before the reload reads it.
    return this.#enqueue(p, async () => {
      const code = await this.#replayPartition(p, onRecord, onMarker);
      if (code === ErrorCode.NONE) this.#compactedAt[p] = this.#clock.now();
      return code;
    });
  }

  async #replayPartition(
    p: number,
    onRecord: (record: OffsetsRecord, producerId: number, batchOffset: number) => void,
    onMarker?: (producerId: number, commit: boolean) => void,
  ): Promise<number> {
    const opened = await this.#store.open(this.topic, p, true);
    if (opened.errorCode !== ErrorCode.NONE) return opened.errorCode;
    let offset = opened.logStartOffset;
    const end = opened.logEndOffset;
    let count = 0;
    while (offset < end) {
      const r = await this.#store.read(this.topic, p, offset, this.#loadBufferBytes);
      // A damaged batch (storage logged and marked it; the next start truncates there): keep what precedes
      // it rather than refuse to start. Commits to this partition fail until then.
      if (r.errorCode === ErrorCode.CORRUPT_MESSAGE) break;
      if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
      if (r.records === null || r.records.byteLength === 0) break;
      const buf = Buffer.from(r.records.buffer, r.records.byteOffset, r.records.byteLength);
      const next = replayBatches(
        buf,
        offset,
        (record, producerId, batchOffset) => {
          count++;
          onRecord(record, producerId, batchOffset);
        },
        onMarker,
      );
      // No whole batch in a non-empty read would mean no progress: stop rather than spin.
      if (next <= offset) break;
      offset = next;
    }
    this.#recordsInLog[p] = count;
    return ErrorCode.NONE;
  }

  write(
    groupId: string,
    records: readonly OffsetsRecord[],
    apply?: (batchOffset: number) => void,
    txn?: TxnProducer,
    guard?: () => number,
  ): Promise<number> {
    const p = this.partitionFor(groupId);
    let batch: Uint8Array;
    try {
      batch = this.#encode(records, txn);
    } catch {
      return Promise.resolve(ErrorCode.RECORD_LIST_TOO_LARGE);
    }
    if (batch.byteLength > this.#maxBatchBytes) return Promise.resolve(ErrorCode.RECORD_LIST_TOO_LARGE);
    return this.#enqueue(p, async () => {
      const refused = guard?.() ?? ErrorCode.NONE;
      if (refused !== ErrorCode.NONE) return refused;
      const r = await this.#append(this.topic, p, batch);
      if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
      this.#recordsInLog[p] = (this.#recordsInLog[p] ?? 0) + records.length;
      apply?.(r.baseOffset);
      return ErrorCode.NONE;
    });
  }

  compact(partition: number, collect: () => OffsetsRecord[] | null): Promise<number> {
    return this.#enqueue(partition, async () => {
      const live = collect();
      if (live === null) return ErrorCode.NONE;
      let firstOffset = -1;
      for (const chunk of this.#split(live)) {
        const r = await this.#append(this.topic, partition, this.#encode(chunk));
        // Stop without deleting anything: what was appended repeats current values, so replay stays right.
        if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
        if (firstOffset < 0) firstOffset = r.baseOffset;
      }
      const d = await this.#store.deleteRecords(this.topic, partition, firstOffset);
      if (d.errorCode !== ErrorCode.NONE) return d.errorCode;
      this.#recordsInLog[partition] = live.length;
      this.#compactedAt[partition] = this.#clock.now();
      return ErrorCode.NONE;
    });
  }

  #enqueue(p: number, step: () => Promise<number>): Promise<number> {
    const run = (this.#tails[p] ?? Promise.resolve()).then(step, step);
    // The chain must survive a failed step; errors come back as codes, never as rejections.
    const settled = run.catch(() => ErrorCode.UNKNOWN_SERVER_ERROR);
    this.#tails[p] = settled;
    return settled;
  }

  #encode(records: readonly OffsetsRecord[], txn?: TxnProducer): Uint8Array {
    const inputs = records.map((r) => ({ key: encodeRecordKey(r), value: encodeRecordValue(r) }));
    const producer = txn === undefined ? {} : { ...txn, transactional: true };
    // A fresh buffer that owns its memory, so a worker-thread store can take it without a copy.
    return new Uint8Array(encodeRecordBatch(inputs, { timestamp: this.#clock.now(), ...producer }));
  }

  /** Splits records into groups whose batches stay under the batch limit (a lone oversized record alone). */
  #split(records: OffsetsRecord[]): OffsetsRecord[][] {
    const out: OffsetsRecord[][] = [];
    let current: OffsetsRecord[] = [];
    let bytes = BATCH_OVERHEAD;
    for (const r of records) {
      const size = RECORD_OVERHEAD + encodeRecordKey(r).length + (encodeRecordValue(r)?.length ?? 0);
      if (current.length > 0 && bytes + size > this.#maxBatchBytes) {
        out.push(current);
        current = [];
        bytes = BATCH_OVERHEAD;
      }
      current.push(r);
      bytes += size;
    }
    // No live records: nothing is appended, and DeleteRecords at -1 (the high watermark) clears the partition.
    if (current.length > 0) out.push(current);
    return out;
  }
}

/**
 * Applies every record at or past `from` in the whole batches of `buf`; returns the offset after the last
 * whole batch. A batch that fails to decode is skipped whole (logged by nobody: the storage layer has
 * already checked its CRC, so this only happens to records written by a foreign tool).
 */
function replayBatches(
  buf: Buffer,
  from: number,
  onRecord: (record: OffsetsRecord, producerId: number, batchOffset: number) => void,
  onMarker?: (producerId: number, commit: boolean) => void,
): number {
  let pos = 0;
  let next = from;
  while (pos + LOG_OVERHEAD <= buf.length) {
    const header = readBatchHeader(buf, pos);
    const end = pos + LOG_OVERHEAD + header.batchLength;
    if (header.batchLength <= 0 || end > buf.length) break;
    next = Math.max(next, header.baseOffset + header.lastOffsetDelta + 1);
    const producerId = header.isTransactional ? header.producerId : -1;
    try {
      for (const rec of decodeRecordBatch(buf.subarray(pos, end)).records) {
        if (rec.offset < from) continue;
        if (header.isControl) {
          // A control record's key: version int16, type int16 (0 abort, 1 commit).
          const type = rec.key !== null && rec.key.length >= 4 ? rec.key.readInt16BE(2) : -1;
          if (producerId >= 0 && (type === 0 || type === 1)) onMarker?.(producerId, type === 1);
          continue;
        }
        const record = decodeRecord(rec.key, rec.value);
        if (record !== null) onRecord(record, producerId, header.baseOffset);
      }
    } catch {
      // Undecodable batch: skip it.
    }
    pos = end;
  }
  return next;
}
