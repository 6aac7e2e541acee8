// Every request real clients send, captured on the wire by a recording proxy in front of a real broker, decodes
// with the generated codecs, consumes its frame exactly, and re-encodes to the same bytes. Clients: kcat
// (librdkafka) and KafkaJS, doing metadata, admin (configs too), produce (plain, gzip, idempotent), fetch and group work.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';

interface Captured {
  client: string;
  frame: Buffer;
}

const captured: Captured[] = [];
let label = '';
let proxy: Server;
let proxyPort = 0;
let broker: BrokerProcess;
const sockets = new Set<Socket>();

/** Splits a byte stream into size-prefixed frames. */
function framer(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    while (buf.length >= 4) {
      const size = buf.readInt32BE(0);
      if (buf.length < 4 + size) break;
      onFrame(Buffer.from(buf.subarray(4, 4 + size)));
      buf = buf.subarray(4 + size);
    }
  };
}

test.before(async () => {
  proxy = createServer((client) => {
    const upstream = createConnection(broker.port, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const who = label;
    const record = framer((frame) => captured.push({ client: who, frame }));
    client.on('data', (d: Buffer) => {
      record(d);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  proxyPort = (proxy.address() as { port: number }).port;
  // Metadata points clients back at the proxy, so every connection is recorded.
  broker = await startBroker([
    '--advertised',
    `127.0.0.1:${proxyPort}`,
    '--num-partitions',
    '2',
    '--group-initial-rebalance-delay-ms',
    '0',
  ]);
});

test.after(async () => {
  for (const s of sockets) s.destroy();
  proxy.close();
  await broker.dispose();
});

function kcat(args: string[], input = ''): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', `127.0.0.1:${proxyPort}`, ...args], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    p.stdin.end(input);
  });
}

test('kcat: metadata, produce (plain and gzip) and consume', async () => {
  label = 'kcat';
  assert.is(await kcat(['-L']), 0);
  const lines = `${Array.from({ length: 500 }, (_, i) => `kcat-${i}`).join('\n')}\n`;
  assert.is(await kcat(['-P', '-t', 'cap-kcat', '-p', '0'], lines), 0);
  assert.is(await kcat(['-P', '-t', 'cap-kcat', '-p', '1', '-z', 'gzip', '-K:'], 'k1:v1\nk2:v2\n'), 0);
  assert.is(await kcat(['-C', '-t', 'cap-kcat', '-o', 'beginning', '-e']), 0);
  assert.ok(captured.filter((c) => c.client === 'kcat').length >= 6);
});

test('KafkaJS: admin, idempotent gzip producer, group consumer with commits', async () => {
  label = 'kafkajs';
  const kafka = new Kafka({
    brokers: [`127.0.0.1:${proxyPort}`],
    clientId: 'capture',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'cap-kjs', numPartitions: 2 }] });
  await admin.fetchTopicMetadata({ topics: ['cap-kjs'] });
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: 2, name: 'cap-kjs', configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
  });
  await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'cap-kjs' }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({
    topic: 'cap-kjs',
    acks: -1,
    compression: 1,
    messages: [{ key: 'a', value: 'x', headers: { h: 'v' } }, { value: 'y' }],
  });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'cap-group', sessionTimeout: 6000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'cap-kjs', fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('consumer saw too little')), 30_000);
    consumer
      .run({
        eachMessage: async () => {
          if (++seen === 2) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  assert.ok(captured.filter((c) => c.client === 'kafkajs').length >= 10);
});

test('every captured request decodes exactly and re-encodes to the same bytes', () => {
  const seen = new Map<string, number>();
  for (const { client, frame } of captured) {
    const r = new P.Reader(frame);
    const header = P.decodeRequestHeader(r);
    const codec = P.apiCodec(header.requestApiKey);
    assert.ok(codec, `${client}: api key ${header.requestApiKey}`);
    const body = codec!.decodeRequest(r, header.requestApiVersion);
    const what = `${client} ${codec!.name} v${header.requestApiVersion}`;
    assert.ok(r.ok, `${what}: ${r.error}`);
    assert.is(r.remaining, 0, `${what}: bytes left over`);
    const w = new P.Writer();
    P.encodeRequestHeader(w, header);
    codec!.encodeRequest(w, body, header.requestApiVersion);
    assert.ok(w.finish().equals(frame), `${what}: re-encoding differs`);
    seen.set(what, (seen.get(what) ?? 0) + 1);
  }
  const apis = [...seen.keys()].join(', ');
  for (const needed of [
    'kcat Produce',
    'kcat Fetch',
    'kcat Metadata',
    'kafkajs Produce',
    'kafkajs JoinGroup',
    'kafkajs OffsetCommit',
    'kafkajs AlterConfigs',
    'kafkajs DescribeConfigs',
  ]) {
    assert.ok(apis.includes(needed), `no ${needed} captured: ${apis}`);
  }
});

test.run();
