// The assignors as pure functions: Kafka's documented results for range and roundrobin, and for
// cooperative-sticky balance, stickiness, the two-step hand-over and determinism (fast-check).
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cooperativeStickyAssignor,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  type GroupMember,
  rangeAssignor,
  roundRobinAssignor,
  type TopicPartition,
} from '../dist/client/index.js';

function member(
  memberId: string,
  topics: string[],
  owned: TopicPartition[] = [],
  generationId = -1,
): GroupMember {
  return {
    memberId,
    groupInstanceId: null,
    subscription: { topics, userData: null, ownedPartitions: owned, generationId, rackId: null },
  };
}

const fmt = (tps: TopicPartition[] | undefined) =>
  (tps ?? []).map((tp) => `${tp.topic}-${tp.partition}`).sort();

function assertValid(result: Map<string, TopicPartition[]>, counts: Map<string, number>, complete: boolean) {
  const seen = new Set<string>();
  for (const list of result.values()) {
    for (const tp of list) {
      const k = `${tp.topic}-${tp.partition}`;
      assert.not.ok(seen.has(k), `${k} assigned twice`);
      assert.ok(tp.partition < (counts.get(tp.topic) ?? 0), `${k} exists`);
      seen.add(k);
    }
  }
  if (complete) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.is(seen.size, total, 'every partition assigned');
  }
}

test('range: contiguous ranges per topic, first members get the remainder (Kafka javadoc example)', () => {
  const counts = new Map([
    ['t0', 3],
    ['t1', 3],
  ]);
  const r = rangeAssignor.assign([member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])], counts);
  assert.equal(fmt(r.get('C0')), ['t0-0', 't0-1', 't1-0', 't1-1']);
  assert.equal(fmt(r.get('C1')), ['t0-2', 't1-2']);
});

test('roundrobin: partitions dealt in turn over members subscribed (Kafka javadoc examples)', () => {
  const counts = new Map([
    ['t0', 3],
    ['t1', 3],
  ]);
  const r = roundRobinAssignor.assign([member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])], counts);
  assert.equal(fmt(r.get('C0')), ['t0-0', 't0-2', 't1-1']);
  assert.equal(fmt(r.get('C1')), ['t0-1', 't1-0', 't1-2']);
  // Unequal subscriptions: C0 t0; C1 t0,t1; C2 t0,t1,t2 with 1, 2 and 3 partitions.
  const c2 = new Map([
    ['t0', 1],
    ['t1', 2],
    ['t2', 3],
  ]);
  const u = roundRobinAssignor.assign(
    [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])],
    c2,
  );
  assert.equal(fmt(u.get('C0')), ['t0-0']);
  assert.equal(fmt(u.get('C1')), ['t1-0']);
  assert.equal(fmt(u.get('C2')), ['t1-1', 't2-0', 't2-1', 't2-2']);
});

test('static members (group.instance.id) come first, in instance id order', () => {
  const counts = new Map([['t', 2]]);
  const a = { ...member('a', ['t']), groupInstanceId: 'z-instance' };
  const b = { ...member('b', ['t']), groupInstanceId: null };
  const r = rangeAssignor.assign([b, a], counts);
  assert.equal(fmt(r.get('a')), ['t-0']);
  assert.equal(fmt(r.get('b')), ['t-1']);
});

test('cooperative-sticky: balanced first assignment, then a joiner only takes partitions in two steps', () => {
  const counts = new Map([['t', 6]]);
  const first = cooperativeStickyAssignor.assign([member('a', ['t']), member('b', ['t'])], counts);
  assertValid(first, counts, true);
  assert.is(first.get('a')!.length, 3);
  assert.is(first.get('b')!.length, 3);
  // c joins: a and b keep 2 each; the 2 that move are withheld from c this round.
  const round1 = cooperativeStickyAssignor.assign(
    [member('a', ['t'], first.get('a'), 1), member('b', ['t'], first.get('b'), 1), member('c', ['t'])],
    counts,
  );
  assertValid(round1, counts, false);
  assert.is(round1.get('a')!.length, 2);
  assert.is(round1.get('b')!.length, 2);
  assert.is(round1.get('c')!.length, 0, 'nothing handed straight from one member to another');
  for (const m of ['a', 'b']) {
    for (const tp of round1.get(m)!)
      assert.ok(fmt(first.get(m)).includes(`${tp.topic}-${tp.partition}`), 'sticky');
  }
  // Second round, after a and b revoked: c gets the two freed partitions, nothing else moves.
  const round2 = cooperativeStickyAssignor.assign(
    [
      member('a', ['t'], round1.get('a'), 2),
      member('b', ['t'], round1.get('b'), 2),
      member('c', ['t'], [], 2),
    ],
    counts,
  );
  assertValid(round2, counts, true);
  assert.equal(fmt(round2.get('a')), fmt(round1.get('a')));
  assert.equal(fmt(round2.get('b')), fmt(round1.get('b')));
  assert.is(round2.get('c')!.length, 2);
});

test('cooperative-sticky: a member that left frees its partitions at once; stale claims lose', () => {
  const counts = new Map([['t', 4]]);
  const tp = (p: number) => ({ topic: 't', partition: p });
  // b left; a owns 0,1 (generation 5); c claims 1 from an older generation (it missed a rebalance).
  const r = cooperativeStickyAssignor.assign(
    [member('a', ['t'], [tp(0), tp(1)], 5), member('c', ['t'], [tp(1), tp(3)], 3)],
    counts,
  );
  assertValid(r, counts, true);
  assert.equal(fmt(r.get('a')), ['t-0', 't-1']);
  assert.equal(fmt(r.get('c')), ['t-2', 't-3']);
});

test('cooperative-sticky: properties over random groups (balance, validity, stickiness, determinism)', () => {
  const arb = fc.record({
    members: fc.integer({ min: 1, max: 6 }),
    partitions: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 30, maxLength: 30 }),
  });
  fc.assert(
    fc.property(arb, ({ members, partitions, seed }) => {
      const counts = new Map(partitions.map((n, i) => [`t${i}`, n]));
      const topics = [...counts.keys()];
      // Random previous ownership (disjoint), same subscriptions.
      const owned: TopicPartition[][] = Array.from({ length: members }, () => []);
      let s = 0;
      for (const [topic, n] of counts) {
        for (let p = 0; p < n; p++) {
          const who = seed[s++ % seed.length]!;
          if (who < members) owned[who]!.push({ topic, partition: p });
        }
      }
      const group = owned.map((o, i) => member(`m${i}`, topics, o, 1));
      const r = cooperativeStickyAssignor.assign(group, counts);
      assertValid(r, counts, false);
      // Determinism: input order does not matter.
      const again = cooperativeStickyAssignor.assign([...group].reverse(), counts);
      for (const m of group) assert.equal(fmt(again.get(m.memberId)), fmt(r.get(m.memberId)));
      // Stickiness: what a member gets now, it already owned, or nobody owned.
      const ownedBy = new Map<string, string>();
      group.forEach((m, i) => {
        for (const tp of owned[i]!) ownedBy.set(`${tp.topic}-${tp.partition}`, m.memberId);
      });
      for (const [id, list] of r) {
        for (const k of fmt(list)) assert.ok([undefined, id].includes(ownedBy.get(k)), `${k} moved directly`);
      }
      // After everyone revokes what they lost, the next round is complete and balanced (max - min <= 1).
      const next = group.map((m) => member(m.memberId, topics, r.get(m.memberId), 2));
      const r2 = cooperativeStickyAssignor.assign(next, counts);
      assertValid(r2, counts, true);
      const sizes = [...r2.values()].map((l) => l.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `balanced: ${sizes}`);
      for (const m of next) {
        for (const k of fmt(m.subscription.ownedPartitions))
          assert.ok(fmt(r2.get(m.memberId)).includes(k), 'kept');
      }
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('subscription and assignment round-trip; newer versions and empty assignments decode', () => {
  const sub = {
    topics: ['b', 'a'],
    userData: Buffer.from([0, 0, 0, 7]),
    ownedPartitions: [
      { topic: 'a', partition: 1 },
      { topic: 'a', partition: 0 },
    ],
    generationId: 7,
    rackId: 'r1',
  };
  const back = decodeSubscription(encodeSubscription(sub));
  assert.equal(back.topics, ['a', 'b']);
  assert.equal(fmt(back.ownedPartitions), ['a-0', 'a-1']);
  assert.is(back.generationId, 7);
  assert.is(back.rackId, 'r1');
  // v0 (what KafkaJS sends): topics and user data only.
  const v0 = decodeSubscription(encodeSubscription(sub, 0));
  assert.equal(v0.ownedPartitions, []);
  assert.is(v0.generationId, -1);
  // A future version with trailing bytes reads as v3.
  const future = Buffer.concat([encodeSubscription(sub), Buffer.from([1, 2, 3])]);
  future.writeInt16BE(9, 0);
  assert.is(decodeSubscription(future).generationId, 7);
  const a = decodeAssignment(
    encodeAssignment({ partitions: [{ topic: 'x', partition: 3 }], userData: null }),
  );
  assert.equal(fmt(a.partitions), ['x-3']);
  assert.equal(decodeAssignment(Buffer.alloc(0)).partitions, []);
});

test.run();
