// `npm run bench`: Runnel side by side with its peers and the machine's ceilings, all on loopback, all
// measured in the same run, every figure next to the baseline it should be read against.
//   1. ceilings: raw TCP pump and round trip, raw fs.writeSync (with and without fdatasync)
//   2. Runnel broker + Runnel client (bench/perf-*.ts, a fresh broker per case): produce, consume, e2e
//   3. KafkaJS against Runnel, the same workload with fewer records
//   4. Redis Streams and NATS JetStream (bench/peers/*.ts), skipped when their server is missing
//   5. cores: taskset -c 0 vs 0,1, and the broker's --threads 0 vs 2
//   7. cluster: 3 brokers on this machine (--spawn-cluster), 12 partitions, against 1 broker with 12 partitions
//   8. replication: 3 brokers, one partition, replication factor 3 acks=all against 1 acks=1; acks=all e2e latency
//   6. scale (bench/scale.ts): one partition grown to 20 GB (2 GB with --quick): produce throughput
//      slice by slice, then the newest range read from the page cache (hot) and the oldest from disk (cold)
// Prints the table, then rewrites the generated section of docs/PERFORMANCE.md and the two SVG charts.
//
//   npm run build:emit && npm run bench -- --quick      (about 2 minutes)
//   npm run build:emit && npm run bench                 (about 10 minutes)
//   flags: --quick, --repeat N (best of N per throughput case; default 2, 1 with --quick), --no-write,
//          --sections ceilings,runnel,e2e,kafkajs,peers,cores,cluster,replication,scale (a subset; docs are then not
//          written),
//          --scale-gb N (size of the scale run's log, GB = 10^9 bytes of record values)
//
// Shape: main() parses the options, runs one measure*() function per section (each fills `outcomes`), then
// builds the table with one *Rows() function per section, reads the targets off it, and writes the docs.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { type PeerResult, serverVersion } from './peers/common.js';
import {
  type Bar,
  type BarGroup,
  barChart,
  markdownTable,
  type Row,
  textTable,
  writeSection,
} from './report.js';
import {
  type Latency,
  lastLine,
  parseLatency,
  parseRate,
  parseResult,
  type Rate,
  runChild,
  tsxArgs,
} from './run.js';
import type { ScaleResult } from './scale.js';

const ALL_SECTIONS = [
  'ceilings',
  'runnel',
  'e2e',
  'kafkajs',
  'peers',
  'cores',
  'cluster',
  'replication',
  'scale',
] as const;
const root = new URL('..', import.meta.url).pathname;
const log = (s: string) => process.stderr.write(`${s}\n`);

// ---- options and workload ----

interface BenchOptions {
  quick: boolean;
  /** Best of this many runs per throughput case. */
  repeat: number;
  sections: Set<string>;
  /** Rewrite docs/PERFORMANCE.md and the charts (only when every section ran). */
  writeDocs: boolean;
  /** Size of the scale run's log in GB of record values. */
  scaleGb: number;
  /** How this run was started, as printed in the docs. */
  command: string;
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      repeat: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      sections: { type: 'string', default: ALL_SECTIONS.join(',') },
      'scale-gb': { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const sections = new Set(String(values.sections).split(','));
  const scaleGb = values['scale-gb'] === undefined ? workloadFor(quick).scaleGb : Number(values['scale-gb']);
  if (!(scaleGb > 0)) throw new Error(`--scale-gb must be a positive number, not ${values['scale-gb']}`);
  return {
    quick,
    // Best of 2 in the full run (it still fits in about 7 minutes); one run each in --quick.
    repeat: Math.max(1, Math.min(5, Number(values.repeat ?? (quick ? 1 : 2)))),
    sections,
    writeDocs: values['no-write'] !== true && sections.size === ALL_SECTIONS.length,
    scaleGb,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  };
}

/** The workload. Record counts are chosen so that each case runs a few seconds on this class of machine. */
function workloadFor(quick: boolean) {
  return quick
    ? {
        records: { 100: 400_000, 1024: 80_000 } as Record<number, number>,
        sizes: [100, 1024],
        partitions: [1, 8],
        // [acks, fsync] pairs: the quick run keeps the default and the most durable setting.
        durability: [
          ['1', 'never'],
          ['all', 'always'],
        ],
        tcpMb: 512,
        rtt: 5_000,
        fsMb: 256,
        fsyncMb: 32,
        rates: [10_000, 100_000],
        e2eSeconds: 3,
        warmup: 1,
        kafkajsDivisor: 4,
        redisDivisor: 2,
        natsDivisor: 4,
        timeoutMs: 90_000,
        scaleGb: 2,
      }
    : {
        // 1 GB of 1 KiB records: shorter runs were mostly JIT warm-up and connection start.
        records: { 100: 2_000_000, 1024: 1_000_000 } as Record<number, number>,
        sizes: [100, 1024],
        partitions: [1, 8],
        durability: [
          ['1', 'never'],
          ['all', 'never'],
          ['1', 'always'],
          ['all', 'always'],
        ],
        tcpMb: 2048,
        rtt: 20_000,
        fsMb: 1024,
        fsyncMb: 128,
        rates: [10_000, 100_000],
        e2eSeconds: 8,
        warmup: 2,
        kafkajsDivisor: 5,
        redisDivisor: 2,
        natsDivisor: 10,
        timeoutMs: 180_000,
        scaleGb: 20,
      };
}
type Workload = ReturnType<typeof workloadFor>;

// ---- running cases ----

interface Outcome {
  rate?: Rate;
  latency?: Latency;
  peer?: PeerResult[];
  tcp?: { mbPerSec: number; syncsPerSec?: number };
  scale?: ScaleResult;
  /** Why there is no figure: the case failed or was skipped. */
  missing?: string;
}

/** One bench run: its options and workload, and every outcome measured so far, by case key. */
class Bench {
  readonly work: Workload;
  readonly outcomes = new Map<string, Outcome>();
  /** Version of each peer's server, null when it is not installed (filled by measurePeers). */
  readonly peerVersion = new Map<string, string | null>();

  constructor(readonly opts: BenchOptions) {
    this.work = workloadFor(opts.quick);
  }

  async run(
    key: string,
    script: string,
    args: string[],
    opts: { cpus?: string; timeoutMs?: number } = {},
  ): Promise<Outcome> {
    const [cmd, full] = tsxArgs(script, args);
    const timeoutMs = opts.timeoutMs ?? this.work.timeoutMs;
    const r = await runChild(cmd, full, { ...opts, timeoutMs });
    const out: Outcome = {};
    const summary = lastLine(r.stdout, /records\/sec|ms avg latency|^@result /);
    if (summary?.startsWith('@result ')) {
      const v = parseResult<unknown>(r.stdout);
      if (Array.isArray(v)) out.peer = v as PeerResult[];
      else if (v !== null && typeof v === 'object' && 'slices' in v) out.scale = v as ScaleResult;
      else out.tcp = v as Outcome['tcp'];
      if (v && !Array.isArray(v) && 'latency' in (v as object))
        out.latency = (v as { latency: Latency }).latency;
    } else if (summary) {
      out.rate = parseRate(summary) ?? undefined;
      out.latency = parseLatency(summary) ?? undefined;
      if (/NOT RECEIVED|FAILED/.test(summary)) out.missing = `incomplete: ${summary.slice(-80)}`;
    }
    if (r.timedOut) out.missing = `timed out after ${timeoutMs / 1000} s`;
    else if (r.code !== 0 || (!out.rate && !out.latency && !out.peer && !out.tcp && !out.scale)) {
      // Node ends a crash with its version line; the error is the line that names one.
      const lines = r.stderr.trim().split('\n').filter(Boolean);
      const why = lines.find((l) => /Error|error:/.test(l)) ?? lines.at(-1) ?? `exit ${r.code}`;
      out.missing = `failed: ${why.slice(0, 120)}`;
    }
    log(`  ${key}: ${out.missing ?? summary?.slice(0, 150)} (${r.seconds.toFixed(1)} s)`);
    return out;
  }

  /** Best of `repeat` runs by throughput (a noisy neighbour only ever makes a run slower). */
  async best(key: string, script: string, args: string[], opts: { cpus?: string } = {}): Promise<void> {
    this.outcomes.delete(key);
    for (let i = 0; i < this.opts.repeat; i++) this.keepBest(key, await this.run(key, script, args, opts));
  }

  /** Keeps `o` under `key` if there is nothing there yet or it is faster (for runs taken in turns). */
  keepBest(key: string, o: Outcome): void {
    const kept = this.outcomes.get(key);
    const score = (x: Outcome | undefined) =>
      x?.rate?.recordsPerSec ?? x?.tcp?.mbPerSec ?? x?.peer?.[0]?.recordsPerSec ?? -1;
    if (kept === undefined || (!o.missing && score(o) > score(kept))) this.outcomes.set(key, o);
  }

  /** Best of `repeat` runs by p99 latency (like throughput, noise from neighbours only ever adds latency). */
  async bestLatency(key: string, script: string, args: string[]): Promise<Outcome> {
    let kept: Outcome | null = null;
    for (let i = 0; i < this.opts.repeat; i++) {
      const o = await this.run(key, script, args);
      const p99 = (x: Outcome | null) => x?.latency?.p99 ?? Number.POSITIVE_INFINITY;
      if (kept === null || (!o.missing && p99(o) < p99(kept))) kept = o;
    }
    return kept!;
  }

  /** Runnel's default produce (1 partition, acks=1, fsync=never) and consume: the peers' baselines. */
  runnelProduce(size: number): Rate | undefined {
    return this.outcomes.get(produceKey(size, 1, '1', 'never'))?.rate;
  }

  runnelConsume(size: number): Rate | undefined {
    return this.outcomes.get(consumeKey('runnel', size, 1))?.rate;
  }
}

const brokerArgs = (fsync: string, threads?: number) =>
  ['--fsync', fsync, ...(threads === undefined ? [] : ['--threads', String(threads)])].join(' ');
const produceKey = (size: number, p: number, acks: string, fsync: string) =>
  `runnel produce ${size} B, ${p} p, acks=${acks}, fsync=${fsync}`;
const consumeKey = (client: string, size: number, p: number) => `${client} consume ${size} B, ${p} p`;

/** The peers; `divisor` names the workload field that scales their record counts down. */
const peers = [
  { name: 'redis', title: 'Redis Streams', bin: 'redis-server', divisor: 'redisDivisor' },
  { name: 'nats', title: 'NATS JetStream', bin: 'nats-server', divisor: 'natsDivisor' },
] as const;

// The same produce run four ways: one core or two, the worker pool on or off.
const CORES_SIZE = 1024;
const CORES_P = 8;
const coreCases = [
  { key: 'cores 0 threads 2', cpus: '0', threads: 2 },
  { key: 'cores 0,1 threads 2', cpus: '0,1', threads: 2 },
  { key: 'cores 0 threads 0', cpus: '0', threads: 0 },
  { key: 'cores 0,1 threads 0', cpus: '0,1', threads: 0 },
];
const twoCores = cpus().length >= 2;
// The cluster row: this many brokers on this machine, the same workload on one broker as its baseline.
const CLUSTER_BROKERS = 3;
const CLUSTER_PARTITIONS = 12;
const clusterKey = (what: 'produce' | 'consume', brokers: number, size: number) =>
  `cluster ${what} ${size} B, ${brokers} broker${brokers > 1 ? 's' : ''}`;
const SCALE_RECORD_SIZE = 1024;
// The replication row: one partition of 100 B records on a 3-broker cluster, replicated 3 times with acks=all
// against one replica with acks=1, in the same run.
const REPLICATION_RECORD_SIZE = 100;
const replicationKey = (rf: number) =>
  rf === 1 ? 'replication factor 1, acks=1' : `replication factor ${rf}, acks=all`;

// ---- measuring, one function per section ----

/** 1. The machine: raw TCP and file writes, no broker. */
async function measureCeilings(b: Bench): Promise<void> {
  log('ceilings');
  await b.best('tcp-pump', 'bench/ceilings.ts', ['--case', 'tcp-pump', '--mb', String(b.work.tcpMb)]);
  await b.best('tcp-rtt', 'bench/ceilings.ts', ['--case', 'tcp-rtt', '--round-trips', String(b.work.rtt)]);
  await b.best('fs-write', 'bench/ceilings.ts', ['--case', 'fs-write', '--mb', String(b.work.fsMb)]);
  await b.best('fs-fsync', 'bench/ceilings.ts', ['--case', 'fs-fsync', '--mb', String(b.work.fsyncMb)]);
}

/** 2. Runnel broker and client: produce at every size, partition count and durability; consume. */
async function measureRunnel(b: Bench): Promise<void> {
  log('runnel: produce');
  for (const size of b.work.sizes)
    for (const p of b.work.partitions)
      for (const [acks, fsync] of b.work.durability) {
        await b.best(produceKey(size, p, acks!, fsync!), 'bench/perf-produce.ts', [
          '--spawn-broker',
          '--records',
          String(b.work.records[size]),
          '--record-size',
          String(size),
          '--partitions',
          String(p),
          '--acks',
          acks!,
          `--broker-args=${brokerArgs(fsync!)}`,
        ]);
      }
  log('runnel: consume');
  for (const size of b.work.sizes)
    for (const p of b.work.partitions)
      await b.best(consumeKey('runnel', size, p), 'bench/perf-consume.ts', [
        '--spawn-broker',
        '--records',
        String(b.work.records[size]),
        '--record-size',
        String(size),
        '--partitions',
        String(p),
      ]);
}

/** 2b. Runnel end-to-end latency at fixed rates. */
async function measureE2e(b: Bench): Promise<void> {
  log('runnel: end-to-end latency');
  for (const rate of b.work.rates)
    b.outcomes.set(
      `runnel e2e ${rate}`,
      await b.bestLatency(`runnel e2e ${rate}`, 'bench/perf-e2e.ts', [
        '--spawn-broker',
        '--rate',
        String(rate),
        '--seconds',
        String(b.work.e2eSeconds),
        '--warmup-seconds',
        String(b.work.warmup),
        '--record-size',
        '100',
        '--acks',
        '1',
      ]),
    );
}

/** 3. KafkaJS against the Runnel broker. */
async function measureKafkaJs(b: Bench): Promise<void> {
  log('kafkajs against runnel');
  for (const size of b.work.sizes)
    await b.best(`kafkajs produce ${size}`, 'bench/perf-produce.ts', [
      '--spawn-broker',
      '--client',
      'kafkajs',
      '--records',
      String(b.work.records[size]! / b.work.kafkajsDivisor),
      '--record-size',
      String(size),
      '--partitions',
      '1',
      '--acks',
      '1',
    ]);
  await b.best(consumeKey('kafkajs', 100, 1), 'bench/perf-consume.ts', [
    '--spawn-broker',
    '--client',
    'kafkajs',
    '--records',
    String(b.work.records[100]! / b.work.kafkajsDivisor),
    '--record-size',
    '100',
    '--partitions',
    '1',
    '--broker-args=--group-initial-rebalance-delay-ms 0',
  ]);
}

/** 4. Redis Streams and NATS JetStream, each skipped when its server is not installed. */
async function measurePeers(b: Bench): Promise<void> {
  for (const peer of peers) {
    const version = serverVersion(peer.bin);
    b.peerVersion.set(peer.name, version);
    if (version === null) {
      log(`${peer.title}: skipped, ${peer.bin} not installed (scripts/install-peers.sh)`);
      continue;
    }
    log(`${peer.title} (${version})`);
    for (const size of b.work.sizes)
      await b.best(`${peer.name} ${size}`, `bench/peers/${peer.name}.ts`, [
        '--records',
        String(b.work.records[size]! / b.work[peer.divisor]),
        '--record-size',
        String(size),
      ]);
    const rate = b.work.rates[0]!;
    b.outcomes.set(
      `${peer.name} e2e ${rate}`,
      await b.run(`${peer.name} e2e ${rate}`, `bench/peers/${peer.name}.ts`, [
        '--case',
        'e2e',
        '--rate',
        String(rate),
        '--seconds',
        String(b.work.e2eSeconds),
        '--warmup-seconds',
        String(b.work.warmup),
      ]),
    );
  }
}

/** 5. The same produce run on one core or two, with the worker pool on or off. */
async function measureCores(b: Bench): Promise<void> {
  log('cores');
  for (const c of coreCases)
    await b.best(
      c.key,
      'bench/perf-produce.ts',
      [
        '--spawn-broker',
        '--records',
        String(b.work.records[CORES_SIZE]),
        '--record-size',
        String(CORES_SIZE),
        '--partitions',
        String(CORES_P),
        '--acks',
        '1',
        `--broker-args=${brokerArgs('never', c.threads)}`,
      ],
      { cpus: c.cpus },
    );
}

/**
 * 7. Three brokers against one, the same produce (acks=1) and consume workloads over 12 partitions. Each run
 * starts its own brokers (a fresh cluster per run, joined before the clock starts); the one-broker and the
 * cluster runs take turns, so that a neighbour's load falls on both alike.
 */
async function measureCluster(b: Bench): Promise<void> {
  log(`cluster: ${CLUSTER_BROKERS} brokers vs 1, ${CLUSTER_PARTITIONS} partitions`);
  const spawn = (brokers: number) =>
    brokers === 1 ? ['--spawn-broker'] : ['--spawn-cluster', String(brokers)];
  for (const size of b.work.sizes)
    for (let i = 0; i < b.opts.repeat; i++)
      for (const brokers of [1, CLUSTER_BROKERS]) {
        const workload = [
          '--records',
          String(b.work.records[size]),
          '--record-size',
          String(size),
          '--partitions',
          String(CLUSTER_PARTITIONS),
          // A cluster's default is min(3, brokers) replicas; this row measures spreading, not replication.
          '--replication-factor',
          '1',
        ];
        const produce = clusterKey('produce', brokers, size);
        b.keepBest(
          produce,
          await b.run(produce, 'bench/perf-produce.ts', [...spawn(brokers), ...workload, '--acks', '1']),
        );
        const consume = clusterKey('consume', brokers, size);
        b.keepBest(consume, await b.run(consume, 'bench/perf-consume.ts', [...spawn(brokers), ...workload]));
      }
}

/**
 * 6. One partition grown to scaleGb. Runs last, as it leaves gigabytes of dirty pages being written back.
 * One run, not best of: it takes minutes and its point is the shape over time. Its own time limit, allowing
 * 17 MB/s for the whole run.
 */
async function measureScale(b: Bench): Promise<void> {
  log(`scale: one partition grown to ${b.opts.scaleGb} GB`);
  b.outcomes.set(
    'scale',
    await b.run(
      'scale',
      'bench/scale.ts',
      ['--gb', String(b.opts.scaleGb), '--record-size', String(SCALE_RECORD_SIZE)],
      { timeoutMs: Math.max(300_000, b.opts.scaleGb * 60_000) },
    ),
  );
}

// ---- the table ----

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const rateText = (r: Rate) => `${int(r.recordsPerSec)} rec/s, ${mb(r.mbPerSec)} MB/s`;
const latText = (l: Latency | undefined, p999 = false) =>
  l ? `p50 ${ms(l.p50)} / p99 ${ms(l.p99)}${p999 ? ` / p99.9 ${ms(l.p999)}` : ''} ms` : '';
const pctText = (x: number | null) => (x === null ? 'unknown' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? a / b : null;

/** The ceilings every other row is read against (section 1), when they ran. */
interface Ceilings {
  tcp: number | undefined;
  rtt: Latency | undefined;
  fsw: number | undefined;
  fss: Outcome['tcp'];
  tcpBase: string;
}

function ceilingsOf(b: Bench): Ceilings {
  const tcp = b.outcomes.get('tcp-pump')?.tcp?.mbPerSec;
  return {
    tcp,
    rtt: b.outcomes.get('tcp-rtt')?.latency,
    fsw: b.outcomes.get('fs-write')?.tcp?.mbPerSec,
    fss: b.outcomes.get('fs-fsync')?.tcp,
    tcpBase: tcp ? `TCP pump ${mb(tcp)} MB/s` : 'TCP pump (not run)',
  };
}

class Table {
  readonly rows: Row[] = [];

  /** A row whose figure is missing says why in the result column. */
  push(row: Omit<Row, 'result' | 'latency'> & { result?: string; latency?: string }, o?: Outcome) {
    const missing = o === undefined ? 'not run' : o.missing;
    this.rows.push({
      result: missing ?? row.result ?? '',
      latency: missing ? '' : (row.latency ?? ''),
      ...row,
      ...(missing ? { ratio: null, result: missing, latency: '' } : {}),
    });
  }
}

/** Rows of section 1; the ceilings are read against each other. */
function ceilingRows(b: Bench, ceilings: Ceilings, table: Table): void {
  const { tcp, rtt, fsw, fss, tcpBase } = ceilings;
  const section = '1. ceilings (Node.js, no broker)';
  table.push(
    {
      section,
      label: 'TCP loopback pump, 1 MiB writes, discarding server process',
      result: tcp ? `${mb(tcp)} MB/s` : '',
      baseline: '',
      ratio: null,
    },
    b.outcomes.get('tcp-pump'),
  );
  table.push(
    {
      section,
      label: 'TCP loopback round trip, 100 B ping-pong',
      result: rtt ? `${int(1000 / rtt.avg)} round trips/s` : '',
      latency: latText(rtt, true),
      baseline: '',
      ratio: null,
    },
    b.outcomes.get('tcp-rtt'),
  );
  table.push(
    {
      section,
      label: 'fs.writeSync 1 MiB, sequential (page cache)',
      result: fsw ? `${mb(fsw)} MB/s` : '',
      baseline: tcpBase,
      ratio: ratio(fsw, tcp),
    },
    b.outcomes.get('fs-write'),
  );
  table.push(
    {
      section,
      label: 'fs.writeSync 1 MiB + fdatasync each',
      result: fss ? `${mb(fss.mbPerSec)} MB/s, ${int(fss.syncsPerSec ?? 0)} fdatasync/s` : '',
      baseline: fsw ? `page cache ${mb(fsw)} MB/s` : '',
      ratio: ratio(fss?.mbPerSec, fsw),
    },
    b.outcomes.get('fs-fsync'),
  );
}

/** Rows of section 2: durability settings against the same case without them, the default against the wire. */
function runnelRows(b: Bench, ceilings: Ceilings, table: Table): void {
  const { tcp, tcpBase } = ceilings;
  const section = '2. Runnel broker + Runnel client';
  for (const size of b.work.sizes)
    for (const p of b.work.partitions)
      for (const [acks, fsync] of b.work.durability) {
        const key = produceKey(size, p, acks!, fsync!);
        const o = b.outcomes.get(key);
        // Read durability settings against the same case without them; the default against the wire.
        // (the quick run has no acks=all, fsync=never case, so fsync=always then falls back to acks=1).
        const sameAcks = produceKey(size, p, acks!, 'never');
        const baseKey =
          fsync === 'always'
            ? b.outcomes.has(sameAcks)
              ? sameAcks
              : produceKey(size, p, '1', 'never')
            : acks === 'all'
              ? produceKey(size, p, '1', fsync!)
              : null;
        const base = baseKey ? b.outcomes.get(baseKey)?.rate : undefined;
        const baseName = baseKey?.replace(/^.*, (acks=.*)$/, '$1');
        table.push(
          {
            section,
            label: `produce ${size} B, ${p} partition${p > 1 ? 's' : ''}, acks=${acks}, fsync=${fsync}`,
            result: o?.rate ? rateText(o.rate) : '',
            latency: latText(o?.latency),
            baseline: baseKey ? `${baseName}: ${base ? `${mb(base.mbPerSec)} MB/s` : 'n/a'}` : tcpBase,
            ratio: ratio(o?.rate?.mbPerSec, baseKey ? base?.mbPerSec : tcp),
            ratioOf: 'MB/s',
          },
          o,
        );
      }
  for (const size of b.work.sizes)
    for (const p of b.work.partitions) {
      const o = b.outcomes.get(consumeKey('runnel', size, p));
      table.push(
        {
          section,
          label: `consume ${size} B, ${p} partition${p > 1 ? 's' : ''}`,
          result: o?.rate ? rateText(o.rate) : '',
          baseline: tcpBase,
          ratio: ratio(o?.rate?.mbPerSec, tcp),
          ratioOf: 'MB/s',
        },
        o,
      );
    }
}

/** Rows of section 2b: p99 against a raw TCP round trip. */
function e2eRows(b: Bench, ceilings: Ceilings, table: Table): void {
  const { rtt } = ceilings;
  const section = '2b. Runnel end-to-end latency (produce to fetch, 100 B, acks=1, 1 partition)';
  for (const rate of b.work.rates) {
    const o = b.outcomes.get(`runnel e2e ${rate}`);
    table.push(
      {
        section,
        label: `e2e at ${int(rate)} rec/s`,
        result: o?.rate ? '' : `${int(rate)} rec/s offered`,
        latency: latText(o?.latency, true),
        baseline: rtt ? `TCP round trip p99 ${ms(rtt.p99)} ms` : '',
        ratio: ratio(o?.latency?.p99, rtt?.p99),
        ratioOf: 'p99',
      },
      o,
    );
  }
}

/** Rows of section 3: KafkaJS against the Runnel client. */
function kafkaJsRows(b: Bench, table: Table): void {
  const section = '3. KafkaJS 2.2.4 against the Runnel broker';
  for (const size of b.work.sizes) {
    const o = b.outcomes.get(`kafkajs produce ${size}`);
    const base = b.runnelProduce(size);
    table.push(
      {
        section,
        label: `produce ${size} B, 1 partition, acks=1`,
        result: o?.rate ? rateText(o.rate) : '',
        latency: latText(o?.latency),
        baseline: `Runnel client ${base ? `${int(base.recordsPerSec)} rec/s` : 'n/a'}`,
        ratio: ratio(o?.rate?.recordsPerSec, base?.recordsPerSec),
        ratioOf: 'rec/s',
      },
      o,
    );
  }
  const o = b.outcomes.get(consumeKey('kafkajs', 100, 1));
  const base = b.runnelConsume(100);
  table.push(
    {
      section,
      label: 'consume 100 B, 1 partition (consumer group)',
      result: o?.rate ? rateText(o.rate) : '',
      baseline: `Runnel client ${base ? `${int(base.recordsPerSec)} rec/s` : 'n/a'}`,
      ratio: ratio(o?.rate?.recordsPerSec, base?.recordsPerSec),
      ratioOf: 'rec/s',
    },
    o,
  );
}

/** Rows of section 4: each peer against Runnel. */
function peerRows(b: Bench, table: Table): void {
  for (const peer of peers) {
    const version = b.peerVersion.get(peer.name);
    const section = `4. ${peer.title}${version ? ` (${/v=?([\d.]+)/.exec(version)?.[1] ?? version})` : ''} vs Runnel`;
    if (!version) {
      table.rows.push({
        section,
        label: `${peer.title}: all cases`,
        result: `skipped: ${peer.bin} not installed (scripts/install-peers.sh)`,
        latency: '',
        baseline: '',
        ratio: null,
      });
      continue;
    }
    for (const size of b.work.sizes) {
      const o = b.outcomes.get(`${peer.name} ${size}`);
      const [prod, cons] = o?.peer ?? [];
      const bp = b.runnelProduce(size);
      const bc = b.runnelConsume(size);
      table.push(
        {
          section,
          label: `produce ${size} B`,
          result: prod ? rateText(prod) : '',
          latency: latText(prod?.latency),
          baseline: `Runnel ${bp ? `${int(bp.recordsPerSec)} rec/s` : 'n/a'}`,
          ratio: ratio(prod?.recordsPerSec, bp?.recordsPerSec),
          ratioOf: 'rec/s',
        },
        o,
      );
      table.push(
        {
          section,
          label: `consume ${size} B`,
          result: cons ? rateText(cons) : '',
          baseline: `Runnel ${bc ? `${int(bc.recordsPerSec)} rec/s` : 'n/a'}`,
          ratio: ratio(cons?.recordsPerSec, bc?.recordsPerSec),
          ratioOf: 'rec/s',
        },
        o,
      );
    }
    const rate = b.work.rates[0]!;
    const o = b.outcomes.get(`${peer.name} e2e ${rate}`);
    const l = o?.peer?.[0]?.latency;
    const base = b.outcomes.get(`runnel e2e ${rate}`)?.latency;
    table.push(
      {
        section,
        label: `e2e at ${int(rate)} rec/s, 100 B`,
        result: '',
        latency: latText(l, true),
        baseline: `Runnel p99 ${base ? `${ms(base.p99)} ms` : 'n/a'}`,
        ratio: ratio(l?.p99, base?.p99),
        ratioOf: 'p99',
      },
      o,
    );
  }
}

/** Rows of section 5: one core against two, no pool against the pool. */
function coreRows(b: Bench, ceilings: Ceilings, table: Table): void {
  const { tcp, tcpBase } = ceilings;
  const section = `5. cores: Runnel produce ${CORES_SIZE} B, ${CORES_P} partitions, acks=1 (broker and client under taskset)`;
  if (!twoCores)
    table.rows.push({
      section,
      label: 'all cases',
      result: 'skipped: fewer than 2 cores',
      latency: '',
      baseline: '',
      ratio: null,
    });
  else
    for (const c of coreCases) {
      const o = b.outcomes.get(c.key);
      // One core against two; no pool against the pool.
      const baseCase =
        c.cpus === '0' ? `cores 0,1 threads ${c.threads}` : c.threads === 0 ? 'cores 0,1 threads 2' : null;
      const base = baseCase ? b.outcomes.get(baseCase)?.rate : undefined;
      table.push(
        {
          section,
          label: `taskset -c ${c.cpus}, --threads ${c.threads}`,
          result: o?.rate ? rateText(o.rate) : '',
          latency: latText(o?.latency),
          baseline: baseCase
            ? `${baseCase.replace('cores ', 'taskset -c ').replace('threads', '--threads')}: ${base ? `${mb(base.mbPerSec)} MB/s` : 'n/a'}`
            : tcpBase,
          ratio: ratio(o?.rate?.mbPerSec, baseCase ? base?.mbPerSec : tcp),
          ratioOf: 'MB/s',
        },
        o,
      );
    }
}

/**
 * 8. Replication: a 3-broker cluster (fresh per run), one partition, replication factor 3 with acks=all against
 * replication factor 1 with acks=1, taking turns; then the end-to-end latency of acks=all at 50,000 records/s.
 */
async function measureReplication(b: Bench): Promise<void> {
  log(`replication: ${CLUSTER_BROKERS} brokers, replication factor ${CLUSTER_BROKERS} acks=all vs 1 acks=1`);
  const records = String(b.work.records[REPLICATION_RECORD_SIZE] ?? 1_000_000);
  for (let i = 0; i < b.opts.repeat; i++)
    for (const rf of [1, CLUSTER_BROKERS]) {
      const key = replicationKey(rf);
      b.keepBest(
        key,
        await b.run(key, 'bench/perf-produce.ts', [
          '--spawn-cluster',
          String(CLUSTER_BROKERS),
          '--records',
          records,
          '--record-size',
          String(REPLICATION_RECORD_SIZE),
          '--replication-factor',
          String(rf),
          '--acks',
          rf === 1 ? '1' : 'all',
        ]),
      );
    }
  const e2e = 'replication e2e 50000/s';
  b.keepBest(
    e2e,
    await b.run(e2e, 'bench/perf-e2e.ts', [
      '--spawn-cluster',
      String(CLUSTER_BROKERS),
      '--replication-factor',
      String(CLUSTER_BROKERS),
      '--acks',
      'all',
      '--rate',
      '50000',
      '--seconds',
      '10',
    ]),
  );
}

/** Rows of section 8: replication factor 3 with acks=all against 1 with acks=1, and acks=all latency. */
function replicationRows(b: Bench, table: Table): void {
  const section = `8. replication: ${CLUSTER_BROKERS} brokers and the client on this machine's ${cpus().length} cores, 1 partition, ${REPLICATION_RECORD_SIZE} B records, fsync=never`;
  const one = b.outcomes.get(replicationKey(1));
  const three = b.outcomes.get(replicationKey(CLUSTER_BROKERS));
  table.push(
    {
      section,
      label: `produce, ${replicationKey(1)} (the baseline)`,
      result: one?.rate ? rateText(one.rate) : '',
      latency: latText(one?.latency),
      baseline: '',
      ratio: null,
    },
    one,
  );
  table.push(
    {
      section,
      label: `produce, ${replicationKey(CLUSTER_BROKERS)}`,
      result: three?.rate ? rateText(three.rate) : '',
      latency: latText(three?.latency),
      baseline: `${replicationKey(1)} ${one?.rate ? `${int(one.rate.recordsPerSec)} rec/s` : 'n/a'}`,
      ratio: ratio(three?.rate?.recordsPerSec, one?.rate?.recordsPerSec),
      ratioOf: 'rec/s',
    },
    three,
  );
  const e2e = b.outcomes.get('replication e2e 50000/s');
  table.push(
    {
      section,
      label: `end to end at 50,000 records/s, ${replicationKey(CLUSTER_BROKERS)}`,
      result: e2e?.rate ? rateText(e2e.rate) : '',
      latency: latText(e2e?.latency),
      baseline: '',
      ratio: null,
    },
    e2e,
  );
}

/** Rows of section 7: three brokers against one, records/s of the whole cluster against the one broker's. */
function clusterRows(b: Bench, table: Table): void {
  const section = `7. cluster: ${CLUSTER_BROKERS} brokers and the client on this machine's ${cpus().length} cores, ${CLUSTER_PARTITIONS} partitions, replication factor 1, acks=1, fsync=never`;
  for (const what of ['produce', 'consume'] as const)
    for (const size of b.work.sizes) {
      const one = b.outcomes.get(clusterKey(what, 1, size));
      const many = b.outcomes.get(clusterKey(what, CLUSTER_BROKERS, size));
      table.push(
        {
          section,
          label: `${what} ${size} B, 1 broker (the baseline)`,
          result: one?.rate ? rateText(one.rate) : '',
          latency: latText(one?.latency),
          baseline: '',
          ratio: null,
        },
        one,
      );
      table.push(
        {
          section,
          label: `${what} ${size} B, ${CLUSTER_BROKERS} brokers (aggregate)`,
          result: many?.rate ? rateText(many.rate) : '',
          latency: latText(many?.latency),
          baseline: `1 broker ${one?.rate ? `${int(one.rate.recordsPerSec)} rec/s` : 'n/a'}`,
          ratio: ratio(many?.rate?.recordsPerSec, one?.rate?.recordsPerSec),
          ratioOf: 'rec/s',
        },
        many,
      );
    }
}

/** Rows of section 6: later slices against a raw write loop, the cold read against the hot one. */
function scaleRows(b: Bench, ceilings: Ceilings, table: Table): void {
  const { tcp, fsw, tcpBase } = ceilings;
  const o = b.outcomes.get('scale');
  const r = o?.scale;
  const section = `6. scale: one partition grown to ${r ? r.gb.toFixed(1) : b.opts.scaleGb} GB (${SCALE_RECORD_SIZE} B, acks=1, fsync=never)`;
  const gbRange = (s: { fromGb: number; toGb: number }) => `${s.fromGb.toFixed(1)}-${s.toGb.toFixed(1)} GB`;
  const first = r?.slices[0];
  const last = r?.slices.at(-1);
  const slowest = r?.slices.reduce((a, b) => (b.mbPerSec < a.mbPerSec ? b : a));
  const evictionText = (c: ScaleResult['cold']) => {
    if (c.cachedAfter === null || c.cachedBefore === null) return `not verified: ${c.note}`;
    const what =
      c.evictedFraction === null
        ? `nothing to evict (${pctText(c.cachedBefore)} cached before)`
        : `${pctText(c.evictedFraction)} evicted (${pctText(c.cachedBefore)} cached before, ${pctText(c.cachedAfter)} after)`;
    return c.evicted ? what : `${what}: ${c.note}`;
  };
  // The raw write baseline: its first slice, and its last and slowest ones (past the dirty-page limit: the
  // rate the disk takes write-back), against which the log's later slices are read.
  const rawFirst = r?.raw.slices[0];
  const rawLast = r?.raw.slices.at(-1);
  const rawSlowest = r?.raw.slices.reduce((a, b) => (b.mbPerSec < a.mbPerSec ? b : a));
  const mbText = (v: number | undefined) => (v === undefined ? '' : `${mb(v)} MB/s`);
  table.push(
    {
      section,
      label: `raw fs.writeSync 1 MiB, first slice (${rawFirst ? gbRange(rawFirst) : '?'})`,
      result: mbText(rawFirst?.mbPerSec),
      baseline: fsw !== undefined ? `fs.writeSync ceiling (section 1): ${mb(fsw)} MB/s` : '',
      ratio: ratio(rawFirst?.mbPerSec, fsw),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: `raw fs.writeSync 1 MiB, last slice (${rawLast ? gbRange(rawLast) : '?'}, past the dirty-page limit)`,
      result: mbText(rawLast?.mbPerSec),
      baseline: rawFirst ? `raw first slice ${mb(rawFirst.mbPerSec)} MB/s` : '',
      ratio: ratio(rawLast?.mbPerSec, rawFirst?.mbPerSec),
      ratioOf: 'MB/s',
    },
    o,
  );
  // The first slice against the short produce run of section 2 when there is one, else against the wire.
  const shortProduce = b.runnelProduce(SCALE_RECORD_SIZE);
  const shortConsume = b.runnelConsume(SCALE_RECORD_SIZE);
  table.push(
    {
      section,
      label: `produce, first slice (${first ? gbRange(first) : '?'}, 1 of ${r?.slices.length ?? '?'})`,
      result: first ? rateText(first) : '',
      baseline: shortProduce
        ? `produce ${SCALE_RECORD_SIZE} B, 1 p, acks=1 (section 2): ${mb(shortProduce.mbPerSec)} MB/s`
        : tcpBase,
      ratio: ratio(first?.mbPerSec, shortProduce ? shortProduce.mbPerSec : tcp),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: `produce, last slice (${last ? gbRange(last) : '?'})`,
      result: last ? rateText(last) : '',
      baseline: rawLast ? `raw write, last slice ${mb(rawLast.mbPerSec)} MB/s` : '',
      ratio: ratio(last?.mbPerSec, rawLast?.mbPerSec),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: `produce, slowest slice (${slowest ? `${gbRange(slowest)}, slice ${slowest.index}` : '?'})`,
      result: slowest ? rateText(slowest) : '',
      baseline: rawSlowest ? `raw write, slowest slice ${mb(rawSlowest.mbPerSec)} MB/s` : '',
      ratio: ratio(slowest?.mbPerSec, rawSlowest?.mbPerSec),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: `read the newest ${r ? (r.hot.bytes / 1e9).toFixed(2) : '?'} GB (hot: ${r ? pctText(r.hot.cachedFraction) : '?'} in page cache)`,
      result: r ? rateText(r.hot) : '',
      baseline: shortConsume
        ? `consume ${SCALE_RECORD_SIZE} B, 1 p (section 2): ${mb(shortConsume.mbPerSec)} MB/s`
        : tcpBase,
      ratio: ratio(r?.hot.mbPerSec, shortConsume ? shortConsume.mbPerSec : tcp),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: `read the oldest ${r ? (r.cold.bytes / 1e9).toFixed(2) : '?'} GB from offset 0 (cold${r && !r.cold.evicted ? ', NOT verified' : ''})`,
      result: r ? rateText(r.cold) : '',
      baseline: r ? `hot read ${mb(r.hot.mbPerSec)} MB/s` : '',
      ratio: ratio(r?.cold.mbPerSec, r?.hot.mbPerSec),
      ratioOf: 'MB/s',
    },
    o,
  );
  table.push(
    {
      section,
      label: 'cold range evicted from the page cache before its read (fadvise DONTNEED, fincore)',
      result: r ? evictionText(r.cold) : '',
      baseline: '',
      ratio: null,
    },
    o,
  );
}

// ---- the performance targets, read off this run's figures ----

interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

function targetsOf(b: Bench, ceilings: Ceilings): Target[] {
  const { tcp } = ceilings;
  const targets: Target[] = [];
  function target(
    name: string,
    value: number | undefined,
    goal: number,
    atLeast: boolean,
    show: (v: number) => string,
  ) {
    const met =
      value === undefined || !Number.isFinite(value) ? null : atLeast ? value >= goal : value <= goal;
    targets.push({ target: name, measured: value === undefined ? 'not measured' : show(value), met });
  }
  const redisProduce = b.outcomes.get('redis 100')?.peer?.[0]?.recordsPerSec;
  const p1k = b.runnelProduce(1024)?.mbPerSec;
  target(
    'produce 100 B, 1 partition, acks=1: >= 2,000,000 rec/s',
    b.runnelProduce(100)?.recordsPerSec,
    2e6,
    true,
    (v) => `${int(v)} rec/s`,
  );
  target(
    'consume 100 B, 1 partition: >= 3,000,000 rec/s',
    b.runnelConsume(100)?.recordsPerSec,
    3e6,
    true,
    (v) => `${int(v)} rec/s`,
  );
  target(
    'produce 1 KiB, 1 partition, acks=1: >= 50% of the TCP loopback pump',
    p1k !== undefined && tcp !== undefined ? p1k / tcp : undefined,
    0.5,
    true,
    (v) => `${(v * 100).toFixed(0)}% (${mb(p1k!)} of ${mb(tcp!)} MB/s)`,
  );
  target(
    'end-to-end p99 at 100,000 rec/s: <= 3 ms',
    b.outcomes.get('runnel e2e 100000')?.latency?.p99,
    3,
    false,
    (v) => `${v.toFixed(2)} ms`,
  );
  target(
    'produce 100 B: >= 10x Redis Streams',
    redisProduce !== undefined && b.runnelProduce(100) !== undefined
      ? b.runnelProduce(100)!.recordsPerSec / redisProduce
      : undefined,
    10,
    true,
    (v) => `${v.toFixed(1)}x`,
  );
  return targets;
}

const verdict = (t: Target) => (t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met');

function targetsMarkdown(targets: Target[]): string {
  return [
    '| target (2 cores, 100-byte records, 1 partition, acks=1 unless stated) | this run | verdict |',
    '| --- | --- | --- |',
    ...targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t)} |`),
  ].join('\n');
}

// ---- machine and commit ----

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

interface RunInfo {
  machine: string;
  commit: string;
  /** The working tree had uncommitted changes. */
  dirty: boolean;
}

function runInfo(): RunInfo {
  const commit = git(['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  // diff-index reads the index without refreshing it (status would write it).
  let dirty = false;
  try {
    execFileSync('git', ['diff-index', '--quiet', 'HEAD', '--'], { cwd: root, stdio: 'ignore' });
  } catch {
    dirty = true;
  }
  const cpuList = cpus();
  const machine = `${cpuList[0]?.model.trim() ?? 'unknown cpu'}, ${cpuList.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  return { machine, commit, dirty };
}

// ---- charts and docs ----

/** Throughput per system, MB/s, as docs/bench-throughput.svg. */
function writeThroughputChart(b: Bench, ceilings: Ceilings, svgNote: string): void {
  const { tcp, fsw } = ceilings;
  const COLORS = {
    ceiling: '#9e9e9e',
    runnel: '#1f6feb',
    kafkajs: '#8250df',
    redis: '#d1242f',
    nats: '#1a7f37',
  };
  const tp = (label: string, v: number | undefined, recs: number | undefined, color: string): Bar[] =>
    v === undefined
      ? []
      : [{ label, value: v, color, text: `${mb(v)} MB/s${recs ? `, ${int(recs)} rec/s` : ''}` }];
  const groups: BarGroup[] = [];
  const add = (label: string, bars: Bar[]) => bars.length && groups.push({ label, bars });
  add('TCP loopback pump (ceiling)', tp('ceiling', tcp, undefined, COLORS.ceiling));
  add('fs.writeSync, page cache (ceiling)', tp('ceiling', fsw, undefined, COLORS.ceiling));
  for (const size of b.work.sizes) {
    add(`produce ${size} B, 1 p, acks=1`, [
      ...tp('Runnel', b.runnelProduce(size)?.mbPerSec, b.runnelProduce(size)?.recordsPerSec, COLORS.runnel),
      ...tp(
        'KafkaJS',
        b.outcomes.get(`kafkajs produce ${size}`)?.rate?.mbPerSec,
        b.outcomes.get(`kafkajs produce ${size}`)?.rate?.recordsPerSec,
        COLORS.kafkajs,
      ),
      ...tp(
        'Redis',
        b.outcomes.get(`redis ${size}`)?.peer?.[0]?.mbPerSec,
        b.outcomes.get(`redis ${size}`)?.peer?.[0]?.recordsPerSec,
        COLORS.redis,
      ),
      ...tp(
        'NATS',
        b.outcomes.get(`nats ${size}`)?.peer?.[0]?.mbPerSec,
        b.outcomes.get(`nats ${size}`)?.peer?.[0]?.recordsPerSec,
        COLORS.nats,
      ),
    ]);
    add(`consume ${size} B, 1 p`, [
      ...tp('Runnel', b.runnelConsume(size)?.mbPerSec, b.runnelConsume(size)?.recordsPerSec, COLORS.runnel),
      ...(size === 100
        ? tp(
            'KafkaJS',
            b.outcomes.get(consumeKey('kafkajs', 100, 1))?.rate?.mbPerSec,
            b.outcomes.get(consumeKey('kafkajs', 100, 1))?.rate?.recordsPerSec,
            COLORS.kafkajs,
          )
        : []),
      ...tp(
        'Redis',
        b.outcomes.get(`redis ${size}`)?.peer?.[1]?.mbPerSec,
        b.outcomes.get(`redis ${size}`)?.peer?.[1]?.recordsPerSec,
        COLORS.redis,
      ),
      ...tp(
        'NATS',
        b.outcomes.get(`nats ${size}`)?.peer?.[1]?.mbPerSec,
        b.outcomes.get(`nats ${size}`)?.peer?.[1]?.recordsPerSec,
        COLORS.nats,
      ),
    ]);
  }
  writeFileSync(
    `${root}docs/bench-throughput.svg`,
    barChart({
      title:
        'Throughput over loopback: Runnel, KafkaJS on Runnel, Redis Streams, NATS JetStream, and the ceilings',
      unit: 'MB/s of record values (MB = 10^6 bytes)',
      groups,
      legend: Object.entries(COLORS).map(([label, color]) => ({ label, color })),
      note: svgNote,
    }),
  );
}

/** Latency percentiles, as docs/bench-latency.svg. */
function writeLatencyChart(b: Bench, ceilings: Ceilings, svgNote: string): void {
  const { rtt } = ceilings;
  const PERCENTILES = [
    { label: 'p50', color: '#8ec5ff' },
    { label: 'p99', color: '#1f6feb' },
    { label: 'p99.9', color: '#0a3069' },
  ];
  const pct = (l: Latency | undefined): Bar[] =>
    l
      ? [
          { label: 'p50', value: l.p50, color: PERCENTILES[0]!.color, text: `p50 ${ms(l.p50)} ms` },
          { label: 'p99', value: l.p99, color: PERCENTILES[1]!.color, text: `p99 ${ms(l.p99)} ms` },
          { label: 'p99.9', value: l.p999, color: PERCENTILES[2]!.color, text: `p99.9 ${ms(l.p999)} ms` },
        ]
      : [];
  const lat: BarGroup[] = [];
  const addL = (label: string, l: Latency | undefined) => l && lat.push({ label, bars: pct(l) });
  addL('TCP round trip, 100 B (ceiling)', rtt);
  for (const rate of b.work.rates)
    addL(`Runnel e2e, ${int(rate)} rec/s`, b.outcomes.get(`runnel e2e ${rate}`)?.latency);
  addL(
    `Redis Streams e2e, ${int(b.work.rates[0]!)} rec/s`,
    b.outcomes.get(`redis e2e ${b.work.rates[0]}`)?.peer?.[0]?.latency,
  );
  addL(
    `NATS JetStream e2e, ${int(b.work.rates[0]!)} rec/s`,
    b.outcomes.get(`nats e2e ${b.work.rates[0]}`)?.peer?.[0]?.latency,
  );
  addL('Runnel produce ack, 100 B, 1 p, acks=1', b.outcomes.get(produceKey(100, 1, '1', 'never'))?.latency);
  addL(
    'Runnel produce ack, 100 B, 1 p, acks=all, fsync=always',
    b.outcomes.get(produceKey(100, 1, 'all', 'always'))?.latency,
  );
  writeFileSync(
    `${root}docs/bench-latency.svg`,
    barChart({
      title: 'Latency percentiles over loopback (100 B records)',
      unit: 'milliseconds',
      groups: lat,
      legend: PERCENTILES,
      note: svgNote,
    }),
  );
}

interface DocsFacts {
  info: RunInfo;
  elapsedSeconds: number;
  load: string;
  targetsTable: string;
  table: Table;
}

/** The generated section of docs/PERFORMANCE.md. */
function performanceSection(b: Bench, facts: DocsFacts): string {
  const { commit, dirty, machine } = facts.info;
  const elapsed = facts.elapsedSeconds;
  const load = facts.load;
  const targetsTable = facts.targetsTable;
  const rows = facts.table.rows;
  const scaleReadGb = (b.outcomes.get('scale')?.scale?.readGb ?? Math.min(2, b.opts.scaleGb / 2)).toFixed(1);
  const body = `
## \`npm run bench\`: Runnel, its peers and the machine's ceilings

Generated by \`bench/index.ts\`; everything between the bench markers is rewritten on each run.

- Command: \`${b.opts.command}\` (after \`npm run build:emit\`; \`scripts/install-peers.sh\` installs redis-server and nats-server)
- Commit: \`${commit}\`${dirty ? ' with uncommitted changes in the working tree' : ''}
- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC, ${elapsed.toFixed(0)} s, ${load}
- Machine: ${machine}
- Mode: ${b.opts.quick ? '`--quick` (fewer records, fewer durability settings)' : 'full'}, best of ${b.opts.repeat} per throughput case and per Runnel e2e rate (lowest p99)

Every case runs in a fresh process against a fresh server in a temp dir on 127.0.0.1. Each row is read
against the baseline beside it, measured in the same run: Runnel's default produce and its consume
against the raw TCP pump, \`acks=all\` against \`acks=1\`, \`fsync=always\` against \`fsync=never\`,
KafkaJS against Runnel's client, Redis and NATS against Runnel, latency against a raw TCP round trip, one
core against two and \`--threads 0\` against \`--threads 2\`, the scale run's later slices against the same
slices of a raw write loop and its cold read against its hot read. MB/s counts record values only, MB = 10^6 bytes.

Targets, as this run measured them (memory and the 30-minute soak: \`scripts/soak.ts\`, reported above):

${targetsTable}

${markdownTable(rows)}

![Throughput per system](bench-throughput.svg)

![Latency percentiles](bench-latency.svg)

How each system is driven:

- Runnel: \`bench/perf-produce.ts\` (1000 records per \`send()\`, up to 256 sends outstanding, latency from
  send to acknowledgement per chunk), \`bench/perf-consume.ts\` (assigned partitions, no group, from the
  start), \`bench/perf-e2e.ts\` (fixed rate, send time carried in the record, one partition).
  Produce latency in the throughput rows is queueing behind up to 256 outstanding sends, not a floor;
  the e2e rows at a fixed rate are the latency figures.
- KafkaJS: the same tools with \`--client kafkajs\`, ${b.work.kafkajsDivisor}x fewer records; its consumer needs a group.
- Redis Streams (\`bench/peers/redis.ts\`): \`redis-server --appendonly yes --appendfsync everysec --save ''\`;
  ioredis pipelines of 1000 \`XADD\`, 16 in flight; \`XREAD COUNT 1000\` from \`0-0\`; ${b.work.redisDivisor}x fewer records.
- NATS JetStream (\`bench/peers/nats.ts\`): \`nats-server -js -sd <tmp>\`, file storage; \`js.publish\` awaiting
  each PubAck, at most 1024 outstanding; a durable pull consumer (AckNone) fetching 1000 per pull;
  ${b.work.natsDivisor}x fewer records (the nats.js publish path is client-bound on this machine).
- Scale (\`bench/scale.ts --gb ${b.opts.scaleGb}\`): one partition, ${SCALE_RECORD_SIZE} B records, acks=1, 1000 records per
  \`send()\`, at most 64 outstanding, until the values total ${b.opts.scaleGb} GB (1 GiB segments); each slice of
  the log (1 GB, or a tenth of a smaller run) is timed from the acknowledgement that ends the previous one.
  Before it, a raw \`fs.writeSync\` loop of 1 MiB writes (as much as the log, at most 8 GB, to a file that is
  then removed) is timed in the same slices: once the kernel's dirty-page limit is reached (about a fifth of
  memory), writes run at the rate the disk takes write-back, and that is the flat line a log this much larger
  than the cache can hold.
  Then the newest ${scaleReadGb} GB is read just after being written (hot), and the oldest
  ${scaleReadGb} GB from offset 0 after its segment files were fsynced and dropped from the page
  cache (\`dd iflag=nocache count=0\`, i.e. posix_fadvise DONTNEED, checked with \`fincore\`), each with a
  fresh consumer that checks every offset arrives once. The machine has
  ${(totalmem() / 2 ** 30).toFixed(0)} GiB of memory: without eviction, much of the log would still be cached.
- Cluster (section 7): \`bench/perf-produce.ts\` and \`bench/perf-consume.ts\` with \`--spawn-cluster ${CLUSTER_BROKERS}\`
  (brokers with node ids 1-${CLUSTER_BROKERS}, each naming the others in \`--peers\`, all joined before the topic is
  created; the client bootstraps from all of them and routes by metadata) against \`--spawn-broker\`, the same
  records over ${CLUSTER_PARTITIONS} partitions, the two taking turns. The ${CLUSTER_BROKERS} brokers and the client share this
  machine's ${cpus().length} cores: the ratio says what spreading partitions over processes costs or gains here, not how a
  cluster of separate machines scales. Failover and membership timings: the Cluster section above.
- Replication (section 8): \`bench/perf-produce.ts --spawn-cluster ${CLUSTER_BROKERS}\` on one partition of
  ${REPLICATION_RECORD_SIZE} B records, \`--replication-factor ${CLUSTER_BROKERS} --acks all\` against \`--replication-factor 1 --acks 1\`,
  a fresh cluster per run, taking turns; then \`bench/perf-e2e.ts --spawn-cluster ${CLUSTER_BROKERS} --replication-factor ${CLUSTER_BROKERS}
  --acks all --rate 50000\`. All brokers, followers included, share the cores with the client.
- Durability differs: Runnel \`fsync=never\` acknowledges from the page cache, Redis fsyncs its AOF every
  second, JetStream syncs its files on its own interval; only Runnel's \`fsync=always\` rows wait for the disk.
`;
  return body;
}

// ---- main ----

async function main(): Promise<void> {
  const b = new Bench(parseOptions(process.argv.slice(2)));
  const loadStart = loadavg();
  const started = Date.now();

  if (!existsSync(`${root}dist/node.js`) || !existsSync(`${root}dist/client/index.js`)) {
    throw new Error('dist/ is missing the broker or the client: run `npm run build:emit` first');
  }

  if (b.opts.sections.has('ceilings')) await measureCeilings(b);
  if (b.opts.sections.has('runnel')) await measureRunnel(b);
  if (b.opts.sections.has('e2e')) await measureE2e(b);
  if (b.opts.sections.has('kafkajs')) await measureKafkaJs(b);
  if (b.opts.sections.has('peers')) await measurePeers(b);
  if (b.opts.sections.has('cores') && twoCores) await measureCores(b);
  if (b.opts.sections.has('cluster')) await measureCluster(b);
  if (b.opts.sections.has('replication')) await measureReplication(b);
  if (b.opts.sections.has('scale')) await measureScale(b); // last: it leaves dirty pages behind
  const elapsed = (Date.now() - started) / 1000;
  const loadEnd = loadavg();

  const ceilings = ceilingsOf(b);
  const table = new Table();
  if (b.opts.sections.has('ceilings')) ceilingRows(b, ceilings, table);
  if (b.opts.sections.has('runnel')) runnelRows(b, ceilings, table);
  if (b.opts.sections.has('e2e')) e2eRows(b, ceilings, table);
  if (b.opts.sections.has('kafkajs')) kafkaJsRows(b, table);
  if (b.opts.sections.has('peers')) peerRows(b, table);
  if (b.opts.sections.has('cores')) coreRows(b, ceilings, table);
  if (b.opts.sections.has('cluster')) clusterRows(b, table);
  if (b.opts.sections.has('replication')) replicationRows(b, table);
  if (b.opts.sections.has('scale')) scaleRows(b, ceilings, table);
  process.stdout.write(`\n${textTable(table.rows)}\n\n`);

  const targets = targetsOf(b, ceilings);
  process.stdout.write(
    `${targets.map((t) => `${verdict(t).padEnd(12)} ${t.target}: ${t.measured}`).join('\n')}\n\n`,
  );

  const info = runInfo();
  const load = `load average ${loadStart[0]!.toFixed(1)} at start, ${loadEnd[0]!.toFixed(1)} at end`;
  process.stdout.write(
    `${info.machine}; commit ${info.commit}${info.dirty ? ' (with uncommitted changes)' : ''}; ${load}; ${elapsed.toFixed(0)} s\n`,
  );
  if (!b.opts.writeDocs) {
    log('docs not written (--no-write or --sections)');
    return;
  }
  const svgNote = `${info.machine}; commit ${info.commit}; ${new Date().toISOString().slice(0, 10)}; ${b.opts.command}`;
  writeThroughputChart(b, ceilings, svgNote);
  writeLatencyChart(b, ceilings, svgNote);
  const body = performanceSection(b, {
    info,
    elapsedSeconds: elapsed,
    load,
    targetsTable: targetsMarkdown(targets),
    table,
  });

  writeSection(`${root}docs/PERFORMANCE.md`, body);
  log('wrote docs/PERFORMANCE.md (bench section), docs/bench-throughput.svg, docs/bench-latency.svg');
}

await main();
