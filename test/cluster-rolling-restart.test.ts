// A rolling restart under load (issue 14): five brokers, a topic of replication factor 3 and
// min.insync.replicas 2, and three producers writing throughout (Runnel's idempotent acks=all producer,
// KafkaJS's idempotent producer, librdkafka's through kcat) plus a Runnel group consumer. Each broker in turn
// gets SIGTERM (a controlled shutdown: the controller moves its leaderships away before it stops), exits 0,
// starts again and catches up into every ISR before the next one goes. No client may see an error, and
// afterwards every acknowledged value is in the topic exactly once.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { kcat, uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const BROKERS = 5;
const PARTITIONS = 6;
const eventually = eventuallyWithin(60_000);

let c: TestCluster;
test.before(async () => {
  c = await startCluster(BROKERS, {
    args: ['--replica-lag-time-max-ms', '5000', '--replica-fetch-backoff-ms', '100'],
  });
});
test.after(async () => {
  await c?.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('every broker restarted in turn under load: no client error, every acknowledged value once', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'rolling', retryBackoffMs: 100 });
  const topic = uniqueTopic('rolling');
  const errors: string[] = [];
  let running = true;
  const loops: Promise<void>[] = [];
  try {
    await eventually(
      'every broker registered',
      async () => (await client.admin().describeCluster()).brokers.length === BROKERS,
    );
    await client.admin().createTopics([
      {
        topic,
        numPartitions: PARTITIONS,
        replicationFactor: 3,
        configs: { 'min.insync.replicas': '2' },
      },
    ]);
    const fullIsr = async () => {
      const [t] = await client.admin().describeTopics([topic]);
      return (
        t !== undefined &&
        t.partitions.length === PARTITIONS &&
        t.partitions.every((p) => p.leader > 0 && p.isr.length === 3)
      );
    };
    await eventually('every ISR complete', fullIsr);

    // Runnel: idempotent, acks=all.
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

    // KafkaJS: idempotent, acks=-1.
    const kafka = new Kafka({
      clientId: 'rolling-kjs',
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
          // One partition per send: a KafkaJS send over partitions of several leaders that fails at one
          // rolls back the sequence numbers of all, and its next message to a partition that did take the
          // write reuses a sequence, which the broker (as Kafka) takes for a retry: that message is lost.
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

    // librdkafka: kcat -P, idempotent, lines fed as the test goes.
    const rdk = spawn(
      'kcat',
      [
        '-P',
        '-b',
        c.bootstrap,
        '-t',
        topic,
        '-X',
        'enable.idempotence=true',
        '-X',
        'acks=all',
        '-X',
        'message.timeout.ms=120000',
        '-X',
        'retry.backoff.ms=100',
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let rdkErr = '';
    rdk.stderr!.on('data', (d) => (rdkErr += d));
    const rdkExited = new Promise<number | null>((r) => rdk.on('exit', (code) => r(code)));
    const rdkSent: string[] = [];
    loops.push(
      (async () => {
        for (let i = 0; running; i += 20) {
          const lines = Array.from({ length: 20 }, (_, j) => `l${i + j}`);
          rdkSent.push(...lines);
          rdk.stdin!.write(`${lines.join('\n')}\n`);
          await sleep(50);
        }
        rdk.stdin!.end();
      })(),
    );

    // A group consumer reading throughout (it sees each value at least once).
    const consumer = client.consumer({ groupId: uniqueTopic('rolling-group'), autoOffsetReset: 'earliest' });
    consumer.on('error', (err: Error) => errors.push(`runnel group consumer: ${err.message}`));
    consumer.on('crash', (crash: { error: Error }) =>
      errors.push(`runnel group consumer crashed: ${crash.error.message}`),
    );
    consumer.subscribe([topic]);
    const consumed = new Set<string>();
    const consuming = consumer.run({
      eachBatch: async (b: { records: { value: Uint8Array | null }[] }) => {
        for (const r of b.records) consumed.add(Buffer.from(r.value!).toString());
      },
    });
    consuming.catch(() => {});

    await sleep(1000);
    for (const node of c.nodes) {
      const before = acked.length;
      await node.signal('SIGTERM');
      assert.is(node.proc.exitCode, 0, `broker ${node.nodeId} stopped cleanly:\n${node.log().slice(-2000)}`);
      assert.match(
        node.log(),
        /controlled shutdown|shutting-down/,
        `broker ${node.nodeId} shut down controlled`,
      );
      await node.restart();
      await eventually(`broker ${node.nodeId} back in every ISR`, fullIsr);
      await eventually(`writes go on after broker ${node.nodeId}`, async () => acked.length > before);
    }

    running = false;
    await Promise.all(loops);
    await producer.close();
    await kjs.disconnect();
    assert.is(await rdkExited, 0, rdkErr);
    const failed = (rdkErr.match(/Delivery failed|failed to produce/gi) ?? []).length;
    assert.is(failed, 0, `kcat reported failed deliveries: ${rdkErr.slice(0, 500)}`);
    assert.equal(errors, [], 'no client saw an error');

    // Every acknowledged value exactly once.
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
    const values = out.split('\n').filter((v) => v !== '');
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const expected = [...acked, ...kjsAcked, ...rdkSent];
    const missing = expected.filter((v) => !counts.has(v));
    const twice = [...counts].filter(([, n]) => n > 1).map(([v]) => v);
    assert.equal(
      missing.slice(0, 10),
      [],
      `${missing.length} of ${expected.length} acknowledged values missing`,
    );
    assert.equal(twice.slice(0, 10), [], `${twice.length} values written twice`);
    assert.ok(acked.length > 500 && kjsAcked.length > 200, `load ran: ${acked.length} + ${kjsAcked.length}`);
    const unread = () => expected.filter((v) => !consumed.has(v));
    const until = Date.now() + 60_000;
    while (unread().length > 0 && Date.now() < until) await sleep(200);
    assert.equal(
      unread().slice(0, 10),
      [],
      `the group consumer missed ${unread().length} of ${expected.length} values (read ${consumed.size})`,
    );
    await consumer.close();
  } finally {
    running = false;
    await client.close();
  }
});

test.run();
