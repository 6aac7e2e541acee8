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
  /** Run only these rounds (plaintext or tls), e.g. to profile one side. */
  only: { type: 'string', default: '' },
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

/** CPU seconds (user + system) a process has used, from /proc (ticks of 1/100 s on Linux). */
function brokerCpuSeconds(): number {
  const stat = readFileSync(`/proc/${broker.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Round {
  mbs: number;
  /** CPU seconds per GiB produced: the broker's and this (client) process's. */
  brokerCpu: number;
  clientCpu: number;
}

async function round(kind: 'plaintext' | 'tls', n: number): Promise<Round> {
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
  const brokerCpu0 = brokerCpuSeconds();
  const clientCpu0 = process.cpuUsage();
  for (let sent = 0; sent < records; sent += chunkSize) await outstanding.add(send());
  await outstanding.drain();
  const seconds = (performance.now() - started) / 1000;
  const gib = (records * recordSize) / 1073741824;
  const brokerCpu = (brokerCpuSeconds() - brokerCpu0) / gib;
  const used = process.cpuUsage(clientCpu0);
  const clientCpu = (used.user + used.system) / 1e6 / gib;
  await close();
  const mbs = (records * recordSize) / seconds / 1048576;
  console.log(
    `${kind.padEnd(9)} round ${n}: ${mbs.toFixed(1)} MB/s (${Math.round(records / seconds)} records/s), ` +
      `CPU s/GiB broker ${brokerCpu.toFixed(2)} client ${clientCpu.toFixed(2)}`,
  );
  return { mbs, brokerCpu, clientCpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const plainRounds: Round[] = [];
  const tlsRounds: Round[] = [];
  for (let i = 1; i <= num(f, 'rounds'); i++) {
    if (f.only !== 'tls') plainRounds.push(await round('plaintext', i));
    if (f.only !== 'plaintext') tlsRounds.push(await round('tls', i));
  }
  const plain = plainRounds.map((r) => r.mbs);
  const tls = tlsRounds.map((r) => r.mbs);
  const cpu = (rs: Round[]) =>
    `broker ${median(rs.map((r) => r.brokerCpu)).toFixed(2)}, client ${median(rs.map((r) => r.clientCpu)).toFixed(2)}`;
  const p = median(plain);
  const t = median(tls);
  if (plain.length > 0 && tls.length > 0)
    console.log(
      `${which}, ${records} records of ${recordSize} B, acks=1: plaintext median ${p.toFixed(1)} MB/s ` +
        `(${Math.min(...plain).toFixed(1)}-${Math.max(...plain).toFixed(1)}), TLS median ${t.toFixed(1)} MB/s ` +
        `(${Math.min(...tls).toFixed(1)}-${Math.max(...tls).toFixed(1)}): TLS/plaintext ${(t / p).toFixed(2)}`,
    );
  for (const [name, rs] of [
    ['plaintext', plainRounds],
    ['TLS', tlsRounds],
  ] as const)
    if (rs.length > 0) console.log(`CPU s/GiB, medians, ${name}: ${cpu(rs)}`);
} finally {
  await broker.stop();
  rmSync(certs, { recursive: true, force: true });
}
