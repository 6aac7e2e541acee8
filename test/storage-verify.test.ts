// Corrupt stored batches on real files: a byte flipped after a clean close is caught on the first read
// after reopening (never served), the partition is fenced from that offset and marked, the next open
// truncates there and keeps the cut bytes; the scrub finds damage in cold segments without any read;
// recovery says what it did.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Logger } from '../dist/logger.js';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import {
  CORRUPT_BATCH_FILE,
  MAX_VERIFIED_RANGES,
  QUARANTINE_SUFFIX,
  VerifiedRanges,
} from '../dist/storage/batch-verifier.js';
import { CLEAN_SHUTDOWN_FILE, PartitionLog } from '../dist/storage/log.js';
import {
  MAX_SCRUB_SLICE_BYTES,
  resolveScrubConfig,
  Scrubber,
  scrubSchedule,
} from '../dist/storage/scrubber.js';
import {
  filesWithSuffix,
  makeBatch,
  partitionDir,
  readAll,
  removeDir,
  TP,
  tagOf,
  tempDir,
} from './helpers/storage-util.js';

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
test.after(() => dirs.forEach(removeDir));

const CONFIG = { segmentBytes: 4000, indexIntervalBytes: 300, retentionMs: -1 };

/** A logger that keeps its lines instead of writing them. */
class CapturingLogger extends Logger {
  readonly lines: string[] = [];
  constructor() {
    super('debug', 'test');
  }
  override error(msg: string): void {
    this.lines.push(`ERROR ${msg}`);
  }
  override warn(msg: string): void {
    this.lines.push(`WARN ${msg}`);
  }
  override info(msg: string): void {
    this.lines.push(`INFO ${msg}`);
  }
  override debug(msg: string): void {
    this.lines.push(`DEBUG ${msg}`);
  }
}

/** Byte positions and base offsets of the batches of a .log file. */
function batchesOf(file: string): { position: number; baseOffset: number; size: number }[] {
  const b = fs.readFileSync(file);
  const out = [];
  for (let p = 0; p + 12 <= b.length; ) {
    const size = b.readInt32BE(p + 8) + 12;
    out.push({ position: p, baseOffset: Number(b.readBigInt64BE(p)), size });
    p += size;
  }
  return out;
}

/** Flips one byte of a file in place (xor 0x01). */
function flip(file: string, position: number): void {
  const fd = fs.openSync(file, 'r+');
  const one = Buffer.alloc(1);
  fs.readSync(fd, one, 0, 1, position);
  one[0]! ^= 0x01;
  fs.writeSync(fd, one, 0, 1, position);
  fs.closeSync(fd);
}

/** n batches of 2 records each (tags 0..n-1), closed cleanly. */
function cleanLog(n: number, config = CONFIG): { dir: string; pdir: string } {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, config);
  for (let i = 0; i < n; i++) log.append(makeBatch(i, { count: 2, valueBytes: 100 }), 0);
  log.close();
  return { dir, pdir: partitionDir(dir) };
}

/** Descriptors this process holds on .log files under dir. */
function openLogFiles(dir: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir) && target.endsWith('.log')) n++;
    } catch {}
  }
  return n;
}

function refused(fn: () => unknown, code: number = ErrorCode.CORRUPT_MESSAGE): KafkaError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, KafkaError);
    assert.is((e as KafkaError).code, code);
    return e as KafkaError;
  }
  throw new Error(`expected error ${code}`);
}

test('VerifiedRanges: merge, cover, truncate, and a bounded count', () => {
  const r = new VerifiedRanges();
  r.add(0, 100);
  r.add(100, 200);
  assert.is(r.count, 1, 'touching ranges merge');
  assert.ok(r.covers(0, 200));
  assert.not.ok(r.covers(150, 201));
  r.add(300, 400);
  r.add(250, 320);
  assert.is(r.count, 2);
  assert.ok(r.covers(250, 400));
  assert.not.ok(r.covers(199, 251));
  r.add(150, 260);
  assert.is(r.count, 1, 'a range bridging two merges all three');
  assert.ok(r.covers(0, 400));
  r.truncate(120);
  assert.ok(r.covers(0, 120));
  assert.not.ok(r.covers(0, 121));
  const many = new VerifiedRanges();
  for (let i = 0; i < 3 * MAX_VERIFIED_RANGES; i++) many.add(i * 100, i * 100 + 10 + i);
  assert.is(many.count, MAX_VERIFIED_RANGES, 'at the limit the smallest ranges are forgotten');
  const last = 3 * MAX_VERIFIED_RANGES - 1;
  assert.ok(many.covers(last * 100, last * 100 + 10 + last), 'the largest is kept');
  assert.not.ok(many.covers(0, 10));
});

test('a byte flipped after a clean close: never served, fenced from its offset, logged once with file, position and offset', () => {
  const { dir, pdir } = cleanLog(30);
  const file = path.join(pdir, filesWithSuffix(pdir, '.log')[0]!);
  const batches = batchesOf(file);
  const bad = batches[5]!;
  flip(file, bad.position + bad.size - 3); // inside the last record's value
  const logger = new CapturingLogger();
  const log = PartitionLog.open(dir, TP, CONFIG, Date.now(), logger);
  assert.ok(log.recoveryStats.cleanShutdown, 'a clean open: nothing scanned');
  // A read from the start serves the five good batches and stops short of the damaged one.
  const first = decodeRecordBatches(log.read(0, 1 << 20).records);
  assert.equal(
    first.map((b) => b.baseOffset),
    batches.slice(0, 5).map((b) => b.baseOffset),
  );
  assert.equal(first.map(tagOf), [0, 1, 2, 3, 4]);
  assert.is(log.corruption?.offset, bad.baseOffset);
  assert.is(log.corruption?.position, bad.position);
  // At the batch, inside it and past it: CORRUPT_MESSAGE; before it: still served.
  const err = refused(() => log.read(bad.baseOffset, 1 << 20));
  assert.match(err.message, path.basename(file));
  refused(() => log.read(bad.baseOffset + 1, 100));
  refused(() => log.read(log.logEndOffset - 1, 100));
  assert.equal(decodeRecordBatches(log.read(2, 1 << 20).records).map(tagOf), [1, 2, 3, 4]);
  // Nothing may be acknowledged behind the damaged batch.
  refused(() => log.append(makeBatch(99), 0), ErrorCode.KAFKA_STORAGE_ERROR);
  const errors = logger.lines.filter((l) => l.startsWith('ERROR'));
  assert.is(errors.length, 1, logger.lines.join('\n'));
  assert.match(errors[0]!, 'events-0');
  assert.match(errors[0]!, path.basename(file));
  assert.match(errors[0]!, `byte position ${bad.position}`);
  assert.match(errors[0]!, `offset ${bad.baseOffset}`);
  assert.ok(fs.existsSync(path.join(pdir, CORRUPT_BATCH_FILE)), 'marked for the next open');
  log.close();
  assert.ok(fs.existsSync(path.join(pdir, CLEAN_SHUTDOWN_FILE)));

  // The next open recovers despite the clean-shutdown marker: cut at the damaged batch, cut bytes kept.
  const size = fs.statSync(file).size;
  const laterSegments = filesWithSuffix(pdir, '.log')
    .slice(1)
    .map((name) => fs.readFileSync(path.join(pdir, name)));
  assert.ok(laterSegments.length > 0);
  const reopenLogger = new CapturingLogger();
  const reopened = PartitionLog.open(dir, TP, CONFIG, Date.now(), reopenLogger);
  const stats = reopened.recoveryStats;
  assert.ok(stats.markedCorrupt);
  assert.is(stats.truncations.length, 1);
  assert.is(stats.truncations[0]!.position, bad.position);
  assert.is(reopened.logEndOffset, bad.baseOffset);
  assert.equal(readAll(reopened).map(tagOf), [0, 1, 2, 3, 4]);
  // The tail of the damaged segment, then each later segment whole (renamed, not deleted).
  assert.is(stats.quarantined.length, 1 + laterSegments.length);
  assert.ok(stats.quarantined.every((name) => name.endsWith(QUARANTINE_SUFFIX)));
  const kept = fs.readFileSync(path.join(pdir, stats.quarantined[0]!));
  assert.is(kept.length, size - bad.position, 'every cut byte is kept');
  for (let i = 0; i < laterSegments.length; i++) {
    const whole = fs.readFileSync(path.join(pdir, stats.quarantined[i + 1]!));
    assert.ok(whole.equals(laterSegments[i]!), `segment ${i + 1} kept as it was`);
  }
  assert.not.ok(fs.existsSync(path.join(pdir, CORRUPT_BATCH_FILE)), 'mark consumed');
  const info = reopenLogger.lines.find((l) => l.startsWith('INFO'));
  assert.ok(info !== undefined, reopenLogger.lines.join('\n'));
  assert.match(info, 'marked corrupt');
  assert.match(info, `truncated ${path.basename(file)} at position ${bad.position}`);
  assert.match(info, 'CRC-32C');
  // Appends continue right after the last good batch.
  assert.is(reopened.append(makeBatch(100), 0).baseOffset, bad.baseOffset);
  reopened.close();
});

test('a damaged header (batch length) ends a read the same way', () => {
  const { dir, pdir } = cleanLog(10);
  const file = path.join(pdir, filesWithSuffix(pdir, '.log')[0]!);
  const bad = batchesOf(file)[3]!;
  flip(file, bad.position + 10); // a low byte of batchLength
  const log = PartitionLog.open(dir, TP, CONFIG);
  assert.equal(decodeRecordBatches(log.read(0, 1 << 20).records).map(tagOf), [0, 1, 2]);
  refused(() => log.read(bad.baseOffset, 1 << 20));
  log.close();
  const reopened = PartitionLog.open(dir, TP, CONFIG);
  assert.equal(readAll(reopened).map(tagOf), [0, 1, 2]);
  reopened.close();
});

test('batches appended by this process are not checked again; a reopen checks bytes changed on disk', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 5; i++) log.append(makeBatch(i, { valueBytes: 50 }), 0);
  const file = path.join(partitionDir(dir), filesWithSuffix(partitionDir(dir), '.log')[0]!);
  const bad = batchesOf(file)[2]!;
  // Verified on the way in: this process trusts what it wrote (the page cache holds the flip, too).
  flip(file, bad.position + bad.size - 2);
  assert.is(decodeRecordBatches(log.read(0, 1 << 20).records).length, 5);
  assert.is(log.corruption, null);
  log.close();
  const reopened = PartitionLog.open(dir, TP, CONFIG);
  assert.is(decodeRecordBatches(reopened.read(0, 1 << 20).records).length, 2);
  assert.is(reopened.corruption?.offset, bad.baseOffset);
  reopened.close();
});

test('scrub: finds a flipped byte in a cold segment without any read, at the configured rate', () => {
  const config = { segmentBytes: 1500, indexIntervalBytes: 300, retentionMs: -1 };
  const { dir, pdir } = cleanLog(60, config);
  const logs = filesWithSuffix(pdir, '.log');
  assert.ok(logs.length >= 5, `segments ${logs.length}`);
  const file = path.join(pdir, logs[1]!);
  const bad = batchesOf(file)[1]!;
  flip(file, bad.position + bad.size - 3);
  const logger = new CapturingLogger();
  const log = PartitionLog.open(dir, TP, config, Date.now(), logger);
  const scrubber = new Scrubber();
  const list = () => [TP];
  const lookup = () => log;
  const budget = 300;
  // The first slice only starts the clock: the first pass is due one interval later.
  let slice = scrubber.slice(list, lookup, 0, budget, 100);
  assert.equal([slice.bytesScanned, slice.running, slice.nextPassAtMs], [0, false, 100]);
  let now = 100;
  let scanned = 0;
  let slices = 0;
  do {
    slice = scrubber.slice(list, lookup, now, budget, 100);
    scanned += slice.bytesScanned;
    slices++;
    // At most the budget plus one batch (the overdraft is paid by the next slices).
    assert.ok(slice.bytesScanned <= budget + bad.size, `slice of ${slice.bytesScanned} bytes`);
    now += 10;
  } while (slice.running && slices < 1000);
  assert.is(slice.corruptFound, 1);
  assert.is(slice.passesCompleted, 1, 'the pass ends after the damaged partition');
  assert.ok(slices > 2, 'the pass took several slices');
  assert.ok(scanned >= fs.statSync(path.join(pdir, logs[0]!)).size + bad.position);
  assert.is(log.corruption?.position, bad.position);
  assert.is(log.corruption?.file, file);
  const error = logger.lines.find((l) => l.startsWith('ERROR'));
  assert.ok(error !== undefined);
  assert.match(error, 'background scrub');
  assert.match(error, logs[1]!);
  refused(() => log.read(bad.baseOffset, 1 << 20));
  // A read below the damaged batch still works.
  assert.ok(decodeRecordBatches(log.read(0, 1 << 20).records).length > 0);
  // The next pass waits one interval and skips the marked partition.
  slice = scrubber.slice(list, lookup, now, budget, 100);
  assert.equal([slice.bytesScanned, slice.running], [0, false]);
  log.close();
});

test('an index found damaged by a read after open is rebuilt, and that is logged', () => {
  const config = { segmentBytes: 1500, indexIntervalBytes: 300, retentionMs: -1 };
  const { dir, pdir } = cleanLog(30, config);
  const index = path.join(pdir, filesWithSuffix(pdir, '.index')[0]!);
  fs.appendFileSync(index, Buffer.alloc(3)); // not a whole number of entries
  const logger = new CapturingLogger();
  const log = PartitionLog.open(dir, TP, config, Date.now(), logger);
  assert.equal(logger.lines.length, 1);
  assert.equal(decodeRecordBatches(log.read(0, 1 << 20).records).map(tagOf)[0], 0);
  assert.is(logger.lines.length, 2, logger.lines.join('\n'));
  assert.match(logger.lines[1]!, /^INFO events-0: rebuilt the indexes of 0+\.log \(damaged index\)$/);
  log.close();
});

test('deleting the segment that holds the damaged batch lifts the fence', () => {
  const config = { segmentBytes: 1500, indexIntervalBytes: 300, retentionMs: -1 };
  const { dir, pdir } = cleanLog(30, config);
  const logs = filesWithSuffix(pdir, '.log');
  const file = path.join(pdir, logs[0]!);
  const bad = batchesOf(file)[2]!;
  flip(file, bad.position + bad.size - 3);
  const log = PartitionLog.open(dir, TP, config);
  refused(() => log.read(bad.baseOffset, 1 << 20));
  const next = batchesOf(path.join(pdir, logs[1]!))[0]!.baseOffset;
  assert.is(log.deleteRecordsBefore(next), next);
  assert.is(log.corruption, null);
  assert.not.ok(fs.existsSync(path.join(pdir, CORRUPT_BATCH_FILE)));
  assert.ok(readAll(log).length > 0);
  assert.ok(log.append(makeBatch(500), 0).baseOffset > 0, 'appends accepted again');
  log.close();
});

test('scrub: a segment cut and regrown between slices is started over, not read from a stale position', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 10; i++) log.append(makeBatch(i, { valueBytes: 100 }), 0);
  const scrubber = new Scrubber();
  scrubber.slice(
    () => [TP],
    () => log,
    0,
    1,
    10,
  );
  // One small slice: the cursor stops a few batches in.
  const first = scrubber.slice(
    () => [TP],
    () => log,
    10,
    500,
    10,
  );
  assert.ok(first.running && first.bytesScanned > 0);
  log.truncateTo(1);
  for (let i = 0; i < 10; i++) log.append(makeBatch(100 + i, { count: 3, valueBytes: 37 }), 0);
  const rest = scrubber.slice(
    () => [TP],
    () => log,
    20,
    1 << 20,
    10,
  );
  assert.is(rest.corruptFound, 0);
  assert.is(rest.passesCompleted, 1);
  assert.is(log.corruption, null);
  log.close();
});

test('scrub: a clean log is read whole once per pass, nothing reported, no descriptor left open', () => {
  const config = { segmentBytes: 1500, indexIntervalBytes: 300, retentionMs: -1 };
  const { dir, pdir } = cleanLog(40, config);
  let total = 0;
  for (const name of filesWithSuffix(pdir, '.log')) total += fs.statSync(path.join(pdir, name)).size;
  const log = PartitionLog.open(dir, TP, config);
  const scrubber = new Scrubber();
  scrubber.slice(
    () => [TP],
    () => log,
    0,
    1 << 20,
    50,
  );
  const fdsBefore = openLogFiles(pdir);
  const pass = scrubber.slice(
    () => [TP],
    () => log,
    50,
    1 << 20,
    50,
  );
  assert.equal([pass.bytesScanned, pass.corruptFound, pass.passesCompleted], [total, 0, 1]);
  assert.is(log.corruption, null);
  assert.is(openLogFiles(pdir), fdsBefore, 'the scrub leaves no descriptor open on the segments it visited');
  log.close();
});

test('scrub: a read that fails skips the partition for the pass, with the reason, instead of retrying', () => {
  const config = { segmentBytes: 1500, indexIntervalBytes: 300, retentionMs: -1 };
  const { dir, pdir } = cleanLog(30, config);
  const log = PartitionLog.open(dir, TP, config);
  // No descriptor is open on a cold segment, so removing its file makes the scrub's read fail (ENOENT).
  fs.rmSync(path.join(pdir, filesWithSuffix(pdir, '.log')[1]!));
  const scrubber = new Scrubber();
  scrubber.slice(
    () => [TP],
    () => log,
    0,
    1 << 20,
    10,
  );
  const pass = scrubber.slice(
    () => [TP],
    () => log,
    10,
    1 << 20,
    10,
  );
  assert.is(pass.failures.length, 1);
  assert.match(pass.failures[0]!, /^events-0: ENOENT/);
  assert.equal([pass.passesCompleted, pass.running, pass.corruptFound], [1, false, 0]);
  log.abandon();
});

test('scrub: no slice reads more than MAX_SCRUB_SLICE_BYTES plus one batch, whatever the budget', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { retentionMs: -1 });
  const batch = makeBatch(0, { count: 40, valueBytes: 400 });
  while (log.size < 3 * MAX_SCRUB_SLICE_BYTES) log.append(Buffer.from(batch), 0);
  log.close();
  const reopened = PartitionLog.open(dir, TP, { retentionMs: -1 });
  const scrubber = new Scrubber();
  scrubber.slice(
    () => [TP],
    () => reopened,
    0,
    1,
    10,
  );
  const slices: number[] = [];
  let s: ReturnType<Scrubber['slice']>;
  let now = 10;
  do {
    s = scrubber.slice(
      () => [TP],
      () => reopened,
      now++,
      64 * MAX_SCRUB_SLICE_BYTES,
      1000,
    );
    slices.push(s.bytesScanned);
  } while (s.running);
  assert.ok(slices.length >= 3, `slices ${slices}`);
  for (const n of slices) assert.ok(n <= MAX_SCRUB_SLICE_BYTES + batch.length, `slice of ${n} bytes`);
  assert.is(
    slices.reduce((a, b) => a + b, 0),
    reopened.size,
  );
  reopened.close();
});

test('scrub config: explicit values, 0 disables, bad values rejected; the schedule honours the rate', () => {
  assert.equal(resolveScrubConfig({ intervalMs: 0, bytesPerSecond: 5 }), {
    intervalMs: 0,
    bytesPerSecond: 5,
  });
  for (const bad of [{ intervalMs: -1 }, { bytesPerSecond: 1.5 }, { intervalMs: Number.NaN }]) {
    assert.throws(
      () => resolveScrubConfig(bad as never),
      (e: unknown) => (e as KafkaError).code === ErrorCode.INVALID_CONFIG,
    );
  }
  for (const [rate, threads] of [
    [16 << 20, 1],
    [1 << 30, 4],
    [1000, 1],
    [1, 3],
  ] as const) {
    const { tickMs, sliceBytes } = scrubSchedule({ intervalMs: 1, bytesPerSecond: rate }, threads);
    assert.ok(sliceBytes <= 1 << 20 && tickMs >= 10 && tickMs <= 1000);
    const perSecond = ((sliceBytes * 1000) / tickMs) * threads;
    assert.ok(
      perSecond <= Math.max(rate, threads * 1000) * 1.001,
      `${rate}/s over ${threads}: ${perSecond}/s`,
    );
  }
});

test('recovery report: a torn write is logged at info with what was scanned and cut; a clean open at debug', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 20; i++) log.append(makeBatch(i, { valueBytes: 120 }), 0);
  log.abandon();
  const pdir = partitionDir(dir);
  const file = path.join(pdir, filesWithSuffix(pdir, '.log').at(-1)!);
  const size = fs.statSync(file).size;
  fs.truncateSync(file, size - 7);
  const logger = new CapturingLogger();
  const reopened = PartitionLog.open(dir, TP, CONFIG, Date.now(), logger);
  const s = reopened.recoveryStats;
  assert.is(s.truncations.length, 1);
  assert.ok(s.batchesScanned > 0);
  assert.equal(logger.lines.length, 1, logger.lines.join('\n'));
  const line = logger.lines[0]!;
  assert.match(
    line,
    /^INFO events-0: opened after unclean shutdown: \d+ segments, \d+ scanned \(\d+ batches/,
  );
  assert.match(line, `truncated ${path.basename(file)} at position ${s.truncations[0]!.position}`);
  assert.match(line, 'torn or damaged');
  assert.not.ok(s.quarantined.length, 'a torn tail after a crash is simply cut');
  reopened.close();
  const quiet = new CapturingLogger();
  PartitionLog.open(dir, TP, CONFIG, Date.now(), quiet).close();
  assert.equal(quiet.lines.length, 1);
  assert.match(quiet.lines[0]!, /^DEBUG events-0: opened after clean shutdown: \d+ segments, 0 scanned/);
});

test.run();
