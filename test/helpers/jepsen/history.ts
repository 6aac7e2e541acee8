// What a fault run records, as plain data the checker judges: every send with its outcome, every record read
// back, each replica's batches and leader epochs from its data dir, and how long leaders took to return.
// Values are `<producer>-<sequence>`: unique per run, and the sequence orders one producer's sends.

/** ok: acknowledged at (partition, offset); fail: definitely not written; info: unknown (timeout, crash). */
export type Outcome = 'ok' | 'fail' | 'info';

export interface SendRecord {
  producer: string;
  seq: number;
  value: string;
  /** The partition the record was sent to (explicit, so unacknowledged records can be looked for). */
  partition: number;
  outcome: Outcome;
  /** Offset the broker acknowledged (outcome 'ok' only), else -1. */
  offset: number;
  /** Why it failed or is unknown. */
  error?: string;
}

export interface ReadRecord {
  partition: number;
  offset: number;
  value: string;
}

/** One stored batch's header facts, as the checker compares them between replicas. */
export interface ReplicaBatch {
  baseOffset: number;
  lastOffset: number;
  leaderEpoch: number;
  crc: number;
}

export interface ReplicaLog {
  node: number;
  partition: number;
  batches: ReplicaBatch[];
  /** leader-epoch-checkpoint entries: (epoch, start offset), oldest first; null when the file is missing. */
  epochs: { epoch: number; startOffset: number }[] | null;
  /** A batch that failed its checks (length, CRC) after the broker stopped; the batches before it are kept. */
  damage?: string;
}

export interface PartitionEnd {
  partition: number;
  /** High watermark when the run stopped (ListOffsets latest). */
  highWatermark: number;
  /** Replicas in the ISR at the end (from Metadata): the ones that must agree up to the high watermark. */
  isr: number[];
  /** Every assigned replica (from Metadata); those outside the ISR are reported, not compared. */
  replicas?: number[];
}

export interface History {
  partitions: number;
  sends: SendRecord[];
  /** The final read: every partition from offset 0 to its high watermark. */
  reads: ReadRecord[];
  /** What a consumer was given while the faults ran (optional). */
  liveReads?: ReadRecord[];
  ends: PartitionEnd[];
  replicas: ReplicaLog[];
  /** Milliseconds from the end of faults until every partition had a leader; -1 if it never happened. */
  recoveryMs: number;
  /**
   * Milliseconds from the end of faults until an acks=all write to every partition was acknowledged (the
   * ISR big enough again); -1 if not within the limit; absent when not measured.
   */
  writableMs?: number;
  /** Limit for recoveryMs and writableMs. */
  maxRecoveryMs: number;
}

export function makeValue(producer: string, seq: number): string {
  return `${producer}-${seq}`;
}

/** `<producer>-<seq>` back to its parts; null for anything this workload never writes. */
export function parseValue(value: string): { producer: string; seq: number } | null {
  const dash = value.lastIndexOf('-');
  if (dash <= 0) return null;
  const seqText = value.slice(dash + 1);
  if (!/^[0-9]{1,15}$/.test(seqText)) return null;
  return { producer: value.slice(0, dash), seq: Number(seqText) };
}
