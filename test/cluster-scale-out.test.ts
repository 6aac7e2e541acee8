// Scaling out and back in under load (issue 14), end to end with the admin CLI: a 3-broker cluster with a
// topic of six partitions (replication factor 3, min.insync.replicas 2) takes writes from Runnel's idempotent
// producer and KafkaJS's while a Runnel group consumer reads. Two brokers join; `runnel cluster rebalance`
// moves replicas onto them (reassignment: new followers catch up, join the ISR, leaders move, old replicas go)
// until every broker holds three or four replicas and leaders are spread; then `runnel cluster decommission 5`
// drains a broker, which stops and is unregistered. No client may see an error, and every acknowledged value
// is in the topic exactly once.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { cli } from './helpers/cli.js';
import { kcat, uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const PARTITIONS = 6;
const ARGS = [
  '--replica-lag-time-max-ms',
  '5000',
  '--replica-fetch-backoff-ms',
  '100',
  '--leader-imbalance-check-interval-seconds',
  '2',
];
const eventually = eventuallyWithin(90_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let c: TestCluster;
test.before(async () => {
  c = await startCluster(3, { args: ARGS });
});
test.after(async () => {
  await c?.destroy();
});

test('grow from 3 to 5 brokers and rebalance, then decommission one, under load: no error, nothing lost', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'scale', retryBackoffMs: 100 });
  const topic = uniqueTopic('scale');
  const errors: string[] = [];
  let running = true;
  const loops: Promise<void>[] = [];
  const describe = async () => (await client.admin().describeTopics([topic]))[0]!.partitions;
  try {
    await eventually(
      'three brokers',
      async () => (await client.admin().describeCluster()).brokers.length === 3,
    );
    await client
      .admin()
      .createTopics([
        { topic, numPartitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
      ]);
    await eventually('every ISR complete', async () => (await describe()).every((p) => p.isr.length === 3));

    const acked: string[] = [];
    const producer = client.producer({ acks: 'all', idempotent: true });
    loops.push(
      (async () => {
        for (let i = 0; running; i += 10) {
          const records = Array.from({ length: 10 }, (_, j) => ({ value: `r${i + j}` }));
          try {
            await producer.send(topic, records);
            for (const r of records) acked.push(r.value);
          } catch (err) {
            errors.push(`runnel producer: ${(err as Error).message}`);
          }
          await sleep(20);
        }
      })(),
    );
    const kafka = new Kafka({
      clientId: 'scale-kjs',
      brokers: c.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    const kjs = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await kjs.connect();
    const kjsAcked: string[] = [];
    loops.push(
      (async () => {
        for (let i = 0; running; i += 5) {
          // One partition per send (KafkaJS's sequence numbers: see README "Compatibility").
          const partition = (i / 5) % PARTITIONS;
          const messages = Array.from({ length: 5 }, (_, j) => ({ value: `k${i + j}`, partition }));
          try {
            await kjs.send({ topic, acks: -1, messages });
            for (const m of messages) kjsAcked.push(m.value);
          } catch (err) {
            errors.push(`kafkajs producer: ${(err as Error).message}`);
          }
          await sleep(20);
        }
      })(),
    );
    const consumer = client.consumer({ groupId: uniqueTopic('scale-group'), autoOffsetReset: 'earliest' });
    consumer.on('error', (err: Error) => errors.push(`runnel group consumer: ${err.message}`));
    consumer.subscribe([topic]);
    const consumed = new Set<string>();
    consumer
      .run({
        eachBatch: async (b: { records: { value: Uint8Array | null }[] }) => {
          for (const r of b.records) consumed.add(Buffer.from(r.value!).toString());
        },
      })
      .catch((err: Error) => errors.push(`runnel group consumer stopped: ${err.message}`));
    await sleep(1000);

    // Grow: two more brokers, then rebalance with the CLI (it waits for the moves to finish).
    await c.add(4, { args: ARGS });
    await c.add(5, { args: ARGS });
    await eventually(
      'five brokers',
      async () => (await client.admin().describeCluster()).brokers.length === 5,
    );
    const rebalance = await cli(['cluster', 'rebalance', '-b', c.bootstrap], { timeoutMs: 120_000 });
    assert.is(rebalance.code, 0, rebalance.stderr + rebalance.stdout);
    const perBroker = (
      ps: Awaited<ReturnType<typeof describe>>,
      pick: (p: (typeof ps)[number]) => number[],
    ) => {
      const n = new Map<number, number>();
      for (const p of ps) for (const id of pick(p)) n.set(id, (n.get(id) ?? 0) + 1);
      return n;
    };
    const replicas = perBroker(await describe(), (p) => p.replicas);
    assert.equal(
      [1, 2, 3, 4, 5].map((id) => replicas.get(id) ?? 0).every((n) => n === 3 || n === 4),
      true,
      `replicas per broker ${JSON.stringify([...replicas])}`,
    );
    await eventually('every ISR complete and leaders spread over four or five brokers', async () => {
      const ps = await describe();
      const leaders = perBroker(ps, (p) => [p.leader]);
      return ps.every((p) => p.isr.length === 3) && [...leaders.values()].every((n) => n <= 2);
    });

    // Decommission broker 5: its replicas move away, it stops, and its registration goes.
    const drain = await cli(['cluster', 'decommission', '5', '-b', c.bootstrap], { timeoutMs: 120_000 });
    assert.is(drain.code, 0, drain.stderr + drain.stdout);
    assert.not.ok(
      (await describe()).some((p) => p.replicas.includes(5)),
      'broker 5 hosts nothing',
    );
    await c.node(5).signal('SIGTERM');
    await eventually('broker 5 unregistered', async () => {
      await client
        .admin()
        .unregisterBroker(5)
        .catch(() => {});
      return !(await client.admin().describeCluster()).brokers.some((b) => b.nodeId === 5);
    });
    await eventually('every ISR complete', async () => (await describe()).every((p) => p.isr.length === 3));
    await sleep(1000);

    running = false;
    await Promise.all(loops);
    await producer.close();
    await kjs.disconnect();
    assert.equal(errors, [], 'no client saw an error');
    const out = await kcat([
      '-C',
      '-b',
      c.bootstrap,
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n',
    ]);
    const counts = new Map<string, number>();
    for (const v of out.split('\n').filter((x) => x !== '')) counts.set(v, (counts.get(v) ?? 0) + 1);
    const expected = [...acked, ...kjsAcked];
    const missing = expected.filter((v) => !counts.has(v));
    const twice = [...counts].filter(([, n]) => n > 1).map(([v]) => v);
    assert.equal(
      missing.slice(0, 10),
      [],
      `${missing.length} of ${expected.length} acknowledged values missing`,
    );
    assert.equal(twice.slice(0, 10), [], `${twice.length} values written twice`);
    const until = Date.now() + 60_000;
    while (expected.some((v) => !consumed.has(v)) && Date.now() < until) await sleep(200);
    const unread = expected.filter((v) => !consumed.has(v));
    assert.equal(unread.slice(0, 10), [], `the group consumer missed ${unread.length} values`);
    await consumer.close();
  } finally {
    running = false;
    await client.close();
  }
});

test.run();
