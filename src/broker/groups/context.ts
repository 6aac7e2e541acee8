// How the group handlers reach the coordinator through the broker context, whatever else it carries, and the
// topic checks they share.
import { Buffer } from 'node:buffer';
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerContext } from '../handler.js';
import { GroupCoordinator } from './coordinator.js';

/** The broker context with its group coordinator (the broker sets `groups` once the coordinator exists). */
export interface GroupsContext {
  readonly groups?: GroupCoordinator;
}

/** The coordinator serving this broker's groups, or null when there is none (answer COORDINATOR_NOT_AVAILABLE). */
export function groupsOf(ctx: BrokerContext): GroupCoordinator | null {
  const groups = (ctx as BrokerContext & GroupsContext).groups;
  return groups instanceof GroupCoordinator ? groups : null;
}

/** A Buffer view of the same bytes (the generated codecs want Buffers), never a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A partition the broker has: a known topic and an index below its partition count. */
export function partitionExists(ctx: BrokerContext, topic: string, partition: number): boolean {
  return ctx.replicas.partitions(topic)[partition] !== undefined;
}

interface PartitionAnswer {
  partitionIndex: number;
  errorCode: number;
}

/**
 * Kafka's check of a group API's topic arguments (OffsetCommit, OffsetDelete): a partition of an unknown
 * topic, or past the topic's partition count, is answered UNKNOWN_TOPIC_OR_PARTITION and never reaches the
 * coordinator. `known` is the request without those; `merge` puts the coordinator's answers for it back in
 * request order around them (a known partition the coordinator did not answer, as after a group-level
 * error, is left out).
 */
export function splitUnknownPartitions<P extends { partitionIndex: number }>(
  ctx: BrokerContext,
  topics: readonly { name: string; partitions: readonly P[] }[],
): {
  known: { name: string; partitions: P[] }[];
  unknownCount: number;
  merge(answered: readonly { name: string; partitions: readonly PartitionAnswer[] }[]): {
    name: string;
    partitions: PartitionAnswer[];
  }[];
} {
  const unknown = new Set<P>();
  const known: { name: string; partitions: P[] }[] = [];
  for (const t of topics) {
    const kept = t.partitions.filter((p) => {
      if (partitionExists(ctx, t.name, p.partitionIndex)) return true;
      unknown.add(p);
      return false;
    });
    if (kept.length > 0) known.push({ name: t.name, partitions: kept });
  }
  const merge = (answered: readonly { name: string; partitions: readonly PartitionAnswer[] }[]) => {
    const flat: { name: string; answer: PartitionAnswer }[] = [];
    for (const t of answered) for (const answer of t.partitions) flat.push({ name: t.name, answer });
    let next = 0;
    const out: { name: string; partitions: PartitionAnswer[] }[] = [];
    for (const t of topics) {
      const partitions: PartitionAnswer[] = [];
      for (const p of t.partitions) {
        if (unknown.has(p)) {
          partitions.push({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          });
          continue;
        }
        const a = flat[next];
        if (a !== undefined && a.name === t.name && a.answer.partitionIndex === p.partitionIndex) {
          partitions.push(a.answer);
          next++;
        }
      }
      if (partitions.length > 0) out.push({ name: t.name, partitions });
    }
    return out;
  };
  return { known, unknownCount: unknown.size, merge };
}
