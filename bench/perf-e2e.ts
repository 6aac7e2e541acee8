// End-to-end latency at a fixed rate, like Kafka's EndToEndLatency tool: a producer and a consumer
// in this process; each record carries its send time (performance.now(), in its first 8 bytes) and
// the consumer records now - sent into a histogram. Reports avg/p50/p99/p99.9/max after a warm-up.
//
//   npm run build:emit
//   node --import tsx bench/perf-e2e.ts --spawn-broker --rate 50000 --seconds 10
//   node --import tsx bench/perf-e2e.ts --brokers 127.0.0.1:9092 --rate 50000 --acks all
//   node --import tsx bench/perf-e2e.ts --spawn-cluster 3 --replication-factor 3 --rate 50000 --acks all
import { Client } from '../dist/client/index.js';
import {
  BROKER_FLAGS,
  brokersFromFlags,
  flags,
  histogram,
  latencySummary,
  num,
  sleep,
} from './perf-common.js';

const f = flags({
  rate: { type: 'string', default: '50000' },
  seconds: { type: 'string', default: '10' },
  'warmup-seconds': { type: 'string', default: '2' },
  'record-size': { type: 'string', default: '100' },
  acks: { type: 'string', default: '1' },
  'linger-ms': { type: 'string', default: '0' },
  'tick-ms': { type: 'string', default: '1' },
  'replication-factor': { type: 'string', default: '-1' },
  ...BROKER_FLAGS,
});

const rate = num(f, 'rate');
const seconds = num(f, 'seconds');
const warmup = num(f, 'warmup-seconds');
const recordSize = Math.max(8, num(f, 'record-size'));
const tickMs = num(f, 'tick-ms');

const { brokers, spawned } = await brokersFromFlags(f);
const topic = `perf-e2e-${Date.now()}`;
const client = new Client({ brokers, clientId: 'perf-e2e' });
const admin = client.admin();
await admin.createTopics([{ topic, numPartitions: 1, replicationFactor: num(f, 'replication-factor') }]);
await admin.close();

const producer = client.producer({
  acks: f.acks === 'all' ? -1 : (num(f, 'acks') as 0 | 1),
  lingerMs: num(f, 'linger-ms'),
});
const consumer = client.consumer({ autoOffsetReset: 'latest', maxWaitMs: 500 });
consumer.assign([{ topic, partition: 0 }]);
await consumer.seekToEnd();

const hist = histogram();
let received = 0;
let measuring = false;
let stop = false;
const consuming = (async () => {
  while (!stop) {
    const batch = await consumer.nextBatch();
    if (batch === null) return;
    const now = performance.now();
    for (const r of batch.records) {
      received++;
      if (!measuring) continue;
      const sentAt = r.value!.readDoubleLE(0);
      hist.recordValue(Math.max(1, Math.round((now - sentAt) * 1000)));
    }
  }
})();

// Send rate/1000*tick records every tick, catching up if a tick ran late.
const start = performance.now();
const total = Math.round(rate * (warmup + seconds));
let sent = 0;
let sendErrors = 0;
while (sent < total) {
  const elapsed = performance.now() - start;
  if (!measuring && elapsed >= warmup * 1000) {
    measuring = true;
    hist.reset();
  }
  const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
  if (due > sent) {
    const chunk = [];
    const now = performance.now();
    for (; sent < due; sent++) {
      const value = Buffer.allocUnsafe(recordSize);
      value.fill(120, 8);
      value.writeDoubleLE(now, 0);
      chunk.push({ value });
    }
    producer.send(topic, chunk).catch(() => sendErrors++);
  }
  await sleep(tickMs);
}
await producer.flush();
const deadline = Date.now() + 5000;
while (received < sent && Date.now() < deadline) await sleep(10);
stop = true;
console.log(
  `e2e at ${rate} records/s for ${seconds} s (after ${warmup} s warm-up), ${recordSize}-byte records, acks ${f.acks}: ` +
    `${hist.totalCount} measured, ${latencySummary(hist)}${sendErrors ? `, ${sendErrors} send errors` : ''}` +
    `${received < sent ? `, ${sent - received} NOT RECEIVED` : ''}`,
);
await client.close();
await consuming;
if (spawned) await spawned.stop();
