// One fault run from start to verdict: brokers up, topic created, producers writing while the nemesis plays
// its seeded schedule, faults healed and the time to a leader everywhere measured, every partition read back,
// brokers stopped and their replicas read from disk, then the checker. The CLI (scripts/nemesis.ts) and the
// short run in npm test (test/jepsen-short.test.ts) both call runFaults.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '../../../dist/client/index.js';
import { type CheckResult, check, formatCounts } from './checker.js';
import { type FaultCluster, startFaultCluster } from './cluster.js';
import type { History, PartitionEnd, ReplicaLog } from './history.js';
import {
  describeStep,
  type FaultKind,
  type FaultStep,
  Nemesis,
  schedule,
  usableKinds,
  waitForLeaders,
} from './nemesis.js';
import { readReplica } from './replicas.js';
import { LiveReader, probeWrites, readAll, Workload } from './workload.js';

export interface RunOptions {
  brokers: number;
  partitions: number;
  replicationFactor: number;
  minInsync: number;
  durationMs: number;
  seed: number;
  faults: FaultKind[];
  producers: number;
  kafkajs: boolean;
  /** Records per second per producer. */
  rate: number;
  /**
   * Apply every fault asked for even where it must lose acknowledged data (power loss at replication factor
   * 1): shows the checker catching a loss.
   */
  unsafe?: boolean;
  /** Caps each fault's hold time (default: per-kind ranges in nemesis.ts). */
  maxHoldMs?: number;
  /** Longest time, after the faults stop, until every partition has a leader again. */
  maxRecoveryMs: number;
  /** Extra broker flags. */
  brokerArgs: string[];
  /** Where the brokers' logs and the history are left: always when given, else a new temp dir on failure. */
  keepDir?: string;
  log: (line: string) => void;
}

export const RUN_DEFAULTS = {
  brokers: 3,
  partitions: 6,
  replicationFactor: 3,
  minInsync: 2,
  durationMs: 60_000,
  producers: 3,
  kafkajs: false,
  rate: 100,
  maxRecoveryMs: 30_000,
} as const;

const REQUEST_TIMEOUT_MS = 5000;
const DELIVERY_TIMEOUT_MS = 30_000;
/** Producers keep writing this long after the last fault is healed. */
const AFTER_HEAL_MS = 3000;

export interface RunReport {
  /** The faults scheduled (the same for the same seed and options). */
  steps: FaultStep[];
  result: CheckResult;
  history: History;
  /** Printable summary: seed, faults applied, counts, violations. */
  text: string;
}

export async function runFaults(o: RunOptions): Promise<RunReport> {
  const { kinds, notes } = o.unsafe
    ? { kinds: o.faults, notes: ['unsafe: every fault applied as asked, even where it must lose data'] }
    : usableKinds(o.faults, o.replicationFactor);
  const steps = schedule({
    seed: o.seed,
    durationMs: o.durationMs,
    partitions: o.partitions,
    kinds,
    replicationFactor: o.replicationFactor,
    maxHoldMs: o.maxHoldMs,
  });
  for (const n of notes) o.log(`nemesis: ${n}`);
  o.log(`seed ${o.seed}: ${steps.length} faults scheduled`);
  for (const s of steps) o.log(`  ${describeStep(s)}`);

  const cluster = await startFaultCluster(o.brokers, {
    args: ['--fsync', 'never', ...o.brokerArgs],
    namespaces: kinds.includes('partition'),
  });
  let history: History | null = null;
  let workload: Workload | null = null;
  let live: LiveReader | null = null;
  try {
    const topic = `jepsen-${o.seed}`;
    await createTopic(cluster, topic, o);
    o.log(`topic ${topic}: ${o.partitions} partitions, replication factor ${o.replicationFactor}`);

    workload = new Workload({
      bootstrap: cluster.bootstrap,
      topic,
      partitions: o.partitions,
      producers: o.producers,
      kafkajs: o.kafkajs,
      rate: o.rate,
      maxOutstanding: Math.max(100, o.rate * 10),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      deliveryTimeoutMs: DELIVERY_TIMEOUT_MS,
    });
    workload.start();
    live = new LiveReader(cluster.bootstrap, topic, o.partitions);
    const powerBudget = o.unsafe === true ? Number.POSITIVE_INFINITY : Math.max(0, o.minInsync - 1);
    const nemesis = new Nemesis(cluster, topic, steps, o.seed, o.log, powerBudget);
    let nemesisError: Error | null = null;
    await nemesis.run(o.durationMs).catch((err: Error) => {
      nemesisError = err;
    });
    await healEverything(cluster);
    if (nemesisError !== null) throw nemesisError;
    const recoveryMs = await waitForLeaders(cluster.bootstrap, topic, o.partitions, o.maxRecoveryMs);
    o.log(`faults over: every partition led again after ${recoveryMs < 0 ? 'never' : `${recoveryMs} ms`}`);
    const probeMs = await probeWrites(
      cluster.bootstrap,
      topic,
      o.partitions,
      o.maxRecoveryMs,
      workload.sends,
    );
    const writableMs = probeMs < 0 || recoveryMs < 0 ? -1 : recoveryMs + probeMs;
    o.log(
      writableMs < 0
        ? `not every partition took an acks=all write within ${o.maxRecoveryMs} ms`
        : `every partition took an acks=all write after ${writableMs} ms`,
    );
    await new Promise((r) => setTimeout(r, AFTER_HEAL_MS));
    await workload.stop();
    await live.stop();
    o.log(
      `producers stopped (${workload.sends.length} sends, ${workload.skipped} ticks skipped at the limit)`,
    );

    const ends = await partitionEnds(cluster, topic, o);
    const reads = await readAll(
      cluster.bootstrap,
      topic,
      new Map(ends.map((e) => [e.partition, e.highWatermark])),
      60_000,
    );
    await cluster.stopAll();
    const replicas: ReplicaLog[] = [];
    for (const node of cluster.nodes) {
      for (let p = 0; p < o.partitions; p++) {
        const r = readReplica(node.dataDir, node.nodeId, topic, p);
        if (r !== null) replicas.push(r);
      }
    }
    history = {
      partitions: o.partitions,
      sends: workload.sends,
      reads,
      liveReads: live.reads,
      ends,
      replicas,
      recoveryMs,
      writableMs,
      maxRecoveryMs: o.maxRecoveryMs,
    };
    const result = check(history);
    const text = [
      `seed ${o.seed}, ${o.brokers} brokers, ${o.partitions} partitions, replication factor ${o.replicationFactor}, min.insync.replicas ${o.minInsync}, faults ${kinds.join(',') || 'none'}`,
      `faults applied: ${nemesis.applied.length}`,
      `after faults: led again in ${recoveryMs < 0 ? 'never' : `${recoveryMs} ms`}, writable in ${writableMs < 0 ? 'never' : `${writableMs} ms`} (limit ${o.maxRecoveryMs} ms each)`,
      formatCounts(result.counts),
      result.ok ? 'valid: no violation' : `INVALID:\n  ${result.violations.join('\n  ')}`,
    ].join('\n');
    if (!result.ok || o.keepDir !== undefined) keep(cluster, history, o);
    return { steps, result, history, text };
  } catch (err) {
    keep(cluster, history, o);
    throw err;
  } finally {
    // On a failure part way, the clients must not keep the process alive.
    workload?.abort();
    await live?.stop().catch(() => {});
    await cluster.destroy();
  }
}

async function createTopic(cluster: FaultCluster, topic: string, o: RunOptions): Promise<void> {
  const client = new Client({ brokers: cluster.bootstrap, clientId: 'nemesis-setup' });
  try {
    await client.admin().createTopics([
      {
        topic,
        numPartitions: o.partitions,
        replicationFactor: o.replicationFactor,
        configs: { 'min.insync.replicas': String(o.minInsync) },
      },
    ]);
  } finally {
    await client.close();
  }
}

/** SIGCONT to every stopped broker, a restart for every dead one, every cut link healed. */
async function healEverything(cluster: FaultCluster): Promise<void> {
  cluster.healLinks();
  for (const node of cluster.nodes) {
    if (node.alive()) await node.signal('SIGCONT');
    else await cluster.restart(node);
  }
}

/** High watermark and ISR of every partition, once the ISR holds every replica again (or after maxRecoveryMs). */
async function partitionEnds(cluster: FaultCluster, topic: string, o: RunOptions): Promise<PartitionEnd[]> {
  const client = new Client({ brokers: cluster.bootstrap, clientId: 'nemesis-ends', requestTimeoutMs: 5000 });
  try {
    const admin = client.admin();
    const deadline = Date.now() + o.maxRecoveryMs;
    for (;;) {
      try {
        const [t] = await admin.describeTopics([topic]);
        const full = t!.partitions.every((p) => p.leader >= 0 && p.isr.length >= p.replicas.length);
        if (full || Date.now() > deadline) {
          if (!full) o.log('ISR did not grow back to every replica; comparing the ISR only');
          const hw = await admin.listOffsets(topic, 'latest');
          return t!.partitions.map((p) => ({
            partition: p.partition,
            highWatermark: Number(hw.find((x) => x.partition === p.partition)?.offset ?? 0),
            isr: p.isr,
            replicas: p.replicas,
          }));
        }
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await client.close();
  }
}

/** Leaves the brokers' logs and the history where a failing run can be studied. */
function keep(cluster: FaultCluster, history: History | null, o: RunOptions): void {
  const dir = o.keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `runnel-nemesis-seed${o.seed}-`));
  fs.mkdirSync(dir, { recursive: true });
  for (const node of cluster.nodes)
    fs.writeFileSync(path.join(dir, `node-${node.nodeId}.log`), cluster.logs(node));
  if (history !== null) fs.writeFileSync(path.join(dir, 'history.json'), JSON.stringify(history));
  o.log(`logs${history !== null ? ' and history' : ''} kept in ${dir}`);
}
