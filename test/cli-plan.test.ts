// The reassignment planner behind `runnel cluster rebalance` and `decommission`, on its own: a balanced
// layout gets no moves, a new broker gets its share and only that moves, a drained broker ends empty, too
// few brokers is refused, and over random layouts (fast-check) every plan keeps replica sets valid, ends
// balanced within one replica, and (when only balancing) moves exactly the replicas above the balanced
// counts.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type PartitionReplicas, PlanError, planReassignment } from '../dist/cli/reassignment-plan.js';

/** `n` partitions of topic `t` with RF `rf`, replicas round-robin over `brokers`. */
function roundRobin(t: string, n: number, rf: number, brokers: number[]): PartitionReplicas[] {
  return Array.from({ length: n }, (_, p) => ({
    topic: t,
    partition: p,
    replicas: Array.from({ length: rf }, (_, r) => brokers[(p + r) % brokers.length]!),
  }));
}

function countsAfter(
  parts: PartitionReplicas[],
  moves: { topic: string; partition: number; to: number[] }[],
) {
  const count = new Map<number, number>();
  for (const p of parts) {
    const m = moves.find((x) => x.topic === p.topic && x.partition === p.partition);
    for (const b of m?.to ?? p.replicas) count.set(b, (count.get(b) ?? 0) + 1);
  }
  return count;
}

test('a balanced layout: no moves', () => {
  const parts = [...roundRobin('a', 6, 2, [1, 2, 3]), ...roundRobin('b', 3, 1, [1, 2, 3])];
  const plan = planReassignment(parts, [1, 2, 3]);
  assert.equal(plan.moves, []);
  assert.is(plan.replicaMoves, 0);
  assert.equal(plan.load, [
    { broker: 1, before: 5, after: 5 },
    { broker: 2, before: 5, after: 5 },
    { broker: 3, before: 5, after: 5 },
  ]);
});

test('a new broker gets its share; only that many replicas move; preferred leaders even out', () => {
  const parts = roundRobin('a', 8, 2, [1, 2, 3]); // 16 replicas: 6, 5, 5
  const plan = planReassignment(parts, [1, 2, 3, 4]);
  assert.is(plan.replicaMoves, 4, 'broker 4 gets 16 / 4 replicas, nothing else moves');
  assert.equal(
    plan.load.map((l) => [l.broker, l.after]),
    [
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ],
  );
  for (const m of plan.moves) {
    assert.is(m.to.length, 2);
    assert.ok(m.to.includes(4));
    // The replica replaced keeps its position: the one not moved stays where it was.
    const kept = m.from.findIndex((b) => m.to.includes(b));
    assert.is(m.to[kept], m.from[kept]);
  }
  // Preferred leaders even out too: 8 partitions, 2 led by each broker (broker 4 takes two leaderships).
  const leaders = new Map<number, number>();
  for (const p of parts) {
    const first = (plan.moves.find((m) => m.partition === p.partition)?.to ?? p.replicas)[0]!;
    leaders.set(first, (leaders.get(first) ?? 0) + 1);
  }
  assert.equal(
    [...leaders].sort((x, y) => x[0] - y[0]),
    [
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
    ],
  );
});

test('decommission: the drained broker ends empty, the rest balanced', () => {
  const parts = [...roundRobin('a', 6, 3, [1, 2, 3, 4]), ...roundRobin('b', 4, 1, [1, 2, 3, 4])];
  const plan = planReassignment(parts, [1, 2, 3, 4], [2]);
  const after = countsAfter(parts, plan.moves);
  assert.is(after.get(2) ?? 0, 0);
  const rest = [1, 3, 4].map((b) => after.get(b)!);
  assert.ok(Math.max(...rest) - Math.min(...rest) <= 1, String(rest));
  for (const m of plan.moves) assert.is(new Set(m.to).size, m.to.length);
  // Replicas that were on 2 moved; apart from balancing, nothing else had to.
  assert.is(plan.load.find((l) => l.broker === 2)!.after, 0);
});

test('too few brokers for a partition, or none left: refused with the reason', () => {
  const parts = roundRobin('a', 2, 3, [1, 2, 3]);
  assert.throws(
    () => planReassignment(parts, [1, 2, 3], [3]),
    (e: unknown) => {
      return e instanceof PlanError && /a-0 has 3 replicas but only 2 brokers would remain/.test(e.message);
    },
  );
  assert.throws(() => planReassignment(parts, [1], [1]), /no broker left/);
});

test('random layouts: valid replica sets, balanced within one, minimal moves', () => {
  const layout = fc
    .record({
      brokers: fc.integer({ min: 1, max: 7 }),
      topics: fc.array(
        fc.record({ partitions: fc.integer({ min: 1, max: 12 }), rf: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 4 },
      ),
      drain: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .filter((l) => l.topics.every((t) => t.rf <= l.brokers - (l.drain ? 1 : 0)));
  fc.assert(
    fc.property(layout, ({ brokers, topics, drain, seed }) => {
      const ids = Array.from({ length: brokers }, (_, i) => i + 1);
      // Replicas placed unevenly: a random subset of brokers, from a seed.
      let s = seed;
      const rand = () => {
        s = (s * 1103515245 + 12345) % 2147483648;
        return s / 2147483648;
      };
      const parts: PartitionReplicas[] = [];
      topics.forEach((t, ti) => {
        for (let p = 0; p < t.partitions; p++) {
          const pool = [...ids]
            .sort(() => rand() - 0.5)
            .slice(0, Math.max(t.rf, 1 + Math.floor(rand() * brokers)));
          parts.push({ topic: `t${ti}`, partition: p, replicas: pool.slice(0, t.rf) });
        }
      });
      const drained = drain ? [brokers] : [];
      const plan = planReassignment(parts, ids, drained);
      const after = countsAfter(parts, plan.moves);
      for (const m of plan.moves) {
        const before = parts.find((p) => p.topic === m.topic && p.partition === m.partition)!;
        assert.is(m.to.length, before.replicas.length);
        assert.is(new Set(m.to).size, m.to.length);
        for (const b of m.to) assert.ok(ids.includes(b) && !drained.includes(b));
      }
      const targets = ids.filter((b) => !drained.includes(b));
      const counts = targets.map((b) => after.get(b) ?? 0);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `counts ${counts}`);
      for (const b of drained) assert.is(after.get(b) ?? 0, 0);
      // Minimal when only balancing: every moved replica left a broker that had more than it ends with. A
      // drain may have to put a replica on a broker that then sheds another (the only one without that
      // partition was the most loaded), so there the excess is only the lower bound.
      const excess = plan.load.reduce((sum, l) => sum + Math.max(0, l.before - l.after), 0);
      if (drained.length === 0) assert.is(plan.replicaMoves, excess);
      else
        assert.ok(
          plan.replicaMoves >= excess && plan.replicaMoves <= 2 * excess,
          `${plan.replicaMoves} moves`,
        );
      for (const l of plan.load) assert.is(after.get(l.broker) ?? 0, l.after);
    }),
    { numRuns: 1000 },
  );
});

test.run();
