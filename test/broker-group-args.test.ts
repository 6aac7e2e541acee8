// Topic arguments of the group APIs and of Produce against a real broker process with auto-creation on (the
// default): unknown topics and partitions past the count get UNKNOWN_TOPIC_OR_PARTITION per partition and
// are never created; only Metadata auto-creates, as in Kafka.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
let broker: BrokerProcess;
let client: TestClient;

test.before(async () => {
  broker = await startBroker(['--threads', '1']);
  client = await TestClient.connect(broker.port);
  const created = await client.request(P.CreateTopicsApi, 7, createTopicRequest('known', { partitions: 2 }));
  assert.is(created.topics[0]!.errorCode, E.NONE);
});

test.after(async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

async function topicNames(): Promise<string[]> {
  const md = await client.request(P.MetadataApi, 12, P.createMetadataRequest({ topics: null }));
  return md.topics.map((t) => t.name!).sort();
}

function commit(groupId: string, topics: [string, number[]][], generationId = -1) {
  return client.request(
    P.OffsetCommitApi,
    8,
    P.createOffsetCommitRequest({
      groupId,
      generationIdOrMemberEpoch: generationId,
      memberId: '',
      topics: topics.map(([name, partitions]) => ({
        name,
        partitions: partitions.map((partitionIndex) =>
          P.createOffsetCommitRequestOffsetCommitRequestPartition({
            partitionIndex,
            committedOffset: 10 + partitionIndex,
          }),
        ),
      })),
    }),
  );
}

function codes(topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]) {
  return topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode])]);
}

function fetchOffsets(groupId: string, topics: [string, number[]][] | null) {
  return client.request(P.OffsetFetchApi, 8, {
    groupId: '',
    topics: null,
    requireStable: false,
    groups: [
      {
        groupId,
        memberId: null,
        memberEpoch: -1,
        topics:
          topics === null ? null : topics.map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
      },
    ],
  });
}

test('Produce never creates a topic, even with auto.create.topics.enable; Metadata does', async () => {
  const produce = (name: string) =>
    client.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name, partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'v' }]) }] }],
    });
  const before = await topicNames();
  for (const name of ['stray-1', 'stray-2', 'x'.repeat(200)]) {
    const r = await produce(name);
    assert.is(r.responses[0]!.partitionResponses[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION, name);
  }
  assert.equal(await topicNames(), before, 'no stray topics');
  // Asked by name with auto-creation allowed, Metadata creates it; then the produce goes through.
  const md = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'stray-1' })],
      allowAutoTopicCreation: true,
    }),
  );
  assert.is(md.topics[0]!.errorCode, E.NONE);
  assert.is((await produce('stray-1')).responses[0]!.partitionResponses[0]!.errorCode, E.NONE);
});

test('OffsetCommit: unknown topics and partitions past the count get UNKNOWN_TOPIC_OR_PARTITION each', async () => {
  const r = await commit('args-commit', [
    ['known', [0, 2, 1, -1]],
    ['no-such-topic', [0, 1]],
  ]);
  assert.equal(codes(r.topics), [
    [
      'known',
      [
        [0, E.NONE],
        [2, E.UNKNOWN_TOPIC_OR_PARTITION],
        [1, E.NONE],
        [-1, E.UNKNOWN_TOPIC_OR_PARTITION],
      ],
    ],
    [
      'no-such-topic',
      [
        [0, E.UNKNOWN_TOPIC_OR_PARTITION],
        [1, E.UNKNOWN_TOPIC_OR_PARTITION],
      ],
    ],
  ]);
  const fetched = await fetchOffsets('args-commit', null);
  assert.equal(
    fetched.groups[0]!.topics.map((t) => [
      t.name,
      t.partitions.map((p) => [p.partitionIndex, p.committedOffset]),
    ]),
    [
      [
        'known',
        [
          [0, 10],
          [1, 11],
        ],
      ],
    ],
    'only the existing partitions were stored',
  );
  assert.ok(!(await topicNames()).includes('no-such-topic'), 'nothing was created');

  // Only unknown partitions: answered before the group is looked at (a bad generation would be
  // ILLEGAL_GENERATION), and no group is created.
  const none = await commit('args-nothing', [['no-such-topic', [0]]], 5);
  assert.equal(codes(none.topics), [['no-such-topic', [[0, E.UNKNOWN_TOPIC_OR_PARTITION]]]]);
  const listed = await client.request(P.ListGroupsApi, 4, { statesFilter: [], typesFilter: [] });
  assert.ok(!listed.groups.some((g) => g.groupId === 'args-nothing'));
});

test('OffsetFetch of explicit unknown partitions answers offset -1 and no error, as Kafka', async () => {
  const r = await fetchOffsets('args-commit', [
    ['known', [0, 7]],
    ['no-such-topic', [0]],
  ]);
  assert.is(r.groups[0]!.errorCode, E.NONE);
  assert.equal(
    r.groups[0]!.topics.map((t) =>
      t.partitions.map((p) => [t.name, p.partitionIndex, p.committedOffset, p.errorCode]),
    ),
    [
      [
        ['known', 0, 10, E.NONE],
        ['known', 7, -1, E.NONE],
      ],
      [['no-such-topic', 0, -1, E.NONE]],
    ],
  );
});

test('OffsetDelete: unknown topics and partitions past the count get UNKNOWN_TOPIC_OR_PARTITION each', async () => {
  const del = (groupId: string, topics: [string, number[]][]) =>
    client.request(P.OffsetDeleteApi, 0, {
      groupId,
      topics: topics.map(([name, partitions]) => ({
        name,
        partitions: partitions.map((partitionIndex) => ({ partitionIndex })),
      })),
    });
  const r = await del('args-commit', [
    ['known', [1, 5]],
    ['no-such-topic', [0]],
  ]);
  assert.is(r.errorCode, E.NONE);
  assert.equal(codes(r.topics), [
    [
      'known',
      [
        [1, E.NONE],
        [5, E.UNKNOWN_TOPIC_OR_PARTITION],
      ],
    ],
    ['no-such-topic', [[0, E.UNKNOWN_TOPIC_OR_PARTITION]]],
  ]);
  const left = await fetchOffsets('args-commit', null);
  assert.equal(
    left.groups[0]!.topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)]),
    [['known', [0]]],
  );
  // Beside a group-level error the unknown partitions are still reported.
  const missing = await del('args-missing-group', [
    ['known', [0]],
    ['no-such-topic', [0]],
  ]);
  assert.is(missing.errorCode, E.GROUP_ID_NOT_FOUND);
  assert.equal(codes(missing.topics), [['no-such-topic', [[0, E.UNKNOWN_TOPIC_OR_PARTITION]]]]);
});

test.run();
