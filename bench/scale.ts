// Scale: one partition's log grows to tens of GB while it is produced to, then is read back from both
// ends. Answers two questions: does produce throughput stay flat as the log grows (no cost that rises
// with the number of segments or the size of the indexes), and how much slower is reading the oldest
// offsets from disk (cold) than reading the tail from the page cache (hot)?
//
//   0. baseline: a raw fs.writeSync loop of 1 MiB writes, --raw-gb GB (default: the log's size, at most 8),
//      timed per slice, to a file beside the log that is removed afterwards. Once the kernel's dirty-page
//      limit is reached, writes go at the rate the disk takes write-back: the flat line the log can hold.
//   1. produce: records of --record-size bytes (acks=1, one partition, fixed-size sends of 1000 records,
//      at most --max-outstanding sends in flight, one value buffer reused for every record) until the
//      record values total --gb GB; the throughput of each successive slice of the log (--slice-gb) is
//      timed from the acknowledgement that closes the previous slice to the one that closes this slice.
//      A warm-up (--warmup-gb) to another topic first, so that slice 1 does not include JIT warm-up.
//   2. hot read: the newest --read-gb GB, from end offset minus that many records to the end. Written a
//      moment ago, it is in the page cache (fincore reports how much of it is before the read).
//   3. cold read: the oldest --read-gb GB from offset 0, after dropping the segment files that hold them
//      from the page cache without root: fsync (so no page is dirty), then GNU dd's iflag=nocache with
//      count=0, which calls posix_fadvise(POSIX_FADV_DONTNEED) on the whole file; `fincore` (util-linux)
//      then shows how many of their bytes are still cached. If either tool is missing or the pages stay
//      cached, the output says so and the cold figure is marked as not verified.
// Every read checks that each offset of its range arrives exactly once, in order, with a value of the
// expected size. MB = 10^6 bytes of record values, GB = 10^9, as in the rest of `npm run bench`.
//
// Progress goes to stderr; stdout gets a summary and one `@result {json}` line (ScaleResult) for
// bench/index.ts. The broker's data dir (tens of GB) is removed at the end, on failure and on
// SIGINT/SIGTERM; the run refuses to start when the free space is under the size asked for plus 10%.
//
//   npm run build:emit
//   npm run bench:scale -- --gb 20      (a few minutes at most: 2 GB took 13 s here, in the page cache)
//   npm run bench:scale -- --gb 1       (a short check: 10 slices of 0.1 GB)
//   flags: --gb N (default 20), --record-size B (1024), --slice-gb N (1, or gb/10 under 10 GB),
//          --read-gb N (min(2, gb/2)), --warmup-gb N (min(0.2, gb/10)), --max-outstanding N (64),
//          --max-partition-bytes B (1 MiB, as perf-consume), --dir DIR (parent of the temp data dir;
//          default the OS temp dir), --broker-args '...' (extra broker flags)
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../dist/client/index.js';
// Not ./run.js's printResult: importing run.js installs its own SIGINT/SIGTERM handler, which exits
// before the data dir could be removed.
import { cleanupOnSignal, flags, num, Outstanding, spawnBroker } from './perf-common.js';

/** One slice of the produce phase. */
export interface ScaleSlice {
  /** 1-based. */
  index: number;
  /** Log size (record values, GB) when the slice started and when its last record was acknowledged. */
  fromGb: number;
  toGb: number;
  records: number;
  seconds: number;
  mbPerSec: number;
  recordsPerSec: number;
  /** Broker resident set size at the end of the slice (null where /proc is unavailable). */
  brokerRssMb: number | null;
}

/** One read of a range of offsets. */
export interface ScaleRead {
  fromOffset: number;
  toOffset: number;
  records: number;
  bytes: number;
  seconds: number;
  mbPerSec: number;
  recordsPerSec: number;
  /** Segment files holding the range, and the fraction of their bytes in the page cache before the read. */
  files: number;
  cachedFraction: number | null;
}

export interface ScaleResult {
  recordSize: number;
  records: number;
  /** Record values produced, GB = 10^9 bytes. */
  gb: number;
  /** Size of the partition's .log files on disk (values plus record and batch headers). */
  logBytes: number;
  segments: number;
  produce: { seconds: number; mbPerSec: number; recordsPerSec: number };
  slices: ScaleSlice[];
  /**
   * The baseline: the same slices of a raw fs.writeSync loop (1 MiB writes) to a file beside the log, for the
   * first `rawGb` GB, before the broker starts. Past the kernel's dirty-page limit both run at the rate the
   * disk takes buffered writes back, which is what "flat" can mean for a log this much larger than the cache.
   */
  raw: { gb: number; slices: { index: number; fromGb: number; toGb: number; mbPerSec: number }[] };
  /** last slice / first slice, and slowest / fastest slice, by MB/s. */
  lastOverFirst: number;
  minOverMax: number;
  hot: ScaleRead;
  cold: ScaleRead & {
    /** Fraction of the cold files' bytes cached before and after eviction (null: fincore unavailable). */
    cachedBefore: number | null;
    cachedAfter: number | null;
    /** 1 - cachedAfter / cachedBefore: the share of what was cached that eviction dropped. */
    evictedFraction: number | null;
    /** Eviction ran and fincore confirms at most 10% of the files is still cached. */
    evicted: boolean;
    /** Why eviction is unverified or failed; empty when it worked. */
    note: string;
  };
  /** Size of each read range (hot and cold), GB of record values. */
  readGb: number;
  /** Whole run, broker start to broker stop. */
  seconds: number;
}

const f = flags({
  gb: { type: 'string', default: '20' },
  'record-size': { type: 'string', default: '1024' },
  'slice-gb': { type: 'string' },
  'raw-gb': { type: 'string' },
  'read-gb': { type: 'string' },
  'warmup-gb': { type: 'string' },
  'max-outstanding': { type: 'string', default: '64' },
  'max-partition-bytes': { type: 'string', default: String(1024 * 1024) },
  dir: { type: 'string', default: tmpdir() },
  'broker-args': { type: 'string', default: '' },
});

const GB = 1e9;
const MB = 1e6;
const CHUNK = 1000; // records per send()
const gb = num(f, 'gb');
const recordSize = num(f, 'record-size');
const sliceGb = f['slice-gb'] === undefined ? (gb >= 10 ? 1 : gb / 10) : num(f, 'slice-gb');
const maxOutstanding = Math.max(1, num(f, 'max-outstanding'));
if (!(gb > 0 && sliceGb > 0 && sliceGb <= gb && recordSize > 0)) {
  throw new Error('--gb, --slice-gb and --record-size must be positive, with --slice-gb <= --gb');
}
// Whole sends per slice, so that a slice ends on an acknowledgement.
const recordsPerSlice = Math.max(1, Math.round((sliceGb * GB) / recordSize / CHUNK)) * CHUNK;
const sliceCount = Math.max(1, Math.round(gb / sliceGb));
/** Raw write baseline: as many GB as the log, up to 8 (well past this machine's dirty-page limit). */
const rawGb = f['raw-gb'] === undefined ? Math.min(gb, 8) : num(f, 'raw-gb');
const totalRecords = recordsPerSlice * sliceCount;
const readGb = f['read-gb'] === undefined ? Math.min(2, gb / 2) : num(f, 'read-gb');
const warmupGb = f['warmup-gb'] === undefined ? Math.min(0.2, gb / 10) : num(f, 'warmup-gb');
const warmupRecords = Math.ceil((warmupGb * GB) / recordSize / CHUNK) * CHUNK;
const readRecords = Math.min(Math.floor(totalRecords / 2), Math.round((readGb * GB) / recordSize));
const topic = `scale-${Date.now()}`;
const tp = { topic, partition: 0 };

const log = (s: string) => process.stderr.write(`${s}\n`);
const gbText = (bytes: number) => `${(bytes / GB).toFixed(2)} GB`;
const rate = (records: number, bytes: number, seconds: number) => ({
  seconds,
  mbPerSec: bytes / MB / seconds,
  recordsPerSec: records / seconds,
});
const rateText = (r: { mbPerSec: number; recordsPerSec: number }) =>
  `${r.mbPerSec.toFixed(1)} MB/s, ${Math.round(r.recordsPerSec).toLocaleString('en-US')} rec/s`;
const pct = (x: number | null) => (x === null ? 'unknown' : `${(x * 100).toFixed(1)}%`);

// ---- disk space ----

// Values plus record/batch headers take about 1% more than the values; 10% leaves room for indexes.
const parent = String(f.dir);
const need = (totalRecords + warmupRecords) * recordSize * 1.1;
const fsStat = statfsSync(parent);
const free = fsStat.bavail * fsStat.bsize;
if (free < need) {
  log(
    `error: not enough disk space in ${parent}: ${gbText(free)} free, ${gbText(need)} needed ` +
      `(--gb ${gb} plus 10%); pass a smaller --gb or another --dir`,
  );
  process.exit(1);
}

// ---- the broker, on a data dir of our own under --dir ----

const broker = await spawnBroker(String(f['broker-args']).split(' ').filter(Boolean), parent);
const partitionDir = join(broker.dir, `${topic}-0`);
let cleaning = false;
const cleanup = (): Promise<void> => {
  cleaning = true;
  return broker.stop();
};
cleanupOnSignal(cleanup);
// A broker that dies mid-run would leave the producer retrying until its delivery timeout.
broker.exited.then(() => {
  if (cleaning) return;
  log('error: the broker exited during the run');
  cleanup().finally(() => process.exit(1));
});

const started = performance.now();
try {
  const client = new Client({ brokers: [broker.address], clientId: 'bench-scale' });
  const result = await measure(client);
  printSummary(result);
  process.stdout.write(`@result ${JSON.stringify(result)}\n`);
  await client.close();
  await cleanup();
} catch (err) {
  // No client.close() here: a producer with unacknowledged sends would wait out its delivery timeout.
  log(`error: ${(err as Error).message}`);
  await cleanup();
  process.exit(1);
}

// ---- the measurement ----

async function measure(client: Client): Promise<ScaleResult> {
  log(`scale: raw fs.writeSync baseline, ${gbText(rawGb * GB)} in slices of ${gbText(sliceGb * GB)}`);
  const raw = rawWrites(rawGb, sliceGb);
  const admin = client.admin();
  const warmupTopic = `${topic}-warmup`;
  await admin.createTopics([
    { topic, numPartitions: 1 },
    { topic: warmupTopic, numPartitions: 1 },
  ]);

  // Produce. One value buffer and one array of 1000 records serve every send().
  const payload = Buffer.alloc(recordSize);
  for (let i = 0; i < recordSize; i++) payload[i] = 65 + ((i * 7) % 26);
  const chunk = Array.from({ length: CHUNK }, () => ({ value: payload }));
  const producer = client.producer({ acks: 1, lingerMs: 0 });
  /** Sends `records` records to `to`, at most maxOutstanding sends in flight, calling onAck per send. */
  const pump = async (to: string, records: number, onAck: () => void) => {
    const outstanding = new Outstanding(maxOutstanding);
    let failure: Error | null = null;
    for (let sent = 0; sent < records && failure === null; sent += CHUNK) {
      const p: Promise<void> = producer.send(to, chunk).then(onAck, (err: Error) => {
        failure ??= err;
      });
      await outstanding.add(p);
    }
    await outstanding.drain();
    if (failure !== null) throw new Error(`send to ${to} failed: ${(failure as Error).message}`);
  };

  // Warm-up on another topic, so that the first slice is not also the JIT's and the connection's.
  log(`scale: warm-up, ${gbText(warmupRecords * recordSize)} to ${warmupTopic}`);
  await pump(warmupTopic, warmupRecords, () => {});

  log(
    `scale: producing ${gbText(totalRecords * recordSize)} of ${recordSize} B records to ${partitionDir} ` +
      `in ${sliceCount} slices of ${gbText(recordsPerSlice * recordSize)}`,
  );
  const slices: ScaleSlice[] = [];
  let acked = 0;
  const produceStart = performance.now();
  let sliceStart = produceStart;
  const onAck = () => {
    acked += CHUNK;
    // Acknowledgements of one partition come back in order; a slice closes with its last send's.
    while (acked >= (slices.length + 1) * recordsPerSlice) {
      const now = performance.now();
      const seconds = (now - sliceStart) / 1000;
      sliceStart = now;
      const index = slices.length + 1;
      const s: ScaleSlice = {
        index,
        fromGb: ((index - 1) * recordsPerSlice * recordSize) / GB,
        toGb: (index * recordsPerSlice * recordSize) / GB,
        records: recordsPerSlice,
        ...rate(recordsPerSlice, recordsPerSlice * recordSize, seconds),
        brokerRssMb: rssMb(broker.pid),
      };
      slices.push(s);
      log(
        `  slice ${index}/${sliceCount}: ${s.fromGb.toFixed(2)}-${s.toGb.toFixed(2)} GB in ${seconds.toFixed(1)} s, ` +
          `${rateText(s)}, broker RSS ${s.brokerRssMb ?? '?'} MB, ${segmentFiles().length} segment(s)`,
      );
    }
  };
  await pump(topic, totalRecords, onAck);
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.close();
  const end = (await admin.listOffsets(topic, 'latest', [0]))[0]!.offset;
  await admin.close();
  if (end !== totalRecords) throw new Error(`end offset ${end} after producing ${totalRecords} records`);
  const produce = rate(totalRecords, totalRecords * recordSize, produceSeconds);
  log(`  produced ${totalRecords.toLocaleString('en-US')} records: ${rateText(produce)}`);

  // Hot: the newest range, straight after it was written.
  const hotFrom = end - readRecords;
  const hotFiles = filesFor(hotFrom, end);
  const hotCached = cachedFraction(hotFiles);
  log(`scale: hot read, offsets ${hotFrom}-${end}, ${pct(hotCached)} of its segment files cached`);
  const hot: ScaleRead = {
    ...(await readRange(client, hotFrom, end, 'hot')),
    files: hotFiles.length,
    cachedFraction: hotCached,
  };
  log(`  hot: ${rateText(hot)}`);

  // Cold: the oldest range, its segment files dropped from the page cache first. The whole log is synced
  // to disk before, so the kernel's writeback of the newest segments does not share the disk with the read.
  const syncStart = performance.now();
  syncFiles(segmentFiles().map((s) => s.path));
  log(`scale: synced the log to disk in ${((performance.now() - syncStart) / 1000).toFixed(1)} s`);
  const coldFiles = filesFor(0, readRecords);
  const ev = evict(coldFiles);
  log(
    `scale: cold read, offsets 0-${readRecords}: ${coldFiles.length} segment file(s) ${pct(ev.before)} ` +
      `cached before eviction, ${pct(ev.after)} after${ev.note ? ` (${ev.note})` : ''}`,
  );
  const cold = {
    ...(await readRange(client, 0, readRecords, 'cold')),
    files: coldFiles.length,
    cachedFraction: ev.after,
    cachedBefore: ev.before,
    cachedAfter: ev.after,
    evictedFraction:
      ev.before !== null && ev.after !== null && ev.before > 0 ? 1 - ev.after / ev.before : null,
    evicted: ev.ok,
    note: ev.note,
  };
  log(`  cold: ${rateText(cold)}${cold.evicted ? '' : ' (NOT verified cold)'}`);

  const segments = segmentFiles();
  const mbs = slices.map((s) => s.mbPerSec);
  return {
    recordSize,
    records: totalRecords,
    gb: (totalRecords * recordSize) / GB,
    logBytes: segments.reduce((sum, s) => sum + statSync(s.path).size, 0),
    segments: segments.length,
    produce,
    slices,
    raw,
    lastOverFirst: mbs.at(-1)! / mbs[0]!,
    minOverMax: Math.min(...mbs) / Math.max(...mbs),
    hot,
    cold,
    readGb: (readRecords * recordSize) / GB,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Reads offsets [from, to) with a fresh consumer (a consumer that has reached the end keeps a long-poll
 * Fetch in flight, which would delay the next read), checking that each offset comes once, in order.
 * The clock runs from the seek, so the first Fetch of a cold read is part of its cost.
 */
async function readRange(client: Client, from: number, to: number, label: string) {
  const consumer = client.consumer({
    autoOffsetReset: 'none',
    maxPartitionBytes: num(f, 'max-partition-bytes'),
  });
  consumer.assign([tp]);
  let next = from;
  let bytes = 0;
  let lastLog = performance.now();
  const t0 = performance.now();
  consumer.seek(tp, from);
  try {
    while (next < to) {
      const batch = await consumer.nextBatch();
      if (batch === null) throw new Error(`${label} read: consumer closed at offset ${next}`);
      const list = batch.records;
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        if (r.offset < next) continue; // a batch may begin before the position
        if (r.offset >= to) break;
        if (r.offset !== next) throw new Error(`${label} read: offset ${r.offset} where ${next} was due`);
        const size = r.value?.length ?? -1;
        if (size !== recordSize) throw new Error(`${label} read: offset ${r.offset} has ${size} value bytes`);
        bytes += size;
        next++;
      }
      const now = performance.now();
      if (now - lastLog > 5000) {
        lastLog = now;
        log(`  ${label}: ${gbText(bytes)} of ${gbText((to - from) * recordSize)} read`);
      }
    }
  } finally {
    await consumer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const records = next - from;
  if (records !== to - from || bytes !== records * recordSize) {
    throw new Error(`${label} read: ${records} records, ${bytes} bytes; expected ${to - from} records`);
  }
  return { fromOffset: from, toOffset: to, records, bytes, ...rate(records, bytes, seconds) };
}

// ---- segment files and the page cache ----

interface SegmentFile {
  path: string;
  baseOffset: number;
}

/** The partition's .log files (Kafka's layout: <dataDir>/<topic>-0/<20-digit base offset>.log), in order. */
function segmentFiles(): SegmentFile[] {
  return readdirSync(partitionDir)
    .filter((n) => /^\d{20}\.log$/.test(n))
    .map((n) => ({ path: join(partitionDir, n), baseOffset: Number(n.slice(0, 20)) }))
    .sort((a, b) => a.baseOffset - b.baseOffset);
}

/** The segment files holding any offset in [from, to). */
function filesFor(from: number, to: number): string[] {
  const all = segmentFiles();
  return all
    .filter((s, i) => s.baseOffset < to && (all[i + 1]?.baseOffset ?? Number.POSITIVE_INFINITY) > from)
    .map((s) => s.path);
}

/** Fraction of the files' bytes in the page cache, from fincore; null when fincore is unavailable. */
function cachedFraction(files: string[]): number | null {
  let cached = 0;
  let size = 0;
  for (const file of files) {
    try {
      const out = execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES,SIZE', file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [res, total] = out.trim().split(/\s+/).map(Number);
      if (!Number.isFinite(res) || !Number.isFinite(total)) return null;
      cached += res!;
      size += total!;
    } catch {
      return null;
    }
  }
  // fincore counts whole pages, so the last page of a file can put a fraction a hair over 1.
  return size > 0 ? Math.min(1, cached / size) : 0;
}

/**
 * Raw sequential writes of `gb` GB in 1 MiB writeSync calls, timed per slice of `sliceGb`; the file is
 * removed afterwards (its dirty pages are dropped, not written back).
 */
function rawWrites(gb: number, sliceGb: number): ScaleResult['raw'] {
  const file = join(parent, `runnel-scale-raw-${process.pid}`);
  const chunk = Buffer.alloc(1024 * 1024, 120);
  const perSlice = Math.max(1, Math.round((sliceGb * GB) / chunk.length));
  const count = Math.max(1, Math.round(gb / sliceGb));
  const slices: ScaleResult['raw']['slices'] = [];
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      for (let j = 0; j < perSlice; j++) writeSync(fd, chunk);
      const seconds = (performance.now() - t0) / 1000;
      const bytes = perSlice * chunk.length;
      slices.push({
        index: i + 1,
        fromGb: (i * bytes) / GB,
        toGb: ((i + 1) * bytes) / GB,
        mbPerSec: bytes / 1e6 / seconds,
      });
      log(`  raw slice ${i + 1}/${count}: ${(bytes / 1e6 / seconds).toFixed(0)} MB/s`);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return { gb: (count * perSlice * chunk.length) / GB, slices };
}

/** fsync of each file: nothing of them is left dirty in the page cache. */
function syncFiles(files: string[]): void {
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Drops the files from the page cache: fsync first (POSIX_FADV_DONTNEED skips dirty pages), then
 * `dd iflag=nocache count=0`. ok: fincore confirms that at most 10% of their bytes are still cached.
 */
function evict(files: string[]): { before: number | null; after: number | null; ok: boolean; note: string } {
  const before = cachedFraction(files);
  const problems: string[] = [];
  syncFiles(files);
  for (const file of files) {
    try {
      execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
      problems.push(`dd failed: ${(stderr || (err as Error).message).slice(0, 100)}`);
      break;
    }
  }
  const after = cachedFraction(files);
  if (after === null) problems.push('fincore unavailable, eviction not verified');
  else if (after > 0.1) problems.push(`${pct(after)} still cached after eviction`);
  return { before, after, ok: problems.length === 0, note: problems.join('; ') };
}

/** VmRSS of a process in MB (10^6 bytes), from /proc. */
function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) * 1024) / MB) : null;
  } catch {
    return null;
  }
}

// ---- the summary on stdout ----

function printSummary(r: ScaleResult): void {
  const slowest = r.slices.reduce((a, b) => (b.mbPerSec < a.mbPerSec ? b : a));
  const first = r.slices[0]!;
  const last = r.slices.at(-1)!;
  const sliceText = (s: ScaleSlice) =>
    `slice ${s.index} (${s.fromGb.toFixed(2)}-${s.toGb.toFixed(2)} GB) ${rateText(s)}`;
  const lines = [
    `log: ${gbText(r.gb * GB)} of values in ${r.records.toLocaleString('en-US')} records of ${r.recordSize} B, ` +
      `${gbText(r.logBytes)} on disk in ${r.segments} segment(s), run ${r.seconds.toFixed(0)} s`,
    `produce: ${rateText(r.produce)} over ${r.produce.seconds.toFixed(1)} s, ${r.slices.length} slices`,
    `  first ${sliceText(first)}`,
    `  last  ${sliceText(last)}; last / first ${r.lastOverFirst.toFixed(2)}`,
    `  slowest ${sliceText(slowest)}; slowest / fastest ${r.minOverMax.toFixed(2)}`,
    `raw writes, ${r.raw.gb.toFixed(1)} GB: first slice ${r.raw.slices[0]!.mbPerSec.toFixed(0)} MB/s, ` +
      `last ${r.raw.slices.at(-1)!.mbPerSec.toFixed(0)} MB/s; Runnel's last slice / raw last slice ` +
      `${(last.mbPerSec / r.raw.slices.at(-1)!.mbPerSec).toFixed(2)}`,
    `read newest ${gbText(r.hot.bytes)} (hot, ${pct(r.hot.cachedFraction)} cached): ${rateText(r.hot)}`,
    `read oldest ${gbText(r.cold.bytes)} (cold, ${pct(r.cold.cachedBefore)} cached before eviction, ` +
      `${pct(r.cold.cachedAfter)} after): ${rateText(r.cold)}; cold / hot ${(r.cold.mbPerSec / r.hot.mbPerSec).toFixed(2)}` +
      `${r.cold.evicted ? '' : ` [NOT verified cold: ${r.cold.note}]`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
