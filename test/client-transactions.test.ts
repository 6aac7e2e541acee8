// Runnel's transactional producer and read_committed consumer against a real broker: commits are seen by
// read_committed consumers whole, aborts never; an open transaction holds the last stable offset back; a
// second producer with the same transactional id fences the first (fatal for it, its records aborted); the
// epoch is bumped at every transaction end so a straggling batch of an ended transaction is refused
// (KIP-890); consume-transform-produce with sendOffsets commits the group's offsets only with the output;
// misuse is refused; and `runnel transaction` lists, describes, finds a hanging transaction and aborts it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, type Consumer, ErrorCode, KafkaError } from '../dist/client/index.js';
import { ProduceApi } from '../dist/protocol/generated/api-keys.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { TestClient } from './helpers/broker-client.js';
import { cli, cliJson } from './helpers/cli.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let client: Client;

test.before(async () => {
  broker = await startTestBroker([
    '--group-initial-rebalance-delay-ms',
    '0',
    '--offsets-topic-partitions',
    '1',
    '--transaction-state-log-num-partitions',
    '2',
  ]);
  client = new Client({ brokers: [broker.address], clientId: 'txn-client', retryBackoffMs: 50 });
});

test.after(async () => {
  await client?.close();
  await broker?.destroy();
});

async function topic(prefix: string, partitions = 3): Promise<string> {
  const name = uniqueTopic(prefix);
  await client.admin().createTopics([{ topic: name, numPartitions: partitions }]);
  return name;
}

/** Every value a consumer with the isolation level reads from the topic's partitions, until `quietMs` without data. */
async function readAll(
  name: string,
  partitions: number,
  isolationLevel: 'read_committed' | 'read_uncommitted',
  quietMs = 700,
): Promise<string[]> {
  const consumer: Consumer = client.consumer({ isolationLevel, autoOffsetReset: 'earliest', maxWaitMs: 100 });
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic: name, partition })));
  const out: string[] = [];
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const batch = await Promise.race([
        consumer.nextBatch(),
        new Promise<null>((r) => {
          timer = setTimeout(() => r(null), quietMs);
        }),
      ]).finally(() => clearTimeout(timer));
      if (batch === null) return out.sort();
      for (const r of batch.records) out.push(r.value!.toString());
    }
  } finally {
    await consumer.close();
  }
}

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as Error,
  );
  assert.ok(err !== null, `expected a rejection matching ${pattern}`);
  assert.match(err!.message, pattern);
}

async function ends(name: string) {
  const admin = client.admin();
  const hw = await admin.listOffsets(name, 'latest');
  const lso = await admin.listOffsets(name, 'latest', undefined, { isolationLevel: 'read_committed' });
  return hw.map((h) => ({
    partition: h.partition,
    hw: h.offset,
    lso: lso.find((l) => l.partition === h.partition)!.offset,
  }));
}

test('commit is read whole by read_committed, abort never; read_uncommitted sees both', async () => {
  const name = await topic('txn-commit');
  const producer = client.producer({ transactionalId: uniqueTopic('tid') });
  await producer.initTransactions();
  assert.is(producer.transactionState, 'ready');
  producer.beginTransaction();
  await producer.send(
    name,
    [0, 1, 2].map((p) => ({ value: `c${p}`, partition: p })),
  );
  await producer.commitTransaction();
  producer.beginTransaction();
  await producer.send(
    name,
    [0, 1, 2].map((p) => ({ value: `a${p}`, partition: p })),
  );
  await producer.abortTransaction();
  producer.beginTransaction();
  void producer.send(name, { value: 'c-last', partition: 1 }); // commit flushes it
  await producer.commitTransaction();
  await producer.close();
  assert.equal(await readAll(name, 3, 'read_committed'), ['c-last', 'c0', 'c1', 'c2']);
  assert.equal(await readAll(name, 3, 'read_uncommitted'), ['a0', 'a1', 'a2', 'c-last', 'c0', 'c1', 'c2']);
  for (const e of await ends(name)) assert.is(e.lso, e.hw, `partition ${e.partition}: nothing open`);
});

test('a send still looking up its topic when the transaction aborts is refused, never sent in the next one', async () => {
  const name = uniqueTopic('txn-late');
  await client.admin().createTopics([{ topic: name, numPartitions: 1 }]);
  const producer = client.producer({ transactionalId: uniqueTopic('tid') });
  await producer.initTransactions();
  producer.beginTransaction();
  // The producer has no metadata for the topic yet: this send is still looking it up when the abort comes.
  const late = producer.send(name, { value: 'aborted' }).then(
    () => null,
    (e: Error) => e,
  );
  await producer.abortTransaction();
  producer.beginTransaction();
  await producer.send(name, { value: 'committed' });
  await producer.commitTransaction();
  assert.match(String(await late), /TRANSACTION_ABORTABLE/);
  await producer.close();
  assert.equal(await readAll(name, 1, 'read_uncommitted'), ['committed']);
});

test('an open transaction holds the last stable offset back until it commits', async () => {
  const name = await topic('txn-open', 1);
  const plain = client.producer({ acks: 'all' });
  await plain.send(name, { value: 'before' });
  const producer = client.producer({ transactionalId: uniqueTopic('tid') });
  await producer.initTransactions();
  producer.beginTransaction();
  await producer.send(name, [{ value: 'open-1' }, { value: 'open-2' }]);
  await plain.send(name, { value: 'after' }); // not transactional, but behind the open transaction
  const [open] = await ends(name);
  assert.is(open!.hw, 4);
  assert.is(open!.lso, 1, 'the LSO stops at the open transaction');
  assert.equal(await readAll(name, 1, 'read_committed', 400), ['before']);
  await producer.commitTransaction();
  const [done] = await ends(name);
  assert.is(done!.lso, done!.hw);
  assert.equal(await readAll(name, 1, 'read_committed'), ['after', 'before', 'open-1', 'open-2']);
  await producer.close();
  await plain.close();
});

test('a second producer with the same transactional id fences the first, whose records are aborted', async () => {
  const name = await topic('txn-fence', 2);
  const id = uniqueTopic('tid');
  const first = client.producer({ transactionalId: id });
  await first.initTransactions();
  first.beginTransaction();
  await first.send(name, { value: 'zombie', partition: 0 });
  const second = client.producer({ transactionalId: id });
  await second.initTransactions(); // aborts what the first left open
  second.beginTransaction();
  await second.send(name, { value: 'live', partition: 1 });
  await second.commitTransaction();
  const err = await first.commitTransaction().then(
    () => null,
    (e: unknown) => e,
  );
  assert.instance(err, KafkaError);
  assert.ok(
    ([ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_PRODUCER_EPOCH] as number[]).includes(
      (err as KafkaError).code,
    ),
    String(err),
  );
  assert.is(first.transactionState, 'fatal-error');
  assert.throws(() => first.beginTransaction(), /PRODUCER_FENCED|INVALID_PRODUCER_EPOCH/);
  assert.equal(await readAll(name, 2, 'read_committed'), ['live']);
  await first.close();
  await second.close();
});

test('the epoch moves on at every transaction end, so a straggling batch of an ended transaction is refused', async () => {
  const name = await topic('txn-straggler', 1);
  const id = uniqueTopic('tid');
  const producer = client.producer({ transactionalId: id });
  await producer.initTransactions();
  const [before] = await client.admin().describeTransactions([id]);
  producer.beginTransaction();
  await producer.send(name, { value: 'one' });
  await producer.commitTransaction();
  const [after] = await client.admin().describeTransactions([id]);
  assert.is(after!.producerId, before!.producerId);
  assert.ok(
    after!.producerEpoch > before!.producerEpoch,
    `epoch ${before!.producerEpoch} -> ${after!.producerEpoch}`,
  );
  // A late retry of the committed transaction's batch (old epoch, next sequence) must not land anywhere.
  const raw = await TestClient.connect(broker.port);
  try {
    const batch = encodeRecordBatch([{ value: 'straggler' }], {
      producerId: before!.producerId,
      producerEpoch: before!.producerEpoch,
      baseSequence: 1,
      transactional: true,
    });
    const res = await raw.request(ProduceApi, 9, {
      transactionalId: id,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name, partitionData: [{ index: 0, records: batch }] }],
    });
    const code = res.responses[0]!.partitionResponses[0]!.errorCode;
    assert.ok(
      (
        [ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_TXN_STATE] as number[]
      ).includes(code),
      `straggler answered ${code}`,
    );
  } finally {
    raw.close();
  }
  producer.beginTransaction();
  await producer.send(name, { value: 'two' });
  await producer.commitTransaction();
  await producer.close();
  assert.equal(await readAll(name, 1, 'read_uncommitted'), ['one', 'two'], 'the straggler was never written');
});

test('consume-transform-produce: offsets sent in the transaction count only when it commits', async () => {
  const input = await topic('txn-in', 1);
  const output = await topic('txn-out', 1);
  const seed = client.producer({ acks: 'all' });
  await seed.send(
    input,
    Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })),
  );
  await seed.close();
  const groupId = uniqueTopic('eos');
  const producer = client.producer({ transactionalId: uniqueTopic('tid') });
  await producer.initTransactions();
  /** One group member processing until `stopAt`: each batch's output and offsets in one transaction. */
  const member = async (commit: boolean, stopAt: number): Promise<string[]> => {
    const consumer = client.consumer({
      groupId,
      autoCommit: false,
      autoOffsetReset: 'earliest',
      isolationLevel: 'read_committed',
    });
    consumer.subscribe([input]);
    const processed: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachBatch: async ({ topic: t, partition, records }) => {
              producer.beginTransaction();
              const sent = producer.send(
                output,
                records.map((r) => ({ value: `${r.value}-out` })),
              );
              sent.catch(() => {}); // an abort rejects it
              const next = records[records.length - 1]!.offset + 1;
              await producer.sendOffsets([{ topic: t, partition, offset: next }], consumer.groupMetadata());
              if (!commit) {
                await producer.abortTransaction();
                resolve();
                return;
              }
              await producer.commitTransaction();
              processed.push(...records.map((r) => r.value!.toString()));
              if (next >= stopAt) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.close();
    }
    return processed;
  };
  // The first member's transaction fails: neither its output nor its offsets may count.
  await member(false, 10);
  const [none] = await client.admin().fetchOffsets({ groupId, topics: [input] });
  assert.is(none!.partitions[0]!.offset, -1, 'nothing committed by the aborted transaction');
  const processed = await member(true, 10);
  await producer.close();
  assert.equal(processed.sort(), Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  assert.equal(
    await readAll(output, 1, 'read_committed'),
    Array.from({ length: 10 }, (_, i) => `m${i}-out`).sort(),
    'each input once in the output',
  );
  const [committed] = await client.admin().fetchOffsets({ groupId, topics: [input] });
  assert.is(committed!.partitions[0]!.offset, 10);
});

test('misuse is refused with a clear error, and non-transactional producers have no transactions', async () => {
  const name = await topic('txn-misuse', 1);
  const producer = client.producer({ transactionalId: uniqueTopic('tid') });
  await rejects(producer.send(name, { value: 'x' }), /outside a transaction.*uninitialized/);
  assert.throws(() => producer.beginTransaction(), /beginTransaction\(\) in transaction state uninitialized/);
  await producer.initTransactions();
  await rejects(producer.commitTransaction(), /commitTransaction\(\) in transaction state ready/);
  await rejects(producer.initTransactions(), /initTransactions\(\) in transaction state ready/);
  await producer.close();
  assert.throws(() => client.producer({ transactionalId: 'x', idempotent: false }), /needs idempotence/);
  const plain = client.producer();
  assert.is(plain.transactionState, null);
  assert.throws(() => plain.beginTransaction(), /needs a producer with a transactionalId/);
  await plain.close();
});

test('runnel transaction: list, describe, find-hanging and abort an open transaction', async () => {
  const name = await topic('txn-cli', 2);
  const id = uniqueTopic('tid-cli');
  const b = ['-b', broker.address];
  const abandoned = new Client({ brokers: [broker.address], clientId: 'txn-abandoned' });
  const producer = abandoned.producer({ transactionalId: id, transactionTimeoutMs: 600_000 });
  await producer.initTransactions();
  producer.beginTransaction();
  await producer.send(name, { value: 'stuck', partition: 1 });
  // The producer goes away mid-transaction; with a 10 minute timeout the partition stays open.
  await abandoned.close().catch(() => {});

  const listed = await cliJson<{ transactionalId: string; state: string }[]>(['transaction', 'list', ...b]);
  assert.equal(listed.find((t) => t.transactionalId === id)?.state, 'Ongoing');
  const ongoing = await cliJson<
    { transactionalId: string; state: string; partitions: { topic: string; partition: number }[] }[]
  >(['transaction', 'list', ...b, '--state', 'Ongoing']);
  assert.ok(ongoing.some((t) => t.transactionalId === id));
  const described = await cliJson<{ state: string; partitions: { topic: string; partition: number }[] }[]>([
    'transaction',
    'describe',
    id,
    ...b,
  ]);
  assert.is(described[0]!.state, 'Ongoing');
  assert.equal(described[0]!.partitions, [{ topic: name, partition: 1 }]);
  const table = await cli(['transaction', 'describe', id, ...b]);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, new RegExp(`${id}\\s+1\\s+Ongoing`));

  const hanging = await cliJson<{ partition: number; startOffset: number }[]>([
    'transaction',
    'find-hanging',
    '--topic',
    name,
    '--min-idle-ms',
    '0',
    ...b,
  ]);
  assert.equal(
    hanging.map((h) => [h.partition, h.startOffset]),
    [[1, 0]],
  );
  const none = await cliJson<unknown[]>(['transaction', 'find-hanging', '--topic', name, ...b]);
  assert.equal(none, [], 'not idle for the default 15 minutes');
  const [held] = (await ends(name)).filter((e) => e.partition === 1);
  assert.is(held!.lso, 0);

  const wrong = await cli([
    'transaction',
    'abort',
    '--topic',
    name,
    '--partition',
    '1',
    '--start-offset',
    '7',
    ...b,
  ]);
  assert.is(wrong.code, 1, 'the cluster has no such transaction: not a usage error');
  assert.match(wrong.stderr, /no open transaction starting at offset 7/);
  const missing = await cli(['transaction', 'abort', '--topic', name, '--partition', '1', ...b]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /--start-offset is required/);
  const aborted = await cli([
    'transaction',
    'abort',
    '--topic',
    name,
    '--partition',
    '1',
    '--start-offset',
    '0',
    ...b,
  ]);
  assert.is(aborted.code, 0, aborted.stderr);
  const [freed] = (await ends(name)).filter((e) => e.partition === 1);
  assert.is(freed!.lso, freed!.hw, 'the last stable offset moves on');
  assert.equal(await readAll(name, 2, 'read_committed'), []);
});

test.run();
