// Metadata records in KRaft's frame, and the immutable image built by applying them.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ConfigResourceType,
  decodeMetadataRecord,
  encodeMetadataRecord,
  MetadataImage,
  MetadataImageError,
  type MetadataRecord,
  NO_LEADER_CHANGE,
  MetadataRecordType as T,
} from '../dist/cluster/metadata/index.js';
import * as M from '../dist/protocol/generated/metadata/index.js';
import { SeededRandom } from '../dist/random.js';

const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

function register(id: number, epoch: number): MetadataRecord {
  return {
    type: T.RegisterBrokerRecord,
    version: 3,
    record: M.createRegisterBrokerRecord({
      brokerId: id,
      brokerEpoch: epoch,
      incarnationId: 'AAAAAAAAAAAAAAAAAAAAAg',
      endPoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + id, securityProtocol: 0 }],
      rack: id === 1 ? 'a' : null,
      fenced: true,
    }),
  };
}

const topic: MetadataRecord = {
  type: T.TopicRecord,
  version: 0,
  record: M.createTopicRecord({ name: 'orders', topicId: TOPIC_ID }),
};

function partition(index: number, replicas: number[]): MetadataRecord {
  return {
    type: T.PartitionRecord,
    version: 0,
    record: M.createPartitionRecord({
      partitionId: index,
      topicId: TOPIC_ID,
      replicas,
      isr: replicas,
      leader: replicas[0],
      leaderEpoch: 0,
      partitionEpoch: 0,
    }),
  };
}

function change(index: number, fields: Partial<M.PartitionChangeRecord>): MetadataRecord {
  return {
    type: T.PartitionChangeRecord,
    version: 0,
    record: M.createPartitionChangeRecord({ partitionId: index, topicId: TOPIC_ID, ...fields }),
  };
}

/** Round-trips each record through its frame, as the metadata log does, then applies them. */
function applyFramed(image: MetadataImage, records: MetadataRecord[], lastOffset: number): MetadataImage {
  const decoded = records.map((r) => {
    const d = decodeMetadataRecord(encodeMetadataRecord(r));
    if (!d.ok) throw new Error(d.error);
    return d.value;
  });
  return image.apply(decoded, lastOffset);
}

test('frames round-trip; unknown types, versions, frames and leftovers are errors, never throws', () => {
  const bytes = encodeMetadataRecord(topic);
  assert.equal(decodeMetadataRecord(bytes), { ok: true, value: topic });
  assert.is(bytes[0], 1, 'frame version');
  assert.not.ok(decodeMetadataRecord(Buffer.concat([bytes, Buffer.from([0])])).ok);
  assert.not.ok(decodeMetadataRecord(Buffer.from([1, 99, 0])).ok);
  assert.not.ok(decodeMetadataRecord(Buffer.from([1, T.TopicRecord, 9])).ok);
  assert.not.ok(decodeMetadataRecord(Buffer.from([2, T.TopicRecord, 0])).ok);
  assert.throws(() => encodeMetadataRecord({ type: 99, version: 0, record: {} }), /unknown/);
  const random = new SeededRandom(9);
  for (let i = 0; i < 5000; i++) {
    const junk = Buffer.from(bytes);
    junk[Math.floor(random.next() * junk.length)] = Math.floor(random.next() * 256);
    decodeMetadataRecord(junk.subarray(0, Math.floor(random.next() * (junk.length + 1))));
  }
});

test('brokers, topics, partitions, leader and ISR changes build the image; old images never change', () => {
  const empty = MetadataImage.EMPTY;
  const a = applyFramed(empty, [register(1, 0), register(2, 1), register(3, 2)], 2);
  assert.is(a.brokers.size, 3);
  assert.is(a.brokers.get(1)!.rack, 'a');
  assert.is(a.brokers.get(2)!.endpoints[0]!.port, 9094);
  assert.is(a.brokers.get(3)!.fenced, true);
  const b = applyFramed(
    a,
    [
      { type: T.UnfenceBrokerRecord, version: 0, record: { id: 1, epoch: 0 } },
      topic,
      partition(0, [1, 2, 3]),
      partition(1, [2, 3, 1]),
    ],
    6,
  );
  assert.is(b.offset, 6);
  assert.is(b.brokers.get(1)!.fenced, false);
  assert.is(a.brokers.get(1)!.fenced, true, 'the old image is untouched');
  assert.is(b.topicById(TOPIC_ID)!.name, 'orders');
  assert.is(b.partition('orders', 1)!.leader, 2);

  // A new leader: leader epoch and partition epoch move. An ISR shrink: only the partition epoch.
  const c = applyFramed(b, [change(0, { leader: 2, isr: [2, 3] }), change(1, { isr: [2, 1] })], 8);
  assert.equal(c.partition('orders', 0), {
    ...b.partition('orders', 0)!,
    leader: 2,
    isr: [2, 3],
    leaderEpoch: 1,
    partitionEpoch: 1,
  });
  assert.is(c.partition('orders', 1)!.leaderEpoch, 0);
  assert.is(c.partition('orders', 1)!.partitionEpoch, 1);
  assert.is(
    change(0, {}).record && (change(0, {}).record as M.PartitionChangeRecord).leader,
    NO_LEADER_CHANGE,
  );
  assert.is(b.partition('orders', 0)!.leader, 1, 'the old image is untouched');
});

test('configs set, delete and go with their topic; producer ids only move forward', () => {
  const cfg = (name: string, value: string | null): MetadataRecord => ({
    type: T.ConfigRecord,
    version: 0,
    record: { resourceType: ConfigResourceType.Topic, resourceName: 'orders', name, value },
  });
  let img = applyFramed(MetadataImage.EMPTY, [register(1, 0), topic, partition(0, [1])], 2);
  img = applyFramed(img, [cfg('retention.ms', '1000'), cfg('cleanup.policy', 'compact')], 4);
  assert.equal(
    [...img.configsOf(ConfigResourceType.Topic, 'orders')],
    [
      ['retention.ms', '1000'],
      ['cleanup.policy', 'compact'],
    ],
  );
  img = applyFramed(img, [cfg('retention.ms', null)], 5);
  assert.equal([...img.configsOf(ConfigResourceType.Topic, 'orders')], [['cleanup.policy', 'compact']]);
  img = applyFramed(img, [{ type: T.RemoveTopicRecord, version: 0, record: { topicId: TOPIC_ID } }], 6);
  assert.is(img.topics.size, 0);
  assert.is(img.configsOf(ConfigResourceType.Topic, 'orders').size, 0);
  const pid = (next: number): MetadataRecord => ({
    type: T.ProducerIdsRecord,
    version: 0,
    record: { brokerId: 1, brokerEpoch: 0, nextProducerId: next },
  });
  img = applyFramed(img, [pid(1000)], 7);
  assert.is(img.nextProducerId, 1000);
  assert.throws(
    () => applyFramed(img, [pid(10)], 8),
    (e: unknown) => e instanceof MetadataImageError,
  );
});

test('records that contradict the image are refused, and nothing of their batch applies', () => {
  const base = applyFramed(
    MetadataImage.EMPTY,
    [register(1, 0), register(2, 1), topic, partition(0, [1, 2])],
    3,
  );
  const bad: [string, MetadataRecord[]][] = [
    ['register at the wrong offset', [register(3, 99)]],
    ['fence with a stale epoch', [{ type: T.FenceBrokerRecord, version: 0, record: { id: 2, epoch: 0 } }]],
    ['fence an unknown broker', [{ type: T.FenceBrokerRecord, version: 0, record: { id: 9, epoch: 0 } }]],
    ['topic twice', [topic]],
    ['partition twice', [partition(0, [1])]],
    ['change of an unknown partition', [change(5, { leader: 1 })]],
    ['leader outside the ISR', [change(0, { isr: [2], leader: 1 })]],
    ['ISR outside the replicas', [change(0, { isr: [1, 7] })]],
    [
      'remove an unknown topic',
      [{ type: T.RemoveTopicRecord, version: 0, record: { topicId: 'AAAAAAAAAAAAAAAAAAAABQ' } }],
    ],
  ];
  for (const [what, records] of bad) {
    // A good record first: it must not survive its batch's failure.
    const batch = [{ type: T.UnfenceBrokerRecord, version: 0, record: { id: 1, epoch: 0 } }, ...records];
    assert.throws(
      () => base.apply(batch, 3 + batch.length),
      (e: unknown) => e instanceof MetadataImageError,
      what,
    );
  }
  assert.is(base.brokers.get(1)!.fenced, true);
});

test.run();
