// Plans partition reassignments for `runnel cluster rebalance` and `decommission`: every replica leaves the
// brokers being drained, and the brokers that stay end with replica counts that differ by at most one. Each
// step moves one replica from the most loaded broker to the least loaded one the partition does not have
// yet, so a balanced cluster gets an empty plan and balancing moves exactly the replicas above the balanced
// counts (a drain may cost a move more: a drained replica can be forced onto a broker that then sheds
// another). Among the partitions that could move, the one whose topic leans most towards the source broker
// goes first, which spreads each topic too. The new replica takes the old one's place in the list, so
// preferred leadership moves with it: a leader's place moves only where that evens out preferred leaders,
// else a follower's. Rack-unaware; leadership is not balanced beyond that (no reordering of replica lists).

export interface PartitionReplicas {
  topic: string;
  partition: number;
  /** Preferred leader first. */
  replicas: readonly number[];
}

export interface PlannedMove {
  topic: string;
  partition: number;
  from: number[];
  to: number[];
}

export interface ReassignmentPlan {
  moves: PlannedMove[];
  /** Replicas moved (a partition move may move several). */
  replicaMoves: number;
  /** Replicas per broker now and after the plan, brokers in id order. */
  load: { broker: number; before: number; after: number }[];
}

/** A plan that cannot be made (too few brokers for a partition's replicas). */
export class PlanError extends Error {}

export function planReassignment(
  partitions: readonly PartitionReplicas[],
  brokers: readonly number[],
  drain: readonly number[] = [],
): ReassignmentPlan {
  const draining = new Set(drain);
  const targets = [...new Set(brokers)].filter((b) => !draining.has(b)).sort((a, b) => a - b);
  if (targets.length === 0) throw new PlanError('no broker left to hold the replicas');
  const sorted = [...partitions].sort((a, b) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition,
  );
  const current = sorted.map((p) => [...p.replicas]);
  const count = new Map<number, number>();
  const topicCount = new Map<string, number>();
  const tkey = (topic: string, broker: number) => `${broker}\u0000${topic}`;
  const add = (topic: string, broker: number, d: number) => {
    count.set(broker, (count.get(broker) ?? 0) + d);
    topicCount.set(tkey(topic, broker), (topicCount.get(tkey(topic, broker)) ?? 0) + d);
  };
  for (const b of targets) count.set(b, 0);
  sorted.forEach((p, i) => {
    for (const b of current[i]!) add(p.topic, b, 1);
  });
  const before = new Map(count);
  /** Preferred leaders (first replicas) per broker. */
  const leaders = new Map<number, number>();
  for (const list of current) leaders.set(list[0]!, (leaders.get(list[0]!) ?? 0) + 1);
  const move = (i: number, from: number, to: number) => {
    const list = current[i]!;
    const at = list.indexOf(from);
    list[at] = to;
    if (at === 0) {
      leaders.set(from, leaders.get(from)! - 1);
      leaders.set(to, (leaders.get(to) ?? 0) + 1);
    }
    add(sorted[i]!.topic, from, -1);
    add(sorted[i]!.topic, to, 1);
  };
  /** Least loaded target not already a replica of partition i (fewest of its topic, then lowest id). */
  const leastLoadedFor = (i: number): number | undefined => {
    const topic = sorted[i]!.topic;
    let best: number | undefined;
    for (const b of targets) {
      if (current[i]!.includes(b)) continue;
      if (
        best === undefined ||
        count.get(b)! < count.get(best)! ||
        (count.get(b) === count.get(best) &&
          (topicCount.get(tkey(topic, b)) ?? 0) < (topicCount.get(tkey(topic, best)) ?? 0))
      )
        best = b;
    }
    return best;
  };

  // Drain: every replica on a draining broker goes to the least loaded target.
  sorted.forEach((p, i) => {
    for (const b of [...current[i]!]) {
      if (!draining.has(b)) continue;
      const to = leastLoadedFor(i);
      if (to === undefined)
        throw new PlanError(
          `${p.topic}-${p.partition} has ${p.replicas.length} replicas but only ${targets.length} brokers would remain`,
        );
      move(i, b, to);
    }
  });

  // Balance: most loaded to least loaded until counts differ by at most one.
  for (;;) {
    const byLoad = [...targets].sort((a, b) => count.get(b)! - count.get(a)! || a - b);
    const src = byLoad[0]!;
    let moved = false;
    for (const dst of [...byLoad].reverse()) {
      if (count.get(src)! - count.get(dst)! < 2) break;
      // The partition whose topic leans most towards src; among those, one whose preferred leadership is
      // better off moving (src leads two or more than dst) or else stays (src only follows).
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      let bestLeaderGain = Number.NEGATIVE_INFINITY;
      const leaderGain = (leaders.get(src) ?? 0) - (leaders.get(dst) ?? 0) - 1;
      for (let i = 0; i < sorted.length; i++) {
        const list = current[i]!;
        if (!list.includes(src) || list.includes(dst)) continue;
        const t = sorted[i]!.topic;
        const score = (topicCount.get(tkey(t, src)) ?? 0) - (topicCount.get(tkey(t, dst)) ?? 0);
        const gain = list[0] === src ? leaderGain : 0;
        if (score > bestScore || (score === bestScore && gain > bestLeaderGain)) {
          best = i;
          bestScore = score;
          bestLeaderGain = gain;
        }
      }
      if (best >= 0) {
        move(best, src, dst);
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }

  const moves: PlannedMove[] = [];
  let replicaMoves = 0;
  sorted.forEach((p, i) => {
    const to = current[i]!;
    const changed = to.filter((b) => !p.replicas.includes(b)).length;
    if (changed === 0) return;
    replicaMoves += changed;
    moves.push({ topic: p.topic, partition: p.partition, from: [...p.replicas], to });
  });
  const ids = [...new Set([...before.keys(), ...count.keys()])].sort((a, b) => a - b);
  return {
    moves,
    replicaMoves,
    load: ids.map((broker) => ({ broker, before: before.get(broker) ?? 0, after: count.get(broker) ?? 0 })),
  };
}
