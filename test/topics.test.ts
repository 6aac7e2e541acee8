import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TopicError, TopicRegistry, topicNameProblem } from '../dist/cluster/topics.js';
import { ErrorCode } from '../dist/protocol/errors.js';

const dir = () => mkdtempSync(join(tmpdir(), 'runnel-topics-'));

function code(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof TopicError) return e.code;
    throw e;
  }
  return ErrorCode.NONE;
}

test("topic names follow Kafka's rules", () => {
  assert.is(topicNameProblem('orders.v1_x-y'), null);
  assert.is(topicNameProblem('a'.repeat(249)), null);
  assert.ok(topicNameProblem('a'.repeat(250)));
  assert.ok(topicNameProblem('.'));
  assert.ok(topicNameProblem('..'));
  assert.ok(topicNameProblem(''));
  assert.ok(topicNameProblem('has space'));
  assert.ok(topicNameProblem('slash/no'));
  assert.ok(topicNameProblem('ünïcode'));
});

test('create, duplicate, collision, bad partitions and configs get their error codes', () => {
  const r = new TopicRegistry(dir());
  r.create('orders', 3, { 'retention.ms': '1000' });
  assert.is(
    code(() => r.create('orders', 1)),
    ErrorCode.TOPIC_ALREADY_EXISTS,
  );
  assert.is(
    code(() => r.create('my.topic', 1)),
    ErrorCode.NONE,
  );
  assert.is(
    code(() => r.create('my_topic', 1)),
    ErrorCode.INVALID_TOPIC_EXCEPTION,
  );
  assert.is(
    code(() => r.create('bad name', 1)),
    ErrorCode.INVALID_TOPIC_EXCEPTION,
  );
  assert.is(
    code(() => r.create('zero', 0)),
    ErrorCode.INVALID_PARTITIONS,
  );
  assert.is(
    code(() => r.create('cfg', 1, { 'no.such.config': '1' })),
    ErrorCode.INVALID_CONFIG,
  );
  assert.is(
    code(() => r.create('cfg', 1, { 'cleanup.policy': 'sometimes' })),
    ErrorCode.INVALID_CONFIG,
  );
  assert.is(r.get('cfg'), undefined);
  assert.is(
    code(() => r.create('__consumer_offsets', 50)),
    ErrorCode.INVALID_TOPIC_EXCEPTION,
  );
});

test('topics, ids, partitions and configs survive a reopen', () => {
  const d = dir();
  const a = new TopicRegistry(d);
  const t = a.create('events', 2, { 'cleanup.policy': 'compact' });
  a.addPartitions('events', 5);
  a.create('gone', 1);
  a.delete('gone');
  const b = new TopicRegistry(d);
  const e = b.get('events')!;
  assert.is(e.partitions, 5);
  assert.ok(e.topicId.equals(t.topicId));
  assert.equal(e.configs, { 'cleanup.policy': 'compact' });
  assert.is(b.getById(t.topicId)?.name, 'events');
  assert.is(b.get('gone'), undefined);
  assert.is(
    code(() => b.addPartitions('events', 5)),
    ErrorCode.INVALID_PARTITIONS,
  );
  assert.is(
    code(() => b.delete('nope')),
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  );
});

test.run();
