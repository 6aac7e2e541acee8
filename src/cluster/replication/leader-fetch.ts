// The leader's side of a follower's Fetch, around the read itself (which the Fetch handler shares with
// consumers): first the KIP-320 check of each partition's last_fetched_epoch against the leader's own
// leader-epoch history (a follower that went past the end of that epoch gets diverging_epoch instead of
// records and truncates); after the read, what the fetch offset says about the follower goes to the
// replication layer, and an out-of-range follower is told the leader's high watermark and log start.
import { ErrorCode } from '../../protocol/errors.js';
import type { FetchResponsePartitionData } from '../../protocol/generated/fetch.js';
import { EARLIEST_TIMESTAMP } from '../../protocol/list-offsets.js';
import type { PartitionStore } from '../../storage/pool.js';
import type { PartitionState } from '../partition-state.js';
import type { Replication } from './replication.js';

/** The log calls the leader side needs: the store's (they never reject). */
export type LeaderLog = Pick<PartitionStore, 'endOffsetForEpoch' | 'listOffsets'>;

/** One partition of a follower's fetch, with the response entry it fills. */
export interface FollowerFetchPartition {
  state: PartitionState;
  fetchOffset: number;
  /** The epoch of the follower's last batch; -1: none (or a fetch before v12): no check. */
  lastFetchedEpoch: number;
  response: FetchResponsePartitionData;
}

/**
 * Answers diverging_epoch (or the error) for the partitions whose follower log goes past the end of its
 * last epoch in ours; returns the others, which are to be read. A follower whose last epoch is the current
 * one needs no check: only this leader wrote that epoch, so its log is a prefix of ours.
 */
export async function checkDivergence<P extends FollowerFetchPartition>(
  log: LeaderLog,
  parts: readonly P[],
): Promise<P[]> {
  const checks = parts.map((r) =>
    r.lastFetchedEpoch < 0 || r.lastFetchedEpoch === r.state.leaderEpoch
      ? null
      : log.endOffsetForEpoch(r.state.topic, r.state.partition, r.lastFetchedEpoch, r.state.leaderEpoch),
  );
  const toRead: P[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = parts[i]!;
    const pending = checks[i];
    if (pending === null || pending === undefined) {
      toRead.push(r);
      continue;
    }
    const check = await pending;
    if (check.errorCode !== ErrorCode.NONE) {
      r.response.errorCode = check.errorCode;
      continue;
    }
    if (check.leaderEpoch !== r.lastFetchedEpoch || check.endOffset < r.fetchOffset) {
      r.response.divergingEpoch = { epoch: check.leaderEpoch, endOffset: check.endOffset };
      r.response.highWatermark = r.state.highWatermark;
      r.response.lastStableOffset = r.state.highWatermark;
      continue;
    }
    toRead.push(r);
  }
  return toRead;
}

/**
 * After the read: a fetch that read tells the replication layer where the follower's log ends (the high
 * watermark and the ISR move from it); one out of range is told our high watermark and log start, which
 * place it.
 */
export async function afterFollowerRead(
  log: LeaderLog,
  replication: Replication | null,
  replicaId: number,
  parts: readonly FollowerFetchPartition[],
): Promise<void> {
  for (const r of parts) {
    const res = r.response;
    if (res.errorCode === ErrorCode.NONE) {
      replication?.onFollowerFetch(r.state, replicaId, r.fetchOffset, r.state.logEndOffset);
    } else if (res.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
      const start = await log.listOffsets(r.state.topic, r.state.partition, EARLIEST_TIMESTAMP);
      res.highWatermark = r.state.highWatermark;
      res.logStartOffset = start.errorCode === ErrorCode.NONE ? start.offset : -1;
    }
  }
}

/** The high watermark as it is when the answer goes: the follower's own fetch may just have moved it. */
export function latestHighWatermarks(parts: readonly FollowerFetchPartition[]): void {
  for (const r of parts) {
    if (r.response.errorCode === ErrorCode.NONE && r.state.highWatermark > r.response.highWatermark) {
      r.response.highWatermark = r.state.highWatermark;
      r.response.lastStableOffset = r.state.highWatermark;
    }
  }
}
