// librdkafka's transactions (confluent-kafka-python, python3-confluent-kafka) against a real broker:
// init_transactions (which used to hang), a committed transaction with send_offsets_to_transaction, an
// aborted one begun right after the commit, and a read_committed consumer that sees exactly the committed
// records; on three brokers, librdkafka's abort racing its own AddPartitionsToTxn while the previous
// commit's markers are written, many times (INVALID_TXN_STATE, fatal, within a few rounds before the
// coordinator held such requests until Complete*). Skips, saying so, when no python3 here can import
// confluent_kafka.
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { startCluster, type TestCluster } from './helpers/cluster-procs.js';

const SCRIPT = new URL('./helpers/txn_librdkafka.py', import.meta.url).pathname;
const RACE_SCRIPT = new URL('./helpers/txn_librdkafka_race.py', import.meta.url).pathname;

function python(): string | null {
  for (const exe of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(exe, ['-c', 'import confluent_kafka'], { stdio: 'ignore' });
    if (r.status === 0) return exe;
  }
  return null;
}

const exe = python();
let broker: BrokerProcess | null = null;
let cluster: TestCluster | null = null;

test.after.each(async () => {
  await broker?.dispose();
  broker = null;
  await cluster?.destroy();
  cluster = null;
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

test('confluent-kafka-python on three brokers: abort at once after a commit, 40 rounds, never INVALID_TXN_STATE', async () => {
  if (exe === null) {
    console.log('SKIP: no python3 with confluent_kafka (apt-get install python3-confluent-kafka)');
    return;
  }
  cluster = await startCluster(3, {
    args: [
      '--transaction-state-log-num-partitions',
      '2',
      '--offsets-topic-partitions',
      '2',
      '--num-partitions',
      '3',
      '--default-replication-factor',
      '3',
    ],
  });
  const out = await new Promise<string>((resolve, reject) => {
    try {
      resolve(
        execFileSync(exe, [RACE_SCRIPT, cluster!.bootstrap, 'py-race-topic', '40'], {
          timeout: 150_000,
        }).toString(),
      );
    } catch (err) {
      reject(new Error(`${(err as Error).message}\n${String((err as { stdout?: Buffer }).stdout ?? '')}`));
    }
  });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { done: number; error: string | null };
  assert.equal(result, { done: 40, error: null });
});

test.run();
