// Partition log storage: segments of record batches with memory-mapped offset and time indexes.
export { DEFAULT_LOG_CONFIG, type FlushPolicy, type LogConfig, resolveLogConfig } from './config.js';
export { type EpochEndOffset, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from './leader-epoch-cache.js';
export {
  type AppendResult,
  CLEAN_SHUTDOWN_FILE,
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  PartitionLog,
  partitionDirName,
  type ReadOptions,
  type ReadResult,
  type TopicPartition,
} from './log.js';
export {
  DELETE_DIR_SUFFIX,
  deletePartitionDir,
  finishInterruptedDeletes,
  listPartitionDirs,
  parseDeleteDirName,
  parsePartitionDirName,
  STRAY_DIR_SUFFIX,
  setAsideStrayPartitionDir,
} from './partition-dir.js';
export type { RecoveryStats } from './recovery.js';
export type { TimestampOffset } from './time-index.js';
