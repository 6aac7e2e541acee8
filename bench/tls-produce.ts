// Produce throughput over TLS against plaintext, in one run on one broker: the broker listens on a
// PLAINTEXT and an SSL listener (a certificate made with openssl for this run), and the same producer
// workload (Runnel's client or KafkaJS, acks=1, one partition) alternates between them for --rounds
// rounds, each to a fresh topic. Prints MB/s per round, the medians and TLS / plaintext.
//
//   npm run build:ts && node --import tsx bench/tls-produce.ts --records 200000 --record-size 1024 --rounds 3
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../dist/client/index.js';
import { flags, num, Outstanding, spawnBroker } from './perf-common.js';

const f = flags({
  records: { type: 'string', default: '200000' },
  'record-size': { type: 'string', default: '1024' },
  rounds: { type: 'string', default: '3' },
  chunk: { type: 'string', default: '1000' },
  'max-outstanding': { type: 'string', default: '64' },
  client: { type: 'string', default: 'runnel' },
});
const records = num(f, 'records');
const recordSize = num(f, 'record-size');
const chunkSize = num(f, 'chunk');
const which = String(f.client);

const certs = mkdtempSync(join(tmpdir(), 'runnel-tls-bench-'));
const file = (n: string) => join(certs, n);
writeFileSync(file('ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
openssl(
  ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem')].concat(
    ['-days', '1', '-subj', '/CN=bench CA'],
  ),
);
openssl([
  'req',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-keyout',
  file('b.key'),
  '-out',
  file('b.csr'),
  '-subj',
  '/CN=broker',
]);
openssl(
  [
    'x509',
    '-req',
    '-in',
    file('b.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
  ].concat(['-out', file('b.pem'), '-days', '1', '-extfile', file('ext')]),
);

const sslPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const broker = await spawnBroker([
  '--listeners',
  `PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:${sslPort}`,
  '--ssl-cert',
  file('b.pem'),
  '--ssl-key',
  file('b.key'),
]);
const ssl = `127.0.0.1:${sslPort}`;
const ca = readFileSync(file('ca.pem'));
const payload = Buffer.alloc(recordSize, 'x');

async function round(kind: 'plaintext' | 'tls', n: number): Promise<number> {
  const address = kind === 'tls' ? ssl : broker.address;
  const topic = `tls-bench-${kind}-${n}`;
  const setupClient = new Client({ brokers: [broker.address] });
  await setupClient.admin().createTopics([{ topic, numPartitions: 1 }]);
  await setupClient.close();
  const chunk = Array.from({ length: chunkSize }, () => ({ value: payload }));
  let send: () => Promise<unknown>;
  let close: () => Promise<void>;
  if (which === 'kafkajs') {
    const require = createRequire(import.meta.url);
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      brokers: [address],
      logLevel: logLevel.NOTHING,
      ...(kind === 'tls' ? { ssl: { ca: [ca] } } : {}),
    });
    const producer = kafka.producer();
    await producer.connect();
    send = () => producer.send({ topic, acks: 1, messages: chunk });
    close = () => producer.disconnect();
  } else {
    const client = new Client({ brokers: [address], ...(kind === 'tls' ? { ssl: { ca } } : {}) });
    const producer = client.producer({ acks: 1 });
    send = () => producer.send(topic, chunk);
    close = () => client.close();
  }
  await send(); // connections and metadata before the clock starts
  const outstanding = new Outstanding(num(f, 'max-outstanding'));
  const started = performance.now();
  for (let sent = 0; sent < records; sent += chunkSize) await outstanding.add(send());
  await outstanding.drain();
  const seconds = (performance.now() - started) / 1000;
  await close();
  const mbs = (records * recordSize) / seconds / 1048576;
  console.log(
    `${kind.padEnd(9)} round ${n}: ${mbs.toFixed(1)} MB/s (${Math.round(records / seconds)} records/s)`,
  );
  return mbs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const plain: number[] = [];
  const tls: number[] = [];
  for (let i = 1; i <= num(f, 'rounds'); i++) {
    plain.push(await round('plaintext', i));
    tls.push(await round('tls', i));
  }
  const p = median(plain);
  const t = median(tls);
  console.log(
    `${which}, ${records} records of ${recordSize} B, acks=1: plaintext median ${p.toFixed(1)} MB/s ` +
      `(${Math.min(...plain).toFixed(1)}-${Math.max(...plain).toFixed(1)}), TLS median ${t.toFixed(1)} MB/s ` +
      `(${Math.min(...tls).toFixed(1)}-${Math.max(...tls).toFixed(1)}): TLS/plaintext ${(t / p).toFixed(2)}`,
  );
} finally {
  await broker.stop();
  rmSync(certs, { recursive: true, force: true });
}
