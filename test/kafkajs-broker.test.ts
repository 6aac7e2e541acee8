// KafkaJS 2.2.4, unchanged, against a real Runnel broker process: the admin client creates, grows and deletes
// topics; the producer sends keyed records with headers, uncompressed and gzip; records are read back with
// KafkaJS's own Fetch (its lower-level Broker API, since its consumer needs consumer groups, which Runnel
// does not serve yet) and compared field by field, then again after a broker restart.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BrokerProcess, startBroker } from './helpers/broker.js';

const require = createRequire(import.meta.url);
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');
const KafkaJsBroker = require('kafkajs/src/broker');
const ConnectionPool = require('kafkajs/src/network/connectionPool');
const socketFactory = require('kafkajs/src/network/socketFactory');
const { createLogger, LEVELS } = require('kafkajs/src/loggers');

const TOPIC = 'kafkajs-orders';
const PARTITIONS = 3;

interface Sent {
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: string;
}

interface Read {
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: string;
}

let broker: BrokerProcess;

function kafka(b: BrokerProcess) {
  return new Kafka({
    clientId: 'runnel-interop',
    brokers: [b.address],
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  });
}

/** KafkaJS's Broker class on its own connection: Fetch without consumer groups. */
async function fetchAll(b: BrokerProcess, partition: number): Promise<Read[]> {
  const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => {} });
  const kb = new KafkaJsBroker({
    connectionPool: new ConnectionPool({
      host: b.host,
      port: b.port,
      logger,
      socketFactory: socketFactory(),
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      clientId: 'runnel-fetch',
    }),
    logger,
  });
  await kb.connect();
  try {
    const out: Read[] = [];
    let offset = '0';
    for (;;) {
      const res = await kb.fetch({
        replicaId: -1,
        isolationLevel: 1,
        maxWaitTime: 100,
        minBytes: 1,
        maxBytes: 1 << 20,
        topics: [{ topic: TOPIC, partitions: [{ partition, fetchOffset: offset, maxBytes: 1 << 20 }] }],
      });
      const p = res.responses[0].partitions[0];
      assert.is(p.errorCode, 0);
      if (p.messages.length === 0) return out;
      for (const m of p.messages) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.headers as Record<string, Buffer>)) headers[k] = v.toString();
        out.push({
          offset: m.offset,
          key: m.key.toString(),
          value: m.value.toString(),
          headers,
          timestamp: m.timestamp,
        });
      }
      offset = String(Number(out[out.length - 1]!.offset) + 1);
    }
  } finally {
    await kb.disconnect();
  }
}

test.before(async () => {
  broker = await startBroker(['--threads', '2']);
});

test.after(async () => {
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

test('KafkaJS admin: create a 3-partition topic, see it in metadata, grow another, delete it', async () => {
  const admin = kafka(broker).admin();
  await admin.connect();
  try {
    assert.is(
      await admin.createTopics({
        topics: [{ topic: TOPIC, numPartitions: PARTITIONS }],
        waitForLeaders: true,
      }),
      true,
    );
    assert.is(
      await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] }),
      false,
      'exists already',
    );
    const md = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    assert.equal(
      md.topics[0].partitions
        .map((p: { partitionId: number; leader: number }) => [p.partitionId, p.leader])
        .sort(),
      [
        [0, 1],
        [1, 1],
        [2, 1],
      ],
    );
    assert.ok((await admin.listTopics()).includes(TOPIC));
    await admin.createTopics({ topics: [{ topic: 'kafkajs-scratch', numPartitions: 1 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'kafkajs-scratch', count: 4 }] });
    const grown = await admin.fetchTopicMetadata({ topics: ['kafkajs-scratch'] });
    assert.is(grown.topics[0].partitions.length, 4);
    await admin.deleteTopics({ topics: ['kafkajs-scratch'] });
    assert.not.ok((await admin.listTopics()).includes('kafkajs-scratch'));
  } finally {
    await admin.disconnect();
  }
});

const sent: Sent[] = [];

test('KafkaJS producer: keyed records with headers, uncompressed then gzip, read back identical', async () => {
  const producer = kafka(broker).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const base = 1_700_000_000_000;
  try {
    for (const [round, compression] of [
      [0, CompressionTypes.None],
      [1, CompressionTypes.GZIP],
    ] as const) {
      const messages = [];
      for (let i = 0; i < 30; i++) {
        const n = round * 30 + i;
        const m: Sent = {
          partition: n % PARTITIONS,
          key: `key-${n}`,
          value: `value-${n}-${'x'.repeat(n % 7)}`,
          headers: { source: 'kafkajs', n: String(n) },
          timestamp: String(base + n),
        };
        sent.push(m);
        messages.push(m);
      }
      const meta = await producer.send({ topic: TOPIC, acks: -1, compression, messages });
      for (const r of meta) assert.is(r.errorCode, 0);
      // Each partition's batch starts where the previous round left it: 10 records per partition per round.
      assert.equal(
        meta.map((r: { partition: number; baseOffset: string }) => [r.partition, r.baseOffset]).sort(),
        [
          [0, String(round * 10)],
          [1, String(round * 10)],
          [2, String(round * 10)],
        ],
      );
    }
  } finally {
    await producer.disconnect();
  }
  await checkReadBack(broker);

  const admin = kafka(broker).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(TOPIC);
  await admin.disconnect();
  assert.equal(
    offsets.map((o: { partition: number; high: string; low: string }) => [o.partition, o.low, o.high]).sort(),
    [
      [0, '0', '20'],
      [1, '0', '20'],
      [2, '0', '20'],
    ],
  );
});

async function checkReadBack(b: BrokerProcess): Promise<void> {
  for (let p = 0; p < PARTITIONS; p++) {
    const expected = sent
      .filter((m) => m.partition === p)
      .map((m, i) => ({
        offset: String(i),
        key: m.key,
        value: m.value,
        headers: m.headers,
        timestamp: m.timestamp,
      }));
    assert.equal(await fetchAll(b, p), expected, `partition ${p}`);
  }
}

test('after a restart KafkaJS reads the same records at the same offsets', async () => {
  assert.is(await broker.stop('SIGTERM'), 0);
  broker = await broker.restart();
  await checkReadBack(broker);
});

test.run();
