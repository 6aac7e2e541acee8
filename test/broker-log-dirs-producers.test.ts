// DescribeLogDirs and DescribeProducers against a real broker process, through Runnel's admin client:
// partition sizes equal the segment files on disk, the filter and the file system sizes; the idempotent
// producers each partition remembers, and the per-partition errors. (The cluster side, NOT_LEADER_OR_FOLLOWER
// and replicas of equal size, is in cluster-metrics.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, ErrorCode } from '../dist/client/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { uniqueTopic } from './helpers/client-broker.js';

let broker: BrokerProcess;
let client: Client;

test.before(async () => {
  broker = await startBroker(['--threads', '1']);
  client = new Client({ brokers: [broker.address], clientId: 'logdirs-test' });
});

test.after(async () => {
  await client?.close();
  await broker?.dispose();
});

function segmentBytes(dataDir: string, topic: string, partition: number): number {
  const dir = path.join(dataDir, `${topic}-${partition}`);
  let n = 0;
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.log')) n += fs.statSync(path.join(dir, f)).size;
  return n;
}

test('DescribeLogDirs: every partition log with its size on disk, offset lag 0, not future; filters by topic', async () => {
  const topic = uniqueTopic('logdirs');
  await client.admin().createTopics([{ topic, numPartitions: 3 }]);
  const producer = client.producer({ acks: 1 });
  await producer.send(
    topic,
    Array.from({ length: 300 }, (_, i) => ({ value: `v${i}`.repeat(5), partition: i % 2 })),
  );
  await producer.close();

  const [all] = await client.admin().describeLogDirs();
  assert.is(all!.brokerId, 1);
  assert.is(all!.logDirs.length, 1);
  const dir = all!.logDirs[0]!;
  assert.is(dir.errorCode, ErrorCode.NONE);
  assert.is(dir.logDir, fs.realpathSync(broker.dataDir));
  assert.ok(dir.totalBytes > 0 && dir.usableBytes > 0 && dir.usableBytes <= dir.totalBytes);
  const mine = dir.topics.find((t) => t.topic === topic)!;
  assert.equal(
    mine.partitions.map((p) => p.partition),
    [0, 1, 2],
  );
  for (const p of mine.partitions) {
    assert.is(p.size, segmentBytes(broker.dataDir, topic, p.partition), `partition ${p.partition} size`);
    assert.is(p.offsetLag, 0);
    assert.is(p.isFuture, false);
  }
  assert.ok(mine.partitions[0]!.size > 0);
  assert.is(mine.partitions[2]!.size, 0, 'nothing written to partition 2');
  assert.ok(dir.topics.some((t) => t.topic === '__consumer_offsets'));
  assert.not.ok(dir.topics.some((t) => t.topic === '__cluster_metadata'));

  // Asked for partition 1 and one that does not exist: only partition 1 comes back.
  const [filtered] = await client.admin().describeLogDirs({ topics: [{ topic, partitions: [1, 7] }] });
  assert.equal(
    filtered!.logDirs[0]!.topics.map((t) => [t.topic, t.partitions.map((p) => p.partition)]),
    [[topic, [1]]],
  );
  const [none] = await client
    .admin()
    .describeLogDirs({ topics: [{ topic: 'no-such-topic', partitions: [0] }] });
  assert.equal(none!.logDirs[0]!.topics, []);
});

test('DescribeProducers: the idempotent producer with its id, epoch and last sequence; none for a plain producer', async () => {
  const topic = uniqueTopic('producers');
  await client.admin().createTopics([{ topic, numPartitions: 2 }]);
  const idempotent = client.producer({ acks: -1 });
  const started = Date.now();
  for (let i = 0; i < 3; i++) {
    await idempotent.send(
      topic,
      Array.from({ length: 10 }, (_, j) => ({ value: `i${i}-${j}`, partition: 0 })),
    );
  }
  const plain = client.producer({ acks: 1, idempotent: false });
  await plain.send(topic, [{ value: 'plain', partition: 1 }]);

  const [p0, p1] = await client.admin().describeProducers([
    { topic, partition: 0 },
    { topic, partition: 1 },
  ]);
  assert.is(p0!.errorCode, ErrorCode.NONE);
  assert.is(p0!.activeProducers.length, 1);
  const a = p0!.activeProducers[0]!;
  assert.ok(a.producerId >= 0, `producer id ${a.producerId}`);
  assert.is(a.producerEpoch, 0);
  assert.is(a.lastSequence, 29, 'thirty records: sequences 0-29');
  assert.ok(a.lastTimestamp >= started - 1000 && a.lastTimestamp <= Date.now() + 1000);
  assert.is(a.coordinatorEpoch, -1);
  assert.is(a.currentTxnStartOffset, -1);
  assert.is(p1!.errorCode, ErrorCode.NONE);
  assert.equal(p1!.activeProducers, []);

  // A second idempotent producer on the same partition is listed beside the first.
  const second = client.producer({ acks: -1 });
  await second.send(topic, [{ value: 'second', partition: 0 }]);
  const [again] = await client.admin().describeProducers([{ topic, partition: 0 }]);
  assert.is(again!.activeProducers.length, 2);
  const b = again!.activeProducers.find((x) => x.producerId !== a.producerId)!;
  assert.is(b.lastSequence, 0);
  await Promise.all([idempotent.close(), plain.close(), second.close()]);
});

test('DescribeProducers: an unknown topic or partition is UNKNOWN_TOPIC_OR_PARTITION, per partition', async () => {
  const topic = uniqueTopic('producers-err');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const answers = await client.admin().describeProducers(
    [
      { topic, partition: 0 },
      { topic, partition: 5 },
      { topic: 'never-made', partition: 0 },
    ],
    { brokerId: 1 },
  );
  assert.equal(
    answers.map((x) => x.errorCode),
    [ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  );
});

test.run();
