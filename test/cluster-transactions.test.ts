// Transactions through a partition leader's death, on three broker processes: KafkaJS's transactional
// producer commits one transaction, aborts one and leaves one open; the followers built the same
// transaction state from the leader's batches, so once the leader is SIGKILLed the new leader answers
// read_committed fetches with the same last stable offset (held at the open transaction), the same aborted
// transactions and the same DescribeProducers view; the open transaction then commits through it, and kcat
// (librdkafka, isolation.level=read_committed) reads exactly the committed records.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { DescribeProducersApi, FetchApi, FindCoordinatorApi } from '../dist/protocol/generated/api-keys.js';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { fetchRequest } from './helpers/broker-client.js';
import { requestTo, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

let cluster: TestCluster;

/** Polls `fn` until it returns something other than false (errors count as false), for up to `ms`. */
async function eventually<T>(what: string, fn: () => Promise<T | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await fn();
      if (v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
test.after(async () => {
  await cluster?.destroy();
});

interface CommittedView {
  lastStableOffset: number;
  highWatermark: number;
  aborted: { producerId: number; firstOffset: number }[] | null;
  values: string[];
}

/** A read_committed fetch of topic-0 from offset 0 on one broker. */
async function readCommitted(port: number, topic: string): Promise<CommittedView> {
  const res = await requestTo({ port }, FetchApi, fetchRequest(topic, 0, 0, { isolationLevel: 1 }), 12);
  const p = res.responses[0]!.partitions[0]!;
  if (p.errorCode !== ErrorCode.NONE) throw new Error(`fetch error ${p.errorCode}`);
  const aborted = p.abortedTransactions;
  const abortedFrom = new Map((aborted ?? []).map((a) => [a.producerId, a.firstOffset]));
  const values: string[] = [];
  const aborting = new Set<number>();
  for (const b of decodeRecordBatches(p.records as Buffer)) {
    const first = abortedFrom.get(b.producerId);
    if (first !== undefined && b.baseOffset >= first) aborting.add(b.producerId);
    if (b.isControl) {
      // The marker ending the aborted transaction (not an earlier one of the same producer).
      if (first !== undefined && b.baseOffset >= first) {
        aborting.delete(b.producerId);
        abortedFrom.delete(b.producerId);
      }
      continue;
    }
    if (b.isTransactional && aborting.has(b.producerId)) continue;
    for (const r of b.records) values.push(String(r.value));
  }
  return { lastStableOffset: p.lastStableOffset, highWatermark: p.highWatermark, aborted, values };
}

async function openTxnStart(port: number, topic: string): Promise<number[]> {
  const res = await requestTo(
    { port },
    DescribeProducersApi,
    { topics: [{ name: topic, partitionIndexes: [0] }] },
    0,
  );
  const p = res.topics[0]!.partitions[0]!;
  if (p.errorCode !== ErrorCode.NONE) throw new Error(`describe producers error ${p.errorCode}`);
  return p.activeProducers.map((x) => x.currentTxnStartOffset);
}

function kcat(
  bootstrap: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', bootstrap, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('read_committed through a leader kill: the new leader has the same LSO, aborted transactions and open transaction', async () => {
  cluster = await startCluster(3, {
    args: [
      '--transaction-state-log-num-partitions',
      '2',
      '--offsets-topic-partitions',
      '2',
      '--transaction-state-log-replication-factor',
      '3',
    ],
  });
  const addresses = cluster.nodes.map((n) => n.address);
  const client = new Client({ brokers: addresses, clientId: 'txn-failover', retryBackoffMs: 100 });
  const k = new Kafka({
    brokers: addresses,
    clientId: 'txn-failover',
    logLevel: logLevel.NOTHING,
    retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const producer = k.producer({
    transactionalId: 'tx-failover',
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 120_000,
  });
  await producer.connect();
  // The partition leader is a broker other than the transaction coordinator, so killing it leaves the
  // open transaction open.
  const coordinator = await eventually('a transaction coordinator', async () => {
    const res = await requestTo(
      cluster.nodes[0]!,
      FindCoordinatorApi,
      { key: '', keyType: 1, coordinatorKeys: ['tx-failover'] },
      4,
    );
    const e = res.coordinators[0]!;
    return e.errorCode === ErrorCode.NONE ? e.nodeId : false;
  });
  const others = cluster.nodes.map((n) => n.nodeId).filter((id) => id !== coordinator);
  const leaderId = others[0]!;
  const topic = 'rc';
  await client.admin().createTopics([
    {
      topic,
      replicaAssignment: [{ partition: 0, replicas: [leaderId, others[1]!, coordinator] }],
      configs: { 'min.insync.replicas': '2' },
    },
  ]);
  const describe = async () => (await client.admin().describeTopics([topic]))[0]!.partitions[0]!;
  await eventually('leader and full ISR', async () => {
    const p = await describe();
    return p.leader === leaderId && p.isr.length === 3;
  });

  const t1 = await producer.transaction();
  await t1.send({
    topic,
    messages: [
      { value: 'c1', partition: 0 },
      { value: 'c2', partition: 0 },
    ],
  });
  await t1.commit();
  const t2 = await producer.transaction();
  await t2.send({ topic, messages: [{ value: 'aborted', partition: 0 }] });
  await t2.abort();
  const t3 = await producer.transaction();
  await t3.send({ topic, messages: [{ value: 'o1', partition: 0 }] });

  const leader = cluster.node(leaderId);
  const before = await eventually('the leader holds the LSO at the open transaction', async () => {
    const v = await readCommitted(leader.port, topic);
    return v.lastStableOffset < v.highWatermark ? v : false;
  });
  assert.equal(before.values, ['c1', 'c2']);
  assert.is(before.aborted?.length, 1);
  const openBefore = await openTxnStart(leader.port, topic);
  assert.ok(openBefore.includes(before.lastStableOffset), 'DescribeProducers names the open transaction');

  await leader.signal('SIGKILL');
  const newLeaderId = await eventually('a new leader', async () => {
    const p = await describe().catch(() => null);
    return p !== null && p.leader > 0 && p.leader !== leaderId ? p.leader : false;
  });
  const newLeader = cluster.node(newLeaderId);
  const after = await eventually('the new leader serves read_committed', async () => {
    const v = await readCommitted(newLeader.port, topic).catch(() => null);
    return v !== null && v.highWatermark === before.highWatermark ? v : false;
  });
  assert.is(after.lastStableOffset, before.lastStableOffset, 'the follower computed the same LSO');
  assert.equal(after.aborted, before.aborted, 'and the same aborted transactions');
  assert.equal(after.values, ['c1', 'c2']);
  assert.equal(await openTxnStart(newLeader.port, topic), openBefore);

  await t3.commit();
  const live = cluster.nodes.filter((n) => n.nodeId !== leaderId);
  const done = await eventually('the commit marker moves the LSO', async () => {
    const v = await readCommitted(newLeader.port, topic);
    return v.lastStableOffset === v.highWatermark && v.lastStableOffset > before.lastStableOffset ? v : false;
  });
  assert.equal(done.values, ['c1', 'c2', 'o1']);
  const kc = await kcat(live.map((n) => n.address).join(','), [
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q',
    '-X',
    'isolation.level=read_committed',
  ]);
  assert.is(kc.code, 0, kc.stderr);
  assert.equal(kc.stdout.trim().split('\n'), ['c1', 'c2', 'o1']);
  await producer.disconnect().catch(() => {});
  await client.close();
});

test.run();
