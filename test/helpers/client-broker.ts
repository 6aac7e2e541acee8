// Broker processes for the client tests: like helpers/broker.ts, but restart() keeps the port, so a
// client that knows only the old address reconnects to the new process (what a broker restart
// looks like to a real client). Also small helpers for kcat and unique topic names.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, Consumer, ConsumerRecord } from '../../dist/client/index.js';

const NODE_JS = new URL('../../dist/node.js', import.meta.url).pathname;
const START_TIMEOUT_MS = 15_000;

export interface TestBroker {
  address: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Signals the process and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a new process on the same port and data dir (after stop()). */
  restart(): Promise<TestBroker>;
  /** Stops the process and removes its data dir. */
  destroy(): Promise<void>;
}

export async function startTestBroker(args: string[] = [], port = 0, dataDir?: string): Promise<TestBroker> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-client-'));
  const proc = spawn(
    process.execPath,
    [NODE_JS, '--listen', `127.0.0.1:${port}`, '--data-dir', dir, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    if (process.env.BROKER_LOGS) process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const bound = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker did not start:\n${err}`)), START_TIMEOUT_MS);
    const check = () => {
      const m = /^listening on 127\.0\.0\.1:(\d+)$/m.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      resolve(Number(m[1]));
    };
    proc.stdout!.on('data', check);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`broker exited before listening:\n${err}`));
    });
  });
  const b: TestBroker = {
    address: `127.0.0.1:${bound}`,
    port: bound,
    dataDir: dir,
    proc,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
    restart: () => startTestBroker(args, bound, dir),
    async destroy() {
      await b.stop('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

let topicCounter = 0;
export function uniqueTopic(prefix = 'client'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${topicCounter++}`;
}

/** Runs kcat and resolves with its stdout (rejects on a non-zero exit). */
export function kcat(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kcat',
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`kcat ${args.join(' ')} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** What `kcat -L -J` prints (the fields the tests read). */
export interface KcatMeta {
  brokers: { id: number; name: string }[];
  controllerid: number;
  topics: {
    topic: string;
    partitions: { partition: number; leader: number; replicas: { id: number }[]; isrs: { id: number }[] }[];
  }[];
}

/** A broker's Metadata through kcat (librdkafka), of one topic or all; `timeoutS` is kcat's -m. */
export async function kcatMeta(address: string, topic?: string, timeoutS?: number): Promise<KcatMeta> {
  const out = await kcat([
    '-b',
    address,
    '-L',
    '-J',
    ...(timeoutS !== undefined ? ['-m', String(timeoutS)] : []),
    ...(topic ? ['-t', topic] : []),
  ]);
  return JSON.parse(out) as KcatMeta;
}

/** Reads exactly `n` records (across assigned partitions) or fails after `ms`. */
export async function take(consumer: Consumer, n: number, ms = 10_000): Promise<ConsumerRecord[]> {
  const out: ConsumerRecord[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    let timer: NodeJS.Timeout | undefined;
    const batch = await Promise.race([
      consumer.nextBatch(),
      new Promise<null>((r) => {
        timer = setTimeout(() => r(null), Math.max(1, deadline - Date.now()));
      }),
    ]);
    clearTimeout(timer);
    if (batch === null) throw new Error(`only ${out.length} of ${n} records within ${ms} ms`);
    out.push(...batch.records);
  }
  return out;
}

/** Reads partitions from the beginning until `count` records came back (or the time is up). */
export async function readValues(
  client: Client,
  topic: string,
  partitions: number,
  count: number,
): Promise<string[]> {
  const consumer = client.consumer({ autoOffsetReset: 'earliest' });
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  const values: string[] = [];
  const deadline = Date.now() + 30_000;
  try {
    while (values.length < count && Date.now() < deadline) {
      const batch = await consumer.nextBatch();
      for (const r of batch?.records ?? []) values.push(Buffer.from(r.value!).toString());
    }
  } finally {
    await consumer.close();
  }
  return values;
}
