// KafkaJS 2.2.4, unchanged, against a real Runnel broker process: the admin client creates, grows and deletes
// topics; the producer sends keyed records with headers, uncompressed and gzip, to a 3-partition topic. The
// records are read back two ways and compared field by field (key, value, headers, timestamp, per-partition
// offset) with what was sent: with KafkaJS's low-level Broker Fetch, which involves no group, and with a real
// KafkaJS consumer group (`kafka.consumer({ groupId })` subscribed fromBeginning: FindCoordinator,
// JoinGroup/SyncGroup, OffsetFetch, Fetch, OffsetCommit, LeaveGroup), whose commits are checked too. The
// broker is then restarted on the same data dir and both reads run again, the group one with a fresh group
// id. The broker runs with a 100 ms initial rebalance delay and the consumers with the broker's minimum
// session timeout and a 300 ms heartbeat, so a join takes well under a second.
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

const SESSION_TIMEOUT_MS = 6000; // the broker's group.min.session.timeout.ms
const HEARTBEAT_MS = 300;

/** Group reads get more retries: a coordinator may still be loading __consumer_offsets after a restart. */
function kafka(b: BrokerProcess, retries = 2) {
  return new Kafka({
    clientId: 'runnel-interop',
    brokers: [b.address],
    logLevel: logLevel.NOTHING,
    retry: { retries, initialRetryTime: 100 },
  });
}

interface KafkaJsMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  timestamp: string;
}

function toRead(m: KafkaJsMessage): Read {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    // A repeated header key would come back as an array; none is sent, so keep it visible as one string.
    headers[k] = Array.isArray(v) ? v.map(String).join('|') : String(v);
  }
  return {
    offset: m.offset,
    key: String(m.key),
    value: String(m.value),
    headers,
    timestamp: m.timestamp,
  };
}

async function waitFor(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real KafkaJS consumer in group `groupId`, subscribed fromBeginning: returns what it read per partition, in
 * delivery order, once it has as many records as were sent and nothing more arrives for a short while; also
 * the partitions the group assigned it.
 */
async function consumeAll(
  b: BrokerProcess,
  groupId: string,
): Promise<{ byPartition: Read[][]; assigned: number[] }> {
  const consumer = kafka(b, 8).consumer({
    groupId,
    sessionTimeout: SESSION_TIMEOUT_MS,
    rebalanceTimeout: SESSION_TIMEOUT_MS,
    heartbeatInterval: HEARTBEAT_MS,
    maxWaitTimeInMs: 100,
  });
  const byPartition: Read[][] = Array.from({ length: PARTITIONS }, () => []);
  let assigned: number[] = [];
  let total = 0;
  let crashed: unknown = null;
  consumer.on(
    consumer.events.GROUP_JOIN,
    (e: { payload: { memberAssignment: Record<string, number[]> } }) => {
      assigned = [...(e.payload.memberAssignment[TOPIC] ?? [])].sort();
    },
  );
  consumer.on(consumer.events.CRASH, (e: { payload: { error: unknown } }) => {
    crashed = e.payload.error;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({
        topic,
        partition,
        message,
      }: {
        topic: string;
        partition: number;
        message: KafkaJsMessage;
      }) => {
        assert.is(topic, TOPIC);
        byPartition[partition]!.push(toRead(message));
        total++;
      },
    });
    await waitFor(
      `${sent.length} records in group ${groupId}`,
      () => crashed !== null || total >= sent.length,
    );
    if (crashed) throw crashed;
    // Anything delivered twice or beyond the log end would show up here.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await consumer.disconnect();
  }
  return { byPartition, assigned };
}

/** The group's committed offset per partition, as the admin client's OffsetFetch sees it. */
async function committedOffsets(b: BrokerProcess, groupId: string): Promise<[number, string][]> {
  const admin = kafka(b, 8).admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [TOPIC] });
    return t.partitions
      .map((p: { partition: number; offset: string }): [number, string] => [p.partition, p.offset])
      .sort((x: [number, string], y: [number, string]) => x[0] - y[0]);
  } finally {
    await admin.disconnect();
  }
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
      for (const m of p.messages) out.push(toRead(m));
      offset = String(Number(out[out.length - 1]!.offset) + 1);
    }
  } finally {
    await kb.disconnect();
  }
}

test.before(async () => {
  broker = await startBroker(['--threads', '2', '--group-initial-rebalance-delay-ms', '100']);
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
  await checkFetchReadBack(broker);

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

function expectedFor(partition: number): Read[] {
  return sent
    .filter((m) => m.partition === partition)
    .map((m, i) => ({
      offset: String(i),
      key: m.key,
      value: m.value,
      headers: m.headers,
      timestamp: m.timestamp,
    }));
}

/** Low-level: KafkaJS's own Fetch decoding, partition by partition, no group involved. */
async function checkFetchReadBack(b: BrokerProcess): Promise<void> {
  for (let p = 0; p < PARTITIONS; p++)
    assert.equal(await fetchAll(b, p), expectedFor(p), `fetch, partition ${p}`);
}

/** A KafkaJS consumer group reads every record once, in offset order per partition, then commits the log end. */
async function checkGroupReadBack(b: BrokerProcess, groupId: string): Promise<void> {
  const { byPartition, assigned } = await consumeAll(b, groupId);
  assert.equal(assigned, [0, 1, 2], 'the only member is assigned every partition');
  for (let p = 0; p < PARTITIONS; p++)
    assert.equal(byPartition[p], expectedFor(p), `${groupId}, partition ${p}`);
  assert.equal(
    await committedOffsets(b, groupId),
    [
      [0, '20'],
      [1, '20'],
      [2, '20'],
    ],
    `${groupId} committed the log end`,
  );
}

test('KafkaJS consumer group subscribed fromBeginning reads every record as sent', async () => {
  assert.is(sent.length, 60);
  await checkGroupReadBack(broker, 'kafkajs-readback-1');
});

test('after a restart KafkaJS reads the same records at the same offsets, via Fetch and a new group', async () => {
  assert.is(await broker.stop('SIGTERM'), 0);
  broker = await broker.restart();
  await checkFetchReadBack(broker);
  // The first group's commits came back from __consumer_offsets, and a new group starts from the beginning.
  assert.equal(await committedOffsets(broker, 'kafkajs-readback-1'), [
    [0, '20'],
    [1, '20'],
    [2, '20'],
  ]);
  await checkGroupReadBack(broker, 'kafkajs-readback-2');
});

test.run();
