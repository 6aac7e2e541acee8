// Partition reassignment and broker unregistration, the controller's decisions: requests and ISR changes
// in, records through their frames, the image out (as every broker applies it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AlterPartitionItem,
  alterPartition,
  alterPartitionReassignments,
  completeOnAlterPartition,
  completeReassignments,
  createPartitions,
  createTopic,
  fenceBroker,
  imageFromSnapshot,
  imageToSnapshot,
  listPartitionReassignments,
  type ReassignmentAsk,
  unfenceBroker,
  unregisterBroker,
} from '../dist/cluster/metadata/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { cluster, type Log } from './helpers/metadata-log.js';

/** Brokers 1..n, unfenced, and topic t with one partition on `replicas` (leader first). */
function setup(n: number, replicas: number[], configs: Record<string, string> = {}): Log {
  const log = cluster(Array.from({ length: n }, () => null));
  log.commit(
    createTopic(log.image, {
      name: 't',
      partitions: 1,
      replicationFactor: -1,
      assignments: [replicas],
      configs,
    }),
  );
  return log;
}

function reassign(log: Log, asks: ReassignmentAsk[]): { errorCode: number; message: string | null }[] {
  const d = alterPartitionReassignments(log.image, asks);
  log.commitRecords(d.records);
  return d.outcomes.map((o) => ({ errorCode: o.errorCode, message: o.message }));
}

/** The partition's leader asks for `isr` (AlterPartition), with the completion the controller adds. */
function alterIsr(log: Log, isr: number[]) {
  const p = log.image.partition('t', 0)!;
  const items: AlterPartitionItem[] = [
    {
      topicId: log.image.topics.get('t')!.id,
      topicName: null,
      partition: 0,
      leaderEpoch: p.leaderEpoch,
      partitionEpoch: p.partitionEpoch,
      newIsr: isr,
    },
  ];
  const d = alterPartition(log.image, p.leader, log.image.brokers.get(p.leader)!.epoch, items);
  if (!('records' in d)) throw new Error(`AlterPartition refused: ${d.message}`);
  const c = completeOnAlterPartition(log.image, items, d.records, d.outcomes);
  log.commitRecords(c.records);
  return c.outcomes[0]!;
}

const view = (log: Log) => {
  const p = log.image.partition('t', 0)!;
  return {
    replicas: [...p.replicas],
    isr: [...p.isr],
    adding: [...p.addingReplicas],
    removing: [...p.removingReplicas],
    leader: p.leader,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch,
  };
};

test('a move off the leader: union while moving, then target replicas, a target leader, epoch bumped', () => {
  const log = setup(4, [1, 2, 3]);
  assert.equal(reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3, 4] }]), [
    { errorCode: 0, message: null },
  ]);
  // Target order and original order both kept in the union (a cancel restores [1, 2, 3]).
  assert.equal(view(log), {
    replicas: [1, 2, 3, 4],
    isr: [1, 2, 3],
    adding: [4],
    removing: [1],
    leader: 1,
    leaderEpoch: 0,
    partitionEpoch: 1,
  });
  assert.equal(listPartitionReassignments(log.image, null), [
    { topic: 't', partition: 0, replicas: [1, 2, 3, 4], addingReplicas: [4], removingReplicas: [1] },
  ]);
  // Growing the topic meanwhile places new partitions with the target's replication factor (not the union's).
  const grown = createPartitions(log.image, 't', 2);
  assert.ok(grown.ok);
  assert.is((grown.records[0]!.record as { replicas: number[] }).replicas.length, 3);
  // Broker 4 caught up: the leader takes it in, and that change completes the move in one record.
  const outcome = alterIsr(log, [1, 2, 3, 4]);
  assert.equal(view(log), {
    replicas: [2, 3, 4],
    isr: [2, 3, 4],
    adding: [],
    removing: [],
    leader: 2,
    leaderEpoch: 1,
    partitionEpoch: 2,
  });
  assert.equal(
    [outcome.errorCode, outcome.leader, outcome.leaderEpoch, outcome.partitionEpoch, [...outcome.isr]],
    [0, 2, 1, 2, [2, 3, 4]],
    'the answer says the partition as committed',
  );
  assert.equal(listPartitionReassignments(log.image, null), []);
});

test('only removing completes at once (epoch bumped); only adding waits for the ISR (no bump)', () => {
  const log = setup(3, [1, 2, 3]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [1, 2] }]);
  assert.equal(view(log), {
    replicas: [1, 2],
    isr: [1, 2],
    adding: [],
    removing: [],
    leader: 1,
    leaderEpoch: 1,
    partitionEpoch: 1,
  });
  reassign(log, [{ topic: 't', partition: 0, replicas: [1, 2, 3] }]);
  assert.equal(view(log).adding, [3]);
  assert.equal(view(log).leaderEpoch, 1);
  alterIsr(log, [1, 2, 3]);
  assert.equal(view(log), {
    replicas: [1, 2, 3],
    isr: [1, 2, 3],
    adding: [],
    removing: [],
    leader: 1,
    leaderEpoch: 1,
    partitionEpoch: 3,
  });
});

test('cancel reverts to the original replica set; cancelling nothing is NO_REASSIGNMENT_IN_PROGRESS', () => {
  const log = setup(5, [1, 2, 3]);
  assert.is(
    reassign(log, [{ topic: 't', partition: 0, replicas: null }])[0]!.errorCode,
    ErrorCode.NO_REASSIGNMENT_IN_PROGRESS,
  );
  reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3, 4] }]);
  assert.equal(reassign(log, [{ topic: 't', partition: 0, replicas: null }]), [
    { errorCode: 0, message: null },
  ]);
  // The set goes back in its original order.
  assert.equal(view(log), {
    replicas: [1, 2, 3],
    isr: [1, 2, 3],
    adding: [],
    removing: [],
    leader: 1,
    leaderEpoch: 1, // broker 4 left the replicas: fenced by the new epoch
    partitionEpoch: 2,
  });
  // A newcomer already in the ISR leaves it on cancel.
  reassign(log, [{ topic: 't', partition: 0, replicas: [4, 5] }]);
  alterIsr(log, [1, 2, 3, 4]);
  assert.equal(
    [view(log).isr, view(log).adding],
    [
      [1, 2, 3, 4],
      [4, 5],
    ],
  );
  reassign(log, [{ topic: 't', partition: 0, replicas: null }]);
  assert.equal([view(log).replicas, view(log).isr, view(log).adding], [[1, 2, 3], [1, 2, 3], []]);
});

test('cancel restores the original order; a move that reorders the replicas it keeps falls back to the union order', () => {
  const log = setup(4, [3, 1, 2]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [1, 2, 4] }]);
  assert.equal(view(log).replicas, [3, 1, 2, 4], 'both orders kept: 3, 1, 2 and 1, 2, 4');
  reassign(log, [{ topic: 't', partition: 0, replicas: null }]);
  assert.equal(view(log).replicas, [3, 1, 2], 'was [1, 2, 3], the union order, before the fix');
  // Completion gives the target's order.
  reassign(log, [{ topic: 't', partition: 0, replicas: [4, 2, 1] }]);
  alterIsr(log, [3, 1, 2, 4]);
  assert.equal(view(log).replicas, [4, 2, 1]);
  // [4, 2, 1] -> [1, 2, 3]: 2 and 1 swap, so no list keeps both orders: the target first, as Kafka.
  reassign(log, [{ topic: 't', partition: 0, replicas: [1, 2, 3] }]);
  assert.equal(view(log).replicas, [1, 2, 3, 4]);
  reassign(log, [{ topic: 't', partition: 0, replicas: null }]);
  assert.equal(view(log).replicas, [1, 2, 4]);
});

test('KIP-860: allowReplicationFactorChange false refuses a target of another size (INVALID_REPLICATION_FACTOR)', () => {
  const log = setup(5, [1, 2, 3]);
  const ask = (replicas: number[] | null, allow?: boolean): ReassignmentAsk => ({
    topic: 't',
    partition: 0,
    replicas,
    allowReplicationFactorChange: allow,
  });
  const before = view(log);
  assert.is(reassign(log, [ask([1, 2, 3, 4], false)])[0]!.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
  assert.is(reassign(log, [ask([1, 2], false)])[0]!.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
  assert.equal(view(log), before, 'nothing changed');
  // The same size passes, counted from the original replicas while a move runs; a cancel always passes.
  assert.is(reassign(log, [ask([2, 3, 4], false)])[0]!.errorCode, ErrorCode.NONE);
  assert.is(reassign(log, [ask([3, 4, 5], false)])[0]!.errorCode, ErrorCode.NONE);
  assert.is(reassign(log, [ask([3, 4, 5, 1], false)])[0]!.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
  assert.is(reassign(log, [ask(null, false)])[0]!.errorCode, ErrorCode.NONE);
  // Allowed (the default, and v0): the size may change.
  assert.is(reassign(log, [ask([1, 2, 3, 4])])[0]!.errorCode, ErrorCode.NONE);
  assert.equal(view(log).adding, [4]);
});

test('a new target while one runs is counted from the original replicas', () => {
  const log = setup(5, [1, 2, 3]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3, 4] }]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [3, 4, 5] }]);
  const v = view(log);
  assert.equal(
    [v.replicas, v.adding, v.removing, v.isr, v.leader],
    [[1, 2, 3, 4, 5], [4, 5], [1, 2], [1, 2, 3], 1],
  );
  alterIsr(log, [1, 2, 3, 4]);
  assert.equal(view(log).adding, [4, 5], 'one of two newcomers in: still moving');
  alterIsr(log, [1, 2, 3, 4, 5]);
  assert.equal([view(log).replicas, view(log).isr, view(log).leader], [[3, 4, 5], [3, 4, 5], 3]);
});

test('bad requests get Kafka codes per partition, and change nothing', () => {
  const log = setup(4, [1, 2, 3]);
  log.commit(fenceBroker(log.image, 4));
  const before = view(log);
  const codes = reassign(log, [
    { topic: 'nope', partition: 0, replicas: [1] },
    { topic: 't', partition: 7, replicas: [1] },
    { topic: 't', partition: 0, replicas: [] },
  ]).map((o) => o.errorCode);
  assert.equal(codes, [
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.INVALID_REPLICA_ASSIGNMENT,
  ]);
  for (const replicas of [[1, 1, 2], [1, 2, 9], [4]]) {
    const o = reassign(log, [{ topic: 't', partition: 0, replicas }])[0]!;
    assert.is(o.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT, `[${replicas}]: ${o.message}`);
  }
  const twice = reassign(log, [
    { topic: 't', partition: 0, replicas: [1, 2] },
    { topic: 't', partition: 0, replicas: [2, 3] },
  ]);
  assert.equal(
    twice.map((o) => o.errorCode),
    [ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST],
  );
  assert.equal(view(log), before);
});

test('going back is refused where only newcomers are in the ISR (an unclean election)', () => {
  const log2 = setup(3, [1]);
  reassign(log2, [{ topic: 't', partition: 0, replicas: [2] }]); // [2, 1], adding [2]
  assert.equal(view(log2).replicas, [2, 1]);
  log2.commitRecords(
    alterPartitionReassignments(log2.image, [{ topic: 't', partition: 0, replicas: [2, 3] }]).records,
  );
  assert.equal(view(log2).adding, [2, 3]);
  alterIsr(log2, [1, 2]); // 2 in, 3 not yet: still moving
  log2.commit(fenceBroker(log2.image, 1)); // 2 leads alone; the original replica 1 is out
  assert.equal([view(log2).leader, view(log2).isr], [2, [2]]);
  const o = reassign(log2, [{ topic: 't', partition: 0, replicas: null }])[0]!;
  assert.is(o.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT, o.message ?? '');
  assert.equal(view(log2).replicas, [2, 3, 1], 'nothing changed');
});

test('a move waits for every target replica in the ISR, through fencing and unfencing', () => {
  const log = setup(3, [1, 2]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3] }]); // [2, 3, 1], adding [3], removing [1]
  log.commit(fenceBroker(log.image, 2)); // ISR [1]
  alterIsr(log, [1, 3]);
  log.commit(fenceBroker(log.image, 3)); // ISR [1]: 3 left it
  alterIsr(log, [1]); // nothing to do
  assert.equal(view(log).adding, [3]);
  const b2 = log.image.brokers.get(2)!;
  const b3 = log.image.brokers.get(3)!;
  log.commit(unfenceBroker(log.image, 3, b3.epoch));
  alterIsr(log, [1, 3]);
  assert.equal(view(log).adding, [3], 'target 2 still out of the ISR');
  log.commit(unfenceBroker(log.image, 2, b2.epoch));
  alterIsr(log, [1, 2, 3]);
  assert.equal([view(log).replicas, view(log).leader], [[2, 3], 2]);
  assert.equal(completeReassignments(log.image), []);
});

test('eligible leader replicas (KIP-966) that a move takes away leave the ELR with it', () => {
  const log = setup(4, [1, 2, 3], { 'min.insync.replicas': '3' });
  log.commit(fenceBroker(log.image, 3)); // ISR [1, 2] is under the minimum: 3 keeps everything, joins the ELR
  assert.equal([...log.image.partition('t', 0)!.eligibleLeaderReplicas], [3]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [1, 2, 4] }]);
  assert.equal([...log.image.partition('t', 0)!.eligibleLeaderReplicas], [3], 'still a replica while moving');
  alterIsr(log, [1, 2, 4]);
  const p = log.image.partition('t', 0)!;
  assert.equal([[...p.replicas], [...p.isr], [...p.eligibleLeaderReplicas]], [[1, 2, 4], [1, 2, 4], []]);
  // A move that only removes the ELR member completes at once and takes it out of the ELR.
  const log2 = setup(3, [1, 2, 3], { 'min.insync.replicas': '3' });
  log2.commit(fenceBroker(log2.image, 3));
  assert.equal(reassign(log2, [{ topic: 't', partition: 0, replicas: [1, 2] }]), [
    { errorCode: 0, message: null },
  ]);
  const q = log2.image.partition('t', 0)!;
  assert.equal([[...q.replicas], [...q.eligibleLeaderReplicas], [...q.lastKnownElr]], [[1, 2], [], []]);
});

test('the image keeps a reassignment in progress across a snapshot', () => {
  const log = setup(4, [1, 2, 3]);
  reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3, 4] }]);
  const restored = imageFromSnapshot(imageToSnapshot(log.image), log.image.offset);
  const p = restored.partition('t', 0)!;
  assert.equal([p.replicas, p.addingReplicas, p.removingReplicas], [[1, 2, 3, 4], [4], [1]]);
});

test('UnregisterBroker: only a shut-down broker hosting no replica', () => {
  const log = setup(4, [1, 2, 3]);
  const refuse = (id: number) => {
    const r = unregisterBroker(log.image, id);
    return r.ok ? 0 : r.errorCode;
  };
  assert.is(refuse(9), ErrorCode.BROKER_ID_NOT_REGISTERED);
  assert.is(refuse(4), ErrorCode.INVALID_REQUEST, 'running');
  log.commit(fenceBroker(log.image, 1));
  assert.is(refuse(1), ErrorCode.INVALID_REQUEST, 'hosts replicas');
  reassign(log, [{ topic: 't', partition: 0, replicas: [2, 3, 4] }]);
  assert.is(refuse(1), ErrorCode.REASSIGNMENT_IN_PROGRESS);
  alterIsr(log, [2, 3, 4]);
  assert.equal(view(log).replicas, [2, 3, 4]);
  log.commit(unregisterBroker(log.image, 1));
  assert.not.ok(log.image.brokers.has(1));
  assert.is(refuse(1), ErrorCode.BROKER_ID_NOT_REGISTERED);
});

test.run();
