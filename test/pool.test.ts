// PartitionPool on real worker threads and real files: routing, ownership, ordering, crash recovery, limits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode } from '../dist/protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionHost, TaskKind } from '../dist/storage/partition-worker.js';
import {
  EARLIEST_TIMESTAMP,
  InlinePartitions,
  LATEST_TIMESTAMP,
  PartitionPool,
  type PartitionStore,
  partitionSlot,
} from '../dist/storage/pool.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'runnel-pool-'));
  dirs.push(d);
  return d;
}

const fatals: Error[] = [];
function newPool(dataDir: string, extra: Record<string, unknown> = {}): PartitionPool {
  return new PartitionPool({
    dataDir,
    threads: 2,
    execArgv: [],
    enableTestTasks: true,
    onFatal: (e: Error) => fatals.push(e),
    ...extra,
  });
}

/** A batch of `count` records whose values are `${tag}:${i}`, in a buffer it alone owns. */
function batch(tag: string, count = 1, valueBytes = 0): Uint8Array {
  const pad = 'x'.repeat(valueBytes);
  const records = Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `${tag}:${i}${pad}` }));
  return new Uint8Array(encodeRecordBatch(records, { timestamp: 1_700_000_000_000 }));
}

/** Record values stored in a partition from offset 0, read through the store. */
async function values(store: PartitionStore, topic: string, partition: number): Promise<string[]> {
  const out: string[] = [];
  let offset = 0;
  for (;;) {
    const r = await store.read(topic, partition, offset, 1 << 20);
    assert.is(r.errorCode, ErrorCode.NONE);
    if (r.records === null || r.records.byteLength === 0) return out;
    for (const b of decodeRecordBatches(
      Buffer.from(r.records.buffer, r.records.byteOffset, r.records.byteLength),
    )) {
      for (const rec of b.records) {
        assert.is(rec.offset, offset, 'offsets are dense');
        out.push(rec.value!.toString());
        offset++;
      }
    }
  }
}

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('partitionSlot is stable and spreads a topic round-robin over the slots', () => {
  const a = partitionSlot('orders', 0, 4);
  for (let p = 0; p < 16; p++) assert.is(partitionSlot('orders', p, 4), (a + p) % 4);
  assert.is(partitionSlot('orders', 7, 4), partitionSlot('orders', 7, 4));
  const seen = new Set<number>();
  for (const t of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) seen.add(partitionSlot(t, 0, 3));
  assert.ok(seen.size > 1, 'different topics should not all hash to one slot');
});

test('each slot gets its own worker thread, and pings answer from the owner', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  const owners = [pool.ownerThreadId(0), pool.ownerThreadId(1)];
  assert.ok(owners[0]! > 0 && owners[1]! > 0 && owners[0] !== owners[1]);
  assert.ok(!owners.includes(threadId), 'owners are not the main thread');
  const pings = await pool.ping();
  assert.equal(
    pings.map((p) => [p.errorCode, p.threadId]),
    [
      [ErrorCode.NONE, owners[0]],
      [ErrorCode.NONE, owners[1]],
    ],
  );
  await pool.close();
});

test('close completes when a worker died just before it (its replacement answers CLOSE_ALL)', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  await pool.open('t', 0, true);
  void pool.crashSlotForTest(0);
  await new Promise((r) => setTimeout(r, 10));
  const closed = await Promise.race([
    pool.close().then(() => 'closed'),
    new Promise((r) => setTimeout(() => r('hung'), 8000)),
  ]);
  assert.is(closed, 'closed');
});

test('a crashed worker is replaced in the same slot; in-flight tasks get a retriable error', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  const before = [pool.ownerThreadId(0), pool.ownerThreadId(1)];
  const crash = pool.crashSlotForTest(1);
  const afterCrash = pool.ping(); // slot 1's ping is in flight behind the crash or queued for the new owner
  const crashed = await crash;
  assert.is(crashed.errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
  await afterCrash;
  // The replacement may still be starting: wait for the slot to be filled again.
  for (let i = 0; i < 200 && pool.ownerThreadId(1) === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const now = [pool.ownerThreadId(0), pool.ownerThreadId(1)];
  assert.is(now[0], before[0], 'slot 0 keeps its thread');
  assert.ok(now[1]! > 0 && now[1] !== before[1], 'slot 1 has a new thread');
  const pings = await pool.ping();
  assert.equal(
    pings.map((p) => [p.errorCode, p.threadId]),
    [
      [ErrorCode.NONE, now[0]],
      [ErrorCode.NONE, now[1]],
    ],
  );
  assert.is(pool.stats.workerReplacements, 1);
  assert.is(fatals.length, 0);
  await pool.close();
});

test('tasks park in the queue until their owner is up; past maxQueuedGroups they get REQUEST_TIMED_OUT', async () => {
  // maxGroupTasks 1: each call is its own piscina task, so the queue bound counts calls.
  const pool = newPool(tempDir(), { threads: 1, maxQueuedGroups: 4, maxGroupTasks: 1 });
  // Before the workerCreate events no slot has an owner, so the balancer parks every task.
  assert.is(pool.ownerThreadId(0), 0);
  const calls = Array.from({ length: 7 }, () => pool.ping());
  assert.is(pool.queuedGroups, 4);
  const results = (await Promise.all(calls)).map((r) => r[0]!.errorCode);
  assert.equal(results, [0, 0, 0, 0, 7, 7, 7]);
  assert.is(pool.stats.rejectedTasks, 3);
  await pool.close();
});

test('past maxPendingTasks calls are refused at once with REQUEST_TIMED_OUT', async () => {
  const pool = newPool(tempDir(), { threads: 1, maxPendingTasks: 3 });
  await pool.ready();
  const calls = Array.from({ length: 5 }, () => pool.ping());
  assert.not.ok(pool.hasCapacity);
  const results = (await Promise.all(calls)).map((r) => r[0]!.errorCode);
  assert.equal(results, [0, 0, 0, 7, 7]);
  assert.ok(pool.hasCapacity);
  await pool.close();
});

test('a host refuses tasks for a slot the owner table does not give its thread', () => {
  const owners = new SharedArrayBuffer(8);
  const table = new Int32Array(owners);
  table[0] = threadId;
  table[1] = threadId + 1000;
  const host = new PartitionHost({ dataDir: tempDir(), owners, enableTestTasks: false });
  const mine = host.run({ kind: TaskKind.PING, slot: 0 });
  const theirs = host.run({ kind: TaskKind.PING, slot: 1 });
  const outside = host.run({ kind: TaskKind.PING, slot: 2 });
  assert.is((mine as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((theirs as { errorCode: number }).errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER);
  assert.is((outside as { errorCode: number }).errorCode, ErrorCode.INVALID_REQUEST);
  const crash = host.run({ kind: TaskKind.CRASH, slot: 0 });
  assert.is((crash as { errorCode: number }).errorCode, ErrorCode.INVALID_REQUEST, 'test tasks are off');
});

test('partitions spread over the workers and every task of a partition runs on its owner', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  const ran = new Map<number, Set<number>>();
  const note = (p: number, tid: number) => {
    if (!ran.has(p)) ran.set(p, new Set());
    ran.get(p)!.add(tid);
  };
  const opened = await Promise.all(Array.from({ length: 16 }, (_, p) => pool.open('spread', p, true)));
  opened.forEach((r, p) => {
    assert.is(r.errorCode, ErrorCode.NONE);
    note(p, r.threadId);
  });
  for (let round = 0; round < 3; round++) {
    const appends = await Promise.all(
      Array.from({ length: 16 }, (_, p) => pool.append('spread', p, batch(`r${round}`))),
    );
    appends.forEach((r, p) => {
      assert.is(r.errorCode, ErrorCode.NONE);
      assert.is(r.baseOffset, round);
      note(p, r.threadId);
    });
  }
  const reads = await Promise.all(Array.from({ length: 16 }, (_, p) => pool.read('spread', p, 0, 1 << 16)));
  for (const [p, r] of reads.entries()) note(p, r.threadId);
  const threads = new Set<number>();
  for (const [p, tids] of ran) {
    assert.is(tids.size, 1, `partition ${p} ran on one thread`);
    const tid = [...tids][0]!;
    assert.is(tid, pool.ownerThreadId(pool.slotOf('spread', p)));
    threads.add(tid);
  }
  assert.is(threads.size, 2, 'both workers own partitions');
  const pings = await pool.ping();
  assert.is(pings[0]!.partitions + pings[1]!.partitions, 16);
  assert.is(fatals.length, 0);
  await pool.close();
});

test('appended bytes come back identical from a read (offsets and epoch stamped in place)', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  assert.is((await pool.open('bytes', 0, true)).errorCode, ErrorCode.NONE);
  // Small (would sit in Buffer's pool), medium and larger than a pool slab.
  const sent = [batch('a', 1), batch('b', 40, 100), batch('c', 3, 20_000)];
  const expected = sent.map((b) => Buffer.from(b)); // pristine copies: the sent buffers are transferred away
  let next = 0;
  for (let i = 0; i < sent.length; i++) {
    const r = await pool.append('bytes', 0, sent[i]!, 5);
    assert.is(r.errorCode, ErrorCode.NONE);
    assert.is(r.baseOffset, next);
    expected[i]!.writeBigInt64BE(BigInt(next), 0); // base offset
    expected[i]!.writeInt32BE(5, 12); // partition leader epoch
    next = r.lastOffset + 1;
  }
  assert.is(next, 44);
  const r = await pool.read('bytes', 0, 0, 1 << 20);
  assert.is(r.errorCode, ErrorCode.NONE);
  assert.ok(Buffer.isBuffer(r.records));
  assert.equal(Buffer.compare(r.records!, Buffer.concat(expected)), 0);
  assert.is(r.highWatermark, 44);
  assert.is(r.logEndOffset, 44);
  await pool.close();
});

test('append buffers are transferred when owned, copied when a view, shared on a SharedArrayBuffer', async () => {
  const pool = newPool(tempDir(), { threads: 1 });
  await pool.ready();
  await pool.open('xfer', 0, true);
  const owned = batch('owned');
  const n = owned.byteLength;
  assert.is((await pool.append('xfer', 0, owned)).errorCode, ErrorCode.NONE);
  assert.is(owned.byteLength, 0, 'the caller no longer holds the transferred buffer');
  assert.is(pool.stats.transferredBytes, n);

  const frame = Buffer.concat([Buffer.alloc(7, 1), Buffer.from(batch('view')), Buffer.alloc(9, 2)]);
  const view = frame.subarray(7, frame.length - 9);
  const before = Buffer.from(view);
  assert.is((await pool.append('xfer', 0, view)).errorCode, ErrorCode.NONE);
  assert.is(pool.stats.copiedBytes, view.byteLength);
  assert.equal(Buffer.compare(view, before), 0, 'a copied view is left untouched');

  const bytes = batch('shared');
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  const r = await pool.append('xfer', 0, shared, 3);
  assert.is(r.errorCode, ErrorCode.NONE);
  assert.is(pool.stats.sharedBytes, shared.byteLength);
  assert.is(shared.byteLength, bytes.byteLength, 'not detached');
  assert.is(
    Buffer.from(shared.buffer).readBigInt64BE(0),
    2n,
    'the owner stamped the base offset in the shared bytes',
  );
  assert.equal(await values(pool, 'xfer', 0), ['owned:0', 'view:0', 'shared:0']);
  await pool.close();
});

test('per-partition order holds with hundreds of appends in flight across partitions', async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  const P = 6;
  const N = 60;
  await Promise.all(Array.from({ length: P }, (_, p) => pool.open('order', p, true)));
  const calls: Promise<{ errorCode: number; baseOffset: number }>[][] = Array.from({ length: P }, () => []);
  for (let i = 0; i < N; i++) {
    for (let p = 0; p < P; p++) calls[p]!.push(pool.append('order', p, batch(`${i}`, 1 + (i % 3))));
  }
  for (let p = 0; p < P; p++) {
    const results = await Promise.all(calls[p]!);
    let next = 0;
    results.forEach((r, i) => {
      assert.is(r.errorCode, ErrorCode.NONE);
      assert.is(r.baseOffset, next, `partition ${p} append ${i} in submission order`);
      next += 1 + (i % 3);
    });
    const stored = await values(pool, 'order', p);
    const want: string[] = [];
    for (let i = 0; i < N; i++) for (let k = 0; k < 1 + (i % 3); k++) want.push(`${i}:${k}`);
    assert.equal(stored, want);
  }
  await pool.close();
});

test('a crashed owner is replaced in its slot and the partition reopens with its data', async () => {
  const dir = tempDir();
  const pool = newPool(dir);
  await pool.ready();
  const slot = pool.slotOf('crash', 0);
  const oldOwner = pool.ownerThreadId(slot);
  await pool.open('crash', 0, true);
  for (let i = 0; i < 10; i++) assert.is((await pool.append('crash', 0, batch(`before${i}`))).errorCode, 0);
  const crash = pool.crashSlotForTest(slot);
  // Sent while the owner dies: each either fails (retriable) or lands, in order, on the new owner.
  const during = Array.from({ length: 20 }, (_, i) => pool.append('crash', 0, batch(`during${i}`)));
  assert.is((await crash).errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
  const outcomes = await Promise.all(during);
  for (const r of outcomes)
    assert.ok(r.errorCode === ErrorCode.NONE || r.errorCode === ErrorCode.KAFKA_STORAGE_ERROR);
  // Parks in the queue until the replacement owns the slot, then reopens the log (recovery) there.
  const after = await pool.append('crash', 0, batch('after'));
  assert.is(after.errorCode, ErrorCode.NONE);
  const newOwner = pool.ownerThreadId(slot);
  assert.ok(newOwner > 0 && newOwner !== oldOwner, 'same slot, new thread');
  assert.is(after.threadId, newOwner);
  const landed = outcomes.flatMap((r, i) => (r.errorCode === ErrorCode.NONE ? [`during${i}:0`] : []));
  const want = [...Array.from({ length: 10 }, (_, i) => `before${i}:0`), ...landed, 'after:0'];
  assert.equal(await values(pool, 'crash', 0), want);
  assert.is(fatals.length, 0);
  await pool.close();
});

/** The first partition of `topic` that the pool places in `slot`. */
function partitionIn(pool: PartitionPool, topic: string, slot: number): number {
  for (let p = 0; ; p++) if (pool.slotOf(topic, p) === slot) return p;
}

test("a slot's restart holds up no other slot; its parked calls run in order on the new owner", async () => {
  const pool = newPool(tempDir());
  await pool.ready();
  const p0 = partitionIn(pool, 'iso', 0);
  const p1 = partitionIn(pool, 'iso', 1);
  for (const p of [p0, p1]) {
    assert.is((await pool.open('iso', p, true)).errorCode, ErrorCode.NONE);
    assert.is((await pool.append('iso', p, batch('before'))).errorCode, ErrorCode.NONE);
  }
  const oldOwner = pool.ownerThreadId(0);
  const crashedAt = performance.now();
  assert.is((await pool.crashSlotForTest(0)).errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
  assert.is(pool.ownerThreadId(0), 0, 'slot 0 is vacant while its replacement starts');
  // Sent while slot 0 has no owner: parked until the replacement owns the slot.
  const parked = Array.from({ length: 10 }, (_, i) => pool.append('iso', p0, batch(`parked${i}`)));
  const parkedRead = pool.read('iso', p0, 0, 1 << 20);
  let restartMs = Number.POSITIVE_INFINITY;
  void parked[0]!.then(() => {
    restartMs = performance.now() - crashedAt;
  });
  // Meanwhile slot 1 keeps serving appends and reads.
  const latencies: number[] = [];
  let i = 0;
  while (pool.ownerThreadId(0) === 0 && performance.now() - crashedAt < 20_000) {
    const started = performance.now();
    const [a, r] = await Promise.all([
      pool.append('iso', p1, batch(`live${i}`)),
      pool.read('iso', p1, 0, 1 << 20),
    ]);
    // Only calls that finished while slot 0 was still vacant count.
    if (pool.ownerThreadId(0) === 0) latencies.push(performance.now() - started);
    assert.is(a.errorCode, ErrorCode.NONE);
    assert.is(a.baseOffset, 1 + i);
    assert.is(r.errorCode, ErrorCode.NONE);
    assert.is(r.highWatermark, 2 + i);
    i++;
  }
  const results = await Promise.all(parked);
  assert.ok(Number.isFinite(restartMs));
  const newOwner = pool.ownerThreadId(0);
  assert.ok(newOwner > 0 && newOwner !== oldOwner, 'slot 0 has a new thread');
  results.forEach((r, k) => {
    assert.is(r.errorCode, ErrorCode.NONE);
    assert.is(r.baseOffset, 1 + k, `parked append ${k} in submission order`);
    assert.is(r.threadId, newOwner);
  });
  const read = await parkedRead;
  assert.is(read.errorCode, ErrorCode.NONE);
  assert.is(read.highWatermark, 11, 'the read sent after the appends saw them all');
  assert.equal(await values(pool, 'iso', p0), [
    'before:0',
    ...Array.from({ length: 10 }, (_, k) => `parked${k}:0`),
  ]);
  // Slot 1 answered throughout the restart, each call in a small part of the restart time.
  assert.ok(
    latencies.length > 0,
    `no slot 1 call finished during slot 0's ${restartMs.toFixed(1)} ms restart`,
  );
  const median = latencies.sort((x, y) => x - y)[latencies.length >> 1]!;
  assert.ok(
    median < restartMs / 4,
    `median slot 1 call ${median.toFixed(1)} ms, slot 0 restart ${restartMs.toFixed(1)} ms`,
  );
  assert.equal(await values(pool, 'iso', p1), [
    'before:0',
    ...Array.from({ length: i }, (_, k) => `live${k}:0`),
  ]);
  assert.is(fatals.length, 0);
  await pool.close();
});

test('maxQueuedGroups bounds each slot alone: a restarting slot refuses its excess, the others are unaffected', async () => {
  // maxGroupTasks 1: each call is its own group.
  const pool = newPool(tempDir(), { maxQueuedGroups: 3, maxGroupTasks: 1 });
  await pool.ready();
  const p0 = partitionIn(pool, 'cap', 0);
  const p1 = partitionIn(pool, 'cap', 1);
  for (const p of [p0, p1]) assert.is((await pool.open('cap', p, true)).errorCode, ErrorCode.NONE);
  assert.is((await pool.crashSlotForTest(0)).errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
  assert.is(pool.ownerThreadId(0), 0);
  const parked = Array.from({ length: 5 }, () => pool.listOffsets('cap', p0, LATEST_TIMESTAMP));
  assert.is(pool.queuedGroups, 3);
  const others = await Promise.all(
    Array.from({ length: 8 }, () => pool.listOffsets('cap', p1, LATEST_TIMESTAMP)),
  );
  assert.equal(
    others.map((r) => r.errorCode),
    new Array(8).fill(ErrorCode.NONE),
  );
  assert.equal(
    (await Promise.all(parked)).map((r) => r.errorCode),
    [0, 0, 0, 7, 7],
  );
  assert.is(pool.stats.rejectedTasks, 2);
  assert.is(pool.queuedGroups, 0);
  assert.is(fatals.length, 0);
  await pool.close();
});

test('a slot vacant past workerRestartTimeoutMs is fatal and its parked calls are answered', async () => {
  const pool = newPool(tempDir(), { workerRestartTimeoutMs: 1 });
  await pool.ready();
  const p0 = partitionIn(pool, 'dog', 0);
  assert.is((await pool.open('dog', p0, true)).errorCode, ErrorCode.NONE);
  assert.is((await pool.crashSlotForTest(0)).errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
  try {
    // Parked, then answered when the watchdog gives up on the slot (1 ms: before any replacement is up).
    const parked = await pool.listOffsets('dog', p0, LATEST_TIMESTAMP);
    assert.is(parked.errorCode, ErrorCode.KAFKA_STORAGE_ERROR);
    assert.is(fatals.length, 1);
    assert.match(fatals[0]!.message, /slot 0 has had no worker thread/);
  } finally {
    fatals.length = 0; // expected here; later tests check that none happened
  }
  assert.is(pool.queuedGroups, 0);
  assert.is(pool.pendingTasks, 0);
  await pool.close();
});

test('bad input gets Kafka error codes and leaves stored data intact', async () => {
  const pool = newPool(tempDir(), { threads: 1 });
  await pool.ready();
  await pool.open('bad', 0, true);
  assert.is((await pool.append('bad', 0, batch('good'))).errorCode, ErrorCode.NONE);
  const zeros = new Uint8Array(100); // batch length 0
  const garbage = new Uint8Array(100).fill(7); // batch length 0x07070707
  const truncated = batch('cut').subarray(0, 40);
  const flipped = batch('flip');
  flipped[flipped.length - 1]! ^= 0xff; // CRC no longer matches
  const codes = [
    (await pool.append('bad', 0, zeros)).errorCode,
    (await pool.append('bad', 0, garbage)).errorCode,
    (await pool.append('bad', 0, truncated)).errorCode,
    (await pool.append('bad', 0, flipped)).errorCode,
    (await pool.append('bad', 0, new Uint8Array(0))).errorCode,
    (await pool.append('bad', 0, 'nope' as unknown as Uint8Array)).errorCode,
    (await pool.append('bad', 0, batch('x'), -7)).errorCode,
    (await pool.append('missing', 0, batch('x'))).errorCode,
    (await pool.append('bad', -1, batch('x'))).errorCode,
    (await pool.open('bad/../../etc', 0, true)).errorCode,
    (await pool.read('bad', 0, 99, 1000)).errorCode,
    (await pool.read('bad', 0, 0, -5)).errorCode,
    (await pool.deleteRecords('bad', 0, 50)).errorCode,
    (await pool.listOffsets('bad', 0, -9)).errorCode,
  ];
  assert.equal(codes, [
    ErrorCode.CORRUPT_MESSAGE,
    ErrorCode.MESSAGE_TOO_LARGE,
    ErrorCode.CORRUPT_MESSAGE,
    ErrorCode.CORRUPT_MESSAGE,
    ErrorCode.CORRUPT_MESSAGE,
    ErrorCode.CORRUPT_MESSAGE,
    ErrorCode.INVALID_REQUEST,
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.INVALID_TOPIC_EXCEPTION,
    ErrorCode.OFFSET_OUT_OF_RANGE,
    ErrorCode.INVALID_FETCH_SIZE,
    ErrorCode.OFFSET_OUT_OF_RANGE,
    ErrorCode.INVALID_REQUEST,
  ]);
  assert.equal(await values(pool, 'bad', 0), ['good:0']);
  assert.is(fatals.length, 0);
  await pool.close();
});

test('InlinePartitions and the pool give the same answers', async () => {
  const run = async (store: PartitionStore) => {
    const out: unknown[] = [];
    out.push((await store.open('same', 0, true)).errorCode);
    for (let i = 0; i < 5; i++) {
      const b = encodeRecordBatch([{ value: `v${i}`, timestamp: 1000 + i * 10 }]);
      const r = await store.append('same', 0, new Uint8Array(b), 2);
      out.push([r.errorCode, r.baseOffset, r.lastOffset]);
    }
    const latest = await store.listOffsets('same', 0, LATEST_TIMESTAMP);
    const byTime = await store.listOffsets('same', 0, 1025);
    out.push([latest.offset, byTime.offset, byTime.timestamp, byTime.leaderEpoch]);
    const del = await store.deleteRecords('same', 0, 2);
    const earliest = await store.listOffsets('same', 0, EARLIEST_TIMESTAMP);
    out.push([del.errorCode, del.lowWatermark, earliest.offset]);
    const r = await store.read('same', 0, 2, 1 << 16);
    out.push(Buffer.from(r.records!).toString('hex'));
    out.push(await values(store, 'same', 0).catch(() => 'out of range from 0'));
    out.push((await store.deletePartition('same', 0)).errorCode);
    out.push((await store.read('same', 0, 0, 100)).errorCode);
    out.push((await store.close()).errorCode);
    out.push((await store.read('same', 0, 0, 100)).errorCode);
    return out;
  };
  const inline = await run(new InlinePartitions({ dataDir: tempDir() }));
  const pool = newPool(tempDir());
  await pool.ready();
  const pooled = await run(pool);
  assert.equal(pooled, inline);
  assert.equal(inline.slice(6, 8), [
    [5, 3, 1030, 2],
    [0, 2, 2],
  ]);
  assert.equal(inline.slice(-3), [
    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ErrorCode.NONE,
    ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ]);
});

test('close shuts logs cleanly; a new pool reopens them lazily with their data', async () => {
  const dir = tempDir();
  const first = newPool(dir);
  await first.ready();
  for (let p = 0; p < 4; p++) {
    await first.open('reopen', p, true);
    await first.append('reopen', p, batch(`p${p}`, 2));
  }
  assert.is((await first.flush()).errorCode, ErrorCode.NONE);
  assert.is((await first.close()).errorCode, ErrorCode.NONE);
  const second = newPool(dir, { threads: 1 });
  await second.ready();
  for (let p = 0; p < 4; p++) assert.equal(await values(second, 'reopen', p), [`p${p}:0`, `p${p}:1`]);
  await second.close();
});

test('retention runs on every owner thread and deletes old segments', async () => {
  const pool = newPool(tempDir(), { log: { segmentBytes: 2048, retentionBytes: 4096, flush: 'never' } });
  await pool.ready();
  for (let p = 0; p < 4; p++) {
    await pool.open('ret', p, true);
    for (let i = 0; i < 12; i++) assert.is((await pool.append('ret', p, batch(`${i}`, 1, 600))).errorCode, 0);
  }
  const r = await pool.applyRetention();
  assert.is(r.errorCode, ErrorCode.NONE);
  assert.ok(r.deletedSegments >= 4, `deleted ${r.deletedSegments}`);
  for (let p = 0; p < 4; p++) {
    const earliest = await pool.listOffsets('ret', p, EARLIEST_TIMESTAMP);
    assert.ok(earliest.offset > 0, `log start offset moved: ${JSON.stringify(earliest)}`);
  }
  await pool.close();
});

/** A one-record batch with key `key` (null: no key) and value `value` (null: a tombstone). */
function keyed(key: string | null, value: string | null, compression: 0 | 1 = 0): Uint8Array {
  return new Uint8Array(encodeRecordBatch([{ key, value }], { timestamp: 1_700_000_000_000, compression }));
}

/** [key, value, offset] of every record from offset 0 (offsets may have gaps after compaction). */
async function entries(store: PartitionStore, topic: string, partition: number) {
  const out: [string | null, string | null, number][] = [];
  let offset = 0;
  for (;;) {
    const r = await store.read(topic, partition, offset, 1 << 20);
    assert.is(r.errorCode, ErrorCode.NONE);
    if (r.records === null || r.records.byteLength === 0) return out;
    let next = offset;
    for (const b of decodeRecordBatches(
      Buffer.from(r.records.buffer, r.records.byteOffset, r.records.byteLength),
    )) {
      for (const rec of b.records) {
        if (rec.offset >= offset)
          out.push([rec.key?.toString() ?? null, rec.value?.toString() ?? null, rec.offset]);
      }
      next = Math.max(next, b.baseOffset + b.lastOffsetDelta + 1);
    }
    if (next === offset) return out;
    offset = next;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Cleaner rounds until one finds nothing to do. A segment's background fdatasync after a roll keeps it out
 * of the cleaner's reach until it completes, so the first rounds may cover only part of the log.
 */
async function cleanUntilIdle(store: PartitionStore) {
  let cleanedLogs = 0;
  let recordsRemoved = 0;
  for (let round = 0; round < 200; round++) {
    const r = await store.clean(Date.now());
    assert.is(r.errorCode, ErrorCode.NONE);
    if (r.cleanedLogs === 0 && cleanedLogs > 0) break;
    cleanedLogs += r.cleanedLogs;
    recordsRemoved += r.recordsRemoved;
    await sleep(20);
  }
  return { cleanedLogs, recordsRemoved };
}

const COMPACT = { cleanupPolicy: 'compact', segmentBytes: 300, minCleanableDirtyRatio: 0.01 } as const;

for (const kind of ['pool', 'inline'] as const) {
  const make = (dir: string): PartitionStore =>
    kind === 'pool' ? newPool(dir) : new InlinePartitions({ dataDir: dir, log: { flush: 'never' } });

  test(`${kind}: open carries the topic's log config; clean() compacts compacted partitions only`, async () => {
    const dir = tempDir();
    const store = make(dir);
    if (store instanceof PartitionPool) await store.ready();
    assert.is((await store.open('cmp', 0, true, { ...COMPACT })).errorCode, ErrorCode.NONE);
    assert.is((await store.open('del', 0, true, { segmentBytes: 300 })).errorCode, ErrorCode.NONE);
    for (let i = 0; i < 30; i++) {
      for (const t of ['cmp', 'del']) {
        assert.is((await store.append(t, 0, keyed(`k${i % 3}`, `v${i}`))).errorCode, ErrorCode.NONE);
      }
    }
    // Unkeyed records: refused by the compacted topic (plain and gzip), taken by the other.
    assert.is((await store.append('cmp', 0, keyed(null, 'x'))).errorCode, ErrorCode.INVALID_RECORD);
    assert.is((await store.append('cmp', 0, keyed(null, 'x', 1))).errorCode, ErrorCode.INVALID_RECORD);
    assert.is((await store.append('del', 0, keyed(null, 'x'))).errorCode, ErrorCode.NONE);
    const end = await store.listOffsets('cmp', 0, LATEST_TIMESTAMP);
    assert.is(end.offset, 30, 'refused batches wrote nothing');

    const before = await entries(store, 'cmp', 0);
    assert.is(before.length, 30);
    const r = await cleanUntilIdle(store);
    assert.ok(r.cleanedLogs >= 1);
    assert.ok(r.recordsRemoved >= 25, `${r.recordsRemoved} removed`);
    const after = await entries(store, 'cmp', 0);
    assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
    // Per key at most one record below the active segment, each at its original offset.
    for (const [key, value, offset] of after) assert.equal(before[offset], [key, value, offset]);
    const active = after.filter((e) => e[2] >= 28);
    assert.ok(after.length - active.length <= 3, JSON.stringify(after));
    const lastOf = new Map<string, number>();
    for (const [key, , offset] of before) lastOf.set(key!, offset);
    for (const [key, off] of lastOf)
      assert.ok(
        after.some((e) => e[0] === key && e[2] === off),
        key,
      );
    assert.is((await entries(store, 'del', 0)).length, 31, 'the delete-policy partition is untouched');
    await store.close();
  });
}

test('open with other settings reopens the log with them; they stay after the log is reopened', async () => {
  const dir = tempDir();
  const host = new PartitionHost({ dataDir: dir, log: {}, owners: null, enableTestTasks: false });
  const open = (config?: Record<string, unknown>) =>
    host.run({
      kind: TaskKind.OPEN,
      slot: 0,
      topic: 't',
      partition: 0,
      create: true,
      ...(config ? { config } : {}),
    });
  const append = (key: string | null) =>
    host.run({
      kind: TaskKind.APPEND,
      slot: 0,
      topic: 't',
      partition: 0,
      leaderEpoch: 0,
      highWatermarkBound: Number.MAX_SAFE_INTEGER,
      batches: keyed(key, 'v'),
    });
  assert.is((open() as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((append(null) as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((open({ cleanupPolicy: 'compact' }) as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((append(null) as { errorCode: number }).errorCode, ErrorCode.INVALID_RECORD);
  // An open without settings keeps the remembered ones.
  assert.is((open() as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((append(null) as { errorCode: number }).errorCode, ErrorCode.INVALID_RECORD);
  assert.is((append('k') as { errorCode: number }).errorCode, ErrorCode.NONE);
  // Settings the log refuses: INVALID_CONFIG, and the log keeps running with the old ones.
  assert.is((open({ segmentBytes: 10 }) as { errorCode: number }).errorCode, ErrorCode.INVALID_CONFIG);
  assert.is(
    (open({ cleanupPolicy: 'sometimes' }) as { errorCode: number }).errorCode,
    ErrorCode.INVALID_CONFIG,
  );
  assert.is((append(null) as { errorCode: number }).errorCode, ErrorCode.INVALID_RECORD);
  assert.is((open({ cleanupPolicy: 'delete' }) as { errorCode: number }).errorCode, ErrorCode.NONE);
  assert.is((append(null) as { errorCode: number }).errorCode, ErrorCode.NONE);
  host.run({ kind: TaskKind.CLOSE_ALL, slot: 0 });

  const store = new InlinePartitions({ dataDir: tempDir() });
  const bad = await store.open('t', 0, true, [] as never);
  assert.is(bad.errorCode, ErrorCode.INVALID_CONFIG);
  await store.close();
});

test('a damaged closed segment makes the partition uncleanable, reported once; other logs still clean', async () => {
  const dir = tempDir();
  const store = new InlinePartitions({ dataDir: dir, log: { flush: 'never' } });
  for (const t of ['bad', 'good']) {
    await store.open(t, 0, true, { ...COMPACT });
    for (let i = 0; i < 20; i++) await store.append(t, 0, keyed(`k${i % 2}`, `v${i}`));
  }
  // Flip a byte inside the first record of the first (closed) segment: its CRC no longer matches.
  const file = join(dir, 'bad-0', '00000000000000000000.log');
  const bytes = readFileSync(file);
  bytes[70] = bytes[70]! ^ 0xff;
  writeFileSync(file, bytes);
  const problems: string[] = [];
  let cleaned = 0;
  for (let round = 0; round < 200 && (problems.length === 0 || cleaned === 0); round++) {
    await sleep(20);
    const r = await store.clean(Date.now());
    if (r.problems.length > 0) assert.is(r.errorCode, ErrorCode.CORRUPT_MESSAGE);
    problems.push(...r.problems);
    cleaned += r.cleanedLogs;
  }
  assert.is(problems.length, 1);
  assert.match(problems[0]!, /^bad-0: .*uncleanable/);
  assert.ok(cleaned >= 1, 'the good partition was cleaned');
  const again = await store.clean(Date.now());
  assert.is(again.errorCode, ErrorCode.NONE, 'not retried until reopened');
  assert.is(again.problems.length, 0);
  await store.close();
});

test.run();
