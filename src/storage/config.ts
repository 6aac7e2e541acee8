// Per-partition log settings, named after Kafka's topic configs. Every limit is explicit; resolveLogConfig
// rejects values the log cannot honour instead of clamping them silently.
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { HEADER_SIZE, INT32_MAX } from './batch.js';
import { isTopicCompression, type TimestampType, type TopicCompression } from './batch-convert.js';

export type FlushPolicy = 'always' | 'never' | number;

/** cleanup.policy: delete old segments by retention, compact by key, or both. */
export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

export interface LogConfig {
  /** segment.bytes: roll when the active segment would exceed this. Positions are int32, so < 2 GiB. */
  segmentBytes: number;
  /** segment.ms: roll when the newest timestamp is this far past the segment's first batch. */
  segmentMs: number;
  /** segment.index.bytes: preallocated size of each offset/time index file. */
  segmentIndexBytes: number;
  /** index.interval.bytes: log bytes between two offset index entries. */
  indexIntervalBytes: number;
  /** retention.ms, -1 for infinite. */
  retentionMs: number;
  /** retention.bytes, -1 for infinite. */
  retentionBytes: number;
  /** 'always': fdatasync before waitDurable resolves (group commit); 'never'; or a flush period in ms. */
  flush: FlushPolicy;
  /** message.max.bytes: largest batch accepted, header included. */
  maxMessageBytes: number;
  /** Largest records section a compressed batch may inflate to when it is validated; larger is CORRUPT_MESSAGE. */
  maxDecompressedBytes: number;
  /** Appends waiting for an fsync; at the limit waitDurable flushes synchronously instead of queueing. */
  maxDurableWaiters: number;
  /** Leader epoch entries kept; the oldest are dropped past this (only very old epochs lose precision). */
  maxLeaderEpochEntries: number;
  /** cleanup.policy; 'delete,compact' is accepted as 'compact,delete'. retention.* apply only with delete. */
  cleanupPolicy: CleanupPolicy;
  /** delete.retention.ms: how long a tombstone outlives the cleaning that first saw it. */
  deleteRetentionMs: number;
  /** min.cleanable.dirty.ratio: dirty bytes / cleanable bytes at which a compacted log is worth cleaning. */
  minCleanableDirtyRatio: number;
  /** compression.type: 'producer' keeps each batch's codec, any other recompresses clients' batches in it. */
  compressionType: TopicCompression;
  /** message.timestamp.type: LogAppendTime stamps clients' batches with the broker's time. */
  messageTimestampType: TimestampType;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * DAY_MS,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  retentionMs: 7 * DAY_MS,
  retentionBytes: -1,
  flush: 'never',
  maxMessageBytes: 1048588,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxDurableWaiters: 65536,
  maxLeaderEpochEntries: 65536,
  cleanupPolicy: 'delete',
  deleteRetentionMs: DAY_MS,
  minCleanableDirtyRatio: 0.5,
  compressionType: 'producer',
  messageTimestampType: 'CreateTime',
});

/** Smallest index file: one time index entry (12 bytes), which also holds one offset entry. */
export const MIN_SEGMENT_INDEX_BYTES = 12;

function invalid(name: string, value: unknown): never {
  throw new KafkaError(ErrorCode.INVALID_CONFIG, `${name}=${String(value)}`);
}

function intIn(cfg: LogConfig, name: keyof LogConfig, min: number, max: number): void {
  const v = cfg[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) invalid(name, v);
}

/** Defaults merged with overrides and checked; throws KafkaError(INVALID_CONFIG). */
export function resolveLogConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  const cfg: LogConfig = { ...DEFAULT_LOG_CONFIG };
  for (const key of Object.keys(overrides) as (keyof LogConfig)[]) {
    const v = overrides[key];
    if (v !== undefined) (cfg as unknown as Record<string, unknown>)[key] = v;
  }
  intIn(cfg, 'segmentBytes', HEADER_SIZE, INT32_MAX);
  intIn(cfg, 'segmentMs', 1, Number.MAX_SAFE_INTEGER);
  intIn(cfg, 'segmentIndexBytes', MIN_SEGMENT_INDEX_BYTES, INT32_MAX);
  intIn(cfg, 'indexIntervalBytes', 0, INT32_MAX);
  intIn(cfg, 'retentionMs', -1, Number.MAX_SAFE_INTEGER);
  intIn(cfg, 'retentionBytes', -1, Number.MAX_SAFE_INTEGER);
  intIn(cfg, 'maxMessageBytes', HEADER_SIZE, INT32_MAX);
  intIn(cfg, 'maxDecompressedBytes', 1, INT32_MAX);
  intIn(cfg, 'maxDurableWaiters', 1, 1 << 24);
  intIn(cfg, 'maxLeaderEpochEntries', 1, 1 << 24);
  intIn(cfg, 'deleteRetentionMs', 0, Number.MAX_SAFE_INTEGER);
  const ratio = cfg.minCleanableDirtyRatio;
  if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) invalid('minCleanableDirtyRatio', ratio);
  const policy = cfg.cleanupPolicy as string;
  if (policy === 'delete,compact') cfg.cleanupPolicy = 'compact,delete';
  else if (policy !== 'delete' && policy !== 'compact' && policy !== 'compact,delete') {
    invalid('cleanupPolicy', policy);
  }
  if (!isTopicCompression(cfg.compressionType)) invalid('compressionType', cfg.compressionType);
  const ts = cfg.messageTimestampType as string;
  if (ts !== 'CreateTime' && ts !== 'LogAppendTime') invalid('messageTimestampType', ts);
  const f = cfg.flush;
  if (f !== 'always' && f !== 'never' && !(typeof f === 'number' && Number.isSafeInteger(f) && f >= 1)) {
    invalid('flush', f);
  }
  return cfg;
}

/** True when cleanup.policy includes compact. */
export function isCompacted(cfg: LogConfig): boolean {
  return cfg.cleanupPolicy !== 'delete';
}

/** True when cleanup.policy includes delete: retention.ms and retention.bytes apply. */
export function hasDeleteRetention(cfg: LogConfig): boolean {
  return cfg.cleanupPolicy !== 'compact';
}
