// SWIM membership with Lifeguard's refinements, as a state machine: time comes from an injected Clock,
// randomness from an injected Random, and bytes leave through a MembershipTransport, so a simulation runs
// many members in one process under a seed and replays a failing seed exactly.
//
// Failure detection: every probe interval one member (round-robin over a shuffled list) gets a ping; no ack
// within the probe timeout, and `indirectChecks` others are asked to ping it for us; still nothing by the
// end of the interval, and it becomes suspect. A suspicion turns into death when its timeout runs out; the
// timeout starts long and shrinks with independent confirmations. A suspected member that hears of it
// refutes with a higher incarnation. Lifeguard's local health stretches this member's own timeouts while it
// seems to be the slow one (missed nacks, refutations).
// Dissemination: updates (alive, suspect, dead) ride on pings, acks and periodic gossip datagrams, each a
// bounded number of times; a periodic full-state push-pull over a stream repairs whatever gossip lost, and
// is also how a member joins (through any one reachable seed address).
//
// Node metadata and cluster identity, as memberlist's: each member carries opaque meta bytes (updateMeta bumps
// the incarnation and gossips an Alive), and once a member knows its cluster id (setClusterId) every packet it
// sends is labelled with it; a labelled packet from another cluster is dropped unread and counted. Unlabelled
// packets are still heard: that is how a new broker, which has no cluster id yet, joins and learns it.
//
// Limits: datagrams <= maxDatagramBytes (updates that do not fit wait for the next one), streams <=
// maxStreamBytes, maxQueuedBroadcasts updates, maxMembers members (new ones past it are ignored, logged once),
// meta <= maxMetaBytes (refused by updateMeta; a received member record over it is dropped and counted).
import type { Clock, Timer } from '../../clock.js';
import { type LogSink, SILENT_LOG } from '../../logger.js';
import { type Random, randomInt, shuffle } from '../../random.js';
import { BroadcastQueue } from './broadcasts.js';
import type { MembershipConfig } from './config.js';
import {
  type AliveMessage,
  type DeadMessage,
  decodeMessage,
  encodeMessage,
  type GossipMessage,
  type IndirectPingMessage,
  labelOverhead,
  labelPacket,
  MAX_CLUSTER_ID_BYTES,
  MAX_COMPOUND_PARTS,
  type MemberInfo,
  type MemberSnapshot,
  type MemberState,
  MessageType,
  type PingMessage,
  type PushPullMessage,
  type SuspectMessage,
  unlabelPacket,
} from './messages.js';
import { Suspicion } from './suspicion.js';

/** How membership bytes leave this member. */
export interface MembershipTransport {
  /** Best effort: may be lost, duplicated, delayed or reordered (UDP). */
  sendDatagram(to: string, bytes: Uint8Array): void;
  /** Whole and in order per destination, or not at all (TCP); used for full-state exchanges. */
  sendStream(to: string, bytes: Uint8Array): void;
}

export interface Member extends MemberSnapshot {
  /** Clock time of the last state change. */
  since: number;
}

export interface MembershipOptions {
  config: MembershipConfig;
  self: MemberInfo;
  clock: Clock;
  random: Random;
  transport: MembershipTransport;
  log?: LogSink;
  /** Called on every state change of a member (this one included), after the change. */
  onChange?: (member: Readonly<Member>, previous: MemberState | null) => void;
  /** Incarnation to start from (a restarted member may persist its last one; refutation copes without). */
  incarnation?: number;
  /** This member's meta to start with (at most config.maxMetaBytes). */
  meta?: Uint8Array;
  /** Called for each packet labelled with another cluster id (dropped unread). */
  onForeignCluster?: (clusterId: string, from: string) => void;
}

/** What was received and dropped unread, by reason. */
export interface MembershipDrops {
  /** Labelled with a cluster id other than this member's. */
  foreignCluster: number;
  /** A member record (Alive or push-pull entry) whose meta is over maxMetaBytes. */
  oversizedMeta: number;
  /** Did not decode. */
  malformed: number;
}

/** Distinct foreign cluster ids remembered (and reported); past it they are only counted. */
const MAX_FOREIGN_CLUSTERS = 16;

interface Entry extends Member {
  suspicion: Suspicion | null;
}

interface PendingAck {
  onAck: () => void;
  onNack: () => void;
  timers: Timer[];
}

/** Bytes a compound message spends per part beyond the part (its length varint) and on its header. */
const PART_OVERHEAD = 3;
const COMPOUND_HEADER = 3;
const MAX_UINT32 = 0xffffffff;

export class Membership {
  readonly config: MembershipConfig;
  readonly self: MemberInfo;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #transport: MembershipTransport;
  readonly #log: LogSink;
  readonly #onChange: MembershipOptions['onChange'];
  readonly #onForeignCluster: MembershipOptions['onForeignCluster'];
  readonly #drops: MembershipDrops = { foreignCluster: 0, oversizedMeta: 0, malformed: 0 };
  readonly #foreignClusters = new Set<string>();
  #clusterId: string | null = null;
  /** Bytes the cluster label adds to every packet (0 without one). */
  #labelBytes = 0;
  readonly #members = new Map<number, Entry>();
  readonly #broadcasts: BroadcastQueue;
  readonly #acks = new Map<number, PendingAck>();
  #probeOrder: number[] = [];
  #probeIndex = 0;
  #seq = 0;
  /** Lifeguard local health: 0 is healthy; timeouts are stretched by (score + 1). */
  #health = 0;
  #seeds: string[] = [];
  #timers: Timer[] = [];
  #running = false;
  #leaving = false;
  #warnedFull = false;

  constructor(options: MembershipOptions) {
    this.config = options.config;
    this.self = { ...options.self };
    this.#clock = options.clock;
    this.#random = options.random;
    this.#transport = options.transport;
    this.#log = options.log ?? SILENT_LOG;
    this.#onChange = options.onChange;
    this.#onForeignCluster = options.onForeignCluster;
    const meta = options.meta ?? EMPTY_META;
    if (meta.length > this.config.maxMetaBytes)
      throw new RangeError(`meta of ${meta.length} bytes is over maxMetaBytes (${this.config.maxMetaBytes})`);
    this.#broadcasts = new BroadcastQueue(this.config.maxQueuedBroadcasts);
    const self: Entry = {
      ...this.self,
      incarnation: options.incarnation ?? 0,
      meta: Uint8Array.from(meta),
      state: 'alive',
      since: this.#clock.now(),
      suspicion: null,
    };
    this.#members.set(self.nodeId, self);
  }

  /** This member's current incarnation. */
  get incarnation(): number {
    return this.#members.get(this.self.nodeId)!.incarnation;
  }

  /** Lifeguard local health score, 0 (healthy) to awarenessMaxMultiplier - 1. */
  get health(): number {
    return this.#health;
  }

  /** This member's cluster id, once set. */
  get clusterId(): string | null {
    return this.#clusterId;
  }

  /** Packets and records dropped unread so far, by reason. */
  get dropped(): Readonly<MembershipDrops> {
    return { ...this.#drops };
  }

  /**
   * From now on every packet this member sends carries `clusterId`, and labelled packets of any other
   * cluster are dropped. Set once: a different id later throws (a member never changes clusters).
   */
  setClusterId(clusterId: string): void {
    if (this.#clusterId === clusterId) return;
    if (this.#clusterId !== null)
      throw new Error(`this member belongs to cluster ${this.#clusterId}, not ${clusterId}`);
    if (clusterId === '' || Buffer.byteLength(clusterId) > MAX_CLUSTER_ID_BYTES)
      throw new RangeError(`cluster id must be 1 to ${MAX_CLUSTER_ID_BYTES} bytes`);
    this.#clusterId = clusterId;
    this.#labelBytes = labelOverhead(clusterId);
  }

  /**
   * Replaces this member's meta and tells everyone: a higher incarnation and an Alive through gossip. Throws
   * RangeError, changing nothing, when it is over maxMetaBytes or its Alive would not fit one datagram.
   */
  updateMeta(meta: Uint8Array): void {
    const self = this.#members.get(this.self.nodeId)!;
    if (meta.length > this.config.maxMetaBytes)
      throw new RangeError(`meta of ${meta.length} bytes is over maxMetaBytes (${this.config.maxMetaBytes})`);
    if (self.incarnation >= MAX_UINT32) throw new RangeError('incarnation number exhausted');
    const copy = Uint8Array.from(meta);
    const alive = this.#aliveOf({ ...self, meta: copy, incarnation: self.incarnation + 1 });
    const room = this.config.maxDatagramBytes - COMPOUND_HEADER - PART_OVERHEAD - this.#labelBytes;
    if (alive.length > room)
      throw new RangeError(
        `an Alive with ${meta.length} bytes of meta is ${alive.length} bytes: over one datagram`,
      );
    self.incarnation++;
    self.meta = copy;
    this.#queue(self.nodeId, alive);
    this.#onChange?.(snapshot(self), self.state);
  }

  /** Updates waiting to be gossiped. */
  get queuedBroadcasts(): number {
    return this.#broadcasts.size;
  }

  /** Every known member, this one included, in no particular order. */
  members(): Member[] {
    const out: Member[] = [];
    for (const e of this.#members.values()) out.push(snapshot(e));
    return out;
  }

  member(nodeId: number): Member | undefined {
    const e = this.#members.get(nodeId);
    return e === undefined ? undefined : snapshot(e);
  }

  /** Members other than this one that are alive or suspect (not yet declared dead). */
  liveCount(): number {
    let n = 0;
    for (const e of this.#members.values()) if (e.nodeId !== this.self.nodeId && isLive(e.state)) n++;
    return n;
  }

  /** Starts probing and gossiping, and joins through any of the seed addresses ("host:port"). */
  start(seeds: readonly string[] = []): void {
    if (this.#running) return;
    this.#running = true;
    this.#seeds = seeds.filter((s) => s !== this.self.address);
    const self = this.#members.get(this.self.nodeId)!;
    this.#queue(self.nodeId, this.#aliveOf(self));
    const c = this.config;
    // Staggered starts keep members that boot together from probing in lockstep.
    this.#every(c.probeIntervalMs, randomInt(this.#random, c.probeIntervalMs), () => this.#probe());
    this.#every(c.gossipIntervalMs, randomInt(this.#random, c.gossipIntervalMs), () => this.#gossip());
    this.#pushPullLoop(0);
  }

  /** Stops every timer; the member goes silent (a crash, as the others see it). */
  stop(): void {
    this.#running = false;
    for (const t of this.#timers) t.cancel();
    this.#timers = [];
    for (const p of this.#acks.values()) for (const t of p.timers) t.cancel();
    this.#acks.clear();
    for (const e of this.#members.values()) {
      e.suspicion?.cancel();
      e.suspicion = null;
    }
  }

  /** Announces a graceful leave to every live member and through gossip; call stop() a little later. */
  leave(): void {
    if (this.#leaving) return;
    this.#leaving = true;
    const self = this.#members.get(this.self.nodeId)!;
    const msg: DeadMessage = {
      type: MessageType.Dead,
      incarnation: self.incarnation,
      nodeId: self.nodeId,
      from: self.nodeId,
    };
    this.#applyDead(msg);
    const bytes = encodeMessage(msg);
    for (const e of this.#members.values()) {
      if (e.nodeId !== self.nodeId && isLive(e.state)) this.#sendDatagram(e.address, bytes);
    }
  }

  /** A datagram arrived. Malformed ones and other clusters' are dropped. */
  receiveDatagram(from: string, bytes: Uint8Array): void {
    if (!this.#running) return;
    const inner = this.#unlabel(from, bytes);
    if (inner === null) return;
    const m = decodeMessage(inner);
    if (m === null) {
      this.#drops.malformed++;
      this.#log.debug(`dropping a malformed gossip datagram from ${from}`);
      return;
    }
    this.#handle(m, from, 0);
  }

  /** A stream message arrived (a full-state exchange); `from` is for logs only. */
  receiveStream(from: string, bytes: Uint8Array): void {
    if (!this.#running) return;
    const inner = this.#unlabel(from, bytes, true);
    if (inner === null) return;
    const m = decodeMessage(inner);
    if (m === null || m.type !== MessageType.PushPull) {
      this.#drops.malformed++;
      this.#log.debug(`dropping a malformed gossip stream message from ${from}`);
      return;
    }
    if (!m.reply && m.sourceAddress !== this.self.address) this.#sendPushPull(m.sourceAddress, true);
    this.#merge(m);
  }

  // ---- message handling ----

  /**
   * The message inside a packet, or null when it is malformed or labelled with another cluster. A join
   * attempt (push-pull request) from another cluster gets an empty labelled answer: the asker learns which
   * cluster it reached, instead of waiting on a silent seed.
   */
  #unlabel(from: string, bytes: Uint8Array, stream = false): Uint8Array | null {
    const p = unlabelPacket(bytes);
    if (p === null) {
      this.#drops.malformed++;
      return null;
    }
    if (p.clusterId === null || this.#clusterId === null || p.clusterId === this.#clusterId) return p.inner;
    this.#drops.foreignCluster++;
    if (!this.#foreignClusters.has(p.clusterId) && this.#foreignClusters.size < MAX_FOREIGN_CLUSTERS) {
      this.#foreignClusters.add(p.clusterId);
      this.#log.warn(
        `dropping gossip from ${from}: it is of cluster ${p.clusterId}, this node of cluster ${this.#clusterId}`,
      );
    }
    this.#onForeignCluster?.(p.clusterId, from);
    if (stream) {
      const m = decodeMessage(p.inner);
      if (
        m !== null &&
        m.type === MessageType.PushPull &&
        !m.reply &&
        m.sourceAddress !== this.self.address
      ) {
        const answer = encodeMessage({
          type: MessageType.PushPull,
          reply: true,
          sourceAddress: this.self.address,
          members: [],
        });
        this.#transport.sendStream(m.sourceAddress, labelPacket(this.#clusterId, answer));
      }
    }
    return null;
  }

  #handle(m: GossipMessage, from: string, depth: number): void {
    switch (m.type) {
      case MessageType.Compound:
        if (depth > 0) return; // compounds do not nest
        for (const part of m.parts) {
          const inner = decodeMessage(part);
          if (inner !== null) this.#handle(inner, from, depth + 1);
        }
        return;
      case MessageType.Ping:
        if (m.targetId !== this.self.nodeId) return; // meant for whoever had this address before
        this.#sendWithPiggyback(m.sourceAddress, encodeMessage({ type: MessageType.Ack, seq: m.seq }));
        return;
      case MessageType.IndirectPing:
        this.#indirectPing(m);
        return;
      case MessageType.Ack:
        this.#acks.get(m.seq)?.onAck();
        return;
      case MessageType.Nack:
        this.#acks.get(m.seq)?.onNack();
        return;
      case MessageType.Alive:
        this.#applyAlive(m, true);
        return;
      case MessageType.Suspect:
        this.#applySuspect(m);
        return;
      case MessageType.Dead:
        this.#applyDead(m);
        return;
      case MessageType.PushPull:
        return; // only over streams
    }
  }

  #indirectPing(m: IndirectPingMessage): void {
    const seq = this.#nextSeq();
    const ping: PingMessage = {
      type: MessageType.Ping,
      seq,
      targetId: m.targetId,
      sourceId: this.self.nodeId,
      sourceAddress: this.self.address,
    };
    const pending: PendingAck = {
      onAck: () => {
        this.#settle(seq);
        this.#sendDatagram(m.sourceAddress, encodeMessage({ type: MessageType.Ack, seq: m.seq }));
      },
      onNack: () => {},
      timers: [],
    };
    pending.timers.push(
      this.#clock.schedule(this.config.probeTimeoutMs, () => {
        this.#settle(seq);
        if (m.nack) {
          this.#sendDatagram(m.sourceAddress, encodeMessage({ type: MessageType.Nack, seq: m.seq }));
        }
      }),
    );
    this.#acks.set(seq, pending);
    this.#sendDatagram(m.targetAddress, encodeMessage(ping));
  }

  #applyAlive(m: AliveMessage, gossip: boolean): void {
    if (m.meta.length > this.config.maxMetaBytes) {
      this.#drops.oversizedMeta++;
      this.#log.debug(`dropping node ${m.nodeId}'s record: ${m.meta.length} bytes of meta`);
      return;
    }
    const selfId = this.self.nodeId;
    const e = this.#members.get(m.nodeId);
    if (m.nodeId === selfId) {
      // Word of an older life of ours (or of a forger) at an incarnation we have not passed: out-bid it.
      const self = this.#members.get(selfId)!;
      const newer = m.incarnation > self.incarnation;
      const conflicting = m.incarnation === self.incarnation && !sameInfo(m, self);
      if ((newer || conflicting) && !this.#leaving) this.#refute(m.incarnation);
      return;
    }
    if (e === undefined) {
      if (this.#members.size >= this.config.maxMembers) {
        if (!this.#warnedFull) {
          this.#warnedFull = true;
          this.#log.warn(
            `member table full (${this.config.maxMembers}); ignoring node ${m.nodeId} and later ones`,
          );
        }
        return;
      }
      const entry: Entry = {
        ...infoOf(m),
        incarnation: m.incarnation,
        meta: m.meta,
        state: 'alive',
        since: 0,
        suspicion: null,
      };
      this.#members.set(m.nodeId, entry);
      // A newcomer goes to a random place in the probe order, so it is probed within one round.
      this.#probeOrder.splice(randomInt(this.#random, this.#probeOrder.length + 1), 0, m.nodeId);
      this.#setState(entry, 'alive', null);
      this.#log.info(`node ${m.nodeId} at ${m.address} joined (incarnation ${m.incarnation})`);
      if (gossip) this.#queue(m.nodeId, encodeMessage(m));
      return;
    }
    if (m.incarnation <= e.incarnation) return;
    const previous = e.state;
    const metaChanged = !sameBytes(e.meta, m.meta);
    Object.assign(e, infoOf(m));
    e.incarnation = m.incarnation;
    e.meta = m.meta;
    e.suspicion?.cancel();
    e.suspicion = null;
    if (previous !== 'alive') {
      this.#setState(e, 'alive', previous);
      this.#log.info(`node ${m.nodeId} is alive again (incarnation ${m.incarnation}, was ${previous})`);
    } else if (metaChanged) {
      this.#onChange?.(snapshot(e), 'alive');
    }
    if (gossip) this.#queue(m.nodeId, encodeMessage(m));
  }

  #applySuspect(m: SuspectMessage): void {
    const e = this.#members.get(m.nodeId);
    if (e === undefined) return;
    if (m.incarnation < e.incarnation) {
      // Someone still doubts an older incarnation of ours: it missed our refutation, so say it again.
      if (m.nodeId === this.self.nodeId && !this.#leaving) this.#queue(e.nodeId, this.#aliveOf(e));
      return;
    }
    if (m.nodeId === this.self.nodeId) {
      if (!this.#leaving) {
        this.#log.debug(`refuting a suspicion from node ${m.from} (incarnation ${m.incarnation})`);
        this.#changeHealth(1);
        this.#refute(m.incarnation);
      }
      return;
    }
    if (e.state === 'suspect' && e.suspicion !== null) {
      if (e.suspicion.confirm(m.from)) this.#queue(m.nodeId, encodeMessage(m));
      return;
    }
    if (e.state !== 'alive') return;
    e.incarnation = m.incarnation;
    const n = this.#members.size;
    const c = this.config;
    const expected = n - 2 < c.suspicionMult - 2 ? 0 : c.suspicionMult - 2;
    const minMs = Math.floor(c.suspicionMult * Math.max(1, Math.log10(Math.max(1, n))) * c.probeIntervalMs);
    const maxMs = c.suspicionMaxTimeoutMult * minMs;
    const incarnation = m.incarnation;
    e.suspicion = new Suspicion(this.#clock, m.from, expected, minMs, maxMs, () => {
      this.#applyDead({ type: MessageType.Dead, incarnation, nodeId: m.nodeId, from: this.self.nodeId });
    });
    this.#setState(e, 'suspect', 'alive');
    this.#log.debug(`node ${m.nodeId} is suspect (by node ${m.from}, incarnation ${incarnation})`);
    this.#queue(m.nodeId, encodeMessage(m));
  }

  #applyDead(m: DeadMessage): void {
    const e = this.#members.get(m.nodeId);
    if (e === undefined || m.incarnation < e.incarnation) return;
    if (e.state === 'dead' || e.state === 'left') return;
    if (m.nodeId === this.self.nodeId && !this.#leaving) {
      this.#log.info(`refuting being declared dead by node ${m.from} (incarnation ${m.incarnation})`);
      this.#changeHealth(1);
      this.#refute(m.incarnation);
      return;
    }
    const previous = e.state;
    e.incarnation = m.incarnation;
    e.suspicion?.cancel();
    e.suspicion = null;
    const state: MemberState = m.from === m.nodeId ? 'left' : 'dead';
    this.#setState(e, state, previous);
    if (m.nodeId !== this.self.nodeId) {
      this.#log.info(
        `node ${m.nodeId} is ${state}${state === 'dead' ? ` (declared by node ${m.from})` : ''}`,
      );
    }
    this.#queue(m.nodeId, encodeMessage(m));
  }

  /** Takes an incarnation above `seen` and tells everyone this member is alive. */
  #refute(seen: number): void {
    const self = this.#members.get(this.self.nodeId)!;
    if (seen >= MAX_UINT32) {
      this.#log.warn('incarnation number exhausted; cannot refute');
      return;
    }
    self.incarnation = Math.max(self.incarnation, seen) + 1;
    this.#queue(self.nodeId, this.#aliveOf(self));
  }

  #merge(m: PushPullMessage): void {
    for (const s of m.members) {
      const alive: AliveMessage = {
        type: MessageType.Alive,
        ...infoOf(s),
        incarnation: s.incarnation,
        meta: s.meta,
      };
      if (s.meta.length > this.config.maxMetaBytes) {
        this.#drops.oversizedMeta++;
        continue;
      }
      if (s.state === 'alive') this.#applyAlive(alive, true);
      else {
        // Learn the member first if it is new, then what the sender thinks of it.
        if (!this.#members.has(s.nodeId) && s.nodeId !== this.self.nodeId) this.#applyAlive(alive, false);
        if (s.state === 'left') {
          this.#applyDead({
            type: MessageType.Dead,
            incarnation: s.incarnation,
            nodeId: s.nodeId,
            from: s.nodeId,
          });
        } else {
          // Another member's "dead" is only a suspicion here: it gets the chance to refute.
          this.#applySuspect({
            type: MessageType.Suspect,
            incarnation: s.incarnation,
            nodeId: s.nodeId,
            from: this.self.nodeId,
          });
        }
      }
    }
  }

  // ---- periodic work ----

  #probe(): void {
    this.#reap();
    const target = this.#nextProbeTarget();
    if (target === null) return;
    const c = this.config;
    const seq = this.#nextSeq();
    const scale = this.#health + 1;
    const probedIncarnation = target.incarnation;
    let acked = false;
    let nacks = 0;
    let expectedNacks = 0;
    const pending: PendingAck = {
      onAck: () => {
        if (acked) return;
        acked = true;
        this.#settle(seq);
        this.#changeHealth(-1);
      },
      onNack: () => {
        nacks++;
      },
      timers: [],
    };
    this.#acks.set(seq, pending);
    const ping: PingMessage = {
      type: MessageType.Ping,
      seq,
      targetId: target.nodeId,
      sourceId: this.self.nodeId,
      sourceAddress: this.self.address,
    };
    const lead = [encodeMessage(ping)];
    // Lifeguard's buddy system: a suspect hears of its suspicion with every ping, so it can refute in time.
    // The suspicion goes first, so the refutation is queued before the ack and rides back on it.
    if (target.state === 'suspect') {
      lead.unshift(
        encodeMessage({
          type: MessageType.Suspect,
          incarnation: target.incarnation,
          nodeId: target.nodeId,
          from: this.self.nodeId,
        }),
      );
    }
    this.#sendWithPiggyback(target.address, ...lead);
    pending.timers.push(
      this.#clock.schedule(c.probeTimeoutMs * scale, () => {
        if (acked) return;
        const helpers = this.#randomLive(c.indirectChecks, target.nodeId);
        expectedNacks = helpers.length;
        const ask = encodeMessage({
          type: MessageType.IndirectPing,
          seq,
          targetId: target.nodeId,
          targetAddress: target.address,
          nack: true,
          sourceId: this.self.nodeId,
          sourceAddress: this.self.address,
        });
        for (const h of helpers) this.#sendDatagram(h.address, ask);
      }),
      this.#clock.schedule(c.probeIntervalMs * scale, () => {
        if (acked) return;
        this.#settle(seq);
        // Lifeguard: missing nacks mean our own messages are not getting through; blame ourselves too.
        if (expectedNacks > 0) this.#changeHealth(Math.max(0, expectedNacks - nacks));
        else this.#changeHealth(1);
        const e = this.#members.get(target.nodeId);
        if (e === undefined || !isLive(e.state) || e.incarnation !== probedIncarnation) return;
        // Already suspect (heard from another member): our own failed probe is an independent confirmation,
        // which is what shortens the suspicion toward its minimum.
        this.#applySuspect({
          type: MessageType.Suspect,
          incarnation: e.incarnation,
          nodeId: e.nodeId,
          from: this.self.nodeId,
        });
      }),
    );
  }

  #nextProbeTarget(): Entry | null {
    for (let tries = 0; tries <= this.#members.size; tries++) {
      if (this.#probeIndex >= this.#probeOrder.length) {
        this.#probeOrder = shuffle(
          this.#random,
          [...this.#members.keys()].filter((id) => id !== this.self.nodeId),
        );
        this.#probeIndex = 0;
        if (this.#probeOrder.length === 0) return null;
      }
      const e = this.#members.get(this.#probeOrder[this.#probeIndex++]!);
      if (e !== undefined && isLive(e.state)) return e;
    }
    return null;
  }

  #gossip(): void {
    if (this.#broadcasts.size === 0) return;
    const now = this.#clock.now();
    const targets: Entry[] = [];
    for (const e of this.#members.values()) {
      if (e.nodeId === this.self.nodeId) continue;
      if (isLive(e.state) || now - e.since <= this.config.gossipToTheDeadMs) targets.push(e);
    }
    shuffle(this.#random, targets);
    const limit = this.#retransmitLimit();
    for (const e of targets.slice(0, this.config.gossipNodes)) {
      const parts = this.#broadcasts.take(
        this.config.maxDatagramBytes - COMPOUND_HEADER - this.#labelBytes,
        PART_OVERHEAD,
        limit,
        MAX_COMPOUND_PARTS,
      );
      if (parts.length === 0) return;
      this.#sendDatagram(e.address, compound(parts));
    }
  }

  #pushPullLoop(delay: number): void {
    const t = this.#clock.schedule(delay, () => {
      this.#timers = this.#timers.filter((x) => x !== t);
      if (!this.#running) return;
      const peers = this.#randomLive(1, -1);
      if (peers.length > 0) this.#sendPushPull(peers[0]!.address, false);
      else for (const seed of this.#seeds) this.#sendPushPull(seed, false); // alone: (re)join through the seeds
      // Two groups that formed apart (restarts that each joined a different seed) never hear of each other
      // through gossip: a seed that is not a live member gets our state too, so the groups merge.
      const stranger = this.#randomUnknownSeed();
      if (peers.length > 0 && stranger !== null) this.#sendPushPull(stranger, false);
      // Members declared dead may only have been cut off: one of them gets our state each round, so two
      // sides of a healed partition find each other even with no seed in common (Serf's reconnect).
      const dead = this.#randomDead();
      if (dead !== null) this.#sendPushPull(dead.address, false);
      const alone = peers.length === 0 && this.#seeds.length > 0;
      this.#pushPullLoop(alone ? this.config.probeIntervalMs : this.#pushPullInterval());
    });
    this.#timers.push(t);
  }

  #randomUnknownSeed(): string | null {
    const live = new Set<string>();
    for (const e of this.#members.values()) if (e.state === 'alive') live.add(e.address);
    const unknown = this.#seeds.filter((s) => !live.has(s));
    return unknown.length === 0 ? null : unknown[randomInt(this.#random, unknown.length)]!;
  }

  #randomDead(): Entry | null {
    const dead: Entry[] = [];
    for (const e of this.#members.values()) if (e.state === 'dead') dead.push(e);
    return dead.length === 0 ? null : dead[randomInt(this.#random, dead.length)]!;
  }

  #pushPullInterval(): number {
    // Past 32 members, exchanges slow down so the total stream traffic grows only logarithmically.
    const n = this.#members.size;
    const scale = n <= 32 ? 1 : Math.ceil(Math.log2(n) - Math.log2(32)) + 1;
    return this.config.pushPullIntervalMs * scale;
  }

  #sendPushPull(to: string, reply: boolean): void {
    const members: MemberSnapshot[] = [];
    for (const e of this.#members.values()) members.push(stripped(e));
    const bytes = encodeMessage({
      type: MessageType.PushPull,
      reply,
      sourceAddress: this.self.address,
      members,
    });
    const packet = this.#clusterId === null ? bytes : labelPacket(this.#clusterId, bytes);
    if (packet.length > this.config.maxStreamBytes) {
      this.#log.warn(
        `full state of ${members.length} members is ${packet.length} bytes, over maxStreamBytes`,
      );
      return;
    }
    this.#transport.sendStream(to, packet);
  }

  /** Forgets members declared dead or left longer ago than deadMemberReapMs. */
  #reap(): void {
    const now = this.#clock.now();
    for (const e of this.#members.values()) {
      if ((e.state === 'dead' || e.state === 'left') && now - e.since > this.config.deadMemberReapMs) {
        this.#members.delete(e.nodeId);
      }
    }
  }

  // ---- helpers ----

  #every(intervalMs: number, firstMs: number, fn: () => void): void {
    const tick = (delay: number) => {
      const t = this.#clock.schedule(delay, () => {
        this.#timers = this.#timers.filter((x) => x !== t);
        if (!this.#running) return;
        fn();
        tick(intervalMs);
      });
      this.#timers.push(t);
    };
    tick(firstMs);
  }

  /** Every datagram leaves through here, labelled once this member has a cluster id. */
  #sendDatagram(to: string, bytes: Uint8Array): void {
    this.#transport.sendDatagram(to, this.#clusterId === null ? bytes : labelPacket(this.#clusterId, bytes));
  }

  /** Sends `lead` (one or more encoded messages) with as many queued updates as fit beside them. */
  #sendWithPiggyback(to: string, ...lead: Uint8Array[]): void {
    let budget = this.config.maxDatagramBytes - COMPOUND_HEADER - this.#labelBytes;
    for (const b of lead) budget -= b.length + PART_OVERHEAD;
    const extra = this.#broadcasts.take(
      budget,
      PART_OVERHEAD,
      this.#retransmitLimit(),
      MAX_COMPOUND_PARTS - lead.length,
    );
    const parts = [...lead, ...extra];
    this.#sendDatagram(to, parts.length === 1 ? parts[0]! : compound(parts));
  }

  #retransmitLimit(): number {
    return this.config.retransmitMult * Math.ceil(Math.log10(this.#members.size + 1));
  }

  #queue(nodeId: number, bytes: Uint8Array): void {
    this.#broadcasts.push(nodeId, bytes);
  }

  #aliveOf(e: MemberSnapshot): Uint8Array {
    return encodeMessage({ type: MessageType.Alive, ...infoOf(e), incarnation: e.incarnation, meta: e.meta });
  }

  /** Up to n random live members other than this one and `except`. */
  #randomLive(n: number, except: number): Entry[] {
    const live: Entry[] = [];
    for (const e of this.#members.values()) {
      if (e.nodeId !== this.self.nodeId && e.nodeId !== except && e.state === 'alive') live.push(e);
    }
    return shuffle(this.#random, live).slice(0, n);
  }

  #nextSeq(): number {
    this.#seq = (this.#seq + 1) >>> 0;
    return this.#seq;
  }

  #settle(seq: number): void {
    const p = this.#acks.get(seq);
    if (p === undefined) return;
    for (const t of p.timers) t.cancel();
    this.#acks.delete(seq);
  }

  #changeHealth(delta: number): void {
    this.#health = Math.min(this.config.awarenessMaxMultiplier - 1, Math.max(0, this.#health + delta));
  }

  #setState(e: Entry, state: MemberState, previous: MemberState | null): void {
    e.state = state;
    e.since = this.#clock.now();
    this.#onChange?.(snapshot(e), previous);
  }
}

function isLive(state: MemberState): boolean {
  return state === 'alive' || state === 'suspect';
}

function infoOf(m: MemberInfo): MemberInfo {
  return {
    nodeId: m.nodeId,
    address: m.address,
    clientHost: m.clientHost,
    clientPort: m.clientPort,
    rack: m.rack,
    voter: m.voter,
  };
}

function sameInfo(a: AliveMessage, b: MemberSnapshot): boolean {
  return (
    a.address === b.address &&
    a.clientHost === b.clientHost &&
    a.clientPort === b.clientPort &&
    a.rack === b.rack &&
    a.voter === b.voter &&
    sameBytes(a.meta, b.meta)
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const EMPTY_META = new Uint8Array(0);

function stripped(e: Entry): MemberSnapshot {
  return { ...infoOf(e), incarnation: e.incarnation, state: e.state, meta: e.meta };
}

function snapshot(e: Entry): Member {
  return { ...stripped(e), since: e.since };
}

function compound(parts: Uint8Array[]): Uint8Array {
  return encodeMessage({ type: MessageType.Compound, parts });
}
