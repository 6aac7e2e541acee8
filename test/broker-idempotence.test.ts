// Idempotent produce end to end: InitProducerId hands out ids that survive a restart, a retried batch is
// answered with its first offset and stored once, gaps get OUT_OF_ORDER_SEQUENCE_NUMBER, and KafkaJS's
// idempotent producer works unchanged.
import { Kafka, logLevel } from 'kafkajs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;

async function initProducerId(client: TestClient, version = 4, producerId = -1, producerEpoch = -1) {
  return client.request(
    P.InitProducerIdApi,
    version,
    P.createInitProducerIdRequest({
      transactionalId: null,
      transactionTimeoutMs: 60000,
      producerId,
      producerEpoch,
    }),
  );
}

function produce(client: TestClient, topic: string, records: Buffer) {
  return client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  });
}

function batch(producerId: number, epoch: number, seq: number, values: string[]): Buffer {
  return encodeRecordBatch(
    values.map((value) => ({ value })),
    { producerId, producerEpoch: epoch, baseSequence: seq },
  );
}

async function fetchValues(client: TestClient, topic: string): Promise<string[]> {
  const res = await client.request(P.FetchApi, 12, fetchRequest(topic, 0, 0));
  const records = res.responses[0]!.partitions[0]!.records as Buffer;
  return decodeRecordBatches(records).flatMap((b) => b.records.map((r) => `${r.offset}:${r.value}`));
}

const started: BrokerProcess[] = [];
test.after(async () => {
  for (const b of started) await b.dispose();
});

test('retries are stored once, gaps are refused, ids are never reused across a restart', async () => {
  let broker: BrokerProcess = await startBroker();
  started.push(broker);
  let client = await TestClient.connect(broker.port);
  assert.is(
    (await client.request(P.CreateTopicsApi, 7, createTopicRequest('idem'))).topics[0]!.errorCode,
    E.NONE,
  );
  const a = await initProducerId(client);
  const b = await initProducerId(client, 1);
  assert.is(a.errorCode, E.NONE);
  assert.is(a.producerEpoch, 0);
  assert.ok(b.producerId > a.producerId);
  const pid = a.producerId;

  const first = await produce(client, 'idem', batch(pid, 0, 0, ['a', 'b']));
  assert.is(first.responses[0]!.partitionResponses[0]!.errorCode, E.NONE);
  const again = await produce(client, 'idem', batch(pid, 0, 0, ['a', 'b']));
  assert.is(again.responses[0]!.partitionResponses[0]!.errorCode, E.NONE);
  assert.is(again.responses[0]!.partitionResponses[0]!.baseOffset, 0);
  const gap = await produce(client, 'idem', batch(pid, 0, 5, ['x']));
  assert.is(gap.responses[0]!.partitionResponses[0]!.errorCode, E.OUT_OF_ORDER_SEQUENCE_NUMBER);
  await produce(client, 'idem', batch(pid, 0, 2, ['c']));
  assert.equal(await fetchValues(client, 'idem'), ['0:a', '1:b', '2:c']);

  // Epoch bump (KIP-360) keeps the id.
  const bumped = await initProducerId(client, 4, pid, 0);
  assert.equal([bumped.errorCode, bumped.producerId, bumped.producerEpoch], [E.NONE, pid, 1]);
  const tx = await client.request(
    P.InitProducerIdApi,
    4,
    P.createInitProducerIdRequest({ transactionalId: 'tx-1', transactionTimeoutMs: 60000 }),
  );
  // A transactional id goes to its coordinator: not this broker until it leads the id's __transaction_state
  // partition (the client looks the coordinator up with FindCoordinator).
  assert.is(tx.errorCode, E.NOT_COORDINATOR);

  client.close();
  await broker.stop('SIGKILL');
  broker = await broker.restart();
  started.push(broker);
  client = await TestClient.connect(broker.port);
  // The retry after an unclean restart is still recognised, and new ids are beyond every id given out.
  const retry = await produce(client, 'idem', batch(pid, 0, 2, ['c']));
  assert.is(retry.responses[0]!.partitionResponses[0]!.baseOffset, 2);
  assert.equal(await fetchValues(client, 'idem'), ['0:a', '1:b', '2:c']);
  const c = await initProducerId(client);
  assert.ok(c.producerId > b.producerId);
  client.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

test("KafkaJS's idempotent producer writes every record once, in order", async () => {
  const broker = await startBroker();
  started.push(broker);
  const kafka = new Kafka({
    brokers: [`127.0.0.1:${broker.port}`],
    clientId: 'idem-test',
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let i = 0; i < 20; i++) {
    await producer.send({ topic: 'kjs-idem', acks: -1, messages: [{ value: `m${i}` }, { value: `n${i}` }] });
  }
  await producer.disconnect();
  const client = await TestClient.connect(broker.port);
  const values = await fetchValues(client, 'kjs-idem');
  assert.is(values.length, 40);
  assert.equal(values.slice(0, 4), ['0:m0', '1:n0', '2:m1', '3:n1']);
  client.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

test.run();
