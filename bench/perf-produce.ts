// Producer throughput and latency, in the manner of Kafka's kafka-producer-perf-test: N records of
// B bytes to a topic of P partitions, optionally throttled, with a progress line every second and a
// summary (records/s, MB/s, latency avg/p50/p99/p99.9/max from send() to acknowledgement).
//
// Records are handed to the client `--chunk` at a time (one send() call per chunk, for both clients:
// KafkaJS sends one request per send() call, so single-record calls would measure only that). A
// chunk's latency counts once per record in it.
//
//   npm run build:emit
//   node --import tsx bench/perf-produce.ts --spawn-broker --records 2000000 --record-size 100 --acks 1
//   node --import tsx bench/perf-produce.ts --spawn-broker --records 1000000 --client both --acks 1
//   node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:9092 --topic t --throughput 50000
//   node --import tsx bench/perf-produce.ts --spawn-cluster 3 --replication-factor 3 --acks all --records 1000000
import { createRequire } from 'node:module';
import { Client, type CompressionName } from '../dist/client/index.js';
import {
  BROKER_FLAGS,
  brokersFromFlags,
  flags,
  histogram,
  latencySummary,
  num,
  Outstanding,
  rateSummary,
  sleep,
  Throttle,
} from './perf-common.js';

const f = flags({
  records: { type: 'string', default: '1000000' },
  'record-size': { type: 'string', default: '100' },
  partitions: { type: 'string', default: '1' },
  'replication-factor': { type: 'string', default: '-1' },
  acks: { type: 'string', default: '1' },
  throughput: { type: 'string', default: '-1' },
  client: { type: 'string', default: 'runnel' },
  ...BROKER_FLAGS,
  topic: { type: 'string' },
  chunk: { type: 'string', default: '1000' },
  'max-outstanding': { type: 'string', default: '256' },
  'linger-ms': { type: 'string', default: '0' },
  'batch-bytes': { type: 'string', default: String(256 * 1024) },
  compression: { type: 'string', default: 'none' },
});

const recordSize = num(f, 'record-size');
const partitions = num(f, 'partitions');
const acks = f.acks === 'all' ? -1 : num(f, 'acks');
const chunkSize = Math.max(1, Math.min(num(f, 'chunk'), num(f, 'records')));
// Whole chunks only, so every record sent is counted.
const records = Math.ceil(num(f, 'records') / chunkSize) * chunkSize;
const maxOutstanding = num(f, 'max-outstanding');
const which = String(f.client);

const { brokers, spawned } = await brokersFromFlags(f);
const baseTopic = f.topic as string | undefined;

// The payload: like Kafka's perf test, one random-looking buffer reused for every record.
const payload = Buffer.alloc(recordSize);
for (let i = 0; i < recordSize; i++) payload[i] = 65 + ((i * 7) % 26);

/** One send() per chunk; resolves when the chunk is acknowledged. */
type SendChunk = () => Promise<unknown>;

async function setup(which: string): Promise<{ send: SendChunk; close: () => Promise<void> }> {
  const topic = baseTopic ?? `perf-produce-${which}-${Date.now()}`;
  const runnel = new Client({ brokers, clientId: 'perf-produce' });
  const admin = runnel.admin();
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics([
      { topic, numPartitions: partitions, replicationFactor: num(f, 'replication-factor') },
    ]);
  }
  await admin.close();
  const chunk = Array.from({ length: chunkSize }, () => ({ value: payload }));
  if (which === 'runnel') {
    const producer = runnel.producer({
      acks: acks as 0 | 1 | -1,
      lingerMs: num(f, 'linger-ms'),
      batchBytes: num(f, 'batch-bytes'),
      compression: f.compression as CompressionName,
    });
    return { send: () => producer.send(topic, chunk), close: () => runnel.close() };
  }
  if (which === 'kafkajs') {
    const require = createRequire(import.meta.url);
    const { Kafka, logLevel, CompressionTypes } = require('kafkajs');
    const kafka = new Kafka({ brokers, clientId: 'perf-produce-kafkajs', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const messages = chunk.map((m) => ({ value: m.value }));
    const compression = f.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    return {
      send: () => producer.send({ topic, acks, compression, messages }),
      close: async () => {
        await producer.disconnect();
        await runnel.close();
      },
    };
  }
  throw new Error(`--client must be runnel or kafkajs, not ${which}`);
}

async function measure(which: string): Promise<number> {
  const { send, close } = await setup(which);
  const hist = histogram();
  const throttle = new Throttle(num(f, 'throughput'));
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let windowAcked = 0;
  let windowMaxUs = 0;
  let windowSumUs = 0;
  const outstanding = new Outstanding(maxOutstanding);

  const started = performance.now();
  let lastReport = started;
  const progress = setInterval(() => {
    const now = performance.now();
    const secs = (now - lastReport) / 1000;
    lastReport = now;
    const avg = windowAcked > 0 ? windowSumUs / windowAcked / 1000 : 0;
    console.log(
      `${windowAcked} records acked, ${Math.round(windowAcked / secs)} records/sec ` +
        `(${((windowAcked * recordSize) / secs / 1048576).toFixed(2)} MB/sec), ${avg.toFixed(1)} ms avg latency, ` +
        `${(windowMaxUs / 1000).toFixed(1)} ms max latency`,
    );
    windowAcked = 0;
    windowSumUs = 0;
    windowMaxUs = 0;
  }, 1000);

  while (sent < records) {
    const wait = throttle.delayFor(sent);
    if (wait > 1) await sleep(wait);
    const n = chunkSize;
    const t0 = performance.now();
    const p = send().then(
      () => {
        const us = Math.max(1, Math.round((performance.now() - t0) * 1000));
        hist.recordValueWithCount(us, n);
        acked += n;
        windowAcked += n;
        windowSumUs += us * n;
        if (us > windowMaxUs) windowMaxUs = us;
      },
      (err) => {
        failed += n;
        if (failed === n) console.error(`send failed: ${err.message}`);
      },
    );
    sent += n;
    await outstanding.add(p);
  }
  await outstanding.drain();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);

  console.log(
    `[${which}] ${rateSummary(acked, acked * recordSize, seconds)}, ${latencySummary(hist)}` +
      `${failed > 0 ? `, ${failed} FAILED` : ''} (chunk ${chunkSize}, acks ${acks}, ${partitions} partition(s))`,
  );
  await close();
  return acked / seconds;
}

const clients = which === 'both' ? ['runnel', 'kafkajs'] : [which];
const rates: number[] = [];
for (const c of clients) rates.push(await measure(c));
if (rates.length === 2) {
  console.log(
    `runnel / kafkajs throughput ratio: ${(rates[0]! / rates[1]!).toFixed(1)}x (same broker, same flags)`,
  );
}
if (spawned) await spawned.stop();
