// Metrics, DescribeLogDirs and DescribeProducers on a 3-broker cluster of real processes with a replicated
// topic: one active controller among the three, gossip sees three alive members, the leader counts the
// records produced and the bytes its followers fetch; a stopped follower makes the partition
// under-replicated (an ISR shrink) until it is back (an ISR expand); a partition whose only replica is
// down is offline on the active controller. Replicas report equal log sizes; only the leader describes
// the producers. A request's time splits into local and remote (acks=all, long polls); replication bytes
// out are per topic; the replication quotas show their rates and throttled bytes; consumer lag covers
// partitions with no replica on the group's coordinator.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode } from '../dist/client/index.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventually, freePort, startCluster, type TestCluster } from './helpers/cluster-procs.js';
import { type Scrape, scrape } from './helpers/metrics.js';

let c: TestCluster;
let client: Client;
const metricsPorts = new Map<number, number>();
/** Every replication factor 3 topic made here: a stopped broker is a replica of all their partitions. */
const rf3Topics: string[] = [];

test.before(async () => {
  while (metricsPorts.size < 3) {
    const p = await freePort();
    if (![...metricsPorts.values()].includes(p)) metricsPorts.set(metricsPorts.size + 1, p);
  }
  c = await startCluster(3, {
    // A short lag time: the leader shrinks the ISR (AlterPartition) before gossip has the broker fenced.
    // Small follower fetches: a follower coming back is behind (MaxLag) for many round trips.
    args: [
      '--replica-lag-time-max-ms',
      '1500',
      '--replica-fetch-backoff-ms',
      '100',
      '--replica-fetch-max-bytes',
      '65536',
      '--replica-fetch-response-max-bytes',
      '65536',
    ],
    argsFor: (id) => ['--metrics-listen', `127.0.0.1:${metricsPorts.get(id)}`],
  });
  client = new Client({ brokers: c.bootstrap.split(','), clientId: 'cluster-metrics' });
});

test.after(async () => {
  await client?.close();
  await c?.destroy();
});

const scrapeNode = (id: number): Promise<Scrape> => scrape(metricsPorts.get(id)!);
const value = (m: Scrape, name: string, labels?: Record<string, string>): number =>
  m.value(name, labels) ?? 0;

async function replicatedTopic(
  prefix: string,
): Promise<{ topic: string; leader: number; followers: number[] }> {
  await eventually(
    'three live brokers',
    async () => (await client.admin().describeCluster()).brokers.length === 3,
  );
  const topic = uniqueTopic(prefix);
  await client.admin().createTopics([{ topic, numPartitions: 1, replicationFactor: 3 }]);
  rf3Topics.push(topic);
  let leader = -1;
  let replicas: number[] = [];
  await eventually('a leader and a full ISR', async () => {
    const [t] = await client.admin().describeTopics([topic]);
    const p = t?.partitions[0];
    if (p === undefined || p.leader < 0 || p.isr.length !== 3) return false;
    leader = p.leader;
    replicas = p.replicas;
    return true;
  });
  return { topic, leader, followers: replicas.filter((r) => r !== leader) };
}

test('one active controller, three alive members, the same quorum leader on every broker', async () => {
  await eventually('every broker sees three alive members', async () => {
    for (const id of [1, 2, 3]) {
      if (value(await scrapeNode(id), 'runnel_gossip_members', { state: 'alive' }) !== 3) return false;
    }
    return true;
  });
  const scrapes = await Promise.all([1, 2, 3].map(scrapeNode));
  const active = scrapes.map((m) => value(m, 'kafka_controller_kafkacontroller_activecontrollercount'));
  assert.equal(
    active.reduce((a, b) => a + b),
    1,
    `active controller counts ${active}`,
  );
  const controller = active.indexOf(1) + 1;
  for (const m of scrapes) {
    assert.is(value(m, 'kafka_server_raftmetrics_current_leader'), controller);
    assert.ok(value(m, 'kafka_server_raftmetrics_current_epoch') >= 1);
    assert.ok(value(m, 'kafka_server_brokermetadatametrics_last_applied_record_offset') >= 0);
  }
  assert.is(value(scrapes[controller - 1]!, 'kafka_controller_kafkacontroller_activebrokercount'), 3);
});

test('the leader counts what producers write and followers fetch; replicas agree on the log size; only the leader describes producers', async () => {
  const { topic, leader, followers } = await replicatedTopic('cm');
  const before = await Promise.all([1, 2, 3].map(scrapeNode));
  const N = 120;
  const producer = client.producer({ acks: -1 });
  await producer.send(
    topic,
    Array.from({ length: N }, (_, i) => ({ value: `record-${i}` })),
  );
  await producer.close();
  const after = await Promise.all([1, 2, 3].map(scrapeNode));
  const grew = (id: number, name: string) => value(after[id - 1]!, name) - value(before[id - 1]!, name);
  assert.is(grew(leader, 'kafka_server_brokertopicmetrics_messagesin_total'), N);
  for (const f of followers) assert.is(grew(f, 'kafka_server_brokertopicmetrics_messagesin_total'), 0);
  const bytesIn = grew(leader, 'kafka_server_brokertopicmetrics_bytesin_total');
  // acks=all was answered once both followers had fetched the records.
  assert.ok(
    grew(leader, 'kafka_server_brokertopicmetrics_replicationbytesout_total') >= 2 * bytesIn,
    'both followers fetched the batches',
  );
  // Each follower appended what the leader took in (replication bytes in).
  for (const f of followers) {
    assert.ok(
      grew(f, 'kafka_server_brokertopicmetrics_replicationbytesin_total') >= bytesIn,
      `follower ${f} appended the batches`,
    );
  }
  assert.is(value(after[leader - 1]!, 'kafka_server_replicamanager_underreplicatedpartitions'), 0);
  for (const id of [1, 2, 3])
    assert.ok(value(after[id - 1]!, 'kafka_server_replicamanager_partitioncount') >= 1);

  // DescribeLogDirs: the three replicas hold logs of one size.
  await eventually('three replicas of one size', async () => {
    const dirs = await client.admin().describeLogDirs({ topics: [{ topic, partitions: [0] }] });
    const sizes = dirs.map((d) => d.logDirs[0]!.topics[0]?.partitions[0]?.size ?? -1);
    return dirs.length === 3 && sizes[0]! > 0 && sizes.every((s) => s === sizes[0]);
  });

  // DescribeProducers: the leader knows the idempotent producer; a follower answers NOT_LEADER_OR_FOLLOWER.
  const [fromLeader] = await client.admin().describeProducers([{ topic, partition: 0 }]);
  assert.is(fromLeader!.errorCode, ErrorCode.NONE);
  assert.is(fromLeader!.activeProducers.length, 1);
  assert.is(fromLeader!.activeProducers[0]!.lastSequence, N - 1);
  const [fromFollower] = await client.admin().describeProducers([{ topic, partition: 0 }], {
    brokerId: followers[0]!,
  });
  assert.is(fromFollower!.errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
});

test('a stopped follower: under-replicated (1 for one partition) and an ISR shrink on the leader, then 0 and an expand once it is back', async () => {
  const { topic, leader, followers } = await replicatedTopic('urp');
  const victim = c.node(followers[0]!);
  // Partitions the leader leads that the victim replicates: this topic's, and earlier tests' it leads.
  const described = await client.admin().describeTopics(rf3Topics);
  const expected = described.flatMap((t) => t.partitions).filter((p) => p.leader === leader).length;
  const start = await scrapeNode(leader);
  const shrinksBefore = value(start, 'kafka_server_replicamanager_isrshrinks_total');
  const expandsBefore = value(start, 'kafka_server_replicamanager_isrexpands_total');
  assert.is(value(start, 'kafka_server_replicamanager_underreplicatedpartitions'), 0);
  await victim.signal('SIGKILL');
  try {
    await eventually(`the leader reports ${expected} under-replicated partition(s)`, async () => {
      const m = await scrapeNode(leader);
      return value(m, 'kafka_server_replicamanager_underreplicatedpartitions') === expected;
    });
    const m = await scrapeNode(leader);
    assert.ok(
      value(m, 'kafka_server_replicamanager_isrshrinks_total') > shrinksBefore,
      'an ISR shrink counted',
    );
    await eventually('gossip on the leader declares the follower dead', async () => {
      const g = await scrapeNode(leader);
      return value(g, 'runnel_gossip_members', { state: 'dead' }) === 1;
    });
    // Writes keep going with two of three replicas; 16 MB that the victim will have to catch up on.
    const producer = client.producer({ acks: -1 });
    await producer.send(topic, [{ value: 'while one is down' }]);
    const value4k = Buffer.alloc(4096, 120);
    for (let i = 0; i < 8; i++) {
      await producer.send(
        topic,
        Array.from({ length: 500 }, () => ({ value: value4k })),
      );
    }
    await producer.close();
  } finally {
    await victim.restart();
  }
  // The returning follower copies the 16 MB written while it was down (its replication bytes in, counted
  // since its restart, show it), and then its fetcher reports no lag. Whether a scrape catches the lag above
  // 0 on the way depends on timing, so only the end state is asserted.
  await eventually('the returning follower copies what it missed and reports no lag', async () => {
    const m = await scrapeNode(victim.nodeId).catch(() => null);
    if (m === null) return false;
    const copied = value(m, 'kafka_server_brokertopicmetrics_replicationbytesin_total');
    return copied >= 8 * 500 * 4096 && m.value('kafka_server_replicafetchermanager_maxlag') === 0;
  });
  await eventually('the partition is fully replicated again', async () => {
    const m = await scrapeNode(leader);
    return value(m, 'kafka_server_replicamanager_underreplicatedpartitions') === 0;
  });
  const end = await scrapeNode(leader);
  assert.ok(
    value(end, 'kafka_server_replicamanager_isrexpands_total') > expandsBefore,
    'an ISR expand counted',
  );
});

test('a partition whose only replica is down is offline on the active controller', async () => {
  await eventually(
    'three live brokers',
    async () => (await client.admin().describeCluster()).brokers.length === 3,
  );
  const controllerOf = async () => {
    for (const id of [1, 2, 3]) {
      if (!c.node(id).alive()) continue;
      const m = await scrapeNode(id).catch(() => null);
      if (m !== null && value(m, 'kafka_controller_kafkacontroller_activecontrollercount') === 1) return id;
    }
    return -1;
  };
  let controller = -1;
  await eventually('an active controller', async () => (controller = await controllerOf()) > 0);
  // Partitions until one has its only replica away from the controller (placement spreads them).
  const topic = uniqueTopic('offline');
  await client.admin().createTopics([{ topic, numPartitions: 3, replicationFactor: 1 }]);
  let victim = -1;
  await eventually('leaders for the single-replica partitions', async () => {
    const [t] = await client.admin().describeTopics([topic]);
    const leaders = t?.partitions.map((p) => p.leader) ?? [];
    if (leaders.length !== 3 || leaders.some((l) => l < 0)) return false;
    victim = leaders.find((l) => l !== controller) ?? -1;
    return true;
  });
  assert.ok(victim > 0, 'some partition lives off the controller');
  const [t] = await client.admin().describeTopics([topic]);
  const onVictim = t!.partitions.filter((p) => p.leader === victim).length;
  assert.is(
    value(await scrapeNode(controller), 'kafka_controller_kafkacontroller_offlinepartitionscount'),
    0,
  );
  const node = c.node(victim);
  await node.signal('SIGKILL');
  try {
    await eventually('the controller counts the offline partitions', async () => {
      const m = await scrapeNode(controller);
      return (
        value(m, 'kafka_controller_kafkacontroller_offlinepartitionscount') === onVictim &&
        value(m, 'kafka_controller_kafkacontroller_fencedbrokercount') === 1
      );
    });
    // Only the active controller reports them, as in Kafka.
    for (const id of [1, 2, 3]) {
      if (id === controller || id === victim) continue;
      assert.is(value(await scrapeNode(id), 'kafka_controller_kafkacontroller_offlinepartitionscount'), 0);
    }
  } finally {
    await node.restart();
  }
  await eventually('back online', async () => {
    const m = await scrapeNode(controller);
    return value(m, 'kafka_controller_kafkacontroller_offlinepartitionscount') === 0;
  });
});

test('request time split into local and remote; per-topic replication bytes; replication quota metrics', async () => {
  const { topic, leader, followers } = await replicatedTopic('split');
  const before = await scrapeNode(leader);
  const producer = client.producer({ acks: -1 });
  for (let i = 0; i < 20; i++) await producer.send(topic, [{ value: `v${i}` }]);
  await producer.close();
  const m = await scrapeNode(leader);
  const produce = { request: 'Produce' };
  const count = (s: Scrape, name: string) => value(s, `${name}_count`, produce);
  const sum = (s: Scrape, name: string) => value(s, `${name}_sum`, produce);
  const total = 'kafka_network_requestmetrics_totaltime_seconds';
  const local = 'kafka_network_requestmetrics_localtime_seconds';
  const remote = 'kafka_network_requestmetrics_remotetime_seconds';
  const produced = count(m, total) - count(before, total);
  assert.ok(produced >= 20, `${produced} produce requests timed`);
  assert.is(count(m, local) - count(before, local), produced);
  assert.is(count(m, remote) - count(before, remote), produced);
  // acks=all waits for the followers: remote time; the rest is local, and the two make the total.
  const remoteSum = sum(m, remote) - sum(before, remote);
  const localSum = sum(m, local) - sum(before, local);
  const totalSum = sum(m, total) - sum(before, total);
  assert.ok(remoteSum > 0, `remote ${remoteSum}`);
  assert.ok(
    Math.abs(localSum + remoteSum - totalSum) < 0.001 * produced + 1e-6,
    `${localSum} + ${remoteSum} vs ${totalSum}`,
  );
  // Followers' long polls wait in the fetch purgatory: remote time of Fetch on the leader.
  assert.ok(value(m, `${remote}_sum`, { request: 'Fetch' }) > 0);
  assert.ok(
    value(m, 'kafka_server_brokertopicmetrics_replicationbytesout_total', { topic }) > 0,
    'replication bytes out per topic',
  );
  await eventually('replication bytes in per topic on a follower', async () => {
    const f = await scrapeNode(followers[0]!);
    return value(f, 'kafka_server_brokertopicmetrics_replicationbytesin_total', { topic }) > 0;
  });

  // Quotas: the rates show live; throttled bytes move on both sides when a follower catches up.
  const admin = client.admin();
  await admin.incrementalAlterConfigs({
    resources: [
      {
        type: 4,
        name: '',
        configEntries: [
          { name: 'leader.replication.throttled.rate', value: '50000000', operation: 'set' },
          { name: 'follower.replication.throttled.rate', value: '50000000', operation: 'set' },
        ],
      },
      {
        type: 2,
        name: topic,
        configEntries: [
          { name: 'leader.replication.throttled.replicas', value: '*', operation: 'set' },
          { name: 'follower.replication.throttled.replicas', value: '*', operation: 'set' },
        ],
      },
    ],
  });
  await eventually('every broker shows the rates', async () => {
    for (const n of c.nodes) {
      const s = await scrapeNode(n.nodeId);
      for (const side of ['leader', 'follower'])
        if (value(s, 'runnel_replication_throttle_rate_bytes', { side }) !== 50_000_000) return false;
    }
    return true;
  });
  const victim = c.node(followers[0]!);
  await victim.signal('SIGTERM');
  const big = client.producer({ acks: 1 });
  const value64k = Buffer.alloc(65536, 121);
  for (let i = 0; i < 16; i++)
    await big.send(
      topic,
      Array.from({ length: 4 }, () => ({ value: value64k })),
    );
  await big.close();
  const leaderBefore = value(await scrapeNode(leader), 'runnel_replication_throttled_bytes_total', {
    side: 'leader',
  });
  await victim.restart();
  await eventually('the follower copied what it missed under both quotas', async () => {
    const f = await scrapeNode(victim.nodeId).catch(() => null);
    const l = await scrapeNode(leader);
    return (
      f !== null &&
      value(f, 'runnel_replication_throttled_bytes_total', { side: 'follower' }) >= 4 * 1024 * 1024 &&
      value(l, 'runnel_replication_throttled_bytes_total', { side: 'leader' }) - leaderBefore >=
        4 * 1024 * 1024
    );
  });
  await admin.incrementalAlterConfigs({
    resources: [
      {
        type: 4,
        name: '',
        configEntries: [
          { name: 'leader.replication.throttled.rate', value: null, operation: 'delete' },
          { name: 'follower.replication.throttled.rate', value: null, operation: 'delete' },
        ],
      },
    ],
  });
  await eventually('rates back to none', async () => {
    const s = await scrapeNode(leader);
    return value(s, 'runnel_replication_throttle_rate_bytes', { side: 'leader' }) === 0;
  });
});

test('consumer lag covers every partition of a group, also those with no replica on its coordinator', async () => {
  const topic = uniqueTopic('lag');
  await client.admin().createTopics([
    {
      topic,
      numPartitions: 3,
      replicationFactor: 1,
      replicaAssignment: [
        { partition: 0, replicas: [1] },
        { partition: 1, replicas: [2] },
        { partition: 2, replicas: [3] },
      ],
    },
  ]);
  const producer = client.producer({ acks: -1 });
  for (const partition of [0, 1, 2])
    await producer.send(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `${i}`, partition })),
    );
  await producer.close();
  const groupId = uniqueTopic('lag-group');
  await client.admin().setOffsets({
    groupId,
    topic,
    partitions: [0, 1, 2].map((partition) => ({ partition, offset: 4 })),
  });
  await eventually('the coordinator reports lag 6 for all three partitions', async () => {
    const lags = new Map<string, number>();
    for (const n of c.nodes) {
      const s = await scrapeNode(n.nodeId);
      for (const p of ['0', '1', '2']) {
        const v = s.value('kafka_consumergroup_lag', { consumergroup: groupId, topic, partition: p });
        if (v !== undefined) lags.set(`${n.nodeId}/${p}`, v);
      }
    }
    return lags.size === 3 && [...lags.values()].every((v) => v === 6);
  });
});

test.run();
