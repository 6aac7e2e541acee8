// Spawns real broker processes (node dist/node.js) on loopback port 0 and a temp data dir, waits for the
// `listening on` line, and stops them with a signal; restart() reuses the data dir.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NODE_JS = new URL('../../dist/node.js', import.meta.url).pathname;
const START_TIMEOUT_MS = 15_000;

export interface BrokerProcess {
  host: string;
  port: number;
  /** host:port, as kcat's -b takes it. */
  address: string;
  dataDir: string;
  proc: ChildProcess;
  /** stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Sends the signal and resolves with the exit code (null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** A new process on the same data dir and flags (the old one must have exited). */
  restart(): Promise<BrokerProcess>;
  /** Kills the process if still running, then removes the data dir. */
  dispose(): Promise<void>;
}

export function tempDataDir(prefix = 'runnel-broker-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startBroker(args: string[] = [], dataDir = tempDataDir()): Promise<BrokerProcess> {
  const proc = spawn(process.execPath, [NODE_JS, '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    if (process.env.BROKER_LOGS) process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running: its pipes would keep the test process alive.
      proc.kill('SIGKILL');
      reject(new Error(`broker did not start in time:\n${err}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      const m = /^listening on 127\.0\.0\.1:(\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off('data', check);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code} before listening:\n${err}`));
    });
  });
  const b: BrokerProcess = {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    dataDir,
    proc,
    stdout: () => out,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
    restart: () => startBroker(args, dataDir),
    async dispose() {
      await b.stop('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return b;
}
