// The brokers of a fault run: real processes, on loopback (startCluster) or, when links are to be cut, each
// in a network namespace of a lab this run creates (netns.ts), where a blackhole route cuts a link both ways.
// Keeps each node's log across restarts (a process's log starts empty on restart) for a failing run.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClusterNodeProc, JOINED, makeNode, startCluster } from '../cluster-procs.js';
import { createNetLab, type NetLab, netLabUnavailable } from '../netns.js';

const LAB_PORT = 9092;

/** Clusters not yet destroyed, for cleanup on a signal or an unexpected exit. */
const live = new Set<FaultCluster>();

/** Kills and removes every cluster still up: from a signal handler, before exiting. */
export async function destroyAllFaultClusters(): Promise<void> {
  await Promise.all([...live].map((c) => c.destroy()));
}

/** The same, synchronously, for process.on('exit'): SIGKILL, data dirs and lab removed. */
export function destroyAllFaultClustersNow(): void {
  for (const c of live) c.destroyNow();
}

export interface FaultCluster {
  readonly nodes: ClusterNodeProc[];
  readonly bootstrap: string[];
  /** Whether links can be cut (the brokers run in namespaces). */
  readonly canCut: boolean;
  node(id: number): ClusterNodeProc;
  /** Cuts node k off from every other broker (clients, on the host side, still reach it). */
  isolate(k: number): void;
  /** Cuts the link between a and b only. */
  cut(a: number, b: number): void;
  healLinks(): void;
  /** SIGKILL, then a new process on the same port and data dir, its earlier log kept. */
  restart(node: ClusterNodeProc): Promise<void>;
  /**
   * The node's machine restarts (power loss): its boot id changes, so its next start registers as after an
   * unclean shutdown (each broker reads its own boot id file, --boot-id-file).
   */
  reboot(node: ClusterNodeProc): void;
  /** Every log each node wrote, restarts included. */
  logs(node: ClusterNodeProc): string;
  /** SIGTERM every broker (SIGKILL after `ms`), keeping the data dirs. */
  stopAll(ms?: number): Promise<void>;
  /** Kills every process, removes the data dirs and the lab. Safe to call twice. */
  destroy(): Promise<void>;
  /** destroy() without waiting for exits (for process.on('exit')). */
  destroyNow(): void;
}

export async function startFaultCluster(
  n: number,
  opts: { args: string[]; namespaces: boolean },
): Promise<FaultCluster> {
  let nodes: ClusterNodeProc[];
  let lab: NetLab | null = null;
  const boots = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-nemesis-boot-'));
  const bootIdFile = (k: number) => path.join(boots, `node-${k}`);
  const newBoot = (k: number) => fs.writeFileSync(bootIdFile(k), `${randomUUID()}\n`);
  const bootArgs = (k: number) => {
    if (!fs.existsSync(bootIdFile(k))) newBoot(k);
    return ['--boot-id-file', bootIdFile(k)];
  };
  if (opts.namespaces) {
    const why = netLabUnavailable();
    if (why !== null) throw new Error(`cutting links needs network namespaces: ${why}`);
    lab = createNetLab(n);
    nodes = [];
    for (let k = 1; k <= n; k++) {
      const peers = Array.from({ length: n }, (_, j) => j + 1)
        .filter((j) => j !== k)
        .map((j) => `${lab!.host(j)}:${LAB_PORT}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `runnel-nemesis-${k}-`));
      const args = ['--node-id', String(k), '--listen', `${lab.host(k)}:${LAB_PORT}`, '--data-dir', dir];
      args.push('--peers', peers.join(','), ...opts.args, ...bootArgs(k));
      nodes.push(makeNode(k, lab.host(k), LAB_PORT, dir, args, lab.prefix(k)));
    }
  } else {
    nodes = (await startCluster(n, { args: opts.args, argsFor: bootArgs, waitJoined: false })).nodes;
  }
  const earlier = new Map<number, string>();
  let destroyed = false;
  const cluster: FaultCluster = {
    nodes,
    bootstrap: nodes.map((x) => x.address),
    canCut: lab !== null,
    node(id) {
      const found = nodes.find((x) => x.nodeId === id);
      if (found === undefined) throw new Error(`no node ${id}`);
      return found;
    },
    isolate(k) {
      if (lab === null) throw new Error('links can be cut only with namespaces');
      lab.isolate(k);
    },
    cut(a, b) {
      if (lab === null) throw new Error('links can be cut only with namespaces');
      lab.cut(a, b);
    },
    healLinks() {
      lab?.healAll();
    },
    reboot(node) {
      newBoot(node.nodeId);
    },
    async restart(node) {
      if (node.alive()) {
        node.proc.kill('SIGCONT');
        await node.signal('SIGKILL');
      }
      earlier.set(node.nodeId, cluster.logs(node));
      await node.restart();
    },
    logs(node) {
      let current = '';
      try {
        current = node.log();
      } catch {
        // never started
      }
      return (earlier.get(node.nodeId) ?? '') + current;
    },
    async stopAll(ms = 10_000) {
      await Promise.all(
        nodes.map(async (x) => {
          if (!x.alive()) return;
          x.proc.kill('SIGCONT');
          const timer = setTimeout(() => x.proc.kill('SIGKILL'), ms);
          await x.signal('SIGTERM');
          clearTimeout(timer);
        }),
      );
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      live.delete(cluster);
      await Promise.all(
        nodes.map(async (x) => {
          if (x.alive()) {
            x.proc.kill('SIGCONT');
            await x.signal('SIGKILL');
          }
          fs.rmSync(x.dataDir, { recursive: true, force: true });
        }),
      );
      fs.rmSync(boots, { recursive: true, force: true });
      lab?.destroy();
    },
    destroyNow() {
      if (destroyed) return;
      destroyed = true;
      live.delete(cluster);
      for (const x of nodes) {
        if (!x.alive()) continue;
        x.proc.kill('SIGCONT');
        x.proc.kill('SIGKILL');
      }
      for (const x of nodes) fs.rmSync(x.dataDir, { recursive: true, force: true });
      fs.rmSync(boots, { recursive: true, force: true });
      lab?.destroy();
    },
  };
  live.add(cluster);
  try {
    if (lab !== null) await Promise.all(nodes.map((x) => x.restart()));
    await Promise.all(nodes.map((x) => x.waitForLog(JOINED, 30_000)));
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}
