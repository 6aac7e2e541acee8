// The ReplicaManager over a real registry and real partition logs (inline store, temp dir): leaderFor's
// answers, the topic lifecycle keeping one state per partition, offsets mirrored from the logs, and a
// restart that finds the same partitions with their log end offsets.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LeadershipSource, PartitionLeadership } from '../dist/cluster/leadership.js';
import { MetadataImage, MetadataRecordType } from '../dist/cluster/metadata/index.js';
import { type PartitionState, ReplicaRole } from '../dist/cluster/partition-state.js';
import { ReplicaManager } from '../dist/cluster/replica-manager.js';
import { TopicError, TopicRegistry } from '../dist/cluster/topics.js';
import { defaultConfig } from '../dist/config.js';
import { Logger } from '../dist/logger.js';
import { ErrorCode as E } from '../dist/protocol/errors.js';
import * as M from '../dist/protocol/generated/metadata/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { InlinePartitions, type PartitionStore } from '../dist/storage/pool.js';

const dirs: string[] = [];
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(dataDir = mkdtempSync(join(tmpdir(), 'runnel-replicas-')), image?: LeadershipSource) {
  dirs.push(dataDir);
  const config = { ...defaultConfig(), dataDir, numPartitions: 2 };
  const store = new InlinePartitions({ dataDir });
  const replicas = new ReplicaManager({
    config,
    store,
    topics: new TopicRegistry(dataDir),
    ...(image ? { image } : {}),
    log: new Logger('error', 'test'),
  });
  return { dataDir, store, replicas };
}

function state(replicas: ReplicaManager, topic: string, partition: number): PartitionState {
  const s = replicas.leaderFor(topic, partition, -1);
  if (typeof s === 'number') throw new Error(`${topic}-${partition}: error ${s}`);
  return s;
}

async function append(store: PartitionStore, s: PartitionState, n: number): Promise<void> {
  const records = Array.from({ length: n }, (_, i) => ({ key: 'k', value: String(i) }));
  const r = await store.append(
    s.topic,
    s.partition,
    encodeRecordBatch(records),
    s.leaderEpoch,
    s.highWatermarkBound(),
  );
  assert.is(r.errorCode, E.NONE);
  s.onAppend(r, 1);
}

test('leaderFor: unknown topics and partitions, the client epoch, then leadership', async () => {
  const { replicas } = setup();
  await replicas.createTopic('t', 3, {}).ready;
  for (const p of [-1, 3, 1.5]) assert.is(replicas.leaderFor('t', p, -1), E.UNKNOWN_TOPIC_OR_PARTITION);
  assert.is(replicas.leaderFor('nope', 0, -1), E.UNKNOWN_TOPIC_OR_PARTITION);
  assert.is(replicas.leaderFor('t', 2, 1), E.UNKNOWN_LEADER_EPOCH);
  const s = state(replicas, 't', 2);
  assert.is(replicas.leaderFor('t', 2, 0), s, 'the current epoch');
  assert.equal([s.role, s.leaderId, s.leaderEpoch, s.replicas, s.isr], [ReplicaRole.LEADER, 1, 0, [1], [1]]);
  assert.is(
    s.highWatermarkBound(),
    Number.MAX_SAFE_INTEGER,
    'an ISR of one: the watermark follows the log end',
  );
});

test('an image decides role and epoch; a stale registration is ignored', () => {
  const regs: Record<string, PartitionLeadership> = {
    f: { leader: 2, leaderEpoch: 7, replicas: [2, 1], isr: [2, 1], partitionEpoch: 0 },
  };
  const image: LeadershipSource = {
    partition: (t) => regs[t] ?? { leader: 1, leaderEpoch: 0, replicas: [1], isr: [1], partitionEpoch: 0 },
  };
  const { replicas } = setup(undefined, image);
  replicas.createTopic('f', 1, {});
  assert.is(replicas.leaderFor('f', 0, -1), E.NOT_LEADER_OR_FOLLOWER);
  assert.is(replicas.leaderFor('f', 0, 6), E.FENCED_LEADER_EPOCH);
  const s = replicas.partitions('f')[0]!;
  assert.is(
    s.applyRegistration({ leader: 1, leaderEpoch: 6, replicas: [1], isr: [1], partitionEpoch: 0 }),
    false,
  );
  assert.is(s.role, ReplicaRole.FOLLOWER);
  assert.is(
    s.applyRegistration({ leader: 1, leaderEpoch: 8, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 }),
    true,
  );
  assert.is(replicas.leaderFor('f', 0, 8), s, 'this node leads from epoch 8');
  assert.is(s.highWatermarkBound(), s.highWatermark, 'the other ISR member has reported nothing yet');
  s.followers.get(2)!.logEndOffset = 5;
  assert.is(s.highWatermarkBound(), 5);
});

test('topic lifecycle: create, auto-create, grow and delete keep one state per partition', async () => {
  const { store, replicas } = setup();
  const created = replicas.createTopic('orders', 2, { 'cleanup.policy': 'compact' });
  assert.is(await created.ready, E.NONE);
  assert.equal(
    replicas.partitions('orders').map((s) => [s.partition, s.logEndOffset, s.highWatermark]),
    [
      [0, 0, 0],
      [1, 0, 0],
    ],
    'offsets mirrored from the opened logs',
  );
  assert.throws(
    () => replicas.createTopic('orders', 1, {}),
    (e: unknown) => e instanceof TopicError,
  );
  assert.throws(
    () => replicas.checkNewTopic('tiny', 1, { 'segment.bytes': '14' }),
    (e: unknown) => e instanceof TopicError && e.code === E.INVALID_CONFIG,
  );

  const auto = replicas.ensureTopic('auto', true);
  assert.ok(typeof auto !== 'number');
  assert.is(replicas.partitions('auto').length, 2, 'num.partitions');
  assert.is(replicas.ensureTopic('other', false), E.UNKNOWN_TOPIC_OR_PARTITION);
  assert.is(replicas.ensureTopic('bad/name', true), E.INVALID_TOPIC_EXCEPTION);

  assert.is(await replicas.addPartitions('orders', 4), E.NONE);
  assert.is(replicas.partitions('orders').length, 4);
  assert.is(state(replicas, 'orders', 3).logEndOffset, 0);
  assert.is((await store.listOffsets('orders', 3, -1)).errorCode, E.NONE, 'its log exists');

  const s = state(replicas, 'orders', 0);
  await append(store, s, 3);
  assert.equal([s.logEndOffset, s.highWatermark, s.appendedBytes], [3, 3, 1]);
  let woken = false;
  s.waiters.push({ needed: 1_000, toLogEnd: false, wake: () => (woken = true) });
  await replicas.deleteTopic(replicas.topic('orders')!);
  assert.ok(woken, 'parked fetches wake when their partition goes');
  assert.is(replicas.leaderFor('orders', 0, -1), E.UNKNOWN_TOPIC_OR_PARTITION);
  assert.is(replicas.topic('orders'), undefined);
  assert.is(
    (await store.listOffsets('orders', 0, -1)).errorCode,
    E.UNKNOWN_TOPIC_OR_PARTITION,
    'log removed',
  );
  await store.close();
});

test('the KRaft metadata image answers as the leadership source', async () => {
  const topicId = 'AAAAAAAAAAAAAAAAAAAAAQ';
  const partition = (partitionId: number, leader: number, leaderEpoch: number) => ({
    type: MetadataRecordType.PartitionRecord,
    version: 0,
    record: M.createPartitionRecord({
      partitionId,
      topicId,
      replicas: [1, 2],
      isr: [1, 2],
      leader,
      leaderEpoch,
      partitionEpoch: leaderEpoch,
    }),
  });
  const image = MetadataImage.EMPTY.apply(
    [
      {
        type: MetadataRecordType.TopicRecord,
        version: 0,
        record: M.createTopicRecord({ name: 'kraft', topicId }),
      },
      partition(0, 1, 4),
      partition(1, 2, 6),
    ],
    2,
  );
  const { replicas, store } = setup(undefined, image);
  await replicas.createTopic('kraft', 3, {}).ready;
  const led = state(replicas, 'kraft', 0);
  assert.equal([led.leaderEpoch, led.replicas, led.isr], [4, [1, 2], [1, 2]]);
  assert.is(replicas.leaderFor('kraft', 1, 6), E.NOT_LEADER_OR_FOLLOWER, 'node 2 leads it');
  assert.is(replicas.leaderFor('kraft', 2, -1), E.NOT_LEADER_OR_FOLLOWER, 'not in the image: nobody here');
  await store.close();
});

test('a restart finds every partition with the log end offset its log recovered', async () => {
  const first = setup();
  await first.replicas.createTopic('kept', 2, {}).ready;
  await append(first.store, state(first.replicas, 'kept', 1), 4);
  await first.store.close();

  const again = setup(first.dataDir);
  assert.equal(
    again.replicas.partitions('kept').map((s) => s.logEndOffset),
    [-1, -1],
    'unknown until opened',
  );
  await again.replicas.openAll();
  assert.equal(
    again.replicas.partitions('kept').map((s) => [s.logEndOffset, s.highWatermark]),
    [
      [0, 0],
      [4, 4],
    ],
  );
  await again.store.close();
});

/** A metadata image with one topic of one partition, and a way to change that partition (as the log would). */
function onePartition(name: string, topicId: string, replicas: number[]) {
  const T = MetadataRecordType;
  let image = MetadataImage.EMPTY.apply(
    [
      { type: T.TopicRecord, version: 0, record: M.createTopicRecord({ name, topicId }) },
      {
        type: T.PartitionRecord,
        version: 0,
        record: M.createPartitionRecord({
          partitionId: 0,
          topicId,
          replicas,
          isr: replicas,
          leader: replicas[0]!,
        }),
      },
    ],
    1,
  );
  return {
    image: () => image,
    change(fields: Partial<M.PartitionChangeRecord>) {
      image = image.apply(
        [
          {
            type: T.PartitionChangeRecord,
            version: 0,
            record: M.createPartitionChangeRecord({ partitionId: 0, topicId, ...fields }),
          },
        ],
        image.offset + 1,
      );
    },
  };
}

test('a replica a reassignment moves off this node stops and deletes its log; moved back, it starts empty; one moved away while down goes with the first image', async () => {
  const { image: current, change } = onePartition('mv', 'AAAAAAAAAAAAAAAAAAAAAg', [1, 2]);
  const opened = async (r: ReplicaManager) => {
    for (let i = 0; i < 100 && r.partitions('mv')[0]!.logEndOffset < 0; i++)
      await new Promise((res) => setTimeout(res, 10));
    return r.partitions('mv')[0]!;
  };
  const { replicas, store, dataDir } = setup(undefined, MetadataImage.EMPTY);
  const dir = join(dataDir, 'mv-0');
  replicas.applyImage(current());
  const led = await opened(replicas);
  await append(store, led, 3);
  assert.ok(existsSync(dir));

  change({ replicas: [2, 3], isr: [2, 3], leader: 2 });
  replicas.applyImage(current());
  await replicas.removalsSettled();
  assert.not.ok(existsSync(dir), 'the log is gone');
  assert.is(replicas.leaderFor('mv', 0, -1), E.NOT_LEADER_OR_FOLLOWER);
  assert.is.not(replicas.partitions('mv')[0], led, 'a fresh state');

  change({ replicas: [2, 3, 1], addingReplicas: [1] });
  replicas.applyImage(current());
  const back = await opened(replicas);
  assert.equal([back.logEndOffset, back.role, back.addingReplicas], [0, ReplicaRole.FOLLOWER, [1]]);
  await append(store, back, 2); // stands for what it fetched
  await store.close();

  // Moved away again while this node was down: its next life deletes the log with the first image.
  change({ replicas: [2, 3], addingReplicas: [], isr: [2, 3], leader: 2 });
  const again = setup(dataDir, MetadataImage.EMPTY);
  await again.replicas.openAll();
  assert.ok(existsSync(dir));
  again.replicas.applyImage(current());
  await again.replicas.removalsSettled();
  assert.not.ok(existsSync(dir), 'the stray log is gone');
  await again.store.close();
});

test('a leader that stays leader at a new epoch keeps its parked acks=all produces; one that stops leading fails them', async () => {
  const { image: current, change } = onePartition('ep', 'AAAAAAAAAAAAAAAAAAAAAw', [1, 2, 3]);
  const { replicas, store } = setup(undefined, MetadataImage.EMPTY);
  replicas.applyImage(current());
  const s = replicas.partitions('ep')[0]!;
  for (let i = 0; i < 100 && s.logEndOffset < 0; i++) await new Promise((res) => setTimeout(res, 10));
  const outcomes: number[] = [];
  s.ackWaiters.push({ requiredOffset: 1_000, complete: (code) => outcomes.push(code) });
  const epoch = s.leaderEpoch;
  // Replica 3 goes (a reassignment) and 1 is named leader again: a new leader epoch, the same leader.
  change({ replicas: [1, 2], isr: [1, 2], leader: 1 });
  replicas.applyImage(current());
  assert.is(s.leaderEpoch, epoch + 1);
  assert.equal(outcomes, [], 'still waiting for the high watermark');
  change({ leader: 2 });
  replicas.applyImage(current());
  assert.equal(outcomes, [E.NOT_LEADER_OR_FOLLOWER]);
  await store.close();
});

test.run();
