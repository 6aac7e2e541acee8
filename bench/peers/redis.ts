// Redis Streams as a peer: redis-server in a temp dir with the append-only file on and fsync every
// second (its durable-enough default for a log), one stream standing in for one partition.
//   produce: ioredis pipelines of `--chunk` XADDs, at most `--max-outstanding` pipelines in flight
//            (latency: pipeline sent to its last reply, counted once per record in it)
//   consume: XREAD COUNT `--chunk` from the start until every record is read
//   e2e:     XADD at a fixed rate, a second connection on XREAD BLOCK, send-to-receipt latency
// Prints one `@result [PeerResult...]` line.
//
//   node --import tsx bench/peers/redis.ts --records 500000 --record-size 100
//   node --import tsx bench/peers/redis.ts --case e2e --rate 10000 --seconds 5
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { histogram, Outstanding } from '../perf-common.js';
import { printResult } from '../run.js';
import {
  MAX_SECONDS,
  type PeerResult,
  payload,
  peerResult,
  serverVersion,
  sleep,
  startServer,
  summarize,
} from './common.js';

const { values: f } = parseArgs({
  options: {
    case: { type: 'string', default: 'throughput' },
    records: { type: 'string', default: '500000' },
    'record-size': { type: 'string', default: '100' },
    chunk: { type: 'string', default: '1000' },
    'max-outstanding': { type: 'string', default: '16' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    'warmup-seconds': { type: 'string', default: '1' },
  },
});
const recordSize = Number(f['record-size']);
const chunk = Number(f.chunk);
const records = Math.ceil(Number(f.records) / chunk) * chunk;
const STREAM = 'bench';

const version = serverVersion('redis-server');
if (version === null) throw new Error('redis-server not found (scripts/install-peers.sh installs it)');
const server = await startServer(
  'redis-server',
  (dir, port) => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--daemonize',
    'no',
  ],
  /Ready to accept connections/,
);
const connect = () =>
  new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: false, maxRetriesPerRequest: 1 });

async function produce(): Promise<PeerResult> {
  const redis = connect();
  const value = payload(recordSize);
  const hist = histogram();
  const outstanding = new Outstanding(Number(f['max-outstanding']));
  let failure: Error | null = null;
  const t0 = performance.now();
  for (let sent = 0; sent < records && failure === null; sent += chunk) {
    const pipe = redis.pipeline();
    for (let i = 0; i < chunk; i++) pipe.xadd(STREAM, '*', 'v', value);
    const start = performance.now();
    const p = pipe.exec().then((replies) => {
      for (const [err] of replies ?? []) if (err) throw err;
      hist.recordValueWithCount(Math.max(1, Math.round((performance.now() - start) * 1000)), chunk);
    });
    p.catch((err: Error) => {
      failure ??= err;
    });
    await outstanding.add(p);
  }
  await outstanding.drain();
  if (failure !== null) throw failure;
  const seconds = (performance.now() - t0) / 1000;
  redis.disconnect();
  return result('produce', records, seconds, summarize(hist));
}

async function consume(): Promise<PeerResult> {
  const redis = connect();
  let last = '0-0';
  let got = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (got < records) {
    const reply = (await redis.xreadBuffer('COUNT', chunk, 'STREAMS', STREAM, last)) as
      | [Buffer, [Buffer, Buffer[]][]][]
      | null;
    const entries = reply?.[0]?.[1];
    if (!entries || entries.length === 0) throw new Error(`stream ended at ${got} of ${records}`);
    for (const [, fields] of entries) bytes += fields[1]!.length;
    got += entries.length;
    last = entries[entries.length - 1]![0].toString();
  }
  const seconds = (performance.now() - t0) / 1000;
  redis.disconnect();
  if (bytes !== got * recordSize) throw new Error(`read ${bytes} value bytes, expected ${got * recordSize}`);
  return result('consume', got, seconds);
}

async function e2e(): Promise<PeerResult> {
  const rate = Number(f.rate);
  const seconds = Math.min(Number(f.seconds), MAX_SECONDS);
  const warmup = Number(f['warmup-seconds']);
  const producer = connect();
  const consumer = connect();
  const hist = histogram();
  let measuring = false;
  let stop = false;
  let received = 0;
  let last = '$';
  const size = Math.max(8, recordSize);
  const consuming = (async () => {
    while (!stop) {
      const reply = (await consumer.xreadBuffer('COUNT', 10_000, 'BLOCK', 200, 'STREAMS', STREAM, last)) as
        | [Buffer, [Buffer, Buffer[]][]][]
        | null;
      const entries = reply?.[0]?.[1];
      if (!entries || entries.length === 0) continue;
      const now = performance.now();
      for (const [, fields] of entries) {
        received++;
        if (measuring) hist.recordValue(Math.max(1, Math.round((now - fields[1]!.readDoubleLE(0)) * 1000)));
      }
      last = entries[entries.length - 1]![0].toString();
    }
  })();
  await sleep(100); // the first XREAD with `$` must be waiting before anything is added
  const total = Math.round(rate * (warmup + seconds));
  const start = performance.now();
  let sent = 0;
  while (sent < total && performance.now() - start < (warmup + seconds + 10) * 1000) {
    const elapsed = performance.now() - start;
    if (!measuring && elapsed >= warmup * 1000) {
      measuring = true;
      hist.reset();
    }
    const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
    if (due > sent) {
      const pipe = producer.pipeline();
      const now = performance.now();
      for (; sent < due; sent++) {
        const value = Buffer.allocUnsafe(size);
        value.fill(120, 8);
        value.writeDoubleLE(now, 0);
        pipe.xadd(STREAM, '*', 'v', value);
      }
      pipe.exec().catch(() => {});
    }
    await sleep(1);
  }
  const deadline = Date.now() + 5000;
  while (received < sent && Date.now() < deadline) await sleep(10);
  stop = true;
  await consuming;
  producer.disconnect();
  consumer.disconnect();
  return { ...result('e2e', hist.totalCount, seconds, summarize(hist)), rate };
}

const result = (op: PeerResult['op'], n: number, seconds: number, latency?: PeerResult['latency']) =>
  peerResult({ system: 'redis', server: version!, recordSize }, op, n, seconds, latency);

try {
  if (f.case === 'e2e') printResult([await e2e()]);
  else printResult([await produce(), await consume()]);
} finally {
  await server.stop();
}
