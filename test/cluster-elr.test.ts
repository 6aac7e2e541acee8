// KIP-966 on the controller: eligible leader replicas (ELR) kept as the ISR shrinks below min.insync.replicas,
// and a broker that restarts after an unclean shutdown (previous broker epoch -1: it may have lost an
// unflushed suffix to a power loss) taken out of every ISR and ELR, as their last member too, so the replica
// that still holds the acknowledged records leads instead of the one that lost them. Decisions go through
// their record frames (PartitionChangeRecord v2) and the image, as a broker applies them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  alterBrokerConfigs,
  alterPartition,
  createTopic,
  ElectionType,
  electLeaders,
  fenceBroker,
  imageFromSnapshot,
  imageToSnapshot,
  type PartitionRegistration,
} from '../dist/cluster/metadata/index.js';
import { cluster, type Log, restart, unfence } from './helpers/metadata-log.js';

const T = 't';

function topic(log: Log, replicas: number[], configs: Record<string, string>): void {
  log.commit(
    createTopic(log.image, {
      name: T,
      partitions: 1,
      replicationFactor: -1,
      assignments: [replicas],
      configs,
    }),
  );
}

function p(log: Log): PartitionRegistration {
  return log.image.partition(T, 0)!;
}

function shape(log: Log) {
  const x = p(log);
  return {
    leader: x.leader,
    isr: [...x.isr],
    elr: [...x.eligibleLeaderReplicas],
    lastKnownElr: [...x.lastKnownElr],
  };
}

/** The leader asks for `isr`, as its AlterPartition would. */
function shrink(log: Log, isr: number[]): void {
  const x = p(log);
  const leader = log.image.brokers.get(x.leader)!;
  const d = alterPartition(log.image, x.leader, leader.epoch, [
    {
      topicId: log.image.topics.get(T)!.id,
      topicName: null,
      partition: 0,
      leaderEpoch: x.leaderEpoch,
      partitionEpoch: x.partitionEpoch,
      newIsr: isr,
    },
  ]);
  if (!('records' in d)) throw new Error(`AlterPartition refused: ${d.message}`);
  assert.is(d.outcomes[0]!.errorCode, 0, d.outcomes[0]!.message ?? '');
  log.commit({ ok: true, errorCode: 0, records: d.records });
}

/** Topic t on [1, 2, 3] with min.insync.replicas 2 (or the cluster's), its ISR shrunk to the leader 1. */
function shrunkToLeader(configs: Record<string, string> = { 'min.insync.replicas': '2' }): Log {
  const log = cluster([null, null, null]);
  topic(log, [1, 2, 3], configs);
  shrink(log, [1, 2]);
  shrink(log, [1]);
  return log;
}

/** shrunkToLeader, then the ELR member 2 and the leader 1 both down. */
function bothDown(): Log {
  const log = shrunkToLeader();
  log.commit(fenceBroker(log.image, 2));
  log.commit(fenceBroker(log.image, 1));
  return log;
}

test('the ISR shrinking below min.insync.replicas moves the leavers to the ELR; back at it, the ELR empties', () => {
  const log = cluster([null, null, null]);
  topic(log, [1, 2, 3], { 'min.insync.replicas': '2' });
  shrink(log, [1, 2]);
  assert.equal(
    shape(log),
    { leader: 1, isr: [1, 2], elr: [], lastKnownElr: [] },
    'still at min.insync: no ELR',
  );
  shrink(log, [1]);
  // 3 left while the high watermark could still move: it may lack committed records, 2 does not.
  assert.equal(shape(log), { leader: 1, isr: [1], elr: [2], lastKnownElr: [] });
  shrink(log, [1, 3]);
  assert.equal(shape(log), { leader: 1, isr: [1, 3], elr: [], lastKnownElr: [] });
});

test('a last ISR member that lost power does not lead again: the ELR member does, once it is back', () => {
  // The ELR member is down (SIGSTOPped, say), then the leader, last in the ISR, loses power.
  const log = bothDown();
  assert.equal(
    shape(log),
    { leader: -1, isr: [1], elr: [2], lastKnownElr: [] },
    'leaderless, 1 kept as last',
  );
  restart(log, 1, false, 11);
  assert.equal(shape(log), { leader: -1, isr: [], elr: [2], lastKnownElr: [] }, 'the unclean restart leaves');
  unfence(log, 1);
  assert.is(p(log).leader, -1, 'the broker that lost records is not elected on them');
  unfence(log, 3);
  assert.is(p(log).leader, -1, 'nor a replica that was never eligible');
  restart(log, 2, true, 12);
  unfence(log, 2);
  assert.equal(shape(log), { leader: 2, isr: [2], elr: [], lastKnownElr: [] });
});

test('the same last ISR member after a clean shutdown (or a crash in the same boot) leads again', () => {
  const log = bothDown();
  restart(log, 1, true, 11);
  assert.equal(shape(log), { leader: -1, isr: [1], elr: [2], lastKnownElr: [] });
  unfence(log, 1);
  assert.equal(shape(log), { leader: 1, isr: [1], elr: [2], lastKnownElr: [] });
});

test('a fenced leader under min.insync.replicas hands over to a live ELR member, and becomes eligible itself', () => {
  const log = shrunkToLeader();
  log.commit(fenceBroker(log.image, 1));
  const x = shape(log);
  assert.equal(x, { leader: 2, isr: [2], elr: [1], lastKnownElr: [] });
  // 1 comes back after losing power: it may lack what 2 holds, so it is no longer eligible.
  restart(log, 1, false, 11);
  assert.equal(shape(log), { leader: 2, isr: [2], elr: [], lastKnownElr: [] });
});

test('with every candidate restarted uncleanly, the last known ELR is used (replication factor 1 stays available)', () => {
  const log = cluster([null]);
  topic(log, [1], {});
  restart(log, 1, false, 11);
  assert.equal(shape(log), { leader: -1, isr: [], elr: [], lastKnownElr: [1] });
  unfence(log, 1);
  assert.equal(shape(log), { leader: 1, isr: [1], elr: [], lastKnownElr: [] });
});

test('min.insync.replicas above the replica count counts as the replica count', () => {
  const log = cluster([null, null]);
  topic(log, [1, 2], { 'min.insync.replicas': '3' });
  assert.equal(shape(log).elr, []);
  shrink(log, [1]);
  assert.equal(shape(log), { leader: 1, isr: [1], elr: [2], lastKnownElr: [] });
});

test('an unclean election (topic config, or ElectLeaders UNCLEAN) prefers the ELR and clears it', () => {
  const log = bothDown();
  restart(log, 1, false, 11);
  unfence(log, 1);
  const asked = electLeaders(log.image, ElectionType.UNCLEAN, [{ topic: T, partition: 0 }]);
  if (!('records' in asked)) throw new Error(asked.message);
  assert.is(asked.outcomes[0]!.errorCode, 0);
  log.commit({ ok: true, errorCode: 0, records: asked.records });
  // Only 1 and 3 are live, neither eligible: the unclean choice is the first live replica.
  assert.equal(shape(log), { leader: 1, isr: [1], elr: [], lastKnownElr: [] });
});

test('the ELR and the last known ELR survive a snapshot of the image', () => {
  const log = shrunkToLeader();
  const loaded = imageFromSnapshot(imageToSnapshot(log.image), log.image.offset);
  assert.equal(loaded.partition(T, 0)!.eligibleLeaderReplicas, [2]);
  const rf1 = cluster([null]);
  topic(rf1, [1], {});
  restart(rf1, 1, false, 11);
  assert.equal(
    imageFromSnapshot(imageToSnapshot(rf1.image), rf1.image.offset).partition(T, 0)!.lastKnownElr,
    [1],
  );
});

test("a cluster-wide min.insync.replicas (BROKER resource '') governs topics without their own", () => {
  const log = cluster([null, null, null]);
  topic(log, [1, 2, 3], {});
  const set = (configs: Record<string, string>) => alterBrokerConfigs(log.image, '', () => configs);
  log.commit(set({ 'min.insync.replicas': '2' }));
  shrink(log, [1, 2]);
  shrink(log, [1]);
  assert.equal(shape(log).elr, [2], 'the cluster default made 2 eligible');
  // Refused: a topic config's own name (not a broker config), a bad value, a cluster-wide config on one broker.
  assert.is(set({ 'retention.ms': '1000' }).errorCode, 40);
  assert.is(set({ 'min.insync.replicas': '0' }).errorCode, 40);
  assert.is(alterBrokerConfigs(log.image, '1', () => ({ 'min.insync.replicas': '2' })).errorCode, 42);
  // Allowing unclean elections cluster-wide elects at once where only an ineligible replica is live.
  log.commit(fenceBroker(log.image, 2));
  log.commit(fenceBroker(log.image, 1));
  assert.is(p(log).leader, -1);
  log.commit(set({ 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'true' }));
  assert.equal(shape(log), { leader: 3, isr: [3], elr: [], lastKnownElr: [] });
});

test.run();
