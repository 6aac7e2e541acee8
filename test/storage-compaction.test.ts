// Log compaction on real files: a cleaning pass keeps each key's latest record at its original offset,
// tombstones live out delete.retention.ms, the active segment is never touched, compressed batches keep their codec,
// the offset map's bound splits the work into passes, and a crash at any step of the segment swap reopens
// as either the old or the new log.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, KafkaError } from '../dist/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch, type RecordInput } from '../dist/protocol/record-batch.js';
import {
  CLEANER_OFFSET_CHECKPOINT,
  cleanableState,
  cleanLog,
  needsCleaning,
  readCleanerCheckpoint,
} from '../dist/storage/cleaner.js';
import { resolveLogConfig } from '../dist/storage/config.js';
import { PartitionLog } from '../dist/storage/log.js';
import { partitionDir, readAll, removeDir, snapshotFiles, TP, tempDir } from './helpers/storage-util.js';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;
const COMPACT = {
  cleanupPolicy: 'compact',
  flush: 'always',
  retentionMs: -1,
  indexIntervalBytes: 64,
} as const;

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir('runnel-compaction-');
  dirs.push(d);
  return d;
}
test.after(() => dirs.forEach(removeDir));

type Entry = [key: string | null, value: string | null];

interface Rec {
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: number;
}

let clock = T0;
/** One batch of keyed records; each record one ms after the previous, across calls. */
function batch(
  entries: Entry[],
  opts: { compression?: 0 | 1 | 2 | 3 | 4; producerId?: number; sequence?: number } = {},
): Buffer {
  const records: RecordInput[] = entries.map(([key, value]) => ({ key, value, timestamp: clock++ }));
  return encodeRecordBatch(records, {
    compression: opts.compression ?? 0,
    timestamp: records[0]!.timestamp,
    producerId: opts.producerId ?? -1,
    producerEpoch: opts.producerId === undefined ? -1 : 0,
    baseSequence: opts.producerId === undefined ? -1 : (opts.sequence ?? 0),
  });
}

function records(log: PartitionLog): Rec[] {
  const out: Rec[] = [];
  for (const b of readAll(log)) {
    for (const r of b.records) {
      out.push({
        offset: r.offset,
        key: r.key === null ? null : r.key.toString(),
        value: r.value === null ? null : r.value.toString(),
        timestamp: r.timestamp,
      });
    }
  }
  return out;
}

/** Kafka's outcome: below `cleanEnd`, each key's last record only (unkeyed ones gone); above, everything. */
function compacted(all: Rec[], cleanEnd: number): Rec[] {
  const latest = new Map<string, number>();
  for (const r of all) if (r.offset < cleanEnd && r.key !== null) latest.set(r.key, r.offset);
  return all.filter((r) => r.offset >= cleanEnd || (r.key !== null && latest.get(r.key) === r.offset));
}

function activeLogFile(log: PartitionLog): string {
  const base = log.segmentBaseOffsets().at(-1)!;
  return path.join(log.dir, `${String(base).padStart(20, '0')}.log`);
}

/**
 * A consumer fetching from every offset from the log start: the first batch returned ends at or after the
 * offset, and the first record at or after it is the next one expected.
 */
function assertReads(log: PartitionLog, expected: Rec[]): void {
  for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
    const next = expected.find((r) => r.offset >= o);
    let found: number | undefined;
    let from = o;
    while (found === undefined && from < log.logEndOffset) {
      const batches = decodeRecordBatches(log.read(from, 1 << 16).records);
      const first = batches[0];
      assert.ok(first !== undefined, `read(${from}) returned nothing`);
      if (from === o) assert.ok(first.baseOffset + first.lastOffsetDelta >= o, `read(${o}) starts too early`);
      found = batches.flatMap((b) => b.records).find((r) => r.offset >= o)?.offset;
      const last = batches[batches.length - 1]!;
      from = last.baseOffset + last.lastOffsetDelta + 1;
    }
    assert.is(found, next?.offset, `first record at or after ${o}`);
  }
}

/** Appends `n` single-record updates cycling over `keys` keys, rolling every `perSegment` batches. */
function fillUpdates(log: PartitionLog, n: number, keys: number, perSegment: number): void {
  for (let i = 0; i < n; i++) {
    log.append(batch([[`key-${i % keys}`, `value-${i}`]]), 0, clock);
    if ((i + 1) % perSegment === 0) log.roll(clock);
  }
}

test('many updates to a few keys shrink to the latest value per key, at the original offsets', () => {
  const log = PartitionLog.open(newDir(), TP, COMPACT);
  fillUpdates(log, 200, 5, 40);
  log.append(batch([['key-0', 'in-active']]), 0, clock);
  const before = records(log);
  const activeBase = log.segmentBaseOffsets().at(-1)!;
  assert.is(activeBase, 200);
  const activeBytes = fs.readFileSync(activeLogFile(log));
  const sizeBefore = log.size;

  const result = cleanLog(log, clock);
  assert.ok(result.cleaned);
  assert.is(result.endOffset, 200);
  assert.is(result.recordsRemoved, 195);
  assert.is(readCleanerCheckpoint(log), 200);
  assert.ok(log.size < sizeBefore / 5, `${log.size} < ${sizeBefore}/5`);
  // Five closed segments of ~40 batches each fit in one segment.bytes (1 GiB): merged into one.
  assert.equal(log.segmentBaseOffsets(), [0, 200]);

  const after = records(log);
  const expected = compacted(before, 200);
  assert.equal(after, expected);
  assert.equal(
    after.filter((r) => r.offset < 200).map((r) => [r.offset, r.key, r.value]),
    [195, 196, 197, 198, 199].map((o) => [o, `key-${o % 5}`, `value-${o}`]),
  );
  assert.equal(fs.readFileSync(activeLogFile(log)), activeBytes, 'active segment untouched');
  assertReads(log, expected);
  // Empty headers keep each rewritten segment's last offset; all else is gone.
  assert.is(log.logStartOffset, 0);
  assert.is(log.logEndOffset, 201);

  // Appends continue at the right offset, and the cleaned log survives a clean close and reopen.
  assert.is(log.append(batch([['key-1', 'later']]), 0, clock).baseOffset, 201);
  const dir = path.dirname(log.dir);
  log.close();
  const reopened = PartitionLog.open(dir, TP, COMPACT);
  assert.equal(records(reopened), [
    ...expected,
    { offset: 201, key: 'key-1', value: 'later', timestamp: clock - 1 },
  ]);
  reopened.close();
});

test('offset and time index lookups work on the cleaned segment', () => {
  const log = PartitionLog.open(newDir(), TP, { ...COMPACT, indexIntervalBytes: 1 });
  // 300 distinct keys updated twice: half the records survive, enough for many index entries.
  for (let i = 0; i < 600; i++) {
    log.append(batch([[`k${i % 300}`, `v${i}`]]), 0, clock);
    if (i % 100 === 99) log.roll(clock);
  }
  log.roll(clock);
  const before = records(log);
  cleanLog(log, clock);
  const kept = compacted(before, 600);
  assert.is(kept.length, 300);
  assert.equal(records(log), kept);
  const index = path.join(log.dir, `${'0'.padStart(20, '0')}.index`);
  assert.ok(fs.statSync(index).size >= 8 * 100, 'offset index rebuilt with entries');
  for (const r of kept) {
    const b = decodeRecordBatches(log.read(r.offset, 1).records)[0]!;
    assert.is(b.records[0]!.offset, r.offset);
    assert.equal(log.offsetForTimestamp(r.timestamp), { timestamp: r.timestamp, offset: r.offset });
  }
  // A timestamp of a removed record finds the next kept one.
  const removed = before.find((r) => r.offset === 10)!;
  assert.is(log.offsetForTimestamp(removed.timestamp)?.offset, 300);
  log.close();
});

test('tombstones are kept until delete.retention.ms after the pass that first kept them', () => {
  const retention = 10 * 60_000;
  const log = PartitionLog.open(newDir(), TP, { ...COMPACT, deleteRetentionMs: retention });
  log.append(
    batch([
      ['a', 'a1'],
      ['b', 'b1'],
    ]),
    0,
    clock,
  );
  log.append(batch([['a', null]]), 0, clock);
  log.append(batch([['c', 'c1']]), 0, clock);
  log.roll(clock);
  log.append(batch([['d', 'd1']]), 0, clock);

  const tombstoneTs = records(log).find((r) => r.offset === 2)!.timestamp;
  const t1 = clock + 1000;
  const first = cleanLog(log, t1);
  assert.is(first.nextDeleteHorizonMs, t1 + retention);
  assert.equal(
    records(log).map((r) => [r.offset, r.key, r.value]),
    [
      [1, 'b', 'b1'],
      [2, 'a', null],
      [3, 'c', 'c1'],
      [4, 'd', 'd1'],
    ],
  );
  const stamped = readAll(log).find((b) => b.baseOffset === 2)!;
  assert.is(stamped.attributes & 0x40, 0x40, 'delete horizon flag');
  assert.is(stamped.baseTimestamp, t1 + retention);
  assert.is(stamped.records[0]!.timestamp, tombstoneTs, 'record timestamp unchanged');

  assert.not.ok(needsCleaning(log, t1 + retention - 1, first.nextDeleteHorizonMs));
  assert.ok(needsCleaning(log, t1 + retention, first.nextDeleteHorizonMs));
  const early = cleanLog(log, t1 + retention - 1);
  assert.is(early.tombstonesRemoved, 0);
  assert.ok(records(log).some((r) => r.key === 'a'));
  // The horizon stays what the first pass set; a later pass does not push it back.
  assert.is(early.nextDeleteHorizonMs, t1 + retention);

  const late = cleanLog(log, t1 + retention);
  assert.is(late.tombstonesRemoved, 1);
  assert.is(late.nextDeleteHorizonMs, -1);
  assert.equal(
    records(log).map((r) => [r.offset, r.key, r.value]),
    [
      [1, 'b', 'b1'],
      [3, 'c', 'c1'],
      [4, 'd', 'd1'],
    ],
  );
  log.close();
});

const CODECS = [
  ['gzip', 1],
  ['snappy', 2],
  ['lz4', 3],
  ['zstd', 4],
] as const;

for (const [name, codec] of CODECS) {
  test(`${name} batches are rewritten with ${name}; unkeyed records are dropped`, () => {
    const log = PartitionLog.open(newDir(), TP, COMPACT);
    for (let i = 0; i < 20; i++) {
      const entries: Entry[] = [];
      for (let k = 0; k < 4; k++) entries.push([`g${(i + k) % 6}`, `v${i}.${k}`]);
      entries.push([null, `no-key-${i}`]);
      log.append(batch(entries, { compression: codec }), 0, clock);
      if (i === 9) log.roll(clock);
    }
    log.roll(clock);
    const before = records(log);
    const result = cleanLog(log, clock);
    assert.is(result.unkeyedRemoved, 20);
    const expected = compacted(before, log.logEndOffset);
    assert.equal(records(log), expected);
    assert.is(new Set(expected.map((r) => r.key)).size, 6);
    const batches = readAll(log);
    assert.ok(batches.length > 0);
    for (const b of batches)
      if (b.records.length > 0) assert.is(b.compression, codec, `batch ${b.baseOffset} is ${name}`);
    assertReads(log, expected);
    log.close();
  });
}

test('a small offset map splits cleaning into passes that end in the same log', () => {
  const log = PartitionLog.open(newDir(), TP, COMPACT);
  // 12 distinct keys, each updated 5 times, over 6 segments.
  for (let i = 0; i < 60; i++) {
    log.append(batch([[`key-${(i * 7) % 12}`, `v${i}`]]), 0, clock);
    if (i % 10 === 9) log.roll(clock);
  }
  const before = records(log);
  const ends: number[] = [];
  for (let pass = 0; pass < 20; pass++) {
    const r = cleanLog(log, clock, { maxMapEntries: 4 });
    ends.push(r.endOffset);
    if (r.endOffset === 60) break;
  }
  assert.ok(ends.length > 2, `passes ${ends}`);
  for (let i = 1; i < ends.length; i++) assert.ok(ends[i]! > ends[i - 1]!, `progress ${ends}`);
  assert.equal(records(log), compacted(before, 60));
  log.close();
});

test('the last batch of each producer keeps an empty header; a marker without data stays with a delete horizon', () => {
  const log = PartitionLog.open(newDir(), TP, COMPACT);
  log.append(batch([['x', 'p1']], { producerId: 7 }), 0, clock); // 0
  log.append(batch([['y', 'p2']], { producerId: 7, sequence: 1 }), 0, clock); // 1: producer 7's last batch
  const marker = encodeRecordBatch(
    [{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }],
    {
      control: true,
      transactional: true,
      producerId: 9,
      producerEpoch: 0,
      baseSequence: 0,
      timestamp: clock,
    },
  );
  log.append(marker, 0, clock, false, Number.MAX_SAFE_INTEGER, 'coordinator'); // 2: a marker, never from a client
  log.append(
    batch([
      ['x', 'n1'],
      ['y', 'n2'],
    ]),
    0,
    clock,
  ); // 3-4
  log.append(batch([['z', 'z1']]), 0, clock); // 5
  log.roll(clock);
  cleanLog(log, clock);
  const batches = readAll(log);
  assert.equal(
    batches.map((b) => [b.baseOffset, b.lastOffsetDelta, b.recordCount, b.producerId, b.isControl]),
    [
      [1, 0, 0, 7, false],
      [2, 0, 1, 9, true],
      [3, 1, 2, -1, false],
      [5, 0, 1, -1, false],
    ],
  );
  // A marker with no transaction data behind it is kept, stamped with its delete horizon (Kafka's rule).
  const kept = decodeRecordBatches(log.read(2, 1).records)[0]!;
  assert.ok((kept.attributes & 0x40) !== 0, 'delete horizon set');
  assert.is(kept.baseTimestamp, clock + resolveLogConfig(COMPACT).deleteRetentionMs);
  assert.equal(kept.records[0]!.key, Buffer.from([0, 0, 0, 1]));
  log.close();
});

test('the active segment, and a log that is not compacted, are left alone', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, COMPACT);
  fillUpdates(log, 30, 3, 1000);
  const snapshot = snapshotFiles(log.dir);
  const r = cleanLog(log, clock);
  assert.not.ok(r.cleaned, 'only the active segment');
  assert.equal(snapshotFiles(log.dir), snapshot);
  log.close();

  const plain = PartitionLog.open(newDir(), TP, { flush: 'always' });
  fillUpdates(plain, 30, 3, 10);
  const plainSnapshot = snapshotFiles(plain.dir);
  assert.not.ok(needsCleaning(plain, clock));
  assert.not.ok(cleanLog(plain, clock).cleaned);
  assert.equal(snapshotFiles(plain.dir), plainSnapshot);
  plain.close();
});

test('dirty ratio: needsCleaning follows min.cleanable.dirty.ratio and the checkpoint', () => {
  const log = PartitionLog.open(newDir(), TP, { ...COMPACT, minCleanableDirtyRatio: 0.5 });
  fillUpdates(log, 40, 40, 10);
  let s = cleanableState(log);
  assert.equal([s.firstDirtyOffset, s.firstUncleanableOffset, s.cleanBytes, s.dirtyRatio], [0, 40, 0, 1]);
  assert.ok(needsCleaning(log, clock));
  cleanLog(log, clock);
  s = cleanableState(log);
  assert.equal([s.firstDirtyOffset, s.dirtyBytes, s.dirtyRatio], [40, 0, 0]);
  assert.not.ok(needsCleaning(log, clock));
  // One more small dirty segment next to a clean one forty times its size: under the ratio.
  log.append(batch([['one-more', 'x']]), 0, clock);
  log.roll(clock);
  s = cleanableState(log);
  assert.ok(s.dirtyRatio > 0 && s.dirtyRatio < 0.5, `${s.dirtyRatio}`);
  assert.not.ok(needsCleaning(log, clock));
  const text = fs.readFileSync(path.join(log.dir, CLEANER_OFFSET_CHECKPOINT), 'utf8');
  assert.is(text, `0\n1\n${TP.topic} ${TP.partition} 40\n`);
  log.close();
});

test('compact,delete also applies retention; compact alone does not', () => {
  for (const policy of ['compact', 'compact,delete', 'delete,compact'] as const) {
    const cleanupPolicy = policy as 'compact' | 'compact,delete';
    const log = PartitionLog.open(newDir(), TP, { ...COMPACT, cleanupPolicy, retentionMs: DAY });
    fillUpdates(log, 30, 3, 10);
    assert.is(log.config.cleanupPolicy, policy === 'compact' ? 'compact' : 'compact,delete');
    cleanLog(log, clock);
    const deleted = log.applyRetention(clock + 2 * DAY);
    assert.is(deleted, policy === 'compact' ? 0 : 1, policy);
    log.close();
  }
  try {
    resolveLogConfig({ cleanupPolicy: 'shred' as never });
    assert.unreachable();
  } catch (e) {
    assert.is((e as KafkaError).code, ErrorCode.INVALID_CONFIG);
  }
});

test('a damaged closed segment stops the pass and changes nothing', () => {
  const log = PartitionLog.open(newDir(), TP, COMPACT);
  fillUpdates(log, 30, 3, 10);
  const file = path.join(log.dir, `${String(10).padStart(20, '0')}.log`);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 3]! ^= 0xff;
  fs.writeFileSync(file, bytes);
  const snapshot = snapshotFiles(log.dir);
  try {
    cleanLog(log, clock);
    assert.unreachable('expected CORRUPT_MESSAGE');
  } catch (e) {
    assert.instance(e, KafkaError);
    assert.is((e as KafkaError).code, ErrorCode.CORRUPT_MESSAGE);
  }
  assert.equal(snapshotFiles(log.dir), snapshot);
  assert.is(readCleanerCheckpoint(log), -1);
  log.abandon();
});

// ---- crash safety ----

const STEPS = ['cleaned', 'swap', 'deleted-one', 'deleted', 'installed'] as const;

function crashLog(dir: string): PartitionLog {
  const log = PartitionLog.open(dir, TP, COMPACT);
  fillUpdates(log, 90, 7, 30);
  log.append(batch([['key-0', 'active']]), 0, clock);
  // A recovery point past the cleaned segments: reopening will not rescan them, so the swap must be right.
  log.flush();
  log.checkpoint();
  return log;
}

for (const step of STEPS) {
  test(`a crash after swap step '${step}' reopens as the old or the new log, consistently`, () => {
    const dir = newDir();
    let log = crashLog(dir);
    const before = records(log);
    const after = compacted(before, 90);
    try {
      cleanLog(log, clock, {
        onSwapStep: (s) => {
          if (s === step) throw new Error(`crash at ${s}`);
        },
      });
      assert.unreachable('the hook must fire');
    } catch (e) {
      assert.is((e as Error).message, `crash at ${step}`);
    }
    log.abandon();
    const pdir = partitionDir(dir);
    const leftovers = fs.readdirSync(pdir).filter((n) => /\.(cleaned|swap|deleted)$/.test(n));
    assert.ok(leftovers.length > 0 || step === 'installed', `crash leaves temp files at ${step}`);

    log = PartitionLog.open(dir, TP, COMPACT);
    assert.equal(
      fs.readdirSync(pdir).filter((n) => /\.(cleaned|swap|deleted)$/.test(n)),
      [],
      'no temp files after open',
    );
    const got = records(log);
    assert.equal(got, step === 'cleaned' ? before : after);
    assertReads(log, got);
    for (const r of got) assert.is(log.offsetForTimestamp(r.timestamp)?.offset, r.offset);
    assert.is(log.logEndOffset, 91);
    assert.is(log.append(batch([['key-1', 'after-crash']]), 0, clock).baseOffset, 91);
    // The next pass finishes the job either way.
    log.roll(clock);
    cleanLog(log, clock);
    assert.equal(
      records(log).filter((r) => r.offset < 90),
      after.filter((r) => r.offset < 90 && r.key !== 'key-0' && r.key !== 'key-1'),
    );
    log.close();
  });
}

test('a crash between two groups leaves the first swapped and the second old', () => {
  const dir = newDir();
  const log = PartitionLog.open(dir, TP, { ...COMPACT, segmentBytes: 4000 });
  for (let i = 0; i < 120; i++) log.append(batch([[`key-${i % 4}`, `value-${i}`.padEnd(40, '.')]]), 0, clock);
  const before = records(log);
  assert.ok(log.numberOfSegments >= 4);
  let swaps = 0;
  try {
    cleanLog(log, clock, {
      onSwapStep: (s) => {
        if (s === 'installed' && ++swaps === 2) throw new Error('crash');
      },
    });
  } catch {}
  log.abandon();
  const reopened = PartitionLog.open(dir, TP, COMPACT);
  const got = records(reopened);
  // Whatever survived is a subsequence of the original that still has every key's latest value.
  const original = new Map(before.map((r) => [r.offset, r]));
  for (const r of got) assert.equal(r, original.get(r.offset));
  const latest = compacted(before, reopened.segmentBaseOffsets().at(-1)!);
  for (const r of latest)
    assert.ok(
      got.some((g) => g.offset === r.offset),
      `offset ${r.offset} kept`,
    );
  assertReads(reopened, got);
  reopened.close();
});

test('a segment whose background flush is in flight is not cleaned until the flush is done', async () => {
  const log = PartitionLog.open(newDir(), TP, { ...COMPACT, flush: 'never' });
  fillUpdates(log, 20, 2, 10);
  // The first roll's fdatasync is in flight: nothing is cleanable yet.
  assert.is(log.cleanableEndOffset, 0);
  assert.not.ok(cleanLog(log, clock).cleaned);
  for (let i = 0; i < 200 && log.cleanableEndOffset < 20; i++) await new Promise((r) => setTimeout(r, 5));
  assert.is(log.cleanableEndOffset, 20);
  const before = records(log);
  assert.ok(cleanLog(log, clock).cleaned);
  assert.equal(records(log), compacted(before, 20));
  log.close();
});

test("Kafka's rule: a .swap at or above a .cleaned file's base is undone with it", () => {
  const dir = newDir();
  const log = crashLog(dir);
  const before = records(log);
  try {
    cleanLog(log, clock, {
      onSwapStep: (s) => {
        if (s === 'cleaned') throw new Error('crash');
      },
    });
  } catch {}
  log.abandon();
  const pdir = partitionDir(dir);
  const cleaned = fs.readdirSync(pdir).find((n) => n.endsWith('.cleaned'))!;
  // As if a run's files were part renamed: one already .swap, one still .cleaned.
  fs.copyFileSync(path.join(pdir, cleaned), path.join(pdir, cleaned.replace('.cleaned', '.swap')));
  const reopened = PartitionLog.open(dir, TP, COMPACT);
  assert.equal(records(reopened), before);
  assert.equal(
    fs.readdirSync(pdir).filter((n) => /\.(cleaned|swap|deleted)$/.test(n)),
    [],
  );
  reopened.close();
});

test.run();
