// A byte flipped inside a stored batch while the broker is down, against a real broker process and real
// clients: the broker serves the batches before it, answers CORRUPT_MESSAGE at and past it (never the bad
// bytes), logs the segment, position and offset, refuses appends, and kcat ends with an error instead of
// hanging; the next start truncates there and keeps the cut bytes. The background scrub finds such damage in
// a cold segment without any fetch.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;

async function createTopic(c: TestClient, topic: string): Promise<void> {
  const res = await c.request(P.CreateTopicsApi, 7, createTopicRequest(topic));
  assert.is(res.topics[0]!.errorCode, E.NONE);
}

/** n batches of two records, `${tag}-a` and `${tag}-b`, one Produce each; returns their base offsets. */
async function produce(c: TestClient, topic: string, n: number, from = 0): Promise<number[]> {
  const bases: number[] = [];
  for (let i = from; i < from + n; i++) {
    const res = await c.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [
        {
          name: topic,
          partitionData: [
            {
              index: 0,
              records: encodeRecordBatch([{ value: `${i}-a` }, { value: `${i}-b`.padEnd(60, '.') }]),
            },
          ],
        },
      ],
    });
    const p = res.responses[0]!.partitionResponses[0]!;
    assert.is(p.errorCode, E.NONE);
    bases.push(p.baseOffset);
  }
  return bases;
}

async function produceError(c: TestClient, topic: string): Promise<number> {
  const res = await c.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [
      { name: topic, partitionData: [{ index: 0, records: encodeRecordBatch([{ value: 'late' }]) }] },
    ],
  });
  return res.responses[0]!.partitionResponses[0]!.errorCode;
}

async function fetchAt(c: TestClient, topic: string, offset: number) {
  const res = await c.request(P.FetchApi, 11, fetchRequest(topic, 0, offset, { maxBytes: 1 << 24 }));
  const p = res.responses[0]!.partitions[0]!;
  return {
    errorCode: p.errorCode,
    highWatermark: p.highWatermark,
    records: p.records as Buffer,
    values: decodeRecordBatches(p.records as Buffer).flatMap((b) => b.records.map((r) => String(r.value))),
  };
}

/** Position, base offset and size of every batch in a .log file. */
function batchesOf(file: string): { position: number; baseOffset: number; size: number }[] {
  const b = fs.readFileSync(file);
  const out = [];
  for (let p = 0; p + 12 <= b.length; ) {
    const size = b.readInt32BE(p + 8) + 12;
    out.push({ position: p, baseOffset: Number(b.readBigInt64BE(p)), size });
    p += size;
  }
  return out;
}

function flip(file: string, position: number): void {
  const b = fs.readFileSync(file);
  b[position]! ^= 0x10;
  fs.writeFileSync(file, b);
}

function kcat(
  address: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', address, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function waitFor(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const brokers: BrokerProcess[] = [];
test.after(async () => {
  for (const b of brokers) await b.dispose();
});

test('flipped byte after a clean stop: good batches served, CORRUPT_MESSAGE from the bad one on, logged; kcat errors out; restart truncates and keeps the cut bytes', async () => {
  const b = await startBroker(['--threads', '0', '--num-partitions', '1']);
  brokers.push(b);
  const c = await TestClient.connect(b.port);
  await createTopic(c, 'bits');
  const bases = await produce(c, 'bits', 20);
  c.close();
  assert.is(await b.stop('SIGTERM'), 0);

  const pdir = path.join(b.dataDir, 'bits-0');
  const file = path.join(pdir, '00000000000000000000.log');
  const bad = batchesOf(file)[7]!;
  assert.is(bad.baseOffset, bases[7]);
  flip(file, bad.position + bad.size - 5); // inside the second record's value

  const again = await b.restart();
  brokers.push(again);
  const c2 = await TestClient.connect(again.port);
  const head = await fetchAt(c2, 'bits', 0);
  assert.is(head.errorCode, E.NONE);
  assert.equal(head.values, Array.from({ length: 7 }, (_, i) => [`${i}-a`, `${i}-b`.padEnd(60, '.')]).flat());
  for (const offset of [bad.baseOffset, bad.baseOffset + 1, bases[15]!]) {
    const at = await fetchAt(c2, 'bits', offset);
    assert.is(at.errorCode, E.CORRUPT_MESSAGE, `fetch at ${offset}`);
    assert.is(at.records.length, 0, 'never the bad bytes');
  }
  assert.is(await produceError(c2, 'bits'), E.KAFKA_STORAGE_ERROR, 'no append behind the damaged batch');
  const errors = again
    .stderr()
    .split('\n')
    .filter((l) => l.includes('ERROR'));
  assert.is(errors.length, 1, again.stderr());
  assert.match(
    errors[0]!,
    `bits-0: corrupt batch in 00000000000000000000.log at byte position ${bad.position}, offset ${bad.baseOffset}`,
  );

  // librdkafka hands CORRUPT_MESSAGE to the application: kcat prints the good records and exits with an error.
  const started = Date.now();
  const k = await kcat(again.address, ['-C', '-t', 'bits', '-o', 'beginning', '-e', '-q']);
  assert.ok(Date.now() - started < 15_000, 'kcat did not hang');
  assert.is(k.code, 1, k.stderr);
  assert.match(k.stderr, /Invalid message/);
  assert.equal(k.stdout.split('\n').slice(0, -1), head.values);
  c2.close();
  assert.is(await again.stop('SIGTERM'), 0);

  // The next start recovers from the mark: the log ends where the damaged batch began, the rest is kept aside.
  const size = fs.statSync(file).size;
  const third = await again.restart();
  brokers.push(third);
  assert.match(third.stderr(), `truncated 00000000000000000000.log at position ${bad.position}`);
  const kept = fs.readdirSync(pdir).filter((n) => n.endsWith('.corrupt'));
  assert.is(kept.length, 1);
  assert.is(fs.statSync(path.join(pdir, kept[0]!)).size, size - bad.position);
  const c3 = await TestClient.connect(third.port);
  const after = await fetchAt(c3, 'bits', 0);
  assert.equal([after.errorCode, after.highWatermark], [E.NONE, bad.baseOffset]);
  assert.equal(after.values, head.values);
  assert.equal(await produce(c3, 'bits', 1, 100), [bad.baseOffset]);
  c3.close();
  assert.is(await third.stop('SIGTERM'), 0);
});

test('the background scrub finds a flipped byte in a cold segment with no fetch at all (worker thread)', async () => {
  const flags = ['--threads', '1', '--segment-bytes', '1024', '--scrub-interval-ms', '200'];
  const b = await startBroker([...flags, '--scrub-bytes-per-sec', '0']);
  brokers.push(b);
  const c = await TestClient.connect(b.port);
  await createTopic(c, 'cold');
  await produce(c, 'cold', 40);
  c.close();
  assert.is(await b.stop('SIGTERM'), 0);
  const pdir = path.join(b.dataDir, 'cold-0');
  const logs = fs
    .readdirSync(pdir)
    .filter((n) => n.endsWith('.log'))
    .sort();
  assert.ok(logs.length >= 4, `segments: ${logs}`);
  const bad = batchesOf(path.join(pdir, logs[1]!))[1]!;
  flip(path.join(pdir, logs[1]!), bad.position + bad.size - 5);
  // Rate 0 turned the scrub off above; now on, at 1 MB/s.
  const again = await startBroker([...flags, '--scrub-bytes-per-sec', '1000000'], b.dataDir);
  brokers.push(again);
  await waitFor('the scrub report', () => again.stderr().includes('found by the background scrub'));
  assert.match(again.stderr(), `cold-0: corrupt batch in ${logs[1]} at byte position ${bad.position}`);
  const c2 = await TestClient.connect(again.port);
  assert.is((await fetchAt(c2, 'cold', bad.baseOffset)).errorCode, E.CORRUPT_MESSAGE);
  const head = await fetchAt(c2, 'cold', 0);
  assert.is(head.errorCode, E.NONE);
  assert.ok(head.values.length > 0);
  c2.close();
  assert.is(await again.stop('SIGTERM'), 0);
  assert.ok(fs.existsSync(path.join(pdir, 'corrupt-batch-checkpoint')));
});

test('a damaged batch in __consumer_offsets: the broker still starts, with the commits before it', async () => {
  const b = await startBroker(['--threads', '0', '--offsets-topic-partitions', '1']);
  brokers.push(b);
  const c = await TestClient.connect(b.port);
  await createTopic(c, 'tracked');
  await produce(c, 'tracked', 1);
  const commit = async (offset: number) => {
    const res = await c.request(
      P.OffsetCommitApi,
      8,
      P.createOffsetCommitRequest({
        groupId: 'g1',
        topics: [
          P.createOffsetCommitRequestOffsetCommitRequestTopic({
            name: 'tracked',
            partitions: [
              P.createOffsetCommitRequestOffsetCommitRequestPartition({
                partitionIndex: 0,
                committedOffset: offset,
                committedMetadata: '',
              }),
            ],
          }),
        ],
      }),
    );
    assert.is(res.topics[0]!.partitions[0]!.errorCode, E.NONE);
  };
  for (let i = 1; i <= 5; i++) await commit(i);
  c.close();
  assert.is(await b.stop('SIGTERM'), 0);
  const file = path.join(b.dataDir, '__consumer_offsets-0', '00000000000000000000.log');
  const commits = batchesOf(file);
  assert.is(commits.length, 5);
  flip(file, commits[3]!.position + commits[3]!.size - 2);

  const again = await b.restart();
  brokers.push(again);
  assert.match(again.stderr(), '__consumer_offsets-0: corrupt batch in 00000000000000000000.log');
  const c2 = await TestClient.connect(again.port);
  const fetched = await c2.request(
    P.OffsetFetchApi,
    7,
    P.createOffsetFetchRequest({
      groupId: 'g1',
      topics: [P.createOffsetFetchRequestOffsetFetchRequestTopic({ name: 'tracked', partitionIndexes: [0] })],
    }),
  );
  assert.is(fetched.topics[0]!.partitions[0]!.committedOffset, 3, 'the last commit before the damaged one');
  c2.close();
  assert.is(await again.stop('SIGTERM'), 0);
});

test('--scrub-interval-ms and --scrub-bytes-per-sec reject bad values; --help lists them', async () => {
  const { spawnSync } = await import('node:child_process');
  const node = new URL('../dist/node.js', import.meta.url).pathname;
  for (const bad of [
    ['--scrub-interval-ms', '-1'],
    ['--scrub-bytes-per-sec', 'fast'],
  ]) {
    const r = spawnSync(process.execPath, [node, ...bad], { encoding: 'utf8' });
    assert.is(r.status, 2);
    assert.match(r.stderr, bad[0]!);
  }
  const help = spawnSync(process.execPath, [node, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /--scrub-interval-ms MS .*log\.scrub\.interval\.ms/);
  assert.match(help.stdout, /--scrub-bytes-per-sec BYTES .*log\.scrub\.bytes\.per\.second/);
});

test.run();
