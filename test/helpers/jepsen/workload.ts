// The clients of a fault run. Producers write unique values (`<producer>-<seq>`) at a steady rate, each to a
// partition chosen round-robin, and record every outcome; a reader then reads every partition from offset 0
// to its high watermark. Runnel's producer is idempotent with acks=all; an optional KafkaJS producer is too.
//
// Outcomes: acknowledged (with partition and offset); failed, only when the record can never have reached a
// broker (refused in send() itself); otherwise indeterminate, since a timed-out or retried batch may have
// been written. Limits: at most `maxOutstanding` unanswered sends per producer (ticks past it are skipped,
// so a stalled cluster does not grow memory), and every send answers within the delivery timeout.
import { Kafka, logLevel } from 'kafkajs';
import { Client, type Producer } from '../../../dist/client/index.js';
import { makeValue, type ReadRecord, type SendRecord } from './history.js';

export interface WorkloadOptions {
  bootstrap: string[];
  topic: string;
  partitions: number;
  /** Runnel producers. */
  producers: number;
  /** Also run one KafkaJS idempotent producer. */
  kafkajs: boolean;
  /** Records per second per producer. */
  rate: number;
  maxOutstanding: number;
  requestTimeoutMs: number;
  deliveryTimeoutMs: number;
}

/** Errors raised by send() itself, before anything went to a broker. */
const NEVER_SENT = /no buffer memory|has no partition|producer is closed/;

interface Sender {
  readonly name: string;
  send(value: string, partition: number): Promise<number>;
  close(): Promise<void>;
}

function runnelSender(name: string, o: WorkloadOptions): Sender {
  const client = new Client({ brokers: o.bootstrap, clientId: name, requestTimeoutMs: o.requestTimeoutMs });
  const producer: Producer = client.producer({
    acks: 'all',
    idempotent: true,
    lingerMs: 2,
    deliveryTimeoutMs: o.deliveryTimeoutMs,
    requestTimeoutMs: o.requestTimeoutMs,
    maxBlockMs: o.deliveryTimeoutMs,
  });
  return {
    name,
    async send(value, partition) {
      const [m] = await producer.send(o.topic, { value, partition });
      return m!.offset;
    },
    close: () => client.close(),
  };
}

function kafkajsSender(name: string, o: WorkloadOptions): Sender {
  const kafka = new Kafka({
    brokers: o.bootstrap,
    clientId: name,
    requestTimeout: o.requestTimeoutMs,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, maxRetryTime: 5000 },
  });
  const connect = () => {
    const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    return p.connect().then(() => p);
  };
  let producer = connect();
  // One send at a time: KafkaJS numbers an idempotent batch per send() call, and concurrent calls may be
  // retried out of order, which it does not promise to prevent.
  let previous: Promise<unknown> = producer;
  return {
    name,
    send(value, partition) {
      const next = previous.then(() => sendOne(value, partition));
      previous = next.catch(() => {});
      return next;
    },
    close: async () => {
      await previous;
      await (await producer.catch(() => null))?.disconnect().catch(() => {});
    },
  };
  async function sendOne(value: string, partition: number): Promise<number> {
    let p: Awaited<typeof producer>;
    try {
      p = await producer;
    } catch (err) {
      producer = connect(); // the cluster was unreachable: try again for the next send
      throw err;
    }
    try {
      const res = await p.send({
        topic: o.topic,
        acks: -1,
        timeout: o.requestTimeoutMs,
        messages: [{ value, partition }],
      });
      return Number(res[0]!.baseOffset);
    } catch (err) {
      // KafkaJS takes back the sequence numbers of a failed send even when the broker wrote it, so its next
      // record to that partition would reuse a sequence the broker already holds and be dropped as a retry
      // (by Kafka too). A new producer (a new producer id) after any failure avoids that.
      producer = p.disconnect().then(connect, connect);
      throw err;
    }
  }
}

export class Workload {
  readonly sends: SendRecord[] = [];
  readonly #o: WorkloadOptions;
  readonly #senders: Sender[] = [];
  readonly #pending = new Set<Promise<void>>();
  #timers: NodeJS.Timeout[] = [];
  #skipped = 0;

  constructor(o: WorkloadOptions) {
    this.#o = o;
    for (let i = 0; i < o.producers; i++) this.#senders.push(runnelSender(`p${i}`, o));
    if (o.kafkajs) this.#senders.push(kafkajsSender('kjs', o));
  }

  /** Ticks skipped because a producer had maxOutstanding sends unanswered. */
  get skipped(): number {
    return this.#skipped;
  }

  start(): void {
    const every = Math.max(1, 1000 / this.#o.rate);
    this.#senders.forEach((sender, index) => {
      let seq = 0;
      let outstanding = 0;
      this.#timers.push(
        setInterval(() => {
          if (outstanding >= this.#o.maxOutstanding) {
            this.#skipped++;
            return;
          }
          const s: SendRecord = {
            producer: sender.name,
            seq,
            value: makeValue(sender.name, seq),
            partition: (seq + index) % this.#o.partitions,
            outcome: 'info',
            offset: -1,
          };
          seq++;
          this.sends.push(s);
          outstanding++;
          const done = sender.send(s.value, s.partition).then(
            (offset) => {
              s.outcome = 'ok';
              s.offset = offset;
            },
            (err: Error) => {
              s.outcome = NEVER_SENT.test(err.message) ? 'fail' : 'info';
              s.error = err.message;
            },
          );
          const tracked = done.finally(() => {
            outstanding--;
            this.#pending.delete(tracked);
          });
          this.#pending.add(tracked);
        }, every),
      );
    });
  }

  /** Stops sending and closes the clients without waiting for answers (a run that failed part way). */
  abort(): void {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    for (const s of this.#senders) void s.close().catch(() => {});
  }

  /** Stops sending, waits for every send to answer (bounded by the delivery timeout), closes the clients. */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    const deadline = new Promise((r) => setTimeout(r, this.#o.deliveryTimeoutMs + 10_000).unref());
    await Promise.race([Promise.all([...this.#pending]), deadline]);
    await Promise.race([Promise.all(this.#senders.map((s) => s.close().catch(() => {}))), deadline]);
  }
}

/**
 * One acks=all write to every partition by a fresh idempotent producer ('probe'), each retried until
 * acknowledged or `limitMs` passes: whether the partitions take writes again once the faults are over (a
 * leader alone, with min.insync.replicas 2, does not). The sends join the history; resolves with how long
 * it took, or -1.
 */
export async function probeWrites(
  bootstrap: string[],
  topic: string,
  partitions: number,
  limitMs: number,
  sends: SendRecord[],
): Promise<number> {
  const start = Date.now();
  const client = new Client({ brokers: bootstrap, clientId: 'checker-probe', requestTimeoutMs: 5000 });
  const producer = client.producer({ acks: 'all', idempotent: true, lingerMs: 0, deliveryTimeoutMs: 10_000 });
  const done = new Set<number>();
  let seq = 0;
  try {
    while (done.size < partitions && Date.now() - start < limitMs) {
      const round = Array.from({ length: partitions }, (_, p) => p).filter((p) => !done.has(p));
      await Promise.all(
        round.map(async (partition) => {
          const s: SendRecord = {
            producer: 'probe',
            seq,
            value: makeValue('probe', seq++),
            partition,
            outcome: 'info',
            offset: -1,
          };
          sends.push(s);
          try {
            const [m] = await producer.send(topic, { value: s.value, partition });
            s.outcome = 'ok';
            s.offset = m!.offset;
            done.add(partition);
          } catch (err) {
            s.error = (err as Error).message;
          }
        }),
      );
    }
  } finally {
    await client.close().catch(() => {});
  }
  return done.size === partitions ? Date.now() - start : -1;
}

/**
 * A consumer reading every partition from offset 0 while the faults run, recording what it was given: a
 * record a consumer saw must still be at its offset at the end (else it read data that was later truncated,
 * above a high watermark). Failures (a partition's leader gone for a while) are retried until stop().
 */
export class LiveReader {
  readonly reads: ReadRecord[] = [];
  readonly #client: Client;
  readonly #done: Promise<void>;
  #stopped = false;
  errors = 0;

  constructor(bootstrap: string[], topic: string, partitions: number) {
    this.#client = new Client({
      brokers: bootstrap,
      clientId: 'checker-live-reader',
      requestTimeoutMs: 5000,
    });
    const consumer = this.#client.consumer({ maxWaitMs: 200, autoOffsetReset: 'earliest' });
    const tps = Array.from({ length: partitions }, (_, partition) => ({ topic, partition }));
    consumer.assign(tps);
    for (const tp of tps) consumer.seek(tp, 0);
    this.#done = (async () => {
      while (!this.#stopped) {
        try {
          const batch = await consumer.nextBatch();
          if (batch === null) return;
          for (const r of batch.records) {
            this.reads.push({
              partition: batch.partition,
              offset: r.offset,
              value: r.value?.toString() ?? '',
            });
          }
        } catch {
          this.errors++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#client.close();
    await this.#done;
  }
}

/**
 * Every record of the topic, from offset 0 up to each partition's end (its high watermark), read through
 * Runnel's consumer. Throws when the read does not reach the end within `timeoutMs`.
 */
export async function readAll(
  bootstrap: string[],
  topic: string,
  ends: Map<number, number>,
  timeoutMs: number,
): Promise<ReadRecord[]> {
  const client = new Client({ brokers: bootstrap, clientId: 'checker-reader' });
  const out: ReadRecord[] = [];
  try {
    const consumer = client.consumer({ maxWaitMs: 100, autoOffsetReset: 'earliest' });
    const waiting = new Set([...ends].filter(([, end]) => end > 0).map(([p]) => p));
    consumer.assign([...waiting].map((partition) => ({ topic, partition })));
    for (const partition of waiting) consumer.seek({ topic, partition }, 0);
    const deadline = Date.now() + timeoutMs;
    while (waiting.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`read did not reach the end of partitions ${[...waiting]}`);
      let timer: NodeJS.Timeout | undefined;
      const batch = await Promise.race([
        consumer.nextBatch(),
        new Promise<null>((r) => {
          timer = setTimeout(() => r(null), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (batch === null) continue;
      const end = ends.get(batch.partition) ?? 0;
      for (const r of batch.records) {
        if (r.offset >= end) break;
        out.push({ partition: batch.partition, offset: r.offset, value: r.value?.toString() ?? '' });
      }
      if (consumer.position({ topic, partition: batch.partition }) >= end) waiting.delete(batch.partition);
    }
  } finally {
    await client.close();
  }
  return out;
}
