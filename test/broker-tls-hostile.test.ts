// A TLS connection past its handshake reads straight into the connection's memory (its TLS handle is
// adopted into a plain socket, docs/ARCHITECTURE.md "Data flow"), so the TLSSocket that would have handled
// errors and renegotiation is gone. On a real broker process: multi-MiB produce frames spanning many TLS
// records come back byte for byte; a TLS 1.2 client asking to renegotiate, garbage in place of a TLS
// record, and a peer closing mid-frame each close that connection only, and the broker keeps serving.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import type { BrokerProcess } from './helpers/broker.js';
import { type Ca, certDir, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { startSecureBroker } from './helpers/secure-broker.js';

let dir: string;
let ca: Ca;
let server: Leaf;
let broker: BrokerProcess;
let ssl: { host: string; port: number };

test.before(async () => {
  dir = certDir();
  ca = makeCa(dir, 'ca');
  server = makeLeaf(ca, 'broker', '/CN=broker');
  const started = await startSecureBroker({
    listeners: ['SSL'],
    tls: { server },
    // TLS 1.2 allowed, so a client can ask to renegotiate.
    args: ['--ssl-enabled-protocols', 'TLSv1.2,TLSv1.3'],
  });
  broker = started.broker;
  ssl = { host: '127.0.0.1', port: Number(started.addresses.SSL!.split(':')[1]) };
});

test.after(async () => {
  await broker?.stop();
  await broker?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const trust = () => fs.readFileSync(ca.cert);

/** An ApiVersions v0 request frame (size prefix included). */
function apiVersionsFrame(correlationId: number): Buffer {
  const clientId = Buffer.from('hostile');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** Resolves with the correlation id of the first response frame read from `socket`. */
function firstResponse(socket: tls.TLSSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 8) resolve(got.readInt32BE(4));
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before a response')));
  });
}

function closed(socket: net.Socket, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return resolve();
    const timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A fresh TLS client gets an answer: the broker is alive and serving TLS. */
async function stillServes(): Promise<void> {
  const s = tls.connect({
    ...ssl,
    ca: trust(),
    servername: 'localhost',
    checkServerIdentity: () => undefined,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('secureConnect', resolve);
      s.once('error', reject);
    });
    const answered = firstResponse(s);
    s.write(apiVersionsFrame(77));
    assert.is(await answered, 77);
  } finally {
    s.destroy();
  }
  assert.is(broker.proc.exitCode, null, 'the broker still runs');
}

test('multi-MiB produce frames over TLS come back byte for byte', async () => {
  const client = new Client({
    brokers: [`${ssl.host}:${ssl.port}`],
    ssl: { ca: trust(), checkServerIdentity: () => undefined },
  });
  try {
    const topic = `tls-big-${Date.now()}`;
    await client.admin().createTopics([{ topic, numPartitions: 3 }]);
    // Batches under message.max.bytes (13 x 64 KiB), three partitions per request: frames of ~2.5 MiB,
    // each spanning ~160 TLS records.
    const sent: Buffer[][] = [[], [], []];
    const producer = client.producer({ acks: -1, lingerMs: 20, batchBytes: 13 * 64 * 1024 });
    for (let i = 0; i < 3; i++) {
      const records = Array.from({ length: 39 }, (_, j) => ({
        value: crypto.randomBytes(64 * 1024),
        partition: j % 3,
      }));
      for (const r of records) sent[r.partition]!.push(r.value);
      await producer.send(topic, records);
    }
    await producer.close();
    const consumer = client.consumer({ maxBytes: 8 * 1024 * 1024, autoOffsetReset: 'earliest' });
    consumer.assign([0, 1, 2].map((partition) => ({ topic, partition })));
    const got: Buffer[][] = [[], [], []];
    const total = () => got.reduce((n, g) => n + g.length, 0);
    const deadline = Date.now() + 20_000;
    while (total() < 3 * 39 && Date.now() < deadline) {
      const batch = await consumer.nextBatch();
      for (const r of batch!.records) got[batch!.partition]!.push(Buffer.from(r.value!));
    }
    await consumer.close();
    for (let p = 0; p < 3; p++) {
      assert.is(got[p]!.length, sent[p]!.length, `partition ${p}`);
      for (let i = 0; i < sent[p]!.length; i++)
        assert.ok(got[p]![i]!.equals(sent[p]![i]!), `${p}/${i} differs`);
    }
  } finally {
    await client.close();
  }
});

test('a TLS 1.2 client asking to renegotiate is closed; the broker keeps serving', async () => {
  const s = tls.connect({
    ...ssl,
    ca: trust(),
    maxVersion: 'TLSv1.2',
    servername: 'localhost',
    checkServerIdentity: () => undefined,
  });
  await new Promise<void>((resolve, reject) => {
    s.once('secureConnect', resolve);
    s.once('error', reject);
  });
  assert.is(s.getProtocol(), 'TLSv1.2');
  const answered = firstResponse(s);
  s.write(apiVersionsFrame(1));
  assert.is(await answered, 1);
  s.on('error', () => {});
  s.renegotiate({ rejectUnauthorized: false }, () => {});
  await closed(s);
  await stillServes();
});

test('garbage in place of a TLS record, and a peer gone mid-frame, close that connection only', async () => {
  const raw = net.connect(ssl.port, ssl.host);
  const s = tls.connect({
    socket: raw,
    ca: trust(),
    servername: 'localhost',
    checkServerIdentity: () => undefined,
  });
  await new Promise<void>((resolve, reject) => {
    s.once('secureConnect', resolve);
    s.once('error', reject);
  });
  s.on('error', () => {});
  // An application-data record header with a body no key decrypts.
  const junk = Buffer.concat([Buffer.from([0x17, 0x03, 0x03, 0x01, 0x00]), crypto.randomBytes(256)]);
  raw.write(junk);
  await closed(raw);
  await stillServes();

  // Half a 1 MiB frame, then the peer goes away.
  const t = tls.connect({
    ...ssl,
    ca: trust(),
    servername: 'localhost',
    checkServerIdentity: () => undefined,
  });
  await new Promise<void>((resolve, reject) => {
    t.once('secureConnect', resolve);
    t.once('error', reject);
  });
  const head = Buffer.alloc(4);
  head.writeInt32BE(1024 * 1024, 0);
  t.write(Buffer.concat([head, Buffer.alloc(512 * 1024)]));
  await new Promise((r) => setTimeout(r, 200));
  t.destroy();
  await stillServes();
});

test.run();
