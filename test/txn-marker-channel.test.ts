// The marker channel over a scripted transport and a ManualClock: markers for one broker go in one
// WriteTxnMarkers, a retriable answer is sent again to the partition's leader then, a deleted partition is
// skipped, TRANSACTION_COORDINATOR_FENCED and INVALID_PRODUCER_EPOCH end the markers as 'fenced' (not
// resent forever), UNSUPPORTED_FOR_MESSAGE_FORMAT counts as written, a coordinator that moved away cancels
// them, and a failed connection is retried after the backoff; the bound on markers pending per broker
// (reserve() refuses past it, a down broker's markers are kept and counted, never dropped) and the re-routing
// of markers queued behind a broker whose partitions moved; the coordinator's EndTxn at that bound.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type MarkerOutcome,
  TransactionCoordinator,
  type TxnMarkers,
} from '../dist/broker/transactions/coordinator.js';
import { TransactionMarkerChannel } from '../dist/broker/transactions/marker-channel.js';
import { ManualClock } from '../dist/clock.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import type {
  WriteTxnMarkersRequest,
  WriteTxnMarkersResponse,
} from '../dist/protocol/generated/write-txn-markers.js';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

function setup(maxMarkersPerRequest?: number, maxPendingMarkersPerBroker?: number) {
  const clock = new ManualClock();
  const leaders = new Map<string, number | undefined>();
  const sent: { broker: number; req: WriteTxnMarkersRequest }[] = [];
  /** Per-partition answers to give ("topic-p" -> codes, used in turn; NONE when exhausted). */
  const answers = new Map<string, number[]>();
  let failNext = 0;
  /** Brokers whose connections fail (down). */
  const down = new Set<number>();
  const channel = new TransactionMarkerChannel({
    clock,
    retryBackoffMs: 100,
    requestTimeoutMs: 1000,
    maxMarkersPerRequest,
    maxPendingMarkersPerBroker,
    leaderOf: (topic, p) => (leaders.has(`${topic}-${p}`) ? leaders.get(`${topic}-${p}`) : -1),
    transport: {
      send: async (broker, req): Promise<WriteTxnMarkersResponse> => {
        sent.push({ broker, req });
        if (down.has(broker)) throw new Error('connection refused');
        if (failNext > 0) {
          failNext--;
          throw new Error('connection refused');
        }
        return {
          markers: req.markers.map((m) => ({
            producerId: m.producerId,
            topics: m.topics.map((t) => ({
              name: t.name,
              partitions: t.partitionIndexes.map((p) => ({
                partitionIndex: p,
                errorCode:
                  answers.get(`${t.name}-${p}@${broker}`)?.[0] ??
                  answers.get(`${t.name}-${p}`)?.shift() ??
                  ErrorCode.NONE,
              })),
            })),
          })),
        };
      },
    },
  });
  return { clock, leaders, sent, answers, channel, down, failNext: (n: number) => (failNext = n) };
}

function markers(producerId: number, partitions: [string, number[]][], current = () => true): TxnMarkers {
  return {
    transactionalId: `tx-${producerId}`,
    producerId,
    producerEpoch: 3,
    commit: true,
    coordinatorEpoch: 7,
    partitions: partitions.map(([topic, ps]) => ({ topic, partitions: ps })),
    isCurrent: current,
  };
}

test('one request per broker; a NOT_LEADER partition goes to its new leader; deleted ones are skipped', async () => {
  const s = setup();
  s.leaders.set('a-0', 1);
  s.leaders.set('a-1', 2);
  s.leaders.set('b-0', 1);
  s.leaders.set('gone-0', undefined);
  // Broker 2 no longer leads a-1, whatever it is asked.
  s.answers.set('a-1@2', [ErrorCode.NOT_LEADER_OR_FOLLOWER]);
  const outcomes: MarkerOutcome[] = [];
  void s.channel
    .write(
      markers(10, [
        ['a', [0, 1]],
        ['gone', [0]],
      ]),
    )
    .then((o) => outcomes.push(o));
  void s.channel.write(markers(11, [['b', [0]]])).then((o) => outcomes.push(o));
  await flush();
  const toBroker1 = s.sent.filter((x) => x.broker === 1).flatMap((x) => x.req.markers);
  assert.equal(toBroker1.map((m) => m.producerId).sort(), [10, 11], 'a-0 and b-0 to broker 1');
  assert.ok(
    s.sent.every((x) => x.req.markers.every((m) => m.topics.every((t) => t.name !== 'gone'))),
    'nothing sent for a deleted partition',
  );
  assert.equal(outcomes, ['done'], 'the transaction with a NOT_LEADER partition waits');
  // Leadership moves to broker 3; after the backoff the marker goes there.
  s.leaders.set('a-1', 3);
  s.clock.advance(100);
  await flush();
  const last = s.sent.at(-1)!;
  assert.is(last.broker, 3);
  assert.equal(last.req.markers[0]!.topics, [{ name: 'a', partitionIndexes: [1] }]);
  assert.equal(
    [
      last.req.markers[0]!.coordinatorEpoch,
      last.req.markers[0]!.producerEpoch,
      last.req.markers[0]!.transactionResult,
    ],
    [7, 3, true],
  );
  assert.equal(outcomes.sort(), ['done', 'done']);
  assert.is(s.channel.pendingCount, 0);
});

test('no leader and failed connections are retried; fenced and cancelled markers stop', async () => {
  const s = setup();
  s.leaders.set('a-0', -1);
  let outcome: MarkerOutcome | null = null;
  void s.channel.write(markers(10, [['a', [0]]])).then((o) => (outcome = o));
  await flush();
  assert.is(s.sent.length, 0, 'nothing to send while the partition has no leader');
  s.leaders.set('a-0', 2);
  s.failNext(2);
  s.clock.advance(100);
  await flush();
  s.clock.advance(100);
  await flush();
  assert.is(outcome, null, 'still retrying after two failed connections');
  s.clock.advance(100);
  await flush();
  assert.is(outcome, 'done');
  assert.is(s.sent.length, 3);

  s.leaders.set('b-0', 1);
  s.answers.set('b-0', [ErrorCode.TRANSACTION_COORDINATOR_FENCED]);
  assert.is(await s.channel.write(markers(12, [['b', [0]]])), 'fenced');

  let current = true;
  s.leaders.set('c-0', -1);
  const cancelled = s.channel.write(markers(13, [['c', [0]]], () => current));
  await flush();
  current = false;
  s.clock.advance(100);
  await flush();
  assert.is(await cancelled, 'cancelled');
  s.channel.close();
});

test('a newer producer epoch on the partition stops the markers; an old-format partition counts as written', async () => {
  const s = setup();
  s.leaders.set('a-0', 1);
  s.leaders.set('b-0', 1);
  s.answers.set('a-0', [ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.INVALID_PRODUCER_EPOCH]);
  assert.is(await s.channel.write(markers(20, [['a', [0]]])), 'fenced');
  s.clock.advance(1000);
  await flush();
  assert.is(s.sent.length, 1, 'not sent again');
  s.answers.set('b-0', [ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT]);
  assert.is(await s.channel.write(markers(21, [['b', [0]]])), 'done');
  assert.is(s.channel.pendingCount, 0);
  s.channel.close();
});

test('maxMarkersPerRequest: more transactions than fit go in several requests, one in flight at a time', async () => {
  const s = setup(2);
  s.leaders.set('a-0', 1);
  s.leaders.set('a-1', 1);
  const outcomes: MarkerOutcome[] = [];
  for (let pid = 20; pid < 25; pid++)
    void s.channel.write(markers(pid, [['a', [0, 1]]])).then((o) => outcomes.push(o));
  await flush();
  assert.equal(
    s.sent.map((x) => x.req.markers.map((m) => m.producerId)),
    [[20], [21, 22], [23, 24]],
    'the first goes at once; those written while it is in flight follow two per request',
  );
  assert.ok(s.sent.every((x) => x.req.markers.every((m) => m.topics[0]!.partitionIndexes.length === 2)));
  assert.equal(outcomes, ['done', 'done', 'done', 'done', 'done']);
  assert.is(s.channel.pendingCount, 0);
  assert.throws(() => setup(0), RangeError);
});

test('routing is proportional to what changed: queued partitions are not looked up again per write', async () => {
  const clock = new ManualClock();
  let lookups = 0;
  const release: (() => void)[] = [];
  const channel = new TransactionMarkerChannel({
    clock,
    retryBackoffMs: 100,
    requestTimeoutMs: 1000,
    leaderOf: (topic) => {
      lookups++;
      return topic === 'busy' ? 1 : 2;
    },
    transport: {
      // Broker 1 answers only when released; broker 2 at once.
      send: (broker, req) =>
        new Promise<WriteTxnMarkersResponse>((resolve) => {
          const answer = () =>
            resolve({
              markers: req.markers.map((m) => ({
                producerId: m.producerId,
                topics: m.topics.map((t) => ({
                  name: t.name,
                  partitions: t.partitionIndexes.map((partitionIndex) => ({
                    partitionIndex,
                    errorCode: ErrorCode.NONE,
                  })),
                })),
              })),
            });
          if (broker === 1) release.push(answer);
          else answer();
        }),
    },
  });
  const PARTITIONS = 500;
  const WRITES = 200;
  const all = Array.from({ length: PARTITIONS }, (_, i) => i);
  // Broker 1 busy with the first transaction; the second's 500 partitions wait in its queue.
  const first = channel.write(markers(1, [['busy', [0]]]));
  const second = channel.write(markers(2, [['busy', all]]));
  const others: Promise<MarkerOutcome>[] = [];
  for (let pid = 100; pid < 100 + WRITES; pid++) others.push(channel.write(markers(pid, [['other', [0]]])));
  await flush();
  assert.equal(await Promise.all(others), Array(WRITES).fill('done'));
  assert.is(lookups, 1 + PARTITIONS + WRITES, 'each partition looked up once');
  release.shift()!();
  assert.is(await first, 'done');
  await flush();
  release.shift()!();
  assert.is(await second, 'done');
  assert.is(lookups, 1 + PARTITIONS + WRITES);
  assert.is(channel.pendingCount, 0);
  channel.close();
});

test('maxPendingMarkersPerBroker: a down broker holds its markers, counted; past the bound reserve() refuses', async () => {
  const s = setup(undefined, 3);
  s.leaders.set('a-0', 1);
  s.leaders.set('a-1', 1);
  s.leaders.set('a-2', 1);
  s.leaders.set('b-0', 2);
  s.down.add(1);
  const outcomes = new Map<number, MarkerOutcome>();
  const write = (pid: number, parts: [string, number[]][]) => {
    const r = s.channel.reserve(parts.map(([topic, partitions]) => ({ topic, partitions })));
    if (r === null) return false;
    void s.channel.write(markers(pid, parts), r).then((o) => outcomes.set(pid, o));
    return true;
  };
  assert.ok(write(1, [['a', [0, 1]]]));
  assert.ok(write(2, [['a', [2]]]), 'exactly at the bound: 3 markers for broker 1');
  await flush();
  assert.is(s.channel.pendingFor(1), 3);
  assert.not.ok(write(3, [['a', [0]]]), 'one more for broker 1 is refused');
  assert.ok(write(4, [['b', [0]]]), 'broker 2 is not held up');
  await flush();
  assert.is(outcomes.get(4), 'done');
  // Retried after every backoff, never dropped, still counted on broker 1.
  for (let i = 0; i < 5; i++) {
    s.clock.advance(100);
    await flush();
  }
  assert.is(s.channel.pendingFor(1), 3);
  assert.is(outcomes.size, 1);
  assert.not.ok(write(5, [['a', [1]]]));
  // A refused reservation took nothing; a released one gives its room back.
  const r = s.channel.reserve([{ topic: 'b', partitions: [0] }])!;
  assert.is(s.channel.pendingFor(2), 1);
  r.release();
  r.release();
  assert.is(s.channel.pendingFor(2), 0);
  // Broker 1 is back: every held marker lands and the room is there again.
  s.down.delete(1);
  s.clock.advance(100);
  await flush();
  assert.equal([outcomes.get(1), outcomes.get(2)], ['done', 'done']);
  assert.is(s.channel.pendingFor(1), 0);
  assert.is(s.channel.pendingCount, 0);
  // A transaction with more partitions than the bound goes when nothing is pending for that broker.
  s.leaders.set('a-3', 1);
  assert.ok(write(6, [['a', [0, 1, 2, 3]]]));
  await flush();
  assert.is(outcomes.get(6), 'done');
  s.channel.close();
});

test('markers without a leader count as one destination; queued markers follow their partition to its new leader', async () => {
  const s = setup(undefined, 2);
  s.leaders.set('a-0', -1);
  s.leaders.set('a-1', -1);
  const reservation = s.channel.reserve([{ topic: 'a', partitions: [0, 1] }]);
  assert.ok(reservation !== null);
  const first = s.channel.write(markers(1, [['a', [0, 1]]]), reservation);
  await flush();
  assert.is(s.channel.pendingFor(-1), 2, 'the reservation went to the written markers');
  assert.is(s.channel.reserve([{ topic: 'a', partitions: [0] }]), null);
  s.leaders.set('a-0', 1);
  s.leaders.set('a-1', 1);
  s.clock.advance(100);
  assert.is(await first, 'done');
  assert.is(s.channel.pendingFor(-1), 0);

  // Broker 1 hangs on its request; a second transaction queues behind it.
  const clock = new ManualClock();
  const sent: number[] = [];
  const leaders = new Map([['a-0', 1]]);
  const channel = new TransactionMarkerChannel({
    clock,
    retryBackoffMs: 100,
    requestTimeoutMs: 60_000,
    leaderOf: (topic, p) => leaders.get(`${topic}-${p}`) ?? -1,
    transport: {
      send: (broker, req) => {
        sent.push(broker);
        if (broker === 1) return new Promise<WriteTxnMarkersResponse>(() => {});
        return Promise.resolve({
          markers: req.markers.map((m) => ({
            producerId: m.producerId,
            topics: m.topics.map((t) => ({
              name: t.name,
              partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: 0 })),
            })),
          })),
        });
      },
    },
  });
  void channel.write(markers(1, [['a', [0]]]));
  const second = channel.write(markers(2, [['a', [0]]]));
  await flush();
  assert.equal(sent, [1]);
  assert.is(channel.pendingFor(1), 2);
  channel.rerouteQueued();
  assert.equal(sent, [1], 'nothing moved while the leader stays');
  leaders.set('a-0', 2);
  channel.rerouteQueued();
  assert.is(await second, 'done', 'sent to the new leader without waiting for the hung request');
  assert.equal(sent, [1, 2]);
  assert.is(channel.pendingFor(1), 1, 'the request in flight is still counted');
  channel.close();
});

test('EndTxn at the marker bound: CONCURRENT_TRANSACTIONS and nothing written, until the broker catches up', async () => {
  const clock = new ManualClock();
  const down = new Set([1]);
  const channel = new TransactionMarkerChannel({
    clock,
    retryBackoffMs: 100,
    requestTimeoutMs: 1000,
    maxPendingMarkersPerBroker: 1,
    leaderOf: (topic) => (topic === 'on-down' ? 1 : 2),
    transport: {
      send: async (broker, req) => {
        if (down.has(broker)) throw new Error('connection refused');
        return {
          markers: req.markers.map((m) => ({
            producerId: m.producerId,
            topics: m.topics.map((t) => ({
              name: t.name,
              partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: 0 })),
            })),
          })),
        };
      },
    },
  });
  const states: number[] = [];
  const coordinator = new TransactionCoordinator({
    config: { transactionStateTopicPartitions: 1 },
    clock,
    log: {
      load: async () => ErrorCode.NONE,
      write: async (_p, _e, _id, value) => {
        if (value !== null) states.push(value.state);
        return ErrorCode.NONE;
      },
    },
    markers: channel,
    allocateProducerId: (() => {
      let pid = 100;
      return async () => ({ errorCode: ErrorCode.NONE, producerId: pid++ });
    })(),
    offsetsPartitionFor: () => 0,
  });
  await coordinator.onElection(0, 0);
  const begin = async (id: string, topic: string) => {
    const { producerId } = await coordinator.initProducerId(id, 60_000, -1, -1);
    assert.is(await coordinator.addPartitions(id, producerId, 0, [{ topic, partitions: [0] }]), 0);
    return producerId;
  };
  const p1 = await begin('t1', 'on-down');
  const p2 = await begin('t2', 'on-down');
  const p3 = await begin('t3', 'elsewhere');
  assert.is((await coordinator.endTxn('t1', p1, 0, true, false)).errorCode, ErrorCode.NONE);
  assert.is(channel.pendingFor(1), 1);
  const written = states.length;
  assert.is(
    (await coordinator.endTxn('t2', p2, 0, true, false)).errorCode,
    ErrorCode.CONCURRENT_TRANSACTIONS,
  );
  assert.is(states.length, written, 'no PrepareCommit written for the refused end');
  assert.is(coordinator.describe(['t2'])[0]!.transactionState, 'Ongoing');
  assert.is(
    (await coordinator.endTxn('t3', p3, 0, false, false)).errorCode,
    ErrorCode.NONE,
    'other brokers go on',
  );
  // A timeout abort towards the full broker waits too, and goes once there is room.
  clock.advance(120_000);
  coordinator.runCleanup();
  await flush();
  assert.is(coordinator.describe(['t2'])[0]!.transactionState, 'Ongoing');
  assert.is(coordinator.describe(['t1'])[0]!.transactionState, 'PrepareCommit');
  down.delete(1);
  clock.advance(100);
  await flush();
  assert.is(coordinator.describe(['t1'])[0]!.transactionState, 'CompleteCommit');
  assert.is(channel.pendingFor(1), 0);
  coordinator.runCleanup();
  await flush();
  assert.is(
    coordinator.describe(['t2'])[0]!.transactionState,
    'CompleteAbort',
    'the timed-out one is aborted now',
  );
  coordinator.close();
  channel.close();
});

test.run();
