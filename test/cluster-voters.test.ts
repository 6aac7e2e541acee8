// Changing the metadata quorum's voters on real broker processes (KIP-853): three voters and two observers;
// voter 4 added (with the CLI), voter 1 removed while it is down (with the Admin API; restarted, it only
// observes and bumps no epoch), then the leader killed: the quorum
// (2, 3, 4) elects another and commits (a topic is created). Every broker restarted: the voters come from
// the metadata log, not the bootstrap file (which still says 1, 2, 3). The removed voter, restarted, only
// observes: no epoch bump while it runs, and it never leads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client, KafkaError } from '../dist/client/index.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { cli, cliJson } from './helpers/cli.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const eventually = eventuallyWithin(60_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let c: TestCluster;

test.before(async () => {
  c = await startCluster(3, {
    args: [
      '--broker-session-timeout-ms',
      '3000',
      '--broker-heartbeat-interval-ms',
      '500',
      '--quorum-election-timeout-ms',
      '500',
      '--quorum-fetch-timeout-ms',
      '1000',
    ],
  });
  // Joining a formed cluster, 4 and 5 are observers of its quorum.
  for (const id of [4, 5]) await c.add(id);
  for (const id of [4, 5]) await c.node(id).waitForLog(JOINED, 30_000);
});

test.after(async () => {
  await c?.destroy();
});

/** A client over the brokers that run now. */
function client(): Client {
  const brokers = c.nodes.filter((n) => n.alive()).map((n) => n.address);
  return new Client({ brokers, clientId: 'voters-test', retryBackoffMs: 100, requestTimeoutMs: 10_000 });
}

async function quorum() {
  const cl = client();
  try {
    return await cl.admin().describeQuorum();
  } finally {
    await cl.close();
  }
}

const voterIds = (q: Awaited<ReturnType<typeof quorum>>) => q.voters.map((v) => v.replicaId);

async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return ErrorCode.NONE;
  } catch (err) {
    return err instanceof KafkaError ? err.code : -999;
  }
}

test('add voter 4, remove voter 1, lose the leader: the new quorum elects and commits; restarts keep it', async () => {
  const b = ['-b', c.bootstrap];
  await eventually('the observers caught up', async () => {
    const q = await quorum();
    const obs = q.observers.filter((o) => [4, 5].includes(o.replicaId));
    return (
      voterIds(q).join() === '1,2,3' &&
      obs.length === 2 &&
      obs.every((o) => o.logEndOffset >= q.highWatermark - 5)
    );
  });
  const table = await cli(['cluster', 'quorum', ...b]);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, /^Leader: [123] {2}Epoch: \d+ {2}High watermark: \d+ {2}Voters: 1,2,3$/m);
  assert.match(table.stdout, /^NODE\s+ROLE\s+LOG-END\s+LAG\s+LAST-FETCH\s+CAUGHT-UP$/m);
  assert.match(table.stdout, /^4\s+observer\s+\d+/m);

  // Decommissioning a voter is refused until it leaves the quorum.
  const refused = await cli(['cluster', 'decommission', '2', ...b]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /broker 2 is a voter of the metadata quorum .*remove-voter 2/);

  const added = await cliJson<{ added: boolean; voters: number[] }>(['cluster', 'add-voter', '4', ...b]);
  assert.equal(added, { broker: 4, added: true, voters: [1, 2, 3, 4] });
  const cl = client();
  try {
    assert.is(
      await codeOf(cl.admin().addRaftVoter({ voterId: 4, listeners: [] })),
      ErrorCode.DUPLICATE_VOTER,
    );
    assert.is(await codeOf(cl.admin().removeRaftVoter({ voterId: 9 })), ErrorCode.VOTER_NOT_FOUND);
    assert.is(
      await codeOf(cl.admin().addRaftVoter({ voterId: 42, listeners: [] })),
      ErrorCode.BROKER_ID_NOT_REGISTERED,
    );
  } finally {
    await cl.close();
  }
  // Voter 1 is removed while it is down: restarted, its log still names it a voter until it fetches the
  // record. Pre-vote keeps it from disrupting the leader meanwhile.
  await c.node(1).signal('SIGTERM');
  const cl2 = client();
  try {
    await cl2.admin().removeRaftVoter({ voterId: 1 });
  } finally {
    await cl2.close();
  }
  let q = await quorum();
  assert.equal(voterIds(q), [2, 3, 4]);
  await eventually('a settled leader', async () => (await quorum()).leaderId >= 0);
  const before = await quorum();
  await c.node(1).restart();
  await eventually('the removed voter observes', async () => {
    const n = await quorum();
    return n.observers.some((o) => o.replicaId === 1 && o.logEndOffset >= n.highWatermark - 5);
  });
  await sleep(3_000);
  q = await quorum();
  assert.equal([q.leaderId, q.leaderEpoch], [before.leaderId, before.leaderEpoch], 'no new epoch');
  assert.not.match(c.node(1).log(), /leader of epoch/);

  // Kill the leader: two of (2, 3, 4) elect another and commit.
  await eventually('a leader among 2, 3, 4', async () => [2, 3, 4].includes((await quorum()).leaderId));
  const dead = (await quorum()).leaderId;
  const epoch = (await quorum()).leaderEpoch;
  await c.node(dead).signal('SIGKILL');
  await eventually('a new leader', async () => {
    const n = await quorum();
    return n.leaderId !== dead && n.leaderId >= 0 && n.leaderEpoch > epoch;
  });
  q = await quorum();
  assert.ok([2, 3, 4].includes(q.leaderId) && q.leaderId !== dead, `leader ${q.leaderId}`);
  const topic = uniqueTopic('voters');
  const made = await cli([
    'topic',
    'create',
    topic,
    '-p',
    '1',
    '-r',
    '1',
    '-b',
    c.nodes
      .filter((n) => n.alive())
      .map((n) => n.address)
      .join(','),
  ]);
  assert.is(made.code, 0, made.stderr);

  // Every broker restarted: the voters come from the metadata log (the bootstrap file still names 1, 2, 3).
  await c.node(dead).restart();
  for (const n of c.nodes) {
    if (n.alive()) await n.signal('SIGTERM');
  }
  for (const n of c.nodes) await n.restart();
  await eventually('a leader after the restart', async () => (await quorum()).leaderId >= 0);
  q = await quorum();
  assert.equal(voterIds(q), [2, 3, 4]);
  assert.ok([2, 3, 4].includes(q.leaderId));

  // The removed voter, restarted, disrupts nothing: the epoch holds while it runs, and it never leads.
  await eventually('node 1 observes', async () => {
    const n = await quorum();
    return n.observers.some((o) => o.replicaId === 1 && o.logEndOffset >= n.highWatermark - 5);
  });
  const settled = await quorum();
  await sleep(5_000);
  const later = await quorum();
  assert.is(later.leaderEpoch, settled.leaderEpoch, 'no epoch bump');
  assert.is(later.leaderId, settled.leaderId);
  assert.not.match(c.node(1).log(), /leader of epoch/);
  assert.not.match(c.node(1).log(), /standing for epoch/);
  // The topic made under the new quorum survived it all.
  const described = await cli(['topic', 'describe', topic, '-b', c.bootstrap]);
  assert.is(described.code, 0, described.stderr);
});

test.run();
