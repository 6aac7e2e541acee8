// BrokerLifecycle in the simulation: its timers on the simulated quorum's ManualClock, its requests handed
// to the active controller's RPC functions (what the channel does over TCP, without the TCP). Controller
// failover keeps a live broker's session; a second process with the same broker id is refused while the
// first lives and takes over once it is gone; a broker whose registration was replaced registers again; a
// controlled shutdown with no controller ends at its timeout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BrokerLifecycle,
  type ControllerSender,
  controllerRpcs,
  QuorumController,
} from '../dist/cluster/metadata/index.js';
import { KafkaError } from '../dist/protocol/errors.js';
import { RaftSim } from './helpers/raft-sim.js';

class LifecycleSim {
  readonly raft: RaftSim;
  readonly controllers = new Map<number, QuorumController>();
  /** Incarnations whose requests are lost (a broker process cut off from the controllers). */
  readonly cutOff = new Set<number>();
  heartbeatIntervalMs = 500;

  constructor(seed: number) {
    this.raft = new RaftSim(seed, [1, 2, 3], { dropRate: 0.01, maxDelayMs: 5 });
    for (const id of [1, 2, 3]) {
      this.raft.start(id, (sim) => {
        const qc = new QuorumController(sim.node, this.raft.clock, { brokerSessionTimeoutMs: 3000 });
        sim.onCommit = (entries, hw) => qc.onCommit(entries, hw);
        sim.onLeader = (leaderId) => qc.onLeaderChange(leaderId);
        this.controllers.set(id, qc);
      });
    }
  }

  active(): QuorumController | null {
    for (const [id, qc] of this.controllers) if (this.raft.nodes.get(id)!.running && qc.isActive) return qc;
    return null;
  }

  /** Any running node's committed image (all agree once caught up). */
  image() {
    return (this.active() ?? [...this.controllers.values()][0]!).image;
  }

  sender(incarnation: number): ControllerSender {
    return {
      send: async (codec, body) => {
        const qc = this.active();
        if (qc === null || this.cutOff.has(incarnation)) throw new KafkaError(7, 'no controller reachable');
        const rpc = controllerRpcs(qc).get(codec.apiKey)!;
        return (await rpc.handle(body, rpc.maxVersion)) as never;
      },
    };
  }

  lifecycle(brokerId: number, incarnation: number, appliedOffset?: () => number): BrokerLifecycle {
    return new BrokerLifecycle({
      brokerId,
      clusterId: 'sim',
      incarnationId: Buffer.alloc(16, incarnation).toString('base64url'),
      listeners: [],
      rack: null,
      appliedOffset: appliedOffset ?? (() => this.image().offset),
      channel: this.sender(incarnation),
      clock: this.raft.clock,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      heartbeatTimeoutMs: 1000,
      registrationBackoffMs: 700,
      shutdownTimeoutMs: 4000,
    });
  }

  /** stop() needs simulated time to pass (a controlled shutdown waits for the controller). */
  async stop(b: BrokerLifecycle): Promise<void> {
    let done = false;
    b.stop().then(() => {
      done = true;
    });
    assert.ok(await this.run(10_000, () => done), 'stopped');
  }

  /** Moves simulated time, letting the lifecycles' promise continuations run between steps. */
  async run(ms: number, until?: () => boolean): Promise<boolean> {
    for (let t = 0; t < ms; t += 10) {
      if (until?.()) return true;
      this.raft.clock.advance(10);
      await new Promise((r) => setImmediate(r));
    }
    return until?.() ?? true;
  }
}

test('a broker that has applied its own registration heartbeats at once and is unfenced without waiting a beat', async () => {
  const sim = new LifecycleSim(13);
  sim.heartbeatIntervalMs = 5000;
  assert.ok(await sim.run(10_000, () => sim.active() !== null));
  // A real broker applies the committed metadata a fetch after the controller: its first heartbeat, right
  // after registering, reports an offset below its own registration and it stays fenced. Model that lag.
  let applied = -1;
  const told = sim.lifecycle(101, 1, () => applied);
  const untold = sim.lifecycle(102, 2, () => applied);
  told.start();
  untold.start();
  const start = sim.raft.clock.now();
  let lagUntil = -1;
  // The broker's metadata publisher calls applied() with each image it applies; `untold` never hears of them.
  await sim.run(2000, () => {
    if (told.brokerEpoch >= 0 && untold.brokerEpoch >= 0 && lagUntil < 0)
      lagUntil = sim.raft.clock.now() + 200;
    if (lagUntil >= 0 && sim.raft.clock.now() >= lagUntil) applied = sim.image().offset;
    told.applied(applied);
    return told.state === 'unfenced';
  });
  assert.is(told.state, 'unfenced');
  assert.ok(sim.raft.clock.now() - start < 2000, `took ${sim.raft.clock.now() - start} ms`);
  assert.is(untold.state, 'fenced', 'without applied() it waits for its next heartbeat (5 s)');
  assert.ok(await sim.run(10_000, () => untold.state === 'unfenced'), 'and then is unfenced too');
});

test('controller failover: a heartbeating broker keeps its session and stays unfenced', async () => {
  const sim = new LifecycleSim(11);
  assert.ok(await sim.run(10_000, () => sim.active() !== null));
  const b = sim.lifecycle(101, 1);
  const states: string[] = [];
  b.start();
  assert.ok(await sim.run(10_000, () => b.state === 'unfenced'), 'unfenced');
  const epoch = b.brokerEpoch;
  sim.raft.crash(sim.raft.leader()!.id);
  assert.ok(await sim.run(10_000, () => sim.active() !== null), 'a new controller');
  for (let i = 0; i < 80; i++) {
    await sim.run(100);
    states.push(b.state);
  }
  assert.equal(new Set(states), new Set(['unfenced']), 'never fenced, never registering');
  assert.is(b.brokerEpoch, epoch, 'no new registration');
  assert.is(sim.image().brokers.get(101)!.fenced, false);
  await sim.stop(b);
  assert.is(sim.image().brokers.get(101)!.fenced, true, 'a controlled shutdown fences it');
});

test('a second process with the same id waits until the first is gone; a replaced one registers again', async () => {
  const sim = new LifecycleSim(12);
  assert.ok(await sim.run(10_000, () => sim.active() !== null));
  const first = sim.lifecycle(101, 1);
  first.start();
  assert.ok(await sim.run(10_000, () => first.state === 'unfenced'));
  const second = sim.lifecycle(101, 2);
  second.start();
  await sim.run(3_000);
  assert.is(second.state, 'registering', 'DUPLICATE_BROKER_REGISTRATION while the first lives');
  assert.is(sim.image().brokers.get(101)!.incarnationId, first.incarnationId);

  // The first is cut off: its session lapses, it is fenced, and the second takes the id over.
  sim.cutOff.add(1);
  assert.ok(await sim.run(15_000, () => second.state === 'unfenced'), 'the second took over');
  assert.is(sim.image().brokers.get(101)!.incarnationId, second.incarnationId);
  assert.is(first.state, 'unfenced', 'the cut-off first has heard nothing yet');

  // The first comes back: STALE_BROKER_EPOCH, so it registers again, and is refused while the second lives.
  sim.cutOff.clear();
  assert.ok(await sim.run(5_000, () => first.state === 'registering'), 'told its epoch is stale');
  await sim.run(3_000);
  assert.is(first.state, 'registering');
  assert.is(first.brokerEpoch, -1);
  assert.is(sim.image().brokers.get(101)!.incarnationId, second.incarnationId, 'the live one keeps the id');
  await sim.stop(first);
  await sim.stop(second);
});

test('a controlled shutdown with no controller reachable ends at shutdownTimeoutMs', async () => {
  const sim = new LifecycleSim(13);
  assert.ok(await sim.run(10_000, () => sim.active() !== null));
  const b = sim.lifecycle(101, 1);
  b.start();
  assert.ok(await sim.run(10_000, () => b.state === 'unfenced'));
  sim.cutOff.add(1);
  const start = sim.raft.clock.now();
  let done = -1;
  b.stop().then(() => {
    done = sim.raft.clock.now();
  });
  assert.is(b.state, 'shutting-down');
  assert.ok(await sim.run(10_000, () => done >= 0), 'stop() resolved');
  const took = done - start;
  assert.ok(took >= 4000 && took <= 5100, `gave up after ${took} ms (timeout 4000, heartbeat 500)`);
  assert.is(b.state, 'stopped');
  assert.throws(
    () =>
      new BrokerLifecycle({
        ...{ brokerId: 1, clusterId: 'x', listeners: [], rack: null },
        appliedOffset: () => 0,
        channel: sim.sender(1),
        clock: sim.raft.clock,
        heartbeatIntervalMs: 0,
      }),
    /heartbeatIntervalMs/,
  );
});

test.run();
