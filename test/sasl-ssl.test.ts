// SASL over TLS: a broker with a PLAINTEXT listener (inter-broker) and a SASL_SSL one. kcat logs in with
// PLAIN and SCRAM-SHA-512 through TLS; Runnel's client (ssl + sasl, as KafkaJS takes them) creates the
// SCRAM user; without a login, or with a wrong one, the SASL_SSL listener serves nothing.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode, KafkaError } from '../dist/client/index.js';
import { type Ca, certDir, makeCa, makeLeaf } from './helpers/certs.js';
import {
  kcatSasl,
  kcatTls,
  kcat as runKcat,
  type SecureBroker,
  startSecureBroker,
} from './helpers/secure-broker.js';

const dir = certDir();
let ca: Ca;
let s: SecureBroker;
let saslSsl = '';

/** kcat over the SASL_SSL listener, logged in as `user`. */
const kcat = (user: [string, string, string], args: string[], input?: string) =>
  runKcat(
    saslSsl,
    [...kcatTls(ca.cert, null, 'SASL_SSL'), ...kcatSasl(...user, 'SASL_SSL'), '-m', '5', ...args],
    input,
    20_000,
  );

test.before(async () => {
  ca = makeCa(dir);
  s = await startSecureBroker({
    listeners: ['SASL_SSL'],
    tls: { server: makeLeaf(ca, 'broker', '/CN=localhost') },
    mechanisms: 'PLAIN,SCRAM-SHA-512',
    users: { admin: 'admin-secret' },
  });
  saslSsl = s.addresses.SASL_SSL!;
});

test.after(async () => {
  await s?.broker.stop();
  await s?.broker.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('SASL_SSL: Runnel makes a SCRAM user over TLS; kcat logs in with PLAIN and SCRAM-SHA-512; wrong logins fail', async () => {
  const ssl = { ca: fs.readFileSync(ca.cert) };
  const admin = new Client({
    brokers: [saslSsl],
    ssl,
    sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' },
  });
  try {
    const r = await admin
      .admin()
      .alterUserScramCredentials([{ user: 'alice', mechanism: 'SCRAM-SHA-512', password: 'alice-secret' }]);
    assert.is(r[0]!.errorCode, 0);
  } finally {
    await admin.close();
  }
  const plain: [string, string, string] = ['PLAIN', 'admin', 'admin-secret'];
  const scram: [string, string, string] = ['SCRAM-SHA-512', 'alice', 'alice-secret'];
  const p = await kcat(plain, ['-P', '-t', 'over-tls'], 'x\ny\n');
  assert.is(p.code, 0, p.stderr);
  const c = await kcat(scram, ['-C', '-t', 'over-tls', '-o', 'beginning', '-e', '-q']);
  assert.is(c.code, 0, c.stderr);
  assert.is(c.stdout, 'x\ny\n');
  const wrong = await kcat(['SCRAM-SHA-512', 'alice', 'no'], ['-L']);
  assert.is.not(wrong.code, 0);
  const bad = new Client({
    brokers: [saslSsl],
    ssl,
    sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'no' },
  });
  try {
    await bad.admin().describeCluster();
    assert.unreachable('should fail');
  } catch (e) {
    assert.instance(e, KafkaError);
    assert.is((e as KafkaError).code, ErrorCode.SASL_AUTHENTICATION_FAILED);
  } finally {
    await bad.close();
  }
});

test.run();
