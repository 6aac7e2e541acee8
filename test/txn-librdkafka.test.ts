// librdkafka's transactions (confluent-kafka-python, python3-confluent-kafka) against a real broker:
// init_transactions (which used to hang), a committed transaction with send_offsets_to_transaction, an
// aborted one, and a read_committed consumer that sees exactly the committed records. Skips, saying so,
// when no python3 here can import confluent_kafka.
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BrokerProcess, startBroker } from './helpers/broker.js';

const SCRIPT = new URL('./helpers/txn_librdkafka.py', import.meta.url).pathname;

function python(): string | null {
  for (const exe of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(exe, ['-c', 'import confluent_kafka'], { stdio: 'ignore' });
    if (r.status === 0) return exe;
  }
  return null;
}

const exe = python();
let broker: BrokerProcess | null = null;

test.after.each(async () => {
  await broker?.dispose();
  broker = null;
});

test('confluent-kafka-python: init_transactions, commit with offsets, abort, read_committed', async () => {
  if (exe === null) {
    console.log('SKIP: no python3 with confluent_kafka (apt-get install python3-confluent-kafka)');
    return;
  }
  broker = await startBroker([
    '--transaction-state-log-num-partitions',
    '4',
    '--offsets-topic-partitions',
    '4',
    '--num-partitions',
    '1',
  ]);
  const out = await new Promise<string>((resolve, reject) => {
    try {
      resolve(execFileSync(exe, [SCRIPT, broker!.address, 'py-txn-topic'], { timeout: 90_000 }).toString());
    } catch (err) {
      reject(new Error(`${(err as Error).message}\n${String((err as { stdout?: Buffer }).stdout ?? '')}`));
    }
  });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { values: string[]; committed: number };
  assert.equal(
    result.values,
    ['committed-1', 'committed-2'],
    'read_committed sees the committed records only',
  );
  assert.is(result.committed, 2, 'the offset sent in the committed transaction');
});

test.run();
