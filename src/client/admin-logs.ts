// Log dirs and producer state for Admin, shaped after the Java admin client: describeLogDirs asks each
// broker about the partition logs it keeps, describeProducers asks each partition's leader which idempotent
// producers its log remembers. Both answer errors per log dir or partition rather than throwing.
import { DescribeLogDirsApi, DescribeProducersApi } from '../protocol/generated/api-keys.js';
import type { Cluster } from './cluster.js';
import { ErrorCode, KafkaError } from './errors.js';

export interface LogDirPartition {
  partition: number;
  /** Bytes of the partition's segments. */
  size: number;
  /** How far this replica's log end offset is behind its high watermark (0 when caught up). */
  offsetLag: number;
  isFuture: boolean;
}

export interface LogDirDescription {
  logDir: string;
  errorCode: number;
  /** File system size and free space (-1: the broker did not say, before DescribeLogDirs v4). */
  totalBytes: number;
  usableBytes: number;
  topics: { topic: string; partitions: LogDirPartition[] }[];
}

export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  currentTxnStartOffset: number;
}

export interface PartitionProducers {
  topic: string;
  partition: number;
  errorCode: number;
  activeProducers: ActiveProducer[];
}

/**
 * Each broker's log dirs (every broker in metadata unless `brokerIds`), with all its partition logs or
 * those of `topics`. Sorted by broker id.
 */
export async function describeLogDirs(
  cluster: Cluster,
  opts: { brokerIds?: readonly number[]; topics?: readonly { topic: string; partitions: number[] }[] } = {},
): Promise<{ brokerId: number; logDirs: LogDirDescription[] }[]> {
  if (cluster.brokers.size === 0) await cluster.fetchMetadata([], false);
  const ids = [...(opts.brokerIds ?? cluster.brokers.keys())].sort((a, b) => a - b);
  const topics =
    opts.topics === undefined ? null : opts.topics.map((t) => ({ topic: t.topic, partitions: t.partitions }));
  return Promise.all(
    ids.map(async (brokerId) => {
      const res = await cluster.connectionFor(brokerId).request(DescribeLogDirsApi, { topics });
      return {
        brokerId,
        logDirs: res.results.map((r) => ({
          logDir: r.logDir,
          errorCode: r.errorCode,
          totalBytes: r.totalBytes,
          usableBytes: r.usableBytes,
          topics: r.topics.map((t) => ({
            topic: t.name,
            partitions: t.partitions.map((p) => ({
              partition: p.partitionIndex,
              size: p.partitionSize,
              offsetLag: p.offsetLag,
              isFuture: p.isFutureKey,
            })),
          })),
        })),
      };
    }),
  );
}

/**
 * Active idempotent producers per partition, asked of each partition's leader (or of `brokerId` for all of
 * them: a broker that does not lead one answers NOT_LEADER_OR_FOLLOWER for it). In the order asked.
 */
export async function describeProducers(
  cluster: Cluster,
  partitions: readonly { topic: string; partition: number }[],
  opts: { brokerId?: number } = {},
): Promise<PartitionProducers[]> {
  const out: PartitionProducers[] = partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    errorCode: ErrorCode.NONE,
    activeProducers: [],
  }));
  if (cluster.brokers.size === 0) await cluster.fetchMetadata([], false);
  const byBroker = new Map<number, PartitionProducers[]>();
  for (const entry of out) {
    let broker = opts.brokerId;
    if (broker === undefined) {
      try {
        const info = await cluster.topic(entry.topic);
        if (info.partitions[entry.partition] === undefined) {
          entry.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          continue;
        }
      } catch (err) {
        entry.errorCode = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        continue;
      }
      broker = cluster.leaderOf(entry.topic, entry.partition);
    }
    if (broker < 0) {
      entry.errorCode = ErrorCode.LEADER_NOT_AVAILABLE;
      continue;
    }
    const list = byBroker.get(broker) ?? [];
    list.push(entry);
    byBroker.set(broker, list);
  }
  await Promise.all(
    [...byBroker].map(async ([broker, entries]) => {
      const topics = new Map<string, number[]>();
      for (const e of entries) topics.set(e.topic, [...(topics.get(e.topic) ?? []), e.partition]);
      const res = await cluster.connectionFor(broker).request(DescribeProducersApi, {
        topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
      });
      for (const t of res.topics) {
        for (const p of t.partitions) {
          const e = entries.find((x) => x.topic === t.name && x.partition === p.partitionIndex);
          if (e === undefined) continue;
          e.errorCode = p.errorCode;
          e.activeProducers = p.activeProducers.map((a) => ({ ...a }));
        }
      }
    }),
  );
  return out;
}
