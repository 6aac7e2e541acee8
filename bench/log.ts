// Partition log throughput against raw fs calls on the same bytes, in the same run.
//   npm run bench:log            (node --import tsx bench/log.ts)
//   BENCH_LOG_MB=2048 npm run bench:log   (bytes appended per measurement; default 512 MiB)
//   BENCH_LOG_DIR=/path ...       (default: os.tmpdir())
// Targets: append (flush=never, 1 MiB batches) >= 1 GB/s and >= 70% of raw writeSync; read >= 1.5 GB/s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { PartitionLog } from '../dist/storage/log.js';
import { VALIDATE_PRODUCE, validateBatch } from '../dist/wasm/index.js';

const MiB = 1024 * 1024;
const totalBytes = Number(process.env.BENCH_LOG_MB ?? 512) * MiB;
const root = fs.mkdtempSync(path.join(process.env.BENCH_LOG_DIR ?? os.tmpdir(), 'runnel-bench-log-'));
const TP = { topic: 'bench', partition: 0 };

/** One valid magic-2 batch of `bytes` (within a few bytes): 16 records of equal size. */
function buildBatch(bytes: number): Buffer {
  const valueBytes = Math.floor((bytes - 61) / 16) - 12;
  const records = Array.from({ length: 16 }, (_, i) => ({ key: null, value: Buffer.alloc(valueBytes, i) }));
  return encodeRecordBatch(records, { timestamp: Date.now() });
}

interface Row {
  case: string;
  'MB/s': number;
  'ops/s': number;
  'vs raw': string;
}
const rows: Row[] = [];

function mbps(bytes: number, ns: bigint): number {
  return Math.round(bytes / MiB / (Number(ns) / 1e9));
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
  fs.rmSync(file);
  return mbps(end, dt);
}

/** validateBatch(PRODUCE) alone: the CRC-32C every append must pay before it writes. */
function validateOnly(batch: Buffer, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    if (validateBatch(batch, 0, batch.length, VALIDATE_PRODUCE) !== 0) throw new Error('bad');
  return mbps(n * batch.length, process.hrtime.bigint() - t0);
}

function appendNever(batch: Buffer, n: number, name: string): { mbps: number; log: PartitionLog } {
  const log = PartitionLog.open(path.join(root, name), TP, { maxMessageBytes: 2 * MiB, retentionMs: -1 });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) log.append(batch, 0);
  const dt = process.hrtime.bigint() - t0;
  log.flush(); // untimed, as for the raw file
  return { mbps: mbps(n * batch.length, dt), log };
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
  return [mbps(n * batch.length, dt), Math.round(n / (Number(dt) / 1e9))];
}

try {
  const big = buildBatch(MiB);
  const n = Math.max(1, Math.floor(totalBytes / big.length));
  // Warm up both paths (JIT, WASM, page cache allocation) on a smaller run.
  rawWrite(big, 64);
  appendNever(big, 64, 'warm').log.close();
  fs.rmSync(path.join(root, 'warm'), { recursive: true, force: true });

  const best = { raw: 0, log: 0, rawRead: 0, read: 0, validate: 0 };
  let log: PartitionLog | null = null;
  for (let round = 0; round < 5; round++) {
    best.raw = Math.max(best.raw, rawWrite(big, n));
    best.validate = Math.max(best.validate, validateOnly(big, Math.min(n, 256)));
    best.rawRead = Math.max(best.rawRead, rawRead(MiB));
    log?.close();
    fs.rmSync(path.join(root, 'never'), { recursive: true, force: true });
    const r = appendNever(big, n, 'never');
    log = r.log;
    best.log = Math.max(best.log, r.mbps);
    best.read = Math.max(best.read, readAllOf(log, MiB));
  }
  rows.push({
    case: `raw fs.writeSync, ${big.length} B writes`,
    'MB/s': best.raw,
    'ops/s': 0,
    'vs raw': '100%',
  });
  rows.push({
    case: 'append flush=never, 1 MiB batches',
    'MB/s': best.log,
    'ops/s': Math.round((best.log * MiB) / big.length),
    'vs raw': `${Math.round((100 * best.log) / best.raw)}%`,
  });
  rows.push({
    case: 'validateBatch PRODUCE alone (CRC-32C)',
    'MB/s': best.validate,
    'ops/s': 0,
    'vs raw': '',
  });
  rows.push({ case: 'raw fs.readSync, 1 MiB reads', 'MB/s': best.rawRead, 'ops/s': 0, 'vs raw': '100%' });
  rows.push({
    case: 'read maxBytes=1 MiB (whole batches)',
    'MB/s': best.read,
    'ops/s': 0,
    'vs raw': `${Math.round((100 * best.read) / best.rawRead)}%`,
  });
  log?.close();
  fs.rmSync(path.join(root, 'never'), { recursive: true, force: true });

  const small = buildBatch(16 * 1024);
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
  console.log(
    `${os.cpus().length} x ${os.cpus()[0]?.model}, node ${process.version}, ${totalBytes / MiB} MiB per run`,
  );
  console.table(rows);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
