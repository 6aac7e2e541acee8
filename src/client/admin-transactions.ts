// Transactions for Admin, after the Java admin client: describeTransactions asks each transactional id's
// coordinator, listTransactions asks every broker (each knows the transactions it coordinates), and
// abortTransaction writes an ABORT marker straight to a partition's leader, for a transaction whose
// coordinator will not finish it (Kafka's remedy for a hanging transaction: find it with describeProducers,
// whose currentTxnStartOffset shows how long it has held the last stable offset back).
import {
  DescribeTransactionsApi,
  ListTransactionsApi,
  WriteTxnMarkersApi,
} from '../protocol/generated/api-keys.js';
import type { Cluster } from './cluster.js';
import { ErrorCode, KafkaError } from './errors.js';
import { CoordinatorLink, KEY_TYPE_TRANSACTION } from './group-coordinator.js';

export interface TransactionDescription {
  transactionalId: string;
  errorCode: number;
  /** Kafka's state names: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, ... */
  state: string;
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** -1 when no transaction is open. */
  transactionStartTimeMs: number;
  /** The coordinator that answered (-1 if none was found). */
  coordinatorId: number;
  partitions: { topic: string; partition: number }[];
}

export interface TransactionListing {
  transactionalId: string;
  producerId: number;
  state: string;
  /** The broker coordinating it. */
  coordinatorId: number;
}

export interface ListTransactionsOptions {
  states?: string[];
  producerIds?: number[];
  /** Only transactions open longer than this (ListTransactions v1+). */
  durationFilterMs?: number;
}

export interface AbortTransactionSpec {
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  /** The coordinator epoch of the transaction's last marker (describeProducers shows it); -1 if none. */
  coordinatorEpoch: number;
}

export async function describeTransactions(
  cluster: Cluster,
  transactionalIds: readonly string[],
): Promise<TransactionDescription[]> {
  return Promise.all(
    transactionalIds.map(async (id) => {
      const link = new CoordinatorLink(cluster, cluster, id, KEY_TYPE_TRANSACTION);
      try {
        const res = await link.request(DescribeTransactionsApi, { transactionalIds: [id] });
        const s = res.transactionStates.find((t) => t.transactionalId === id);
        if (s === undefined) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `no answer for ${id}`);
        return {
          transactionalId: id,
          errorCode: s.errorCode,
          state: s.transactionState,
          producerId: s.producerId,
          producerEpoch: s.producerEpoch,
          transactionTimeoutMs: s.transactionTimeoutMs,
          transactionStartTimeMs: s.transactionStartTimeMs,
          coordinatorId: link.coordinatorId,
          partitions: s.topics.flatMap((t) =>
            t.partitions.map((partition) => ({ topic: t.topic, partition })),
          ),
        };
      } catch (err) {
        if (!(err instanceof KafkaError)) throw err;
        return {
          transactionalId: id,
          errorCode: err.code,
          state: '',
          producerId: -1,
          producerEpoch: -1,
          transactionTimeoutMs: -1,
          transactionStartTimeMs: -1,
          coordinatorId: link.coordinatorId,
          partitions: [],
        };
      }
    }),
  );
}

/** Every broker's transactions (those it coordinates), filtered as asked; sorted by transactional id. */
export async function listTransactions(
  cluster: Cluster,
  opts: ListTransactionsOptions = {},
): Promise<TransactionListing[]> {
  if (cluster.brokers.size === 0) await cluster.fetchMetadata([], false);
  const perBroker = await Promise.all(
    [...cluster.brokers.keys()].map(async (brokerId) => {
      const res = await cluster.connectionFor(brokerId).request(ListTransactionsApi, {
        stateFilters: opts.states ?? [],
        producerIdFilters: opts.producerIds ?? [],
        durationFilter: opts.durationFilterMs ?? -1,
      });
      if (res.errorCode !== ErrorCode.NONE)
        throw new KafkaError(res.errorCode, `ListTransactions on broker ${brokerId}`);
      return res.transactionStates.map((t) => ({
        transactionalId: t.transactionalId,
        producerId: t.producerId,
        state: t.transactionState,
        coordinatorId: brokerId,
      }));
    }),
  );
  return perBroker
    .flat()
    .sort((a, b) =>
      a.transactionalId < b.transactionalId ? -1 : a.transactionalId > b.transactionalId ? 1 : 0,
    );
}

/** Writes an ABORT marker for the producer's open transaction on one partition, through its leader. */
export async function abortTransaction(cluster: Cluster, spec: AbortTransactionSpec): Promise<void> {
  await cluster.topic(spec.topic);
  const leader = cluster.leaderOf(spec.topic, spec.partition);
  if (leader < 0)
    throw new KafkaError(ErrorCode.LEADER_NOT_AVAILABLE, `${spec.topic}-${spec.partition} has no leader`);
  const res = await cluster.connectionFor(leader).request(WriteTxnMarkersApi, {
    markers: [
      {
        producerId: spec.producerId,
        producerEpoch: spec.producerEpoch,
        transactionResult: false,
        topics: [{ name: spec.topic, partitionIndexes: [spec.partition] }],
        coordinatorEpoch: spec.coordinatorEpoch,
      },
    ],
  });
  for (const m of res.markers) {
    for (const t of m.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== ErrorCode.NONE) {
          throw new KafkaError(
            p.errorCode,
            `abort marker for producer ${spec.producerId} on ${t.name}-${p.partitionIndex}`,
          );
        }
      }
    }
  }
}
