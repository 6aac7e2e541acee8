// Offsets committed inside a transaction (TxnOffsetCommit) for the groups of one __consumer_offsets partition:
// written at once as a transactional batch of the producer, held here as pending, and made the group's
// committed offsets only when the transaction's COMMIT marker reaches the partition (dropped on ABORT). A
// load replays both: transactional records become pending, markers in the log settle them.
//
// The batches carry the producer's id, epoch and a sequence kept here per producer (continuing what the
// partition's log holds for it), so the partition's producer state follows them like any transactional
// producer's and the storage's duplicate check applies.
import type { CommittedOffset } from './records.js';

/** Where each committed value was appended to __consumer_offsets (its batch's base offset). */
const appendedAt = new WeakMap<CommittedOffset, number>();

/** Records the batch offset a value was appended at (a write's apply, or a replay). */
export function markAppended(value: CommittedOffset, batchOffset: number): void {
  appendedAt.set(value, batchOffset);
}

/**
 * Kafka's rule when a transaction's COMMIT marker arrives (GroupMetadata.completePendingTxnOffsetCommit): the
 * transaction's offset replaces the group's only if the group's was appended before it, so a plain
 * OffsetCommit written after the TxnOffsetCommit keeps its value. A value of unknown position counts as older.
 */
export function txnOffsetWins(current: CommittedOffset | undefined, pending: CommittedOffset): boolean {
  if (current === undefined) return true;
  return (appendedAt.get(current) ?? -1) < (appendedAt.get(pending) ?? -1);
}

/** JSON [topic, partition]: topic names may hold any character. */
export function offsetKey(topic: string, partition: number): string {
  return JSON.stringify([topic, partition]);
}

export function parseOffsetKey(key: string): [string, number] {
  return JSON.parse(key) as [string, number];
}

/** groupId -> offsetKey -> offset. */
export type PendingByGroup = Map<string, Map<string, CommittedOffset>>;

export class PendingTxnOffsets {
  /** producerId -> its pending offsets. */
  readonly #pending = new Map<number, PendingByGroup>();
  /** producerId -> the epoch and the next sequence to write. */
  readonly #sequences = new Map<number, { producerEpoch: number; next: number }>();

  get producerCount(): number {
    return this.#pending.size;
  }

  /** Whether an open transaction has an offset pending for this group's partition. */
  isPending(groupId: string, topic: string, partition: number): boolean {
    const key = offsetKey(topic, partition);
    for (const byGroup of this.#pending.values()) if (byGroup.get(groupId)?.has(key) === true) return true;
    return false;
  }

  add(
    producerId: number,
    groupId: string,
    topic: string,
    partition: number,
    value: CommittedOffset | null,
  ): void {
    let byGroup = this.#pending.get(producerId);
    if (byGroup === undefined) {
      byGroup = new Map();
      this.#pending.set(producerId, byGroup);
    }
    let offsets = byGroup.get(groupId);
    if (offsets === undefined) {
      offsets = new Map();
      byGroup.set(groupId, offsets);
    }
    // A tombstone in a transaction is not something Kafka writes; keep the last value only.
    if (value !== null) offsets.set(offsetKey(topic, partition), value);
  }

  /** Ends the producer's transaction: its pending offsets (for a commit to apply), or null when it had none. */
  settle(producerId: number): PendingByGroup | null {
    const byGroup = this.#pending.get(producerId) ?? null;
    this.#pending.delete(producerId);
    return byGroup;
  }

  /** The sequence for the producer's next batch of `count` records, or null when it must be read from the log. */
  nextSequence(producerId: number, producerEpoch: number): number | null {
    const s = this.#sequences.get(producerId);
    if (s === undefined) return null;
    return s.producerEpoch === producerEpoch ? s.next : producerEpoch > s.producerEpoch ? 0 : null;
  }

  /** What the log holds for the producer (lastSequence -1: nothing yet at that epoch). */
  setSequence(producerId: number, producerEpoch: number, lastSequence: number): void {
    this.#sequences.set(producerId, { producerEpoch, next: lastSequence + 1 });
  }

  /** After a write of `count` records at `baseSequence` succeeded. */
  advance(producerId: number, producerEpoch: number, baseSequence: number, count: number): void {
    this.#sequences.set(producerId, { producerEpoch, next: (baseSequence + count) % 2 ** 31 });
  }

  /** After a failed write: the log may or may not hold it; read the sequence from the log next time. */
  forgetSequence(producerId: number): void {
    this.#sequences.delete(producerId);
  }
}
