// Consumer throughput, in the manner of Kafka's kafka-consumer-perf-test: read N records from the
// beginning of a topic and report records/s and MB/s (value bytes), with a progress line every second.
// With --spawn-broker (or --fill) the topic is first filled with N records of B bytes by Runnel's
// producer; the fill is not part of the measurement.
//
// The Runnel consumer reads assigned partitions (no group); KafkaJS can only consume through a
// consumer group (auto-commit off), so `--client kafkajs` needs a broker that serves the group APIs.
//
//   npm run build:emit
//   node --import tsx bench/perf-consume.ts --spawn-broker --records 5000000 --record-size 100
//   node --import tsx bench/perf-consume.ts --spawn-broker --records 2000000 --client both
import { createRequire } from 'node:module';
import { Client } from '../dist/client/index.js';
import { BROKER_FLAGS, brokersFromFlags, flags, num, Outstanding, rateSummary } from './perf-common.js';

const f = flags({
  records: { type: 'string', default: '2000000' },
  'record-size': { type: 'string', default: '100' },
  partitions: { type: 'string', default: '1' },
  client: { type: 'string', default: 'runnel' },
  ...BROKER_FLAGS,
  fill: { type: 'boolean', default: false },
  topic: { type: 'string' },
  'max-partition-bytes': { type: 'string', default: String(1024 * 1024) },
  'check-crcs': { type: 'string', default: 'true' },
  'replication-factor': { type: 'string', default: '-1' },
});

const records = num(f, 'records');
const recordSize = num(f, 'record-size');
const partitions = num(f, 'partitions');
const which = String(f.client);

const { brokers, spawned } = await brokersFromFlags(f);
const topic = (f.topic as string | undefined) ?? `perf-consume-${Date.now()}`;
const runnel = new Client({ brokers, clientId: 'perf-consume' });

if (spawned || f.fill) {
  const admin = runnel.admin();
  if (!(await admin.listTopics()).includes(topic))
    await admin.createTopics([
      { topic, numPartitions: partitions, replicationFactor: num(f, 'replication-factor') },
    ]);
  const producer = runnel.producer({ acks: 1, lingerMs: 0 });
  const value = Buffer.alloc(recordSize, 97);
  const chunk = Array.from({ length: 1000 }, () => ({ value }));
  const t0 = performance.now();
  const pending = new Outstanding(128);
  let failure: Error | null = null;
  for (let sent = 0; sent < records && failure === null; sent += chunk.length) {
    const p = producer.send(topic, sent + chunk.length <= records ? chunk : chunk.slice(0, records - sent));
    p.catch((err: Error) => {
      failure ??= err;
    });
    await pending.add(p);
  }
  await pending.drain();
  if (failure !== null) throw failure;
  await producer.close();
  await admin.close();
  console.log(`filled ${topic} with ${records} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function measure(which: string): Promise<number> {
  let consumed = 0;
  let bytes = 0;
  let windowRecords = 0;
  let last = performance.now();
  const progress = setInterval(() => {
    const now = performance.now();
    const secs = (now - last) / 1000;
    last = now;
    console.log(`${windowRecords} records, ${Math.round(windowRecords / secs)} records/sec`);
    windowRecords = 0;
  }, 1000);

  // The clock starts at the first batch, so KafkaJS's group join and Runnel's offset lookup are not timed.
  let started = 0;
  if (which === 'runnel') {
    const consumer = runnel.consumer({
      autoOffsetReset: 'earliest',
      maxPartitionBytes: num(f, 'max-partition-bytes'),
      checkCrcs: f['check-crcs'] !== 'false',
    });
    consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
    while (consumed < records) {
      const batch = await consumer.nextBatch();
      if (batch === null) break;
      const list = batch.records;
      for (let i = 0; i < list.length; i++) {
        const v = list[i]!.value;
        if (v !== null) bytes += v.length;
      }
      if (started === 0) started = performance.now();
      consumed += list.length;
      windowRecords += list.length;
    }
    await consumer.close();
  } else if (which === 'kafkajs') {
    const require = createRequire(import.meta.url);
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({ brokers, clientId: 'perf-consume-kafkajs', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({
      groupId: `perf-${Date.now()}`,
      maxBytesPerPartition: num(f, 'max-partition-bytes'),
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }: { batch: { messages: { value: Buffer | null }[] } }) => {
            for (const m of batch.messages) if (m.value !== null) bytes += m.value.length;
            if (started === 0) started = performance.now();
            consumed += batch.messages.length;
            windowRecords += batch.messages.length;
            if (consumed >= records) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
  } else {
    throw new Error(`--client must be runnel or kafkajs, not ${which}`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  console.log(`[${which}] consumed ${rateSummary(consumed, bytes, seconds)} (${partitions} partition(s))`);
  return consumed / seconds;
}

const clients = which === 'both' ? ['runnel', 'kafkajs'] : [which];
const rates: number[] = [];
for (const c of clients) rates.push(await measure(c));
if (rates.length === 2) {
  console.log(
    `runnel / kafkajs consume ratio: ${(rates[0]! / rates[1]!).toFixed(1)}x (same topic and broker)`,
  );
}
await runnel.close();
if (spawned) await spawned.stop();
