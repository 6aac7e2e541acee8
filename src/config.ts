// Broker configuration: one table drives the CLI flags, the Kafka-style properties file, --help and the
// README's flag table, so a setting cannot exist in one and be missing from another. Defaults of settings a
// lower layer owns (log, group coordinator) are that layer's defaults, not copies.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DEFAULT_GROUP_CONFIG } from './broker/groups/config.js';
import { DEFAULT_LOG_CONFIG, type FlushPolicy } from './storage/config.js';

export type FsyncPolicy = FlushPolicy;
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface HostPort {
  host: string;
  port: number;
}

export interface BrokerConfig {
  nodeId: number;
  listen: HostPort;
  /** Address clients are told to use; defaults to the listen address (with the real port if 0). */
  advertised: HostPort | null;
  peers: HostPort[];
  dataDir: string;
  fsync: FsyncPolicy;
  numPartitions: number;
  autoCreateTopics: boolean;
  logLevel: LogLevel;
  /** Worker threads owning partition logs; 0 runs every log on the main thread. */
  threads: number;
  socketRequestMaxBytes: number;
  messageMaxBytes: number;
  messageMaxDecompressedBytes: number;
  maxConnections: number;
  maxInFlightRequestsPerConnection: number;
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  retentionCheckIntervalMs: number;
  logCleanerIntervalMs: number;
  shutdownTimeoutMs: number;
  groupInitialRebalanceDelayMs: number;
  groupMaxSize: number;
  offsetsTopicPartitions: number;
  offsetsRetentionMinutes: number;
}

interface Option {
  key: keyof BrokerConfig;
  flag: string;
  property: string;
  arg: string;
  help: string;
  parse(value: string): unknown;
  /** The default as --help and the README state it, where the value alone would mislead. */
  defaultText?: string;
}

function int(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new Error(`expected an integer, got '${v}'`);
    const n = Number(v);
    if (n < min || n > max) throw new Error(`expected an integer in [${min}, ${max}], got ${n}`);
    return n;
  };
}

function bool(v: string): boolean {
  const s = v.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new Error(`expected true or false, got '${v}'`);
}

export function parseHostPort(v: string): HostPort {
  const s = v.trim().replace(/^[A-Z_]+:\/\//, ''); // accept Kafka's PLAINTEXT://host:port
  const i = s.lastIndexOf(':');
  if (i <= 0) throw new Error(`expected HOST:PORT, got '${v}'`);
  const host = s.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  const port = int(0, 65535)(s.slice(i + 1));
  return { host, port };
}

function fsync(v: string): FsyncPolicy {
  const s = v.trim();
  if (s === 'always' || s === 'never') return s;
  return int(1)(s);
}

function level(v: string): LogLevel {
  const s = v.trim();
  if (s === 'error' || s === 'warn' || s === 'info' || s === 'debug') return s;
  throw new Error(`expected error|warn|info|debug, got '${v}'`);
}

const OPTIONS: Option[] = [
  {
    key: 'nodeId',
    flag: '--node-id',
    property: 'node.id',
    arg: 'N',
    help: 'broker id',
    parse: int(0, 2 ** 31 - 1),
  },
  {
    key: 'listen',
    flag: '--listen',
    property: 'listeners',
    arg: 'HOST:PORT',
    help: 'address to accept clients on; port 0 picks a free port (the broker prints `listening on HOST:PORT`)',
    parse: parseHostPort,
  },
  {
    key: 'advertised',
    flag: '--advertised',
    property: 'advertised.listeners',
    arg: 'HOST:PORT',
    help: 'address given to clients in metadata',
    parse: parseHostPort,
    defaultText: 'the listen address',
  },
  {
    key: 'peers',
    flag: '--peers',
    property: 'peers',
    arg: 'HOST:PORT,...',
    help: 'other brokers to join; clustering is not built yet, so the broker warns and runs alone',
    parse: (v) => (v.trim() === '' ? [] : v.split(',').map(parseHostPort)),
    defaultText: 'none',
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    property: 'log.dirs',
    arg: 'DIR',
    help: 'where logs live',
    parse: (v) => v,
  },
  {
    key: 'fsync',
    flag: '--fsync',
    property: 'log.flush.policy',
    arg: 'always|never|MS',
    help: 'fdatasync before acknowledging, never (page cache), or every MS milliseconds',
    parse: fsync,
  },
  {
    key: 'numPartitions',
    flag: '--num-partitions',
    property: 'num.partitions',
    arg: 'N',
    help: 'partitions of an auto-created topic',
    parse: int(1, 100_000),
  },
  {
    key: 'autoCreateTopics',
    flag: '--auto-create-topics',
    property: 'auto.create.topics.enable',
    arg: 'true|false',
    help: 'create unknown topics a Metadata request asks for (never on Produce)',
    parse: bool,
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    property: 'log.level',
    arg: 'error|warn|info|debug',
    help: 'log verbosity',
    parse: level,
  },
  {
    key: 'threads',
    flag: '--threads',
    property: 'num.io.threads',
    arg: 'N',
    help: 'worker threads owning partition logs; 0 keeps them on the main thread (faster on 2 cores: docs/PERFORMANCE.md)',
    parse: int(0, 64),
    defaultText: '0 on 2 cores or fewer, else min(cores - 1, 4)',
  },
  {
    key: 'socketRequestMaxBytes',
    flag: '--socket-request-max-bytes',
    property: 'socket.request.max.bytes',
    arg: 'BYTES',
    help: 'largest request frame; a larger one closes the connection',
    parse: int(1024, 2 ** 31 - 1),
  },
  {
    key: 'messageMaxBytes',
    flag: '--message-max-bytes',
    property: 'message.max.bytes',
    arg: 'BYTES',
    help: 'largest record batch; larger ones get MESSAGE_TOO_LARGE',
    parse: int(128, 2 ** 31 - 1),
  },
  {
    key: 'messageMaxDecompressedBytes',
    flag: '--message-max-decompressed-bytes',
    property: 'message.max.decompressed.bytes',
    arg: 'BYTES',
    help: 'largest records section a compressed batch may inflate to; larger ones get CORRUPT_MESSAGE',
    parse: int(1, 2 ** 31 - 1),
  },
  {
    key: 'maxConnections',
    flag: '--max-connections',
    property: 'max.connections',
    arg: 'N',
    help: 'connections accepted at once; more are closed on accept',
    parse: int(1, 1_000_000),
  },
  {
    key: 'maxInFlightRequestsPerConnection',
    flag: '--max-in-flight',
    property: 'max.in.flight.requests.per.connection',
    arg: 'N',
    help: 'requests a connection may have in progress before the broker stops reading it',
    parse: int(1, 10_000),
  },
  {
    key: 'segmentBytes',
    flag: '--segment-bytes',
    property: 'log.segment.bytes',
    arg: 'BYTES',
    help: 'roll a segment at this size',
    parse: int(1024, 2 ** 31 - 1),
  },
  {
    key: 'segmentMs',
    flag: '--segment-ms',
    property: 'log.roll.ms',
    arg: 'MS',
    help: 'roll a segment after this age',
    parse: int(1),
  },
  {
    key: 'retentionMs',
    flag: '--retention-ms',
    property: 'log.retention.ms',
    arg: 'MS',
    help: 'delete segments older than this (-1: keep forever)',
    parse: int(-1),
  },
  {
    key: 'retentionBytes',
    flag: '--retention-bytes',
    property: 'log.retention.bytes',
    arg: 'BYTES',
    help: 'delete old segments past this partition size (-1: no limit)',
    parse: int(-1),
  },
  {
    key: 'retentionCheckIntervalMs',
    flag: '--retention-check-interval-ms',
    property: 'log.retention.check.interval.ms',
    arg: 'MS',
    help: 'how often retention runs',
    parse: int(1),
  },
  {
    key: 'logCleanerIntervalMs',
    flag: '--log-cleaner-interval-ms',
    property: 'log.cleaner.backoff.ms',
    arg: 'MS',
    help: 'how often the log cleaner looks for compacted partitions to clean',
    parse: int(1),
  },
  {
    key: 'shutdownTimeoutMs',
    flag: '--shutdown-timeout-ms',
    property: 'shutdown.timeout.ms',
    arg: 'MS',
    help: 'longest wait for in-flight requests on SIGINT/SIGTERM',
    parse: int(0),
  },
  {
    key: 'groupInitialRebalanceDelayMs',
    flag: '--group-initial-rebalance-delay-ms',
    property: 'group.initial.rebalance.delay.ms',
    arg: 'MS',
    help: 'how long a new group waits for more members before its first rebalance',
    parse: int(0),
  },
  {
    key: 'groupMaxSize',
    flag: '--group-max-size',
    property: 'group.max.size',
    arg: 'N',
    help: 'members per consumer group; more get GROUP_MAX_SIZE_REACHED',
    parse: int(1, 1_000_000),
  },
  {
    key: 'offsetsTopicPartitions',
    flag: '--offsets-topic-partitions',
    property: 'offsets.topic.num.partitions',
    arg: 'N',
    help: 'partitions of __consumer_offsets (fixed once groups have committed)',
    parse: int(1, 1000),
  },
  {
    key: 'offsetsRetentionMinutes',
    flag: '--offsets-retention-minutes',
    property: 'offsets.retention.minutes',
    arg: 'MIN',
    help: 'committed offsets of an empty group expire after this long',
    parse: int(1),
  },
];

/**
 * Worker threads by default: none on two cores or fewer, where bench/broker.ts measured the pool 1.3-2.4x
 * slower for small batches (the worker competes with the main thread for the same cores); otherwise one per
 * core beyond the main thread's, at most four.
 */
export function defaultThreads(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : Math.min(cores - 1, 4);
}

export function defaultConfig(): BrokerConfig {
  return {
    nodeId: 1,
    listen: { host: '127.0.0.1', port: 9092 },
    advertised: null,
    peers: [],
    dataDir: './data',
    fsync: DEFAULT_LOG_CONFIG.flush,
    numPartitions: 1,
    autoCreateTopics: true,
    logLevel: 'info',
    threads: defaultThreads(),
    socketRequestMaxBytes: 100 * 1024 * 1024,
    messageMaxBytes: DEFAULT_LOG_CONFIG.maxMessageBytes,
    messageMaxDecompressedBytes: 64 * 1024 * 1024,
    maxConnections: 10_000,
    maxInFlightRequestsPerConnection: 100,
    segmentBytes: DEFAULT_LOG_CONFIG.segmentBytes,
    segmentMs: DEFAULT_LOG_CONFIG.segmentMs,
    retentionMs: DEFAULT_LOG_CONFIG.retentionMs,
    retentionBytes: DEFAULT_LOG_CONFIG.retentionBytes,
    retentionCheckIntervalMs: 5 * 60 * 1000,
    logCleanerIntervalMs: 15_000,
    shutdownTimeoutMs: 4000,
    groupInitialRebalanceDelayMs: DEFAULT_GROUP_CONFIG.initialRebalanceDelayMs,
    groupMaxSize: DEFAULT_GROUP_CONFIG.maxGroupSize,
    offsetsTopicPartitions: DEFAULT_GROUP_CONFIG.offsetsTopicPartitions,
    offsetsRetentionMinutes: DEFAULT_GROUP_CONFIG.offsetsRetentionMs / 60_000,
  };
}

/** Parses a Kafka-style properties file: key=value lines, '#' or '!' comments. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!m) throw new Error(`cannot parse properties line '${line}'`);
    out.set(m[1]!, m[2]!);
  }
  return out;
}

export class ConfigError extends Error {}

export type CliResult = { kind: 'run'; config: BrokerConfig } | { kind: 'help'; text: string };

/** Builds the config from defaults, then --config FILE, then flags (flags win). */
export function parseArgs(argv: readonly string[]): CliResult {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  const byFlag = new Map(OPTIONS.map((o) => [o.flag, o]));
  const byProperty = new Map(OPTIONS.map((o) => [o.property, o]));
  const flags: [Option, string][] = [];
  let configFile: string | null = null;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help', text: helpText() };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${name} needs a value`);
    if (name === '--config') {
      configFile = value;
      continue;
    }
    const opt = byFlag.get(name);
    if (!opt) throw new ConfigError(`unknown flag ${name} (see --help)`);
    flags.push([opt, value]);
  }

  const apply = (opt: Option, value: string, source: string) => {
    try {
      config[opt.key] = opt.parse(value);
    } catch (e) {
      throw new ConfigError(`${source}: ${(e as Error).message}`);
    }
  };

  if (configFile !== null) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config file ${configFile}: ${(e as Error).message}`);
    }
    for (const [key, value] of parseProperties(text)) {
      const opt = byProperty.get(key);
      if (!opt) throw new ConfigError(`${configFile}: unknown property ${key}`);
      apply(opt, value, `${configFile}: ${key}`);
    }
  }
  for (const [opt, value] of flags) apply(opt, value, opt.flag);
  return { kind: 'run', config: config as unknown as BrokerConfig };
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A default as shown to people: host:port, and long durations also in days or minutes. */
function defaultTextOf(o: Option, d: Record<string, unknown>): string {
  if (o.defaultText !== undefined) return o.defaultText;
  const v = d[o.key];
  if (typeof v === 'object' && v !== null && 'host' in v)
    return `${(v as HostPort).host}:${(v as HostPort).port}`;
  const ms =
    typeof v !== 'number' ? 0 : o.key.endsWith('Ms') ? v : o.key.endsWith('Minutes') ? v * MINUTE_MS : 0;
  if (ms >= DAY_MS && ms % DAY_MS === 0) return `${v} = ${ms / DAY_MS} days`;
  if (ms > MINUTE_MS && ms % MINUTE_MS === 0) return `${v} = ${ms / MINUTE_MS} min`;
  return String(v);
}

/** Markers around the generated flag table in README.md. */
export const FLAG_TABLE_BEGIN = '<!-- flag table: generated from src/config.ts by `npm run gen:readme` -->';
export const FLAG_TABLE_END = '<!-- end of flag table -->';

/**
 * The README's flag table (markdown), between FLAG_TABLE_BEGIN and FLAG_TABLE_END. Regenerate with `npm run gen:readme`;
 * test/config.test.ts fails while the README differs.
 */
export function flagTable(): string {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = ['| flag | property | default | meaning |', '| --- | --- | --- | --- |'];
  for (const o of OPTIONS) {
    lines.push(
      `| \`${cell(`${o.flag} ${o.arg}`)}\` | \`${o.property}\` | ${cell(defaultTextOf(o, d))} | ${cell(o.help)} |`,
    );
  }
  return lines.join('\n');
}

export function helpText(): string {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  const lines = [
    'Usage: node dist/node.js [flags]',
    '',
    'Starts a Runnel broker. Flags override --config FILE, a Kafka-style properties file whose keys are',
    'shown in brackets.',
    '',
    `  ${'--config FILE'.padEnd(42)} read settings from a properties file`,
  ];
  for (const o of OPTIONS) {
    lines.push(
      `  ${`${o.flag} ${o.arg}`.padEnd(42)} ${o.help} [${o.property}] (default ${defaultTextOf(o, d)})`,
    );
  }
  lines.push(`  ${'--help'.padEnd(42)} this text`);
  return lines.join('\n');
}
