// SASL against a real broker process whose one listener is SASL_PLAINTEXT (listener.security.protocol.map
// PLAINTEXT:SASL_PLAINTEXT): PLAIN users from a JAAS file; SCRAM-SHA-256/512 users made through
// AlterUserScramCredentials by Runnel's admin client (logged in with PLAIN); unsecured and RS256/ES256
// OAUTHBEARER tokens. Real clients: kcat (librdkafka) with PLAIN and SCRAM-SHA-512, KafkaJS with PLAIN,
// SCRAM-SHA-256 and SCRAM-SHA-512, Runnel's own client with every mechanism. The abuse cases speak raw
// frames: a request before authentication, malformed tokens, an over-large frame, a client that never
// finishes, and 1,000 failed logins while an authenticated client keeps working.
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode, KafkaError } from '../dist/client/index.js';
import {
  ApiVersionsApi,
  MetadataApi,
  SaslAuthenticateApi,
  SaslHandshakeApi,
} from '../dist/protocol/generated/api-keys.js';
import { createMetadataRequest } from '../dist/protocol/generated/metadata.js';
import { type BrokerProcess, tempDataDir } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import { cli } from './helpers/cli.js';
import { kcat as runKcat, startSecureBroker } from './helpers/secure-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const dir = tempDataDir('runnel-sasl-');
// A Kafka JAAS block, read as is.
const USERS_JAAS =
  'KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n' +
  '  username="admin" password="admin-secret"\n  user_admin="admin-secret"\n  user_carol="carol-secret";\n};\n';
const JWKS = path.join(dir, 'jwks.json');
const AUTH_TIMEOUT_MS = 1500;
const MAX_RECEIVE = 4096;
let broker: BrokerProcess;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const head = `${b64(header)}.${b64(claims)}`;
  if (header.alg === 'none') return `${head}.`;
  const sig =
    header.alg === 'RS256'
      ? sign('sha256', Buffer.from(head), rsa.privateKey)
      : sign('sha256', Buffer.from(head), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${sig.toString('base64url')}`;
}
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

const kcat = (args: string[], input?: string) =>
  runKcat(broker.address, ['-X', 'security.protocol=SASL_PLAINTEXT', ...args], input, 20_000);

function kafkajs(sasl: Record<string, string>) {
  return new Kafka({
    clientId: 'sasl-test',
    brokers: [broker.address],
    logLevel: logLevel.NOTHING,
    sasl,
    retry: { retries: 0 },
  });
}

const admin = () =>
  new Client({
    brokers: [broker.address],
    sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' },
  });

async function rejects(p: Promise<unknown>): Promise<void> {
  let failed = false;
  await p.catch(() => (failed = true));
  assert.ok(failed, 'expected a rejection');
}

async function saslClient(): Promise<TestClient> {
  const c = await TestClient.connect(broker.port);
  await c.request(ApiVersionsApi, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
  return c;
}

test.before(async () => {
  fs.writeFileSync(
    JWKS,
    JSON.stringify({
      keys: [
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa1', use: 'sig' },
        { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec1' },
      ],
    }),
  );
  // One listener, PLAINTEXT by name, SASL_PLAINTEXT by protocol.
  ({ broker } = await startSecureBroker({
    listeners: [],
    protocolMap: { PLAINTEXT: 'SASL_PLAINTEXT' },
    mechanisms: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
    usersText: USERS_JAAS,
    args: [
      '--sasl-oauthbearer-unsecured-enable',
      'true',
      '--sasl-oauthbearer-jwks-endpoint-url',
      `file://${JWKS}`,
      '--sasl-oauthbearer-expected-audience',
      'runnel',
      '--sasl-server-authentication-timeout-ms',
      String(AUTH_TIMEOUT_MS),
      '--sasl-server-max-receive-size',
      String(MAX_RECEIVE),
      '--connection-failed-authentication-delay-ms',
      '100',
    ],
  }));
});

test.after(async () => {
  await broker.stop();
  await broker.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('SCRAM users through AlterUserScramCredentials: created, described, refused with Kafka codes', async () => {
  const client = admin();
  try {
    const a = client.admin();
    const made = await a.alterUserScramCredentials([
      { user: 'alice', mechanism: 'scram-sha-512', password: 'alice-secret', iterations: 4096 },
      { user: 'bob', mechanism: 'scram-sha-256', password: 'bob-secret', iterations: 16384 },
      { user: 'bob', mechanism: 'scram-sha-512', password: 'bob-secret' },
    ]);
    assert.equal(
      made.map((r) => [r.user, r.errorCode]),
      [
        ['alice', 0],
        ['bob', 0],
      ],
    );
    const all = await a.describeUserScramCredentials();
    assert.equal(all, [
      { user: 'alice', errorCode: 0, credentials: [{ mechanism: 'SCRAM-SHA-512', iterations: 4096 }] },
      {
        user: 'bob',
        errorCode: 0,
        credentials: [
          { mechanism: 'SCRAM-SHA-256', iterations: 16384 },
          { mechanism: 'SCRAM-SHA-512', iterations: 8192 },
        ],
      },
    ]);
    const refused = await a.alterUserScramCredentials([
      { user: 'low', mechanism: 'scram-sha-256', password: 'x', iterations: 4095 },
      { user: 'high', mechanism: 'scram-sha-256', password: 'x', iterations: 16385 },
      { user: 'ghost', mechanism: 'scram-sha-256', delete: true },
      { user: 'twice', mechanism: 'scram-sha-256', password: 'x' },
      { user: 'twice', mechanism: 'scram-sha-256', delete: true },
      { user: '', mechanism: 'scram-sha-256', password: 'x' },
    ]);
    assert.equal(
      refused.map((r) => [r.user, r.errorCode]),
      [
        ['ghost', ErrorCode.RESOURCE_NOT_FOUND],
        ['twice', ErrorCode.DUPLICATE_RESOURCE],
        ['low', ErrorCode.UNACCEPTABLE_CREDENTIAL],
        ['high', ErrorCode.UNACCEPTABLE_CREDENTIAL],
        ['', ErrorCode.UNACCEPTABLE_CREDENTIAL],
      ],
    );
    const some = await a.describeUserScramCredentials(['alice', 'nobody']);
    assert.equal(
      some.map((r) => [r.user, r.errorCode]),
      [
        ['alice', 0],
        ['nobody', ErrorCode.RESOURCE_NOT_FOUND],
      ],
    );
    // A deleted credential no longer logs in; the other mechanism of the same user still does.
    const gone = await a.alterUserScramCredentials([
      { user: 'bob', mechanism: 'scram-sha-256', delete: true },
    ]);
    assert.is(gone[0]!.errorCode, 0);
  } finally {
    await client.close();
  }
});

test('kcat (librdkafka) produces and consumes with PLAIN and SCRAM-SHA-512; a wrong password fails', async () => {
  const plain = [
    '-X',
    'sasl.mechanisms=PLAIN',
    '-X',
    'sasl.username=carol',
    '-X',
    'sasl.password=carol-secret',
  ];
  const scram = [
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    'sasl.username=alice',
    '-X',
    'sasl.password=alice-secret',
  ];
  const p = await kcat([...plain, '-P', '-t', 'kcat-sasl'], 'one\ntwo\n');
  assert.is(p.code, 0, p.stderr);
  const s = await kcat([...scram, '-P', '-t', 'kcat-sasl'], 'three\n');
  assert.is(s.code, 0, s.stderr);
  const c = await kcat([...scram, '-C', '-t', 'kcat-sasl', '-o', 'beginning', '-e', '-q']);
  assert.is(c.code, 0, c.stderr);
  assert.is(c.stdout, 'one\ntwo\nthree\n');
  const wrong = await kcat([
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    'sasl.username=alice',
    '-X',
    'sasl.password=nope',
    '-L',
    '-m',
    '3',
  ]);
  assert.is.not(wrong.code, 0);
  assert.match(wrong.stderr, /Authentication failed/);
  assert.not.match(broker.stderr(), /nope|alice-secret|carol-secret/);
});

test('KafkaJS with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512; wrong passwords and a deleted credential fail', async () => {
  const client = admin();
  const ivy = await client
    .admin()
    .alterUserScramCredentials([{ user: 'ivy', mechanism: 'scram-sha-256', password: 'ivy-secret' }]);
  await client.close();
  assert.is(ivy[0]!.errorCode, 0);
  const runs: [Record<string, string>, string][] = [
    [{ mechanism: 'plain', username: 'carol', password: 'carol-secret' }, 'plain'],
    [{ mechanism: 'scram-sha-256', username: 'ivy', password: 'ivy-secret' }, 'scram-256'],
    [{ mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' }, 'scram-512'],
    [{ mechanism: 'scram-sha-512', username: 'bob', password: 'bob-secret' }, 'scram-512-bob'],
  ];
  for (const [sasl, value] of runs) {
    const producer = kafkajs(sasl).producer();
    await producer.connect();
    await producer.send({ topic: 'kafkajs-sasl', messages: [{ value }] });
    await producer.disconnect();
  }
  const consumer = kafkajs({
    mechanism: 'scram-sha-512',
    username: 'alice',
    password: 'alice-secret',
  }).consumer({
    groupId: 'sasl-group',
  });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: 'kafkajs-sasl', fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }: { message: { value: Buffer } }) => void seen.push(String(message.value)),
  });
  const deadline = Date.now() + 20_000;
  while (seen.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  assert.equal(seen.sort(), ['plain', 'scram-256', 'scram-512', 'scram-512-bob']);
  for (const sasl of [
    { mechanism: 'plain', username: 'carol', password: 'wrong' },
    { mechanism: 'scram-sha-512', username: 'alice', password: 'wrong' },
    { mechanism: 'scram-sha-256', username: 'nobody', password: 'wrong' },
    // bob's SCRAM-SHA-256 credential was deleted above.
    { mechanism: 'scram-sha-256', username: 'bob', password: 'bob-secret' },
  ]) {
    const producer = kafkajs(sasl).producer();
    let failed: Error | null = null;
    await producer.connect().catch((e: Error) => (failed = e));
    assert.ok(failed !== null, `${sasl.mechanism} ${sasl.username} should fail`);
    assert.match(String((failed as Error).message), /SASL|[Aa]uthentication/);
  }
});

test("Runnel's client: every mechanism, OAUTHBEARER tokens unsecured, RS256 and ES256; bad tokens fail", async () => {
  const ok = async (sasl: ConstructorParameters<typeof Client>[0]['sasl']) => {
    const c = new Client({ brokers: [broker.address], sasl, reconnectBackoffMs: 10 });
    try {
      const md = await c.admin().describeCluster();
      assert.is(md.brokers.length, 1);
    } finally {
      await c.close();
    }
  };
  const fails = async (sasl: ConstructorParameters<typeof Client>[0]['sasl']) => {
    const c = new Client({ brokers: [broker.address], sasl, requestTimeoutMs: 3000 });
    try {
      await c.admin().describeCluster();
      assert.unreachable('should fail');
    } catch (e) {
      assert.instance(e, KafkaError);
      assert.is((e as KafkaError).code, ErrorCode.SASL_AUTHENTICATION_FAILED, (e as Error).message);
    } finally {
      await c.close();
    }
  };
  await ok({ mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' });
  const token = (header: Record<string, unknown>, claims: Record<string, unknown>) => ({
    mechanism: 'oauthbearer' as const,
    oauthBearerProvider: async () => ({ value: jwt(header, claims) }),
  });
  const claims = { sub: 'dave', aud: 'runnel', exp: inAnHour() };
  await ok(token({ alg: 'none' }, claims));
  await ok(token({ alg: 'RS256', kid: 'rsa1' }, claims));
  await ok(token({ alg: 'ES256', kid: 'ec1' }, { ...claims, aud: ['other', 'runnel'] }));
  await fails(token({ alg: 'RS256', kid: 'rsa1' }, { ...claims, exp: Math.floor(Date.now() / 1000) - 120 }));
  await fails(token({ alg: 'RS256', kid: 'rsa1' }, { ...claims, aud: 'elsewhere' }));
  await fails(token({ alg: 'ES256', kid: 'rsa1' }, claims));
  await fails(token({ alg: 'RS256', kid: 'unknown' }, claims));
  const forged = jwt({ alg: 'RS256', kid: 'rsa1' }, claims).split('.');
  forged[1] = b64({ ...claims, sub: 'mallory' });
  await fails({ mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: forged.join('.') }) });
  await fails({ mechanism: 'plain', username: 'carol', password: 'carol-secreT' });
});

test('a request before authentication closes the connection; so does a frame over sasl.server.max.receive.size', async () => {
  const c = await saslClient();
  await rejects(c.request(MetadataApi, 12, createMetadataRequest({ topics: null })));
  await c.closedPromise;
  const big = await saslClient();
  const hs = await big.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' });
  assert.is(hs.errorCode, 0);
  // Frame = request header v2 (22 bytes with client id 'runnel-test') + 2-byte compact length + token + tags.
  const frameOverhead = 25;
  await rejects(
    big.request(SaslAuthenticateApi, 2, { authBytes: Buffer.alloc(MAX_RECEIVE - frameOverhead + 1, 1) }),
  );
  await big.closedPromise;
  // A frame of exactly the limit is read (and here refused as a login, not as a frame).
  const atLimit = await saslClient();
  await atLimit.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' });
  const token = Buffer.alloc(MAX_RECEIVE - frameOverhead, 1);
  const res = await atLimit.request(SaslAuthenticateApi, 2, { authBytes: token });
  assert.is(res.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
  await atLimit.closedPromise;
  assert.match(broker.stderr(), /exceeds sasl\.server\.max\.receive\.size/);
});

test('handshake errors: unsupported mechanism lists the enabled ones; SaslAuthenticate before a handshake is ILLEGAL_SASL_STATE', async () => {
  const c = await saslClient();
  const hs = await c.request(SaslHandshakeApi, 1, { mechanism: 'GSSAPI' });
  assert.is(hs.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM);
  assert.equal(hs.mechanisms, ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']);
  await c.closedPromise;
  const d = await saslClient();
  const auth = await d.request(SaslAuthenticateApi, 1, {
    authBytes: Buffer.from('\u0000carol\u0000carol-secret'),
  });
  assert.is(auth.errorCode, ErrorCode.ILLEGAL_SASL_STATE);
  await d.closedPromise;
});

test('malformed SASL tokens are SASL_AUTHENTICATION_FAILED (after the delay) and close the connection', async () => {
  const cases: [string, Buffer][] = [
    ['PLAIN', Buffer.from('no separators')],
    ['PLAIN', Buffer.from('\u0000\u0000\u0000')],
    ['SCRAM-SHA-512', Buffer.from('garbage')],
    ['SCRAM-SHA-512', Buffer.from([0xff, 0xfe, 0x00])],
    ['OAUTHBEARER', Buffer.from('n,,\u0001auth=Bearer not.a.jwt\u0001\u0001')],
    ['OAUTHBEARER', Buffer.alloc(0)],
  ];
  for (const [mechanism, token] of cases) {
    const c = await saslClient();
    assert.is((await c.request(SaslHandshakeApi, 1, { mechanism })).errorCode, 0);
    const started = Date.now();
    const res = await c.request(SaslAuthenticateApi, 2, { authBytes: token });
    assert.is(res.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED, mechanism);
    assert.ok(Date.now() - started >= 90, 'the failure is delayed');
    assert.not.match(res.errorMessage ?? '', /garbage|jwt/);
    await c.closedPromise;
  }
  // SCRAM: a client-final with a wrong proof, after a good client-first.
  const c = await saslClient();
  await c.request(SaslHandshakeApi, 1, { mechanism: 'SCRAM-SHA-512' });
  const first = await c.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from('n,,n=alice,r=abcdefgh') });
  assert.is(first.errorCode, 0);
  const nonce = /r=([^,]+)/.exec(first.authBytes.toString())![1];
  const final = await c.request(SaslAuthenticateApi, 2, {
    authBytes: Buffer.from(`c=biws,r=${nonce},p=${Buffer.alloc(64).toString('base64')}`),
  });
  assert.is(final.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
  await c.closedPromise;
});

test('a client that never finishes authenticating is closed after sasl.server.authentication.timeout.ms', async () => {
  const started = Date.now();
  const idle = await saslClient();
  const halfway = await saslClient();
  await halfway.request(SaslHandshakeApi, 1, { mechanism: 'SCRAM-SHA-256' });
  await halfway.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from('n,,n=alice,r=abcdefgh') });
  await Promise.all([idle.closedPromise, halfway.closedPromise]);
  const took = Date.now() - started;
  assert.ok(took >= AUTH_TIMEOUT_MS - 100 && took < AUTH_TIMEOUT_MS + 5000, `closed after ${took} ms`);
});

test('1,000 failed logins do not hold up an authenticated client', async () => {
  const client = new Client({
    brokers: [broker.address],
    sasl: { mechanism: 'plain', username: 'carol', password: 'carol-secret' },
  });
  const producer = client.producer({ lingerMs: 0 });
  await producer.send('storm', [{ value: 'warm-up' }]);
  let storming = true;
  const latencies: number[] = [];
  const legit = (async () => {
    while (storming) {
      const t = performance.now();
      await producer.send('storm', [{ value: 'during' }]);
      latencies.push(performance.now() - t);
    }
  })();
  let failed = 0;
  const started = Date.now();
  for (let wave = 0; wave < 10; wave++) {
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const c = await saslClient();
        await c.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' });
        const res = await c.request(SaslAuthenticateApi, 2, {
          authBytes: Buffer.from(`\u0000carol\u0000guess-${wave}-${i}`),
        });
        if (res.errorCode === ErrorCode.SASL_AUTHENTICATION_FAILED) failed++;
        await c.closedPromise;
      }),
    );
  }
  const stormMs = Date.now() - started;
  storming = false;
  await legit;
  await client.close();
  assert.is(failed, 1000);
  assert.ok(latencies.length >= 10, `${latencies.length} produces during the storm`);
  // Each failure waits 100 ms on a timer, not on the event loop: the storm's 10 waves take seconds, not 100.
  assert.ok(stormMs < 20_000, `storm took ${stormMs} ms`);
  const worst = Math.max(...latencies);
  assert.ok(worst < 2000, `slowest produce during the storm: ${worst.toFixed(0)} ms`);
  // Logged, rate limited, and never with the passwords tried.
  assert.match(broker.stderr(), /failed PLAIN authentication of user 'carol' from 127\.0\.0\.1:\d+/);
  assert.match(broker.stderr(), /more failed authentications not logged/);
  assert.not.match(broker.stderr(), /guess-/);
});

test('runnel user create|list|delete with --sasl-* flags; the new user logs in with kcat', async () => {
  const asAdmin = [
    '-b',
    broker.address,
    '--sasl-mechanism',
    'PLAIN',
    '--sasl-username',
    'admin',
    '--sasl-password',
    'admin-secret',
  ];
  const made = await cli(
    ['user', 'create', 'frank', '--password-stdin', '--mechanism', 'SCRAM-SHA-256', ...asAdmin],
    {
      input: 'frank-secret\n',
    },
  );
  assert.is(made.code, 0, made.stderr);
  const listed = await cli(['user', 'list', 'frank', '--json', '-b', broker.address], {
    env: {
      RUNNEL_SASL_MECHANISM: 'SCRAM-SHA-256',
      RUNNEL_SASL_USERNAME: 'frank',
      RUNNEL_SASL_PASSWORD: 'frank-secret',
    },
  });
  assert.is(listed.code, 0, listed.stderr);
  assert.equal(JSON.parse(listed.stdout), [
    { user: 'frank', errorCode: 0, credentials: [{ mechanism: 'SCRAM-SHA-256', iterations: 8192 }] },
  ]);
  const login = await kcat([
    '-X',
    'sasl.mechanisms=SCRAM-SHA-256',
    '-X',
    'sasl.username=frank',
    '-X',
    'sasl.password=frank-secret',
    '-L',
    '-m',
    '5',
  ]);
  assert.is(login.code, 0, login.stderr);
  const low = await cli(['user', 'create', 'x', '--password', 'y', '--iterations', '100', ...asAdmin]);
  assert.is(low.code, 1);
  assert.match(low.stderr, /UNACCEPTABLE_CREDENTIAL/);
  const deleted = await cli(['user', 'delete', 'frank', ...asAdmin]);
  assert.is(deleted.code, 0, deleted.stderr);
  const refused = await cli([
    'user',
    'list',
    '-b',
    broker.address,
    '--sasl-mechanism',
    'SCRAM-SHA-256',
    '--sasl-username',
    'frank',
    '--sasl-password',
    'frank-secret',
  ]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /SASL_AUTHENTICATION_FAILED/);
});

test('KIP-368: session_lifetime_ms answered; an expired session is closed at its next request; Runnel re-authenticates', async () => {
  const { broker: reauth } = await startSecureBroker({
    listeners: [],
    protocolMap: { PLAINTEXT: 'SASL_PLAINTEXT' },
    mechanisms: 'PLAIN,OAUTHBEARER',
    usersText: USERS_JAAS,
    args: ['--sasl-oauthbearer-unsecured-enable', 'true', '--connections-max-reauth-ms', '1500'],
  });
  try {
    const login = async (c: TestClient, user = 'carol', pw = 'carol-secret') => {
      assert.is((await c.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' })).errorCode, 0);
      return c.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from(`\u0000${user}\u0000${pw}`) });
    };
    const c = await TestClient.connect(reauth.port);
    const first = await login(c);
    assert.is(first.errorCode, 0);
    assert.is(first.sessionLifetimeMs, 1500);
    // Re-authentication on the same connection extends the session; another user is refused.
    await new Promise((r) => setTimeout(r, 1000));
    assert.is((await login(c)).errorCode, 0);
    await new Promise((r) => setTimeout(r, 1000));
    await c.request(MetadataApi, 12, createMetadataRequest({ topics: null }));
    const other = await login(c, 'admin', 'admin-secret');
    assert.is(other.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
    await c.closedPromise;
    // Not re-authenticated in time: the next request closes the connection.
    const late = await TestClient.connect(reauth.port);
    await login(late);
    await new Promise((r) => setTimeout(r, 1700));
    await rejects(late.request(MetadataApi, 12, createMetadataRequest({ topics: null })));
    await late.closedPromise;
    assert.match(reauth.stderr(), /session expired without re-authentication/);
    // A token that expires sooner than connections.max.reauth.ms shortens the session to its exp.
    const o = await TestClient.connect(reauth.port);
    await o.request(SaslHandshakeApi, 1, { mechanism: 'OAUTHBEARER' });
    const exp = Math.floor(Date.now() / 1000) + 1;
    const res = await o.request(SaslAuthenticateApi, 2, {
      authBytes: Buffer.from(`n,,\u0001auth=Bearer ${jwt({ alg: 'none' }, { sub: 'gus', exp })}\u0001\u0001`),
    });
    assert.is(res.errorCode, 0);
    assert.ok(
      res.sessionLifetimeMs > 0 && res.sessionLifetimeMs <= 1000,
      `lifetime ${res.sessionLifetimeMs}`,
    );
    o.close();
    // Runnel's client keeps one connection working across several session lifetimes.
    const client = new Client({
      brokers: [reauth.address],
      sasl: { mechanism: 'plain', username: 'carol', password: 'carol-secret' },
    });
    const producer = client.producer({ lingerMs: 0 });
    const until = Date.now() + 5000;
    let sent = 0;
    while (Date.now() < until) {
      await producer.send('reauth', [{ value: String(sent++) }]);
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.close();
    assert.ok(sent > 10);
    // Only the one connection above ever expired: Runnel's re-authenticated in time.
    assert.is(reauth.stderr().split('session expired').length - 1, 1);
  } finally {
    await reauth.stop();
    await reauth.dispose();
  }
});

test.run();
