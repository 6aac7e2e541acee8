// A broker started without --peers is a cluster of one: its own metadata quorum (one voter, no gossip
// socket) and controller. Real broker processes on loopback:
// - a data dir as a lone broker left it before the quorum existed (topics.json, partition logs,
//   __consumer_offsets, the producer-id block file, meta.properties; no cluster-bootstrap.json and no
//   __cluster_metadata) starts with every topic id, config, record, committed offset and producer id;
// - restarted many times it never bootstraps again and keeps its cluster id;
// - restarted with --peers beside two new brokers it stays the only voter, the others join as observers,
//   its topics are readable through them and a new topic is spread over all three;
// - a data dir of a cluster with other voters is refused without --peers, clearly, with a non-zero exit.
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import * as P from '../dist/protocol/index.js';
import { startBroker } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import { take } from './helpers/client-broker.js';
import { freePort, JOINED, makeNode } from './helpers/cluster-procs.js';

const TOPIC_CONFIG = 2;

function quietClient(address: string): Client {
  return new Client({
    brokers: [address],
    clientId: 'solo-test',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

async function withConnection<T>(address: string, fn: (c: TestClient) => Promise<T>): Promise<T> {
  const c = await TestClient.connect(Number(address.split(':')[1]));
  try {
    return await fn(c);
  } finally {
    c.socket.destroy();
  }
}

/** name -> [topic id, partition count] as Metadata v12 answers for every topic. */
async function topicIds(address: string): Promise<Map<string, [string, number]>> {
  const md = await withConnection(address, (c) =>
    c.request(P.MetadataApi, 12, P.createMetadataRequest({ topics: null, allowAutoTopicCreation: false })),
  );
  return new Map(md.topics.map((t) => [t.name!, [t.topicId, t.partitions.length] as [string, number]]));
}

async function initProducerId(address: string): Promise<number> {
  const res = await withConnection(address, (c) =>
    c.request(
      P.InitProducerIdApi,
      4,
      P.createInitProducerIdRequest({ transactionalId: null, transactionTimeoutMs: 60_000 }),
    ),
  );
  assert.is(res.errorCode, P.ErrorCode.NONE);
  return res.producerId;
}

async function committed(address: string, group: string, topic: string): Promise<number> {
  const res = await withConnection(address, (c) =>
    c.request(
      P.OffsetFetchApi,
      7,
      P.createOffsetFetchRequest({ groupId: group, topics: [{ name: topic, partitionIndexes: [0] }] }),
    ),
  );
  return res.topics[0]!.partitions[0]!.committedOffset;
}

/** The first `count` record values of a partition. */
async function values(address: string, topic: string, partition: number, count: number): Promise<string[]> {
  const client = quietClient(address);
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([{ topic, partition }]);
  try {
    const got = await take(consumer, count, 15_000);
    return got.map((r) => (r.value === null ? '' : Buffer.from(r.value).toString()));
  } finally {
    await consumer.close();
    await client.close();
  }
}

/** What a data dir looked like before a lone broker ran its own quorum. */
function makeOld(dataDir: string, nextProducerId: number): void {
  fs.rmSync(path.join(dataDir, 'cluster-bootstrap.json'));
  fs.rmSync(path.join(dataDir, '__cluster_metadata-0'), { recursive: true });
  const file = path.join(dataDir, 'topics.json');
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { topics: { name: string }[] };
  // A lone broker kept __consumer_offsets out of its registry.
  saved.topics = saved.topics.filter((t) => t.name !== '__consumer_offsets');
  fs.writeFileSync(file, JSON.stringify(saved));
  // Its producer id block file: the end of the last block it reserved.
  fs.writeFileSync(path.join(dataDir, 'producer-id-block'), `${nextProducerId}\n`);
}

test('a data dir of a lone broker from before the quorum starts with its topics, records, offsets and producer ids', async () => {
  let broker = await startBroker();
  try {
    const client = quietClient(broker.address);
    const admin = client.admin();
    await admin.createTopics([
      { topic: 'plain', numPartitions: 3 },
      {
        topic: 'tuned',
        numPartitions: 1,
        configs: { 'retention.ms': '123456', 'cleanup.policy': 'compact' },
      },
    ]);
    const producer = client.producer({ acks: -1, lingerMs: 0 });
    for (let i = 0; i < 10; i++) {
      await producer.send('plain', { partition: i % 3, value: Buffer.from(`p${i}`) });
      await producer.send('tuned', { key: Buffer.from(`k${i}`), value: Buffer.from(`t${i}`) });
    }
    await producer.close();
    await admin.setOffsets({ groupId: 'g1', topic: 'plain', partitions: [{ partition: 0, offset: 3 }] });
    await admin.close();
    await client.close();
    const firstId = await initProducerId(broker.address);
    const ids = await topicIds(broker.address);
    assert.equal(await broker.stop('SIGTERM'), 0, broker.stderr());

    makeOld(broker.dataDir, 1000 * (Math.floor(firstId / 1000) + 1));
    broker = await broker.restart();
    const after = await topicIds(broker.address);
    for (const name of ['plain', 'tuned']) assert.equal(after.get(name), ids.get(name), `topic ${name}`);
    assert.match(broker.stderr(), /metadata log started from the data dir: 2 topics, next producer id/);
    assert.equal(await values(broker.address, 'plain', 1, 3), ['p1', 'p4', 'p7']);
    assert.equal(
      await values(broker.address, 'tuned', 0, 10),
      [...Array(10).keys()].map((i) => `t${i}`),
    );
    assert.is(await committed(broker.address, 'g1', 'plain'), 3);
    const c2 = quietClient(broker.address);
    const a2 = c2.admin();
    const { resources } = await a2.describeConfigs({ resources: [{ type: TOPIC_CONFIG, name: 'tuned' }] });
    const configs = new Map(resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
    assert.is(configs.get('retention.ms'), '123456');
    assert.is(configs.get('cleanup.policy'), 'compact');
    await a2.close();
    await c2.close();
    const nextId = await initProducerId(broker.address);
    assert.ok(nextId > firstId, `producer id ${nextId} after ${firstId}`);
    // Still a cluster of one, the same one.
    assert.equal(await broker.stop('SIGTERM'), 0, broker.stderr());
    broker = await broker.restart();
    assert.equal((await topicIds(broker.address)).get('plain'), ids.get('plain'));
    assert.ok((await initProducerId(broker.address)) > nextId);
  } finally {
    await broker.dispose();
  }
});

test('restarted many times, a broker alone never bootstraps again and keeps its cluster id', async () => {
  let broker = await startBroker();
  try {
    const bootstrapFile = path.join(broker.dataDir, 'cluster-bootstrap.json');
    const decided = fs.readFileSync(bootstrapFile, 'utf8');
    const record = JSON.parse(decided) as { clusterId: string; voters: number[] };
    assert.equal(record.voters, [1]);
    const clusterOf = (log: string) => /node 1 of cluster (\S+) listening/.exec(log)?.[1];
    assert.is(clusterOf(broker.stderr()), record.clusterId);
    const meta = fs.readFileSync(path.join(broker.dataDir, 'meta.properties'), 'utf8');
    assert.match(meta, `cluster.id=${record.clusterId}`);
    for (let i = 0; i < 4; i++) {
      assert.equal((await broker.stop(i % 2 === 0 ? 'SIGTERM' : 'SIGKILL')) ?? 0, 0, broker.stderr());
      broker = await broker.restart();
      assert.is(clusterOf(broker.stderr()), record.clusterId, `restart ${i}`);
      assert.not.match(broker.stderr(), /metadata log started from the data dir/);
      assert.not.match(broker.stderr(), /cannot|refus/i);
    }
    assert.is(fs.readFileSync(bootstrapFile, 'utf8'), decided, 'the bootstrap record never changes');
    const md = await withConnection(broker.address, (c) =>
      c.request(P.MetadataApi, 12, P.createMetadataRequest({ topics: [], allowAutoTopicCreation: false })),
    );
    assert.is(md.clusterId, record.clusterId);
    // No gossip: the UDP port of the listener's number is free.
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(broker.port, '127.0.0.1', () => resolve());
    });
    udp.close();
    assert.is(md.controllerId, 1);
    assert.equal(
      md.brokers.map((b) => b.nodeId),
      [1],
    );
  } finally {
    await broker.dispose();
  }
});

test('a lone broker restarted with --peers and two new brokers: it stays the only voter, its data readable, new topics spread', async () => {
  const ports = [await freePort(), await freePort(), await freePort()];
  const dirs = [1, 2, 3].map((id) => fs.mkdtempSync(path.join(os.tmpdir(), `runnel-solo-grow-${id}-`)));
  const address = (i: number) => `127.0.0.1:${ports[i]}`;
  const base = (i: number) => ['--node-id', String(i + 1), '--listen', address(i), '--data-dir', dirs[i]!];
  const alone = makeNode(1, '127.0.0.1', ports[0]!, dirs[0]!, base(0));
  const nodes = [alone];
  try {
    await alone.restart();
    const client = quietClient(address(0));
    await client.admin().createTopics([{ topic: 'old', numPartitions: 2 }]);
    const producer = client.producer({ acks: -1, lingerMs: 0 });
    for (let i = 0; i < 6; i++) await producer.send('old', { partition: i % 2, value: Buffer.from(`o${i}`) });
    await producer.close();
    await client.close();
    await alone.signal('SIGTERM');

    const peersOf = (i: number) => [
      '--peers',
      [0, 1, 2]
        .filter((j) => j !== i)
        .map(address)
        .join(','),
    ];
    const grown = [0, 1, 2].map((i) =>
      makeNode(i + 1, '127.0.0.1', ports[i]!, dirs[i]!, [...base(i), ...peersOf(i)]),
    );
    nodes.splice(0, 1, ...grown);
    await Promise.all(grown.map((n) => n.restart()));
    const joined = await Promise.all(grown.map((n) => n.waitForLog(JOINED, 30_000)));
    const clusterIds = new Set(joined.map((m) => m[1]));
    assert.is(clusterIds.size, 1, `one cluster: ${[...clusterIds].join(', ')}`);
    assert.match(grown[0]!.log(), /voters 1; this node is a voter/);
    for (const n of grown.slice(1)) assert.match(n.log(), /voters 1; this node is an observer/);

    // The old topic, read through a new broker (it routes to the old one, which leads it).
    assert.equal(await values(address(1), 'old', 1, 3), ['o1', 'o3', 'o5']);

    const c2 = quietClient(address(2));
    const admin = c2.admin();
    // Every broker unfenced: placement spreads over all three.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { brokers } = await admin.describeCluster();
      if (brokers.length === 3 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await admin.createTopics([{ topic: 'new', numPartitions: 6 }]);
    const [desc] = await admin.describeTopics(['new']);
    const leaders = new Set(desc!.partitions.map((p) => p.leader));
    assert.equal([...leaders].sort(), [1, 2, 3], `leaders of the new topic: ${[...leaders].join(', ')}`);
    await admin.close();
    await c2.close();
  } finally {
    await Promise.all(nodes.map((n) => n.signal('SIGKILL')));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
});

test('a data dir whose cluster has other voters is refused without --peers, clearly and non-zero', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-solo-refused-'));
  try {
    fs.writeFileSync(
      path.join(dataDir, 'cluster-bootstrap.json'),
      JSON.stringify({
        version: 1,
        nodeId: 1,
        nonce: 'n0nce',
        expect: 3,
        proposal: [1, 2, 3],
        committed: [1, 2, 3],
        clusterId: 'AAAAAAAAAAAAAAAAAAAAAA',
        voters: [1, 2, 3],
      }),
    );
    const err = await startBroker([], dataDir).then(
      async (b) => {
        await b.stop('SIGKILL');
        return null;
      },
      (e: Error) => e,
    );
    assert.ok(err !== null, 'the broker started');
    assert.match(err!.message, /exited with [1-9]\d* before listening/);
    assert.match(err!.message, /whose voters are \[1, 2, 3\]; start this broker with --peers/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
