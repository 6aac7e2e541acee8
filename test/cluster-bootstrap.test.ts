// Forming a cluster over gossip (bootstrap-expect): the rule as a pure function, its meta codec and record
// store, then brokers under deterministic simulation (Membership + ClusterBootstrap on a seeded network that
// drops, duplicates, reorders and partitions, with crashes and restarts). A failing seed replays exactly:
// SIM_SEED=N runs only that seed of the sweep, SIM_SEEDS=N runs more of them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/clock.js';
import {
  type BootstrapPeer,
  ClusterBootstrap,
  deriveClusterId,
  nextBootstrapRecord,
} from '../dist/cluster/bootstrap.js';
import {
  type BootstrapMeta,
  decodeBootstrapMeta,
  encodeBootstrapMeta,
} from '../dist/cluster/bootstrap-meta.js';
import {
  type BootstrapRecord,
  FileBootstrapStore,
  MemoryBootstrapStore,
} from '../dist/cluster/bootstrap-store.js';
import { SeededRandom } from '../dist/random.js';
import { BootstrapSim } from './helpers/bootstrap-sim.js';

function rec(nodeId: number, expect: number, over: Partial<BootstrapRecord> = {}): BootstrapRecord {
  return {
    nodeId,
    nonce: `nonce-${nodeId}`,
    expect,
    proposal: null,
    committed: null,
    clusterId: null,
    voters: null,
    ...over,
  };
}

function peer(nodeId: number, meta: Partial<BootstrapMeta> | null, live = true): BootstrapPeer {
  if (meta === null) return { nodeId, live, meta: null };
  return {
    nodeId,
    live,
    meta: { phase: 'proposing', nonce: `nonce-${nodeId}`, expect: 3, set: [], clusterId: null, ...meta },
  };
}

const ids = (...xs: number[]) => new Set(xs);

test('waits below bootstrap-expect, then proposes the lowest ids ever heard of, and never moves back up', () => {
  let r = rec(2, 3);
  assert.is(nextBootstrapRecord(r, [peer(4, null)], ids(2, 4)), r, 'two of three: waiting');
  r = nextBootstrapRecord(r, [peer(4, null), peer(3, { phase: 'waiting' })], ids(2, 3, 4));
  assert.equal(r.proposal, [2, 3, 4]);
  // Node 1 is heard of only as dead: it still counts, lower ids win.
  r = nextBootstrapRecord(r, [peer(1, null, false), peer(3, null), peer(4, null)], ids(1, 2, 3, 4));
  assert.equal(r.proposal, [1, 2, 3]);
  // Everyone else dies: the proposal stays (a published proposal only ever moves to lower ids).
  const after = nextBootstrapRecord(r, [peer(1, null, false), peer(3, null, false)], ids(1, 2, 3, 4));
  assert.is(after, r);
});

test('commits once every member proposes the set, adopts once every member has committed; all derive one id', () => {
  const set = [1, 2, 3];
  const records = set.map((id) => rec(id, 3, { proposal: set }));
  const proposing = (self: number) => set.filter((i) => i !== self).map((i) => peer(i, { set }));
  const committed = records.map((r) => nextBootstrapRecord(r, proposing(r.nodeId), ids(1, 2, 3)));
  for (const r of committed) {
    assert.equal(r.committed, set);
    assert.is(r.clusterId, null, 'not before the others have committed');
  }
  // Two of three committed is not enough.
  const partial = nextBootstrapRecord(
    committed[0]!,
    [peer(2, { phase: 'committed', set }), peer(3, { set })],
    ids(1, 2, 3),
  );
  assert.is(partial.clusterId, null);
  const adopted = committed.map((r) =>
    nextBootstrapRecord(
      r,
      set.filter((i) => i !== r.nodeId).map((i) => peer(i, { phase: 'committed', set })),
      ids(1, 2, 3),
    ),
  );
  const clusterIds = new Set(adopted.map((r) => r.clusterId));
  assert.is(clusterIds.size, 1);
  const clusterId = adopted[0]!.clusterId!;
  assert.match(clusterId, /^[A-Za-z0-9_-]{22}$/);
  for (const r of adopted) assert.equal(r.voters, set);
  const nonces = new Map(set.map((i) => [i, `nonce-${i}`]));
  assert.is(deriveClusterId(set, nonces), clusterId);
  assert.is.not(deriveClusterId(set, new Map([...nonces, [2, 'fresh-data-dir']])), clusterId);
});

test('a broker outside the lowest ids never commits; it joins as an observer once a member adopted', () => {
  const set = [1, 2, 3];
  const view = [peer(1, { phase: 'committed', set }), peer(2, { set }), peer(3, { set })];
  const r = nextBootstrapRecord(rec(4, 3), view, ids(1, 2, 3, 4));
  assert.equal(r.proposal, set);
  assert.is(r.committed, null);
  const joined = nextBootstrapRecord(
    r,
    [peer(1, { phase: 'adopted', set, clusterId: 'X' }), peer(2, { set })],
    ids(1, 2, 3, 4),
  );
  assert.is(joined.clusterId, 'X');
  assert.equal(joined.voters, set);
});

test('a commitment holds when a lower id appears, and is released once a member of its set moved below it', () => {
  const w = [2, 3, 4];
  let r = rec(2, 3, { proposal: w, committed: w });
  r = nextBootstrapRecord(
    r,
    [peer(1, { set: [1, 2, 3] }), peer(3, { phase: 'committed', set: w }), peer(4, { set: w })],
    ids(1, 2, 3, 4),
  );
  assert.equal(r.committed, w, 'node 4 may still commit to [2,3,4]: holding on');
  assert.equal(r.proposal, [1, 2, 3]);
  // Node 4 heard of node 1: it will never propose [2,3,4] again, so [2,3,4] can never form.
  r = nextBootstrapRecord(
    r,
    [peer(1, { set: [1, 2, 3] }), peer(3, { phase: 'committed', set: w }), peer(4, { set: [1, 2, 3] })],
    ids(1, 2, 3, 4),
  );
  assert.is(r.committed, null);
  assert.equal(r.proposal, [1, 2, 3]);
});

test('joining: as a voter when listed; a committed broker waits while its own set may still form', () => {
  const theirs = { phase: 'adopted' as const, set: [5, 6, 7], clusterId: 'X' };
  const listed = nextBootstrapRecord(rec(6, 3), [peer(5, theirs)], ids(5, 6));
  assert.is(listed.clusterId, 'X');
  const w = [2, 3, 4];
  const committed = rec(2, 3, { proposal: w, committed: w });
  const wait = nextBootstrapRecord(
    committed,
    [peer(5, theirs), peer(3, { phase: 'committed', set: w }), peer(4, { set: w })],
    ids(2, 3, 4, 5),
  );
  assert.is(wait.clusterId, null);
  const joined = nextBootstrapRecord(
    committed,
    [peer(5, theirs), peer(3, { phase: 'committed', set: w }), peer(4, theirs)],
    ids(2, 3, 4, 5),
  );
  assert.is(joined.clusterId, 'X', 'node 4 joined X, so [2,3,4] cannot form');
  assert.equal(joined.voters, [5, 6, 7]);
});

test('a decided record never changes; expect 1 decides alone at once; more than 5 expected gives 5 voters', () => {
  const decided = rec(1, 3, { proposal: [1, 2, 3], committed: [1, 2, 3], clusterId: 'A', voters: [1, 2, 3] });
  assert.is(
    nextBootstrapRecord(decided, [peer(0, { phase: 'adopted', set: [0], clusterId: 'B' })], ids(0, 1)),
    decided,
  );
  const alone = nextBootstrapRecord(rec(7, 1), [], ids(7));
  assert.equal(alone.voters, [7]);
  assert.match(alone.clusterId!, /^[A-Za-z0-9_-]{22}$/);
  const seven = [1, 2, 3, 4, 5, 6, 7];
  const big = nextBootstrapRecord(
    rec(1, 7),
    seven.slice(1).map((i) => peer(i, null)),
    new Set(seven),
  );
  assert.equal(big.proposal, [1, 2, 3, 4, 5]);
});

test('bootstrap meta round-trips; truncated, extended and random bytes decode to null, never throw', () => {
  const samples: BootstrapMeta[] = [
    { phase: 'waiting', nonce: 'abc', expect: 3, set: [], clusterId: null },
    { phase: 'proposing', nonce: 'abc', expect: 3, set: [1, 2, 3], clusterId: null },
    { phase: 'committed', nonce: 'abc', expect: 5, set: [0, 2, 9, 10, 2147483647], clusterId: null },
    { phase: 'adopted', nonce: 'abc', expect: 1, set: [4], clusterId: 'MkU3OEVBNTcwNTJENDM2Qk' },
  ];
  const random = new SeededRandom(5);
  for (const m of samples) {
    const bytes = encodeBootstrapMeta(m);
    assert.equal(decodeBootstrapMeta(bytes), m);
    for (let n = 0; n < bytes.length; n++) assert.is(decodeBootstrapMeta(bytes.subarray(0, n)), null);
    assert.is(decodeBootstrapMeta(Buffer.concat([bytes, Buffer.from([0])])), null);
    for (let i = 0; i < 300; i++) {
      const copy = Buffer.from(bytes);
      copy[Math.floor(random.next() * copy.length)] = Math.floor(random.next() * 256);
      decodeBootstrapMeta(copy);
    }
  }
  // Unsorted sets, a waiting phase with a set, an adopted one without a cluster id: refused.
  const bad = (m: BootstrapMeta) => decodeBootstrapMeta(encodeBootstrapMeta(m));
  assert.is(bad({ phase: 'proposing', nonce: 'a', expect: 3, set: [2, 1, 3], clusterId: null }), null);
  assert.is(bad({ phase: 'waiting', nonce: 'a', expect: 3, set: [1], clusterId: null }), null);
  assert.is(bad({ phase: 'adopted', nonce: 'a', expect: 3, set: [1], clusterId: null }), null);
});

test('the file store round-trips durably, and refuses a damaged file naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-bootstrap-'));
  try {
    const file = join(dir, 'cluster-bootstrap.json');
    const store = new FileBootstrapStore(file);
    assert.is(store.load(), null, 'first start');
    const r = rec(3, 3, { proposal: [1, 2, 3], committed: [1, 2, 3], clusterId: 'abc', voters: [1, 2, 3] });
    store.save(r);
    assert.equal(store.load(), r);
    writeFileSync(file, '{"version":1,');
    assert.throws(
      () => store.load(),
      (e: Error) => e.message.includes(file),
    );
    writeFileSync(file, JSON.stringify({ version: 1, ...r, voters: [3, 2, 1] }));
    assert.throws(() => store.load(), /not a cluster bootstrap file/);
    writeFileSync(file, JSON.stringify({ version: 1, ...r, clusterId: null }));
    assert.throws(() => store.load(), /not a cluster bootstrap file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function bootstrapOf(store: MemoryBootstrapStore, nodeId = 1, expect = 3): ClusterBootstrap {
  return new ClusterBootstrap({
    nodeId,
    bootstrapExpect: expect,
    store,
    clock: new ManualClock(0),
    random: new SeededRandom(nodeId),
  });
}

test('ClusterBootstrap: the nonce and bootstrap-expect of the first start are kept; a decision is reported at once', () => {
  const store = new MemoryBootstrapStore();
  const first = bootstrapOf(store);
  assert.is(store.writes, 1, 'the nonce is saved before anything is published');
  const nonce = first.record.nonce;
  assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
  const again = bootstrapOf(store, 1, 5);
  assert.is(again.record.nonce, nonce);
  assert.is(again.record.expect, 3);
  assert.match(again.status(), /waiting 0s for 3 brokers/);
  assert.throws(() => bootstrapOf(store, 2), /belongs to node 1, not node 2/);
  assert.throws(() => bootstrapOf(new MemoryBootstrapStore(), 1, 0), /bootstrap-expect/);

  const decided = new MemoryBootstrapStore(
    rec(1, 3, { proposal: [1, 2, 3], committed: [1, 2, 3], clusterId: 'C', voters: [1, 2, 3] }),
  );
  const b = bootstrapOf(decided);
  let got: unknown = null;
  b.onDecided((d) => {
    got = d;
  });
  assert.equal(got, { clusterId: 'C', voters: [1, 2, 3], role: 'voter' });
  assert.equal(decodeBootstrapMeta(b.meta)?.phase, 'adopted');
});

test('ClusterBootstrap: nothing unsaved is published; a failed save is retried on the next change', () => {
  const store = new MemoryBootstrapStore();
  const b = bootstrapOf(store, 1, 1);
  let failing = true;
  const save = store.save.bind(store);
  store.save = (r) => {
    if (failing) throw new Error('ENOSPC: no space left on device');
    save(r);
  };
  const published: Uint8Array[] = [];
  b.onMetaChange((m) => published.push(m));
  b.observe([{ nodeId: 1, state: 'alive', meta: b.meta }]);
  assert.is(published.length, 0);
  assert.is(b.decision, null);
  assert.match(b.status(), /cannot save: ENOSPC/);
  failing = false;
  b.observe([{ nodeId: 1, state: 'alive', meta: b.meta }]);
  assert.is(published.length, 1);
  assert.is(b.decision?.role, 'voter');
  assert.is(store.load()?.clusterId, b.decision?.clusterId);
});

test('ClusterBootstrap: a restart while forming publishes the same commitment, even alone', () => {
  const store = new MemoryBootstrapStore();
  const b = bootstrapOf(store, 2, 3);
  const proposing = (id: number) => ({
    nodeId: id,
    state: 'alive' as const,
    meta: encodeBootstrapMeta({
      phase: 'proposing',
      nonce: `n${id}`,
      expect: 3,
      set: [1, 2, 3],
      clusterId: null,
    }),
  });
  b.observe([{ nodeId: 2, state: 'alive', meta: b.meta }, proposing(1), proposing(3)]);
  assert.equal(decodeBootstrapMeta(b.meta)?.phase, 'committed');
  const again = bootstrapOf(store, 2, 3);
  const meta = decodeBootstrapMeta(again.meta);
  assert.equal([meta?.phase, meta?.set, meta?.nonce], ['committed', [1, 2, 3], b.record.nonce]);
  const writes = store.writes;
  again.observe([{ nodeId: 2, state: 'alive', meta: again.meta }]);
  assert.is(store.writes, writes, 'nothing to change');
  assert.match(again.status(), /committed to voters \[1, 2, 3\]/);
});

// ---- simulation ----

const peersOf = (all: readonly number[], id: number) => all.filter((p) => p !== id);

function oneCluster(sim: BootstrapSim, context: string): string {
  const running = sim.running();
  const keys = new Set(
    running.map((b) => {
      const d = b.bootstrap.decision;
      return d === null ? 'undecided' : `${d.clusterId} [${d.voters.join(',')}]`;
    }),
  );
  assert.is(keys.size, 1, `${context}: ${[...keys].join(' | ')}\n${sim.dump()}`);
  return [...keys][0]!;
}

test('N = 3 and 5 brokers started in random order with random delays form one cluster of all of them', () => {
  for (const n of [3, 5]) {
    for (let seed = 1; seed <= 5; seed++) {
      const sim = new BootstrapSim(seed * 31 + n, { dropRate: 0.05, duplicateRate: 0.05, maxDelayMs: 40 });
      const all = Array.from({ length: n }, (_, i) => i + 1);
      const order = [...all].sort(() => sim.random.next() - 0.5);
      for (const id of order) {
        sim.start(id, peersOf(all, id));
        sim.run(Math.floor(sim.random.next() * 3000));
      }
      assert.ok(sim.runUntil(30_000, () => sim.allDecided()) >= 0, `n=${n} seed=${seed}\n${sim.dump()}`);
      const key = oneCluster(sim, `n=${n} seed=${seed}`);
      assert.ok(key.endsWith(`[${all.join(',')}]`), key);
      assert.is(sim.splitBrain(), null);
      assert.equal(sim.violations, []);
    }
  }
});

test('N = 1: a lone broker decides at once; brokers started later with it as a peer join as observers', () => {
  const sim = new BootstrapSim(7);
  const first = sim.start(1, []);
  assert.is(first.bootstrap.decision?.role, 'voter');
  sim.run(500);
  sim.start(2, [1]);
  sim.start(3, [1, 2]);
  assert.ok(sim.runUntil(20_000, () => sim.allDecided()) >= 0, sim.dump());
  oneCluster(sim, 'n=1');
  assert.is(sim.brokers.get(2)!.bootstrap.decision?.role, 'observer');
  assert.is(sim.brokers.get(3)!.bootstrap.decision?.role, 'observer');
});

test('5 brokers expecting 3, split 2 | 3 while forming: never two clusters; one forms, and all join it after the heal', () => {
  for (let seed = 1; seed <= 10; seed++) {
    const sim = new BootstrapSim(100 + seed, { dropRate: 0.02, maxDelayMs: 20 });
    const all = [1, 2, 3, 4, 5];
    const addr = (xs: number[]) => xs.map((x) => BootstrapSim.address(x));
    for (const id of all) {
      sim.start(id, peersOf(all, id), 3);
      sim.run(Math.floor(sim.random.next() * 400));
    }
    sim.net.partition(addr([1, 2]), addr([3, 4, 5]));
    sim.run(30_000);
    assert.is(sim.splitBrain(), null, `seed ${seed}`);
    sim.net.heal();
    assert.ok(sim.runUntil(60_000, () => sim.allDecided()) >= 0, `seed ${seed}\n${sim.dump()}`);
    oneCluster(sim, `seed ${seed}`);
    assert.equal(sim.violations, []);
  }
});

test('the race that splits a one-round rule: members adopt a set one of them already left; here they only commit', () => {
  const sim = new BootstrapSim(77);
  const addr = (xs: number[]) => xs.map((x) => BootstrapSim.address(x));
  sim.start(2, [], 3);
  sim.start(4, [2], 3);
  sim.run(3_000);
  // Broker 5 joins through 2; the moment 2 has heard of it (still waiting), 2 stops hearing 4 and 5. So 2
  // proposes [2,4,5], 4 and 5 see that and propose it too, but 2 never sees their proposals.
  sim.start(5, [2], 3);
  while (sim.brokers.get(2)!.membership.member(5) === undefined) sim.run(1);
  sim.net.partition(addr([4, 5]), addr([2]), true);
  sim.run(5_000);
  assert.equal(sim.brokers.get(4)!.bootstrap.record.committed, [2, 4, 5]);
  // Then 2 is cut off from 4 and 5 entirely, and brokers 1 and 3 start beside it.
  sim.net.partition(addr([1, 2, 3]), addr([4, 5]));
  sim.start(1, [2], 3);
  sim.start(3, [2], 3);
  sim.run(30_000);
  const v = sim.brokers.get(1)!.bootstrap.decision;
  assert.equal(v?.voters, [1, 2, 3], sim.dump());
  // A rule adopting [2,4,5] on proposals alone would now have two clusters, each with a majority of voters.
  assert.is(sim.splitBrain(), null);
  assert.is(sim.brokers.get(4)!.bootstrap.decision, null);
  sim.net.heal();
  assert.ok(sim.runUntil(30_000, () => sim.allDecided()) >= 0, sim.dump());
  assert.is(oneCluster(sim, 'healed'), `${v!.clusterId} [1,2,3]`);
  assert.is(sim.brokers.get(5)!.bootstrap.decision!.role, 'observer');
});

test('a lowest-id broker with another bootstrap-expect stalls forming (never splits it), and status names it', () => {
  const sim = new BootstrapSim(55);
  for (const id of [2, 3, 4]) sim.start(id, peersOf([1, 2, 3, 4], id), 3);
  sim.start(1, [2], 2);
  sim.run(30_000);
  assert.ok(
    [1, 2, 3, 4].every((id) => sim.brokers.get(id)!.bootstrap.decision === null),
    sim.dump(),
  );
  assert.match(
    sim.brokers.get(2)!.bootstrap.status(),
    /proposing voters \[1, 2, 3\].*brokers 1 run with another bootstrap-expect/,
  );
});

test('restarts after adoption never bootstrap again: the decision is back at once, with the same id', () => {
  const sim = new BootstrapSim(42);
  const all = [1, 2, 3];
  for (const id of all) sim.start(id, peersOf(all, id));
  assert.ok(sim.runUntil(20_000, () => sim.allDecided()) >= 0);
  const key = oneCluster(sim, 'formed');
  const writes = [...sim.stores.values()].map((s) => s.writes);
  for (const id of all) sim.crash(id);
  sim.run(5_000);
  // Restarted with other peers and another bootstrap-expect: nothing is decided again.
  for (const id of all) {
    const b = sim.start(id, [], 1);
    assert.is(b.decidedAt, b.startedAt, 'decided on start');
  }
  sim.run(20_000);
  assert.is(oneCluster(sim, 'restarted'), key);
  assert.equal(
    [...sim.stores.values()].map((s) => s.writes),
    writes,
    'nothing written again',
  );
});

test('a broker whose data directory belongs to another cluster refuses to join, naming both ids', () => {
  const sim = new BootstrapSim(9);
  for (const id of [1, 2, 3]) sim.start(id, peersOf([1, 2, 3], id));
  for (const id of [11, 12, 13]) sim.start(id, peersOf([11, 12, 13], id));
  assert.ok(sim.runUntil(20_000, () => sim.allDecided()) >= 0);
  const a = sim.brokers.get(1)!.bootstrap.decision!.clusterId;
  const b = sim.brokers.get(13)!.bootstrap.decision!.clusterId;
  assert.is.not(a, b, 'two deployments, two clusters');
  sim.crash(13);
  sim.run(1_000);
  // Broker 13 comes back pointed at cluster A's brokers.
  sim.start(13, [1, 2]);
  sim.run(10_000);
  assert.is(sim.brokers.get(13)!.bootstrap.decision!.clusterId, b, 'it keeps its own cluster');
  const mine = sim.conflicts.filter((c) => c.startsWith('13:'));
  assert.ok(mine.length >= 1, sim.conflicts.join('\n'));
  assert.ok(mine[0]!.includes(a) && mine[0]!.includes(b), mine[0]);
  assert.equal(
    sim.conflicts.filter((c) => !c.startsWith('13:')),
    [],
    'cluster A, which still hears its own members, reports nothing',
  );
  for (const id of [1, 2, 3]) {
    assert.is(sim.brokers.get(id)!.membership.member(13), undefined, 'cluster A never learns broker 13');
    assert.ok(sim.brokers.get(id)!.membership.dropped.foreignCluster > 0 || id !== 1);
  }
  assert.match(sim.brokers.get(13)!.bootstrap.status(), /refusing to join/);
});

/**
 * `wide`: 2N+1 brokers expecting N = 3, enough for two groups that never hear of each other to form two
 * clusters; then only the structural invariants hold (distinct voter sets disjoint, one id per set).
 */
function scenario(seed: number, wide = false): { sim: BootstrapSim; problem: string | null } {
  const random = new SeededRandom(seed * 7919 + 3);
  const n = wide ? 3 : [1, 3, 5][Math.floor(random.next() * 3)]!;
  // Up to N+2 brokers expecting N (fewer than 2k: one cluster at most).
  const extra = wide ? n + 1 : n === 1 ? 0 : Math.floor(random.next() * 3);
  const sim = new BootstrapSim(seed, {
    dropRate: random.next() * 0.15,
    duplicateRate: random.next() * 0.1,
    minDelayMs: 1,
    maxDelayMs: 1 + Math.floor(random.next() * 80),
  });
  const initial = Array.from({ length: n + extra }, (_, i) => i + 1);
  const order = [...initial].sort(() => random.next() - 0.5);
  // Wide: two groups that list only each other as peers (sometimes bridged by one broker), kept apart for a
  // random part of the formation.
  const groupA = initial.filter((id) => id <= n);
  const groupB = initial.filter((id) => id > n);
  const bridged = random.next() < 0.3;
  const splitUntil = wide ? Math.floor(random.next() * 40_000) : -1;
  const peers = (id: number): number[] => {
    if (!wide) return peersOf(initial, id);
    const own = peersOf(groupA.includes(id) ? groupA : groupB, id);
    return bridged && id === groupB[0] ? [...own, groupA[0]!] : own;
  };
  const addrOf = (ids: number[]) => ids.map((id) => BootstrapSim.address(id));
  const addresses = () => [...sim.brokers.values()].map((b) => b.address);
  // Random starts; a partition during formation in about half the runs; crashes and restarts throughout.
  const partitionAt = random.next() < 0.5 ? Math.floor(random.next() * 8_000) : -1;
  let t = 0;
  let next = 0;
  while (t < 40_000) {
    if (next < order.length && random.next() < 0.5) {
      const id = order[next++]!;
      sim.start(id, peers(id), n);
    }
    if (t < splitUntil) sim.net.partition(addrOf(groupA), addrOf(groupB));
    if (partitionAt >= 0 && t >= partitionAt && t < partitionAt + 1000) {
      const cut = Math.max(1, Math.floor(random.next() * addresses().length));
      const shuffled = addresses().sort(() => random.next() - 0.5);
      sim.net.partition(shuffled.slice(0, cut), shuffled.slice(cut));
    }
    const r = random.next();
    const id = initial[Math.floor(random.next() * initial.length)]!;
    const b = sim.brokers.get(id);
    if (b !== undefined && r < 0.04 && b.running) sim.crash(id);
    else if (b !== undefined && r < 0.1 && !b.running) sim.start(id, peers(id), n);
    else if (r < 0.14) sim.net.heal();
    else if (r < 0.22) {
      // Asymmetric loss: one group stops hearing another while still being heard.
      const shuffled = addresses().sort(() => random.next() - 0.5);
      const cut = Math.floor(random.next() * shuffled.length);
      sim.net.partition(shuffled.slice(0, cut), shuffled.slice(cut), true);
    } else if (r < 0.26 && b !== undefined) sim.net.isolate(b.address, addresses());
    const step = 200 + Math.floor(random.next() * 1500);
    sim.run(step);
    t += step;
    const unsafe = sim.splitBrain(wide);
    if (unsafe !== null) return { sim, problem: `at ${sim.clock.now()}: ${unsafe}` };
  }
  // Calm: every broker started and running, links healed, faults off; then two later joiners.
  sim.net.heal();
  sim.net.faults = { dropRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 5 };
  for (const id of initial) {
    const b = sim.brokers.get(id);
    if (b === undefined || !b.running) sim.start(id, peers(id), n);
  }
  if (sim.runUntil(60_000, () => sim.allDecided()) < 0) return { sim, problem: 'no progress after the heal' };
  const late = [initial.length + 1, initial.length + 2];
  for (const id of late) sim.start(id, initial.slice(0, 2));
  if (sim.runUntil(60_000, () => sim.allDecided()) < 0) return { sim, problem: 'later joiners undecided' };
  const keys = new Set(
    sim.running().map((b) => JSON.stringify(b.bootstrap.decision)?.replace(/"role":"\w+"/, '')),
  );
  if (keys.size !== 1 && !wide) return { sim, problem: `running brokers disagree: ${[...keys].join(' | ')}` };
  for (const id of late) {
    if (sim.brokers.get(id)!.bootstrap.decision!.role !== 'observer')
      return { sim, problem: `later joiner ${id} is not an observer` };
  }
  for (const b of sim.running()) {
    const voters = b.bootstrap.decision!.voters;
    if (voters.length !== Math.min(n, 5)) return { sim, problem: `broker ${b.id}: voters ${voters}` };
  }
  if (sim.violations.length > 0) return { sim, problem: sim.violations.join('; ') };
  return { sim, problem: sim.splitBrain(wide) };
}

test('a seed replays exactly', () => {
  const a = scenario(7001).sim;
  const b = scenario(7001).sim;
  assert.equal(a.log, b.log);
  assert.ok(a.log.length > 0);
});

test('seed sweep: N in {1,3,5}, up to N+2 brokers, loss, duplicates, reordering, partitions while forming, crashes and restarts', () => {
  const only = process.env.SIM_SEED;
  const count = Number(process.env.SIM_SEEDS ?? 40);
  const seeds = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => 5000 + i);
  for (const seed of seeds) {
    const { sim, problem } = scenario(seed);
    if (process.env.SIM_TRACE) console.log(sim.log.join('\n'));
    assert.is(problem, null, `seed ${seed} (replay: SIM_SEED=${seed}): ${problem}\n${sim.dump()}`);
  }
});

test('wide seed sweep: 2N+1 brokers expecting 3 may form two clusters apart, but voter sets never overlap', () => {
  const only = process.env.SIM_SEED;
  const count = Number(process.env.SIM_SEEDS ?? 40);
  const seeds = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => 9000 + i);
  let separate = 0;
  for (const seed of seeds) {
    const { sim, problem } = scenario(seed, true);
    assert.is(problem, null, `seed ${seed} (replay: SIM_SEED=${seed}): ${problem}\n${sim.dump()}`);
    if (sim.clusters().size > 1) separate++;
  }
  if (process.env.SIM_TRACE) console.log(`${separate} of ${seeds.length} runs formed separate clusters`);
});

test.run();
