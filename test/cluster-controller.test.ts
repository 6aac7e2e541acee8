// The controller's decisions, applied to the image as a broker would apply them from the committed log.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allocateProducerIds,
  alterTopicConfigs,
  type ControllerResult,
  countLeaders,
  createPartitions,
  createTopic,
  DEFAULT_TOPIC_RULES,
  decodeMetadataRecord,
  deleteTopic,
  encodeMetadataRecord,
  fenceBroker,
  MetadataImage,
  PRODUCER_ID_BLOCK_SIZE,
  registerBroker,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
import { applyChanges, ConfigOp } from '../dist/cluster/topic-configs.js';
import { uuidFromBytes } from '../dist/protocol/uuid.js';

/** The metadata log in miniature: records get consecutive offsets and go through their frames. */
class Log {
  image = MetadataImage.EMPTY;
  get nextOffset(): number {
    return this.image.offset + 1;
  }
  commit(result: ControllerResult): void {
    if (!result.ok) throw new Error(`controller refused: ${result.message}`);
    const records = result.records.map((r) => {
      const d = decodeMetadataRecord(encodeMetadataRecord(r));
      if (!d.ok) throw new Error(d.error);
      return d.value;
    });
    if (records.length > 0) this.image = this.image.apply(records, this.image.offset + records.length);
  }
}

function cluster(racks: (string | null)[]): Log {
  const log = new Log();
  racks.forEach((rack, i) => {
    const id = i + 1;
    log.commit(
      registerBroker(
        log.image,
        {
          brokerId: id,
          incarnationId: uuidFromBytes(Buffer.alloc(16, id)),
          endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + id, securityProtocol: 0 }],
          rack,
        },
        log.nextOffset,
      ),
    );
  });
  for (const b of [...log.image.brokers.values()]) log.commit(unfenceBroker(log.image, b.id, b.epoch));
  return log;
}

function leaders(log: Log, topic: string): number[] {
  return [...log.image.topics.get(topic)!.partitions.values()].map((p) => p.leader);
}

const count = (xs: number[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());

test('brokers register fenced with their record offset as epoch; a live duplicate id is refused', () => {
  const log = new Log();
  const req = { brokerId: 1, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAQ', endpoints: [], rack: null };
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
  // Every partition with the same replica order: the second replica alone would take them all.
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
  assert.equal([...countLeaders(same.image)].sort(), [
    [2, 1],
    [3, 1],
    [4, 1],
  ]);
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
  const req = { brokerId: 1, incarnationId: b1.incarnationId, endpoints: [], rack: null };
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

test.run();
