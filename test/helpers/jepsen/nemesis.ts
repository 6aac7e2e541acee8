// The nemesis: a fault schedule drawn from a seed before the run (so a seed replays the same faults, in the
// same order, with the same timings and the same choice of target), and the executor that applies it to the
// real brokers. One fault at a time, each healed before the next: kill (SIGKILL, restart after a pause),
// stop (SIGSTOP, SIGCONT: a zombie leader while stopped), partition (the target cut off from the other
// brokers, or from one of them) and power (SIGKILL, a random suffix of each of the topic's active segments
// dropped, a new boot id, restart). Power losses stay within what min.insync.replicas promises: while
// min.insync.replicas - 1 nodes that lost power are not yet back in every ISR (so may be the only ones
// missing an acknowledged record's copies), a further power fault on another node is applied as a kill.
// "Back" means seen out of an ISR after the loss (the controller takes a node that registers after an
// unclean shutdown out of every ISR) and then in every one: an ISR that still lists it before its old
// registration was fenced says nothing about what it holds now.
// Targets are "the leader of partition p" or "the active controller", resolved from Metadata when the fault
// starts; a target that cannot be resolved falls back to a node drawn from the seed.
import { CONNECTION_DEFAULTS, Connection } from '../../../dist/client/connection.js';
import { Client } from '../../../dist/client/index.js';
import { MetadataApi } from '../../../dist/protocol/generated/api-keys.js';
import { createMetadataRequest } from '../../../dist/protocol/generated/metadata.js';
import { ZERO_UUID } from '../../../dist/protocol/reader.js';
import { type Random, randomBetween, randomInt, SeededRandom } from '../../../dist/random.js';
import type { FaultCluster } from './cluster.js';
import { losePageCache } from './replicas.js';

export const FAULT_KINDS = ['kill', 'stop', 'partition', 'power'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type Target = { leaderOf: number } | { controller: true };

export interface FaultStep {
  /** When the fault starts, ms after the nemesis starts (later if the previous step overran). */
  atMs: number;
  kind: FaultKind;
  target: Target;
  /** How long the fault lasts before it is healed. */
  holdMs: number;
  /**
   * partition only: -1 cuts the target off from every other broker; k >= 0 cuts just its link to one other
   * broker (the (k mod n-1)-th other by node id), a partial partition where the rest still reach both.
   */
  peer: number;
}

export interface ScheduleOptions {
  seed: number;
  durationMs: number;
  partitions: number;
  kinds: FaultKind[];
  replicationFactor: number;
  /** Caps every hold time (a short run wants more, shorter faults). */
  maxHoldMs?: number;
}

/** Hold times per fault, ms. A stop longer than the broker session timeout (9 s) gets the broker fenced. */
const HOLD: Record<FaultKind, [number, number]> = {
  kill: [300, 3000],
  stop: [1000, 12_000],
  partition: [2000, 12_000],
  power: [300, 2000],
};
/** At replication factor 1 a cut-off leader leaves its partitions without a leader: kept short. */
const RF1_PARTITION_HOLD: [number, number] = [1000, 4000];
const GAP: [number, number] = [1000, 4000];
const FIRST_AT_MS = 1000;

/**
 * Faults that make sense at this replication factor, and why the others are left out. Power loss at RF 1
 * drops the only copy of acknowledged records, which no replication protocol can keep.
 */
export function usableKinds(
  kinds: FaultKind[],
  replicationFactor: number,
): { kinds: FaultKind[]; notes: string[] } {
  const notes: string[] = [];
  let usable = kinds;
  if (replicationFactor < 2 && kinds.includes('power')) {
    usable = kinds.filter((k) => k !== 'power');
    notes.push('power: skipped at replication factor 1 (it drops the only copy of acknowledged records)');
  }
  if (replicationFactor < 2 && kinds.includes('partition')) {
    notes.push(
      `partition: held ${RF1_PARTITION_HOLD[0]}-${RF1_PARTITION_HOLD[1]} ms at replication factor 1 (a cut-off leader's partitions have no other replica to move to)`,
    );
  }
  return { kinds: usable, notes };
}

export function schedule(o: ScheduleOptions): FaultStep[] {
  const random = new SeededRandom(o.seed);
  const steps: FaultStep[] = [];
  if (o.kinds.length === 0) return steps;
  let t = FIRST_AT_MS;
  while (t < o.durationMs) {
    const kind = o.kinds[randomInt(random, o.kinds.length)]!;
    const target: Target =
      random.next() < 0.3 ? { controller: true } : { leaderOf: randomInt(random, o.partitions) };
    const [lo, hi] = kind === 'partition' && o.replicationFactor < 2 ? RF1_PARTITION_HOLD : HOLD[kind];
    const cap = o.maxHoldMs ?? hi;
    const holdMs = Math.round(randomBetween(random, Math.min(lo, cap), Math.min(hi, cap)));
    if (t + holdMs > o.durationMs) break;
    const peer = kind === 'partition' && random.next() < 0.3 ? randomInt(random, 1000) : -1;
    steps.push({ atMs: t, kind, target, holdMs, peer });
    t += holdMs + Math.round(randomBetween(random, GAP[0], GAP[1]));
  }
  return steps;
}

export function describeStep(s: FaultStep): string {
  const target = 'controller' in s.target ? 'controller' : `leader of partition ${s.target.leaderOf}`;
  const how = s.kind === 'partition' ? (s.peer < 0 ? ' (from all)' : ' (from one peer)') : '';
  return `+${(s.atMs / 1000).toFixed(1)}s ${s.kind} ${target}${how} for ${s.holdMs} ms`;
}

/** The other broker a one-link cut names. */
function peerOf(c: FaultCluster, nodeId: number, peer: number): number {
  const others = c.nodes.map((n) => n.nodeId).filter((id) => id !== nodeId);
  return others[peer % others.length]!;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export class Nemesis {
  readonly #cluster: FaultCluster;
  readonly #topic: string;
  readonly #steps: FaultStep[];
  readonly #random: Random;
  readonly #log: (line: string) => void;
  #stopped = false;
  /** Power losses a new one may add to: min.insync.replicas - 1 (unbounded with --unsafe). */
  readonly #powerBudget: number;
  /** Nodes that lost power and have not been back in every ISR of the topic since. */
  readonly #powerLost = new Set<number>();
  /** Of those, the ones seen out of an ISR since their loss. */
  readonly #seenOut = new Set<number>();
  /** What each applied step did, for the report. */
  readonly applied: string[] = [];

  constructor(
    cluster: FaultCluster,
    topic: string,
    steps: FaultStep[],
    seed: number,
    log: (line: string) => void,
    powerBudget = Number.POSITIVE_INFINITY,
  ) {
    this.#powerBudget = powerBudget;
    this.#cluster = cluster;
    this.#topic = topic;
    this.#steps = steps;
    // Separate from the schedule's stream: fallbacks and power-loss cuts.
    this.#random = new SeededRandom(seed ^ 0x5bd1e995);
    this.#log = log;
  }

  /** Asks run() to stop after the current fault is healed. */
  stop(): void {
    this.#stopped = true;
  }

  /** Plays the schedule, then waits out the rest of `durationMs` (the workload keeps running meanwhile). */
  async run(durationMs: number): Promise<void> {
    const start = Date.now();
    let healedAt = start;
    for (const [i, step] of this.#steps.entries()) {
      // A restart can overrun the plan: keep the smallest gap after it, and start nothing past the end.
      await sleep(Math.max(start + step.atMs, healedAt + GAP[0]) - Date.now());
      if (this.#stopped) return;
      if (Date.now() - start + step.holdMs > durationMs) {
        this.#log(`nemesis: ${this.#steps.length - i} faults left out, the run overran its schedule`);
        break;
      }
      const node = await this.#resolve(step.target);
      const cut =
        step.kind === 'partition' && step.peer >= 0
          ? ` (link to ${peerOf(this.#cluster, node, step.peer)})`
          : '';
      const line = `${describeStep(step)} -> node ${node}${cut}`;
      this.#log(line);
      await this.#apply(step, node);
      healedAt = Date.now();
      this.applied.push(line);
    }
    while (!this.#stopped && Date.now() - start < durationMs)
      await sleep(Math.min(200, start + durationMs - Date.now()));
    // No more faults: the power-loss watchers end too.
    this.#stopped = true;
  }

  async #apply(step: FaultStep, nodeId: number): Promise<void> {
    const c = this.#cluster;
    const node = c.node(nodeId);
    switch (step.kind) {
      case 'kill':
        await node.signal('SIGKILL');
        await sleep(step.holdMs);
        await c.restart(node);
        return;
      case 'stop':
        await node.signal('SIGSTOP');
        await sleep(step.holdMs);
        await node.signal('SIGCONT');
        return;
      case 'partition':
        if (step.peer < 0) c.isolate(nodeId);
        else c.cut(nodeId, peerOf(c, nodeId, step.peer));
        await sleep(step.holdMs);
        c.healLinks();
        return;
      case 'power': {
        const outstanding = await this.#outstandingPowerLosses(nodeId);
        if (outstanding.length >= this.#powerBudget) {
          this.#log(
            `  held back to a kill: node ${outstanding.join(', ')} lost power and is not back in every ISR`,
          );
          await this.#apply({ ...step, kind: 'kill' }, nodeId);
          return;
        }
        this.#powerLost.add(nodeId);
        this.#seenOut.delete(nodeId);
        await node.signal('SIGKILL');
        const cut = losePageCache(node.dataDir, this.#topic, this.#random);
        c.reboot(node);
        this.#log(`  power loss on node ${nodeId}: ${[...cut].map(([p, b]) => `p${p} -${b} B`).join(', ')}`);
        void this.#watchReturn(nodeId);
        await sleep(step.holdMs);
        await c.restart(node);
        return;
      }
    }
  }

  /**
   * Nodes other than `except` whose power loss is outstanding: not back in every ISR of the topic since
   * (a node in an ISR copied everything below the high watermark). Unknown (no Metadata): all of them.
   */
  async #outstandingPowerLosses(except: number): Promise<number[]> {
    return [...this.#powerLost].filter((id) => id !== except);
  }

  /**
   * Polls every broker's view of the topic's ISRs after `nodeId` lost power until it was seen out of one
   * and then, by every broker at once, in all: its loss is no longer outstanding. Each broker is asked
   * itself, as one broker's metadata can lag behind another's: a single answer still listing the old
   * registration in every ISR after the node was seen out would pass for a return (seed 2028, 120 s, with
   * one describeTopics per poll: a second power loss came while the first node was still fenced, and every
   * copy of 1,761 records was cut). A missed out-period, or a broker that does not answer, only keeps the
   * loss outstanding (more kills, never a power fault beyond the promise).
   */
  async #watchReturn(nodeId: number): Promise<void> {
    while (!this.#stopped && this.#powerLost.has(nodeId)) {
      const views = await Promise.all(this.#cluster.nodes.map((n) => isrsAt(n.address, this.#topic)));
      if (views.some((v) => v?.some((isr) => !isr.includes(nodeId)))) this.#seenOut.add(nodeId);
      else if (
        this.#seenOut.has(nodeId) &&
        views.every((v) => v !== null && v.length > 0 && v.every((isr) => isr.includes(nodeId)))
      )
        this.#powerLost.delete(nodeId);
      await sleep(150);
    }
  }

  /** The node a target names now; a seeded choice when Metadata cannot say. */
  async #resolve(target: Target): Promise<number> {
    const fallback = this.#cluster.nodes[randomInt(this.#random, this.#cluster.nodes.length)]!.nodeId;
    const found = await Promise.race([lookup(this.#cluster.bootstrap, this.#topic, target), sleep(5000)]);
    return typeof found === 'number' && found > 0 ? found : fallback;
  }
}

/** The ISRs of the topic's partitions as the broker at `address` sees them, or null (no answer, no topic). */
async function isrsAt(address: string, topic: string): Promise<number[][] | null> {
  const i = address.lastIndexOf(':');
  const conn = new Connection({
    ...CONNECTION_DEFAULTS,
    host: address.slice(0, i),
    port: Number(address.slice(i + 1)),
    clientId: 'nemesis-power',
    requestTimeoutMs: 2000,
    connectTimeoutMs: 2000,
  });
  try {
    await conn.connect();
    const res = await conn.request(
      MetadataApi,
      createMetadataRequest({ topics: [{ topicId: ZERO_UUID, name: topic }], allowAutoTopicCreation: false }),
    );
    const t = res.topics.find((x) => x.name === topic);
    if (t === undefined || t.errorCode !== 0 || t.partitions.length === 0) return null;
    return t.partitions.map((p) => [...p.isrNodes]);
  } catch {
    return null; // mid-fault: ask again
  } finally {
    conn.close();
  }
}

async function lookup(bootstrap: string[], topic: string, target: Target): Promise<number> {
  const client = new Client({ brokers: bootstrap, clientId: 'nemesis', requestTimeoutMs: 2000 });
  try {
    const admin = client.admin();
    if ('controller' in target) return (await admin.describeCluster()).controller ?? -1;
    const [t] = await admin.describeTopics([topic]);
    return t?.partitions.find((p) => p.partition === target.leaderOf)?.leader ?? -1;
  } catch {
    return -1;
  } finally {
    await client.close();
  }
}

/** Waits until every partition has a leader that answers ListOffsets; the time it took, or -1 after `limitMs`. */
export async function waitForLeaders(
  bootstrap: string[],
  topic: string,
  partitions: number,
  limitMs: number,
) {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    const client = new Client({ brokers: bootstrap, clientId: 'nemesis-heal', requestTimeoutMs: 2000 });
    try {
      const admin = client.admin();
      const [t] = await admin.describeTopics([topic]);
      if (t !== undefined && t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0)) {
        // Metadata still names a dead leader until its session times out: the leader must answer too.
        const offsets = await admin.listOffsets(topic, 'latest');
        if (offsets.length === partitions && offsets.every((x) => x.offset >= 0)) return Date.now() - start;
      }
    } catch {
      // not yet
    } finally {
      await client.close();
    }
    await sleep(200);
  }
  return -1;
}
