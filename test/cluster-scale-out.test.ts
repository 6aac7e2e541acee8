// Scaling out and back in under load (issue 14), end to end with the admin CLI: a 3-broker cluster with a
// topic of six partitions (replication factor 3, min.insync.replicas 2) takes writes from Runnel's idempotent
// producer and KafkaJS's while a Runnel group consumer reads (helpers/traffic.ts). Two brokers join;
// `runnel cluster rebalance` moves replicas onto them (reassignment: new followers catch up, join the ISR,
// leaders move, old replicas go) until every broker holds three or four replicas and leaders are spread; then
// `runnel cluster decommission 5` drains a broker, which stops and is unregistered. No client may see an
// error, and every acknowledged value is in the topic exactly once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { cli } from './helpers/cli.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, startCluster, type TestCluster } from './helpers/cluster-procs.js';
import { startTraffic } from './helpers/traffic.js';

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

/** How many of `pick(p)` each broker has over the partitions. */
function perBroker<P>(ps: readonly P[], pick: (p: P) => number[]): Map<number, number> {
  const n = new Map<number, number>();
  for (const p of ps) for (const id of pick(p)) n.set(id, (n.get(id) ?? 0) + 1);
  return n;
}

test('grow from 3 to 5 brokers and rebalance, then decommission one, under load: no error, nothing lost', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'scale', retryBackoffMs: 100 });
  const topic = uniqueTopic('scale');
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
    const traffic = await startTraffic({ client, bootstrap: c.bootstrap, topic, partitions: PARTITIONS });
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
    // The broker that answers describe() may apply the last moves' metadata a moment after the CLI saw them.
    let replicas = new Map<number, number>();
    await eventually('three or four replicas on every broker', async () => {
      replicas = perBroker(await describe(), (p) => p.replicas);
      return [1, 2, 3, 4, 5].every((id) => [3, 4].includes(replicas.get(id) ?? 0));
    }).catch(() => {});
    assert.ok(
      [1, 2, 3, 4, 5].every((id) => [3, 4].includes(replicas.get(id) ?? 0)),
      `replicas per broker ${JSON.stringify([...replicas])}`,
    );
    await eventually('every ISR complete and leaders spread over four or five brokers', async () => {
      const ps = await describe();
      return (
        ps.every((p) => p.isr.length === 3) &&
        [...perBroker(ps, (p) => [p.leader]).values()].every((n) => n <= 2)
      );
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

    await traffic.stop();
    assert.equal(traffic.errors, [], 'no client saw an error');
    await traffic.check();
  } finally {
    await client.close();
  }
});

test.run();
