// Background scrub: a periodic, rate-limited pass over every segment of the partitions one thread owns,
// checking each stored batch as a read would (batch-verifier.ts), so damage in data nobody fetches is found
// and reported before a consumer or a restart meets it. A found batch is reported to its log exactly like
// one a fetch found: logged once, reads from it on refused, partition marked for recovery.
//
// It runs on the partitions' owner thread, in slices the broker asks for (ScrubTask), so it never touches
// a log from another thread and never holds one up for long.
//
// Limits: a slice checks at most `budgetBytes` (at least one batch, the overdraft paid by the next
// slices), so over time the pass reads at most bytesPerSecond; no slice reads more than
// MAX_SCRUB_SLICE_BYTES beyond one batch. A pass starts intervalMs after the previous one ended (the
// first intervalMs after the thread's first slice). intervalMs or bytesPerSecond 0 turns the scrub off.
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import {
  BATCH_LENGTH,
  HEADER_SIZE,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MIN_BATCH_LENGTH,
  readInt32,
  readInt64,
} from './batch.js';
import { checkStoredBatch } from './batch-verifier.js';
import type { PartitionLog, TopicPartition } from './log.js';
import type { LogSegment } from './segment.js';

export interface ScrubConfig {
  /** log.scrub.interval.ms: pause between the end of one pass and the start of the next; 0 disables. */
  intervalMs: number;
  /** log.scrub.bytes.per.second: read rate of the scrub over the whole broker; 0 disables. */
  bytesPerSecond: number;
}

export const DEFAULT_SCRUB_CONFIG: Readonly<ScrubConfig> = Object.freeze({
  intervalMs: 24 * 60 * 60 * 1000,
  bytesPerSecond: 16 * 1024 * 1024,
});

/** Most bytes one slice reads (plus one batch): keeps a slice on the main thread (threads 0) short. */
export const MAX_SCRUB_SLICE_BYTES = 1024 * 1024;
/** Slices are never closer than this, nor further apart while a pass runs. */
const MIN_TICK_MS = 10;
const MAX_TICK_MS = 1000;

/** Defaults merged with overrides and checked; throws KafkaError(INVALID_CONFIG), never clamps. */
export function resolveScrubConfig(overrides: Partial<ScrubConfig> = {}): ScrubConfig {
  const cfg = { ...DEFAULT_SCRUB_CONFIG, ...overrides };
  for (const key of ['intervalMs', 'bytesPerSecond'] as const) {
    const v = cfg[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `scrub ${key}=${String(v)}`);
  }
  return cfg;
}

export function scrubEnabled(cfg: ScrubConfig): boolean {
  return cfg.intervalMs > 0 && cfg.bytesPerSecond > 0;
}

/**
 * How often to ask for a slice and how many bytes each owner thread may check in it, so the broker's total
 * stays at bytesPerSecond: slices of up to MAX_SCRUB_SLICE_BYTES, MIN_TICK_MS to MAX_TICK_MS apart.
 */
export function scrubSchedule(cfg: ScrubConfig, threads: number): { tickMs: number; sliceBytes: number } {
  const owners = Math.max(1, threads);
  const perOwner = cfg.bytesPerSecond / owners;
  let tickMs = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, (1000 * MAX_SCRUB_SLICE_BYTES) / perOwner));
  let sliceBytes = Math.floor((perOwner * tickMs) / 1000);
  if (sliceBytes > MAX_SCRUB_SLICE_BYTES) {
    sliceBytes = MAX_SCRUB_SLICE_BYTES;
    tickMs = MIN_TICK_MS;
  }
  return { tickMs, sliceBytes: Math.max(1, sliceBytes) };
}

export interface ScrubSlice {
  bytesScanned: number;
  batchesScanned: number;
  /** Damaged batches found (each reported to its log). */
  corruptFound: number;
  passesCompleted: number;
  /** True while a pass is under way; otherwise nextPassAtMs says when the next one starts. */
  running: boolean;
  nextPassAtMs: number;
  /** Partitions skipped for the rest of the pass after a read failed, with why. */
  failures: string[];
}

interface Cursor {
  topic: string;
  partition: number;
  segment: LogSegment | null;
  /** The segment's truncation count when the position was taken: a cut (and regrowth) invalidates it. */
  truncations: number;
  segmentBaseOffset: number;
  position: number;
  previousLastOffset: number;
}

let scratch: Buffer | null = null;

/** One owner thread's scrub state: the pass under way and where it stands. */
export class Scrubber {
  private nextPassAt = -1;
  private queue: TopicPartition[] = [];
  private cursor: Cursor | null = null;
  private running = false;
  private credit = 0;

  /**
   * Runs one slice. `partitions` lists the thread's partitions (read when a pass starts); `lookup` gives
   * a partition's open log, or undefined once it is gone.
   */
  slice(
    partitions: () => TopicPartition[],
    lookup: (topic: string, partition: number) => PartitionLog | undefined,
    nowMs: number,
    budgetBytes: number,
    intervalMs: number,
  ): ScrubSlice {
    const out: ScrubSlice = {
      bytesScanned: 0,
      batchesScanned: 0,
      corruptFound: 0,
      passesCompleted: 0,
      running: false,
      nextPassAtMs: 0,
      failures: [],
    };
    if (this.nextPassAt < 0) this.nextPassAt = nowMs + intervalMs;
    this.credit = Math.min(this.credit + budgetBytes, budgetBytes, MAX_SCRUB_SLICE_BYTES);
    while (this.credit > 0) {
      if (!this.running) {
        if (nowMs < this.nextPassAt) break;
        this.queue = partitions();
        this.running = true;
      }
      if (this.cursor === null) {
        const next = this.queue.shift();
        if (next === undefined) {
          this.running = false;
          this.nextPassAt = nowMs + intervalMs;
          out.passesCompleted++;
          break;
        }
        this.cursor = {
          ...next,
          segment: null,
          truncations: 0,
          segmentBaseOffset: -1,
          position: 0,
          previousLastOffset: -1,
        };
      }
      const c = this.cursor;
      const log = lookup(c.topic, c.partition);
      try {
        if (log === undefined || log.corruption !== null || !this.step(log, c, out)) this.cursor = null;
      } catch (e) {
        // An I/O error: skip the partition for this pass rather than retry it every slice.
        out.failures.push(`${c.topic}-${c.partition}: ${(e as Error).message}`);
        this.cursor = null;
      }
    }
    out.running = this.running;
    out.nextPassAtMs = this.running ? nowMs : this.nextPassAt;
    return out;
  }

  /** Checks batches of the cursor's partition while credit lasts; false once the partition is done. */
  private step(log: PartitionLog, c: Cursor, out: ScrubSlice): boolean {
    const segments = log.segmentList();
    let seg = c.segment;
    if (seg === null || seg.isDeleted || !segments.includes(seg) || seg.truncations !== c.truncations) {
      // First visit, or the segment was replaced (cleaner), deleted (retention) or cut: start it over.
      seg = segments.find((s) => s.baseOffset >= c.segmentBaseOffset) ?? null;
      if (seg === null) return false;
      this.enter(c, seg);
    }
    const buf = (scratch ??= Buffer.allocUnsafeSlow(MAX_SCRUB_SLICE_BYTES));
    let sliceRead = 0;
    while (this.credit > 0 && sliceRead < MAX_SCRUB_SLICE_BYTES) {
      const size = seg.size;
      if (c.position >= size) {
        const next = segments.find((s) => s.baseOffset > seg!.baseOffset);
        if (next === undefined) return false;
        seg = next;
        this.enter(c, next);
        continue;
      }
      const want = Math.min(buf.length, size - c.position);
      let got = seg.readAtTransient(buf, 0, want, c.position);
      let chunk = buf;
      let p = 0;
      while (this.credit > 0) {
        const at = c.position;
        if (at >= size) break; // the outer loop moves to the next segment
        if (got - p < HEADER_SIZE) {
          if (at + HEADER_SIZE > size || got < want) return this.found(log, seg, c, out, 'torn batch header');
          break; // read the next chunk from here
        }
        const batchLength = readInt32(chunk, p + BATCH_LENGTH);
        if (batchLength < MIN_BATCH_LENGTH || batchLength > size - at - LOG_OVERHEAD)
          return this.found(log, seg, c, out, `batch length ${batchLength}`);
        const batchSize = batchLength + LOG_OVERHEAD;
        if (p + batchSize > got) {
          if (batchSize <= buf.length) break; // starts the next chunk
          // Larger than the scratch buffer: read it alone.
          chunk = Buffer.allocUnsafeSlow(batchSize);
          got = seg.readAtTransient(chunk, 0, batchSize, at);
          p = 0;
          if (got < batchSize) return this.found(log, seg, c, out, 'short read');
        }
        const reason = checkStoredBatch(chunk, p, batchSize, seg.baseOffset, c.previousLastOffset);
        if (reason !== null) return this.found(log, seg, c, out, reason);
        seg.verified.add(at, at + batchSize);
        c.previousLastOffset = readInt64(chunk, p) + readInt32(chunk, p + LAST_OFFSET_DELTA);
        c.position = at + batchSize;
        p += batchSize;
        this.credit -= batchSize;
        sliceRead += batchSize;
        out.bytesScanned += batchSize;
        out.batchesScanned++;
        if (chunk !== buf) break;
      }
    }
    return true;
  }

  private enter(c: Cursor, seg: LogSegment): void {
    c.segment = seg;
    c.truncations = seg.truncations;
    c.segmentBaseOffset = seg.baseOffset;
    c.position = 0;
    c.previousLastOffset = -1;
  }

  private found(log: PartitionLog, seg: LogSegment, c: Cursor, out: ScrubSlice, reason: string): false {
    const offset = c.previousLastOffset >= 0 ? c.previousLastOffset + 1 : seg.baseOffset;
    log.reportCorruption({
      file: seg.logPath,
      segmentBaseOffset: seg.baseOffset,
      position: c.position,
      offset,
      reason: `${reason} (found by the background scrub)`,
    });
    out.corruptFound++;
    return false;
  }
}
