// Replication quotas (KIP-73) on three real broker processes, set as dynamic configs: a follower that comes
// back behind its leader copies a partition listed in follower.replication.throttled.replicas at about
// follower.replication.throttled.rate while an unlisted partition on the same fetcher copies at full speed;
// a leader answers a partition listed in leader.replication.throttled.replicas at about
// leader.replication.throttled.rate. Raising or removing a rate takes effect at once, without a restart.
// Rates are measured on the follower's disk over a window, with generous bounds.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { CreateTopicsApi, IncrementalAlterConfigsApi } from '../dist/protocol/generated/api-keys.js';
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
const RATE = 500_000;
const MB = 1024 * 1024;

let c: TestCluster;
let client: Client;

test.before(async () => {
  c = await startCluster(3, { args: ['--replica-fetch-backoff-ms', '100'] });
  client = new Client({ brokers: c.bootstrap.split(','), clientId: 'throttle', retryBackoffMs: 100 });
});
test.after(async () => {
  await client?.close();
  await c?.destroy();
});

function via(avoid: number[] = []): ClusterNodeProc {
  return c.nodes.find((n) => n.alive() && !avoid.includes(n.nodeId))!;
}

async function alter(type: number, name: string, changes: [string, string | null][]): Promise<void> {
  const res = await requestTo(
    via(),
    IncrementalAlterConfigsApi,
    {
      resources: [
        {
          resourceType: type,
          resourceName: name,
          configs: changes.map(([n, v]) => ({ name: n, configOperation: v === null ? 1 : 0, value: v })),
        },
      ],
      validateOnly: false,
    },
    1,
  );
  assert.is(res.responses[0]!.errorCode, ErrorCode.NONE, res.responses[0]!.errorMessage ?? '');
}

async function topicOn(prefix: string, replicas: number[]): Promise<string> {
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
          assignments: [{ partitionIndex: 0, brokerIds: replicas }],
          configs: [],
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
    return t!.partitions[0]!.isr.length === replicas.length;
  });
  return topic;
}

/** `bytes` of records (acks=1: the leader alone has them while the follower is down). */
async function fill(topic: string, bytes: number): Promise<void> {
  const producer = client.producer({ acks: 1, lingerMs: 5 });
  const value = 'v'.repeat(16 * 1024);
  try {
    const sends = [];
    for (let n = 0; n < bytes; n += value.length) sends.push(producer.send(topic, { partition: 0, value }));
    await Promise.all(sends);
  } finally {
    await producer.close();
  }
}

/** Bytes of the partition's log segments on a broker's disk. */
function logBytes(node: ClusterNodeProc, topic: string): number {
  const dir = path.join(node.dataDir, `${topic}-0`);
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.log')) n += fs.statSync(path.join(dir, f)).size;
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes/s the follower's copy of `topic` grew over `ms`, once it has started growing. */
async function rateOver(follower: ClusterNodeProc, topic: string, ms: number): Promise<number> {
  await eventually('the copy started', () => logBytes(follower, topic) > 0);
  await sleep(500);
  const from = logBytes(follower, topic);
  const t0 = Date.now();
  await sleep(ms);
  return ((logBytes(follower, topic) - from) * 1000) / (Date.now() - t0);
}

test('follower side: a listed partition copies at about the rate, an unlisted one at full speed; a live change lifts it', async () => {
  const listed = await topicOn('f-listed', [1, 2]);
  const unlisted = await topicOn('f-unlisted', [1, 2]);
  const b2 = c.node(2);
  await b2.signal('SIGTERM');
  await fill(listed, 8 * MB);
  await fill(unlisted, 2 * MB);
  await alter(TOPIC, listed, [['follower.replication.throttled.replicas', '0:2']]);
  await alter(BROKER, '2', [['follower.replication.throttled.rate', String(RATE)]]);
  await b2.restart();
  await b2.waitForLog(JOINED);
  const rate = await rateOver(b2, listed, 3000);
  assert.ok(rate > RATE / 4 && rate < RATE * 2, `listed partition copied at ${Math.round(rate)} B/s`);
  assert.ok(
    logBytes(b2, unlisted) >= logBytes(c.node(1), unlisted),
    'the unlisted partition caught up meanwhile, at full speed',
  );
  const left = logBytes(c.node(1), listed) - logBytes(b2, listed);
  assert.ok(left > 4 * MB, `${left} bytes left: more than 8 s at the rate`);
  // Removing the broker's rate lifts the throttle at once: the rest comes far faster than the rate allows.
  const lifted = Date.now();
  await alter(BROKER, '2', [['follower.replication.throttled.rate', null]]);
  await eventually(
    'caught up once the rate is lifted',
    () => logBytes(b2, listed) >= logBytes(c.node(1), listed),
    (left / RATE) * 1000 * 0.6,
  );
  assert.ok(Date.now() - lifted < (left / RATE) * 1000 * 0.6);
});

test('leader side: the leader sends a listed partition to a returning follower at about its rate; a raised rate acts at once', async () => {
  const topic = await topicOn('l-listed', [1, 3]);
  const b3 = c.node(3);
  await b3.signal('SIGTERM');
  await fill(topic, 8 * MB);
  await alter(TOPIC, topic, [['leader.replication.throttled.replicas', '0:1']]);
  await alter(BROKER, '1', [['leader.replication.throttled.rate', String(RATE)]]);
  await b3.restart();
  await b3.waitForLog(JOINED);
  const slow = await rateOver(b3, topic, 3000);
  assert.ok(slow > RATE / 4 && slow < RATE * 2, `leader sent at ${Math.round(slow)} B/s`);
  await alter(BROKER, '1', [['leader.replication.throttled.rate', String(RATE * 4)]]);
  const fast = await rateOver(b3, topic, 1500);
  assert.ok(fast > slow * 2, `after raising the rate: ${Math.round(fast)} B/s (was ${Math.round(slow)})`);
  assert.ok(fast < RATE * 4 * 2, `still throttled: ${Math.round(fast)} B/s`);
});

test.run();
