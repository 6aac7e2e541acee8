// The broker takes every partition fact from its replica states, which take them from the metadata image:
// an in-process broker on real sockets and files, given an image where it leads some partitions at other
// epochs, follows others, and shares an ISR with a second (absent) replica. Produce, Fetch, ListOffsets,
// OffsetForLeaderEpoch, DeleteRecords and Metadata must all follow the image; the high watermark follows
// the ISR, not the append.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Broker } from '../dist/broker/broker.js';
import type { LeadershipSource, PartitionLeadership } from '../dist/cluster/leadership.js';
import { defaultConfig } from '../dist/config.js';
import { Logger } from '../dist/logger.js';
import { ErrorCode as E } from '../dist/protocol/errors.js';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const SELF = 1;
const OTHER = 2;
const REGISTRATIONS: Record<string, PartitionLeadership> = {
  // Led here at epoch 3; the other replica is out of the ISR, so the ISR is this node alone.
  led: { leader: SELF, leaderEpoch: 3, replicas: [SELF, OTHER], isr: [SELF], partitionEpoch: 0 },
  // Led by the other node: this one only follows.
  followed: { leader: OTHER, leaderEpoch: 4, replicas: [OTHER, SELF], isr: [OTHER, SELF], partitionEpoch: 0 },
  // Led here with both replicas in the ISR: the high watermark waits for the other one.
  shared: { leader: SELF, leaderEpoch: 1, replicas: [SELF, OTHER], isr: [SELF, OTHER], partitionEpoch: 0 },
};
const image: LeadershipSource = {
  partition: (topic) =>
    REGISTRATIONS[topic] ?? {
      leader: SELF,
      leaderEpoch: 0,
      replicas: [SELF],
      isr: [SELF],
      partitionEpoch: 0,
    },
};

const dataDir = mkdtempSync(join(tmpdir(), 'runnel-replica-state-'));
let broker: Broker;
let client: TestClient;

test.before(async () => {
  const config = {
    ...defaultConfig(),
    nodeId: SELF,
    dataDir,
    listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 0 }],
  };
  broker = new Broker(config, { image, logger: new Logger('error', 'test') });
  const bound = await broker.start();
  client = await TestClient.connect(bound.port);
  for (const name of Object.keys(REGISTRATIONS)) {
    const res = await client.request(P.CreateTopicsApi, 7, createTopicRequest(name));
    assert.is(res.topics[0]!.errorCode, E.NONE);
  }
});

test.after(async () => {
  client.close();
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function batch(value: string): Buffer {
  return encodeRecordBatch([{ key: 'k', value }], { timestamp: Date.now() });
}

async function produce(topic: string, value: string) {
  const res = await client.request(P.ProduceApi, 9, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records: batch(value) }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

async function fetch(topic: string, currentLeaderEpoch = -1) {
  const req = fetchRequest(topic, 0, 0);
  req.topics[0]!.partitions[0]!.currentLeaderEpoch = currentLeaderEpoch;
  const res = await client.request(P.FetchApi, 12, req);
  return res.responses[0]!.partitions[0]!;
}

async function listLatest(topic: string, currentLeaderEpoch = -1) {
  const res = await client.request(P.ListOffsetsApi, 7, {
    replicaId: -1,
    isolationLevel: 0,
    timeoutMs: 0,
    topics: [
      {
        name: topic,
        partitions: [{ partitionIndex: 0, currentLeaderEpoch, timestamp: -1, maxNumOffsets: 1 }],
      },
    ],
  });
  return res.topics[0]!.partitions[0]!;
}

test('Metadata reports each partition as the image assigned it', async () => {
  const res = await client.request(P.MetadataApi, 12, P.createMetadataRequest({ topics: null }));
  const byName = new Map(res.topics.map((t) => [t.name, t.partitions[0]!]));
  const seen = (name: string) => {
    const p = byName.get(name)!;
    return [p.leaderId, p.leaderEpoch, p.replicaNodes, p.isrNodes];
  };
  assert.equal(seen('led'), [SELF, 3, [SELF, OTHER], [SELF]]);
  assert.equal(seen('followed'), [OTHER, 4, [OTHER, SELF], [OTHER, SELF]]);
  assert.equal(seen('shared'), [SELF, 1, [SELF, OTHER], [SELF, OTHER]]);
});

test('Produce is stamped with the leader epoch of the partition state, and refused where this node follows', async () => {
  const ok = await produce('led', 'one');
  assert.equal([ok.errorCode, ok.baseOffset], [E.NONE, 0]);
  const fetched = await fetch('led');
  assert.is(fetched.errorCode, E.NONE);
  assert.is(decodeRecordBatches(fetched.records as Buffer)[0]!.partitionLeaderEpoch, 3);

  assert.is((await produce('followed', 'no')).errorCode, E.NOT_LEADER_OR_FOLLOWER);
  const stored = await broker.store.listOffsets('followed', 0, -1);
  assert.is(stored.offset, 0, 'nothing was written to the follower log');
});

test('Fetch, ListOffsets and OffsetForLeaderEpoch check the client epoch against the state', async () => {
  assert.is((await fetch('led', 2)).errorCode, E.FENCED_LEADER_EPOCH);
  assert.is((await fetch('led', 4)).errorCode, E.UNKNOWN_LEADER_EPOCH);
  assert.is((await fetch('led', 3)).errorCode, E.NONE);
  assert.is((await fetch('followed')).errorCode, E.NOT_LEADER_OR_FOLLOWER);
  assert.is((await fetch('followed', 3)).errorCode, E.FENCED_LEADER_EPOCH, 'the epoch is checked first');

  const latest = await listLatest('led', 3);
  assert.equal([latest.errorCode, latest.offset, latest.leaderEpoch], [E.NONE, 1, 3]);
  assert.is((await listLatest('led', 2)).errorCode, E.FENCED_LEADER_EPOCH);
  assert.is((await listLatest('followed')).errorCode, E.NOT_LEADER_OR_FOLLOWER);

  const epochs = await client.request(P.OffsetForLeaderEpochApi, 4, {
    replicaId: -1,
    topics: [
      {
        topic: 'led',
        partitions: [
          { partition: 0, currentLeaderEpoch: 3, leaderEpoch: 3 },
          { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 },
          { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 4 },
          { partition: 0, currentLeaderEpoch: 5, leaderEpoch: 3 },
        ],
      },
      { topic: 'followed', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 4 }] },
    ],
  });
  assert.equal(
    epochs.topics.flatMap((t) => t.partitions.map((p) => [p.errorCode, p.leaderEpoch, p.endOffset])),
    [
      [E.NONE, 3, 1],
      // Epoch 0 ends where epoch 3, the first in the log, starts (Kafka's rule for an older epoch).
      [E.NONE, 0, 0],
      [E.NONE, -1, -1],
      [E.UNKNOWN_LEADER_EPOCH, -1, -1],
      [E.NOT_LEADER_OR_FOLLOWER, -1, -1],
    ],
  );

  const deleted = await client.request(P.DeleteRecordsApi, 2, {
    topics: [{ name: 'followed', partitions: [{ partitionIndex: 0, offset: -1 }] }],
    timeoutMs: 1000,
  });
  assert.is(deleted.topics[0]!.partitions[0]!.errorCode, E.NOT_LEADER_OR_FOLLOWER);
});

test('with two replicas in the ISR the high watermark waits for the slower one', async () => {
  for (const v of ['a', 'b', 'c']) assert.is((await produce('shared', v)).errorCode, E.NONE);
  const before = await fetch('shared');
  assert.equal([before.errorCode, before.highWatermark], [E.NONE, 0]);
  assert.is((before.records as Buffer).length, 0, 'consumers see nothing above the high watermark');
  assert.is((await listLatest('shared')).offset, 0);

  // What a follower fetch will report: the other replica has the first two records.
  const state = broker.replicas.leaderFor('shared', 0, -1);
  assert.ok(typeof state !== 'number');
  state.followers.get(OTHER)!.logEndOffset = 2;
  assert.is((await produce('shared', 'd')).errorCode, E.NONE);
  const after = await fetch('shared');
  assert.is(after.highWatermark, 2, 'the smallest log end offset in the ISR');
  assert.equal(
    decodeRecordBatches(after.records as Buffer).map((b) => b.records[0]!.value!.toString()),
    ['a', 'b'],
  );
  assert.equal([state.logEndOffset, state.highWatermark], [4, 2], 'the state learned both from the append');
});

test.run();
