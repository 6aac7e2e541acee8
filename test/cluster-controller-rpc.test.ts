// The controller RPCs' conversions: Kafka request bodies in, QuorumController calls made on a real
// one-voter quorum, Kafka response bodies out with Kafka's per-topic and per-resource error codes; every
// response also goes through its codec at every version served. A node that is not the active controller
// answers NOT_CONTROLLER everywhere.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../dist/clock.js';
import { handleCreateAcls, handleDeleteAcls } from '../dist/cluster/metadata/acl-rpc.js';
import {
  type ControllerOps,
  type ControllerRpc,
  controllerRpcs,
  handleAddRaftVoter,
  handleAllocateProducerIds,
  handleAlterConfigs,
  handleAlterPartition,
  handleAlterPartitionReassignments,
  handleAlterUserScramCredentials,
  handleBrokerHeartbeat,
  handleBrokerRegistration,
  handleCreatePartitions,
  handleCreateTopics,
  handleDeleteTopics,
  handleDescribeQuorum,
  handleElectLeaders,
  handleIncrementalAlterConfigs,
  handleListPartitionReassignments,
  handleRemoveRaftVoter,
  handleUnregisterBroker,
  QuorumController,
} from '../dist/cluster/metadata/index.js';
import {
  MemoryQuorumStateStore,
  MemoryRaftLog,
  RaftNode,
  resolveRaftConfig,
} from '../dist/cluster/raft/index.js';
import { topicConfigEntries } from '../dist/cluster/topic-configs.js';
import { defaultConfig } from '../dist/config.js';
import { Reader } from '../dist/protocol/reader.js';
import { ZERO_UUID } from '../dist/protocol/uuid.js';
import { Writer } from '../dist/protocol/writer.js';
import { systemRandom } from '../dist/random.js';
import { startControllerQuorum } from './helpers/controller-quorum.js';

const CLUSTER = 'test-cluster';
const OPTIONS = {
  clusterId: CLUSTER,
  defaultPartitions: 3,
  describeTopicConfigs: (explicit: Record<string, string>) => topicConfigEntries(defaultConfig(), explicit),
};

/** Every response must survive its codec at every version the controller serves. */
function roundTrips(rpc: ControllerRpc, res: unknown): void {
  for (let v = rpc.minVersion; v <= rpc.maxVersion; v++) {
    const w = new Writer();
    rpc.codec.encodeResponse(w, res, v);
    assert.is(w.error, null, `${rpc.codec.name} v${v}`);
    const r = new Reader(w.finish());
    rpc.codec.decodeResponse(r, v);
    assert.ok(r.ok, `${rpc.codec.name} v${v}: ${r.error}`);
  }
}

const uuid = (n: number) => Buffer.alloc(16, n).toString('base64url');

function registration(brokerId: number, incarnation = brokerId, clusterId = CLUSTER) {
  return {
    brokerId,
    clusterId,
    incarnationId: uuid(incarnation),
    listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + brokerId, securityProtocol: 0 }],
    features: [],
    rack: null,
    isMigratingZkBroker: false,
    logDirs: [],
    previousBrokerEpoch: -1,
  };
}

async function withQuorum(fn: (ops: ControllerOps, rpcs: Map<number, ControllerRpc>) => Promise<void>) {
  const quorum = await startControllerQuorum([1], {}, OPTIONS);
  try {
    const v = await quorum.waitForActive();
    await fn(v.qc, controllerRpcs(v.qc, OPTIONS));
  } finally {
    await quorum.close();
  }
}

/** Registers and unfences brokers; returns their epochs. */
async function liveBrokers(ops: ControllerOps, ids: number[]): Promise<Map<number, number>> {
  const epochs = new Map<number, number>();
  for (const id of ids) {
    const r = await handleBrokerRegistration(ops, registration(id), OPTIONS);
    assert.is(r.errorCode, 0);
    epochs.set(id, r.brokerEpoch);
  }
  for (const id of ids) {
    const hb = await heartbeat(ops, id, epochs.get(id)!, ops.image.offset + 100);
    assert.equal([hb.errorCode, hb.isFenced], [0, false]);
  }
  return epochs;
}

function heartbeat(
  ops: ControllerOps,
  brokerId: number,
  brokerEpoch: number,
  offset: number,
  wantShutDown = false,
) {
  return handleBrokerHeartbeat(ops, {
    brokerId,
    brokerEpoch,
    currentMetadataOffset: offset,
    wantFence: false,
    wantShutDown,
    offlineLogDirs: [],
  });
}

test('BrokerRegistration and BrokerHeartbeat: epochs, cluster id, fencing, stale epochs, duplicates', async () => {
  await withQuorum(async (ops, rpcs) => {
    const r = await handleBrokerRegistration(ops, registration(7), OPTIONS);
    assert.is(r.errorCode, 0);
    assert.ok(r.brokerEpoch >= 0);
    roundTrips(rpcs.get(62)!, r);
    const wrongCluster = await handleBrokerRegistration(ops, registration(8, 8, 'other'), OPTIONS);
    assert.equal([wrongCluster.errorCode, wrongCluster.brokerEpoch], [104, -1]);
    const behind = await heartbeat(ops, 7, r.brokerEpoch, r.brokerEpoch - 1);
    assert.equal([behind.errorCode, behind.isFenced, behind.isCaughtUp], [0, true, false]);
    roundTrips(rpcs.get(63)!, behind);
    const caughtUp = await heartbeat(ops, 7, r.brokerEpoch, r.brokerEpoch);
    assert.equal([caughtUp.errorCode, caughtUp.isFenced, caughtUp.isCaughtUp], [0, false, true]);
    assert.is(ops.image.brokers.get(7)!.fenced, false, 'unfenced in the committed image');
    assert.is((await heartbeat(ops, 7, r.brokerEpoch + 1, 100)).errorCode, 77);
    assert.is((await heartbeat(ops, 9, 0, 100)).errorCode, 102);
    const dup = await handleBrokerRegistration(ops, registration(7, 70), OPTIONS);
    assert.equal([dup.errorCode, dup.brokerEpoch], [101, -1], 'another process claims a live id');
    const down = await heartbeat(ops, 7, r.brokerEpoch, 100, true);
    assert.equal([down.errorCode, down.isFenced, down.shouldShutDown], [0, true, true]);
  });
});

test('AllocateProducerIds: consecutive blocks of 1000; a stale epoch gets none', async () => {
  await withQuorum(async (ops, rpcs) => {
    const epochs = await liveBrokers(ops, [1]);
    const a = await handleAllocateProducerIds(ops, { brokerId: 1, brokerEpoch: epochs.get(1)! });
    const b = await handleAllocateProducerIds(ops, { brokerId: 1, brokerEpoch: epochs.get(1)! });
    assert.equal([a.errorCode, a.producerIdStart, a.producerIdLen], [0, 0, 1000]);
    assert.equal([b.errorCode, b.producerIdStart, b.producerIdLen], [0, 1000, 1000]);
    roundTrips(rpcs.get(67)!, a);
    const stale = await handleAllocateProducerIds(ops, { brokerId: 1, brokerEpoch: 999 });
    assert.equal([stale.errorCode, stale.producerIdStart, stale.producerIdLen], [77, -1, 0]);
  });
});

test('CreateTopics: per-topic results, defaults for -1, assignments, validateOnly, duplicates', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1, 2]);
    const topic = (name: string, extra: object = {}) => ({
      name,
      numPartitions: 2,
      replicationFactor: 2,
      assignments: [],
      configs: [],
      ...extra,
    });
    const res = await handleCreateTopics(
      ops,
      {
        topics: [
          topic('a', { configs: [{ name: 'retention.ms', value: '1000' }] }),
          topic('dup'),
          topic('dup'),
          topic('d', { numPartitions: -1, replicationFactor: -1 }),
          topic('bad', { configs: [{ name: 'retention.ms', value: 'soon' }] }),
          topic('nul', { configs: [{ name: 'retention.ms', value: null }] }),
          topic('wide', { replicationFactor: 3 }),
          topic('m', {
            numPartitions: -1,
            replicationFactor: -1,
            assignments: [{ partitionIndex: 0, brokerIds: [2, 1] }],
          }),
          topic('mixed', { assignments: [{ partitionIndex: 0, brokerIds: [2] }] }),
          topic('gap', {
            numPartitions: -1,
            replicationFactor: -1,
            assignments: [{ partitionIndex: 1, brokerIds: [2] }],
          }),
          topic('bad/name'),
        ],
        timeoutMs: 1000,
        validateOnly: false,
      },
      OPTIONS,
    );
    roundTrips(rpcs.get(19)!, res);
    const by = new Map(res.topics.map((t) => [`${t.name}${t.errorCode === 42 ? '#' : ''}`, t]));
    const codes = res.topics.map((t) => [t.name, t.errorCode]);
    assert.equal(codes, [
      ['a', 0],
      ['dup', 42],
      ['dup', 42],
      ['d', 0],
      ['bad', 40],
      ['nul', 40],
      ['wide', 38],
      ['m', 0],
      ['mixed', 42],
      ['gap', 39],
      ['bad/name', 17],
    ]);
    const a = by.get('a')!;
    assert.is(a.topicId, ops.image.topics.get('a')!.id);
    assert.equal([a.numPartitions, a.replicationFactor], [2, 2]);
    assert.equal(
      a.configs!.find((c) => c.name === 'retention.ms'),
      { name: 'retention.ms', value: '1000', readOnly: false, configSource: 1, isSensitive: false },
    );
    // -1: the controller's default.replication.factor, min(3, live brokers) by default.
    assert.equal([by.get('d')!.numPartitions, by.get('d')!.replicationFactor], [3, 2]);
    assert.is(ops.image.partition('d', 0)!.replicas.length, 2);
    assert.is(ops.image.topics.get('d')!.partitions.size, 3);
    assert.equal(ops.image.partition('m', 0)!.replicas, [2, 1]);
    assert.is(ops.image.configsOf(2, 'a').get('retention.ms'), '1000');
    const again = await handleCreateTopics(ops, { topics: [topic('a')], timeoutMs: 0, validateOnly: false });
    assert.is(again.topics[0]!.errorCode, 36);
    const dry = await handleCreateTopics(ops, { topics: [topic('dry')], timeoutMs: 0, validateOnly: true });
    assert.is(dry.topics[0]!.errorCode, 0);
    assert.is(dry.topics[0]!.topicId, ZERO_UUID, 'no id for a topic not created');
    assert.not.ok(ops.image.topics.has('dry'), 'validateOnly creates nothing');
  });
});

test('DeleteTopics: by name (v0-5) and by name or id (v6); unknown ones get their error', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1]);
    const create = (name: string) =>
      handleCreateTopics(ops, {
        topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 0,
        validateOnly: false,
      });
    for (const n of ['x', 'y', 'z']) assert.is((await create(n)).topics[0]!.errorCode, 0);
    const old = await handleDeleteTopics(ops, { topics: [], topicNames: ['x', 'nope'], timeoutMs: 0 }, 5);
    assert.equal(
      old.responses.map((r) => [r.name, r.errorCode]),
      [
        ['x', 0],
        ['nope', 3],
      ],
    );
    roundTrips(rpcs.get(20)!, old);
    const yId = ops.image.topics.get('y')!.id;
    const v6 = await handleDeleteTopics(
      ops,
      {
        topics: [
          { name: null, topicId: yId },
          { name: 'z', topicId: ZERO_UUID },
          { name: null, topicId: uuid(42) },
        ],
        topicNames: [],
        timeoutMs: 0,
      },
      6,
    );
    assert.equal(
      v6.responses.map((r) => [r.name, r.topicId, r.errorCode]),
      [
        ['y', yId, 0],
        ['z', v6.responses[1]!.topicId, 0],
        [null, uuid(42), 100],
      ],
    );
    roundTrips(rpcs.get(20)!, v6);
    assert.is(ops.image.topics.size, 0);
  });
});

test('CreatePartitions: grows, refuses shrinking and bad assignments, validateOnly, duplicates', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1, 2]);
    await handleCreateTopics(ops, {
      topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 0,
      validateOnly: false,
    });
    const dry = await handleCreatePartitions(ops, {
      topics: [{ name: 't', count: 5, assignments: null }],
      timeoutMs: 0,
      validateOnly: true,
    });
    assert.is(dry.results[0]!.errorCode, 0);
    assert.is(ops.image.topics.get('t')!.partitions.size, 1, 'validateOnly grows nothing');
    const res = await handleCreatePartitions(ops, {
      topics: [
        { name: 't', count: 3, assignments: [{ brokerIds: [2] }, { brokerIds: [1] }] },
        { name: 'gone', count: 3, assignments: null },
        { name: 'd', count: 3, assignments: null },
        { name: 'd', count: 4, assignments: null },
      ],
      timeoutMs: 0,
      validateOnly: false,
    });
    roundTrips(rpcs.get(37)!, res);
    assert.equal(
      res.results.map((r) => [r.name, r.errorCode]),
      [
        ['t', 0],
        ['gone', 3],
        ['d', 42],
        ['d', 42],
      ],
    );
    assert.equal(ops.image.partition('t', 1)!.replicas, [2]);
    const shrink = await handleCreatePartitions(ops, {
      topics: [{ name: 't', count: 2, assignments: null }],
      timeoutMs: 0,
      validateOnly: false,
    });
    assert.is(shrink.results[0]!.errorCode, 37);
    const badAssign = await handleCreatePartitions(ops, {
      topics: [{ name: 't', count: 4, assignments: [{ brokerIds: [9] }] }],
      timeoutMs: 0,
      validateOnly: false,
    });
    assert.is(badAssign.results[0]!.errorCode, 39);
  });
});

test('IncrementalAlterConfigs and AlterConfigs: per-resource errors, validateOnly, the whole set replaced', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1]);
    await handleCreateTopics(ops, {
      topics: [
        {
          name: 't',
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: [{ name: 'segment.ms', value: '5000' }],
        },
      ],
      timeoutMs: 0,
      validateOnly: false,
    });
    const inc = await handleIncrementalAlterConfigs(ops, {
      resources: [
        {
          resourceType: 2,
          resourceName: 't',
          configs: [
            { name: 'retention.ms', configOperation: 0, value: '1000' },
            { name: 'cleanup.policy', configOperation: 2, value: 'compact' },
          ],
        },
        { resourceType: 4, resourceName: 'one', configs: [] },
        {
          resourceType: 4,
          resourceName: '1',
          configs: [{ name: 'log.retention.ms', configOperation: 0, value: '60000' }],
        },
        {
          resourceType: 4,
          resourceName: '2',
          configs: [{ name: 'broker.id', configOperation: 0, value: '3' }],
        },
        {
          resourceType: 4,
          resourceName: '3',
          configs: [{ name: 'no.such', configOperation: 0, value: '3' }],
        },
        { resourceType: 2, resourceName: 'gone', configs: [] },
      ],
      validateOnly: false,
    });
    roundTrips(rpcs.get(44)!, inc);
    assert.equal(
      inc.responses.map((r) => [r.resourceType, r.resourceName, r.errorCode]),
      [
        [2, 't', 0],
        [4, 'one', 42],
        [4, '1', 0],
        [4, '2', 42],
        [4, '3', 40],
        [2, 'gone', 3],
      ],
    );
    assert.equal(Object.fromEntries(ops.image.configsOf(4, '1')), { 'log.retention.ms': '60000' });
    assert.equal(Object.fromEntries(ops.image.configsOf(2, 't')), {
      'segment.ms': '5000',
      'retention.ms': '1000',
      'cleanup.policy': 'delete,compact',
    });
    const dry = await handleIncrementalAlterConfigs(ops, {
      resources: [
        {
          resourceType: 2,
          resourceName: 't',
          configs: [{ name: 'retention.ms', configOperation: 1, value: null }],
        },
      ],
      validateOnly: true,
    });
    assert.is(dry.responses[0]!.errorCode, 0);
    assert.is(ops.image.configsOf(2, 't').get('retention.ms'), '1000', 'validateOnly changes nothing');
    const bad = await handleIncrementalAlterConfigs(ops, {
      resources: [
        {
          resourceType: 2,
          resourceName: 't',
          configs: [{ name: 'retention.ms', configOperation: 0, value: 'x' }],
        },
        { resourceType: 2, resourceName: 't', configs: [] },
      ],
      validateOnly: false,
    });
    assert.equal(
      bad.responses.map((r) => r.errorCode),
      [42, 42],
      'a resource named twice',
    );
    const legacy = await handleAlterConfigs(ops, {
      resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '7' }] }],
      validateOnly: false,
    });
    roundTrips(rpcs.get(33)!, legacy);
    assert.is(legacy.responses[0]!.errorCode, 0);
    assert.equal(Object.fromEntries(ops.image.configsOf(2, 't')), { 'retention.ms': '7' }, 'the whole set');
    const nul = await handleAlterConfigs(ops, {
      resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: null }] }],
      validateOnly: false,
    });
    assert.is(nul.responses[0]!.errorCode, 40);
  });
});

test('a node that is not the active controller answers NOT_CONTROLLER to every RPC', async () => {
  // One of two voters, alone: it can never win an election.
  const raft = new RaftNode({
    nodeId: 1,
    voters: [1, 2],
    config: resolveRaftConfig({ electionTimeoutMs: 10_000, fetchTimeoutMs: 20_000 }),
    clock: systemClock,
    random: systemRandom,
    log: new MemoryRaftLog(),
    store: new MemoryQuorumStateStore(),
    transport: { send() {} },
  });
  const qc = new QuorumController(raft, systemClock);
  raft.start();
  try {
    const t = { name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] };
    const all = [
      (await handleBrokerRegistration(qc, registration(1), OPTIONS)).errorCode,
      (await heartbeat(qc, 1, 0, 0)).errorCode,
      (await handleAllocateProducerIds(qc, { brokerId: 1, brokerEpoch: 0 })).errorCode,
      (await handleCreateTopics(qc, { topics: [t], timeoutMs: 0, validateOnly: true })).topics[0]!.errorCode,
      (await handleDeleteTopics(qc, { topics: [], topicNames: ['t'], timeoutMs: 0 }, 5)).responses[0]!
        .errorCode,
      (
        await handleCreatePartitions(qc, {
          topics: [{ name: 't', count: 2, assignments: null }],
          timeoutMs: 0,
          validateOnly: false,
        })
      ).results[0]!.errorCode,
      (
        await handleIncrementalAlterConfigs(qc, {
          resources: [{ resourceType: 2, resourceName: 't', configs: [] }],
          validateOnly: false,
        })
      ).responses[0]!.errorCode,
      (
        await handleAlterConfigs(qc, {
          resources: [{ resourceType: 2, resourceName: 't', configs: [] }],
          validateOnly: false,
        })
      ).responses[0]!.errorCode,
      (await handleAlterPartition(qc, { brokerId: 1, brokerEpoch: 0, topics: [] }, 2)).errorCode,
      (
        await handleElectLeaders(
          qc,
          { electionType: 0, topicPartitions: [{ topic: 't', partitions: [0] }], timeoutMs: 0 },
          2,
        )
      ).errorCode,
      (
        await handleAlterPartitionReassignments(qc, {
          topics: [{ name: 't', partitions: [{ partitionIndex: 0, replicas: [1] }] }],
          timeoutMs: 0,
          allowReplicationFactorChange: true,
        })
      ).responses[0]!.partitions[0]!.errorCode,
      (await handleListPartitionReassignments(qc, { topics: null, timeoutMs: 0 })).errorCode,
      (await handleUnregisterBroker(qc, { brokerId: 2 })).errorCode,
      (await handleAddRaftVoter(qc, addVoter(3), OPTIONS)).errorCode,
      (
        await handleRemoveRaftVoter(
          qc,
          { clusterId: CLUSTER, voterId: 2, voterDirectoryId: ZERO_UUID },
          OPTIONS,
        )
      ).errorCode,
      (await handleDescribeQuorum(qc, describeQuorum())).errorCode,
      (await handleCreateAcls(qc, { creations: [ACL] })).results[0]!.errorCode,
      (
        await handleDeleteAcls(qc, {
          filters: [
            {
              ...ACL,
              resourceTypeFilter: 1,
              resourceNameFilter: null,
              patternTypeFilter: 1,
              principalFilter: null,
              hostFilter: null,
            },
          ],
        })
      ).filterResults[0]!.errorCode,
      (
        await handleAlterUserScramCredentials(qc, {
          deletions: [{ name: 'u', mechanism: 1 }],
          upsertions: [],
        })
      ).results[0]!.errorCode,
    ];
    assert.equal(all, [41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41]);
    assert.equal(
      [...controllerRpcs(qc).keys()].sort((a, b) => a - b),
      [19, 20, 30, 31, 33, 37, 43, 44, 45, 46, 51, 55, 56, 62, 63, 64, 67, 80, 81],
    );
  } finally {
    raft.stop();
    qc.stop();
  }
});

const ACL = {
  resourceType: 2,
  resourceName: 't',
  resourcePatternType: 3,
  principal: 'User:a',
  host: '*',
  operation: 3,
  permissionType: 3,
};

function addVoter(voterId: number, clusterId: string | null = CLUSTER) {
  return {
    clusterId,
    timeoutMs: 1000,
    voterId,
    voterDirectoryId: ZERO_UUID,
    listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + voterId }],
  };
}

function describeQuorum(topicName = '__cluster_metadata', partitionIndex = 0) {
  return { topics: [{ topicName, partitions: [{ partitionIndex }] }] };
}

test('AddRaftVoter, RemoveRaftVoter, DescribeQuorum on a one-voter quorum: Kafka error codes, the layout', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1, 7]);
    const q = await handleDescribeQuorum(ops, describeQuorum());
    assert.is(q.errorCode, 0);
    const p = q.topics[0]!.partitions[0]!;
    assert.equal([p.errorCode, p.leaderId, p.currentVoters.map((v) => v.replicaId)], [0, 1, [1]]);
    assert.ok(p.highWatermark > 0);
    assert.equal(q.nodes, [{ nodeId: 1, listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9001 }] }]);
    roundTrips(rpcs.get(55)!, q);
    const other = await handleDescribeQuorum(ops, describeQuorum('t', 0));
    assert.is(other.topics[0]!.partitions[0]!.errorCode, 3, 'UNKNOWN_TOPIC_OR_PARTITION');
    assert.is(other.topics[0]!.topicName, 't');
    assert.is(
      (await handleDescribeQuorum(ops, { topics: [] })).errorCode,
      42,
      'nothing asked: INVALID_REQUEST',
    );

    const codes = [
      (await handleAddRaftVoter(ops, addVoter(1), OPTIONS)).errorCode,
      (await handleAddRaftVoter(ops, addVoter(42), OPTIONS)).errorCode,
      (await handleAddRaftVoter(ops, addVoter(7), OPTIONS)).errorCode,
      (await handleAddRaftVoter(ops, addVoter(7, 'other'), OPTIONS)).errorCode,
      (await handleAddRaftVoter(ops, addVoter(-3), OPTIONS)).errorCode,
      (
        await handleRemoveRaftVoter(
          ops,
          { clusterId: null, voterId: 9, voterDirectoryId: ZERO_UUID },
          OPTIONS,
        )
      ).errorCode,
      (
        await handleRemoveRaftVoter(
          ops,
          { clusterId: null, voterId: 1, voterDirectoryId: ZERO_UUID },
          OPTIONS,
        )
      ).errorCode,
      (await handleUnregisterBroker(ops, { brokerId: 1 })).errorCode,
    ];
    // DUPLICATE_VOTER; BROKER_ID_NOT_REGISTERED; broker 7 never fetched from the quorum: REQUEST_TIMED_OUT;
    // INCONSISTENT_CLUSTER_ID; INVALID_REQUEST; VOTER_NOT_FOUND; the last voter: INVALID_REQUEST; a voter
    // cannot be unregistered: INVALID_REQUEST.
    assert.equal(codes, [126, 102, 7, 104, 42, 127, 42, 42]);
    const dup = await handleAddRaftVoter(ops, addVoter(1), OPTIONS);
    assert.match(dup.errorMessage ?? '', /voter already/);
    roundTrips(rpcs.get(80)!, dup);
    roundTrips(
      rpcs.get(81)!,
      await handleRemoveRaftVoter(ops, { clusterId: null, voterId: 9, voterDirectoryId: ZERO_UUID }, OPTIONS),
    );
  });
});

test('AlterPartition: by topic name (v0-1), id (v2) or with broker epochs (v3); top-level and per-partition errors', async () => {
  await withQuorum(async (ops, rpcs) => {
    const epochs = await liveBrokers(ops, [1, 2, 3]);
    await handleCreateTopics(
      ops,
      {
        topics: [
          {
            name: 'r',
            numPartitions: -1,
            replicationFactor: -1,
            assignments: [{ partitionIndex: 0, brokerIds: [1, 2, 3] }],
            configs: [],
          },
        ],
        timeoutMs: 1000,
        validateOnly: false,
      },
      OPTIONS,
    );
    const topicId = ops.image.topics.get('r')!.id;
    const ask = (version: number, isr: number[], partitionEpoch: number, extra: object = {}) =>
      handleAlterPartition(
        ops,
        {
          brokerId: 1,
          brokerEpoch: epochs.get(1)!,
          topics: [
            {
              topicName: 'r',
              topicId,
              partitions: [
                {
                  partitionIndex: 0,
                  leaderEpoch: 0,
                  newIsr: isr,
                  newIsrWithEpochs: isr.map((brokerId) => ({ brokerId, brokerEpoch: epochs.get(brokerId)! })),
                  leaderRecoveryState: 0,
                  partitionEpoch,
                  ...extra,
                },
              ],
            },
          ],
        },
        version,
      );
    const v0 = await ask(0, [1, 2], 0);
    roundTrips(rpcs.get(56)!, v0);
    assert.equal(v0.topics[0]!.partitions[0], {
      partitionIndex: 0,
      errorCode: 0,
      leaderId: 1,
      leaderEpoch: 0,
      isr: [1, 2],
      leaderRecoveryState: 0,
      partitionEpoch: 1,
    });
    assert.equal(ops.image.partition('r', 0)!.isr, [1, 2], 'committed when answered');
    const v2 = await ask(2, [1], 1);
    assert.equal([v2.topics[0]!.partitions[0]!.errorCode, ops.image.partition('r', 0)!.isr], [0, [1]]);
    const v3 = await ask(3, [1, 2, 3], 2);
    assert.equal([v3.topics[0]!.partitions[0]!.errorCode, ops.image.partition('r', 0)!.isr], [0, [1, 2, 3]]);
    const stale = await ask(2, [1], 2);
    assert.is(stale.topics[0]!.partitions[0]!.errorCode, 95, 'INVALID_UPDATE_VERSION');
    const badEpoch = await ask(3, [1, 2], 3, {
      newIsrWithEpochs: [
        { brokerId: 1, brokerEpoch: epochs.get(1)! },
        { brokerId: 2, brokerEpoch: 12345 },
      ],
    });
    assert.is(badEpoch.topics[0]!.partitions[0]!.errorCode, 107, 'INELIGIBLE_REPLICA');
    const top = await handleAlterPartition(ops, { brokerId: 1, brokerEpoch: 999, topics: [] }, 2);
    assert.equal([top.errorCode, top.topics], [77, []]);
    roundTrips(rpcs.get(56)!, top);
  });
});

test('ElectLeaders: v0 is PREFERRED; null partitions lists only the elections made; per-partition errors', async () => {
  await withQuorum(async (ops, rpcs) => {
    await liveBrokers(ops, [1, 2]);
    await handleCreateTopics(
      ops,
      {
        topics: [{ name: 'e', numPartitions: 2, replicationFactor: 2, assignments: [], configs: [] }],
        timeoutMs: 1000,
        validateOnly: false,
      },
      OPTIONS,
    );
    const v0 = await handleElectLeaders(
      ops,
      { electionType: 1, topicPartitions: [{ topic: 'e', partitions: [0, 7] }], timeoutMs: 0 },
      0,
    );
    roundTrips(rpcs.get(43)!, v0);
    assert.equal(
      v0.replicaElectionResults[0]!.partitionResult.map((p) => p.errorCode),
      [84, 3],
      'v0 ignores election_type: PREFERRED, already the leader',
    );
    const all = await handleElectLeaders(ops, { electionType: 0, topicPartitions: null, timeoutMs: 0 }, 2);
    assert.equal([all.errorCode, all.replicaElectionResults], [0, []]);
    const unclean = await handleElectLeaders(
      ops,
      { electionType: 1, topicPartitions: [{ topic: 'e', partitions: [1] }], timeoutMs: 0 },
      1,
    );
    assert.is(unclean.replicaElectionResults[0]!.partitionResult[0]!.errorCode, 84, 'has a leader');
    const bad = await handleElectLeaders(ops, { electionType: 5, topicPartitions: null, timeoutMs: 0 }, 2);
    assert.is(bad.errorCode, 42);
  });
});

test.run();
