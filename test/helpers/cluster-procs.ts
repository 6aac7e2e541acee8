// A cluster of real broker processes on loopback: N `node dist/node.js --peers ...` with node ids 1..N, each
// on a port chosen free beforehand (the peers must be named before anything listens), each with its own temp
// data dir. Nodes can be stopped, SIGKILLed, SIGSTOPped and resumed, and restarted on the same port and data
// dir, the faults the cluster tests inject. Logs go to memory (BROKER_LOGS=1 echoes them, prefixed).

import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CONNECTION_DEFAULTS, Connection } from '../../dist/client/connection.js';
import type { ApiCodec } from '../../dist/protocol/generated/api-keys.js';

const NODE_JS = new URL('../../dist/node.js', import.meta.url).pathname;
const START_TIMEOUT_MS = 20_000;

export interface ClusterNodeProc {
  readonly nodeId: number;
  readonly port: number;
  /** host:port, as kcat's -b takes it. */
  readonly address: string;
  readonly dataDir: string;
  proc: ChildProcess;
  /** Everything the current process wrote to stderr (its log). */
  log(): string;
  /** Whether the current process runs (possibly stopped by SIGSTOP). */
  alive(): boolean;
  /** Sends the signal and waits for the exit (not for SIGSTOP/SIGCONT, which return at once). */
  signal(sig: NodeJS.Signals): Promise<void>;
  /** A new process on the same port, data dir and flags (the old one must have exited). */
  restart(): Promise<void>;
  /** Resolves once the log matches, or rejects after ms. */
  waitForLog(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
}

export interface TestCluster {
  readonly nodes: ClusterNodeProc[];
  /** Every node's address, comma-separated (a client's bootstrap list). */
  readonly bootstrap: string;
  node(id: number): ClusterNodeProc;
  /**
   * Starts one more broker that joins through `peers` (default: every node so far), with its own free port and
   * data dir (or `dataDir`); resolves once it listens (its join is awaited by the caller).
   */
  add(
    nodeId: number,
    opts?: { peers?: string[]; args?: string[]; dataDir?: string },
  ): Promise<ClusterNodeProc>;
  /** SIGKILLs every process and removes the data dirs. */
  destroy(): Promise<void>;
}

/** A port free for both TCP and UDP on 127.0.0.1 now (gossip uses the same number over UDP). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = dgram.createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port');
}

export interface ClusterOptions {
  /** Flags for every broker (after the cluster's own). */
  args?: string[];
  /** Flags for one broker, by node id. */
  argsFor?: (nodeId: number, port: number) => string[];
  /** Wait until every node logs that it joined (default true). */
  waitJoined?: boolean;
}

export const JOINED = /joined cluster (\S+) as node (\d+)/;

/** Polls `check` every 100 ms until it is true; resolves with the ms it took, else fails after `ms`. */
export type Eventually = (
  what: string,
  check: () => Promise<boolean> | boolean,
  ms?: number,
) => Promise<number>;

/** `eventually` with another default limit. The last error `check` threw goes into the failure. */
export function eventuallyWithin(defaultMs: number): Eventually {
  return async (what, check, ms = defaultMs) => {
    const start = Date.now();
    let last: unknown = null;
    while (Date.now() - start < ms) {
      try {
        if (await check()) return Date.now() - start;
      } catch (err) {
        last = err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what}: not within ${ms} ms${last ? ` (${String(last)})` : ''}`);
  };
}

export const eventually: Eventually = eventuallyWithin(30_000);

export async function startCluster(n: number, options: ClusterOptions = {}): Promise<TestCluster> {
  const ports: number[] = [];
  while (ports.length < n) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const nodes: ClusterNodeProc[] = [];
  for (let i = 0; i < n; i++) {
    const nodeId = i + 1;
    const peers = ports.filter((_, j) => j !== i).map((p) => `127.0.0.1:${p}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `runnel-cluster-${nodeId}-`));
    const args = [
      '--node-id',
      String(nodeId),
      '--listen',
      `127.0.0.1:${ports[i]}`,
      '--data-dir',
      dataDir,
      ...(peers.length > 0 ? ['--peers', peers.join(',')] : []),
      ...(options.args ?? []),
      ...(options.argsFor?.(nodeId, ports[i]!) ?? []),
    ];
    nodes.push(makeNode(nodeId, '127.0.0.1', ports[i]!, dataDir, args));
  }
  const cluster: TestCluster = {
    nodes,
    bootstrap: ports.map((p) => `127.0.0.1:${p}`).join(','),
    node: (id) => {
      const found = nodes.find((x) => x.nodeId === id);
      if (found === undefined) throw new Error(`no node ${id}`);
      return found;
    },
    async add(nodeId, opts = {}) {
      const port = await freePort();
      const peers = opts.peers ?? nodes.map((x) => x.address);
      const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `runnel-cluster-${nodeId}-`));
      const args = [
        '--node-id',
        String(nodeId),
        '--listen',
        `127.0.0.1:${port}`,
        '--data-dir',
        dataDir,
        '--peers',
        peers.join(','),
        ...(options.args ?? []),
        ...(opts.args ?? []),
      ];
      const node = makeNode(nodeId, '127.0.0.1', port, dataDir, args);
      nodes.push(node);
      await node.restart();
      return node;
    },
    async destroy() {
      await Promise.all(
        nodes.map(async (x) => {
          if (x.alive()) {
            x.proc.kill('SIGCONT');
            await x.signal('SIGKILL');
          }
          fs.rmSync(x.dataDir, { recursive: true, force: true });
        }),
      );
    },
  };
  try {
    await Promise.all(nodes.map((x) => x.restart()));
    if (options.waitJoined !== false) await Promise.all(nodes.map((x) => x.waitForLog(JOINED)));
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}

/**
 * One broker process (not started: call restart()). `prefix` runs it through another command, e.g.
 * `ip netns exec NS` to put it in a network namespace.
 */
export function makeNode(
  nodeId: number,
  host: string,
  port: number,
  dataDir: string,
  args: string[],
  prefix: string[] = [],
): ClusterNodeProc {
  let proc: ChildProcess | null = null;
  let err = '';
  let exited: Promise<void> = Promise.resolve();
  const waiters = new Set<() => void>();
  const node: ClusterNodeProc = {
    nodeId,
    port,
    address: `${host}:${port}`,
    dataDir,
    get proc() {
      if (proc === null) throw new Error(`node ${nodeId} never started`);
      return proc;
    },
    set proc(p: ChildProcess) {
      proc = p;
    },
    log: () => err,
    alive: () => proc !== null && proc.exitCode === null && proc.signalCode === null,
    async signal(sig) {
      if (!node.alive()) return;
      proc!.kill(sig);
      if (sig !== 'SIGSTOP' && sig !== 'SIGCONT') await exited;
    },
    async restart() {
      if (node.alive()) throw new Error(`node ${nodeId} still runs`);
      err = '';
      let out = '';
      const command = [...prefix, process.execPath, NODE_JS, ...args];
      const p = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      exited = new Promise((resolve) => p.once('exit', () => resolve()));
      p.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      p.stderr!.setEncoding('utf8').on('data', (d: string) => {
        err += d;
        if (process.env.BROKER_LOGS) process.stderr.write(d.replace(/^/gm, `[${nodeId}] `));
        for (const w of [...waiters]) w();
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          p.kill('SIGKILL');
          reject(new Error(`node ${nodeId} did not start in time:\n${err}`));
        }, START_TIMEOUT_MS);
        const check = () => {
          if (/^listening on /m.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        p.stdout!.on('data', check);
        exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`node ${nodeId} exited before listening:\n${err}`));
        });
      });
    },
    waitForLog(pattern, ms = START_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(err);
          if (m === null) return false;
          waiters.delete(done);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const done = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`node ${nodeId}: no ${pattern} in ${ms} ms; log:\n${err}`));
        }, ms);
        if (!check()) waiters.add(done);
      });
    },
  };
  return node;
}

/** One request to a node on its own short-lived connection (a raw Kafka request, at `version`). */
export async function requestTo<Req, Res>(
  node: { port: number },
  codec: ApiCodec<Req, Res>,
  body: Req,
  version: number,
  clientId = 'cluster-test',
): Promise<Res> {
  const conn = new Connection({
    ...CONNECTION_DEFAULTS,
    host: '127.0.0.1',
    port: node.port,
    clientId,
    requestTimeoutMs: 60_000,
  });
  await conn.connect();
  try {
    return await conn.request(codec, body, {}, version);
  } finally {
    conn.close();
  }
}
