// Group coordinator settings, named after Kafka's broker configs where Kafka has one. Every limit says what
// happens when it is reached.

export interface GroupConfig {
  /** group.min.session.timeout.ms: a JoinGroup below it gets INVALID_SESSION_TIMEOUT. */
  minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms: a JoinGroup above it gets INVALID_SESSION_TIMEOUT. */
  maxSessionTimeoutMs: number;
  /** group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for more joiners. */
  initialRebalanceDelayMs: number;
  /** A member that joined but never completed a rebalance is dropped after this (Kafka: 5 minutes). */
  newMemberJoinTimeoutMs: number;
  /** group.max.size: one more joiner gets GROUP_MAX_SIZE_REACHED. */
  maxGroupSize: number;
  /** Groups held by the coordinator; a request that would create one more gets COORDINATOR_NOT_AVAILABLE. */
  maxGroups: number;
  /** Longest group id accepted; longer ones get INVALID_GROUP_ID. */
  maxGroupIdLength: number;
  /** Protocols one member may offer in a JoinGroup; more get INCONSISTENT_GROUP_PROTOCOL. */
  maxProtocolsPerMember: number;
  /** Bytes of protocol metadata (all protocols) per member; more get INCONSISTENT_GROUP_PROTOCOL. */
  maxMemberMetadataBytes: number;
  /** Bytes of one member's assignment in a leader's SyncGroup; more fail the leader's sync (INVALID_REQUEST). */
  maxMemberAssignmentBytes: number;
  /** offset.metadata.max.bytes: a longer commit metadata string gets OFFSET_METADATA_TOO_LARGE. */
  offsetMetadataMaxBytes: number;
  /** Committed offsets per group; commits of new partitions past it get INVALID_COMMIT_OFFSET_SIZE. */
  maxOffsetsPerGroup: number;
  /** offsets.retention.minutes, in ms: offsets of empty groups older than this are expired. */
  offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms: how often expiry (and log compaction) runs. */
  offsetsRetentionCheckIntervalMs: number;
  /** offsets.topic.num.partitions: partitions of __consumer_offsets. Changing it orphans stored groups. */
  offsetsTopicPartitions: number;
  /** Largest record batch the coordinator appends (keep it at or under message.max.bytes). */
  offsetsMaxBatchBytes: number;
  /** offsets.load.buffer.size: bytes read per step while replaying __consumer_offsets. */
  offsetsLoadBufferBytes: number;
  /**
   * A partition of __consumer_offsets is rewritten (live records appended again, older ones deleted) once
   * it holds this many records more than twice its live ones. Stands in for log compaction.
   */
  offsetsCompactionMinRecords: number;
  /**
   * Live records are rewritten at least this often; keep it well under the log retention of the offsets
   * topic, so time-based retention never deletes the last copy of a quiet group's offsets.
   */
  offsetsSnapshotIntervalMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_GROUP_CONFIG: Readonly<GroupConfig> = Object.freeze({
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 3000,
  newMemberJoinTimeoutMs: 300_000,
  maxGroupSize: 1000,
  maxGroups: 100_000,
  maxGroupIdLength: 2048,
  maxProtocolsPerMember: 64,
  maxMemberMetadataBytes: 64 * 1024,
  maxMemberAssignmentBytes: 256 * 1024,
  offsetMetadataMaxBytes: 4096,
  maxOffsetsPerGroup: 100_000,
  offsetsRetentionMs: 7 * DAY_MS,
  offsetsRetentionCheckIntervalMs: 600_000,
  offsetsTopicPartitions: 50,
  offsetsMaxBatchBytes: 1024 * 1024,
  offsetsLoadBufferBytes: 5 * 1024 * 1024,
  offsetsCompactionMinRecords: 10_000,
  offsetsSnapshotIntervalMs: DAY_MS,
});

/** Defaults merged with overrides; throws RangeError on a value the coordinator cannot honour. */
export function resolveGroupConfig(overrides: Partial<GroupConfig> = {}): GroupConfig {
  const cfg: GroupConfig = { ...DEFAULT_GROUP_CONFIG };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    if (!(k in DEFAULT_GROUP_CONFIG)) throw new RangeError(`unknown group config ${k}`);
    (cfg as unknown as Record<string, number>)[k] = v as number;
  }
  for (const [k, v] of Object.entries(cfg)) {
    const min = k === 'initialRebalanceDelayMs' ? 0 : 1;
    if (!Number.isSafeInteger(v) || v < min)
      throw new RangeError(`group config ${k} must be an integer >= ${min}`);
  }
  if (cfg.minSessionTimeoutMs > cfg.maxSessionTimeoutMs) {
    throw new RangeError('minSessionTimeoutMs must not exceed maxSessionTimeoutMs');
  }
  return cfg;
}
