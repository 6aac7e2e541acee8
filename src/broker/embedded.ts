// Settings of an in-process broker (Broker.start): what a test suite wants by default, which differs from
// the CLI's production defaults in four places: a free port, a temp data dir, no log threads and no wait
// before a new group's first rebalance.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerConfig, defaultConfig, type LogLevel } from '../config.js';
import type { BrokerOptions } from './broker.js';

export interface EmbeddedBrokerOptions {
  /** Port of the PLAINTEXT listener; 0 (default) picks a free one, read it back from `broker.bootstrap`. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Data directory; default a new temp dir, removed by stop() unless keepDataDir. */
  dataDir?: string;
  keepDataDir?: boolean;
  /** Default 'warn': a test run stays quiet unless something is wrong. */
  logLevel?: LogLevel;
  /** Any other broker setting (the CLI's names, camel-cased: see BrokerConfig). */
  config?: Partial<BrokerConfig>;
  brokerOptions?: Omit<BrokerOptions, 'removeDataDirOnStop'>;
}

export function embeddedConfig(options: EmbeddedBrokerOptions): {
  config: BrokerConfig;
  madeDataDir: boolean;
} {
  const dataDir = options.dataDir ?? options.config?.dataDir;
  const config: BrokerConfig = {
    ...defaultConfig(),
    threads: 0,
    groupInitialRebalanceDelayMs: 0,
    logLevel: options.logLevel ?? 'warn',
    ...options.config,
    // host/port name the one PLAINTEXT listener, unless config gives listeners of its own.
    listeners: options.config?.listeners ?? [
      { name: 'PLAINTEXT', host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
    ],
    dataDir: dataDir ?? mkdtempSync(join(tmpdir(), 'runnel-')),
  };
  if (options.config?.queuedMaxRequestBytes === undefined) {
    config.queuedMaxRequestBytes = Math.max(config.queuedMaxRequestBytes, config.socketRequestMaxBytes);
  }
  return { config, madeDataDir: dataDir === undefined };
}
