// ACLs on a 3-broker cluster of real processes with --authorizer standard: made through one broker (forwarded
// to the active controller), they show on every broker (each applies the metadata log), deletions too, and
// they survive restarts. The brokers talk PLAINTEXT, so User:ANONYMOUS is a super user (README "Security"):
// the quorum, replication (acks=all on 3 replicas) and forwarding keep working with the authorizer on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AclOperation, AclPermission, PatternType, ResourceType } from '../dist/cluster/metadata/acls.js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { createTopicRequest } from './helpers/broker-client.js';
import { eventually, requestTo, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const E = P.ErrorCode;
let c: TestCluster;

test.before(async () => {
  c = await startCluster(3, { args: ['--authorizer', 'standard', '--super-users', 'User:ANONYMOUS'] });
});
test.after(async () => {
  await c?.destroy();
});

const ALL = {
  resourceTypeFilter: ResourceType.ANY,
  resourceNameFilter: null,
  patternTypeFilter: PatternType.ANY,
  principalFilter: null,
  hostFilter: null,
  operation: AclOperation.ANY,
  permissionType: AclPermission.ANY,
};

async function aclsOn(nodeId: number): Promise<string[]> {
  const r = await requestTo(c.node(nodeId), P.DescribeAclsApi, ALL, 3);
  assert.is(r.errorCode, E.NONE);
  return r.resources
    .flatMap((res) => res.acls.map((a) => `${res.resourceName}:${a.principal}:${a.operation}`))
    .sort();
}

test('replication and forwarding work with the authorizer on (the brokers are super users)', async () => {
  const t = createTopicRequest('replicated');
  t.topics[0]!.replicationFactor = 3;
  const made = await requestTo(c.node(2), P.CreateTopicsApi, t, 7);
  assert.is(made.topics[0]!.errorCode, E.NONE);
  await eventually('an acks=all produce on 3 replicas', async () => {
    const md = await requestTo(
      c.node(1),
      P.MetadataApi,
      {
        topics: [{ topicId: P.ZERO_UUID, name: 'replicated' }],
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      },
      12,
    );
    const p = md.topics[0]!.partitions[0]!;
    assert.is(p.isrNodes.length, 3);
    const leader = c.node(p.leaderId);
    const res = await requestTo(
      leader,
      P.ProduceApi,
      {
        transactionalId: null,
        acks: -1,
        timeoutMs: 10_000,
        topicData: [
          { name: 'replicated', partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'v' }]) }] },
        ],
      },
      9,
    );
    assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, E.NONE);
    return true;
  });
});

test('ACLs made through one broker show on every broker, deletions too, and survive restarts', async () => {
  const created = await requestTo(
    c.node(3),
    P.CreateAclsApi,
    {
      creations: ['alice', 'bob'].map((who) => ({
        resourceType: ResourceType.TOPIC,
        resourceName: 'orders',
        resourcePatternType: PatternType.LITERAL,
        principal: `User:${who}`,
        host: '*',
        operation: AclOperation.READ,
        permissionType: AclPermission.ALLOW,
      })),
    },
    3,
  );
  assert.equal(
    created.results.map((r) => r.errorCode),
    [E.NONE, E.NONE],
  );
  const want = [`orders:User:alice:${AclOperation.READ}`, `orders:User:bob:${AclOperation.READ}`];
  assert.equal(await aclsOn(3), want, 'answered once visible on the broker asked');
  await eventually('the ACLs on brokers 1 and 2', async () => {
    for (const id of [1, 2]) assert.equal(await aclsOn(id), want);
    return true;
  });
  const deleted = await requestTo(
    c.node(1),
    P.DeleteAclsApi,
    { filters: [{ ...ALL, principalFilter: 'User:bob' }] },
    3,
  );
  assert.is(deleted.filterResults[0]!.matchingAcls.length, 1);
  const left = [`orders:User:alice:${AclOperation.READ}`];
  await eventually('the deletion on every broker', async () => {
    for (const id of [1, 2, 3]) assert.equal(await aclsOn(id), left);
    return true;
  });
  await c.node(2).signal('SIGTERM');
  await c.node(2).restart();
  await eventually('the ACLs on broker 2 after its restart', async () => {
    assert.equal(await aclsOn(2), left);
    return true;
  });
});

test.run();
