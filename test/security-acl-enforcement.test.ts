// Every API refuses a principal without ACLs with Kafka's error code (table-driven), and allows it once the
// right ACL exists; deny beats allow; prefixed ACLs; super users; Metadata hides topics; KafkaJS and kcat
// see TOPIC_AUTHORIZATION_FAILED. An in-process broker with --authorizer standard and super user
// User:admin; requests pick their principal by client id (helpers/principals.ts) until SASL lands.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Broker } from '../dist/index.js';
import { AclOperation, AclPermission, PatternType, ResourceType } from '../dist/protocol/acl-codes.js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';
import { principalsFromClientId } from './helpers/principals.js';
import { kcat } from './helpers/secure-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const E = P.ErrorCode;
const Res = ResourceType;
const Pat = PatternType;
const Op = AclOperation;
const Perm = AclPermission;

principalsFromClientId();
let broker: Broker;
let port: number;

async function as(principal: string): Promise<TestClient> {
  const c = await TestClient.connect(port);
  c.clientId = `as:${principal}`;
  return c;
}

async function addAcl(p: {
  type?: number;
  name: string;
  pattern?: number;
  principal: string;
  op: number;
  perm?: number;
}) {
  const admin = await as('User:admin');
  const r = await admin.request(P.CreateAclsApi, 3, {
    creations: [
      {
        resourceType: p.type ?? Res.TOPIC,
        resourceName: p.name,
        resourcePatternType: p.pattern ?? Pat.LITERAL,
        principal: p.principal,
        host: '*',
        operation: p.op,
        permissionType: p.perm ?? Perm.ALLOW,
      },
    ],
  });
  assert.is(r.results[0]!.errorCode, E.NONE);
  admin.close();
}

test.before(async () => {
  broker = await Broker.start({
    logLevel: 'warn',
    config: { authorizer: 'standard', superUsers: ['User:admin'], autoCreateTopics: true },
  });
  port = Number(broker.bootstrap.split(':')[1]);
  const admin = await as('User:admin');
  for (const t of ['orders', 'secret', 'app-logs', 'doomed'])
    assert.is(
      (await admin.request(P.CreateTopicsApi, 7, createTopicRequest(t))).topics[0]!.errorCode,
      E.NONE,
    );
  admin.close();
});
test.after(async () => {
  await broker?.stop();
});

const batch = (transactional = false) =>
  encodeRecordBatch(
    [{ key: 'k', value: 'v' }],
    transactional ? { producerId: 4242, producerEpoch: 0, baseSequence: 0, transactional } : {},
  );
const produceReq = (topic: string, transactionalId: string | null = null, transactional = false) => ({
  transactionalId,
  acks: 1,
  timeoutMs: 5000,
  topicData: [{ name: topic, partitionData: [{ index: 0, records: batch(transactional) }] }],
});

// [name, request, the error code the response carries for a principal without ACLs]
const REFUSALS: [string, (c: TestClient) => Promise<number>, number][] = [
  [
    'Produce',
    async (c) =>
      (await c.request(P.ProduceApi, 9, produceReq('orders'))).responses[0]!.partitionResponses[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'Produce (transactional batch)',
    async (c) =>
      (await c.request(P.ProduceApi, 9, produceReq('orders', 'tx', true))).responses[0]!
        .partitionResponses[0]!.errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'Fetch',
    async (c) =>
      (await c.request(P.FetchApi, 12, fetchRequest('orders', [0], 0))).responses[0]!.partitions[0]!
        .errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'Fetch (as a follower)',
    async (c) =>
      (await c.request(P.FetchApi, 12, fetchRequest('orders', [0], 0, { replicaId: 7 }))).responses[0]!
        .partitions[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'ListOffsets',
    async (c) =>
      (
        await c.request(P.ListOffsetsApi, 7, {
          replicaId: -1,
          isolationLevel: 0,
          topics: [
            {
              name: 'orders',
              partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
            },
          ],
          timeoutMs: 0,
        })
      ).topics[0]!.partitions[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'Metadata (a topic by name)',
    async (c) =>
      (
        await c.request(P.MetadataApi, 12, {
          topics: [{ topicId: P.ZERO_UUID, name: 'orders' }],
          allowAutoTopicCreation: false,
          includeClusterAuthorizedOperations: false,
          includeTopicAuthorizedOperations: false,
        })
      ).topics[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'OffsetCommit',
    async (c) =>
      (
        await c.request(P.OffsetCommitApi, 8, {
          groupId: 'g',
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          retentionTimeMs: -1,
          topics: [
            {
              name: 'orders',
              partitions: [
                {
                  partitionIndex: 0,
                  committedOffset: 0,
                  committedLeaderEpoch: -1,
                  commitTimestamp: -1,
                  committedMetadata: null,
                },
              ],
            },
          ],
        })
      ).topics[0]!.partitions[0]!.errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'OffsetFetch',
    async (c) =>
      (await c.request(P.OffsetFetchApi, 7, { groupId: 'g', topics: null, groups: [], requireStable: false }))
        .errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'FindCoordinator (group)',
    async (c) =>
      (await c.request(P.FindCoordinatorApi, 3, { key: 'g', keyType: 0, coordinatorKeys: [] })).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'FindCoordinator (transaction)',
    async (c) =>
      (await c.request(P.FindCoordinatorApi, 3, { key: 'tx', keyType: 1, coordinatorKeys: [] })).errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'JoinGroup',
    async (c) =>
      (
        await c.request(P.JoinGroupApi, 5, {
          groupId: 'g',
          sessionTimeoutMs: 10000,
          rebalanceTimeoutMs: 10000,
          memberId: '',
          groupInstanceId: null,
          protocolType: 'consumer',
          protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
          reason: null,
        })
      ).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'SyncGroup',
    async (c) =>
      (
        await c.request(P.SyncGroupApi, 3, {
          groupId: 'g',
          generationId: 1,
          memberId: 'm',
          groupInstanceId: null,
          protocolType: null,
          protocolName: null,
          assignments: [],
        })
      ).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'Heartbeat',
    async (c) =>
      (
        await c.request(P.HeartbeatApi, 3, {
          groupId: 'g',
          generationId: 1,
          memberId: 'm',
          groupInstanceId: null,
        })
      ).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'LeaveGroup',
    async (c) =>
      (
        await c.request(P.LeaveGroupApi, 3, {
          groupId: 'g',
          memberId: '',
          members: [{ memberId: 'm', groupInstanceId: null, reason: null }],
        })
      ).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeGroups',
    async (c) =>
      (await c.request(P.DescribeGroupsApi, 3, { groups: ['g'], includeAuthorizedOperations: false }))
        .groups[0]!.errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'DeleteGroups',
    async (c) => (await c.request(P.DeleteGroupsApi, 2, { groupsNames: ['g'] })).results[0]!.errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'OffsetDelete',
    async (c) => (await c.request(P.OffsetDeleteApi, 0, { groupId: 'g', topics: [] })).errorCode,
    E.GROUP_AUTHORIZATION_FAILED,
  ],
  [
    'CreateTopics',
    async (c) =>
      (await c.request(P.CreateTopicsApi, 7, createTopicRequest('new-topic'))).topics[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'DeleteTopics',
    async (c) =>
      (await c.request(P.DeleteTopicsApi, 5, { topics: [], topicNames: ['doomed'], timeoutMs: 1000 }))
        .responses[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'CreatePartitions',
    async (c) =>
      (
        await c.request(P.CreatePartitionsApi, 3, {
          topics: [{ name: 'orders', count: 3, assignments: null }],
          timeoutMs: 1000,
          validateOnly: true,
        })
      ).results[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'DeleteRecords',
    async (c) =>
      (
        await c.request(P.DeleteRecordsApi, 2, {
          topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 0 }] }],
          timeoutMs: 1000,
        })
      ).topics[0]!.partitions[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeConfigs (topic)',
    async (c) =>
      (
        await c.request(P.DescribeConfigsApi, 4, {
          resources: [{ resourceType: 2, resourceName: 'orders', configurationKeys: null }],
          includeSynonyms: false,
          includeDocumentation: false,
        })
      ).results[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeConfigs (broker)',
    async (c) =>
      (
        await c.request(P.DescribeConfigsApi, 4, {
          resources: [{ resourceType: 4, resourceName: '1', configurationKeys: null }],
          includeSynonyms: false,
          includeDocumentation: false,
        })
      ).results[0]!.errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'AlterConfigs',
    async (c) =>
      (
        await c.request(P.AlterConfigsApi, 1, {
          resources: [{ resourceType: 2, resourceName: 'orders', configs: [] }],
          validateOnly: true,
        })
      ).responses[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'IncrementalAlterConfigs',
    async (c) =>
      (
        await c.request(P.IncrementalAlterConfigsApi, 1, {
          resources: [{ resourceType: 4, resourceName: '', configs: [] }],
          validateOnly: true,
        })
      ).responses[0]!.errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'InitProducerId (idempotent)',
    async (c) =>
      (
        await c.request(P.InitProducerIdApi, 4, {
          transactionalId: null,
          transactionTimeoutMs: 60000,
          producerId: -1,
          producerEpoch: -1,
        })
      ).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'InitProducerId (transactional)',
    async (c) =>
      (
        await c.request(P.InitProducerIdApi, 4, {
          transactionalId: 'tx',
          transactionTimeoutMs: 60000,
          producerId: -1,
          producerEpoch: -1,
        })
      ).errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'EndTxn',
    async (c) =>
      (
        await c.request(P.EndTxnApi, 3, {
          transactionalId: 'tx',
          producerId: 1,
          producerEpoch: 0,
          committed: true,
        })
      ).errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'ElectLeaders',
    async (c) =>
      (await c.request(P.ElectLeadersApi, 2, { electionType: 0, topicPartitions: null, timeoutMs: 1000 }))
        .errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'AlterPartitionReassignments',
    async (c) =>
      (
        await c.request(P.AlterPartitionReassignmentsApi, 0, {
          timeoutMs: 1000,
          topics: [],
          allowReplicationFactorChange: true,
        })
      ).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'ListPartitionReassignments',
    async (c) =>
      (await c.request(P.ListPartitionReassignmentsApi, 0, { timeoutMs: 1000, topics: null })).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeLogDirs',
    async (c) => (await c.request(P.DescribeLogDirsApi, 4, { topics: null })).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeQuorum',
    async (c) => (await c.request(P.DescribeQuorumApi, 1, { topics: [] })).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'BrokerHeartbeat (inter-broker)',
    async (c) =>
      (
        await c.request(P.BrokerHeartbeatApi, 1, {
          brokerId: 9,
          brokerEpoch: 0,
          currentMetadataOffset: 0,
          wantFence: false,
          wantShutDown: false,
          offlineLogDirs: [],
        })
      ).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'UnregisterBroker',
    async (c) => (await c.request(P.UnregisterBrokerApi, 0, { brokerId: 9 })).errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'AddPartitionsToTxn (producer)',
    async (c) =>
      (
        await c.request(
          P.AddPartitionsToTxnApi,
          3,
          P.createAddPartitionsToTxnRequest({
            v3AndBelowTransactionalId: 'tx',
            v3AndBelowProducerId: 1,
            v3AndBelowTopics: [{ name: 'orders', partitions: [0] }],
          }),
        )
      ).resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'AddPartitionsToTxn (broker)',
    async (c) =>
      (await c.request(P.AddPartitionsToTxnApi, 4, P.createAddPartitionsToTxnRequest({ transactions: [] })))
        .errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'AddOffsetsToTxn',
    async (c) =>
      (
        await c.request(
          P.AddOffsetsToTxnApi,
          3,
          P.createAddOffsetsToTxnRequest({ transactionalId: 'tx', groupId: 'g' }),
        )
      ).errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'TxnOffsetCommit',
    async (c) =>
      (
        await c.request(
          P.TxnOffsetCommitApi,
          3,
          P.createTxnOffsetCommitRequest({
            transactionalId: 'tx',
            groupId: 'g',
            topics: [
              {
                name: 'orders',
                partitions: [
                  {
                    partitionIndex: 0,
                    committedOffset: 0,
                    committedLeaderEpoch: -1,
                    committedMetadata: null,
                  },
                ],
              },
            ],
          }),
        )
      ).topics[0]!.partitions[0]!.errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'WriteTxnMarkers',
    async (c) =>
      (
        await c.request(
          P.WriteTxnMarkersApi,
          1,
          P.createWriteTxnMarkersRequest({
            markers: [
              {
                producerId: 1,
                producerEpoch: 0,
                transactionResult: true,
                coordinatorEpoch: 0,
                topics: [{ name: 'orders', partitionIndexes: [0] }],
              },
            ],
          }),
        )
      ).markers[0]!.topics[0]!.partitions[0]!.errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeProducers',
    async (c) =>
      (
        await c.request(
          P.DescribeProducersApi,
          0,
          P.createDescribeProducersRequest({ topics: [{ name: 'orders', partitionIndexes: [0] }] }),
        )
      ).topics[0]!.partitions[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'DescribeTransactions',
    async (c) =>
      (
        await c.request(
          P.DescribeTransactionsApi,
          0,
          P.createDescribeTransactionsRequest({ transactionalIds: ['tx'] }),
        )
      ).transactionStates[0]!.errorCode,
    E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
  ],
  [
    'OffsetForLeaderEpoch',
    async (c) =>
      (
        await c.request(
          P.OffsetForLeaderEpochApi,
          4,
          P.createOffsetForLeaderEpochRequest({
            replicaId: -1,
            topics: [
              { topic: 'orders', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] },
            ],
          }),
        )
      ).topics[0]!.partitions[0]!.errorCode,
    E.TOPIC_AUTHORIZATION_FAILED,
  ],
  [
    'AllocateProducerIds (inter-broker)',
    async (c) =>
      (await c.request(P.AllocateProducerIdsApi, 0, P.createAllocateProducerIdsRequest({ brokerId: 9 })))
        .errorCode,
    E.CLUSTER_AUTHORIZATION_FAILED,
  ],
];

test('a principal without ACLs is refused every API with Kafka error code; a super user is not', async () => {
  const mallory = await as('User:mallory');
  const admin = await as('User:admin');
  const wrong: string[] = [];
  for (const [name, call, code] of REFUSALS) {
    const got = await call(mallory);
    if (got !== code) wrong.push(`${name}: ${got}, expected ${code}`);
    const super_ = await call(admin);
    if (super_ === code) wrong.push(`${name}: the super user was refused too`);
  }
  assert.equal(wrong, []);
  mallory.close();
  admin.close();
});

test('Metadata hides topics the principal may not describe and reports its authorized operations', async () => {
  await addAcl({ name: 'orders', principal: 'User:reader', op: Op.READ });
  const reader = await as('User:reader');
  const all = await reader.request(P.MetadataApi, 12, {
    topics: null,
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: true,
  });
  assert.equal(
    all.topics.map((t) => t.name),
    ['orders'],
  );
  // READ implies DESCRIBE; the authorized operations are READ and DESCRIBE.
  assert.is(all.topics[0]!.topicAuthorizedOperations, (1 << Op.READ) | (1 << Op.DESCRIBE));
  reader.close();
});

test('an ACL allows; deny beats allow; prefixed ACLs; User:* ', async () => {
  const alice = await as('User:alice');
  const produce = async (topic: string) =>
    (await alice.request(P.ProduceApi, 9, produceReq(topic))).responses[0]!.partitionResponses[0]!.errorCode;
  assert.is(await produce('orders'), E.TOPIC_AUTHORIZATION_FAILED);
  await addAcl({ name: 'orders', principal: 'User:alice', op: Op.WRITE });
  assert.is(await produce('orders'), E.NONE);
  await addAcl({ name: 'app-', pattern: Pat.PREFIXED, principal: 'User:*', op: Op.ALL });
  assert.is(await produce('app-logs'), E.NONE);
  await addAcl({ name: 'app-logs', principal: 'User:alice', op: Op.WRITE, perm: Perm.DENY });
  assert.is(await produce('app-logs'), E.TOPIC_AUTHORIZATION_FAILED);
  assert.is(await produce('secret'), E.TOPIC_AUTHORIZATION_FAILED);
  // Auto-creation needs CREATE: DESCRIBE alone gives TOPIC_AUTHORIZATION_FAILED, CREATE creates.
  await addAcl({ name: 'auto-', pattern: Pat.PREFIXED, principal: 'User:alice', op: Op.DESCRIBE });
  const md = async (name: string) =>
    (
      await alice.request(P.MetadataApi, 12, {
        topics: [{ topicId: P.ZERO_UUID, name }],
        allowAutoTopicCreation: true,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      })
    ).topics[0]!.errorCode;
  assert.is(await md('auto-1'), E.TOPIC_AUTHORIZATION_FAILED);
  await addAcl({ name: 'auto-', pattern: Pat.PREFIXED, principal: 'User:alice', op: Op.CREATE });
  assert.is(await md('auto-1'), E.NONE);
  alice.close();
});

test('Produce checks WRITE on the transactional id only when a batch is transactional (KafkaApis)', async () => {
  await addAcl({ name: 'txn-orders', principal: 'User:trudy', op: Op.WRITE });
  const admin = await as('User:admin');
  assert.is(
    (await admin.request(P.CreateTopicsApi, 7, createTopicRequest('txn-orders'))).topics[0]!.errorCode,
    E.NONE,
  );
  admin.close();
  const trudy = await as('User:trudy');
  const code = async (transactionalId: string | null, transactional: boolean) => {
    const r = await trudy.request(P.ProduceApi, 9, produceReq('txn-orders', transactionalId, transactional));
    return r.responses[0]!.partitionResponses[0]!.errorCode;
  };
  // A plain (or idempotent) batch with a transactional id in the request: only the topic is checked.
  assert.is(await code('tx-trudy', false), E.NONE);
  // A transactional batch: WRITE on the id is needed, and an id is needed at all.
  assert.is(await code('tx-trudy', true), E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  assert.is(await code(null, true), E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  await addAcl({ type: Res.TRANSACTIONAL_ID, name: 'tx-trudy', principal: 'User:trudy', op: Op.WRITE });
  // Past authorization the transaction coordinator decides (this producer id was never initialised).
  assert.not.equal(await code('tx-trudy', true), E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  trudy.close();
});

test('KafkaJS and kcat see TOPIC_AUTHORIZATION_FAILED', async () => {
  const kafka = new Kafka({
    clientId: 'as:User:eve',
    brokers: [broker.bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const producer = kafka.producer();
  await producer.connect();
  const err = await producer.send({ topic: 'secret', messages: [{ value: 'x' }] }).then(
    () => null,
    (e: Error) => e,
  );
  await producer.disconnect();
  assert.ok(err !== null, 'KafkaJS send was refused');
  assert.match(
    `${err!.name} ${err!.message} ${(err as { type?: string }).type ?? ''}`,
    /TOPIC_AUTHORIZATION_FAILED|Not authorized to access topics/,
  );
  const r = await kcat(broker.bootstrap, ['-X', 'client.id=as:User:eve', '-P', '-t', 'secret'], 'hello\n');
  const out = r.stdout + r.stderr;
  assert.match(out, /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed/i);
});

test.run();
