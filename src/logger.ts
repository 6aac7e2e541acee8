// Minimal leveled logger: one line per event on stderr, so stdout stays free for the "listening on" line
// and tools that parse it.
import type { LogLevel } from './config.js';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger {
  readonly #rank: number;
  readonly #scope: string;

  constructor(
    readonly level: LogLevel,
    scope = 'runnel',
  ) {
    this.#scope = scope;
    this.#rank = RANK[level];
  }

  child(scope: string): Logger {
    return new Logger(this.level, `${this.#scope}:${scope}`);
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] <= this.#rank;
  }

  error(msg: string): void {
    this.#write('error', msg);
  }
  warn(msg: string): void {
    this.#write('warn', msg);
  }
  info(msg: string): void {
    this.#write('info', msg);
  }
  debug(msg: string): void {
    this.#write('debug', msg);
  }

  #write(level: LogLevel, msg: string): void {
    if (RANK[level] > this.#rank) return;
    process.stderr.write(
      `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${this.#scope}] ${msg}\n`,
    );
  }
}

/** What a state machine logs through: a Logger, or anything shaped like one (tests collect lines). */
export type LogSink = Pick<Logger, 'info' | 'warn' | 'debug'>;

/** A sink that drops everything (simulations, state machines given no logger). */
export const SILENT_LOG: LogSink = { info() {}, warn() {}, debug() {} };
