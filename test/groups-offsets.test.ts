// Committed offsets and group metadata in __consumer_offsets on a real PartitionStore (InlinePartitions over
// a temp dir): record layouts, replay by a fresh coordinator, tombstones, compaction, storage errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/broker/groups/clock.js';
import { GroupCoordinator } from '../dist/broker/groups/coordinator.js';
import { OffsetsTopic } from '../dist/broker/groups/offsets-topic.js';
import {
  decodeRecord,
  encodeRecordKey,
  encodeRecordValue,
  type OffsetsRecord,
  partitionForGroup,
} from '../dist/broker/groups/records.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { EARLIEST_TIMESTAMP, InlinePartitions, type PartitionStore } from '../dist/storage/pool.js';

const PARTITIONS = 4;
const dirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'runnel-groups-'));
  dirs.push(d);
  return d;
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Node {
  store: PartitionStore;
  coord: GroupCoordinator;
  clock: ManualClock;
}

async function boot(
  dataDir: string,
  config: Record<string, number> = {},
  store?: PartitionStore,
): Promise<Node> {
  const clock = new ManualClock();
  const s = store ?? new InlinePartitions({ dataDir });
  const log = new OffsetsTopic({
    store: s,
    clock,
    partitions: PARTITIONS,
    maxBatchBytes: 1 << 20,
    loadBufferBytes: 4096,
  });
  let ids = 0;
  const coord = new GroupCoordinator({
    clock,
    log,
    config: {
      offsetsTopicPartitions: PARTITIONS,
      initialRebalanceDelayMs: 0,
      minSessionTimeoutMs: 1000,
      ...config,
    },
    newMemberId: (prefix) => `${prefix}-${++ids}`,
  });
  assert.is(await coord.start(), ErrorCode.NONE);
  return { store: s, coord, clock };
}

async function shutdown(node: Node): Promise<void> {
  node.coord.close();
  await node.store.close();
}

function commit(groupId: string, topic: string, partition: number, offset: number, metadata = '') {
  return {
    groupId,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: topic,
        partitions: [
          {
            partitionIndex: partition,
            committedOffset: offset,
            committedLeaderEpoch: 1,
            commitTimestamp: -1,
            committedMetadata: metadata,
          },
        ],
      },
    ],
  };
}

function offsetsOf(coord: GroupCoordinator, groupId: string): string[] {
  const out: string[] = [];
  for (const t of coord.fetchOffsets(groupId, null).topics) {
    for (const p of t.partitions)
      out.push(`${t.name}/${p.partitionIndex}=${p.committedOffset}:${p.metadata}`);
  }
  return out.sort();
}

/** One member through MEMBER_ID_REQUIRED, join (delay 0) and sync: a Stable group of one. */
async function stableMember(node: Node, groupId: string) {
  const params = {
    groupId,
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: new Uint8Array([0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]) }],
    clientId: 'c',
    clientHost: '/10.0.0.1',
    requireKnownMemberId: true,
    supportSkipAssignment: false,
  };
  const first = await node.coord.joinGroup(params);
  const joining = node.coord.joinGroup({ ...params, memberId: first.memberId });
  await flush();
  node.clock.advance(0);
  const joined = await joining;
  assert.is(joined.errorCode, ErrorCode.NONE);
  const synced = await node.coord.syncGroup({
    groupId,
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [{ memberId: joined.memberId, assignment: new Uint8Array([1, 2, 3]) }],
  });
  assert.is(synced.errorCode, ErrorCode.NONE);
  return joined;
}

test('partitionFor is abs(String.hashCode) % n, as Kafka computes it', () => {
  // Java: "hello".hashCode() == 99162322; "polygenelubricants".hashCode() == Integer.MIN_VALUE (abs -> 0).
  assert.is(partitionForGroup('hello', 50), 99162322 % 50);
  assert.is(partitionForGroup('polygenelubricants', 50), 0);
  // "Aa" and "BB" collide in Java (2112): same partition for any count.
  for (const n of [1, 7, 50]) assert.is(partitionForGroup('Aa', n), partitionForGroup('BB', n));
  assert.is(partitionForGroup('Aa', 50), 2112 % 50);
});

test('record keys and values round-trip in Kafka layout (key version 1/2, value v3 or v1, tombstones)', () => {
  const records: OffsetsRecord[] = [
    {
      kind: 'offset',
      groupId: 'g',
      topic: 't',
      partition: 7,
      value: {
        offset: 2 ** 40,
        leaderEpoch: 5,
        metadata: 'm',
        commitTimestamp: 1_700_000_000_123,
        expireTimestamp: -1,
      },
    },
    {
      kind: 'offset',
      groupId: 'g',
      topic: 't',
      partition: 8,
      value: { offset: 3, leaderEpoch: -1, metadata: '', commitTimestamp: 10, expireTimestamp: 99 },
    },
    { kind: 'offset', groupId: 'g', topic: 't', partition: 9, value: null },
    {
      kind: 'group',
      groupId: 'g',
      value: {
        protocolType: 'consumer',
        generationId: 4,
        protocolName: 'range',
        leaderId: 'm-1',
        currentStateTimestamp: 1234,
        members: [
          {
            memberId: 'm-1',
            groupInstanceId: 'i',
            clientId: 'c',
            clientHost: '/h',
            rebalanceTimeoutMs: 300,
            sessionTimeoutMs: 100,
            subscription: new Uint8Array([1]),
            assignment: new Uint8Array([2, 3]),
          },
        ],
      },
    },
    { kind: 'group', groupId: 'g', value: null },
  ];
  for (const r of records) {
    const key = encodeRecordKey(r);
    assert.is(key.readInt16BE(0), r.kind === 'offset' ? 1 : 2);
    const value = encodeRecordValue(r);
    if (r.kind === 'offset' && r.value !== null)
      assert.is(value!.readInt16BE(0), r.value.expireTimestamp >= 0 ? 1 : 3);
    const back = decodeRecord(key, value);
    assert.equal(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(r)));
  }
  assert.is(decodeRecord(Buffer.from([0, 9, 0, 0]), null), null, 'unknown key version is skipped');
  assert.is(decodeRecord(Buffer.from([0, 1, 0]), null), null, 'truncated key is skipped');
});

test('committed offsets and group metadata survive a restart; tombstones stay deleted', async () => {
  const dir = tempDir();
  const a = await boot(dir);
  for (let i = 0; i < 20; i++) {
    const r = await a.coord.commitOffsets(commit(`g${i % 5}`, `t${i % 3}`, i, 100 + i, `meta-${i}`));
    assert.is(r[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
  }
  await a.coord.commitOffsets(commit('g0', 't0', 0, 1)); // later commit of the same partition wins
  await a.coord.commitOffsets(commit('gone', 't', 0, 5));
  assert.equal(
    (await a.coord.deleteGroups(['gone'])).map((r) => r.errorCode),
    [ErrorCode.NONE],
  );
  const del = await a.coord.deleteOffsets('g1', [{ name: 't1', partitions: [{ partitionIndex: 1 }] }]);
  assert.is(del.topics[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
  const member = await stableMember(a, 'live');
  await a.coord.commitOffsets({
    ...commit('live', 'topic', 0, 77),
    generationId: member.generationId,
    memberId: member.memberId,
  });

  const before = new Map<string, string[]>();
  for (const g of ['g0', 'g1', 'g2', 'g3', 'g4', 'live', 'gone']) before.set(g, offsetsOf(a.coord, g));
  assert.ok(before.get('g0')!.includes('t0/0=1:'));
  assert.not.ok(before.get('g1')!.some((s) => s.startsWith('t1/1=')));
  await shutdown(a);

  const b = await boot(dir);
  for (const [g, offsets] of before) assert.equal(offsetsOf(b.coord, g), offsets, `offsets of ${g}`);
  assert.is(b.coord.describeGroups(['gone'])[0]!.groupState, 'Dead');
  // The stable group is back with its member, generation and assignment: the member just keeps heartbeating.
  const d = b.coord.describeGroups(['live'])[0]!;
  assert.is(d.groupState, 'Stable');
  assert.equal([...d.members[0]!.memberAssignment], [1, 2, 3]);
  assert.is(d.members[0]!.clientHost, '/10.0.0.1');
  assert.is(
    b.coord.heartbeat({
      groupId: 'live',
      generationId: member.generationId,
      memberId: member.memberId,
      groupInstanceId: null,
    }),
    ErrorCode.NONE,
  );
  // ... or expires if it does not.
  b.clock.advance(10_000);
  await flush();
  assert.is(b.coord.describeGroups(['live'])[0]!.groupState, 'Empty');
  await shutdown(b);

  const c = await boot(dir);
  assert.is(c.coord.describeGroups(['live'])[0]!.groupState, 'Empty', 'the emptied group was persisted too');
  assert.equal(offsetsOf(c.coord, 'live'), before.get('live'));
  await shutdown(c);
});

test('compaction rewrites live records, deletes the rest, and a replay sees the same state', async () => {
  const dir = tempDir();
  const a = await boot(dir, { offsetsCompactionMinRecords: 10, offsetsRetentionCheckIntervalMs: 1000 });
  const group = 'compact-me';
  const p = partitionForGroup(group, PARTITIONS);
  for (let i = 0; i < 60; i++) await a.coord.commitOffsets(commit(group, 't', i % 3, i));
  const startBefore = await a.store.listOffsets('__consumer_offsets', p, EARLIEST_TIMESTAMP);
  assert.is(startBefore.offset, 0);
  a.clock.advance(1000); // the periodic check compacts
  for (let i = 0; i < 5; i++) await flush();
  const startAfter = await a.store.listOffsets('__consumer_offsets', p, EARLIEST_TIMESTAMP);
  assert.ok(startAfter.offset >= 60, `log start moved past the old records (now ${startAfter.offset})`);
  const expected = offsetsOf(a.coord, group);
  assert.equal(expected, ['t/0=57:', 't/1=58:', 't/2=59:']);
  await a.coord.commitOffsets(commit(group, 't', 0, 1000));
  await shutdown(a);

  const b = await boot(dir);
  assert.equal(offsetsOf(b.coord, group), ['t/0=1000:', 't/1=58:', 't/2=59:']);
  await shutdown(b);
});

/** Group ids of the given partition (of PARTITIONS), found by trying names. */
function groupsOn(partition: number, n: number, prefix = 'g'): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    if (partitionForGroup(`${prefix}${i}`, PARTITIONS) === partition) out.push(`${prefix}${i}`);
  }
  return out;
}

test('an unloaded offsets partition answers NOT_COORDINATOR; reloaded, its groups and offsets come back from the log', async () => {
  const dir = tempDir();
  const node = await boot(dir);
  const [committed, live, parked] = groupsOn(1, 3);
  const [elsewhere] = groupsOn(2, 1);
  await node.coord.commitOffsets(commit(committed!, 't', 0, 42, 'm'));
  await node.coord.commitOffsets(commit(elsewhere!, 't', 0, 7));
  const member = await stableMember(node, live!);
  const heartbeat = () =>
    node.coord.heartbeat({
      groupId: live!,
      generationId: member.generationId,
      memberId: member.memberId,
      groupInstanceId: null,
    });
  // A JoinGroup parked in the initial rebalance delay, and a commit whose write is still on its way.
  const join = node.coord.joinGroup({
    groupId: parked!,
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: new Uint8Array() }],
    clientId: 'c',
    clientHost: 'h',
    requireKnownMemberId: false,
    supportSkipAssignment: false,
  });
  const inFlight = node.coord.commitOffsets(commit(committed!, 't', 1, 43));
  assert.is(node.coord.groupCount, 4);

  node.coord.onResignation(1);
  assert.is(node.coord.partitionState(1), 'unloaded');
  assert.is((await join).errorCode, ErrorCode.NOT_COORDINATOR, 'the parked JoinGroup is answered');
  assert.is((await inFlight)[0]!.partitions[0]!.errorCode, ErrorCode.NONE, 'a write already sent lands');
  assert.is(node.coord.groupCount, 1);
  assert.not.ok(node.coord.hosts(committed!));
  assert.is(node.coord.fetchOffsets(committed!, null).errorCode, ErrorCode.NOT_COORDINATOR);
  const c = await node.coord.commitOffsets(commit(committed!, 't', 0, 99));
  assert.is(c[0]!.partitions[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
  assert.is(heartbeat(), ErrorCode.NOT_COORDINATOR);
  assert.is(node.coord.describeGroups([live!])[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
  assert.equal(
    (await node.coord.deleteGroups([committed!])).map((r) => r.errorCode),
    [ErrorCode.NOT_COORDINATOR],
  );
  assert.equal(
    node.coord.listGroups([], []).groups.map((g) => g.groupId),
    [elsewhere],
    'other partitions keep serving',
  );
  assert.equal(offsetsOf(node.coord, elsewhere!), ['t/0=7:']);
  // Timers of the unloaded groups are gone: a session timeout passing meanwhile expires nobody.
  node.clock.advance(60_000);

  const loading = node.coord.onElection(1);
  assert.is(node.coord.partitionState(1), 'loading');
  assert.is(node.coord.fetchOffsets(committed!, null).errorCode, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  assert.is(heartbeat(), ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  assert.is(node.coord.listGroups([], []).errorCode, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  assert.is(await loading, ErrorCode.NONE);
  assert.is(node.coord.partitionState(1), 'active');
  assert.ok(node.coord.hosts(committed!));
  assert.equal(offsetsOf(node.coord, committed!), ['t/0=42:m', 't/1=43:'], 'including the in-flight commit');
  const d = node.coord.describeGroups([live!])[0]!;
  assert.is(d.groupState, 'Stable');
  assert.equal([...d.members[0]!.memberAssignment], [1, 2, 3]);
  assert.is(heartbeat(), ErrorCode.NONE, 'the member resumes its generation');
  assert.is(node.coord.describeGroups([parked!])[0]!.groupState, 'Dead', 'a never-written group is gone');
  // The reloaded group is served as before: a new commit lands and survives the next reload.
  await node.coord.commitOffsets(commit(committed!, 't', 0, 44));
  node.coord.onResignation(1);
  assert.is(await node.coord.onElection(1), ErrorCode.NONE);
  assert.equal(offsetsOf(node.coord, committed!), ['t/0=44:', 't/1=43:']);
  // ... and its restarted session timer still expires a silent member.
  node.clock.advance(10_000);
  await flush();
  assert.is(node.coord.describeGroups([live!])[0]!.groupState, 'Empty');
  await shutdown(node);
});

test('a resignation while the partition loads wins; a load waits for the writes sent before it', async () => {
  const dir = tempDir();
  const flaky = new FlakyStore(new InlinePartitions({ dataDir: dir }));
  const node = await boot(dir, {}, flaky as unknown as PartitionStore);
  const [g] = groupsOn(3, 1);
  await node.coord.commitOffsets(commit(g!, 't', 0, 5));
  node.coord.onResignation(3);
  const loading = node.coord.onElection(3);
  node.coord.onResignation(3);
  assert.is(await loading, ErrorCode.NONE);
  assert.is(node.coord.partitionState(3), 'unloaded');
  assert.is(node.coord.fetchOffsets(g!, null).errorCode, ErrorCode.NOT_COORDINATOR);
  assert.is(await node.coord.onElection(3), ErrorCode.NONE);
  assert.equal(offsetsOf(node.coord, g!), ['t/0=5:']);
  assert.is(await node.coord.onElection(3), ErrorCode.NONE, 'electing a loaded partition again is a no-op');
  assert.equal(offsetsOf(node.coord, g!), ['t/0=5:']);
  // A commit still being written when the partition moves is replayed by the very next load: the load
  // waits behind the write.
  let release = () => {};
  flaky.gate = new Promise<void>((r) => {
    release = r;
  });
  const inFlight = node.coord.commitOffsets(commit(g!, 't', 1, 6));
  node.coord.onResignation(3);
  const reloading = node.coord.onElection(3);
  for (let i = 0; i < 5; i++) await flush();
  assert.is(node.coord.partitionState(3), 'loading');
  flaky.gate = null;
  release();
  assert.is(await reloading, ErrorCode.NONE);
  assert.is((await inFlight)[0]!.partitions[0]!.errorCode, ErrorCode.NONE);
  assert.equal(offsetsOf(node.coord, g!), ['t/0=5:', 't/1=6:']);
  assert.is(
    await node.coord.onElection(PARTITIONS),
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    'no such partition',
  );
  assert.is(node.coord.partitionState(PARTITIONS), undefined);
  node.coord.close();
  assert.is(await node.coord.onElection(3), ErrorCode.NOT_COORDINATOR, 'nothing loads after close');
  await node.store.close();
});

/** A store whose appends fail with a chosen code while `failWith` is set, or wait while `gate` is. */
class FlakyStore {
  failWith: number = ErrorCode.NONE;
  /** While set, appends wait for it (a slow disk). */
  gate: Promise<void> | null = null;
  constructor(readonly inner: PartitionStore) {}
  get threads() {
    return this.inner.threads;
  }
  open(topic: string, partition: number, create?: boolean) {
    return this.inner.open(topic, partition, create);
  }
  append(topic: string, partition: number, batches: Uint8Array, epoch?: number) {
    if (this.failWith !== ErrorCode.NONE) {
      return Promise.resolve({
        errorCode: this.failWith,
        threadId: 0,
        baseOffset: -1,
        lastOffset: -1,
        logAppendTime: -1,
        logStartOffset: -1,
      });
    }
    if (this.gate !== null) return this.gate.then(() => this.inner.append(topic, partition, batches, epoch));
    return this.inner.append(topic, partition, batches, epoch);
  }
  read(topic: string, partition: number, offset: number, maxBytes: number, maxOffset?: number) {
    return this.inner.read(topic, partition, offset, maxBytes, maxOffset);
  }
  listOffsets(topic: string, partition: number, ts: number) {
    return this.inner.listOffsets(topic, partition, ts);
  }
  deleteRecords(topic: string, partition: number, offset: number) {
    return this.inner.deleteRecords(topic, partition, offset);
  }
  deletePartition(topic: string, partition: number) {
    return this.inner.deletePartition(topic, partition);
  }
  applyRetention(now?: number) {
    return this.inner.applyRetention(now);
  }
  flush() {
    return this.inner.flush();
  }
  close() {
    return this.inner.close();
  }
}

test('storage errors: commits map to NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE and are not cached', async () => {
  const dir = tempDir();
  const flaky = new FlakyStore(new InlinePartitions({ dataDir: dir }));
  const node = await boot(dir, {}, flaky as unknown as PartitionStore);
  await node.coord.commitOffsets(commit('g', 't', 0, 1));
  flaky.failWith = ErrorCode.KAFKA_STORAGE_ERROR;
  let r = await node.coord.commitOffsets(commit('g', 't', 0, 2));
  assert.is(r[0]!.partitions[0]!.errorCode, ErrorCode.NOT_COORDINATOR);
  flaky.failWith = ErrorCode.REQUEST_TIMED_OUT;
  r = await node.coord.commitOffsets(commit('g', 't', 0, 3));
  assert.is(r[0]!.partitions[0]!.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  assert.equal(offsetsOf(node.coord, 'g'), ['t/0=1:'], 'failed commits never reach the cache');

  // A leader's SyncGroup whose group write fails: the members are told, and the group rebalances.
  flaky.failWith = ErrorCode.NONE;
  const params = {
    groupId: 'sg',
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: new Uint8Array() }],
    clientId: 'c',
    clientHost: 'h',
    requireKnownMemberId: false,
    supportSkipAssignment: false,
  };
  const joining = node.coord.joinGroup(params);
  await flush();
  node.clock.advance(0);
  const joined = await joining;
  flaky.failWith = ErrorCode.NOT_LEADER_OR_FOLLOWER;
  const s = await node.coord.syncGroup({
    groupId: 'sg',
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  });
  assert.is(s.errorCode, ErrorCode.NOT_COORDINATOR);
  assert.is(node.coord.describeGroups(['sg'])[0]!.groupState, 'PreparingRebalance');
  flaky.failWith = ErrorCode.NONE;
  await shutdown(node);
});

test('a store that cannot open the offsets topic leaves the coordinator loading', async () => {
  const dir = tempDir();
  const store = new InlinePartitions({ dataDir: dir });
  await store.close();
  const clock = new ManualClock();
  const coord = new GroupCoordinator({
    clock,
    log: new OffsetsTopic({ store, clock, partitions: 2, maxBatchBytes: 1 << 20, loadBufferBytes: 4096 }),
    config: { offsetsTopicPartitions: 2 },
  });
  assert.is.not(await coord.start(), ErrorCode.NONE);
  assert.is(coord.fetchOffsets('g', null).errorCode, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  assert.is(coord.partitionState(0), 'loading');
  assert.is(coord.partitionState(1), 'unloaded', 'not reached');
  assert.is(coord.listGroups([], []).errorCode, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  assert.is.not(await coord.start(), ErrorCode.NONE, 'a second start tries again, and fails the same way');
  coord.close();
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.run();
