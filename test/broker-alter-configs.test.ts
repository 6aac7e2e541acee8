// AlterConfigs (33) and IncrementalAlterConfigs (44) against a real broker process: a change applies to the
// running partition logs at once (retention.ms deletes old segments, max.message.bytes bounds the next
// batch), DescribeConfigs reflects it with its source, DELETE goes back to the broker's setting,
// APPEND/SUBTRACT edit cleanup.policy, errors come per resource, validate_only changes nothing, and the
// configs survive a restart. KafkaJS's admin.alterConfigs (the legacy API) is used unchanged.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, TestClient } from './helpers/broker-client.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const E = P.ErrorCode;
const Source = { TOPIC: 1, DEFAULT: 5 };
const Op = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 };
const TOPIC = 2;
const BROKER = 4;
let broker: BrokerProcess;
let client: TestClient;

test.before(async () => {
  broker = await startBroker(['--retention-check-interval-ms', '100']);
  client = await TestClient.connect(broker.port);
});

test.after(async () => {
  client?.close();
  await broker?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR_AGO = () => Date.now() - 3_600_000;

async function createTopic(name: string, configs: Record<string, string> = {}) {
  const res = await client.request(
    P.CreateTopicsApi,
    7,
    createTopicRequest(name, { partitions: 2, configs }),
  );
  assert.is(res.topics[0]!.errorCode, E.NONE);
}

async function produce(topic: string, partition: number, valueBytes: number, timestamp = Date.now()) {
  const records = encodeRecordBatch([{ key: 'k', value: 'v'.repeat(valueBytes) }], { timestamp });
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

async function earliest(topic: string, partition = 0): Promise<number> {
  const res = await client.request(
    P.ListOffsetsApi,
    7,
    P.createListOffsetsRequest({
      replicaId: -1,
      topics: [
        P.createListOffsetsRequestListOffsetsTopic({
          name: topic,
          partitions: [
            P.createListOffsetsRequestListOffsetsPartition({ partitionIndex: partition, timestamp: -2 }),
          ],
        }),
      ],
    }),
  );
  return Number(res.topics[0]!.partitions[0]!.offset);
}

async function describe(topic: string) {
  const res = await client.request(P.DescribeConfigsApi, 4, {
    resources: [{ resourceType: TOPIC, resourceName: topic, configurationKeys: null }],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  assert.is(res.results[0]!.errorCode, E.NONE);
  return Object.fromEntries(res.results[0]!.configs.map((c) => [c.name, [c.value, c.configSource]]));
}

type Change = { name: string; op: number; value: string | null };

async function incremental(
  resources: { type?: number; name: string; changes: Change[] }[],
  validateOnly = false,
  version = 1,
) {
  const res = await client.request(P.IncrementalAlterConfigsApi, version, {
    resources: resources.map((r) => ({
      resourceType: r.type ?? TOPIC,
      resourceName: r.name,
      configs: r.changes.map((c) => ({ name: c.name, configOperation: c.op, value: c.value })),
    })),
    validateOnly,
  });
  return res.responses.map((r) => [r.resourceName, r.errorCode] as const);
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('IncrementalAlterConfigs SET retention.ms applies to the running log at once', async () => {
  await createTopic('live', { 'segment.bytes': '1024' });
  for (let i = 0; i < 20; i++) assert.is((await produce('live', 0, 200, HOUR_AGO())).errorCode, E.NONE);
  await sleep(400); // several retention rounds under the broker's 7 days: nothing goes
  assert.is(await earliest('live'), 0);
  assert.equal(
    await incremental([{ name: 'live', changes: [{ name: 'retention.ms', op: Op.SET, value: '1000' }] }]),
    [['live', E.NONE]],
  );
  await until('retention with the new retention.ms', async () => (await earliest('live')) > 0);
  const d = await describe('live');
  assert.equal(d['retention.ms'], ['1000', Source.TOPIC]);
  assert.equal(d['segment.bytes'], ['1024', Source.TOPIC], 'other configs kept');
});

test('max.message.bytes set, then DELETEd back to the broker default, bounds the very next batch', async () => {
  await createTopic('sized');
  assert.is((await produce('sized', 1, 1000)).errorCode, E.NONE);
  await incremental([{ name: 'sized', changes: [{ name: 'max.message.bytes', op: Op.SET, value: '300' }] }]);
  assert.is((await produce('sized', 1, 1000)).errorCode, E.MESSAGE_TOO_LARGE);
  assert.is((await produce('sized', 0, 1000)).errorCode, E.MESSAGE_TOO_LARGE, 'every partition');
  await incremental([
    { name: 'sized', changes: [{ name: 'max.message.bytes', op: Op.DELETE, value: null }] },
  ]);
  assert.is((await produce('sized', 1, 1000)).errorCode, E.NONE);
  assert.equal((await describe('sized'))['max.message.bytes'], ['1048588', Source.DEFAULT]);
});

test('APPEND and SUBTRACT edit cleanup.policy as a list, starting from the default', async () => {
  await createTopic('policy');
  await incremental([
    { name: 'policy', changes: [{ name: 'cleanup.policy', op: Op.APPEND, value: 'compact' }] },
  ]);
  assert.equal((await describe('policy'))['cleanup.policy'], ['delete,compact', Source.TOPIC]);
  await incremental([
    { name: 'policy', changes: [{ name: 'cleanup.policy', op: Op.APPEND, value: 'compact' }] },
  ]);
  assert.equal(
    (await describe('policy'))['cleanup.policy'],
    ['delete,compact', Source.TOPIC],
    'no duplicate',
  );
  await incremental([
    { name: 'policy', changes: [{ name: 'cleanup.policy', op: Op.SUBTRACT, value: 'delete' }] },
  ]);
  assert.equal((await describe('policy'))['cleanup.policy'], ['compact', Source.TOPIC]);
  // Compacted now: the log refuses records without a key.
  const records = encodeRecordBatch([{ key: null, value: 'no key' }]);
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 'policy', partitionData: [{ index: 0, records }] }],
  });
  assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, E.INVALID_RECORD);
  // Subtracting the last entry leaves an empty policy, which is refused.
  assert.equal(
    await incremental([
      { name: 'policy', changes: [{ name: 'cleanup.policy', op: Op.SUBTRACT, value: 'compact' }] },
    ]),
    [['policy', E.INVALID_CONFIG]],
  );
});

test('errors per resource; a failing resource changes nothing, the others apply', async () => {
  await createTopic('errs');
  const set = (name: string, value: string | null, op = Op.SET) => ({ name, op, value });
  const answers = await incremental([
    { name: 'no-such-topic', changes: [set('retention.ms', '1000')] },
    { name: 'errs', changes: [set('retention.ms', '5000'), set('segment.bytes', '20')] },
    { type: BROKER, name: '1', changes: [set('log.retention.ms', '1000'), set('broker.id', '2')] },
    { type: BROKER, name: '', changes: [set('no.such.broker.config', '1')] },
  ]);
  assert.equal(answers, [
    ['no-such-topic', E.UNKNOWN_TOPIC_OR_PARTITION],
    ['errs', E.INVALID_CONFIG],
    ['1', E.INVALID_REQUEST],
    ['', E.INVALID_CONFIG],
  ]);
  assert.equal((await describe('errs'))['retention.ms'], ['604800000', Source.DEFAULT], 'all or nothing');
  for (const [changes, code] of [
    [[set('no.such.config', '1')], E.INVALID_CONFIG],
    [[set('retention.ms', 'soon')], E.INVALID_CONFIG],
    [[set('retention.ms', null)], E.INVALID_REQUEST],
    [[set('retention.ms', '1'), set('retention.ms', '2')], E.INVALID_REQUEST],
    [[set('retention.ms', '1', Op.APPEND)], E.INVALID_CONFIG],
    [[set('retention.ms', '1', 9)], E.INVALID_REQUEST],
  ] as [Change[], number][]) {
    assert.equal(await incremental([{ name: 'errs', changes }]), [['errs', code]], JSON.stringify(changes));
  }
  assert.equal(
    await incremental([
      { name: 'errs', changes: [set('retention.ms', '1')] },
      { name: 'errs', changes: [set('retention.ms', '2')] },
    ]),
    [
      ['errs', E.INVALID_REQUEST],
      ['errs', E.INVALID_REQUEST],
    ],
  );
  const internal = await incremental([{ name: '__consumer_offsets', changes: [set('retention.ms', '1')] }]);
  assert.ok(
    internal[0]![1] === E.INVALID_REQUEST || internal[0]![1] === E.UNKNOWN_TOPIC_OR_PARTITION,
    `internal topic: ${internal[0]![1]}`,
  );
});

test('validate_only checks without changing; v0 requests are served too', async () => {
  await createTopic('dry');
  const change = [{ name: 'retention.ms', op: Op.SET, value: '1234' }];
  assert.equal(await incremental([{ name: 'dry', changes: change }], true), [['dry', E.NONE]]);
  assert.equal((await describe('dry'))['retention.ms']![1], Source.DEFAULT);
  assert.equal(
    await incremental([{ name: 'dry', changes: [{ name: 'segment.bytes', op: Op.SET, value: '1' }] }], true),
    [['dry', E.INVALID_CONFIG]],
  );
  assert.equal(await incremental([{ name: 'dry', changes: change }], false, 0), [['dry', E.NONE]]);
  assert.equal((await describe('dry'))['retention.ms'], ['1234', Source.TOPIC]);
});

test('AlterConfigs (KafkaJS admin.alterConfigs) replaces the whole set; v0 and v2 on the wire', async () => {
  await createTopic('legacy', { 'segment.bytes': '4096', 'retention.ms': '1000' });
  const kafka = new Kafka({ clientId: 'alter', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: 'legacy', configEntries: [{ name: 'retention.ms', value: '2000' }] }],
    });
    const d = await describe('legacy');
    assert.equal(d['retention.ms'], ['2000', Source.TOPIC]);
    assert.is(d['segment.bytes']![1], Source.DEFAULT, 'configs not listed go back to the default');
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: 'legacy', configNames: ['retention.ms'] }],
    });
    assert.is(described.resources[0].configEntries[0].configValue, '2000');
    let failed: { type?: string } | null = null;
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: 'legacy', configEntries: [{ name: 'retention.ms', value: 'x' }] }],
      });
    } catch (err) {
      failed = err as { type?: string };
    }
    assert.is(failed?.type, 'INVALID_CONFIG');
  } finally {
    await admin.disconnect();
  }
  for (const version of [0, 2]) {
    const res = await client.request(P.AlterConfigsApi, version, {
      resources: [
        {
          resourceType: TOPIC,
          resourceName: 'legacy',
          configs: [{ name: 'retention.ms', value: `${version}00` }],
        },
        { resourceType: BROKER, resourceName: '1', configs: [{ name: 'num.partitions', value: '3' }] },
      ],
      validateOnly: false,
    });
    assert.equal(
      res.responses.map((r) => [r.resourceName, r.errorCode]),
      [
        ['legacy', E.NONE],
        ['1', E.INVALID_REQUEST],
      ],
    );
  }
  assert.equal((await describe('legacy'))['retention.ms'], ['200', Source.TOPIC]);
});

test('altered configs survive a restart and keep applying', async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  broker = await broker.restart();
  client = await TestClient.connect(broker.port);
  assert.equal((await describe('live'))['retention.ms'], ['1000', Source.TOPIC]);
  assert.equal((await describe('policy'))['cleanup.policy'], ['compact', Source.TOPIC]);
  assert.equal((await describe('legacy'))['retention.ms'], ['200', Source.TOPIC]);
  assert.is((await produce('sized', 1, 1000)).errorCode, E.NONE);
  const start = await earliest('live');
  for (let i = 0; i < 12; i++) assert.is((await produce('live', 0, 200, HOUR_AGO())).errorCode, E.NONE);
  await until('retention after restart', async () => (await earliest('live')) > start);
});

test.run();
