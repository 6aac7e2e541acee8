// Compressed records across clients through a real broker, per codec (gzip, snappy, lz4, zstd): what kcat
// (librdkafka) produces with -z, the broker accepts and stores in that codec and Runnel's consumer reads
// back record for record; what Runnel's producer compresses, kcat -C reads back record for record.
// librdkafka before 2.11.1 compresses gzip, snappy and lz4 only for a broker whose Produce versions start
// at 0 (Runnel's start at 3), so kcat talks to the broker through helpers/produce-floor-proxy.ts, which
// lowers that floor in ApiVersions responses and changes nothing else (zstd would not need it).
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { fetchRequest, TestClient } from './helpers/broker-client.js';
import { kcat, startTestBroker, type TestBroker, take, uniqueTopic } from './helpers/client-broker.js';
import { type FloorProxy, startProduceFloorProxy } from './helpers/produce-floor-proxy.js';

const CODECS = [
  ['gzip', 1],
  ['snappy', 2],
  ['lz4', 3],
  ['zstd', 4],
] as const;
const N = 500;

let proxy: FloorProxy;
let proxied: string;
let broker: TestBroker;
let client: Client;
let raw: TestClient;

test.before(async () => {
  proxy = await startProduceFloorProxy();
  proxied = `127.0.0.1:${proxy.port}`;
  broker = await startTestBroker(['--advertised', proxied]);
  proxy.target(broker.port);
  client = new Client({ brokers: [broker.address], clientId: 'compression-interop' });
  raw = await TestClient.connect(broker.port);
});

test.after(async () => {
  raw?.close();
  await client?.close();
  await broker?.destroy();
  await proxy?.close();
});

const line = (i: number) => `key-${i % 17}:value ${i} ${'lorem ipsum '.repeat(i % 9)}`;

/** The codec of every batch stored in partition 0 of `topic`. */
async function storedCodecs(topic: string): Promise<Set<number>> {
  const res = await raw.request(P.FetchApi, 11, fetchRequest(topic, 0, 0, { partitionMaxBytes: 8 << 20 }));
  const records = res.responses[0]!.partitions[0]!.records as Buffer | null;
  return new Set(decodeRecordBatches(records ?? Buffer.alloc(0)).map((b) => b.compression));
}

for (const [name, codec] of CODECS) {
  // A long linger keeps every record in one batch even on a loaded machine: librdkafka sends a batch
  // uncompressed when compressing does not shrink it, which a small tail batch may not.
  test(`kcat -z ${name} -> Runnel's consumer reads every record`, async () => {
    const topic = uniqueTopic(`kcat-${name}`);
    await client.admin().createTopics([{ topic, numPartitions: 1 }]);
    const input = Array.from({ length: N }, (_, i) => line(i)).join('\n');
    await kcat(
      ['-P', '-b', proxied, '-t', topic, '-p', '0', '-z', name, '-K', ':', '-X', 'linger.ms=1000'],
      `${input}\n`,
    );
    assert.equal([...(await storedCodecs(topic))], [codec], `stored as ${name}`);
    const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
    consumer.assign([{ topic, partition: 0 }]);
    try {
      const got = await take(consumer, N);
      assert.equal(
        got.map((r) => `${r.key?.toString()}:${r.value?.toString()}`),
        Array.from({ length: N }, (_, i) => line(i)),
      );
      assert.equal(
        got.map((r) => r.offset),
        Array.from({ length: N }, (_, i) => i),
      );
    } finally {
      await consumer.close();
    }
  });
}

for (const [name, codec] of CODECS) {
  test(`Runnel's producer with compression '${name}' -> kcat -C reads every record`, async () => {
    const topic = uniqueTopic(`to-kcat-${name}`);
    await client.admin().createTopics([{ topic, numPartitions: 1 }]);
    const producer = client.producer({ acks: 1, compression: name, lingerMs: 20 });
    const records = Array.from({ length: N }, (_, i) => {
      const [key, value] = line(i).split(':') as [string, string];
      return { key, value, partition: 0 };
    });
    await producer.send(topic, records);
    assert.equal([...(await storedCodecs(topic))], [codec], `stored as ${name}`);
    const out = await kcat([
      '-C',
      '-b',
      broker.address,
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%o|%k:%s\\n',
    ]);
    const lines = out.split('\n').filter((l) => l.length > 0);
    assert.equal(
      lines,
      Array.from({ length: N }, (_, i) => `${i}|${line(i)}`),
    );
  });
}

test.run();
