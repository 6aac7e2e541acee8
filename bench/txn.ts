// Transactional produce throughput against non-transactional, in one run on one broker: the same records
// (100 bytes by default) sent by Runnel's idempotent acks=all producer, plainly and in transactions of
// --txn-records records (commit after each). Rounds alternate between the two so drift on a shared machine
// hits both; the report gives each side's median records/s and the ratio.
//   npm run build:ts && npm run bench:txn -- [--records 200000] [--txn-records 1000] [--size 100]
//     [--partitions 1] [--rounds 3] [--bootstrap HOST:PORT (else a broker of its own)]
import { Client } from '../dist/client/index.js';
import { flags, num, spawnBroker } from './perf-common.js';

const f = flags({
  records: { type: 'string', default: '200000' },
  'txn-records': { type: 'string', default: '1000' },
  size: { type: 'string', default: '100' },
  partitions: { type: 'string', default: '1' },
  rounds: { type: 'string', default: '3' },
  bootstrap: { type: 'string' },
});
const records = num(f, 'records');
const perTxn = num(f, 'txn-records');
const size = num(f, 'size');
const partitions = num(f, 'partitions');
const rounds = num(f, 'rounds');

const broker = f.bootstrap === undefined ? await spawnBroker() : null;
const bootstrap = (f.bootstrap as string | undefined) ?? broker!.address;
const client = new Client({ brokers: [bootstrap], clientId: 'bench-txn' });
const value = Buffer.alloc(size, 'x');
const batch = Array.from({ length: perTxn }, () => ({ value }));

async function plain(topic: string): Promise<number> {
  const producer = client.producer({ acks: 'all', idempotent: true });
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let sent = 0; sent < records; sent += perTxn) sends.push(producer.send(topic, batch));
  await Promise.all(sends);
  const seconds = (performance.now() - t0) / 1000;
  await producer.close();
  return records / seconds;
}

let txnIds = 0;
async function transactional(topic: string): Promise<number> {
  const producer = client.producer({ transactionalId: `bench-txn-${process.pid}-${txnIds++}` });
  await producer.initTransactions();
  const t0 = performance.now();
  for (let sent = 0; sent < records; sent += perTxn) {
    producer.beginTransaction();
    void producer.send(topic, batch);
    await producer.commitTransaction();
  }
  const seconds = (performance.now() - t0) / 1000;
  await producer.close();
  return records / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const admin = client.admin();
  const plainRates: number[] = [];
  const txnRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['plain', 'txn'] as const) {
      const topic = `bench-txn-${kind}-${process.pid}-${r}`;
      await admin.createTopics([{ topic, numPartitions: partitions, replicationFactor: 1 }]);
      const rate = kind === 'plain' ? await plain(topic) : await transactional(topic);
      (kind === 'plain' ? plainRates : txnRates).push(rate);
      console.log(`round ${r + 1} ${kind.padEnd(5)} ${Math.round(rate).toLocaleString('en-US')} records/s`);
    }
  }
  const p = median(plainRates);
  const t = median(txnRates);
  console.log(
    `\n${records} records of ${size} B, ${partitions} partition(s), transactions of ${perTxn}: ` +
      `plain ${Math.round(p).toLocaleString('en-US')} records/s, transactional ${Math.round(t).toLocaleString('en-US')} records/s, ` +
      `ratio ${(t / p).toFixed(2)} (medians of ${rounds})`,
  );
} finally {
  await client.close();
  await broker?.stop();
}
