// End-to-end broker throughput over loopback: a real broker process (node dist/node.js), one client socket
// pipelining Produce requests (acks=1, one partition per request, a few requests in flight per partition),
// then Fetch reading everything back. Reports records/s, MB/s and produce latency percentiles. The client
// re-encodes nothing per request: each request frame is built once and resent with a new correlation id.
//
//   npm run build:emit && node --import tsx bench/broker.ts              (threads as the CLI default)
//   npm run build:emit && node --import tsx bench/broker.ts --threads 0  (every log on the main thread)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';

const PARTITIONS = 4;
const IN_FLIGHT = 16;
const RECORDS_PER_BATCH = 100;
const VALUE_BYTES = 100;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const threadsArg = process.argv.indexOf('--threads');
const threads = threadsArg > 0 ? process.argv[threadsArg + 1]! : null;

async function startBroker(dataDir: string): Promise<{ proc: ChildProcess; port: number }> {
  const args = [
    'dist/node.js',
    '--listen',
    '127.0.0.1:0',
    '--data-dir',
    dataDir,
    '--num-partitions',
    String(PARTITIONS),
  ];
  if (threads !== null) args.push('--threads', threads);
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on .*:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { proc, port };
}

/** Pipelined request/response over one socket; responses come back in order. */
class Pipe {
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly waiting: ((frame: Buffer) => void)[] = [];
  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      for (;;) {
        // Concatenate only once a whole frame is there (big fetch responses arrive in many chunks).
        if (this.length < 4) return;
        let head = this.chunks[0]!;
        if (head.length < 4) head = this.flatten();
        const size = head.readInt32BE(0);
        if (this.length < 4 + size) return;
        if (head.length < 4 + size) head = this.flatten();
        const frame = head.subarray(0, 4 + size);
        const rest = head.subarray(4 + size);
        this.chunks[0] = rest;
        this.length -= 4 + size;
        if (rest.length === 0) this.chunks.shift();
        this.waiting.shift()!(frame);
      }
    });
  }
  private flatten(): Buffer {
    const all = Buffer.concat(this.chunks, this.length);
    this.chunks = [all];
    return all;
  }
  send(frame: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(frame);
    });
  }
}

function encode<Req>(codec: P.ApiCodec<Req, unknown>, version: number, body: Req): Buffer {
  const w = new P.Writer();
  P.encodeRequestFrame(
    w,
    { requestApiKey: codec.apiKey, requestApiVersion: version, correlationId: 0, clientId: 'bench' },
    codec,
    body,
  );
  return Buffer.from(w.finish());
}

function decode<Res>(codec: P.ApiCodec<unknown, Res>, version: number, frame: Buffer): Res {
  const r = new P.Reader(frame, 8);
  if (P.responseHeaderVersion(codec.apiKey, version) >= 1) r.skipTaggedFields();
  return codec.decodeResponse(r, version);
}

const dataDir = mkdtempSync(join(tmpdir(), 'runnel-bench-'));
const { proc, port } = await startBroker(dataDir);
const socket = createConnection({ port, host: '127.0.0.1' });
await new Promise((r) => socket.once('connect', r));
const pipe = new Pipe(socket);

const value = Buffer.alloc(VALUE_BYTES, 'v');
const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ key: `key-${i}`, value }));
const frames = Array.from({ length: PARTITIONS }, (_, partition) =>
  encode(P.ProduceApi, 9, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 5000,
    topicData: [
      { name: 'bench', partitionData: [{ index: partition, records: encodeRecordBatch(records) }] },
    ],
  }),
);
await pipe.send(
  encode(
    P.MetadataApi,
    12,
    P.createMetadataRequest({ topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'bench' })] }),
  ),
);

const latency = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 10_000_000,
  numberOfSignificantValueDigits: 3,
});
let next = 0;
let failures = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < REQUESTS) {
      const frame = frames[next++ % PARTITIONS]!;
      const t = performance.now();
      const res = await pipe.send(frame);
      latency.recordValue(Math.round((performance.now() - t) * 1000));
      if (decode(P.ProduceApi, 9, res).responses[0]?.partitionResponses[0]?.errorCode !== 0) failures++;
    }
  }),
);
const produceMs = performance.now() - started;
const totalRecords = REQUESTS * RECORDS_PER_BATCH;
const batchBytes = frames[0]!.length;
console.log(
  `produce: ${REQUESTS} requests x ${RECORDS_PER_BATCH} records (${VALUE_BYTES} B values), ${IN_FLIGHT} in flight, ` +
    `threads=${threads ?? 'default'}: ${Math.round(totalRecords / (produceMs / 1000)).toLocaleString()} records/s, ` +
    `${((REQUESTS * batchBytes) / 1e6 / (produceMs / 1000)).toFixed(1)} MB/s; latency p50 ${(latency.getValueAtPercentile(50) / 1000).toFixed(2)} ms, ` +
    `p99 ${(latency.getValueAtPercentile(99) / 1000).toFixed(2)} ms`,
);

// Fetch everything back, partition by partition, 4 MiB per request.
const fetchStarted = performance.now();
let fetched = 0;
for (let partition = 0; partition < PARTITIONS; partition++) {
  let offset = 0;
  for (;;) {
    const res = decode(
      P.FetchApi,
      12,
      await pipe.send(
        encode(
          P.FetchApi,
          12,
          P.createFetchRequest({
            maxBytes: 4 << 20,
            sessionEpoch: -1,
            topics: [
              P.createFetchRequestFetchTopic({
                topic: 'bench',
                partitions: [
                  P.createFetchRequestFetchPartition({
                    partition,
                    fetchOffset: offset,
                    partitionMaxBytes: 4 << 20,
                  }),
                ],
              }),
            ],
          }),
        ),
      ),
    );
    const p = res.responses[0]!.partitions[0]!;
    const bytes = p.records as Buffer;
    if (p.errorCode !== 0 || bytes.length === 0) break;
    fetched += bytes.length;
    // Walk batch headers to the next offset.
    let pos = 0;
    while (pos + 12 <= bytes.length) {
      const size = bytes.readInt32BE(pos + 8) + 12;
      if (pos + size > bytes.length) break;
      offset = Number(bytes.readBigInt64BE(pos)) + bytes.readInt32BE(pos + 23) + 1;
      pos += size;
    }
    if (offset >= p.highWatermark) break;
  }
}
const fetchMs = performance.now() - fetchStarted;
console.log(
  `fetch: ${(fetched / 1e6).toFixed(1)} MB in ${fetchMs.toFixed(0)} ms, ${(fetched / 1e6 / (fetchMs / 1000)).toFixed(1)} MB/s` +
    (failures ? `; ${failures} produce errors` : ''),
);

socket.destroy();
proc.kill('SIGTERM');
await new Promise((r) => proc.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
