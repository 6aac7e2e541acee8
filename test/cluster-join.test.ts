// Growing a running cluster and refusing what does not belong: a broker started later with --peers joins the
// formed cluster as an observer (no second bootstrap), registers, and takes partitions of topics created
// after it; a topic deleted through it disappears everywhere. A broker whose data dir belongs to another
// cluster (here: a lone broker's) refuses to join, naming both cluster ids, and exits non-zero.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { startBroker, tempDataDir } from './helpers/broker.js';
import { kcat, uniqueTopic } from './helpers/client-broker.js';
import { eventually, JOINED, startCluster } from './helpers/cluster-procs.js';

test('a fourth broker joins a formed cluster as an observer, takes partitions, and deletes a topic everywhere', async () => {
  const c = await startCluster(3);
  try {
    const clusterId = JOINED.exec(c.node(1).log())![1]!;
    // It knows one peer only, and expects nobody: the cluster exists, so it joins it.
    const fourth = await c.add(4, { peers: [c.node(2).address] });
    const m = await fourth.waitForLog(JOINED, 30_000);
    assert.is(m[1], clusterId);
    assert.match(fourth.log(), /this broker is an observer|this node is an observer/);
    const client = new Client({ brokers: [fourth.address], clientId: 'join' });
    try {
      const topic = uniqueTopic('grown');
      await client.admin().createTopics([{ topic, numPartitions: 8 }]);
      let leaders: number[] = [];
      await eventually('the new topic has two partitions on each of the four brokers', async () => {
        const md = JSON.parse(await kcat(['-b', c.node(1).address, '-L', '-J', '-t', topic])) as {
          brokers: unknown[];
          topics: { partitions: { leader: number }[] }[];
        };
        leaders = md.topics[0]!.partitions.map((p) => p.leader);
        return md.brokers.length === 4 && leaders.length === 8;
      });
      for (const id of [1, 2, 3, 4])
        assert.is(leaders.filter((l) => l === id).length, 2, `leaders ${leaders}`);
      const sent = await client.producer().send(
        topic,
        Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      );
      assert.is(sent.length, 40);
      // The fourth broker holds logs only for its replicas: the default replication factor is min(3, live
      // brokers), so 8 partitions x 3 replicas spread evenly over 4 brokers.
      const dirs = readdirSync(fourth.dataDir).filter((d) => d.startsWith(`${topic}-`));
      assert.is(dirs.length, 6, `partition dirs on broker 4: ${dirs}`);
      await client.admin().deleteTopics([topic]);
      await eventually('the topic is gone from every broker and its logs removed', async () => {
        for (const n of c.nodes) {
          const md = JSON.parse(await kcat(['-b', n.address, '-L', '-J'])) as { topics: { topic: string }[] };
          if (md.topics.some((t) => t.topic === topic)) return false;
          if (readdirSync(n.dataDir).some((d) => d.startsWith(`${topic}-`) && !d.includes('delete')))
            return false;
        }
        return true;
      });
    } finally {
      await client.close();
    }
  } finally {
    await c.destroy();
  }
});

test('a topic config changed through one broker is described by every broker and applied to the hosted logs', async () => {
  const c = await startCluster(3);
  try {
    const topic = uniqueTopic('cfg');
    const via1 = new Client({ brokers: [c.node(1).address], clientId: 'cfg-1' });
    try {
      await via1.admin().createTopics([{ topic, numPartitions: 3 }]);
      await via1.admin().incrementalAlterConfigs({
        resources: [
          {
            type: 2,
            name: topic,
            configEntries: [
              { name: 'retention.ms', value: '123456' },
              { name: 'max.message.bytes', value: '2000' },
            ],
          },
        ],
      });
      // The same change again writes nothing: it must still be answered at once, not after a wait for a commit.
      const t0 = Date.now();
      await via1.admin().incrementalAlterConfigs({
        resources: [{ type: 2, name: topic, configEntries: [{ name: 'retention.ms', value: '123456' }] }],
      });
      assert.ok(Date.now() - t0 < 10_000, `a no-op change took ${Date.now() - t0} ms`);
    } finally {
      await via1.close();
    }
    for (const n of c.nodes) {
      const client = new Client({ brokers: [n.address], clientId: `cfg-${n.nodeId}` });
      try {
        await eventually(`broker ${n.nodeId} describes the new configs`, async () => {
          const { resources } = await client.admin().describeConfigs({
            resources: [{ type: 2, name: topic, configNames: ['retention.ms', 'max.message.bytes'] }],
          });
          const got = Object.fromEntries(
            resources[0]!.configEntries.map((e) => [e.configName, e.configValue]),
          );
          return got['retention.ms'] === '123456' && got['max.message.bytes'] === '2000';
        });
      } finally {
        await client.close();
      }
    }
    // Applied, not only stored: every partition's leader now refuses a batch over 2000 bytes.
    const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'cfg-produce' });
    try {
      for (let p = 0; p < 3; p++) {
        const err = await client
          .producer({ retries: 0 })
          .send(topic, [{ value: 'x'.repeat(5000), partition: p }])
          .then(
            () => null,
            (e: Error) => e,
          );
        assert.ok(
          err !== null && /MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/.test(err.message),
          `partition ${p}: ${err}`,
        );
      }
    } finally {
      await client.close();
    }
  } finally {
    await c.destroy();
  }
});

test("a lone broker's data dir (a cluster of one) given another cluster's --peers exits non-zero, naming both cluster ids", async () => {
  const dir = tempDataDir('runnel-foreign-');
  // Node 9, as it will try to join (a data dir of another node id is refused for that alone).
  const lone = await startBroker(['--node-id', '9'], dir);
  await lone.stop();
  assert.ok(existsSync(join(dir, 'meta.properties')));
  const c = await startCluster(3);
  try {
    const stray = await c.add(9, { dataDir: dir }).catch((err: Error) => err);
    // It stops as soon as it hears the others are of another cluster: at start, or right after.
    const refusal = /belongs to cluster \S+, but .* is of cluster \S+: refusing to join it/;
    if (stray instanceof Error) {
      assert.match(stray.message, refusal);
    } else {
      await stray.waitForLog(refusal, 30_000);
      await eventually('it exits', async () => !stray.alive());
      assert.is.not(stray.proc.exitCode, 0);
    }
    const md = JSON.parse(await kcat(['-b', c.node(1).address, '-L', '-J'])) as { brokers: { id: number }[] };
    assert.ok(!md.brokers.some((b) => b.id === 9), 'never registered');
  } finally {
    await c.destroy();
  }
});

test('SIGTERM of the last broker standing (no controller to hand over to) stops cleanly within the shutdown timeout', async () => {
  const c = await startCluster(3);
  try {
    await c.node(1).signal('SIGKILL');
    await c.node(2).signal('SIGKILL');
    const last = c.node(3);
    const t0 = Date.now();
    last.proc.kill('SIGTERM');
    await new Promise((r) => last.proc.once('exit', r));
    const took = Date.now() - t0;
    // Give the pipe a moment to deliver the last lines.
    await new Promise((r) => setTimeout(r, 200));
    assert.is(last.proc.exitCode, 0, last.log());
    // Logs flushed and closed (not an exit of an emptied event loop halfway through).
    assert.match(last.log(), /\[runnel:broker\] stopped/);
    assert.ok(took < 4000 + 900, `took ${took} ms`);
  } finally {
    await c.destroy();
  }
});

test.run();
