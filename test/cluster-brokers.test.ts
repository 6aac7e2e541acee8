// Real broker processes forming a cluster from --peers on loopback: they agree on a cluster id and a
// controller; a topic created through any broker appears in every broker's metadata (kcat -L) with the same
// leaders, spread over the brokers; records produced by Runnel's client and by librdkafka (kcat) go to the
// partitions' leaders and read back complete and in order; killing the active controller elects another,
// and the cluster keeps taking topic changes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONNECTION_DEFAULTS, Connection } from '../dist/client/connection.js';
import { Client } from '../dist/client/index.js';
import { DeleteTopicsApi } from '../dist/protocol/generated/api-keys.js';
import { type KcatMeta, kcat, kcatMeta, take, uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';

let cluster: TestCluster;
let client: Client;

const eventually = eventuallyWithin(15_000);

function leadersOf(meta: KcatMeta, topic: string): number[] {
  const t = meta.topics.find((x) => x.topic === topic);
  if (t === undefined) return [];
  return [...t.partitions].sort((a, b) => a.partition - b.partition).map((p) => p.leader);
}

test.before(async () => {
  cluster = await startCluster(3);
  client = new Client({ brokers: cluster.bootstrap.split(','), clientId: 'cluster-test' });
});

test.after(async () => {
  await client?.close();
  await cluster?.destroy();
});

test('three brokers from --peers agree on one cluster id, see each other and name one controller', async () => {
  const ids = new Set<string>();
  for (const n of cluster.nodes) {
    const m = JOINED.exec(n.log());
    assert.ok(m, `node ${n.nodeId} logged joining`);
    ids.add(m[1]!);
    assert.is(Number(m[2]), n.nodeId);
  }
  assert.is(ids.size, 1, 'one cluster id');
  await eventually('every broker lists three brokers and the same controller', async () => {
    const metas = await Promise.all(cluster.nodes.map((n) => kcatMeta(n.address)));
    const controllers = new Set(metas.map((m) => m.controllerid));
    return metas.every((m) => m.brokers.length === 3) && controllers.size === 1 && !controllers.has(-1);
  });
});

test('a 12-partition topic created through one broker appears on every broker with the same leaders, spread evenly', async () => {
  const topic = uniqueTopic('spread');
  const viaTwo = new Client({ brokers: [cluster.node(2).address], clientId: 'via-2' });
  await viaTwo.admin().createTopics([{ topic, numPartitions: 12 }]);
  await viaTwo.close();
  let leaders: number[] = [];
  await eventually('every broker has the topic with the same 12 leaders', async () => {
    const all = await Promise.all(cluster.nodes.map((n) => kcatMeta(n.address, topic)));
    leaders = leadersOf(all[0]!, topic);
    return leaders.length === 12 && all.every((m) => leadersOf(m, topic).join() === leaders.join());
  });
  const perBroker = new Map<number, number>();
  for (const l of leaders) perBroker.set(l, (perBroker.get(l) ?? 0) + 1);
  assert.equal([...perBroker.keys()].sort(), [1, 2, 3], `leaders ${leaders.join(',')}`);
  assert.ok(
    [...perBroker.values()].every((c) => c === 4),
    `leaders ${leaders.join(',')}`,
  );
});

test('Runnel client and kcat produce to and consume from a topic spread over three brokers, nothing lost', async () => {
  const topic = uniqueTopic('rw');
  await client.admin().createTopics([{ topic, numPartitions: 12 }]);
  const producer = client.producer({ lingerMs: 2 });
  const sent = await producer.send(
    topic,
    Array.from({ length: 600 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
  );
  await producer.close();
  assert.is(sent.length, 600);
  assert.is(new Set(sent.map((s) => s.partition)).size, 12, 'keys spread over all partitions');
  // kcat (librdkafka) adds 60 more, unkeyed.
  await kcat(
    ['-b', cluster.bootstrap, '-t', topic, '-P'],
    `${Array.from({ length: 60 }, (_, i) => `kcat-${i}`).join('\n')}\n`,
  );
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign(Array.from({ length: 12 }, (_, partition) => ({ topic, partition })));
  const got = await take(consumer, 660, 20_000);
  await consumer.close();
  const values = new Set(got.map((r) => r.value?.toString()));
  for (let i = 0; i < 600; i++) assert.ok(values.has(`v${i}`), `v${i} read back`);
  for (let i = 0; i < 60; i++) assert.ok(values.has(`kcat-${i}`), `kcat-${i} read back`);
  // Per partition, offsets are dense and in order (no loss, no duplicates).
  const byPartition = new Map<number, number[]>();
  for (const r of got) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.offset]);
  for (const [p, offsets] of byPartition) {
    assert.equal(
      offsets,
      offsets.map((_, i) => i),
      `partition ${p}`,
    );
  }
  // kcat reads the whole topic from every partition's leader too.
  const out = await kcat(['-b', cluster.bootstrap, '-t', topic, '-C', '-e', '-q', '-f', '%s\n']);
  assert.is(out.trim().split('\n').length, 660);
});

test('DeleteTopics v5 (topic names) through a broker that is not the controller deletes the topic everywhere', async () => {
  const topic = uniqueTopic('del');
  await client.admin().createTopics([{ topic, numPartitions: 2 }]);
  const { controllerid } = await kcatMeta(cluster.bootstrap);
  const other = cluster.nodes.find((n) => n.nodeId !== controllerid)!;
  await eventually(
    'the topic is on the forwarding broker',
    async () => leadersOf(await kcatMeta(other.address, topic), topic).length === 2,
  );
  // v5 names topics in topic_names; v6 (what broker and controller negotiate) in topics: forwarded at the
  // negotiated version the names were dropped and nothing was deleted.
  const [host, port] = other.address.split(':');
  const conn = new Connection({ ...CONNECTION_DEFAULTS, host: host!, port: Number(port), clientId: 'v5' });
  await conn.connect();
  const res = await conn.request(
    DeleteTopicsApi,
    { topics: [], topicNames: [topic], timeoutMs: 10_000 },
    {},
    5,
  );
  conn.close();
  assert.equal(
    res.responses.map((r) => [r.name, r.errorCode]),
    [[topic, 0]],
  );
  await eventually('no broker lists the topic', async () => {
    const metas = await Promise.all(cluster.nodes.map((n) => kcatMeta(n.address)));
    return metas.every((m) => !m.topics.some((t) => t.topic === topic));
  });
});

test('a replication factor above the live brokers is refused clearly (no topic is made)', async () => {
  const topic = uniqueTopic('rf4');
  const err = await client
    .admin()
    .createTopics([{ topic, numPartitions: 3, replicationFactor: 4 }])
    .then(
      () => null,
      (e: Error) => e,
    );
  assert.ok(err !== null && /INVALID_REPLICATION_FACTOR/.test(err.message), String(err));
  const ok = uniqueTopic('rf1');
  await client.admin().createTopics([{ topic: ok, numPartitions: 1, replicationFactor: 1 }]);
  // Another broker may answer listTopics: its metadata trails the one that took the create by a fetch.
  await eventually('the replication factor 1 topic is listed', async () =>
    (await client.admin().listTopics()).includes(ok),
  );
  assert.ok(!(await client.admin().listTopics()).includes(topic));
});

test.run();
