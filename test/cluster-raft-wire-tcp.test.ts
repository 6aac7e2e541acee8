// The metadata quorum over real TCP on loopback: three RaftNodes in this process, each behind its own Kafka
// RPC server (test/helpers/rpc-server.ts) dispatching to RaftRpcService, talking through RaftWireTransport
// and the client's Connection. Wall clock, a quorum-state file per node, real sockets; nothing simulated.
// Also the transport's limits at their values: in-flight requests per peer, request and connect timeouts,
// the response frame size.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock, systemClock } from '../dist/clock.js';
import {
  type FetchResponse,
  FileQuorumStateStore,
  MemoryQuorumStateStore,
  MemoryRaftLog,
  type RaftEntry,
  type RaftMessage,
  RaftNode,
  RaftRpcService,
  RaftVoteApi,
  type RaftWireConfig,
  RaftWireTransport,
  resolveRaftConfig,
} from '../dist/cluster/raft/index.js';
import { isControlEntry } from '../dist/cluster/raft/voter-set.js';
import { BeginQuorumEpochApi, EndQuorumEpochApi, FetchApi } from '../dist/protocol/generated/api-keys.js';
import { systemRandom } from '../dist/random.js';
import { type RpcServer, route, startRpcServer } from './helpers/rpc-server.js';

const VOTERS = [1, 2, 3];
const RAFT = resolveRaftConfig({
  electionTimeoutMs: 300,
  fetchTimeoutMs: 800,
  electionBackoffMaxMs: 200,
  requestTimeoutMs: 500,
  fetchIntervalMs: 20,
  appendLingerMs: 5,
});
// A small fetch budget: catching up takes many fetches, each cut at the limit.
const WIRE: Partial<RaftWireConfig> = {
  connectTimeoutMs: 500,
  requestTimeoutMs: 500,
  reconnectBackoffMs: 20,
  reconnectBackoffMaxMs: 200,
  maxFetchBytes: 2048,
};

const text = new TextDecoder();
const data = (s: string) => new TextEncoder().encode(s.length >= 300 ? s : s.padEnd(300, '.'));

async function waitFor(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Member {
  id: number;
  clusterId: string;
  node: RaftNode;
  log: MemoryRaftLog;
  transport: RaftWireTransport;
  service: RaftRpcService;
  server: RpcServer;
  /** Values committed, in order (LeaderChange entries, which are empty, left out). */
  applied: string[];
}

class Quorum {
  constructor(readonly voters: readonly number[] = VOTERS) {}
  readonly dir = mkdtempSync(join(tmpdir(), 'raft-wire-'));
  readonly members = new Map<number, Member>();
  readonly addresses = new Map<number, { host: string; port: number }>();

  async start(id: number, clusterId: string, log = new MemoryRaftLog()): Promise<Member> {
    const old = this.members.get(id);
    const applied: string[] = [];
    let node: RaftNode | null = null;
    const transport = new RaftWireTransport({
      nodeId: id,
      clusterId,
      resolve: (n) => this.addresses.get(n) ?? null,
      onMessage: (from, m) => node?.receive(from, m),
      config: WIRE,
    });
    node = new RaftNode({
      nodeId: id,
      voters: this.voters,
      config: RAFT,
      clock: systemClock,
      random: systemRandom,
      log,
      store: new FileQuorumStateStore(join(this.dir, `quorum-state-${id}`)),
      transport,
      onCommit: (entries: readonly RaftEntry[]) => {
        for (const e of entries)
          if (!isControlEntry(e.data)) applied.push(text.decode(e.data).replace(/\.+$/, ''));
      },
    });
    const service = new RaftRpcService(node, transport);
    const routes = [
      route(RaftVoteApi, (b, v) => service.handleVote(b, v)),
      route(BeginQuorumEpochApi, (b, v) => service.handleBeginQuorumEpoch(b, v)),
      route(EndQuorumEpochApi, (b, v) => service.handleEndQuorumEpoch(b, v)),
      route(FetchApi, (b, v) => service.handleFetch(b, v)),
    ];
    const server = await startRpcServer(routes, old?.server.port ?? 0);
    this.addresses.set(id, { host: server.host, port: server.port });
    const m: Member = { id, clusterId, node, log, transport, service, server, applied };
    this.members.set(id, m);
    node.start();
    return m;
  }

  /** A crash as the others see it: the node, its connections and its listener gone. */
  async kill(id: number): Promise<void> {
    const m = this.members.get(id)!;
    m.node.stop();
    m.transport.close();
    await m.server.stop();
  }

  leaders(): Member[] {
    return [...this.members.values()].filter((m) => m.node.running && m.node.role === 'leader');
  }

  async leader(except = -1): Promise<Member> {
    let found: Member | null = null;
    await waitFor('a leader', () => {
      const ls = this.leaders().filter((m) => m.id !== except);
      found = ls.length === 1 ? ls[0]! : null;
      return found !== null;
    });
    return found!;
  }

  async propose(values: string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const leader = await this.leader();
      const r = leader.node.propose(values.map(data));
      if (r.errorCode === 0) return;
      if (attempt > 50) throw new Error(`propose failed with ${r.errorCode}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  async close(): Promise<void> {
    for (const m of this.members.values()) {
      m.node.stop();
      m.transport.close();
      await m.server.stop();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

test('three nodes over TCP: elect, commit everywhere, survive losing the leader, catch a restarted node up', async () => {
  const q = new Quorum();
  try {
    for (const id of VOTERS) await q.start(id, 'c1');
    const first = await q.leader();
    const values = range('v', 0, 20);
    await q.propose(values);
    for (const m of q.members.values()) {
      await waitFor(`node ${m.id} to apply 20 entries`, () => m.applied.length === 20);
      assert.equal(m.applied, values, `node ${m.id}`);
    }
    const epoch = first.node.epoch;

    // The leader's listener goes: nobody can fetch from it, so another is elected and keeps what committed.
    await first.server.stop();
    const second = await q.leader(first.id);
    assert.ok(second.node.epoch > epoch, 'a later epoch');
    assert.equal(second.applied.slice(0, 20), values, 'the new leader kept every committed entry');
    await waitFor('the old leader to step down', () => first.node.role !== 'leader');
    const more = range('w', 0, 10);
    await q.propose(more);
    const all = [...values, ...more];
    for (const m of q.members.values()) {
      // The old leader still reaches the others, so it follows the new leader and fetches too.
      await waitFor(`node ${m.id} to apply 30 entries`, () => m.applied.length === 30);
      assert.equal(m.applied, all, `node ${m.id}`);
    }
    await first.server.start();

    // A follower crashes (losing what it never flushed), misses entries, restarts and catches up.
    const follower = [...q.members.values()].find((m) => m.node.role === 'follower')!;
    await q.kill(follower.id);
    follower.log.loseUnflushed();
    const late = range('x', 0, 40);
    await q.propose(late);
    const everything = [...all, ...late];
    const live = [...q.members.values()].filter((m) => m.id !== follower.id);
    for (const m of live) await waitFor(`node ${m.id} to apply 70`, () => m.applied.length === 70);
    const back = await q.start(follower.id, 'c1', follower.log);
    await waitFor('the restarted node to catch up', () => back.applied.length === 70);
    assert.equal(back.applied, everything);
    assert.ok(back.transport.stats.delivered > 0);
    // Forty 300-byte entries under a 2048-byte budget took several fetches.
    assert.ok(back.transport.stats.sent >= 40 / 6, `fetches: ${back.transport.stats.sent}`);
    for (const m of q.members.values()) assert.equal(m.applied, everything, `node ${m.id} at the end`);
  } finally {
    await q.close();
  }
});

test('a leader that resigns hands over through EndQuorumEpoch; the successor keeps every entry', async () => {
  const q = new Quorum();
  try {
    for (const id of VOTERS) await q.start(id, 'c1');
    const first = await q.leader();
    await q.propose(range('v', 0, 5));
    for (const m of q.members.values()) await waitFor(`node ${m.id} to apply`, () => m.applied.length === 5);
    const epoch = first.node.epoch;
    first.node.resign();
    const next = await q.leader(first.id);
    assert.ok(next.node.epoch > epoch);
    const served = [...q.members.values()].reduce((n, m) => n + (m.server.served.get(54) ?? 0), 0);
    assert.is(served, 2, 'both other voters were told');
    await q.propose(range('w', 0, 5));
    for (const m of q.members.values())
      await waitFor(`node ${m.id} to apply 10`, () => m.applied.length === 10);
    assert.equal(next.applied, [...range('v', 0, 5), ...range('w', 0, 5)]);
  } finally {
    await q.close();
  }
});

test('an observer finds the leader through any voter and follows the log over TCP', async () => {
  const q = new Quorum();
  try {
    for (const id of VOTERS) await q.start(id, 'c1');
    await q.leader();
    await q.propose(range('v', 0, 10));
    const observer = await q.start(4, 'c1');
    assert.is(observer.node.isVoter, false);
    await waitFor('the observer to apply 10', () => observer.applied.length === 10);
    await q.propose(range('w', 0, 5));
    await waitFor('the observer to apply 15', () => observer.applied.length === 15);
    assert.equal(observer.applied, [...range('v', 0, 10), ...range('w', 0, 5)]);
    assert.is(observer.node.role, 'follower');
    assert.is(observer.node.leaderId, (await q.leader()).id);
    assert.is(q.leaders().length, 1, 'an observer never leads');
  } finally {
    await q.close();
  }
});

test('a node with another cluster id never joins: its requests are refused and it refuses the quorum', async () => {
  const q = new Quorum();
  try {
    await q.start(1, 'c1');
    await q.start(2, 'c1');
    const stranger = await q.start(3, 'other');
    await q.leader();
    await q.propose(range('v', 0, 5));
    for (const id of [1, 2])
      await waitFor(`node ${id} to apply`, () => q.members.get(id)!.applied.length === 5);
    // Give the stranger several election and fetch timeouts to get in, then look.
    await new Promise((r) => setTimeout(r, 3 * RAFT.fetchTimeoutMs));
    assert.is(stranger.log.endOffset, 0, 'no entry reached it');
    assert.is(stranger.applied.length, 0);
    assert.is(stranger.node.leaderId, -1, 'it never learned a leader');
    assert.ok(stranger.node.role !== 'leader' && stranger.node.role !== 'follower');
    assert.is(stranger.transport.stats.delivered, 0, 'no answer reached its state machine');
    assert.ok(stranger.transport.stats.refused > 0, 'its requests were refused');
    assert.ok(stranger.service.stats.refused > 0, 'it refused the leader');
    assert.is(stranger.service.stats.delivered, 0);
    for (const id of [1, 2]) assert.ok(q.members.get(id)!.service.stats.refused > 0, `node ${id} refused it`);
    assert.is(q.leaders().length, 1);
  } finally {
    await q.close();
  }
});

function voteTo(transport: RaftWireTransport, to: number): void {
  transport.send(to, { kind: 'vote', epoch: 1, candidateId: 1, lastEpoch: 0, lastOffset: 0, preVote: true });
}

test('limits: in-flight requests per peer, then the request timeout frees them', async () => {
  // A peer that takes requests and never answers them.
  const silent = await startRpcServer([route(RaftVoteApi, () => null)]);
  const transport = new RaftWireTransport({
    nodeId: 1,
    clusterId: 'c1',
    resolve: () => ({ host: silent.host, port: silent.port }),
    onMessage: () => assert.unreachable('no answer comes'),
    config: { maxInFlightPerPeer: 3, requestTimeoutMs: 400, reconnectBackoffMs: 10 },
  });
  try {
    for (let i = 0; i < 3; i++) voteTo(transport, 2);
    assert.is(transport.inFlight(2), 3, 'three at the limit');
    assert.is(transport.stats.droppedAtLimit, 0);
    voteTo(transport, 2);
    voteTo(transport, 2);
    assert.is(transport.stats.droppedAtLimit, 2, 'past the limit a send is dropped');
    await waitFor('the requests to reach the peer', () => (silent.served.get(52) ?? 0) === 3, 5000);
    const started = Date.now();
    await waitFor('the timeout', () => transport.inFlight(2) === 0, 5000);
    const took = Date.now() - started;
    assert.ok(took < 3000, `freed after ${took} ms`);
    assert.is(transport.stats.failed, 3, 'timed out requests are lost messages');
    voteTo(transport, 2);
    assert.is(transport.inFlight(2), 1, 'sends are taken again');
    assert.is(transport.stats.droppedAtLimit, 2);
  } finally {
    transport.close();
    await silent.stop();
  }
});

test('limits: a peer whose listener never completes the connect is given up after connectTimeoutMs', async () => {
  // A listener with a full accept queue: the kernel drops further SYNs, so connects hang.
  const py = spawn(
    'python3',
    [
      '-c',
      'import socket,sys,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await new Promise<number>((resolve) =>
      py.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
    const fillers: net.Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      fillers.push(s);
    }
    await new Promise((r) => setTimeout(r, 100));
    const transport = new RaftWireTransport({
      nodeId: 1,
      clusterId: 'c1',
      resolve: () => ({ host: '127.0.0.1', port }),
      onMessage: () => {},
      config: { connectTimeoutMs: 300, requestTimeoutMs: 10_000 },
    });
    const started = Date.now();
    voteTo(transport, 2);
    await waitFor('the connect timeout', () => transport.stats.failed === 1, 5000);
    const took = Date.now() - started;
    assert.ok(took >= 250 && took < 5000, `given up after ${took} ms`);
    assert.is(transport.stats.sent, 0, 'nothing was written');
    transport.close();
    for (const s of fillers) s.destroy();
  } finally {
    py.kill();
  }
});

test('limits: an entry over the fetch budget still goes alone; a frame over maxResponseBytes is lost', async () => {
  const q = new Quorum([1]);
  try {
    const leader = await q.start(1, 'c1');
    await q.leader();
    await q.propose([`big${'!'.repeat(4000)}`, 'small']);
    await waitFor('the entries to commit', () => leader.applied.length === 2);
    const fetchFrom = (maxResponseBytes: number, onMessage: (m: RaftMessage) => void) => {
      const t = new RaftWireTransport({
        nodeId: 9,
        clusterId: 'c1',
        resolve: () => ({ host: leader.server.host, port: leader.server.port }),
        onMessage: (_, m) => onMessage(m),
        config: { maxFetchBytes: 1024, maxResponseBytes },
      });
      // Past the LeaderChange and voter-set entries, at the 4 KB entry (the last but one).
      t.send(1, {
        kind: 'fetch',
        id: 7,
        epoch: leader.node.epoch,
        replicaId: 9,
        fetchOffset: leader.log.endOffset - 2,
        lastFetchedEpoch: leader.node.epoch,
      });
      return t;
    };
    const small = fetchFrom(2048, () => assert.unreachable('an oversized frame is not delivered'));
    await waitFor('the oversized answer to fail', () => small.stats.failed === 1, 5000);
    assert.is(small.stats.delivered, 0);
    small.close();
    let answer: RaftMessage | null = null;
    const roomy = fetchFrom(8192, (m) => {
      answer = m;
    });
    await waitFor('the answer', () => answer !== null, 5000);
    const got = answer as unknown as FetchResponse;
    assert.is(got.kind, 'fetch-response');
    assert.is(got.id, 7);
    assert.is(got.entries.length, 1, 'over the 1024-byte budget only the first entry goes');
    assert.is(got.entries[0]!.data.length, 4003);
    roomy.close();
  } finally {
    await q.close();
  }
});

test('a peer without Fetch v12 is not asked: the quorum needs LastFetchedEpoch and DivergingEpoch', async () => {
  const old = await startRpcServer([route(FetchApi, () => null, { min: 4, max: 11 })]);
  const transport = new RaftWireTransport({
    nodeId: 1,
    clusterId: 'c1',
    resolve: () => ({ host: old.host, port: old.port }),
    onMessage: () => assert.unreachable('no answer'),
  });
  try {
    transport.send(2, { kind: 'fetch', id: 1, epoch: 1, replicaId: 1, fetchOffset: 0, lastFetchedEpoch: 0 });
    await waitFor('the refusal', () => transport.stats.refused === 1, 5000);
    assert.is(transport.stats.sent, 0);
    assert.is(old.served.get(1) ?? 0, 0, 'no Fetch was written');
  } finally {
    transport.close();
    await old.stop();
  }
});

test('reconnects: a peer that drops every connection is retried with backoff, then answers once it serves', async () => {
  // First a listener that hangs up on every connection (a broker still starting, say).
  let accepted = 0;
  const rude = net.createServer((sock) => {
    accepted++;
    sock.destroy();
  });
  await new Promise<void>((r) => rude.listen(0, '127.0.0.1', r));
  const port = (rude.address() as net.AddressInfo).port;
  const answers: RaftMessage[] = [];
  const transport = new RaftWireTransport({
    nodeId: 1,
    clusterId: 'c1',
    resolve: () => ({ host: '127.0.0.1', port }),
    onMessage: (_, m) => answers.push(m),
    config: { reconnectBackoffMs: 50, reconnectBackoffMaxMs: 400, maxInFlightPerPeer: 1 },
  });
  const ticker = setInterval(() => voteTo(transport, 2), 5);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    // 1.5 s of sends every 5 ms: without backoff hundreds of connects; with 50, 100, 200, 400, 400... a few.
    assert.ok(accepted >= 3 && accepted <= 12, `${accepted} connects in 1.5 s`);
    assert.ok(transport.stats.failed >= 3);
    assert.is(answers.length, 0);
    await new Promise<void>((r) => rude.close(() => r()));
    // Then the real thing on the same port: a voter that answers.
    const clock = new ManualClock(0);
    let peerTransport!: RaftWireTransport;
    const voter = new RaftNode({
      nodeId: 2,
      voters: [1, 2, 3],
      config: RAFT,
      clock,
      random: systemRandom,
      log: new MemoryRaftLog(),
      store: new MemoryQuorumStateStore(),
      transport: { send: (to, m) => peerTransport.send(to, m) },
    });
    peerTransport = new RaftWireTransport({
      nodeId: 2,
      clusterId: 'c1',
      resolve: () => null,
      onMessage: () => {},
    });
    const service = new RaftRpcService(voter, peerTransport);
    voter.start();
    const server = await startRpcServer([route(RaftVoteApi, (b, v) => service.handleVote(b, v))], port);
    try {
      await waitFor('an answer after the peer came back', () => answers.length > 0, 5000);
      const a = answers[0]!;
      assert.is(a.kind, 'vote-response');
      assert.ok(a.kind === 'vote-response' && a.preVote && a.granted, 'a granted pre-vote');
    } finally {
      voter.stop();
      peerTransport.close();
      await server.stop();
    }
  } finally {
    clearInterval(ticker);
    transport.close();
  }
});

test.run();
