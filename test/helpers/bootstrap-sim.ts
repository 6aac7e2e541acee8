// Brokers forming a cluster in one process: each is a Membership plus a ClusterBootstrap wired as the broker
// wires them (meta published through updateMeta, packets labelled once decided), on a seeded simulated
// network with a ManualClock. Bootstrap records live in memory stores that outlive crashes, as a data
// directory does.
import { ManualClock } from '../../dist/clock.js';
import { type BootstrapDecision, ClusterBootstrap } from '../../dist/cluster/bootstrap.js';
import { MemoryBootstrapStore } from '../../dist/cluster/bootstrap-store.js';
import {
  LOCAL_MEMBERSHIP_CONFIG,
  Membership,
  type MembershipConfig,
  resolveMembershipConfig,
} from '../../dist/cluster/membership/index.js';
import { type SimFaults, SimNetwork } from '../../dist/cluster/sim/network.js';
import { SeededRandom } from '../../dist/random.js';

export interface Broker {
  id: number;
  address: string;
  membership: Membership;
  bootstrap: ClusterBootstrap;
  running: boolean;
  /** Clock time this life of the broker decided, or null. */
  decidedAt: number | null;
  startedAt: number;
}

export class BootstrapSim {
  readonly clock = new ManualClock(0);
  readonly random: SeededRandom;
  readonly net: SimNetwork;
  readonly config: MembershipConfig;
  readonly brokers = new Map<number, Broker>();
  readonly stores = new Map<number, MemoryBootstrapStore>();
  /** The first decision each broker ever made: a later one that differs is a violation. */
  readonly firstDecision = new Map<number, string>();
  readonly violations: string[] = [];
  readonly conflicts: string[] = [];
  readonly log: string[] = [];

  constructor(
    readonly seed: number,
    faults?: Partial<SimFaults>,
    config: Partial<MembershipConfig> = {},
  ) {
    this.random = new SeededRandom(seed);
    this.net = new SimNetwork(this.clock, this.random.fork(), {
      dropRate: 0,
      duplicateRate: 0,
      minDelayMs: 1,
      maxDelayMs: 5,
      ...faults,
    });
    this.config = resolveMembershipConfig(config, LOCAL_MEMBERSHIP_CONFIG);
  }

  static address(id: number): string {
    return `10.0.1.${id}:9093`;
  }

  /** Starts (or restarts, with its stored record) broker `id` with --peers and --bootstrap-expect. */
  start(id: number, peers: readonly number[], expect = 1 + peers.length): Broker {
    const address = BootstrapSim.address(id);
    let store = this.stores.get(id);
    if (store === undefined) {
      store = new MemoryBootstrapStore();
      this.stores.set(id, store);
    }
    const logSink = {
      info: (msg: string) => this.log.push(`${this.clock.now()} ${id}: ${msg}`),
      debug: () => {},
      warn: (msg: string) => this.log.push(`${this.clock.now()} ${id} WARN: ${msg}`),
    };
    const bootstrap = new ClusterBootstrap({
      nodeId: id,
      bootstrapExpect: expect,
      store,
      clock: this.clock,
      random: this.random.fork(),
      log: logSink,
    });
    let membership: Membership | null = null;
    const endpoint = this.net.attach(address, {
      datagram: (from, bytes) => membership?.receiveDatagram(from, bytes),
      stream: (from, bytes) => membership?.receiveStream(from, bytes),
    });
    const m = new Membership({
      config: this.config,
      self: { nodeId: id, address, clientHost: `10.0.1.${id}`, clientPort: 9092, rack: null, voter: false },
      clock: this.clock,
      random: this.random.fork(),
      transport: endpoint,
      meta: bootstrap.meta,
      log: { info: () => {}, debug: () => {}, warn: () => {} },
      onChange: () => bootstrap.observe(m.members()),
      onForeignCluster: (clusterId, from) => bootstrap.observeForeignCluster(clusterId, from),
    });
    membership = m;
    const broker: Broker = {
      id,
      address,
      membership: m,
      bootstrap,
      running: true,
      decidedAt: null,
      startedAt: this.clock.now(),
    };
    this.brokers.set(id, broker);
    bootstrap.onMetaChange((meta) => m.updateMeta(meta));
    bootstrap.onConflict((message) => this.conflicts.push(`${id}: ${message}`));
    bootstrap.onDecided((d) => {
      m.setClusterId(d.clusterId);
      broker.decidedAt = this.clock.now();
      this.#checkDecision(id, d);
    });
    m.start(peers.map((p) => BootstrapSim.address(p)));
    bootstrap.observe(m.members());
    return broker;
  }

  crash(id: number): void {
    const b = this.brokers.get(id)!;
    b.running = false;
    b.membership.stop();
    this.net.detach(b.address);
  }

  run(ms: number): void {
    this.clock.advance(ms);
  }

  /** Runs until check() holds (checked every 100 ms) or limitMs passes; the time it took, or -1. */
  runUntil(limitMs: number, check: () => boolean): number {
    const start = this.clock.now();
    while (this.clock.now() - start <= limitMs) {
      if (check()) return this.clock.now() - start;
      this.clock.advance(100);
    }
    return -1;
  }

  running(): Broker[] {
    return [...this.brokers.values()].filter((b) => b.running);
  }

  allDecided(): boolean {
    return this.running().every((b) => b.bootstrap.decision !== null);
  }

  /** Every decision persisted by any broker, running or not: "clusterId [voters]" -> node ids. */
  clusters(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const [id, store] of this.stores) {
      const r = store.load();
      if (r === null || r.clusterId === null) continue;
      const key = `${r.clusterId} [${r.voters!.join(',')}]`;
      out.set(
        key,
        [...(out.get(key) ?? []), id].sort((a, b) => a - b),
      );
    }
    return out;
  }

  /**
   * Null when the persisted decisions are safe: one voter set has one cluster id, distinct voter sets share
   * no member, and at most one voter set has a majority of its members holding it (unless `separate`: with
   * 2k brokers or more, groups that never heard of each other may form separate clusters). Else what is wrong.
   */
  splitBrain(separate = false): string | null {
    const byVoters = new Map<string, string>();
    const sets: { id: string; voters: number[]; holders: number[] }[] = [];
    for (const [key, holders] of this.clusters()) {
      const [id, list] = key.split(' ') as [string, string];
      const voters = list.slice(1, -1).split(',').map(Number);
      const prev = byVoters.get(list);
      if (prev !== undefined && prev !== id) return `voters ${list} have two cluster ids: ${prev} and ${id}`;
      byVoters.set(list, id);
      sets.push({ id, voters, holders });
    }
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        const shared = sets[i]!.voters.filter((v) => sets[j]!.voters.includes(v));
        if (shared.length > 0 && sets[i]!.id !== sets[j]!.id)
          return `voter sets [${sets[i]!.voters}] and [${sets[j]!.voters}] share ${shared}`;
      }
    }
    const majorities = sets.filter(
      (s) => s.voters.filter((v) => s.holders.includes(v)).length * 2 > s.voters.length,
    );
    if (majorities.length > 1 && !separate)
      return `two clusters with a majority: ${majorities.map((s) => s.id).join(', ')}`;
    return null;
  }

  dump(): string {
    const lines: string[] = [];
    for (const b of this.brokers.values()) {
      lines.push(`broker ${b.id} ${b.running ? 'running' : 'stopped'}: ${b.bootstrap.status()}`);
    }
    return lines.join('\n');
  }

  #checkDecision(id: number, d: BootstrapDecision): void {
    const key = `${d.clusterId} [${d.voters.join(',')}]`;
    const first = this.firstDecision.get(id);
    if (first === undefined) this.firstDecision.set(id, key);
    else if (first !== key) this.violations.push(`broker ${id} decided ${first}, later ${key}`);
    if (d.role !== (d.voters.includes(id) ? 'voter' : 'observer')) this.violations.push(`broker ${id} role`);
  }
}
