// ListOffsets, versions 0-10.
//
// timestamp -2 (earliest: log start offset), -1 (latest: the high watermark, or with v2+ isolation_level 1,
// read_committed, the last stable offset: below the oldest open transaction, which also bounds a lookup by
// timestamp; another isolation level is INVALID_REQUEST), -4 (earliest local, v8+: the log start
// offset, all data being local), -5 (latest tiered, v9+: -1, nothing is tiered), or a time in ms (the first
// offset whose batch timestamp is at or after it; -1 if none). v0 answers in the old offsets array form,
// v1+ with one offset and timestamp; v4+ returns the leader epoch of that offset (the current one when the
// log has no epoch for it yet). Each partition asks the replica manager once (leaderFor, with the v4+
// current_leader_epoch).
// A leader whose high watermark has not yet reached the log end offset it took over at (its followers have
// not caught up since it was elected) answers OFFSET_NOT_AVAILABLE to everything but earliest, as Kafka does:
// the latest offset it could give might still go backwards.
// Skipped: -3 (max timestamp, v7+) needs a storage lookup not available yet; it answers INVALID_REQUEST.
// Authorization (with --authorizer): DESCRIBE on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import type { PartitionState } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ListOffsetsApi } from '../../protocol/generated/api-keys.js';
import {
  createListOffsetsResponse,
  createListOffsetsResponseListOffsetsPartitionResponse,
  type ListOffsetsResponseListOffsetsPartitionResponse,
  type ListOffsetsResponseListOffsetsTopicResponse,
} from '../../protocol/generated/list-offsets.js';
import {
  EARLIEST_LOCAL_TIMESTAMP,
  EARLIEST_TIMESTAMP,
  LATEST_TIERED_TIMESTAMP,
} from '../../protocol/list-offsets.js';
import type { ListOffsetsResult } from '../../storage/pool.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const listOffsets = defineHandler(
  ListOffsetsApi,
  0,
  10,
  async (ctx, req, version, _header, _timing, session) => {
    const topics: ListOffsetsResponseListOffsetsTopicResponse[] = [];
    const pending: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
    const states: PartitionState[] = [];
    const lookups: Promise<ListOffsetsResult>[] = [];
    for (const t of req.topics) {
      const partitions: ListOffsetsResponseListOffsetsPartitionResponse[] = [];
      topics.push({ name: t.name, partitions });
      const refused = !allowed(ctx.authorizer, session, AclOperation.DESCRIBE, ResourceType.TOPIC, t.name);
      for (const p of t.partitions) {
        const response = createListOffsetsResponseListOffsetsPartitionResponse({
          partitionIndex: p.partitionIndex,
          timestamp: -1,
          offset: -1,
          leaderEpoch: -1,
        });
        partitions.push(response);
        if (req.isolationLevel !== 0 && req.isolationLevel !== 1) {
          response.errorCode = ErrorCode.INVALID_REQUEST;
          continue;
        }
        const state = refused
          ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
          : ctx.replicas.leaderFor(t.name, p.partitionIndex, p.currentLeaderEpoch);
        if (typeof state === 'number') {
          response.errorCode = state;
          continue;
        }
        if (version === 0 && p.maxNumOffsets < 1) continue; // asked for no offsets: an empty array
        let timestamp = p.timestamp;
        if (timestamp === LATEST_TIERED_TIMESTAMP && version >= 9) continue; // nothing tiered: offset -1
        if (timestamp === EARLIEST_LOCAL_TIMESTAMP && version >= 8) timestamp = EARLIEST_TIMESTAMP;
        if (timestamp !== EARLIEST_TIMESTAMP && state.highWatermark < state.leaderEpochStartOffset) {
          response.errorCode = ErrorCode.OFFSET_NOT_AVAILABLE;
          continue;
        }
        pending.push(response);
        states.push(state);
        lookups.push(ctx.store.listOffsets(state.topic, state.partition, timestamp, req.isolationLevel));
      }
    }
    const results = await Promise.all(lookups);
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const response = pending[i]!;
      response.errorCode = r.errorCode;
      if (r.errorCode !== ErrorCode.NONE) continue;
      if (version === 0) {
        if (r.offset >= 0) response.oldStyleOffsets = [r.offset];
        continue;
      }
      response.offset = r.offset;
      response.timestamp = r.timestamp;
      if (version >= 4) {
        response.leaderEpoch =
          r.offset < 0 ? -1 : r.leaderEpoch >= 0 ? r.leaderEpoch : states[i]!.leaderEpoch;
      }
    }
    return createListOffsetsResponse({ topics });
  },
);
