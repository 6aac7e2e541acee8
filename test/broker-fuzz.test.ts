// Fuzz against a live broker process: random frames and mutations of valid requests (seeded, a few seconds)
// on many connections. The broker must keep serving a well-behaved client throughout, log no uncaught
// exception, and leave the data of a topic the fuzz never writes to byte for byte unchanged.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const DURATION_MS = Number(process.env.FUZZ_MS ?? 3000);
const CONNECTIONS = 8;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (n: number) => Math.floor(rand() * n);

function frame<Req>(codec: P.ApiCodec<Req, unknown>, version: number, body: Req): Buffer {
  const w = new P.Writer();
  P.encodeRequestFrame(
    w,
    { requestApiKey: codec.apiKey, requestApiVersion: version, correlationId: int(1e9), clientId: 'fuzz' },
    codec,
    body,
  );
  return Buffer.from(w.finish());
}

/** Valid requests to mutate. None writes to 'fuzz-check'; none creates or deletes topics. */
function corpus(): Buffer[] {
  const out: Buffer[] = [];
  const tp = (topic: string) => [
    P.createFetchRequestFetchTopic({
      topic,
      partitions: [P.createFetchRequestFetchPartition({ partition: 0, partitionMaxBytes: 1 << 16 })],
    }),
  ];
  for (const v of [0, 4, 9, 12]) {
    out.push(
      frame(
        P.MetadataApi,
        v,
        P.createMetadataRequest({
          topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'fuzz-check' })],
        }),
      ),
    );
  }
  for (const v of [4, 11, 12, 13, 17])
    out.push(
      frame(
        P.FetchApi,
        v,
        P.createFetchRequest({
          maxWaitMs: 50,
          minBytes: 1,
          maxBytes: 1 << 16,
          sessionEpoch: -1,
          topics: tp('fuzz-check'),
        }),
      ),
    );
  for (const v of [0, 1, 7, 10]) {
    out.push(
      frame(P.ListOffsetsApi, v, {
        replicaId: -1,
        isolationLevel: 0,
        timeoutMs: 0,
        topics: [
          {
            name: 'fuzz-check',
            partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2, maxNumOffsets: 1 }],
          },
        ],
      }),
    );
  }
  for (const v of [0, 3, 4])
    out.push(frame(P.ApiVersionsApi, v, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1' }));
  for (const v of [3, 8, 9, 11]) {
    out.push(
      frame(P.ProduceApi, v, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 100,
        topicData: [
          {
            name: 'fuzz-sink-topic',
            partitionData: [{ index: 0, records: encodeRecordBatch([{ key: 'k', value: 'fuzz' }]) }],
          },
        ],
      }),
    );
  }
  return out;
}

function mutate(base: Buffer): Buffer {
  const b = Buffer.from(base);
  switch (int(4)) {
    case 0: // flip bytes after the size prefix
      for (let i = 0, n = 1 + int(8); i < n; i++) b[4 + int(b.length - 4)] = int(256);
      return b;
    case 1: {
      // truncate, keeping the size prefix honest
      const cut = b.subarray(0, 8 + int(b.length - 8));
      cut.writeInt32BE(cut.length - 4, 0);
      return cut;
    }
    case 2: {
      // a lying size prefix: the rest arrives as the next frame's start
      b.writeInt32BE(int(b.length * 2), 0);
      return b;
    }
    default: {
      // random bytes appended
      const tail = Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)));
      const out = Buffer.concat([b, tail]);
      out.writeInt32BE(out.length - 4, 0);
      return out;
    }
  }
}

function randomFrame(): Buffer {
  const body = Buffer.from(Array.from({ length: int(200) }, () => int(256)));
  const b = Buffer.alloc(8 + body.length);
  b.writeInt32BE(b.length - 4, 0);
  b.writeInt16BE(int(4) === 0 ? int(100) - 10 : [0, 1, 2, 3, 18, 19, 37][int(7)]!, 4);
  b.writeInt16BE(int(20) - 2, 6);
  body.copy(b, 8);
  return b;
}

let broker: BrokerProcess;

test.before(async () => {
  broker = await startBroker([
    '--auto-create-topics',
    'false',
    '--socket-request-max-bytes',
    '65536',
    '--threads',
    '1',
  ]);
});

test.after(async () => {
  await broker.dispose();
});

async function snapshot(c: TestClient): Promise<string> {
  const res = await c.request(
    P.FetchApi,
    12,
    P.createFetchRequest({
      maxBytes: 1 << 20,
      sessionEpoch: -1,
      topics: [
        P.createFetchRequestFetchTopic({
          topic: 'fuzz-check',
          partitions: [0, 1].map((partition) =>
            P.createFetchRequestFetchPartition({ partition, partitionMaxBytes: 1 << 20 }),
          ),
        }),
      ],
    }),
  );
  return JSON.stringify(
    res.responses[0]!.partitions.map((p) => [
      p.errorCode,
      p.highWatermark,
      p.logStartOffset,
      (p.records as Buffer).toString('base64'),
    ]),
  );
}

test(`random and mutated frames (seed ${SEED}): the broker keeps serving and stored data is unchanged`, async () => {
  const good = await TestClient.connect(broker.port);
  const create = await good.request(P.CreateTopicsApi, 5, {
    topics: ['fuzz-check', 'fuzz-sink-topic'].map((name) =>
      P.createCreateTopicsRequestCreatableTopic({ name, numPartitions: 2, replicationFactor: 1 }),
    ),
    timeoutMs: 1000,
    validateOnly: false,
  });
  assert.equal(
    create.topics.map((t) => t.errorCode),
    [0, 0],
  );
  for (let i = 0; i < 5; i++) {
    await good.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [
        {
          name: 'fuzz-check',
          partitionData: [0, 1].map((index) => ({
            index,
            records: encodeRecordBatch([{ key: `k${i}`, value: `v${i}-${index}` }]),
          })),
        },
      ],
    });
  }
  const before = await snapshot(good);
  const frames = corpus();
  const deadline = Date.now() + DURATION_MS;
  let sent = 0;
  let closedByBroker = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      let c = await TestClient.connect(broker.port);
      while (Date.now() < deadline) {
        if (c.closed) {
          closedByBroker++;
          c = await TestClient.connect(broker.port);
        }
        const bytes = int(3) === 0 ? randomFrame() : mutate(frames[int(frames.length)]!);
        await c.send(bytes).catch(() => {});
        sent++;
        if (sent % 16 === 0) await new Promise((r) => setTimeout(r, 1));
        // The well-behaved client is served in the middle of it all.
        if (sent % 200 === 0)
          await good.request(P.ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
      }
      c.close();
    }),
  );
  assert.ok(sent > 500, `sent ${sent} frames`);
  assert.ok(closedByBroker > 0, 'bad frames did close connections');
  assert.is(await snapshot(good), before);
  const fresh = await TestClient.connect(broker.port);
  assert.is(await snapshot(fresh), before);
  fresh.close();
  good.close();
  assert.is(broker.proc.exitCode, null, 'still running');
  assert.not.match(broker.stderr(), /uncaught|unhandled/);
});

test.run();
