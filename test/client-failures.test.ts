// A consumer whose broker goes away does not wait silently: a real broker process is SIGKILLed (gone:
// connections refused) or SIGSTOPped (hung: connections accepted, nothing answered) while a consumer of
// assigned partitions, and a group member, read. Within brokerUnavailableTimeoutMs (plus a long poll and
// a watchdog tick) nextBatch()/run() reject with a retriable KafkaError, 'error' and 'crash' are emitted,
// and once the broker is back, calling them again carries on from where the application was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Client,
  type Consumer,
  type ConsumerBatch,
  type ConsumerCrash,
  type ConsumerRecord,
  KafkaError,
} from '../dist/client/index.js';
import { startTestBroker, type TestBroker, take, uniqueTopic } from './helpers/client-broker.js';

const TIMEOUT = 1500;
const FAST = {
  clientId: 'failures',
  requestTimeoutMs: 1000,
  connectTimeoutMs: 500,
  reconnectBackoffMs: 20,
  reconnectBackoffMaxMs: 200,
  retryBackoffMs: 50,
};

async function rejection(p: Promise<unknown>): Promise<KafkaError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, KafkaError, String(err));
    return err as KafkaError;
  }
  throw new Error('expected a rejection');
}

/** Like take(), but retriable failures (the broker still coming back) are retried, as an application would. */
async function takeRetrying(consumer: Consumer, n: number, ms = 15_000): Promise<ConsumerRecord[]> {
  const out: ConsumerRecord[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    if (Date.now() > deadline) throw new Error(`only ${out.length} of ${n} records within ${ms} ms`);
    try {
      out.push(...(await take(consumer, n - out.length, Math.max(1, deadline - Date.now()))));
    } catch (err) {
      if (!(err instanceof KafkaError) || !err.retriable) throw err;
    }
  }
  return out;
}

async function fill(client: Client, topic: string, from: number, n: number): Promise<void> {
  const producer = client.producer({ lingerMs: 1 });
  await producer.send(
    topic,
    Array.from({ length: n }, (_, i) => ({ value: String(from + i), partition: 0 })),
  );
  await producer.close();
}

test('SIGKILL: nextBatch() rejects with a retriable NETWORK_EXCEPTION, then resumes after a restart', async () => {
  let broker: TestBroker = await startTestBroker();
  const client = new Client({ brokers: [broker.address], ...FAST });
  const topic = uniqueTopic('gone');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  await fill(client, topic, 0, 10);
  const consumer = client.consumer({
    autoOffsetReset: 'earliest',
    maxWaitMs: 100,
    brokerUnavailableTimeoutMs: TIMEOUT,
  });
  const errors: Error[] = [];
  consumer.on('error', (err: Error) => errors.push(err));
  consumer.assign([{ topic, partition: 0 }]);
  assert.is((await take(consumer, 10)).length, 10);
  await broker.stop('SIGKILL');
  const started = Date.now();
  const err = await rejection(consumer.nextBatch());
  const took = Date.now() - started;
  assert.is(err.retriable, true);
  assert.is(err.type, 'NETWORK_EXCEPTION', err.message);
  assert.match(err.message, new RegExp(`${topic}-0`));
  assert.ok(took >= TIMEOUT - 200 && took < TIMEOUT + 3000, `rejected after ${took} ms`);
  assert.is(errors.length, 1, "'error' emitted once");
  assert.is(errors[0], err);
  // Restart semantics: keep calling; once the broker is back, records come from the old position.
  broker = await broker.restart();
  await fill(client, topic, 10, 5);
  const more = await takeRetrying(consumer, 5);
  assert.equal(
    more.map((r) => r.value?.toString()),
    ['10', '11', '12', '13', '14'],
  );
  await client.close();
  await broker.destroy();
});

test('SIGSTOP: a hung broker fails run() with a retriable error and a crash event; SIGCONT resumes', async () => {
  const broker = await startTestBroker();
  const client = new Client({ brokers: [broker.address], ...FAST });
  const topic = uniqueTopic('hung');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  await fill(client, topic, 0, 3);
  const consumer = client.consumer({
    autoOffsetReset: 'earliest',
    maxWaitMs: 100,
    brokerUnavailableTimeoutMs: TIMEOUT,
  });
  const crashes: ConsumerCrash[] = [];
  consumer.on('crash', (c: ConsumerCrash) => crashes.push(c));
  consumer.assign([{ topic, partition: 0 }]);
  const seen: string[] = [];
  let stoppedAt = 0;
  const run = consumer.run({
    eachBatch: (b: ConsumerBatch) => {
      for (const r of b.records) seen.push(r.value!.toString());
      if (seen.length === 3 && stoppedAt === 0) {
        broker.proc.kill('SIGSTOP');
        stoppedAt = Date.now();
      }
    },
  });
  try {
    const err = await rejection(run);
    const took = Date.now() - stoppedAt;
    assert.is(err.retriable, true);
    assert.ok(
      err.type === 'REQUEST_TIMED_OUT' || err.type === 'NETWORK_EXCEPTION',
      `a hung broker: ${err.message}`,
    );
    assert.ok(took >= TIMEOUT - 200 && took < TIMEOUT + 4000, `rejected after ${took} ms`);
    assert.is(crashes.length, 1);
    assert.is(crashes[0]!.error, err);
    assert.is(crashes[0]!.restart, true);
    assert.is(crashes[0]!.groupId, null);
  } finally {
    broker.proc.kill('SIGCONT');
  }
  await fill(client, topic, 3, 2);
  const more = await takeRetrying(consumer, 2);
  assert.equal(
    more.map((r) => r.value?.toString()),
    ['3', '4'],
  );
  await client.close();
  await broker.destroy();
});

test('a healthy consumer with nothing to read, or one the application does not drain, never fails', async () => {
  const broker = await startTestBroker();
  const client = new Client({ brokers: [broker.address], ...FAST });
  const topic = uniqueTopic('idle');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  const idle = client.consumer({
    autoOffsetReset: 'earliest',
    maxWaitMs: 300,
    brokerUnavailableTimeoutMs: 400,
  });
  idle.assign([{ topic, partition: 0 }]);
  const got = await Promise.race([
    idle.nextBatch().then(
      () => 'batch',
      (err) => `error ${err}`,
    ),
    new Promise((r) => setTimeout(() => r('quiet'), 2000)),
  ]);
  assert.is(got, 'quiet');
  // Buffers full (maxBufferedFetches) while the application is away is not a stall either.
  for (let i = 0; i < 20; i++) await fill(client, topic, i, 1); // one batch each
  const slow = client.consumer({
    autoOffsetReset: 'earliest',
    maxWaitMs: 50,
    maxPartitionBytes: 200,
    maxBufferedFetches: 1,
    brokerUnavailableTimeoutMs: 300,
  });
  slow.assign([{ topic, partition: 0 }]);
  await slow.nextBatch();
  await new Promise((r) => setTimeout(r, 1500));
  const after = await slow.nextBatch();
  assert.ok(after !== null && after.records.length > 0);
  assert.throws(() => client.consumer({ brokerUnavailableTimeoutMs: 0 }));
  await client.close();
  await broker.destroy();
});

test('group member: SIGKILL makes run() reject (retriable, crash with groupId); run() again resumes', async () => {
  let broker: TestBroker = await startTestBroker(['--group-initial-rebalance-delay-ms', '0']);
  const client = new Client({ brokers: [broker.address], ...FAST });
  const topic = uniqueTopic('group-gone');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  await fill(client, topic, 0, 4);
  const groupId = uniqueTopic('g');
  const member = client.consumer({
    groupId,
    autoOffsetReset: 'earliest',
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    autoCommitIntervalMs: 100,
    brokerUnavailableTimeoutMs: TIMEOUT,
  });
  const crashes: ConsumerCrash[] = [];
  const errors: Error[] = [];
  member.on('crash', (c: ConsumerCrash) => crashes.push(c));
  member.on('error', (e: Error) => errors.push(e));
  member.subscribe([topic]);
  const seen: string[] = [];
  let killedAt = 0;
  const killing: Promise<void>[] = [];
  const err = await rejection(
    member.run({
      eachMessage: async (r) => {
        seen.push(r.value!.toString());
        if (seen.length === 4) {
          await member.commit();
          killedAt = Date.now();
          killing.push(broker.stop('SIGKILL'));
        }
      },
    }),
  );
  await Promise.all(killing);
  const took = Date.now() - killedAt;
  assert.is(err.retriable, true);
  assert.ok(took < TIMEOUT + 4000, `rejected after ${took} ms`);
  assert.is(crashes.length, 1);
  assert.equal({ ...crashes[0]!, error: null }, { error: null, groupId, restart: true });
  assert.ok(errors.length >= 1);
  broker = await broker.restart();
  await fill(client, topic, 4, 2);
  const next: string[] = [];
  let resume!: () => void;
  const gotBoth = new Promise<void>((r) => {
    resume = r;
  });
  // As documented: after a crash with restart: true, call run() again (the broker may take a few windows).
  const again = (async () => {
    for (;;) {
      try {
        await member.run({
          eachMessage: async (r) => {
            next.push(r.value!.toString());
            if (next.length === 2) resume();
          },
        });
        return;
      } catch (err) {
        if (!(err instanceof KafkaError) || !err.retriable) throw err;
      }
    }
  })();
  await Promise.race([
    gotBoth,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`only got ${next}`)), 20_000)),
  ]);
  assert.equal(next, ['4', '5'], 'resumes after the committed offset');
  await member.close();
  await again;
  await client.close();
  await broker.destroy();
});

test('a fatal group error crashes run() with restart: false and emits error', async () => {
  const broker = await startTestBroker(['--group-initial-rebalance-delay-ms', '0']);
  const client = new Client({ brokers: [broker.address], ...FAST });
  const topic = uniqueTopic('fatal');
  await client.admin().createTopics([{ topic, numPartitions: 1 }]);
  await fill(client, topic, 0, 1);
  const groupId = uniqueTopic('g-fatal');
  const first = client.consumer({
    groupId,
    assignors: ['range'],
    autoOffsetReset: 'earliest',
    maxWaitMs: 50,
  });
  first.subscribe([topic]);
  await first[Symbol.asyncIterator]().next(); // in the group, with 'range'
  // No assignor in common with the group: INCONSISTENT_GROUP_PROTOCOL, which no retry can fix.
  const second = client.consumer({ groupId, assignors: ['roundrobin'], maxWaitMs: 50 });
  const crashes: ConsumerCrash[] = [];
  const errors: Error[] = [];
  second.on('crash', (c: ConsumerCrash) => crashes.push(c));
  second.on('error', (e: Error) => errors.push(e));
  second.subscribe([topic]);
  const err = await rejection(second.run({ eachMessage: () => {} }));
  assert.is(err.type, 'INCONSISTENT_GROUP_PROTOCOL');
  assert.is(err.retriable, false);
  assert.equal({ ...crashes[0]!, error: null }, { error: null, groupId, restart: false });
  assert.is(errors[0], err);
  await second.close();
  await first.close();
  await client.close();
  await broker.destroy();
});

test('a hung broker first in the bootstrap list: metadata, admin and a group lookup go to the next one', async () => {
  const hung = await startTestBroker();
  const live = await startTestBroker(['--group-initial-rebalance-delay-ms', '0']);
  const topic = uniqueTopic('hedge');
  hung.proc.kill('SIGSTOP');
  // A long request timeout: without hedging every call below would wait it out on the hung broker first.
  const client = new Client({ ...FAST, brokers: [hung.address, live.address], requestTimeoutMs: 30_000 });
  try {
    const started = Date.now();
    await client.admin().createTopics([{ topic, numPartitions: 1 }]);
    await fill(client, topic, 0, 3);
    const member = client.consumer({ groupId: `g-${topic}`, autoOffsetReset: 'earliest', maxWaitMs: 100 });
    member.subscribe([topic]);
    const got: string[] = [];
    await new Promise<void>((resolve, reject) => {
      member
        .run({
          eachMessage: async (r) => {
            got.push(r.value!.toString());
            if (got.length === 3) resolve();
          },
        })
        .catch(reject);
    });
    await member.close();
    assert.equal(got, ['0', '1', '2']);
    const took = Date.now() - started;
    assert.ok(took < 15_000, `took ${took} ms: a request waited out the hung broker`);
  } finally {
    await client.close();
    hung.proc.kill('SIGCONT');
    await hung.destroy();
    await live.destroy();
  }
});

test.run();
