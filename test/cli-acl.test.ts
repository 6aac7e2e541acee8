// runnel acl add | list | remove against a broker process with --authorizer standard (User:ANONYMOUS a super
// user, so the CLI may manage ACLs): kafka-acls.sh's flags, tables and --json, bad arguments exit 2, and a
// broker without an authorizer answers SECURITY_DISABLED (exit 1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliJson } from './helpers/cli.js';
import { startTestBroker, type TestBroker } from './helpers/client-broker.js';

let broker: TestBroker;
let b: string[];

test.before(async () => {
  broker = await startTestBroker(['--authorizer', 'standard', '--super-users', 'User:ANONYMOUS']);
  b = ['-b', broker.address];
});
test.after(async () => {
  await broker.destroy();
});

interface Acl {
  resourceType: string;
  resourceName: string;
  patternType: string;
  principal: string;
  host: string;
  operation: string;
  permission: string;
}

test('add every combination, list (table and --json), remove by principal', async () => {
  const add = await cli([
    'acl',
    'add',
    '--allow-principal',
    'User:alice',
    '--operation',
    'Read',
    '--operation',
    'DescribeConfigs',
    '--topic',
    'orders',
    '--group',
    'billing',
    ...b,
  ]);
  assert.is(add.code, 0, add.stderr);
  assert.match(add.stdout, /TOPIC\s+orders\s+LITERAL\s+User:alice\s+\*\s+READ\s+ALLOW/);
  const deny = await cli([
    'acl',
    'add',
    '--deny-principal',
    'User:bob',
    '--operation',
    'write',
    '--topic',
    'app-',
    '--resource-pattern-type',
    'prefixed',
    ...b,
  ]);
  assert.is(deny.code, 0, deny.stderr);
  const all = await cliJson<Acl[]>(['acl', 'list', ...b]);
  assert.is(all.length, 5);
  const prefixed = all.find((a) => a.patternType === 'PREFIXED')!;
  assert.equal(prefixed, {
    resourceType: 'TOPIC',
    resourceName: 'app-',
    patternType: 'PREFIXED',
    principal: 'User:bob',
    host: '*',
    operation: 'WRITE',
    permission: 'DENY',
  });
  // MATCH: what applies to topic app-x.
  const match = await cliJson<Acl[]>([
    'acl',
    'list',
    '--topic',
    'app-x',
    '--resource-pattern-type',
    'match',
    ...b,
  ]);
  assert.equal(
    match.map((a) => a.resourceName),
    ['app-'],
  );
  const removed = await cliJson<Acl[]>([
    'acl',
    'remove',
    '--principal',
    'User:alice',
    '--topic',
    'orders',
    ...b,
  ]);
  assert.is(removed.length, 2);
  assert.is((await cliJson<Acl[]>(['acl', 'list', ...b])).length, 3);
});

test('bad arguments exit 2 before anything is sent', async () => {
  for (const args of [
    ['acl', 'add', '--allow-principal', 'alice', '--operation', 'Read', '--topic', 't'],
    ['acl', 'add', '--allow-principal', 'User:alice', '--operation', 'Fly', '--topic', 't'],
    ['acl', 'add', '--allow-principal', 'User:alice', '--operation', 'Read'],
    ['acl', 'add', '--operation', 'Read', '--topic', 't'],
    [
      'acl',
      'add',
      '--allow-principal',
      'User:a',
      '--operation',
      'Read',
      '--topic',
      't',
      '--resource-pattern-type',
      'match',
    ],
    ['acl', 'remove'],
  ]) {
    const r = await cli([...args, ...b]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});

test('a broker without an authorizer: SECURITY_DISABLED, exit 1', async () => {
  const open = await startTestBroker([]);
  try {
    const r = await cli(['acl', 'list', '-b', open.address]);
    assert.is(r.code, 1);
    assert.match(r.stderr, /SECURITY_DISABLED/);
  } finally {
    await open.destroy();
  }
});

test.run();
