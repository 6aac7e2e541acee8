// KIP-966 unclean recovery on real processes: both replicas of a partition lose power; the last ISR member
// (the last known ELR) loses the tail of its log, the other replica keeps all of it but restarts uncleanly
// first, so it is not eligible. Kafka's rule elects the last known ELR member once it is back, and the
// other replica truncates the records only it still held. With the unclean recovery manager the
// controller asks both for their logs (GetReplicaLogInfo) and elects the longer one: every acknowledged
// record is read back at its offset.
//
// Five brokers, so the metadata quorum keeps a majority with both replicas down. Power loss: SIGKILL, a new
// boot id (--boot-id-file, as after a machine restart), and for the leader its active segment cut back
// to where it was before the second half of the records (what a page cache not yet written back loses).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { uniqueTopic } from './helpers/client-broker.js';
import { eventuallyWithin, startCluster, type TestCluster } from './helpers/cluster-procs.js';

const eventually = eventuallyWithin(60_000);
const boots = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-boot-'));
const bootFile = (k: number) => path.join(boots, `node-${k}`);
const reboot = (k: number) => fs.writeFileSync(bootFile(k), `${randomUUID()}\n`);

let c: TestCluster;
test.before(async () => {
  for (const k of [1, 2, 3, 4, 5]) reboot(k);
  c = await startCluster(5, {
    args: ['--replica-lag-time-max-ms', '1500', '--replica-fetch-backoff-ms', '100'],
    argsFor: (k) => ['--boot-id-file', bootFile(k)],
  });
});
test.after(async () => {
  for (const n of c?.nodes ?? []) if (n.alive()) await n.signal('SIGCONT');
  await c?.destroy();
  fs.rmSync(boots, { recursive: true, force: true });
});

function activeSegment(dataDir: string, topic: string): string {
  const dir = path.join(dataDir, `${topic}-0`);
  const last = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .pop()!;
  return path.join(dir, last);
}

test('both replicas lose power: the longer log leads, not the last known ELR member that lost its tail', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'recovery', retryBackoffMs: 100 });
  const [leaderId, followerId] = [4, 5];
  const leader = c.node(leaderId);
  const follower = c.node(followerId);
  try {
    await eventually(
      'five live brokers',
      async () => (await client.admin().describeCluster()).brokers.length === 5,
    );
    const topic = uniqueTopic('recovery');
    await client.admin().createTopics([
      {
        topic,
        replicaAssignment: [{ partition: 0, replicas: [leaderId, followerId] }],
        configs: { 'min.insync.replicas': '2' },
      },
    ]);
    const describe = async () => (await client.admin().describeTopics([topic]))[0]!.partitions[0]!;
    await eventually('the ISR holds both replicas', async () => (await describe()).isr.length === 2);

    const producer = client.producer({ acks: 'all' });
    const acked = new Map<number, string>();
    const send = async (prefix: string, n: number) => {
      for (let i = 0; i < n; i += 10) {
        const batch = Array.from({ length: 10 }, (_, j) => ({ partition: 0, value: `${prefix}${i + j}` }));
        const meta = await producer.send(topic, batch);
        meta.forEach((m, j) => {
          acked.set(m.offset, batch[j]!.value);
        });
      }
    };
    await send('a', 100);
    const segment = activeSegment(leader.dataDir, topic);
    const sizeAfterA = fs.statSync(segment).size;
    await send('b', 100);
    await producer.close();
    assert.is(acked.size, 200);

    // The follower stops: the ISR shrinks to the leader, the follower becomes an eligible replica.
    await follower.signal('SIGSTOP');
    await eventually('the ISR shrinks to the leader', async () => {
      const p = await describe();
      return p.isr.length === 1 && p.isr[0] === leaderId;
    });
    // Power fails on both. The follower's log had everything on disk; the leader's lost the b records.
    await follower.signal('SIGKILL');
    await leader.signal('SIGKILL');
    fs.truncateSync(segment, sizeAfterA);
    reboot(followerId);
    reboot(leaderId);
    // The follower is back first: registered uncleanly, it leaves the ELR (it may have lost records).
    await follower.restart();
    await follower.waitForLog(/broker \d+: unfenced/, 60_000);
    assert.match(follower.log(), /registering as after an unclean shutdown/);
    // Then the last ISR member, the last known ELR: registered uncleanly, the ISR and the ELR are empty.
    await leader.restart();
    await leader.waitForLog(/broker \d+: unfenced/, 60_000);
    await eventually('a leader is elected', async () => (await describe()).leader >= 0);
    assert.is((await describe()).leader, followerId, 'the replica with the longer log leads');
    await eventually('the other replica rejoins the ISR', async () => (await describe()).isr.length === 2);

    const consumer = client.consumer({ autoOffsetReset: 'earliest' });
    consumer.assign([{ topic, partition: 0 }]);
    const read = new Map<number, string>();
    const deadline = Date.now() + 30_000;
    while (read.size < acked.size && Date.now() < deadline) {
      const batch = await consumer.nextBatch();
      for (const r of batch?.records ?? []) read.set(Number(r.offset), Buffer.from(r.value!).toString());
    }
    await consumer.close();
    const lost = [...acked].filter(([offset, value]) => read.get(offset) !== value);
    assert.equal(lost.slice(0, 5), [], `${lost.length} of ${acked.size} acknowledged records lost`);
    assert.is(read.size, 200);
    assert.ok(
      c.nodes.some((n) => /unclean recovery of .*: electing broker 5/.test(n.log())),
      'the controller logged the recovery',
    );
  } finally {
    await client.close();
  }
});

test.run();
