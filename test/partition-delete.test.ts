// Deleting a partition is crash safe: rename to `<topic>-<partition>.<uniqueid>-delete`, then remove. A broker
// killed (SIGKILL) between the two steps leaves only the `-delete` directory; the next start removes it and the
// deleted topic does not come back, not even when a topic of the same name is created again.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import {
  PAUSE_AFTER_DELETE_RENAME_ENV,
  parseDeleteDirName,
  parsePartitionDirName,
} from '../dist/storage/partition-dir.js';
import { InlinePartitions, PartitionPool } from '../dist/storage/pool.js';
import { startBroker } from './helpers/broker.js';
import { makeBatch, removeDir, tempDir } from './helpers/storage-util.js';

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
test.after(() => dirs.forEach(removeDir));

async function waitFor<T>(what: string, probe: () => T | null | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('directory names: partitions and renamed-for-delete partitions parse; nothing else does', () => {
  assert.equal(parsePartitionDirName('my-topic-12'), { topic: 'my-topic', partition: 12 });
  assert.is(parsePartitionDirName('topic'), null);
  assert.is(parsePartitionDirName('topic-x'), null);
  assert.is(parsePartitionDirName('-3'), null);
  assert.is(parsePartitionDirName('bad name-1'), null);
  assert.is(parsePartitionDirName('t-0.0123abcd-delete'), null, 'a renamed directory is never a partition');
  assert.equal(parseDeleteDirName('my-topic-12.0123abcd-delete'), { topic: 'my-topic', partition: 12 });
  assert.is(parseDeleteDirName('my-topic-12-delete'), null);
  assert.is(parseDeleteDirName('stuff.abc-delete'), null);
  assert.is(parseDeleteDirName('x-delete-0'), null, 'a topic named x-delete is a partition, not a deletion');
});

for (const kind of ['inline', 'pool'] as const) {
  const newStore = (dataDir: string, maxOpenPartitions = 100) =>
    kind === 'inline'
      ? new InlinePartitions({ dataDir, maxOpenPartitions })
      : new PartitionPool({ dataDir, maxOpenPartitions, threads: 1 });

  test(`${kind}: a directory left renamed for delete is removed when the store opens; other directories stay`, async () => {
    const dir = newDir();
    const first = newStore(dir);
    for (const topic of ['gone', 'kept']) {
      assert.is((await first.open(topic, 0, true)).errorCode, ErrorCode.NONE);
      assert.is((await first.append(topic, 0, makeBatch(1))).errorCode, ErrorCode.NONE);
    }
    await first.close();
    // Exactly what a crash after the rename leaves: the whole log, under its -delete name.
    fs.renameSync(path.join(dir, 'gone-0'), path.join(dir, 'gone-0.5f1c0ad2e4b94c7aa0e1d2c3b4a59687-delete'));
    fs.mkdirSync(path.join(dir, 'x-delete-0')); // a partition of topic x-delete: not touched
    const second = newStore(dir);
    assert.equal(fs.readdirSync(dir).sort(), ['kept-0', 'x-delete-0']);
    assert.is((await second.open('gone', 0, false)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const kept = await second.open('kept', 0, false);
    assert.is(kept.errorCode, ErrorCode.NONE);
    assert.is(kept.logEndOffset, 1);
    await second.close();
  });

  test(`${kind}: deleting a partition that is not open needs no open (works at the open-log limit)`, async () => {
    const dir = newDir();
    const first = newStore(dir);
    for (const topic of ['a', 'b']) assert.is((await first.open(topic, 0, true)).errorCode, ErrorCode.NONE);
    await first.close();
    const second = newStore(dir, 1);
    assert.is((await second.open('a', 0, false)).errorCode, ErrorCode.NONE);
    assert.is((await second.open('b', 0, false)).errorCode, ErrorCode.POLICY_VIOLATION, 'limit reached');
    assert.is((await second.deletePartition('b', 0)).errorCode, ErrorCode.NONE);
    assert.is((await second.deletePartition('b', 0)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    assert.is((await second.deletePartition('a', 0)).errorCode, ErrorCode.NONE);
    assert.equal(fs.readdirSync(dir), []);
    // The open log was dropped from the host: the limit has room again.
    assert.is((await second.open('c', 0, true)).errorCode, ErrorCode.NONE);
    await second.close();
  });
}

for (const threads of [0, 1]) {
  test(`SIGKILL between rename and remove (--threads ${threads}): the restart finishes the delete, the topic stays gone`, async () => {
    process.env[PAUSE_AFTER_DELETE_RENAME_ENV] = '1';
    let broker: Awaited<ReturnType<typeof startBroker>>;
    try {
      broker = await startBroker(['--threads', String(threads), '--auto-create-topics', 'false']);
    } finally {
      delete process.env[PAUSE_AFTER_DELETE_RENAME_ENV];
    }
    const dataDir = broker.dataDir;
    const client = new Client({ brokers: [broker.address], requestTimeoutMs: 60_000 });
    let restarted: Awaited<ReturnType<typeof startBroker>> | null = null;
    try {
      const admin = client.admin();
      await admin.createTopics([{ topic: 'doomed', numPartitions: 1 }]);
      const producer = client.producer({ acks: 'all' });
      for (let i = 0; i < 20; i++) await producer.send('doomed', [{ value: `v${i}` }]);
      assert.ok(fs.existsSync(path.join(dataDir, 'doomed-0')));

      void admin.deleteTopics(['doomed']).catch(() => {}); // never answers: the broker pauses, then dies
      const doomed = await waitFor('the renamed directory', () =>
        fs.readdirSync(dataDir).find((n) => parseDeleteDirName(n) !== null),
      );
      await waitFor('the pause', () => (broker.stderr().includes('test hook: paused') ? true : null));
      assert.is(await broker.stop('SIGKILL'), null);
      client.close().catch(() => {});

      // The crash left the renamed log whole and nothing under the partition's own name.
      assert.not.ok(fs.existsSync(path.join(dataDir, 'doomed-0')));
      assert.ok(fs.readdirSync(path.join(dataDir, doomed)).some((n) => n.endsWith('.log')));

      restarted = await broker.restart();
      assert.equal(
        fs.readdirSync(dataDir).filter((n) => n.startsWith('doomed')),
        [],
        'the restart removed the -delete directory',
      );
      const again = new Client({ brokers: [restarted.address] });
      try {
        const admin2 = again.admin();
        assert.not.ok((await admin2.listTopics()).includes('doomed'));
        await admin2.createTopics([{ topic: 'doomed', numPartitions: 1 }]);
        const [latest] = await admin2.listOffsets('doomed', 'latest');
        assert.is(latest?.offset, 0, 'the new topic of the same name starts empty');
      } finally {
        await again.close();
      }
    } finally {
      await client.close().catch(() => {});
      await broker.dispose();
      if (restarted !== null) await restarted.dispose();
    }
  });
}

test('a crash after the topic left the registry, before its rename: the restart sets the partition aside', async () => {
  const broker = await startBroker(['--auto-create-topics', 'false']);
  const dataDir = broker.dataDir;
  let restarted: Awaited<ReturnType<typeof startBroker>> | null = null;
  const client = new Client({ brokers: [broker.address] });
  try {
    const admin = client.admin();
    await admin.createTopics([
      { topic: 'ghost', numPartitions: 1 },
      { topic: 'kept', numPartitions: 1 },
    ]);
    const producer = client.producer({ acks: 'all' });
    for (let i = 0; i < 5; i++) await producer.send('ghost', [{ value: `g${i}` }]);
    await producer.send('kept', [{ value: 'k' }]);
    await client.close();
    const internal = () =>
      fs
        .readdirSync(dataDir)
        .filter((n) => n.startsWith('__consumer_offsets-'))
        .sort();
    const internalBefore = internal();
    assert.ok(internalBefore.length > 0);
    assert.is(await broker.stop('SIGKILL'), null);
    // Exactly what a lone broker's DeleteTopics left when the process died after saving the registry, in a
    // data dir from before the metadata quorum (no metadata log: topics.json is the truth it is seeded
    // from): the topic is gone from topics.json, its partition directory is still whole under its own name.
    fs.rmSync(path.join(dataDir, 'cluster-bootstrap.json'));
    fs.rmSync(path.join(dataDir, '__cluster_metadata-0'), { recursive: true });
    const registry = path.join(dataDir, 'topics.json');
    const saved = JSON.parse(fs.readFileSync(registry, 'utf8')) as { topics: { name: string }[] };
    saved.topics = saved.topics.filter((t) => t.name !== 'ghost');
    fs.writeFileSync(registry, JSON.stringify(saved));
    assert.ok(fs.existsSync(path.join(dataDir, 'ghost-0')));

    restarted = await broker.restart();
    const names = fs.readdirSync(dataDir);
    assert.not.ok(names.includes('ghost-0'));
    const aside = names.filter((n) => /^ghost-0\.[0-9a-f]{32}-stray$/.test(n));
    assert.is(aside.length, 1, 'set aside, not removed');
    assert.ok(fs.readdirSync(path.join(dataDir, aside[0]!)).some((n) => n.endsWith('.log')));
    assert.ok(names.includes('kept-0'));
    assert.equal(internal(), internalBefore, '__consumer_offsets is not in the registry and stays');
    assert.match(restarted.stderr(), /ghost-0: no topic owns it/);

    const again = new Client({ brokers: [restarted.address] });
    try {
      const admin2 = again.admin();
      assert.equal((await admin2.listTopics()).sort(), ['kept']);
      await admin2.createTopics([{ topic: 'ghost', numPartitions: 1 }]);
      const [latest] = await admin2.listOffsets('ghost', 'latest');
      assert.is(latest?.offset, 0, 'the new topic of the same name starts empty');
      const [kept] = await admin2.listOffsets('kept', 'latest');
      assert.is(kept?.offset, 1);
    } finally {
      await again.close();
    }
  } finally {
    await client.close().catch(() => {});
    await broker.dispose();
    if (restarted !== null) await restarted.dispose();
  }
});

test.run();
