// What the read_committed min_bytes accounting adds to each leader append on the main thread:
// PartitionState.onAppend with its LSO byte tracker (cluster/bytes-below.ts) against the same with the
// tracker stubbed out, alternating in one process. Each append is also released by the LSO at once, as on
// a partition without open transactions.
//   npm run build:ts && node --import tsx bench/stable-bytes.ts
import { PartitionState } from '../dist/cluster/partition-state.js';

const N = 2_000_000;
const ROUNDS = 9;

function run(track: boolean): number {
  const s = new PartitionState('t', 0, 1);
  if (!track) {
    s.stableBytes.onAppend = () => {};
    s.stableBytes.advance = () => {};
  }
  s.onLogOpened({ logEndOffset: 0, highWatermark: 0, lastStableOffset: 0 });
  const o = { baseOffset: 0, lastOffset: 0, logEndOffset: 0, highWatermark: 0, lastStableOffset: 0 };
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    o.baseOffset = i;
    o.lastOffset = i;
    o.logEndOffset = o.highWatermark = o.lastStableOffset = i + 1;
    s.onAppend(o, 1000);
  }
  return ((performance.now() - t0) * 1e6) / N;
}

const withTracker: number[] = [];
const without: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const track of r % 2 === 0 ? [false, true] : [true, false])
    (track ? withTracker : without).push(run(track));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(`onAppend with the tracker:    median ${median(withTracker)} ns  (${list(withTracker)})`);
console.log(`onAppend without the tracker: median ${median(without)} ns  (${list(without)})`);
