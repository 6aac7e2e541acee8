// Transactions on the partition leader, end to end on a broker listening on loopback: transactional batches
// are verified with the transaction coordinator (a test verifier standing in for it: it answers as a
// coordinator whose transactions hold the partitions the test added), then COMMIT/ABORT markers are
// written with WriteTxnMarkers as a coordinator would. read_committed fetches stop at the last stable
// offset and list aborted transactions; ListOffsets honours isolation; kcat (librdkafka) with
// isolation.level=read_committed shows committed records only; the state survives a restart and a deleted
// .txnindex; markers with an old producer or coordinator epoch and control batches from producers are refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MARKER_REPLICATION_TIMEOUT_MS, writeTxnMarker } from '../dist/broker/transactions/markers.js';
import { MAX_VERIFY_ATTEMPTS } from '../dist/broker/transactions/produce.js';
import { FollowerProgress } from '../dist/cluster/partition-state.js';
import { Broker } from '../dist/index.js';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { tempDataDir } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;

/** Stands in for the transaction coordinator: (producerId, epoch) -> partitions in its ongoing transaction. */
class TestCoordinator {
  readonly txns = new Map<string, Set<string>>();
  calls = 0;
  answer: number | null = null;
  add(producerId: number, epoch: number, topic: string, partition: number): void {
    const k = `${producerId}/${epoch}`;
    let s = this.txns.get(k);
    if (s === undefined) this.txns.set(k, (s = new Set()));
    s.add(`${topic}-${partition}`);
  }
  end(producerId: number, epoch: number): void {
    this.txns.delete(`${producerId}/${epoch}`);
  }
  verify = async (_id: string, producerId: number, epoch: number, topic: string, partition: number) => {
    this.calls++;
    if (this.answer !== null) return this.answer;
    return this.txns.get(`${producerId}/${epoch}`)?.has(`${topic}-${partition}`)
      ? E.NONE
      : E.INVALID_TXN_STATE;
  };
}

let broker: Broker;
let client: TestClient;
let dataDir: string;
const coordinator = new TestCoordinator();

async function startBroker(): Promise<void> {
  broker = await Broker.start({ dataDir, keepDataDir: true, config: { threads: 1 } });
  broker.transactions.verifier = { verify: coordinator.verify };
  client = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
}

test.before(async () => {
  dataDir = tempDataDir();
  await startBroker();
  for (const name of [
    'commit',
    'abort',
    'open',
    'fence',
    'kcat',
    'verify',
    'minbytes',
    'overtaken',
    'slow',
    'capped',
  ]) {
    const r = await client.request(P.CreateTopicsApi, 7, createTopicRequest(name));
    assert.is(r.topics[0]!.errorCode, E.NONE);
  }
});

test.after(async () => {
  client.close();
  await broker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newProducerId(): Promise<number> {
  const r = await client.request(
    P.InitProducerIdApi,
    4,
    P.createInitProducerIdRequest({
      transactionalId: null,
      transactionTimeoutMs: 60000,
      producerId: -1,
      producerEpoch: -1,
    }),
  );
  assert.is(r.errorCode, E.NONE);
  return r.producerId;
}

function txnBatch(producerId: number, epoch: number, seq: number, values: string[]): Buffer {
  return encodeRecordBatch(
    values.map((value) => ({ value })),
    { producerId, producerEpoch: epoch, baseSequence: seq, transactional: true },
  );
}

async function produce(topic: string, records: Buffer, transactionalId: string | null = 'tx') {
  const r = await client.request(P.ProduceApi, 9, {
    transactionalId,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  });
  return r.responses[0]!.partitionResponses[0]!;
}

async function marker(
  topic: string,
  producerId: number,
  epoch: number,
  commit: boolean,
  coordinatorEpoch = 0,
  partition = 0,
) {
  const r = await client.request(P.WriteTxnMarkersApi, 1, {
    markers: [
      {
        producerId,
        producerEpoch: epoch,
        transactionResult: commit,
        coordinatorEpoch,
        topics: [{ name: topic, partitionIndexes: [partition] }],
      },
    ],
  });
  return r.markers[0]!.topics[0]!.partitions[0]!.errorCode;
}

async function fetch(topic: string, isolationLevel: number, opts: Partial<P.FetchRequest> = {}) {
  const r = await client.request(P.FetchApi, 12, fetchRequest(topic, 0, 0, { isolationLevel, ...opts }));
  const p = r.responses[0]!.partitions[0]!;
  const batches = decodeRecordBatches(p.records as Buffer);
  const values = batches.filter((b) => !b.isControl).flatMap((b) => b.records.map((x) => String(x.value)));
  return { p, batches, values };
}

async function latest(topic: string, isolationLevel: number): Promise<number> {
  // OFFSET_NOT_AVAILABLE is retriable: right after a restart the leader's high watermark may still be
  // catching up with its log end (replication advances it just after the leadership is applied).
  for (let attempt = 0; ; attempt++) {
    const r = await client.request(P.ListOffsetsApi, 7, {
      replicaId: -1,
      isolationLevel,
      timeoutMs: 0,
      topics: [
        {
          name: topic,
          partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
        },
      ],
    });
    const p = r.topics[0]!.partitions[0]!;
    if (p.errorCode === E.OFFSET_NOT_AVAILABLE && attempt < 50) {
      await new Promise((res) => setTimeout(res, 100));
      continue;
    }
    assert.is(p.errorCode, E.NONE);
    return p.offset;
  }
}

function kcat(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', broker.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(input ?? '');
  });
}

test('COMMIT: read_committed sees the transaction only after its marker; read_uncommitted at once', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'commit', 0);
  assert.is((await produce('commit', txnBatch(pid, 0, 0, ['a', 'b']))).errorCode, E.NONE);
  assert.is((await produce('commit', txnBatch(pid, 0, 2, ['c']))).errorCode, E.NONE);
  const before = await fetch('commit', 1);
  assert.equal(before.values, []);
  assert.is(before.p.lastStableOffset, 0);
  assert.is(before.p.highWatermark, 3);
  assert.equal((await fetch('commit', 0)).values, ['a', 'b', 'c']);
  assert.is((await fetch('commit', 0)).p.lastStableOffset, 0, 'read_uncommitted reports the real LSO too');
  assert.is(await marker('commit', pid, 0, true), E.NONE);
  coordinator.end(pid, 0);
  const after = await fetch('commit', 1);
  assert.equal(after.values, ['a', 'b', 'c']);
  assert.equal(after.p.abortedTransactions, []);
  assert.is(after.p.lastStableOffset, 4);
  assert.ok(after.batches[after.batches.length - 1]!.isControl, 'the marker is served as a control batch');
});

test('ABORT: reported in aborted_transactions for read_committed; read_uncommitted sees the records', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'abort', 0);
  assert.is((await produce('abort', txnBatch(pid, 0, 0, ['x', 'y']))).errorCode, E.NONE);
  assert.is(await marker('abort', pid, 0, false), E.NONE);
  coordinator.end(pid, 0);
  const committed = await fetch('abort', 1);
  assert.equal(committed.p.abortedTransactions, [{ producerId: pid, firstOffset: 0 }]);
  assert.equal((await fetch('abort', 0)).p.abortedTransactions, null);
  assert.equal((await fetch('abort', 0)).values, ['x', 'y']);
  const dir = path.join(dataDir, 'abort-0');
  assert.is(fs.statSync(path.join(dir, '00000000000000000000.txnindex')).size, 34);
});

test('an open transaction holds the LSO (fetch and ListOffsets); DescribeProducers shows where it starts', async () => {
  const plain = encodeRecordBatch([{ value: 'p0' }]);
  assert.is((await produce('open', plain, null)).errorCode, E.NONE); // 0
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'open', 0);
  const txnTime = Date.now() + 60_000; // later than the record before it, so a lookup by time finds offset 1
  const t1 = encodeRecordBatch([{ value: 't1', timestamp: txnTime }], {
    producerId: pid,
    producerEpoch: 0,
    baseSequence: 0,
    transactional: true,
  });
  assert.is((await produce('open', t1)).errorCode, E.NONE); // 1
  assert.is((await produce('open', encodeRecordBatch([{ value: 'p2' }]), null)).errorCode, E.NONE); // 2
  assert.equal((await fetch('open', 1)).values, ['p0']);
  assert.is(await latest('open', 1), 1);
  assert.is(await latest('open', 0), 3);
  const bad = await client.request(P.ListOffsetsApi, 7, {
    replicaId: -1,
    isolationLevel: 2,
    timeoutMs: 0,
    topics: [
      {
        name: 'open',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  assert.is(bad.topics[0]!.partitions[0]!.errorCode, E.INVALID_REQUEST);
  // By timestamp: the open transaction's record (offset 1) is past what read_committed may read.
  const byTime = async (isolationLevel: number) => {
    const r = await client.request(P.ListOffsetsApi, 7, {
      replicaId: -1,
      isolationLevel,
      timeoutMs: 0,
      topics: [
        {
          name: 'open',
          partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: txnTime, maxNumOffsets: 1 }],
        },
      ],
    });
    return r.topics[0]!.partitions[0]!.offset;
  };
  assert.is(await byTime(0), 1);
  assert.is(await byTime(1), -1);
  const badFetch = await client.request(P.FetchApi, 12, fetchRequest('open', 0, 0, { isolationLevel: 2 }));
  assert.is(badFetch.errorCode, E.INVALID_REQUEST);
  const d = await client.request(P.DescribeProducersApi, 0, {
    topics: [{ name: 'open', partitionIndexes: [0] }],
  });
  const producers = d.topics[0]!.partitions[0]!.activeProducers;
  assert.equal(
    producers.map((x) => [x.producerId, x.currentTxnStartOffset]),
    [[pid, 1]],
  );
});

test('a read_committed long poll wakes when the marker moves the LSO', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'commit', 0);
  const start = await latest('commit', 1);
  assert.is((await produce('commit', txnBatch(pid, 0, 0, ['late']))).errorCode, E.NONE);
  const began = Date.now();
  const parked = client.request(
    P.FetchApi,
    12,
    fetchRequest('commit', 0, start, { isolationLevel: 1, minBytes: 1, maxWaitMs: 20_000 }),
  );
  await new Promise((r) => setTimeout(r, 300));
  assert.is(await marker('commit', pid, 0, true), E.NONE);
  const r = await parked;
  const values = decodeRecordBatches(r.responses[0]!.partitions[0]!.records as Buffer)
    .filter((b) => !b.isControl)
    .flatMap((b) => b.records.map((x) => String(x.value)));
  assert.equal(values, ['late']);
  assert.ok(Date.now() - began < 10_000, 'answered when the marker landed, not at max_wait_ms');
});

test('a read_committed long poll waits until min_bytes are below the LSO, not just for the LSO to move', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'minbytes', 0);
  assert.is((await produce('minbytes', txnBatch(pid, 0, 0, ['small']))).errorCode, E.NONE);
  // Its own connection: a connection answers in request order, so the markers below would queue behind it.
  const consumer = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  const began = Date.now();
  let answeredAt = 0;
  const parked = consumer
    .request(
      P.FetchApi,
      12,
      fetchRequest('minbytes', 0, 0, { isolationLevel: 1, minBytes: 2000, maxWaitMs: 20_000 }),
    )
    .then((r) => {
      answeredAt = Date.now();
      return r;
    });
  await new Promise((r) => setTimeout(r, 200));
  // The commit makes about 150 bytes stable: short of min_bytes, the fetch keeps waiting.
  assert.is(await marker('minbytes', pid, 0, true), E.NONE);
  await new Promise((r) => setTimeout(r, 600));
  assert.is(answeredAt, 0, 'still parked after the LSO moved by less than min_bytes');
  // A transaction's data is not stable until its marker: it does not count either.
  const pid2 = await newProducerId();
  coordinator.add(pid2, 0, 'minbytes', 0);
  assert.is((await produce('minbytes', txnBatch(pid2, 0, 0, ['x'.repeat(3000)]))).errorCode, E.NONE);
  await new Promise((r) => setTimeout(r, 600));
  assert.is(answeredAt, 0, 'bytes above the LSO do not count');
  assert.is(await marker('minbytes', pid2, 0, false), E.NONE);
  const r = await parked;
  consumer.close();
  assert.ok(answeredAt - began < 10_000, 'answered once enough was stable, not at max_wait_ms');
  const p = r.responses[0]!.partitions[0]!;
  const values = decodeRecordBatches(p.records as Buffer)
    .filter((b) => !b.isControl)
    .flatMap((b) => b.records.map((x) => String(x.value).slice(0, 5)));
  assert.equal(values, ['small', 'xxxxx']);
  assert.equal(
    p.abortedTransactions?.map((a) => a.producerId),
    [pid2],
  );
});

test('a long poll asking for more min_bytes than its max bytes allow answers once those are there', async () => {
  const consumer = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  const began = Date.now();
  const parked = consumer.request(
    P.FetchApi,
    12,
    fetchRequest('capped', 0, 0, { minBytes: 1_000_000, maxWaitMs: 20_000, partitionMaxBytes: 200 }),
  );
  await new Promise((r) => setTimeout(r, 200));
  assert.is((await produce('capped', encodeRecordBatch([{ value: 'z'.repeat(300) }]))).errorCode, E.NONE);
  const r = await parked;
  consumer.close();
  assert.ok(Date.now() - began < 10_000, 'not held to max_wait_ms for bytes it could never return');
  assert.ok((r.responses[0]!.partitions[0]!.records as Buffer).length > 300);
});

test('MAX_VERIFY_ATTEMPTS: a verification overtaken by a marker each time gives up (CONCURRENT_TRANSACTIONS, retriable)', async () => {
  const other = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  const bystander = await newProducerId();
  let overtakes = 0;
  let calls = 0;
  // The coordinator vouches for the transaction, but a marker (of another producer) lands on the
  // partition while it answers, so the answer may be stale and the leader asks again.
  broker.transactions.verifier = {
    verify: async () => {
      calls++;
      if (overtakes > 0) {
        overtakes--;
        const r = await other.request(P.WriteTxnMarkersApi, 1, {
          markers: [
            {
              producerId: bystander,
              producerEpoch: 0,
              transactionResult: false,
              coordinatorEpoch: 0,
              topics: [{ name: 'overtaken', partitionIndexes: [0] }],
            },
          ],
        });
        assert.is(r.markers[0]!.topics[0]!.partitions[0]!.errorCode, E.NONE);
      }
      return E.NONE;
    },
  };
  try {
    const pid = await newProducerId();
    overtakes = MAX_VERIFY_ATTEMPTS;
    // Produce v3-11 clients expect NOT_ENOUGH_REPLICAS for CONCURRENT_TRANSACTIONS (as Kafka answers).
    assert.is((await produce('overtaken', txnBatch(pid, 0, 0, ['no']))).errorCode, E.NOT_ENOUGH_REPLICAS);
    assert.is(calls, MAX_VERIFY_ATTEMPTS);
    calls = 0;
    overtakes = MAX_VERIFY_ATTEMPTS - 1;
    assert.is((await produce('overtaken', txnBatch(pid, 0, 0, ['yes']))).errorCode, E.NONE);
    assert.is(calls, MAX_VERIFY_ATTEMPTS, 'the last attempt was not overtaken');
  } finally {
    broker.transactions.verifier = { verify: coordinator.verify };
    other.close();
  }
});

test('a marker its followers do not copy within the replication timeout gets REQUEST_TIMED_OUT', async () => {
  const state = broker.replicas.leaderFor('slow', 0, -1);
  if (typeof state === 'number') throw new Error(`slow-0: ${state}`);
  const alone = [broker.nodeId];
  const withFollower = [broker.nodeId, 99];
  // A follower in the ISR that never fetches: the high watermark cannot pass the marker.
  state.replicas = withFollower;
  state.isr = withFollower;
  state.followers.set(99, new FollowerProgress(Date.now()));
  const pid = await newProducerId();
  const spec = { producerId: pid, producerEpoch: 0, coordinatorEpoch: 0, commit: true };
  try {
    assert.is(MARKER_REPLICATION_TIMEOUT_MS, 30_000, "Kafka's request.timeout.ms");
    const began = Date.now();
    assert.is(await writeTxnMarker(broker, 'slow', 0, spec, 300), E.REQUEST_TIMED_OUT);
    assert.ok(Date.now() - began >= 290, 'not before the timeout');
    // The same with the follower catching up within it.
    const second = writeTxnMarker(broker, 'slow', 0, spec, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    broker.replicas.replication!.onFollowerFetch(state, 99, state.logEndOffset, state.logEndOffset);
    assert.is(await second, E.NONE);
  } finally {
    state.replicas = alone;
    state.isr = alone;
    state.followers.clear();
  }
});

test('TxnOffsetCommit is verified: a group whose offsets partition is not in the transaction is refused', async () => {
  const offsetsPartition = broker.groups.partitionFor('txn-group');
  const commit = async (producerId: number, producerEpoch: number, offset: number) => {
    const r = await client.request(P.TxnOffsetCommitApi, 3, {
      transactionalId: 'tx',
      groupId: 'txn-group',
      producerId,
      producerEpoch,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: 'commit',
          partitions: [
            { partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' },
          ],
        },
      ],
    });
    return r.topics[0]!.partitions[0]!.errorCode;
  };
  const pid = await newProducerId();
  // No AddOffsetsToTxn: nothing may be written, so nothing can stay pending.
  assert.is(await commit(pid, 0, 5), E.INVALID_TXN_STATE);
  const pending = () =>
    broker.groups.fetchOffsets('txn-group', [{ name: 'commit', partitionIndexes: [0] }], true);
  assert.is(pending().topics[0]!.partitions[0]!.errorCode, E.NONE, 'no offset pending');
  coordinator.add(pid, 0, '__consumer_offsets', offsetsPartition);
  assert.is(await commit(pid, 0, 6), E.NONE);
  assert.is(pending().topics[0]!.partitions[0]!.errorCode, E.UNSTABLE_OFFSET_COMMIT);
  // Another epoch of the producer is not the transaction the coordinator holds.
  assert.is(await commit(pid, 1, 7), E.INVALID_TXN_STATE);
  assert.is(await marker('__consumer_offsets', pid, 0, true, 0, offsetsPartition), E.NONE);
  coordinator.end(pid, 0);
  assert.is(pending().topics[0]!.partitions[0]!.committedOffset, 6);
  // A transaction that ended: the coordinator no longer vouches for it.
  assert.is(await commit(pid, 0, 8), E.INVALID_TXN_STATE);
  assert.is(pending().topics[0]!.partitions[0]!.committedOffset, 6);
});

test('TxnOffsetCommit overtaken by its marker between verification and append is refused, never left pending', async () => {
  const offsetsPartition = broker.groups.partitionFor('txn-late-group');
  const pid = await newProducerId();
  coordinator.add(pid, 0, '__consumer_offsets', offsetsPartition);
  // The group's write looks up the producer's sequence first (a new producer): the transaction ends right
  // then, its ABORT marker written before the offsets batch could be.
  const store = broker.store;
  const describeProducers = store.describeProducers;
  let ended = false;
  store.describeProducers = async (...args: Parameters<typeof describeProducers>) => {
    const r = await describeProducers.apply(store, args);
    if (!ended && args[0] === '__consumer_offsets') {
      ended = true;
      coordinator.end(pid, 0);
      const spec = { producerId: pid, producerEpoch: 0, commit: false, coordinatorEpoch: 0 };
      assert.is(await writeTxnMarker(broker, '__consumer_offsets', offsetsPartition, spec), E.NONE);
    }
    return r;
  };
  try {
    const r = await client.request(P.TxnOffsetCommitApi, 3, {
      transactionalId: 'tx',
      groupId: 'txn-late-group',
      producerId: pid,
      producerEpoch: 0,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: 'commit',
          partitions: [
            { partitionIndex: 0, committedOffset: 9, committedLeaderEpoch: -1, committedMetadata: '' },
          ],
        },
      ],
    });
    assert.ok(ended, 'the marker went in between');
    assert.is(r.topics[0]!.partitions[0]!.errorCode, E.INVALID_TXN_STATE);
  } finally {
    store.describeProducers = describeProducers;
  }
  const fetched = broker.groups.fetchOffsets(
    'txn-late-group',
    [{ name: 'commit', partitionIndexes: [0] }],
    true,
  );
  assert.equal(
    [fetched.topics[0]!.partitions[0]!.errorCode, fetched.topics[0]!.partitions[0]!.committedOffset],
    [E.NONE, -1],
    'nothing pending, nothing committed',
  );
  const producers = await client.request(P.DescribeProducersApi, 0, {
    topics: [{ name: '__consumer_offsets', partitionIndexes: [offsetsPartition] }],
  });
  const open = producers.topics[0]!.partitions[0]!.activeProducers.filter(
    (x) => x.producerId === pid && x.currentTxnStartOffset >= 0,
  );
  assert.equal(open, [], 'no transaction left open on __consumer_offsets');
});

test('markers: an older producer epoch and an older coordinator epoch are refused; producers may not send control batches', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 2, 'fence', 0);
  assert.is((await produce('fence', txnBatch(pid, 2, 0, ['f']))).errorCode, E.NONE);
  assert.is(await marker('fence', pid, 1, true, 0), E.INVALID_PRODUCER_EPOCH);
  assert.is(await marker('fence', pid, 2, true, 5), E.NONE);
  assert.is(await marker('fence', pid, 2, false, 4), E.TRANSACTION_COORDINATOR_FENCED);
  const control = encodeRecordBatch(
    [{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }],
    {
      producerId: pid,
      producerEpoch: 2,
      baseSequence: 1,
      transactional: true,
      control: true,
    },
  );
  assert.is((await produce('fence', control)).errorCode, E.INVALID_RECORD);
  const unknown = await client.request(P.WriteTxnMarkersApi, 1, {
    markers: [
      {
        producerId: pid,
        producerEpoch: 2,
        transactionResult: true,
        coordinatorEpoch: 5,
        topics: [{ name: 'nope', partitionIndexes: [0] }],
      },
    ],
  });
  assert.is(unknown.markers[0]!.topics[0]!.partitions[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);
});

test('KIP-890: unverified transactions are refused; a straggler after the marker is verified again or fenced by the epoch bump', async () => {
  const pid = await newProducerId();
  // Not in any transaction: the coordinator says INVALID_TXN_STATE.
  assert.is((await produce('verify', txnBatch(pid, 0, 0, ['no']))).errorCode, E.INVALID_TXN_STATE);
  // Without a transactional id a transactional batch cannot be verified.
  assert.is((await produce('verify', txnBatch(pid, 0, 0, ['no']), null)).errorCode, E.INVALID_RECORD);
  // No coordinator reachable: retriable for the producer.
  coordinator.answer = E.COORDINATOR_NOT_AVAILABLE;
  assert.is((await produce('verify', txnBatch(pid, 0, 0, ['no']))).errorCode, E.NOT_ENOUGH_REPLICAS);
  coordinator.answer = null;
  coordinator.add(pid, 0, 'verify', 0);
  const calls = coordinator.calls;
  assert.is((await produce('verify', txnBatch(pid, 0, 0, ['t1']))).errorCode, E.NONE);
  assert.is((await produce('verify', txnBatch(pid, 0, 1, ['t2']))).errorCode, E.NONE);
  assert.is(coordinator.calls - calls, 1, 'only the first batch of the transaction asks the coordinator');
  assert.is(await marker('verify', pid, 0, false), E.NONE);
  coordinator.end(pid, 0);
  // A straggler of the same epoch: the transaction ended, so the coordinator refuses it.
  assert.is((await produce('verify', txnBatch(pid, 0, 2, ['late']))).errorCode, E.INVALID_TXN_STATE);
  // The coordinator bumps the epoch at transaction end: the next marker's epoch is newer.
  coordinator.add(pid, 0, 'verify', 0);
  assert.is((await produce('verify', txnBatch(pid, 0, 2, ['t3']))).errorCode, E.NONE);
  assert.is(await marker('verify', pid, 1, true), E.NONE);
  // A straggler of epoch 0 is fenced even if a coordinator would vouch for it.
  assert.is((await produce('verify', txnBatch(pid, 0, 3, ['late']))).errorCode, E.INVALID_PRODUCER_EPOCH);
  const values = (await fetch('verify', 1)).values;
  assert.equal(values, ['t1', 't2', 't3']);
});

test('kcat with isolation.level=read_committed shows committed records only', async () => {
  const pid = await newProducerId();
  coordinator.add(pid, 0, 'kcat', 0);
  assert.is((await produce('kcat', txnBatch(pid, 0, 0, ['gone-1', 'gone-2']))).errorCode, E.NONE);
  assert.is(await marker('kcat', pid, 0, false), E.NONE);
  coordinator.add(pid, 1, 'kcat', 0);
  assert.is((await produce('kcat', txnBatch(pid, 1, 0, ['kept-1', 'kept-2']))).errorCode, E.NONE);
  assert.is(await marker('kcat', pid, 1, true), E.NONE);
  coordinator.add(pid, 2, 'kcat', 0);
  assert.is((await produce('kcat', txnBatch(pid, 2, 0, ['open-1']))).errorCode, E.NONE); // stays open
  const committed = await kcat([
    '-C',
    '-t',
    'kcat',
    '-o',
    'beginning',
    '-e',
    '-q',
    '-X',
    'isolation.level=read_committed',
  ]);
  assert.is(committed.code, 0, committed.stderr);
  assert.equal(committed.stdout.trim().split('\n'), ['kept-1', 'kept-2']);
  const all = await kcat([
    '-C',
    '-t',
    'kcat',
    '-o',
    'beginning',
    '-e',
    '-q',
    '-X',
    'isolation.level=read_uncommitted',
  ]);
  assert.equal(all.stdout.trim().split('\n'), ['gone-1', 'gone-2', 'kept-1', 'kept-2', 'open-1']);
  assert.is(await marker('kcat', pid, 2, true), E.NONE);
});

test('restart mid-transaction keeps the LSO; a deleted .txnindex is rebuilt', async () => {
  const lsoBefore = await latest('open', 1);
  assert.is(lsoBefore, 1);
  client.close();
  await broker.stop();
  fs.rmSync(path.join(dataDir, 'abort-0', '00000000000000000000.txnindex'));
  await startBroker();
  assert.is(await latest('open', 1), 1, 'the open transaction still holds the LSO');
  assert.is(await latest('open', 0), 3);
  const aborted = await fetch('abort', 1);
  assert.is(aborted.p.abortedTransactions?.length, 1, 'rebuilt from the log');
  assert.is(fs.statSync(path.join(dataDir, 'abort-0', '00000000000000000000.txnindex')).size, 34);
});

test('after a restart, the LSO passing bytes written before it wakes a read_committed long poll to read again, not to answer short', async () => {
  const d = await client.request(P.DescribeProducersApi, 0, {
    topics: [{ name: 'open', partitionIndexes: [0] }],
  });
  const open = d.topics[0]!.partitions[0]!.activeProducers.find((x) => x.currentTxnStartOffset === 1)!;
  const consumer = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  const began = Date.now();
  let answeredAt = 0;
  const parked = consumer
    .request(
      P.FetchApi,
      12,
      fetchRequest('open', 0, 1, { isolationLevel: 1, minBytes: 5000, maxWaitMs: 20_000 }),
    )
    .then((r) => {
      answeredAt = Date.now();
      return r;
    });
  await new Promise((r) => setTimeout(r, 200));
  // The commit makes the transaction's batches from before the restart stable: their size is not known
  // here, so the fetch reads again, finds less than min_bytes, and parks for the time left.
  assert.is(await marker('open', open.producerId, open.producerEpoch, true), E.NONE);
  await new Promise((r) => setTimeout(r, 600));
  assert.is(answeredAt, 0, 'still parked: short of min_bytes');
  assert.is((await produce('open', encodeRecordBatch([{ value: 'y'.repeat(6000) }]))).errorCode, E.NONE);
  const r = await parked;
  consumer.close();
  assert.ok(answeredAt - began < 10_000, 'answered once enough was stable');
  const values = decodeRecordBatches(r.responses[0]!.partitions[0]!.records as Buffer)
    .filter((b) => !b.isControl)
    .map((b) => String(b.records[0]!.value).slice(0, 1));
  assert.ok(values.includes('y'));
});

test.run();
