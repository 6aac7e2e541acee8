// Several metadata-quorum nodes in one process on a simulated network under one seed, with the checks a
// Raft must pass at every step: one leader per epoch, committed entries never differ and never vanish, and a
// snapshot a node loads holds exactly the committed entries below its end. A node's state machine is the
// list of entries it applied; its snapshots are that list.
// Logs live in memory, or with storage 'disk' on the durable metadata log in a temp dir (close() removes it).
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../dist/clock.js';
import {
  MemoryQuorumStateStore,
  MemoryRaftLog,
  type RaftConfig,
  type RaftEntry,
  type RaftMessage,
  RaftNode,
  resolveRaftConfig,
  type SnapshotId,
} from '../../dist/cluster/raft/index.js';
import { isControlEntry } from '../../dist/cluster/raft/voter-set.js';
import { type SimFaults, SimNetwork } from '../../dist/cluster/sim/network.js';
import { SeededRandom } from '../../dist/random.js';
import { CrashableDiskLog, raftTempDir } from './raft-disk-log.js';

export interface SimRaftNode {
  id: number;
  node: RaftNode;
  log: MemoryRaftLog | CrashableDiskLog;
  store: MemoryQuorumStateStore;
  running: boolean;
  /** What this node applied, in order (from its snapshot, then replayed, after each restart). */
  applied: string[];
  /** Snapshots this node installed from its leader while running (not the one it loads at start). */
  installs: number;
  /** Extra listeners (a QuorumController over this node, say). */
  onCommit?: (entries: readonly RaftEntry[], highWatermark: number) => void;
  onLeader?: (leaderId: number, epoch: number) => void;
  /**
   * The node's own state machine loads snapshots it wrote (a QuorumController, say): set, it gets the
   * records and the node's applied list becomes the committed entries below the snapshot's end.
   */
  onSnapshot?: (snapshot: SnapshotId, records: readonly Uint8Array[]) => void;
}

const text = new TextDecoder();
const bytes = new TextEncoder();

export class RaftSim {
  readonly clock = new ManualClock(0);
  readonly random: SeededRandom;
  readonly net: SimNetwork<RaftMessage>;
  readonly config: RaftConfig;
  readonly nodes = new Map<number, SimRaftNode>();
  readonly violations: string[] = [];
  /** epoch -> the node that led it. */
  readonly leaders = new Map<number, number>();
  /** offset -> "epoch:value" of every entry any node committed. */
  readonly committed = new Map<number, string>();
  /** Messages sent, by kind. */
  readonly sent = new Map<string, number>();
  /** Passed to every node started from now on (RaftNodeOptions.contactPoints). */
  contactPoints?: () => readonly number[];
  #nextValue = 0;
  #dir: string | null = null;

  constructor(
    readonly seed: number,
    readonly voters: readonly number[],
    faults?: Partial<SimFaults>,
    config: Partial<RaftConfig> = {},
    readonly storage: 'memory' | 'disk' = 'memory',
  ) {
    this.random = new SeededRandom(seed);
    this.net = new SimNetwork<RaftMessage>(this.clock, this.random.fork(), {
      dropRate: 0,
      duplicateRate: 0,
      minDelayMs: 1,
      maxDelayMs: 5,
      ...faults,
    });
    this.config = resolveRaftConfig(config);
  }

  /** Starts (or restarts, keeping its log and quorum state) node id; setup runs before the node starts. */
  start(id: number, setup?: (node: SimRaftNode) => void): SimRaftNode {
    const old = this.nodes.get(id);
    const log = old?.log ?? this.#newLog(id);
    const store = old?.store ?? new MemoryQuorumStateStore();
    const sim: SimRaftNode = {
      id,
      node: null as unknown as RaftNode,
      log,
      store,
      running: true,
      applied: [],
      installs: 0,
    };
    let started = false;
    const endpoint = this.net.attach(String(id), {
      datagram: (from, m) => sim.node.receive(Number(from), m),
      stream: (from, m) => sim.node.receive(Number(from), m),
    });
    sim.node = new RaftNode({
      nodeId: id,
      voters: this.voters,
      ...(this.contactPoints === undefined ? {} : { contactPoints: this.contactPoints }),
      config: this.config,
      clock: this.clock,
      random: this.random.fork(),
      log,
      store,
      transport: {
        send: (to, m) => {
          this.sent.set(m.kind, (this.sent.get(m.kind) ?? 0) + 1);
          endpoint.sendDatagram(String(to), m);
        },
      },
      onLoadSnapshot: (snapshot, records) => {
        if (started) sim.installs++;
        if (sim.onSnapshot !== undefined) {
          sim.onSnapshot(snapshot, records);
          sim.applied = Array.from({ length: snapshot.endOffset }, (_, o) => this.committed.get(o) ?? '');
          if (sim.applied.some((v) => v === '')) {
            this.violations.push(
              `${this.clock.now()}: node ${id} loaded a snapshot of entries never committed`,
            );
          }
          return;
        }
        sim.applied = records.map((r) => text.decode(r));
        if (sim.applied.length !== snapshot.endOffset) {
          this.violations.push(
            `${this.clock.now()}: node ${id} loaded a snapshot of ${sim.applied.length} entries ending at ${snapshot.endOffset}`,
          );
        }
        sim.applied.forEach((v, offset) => {
          const seen = this.committed.get(offset);
          if (seen !== undefined && seen !== v) {
            this.violations.push(
              `${this.clock.now()}: node ${id} loaded ${v} at ${offset} from a snapshot, committed was ${seen}`,
            );
          }
        });
      },
      onCommit: (entries, hw) => {
        this.#onCommit(sim, entries);
        sim.onCommit?.(entries, hw);
      },
      onLeaderChange: (leaderId, epoch) => {
        sim.onLeader?.(leaderId, epoch);
        if (leaderId !== id) return;
        const prev = this.leaders.get(epoch);
        if (prev !== undefined && prev !== id) {
          this.violations.push(`${this.clock.now()}: epoch ${epoch} led by both ${prev} and ${id}`);
        }
        this.leaders.set(epoch, id);
      },
    });
    this.nodes.set(id, sim);
    setup?.(sim);
    sim.node.start();
    started = true;
    return sim;
  }

  /** Node id snapshots everything it applied (its state machine); returns the snapshot's end or null. */
  snapshot(id: number): number | null {
    const n = this.nodes.get(id)!;
    const r = n.node.createSnapshot(
      n.applied.length,
      n.applied.map((v) => bytes.encode(v)),
    );
    return r?.endOffset ?? null;
  }

  /** The process dies; what its log had not flushed is lost with it. */
  crash(id: number): void {
    const n = this.nodes.get(id)!;
    n.running = false;
    n.node.stop();
    this.net.detach(String(id));
    if (n.log instanceof MemoryRaftLog) n.log.loseUnflushed();
    else n.log.crash();
  }

  /** Closes the disk logs and removes their directory. */
  close(): void {
    for (const n of this.nodes.values()) if (n.log instanceof CrashableDiskLog) n.log.log.abandon();
    if (this.#dir !== null) fs.rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }

  #newLog(id: number): MemoryRaftLog | CrashableDiskLog {
    if (this.storage === 'memory') return new MemoryRaftLog();
    this.#dir ??= raftTempDir('runnel-raft-sim-');
    // Small segments, so rolls, and crashes between a roll and a flush, happen in every run.
    return new CrashableDiskLog(path.join(this.#dir, `node-${id}`), {
      segmentBytes: 4096,
      segmentIndexBytes: 4096,
      maxEntryBytes: 1024,
    });
  }

  run(ms: number): void {
    this.clock.advance(ms);
  }

  runUntil(limitMs: number, check: () => boolean): number {
    const start = this.clock.now();
    while (this.clock.now() - start <= limitMs) {
      if (check()) return this.clock.now() - start;
      this.clock.advance(20);
    }
    return -1;
  }

  /** The one running leader of the highest epoch any running node is in, or null. */
  leader(): SimRaftNode | null {
    let best: SimRaftNode | null = null;
    for (const n of this.nodes.values()) {
      if (n.running && n.node.role === 'leader' && (best === null || n.node.epoch > best.node.epoch))
        best = n;
    }
    return best;
  }

  /** Proposes a fresh value through the current leader; returns it, or null when there is no leader. */
  propose(): string | null {
    const l = this.leader();
    if (l === null) return null;
    const value = `v${this.#nextValue++}`;
    return l.node.propose([bytes.encode(value)]).errorCode === 0 ? value : null;
  }

  /** Values committed anywhere, in offset order (LeaderChange entries left out). */
  committedValues(): string[] {
    return [...this.committed.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v.slice(v.indexOf(':') + 1))
      .filter((v) => v !== '');
  }

  #onCommit(sim: SimRaftNode, entries: readonly RaftEntry[]): void {
    for (const e of entries) {
      // Control entries (LeaderChange, the voter set) count as empty values.
      const v = `${e.epoch}:${isControlEntry(e.data) ? '' : text.decode(e.data)}`;
      const seen = this.committed.get(e.offset);
      if (seen === undefined) this.committed.set(e.offset, v);
      else if (seen !== v) {
        this.violations.push(
          `${this.clock.now()}: node ${sim.id} committed ${v} at ${e.offset}, others ${seen}`,
        );
      }
      if (sim.applied.length !== e.offset) {
        this.violations.push(
          `${this.clock.now()}: node ${sim.id} applied offset ${e.offset} after ${sim.applied.length}`,
        );
      }
      sim.applied.push(v);
    }
  }
}
