// Membership over real loopback sockets (UDP datagrams, TCP streams) with the wall clock: members join
// through a seed, a stopped member is declared dead, a restarted one comes back, and garbage on the gossip
// port changes nothing.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../dist/clock.js';
import {
  encodeMessage,
  LOCAL_MEMBERSHIP_CONFIG,
  labelPacket,
  type MemberState,
  Membership,
  type MembershipOptions,
  MessageType,
  parseAddress,
  resolveMembershipConfig,
  SocketTransport,
} from '../dist/cluster/membership/index.js';
import { systemRandom } from '../dist/random.js';

const config = resolveMembershipConfig(
  { probeIntervalMs: 100, probeTimeoutMs: 40, gossipIntervalMs: 20, pushPullIntervalMs: 500 },
  LOCAL_MEMBERSHIP_CONFIG,
);

interface Node {
  id: number;
  membership: Membership;
  transport: SocketTransport;
}

async function startNode(
  id: number,
  seeds: string[],
  port = 0,
  extra: Partial<MembershipOptions> = {},
): Promise<Node> {
  const transport = new SocketTransport({
    host: '127.0.0.1',
    port,
    maxDatagramBytes: config.maxDatagramBytes,
    maxStreamBytes: config.maxStreamBytes,
  });
  let membership: Membership | null = null;
  const address = await transport.bind({
    receiveDatagram: (from, bytes) => membership?.receiveDatagram(from, bytes),
    receiveStream: (from, bytes) => membership?.receiveStream(from, bytes),
  });
  membership = new Membership({
    config,
    self: { nodeId: id, address, clientHost: '127.0.0.1', clientPort: 9092 + id, rack: null, voter: true },
    clock: systemClock,
    random: systemRandom,
    transport,
    ...extra,
  });
  membership.start(seeds);
  return { id, membership, transport };
}

async function stopNode(n: Node): Promise<void> {
  n.membership.stop();
  await n.transport.close();
}

async function until(ms: number, check: () => boolean): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

const stateOf = (o: Node, id: number): MemberState | undefined => o.membership.member(id)?.state;

test('three members over loopback: join, detect a stop, take back a restart, shrug off garbage', async () => {
  const a = await startNode(1, []);
  const b = await startNode(2, [a.transport.address]);
  let c = await startNode(3, [a.transport.address]);
  const nodes = () => [a, b, c];
  try {
    assert.ok(
      await until(5000, () => nodes().every((o) => nodes().every((s) => stateOf(o, s.id) === 'alive'))),
      'all three alive everywhere',
    );
    assert.is(b.membership.member(3)?.clientPort, 9095);

    // Garbage on both gossip ports: random datagrams, a frame header claiming 2 GiB, a torn frame.
    const [host, port] = parseAddress(a.transport.address)!;
    const udp = createSocket('udp4');
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.alloc(1 + (i % 300));
      for (let j = 0; j < junk.length; j++) junk[j] = (i * 31 + j * 7) & 0xff;
      if (i % 2 === 0) junk[0] = 1;
      udp.send(junk, port, host);
    }
    await new Promise((r) => setTimeout(r, 100));
    udp.close();
    const huge = connect({ host, port });
    huge.on('error', () => {});
    huge.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
    const torn = connect({ host, port });
    torn.on('error', () => {});
    torn.end(Buffer.from([0, 0, 0, 50, 1, 2]));
    await new Promise((r) => huge.on('close', r));

    const cAddress = c.transport.address;
    await stopNode(c);
    assert.ok(
      await until(10_000, () => stateOf(a, 3) === 'dead' && stateOf(b, 3) === 'dead'),
      'stop detected',
    );
    assert.is(stateOf(a, 2), 'alive');
    assert.is(stateOf(b, 1), 'alive');

    c = await startNode(3, [a.transport.address], parseAddress(cAddress)![1]);
    assert.ok(
      await until(10_000, () => nodes().every((o) => nodes().every((s) => stateOf(o, s.id) === 'alive'))),
      'restarted member alive everywhere',
    );
  } finally {
    for (const n of nodes()) await stopNode(n);
  }
});

test('a gossip port already in use is refused at bind', async () => {
  const a = await startNode(1, []);
  try {
    const [, port] = parseAddress(a.transport.address)!;
    const t = new SocketTransport({ host: '127.0.0.1', port, maxDatagramBytes: 1400, maxStreamBytes: 65536 });
    let failed = false;
    try {
      await t.bind({ receiveDatagram() {}, receiveStream() {} });
    } catch (err) {
      failed = /EADDRINUSE/.test(String(err));
    }
    assert.ok(failed, 'EADDRINUSE');
  } finally {
    await stopNode(a);
  }
});

test('stream connections past maxStreamConnections are closed on accept; oversized datagrams are dropped', async () => {
  const got: number[] = [];
  const t = new SocketTransport({
    host: '127.0.0.1',
    port: 0,
    maxDatagramBytes: 600,
    maxStreamBytes: 65536,
    maxStreamConnections: 2,
  });
  const address = await t.bind({ receiveDatagram: (_f, b) => got.push(b.length), receiveStream() {} });
  const [host, port] = parseAddress(address)!;
  const idle = [connect({ host, port }), connect({ host, port })];
  for (const s of idle) {
    s.on('error', () => {});
    await new Promise((r) => s.on('connect', r));
  }
  await new Promise((r) => setTimeout(r, 100));
  const extra = connect({ host, port });
  extra.on('error', () => {});
  const closed = await Promise.race([
    new Promise<boolean>((r) => extra.on('close', () => r(true))),
    new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
  ]);
  assert.ok(closed, 'the third connection is closed at once');
  const udp = createSocket('udp4');
  udp.send(Buffer.alloc(600, 1), port, host);
  udp.send(Buffer.alloc(601, 1), port, host);
  await new Promise((r) => setTimeout(r, 200));
  udp.close();
  assert.equal(got, [600]);
  for (const s of idle) s.destroy();
  await t.close();
});

test('meta and cluster ids over loopback: meta spreads, another cluster is dropped and told, forged and oversized meta', async () => {
  const changes: string[] = [];
  const a = await startNode(1, [], 0, { meta: new Uint8Array([1]) });
  const b = await startNode(2, [a.transport.address], 0, {
    onChange: (m, previous) => changes.push(`${m.nodeId} ${previous}->${m.state} [${[...m.meta]}]`),
  });
  const foreign: string[] = [];
  let d: Node | null = null;
  try {
    assert.ok(await until(5000, () => stateOf(b, 1) === 'alive' && stateOf(a, 2) === 'alive'));
    assert.equal([...b.membership.member(1)!.meta], [1], 'the starting meta arrives with the join');
    a.membership.setClusterId('cluster-x');
    b.membership.setClusterId('cluster-x');
    a.membership.updateMeta(new Uint8Array([7, 7]));
    assert.ok(await until(5000, () => b.membership.member(1)!.meta.length === 2), 'updated meta spreads');
    assert.ok(changes.includes('1 alive->alive [7,7]'), changes.join('\n'));

    // A broker of another cluster joining through a: dropped unread, but told which cluster it reached.
    d = await startNode(4, [a.transport.address], 0, {
      onForeignCluster: (id, from) => foreign.push(`${id} ${from}`),
    });
    d.membership.setClusterId('cluster-y');
    assert.ok(await until(5000, () => foreign.length > 0), 'the answer names cluster-x');
    assert.ok(foreign[0]!.startsWith('cluster-x '));
    assert.ok(a.membership.dropped.foreignCluster > 0);
    await new Promise((r) => setTimeout(r, 500));
    assert.is(a.membership.member(4), undefined, 'cluster-x never lists it');

    // Forged: an Alive claiming to be a, at a higher incarnation with other meta. b takes it (a higher
    // incarnation wins), gossips it, a hears of it and out-bids it: a's own meta comes back everywhere.
    const [host, port] = parseAddress(b.transport.address)!;
    const self = a.membership.member(1)!;
    const udp = createSocket('udp4');
    const send = (bytes: Uint8Array) => new Promise((r) => udp.send(bytes, port, host, r));
    const forged = encodeMessage({
      type: MessageType.Alive,
      ...self,
      incarnation: self.incarnation + 3,
      meta: new Uint8Array([6, 6, 6]),
    });
    await send(labelPacket('cluster-x', forged));
    assert.ok(await until(5000, () => changes.includes('1 alive->alive [6,6,6]')), 'the forgery is heard');
    assert.ok(
      await until(
        5000,
        () => b.membership.member(1)!.meta.length === 2 && a.membership.incarnation > self.incarnation + 3,
      ),
      'and refuted by a',
    );
    // Labelled with another cluster: dropped unread.
    const before = b.membership.dropped.foreignCluster;
    await send(labelPacket('cluster-z', forged));
    // Oversized meta for a new member: dropped and counted, the member not added.
    const big = encodeMessage({
      type: MessageType.Alive,
      ...self,
      nodeId: 99,
      address: '127.0.0.1:1',
      incarnation: 1,
      meta: new Uint8Array(config.maxMetaBytes + 1),
    });
    await send(labelPacket('cluster-x', big));
    assert.ok(
      await until(
        2000,
        () => b.membership.dropped.oversizedMeta === 1 && b.membership.dropped.foreignCluster > before,
      ),
    );
    assert.is(b.membership.member(99), undefined);
    udp.close();
  } finally {
    for (const n of [a, b, ...(d === null ? [] : [d])]) await stopNode(n);
  }
});

test.run();
