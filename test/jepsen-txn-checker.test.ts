// The transactional checker on hand-made histories: a clean one passes; a lost committed write, an aborted
// read, a torn transaction of unknown outcome, a duplicate, a misplaced value, a value never sent, a reorder
// and a hanging transaction are each reported, and nothing else is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReadRecord } from './helpers/jepsen/history.js';
import {
  checkTransactions,
  type TxnCounts,
  type TxnHistory,
  type TxnOutcome,
  type TxnRecord,
  txnValue,
} from './helpers/jepsen/txn-checker.js';

/** A transaction whose i-th write went to partitions[i] at offsets[i]. */
function txn(
  producer: string,
  n: number,
  outcome: TxnOutcome,
  partitions: number[],
  offsets: number[],
): TxnRecord {
  return {
    producer,
    txn: n,
    outcome,
    writes: partitions.map((partition, i) => ({
      value: txnValue(producer, n, i),
      partition,
      offset: offsets[i]!,
    })),
  };
}

/** What read_committed returns: the writes of the given transactions, at their offsets. */
function reads(txns: TxnRecord[]): ReadRecord[] {
  return txns.flatMap((t) =>
    t.writes.map((w) => ({ partition: w.partition, offset: w.offset, value: w.value })),
  );
}

/**
 * Producer a: t0 committed (p0@0, p1@0), t1 aborted (p0@1, markers at p0@2), t2 committed (p0@3, p0@4).
 * Producer b: t0 unknown and wholly visible (p1@2), t1 unknown and invisible (p1@4).
 */
function clean(): TxnHistory {
  const a0 = txn('a', 0, 'committed', [0, 1], [0, 0]);
  const a1 = txn('a', 1, 'aborted', [0], [1]);
  const a2 = txn('a', 2, 'committed', [0, 0], [3, 4]);
  const b0 = txn('b', 0, 'unknown', [1], [2]);
  const b1 = txn('b', 1, 'unknown', [1], [-1]);
  return {
    txns: [a0, a1, a2, b0, b1],
    committedReads: reads([a0, a2, b0]),
    ends: [
      { partition: 0, highWatermark: 6, lastStableOffset: 6 },
      { partition: 1, highWatermark: 5, lastStableOffset: 5 },
    ],
  };
}

function only(h: TxnHistory, expect: Partial<TxnCounts>, kind: RegExp): void {
  const r = checkTransactions(h);
  assert.not.ok(r.ok, 'the violation is found');
  assert.is(r.violations.length, 1, r.violations.join('\n'));
  assert.match(r.violations[0]!, kind);
  for (const [k, v] of Object.entries(expect)) assert.is(r.counts[k as keyof TxnCounts], v, k);
}

test('a clean transactional history passes with its counts', () => {
  const r = checkTransactions(clean());
  assert.ok(r.ok, r.violations.join('\n'));
  assert.is(r.counts.committed, 2);
  assert.is(r.counts.aborted, 1);
  assert.is(r.counts.unknownVisible, 1);
  assert.is(r.counts.unknownInvisible, 1);
  assert.is(r.counts.read, 5);
});

test('a committed write missing from read_committed is a lost write', () => {
  const h = clean();
  h.committedReads = h.committedReads.filter((r) => r.value !== txnValue('a', 2, 1));
  only(h, { lostWrites: 1 }, /^lost write: 1 .*a transaction 2/);
});

test('a write of an aborted transaction read by read_committed is an aborted read', () => {
  const h = clean();
  h.committedReads.push({ partition: 0, offset: 1, value: txnValue('a', 1, 0) });
  only(h, { abortedReads: 1 }, /^aborted read \(G1a\)/);
});

test('an unknown transaction partly visible is torn', () => {
  const h = clean();
  h.txns.push(txn('c', 0, 'unknown', [0, 1], [5, 3]));
  h.committedReads.push({ partition: 0, offset: 5, value: txnValue('c', 0, 0) });
  only(h, { tornTransactions: 1 }, /^torn transaction/);
});

test('a value read twice is a duplicate, one read elsewhere misplaced, one never sent unexpected', () => {
  const dup = clean();
  dup.committedReads.push({ partition: 1, offset: 5, value: txnValue('a', 0, 1) });
  only(dup, { duplicated: 1 }, /^duplicate/);
  const moved = clean();
  const last = moved.committedReads.findIndex((r) => r.value === txnValue('a', 2, 1));
  moved.committedReads[last] = { ...moved.committedReads[last]!, offset: 9 };
  only(moved, { misplaced: 1 }, /^misplaced/);
  const stranger = clean();
  stranger.committedReads.push({ partition: 0, offset: 5, value: 'z-t0-0' });
  only(stranger, { unexpected: 1 }, /^unexpected/);
});

test("a producer's later write read at a lower offset is a reorder", () => {
  const h = clean();
  const t = h.txns[2]!; // a, transaction 2: p0@3 then p0@4
  t.writes[0]!.offset = 4;
  t.writes[1]!.offset = 3;
  h.committedReads = reads([h.txns[0]!, t, h.txns[3]!]);
  only(h, { reordered: 1 }, /^reordered/);
});

test('a last stable offset stuck below the high watermark is a hanging transaction', () => {
  const h = clean();
  h.ends[1]!.lastStableOffset = 2;
  only(h, { hangingPartitions: 1 }, /^hanging transaction: 1 .*partition 1/);
});

test('an acknowledged non-transactional probe must be read back', () => {
  const h = clean();
  h.plainWrites = [
    { value: 'probe-0', partition: 0, offset: 5, acked: true },
    { value: 'probe-1', partition: 1, offset: -1, acked: false },
  ];
  h.committedReads.push({ partition: 0, offset: 5, value: 'probe-0' });
  assert.ok(checkTransactions(h).ok);
  h.committedReads.pop();
  only(h, { lostWrites: 1 }, /^lost write: 1 .*probe-0/);
});

test.run();
