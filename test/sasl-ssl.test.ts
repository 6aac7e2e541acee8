// SASL over TLS: a broker with a PLAINTEXT listener (inter-broker) and a SASL_SSL one. kcat logs in with
// PLAIN and SCRAM-SHA-512 through TLS; Runnel's client (ssl + sasl, as KafkaJS takes them) creates the
// SCRAM user; without a login, or with a wrong one, the SASL_SSL listener serves nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode, KafkaError } from '../dist/client/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { type Ca, certDir, makeCa, makeLeaf, withFreePorts } from './helpers/certs.js';

const dir = certDir();
let ca: Ca;
let broker: BrokerProcess;
let saslSsl = '';

function kcat(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'kcat',
      [
        '-b',
        saslSsl,
        '-X',
        'security.protocol=SASL_SSL',
        '-X',
        `ssl.ca.location=${ca.cert}`,
        '-m',
        '5',
        ...args,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(input ?? '');
  });
}

test.before(async () => {
  ca = makeCa(dir);
  const server = makeLeaf(ca, 'broker', '/CN=localhost');
  const users = path.join(dir, 'users.jaas');
  fs.writeFileSync(users, 'user_admin="admin-secret"\n');
  broker = await withFreePorts(1, ([port]) => {
    saslSsl = `127.0.0.1:${port}`;
    return startBroker([
      '--listeners',
      `PLAINTEXT://127.0.0.1:0,SASL_SSL://${saslSsl}`,
      '--ssl-cert',
      server.cert,
      '--ssl-key',
      server.key,
      '--sasl-enabled-mechanisms',
      'PLAIN,SCRAM-SHA-512',
      '--sasl-plain-users-file',
      users,
    ]);
  });
});

test.after(async () => {
  await broker?.stop();
  await broker?.dispose();
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
  const plain = [
    '-X',
    'sasl.mechanisms=PLAIN',
    '-X',
    'sasl.username=admin',
    '-X',
    'sasl.password=admin-secret',
  ];
  const scram = [
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    'sasl.username=alice',
    '-X',
    'sasl.password=alice-secret',
  ];
  const p = await kcat([...plain, '-P', '-t', 'over-tls'], 'x\ny\n');
  assert.is(p.code, 0, p.stderr);
  const c = await kcat([...scram, '-C', '-t', 'over-tls', '-o', 'beginning', '-e', '-q']);
  assert.is(c.code, 0, c.stderr);
  assert.is(c.stdout, 'x\ny\n');
  const wrong = await kcat([
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    'sasl.username=alice',
    '-X',
    'sasl.password=no',
    '-L',
  ]);
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
