// What the cleaner knows of transactions while it walks a log in offset order (Kafka's
// CleanedTransactionMetadata): from the aborted-transaction index, which producers are inside an aborted
// transaction at each batch (those transactional batches are dropped), and for each marker whether any
// batch of its transaction was still seen in this pass. A marker whose transaction has no data left may
// go, once delete.retention.ms passed after the pass that first found it so (its delete horizon): a
// read_committed consumer that read the data before it was cleaned still meets the marker.
import type { AbortedTxn } from './transaction-index.js';

export class CleanedTransactions {
  readonly #aborted: AbortedTxn[];
  #next = 0;
  /** Producer -> its aborted transaction and whether a batch of it was seen in this pass. */
  readonly #ongoingAborted = new Map<number, { txn: AbortedTxn; seen: boolean }>();
  /**
   * Set by onMarker for an abort marker whose transaction still had batches: its entry stays in the
   * rewritten segment's index (Kafka keeps only those); null otherwise.
   */
  retainedAbort: AbortedTxn | null = null;
  /** Producers with a batch of a committed (or not aborted) transaction seen since their last marker. */
  readonly #ongoingCommitted = new Set<number>();

  /** `aborted`: the aborted transactions overlapping the offsets the pass walks. */
  constructor(aborted: readonly AbortedTxn[]) {
    this.#aborted = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  }

  #consumeUpTo(offset: number): void {
    while (this.#next < this.#aborted.length && this.#aborted[this.#next]!.firstOffset <= offset) {
      const t = this.#aborted[this.#next++]!;
      if (!this.#ongoingAborted.has(t.producerId))
        this.#ongoingAborted.set(t.producerId, { txn: t, seen: false });
    }
  }

  /** A data batch: true when it belongs to an aborted transaction (its records are dropped). */
  onBatch(producerId: number, lastOffset: number, transactional: boolean): boolean {
    this.#consumeUpTo(lastOffset);
    if (!transactional) return false;
    const aborted = this.#ongoingAborted.get(producerId);
    if (aborted !== undefined) {
      aborted.seen = true;
      return true;
    }
    this.#ongoingCommitted.add(producerId);
    return false;
  }

  /**
   * A marker (commit true/false; null for a control batch that is no marker): true when no batch of its
   * transaction was seen in this pass, so the marker may go once its delete horizon passed.
   */
  onMarker(producerId: number, lastOffset: number, commit: boolean | null): boolean {
    this.#consumeUpTo(lastOffset);
    this.retainedAbort = null;
    if (commit === null) return false;
    if (!commit) {
      const aborted = this.#ongoingAborted.get(producerId);
      this.#ongoingAborted.delete(producerId);
      if (aborted?.seen !== true) return true;
      this.retainedAbort = aborted.txn;
      return false;
    }
    return !this.#ongoingCommitted.delete(producerId);
  }
}
