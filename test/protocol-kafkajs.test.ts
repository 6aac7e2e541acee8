// Interop with a real client's codec: KafkaJS (a devDependency) encodes requests that our decoders
// must read, and decodes the responses our encoders write, including record batches it produced.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { crc32cRef as crc32c } from '../dist/wasm/crc32c-ref.js';

const require = createRequire(import.meta.url);
const kafkajs = (path: string) => require(`kafkajs/src/protocol/${path}`);
const createRequest = kafkajs('request');

interface KafkaJsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}

/** A whole frame exactly as KafkaJS would put it on the socket. */
async function kafkajsFrame(request: KafkaJsRequest, correlationId = 42): Promise<Buffer> {
  const encoder = await createRequest({ correlationId, clientId: 'kafkajs-interop', request });
  return encoder.buffer as Buffer;
}

/** Decodes a KafkaJS frame with our header and body codecs; the frame must be consumed exactly. */
async function decodeFrame<T>(request: KafkaJsRequest, decode: (r: P.Reader, v: number) => T): Promise<T> {
  const frame = await kafkajsFrame(request);
  assert.is(frame.readInt32BE(0), frame.length - 4);
  const r = new P.Reader(frame, 4);
  const header = P.decodeRequestHeader(r);
  assert.equal(header, {
    requestApiKey: request.apiKey,
    requestApiVersion: request.apiVersion,
    correlationId: 42,
    clientId: 'kafkajs-interop',
  });
  const body = decode(r, header.requestApiVersion);
  assert.is(r.error, null);
  assert.is(r.remaining, 0);
  return body;
}

/** Response body bytes (after the correlation id) for a KafkaJS response decoder. */
function responsePayload(write: (w: P.Writer) => void): Buffer {
  const w = new P.Writer();
  write(w);
  assert.is(w.error, null);
  return Buffer.from(w.finish());
}

let producedBatch: Buffer | null = null;

test('ApiVersions v2 request from KafkaJS', async () => {
  const body = await decodeFrame(kafkajs('requests/apiVersions/v2/request')(), P.decodeApiVersionsRequest);
  assert.equal(body, P.createApiVersionsRequest());
});

test('Metadata v6 request from KafkaJS', async () => {
  const body = await decodeFrame(
    kafkajs('requests/metadata/v6/request')({
      topics: ['orders', 'payments'],
      allowAutoTopicCreation: false,
    }),
    P.decodeMetadataRequest,
  );
  assert.equal(
    body.topics?.map((t) => t.name),
    ['orders', 'payments'],
  );
  assert.is(body.allowAutoTopicCreation, false);
});

test('Produce v7 request from KafkaJS: the record batch arrives intact, as a view', async () => {
  const request = kafkajs('requests/produce/v7/request')({
    acks: -1,
    timeout: 1500,
    transactionalId: null,
    producerId: -1,
    producerEpoch: 0,
    compression: 0,
    topicData: [
      {
        topic: 'orders',
        partitions: [
          {
            partition: 3,
            firstSequence: 0,
            messages: [
              { key: 'k1', value: 'first', timestamp: 1700000000000 },
              { key: null, value: 'second', timestamp: 1700000000001 },
            ],
          },
        ],
      },
    ],
  });
  const body = await decodeFrame(request, P.decodeProduceRequest);
  assert.is(body.acks, -1);
  assert.is(body.timeoutMs, 1500);
  assert.is(body.transactionalId, null);
  const topic = body.topicData[0]!;
  assert.is(topic.name, 'orders');
  const partition = topic.partitionData[0]!;
  assert.is(partition.index, 3);
  const batch = partition.records as Buffer;
  // Record batch v2: baseOffset int64, batchLength int32, leader epoch, magic 2, crc32c over the rest.
  assert.is(batch.readInt32BE(8), batch.length - 12);
  assert.is(batch[16], 2);
  assert.is(batch.readUInt32BE(17), crc32c(batch, 21, batch.length));
  assert.is(batch.readInt32BE(57), 2, 'record count');
  producedBatch = Buffer.from(batch);
});

test('Fetch v11 request from KafkaJS', async () => {
  const body = await decodeFrame(
    kafkajs('requests/fetch/v11/request')({
      replicaId: -1,
      maxWaitTime: 500,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      topics: [
        {
          topic: 'orders',
          partitions: [
            {
              partition: 3,
              currentLeaderEpoch: 7,
              fetchOffset: '9007199254740000',
              logStartOffset: '0',
              maxBytes: 1048576,
            },
          ],
        },
      ],
      rackId: 'rack-a',
    }),
    P.decodeFetchRequest,
  );
  assert.is(body.maxWaitMs, 500);
  assert.is(body.isolationLevel, 1);
  assert.is(body.sessionEpoch, -1);
  assert.is(body.rackId, 'rack-a');
  const p = body.topics[0]!.partitions[0]!;
  assert.equal(
    [body.topics[0]!.topic, p.partition, p.currentLeaderEpoch, p.fetchOffset, p.partitionMaxBytes],
    ['orders', 3, 7, 9007199254740000, 1048576],
  );
});

test('our ApiVersions v2 response decodes in KafkaJS', async () => {
  const payload = responsePayload((w) =>
    P.encodeApiVersionsResponse(
      w,
      P.createApiVersionsResponse({
        apiKeys: [
          { apiKey: 0, minVersion: 3, maxVersion: 11 },
          { apiKey: 18, minVersion: 0, maxVersion: 4 },
        ],
        throttleTimeMs: 5,
      }),
      2,
    ),
  );
  const decoded = await kafkajs('requests/apiVersions/v2/response').decode(payload);
  assert.is(decoded.errorCode, 0);
  assert.equal(decoded.apiVersions, [
    { apiKey: 0, minVersion: 3, maxVersion: 11 },
    { apiKey: 18, minVersion: 0, maxVersion: 4 },
  ]);
  assert.is(decoded.clientSideThrottleTime, 5);
});

test('our Metadata v6 response decodes in KafkaJS', async () => {
  const payload = responsePayload((w) =>
    P.encodeMetadataResponse(
      w,
      P.createMetadataResponse({
        brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
        clusterId: 'runnel-cluster',
        controllerId: 1,
        topics: [
          P.createMetadataResponseMetadataResponseTopic({
            name: 'orders',
            partitions: [
              P.createMetadataResponseMetadataResponsePartition({
                partitionIndex: 0,
                leaderId: 1,
                replicaNodes: [1],
                isrNodes: [1],
              }),
            ],
          }),
        ],
      }),
      6,
    ),
  );
  const decoded = await kafkajs('requests/metadata/v6/response').decode(payload);
  assert.equal(decoded.brokers, [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }]);
  assert.is(decoded.clusterId, 'runnel-cluster');
  assert.is(decoded.topicMetadata[0].topic, 'orders');
  assert.equal(decoded.topicMetadata[0].partitionMetadata[0].isr, [1]);
});

test('our Fetch v11 response carries the KafkaJS batch back to KafkaJS, zero-copy', async () => {
  assert.ok(producedBatch !== null, 'produce test ran first');
  const w = new P.Writer({ zeroCopyMinBytes: 32 });
  P.encodeFetchResponse(
    w,
    P.createFetchResponse({
      responses: [
        P.createFetchResponseFetchableTopicResponse({
          topic: 'orders',
          partitions: [
            P.createFetchResponsePartitionData({
              partitionIndex: 3,
              highWatermark: 2,
              lastStableOffset: 2,
              logStartOffset: 0,
              abortedTransactions: null,
              records: [producedBatch],
            }),
          ],
        }),
      ],
    }),
    11,
  );
  const parts = w.finishParts();
  assert.ok(parts.includes(producedBatch), 'the batch was referenced, not copied');
  const decoded = await kafkajs('requests/fetch/v11/response').decode(Buffer.concat(parts));
  const partition = decoded.responses[0].partitions[0];
  assert.is(partition.highWatermark, '2');
  assert.equal(
    partition.messages.map((m: { value: Buffer }) => m.value.toString()),
    ['first', 'second'],
  );
});

test.run();
