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
import type { History, PartitionEnd, ReplicaLog, SendRecord } from './history.js';
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
import { checkTransactions, formatTxnCounts, type TxnCheckResult, type TxnHistory } from './txn-checker.js';
import { readCommitted, TxnWorkload, txnEnds } from './txn-workload.js';
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
  /**
   * append (default): idempotent producers writing single values. txn: transactional producers committing
   * and aborting transactions over many partitions, judged also by what read_committed reads (txn-checker.ts).
   */
  workload?: 'append' | 'txn';
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
/** Transactional producers' transaction timeout: what a replaced producer left open is aborted by then. */
const TRANSACTION_TIMEOUT_MS = 10_000;

export interface RunReport {
  /** The faults scheduled (the same for the same seed and options). */
  steps: FaultStep[];
  result: CheckResult;
  history: History;
  /** The transactional verdict (workload txn only); `ok` below covers both. */
  txnResult?: TxnCheckResult;
  txnHistory?: TxnHistory;
  ok: boolean;
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
  let txnWorkload: TxnWorkload | null = null;
  const txn = o.workload === 'txn';
  const probeSends: SendRecord[] = [];
  let live: LiveReader | null = null;
  try {
    const topic = `jepsen-${o.seed}`;
    await createTopic(cluster, topic, o);
    o.log(`topic ${topic}: ${o.partitions} partitions, replication factor ${o.replicationFactor}`);

    if (txn) {
      txnWorkload = new TxnWorkload({
        bootstrap: cluster.bootstrap,
        topic,
        partitions: o.partitions,
        producers: o.producers,
        rate: o.rate,
        seed: o.seed,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        transactionTimeoutMs: TRANSACTION_TIMEOUT_MS,
      });
      txnWorkload.start();
    } else {
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
    }
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
      workload?.sends ?? probeSends,
    );
    const writableMs = probeMs < 0 || recoveryMs < 0 ? -1 : recoveryMs + probeMs;
    o.log(
      writableMs < 0
        ? `not every partition took an acks=all write within ${o.maxRecoveryMs} ms`
        : `every partition took an acks=all write after ${writableMs} ms`,
    );
    await new Promise((r) => setTimeout(r, AFTER_HEAL_MS));
    await workload?.stop();
    await txnWorkload?.stop();
    await live.stop();
    if (workload !== null) {
      o.log(
        `producers stopped (${workload.sends.length} sends, ${workload.skipped} ticks skipped at the limit)`,
      );
    }
    if (txnWorkload !== null) {
      o.log(
        `producers stopped (${txnWorkload.txns.length} transactions, ${txnWorkload.replaced} producers replaced)`,
      );
    }
    let txnHistory: TxnHistory | undefined;
    if (txnWorkload !== null) {
      // Before the brokers stop: the last stable offsets, then what read_committed reads up to them.
      const committedEnds = await txnEnds(cluster.bootstrap, topic, TRANSACTION_TIMEOUT_MS + o.maxRecoveryMs);
      txnHistory = {
        txns: txnWorkload.txns,
        committedReads: await readCommitted(cluster.bootstrap, topic, committedEnds, 60_000),
        ends: committedEnds,
        plainWrites: probeSends.map((s) => ({
          value: s.value,
          partition: s.partition,
          offset: s.offset,
          acked: s.outcome === 'ok',
        })),
      };
    }

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
      sends: workload?.sends ?? [...probeSends, ...txnSends(txnWorkload!)],
      reads,
      liveReads: live.reads,
      ends,
      replicas,
      recoveryMs,
      writableMs,
      maxRecoveryMs: o.maxRecoveryMs,
    };
    const result = check(history);
    const txnResult = txnHistory === undefined ? undefined : checkTransactions(txnHistory);
    const ok = result.ok && (txnResult?.ok ?? true);
    const text = [
      `seed ${o.seed}, ${o.brokers} brokers, ${o.partitions} partitions, replication factor ${o.replicationFactor}, min.insync.replicas ${o.minInsync}, faults ${kinds.join(',') || 'none'}`,
      `faults applied: ${nemesis.applied.length}`,
      `after faults: led again in ${recoveryMs < 0 ? 'never' : `${recoveryMs} ms`}, writable in ${writableMs < 0 ? 'never' : `${writableMs} ms`} (limit ${o.maxRecoveryMs} ms each)`,
      formatCounts(result.counts),
      ...(txnResult === undefined ? [] : [formatTxnCounts(txnResult.counts)]),
      ok
        ? 'valid: no violation'
        : `INVALID:\n  ${[...result.violations, ...(txnResult?.violations ?? [])].join('\n  ')}`,
    ].join('\n');
    if (!ok || o.keepDir !== undefined) keep(cluster, history, o, txnHistory);
    return { steps, result, history, txnResult, txnHistory, ok, text };
  } catch (err) {
    keep(cluster, history, o);
    throw err;
  } finally {
    // On a failure part way, the clients must not keep the process alive.
    workload?.abort();
    await txnWorkload?.stop().catch(() => {});
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

/**
 * The transactional writes as single sends, for the log-level checks: a write the leader acknowledged is in
 * the log at its offset whatever its transaction's outcome (read_uncommitted sees it); one without an answer
 * is unknown.
 */
function txnSends(w: TxnWorkload): SendRecord[] {
  return w.txns.flatMap((t) =>
    t.writes.map((wr, i) => ({
      producer: `${t.producer}-t${t.txn}`,
      seq: i,
      value: wr.value,
      partition: wr.partition,
      outcome: wr.offset >= 0 ? ('ok' as const) : ('info' as const),
      offset: wr.offset,
    })),
  );
}

/** Leaves the brokers' logs and the history where a failing run can be studied. */
function keep(cluster: FaultCluster, history: History | null, o: RunOptions, txnHistory?: TxnHistory): void {
  const dir = o.keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `runnel-nemesis-seed${o.seed}-`));
  fs.mkdirSync(dir, { recursive: true });
  for (const node of cluster.nodes)
    fs.writeFileSync(path.join(dir, `node-${node.nodeId}.log`), cluster.logs(node));
  if (history !== null) fs.writeFileSync(path.join(dir, 'history.json'), JSON.stringify(history));
  if (txnHistory !== undefined)
    fs.writeFileSync(path.join(dir, 'txn-history.json'), JSON.stringify(txnHistory));
  o.log(`logs${history !== null ? ' and history' : ''} kept in ${dir}`);
}
