// The broker's core APIs over a real socket against a real broker process: ApiVersions (and its v0 fallback),
// Metadata, CreateTopics/CreatePartitions/DeleteTopics, Produce/Fetch/ListOffsets, long polls and acks.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
let broker: BrokerProcess;
let client: TestClient;

test.before(async () => {
  broker = await startBroker(['--num-partitions', '2', '--threads', '2']);
  client = await TestClient.connect(broker.port);
});

test.after(async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

function createTopic(
  name: string,
  numPartitions: number,
  extra: Partial<P.CreateTopicsRequestCreatableTopic> = {},
) {
  return client.request(P.CreateTopicsApi, 7, {
    topics: [
      P.createCreateTopicsRequestCreatableTopic({ name, numPartitions, replicationFactor: 1, ...extra }),
    ],
    timeoutMs: 1000,
    validateOnly: false,
  });
}

function produce(topic: string, partition: number, records: Buffer, acks = -1, version = 9) {
  return client.request(P.ProduceApi, version, {
    transactionalId: null,
    acks,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
}

function batch(prefix: string, count: number, timestamp = Date.now()): Buffer {
  const records = [];
  for (let i = 0; i < count; i++) {
    records.push({
      key: `${prefix}-k${i}`,
      value: `${prefix}-v${i}`,
      headers: [{ key: 'h', value: Buffer.from([i]) }],
    });
  }
  return encodeRecordBatch(records, { timestamp });
}

test('ApiVersions advertises the served ranges; v99 gets UNSUPPORTED_VERSION as v0', async () => {
  const res = await client.request(P.ApiVersionsApi, 3, {
    clientSoftwareName: 'runnel-test',
    clientSoftwareVersion: '1.0',
  });
  assert.is(res.errorCode, E.NONE);
  const ranges = Object.fromEntries(res.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion]]));
  assert.equal(ranges[0], [3, 11]);
  assert.equal(ranges[1], [4, 17]);
  assert.equal(ranges[3], [0, 12]);
  assert.equal(ranges[18], [0, 4]);
  assert.equal(ranges[11], [0, 9], 'JoinGroup');
  assert.equal(ranges[22], [0, 5], 'InitProducerId');
  assert.equal(ranges[24], [0, 5], 'AddPartitionsToTxn');
  assert.equal(ranges[25], [0, 4], 'AddOffsetsToTxn');
  assert.equal(ranges[26], [0, 5], 'EndTxn');
  assert.equal(ranges[28], [0, 4], 'TxnOffsetCommit');
  assert.equal(ranges[65], [0, 0], 'DescribeTransactions');
  assert.equal(ranges[66], [0, 1], 'ListTransactions');
  // Exactly the registered handlers, no more.
  const { HANDLERS } = await import('../dist/broker/handlers/index.js');
  assert.equal(
    res.apiKeys.map((k) => k.apiKey).sort((a, b) => a - b),
    HANDLERS.map((h) => h.codec.apiKey).sort((a, b) => a - b),
  );

  // v99: the header is flexible (v2); the answer must be readable as ApiVersions v0.
  const w = new P.Writer();
  const frame = w.beginFrame();
  P.encodeRequestHeader(w, { requestApiKey: 18, requestApiVersion: 99, correlationId: 777, clientId: 'x' });
  w.uvarint(1); // a body a future version might have: one compact string
  w.uvarint(0);
  w.endFrame(frame);
  const raw = await client.send(Buffer.from(w.finish()), 777);
  const r = new P.Reader(raw, 4);
  assert.is(r.int32(), 777);
  const v0 = P.ApiVersionsApi.decodeResponse(r, 0);
  assert.is(r.error, null);
  assert.is(r.remaining, 0);
  assert.is(v0.errorCode, E.UNSUPPORTED_VERSION);
  assert.equal(v0.apiKeys, res.apiKeys);

  const bad = await client.request(P.ApiVersionsApi, 3, {
    clientSoftwareName: '-bad name',
    clientSoftwareVersion: '1',
  });
  assert.is(bad.errorCode, E.INVALID_REQUEST);
});

test('Metadata: this broker, cluster id, auto-creation, unknown ids and illegal names', async () => {
  const res = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [
        P.createMetadataRequestMetadataRequestTopic({ name: 'auto-made' }),
        P.createMetadataRequestMetadataRequestTopic({ name: 'bad/name' }),
        P.createMetadataRequestMetadataRequestTopic({ name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAg' }),
      ],
      allowAutoTopicCreation: true,
    }),
  );
  assert.equal(res.brokers, [{ nodeId: 1, host: '127.0.0.1', port: broker.port, rack: null }]);
  assert.is(res.controllerId, 1);
  assert.ok(res.clusterId && res.clusterId.length === 22);
  const [auto, bad, byId] = res.topics;
  assert.is(auto!.errorCode, E.NONE);
  assert.is(auto!.partitions.length, 2, 'num.partitions');
  assert.equal(auto!.partitions[1], {
    errorCode: 0,
    partitionIndex: 1,
    leaderId: 1,
    leaderEpoch: 0,
    replicaNodes: [1],
    isrNodes: [1],
    offlineReplicas: [],
  });
  assert.is.not(auto!.topicId, P.ZERO_UUID);
  assert.is(bad!.errorCode, E.INVALID_TOPIC_EXCEPTION);
  assert.is(byId!.errorCode, E.UNKNOWN_TOPIC_ID);

  const noCreate = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'not-made' })],
      allowAutoTopicCreation: false,
    }),
  );
  assert.is(noCreate.topics[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);

  // v0: an empty list means every topic; the lookup by id finds the auto-created one.
  const v0 = await client.request(P.MetadataApi, 0, P.createMetadataRequest({ topics: [] }));
  assert.ok(v0.topics.some((t) => t.name === 'auto-made'));
  assert.not.ok(v0.topics.some((t) => t.name === 'not-made'));
  const again = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: null, topicId: auto!.topicId })],
    }),
  );
  assert.is(again.topics[0]!.name, 'auto-made');
});

test('CreateTopics: errors per topic, validate_only, configs; CreatePartitions grows; DeleteTopics by name and id', async () => {
  const made = await createTopic('orders', 3, { configs: [{ name: 'retention.ms', value: '60000' }] });
  const t = made.topics[0]!;
  assert.is(t.errorCode, E.NONE, t.errorMessage ?? '');
  assert.is(t.numPartitions, 3);
  assert.is(t.replicationFactor, 1);
  assert.equal(t.configs!.find((c) => c.name === 'retention.ms')!.value, '60000');

  assert.is((await createTopic('orders', 3)).topics[0]!.errorCode, E.TOPIC_ALREADY_EXISTS);
  assert.is(
    (await createTopic('rf3', 1, { replicationFactor: 3 })).topics[0]!.errorCode,
    E.INVALID_REPLICATION_FACTOR,
  );
  assert.is((await createTopic('bad name', 1)).topics[0]!.errorCode, E.INVALID_TOPIC_EXCEPTION);
  assert.is((await createTopic('zero', 0)).topics[0]!.errorCode, E.INVALID_PARTITIONS);
  assert.is(
    (await createTopic('cfg', 1, { configs: [{ name: 'no.such.config', value: '1' }] })).topics[0]!.errorCode,
    E.INVALID_CONFIG,
  );
  const dflt = await createTopic('default-count', -1, { replicationFactor: -1 });
  assert.is(dflt.topics[0]!.numPartitions, 2);

  const dry = await client.request(P.CreateTopicsApi, 7, {
    topics: [
      P.createCreateTopicsRequestCreatableTopic({ name: 'dry-run', numPartitions: 1, replicationFactor: 1 }),
    ],
    timeoutMs: 1000,
    validateOnly: true,
  });
  assert.is(dry.topics[0]!.errorCode, E.NONE);
  const md = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'dry-run' })],
      allowAutoTopicCreation: false,
    }),
  );
  assert.is(md.topics[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION, 'validate_only created nothing');

  const grow = (count: number) =>
    client.request(P.CreatePartitionsApi, 3, {
      topics: [{ name: 'orders', count, assignments: null }],
      timeoutMs: 1000,
      validateOnly: false,
    });
  assert.is((await grow(2)).results[0]!.errorCode, E.INVALID_PARTITIONS);
  assert.is((await grow(5)).results[0]!.errorCode, E.NONE);
  const p4 = await produce('orders', 4, batch('grown', 2));
  assert.is(p4.responses[0]!.partitionResponses[0]!.errorCode, E.NONE, 'the new partition takes records');

  const byName = await client.request(P.DeleteTopicsApi, 5, {
    topics: [],
    topicNames: ['orders', 'nope'],
    timeoutMs: 1000,
  });
  assert.equal(
    byName.responses.map((r) => r.errorCode),
    [E.NONE, E.UNKNOWN_TOPIC_OR_PARTITION],
  );
  const id = dflt.topics[0]!.topicId;
  const byId = await client.request(P.DeleteTopicsApi, 6, {
    topics: [{ name: null, topicId: id }],
    topicNames: [],
    timeoutMs: 1000,
  });
  assert.is(byId.responses[0]!.errorCode, E.NONE);
  assert.is(byId.responses[0]!.name, 'default-count');
  const fetched = await client.request(P.FetchApi, 12, fetchRequest('orders', 0, 0));
  const gone = fetched.responses[0]!.partitions[0]!;
  assert.is(gone.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);
  // Kafka's unknown offsets on an error partition, never 0 (an end at 0 to a client reading from 0).
  assert.equal([gone.highWatermark, gone.lastStableOffset, gone.logStartOffset], [-1, -1, -1]);
  // Re-created under the same name: empty, not the old data.
  assert.is((await createTopic('orders', 5)).topics[0]!.errorCode, E.NONE);
  const lo = await client.request(P.ListOffsetsApi, 7, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: 'orders',
        partitions: [{ partitionIndex: 4, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  assert.is(lo.topics[0]!.partitions[0]!.offset, 0);
});

test('Produce then Fetch and ListOffsets: offsets, watermarks, identical bytes, out of range', async () => {
  await createTopic('events', 1);
  const t0 = 1_700_000_000_000;
  const a = batch('a', 3, t0);
  const b = batch('b', 2, t0 + 10_000);
  const r1 = await produce('events', 0, a);
  const r2 = await produce('events', 0, b, 1, 11);
  assert.equal(
    [r1.responses[0]!.partitionResponses[0]!.baseOffset, r2.responses[0]!.partitionResponses[0]!.baseOffset],
    [0, 3],
  );
  assert.is(r2.responses[0]!.partitionResponses[0]!.logStartOffset, 0);

  const f = await client.request(P.FetchApi, 12, fetchRequest('events', 0, 0));
  const p = f.responses[0]!.partitions[0]!;
  assert.is(p.errorCode, E.NONE);
  assert.is(p.highWatermark, 5);
  assert.is(p.lastStableOffset, 5);
  assert.is(p.logStartOffset, 0);
  const batches = decodeRecordBatches(p.records as Buffer);
  assert.equal(
    batches.map((x) => x.baseOffset),
    [0, 3],
  );
  assert.equal(
    batches[1]!.records.map((r) => [r.offset, r.key!.toString(), r.value!.toString(), r.timestamp]),
    [
      [3, 'b-k0', 'b-v0', t0 + 10_000],
      [4, 'b-k1', 'b-v1', t0 + 10_000],
    ],
  );
  // The stored batch is the produced batch, apart from the base offset and leader epoch stamped by the broker.
  const stored = Buffer.from(p.records as Buffer).subarray(a.length);
  assert.is(stored.readInt32BE(12), 0, 'leader epoch');
  assert.ok(stored.subarray(16).equals(b.subarray(16)));

  // By topic id (v13+): resolve the id through Metadata.
  const md = await client.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'events' })],
    }),
  );
  const topicId = md.topics[0]!.topicId;
  const byId = await client.request(
    P.FetchApi,
    13,
    fetchRequest('', 0, 3, {
      topics: [
        P.createFetchRequestFetchTopic({
          topicId,
          partitions: [
            P.createFetchRequestFetchPartition({ partition: 0, fetchOffset: 3, partitionMaxBytes: 1 << 20 }),
          ],
        }),
      ],
    }),
  );
  assert.is(byId.responses[0]!.topicId, topicId);
  assert.equal(
    decodeRecordBatches(byId.responses[0]!.partitions[0]!.records as Buffer).map((x) => x.baseOffset),
    [3],
  );
  const unknownId = await client.request(
    P.FetchApi,
    13,
    fetchRequest('', 0, 0, {
      topics: [
        P.createFetchRequestFetchTopic({
          topicId: 'AAAAAAAAAAAAAAAAAAAAAg',
          partitions: [P.createFetchRequestFetchPartition({ partition: 0 })],
        }),
      ],
    }),
  );
  assert.is(unknownId.responses[0]!.partitions[0]!.errorCode, E.UNKNOWN_TOPIC_ID);

  const out = await client.request(P.FetchApi, 12, fetchRequest('events', 0, 99));
  assert.is(out.responses[0]!.partitions[0]!.errorCode, E.OFFSET_OUT_OF_RANGE);
  const noPart = await client.request(P.FetchApi, 12, fetchRequest('events', 7, 0));
  assert.is(noPart.responses[0]!.partitions[0]!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);

  const list = (timestamp: number, version = 7) =>
    client
      .request(P.ListOffsetsApi, version, {
        replicaId: -1,
        isolationLevel: 0,
        timeoutMs: 0,
        topics: [
          {
            name: 'events',
            partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }],
          },
        ],
      })
      .then((res) => res.topics[0]!.partitions[0]!);
  assert.is((await list(-2)).offset, 0);
  assert.is((await list(-1)).offset, 5);
  assert.is((await list(t0 + 5_000)).offset, 3);
  assert.is((await list(t0 + 5_000)).timestamp, t0 + 10_000);
  assert.is((await list(t0 + 99_000)).offset, -1);
  assert.equal((await list(-1, 0)).oldStyleOffsets, [5]);
  assert.is((await list(-4, 8)).offset, 0);
});

test('Fetch response max_bytes: the first partition gets a whole batch, later ones only what fits', async () => {
  await createTopic('budget', 2);
  const big = batch('big', 200);
  await produce('budget', 0, big);
  await produce('budget', 1, batch('small', 1));
  const res = await client.request(P.FetchApi, 12, fetchRequest('budget', [0, 1], 0, { maxBytes: 100 }));
  const [p0, p1] = res.responses[0]!.partitions;
  assert.is((p0!.records as Buffer).length, big.length, 'one whole batch beyond max_bytes (KIP-74)');
  assert.is((p1!.records as Buffer).length, 0);
  assert.is(p1!.highWatermark, 1);
});

test('Fetch long poll: parks until a produce arrives, or answers empty after max_wait_ms', async () => {
  await createTopic('poll', 1);
  const waiter = await TestClient.connect(broker.port);
  const started = Date.now();
  const idle = await waiter.request(
    P.FetchApi,
    11,
    fetchRequest('poll', 0, 0, { maxWaitMs: 300, minBytes: 1 }),
  );
  const idleMs = Date.now() - started;
  assert.ok(idleMs >= 250 && idleMs < 3000, `waited ${idleMs} ms`);
  assert.is((idle.responses[0]!.partitions[0]!.records as Buffer).length, 0);

  const t = Date.now();
  const pending = waiter.request(
    P.FetchApi,
    11,
    fetchRequest('poll', 0, 0, { maxWaitMs: 10_000, minBytes: 1 }),
  );
  await new Promise((r) => setTimeout(r, 200));
  await produce('poll', 0, batch('late', 1));
  const woke = await pending;
  const ms = Date.now() - t;
  assert.ok(ms >= 150 && ms < 5000, `woke after ${ms} ms`);
  assert.is(
    decodeRecordBatches(woke.responses[0]!.partitions[0]!.records as Buffer)[0]!.records[0]!.key!.toString(),
    'late-k0',
  );
  waiter.close();
});

test('acks: 0 gets no response, invalid acks get INVALID_REQUIRED_ACKS; bad records get error codes', async () => {
  await createTopic('acks', 1);
  const silent = new P.Writer();
  const frame = silent.beginFrame();
  P.encodeRequestHeader(silent, {
    requestApiKey: 0,
    requestApiVersion: 9,
    correlationId: 4242,
    clientId: 'x',
  });
  P.ProduceApi.encodeRequest(
    silent,
    {
      transactionalId: null,
      acks: 0,
      timeoutMs: 1000,
      topicData: [{ name: 'acks', partitionData: [{ index: 0, records: batch('quiet', 1) }] }],
    },
    9,
  );
  silent.endFrame(frame);
  const c2 = await TestClient.connect(broker.port);
  let answered = false;
  c2.send(Buffer.from(silent.finish()), 4242).then(
    () => (answered = true),
    () => {},
  );
  const after = await c2.request(P.ListOffsetsApi, 1, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: 'acks',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  assert.is(
    after.topics[0]!.partitions[0]!.offset,
    1,
    'the acks=0 batch was stored, in order, before the next request',
  );
  assert.not.ok(answered);
  c2.close();

  const bad = await produce('acks', 0, batch('x', 1), 2);
  assert.is(bad.responses[0]!.partitionResponses[0]!.errorCode, E.INVALID_REQUIRED_ACKS);
  const corrupt = batch('c', 2);
  corrupt[corrupt.length - 1]! ^= 0xff; // breaks the CRC
  assert.is(
    (await produce('acks', 0, corrupt)).responses[0]!.partitionResponses[0]!.errorCode,
    E.CORRUPT_MESSAGE,
  );
  assert.is(
    (await produce('acks', 0, Buffer.from('not a batch at all'))).responses[0]!.partitionResponses[0]!
      .errorCode,
    E.CORRUPT_MESSAGE,
  );
  assert.is(
    (await produce('acks', 3, batch('x', 1))).responses[0]!.partitionResponses[0]!.errorCode,
    E.UNKNOWN_TOPIC_OR_PARTITION,
  );
  assert.is(
    (await produce('bad name!', 0, batch('x', 1))).responses[0]!.partitionResponses[0]!.errorCode,
    E.INVALID_TOPIC_EXCEPTION,
  );
  const lo = await client.request(P.ListOffsetsApi, 1, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: 'acks',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  assert.is(lo.topics[0]!.partitions[0]!.offset, 1, 'nothing stored by the failed produces');
});

test('DeleteRecords, OffsetForLeaderEpoch, DescribeConfigs, DescribeCluster', async () => {
  await createTopic('trim', 1, { configs: [{ name: 'cleanup.policy', value: 'delete' }] });
  for (let i = 0; i < 4; i++) await produce('trim', 0, batch(`t${i}`, 2));
  const del = await client.request(P.DeleteRecordsApi, 2, {
    topics: [
      {
        name: 'trim',
        partitions: [
          { partitionIndex: 0, offset: 4 },
          { partitionIndex: 9, offset: 1 },
        ],
      },
    ],
    timeoutMs: 1000,
  });
  assert.equal(
    del.topics[0]!.partitions.map((p) => [p.errorCode, p.lowWatermark]),
    [
      [E.NONE, 4],
      [E.UNKNOWN_TOPIC_OR_PARTITION, -1],
    ],
  );
  const tooFar = await client.request(P.DeleteRecordsApi, 2, {
    topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, offset: 99 }] }],
    timeoutMs: 1000,
  });
  assert.is(tooFar.topics[0]!.partitions[0]!.errorCode, E.OFFSET_OUT_OF_RANGE);
  const earliest = await client.request(P.ListOffsetsApi, 1, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: 'trim',
        partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2, maxNumOffsets: 1 }],
      },
    ],
  });
  assert.is(earliest.topics[0]!.partitions[0]!.offset, 4);
  const below = await client.request(P.FetchApi, 12, fetchRequest('trim', 0, 1));
  assert.is(below.responses[0]!.partitions[0]!.errorCode, E.OFFSET_OUT_OF_RANGE);

  const epochs = await client.request(P.OffsetForLeaderEpochApi, 4, {
    replicaId: -1,
    topics: [
      {
        topic: 'trim',
        partitions: [
          { partition: 0, currentLeaderEpoch: 0, leaderEpoch: 0 },
          { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 5 },
          { partition: 0, currentLeaderEpoch: 3, leaderEpoch: 0 },
        ],
      },
    ],
  });
  assert.equal(
    epochs.topics[0]!.partitions.map((p) => [p.errorCode, p.leaderEpoch, p.endOffset]),
    [
      [E.NONE, 0, 8],
      [E.NONE, -1, -1],
      [E.UNKNOWN_LEADER_EPOCH, -1, -1],
    ],
  );

  const cfg = await client.request(P.DescribeConfigsApi, 4, {
    resources: [
      { resourceType: 2, resourceName: 'trim', configurationKeys: null },
      { resourceType: 2, resourceName: 'trim', configurationKeys: ['retention.ms'] },
      { resourceType: 4, resourceName: '1', configurationKeys: ['num.partitions'] },
      { resourceType: 2, resourceName: 'nope', configurationKeys: null },
    ],
    includeSynonyms: false,
    includeDocumentation: false,
  });
  const [all, one, brokerCfg, missing] = cfg.results;
  const policy = all!.configs.find((c) => c.name === 'cleanup.policy')!;
  assert.equal([policy.value, policy.configSource, policy.isDefault], ['delete', 1, false]);
  assert.equal(
    one!.configs.map((c) => [c.name, c.configSource]),
    [['retention.ms', 5]],
  );
  assert.equal(
    brokerCfg!.configs.map((c) => [c.name, c.value]),
    [['num.partitions', '2']],
  );
  assert.is(missing!.errorCode, E.UNKNOWN_TOPIC_OR_PARTITION);

  const cluster = await client.request(P.DescribeClusterApi, 1, {
    includeClusterAuthorizedOperations: false,
    endpointType: 1,
  });
  assert.is(cluster.errorCode, E.NONE);
  assert.equal(cluster.brokers, [{ brokerId: 1, host: '127.0.0.1', port: broker.port, rack: null }]);
  assert.is(cluster.controllerId, 1);
  const controllers = await client.request(P.DescribeClusterApi, 1, {
    includeClusterAuthorizedOperations: false,
    endpointType: 2,
  });
  assert.is(controllers.errorCode, E.MISMATCHED_ENDPOINT_TYPE);
});

test.run();
