// The marker channel over a scripted transport and a ManualClock: markers for one broker go in one
// WriteTxnMarkers, a retriable answer is sent again to the partition's leader then, a deleted partition is
// skipped, TRANSACTION_COORDINATOR_FENCED and INVALID_PRODUCER_EPOCH end the markers as 'fenced' (not
// resent forever), UNSUPPORTED_FOR_MESSAGE_FORMAT counts as written, a coordinator that moved away cancels
// them, and a failed connection is retried after the backoff.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MarkerOutcome, TxnMarkers } from '../dist/broker/transactions/coordinator.js';
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

function setup(maxMarkersPerRequest?: number) {
  const clock = new ManualClock();
  const leaders = new Map<string, number | undefined>();
  const sent: { broker: number; req: WriteTxnMarkersRequest }[] = [];
  /** Per-partition answers to give ("topic-p" -> codes, used in turn; NONE when exhausted). */
  const answers = new Map<string, number[]>();
  let failNext = 0;
  const channel = new TransactionMarkerChannel({
    clock,
    retryBackoffMs: 100,
    requestTimeoutMs: 1000,
    maxMarkersPerRequest,
    leaderOf: (topic, p) => (leaders.has(`${topic}-${p}`) ? leaders.get(`${topic}-${p}`) : -1),
    transport: {
      send: async (broker, req): Promise<WriteTxnMarkersResponse> => {
        sent.push({ broker, req });
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
  return { clock, leaders, sent, answers, channel, failNext: (n: number) => (failNext = n) };
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

test.run();
