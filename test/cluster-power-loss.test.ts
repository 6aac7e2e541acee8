// KIP-966 on real processes: the last ISR member loses power and comes back without the acknowledged records
// it held only in its page cache; the replica that still holds them (an eligible leader replica: it left
// the ISR while the ISR was below min.insync.replicas, so the high watermark stood still) leads instead,
// and every acknowledged record is read back at its offset. A topic of replication factor 2 on a
// 3-broker cluster, so the metadata quorum keeps a majority while one replica is stopped.
//
// Power loss here: SIGKILL, the leader's active segment cut back to where it was before the second batch
// (what a page cache not yet written back loses), and a new boot id (--boot-id-file), as after a machine
// restart. Without KIP-966 the restarted broker, still the ISR's last member, is elected on its shortened
// log and the other replica truncates the second batch away.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, type TestCluster } from './helpers/cluster-procs.js';
import {
  activeSegment,
  type PowerLossCluster,
  sendAcked,
  startPowerLossCluster,
  twoReplicaTopic,
} from './helpers/power-loss.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs');

const eventually = eventuallyWithin(60_000);
let lab: PowerLossCluster;
let c: TestCluster;
test.before(async () => {
  lab = await startPowerLossCluster(3);
  c = lab.cluster;
});
test.after(async () => {
  await lab?.destroy();
});

test('a power-lost last ISR member does not lead on what it lost: the eligible replica does', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'power', retryBackoffMs: 100 });
  const [leaderId, followerId] = [2, 3];
  const leader = c.node(leaderId);
  const follower = c.node(followerId);
  try {
    const { topic, describe } = await twoReplicaTopic(client, eventually, 3, [leaderId, followerId], 'power');

    const producer = client.producer({ acks: 'all' });
    const acked = new Map<number, string>();
    const send = (prefix: string, n: number) => sendAcked(producer, topic, acked, prefix, n);
    await send('a', 100);
    const segment = activeSegment(leader.dataDir, topic);
    const sizeAfterA = fs.statSync(segment).size;
    await send('b', 100);
    assert.ok(fs.statSync(segment).size > sizeAfterA, 'the second batch is in the leader segment');

    // The follower stops; the leader shrinks the ISR to itself (the follower becomes an eligible replica).
    await follower.signal('SIGSTOP');
    await eventually('the ISR shrinks to the leader', async () => {
      const p = await describe();
      return p.isr.length === 1 && p.isr[0] === leaderId;
    });
    await producer.close();

    // Power loss on the leader: the second batch was only in its page cache. It comes back while the
    // eligible replica is still stopped, so it is the only replica the controller could elect.
    await leader.signal('SIGKILL');
    fs.truncateSync(segment, sizeAfterA);
    lab.reboot(leaderId);
    await leader.restart();
    // Its new registration is unfenced (the old one lingers in the metadata until its session lapses).
    await leader.waitForLog(/broker \d+: unfenced/, 60_000);
    assert.not.ok(
      (await client.admin().describeCluster()).brokers.some((b) => b.nodeId === followerId),
      'the stopped replica is fenced',
    );
    assert.match(leader.log(), /registering as after an unclean shutdown/);
    // Time for an election that must not happen.
    await new Promise((r) => setTimeout(r, 2000));
    assert.is((await describe()).leader, -1, 'the power-lost broker is not elected on its shortened log');
    await follower.signal('SIGCONT');
    await eventually('the eligible replica leads', async () => (await describe()).leader === followerId);
    await eventually('the restarted broker rejoins the ISR', async () => (await describe()).isr.length === 2);

    const consumer = client.consumer({ autoOffsetReset: 'earliest' });
    consumer.assign([{ topic, partition: 0 }]);
    const read = new Map<number, string>();
    const deadline = Date.now() + 30_000;
    while (read.size < acked.size && Date.now() < deadline) {
      const batch = await consumer.nextBatch();
      for (const r of batch?.records ?? []) read.set(Number(r.offset), Buffer.from(r.value!).toString());
    }
    await consumer.close();
    const lost = [...acked].filter(([offset, value]) => read.get(offset) !== value);
    assert.equal(lost.slice(0, 5), [], `${lost.length} of ${acked.size} acknowledged records lost`);
    assert.is(read.size, 200);
  } finally {
    await client.close();
  }
});

test('a cluster-wide min.insync.replicas set live governs topics without their own (KafkaJS describes it)', async () => {
  const kafka = new Kafka({
    clientId: 'cluster-default',
    brokers: c.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const client = new Client({
    brokers: c.bootstrap.split(','),
    clientId: 'cluster-default',
    retryBackoffMs: 100,
  });
  const follower = c.node(3);
  try {
    await admin.connect();
    const topic = uniqueTopic('clusterdefault');
    await client.admin().createTopics([{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 3] }] }]);
    await eventually('the ISR holds both replicas', async () => {
      const [t] = await client.admin().describeTopics([topic]);
      return t?.partitions[0]?.isr.length === 2;
    });
    // Runnel's admin sets it (KafkaJS refuses the empty resource name on its own side); KafkaJS reads it back.
    const altered = await client.admin().alterConfigs({
      resources: [{ type: 4, name: '', configEntries: [{ name: 'min.insync.replicas', value: '2' }] }],
    });
    assert.is(altered.resources[0]!.errorCode, 0, JSON.stringify(altered));
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    const entry = described.resources[0].configEntries[0];
    assert.equal([entry.configValue, entry.configSource], ['2', 3], 'DYNAMIC_DEFAULT_BROKER_CONFIG');

    // One replica left in the ISR: acks=all is refused under the cluster default.
    await follower.signal('SIGSTOP');
    await eventually('the ISR shrinks to the leader', async () => {
      const [t] = await client.admin().describeTopics([topic]);
      return t?.partitions[0]?.isr.length === 1;
    });
    const producer = client.producer({ acks: 'all', retries: 0, deliveryTimeoutMs: 5000 });
    const err = await producer.send(topic, { partition: 0, value: 'x' }).then(
      () => null,
      (e: Error) => e,
    );
    await producer.close();
    assert.match(String(err?.message), /NOT_ENOUGH_REPLICAS/);
  } finally {
    await follower.signal('SIGCONT');
    await admin.disconnect();
    await client.close();
  }
});

test.run();
