// A follower's fetcher against a leader's real log: both logs on real files (InlinePartitions), the leader's
// side of Fetch answered the way the broker answers a replica (KIP-320 divergence check by its own
// leader-epoch history, else a read to its log end). The follower must end with the leader's log byte for
// byte: from empty, and after a divergent suffix written as a deposed leader (truncated away, repeatedly
// epoch by epoch when needed, never below what the logs share).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../dist/clock.js';
import { PartitionState } from '../dist/cluster/partition-state.js';
import { checkDivergence } from '../dist/cluster/replication/leader-fetch.js';
import {
  type FetchTransport,
  FollowedPartition,
  ReplicaFetcher,
} from '../dist/cluster/replication/replica-fetcher.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import {
  createFetchResponse,
  createFetchResponsePartitionData,
  type FetchRequest,
  type FetchResponse,
} from '../dist/protocol/generated/fetch.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { InlinePartitions } from '../dist/storage/pool.js';
import { removeDir, tempDir } from './helpers/storage-util.js';

const T = 't';
const LEADER = 1;
const FOLLOWER = 2;
const dirs: string[] = [];
test.after(() => dirs.forEach(removeDir));

function store(): InlinePartitions {
  const d = tempDir('runnel-fetcher-');
  dirs.push(d);
  return new InlinePartitions({ dataDir: d });
}

function batch(tag: string, n = 2): Uint8Array {
  return encodeRecordBatch(
    Array.from({ length: n }, (_, i) => ({ key: tag, value: `${tag}-${i}` })),
    { timestamp: 1_700_000_000_000 },
  );
}

/** The leader's answer to a replica fetch, through the broker's own leader side (leader-fetch.ts). */
function leaderTransport(leader: InlinePartitions, leaderEpoch: number): FetchTransport {
  const state = new PartitionState(T, 0, LEADER);
  state.applyRegistration({
    leader: LEADER,
    leaderEpoch,
    replicas: [LEADER, FOLLOWER],
    isr: [LEADER, FOLLOWER],
    partitionEpoch: 0,
  });
  return {
    async fetch(_id: number, req: FetchRequest): Promise<FetchResponse> {
      const p = req.topics[0]!.partitions[0]!;
      const response = createFetchResponsePartitionData({ partitionIndex: 0, records: Buffer.alloc(0) });
      const part = { state, fetchOffset: p.fetchOffset, lastFetchedEpoch: p.lastFetchedEpoch, response };
      for (const r of await checkDivergence(leader, [part])) {
        const read = await leader.read(T, 0, r.fetchOffset, p.partitionMaxBytes, -1);
        response.errorCode = read.errorCode;
        response.highWatermark = read.highWatermark;
        response.records = Buffer.from(read.records ?? new Uint8Array(0));
      }
      return createFetchResponse({ responses: [{ topic: T, topicId: '', partitions: [response] }] });
    },
  };
}

async function wholeLog(s: InlinePartitions): Promise<Buffer> {
  const r = await s.read(T, 0, 0, 1 << 30, -1);
  assert.is(r.errorCode, ErrorCode.NONE);
  return Buffer.from(r.records!);
}

async function followUntilEqual(leader: InlinePartitions, follower: InlinePartitions, leaderEpoch: number) {
  const state = new PartitionState(T, 0, FOLLOWER);
  state.applyRegistration({
    leader: LEADER,
    leaderEpoch,
    replicas: [LEADER, FOLLOWER],
    isr: [LEADER, FOLLOWER],
    partitionEpoch: 0,
  });
  state.onLogOpened(await follower.open(T, 0));
  const transport = leaderTransport(leader, leaderEpoch);
  const fetcher = new ReplicaFetcher({
    nodeId: FOLLOWER,
    leaderId: LEADER,
    log: follower,
    transport,
    clock: systemClock,
    config: { waitMaxMs: 0, minBytes: 1, partitionMaxBytes: 64, responseMaxBytes: 1 << 20, backoffMs: 5 },
    logger: { info() {}, warn: (m: string) => console.error(m), debug() {} },
  });
  const followed = new FollowedPartition(state);
  fetcher.add(followed);
  const leaderEnd = (await leader.open(T, 0)).logEndOffset;
  const deadline = Date.now() + 5000;
  while (state.logEndOffset !== leaderEnd || followed.busy) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  fetcher.stop();
  return { state, fetcher, transport };
}

test('an empty follower copies the leader byte for byte and takes its high watermark', async () => {
  const leader = store();
  const follower = store();
  await leader.open(T, 0, true);
  await follower.open(T, 0, true);
  for (const [tag, epoch] of [
    ['a', 0],
    ['b', 0],
    ['c', 2],
  ] as const)
    await leader.append(T, 0, batch(tag), epoch);
  const { state, fetcher } = await followUntilEqual(leader, follower, 2);
  assert.is(state.logEndOffset, 6);
  assert.equal(await wholeLog(follower), await wholeLog(leader), 'identical bytes: offsets, epochs, CRCs');
  assert.is(state.latestEpoch, 2);
  assert.ok(fetcher.stats.fetches >= 3, 'partitionMaxBytes of 64 takes one batch per fetch');
  assert.is(fetcher.stats.truncations, 0);
});

test('a deposed leader truncates its unreplicated suffix, epoch by epoch, and then follows', async () => {
  const leader = store();
  const follower = store();
  await leader.open(T, 0, true);
  await follower.open(T, 0, true);
  // Shared history: epoch 0, offsets 0-3.
  for (const s of [leader, follower]) {
    await s.append(T, 0, batch('a'), 0);
    await s.append(T, 0, batch('b'), 0);
  }
  // The follower led epochs 1 and 3 and wrote records nobody else has (offsets 4-9).
  await follower.append(T, 0, batch('x'), 1);
  await follower.append(T, 0, batch('y'), 3);
  await follower.append(T, 0, batch('z'), 3);
  // The leader, at epoch 4, has its own records at those offsets.
  await leader.append(T, 0, batch('c'), 2);
  await leader.append(T, 0, batch('d'), 4);
  const { state, fetcher } = await followUntilEqual(leader, follower, 4);
  assert.is(state.logEndOffset, 8);
  assert.equal(await wholeLog(follower), await wholeLog(leader));
  assert.ok(fetcher.stats.truncations >= 1, 'truncated');
  const shared = await follower.read(T, 0, 0, 1 << 20, -1);
  assert.is(shared.errorCode, ErrorCode.NONE);
});

test("a follower whose suffix is the leader's own (same epoch) keeps it and truncates nothing", async () => {
  const leader = store();
  const follower = store();
  await leader.open(T, 0, true);
  await follower.open(T, 0, true);
  for (const s of [leader, follower]) await s.append(T, 0, batch('a'), 0);
  await leader.append(T, 0, batch('b'), 0);
  await leader.append(T, 0, batch('c'), 5);
  const { state, fetcher } = await followUntilEqual(leader, follower, 5);
  assert.is(state.logEndOffset, 6);
  assert.is(fetcher.stats.truncations, 0);
  assert.equal(await wholeLog(follower), await wholeLog(leader));
});

test.run();
