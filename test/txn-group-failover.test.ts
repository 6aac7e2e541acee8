// Transactional offsets through a group coordinator failover, on three broker processes: the broker leading
// the group's __consumer_offsets partition is SIGKILLed between the TxnOffsetCommit (sendOffsets) and
// the end of the transaction (Runnel's transactional producer: KafkaJS does not retry a commit that meets the
// retriable errors of a failover). The new leader replays the partition (the transactional batch becomes pending
// again) and the coordinator's marker, routed to it, settles it: after a COMMIT the offset is the group's and
// OffsetFetch with require_stable answers it (no UNSTABLE_OFFSET_COMMIT left behind), the transaction's
// record is read once; after an ABORT the offset stays what it was and nothing is left pending either.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { FetchApi, FindCoordinatorApi, OffsetFetchApi } from '../dist/protocol/generated/api-keys.js';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { fetchRequest } from './helpers/broker-client.js';
import { eventually, requestTo, startCluster, type TestCluster } from './helpers/cluster-procs.js';

let cluster: TestCluster | null = null;

test.after.each(async () => {
  await cluster?.destroy();
  cluster = null;
});

/** The coordinator of a group (keyType 0) or transactional id (1), asked of one live broker; -1 when none. */
async function coordinatorOf(port: number, key: string, keyType: number): Promise<number> {
  const res = await requestTo({ port }, FindCoordinatorApi, { key: '', keyType, coordinatorKeys: [key] }, 4);
  const e = res.coordinators[0]!;
  return e.errorCode === ErrorCode.NONE ? e.nodeId : -1;
}

/** OffsetFetch v7 with require_stable from the group's coordinator: [error code, committed offset]. */
async function stableOffset(port: number, groupId: string, topic: string): Promise<[number, number]> {
  const res = await requestTo(
    { port },
    OffsetFetchApi,
    { groupId, topics: [{ name: topic, partitionIndexes: [0] }], groups: [], requireStable: true },
    7,
  );
  if (res.errorCode !== ErrorCode.NONE) return [res.errorCode, -1];
  const p = res.topics[0]!.partitions[0]!;
  return [p.errorCode, p.committedOffset];
}

/** Values a read_committed fetch of topic-0 returns from its leader (aborted transactions dropped). */
async function committedValues(port: number, topic: string): Promise<string[]> {
  const res = await requestTo({ port }, FetchApi, fetchRequest(topic, 0, 0, { isolationLevel: 1 }), 12);
  const p = res.responses[0]!.partitions[0]!;
  if (p.errorCode !== ErrorCode.NONE) throw new Error(`fetch error ${p.errorCode}`);
  // A producer's batches from an aborted transaction's first offset up to its next marker are dropped.
  const abortedFrom = new Map((p.abortedTransactions ?? []).map((a) => [a.producerId, a.firstOffset]));
  const values: string[] = [];
  for (const b of decodeRecordBatches(p.records as Buffer)) {
    const first = abortedFrom.get(b.producerId);
    const aborting = first !== undefined && b.baseOffset >= first;
    if (b.isControl) {
      if (aborting) abortedFrom.delete(b.producerId);
      continue;
    }
    if (b.isTransactional && aborting) continue;
    for (const r of b.records) values.push(String(r.value));
  }
  return values;
}

test('the group coordinator killed between TxnOffsetCommit and the end: COMMIT lands the offset once, ABORT leaves none pending', async () => {
  cluster = await startCluster(3, {
    args: [
      '--transaction-state-log-num-partitions',
      '2',
      '--offsets-topic-partitions',
      '4',
      '--transaction-state-log-replication-factor',
      '3',
      '--broker-session-timeout-ms',
      '3000',
      '--broker-heartbeat-interval-ms',
      '500',
    ],
  });
  const c = cluster;
  const client = new Client({
    brokers: c.nodes.map((n) => n.address),
    clientId: 'txn-group-failover',
    retryBackoffMs: 100,
  });
  const admin = client.admin();
  await admin.createTopics([
    { topic: 'gf-out', numPartitions: 1, replicationFactor: 3 },
    { topic: 'gf-src', numPartitions: 1, replicationFactor: 3 },
  ]);
  const producer = client.producer({ transactionalId: 'tx-group-failover', transactionTimeoutMs: 120_000 });
  await producer.initTransactions();
  const live = () => c.nodes.filter((n) => n.alive());
  const ask = async (key: string, keyType: number) => {
    for (const n of live()) {
      const id = await coordinatorOf(n.port, key, keyType).catch(() => -1);
      if (id > 0) return id;
    }
    return -1;
  };

  // A group whose coordinator is not the transaction coordinator: killing it leaves the transaction's
  // coordinator up, so only the group side fails over.
  const txnCoordinator = await eventually('a transaction coordinator', async () => {
    return (await ask('tx-group-failover', 1)) > 0;
  }).then(() => ask('tx-group-failover', 1));
  let groupId = '';
  let groupCoordinator = -1;
  for (let i = 0; i < 64 && groupId === ''; i++) {
    const id = await ask(`gf-group-${i}`, 0);
    if (id > 0 && id !== txnCoordinator) {
      groupId = `gf-group-${i}`;
      groupCoordinator = id;
    }
  }
  assert.ok(groupId !== '', 'a group coordinated by another broker');

  // Round 1: TxnOffsetCommit, kill the group coordinator, COMMIT.
  producer.beginTransaction();
  await producer.send('gf-out', { value: 'committed', partition: 0 });
  await producer.sendOffsets([{ topic: 'gf-src', partition: 0, offset: 42 }], groupId);
  const first = c.node(groupCoordinator);
  assert.equal(
    await stableOffset(first.port, groupId, 'gf-src'),
    [ErrorCode.UNSTABLE_OFFSET_COMMIT, -1],
    'pending before the kill',
  );
  await first.signal('SIGKILL');
  await producer.commitTransaction();
  const settled = async (want: number) => {
    const id = await ask(groupId, 0);
    if (id < 0 || id === groupCoordinator || !c.node(id).alive()) return false;
    const [code, offset] = await stableOffset(c.node(id).port, groupId, 'gf-src');
    return code === ErrorCode.NONE && offset === want;
  };
  await eventually('the committed offset on the new group coordinator, stable', () => settled(42), 60_000);
  const outLeader = async () => {
    for (const n of live()) {
      const v = await committedValues(n.port, 'gf-out').catch(() => null);
      if (v !== null) return v;
    }
    return null;
  };
  await eventually('the committed record readable', async () => (await outLeader())?.length === 1);
  assert.equal(await outLeader(), ['committed'], 'the transaction committed once');

  // The killed broker comes back (two live brokers are needed for min.insync.replicas).
  await first.restart();
  await eventually(
    'the restarted broker back in every ISR',
    async () => {
      const topics = await admin.describeTopics(['__consumer_offsets', 'gf-out']);
      return topics.every((t) => t.partitions.every((p) => p.isr.length === 3));
    },
    60_000,
  );

  // Round 2: TxnOffsetCommit, kill the group coordinator (now another broker), ABORT.
  groupCoordinator = await ask(groupId, 0);
  producer.beginTransaction();
  await producer.send('gf-out', { value: 'aborted', partition: 0 });
  await producer.sendOffsets([{ topic: 'gf-src', partition: 0, offset: 99 }], groupId);
  const second = c.node(groupCoordinator);
  assert.equal((await stableOffset(second.port, groupId, 'gf-src'))[0], ErrorCode.UNSTABLE_OFFSET_COMMIT);
  // Should the transaction coordinator have moved to that broker meanwhile, the producer's abort fails over
  // with it.
  await second.signal('SIGKILL');
  await producer.abortTransaction();
  await eventually('the offset unchanged and stable after the abort', () => settled(42), 60_000);
  // The new leader of gf-out may take a moment to serve; the aborted record must never show.
  let sawAborted = false;
  await eventually('the committed record readable after the abort', async () => {
    const v = await outLeader();
    if (v?.includes('aborted') === true) sawAborted = true;
    return v?.length === 1;
  });
  assert.not.ok(sawAborted, 'the aborted record is never readable');
  assert.equal(await outLeader(), ['committed']);
  await client.close();
});

test.run();
