// Listeners and TLS on a real broker process, with certificates made by openssl at test time: a PLAINTEXT
// and an SSL listener side by side, each client told the brokers of the listener it came in on; kcat
// (librdkafka), KafkaJS and Runnel's client produce and consume over SSL and over mTLS, where the principal
// comes from the client certificate through ssl.principal.mapping.rules (seen in the broker's debug log); a
// client without a certificate, or with one from another CA, is refused while the others go on;
// ssl.client.auth=requested and ssl.enabled.protocols. Limits and operations: broker-tls-ops.test.ts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tls from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import type { BrokerProcess } from './helpers/broker.js';
import { type Ca, certDir, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { cli as runCli } from './helpers/cli.js';
import { kcat, kcatTls, startSecureBroker } from './helpers/secure-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

let dir: string;
let ca: Ca;
let otherCa: Ca;
let server: Leaf;
let alice: Leaf;
let mallory: Leaf;

test.before(() => {
  dir = certDir();
  ca = makeCa(dir, 'ca');
  server = makeLeaf(ca, 'broker', '/CN=broker/O=Runnel');
  alice = makeLeaf(ca, 'alice', '/CN=alice/OU=billing/O=Acme');
  // Same subject layout, signed by a CA the broker does not trust.
  const other = certDir();
  otherCa = makeCa(other, 'other');
  mallory = makeLeaf(otherCa, 'mallory', '/CN=mallory/OU=billing/O=Acme');
});

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(otherCa.dir, { recursive: true, force: true });
});

// A refused client should fail fast rather than retry for the default minute.
const kcatSsl = (leaf: Leaf | null, trust = ca.cert) => [...kcatTls(trust, leaf), '-m', '3'];

async function tlsBroker(extra: string[] = []): Promise<{ broker: BrokerProcess; ssl: string }> {
  const { broker, addresses } = await startSecureBroker({
    listeners: ['SSL'],
    tls: { server, ca },
    args: ['--log-level', 'debug', ...extra],
  });
  return { broker, ssl: addresses.SSL! };
}

test('SSL listener beside PLAINTEXT: kcat, KafkaJS and Runnel produce and consume over TLS; metadata names the listener a client came in on', async () => {
  const { broker, ssl } = await tlsBroker();
  try {
    const produced = await kcat(ssl, [...kcatSsl(null), '-P', '-t', 'over-tls'], 'one\ntwo\nthree\n');
    assert.is(produced.code, 0, produced.stderr);
    const consumed = await kcat(ssl, [
      ...kcatSsl(null),
      '-C',
      '-t',
      'over-tls',
      '-o',
      'beginning',
      '-e',
      '-q',
    ]);
    assert.equal(consumed.stdout.trim().split('\n'), ['one', 'two', 'three']);

    // Each client is told the broker's address on its own listener.
    const overTls = await kcat(ssl, [...kcatSsl(null), '-L', '-J']);
    assert.is(JSON.parse(overTls.stdout).brokers[0].name, ssl);
    const plain = await kcat(broker.address, ['-L', '-J']);
    assert.is(JSON.parse(plain.stdout).brokers[0].name, broker.address);

    const kafka = new Kafka({
      clientId: 'kafkajs-tls',
      brokers: [ssl],
      ssl: { ca: [fs.readFileSync(ca.cert)] },
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'over-tls', messages: [{ value: 'from kafkajs' }] });
    await producer.disconnect();

    const client = new Client({ brokers: [ssl], ssl: { ca: fs.readFileSync(ca.cert) } });
    await client.producer().send('over-tls', [{ value: 'from runnel' }]);
    const consumer = client.consumer({ autoOffsetReset: 'earliest' });
    consumer.assign([{ topic: 'over-tls', partition: 0 }]);
    const values: string[] = [];
    for await (const r of consumer) {
      values.push(r.value!.toString());
      if (values.length === 5) break;
    }
    await client.close();
    assert.equal(values, ['one', 'two', 'three', 'from kafkajs', 'from runnel']);
    // A client that does not trust the broker's CA gives up; the broker goes on.
    const untrusting = await kcat(ssl, [...kcatSsl(null, otherCa.cert), '-L']);
    assert.is.not(untrusting.code, 0);
    assert.is((await kcat(broker.address, ['-L'])).code, 0);
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

test('mTLS (ssl.client.auth=required): the principal comes from the certificate; no certificate or a foreign CA is refused, others unaffected', async () => {
  const { broker, ssl } = await tlsBroker([
    '--ssl-client-auth',
    'required',
    '--ssl-principal-mapping-rules',
    'RULE:^CN=([a-zA-Z]+),OU=billing,O=Acme$/$1-billing/U,DEFAULT',
  ]);
  try {
    const produced = await kcat(ssl, [...kcatSsl(alice), '-P', '-t', 'mtls'], 'a\nb\n');
    assert.is(produced.code, 0, produced.stderr);
    // RFC 2253 order (most specific first) is what the rule sees: O=Acme,OU=billing,CN=alice does not
    // match it, so DEFAULT keeps the whole name.
    assert.match(broker.stderr(), /on listener SSL: principal User:O=Acme,OU=billing,CN=alice/);

    const kafka = new Kafka({
      clientId: 'kafkajs-mtls',
      brokers: [ssl],
      ssl: {
        ca: [fs.readFileSync(ca.cert)],
        cert: fs.readFileSync(alice.cert),
        key: fs.readFileSync(alice.key),
      },
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'mtls', messages: [{ value: 'c' }] });
    await producer.disconnect();

    // A plaintext producer keeps going while refused clients come and go.
    const plain = new Client({ brokers: [broker.address] });
    const p = plain.producer();
    let sent = 0;
    let stop = false;
    const background = (async () => {
      while (!stop) {
        await p.send('plain-meanwhile', [{ value: `v${sent}` }]);
        sent++;
      }
    })();
    const noCert = await kcat(ssl, [...kcatSsl(null), '-L']);
    assert.is.not(noCert.code, 0);
    const foreign = await kcat(ssl, [...kcatSsl(mallory), '-L']);
    assert.is.not(foreign.code, 0);
    const runnelNoCert = new Client({
      brokers: [ssl],
      ssl: { ca: fs.readFileSync(ca.cert) },
      requestTimeoutMs: 3000,
      connectTimeoutMs: 3000,
    });
    await runnelNoCert
      .admin()
      .listTopics()
      .then(
        () => assert.unreachable('a client without a certificate was served'),
        () => {},
      );
    await runnelNoCert.close();
    stop = true;
    await background;
    await plain.close();
    assert.ok(sent > 0);
    assert.match(broker.stderr(), /peer did not return a certificate|certificate required/);
    assert.match(broker.stderr(), /refused: client certificate not trusted|TLS handshake with .* failed/);

    const consumed = await kcat(ssl, [...kcatSsl(alice), '-C', '-t', 'mtls', '-o', 'beginning', '-e', '-q']);
    assert.equal(consumed.stdout.trim().split('\n'), ['a', 'b', 'c']);

    // The runnel CLI with a client certificate; without one it is refused.
    const listed = await runCli([
      'topic',
      'list',
      '-b',
      ssl,
      '--ssl-ca',
      ca.cert,
      '--ssl-cert',
      alice.cert,
      '--ssl-key',
      alice.key,
    ]);
    assert.is(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^mtls\b/m);
    const refusedCli = await runCli([
      'topic',
      'list',
      '-b',
      ssl,
      '--ssl-ca',
      ca.cert,
      '--timeout-ms',
      '3000',
    ]);
    assert.is(refusedCli.code, 1);
    const badFile = await runCli(['topic', 'list', '-b', ssl, '--ssl-ca', path.join(dir, 'nope.pem')]);
    assert.is(badFile.code, 2);
    assert.match(badFile.stderr, /--ssl-ca: cannot read .*nope\.pem: ENOENT/);
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

test('mapping rules: a matching rule names the principal (U/L), none matching refuses the client', async () => {
  const { broker, ssl } = await tlsBroker([
    '--ssl-client-auth',
    'required',
    '--ssl-principal-mapping-rules',
    'RULE:^O=Acme,OU=billing,CN=([a-z]+)$/$1@billing/U',
  ]);
  try {
    const ok = await kcat(ssl, [...kcatSsl(alice), '-L']);
    assert.is(ok.code, 0, ok.stderr);
    assert.match(broker.stderr(), /principal User:ALICE@BILLING/);
    const other = makeLeaf(ca, 'bob', '/CN=bob/OU=ops/O=Acme');
    const refused = await kcat(ssl, [...kcatSsl(other), '-L']);
    assert.is.not(refused.code, 0);
    assert.match(broker.stderr(), /no ssl\.principal\.mapping\.rules rule matches 'O=Acme,OU=ops,CN=bob'/);
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

function tlsHandshake(address: string, options: tls.ConnectionOptions): Promise<'ok' | string> {
  const [host, port] = [address.split(':')[0]!, Number(address.split(':')[1])];
  return new Promise((resolve) => {
    const s = tls.connect({ host, port, ca: fs.readFileSync(ca.cert), ...options });
    s.on('error', (e) => resolve(e.message));
    // A refused client certificate (TLS 1.3) arrives after the client's handshake: ask for a byte.
    s.on('secureConnect', () => {
      s.write(Buffer.from('0000000a0012000000000000ffff', 'hex')); // ApiVersions v0
      s.once('data', () => {
        s.destroy();
        resolve('ok');
      });
    });
    s.on('close', () => resolve('closed'));
  });
}

test('ssl.client.auth=requested: no certificate is ANONYMOUS, an untrusted one is refused; ssl.enabled.protocols is enforced', async () => {
  const { broker, ssl } = await tlsBroker([
    '--ssl-client-auth',
    'requested',
    '--ssl-enabled-protocols',
    'TLSv1.3',
  ]);
  try {
    const anonymous = await kcat(ssl, [...kcatSsl(null), '-L']);
    assert.is(anonymous.code, 0, anonymous.stderr);
    assert.not.match(broker.stderr(), /principal User:/);
    const withCert = await kcat(ssl, [...kcatSsl(alice), '-L']);
    assert.is(withCert.code, 0, withCert.stderr);
    assert.match(broker.stderr(), /principal User:O=Acme,OU=billing,CN=alice/);
    assert.is.not(
      await tlsHandshake(ssl, { cert: fs.readFileSync(mallory.cert), key: fs.readFileSync(mallory.key) }),
      'ok',
    );
    assert.match(broker.stderr(), /refused: client certificate not trusted/);
    assert.is(await tlsHandshake(ssl, { maxVersion: 'TLSv1.3' }), 'ok');
    assert.match(await tlsHandshake(ssl, { maxVersion: 'TLSv1.2' }), /version|alert|closed/i);
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

/** Milliseconds until the broker closes `socket`. */
test.run();
