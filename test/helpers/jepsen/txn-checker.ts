// Judges a transactional fault run the way Jepsen's Kafka workload judges transactions. Pure: no I/O, so
// hand-made histories test it (test/jepsen-txn-checker.test.ts).
//
// A transaction writes values `<producer>-t<txn>-<i>` to several partitions and ends committed (commit
// acknowledged), aborted (abort acknowledged), or unknown (the client could not tell). What a read_committed
// consumer reads back must show:
//   - every write of a committed transaction (else a lost write);
//   - no write of an aborted transaction (an aborted read, Adya's G1a);
//   - all or none of an unknown transaction's writes (else a torn transaction);
//   - each value once, at the offset its send was acknowledged at; nothing never sent;
//   - one producer's writes to a partition in the order it made them.
// And no partition's last stable offset stuck below its high watermark once every producer has stopped and
// transaction timeouts have passed (a hanging transaction).
import type { ReadRecord } from './history.js';

export type TxnOutcome = 'committed' | 'aborted' | 'unknown';

export interface TxnWrite {
  value: string;
  partition: number;
  /** The offset the leader acknowledged, -1 when the send got no answer. */
  offset: number;
}

export interface TxnRecord {
  producer: string;
  txn: number;
  outcome: TxnOutcome;
  writes: TxnWrite[];
  /** Why it is not committed. */
  error?: string;
}

export interface TxnEnd {
  partition: number;
  highWatermark: number;
  lastStableOffset: number;
}

export interface TxnHistory {
  txns: TxnRecord[];
  /** Every record a read_committed consumer read, from offset 0 to the last stable offset. */
  committedReads: ReadRecord[];
  /** Partition ends once the producers stopped. */
  ends: TxnEnd[];
  /** Values of non-transactional writes (probes) that may also be read; acknowledged ones must be. */
  plainWrites?: { value: string; partition: number; offset: number; acked: boolean }[];
}

export interface TxnCounts {
  transactions: number;
  committed: number;
  aborted: number;
  unknown: number;
  unknownVisible: number;
  unknownInvisible: number;
  writes: number;
  read: number;
  lostWrites: number;
  abortedReads: number;
  tornTransactions: number;
  duplicated: number;
  misplaced: number;
  unexpected: number;
  reordered: number;
  hangingPartitions: number;
}

export interface TxnCheckResult {
  counts: TxnCounts;
  violations: string[];
  ok: boolean;
}

const SAMPLES = 5;

export function txnValue(producer: string, txn: number, i: number): string {
  return `${producer}-t${txn}-${i}`;
}

export function checkTransactions(h: TxnHistory): TxnCheckResult {
  const byKind = new Map<string, { count: number; samples: string[] }>();
  const violation = (kind: string, sample: string) => {
    const v = byKind.get(kind) ?? { count: 0, samples: [] };
    v.count++;
    if (v.samples.length < SAMPLES) v.samples.push(sample);
    byKind.set(kind, v);
  };
  const counts: TxnCounts = {
    transactions: h.txns.length,
    committed: 0,
    aborted: 0,
    unknown: 0,
    unknownVisible: 0,
    unknownInvisible: 0,
    writes: 0,
    read: h.committedReads.length,
    lostWrites: 0,
    abortedReads: 0,
    tornTransactions: 0,
    duplicated: 0,
    misplaced: 0,
    unexpected: 0,
    reordered: 0,
    hangingPartitions: 0,
  };

  // Where each value was read (a value read twice is a duplicate).
  const readAt = new Map<string, ReadRecord>();
  for (const r of h.committedReads) {
    const first = readAt.get(r.value);
    if (first !== undefined) {
      counts.duplicated++;
      violation(
        'duplicate',
        `${r.value} at ${first.partition}/${first.offset} and ${r.partition}/${r.offset}`,
      );
      continue;
    }
    readAt.set(r.value, r);
  }

  const known = new Set<string>();
  for (const p of h.plainWrites ?? []) {
    known.add(p.value);
    if (p.acked && !readAt.has(p.value)) {
      counts.lostWrites++;
      violation('lost write', `non-transactional ${p.value} acknowledged at ${p.partition}/${p.offset}`);
    }
  }

  for (const t of h.txns) {
    counts[t.outcome]++;
    counts.writes += t.writes.length;
    let visible = 0;
    for (const w of t.writes) {
      known.add(w.value);
      const r = readAt.get(w.value);
      if (r === undefined) continue;
      visible++;
      if (r.partition !== w.partition || (w.offset >= 0 && r.offset !== w.offset)) {
        counts.misplaced++;
        violation(
          'misplaced',
          `${w.value} sent to ${w.partition}/${w.offset}, read at ${r.partition}/${r.offset}`,
        );
      }
    }
    const name = `${t.producer} transaction ${t.txn}`;
    if (t.outcome === 'committed' && visible < t.writes.length) {
      counts.lostWrites += t.writes.length - visible;
      const missing = t.writes.filter((w) => !readAt.has(w.value)).map((w) => w.value);
      violation(
        'lost write',
        `${name} committed, ${missing.length} of ${t.writes.length} missing: ${missing.slice(0, 3).join(', ')}`,
      );
    } else if (t.outcome === 'aborted' && visible > 0) {
      counts.abortedReads += visible;
      const seen = t.writes.filter((w) => readAt.has(w.value)).map((w) => w.value);
      violation('aborted read (G1a)', `${name} aborted, yet ${seen.slice(0, 3).join(', ')} read`);
    } else if (t.outcome === 'unknown') {
      if (visible === t.writes.length && visible > 0) counts.unknownVisible++;
      else if (visible === 0) counts.unknownInvisible++;
      else {
        counts.tornTransactions++;
        violation(
          'torn transaction',
          `${name} (outcome unknown): ${visible} of ${t.writes.length} writes visible`,
        );
      }
    }
  }

  for (const r of h.committedReads) {
    if (!known.has(r.value)) {
      counts.unexpected++;
      violation('unexpected', `${r.value} at ${r.partition}/${r.offset} was never sent`);
    }
  }

  // Order: a producer's writes to one partition, in the order it made them (transaction, then index).
  const order = new Map<string, { rank: number; value: string; offset: number }[]>();
  let rank = 0;
  const sorted = [...h.txns].sort((a, b) =>
    a.producer < b.producer ? -1 : a.producer > b.producer ? 1 : a.txn - b.txn,
  );
  for (const t of sorted) {
    for (const w of t.writes) {
      const r = readAt.get(w.value);
      if (r === undefined) {
        rank++;
        continue;
      }
      const key = `${t.producer}\u0000${r.partition}`;
      const list = order.get(key) ?? [];
      list.push({ rank: rank++, value: w.value, offset: r.offset });
      order.set(key, list);
    }
  }
  for (const list of order.values()) {
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.offset < list[i - 1]!.offset) {
        counts.reordered++;
        violation(
          'reordered',
          `${list[i]!.value} at ${list[i]!.offset} before ${list[i - 1]!.value} at ${list[i - 1]!.offset}`,
        );
      }
    }
  }

  for (const e of h.ends) {
    if (e.lastStableOffset < e.highWatermark) {
      counts.hangingPartitions++;
      violation(
        'hanging transaction',
        `partition ${e.partition}: last stable offset ${e.lastStableOffset} below high watermark ${e.highWatermark}`,
      );
    }
  }

  const violations = [...byKind].map(([kind, v]) => `${kind}: ${v.count} (e.g. ${v.samples.join('; ')})`);
  return { counts, violations, ok: violations.length === 0 };
}

export function formatTxnCounts(c: TxnCounts): string {
  return [
    `transactions ${c.transactions}: ${c.committed} committed, ${c.aborted} aborted, ${c.unknown} unknown (${c.unknownVisible} visible, ${c.unknownInvisible} not)`,
    `writes ${c.writes}, read_committed records ${c.read}`,
    `lost writes ${c.lostWrites}, aborted reads ${c.abortedReads}, torn transactions ${c.tornTransactions}, duplicated ${c.duplicated}, misplaced ${c.misplaced}, unexpected ${c.unexpected}, reordered ${c.reordered}, hanging partitions ${c.hangingPartitions}`,
  ].join('\n');
}
