// Partition assignors, run by the group leader over every member's subscription. Names and results
// match the Java client's, so Runnel members can lead, or follow, Java, librdkafka and KafkaJS ones:
//   range              per topic, contiguous ranges in member order; the first (n % members) get one more
//   roundrobin         all partitions (topics sorted) dealt in turn to the members subscribed to them
//   cooperative-sticky balanced, keeps what members own, and never hands a partition straight from one
//                      member to another: the owner first gives it up, and a second rebalance assigns it
// Member order is Java's: members with a group.instance.id first, by it, then the rest by member id.
// Every assignor is a pure function of its input, so all members would compute the same result.
import { Buffer } from 'node:buffer';
import type { TopicPartition } from './consumer.js';
import type { Subscription } from './consumer-protocol.js';

export interface GroupMember {
  memberId: string;
  groupInstanceId: string | null;
  subscription: Subscription;
}

export type RebalanceProtocol = 'eager' | 'cooperative';

export interface Assignor {
  /** Protocol name in JoinGroup; members agree on one name they all offer. */
  readonly name: string;
  /** eager: members give up everything before rejoining; cooperative: only what moves. */
  readonly rebalanceProtocol: RebalanceProtocol;
  /** User data this member sends with its subscription (generation = the one it owns its partitions in). */
  userData?(generationId: number): Buffer | null;
  /** Member id -> partitions; `partitionsPerTopic` holds only topics that exist. */
  assign(
    members: readonly GroupMember[],
    partitionsPerTopic: ReadonlyMap<string, number>,
  ): Map<string, TopicPartition[]>;
}

export type AssignorName = 'range' | 'roundrobin' | 'cooperative-sticky';

/** Java's MemberInfo order. */
export function compareMembers(a: GroupMember, b: GroupMember): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null)
    return cmp(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return cmp(a.memberId, b.memberId);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyResult(members: readonly GroupMember[]): Map<string, TopicPartition[]> {
  return new Map(members.map((m) => [m.memberId, []]));
}

/** Topics subscribed by at least one member that exist, sorted. */
function subscribedTopics(members: readonly GroupMember[], partitionsPerTopic: ReadonlyMap<string, number>) {
  const all = new Set<string>();
  for (const m of members) for (const t of m.subscription.topics) if (partitionsPerTopic.has(t)) all.add(t);
  return [...all].sort();
}

export const rangeAssignor: Assignor = {
  name: 'range',
  rebalanceProtocol: 'eager',
  assign(members, partitionsPerTopic) {
    const out = emptyResult(members);
    const sorted = [...members].sort(compareMembers);
    for (const topic of subscribedTopics(members, partitionsPerTopic)) {
      const consumers = sorted.filter((m) => m.subscription.topics.includes(topic));
      const n = partitionsPerTopic.get(topic)!;
      const per = Math.floor(n / consumers.length);
      const extra = n % consumers.length;
      for (let i = 0; i < consumers.length; i++) {
        const start = per * i + Math.min(i, extra);
        const len = per + (i < extra ? 1 : 0);
        const list = out.get(consumers[i]!.memberId)!;
        for (let p = start; p < start + len; p++) list.push({ topic, partition: p });
      }
    }
    return out;
  },
};

export const roundRobinAssignor: Assignor = {
  name: 'roundrobin',
  rebalanceProtocol: 'eager',
  assign(members, partitionsPerTopic) {
    const out = emptyResult(members);
    const sorted = [...members].sort(compareMembers);
    if (sorted.length === 0) return out;
    let next = 0;
    for (const topic of subscribedTopics(members, partitionsPerTopic)) {
      const n = partitionsPerTopic.get(topic)!;
      for (let p = 0; p < n; p++) {
        // Some member subscribes to the topic (it is in subscribedTopics), so this stops.
        while (!sorted[next % sorted.length]!.subscription.topics.includes(topic)) next++;
        out.get(sorted[next % sorted.length]!.memberId)!.push({ topic, partition: p });
        next++;
      }
    }
    return out;
  },
};

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The generation a member owns its partitions in: the subscription's, else Java's user data (int32). */
function ownedGeneration(s: Subscription): number {
  if (s.generationId >= 0) return s.generationId;
  if (s.userData !== null && s.userData.length === 4) return s.userData.readInt32BE(0);
  return -1;
}

export const cooperativeStickyAssignor: Assignor = {
  name: 'cooperative-sticky',
  rebalanceProtocol: 'cooperative',
  userData(generationId) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(generationId);
    return b;
  },
  assign(members, partitionsPerTopic) {
    const sorted = [...members].sort(compareMembers);
    const subscribes = sorted.map((m) => new Set(m.subscription.topics));
    const all: TopicPartition[] = [];
    for (const topic of subscribedTopics(members, partitionsPerTopic)) {
      for (let p = 0; p < partitionsPerTopic.get(topic)!; p++) all.push({ topic, partition: p });
    }

    // Current owner of each partition: the claim from the highest generation wins (a member that
    // missed a rebalance may still claim what has since moved), ties go to the first member.
    const owner = new Map<string, { member: number; generation: number }>();
    for (let i = 0; i < sorted.length; i++) {
      const s = sorted[i]!.subscription;
      const generation = ownedGeneration(s);
      for (const tp of s.ownedPartitions) {
        const n = partitionsPerTopic.get(tp.topic);
        if (n === undefined || tp.partition < 0 || tp.partition >= n || !subscribes[i]!.has(tp.topic))
          continue;
        const key = tpKey(tp.topic, tp.partition);
        const prev = owner.get(key);
        if (prev === undefined || generation > prev.generation) owner.set(key, { member: i, generation });
      }
    }

    // 1. Everyone keeps what it owns; 2. the rest go, in order, to the least loaded eligible member;
    // 3. single moves from the most to the least loaded member while that narrows the gap by two or
    // more, preferring partitions the member did not own before.
    const target: TopicPartition[][] = sorted.map(() => []);
    const keep: Set<string>[] = sorted.map(() => new Set());
    const unowned: TopicPartition[] = [];
    for (const tp of all) {
      const o = owner.get(tpKey(tp.topic, tp.partition));
      if (o === undefined) unowned.push(tp);
      else {
        target[o.member]!.push(tp);
        keep[o.member]!.add(tpKey(tp.topic, tp.partition));
      }
    }
    for (const tp of unowned) {
      let best = -1;
      for (let i = 0; i < sorted.length; i++) {
        if (!subscribes[i]!.has(tp.topic)) continue;
        if (best < 0 || target[i]!.length < target[best]!.length) best = i;
      }
      target[best]!.push(tp);
    }
    // Each move lowers the sum of squared loads by at least 2, so this ends.
    for (;;) {
      const byLoad = sorted.map((_, i) => i).sort((a, b) => target[b]!.length - target[a]!.length || a - b);
      let moved = false;
      for (const from of byLoad) {
        for (let k = byLoad.length - 1; k >= 0 && !moved; k--) {
          const to = byLoad[k]!;
          if (target[from]!.length - target[to]!.length < 2) break;
          const list = target[from]!;
          let pick = -1;
          for (let j = list.length - 1; j >= 0; j--) {
            const tp = list[j]!;
            if (!subscribes[to]!.has(tp.topic)) continue;
            if (pick < 0) pick = j;
            if (!keep[from]!.has(tpKey(tp.topic, tp.partition))) {
              pick = j;
              break;
            }
          }
          if (pick < 0) continue;
          target[to]!.push(list.splice(pick, 1)[0]!);
          moved = true;
        }
        if (moved) break;
      }
      if (!moved) break;
    }

    // Cooperative: a partition that changes owner is left out this round; its owner sees it missing,
    // revokes it and rejoins, and the next rebalance gives it to the new member (still the least loaded).
    const out = emptyResult(members);
    for (let i = 0; i < sorted.length; i++) {
      const list = out.get(sorted[i]!.memberId)!;
      for (const tp of target[i]!) {
        const o = owner.get(tpKey(tp.topic, tp.partition));
        if (o === undefined || o.member === i) list.push(tp);
      }
      list.sort((a, b) => cmp(a.topic, b.topic) || a.partition - b.partition);
    }
    return out;
  },
};

export const BUILTIN_ASSIGNORS: ReadonlyMap<string, Assignor> = new Map(
  [rangeAssignor, roundRobinAssignor, cooperativeStickyAssignor].map((a) => [a.name, a]),
);
