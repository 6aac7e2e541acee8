// Cost of a follower's truncation on a log with transactions: producer state is rebuilt from the latest
// snapshot below the truncation point (taken at each segment roll) and the log after it, against a
// rebuild from the log start (what every such truncation did before, and what happens now when no
// snapshot is usable: here the snapshot files are deleted first). Alternating rounds, one process.
//   npm run build:ts && node --import tsx bench/truncate-replay.ts
//   BENCH_TRUNCATE_MB=512 ...   (log size, default 256)   BENCH_TRUNCATE_DIR=/path ...   (default os.tmpdir())
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';

const MB = Number(process.env.BENCH_TRUNCATE_MB ?? 256);
const ROUNDS = Number(process.env.BENCH_TRUNCATE_ROUNDS ?? 7);
const SEGMENT_BYTES = 64 * 1024 * 1024;
const root = fs.mkdtempSync(path.join(process.env.BENCH_TRUNCATE_DIR ?? os.tmpdir(), 'runnel-bench-trunc-'));
const TP = { topic: 'bench', partition: 0 };
const value = Buffer.alloc(1000, 7);

function batch(opts: Parameters<typeof encodeRecordBatch>[1] = {}): Buffer {
  return encodeRecordBatch(
    Array.from({ length: 16 }, () => ({ value })),
    opts,
  );
}

const log = PartitionLog.open(root, TP, { flush: 'never', segmentBytes: SEGMENT_BYTES });
// One transaction committed early, one left open: the log has transactional state throughout.
log.append(batch({ producerId: 1, producerEpoch: 0, baseSequence: 0, transactional: true }), 0);
log.appendTxnMarker(1, 0, 0, true, 0);
log.append(batch({ producerId: 2, producerEpoch: 0, baseSequence: 0, transactional: true }), 0);
let seq = 0;
while (log.size < MB * 1024 * 1024) {
  log.append(batch({ producerId: 3, producerEpoch: 0, baseSequence: seq }), 0);
  seq += 16;
}
const segments = fs.readdirSync(log.dir).filter((n) => n.endsWith('.log')).length;

function append(n: number): void {
  for (let i = 0; i < n; i++) {
    log.append(batch({ producerId: 3, producerEpoch: 0, baseSequence: seq }), 0);
    seq += 16;
  }
}

/**
 * Milliseconds for truncating the last batch. With a snapshot: the segment rolled 4 MiB before the log end
 * (a snapshot there), as a follower's log looks when its tail diverges.
 */
function truncateOnce(fromLogStart: boolean): number {
  if (fromLogStart) {
    for (const n of fs.readdirSync(log.dir))
      if (n.startsWith('producer-state-snapshot')) fs.rmSync(path.join(log.dir, n));
  } else {
    log.roll();
    append(256);
  }
  const t0 = performance.now();
  log.truncateTo(log.logEndOffset - 16);
  const ms = performance.now() - t0;
  seq -= 16;
  append(1);
  return ms;
}

const snapshot: number[] = [];
const full: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? [false, true] : [true, false];
  for (const fromLogStart of order) (fromLogStart ? full : snapshot).push(truncateOnce(fromLogStart));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `log ${(log.size / 1048576).toFixed(0)} MiB in ${segments} segments, truncating the last 16 KiB batch, ${ROUNDS} rounds`,
);
console.log(
  `from the snapshot below it: median ${median(snapshot).toFixed(2)} ms  (${snapshot.map((x) => x.toFixed(1)).join(', ')})`,
);
console.log(
  `from the log start:         median ${median(full).toFixed(2)} ms  (${full.map((x) => x.toFixed(1)).join(', ')})`,
);
log.close();
fs.rmSync(root, { recursive: true, force: true });
