// A rolling restart under load (issue 14): five brokers, a topic of replication factor 3 and
// min.insync.replicas 2, Runnel's and KafkaJS's idempotent producers and a Runnel group consumer throughout
// (helpers/traffic.ts), plus librdkafka's producer through kcat. Each broker in turn gets SIGTERM (a
// controlled shutdown: the controller moves its leaderships away before it stops), exits 0, starts again and
// catches up into every ISR before the next one goes. No client may see an error, and afterwards every
// acknowledged value is in the topic exactly once.
import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, startCluster, type TestCluster } from './helpers/cluster-procs.js';
import { startTraffic } from './helpers/traffic.js';

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
  try {
    await eventually(
      'every broker registered',
      async () => (await client.admin().describeCluster()).brokers.length === BROKERS,
    );
    await client
      .admin()
      .createTopics([
        { topic, numPartitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
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
    const traffic = await startTraffic({ client, bootstrap: c.bootstrap, topic, partitions: PARTITIONS });

    // librdkafka: kcat -P, idempotent, lines fed as the test goes.
    const rdk = spawn(
      'kcat',
      ['-P', '-b', c.bootstrap, '-t', topic, '-X', 'enable.idempotence=true', '-X', 'acks=all'].concat([
        '-X',
        'message.timeout.ms=120000',
        '-X',
        'retry.backoff.ms=100',
      ]),
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let rdkErr = '';
    rdk.stderr!.on('data', (d) => (rdkErr += d));
    const rdkExited = new Promise<number | null>((r) => rdk.on('exit', (code) => r(code)));
    const rdkSent: string[] = [];
    let feeding = true;
    const feed = (async () => {
      for (let i = 0; feeding; i += 20) {
        const lines = Array.from({ length: 20 }, (_, j) => `l${i + j}`);
        rdkSent.push(...lines);
        rdk.stdin!.write(`${lines.join('\n')}\n`);
        await sleep(50);
      }
      rdk.stdin!.end();
    })();

    await sleep(1000);
    for (const node of c.nodes) {
      const before = traffic.acked().length;
      await node.signal('SIGTERM');
      assert.is(node.proc.exitCode, 0, `broker ${node.nodeId} stopped cleanly:\n${node.log().slice(-2000)}`);
      assert.match(
        node.log(),
        /controlled shutdown|shutting-down/,
        `broker ${node.nodeId} shut down controlled`,
      );
      await node.restart();
      await eventually(`broker ${node.nodeId} back in every ISR`, fullIsr);
      await eventually(
        `writes go on after broker ${node.nodeId}`,
        async () => traffic.acked().length > before,
      );
    }

    feeding = false;
    await feed;
    await traffic.stop();
    assert.is(await rdkExited, 0, rdkErr);
    const failed = (rdkErr.match(/Delivery failed|failed to produce/gi) ?? []).length;
    assert.is(failed, 0, `kcat reported failed deliveries: ${rdkErr.slice(0, 500)}`);
    assert.equal(traffic.errors, [], 'no client saw an error');
    await traffic.check(rdkSent);
  } finally {
    await client.close();
  }
});

test.run();
