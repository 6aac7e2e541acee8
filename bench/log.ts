// Partition log throughput against raw fs calls on the same bytes, in the same run.
//   npm run bench:log            (node --import tsx bench/log.ts)
//   BENCH_LOG_MB=2048 npm run bench:log   (bytes appended per measurement; default 512 MiB)
//   BENCH_LOG_ROUNDS=9 ...        (rounds per case; medians are reported; default 5)
//   BENCH_LOG_DIR=/path ...       (default: os.tmpdir())
//   BENCH_LOG_VALIDATE=wasm ...   (keep validateBatch off the native CRC, to compare backends)
// Targets: append (flush=never, 1 MiB batches) >= 1 GB/s and >= 70% of raw writeSync; read >= 1.5 GB/s.
//
// Each round measures raw writeSync and PartitionLog.append back to back on the same batch, so
// "% raw" is a ratio taken within a round (the machine is shared) and the median of those is shown.
// The "serial bound" column is what append could reach if validation were its only extra cost:
// t_write / (t_write + t_validate), from the raw and validate-alone rows of the same round.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';
import {
  configureKernels,
  nativeAvailable,
  VALIDATE_PRODUCE,
  validateBatch,
  wasmAvailable,
} from '../dist/wasm/index.js';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_LOG_MB ?? 512) * MiB;
const rounds = Number(process.env.BENCH_LOG_ROUNDS ?? 5);
const root = fs.mkdtempSync(path.join(process.env.BENCH_LOG_DIR ?? os.tmpdir(), 'runnel-bench-log-'));
const TP = { topic: 'bench', partition: 0 };
const wasmOnly = process.env.BENCH_LOG_VALIDATE === 'wasm';
if (wasmOnly)
  configureKernels({
    crcNativeMinBytes: Number.MAX_SAFE_INTEGER,
    validateNativeMinBytes: Number.MAX_SAFE_INTEGER,
  });

/** One valid magic-2 batch of about `bytes` made of records of about `recordBytes` (key null, no headers). */
function buildBatch(bytes: number, recordBytes: number): Buffer {
  const count = Math.max(1, Math.round(bytes / recordBytes));
  // A record with a null key and no headers carries 8 to 12 bytes of framing besides its value.
  const value = Buffer.alloc(Math.max(0, Math.floor((bytes - 61) / count) - 10), 0x5a);
  const records = Array.from({ length: count }, () => ({ key: null, value }));
  return encodeRecordBatch(records, { timestamp: Date.now() });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function mbps(bytes: number, ns: bigint | number): number {
  return bytes / MiB / (Number(ns) / 1e9);
}

function rawWrite(batch: Buffer, n: number): number {
  const file = path.join(root, 'raw.bin');
  const fd = fs.openSync(file, 'w');
  const t0 = process.hrtime.bigint();
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let done = 0;
    while (done < batch.length) done += fs.writeSync(fd, batch, done, batch.length - done, pos + done);
    pos += batch.length;
  }
  const dt = process.hrtime.bigint() - t0;
  // Untimed: write back now so the next measurement does not compete with this one's dirty pages.
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return mbps(pos, dt);
}

function rawRead(size: number): number {
  const file = path.join(root, 'raw.bin');
  const fd = fs.openSync(file, 'r');
  const end = fs.fstatSync(fd).size;
  const t0 = process.hrtime.bigint();
  let pos = 0;
  while (pos < end) {
    const buf = Buffer.allocUnsafeSlow(Math.min(size, end - pos));
    pos += fs.readSync(fd, buf, 0, buf.length, pos);
  }
  const dt = process.hrtime.bigint() - t0;
  fs.closeSync(fd);
  return mbps(end, dt);
}

/** validateBatch(PRODUCE) alone: what every append must pay before it writes. */
function validateOnly(batch: Buffer, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    if (validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE) !== 0) throw new Error('bad');
  return mbps(n * batch.length, process.hrtime.bigint() - t0);
}

function appendNever(batch: Buffer, n: number, name: string): { mbps: number; log: PartitionLog } {
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const log = PartitionLog.open(dir, TP, { maxMessageBytes: 2 * MiB, retentionMs: -1 });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) log.append(batch, 0);
  const dt = process.hrtime.bigint() - t0;
  log.flush(); // untimed, as for the raw file
  return { mbps: mbps(n * batch.length, dt), log };
}

// --- Prototype of the proposed storage change (not PartitionLog): the main thread validates batch
// N+1 while a writer thread pwrites batch N. Batches go through a bounded ring of SharedArrayBuffer
// slots, since a caller's Buffer cannot be shared with another thread; the copy is timed.
const RING_SLOTS = 4;
const WRITER = `
const fs = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const { ring, ctrl, slotBytes, slots } = workerData;
const c = new Int32Array(ctrl);
const f = new Float64Array(ctrl, 16);
const views = Array.from({ length: slots }, (_, i) => new Uint8Array(ring, i * slotBytes, slotBytes));
parentPort.on('message', ({ fd }) => {
  let tail = 0;
  for (;;) {
    while (Atomics.load(c, 0) === tail) Atomics.wait(c, 0, tail);
    const len = f[tail % slots];
    if (len < 0) break;
    const v = views[tail % slots];
    const pos = f[slots + (tail % slots)];
    let done = 0;
    while (done < len) done += fs.writeSync(fd, v, done, len - done, pos + done);
    Atomics.store(c, 1, ++tail);
    Atomics.notify(c, 1);
  }
  Atomics.store(c, 1, tail + 1);
  Atomics.notify(c, 1);
});`;

class OverlappedWriter {
  readonly ring: SharedArrayBuffer;
  readonly ctrl = new SharedArrayBuffer(16 + 16 * RING_SLOTS);
  readonly c = new Int32Array(this.ctrl);
  readonly f = new Float64Array(this.ctrl, 16);
  readonly views: Uint8Array[];
  readonly worker: Worker;
  constructor(readonly slotBytes: number) {
    this.ring = new SharedArrayBuffer(slotBytes * RING_SLOTS);
    this.views = Array.from(
      { length: RING_SLOTS },
      (_, i) => new Uint8Array(this.ring, i * slotBytes, slotBytes),
    );
    this.worker = new Worker(WRITER, {
      eval: true,
      workerData: { ring: this.ring, ctrl: this.ctrl, slotBytes, slots: RING_SLOTS },
    });
  }

  run(batch: Buffer, n: number): number {
    const file = path.join(root, 'overlap.bin');
    const fd = fs.openSync(file, 'w');
    Atomics.store(this.c, 0, 0);
    Atomics.store(this.c, 1, 0);
    this.worker.postMessage({ fd });
    const t0 = process.hrtime.bigint();
    let head = 0;
    let pos = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE) !== 0) throw new Error('bad');
      // Bounded: at most RING_SLOTS batches wait for the writer; past that the producer blocks.
      for (let tail = Atomics.load(this.c, 1); head - tail >= RING_SLOTS; tail = Atomics.load(this.c, 1))
        Atomics.wait(this.c, 1, tail);
      const slot = head % RING_SLOTS;
      if (i < n) {
        this.views[slot]!.set(batch);
        this.f[slot] = batch.length;
        this.f[RING_SLOTS + slot] = pos;
        pos += batch.length;
      } else {
        this.f[slot] = -1; // stop
      }
      Atomics.store(this.c, 0, ++head);
      Atomics.notify(this.c, 0);
    }
    for (let tail = Atomics.load(this.c, 1); tail < head; tail = Atomics.load(this.c, 1))
      Atomics.wait(this.c, 1, tail);
    const dt = process.hrtime.bigint() - t0;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return mbps(pos, dt);
  }
}

interface Case {
  label: string;
  batch: Buffer;
  records: number;
  raw: number[];
  append: number[];
  ratio: number[];
  validate: number[];
  bound: number[];
  overlap: number[];
  overlapRatio: number[];
}

try {
  const compositions: Array<[string, number]> = [
    ['64 KiB records', 64 * 1024],
    ['1 KiB records', 1024],
    ['100 B records', 100],
  ];
  const cases: Case[] = compositions.map(([label, recordBytes]) => {
    const batch = buildBatch(MiB, recordBytes);
    return {
      label,
      batch,
      records: batch.readInt32BE(57),
      raw: [],
      append: [],
      ratio: [],
      validate: [],
      bound: [],
      overlap: [],
      overlapRatio: [],
    };
  });
  const n = Math.max(1, Math.floor(totalBytes / MiB));
  const writer = new OverlappedWriter(2 * MiB);
  // Warm up every path (JIT, WASM, native, page cache allocation) on a smaller run.
  for (const c of cases) {
    rawWrite(c.batch, 64);
    appendNever(c.batch, 64, 'warm').log.close();
    validateOnly(c.batch, 64);
    writer.run(c.batch, 64);
  }
  const reads = { raw: [] as number[], log: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const raw = rawWrite(c.batch, n);
      const validate = validateOnly(c.batch, Math.min(n, 256));
      const r = appendNever(c.batch, n, 'never');
      const overlap = writer.run(c.batch, n);
      c.raw.push(raw);
      c.validate.push(validate);
      c.append.push(r.mbps);
      c.ratio.push(r.mbps / raw);
      c.overlap.push(overlap);
      c.overlapRatio.push(overlap / raw);
      // MB/s -> time per MiB: the serial bound is t_write / (t_write + t_validate).
      c.bound.push(1 / raw / (1 / raw + 1 / validate));
      if (c === cases[0]) {
        reads.raw.push(rawRead(MiB));
        reads.log.push(readAllOf(r.log, MiB));
      }
      r.log.close();
    }
  }
  await writer.worker.terminate();
  fs.rmSync(path.join(root, 'never'), { recursive: true, force: true });

  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const us = (mbPerS: number, bytes: number) => ((bytes / MiB / mbPerS) * 1e6).toFixed(0);
  console.log(
    `${os.cpus().length} x ${os.cpus()[0]?.model}, node ${process.version}, ${n} batches of ~1 MiB per ` +
      `measurement, median of ${rounds} rounds; validateBatch backends: native CRC ${nativeAvailable && !wasmOnly}, WASM ${wasmAvailable}`,
  );
  console.log('\nappend, flush=never, 1 MiB batches (MB/s = MiB/s)');
  console.table(
    cases.map((c) => ({
      batch: `${c.batch.length} B, ${c.records} x ${c.label}`,
      'raw MB/s': Math.round(median(c.raw)),
      'append MB/s': Math.round(median(c.append)),
      '% raw': pct(median(c.ratio)),
      'validate MB/s': Math.round(median(c.validate)),
      'validate us': us(median(c.validate), c.batch.length),
      'write us': us(median(c.raw), c.batch.length),
      'serial bound': pct(median(c.bound)),
      'overlap proto MB/s': Math.round(median(c.overlap)),
      'overlap % raw': pct(median(c.overlapRatio)),
    })),
  );

  const rows: Array<{ case: string; 'MB/s': number; 'ops/s': number; 'vs raw': string }> = [];
  rows.push({
    case: 'raw fs.readSync, 1 MiB reads',
    'MB/s': Math.round(median(reads.raw)),
    'ops/s': 0,
    'vs raw': '100%',
  });
  rows.push({
    case: 'read maxBytes=1 MiB (whole batches)',
    'MB/s': Math.round(median(reads.log)),
    'ops/s': 0,
    'vs raw': pct(median(reads.log) / median(reads.raw)),
  });
  const big = cases[0]!.batch;
  const small = buildBatch(16 * 1024, 64 * 1024);
  for (const [batch, label, count] of [
    [big, '1 MiB', 256],
    [small, '16 KiB', 2000],
  ] as const) {
    for (const inFlight of [1, 16]) {
      const [mb, ops] = await appendAlways(batch, count, inFlight, `always-${label}-${inFlight}`);
      rows.push({
        case: `append flush=always, ${label}, ${inFlight} in flight`,
        'MB/s': mb,
        'ops/s': ops,
        'vs raw': '',
      });
    }
  }
  console.log('\nread, and append with flush=always (one run each)');
  console.table(rows);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

function readAllOf(log: PartitionLog, maxBytes: number): number {
  const t0 = process.hrtime.bigint();
  let offset = 0;
  let bytes = 0;
  const leo = log.logEndOffset;
  while (offset < leo) {
    const { records } = log.read(offset, maxBytes);
    bytes += records.length;
    // Next offset from the last batch header: walk to it without decoding records.
    let p = 0;
    let last = offset;
    while (p < records.length) {
      last = Number(records.readBigInt64BE(p)) + records.readInt32BE(p + 23);
      p += records.readInt32BE(p + 8) + 12;
    }
    offset = last + 1;
  }
  return mbps(bytes, process.hrtime.bigint() - t0);
}

async function appendAlways(
  batch: Buffer,
  n: number,
  inFlight: number,
  name: string,
): Promise<[number, number]> {
  const log = PartitionLog.open(path.join(root, name), TP, {
    maxMessageBytes: 2 * MiB,
    flush: 'always',
    retentionMs: -1,
  });
  const t0 = process.hrtime.bigint();
  let pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    pending.push(log.waitDurable(log.append(batch, 0).lastOffset));
    if (pending.length === inFlight) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const dt = process.hrtime.bigint() - t0;
  log.close();
  return [Math.round(mbps(n * batch.length, dt)), Math.round(n / (Number(dt) / 1e9))];
}
