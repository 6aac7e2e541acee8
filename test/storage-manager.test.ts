// LogManager: many partitions under one data dir, several managers sharing it with disjoint ownership,
// per-partition clean-shutdown markers and checkpoints, deletion and retention.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, type KafkaError } from '../dist/protocol/errors.js';
import { CLEAN_SHUTDOWN_FILE } from '../dist/storage/log.js';
import { LogManager, parsePartitionDirName } from '../dist/storage/log-manager.js';
import { makeBatch, readAll, removeDir, tagOf, tempDir } from './helpers/storage-util.js';

const dirs: string[] = [];
function newDir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
test.after(() => dirs.forEach(removeDir));

test('partition directory names parse back, odd names are ignored', () => {
  assert.equal(parsePartitionDirName('my-topic-12'), { topic: 'my-topic', partition: 12 });
  assert.is(parsePartitionDirName('topic'), null);
  assert.is(parsePartitionDirName('topic-x'), null);
  assert.is(parsePartitionDirName('-3'), null);
  assert.is(parsePartitionDirName('bad name-1'), null);
});

test('two managers share a data dir with disjoint partitions and never write the same file', () => {
  const dir = newDir();
  const even = new LogManager(dir, {
    owns: (tp) => tp.partition % 2 === 0,
    defaultConfig: { retentionMs: -1 },
  });
  const odd = new LogManager(dir, {
    owns: (tp) => tp.partition % 2 === 1,
    defaultConfig: { retentionMs: -1 },
  });
  for (let p = 0; p < 6; p++) {
    const m = p % 2 === 0 ? even : odd;
    const log = m.getOrCreateLog({ topic: 'orders', partition: p });
    for (let i = 0; i <= p; i++) log.append(makeBatch(p * 100 + i), 0);
  }
  try {
    even.getOrCreateLog({ topic: 'orders', partition: 1 });
    assert.unreachable('owned by the other manager');
  } catch (e) {
    assert.is((e as KafkaError).code, ErrorCode.NOT_LEADER_OR_FOLLOWER);
  }
  even.close();
  // Only even partitions are marked clean; the odd ones are still open (their marker absent).
  for (let p = 0; p < 6; p++) {
    const marker = fs.existsSync(path.join(dir, `orders-${p}`, CLEAN_SHUTDOWN_FILE));
    assert.is(marker, p % 2 === 0, `partition ${p}`);
  }
  assert.equal(
    fs.readdirSync(dir).sort(),
    [0, 1, 2, 3, 4, 5].map((p) => `orders-${p}`),
    'nothing at the data dir level',
  );
  odd.close();

  const all = LogManager.listPartitions(dir);
  assert.is(all.length, 6);
  // After restart ownership may change: one manager takes everything, all opens are clean.
  const one = new LogManager(dir);
  const logs = one.loadLogs();
  assert.is(logs.length, 6);
  for (const log of logs) {
    assert.ok(log.recoveryStats.cleanShutdown);
    const p = log.topicPartition.partition;
    assert.equal(
      readAll(log).map(tagOf),
      Array.from({ length: p + 1 }, (_, i) => p * 100 + i),
    );
  }
  one.close();
});

test('a manager that was not closed recovers its partitions at the next load', () => {
  const dir = newDir();
  const m = new LogManager(dir);
  const log = m.getOrCreateLog({ topic: 't', partition: 0 });
  for (let i = 0; i < 5; i++) log.append(makeBatch(i), 0);
  log.abandon(); // crash
  const m2 = new LogManager(dir);
  const [reopened] = m2.loadLogs();
  assert.ok(reopened !== undefined);
  assert.is(reopened.recoveryStats.cleanShutdown, false);
  assert.equal(readAll(reopened).map(tagOf), [0, 1, 2, 3, 4]);
  m2.close();
});

test('deleteLog removes the directory; limits and names are enforced', () => {
  const dir = newDir();
  const m = new LogManager(dir, { maxPartitions: 2 });
  m.getOrCreateLog({ topic: 'a', partition: 0 }).append(makeBatch(1), 0);
  m.getOrCreateLog({ topic: 'a', partition: 1 });
  assert.throws(
    () => m.getOrCreateLog({ topic: 'a', partition: 2 }),
    (e: KafkaError) => e.code === ErrorCode.KAFKA_STORAGE_ERROR,
  );
  assert.throws(
    () => m.getOrCreateLog({ topic: 'a/b', partition: 0 }),
    (e: KafkaError) => e.code === ErrorCode.INVALID_TOPIC_EXCEPTION,
  );
  assert.ok(m.deleteLog({ topic: 'a', partition: 0 }));
  assert.not.ok(m.deleteLog({ topic: 'a', partition: 0 }));
  assert.equal(fs.readdirSync(dir), ['a-1']);
  assert.is(m.partitionCount, 1);
  // A deletion interrupted after the rename is finished at the next load.
  fs.mkdirSync(path.join(dir, 'a-7.123-delete'));
  m.close();
  const m2 = new LogManager(dir);
  m2.loadLogs();
  assert.equal(fs.readdirSync(dir), ['a-1']);
  m2.close();
});

test('applyRetention and checkpoint run over every owned log', () => {
  const dir = newDir();
  const m = new LogManager(dir, {
    defaultConfig: { segmentBytes: 1000, retentionBytes: 1500, retentionMs: -1 },
  });
  for (let p = 0; p < 3; p++) {
    const log = m.getOrCreateLog({ topic: 'r', partition: p });
    for (let i = 0; i < 20; i++) log.append(makeBatch(i, { valueBytes: 200 }), 0);
  }
  assert.ok(m.applyRetention() > 0);
  for (const log of m.allLogs()) assert.ok(log.logStartOffset > 0 && log.size < 2600);
  m.checkpoint();
  const text = fs.readFileSync(path.join(dir, 'r-1', 'recovery-point-offset-checkpoint'), 'utf8');
  assert.match(text, /^0\n1\nr 1 \d+\n$/);
  m.close();
});

test.run();
