// Failure handling with real processes: the broker is SIGKILLed mid-produce and restarted on the same
// port and data dir; the producer must retry until everything is acknowledged, lose nothing and keep
// order within the partition. Without broker-side idempotence (no InitProducerId) a retried batch
// the broker had already written is appended again: the test then reports that duplicate gap and
// checks that duplicates only ever repeat a contiguous tail, never reorder. Also: connection timeouts,
// reconnect after a restart, and version negotiation.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CLIENT_VERSIONS, Client, Connection } from '../dist/client/index.js';
import { ApiVersionsApi } from '../dist/protocol/index.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connection(
  address: string,
  over: Partial<ConstructorParameters<typeof Connection>[0]> = {},
): Connection {
  const [host, port] = address.split(':') as [string, string];
  return new Connection({
    host,
    port: Number(port),
    clientId: 'restart-test',
    requestTimeoutMs: 2000,
    connectTimeoutMs: 2000,
    maxInFlight: 8,
    maxQueued: 100,
    maxResponseBytes: 1 << 26,
    reconnectBackoffMs: 20,
    reconnectBackoffMaxMs: 200,
    ...over,
  });
}

test('producer survives SIGKILL + restart mid-stream: nothing lost, order kept, duplicates reported', async () => {
  let broker: TestBroker = await startTestBroker();
  const client = new Client({
    brokers: [broker.address],
    clientId: 'restart',
    reconnectBackoffMs: 20,
    reconnectBackoffMaxMs: 200,
    requestTimeoutMs: 5000,
  });
  const topic = uniqueTopic('restart');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const producer = client.producer({ acks: 'all', lingerMs: 1, batchBytes: 4096, retryBackoffMs: 20 });
  const total = 30_000;
  const perSend = 50;
  let acked = 0;
  const sends: Promise<unknown>[] = [];
  const window = new Set<Promise<unknown>>();
  let restarted: Promise<void> | null = null;
  let inFlightAtKill = 0;
  for (let next = 0; next < total; next += perSend) {
    const records = Array.from({ length: perSend }, (_, i) => ({ value: String(next + i) }));
    const p = producer.send(topic, records).then((r) => {
      acked += r.length;
    });
    sends.push(p);
    window.add(p);
    p.then(() => window.delete(p));
    // At most 40 sends outstanding: the stream is paced by acknowledgements, so the kill below
    // lands with requests in flight and the rest of the stream waits out the restart.
    if (window.size >= 40) await Promise.race(window);
    if (restarted === null && acked >= total / 4) {
      inFlightAtKill = window.size;
      restarted = (async () => {
        await broker.stop('SIGKILL');
        await sleep(300);
        broker = await broker.restart();
      })();
    }
  }
  assert.ok(restarted !== null, 'the broker was killed mid-stream');
  assert.ok(inFlightAtKill > 0, 'sends were outstanding at the kill');
  await restarted;
  await Promise.all(sends);
  assert.is(acked, total, 'every send() resolved');

  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
  consumer.assign([{ topic, partition: 0 }]);
  const values: number[] = [];
  const end = (await client.admin().listOffsets(topic, 'latest'))[0]!.offset;
  while (values.length < end) {
    const b = await consumer.nextBatch();
    for (const r of b!.records) values.push(Number(r.value!.toString()));
  }
  await consumer.close();
  // No loss, and the first occurrences of the values come in send order.
  const seen = new Set<number>();
  const firsts: number[] = [];
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      firsts.push(v);
    }
  }
  assert.is(firsts.length, total, 'no record lost');
  assert.ok(
    firsts.every((v, i) => v === i),
    'first occurrences are in order',
  );
  const duplicates = values.length - total;
  // Idempotence stays on exactly when the broker serves InitProducerId.
  const probe = connection(broker.address);
  await probe.connect();
  assert.is(producer.isIdempotent, probe.tryVersionFor(22) >= 0);
  probe.close();
  if (producer.isIdempotent) {
    assert.is(duplicates, 0, 'an idempotent producer writes each record once');
  } else {
    // Each duplicate run re-sends batches from the first unacknowledged one: it must repeat
    // values already written, in order, never skip ahead.
    let max = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v > max + 1) assert.unreachable(`value ${v} at ${i} skips ahead of ${max}`);
      if (v > max) max = v;
      else
        assert.ok(
          i > 0 && (values[i - 1]! + 1 === v || values[i - 1]! >= v),
          `duplicate run at ${i} is ordered`,
        );
    }
    console.log(`  (broker without idempotence: ${duplicates} duplicate records after the restart)`);
  }
  await client.close();
  await broker.destroy();
});

test('connection: a peer that never answers times out with REQUEST_TIMED_OUT (retriable)', async () => {
  const held: net.Socket[] = [];
  const silent = net.createServer((s) => held.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as net.AddressInfo).port;
  const conn = connection(`127.0.0.1:${port}`, { requestTimeoutMs: 300 });
  const started = Date.now();
  try {
    await conn.connect();
    assert.unreachable('the handshake cannot complete');
  } catch (err) {
    assert.is((err as { code: number }).code, 7);
    assert.is((err as { retriable: boolean }).retriable, true);
    assert.match((err as Error).message, /REQUEST_TIMED_OUT.*ApiVersions/);
  }
  const took = Date.now() - started;
  assert.ok(took >= 280 && took < 2000, `timed out after ${took} ms`);
  conn.close();
  for (const s of held) s.destroy();
  silent.close();
});

test('connection: negotiates versions, fails fast while the broker is down, reconnects after restart', async () => {
  let broker = await startTestBroker();
  const conn = connection(broker.address);
  await conn.connect();
  const theirs = await conn.request(ApiVersionsApi, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
  for (const [apiKey, [min, max]] of CLIENT_VERSIONS) {
    const b = theirs.apiKeys.find((k) => k.apiKey === apiKey);
    if (b === undefined) {
      assert.is(conn.tryVersionFor(apiKey), -1);
      continue;
    }
    const expected =
      Math.min(max, b.maxVersion) >= Math.max(min, b.minVersion) ? Math.min(max, b.maxVersion) : -1;
    assert.is(conn.tryVersionFor(apiKey), expected, `api ${apiKey}`);
  }
  // Fetch v13+ needs topic ids; the client stays at 12 even when the broker offers more.
  assert.ok(conn.versionFor(1) <= 12);
  // Pipelined requests on one connection all complete, in order.
  const many = await Promise.all(
    Array.from({ length: 50 }, () =>
      conn.request(ApiVersionsApi, { clientSoftwareName: 'x', clientSoftwareVersion: '1' }),
    ),
  );
  assert.is(many.length, 50);

  await broker.stop('SIGKILL');
  try {
    await conn.request(ApiVersionsApi, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
    assert.unreachable('broker is down');
  } catch (err) {
    assert.is((err as { code: number }).code, 13);
    assert.is((err as { retriable: boolean }).retriable, true);
  }
  broker = await broker.restart();
  const again = await conn.request(ApiVersionsApi, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
  assert.is(again.errorCode, 0);
  conn.close();
  await broker.destroy();
});

test.run();
