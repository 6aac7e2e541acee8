// Cost of index block reservation (issue 10: mmap'd index slots are reserved before they are stored to,
// so a full disk is ENOSPC instead of SIGBUS): segment rolls and small appends with a dense index,
// against a baseline build without it, in alternating rounds of one run.
//   npm run build:ts && git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build:ts)
//   BENCH_ROLL_BASELINE=/tmp/base/dist node --import tsx bench/roll.ts
//   RUNNEL_NATIVE_FALLOCATE=0 ...   (the zero-writing fallback instead of fallocate(2))
//   BENCH_ROLL_DIR=/path ...        (default: os.tmpdir())
// Without a baseline only this build is measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { reserveBlocks } from '../dist/storage/fallocate.js';
import { PartitionLog } from '../dist/storage/log.js';

type LogClass = typeof PartitionLog;
const ROUNDS = Number(process.env.BENCH_ROLL_ROUNDS ?? 7);
const ROLLS = 400;
const APPENDS = 100_000;
const root = fs.mkdtempSync(path.join(process.env.BENCH_ROLL_DIR ?? os.tmpdir(), 'runnel-bench-roll-'));
const TP = { topic: 'bench', partition: 0 };

const batch = encodeRecordBatch([{ key: null, value: Buffer.alloc(1000, 7), timestamp: Date.now() }], {
  compression: 0,
  timestamp: Date.now(),
});

/** Microseconds per roll (an append into the new segment included, as a real roll is followed by one). */
function rolls(Log: LogClass, dir: string): number {
  const log = Log.open(dir, TP, { flush: 'never' });
  log.append(Buffer.from(batch), 0);
  const t0 = performance.now();
  for (let i = 0; i < ROLLS; i++) {
    log.roll();
    log.append(Buffer.from(batch), 0);
  }
  const us = ((performance.now() - t0) * 1000) / ROLLS;
  log.close();
  return us;
}

/** Nanoseconds per 1 KiB append with an index entry per batch (index.interval.bytes 1). */
function appends(Log: LogClass, dir: string): number {
  const log = Log.open(dir, TP, { flush: 'never', indexIntervalBytes: 1, segmentBytes: 1 << 30 });
  const copies = Array.from({ length: 64 }, () => Buffer.from(batch));
  const t0 = performance.now();
  for (let i = 0; i < APPENDS; i++) log.append(copies[i & 63]!, 0);
  const ns = ((performance.now() - t0) * 1e6) / APPENDS;
  log.close();
  return ns;
}

/** Microseconds for what a roll adds per index: open, reserve the first 4 KiB, close. */
function reservations(dir: string): number {
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: ROLLS }, (_, i) => {
    const file = path.join(dir, `${i}.index`);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 10 * 1024 * 1024);
    return file;
  });
  const t0 = performance.now();
  for (const file of files) {
    const fd = fs.openSync(file, 'r+');
    reserveBlocks(fd, 0, 4096);
    fs.closeSync(fd);
  }
  return ((performance.now() - t0) * 1000) / ROLLS;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function main(): Promise<void> {
  const impls: [string, LogClass][] = [['this build', PartitionLog]];
  const base = process.env.BENCH_ROLL_BASELINE;
  if (base) {
    const mod = (await import(path.resolve(base, 'storage/log.js'))) as { PartitionLog: LogClass };
    impls.unshift(['baseline', mod.PartitionLog]);
  }
  const results = new Map<string, { roll: number[]; append: number[] }>();
  for (const [name] of impls) results.set(name, { roll: [], append: [] });
  const reserve: number[] = [];
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const dir0 = path.join(root, String(n++));
    reserve.push(reservations(dir0));
    fs.rmSync(dir0, { recursive: true, force: true });
    for (const [name, Log] of round % 2 === 0 ? impls : [...impls].reverse()) {
      const dir = path.join(root, String(n++));
      results.get(name)!.roll.push(rolls(Log, dir));
      fs.rmSync(dir, { recursive: true, force: true });
      const dir2 = path.join(root, String(n++));
      results.get(name)!.append.push(appends(Log, dir2));
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
  const fallback = process.env.RUNNEL_NATIVE_FALLOCATE === '0' ? ' (zero-writing fallback)' : '';
  console.log(`${ROUNDS} rounds, medians [min-max]${fallback}`);
  for (const [name, r] of results) {
    const fmt = (xs: number[], unit: string) =>
      `${median(xs).toFixed(1)} ${unit} [${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}]`;
    console.log(
      `${name.padEnd(11)} roll ${fmt(r.roll, 'us')}   1 KiB append, dense index ${fmt(r.append, 'ns')}`,
    );
  }
  const r = reserve;
  console.log(
    `one index reservation (open, reserve 4 KiB, close): ${median(r).toFixed(1)} us ` +
      `[${Math.min(...r).toFixed(1)}-${Math.max(...r).toFixed(1)}]; a roll makes two`,
  );
  if (base) {
    const a = results.get('this build')!;
    const b = results.get('baseline')!;
    const ratios = (x: number[], y: number[]) => x.map((v, i) => v / y[i]!);
    const rr = ratios(a.roll, b.roll);
    const ar = ratios(a.append, b.append);
    console.log(
      `ratio this/baseline: roll ${median(rr).toFixed(2)} [${Math.min(...rr).toFixed(2)}-${Math.max(...rr).toFixed(2)}], ` +
        `append ${median(ar).toFixed(2)} [${Math.min(...ar).toFixed(2)}-${Math.max(...ar).toFixed(2)}]`,
    );
  }
}

await main();
