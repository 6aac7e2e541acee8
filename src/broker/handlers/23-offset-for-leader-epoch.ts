// OffsetForLeaderEpoch, versions 0-4 (v2+ is what consumers use to validate their position, KIP-320).
//
// Each partition asks the replica manager once (leaderFor, with the v2+ current_leader_epoch), then its log's
// leader-epoch history answers with Kafka's rules: the partition's current epoch ends at the log end offset;
// an older one ends where the next larger epoch starts, paired with the largest known epoch at or below it;
// one newer than any known (or -1) is UNDEFINED_EPOCH (-1) with offset -1.
// Skipped: follower requests (replica_id >= 0) are answered the same way; there are no followers yet.
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, or DESCRIBE on each topic, else
// TOPIC_AUTHORIZATION_FAILED (Kafka's rule).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetForLeaderEpochApi } from '../../protocol/generated/api-keys.js';
import {
  createOffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochResponseEpochEndOffset,
  type OffsetForLeaderEpochResponseOffsetForLeaderTopicResult,
} from '../../protocol/generated/offset-for-leader-epoch.js';
import type { EpochEndOffsetResult } from '../../storage/pool.js';
import { defineHandler } from '../handler.js';

export const offsetForLeaderEpoch = defineHandler(
  OffsetForLeaderEpochApi,
  0,
  4,
  async (ctx, req, _v, _h, _t, session) => {
    // A follower's request (replica id >= 0) may need CLUSTER_ACTION; otherwise DESCRIBE on each topic.
    const authz = ctx.authorizer;
    const cluster = authz === null || authz.authorizeCluster(session, AclOperation.CLUSTER_ACTION);
    const topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
    const pending: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
    const lookups: Promise<EpochEndOffsetResult>[] = [];
    for (const t of req.topics) {
      const partitions: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
      topics.push({ topic: t.topic, partitions });
      for (const p of t.partitions) {
        const result = {
          errorCode: ErrorCode.NONE as number,
          partition: p.partition,
          leaderEpoch: -1,
          endOffset: -1,
        };
        partitions.push(result);
        const state =
          !cluster && !authz!.authorize(session, AclOperation.DESCRIBE, ResourceType.TOPIC, t.topic)
            ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
            : ctx.replicas.leaderFor(t.topic, p.partition, p.currentLeaderEpoch);
        if (typeof state === 'number') {
          result.errorCode = state;
          continue;
        }
        pending.push(result);
        lookups.push(
          ctx.store.endOffsetForEpoch(state.topic, state.partition, p.leaderEpoch, state.leaderEpoch),
        );
      }
    }
    const results = await Promise.all(lookups);
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const result = pending[i]!;
      result.errorCode = r.errorCode;
      if (r.errorCode !== ErrorCode.NONE) continue;
      result.leaderEpoch = r.leaderEpoch;
      result.endOffset = r.endOffset;
    }
    return createOffsetForLeaderEpochResponse({ topics });
  },
);
