// A segment's aborted-transaction index (Kafka's TransactionIndex, `<base>.txnindex`): one 34-byte entry per
// transaction aborted by a marker in the segment: version (int16, 0), producer id, first offset, last
// offset (the marker's) and the last stable offset once it completed (all int64). read_committed fetches
// learn from it which producers' records to drop. Entries are few (one per abort), so each index keeps
// them in memory and appends to its file; the log writes an empty file with every segment, so a missing
// file means lost and is rebuilt from the log at open.
import fs from 'node:fs';
import { readInt16, readInt64, writeInt64 } from './batch.js';
import { writeFileDurably } from './checkpoint-file.js';

export const TXN_INDEX_FILE_SUFFIX = '.txnindex';
export const ABORTED_TXN_SIZE = 34;
const VERSION = 0;

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  /** Offset of the abort marker. */
  lastOffset: number;
  /** The partition's first unstable offset once this transaction ended (where later aborts can start). */
  lastStableOffset: number;
}

function encode(e: AbortedTxn): Buffer {
  const b = Buffer.alloc(ABORTED_TXN_SIZE);
  b.writeInt16BE(VERSION, 0);
  writeInt64(b, 2, e.producerId);
  writeInt64(b, 10, e.firstOffset);
  writeInt64(b, 18, e.lastOffset);
  writeInt64(b, 26, e.lastStableOffset);
  return b;
}

export class TransactionIndex {
  readonly #entries: AbortedTxn[];
  /** Entries written since the last fdatasync. */
  #unsynced = false;
  /** A write failed: the file is gone and stays gone (memory serves), so the next open rebuilds it. */
  #lost = false;

  private constructor(
    readonly path: string,
    entries: AbortedTxn[],
  ) {
    this.#entries = entries;
  }

  /** A fresh empty index (the file is created; failing that, e.g. a full disk, only costs a rebuild). */
  static create(path: string): TransactionIndex {
    try {
      fs.writeFileSync(path, '', { flag: 'a' });
    } catch {}
    return new TransactionIndex(path, []);
  }

  /**
   * The index in `path`, or null when the file is missing. A torn last entry, or entries out of order,
   * end it there (what follows is rebuilt by the log's replay).
   */
  static load(path: string): TransactionIndex | null {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const entries: AbortedTxn[] = [];
    for (let p = 0; p + ABORTED_TXN_SIZE <= bytes.length; p += ABORTED_TXN_SIZE) {
      if (readInt16(bytes, p) !== VERSION) break;
      const e: AbortedTxn = {
        producerId: readInt64(bytes, p + 2),
        firstOffset: readInt64(bytes, p + 10),
        lastOffset: readInt64(bytes, p + 18),
        lastStableOffset: readInt64(bytes, p + 26),
      };
      const prev = entries[entries.length - 1];
      if (e.firstOffset > e.lastOffset || (prev !== undefined && e.lastOffset <= prev.lastOffset)) break;
      entries.push(e);
    }
    const index = new TransactionIndex(path, entries);
    if (entries.length * ABORTED_TXN_SIZE !== bytes.length) index.#rewrite();
    return index;
  }

  get entries(): readonly AbortedTxn[] {
    return this.#entries;
  }

  /** Adds an entry (markers come in offset order); one already there (a replay) is skipped. */
  append(e: AbortedTxn, sync: boolean): void {
    const last = this.#entries[this.#entries.length - 1];
    if (last !== undefined && e.lastOffset <= last.lastOffset) {
      if (this.#entries.some((x) => x.lastOffset === e.lastOffset)) return;
      // An entry lost while a later one survived (a crash): put it back in its place.
      this.#entries.push(e);
      this.#entries.sort((a, b) => a.lastOffset - b.lastOffset);
      this.#rewrite();
      return;
    }
    this.#entries.push(e);
    if (this.#lost) return;
    try {
      const fd = fs.openSync(this.path, 'a');
      try {
        fs.writeSync(fd, encode(e));
        if (sync) fs.fdatasyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      if (!sync) this.#unsynced = true;
    } catch {
      // The marker is already in the log (a full disk, say): reads keep the entry from memory, and without
      // its file the next open rebuilds the index from the log.
      this.#lose();
    }
  }

  /** Makes appended entries durable (before a producer-state snapshot stops their replay at open). */
  sync(): void {
    if (!this.#unsynced || this.#lost) return;
    const fd = fs.openSync(this.path, 'r');
    try {
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.#unsynced = false;
  }

  /** Drops entries whose marker is at or past `offset` (the log was truncated there). */
  truncateTo(offset: number): void {
    let n = this.#entries.length;
    while (n > 0 && this.#entries[n - 1]!.lastOffset >= offset) n--;
    if (n === this.#entries.length) return;
    this.#entries.length = n;
    this.#rewrite();
  }

  /** Replaces the entries (the cleaner's merged index for a rewritten segment). */
  replaceAll(entries: readonly AbortedTxn[]): void {
    this.#entries.length = 0;
    this.#entries.push(...entries);
    this.#rewrite();
  }

  /**
   * Writes the entries anew, durably (the new file fsynced before it replaces the old one): a file that a
   * power loss left empty would never be rebuilt, and read_committed readers would see aborted data.
   */
  #rewrite(): void {
    if (this.#lost) return;
    try {
      writeFileDurably(this.path, Buffer.concat(this.#entries.map(encode)));
      this.#unsynced = false;
    } catch {
      // As in append: memory stays right, and the missing file makes the next open rebuild it.
      this.#lose();
    }
  }

  /** The file could not be written: it goes, so the next open rebuilds it from the log. */
  #lose(): void {
    this.#lost = true;
    try {
      fs.rmSync(this.path, { force: true });
    } catch {
      // Not even removable (an I/O error on the disk): the marker is in the log either way, and this
      // process serves the entries from memory; the error must not reach the marker's writer.
    }
  }
}

/**
 * Aborted transactions overlapping [startOffset, upperBoundOffset), from the indexes of the segments that
 * may hold their markers (the one holding startOffset and after), as Kafka collects them for a
 * read_committed fetch: an entry whose last stable offset reaches the bound ends the search.
 */
export function collectAbortedTxns(
  indexes: readonly (TransactionIndex | null)[],
  startOffset: number,
  upperBoundOffset: number,
): AbortedTxn[] {
  const out: AbortedTxn[] = [];
  for (const index of indexes) {
    if (index === null) continue;
    for (const e of index.entries) {
      if (e.lastOffset >= startOffset && e.firstOffset < upperBoundOffset) out.push(e);
      if (e.lastStableOffset >= upperBoundOffset) return out;
    }
  }
  return out;
}
