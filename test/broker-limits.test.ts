// Broker limits and bad input against a real broker process: socket.request.max.bytes, malformed bodies,
// unknown api keys and versions, message.max.bytes, max.connections, auto-create disabled. Each bad client
// loses its own connection only; the broker keeps serving the others and stores nothing.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { rawRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
let broker: BrokerProcess;
let good: TestClient;

test.before(async () => {
  broker = await startBroker([
    '--socket-request-max-bytes',
    '4096',
    '--message-max-bytes',
    '1024',
    '--max-connections',
    '4',
    '--auto-create-topics',
    'false',
    '--threads',
    '1',
  ]);
  good = await TestClient.connect(broker.port);
  const res = await good.request(P.CreateTopicsApi, 4, {
    topics: [
      P.createCreateTopicsRequestCreatableTopic({ name: 'limits', numPartitions: 1, replicationFactor: 1 }),
    ],
    timeoutMs: 1000,
    validateOnly: false,
  });
  assert.is(res.topics[0]!.errorCode, E.NONE);
});

test.after(async () => {
  good.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

async function stillServing(): Promise<void> {
  const res = await good.request(P.ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
  assert.is(res.errorCode, E.NONE);
}

async function latestOffset(): Promise<number> {
  const res = await good.request(P.ListOffsetsApi, 1, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: 'limits',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  return res.topics[0]!.partitions[0]!.offset;
}

/** The broker's stderr arrives asynchronously: wait a little for a line. */
async function logged(re: RegExp): Promise<void> {
  for (let i = 0; i < 40 && !re.test(broker.stderr()); i++) await new Promise((r) => setTimeout(r, 25));
  assert.match(broker.stderr(), re);
}

async function expectClosed(bytes: Buffer): Promise<void> {
  const c = await TestClient.connect(broker.port);
  await c.send(bytes);
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('not closed')), 3000));
  await Promise.race([c.closedPromise, timeout]);
  assert.ok(c.closed);
}

test('a frame over socket.request.max.bytes closes that connection only', async () => {
  const header = Buffer.alloc(4);
  header.writeInt32BE(5000, 0);
  await expectClosed(Buffer.concat([header, Buffer.alloc(100)]));
  await expectClosed(Buffer.from([0xff, 0xff, 0xff, 0xfe])); // negative size
  await stillServing();
  await logged(/exceeds socket.request.max.bytes/);
});

test('malformed bodies, unknown api keys and unserved versions close the connection', async () => {
  await expectClosed(rawRequest(3, 4, 1, Buffer.from([0x00, 0x00, 0x00, 0x05, 0x00]))); // Metadata v4 cut short
  await expectClosed(rawRequest(3, 12, 1, Buffer.from([0x05, 0x01]))); // v12 wants a flexible header
  await expectClosed(rawRequest(0, 7, 2, Buffer.from([0xff, 0xff, 0x00, 0x01]))); // Produce v7 cut short
  await expectClosed(rawRequest(999, 0, 3, Buffer.alloc(8)));
  await expectClosed(rawRequest(-5, 0, 3, Buffer.alloc(8)));
  await expectClosed(rawRequest(0, 1, 4, Buffer.alloc(8))); // Produce v1: old message sets, not served
  await expectClosed(Buffer.from([0, 0, 0, 2, 0, 3])); // a frame too short for a header
  await stillServing();
  await logged(/malformed Metadata v4/);
  await logged(/unreadable request header/);
  await logged(/unsupported api key 999/);
  assert.is(await latestOffset(), 0);
});

test('message.max.bytes: a larger batch gets MESSAGE_TOO_LARGE and nothing is stored', async () => {
  const big = encodeRecordBatch([{ key: 'k', value: Buffer.alloc(2000, 7) }]);
  const small = encodeRecordBatch([{ key: 'k', value: 'fits' }]);
  const res = await good.request(P.ProduceApi, 8, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 'limits', partitionData: [{ index: 0, records: big }] }],
  });
  assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, E.MESSAGE_TOO_LARGE);
  assert.is(await latestOffset(), 0);
  const ok = await good.request(P.ProduceApi, 8, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 'limits', partitionData: [{ index: 0, records: small }] }],
  });
  assert.is(ok.responses[0]!.partitionResponses[0]!.errorCode, E.NONE);
  assert.is(await latestOffset(), 1);
});

test('auto-create disabled: Produce to an unknown topic gets UNKNOWN_TOPIC_OR_PARTITION', async () => {
  const res = await good.request(P.ProduceApi, 8, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [
      { name: 'never-made', partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'x' }]) }] },
    ],
  });
  assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);
});

test('max.connections: connections past the limit are closed on accept; a freed slot is reusable', async () => {
  const extra: TestClient[] = [];
  for (let i = 0; i < 3; i++) extra.push(await TestClient.connect(broker.port)); // with `good`: 4 = the limit
  for (const c of extra)
    await c.request(P.ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
  const over = await TestClient.connect(broker.port);
  await Promise.race([over.closedPromise, new Promise((r) => setTimeout(r, 3000))]);
  assert.ok(over.closed, 'the fifth connection is closed');
  await logged(/max.connections 4 reached/);
  extra.pop()!.close();
  // The broker sees the close a moment later.
  let served = false;
  for (let i = 0; i < 50 && !served; i++) {
    const c = await TestClient.connect(broker.port);
    try {
      await c.request(P.ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
      served = true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
    c.close();
  }
  assert.ok(served);
  for (const c of extra) c.close();
});

test.run();
