// Crash-safe replacement of a run of closed segments by one cleaned segment, with Kafka's file suffixes:
//
//   1. the cleaned batches go to `<base>.log.cleaned`, fdatasynced;
//   2. it is renamed `<base>.log.swap` (the commit point: from here on, recovery rolls forward);
//   3. every old segment file is renamed `*.deleted`;
//   4. the swap file is renamed `<base>.log` and the `.deleted` files are removed;
//   5. indexes are rebuilt for the new segment.
//
// completeInterruptedSwaps, run when a log opens, finishes or undoes what a crash interrupted: `.cleaned`
// files are dropped (with any `.swap` at or above the lowest of them, as Kafka), `.deleted` files are
// dropped, and each remaining `.swap` replaces the `.log` segments inside the offsets it covers. The
// cleaner always ends a cleaned segment with the last batch of the run it replaces (see cleaner.ts), so
// "the offsets it covers" is exactly the old run.
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir } from './checkpoint-file.js';
import { BatchFile, BatchReader } from './cleaner-reader.js';
import { newRecoveryStats, recoverSegment } from './recovery.js';
import {
  CorruptSegmentError,
  filenamePrefixFromOffset,
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  LogSegment,
  offsetFromFileName,
  type SegmentSettings,
  TIME_INDEX_FILE_SUFFIX,
} from './segment.js';

export const CLEANED_FILE_SUFFIX = '.cleaned';
export const SWAP_FILE_SUFFIX = '.swap';
export const DELETED_FILE_SUFFIX = '.deleted';

/** Points in the swap a crash test can stop at (after the step named has completed). */
export type SwapStep = 'cleaned' | 'swap' | 'deleted-one' | 'deleted' | 'installed';

const WRITE_BUFFER = 1024 * 1024;

/** Writes `<base>.log.cleaned` through one buffer; finish() makes it durable. */
export class CleanedSegmentWriter {
  readonly baseOffset: number;
  readonly path: string;
  #fd: number;
  readonly #buf = Buffer.allocUnsafe(WRITE_BUFFER);
  #used = 0;
  #written = 0;

  constructor(dir: string, baseOffset: number) {
    this.baseOffset = baseOffset;
    this.path = path.join(dir, filenamePrefixFromOffset(baseOffset) + LOG_FILE_SUFFIX + CLEANED_FILE_SUFFIX);
    this.#fd = fs.openSync(this.path, 'w');
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.#written + this.#used;
  }

  append(batch: Buffer): void {
    if (batch.length > this.#buf.length - this.#used) this.#drain();
    if (batch.length >= this.#buf.length) this.#writeOut(batch, batch.length);
    else {
      batch.copy(this.#buf, this.#used);
      this.#used += batch.length;
    }
  }

  #drain(): void {
    if (this.#used > 0) this.#writeOut(this.#buf, this.#used);
    this.#used = 0;
  }

  #writeOut(data: Buffer, length: number): void {
    let done = 0;
    while (done < length) done += fs.writeSync(this.#fd, data, done, length - done, this.#written + done);
    this.#written += length;
  }

  /** Writes what is buffered, fdatasyncs and closes; `mtimeMs` becomes the file's modification time. */
  finish(mtimeMs: number): void {
    this.#drain();
    fs.fdatasyncSync(this.#fd);
    fs.closeSync(this.#fd);
    this.#fd = -1;
    const t = new Date(mtimeMs);
    fs.utimesSync(this.path, t, t);
  }

  /** Gives up: the partial file goes (no step of the swap has happened yet). */
  abort(): void {
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
    fs.rmSync(this.path, { force: true });
  }
}

function segmentFiles(dir: string, baseOffset: number): string[] {
  const prefix = path.join(dir, filenamePrefixFromOffset(baseOffset));
  return [prefix + LOG_FILE_SUFFIX, prefix + INDEX_FILE_SUFFIX, prefix + TIME_INDEX_FILE_SUFFIX];
}

/**
 * Steps 2-5 for a finished writer: the cleaned file replaces `old` (consecutive closed segments, the
 * first with the writer's base offset) on disk. Returns the new segment, indexes built, read-only. The
 * caller swaps it in memory (PartitionLog.replaceSegments). An exception after step 2 leaves the disk
 * for completeInterruptedSwaps: the log must be reopened.
 */
export function swapInCleanedSegment(
  dir: string,
  writer: CleanedSegmentWriter,
  old: readonly LogSegment[],
  settings: SegmentSettings,
  now: number,
  onStep?: (step: SwapStep) => void,
): LogSegment {
  onStep?.('cleaned');
  const base = writer.baseOffset;
  const logFile = path.join(dir, filenamePrefixFromOffset(base) + LOG_FILE_SUFFIX);
  const swapFile = logFile + SWAP_FILE_SUFFIX;
  fs.renameSync(writer.path, swapFile);
  fsyncDir(dir);
  onStep?.('swap');
  const doomed: string[] = [];
  for (let i = old.length - 1; i >= 0; i--) {
    const seg = old[i]!;
    // Closing first: an fd or mapping must not outlive the files' new names unnoticed.
    seg.close();
    for (const file of segmentFiles(dir, seg.baseOffset)) {
      if (!fs.existsSync(file)) continue;
      fs.renameSync(file, file + DELETED_FILE_SUFFIX);
      doomed.push(file + DELETED_FILE_SUFFIX);
    }
    // Marks the segment deleted (a queued background flush skips it); its files are already renamed.
    seg.deleteFiles();
    if (i === old.length - 1 && old.length > 1) onStep?.('deleted-one');
  }
  fsyncDir(dir);
  onStep?.('deleted');
  fs.renameSync(swapFile, logFile);
  fsyncDir(dir);
  for (const file of doomed) fs.rmSync(file, { force: true });
  onStep?.('installed');
  const seg = LogSegment.open(dir, base, settings, false, now);
  recoverSegment(seg, null, newRecoveryStats(true));
  seg.onBecomeInactive();
  seg.flush();
  return seg;
}

/** `<base>.log.swap` -> base, or -1. */
function swapBaseOffset(name: string): number {
  if (!name.endsWith(LOG_FILE_SUFFIX + SWAP_FILE_SUFFIX)) return -1;
  return offsetFromFileName(name.slice(0, -SWAP_FILE_SUFFIX.length), LOG_FILE_SUFFIX);
}

/** Base offset in any `<base><suffix>[.cleaned]` name, or -1. */
function anyBaseOffset(name: string): number {
  const stem = name.endsWith(CLEANED_FILE_SUFFIX) ? name.slice(0, -CLEANED_FILE_SUFFIX.length) : name;
  for (const suffix of [LOG_FILE_SUFFIX, INDEX_FILE_SUFFIX, TIME_INDEX_FILE_SUFFIX]) {
    const base = offsetFromFileName(stem, suffix);
    if (base >= 0) return base;
  }
  return -1;
}

/** End offset of the intact batches of a swap file (its base if none). Never throws on content. */
function swapEndOffset(file: string, base: number): number {
  const source = new BatchFile(file);
  let end = base;
  try {
    const reader = new BatchReader(source);
    while (reader.next(true)) {
      if (reader.baseOffset < end) break;
      end = reader.lastOffset + 1;
    }
  } catch (e) {
    if (!(e instanceof CorruptSegmentError)) throw e;
  } finally {
    source.close();
  }
  return end;
}

/**
 * Finishes or undoes a cleaner swap a crash interrupted, in the partition directory `dir` whose file
 * names are `names`. Returns the directory listing afterwards. Only real I/O errors throw.
 */
export function completeInterruptedSwaps(dir: string, names: string[]): string[] {
  let minCleaned = Number.POSITIVE_INFINITY;
  const swaps: number[] = [];
  let touched = false;
  for (const name of names) {
    if (name.endsWith(CLEANED_FILE_SUFFIX)) {
      const base = anyBaseOffset(name);
      if (base >= 0) minCleaned = Math.min(minCleaned, base);
    }
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (name.endsWith(DELETED_FILE_SUFFIX) || name.endsWith(CLEANED_FILE_SUFFIX)) {
      fs.rmSync(full, { force: true });
      touched = true;
    } else if (name.endsWith(SWAP_FILE_SUFFIX)) {
      const base = swapBaseOffset(name);
      // A swap file of a run whose other files were still `.cleaned` never reached the commit point.
      if (base < 0 || base >= minCleaned) fs.rmSync(full, { force: true });
      else swaps.push(base);
      touched = true;
    }
  }
  swaps.sort((a, b) => a - b);
  for (const base of swaps) {
    const logFile = path.join(dir, filenamePrefixFromOffset(base) + LOG_FILE_SUFFIX);
    const swapFile = logFile + SWAP_FILE_SUFFIX;
    const end = swapEndOffset(swapFile, base);
    if (end === base) {
      // Nothing readable in it: keep whatever old segments are left rather than an empty one.
      fs.rmSync(swapFile, { force: true });
      continue;
    }
    // The old run: every segment whose base lies in [base, end). Their indexes go too.
    for (const name of fs.readdirSync(dir)) {
      const b = anyBaseOffset(name);
      if (b >= base && b < end && !name.endsWith(SWAP_FILE_SUFFIX)) fs.rmSync(path.join(dir, name));
    }
    fs.renameSync(swapFile, logFile);
  }
  if (!touched) return names;
  fsyncDir(dir);
  return fs.readdirSync(dir);
}
