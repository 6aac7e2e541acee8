// Gossip sealed with AES-256-GCM (--gossip-secret-key-file): three brokers whose keyrings are [k1, k2] form
// a cluster; a fourth in the middle of a rotation ([k2, k1]: it seals with k2, the others still with k1,
// everyone opens both) joins; one with a key nobody has, and one without any key, never join, and what
// they send is counted in runnel_gossip_packets_undecryptable_total. A live rotation through the key file
// (new key second, first, alone) keeps the cluster and lets only new-key brokers in. The keyring: sealed
// bytes altered anywhere, or opened as the other channel, do not open; a bad key file stops the broker with
// the reason.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GossipKeyring, loadGossipKeyring, SEAL_OVERHEAD } from '../dist/cluster/membership/keyring.js';
import { eventually, freePort, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';
import { scrape } from './helpers/metrics.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-gossip-keys-'));
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const k3 = randomBytes(32);
function keyFile(name: string, keys: Buffer[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `# primary first\n${keys.map((k) => k.toString('base64')).join('\n')}\n`);
  return file;
}
const RING = keyFile('ring', [k1, k2]);
const ROTATING = keyFile('rotating', [k2, k1]);
const WRONG = keyFile('wrong', [k3]);

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the keyring: primary seals, every key opens; altered bytes, another channel or an unknown key do not', () => {
  const ring = new GossipKeyring([k1, k2]);
  const plain = Buffer.from('a gossip datagram');
  const sealed = ring.seal(plain, 'datagram');
  assert.is(sealed.length, plain.length + SEAL_OVERHEAD);
  assert.equal(ring.open(sealed, 'datagram'), plain);
  assert.equal(new GossipKeyring([k2, k1]).open(sealed, 'datagram'), plain);
  assert.is(new GossipKeyring([k2]).open(sealed, 'datagram'), null);
  assert.is(ring.open(sealed, 'stream'), null);
  for (const at of [0, 1, 13, sealed.length - 1]) {
    const bad = Buffer.from(sealed);
    bad[at]! ^= 1;
    assert.is(ring.open(bad, 'datagram'), null, `byte ${at} altered`);
  }
  assert.is(ring.open(sealed.subarray(0, sealed.length - 1), 'datagram'), null);
  assert.is(ring.open(Buffer.alloc(3), 'datagram'), null);
  assert.equal(loadGossipKeyring(RING).open(sealed, 'datagram'), plain);
  const short = keyFile('short', [randomBytes(16)]);
  assert.throws(() => loadGossipKeyring(short), /must be 32 bytes once decoded/);
  fs.writeFileSync(short, '# nothing\n');
  assert.throws(() => loadGossipKeyring(short), /holds no key/);
});

test('sealed gossip: a cluster forms, a mid-rotation broker joins, a wrong key or none never joins and is counted', async () => {
  const metrics = await freePort();
  let c: TestCluster | undefined;
  try {
    c = await startCluster(3, {
      argsFor: (id) => [
        '--gossip-secret-key-file',
        RING,
        ...(id === 1 ? ['--metrics-listen', `127.0.0.1:${metrics}`] : []),
      ],
    });
    const rotating = await c.add(4, { args: ['--gossip-secret-key-file', ROTATING] });
    await rotating.waitForLog(JOINED, 20_000);

    const before = (await scrape(metrics)).value('runnel_gossip_packets_undecryptable_total') ?? -1;
    assert.is(before, 0);
    const wrong = await c.add(5, { args: ['--gossip-secret-key-file', WRONG] });
    const none = await c.add(6);
    await eventually('node 1 drops packets it cannot open', async () => {
      const n = (await scrape(metrics)).value('runnel_gossip_packets_undecryptable_total') ?? 0;
      return n > 0;
    });
    // Well past the time the others took to join: still outside.
    await new Promise((r) => setTimeout(r, 5000));
    assert.not.match(wrong.log(), JOINED);
    assert.not.match(none.log(), JOINED);
    for (const n of [1, 2, 3, 4]) assert.not.match(c.node(n).log(), /node 5|node 6/);
  } finally {
    await c?.destroy();
  }
});

test('a live rotation, one edit of the shared key file per step, no restart: new key second, first, alone', async () => {
  const shared = keyFile('shared', [k1]);
  const steps = [[k1, k2], [k2, k1], [k2]];
  let c: TestCluster | undefined;
  try {
    c = await startCluster(3, {
      args: ['--gossip-secret-key-file', shared, '--gossip-secret-key-reload-interval-ms', '200'],
    });
    for (const [i, keys] of steps.entries()) {
      keyFile('shared', keys);
      for (const n of c.nodes)
        await eventually(
          `node ${n.nodeId} read step ${i + 1}`,
          () => (n.log().match(/gossip key file changed/g) ?? []).length === i + 1,
        );
      // A moment of gossip on the new keys before the next step.
      await new Promise((r) => setTimeout(r, 500));
    }
    // Only k2 is left: a broker with k2 alone joins, one with k1 alone does not.
    const withNew = await c.add(4, { args: ['--gossip-secret-key-file', keyFile('k2-only', [k2])] });
    await withNew.waitForLog(JOINED, 20_000);
    const withOld = await c.add(5, { args: ['--gossip-secret-key-file', keyFile('k1-only', [k1])] });
    await new Promise((r) => setTimeout(r, 4000));
    assert.not.match(withOld.log(), JOINED);
    // A half-written file (a key cut short) keeps the keys in use.
    fs.writeFileSync(shared, k2.toString('base64').slice(0, 20));
    await eventually('the bad file logged', () =>
      /cannot be used, keeping the previous keys/.test(c!.node(1).log()),
    );
  } finally {
    await c?.destroy();
  }
});

test('a gossip key file that cannot be used stops the broker with the reason', async () => {
  const bad = keyFile('bad', []);
  fs.writeFileSync(bad, 'not base64 at all!\n');
  let c: TestCluster | undefined;
  try {
    c = await startCluster(1, { waitJoined: false });
    await c.add(2, { args: ['--gossip-secret-key-file', bad] }).then(
      () => assert.unreachable('started with a bad key file'),
      (e: Error) => assert.match(e.message, /not a base64 key/),
    );
  } finally {
    await c?.destroy();
  }
});

test.run();
