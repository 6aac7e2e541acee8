// ACLs with principals a real authentication gives: mTLS clients (certificates made by openssl at test time,
// the principal mapped from the subject by ssl.principal.mapping.rules) on an SSL listener, ACLs managed
// through a PLAINTEXT listener whose User:ANONYMOUS is a super user. kcat as User:alice is refused
// (TOPIC_AUTHORIZATION_FAILED) until an ACL allows her; User:bob stays refused; a DENY then wins.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BrokerProcess } from './helpers/broker.js';
import { type Ca, certDir, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { cli } from './helpers/cli.js';
import { kcat, kcatTls, startSecureBroker } from './helpers/secure-broker.js';

let dir: string;
let ca: Ca;
let alice: Leaf;
let bob: Leaf;
let broker: BrokerProcess;
let ssl: string;

test.before(async () => {
  dir = certDir();
  ca = makeCa(dir, 'ca');
  const server = makeLeaf(ca, 'broker', '/CN=broker/O=Runnel');
  alice = makeLeaf(ca, 'alice', '/CN=alice/OU=billing/O=Acme');
  bob = makeLeaf(ca, 'bob', '/CN=bob/OU=billing/O=Acme');
  const s = await startSecureBroker({
    listeners: ['SSL'],
    tls: { server, ca },
    args: [
      '--ssl-client-auth',
      'required',
      '--ssl-principal-mapping-rules',
      'RULE:^O=Acme,OU=billing,CN=([a-z]+)$/$1/,DEFAULT',
      '--authorizer',
      'standard',
      '--super-users',
      'User:ANONYMOUS',
    ],
  });
  broker = s.broker;
  ssl = s.addresses.SSL!;
  const made = await cli(['topic', 'create', 'orders', '-b', broker.address]);
  assert.is(made.code, 0, made.stderr);
});
test.after(async () => {
  await broker?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function kcatAs(
  leaf: Leaf,
  args: string[],
  input?: string,
): Promise<{ code: number | null; out: string }> {
  const r = await kcat(ssl, [...kcatTls(ca.cert, leaf), '-m', '5', ...args], input);
  return { code: r.code, out: r.stdout + r.stderr };
}

const acl = async (args: string[]) => {
  const r = await cli(['acl', ...args, '-b', broker.address]);
  assert.is(r.code, 0, r.stderr);
};

test('an authenticated principal is refused without an ACL, allowed with one; another stays refused; DENY wins', async () => {
  const refused = await kcatAs(alice, ['-P', '-t', 'orders'], 'one\n');
  assert.match(refused.out, /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed/i, refused.out);
  await acl(['add', '--allow-principal', 'User:alice', '--operation', 'Write', '--topic', 'orders']);
  const sent = await kcatAs(alice, ['-P', '-t', 'orders'], 'two\n');
  assert.is(sent.code, 0, sent.out);
  assert.not.match(sent.out, /authorization failed/i);
  const other = await kcatAs(bob, ['-P', '-t', 'orders'], 'three\n');
  assert.match(other.out, /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed/i);
  // Reading needs READ (Fetch's refusal is in security-acl-enforcement.test.ts).
  await acl(['add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 'orders']);
  const readAgain = await kcatAs(alice, ['-C', '-t', 'orders', '-o', 'beginning', '-e']);
  assert.match(readAgain.out, /^two$/m, readAgain.out);
  await acl([
    'add',
    '--deny-principal',
    'User:*',
    '--operation',
    'Write',
    '--topic',
    'ord',
    '--resource-pattern-type',
    'prefixed',
  ]);
  const denied = await kcatAs(alice, ['-P', '-t', 'orders'], 'four\n');
  assert.match(denied.out, /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed/i);
});

test.run();
