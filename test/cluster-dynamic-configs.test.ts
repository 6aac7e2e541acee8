// Dynamic broker configs (KIP-226) on three real broker processes: a cluster-wide default of
// log.retention.ms deletes the old segments of a topic without its own retention.ms on every broker and
// leaves a topic with one alone; one broker's own value wins over the default on that broker only;
// DescribeConfigs names each value's source (and its synonyms) on each broker; a static flag shows as
// STATIC_BROKER_CONFIG; validateOnly changes nothing; the values survive a restart of a broker and a
// failover of the controller; message.max.bytes as a default bounds the next batch.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import {
  CreateTopicsApi,
  DescribeConfigsApi,
  IncrementalAlterConfigsApi,
} from '../dist/protocol/generated/api-keys.js';
import { uniqueTopic } from './helpers/client-broker.js';
import {
  type ClusterNodeProc,
  eventually,
  JOINED,
  requestTo,
  startCluster,
  type TestCluster,
} from './helpers/cluster-procs.js';

const TOPIC = 2;
const BROKER = 4;
const Source = { TOPIC: 1, BROKER: 2, DEFAULT_BROKER: 3, STATIC: 4, DEFAULT: 5 };
const WEEK_MS = '604800000';
const HOUR_AGO = () => Date.now() - 3_600_000;

let c: TestCluster;
let client: Client;

test.before(async () => {
  c = await startCluster(3, {
    args: ['--retention-check-interval-ms', '200', '--replica-fetch-backoff-ms', '100'],
    // A static setting on broker 3 only: DescribeConfigs shows it as STATIC_BROKER_CONFIG there.
    argsFor: (id) => (id === 3 ? ['--segment-ms', '86400000'] : []),
  });
  client = new Client({ brokers: c.bootstrap.split(','), clientId: 'dynconf', retryBackoffMs: 100 });
});
test.after(async () => {
  await client?.close();
  await c?.destroy();
});

function via(avoid: number[] = []): ClusterNodeProc {
  return c.nodes.find((n) => n.alive() && !avoid.includes(n.nodeId))!;
}

type Change = [name: string, value: string | null];

/** IncrementalAlterConfigs SET (or DELETE for null) on one resource; its error code. */
async function alter(type: number, name: string, changes: Change[], validateOnly = false, node = via()) {
  const res = await requestTo(
    node,
    IncrementalAlterConfigsApi,
    {
      resources: [
        {
          resourceType: type,
          resourceName: name,
          configs: changes.map(([n, v]) => ({ name: n, configOperation: v === null ? 1 : 0, value: v })),
        },
      ],
      validateOnly,
    },
    1,
  );
  const r = res.responses[0]!;
  return { code: r.errorCode, message: r.errorMessage };
}

interface Described {
  value: string | null;
  source: number;
  synonyms: [string, string | null, number][];
}

/** DescribeConfigs of one resource, asked of `node`, with synonyms: name -> value, source, synonyms. */
async function describe(node: ClusterNodeProc, type: number, name: string, keys: string[] | null = null) {
  const res = await requestTo(
    node,
    DescribeConfigsApi,
    {
      resources: [{ resourceType: type, resourceName: name, configurationKeys: keys }],
      includeSynonyms: true,
      includeDocumentation: false,
    },
    4,
  );
  const r = res.results[0]!;
  assert.is(r.errorCode, ErrorCode.NONE, r.errorMessage ?? '');
  const out = new Map<string, Described>();
  for (const e of r.configs) {
    out.set(e.name, {
      value: e.value,
      source: e.configSource,
      synonyms: e.synonyms.map((s) => [s.name, s.value, s.source]),
    });
  }
  return out;
}

/** A one-partition topic on all three brokers, 1 KiB segments, and its own configs. */
async function topicEverywhere(prefix: string, configs: Record<string, string> = {}): Promise<string> {
  const topic = uniqueTopic(prefix);
  const res = await requestTo(
    via(),
    CreateTopicsApi,
    {
      topics: [
        {
          name: topic,
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [1, 2, 3] }],
          configs: Object.entries({ 'segment.bytes': '1024', ...configs }).map(([name, value]) => ({
            name,
            value,
          })),
        },
      ],
      timeoutMs: 30_000,
      validateOnly: false,
    },
    7,
  );
  assert.is(res.topics[0]!.errorCode, ErrorCode.NONE, res.topics[0]!.errorMessage ?? '');
  await eventually('the whole ISR in', async () => {
    const [t] = await client.admin().describeTopics([topic]);
    return t!.partitions[0]!.isr.length === 3;
  });
  return topic;
}

/** Records an hour old, acks=all: every replica has them, in many 1 KiB segments. */
async function fillOld(topic: string, count = 30): Promise<void> {
  const producer = client.producer({ acks: 'all', lingerMs: 0 });
  try {
    for (let i = 0; i < count; i++) {
      await producer.send(topic, {
        partition: 0,
        value: `old-${i}-`.padEnd(400, 'x'),
        timestamp: HOUR_AGO(),
      });
    }
  } finally {
    await producer.close();
  }
}

/** The segment files of the partition's log on one broker. */
function segments(node: ClusterNodeProc, topic: string): number {
  const dir = path.join(node.dataDir, `${topic}-0`);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.log')).length;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let kept: string;
let perBroker: string;

test('a cluster default of log.retention.ms deletes old segments everywhere, but not where the topic has its own', async () => {
  const plain = await topicEverywhere('plain');
  kept = await topicEverywhere('kept', { 'retention.ms': WEEK_MS });
  await fillOld(plain);
  await fillOld(kept);
  for (const n of c.nodes) {
    assert.ok(segments(n, plain) > 5, `broker ${n.nodeId}: ${segments(n, plain)} segments`);
    assert.ok(segments(n, kept) > 5);
  }
  // validateOnly decides without changing anything.
  assert.is((await alter(BROKER, '', [['log.retention.ms', '60000']], true)).code, ErrorCode.NONE);
  await sleep(1000);
  for (const n of c.nodes) assert.ok(segments(n, plain) > 5, 'validateOnly changed nothing');
  assert.is((await alter(BROKER, '', [['log.retention.ms', '60000']])).code, ErrorCode.NONE);
  await eventually('old segments of the topic without retention.ms deleted on every broker', () =>
    c.nodes.every((n) => segments(n, plain) === 1),
  );
  for (const n of c.nodes) {
    assert.ok(segments(n, kept) > 5, `broker ${n.nodeId} kept the topic with its own retention.ms`);
    const d = await describe(n, TOPIC, plain, ['retention.ms']);
    assert.equal(d.get('retention.ms')!.value, '60000');
    assert.is(d.get('retention.ms')!.source, Source.DEFAULT_BROKER);
    assert.equal(d.get('retention.ms')!.synonyms, [
      ['log.retention.ms', '60000', Source.DEFAULT_BROKER],
      ['log.retention.ms', WEEK_MS, Source.DEFAULT],
    ]);
    const k = await describe(n, TOPIC, kept, ['retention.ms']);
    assert.is(k.get('retention.ms')!.source, Source.TOPIC);
    assert.is(k.get('retention.ms')!.synonyms.length, 3, 'topic, cluster default, built-in');
  }
});

test("one broker's own value wins over the default on that broker only; sources per broker", async () => {
  assert.is((await alter(BROKER, '2', [['log.retention.ms', WEEK_MS]])).code, ErrorCode.NONE);
  perBroker = await topicEverywhere('per-broker');
  await fillOld(perBroker);
  await eventually('brokers 1 and 3 delete by the cluster default', () =>
    [1, 3].every((id) => segments(c.node(id), perBroker) === 1),
  );
  await sleep(1000); // several retention rounds on broker 2
  assert.ok(segments(c.node(2), perBroker) > 5, 'broker 2 keeps them: its own log.retention.ms');

  const on2 = await describe(c.node(2), BROKER, '2');
  assert.equal(on2.get('log.retention.ms'), {
    value: WEEK_MS,
    source: Source.BROKER,
    synonyms: [
      ['log.retention.ms', WEEK_MS, Source.BROKER],
      ['log.retention.ms', '60000', Source.DEFAULT_BROKER],
      ['log.retention.ms', WEEK_MS, Source.DEFAULT],
    ],
  });
  assert.is((await describe(c.node(1), BROKER, '1')).get('log.retention.ms')!.source, Source.DEFAULT_BROKER);
  const defaults = await describe(c.node(1), BROKER, '');
  assert.is(defaults.get('log.retention.ms')!.value, '60000');
  assert.is(defaults.get('log.retention.ms')!.source, Source.DEFAULT_BROKER);
  // A static flag (broker 3's --segment-ms) and the built-in value (broker 1).
  assert.is((await describe(c.node(3), BROKER, '3')).get('log.roll.ms')!.source, Source.STATIC);
  assert.is((await describe(c.node(1), BROKER, '1')).get('log.roll.ms')!.source, Source.DEFAULT);
  const roll = await describe(c.node(3), TOPIC, perBroker, ['segment.ms']);
  assert.equal(roll.get('segment.ms'), {
    value: '86400000',
    source: Source.STATIC,
    synonyms: [
      ['log.roll.ms', '86400000', Source.STATIC],
      ['log.roll.ms', WEEK_MS, Source.DEFAULT],
    ],
  });
  assert.is(
    (await describe(c.node(2), TOPIC, perBroker, ['retention.ms'])).get('retention.ms')!.source,
    Source.BROKER,
  );
  assert.is(
    (await describe(c.node(1), TOPIC, perBroker, ['retention.ms'])).get('retention.ms')!.source,
    Source.DEFAULT_BROKER,
  );
  // Read-only, unknown, cluster-wide-only, bad values, another broker's describe.
  assert.is((await alter(BROKER, '2', [['num.partitions', '3']])).code, ErrorCode.INVALID_REQUEST);
  assert.is((await alter(BROKER, '2', [['log.retention.hours', '3']])).code, ErrorCode.INVALID_REQUEST);
  assert.is((await alter(BROKER, '2', [['no.such.config', '3']])).code, ErrorCode.INVALID_CONFIG);
  assert.is((await alter(BROKER, '2', [['min.insync.replicas', '2']])).code, ErrorCode.INVALID_REQUEST);
  assert.is((await alter(BROKER, '2', [['log.retention.ms', 'soon']])).code, ErrorCode.INVALID_CONFIG);
  assert.is((await alter(BROKER, '2', [['log.segment.bytes', '5']])).code, ErrorCode.INVALID_CONFIG);
  assert.is((await alter(BROKER, 'two', [['log.retention.ms', '1']])).code, ErrorCode.INVALID_REQUEST);
  const other = await requestTo(
    c.node(1),
    DescribeConfigsApi,
    {
      resources: [{ resourceType: BROKER, resourceName: '2', configurationKeys: null }],
      includeSynonyms: false,
      includeDocumentation: false,
    },
    4,
  );
  assert.is(other.results[0]!.errorCode, ErrorCode.INVALID_REQUEST);
});

test('message.max.bytes as a cluster default bounds the next batch of topics without max.message.bytes', async () => {
  const topic = await topicEverywhere('sized', { 'segment.bytes': '1048576' });
  const producer = client.producer({ acks: 1, retries: 0 });
  const send = (value: string) =>
    producer.send(topic, { partition: 0, value }).then(
      () => ErrorCode.NONE,
      (e: { code?: number }) => e.code ?? -1,
    );
  try {
    assert.is(await send('x'.repeat(5000)), ErrorCode.NONE);
    assert.is((await alter(BROKER, '', [['message.max.bytes', '2000']])).code, ErrorCode.NONE);
    // The leader's handler and its log both hold batches to it (the log once its reopen is done).
    await eventually(
      'a 5000-byte batch refused',
      async () => (await send('y'.repeat(5000))) !== ErrorCode.NONE,
    );
    assert.is(await send('y'.repeat(5000)), ErrorCode.MESSAGE_TOO_LARGE);
    assert.is(await send('small'), ErrorCode.NONE);
    assert.is((await alter(BROKER, '', [['message.max.bytes', null]])).code, ErrorCode.NONE);
    await eventually(
      '5000 bytes allowed again',
      async () => (await send('z'.repeat(5000))) === ErrorCode.NONE,
    );
  } finally {
    await producer.close();
  }
});

test('the values survive a restart of a broker and a failover of the controller', async () => {
  const b2 = c.node(2);
  await b2.signal('SIGTERM');
  await b2.restart();
  await b2.waitForLog(JOINED);
  await eventually('broker 2 shows its own value again', async () => {
    const d = await describe(b2, BROKER, '2', ['log.retention.ms']);
    return d.get('log.retention.ms')?.source === Source.BROKER;
  });
  // Its log of the topic stayed: its own retention applied from the first image on, not the default.
  await sleep(1000);
  assert.ok(segments(b2, perBroker) > 5, `broker 2 after restart: ${segments(b2, perBroker)} segments`);

  const controller = (await client.admin().describeCluster()).controller ?? -1;
  const ctl = c.node(controller);
  await ctl.signal('SIGKILL');
  await eventually('a new controller', async () => {
    const now = (await client.admin().describeCluster()).controller ?? -1;
    return now !== controller && now >= 0;
  });
  // Changes go to the new controller and the old values are still there.
  assert.is(
    (await alter(BROKER, '', [['log.cleaner.delete.retention.ms', '1000']], false, via([controller]))).code,
    0,
  );
  // The change is answered once the broker it went to has it; the others apply it a moment later.
  for (const n of c.nodes.filter((x) => x.alive())) {
    await eventually(`broker ${n.nodeId} has the new default`, async () => {
      const d = await describe(n, BROKER, String(n.nodeId), ['log.cleaner.delete.retention.ms']);
      return d.get('log.cleaner.delete.retention.ms')?.value === '1000';
    });
    const d = await describe(n, BROKER, String(n.nodeId), ['log.retention.ms']);
    assert.is(d.get('log.retention.ms')!.value, n.nodeId === 2 ? WEEK_MS : '60000');
  }
  await ctl.restart();
  await ctl.waitForLog(JOINED);
  await eventually('the killed controller back with the defaults', async () => {
    const d = await describe(ctl, TOPIC, kept, ['retention.ms', 'delete.retention.ms']);
    return (
      d.get('delete.retention.ms')?.source === Source.DEFAULT_BROKER &&
      d.get('retention.ms')?.source === Source.TOPIC
    );
  });
});

test.run();
