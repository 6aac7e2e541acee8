// The ACL model: Kafka's StandardAuthorizer decisions over ACLs applied to a metadata image (literal, '*',
// prefixed, deny wins, operation implications, hosts, User:*, super users, allow.everyone.if.no.acl.found,
// authorizeByResourceType), the image and its snapshot keeping ACLs, and the controller's CreateAcls and
// DeleteAcls decisions (validation, duplicates, filters).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Authorizer } from '../dist/broker/security/authorizer.js';
import { Session } from '../dist/broker/security/session.js';
import {
  type AclBinding,
  createAcls,
  deleteAcls,
  AclOperation as Op,
  PatternType as Pat,
  AclPermission as Perm,
  ResourceType as Res,
} from '../dist/cluster/metadata/acls.js';
import { MetadataImage } from '../dist/cluster/metadata/image.js';
import { imageFromSnapshot, imageToSnapshot } from '../dist/cluster/metadata/snapshot.js';
import { ErrorCode as E } from '../dist/protocol/errors.js';

function acl(partial: Partial<AclBinding>): AclBinding {
  return {
    resourceType: Res.TOPIC,
    resourceName: 'orders',
    patternType: Pat.LITERAL,
    principal: 'User:alice',
    host: '*',
    operation: Op.READ,
    permissionType: Perm.ALLOW,
    ...partial,
  };
}

function imageWith(bindings: AclBinding[]): MetadataImage {
  const d = createAcls(MetadataImage.EMPTY.acls, bindings);
  if (!d.ok) throw new Error(d.message);
  return MetadataImage.EMPTY.apply(d.records, d.records.length - 1);
}

function session(principal: string, ip = '10.0.0.1'): Session {
  const s = new Session('PLAINTEXT', 'PLAINTEXT', `${ip}:5000`);
  const i = principal.indexOf(':');
  s.principal = { type: principal.slice(0, i), name: principal.slice(i + 1) };
  return s;
}

function authorizer(bindings: AclBinding[], opts: { superUsers?: string[]; allowEveryone?: boolean } = {}) {
  const image = imageWith(bindings);
  return new Authorizer(
    { superUsers: opts.superUsers ?? [], allowEveryoneIfNoAclFound: opts.allowEveryone ?? false },
    () => image.acls,
  );
}

const alice = session('User:alice');
const bob = session('User:bob');

test('a literal ALLOW allows its operation on its resource only, for its principal only', () => {
  const a = authorizer([acl({})]);
  assert.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'orders'));
  assert.not.ok(a.authorize(alice, Op.WRITE, Res.TOPIC, 'orders'));
  assert.not.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'orders2'));
  assert.not.ok(a.authorize(alice, Op.READ, Res.GROUP, 'orders'));
  assert.not.ok(a.authorize(bob, Op.READ, Res.TOPIC, 'orders'));
});

test('READ, WRITE, DELETE, ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS; ALL allows all', () => {
  for (const op of [Op.READ, Op.WRITE, Op.DELETE, Op.ALTER]) {
    assert.ok(authorizer([acl({ operation: op })]).authorize(alice, Op.DESCRIBE, Res.TOPIC, 'orders'));
  }
  assert.not.ok(
    authorizer([acl({ operation: Op.CREATE })]).authorize(alice, Op.DESCRIBE, Res.TOPIC, 'orders'),
  );
  const ac = authorizer([acl({ operation: Op.ALTER_CONFIGS })]);
  assert.ok(ac.authorize(alice, Op.DESCRIBE_CONFIGS, Res.TOPIC, 'orders'));
  assert.not.ok(ac.authorize(alice, Op.DESCRIBE, Res.TOPIC, 'orders'));
  const all = authorizer([acl({ operation: Op.ALL })]);
  for (const op of [Op.READ, Op.WRITE, Op.CREATE, Op.DELETE, Op.ALTER, Op.DESCRIBE, Op.ALTER_CONFIGS])
    assert.ok(all.authorize(alice, op, Res.TOPIC, 'orders'));
});

test('DENY wins over ALLOW, a DENY of READ does not deny DESCRIBE, a DENY of ALL denies everything', () => {
  const a = authorizer([
    acl({ operation: Op.ALL, resourceName: '*' }),
    acl({ permissionType: Perm.DENY, operation: Op.READ }),
  ]);
  assert.not.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'orders'));
  assert.ok(a.authorize(alice, Op.DESCRIBE, Res.TOPIC, 'orders'));
  assert.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'payments'));
  const all = authorizer([
    acl({ operation: Op.WRITE }),
    acl({ permissionType: Perm.DENY, operation: Op.ALL }),
  ]);
  assert.not.ok(all.authorize(alice, Op.WRITE, Res.TOPIC, 'orders'));
  // A deny for everyone (User:*) by prefix beats a literal allow for alice.
  const pre = authorizer([
    acl({ operation: Op.WRITE }),
    acl({
      principal: 'User:*',
      permissionType: Perm.DENY,
      operation: Op.WRITE,
      patternType: Pat.PREFIXED,
      resourceName: 'ord',
    }),
  ]);
  assert.not.ok(pre.authorize(alice, Op.WRITE, Res.TOPIC, 'orders'));
});

test('PREFIXED patterns match names that start with them; the LITERAL * matches every name; User:* everyone', () => {
  const a = authorizer([
    acl({ patternType: Pat.PREFIXED, resourceName: 'app-' }),
    acl({ patternType: Pat.PREFIXED, resourceName: 'app-logs-', operation: Op.WRITE }),
    acl({ resourceName: '*', operation: Op.DESCRIBE, principal: 'User:*' }),
  ]);
  assert.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'app-orders'));
  assert.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'app-'));
  assert.not.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'app'));
  assert.not.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'other'));
  assert.ok(a.authorize(alice, Op.WRITE, Res.TOPIC, 'app-logs-1'));
  assert.not.ok(a.authorize(alice, Op.WRITE, Res.TOPIC, 'app-orders'));
  assert.ok(a.authorize(bob, Op.DESCRIBE, Res.TOPIC, 'anything'));
  assert.not.ok(a.authorize(bob, Op.READ, Res.TOPIC, 'app-orders'));
  // A literal ACL named like a prefix of the resource does not match it.
  assert.not.ok(authorizer([acl({ resourceName: 'app' })]).authorize(alice, Op.READ, Res.TOPIC, 'app-x'));
});

test("hosts: '*' or the client's IP (IPv4-mapped IPv6 addresses as IPv4)", () => {
  const a = authorizer([acl({ host: '10.0.0.1' })]);
  assert.ok(a.authorize(session('User:alice', '10.0.0.1'), Op.READ, Res.TOPIC, 'orders'));
  assert.ok(a.authorize(session('User:alice', '::ffff:10.0.0.1'), Op.READ, Res.TOPIC, 'orders'));
  assert.not.ok(a.authorize(session('User:alice', '10.0.0.2'), Op.READ, Res.TOPIC, 'orders'));
});

test('super users may do everything, DENY ACLs notwithstanding', () => {
  const a = authorizer([acl({ principal: 'User:admin', permissionType: Perm.DENY, operation: Op.ALL })], {
    superUsers: ['User:admin', 'User:broker'],
  });
  assert.ok(a.authorize(session('User:admin'), Op.READ, Res.TOPIC, 'orders'));
  assert.ok(a.authorize(session('User:broker'), Op.CLUSTER_ACTION, Res.CLUSTER, 'kafka-cluster'));
  assert.not.ok(a.authorize(alice, Op.CLUSTER_ACTION, Res.CLUSTER, 'kafka-cluster'));
});

test('allow.everyone.if.no.acl.found opens only resources no ACL names (for anyone)', () => {
  const a = authorizer([acl({ principal: 'User:bob' })], { allowEveryone: true });
  assert.ok(a.authorize(alice, Op.WRITE, Res.TOPIC, 'other'));
  assert.ok(a.authorize(alice, Op.READ, Res.GROUP, 'g'));
  assert.not.ok(a.authorize(alice, Op.READ, Res.TOPIC, 'orders'));
  assert.not.ok(authorizer([]).authorize(alice, Op.READ, Res.TOPIC, 'orders'));
});

test('authorizeByResourceType (KIP-679): an ALLOW on some topic not covered by a DENY', () => {
  assert.ok(authorizer([acl({ operation: Op.WRITE })]).authorizeByResourceType(alice, Op.WRITE, Res.TOPIC));
  assert.not.ok(
    authorizer([acl({ operation: Op.READ })]).authorizeByResourceType(alice, Op.WRITE, Res.TOPIC),
  );
  const denied = authorizer([
    acl({ operation: Op.WRITE, resourceName: 'app-x' }),
    acl({ operation: Op.WRITE, patternType: Pat.PREFIXED, resourceName: 'app', permissionType: Perm.DENY }),
  ]);
  assert.not.ok(denied.authorizeByResourceType(alice, Op.WRITE, Res.TOPIC));
  const wildcardDeny = authorizer([
    acl({ operation: Op.WRITE }),
    acl({ operation: Op.WRITE, resourceName: '*', permissionType: Perm.DENY }),
  ]);
  assert.not.ok(wildcardDeny.authorizeByResourceType(alice, Op.WRITE, Res.TOPIC));
});

test('CreateAcls decisions: Kafka validation per binding, an existing or repeated ACL written once', () => {
  const bad: Partial<AclBinding>[] = [
    { resourceType: Res.ANY },
    { resourceType: Res.UNKNOWN },
    { patternType: Pat.MATCH },
    { patternType: Pat.ANY },
    { operation: Op.ANY },
    { permissionType: Perm.ANY },
    { resourceName: '' },
    { resourceType: Res.CLUSTER, resourceName: 'other' },
    { principal: 'alice' },
    { operation: 99 },
  ];
  const d = createAcls(MetadataImage.EMPTY.acls, [...bad.map(acl), acl({}), acl({})]);
  assert.ok(d.ok);
  if (!d.ok) return;
  for (let i = 0; i < bad.length; i++)
    assert.is(d.results[i]!.errorCode, E.INVALID_REQUEST, JSON.stringify(bad[i]));
  assert.is(d.results[bad.length]!.errorCode, E.NONE);
  assert.is(d.records.length, 1);
  const image = MetadataImage.EMPTY.apply(d.records, 0);
  const again = createAcls(image.acls, [acl({})]);
  assert.ok(again.ok && again.records.length === 0 && again.results[0]!.errorCode === E.NONE);
});

test('DeleteAcls decisions: filters (ANY, MATCH, exact), each ACL removed once, UNKNOWN codes refused', () => {
  const image = imageWith([
    acl({}),
    acl({ resourceName: '*', operation: Op.WRITE }),
    acl({ patternType: Pat.PREFIXED, resourceName: 'ord', principal: 'User:bob' }),
    acl({ resourceType: Res.GROUP, resourceName: 'g' }),
  ]);
  const any = {
    resourceName: null,
    principal: null,
    host: null,
    operation: Op.ANY,
    permissionType: Perm.ANY,
  };
  const d = deleteAcls(image.acls, [
    { ...any, resourceType: Res.TOPIC, patternType: Pat.MATCH, resourceName: 'orders' },
    { ...any, resourceType: Res.ANY, patternType: Pat.ANY },
    { ...any, resourceType: Res.UNKNOWN, patternType: Pat.ANY },
  ]);
  assert.ok(d.ok);
  if (!d.ok) return;
  assert.is(d.deleted![0]!.length, 3, 'MATCH: the literal, the wildcard and the prefix');
  assert.is(d.deleted![1]!.length, 4);
  assert.is(d.results[2]!.errorCode, E.INVALID_REQUEST);
  assert.is(d.records.length, 4);
  assert.is(image.apply(d.records, image.offset + d.records.length).acls.size, 0);
});

test('the image keeps ACLs through a snapshot; a removal of an unknown id contradicts the image', () => {
  const image = imageWith([
    acl({}),
    acl({ resourceType: Res.CLUSTER, resourceName: 'kafka-cluster', operation: Op.ALTER }),
  ]);
  const back = imageFromSnapshot(imageToSnapshot(image), image.offset);
  const sorted = (m: MetadataImage) => [...m.acls.byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  assert.is(back.acls.size, 2);
  assert.equal(sorted(back), sorted(image));
  assert.throws(() => image.apply([{ type: 19, version: 0, record: { id: 'AAAAAAAAAAAAAAAAAAAAAA' } }], 5));
});

test.run();
