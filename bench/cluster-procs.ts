// A cluster of real broker processes on loopback for the benchmarks: N `node dist/node.js --node-id K --peers
// ...` on ports chosen free beforehand (the peers must be named before anything listens; gossip uses the same
// number over UDP), each with its own temp data dir. Nodes can be SIGKILLed and more can be added, and each
// broker's own view of the cluster (its Metadata answer: unfenced brokers, controller) can be polled.
// test/helpers/cluster-procs.ts does the same for the tests; the bench keeps its own copy so that it imports
// nothing from test/, and keeps only a bounded tail of each broker's log.
import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../dist/client/index.js';
import { MetadataApi } from '../dist/protocol/generated/api-keys.js';
import { createMetadataRequest } from '../dist/protocol/generated/metadata.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
/** Listening (and, when asked, joining) must happen within this. */
const START_TIMEOUT_MS = 30_000;
/** Bytes of each broker's log kept in memory, for the failure message. */
const LOG_TAIL_BYTES = 64 * 1024;
export const JOINED = /joined cluster (\S+) as node (\d+)/;

/** A port free for both TCP and UDP on 127.0.0.1 now. */
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

export class BenchNode {
  readonly address: string;
  #proc: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #log = '';
  #joined = false;
  readonly #joinWaiters: (() => void)[] = [];

  constructor(
    readonly nodeId: number,
    readonly port: number,
    readonly dataDir: string,
    readonly args: readonly string[],
  ) {
    this.address = `127.0.0.1:${port}`;
  }

  alive(): boolean {
    const p = this.#proc;
    return p !== null && p.exitCode === null && p.signalCode === null;
  }

  /** The tail of the current process's log. */
  log(): string {
    return this.#log;
  }

  /** Spawns the broker and resolves once it listens (joining goes on in the background). */
  async start(): Promise<void> {
    if (this.alive()) throw new Error(`node ${this.nodeId} still runs`);
    this.#log = '';
    this.#joined = false;
    const p = spawn(process.execPath, [NODE_JS, ...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#proc = p;
    this.#exited = new Promise((resolve) => p.once('exit', () => resolve()));
    p.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.#log = (this.#log + d).slice(-LOG_TAIL_BYTES);
      if (!this.#joined && JOINED.test(d)) {
        this.#joined = true;
        for (const w of this.#joinWaiters.splice(0)) w();
      }
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        p.kill('SIGKILL');
        reject(new Error(`node ${this.nodeId} did not listen within ${START_TIMEOUT_MS} ms:\n${this.#log}`));
      }, START_TIMEOUT_MS);
      p.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out = (out + d).slice(-4096);
        if (/^listening on /m.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      this.#exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`node ${this.nodeId} exited before listening:\n${this.#log}`));
      });
    });
  }

  /** Resolves once this process logged that it joined the cluster (registered and unfenced). */
  waitJoined(ms = START_TIMEOUT_MS): Promise<void> {
    if (this.#joined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`node ${this.nodeId} did not join within ${ms} ms:\n${this.#log}`)),
        ms,
      );
      this.#joinWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends the signal and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive()) return;
    this.#proc!.kill(signal);
    await this.#exited;
  }

  /** SIGKILL without waiting, for an exit handler. */
  killNow(): void {
    if (this.alive()) this.#proc!.kill('SIGKILL');
  }
}

export interface BenchClusterOptions {
  /** Flags for every broker, after the cluster's own. */
  args?: string[];
  /** Parent of the data dirs (default the OS temp dir). */
  parentDir?: string;
  /** Wait until every broker logged joining (default true). */
  waitJoined?: boolean;
}

export class BenchCluster {
  readonly nodes: BenchNode[] = [];
  readonly #opts: BenchClusterOptions;
  readonly #onExit = () => {
    for (const n of this.nodes) n.killNow();
  };

  private constructor(opts: BenchClusterOptions) {
    this.#opts = opts;
    // An interrupted bench must not leave brokers behind.
    process.once('exit', this.#onExit);
  }

  /** Starts n brokers with node ids 1..n, each naming the others in --peers. */
  static async start(n: number, opts: BenchClusterOptions = {}): Promise<BenchCluster> {
    const c = new BenchCluster(opts);
    const ports: number[] = [];
    while (ports.length < n) {
      const p = await freePort();
      if (!ports.includes(p)) ports.push(p);
    }
    for (let i = 0; i < n; i++)
      c.nodes.push(
        c.#node(
          i + 1,
          ports[i]!,
          ports.filter((_, j) => j !== i),
        ),
      );
    try {
      await Promise.all(c.nodes.map((x) => x.start()));
      if (opts.waitJoined !== false) await Promise.all(c.nodes.map((x) => x.waitJoined()));
    } catch (err) {
      await c.destroy();
      throw err;
    }
    return c;
  }

  /** Every broker's address, comma-separated: a client's bootstrap list. */
  get bootstrap(): string {
    return this.nodes.map((n) => n.address).join(',');
  }

  live(): BenchNode[] {
    return this.nodes.filter((n) => n.alive());
  }

  node(id: number): BenchNode {
    const found = this.nodes.find((n) => n.nodeId === id);
    if (found === undefined) throw new Error(`no node ${id}`);
    return found;
  }

  /** A new broker (not yet started) naming the running ones in --peers. */
  async add(nodeId: number): Promise<BenchNode> {
    const port = await freePort();
    const n = this.#node(
      nodeId,
      port,
      this.live().map((x) => x.port),
    );
    this.nodes.push(n);
    return n;
  }

  /** SIGKILLs every broker and removes the data dirs. */
  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.kill('SIGKILL')));
    for (const n of this.nodes) rmSync(n.dataDir, { recursive: true, force: true });
    process.off('exit', this.#onExit);
  }

  #node(nodeId: number, port: number, peerPorts: number[]): BenchNode {
    const dataDir = mkdtempSync(join(this.#opts.parentDir ?? tmpdir(), `runnel-bench-cluster-${nodeId}-`));
    const args = [
      '--node-id',
      String(nodeId),
      '--listen',
      `127.0.0.1:${port}`,
      '--data-dir',
      dataDir,
      ...(peerPorts.length > 0 ? ['--peers', peerPorts.map((p) => `127.0.0.1:${p}`).join(',')] : []),
      ...(this.#opts.args ?? []),
    ];
    return new BenchNode(nodeId, port, dataDir, args);
  }
}

/** What one broker's Metadata answer says about the cluster. */
export interface BrokerView {
  /** The registered, unfenced brokers, sorted. */
  brokers: number[];
  /** -1 when the broker knows of none. */
  controllerId: number;
}

/**
 * Asks brokers for their own view (Metadata with no topics), one connection per broker kept open between
 * polls. A broker that is down or slow gives null, after at most `timeoutMs`.
 */
export class ViewPoller {
  readonly #conns = new Map<string, Connection>();

  constructor(private readonly timeoutMs = 1000) {}

  async view(address: string): Promise<BrokerView | null> {
    let conn = this.#conns.get(address);
    if (conn === undefined) {
      const [host, port] = address.split(':');
      conn = new Connection({
        host: host!,
        port: Number(port),
        clientId: 'bench-cluster-view',
        requestTimeoutMs: this.timeoutMs,
        connectTimeoutMs: this.timeoutMs,
        maxInFlight: 1,
        maxQueued: 1,
        maxResponseBytes: 1 << 20,
        reconnectBackoffMs: 10,
        reconnectBackoffMaxMs: 50,
      });
      this.#conns.set(address, conn);
    }
    try {
      const res = await conn.request(MetadataApi, createMetadataRequest({ topics: [] }));
      return {
        brokers: res.brokers.map((b) => b.nodeId).sort((a, b) => a - b),
        controllerId: res.controllerId,
      };
    } catch {
      // A connection that failed or timed out is closed for good: the next poll opens a new one.
      conn.close();
      this.#conns.delete(address);
      return null;
    }
  }

  close(): void {
    for (const c of this.#conns.values()) c.close();
    this.#conns.clear();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls until `done` holds for the views of every address, every `intervalMs`; resolves with the
 * milliseconds from `since` (a performance.now() reading) to the first poll round that satisfied it, or
 * rejects after `timeoutMs`.
 */
export async function until(
  poller: ViewPoller,
  addresses: readonly string[],
  done: (views: (BrokerView | null)[]) => boolean,
  since: number,
  { intervalMs = 20, timeoutMs = 60_000 } = {},
): Promise<number> {
  for (;;) {
    const views = await Promise.all(addresses.map((a) => poller.view(a)));
    const now = performance.now();
    if (done(views)) return now - since;
    if (now - since > timeoutMs) {
      throw new Error(`not within ${timeoutMs} ms; last views: ${JSON.stringify(views)}`);
    }
    await sleep(intervalMs);
  }
}
