// Recovery on real files: torn tails, garbage, flipped bytes, damaged indexes, SIGKILLed writers, and
// the clean path that must not scan.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { CLEAN_SHUTDOWN_FILE, PartitionLog } from '../dist/storage/log.js';
import { VALIDATE_INTEGRITY, validateBatch } from '../dist/wasm/index.js';
import {
  filesWithSuffix,
  makeBatch,
  offsetIndexEntries,
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

const CONFIG = { segmentBytes: 3000, indexIntervalBytes: 300, retentionMs: -1 };

/** A log of `n` batches (tags 0..n-1) left as a crash would leave it: no marker, nothing trimmed. */
function crashedLog(n: number, config = CONFIG): { dir: string; pdir: string; sizes: number[] } {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, config);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = makeBatch(i, { count: 1 + (i % 3), valueBytes: 80 + ((i * 37) % 200) });
    sizes.push(b.length);
    log.append(b, 0);
  }
  log.abandon();
  return { dir, pdir: partitionDir(dir), sizes };
}

/** Every offset maps to the batch holding it, through the (rebuilt) indexes. */
function assertLookups(log: PartitionLog): void {
  for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
    const [b] = decodeRecordBatches(log.read(o, 1).records);
    assert.ok(b !== undefined && b.baseOffset <= o && o <= b.baseOffset + b.lastOffsetDelta, `lookup ${o}`);
  }
}

function lastLog(pdir: string): string {
  return path.join(pdir, filesWithSuffix(pdir, '.log').at(-1)!);
}

test('torn tail: recovery truncates the partial batch and keeps every whole one', () => {
  const { dir, pdir } = crashedLog(40);
  const file = lastLog(pdir);
  const size = fs.statSync(file).size;
  fs.truncateSync(file, size - 10);
  const log = PartitionLog.open(dir, TP, CONFIG);
  assert.is(log.recoveryStats.cleanShutdown, false);
  assert.ok(log.recoveryStats.bytesTruncated > 0);
  assert.equal(readAll(log).map(tagOf), [...Array(39).keys()]);
  assertLookups(log);
  // The next append goes right after the last whole batch.
  const r = log.append(makeBatch(1000), 0);
  assert.is(r.baseOffset, readAll(log).at(-2)!.baseOffset + readAll(log).at(-2)!.lastOffsetDelta + 1);
  log.close();
});

test('garbage tail: cut back to exactly the last valid batch', () => {
  const { dir, pdir } = crashedLog(25);
  const file = lastLog(pdir);
  const size = fs.statSync(file).size;
  fs.appendFileSync(file, Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 131 + 7) & 0xff)));
  const log = PartitionLog.open(dir, TP, CONFIG);
  assert.is(log.recoveryStats.bytesTruncated, 500);
  assert.is(fs.statSync(file).size, size);
  assert.equal(readAll(log).map(tagOf), [...Array(25).keys()]);
  log.close();
});

test('zero-filled tail (preallocated or lost pages) is treated as torn', () => {
  const { dir, pdir } = crashedLog(10);
  const file = lastLog(pdir);
  fs.appendFileSync(file, Buffer.alloc(4096));
  const log = PartitionLog.open(dir, TP, CONFIG);
  assert.equal(readAll(log).map(tagOf), [...Array(10).keys()]);
  log.close();
});

test('flipped byte mid-log: truncate at that batch, delete later segments, keep all before', () => {
  const { dir, pdir, sizes } = crashedLog(60);
  const logs = filesWithSuffix(pdir, '.log');
  assert.ok(logs.length >= 5);
  // Corrupt the third batch of the third segment, inside its records (CRC-covered).
  const victim = path.join(pdir, logs[2]!);
  const buf = fs.readFileSync(victim);
  const batches = decodeRecordBatches(buf);
  const third = batches[2]!;
  const pos = batches[0]!.batchLength + 12 + batches[1]!.batchLength + 12;
  buf[pos + 70]! ^= 0x01;
  fs.writeFileSync(victim, buf);
  fs.rmSync(path.join(pdir, 'recovery-point-offset-checkpoint'));
  const log = PartitionLog.open(dir, TP, CONFIG);
  assert.is(log.logEndOffset, third.baseOffset);
  assert.equal(filesWithSuffix(pdir, '.log'), logs.slice(0, 3), 'later segments deleted');
  const kept = readAll(log);
  assert.equal(kept.map(tagOf), [...Array(tagOf(third)).keys()]);
  assert.ok(kept.every((b, i) => b.batchLength + 12 === sizes[i]));
  assertLookups(log);
  assert.is(log.recoveryStats.segmentsDeleted, logs.length - 3);
  log.close();
});

test('recovery point: only segments at or after it are scanned', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 80; i++) log.append(makeBatch(i, { valueBytes: 150 }), 0);
  log.flush();
  log.checkpoint();
  const segments = log.numberOfSegments;
  log.append(makeBatch(80), 0);
  log.abandon();
  const reopened = PartitionLog.open(dir, TP, CONFIG);
  assert.ok(segments > 5);
  assert.is(reopened.recoveryStats.segmentsRecovered, 1, 'only the active segment');
  assert.ok(reopened.recoveryStats.bytesScanned < 3000);
  assert.equal(readAll(reopened).map(tagOf), [...Array(81).keys()]);
  reopened.close();
});

test('clean reopen of a 100-segment partition does not scan', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { segmentBytes: 2048, indexIntervalBytes: 256, retentionMs: -1 });
  for (let i = 0; i < 300; i++) log.append(makeBatch(i, { valueBytes: 500 }), 0);
  assert.ok(log.numberOfSegments >= 100, `segments ${log.numberOfSegments}`);
  const leo = log.logEndOffset;
  log.close();
  assert.ok(fs.existsSync(path.join(partitionDir(dir), CLEAN_SHUTDOWN_FILE)));
  const started = process.hrtime.bigint();
  const reopened = PartitionLog.open(dir, TP, {
    segmentBytes: 2048,
    indexIntervalBytes: 256,
    retentionMs: -1,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stats = reopened.recoveryStats;
  assert.equal(
    [stats.cleanShutdown, stats.segmentsOpened, stats.segmentsRecovered, stats.bytesScanned],
    [true, log.numberOfSegments, 0, 0],
  );
  assert.is(reopened.logEndOffset, leo);
  assert.not.ok(fs.existsSync(path.join(partitionDir(dir), CLEAN_SHUTDOWN_FILE)), 'marker consumed at open');
  assert.equal(readAll(reopened).map(tagOf), [...Array(300).keys()]);
  console.log(`    clean open of ${stats.segmentsOpened} segments: ${ms.toFixed(1)} ms`);
  reopened.close();
});

test('clean marker but torn active tail: falls back to recovering that segment', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 12; i++) log.append(makeBatch(i, { valueBytes: 100 }), 0);
  log.close();
  const file = lastLog(partitionDir(dir));
  fs.truncateSync(file, fs.statSync(file).size - 3);
  const reopened = PartitionLog.open(dir, TP, CONFIG);
  assert.is(reopened.recoveryStats.segmentsRecovered, 1);
  assert.equal(readAll(reopened).map(tagOf), [...Array(11).keys()]);
  reopened.close();
});

test('damaged or missing index files are rebuilt from the log', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, CONFIG);
  for (let i = 0; i < 60; i++) log.append(makeBatch(i, { count: 2, valueBytes: 100 }), 0);
  log.close();
  const pdir = partitionDir(dir);
  const indexes = filesWithSuffix(pdir, '.index');
  const good = offsetIndexEntries(path.join(pdir, indexes[1]!));
  assert.ok(good.length > 0);
  fs.writeFileSync(path.join(pdir, indexes[1]!), Buffer.from([1, 2, 3, 4, 5])); // not a multiple of 8
  const bad = Buffer.alloc(16);
  bad.writeInt32BE(50, 0);
  bad.writeInt32BE(999_999, 4);
  bad.writeInt32BE(10, 8); // decreasing offsets
  bad.writeInt32BE(5, 12);
  fs.writeFileSync(path.join(pdir, indexes[2]!), bad);
  fs.rmSync(path.join(pdir, indexes.at(-1)!));
  fs.rmSync(path.join(pdir, filesWithSuffix(pdir, '.timeindex').at(-1)!));
  const reopened = PartitionLog.open(dir, TP, CONFIG);
  assertLookups(reopened);
  assert.equal(readAll(reopened).map(tagOf), [...Array(60).keys()]);
  reopened.close();
  assert.equal(offsetIndexEntries(path.join(pdir, indexes[1]!)), good, 'rebuilt index equals the original');
});

test('recovery never throws on random damage and keeps a prefix of the batches', () => {
  const { dir, pdir } = crashedLog(30, { segmentBytes: 100_000, indexIntervalBytes: 300, retentionMs: -1 });
  const file = lastLog(pdir);
  const pristine = fs.readFileSync(file);
  const originalTags = [...Array(30).keys()];
  fc.assert(
    fc.property(
      fc.array(fc.record({ at: fc.nat(pristine.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.nat(pristine.length),
      (flips, cut) => {
        const damaged = Buffer.from(pristine.subarray(0, Math.max(cut, 1)));
        for (const f of flips) if (f.at < damaged.length) damaged[f.at] = f.value;
        fs.writeFileSync(file, damaged);
        for (const n of filesWithSuffix(pdir, '.index')) fs.rmSync(path.join(pdir, n));
        fs.rmSync(path.join(pdir, CLEAN_SHUTDOWN_FILE), { force: true });
        const log = PartitionLog.open(dir, TP, CONFIG);
        const tags = readAll(log).map(tagOf);
        assert.equal(tags, originalTags.slice(0, tags.length), 'a prefix');
        // Everything kept is byte-for-byte what was written and passes the integrity check.
        const kept = fs.readFileSync(file);
        assert.equal(kept, pristine.subarray(0, kept.length));
        let p = 0;
        while (p < kept.length) {
          const end = p + kept.readInt32BE(p + 8) + 12;
          assert.is(validateBatch(kept, p, end, VALIDATE_INTEGRITY), 0);
          p = end;
        }
        assertLookups(log);
        log.abandon();
      },
    ),
    { numRuns: 60, seed: 42 },
  );
});

function runAppender(dataDir: string, flush: string, killAfterLines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/storage-appender.ts', dataDir, flush],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const lines: string[] = [];
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        lines.push(out.slice(0, nl));
        out = out.slice(nl + 1);
      }
      if (!killed && lines.length > killAfterLines) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' || !killed) reject(new Error(`appender ended with ${signal}: ${err}`));
      else resolve(lines);
    });
  });
}

for (const flush of ['never', 'always']) {
  test(`SIGKILLed appender (flush=${flush}): every completed append survives, log validates`, async () => {
    const dir = newDir();
    const lines = await runAppender(dir, flush, flush === 'always' ? 150 : 600);
    assert.ok(lines[0]!.startsWith('ready'));
    const acked = lines.slice(1).map((l) => l.split(' ').map(Number) as [number, number, number]);
    assert.ok(acked.length > 100);
    const log = PartitionLog.open(dir, TP, { segmentBytes: 256 * 1024, retentionMs: -1 });
    assert.is(log.recoveryStats.cleanShutdown, false);
    const batches = readAll(log);
    // Contiguous offsets from 0, each batch tagged in order.
    let next = 0;
    batches.forEach((b, i) => {
      assert.is(b.baseOffset, next);
      assert.is(tagOf(b), i);
      next = b.baseOffset + b.lastOffsetDelta + 1;
    });
    for (const [tag, base, last] of acked) {
      const b = batches[tag];
      assert.ok(b !== undefined, `acknowledged append ${tag} lost`);
      assert.equal([b.baseOffset, b.baseOffset + b.lastOffsetDelta], [base, last]);
    }
    assertLookups(log);
    // And it keeps going.
    assert.is(log.append(makeBatch(999_999), 0).baseOffset, log.logEndOffset - 1);
    log.close();
  });
}

test.run();
