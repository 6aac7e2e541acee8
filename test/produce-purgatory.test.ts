// The acks=all purgatory: a produce waits until every partition's high watermark passes its batch, fails a
// partition whose leadership goes, times out what followers never confirm, and at its limit (maxParked)
// answers at once with REQUEST_TIMED_OUT for what still needs replicating.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProducePurgatory } from '../dist/broker/produce-purgatory.js';
import { PartitionState } from '../dist/cluster/partition-state.js';
import { ErrorCode as E } from '../dist/protocol/errors.js';

/** A partition led by node 1 with follower 2 in the ISR, its log at 10 and high watermark at 4. */
function led(partition = 0): PartitionState {
  const s = new PartitionState('t', partition, 1);
  s.applyRegistration({ leader: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 }, 0);
  s.onLogOpened({ logEndOffset: 10, highWatermark: 4 });
  return s;
}

test('acknowledged once the high watermark passes the batch on every partition, in offset order', async () => {
  const p = new ProducePurgatory(10);
  const a = led(0);
  const b = led(1);
  const first = p.wait([{ state: a, requiredOffset: 6 }], 10_000);
  const both = p.wait(
    [
      { state: a, requiredOffset: 10 },
      { state: b, requiredOffset: 8 },
    ],
    10_000,
  );
  assert.is(p.size, 2);
  a.onHighWatermark(7);
  assert.equal(await first, [E.NONE]);
  assert.is(a.ackWaiters.length, 1, 'the later batch still waits');
  b.onHighWatermark(8);
  a.onHighWatermark(10);
  assert.equal(await both, [E.NONE, E.NONE]);
  assert.is(p.size, 0);
  assert.equal([a.ackWaiters.length, b.ackWaiters.length], [0, 0]);
});

test('already replicated: answered at once without parking; timeout 0 does not wait', async () => {
  const p = new ProducePurgatory(10);
  const a = led();
  assert.equal(await p.wait([{ state: a, requiredOffset: 4 }], 10_000), [E.NONE]);
  assert.equal(await p.wait([{ state: a, requiredOffset: 9 }], 0), [E.REQUEST_TIMED_OUT]);
  assert.is(p.size, 0);
});

test('a timeout answers REQUEST_TIMED_OUT for what followers never confirmed, NONE for the rest', async () => {
  const p = new ProducePurgatory(10);
  const a = led(0);
  const b = led(1);
  const res = p.wait(
    [
      { state: a, requiredOffset: 6 },
      { state: b, requiredOffset: 6 },
    ],
    30,
  );
  a.onHighWatermark(6);
  assert.equal(await res, [E.NONE, E.REQUEST_TIMED_OUT]);
  assert.is(b.ackWaiters.length, 0, 'unhooked from the partition');
});

test('leadership lost: NOT_LEADER_OR_FOLLOWER; at the limit: REQUEST_TIMED_OUT at once; close fails the rest', async () => {
  const p = new ProducePurgatory(2);
  const a = led(0);
  const b = led(1);
  const onA = p.wait([{ state: a, requiredOffset: 9 }], 10_000);
  const onB = p.wait([{ state: b, requiredOffset: 9 }], 10_000);
  assert.is(p.size, 2);
  assert.equal(
    await p.wait([{ state: a, requiredOffset: 9 }], 10_000),
    [E.REQUEST_TIMED_OUT],
    'over the limit',
  );
  assert.equal(
    await p.wait([{ state: a, requiredOffset: 3 }], 10_000),
    [E.NONE],
    'nothing to wait for passes',
  );
  a.wakeAll(); // this node stops leading a
  assert.equal(await onA, [E.NOT_LEADER_OR_FOLLOWER]);
  assert.is(p.size, 1, 'a slot freed');
  p.close();
  assert.equal(await onB, [E.NOT_LEADER_OR_FOLLOWER]);
  assert.equal(await p.wait([{ state: b, requiredOffset: 9 }], 10_000), [E.NOT_LEADER_OR_FOLLOWER], 'closed');
});

test('a leadership that ends in the metadata fails its waiting produces; one kept at a new epoch keeps them', async () => {
  const p = new ProducePurgatory(10);
  const kept = led(0);
  const lost = led(1);
  const onKept = p.wait([{ state: kept, requiredOffset: 9 }], 10_000);
  const onLost = p.wait([{ state: lost, requiredOffset: 9 }], 10_000);
  // A reassignment's new epoch that keeps this node leader: the log is the same one, the produce waits.
  kept.applyRegistration({ leader: 1, leaderEpoch: 1, replicas: [1, 2], isr: [1, 2], partitionEpoch: 1 }, 0);
  assert.ok(kept.leadsAt(1) && !kept.leadsAt(0));
  lost.applyRegistration({ leader: 2, leaderEpoch: 1, replicas: [1, 2], isr: [1, 2], partitionEpoch: 1 }, 0);
  assert.not.ok(lost.leadsAt(0) || lost.leadsAt(1), 'a follower leads at no epoch');
  assert.equal(await onLost, [E.NOT_LEADER_OR_FOLLOWER]);
  assert.is(kept.ackWaiters.length, 1);
  kept.onHighWatermark(9);
  assert.equal(await onKept, [E.NONE]);
});

test("a leader's appends move the epoch it would fetch with as a follower (last_fetched_epoch)", () => {
  // Opened empty (no epoch yet), then appends as leader at epoch 0: became a follower it must fetch with
  // last_fetched_epoch 0, so the new leader can tell it where epoch 0 ended (a stale -1 skips the check).
  const s = new PartitionState('t', 0, 1);
  s.applyRegistration({ leader: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 }, 0);
  s.onLogOpened({ logEndOffset: 0, highWatermark: 0, latestEpoch: -1 });
  assert.is(s.latestEpoch, -1);
  s.onAppend({ logEndOffset: 5, highWatermark: 0, latestEpoch: 0 }, 100);
  assert.is(s.latestEpoch, 0);
  // Results can come back out of order: an older one does not take it back.
  s.onAppend({ logEndOffset: 3, highWatermark: 0, latestEpoch: -1 }, 100);
  assert.is(s.latestEpoch, 0);
  assert.is(s.logEndOffset, 5);
});

test('an append result submitted before the log was truncated does not move the offsets back up', () => {
  // A produce across two partitions answers once both are appended; meanwhile this partition's node became
  // a follower and its fetcher truncated the log to 3. The late result's log end (8) is stale: taking it
  // would make the fetcher ask for offset 8 and leave a hole in the log.
  const s = new PartitionState('t', 0, 1);
  s.applyRegistration({ leader: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 }, 0);
  s.onLogOpened({ logEndOffset: 5, highWatermark: 3, latestEpoch: 0 });
  const submitted = s.offsetsGeneration;
  s.applyRegistration({ leader: 2, leaderEpoch: 1, replicas: [1, 2], isr: [1, 2], partitionEpoch: 1 }, 0);
  s.onLogOffsets({ logEndOffset: 3, highWatermark: 3, latestEpoch: 0 });
  s.onAppend({ logEndOffset: 8, highWatermark: 3, latestEpoch: 0 }, 100, submitted);
  assert.is(s.logEndOffset, 3);
  // One submitted after it counts.
  s.onAppend({ logEndOffset: 4, highWatermark: 3, latestEpoch: 1 }, 100, s.offsetsGeneration);
  assert.is(s.logEndOffset, 4);
  assert.is(s.latestEpoch, 1);
});

test.run();
