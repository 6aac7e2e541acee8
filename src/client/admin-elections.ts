// Leader elections for Admin (ElectLeaders, KIP-460), with KafkaJS-style naming: PREFERRED moves each
// partition's leadership back to its first replica; UNCLEAN elects a leader for a partition left without
// one, from outside the ISR and ELR if no eligible replica is live (records it lacks are lost: an operator's
// choice, for a partition that would otherwise stay offline). Sent to the controller.
import { ElectLeadersApi } from '../protocol/generated/api-keys.js';
import type { Connection } from './connection.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

export type ElectionType = 'preferred' | 'unclean';

export interface ElectionResult {
  topic: string;
  partition: number;
  /** NONE, ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, ... */
  errorCode: number;
  errorMessage: string | null;
}

type ControllerCall = <U>(fn: (conn: Connection) => Promise<U>) => Promise<U>;

/** Elects leaders for `partitions` (null: every partition); one result per partition. */
export async function electLeaders(
  controller: ControllerCall,
  opts: {
    type: ElectionType;
    partitions: readonly { topic: string; partition: number }[] | null;
    timeoutMs: number;
  },
): Promise<ElectionResult[]> {
  if (opts.type !== 'preferred' && opts.type !== 'unclean')
    throw new ClientError(`election type must be 'preferred' or 'unclean', got '${String(opts.type)}'`);
  let topicPartitions: { topic: string; partitions: number[] }[] | null = null;
  if (opts.partitions !== null) {
    const byTopic = new Map<string, number[]>();
    for (const p of opts.partitions) {
      if (typeof p.topic !== 'string' || p.topic === '')
        throw new ClientError('topic must be a non-empty string');
      if (!Number.isInteger(p.partition) || p.partition < 0)
        throw new ClientError(`invalid partition ${p.partition} of ${p.topic}`);
      const list = byTopic.get(p.topic) ?? [];
      list.push(p.partition);
      byTopic.set(p.topic, list);
    }
    topicPartitions = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }
  const res = await controller((conn) => {
    if (opts.type === 'unclean' && conn.versionFor(ElectLeadersApi.apiKey) < 1)
      throw new ClientError('the broker does not support unclean elections (ElectLeaders v1)');
    return conn.request(ElectLeadersApi, {
      electionType: opts.type === 'unclean' ? 1 : 0,
      topicPartitions,
      timeoutMs: opts.timeoutMs,
    });
  });
  if (res.errorCode !== ErrorCode.NONE) throw new KafkaError(res.errorCode, 'ElectLeaders');
  return res.replicaElectionResults.flatMap((t) =>
    t.partitionResult.map((p) => ({
      topic: t.topic,
      partition: p.partitionId,
      errorCode: p.errorCode,
      errorMessage: p.errorMessage,
    })),
  );
}
