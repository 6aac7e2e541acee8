// The admin client's group, config and cluster operations against a real broker process, each checked
// against what the broker does (a group member's commits, the partition logs) and, where KafkaJS has the
// same call, against KafkaJS 2.2.4's admin on the same broker.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ConfigResourceType, ConfigSource, KafkaError } from '../dist/client/index.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let broker: TestBroker;
let client: Client;
// biome-ignore lint/suspicious/noExplicitAny: KafkaJS is plain JavaScript here
let kafkajs: any;

test.before(async () => {
  broker = await startTestBroker(['--group-initial-rebalance-delay-ms', '0']);
  client = new Client({ brokers: [broker.address], clientId: 'admin-test' });
  kafkajs = new Kafka({
    clientId: 'admin-xcheck',
    brokers: [broker.address],
    logLevel: logLevel.NOTHING,
  }).admin();
  await kafkajs.connect();
});

test.after(async () => {
  await kafkajs?.disconnect();
  await client.close();
  await broker.destroy();
});

async function rejection(p: Promise<unknown>): Promise<KafkaError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, KafkaError, String(err));
    return err as KafkaError;
  }
  throw new Error('expected a rejection');
}

async function produce(topic: string, partition: number, n: number): Promise<void> {
  const producer = client.producer({ lingerMs: 1 });
  await producer.send(
    topic,
    Array.from({ length: n }, (_, i) => ({ value: `${partition}-${i}`, partition })),
  );
  await producer.close();
}

test('describeCluster: this broker, controller and cluster id, as KafkaJS sees them', async () => {
  const admin = client.admin();
  const ours = await admin.describeCluster();
  assert.equal(ours.brokers, [{ nodeId: 1, host: '127.0.0.1', port: broker.port, rack: null }]);
  assert.is(ours.controller, 1);
  assert.type(ours.clusterId, 'string');
  const theirs = await kafkajs.describeCluster();
  assert.equal(
    {
      brokers: ours.brokers.map(({ rack: _, ...b }) => b),
      controller: ours.controller,
      clusterId: ours.clusterId,
    },
    theirs,
  );
  await admin.close();
});

test('groups: list, describe, fetchOffsets with lag, set/reset refused while active, then applied; delete', async () => {
  const admin = client.admin();
  const topic = uniqueTopic('admin-groups');
  await admin.createTopics([{ topic, numPartitions: 2 }]);
  await produce(topic, 0, 6);
  await produce(topic, 1, 4);
  const groupId = uniqueTopic('admin-group');
  const member = client.consumer({
    groupId,
    autoOffsetReset: 'earliest',
    maxWaitMs: 50,
    autoCommit: false,
    assignors: ['range'],
  });
  member.subscribe([topic]);
  const it = member[Symbol.asyncIterator]();
  const seen = new Map<number, number>();
  for (let i = 0; i < 10; i++) {
    const r = (await it.next()).value!;
    seen.set(r.partition, r.offset);
  }
  await member.commit([
    { topic, partition: 0, offset: 4 },
    { topic, partition: 1, offset: 4 },
  ]);

  const listed = (await admin.listGroups()).groups.find((g) => g.groupId === groupId);
  assert.equal(listed, { groupId, protocolType: 'consumer', groupState: 'Stable' });
  const kjsListed = (await kafkajs.listGroups()).groups.find(
    (g: { groupId: string }) => g.groupId === groupId,
  );
  assert.equal(kjsListed, { groupId, protocolType: 'consumer' });

  const [described] = (await admin.describeGroups([groupId])).groups;
  assert.is(described!.errorCode, 0);
  assert.is(described!.state, 'Stable');
  assert.is(described!.protocol, 'range');
  assert.is(described!.members.length, 1);
  assert.is(described!.members[0]!.memberId, member.generation.memberId);
  assert.equal(described!.members[0]!.assignment.map((tp) => tp.partition).sort(), [0, 1]);
  const kjsDescribed = (await kafkajs.describeGroups([groupId])).groups[0];
  assert.is(kjsDescribed.state, 'Stable');
  assert.is(kjsDescribed.members[0].memberId, described!.members[0]!.memberId);

  assert.equal(await admin.fetchOffsets({ groupId, topics: [topic] }), [
    {
      topic,
      partitions: [
        { partition: 0, offset: 4, metadata: null, highWatermark: 6, lag: 2 },
        { partition: 1, offset: 4, metadata: null, highWatermark: 4, lag: 0 },
      ],
    },
  ]);
  assert.equal(await admin.fetchOffsets({ groupId }), await admin.fetchOffsets({ groupId, topics: [topic] }));
  const kjsOffsets = await kafkajs.fetchOffsets({ groupId, topics: [topic] });
  assert.equal(
    kjsOffsets[0].partitions.map((p: { partition: number; offset: string }) => [p.partition, p.offset]),
    [
      [0, '4'],
      [1, '4'],
    ],
  );

  // An active member owns the offsets: admin writes and deletion are refused.
  assert.is(
    (await rejection(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: 1 }] }))).type,
    'NON_EMPTY_GROUP',
  );
  assert.is(
    (await rejection(admin.resetOffsets({ groupId, topic, earliest: true }))).type,
    'NON_EMPTY_GROUP',
  );
  assert.is((await rejection(admin.deleteGroups([groupId]))).type, 'NON_EMPTY_GROUP');
  await member.close();

  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: 1 }] });
  let offsets = (await admin.fetchOffsets({ groupId }))[0]!.partitions;
  assert.equal(
    offsets.map((p) => [p.partition, p.offset, p.lag]),
    [
      [0, 1, 5],
      [1, 4, 0],
    ],
  );
  // A new member resumes where setOffsets put the group.
  const again = client.consumer({ groupId, autoOffsetReset: 'latest', maxWaitMs: 50, autoCommit: false });
  again.subscribe([topic]);
  const first = (await again[Symbol.asyncIterator]().next()).value!;
  assert.equal([first.partition, first.offset], [0, 1]);
  await again.close();

  await admin.resetOffsets({ groupId, topic, earliest: true });
  offsets = (await admin.fetchOffsets({ groupId }))[0]!.partitions;
  assert.equal(
    offsets.map((p) => [p.offset, p.lag]),
    [
      [0, 6],
      [0, 4],
    ],
  );
  await admin.resetOffsets({ groupId, topic });
  offsets = (await admin.fetchOffsets({ groupId }))[0]!.partitions;
  assert.equal(
    offsets.map((p) => [p.offset, p.lag]),
    [
      [6, 0],
      [4, 0],
    ],
  );
  assert.is(
    (await rejection(admin.setOffsets({ groupId, topic, partitions: [{ partition: 7, offset: 0 }] }))).type,
    'UNKNOWN_TOPIC_OR_PARTITION',
  );

  assert.equal(await admin.deleteGroups([groupId]), [{ groupId, errorCode: 0 }]);
  assert.not.ok((await admin.listGroups()).groups.some((g) => g.groupId === groupId));
  assert.equal(await admin.fetchOffsets({ groupId }), []);
  assert.is((await rejection(admin.deleteGroups([groupId]))).type, 'GROUP_ID_NOT_FOUND');
  await admin.close();
});

test('configs: describe, incremental set/append/delete, legacy alter, validateOnly, errors; KafkaJS agrees', async () => {
  const admin = client.admin();
  const topic = uniqueTopic('admin-configs');
  await admin.createTopics([{ topic, numPartitions: 1, configs: { 'segment.bytes': '1048576' } }]);
  const TOPIC = ConfigResourceType.TOPIC;
  const entries = async (names?: string[]) => {
    const res = await admin.describeConfigs({
      resources: [{ type: TOPIC, name: topic, configNames: names }],
    });
    return Object.fromEntries(
      res.resources[0]!.configEntries.map((e) => [e.configName, [e.configValue, e.configSource]]),
    );
  };
  assert.equal(await entries(['segment.bytes', 'retention.ms']), {
    'segment.bytes': ['1048576', ConfigSource.TOPIC_CONFIG],
    'retention.ms': ['604800000', ConfigSource.DEFAULT_CONFIG],
  });

  await admin.incrementalAlterConfigs({
    resources: [
      {
        type: TOPIC,
        name: topic,
        configEntries: [
          { name: 'retention.ms', value: '60000' },
          { name: 'cleanup.policy', value: 'compact', operation: 'append' },
          { name: 'segment.bytes', operation: 'delete' },
        ],
      },
    ],
  });
  const after = await entries();
  assert.equal(after['retention.ms'], ['60000', ConfigSource.TOPIC_CONFIG]);
  assert.equal(after['cleanup.policy'], ['delete,compact', ConfigSource.TOPIC_CONFIG]);
  assert.equal(after['segment.bytes']![1], ConfigSource.DEFAULT_CONFIG);
  const kjs = await kafkajs.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC, name: topic, configNames: ['retention.ms'] }],
  });
  assert.is(kjs.resources[0].configEntries[0].configValue, '60000');

  await admin.incrementalAlterConfigs({
    validateOnly: true,
    resources: [{ type: TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '1' }] }],
  });
  assert.equal((await entries(['retention.ms']))['retention.ms'], ['60000', ConfigSource.TOPIC_CONFIG]);

  const result = await admin.alterConfigs({
    resources: [{ type: TOPIC, name: topic, configEntries: [{ name: 'retention.bytes', value: '1048576' }] }],
  });
  assert.equal(result.resources, [
    { resourceType: TOPIC, resourceName: topic, errorCode: 0, errorMessage: null },
  ]);
  const legacy = await entries(['retention.bytes', 'retention.ms']);
  assert.equal(legacy, {
    'retention.bytes': ['1048576', ConfigSource.TOPIC_CONFIG],
    'retention.ms': ['604800000', ConfigSource.DEFAULT_CONFIG],
  });

  const bad = await rejection(
    admin.incrementalAlterConfigs({
      resources: [{ type: TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: 'soon' }] }],
    }),
  );
  assert.is(bad.type, 'INVALID_CONFIG');
  assert.match(bad.message, new RegExp(topic));
  const missing = await rejection(
    admin.describeConfigs({ resources: [{ type: TOPIC, name: uniqueTopic('missing') }] }),
  );
  assert.is(missing.type, 'UNKNOWN_TOPIC_OR_PARTITION');
  const brokerAlter = await rejection(
    admin.incrementalAlterConfigs({
      resources: [
        {
          type: ConfigResourceType.BROKER,
          name: '1',
          configEntries: [{ name: 'num.partitions', value: '3' }],
        },
      ],
    }),
  );
  assert.is(brokerAlter.type, 'INVALID_REQUEST', 'num.partitions is read-only');
  const brokerConfigs = await admin.describeConfigs({
    resources: [{ type: ConfigResourceType.BROKER, name: '1', configNames: ['num.partitions'] }],
  });
  assert.equal(
    brokerConfigs.resources[0]!.configEntries.map((e) => [e.configName, e.configValue, e.readOnly]),
    [['num.partitions', '1', true]],
  );
  await admin.close();
});

test.run();
