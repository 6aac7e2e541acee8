// The broker's side of GetReplicaLogInfo (KIP-966's unclean recovery): for each partition the controller
// asks about, what this replica's log holds as its partition state mirrors it (log end offset, the epoch of
// its last batch) and the leader epoch it knows, for partitions it leads or follows alike. The broker epoch
// in the answer lets the controller drop answers from a registration that has since been replaced.
//
// Limits: at most MAX_REPLICA_LOG_INFO_PARTITIONS partitions answered (Kafka's 1000); the rest are left out
// and the answer says Truncated.
import { ErrorCode } from '../protocol/errors.js';
import type {
  GetReplicaLogInfoRequest,
  GetReplicaLogInfoResponse,
  GetReplicaLogInfoResponseTopicPartitionLogInfo,
} from '../protocol/generated/get-replica-log-info.js';
import type { PartitionState } from './partition-state.js';

export const MAX_REPLICA_LOG_INFO_PARTITIONS = 1000;

/** What the answer needs of the replica manager. */
export interface ReplicaLogInfoSource {
  /** The topic's name, or undefined when this broker does not know the id. */
  topicName(topicId: string): string | undefined;
  /** The partition's state here, or undefined when this broker holds no replica of it. */
  replica(topic: string, partition: number): PartitionState | undefined;
}

export function answerReplicaLogInfo(
  source: ReplicaLogInfoSource,
  brokerEpoch: number,
  req: GetReplicaLogInfoRequest,
  limit = MAX_REPLICA_LOG_INFO_PARTITIONS,
): GetReplicaLogInfoResponse {
  const list: GetReplicaLogInfoResponseTopicPartitionLogInfo[] = [];
  let answered = 0;
  let truncated = false;
  for (const t of req.topicPartitions ?? []) {
    const name = source.topicName(t.topicId);
    const partitionLogInfo: GetReplicaLogInfoResponseTopicPartitionLogInfo['partitionLogInfo'] = [];
    for (const partition of t.partitions) {
      if (answered >= limit) {
        truncated = true;
        break;
      }
      answered++;
      const info = {
        partition,
        lastWrittenLeaderEpoch: -1,
        currentLeaderEpoch: -1,
        logEndOffset: -1,
        errorCode: ErrorCode.NONE as number,
      };
      partitionLogInfo.push(info);
      const state = name === undefined ? undefined : source.replica(name, partition);
      if (name === undefined) info.errorCode = ErrorCode.UNKNOWN_TOPIC_ID;
      else if (state === undefined) info.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      // Not open yet (recovering after a restart): no log end to speak of; the controller asks again.
      else if (state.logEndOffset < 0) info.errorCode = ErrorCode.REPLICA_NOT_AVAILABLE;
      else {
        info.lastWrittenLeaderEpoch = state.latestEpoch;
        info.currentLeaderEpoch = state.leaderEpoch;
        info.logEndOffset = state.logEndOffset;
      }
    }
    if (partitionLogInfo.length > 0) list.push({ topicId: t.topicId, partitionLogInfo });
    if (truncated) break;
  }
  return {
    throttleTimeMs: 0,
    brokerEpoch,
    truncated,
    topicPartitionLogInfoList: list,
  };
}
