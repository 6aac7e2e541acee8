// One log segment (Kafka's LogSegment): `<base>.log` holding batches byte-for-byte as appended, with its
// `.index` and `.timeindex`. It knows nothing of other segments; the partition log decides when to roll.
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import {
  ATTRIBUTES,
  BASE_TIMESTAMP,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  HEADER_SIZE,
  INT32_MAX,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  MIN_BATCH_LENGTH,
  NO_TIMESTAMP,
  RECORDS,
  readInt32,
  readInt64,
  readVarlongAt,
  TIMESTAMP_TYPE_LOG_APPEND,
  varintEnd,
} from './batch.js';
import { VerifiedRanges, verifyRead } from './batch-verifier.js';
import { OffsetIndex } from './offset-index.js';
import { readBuffers } from './read-buffers.js';
import { TimeIndex, type TimestampOffset } from './time-index.js';

export const LOG_FILE_SUFFIX = '.log';
export const INDEX_FILE_SUFFIX = '.index';
export const TIME_INDEX_FILE_SUFFIX = '.timeindex';
const OFFSET_DIGITS = 20;

/** Kafka's file name for a base offset: 20 digits, zero padded. */
export function filenamePrefixFromOffset(offset: number): string {
  return String(offset).padStart(OFFSET_DIGITS, '0');
}

/** Base offset from `00000000000000000042.log`-style names, or -1 for anything else. */
export function offsetFromFileName(name: string, suffix: string): number {
  if (!name.endsWith(suffix)) return -1;
  const stem = name.slice(0, name.length - suffix.length);
  if (stem.length !== OFFSET_DIGITS || !/^[0-9]+$/.test(stem)) return -1;
  const n = Number(stem);
  return Number.isSafeInteger(n) ? n : -1;
}

export interface SegmentSettings {
  indexIntervalBytes: number;
  segmentIndexBytes: number;
}

/** A stored batch the segment could not parse while serving a request; recovery handles these at open. */
export class CorruptSegmentError extends KafkaError {
  constructor(
    readonly file: string,
    readonly position: number,
  ) {
    super(ErrorCode.CORRUPT_MESSAGE, `${file}: damaged batch at position ${position}`);
  }
}

// One scratch buffer for header scans: a log lives in one thread, and scans never nest.
const SCAN_CHUNK = 64 * 1024;
const scratch = Buffer.allocUnsafeSlow(SCAN_CHUNK);

/** pread until `length` bytes or end of file; returns bytes read. */
export function readFully(
  fd: number,
  buf: Uint8Array,
  offset: number,
  length: number,
  position: number,
): number {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

function writeFully(fd: number, buf: Uint8Array, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) done += fs.writeSync(fd, buf, offset + done, length - done, position + done);
}

export class LogSegment {
  readonly baseOffset: number;
  readonly logPath: string;
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** Byte ranges of the file checked (or appended) by this process; reads skip checking them again. */
  readonly verified = new VerifiedRanges();
  /** Creation time in this process, the roll clock when batches carry no timestamp (as Kafka). */
  readonly created: number;
  readonly #indexIntervalBytes: number;
  #fd = -1;
  #deleted = false;
  #truncations = 0;
  #size: number;
  /** Next offset after the last batch; -1 until computed. */
  #nextOffset = -1;
  #maxTimestampSoFar = NO_TIMESTAMP;
  #offsetOfMaxTimestampSoFar: number;
  #timestampsLoaded = false;
  #bytesSinceLastIndexEntry = 0;
  /** Max timestamp of the first batch; undefined until read. */
  #rollingBasedTimestamp: number | undefined;
  // Result of the last findBatch, kept in fields to avoid an allocation per lookup.
  #foundBaseOffset = 0;
  #foundLastOffset = 0;
  #foundSize = 0;
  #foundMaxTimestamp = 0;
  #foundBaseTimestamp = 0;
  #foundAttributes = 0;

  private constructor(
    dir: string,
    baseOffset: number,
    settings: SegmentSettings,
    size: number,
    active: boolean,
    now: number,
  ) {
    const prefix = path.join(dir, filenamePrefixFromOffset(baseOffset));
    this.baseOffset = baseOffset;
    this.logPath = prefix + LOG_FILE_SUFFIX;
    this.offsetIndex = new OffsetIndex(
      prefix + INDEX_FILE_SUFFIX,
      baseOffset,
      settings.segmentIndexBytes,
      active,
    );
    this.timeIndex = new TimeIndex(
      prefix + TIME_INDEX_FILE_SUFFIX,
      baseOffset,
      settings.segmentIndexBytes,
      active,
    );
    this.#indexIntervalBytes = settings.indexIntervalBytes;
    this.created = now;
    this.#size = size;
    this.#offsetOfMaxTimestampSoFar = baseOffset;
  }

  /**
   * A new empty segment; any leftover files with the same base offset are replaced. With `reserveIndexes`
   * (a roll) a full disk fails here; without (opening an empty log, which must work on a full disk for
   * reads), the first append reserves instead.
   */
  static create(
    dir: string,
    baseOffset: number,
    settings: SegmentSettings,
    now: number,
    reserveIndexes = true,
  ): LogSegment {
    const seg = new LogSegment(dir, baseOffset, settings, 0, true, now);
    try {
      seg.#fd = fs.openSync(seg.logPath, 'w+');
      seg.offsetIndex.reset();
      seg.timeIndex.reset();
      // The first index pages and the time index's slot for the roll entry: a full disk fails here, with
      // no segment left behind, rather than in the middle of an append.
      if (reserveIndexes) {
        seg.offsetIndex.reserve(1);
        seg.timeIndex.reserve(2);
      }
    } catch (e) {
      try {
        seg.deleteFiles();
      } catch {}
      if (e instanceof KafkaError) throw e;
      throw new KafkaError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `cannot create segment ${seg.logPath}: ${(e as Error).message}`,
      );
    }
    seg.#nextOffset = baseOffset;
    seg.#timestampsLoaded = true;
    return seg;
  }

  /** An existing segment. Nothing is read but the log file's size; indexes map on first use. */
  static open(
    dir: string,
    baseOffset: number,
    settings: SegmentSettings,
    active: boolean,
    now: number,
  ): LogSegment {
    const logPath = path.join(dir, filenamePrefixFromOffset(baseOffset) + LOG_FILE_SUFFIX);
    return new LogSegment(dir, baseOffset, settings, fs.statSync(logPath).size, active, now);
  }

  get size(): number {
    return this.#size;
  }

  /** Times the file was cut; a reader keeping a byte position across calls restarts when it changes. */
  get truncations(): number {
    return this.#truncations;
  }

  #handle(): number {
    if (this.#deleted) throw new Error(`segment ${this.logPath} was deleted`);
    if (this.#fd < 0) this.#fd = fs.openSync(this.logPath, 'r+');
    return this.#fd;
  }

  /** Reads log bytes at a position; used by recovery. */
  readAt(buf: Uint8Array, offset: number, length: number, position: number): number {
    return readFully(this.#handle(), buf, offset, length, position);
  }

  /**
   * readAt that leaves no descriptor open that was not open before: the background scrub visits every
   * segment, and keeping each one's fd would hold a descriptor per segment of the broker.
   */
  readAtTransient(buf: Uint8Array, offset: number, length: number, position: number): number {
    if (this.#fd >= 0 || this.#deleted) return this.readAt(buf, offset, length, position);
    const fd = fs.openSync(this.logPath, 'r');
    try {
      return readFully(fd, buf, offset, length, position);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Offset after the last batch. Walks batch headers from the last index entry (at most an interval). */
  nextOffset(): number {
    if (this.#nextOffset < 0) {
      this.#findBatch(Number.MAX_SAFE_INTEGER, this.offsetIndex.lastEntry().position, 0);
      this.#nextOffset = this.#scanEndOffset;
    }
    return this.#nextOffset;
  }

  // Set by findBatch when it runs off the end: the offset after the last batch it saw.
  #scanEndOffset = 0;

  /**
   * Position of the first batch at or after startPosition whose last offset >= offset and whose max
   * timestamp >= minTimestamp, or -1. Reads headers in chunks; the batch found is described by the
   * found* fields, and scanEndOffset is the offset after the last batch passed over.
   */
  #findBatch(offset: number, startPosition: number, minTimestamp: number): number {
    const fd = this.#handle();
    const end = this.#size;
    let pos = startPosition;
    let chunkStart = 0;
    let chunkLen = 0;
    let lastSize = 0;
    this.#scanEndOffset = this.baseOffset;
    while (pos < end) {
      if (end - pos < HEADER_SIZE) throw new CorruptSegmentError(this.logPath, pos);
      if (pos + HEADER_SIZE > chunkStart + chunkLen) {
        // The target is usually within an index interval of the start; after a batch larger than the
        // chunk the next one is likely large too, so read just its header.
        const guess = chunkLen === 0 ? this.#indexIntervalBytes + HEADER_SIZE : SCAN_CHUNK;
        const want = Math.min(lastSize > SCAN_CHUNK ? HEADER_SIZE : Math.min(guess, SCAN_CHUNK), end - pos);
        chunkLen = readFully(fd, scratch, 0, want, pos);
        chunkStart = pos;
        if (chunkLen < HEADER_SIZE) throw new CorruptSegmentError(this.logPath, pos);
      }
      const o = pos - chunkStart;
      const batchLength = readInt32(scratch, o + BATCH_LENGTH);
      const delta = readInt32(scratch, o + LAST_OFFSET_DELTA);
      if (batchLength < MIN_BATCH_LENGTH || batchLength > end - pos - LOG_OVERHEAD || delta < 0) {
        throw new CorruptSegmentError(this.logPath, pos);
      }
      const base = readInt64(scratch, o);
      const size = batchLength + LOG_OVERHEAD;
      const maxTimestamp = readInt64(scratch, o + MAX_TIMESTAMP);
      if (base + delta >= offset && maxTimestamp >= minTimestamp) {
        this.#foundBaseOffset = base;
        this.#foundLastOffset = base + delta;
        this.#foundSize = size;
        this.#foundMaxTimestamp = maxTimestamp;
        this.#foundBaseTimestamp = readInt64(scratch, o + BASE_TIMESTAMP);
        this.#foundAttributes = (scratch[o + ATTRIBUTES]! << 8) | scratch[o + ATTRIBUTES + 1]!;
        return pos;
      }
      this.#scanEndOffset = base + delta + 1;
      lastSize = size;
      pos += size;
    }
    return -1;
  }

  /**
   * Appends batches already validated and stamped with offsets: buf[start, end) written with one pwrite.
   * info holds 4 numbers per batch: size, last offset, max timestamp, unused.
   */
  append(buf: Uint8Array, start: number, end: number, info: Float64Array, count: number): void {
    const fd = this.#handle();
    const position = this.#size;
    // Index space for every entry this append may add (one per batch, plus the time index's roll entry),
    // before the log changes: a full disk fails the append here with nothing written.
    this.offsetIndex.reserve(count);
    this.timeIndex.reserve(count + 1);
    try {
      writeFully(fd, buf, start, end - start, position);
    } catch (e) {
      // Leave no partial batch behind: the log must stay a sequence of whole batches.
      try {
        fs.ftruncateSync(fd, position);
      } catch {}
      throw new KafkaError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `write to ${this.logPath} failed: ${(e as Error).message}`,
      );
    }
    this.#ensureTimestampsLoaded();
    if (position === 0) this.#rollingBasedTimestamp = info[2]!;
    let p = position;
    let lastOffset = 0;
    for (let i = 0; i < count; i++) {
      const size = info[i * 4]!;
      lastOffset = info[i * 4 + 1]!;
      this.indexBatch(lastOffset, p, size, info[i * 4 + 2]!);
      p += size;
    }
    this.#size = p;
    this.#nextOffset = lastOffset + 1;
    // Validated before it was written: reads of it need no second check.
    this.verified.add(position, p);
  }

  /** Index bookkeeping for one batch at `position`, shared by append and recovery. */
  indexBatch(lastOffset: number, position: number, size: number, maxTimestamp: number): void {
    if (maxTimestamp > this.#maxTimestampSoFar) {
      this.#maxTimestampSoFar = maxTimestamp;
      this.#offsetOfMaxTimestampSoFar = lastOffset;
    }
    // A full index just stops growing (lookups scan a little further) until the next append rolls.
    // Recovery reserves nothing ahead: on a full disk its rebuilt index skips entries (lookups scan further).
    if (
      this.#bytesSinceLastIndexEntry > this.#indexIntervalBytes &&
      !this.offsetIndex.isFull() &&
      this.offsetIndex.tryReserve(1)
    ) {
      this.offsetIndex.append(lastOffset, position);
      if (!this.timeIndex.isFull() && this.timeIndex.tryReserve(2))
        this.timeIndex.maybeAppend(this.#maxTimestampSoFar, this.#offsetOfMaxTimestampSoFar);
      this.#bytesSinceLastIndexEntry = 0;
    }
    this.#bytesSinceLastIndexEntry += size;
  }

  /**
   * Whole batches starting with the one holding `offset`, within maxBytes (one batch even if larger
   * when minOneBatch), stopping before any batch whose base offset >= maxOffset. Returns null when no
   * batch here holds an offset >= offset. The Buffer is the only view of its ArrayBuffer (so it can be
   * transferred); for 64 KiB and more it comes from readBuffers, to which the last holder may give it back.
   * Every batch returned passed verifyRead; a damaged first batch throws CorruptBatchError.
   */
  read(offset: number, maxBytes: number, maxOffset: number, minOneBatch: boolean): Buffer | null {
    const pos = this.#findBatch(offset, this.offsetIndex.lookupPosition(offset), Number.NEGATIVE_INFINITY);
    if (pos < 0) return null;
    if (this.#foundBaseOffset >= maxOffset) return EMPTY;
    const first = this.#foundSize;
    if (first > maxBytes) {
      if (!minOneBatch) return EMPTY;
      const out = Buffer.allocUnsafeSlow(first);
      if (readFully(this.#handle(), out, 0, first, pos) !== first)
        throw new CorruptSegmentError(this.logPath, pos);
      verifyRead(this, out, first, pos, offset);
      return out;
    }
    const want = Math.min(maxBytes, this.#size - pos);
    const out = readBuffers.take(want) ?? Buffer.allocUnsafeSlow(want);
    const got = readFully(this.#handle(), out, 0, want, pos);
    // Keep whole batches only; the tail of `out` past the last one is left unused rather than copied.
    let end = 0;
    while (end + HEADER_SIZE <= got) {
      const size = readInt32(out, end + BATCH_LENGTH) + LOG_OVERHEAD;
      if (size < HEADER_SIZE || end + size > got) break;
      if (end > 0 && readInt64(out, end) >= maxOffset) break;
      end += size;
    }
    if (end === 0) throw new CorruptSegmentError(this.logPath, pos);
    // Never hand out a damaged batch: a bad first batch throws, a later one ends the result before it.
    end = verifyRead(this, out, end, pos, offset);
    return end === out.length ? out : out.subarray(0, end);
  }

  #ensureTimestampsLoaded(): void {
    if (this.#timestampsLoaded) return;
    const last = this.timeIndex.lastEntry();
    this.#maxTimestampSoFar = last.timestamp;
    this.#offsetOfMaxTimestampSoFar = last.offset;
    this.#timestampsLoaded = true;
  }

  /** Largest timestamp seen (NO_TIMESTAMP if none); from the time index when not appended here. */
  get maxTimestamp(): number {
    this.#ensureTimestampsLoaded();
    return this.#maxTimestampSoFar;
  }

  /** Retention clock: the max timestamp, or the file's mtime when batches carry none (as Kafka). */
  largestTimestamp(): number {
    const ts = this.maxTimestamp;
    if (ts >= 0) return ts;
    try {
      return fs.statSync(this.logPath).mtimeMs;
    } catch {
      return this.created;
    }
  }

  #firstBatchTimestamp(): number {
    if (this.#rollingBasedTimestamp === undefined) {
      this.#rollingBasedTimestamp = NO_TIMESTAMP;
      if (
        this.#size >= HEADER_SIZE &&
        readFully(this.#handle(), scratch, 0, HEADER_SIZE, 0) === HEADER_SIZE
      ) {
        this.#rollingBasedTimestamp = readInt64(scratch, MAX_TIMESTAMP);
      }
    }
    return this.#rollingBasedTimestamp;
  }

  /** Kafka's shouldRoll: size, age (by batch timestamps, else creation time), full index, offset range. */
  shouldRoll(
    appendBytes: number,
    maxTimestampInAppend: number,
    lastOffsetInAppend: number,
    now: number,
    segmentBytes: number,
    segmentMs: number,
  ): boolean {
    if (this.#size === 0) return false;
    if (this.#size > segmentBytes - appendBytes) return true;
    const first = this.#firstBatchTimestamp();
    const waited = first >= 0 ? maxTimestampInAppend - first : now - this.created;
    if (waited > segmentMs) return true;
    if (this.offsetIndex.isFull() || this.timeIndex.isFull()) return true;
    return lastOffsetInAppend - this.baseOffset > INT32_MAX;
  }

  /** First offset >= startingOffset whose timestamp >= ts, or null. Exact for uncompressed batches. */
  findOffsetByTimestamp(ts: number, startingOffset: number): TimestampOffset | null {
    const hint = this.timeIndex.lookup(ts);
    const from = this.offsetIndex.lookupPosition(Math.max(hint.offset, startingOffset));
    const pos = this.#findBatch(startingOffset, from, ts);
    return pos < 0 ? null : this.#offsetInBatch(pos, ts, startingOffset);
  }

  /** Walks the found batch's records, if uncompressed, for the first timestamp >= ts. */
  #offsetInBatch(pos: number, ts: number, startingOffset: number): TimestampOffset {
    const base = this.#foundBaseOffset;
    const size = this.#foundSize;
    const whole: TimestampOffset = {
      timestamp: this.#foundMaxTimestamp,
      offset: Math.max(base, startingOffset),
    };
    const attributes = this.#foundAttributes;
    if ((attributes & COMPRESSION_MASK) !== 0 || (attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0) return whole;
    const baseTs = this.#foundBaseTimestamp;
    const batch = size <= SCAN_CHUNK ? scratch : Buffer.allocUnsafe(size);
    if (readFully(this.#handle(), batch, 0, size, pos) !== size) return whole;
    let p = RECORDS;
    while (p < size) {
      const length = readVarlongAt(batch, p, size);
      if (varintEnd < 0 || length < 1) return whole;
      const recordEnd = varintEnd + length;
      const tsDelta = readVarlongAt(batch, varintEnd + 1, recordEnd);
      if (varintEnd < 0) return whole;
      const offsetDelta = readVarlongAt(batch, varintEnd, recordEnd);
      if (varintEnd < 0) return whole;
      const offset = base + offsetDelta;
      if (offset >= startingOffset && baseTs + tsDelta >= ts) return { timestamp: baseTs + tsDelta, offset };
      p = recordEnd;
    }
    return whole;
  }

  /** The segment stops being active: write the final time index entry and trim both indexes. */
  onBecomeInactive(): void {
    this.#ensureTimestampsLoaded();
    this.timeIndex.maybeAppend(this.#maxTimestampSoFar, this.#offsetOfMaxTimestampSoFar, true);
    this.offsetIndex.trimToValidSize();
    this.timeIndex.trimToValidSize();
  }

  /** Makes a trimmed segment writable again (after truncation made it the active one). */
  makeActive(): void {
    this.offsetIndex.makeWritable();
    this.timeIndex.makeWritable();
  }

  /**
   * Removes the batch holding `offset` and everything after it. Returns bytes removed. The indexes are
   * cut to match and the tail after the last index entry is re-read for the max timestamp.
   */
  truncateTo(offset: number): number {
    const from = this.offsetIndex.lookupPosition(offset);
    const pos = this.#findBatch(offset, from, Number.NEGATIVE_INFINITY);
    if (pos < 0) return 0;
    const cut = this.#foundBaseOffset;
    this.makeActive();
    this.offsetIndex.truncateTo(cut);
    this.timeIndex.truncateTo(cut);
    const removed = this.#size - pos;
    this.truncateLogFile(pos);
    this.#timestampsLoaded = false;
    this.#ensureTimestampsLoaded();
    this.#rollingBasedTimestamp = undefined;
    this.#bytesSinceLastIndexEntry = 0;
    this.#nextOffset = -1;
    // Batches after the last index entry may hold a larger timestamp than the last time entry.
    let p = this.offsetIndex.lastEntry().position;
    while ((p = this.#findBatch(0, p, this.#maxTimestampSoFar + 1)) >= 0) {
      this.#maxTimestampSoFar = this.#foundMaxTimestamp;
      this.#offsetOfMaxTimestampSoFar = this.#foundLastOffset;
      p += this.#foundSize;
    }
    return removed;
  }

  /** Recovery primitives: forget indexes before a rebuild, and cut the log file. */
  resetIndexes(): void {
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.#maxTimestampSoFar = NO_TIMESTAMP;
    this.#offsetOfMaxTimestampSoFar = this.baseOffset;
    this.#timestampsLoaded = true;
    this.#bytesSinceLastIndexEntry = 0;
    this.#rollingBasedTimestamp = undefined;
  }

  truncateLogFile(size: number): void {
    fs.ftruncateSync(this.#handle(), size);
    this.verified.truncate(size);
    this.#truncations++;
    this.#size = size;
    this.#nextOffset = -1;
  }

  /** Sets the next offset once recovery has walked the segment. */
  recovered(nextOffset: number): void {
    this.#nextOffset = nextOffset;
  }

  /** fdatasync of the log file and a flush of both indexes. */
  flush(): void {
    fs.fdatasyncSync(this.#handle());
    this.offsetIndex.flush();
    this.timeIndex.flush();
  }

  /** Log file descriptor for an async fdatasync (the group commit path). */
  get logFd(): number {
    return this.#handle();
  }

  close(): void {
    this.offsetIndex.close();
    this.timeIndex.close();
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
  }

  /** Drops the fd and mappings without trimming or flushing: the state a crash leaves. */
  releaseHandles(): void {
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
    this.offsetIndex.release();
    this.timeIndex.release();
  }

  /** True once deleteFiles ran; such a segment must not be touched again. */
  get isDeleted(): boolean {
    return this.#deleted;
  }

  deleteFiles(): void {
    this.#deleted = true;
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
    fs.rmSync(this.logPath, { force: true });
    this.offsetIndex.deleteIfExists();
    this.timeIndex.deleteIfExists();
    // The aborted-transaction index (transaction-index.ts) goes with its segment.
    fs.rmSync(`${this.logPath.slice(0, -LOG_FILE_SUFFIX.length)}.txnindex`, { force: true });
  }
}

const EMPTY = Buffer.alloc(0);
