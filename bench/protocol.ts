// Protocol codec throughput: a Produce v9 request carrying 1 MiB of records and a Fetch v16
// response with 8 partitions. "copy" writers copy the batches into one buffer; "zero-copy" writers
// reference them (parts for writev), which is what the broker uses for fetch responses.
// Run: npm run build:emit && node --import tsx bench/protocol.ts
import { Buffer } from 'node:buffer';
import b from 'benny';
import {
  createFetchResponse,
  createProduceRequest,
  decodeFetchResponse,
  decodeProduceRequest,
  decodeRequestHeader,
  encodeFetchResponse,
  encodeRequestFrame,
  encodeResponseFrame,
  FetchApi,
  ProduceApi,
  Reader,
  randomUuid,
  Writer,
} from '../dist/protocol/index.js';

const MiB = 1024 * 1024;
const records = Buffer.alloc(MiB, 0x61);

const produce = createProduceRequest({
  transactionalId: null,
  acks: -1,
  timeoutMs: 30000,
  topicData: [{ name: 'bench-topic', partitionData: [{ index: 0, records }] }],
});
const header = { requestApiKey: 0, requestApiVersion: 9, correlationId: 1, clientId: 'bench' };

const fetch = createFetchResponse({
  sessionId: 0,
  responses: [
    {
      topic: '',
      topicId: randomUuid(),
      partitions: Array.from({ length: 8 }, (_, i) => ({
        partitionIndex: i,
        errorCode: 0,
        highWatermark: 1_000_000 + i,
        lastStableOffset: 1_000_000 + i,
        logStartOffset: 0,
        divergingEpoch: { epoch: -1, endOffset: -1 },
        currentLeader: { leaderId: -1, leaderEpoch: -1 },
        snapshotId: { endOffset: -1, epoch: -1 },
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: Buffer.alloc(64 * 1024, i),
      })),
    },
  ],
});

const produceFrame = (() => {
  const w = new Writer();
  encodeRequestFrame(w, header, ProduceApi, produce);
  return Buffer.from(w.finish());
})();
const fetchBody = (() => {
  const w = new Writer();
  encodeFetchResponse(w, fetch, 16);
  return Buffer.from(w.finish());
})();

let sink = 0;

await b.suite(
  'Produce v9 request, 1 MiB records',
  b.add('encode (copy)', () => {
    const w = new Writer({ initialSize: 2 * MiB });
    encodeRequestFrame(w, header, ProduceApi, produce);
    sink += w.finish().length;
  }),
  b.add('encode (zero-copy parts)', () => {
    const w = new Writer({ zeroCopyMinBytes: 4096 });
    encodeRequestFrame(w, header, ProduceApi, produce);
    sink += w.finishParts().length;
  }),
  b.add('decode (records as a view)', () => {
    const r = new Reader(produceFrame, 4);
    decodeRequestHeader(r);
    const m = decodeProduceRequest(r, 9);
    if (!r.ok) throw new Error(r.error ?? '');
    sink += m.topicData.length;
  }),
  b.cycle(),
  b.complete(),
);

await b.suite(
  'Fetch v16 response, 8 partitions x 64 KiB',
  b.add('encode (copy)', () => {
    const w = new Writer({ initialSize: 640 * 1024 });
    encodeResponseFrame(w, 1, 16, FetchApi, fetch);
    sink += w.finish().length;
  }),
  b.add('encode (zero-copy parts)', () => {
    const w = new Writer({ zeroCopyMinBytes: 4096 });
    encodeResponseFrame(w, 1, 16, FetchApi, fetch);
    sink += w.finishParts().length;
  }),
  b.add('decode', () => {
    const r = new Reader(fetchBody);
    const m = decodeFetchResponse(r, 16);
    if (!r.ok) throw new Error(r.error ?? '');
    sink += m.responses.length;
  }),
  b.cycle(),
  b.complete(),
);

if (sink === 0) console.log('unreachable');
