// Client traffic for tests that change a cluster under load (rolling restarts, scale-out): Runnel's
// idempotent acks=all producer and KafkaJS's idempotent producer write unique values throughout, a Runnel
// group consumer reads them, and every error any of them surfaces is kept. Afterwards `check` reads the topic
// back with kcat: every acknowledged value (and any `extra`, e.g. kcat's own) exactly once, and every one of
// them seen by the group consumer.
import { createRequire } from 'node:module';
import * as assert from 'uvu/assert';
import type { Client } from '../../dist/client/index.js';
import { kcat, uniqueTopic } from './client-broker.js';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Traffic {
  /** Errors the clients surfaced, as they came. */
  readonly errors: string[];
  /** Values acknowledged so far (Runnel's, then KafkaJS's). */
  acked(): string[];
  /** Stops the producers (the consumer keeps reading until check). */
  stop(): Promise<void>;
  /** After stop: the topic holds every acknowledged value (and `extra`) once, and the group read them all. */
  check(extra?: readonly string[]): Promise<void>;
}

export async function startTraffic(o: {
  client: Client;
  bootstrap: string;
  topic: string;
  partitions: number;
}): Promise<Traffic> {
  const errors: string[] = [];
  let running = true;
  const runnelAcked: string[] = [];
  const kjsAcked: string[] = [];
  const loop = async (every: number, step: (i: number) => Promise<void>) => {
    for (let i = 0; running; i++) {
      await step(i);
      await sleep(every);
    }
  };

  const producer = o.client.producer({ acks: 'all', idempotent: true });
  const kafka = new Kafka({
    clientId: `${o.topic}-kjs`,
    brokers: o.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2000 },
  });
  const kjs = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await kjs.connect();
  const loops = [
    loop(20, async (i) => {
      const records = Array.from({ length: 10 }, (_, j) => ({ value: `r${i * 10 + j}` }));
      try {
        await producer.send(o.topic, records);
        for (const r of records) runnelAcked.push(r.value);
      } catch (err) {
        errors.push(`runnel producer: ${(err as Error).message}`);
      }
    }),
    loop(20, async (i) => {
      // One partition per send: a KafkaJS send over partitions of several leaders that fails at one takes
      // back the sequence numbers of all (README, "Compatibility").
      const partition = i % o.partitions;
      const messages = Array.from({ length: 5 }, (_, j) => ({ value: `k${i * 5 + j}`, partition }));
      try {
        await kjs.send({ topic: o.topic, acks: -1, messages });
        for (const m of messages) kjsAcked.push(m.value);
      } catch (err) {
        errors.push(`kafkajs producer: ${(err as Error).message}`);
      }
    }),
  ];

  const consumer = o.client.consumer({
    groupId: uniqueTopic(`${o.topic}-group`),
    autoOffsetReset: 'earliest',
  });
  consumer.on('error', (err: Error) => errors.push(`runnel group consumer: ${err.message}`));
  consumer.subscribe([o.topic]);
  const consumed = new Set<string>();
  consumer
    .run({
      eachBatch: async (b: { records: { value: Uint8Array | null }[] }) => {
        for (const r of b.records) consumed.add(Buffer.from(r.value!).toString());
      },
    })
    .catch((err: Error) => errors.push(`runnel group consumer stopped: ${err.message}`));

  let stopped: Promise<void> | null = null;
  return {
    errors,
    acked: () => [...runnelAcked, ...kjsAcked],
    stop() {
      running = false;
      stopped ??= Promise.all(loops).then(async () => {
        await producer.close();
        await kjs.disconnect();
      });
      return stopped;
    },
    async check(extra = []) {
      const out = await kcat([
        '-C',
        '-b',
        o.bootstrap,
        '-t',
        o.topic,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-f',
        '%s\\n',
      ]);
      const counts = new Map<string, number>();
      for (const v of out.split('\n').filter((x) => x !== '')) counts.set(v, (counts.get(v) ?? 0) + 1);
      const expected = [...runnelAcked, ...kjsAcked, ...extra];
      const missing = expected.filter((v) => !counts.has(v));
      const twice = [...counts].filter(([, n]) => n > 1).map(([v]) => v);
      assert.equal(
        missing.slice(0, 10),
        [],
        `${missing.length} of ${expected.length} acknowledged values missing`,
      );
      assert.equal(twice.slice(0, 10), [], `${twice.length} values written twice`);
      assert.ok(
        runnelAcked.length > 500 && kjsAcked.length > 200,
        `load ran: ${runnelAcked.length} + ${kjsAcked.length}`,
      );
      const until = Date.now() + 60_000;
      while (expected.some((v) => !consumed.has(v)) && Date.now() < until) await sleep(200);
      const unread = expected.filter((v) => !consumed.has(v));
      assert.equal(
        unread.slice(0, 10),
        [],
        `the group consumer missed ${unread.length} of ${expected.length} values`,
      );
      await consumer.close();
    },
  };
}
