// Deterministic simulation of one partition's replication: the real replication code (ReplicaFetcher,
// Replication, PartitionState, the leader's follower-fetch side) and real partition logs on disk
// (InlinePartitions, synchronous underneath), on one ManualClock and one seeded Random. Around them, a model
// of what the rest of the cluster does: a controller that decides with the real election rules
// (nextPartition: fenced brokers leave the ISR, leadership goes to the next live ISR member, else a live
// eligible leader replica, at a higher epoch; a broker registering after a power loss leaves the ISR and the
// ELR), answers AlterPartition with the leader and partition epoch checks, and spreads each change to the
// brokers after its own random delay (so brokers disagree for a while, and zombie leaders exist); a network
// that delays and drops fetches and AlterPartition calls; and producers that append acks=all to whichever
// broker believes it leads, counting a record as acknowledged when that broker's high watermark passes it
// with at least min.insync.replicas in its ISR.
//
// Besides crashes, a broker can be cut off from the others for a while (a network partition): the
// controller fences it once its session lapses and elects another leader, while the cut-off broker keeps
// acting on the old metadata (a zombie leader that producers still reach, writing a suffix nobody
// replicates) until the link heals and the metadata reaches it. Producers' appends reach the log a moment
// after the broker checked it leads (a worker's queue), so leadership can move in between.
//
// After the faults stop and the cluster heals, the checks: every acknowledged record is in the final
// leader's log at the offset it was acknowledged at; every live ISR member's log is byte-identical to the
// leader's up to the high watermark; leader epochs never go down along the log. A failing seed replays
// exactly (SIM_SEED=<seed>).
//
// With `reassign`, a spare broker joins and the model controller moves the partition (KIP-455, as
// cluster/metadata/reassignment.ts decides): one replica is replaced by the spare, the replica set is the
// union while the spare catches up through the real fetcher and joins the ISR through AlterPartition, and the
// ISR change that brings it in completes the move (a leaving leader hands over at a new epoch); sometimes the
// move is cancelled instead. A broker that learns it is no longer a replica deletes its log. Checked too:
// the move ends (completed or cancelled), and no broker outside the final replica set keeps a log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../dist/clock.js';
import { nextPartition, type PartitionEvent } from '../../dist/cluster/metadata/elections.js';
import type { PartitionRegistration } from '../../dist/cluster/metadata/image.js';
import {
  longestLog,
  needsUncleanRecovery,
  type ReplicaLogAnswer,
} from '../../dist/cluster/metadata/unclean-recovery.js';
import { type AckWaiter, PartitionState, ReplicaRole } from '../../dist/cluster/partition-state.js';
import { answerReplicaLogInfo } from '../../dist/cluster/replica-log-info.js';
import {
  afterFollowerRead,
  checkDivergence,
  latestHighWatermarks,
} from '../../dist/cluster/replication/leader-fetch.js';
import type { FetchTransport } from '../../dist/cluster/replication/replica-fetcher.js';
import {
  type AlterPartitionCall,
  type AlterPartitionResult,
  Replication,
} from '../../dist/cluster/replication/replication.js';
import { ErrorCode } from '../../dist/protocol/errors.js';
import {
  createFetchResponse,
  createFetchResponsePartitionData,
  type FetchRequest,
  type FetchResponse,
} from '../../dist/protocol/generated/fetch.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../dist/protocol/record-batch.js';
import { randomInt, SeededRandom } from '../../dist/random.js';
import { InlinePartitions } from '../../dist/storage/pool.js';

const TOPIC = 'sim';
const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const SILENT = { info() {}, warn() {}, debug() {} };

interface Registration {
  leader: number;
  leaderEpoch: number;
  replicas: readonly number[];
  isr: readonly number[];
  partitionEpoch: number;
  elr: readonly number[];
  lastKnownElr: readonly number[];
  addingReplicas: readonly number[];
  removingReplicas: readonly number[];
}

export interface ReplicationSimOptions {
  replicas: number;
  minInsync: number;
  /** Simulated time with faults, then as long again healed. */
  faultMs: number;
  dropRate: number;
  maxDelayMs: number;
  crashEveryMs: number;
  produceEveryMs: number;
  /** Share of crashes that are power losses (the unflushed suffix of the log dropped). */
  powerLossRate: number;
  /** How long after a crash the controller fences the dead registration (its heartbeats stopped). */
  sessionMs: number;
  /**
   * A restarted broker acts on metadata only once registered again, which the controller allows only after
   * it fenced the previous registration (ClusterNode's gate). Off: the restarted process resumes its old
   * role at once, the bug the fault harness found; the sim must then report lost records.
   */
  registrationGate: boolean;
  /**
   * KIP-966: the leader's high watermark stands still under min.insync.replicas, and a broker that restarts
   * after a power loss registers as unclean and leaves every ISR and ELR. Off: a power-lost last ISR
   * member is elected again on what it lost (the bug the fault harness found); the sim must then report
   * lost records.
   */
  eligibleLeaders: boolean;
  /** Move the partition onto a spare broker (and sometimes cancel the move) during the faults. */
  reassign: boolean;
  /** Share of faults that cut a broker off from the others instead of crashing it. */
  isolateRate: number;
  /** How long a cut lasts, at most. */
  maxIsolationMs: number;
  /** Longest wait between a produce's leadership check and its append on the log's thread. */
  maxAppendDelayMs: number;
  /** Share of sends that go to any broker that believes it leads (a client with stale metadata). */
  staleClientRate: number;
  /** Also cut the leader off at this time (-1: no): the first leader of a fresh log, the nemesis's seed 11. */
  isolateLeaderAtMs: number;
  /**
   * KIP-966 unclean recovery (Balanced): with the ISR and ELR empty the controller asks the live replicas
   * for their logs (the real GetReplicaLogInfo answer from their partition state) and elects the longest
   * (longestLog). Off: the last known ELR's first member back leads.
   */
  uncleanRecovery: boolean;
  /** Power losses outstanding at most (not back in the ISR since); -1: min.insync.replicas - 1 (the promise). */
  maxPowerLost: number;
}

export const DEFAULT_REPLICATION_SIM: Readonly<ReplicationSimOptions> = Object.freeze({
  replicas: 3,
  minInsync: 2,
  faultMs: 6000,
  dropRate: 0.05,
  maxDelayMs: 30,
  crashEveryMs: 900,
  produceEveryMs: 15,
  powerLossRate: 0.5,
  sessionMs: 400,
  registrationGate: true,
  eligibleLeaders: true,
  reassign: false,
  isolateRate: 0.3,
  maxIsolationMs: 1500,
  maxAppendDelayMs: 5,
  isolateLeaderAtMs: -1,
  staleClientRate: 0.2,
  uncleanRecovery: true,
  maxPowerLost: -1,
});

/** The modelled controller's unclean recovery of the partition at one partition epoch. */
interface RecoveryRound {
  partitionEpoch: number;
  answers: Map<number, ReplicaLogAnswer>;
}

class SimBroker {
  store: InlinePartitions | null = null;
  state: PartitionState | null = null;
  replication: Replication | null = null;
  /** Bumped on every start: answers meant for an earlier run of this broker are dropped. */
  incarnation = 0;
  alive = false;
  /** This process's registration is in the metadata: it applies what the controller decides. */
  registered = false;
  /** Counts accepted registrations: a lapsed session fences only the registration it belonged to. */
  registration = 0;
  /** Lost power since its last registration: registers as after an unclean shutdown. */
  lostPower = false;
  /** Cut off from the other brokers and the controller (clients still reach it). */
  isolated = false;

  constructor(
    readonly id: number,
    readonly dir: string,
  ) {}
}

export class ReplicationSim {
  readonly clock = new ManualClock(1_000_000);
  readonly random: SeededRandom;
  readonly o: ReplicationSimOptions;
  readonly brokers: SimBroker[] = [];
  reg: Registration;
  readonly acked: { value: string; offset: number }[] = [];
  readonly events: string[] = [];
  readonly violations: string[] = [];
  readonly stats = {
    produced: 0,
    acked: 0,
    crashes: 0,
    powerLosses: 0,
    isolations: 0,
    staleAppends: 0,
    elections: 0,
    alterPartitions: 0,
    fetches: 0,
    reassignments: 0,
    reassignmentsCompleted: 0,
    reassignmentsCancelled: 0,
    logsDeleted: 0,
    /** Leaders elected by unclean recovery, and those that had a shorter log than another live replica. */
    recoveries: 0,
    shorterLogElected: 0,
  };
  /** The unclean recovery round running, if any (one partition). */
  #recovery: RecoveryRound | null = null;
  /** Brokers whose registration the controller has fenced (its view of who is down). */
  readonly #fenced = new Set<number>();
  /** Brokers that lost power and have not been back in the ISR since (their acknowledged records may be gone). */
  readonly #powerLost = new Set<number>();
  #seq = 0;
  #faults = true;
  readonly #root: string;

  constructor(
    readonly seed: number,
    options: Partial<ReplicationSimOptions> = {},
  ) {
    this.random = new SeededRandom(seed);
    this.o = { ...DEFAULT_REPLICATION_SIM, ...options };
    this.#root = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-repl-sim-'));
    const ids = Array.from({ length: this.o.replicas }, (_, i) => i + 1);
    this.reg = {
      leader: 1,
      leaderEpoch: 0,
      replicas: ids,
      isr: [...ids],
      partitionEpoch: 0,
      elr: [],
      lastKnownElr: [],
      addingReplicas: [],
      removingReplicas: [],
    };
    const brokers = this.o.reassign ? ids.length + 1 : ids.length;
    for (let id = 1; id <= brokers; id++)
      this.brokers.push(new SimBroker(id, path.join(this.#root, `b${id}`)));
  }

  #log(what: string): void {
    this.events.push(`${this.clock.now() - 1_000_000} ${what}`);
    if (this.events.length > (process.env.SIM_VERBOSE ? 100_000 : 400)) this.events.shift();
  }

  /** A whole number in [lo, hi]. */
  #between(lo: number, hi: number): number {
    return lo + randomInt(this.random, hi - lo + 1);
  }

  #delay(): number {
    return this.#between(1, this.o.maxDelayMs);
  }

  #dropped(...between: SimBroker[]): boolean {
    if (between.some((b) => b.isolated)) return true;
    return this.#faults && this.random.next() < this.o.dropRate;
  }

  broker(id: number): SimBroker {
    return this.brokers[id - 1]!;
  }

  async #start(b: SimBroker): Promise<void> {
    b.incarnation++;
    b.alive = true;
    b.isolated = false;
    fs.mkdirSync(b.dir, { recursive: true });
    const store = new InlinePartitions({ dataDir: b.dir });
    b.store = store;
    const state = new PartitionState(TOPIC, 0, b.id);
    state.minInsync = this.o.eligibleLeaders ? this.o.minInsync : 1;
    b.state = state;
    // The first start registers at once; a restart waits for the old registration to be fenced.
    b.registered = b.incarnation === 1 || !this.o.registrationGate;
    if (b.registered) state.applyRegistration(this.reg, this.clock.now());
    const incarnation = b.incarnation;
    b.replication = new Replication({
      nodeId: b.id,
      log: store,
      transport: this.#transport(b, incarnation),
      alterPartition: (call) => this.#alterPartition(b, incarnation, call),
      topicId: () => TOPIC_ID,
      clock: this.clock,
      logger: process.env.SIM_VERBOSE
        ? {
            info: (m: string) => this.#log(`b${b.id}: ${m}`),
            warn: (m: string) => this.#log(`b${b.id} WARN: ${m}`),
            debug: (m: string) => this.#log(`b${b.id} debug: ${m}`),
          }
        : SILENT,
      fetch: { waitMaxMs: 0, minBytes: 1, partitionMaxBytes: 300, responseMaxBytes: 1 << 20, backoffMs: 20 },
      replicaLagTimeMaxMs: 300,
    });
    const opened = await store.open(TOPIC, 0, true);
    if (opened.errorCode !== ErrorCode.NONE)
      throw new Error(`broker ${b.id}: open failed ${opened.errorCode}`);
    state.onLogOpened(opened);
    if (b.registered) b.replication.update(state);
    this.#log(`broker ${b.id} started (log end ${opened.logEndOffset}, hw ${opened.highWatermark})`);
    if (b.incarnation > 1) this.#register(b, incarnation);
  }

  /**
   * A restarted broker registers again: refused while its previous registration is live (the controller has
   * not fenced it yet), retried; once accepted it applies the metadata, and it unfences once caught up.
   */
  #register(b: SimBroker, incarnation: number): void {
    if (!b.alive || b.incarnation !== incarnation) return;
    if (!this.#fenced.has(b.id)) {
      this.clock.schedule(50, () => this.#register(b, incarnation));
      return;
    }
    if (!b.registered && b.state !== null) {
      b.registered = true;
      b.registration++;
      if (b.lostPower && this.o.eligibleLeaders)
        this.#decide({ unclean: b.id }, `${b.id} registered unclean`);
      b.lostPower = false;
      // Moved away while it was down: its log goes (ReplicaManager's first image).
      if (!this.reg.replicas.includes(b.id)) void this.#dropLog(b);
      else {
        b.state.applyRegistration(this.reg, this.clock.now());
        b.replication?.update(b.state);
      }
    }
    this.clock.schedule(this.#delay(), () => {
      if (!b.alive || b.incarnation !== incarnation) return;
      this.#fenced.delete(b.id);
      this.#log(`broker ${b.id} registered and unfenced`);
      this.#unfence(b.id);
    });
  }

  /**
   * A crash: nothing more runs. A process crash leaves what it wrote on disk (the page cache survives the
   * process); a power loss also drops the unflushed suffix of the log (everything since the segment began,
   * with fsync never: a random part of it). The controller learns of it only when its session lapses.
   */
  #crash(b: SimBroker, powerLoss: boolean): void {
    b.alive = false;
    b.registered = false;
    b.replication?.stop();
    b.state?.wakeAll();
    b.replication = null;
    b.state = null;
    b.store = null;
    this.stats.crashes++;
    let dropped = 0;
    if (powerLoss) {
      this.stats.powerLosses++;
      b.lostPower = true;
      this.#powerLost.add(b.id);
      dropped = this.#dropUnflushed(b);
    }
    this.#log(`broker ${b.id} ${powerLoss ? `lost power (${dropped} bytes dropped)` : 'crashed'}`);
    // The dead registration stays current until then: a restart cannot register over it. A restart that
    // registered in between (the old one fenced by an earlier lapse) has a live session of its own.
    const registration = b.registration;
    this.clock.schedule(this.o.sessionMs, () => {
      if (b.registration === registration && !this.#fenced.has(b.id)) this.#fence(b.id);
    });
    // Half the time the process is back before the controller noticed (a supervisor restarting it).
    if (this.random.next() < 0.5) {
      const incarnation = b.incarnation;
      this.clock.schedule(this.#between(10, Math.max(10, this.o.sessionMs - 50)), () => {
        if (!b.alive && b.incarnation === incarnation && this.#faults) void this.#start(b);
      });
    }
  }

  /**
   * Cuts a broker off from the others and the controller for a while. The controller fences it when its
   * session lapses (leadership moves); the broker itself goes on with the metadata it had. When the link
   * heals, the latest metadata reaches it, and the controller unfences it once it has caught up.
   */
  #isolate(b: SimBroker): void {
    const incarnation = b.incarnation;
    const registration = b.registration;
    b.isolated = true;
    this.stats.isolations++;
    const ms = this.#between(this.o.sessionMs / 2, this.o.maxIsolationMs);
    this.#log(`broker ${b.id} cut off for ${ms} ms`);
    this.clock.schedule(this.o.sessionMs, () => {
      if (b.isolated && b.registration === registration && !this.#fenced.has(b.id)) this.#fence(b.id);
    });
    this.clock.schedule(ms, () => {
      if (!b.alive || b.incarnation !== incarnation) return;
      b.isolated = false;
      this.#log(`broker ${b.id} reconnected`);
      this.clock.schedule(this.#delay(), () => {
        if (!b.alive || b.incarnation !== incarnation || b.isolated || b.state === null || !b.registered)
          return;
        const hostedBefore = b.state.replicas.includes(b.id);
        const applied = b.state.applyRegistration(this.reg, this.clock.now());
        if (applied && hostedBefore && !this.reg.replicas.includes(b.id)) void this.#dropLog(b);
        else b.replication?.update(b.state);
        if (!this.#fenced.has(b.id)) return;
        this.clock.schedule(this.#delay(), () => {
          if (!b.alive || b.incarnation !== incarnation || b.isolated) return;
          this.#fenced.delete(b.id);
          this.#log(`broker ${b.id} unfenced`);
          this.#unfence(b.id);
        });
      });
    });
  }

  /** Cuts a random suffix off the partition's last segment (recovery then keeps the whole batches before it). */
  #dropUnflushed(b: SimBroker): number {
    const dir = path.join(b.dir, `${TOPIC}-0`);
    if (!fs.existsSync(dir)) return 0;
    const last = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .sort()
      .pop();
    if (last === undefined) return 0;
    const file = path.join(dir, last);
    const size = fs.statSync(file).size;
    const keep = size === 0 ? 0 : randomInt(this.random, size + 1);
    fs.truncateSync(file, keep);
    return size - keep;
  }

  /** The controller fences a broker: see nextPartition (leadership moves, it leaves the ISR unless last). */
  #fence(id: number): void {
    this.#fenced.add(id);
    this.#decide({ leaving: id }, `fenced ${id}`);
  }

  /** A returning broker unfences: a leaderless partition may now have a candidate. */
  #unfence(id: number): void {
    if (this.reg.leader === -1) this.#decide({}, `unfenced ${id}`);
  }

  /** The controller's decision on `event` by the real election rules, committed if anything changes. */
  #decide(event: PartitionEvent, why: string): void {
    const r = this.reg;
    const t = nextPartition(
      {
        ...r,
        eligibleLeaderReplicas: r.elr,
        leaderRecoveryState: 0,
      },
      {
        live: (id) => !this.#fenced.has(id),
        minInsync: this.o.minInsync,
        uncleanAllowed: false,
        uncleanRecovery: this.o.uncleanRecovery,
      },
      event,
    );
    if (t.leader >= 0 && t.leader !== r.leader && r.isr.length === 0 && r.elr.length === 0)
      this.#noteLongest(t.leader);
    const same = (a: readonly number[], b: readonly number[]) => a.join() === b.join();
    if (
      t.leader === r.leader &&
      same(t.isr, r.isr) &&
      same(t.elr, r.elr) &&
      same(t.lastKnownElr, r.lastKnownElr)
    )
      return;
    if (t.leader !== r.leader) this.stats.elections++;
    // Like the controller's, a change whose ISR holds every target replica also completes a reassignment.
    this.#change(
      this.#completed({
        ...r,
        leader: t.leader,
        leaderEpoch: t.leader !== r.leader ? r.leaderEpoch + 1 : r.leaderEpoch,
        isr: t.isr,
        elr: this.o.eligibleLeaders ? t.elr : [],
        lastKnownElr: t.lastKnownElr,
        partitionEpoch: r.partitionEpoch + 1,
      }),
      why,
    );
  }

  /** The sim sees every log: count an election of a log shorter than another live replica's. */
  #noteLongest(leader: number): void {
    const rank = (b: SimBroker) => [b.state?.latestEpoch ?? -1, b.state?.logEndOffset ?? -1] as const;
    const [e, o] = rank(this.broker(leader));
    for (const b of this.brokers) {
      if (!b.alive || !b.registered || this.#fenced.has(b.id) || !this.reg.replicas.includes(b.id)) continue;
      const [be, bo] = rank(b);
      if (be > e || (be === e && bo > o)) {
        this.stats.shorterLogElected++;
        this.#log(`elected ${leader} (epoch ${e}, end ${o}) over ${b.id} (epoch ${be}, end ${bo})`);
        return;
      }
    }
  }

  #asPartition(r: Registration): PartitionRegistration {
    return { ...r, eligibleLeaderReplicas: r.elr, leaderRecoveryState: 0 } as PartitionRegistration;
  }

  /** Starts an unclean recovery round when the partition needs one (see uncleanRecovery). */
  #maybeRecover(): void {
    if (!this.o.uncleanRecovery) return;
    const r = this.reg;
    if (!needsUncleanRecovery(this.#asPartition(r))) {
      this.#recovery = null;
      return;
    }
    if (this.#recovery?.partitionEpoch === r.partitionEpoch) return;
    const round: RecoveryRound = { partitionEpoch: r.partitionEpoch, answers: new Map() };
    this.#recovery = round;
    this.#recoveryStep(round);
  }

  /** Balanced: once the whole last known ELR is live, ask every live replica; elect when all answered. */
  #recoveryStep(round: RecoveryRound): void {
    if (this.#recovery !== round) return;
    const r = this.reg;
    const live = r.replicas.filter((id) => !this.#fenced.has(id));
    for (const [id, a] of round.answers)
      if (!live.includes(id) || this.broker(id).registration !== a.brokerEpoch) round.answers.delete(id);
    const required = r.lastKnownElr.length > 0 ? r.lastKnownElr : r.replicas;
    if (required.every((id) => live.includes(id))) {
      if (round.answers.size > 0 && live.every((id) => round.answers.has(id))) {
        const leader = longestLog(this.#asPartition(r), round.answers)!;
        this.#recovery = null;
        this.stats.recoveries++;
        this.stats.elections++;
        this.#noteLongest(leader);
        const said = [...round.answers].map(([id, a]) => `${id}: ${a.lastWrittenEpoch}/${a.logEndOffset}`);
        this.#change(
          this.#completed({
            ...r,
            leader,
            leaderEpoch: r.leaderEpoch + 1,
            isr: [leader],
            elr: [],
            lastKnownElr: [],
            partitionEpoch: r.partitionEpoch + 1,
          }),
          `unclean recovery, longest log (${said.join(', ')})`,
        );
        return;
      }
      for (const id of live) if (!round.answers.has(id)) this.#askLogInfo(round, this.broker(id));
    }
    this.clock.schedule(100, () => this.#recoveryStep(round));
  }

  /** GetReplicaLogInfo to one broker and back, each way delayed and maybe lost. */
  #askLogInfo(round: RecoveryRound, b: SimBroker): void {
    if (this.#dropped(b)) return;
    const incarnation = b.incarnation;
    this.clock.schedule(this.#delay(), () => {
      if (!b.alive || b.incarnation !== incarnation || !b.registered || b.state === null) return;
      const state = b.state;
      const res = answerReplicaLogInfo({ topicName: () => TOPIC, replica: () => state }, b.registration, {
        topicPartitions: [{ topicId: TOPIC_ID, partitions: [0] }],
      });
      if (this.#dropped(b)) return;
      this.clock.schedule(this.#delay(), () => {
        const info = res.topicPartitionLogInfoList[0]?.partitionLogInfo[0];
        if (this.#recovery !== round || info === undefined || info.errorCode !== ErrorCode.NONE) return;
        round.answers.set(b.id, {
          brokerEpoch: res.brokerEpoch,
          lastWrittenEpoch: info.lastWrittenLeaderEpoch,
          logEndOffset: info.logEndOffset,
        });
      });
    });
  }

  #change(next: Registration, why: string): void {
    this.reg = next;
    this.#log(
      `metadata: leader ${next.leader} epoch ${next.leaderEpoch} isr [${next.isr}] elr [${next.elr}] (${why})`,
    );
    // A broker that lost power is whole again once back in the ISR (it copied everything below the HW).
    for (const id of this.#powerLost)
      if (next.isr.includes(id) && !this.broker(id).lostPower) this.#powerLost.delete(id);
    for (const b of this.brokers) {
      const incarnation = b.incarnation;
      this.clock.schedule(this.#delay(), () => {
        if (!b.alive || b.incarnation !== incarnation || b.state === null || !b.registered) return;
        // Cut off from the controller: it learns the latest metadata when the link heals.
        if (b.isolated) return;
        const hostedBefore = b.state.replicas.includes(b.id);
        const applied = b.state.applyRegistration(next, this.clock.now());
        if (applied && hostedBefore && !next.replicas.includes(b.id)) void this.#dropLog(b);
        else b.replication?.update(b.state);
      });
    }
    this.#maybeRecover();
  }
  /**
   * No longer a replica (ReplicaManager's dropReplica): replication stops, the log is deleted, and a fresh
   * state on a fresh log waits in case the partition comes back.
   */
  async #dropLog(b: SimBroker): Promise<void> {
    const old = b.state!;
    const store = b.store!;
    const incarnation = b.incarnation;
    old.wakeAll();
    b.replication?.remove(old);
    const fresh = new PartitionState(TOPIC, 0, b.id);
    b.state = fresh;
    await store.deletePartition(TOPIC, 0);
    this.stats.logsDeleted++;
    const opened = await store.open(TOPIC, 0, true);
    if (b.incarnation !== incarnation || b.state !== fresh || opened.errorCode !== ErrorCode.NONE) return;
    fresh.onLogOpened(opened);
    this.#log(`broker ${b.id} deleted its log: no longer a replica`);
    // The partition may have come back meanwhile.
    if (b.registered && this.reg.replicas.includes(b.id)) {
      fresh.applyRegistration(this.reg, this.clock.now());
      b.replication?.update(fresh);
    }
  }

  /**
   * The model controller starts a reassignment: one replica (at random) is replaced by the spare broker;
   * the replica set is the union until the spare is in the ISR (AlterPartition completes it).
   */
  #startReassignment(): void {
    const r = this.reg;
    const spare = this.brokers.find((b) => !r.replicas.includes(b.id))!.id;
    const leaving = r.replicas[randomInt(this.random, r.replicas.length)]!;
    const target = r.replicas.map((id) => (id === leaving ? spare : id));
    this.stats.reassignments++;
    this.#change(
      {
        ...r,
        replicas: [...target, leaving],
        addingReplicas: [spare],
        removingReplicas: [leaving],
        partitionEpoch: r.partitionEpoch + 1,
      },
      `reassign [${r.replicas}] -> [${target}]`,
    );
  }

  /** Cancel: back to the original replicas, unless only the newcomer is in the ISR (an unclean revert). */
  #cancelReassignment(): void {
    const r = this.reg;
    if (r.addingReplicas.length === 0) return;
    const original = r.replicas.filter((id) => !r.addingReplicas.includes(id));
    const isr = r.isr.filter((id) => original.includes(id));
    if (isr.length === 0) return;
    let { leader, leaderEpoch } = r;
    if (!isr.includes(leader)) leader = isr.find((id) => !this.#fenced.has(id)) ?? -1;
    this.stats.reassignmentsCancelled++;
    this.#change(
      {
        ...r,
        replicas: original,
        isr,
        elr: r.elr.filter((id) => original.includes(id)),
        lastKnownElr: r.lastKnownElr.filter((id) => original.includes(id)),
        addingReplicas: [],
        removingReplicas: [],
        leader,
        // Replicas left: a new leader epoch fences them.
        leaderEpoch: leaderEpoch + 1,
        partitionEpoch: r.partitionEpoch + 1,
      },
      'reassignment cancelled',
    );
  }

  /** The ISR change `next` completes a reassignment in progress when every target replica is in its ISR. */
  #completed(next: Registration): Registration {
    if (next.addingReplicas.length === 0 && next.removingReplicas.length === 0) return next;
    const target = next.replicas.filter((id) => !next.removingReplicas.includes(id));
    if (!target.every((id) => next.isr.includes(id))) return next;
    const isr = next.isr.filter((id) => target.includes(id));
    const leader = target.includes(next.leader)
      ? next.leader
      : (target.find((id) => isr.includes(id) && !this.#fenced.has(id)) ?? -1);
    if (leader === -1) return next;
    this.stats.reassignmentsCompleted++;
    return {
      ...next,
      replicas: target,
      isr,
      elr: next.elr.filter((id) => target.includes(id)),
      lastKnownElr: next.lastKnownElr.filter((id) => target.includes(id)),
      addingReplicas: [],
      removingReplicas: [],
      leader,
      leaderEpoch: next.leaderEpoch + 1,
    };
  }

  #alterPartition(
    b: SimBroker,
    incarnation: number,
    call: AlterPartitionCall,
  ): Promise<AlterPartitionResult> {
    this.stats.alterPartitions++;
    return new Promise((resolve, reject) => {
      if (this.#dropped(b)) {
        this.clock.schedule(100, () => reject(new Error('lost')));
        return;
      }
      this.clock.schedule(this.#delay(), () => {
        const r = this.reg;
        let errorCode: number = ErrorCode.NONE;
        if (r.leader !== b.id || !b.alive || b.incarnation !== incarnation)
          errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER;
        else if (call.leaderEpoch !== r.leaderEpoch) errorCode = ErrorCode.FENCED_LEADER_EPOCH;
        else if (call.partitionEpoch !== r.partitionEpoch) errorCode = ErrorCode.INVALID_UPDATE_VERSION;
        else if (!call.newIsr.includes(b.id) || call.newIsr.some((x) => !r.replicas.includes(x)))
          errorCode = ErrorCode.INVALID_REQUEST;
        else if (call.newIsr.some((x) => !r.isr.includes(x) && this.#fenced.has(x)))
          errorCode = ErrorCode.INELIGIBLE_REPLICA;
        if (errorCode === ErrorCode.NONE)
          this.#decide({ isr: [...call.newIsr] }, `AlterPartition from ${b.id}`);
        const answer = {
          errorCode,
          leaderEpoch: this.reg.leaderEpoch,
          partitionEpoch: this.reg.partitionEpoch,
          isr: [...this.reg.isr],
        };
        this.clock.schedule(this.#delay(), () => resolve(answer));
      });
    });
  }

  #transport(from: SimBroker, incarnation: number): FetchTransport {
    return {
      fetch: (leaderId: number, req: FetchRequest): Promise<FetchResponse> =>
        new Promise((resolve, reject) => {
          this.stats.fetches++;
          const leader = this.broker(leaderId);
          if (this.#dropped(from, leader) || !leader.alive) {
            this.clock.schedule(100, () => reject(new Error('no answer')));
            return;
          }
          const leaderIncarnation = leader.incarnation;
          this.clock.schedule(this.#delay(), () => {
            if (!leader.alive || leader.incarnation !== leaderIncarnation) {
              reject(new Error('leader went away'));
              return;
            }
            if (leader.isolated || from.isolated) {
              reject(new Error('cut off'));
              return;
            }
            void this.#serve(leader, from.id, req).then((res) => {
              this.clock.schedule(this.#delay(), () => {
                if (from.isolated) reject(new Error('cut off'));
                else if (from.alive && from.incarnation === incarnation) resolve(res);
              });
            });
          });
        }),
    };
  }

  /** The leader's answer, through the same cluster-layer steps as the broker's Fetch handler. */
  async #serve(leader: SimBroker, replicaId: number, req: FetchRequest): Promise<FetchResponse> {
    const state = leader.state!;
    const store = leader.store!;
    const p = req.topics[0]!.partitions[0]!;
    const response = createFetchResponsePartitionData({ partitionIndex: 0, records: Buffer.alloc(0) });
    const res = createFetchResponse({
      responses: [{ topic: TOPIC, topicId: TOPIC_ID, partitions: [response] }],
    });
    const code = state.checkLeader(p.currentLeaderEpoch);
    if (code !== ErrorCode.NONE || !state.replicas.includes(replicaId)) {
      response.errorCode = code !== ErrorCode.NONE ? code : ErrorCode.NOT_LEADER_OR_FOLLOWER;
      return res;
    }
    const part = { state, fetchOffset: p.fetchOffset, lastFetchedEpoch: p.lastFetchedEpoch, response };
    const toRead = await checkDivergence(store, [part]);
    for (const r of toRead) {
      const read = await store.read(TOPIC, 0, r.fetchOffset, p.partitionMaxBytes, -1);
      response.errorCode = read.errorCode;
      if (read.errorCode === ErrorCode.NONE) {
        response.records = Buffer.from(read.records!);
        response.highWatermark = read.highWatermark;
        response.logStartOffset = read.logStartOffset;
      }
    }
    if (leader.replication !== null) await afterFollowerRead(store, leader.replication, replicaId, toRead);
    latestHighWatermarks(toRead);
    return res;
  }

  /** A producer's acks=all send to a broker that believes it leads. */
  async #produce(): Promise<void> {
    const leaders = this.brokers.filter((b) => b.alive && b.state?.role === ReplicaRole.LEADER);
    if (leaders.length === 0) return;
    // Most clients have the latest metadata and send to the elected leader; some still send to a zombie.
    const elected = leaders.find((x) => x.id === this.reg.leader);
    const b =
      elected !== undefined && this.o.staleClientRate < 1 && this.random.next() >= this.o.staleClientRate
        ? elected
        : leaders[randomInt(this.random, leaders.length)]!;
    const state = b.state!;
    if (state.isr.length < this.o.minInsync) return;
    const value = `v${this.#seq++}`;
    this.stats.produced++;
    const batch = encodeRecordBatch([{ key: null, value }], { timestamp: this.clock.now() });
    // As the Produce handler: the epoch and bound are taken now, the append runs on the log's thread later.
    const epoch = state.leaderEpoch;
    const bound = state.highWatermarkBound();
    const generation = state.offsetsGeneration;
    const incarnation = b.incarnation;
    if (this.o.maxAppendDelayMs > 0)
      await new Promise<void>((r) => this.clock.schedule(this.#between(0, this.o.maxAppendDelayMs), r));
    if (!b.alive || b.incarnation !== incarnation || b.state !== state) return;
    const r = await b.store!.append(TOPIC, 0, batch, epoch, bound);
    if (r.errorCode !== ErrorCode.NONE || b.state !== state) return;
    // The result may come back later still (the Produce handler answers a request once all its partitions
    // are appended).
    if (this.o.maxAppendDelayMs > 0)
      await new Promise<void>((res) => this.clock.schedule(this.#between(0, this.o.maxAppendDelayMs), res));
    if (!b.alive || b.incarnation !== incarnation || b.state !== state) return;
    state.onAppend(r, batch.length, generation);
    if (!state.leadsAt(epoch)) {
      // Answered NOT_LEADER_OR_FOLLOWER: the records may stay in this log until its fetcher cuts them.
      this.stats.staleAppends++;
      return;
    }
    const ack = (errorCode: number) => {
      if (errorCode !== ErrorCode.NONE || state.isr.length < this.o.minInsync) return;
      this.acked.push({ value, offset: r.baseOffset });
      if (process.env.SIM_VERBOSE)
        this.#log(
          `ack ${value}@${r.baseOffset} by ${b.id} (role ${state.role} epoch ${state.leaderEpoch}, appended at ${epoch})`,
        );
      this.stats.acked++;
    };
    if (state.highWatermark > r.lastOffset) {
      ack(ErrorCode.NONE);
      return;
    }
    const waiter: AckWaiter = { requiredOffset: r.lastOffset + 1, complete: ack };
    let i = state.ackWaiters.length;
    while (i > 0 && state.ackWaiters[i - 1]!.requiredOffset > waiter.requiredOffset) i--;
    state.ackWaiters.splice(i, 0, waiter);
  }

  async #drain(): Promise<void> {
    await new Promise((r) => setImmediate(r));
  }

  /** Runs the clock to `untilMs` (relative to the start), firing timers and letting their async work finish. */
  async #runUntil(untilMs: number): Promise<void> {
    const end = 1_000_000 + untilMs;
    for (;;) {
      const next = this.clock.nextDeadline();
      if (next === null || next > end) break;
      this.clock.advance(Math.max(0, next - this.clock.now()));
      await this.#drain();
    }
    if (this.clock.now() < end) this.clock.advance(end - this.clock.now());
    await this.#drain();
  }

  async run(): Promise<void> {
    try {
      for (const b of this.brokers) await this.#start(b);
      // Faults: crashes and restarts (at most replicas - 1 down at once), drops, delays; produces throughout.
      const schedule = (every: number, fn: () => void | Promise<void>) => {
        const tick = () => {
          if (this.clock.now() - 1_000_000 >= 2 * this.o.faultMs) return;
          void fn();
          this.clock.schedule(this.#between(1, 2 * every), tick);
        };
        this.clock.schedule(this.#between(1, every), tick);
      };
      schedule(this.o.produceEveryMs, () => this.#produce());
      schedule(this.o.crashEveryMs, async () => {
        if (!this.#faults) return;
        const down = this.brokers.filter((b) => !b.alive);
        const up = this.brokers.filter((b) => b.alive);
        if (down.length > 0 && (up.length === 1 || this.random.next() < 0.6)) {
          await this.#start(down[randomInt(this.random, down.length)]!);
        } else if (
          up.length > 1 &&
          this.o.isolateRate > 0 &&
          !this.brokers.some((x) => x.isolated) &&
          this.random.next() < this.o.isolateRate
        ) {
          this.#isolate(up[randomInt(this.random, up.length)]!);
        } else if (up.length > 1) {
          // At most min.insync.replicas - 1 power losses outstanding (not back in the ISR since): that many
          // copies of an acknowledged record may go, one always survives (KIP-966's promise, no more).
          const most = this.o.maxPowerLost >= 0 ? this.o.maxPowerLost : this.o.minInsync - 1;
          const power = this.#powerLost.size < most && this.random.next() < this.o.powerLossRate;
          this.#crash(up[randomInt(this.random, up.length)]!, power);
        }
      });
      if (this.o.isolateLeaderAtMs >= 0)
        this.clock.schedule(this.o.isolateLeaderAtMs, () => {
          const leader = this.brokers.find((x) => x.alive && x.state?.role === ReplicaRole.LEADER);
          if (leader !== undefined && !this.brokers.some((x) => x.isolated)) this.#isolate(leader);
        });
      if (this.o.reassign) {
        this.clock.schedule(this.#between(1, this.o.faultMs / 2), () => this.#startReassignment());
        // A third of the moves are cancelled, if still running then.
        if (this.random.next() < 0.33)
          this.clock.schedule(this.#between(this.o.faultMs / 2, this.o.faultMs), () =>
            this.#cancelReassignment(),
          );
      }
      await this.#runUntil(this.o.faultMs);
      this.#faults = false;
      this.#log('faults stop');
      for (const b of this.brokers) if (!b.alive) await this.#start(b);
      await this.#runUntil(3 * this.o.faultMs);
      await this.#check();
    } finally {
      for (const b of this.brokers) {
        b.replication?.stop();
        b.alive = false;
      }
      fs.rmSync(this.#root, { recursive: true, force: true });
    }
  }

  async #check(): Promise<void> {
    const r = this.reg;
    if (r.leader < 0) {
      this.violations.push(`no leader after healing (isr [${r.isr}])`);
      return;
    }
    const leader = this.broker(r.leader);
    const hw = leader.state!.highWatermark;
    const leaderLog = await leader.store!.read(TOPIC, 0, 0, 1 << 30, -1);
    const bytes = Buffer.from(leaderLog.records!);
    const byOffset = new Map<number, string>();
    let lastEpoch = -1;
    for (const batch of decodeRecordBatches(bytes)) {
      if (batch.partitionLeaderEpoch < lastEpoch)
        this.violations.push(
          `epoch goes down at offset ${batch.baseOffset}: ${batch.partitionLeaderEpoch} < ${lastEpoch}`,
        );
      lastEpoch = batch.partitionLeaderEpoch;
      for (const rec of batch.records) byOffset.set(rec.offset, rec.value?.toString() ?? '');
    }
    for (const a of this.acked) {
      const found = byOffset.get(a.offset);
      if (found !== a.value)
        this.violations.push(
          `acknowledged ${a.value} at ${a.offset} lost (offset holds ${found ?? 'nothing'})`,
        );
    }
    const upToHw = (await leader.store!.read(TOPIC, 0, 0, 1 << 30, hw)).records!;
    for (const id of r.isr) {
      if (id === r.leader) continue;
      const b = this.broker(id);
      const theirs = await b.store!.read(TOPIC, 0, 0, 1 << 30, hw);
      if (!Buffer.from(theirs.records!).equals(Buffer.from(upToHw)))
        this.violations.push(
          `ISR member ${id} differs from leader ${r.leader} below the high watermark ${hw}`,
        );
    }
    if (this.stats.acked === 0) this.violations.push('nothing was acknowledged: the run checked nothing');
    if (r.addingReplicas.length > 0 || r.removingReplicas.length > 0)
      this.violations.push(`the reassignment never ended: replicas [${r.replicas}], isr [${r.isr}]`);
    for (const b of this.brokers) {
      if (r.replicas.includes(b.id) || b.store === null) continue;
      const left = await b.store.read(TOPIC, 0, 0, 1 << 30, -1);
      if (left.errorCode === ErrorCode.NONE && left.records!.length > 0)
        this.violations.push(`broker ${b.id} is no replica but keeps ${left.records!.length} bytes`);
    }
  }

  report(): string {
    return [
      `seed ${this.seed}: ${this.violations.length} violation(s)`,
      ...this.violations.map((v) => `  ${v}`),
      `stats: ${JSON.stringify(this.stats)}`,
      'last events:',
      ...this.events.slice(process.env.SIM_VERBOSE ? 0 : -60).map((e) => `  ${e}`),
    ].join('\n');
  }
}

export async function runReplicationSeed(seed: number, options?: Partial<ReplicationSimOptions>) {
  const sim = new ReplicationSim(seed, options);
  await sim.run();
  return sim;
}
