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
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { eventuallyWithin, type TestCluster } from './helpers/cluster-procs.js';
import {
  activeSegment,
  type PowerLossCluster,
  sendAcked,
  startPowerLossCluster,
  twoReplicaTopic,
} from './helpers/power-loss.js';

const eventually = eventuallyWithin(60_000);
let lab: PowerLossCluster;
let c: TestCluster;
test.before(async () => {
  lab = await startPowerLossCluster(5);
  c = lab.cluster;
});
test.after(async () => {
  await lab?.destroy();
});

test('both replicas lose power: the longer log leads, not the last known ELR member that lost its tail', async () => {
  const client = new Client({ brokers: c.bootstrap.split(','), clientId: 'recovery', retryBackoffMs: 100 });
  const [leaderId, followerId] = [4, 5];
  const leader = c.node(leaderId);
  const follower = c.node(followerId);
  try {
    const { topic, describe } = await twoReplicaTopic(
      client,
      eventually,
      5,
      [leaderId, followerId],
      'recovery',
    );

    const producer = client.producer({ acks: 'all' });
    const acked = new Map<number, string>();
    const send = (prefix: string, n: number) => sendAcked(producer, topic, acked, prefix, n);
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
    lab.reboot(followerId);
    lab.reboot(leaderId);
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
