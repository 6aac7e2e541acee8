// A leader's AlterPartition calls as ClusterNode sends them: calls made together go in one request, grouped
// by topic; a partition asked twice keeps the latest ask; one request at a time; the limits answer at once;
// a whole-request error or a failed send reaches every caller. The send function stands in for the
// controller channel (tested on real sockets in cluster-controller-channel and cluster-replication-controller).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AlterPartitionClient } from '../dist/cluster/alter-partition-client.js';
import { KafkaError } from '../dist/protocol/errors.js';
import type {
  AlterPartitionRequest,
  AlterPartitionResponse,
} from '../dist/protocol/generated/alter-partition.js';

/** Answers every partition NONE with partition epoch + 1 and the ISR asked, after `release()`. */
function controller() {
  const sent: AlterPartitionRequest[] = [];
  const gates: (() => void)[] = [];
  const send = (req: AlterPartitionRequest): Promise<AlterPartitionResponse> => {
    sent.push(req);
    return new Promise((resolve) => {
      gates.push(() =>
        resolve({
          throttleTimeMs: 0,
          errorCode: 0,
          topics: req.topics.map((t) => ({
            topicName: '',
            topicId: t.topicId,
            partitions: t.partitions.map((p) => ({
              partitionIndex: p.partitionIndex,
              errorCode: 0,
              leaderId: req.brokerId,
              leaderEpoch: p.leaderEpoch,
              isr: p.newIsr,
              leaderRecoveryState: 0,
              partitionEpoch: p.partitionEpoch + 1,
            })),
          })),
        }),
      );
    });
  };
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { sent, send, release };
}

const ask = (topicId: string, partition: number, newIsr: number[], partitionEpoch = 0) => ({
  topicId,
  partition,
  leaderEpoch: 3,
  partitionEpoch,
  newIsr,
});

test('calls made together go in one request, by topic; later calls wait for the next one', async () => {
  const c = controller();
  const client = new AlterPartitionClient({
    brokerId: 7,
    brokerEpoch: () => 42,
    send: c.send,
    maxPartitionsPerRequest: 100,
    maxPending: 100,
  });
  const first = [
    client.alterPartition(ask('T1', 0, [7, 8])),
    client.alterPartition(ask('T2', 0, [7])),
    client.alterPartition(ask('T1', 1, [7, 9])),
  ];
  await new Promise((r) => setImmediate(r));
  assert.is(c.sent.length, 1);
  assert.equal([c.sent[0]!.brokerId, c.sent[0]!.brokerEpoch], [7, 42]);
  assert.equal(
    c.sent[0]!.topics.map((t) => [t.topicId, t.partitions.map((p) => p.partitionIndex)]),
    [
      ['T1', [0, 1]],
      ['T2', [0]],
    ],
  );
  // One in flight: this one waits, and a repeat of a partition keeps only the latest ask.
  const a = client.alterPartition(ask('T1', 0, [7], 1));
  const b = client.alterPartition(ask('T1', 0, [7, 8, 9], 1));
  await new Promise((r) => setImmediate(r));
  assert.is(c.sent.length, 1, 'one request at a time');
  await c.release();
  assert.equal(await Promise.all(first), [
    { errorCode: 0, leaderEpoch: 3, partitionEpoch: 1, isr: [7, 8] },
    { errorCode: 0, leaderEpoch: 3, partitionEpoch: 1, isr: [7] },
    { errorCode: 0, leaderEpoch: 3, partitionEpoch: 1, isr: [7, 9] },
  ]);
  assert.is(c.sent.length, 2);
  assert.equal(
    c.sent[1]!.topics[0]!.partitions.map((p) => p.newIsr),
    [[7, 8, 9]],
  );
  await c.release();
  const answers = await Promise.all([a, b]);
  assert.equal(answers[0], answers[1], 'both callers get the answer to the latest ask');
  assert.equal(answers[0]!.isr, [7, 8, 9]);
});

test('limits: partitions per request split the batch; past maxPending REQUEST_TIMED_OUT at once', async () => {
  const c = controller();
  const client = new AlterPartitionClient({
    brokerId: 1,
    brokerEpoch: () => 5,
    send: c.send,
    maxPartitionsPerRequest: 2,
    maxPending: 3,
  });
  const calls = [0, 1, 2].map((i) => client.alterPartition(ask('T', i, [1])));
  const over = await client.alterPartition(ask('T', 3, [1]));
  assert.is(over.errorCode, 7, 'REQUEST_TIMED_OUT');
  await new Promise((r) => setImmediate(r));
  assert.equal(c.sent[0]!.topics[0]!.partitions.length, 2, 'at the limit');
  await c.release();
  assert.equal(c.sent[1]!.topics[0]!.partitions.length, 1, 'the rest in the next');
  await c.release();
  assert.equal(
    (await Promise.all(calls)).map((r) => r.errorCode),
    [0, 0, 0],
  );
  assert.throws(
    () =>
      new AlterPartitionClient({
        brokerId: 1,
        brokerEpoch: () => 5,
        send: c.send,
        maxPartitionsPerRequest: 0,
        maxPending: 1,
      }),
    /maxPartitionsPerRequest/,
  );
});

test('errors: not registered, a whole-request error, a failed send, closing', async () => {
  let epoch = -1;
  let fail: Error | null = null;
  let top = 0;
  const client = new AlterPartitionClient({
    brokerId: 1,
    brokerEpoch: () => epoch,
    send: async (req) => {
      if (fail !== null) throw fail;
      return {
        throttleTimeMs: 0,
        errorCode: top,
        topics: top !== 0 ? [] : req.topics.map(() => ({ topicName: '', topicId: 'T', partitions: [] })),
      };
    },
    maxPartitionsPerRequest: 10,
    maxPending: 10,
  });
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, 41, 'no broker epoch yet');
  epoch = 3;
  top = 77;
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, 77, 'STALE_BROKER_EPOCH for all');
  top = 0;
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, -1, 'a partition left unanswered');
  fail = new KafkaError(7, 'no controller');
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, 7);
  fail = new Error('boom');
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, 13, 'NETWORK_EXCEPTION');
  client.close();
  assert.is((await client.alterPartition(ask('T', 0, [1]))).errorCode, 13);
});

test.run();
