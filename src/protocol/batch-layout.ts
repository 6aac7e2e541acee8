// The fixed header of a record batch (magic 2): byte offsets from the start of the batch, as in
// implementation.html ("Record Batch"). The one definition the codec, the log and the kernels share; no
// imports, so any module can depend on it without a cycle.
export const BatchHeader = {
  BASE_OFFSET: 0,
  BATCH_LENGTH: 8,
  PARTITION_LEADER_EPOCH: 12,
  MAGIC: 16,
  CRC: 17,
  ATTRIBUTES: 21,
  LAST_OFFSET_DELTA: 23,
  BASE_TIMESTAMP: 27,
  MAX_TIMESTAMP: 35,
  PRODUCER_ID: 43,
  PRODUCER_EPOCH: 51,
  BASE_SEQUENCE: 53,
  RECORD_COUNT: 57,
  SIZE: 61,
} as const;

/** Bytes not counted by batchLength: baseOffset (8) + batchLength (4). */
export const LOG_OVERHEAD = 12;

/** Bits of the int16 attributes field. */
export const BatchAttributes = {
  /** Codec: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  COMPRESSION_MASK: 0x07,
  /** Timestamps are the broker's LogAppendTime (maxTimestamp), not the producer's CreateTime. */
  TIMESTAMP_LOG_APPEND: 0x08,
  TRANSACTIONAL: 0x10,
  CONTROL: 0x20,
  /** baseTimestamp holds the time after which the batch's tombstones may go (set by the log cleaner). */
  DELETE_HORIZON: 0x40,
} as const;
