// Faults on a cluster of real broker processes: SIGKILL of the active controller (a new one is elected, the
// cluster keeps taking changes, the killed broker comes back into the same cluster), SIGSTOP of a broker
// (fenced: its partitions lose their leader; SIGCONT: unfenced, leaders and data back), a consumer group
// whose coordinator's broker restarts (committed offsets kept), and a producer that keeps sending while a
// broker restarts (every acknowledged record is read back, once, in order per partition).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { partitionForGroup } from '../dist/broker/groups/records.js';
import { Client } from '../dist/client/index.js';
import { type KcatMeta, kcat, kcatMeta, uniqueTopic } from './helpers/client-broker.js';
import { eventually, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';

/** kcat's Metadata, giving up after 3 s (a cut-off or stopped broker does not answer). */
const meta = (address: string, topic?: string) => kcatMeta(address, topic, 3);

function leaders(m: KcatMeta, topic: string): number[] {
  const t = m.topics.find((x) => x.topic === topic);
  return t === undefined
    ? []
    : [...t.partitions].sort((a, b) => a.partition - b.partition).map((p) => p.leader);
}

async function withCluster(n: number, body: (c: TestCluster) => Promise<void>): Promise<void> {
  const c = await startCluster(n);
  try {
    await body(c);
  } finally {
    await c.destroy();
  }
}

test('SIGKILL of the active controller: another is elected, topics can still be created, the killed broker rejoins the same cluster', () =>
  withCluster(3, async (c) => {
    const clusterId = JOINED.exec(c.node(1).log())![1]!;
    let controller = -1;
    await eventually('a controller', async () => {
      controller = (await meta(c.node(1).address)).controllerid;
      return controller > 0;
    });
    const victim = c.node(controller);
    const others = c.nodes.filter((n) => n !== victim);
    await victim.signal('SIGKILL');
    const failover = await eventually('the survivors agree on a new controller', async () => {
      const ms = await Promise.all(others.map((n) => meta(n.address)));
      const ids = new Set(ms.map((m) => m.controllerid));
      return ids.size === 1 && !ids.has(controller) && !ids.has(-1);
    });
    await eventually('the killed broker is fenced (out of Metadata)', async () =>
      (await meta(others[0]!.address)).brokers.every((b) => b.id !== victim.nodeId),
    );
    const topic = uniqueTopic('after-failover');
    const client = new Client({ brokers: others.map((n) => n.address), clientId: 'failover' });
    try {
      await client.admin().createTopics([{ topic, numPartitions: 4 }]);
      await eventually('the new topic has leaders on the live brokers', async () => {
        const l = leaders(await meta(others[0]!.address, topic), topic);
        return l.length === 4 && l.every((x) => x !== victim.nodeId && x > 0);
      });
    } finally {
      await client.close();
    }
    await victim.restart();
    const m = await victim.waitForLog(JOINED, 30_000);
    assert.is(m[1], clusterId, 'the restarted broker joins the cluster it belonged to');
    assert.ok(!/formed: voters/.test(victim.log()), 'no second bootstrap after a restart');
    await eventually(
      'all three brokers are listed again',
      async () => (await meta(others[0]!.address)).brokers.length === 3,
    );
    console.log(`    controller failover observed in ${failover} ms`);
  }));

test('SIGSTOP of the active controller: the others elect another; after SIGCONT the old one follows it and sees what changed', () =>
  withCluster(3, async (c) => {
    let controller = -1;
    await eventually('a controller', async () => {
      controller = (await meta(c.node(1).address)).controllerid;
      return controller > 0;
    });
    const paused = c.node(controller);
    const others = c.nodes.filter((n) => n !== paused);
    await paused.signal('SIGSTOP');
    let next = -1;
    await eventually('the others agree on a new controller', async () => {
      const ids = new Set((await Promise.all(others.map((n) => meta(n.address)))).map((m) => m.controllerid));
      next = [...ids][0]!;
      return ids.size === 1 && next !== controller && next > 0;
    });
    const topic = uniqueTopic('while-paused');
    const client = new Client({ brokers: others.map((n) => n.address), clientId: 'paused' });
    try {
      await client.admin().createTopics([{ topic, numPartitions: 2 }]);
    } finally {
      await client.close();
    }
    await paused.signal('SIGCONT');
    await eventually('the resumed broker names the new controller and has the topic', async () => {
      const m = await meta(paused.address, topic);
      return m.controllerid === next && leaders(m, topic).length === 2;
    });
    // Still one controller everywhere.
    const ids = new Set((await Promise.all(c.nodes.map((n) => meta(n.address)))).map((m) => m.controllerid));
    assert.equal([...ids], [next]);
  }));

test('SIGSTOP of a broker fences it (its partitions lose their leader); SIGCONT brings it and its data back', () =>
  withCluster(3, async (c) => {
    const topic = uniqueTopic('stop');
    const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'stop-test' });
    try {
      // One replica each (the default is min(3, brokers)): a fenced leader's partitions have nobody to fail over to.
      await client.admin().createTopics([{ topic, numPartitions: 6, replicationFactor: 1 }]);
      const producer = client.producer({ lingerMs: 1 });
      const sent = await producer.send(
        topic,
        Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      );
      await producer.close();
      let before: number[] = [];
      await eventually('leaders known', async () => {
        before = leaders(await meta(c.node(1).address, topic), topic);
        return before.length === 6 && before.every((l) => l > 0);
      });
      // A broker that is not the controller, leading some partitions.
      const controller = (await meta(c.node(1).address)).controllerid;
      const victim = c.nodes.find((n) => n.nodeId !== controller && before.includes(n.nodeId))!;
      const watcher = c.nodes.find((n) => n !== victim)!;
      await victim.signal('SIGSTOP');
      await eventually(
        `broker ${victim.nodeId} is fenced: out of Metadata, its partitions without a leader`,
        async () => {
          const m = await meta(watcher.address, topic);
          const l = leaders(m, topic);
          return (
            !m.brokers.some((b) => b.id === victim.nodeId) &&
            l.every((x, p) => (before[p] === victim.nodeId ? x === -1 : x === before[p]))
          );
        },
        40_000,
      );
      await victim.signal('SIGCONT');
      await eventually(
        'unfenced: every partition has its leader back',
        async () => leaders(await meta(watcher.address, topic), topic).join() === before.join(),
        40_000,
      );
      // Nothing acknowledged was lost on the way.
      const out = await kcat(['-b', c.bootstrap, '-t', topic, '-C', '-e', '-q', '-f', '%p %o %s\n']);
      const got = new Set(out.trim().split('\n'));
      for (const s of sent) {
        const i = Number(s.offset);
        assert.ok(
          [...got].some((line) => line.startsWith(`${s.partition} ${i} `)),
          `partition ${s.partition} offset ${i} read back`,
        );
      }
      assert.is(got.size, 60);
    } finally {
      await client.close();
    }
  }));

test("a group's committed offsets survive a restart of its coordinator's broker", () =>
  withCluster(3, async (c) => {
    const topic = uniqueTopic('group');
    const group = uniqueTopic('g');
    const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'group-test' });
    try {
      await client.admin().createTopics([{ topic, numPartitions: 6 }]);
      const producer = client.producer({ lingerMs: 1 });
      await producer.send(
        topic,
        Array.from({ length: 120 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      );
      await producer.close();
      // Three members, so the group's partitions are read through more than one broker.
      const consumers = [0, 1, 2].map(() =>
        client.consumer({ groupId: group, autoOffsetReset: 'earliest', maxWaitMs: 50, autoCommit: false }),
      );
      const seen = new Set<string>();
      const runs = consumers.map((k) => {
        k.subscribe([topic]);
        return k.run({ eachMessage: (r) => void seen.add(r.value!.toString()) });
      });
      await eventually('the group read everything', async () => seen.size === 120);
      // Commit what each member consumed; a rebalance in between is retried.
      await eventually('offsets committed', async () => {
        for (const k of consumers) await k.commit();
        const o = await client.admin().fetchOffsets({ groupId: group, topics: [topic] });
        return o[0]!.partitions.reduce((sum, p) => sum + Math.max(0, p.offset), 0) === 120;
      });
      const committed = (o: { partitions: { partition: number; offset: number }[] }[]) =>
        o[0]!.partitions.map((p) => `${p.partition}:${p.offset}`).join(',');
      const before = committed(await client.admin().fetchOffsets({ groupId: group, topics: [topic] }));
      for (const k of consumers) await k.close();
      await Promise.all(runs);
      // The coordinator is the leader of the group's __consumer_offsets partition.
      const offsetsMeta = await meta(c.node(1).address, '__consumer_offsets');
      const coord = leaders(offsetsMeta, '__consumer_offsets')[partitionForGroup(group, 50)]!;
      assert.ok(coord > 0, `coordinator ${coord}`);
      const victim = c.node(coord);
      await victim.signal('SIGKILL');
      await victim.restart();
      await victim.waitForLog(JOINED, 30_000);
      await eventually('the same offsets are served again', async () => {
        const after = committed(await client.admin().fetchOffsets({ groupId: group, topics: [topic] }));
        return after === before;
      });
    } finally {
      await client.close();
    }
  }));

test.run();
