// KIP-966's unclean recovery on the controller (cluster/metadata/unclean-recovery.ts): when every replica
// that held a partition's committed records restarted uncleanly (ISR and ELR empty), the controller asks
// the live replicas for their last written epoch and log end offset (GetReplicaLogInfo) and elects the
// longest log, instead of the last known ELR member that may have lost the tail another replica kept.
// The manager runs on a ManualClock with a hand-driven network: requests are held until the test answers
// them (or never, as a lost request).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/clock.js';
import {
  alterPartition,
  createTopic,
  DEFAULT_UNCLEAN_RECOVERY,
  fenceBroker,
  type PartitionRegistration,
  type UncleanRecoveryConfig,
  UncleanRecoveryManager,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
import { answerReplicaLogInfo } from '../dist/cluster/replica-log-info.js';
import type {
  GetReplicaLogInfoRequest,
  GetReplicaLogInfoResponse,
} from '../dist/protocol/generated/get-replica-log-info.js';
import { cluster, type Log, restart } from './helpers/metadata-log.js';

const T = 't';

function p(log: Log): PartitionRegistration {
  return log.image.partition(T, 0)!;
}

function shrink(log: Log, isr: number[]): void {
  const x = p(log);
  const d = alterPartition(log.image, x.leader, log.image.brokers.get(x.leader)!.epoch, [
    {
      topicId: log.image.topics.get(T)!.id,
      topicName: null,
      partition: 0,
      leaderEpoch: x.leaderEpoch,
      partitionEpoch: x.partitionEpoch,
      newIsr: isr,
    },
  ]);
  if (!('records' in d)) throw new Error(d.message);
  log.commit({ ok: true, errorCode: 0, records: d.records });
}

/**
 * t on [1, 2, 3], min.insync.replicas 2: 3 falls behind (out of the ISR), 2 goes down (ELR), 2 then 1 come
 * back from power losses. ISR and ELR are empty, the last known ELR is [1]; 2 and 3 never were eligible.
 * Every broker is live again. `recovery`: the controller runs the unclean recovery manager.
 */
function everyHolderLostPower(recovery: boolean): Log {
  const log = cluster([null, null, null]);
  log.commit(
    createTopic(log.image, {
      name: T,
      partitions: 1,
      replicationFactor: -1,
      assignments: [[1, 2, 3]],
      configs: { 'min.insync.replicas': '2' },
    }),
  );
  shrink(log, [1, 2]);
  log.commit(fenceBroker(log.image, 2, recovery));
  assert.equal([...p(log).isr], [1]);
  assert.equal([...p(log).eligibleLeaderReplicas], [2]);
  for (const id of [2, 1]) {
    restart(log, id, false, 10 + id);
    // restart() decides without the flag; the state it leaves is the same either way (nobody is elected).
  }
  for (const id of [1, 2]) {
    log.commit(unfenceBroker(log.image, id, log.image.brokers.get(id)!.epoch, recovery));
  }
  return log;
}

interface Sent {
  brokerId: number;
  request: GetReplicaLogInfoRequest;
  answer: (r: GetReplicaLogInfoResponse) => void;
}

function manager(clock: ManualClock, config: Partial<UncleanRecoveryConfig> = {}) {
  const sent: Sent[] = [];
  const m = new UncleanRecoveryManager({ ...DEFAULT_UNCLEAN_RECOVERY, ...config }, clock, (b, r, a) =>
    sent.push({ brokerId: b, request: r, answer: a }),
  );
  return { m, sent };
}

/** Answers a request as a broker whose log of t-0 ends at `end` in epoch `epoch`. */
function reply(log: Log, s: Sent, epoch: number, end: number): void {
  s.answer(
    answerReplicaLogInfo(
      {
        topicName: (id) => (id === log.image.topics.get(T)!.id ? T : undefined),
        replica: () => ({ logEndOffset: end, latestEpoch: epoch, leaderEpoch: p(log).leaderEpoch }) as never,
      },
      log.image.brokers.get(s.brokerId)!.epoch,
      s.request,
    ),
  );
}

function leaderOf(log: Log, records: ReturnType<UncleanRecoveryManager['poll']>): number {
  log.commitRecords(records);
  return p(log).leader;
}

test('the old rule elects the last known ELR member back, whatever it lost', () => {
  const log = everyHolderLostPower(false);
  assert.is(p(log).leader, 1, 'the last known ELR member leads on its shortened log');
});

test('unclean recovery elects the longest log, not the last known ELR member that lost its tail', () => {
  const log = everyHolderLostPower(true);
  const x = p(log);
  assert.equal(
    { leader: x.leader, isr: [...x.isr], elr: [...x.eligibleLeaderReplicas], lastKnown: [...x.lastKnownElr] },
    { leader: -1, isr: [], elr: [], lastKnown: [1] },
    'left leaderless for the recovery manager',
  );
  const clock = new ManualClock(0);
  const { m, sent } = manager(clock);
  assert.equal(m.poll(log.image), [], 'nothing decided before anyone answers');
  assert.equal(
    sent.map((s) => s.brokerId),
    [1, 2, 3],
    'every live replica asked',
  );
  const [s1, s2, s3] = sent as [Sent, Sent, Sent];
  reply(log, s1, 4, 800); // the last known ELR member, short of its lost tail
  assert.equal(m.poll(log.image), [], 'Balanced waits for the others (within the timeout)');
  reply(log, s3, 4, 1000);
  reply(log, s2, 3, 1200); // longer, but in an older epoch: a stale suffix
  const records = m.poll(log.image);
  assert.is(leaderOf(log, records), 3, 'the replica with the highest (epoch, end offset)');
  const y = p(log);
  assert.equal([...y.isr], [3]);
  assert.equal([...y.lastKnownElr], []);
  assert.ok(y.leaderEpoch > x.leaderEpoch, 'a new leader epoch');
  assert.is(m.recovering, 0);
  assert.is(m.elections, 1);
});

test('Balanced: a silent replica outside the last known ELR is waited for until the timeout; lost requests are sent again', () => {
  const log = everyHolderLostPower(true);
  const clock = new ManualClock(0);
  const { m, sent } = manager(clock, { timeoutMs: 5000, requestTimeoutMs: 1000 });
  m.poll(log.image);
  reply(log, sent[0]!, 4, 800);
  reply(log, sent[1]!, 4, 900);
  // 3's request was lost: after the request timeout it is asked again, and still never answers.
  clock.advance(1000);
  assert.equal(m.poll(log.image), []);
  assert.equal(
    sent.slice(3).map((s) => s.brokerId),
    [3],
  );
  clock.advance(3999);
  assert.equal(m.poll(log.image).length, 0, 'still within the timeout');
  clock.advance(1);
  assert.is(leaderOf(log, m.poll(log.image)), 2, 'the longest of those that answered');
});

test('Balanced waits for the whole last known ELR, live and answered; Aggressive takes the first answer', () => {
  const log = everyHolderLostPower(true);
  log.commit(fenceBroker(log.image, 1, true)); // the last known ELR member is down again
  const clock = new ManualClock(0);
  const balanced = manager(clock);
  assert.equal(balanced.m.poll(log.image), []);
  assert.equal(balanced.sent, [], 'nobody asked while a last known ELR member is down');
  clock.advance(60_000);
  assert.equal(balanced.m.poll(log.image), [], 'however long it takes');
  const aggressive = manager(clock, { strategy: 'Aggressive' });
  aggressive.m.poll(log.image);
  assert.equal(
    aggressive.sent.map((s) => s.brokerId),
    [2, 3],
  );
  reply(log, aggressive.sent[1]!, 4, 10);
  assert.is(leaderOf(log, aggressive.m.poll(log.image)), 3, 'the first live replica to answer');
  const none = manager(clock, { strategy: 'None' });
  const log2 = everyHolderLostPower(true);
  assert.equal(none.m.poll(log2.image), []);
  assert.equal(none.sent, [], 'None asks nobody: the partition waits for ElectLeaders');
});

test('Balanced counts its timeout from when the last known ELR is all live; a replica not ready is asked again soon', () => {
  const log = everyHolderLostPower(true);
  log.commit(fenceBroker(log.image, 1, true));
  const clock = new ManualClock(0);
  const { m, sent } = manager(clock, { timeoutMs: 30_000, requestTimeoutMs: 2000 });
  m.poll(log.image);
  clock.advance(60_000); // the round has existed for a minute, waiting for 1
  m.poll(log.image);
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch, true));
  m.poll(log.image);
  assert.equal(
    sent.map((s) => s.brokerId),
    [1, 2, 3],
  );
  reply(log, sent[0]!, 4, 800);
  reply(log, sent[1]!, 4, 900);
  // 3 is live but its log is still opening after a restart: REPLICA_NOT_AVAILABLE.
  sent[2]!.answer(
    answerReplicaLogInfo(
      { topicName: () => T, replica: () => ({ logEndOffset: -1, latestEpoch: -1, leaderEpoch: 0 }) as never },
      log.image.brokers.get(3)!.epoch,
      sent[2]!.request,
    ),
  );
  assert.equal(m.poll(log.image), [], 'not decided: 3 gets its time from when 1 came back');
  assert.equal(sent.length, 3, 'not asked again at once (an instant error would loop)');
  clock.advance(250);
  m.poll(log.image);
  assert.equal(
    sent.slice(3).map((s) => s.brokerId),
    [3],
    'asked again a poll interval later',
  );
  reply(log, sent[3]!, 4, 1500);
  assert.is(leaderOf(log, m.poll(log.image)), 3, 'the longest log, once it could answer');
});

test('an answer from a broker that has registered again since does not count', () => {
  const log = everyHolderLostPower(true);
  const clock = new ManualClock(0);
  const { m, sent } = manager(clock, { requestTimeoutMs: 1000 });
  m.poll(log.image);
  reply(log, sent[1]!, 4, 800);
  reply(log, sent[2]!, 4, 900);
  const stale = sent[0]!;
  // 1 restarts before its answer arrives: the answer speaks of the log it had under its old epoch.
  restart(log, 1, false, 31);
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch, true));
  stale.answer(
    answerReplicaLogInfo(
      {
        topicName: () => T,
        replica: () => ({ logEndOffset: 5000, latestEpoch: 9, leaderEpoch: 0 }) as never,
      },
      log.image.brokers.get(1)!.epoch - 1,
      stale.request,
    ),
  );
  assert.equal(m.poll(log.image), [], 'the stale answer was dropped; 1 is asked again');
  clock.advance(1000);
  m.poll(log.image);
  const again = sent.filter((s) => s.brokerId === 1);
  assert.is(again.length, 2);
  reply(log, again[1]!, 4, 700);
  assert.is(leaderOf(log, m.poll(log.image)), 3);
});

test('GetReplicaLogInfo answers: unknown topic id, a partition not hosted, a log not open yet, and the limit', () => {
  const state = { logEndOffset: 42, latestEpoch: 7, leaderEpoch: 9 };
  const src = {
    topicName: (id: string) => (id === 'AAAAAAAAAAAAAAAAAAAAAA' ? T : undefined),
    replica: (_t: string, partition: number) =>
      (partition === 0 ? state : partition === 1 ? { ...state, logEndOffset: -1 } : undefined) as never,
  };
  const res = answerReplicaLogInfo(src, 17, {
    topicPartitions: [
      { topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [0, 1, 2] },
      { topicId: 'BBBBBBBBBBBBBBBBBBBBBB', partitions: [0] },
    ],
  });
  assert.is(res.brokerEpoch, 17);
  assert.is(res.truncated, false);
  const infos = res.topicPartitionLogInfoList.flatMap((t) => t.partitionLogInfo);
  assert.equal(
    infos.map((i) => [i.partition, i.errorCode, i.lastWrittenLeaderEpoch, i.logEndOffset]),
    [
      [0, 0, 7, 42],
      [1, 9, -1, -1], // REPLICA_NOT_AVAILABLE
      [2, 3, -1, -1], // UNKNOWN_TOPIC_OR_PARTITION
      [0, 100, -1, -1], // UNKNOWN_TOPIC_ID
    ],
  );
  assert.is(infos[0]!.currentLeaderEpoch, 9);
  const capped = answerReplicaLogInfo(
    src,
    17,
    { topicPartitions: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [0, 0, 0] }] },
    2,
  );
  assert.is(capped.truncated, true);
  assert.is(capped.topicPartitionLogInfoList[0]!.partitionLogInfo.length, 2);
  assert.equal(answerReplicaLogInfo(src, 1, { topicPartitions: null }).topicPartitionLogInfoList, []);
});

test('requests hold at most maxPartitionsPerRequest partitions', () => {
  const log = cluster([null, null]);
  log.commit(
    createTopic(log.image, {
      name: T,
      partitions: 5,
      replicationFactor: -1,
      assignments: [
        [1, 2],
        [1, 2],
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      configs: {},
    }),
  );
  // Both replicas of every partition restart uncleanly: ISR and ELR empty everywhere.
  restart(log, 2, false, 21);
  restart(log, 1, false, 22);
  for (const id of [1, 2]) log.commit(unfenceBroker(log.image, id, log.image.brokers.get(id)!.epoch, true));
  assert.is(log.image.partition(T, 4)!.leader, -1, 'left to the recovery');
  const clock = new ManualClock(0);
  const { m, sent } = manager(clock, { maxPartitionsPerRequest: 2 });
  m.poll(log.image);
  for (const broker of [1, 2]) {
    assert.equal(
      sent
        .filter((s) => s.brokerId === broker)
        .map((s) => s.request.topicPartitions!.flatMap((t) => t.partitions).length),
      [2, 2, 1],
      `broker ${broker}`,
    );
  }
  for (const s of sent) reply(log, s, 0, 0);
  assert.is(m.poll(log.image).length, 5, 'every partition elected once all answered');
});

test('a partition with one replica leads again when that replica is back, without a recovery round', () => {
  const log = cluster([null]);
  log.commit(
    createTopic(log.image, {
      name: T,
      partitions: 3,
      replicationFactor: -1,
      assignments: [[1], [1], [1]],
      configs: {},
    }),
  );
  restart(log, 1, false, 21); // replication factor 1: every partition's ISR empties
  log.commit(unfenceBroker(log.image, 1, log.image.brokers.get(1)!.epoch, true));
  for (let i = 0; i < 3; i++) assert.is(log.image.partition(T, i)!.leader, 1, `partition ${i}`);
  const { m, sent } = manager(new ManualClock(0));
  assert.equal(m.poll(log.image), []);
  assert.equal(sent, [], 'nothing to ask');
});

test.run();
