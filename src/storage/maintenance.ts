// The partition logs' periodic work, off the request path: retention every log.retention.check.interval.ms
// and a log cleaner round every log.cleaner.backoff.ms, over every thread's logs through the store. Rounds
// of one kind never overlap; a round still running when the next is due makes that one skip.
import type { Logger } from '../logger.js';
import { ErrorCode } from '../protocol/errors.js';
import type { PartitionStore } from './pool.js';

export interface LogMaintenanceOptions {
  store: PartitionStore;
  retentionCheckIntervalMs: number;
  cleanerIntervalMs: number;
  /** Longest a cleaner round may run (between partitions); undefined: the store's default. */
  cleanerBudgetMs?: number;
  log: Logger;
}

export class LogMaintenance {
  readonly #o: LogMaintenanceOptions;
  #retentionTimer: NodeJS.Timeout | null = null;
  #cleanerTimer: NodeJS.Timeout | null = null;
  #retentionRunning = false;
  #cleanerRunning = false;
  #stopped = false;

  constructor(options: LogMaintenanceOptions) {
    this.#o = options;
  }

  start(): void {
    this.#retentionTimer = setInterval(() => this.runRetention(), this.#o.retentionCheckIntervalMs);
    this.#retentionTimer.unref();
    this.#cleanerTimer = setInterval(() => this.runCleaner(), this.#o.cleanerIntervalMs);
    this.#cleanerTimer.unref();
  }

  /** No new rounds; one in flight finishes on its own. */
  stop(): void {
    this.#stopped = true;
    if (this.#retentionTimer !== null) clearInterval(this.#retentionTimer);
    if (this.#cleanerTimer !== null) clearInterval(this.#cleanerTimer);
  }

  async runRetention(): Promise<void> {
    if (this.#retentionRunning || this.#stopped) return;
    this.#retentionRunning = true;
    const log = this.#o.log;
    try {
      const r = await this.#o.store.applyRetention();
      if (r.errorCode !== ErrorCode.NONE)
        log.warn(`retention failed on some partitions (error ${r.errorCode})`);
      else if (r.deletedSegments > 0) log.info(`retention deleted ${r.deletedSegments} segments`);
    } finally {
      this.#retentionRunning = false;
    }
  }

  /** One log cleaner round. */
  async runCleaner(): Promise<void> {
    if (this.#cleanerRunning || this.#stopped) return;
    this.#cleanerRunning = true;
    const log = this.#o.log;
    try {
      const r = await this.#o.store.clean(Date.now(), this.#o.cleanerBudgetMs);
      for (const problem of r.problems) log.error(`log cleaner: ${problem}`);
      if (r.errorCode !== ErrorCode.NONE && r.problems.length === 0)
        log.warn(`log cleaner failed on some partitions (error ${r.errorCode})`);
      if (r.cleanedLogs > 0) {
        log.info(`log cleaner compacted ${r.cleanedLogs} partitions, ${r.recordsRemoved} records removed`);
      }
      if (r.deferredLogs > 0) log.debug(`log cleaner left ${r.deferredLogs} partitions for the next round`);
    } finally {
      this.#cleanerRunning = false;
    }
  }
}
