// DeleteRecords, versions 0-2.
//
// Moves each partition's log start offset up to `offset` (-1: the high watermark); whole segments below it
// are deleted by the owner thread. Each partition asks the replica manager once (leaderFor, no epoch check).
// An offset past the high watermark is OFFSET_OUT_OF_RANGE. Answers the new low watermark.
// Skipped: timeout_ms (deletion is immediate, one replica).
// Authorization (with --authorizer): DELETE on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { NO_EPOCH_CHECK } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DeleteRecordsApi } from '../../protocol/generated/api-keys.js';
import {
  createDeleteRecordsResponse,
  type DeleteRecordsResponseDeleteRecordsPartitionResult,
  type DeleteRecordsResponseDeleteRecordsTopicResult,
} from '../../protocol/generated/delete-records.js';
import type { DeleteRecordsResult } from '../../storage/pool.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const deleteRecords = defineHandler(
  DeleteRecordsApi,
  0,
  2,
  async (ctx, req, _version, _header, _timing, session) => {
    const topics: DeleteRecordsResponseDeleteRecordsTopicResult[] = [];
    const pending: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
    const deletions: Promise<DeleteRecordsResult>[] = [];
    for (const t of req.topics) {
      const partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[] = [];
      topics.push({ name: t.name, partitions });
      for (const p of t.partitions) {
        const result = {
          partitionIndex: p.partitionIndex,
          lowWatermark: -1,
          errorCode: ErrorCode.NONE as number,
        };
        partitions.push(result);
        const state = !allowed(ctx.authorizer, session, AclOperation.DELETE, ResourceType.TOPIC, t.name)
          ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
          : ctx.replicas.leaderFor(t.name, p.partitionIndex, NO_EPOCH_CHECK);
        if (typeof state === 'number') {
          result.errorCode = state;
        } else if (p.offset < -1) {
          result.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE;
        } else {
          pending.push(result);
          deletions.push(ctx.store.deleteRecords(state.topic, state.partition, p.offset));
        }
      }
    }
    const results = await Promise.all(deletions);
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      pending[i]!.errorCode = r.errorCode;
      pending[i]!.lowWatermark = r.errorCode === ErrorCode.NONE ? r.lowWatermark : -1;
    }
    return createDeleteRecordsResponse({ topics });
  },
);
