// The transactional clients of a fault run. Each producer (Runnel's, with a transactional id of its own) runs
// transactions one after another: 1-6 writes to random partitions, then a commit or, one time in four, an
// abort, and records the outcome. A commit or abort that fails leaves the outcome unknown; the producer is
// then replaced by a new one with the same transactional id, which fences the old one and makes the
// coordinator finish whatever it left open. Afterwards a read_committed consumer reads every partition up to
// its last stable offset.
import { Client, type Producer } from '../../../dist/client/index.js';
import { SeededRandom } from '../../../dist/random.js';
import type { ReadRecord } from './history.js';
import { type TxnEnd, type TxnRecord, txnValue } from './txn-checker.js';

export interface TxnWorkloadOptions {
  bootstrap: string[];
  topic: string;
  partitions: number;
  producers: number;
  /** Transactions per second per producer (at most; each waits for the previous one). */
  rate: number;
  /** Seeds the writes' partitions and the commit/abort choice. */
  seed: number;
  requestTimeoutMs: number;
  /** Also the coordinator's transaction timeout, so what a replaced producer left open is aborted by then. */
  transactionTimeoutMs: number;
}

export class TxnWorkload {
  readonly txns: TxnRecord[] = [];
  readonly #o: TxnWorkloadOptions;
  readonly #clients: Client[] = [];
  readonly #loops: Promise<void>[] = [];
  #stopped = false;
  /** Producers replaced after a failed commit or abort. */
  replaced = 0;

  constructor(o: TxnWorkloadOptions) {
    this.#o = o;
  }

  start(): void {
    for (let i = 0; i < this.#o.producers; i++)
      this.#loops.push(this.#run(`tx${i}`, new SeededRandom(this.#o.seed * 31 + i)));
  }

  /** Lets every producer finish its current transaction, then closes them. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#loops);
    await Promise.all(this.#clients.map((c) => c.close().catch(() => {})));
  }

  #producer(name: string): Producer {
    const client = new Client({
      brokers: this.#o.bootstrap,
      clientId: name,
      requestTimeoutMs: this.#o.requestTimeoutMs,
    });
    this.#clients.push(client);
    return client.producer({
      transactionalId: `jepsen-${this.#o.seed}-${name}`,
      transactionTimeoutMs: this.#o.transactionTimeoutMs,
      lingerMs: 1,
      requestTimeoutMs: this.#o.requestTimeoutMs,
      deliveryTimeoutMs: this.#o.transactionTimeoutMs,
      maxBlockMs: this.#o.transactionTimeoutMs,
    });
  }

  async #run(name: string, random: SeededRandom): Promise<void> {
    let producer: Producer | null = null;
    const gap = 1000 / this.#o.rate;
    for (let n = 0; !this.#stopped; n++) {
      const started = Date.now();
      if (producer === null) {
        producer = this.#producer(name);
        try {
          await producer.initTransactions();
        } catch {
          // The coordinator is unreachable for now: a new producer next time.
          await producer.close().catch(() => {});
          producer = null;
          await sleep(200);
          continue;
        }
      }
      const count = 1 + Math.floor(random.next() * 6);
      const abort = random.next() < 0.25;
      const t: TxnRecord = { producer: name, txn: n, outcome: 'unknown', writes: [] };
      for (let i = 0; i < count; i++) {
        t.writes.push({
          value: txnValue(name, n, i),
          partition: Math.floor(random.next() * this.#o.partitions),
          offset: -1,
        });
      }
      this.txns.push(t);
      const p: Producer = producer;
      let failed = false;
      try {
        p.beginTransaction();
        await Promise.all(
          t.writes.map(async (w) => {
            const [m] = await p.send(this.#o.topic, { value: w.value, partition: w.partition });
            w.offset = m!.offset;
          }),
        );
      } catch (err) {
        failed = true;
        t.error = (err as Error).message;
      }
      try {
        if (!failed && !abort) {
          await p.commitTransaction();
          t.outcome = 'committed';
        } else {
          await p.abortTransaction();
          t.outcome = 'aborted';
        }
      } catch (err) {
        t.error = (err as Error).message;
        // The outcome stays unknown; a new producer with the same id fences this one.
        await p.close().catch(() => {});
        producer = null;
        this.replaced++;
      }
      const wait = gap - (Date.now() - started);
      if (wait > 0) await sleep(wait);
    }
    if (producer !== null) await producer.close().catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each partition's high watermark and last stable offset, waiting (up to `limitMs`) for the last stable
 * offset to reach the high watermark: once every producer stopped and their transactions timed out, an LSO
 * still below is a hanging transaction, which the checker reports.
 */
export async function txnEnds(bootstrap: string[], topic: string, limitMs: number): Promise<TxnEnd[]> {
  const client = new Client({ brokers: bootstrap, clientId: 'checker-txn-ends', requestTimeoutMs: 5000 });
  const deadline = Date.now() + limitMs;
  try {
    const admin = client.admin();
    for (;;) {
      let ends: TxnEnd[] | null = null;
      try {
        const hw = await admin.listOffsets(topic, 'latest');
        const lso = await admin.listOffsets(topic, 'latest', undefined, { isolationLevel: 'read_committed' });
        ends = hw.map((h) => ({
          partition: h.partition,
          highWatermark: h.offset,
          lastStableOffset: lso.find((l) => l.partition === h.partition)?.offset ?? -1,
        }));
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (
        ends !== null &&
        (ends.every((e) => e.lastStableOffset >= e.highWatermark) || Date.now() > deadline)
      ) {
        return ends;
      }
      await sleep(500);
    }
  } finally {
    await client.close();
  }
}

/** Every record a read_committed consumer reads from offset 0 up to each partition's last stable offset. */
export async function readCommitted(
  bootstrap: string[],
  topic: string,
  ends: TxnEnd[],
  timeoutMs: number,
): Promise<ReadRecord[]> {
  const client = new Client({ brokers: bootstrap, clientId: 'checker-txn-reader' });
  const out: ReadRecord[] = [];
  try {
    const consumer = client.consumer({
      maxWaitMs: 100,
      autoOffsetReset: 'earliest',
      isolationLevel: 'read_committed',
    });
    const endOf = new Map(ends.map((e) => [e.partition, e.lastStableOffset]));
    const waiting = new Set(ends.filter((e) => e.lastStableOffset > 0).map((e) => e.partition));
    consumer.assign([...waiting].map((partition) => ({ topic, partition })));
    for (const partition of waiting) consumer.seek({ topic, partition }, 0);
    const deadline = Date.now() + timeoutMs;
    while (waiting.size > 0) {
      if (Date.now() > deadline)
        throw new Error(`read_committed did not reach the end of partitions ${[...waiting]}`);
      let timer: NodeJS.Timeout | undefined;
      const batch = await Promise.race([
        consumer.nextBatch(),
        new Promise<null>((r) => {
          timer = setTimeout(() => r(null), 300);
        }),
      ]).finally(() => clearTimeout(timer));
      if (batch !== null) {
        const end = endOf.get(batch.partition) ?? 0;
        for (const r of batch.records) {
          if (r.offset >= end) break;
          out.push({ partition: batch.partition, offset: r.offset, value: r.value?.toString() ?? '' });
        }
      }
      // A partition whose tail is aborted data or markers yields no batch: its position still moves.
      for (const partition of [...waiting]) {
        if (consumer.position({ topic, partition }) >= endOf.get(partition)!) waiting.delete(partition);
      }
    }
  } finally {
    await client.close();
  }
  return out;
}
