// queued.max.request.bytes with real sockets: a connection whose next frame does not fit the broker-wide
// budget stops being read (its frame waits in the kernel, not in the broker's memory) and is read and
// answered once earlier requests are; with many connections each sending most of a large frame, the
// broker's peak RSS stays near the cap instead of connections x frame size.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Broker, ConfigError, parseArgs } from '../dist/index.js';
import { encodeRequestFrame, responseHeaderVersion } from '../dist/protocol/header.js';
import * as P from '../dist/protocol/index.js';
import { Reader } from '../dist/protocol/reader.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { Writer } from '../dist/protocol/writer.js';
import { startBroker } from './helpers/broker.js';
import { createTopicRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A whole Produce v9 request frame (size prefix included) with one record of `valueBytes`. */
function produceFrame(correlationId: number, topic: string, valueBytes: number): Buffer {
  const w = new Writer();
  encodeRequestFrame(
    w,
    { requestApiKey: P.ProduceApi.apiKey, requestApiVersion: 9, correlationId, clientId: 'memory-test' },
    P.ProduceApi,
    {
      transactionalId: null,
      acks: -1,
      timeoutMs: 10_000,
      topicData: [
        {
          name: topic,
          partitionData: [{ index: 0, records: encodeRecordBatch([{ value: Buffer.alloc(valueBytes, 7) }]) }],
        },
      ],
    },
  );
  return Buffer.from(w.finish());
}

/** Error code and base offset of a single-partition Produce v9 response frame. */
function produceResult(frame: Buffer): { errorCode: number; baseOffset: number } {
  const r = new Reader(frame, 4);
  r.int32();
  if (responseHeaderVersion(P.ProduceApi.apiKey, 9) >= 1) r.skipTaggedFields();
  const res = P.ProduceApi.decodeResponse(r, 9);
  const p = res.responses[0]!.partitionResponses[0]!;
  return { errorCode: p.errorCode, baseOffset: Number(p.baseOffset) };
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

test('a frame that does not fit waits unread, then is read and answered once memory is released', async () => {
  const limit = 1 << 20;
  const broker = await Broker.start({
    config: { socketRequestMaxBytes: limit, queuedMaxRequestBytes: limit, messageMaxBytes: limit },
  });
  const [host, port] = broker.bootstrap.split(':') as [string, string];
  const a = await TestClient.connect(Number(port), host);
  const b = await TestClient.connect(Number(port), host);
  try {
    const created = await a.request(P.CreateTopicsApi, 4, createTopicRequest('mem'));
    assert.is(created.topics[0]!.errorCode, E.NONE);
    const frameA = produceFrame(100, 'mem', 700 * 1024);
    const frameB = produceFrame(200, 'mem', 700 * 1024);
    const sizeA = frameA.length - 4;
    const sizeB = frameB.length - 4;
    assert.ok(sizeA + sizeB > limit, 'two frames exceed the cap');

    // A sends half its frame: the whole frame is reserved up front.
    const answerA = a.send(frameA.subarray(0, frameA.length >> 1), 100);
    await until('A reserved', () => broker.requestMemory.used === sizeA);
    // B's whole frame does not fit: B waits, its frame unread.
    const answerB = b.send(frameB, 200);
    await until('B waiting', () => broker.requestMemory.waiting === 1);
    let bAnswered = false;
    answerB.then(() => (bAnswered = true));
    await sleep(100);
    assert.is(bAnswered, false, 'B cannot be answered before its frame is read');
    assert.is(broker.requestMemory.used, sizeA);

    // A completes: A is answered, its memory goes to B, B is read and answered.
    a.socket.write(frameA.subarray(frameA.length >> 1));
    const ra = produceResult(await answerA);
    const rb = produceResult(await answerB);
    assert.equal([ra.errorCode, rb.errorCode], [E.NONE, E.NONE]);
    assert.equal([ra.baseOffset, rb.baseOffset], [0, 1]);
    await until(
      'memory released',
      () => broker.requestMemory.used === 0 && broker.requestMemory.waiting === 0,
    );

    // A connection that closes while waiting gives its place up; a partial frame's reservation is freed.
    const c = await TestClient.connect(Number(port), host);
    c.send(frameA.subarray(0, 1000));
    await until('C reserved', () => broker.requestMemory.used === sizeA);
    b.send(frameB.subarray(0, 10));
    await until('B waiting again', () => broker.requestMemory.waiting === 1);
    c.close();
    await until('B granted after C closed', () => broker.requestMemory.waiting === 0);
    assert.is(broker.requestMemory.used, sizeB);
  } finally {
    a.close();
    b.close();
    await broker.stop();
  }
});

test('queued.max.request.bytes below socket.request.max.bytes is refused; unset, it follows it up', () => {
  assert.throws(
    () => parseArgs(['--socket-request-max-bytes', '2048', '--queued-max-request-bytes', '1024']),
    (e: unknown) => e instanceof ConfigError && /queued\.max\.request\.bytes 1024 is below/.test(e.message),
  );
  const ok = parseArgs(['--socket-request-max-bytes', '2048', '--queued-max-request-bytes', '2048']);
  assert.ok(ok.kind === 'run' && ok.config.queuedMaxRequestBytes === 2048);
  // Left at its default, the budget follows a larger socket.request.max.bytes.
  const big = parseArgs(['--socket-request-max-bytes', String(512 * 1024 * 1024)]);
  assert.ok(big.kind === 'run' && big.config.queuedMaxRequestBytes === 512 * 1024 * 1024);
  const dflt = parseArgs([]);
  assert.ok(dflt.kind === 'run' && dflt.config.queuedMaxRequestBytes === 256 * 1024 * 1024);
});

function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]);
}

test("16 connections each holding 10 MiB of a 12 MiB frame: the broker's peak RSS stays near the 32 MiB cap; all answered", async () => {
  const MiB = 1 << 20;
  const broker = await startBroker([
    '--socket-request-max-bytes',
    String(16 * MiB),
    '--queued-max-request-bytes',
    String(32 * MiB),
    '--message-max-bytes',
    String(16 * MiB),
    '--offsets-topic-partitions',
    '1',
  ]);
  const clients: TestClient[] = [];
  try {
    const admin = await TestClient.connect(broker.port);
    clients.push(admin);
    const created = await admin.request(P.CreateTopicsApi, 4, createTopicRequest('big'));
    assert.is(created.topics[0]!.errorCode, E.NONE);
    const pid = broker.proc.pid!;
    // One frame for every connection (correlation ids are per connection).
    const frame = produceFrame(1000, 'big', 12 * MiB);
    const senders: TestClient[] = [];
    for (let i = 0; i < 16; i++) senders.push(await TestClient.connect(broker.port));
    clients.push(...senders);
    const baseline = rssKiB(pid, 'VmRSS');
    const answers = senders.map((c) => c.send(frame.subarray(0, 10 * MiB), 1000));
    await sleep(500);
    for (const c of senders) c.socket.write(frame.subarray(10 * MiB));
    const results = (await Promise.all(answers)).map(produceResult);
    assert.equal(
      results.map((r) => r.errorCode),
      senders.map(() => E.NONE),
    );
    assert.equal(
      results.map((r) => r.baseOffset).sort((x, y) => x - y),
      senders.map((_, i) => i),
    );
    const growthMiB = (rssKiB(pid, 'VmHWM') - baseline) / 1024;
    if (process.env.SHOW_RSS) console.log(`peak growth ${growthMiB.toFixed(1)} MiB`);
    // Uncapped, the 16 partial frames alone are 160 MiB. Capped, at most two 12 MiB frames are held;
    // answered ones are garbage until V8 collects them, hence the slack.
    assert.ok(growthMiB < 110, `peak RSS grew ${growthMiB.toFixed(0)} MiB over the baseline`);
  } finally {
    for (const c of clients) c.close();
    await broker.dispose();
  }
});

test.run();
