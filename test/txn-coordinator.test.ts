// The transaction coordinator's answers one by one (in-memory log, markers that land at once or are held),
// the __transaction_state record layout, and transactional offsets in the group coordinator (pending until
// the marker, replayed with their markers on load).
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GroupCoordinator } from '../dist/broker/groups/coordinator.js';
import type { GroupLog } from '../dist/broker/groups/offsets-topic.js';
import type { OffsetsRecord } from '../dist/broker/groups/records.js';
import type { TransactionConfig } from '../dist/broker/transactions/config.js';
import {
  type MarkerOutcome,
  TransactionCoordinator,
  type TxnMarkers,
} from '../dist/broker/transactions/coordinator.js';
import {
  decodeTxnKey,
  decodeTxnValue,
  encodeTxnKey,
  encodeTxnValue,
  partitionForTransactionalId,
  type StoredTransaction,
  TxnState,
} from '../dist/broker/transactions/records.js';
import { ManualClock } from '../dist/clock.js';
import { ErrorCode, errorName } from '../dist/protocol/errors.js';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

function setup(
  opts: {
    holdMarkers?: boolean;
    maxTimeoutMs?: number;
    /** Called before each producer id allocation resolves (a test can hold it there). */
    beforeAllocate?: () => Promise<void>;
    /** Loads that throw before one succeeds. */
    failLoads?: number;
    config?: Partial<TransactionConfig>;
  } = {},
) {
  const clock = new ManualClock();
  const records: { partition: number; id: string; value: StoredTransaction | null }[] = [];
  const sent: TxnMarkers[] = [];
  const held: (() => void)[] = [];
  let nextPid = 100;
  let loadsFailed = 0;
  const coordinator = new TransactionCoordinator({
    config: {
      transactionStateTopicPartitions: 1,
      maxTimeoutMs: opts.maxTimeoutMs ?? 60_000,
      // Kafka's immediate answers during Prepare*; the wait has its own tests.
      prepareWaitMs: 0,
      ...opts.config,
    },
    clock,
    log: {
      load: async (partition, onRecord) => {
        if ((opts.failLoads ?? 0) > loadsFailed) {
          loadsFailed++;
          throw new Error('EIO: read failed');
        }
        for (const r of records) if (r.partition === partition) onRecord(r.id, r.value);
        return ErrorCode.NONE;
      },
      write: async (partition, _epoch, id, value) => {
        records.push({ partition, id, value });
        return ErrorCode.NONE;
      },
    },
    markers: {
      write: (m: TxnMarkers) =>
        new Promise<MarkerOutcome>((resolve) => {
          sent.push(m);
          if (opts.holdMarkers === true) held.push(() => resolve('done'));
          else resolve('done');
        }),
    },
    allocateProducerId: async () => {
      await opts.beforeAllocate?.();
      return { errorCode: ErrorCode.NONE, producerId: nextPid++ };
    },
    offsetsPartitionFor: () => 7,
  });
  return { clock, coordinator, records, sent, held };
}

// Kafka's TransactionCoordinator, state by request (3.x-4.0: handleAddPartitionsToTransaction,
// handleVerifyPartitionsInTransaction, endTransactionWithTV1 / endTransaction with TV2,
// prepareInitProducerIdTransit), for the id's current producer. Each cell starts from a fresh id.
const E = ErrorCode;
const STATES = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
] as const;
type StateName = (typeof STATES)[number];
type Cell = (c: TransactionCoordinator, id: string, pid: number, epoch: number) => Promise<number>;
const KAFKA_TV1: [string, Cell, Record<StateName, number>][] = [
  [
    'AddPartitionsToTxn, a new partition',
    async (c, id, pid, epoch) => c.addPartitions(id, pid, epoch, [{ topic: 'o', partitions: [1] }]),
    {
      Empty: E.NONE,
      Ongoing: E.NONE,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.NONE,
      CompleteAbort: E.NONE,
    },
  ],
  [
    'AddPartitionsToTxn, a partition already in',
    async (c, id, pid, epoch) => c.addPartitions(id, pid, epoch, [{ topic: 'o', partitions: [0] }]),
    {
      Empty: E.NONE,
      Ongoing: E.NONE,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.NONE,
      CompleteAbort: E.NONE,
    },
  ],
  [
    'AddOffsetsToTxn',
    async (c, id, pid, epoch) => c.addOffsets(id, pid, epoch, 'group'),
    {
      Empty: E.NONE,
      Ongoing: E.NONE,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.NONE,
      CompleteAbort: E.NONE,
    },
  ],
  [
    'AddPartitionsToTxn v4 verifyOnly, a partition in the transaction',
    async (c, id, pid, epoch) => c.verify(id, pid, epoch, [{ topic: 'o', partitions: [0] }])[0]!.errorCode,
    {
      Empty: E.INVALID_TXN_STATE,
      Ongoing: E.NONE,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.INVALID_TXN_STATE,
      CompleteAbort: E.INVALID_TXN_STATE,
    },
  ],
  [
    'EndTxn v0-4 commit',
    async (c, id, pid, epoch) => (await c.endTxn(id, pid, epoch, true, false)).errorCode,
    {
      Empty: E.INVALID_TXN_STATE,
      Ongoing: E.NONE,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.INVALID_TXN_STATE,
      CompleteCommit: E.NONE,
      CompleteAbort: E.INVALID_TXN_STATE,
    },
  ],
  [
    'EndTxn v0-4 abort',
    async (c, id, pid, epoch) => (await c.endTxn(id, pid, epoch, false, false)).errorCode,
    {
      Empty: E.INVALID_TXN_STATE,
      Ongoing: E.NONE,
      PrepareCommit: E.INVALID_TXN_STATE,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.INVALID_TXN_STATE,
      CompleteAbort: E.NONE,
    },
  ],
  [
    'InitProducerId (a new producer)',
    async (c, id) => (await c.initProducerId(id, 5000, -1, -1)).errorCode,
    {
      Empty: E.NONE,
      Ongoing: E.CONCURRENT_TRANSACTIONS,
      PrepareCommit: E.CONCURRENT_TRANSACTIONS,
      PrepareAbort: E.CONCURRENT_TRANSACTIONS,
      CompleteCommit: E.NONE,
      CompleteAbort: E.NONE,
    },
  ],
  [
    'AddPartitionsToTxn from an older epoch',
    async (c, id, pid, epoch) => c.addPartitions(id, pid, epoch - 1, [{ topic: 'o', partitions: [1] }]),
    {
      Empty: E.PRODUCER_FENCED,
      Ongoing: E.PRODUCER_FENCED,
      PrepareCommit: E.PRODUCER_FENCED,
      PrepareAbort: E.PRODUCER_FENCED,
      CompleteCommit: E.PRODUCER_FENCED,
      CompleteAbort: E.PRODUCER_FENCED,
    },
  ],
  [
    'EndTxn v0-4 from another producer id',
    async (c, id, pid, epoch) => (await c.endTxn(id, pid + 1000, epoch, true, false)).errorCode,
    {
      Empty: E.INVALID_PRODUCER_ID_MAPPING,
      Ongoing: E.INVALID_PRODUCER_ID_MAPPING,
      PrepareCommit: E.INVALID_PRODUCER_ID_MAPPING,
      PrepareAbort: E.INVALID_PRODUCER_ID_MAPPING,
      CompleteCommit: E.INVALID_PRODUCER_ID_MAPPING,
      CompleteAbort: E.INVALID_PRODUCER_ID_MAPPING,
    },
  ],
];

/**
 * A fresh id brought to `state` (transaction version 1 ends, or 2 with `tv2`), markers held in Prepare*;
 * returns the producer id and the epoch its producer holds now.
 */
async function bring(
  s: ReturnType<typeof setup>,
  id: string,
  state: StateName,
  tv2 = false,
): Promise<{ pid: number; epoch: number }> {
  const c = s.coordinator;
  const { producerId: pid, producerEpoch } = await c.initProducerId(id, 5000, -1, -1);
  let epoch = producerEpoch;
  if (state === 'Empty') return { pid, epoch };
  assert.is(await c.addPartitions(id, pid, epoch, [{ topic: 'o', partitions: [0] }]), E.NONE);
  if (state === 'Ongoing') return { pid, epoch };
  const commit = state === 'PrepareCommit' || state === 'CompleteCommit';
  const ended = await c.endTxn(id, pid, epoch, commit, tv2);
  assert.is(ended.errorCode, E.NONE);
  epoch = ended.producerEpoch;
  if (state.startsWith('Complete')) {
    s.held.pop()!();
    await flush();
  }
  assert.is(c.describe([id])[0]!.transactionState, state);
  return { pid, epoch };
}

test("Kafka's answers per state (transaction version 1): AddPartitions, AddOffsets, verify, EndTxn, InitProducerId", async () => {
  const s = setup({ holdMarkers: true });
  await s.coordinator.onElection(0, 0);
  const mismatches: string[] = [];
  for (const [request, cell, expected] of KAFKA_TV1) {
    for (const state of STATES) {
      const id = `${request}/${state}`;
      const { pid, epoch } = await bring(s, id, state);
      // An InitProducerId from an ongoing transaction starts an abort whose markers are held: drop them.
      const got = await cell(s.coordinator, id, pid, epoch);
      if (got !== expected[state])
        mismatches.push(`${request} in ${state}: ${errorName(got)}, Kafka ${errorName(expected[state])}`);
    }
  }
  assert.equal(mismatches, []);
});

test("Kafka's transaction version 2 table (EndTxn v5): retries answered by their end, an empty abort bumps the epoch", async () => {
  const s = setup({ holdMarkers: true });
  await s.coordinator.onElection(0, 0);
  // [state, commit?, retry (epoch - 1)?, expected code, epoch bumped in the answer?]
  const table: [StateName, boolean, boolean, number, boolean][] = [
    ['Empty', false, true, E.PRODUCER_FENCED, false],
    ['Empty', false, false, E.NONE, true],
    ['Empty', true, true, E.PRODUCER_FENCED, false],
    ['Empty', true, false, E.INVALID_TXN_STATE, false],
    ['CompleteAbort', false, true, E.NONE, false],
    ['CompleteAbort', false, false, E.NONE, true],
    ['CompleteAbort', true, true, E.INVALID_TXN_STATE, false],
    ['CompleteAbort', true, false, E.INVALID_TXN_STATE, false],
    ['CompleteCommit', false, true, E.INVALID_TXN_STATE, false],
    ['CompleteCommit', false, false, E.NONE, true],
    ['CompleteCommit', true, true, E.NONE, false],
    ['CompleteCommit', true, false, E.INVALID_TXN_STATE, false],
    ['PrepareCommit', true, true, E.CONCURRENT_TRANSACTIONS, false],
    ['PrepareCommit', false, true, E.INVALID_TXN_STATE, false],
    ['PrepareCommit', true, false, E.PRODUCER_FENCED, false],
    ['PrepareAbort', false, true, E.CONCURRENT_TRANSACTIONS, false],
    ['PrepareAbort', true, true, E.INVALID_TXN_STATE, false],
    ['Ongoing', true, false, E.NONE, true],
    ['Ongoing', true, true, E.PRODUCER_FENCED, false],
  ];
  const mismatches: string[] = [];
  for (const [state, commit, retry, code, bumped] of table) {
    const id = `tv2/${state}/${commit}/${retry}`;
    const { pid, epoch } = await bring(s, id, state, true);
    const asked = retry ? epoch - 1 : epoch;
    const r = await s.coordinator.endTxn(id, pid, asked, commit, true);
    const what = `${commit ? 'commit' : 'abort'} ${retry ? 'retry' : 'current'} in ${state}`;
    if (r.errorCode !== code) mismatches.push(`${what}: ${errorName(r.errorCode)}, Kafka ${errorName(code)}`);
    else if (code === E.NONE && r.producerEpoch !== (bumped ? asked + 1 : epoch))
      mismatches.push(`${what}: epoch ${r.producerEpoch}`);
    // An empty abort completes at once (no partitions, no markers).
    if (bumped && state !== 'Ongoing') {
      await flush();
      assert.is(s.coordinator.describe([id])[0]!.transactionState, 'CompleteAbort');
    }
  }
  assert.equal(mismatches, []);
});

test('requests meeting Prepare* wait for Complete* (prepareWaitMs), in arrival order: the librdkafka abort race', async () => {
  const s = setup({ holdMarkers: true, config: { prepareWaitMs: 5000 } });
  const c = s.coordinator;
  await c.onElection(0, 0);
  const { pid, epoch } = await bring(s, 'race', 'PrepareCommit');
  // librdkafka: AddPartitionsToTxn for the next transaction, then at once EndTxn(abort).
  const results: string[] = [];
  const add = c
    .addPartitions('race', pid, epoch, [{ topic: 'o', partitions: [3] }])
    .then((code) => results.push(`add ${errorName(code)}`));
  const abort = c
    .endTxn('race', pid, epoch, false, false)
    .then((r) => results.push(`end ${errorName(r.errorCode)}`));
  await flush();
  assert.equal(results, [], 'both wait while the commit markers are written');
  s.held.pop()!();
  await Promise.all([add, abort]);
  // The add went first; the abort met its write (CONCURRENT_TRANSACTIONS, retriable), not INVALID_TXN_STATE.
  assert.equal(results.sort(), ['add NONE', 'end CONCURRENT_TRANSACTIONS']);
  assert.is((await c.endTxn('race', pid, epoch, false, false)).errorCode, E.NONE, 'the retried abort');
  // At the limit: markers held past prepareWaitMs, the request is answered as Kafka would in Prepare*.
  const late = c.endTxn('race', pid, epoch, true, false);
  s.clock.advance(4999);
  await flush();
  let answered = false;
  void late.then(() => (answered = true));
  await flush();
  assert.not.ok(answered, 'still waiting 1 ms before the limit');
  s.clock.advance(1);
  assert.is((await late).errorCode, E.INVALID_TXN_STATE, 'a commit meeting PrepareAbort, after the wait');
  // A resignation wakes the waiters: they get NOT_COORDINATOR at once.
  const waiting = c.addPartitions('race', pid, epoch, [{ topic: 'o', partitions: [4] }]);
  c.onResignation(0);
  assert.is(await waiting, E.NOT_COORDINATOR);
  assert.throws(() => setup({ config: { prepareWaitMs: -1 } }), RangeError);
});

test('records: Kafka layout round trip, v0 values read, hash partition as Java String.hashCode', () => {
  const value: StoredTransaction = {
    producerId: 1234567890123,
    previousProducerId: 77,
    nextProducerId: -1,
    producerEpoch: 5,
    timeoutMs: 60_000,
    state: TxnState.ONGOING,
    partitions: [{ topic: 'orders', partitions: [0, 3] }],
    lastUpdateTimestamp: 1_700_000_000_123,
    startTimestamp: 1_700_000_000_000,
    clientTransactionVersion: 2,
  };
  assert.equal(decodeTxnValue(encodeTxnValue(value)), value);
  assert.is(decodeTxnKey(encodeTxnKey('tx-ü')), 'tx-ü');
  // A v0 value by hand: int16 0, pid, epoch, timeout, status, [topic, [partitions]], two timestamps.
  const v0 = Buffer.alloc(2 + 8 + 2 + 4 + 1 + 4 + 2 + 1 + 4 + 4 + 8 + 8);
  let o = 0;
  o = v0.writeInt16BE(0, o);
  o = v0.writeBigInt64BE(42n, o);
  o = v0.writeInt16BE(3, o);
  o = v0.writeInt32BE(1000, o);
  o = v0.writeInt8(TxnState.PREPARE_COMMIT, o);
  o = v0.writeInt32BE(1, o);
  o = v0.writeInt16BE(1, o);
  o += v0.write('t', o);
  o = v0.writeInt32BE(1, o);
  o = v0.writeInt32BE(9, o);
  o = v0.writeBigInt64BE(5n, o);
  v0.writeBigInt64BE(4n, o);
  const d = decodeTxnValue(v0)!;
  assert.is(d.producerId, 42);
  assert.is(d.state, TxnState.PREPARE_COMMIT);
  assert.equal(d.partitions, [{ topic: 't', partitions: [9] }]);
  assert.is(d.previousProducerId, -1);
  // "hello".hashCode() is 99162322 in Java.
  assert.is(partitionForTransactionalId('hello', 50), 99162322 % 50);
  assert.is(decodeTxnValue(Buffer.from([0, 9])), null, 'an unknown version is skipped');
});

test('InitProducerId: bad timeout, a new id, epoch bumps, KIP-360 retry, fencing an open transaction', async () => {
  const { coordinator, sent } = setup({ maxTimeoutMs: 10_000 });
  assert.is((await coordinator.initProducerId('tx', 1000, -1, -1)).errorCode, ErrorCode.NOT_COORDINATOR);
  await coordinator.onElection(0, 3);
  assert.is(
    (await coordinator.initProducerId('tx', 10_001, -1, -1)).errorCode,
    ErrorCode.INVALID_TRANSACTION_TIMEOUT,
  );
  assert.is(
    (await coordinator.initProducerId('tx', 0, -1, -1)).errorCode,
    ErrorCode.INVALID_TRANSACTION_TIMEOUT,
  );
  assert.is((await coordinator.initProducerId('', 1000, -1, -1)).errorCode, ErrorCode.INVALID_REQUEST);
  const a = await coordinator.initProducerId('tx', 5000, -1, -1);
  assert.equal(a, { errorCode: ErrorCode.NONE, producerId: 100, producerEpoch: 0 });
  const b = await coordinator.initProducerId('tx', 5000, -1, -1);
  assert.equal(b, { errorCode: ErrorCode.NONE, producerId: 100, producerEpoch: 1 });
  // KIP-360: the producer at epoch 1 asks again; a retry naming the epoch before gets the current one.
  assert.is((await coordinator.initProducerId('tx', 5000, 100, 1)).producerEpoch, 2);
  assert.is((await coordinator.initProducerId('tx', 5000, 100, 1)).producerEpoch, 2, 'a retry of that bump');
  assert.is((await coordinator.initProducerId('tx', 5000, 100, 0)).errorCode, ErrorCode.PRODUCER_FENCED);
  assert.is((await coordinator.initProducerId('tx', 5000, 999, 0)).errorCode, ErrorCode.PRODUCER_FENCED);
  // An open transaction: a new producer aborts it first (CONCURRENT_TRANSACTIONS meanwhile), epoch bumped.
  assert.is(await coordinator.addPartitions('tx', 100, 2, [{ topic: 'o', partitions: [0] }]), ErrorCode.NONE);
  assert.is(
    (await coordinator.initProducerId('tx', 5000, -1, -1)).errorCode,
    ErrorCode.CONCURRENT_TRANSACTIONS,
  );
  await flush();
  const abort = sent.at(-1)!;
  assert.equal(
    [abort.commit, abort.producerId, abort.producerEpoch, abort.coordinatorEpoch],
    [false, 100, 3, 3],
  );
  assert.is(coordinator.describe(['tx'])[0]!.transactionState, 'CompleteAbort');
  assert.equal((await coordinator.initProducerId('tx', 5000, -1, -1)).producerEpoch, 4);
  // The fenced producer (epoch 2) can neither add nor end.
  assert.is(
    await coordinator.addPartitions('tx', 100, 2, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.PRODUCER_FENCED,
  );
  assert.is((await coordinator.endTxn('tx', 100, 2, true, false)).errorCode, ErrorCode.PRODUCER_FENCED);
  assert.is(
    (await coordinator.endTxn('tx', 7, 4, true, false)).errorCode,
    ErrorCode.INVALID_PRODUCER_ID_MAPPING,
  );
});

test('an exhausted epoch gets a new producer id; EndTxn v5 bumps the epoch and markers carry it', async () => {
  const { coordinator, records, sent } = setup();
  await coordinator.onElection(0, 0);
  await coordinator.initProducerId('tx', 5000, -1, -1);
  // Jump the stored state to the epoch limit, as many restarts would, and reload it.
  const last = records.at(-1)!.value!;
  records.push({ partition: 0, id: 'tx', value: { ...last, producerEpoch: 32766 } });
  coordinator.onResignation(0);
  await coordinator.onElection(0, 1);
  const rotated = await coordinator.initProducerId('tx', 5000, -1, -1);
  assert.equal(rotated, { errorCode: ErrorCode.NONE, producerId: 101, producerEpoch: 0 });
  assert.is(records.at(-1)!.value!.previousProducerId, 100);

  assert.is(
    await coordinator.addPartitions('tx', 101, 0, [{ topic: 'o', partitions: [1, 2] }]),
    ErrorCode.NONE,
  );
  const ended = await coordinator.endTxn('tx', 101, 0, true, true);
  assert.equal(ended, { errorCode: ErrorCode.NONE, producerId: 101, producerEpoch: 1 });
  await flush();
  assert.equal([sent.at(-1)!.producerEpoch, sent.at(-1)!.commit], [1, true]);
  assert.equal(sent.at(-1)!.partitions, [{ topic: 'o', partitions: [1, 2] }]);
  // The same end retried with the epoch before: answered with the new one.
  assert.equal(await coordinator.endTxn('tx', 101, 0, true, true), ended);
  // Without a transaction open: a commit is INVALID_TXN_STATE, an abort (Kafka's TV2) ends an empty
  // transaction with the epoch bumped.
  assert.is((await coordinator.endTxn('tx', 101, 1, true, true)).errorCode, ErrorCode.INVALID_TXN_STATE);
  assert.equal(await coordinator.endTxn('tx', 101, 1, false, true), {
    errorCode: ErrorCode.NONE,
    producerId: 101,
    producerEpoch: 2,
  });
});

test('a load that throws leaves the partition unloaded, so the next election loads it', async () => {
  const { coordinator } = setup({ failLoads: 1 });
  assert.is(await coordinator.onElection(0, 0), ErrorCode.KAFKA_STORAGE_ERROR);
  assert.is((await coordinator.initProducerId('tx', 5000, -1, -1)).errorCode, ErrorCode.NOT_COORDINATOR);
  assert.is(await coordinator.onElection(0, 0), ErrorCode.NONE, 'loaded at the same epoch');
  assert.is((await coordinator.initProducerId('tx', 5000, -1, -1)).errorCode, ErrorCode.NONE);
});

test('a transaction begun while InitProducerId allocates a new id makes it CONCURRENT_TRANSACTIONS, not an illegal write', async () => {
  const held: (() => void)[] = [];
  let hold = false;
  const { coordinator, records } = setup({
    beforeAllocate: () => (hold ? new Promise<void>((r) => held.push(r)) : Promise.resolve()),
  });
  await coordinator.onElection(0, 0);
  await coordinator.initProducerId('tx', 5000, -1, -1);
  records.push({ partition: 0, id: 'tx', value: { ...records.at(-1)!.value!, producerEpoch: 32766 } });
  coordinator.onResignation(0);
  await coordinator.onElection(0, 1);
  hold = true;
  const init = coordinator.initProducerId('tx', 5000, -1, -1); // exhausted epoch: allocates a new id
  await flush();
  assert.is(held.length, 1, 'the allocation is held');
  hold = false;
  // The current producer begins a transaction meanwhile.
  assert.is(
    await coordinator.addPartitions('tx', 100, 32766, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.NONE,
  );
  held[0]!();
  assert.is((await init).errorCode, ErrorCode.CONCURRENT_TRANSACTIONS);
  assert.is(records.at(-1)!.value!.state, TxnState.ONGOING, 'nothing illegal was written');
});

test('EndTxn v5 at an exhausted epoch hands out the next producer id, which waits until Complete*', async () => {
  const { coordinator, records, held, sent } = setup({ holdMarkers: true });
  await coordinator.onElection(0, 0);
  await coordinator.initProducerId('tx', 5000, -1, -1);
  records.push({ partition: 0, id: 'tx', value: { ...records.at(-1)!.value!, producerEpoch: 32765 } });
  coordinator.onResignation(0);
  await coordinator.onElection(0, 1);
  assert.is(
    await coordinator.addPartitions('tx', 100, 32765, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.NONE,
  );
  const ended = await coordinator.endTxn('tx', 100, 32765, true, true);
  assert.equal(ended, { errorCode: ErrorCode.NONE, producerId: 101, producerEpoch: 0 });
  // The markers still carry the old producer id, at the bumped epoch.
  assert.equal([sent.at(-1)!.producerId, sent.at(-1)!.producerEpoch], [100, 32766]);
  assert.is(
    await coordinator.addPartitions('tx', 101, 0, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.CONCURRENT_TRANSACTIONS,
  );
  held.shift()!();
  await flush();
  // A retry of that end, from the epoch it was sent with, gets the new id; an older epoch of the old id
  // (a fenced zombie) does not.
  assert.equal(await coordinator.endTxn('tx', 100, 32765, true, true), ended);
  assert.not.equal((await coordinator.endTxn('tx', 100, 5, true, true)).errorCode, ErrorCode.NONE);
  assert.is(await coordinator.addPartitions('tx', 101, 0, [{ topic: 'o', partitions: [0] }]), ErrorCode.NONE);
  assert.is(records.at(-1)!.value!.previousProducerId, 100);
});

test('requests during Prepare* wait (CONCURRENT_TRANSACTIONS); verify-only; timeouts abort and fence', async () => {
  const { coordinator, clock, held, sent } = setup({ holdMarkers: true });
  await coordinator.onElection(0, 0);
  const { producerId } = await coordinator.initProducerId('tx', 1000, -1, -1);
  assert.is(
    await coordinator.addPartitions('tx', producerId, 0, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.NONE,
  );
  assert.equal(
    coordinator.verify('tx', producerId, 0, [{ topic: 'o', partitions: [0, 1] }]).map((r) => r.errorCode),
    [ErrorCode.NONE, ErrorCode.INVALID_TXN_STATE],
  );
  assert.is(
    coordinator.verify('tx', producerId, 9, [{ topic: 'o', partitions: [0] }])[0]!.errorCode,
    ErrorCode.PRODUCER_FENCED,
  );
  assert.is((await coordinator.endTxn('tx', producerId, 0, true, false)).errorCode, ErrorCode.NONE);
  assert.is(
    await coordinator.addPartitions('tx', producerId, 0, [{ topic: 'o', partitions: [1] }]),
    ErrorCode.CONCURRENT_TRANSACTIONS,
  );
  assert.is(
    (await coordinator.endTxn('tx', producerId, 0, true, false)).errorCode,
    ErrorCode.CONCURRENT_TRANSACTIONS,
  );
  assert.is(
    (await coordinator.endTxn('tx', producerId, 0, false, false)).errorCode,
    ErrorCode.INVALID_TXN_STATE,
  );
  assert.equal(coordinator.list(['PrepareCommit', 'Bogus'], [], -1), {
    errorCode: ErrorCode.NONE,
    unknownStateFilters: ['Bogus'],
    transactions: [{ transactionalId: 'tx', producerId, transactionState: 'PrepareCommit' }],
  });
  held.shift()!();
  await flush();
  assert.is(coordinator.describe(['tx'])[0]!.transactionState, 'CompleteCommit');
  assert.is(
    (await coordinator.endTxn('tx', producerId, 0, true, false)).errorCode,
    ErrorCode.NONE,
    'a retried commit',
  );

  // A transaction left open past its 1000 ms timeout is aborted at the next cleanup, with the epoch bumped.
  assert.is(
    await coordinator.addPartitions('tx', producerId, 0, [{ topic: 'o', partitions: [2] }]),
    ErrorCode.NONE,
  );
  coordinator.start();
  clock.advance(1001);
  assert.is(coordinator.runCleanup(), 1);
  await flush();
  assert.equal([sent.at(-1)!.commit, sent.at(-1)!.producerEpoch], [false, 1]);
  held.shift()!();
  await flush();
  const d = coordinator.describe(['tx'])[0]!;
  assert.equal([d.transactionState, d.producerEpoch], ['CompleteAbort', 1]);
  assert.is(
    await coordinator.addPartitions('tx', producerId, 0, [{ topic: 'o', partitions: [0] }]),
    ErrorCode.PRODUCER_FENCED,
  );
  coordinator.close();
});

test('a new coordinator resumes the markers of a Prepare* it loads; an unload drops the old one', async () => {
  const { coordinator, held, sent } = setup({ holdMarkers: true });
  await coordinator.onElection(0, 0);
  const { producerId } = await coordinator.initProducerId('tx', 5000, -1, -1);
  await coordinator.addPartitions('tx', producerId, 0, [{ topic: 'o', partitions: [0] }]);
  await coordinator.endTxn('tx', producerId, 0, false, false);
  assert.is(sent.length, 1);
  coordinator.onResignation(0);
  assert.is(sent[0]!.isCurrent(), false, 'markers of a resigned coordinator are dropped');
  assert.is(coordinator.describe(['tx'])[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
  await coordinator.onElection(0, 1);
  assert.is(sent.length, 2, 'markers sent again by the new coordinator');
  assert.equal([sent[1]!.commit, sent[1]!.coordinatorEpoch], [false, 1]);
  held[1]!();
  await flush();
  assert.is(coordinator.describe(['tx'])[0]!.transactionState, 'CompleteAbort');
});

test('maxTransactionalIds: one more id gets COORDINATOR_NOT_AVAILABLE; the ids held are still served', async () => {
  const { coordinator } = setup({ config: { maxTransactionalIds: 2 } });
  await coordinator.onElection(0, 1);
  assert.is((await coordinator.initProducerId('a', 1000, -1, -1)).errorCode, ErrorCode.NONE);
  assert.is((await coordinator.initProducerId('b', 1000, -1, -1)).errorCode, ErrorCode.NONE);
  assert.is(coordinator.transactionalIdCount, 2);
  assert.is(
    (await coordinator.initProducerId('c', 1000, -1, -1)).errorCode,
    ErrorCode.COORDINATOR_NOT_AVAILABLE,
  );
  assert.is(coordinator.transactionalIdCount, 2, 'the refused id is not held');
  assert.is((await coordinator.initProducerId('a', 1000, -1, -1)).producerEpoch, 1, 'a held id bumps');
});

test('maxPartitionsPerTransaction: an add past it is INVALID_REQUEST and changes nothing; re-adding is fine', async () => {
  const { coordinator } = setup({ config: { maxPartitionsPerTransaction: 3 } });
  await coordinator.onElection(0, 1);
  const { producerId } = await coordinator.initProducerId('tx', 1000, -1, -1);
  const add = (topic: string, partitions: number[]) =>
    coordinator.addPartitions('tx', producerId, 0, [{ topic, partitions }]);
  assert.is(await add('t', [0, 1]), ErrorCode.NONE);
  assert.is(await add('u', [0]), ErrorCode.NONE, 'exactly at the limit');
  assert.is(await add('u', [1]), ErrorCode.INVALID_REQUEST);
  assert.is(await add('t', [0, 1]), ErrorCode.NONE, 'partitions already in do not count again');
  assert.equal(
    coordinator.describe(['tx'])[0]!.topics.map((t) => [t.topic, t.partitions]),
    [
      ['t', [0, 1]],
      ['u', [0]],
    ],
  );
  assert.is(
    await coordinator.addOffsets('tx', producerId, 0, 'group'),
    ErrorCode.INVALID_REQUEST,
    "the group's __consumer_offsets partition counts too",
  );
});

test('transactional offsets: pending until COMMIT, dropped at ABORT, replayed with their markers', async () => {
  const groups = new GroupCoordinator({ config: { offsetsTopicPartitions: 1 } });
  await groups.start();
  const commit = (pid: number, offset: number) =>
    groups.txnCommitOffsets(pid, 0, {
      groupId: 'g',
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [
        {
          name: 't',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: offset,
              committedLeaderEpoch: -1,
              commitTimestamp: -1,
              committedMetadata: '',
            },
          ],
        },
      ],
    });
  const fetched = () =>
    groups.fetchOffsets('g', [{ name: 't', partitionIndexes: [0] }]).topics[0]!.partitions[0]!
      .committedOffset;
  assert.is((await commit(5, 10))[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
  assert.is(fetched(), -1, 'pending offsets are not visible');
  const stable = groups.fetchOffsets('g', [{ name: 't', partitionIndexes: [0] }], true);
  assert.is(stable.topics[0]!.partitions[0]!.errorCode, ErrorCode.UNSTABLE_OFFSET_COMMIT);
  groups.onTxnMarker(0, 5, true);
  assert.is(fetched(), 10);
  await commit(6, 20);
  groups.onTxnMarker(0, 6, false);
  assert.is(fetched(), 10, 'an aborted transaction leaves the offset');

  // Replay: a log with a committed, an aborted and a still-open transaction.
  const offset = (value: number): OffsetsRecord => ({
    kind: 'offset',
    groupId: 'g',
    topic: 't',
    partition: 0,
    value: { offset: value, leaderEpoch: -1, metadata: '', commitTimestamp: 1, expireTimestamp: -1 },
  });
  const log: GroupLog = {
    partitions: 1,
    loadPartition: async (_p, onRecord, onMarker) => {
      onRecord(offset(1), -1, 0);
      onRecord(offset(2), 7, 1);
      onMarker?.(7, true);
      onRecord(offset(3), 8, 3);
      onMarker?.(8, false);
      onRecord(offset(4), 9, 5);
      return ErrorCode.NONE;
    },
    write: async (_g, _r, apply) => {
      apply?.(100);
      return ErrorCode.NONE;
    },
    producerSequence: async () => null,
    recordsInLog: () => 0,
    lastCompactedAt: () => 0,
    compact: async () => ErrorCode.NONE,
  };
  const replayed = new GroupCoordinator({ config: { offsetsTopicPartitions: 1 }, log });
  await replayed.start();
  const got = () =>
    replayed.fetchOffsets('g', [{ name: 't', partitionIndexes: [0] }]).topics[0]!.partitions[0]!
      .committedOffset;
  assert.is(got(), 2, 'committed by its marker; the aborted one dropped; the open one pending');
  replayed.onTxnMarker(0, 9, true);
  assert.is(got(), 4, 'the open transaction commits after the load');
});

test('a plain commit appended after a TxnOffsetCommit wins at its COMMIT marker; one before it loses (Kafka)', async () => {
  const partitionsOf = (offset: number) => [
    {
      partitionIndex: 0,
      committedOffset: offset,
      committedLeaderEpoch: -1,
      commitTimestamp: -1,
      committedMetadata: '',
    },
  ];
  const params = (offset: number) => ({
    groupId: 'g',
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [{ name: 't', partitions: partitionsOf(offset) }],
  });
  const groups = new GroupCoordinator({ config: { offsetsTopicPartitions: 1 } });
  await groups.start();
  const fetched = (g: GroupCoordinator) =>
    g.fetchOffsets('g', [{ name: 't', partitionIndexes: [0] }]).topics[0]!.partitions[0]!.committedOffset;
  // Transaction first, plain commit after it: the plain one stays when the transaction commits.
  await groups.txnCommitOffsets(5, 0, params(10));
  await groups.commitOffsets(params(15));
  assert.is(fetched(groups), 15);
  groups.onTxnMarker(0, 5, true);
  assert.is(fetched(groups), 15, 'the later plain commit wins');
  // Plain commit first, transaction after it: the transaction's offset replaces it.
  await groups.commitOffsets(params(30));
  await groups.txnCommitOffsets(6, 0, params(40));
  groups.onTxnMarker(0, 6, true);
  assert.is(fetched(groups), 40, 'the later transactional commit wins');

  // The same two orders replayed from a log (batch offsets as stored).
  const offset = (value: number): OffsetsRecord => ({
    kind: 'offset',
    groupId: 'g',
    topic: 't',
    partition: 0,
    value: { offset: value, leaderEpoch: -1, metadata: '', commitTimestamp: 1, expireTimestamp: -1 },
  });
  const replayOf = (
    script: (
      onRecord: (r: OffsetsRecord, pid: number, at: number) => void,
      onMarker: (pid: number, commit: boolean) => void,
    ) => void,
  ): GroupLog => ({
    partitions: 1,
    loadPartition: async (_p, onRecord, onMarker) => {
      script(onRecord, (pid, c) => onMarker?.(pid, c));
      return ErrorCode.NONE;
    },
    write: async (_g, _r, apply) => {
      apply?.(1000);
      return ErrorCode.NONE;
    },
    producerSequence: async () => null,
    recordsInLog: () => 0,
    lastCompactedAt: () => 0,
    compact: async () => ErrorCode.NONE,
  });
  const plainLater = new GroupCoordinator({
    config: { offsetsTopicPartitions: 1 },
    log: replayOf((onRecord, onMarker) => {
      onRecord(offset(50), 7, 10);
      onRecord(offset(60), -1, 11);
      onMarker(7, true);
    }),
  });
  await plainLater.start();
  assert.is(fetched(plainLater), 60);
  const txnLater = new GroupCoordinator({
    config: { offsetsTopicPartitions: 1 },
    log: replayOf((onRecord, onMarker) => {
      onRecord(offset(65), -1, 12);
      onRecord(offset(70), 8, 13);
      onMarker(8, true);
    }),
  });
  await txnLater.start();
  assert.is(fetched(txnLater), 70);
  // A transaction still open at load, committed after a plain commit made since: the plain one stays.
  const openAtLoad = new GroupCoordinator({
    config: { offsetsTopicPartitions: 1 },
    log: replayOf((onRecord) => onRecord(offset(80), 9, 20)),
  });
  await openAtLoad.start();
  await openAtLoad.commitOffsets(params(85));
  openAtLoad.onTxnMarker(0, 9, true);
  assert.is(fetched(openAtLoad), 85);
});

test.run();
