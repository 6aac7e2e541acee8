// The controller side of replication on real broker processes (automatic rebalancing off in the first
// cluster, so that only the test moves leaders): a topic of
// replication factor 3; a tiny client acting as the partition's leader sends AlterPartition through a broker
// that is neither the controller nor the leader (forwarded to the controller) and the ISR shrinks; the
// real leader, seeing the follower caught up, asks for it back through its own BrokerCluster.alterPartition
// (it is not the controller either) and every broker's Metadata (kcat) shows the whole ISR; stale and
// foreign asks are refused. The preferred leader is killed, leadership moves to the next ISR member, the
// preferred one returns, is taken back in by the new leader, and ElectLeaders PREFERRED makes it lead again
// on every broker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AlterPartitionResponse } from '../dist/protocol/generated/alter-partition.js';
import {
  AlterPartitionApi,
  CreateTopicsApi,
  ElectLeadersApi,
  FindCoordinatorApi,
} from '../dist/protocol/generated/api-keys.js';
import { startBroker } from './helpers/broker.js';
import { kcat, kcatMeta } from './helpers/client-broker.js';
import {
  type ClusterNodeProc,
  eventuallyWithin,
  requestTo,
  startCluster,
  type TestCluster,
} from './helpers/cluster-procs.js';

const TOPIC = 'replicated';

let cluster: TestCluster;

async function partitionOn(node: { address: string }, topic = TOPIC, index = 0) {
  const meta = await kcatMeta(node.address, topic);
  const p = meta.topics.find((t) => t.topic === topic)?.partitions.find((x) => x.partition === index);
  return p === undefined
    ? null
    : { leader: p.leader, replicas: p.replicas.map((r) => r.id), isr: p.isrs.map((r) => r.id) };
}

const eventually = eventuallyWithin(20_000);

/** Every broker's Metadata shows the partition so. */
function everywhere(want: { leader: number; isr: number[] }): Promise<number> {
  return eventually(`every broker shows leader ${want.leader} ISR [${want.isr}]`, async () => {
    const all = await Promise.all(cluster.nodes.filter((n) => n.alive()).map((n) => partitionOn(n)));
    return all.every((p) => p !== null && p.leader === want.leader && p.isr.join() === want.isr.join());
  });
}

/** The broker epoch a node registered with last (its lifecycle logs it). */
function brokerEpoch(node: ClusterNodeProc): number {
  const all = [...node.log().matchAll(/registered with broker epoch (\d+)/g)];
  assert.ok(all.length > 0, `node ${node.nodeId} logged its registration`);
  return Number(all[all.length - 1]![1]);
}

async function alterIsr(
  via: ClusterNodeProc,
  leader: ClusterNodeProc,
  topicId: string,
  epochs: { leaderEpoch: number; partitionEpoch: number },
  newIsr: number[],
) {
  const res: AlterPartitionResponse = await requestTo(
    via,
    AlterPartitionApi,
    {
      brokerId: leader.nodeId,
      brokerEpoch: brokerEpoch(leader),
      topics: [
        {
          topicName: '',
          topicId,
          partitions: [
            {
              partitionIndex: 0,
              leaderEpoch: epochs.leaderEpoch,
              newIsr,
              newIsrWithEpochs: [],
              leaderRecoveryState: 0,
              partitionEpoch: epochs.partitionEpoch,
            },
          ],
        },
      ],
    },
    2,
  );
  return { top: res.errorCode, p: res.topics[0]?.partitions[0] };
}

function electPreferred(via: ClusterNodeProc) {
  return requestTo(
    via,
    ElectLeadersApi,
    { electionType: 0, topicPartitions: [{ topic: TOPIC, partitions: [0] }], timeoutMs: 30_000 },
    2,
  ).then((r) => r.replicaElectionResults[0]!.partitionResult[0]!.errorCode);
}

test.before(async () => {
  cluster = await startCluster(3, {
    args: [
      '--auto-leader-rebalance-enable',
      'false',
      '--offsets-topic-replication-factor',
      '5',
      '--offsets-topic-partitions',
      '2',
    ],
  });
});

test.after(async () => {
  await cluster?.destroy();
});

/**
 * The partition's leader epoch and partition epoch now, found without changing anything: an ask with an
 * empty ISR is refused for its epochs first (FENCED_LEADER_EPOCH below, INVALID_UPDATE_VERSION below) and
 * only at the right ones for the ISR (INVALID_REQUEST).
 */
async function epochsNow(via: ClusterNodeProc, leader: ClusterNodeProc, topicId: string) {
  let leaderEpoch = 0;
  let partitionEpoch = 0;
  for (let i = 0; i < 200; i++) {
    const r = await alterIsr(via, leader, topicId, { leaderEpoch, partitionEpoch }, []);
    const code = r.top !== 0 ? r.top : r.p?.errorCode;
    if (code === 74) leaderEpoch++;
    else if (code === 95) partitionEpoch++;
    else if (code === 42) return { leaderEpoch, partitionEpoch };
    else throw new Error(`probing epochs at ${leaderEpoch}/${partitionEpoch}: error ${code}`);
  }
  throw new Error('no epochs found');
}

test('AlterPartition through a non-controller broker changes the ISR every broker shows; ElectLeaders PREFERRED brings the preferred leader back', async () => {
  let controller = -1;
  await eventually('the brokers name one controller', async () => {
    const metas = await Promise.all(cluster.nodes.map((n) => kcatMeta(n.address)));
    controller = metas[0]!.controllerid;
    return controller > 0 && metas.every((m) => m.controllerid === controller);
  });
  // Preferred leader A and relay B are not the controller C.
  const [a, b] = cluster.nodes.filter((n) => n.nodeId !== controller) as [ClusterNodeProc, ClusterNodeProc];
  const c = cluster.node(controller);
  const created = await requestTo(
    b,
    CreateTopicsApi,
    {
      topics: [
        {
          name: TOPIC,
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [a.nodeId, b.nodeId, c.nodeId] }],
          configs: [],
        },
      ],
      timeoutMs: 30_000,
      validateOnly: false,
    },
    7,
  );
  assert.is(created.topics[0]!.errorCode, 0, created.topics[0]!.errorMessage ?? '');
  const topicId = created.topics[0]!.topicId;
  const all = [a.nodeId, b.nodeId, c.nodeId];
  await everywhere({ leader: a.nodeId, isr: all });

  // As leader A would, through B: C leaves the ISR. The leader's own replication takes C back once it
  // sees it caught up (its AlterPartition goes from A, not the controller, to C): the ISR is whole again.
  let shrink: Awaited<ReturnType<typeof alterIsr>> | null = null;
  let before = { leaderEpoch: -1, partitionEpoch: -1 };
  for (let i = 0; i < 5 && shrink?.p?.errorCode !== 0; i++) {
    before = await epochsNow(b, a, topicId);
    shrink = await alterIsr(b, a, topicId, before, [a.nodeId, b.nodeId]);
  }
  assert.equal([shrink!.top, shrink!.p?.errorCode, shrink!.p?.isr], [0, 0, [a.nodeId, b.nodeId]]);
  assert.is(shrink!.p?.partitionEpoch, before.partitionEpoch + 1);
  await everywhere({ leader: a.nodeId, isr: [a.nodeId, b.nodeId, c.nodeId] });
  const after = await epochsNow(b, a, topicId);
  assert.ok(after.partitionEpoch >= before.partitionEpoch + 2, 'the leader asked for C back');
  const stale = await alterIsr(b, a, topicId, before, all);
  assert.is(stale.p?.errorCode, 95, 'INVALID_UPDATE_VERSION');
  const notLeader = await alterIsr(b, b, topicId, after, [b.nodeId]);
  assert.is(notLeader.p?.errorCode, 6, 'NOT_LEADER_OR_FOLLOWER');
  assert.is(await electPreferred(b), 84, 'ELECTION_NOT_NEEDED');

  // The preferred leader dies: the next ISR member in replica order, B, leads.
  await a.signal('SIGKILL');
  await everywhere({ leader: b.nodeId, isr: [b.nodeId, c.nodeId] });
  await a.restart();
  // Back and caught up: leader B takes it into the ISR; a preferred election makes it lead again.
  await eventually('A back in the ISR', async () => (await partitionOn(b))?.isr.includes(a.nodeId) === true);
  assert.is(await electPreferred(b), 0);
  await eventually('every broker shows A leading', async () => {
    const seen = await Promise.all(cluster.nodes.map((n) => partitionOn(n)));
    return seen.every((p) => p?.leader === a.nodeId);
  });
  assert.is(await electPreferred(c), 84);
});

test('__consumer_offsets gets offsets.topic.replication.factor capped at the live brokers; an auto-created topic the default min(3, brokers)', async () => {
  const via = cluster.nodes.find((n) => n.alive())!;
  await eventually('a coordinator for a group', async () => {
    const r = await requestTo(via, FindCoordinatorApi, { key: 'g', keyType: 0, coordinatorKeys: ['g'] }, 4);
    return r.coordinators[0]?.errorCode === 0;
  });
  for (const index of [0, 1]) {
    const p = await partitionOn(via, '__consumer_offsets', index);
    assert.is(p?.replicas.length, 3, `__consumer_offsets-${index}: 5 asked, 3 brokers live`);
  }
  await eventually('an auto-created topic', async () => (await partitionOn(via, 'auto-made')) !== null);
  assert.is((await partitionOn(via, 'auto-made'))?.replicas.length, 3);
});

test('a broker alone (its own controller): ElectLeaders needs no election, a stale AlterPartition is refused', async () => {
  const lone = await startBroker();
  try {
    await kcat(['-b', lone.address, '-L', '-t', 'solo']);
    const r = await requestTo(
      lone,
      ElectLeadersApi,
      { electionType: 0, topicPartitions: [{ topic: 'solo', partitions: [0, 3] }], timeoutMs: 1000 },
      2,
    );
    assert.equal(
      r.replicaElectionResults[0]!.partitionResult.map((p) => p.errorCode),
      [84, 3],
    );
    const a = await requestTo(lone, AlterPartitionApi, { brokerId: 1, brokerEpoch: 0, topics: [] }, 2);
    assert.is(a.errorCode, 77, 'STALE_BROKER_EPOCH: epoch 0 is not its registration');
  } finally {
    await lone.dispose();
  }
});

test('auto.leader.rebalance.enable: a preferred leader back in the ISR leads again within the check interval', async () => {
  const own = await startCluster(3, { args: ['--leader-imbalance-check-interval-seconds', '1'] });
  try {
    const [x, y, z] = own.nodes as [ClusterNodeProc, ClusterNodeProc, ClusterNodeProc];
    const created = await requestTo(
      y,
      CreateTopicsApi,
      {
        topics: [
          {
            name: 'balanced',
            numPartitions: -1,
            replicationFactor: -1,
            assignments: [{ partitionIndex: 0, brokerIds: [x.nodeId, y.nodeId, z.nodeId] }],
            configs: [],
          },
        ],
        timeoutMs: 30_000,
        validateOnly: false,
      },
      7,
    );
    assert.is(created.topics[0]!.errorCode, 0);
    const leaderOn = async (n: ClusterNodeProc) => (await partitionOn(n, 'balanced'))?.leader;
    await eventually('x leads', async () => (await leaderOn(y)) === x.nodeId);
    await x.signal('SIGKILL');
    await eventually('y leads while x is down', async () => (await leaderOn(y)) === y.nodeId);
    await x.restart();
    // Nobody asks: x catches up, y takes it into the ISR, the controller moves leadership back to x.
    await eventually(
      'x leads again on every broker',
      async () => (await Promise.all(own.nodes.map(leaderOn))).every((l) => l === x.nodeId),
      30_000,
    );
  } finally {
    await own.destroy();
  }
});

test.run();
