// What a storage error on a coordinator write to __consumer_offsets becomes for the client, as Kafka's
// GroupMetadataManager maps them: the client should look for the coordinator again or retry, never see a
// storage detail it cannot act on.
import { ErrorCode } from '../../protocol/errors.js';

/** The mapping shared by every coordinator write, or null when the code is API-specific. */
function coordinatorWriteError(code: number): number | null {
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return null;
  }
}

/** Storage error of an offset write, as OffsetCommit and OffsetDelete report it. */
export function commitWriteError(code: number): number {
  const shared = coordinatorWriteError(code);
  if (shared !== null) return shared;
  switch (code) {
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.INVALID_COMMIT_OFFSET_SIZE;
    default:
      return code;
  }
}

/** Storage error of a group metadata write, as JoinGroup, SyncGroup and DeleteGroups report it. */
export function groupWriteError(code: number): number {
  if (code === ErrorCode.NONE) return ErrorCode.NONE;
  return coordinatorWriteError(code) ?? ErrorCode.UNKNOWN_SERVER_ERROR;
}
