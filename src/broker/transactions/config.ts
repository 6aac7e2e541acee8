// Transaction coordinator settings, named after Kafka's broker configs. Every limit says what happens when it
// is reached.

export interface TransactionConfig {
  /** transaction.state.log.num.partitions: partitions of __transaction_state. Changing it orphans stored ids. */
  transactionStateTopicPartitions: number;
  /** transaction.max.timeout.ms: an InitProducerId asking for more gets INVALID_TRANSACTION_TIMEOUT. */
  maxTimeoutMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms: how often timed-out transactions are aborted. */
  abortTimedOutCleanupIntervalMs: number;
  /** transactional.id.expiration.ms: an id with no transaction open and no update this long is forgotten. */
  transactionalIdExpirationMs: number;
  /** Transactional ids held; an InitProducerId that would add one more gets COORDINATOR_NOT_AVAILABLE. */
  maxTransactionalIds: number;
  /** Longest transactional id accepted; a longer one gets INVALID_REQUEST. */
  maxTransactionalIdLength: number;
  /** Partitions in one transaction; an AddPartitionsToTxn past it gets INVALID_REQUEST for its partitions. */
  maxPartitionsPerTransaction: number;
  /** Pause before a marker that failed (no leader, connection down, retriable error) is sent again. */
  markerRetryBackoffMs: number;
  /** Longest wait for one WriteTxnMarkers answer before the markers are sent again. */
  markerRequestTimeoutMs: number;
  /** Transactions' markers in one WriteTxnMarkers to a broker; more wait for the next request to it. */
  maxMarkersPerRequest: number;
  /**
   * transaction.max.pending.markers.per.broker: markers (one per transaction and partition) routed to one
   * broker and not written yet; a transaction end that would pass it gets CONCURRENT_TRANSACTIONS until that
   * broker catches up or its partitions move (a broker with none pending takes any one transaction).
   */
  maxPendingMarkersPerBroker: number;
  /**
   * How long AddPartitionsToTxn, AddOffsetsToTxn and EndTxn from the id's producer wait while its previous
   * transaction is in PrepareCommit/PrepareAbort (markers being written) before they are answered as in that
   * state (CONCURRENT_TRANSACTIONS, or INVALID_TXN_STATE for the other outcome). Waiters resume in arrival
   * order once Complete* is written. 0: answered at once, as Kafka does.
   */
  prepareWaitMs: number;
}

export const DEFAULT_TRANSACTION_CONFIG: Readonly<TransactionConfig> = Object.freeze({
  transactionStateTopicPartitions: 50,
  maxTimeoutMs: 900_000,
  abortTimedOutCleanupIntervalMs: 10_000,
  transactionalIdExpirationMs: 7 * 24 * 3600 * 1000,
  maxTransactionalIds: 100_000,
  maxTransactionalIdLength: 2048,
  maxPartitionsPerTransaction: 10_000,
  markerRetryBackoffMs: 100,
  markerRequestTimeoutMs: 30_000,
  maxMarkersPerRequest: 1000,
  maxPendingMarkersPerBroker: 100_000,
  prepareWaitMs: 5_000,
});

/** Defaults merged with overrides; throws RangeError on a value the coordinator cannot honour. */
export function resolveTransactionConfig(overrides: Partial<TransactionConfig> = {}): TransactionConfig {
  const cfg: TransactionConfig = { ...DEFAULT_TRANSACTION_CONFIG };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    if (!(k in DEFAULT_TRANSACTION_CONFIG)) throw new RangeError(`unknown transaction config ${k}`);
    const least = k === 'prepareWaitMs' ? 0 : 1;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < least) {
      throw new RangeError(`transaction config ${k} must be an integer >= ${least}, not ${String(v)}`);
    }
    (cfg as unknown as Record<string, number>)[k] = v;
  }
  return cfg;
}
