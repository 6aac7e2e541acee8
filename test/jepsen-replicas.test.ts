// The fault harness's view of a replica on disk (test/helpers/jepsen/replicas.ts): batch base and last
// offsets, leader epochs and CRCs as stored, the leader-epoch-checkpoint, a torn tail reported as damage;
// and the power-loss fault, which cuts a suffix off the active segment only, replayably from a seed.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SeededRandom } from '../dist/random.js';
import {
  BASE_OFFSET,
  CRC,
  PARTITION_LEADER_EPOCH,
  readInt32,
  writeInt32,
  writeInt64,
} from '../dist/storage/batch.js';
import { writeCheckpointFile } from '../dist/storage/checkpoint-file.js';
import { losePageCache, readReplica } from './helpers/jepsen/replicas.js';
import { makeBatch, removeDir, tempDir } from './helpers/storage-util.js';

/** A batch of `count` records at `base`, written by a leader in `epoch` (both outside the CRC). */
function stored(base: number, count: number, epoch: number): Buffer {
  const b = makeBatch(base, { count, valueBytes: 200 });
  writeInt64(b, BASE_OFFSET, base);
  writeInt32(b, PARTITION_LEADER_EPOCH, epoch);
  return b;
}

function writeReplica(dataDir: string): Buffer[] {
  const dir = path.join(dataDir, 'jepsen-1-0');
  fs.mkdirSync(dir, { recursive: true });
  const first = [stored(0, 3, 0), stored(3, 2, 0)];
  const second = [stored(5, 4, 2), stored(9, 1, 2)];
  fs.writeFileSync(path.join(dir, '00000000000000000000.log'), Buffer.concat(first));
  fs.writeFileSync(path.join(dir, '00000000000000000005.log'), Buffer.concat(second));
  writeCheckpointFile(path.join(dir, 'leader-epoch-checkpoint'), 0, ['0 0', '2 5']);
  return [...first, ...second];
}

test('a replica is read back batch by batch with its epochs and CRCs, and its epoch checkpoint', () => {
  const dataDir = tempDir('runnel-jepsen-');
  try {
    const written = writeReplica(dataDir);
    const r = readReplica(dataDir, 2, 'jepsen-1', 0)!;
    assert.is(r.node, 2);
    assert.is(r.damage, undefined);
    assert.equal(
      r.batches.map((b) => [b.baseOffset, b.lastOffset, b.leaderEpoch]),
      [
        [0, 2, 0],
        [3, 4, 0],
        [5, 8, 2],
        [9, 9, 2],
      ],
    );
    assert.equal(
      r.batches.map((b) => b.crc),
      written.map((b) => readInt32(b, CRC) >>> 0),
    );
    assert.equal(r.epochs, [
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 5 },
    ]);
    assert.is(readReplica(dataDir, 2, 'jepsen-1', 1), null, 'no dir, no replica');
  } finally {
    removeDir(dataDir);
  }
});

test('power loss cuts only the active segment, the same way for the same seed; a torn batch reads as damage', () => {
  const a = tempDir('runnel-jepsen-');
  const b = tempDir('runnel-jepsen-');
  try {
    writeReplica(a);
    writeReplica(b);
    const seg = (d: string, name: string) => fs.statSync(path.join(d, 'jepsen-1-0', name)).size;
    const activeBefore = seg(a, '00000000000000000005.log');
    const firstBefore = seg(a, '00000000000000000000.log');
    // Seed 3 cuts mid-batch here (checked below), so the tail is torn.
    const cutA = losePageCache(a, 'jepsen-1', new SeededRandom(3));
    const cutB = losePageCache(b, 'jepsen-1', new SeededRandom(3));
    assert.equal([...cutA], [...cutB], 'replayable');
    const bytes = cutA.get(0)!;
    assert.ok(bytes > 0 && bytes <= activeBefore, `cut ${bytes} of ${activeBefore}`);
    assert.is(seg(a, '00000000000000000005.log'), activeBefore - bytes);
    assert.is(seg(a, '00000000000000000000.log'), firstBefore, 'older segments untouched');
    const r = readReplica(a, 1, 'jepsen-1', 0)!;
    const boundaries = [0, stored(5, 4, 2).length, activeBefore];
    assert.not.ok(boundaries.includes(activeBefore - bytes), 'seed 3 cuts inside a batch');
    assert.ok(r.damage !== undefined, 'a cut inside a batch is damage');
    assert.ok(
      r.batches.length === 2 || r.batches.length === 3,
      `${r.batches.length} whole batches before it`,
    );
  } finally {
    removeDir(a);
    removeDir(b);
  }
});

test.run();
