// OffsetForLeaderEpoch, versions 0-4 (v2+ is what consumers use to validate their position, KIP-320).
//
// Every partition has had one leader epoch, 0, since its creation, so the end offset of epoch 0 is the log
// end offset, and any later epoch is unknown: UNDEFINED_EPOCH (-1) with offset -1, as Kafka answers for an
// epoch it has not seen. current_leader_epoch (v2+) is checked as in Fetch.
// Skipped: follower requests (replica_id >= 0) are answered the same way; there are no followers.
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetForLeaderEpochApi } from '../../protocol/generated/api-keys.js';
import {
  createOffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochResponseEpochEndOffset,
  type OffsetForLeaderEpochResponseOffsetForLeaderTopicResult,
} from '../../protocol/generated/offset-for-leader-epoch.js';
import { LATEST_TIMESTAMP, type ListOffsetsResult } from '../../storage/pool.js';
import { defineHandler, LEADER_EPOCH } from '../handler.js';

export const offsetForLeaderEpoch = defineHandler(OffsetForLeaderEpochApi, 0, 4, async (ctx, req) => {
  const topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  const pending: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
  const lookups: Promise<ListOffsetsResult>[] = [];
  for (const t of req.topics) {
    const info = ctx.topics.get(t.topic);
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
      if (info === undefined || p.partition < 0 || p.partition >= info.partitions) {
        result.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      } else if (p.currentLeaderEpoch > LEADER_EPOCH) {
        result.errorCode = ErrorCode.UNKNOWN_LEADER_EPOCH;
      } else if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < LEADER_EPOCH) {
        result.errorCode = ErrorCode.FENCED_LEADER_EPOCH;
      } else if (p.leaderEpoch === LEADER_EPOCH) {
        pending.push(result);
        lookups.push(ctx.store.listOffsets(info.name, p.partition, LATEST_TIMESTAMP));
      }
    }
  }
  const results = await Promise.all(lookups);
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const result = pending[i]!;
    result.errorCode = r.errorCode;
    if (r.errorCode !== ErrorCode.NONE) continue;
    result.leaderEpoch = LEADER_EPOCH;
    result.endOffset = r.offset;
  }
  return createOffsetForLeaderEpochResponse({ topics });
});
