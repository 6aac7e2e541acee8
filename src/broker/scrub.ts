// Drives the background scrub (storage/scrubber.ts): while a pass runs, asks every owner thread for one
// slice per tick (each thread's share of log.scrub.bytes.per.second); between passes, sleeps until the
// earliest thread is due. Slices never overlap, and none starts once the broker is stopping. Damaged batches
// are logged by the storage layer where they are found; this only keeps the pass totals (debug).
import type { Logger } from '../logger.js';
import { ErrorCode } from '../protocol/errors.js';
import type { PartitionStore } from '../storage/pool.js';
import { type ScrubConfig, scrubEnabled, scrubSchedule } from '../storage/scrubber.js';

/** Longest timer Node accepts; a later pass is simply re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class BackgroundScrub {
  private readonly store: PartitionStore;
  private readonly config: ScrubConfig;
  private readonly log: Logger;
  private readonly tickMs: number;
  private readonly sliceBytes: number;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  // Totals since the last completed pass was reported.
  private bytes = 0;
  private batches = 0;
  private corrupt = 0;

  /** Starts the scrub unless the config turns it off (null then). `threads` is the store's owner threads. */
  static start(store: PartitionStore, config: ScrubConfig, log: Logger): BackgroundScrub | null {
    if (!scrubEnabled(config)) return null;
    const scrub = new BackgroundScrub(store, config, log);
    scrub.schedule(scrub.tickMs);
    return scrub;
  }

  private constructor(store: PartitionStore, config: ScrubConfig, log: Logger) {
    this.store = store;
    this.config = config;
    this.log = log;
    const { tickMs, sliceBytes } = scrubSchedule(config, store.threads);
    this.tickMs = tickMs;
    this.sliceBytes = sliceBytes;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.inFlight = this.tick().finally(() => {
          this.inFlight = null;
        });
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    const r = await this.store.scrub(now, this.sliceBytes, this.config.intervalMs);
    if (r.errorCode !== ErrorCode.NONE)
      this.log.warn(`scrub slice failed on some partitions (error ${r.errorCode})`);
    for (const failure of r.failures) this.log.warn(`scrub skipped ${failure}`);
    this.bytes += r.bytesScanned;
    this.batches += r.batchesScanned;
    this.corrupt += r.corruptFound;
    if (r.passesCompleted > 0 && !r.running) {
      this.log.debug(
        `scrub pass done: ${this.batches} batches, ${this.bytes} bytes checked, ${this.corrupt} corrupt`,
      );
      this.bytes = 0;
      this.batches = 0;
      this.corrupt = 0;
    }
    const delay = r.running ? this.tickMs : Math.max(this.tickMs, r.nextPassAtMs - Date.now());
    this.schedule(delay);
  }

  /** No slice starts after this; resolves once the one in flight (if any) is answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }
}
