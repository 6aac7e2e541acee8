// Partition reassignment for Admin (KIP-455), with KafkaJS's method names: alterPartitionReassignments starts
// (or, with replicas null, cancels) moves of partitions to new replica sets; listPartitionReassignments shows
// the ones in progress with the replicas being added and removed. Both go to the controller, which owns
// reassignment state; the controller answers at once and the move itself runs in the background.
import {
  AlterPartitionReassignmentsApi,
  ListPartitionReassignmentsApi,
} from '../protocol/generated/api-keys.js';
import type { Connection } from './connection.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

export interface PartitionReassignment {
  topic: string;
  partition: number;
  /** The target replica set, preferred leader first; null cancels a reassignment in progress. */
  replicas: number[] | null;
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  /** The full replica set while the move runs: the target plus the replicas still to be removed. */
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

type ControllerCall = <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>;

/** Groups partitions by topic, in first-seen order, as both requests carry them. */
function byTopic<T extends { topic: string; partition: number }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    if (typeof it.topic !== 'string' || it.topic === '')
      throw new ClientError('topic must be a non-empty string');
    if (!Number.isInteger(it.partition) || it.partition < 0)
      throw new ClientError(`invalid partition ${it.partition} of ${it.topic}`);
    const list = out.get(it.topic) ?? [];
    list.push(it);
    out.set(it.topic, list);
  }
  return out;
}

/** Starts (or cancels) reassignments; throws the first partition's error, naming the partition. */
export async function alterPartitionReassignments(
  controller: ControllerCall,
  opts: {
    reassignments: readonly PartitionReassignment[];
    timeoutMs: number;
    allowReplicationFactorChange?: boolean;
  },
): Promise<void> {
  if (opts.reassignments.length === 0) throw new ClientError('reassignments must not be empty');
  for (const r of opts.reassignments) {
    if (r.replicas === null) continue;
    if (r.replicas.length === 0 || new Set(r.replicas).size !== r.replicas.length)
      throw new ClientError(`${r.topic}-${r.partition}: replicas must be distinct broker ids, at least one`);
  }
  const topics = [...byTopic(opts.reassignments)].map(([name, list]) => ({
    name,
    partitions: list.map((r) => ({ partitionIndex: r.partition, replicas: r.replicas })),
  }));
  const res = await controller((conn) => {
    if (
      opts.allowReplicationFactorChange === false &&
      conn.versionFor(AlterPartitionReassignmentsApi.apiKey) < 1
    )
      throw new ClientError(
        'the controller does not support allowReplicationFactorChange (AlterPartitionReassignments v1, KIP-860)',
      );
    return conn.request(AlterPartitionReassignmentsApi, {
      timeoutMs: opts.timeoutMs,
      // KIP-860 (v1): false makes the controller refuse a target with another replica count.
      allowReplicationFactorChange: opts.allowReplicationFactorChange ?? true,
      topics,
    });
  });
  if (res.errorCode !== ErrorCode.NONE)
    throw new KafkaError(
      res.errorCode,
      `alter partition reassignments${res.errorMessage ? `: ${res.errorMessage}` : ''}`,
    );
  for (const t of res.responses) {
    for (const p of t.partitions) {
      if (p.errorCode !== ErrorCode.NONE)
        throw new KafkaError(
          p.errorCode,
          `reassign ${t.name}-${p.partitionIndex}${p.errorMessage ? `: ${p.errorMessage}` : ''}`,
        );
    }
  }
}

/** Reassignments in progress: of the given partitions, or all of them when `partitions` is omitted. */
export async function listPartitionReassignments(
  controller: ControllerCall,
  opts: { partitions?: readonly { topic: string; partition: number }[]; timeoutMs: number },
): Promise<OngoingReassignment[]> {
  const topics =
    opts.partitions === undefined
      ? null
      : [...byTopic(opts.partitions)].map(([name, list]) => ({
          name,
          partitionIndexes: list.map((p) => p.partition),
        }));
  const res = await controller((conn) =>
    conn.request(ListPartitionReassignmentsApi, { timeoutMs: opts.timeoutMs, topics }),
  );
  if (res.errorCode !== ErrorCode.NONE)
    throw new KafkaError(
      res.errorCode,
      `list partition reassignments${res.errorMessage ? `: ${res.errorMessage}` : ''}`,
    );
  const out: OngoingReassignment[] = [];
  for (const t of res.topics) {
    for (const p of t.partitions) {
      out.push({
        topic: t.name,
        partition: p.partitionIndex,
        replicas: p.replicas,
        addingReplicas: p.addingReplicas,
        removingReplicas: p.removingReplicas,
      });
    }
  }
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
