// The controller's decisions, applied to the image as a broker would apply them from the committed log.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allocateProducerIds,
  type ControllerResult,
  createPartitions,
  createTopic,
  decodeMetadataRecord,
  deleteTopic,
  encodeMetadataRecord,
  fenceBroker,
  MetadataImage,
  PRODUCER_ID_BLOCK_SIZE,
  registerBroker,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
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

test.run();
