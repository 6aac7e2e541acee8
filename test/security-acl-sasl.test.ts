// ACLs for a SASL user: SCRAM-SHA-512 users alice and admin (a super user) on a SASL_PLAINTEXT listener, a
// PLAINTEXT listener for the test's own setup (its User:ANONYMOUS is a super user too). alice, logged in
// with kcat (librdkafka) and KafkaJS, is refused with TOPIC_AUTHORIZATION_FAILED until `runnel acl`, run
// as admin over SASL, allows User:alice; a DENY then refuses her writes again while reads go on.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { cli } from './helpers/cli.js';
import { kcat, kcatSasl, type SecureBroker, startSecureBroker } from './helpers/secure-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let s: SecureBroker;
let sasl: string;

test.before(async () => {
  s = await startSecureBroker({
    listeners: ['SASL_PLAINTEXT'],
    mechanisms: 'SCRAM-SHA-512',
    args: ['--authorizer', 'standard', '--super-users', 'User:ANONYMOUS;User:admin'],
  });
  sasl = s.addresses.SASL_PLAINTEXT!;
  const setup = new Client({ brokers: [s.broker.address] });
  try {
    const made = await setup.admin().alterUserScramCredentials([
      { user: 'alice', mechanism: 'scram-sha-512', password: 'alice-secret' },
      { user: 'admin', mechanism: 'scram-sha-512', password: 'admin-secret' },
    ]);
    assert.equal(
      made.map((r) => r.errorCode),
      [0, 0],
    );
  } finally {
    await setup.close();
  }
  const topic = await cli(['topic', 'create', 'orders', '-b', s.broker.address]);
  assert.is(topic.code, 0, topic.stderr);
});

test.after(async () => {
  await s?.broker.dispose();
});

const asAlice = (args: string[], input?: string) =>
  kcat(sasl, [...kcatSasl('SCRAM-SHA-512', 'alice', 'alice-secret'), '-m', '5', ...args], input);

/** KafkaJS logged in as alice sends one message; resolves with the error text, or null when it was written. */
async function kafkajsSend(value: string): Promise<string | null> {
  const kafka = new Kafka({
    clientId: 'acl-sasl',
    brokers: [sasl],
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' },
    retry: { retries: 0 },
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'orders', messages: [{ value }] });
    return null;
  } catch (e) {
    return `${(e as Error).name} ${(e as Error).message} ${(e as { type?: string }).type ?? ''}`;
  } finally {
    await producer.disconnect();
  }
}

/** `runnel acl ...` as the SCRAM super user admin, over the SASL listener. */
async function aclAsAdmin(args: string[]): Promise<string> {
  const r = await cli(['acl', ...args, '-b', sasl], {
    env: {
      RUNNEL_SASL_MECHANISM: 'SCRAM-SHA-512',
      RUNNEL_SASL_USERNAME: 'admin',
      RUNNEL_SASL_PASSWORD: 'admin-secret',
    },
  });
  assert.is(r.code, 0, r.stderr);
  return r.stdout;
}

const REFUSED = /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed|Not authorized to access topics/i;

test('SCRAM user alice: refused before ACLs, allowed after runnel acl grants User:alice, refused again after a DENY', async () => {
  const before = await asAlice(['-P', '-t', 'orders'], 'one\n');
  assert.match(`${before.stdout}${before.stderr}`, REFUSED);
  const kjsBefore = await kafkajsSend('two');
  assert.ok(kjsBefore !== null, 'KafkaJS was refused');
  assert.match(kjsBefore!, REFUSED);

  await aclAsAdmin([
    'add',
    '--allow-principal',
    'User:alice',
    '--operation',
    'Write',
    '--operation',
    'Read',
    '--topic',
    'orders',
  ]);
  const listed = await aclAsAdmin(['list', '--topic', 'orders']);
  assert.match(listed, /User:alice/);
  const sent = await asAlice(['-P', '-t', 'orders'], 'three\n');
  assert.is(sent.code, 0, sent.stderr);
  assert.not.match(sent.stderr, REFUSED);
  assert.is(await kafkajsSend('four'), null);
  const read = await asAlice(['-C', '-t', 'orders', '-o', 'beginning', '-e', '-q']);
  assert.is(read.code, 0, read.stderr);
  assert.equal(read.stdout.trim().split('\n').sort(), ['four', 'three']);

  await aclAsAdmin(['add', '--deny-principal', 'User:alice', '--operation', 'Write', '--topic', 'orders']);
  const denied = await asAlice(['-P', '-t', 'orders'], 'five\n');
  assert.match(`${denied.stdout}${denied.stderr}`, REFUSED);
  const kjsDenied = await kafkajsSend('six');
  assert.ok(kjsDenied !== null, 'KafkaJS was refused after the DENY');
  assert.match(kjsDenied!, REFUSED);
  const readStill = await asAlice(['-C', '-t', 'orders', '-o', 'beginning', '-e', '-q']);
  assert.equal(readStill.stdout.trim().split('\n').sort(), ['four', 'three']);
});

test.run();
