// The fault-run checker on hand-made histories: a clean one passes; a lost acknowledgement, a duplicate, a
// value never sent, a reorder, a definitely failed value read back, replicas that differ below the high
// watermark, a replica that stops short of it, disagreeing leader epochs, a consumer's read taken back and a
// late recovery are each
// reported, and nothing else is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type CheckCounts, check } from './helpers/jepsen/checker.js';
import type { History, ReplicaBatch, SendRecord } from './helpers/jepsen/history.js';

const ack = (producer: string, seq: number, partition: number, offset: number): SendRecord => ({
  producer,
  seq,
  value: `${producer}-${seq}`,
  partition,
  outcome: 'ok',
  offset,
});

const batch = (
  baseOffset: number,
  lastOffset: number,
  leaderEpoch = 0,
  crc = baseOffset + 1,
): ReplicaBatch => ({
  baseOffset,
  lastOffset,
  leaderEpoch,
  crc,
});

/** Two partitions, two producers, replicas on nodes 1 and 2 of partition 0 and node 3 of partition 1. */
function clean(): History {
  const sends = [
    ack('a', 0, 0, 0),
    ack('b', 0, 0, 1),
    ack('a', 1, 0, 2),
    ack('a', 2, 1, 0),
    ack('b', 1, 1, 1),
  ];
  sends.push({ producer: 'b', seq: 2, value: 'b-2', partition: 1, outcome: 'info', offset: -1 });
  sends.push({ producer: 'a', seq: 3, value: 'a-3', partition: 1, outcome: 'info', offset: -1 });
  sends.push({ producer: 'b', seq: 3, value: 'b-3', partition: 0, outcome: 'fail', offset: -1, error: 'x' });
  const reads = [
    { partition: 0, offset: 0, value: 'a-0' },
    { partition: 0, offset: 1, value: 'b-0' },
    { partition: 0, offset: 2, value: 'a-1' },
    { partition: 1, offset: 0, value: 'a-2' },
    { partition: 1, offset: 1, value: 'b-1' },
    { partition: 1, offset: 2, value: 'b-2' },
  ];
  const p0 = [batch(0, 1, 0), batch(2, 2, 1)];
  return {
    partitions: 2,
    sends,
    reads,
    ends: [
      { partition: 0, highWatermark: 3, isr: [1, 2] },
      { partition: 1, highWatermark: 3, isr: [3] },
    ],
    replicas: [
      {
        node: 1,
        partition: 0,
        batches: p0.map((b) => ({ ...b })),
        epochs: [
          { epoch: 0, startOffset: 0 },
          { epoch: 1, startOffset: 2 },
        ],
      },
      {
        node: 2,
        partition: 0,
        batches: p0.map((b) => ({ ...b })),
        epochs: [
          { epoch: 0, startOffset: 0 },
          { epoch: 1, startOffset: 2 },
        ],
      },
      { node: 3, partition: 1, batches: [batch(0, 0), batch(1, 2)], epochs: [{ epoch: 0, startOffset: 0 }] },
    ],
    recoveryMs: 1200,
    maxRecoveryMs: 30_000,
  };
}

/** Counts that must be zero in a valid history. */
const BAD: (keyof CheckCounts)[] = [
  'lost',
  'misplaced',
  'duplicated',
  'offsetConflicts',
  'unexpected',
  'reordered',
  'failedButPresent',
  'divergentReplicas',
  'epochConflicts',
  'unstableReads',
];

function expectOnly(h: History, nonZero: Partial<Record<keyof CheckCounts, number>>, kind: RegExp): void {
  const r = check(h);
  assert.not.ok(r.ok, 'a violation is reported');
  for (const k of BAD) assert.is(r.counts[k], nonZero[k] ?? 0, `${k}: ${r.violations.join('\n')}`);
  assert.ok(
    r.violations.some((l) => kind.test(l)),
    `a ${kind} violation in:\n${r.violations.join('\n')}`,
  );
}

test('a clean history passes, with its counts', () => {
  const r = check(clean());
  assert.equal(r.violations, []);
  assert.ok(r.ok);
  assert.is(r.counts.sent, 8);
  assert.is(r.counts.acked, 5);
  assert.is(r.counts.failed, 1);
  assert.is(r.counts.read, 6);
  assert.is(r.counts.indeterminatePresent, 1);
  assert.is(r.counts.indeterminateAbsent, 1);
  assert.is(r.counts.outOfIsr, 0);
  for (const k of BAD) assert.is(r.counts[k], 0, k);
});

test('an acknowledged value never read is lost', () => {
  const h = clean();
  h.reads = h.reads.filter((r) => r.value !== 'b-0');
  expectOnly(h, { lost: 1 }, /^lost/);
});

test('an acknowledged offset that holds another value is lost and a conflict', () => {
  const h = clean();
  h.reads[1] = { partition: 0, offset: 1, value: 'b-3' };
  // b-3 definitely failed, so reading it is a violation too.
  expectOnly(h, { lost: 1, offsetConflicts: 1, failedButPresent: 1 }, /another value/);
});

test('a value read at two offsets is a duplicate', () => {
  const h = clean();
  h.reads.push({ partition: 0, offset: 3, value: 'a-1' });
  // a-1 again after a-1: also out of sequence order for producer a.
  expectOnly(h, { duplicated: 1, reordered: 1 }, /^duplicate/);
});

test('a value nobody sent is reported', () => {
  const h = clean();
  h.reads.push({ partition: 1, offset: 3, value: 'z-9' });
  expectOnly(h, { unexpected: 1 }, /^never sent/);
  const junk = clean();
  junk.reads.push({ partition: 1, offset: 3, value: 'garbage' });
  expectOnly(junk, { unexpected: 1 }, /^never sent/);
});

test("a producer's later value before its earlier one in a partition is a reorder", () => {
  const h = clean();
  // a-0 and a-1 swap offsets, and so do their acknowledgements: only the order is wrong.
  h.reads[0] = { partition: 0, offset: 0, value: 'a-1' };
  h.reads[2] = { partition: 0, offset: 2, value: 'a-0' };
  h.sends[0] = { ...h.sends[0]!, offset: 2 };
  h.sends[2] = { ...h.sends[2]!, offset: 0 };
  expectOnly(h, { reordered: 1 }, /^reordered/);
});

test('an acknowledged value read at another offset is misplaced', () => {
  const h = clean();
  h.sends[4] = { ...h.sends[4]!, offset: 2 };
  h.reads[5] = { partition: 1, offset: 2, value: 'a-3' };
  h.reads[4] = { partition: 1, offset: 1, value: 'b-1' };
  // b-1 acknowledged at 1@2 but read at 1@1; 1@2 holds a-3 instead.
  expectOnly(h, { misplaced: 1 }, /another offset/);
});

test('a definitely failed value read back is reported', () => {
  const h = clean();
  h.reads.push({ partition: 0, offset: 3, value: 'b-3' });
  expectOnly(h, { failedButPresent: 1 }, /definitely failed/);
});

test('a record a consumer was given during the run must be at its offset at the end', () => {
  const h = clean();
  h.liveReads = [
    { partition: 0, offset: 0, value: 'a-0' },
    { partition: 1, offset: 2, value: 'b-2' },
  ];
  assert.ok(check(h).ok, 'reads that stayed are fine');
  h.liveReads.push({ partition: 0, offset: 1, value: 'a-3' }, { partition: 1, offset: 3, value: 'a-3' });
  const r = check(h);
  assert.is(r.counts.liveReads, 4);
  expectOnly(h, { unstableReads: 2 }, /not there afterwards: 2/);
});

test('replicas whose batches differ below the high watermark are divergent', () => {
  const h = clean();
  h.replicas[1]!.batches[1] = batch(2, 2, 1, 999);
  expectOnly(h, { divergentReplicas: 1 }, /replicas differ/);
});

test('a difference at or above the high watermark is allowed', () => {
  const h = clean();
  h.replicas[1]!.batches.push(batch(3, 5, 1, 7));
  h.replicas[0]!.batches.push(batch(3, 4, 2, 8));
  assert.ok(check(h).ok, check(h).violations.join('\n'));
});

test('a replica outside the ISR is counted, not compared', () => {
  const h = clean();
  h.ends[0] = { partition: 0, highWatermark: 3, isr: [1], replicas: [1, 2] };
  h.replicas[1]!.batches = [batch(0, 0, 0, 77)];
  const r = check(h);
  assert.ok(r.ok, r.violations.join('\n'));
  assert.is(r.counts.outOfIsr, 1);
});

test('an ISR replica that stops short of the high watermark, or has no log, is divergent', () => {
  const h = clean();
  h.replicas[1]!.batches.pop();
  expectOnly(h, { divergentReplicas: 1 }, /below the high watermark 3/);
  const gone = clean();
  gone.replicas.splice(1, 1);
  expectOnly(gone, { divergentReplicas: 1 }, /without a log/);
});

test('a damaged batch in a stopped replica is reported', () => {
  const h = clean();
  h.replicas[2]!.damage = '00000000000000000000.log: corrupt batch at position 61';
  expectOnly(h, { divergentReplicas: 1 }, /damaged batch/);
});

test('replicas that disagree where an epoch starts, batches unlike their checkpoint, or a log whose epochs go back, are epoch conflicts', () => {
  const h = clean();
  h.replicas[1]!.epochs = [
    { epoch: 0, startOffset: 0 },
    { epoch: 1, startOffset: 1 },
  ];
  expectOnly(h, { epochConflicts: 1 }, /where a leader epoch starts/);
  const unlike = clean();
  unlike.replicas[0]!.batches[1] = batch(2, 2, 0);
  unlike.replicas[1]!.batches[1] = batch(2, 2, 0);
  // Both replicas agree with each other, but their checkpoints say epoch 1 starts at offset 2.
  expectOnly(unlike, { epochConflicts: 2 }, /differs from the leader-epoch-checkpoint/);
  const back = clean();
  back.replicas[2]!.batches = [batch(0, 0, 3), batch(1, 2, 2)];
  back.replicas[2]!.epochs = null; // no checkpoint to compare with: only the order is checked
  expectOnly(back, { epochConflicts: 1 }, /goes back/);
});

test('partitions led again, or writable again, too late or never, fail the run', () => {
  const h = clean();
  h.recoveryMs = 31_000;
  assert.not.ok(check(h).ok);
  h.recoveryMs = -1;
  assert.ok(check(h).violations.some((l) => /never/.test(l)));
  const w = clean();
  w.writableMs = 2000;
  assert.ok(check(w).ok);
  w.writableMs = -1;
  assert.ok(check(w).violations.some((l) => /not writable/.test(l)));
});

test.run();
