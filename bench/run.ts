// Child processes for `npm run bench`: every measured case runs in a fresh process (and, for the Runnel
// tools, a fresh broker), optionally pinned with taskset, killed with its whole process group when it
// overruns its time limit. Also the parsers for the summary lines the perf tools print.
import { spawn } from 'node:child_process';

export interface ChildResult {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
  seconds: number;
}

export interface ChildOptions {
  timeoutMs: number;
  /** taskset CPU list (e.g. "0" or "0,1"); children and grandchildren inherit it. */
  cpus?: string;
}

/** Runs one command to completion or its deadline; never throws for a non-zero exit. */
export function runChild(cmd: string, args: string[], opts: ChildOptions): Promise<ChildResult> {
  const [file, argv] = opts.cpus ? ['taskset', ['-c', opts.cpus, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  return new Promise((resolve) => {
    // detached: its own process group, so a timeout also ends the broker it spawned.
    const proc = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (proc.pid !== undefined) running.add(proc.pid);
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    proc.stderr.setEncoding('utf8').on('data', (d: string) => {
      // Keep the tail only: a chatty failure must not grow without bound.
      stderr = (stderr + d).slice(-8192);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(proc.pid, 'SIGTERM');
      setTimeout(() => killGroup(proc.pid, 'SIGKILL'), 3000).unref();
    }, opts.timeoutMs);
    proc.once('error', (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${err.message}`, code: null, timedOut, seconds: 0 });
    });
    proc.once('close', (code) => {
      clearTimeout(timer);
      if (proc.pid !== undefined) running.delete(proc.pid);
      resolve({ stdout, stderr, code, timedOut, seconds: (performance.now() - started) / 1000 });
    });
  });
}

// Process groups of the cases in progress: an interrupted bench ends them (and their brokers) too.
const running = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of running) killGroup(pid, 'SIGTERM');
    process.exit(130);
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** `node --import tsx <script> ...args`, the way the bench tools are run by hand. */
export function tsxArgs(script: string, args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', script, ...args]];
}

export interface Latency {
  avg: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export interface Rate {
  records: number;
  recordsPerSec: number;
  /** Value bytes per second, MB = 10^6 bytes. */
  mbPerSec: number;
  seconds: number;
}

const number = (s: string) => Number(s.replace(/,/g, ''));

/** The perf tools print MB/sec as MiB (2^20); the report uses MB = 10^6 throughout. */
const MIB_TO_MB = 1048576 / 1e6;

/** `N records, R records/sec (M MB/sec) in S s` from perf-common's rateSummary. */
export function parseRate(line: string): Rate | null {
  const m = /([\d,]+) records, ([\d,]+) records\/sec \(([\d.]+) MB\/sec\) in ([\d.]+) s/.exec(line);
  if (!m) return null;
  return {
    records: number(m[1]!),
    recordsPerSec: number(m[2]!),
    mbPerSec: number(m[3]!) * MIB_TO_MB,
    seconds: number(m[4]!),
  };
}

/** `A ms avg latency, B ms p50, C ms p99, D ms p99.9, E ms max` from perf-common's latencySummary. */
export function parseLatency(line: string): Latency | null {
  const m =
    /([\d.]+) ms avg latency, ([\d.]+) ms p50, ([\d.]+) ms p99, ([\d.]+) ms p99\.9, ([\d.]+) ms max/.exec(
      line,
    );
  if (!m) return null;
  return {
    avg: number(m[1]!),
    p50: number(m[2]!),
    p99: number(m[3]!),
    p999: number(m[4]!),
    max: number(m[5]!),
  };
}

/** The last stdout line matching `pattern` (the tools print progress lines before their summary). */
export function lastLine(stdout: string, pattern: RegExp): string | null {
  const lines = stdout.split('\n').filter((l) => pattern.test(l));
  return lines.at(-1) ?? null;
}

/** Peer and ceiling scripts print one `@result {json}` line. */
export function parseResult<T>(stdout: string): T | null {
  const line = lastLine(stdout, /^@result /);
  return line ? (JSON.parse(line.slice('@result '.length)) as T) : null;
}

export function printResult(value: unknown): void {
  process.stdout.write(`@result ${JSON.stringify(value)}\n`);
}
