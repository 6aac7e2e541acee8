// A memory-mapped file of fixed-size big-endian entries, as Kafka's AbstractIndex. The active segment's
// index is preallocated and mapped read-write; once the segment rolls it is trimmed to its entries and
// remapped read-only. Mapping is lazy so opening a log with many segments touches no index file.
//
// Unmapping happens only when a mapping Buffer is garbage collected, so a mapping must never be touched
// after its file shrank (SIGBUS): `map` is the only reference and is replaced before every truncate.
//
// The preallocated file is sparse, and a store into a hole needs a block at fault time: on a full disk
// that is SIGBUS too. So no slot is written before its bytes are reserved (fallocate.ts); reserve()
// grows the reserved prefix ahead of the entries and fails with KAFKA_STORAGE_ERROR instead.
import fs from 'node:fs';
import mmapModule from '@riaskov/mmap-io';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { reserveBlocks } from './fallocate.js';

// The package is CommonJS whose typings claim an ES default export; at runtime the default import is
// module.exports itself.
const mmap = mmapModule as unknown as typeof mmapModule.default;

/** First reservation of a writable index; later ones double the reserved prefix, by at most the step. */
const MIN_RESERVE_BYTES = 4096;
export const MAX_RESERVE_STEP_BYTES = 64 * 1024;

export class CorruptIndexError extends Error {
  override name = 'CorruptIndexError';
}

export abstract class AbstractIndex {
  readonly path: string;
  readonly baseOffset: number;
  readonly entrySize: number;
  /** Bytes of the preallocated file while writable (segment.index.bytes rounded down to whole entries). */
  readonly maxIndexSize: number;
  protected map: Buffer | null = null;
  protected entries = 0;
  private maxEntries = 0;
  /** Bytes from the file's start known to be backed by blocks: slots below it can be stored to. */
  private reservedBytes = 0;
  private loaded = false;
  private writable: boolean;

  protected constructor(
    path: string,
    baseOffset: number,
    entrySize: number,
    maxIndexSize: number,
    writable: boolean,
  ) {
    this.path = path;
    this.baseOffset = baseOffset;
    this.entrySize = entrySize;
    this.maxIndexSize = maxIndexSize - (maxIndexSize % entrySize);
    this.writable = writable;
  }

  get isWritable(): boolean {
    return this.writable;
  }

  get entryCount(): number {
    this.ensureLoaded();
    return this.entries;
  }

  get maxEntryCount(): number {
    this.ensureLoaded();
    return this.maxEntries;
  }

  /** Bytes in use; what the file is trimmed to. */
  get sizeInBytes(): number {
    this.ensureLoaded();
    return this.entries * this.entrySize;
  }

  isFull(): boolean {
    this.ensureLoaded();
    return this.entries >= this.maxEntries;
  }

  /** True when the last slot is taken; subclasses may reserve slots by overriding isFull. */
  protected hasNoFreeSlot(): boolean {
    return this.entries >= this.maxEntries;
  }

  protected ensureLoaded(): void {
    if (!this.loaded) this.load();
  }

  /**
   * Maps the file. The entry count is the file size when trimmed; an untrimmed file (crash before
   * trim) ends in zero slots, which are skipped: no valid entry is all zeros.
   */
  private load(): void {
    const exists = fs.existsSync(this.path);
    if (!exists && !this.writable) {
      this.loaded = true;
      this.entries = 0;
      this.maxEntries = 0;
      return;
    }
    const fd = fs.openSync(this.path, this.writable ? (exists ? 'r+' : 'w+') : 'r');
    try {
      const fileSize = fs.fstatSync(fd).size;
      if (fileSize % this.entrySize !== 0 && !this.writable) {
        throw new CorruptIndexError(`${this.path}: size ${fileSize} is not a multiple of ${this.entrySize}`);
      }
      const usedBytes = fileSize - (fileSize % this.entrySize);
      let mapBytes = usedBytes;
      if (this.writable && mapBytes < this.maxIndexSize) {
        mapBytes = this.maxIndexSize;
        fs.ftruncateSync(fd, mapBytes);
      }
      this.mapFd(fd, mapBytes);
      this.maxEntries = mapBytes / this.entrySize;
      let n = usedBytes / this.entrySize;
      while (n > 0 && this.isZeroSlot(n - 1)) n--;
      this.entries = n;
      // Written slots have blocks; what lies past them may be a hole (an untrimmed file after a crash).
      this.reservedBytes = n * this.entrySize;
      this.loaded = true;
    } finally {
      fs.closeSync(fd);
    }
    this.sanityCheck();
  }

  private mapFd(fd: number, bytes: number): void {
    this.map =
      bytes === 0
        ? null
        : mmap.map(
            bytes,
            this.writable ? 3 : mmap.PROT_READ, // 3: PROT_READ | PROT_WRITE
            mmap.MAP_SHARED,
            fd,
            0,
            // Lookups are binary searches and appends touch one page at a time: no read-ahead. With the
            // device's read-ahead (8 MiB here) every fault on the sparse preallocated tail zero-filled up to
            // 8 MiB of page cache; with 1,000 partitions that was most of the broker's CPU.
            mmap.MADV_RANDOM,
          );
  }

  private isZeroSlot(slot: number): boolean {
    const m = this.map!;
    const start = slot * this.entrySize;
    for (let i = start; i < start + this.entrySize; i++) if (m[i] !== 0) return false;
    return true;
  }

  /** Checks entries are strictly increasing; throws CorruptIndexError so the caller rebuilds. */
  protected abstract sanityCheck(): void;

  /** Drops all entries and zeroes the file (used before a rebuild). Leaves the index writable. */
  reset(): void {
    this.map = null;
    this.writable = true;
    const fd = fs.openSync(this.path, fs.existsSync(this.path) ? 'r+' : 'w+');
    try {
      fs.ftruncateSync(fd, 0);
      fs.ftruncateSync(fd, this.maxIndexSize);
      this.mapFd(fd, this.maxIndexSize);
    } finally {
      fs.closeSync(fd);
    }
    this.maxEntries = this.maxIndexSize / this.entrySize;
    this.entries = 0;
    this.reservedBytes = 0;
    this.loaded = true;
  }

  /**
   * Backs the next `slots` free slots (as many as the file has) with blocks, so storing to them through
   * the mapping cannot fault. Reserves ahead, doubling up to MAX_RESERVE_STEP_BYTES a time, so most calls
   * only compare. Throws KafkaError(KAFKA_STORAGE_ERROR) when the disk is full; nothing is written then.
   */
  reserve(slots: number): void {
    this.ensureLoaded();
    if (!this.writable) return;
    const mapBytes = this.maxEntries * this.entrySize;
    const need = Math.min((this.entries + slots) * this.entrySize, mapBytes);
    const reserved = this.reservedBytes;
    if (need <= reserved) return;
    const ahead = Math.max(MIN_RESERVE_BYTES, Math.min(2 * reserved, reserved + MAX_RESERVE_STEP_BYTES));
    const target = Math.min(mapBytes, Math.max(need, ahead));
    let fd = -1;
    try {
      fd = fs.openSync(this.path, 'r+');
      // Everything past the entries is zeros, so the fallback's zero writes change no content.
      reserveBlocks(fd, reserved, target - reserved);
    } catch (e) {
      throw new KafkaError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `cannot reserve index space in ${this.path}: ${(e as Error).message}`,
      );
    } finally {
      if (fd >= 0) fs.closeSync(fd);
    }
    this.reservedBytes = target;
  }

  /** reserve() that answers false instead of throwing (optional entries: a sparser index is still right). */
  tryReserve(slots: number): boolean {
    try {
      this.reserve(slots);
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps the first n entries, zeroing the rest so a later scan for the last entry stays right. */
  protected truncateToEntries(n: number): void {
    this.ensureLoaded();
    if (n >= this.entries) return;
    if (!this.writable) this.makeWritable();
    this.map!.fill(0, n * this.entrySize, this.entries * this.entrySize);
    this.entries = n;
  }

  /** Shrinks the file to its entries and remaps it read-only: the segment stopped being active. */
  trimToValidSize(): void {
    if (!this.loaded || !this.writable) return;
    const bytes = this.entries * this.entrySize;
    this.map = null;
    this.writable = false;
    const fd = fs.openSync(this.path, 'r+');
    try {
      fs.ftruncateSync(fd, bytes);
      this.mapFd(fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
    this.maxEntries = this.entries;
    this.reservedBytes = bytes;
  }

  /** Grows the file back to its preallocated size, mapped read-write: the segment became active again. */
  makeWritable(): void {
    this.ensureLoaded();
    if (this.writable) return;
    this.map = null;
    this.writable = true;
    const fd = fs.openSync(this.path, fs.existsSync(this.path) ? 'r+' : 'w+');
    try {
      const bytes = Math.max(this.maxIndexSize, this.entries * this.entrySize);
      fs.ftruncateSync(fd, bytes);
      this.mapFd(fd, bytes);
      this.maxEntries = bytes / this.entrySize;
      this.reservedBytes = this.entries * this.entrySize;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Writes dirty pages to disk (msync for a live mapping, fsync for a trimmed file). */
  flush(): void {
    if (!this.loaded) return;
    if (this.writable) {
      if (this.map !== null && this.entries > 0) mmap.sync(this.map, 0, this.entries * this.entrySize, true);
      return;
    }
    if (!fs.existsSync(this.path)) return;
    const fd = fs.openSync(this.path, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Trims and forgets the mapping (it is unmapped when collected). */
  close(): void {
    this.trimToValidSize();
    this.map = null;
    this.loaded = false;
  }

  /** Forgets the mapping without trimming (crash simulation; the file stays as it is). */
  release(): void {
    this.map = null;
    this.loaded = false;
  }

  deleteIfExists(): void {
    this.map = null;
    this.loaded = false;
    fs.rmSync(this.path, { force: true });
  }

  /** Largest slot whose key is <= target, or -1; keys must be increasing. */
  protected largestLowerBound(target: number): number {
    let lo = 0;
    let hi = this.entries - 1;
    if (hi < 0 || this.keyAt(0) > target) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.keyAt(mid) <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  protected abstract keyAt(slot: number): number;
}
