// SWIM membership under deterministic simulation: many members in one process on a seeded network that
// drops, duplicates, delays, reorders and partitions. A failing seed replays exactly: SIM_SEED=N runs only
// that seed of the sweep, SIM_SEEDS=N runs more of them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BroadcastQueue } from '../dist/cluster/membership/broadcasts.js';
import {
  decodeMessage,
  encodeMessage,
  GOSSIP_VERSION,
  type GossipMessage,
  LAN_MEMBERSHIP_CONFIG,
  MessageType,
  resolveMembershipConfig,
  suspicionTimeout,
} from '../dist/cluster/membership/index.js';
import { SeededRandom } from '../dist/random.js';
import { MembershipSim } from './helpers/membership-sim.js';

const member = {
  nodeId: 7,
  address: '127.0.0.1:9093',
  clientHost: 'broker-7.example',
  clientPort: 9092,
  rack: 'rack-a',
  voter: true,
};

const samples: GossipMessage[] = [
  { type: MessageType.Ping, seq: 4_000_000_000, targetId: 3, sourceId: 7, sourceAddress: '127.0.0.1:9093' },
  {
    type: MessageType.IndirectPing,
    seq: 1,
    targetId: 3,
    targetAddress: 'h:1',
    nack: true,
    sourceId: 7,
    sourceAddress: 'h:2',
  },
  { type: MessageType.Ack, seq: 9 },
  { type: MessageType.Nack, seq: 0 },
  { type: MessageType.Alive, incarnation: 12, ...member, meta: new Uint8Array([1, 2, 3]) },
  { type: MessageType.Alive, incarnation: 0, ...member, rack: null, voter: false, meta: new Uint8Array(0) },
  { type: MessageType.Suspect, incarnation: 3, nodeId: 2, from: 7 },
  { type: MessageType.Dead, incarnation: 3, nodeId: 2, from: 2 },
  {
    type: MessageType.PushPull,
    reply: true,
    sourceAddress: '127.0.0.1:9093',
    members: [
      { ...member, incarnation: 5, state: 'alive', meta: new Uint8Array([9]) },
      { ...member, nodeId: 8, incarnation: 1, state: 'left', meta: new Uint8Array(0) },
      { ...member, nodeId: 9, incarnation: 0, state: 'suspect', meta: new Uint8Array(300).fill(7) },
      { ...member, nodeId: 10, incarnation: 2, state: 'dead', meta: new Uint8Array(0) },
    ],
  },
];

test('every gossip message round-trips', () => {
  for (const m of samples) assert.equal(decodeMessage(encodeMessage(m)), m);
  const parts = samples.slice(0, 4).map((m) => encodeMessage(m));
  const c = decodeMessage(encodeMessage({ type: MessageType.Compound, parts }));
  assert.ok(c !== null && c.type === MessageType.Compound);
  assert.equal(
    c.parts.map((p) => decodeMessage(p)),
    samples.slice(0, 4),
  );
});

test('truncated, extended, mutated and random datagrams decode to null or a message, never throw', () => {
  const random = new SeededRandom(42);
  for (const m of samples) {
    const bytes = encodeMessage(m);
    for (let n = 0; n < bytes.length; n++)
      assert.is(decodeMessage(bytes.subarray(0, n)), null, `prefix ${n}`);
    assert.is(decodeMessage(Buffer.concat([bytes, Buffer.from([0])])), null, 'trailing byte');
    for (let i = 0; i < 200; i++) {
      const copy = Buffer.from(bytes);
      copy[Math.floor(random.next() * copy.length)] = Math.floor(random.next() * 256);
      decodeMessage(copy);
    }
  }
  for (let i = 0; i < 2000; i++) {
    const junk = Buffer.alloc(Math.floor(random.next() * 64));
    for (let j = 0; j < junk.length; j++) junk[j] = Math.floor(random.next() * 256);
    if (junk.length > 0) junk[0] = 1;
    decodeMessage(junk);
  }
  // A push-pull claiming far more members than its bytes can hold is refused before allocating.
  assert.is(
    decodeMessage(Buffer.from([GOSSIP_VERSION, MessageType.PushPull, 0, 2, 0x41, 0xff, 0xff, 0xff, 0x7f])),
    null,
  );
});

test('names over 255 bytes are refused at encode time', () => {
  assert.throws(() =>
    encodeMessage({
      type: MessageType.Alive,
      incarnation: 1,
      ...member,
      rack: 'x'.repeat(256),
      meta: new Uint8Array(0),
    }),
  );
});

test('config: defaults resolve; bad values are refused with their name', () => {
  assert.equal(resolveMembershipConfig(), { ...LAN_MEMBERSHIP_CONFIG });
  assert.throws(() => resolveMembershipConfig({ probeTimeoutMs: 1000 }), /probeTimeoutMs/);
  assert.throws(() => resolveMembershipConfig({ maxDatagramBytes: 100 }), /maxDatagramBytes/);
  assert.throws(() => resolveMembershipConfig({ gossipNodes: 0 }), /gossipNodes/);
  assert.throws(() => resolveMembershipConfig({ probeIntervalMs: 1.5 }), /probeIntervalMs/);
});

test('the broadcast queue keeps one update per member, sends fewest-sent first, and sheds at its limit', () => {
  const q = new BroadcastQueue(3);
  const msg = (n: number) => new Uint8Array(10).fill(n);
  q.push(1, msg(1));
  q.push(1, msg(11)); // replaces the older update about node 1
  q.push(2, msg(2));
  assert.is(q.size, 2);
  assert.equal(
    q.take(100, 3, 2, 10).map((b) => b[0]),
    [2, 11],
    'newest first among equals',
  );
  q.push(3, msg(3));
  q.push(4, msg(4)); // a fourth: the most-sent (1 or 2, sent once each) goes, oldest first
  assert.is(q.size, 3);
  assert.is(q.dropped, 1);
  // Sent twice (the limit), an update is forgotten; the budget and count caps hold.
  assert.is(q.take(13, 3, 2, 10).length, 1, 'one 10-byte update plus 3 overhead fits in 13 bytes');
  assert.is(q.take(1000, 3, 2, 1).length, 1, 'count cap');
  assert.throws(() => new BroadcastQueue(0));
});

test('suspicion timeout shrinks from max to min with confirmations', () => {
  assert.is(suspicionTimeout(0, 2, 4000, 24000), 24000);
  const one = suspicionTimeout(1, 2, 4000, 24000);
  assert.ok(one < 24000 && one > 4000, `${one}`);
  assert.is(suspicionTimeout(2, 2, 4000, 24000), 4000);
  assert.is(suspicionTimeout(0, 0, 4000, 24000), 4000);
});

test('five members find each other through one seed', () => {
  const sim = new MembershipSim(1);
  sim.start(1, []);
  for (let id = 2; id <= 5; id++) sim.start(id, [1]);
  const took = sim.runUntil(10_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `no agreement after 10 s: ${sim.disagreement()}`);
  const m = sim.nodes.get(5)!.membership.member(3)!;
  assert.is(m.clientHost, '10.0.0.3');
  assert.is(m.voter, true);
  assert.is(sim.nodes.get(5)!.membership.member(4)!.voter, false);
});

test('a crashed member is declared dead by all, and nobody else is', () => {
  const sim = new MembershipSim(2);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  assert.is(sim.disagreement(), null);
  sim.crash(3);
  const took = sim.runUntil(40_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `crash not detected in 40 s: ${sim.disagreement()}`);
  for (const id of [1, 2, 4, 5]) assert.is(sim.stateOf(id, 3), 'dead');
  assert.equal(sim.deathsOf([1, 2, 4, 5]), []);
  assert.equal(sim.violations, []);
});

test('a failed probe of a member already suspect confirms the suspicion: a crash is dead everywhere well before the unconfirmed maximum', () => {
  // LAN settings, five members: a suspicion lasts 24 s unconfirmed and 4 s with two confirmations. Every
  // member whose own probe fails confirms (found by the cluster simulation: members that first heard of the
  // suspicion through gossip never confirmed it, so a crash took the full 24 s to be declared).
  for (const seed of [1, 2, 3, 4, 5]) {
    const sim = new MembershipSim(seed, {}, { ...LAN_MEMBERSHIP_CONFIG });
    for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
    sim.run(5_000);
    assert.is(sim.disagreement(), null);
    sim.crash(3);
    const took = sim.runUntil(40_000, () => sim.disagreement() === null);
    assert.ok(took >= 0 && took < 12_000, `seed ${seed}: crash declared dead everywhere after ${took} ms`);
    assert.equal(sim.deathsOf([1, 2, 4, 5]), []);
  }
});

test('on a lossy network (10% loss, 5% duplicates, reordering) no live member is declared dead', () => {
  for (const seed of [3, 4, 5]) {
    // LAN timings (3 indirect checks): the loopback timings are meant for a network that loses nothing.
    const sim = new MembershipSim(
      seed,
      { dropRate: 0.1, duplicateRate: 0.05, minDelayMs: 1, maxDelayMs: 40 },
      LAN_MEMBERSHIP_CONFIG,
    );
    for (let id = 1; id <= 7; id++) sim.start(id, id === 1 ? [] : [1]);
    sim.run(120_000);
    assert.equal(sim.deathsOf([1, 2, 3, 4, 5, 6, 7]), [], `seed ${seed}`);
    assert.is(sim.disagreement(), null, `seed ${seed}`);
    assert.equal(sim.violations, [], `seed ${seed}`);
  }
});

test('a partitioned member is declared dead, then comes back alive everywhere after the heal', () => {
  const sim = new MembershipSim(6);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  const before = sim.nodes.get(4)!.membership.incarnation;
  const all = [...sim.nodes.values()].map((n) => n.address);
  sim.net.isolate(MembershipSim.address(4), all);
  sim.run(60_000);
  for (const id of [1, 2, 3, 5]) assert.is(sim.stateOf(id, 4), 'dead', `node ${id} of node 4`);
  assert.is(sim.stateOf(4, 1), 'dead');
  sim.net.heal();
  const took = sim.runUntil(60_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `no agreement 60 s after the heal: ${sim.disagreement()}`);
  assert.ok(sim.nodes.get(4)!.membership.incarnation > before, 'node 4 refuted with a higher incarnation');
  assert.equal(sim.violations, []);
});

test('the isolated seed itself finds its way back (reconnect to members it declared dead)', () => {
  const sim = new MembershipSim(7);
  for (let id = 1; id <= 4; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  sim.net.isolate(
    MembershipSim.address(1),
    [...sim.nodes.values()].map((n) => n.address),
  );
  sim.run(90_000); // past gossip-to-the-dead: only reconnects can bring it back
  sim.net.heal();
  const took = sim.runUntil(90_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `no agreement after the heal: ${sim.disagreement()}`);
});

test('a graceful leave is seen as left at once', () => {
  const sim = new MembershipSim(8);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  sim.nodes.get(2)!.membership.leave();
  sim.run(500);
  for (const id of [1, 3, 4, 5]) assert.is(sim.stateOf(id, 2), 'left');
  sim.crash(2);
  sim.run(20_000);
  assert.is(sim.disagreement(), null);
  assert.equal(sim.deathsOf([1, 3, 4, 5]), []);
});

test('a member restarted with the same id out-bids its old incarnation and is alive everywhere', () => {
  const sim = new MembershipSim(9);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  sim.crash(5);
  sim.runUntil(40_000, () => sim.disagreement() === null);
  assert.is(sim.stateOf(1, 5), 'dead');
  const deadAt = sim.nodes.get(1)!.membership.member(5)!.incarnation;
  sim.start(5, [1]); // a new process: incarnation starts over at 0
  const took = sim.runUntil(30_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `restarted member not alive everywhere: ${sim.disagreement()}`);
  assert.ok(sim.nodes.get(5)!.membership.incarnation > deadAt);
});

test('a member that cannot send is suspected, declared dead, and its own health score rises', () => {
  const sim = new MembershipSim(10);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  const all = [...sim.nodes.values()].map((n) => n.address);
  sim.net.partition(
    [MembershipSim.address(2)],
    all.filter((a) => a !== MembershipSim.address(2)),
    true,
  );
  sim.run(40_000);
  for (const id of [1, 3, 4, 5]) assert.is(sim.stateOf(id, 2), 'dead');
  assert.ok(sim.nodes.get(2)!.membership.health > 0, 'lifeguard blamed itself');
});

test('every datagram fits maxDatagramBytes, even when 40 members join at once', () => {
  const sim = new MembershipSim(11, {}, { maxDatagramBytes: 600 });
  sim.start(1, []);
  for (let id = 2; id <= 40; id++) sim.start(id, [1]);
  const took = sim.runUntil(60_000, () => sim.disagreement() === null);
  assert.ok(took >= 0, `40 members did not converge: ${sim.disagreement()}`);
  assert.ok(sim.net.stats.largestDatagram <= 600, `largest datagram ${sim.net.stats.largestDatagram}`);
});

test('the member table stops at maxMembers and says so once', () => {
  const sim = new MembershipSim(12);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.start(6, [1], { maxMembers: 3 });
  sim.run(20_000);
  assert.is(sim.nodes.get(6)!.membership.members().length, 3);
  assert.is(sim.warnings.filter((w) => w.startsWith(`${''}`) && w.includes('member table full')).length, 1);
  assert.is(sim.stateOf(1, 6), 'alive', 'the others still see it');
});

test('meta: updateMeta reaches every member at a higher incarnation, onChange reports it, a later joiner gets it', () => {
  const sim = new MembershipSim(21);
  for (let id = 1; id <= 5; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  const three = sim.nodes.get(3)!.membership;
  const before = three.incarnation;
  three.updateMeta(new Uint8Array([1, 2, 3]));
  assert.is(three.incarnation, before + 1);
  assert.equal(three.member(3)!.meta, new Uint8Array([1, 2, 3]));
  sim.run(3_000);
  for (let id = 1; id <= 5; id++) {
    assert.equal([...sim.nodes.get(id)!.membership.member(3)!.meta], [1, 2, 3], `node ${id}`);
    // A meta change is reported as alive -> alive.
    assert.ok(
      sim.trace.some((t) => t.includes(` ${id}: node 3 alive@${before + 1} (was alive)`)),
      `${id}`,
    );
  }
  sim.start(6, [2]);
  sim.run(3_000);
  assert.equal([...sim.nodes.get(6)!.membership.member(3)!.meta], [1, 2, 3], 'by push-pull');
});

test("meta over maxMetaBytes is refused by updateMeta; a record over the receiver's limit is dropped and counted", () => {
  const sim = new MembershipSim(22, {}, { maxMetaBytes: 100 });
  sim.start(1, []);
  sim.start(2, [1], { maxMetaBytes: 300 });
  sim.run(3_000);
  const one = sim.nodes.get(1)!.membership;
  const two = sim.nodes.get(2)!.membership;
  assert.throws(() => one.updateMeta(new Uint8Array(101)), /maxMetaBytes/);
  one.updateMeta(new Uint8Array(100));
  const inc = two.incarnation;
  two.updateMeta(new Uint8Array(200).fill(9));
  sim.run(3_000);
  assert.is(two.member(1)!.meta.length, 100, 'at the limit: accepted');
  assert.is(one.member(2)!.meta.length, 0, 'over the limit: the old record stays');
  assert.ok(one.dropped.oversizedMeta > 0);
  assert.is(one.member(2)!.state, 'alive');
  assert.is(two.incarnation, inc + 1);
  // A meta whose Alive would not fit one datagram is refused too.
  const tight = new MembershipSim(23, {}, { maxDatagramBytes: 600, maxMetaBytes: 600 });
  tight.start(1, []);
  assert.throws(() => tight.nodes.get(1)!.membership.updateMeta(new Uint8Array(590)), /datagram/);
  tight.nodes.get(1)!.membership.updateMeta(new Uint8Array(500));
});

test('cluster label: members of one cluster keep each other; another cluster is dropped and counted; a member with no id hears both', () => {
  const sim = new MembershipSim(24);
  for (let id = 1; id <= 4; id++) sim.start(id, id === 1 ? [] : [1]);
  sim.run(5_000);
  assert.is(sim.disagreement(), null);
  for (const id of [1, 2]) sim.nodes.get(id)!.membership.setClusterId('cluster-a');
  for (const id of [3, 4]) sim.nodes.get(id)!.membership.setClusterId('cluster-b');
  assert.throws(() => sim.nodes.get(1)!.membership.setClusterId('cluster-b'), /belongs to cluster cluster-a/);
  sim.run(60_000);
  const ms = (id: number) => sim.nodes.get(id)!.membership;
  assert.is(sim.stateOf(1, 2), 'alive');
  assert.is(sim.stateOf(3, 4), 'alive');
  for (const [o, s] of [
    [1, 3],
    [2, 4],
    [3, 1],
    [4, 2],
  ] as const)
    assert.is(sim.stateOf(o, s), 'dead', `${o} of ${s}`);
  for (let id = 1; id <= 4; id++) assert.ok(ms(id).dropped.foreignCluster > 0, `${id} counted`);
  // A newcomer with no cluster id is heard by both and hears both (so it can learn which to join)...
  sim.start(5, [1, 3]);
  sim.run(3_000);
  for (let id = 1; id <= 4; id++) assert.ok(ms(5).member(id) !== undefined, `unlabelled 5 heard of ${id}`);
  assert.ok(ms(1).member(5) !== undefined && ms(3).member(5) !== undefined);
  assert.is(ms(5).dropped.foreignCluster, 0);
  // ...then joins one, and from then on hears only that one.
  ms(5).setClusterId('cluster-a');
  sim.run(60_000);
  assert.is(sim.stateOf(5, 1), 'alive');
  assert.is(sim.stateOf(5, 2), 'alive');
  assert.is(sim.stateOf(1, 5), 'alive');
  assert.ok(ms(5).dropped.foreignCluster > 0);
  assert.is(sim.stateOf(5, 3), 'dead');
  assert.is(sim.stateOf(3, 5), 'dead');
});

function scenario(seed: number): {
  trace: string[];
  disagreement: string | null;
  violations: string[];
  dump: string;
} {
  const random = new SeededRandom(seed * 7919 + 1);
  const n = 3 + Math.floor(random.next() * 7);
  const sim = new MembershipSim(seed, {
    dropRate: random.next() * 0.15,
    duplicateRate: random.next() * 0.1,
    minDelayMs: 1,
    maxDelayMs: 1 + Math.floor(random.next() * 80),
  });
  // As brokers are started: each lists every other as a peer (--peers).
  const peers = (id: number) => Array.from({ length: n }, (_, i) => i + 1).filter((p) => p !== id);
  for (let id = 1; id <= n; id++) sim.start(id, peers(id));
  const addresses = () => [...sim.nodes.values()].map((x) => x.address);
  // Two minutes of faults: partitions, crashes and restarts at random.
  for (let t = 0; t < 120_000; t += 5_000) {
    const r = random.next();
    const id = 1 + Math.floor(random.next() * n);
    const node = sim.nodes.get(id)!;
    if (r < 0.15) sim.net.isolate(node.address, addresses());
    else if (r < 0.25) {
      const half = addresses().slice(0, Math.floor(n / 2));
      sim.net.partition(
        half,
        addresses().filter((a) => !half.includes(a)),
      );
    } else if (r < 0.35 && node.running) sim.crash(id);
    else if (r < 0.5 && !node.running) sim.start(id, peers(id));
    else if (r < 0.65) sim.net.heal();
    sim.run(5_000);
  }
  // Then calm: links healed, faults off, most crashed members back. Everyone must agree.
  sim.net.heal();
  sim.net.faults = { dropRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 5 };
  for (const node of [...sim.nodes.values()]) {
    if (!node.running && random.next() < 0.7) sim.start(node.id, peers(node.id));
  }
  sim.runUntil(120_000, () => sim.disagreement() === null);
  if (process.env.SIM_TRACE) console.log(sim.trace.join('\n'));
  return { trace: sim.trace, disagreement: sim.disagreement(), violations: sim.violations, dump: sim.dump() };
}

test('a seed replays exactly; another seed runs differently', () => {
  const a = scenario(101);
  const b = scenario(101);
  assert.equal(a.trace, b.trace);
  assert.not.equal(scenario(102).trace, a.trace);
});

test('seed sweep: after any mix of loss, partitions, crashes and restarts, the live members agree', () => {
  const only = process.env.SIM_SEED;
  const count = Number(process.env.SIM_SEEDS ?? 25);
  const seeds = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => 1000 + i);
  for (const seed of seeds) {
    const r = scenario(seed);
    assert.is(r.disagreement, null, `seed ${seed} (replay: SIM_SEED=${seed}): ${r.disagreement}\n${r.dump}`);
    assert.equal(r.violations, [], `seed ${seed}`);
  }
});

test.run();
