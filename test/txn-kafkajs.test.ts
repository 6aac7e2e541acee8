// KafkaJS 2.2.4's transactional producer (transactionalId, idempotent, one request in flight) against real
// broker processes: begin/send/sendOffsets/commit and abort land COMMIT and ABORT markers in the partitions
// (read back raw, read_uncommitted) and the group's offset only on commit; a second producer with the same
// transactional id fences the first; a transaction past its timeout is aborted by the coordinator (epoch
// bumped); on three brokers, a coordinator SIGKILLed mid-transaction is replaced and the transaction ended.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONNECTION_DEFAULTS, Connection } from '../dist/client/connection.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import {
  DescribeTransactionsApi,
  FetchApi,
  FindCoordinatorApi,
} from '../dist/protocol/generated/api-keys.js';
import { type DecodedBatch, decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { fetchRequest } from './helpers/broker-client.js';
import { eventually, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const SMALL = ['--transaction-state-log-num-partitions', '4', '--offsets-topic-partitions', '4'];

function kafka(brokers: string[]) {
  return new Kafka({
    brokers,
    clientId: 'txn-e2e',
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}

async function withConnection<T>(address: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const [host, port] = address.split(':');
  const c = new Connection({ ...CONNECTION_DEFAULTS, host: host!, port: Number(port), clientId: 'txn-test' });
  try {
    return await fn(c);
  } finally {
    c.close();
  }
}

/** Every batch of the partition from offset 0 (read_uncommitted), control batches included. */
async function batches(address: string, topic: string, partition: number): Promise<DecodedBatch[]> {
  return withConnection(address, async (c) => {
    const res = await c.request(FetchApi, fetchRequest(topic, partition, 0, { isolationLevel: 0 }), {}, 11);
    const part = res.responses[0]!.partitions[0]!;
    assert.is(part.errorCode, ErrorCode.NONE, `fetch ${topic}-${partition}`);
    return decodeRecordBatches((part.records as Buffer | null) ?? Buffer.alloc(0));
  });
}

/** The control records of the partition: [producerId, 'COMMIT' | 'ABORT'] in log order. */
async function markers(address: string, topic: string, partition: number): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for (const b of await batches(address, topic, partition)) {
    if (!b.isControl) continue;
    const type = b.records[0]?.key?.readInt16BE(2);
    out.push([b.producerId, type === 1 ? 'COMMIT' : type === 0 ? 'ABORT' : `type ${type}`]);
  }
  return out;
}

/** markers() from whichever of the brokers leads the partition now. */
async function markersOnLeader(
  addresses: string[],
  topic: string,
  partition: number,
): Promise<[number, string][]> {
  for (const a of addresses) {
    try {
      return await markers(a, topic, partition);
    } catch {
      // Not the leader, or down: try the next.
    }
  }
  return [];
}

/** [last stable offset, high watermark] of the partition, from whichever broker leads it. */
async function stableOnLeader(
  addresses: string[],
  topic: string,
  partition: number,
): Promise<[number, number]> {
  for (const a of addresses) {
    try {
      return await withConnection(a, async (c) => {
        const res = await c.request(
          FetchApi,
          fetchRequest(topic, partition, 0, { isolationLevel: 1 }),
          {},
          11,
        );
        const part = res.responses[0]!.partitions[0]!;
        if (part.errorCode !== ErrorCode.NONE) throw new Error(`error ${part.errorCode}`);
        return [Number(part.lastStableOffset), Number(part.highWatermark)] as [number, number];
      });
    } catch {
      // Not the leader, or down: try the next.
    }
  }
  return [-1, -1];
}

async function coordinatorOf(address: string, transactionalId: string): Promise<number> {
  return withConnection(address, async (c) => {
    const res = await c.request(
      FindCoordinatorApi,
      { key: '', keyType: 1, coordinatorKeys: [transactionalId] },
      {},
      4,
    );
    const entry = res.coordinators[0]!;
    if (entry.errorCode !== ErrorCode.NONE) throw new Error(`FindCoordinator: error ${entry.errorCode}`);
    return entry.nodeId;
  });
}

async function describe(address: string, transactionalId: string) {
  return withConnection(address, async (c) => {
    const res = await c.request(DescribeTransactionsApi, { transactionalIds: [transactionalId] }, {}, 0);
    return res.transactionStates[0]!;
  });
}

let broker: BrokerProcess | null = null;
let cluster: TestCluster | null = null;

test.after.each(async () => {
  await broker?.dispose();
  broker = null;
  await cluster?.destroy();
  cluster = null;
});

test('one broker: commit and abort land their markers; sendOffsets counts only on commit', async () => {
  broker = await startBroker(SMALL);
  const k = kafka([broker.address]);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'txn-out', numPartitions: 2 },
      { topic: 'txn-src', numPartitions: 1 },
    ],
  });
  const producer = k.producer({ transactionalId: 'tx-one', idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  const t1 = await producer.transaction();
  await t1.send({
    topic: 'txn-out',
    messages: [
      { value: 'c1', partition: 0 },
      { value: 'c2', partition: 1 },
    ],
  });
  await t1.sendOffsets({
    consumerGroupId: 'txn-group',
    topics: [{ topic: 'txn-src', partitions: [{ partition: 0, offset: '5' }] }],
  });
  await t1.commit();

  const t2 = await producer.transaction();
  await t2.send({ topic: 'txn-out', messages: [{ value: 'a1', partition: 0 }] });
  await t2.sendOffsets({
    consumerGroupId: 'txn-group',
    topics: [{ topic: 'txn-src', partitions: [{ partition: 0, offset: '9' }] }],
  });
  await t2.abort();

  const address = broker.address;
  await eventually('markers on both partitions', async () => {
    const p0 = await markers(address, 'txn-out', 0);
    const p1 = await markers(address, 'txn-out', 1);
    return p0.length === 2 && p1.length === 1;
  });
  const p0 = await markers(address, 'txn-out', 0);
  assert.equal(
    p0.map((m) => m[1]),
    ['COMMIT', 'ABORT'],
  );
  assert.equal(
    (await markers(address, 'txn-out', 1)).map((m) => m[1]),
    ['COMMIT'],
  );
  // The data batches are the producer's, transactional, before their markers.
  const data = (await batches(address, 'txn-out', 0)).filter((b) => !b.isControl);
  assert.ok(data.every((b) => b.isTransactional && b.producerId === p0[0]![0]));

  const [offsets] = await admin.fetchOffsets({ groupId: 'txn-group', topics: ['txn-src'] });
  assert.is(offsets!.partitions[0]!.offset, '5', 'the aborted transaction offset (9) never counts');
  const d = await describe(address, 'tx-one');
  assert.is(d.errorCode, ErrorCode.NONE);
  assert.is(d.transactionState, 'CompleteAbort');
  assert.is(d.producerId, p0[0]![0]);
  await producer.disconnect();
  await admin.disconnect();

  // After a restart both coordinators replay their logs: the transaction's state from __transaction_state,
  // the group's offset from __consumer_offsets (its transactional batches settled by their markers).
  await broker.stop();
  broker = await broker.restart();
  const again = broker.address;
  await eventually(
    'the transaction coordinator has loaded',
    async () => (await describe(again, 'tx-one')).errorCode === ErrorCode.NONE,
  );
  const reloaded = await describe(again, 'tx-one');
  assert.equal(
    [reloaded.transactionState, reloaded.producerId, reloaded.producerEpoch],
    ['CompleteAbort', d.producerId, d.producerEpoch],
  );
  const admin2 = kafka([again]).admin();
  await admin2.connect();
  const [after] = await admin2.fetchOffsets({ groupId: 'txn-group', topics: ['txn-src'] });
  assert.is(after!.partitions[0]!.offset, '5');
  await admin2.disconnect();
});

test('one broker: a second producer with the same transactional id fences the first', async () => {
  broker = await startBroker(SMALL);
  const k = kafka([broker.address]);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'txn-fence', numPartitions: 1 }] });
  await admin.disconnect();
  const first = k.producer({ transactionalId: 'tx-fence', idempotent: true, maxInFlightRequests: 1 });
  await first.connect();
  const t1 = await first.transaction();
  await t1.send({ topic: 'txn-fence', messages: [{ value: 'zombie' }] });

  // The new producer's InitProducerId (KafkaJS sends it at its first transaction()) aborts the open
  // transaction and bumps the epoch.
  const second = k.producer({ transactionalId: 'tx-fence', idempotent: true, maxInFlightRequests: 1 });
  await second.connect();
  const t2 = await second.transaction();
  let fenced: Error | null = null;
  try {
    await t1.commit();
  } catch (err) {
    fenced = err as Error;
  }
  assert.ok(fenced !== null, 'the fenced producer must not commit');
  assert.match(fenced.message + String((fenced as { type?: string }).type), /epoch|fenced/i);

  await t2.send({ topic: 'txn-fence', messages: [{ value: 'live' }] });
  await t2.commit();
  const address = broker.address;
  await eventually(
    'abort then commit markers',
    async () => (await markers(address, 'txn-fence', 0)).length === 2,
  );
  assert.equal(
    (await markers(address, 'txn-fence', 0)).map((m) => m[1]),
    ['ABORT', 'COMMIT'],
  );
  await first.disconnect().catch(() => {});
  await second.disconnect();
});

test('one broker: a transaction open past its timeout is aborted and its producer fenced', async () => {
  broker = await startBroker([
    ...SMALL,
    '--transaction-abort-timed-out-transaction-cleanup-interval-ms',
    '100',
  ]);
  const k = kafka([broker.address]);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'txn-timeout', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = k.producer({
    transactionalId: 'tx-timeout',
    idempotent: true,
    maxInFlightRequests: 1,
    // Long enough for the Ongoing check below under load, short enough for the test.
    transactionTimeout: 3000,
  });
  await producer.connect();
  const t = await producer.transaction();
  await t.send({ topic: 'txn-timeout', messages: [{ value: 'late' }] });
  const before = await describe(broker.address, 'tx-timeout');
  assert.is(before.transactionState, 'Ongoing');
  const address = broker.address;
  await eventually(
    'the coordinator aborts it',
    async () => (await describe(address, 'tx-timeout')).transactionState === 'CompleteAbort',
  );
  const after = await describe(address, 'tx-timeout');
  assert.is(after.producerEpoch, before.producerEpoch + 1, 'the abort bumps the epoch');
  assert.equal(
    (await markers(address, 'txn-timeout', 0)).map((m) => m[1]),
    ['ABORT'],
  );
  let failed = false;
  await t.commit().catch(() => {
    failed = true;
  });
  assert.ok(failed, 'the timed-out producer cannot commit');
  await producer.disconnect().catch(() => {});
});

test('three brokers: commit and abort; a coordinator SIGKILLed mid-transaction is replaced and the transaction ends', async () => {
  cluster = await startCluster(3, {
    args: [
      ...SMALL,
      '--transaction-state-log-replication-factor',
      '3',
      '--transaction-abort-timed-out-transaction-cleanup-interval-ms',
      '500',
    ],
  });
  const k = kafka(cluster.nodes.map((n) => n.address));
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'txn-3', numPartitions: 3, replicationFactor: 3 }] });
  await admin.disconnect();
  // A short timeout: should the commit fail over too slowly for the client, the new coordinator aborts.
  const producer = k.producer({
    transactionalId: 'tx-three',
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 10_000,
  });
  await producer.connect();
  const t1 = await producer.transaction();
  await t1.send({ topic: 'txn-3', messages: [0, 1, 2].map((p) => ({ value: `c${p}`, partition: p })) });
  await t1.commit();
  const t2 = await producer.transaction();
  await t2.send({ topic: 'txn-3', messages: [{ value: 'a0', partition: 0 }] });
  await t2.abort();

  const live = cluster.nodes[0]!.address;
  const coordinatorId = await coordinatorOf(live, 'tx-three');
  // Open a transaction, then kill its coordinator before it ends.
  const t3 = await producer.transaction();
  await t3.send({ topic: 'txn-3', messages: [{ value: 'orphan', partition: 1 }] });
  await cluster.node(coordinatorId).signal('SIGKILL');
  const survivor = cluster.nodes.find((n) => n.nodeId !== coordinatorId)!.address;
  await eventually('a new coordinator', async () => {
    const id = await coordinatorOf(survivor, 'tx-three').catch(() => -1);
    return id > 0 && id !== coordinatorId;
  });
  // The producer fails over and commits (or, if its transaction was aborted meanwhile, is told so).
  let committed = true;
  await t3.commit().catch(() => {
    committed = false;
  });
  const expected = committed ? 'COMMIT' : 'ABORT';
  const alive = cluster.nodes.filter((n) => n.nodeId !== coordinatorId).map((n) => n.address);
  await eventually('the transaction ends on partition 1', async () => {
    const m = await markersOnLeader(alive, 'txn-3', 1);
    return m.length === 2 && m[1]![1] === expected;
  });
  assert.equal(
    (await markersOnLeader(alive, 'txn-3', 1)).map((x) => x[1]),
    ['COMMIT', expected],
  );
  // The transaction no longer holds the last stable offset back.
  await eventually('the last stable offset reaches the high watermark', async () => {
    const [lso, hw] = await stableOnLeader(alive, 'txn-3', 1);
    return hw > 0 && lso === hw;
  });
  assert.equal(
    (await markersOnLeader(alive, 'txn-3', 0)).map((x) => x[1]),
    ['COMMIT', 'ABORT'],
  );
  await producer.disconnect().catch(() => {});
});

test.run();
