// A whole cluster in one process under one seed: N brokers, each Membership + ClusterBootstrap + (once decided)
// RaftNode + QuorumController + BrokerLifecycle, wired as src/cluster/cluster-node.ts wires them, but over three
// simulated networks (gossip bytes; raft messages as objects; controller RPCs, requests and answers that may
// be lost) that share one ManualClock and one set of partitions. Each broker sees time through its own
// NodeClock, so a CPU stall (nothing of it runs; timers, then deliveries, fire in a burst once it resumes)
// and a crash (every timer of that life is dropped, the raft log loses what it had not flushed) are one flag
// each.
//
// The seed decides everything: the fault profile, start times, faults, the client workload. A run is a
// pure function of it, so a failing seed replays exactly (SIM_SEED=<n>). Invariants are checked as the run
// goes (one leader per epoch, committed entries never differ, every committed entry durable on a majority
// of voters, at most one adopted cluster that can reach a majority, no broker declared dead while it was
// answering) and after heal and quiet time (members converge, one controller, every broker registered and
// unfenced, every acknowledged topic visible everywhere, every image equal to the committed prefix it has
// applied, every voter's log holding the committed prefix).
import { type Clock, ManualClock, type Timer } from '../../dist/clock.js';
import { type BootstrapDecision, ClusterBootstrap } from '../../dist/cluster/bootstrap.js';
import { MemoryBootstrapStore } from '../../dist/cluster/bootstrap-store.js';
import {
  Membership,
  type MembershipConfig,
  resolveMembershipConfig,
} from '../../dist/cluster/membership/index.js';
import {
  BrokerLifecycle,
  type ControllerRpc,
  type ControllerSender,
  controllerRpcs,
  DEFAULT_CONTROLLER_CHANNEL_OPTIONS,
  decodeMetadataRecord,
  MetadataImage,
  QuorumController,
  type SendOptions,
} from '../../dist/cluster/metadata/index.js';
import { MetadataPublisher } from '../../dist/cluster/metadata/publisher.js';
import { DEFAULT_BROKER_SESSION_TIMEOUT_MS } from '../../dist/cluster/metadata/session-defaults.js';
import {
  MemoryQuorumStateStore,
  MemoryRaftLog,
  type RaftEntry,
  type RaftMessage,
  RaftNode,
  resolveRaftConfig,
} from '../../dist/cluster/raft/index.js';
import { isControlEntry } from '../../dist/cluster/raft/voter-set.js';
import { answerReplicaLogInfo } from '../../dist/cluster/replica-log-info.js';
import { type SimFaults, SimNetwork } from '../../dist/cluster/sim/network.js';
import { ErrorCode, KafkaError } from '../../dist/protocol/errors.js';
import type { AlterPartitionResponse } from '../../dist/protocol/generated/alter-partition.js';
import {
  AlterPartitionApi,
  type ApiCodec,
  CreatePartitionsApi,
  CreateTopicsApi,
  DeleteTopicsApi,
  ElectLeadersApi,
  GetReplicaLogInfoApi,
} from '../../dist/protocol/generated/api-keys.js';
import type { CreatePartitionsResponse } from '../../dist/protocol/generated/create-partitions.js';
import type { CreateTopicsResponse } from '../../dist/protocol/generated/create-topics.js';
import type { DeleteTopicsResponse } from '../../dist/protocol/generated/delete-topics.js';
import type { ElectLeadersResponse } from '../../dist/protocol/generated/elect-leaders.js';
import type {
  GetReplicaLogInfoRequest,
  GetReplicaLogInfoResponse,
} from '../../dist/protocol/generated/get-replica-log-info.js';
import { uuidFromBytes } from '../../dist/protocol/uuid.js';
import { type Random, randomInt, SeededRandom } from '../../dist/random.js';

const ZERO_UUID = uuidFromBytes(new Uint8Array(16));
/** Simulated time between two microtask drains: promise continuations (the lifecycle's) run within this. */
const STEP_MS = 10;
/** The longest CPU stall injected where deaths are checked (Lifeguard's bound: docs/ARCHITECTURE.md). */
export const MAX_STALL_MS = 3_000;
/** A majority of voters up and linked elects a leader within this (fetch timeout, elections, backoffs). */
const LIVENESS_MS = 15_000;
/** A broker runs at least this long between two stalls. */
const STALL_GAP_MS = 2_000;

/** What a seed turns into: which faults this run injects, and how hard. */
export interface SimPlan {
  nodes: number;
  faults: SimFaults;
  partitions: boolean;
  crashes: boolean;
  stalls: boolean;
  /** Length of the faulty phase (it starts while the cluster forms). */
  faultMs: number;
  /** The controller's snapshotIntervalBytes (0: never): small, so snapshots are written and installed. */
  snapshotBytes: number;
  /** Whether any broker declared dead while it never crashed is a violation (no partitions, loss <= 10%). */
  lifeguard: boolean;
}

export function planFor(seed: number, nodes: number): SimPlan {
  const r = new SeededRandom(seed ^ 0x5eed);
  const maxDelayMs = 1 + randomInt(r, 40);
  const loss = r.next();
  const dropRate = loss < 0.3 ? 0 : loss < 0.9 ? r.next() * 0.1 : 0.1 + r.next() * 0.2;
  const partitions = r.next() < 0.5;
  return {
    nodes,
    faults: { dropRate, duplicateRate: r.next() * 0.05, minDelayMs: 1, maxDelayMs },
    partitions,
    crashes: r.next() < 0.5,
    stalls: r.next() < 0.6,
    faultMs: 15_000 + randomInt(r, 20_000),
    snapshotBytes: r.next() < 0.3 ? 0 : 256 + randomInt(r, 4_096),
    // SWIM promises nothing when links are cut or most datagrams are lost; Lifeguard's bound is for stalls.
    lifeguard: !partitions && dropRate <= 0.1,
  };
}

export interface SimOptions {
  /** Events kept for the report. */
  traceLimit?: number;
  /** Overrides of what the seed chose. */
  plan?: Partial<SimPlan>;
  /** A broker's metadata log (a broken one, to show the checks catch it). */
  raftLog?: (id: number) => MemoryRaftLog;
  /** Sees (and may change) every committed batch before broker id's controller applies it: a planted bug. */
  tamper?: (id: number, entries: readonly RaftEntry[]) => readonly RaftEntry[];
}

interface Rpc {
  kind: 'req' | 'res';
  id: number;
  apiKey: number;
  body: unknown;
}

/** Time as one broker sees it: its timers die with its life and wait out its CPU stalls. */
class NodeClock implements Clock {
  constructor(
    readonly base: ManualClock,
    readonly node: SimBroker,
  ) {}

  now(): number {
    return this.base.now();
  }

  schedule(ms: number, fn: () => void): Timer {
    const life = this.node.life;
    let cancelled = false;
    let inner: Timer;
    const run = () => {
      if (cancelled || this.node.life !== life || !this.node.running) return;
      const wait = this.node.stalledUntil - this.base.now();
      if (wait > 0) inner = this.base.schedule(wait, run);
      else fn();
    };
    inner = this.base.schedule(ms, run);
    return {
      cancel: () => {
        cancelled = true;
        inner.cancel();
      },
    };
  }

  /** A delivery: after the stall (and after the timers due by then, as Node's event loop runs timers first). */
  deliver(fn: () => void): void {
    const life = this.node.life;
    const run = () => {
      if (this.node.life !== life || !this.node.running) return;
      const wait = this.node.stalledUntil - this.base.now();
      if (wait > 0) this.base.schedule(wait + 1, run);
      else fn();
    };
    run();
  }
}

/** The broker's channel to the active controller (ControllerChannel's retry rules) over the simulated network. */
class SimControllerChannel implements ControllerSender {
  readonly #pending = new Map<number, (body: unknown) => void>();

  constructor(
    readonly sim: ClusterSim,
    readonly node: SimBroker,
    readonly controllerId: () => number,
  ) {}

  async send<Req, Res>(codec: ApiCodec<Req, Res>, body: Req, opts?: SendOptions): Promise<Res> {
    const clock = this.node.clock;
    const o = DEFAULT_CONTROLLER_CHANNEL_OPTIONS;
    const timeoutMs = opts?.timeoutMs ?? o.requestTimeoutMs;
    const deadline = clock.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const target = this.controllerId();
      const left = deadline - clock.now();
      if (target >= 0 && left > 0) {
        const res = await this.#attempt(target, codec.apiKey, body, Math.min(left, o.attemptTimeoutMs));
        if (res !== null && !notControllerEverywhere(res)) return res as Res;
      }
      const backoff = Math.min(o.retryBackoffMaxMs, o.retryBackoffMs * 2 ** Math.min(attempt, 20));
      const wait = Math.min(backoff, deadline - clock.now());
      if (wait <= 0)
        throw new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `${codec.name}: no controller answered`);
      await new Promise<void>((resolve) => clock.schedule(wait, resolve));
    }
  }

  /** A response for this life's request (others are from an earlier life, or given up on). */
  onResponse(id: number, body: unknown): void {
    this.#pending.get(id)?.(body);
  }

  #attempt(target: number, apiKey: number, body: unknown, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve) => {
      const id = this.sim.nextRpcId++;
      const timer = this.node.clock.schedule(timeoutMs, () => {
        this.#pending.delete(id);
        resolve(null);
      });
      this.#pending.set(id, (res) => {
        timer.cancel();
        this.#pending.delete(id);
        resolve(res);
      });
      const msg: Rpc = { kind: 'req', id, apiKey, body };
      this.sim.rpcNet.sendDatagram(String(this.node.id), String(target), msg);
    });
  }
}

function errorCodes(res: unknown): number[] {
  const r = res as Record<string, unknown>;
  if (typeof r.errorCode === 'number') return [r.errorCode];
  for (const key of ['topics', 'results', 'responses']) {
    const list = r[key];
    if (Array.isArray(list)) return list.map((x) => (x as { errorCode: number }).errorCode);
  }
  return [];
}

function notControllerEverywhere(res: unknown): boolean {
  const codes = errorCodes(res);
  return codes.length > 0 && codes.every((c) => c === ErrorCode.NOT_CONTROLLER);
}

/** What a node whose quorum is not running yet answers (cluster-node's notController, in short). */
function notControllerFor(apiKey: number, body: unknown): unknown {
  const b = body as { topics?: { name: string }[] };
  if (apiKey === CreateTopicsApi.apiKey)
    return { topics: (b.topics ?? []).map((t) => ({ name: t.name, errorCode: ErrorCode.NOT_CONTROLLER })) };
  if (apiKey === CreatePartitionsApi.apiKey)
    return { results: (b.topics ?? []).map((t) => ({ name: t.name, errorCode: ErrorCode.NOT_CONTROLLER })) };
  return { errorCode: ErrorCode.NOT_CONTROLLER, isFenced: true };
}

/** One broker: what survives a crash (stores, the raft log's flushed part) and what one life of it runs. */
export class SimBroker {
  readonly id: number;
  readonly clock: NodeClock;
  readonly bootstrapStore = new MemoryBootstrapStore();
  readonly raftLog: MemoryRaftLog;
  readonly quorumStore = new MemoryQuorumStateStore();
  life = 0;
  running = false;
  stalledUntil = 0;
  everCrashed = false;
  membership!: Membership;
  bootstrap!: ClusterBootstrap;
  raft: RaftNode | null = null;
  controller: QuorumController | null = null;
  rpcs: Map<number, ControllerRpc> | null = null;
  channel: SimControllerChannel | null = null;
  lifecycle: BrokerLifecycle | null = null;
  publisher: MetadataPublisher | null = null;
  /** Entries this life handed to its controller, for the consecutive-offset check. */
  applied = 0;
  /** This life's controller's GetReplicaLogInfo requests waiting for an answer (unclean recovery). */
  readonly logInfoPending = new Map<number, (body: GetReplicaLogInfoResponse) => void>();

  constructor(id: number, base: ManualClock, raftLog: MemoryRaftLog) {
    this.id = id;
    this.raftLog = raftLog;
    this.clock = new NodeClock(base, this);
  }
}

export class ClusterSim {
  readonly base = new ManualClock(0);
  readonly random: SeededRandom;
  readonly plan: SimPlan;
  readonly membershipConfig: MembershipConfig = resolveMembershipConfig({});
  readonly gossipNet: SimNetwork;
  readonly raftNet: SimNetwork<RaftMessage>;
  readonly rpcNet: SimNetwork<Rpc>;
  readonly brokers = new Map<number, SimBroker>();
  readonly violations: string[] = [];
  /** The last events, for a failing seed's report. */
  readonly trace: string[] = [];
  readonly traceLimit: number;
  nextRpcId = 1;
  /** What the run went through, for coverage summaries. */
  readonly stats = {
    crashes: 0,
    stalls: 0,
    partitions: 0,
    epochs: 0,
    deaths: 0,
    committed: 0,
    acked: 0,
    snapshotsWritten: 0,
    snapshotsLoaded: 0,
    /** AlterPartition ISR changes answered NONE, and leader changes seen in the committed log. */
    isrChanges: 0,
    leaderChanges: 0,
    /** Preferred-leader elections ElectLeaders made. */
    elections: 0,
    /** Leaders elected with the ISR and ELR empty (KIP-966 unclean recovery: the longest log). */
    recoveries: 0,
  };
  /** epoch -> the node that led it. */
  readonly leaders = new Map<number, number>();
  /** offset -> the committed entry (the first node to commit it; every other must agree). */
  readonly committed = new Map<number, { epoch: number; data: Uint8Array; key: string }>();
  /** Topics a client was told exist, with the partition count it was told. */
  readonly acked = new Map<string, number>();
  /** Topics a client was told are deleted. */
  readonly deleted = new Set<string>();
  /** Topics a client asked to delete (answered or not). */
  readonly #deleting = new Set<string>();
  /** Images made by applying the committed log, by offset (index = offset + 1). */
  readonly #refImages: MetadataImage[] = [MetadataImage.EMPTY];
  readonly #tamper: SimOptions['tamper'] | null;
  #calm: { key: string; since: number } | null = null;
  #livenessReported = false;
  /** Each broker's first decision: a later life must come to the same. */
  readonly #decisions = new Map<number, string>();
  readonly #workload: Random;
  readonly #faultRandom: Random;
  #topicSeq = 0;

  constructor(
    readonly seed: number,
    nodes = 3,
    options: SimOptions = {},
  ) {
    this.random = new SeededRandom(seed);
    this.plan = { ...planFor(seed, nodes), ...options.plan };
    this.traceLimit = options.traceLimit ?? 200;
    this.gossipNet = new SimNetwork(this.base, this.random.fork(), this.plan.faults);
    this.raftNet = new SimNetwork<RaftMessage>(this.base, this.random.fork(), this.plan.faults);
    // A request or its answer may be lost (a connection that dropped) or late, never doubled (TCP).
    this.rpcNet = new SimNetwork<Rpc>(this.base, this.random.fork(), {
      ...this.plan.faults,
      duplicateRate: 0,
    });
    this.#workload = this.random.fork();
    this.#faultRandom = this.random.fork();
    for (let id = 1; id <= this.plan.nodes; id++)
      this.brokers.set(id, new SimBroker(id, this.base, options.raftLog?.(id) ?? new MemoryRaftLog()));
    this.#tamper = options.tamper ?? null;
  }

  note(event: string): void {
    this.trace.push(`${this.base.now()} ${event}`);
    if (this.trace.length > this.traceLimit) this.trace.splice(0, this.trace.length - this.traceLimit);
  }

  violation(what: string): void {
    const v = `${this.base.now()}: ${what}`;
    this.violations.push(v);
    this.note(`VIOLATION ${what}`);
  }

  // ---- a broker's life ----

  /** Starts (or restarts) broker id with its stores, as a process given --peers (every other broker). */
  start(id: number): void {
    const b = this.brokers.get(id)!;
    b.life++;
    b.running = true;
    b.stalledUntil = 0;
    b.raft = null;
    b.controller = null;
    b.rpcs = null;
    b.channel = null;
    b.lifecycle = null;
    b.applied = 0;
    b.logInfoPending.clear();
    b.publisher = new MetadataPublisher(b.clock, () => {});
    this.note(`start ${id} (life ${b.life})`);
    const address = String(id);
    const peers = [...this.brokers.keys()].filter((p) => p !== id).map(String);
    const silent = { info: () => {}, debug: () => {}, warn: () => {} };
    const forkOf = this.random.fork();
    b.bootstrap = new ClusterBootstrap({
      nodeId: id,
      bootstrapExpect: this.plan.nodes,
      store: b.bootstrapStore,
      clock: b.clock,
      random: forkOf.fork(),
      log: silent,
    });
    let membership: Membership | null = null;
    this.gossipNet.attach(address, {
      datagram: (from, bytes) => b.clock.deliver(() => membership?.receiveDatagram(from, bytes)),
      stream: (from, bytes) => b.clock.deliver(() => membership?.receiveStream(from, bytes)),
    });
    this.raftNet.attach(address, {
      datagram: (from, m) => b.clock.deliver(() => b.raft?.receive(Number(from), m)),
      stream: (from, m) => b.clock.deliver(() => b.raft?.receive(Number(from), m)),
    });
    this.rpcNet.attach(address, {
      datagram: (from, m) => b.clock.deliver(() => this.#onRpc(b, from, m)),
      stream: () => {},
    });
    const gossipEndpoint = {
      sendDatagram: (to: string, bytes: Uint8Array) => this.gossipNet.sendDatagram(address, to, bytes),
      sendStream: (to: string, bytes: Uint8Array) => this.gossipNet.sendStream(address, to, bytes),
    };
    const m = new Membership({
      config: this.membershipConfig,
      self: { nodeId: id, address, clientHost: `10.0.2.${id}`, clientPort: 9092, rack: null, voter: false },
      meta: b.bootstrap.meta,
      clock: b.clock,
      random: forkOf.fork(),
      transport: gossipEndpoint,
      log: silent,
      onChange: (member, previous) => {
        if (member.nodeId !== id && member.state === 'dead' && previous !== 'dead')
          this.#onDeath(id, member.nodeId);
        b.bootstrap.observe(m.members());
        // As cluster-node: gossip's verdict fences a dead broker without waiting out its session.
        if ((member.state === 'dead' || member.state === 'left') && member.nodeId !== id)
          b.controller?.fenceDeadBroker(member.nodeId, `declared ${member.state} by gossip`);
      },
      onForeignCluster: (clusterId, from) => b.bootstrap.observeForeignCluster(clusterId, from),
    });
    membership = m;
    b.membership = m;
    const raftRandom = forkOf.fork();
    b.bootstrap.onMetaChange((meta) => m.updateMeta(meta));
    b.bootstrap.onDecided((d) => this.#startQuorum(b, d, raftRandom));
    m.start(peers);
    b.bootstrap.observe(m.members());
  }

  /** The process dies: nothing of this life runs again; the raft log keeps only what it flushed. */
  crash(id: number): void {
    const b = this.brokers.get(id)!;
    if (!b.running) return;
    this.stats.crashes++;
    this.note(`crash ${id} (raft log end ${b.raftLog.endOffset}, flushed ${b.raftLog.flushedOffset})`);
    b.running = false;
    b.everCrashed = true;
    b.membership.stop();
    b.raft?.stop();
    b.controller?.stop();
    for (const net of [this.gossipNet, this.raftNet, this.rpcNet] as SimNetwork<unknown>[])
      net.detach(String(id));
    b.raftLog.loseUnflushed();
    this.#checkDurable(`after node ${id} crashed`);
  }

  /** Nothing of broker id runs for ms: timers and deliveries wait, then come in a burst. */
  stall(id: number, ms: number): void {
    const b = this.brokers.get(id)!;
    // One stall at a time, and time to run between two: Lifeguard's bound is about one stall. Where deaths are
    // checked, one stalled broker in the whole cluster: an observer that stalls past the end of a suspicion
    // fires that timer on waking before it reads the refutation waiting for it (timers before I/O, as Node's
    // event loop), a false death this simulation found and Lifeguard does not prevent.
    const now = this.base.now();
    if (!b.running || b.stalledUntil + STALL_GAP_MS > now) return;
    if (this.plan.lifeguard && [...this.brokers.values()].some((o) => o.stalledUntil + STALL_GAP_MS > now))
      return;
    this.stats.stalls++;
    this.note(`stall ${id} for ${ms} ms`);
    b.stalledUntil = Math.max(b.stalledUntil, this.base.now() + ms);
  }

  /** Cuts every link between a and b (only a -> b when oneWay). */
  partition(a: number[], b: number[], oneWay = false): void {
    this.stats.partitions++;
    this.note(`partition [${a}] ${oneWay ? '->' : '|'} [${b}]`);
    for (const net of [this.gossipNet, this.raftNet, this.rpcNet] as SimNetwork<unknown>[])
      net.partition(a.map(String), b.map(String), oneWay);
  }

  heal(): void {
    this.note('heal');
    for (const net of [this.gossipNet, this.raftNet, this.rpcNet] as SimNetwork<unknown>[]) net.heal();
  }

  setFaults(f: SimFaults): void {
    this.gossipNet.faults = { ...f };
    this.raftNet.faults = { ...f };
    this.rpcNet.faults = { ...f, duplicateRate: 0 };
  }

  #startQuorum(b: SimBroker, d: BootstrapDecision, random: Random): void {
    if (b.raft !== null) return;
    const decided = `${d.clusterId} [${d.voters}] ${d.role}`;
    const first = this.#decisions.get(b.id);
    if (first === undefined) this.#decisions.set(b.id, decided);
    else if (first !== decided) this.violation(`node ${b.id} decided ${first}, after a restart ${decided}`);
    this.note(`node ${b.id} decided cluster ${d.clusterId.slice(0, 6)} voters [${d.voters}] (${d.role})`);
    b.membership?.setClusterId(d.clusterId);
    const address = String(b.id);
    const raft = new RaftNode({
      nodeId: b.id,
      voters: d.voters,
      config: resolveRaftConfig({}),
      clock: b.clock,
      random,
      log: b.raftLog,
      store: b.quorumStore,
      transport: { send: (to, msg) => this.raftNet.sendDatagram(address, String(to), msg) },
      logger: this.#logSink(`node ${b.id} raft`),
      onCommit: (committed, hw) => {
        this.#onCommit(b, committed);
        b.controller!.onCommit(this.#tamper?.(b.id, committed) ?? committed, hw);
        b.publisher!.update(b.controller!.image, hw);
      },
      onLoadSnapshot: (id, records) => {
        this.stats.snapshotsLoaded++;
        this.note(`node ${b.id} loads the snapshot at ${id.endOffset}`);
        b.controller!.onLoadSnapshot(id, records);
        b.publisher!.update(b.controller!.image, id.endOffset);
        b.applied = id.endOffset;
      },
      onLeaderChange: (leaderId, epoch) => {
        b.controller?.onLeaderChange(leaderId);
        if (leaderId === b.id) {
          // As cluster-node: brokers gossip already knows dead need not wait out their sessions.
          for (const m of b.membership.members()) {
            if ((m.state === 'dead' || m.state === 'left') && m.nodeId !== b.id)
              b.controller?.fenceDeadBroker(m.nodeId, `found ${m.state} by gossip`);
          }
        }
        if (leaderId !== b.id) return;
        this.note(`node ${b.id} leads epoch ${epoch}`);
        const prev = this.leaders.get(epoch);
        if (prev !== undefined && prev !== b.id)
          this.violation(`epoch ${epoch} led by both ${prev} and ${b.id}`);
        if (prev === undefined) this.stats.epochs++;
        this.leaders.set(epoch, b.id);
      },
    });
    b.raft = raft;
    const controller = new QuorumController(
      raft,
      b.clock,
      {
        brokerSessionTimeoutMs: DEFAULT_BROKER_SESSION_TIMEOUT_MS,
        snapshotIntervalBytes: this.plan.snapshotBytes,
        // Often enough that leaders move back to preferred replicas within a run; off for odd seeds, where
        // only the client's ElectLeaders moves them.
        leaderImbalanceCheckIntervalMs: 5_000,
        autoLeaderRebalance: this.seed % 2 === 0,
      },
      this.#logSink(`node ${b.id} controller`),
      // Unclean recovery's GetReplicaLogInfo over the controller RPC network (lost, delayed, duplicated).
      (to, request, answer) => {
        const id = this.nextRpcId++;
        b.logInfoPending.set(id, (res) => {
          b.logInfoPending.delete(id);
          answer(res);
        });
        this.rpcNet.sendDatagram(String(b.id), String(to), {
          kind: 'req',
          id,
          apiKey: GetReplicaLogInfoApi.apiKey,
          body: request,
        });
      },
    );
    b.controller = controller;
    b.rpcs = controllerRpcs(controller, {
      clusterId: d.clusterId,
      defaultPartitions: 1,
    });
    const channel = new SimControllerChannel(this, b, () => raft.leaderId);
    b.channel = channel;
    raft.start();
    const publisher = b.publisher!;
    b.lifecycle = new BrokerLifecycle({
      brokerId: b.id,
      clusterId: d.clusterId,
      // Deterministic (the default is crypto-random): broker id and life in a 16-byte uuid.
      incarnationId: uuidFromBytes(Uint8Array.from([b.id, b.life, ...new Array(14).fill(7)])),
      listeners: [{ name: 'PLAINTEXT', host: `10.0.2.${b.id}`, port: 9092, securityProtocol: 0 }],
      rack: null,
      appliedOffset: () => publisher.published?.offset ?? -1,
      channel,
      clock: b.clock,
      onStateChange: (state, epoch) => this.note(`node ${b.id} lifecycle ${state} (broker epoch ${epoch})`),
      logger: {
        info: () => {},
        debug: (msg) => this.note(`node ${b.id}: ${msg}`),
        warn: (msg) => this.note(`node ${b.id}: ${msg}`),
      },
    });
    b.lifecycle.start();
  }

  #onRpc(b: SimBroker, from: string, m: Rpc): void {
    if (m.kind === 'res') {
      if (m.apiKey === GetReplicaLogInfoApi.apiKey)
        b.logInfoPending.get(m.id)?.(m.body as GetReplicaLogInfoResponse);
      else b.channel?.onResponse(m.id, m.body);
      return;
    }
    const life = b.life;
    const reply = (body: unknown) =>
      b.clock.deliver(() => {
        if (b.life === life)
          this.rpcNet.sendDatagram(String(b.id), from, { kind: 'res', id: m.id, apiKey: m.apiKey, body });
      });
    if (m.apiKey === GetReplicaLogInfoApi.apiKey) {
      reply(this.#replicaLogInfo(b, m.body as GetReplicaLogInfoRequest));
      return;
    }
    const rpc = b.rpcs?.get(m.apiKey);
    if (rpc === undefined) {
      reply(notControllerFor(m.apiKey, m.body));
      return;
    }
    rpc
      .handle(m.body, rpc.maxVersion)
      .then(reply, (err: Error) => this.violation(`node ${b.id} rpc ${m.apiKey} threw ${err.message}`));
  }

  /**
   * A broker's GetReplicaLogInfo answer. There are no partition logs here: a replica's "log" is modelled as
   * ending at the metadata offset it has applied, in the leader epoch its image gives the partition, so
   * brokers that fell behind answer shorter logs and the controller's choice varies.
   */
  #replicaLogInfo(b: SimBroker, req: GetReplicaLogInfoRequest): GetReplicaLogInfoResponse {
    const image = b.publisher?.published ?? null;
    return answerReplicaLogInfo(
      {
        topicName: (id) => [...(image?.topics.values() ?? [])].find((t) => t.id === id)?.name,
        replica: (topic, partition) => {
          const p = image?.partition(topic, partition);
          if (image === null || p === undefined || !p.replicas.includes(b.id)) return undefined;
          return {
            logEndOffset: image.offset,
            latestEpoch: p.leaderEpoch,
            leaderEpoch: p.leaderEpoch,
          } as never;
        },
      },
      b.lifecycle?.brokerEpoch ?? -1,
      req,
    );
  }

  /** Info and warnings into the trace; debug too when the trace is long (a replay). */
  #logSink(prefix: string): { info(m: string): void; debug(m: string): void; warn(m: string): void } {
    const put = (m: string) => this.note(`${prefix}: ${m}`);
    return { info: put, warn: put, debug: this.traceLimit > 10_000 ? put : () => {} };
  }

  // ---- checks as the run goes ----

  #onCommit(b: SimBroker, entries: readonly RaftEntry[]): void {
    for (const e of entries) {
      const key = `${e.epoch}:${Buffer.from(e.data).toString('base64')}`;
      const seen = this.committed.get(e.offset);
      if (seen === undefined) this.committed.set(e.offset, { epoch: e.epoch, data: e.data, key });
      else if (seen.key !== key)
        this.violation(
          `node ${b.id} committed epoch ${e.epoch} at offset ${e.offset}, others epoch ${seen.epoch} (or other data)`,
        );
      if (e.offset !== b.applied)
        this.violation(`node ${b.id} applied offset ${e.offset} after ${b.applied - 1}`);
      b.applied = e.offset + 1;
    }
  }

  #onDeath(observer: number, subject: number): void {
    this.stats.deaths++;
    this.note(`node ${observer} declares node ${subject} dead`);
    const s = this.brokers.get(subject)!;
    // Lifeguard: with no partition, a broker that never crashed answered every probe, if late (stalls up to
    // MAX_STALL_MS); declaring it dead is a false positive.
    if (this.plan.lifeguard && !s.everCrashed && s.running)
      this.violation(`node ${observer} declared node ${subject} dead, though it kept answering`);
  }

  /** Every committed entry must be durable (flushed, same epoch) on a majority of the voters. */
  #checkDurable(when: string): void {
    const top = this.committed.size - 1;
    if (top < 0) return;
    const voters = this.#voters();
    if (voters === null) return;
    const want = this.committed.get(top)!;
    const holders = voters.filter((v) => {
      const log = this.brokers.get(v)!.raftLog;
      if (log.logStartOffset > top) return true; // in its snapshot
      return log.flushedOffset > top && log.epochAt(top) === want.epoch;
    });
    if (holders.length * 2 <= voters.length)
      this.violation(
        `${when}: committed offset ${top} is durable only on [${holders}] of voters [${voters}]`,
      );
  }

  #voters(): number[] | null {
    for (const b of this.brokers.values()) {
      const r = b.bootstrapStore.load();
      if (r?.voters) return [...r.voters];
    }
    return null;
  }

  /** Null when safe: one cluster id per voter set, no two voter sets sharing a member, one with a majority. */
  splitBrain(): string | null {
    const sets = new Map<string, { id: string; voters: number[]; holders: number[] }>();
    for (const [node, b] of this.brokers) {
      const r = b.bootstrapStore.load();
      if (r === null || r.clusterId === null) continue;
      const key = `${r.clusterId} [${r.voters!.join(',')}]`;
      const s = sets.get(key) ?? { id: r.clusterId, voters: [...r.voters!], holders: [] };
      s.holders.push(node);
      sets.set(key, s);
    }
    const list = [...sets.values()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const shared = list[i]!.voters.filter((v) => list[j]!.voters.includes(v));
        if (shared.length > 0 || list[i]!.id === list[j]!.id)
          return `adopted [${list[i]!.voters}] as ${list[i]!.id} and [${list[j]!.voters}] as ${list[j]!.id}`;
      }
    }
    const majorities = list.filter(
      (s) => s.voters.filter((v) => s.holders.includes(v)).length * 2 > s.voters.length,
    );
    if (majorities.length > 1)
      return `two clusters with a majority: ${majorities.map((s) => s.id).join(', ')}`;
    return null;
  }

  /** The image of the committed log up to offset (null when part of it was never committed). */
  referenceImage(offset: number): MetadataImage | null {
    while (this.#refImages.length <= offset + 1) {
      const next = this.#refImages.length - 1;
      const e = this.committed.get(next);
      if (e === undefined) return null;
      const prev = this.#refImages[this.#refImages.length - 1]!;
      if (isControlEntry(e.data)) this.#refImages.push(prev.apply([], next));
      else {
        const d = decodeMetadataRecord(e.data);
        if (!d.ok) {
          this.violation(`committed offset ${next} is not a metadata record: ${d.error}`);
          return null;
        }
        let image: MetadataImage;
        try {
          image = prev.apply([d.value], next);
        } catch (err) {
          this.violation(`committed offset ${next} cannot be applied: ${(err as Error).message}`);
          return null;
        }
        this.#checkPartitions(prev, image, next);
        this.#refImages.push(image);
      }
    }
    return this.#refImages[offset + 1]!;
  }

  /**
   * Replication invariants from one committed image to the next: the leader is in the ISR, the ISR is a
   * subset of the replicas (empty only with an eligible replica left), the leader epoch never goes back and grows with every leader change,
   * a new leader was in the ISR before (clean elections), the partition epoch grows with every change.
   */
  #checkPartitions(prev: MetadataImage, next: MetadataImage, offset: number): void {
    for (const t of next.topics.values()) {
      const old = prev.topics.get(t.name);
      if (old === t) continue;
      for (const [i, p] of t.partitions) {
        const q = old?.id === t.id ? old.partitions.get(i) : undefined;
        if (q === p) continue;
        const name = `${t.name}-${i} at offset ${offset}`;
        // Empty only after its last member restarted uncleanly, which leaves someone to elect (KIP-966).
        if (p.isr.length === 0 && p.eligibleLeaderReplicas.length === 0 && p.lastKnownElr.length === 0)
          this.violation(`${name}: empty ISR and no eligible replica`);
        if (p.isr.some((id) => !p.replicas.includes(id)))
          this.violation(`${name}: ISR [${p.isr}] outside the replicas [${p.replicas}]`);
        if (p.leader >= 0 && !p.isr.includes(p.leader))
          this.violation(`${name}: leader ${p.leader} not in the ISR [${p.isr}]`);
        if (q === undefined) continue;
        if (p.leaderEpoch < q.leaderEpoch)
          this.violation(`${name}: leader epoch went back from ${q.leaderEpoch} to ${p.leaderEpoch}`);
        if (p.leader !== q.leader) {
          this.stats.leaderChanges++;
          if (p.leaderEpoch <= q.leaderEpoch)
            this.violation(`${name}: leader ${q.leader} -> ${p.leader} kept leader epoch ${p.leaderEpoch}`);
          // Clean elections only (no topic here allows unclean ones): a new leader comes from the ISR, else
          // the ELR, else (both empty) unclean recovery's longest log among the replicas.
          const eligible =
            q.isr.includes(p.leader) ||
            q.eligibleLeaderReplicas.includes(p.leader) ||
            (q.isr.length === 0 && q.eligibleLeaderReplicas.length === 0 && q.replicas.includes(p.leader));
          if (p.leader >= 0 && !eligible)
            this.violation(`${name}: leader ${p.leader} elected from outside the ISR [${q.isr}]`);
          if (
            p.leader >= 0 &&
            q.isr.length === 0 &&
            q.eligibleLeaderReplicas.length === 0 &&
            q.replicas.length > 1
          )
            this.stats.recoveries++;
        }
        if (p.partitionEpoch <= q.partitionEpoch)
          this.violation(`${name}: changed at partition epoch ${p.partitionEpoch} (was ${q.partitionEpoch})`);
      }
    }
  }

  /** Every running node's image equals the committed prefix it applied; no node failed to apply a record. */
  checkImages(): void {
    for (const b of this.brokers.values()) {
      const c = b.controller;
      if (!b.running || c === null) continue;
      if (c.problems.length > 0) this.violation(`node ${b.id} could not apply: ${c.problems.join('; ')}`);
      if (c.image.offset < 0) continue;
      const ref = this.referenceImage(c.image.offset);
      if (ref === null) {
        this.violation(`node ${b.id} applied offset ${c.image.offset}, beyond anything committed`);
        continue;
      }
      const mine = describeImage(c.image);
      const want = describeImage(ref);
      if (mine !== want)
        this.violation(`node ${b.id}'s image at ${c.image.offset} differs:\n  ${mine}\n  want ${want}`);
    }
  }

  /** Each voter's log holds the committed entries it has, unchanged (prefix property). */
  checkLogs(): void {
    for (const b of this.brokers.values()) {
      const end = Math.min(b.raftLog.endOffset, this.committed.size);
      const start = b.raftLog.logStartOffset;
      for (const e of b.raftLog.read(start, Math.max(0, end - start))) {
        const want = this.committed.get(e.offset)!;
        if (want.epoch !== e.epoch || Buffer.compare(Buffer.from(want.data), Buffer.from(e.data)) !== 0) {
          this.violation(
            `node ${b.id}'s log has epoch ${e.epoch} at committed offset ${e.offset} (epoch ${want.epoch})`,
          );
          break;
        }
      }
    }
  }

  // ---- running ----

  async run(ms: number): Promise<void> {
    const end = this.base.now() + ms;
    while (this.base.now() < end) {
      this.base.advance(Math.min(STEP_MS, end - this.base.now()));
      // Promise continuations (lifecycle, channel, RPC handlers) run here, in a fixed order.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Runs until check() gives null (tested every 100 ms) or limitMs passes; returns the last reason or null. */
  async runUntil(limitMs: number, check: () => string | null): Promise<string | null> {
    const end = this.base.now() + limitMs;
    let why = check();
    while (why !== null && this.base.now() < end) {
      await this.run(100);
      why = check();
    }
    return why;
  }

  running(): SimBroker[] {
    return [...this.brokers.values()].filter((b) => b.running);
  }

  /** Null once the cluster has settled: one controller, members converged, brokers unfenced, topics everywhere. */
  settled(): string | null {
    const running = this.running();
    for (const o of running) {
      for (const s of running) {
        const st = o.membership.member(s.id)?.state;
        if (st !== 'alive') return `node ${o.id} sees node ${s.id} as ${st}`;
      }
    }
    const active = running.filter((b) => b.controller?.isActive === true);
    if (active.length !== 1) return `${active.length} active controllers`;
    const leader = active[0]!;
    for (const b of running) {
      if (b.raft === null) return `node ${b.id} has not decided`;
      if (b.raft.leaderId !== leader.id || b.raft.epoch !== leader.raft!.epoch)
        return `node ${b.id} follows ${b.raft.leaderId} in epoch ${b.raft.epoch}, not ${leader.id} in ${leader.raft!.epoch}`;
      const reg = leader.controller!.image.brokers.get(b.id);
      if (
        b.lifecycle?.state !== 'unfenced' ||
        reg === undefined ||
        reg.fenced ||
        reg.epoch !== b.lifecycle.brokerEpoch
      )
        return `node ${b.id} is ${b.lifecycle?.state}, registered ${reg ? `epoch ${reg.epoch} fenced ${reg.fenced}` : 'no'}`;
    }
    const top = leader.controller!.image.offset;
    for (const b of running) {
      if (b.controller!.image.offset !== top)
        return `node ${b.id} applied ${b.controller!.image.offset}, leader ${top}`;
      for (const name of this.deleted)
        if (b.controller!.image.topics.has(name)) return `node ${b.id} still has deleted topic ${name}`;
      for (const [name, count] of this.acked) {
        const t = b.controller!.image.topics.get(name);
        if (t === undefined || t.partitions.size < count)
          return `node ${b.id} has ${t === undefined ? 'no topic' : `${t.partitions.size} partitions of`} ${name} (acked ${count})`;
      }
    }
    return null;
  }

  /** Null when every partition in the active controller's image has a leader, else the first without. */
  leaderless(): string | null {
    const c = this.running().find((b) => b.controller?.isActive === true)?.controller;
    if (c === undefined || c === null) return 'no active controller';
    for (const t of c.image.topics.values())
      for (const [i, p] of t.partitions)
        if (p.leader < 0)
          return `${t.name}-${i} has no leader (isr [${p.isr}], elr [${p.eligibleLeaderReplicas}], last known elr [${p.lastKnownElr}])`;
    return null;
  }

  /** Starts every broker at once with no faults and runs until settled; null, or why not within limitMs. */
  async form(limitMs = 30_000): Promise<string | null> {
    for (const id of this.brokers.keys()) this.start(id);
    return this.runUntil(limitMs, () => this.settled());
  }

  /** Creates a topic through broker via; the error code, or null with no answer. */
  async createTopic(
    via: number,
    name: string,
    partitions: number,
    replicationFactor = 1,
  ): Promise<number | null> {
    let code: number | null | undefined;
    const body = {
      topics: [{ name, numPartitions: partitions, replicationFactor, assignments: [], configs: [] }],
      timeoutMs: 10_000,
      validateOnly: false,
    };
    void this.#client<CreateTopicsResponse>(this.brokers.get(via)!, CreateTopicsApi, body).then((res) => {
      code = res?.topics[0]?.errorCode ?? null;
      if (code === ErrorCode.NONE) this.#ack(name, partitions);
    });
    await this.runUntil(15_000, () => (code === undefined ? 'waiting' : null));
    return code ?? null;
  }

  /** The checks the scenario ends with, for a directed test. */
  finalChecks(): void {
    this.#periodicChecks();
    this.checkLogs();
    for (const b of this.running()) {
      if (b.raft?.isVoter && b.raftLog.endOffset < this.committed.size)
        this.violation(
          `voter ${b.id}'s log ends at ${b.raftLog.endOffset}, below the committed ${this.committed.size}`,
        );
    }
  }

  // ---- the scenario ----

  /** The whole seeded scenario: start, faults and workload, heal, quiet; leaves its findings in violations. */
  async scenario(): Promise<void> {
    const r = this.#faultRandom;
    const ids = [...this.brokers.keys()];
    for (const id of ids)
      this.base.schedule(randomInt(r, 2_000), () => {
        if (this.brokers.get(id)!.life === 0) this.start(id);
      });
    this.#scheduleWorkload();
    const faultEnd = this.base.now() + this.plan.faultMs;
    this.#scheduleFaults(faultEnd);
    let nextCheck = this.base.now() + 1_000;
    while (this.base.now() < faultEnd) {
      await this.run(100);
      this.#checkLiveness();
      if (this.base.now() >= nextCheck) {
        this.#periodicChecks();
        nextCheck += 1_000;
      }
    }
    // Heal: links back, only delays left. A majority of voters still running must elect a controller on
    // their own (liveness); then the crashed brokers come back.
    this.heal();
    this.setFaults({ dropRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 5 });
    const voters = this.#voters();
    const up = this.running().filter((b) => b.raft !== null && voters?.includes(b.id));
    if (voters !== null && up.length * 2 > voters.length && up.length < voters.length) {
      const alone = await this.runUntil(20_000, () =>
        this.running().some((b) => b.controller?.isActive === true) ? null : 'no active controller',
      );
      if (alone !== null)
        this.violation(`voters [${up.map((b) => b.id)}] of [${voters}] elected no controller in 20 s`);
    }
    for (const b of this.brokers.values()) if (!b.running) this.start(b.id);
    this.note('quiet');
    // Availability too: with every broker back, every partition gets a leader (unclean recovery included).
    const why = await this.runUntil(120_000, () => this.settled() ?? this.leaderless());
    if (why !== null) this.violation(`not settled 120 s after heal: ${why}`);
    this.finalChecks();
    this.stats.committed = this.committed.size;
    for (const b of this.brokers.values())
      if (b.raftLog.latestSnapshot() !== null) this.stats.snapshotsWritten++;
    this.stats.acked = this.acked.size;
  }

  /**
   * Liveness under faults: a majority of voters running, not stalled and linked to each other both ways must
   * have a leader among them within LIVENESS_MS.
   */
  #checkLiveness(): void {
    const voters = this.#voters();
    if (voters === null) return;
    const now = this.base.now();
    const calm = voters
      .map((v) => this.brokers.get(v)!)
      .filter((b) => b.running && b.raft !== null && b.stalledUntil <= now);
    const linked = calm.filter((a) =>
      calm.every(
        (b) =>
          this.raftNet.linked(String(a.id), String(b.id)) && this.raftNet.linked(String(b.id), String(a.id)),
      ),
    );
    const key = linked.map((b) => b.id).join(',');
    if (linked.length * 2 <= voters.length || linked.some((b) => b.raft!.role === 'leader')) {
      this.#calm = null;
      return;
    }
    if (this.#calm === null || this.#calm.key !== key) this.#calm = { key, since: now };
    else if (now - this.#calm.since > LIVENESS_MS && !this.#livenessReported) {
      this.#livenessReported = true;
      this.violation(`voters [${key}] up and linked for ${LIVENESS_MS} ms without a leader`);
    }
  }

  #periodicChecks(): void {
    this.checkImages();
    this.#checkDurable('periodic');
    const sb = this.splitBrain();
    if (sb !== null) this.violation(sb);
  }

  #scheduleFaults(until: number): void {
    const r = this.#faultRandom;
    const ids = [...this.brokers.keys()];
    const n = ids.length;
    const at = () => randomInt(r, Math.max(1, until - this.base.now() - 2_000));
    // Faults aimed at the active controller half of the time: it is where they hurt.
    const target = () => {
      const active = this.running().find((b) => b.controller?.isActive === true);
      return active !== undefined && r.next() < 0.5 ? active.id : ids[randomInt(r, n)]!;
    };
    if (this.plan.partitions) {
      for (let i = 1 + randomInt(r, 3); i > 0; i--) {
        this.base.schedule(at(), () => {
          const shuffled = ids.map((x) => ({ x, k: r.next() }));
          shuffled.sort((a, b) => a.k - b.k);
          const cut = 1 + randomInt(r, n - 1);
          const side = shuffled.slice(0, cut).map((s) => s.x);
          const rest = shuffled.slice(cut).map((s) => s.x);
          this.partition(side, rest, r.next() < 0.2);
          this.base.schedule(1_000 + randomInt(r, 8_000), () => this.heal());
        });
      }
    }
    if (this.plan.crashes && r.next() < 0.5) {
      // The active controller goes down until the heal: the others must carry on without it.
      this.base.schedule(randomInt(r, Math.max(1, (until - this.base.now()) / 2)), () => {
        const active = this.running().find((b) => b.controller?.isActive === true);
        if (active !== undefined) this.crash(active.id);
      });
    }
    if (this.plan.crashes) {
      for (let i = 1 + randomInt(r, 4); i > 0; i--) {
        this.base.schedule(at(), () => {
          const id = target();
          if (!this.brokers.get(id)!.running) return;
          this.crash(id);
          this.base.schedule(500 + randomInt(r, 20_000), () => {
            if (!this.brokers.get(id)!.running) this.start(id);
          });
        });
      }
    }
    if (this.plan.stalls) {
      for (let i = 1 + randomInt(r, 6); i > 0; i--) {
        // Past Lifeguard's bound only where deaths are not checked: a long stall is then like a partition.
        const longest = this.plan.lifeguard ? MAX_STALL_MS : 10_000;
        this.base.schedule(at(), () => this.stall(target(), 100 + randomInt(r, longest - 100)));
      }
    }
  }

  /** A client creating topics and adding partitions through whichever broker, acked ones remembered. */
  #scheduleWorkload(): void {
    const w = this.#workload;
    const tick = () => {
      this.base.schedule(200 + randomInt(w, 1_500), tick);
      const candidates = this.running().filter((b) => b.channel !== null);
      if (candidates.length === 0) return;
      const via = candidates[randomInt(w, candidates.length)]!;
      const known = [...this.acked.keys()];
      const choice = w.next();
      if (known.length > 0 && choice < 0.1) {
        const name = known[randomInt(w, known.length)]!;
        // From now on the topic may or may not exist (a delete done but unanswered): checked only once acked.
        this.acked.delete(name);
        this.#deleting.add(name);
        const body = { topics: [{ name, topicId: ZERO_UUID }], topicNames: [name], timeoutMs: 10_000 };
        void this.#client<DeleteTopicsResponse>(via, DeleteTopicsApi, body).then((res) => {
          const code = res?.responses[0]?.errorCode;
          this.note(`client: delete ${name} via ${via.id}: ${code ?? 'no answer'}`);
          if (code === ErrorCode.NONE) this.#ackDelete(name);
        });
        return;
      }
      if (known.length > 0 && choice < 0.22) {
        this.#askIsrChange(via);
        return;
      }
      if (known.length > 0 && choice < 0.25) {
        // An operator's preferred-leader election over every partition.
        const body = { electionType: 0, topicPartitions: null, timeoutMs: 10_000 };
        void this.#client<ElectLeadersResponse>(via, ElectLeadersApi, body).then((res) => {
          const made = res?.replicaElectionResults.flatMap((t) =>
            t.partitionResult.filter((p) => p.errorCode === 0),
          );
          this.note(
            `client: preferred elections via ${via.id}: ${res === null ? 'no answer' : `${made?.length} made`}`,
          );
          if (made !== undefined) this.stats.elections += made.length;
        });
        return;
      }
      if (known.length > 0 && choice < 0.4) {
        const name = known[randomInt(w, known.length)]!;
        const count = (this.acked.get(name) ?? 1) + 1 + randomInt(w, 3);
        const body = { topics: [{ name, count, assignments: null }], timeoutMs: 10_000, validateOnly: false };
        void this.#client<CreatePartitionsResponse>(via, CreatePartitionsApi, body).then((res) => {
          const code = res?.results[0]?.errorCode;
          this.note(`client: ${name} to ${count} partitions via ${via.id}: ${code ?? 'no answer'}`);
          if (code === ErrorCode.NONE) this.#ack(name, count);
        });
        return;
      }
      const name = `t${this.#topicSeq++}`;
      const partitions = 1 + randomInt(w, 6);
      const body = {
        topics: [
          {
            name,
            numPartitions: partitions,
            replicationFactor: 1 + randomInt(w, Math.min(3, this.plan.nodes)),
            assignments: [],
            configs: [],
          },
        ],
        timeoutMs: 10_000,
        validateOnly: false,
      };
      void this.#client<CreateTopicsResponse>(via, CreateTopicsApi, body).then((res) => {
        const code = res?.topics[0]?.errorCode;
        this.note(`client: create ${name} (${partitions}) via ${via.id}: ${code ?? 'no answer'}`);
        if (code === ErrorCode.NONE) this.#ack(name, partitions);
      });
    };
    this.base.schedule(1_000, tick);
  }

  /**
   * As a partition leader would: `via` asks to drop a follower from the ISR or take one back in, for a
   * partition it leads in its own (possibly stale) image. An answer of NONE must be committed already.
   */
  #askIsrChange(via: SimBroker): void {
    const w = this.#workload;
    const image = via.controller?.image;
    const brokerEpoch = via.lifecycle?.brokerEpoch ?? -1;
    if (image === undefined || brokerEpoch < 0) return;
    const led: { topic: string; id: string; index: number }[] = [];
    for (const t of image.topics.values())
      for (const [index, p] of t.partitions)
        if (p.leader === via.id) led.push({ topic: t.name, id: t.id, index });
    if (led.length === 0) return;
    const pick = led[randomInt(w, led.length)]!;
    const p = image.topics.get(pick.topic)!.partitions.get(pick.index)!;
    const followers = p.isr.filter((id) => id !== via.id);
    const outside = p.replicas.filter((id) => !p.isr.includes(id));
    let isr: number[];
    if (followers.length > 0 && (outside.length === 0 || w.next() < 0.5))
      isr = p.isr.filter((id) => id !== followers[randomInt(w, followers.length)]);
    else if (outside.length > 0) isr = [...p.isr, outside[randomInt(w, outside.length)]!];
    else return;
    const body = {
      brokerId: via.id,
      brokerEpoch,
      topics: [
        {
          topicName: '',
          topicId: pick.id,
          partitions: [
            {
              partitionIndex: pick.index,
              leaderEpoch: p.leaderEpoch,
              // Both forms: the request goes at whatever version the path uses (v3 reads the second).
              newIsr: isr,
              newIsrWithEpochs: isr.map((brokerId) => ({ brokerId, brokerEpoch: -1 })),
              leaderRecoveryState: 0,
              partitionEpoch: p.partitionEpoch,
            },
          ],
        },
      ],
    };
    void this.#client<AlterPartitionResponse>(via, AlterPartitionApi, body).then((res) => {
      const r = res?.topics[0]?.partitions[0];
      const code = res === null ? null : res.errorCode !== 0 ? res.errorCode : (r?.errorCode ?? null);
      this.note(`client: ${pick.topic}-${pick.index} ISR [${isr}] by ${via.id}: ${code ?? 'no answer'}`);
      if (code !== ErrorCode.NONE || r === undefined) return;
      this.stats.isrChanges++;
      const now = this.referenceImage(this.committed.size - 1)
        ?.topicById(pick.id)
        ?.partitions.get(pick.index);
      if (now !== undefined && now.partitionEpoch < r.partitionEpoch)
        this.violation(
          `${pick.topic}-${pick.index}: ISR change acked at partition epoch ${r.partitionEpoch}, committed ${now.partitionEpoch}`,
        );
    });
  }

  /** A client was told the topic has `partitions`: that must be committed already. */
  #ack(name: string, partitions: number): void {
    if (this.#deleting.has(name)) return;
    this.acked.set(name, Math.max(this.acked.get(name) ?? 0, partitions));
    const img = this.referenceImage(this.committed.size - 1);
    const have = img?.topics.get(name)?.partitions.size ?? 0;
    if (have < partitions) this.violation(`${name} acked with ${partitions} partitions, committed ${have}`);
  }

  /** A client was told the topic is gone: so it must be in the committed log. */
  #ackDelete(name: string): void {
    this.deleted.add(name);
    if (this.referenceImage(this.committed.size - 1)?.topics.has(name) !== false)
      this.violation(`${name} acked as deleted, still committed`);
  }

  /** As ClusterNode's #toController: the local controller when it is active, else through the channel. */
  #client<Res>(via: SimBroker, codec: ApiCodec<unknown, unknown>, body: unknown): Promise<Res | null> {
    // The broker reads the request when it runs (after a stall).
    return new Promise((resolve) =>
      via.clock.deliver(() => {
        const local = via.rpcs!.get(codec.apiKey)!;
        const sent =
          via.controller?.isActive === true
            ? local.handle(body, local.maxVersion)
            : via.channel!.send(codec, body, { timeoutMs: 10_000 });
        sent.then(
          (res) => resolve(res as Res),
          () => resolve(null),
        );
      }),
    );
  }

  /** What a failing seed prints: the plan, each broker's state, the last events. */
  report(): string {
    const lines = [
      `seed ${this.seed}: ${JSON.stringify(this.plan)}`,
      `  replay: npm run build:ts && SIM_SEED=${this.seed} SIM_NODES=${this.plan.nodes} node --import tsx test/cluster-sim.test.ts`,
      ...this.violations.map((v) => `  violation ${v}`),
    ];
    for (const b of this.brokers.values()) {
      const view = b.running
        ? b.membership
            .members()
            .sort((x, y) => x.nodeId - y.nodeId)
            .map((m) => `${m.nodeId}:${m.state}`)
            .join(' ')
        : '';
      lines.push(
        `  node ${b.id} ${b.running ? 'running' : 'stopped'} life ${b.life}: raft ${b.raft?.role ?? '-'} epoch ${b.raft?.epoch ?? '-'} leader ${b.raft?.leaderId ?? '-'} hw ${b.raft?.highWatermark ?? '-'} log ${b.raftLog.endOffset}/${b.raftLog.flushedOffset} image ${b.controller?.image.offset ?? '-'} lifecycle ${b.lifecycle?.state ?? '-'}; gossip ${view}`,
      );
    }
    lines.push(`  last ${this.trace.length} events:`, ...this.trace.map((t) => `    ${t}`));
    return lines.join('\n');
  }
}

/** A canonical text of an image: equal texts, equal images. */
export function describeImage(img: MetadataImage): string {
  const brokers = [...img.brokers.values()]
    .sort((a, b) => a.id - b.id)
    .map(
      (b) =>
        `${b.id}/${b.epoch}/${b.incarnationId}/${b.fenced ? 'F' : 'U'}${b.inControlledShutdown ? 'S' : ''}`,
    );
  const topics = [...img.topics.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(
      (t) =>
        `${t.name}/${t.id}:` +
        [...t.partitions.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([i, p]) => `${i}=${p.leader}@${p.leaderEpoch}.${p.partitionEpoch}[${p.replicas}|${p.isr}]`)
          .join(','),
    );
  const configs = [...img.configs.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}{${[...v.entries()].sort().join(';')}}`);
  return `@${img.offset} pid ${img.nextProducerId} brokers ${brokers.join(' ')} topics ${topics.join(' ')} configs ${configs.join(' ')}`;
}

/** Runs one seed; the sim with its violations (empty when the seed passes). */
export async function runSeed(seed: number, nodes = 3, traceLimit = 200): Promise<ClusterSim> {
  const sim = new ClusterSim(seed, nodes, { traceLimit });
  await sim.scenario();
  return sim;
}
