// Many membership state machines in one process on a simulated network, all under one seed.
import { ManualClock } from '../../dist/clock.js';
import {
  LOCAL_MEMBERSHIP_CONFIG,
  type Member,
  type MemberState,
  Membership,
  type MembershipConfig,
  resolveMembershipConfig,
} from '../../dist/cluster/membership/index.js';
import { type SimFaults, SimNetwork } from '../../dist/cluster/sim/network.js';
import { SeededRandom } from '../../dist/random.js';

export interface SimNode {
  id: number;
  address: string;
  membership: Membership;
  running: boolean;
}

export class MembershipSim {
  readonly clock = new ManualClock(0);
  readonly random: SeededRandom;
  readonly net: SimNetwork;
  readonly config: MembershipConfig;
  readonly nodes = new Map<number, SimNode>();
  /** Every state change any node saw: "t observer: node state@incarnation". */
  readonly trace: string[] = [];
  /** Problems seen while running (incarnations going backwards and such). */
  readonly violations: string[] = [];
  readonly warnings: string[] = [];
  readonly #lastIncarnation = new Map<string, number>();

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
    return `10.0.0.${id}:9093`;
  }

  /** Starts node `id`, joining through the given seed node ids. */
  start(id: number, seeds: readonly number[], config: Partial<MembershipConfig> = {}): SimNode {
    const address = MembershipSim.address(id);
    const cfg = { ...this.config, ...config };
    let membership: Membership;
    const endpoint = this.net.attach(address, {
      datagram: (from, bytes) => membership.receiveDatagram(from, bytes),
      stream: (from, bytes) => membership.receiveStream(from, bytes),
    });
    membership = new Membership({
      config: cfg,
      self: { nodeId: id, address, clientHost: `10.0.0.${id}`, clientPort: 9092, rack: null, voter: id <= 3 },
      clock: this.clock,
      random: this.random.fork(),
      transport: endpoint,
      log: {
        info: () => {},
        debug: () => {},
        warn: (msg) => this.warnings.push(`${this.clock.now()} ${id}: ${msg}`),
      },
      onChange: (m, previous) => this.#record(id, m, previous),
    });
    const node: SimNode = { id, address, membership, running: true };
    this.nodes.set(id, node);
    membership.start(seeds.map((s) => MembershipSim.address(s)));
    return node;
  }

  /** The process dies: no more messages in or out, no timers. */
  crash(id: number): void {
    const node = this.nodes.get(id)!;
    node.running = false;
    node.membership.stop();
    this.net.detach(node.address);
  }

  /** Runs simulated time forward by ms, firing every timer and delivery due on the way. */
  run(ms: number): void {
    this.clock.advance(ms);
  }

  /** Runs until check() holds (checked every 100 ms) or `limitMs` passes; returns the time it took or -1. */
  runUntil(limitMs: number, check: () => boolean): number {
    const start = this.clock.now();
    while (this.clock.now() - start <= limitMs) {
      if (check()) return this.clock.now() - start;
      this.clock.advance(100);
    }
    return -1;
  }

  running(): SimNode[] {
    return [...this.nodes.values()].filter((n) => n.running);
  }

  /** What `observer` thinks of `subject`: its state, or undefined if unknown. */
  stateOf(observer: number, subject: number): MemberState | undefined {
    return this.nodes.get(observer)!.membership.member(subject)?.state;
  }

  /**
   * Every running node sees every other running node alive, and every stopped node as dead, left or not at
   * all. Returns null when so, else the first disagreement.
   */
  disagreement(): string | null {
    const running = this.running();
    const stopped = [...this.nodes.values()].filter((n) => !n.running);
    for (const o of running) {
      for (const s of running) {
        const st = this.stateOf(o.id, s.id);
        if (st !== 'alive') return `node ${o.id} sees running node ${s.id} as ${st}`;
      }
      for (const s of stopped) {
        const st = this.stateOf(o.id, s.id);
        if (st === 'alive' || st === 'suspect') return `node ${o.id} sees stopped node ${s.id} as ${st}`;
      }
    }
    return null;
  }

  /** Every node's view, one line each, for failure messages. */
  dump(): string {
    const lines: string[] = [];
    for (const n of this.nodes.values()) {
      const view = n.membership
        .members()
        .sort((a, b) => a.nodeId - b.nodeId)
        .map((m) => `${m.nodeId}:${m.state}@${m.incarnation}`);
      lines.push(`node ${n.id} ${n.running ? 'running' : 'stopped'}: ${view.join(' ')}`);
    }
    return lines.join('\n');
  }

  /** Times any running observer declared a running node dead (false positives, given no partition). */
  deathsOf(ids: readonly number[]): string[] {
    return this.trace.filter((t) => ids.some((id) => t.includes(`: node ${id} dead@`)));
  }

  #record(observer: number, m: Readonly<Member>, previous: MemberState | null): void {
    this.trace.push(
      `${this.clock.now()} ${observer}: node ${m.nodeId} ${m.state}@${m.incarnation} (was ${previous})`,
    );
    const key = `${observer}/${m.nodeId}`;
    const last = this.#lastIncarnation.get(key);
    // A member forgotten and learnt again may start over; otherwise incarnations never go back.
    if (last !== undefined && m.incarnation < last && previous !== null) {
      this.violations.push(
        `${this.clock.now()} node ${observer} saw node ${m.nodeId}'s incarnation go ${last} -> ${m.incarnation}`,
      );
    }
    this.#lastIncarnation.set(key, m.incarnation);
  }
}
