// The metadata log on the project's own partition storage, as Kafka keeps `__cluster_metadata-0`: an
// ordinary log directory of segments. Each entry is one record batch holding one record (the entry's data as
// its value) with the entry's epoch as the batch's partition leader epoch, so the storage's leader-epoch
// cache and checkpoint are the epoch history, and truncation at any entry is a truncation at a batch
// boundary (a fetch response may split what a leader appended in one call, so a follower's batches cannot
// mirror the leader's). All I/O is synchronous on the caller's thread: the metadata log is small and the
// quorum's state machine is synchronous.
//
// Durability: flush() fdatasyncs and moves flushedOffset; truncateTo() is made durable at once (a cut that
// a crash undid would bring back entries the leader told this replica to drop). Reopening runs the
// storage's recovery, which cuts a torn or unflushed tail at the first bad batch.
//
// Snapshots are `<endOffset>-<epoch>.checkpoint` files beside the segments (snapshot.ts): temp file, fsync,
// rename, directory fsync, then the log start moves (the storage's DeleteRecords path: whole segments
// below go, the start is checkpointed) and older snapshots are deleted. Opening redoes whatever of that a
// crash cut short.
//
// A full disk: appends fail with the storage's KAFKA_STORAGE_ERROR. The log keeps a SpaceReserve
// (space-reserve.ts), given back at open when the disk is full and by releaseReserve().
//
// Limits: maxEntryBytes per entry (appends past it throw RangeError with nothing written); segmentBytes per
// segment file; reserveBytes of disk held aside.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/record-batch.js';
import { HEADER_SIZE } from '../../storage/batch.js';
import { fsyncDir, TMP_SUFFIX } from '../../storage/checkpoint-file.js';
import { UNDEFINED_EPOCH } from '../../storage/leader-epoch-cache.js';
import { PartitionLog, type TopicPartition } from '../../storage/log.js';
import {
  checkFollowerEntries,
  checkSnapshotId,
  type EpochEnd,
  holdsSnapshotEnd,
  type RaftEntry,
  type RaftLog,
  type SnapshotChunk,
  type SnapshotId,
  unknownEpochEnd,
} from './log.js';
import { parseSnapshotFileName, snapshotFileName } from './snapshot.js';
import { DEFAULT_METADATA_RESERVE_BYTES, METADATA_RESERVE_FILE, SpaceReserve } from './space-reserve.js';

export const METADATA_TOPIC_PARTITION: Readonly<TopicPartition> = Object.freeze({
  topic: '__cluster_metadata',
  partition: 0,
});

export interface PartitionRaftLogOptions {
  /** metadata.log.segment.bytes: a segment rolls when it would grow past this. */
  segmentBytes?: number;
  /** Preallocated size of each segment's offset and time index. */
  segmentIndexBytes?: number;
  /** Largest entry data accepted. */
  maxEntryBytes?: number;
  /** Disk kept aside for appends on a full disk (0: none). */
  reserveBytes?: number;
  logger?: Logger | null;
}

export const DEFAULT_METADATA_SEGMENT_BYTES = 8 * 1024 * 1024;
export const DEFAULT_METADATA_INDEX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
/** A batch header and one record's framing around the entry's bytes, with room to spare. */
const BATCH_OVERHEAD = HEADER_SIZE + 32;
/** Bytes asked of the storage per read; whole batches come back, at least one. */
const READ_CHUNK_BYTES = 256 * 1024;
const EMPTY = new Uint8Array(0);

export class PartitionRaftLog implements RaftLog {
  readonly dir: string;
  readonly maxEntryBytes: number;
  readonly #log: PartitionLog;
  readonly #reserve: SpaceReserve;
  #flushed: number;
  #snapshot: SnapshotId | null = null;

  /** Opens (recovering) or creates `<dataDir>/__cluster_metadata-0`. Throws on bad options or I/O failure. */
  static open(dataDir: string, options: PartitionRaftLogOptions = {}): PartitionRaftLog {
    const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (
      !Number.isSafeInteger(maxEntryBytes) ||
      maxEntryBytes < 1 ||
      maxEntryBytes > 0x7fffffff - BATCH_OVERHEAD
    ) {
      throw new RangeError(`metadata log maxEntryBytes=${String(maxEntryBytes)}: must be an integer >= 1`);
    }
    const segmentBytes = options.segmentBytes ?? DEFAULT_METADATA_SEGMENT_BYTES;
    if (!Number.isSafeInteger(segmentBytes) || segmentBytes < maxEntryBytes + BATCH_OVERHEAD) {
      throw new RangeError(
        `metadata log segmentBytes=${String(segmentBytes)}: must hold an entry of maxEntryBytes ` +
          `${maxEntryBytes} (at least ${maxEntryBytes + BATCH_OVERHEAD})`,
      );
    }
    const log = PartitionLog.open(
      dataDir,
      METADATA_TOPIC_PARTITION,
      {
        segmentBytes,
        segmentIndexBytes: options.segmentIndexBytes ?? DEFAULT_METADATA_INDEX_BYTES,
        maxMessageBytes: maxEntryBytes + BATCH_OVERHEAD,
        // The quorum flushes when it must; nothing is deleted by age or size (snapshots decide that).
        flush: 'never',
        retentionMs: -1,
        retentionBytes: -1,
      },
      Date.now(),
      options.logger ?? null,
    );
    const reserve = new SpaceReserve(
      path.join(log.dir, METADATA_RESERVE_FILE),
      options.reserveBytes ?? DEFAULT_METADATA_RESERVE_BYTES,
    );
    if (reserve.prepare() === 'released')
      options.logger?.warn(`${log.dir}: the disk is full; released the metadata log's reserve`);
    return new PartitionRaftLog(log, maxEntryBytes, reserve);
  }

  private constructor(log: PartitionLog, maxEntryBytes: number, reserve: SpaceReserve) {
    this.#log = log;
    this.dir = log.dir;
    this.maxEntryBytes = maxEntryBytes;
    this.#reserve = reserve;
    this.#cutAtFirstGap();
    this.#loadSnapshots();
    // What recovery kept is on disk: it was flushed before the crash or by recovery itself.
    this.#flushed = log.logEndOffset;
  }

  /**
   * The latest snapshot file wins; older ones are deleted. A crash between writing a snapshot and moving
   * the log start is finished here. A log that starts past 0 without a snapshot has lost its state: that is
   * refused rather than served.
   */
  #loadSnapshots(): void {
    const ids: SnapshotId[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const id = parseSnapshotFileName(name);
      if (id !== null) ids.push(id);
    }
    ids.sort((a, b) => a.endOffset - b.endOffset || a.epoch - b.epoch);
    const latest = ids.pop() ?? null;
    if (latest === null) {
      if (this.#log.logStartOffset > 0) {
        throw new Error(
          `${this.dir}: the log starts at ${this.#log.logStartOffset} but there is no snapshot of what precedes it`,
        );
      }
      return;
    }
    if (latest.endOffset < this.#log.logStartOffset) {
      throw new Error(
        `${this.dir}: the log starts at ${this.#log.logStartOffset}, past its latest snapshot ${snapshotFileName(latest)}`,
      );
    }
    this.#moveStartTo(latest);
    this.#deleteSnapshotFiles(ids);
  }

  get endOffset(): number {
    return this.#log.logEndOffset;
  }

  get logStartOffset(): number {
    return this.#log.logStartOffset;
  }

  get lastEpoch(): number {
    const e = this.#log.leaderEpochCache.latestEpoch;
    if (this.#isEmpty() || e === UNDEFINED_EPOCH) return this.#snapshot?.epoch ?? 0;
    return e;
  }

  get flushedOffset(): number {
    return this.#flushed;
  }

  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[] {
    if (epoch < this.lastEpoch) throw new Error(`append at epoch ${epoch} after epoch ${this.lastEpoch}`);
    if (data.length === 0) return [];
    const now = Date.now();
    const batches = data.map((d) => this.#encode(d, 0, epoch, now));
    const offsets: number[] = [];
    for (const chunk of this.#chunks(batches)) {
      const r = this.#log.append(chunk, epoch, now, false, Number.MAX_SAFE_INTEGER, 'coordinator');
      for (let o = r.baseOffset; o <= r.lastOffset; o++) offsets.push(o);
    }
    return offsets;
  }

  /** Gives the reserved room back (a full disk, for a record that frees space); false if none was held. */
  releaseReserve(): boolean {
    return this.#reserve.release();
  }

  /** Takes back what a release left free (see SpaceReserve.retake); the bytes now held again. */
  retakeReserve(): number {
    return this.#reserve.retake();
  }

  appendAsFollower(entries: readonly RaftEntry[]): void {
    checkFollowerEntries(entries, this.endOffset, this.lastEpoch);
    if (entries.length === 0) return;
    const now = Date.now();
    const batches = entries.map((e) => this.#encode(e.data, e.offset, e.epoch, now));
    for (const chunk of this.#chunks(batches)) this.#log.appendAsFollower(chunk);
  }

  truncateTo(offset: number): void {
    if (offset >= this.endOffset) return;
    this.#log.truncateTo(Math.max(this.logStartOffset, offset));
    this.#log.flush();
    this.#flushed = Math.min(this.#flushed, this.endOffset);
  }

  read(from: number, maxEntries: number): RaftEntry[] {
    const out: RaftEntry[] = [];
    const end = this.endOffset;
    if (from < this.#log.logStartOffset || from >= end) return out;
    let offset = from;
    while (out.length < maxEntries && offset < end) {
      const batches = decodeRecordBatches(this.#log.read(offset, READ_CHUNK_BYTES).records);
      if (batches.length === 0)
        throw new Error(`metadata log: nothing read at ${offset} below its end ${end}`);
      for (const b of batches) {
        if (b.baseOffset < offset) continue;
        if (out.length >= maxEntries) break;
        const value = b.records[0]?.value ?? null;
        out.push({ offset: b.baseOffset, epoch: b.partitionLeaderEpoch, data: value ?? EMPTY });
        offset = b.baseOffset + 1;
      }
    }
    return out;
  }

  epochAt(offset: number): number {
    if (offset < this.#log.logStartOffset || offset >= this.endOffset) return -1;
    return this.#log.leaderEpochCache.epochForOffset(offset);
  }

  endOffsetForEpoch(epoch: number): EpochEnd {
    // The storage answers LeaderEpochFileCache's rule; an empty log's cache may still hold the epoch its
    // start was clamped to, which the interface does not count.
    if (this.#isEmpty()) return unknownEpochEnd(this);
    const e = this.#log.endOffsetForEpoch(epoch);
    return e.endOffset < 0 ? unknownEpochEnd(this) : { epoch: e.leaderEpoch, endOffset: e.endOffset };
  }

  latestSnapshot(): SnapshotId | null {
    return this.#snapshot === null ? null : { ...this.#snapshot };
  }

  readSnapshot(id: SnapshotId, position: number, maxBytes: number): SnapshotChunk | null {
    const s = this.#snapshot;
    if (s === null || s.endOffset !== id.endOffset || s.epoch !== id.epoch) return null;
    const fd = fs.openSync(path.join(this.dir, snapshotFileName(s)), 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const n = Math.max(0, Math.min(maxBytes, size - position));
      const bytes = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = fs.readSync(fd, bytes, got, n - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return { size, bytes: bytes.subarray(0, got) };
    } finally {
      fs.closeSync(fd);
    }
  }

  writeSnapshot(id: SnapshotId, bytes: Uint8Array): void {
    checkSnapshotId(id, this.#snapshot);
    const file = path.join(this.dir, snapshotFileName(id));
    const tmp = file + TMP_SUFFIX;
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeFileSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    fsyncDir(this.dir);
    const older = this.#snapshot;
    this.#moveStartTo(id);
    if (older !== null && (older.endOffset !== id.endOffset || older.epoch !== id.epoch)) {
      this.#deleteSnapshotFiles([older]);
    }
    this.#flushed = Math.min(Math.max(this.#flushed, this.logStartOffset), this.endOffset);
  }

  /** Starts the log at the snapshot's end: below it when the log holds its last entry, else afresh. */
  #moveStartTo(id: SnapshotId): void {
    const holds = holdsSnapshotEnd(this, id);
    this.#snapshot = { ...id };
    if (!holds) this.#log.truncateFullyAndStartAt(id.endOffset);
    else if (id.endOffset > this.#log.logStartOffset) {
      // DeleteRecords' bound: the storage's high watermark, which the quorum keeps itself.
      this.#log.updateHighWatermark(this.#log.logEndOffset);
      this.#log.deleteRecordsBefore(id.endOffset);
    }
  }

  #deleteSnapshotFiles(ids: readonly SnapshotId[]): void {
    for (const id of ids) fs.rmSync(path.join(this.dir, snapshotFileName(id)), { force: true });
    if (ids.length > 0) fsyncDir(this.dir);
  }

  #isEmpty(): boolean {
    return this.#log.logEndOffset === this.#log.logStartOffset;
  }

  flush(): void {
    this.#log.flush();
    this.#flushed = this.endOffset;
  }

  /** Flushes and closes the files (a clean shutdown). */
  close(): void {
    this.#log.close();
  }

  /** Drops the file handles without flushing or marking a clean shutdown: what a crash leaves (tests). */
  abandon(): void {
    this.#log.abandon();
  }

  /**
   * A roll makes the new segment's file durable before the old segment's tail: after a crash in between,
   * recovery keeps a segment that starts past where the one before it now ends. A partition log allows
   * such gaps (compaction makes them); the metadata log has none, and a replica must not claim entries
   * it lost, so the log ends where the first gap begins.
   */
  #cutAtFirstGap(): void {
    const segments = this.#log.segmentList();
    for (let i = 1; i < segments.length; i++) {
      const end = segments[i - 1]!.nextOffset();
      if (segments[i]!.baseOffset <= end) continue;
      this.#log.truncateTo(end);
      this.#log.flush();
      return;
    }
  }

  /** Batches joined into appends of at most segmentBytes each (the storage's limit for one append). */
  *#chunks(batches: Buffer[]): Generator<Buffer> {
    const limit = this.#log.config.segmentBytes;
    let from = 0;
    let bytes = 0;
    for (let i = 0; i < batches.length; i++) {
      const size = batches[i]!.length;
      if (bytes + size > limit && i > from) {
        yield Buffer.concat(batches.slice(from, i));
        from = i;
        bytes = 0;
      }
      bytes += size;
    }
    if (from < batches.length) yield Buffer.concat(batches.slice(from));
  }

  #encode(data: Uint8Array, offset: number, epoch: number, now: number): Buffer {
    if (data.length > this.maxEntryBytes) {
      throw new RangeError(
        `metadata log entry of ${data.length} bytes > maxEntryBytes ${this.maxEntryBytes}`,
      );
    }
    return encodeRecordBatch([{ value: data }], {
      baseOffset: offset,
      partitionLeaderEpoch: epoch,
      timestamp: now,
    });
  }
}
