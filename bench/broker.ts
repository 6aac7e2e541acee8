// End-to-end broker throughput over loopback: a real broker process (node dist/node.js) per case, one client
// socket pipelining Produce requests (acks=1, one partition per request, 16 requests in flight over 4
// partitions) for a fixed time, then Fetch reading everything back, partition by partition, 4 MiB per request.
// The client re-encodes nothing per request: each partition's request frame is built once and resent with a
// new correlation id, so the figures are the broker's cost, not the client's.
//
// Cases are batch shapes crossed with broker thread counts, all run in one invocation and printed as one table:
//   - `100 records`: 100 records of 100 B values per batch (about 11 KiB), the shape this bench always had;
//   - `1 KiB` / `1 MiB` (--batch-bytes): as many 100 B-value records as fit in a batch of at most that many
//     encoded bytes (one record if none fit);
//   - threads `0` (every log on the main thread) and `2` (two worker threads); `default` passes no flag.
// MB/s counts record batch bytes (what the log stores), not request framing. Fetch checks that it read back as
// many records as were acknowledged.
//
//   npm run build:emit && node --import tsx bench/broker.ts
//   node --import tsx bench/broker.ts --batch-bytes 1024,1048576 --batch-records 100 --threads 0,2 --seconds 8
//   node --import tsx bench/broker.ts --batch-bytes 1048576 --threads 2 --requests 500
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import hdr from 'hdr-histogram-js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';

const PARTITIONS = 4;
const IN_FLIGHT = 16;
const VALUE_BYTES = 100;
const FETCH_BYTES = 4 << 20;

const { values: opts } = parseArgs({
  options: {
    'batch-bytes': { type: 'string' },
    'batch-records': { type: 'string' },
    threads: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    requests: { type: 'string' },
  },
  strict: true,
  allowPositionals: false,
});

function list(v: string | undefined): string[] {
  return v === undefined
    ? []
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes positive integers, got ${v}`);
  return n;
}

type Shape = { kind: 'records'; records: number } | { kind: 'bytes'; bytes: number };

const explicitShapes = opts['batch-bytes'] !== undefined || opts['batch-records'] !== undefined;
const shapes: Shape[] = explicitShapes
  ? [
      ...list(opts['batch-records']).map(
        (v): Shape => ({ kind: 'records', records: positive('batch-records', v) }),
      ),
      ...list(opts['batch-bytes']).map((v): Shape => ({ kind: 'bytes', bytes: positive('batch-bytes', v) })),
    ]
  : [
      { kind: 'records', records: 100 },
      { kind: 'bytes', bytes: 1024 },
      { kind: 'bytes', bytes: 1 << 20 },
    ];
const threadCases = opts.threads === undefined ? ['0', '2'] : list(opts.threads);
for (const t of threadCases) {
  if (t !== 'default' && !/^\d+$/.test(t)) throw new Error(`--threads takes integers or "default", got ${t}`);
}
const seconds = Number(opts.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be positive, got ${opts.seconds}`);
// BENCH_REQUESTS is the old knob; either caps the number of Produce requests per case.
const requestCap = Number(opts.requests ?? process.env.BENCH_REQUESTS ?? Number.POSITIVE_INFINITY);

function shapeName(s: Shape): string {
  if (s.kind === 'records') return `${s.records} records`;
  if (s.bytes % (1 << 20) === 0) return `${s.bytes >> 20} MiB`;
  if (s.bytes % 1024 === 0) return `${s.bytes >> 10} KiB`;
  return `${s.bytes} B`;
}

function recordsOf(n: number) {
  const value = Buffer.alloc(VALUE_BYTES, 'v');
  return Array.from({ length: n }, (_, i) => ({ key: `key-${i}`, value }));
}

/** The batch for a shape: for a byte target, the most records whose encoded batch is within it (at least 1). */
function buildBatch(s: Shape): { batch: Buffer; records: number } {
  if (s.kind === 'records') return { batch: encodeRecordBatch(recordsOf(s.records)), records: s.records };
  const fits = (n: number) => encodeRecordBatch(recordsOf(n)).length <= s.bytes;
  if (!fits(1)) return { batch: encodeRecordBatch(recordsOf(1)), records: 1 };
  let lo = 1; // fits
  let hi = 2;
  while (fits(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return { batch: encodeRecordBatch(recordsOf(lo)), records: lo };
}

async function startBroker(dataDir: string, threads: string): Promise<{ proc: ChildProcess; port: number }> {
  const args = [
    'dist/node.js',
    '--listen',
    '127.0.0.1:0',
    '--data-dir',
    dataDir,
    '--num-partitions',
    String(PARTITIONS),
    '--log-level',
    'warn',
  ];
  if (threads !== 'default') args.push('--threads', threads);
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`broker exited with ${code} before listening`)));
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

interface Row {
  shape: string;
  threads: string;
  batchBytes: number;
  recordsPerBatch: number;
  requests: number;
  produceMBs: number;
  produceRecordsPerSec: number;
  p50ms: number;
  p99ms: number;
  fetchMBs: number;
  fetchRecordsPerSec: number;
  errors: number;
  missing: number;
}

async function runCase(shape: Shape, threads: string): Promise<Row> {
  const { batch, records: recordsPerBatch } = buildBatch(shape);
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-bench-'));
  const { proc, port } = await startBroker(dataDir, threads);
  const exited = new Promise((r) => proc.once('exit', r));
  const socket = createConnection({ port, host: '127.0.0.1' });
  try {
    await new Promise((r) => socket.once('connect', r));
    const pipe = new Pipe(socket);
    const frames = Array.from({ length: PARTITIONS }, (_, partition) =>
      encode(P.ProduceApi, 9, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 5000,
        topicData: [{ name: 'bench', partitionData: [{ index: partition, records: batch }] }],
      }),
    );
    // Metadata auto-creates the topic with PARTITIONS partitions.
    await pipe.send(
      encode(
        P.MetadataApi,
        12,
        P.createMetadataRequest({ topics: [P.createMetadataRequestMetadataRequestTopic({ name: 'bench' })] }),
      ),
    );

    const latency = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60_000_000,
      numberOfSignificantValueDigits: 3,
    });
    let next = 0;
    let errors = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < requestCap && performance.now() < deadline) {
          const frame = frames[next++ % PARTITIONS]!;
          const t = performance.now();
          const res = await pipe.send(frame);
          latency.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000)));
          if (decode(P.ProduceApi, 9, res).responses[0]?.partitionResponses[0]?.errorCode !== 0) errors++;
        }
      }),
    );
    const produceSec = (performance.now() - started) / 1000;
    const requests = next;
    const acked = requests - errors;

    const fetchStarted = performance.now();
    let fetchedBytes = 0;
    let fetchedRecords = 0;
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
                maxBytes: FETCH_BYTES,
                sessionEpoch: -1,
                topics: [
                  P.createFetchRequestFetchTopic({
                    topic: 'bench',
                    partitions: [
                      P.createFetchRequestFetchPartition({
                        partition,
                        fetchOffset: offset,
                        partitionMaxBytes: FETCH_BYTES,
                      }),
                    ],
                  }),
                ],
              }),
            ),
          ),
        );
        const p = res.responses[0]!.partitions[0]!;
        const bytes = p.records as Buffer | null;
        if (p.errorCode !== 0 || !bytes || bytes.length === 0) break;
        // Walk the batch headers: count whole batches, move to the offset after the last one.
        let pos = 0;
        while (pos + 61 <= bytes.length) {
          const size = bytes.readInt32BE(pos + 8) + 12;
          if (pos + size > bytes.length) break;
          offset = Number(bytes.readBigInt64BE(pos)) + bytes.readInt32BE(pos + 23) + 1;
          fetchedRecords += bytes.readInt32BE(pos + 57);
          fetchedBytes += size;
          pos += size;
        }
        if (offset >= Number(p.highWatermark)) break;
      }
    }
    const fetchSec = (performance.now() - fetchStarted) / 1000;
    return {
      shape: shapeName(shape),
      threads,
      batchBytes: batch.length,
      recordsPerBatch,
      requests,
      produceMBs: (acked * batch.length) / 1e6 / produceSec,
      produceRecordsPerSec: (acked * recordsPerBatch) / produceSec,
      p50ms: latency.getValueAtPercentile(50) / 1000,
      p99ms: latency.getValueAtPercentile(99) / 1000,
      fetchMBs: fetchedBytes / 1e6 / fetchSec,
      fetchRecordsPerSec: fetchedRecords / fetchSec,
      errors,
      missing: acked * recordsPerBatch - fetchedRecords,
    };
  } finally {
    socket.destroy();
    proc.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function rate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} K`;
  return n.toFixed(0);
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadBefore = load();
const benchStarted = performance.now();
const rows: Row[] = [];
for (const shape of shapes) {
  for (const threads of threadCases) {
    const row = await runCase(shape, threads);
    rows.push(row);
    console.error(
      `[bench] ${row.shape}, threads=${row.threads}: ${row.requests} requests, produce ${row.produceMBs.toFixed(1)} MB/s, ` +
        `fetch ${row.fetchMBs.toFixed(1)} MB/s`,
    );
  }
}

console.log(
  `Broker produce (acks=1, ${IN_FLIGHT} in flight over ${PARTITIONS} partitions, ${seconds} s per case) and fetch ` +
    `(${FETCH_BYTES >> 20} MiB per request) over loopback, ${VALUE_BYTES} B values. Node ${process.version}; ` +
    `load average ${loadBefore} before, ${load()} after; ${((performance.now() - benchStarted) / 1000).toFixed(0)} s in all.`,
);
console.log('');
console.log(
  '| batch | threads | batch bytes | records/batch | produce MB/s | produce records/s | produce p50 / p99 ms | fetch MB/s | fetch records/s |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const notes = [
    r.errors ? `${r.errors} produce errors` : '',
    r.missing ? `${r.missing} records not fetched` : '',
  ]
    .filter(Boolean)
    .join(', ');
  console.log(
    `| ${r.shape} | ${r.threads} | ${r.batchBytes.toLocaleString('en-US')} | ${r.recordsPerBatch} | ` +
      `${r.produceMBs.toFixed(1)} | ${rate(r.produceRecordsPerSec)} | ${r.p50ms.toFixed(2)} / ${r.p99ms.toFixed(2)} | ` +
      `${r.fetchMBs.toFixed(1)} | ${rate(r.fetchRecordsPerSec)} |${notes ? ` ${notes}` : ''}`,
  );
}
if (rows.some((r) => r.errors || r.missing)) process.exitCode = 1;
