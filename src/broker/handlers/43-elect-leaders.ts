// ElectLeaders, versions 0-2: PREFERRED (v0's only kind) moves each partition's leadership to its first
// replica when that is live and in the ISR; UNCLEAN elects a leader for a leaderless partition, from outside
// the ISR when no member is live. null topic_partitions means every partition.
//
// In a cluster the active controller decides (forwarded like CreateTopics, see cluster-node.ts) and the
// answer waits until the elected leaders show here. Per partition: NONE, ELECTION_NOT_NEEDED,
// PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION.
// A lone broker leads all its partitions already: ELECTION_NOT_NEEDED (or UNKNOWN_TOPIC_OR_PARTITION).
// Skipped: timeout_ms (the cluster's wait is bounded by its own limit), authorization.
import { ErrorCode } from '../../protocol/errors.js';
import { ElectLeadersApi } from '../../protocol/generated/api-keys.js';
import { createElectLeadersResponse } from '../../protocol/generated/elect-leaders.js';
import { defineHandler } from '../handler.js';

export const electLeaders = defineHandler(ElectLeadersApi, 0, 2, async (ctx, req, version) => {
  if (ctx.cluster !== null) return ctx.cluster.electLeaders(req, version);
  // Every partition asked for, or (null) none: a lone broker has no election to report.
  const results = (req.topicPartitions ?? []).map((t) => {
    const count = ctx.replicas.topic(t.topic)?.partitions ?? 0;
    return {
      topic: t.topic,
      partitionResult: t.partitions.map((partitionId) =>
        partitionId >= 0 && partitionId < count
          ? { partitionId, errorCode: ErrorCode.ELECTION_NOT_NEEDED, errorMessage: null }
          : {
              partitionId,
              errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              errorMessage: `unknown partition ${t.topic}-${partitionId}`,
            },
      ),
    };
  });
  return createElectLeadersResponse({ replicaElectionResults: results });
});
