// Kafka's per-listener settings on a real broker process: listener.name.X.sasl.enabled.mechanisms gives two
// SASL listeners different mechanisms (a client offering the other one gets UNSUPPORTED_SASL_MECHANISM and
// that listener's list; a listener without its own uses sasl.enabled.mechanisms), and listener.name.X.ssl.*
// gives two SSL listeners different certificates, CAs and ssl.client.auth (checked with kcat and with the
// certificate each listener presents). Per-listener keys for no listener, or that cannot be set per
// listener, exit 2.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode } from '../dist/client/index.js';
import { ApiVersionsApi, SaslHandshakeApi } from '../dist/protocol/generated/api-keys.js';
import { tempDataDir } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import { type Ca, certDir, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { kcat, kcatSasl, kcatTls, type SecureBroker, startSecureBroker } from './helpers/secure-broker.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;

let dir: string;
let caA: Ca;
let caB: Ca;
let brokerA: Leaf;
let brokerB: Leaf;
let clientB: Leaf;

test.before(() => {
  dir = certDir();
  caA = makeCa(dir, 'ca-a');
  caB = makeCa(dir, 'ca-b');
  brokerA = makeLeaf(caA, 'broker-a', '/CN=broker-a');
  brokerB = makeLeaf(caB, 'broker-b', '/CN=broker-b');
  clientB = makeLeaf(caB, 'client-b', '/CN=client-b');
});

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function handshake(address: string, mechanism: string) {
  const c = await TestClient.connect(Number(address.split(':')[1]));
  try {
    await c.request(ApiVersionsApi, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    return await c.request(SaslHandshakeApi, 1, { mechanism });
  } finally {
    c.close();
  }
}

test('listener.name.X.sasl.enabled.mechanisms: each SASL listener offers its own mechanisms; one without uses the global list', async () => {
  let s: SecureBroker | undefined;
  try {
    s = await startSecureBroker({
      listeners: ['SASL_PLAIN', 'SASL_SCRAM', 'SASL_DEFAULT'],
      protocolMap: {
        SASL_PLAIN: 'SASL_PLAINTEXT',
        SASL_SCRAM: 'SASL_PLAINTEXT',
        SASL_DEFAULT: 'SASL_PLAINTEXT',
      },
      users: { alice: 'alice-plain' },
      mechanisms: 'PLAIN,SCRAM-SHA-256',
      properties: [
        'listener.name.sasl_plain.sasl.enabled.mechanisms=PLAIN',
        'listener.name.sasl_scram.sasl.enabled.mechanisms=SCRAM-SHA-512',
      ],
    });
    const a = s.addresses;
    const plainOnScram = await handshake(a.SASL_SCRAM!, 'PLAIN');
    assert.is(plainOnScram.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    assert.equal(plainOnScram.mechanisms, ['SCRAM-SHA-512']);
    const scramOnPlain = await handshake(a.SASL_PLAIN!, 'SCRAM-SHA-512');
    assert.is(scramOnPlain.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    assert.equal(scramOnPlain.mechanisms, ['PLAIN']);
    const scramOnDefault = await handshake(a.SASL_DEFAULT!, 'SCRAM-SHA-512');
    assert.is(scramOnDefault.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    assert.equal(scramOnDefault.mechanisms, ['PLAIN', 'SCRAM-SHA-256']);

    // A SCRAM user, made over the PLAINTEXT listener (no authorizer here).
    const admin = new Client({ brokers: [s.broker.address] });
    const made = await admin
      .admin()
      .alterUserScramCredentials([{ user: 'bob', mechanism: 'scram-sha-512', password: 'bob-scram' }]);
    assert.is(made[0]!.errorCode, 0);
    await admin.close();

    const plainOk = await kcat(a.SASL_PLAIN!, [
      ...kcatSasl('PLAIN', 'alice', 'alice-plain'),
      '-L',
      '-m',
      '5',
    ]);
    assert.is(plainOk.code, 0, plainOk.stderr);
    const scramOk = await kcat(a.SASL_SCRAM!, [
      ...kcatSasl('SCRAM-SHA-512', 'bob', 'bob-scram'),
      '-L',
      '-m',
      '5',
    ]);
    assert.is(scramOk.code, 0, scramOk.stderr);
    const plainRefused = await kcat(a.SASL_SCRAM!, [
      ...kcatSasl('PLAIN', 'alice', 'alice-plain'),
      '-L',
      '-m',
      '3',
    ]);
    assert.is.not(plainRefused.code, 0);
    assert.match(plainRefused.stderr, /mechanism|SCRAM-SHA-512/i);
  } finally {
    await s?.broker.dispose();
  }
});

/** The subject CN of the certificate the listener at `address` presents. */
function peerCommonName(address: string, options: tls.ConnectionOptions = {}): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port: Number(port), rejectUnauthorized: false, ...options }, () => {
      const cn = socket.getPeerCertificate().subject.CN;
      socket.destroy();
      resolve(Array.isArray(cn) ? cn.join(',') : String(cn));
    });
    socket.on('error', reject);
  });
}

test('listener.name.X.ssl.*: two SSL listeners with their own certificate, CA and ssl.client.auth', async () => {
  let s: SecureBroker | undefined;
  try {
    s = await startSecureBroker({
      listeners: ['EXTERNAL', 'INTERNAL'],
      protocolMap: { EXTERNAL: 'SSL', INTERNAL: 'SSL' },
      // Global: broker-a's certificate, no client certificates asked.
      tls: { server: brokerA },
      properties: [
        `listener.name.internal.ssl.certificate.location=${brokerB.cert}`,
        `listener.name.internal.ssl.key.location=${brokerB.key}`,
        `listener.name.internal.ssl.ca.location=${caB.cert}`,
        'listener.name.internal.ssl.client.auth=required',
      ],
    });
    const a = s.addresses;
    assert.is(await peerCommonName(a.EXTERNAL!), 'broker-a');
    assert.is(
      await peerCommonName(a.INTERNAL!, {
        cert: fs.readFileSync(clientB.cert),
        key: fs.readFileSync(clientB.key),
      }),
      'broker-b',
    );

    const external = await kcat(a.EXTERNAL!, [...kcatTls(caA.cert), '-L', '-m', '5']);
    assert.is(external.code, 0, external.stderr);
    // INTERNAL's certificate is from the other CA, and it wants a client certificate from that CA.
    const wrongTrust = await kcat(a.INTERNAL!, [...kcatTls(caA.cert, clientB), '-L', '-m', '3']);
    assert.is.not(wrongTrust.code, 0);
    const noCert = await kcat(a.INTERNAL!, [...kcatTls(caB.cert), '-L', '-m', '3']);
    assert.is.not(noCert.code, 0);
    const internal = await kcat(a.INTERNAL!, [...kcatTls(caB.cert, clientB), '-P', '-t', 'internal'], 'x\n');
    assert.is(internal.code, 0, internal.stderr);
    const consumed = await kcat(a.EXTERNAL!, [
      ...kcatTls(caA.cert),
      '-C',
      '-t',
      'internal',
      '-o',
      'beginning',
      '-e',
      '-q',
    ]);
    assert.is(consumed.stdout, 'x\n', consumed.stderr);
  } finally {
    await s?.broker.dispose();
  }
});

test('per-listener keys for no listener, or not settable per listener, exit 2 with the reason', () => {
  const data = tempDataDir();
  const file = path.join(data, 'broker.properties');
  const run = (lines: string[]) => {
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return spawnSync(process.execPath, [NODE_JS, '--data-dir', data, '--config', file], {
      encoding: 'utf8',
      timeout: 15_000,
    });
  };
  try {
    const nosuch = run(['listener.name.internal.ssl.client.auth=required']);
    assert.is(nosuch.status, 2, nosuch.stderr);
    assert.match(nosuch.stderr, /listener\.name\.internal\.\*: INTERNAL is not a listener/);
    const unknown = run(['listener.name.plaintext.ssl.cipher.suites=x']);
    assert.is(unknown.status, 2, unknown.stderr);
    assert.match(unknown.stderr, /ssl\.cipher\.suites cannot be set per listener/);
    const noCert = run([
      'listeners=PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0',
      `listener.name.plaintext.ssl.certificate.location=${brokerA.cert}`,
    ]);
    assert.is(noCert.status, 2, noCert.stderr);
    assert.match(noCert.stderr, /listener SSL is SSL: it needs ssl\.certificate\.location/);
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test.run();
