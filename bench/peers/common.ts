// What the peer benchmarks share: a server process in a temp dir on a free loopback port, the
// workload flags (the same names as the perf tools), and the result shape index.ts reads.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as hdr from 'hdr-histogram-js';
import type { Latency } from '../run.js';

export interface PeerResult {
  system: string;
  op: 'produce' | 'consume' | 'e2e';
  recordSize: number;
  records: number;
  seconds: number;
  recordsPerSec: number;
  /** Value bytes per second, MB = 10^6 bytes. */
  mbPerSec: number;
  /** produce: send to acknowledgement per batch; e2e: send to receipt per record (ms). */
  latency?: Latency;
  rate?: number;
  server: string;
}

/** A PeerResult for `n` records of `recordSize` bytes in `seconds`. */
export function peerResult(
  peer: { system: string; server: string; recordSize: number },
  op: PeerResult['op'],
  n: number,
  seconds: number,
  latency?: Latency,
): PeerResult {
  return {
    system: peer.system,
    op,
    recordSize: peer.recordSize,
    records: n,
    seconds,
    recordsPerSec: n / seconds,
    mbPerSec: (n * peer.recordSize) / seconds / 1e6,
    ...(latency ? { latency } : {}),
    server: peer.server,
  };
}

/** A port the kernel just handed out on 127.0.0.1 (released before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** True when `cmd --version` runs; the first line of its output otherwise goes in the report. */
export function serverVersion(cmd: string, args = ['--version']): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000 });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.split('\n')[0]!.trim();
}

export interface Server {
  dir: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `cmd` (built by `argsFor(dir, port)`) and waits for `ready` on its stdout or stderr. */
export async function startServer(
  cmd: string,
  argsFor: (dir: string, port: number) => string[],
  ready: RegExp,
): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), `runnel-peer-${cmd}-`));
  const port = await freePort();
  const proc: ChildProcess = spawn(cmd, argsFor(dir, port), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} not ready in 15 s: ${out.slice(-500)}`)), 15_000);
    const onData = (d: Buffer) => {
      out = (out + d.toString('utf8')).slice(-4096);
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited: ${out.slice(-500)}`));
    });
  });
  // Keep draining its output so a full pipe never stalls the server.
  proc.stdout!.resume();
  proc.stderr!.resume();
  return {
    dir,
    port,
    async stop() {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function summarize(h: hdr.Histogram): Latency {
  const ms = (us: number) => us / 1000;
  return {
    avg: ms(h.mean),
    p50: ms(h.getValueAtPercentile(50)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
  };
}

/** Same bytes as perf-produce's payload: one buffer reused for every record. */
export function payload(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = 65 + ((i * 7) % 26);
  return b;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Guard for the fixed-rate loops: never run past this many seconds whatever the flags say. */
export const MAX_SECONDS = 120;
