// Model-based property test: random appends, reads, rolls, clean reopens, crashes with torn tails and
// truncations against a list of batches in memory. The log must agree with the model after every step.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode } from '../dist/protocol/errors.js';
import { decodeRecordBatches } from '../dist/protocol/record-batch.js';
import { CLEAN_SHUTDOWN_FILE, PartitionLog } from '../dist/storage/log.js';
import { makeBatch, partitionDir, readAll, removeDir, TP, tagOf, tempDir } from './helpers/storage-util.js';

interface ModelBatch {
  tag: number;
  base: number;
  last: number;
  size: number;
}

type Op =
  | { t: 'append'; batches: { count: number; valueBytes: number }[] }
  | { t: 'read'; at: number; maxBytes: number }
  | { t: 'roll' }
  | { t: 'reopen' }
  | { t: 'crash'; cut: number }
  | { t: 'truncate'; at: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('append' as const),
      batches: fc.array(
        fc.record({ count: fc.integer({ min: 1, max: 4 }), valueBytes: fc.integer({ min: 0, max: 700 }) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('read' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      maxBytes: fc.integer({ min: 0, max: 3000 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'roll' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'reopen' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), cut: fc.nat(4000) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('truncate' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

const CONFIG = { segmentBytes: 2500, indexIntervalBytes: 200, segmentIndexBytes: 48, retentionMs: -1 };

function leoOf(model: ModelBatch[]): number {
  return model.length === 0 ? 0 : model[model.length - 1]!.last + 1;
}

test('the log agrees with an in-memory model under appends, reads, rolls, reopens and crashes', () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
      let tagCounter = 1000; // same width for every tag: runs replay identically while shrinking
      const dir = tempDir('runnel-storage-prop-');
      let log = PartitionLog.open(dir, TP, CONFIG);
      let model: ModelBatch[] = [];
      try {
        for (const op of ops) {
          switch (op.t) {
            case 'append': {
              const bufs = op.batches.map((b) => makeBatch(tagCounter++, b));
              const all = Buffer.concat(bufs);
              if (all.length > CONFIG.segmentBytes) {
                assert.throws(
                  () => log.append(all, 0),
                  (e: Error & { code?: number }) => e.code === ErrorCode.RECORD_LIST_TOO_LARGE,
                );
                break;
              }
              const r = log.append(all, 0);
              let base = leoOf(model);
              assert.is(r.baseOffset, base);
              op.batches.forEach((b, i) => {
                model.push({
                  tag: tagOf(decodeRecordBatches(bufs[i]!)[0]!),
                  base,
                  last: base + b.count - 1,
                  size: bufs[i]!.length,
                });
                base += b.count;
              });
              assert.is(r.lastOffset, base - 1);
              break;
            }
            case 'read': {
              const leo = leoOf(model);
              const offset = Math.min(leo, Math.floor(op.at * (leo + 1)));
              const got = decodeRecordBatches(log.read(offset, op.maxBytes).records);
              if (offset === leo) {
                assert.is(got.length, 0);
                break;
              }
              const first = model.findIndex((b) => b.last >= offset);
              let budget = op.maxBytes;
              const want: ModelBatch[] = [];
              for (let i = first; i < model.length; i++) {
                if (want.length > 0 && model[i]!.size > budget) break;
                want.push(model[i]!);
                budget -= model[i]!.size;
              }
              // Reads stop at a segment end, so the answer is a non-empty prefix of `want`.
              assert.ok(got.length >= 1 && got.length <= want.length, `read ${offset}: ${got.length}`);
              assert.equal(
                got.map((b) => [tagOf(b), b.baseOffset]),
                want.slice(0, got.length).map((b) => [b.tag, b.base]),
              );
              break;
            }
            case 'roll':
              log.roll();
              break;
            case 'reopen':
              log.close();
              log = PartitionLog.open(dir, TP, CONFIG);
              assert.ok(log.recoveryStats.cleanShutdown);
              assert.is(log.recoveryStats.bytesScanned, 0);
              break;
            case 'crash': {
              const activeBase = log.segmentBaseOffsets().at(-1)!;
              log.abandon();
              const pdir = partitionDir(dir);
              const file = path.join(pdir, `${String(activeBase).padStart(20, '0')}.log`);
              const size = fs.statSync(file).size;
              const keepBytes = size - (op.cut % (size + 1));
              fs.truncateSync(file, keepBytes);
              let pos = 0;
              model = model.filter((b) => {
                if (b.base < activeBase) return true;
                pos += b.size;
                return pos <= keepBytes;
              });
              assert.not.ok(fs.existsSync(path.join(pdir, CLEAN_SHUTDOWN_FILE)));
              log = PartitionLog.open(dir, TP, CONFIG);
              break;
            }
            case 'truncate': {
              const leo = leoOf(model);
              const offset = Math.floor(op.at * leo);
              log.truncateTo(offset);
              model = model.filter((b) => b.last < offset);
              break;
            }
          }
          assert.is(log.logEndOffset, leoOf(model), `after ${op.t}`);
        }
        assert.equal(
          readAll(log).map((b) => [tagOf(b), b.baseOffset]),
          model.map((b) => [b.tag, b.base]),
        );
        for (let o = 0; o < leoOf(model); o += 3) {
          const [b] = decodeRecordBatches(log.read(o, 1).records);
          assert.ok(b !== undefined && b.baseOffset <= o && o <= b.baseOffset + b.lastOffsetDelta);
        }
      } finally {
        log.abandon();
        removeDir(dir);
      }
    }),
    { numRuns: 150, seed: 7 },
  );
});

test.run();
