// Listeners and TLS, operations side, on a real broker process with certificates made by openssl at test
// time: a client that never finishes its handshake (silent, or trickling bytes) is closed at
// ssl.handshake.timeout.ms, not before, while others are served; a rotated certificate reaches new
// connections without a restart; bad listener and TLS settings exit 2 with the reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { type BrokerProcess, tempDataDir } from './helpers/broker.js';
import { type Ca, certDir, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { startSecureBroker } from './helpers/secure-broker.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;

let dir: string;
let ca: Ca;
let server: Leaf;
let alice: Leaf;

test.before(() => {
  dir = certDir();
  ca = makeCa(dir, 'ca');
  server = makeLeaf(ca, 'broker', '/CN=broker/O=Runnel');
  alice = makeLeaf(ca, 'alice', '/CN=alice/OU=billing/O=Acme');
});

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tlsBroker(extra: string[] = []): Promise<{ broker: BrokerProcess; ssl: string }> {
  const { broker, addresses } = await startSecureBroker({
    listeners: ['SSL'],
    tls: { server, ca },
    args: ['--log-level', 'debug', ...extra],
  });
  return { broker, ssl: addresses.SSL! };
}

function closedAfter(socket: net.Socket): Promise<number> {
  const start = Date.now();
  return new Promise((resolve) => {
    socket.on('error', () => {});
    socket.on('close', () => resolve(Date.now() - start));
  });
}

test('a handshake not finished within ssl.handshake.timeout.ms is closed at the limit, silent or trickling', async () => {
  const LIMIT = 1500;
  const { broker, ssl } = await tlsBroker(['--ssl-handshake-timeout-ms', String(LIMIT)]);
  const [host, port] = [ssl.split(':')[0]!, Number(ssl.split(':')[1])];
  try {
    const silent = net.connect({ host, port });
    const silentClosed = closedAfter(silent);
    // A ClientHello's first bytes, one every 100 ms: never a complete record before the limit.
    const hello = Buffer.from('16030100c8010000c40303', 'hex');
    const trickle = net.connect({ host, port });
    const trickleClosed = closedAfter(trickle);
    let i = 0;
    const timer = setInterval(() => {
      if (i < hello.length && !trickle.destroyed) trickle.write(hello.subarray(i, ++i));
    }, 100);
    // A well-behaved client meanwhile is served.
    const client = new Client({ brokers: [ssl], ssl: { ca: fs.readFileSync(ca.cert) } });
    await client.admin().listTopics();
    await client.close();
    const [a, b] = await Promise.all([silentClosed, trickleClosed]);
    clearInterval(timer);
    for (const ms of [a, b]) {
      assert.ok(ms >= LIMIT - 50, `closed after ${ms} ms, before the ${LIMIT} ms limit`);
      assert.ok(ms < LIMIT + 1000, `closed after ${ms} ms, long past the ${LIMIT} ms limit`);
    }
    assert.match(broker.stderr(), new RegExp(`TLS handshake not finished within ${LIMIT} ms`));
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

function peerCommonName(address: string): Promise<string> {
  const [host, port] = [address.split(':')[0]!, Number(address.split(':')[1])];
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host, port, ca: fs.readFileSync(ca.cert) }, () => {
      const cn = s.getPeerCertificate().subject.CN;
      s.end();
      resolve(String(cn));
    });
    s.on('error', reject);
  });
}

test('a rotated certificate and key reach new connections without a restart; open ones go on', async () => {
  const rotating = path.join(dir, 'rotating');
  fs.mkdirSync(rotating);
  const certFile = path.join(rotating, 'server.pem');
  const keyFile = path.join(rotating, 'server.key');
  fs.copyFileSync(server.cert, certFile);
  fs.copyFileSync(server.key, keyFile);
  const { broker, addresses } = await startSecureBroker({
    listeners: ['SSL'],
    tls: { server: { cert: certFile, key: keyFile } },
    args: ['--ssl-reload-interval-ms', '200'],
  });
  const ssl = addresses.SSL!;
  try {
    assert.is(await peerCommonName(ssl), 'broker');
    const client = new Client({ brokers: [ssl], ssl: { ca: fs.readFileSync(ca.cert) } });
    const producer = client.producer();
    await producer.send('rotation', [{ value: 'before' }]);
    // A half-written rotation (new certificate, old key) is refused and the old pair stays in use.
    const next = makeLeaf(ca, 'broker-next', '/CN=broker-next/O=Runnel');
    fs.copyFileSync(next.cert, certFile);
    await new Promise((r) => setTimeout(r, 600));
    assert.is(await peerCommonName(ssl), 'broker');
    assert.match(broker.stderr(), /cannot be loaded, keeping the previous ones/);
    // Then the key arrives (renamed into place, as rotation tools do).
    fs.copyFileSync(next.key, `${keyFile}.tmp`);
    fs.renameSync(`${keyFile}.tmp`, keyFile);
    const deadline = Date.now() + 5000;
    let cn = '';
    while (Date.now() < deadline && (cn = await peerCommonName(ssl)) !== 'broker-next')
      await new Promise((r) => setTimeout(r, 100));
    assert.is(cn, 'broker-next');
    // The producer's connection, made before, still works.
    await producer.send('rotation', [{ value: 'after' }]);
    await client.close();
  } finally {
    await broker.stop();
    await broker.dispose();
  }
});

function runBroker(args: string[]): { status: number | null; stderr: string } {
  const dataDir = tempDataDir();
  try {
    const r = spawnSync(process.execPath, [NODE_JS, '--data-dir', dataDir, ...args], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

test('bad listener and TLS settings exit 2 with the reason', () => {
  const cases: [string[], RegExp][] = [
    [
      ['--listener-security-protocol-map', 'CLIENT:TLS'],
      /unknown security protocol 'TLS' for listener CLIENT/,
    ],
    [['--listeners', 'CLIENT://127.0.0.1:0'], /listener CLIENT has no security protocol/],
    [
      ['--listeners', 'PLAINTEXT://127.0.0.1:19092,SSL://127.0.0.1:19092'],
      /PLAINTEXT and SSL both use port 19092/,
    ],
    [['--listeners', 'PLAINTEXT://127.0.0.1:0,PLAINTEXT://127.0.0.1:1'], /PLAINTEXT is defined twice/],
    [['--advertised-listeners', 'SSL://a:1'], /advertised.listeners: SSL is not a listener/],
    [['--inter-broker-listener-name', 'INTERNAL'], /inter.broker.listener.name INTERNAL is not a listener/],
    [
      [
        '--listeners',
        'A://127.0.0.1:0,B://127.0.0.1:0',
        '--listener-security-protocol-map',
        'A:PLAINTEXT,B:PLAINTEXT',
      ],
      /inter.broker.listener.name is needed/,
    ],
    [['--listeners', 'SSL://127.0.0.1:0'], /listener SSL is SSL: it needs ssl.certificate.location/],
    [['--ssl-enabled-protocols', 'TLSv1.1'], /unsupported TLS version 'TLSv1.1'/],
    [['--ssl-client-auth', 'maybe'], /expected required, requested or none/],
    [['--ssl-principal-mapping-rules', 'RULE:^CN=(.*$/$1/'], /ssl.principal.mapping.rules/],
    [
      ['--listeners', 'SSL://127.0.0.1:0', '--ssl-cert', path.join(dir, 'missing.pem')],
      /cannot read the certificate file .*missing\.pem: ENOENT/,
    ],
    [
      ['--listeners', 'SSL://127.0.0.1:0', '--ssl-cert', server.cert, '--ssl-key', alice.key],
      /the TLS key and certificate do not load/,
    ],
  ];
  for (const [args, reason] of cases) {
    const r = runBroker(args);
    assert.is(r.status, 2, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, reason, args.join(' '));
  }
});

test.run();
