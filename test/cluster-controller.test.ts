// The controller's decisions, applied to the image as a broker would apply them from the committed log.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allocateProducerIds,
  alterPartition,
  alterTopicConfigs,
  balanceLeaders,
  countLeaders,
  createPartitions,
  createTopic,
  DEFAULT_TOPIC_RULES,
  deleteTopic,
  ElectionType,
  electLeaders,
  fenceBroker,
  PRODUCER_ID_BLOCK_SIZE,
  registerBroker,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
import { applyChanges, ConfigOp } from '../dist/cluster/topic-configs.js';
import { cluster, Log } from './helpers/metadata-log.js';

function leaders(log: Log, topic: string): number[] {
  return [...log.image.topics.get(topic)!.partitions.values()].map((p) => p.leader);
}

const count = (xs: number[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());

test('brokers register fenced with their record offset as epoch; a live duplicate id is refused', () => {
  const log = new Log();
  const req = {
    brokerId: 1,
    incarnationId: 'AAAAAAAAAAAAAAAAAAAAAQ',
    endpoints: [],
    rack: null,
    previousBrokerEpoch: -1,
  };
  log.commit(registerBroker(log.image, req, log.nextOffset));
  assert.is(log.image.brokers.get(1)!.epoch, 0);
  assert.is(log.image.brokers.get(1)!.fenced, true);
  log.commit(unfenceBroker(log.image, 1, 0));
  assert.is(unfenceBroker(log.image, 1, 7).errorCode, 77, 'stale epoch');
  const other = registerBroker(
    log.image,
    { ...req, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAg' },
    log.nextOffset,
  );
  assert.is(other.errorCode, 101);
  assert.is(registerBroker(log.image, { ...req, brokerId: 5, incarnationId: 'not a uuid' }, 9).errorCode, 42);
  // The same process registering again (its own incarnation) gets a new epoch.
  log.commit(registerBroker(log.image, req, log.nextOffset));
  assert.is(log.image.brokers.get(1)!.epoch, 2);
});

test('replicas and leaders spread evenly over the live brokers', () => {
  const log = cluster([null, null, null]);
  log.commit(createTopic(log.image, { name: 'orders', partitions: 6, replicationFactor: 3 }));
  const topic = log.image.topics.get('orders')!;
  for (const p of topic.partitions.values()) {
    assert.is(new Set(p.replicas).size, 3);
    assert.equal(p.isr, p.replicas);
    assert.is(p.leader, p.replicas[0]);
  }
  assert.equal([...count(leaders(log, 'orders')).values()], [2, 2, 2]);
  log.commit(createTopic(log.image, { name: 'small', partitions: 3, replicationFactor: 1 }));
  assert.equal(
    [
      ...count([...log.image.topics.get('small')!.partitions.values()].map((p) => p.replicas[0]!)).values(),
    ].sort(),
    [1, 1, 1],
  );
});

test('with racks, each partition spans every rack it can', () => {
  const log = cluster(['a', 'a', 'b', 'b', 'c', 'c']);
  log.commit(createTopic(log.image, { name: 't', partitions: 24, replicationFactor: 3 }));
  const rack = (id: number) => log.image.brokers.get(id)!.rack;
  for (const p of log.image.topics.get('t')!.partitions.values()) {
    assert.is(new Set(p.replicas.map(rack)).size, 3, `replicas ${p.replicas}`);
  }
});

test('placement refuses what cannot be done', () => {
  const log = cluster([null, null]);
  assert.is(createTopic(log.image, { name: 't', partitions: 1, replicationFactor: 3 }).errorCode, 38);
  assert.is(createTopic(log.image, { name: 't', partitions: 0, replicationFactor: 1 }).errorCode, 37);
  log.commit(createTopic(log.image, { name: 't', partitions: 1, replicationFactor: 2 }));
  assert.is(createTopic(log.image, { name: 't', partitions: 1, replicationFactor: 1 }).errorCode, 36);
  assert.is(createPartitions(log.image, 't', 1).errorCode, 37);
  assert.is(deleteTopic(log.image, 'nope').errorCode, 3);
});

test('fencing moves leadership within the ISR; the last ISR member stays the only possible leader', () => {
  const log = cluster([null, null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 3, replicationFactor: 2 }));
  log.commit(createTopic(log.image, { name: 'solo', partitions: 3, replicationFactor: 1 }));
  const before = log.image;
  log.commit(fenceBroker(log.image, 1));
  assert.is(log.image.brokers.get(1)!.fenced, true);
  for (const [i, p] of log.image.topics.get('t')!.partitions) {
    const old = before.partition('t', i)!;
    assert.not.ok(p.isr.includes(1), 'out of every ISR it shared');
    assert.ok(p.leader !== 1 && p.leader !== -1);
    assert.is(p.leaderEpoch, old.leader === 1 ? old.leaderEpoch + 1 : old.leaderEpoch);
  }
  const solo = [...log.image.topics.get('solo')!.partitions.values()].find((p) => p.replicas[0] === 1)!;
  assert.is(solo.leader, -1, 'no unclean election');
  assert.equal(solo.isr, [1]);
  // Back, caught up and unfenced: it leads its partition again.
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch));
  const back = [...log.image.topics.get('solo')!.partitions.values()].find((p) => p.replicas[0] === 1)!;
  assert.is(back.leader, 1);
  // New topics avoid fenced brokers.
  log.commit(fenceBroker(log.image, 2));
  log.commit(createTopic(log.image, { name: 'later', partitions: 4, replicationFactor: 1 }));
  for (const p of log.image.topics.get('later')!.partitions.values()) assert.not.equal(p.replicas, [2]);
});

test('partitions grow, topics go, producer id blocks never overlap', () => {
  const log = cluster([null, null]);
  log.commit(
    createTopic(log.image, {
      name: 't',
      partitions: 2,
      replicationFactor: 2,
      configs: { 'retention.ms': '5' },
    }),
  );
  log.commit(createPartitions(log.image, 't', 5));
  assert.is(log.image.topics.get('t')!.partitions.size, 5);
  assert.is(log.image.configsOf(2, 't').get('retention.ms'), '5');
  log.commit(deleteTopic(log.image, 't'));
  assert.is(log.image.topics.size, 0);
  const firsts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const b = log.image.brokers.get(1 + (i % 2))!;
    const r = allocateProducerIds(log.image, b.id, b.epoch);
    firsts.push(r.firstProducerId!);
    log.commit(r);
  }
  assert.equal(firsts, [0, PRODUCER_ID_BLOCK_SIZE, 2 * PRODUCER_ID_BLOCK_SIZE]);
  assert.is(allocateProducerIds(log.image, 1, 99).errorCode, 77);
});

test("a fenced leader's partitions spread over the other ISR members, each with a bumped leader epoch", () => {
  const log = cluster([null, null, null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 12, replicationFactor: 3 }));
  assert.equal([...countLeaders(log.image).values()], [3, 3, 3, 3]);
  const before = log.image;
  log.commit(fenceBroker(log.image, 1));
  const led = countLeaders(log.image);
  assert.is(led.get(1), undefined);
  assert.equal([...led.values()].sort(), [4, 4, 4], 'no broker takes more than its share');
  for (const [i, p] of log.image.topics.get('t')!.partitions) {
    const old = before.partition('t', i)!;
    if (old.leader !== 1) assert.is(p.leaderEpoch, old.leaderEpoch, 'untouched leaders keep their epoch');
    else assert.is(p.leaderEpoch, old.leaderEpoch + 1);
  }
  // Every partition with the same replica order: leadership goes to the next live ISR member in replica
  // order (Kafka's rule); the preferred leader gets it back by rebalancing once it returns.
  const same = cluster([null, null, null, null]);
  same.commit(
    createTopic(same.image, {
      name: 's',
      partitions: -1,
      replicationFactor: -1,
      assignments: [0, 1, 2].map(() => [1, 2, 3, 4]),
    }),
  );
  same.commit(fenceBroker(same.image, 1));
  assert.equal([...countLeaders(same.image)], [[2, 3]]);
});

test('a leaderless partition gets its broker back as leader, epoch bumped, when it is unfenced', () => {
  const log = cluster([null, null]);
  log.commit(createTopic(log.image, { name: 'solo', partitions: 2, replicationFactor: 1 }));
  const mine = [...log.image.topics.get('solo')!.partitions].find(([, p]) => p.leader === 2)![0];
  log.commit(fenceBroker(log.image, 2));
  assert.is(log.image.partition('solo', mine)!.leader, -1);
  assert.is(log.image.partition('solo', mine)!.leaderEpoch, 1);
  log.commit(unfenceBroker(log.image, 2, log.image.brokers.get(2)!.epoch));
  assert.is(log.image.partition('solo', mine)!.leader, 2);
  assert.is(log.image.partition('solo', mine)!.leaderEpoch, 2);
});

test('a live broker that registers again loses its leaderships (it is fenced by its new record)', () => {
  const log = cluster([null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 4, replicationFactor: 2 }));
  const b1 = log.image.brokers.get(1)!;
  const req = {
    brokerId: 1,
    incarnationId: b1.incarnationId,
    endpoints: [],
    rack: null,
    previousBrokerEpoch: -1,
  };
  log.commit(registerBroker(log.image, req, log.nextOffset));
  assert.is(log.image.brokers.get(1)!.fenced, true);
  for (const p of log.image.topics.get('t')!.partitions.values()) {
    assert.is(p.leader, 2, 'no fenced broker leads');
    assert.equal(p.isr, [2]);
  }
});

test('topic configs: set, delete, append; bad names and values refused; validated on create', () => {
  const log = cluster([null]);
  const bad = createTopic(log.image, {
    name: 't',
    partitions: 1,
    replicationFactor: 1,
    configs: { 'segment.bytes': '1' },
  });
  assert.is(bad.errorCode, 40);
  assert.is(createTopic(log.image, { name: 'a/b', partitions: 1, replicationFactor: 1 }).errorCode, 17);
  assert.is(
    createTopic(log.image, { name: 'big', partitions: 10_001, replicationFactor: 1 }).errorCode,
    37,
    'over maxPartitionsPerTopic',
  );
  // At the limit (a small one, configured): exactly the limit is fine, one more is refused, growth too.
  const rules = { ...DEFAULT_TOPIC_RULES, maxPartitionsPerTopic: 4 };
  assert.is(
    createTopic(log.image, { name: 'five', partitions: 5, replicationFactor: 1 }, rules).errorCode,
    37,
  );
  log.commit(createTopic(log.image, { name: 'four', partitions: 4, replicationFactor: 1 }, rules));
  assert.is(createPartitions(log.image, 'four', 5, null, rules).errorCode, 37);
  log.commit(
    createTopic(log.image, {
      name: 't',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': '5' },
    }),
  );
  const alter = (changes: { name: string; op: number; value: string | null }[]) =>
    alterTopicConfigs(log.image, 't', (current) => applyChanges(current, changes));
  log.commit(
    alter([
      { name: 'retention.ms', op: ConfigOp.DELETE, value: null },
      { name: 'cleanup.policy', op: ConfigOp.APPEND, value: 'compact' },
      { name: 'segment.ms', op: ConfigOp.SET, value: '1000' },
    ]),
  );
  assert.equal(Object.fromEntries(log.image.configsOf(2, 't')), {
    'cleanup.policy': 'delete,compact',
    'segment.ms': '1000',
  });
  log.commit(alter([{ name: 'cleanup.policy', op: ConfigOp.SUBTRACT, value: 'delete' }]));
  assert.is(log.image.configsOf(2, 't').get('cleanup.policy'), 'compact');
  assert.is(alter([{ name: 'nope', op: ConfigOp.SET, value: '1' }]).errorCode, 40);
  assert.is(alter([{ name: 'segment.ms', op: ConfigOp.SET, value: 'x' }]).errorCode, 40);
  assert.is(alter([{ name: 'segment.ms', op: ConfigOp.APPEND, value: '1' }]).errorCode, 40);
  assert.is(alter([{ name: 'segment.ms', op: 9, value: '1' }]).errorCode, 42);
  assert.is(alterTopicConfigs(log.image, 'gone', () => ({})).errorCode, 3);
  const same = alterTopicConfigs(log.image, 't', (c) => ({ ...c }));
  assert.ok(same.ok && same.records.length === 0, 'no change, no records');
});

test('manual assignments: registered brokers, no repeats, one replication factor, one unfenced replica', () => {
  const log = cluster([null, null, null]);
  const make = (assignments: number[][]) =>
    createTopic(log.image, { name: 'm', partitions: -1, replicationFactor: -1, assignments });
  assert.is(make([[1, 9]]).errorCode, 39, 'unknown broker');
  assert.is(make([[1, 1]]).errorCode, 39, 'repeat');
  assert.is(make([[1, 2], [3]]).errorCode, 39, 'mixed replication factors');
  log.commit(
    make([
      [3, 1],
      [2, 3],
    ]),
  );
  assert.equal(log.image.partition('m', 0)!.replicas, [3, 1]);
  assert.is(log.image.partition('m', 0)!.leader, 3);
  assert.is(createPartitions(log.image, 'm', 3, [[1]]).errorCode, 39, 'replication factor of the topic');
  assert.is(createPartitions(log.image, 'm', 4, [[1, 2]]).errorCode, 39, 'one per new partition');
  log.commit(fenceBroker(log.image, 1));
  log.commit(createPartitions(log.image, 'm', 3, [[1, 2]]));
  const p2 = log.image.partition('m', 2)!;
  assert.equal([p2.leader, p2.isr], [2, [2]], 'fenced replicas start out of the ISR');
  log.commit(fenceBroker(log.image, 2));
  assert.is(createPartitions(log.image, 'm', 4, [[1, 2]]).errorCode, 39, 'all fenced');
});

// ---- replication: replication factor, AlterPartition, elections, preferred leaders ----

const E = {
  NONE: 0,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  NOT_LEADER_OR_FOLLOWER: 6,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_REPLICA_ASSIGNMENT: 39,
  INVALID_CONFIG: 40,
  NOT_CONTROLLER: 41,
  INVALID_REQUEST: 42,
  FENCED_LEADER_EPOCH: 74,
  STALE_BROKER_EPOCH: 77,
  PREFERRED_LEADER_NOT_AVAILABLE: 80,
  ELIGIBLE_LEADERS_NOT_AVAILABLE: 83,
  ELECTION_NOT_NEEDED: 84,
  INVALID_UPDATE_VERSION: 95,
  UNKNOWN_TOPIC_ID: 100,
  INELIGIBLE_REPLICA: 107,
};

/** An AlterPartition from the partition's current leader at its current epochs, unless overridden. */
function isrChange(log: Log, topic: string, partition: number, newIsr: number[], over: object = {}) {
  const p = log.image.partition(topic, partition)!;
  const b = log.image.brokers.get(p.leader)!;
  const item = {
    topicId: log.image.topics.get(topic)!.id,
    topicName: null,
    partition,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch,
    newIsr,
    ...over,
  };
  const brokerId = 'brokerId' in over ? (over.brokerId as number) : p.leader;
  const brokerEpoch = 'brokerEpoch' in over ? (over.brokerEpoch as number) : b.epoch;
  return alterPartition(log.image, brokerId, brokerEpoch, [item]);
}

function commitDecision(log: Log, d: ReturnType<typeof alterPartition>) {
  if (!('records' in d)) throw new Error(`refused: ${d.message}`);
  log.commit({ ok: true, errorCode: 0, records: d.records });
  return d.outcomes;
}

const code = (d: ReturnType<typeof alterPartition>) =>
  'outcomes' in d ? d.outcomes.map((o) => o.errorCode) : [`top ${d.errorCode}`];

test('replication factor -1: default.replication.factor, by default min(3, live brokers); over the live count refused', () => {
  for (const [brokers, want] of [
    [1, 1],
    [2, 2],
    [4, 3],
  ] as const) {
    const log = cluster(new Array(brokers).fill(null));
    log.commit(createTopic(log.image, { name: 't', partitions: 2, replicationFactor: -1 }));
    assert.is(log.image.partition('t', 0)!.replicas.length, want, `${brokers} brokers`);
    assert.equal(log.image.partition('t', 0)!.isr, log.image.partition('t', 0)!.replicas);
  }
  const log = cluster([null, null, null, null]);
  log.commit(fenceBroker(log.image, 4));
  log.commit(fenceBroker(log.image, 3));
  log.commit(createTopic(log.image, { name: 'two', partitions: 1, replicationFactor: -1 }));
  assert.is(log.image.partition('two', 0)!.replicas.length, 2, 'fenced brokers do not count');
  const rules = { ...DEFAULT_TOPIC_RULES, defaultReplicationFactor: 1 };
  log.commit(createTopic(log.image, { name: 'one', partitions: 1, replicationFactor: -1 }, rules));
  assert.is(log.image.partition('one', 0)!.replicas.length, 1, 'a configured default');
  assert.is(
    createTopic(log.image, { name: 'x', partitions: 1, replicationFactor: 3 }).errorCode,
    E.INVALID_REPLICATION_FACTOR,
    'explicit factor above the 2 unfenced brokers',
  );
  log.commit(createTopic(log.image, { name: 'at', partitions: 1, replicationFactor: 2 }));
  assert.is(
    createTopic(
      log.image,
      { name: 'dflt', partitions: 1, replicationFactor: -1 },
      { ...rules, defaultReplicationFactor: 4 },
    ).errorCode,
    E.INVALID_REPLICATION_FACTOR,
    'a configured default above the live brokers',
  );
});

test('RF 3 over 6 brokers in 3 racks: every partition on 3 racks, replicas and leaders even', () => {
  const log = cluster(['a', 'a', 'b', 'b', 'c', 'c']);
  log.commit(createTopic(log.image, { name: 't', partitions: 12, replicationFactor: 3 }));
  const rackOf = (id: number) => log.image.brokers.get(id)!.rack;
  const replicas = new Map<number, number>();
  for (const p of log.image.topics.get('t')!.partitions.values()) {
    assert.is(new Set(p.replicas.map(rackOf)).size, 3, `[${p.replicas}] spans the racks`);
    assert.equal(p.isr, p.replicas);
    for (const id of p.replicas) replicas.set(id, (replicas.get(id) ?? 0) + 1);
  }
  assert.equal([...replicas.values()], [6, 6, 6, 6, 6, 6]);
  assert.equal([...countLeaders(log.image).values()], [2, 2, 2, 2, 2, 2]);
});

test('unclean.leader.election.enable and min.insync.replicas are validated topic configs', () => {
  const log = cluster([null]);
  const make = (configs: Record<string, string>) =>
    createTopic(log.image, { name: 'c', partitions: 1, replicationFactor: 1, configs }).errorCode;
  assert.is(make({ 'unclean.leader.election.enable': 'yes' }), E.INVALID_CONFIG);
  assert.is(make({ 'min.insync.replicas': '0' }), E.INVALID_CONFIG);
  assert.is(
    make({ 'min.insync.replicas': '5' }),
    E.NONE,
    'above the replication factor is allowed, as Kafka',
  );
  assert.is(make({ 'unclean.leader.election.enable': 'true', 'min.insync.replicas': '1' }), E.NONE);
});

test('AlterPartition: the leader shrinks and expands the ISR at its epochs; the partition epoch moves', () => {
  const log = cluster([null, null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 1, replicationFactor: 3 }));
  const p0 = log.image.partition('t', 0)!;
  const [leader, f1, f2] = p0.replicas as [number, number, number];
  const shrunk = commitDecision(log, isrChange(log, 't', 0, [leader, f1]));
  assert.equal(shrunk, [
    { errorCode: 0, message: null, leader, leaderEpoch: 0, partitionEpoch: 1, isr: [leader, f1] },
  ]);
  const p1 = log.image.partition('t', 0)!;
  assert.equal([p1.isr, p1.partitionEpoch, p1.leaderEpoch, p1.leader], [[leader, f1], 1, 0, leader]);
  // The same ISR again: nothing written, answered with the partition as it is.
  const same = isrChange(log, 't', 0, [leader, f1]);
  assert.ok('records' in same && same.records.length === 0);
  assert.is(same.outcomes[0]!.partitionEpoch, 1);
  commitDecision(log, isrChange(log, 't', 0, [leader, f1, f2]));
  assert.equal(
    [log.image.partition('t', 0)!.isr, log.image.partition('t', 0)!.partitionEpoch],
    [[leader, f1, f2], 2],
  );
});

test('AlterPartition refusals, in Kafka order', () => {
  const log = cluster([null, null, null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 1, replicationFactor: 3 }));
  const p = log.image.partition('t', 0)!;
  const [leader, f1, f2] = p.replicas as [number, number, number];
  const other = [1, 2, 3, 4].find((id) => !p.replicas.includes(id))!;
  const epoch = log.image.brokers.get(leader)!.epoch;
  assert.equal(code(isrChange(log, 't', 0, [leader], { brokerEpoch: epoch + 1 })), [
    `top ${E.STALE_BROKER_EPOCH}`,
  ]);
  assert.equal(code(isrChange(log, 't', 0, [leader], { brokerId: 9 })), [`top ${E.STALE_BROKER_EPOCH}`]);
  assert.equal(code(isrChange(log, 't', 0, [leader], { topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })), [
    E.UNKNOWN_TOPIC_ID,
  ]);
  assert.equal(code(isrChange(log, 't', 0, [leader], { topicId: null, topicName: 'nope' })), [
    E.UNKNOWN_TOPIC_OR_PARTITION,
  ]);
  assert.equal(
    code(isrChange(log, 't', 0, [leader], { topicId: null, topicName: 't' })),
    [E.NONE],
    'v0-1 name topics',
  );
  assert.equal(code(isrChange(log, 't', 0, [leader], { partition: 5 })), [E.UNKNOWN_TOPIC_OR_PARTITION]);
  assert.equal(
    code(isrChange(log, 't', 0, [leader], { leaderEpoch: 1 })),
    [E.NOT_CONTROLLER],
    'ahead of this image',
  );
  assert.equal(code(isrChange(log, 't', 0, [leader], { partitionEpoch: 1 })), [E.NOT_CONTROLLER]);
  const f1Epoch = log.image.brokers.get(f1)!.epoch;
  assert.equal(code(isrChange(log, 't', 0, [f1], { brokerId: f1, brokerEpoch: f1Epoch })), [
    E.NOT_LEADER_OR_FOLLOWER,
  ]);
  assert.equal(
    code(isrChange(log, 't', 0, [leader, f1], { newIsr: [leader, leader] })),
    [E.INVALID_REQUEST],
    'repeat',
  );
  assert.equal(code(isrChange(log, 't', 0, [leader, other])), [E.INVALID_REQUEST], 'not a replica');
  assert.equal(code(isrChange(log, 't', 0, [f1, f2])), [E.INVALID_REQUEST], 'leader left out');
  assert.equal(code(isrChange(log, 't', 0, [])), [E.INVALID_REQUEST], 'empty');
  assert.equal(code(isrChange(log, 't', 0, [leader], { leaderRecoveryState: 1 })), [E.INVALID_REQUEST]);
  assert.equal(
    code(isrChange(log, 't', 0, [leader, f1], { newIsrEpochs: [-1, f1Epoch + 5] })),
    [E.INELIGIBLE_REPLICA],
    'a member at another broker epoch (v3)',
  );
  // Fencing f2 moves the partition epoch: an ask made before it is refused, then f2 cannot be added back.
  const before = log.image.partition('t', 0)!;
  log.commit(fenceBroker(log.image, f2));
  const stale = isrChange(log, 't', 0, [leader, f1], { partitionEpoch: before.partitionEpoch });
  assert.equal(code(stale), [E.INVALID_UPDATE_VERSION]);
  assert.equal(code(isrChange(log, 't', 0, [leader, f1, f2])), [E.INELIGIBLE_REPLICA], 'fenced');
  // A new leader: the old one's ask at the old leader epoch is fenced.
  const atOld = log.image.partition('t', 0)!;
  log.commit(fenceBroker(log.image, leader));
  const now = log.image.partition('t', 0)!;
  assert.is(now.leader, f1);
  assert.is(now.leaderEpoch, atOld.leaderEpoch + 1);
  assert.equal(
    code(
      alterPartition(log.image, f1, f1Epoch, [
        {
          topicId: log.image.topics.get('t')!.id,
          topicName: null,
          partition: 0,
          leaderEpoch: atOld.leaderEpoch,
          partitionEpoch: now.partitionEpoch,
          newIsr: [f1],
        },
      ]),
    ),
    [E.FENCED_LEADER_EPOCH],
  );
  // Two partitions of one request are decided each on its own; a repeated one is refused.
  log.commit(
    createTopic(log.image, { name: 'u', partitions: 2, replicationFactor: 1, assignments: undefined }),
  );
  const u = log.image.topics.get('u')!;
  const mine = [...u.partitions].filter(([, x]) => x.leader === f1).map(([i]) => i);
  if (mine.length > 0) {
    const i = mine[0]!;
    const x = u.partitions.get(i)!;
    const item = {
      topicId: u.id,
      topicName: null,
      partition: i,
      leaderEpoch: x.leaderEpoch,
      partitionEpoch: x.partitionEpoch,
      newIsr: [f1],
    };
    assert.equal(code(alterPartition(log.image, f1, f1Epoch, [item, item])), [E.NONE, E.INVALID_REQUEST]);
  }
});

test('a fenced leader: the next live ISR member in replica order leads; the ISR never empties', () => {
  const log = cluster([null, null, null]);
  log.commit(
    createTopic(log.image, { name: 't', partitions: -1, replicationFactor: -1, assignments: [[1, 2, 3]] }),
  );
  const at = () => log.image.partition('t', 0)!;
  log.commit(fenceBroker(log.image, 1));
  assert.equal([at().leader, at().isr, at().leaderEpoch], [2, [2, 3], 1]);
  log.commit(fenceBroker(log.image, 3));
  assert.equal([at().leader, at().isr, at().leaderEpoch], [2, [2], 1], 'a follower leaves; no new epoch');
  log.commit(fenceBroker(log.image, 2));
  assert.equal([at().leader, at().isr, at().leaderEpoch], [-1, [2], 2], 'the last member stays, leaderless');
  // Replicas out of the ISR coming back do not lead (clean elections only)...
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch));
  log.commit(unfenceBroker(log.image, 3, log.image.brokers.get(3)!.epoch));
  assert.equal([at().leader, at().isr], [-1, [2]]);
  // ...the last ISR member does.
  log.commit(unfenceBroker(log.image, 2, log.image.brokers.get(2)!.epoch));
  assert.equal([at().leader, at().isr, at().leaderEpoch], [2, [2], 3]);
});

test('unclean.leader.election.enable: with no ISR member live, a live replica leads alone', () => {
  const log = cluster([null, null, null]);
  log.commit(
    createTopic(log.image, {
      name: 'u',
      partitions: -1,
      replicationFactor: -1,
      assignments: [[1, 2, 3]],
      configs: { 'unclean.leader.election.enable': 'true' },
    }),
  );
  const at = () => log.image.partition('u', 0)!;
  // The leader alone in the ISR (the followers fell behind), then fenced: follower 2 leads uncleanly.
  commitDecision(log, isrChange(log, 'u', 0, [1]));
  log.commit(fenceBroker(log.image, 1));
  assert.equal([at().leader, at().isr, at().leaderEpoch], [2, [2], 1]);
  // Its fencing moves leadership on to the next live replica, 3; fenced in turn, nobody is left.
  log.commit(fenceBroker(log.image, 2));
  assert.equal([at().leader, at().isr], [3, [3]]);
  log.commit(fenceBroker(log.image, 3));
  assert.equal([at().leader, at().isr], [-1, [3]]);
  // The first replica back leads when the topic allows it.
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch));
  assert.equal([at().leader, at().isr], [1, [1]]);
  // Turned off: a leaderless partition waits for its ISR member.
  log.commit(alterTopicConfigs(log.image, 'u', () => ({})));
  log.commit(fenceBroker(log.image, 1));
  log.commit(unfenceBroker(log.image, 3, log.image.brokers.get(3)!.epoch));
  assert.equal([at().leader, at().isr], [-1, [1]]);
  // Turned on again: the live replica leads at once, in the config change's own batch.
  log.commit(alterTopicConfigs(log.image, 'u', () => ({ 'unclean.leader.election.enable': 'true' })));
  assert.equal([at().leader, at().isr], [3, [3]]);
});

test('ElectLeaders PREFERRED and UNCLEAN, per partition', () => {
  const log = cluster([null, null, null]);
  log.commit(
    createTopic(log.image, {
      name: 't',
      partitions: -1,
      replicationFactor: -1,
      assignments: [
        [1, 2, 3],
        [2, 3, 1],
        [3, 1, 2],
      ],
    }),
  );
  log.commit(
    createTopic(log.image, { name: 'solo', partitions: -1, replicationFactor: -1, assignments: [[3]] }),
  );
  log.commit(fenceBroker(log.image, 1));
  // Broker 1 back: unfenced but not in the ISR yet (its leader has not taken it back in).
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch));
  const ask = (type: number, parts: [string, number][] | null) => {
    const r = electLeaders(
      log.image,
      type,
      parts?.map(([topic, partition]) => ({ topic, partition })) ?? null,
    );
    if (!('outcomes' in r)) throw new Error(r.message);
    return r;
  };
  const pref = ask(ElectionType.PREFERRED, [
    ['t', 0],
    ['t', 1],
    ['nope', 0],
    ['t', 9],
  ]);
  assert.equal(
    pref.outcomes.map((o) => o.errorCode),
    [
      E.PREFERRED_LEADER_NOT_AVAILABLE,
      E.ELECTION_NOT_NEEDED,
      E.UNKNOWN_TOPIC_OR_PARTITION,
      E.UNKNOWN_TOPIC_OR_PARTITION,
    ],
  );
  assert.is(pref.records.length, 0);
  // The leader of t-0 takes broker 1 back into the ISR: now the preferred election moves leadership.
  commitDecision(log, isrChange(log, 't', 0, [...log.image.partition('t', 0)!.isr, 1]));
  const before = log.image.partition('t', 0)!;
  const again = ask(ElectionType.PREFERRED, null);
  assert.equal(
    again.outcomes,
    [{ topic: 't', partition: 0, errorCode: 0, message: null }],
    'null: only elections made',
  );
  log.commit({ ok: true, errorCode: 0, records: again.records });
  assert.equal(
    [log.image.partition('t', 0)!.leader, log.image.partition('t', 0)!.leaderEpoch],
    [1, before.leaderEpoch + 1],
  );
  // Preferred replica fenced: not available.
  log.commit(fenceBroker(log.image, 3));
  const down = ask(ElectionType.PREFERRED, [['t', 2]]);
  assert.equal(
    down.outcomes.map((o) => o.errorCode),
    [E.PREFERRED_LEADER_NOT_AVAILABLE],
  );
  // UNCLEAN: only for leaderless partitions; solo's only replica is down.
  const unclean = ask(ElectionType.UNCLEAN, [
    ['t', 0],
    ['solo', 0],
  ]);
  assert.equal(
    unclean.outcomes.map((o) => o.errorCode),
    [E.ELECTION_NOT_NEEDED, E.ELIGIBLE_LEADERS_NOT_AVAILABLE],
  );
  // A leaderless partition whose ISR member is down but another replica is live: UNCLEAN elects it, topic
  // config or not.
  log.commit(
    createTopic(log.image, { name: 'w', partitions: -1, replicationFactor: -1, assignments: [[2, 1]] }),
  );
  commitDecision(log, isrChange(log, 'w', 0, [2]));
  log.commit(fenceBroker(log.image, 2));
  assert.is(log.image.partition('w', 0)!.leader, -1);
  const w = ask(ElectionType.UNCLEAN, [['w', 0]]);
  assert.equal(
    w.outcomes.map((o) => o.errorCode),
    [E.NONE],
  );
  log.commit({ ok: true, errorCode: 0, records: w.records });
  assert.equal([log.image.partition('w', 0)!.leader, log.image.partition('w', 0)!.isr], [1, [1]]);
  const bad = electLeaders(log.image, 7, null);
  assert.ok('errorCode' in bad && bad.errorCode === E.INVALID_REQUEST);
});

test('leader rebalancing: preferred replicas live and in the ISR lead again, at most the limit per pass', () => {
  const log = cluster([null, null, null]);
  log.commit(createTopic(log.image, { name: 't', partitions: 6, replicationFactor: 3 }));
  log.commit(fenceBroker(log.image, 1));
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch));
  assert.is(countLeaders(log.image).get(1), undefined, 'back, but out of every ISR');
  assert.equal(balanceLeaders(log.image), [], 'not in the ISR: no move');
  for (const [i, p] of log.image.topics.get('t')!.partitions) {
    if (p.replicas[0] === 1) commitDecision(log, isrChange(log, 't', i, [...p.isr, 1]));
  }
  assert.is(balanceLeaders(log.image, 1).length, 1, 'the limit');
  log.commit({ ok: true, errorCode: 0, records: balanceLeaders(log.image) });
  assert.equal([...countLeaders(log.image).values()], [2, 2, 2]);
  for (const p of log.image.topics.get('t')!.partitions.values()) assert.is(p.leader, p.replicas[0]);
  assert.equal(balanceLeaders(log.image), []);
});

test.run();
