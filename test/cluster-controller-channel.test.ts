// A broker's side of the controller, over real TCP on loopback: BrokerLifecycle registers through a
// ControllerChannel, is unfenced once caught up, is fenced when its heartbeats stop reaching the
// controller and unfenced when they come back, registers again when the controller forgot it, and shuts
// down in a controlled way. The channel's round trips work, its NOT_CONTROLLER and failover retries reach
// the new controller, and its limits hold. The controllers are real RaftNodes and QuorumControllers
// (test/helpers/controller-quorum.ts) serving the RPC functions under test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../dist/clock.js';
import {
  BrokerLifecycle,
  type BrokerLifecycleState,
  ControllerChannel,
} from '../dist/cluster/metadata/index.js';
import {
  AllocateProducerIdsApi,
  BrokerHeartbeatApi,
  BrokerRegistrationApi,
  CreateTopicsApi,
  DeleteTopicsApi,
  IncrementalAlterConfigsApi,
} from '../dist/protocol/generated/api-keys.js';
import { type ControllerQuorum, startControllerQuorum } from './helpers/controller-quorum.js';
import { route, startRpcServer } from './helpers/rpc-server.js';

const CLUSTER = 'c1';
const OPTIONS = { clusterId: CLUSTER, defaultPartitions: 1 };

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The leader as the running voters see it (what a broker co-located with a voter would read). */
function leaderOf(q: ControllerQuorum): number {
  for (const v of q.voters.values()) if (v.running && v.raft.leaderId >= 0) return v.raft.leaderId;
  return -1;
}

function channelTo(get: () => ControllerQuorum, extra: object = {}): ControllerChannel {
  return new ControllerChannel({
    clientId: 'broker-1',
    controllerId: () => leaderOf(get()),
    resolve: (id) => get().address(id),
    clock: systemClock,
    requestTimeoutMs: 5_000,
    attemptTimeoutMs: 1_000,
    retryBackoffMs: 10,
    retryBackoffMaxMs: 100,
    ...extra,
  });
}

test('a broker registers, is unfenced once caught up, fenced when its heartbeats stop, unfenced again', async () => {
  let quorum = await startControllerQuorum([1], { brokerSessionTimeoutMs: 600 }, OPTIONS);
  let paused = false;
  const channel = new ControllerChannel({
    clientId: 'broker-7',
    controllerId: () => (paused ? -1 : leaderOf(quorum)),
    resolve: (id) => quorum.address(id),
    clock: systemClock,
    requestTimeoutMs: 200,
    retryBackoffMs: 10,
    retryBackoffMaxMs: 50,
  });
  let caughtUp = false;
  const states: BrokerLifecycleState[] = [];
  const lifecycle = new BrokerLifecycle({
    brokerId: 7,
    clusterId: CLUSTER,
    listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9097, securityProtocol: 0 }],
    rack: 'r1',
    appliedOffset: () => (caughtUp ? (quorum.active()?.qc.image.offset ?? -1) : -1),
    channel,
    clock: systemClock,
    heartbeatIntervalMs: 50,
    heartbeatTimeoutMs: 200,
    registrationBackoffMs: 50,
    onStateChange: (s) => states.push(s),
  });
  try {
    await quorum.waitForActive();
    lifecycle.start();
    await until('registered', () => lifecycle.brokerEpoch >= 0);
    const image = () => quorum.active()!.qc.image;
    assert.is(image().brokers.get(7)!.rack, 'r1');
    assert.is(image().brokers.get(7)!.endpoints[0]!.port, 9097);
    assert.is(image().brokers.get(7)!.incarnationId, lifecycle.incarnationId);
    await new Promise((r) => setTimeout(r, 300));
    assert.is(lifecycle.state, 'fenced', 'not caught up: stays fenced');
    assert.is(image().brokers.get(7)!.fenced, true);
    caughtUp = true;
    await until('unfenced', () => lifecycle.state === 'unfenced');
    assert.is(image().brokers.get(7)!.fenced, false);
    assert.equal(states, ['fenced', 'unfenced']);

    // Its heartbeats stop reaching the controller: the session lapses and the controller fences it.
    paused = true;
    await until('fenced by the controller', () => image().brokers.get(7)!.fenced, 3_000);
    paused = false;
    await until('unfenced again', () => !image().brokers.get(7)!.fenced, 3_000);
    assert.is(lifecycle.state, 'unfenced');

    // A controller that forgot it (a new, empty quorum) answers BROKER_ID_NOT_REGISTERED: it registers again.
    await quorum.close();
    quorum = await startControllerQuorum([1], { brokerSessionTimeoutMs: 600 }, OPTIONS);
    await quorum.waitForActive();
    await until(
      'registered with the new quorum',
      () => quorum.active()?.qc.image.brokers.get(7)?.fenced === false,
    );
    await until('told it is unfenced', () => lifecycle.state === 'unfenced');
    assert.equal(states, ['fenced', 'unfenced', 'registering', 'fenced', 'unfenced']);
    assert.is(lifecycle.brokerEpoch, quorum.active()!.qc.image.brokers.get(7)!.epoch);
  } finally {
    await lifecycle.stop();
    channel.close();
    await quorum.close();
  }
});

test('a stopping broker asks for a controlled shutdown: its leaderships move before it goes', async () => {
  const quorum = await startControllerQuorum([1, 2, 3], { brokerSessionTimeoutMs: 5_000 }, OPTIONS);
  const channels: ControllerChannel[] = [];
  const brokers = [11, 12].map((id) => {
    const channel = channelTo(() => quorum);
    channels.push(channel);
    return new BrokerLifecycle({
      brokerId: id,
      clusterId: CLUSTER,
      listeners: [],
      rack: null,
      appliedOffset: () => quorum.active()?.qc.image.offset ?? -1,
      channel,
      clock: systemClock,
      heartbeatIntervalMs: 50,
    });
  });
  try {
    await quorum.waitForActive();
    for (const b of brokers) b.start();
    await until('both unfenced', () => brokers.every((b) => b.state === 'unfenced'));
    const created = await channels[0]!.send(CreateTopicsApi, {
      topics: [{ name: 't', numPartitions: 4, replicationFactor: 2, assignments: [], configs: [] }],
      timeoutMs: 1000,
      validateOnly: false,
    });
    assert.is(created.topics[0]!.errorCode, 0);
    await brokers[0]!.stop();
    assert.is(brokers[0]!.state, 'stopped');
    const image = quorum.active()!.qc.image;
    assert.is(image.brokers.get(11)!.fenced, true, 'fenced by the shutdown, not by a lapsed session');
    for (const p of image.topics.get('t')!.partitions.values()) assert.is(p.leader, 12);
  } finally {
    for (const b of brokers) await b.stop();
    for (const c of channels) c.close();
    await quorum.close();
  }
});

test('the channel: round trips, NOT_CONTROLLER retried at the real controller, failover, limits', async () => {
  const quorum = await startControllerQuorum([1, 2, 3], {}, OPTIONS);
  let misdirect = 0;
  const channel = channelTo(() => quorum, {
    // The first attempts go to a follower, as a broker with a stale view would send them.
    controllerId: () => {
      const leader = leaderOf(quorum);
      if (misdirect > 0) {
        misdirect--;
        return [1, 2, 3].find((id) => id !== leader)!;
      }
      return leader;
    },
  });
  try {
    const active = await quorum.waitForActive();
    const reg = await channel.send(BrokerRegistrationApi, {
      brokerId: 1,
      clusterId: CLUSTER,
      incarnationId: Buffer.alloc(16, 1).toString('base64url'),
      listeners: [],
      features: [],
      rack: null,
      isMigratingZkBroker: false,
      logDirs: [],
      previousBrokerEpoch: -1,
    });
    assert.is(reg.errorCode, 0);
    const beat = await channel.send(BrokerHeartbeatApi, {
      brokerId: 1,
      brokerEpoch: reg.brokerEpoch,
      currentMetadataOffset: reg.brokerEpoch,
      wantFence: false,
      wantShutDown: false,
      offlineLogDirs: [],
    });
    assert.equal([beat.errorCode, beat.isFenced], [0, false]);
    const follower = [...quorum.voters.values()].find((v) => v.id !== active.id)!;
    misdirect = 1;
    // Which follower gets it depends on the leader; count what both followers served.
    const servedByFollowers = () =>
      [...quorum.voters.values()]
        .filter((v) => v.id !== active.id)
        .reduce((n, v) => n + (v.rpc.served.get(19) ?? 0), 0);
    const created = await channel.send(CreateTopicsApi, {
      topics: [{ name: 'orders', numPartitions: 2, replicationFactor: -1, assignments: [], configs: [] }],
      timeoutMs: 1000,
      validateOnly: false,
    });
    assert.is(created.topics[0]!.errorCode, 0);
    assert.is(servedByFollowers(), 1, 'a follower answered NOT_CONTROLLER first');
    assert.ok(follower !== undefined);
    const altered = await channel.send(IncrementalAlterConfigsApi, {
      resources: [
        {
          resourceType: 2,
          resourceName: 'orders',
          configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }],
        },
      ],
      validateOnly: false,
    });
    assert.is(altered.responses[0]!.errorCode, 0);
    const first = await channel.send(AllocateProducerIdsApi, { brokerId: 1, brokerEpoch: reg.brokerEpoch });
    assert.equal([first.errorCode, first.producerIdLen], [0, 1000]);

    // The active controller goes away: the channel keeps trying until the new one answers.
    await quorum.stopVoter(active.id);
    const second = await channel.send(AllocateProducerIdsApi, { brokerId: 1, brokerEpoch: reg.brokerEpoch });
    assert.is(second.errorCode, 0);
    assert.ok(
      second.producerIdStart >= first.producerIdStart + 1000,
      'a fresh block from the new controller',
    );
    const now = await quorum.waitForActive();
    assert.is.not(now.id, active.id);
    assert.is(now.qc.image.configsOf(2, 'orders').get('retention.ms'), '1000', 'the config survived');

    // A forwarded request keeps its client's version: DeleteTopics v5 names topics in topicNames, which v6
    // (the negotiated version) does not carry.
    const deleted = await channel.send(
      DeleteTopicsApi,
      { topics: [], topicNames: ['orders'], timeoutMs: 1000 },
      { version: 5 },
    );
    assert.equal(
      deleted.responses.map((r) => [r.name, r.errorCode]),
      [['orders', 0]],
    );
  } finally {
    channel.close();
    await quorum.close();
  }

  // Limits: no controller at all ends at the deadline; past maxPending a request is refused at once.
  const lonely = new ControllerChannel({
    clientId: 'x',
    controllerId: () => -1,
    resolve: () => null,
    clock: systemClock,
    requestTimeoutMs: 150,
    retryBackoffMs: 10,
    maxPending: 1,
  });
  // The channel's timers do not hold the process open (a broker has its listeners for that); this test does.
  const alive = setInterval(() => {}, 1_000);
  const started = Date.now();
  const waiting = lonely.send(AllocateProducerIdsApi, { brokerId: 1, brokerEpoch: 0 }).catch((e) => e);
  const refused = await lonely.send(AllocateProducerIdsApi, { brokerId: 1, brokerEpoch: 0 }).catch((e) => e);
  assert.is(refused.code, 7, 'maxPending reached: refused at once');
  assert.match(refused.message, /1 requests already waiting/);
  const timedOut = await waiting;
  assert.is(timedOut.code, 7);
  assert.match(timedOut.message, /no controller known/);
  const took = Date.now() - started;
  assert.ok(took >= 140 && took < 2_000, `gave up after ${took} ms`);
  clearInterval(alive);
  assert.throws(
    () =>
      new ControllerChannel({
        clientId: 'x',
        controllerId: () => -1,
        resolve: () => null,
        clock: systemClock,
        maxPending: 0,
      }),
    /maxPending/,
  );
});

test('an attempt on a controller that never answers ends at attemptTimeoutMs and goes to the next one', async () => {
  const quorum = await startControllerQuorum([1], {}, OPTIONS);
  // Node 9 takes the request and says nothing (a stuck process).
  const silent = await startRpcServer([route(AllocateProducerIdsApi as never, () => null)]);
  let asked = 0;
  const channel = new ControllerChannel({
    clientId: 'x',
    controllerId: () => (asked++ === 0 ? 9 : 1),
    resolve: (id) => (id === 9 ? { host: silent.host, port: silent.port } : quorum.address(id)),
    clock: systemClock,
    requestTimeoutMs: 5_000,
    attemptTimeoutMs: 300,
    retryBackoffMs: 10,
  });
  try {
    await quorum.waitForActive();
    const started = Date.now();
    const res = await channel.send(AllocateProducerIdsApi, { brokerId: 5, brokerEpoch: 0 });
    const took = Date.now() - started;
    assert.is(res.errorCode, 102, 'answered by the real controller (broker 5 is not registered)');
    assert.is(silent.served.get(67), 1);
    assert.ok(took >= 280 && took < 3_000, `took ${took} ms`);
  } finally {
    channel.close();
    await silent.stop();
    await quorum.close();
  }
});

test.run();
