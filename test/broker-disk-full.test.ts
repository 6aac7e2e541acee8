// A broker on a full disk (a 16 MiB tmpfs, filled by the broker's own writes and then topped up with a
// plain file so not one block is free). Each test starts from such a disk: the broker must restart after a
// SIGKILL and after a clean stop and serve every acknowledged record and committed offset; answer an
// auto-create with an error code instead of closing the connection; and accept the deletes that free
// space: DeleteRecords (whole segments go before its checkpoint is written) and DeleteTopics (data goes
// before the topic registry is rewritten), after which writes work again with no restart, and a deleted
// topic stays deleted across restarts. Needs root for the mount; skips with the reason otherwise (CI runs
// as root).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { TestClient } from './helpers/broker-client.js';
import {
  type Acked,
  checkAcked,
  fillUntilFull,
  KAFKA_STORAGE_ERROR,
  mountTmpfs,
  quietClient,
  type Tmpfs,
  topUp,
} from './helpers/disk-full.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
const BIG = 'big';
const BIG_PARTITIONS = 12;
const KEEP = 'keep';
const SEGMENT_BYTES = 256 * 1024;

async function produceOne(address: string, topic: string, partition: number): Promise<number> {
  const client = quietClient(address);
  try {
    const producer = client.producer({ acks: 1, idempotent: false, lingerMs: 0, retries: 0 });
    const [meta] = await producer.send(topic, { value: 'after', partition });
    await producer.close();
    return meta!.offset;
  } catch (err) {
    return -((err as { code?: number }).code ?? 1000);
  } finally {
    await client.close();
  }
}

async function metadata(address: string, topic: string, allowAutoTopicCreation: boolean) {
  const c = await TestClient.connect(Number(address.split(':')[1]));
  try {
    const md = await c.request(
      P.MetadataApi,
      12,
      P.createMetadataRequest({
        topics: [P.createMetadataRequestMetadataRequestTopic({ name: topic })],
        allowAutoTopicCreation,
      }),
    );
    // The connection must still answer after the topic's error.
    await c.request(P.ApiVersionsApi, 3, P.createApiVersionsRequest({}));
    return md.topics[0]!;
  } finally {
    c.socket.destroy();
  }
}

/** Commits `offset` for KEEP-0 in group 'g' (a simple commit: no members), or reads it back when offset is null. */
async function groupOffset(address: string, offset: number | null): Promise<number> {
  const c = await TestClient.connect(Number(address.split(':')[1]));
  try {
    if (offset !== null) {
      const res = await c.request(
        P.OffsetCommitApi,
        7,
        P.createOffsetCommitRequest({
          groupId: 'g',
          generationIdOrMemberEpoch: -1,
          topics: [
            {
              name: KEEP,
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
        }),
      );
      return res.topics[0]!.partitions[0]!.errorCode;
    }
    const res = await c.request(
      P.OffsetFetchApi,
      7,
      P.createOffsetFetchRequest({ groupId: 'g', topics: [{ name: KEEP, partitionIndexes: [0] }] }),
    );
    return res.topics[0]!.partitions[0]!.committedOffset;
  } finally {
    c.socket.destroy();
  }
}

interface FullBroker {
  tmpfs: Tmpfs;
  broker: BrokerProcess;
  acked: Acked;
}

/**
 * A broker with topics BIG and KEEP and a committed group offset, written until the disk is full. The
 * tests alternate between logs on the main thread (threads 0) and on a worker (threads 1).
 */
async function fullBroker(threads: 0 | 1): Promise<FullBroker | null> {
  const tmpfs = mountTmpfs(16 * 1024 * 1024);
  if (typeof tmpfs === 'string') {
    console.log(`skipped: ${tmpfs}`);
    return null;
  }
  const broker = await startBroker(['--threads', String(threads)], tmpfs.dir);
  const client = quietClient(broker.address);
  const admin = client.admin();
  await admin.createTopics([
    {
      topic: BIG,
      numPartitions: BIG_PARTITIONS,
      configs: { 'segment.bytes': String(SEGMENT_BYTES), 'index.interval.bytes': '1' },
    },
    { topic: KEEP, numPartitions: 2, configs: { 'segment.bytes': String(SEGMENT_BYTES) } },
  ]);
  await admin.close();
  // A group commit, so __consumer_offsets has data to load at each restart.
  assert.equal(await groupOffset(broker.address, 7), P.ErrorCode.NONE);
  const acked: Acked = new Map();
  const targets = [
    { topic: BIG, partitions: BIG_PARTITIONS },
    { topic: KEEP, partitions: 2 },
  ];
  const filled = await fillUntilFull(client, targets, acked);
  assert.equal(filled.otherErrors, []);
  assert.ok(filled.storageErrors > 0 && filled.acked > 5000, `acked ${filled.acked}`);
  topUp(tmpfs.dir);
  // The slack left in the last pages of the logs, in small records.
  const slack = await fillUntilFull(client, targets, acked, { valueBytes: 10 });
  assert.equal(slack.otherErrors, []);
  await client.close();
  return { tmpfs, broker, acked };
}

async function dispose(full: FullBroker): Promise<void> {
  await full.broker.stop('SIGKILL');
  full.tmpfs.unmount();
}

test('a full broker restarts (after SIGKILL and after SIGTERM) and serves every acknowledged record', async () => {
  const full = await fullBroker(1);
  if (full === null) return;
  try {
    // Unclean stop: the restart recovers and rewrites checkpoints, which must not stop it.
    await full.broker.stop('SIGKILL');
    full.broker = await full.broker.restart();
    topUp(full.tmpfs.dir);
    assert.equal(await full.broker.stop('SIGTERM'), 0, full.broker.stderr());
    // A partition of __consumer_offsets never made yet (group 'g' lives in partition 3): the start opens it.
    fs.rmSync(path.join(full.tmpfs.dir, '__consumer_offsets-49'), { recursive: true });
    topUp(full.tmpfs.dir);
    full.broker = await full.broker.restart();
    const client = quietClient(full.broker.address);
    await checkAcked(client, full.acked);
    await client.close();
    assert.equal(await groupOffset(full.broker.address, null), 7, 'committed offset after restarts');
    // Still full: writes are refused with KAFKA_STORAGE_ERROR.
    topUp(full.tmpfs.dir);
    const c2 = quietClient(full.broker.address);
    const r = await fillUntilFull(c2, [{ topic: KEEP, partitions: 2 }], full.acked, { valueBytes: 10 });
    await c2.close();
    assert.equal(r.otherErrors, []);
    assert.equal(await produceOne(full.broker.address, KEEP, 0), -KAFKA_STORAGE_ERROR);
  } finally {
    await dispose(full);
  }
});

test('auto-create and InitProducerId on a full disk answer error codes and keep the connection', async () => {
  const full = await fullBroker(0);
  if (full === null) return;
  try {
    const created = await metadata(full.broker.address, 'fresh', true);
    assert.equal(created.errorCode, KAFKA_STORAGE_ERROR, 'auto-create on a full disk');
    const again = await metadata(full.broker.address, 'fresh', false);
    assert.equal(again.errorCode, P.ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'nothing half-created');
    // An id block is a small metadata record (it may still fit the metadata log's last page): an id, or a
    // retriable error when even that cannot be written; either way the connection answers on.
    const c = await TestClient.connect(full.broker.port);
    try {
      const init = await c.request(
        P.InitProducerIdApi,
        4,
        P.createInitProducerIdRequest({ transactionalId: null, transactionTimeoutMs: 60_000 }),
      );
      assert.ok(
        init.errorCode === P.ErrorCode.NONE || init.errorCode === P.ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
        `InitProducerId on a full disk: ${init.errorCode}`,
      );
      await c.request(P.ApiVersionsApi, 3, P.createApiVersionsRequest({}));
    } finally {
      c.socket.destroy();
    }
  } finally {
    await dispose(full);
  }
});

test('DeleteRecords on a full disk frees whole segments, succeeds, and writes work again', async () => {
  const full = await fullBroker(0);
  if (full === null) return;
  try {
    const { broker, tmpfs, acked } = full;
    const client = quietClient(broker.address);
    const free0 = tmpfs.freeBytes();
    const hw = Math.max(...acked.get(`${BIG}/0`)!.keys()) + 1;
    const [deleted] = await client.admin().deleteRecords(BIG, [{ partition: 0, offset: hw }]);
    await client.close();
    assert.equal(deleted!.lowWatermark, hw);
    assert.ok(tmpfs.freeBytes() > free0, 'DeleteRecords freed nothing');
    assert.ok((await produceOne(broker.address, BIG, 0)) >= hw, 'a write after DeleteRecords');
    // The new log start survives a restart.
    assert.equal(await broker.stop('SIGTERM'), 0, broker.stderr());
    full.broker = await broker.restart();
    const c2 = quietClient(full.broker.address);
    const [earliest] = await c2.admin().listOffsets(BIG, 'earliest', [0]);
    await c2.close();
    assert.equal(Number(earliest!.offset), hw);
  } finally {
    await dispose(full);
  }
});

test('DeleteTopics on a full disk frees the space, writes work again, and the topic stays deleted', async () => {
  const full = await fullBroker(1);
  if (full === null) return;
  try {
    const { tmpfs, acked } = full;
    const free0 = tmpfs.freeBytes();
    let client = quietClient(full.broker.address);
    await client.admin().deleteTopics([BIG]);
    await client.close();
    assert.ok(tmpfs.freeBytes() > free0 + 4 * 1024 * 1024, 'DeleteTopics freed too little');
    assert.ok(!fs.readdirSync(tmpfs.dir).some((d) => d.startsWith(`${BIG}-`)), 'partition directories left');
    // Writes work again, no restart needed, and so does an auto-create.
    const next = await produceOne(full.broker.address, KEEP, 1);
    assert.ok(next >= 0, `produce after DeleteTopics: ${next}`);
    acked.get(`${KEEP}/1`)!.set(next, 'after');
    assert.equal((await metadata(full.broker.address, 'fresh', true)).errorCode, P.ErrorCode.NONE);
    // The deleted topic stays deleted across a restart; the kept one is whole.
    assert.equal(await full.broker.stop('SIGTERM'), 0, full.broker.stderr());
    full.broker = await full.broker.restart();
    const md = await metadata(full.broker.address, BIG, false);
    assert.equal(md.errorCode, P.ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.ok(!fs.readdirSync(tmpfs.dir).some((d) => d.startsWith(`${BIG}-`)));
    const saved = JSON.parse(fs.readFileSync(path.join(tmpfs.dir, 'topics.json'), 'utf8'));
    assert.ok(saved.topics.every((t: { name: string }) => t.name !== BIG));
    client = quietClient(full.broker.address);
    await checkAcked(client, acked, [BIG]);
    await client.close();
  } finally {
    await dispose(full);
  }
});

test('a first start on a full disk exits non-zero and names the file it could not write', () => {
  const tmpfs = mountTmpfs(1024 * 1024);
  if (typeof tmpfs === 'string') {
    console.log(`skipped: ${tmpfs}`);
    return;
  }
  try {
    topUp(tmpfs.dir);
    const r = spawnSync(process.execPath, [NODE_JS, '--listen', '127.0.0.1:0', '--data-dir', tmpfs.dir], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.signal, null, 'exited by itself');
    assert.ok(r.status !== 0, `exit status ${r.status}`);
    // The data-dir lock is the first file a start writes (then meta.properties): either names its file.
    assert.match(r.stderr, /cannot start: cannot (lock|write) \S*(\.lock|meta\.properties): ENOSPC/);
  } finally {
    tmpfs.unmount();
  }
});

test.run();
