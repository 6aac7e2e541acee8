// NATS JetStream as a peer: nats-server -js with file storage in a temp dir, one stream on one
// subject standing in for one partition.
//   produce: JetStream publish (each awaits its PubAck), at most `--max-outstanding` unacknowledged;
//            latency is publish to PubAck per record
//   consume: a durable pull consumer (AckNone, as a Kafka consumer acknowledges nothing per record)
//            fetching `--chunk` messages per pull from the start
//   e2e:     publish at a fixed rate, a pull consumer on `consume()` (pulls kept outstanding)
// Prints one `@result [PeerResult...]` line.
//
//   node --import tsx bench/peers/nats.ts --records 500000 --record-size 100
//   node --import tsx bench/peers/nats.ts --case e2e --rate 10000 --seconds 5
import { parseArgs } from 'node:util';
import { AckPolicy, connect, DeliverPolicy, type PubAck, StorageType } from 'nats';
import { histogram } from '../perf-common.js';
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
    'max-outstanding': { type: 'string', default: '4096' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    'warmup-seconds': { type: 'string', default: '1' },
  },
});
const recordSize = Number(f['record-size']);
const chunk = Number(f.chunk);
const records = Number(f.records);
const maxOutstanding = Number(f['max-outstanding']);
const STREAM = 'BENCH';
const SUBJECT = 'bench';

const version = serverVersion('nats-server');
if (version === null) throw new Error('nats-server not found (scripts/install-peers.sh installs it)');
const server = await startServer(
  'nats-server',
  (dir, port) => ['-js', '-sd', dir, '-p', String(port), '-a', '127.0.0.1'],
  /Server is ready/,
);
const nc = await connect({ servers: `127.0.0.1:${server.port}` });
const jsm = await nc.jetstreamManager();
await jsm.streams.add({ name: STREAM, subjects: [SUBJECT], storage: StorageType.File });
const js = nc.jetstream();

async function produce(): Promise<PeerResult> {
  const value = payload(recordSize);
  const hist = histogram();
  // Acks come back in order, so a FIFO of pending publishes bounds what is outstanding.
  const pending: Promise<PubAck>[] = [];
  const t0 = performance.now();
  for (let sent = 0; sent < records; sent++) {
    const start = performance.now();
    const p = js.publish(SUBJECT, value);
    p.then(
      () => hist.recordValue(Math.max(1, Math.round((performance.now() - start) * 1000))),
      () => {},
    );
    pending.push(p);
    if (pending.length >= maxOutstanding) await pending.splice(0, maxOutstanding / 2).at(-1);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return result('produce', records, seconds, summarize(hist));
}

async function consume(): Promise<PeerResult> {
  await jsm.consumers.add(STREAM, { durable_name: 'bench', ack_policy: AckPolicy.None });
  const consumer = await js.consumers.get(STREAM, 'bench');
  let got = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (got < records) {
    const before = got;
    const messages = await consumer.fetch({ max_messages: chunk, expires: 2000 });
    for await (const m of messages) {
      bytes += m.data.length;
      got++;
    }
    if (got === before) throw new Error(`stream ended at ${got} of ${records}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (bytes !== got * recordSize) throw new Error(`read ${bytes} value bytes, expected ${got * recordSize}`);
  return result('consume', got, seconds);
}

async function e2e(): Promise<PeerResult> {
  const rate = Number(f.rate);
  const seconds = Math.min(Number(f.seconds), MAX_SECONDS);
  const warmup = Number(f['warmup-seconds']);
  await jsm.consumers.add(STREAM, {
    durable_name: 'e2e',
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.New,
  });
  const consumer = await js.consumers.get(STREAM, 'e2e');
  const hist = histogram();
  let measuring = false;
  let received = 0;
  const messages = await consumer.consume({ max_messages: 1000 });
  const consuming = (async () => {
    for await (const m of messages) {
      received++;
      if (measuring) {
        const sentAt = Buffer.from(m.data.buffer, m.data.byteOffset, 8).readDoubleLE(0);
        hist.recordValue(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
      }
    }
  })();
  const size = Math.max(8, recordSize);
  const total = Math.round(rate * (warmup + seconds));
  const start = performance.now();
  let sent = 0;
  let errors = 0;
  while (sent < total && performance.now() - start < (warmup + seconds + 10) * 1000) {
    const elapsed = performance.now() - start;
    if (!measuring && elapsed >= warmup * 1000) {
      measuring = true;
      hist.reset();
    }
    const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
    const now = performance.now();
    for (; sent < due; sent++) {
      const value = Buffer.allocUnsafe(size);
      value.fill(120, 8);
      value.writeDoubleLE(now, 0);
      js.publish(SUBJECT, value).catch(() => errors++);
    }
    await sleep(1);
  }
  const deadline = Date.now() + 5000;
  while (received < sent && Date.now() < deadline) await sleep(10);
  messages.stop();
  await consuming;
  if (errors > 0) process.stderr.write(`nats e2e: ${errors} publish errors\n`);
  return { ...result('e2e', hist.totalCount, seconds, summarize(hist)), rate };
}

const result = (op: PeerResult['op'], n: number, seconds: number, latency?: PeerResult['latency']) =>
  peerResult({ system: 'nats', server: version!, recordSize }, op, n, seconds, latency);

try {
  if (f.case === 'e2e') printResult([await e2e()]);
  else printResult([await produce(), await consume()]);
} finally {
  await nc.close();
  await server.stop();
}
