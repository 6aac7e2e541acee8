// Shared by the perf tools: flag parsing, an optional broker of our own on a temp dir, latency
// histograms (hdr-histogram-js, microseconds) and the one-line summaries in the shape of Kafka's
// ProducerPerformance / ConsumerPerformance output.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as hdr from 'hdr-histogram-js';

export type Flags = Record<string, string | boolean | undefined>;

export function flags(
  spec: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>,
): Flags {
  const { values } = parseArgs({ options: spec, allowPositionals: false, strict: true });
  return values as Flags;
}

export function num(f: Flags, name: string): number {
  const v = Number(f[name]);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got ${f[name]}`);
  return v;
}

export interface SpawnedBroker {
  address: string;
  /** The broker's data dir (removed by stop()). */
  dir: string;
  pid: number | undefined;
  /** Resolves when the broker process has exited, for whatever reason. */
  exited: Promise<void>;
  /** SIGTERM, wait for the exit, remove the data dir; safe to call more than once. */
  stop(): Promise<void>;
}

/** Starts `node dist/node.js` on 127.0.0.1:0 with a temp data dir (under `parentDir`, default the OS temp dir). */
export async function spawnBroker(extraArgs: string[] = [], parentDir = tmpdir()): Promise<SpawnedBroker> {
  const dir = mkdtempSync(join(parentDir, 'runnel-perf-'));
  const entry = new URL('../dist/node.js', import.meta.url).pathname;
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      // Node flags for the broker only, e.g. BENCH_BROKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...(process.env.BENCH_BROKER_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? []),
      entry,
      '--listen',
      '127.0.0.1:0',
      '--data-dir',
      dir,
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  let address: string;
  try {
    address = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('broker did not start within 15 s')), 15_000);
      proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      exited.then(() => reject(new Error('broker exited before listening')));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, dir, pid: proc.pid, exited, stop };
}

/** Latency histogram in microseconds, up to one hour. */
export function histogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

const ms = (us: number) => (us / 1000).toFixed(2);

export function latencySummary(h: hdr.Histogram): string {
  return (
    `${ms(h.mean)} ms avg latency, ${ms(h.getValueAtPercentile(50))} ms p50, ${ms(h.getValueAtPercentile(99))} ms p99, ` +
    `${ms(h.getValueAtPercentile(99.9))} ms p99.9, ${ms(h.maxValue)} ms max`
  );
}

export function rateSummary(records: number, bytes: number, seconds: number): string {
  return `${records} records, ${Math.round(records / seconds).toLocaleString('en-US')} records/sec (${(bytes / seconds / 1048576).toFixed(2)} MB/sec) in ${seconds.toFixed(2)} s`;
}

/** Keeps a producer at `perSecond` records/s (negative: unlimited), like Kafka's ThroughputThrottler. */
export class Throttle {
  private readonly start = performance.now();
  constructor(private readonly perSecond: number) {}
  /** Milliseconds to wait before sending more, given `sent` records so far. */
  delayFor(sent: number): number {
    if (this.perSecond <= 0) return 0;
    const due = (sent / this.perSecond) * 1000;
    return Math.max(0, due - (performance.now() - this.start));
  }
}

export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

export function cleanupOnSignal(fn: () => Promise<void>): void {
  const handler = () => {
    fn().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

export { rmSync };

/**
 * At most `max` operations outstanding. `add` resolves once there is room for the next one. Unlike
 * `Promise.race` over the set of outstanding promises, which attaches a handler to every one of them on
 * every call (work and memory growing with the square of the window), each wait here costs one promise.
 */
export class Outstanding {
  private count = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: (() => void)[] = [];

  constructor(private readonly max: number) {}

  get size(): number {
    return this.count;
  }

  /** Tracks `op` (whose outcome the caller handles) and waits while the window is full. */
  async add(op: Promise<unknown>): Promise<void> {
    this.count++;
    op.then(this.release, this.release);
    while (this.count >= this.max) await new Promise<void>((r) => this.waiting.push(r));
  }

  /** Resolves when nothing is outstanding. */
  async drain(): Promise<void> {
    while (this.count > 0) await new Promise<void>((r) => this.idle.push(r));
  }

  private readonly release = (): void => {
    this.count--;
    this.waiting.shift()?.();
    if (this.count === 0) for (const r of this.idle.splice(0)) r();
  };
}

/** The flags every perf tool takes to find its broker, or to start one (or a cluster) of its own. */
export const BROKER_FLAGS = {
  brokers: { type: 'string', default: '127.0.0.1:9092' },
  'spawn-broker': { type: 'boolean', default: false },
  /** N > 0: a cluster of N brokers of our own (bench/cluster-procs.ts), every one in the bootstrap list. */
  'spawn-cluster': { type: 'string', default: '0' },
  'broker-args': { type: 'string', default: '' },
} as const;

/**
 * The bootstrap list from BROKER_FLAGS; with --spawn-broker a broker of our own, with --spawn-cluster N a
 * cluster of N whose brokers have all joined (registered and unfenced); stopped on a signal.
 */
export async function brokersFromFlags(
  f: Flags,
): Promise<{ brokers: string[]; spawned: { stop(): Promise<void> } | null }> {
  const brokerArgs = String(f['broker-args']).split(' ').filter(Boolean);
  const clusterSize = Number(f['spawn-cluster'] ?? 0);
  if (!(Number.isInteger(clusterSize) && clusterSize >= 0)) {
    throw new Error(`--spawn-cluster must be a whole number, not ${f['spawn-cluster']}`);
  }
  if (clusterSize > 0) {
    // Loaded only here: the peers' scripts share this module and need no cluster.
    const { BenchCluster } = await import('./cluster-procs.js');
    const cluster = await BenchCluster.start(clusterSize, { args: brokerArgs });
    const spawned = { stop: () => cluster.destroy() };
    cleanupOnSignal(spawned.stop);
    return { brokers: cluster.nodes.map((n) => n.address), spawned };
  }
  if (!f['spawn-broker']) return { brokers: String(f.brokers).split(','), spawned: null };
  const spawned = await spawnBroker(brokerArgs);
  cleanupOnSignal(() => spawned.stop());
  return { brokers: [spawned.address], spawned };
}
