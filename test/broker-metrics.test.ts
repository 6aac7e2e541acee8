// The Prometheus endpoint of a real broker process (--metrics-listen): values move with real traffic
// (records produced, bytes fetched, partitions created, offsets committed, logs flushed), the exposition
// is well formed, other paths and methods are refused, metrics.max.series holds at its limit, and a
// metrics port in use stops the broker with a clear message and exit code 1.
import fs from 'node:fs';
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode } from '../dist/client/index.js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker, tempDataDir } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import { take, uniqueTopic } from './helpers/client-broker.js';
import { freePort } from './helpers/cluster-procs.js';
import { httpGet, parseMetrics, scrape } from './helpers/metrics.js';

let broker: BrokerProcess;
let metricsPort: number;
let client: Client;

test.before(async () => {
  metricsPort = await freePort();
  // One log thread and fsync always: the pool's path and the flush histogram are exercised.
  broker = await startBroker([
    '--metrics-listen',
    `127.0.0.1:${metricsPort}`,
    '--threads',
    '1',
    '--fsync',
    'always',
    '--num-partitions',
    '1',
  ]);
  client = new Client({ brokers: [broker.address], clientId: 'metrics-test' });
});

test.after(async () => {
  await client?.close();
  await broker?.dispose();
});

const num = (v: number | undefined, what: string): number => {
  assert.type(v, 'number', `${what} is missing`);
  return v!;
};

test('the exposition is well formed: HELP and TYPE once per family, samples parse, histograms add up', async () => {
  const res = await httpGet(metricsPort, '/metrics');
  assert.is(res.status, 200);
  assert.is(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  const types = new Map<string, string>();
  const sample =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/;
  for (const line of res.body.trimEnd().split('\n')) {
    const t = /^# TYPE (\S+) (counter|gauge|histogram)$/.exec(line);
    if (t) {
      assert.not.ok(types.has(t[1]!), `TYPE of ${t[1]} twice`);
      types.set(t[1]!, t[2]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    assert.ok(sample.test(line), `not a sample line: ${line}`);
    const name = sample.exec(line)![1]!;
    const family = name.replace(/_(bucket|sum|count)$/, '');
    assert.ok(types.has(name) || types.get(family) === 'histogram', `${name} has no TYPE before it`);
  }
  for (const name of [
    'kafka_network_requestmetrics_requests_total',
    'kafka_server_brokertopicmetrics_messagesin_total',
    'kafka_server_replicamanager_underreplicatedpartitions',
    'kafka_controller_kafkacontroller_activecontrollercount',
    'kafka_log_logflushstats_logflush_seconds',
    'runnel_gossip_members',
    'kafka_consumergroup_lag',
  ]) {
    assert.ok(types.has(name), `${name} missing`);
  }
  const m = parseMetrics(res.body);
  assert.is(m.value('kafka_controller_kafkacontroller_activecontrollercount'), 1);
  assert.is(m.value('runnel_gossip_members', { state: 'alive' }), 1);
  assert.is(m.value('kafka_server_raftmetrics_current_leader'), 1);
  // --threads 1: one owner thread, which has been busy (recovery, opens), and the pool's queue gauges.
  assert.ok(num(m.value('runnel_storage_thread_busy_seconds_total', { slot: '0' }), 'thread 0 busy') > 0);
  assert.is(m.value('runnel_storage_thread_busy_seconds_total', { slot: '1' }), undefined);
  assert.type(m.value('runnel_storage_pool_pending_tasks'), 'number');
  assert.type(m.value('runnel_storage_pool_queued_groups'), 'number');
  assert.ok(num(m.value('process_resident_memory_bytes'), 'rss') > 10_000_000);
});

test('produce N records: messages in grows by N, bytes in by the batch bytes; fetching them grows bytes out', async () => {
  const topic = uniqueTopic('metrics');
  const before = await scrape(metricsPort);
  await client.admin().createTopics([{ topic, numPartitions: 3 }]);
  const N = 250;
  const producer = client.producer({ acks: -1 });
  const records = Array.from({ length: N }, (_, i) => ({ key: `k${i}`, value: `value-${i}` }));
  await producer.send(topic, records);
  await producer.flush();
  const after = await scrape(metricsPort);
  const grew = (name: string, labels?: Record<string, string>) =>
    num(after.value(name, labels), name) - (before.value(name, labels) ?? 0);
  assert.is(grew('kafka_server_brokertopicmetrics_messagesin_total'), N);
  const bytesIn = grew('kafka_server_brokertopicmetrics_bytesin_total');
  // Record batch bytes: more than the values alone, less than a generous per-record bound.
  assert.ok(bytesIn > N * 10 && bytesIn < N * 100, `bytes in ${bytesIn}`);
  assert.ok(grew('kafka_network_requestmetrics_requests_total', { request: 'Produce' }) >= 1);
  assert.ok(grew('kafka_log_logflushstats_logflush_seconds_count') >= 1, 'fsync always: flushes counted');
  // Partitions and leaders: the three new ones, led here.
  assert.is(grew('kafka_server_replicamanager_partitioncount'), 3);
  assert.is(grew('kafka_server_replicamanager_leadercount'), 3);
  assert.is(after.value('kafka_server_replicamanager_underreplicatedpartitions'), 0);
  // Every answered request is in the histogram too.
  for (const [labels, count] of after.samples('kafka_network_requestmetrics_requests_total')) {
    const request = /request="([^"]+)"/.exec(labels)![1]!;
    assert.is(after.value('kafka_network_requestmetrics_totaltime_seconds_count', { request }), count);
  }
  // An open client connection is counted.
  assert.ok(num(after.value('kafka_server_socketservermetrics_connection_count'), 'connections') >= 1);

  const consumer = client.consumer({ autoOffsetReset: 'earliest' });
  consumer.assign([0, 1, 2].map((partition) => ({ topic, partition })));
  await take(consumer, N);
  await consumer.close();
  const read = await scrape(metricsPort);
  const out =
    num(read.value('kafka_server_brokertopicmetrics_bytesout_total'), 'bytes out') -
    (after.value('kafka_server_brokertopicmetrics_bytesout_total') ?? 0);
  assert.is(out, bytesIn, 'the consumer read exactly the batches produced');
  // The same per topic (a topic of its own: its series equal what moved).
  assert.is(read.value('kafka_server_brokertopicmetrics_messagesin_total', { topic }), N);
  assert.is(read.value('kafka_server_brokertopicmetrics_bytesin_total', { topic }), bytesIn);
  assert.is(read.value('kafka_server_brokertopicmetrics_bytesout_total', { topic }), bytesIn);
  await producer.close();
  // A deleted topic's series go with it.
  await client.admin().deleteTopics([topic]);
  const gone = await scrape(metricsPort);
  assert.is(gone.value('kafka_server_brokertopicmetrics_messagesin_total', { topic }), undefined);
  assert.ok(
    num(gone.value('kafka_server_brokertopicmetrics_messagesin_total'), 'total') >= N,
    'the total stays',
  );
});

test('consumer group lag per partition follows commits and new records', async () => {
  const topic = uniqueTopic('lag');
  await client.admin().createTopics([{ topic, numPartitions: 2 }]);
  const producer = client.producer({ acks: -1 });
  await producer.send(
    topic,
    Array.from({ length: 40 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })),
  );
  const groupId = uniqueTopic('g');
  await client.admin().setOffsets({
    groupId,
    topic,
    partitions: [
      { partition: 0, offset: 5 },
      { partition: 1, offset: 20 },
    ],
  });
  const lag = (m: Awaited<ReturnType<typeof scrape>>, partition: number) =>
    m.value('kafka_consumergroup_lag', { consumergroup: groupId, topic, partition: String(partition) });
  let m = await scrape(metricsPort);
  assert.is(lag(m, 0), 15);
  assert.is(lag(m, 1), 0);
  await producer.send(
    topic,
    Array.from({ length: 7 }, (_, i) => ({ value: `w${i}`, partition: 1 })),
  );
  m = await scrape(metricsPort);
  assert.is(lag(m, 1), 7);
  assert.ok(num(m.value('kafka_coordinator_group_groupmetadatamanager_numgroups'), 'groups') >= 1);
  await producer.close();
});

test('partitions answered with an error are counted: Produce and Fetch of a partition that does not exist', async () => {
  const raw = await TestClient.connect(broker.port);
  try {
    const before = await scrape(metricsPort);
    const res = await raw.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        {
          name: 'no-such-topic-for-metrics',
          partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'x' }]) }],
        },
      ],
    });
    assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const fetched = await raw.request(
      P.FetchApi,
      12,
      P.createFetchRequest({
        maxWaitMs: 0,
        maxBytes: 1024,
        topics: [
          P.createFetchRequestFetchTopic({
            topic: 'no-such-topic-for-metrics',
            partitions: [P.createFetchRequestFetchPartition({ partition: 0, partitionMaxBytes: 1024 })],
          }),
        ],
      }),
    );
    assert.is(fetched.responses[0]!.partitions[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const after = await scrape(metricsPort);
    const grew = (name: string) => num(after.value(name), name) - (before.value(name) ?? 0);
    assert.is(grew('kafka_server_brokertopicmetrics_failedproducerequests_total'), 1);
    assert.is(grew('kafka_server_brokertopicmetrics_failedfetchrequests_total'), 1);
    assert.is(grew('kafka_server_brokertopicmetrics_messagesin_total'), 0);
  } finally {
    raw.close();
  }
});

test('other paths are 404, other methods 405; HEAD has no body', async () => {
  assert.is((await httpGet(metricsPort, '/')).status, 404);
  assert.is((await httpGet(metricsPort, '/metrics/extra')).status, 404);
  assert.is((await httpGet(metricsPort, '/metric')).status, 404);
  assert.is((await httpGet(metricsPort, '/metrics', 'POST')).status, 405);
  const head = await httpGet(metricsPort, '/metrics', 'HEAD');
  assert.is(head.status, 200);
  assert.is(head.body, '');
  // Query strings are ignored, as scrapers may add them.
  assert.is((await httpGet(metricsPort, '/metrics?x=1')).status, 200);
});

test('the endpoint keeps at most 16 connections: a 17th is closed at once, and scrapes work again once one closes', async () => {
  const open = (): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const sock = net.connect(metricsPort, '127.0.0.1', () => resolve(sock));
      sock.once('error', reject);
    });
  const closedSoon = (sock: net.Socket, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (sock.destroyed) return resolve(true);
      const timer = setTimeout(() => resolve(false), ms);
      sock.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  const held: net.Socket[] = [];
  try {
    // Connections of earlier tests may linger (keep-alive): wait until the 16 idle ones are all held.
    for (let i = 0; i < 16; i++) held.push(await open());
    await new Promise((r) => setTimeout(r, 200));
    const extra = await open();
    assert.ok(await closedSoon(extra, 2000), 'the 17th connection is closed');
    extra.destroy();
  } finally {
    for (const s of held) s.destroy();
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.is((await httpGet(metricsPort, '/metrics')).status, 200);
});

test('metrics.max.series: a family shows at most N labelled series, and the rest are counted as dropped', async () => {
  const port = await freePort();
  const limited = await startBroker(['--metrics-listen', `127.0.0.1:${port}`, '--metrics-max-series', '4']);
  const c = new Client({ brokers: [limited.address] });
  try {
    const topic = uniqueTopic('series');
    await c.admin().createTopics([{ topic, numPartitions: 6 }]);
    const commit = (groupId: string, partitions: number[]) =>
      c.admin().setOffsets({
        groupId,
        topic,
        partitions: partitions.map((partition) => ({ partition, offset: 0 })),
      });
    // At the limit: four series, nothing dropped.
    await commit('g-a', [0, 1, 2, 3]);
    let m = await scrape(port);
    assert.is(m.samples('kafka_consumergroup_lag').size, 4);
    assert.is(m.value('runnel_metrics_series_dropped', { metric: 'kafka_consumergroup_lag' }), undefined);
    // Past it: still four, and three dropped.
    await commit('g-b', [0, 4, 5]);
    m = await scrape(port);
    assert.is(m.samples('kafka_consumergroup_lag').size, 4);
    assert.is(m.value('runnel_metrics_series_dropped', { metric: 'kafka_consumergroup_lag' }), 3);
  } finally {
    await c.close();
    await limited.dispose();
  }
});

test('a metrics port in use: the broker exits 1 naming it, before touching its data dir', async () => {
  const taken = net.createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
  const port = (taken.address() as net.AddressInfo).port;
  const dir = tempDataDir();
  try {
    let error = '';
    await startBroker(['--metrics-listen', `127.0.0.1:${port}`], dir).then(
      (b) => b.dispose(),
      (err: Error) => (error = err.message),
    );
    assert.match(error, /exited with 1 before listening/);
    assert.match(error, new RegExp(`cannot listen for metrics on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
    assert.equal(fs.readdirSync(dir), [], 'nothing written to the data dir');
  } finally {
    taken.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('metrics are off by default: no endpoint, and a bad --metrics-listen is a usage error (exit 2)', async () => {
  const plain = await startBroker([]);
  try {
    assert.not.match(plain.stderr(), /metrics at/);
  } finally {
    await plain.dispose();
  }
  let error = '';
  await startBroker(['--metrics-listen', 'nowhere']).then(
    (b) => b.dispose(),
    (err: Error) => (error = err.message),
  );
  assert.match(error, /exited with 2/);
  assert.match(error, /--metrics-listen: expected HOST:PORT/);
});

test.run();
