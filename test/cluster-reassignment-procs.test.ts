// Partition reassignment on four real broker processes: a partition moves from brokers {1,2,3} to {2,3,4}
// under a steady acks=all load (its leader leaving), with nothing lost or written twice and the new replicas'
// logs identical byte for byte; the leaving broker deletes its log. The move is throttled (a move of N bytes
// at R bytes/s takes at least N/R), can be cancelled mid-way, and completes under a new controller when the
// active one is killed mid-way. A broker that was down while a partition moved off it deletes that log when
// it is back. KafkaJS's admin moves and lists too; bad requests get Kafka's codes. Last, broker 1 is
// decommissioned: everything moves off it, it stops, it leaves the metadata quorum's voters
// (RemoveRaftVoter), and UnregisterBroker removes it while the cluster keeps serving.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import {
  AlterPartitionReassignmentsApi,
  CreateTopicsApi,
  ListPartitionReassignmentsApi,
  RemoveRaftVoterApi,
  UnregisterBrokerApi,
} from '../dist/protocol/generated/api-keys.js';
import type { ListPartitionReassignmentsResponse } from '../dist/protocol/generated/list-partition-reassignments.js';
import { ZERO_UUID } from '../dist/protocol/uuid.js';
import { readValues, uniqueTopic } from './helpers/client-broker.js';
import {
  type ClusterNodeProc,
  eventually,
  requestTo,
  startCluster,
  type TestCluster,
} from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

/** follower.replication.throttled.rate on every broker, bytes/s. */
const RATE = 512 * 1024;

let c: TestCluster;
let client: Client;

test.before(async () => {
  c = await startCluster(4, {
    args: [
      '--replica-lag-time-max-ms',
      '3000',
      '--replica-fetch-backoff-ms',
      '100',
      '--follower-replication-throttled-rate',
      String(RATE),
    ],
  });
  client = new Client({ brokers: c.bootstrap.split(','), clientId: 'reassign', retryBackoffMs: 100 });
});
test.after(async () => {
  await client?.close();
  await c?.destroy();
});

/** A broker that is up, and not `avoid`. */
function via(avoid: number[] = []): ClusterNodeProc {
  return c.nodes.find((n) => n.alive() && !avoid.includes(n.nodeId))!;
}

/** AlterPartitionReassignments for partition 0 of each topic; the per-partition codes. */
async function reassign(
  topic: string,
  replicas: number[] | null,
  node = via(),
): Promise<{ code: number; message: string | null }> {
  const res = await requestTo(
    node,
    AlterPartitionReassignmentsApi,
    {
      timeoutMs: 30_000,
      allowReplicationFactorChange: true,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, replicas }] }],
    },
    0,
  );
  const p = res.responses[0]?.partitions[0];
  return { code: p?.errorCode ?? res.errorCode, message: p?.errorMessage ?? res.errorMessage };
}

async function ongoing(
  topic: string,
): Promise<ListPartitionReassignmentsResponse['topics'][number]['partitions']> {
  const res = await requestTo(
    via(),
    ListPartitionReassignmentsApi,
    { timeoutMs: 30_000, topics: [{ name: topic, partitionIndexes: [0] }] },
    0,
  );
  assert.is(res.errorCode, ErrorCode.NONE);
  return res.topics.find((t) => t.name === topic)?.partitions ?? [];
}

async function partition(topic: string) {
  const [t] = await client.admin().describeTopics([topic]);
  return t!.partitions[0]!;
}

/** A one-partition topic on `replicas` (the first leads), once its whole ISR is in. */
async function topicOn(prefix: string, replicas: number[]): Promise<string> {
  const topic = uniqueTopic(prefix);
  const res = await requestTo(
    via(),
    CreateTopicsApi,
    {
      topics: [
        {
          name: topic,
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: replicas }],
          configs: [{ name: 'min.insync.replicas', value: '2' }],
        },
      ],
      timeoutMs: 30_000,
      validateOnly: false,
    },
    7,
  );
  assert.is(res.topics[0]!.errorCode, ErrorCode.NONE, res.topics[0]!.errorMessage ?? '');
  await eventually('the whole ISR in', async () => {
    const p = await partition(topic);
    return p.isr.length === replicas.length && p.leader === replicas[0];
  });
  return topic;
}

/** Writes `count` records of `size` bytes (acks=all); their values. */
async function fill(topic: string, count: number, size: number, tag: string): Promise<string[]> {
  const producer = client.producer({ acks: 'all', lingerMs: 5 });
  const values = Array.from({ length: count }, (_, i) => `${tag}-${i}-`.padEnd(size, 'x'));
  try {
    for (let i = 0; i < count; i += 200) {
      await Promise.all(
        values.slice(i, i + 200).map((value) => producer.send(topic, { partition: 0, value })),
      );
    }
  } finally {
    await producer.close();
  }
  return values;
}

/** Every record of partition 0 from the beginning, until `count` came back. */
const readAll = (topic: string, count: number) => readValues(client, topic, 1, count);

const dirOf = (node: ClusterNodeProc, topic: string) => path.join(node.dataDir, `${topic}-0`);

function logBytes(node: ClusterNodeProc, topic: string): Buffer {
  const dir = dirOf(node, topic);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort();
  return Buffer.concat(files.map((f) => fs.readFileSync(path.join(dir, f))));
}

/** Waits until the move to `target` is done: no reassignment listed, replicas and ISR the target. */
async function moved(topic: string, target: number[], ms = 60_000): Promise<number> {
  return eventually(
    `${topic} on [${target}]`,
    async () => {
      if ((await ongoing(topic)).length > 0) return false;
      const p = await partition(topic);
      return (
        [...p.replicas].sort().join() === [...target].sort().join() &&
        [...p.isr].sort().join() === [...target].sort().join() &&
        target.includes(p.leader)
      );
    },
    ms,
  );
}

async function reviveAll(): Promise<void> {
  for (const n of c.nodes) if (!n.alive()) await n.restart();
}

test('a move from {1,2,3} to {2,3,4} under acks=all load: the leader leaves, nothing lost or doubled, logs identical', async () => {
  const topic = await topicOn('move', [1, 2, 3]);
  const before = await partition(topic);
  const acked = await fill(topic, 500, 100, 'pre');
  // A steady load for the whole move: sends in order, each awaited with its neighbours.
  const producer = client.producer({ acks: 'all', lingerMs: 2 });
  const errors: unknown[] = [];
  let stop = false;
  const load = (async () => {
    for (let i = 0; !stop; i++) {
      const group = Array.from({ length: 20 }, (_, j) => `load-${i}-${j}`);
      await Promise.all(
        group.map((value) =>
          producer.send(topic, { partition: 0, value }).then(
            () => acked.push(value),
            (err) => errors.push(err),
          ),
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await reassign(topic, [2, 3, 4]), { code: ErrorCode.NONE, message: null });
    await moved(topic, [2, 3, 4]);
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    stop = true;
    await load;
    await producer.close();
  }
  assert.equal(errors, [], 'no producer error');
  const after = await partition(topic);
  assert.ok(after.leader !== 1, 'broker 1 leads no more');
  assert.ok(after.leaderEpoch > before.leaderEpoch, 'a new leader epoch');
  const values = await readAll(topic, acked.length);
  assert.is(values.length, acked.length, 'one record per acknowledged send');
  assert.equal([...values].sort(), [...acked].sort(), 'the acknowledged records, none lost or doubled');
  await eventually('the three new replicas hold the same bytes', () => {
    const [a, b, d] = [2, 3, 4].map((id) => logBytes(c.node(id), topic));
    return a!.length > 0 && a!.equals(b!) && a!.equals(d!);
  });
  await eventually('broker 1 deleted its log', () => !fs.existsSync(dirOf(c.node(1), topic)));
});

test('the throttle: moving N bytes at R bytes/s takes at least N/R', async () => {
  const topic = await topicOn('throttle', [1, 2, 3]);
  await fill(topic, 2000, 1024, 't');
  const leaderDir = dirOf(c.node(1), topic);
  const n = fs
    .readdirSync(leaderDir)
    .filter((f) => f.endsWith('.log'))
    .reduce((sum, f) => sum + fs.statSync(path.join(leaderDir, f)).size, 0);
  assert.ok(n > 2 * RATE, `${n} bytes to move`);
  const start = Date.now();
  assert.is((await reassign(topic, [1, 2, 4])).code, ErrorCode.NONE);
  await moved(topic, [1, 2, 4]);
  const took = Date.now() - start;
  const floor = (n / RATE) * 1000;
  assert.ok(took >= floor, `took ${took} ms, at least ${Math.round(floor)} ms expected`);
  assert.ok(took < floor + 20_000, `took ${took} ms, far more than ${Math.round(floor)} ms`);
  assert.ok(logBytes(c.node(4), topic).equals(logBytes(c.node(1), topic)));
});

test('cancel mid-way: back to {1,2,3}, the new replica deletes what it copied', async () => {
  const topic = await topicOn('cancel', [1, 2, 3]);
  await fill(topic, 2000, 1024, 'c');
  assert.is((await reassign(topic, [2, 3, 4])).code, ErrorCode.NONE);
  const listed = await ongoing(topic);
  assert.equal(listed, [
    { partitionIndex: 0, replicas: [1, 2, 3, 4], addingReplicas: [4], removingReplicas: [1] },
  ]);
  await eventually('broker 4 copies some of it', () => fs.existsSync(dirOf(c.node(4), topic)));
  assert.equal(await reassign(topic, null), { code: ErrorCode.NONE, message: null });
  assert.equal(await ongoing(topic), []);
  const p = await partition(topic);
  assert.equal([...p.replicas], [1, 2, 3], 'back in their original order');
  assert.equal(p.leader, 1);
  await eventually('broker 4 deleted its copy', () => !fs.existsSync(dirOf(c.node(4), topic)));
  assert.is((await reassign(topic, null)).code, ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
});

test('the active controller killed mid-way: the move completes under the next one', async () => {
  const topic = await topicOn('failover', [1, 2, 3]);
  const acked = await fill(topic, 4000, 1024, 'f');
  assert.is((await reassign(topic, [2, 3, 4])).code, ErrorCode.NONE);
  const old = (await client.admin().describeCluster()).controller ?? -1;
  try {
    assert.ok(old > 0);
    await c.node(old).signal('SIGKILL');
    await eventually('a new controller', async () => {
      const now = (await client.admin().describeCluster()).controller ?? -1;
      return now > 0 && now !== old;
    });
    assert.ok((await ongoing(topic)).length === 1, 'still moving under the new controller');
    await c.node(old).restart();
    await moved(topic, [2, 3, 4]);
    const values = await readAll(topic, acked.length);
    assert.equal([...values].sort(), [...acked].sort());
    await eventually('the new replicas hold the same bytes', () => {
      const [a, b, d] = [2, 3, 4].map((id) => logBytes(c.node(id), topic));
      return a!.length > 0 && a!.equals(b!) && a!.equals(d!);
    });
    await eventually('broker 1 deleted its log', () => !fs.existsSync(dirOf(c.node(1), topic)));
  } finally {
    await reviveAll();
  }
});

test('a replica moved away while its broker is down: back, the broker deletes that log', async () => {
  const topic = await topicOn('away', [1, 2, 3]);
  const acked = await fill(topic, 300, 100, 'w');
  const three = c.node(3);
  try {
    await three.signal('SIGKILL');
    assert.ok(fs.existsSync(dirOf(three, topic)));
    assert.is((await reassign(topic, [1, 2, 4])).code, ErrorCode.NONE);
    await moved(topic, [1, 2, 4]);
    await three.restart();
    await eventually(
      'broker 3 deleted the log it no longer hosts',
      () => !fs.existsSync(dirOf(three, topic)),
    );
    assert.equal([...(await readAll(topic, acked.length))].sort(), [...acked].sort());
  } finally {
    await reviveAll();
  }
});

test("KafkaJS's admin moves a partition and lists the move in progress", async () => {
  const topic = await topicOn('kafkajs', [1, 2, 3]);
  await fill(topic, 2000, 1024, 'k');
  const kafka = new Kafka({
    brokers: c.bootstrap.split(','),
    clientId: 'reassign-kafkajs',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.alterPartitionReassignments({
      topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [2, 3, 4] }] }],
    });
    const listed = await admin.listPartitionReassignments({ topics: [{ topic, partitions: [0] }] });
    assert.equal(listed.topics, [
      {
        name: topic,
        partitions: [{ partition: 0, replicas: [1, 2, 3, 4], addingReplicas: [4], removingReplicas: [1] }],
      },
    ]);
    await moved(topic, [2, 3, 4]);
    const bad = await admin
      .alterPartitionReassignments({
        topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [2, 99] }] }],
      })
      .then(
        () => null,
        (err: { message: string }) => err,
      );
    assert.ok(bad !== null, 'an unregistered broker is refused');
  } finally {
    await admin.disconnect();
  }
});

test('bad reassignments get Kafka codes per partition', async () => {
  const topic = await topicOn('bad', [1, 2, 3]);
  const node = via([(await client.admin().describeCluster()).controller ?? -1]);
  assert.is((await reassign(uniqueTopic('none'), [1], node)).code, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  for (const replicas of [[], [2, 2, 3], [1, 2, 99]]) {
    const r = await reassign(topic, replicas, node);
    assert.is(r.code, ErrorCode.INVALID_REPLICA_ASSIGNMENT, `[${replicas}]: ${r.message}`);
  }
  assert.is((await reassign(topic, null, node)).code, ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
  const res = await requestTo(
    node,
    AlterPartitionReassignmentsApi,
    {
      timeoutMs: 30_000,
      allowReplicationFactorChange: true,
      topics: [{ name: topic, partitions: [{ partitionIndex: 5, replicas: [1] }] }],
    },
    0,
  );
  assert.is(res.responses[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  // KIP-860 (v1, forwarded to the controller): a replica count change refused when not allowed.
  const rf = await requestTo(
    node,
    AlterPartitionReassignmentsApi,
    {
      timeoutMs: 30_000,
      allowReplicationFactorChange: false,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, replicas: [1, 2, 3, 4] }] }],
    },
    1,
  );
  assert.is(rf.allowReplicationFactorChange, false);
  assert.is(rf.responses[0]!.partitions[0]!.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
  const viaClient = await client
    .admin()
    .alterPartitionReassignments({
      reassignments: [{ topic, partition: 0, replicas: [1, 2] }],
      allowReplicationFactorChange: false,
    })
    .then(
      () => null,
      (e: { code?: number }) => e.code,
    );
  assert.is(viaClient, ErrorCode.INVALID_REPLICATION_FACTOR);
  assert.equal([...(await partition(topic)).replicas].sort(), [1, 2, 3], 'nothing changed');
});

test('decommission broker 1: move everything off, stop it, unregister it; the cluster keeps serving', async () => {
  await reviveAll();
  await eventually('no move in progress', async () => {
    const all = await requestTo(via(), ListPartitionReassignmentsApi, { timeoutMs: 30_000, topics: null }, 0);
    return all.errorCode === ErrorCode.NONE && all.topics.length === 0;
  });
  const unregister = async (id: number) =>
    (await requestTo(via([1]), UnregisterBrokerApi, { brokerId: id }, 0)).errorCode;
  assert.is(await unregister(1), ErrorCode.INVALID_REQUEST, 'refused while it runs');
  const topics = await client.admin().listTopics();
  const described = await client.admin().describeTopics(topics);
  const moves: { topic: string; partition: number; replicas: number[] }[] = [];
  for (const t of described) {
    for (const p of t.partitions) {
      if (!p.replicas.includes(1)) continue;
      const spare = [2, 3, 4].find((id) => !p.replicas.includes(id))!;
      moves.push({
        topic: t.name,
        partition: p.partition,
        replicas: p.replicas.map((id) => (id === 1 ? spare : id)),
      });
    }
  }
  assert.ok(moves.length > 0);
  const res = await requestTo(
    via(),
    AlterPartitionReassignmentsApi,
    {
      timeoutMs: 30_000,
      allowReplicationFactorChange: true,
      topics: moves.map((m) => ({
        name: m.topic,
        partitions: [{ partitionIndex: m.partition, replicas: m.replicas }],
      })),
    },
    0,
  );
  assert.ok(res.responses.every((t) => t.partitions.every((p) => p.errorCode === ErrorCode.NONE)));
  await eventually(
    'nothing left on broker 1',
    async () => {
      const all = await client.admin().describeTopics(topics);
      return all.every((t) => t.partitions.every((p) => !p.replicas.includes(1)));
    },
    90_000,
  );
  await c.node(1).signal('SIGTERM');
  await eventually(
    'broker 1 fenced',
    async () => !(await client.admin().describeCluster()).brokers.some((b) => b.nodeId === 1),
  );
  // Broker 1 is a voter of the metadata quorum (1-4 all vote): its registration stays until it leaves.
  assert.is(await unregister(1), ErrorCode.INVALID_REQUEST, 'refused while it is a voter');
  const removed = await requestTo(
    via([1]),
    RemoveRaftVoterApi,
    { clusterId: null, voterId: 1, voterDirectoryId: ZERO_UUID },
    0,
  );
  assert.is(removed.errorCode, ErrorCode.NONE, removed.errorMessage ?? '');
  assert.is(await unregister(1), ErrorCode.NONE);
  assert.is(await unregister(1), ErrorCode.BROKER_ID_NOT_REGISTERED);
  const topic = await topicOn('after', [2, 3, 4]);
  const acked = await fill(topic, 200, 100, 'a');
  assert.equal([...(await readAll(topic, acked.length))].sort(), [...acked].sort());
});

test.run();
