// Definitive answers fail fast: a topic that Metadata says does not exist (auto-creation off) fails
// send() and admin.listOffsets within topicMetadataPropagationMaxMs, not after maxBlockMs or the request
// timeout; errors carry Kafka's error name in `type`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, KafkaError } from '../dist/client/index.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let client: Client;

test.before(async () => {
  broker = await startTestBroker(['--auto-create-topics', 'false']);
  client = new Client({ brokers: [broker.address], clientId: 'fail-fast' });
});

test.after(async () => {
  await client.close();
  await broker.destroy();
});

async function rejection(p: Promise<unknown>): Promise<KafkaError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, KafkaError);
    return err as KafkaError;
  }
  throw new Error('expected a rejection');
}

test('send() to a missing topic with auto-creation off fails within the propagation bound, not maxBlockMs', async () => {
  const producer = client.producer({ maxBlockMs: 60_000 });
  const started = Date.now();
  const err = await rejection(producer.send(uniqueTopic(), { value: 'x' }));
  const took = Date.now() - started;
  assert.is(err.type, 'UNKNOWN_TOPIC_OR_PARTITION');
  assert.is(err.code, 3);
  assert.is(err.retriable, false, 'the broker answered definitively');
  assert.match(err.message, /does not exist/);
  assert.ok(took >= 900 && took < 5000, `failed after ${took} ms (bound 1000 ms)`);
  await producer.close();
});

test('topicMetadataPropagationMaxMs is configurable; 0 fails on the first answer', async () => {
  const quick = new Client({ brokers: [broker.address], topicMetadataPropagationMaxMs: 0 });
  const producer = quick.producer();
  const started = Date.now();
  const err = await rejection(producer.send(uniqueTopic(), { value: 'x' }));
  assert.is(err.type, 'UNKNOWN_TOPIC_OR_PARTITION');
  assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
  await quick.close();
  assert.throws(() => new Client({ brokers: [broker.address], topicMetadataPropagationMaxMs: -1 }));
});

test('admin.listOffsets on a missing topic fails as fast as describeTopics', async () => {
  const admin = client.admin();
  const started = Date.now();
  const err = await rejection(admin.listOffsets(uniqueTopic()));
  const took = Date.now() - started;
  assert.is(err.type, 'UNKNOWN_TOPIC_OR_PARTITION');
  assert.ok(took < 5000, `took ${took} ms`);
  const described = await rejection(admin.describeTopics([uniqueTopic()]));
  assert.is(described.type, 'UNKNOWN_TOPIC_OR_PARTITION');
  await admin.close();
});

test('a topic created while send() waits is found (the propagation window is a real wait)', async () => {
  const topic = uniqueTopic();
  const slow = new Client({ brokers: [broker.address], topicMetadataPropagationMaxMs: 5000 });
  const producer = slow.producer();
  const sending = producer.send(topic, { value: 'late' });
  await new Promise((r) => setTimeout(r, 300));
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const [meta] = await sending;
  assert.is(meta!.offset, 0);
  await slow.close();
});

test('every KafkaError carries the Kafka error name as type', async () => {
  const admin = client.admin();
  const topic = uniqueTopic();
  await admin.createTopics([{ topic }]);
  const err = await rejection(admin.createTopics([{ topic }]));
  assert.is(err.type, 'TOPIC_ALREADY_EXISTS');
  assert.is(err.code, 36);
  assert.is(new KafkaError(87).type, 'INVALID_RECORD');
  assert.is(new KafkaError(9999).type, 'UNKNOWN_ERROR_CODE_9999');
  await admin.close();
});

test.run();
