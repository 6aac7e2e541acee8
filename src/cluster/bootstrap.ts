// Forming a cluster over gossip, as Consul's bootstrap_expect: the controller quorum's voters and the cluster
// id are decided once bootstrap-expect (N) brokers see each other, persisted, and never decided again.
// A pure state machine over the membership view: nextBootstrapRecord() is the whole rule; ClusterBootstrap
// keeps the record, persists it before publishing it (gossip meta), and reports the decision.
//
// The rule (why it is safe: docs/ARCHITECTURE.md, "Forming a cluster"), with k = min(N, 5):
// 1. Propose: once it has seen N live brokers (itself included), a broker proposes the k lowest node ids it
//    has ever heard of, alive or not. That set only ever moves to lower ids, and is persisted.
// 2. Commit: a member of its own proposal V commits to V once every member of V proposes V. It keeps the
//    commitment until V can no longer form: a member of V publishes a set holding an id outside V that is
//    lower than V's highest (it has heard of a lower id, so it will never propose V again).
// 3. Adopt: once every member of V is committed to V, the cluster id is derived from V and its members'
//    nonces (22 characters, base64url, as Kafka's), so each member of V gets the same id on its own.
// 4. Join: a broker that sees a member already adopted takes that member's cluster id and voters, as a voter
//    if listed, else as an observer (a committed broker first waits until its own set can no longer form).
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { type LogSink, SILENT_LOG } from '../logger.js';
import type { Random } from '../random.js';
import {
  type BootstrapMeta,
  decodeBootstrapMeta,
  encodeBootstrapMeta,
  MAX_BOOTSTRAP_EXPECT,
  MAX_VOTERS,
} from './bootstrap-meta.js';
import type { BootstrapRecord, BootstrapStore } from './bootstrap-store.js';
import type { MemberState } from './membership/messages.js';

/** One member as the membership reports it (Member fits). */
export interface BootstrapMember {
  nodeId: number;
  state: MemberState;
  meta: Uint8Array;
}

/** Another broker as the rule sees it. */
export interface BootstrapPeer {
  nodeId: number;
  /** Alive or suspect. */
  live: boolean;
  /** Null when it publishes nothing (yet) or something else. */
  meta: BootstrapMeta | null;
}

export interface BootstrapDecision {
  clusterId: string;
  voters: number[];
  role: 'voter' | 'observer';
}

/** k: how many voters a cluster bootstrapped with `expect` brokers gets. */
export function voterCount(expect: number): number {
  return Math.min(expect, MAX_VOTERS);
}

function same(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The `k` lowest ids, ascending. */
function lowest(ids: Iterable<number>, k: number): number[] {
  return [...new Set(ids)].sort((a, b) => a - b).slice(0, k);
}

/**
 * The cluster id of voter set `voters` whose members have these nonces: a hash of both, so every member of
 * the set derives it alone, and a set formed again by brokers with fresh data directories gets another.
 */
export function deriveClusterId(voters: readonly number[], nonces: ReadonlyMap<number, string>): string {
  const h = createHash('sha256').update('runnel cluster id v1');
  for (const id of [...voters].sort((a, b) => a - b)) h.update(`\n${id} ${nonces.get(id) ?? ''}`);
  return h.digest().subarray(0, 16).toString('base64url');
}

/** True once `set` can never be adopted: a member of it published a set with a lower id it lacks. */
export function cannotForm(
  set: readonly number[],
  self: number,
  peers: ReadonlyMap<number, BootstrapPeer>,
): boolean {
  const top = set[set.length - 1]!;
  for (const id of set) {
    if (id === self) continue;
    const m = peers.get(id)?.meta;
    if (m === null || m === undefined || m.phase === 'waiting') continue;
    if (m.phase === 'adopted' && !same(m.set, set)) return true;
    if (m.set.some((x) => x < top && !set.includes(x))) return true;
  }
  return false;
}

function proposes(p: BootstrapPeer | undefined, set: readonly number[]): boolean {
  const m = p?.meta;
  return m != null && m.phase !== 'waiting' && same(m.set, set);
}

function committedTo(p: BootstrapPeer | undefined, set: readonly number[]): boolean {
  const m = p?.meta;
  return m != null && (m.phase === 'committed' || m.phase === 'adopted') && same(m.set, set);
}

/**
 * The rule, as a pure function: the record after seeing `peers` (this broker excluded), given every node id
 * it has ever heard of (`seen`, itself included). Returns `record` itself when nothing changes. A decided
 * record never changes.
 */
export function nextBootstrapRecord(
  record: Readonly<BootstrapRecord>,
  peers: readonly BootstrapPeer[],
  seen: ReadonlySet<number>,
): BootstrapRecord {
  if (record.clusterId !== null) return record as BootstrapRecord;
  const self = record.nodeId;
  const byId = new Map(peers.map((p) => [p.nodeId, p]));
  let committed = record.committed;
  if (committed !== null && cannotForm(committed, self, byId)) committed = null;

  // Join a cluster that already formed (one listing this broker first, then the lowest id, to be
  // deterministic), unless committed to a set that may still form.
  let join: BootstrapMeta | null = null;
  for (const p of peers) {
    const m = p.meta;
    if (m === null || m.phase !== 'adopted') continue;
    const listed = m.set.includes(self);
    const better =
      join === null ||
      (listed && !join.set.includes(self)) ||
      (listed === join.set.includes(self) && m.clusterId! < join.clusterId!);
    if (better) join = m;
  }
  if (join !== null && (join.set.includes(self) || committed === null)) {
    return { ...record, committed, clusterId: join.clusterId, voters: [...join.set] };
  }

  const k = voterCount(record.expect);
  let proposal = record.proposal;
  const live = 1 + peers.filter((p) => p.live).length;
  if (proposal !== null || live >= record.expect) {
    proposal = lowest([...seen, ...(proposal ?? []), self], k);
    // Monotone: never back to higher ids than a proposal already published.
    if (record.proposal !== null && same(proposal, record.proposal)) proposal = record.proposal;
  }
  if (
    committed === null &&
    proposal !== null &&
    proposal.includes(self) &&
    proposal.every((id) => id === self || proposes(byId.get(id), proposal!))
  ) {
    committed = proposal;
  }
  if (committed?.every((id) => id === self || committedTo(byId.get(id), committed!))) {
    const nonces = new Map<number, string>([[self, record.nonce]]);
    for (const id of committed) if (id !== self) nonces.set(id, byId.get(id)!.meta!.nonce);
    return {
      ...record,
      proposal,
      committed,
      clusterId: deriveClusterId(committed, nonces),
      voters: committed,
    };
  }
  if (proposal === record.proposal && committed === record.committed) return record as BootstrapRecord;
  return { ...record, proposal, committed };
}

/** The meta a broker with this record publishes. */
export function metaOf(record: Readonly<BootstrapRecord>): BootstrapMeta {
  const base = { nonce: record.nonce, expect: record.expect };
  if (record.clusterId !== null)
    return { ...base, phase: 'adopted', set: [...record.voters!], clusterId: record.clusterId };
  if (record.committed !== null)
    return { ...base, phase: 'committed', set: [...record.committed], clusterId: null };
  if (record.proposal !== null)
    return { ...base, phase: 'proposing', set: [...record.proposal], clusterId: null };
  return { ...base, phase: 'waiting', set: [], clusterId: null };
}

function isLive(state: MemberState): boolean {
  return state === 'alive' || state === 'suspect';
}

function randomNonce(random: Random): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random.next() * 256);
  return bytes.toString('base64url');
}

/**
 * A broker that is its own quorum decides at once: voters = [this node], cluster id `clusterId` (a lone
 * broker's meta.properties has one). Saved like any decision, so a later start with --peers finds it made and
 * the brokers that join become observers. A decision already made is kept; a record of a broker that took
 * part in forming a cluster (it proposed or committed) is refused: deciding alone could make two clusters.
 */
export function decideAlone(
  store: BootstrapStore,
  nodeId: number,
  clusterId: string,
  random: Random,
): Readonly<BootstrapRecord> {
  const stored = store.load();
  if (stored !== null && stored.nodeId !== nodeId)
    throw new Error(`the cluster bootstrap record belongs to node ${stored.nodeId}, not node ${nodeId}`);
  if (stored?.clusterId != null) return stored;
  if (stored !== null && (stored.proposal !== null || stored.committed !== null)) {
    throw new Error(
      `this broker took part in forming a cluster (it proposed voters [${(stored.committed ?? stored.proposal)!.join(', ')}]); ` +
        'start it with the same --peers again',
    );
  }
  const record: BootstrapRecord = {
    nodeId,
    nonce: stored?.nonce ?? randomNonce(random),
    expect: 1,
    proposal: [nodeId],
    committed: [nodeId],
    clusterId,
    voters: [nodeId],
  };
  store.save(record);
  return record;
}

export interface ClusterBootstrapOptions {
  nodeId: number;
  /** Brokers that must see each other before the cluster forms (1 + the number of --peers by default). */
  bootstrapExpect: number;
  store: BootstrapStore;
  clock: Clock;
  /** For the nonce at first start. */
  random: Random;
  log?: LogSink;
}

/** Distinct conflicting cluster ids remembered for status(); more are only logged. */
const MAX_CONFLICTS = 8;

/**
 * Wiring: give the membership `bootstrap.meta` as its starting meta, call `observe(membership.members())`
 * from its onChange, `observeForeignCluster` from its onForeignCluster; publish through `onMetaChange`
 * (membership.updateMeta) and label packets from `onDecided` (membership.setClusterId).
 */
export class ClusterBootstrap {
  readonly nodeId: number;
  readonly #store: BootstrapStore;
  readonly #clock: Clock;
  readonly #log: LogSink;
  #record: BootstrapRecord;
  #meta: Uint8Array;
  readonly #seen = new Set<number>();
  #peers: BootstrapPeer[] = [];
  #hasLivePeer = false;
  readonly #since: number;
  readonly #onDecided: ((d: BootstrapDecision) => void)[] = [];
  readonly #onMeta: ((meta: Uint8Array) => void)[] = [];
  readonly #onConflict: ((message: string) => void)[] = [];
  readonly #conflicts = new Map<string, string>();
  #persistError: string | null = null;
  #evaluating = false;
  #pending: readonly BootstrapMember[] | null = null;

  /** Loads the record (a first start creates and saves one); throws when it cannot be read or written. */
  constructor(options: ClusterBootstrapOptions) {
    const { nodeId, bootstrapExpect } = options;
    if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId > 0x7fffffff)
      throw new RangeError(`node id ${nodeId} must be an integer in [0, 2147483647]`);
    if (!Number.isInteger(bootstrapExpect) || bootstrapExpect < 1 || bootstrapExpect > MAX_BOOTSTRAP_EXPECT)
      throw new RangeError(
        `bootstrap-expect ${bootstrapExpect} must be an integer in [1, ${MAX_BOOTSTRAP_EXPECT}]`,
      );
    this.nodeId = nodeId;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#log = options.log ?? SILENT_LOG;
    this.#since = this.#clock.now();
    const stored = this.#store.load();
    if (stored === null) {
      this.#record = {
        nodeId,
        nonce: randomNonce(options.random),
        expect: bootstrapExpect,
        proposal: null,
        committed: null,
        clusterId: null,
        voters: null,
      };
      this.#store.save(this.#record);
    } else {
      if (stored.nodeId !== nodeId)
        throw new Error(`the cluster bootstrap record belongs to node ${stored.nodeId}, not node ${nodeId}`);
      this.#record = stored;
      if (stored.expect !== bootstrapExpect && stored.clusterId === null) {
        this.#log.warn(
          `bootstrap-expect ${bootstrapExpect} ignored: this broker waits for the ${stored.expect} it started with`,
        );
      }
    }
    this.#seen.add(nodeId);
    for (const id of [...(this.#record.proposal ?? []), ...(this.#record.committed ?? [])])
      this.#seen.add(id);
    this.#meta = encodeBootstrapMeta(metaOf(this.#record));
  }

  /** What this broker publishes now (membership meta). */
  get meta(): Uint8Array {
    return this.#meta;
  }

  get record(): Readonly<BootstrapRecord> {
    return this.#record;
  }

  /** Null until decided (at once after a restart that finds a decision). */
  get decision(): BootstrapDecision | null {
    const r = this.#record;
    if (r.clusterId === null) return null;
    return {
      clusterId: r.clusterId,
      voters: [...r.voters!],
      role: r.voters!.includes(this.nodeId) ? 'voter' : 'observer',
    };
  }

  /** Called once with the decision: at once if it is already made, else when it is (after it is saved). */
  onDecided(cb: (d: BootstrapDecision) => void): void {
    const d = this.decision;
    if (d !== null) cb(d);
    else this.#onDecided.push(cb);
  }

  /** Called with the new meta each time it changes (after the record behind it is saved). */
  onMetaChange(cb: (meta: Uint8Array) => void): void {
    this.#onMeta.push(cb);
  }

  /**
   * Called once per other cluster id heard from while this broker, decided, hears no member of its own
   * cluster (its data directory belongs to one cluster; its peers are of another): the message names both.
   * It never joins them; the owner decides whether to stop.
   */
  onConflict(cb: (message: string) => void): void {
    this.#onConflict.push(cb);
  }

  /**
   * A packet labelled with another cluster id was dropped by the membership. A conflict only while this
   * broker hears no live member of its own cluster: a cluster that merely gets a stray packet is fine.
   */
  observeForeignCluster(clusterId: string, from: string): void {
    if (this.#record.clusterId === null || clusterId === this.#record.clusterId) return;
    if (this.#hasLivePeer) return;
    this.#conflict(clusterId, `gossip from ${from}`);
  }

  /** The membership view changed: every member, this broker included (it is skipped). */
  observe(members: readonly BootstrapMember[]): void {
    if (this.#evaluating) {
      this.#pending = members;
      return;
    }
    this.#evaluating = true;
    try {
      let next: readonly BootstrapMember[] | null = members;
      while (next !== null) {
        this.#pending = null;
        this.#evaluate(next);
        next = this.#pending;
      }
    } finally {
      this.#evaluating = false;
      this.#pending = null;
    }
  }

  #evaluate(members: readonly BootstrapMember[]): void {
    if (this.#record.clusterId !== null) {
      // Decided (the steady state): only whether any other member is live matters (for conflicts).
      this.#hasLivePeer = members.some((m) => m.nodeId !== this.nodeId && isLive(m.state));
      return;
    }
    const peers: BootstrapPeer[] = [];
    for (const m of members) {
      if (m.nodeId === this.nodeId) continue;
      const meta = decodeBootstrapMeta(m.meta);
      peers.push({ nodeId: m.nodeId, live: isLive(m.state), meta });
      // Every broker heard of counts, and so does every id another proposes (it heard of them); brokers
      // already in a cluster do not (this one joins theirs instead).
      if (meta === null || meta.phase === 'waiting') this.#seen.add(m.nodeId);
      else if (meta.phase !== 'adopted') for (const id of [m.nodeId, ...meta.set]) this.#seen.add(id);
    }
    this.#peers = peers;
    this.#hasLivePeer = peers.some((p) => p.live);
    const prev = this.#record;
    const next = nextBootstrapRecord(prev, peers, this.#seen);
    if (next === prev) return;
    try {
      this.#store.save(next);
      this.#persistError = null;
    } catch (err) {
      // Nothing unsaved is published; the next change tries again.
      this.#persistError = (err as Error).message;
      this.#log.warn(`cannot save the cluster bootstrap record: ${this.#persistError}`);
      return;
    }
    this.#record = next;
    this.#meta = encodeBootstrapMeta(metaOf(next));
    for (const cb of this.#onMeta) cb(this.#meta);
    if (prev.clusterId === null && next.clusterId !== null) {
      const d = this.decision!;
      this.#log.info(
        `cluster ${d.clusterId} formed: voters ${d.voters.join(', ')}; this broker is ${d.role === 'voter' ? 'a voter' : 'an observer'}`,
      );
      for (const cb of this.#onDecided.splice(0)) cb(d);
    }
  }

  #conflict(theirs: string, where: string): void {
    if (this.#conflicts.has(theirs)) return;
    const message =
      `this broker's data directory belongs to cluster ${this.#record.clusterId}, but ${where} is of cluster ` +
      `${theirs}: refusing to join it (check --peers, or give this broker an empty data directory)`;
    this.#log.warn(message);
    if (this.#conflicts.size >= MAX_CONFLICTS) return;
    this.#conflicts.set(theirs, message);
    for (const cb of this.#onConflict) cb(message);
  }

  /** One line for logs while waiting (and after). */
  status(): string {
    const r = this.#record;
    const conflicts = [...this.#conflicts.values()].map((m) => `; ${m}`).join('');
    const saveError = this.#persistError === null ? '' : `; cannot save: ${this.#persistError}`;
    if (r.clusterId !== null) {
      const d = this.decision!;
      return `cluster ${d.clusterId}, voters [${d.voters.join(', ')}], this broker ${d.role === 'voter' ? 'a voter' : 'an observer'}${conflicts}`;
    }
    const waited = Math.round((this.#clock.now() - this.#since) / 1000);
    const byId = new Map(this.#peers.map((p) => [p.nodeId, p]));
    const describe = (id: number) => {
      const m = byId.get(id)?.meta;
      if (m === undefined) return `${id} (not heard from)`;
      if (m === null) return `${id} (no bootstrap state yet)`;
      return `${id} (${m.phase}${m.set.length > 0 ? ` [${m.set.join(', ')}]` : ''})`;
    };
    const mismatched = this.#peers
      .filter((p) => p.meta !== null && p.meta.expect !== r.expect)
      .map((p) => p.nodeId);
    const mismatch =
      mismatched.length === 0 ? '' : `; brokers ${mismatched.join(', ')} run with another bootstrap-expect`;
    if (r.proposal === null) {
      const live = [this.nodeId, ...this.#peers.filter((p) => p.live).map((p) => p.nodeId)].sort(
        (a, b) => a - b,
      );
      return `waiting ${waited}s for ${r.expect} brokers to see each other (bootstrap-expect); seen ${live.length}: [${live.join(', ')}]${mismatch}${saveError}`;
    }
    const set = r.committed ?? r.proposal;
    const others = set.filter((id) => id !== this.nodeId).map(describe);
    const what = r.committed !== null ? 'committed to' : 'proposing';
    const tail = set.includes(this.nodeId) ? '' : ' (this broker will be an observer)';
    return `${what} voters [${set.join(', ')}] for ${waited}s${tail}; the others: ${others.join(', ') || 'none'}${mismatch}${saveError}`;
  }
}
