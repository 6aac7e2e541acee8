// CreateAcls (30), DescribeAcls (29) and DeleteAcls (31) on an in-process broker with the authorizer on:
// only a principal with ALTER (create, delete) or DESCRIBE (list) on the cluster may use them
// (CLUSTER_AUTHORIZATION_FAILED), bad bindings and filters answer INVALID_REQUEST, ACLs survive a restart
// (they live in the metadata log); a broker without an authorizer answers SECURITY_DISABLED.
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Broker } from '../dist/index.js';
import * as P from '../dist/protocol/index.js';
import { tempDataDir } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import { principalsFromClientId } from './helpers/principals.js';

const E = P.ErrorCode;
const Res = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4 };
const Pat = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 };
const Op = { ANY: 1, ALL: 2, READ: 3, WRITE: 4, ALTER: 7, DESCRIBE: 8 };
const Perm = { ANY: 1, DENY: 2, ALLOW: 3 };

principalsFromClientId();

const dataDir = tempDataDir('runnel-acl-apis-');
let broker: Broker;

async function as(principal: string): Promise<TestClient> {
  const c = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  c.clientId = `as:${principal}`;
  return c;
}

const start = () =>
  Broker.start({
    dataDir,
    keepDataDir: true,
    logLevel: 'warn',
    config: { authorizer: 'standard', superUsers: ['User:admin'] },
  });

test.before(async () => {
  broker = await start();
});
test.after(async () => {
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const creation = (p: Partial<P.CreateAclsRequestAclCreation> = {}) => ({
  resourceType: Res.TOPIC,
  resourceName: 'orders',
  resourcePatternType: Pat.LITERAL,
  principal: 'User:alice',
  host: '*',
  operation: Op.READ,
  permissionType: Perm.ALLOW,
  ...p,
});

const describeAll = {
  resourceTypeFilter: Res.ANY,
  resourceNameFilter: null,
  patternTypeFilter: Pat.ANY,
  principalFilter: null,
  hostFilter: null,
  operation: Op.ANY,
  permissionType: Perm.ANY,
};

test('a principal without ALTER on the cluster cannot create or delete ACLs, nor list them without DESCRIBE', async () => {
  const alice = await as('User:alice');
  const c = await alice.request(P.CreateAclsApi, 3, { creations: [creation()] });
  assert.is(c.results[0]!.errorCode, E.CLUSTER_AUTHORIZATION_FAILED);
  const d = await alice.request(P.DescribeAclsApi, 3, describeAll);
  assert.is(d.errorCode, E.CLUSTER_AUTHORIZATION_FAILED);
  const del = await alice.request(P.DeleteAclsApi, 3, { filters: [describeAll] });
  assert.is(del.filterResults[0]!.errorCode, E.CLUSTER_AUTHORIZATION_FAILED);
  alice.close();
});

test('a super user creates ACLs (bad ones refused one by one), lists them grouped by resource, deletes by filter', async () => {
  const admin = await as('User:admin');
  const c = await admin.request(P.CreateAclsApi, 3, {
    creations: [
      creation(),
      creation({ operation: Op.WRITE }),
      creation({ resourceName: 'app-', resourcePatternType: Pat.PREFIXED, principal: 'User:bob' }),
      creation({ resourceType: Res.CLUSTER, resourceName: 'kafka-cluster', operation: Op.DESCRIBE }),
      creation({ resourceName: '' }),
      creation({ resourcePatternType: Pat.MATCH }),
      creation({ principal: 'alice' }),
      creation({ resourceType: Res.CLUSTER, resourceName: 'x' }),
    ],
  });
  assert.equal(
    c.results.map((r) => r.errorCode),
    [
      E.NONE,
      E.NONE,
      E.NONE,
      E.NONE,
      E.INVALID_REQUEST,
      E.INVALID_REQUEST,
      E.INVALID_REQUEST,
      E.INVALID_REQUEST,
    ],
  );
  const d = await admin.request(P.DescribeAclsApi, 3, describeAll);
  assert.is(d.errorCode, E.NONE);
  const orders = d.resources.find((r) => r.resourceName === 'orders' && r.patternType === Pat.LITERAL)!;
  assert.equal(orders.acls.map((a) => a.operation).sort(), [Op.READ, Op.WRITE]);
  assert.is(d.resources.length, 3);
  // MATCH: what applies to topic app-x (the prefixed ACL), nothing else.
  const m = await admin.request(P.DescribeAclsApi, 3, {
    ...describeAll,
    resourceTypeFilter: Res.TOPIC,
    resourceNameFilter: 'app-x',
    patternTypeFilter: Pat.MATCH,
  });
  assert.equal(
    m.resources.map((r) => r.resourceName),
    ['app-'],
  );
  const bad = await admin.request(P.DescribeAclsApi, 3, { ...describeAll, resourceTypeFilter: 0 });
  assert.is(bad.errorCode, E.INVALID_REQUEST);
  // alice may now list (DESCRIBE on the cluster) but still not change.
  const alice = await as('User:alice');
  assert.is((await alice.request(P.DescribeAclsApi, 3, describeAll)).errorCode, E.NONE);
  const del = await admin.request(P.DeleteAclsApi, 3, {
    filters: [{ ...describeAll, resourceTypeFilter: Res.TOPIC, operation: Op.WRITE }],
  });
  assert.is(del.filterResults[0]!.errorCode, E.NONE);
  assert.is(del.filterResults[0]!.matchingAcls.length, 1);
  assert.is(del.filterResults[0]!.matchingAcls[0]!.resourceName, 'orders');
  const after = await admin.request(P.DescribeAclsApi, 3, describeAll);
  assert.is(after.resources.flatMap((r) => r.acls).length, 3);
  admin.close();
  alice.close();
});

test('ACLs survive a restart (they are in the metadata log)', async () => {
  await broker.stop();
  broker = await start();
  const admin = await as('User:admin');
  const d = await admin.request(P.DescribeAclsApi, 3, describeAll);
  assert.is(d.resources.flatMap((r) => r.acls).length, 3);
  admin.close();
});

test('without an authorizer the ACL APIs answer SECURITY_DISABLED', async () => {
  const open = await Broker.start({ logLevel: 'warn' });
  const c = await TestClient.connect(Number(open.bootstrap.split(':')[1]));
  assert.is(
    (await c.request(P.CreateAclsApi, 3, { creations: [creation()] })).results[0]!.errorCode,
    E.SECURITY_DISABLED,
  );
  assert.is((await c.request(P.DescribeAclsApi, 3, describeAll)).errorCode, E.SECURITY_DISABLED);
  assert.is(
    (await c.request(P.DeleteAclsApi, 3, { filters: [describeAll] })).filterResults[0]!.errorCode,
    E.SECURITY_DISABLED,
  );
  c.close();
  await open.stop();
});

test.run();
