// The seam between the partition side of transactions (produce verification, WriteTxnMarkers) and the
// transaction coordinator. The coordinator registers a verifier and marker listeners on the broker's
// `transactions` hooks; until it does, transactional writes that need verification are refused with
// COORDINATOR_NOT_AVAILABLE (retriable), never accepted unverified.
import { ErrorCode } from '../../protocol/errors.js';
import { TxnVerificationCache } from './verification.js';

/** Asks a partition's transaction coordinator whether a transactional write may go ahead (KIP-890 part 1). */
export interface TransactionVerifier {
  /** ErrorCode.NONE when (producerId, producerEpoch) has an ongoing transaction that includes the
   *  partition; otherwise the code to answer the produce with (INVALID_PRODUCER_EPOCH,
   *  INVALID_TXN_STATE, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, ...). */
  verify(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    topic: string,
    partition: number,
  ): Promise<number>;
}

/** Told after a transaction marker (control batch) was appended to a partition this broker leads. */
export interface TxnMarkerListener {
  onMarker(
    topic: string,
    partition: number,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
    markerOffset: number,
  ): void;
}

/** Refuses every verification: no transaction coordinator has registered on this broker yet. */
export const NO_COORDINATOR_VERIFIER: TransactionVerifier = {
  verify: () => Promise.resolve(ErrorCode.COORDINATOR_NOT_AVAILABLE),
};

/** What the broker context carries for transactions. */
export class TransactionHooks {
  /** Replaced by the transaction coordinator when it starts. */
  verifier: TransactionVerifier = NO_COORDINATOR_VERIFIER;
  /** Which producers' transactions this leader knows are going (verification.ts). */
  readonly verification = new TxnVerificationCache();
  readonly #listeners: TxnMarkerListener[] = [];

  addMarkerListener(l: TxnMarkerListener): void {
    this.#listeners.push(l);
  }

  removeMarkerListener(l: TxnMarkerListener): void {
    const i = this.#listeners.indexOf(l);
    if (i >= 0) this.#listeners.splice(i, 1);
  }

  /** Calls every listener; one that throws does not stop the others (its error goes to `onError`). */
  notifyMarker(
    topic: string,
    partition: number,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
    markerOffset: number,
    onError: (err: unknown) => void,
  ): void {
    for (const l of this.#listeners) {
      try {
        l.onMarker(topic, partition, producerId, producerEpoch, commit, markerOffset);
      } catch (err) {
        onError(err);
      }
    }
  }
}
