// Owns the partition logs of one data directory that this thread serves (Kafka's LogManager).
//
// Several managers (one per worker thread) may share a data directory, each owning a disjoint set of
// partitions, chosen by `owns`. So that they never write the same file, all durable state is per
// partition directory: the clean-shutdown marker, the recovery point and log start offset checkpoints
// and the leader epoch checkpoint. Nothing is kept at the data directory level, and a partition can move
// to another manager across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import type { LogConfig } from './config.js';
import { PartitionLog, partitionDirName, type TopicPartition, validateTopicPartition } from './log.js';

/** Suffix of a partition directory being deleted (renamed first, so a crash never leaves half a log). */
export const DELETE_DIR_SUFFIX = '-delete';

export interface LogManagerOptions {
  /** Config for partitions opened without their own. */
  defaultConfig?: Partial<LogConfig>;
  /** Which partitions of the data directory belong to this manager (default: all). */
  owns?: (tp: TopicPartition) => boolean;
  /** log.retention.check.interval.ms */
  retentionCheckIntervalMs?: number;
  /** log.flush.offset.checkpoint.interval.ms */
  recoveryCheckpointIntervalMs?: number;
  /** Open logs at most; creating one more throws KAFKA_STORAGE_ERROR. */
  maxPartitions?: number;
}

/** `<topic>-<partition>` back to its parts, or null for anything else. */
export function parsePartitionDirName(name: string): TopicPartition | null {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return null;
  const partitionText = name.slice(dash + 1);
  if (!/^[0-9]{1,10}$/.test(partitionText)) return null;
  const tp = { topic: name.slice(0, dash), partition: Number(partitionText) };
  try {
    validateTopicPartition(tp);
  } catch {
    return null;
  }
  return tp;
}

export class LogManager {
  readonly dataDir: string;
  private readonly defaultConfig: Partial<LogConfig>;
  private readonly owns: (tp: TopicPartition) => boolean;
  private readonly retentionCheckIntervalMs: number;
  private readonly recoveryCheckpointIntervalMs: number;
  private readonly maxPartitions: number;
  private readonly logs = new Map<string, PartitionLog>();
  private timers: NodeJS.Timeout[] = [];
  /** Errors from periodic tasks, newest last (bounded), for the broker to surface. */
  readonly backgroundErrors: Error[] = [];

  constructor(dataDir: string, opts: LogManagerOptions = {}) {
    this.dataDir = dataDir;
    this.defaultConfig = opts.defaultConfig ?? {};
    this.owns = opts.owns ?? (() => true);
    this.retentionCheckIntervalMs = opts.retentionCheckIntervalMs ?? 300_000;
    this.recoveryCheckpointIntervalMs = opts.recoveryCheckpointIntervalMs ?? 60_000;
    this.maxPartitions = opts.maxPartitions ?? 10_000;
    for (const v of [this.retentionCheckIntervalMs, this.recoveryCheckpointIntervalMs, this.maxPartitions]) {
      if (!Number.isSafeInteger(v) || v < 1)
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `bad option ${v}`);
    }
    fs.mkdirSync(dataDir, { recursive: true });
  }

  /** Partitions with a directory under dataDir, whoever owns them. */
  static listPartitions(dataDir: string): TopicPartition[] {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dataDir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: TopicPartition[] = [];
    for (const d of names) {
      if (!d.isDirectory()) continue;
      const tp = parsePartitionDirName(d.name);
      if (tp !== null) out.push(tp);
    }
    return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  /**
   * Startup: finishes interrupted deletions of owned partitions and opens every owned partition found.
   * `configFor` supplies topic-level overrides.
   */
  loadLogs(configFor?: (tp: TopicPartition) => Partial<LogConfig> | undefined): PartitionLog[] {
    for (const d of fs.readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!d.isDirectory() || !d.name.endsWith(DELETE_DIR_SUFFIX)) continue;
      const dot = d.name.lastIndexOf('.');
      const tp = dot > 0 ? parsePartitionDirName(d.name.slice(0, dot)) : null;
      if (tp !== null && this.owns(tp))
        fs.rmSync(path.join(this.dataDir, d.name), { recursive: true, force: true });
    }
    const opened: PartitionLog[] = [];
    for (const tp of LogManager.listPartitions(this.dataDir)) {
      if (!this.owns(tp) || this.logs.has(partitionDirName(tp))) continue;
      opened.push(this.getOrCreateLog(tp, configFor?.(tp)));
    }
    return opened;
  }

  getLog(tp: TopicPartition): PartitionLog | undefined {
    return this.logs.get(partitionDirName(tp));
  }

  /** The open log of tp, opening or creating it. Throws KafkaError (bad name, limit, config). */
  getOrCreateLog(tp: TopicPartition, config?: Partial<LogConfig>): PartitionLog {
    validateTopicPartition(tp);
    const key = partitionDirName(tp);
    const existing = this.logs.get(key);
    if (existing !== undefined) return existing;
    if (!this.owns(tp)) {
      throw new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `${key} belongs to another log manager`);
    }
    if (this.logs.size >= this.maxPartitions) {
      throw new KafkaError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `log manager holds ${this.maxPartitions} partitions`,
      );
    }
    const log = PartitionLog.open(this.dataDir, tp, { ...this.defaultConfig, ...config });
    this.logs.set(key, log);
    return log;
  }

  /** Deletes tp's log and its directory; false if this manager has no such log. */
  deleteLog(tp: TopicPartition): boolean {
    const key = partitionDirName(tp);
    const log = this.logs.get(key);
    if (log === undefined) return false;
    this.logs.delete(key);
    const doomed = path.join(this.dataDir, `${key}.${Date.now()}${DELETE_DIR_SUFFIX}`);
    fs.renameSync(log.dir, doomed);
    log.abandon();
    fs.rmSync(doomed, { recursive: true, force: true });
    return true;
  }

  get partitionCount(): number {
    return this.logs.size;
  }

  allLogs(): IterableIterator<PartitionLog> {
    return this.logs.values();
  }

  /** Retention on every owned log; returns segments deleted. Errors are kept, not thrown, per log. */
  applyRetention(now = Date.now()): number {
    let deleted = 0;
    for (const log of this.logs.values()) {
      try {
        deleted += log.applyRetention(now);
      } catch (e) {
        this.noteError(e);
      }
    }
    return deleted;
  }

  /** Writes each owned log's recovery point and log start offset checkpoints. */
  checkpoint(): void {
    for (const log of this.logs.values()) {
      try {
        log.checkpoint();
      } catch (e) {
        this.noteError(e);
      }
    }
  }

  private noteError(e: unknown): void {
    this.backgroundErrors.push(e instanceof Error ? e : new Error(String(e)));
    if (this.backgroundErrors.length > 100) this.backgroundErrors.shift();
  }

  /** Starts the retention and checkpoint timers (unref'd). */
  startPeriodicTasks(): void {
    if (this.timers.length > 0) return;
    const retention = setInterval(() => this.applyRetention(), this.retentionCheckIntervalMs);
    const checkpoint = setInterval(() => this.checkpoint(), this.recoveryCheckpointIntervalMs);
    retention.unref();
    checkpoint.unref();
    this.timers = [retention, checkpoint];
  }

  /** Stops timers and closes every log; each writes its own clean-shutdown marker. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    let first: unknown = null;
    for (const log of this.logs.values()) {
      try {
        log.close();
      } catch (e) {
        first ??= e;
      }
    }
    this.logs.clear();
    if (first !== null) throw first;
  }
}
