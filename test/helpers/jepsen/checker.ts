// Judges a History the way Jepsen's Kafka workload does, plus the replica checks a broker-side view allows.
// Pure: no I/O, so hand-made histories test it (test/jepsen-checker.test.ts).
//
// Per value: an acknowledged value must be read back at exactly its acknowledged (partition, offset) (else
// lost, or misplaced when read elsewhere); a value read at two offsets is a duplicate (idempotence forbids
// it); a value never sent is unexpected; a definitely failed value must be absent; a value a consumer was
// given during the run must be at that offset at the end. Unknown outcomes are only
// counted (present or absent). Per offset: one value. Per producer and partition: offsets increase with the
// sequence (a retried batch overtaking a later one is a reorder). Per partition: every ISR replica holds the
// same batches (base offset, last offset, leader epoch, CRC) below the high watermark, batch epochs never
// decrease along a log and match its leader-epoch-checkpoint, and replicas agree on where each epoch starts
// (two leaders in one epoch would not).
import {
  type History,
  parseValue,
  type ReadRecord,
  type ReplicaBatch,
  type ReplicaLog,
  type SendRecord,
} from './history.js';

export interface CheckCounts {
  sent: number;
  acked: number;
  failed: number;
  indeterminate: number;
  read: number;
  lost: number;
  misplaced: number;
  duplicated: number;
  offsetConflicts: number;
  unexpected: number;
  reordered: number;
  failedButPresent: number;
  indeterminatePresent: number;
  indeterminateAbsent: number;
  divergentReplicas: number;
  epochConflicts: number;
  /** Records a consumer was given during the run, then not at that offset in the final log. */
  liveReads: number;
  unstableReads: number;
  /** Replicas outside the ISR at the end (a liveness note, not a violation: they are not compared). */
  outOfIsr: number;
}

export interface CheckResult {
  counts: CheckCounts;
  /** One line per violation kind with up to SAMPLES examples; empty when the history is valid. */
  violations: string[];
  ok: boolean;
}

const SAMPLES = 5;

class Violations {
  readonly #byKind = new Map<string, { count: number; samples: string[] }>();

  add(kind: string, sample: string): void {
    const v = this.#byKind.get(kind) ?? { count: 0, samples: [] };
    v.count++;
    if (v.samples.length < SAMPLES) v.samples.push(sample);
    this.#byKind.set(kind, v);
  }

  lines(): string[] {
    return [...this.#byKind].map(
      ([kind, v]) =>
        `${kind}: ${v.count} (${v.samples.join('; ')}${v.count > v.samples.length ? '; ...' : ''})`,
    );
  }
}

const at = (partition: number, offset: number): string => `${partition}@${offset}`;

export function check(h: History): CheckResult {
  const counts: CheckCounts = {
    sent: h.sends.length,
    acked: 0,
    failed: 0,
    indeterminate: 0,
    read: 0,
    lost: 0,
    misplaced: 0,
    duplicated: 0,
    offsetConflicts: 0,
    unexpected: 0,
    reordered: 0,
    failedButPresent: 0,
    indeterminatePresent: 0,
    indeterminateAbsent: 0,
    divergentReplicas: 0,
    epochConflicts: 0,
    liveReads: h.liveReads?.length ?? 0,
    unstableReads: 0,
    outOfIsr: h.ends.reduce((n, e) => n + (e.replicas ?? e.isr).filter((r) => !e.isr.includes(r)).length, 0),
  };
  const v = new Violations();

  // One value per offset; where each value was read.
  const byOffset = new Map<string, string>();
  const readAt = new Map<string, ReadRecord[]>();
  for (const r of h.reads) {
    const key = at(r.partition, r.offset);
    const seen = byOffset.get(key);
    if (seen !== undefined) {
      if (seen !== r.value) {
        counts.offsetConflicts++;
        v.add('offset read with two values', `${key}: ${seen} and ${r.value}`);
      }
      continue;
    }
    byOffset.set(key, r.value);
    counts.read++;
    const list = readAt.get(r.value) ?? [];
    list.push(r);
    readAt.set(r.value, list);
  }

  const sentByValue = new Map<string, SendRecord>();
  for (const s of h.sends) sentByValue.set(s.value, s);

  for (const [value, list] of readAt) {
    if (list.length > 1) {
      counts.duplicated++;
      v.add('duplicate', `${value} at ${list.map((r) => at(r.partition, r.offset)).join(', ')}`);
    }
    if (!sentByValue.has(value)) {
      counts.unexpected++;
      v.add('never sent', `${value} at ${at(list[0]!.partition, list[0]!.offset)}`);
    }
  }

  for (const s of h.sends) {
    const found = readAt.get(s.value);
    if (s.outcome === 'ok') {
      counts.acked++;
      if (found === undefined) {
        counts.lost++;
        v.add('lost (acknowledged, never read)', `${s.value} acked at ${at(s.partition, s.offset)}`);
        const other = byOffset.get(at(s.partition, s.offset));
        if (other !== undefined) {
          counts.offsetConflicts++;
          v.add(
            'acknowledged offset holds another value',
            `${at(s.partition, s.offset)}: ${s.value} vs ${other}`,
          );
        }
      } else if (!found.some((r) => r.partition === s.partition && r.offset === s.offset)) {
        counts.misplaced++;
        v.add(
          'read at another offset than acknowledged',
          `${s.value} acked ${at(s.partition, s.offset)}, read ${at(found[0]!.partition, found[0]!.offset)}`,
        );
      }
    } else if (s.outcome === 'fail') {
      counts.failed++;
      if (found !== undefined) {
        counts.failedButPresent++;
        v.add('definitely failed, yet read', `${s.value} (${s.error ?? 'error'})`);
      }
    } else {
      counts.indeterminate++;
      if (found !== undefined) counts.indeterminatePresent++;
      else counts.indeterminateAbsent++;
    }
    if (found !== undefined && s.outcome !== 'ok' && found.some((r) => r.partition !== s.partition)) {
      counts.misplaced++;
      v.add('read in another partition than sent to', `${s.value} sent to ${s.partition}`);
    }
  }

  // Per producer and partition, offsets must follow sequence numbers.
  const lastSeq = new Map<string, { seq: number; offset: number; value: string }>();
  const ordered = [...byOffset].map(([key, value]) => {
    const [p, o] = key.split('@').map(Number);
    return { partition: p!, offset: o!, value };
  });
  ordered.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  for (const r of ordered) {
    const id = parseValue(r.value);
    if (id === null) continue;
    const key = `${id.producer}\u0000${r.partition}`;
    const prev = lastSeq.get(key);
    if (prev !== undefined && id.seq <= prev.seq) {
      counts.reordered++;
      v.add(
        'reordered within a partition',
        `${prev.value} at ${at(r.partition, prev.offset)} before ${r.value} at ${at(r.partition, r.offset)}`,
      );
    }
    if (prev === undefined || id.seq > prev.seq)
      lastSeq.set(key, { seq: id.seq, offset: r.offset, value: r.value });
  }

  // A record handed to a consumer must never be taken back (it was read above the high watermark if it is).
  for (const r of h.liveReads ?? []) {
    const final = byOffset.get(at(r.partition, r.offset));
    if (final !== r.value) {
      counts.unstableReads++;
      v.add(
        'read during the run, not there afterwards',
        `${r.value} at ${at(r.partition, r.offset)}, finally ${final ?? 'nothing'}`,
      );
    }
  }

  checkReplicas(h, counts, v);

  if (h.recoveryMs < 0 || h.recoveryMs > h.maxRecoveryMs) {
    v.add(
      'partitions not led again in time after faults stopped',
      h.recoveryMs < 0 ? 'never' : `${h.recoveryMs} ms > ${h.maxRecoveryMs} ms`,
    );
  }

  if (h.writableMs !== undefined && (h.writableMs < 0 || h.writableMs > h.maxRecoveryMs)) {
    v.add(
      'partitions not writable (acks=all) again in time after faults stopped',
      h.writableMs < 0 ? `not within ${h.maxRecoveryMs} ms` : `${h.writableMs} ms > ${h.maxRecoveryMs} ms`,
    );
  }

  const violations = v.lines();
  return { counts, violations, ok: violations.length === 0 };
}

const sameBatch = (a: ReplicaBatch, b: ReplicaBatch): boolean =>
  a.baseOffset === b.baseOffset &&
  a.lastOffset === b.lastOffset &&
  a.leaderEpoch === b.leaderEpoch &&
  a.crc === b.crc;

const showBatch = (b: ReplicaBatch | undefined): string =>
  b === undefined ? 'none' : `[${b.baseOffset}..${b.lastOffset} e${b.leaderEpoch} crc ${b.crc >>> 0}]`;

function checkReplicas(h: History, counts: CheckCounts, v: Violations): void {
  for (const end of h.ends) {
    const all = h.replicas.filter((r) => r.partition === end.partition);
    const logs = end.isr.length > 0 ? all.filter((r) => end.isr.includes(r.node)) : all;
    for (const node of end.isr) {
      if (!logs.some((r) => r.node === node)) {
        counts.divergentReplicas++;
        v.add('ISR replica without a log', `partition ${end.partition} node ${node}`);
      }
    }
    const hw = end.highWatermark;
    const below = (r: ReplicaLog) => r.batches.filter((b) => b.baseOffset < hw);
    let reference: { node: number; batches: ReplicaBatch[] } | null = null;
    for (const r of all) {
      // Data a broker wrote and then stopped cleanly over must read back whole, on any replica.
      if (r.damage !== undefined) {
        counts.divergentReplicas++;
        v.add('damaged batch in a stopped replica', `partition ${end.partition} node ${r.node}: ${r.damage}`);
      }
    }
    for (const r of logs) {
      const batches = below(r);
      let bad = wellFormedProblem(batches, hw);
      if (bad === null && reference !== null) {
        const ref = reference.batches;
        for (let i = 0; i < Math.max(ref.length, batches.length) && bad === null; i++) {
          if (ref[i] === undefined || batches[i] === undefined || !sameBatch(ref[i]!, batches[i]!)) {
            bad = `batch ${i}: node ${reference.node} has ${showBatch(ref[i])}, node ${r.node} has ${showBatch(batches[i])}`;
          }
        }
      }
      if (bad !== null) {
        counts.divergentReplicas++;
        v.add(
          'replicas differ below the high watermark',
          `partition ${end.partition} node ${r.node}: ${bad}`,
        );
      } else if (reference === null) {
        reference = { node: r.node, batches };
      }
      for (let i = 1; i < r.batches.length; i++) {
        if (r.batches[i]!.leaderEpoch < r.batches[i - 1]!.leaderEpoch) {
          counts.epochConflicts++;
          v.add(
            'leader epoch goes back along a log',
            `partition ${end.partition} node ${r.node}: ${showBatch(r.batches[i - 1])} then ${showBatch(r.batches[i])}`,
          );
          break;
        }
      }
    }
    // The checkpoint is the log's epoch history: each batch below the high watermark carries the epoch the
    // checkpoint gives its offset.
    for (const r of logs) {
      if (r.epochs === null) continue;
      for (const b of below(r)) {
        let expected: number | undefined;
        for (const e of r.epochs) if (e.startOffset <= b.baseOffset) expected = e.epoch;
        if (expected !== b.leaderEpoch) {
          counts.epochConflicts++;
          v.add(
            'batch epoch differs from the leader-epoch-checkpoint',
            `partition ${end.partition} node ${r.node}: ${showBatch(b)}, checkpoint says epoch ${expected ?? 'none'}`,
          );
          break;
        }
      }
    }
    // Where each epoch starts, below the high watermark, must be the same on every replica.
    const starts = new Map<number, { node: number; startOffset: number }>();
    for (const r of logs) {
      for (const e of r.epochs ?? []) {
        if (e.startOffset >= hw) continue;
        const other = starts.get(e.epoch);
        if (other === undefined) starts.set(e.epoch, { node: r.node, startOffset: e.startOffset });
        else if (other.startOffset !== e.startOffset) {
          counts.epochConflicts++;
          v.add(
            'replicas disagree where a leader epoch starts',
            `partition ${end.partition} epoch ${e.epoch}: node ${other.node} at ${other.startOffset}, node ${r.node} at ${e.startOffset}`,
          );
        }
      }
    }
  }
}

/** Batches contiguous and covering everything below the high watermark; a reason when not. */
function wellFormedProblem(batches: ReplicaBatch[], hw: number): string | null {
  for (let i = 0; i < batches.length; i++) {
    const b = batches[i]!;
    if (b.lastOffset < b.baseOffset) return `malformed batch ${showBatch(b)}`;
    if (i > 0 && b.baseOffset <= batches[i - 1]!.lastOffset)
      return `overlapping batches ${showBatch(batches[i - 1])} ${showBatch(b)}`;
  }
  const last = batches[batches.length - 1];
  if (hw > 0 && (last === undefined || last.lastOffset < hw - 1))
    return `ends at ${last === undefined ? 'nothing' : last.lastOffset}, below the high watermark ${hw}`;
  return null;
}

/** The counts as the report prints them, one per line. */
export function formatCounts(c: CheckCounts): string {
  const rows: [string, number][] = [
    ['sent', c.sent],
    ['acknowledged', c.acked],
    ['failed (definitely)', c.failed],
    ['indeterminate', c.indeterminate],
    ['read', c.read],
    ['lost', c.lost],
    ['misplaced', c.misplaced],
    ['duplicated', c.duplicated],
    ['offset conflicts', c.offsetConflicts],
    ['unexpected', c.unexpected],
    ['reordered', c.reordered],
    ['failed-and-present', c.failedButPresent],
    ['indeterminate-and-present', c.indeterminatePresent],
    ['indeterminate-and-absent', c.indeterminateAbsent],
    ['read while running', c.liveReads],
    ['of those, gone afterwards', c.unstableReads],
    ['replicas out of the ISR', c.outOfIsr],
    ['divergent replicas', c.divergentReplicas],
    ['epoch conflicts', c.epochConflicts],
  ];
  return rows.map(([k, n]) => `  ${k.padEnd(27)} ${n}`).join('\n');
}
