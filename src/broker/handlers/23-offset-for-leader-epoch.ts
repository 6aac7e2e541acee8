// OffsetForLeaderEpoch, versions 0-4 (v2+ is what consumers use to validate their position, KIP-320).
//
// Each partition asks the replica manager once (leaderFor, with the v2+ current_leader_epoch). A partition has
// had one leader, at its state's epoch (0 on one node), since its creation, so the end offset of that epoch
// is the log end offset (the high watermark's lookup: with an ISR of one they are equal), and any other
// epoch is unknown: UNDEFINED_EPOCH (-1) with offset -1, as Kafka answers for an epoch it has not seen.
// Skipped: follower requests (replica_id >= 0) are answered the same way; there are no followers.
import { ErrorCode } from '../../protocol/errors.js';
import { OffsetForLeaderEpochApi } from '../../protocol/generated/api-keys.js';
import {
  createOffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochResponseEpochEndOffset,
  type OffsetForLeaderEpochResponseOffsetForLeaderTopicResult,
} from '../../protocol/generated/offset-for-leader-epoch.js';
import { LATEST_TIMESTAMP, type ListOffsetsResult } from '../../storage/pool.js';
import { defineHandler } from '../handler.js';

export const offsetForLeaderEpoch = defineHandler(OffsetForLeaderEpochApi, 0, 4, async (ctx, req) => {
  const topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[] = [];
  const pending: OffsetForLeaderEpochResponseEpochEndOffset[] = [];
  const epochs: number[] = [];
  const lookups: Promise<ListOffsetsResult>[] = [];
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
      const state = ctx.replicas.leaderFor(t.topic, p.partition, p.currentLeaderEpoch);
      if (typeof state === 'number') {
        result.errorCode = state;
      } else if (p.leaderEpoch === state.leaderEpoch) {
        pending.push(result);
        epochs.push(state.leaderEpoch);
        lookups.push(ctx.store.listOffsets(state.topic, state.partition, LATEST_TIMESTAMP));
      }
    }
  }
  const results = await Promise.all(lookups);
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const result = pending[i]!;
    result.errorCode = r.errorCode;
    if (r.errorCode !== ErrorCode.NONE) continue;
    result.leaderEpoch = epochs[i]!;
    result.endOffset = r.offset;
  }
  return createOffsetForLeaderEpochResponse({ topics });
});
