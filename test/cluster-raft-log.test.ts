// The metadata log: one conformance suite run against both RaftLog implementations (memory and the durable
// log on partition storage), then what only a disk can do: restart, torn and lost tails, a crash between a
// roll and the old segment's flush, the entry size limit.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryRaftLog, type RaftLog } from '../dist/cluster/raft/log.js';
import { METADATA_TOPIC_PARTITION, PartitionRaftLog } from '../dist/cluster/raft/partition-raft-log.js';
import { decodeSnapshot, encodeSnapshot, snapshotFileName } from '../dist/cluster/raft/snapshot.js';
import { CrashableDiskLog, raftTempDir } from './helpers/raft-disk-log.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const data = (s: string) => enc.encode(s);
const values = (log: RaftLog, from = log.logStartOffset) =>
  log.read(from, 1_000).map((e) => `${e.offset}@${e.epoch}:${dec.decode(e.data)}`);

interface Subject {
  log: RaftLog;
  /** A power cut: what was not flushed is lost; returns the log as it is after the restart. */
  crash(): RaftLog;
  dispose(): void;
}

const IMPLEMENTATIONS: Record<string, () => Subject> = {
  memory: () => {
    const log = new MemoryRaftLog();
    return {
      log,
      crash: () => {
        log.loseUnflushed();
        return log;
      },
      dispose: () => {},
    };
  },
  disk: () => {
    const dir = raftTempDir();
    // Small segments: the suite's logs span several, so reads, truncation and recovery cross them.
    const log = new CrashableDiskLog(dir, {
      segmentBytes: 300,
      segmentIndexBytes: 4096,
      maxEntryBytes: 100,
    });
    return {
      log,
      crash: () => {
        log.crash();
        return log;
      },
      dispose: () => {
        log.log.abandon();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function conformance(name: string, make: () => Subject): void {
  const check = (title: string, body: (s: Subject) => void) =>
    test(`${name} log: ${title}`, () => {
      const s = make();
      try {
        body(s);
      } finally {
        s.dispose();
      }
    });

  check('an empty log', ({ log }) => {
    assert.is(log.endOffset, 0);
    assert.is(log.lastEpoch, 0);
    assert.is(log.flushedOffset, 0);
    assert.equal(log.read(0, 10), []);
    assert.is(log.epochAt(0), -1);
    assert.equal(log.endOffsetForEpoch(0), { epoch: 0, endOffset: 0 });
    assert.equal(log.endOffsetForEpoch(3), { epoch: 0, endOffset: 0 });
    assert.is(log.logStartOffset, 0);
    assert.is(log.latestSnapshot(), null);
  });

  check('appends get consecutive offsets; reads return entries with their epochs', ({ log }) => {
    assert.equal(log.appendAsLeader(1, [data('a'), data('b')]), [0, 1]);
    assert.equal(log.appendAsLeader(1, [new Uint8Array(0)]), [2]);
    assert.equal(log.appendAsLeader(2, [data('c')]), [3]);
    assert.equal(values(log), ['0@1:a', '1@1:b', '2@1:', '3@2:c']);
    assert.equal(values(log, 2), ['2@1:', '3@2:c']);
    assert.equal(
      log.read(1, 2).map((e) => e.offset),
      [1, 2],
    );
    assert.equal(log.read(4, 10), [], 'at the log end');
    assert.equal(log.read(-1, 10), [], 'before the log');
    assert.is(log.endOffset, 4);
    assert.is(log.lastEpoch, 2);
    assert.equal(
      [0, 1, 2, 3, 4].map((o) => log.epochAt(o)),
      [1, 1, 1, 2, -1],
    );
    assert.is(log.flushedOffset, 0, 'nothing flushed yet');
    log.flush();
    assert.is(log.flushedOffset, 4);
  });

  check("endOffsetForEpoch follows KRaft's (KafkaMetadataLog over LeaderEpochFileCache)", ({ log }) => {
    log.appendAsLeader(2, [data('a'), data('b')]); // epoch 2: [0, 2)
    log.appendAsLeader(4, [data('c'), data('d')]); // epoch 4: [2, 4)
    log.appendAsLeader(6, [data('e')]); // epoch 6: [4, 5)
    assert.equal(log.endOffsetForEpoch(6), { epoch: 6, endOffset: 5 }, 'the last epoch ends at the log end');
    assert.equal(log.endOffsetForEpoch(5), { epoch: 4, endOffset: 4 }, 'unknown: the one below, to the next');
    assert.equal(log.endOffsetForEpoch(4), { epoch: 4, endOffset: 4 });
    assert.equal(log.endOffsetForEpoch(3), { epoch: 2, endOffset: 2 });
    assert.equal(log.endOffsetForEpoch(2), { epoch: 2, endOffset: 2 });
    assert.equal(log.endOffsetForEpoch(1), { epoch: 1, endOffset: 0 }, 'older than all: up to the first');
    assert.equal(log.endOffsetForEpoch(7), { epoch: 6, endOffset: 5 }, 'newer than all: the log end');
    assert.equal(log.endOffsetForEpoch(-1), { epoch: 6, endOffset: 5 });
  });

  check('appends that would go back in epoch or leave a gap throw and append nothing', ({ log }) => {
    log.appendAsLeader(3, [data('a')]);
    assert.throws(() => log.appendAsLeader(2, [data('x')]));
    assert.throws(() => log.appendAsFollower([{ offset: 2, epoch: 3, data: data('x') }]), /1/);
    assert.throws(() =>
      log.appendAsFollower([
        { offset: 1, epoch: 3, data: data('ok') },
        { offset: 2, epoch: 2, data: data('epoch back') },
      ]),
    );
    assert.throws(() =>
      log.appendAsFollower([
        { offset: 1, epoch: 3, data: data('ok') },
        { offset: 3, epoch: 3, data: data('gap') },
      ]),
    );
    assert.equal(values(log), ['0@3:a']);
    log.appendAsFollower([
      { offset: 1, epoch: 3, data: data('b') },
      { offset: 2, epoch: 5, data: data('c') },
    ]);
    assert.equal(values(log), ['0@3:a', '1@3:b', '2@5:c']);
    assert.equal(log.endOffsetForEpoch(4), { epoch: 3, endOffset: 2 });
  });

  check('truncation removes entries and the epochs that started in them', ({ log }) => {
    log.appendAsLeader(1, [data('a'), data('b')]);
    log.appendAsLeader(2, [data('c'), data('d')]);
    log.appendAsLeader(3, [data('e')]);
    log.flush();
    log.truncateTo(9);
    assert.is(log.endOffset, 5, 'past the end: nothing to do');
    log.truncateTo(3);
    assert.equal(values(log), ['0@1:a', '1@1:b', '2@2:c']);
    assert.is(log.lastEpoch, 2);
    assert.is(log.flushedOffset, 3);
    assert.equal(log.endOffsetForEpoch(3), { epoch: 2, endOffset: 3 }, 'epoch 3 is gone');
    assert.equal(log.endOffsetForEpoch(2), { epoch: 2, endOffset: 3 });
    assert.is(log.epochAt(3), -1);
    log.truncateTo(2);
    assert.is(log.lastEpoch, 1, 'epoch 2 started at 2: gone too');
    assert.equal(log.endOffsetForEpoch(2), { epoch: 1, endOffset: 2 });
    // A follower takes the leader's entries of a newer epoch from the cut on.
    log.appendAsFollower([{ offset: 2, epoch: 4, data: data('x') }]);
    assert.equal(values(log), ['0@1:a', '1@1:b', '2@4:x']);
    assert.equal(log.endOffsetForEpoch(3), { epoch: 1, endOffset: 2 });
    log.truncateTo(0);
    assert.is(log.endOffset, 0);
    assert.is(log.lastEpoch, 0);
    assert.equal(log.endOffsetForEpoch(1), { epoch: 0, endOffset: 0 });
  });

  check('a crash keeps what was flushed and loses the rest, epochs included', (s) => {
    s.log.appendAsLeader(1, [data('a'), data('b')]);
    s.log.flush();
    s.log.appendAsLeader(1, [data('c')]);
    s.log.appendAsLeader(2, [data('d'), data('e')]);
    let log = s.crash();
    assert.equal(values(log), ['0@1:a', '1@1:b']);
    assert.is(log.endOffset, 2);
    assert.is(log.flushedOffset, 2);
    assert.is(log.lastEpoch, 1);
    assert.equal(log.endOffsetForEpoch(2), { epoch: 1, endOffset: 2 });
    // Life goes on after the crash.
    assert.equal(log.appendAsLeader(3, [data('f')]), [2]);
    log.flush();
    log = s.crash();
    assert.equal(values(log), ['0@1:a', '1@1:b', '2@3:f']);
    assert.equal(log.endOffsetForEpoch(2), { epoch: 1, endOffset: 2 });
  });

  check('many entries across segments read, truncate and survive a crash', (s) => {
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      const epoch = 1 + Math.floor(i / 10);
      s.log.appendAsLeader(epoch, [data(`v${i}`)]);
      expected.push(`${i}@${epoch}:v${i}`);
    }
    s.log.flush();
    assert.equal(values(s.log), expected);
    assert.equal(
      s.log.read(7, 5).map((e) => e.offset),
      [7, 8, 9, 10, 11],
    );
    s.log.truncateTo(25);
    s.log.appendAsFollower([{ offset: 25, epoch: 9, data: data('new') }]);
    const log = s.crash();
    assert.equal(values(log), expected.slice(0, 25), 'the truncation held; the unflushed append did not');
    assert.equal(log.endOffsetForEpoch(3), { epoch: 3, endOffset: 25 });
  });

  check('a snapshot of entries the log holds moves the log start and keeps what follows', (s) => {
    const { log } = s;
    log.appendAsLeader(1, [data('a'), data('b'), data('c')]);
    log.appendAsLeader(2, [data('d'), data('e')]);
    log.flush();
    const bytes = encodeSnapshot(1, [data('state-a'), data('state-b'), data('state-c')]);
    log.writeSnapshot({ endOffset: 3, epoch: 1 }, bytes);
    assert.is(log.logStartOffset, 3);
    assert.equal(log.latestSnapshot(), { endOffset: 3, epoch: 1 });
    assert.equal(values(log), ['3@2:d', '4@2:e'], 'read from the log start');
    assert.equal(log.read(1, 10), [], 'below the log start');
    assert.is(log.epochAt(2), -1);
    assert.is(log.epochAt(3), 2);
    assert.is(log.lastEpoch, 2);
    assert.equal(log.endOffsetForEpoch(1), { epoch: 1, endOffset: 3 }, 'older than the log: its start');
    assert.equal(log.endOffsetForEpoch(2), { epoch: 2, endOffset: 5 });
    // Read in chunks, the bytes come back whole; another id reads nothing.
    const chunks: Uint8Array[] = [];
    for (let pos = 0; pos < bytes.length; pos += 50) {
      const c = log.readSnapshot({ endOffset: 3, epoch: 1 }, pos, 50)!;
      assert.is(c.size, bytes.length);
      chunks.push(c.bytes);
    }
    assert.ok(Buffer.concat(chunks).equals(bytes));
    assert.is(log.readSnapshot({ endOffset: 3, epoch: 2 }, 0, 50), null);
    assert.is(log.readSnapshot({ endOffset: 3, epoch: 1 }, bytes.length, 50)!.bytes.length, 0);
    assert.throws(() => log.writeSnapshot({ endOffset: 2, epoch: 1 }, bytes), /older/);
    // Truncation never goes below the log start.
    log.truncateTo(1);
    assert.is(log.endOffset, 3);
    assert.is(log.lastEpoch, 1, "the snapshot's epoch when no entry is left");
    assert.equal(log.endOffsetForEpoch(5), { epoch: 1, endOffset: 3 });
    log.appendAsFollower([{ offset: 3, epoch: 3, data: data('f') }]);
    log.flush();
    const after = s.crash();
    assert.is(after.logStartOffset, 3, 'the log start survives a crash');
    assert.equal(after.latestSnapshot(), { endOffset: 3, epoch: 1 });
    assert.equal(values(after), ['3@3:f']);
    assert.ok(Buffer.from(after.readSnapshot({ endOffset: 3, epoch: 1 }, 0, 1 << 20)!.bytes).equals(bytes));
  });

  check("a leader's snapshot past the log, or of another epoch, replaces the whole log", ({ log }) => {
    log.appendAsLeader(1, [data('a'), data('b'), data('c')]);
    log.flush();
    const bytes = encodeSnapshot(2, [data('x')]);
    // The log holds offset 1 with epoch 1, not 2: it diverged; everything goes.
    log.writeSnapshot({ endOffset: 2, epoch: 2 }, bytes);
    assert.is(log.logStartOffset, 2);
    assert.is(log.endOffset, 2);
    assert.is(log.lastEpoch, 2);
    assert.equal(log.endOffsetForEpoch(1), { epoch: 2, endOffset: 2 });
    // Far past the log end.
    log.writeSnapshot({ endOffset: 50, epoch: 4 }, bytes);
    assert.is(log.logStartOffset, 50);
    assert.is(log.endOffset, 50);
    assert.is(log.flushedOffset, 50);
    assert.is(log.lastEpoch, 4);
    assert.equal(log.endOffsetForEpoch(9), { epoch: 4, endOffset: 50 });
    assert.is(log.readSnapshot({ endOffset: 2, epoch: 2 }, 0, 10), null, 'the older snapshot is gone');
    assert.equal(log.appendAsLeader(5, [data('y')]), [50]);
    assert.equal(values(log), ['50@5:y']);
    assert.equal(log.endOffsetForEpoch(4), { epoch: 4, endOffset: 50 });
  });
}

for (const [name, make] of Object.entries(IMPLEMENTATIONS)) conformance(name, make);

// ---- the durable log only ----

function withDir(body: (dir: string) => void): void {
  const dir = raftTempDir();
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('disk log: lives in __cluster_metadata-0 and keeps its epochs in the leader-epoch checkpoint', () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('a')]);
    log.appendAsLeader(4, [data('b')]);
    log.close();
    const pdir = path.join(dir, `${METADATA_TOPIC_PARTITION.topic}-${METADATA_TOPIC_PARTITION.partition}`);
    assert.is(log.dir, pdir);
    assert.is(fs.readFileSync(path.join(pdir, 'leader-epoch-checkpoint'), 'utf8'), '0\n2\n1 0\n4 1\n');
  }));

test('disk log: a clean restart keeps every entry and epoch, all of it flushed', () =>
  withDir((dir) => {
    const d = new CrashableDiskLog(dir, { segmentBytes: 200, maxEntryBytes: 100 });
    for (let i = 0; i < 12; i++) d.appendAsLeader(1 + (i >> 2), [data(`v${i}`)]);
    const before = values(d);
    d.restart();
    assert.equal(values(d), before);
    assert.is(d.flushedOffset, 12);
    assert.is(d.lastEpoch, 3);
    assert.equal(d.endOffsetForEpoch(2), { epoch: 2, endOffset: 8 });
    assert.ok(d.segmentFiles().length > 2, 'several segments');
    d.log.close();
  }));

test('disk log: a torn tail is cut at the last whole entry on reopen', () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('a'), data('b')]);
    log.appendAsLeader(2, [data('c')]);
    log.flush();
    log.abandon();
    const file = path.join(log.dir, '00000000000000000000.log');
    const size = fs.statSync(file).size;
    // The last batch half-written, and some garbage after it.
    fs.truncateSync(file, size - 5);
    fs.appendFileSync(file, Buffer.from('torn garbage'));
    const reopened = PartitionRaftLog.open(dir);
    assert.equal(values(reopened), ['0@1:a', '1@1:b']);
    assert.is(reopened.lastEpoch, 1);
    assert.is(reopened.flushedOffset, 2);
    assert.equal(reopened.endOffsetForEpoch(2), { epoch: 1, endOffset: 2 });
    assert.equal(reopened.appendAsLeader(3, [data('d')]), [2]);
    reopened.close();
  }));

test('disk log: a damaged entry in the middle ends the log there', () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('first'), data('second'), data('third')]);
    log.flush();
    log.abandon();
    const file = path.join(log.dir, '00000000000000000000.log');
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('second'));
    bytes[at] = 'S'.charCodeAt(0); // the CRC no longer matches
    fs.writeFileSync(file, bytes);
    const reopened = PartitionRaftLog.open(dir);
    assert.equal(values(reopened), ['0@1:first']);
    reopened.close();
  }));

test('disk log: a crash after a roll, before the old tail reached the disk, leaves no hole', () =>
  withDir((dir) => {
    const d = new CrashableDiskLog(dir, { segmentBytes: 200, maxEntryBytes: 100 });
    d.appendAsLeader(1, [data('a')]);
    d.flush();
    // Unflushed: enough to roll into new segments, whose files exist (empty) after the cut.
    for (let i = 0; i < 8; i++) d.appendAsLeader(1, [data(`x${i}`)]);
    assert.ok(d.segmentFiles().length > 1, 'rolled');
    d.crash();
    assert.equal(values(d), ['0@1:a']);
    assert.is(d.endOffset, 1, 'the log ends where the first segment does, not at a later empty one');
    assert.is(d.segmentFiles().length, 1);
    assert.equal(d.appendAsLeader(2, [data('b')]), [1]);
    d.log.close();
  }));

test('disk log: an entry of maxEntryBytes is taken, one byte more is refused with nothing written', () =>
  withDir((dir) => {
    assert.throws(() => PartitionRaftLog.open(dir, { maxEntryBytes: 0 }), /maxEntryBytes/);
    assert.throws(
      () => PartitionRaftLog.open(dir, { maxEntryBytes: 1000, segmentBytes: 1000 }),
      /segmentBytes=1000: must hold an entry/,
    );
    const log = PartitionRaftLog.open(dir, { maxEntryBytes: 1000 });
    assert.equal(log.appendAsLeader(1, [new Uint8Array(1000)]), [0]);
    assert.throws(() => log.appendAsLeader(1, [data('ok'), new Uint8Array(1001)]), /maxEntryBytes 1000/);
    assert.throws(() => log.appendAsFollower([{ offset: 1, epoch: 1, data: new Uint8Array(1001) }]), /1001/);
    assert.is(log.endOffset, 1);
    assert.is(log.read(0, 1)[0]!.data.length, 1000);
    log.close();
  }));

test('disk log: one append larger than a segment is split over segments, at any size', () =>
  withDir((dir) => {
    const d = new CrashableDiskLog(dir, { segmentBytes: 200, maxEntryBytes: 100 });
    const big = Array.from({ length: 10 }, (_, i) => data(`${i}`.padEnd(100, '.')));
    assert.equal(d.appendAsLeader(1, big), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    d.appendAsFollower(big.map((b, i) => ({ offset: 10 + i, epoch: 2, data: b })));
    assert.is(d.segmentFiles().length, 20, 'one 100-byte entry per 200-byte segment');
    d.flush();
    d.crash();
    assert.is(d.read(0, 100).length, 20);
    assert.is(d.endOffsetForEpoch(1).endOffset, 10);
    d.log.close();
  }));

test('snapshot bytes: records come back; a cut or damaged snapshot is refused whole', () => {
  const bytes = encodeSnapshot(3, [data('one'), new Uint8Array(0), data('three')]);
  assert.equal(
    decodeSnapshot(bytes).map((r) => dec.decode(r)),
    ['one', '', 'three'],
  );
  assert.equal(decodeSnapshot(new Uint8Array(0)), []);
  assert.throws(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1)), /cut short/);
  const damaged = Buffer.from(bytes);
  damaged[damaged.indexOf(Buffer.from('three'))] = 0x54;
  assert.throws(() => decodeSnapshot(damaged), /CRC/);
  assert.is(snapshotFileName({ endOffset: 1234, epoch: 7 }), '00000000000000001234-0000000007.checkpoint');
});

test('disk log: snapshots are <endOffset>-<epoch>.checkpoint files; older ones and the log below go', () =>
  withDir((dir) => {
    const d = new CrashableDiskLog(dir, { segmentBytes: 200, maxEntryBytes: 100 });
    for (let i = 0; i < 10; i++) d.appendAsLeader(1 + (i >> 2), [data(`v${i}`)]);
    d.flush();
    const segments = d.segmentFiles().length;
    d.writeSnapshot({ endOffset: 4, epoch: 1 }, encodeSnapshot(1, [data('s4')]));
    d.writeSnapshot({ endOffset: 7, epoch: 2 }, encodeSnapshot(2, [data('s7')]));
    const names = fs.readdirSync(d.log.dir).filter((n) => n.endsWith('.checkpoint'));
    assert.equal(names, ['00000000000000000007-0000000002.checkpoint']);
    assert.ok(d.segmentFiles().length < segments, 'whole segments below the log start deleted');
    d.restart();
    assert.is(d.logStartOffset, 7);
    assert.equal(d.latestSnapshot(), { endOffset: 7, epoch: 2 });
    assert.equal(values(d), ['7@2:v7', '8@3:v8', '9@3:v9']);
    d.log.close();
  }));

test('disk log: a crash after the snapshot file, before the log start moved, is finished on open', () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('a'), data('b')]);
    log.appendAsLeader(2, [data('c')]);
    log.close();
    // What writeSnapshot leaves if it dies right after the rename, plus a temp file of a later attempt.
    const pdir = log.dir;
    fs.writeFileSync(
      path.join(pdir, snapshotFileName({ endOffset: 2, epoch: 1 })),
      encodeSnapshot(1, [data('x')]),
    );
    fs.writeFileSync(path.join(pdir, `${snapshotFileName({ endOffset: 3, epoch: 2 })}.tmp`), 'half');
    const reopened = PartitionRaftLog.open(dir);
    assert.is(reopened.logStartOffset, 2);
    assert.equal(values(reopened), ['2@2:c']);
    assert.equal(
      fs.readdirSync(pdir).filter((n) => n.includes('.checkpoint')),
      ['00000000000000000002-0000000001.checkpoint'],
    );
    reopened.close();
  }));

test("disk log: a crash while installing a leader's snapshot past the log end is finished on open", () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('a'), data('b'), data('c')]);
    log.close();
    // The snapshot file made it; emptying the log and moving its start did not.
    const name = snapshotFileName({ endOffset: 10, epoch: 5 });
    fs.writeFileSync(path.join(log.dir, name), encodeSnapshot(5, [data('x')]));
    const reopened = PartitionRaftLog.open(dir);
    assert.is(reopened.logStartOffset, 10);
    assert.is(reopened.endOffset, 10);
    assert.is(reopened.lastEpoch, 5);
    assert.equal(reopened.read(0, 10), []);
    assert.equal(reopened.appendAsFollower([{ offset: 10, epoch: 6, data: data('d') }]), undefined);
    reopened.close();
    const again = PartitionRaftLog.open(dir);
    assert.equal(values(again), ['10@6:d']);
    assert.equal(again.endOffsetForEpoch(5), { epoch: 5, endOffset: 10 });
    again.close();
  }));

test('disk log: a log that starts past 0 without its snapshot refuses to open, saying why', () =>
  withDir((dir) => {
    const log = PartitionRaftLog.open(dir);
    log.appendAsLeader(1, [data('a'), data('b')]);
    log.writeSnapshot({ endOffset: 2, epoch: 1 }, encodeSnapshot(1, []));
    log.close();
    fs.rmSync(path.join(log.dir, snapshotFileName({ endOffset: 2, epoch: 1 })));
    assert.throws(() => PartitionRaftLog.open(dir), /starts at 2 but there is no snapshot/);
  }));

test.run();
