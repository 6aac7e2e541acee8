// The active controller over a simulated quorum: brokers register and heartbeat, get unfenced once caught
// up, are fenced when their session lapses (leadership moving off them), and all of it survives the
// controller's own failover. Every node's committed image must agree.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type ControllerReply,
  QuorumController,
  type QuorumControllerConfig,
} from '../dist/cluster/metadata/index.js';
import { applyChanges, ConfigOp } from '../dist/cluster/topic-configs.js';
import { uuidFromBytes } from '../dist/protocol/uuid.js';
import { RaftSim } from './helpers/raft-sim.js';

interface Broker {
  id: number;
  epoch: number;
  up: boolean;
  fenced: boolean;
}

class ControllerSim {
  readonly raft: RaftSim;
  readonly controllers = new Map<number, QuorumController>();
  readonly brokers: Broker[] = [];

  constructor(
    seed: number,
    voters = [1, 2, 3],
    readonly config: Partial<QuorumControllerConfig> = {},
  ) {
    this.raft = new RaftSim(seed, voters, { dropRate: 0.02, maxDelayMs: 10 });
    for (const id of voters) this.startVoter(id);
  }

  startVoter(id: number): void {
    this.raft.start(id, (sim) => {
      const qc = new QuorumController(sim.node, this.raft.clock, {
        brokerSessionTimeoutMs: 3000,
        ...this.config,
      });
      sim.onCommit = (entries, hw) => qc.onCommit(entries, hw);
      sim.onLeader = (leaderId) => qc.onLeaderChange(leaderId);
      sim.onSnapshot = (snapshot, records) => qc.onLoadSnapshot(snapshot, records);
      this.controllers.set(id, qc);
    });
  }

  active(): QuorumController | null {
    for (const [id, qc] of this.controllers) if (this.raft.nodes.get(id)!.running && qc.isActive) return qc;
    return null;
  }

  addBroker(id: number): void {
    const b: Broker = { id, epoch: -1, up: true, fenced: true };
    this.brokers.push(b);
    const tick = () => {
      this.raft.clock.schedule(500, tick);
      const qc = this.active();
      if (!b.up || qc === null) return;
      if (b.epoch < 0) {
        qc.registerBroker(
          {
            brokerId: id,
            incarnationId: uuidFromBytes(Buffer.alloc(16, id)),
            endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + id, securityProtocol: 0 }],
            previousBrokerEpoch: -1,
            rack: null,
          },
          (r) => {
            if (r.errorCode === 0) b.epoch = r.brokerEpoch!;
          },
        );
        return;
      }
      // Brokers here are always caught up with what the controller has committed.
      qc.heartbeat({ brokerId: id, brokerEpoch: b.epoch, appliedOffset: qc.image.offset }, (r) => {
        if (r.errorCode === 77 || r.errorCode === 102) b.epoch = -1;
        else if (r.errorCode === 0) b.fenced = r.isFenced;
      });
    };
    this.raft.clock.schedule(0, tick);
  }

  /** Every running node's committed image at the same offset, and no record any node failed to apply. */
  agree(): string | null {
    let offset = -2;
    for (const [id, qc] of this.controllers) {
      if (!this.raft.nodes.get(id)!.running) continue;
      if (qc.problems.length > 0) return `node ${id}: ${qc.problems.join('; ')}`;
      if (offset === -2) offset = qc.image.offset;
      else if (qc.image.offset !== offset) return `images at offsets ${offset} and ${qc.image.offset}`;
    }
    return null;
  }
}

function createTopic(sim: ControllerSim, name: string, partitions: number, rf: number): number {
  let code = -99;
  sim.active()!.createTopic({ name, partitions, replicationFactor: rf }, (r) => {
    code = r.errorCode;
  });
  sim.raft.runUntil(5_000, () => code !== -99);
  return code;
}

test('brokers register, are unfenced once caught up, and topics are placed on them', () => {
  const sim = new ControllerSim(1);
  for (const id of [101, 102, 103]) sim.addBroker(id);
  const took = sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.ok(took >= 0, 'all brokers unfenced');
  assert.is(createTopic(sim, 'orders', 6, 3), 0);
  assert.is(createTopic(sim, 'orders', 1, 1), 36, 'already exists');
  assert.is(createTopic(sim, 'wide', 1, 4), 38, 'replication factor over the brokers');
  sim.raft.run(2_000);
  assert.is(sim.agree(), null);
  for (const qc of sim.controllers.values()) {
    const t = qc.image.topics.get('orders')!;
    assert.is(t.partitions.size, 6);
    for (const p of t.partitions.values()) assert.equal([...p.replicas].sort(), [101, 102, 103]);
  }
});

test('a broker that stops heartbeating is fenced and loses its leaderships; it comes back unfenced', () => {
  const sim = new ControllerSim(2);
  for (const id of [101, 102, 103]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 'orders', 6, 2), 0);
  const quiet = sim.brokers[1]!;
  quiet.up = false;
  sim.raft.run(6_000);
  const image = sim.active()!.image;
  assert.is(image.brokers.get(quiet.id)!.fenced, true);
  for (const p of image.topics.get('orders')!.partitions.values()) {
    assert.is.not(p.leader, quiet.id);
    assert.ok(p.leader !== -1, 'another ISR member leads');
    assert.not.ok(p.isr.includes(quiet.id));
  }
  assert.is(image.brokers.get(101)!.fenced, false, 'the others keep their sessions');
  quiet.up = true;
  sim.raft.run(3_000);
  assert.is(sim.active()!.image.brokers.get(quiet.id)!.fenced, false);
  assert.is(sim.agree(), null);
});

test('the active controller fails over without fencing live brokers; requests go on', () => {
  const sim = new ControllerSim(3);
  for (const id of [101, 102]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 'a', 2, 2), 0);
  const old = sim.raft.leader()!;
  sim.raft.crash(old.id);
  assert.ok(sim.raft.runUntil(15_000, () => sim.active() !== null) >= 0, 'a new active controller');
  sim.raft.run(5_000);
  const image = sim.active()!.image;
  assert.is(image.brokers.get(101)!.fenced, false);
  assert.is(image.brokers.get(102)!.fenced, false);
  assert.is(createTopic(sim, 'b', 2, 2), 0);
  sim.startVoter(old.id);
  sim.raft.run(5_000);
  assert.is(sim.agree(), null);
  assert.ok(sim.controllers.get(old.id)!.image.topics.has('b'), 'the restarted voter caught up');
  assert.equal(sim.raft.violations, []);
});

test('requests to a node that is not the active controller get NOT_CONTROLLER', () => {
  const sim = new ControllerSim(4);
  sim.raft.runUntil(10_000, () => sim.active() !== null);
  const follower = [...sim.controllers.values()].find((qc) => !qc.isActive)!;
  let code = -1;
  follower.createTopic({ name: 'x', partitions: 1, replicationFactor: 1 }, (r) => {
    code = r.errorCode;
  });
  assert.is(code, 41);
});

test('past maxPendingRequests waiting to commit, requests are refused (REQUEST_TIMED_OUT), none lost', () => {
  const sim = new ControllerSim(5);
  sim.raft.runUntil(10_000, () => sim.active() !== null);
  const leaderId = sim.raft.leader()!.id;
  const active = sim.controllers.get(leaderId)!;
  const limited = new QuorumController(active.raft, sim.raft.clock, { maxPendingRequests: 2 });
  limited.onLeaderChange(leaderId);
  // Cut the leader off: nothing it proposes can commit, so requests wait.
  sim.raft.net.isolate(String(leaderId), ['1', '2', '3']);
  const codes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const req = {
      brokerId: 200 + i,
      incarnationId: uuidFromBytes(Buffer.alloc(16, 200 + i)),
      endpoints: [],
      rack: null,
      previousBrokerEpoch: -1,
    };
    limited.registerBroker(req, (r) => codes.push(r.errorCode));
  }
  assert.equal(codes, [7], 'the third is refused at once');
  sim.raft.run(10_000); // check-quorum: the cut-off leader steps down
  limited.onLeaderChange(-1);
  assert.equal(codes, [7, 41, 41], 'the waiting two are answered NOT_CONTROLLER, not dropped');
});

/** Runs one request against the active controller until it answers. */
function ask(sim: ControllerSim, send: (qc: QuorumController, cb: (r: ControllerReply) => void) => void) {
  let reply: ControllerReply | null = null;
  send(sim.active()!, (r) => {
    reply = r;
  });
  sim.raft.runUntil(5_000, () => reply !== null);
  return reply as unknown as ControllerReply;
}

test('partitions grow and configs change through the quorum and across a failover; validateOnly proposes nothing', () => {
  const sim = new ControllerSim(6);
  for (const id of [101, 102]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 't', 2, 2), 0);
  const offset = sim.active()!.image.offset;
  const dry = ask(sim, (qc, cb) => qc.createPartitions('t', 4, null, cb, { validateOnly: true }));
  assert.is(dry.errorCode, 0);
  assert.is(
    ask(sim, (qc, cb) =>
      qc.createTopic({ name: 'v', partitions: 1, replicationFactor: 1 }, cb, { validateOnly: true }),
    ).errorCode,
    0,
  );
  sim.raft.run(500);
  assert.is(sim.active()!.image.topics.get('t')!.partitions.size, 2, 'validateOnly grew nothing');
  assert.not.ok(sim.active()!.image.topics.has('v'));
  assert.is(sim.active()!.image.offset, offset, 'nor wrote anything');
  assert.is(ask(sim, (qc, cb) => qc.createPartitions('t', 4, null, cb)).errorCode, 0);
  assert.is(ask(sim, (qc, cb) => qc.createPartitions('t', 3, null, cb)).errorCode, 37);
  const set = (changes: { name: string; op: number; value: string | null }[], validateOnly = false) =>
    ask(sim, (qc, cb) => qc.alterTopicConfigs('t', (c) => applyChanges(c, changes), cb, { validateOnly }));
  assert.is(set([{ name: 'retention.ms', op: ConfigOp.SET, value: '60000' }], true).errorCode, 0);
  assert.is(set([{ name: 'retention.ms', op: ConfigOp.SET, value: '1000' }]).errorCode, 0);
  assert.is(set([{ name: 'retention.ms', op: ConfigOp.SET, value: 'soon' }]).errorCode, 40);
  sim.raft.run(3_000); // a follower whose fetch was dropped waits out the request timeout
  assert.is(sim.agree(), null);
  for (const qc of sim.controllers.values()) {
    assert.is(qc.image.topics.get('t')!.partitions.size, 4);
    assert.equal(Object.fromEntries(qc.image.configsOf(2, 't')), { 'retention.ms': '1000' });
  }
  // A new controller changes configs and partitions from where the old one left them.
  const old = sim.raft.leader()!.id;
  sim.raft.crash(old);
  assert.ok(sim.raft.runUntil(15_000, () => sim.active() !== null) >= 0, 'a new active controller');
  assert.is(set([{ name: 'cleanup.policy', op: ConfigOp.APPEND, value: 'compact' }]).errorCode, 0);
  assert.is(ask(sim, (qc, cb) => qc.createPartitions('t', 4, null, cb)).errorCode, 37, 'already 4');
  assert.is(ask(sim, (qc, cb) => qc.createPartitions('t', 6, null, cb)).errorCode, 0);
  sim.startVoter(old);
  sim.raft.run(5_000);
  assert.is(sim.agree(), null);
  for (const qc of sim.controllers.values()) {
    assert.is(qc.image.topics.get('t')!.partitions.size, 6);
    assert.equal(Object.fromEntries(qc.image.configsOf(2, 't')), {
      'retention.ms': '1000',
      'cleanup.policy': 'delete,compact',
    });
  }
  assert.equal(sim.raft.violations, []);
});

test('producer id blocks stay unique across a controller failover', () => {
  const sim = new ControllerSim(7);
  sim.addBroker(101);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  const b = sim.brokers[0]!;
  const starts: number[] = [];
  const take = () => {
    const r = ask(sim, (qc, cb) => qc.allocateProducerIds(b.id, b.epoch, cb));
    assert.is(r.errorCode, 0);
    starts.push(r.producerIdStart!);
  };
  take();
  take();
  assert.is(ask(sim, (qc, cb) => qc.allocateProducerIds(b.id, b.epoch + 1, cb)).errorCode, 77);
  assert.is(ask(sim, (qc, cb) => qc.allocateProducerIds(999, 0, cb)).errorCode, 102);
  const old = sim.raft.leader()!;
  // Ask the old controller right before it dies: its block may or may not commit, never twice.
  sim.active()!.allocateProducerIds(b.id, b.epoch, () => {});
  sim.raft.crash(old.id);
  assert.ok(sim.raft.runUntil(15_000, () => sim.active() !== null) >= 0);
  take();
  take();
  sim.startVoter(old.id);
  sim.raft.run(3_000);
  take();
  assert.is(new Set(starts).size, starts.length, `distinct blocks: ${starts}`);
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! >= starts[i - 1]! + 1000, `${starts}`);
  sim.raft.run(3_000);
  assert.is(sim.agree(), null);
  assert.equal(sim.raft.violations, []);
});

test('a heartbeat asking to shut down fences the broker, moves its leaderships, then says shouldShutDown', () => {
  const sim = new ControllerSim(8);
  for (const id of [101, 102]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 't', 4, 2), 0);
  const b = sim.brokers[0]!;
  b.up = false; // its own ticks stop: only the shutdown heartbeat below
  let reply: { errorCode: number; isFenced: boolean; shouldShutDown: boolean } | null = null;
  const req = {
    brokerId: b.id,
    brokerEpoch: b.epoch,
    appliedOffset: sim.active()!.image.offset,
    wantShutDown: true,
  };
  sim.active()!.heartbeat(req, (r) => {
    reply = r;
  });
  sim.raft.runUntil(5_000, () => reply !== null);
  assert.equal(reply, { errorCode: 0, isFenced: true, isCaughtUp: true, shouldShutDown: true } as never);
  const image = sim.active()!.image;
  assert.is(image.brokers.get(b.id)!.fenced, true);
  for (const p of image.topics.get('t')!.partitions.values()) assert.is(p.leader, 102);
});

test('controllers snapshot their image; a voter that restarts far behind loads it and agrees', () => {
  const sim = new ControllerSim(8, [1, 2, 3], { snapshotIntervalBytes: 300 });
  for (const id of [101, 102, 103]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  const leader = sim.raft.leader()!;
  const behind = [1, 2, 3].find((id) => id !== leader.id)!;
  sim.raft.crash(behind);
  for (let i = 0; i < 8; i++) assert.is(createTopic(sim, `t${i}`, 3, 2), 0);
  assert.is(ask(sim, (qc, cb) => qc.allocateProducerIds(101, sim.brokers[0]!.epoch, cb)).errorCode, 0);
  sim.raft.run(1_000);
  const start = leader.log.logStartOffset;
  assert.ok(
    start > sim.raft.nodes.get(behind)!.log.endOffset,
    'the log it lacks is gone: only a snapshot has it',
  );
  sim.startVoter(behind);
  sim.raft.run(3_000);
  assert.is(sim.raft.nodes.get(behind)!.installs, 1, "it took the leader's snapshot");
  assert.is(sim.agree(), null);
  const active = sim.active()!;
  assert.equal(sim.controllers.get(behind)!.image, active.image, 'the same image, field for field');
  // And from its own snapshot after a restart.
  sim.raft.crash(behind);
  sim.startVoter(behind);
  sim.raft.run(2_000);
  assert.is(sim.raft.nodes.get(behind)!.installs, 0);
  assert.equal(sim.controllers.get(behind)!.image, sim.active()!.image);
  assert.equal(sim.raft.violations, []);
});

/** An AlterPartition as the partition's leader sends it, at the epochs the active controller's image has. */
function askIsr(
  sim: ControllerSim,
  topic: string,
  partition: number,
  isr: (p: readonly number[]) => number[],
) {
  const qc = sim.active()!;
  const t = qc.image.topics.get(topic)!;
  const p = t.partitions.get(partition)!;
  const leader = sim.brokers.find((b) => b.id === p.leader)!;
  const item = {
    topicId: t.id,
    topicName: null,
    partition,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch,
    newIsr: isr(p.replicas),
  };
  return { leader: leader.id, epoch: leader.epoch, item };
}

function send(sim: ControllerSim, a: ReturnType<typeof askIsr>): ControllerReply {
  let reply: ControllerReply | null = null;
  sim.active()!.alterPartition(a.leader, a.epoch, [a.item], (r) => {
    reply = r;
  });
  sim.raft.runUntil(5_000, () => reply !== null);
  return reply!;
}

test('AlterPartition through the quorum: answered once committed, on every node; a stale ask after failover is refused', () => {
  const sim = new ControllerSim(11);
  for (const id of [101, 102, 103]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 't', 1, 3), 0);
  const shrink = askIsr(sim, 't', 0, (r) => [r[0]!, r[1]!]);
  const reply = send(sim, shrink);
  assert.is(reply.errorCode, 0);
  const out = reply.alterPartition![0]!;
  assert.equal([out.errorCode, out.isr, out.partitionEpoch], [0, shrink.item.newIsr, 1]);
  // Committed when answered: the active controller's committed image has it already.
  assert.equal(sim.active()!.image.partition('t', 0)!.isr, shrink.item.newIsr);
  sim.raft.run(1_000);
  assert.is(sim.agree(), null);
  for (const qc of sim.controllers.values()) assert.is(qc.image.partition('t', 0)!.partitionEpoch, 1);
  // The controller fails over; the same ask again (its partition epoch now stale) is refused by the new one.
  const old = sim.raft.leader()!;
  sim.raft.crash(old.id);
  assert.ok(sim.raft.runUntil(15_000, () => sim.active() !== null) >= 0);
  const stale = send(sim, shrink);
  assert.equal([stale.errorCode, stale.alterPartition![0]!.errorCode], [0, 95]);
  const expand = send(
    sim,
    askIsr(sim, 't', 0, (r) => [...r]),
  );
  assert.equal(expand.alterPartition![0]!.isr.length, 3);
  assert.is(expand.alterPartition![0]!.partitionEpoch, 2);
  // A broker epoch the controller does not know: the whole request is refused.
  const wrong = askIsr(sim, 't', 0, (r) => [...r]);
  const refused = send(sim, { ...wrong, epoch: wrong.epoch + 1000 });
  assert.is(refused.errorCode, 77);
  sim.startVoter(old.id);
  sim.raft.run(5_000);
  assert.is(sim.agree(), null);
  assert.equal(sim.raft.violations, []);
});

for (const auto of [true, false]) {
  test(`auto.leader.rebalance.enable=${auto}: leadership ${auto ? 'goes' : 'does not go'} back to the preferred replicas once they are in the ISR`, () => {
    const sim = new ControllerSim(12, [1, 2, 3], {
      autoLeaderRebalance: auto,
      leaderImbalanceCheckIntervalMs: 2_000,
    });
    for (const id of [101, 102, 103]) sim.addBroker(id);
    sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
    assert.is(createTopic(sim, 't', 6, 3), 0);
    const quiet = sim.brokers[0]!;
    quiet.up = false;
    sim.raft.run(6_000);
    const preferredOf = (qc: QuorumController) =>
      [...qc.image.topics.get('t')!.partitions.values()].filter((p) => p.replicas[0] === quiet.id);
    assert.ok(preferredOf(sim.active()!).every((p) => p.leader !== quiet.id && !p.isr.includes(quiet.id)));
    quiet.up = true;
    sim.raft.run(3_000);
    assert.is(sim.active()!.image.brokers.get(quiet.id)!.fenced, false);
    // Caught up again: each leader takes it back into the ISR.
    for (const [i, p] of sim.active()!.image.topics.get('t')!.partitions) {
      if (!p.isr.includes(quiet.id))
        assert.is(
          send(
            sim,
            askIsr(sim, 't', i, () => [...p.isr, quiet.id]),
          ).errorCode,
          0,
        );
    }
    sim.raft.run(5_000);
    const led = preferredOf(sim.active()!).map((p) => p.leader);
    assert.ok(led.length > 0);
    if (auto)
      assert.ok(
        led.every((l) => l === quiet.id),
        `leaders ${led}`,
      );
    else
      assert.ok(
        led.every((l) => l !== quiet.id),
        `leaders ${led}`,
      );
    assert.is(sim.agree(), null);
  });
}

test('ElectLeaders through the quorum: a preferred election is answered once committed', () => {
  const sim = new ControllerSim(13, [1, 2, 3], { autoLeaderRebalance: false });
  for (const id of [101, 102]) sim.addBroker(id);
  sim.raft.runUntil(20_000, () => sim.brokers.every((b) => b.epoch >= 0 && !b.fenced));
  assert.is(createTopic(sim, 't', 2, 2), 0);
  const b = sim.brokers[0]!;
  b.up = false;
  sim.raft.run(6_000);
  b.up = true;
  sim.raft.run(3_000);
  for (const [i, p] of sim.active()!.image.topics.get('t')!.partitions) {
    if (!p.isr.includes(b.id))
      send(
        sim,
        askIsr(sim, 't', i, () => [...p.isr, b.id]),
      );
  }
  const mine = [...sim.active()!.image.topics.get('t')!.partitions].find(
    ([, p]) => p.replicas[0] === b.id,
  )![0];
  let reply: ControllerReply | null = null;
  sim.active()!.electLeaders(0, [{ topic: 't', partition: mine }], (r) => {
    reply = r;
  });
  sim.raft.runUntil(5_000, () => reply !== null);
  assert.equal(reply!.elections, [{ topic: 't', partition: mine, errorCode: 0, message: null }]);
  assert.is(sim.active()!.image.partition('t', mine)!.leader, b.id);
});

test.run();
