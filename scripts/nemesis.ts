// A Jepsen-style fault run against real brokers (test/helpers/jepsen/): producers write unique values while a
// seeded nemesis kills, stops, cuts off and power-fails brokers; then every partition is read back and the
// replicas compared on disk. Prints the counts and exits 1 on any violation. Not part of npm test (a short
// run is: test/jepsen-short.test.ts).
//
//   npm run build && npm run nemesis -- --brokers 3 --partitions 6 --replication-factor 3 --min-insync 2 \
//     --duration 60 --seed 42 --faults kill,stop,partition,power
//   flags: --producers 3 --kafkajs --rate 100 (records/s per producer) --max-recovery-ms 30000
//          --workload txn (transactional producers, commits and aborts, checked through read_committed too;
//          --rate is then transactions/s per producer)
//          --broker-args "--log-level debug" --keep DIR (logs and history, kept even when the run passes)
//          --unsafe (apply power loss even at replication factor 1: the checker must then report lost records)
//
// The same seed gives the same fault schedule (kinds, targets, timings); pass the seed a failing run printed.
// `partition` runs the brokers in network namespaces this run creates (needs root); the others use loopback.
import { destroyAllFaultClusters, destroyAllFaultClustersNow } from '../test/helpers/jepsen/cluster.js';
import { FAULT_KINDS, type FaultKind } from '../test/helpers/jepsen/nemesis.js';
import { RUN_DEFAULTS, runFaults } from '../test/helpers/jepsen/run.js';

const USAGE = `usage: npm run nemesis -- [--brokers N] [--partitions N] [--replication-factor N] [--min-insync N]
  [--duration SECONDS] [--seed N] [--faults ${FAULT_KINDS.join(',')}] [--producers N] [--kafkajs] [--rate N]
  [--max-recovery-ms MS] [--broker-args "FLAGS"] [--keep DIR] [--unsafe] [--workload append|txn]`;

function fail(message: string): never {
  console.error(`nemesis: ${message}\n${USAGE}`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const seen = new Set<string>();

function raw(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  seen.add(`--${name}`);
  const v = argv[i + 1];
  if (v === undefined) fail(`--${name} needs a value`);
  seen.add(v);
  return v;
}

function int(name: string, fallback: number, min: number): number {
  const v = raw(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got ${v}`);
  return n;
}

if (argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const kafkajs = argv.includes('--kafkajs');
if (kafkajs) seen.add('--kafkajs');
const unsafe = argv.includes('--unsafe');
if (unsafe) seen.add('--unsafe');
const brokers = int('brokers', RUN_DEFAULTS.brokers, 1);
const replicationFactor = int('replication-factor', Math.min(RUN_DEFAULTS.replicationFactor, brokers), 1);
const options = {
  brokers,
  partitions: int('partitions', RUN_DEFAULTS.partitions, 1),
  replicationFactor,
  minInsync: int('min-insync', Math.min(RUN_DEFAULTS.minInsync, replicationFactor), 1),
  durationMs: int('duration', RUN_DEFAULTS.durationMs / 1000, 1) * 1000,
  seed: int('seed', Math.floor(Math.random() * 1_000_000), 0),
  producers: int('producers', RUN_DEFAULTS.producers, 0),
  rate: int('rate', RUN_DEFAULTS.rate, 1),
  maxRecoveryMs: int('max-recovery-ms', RUN_DEFAULTS.maxRecoveryMs, 1),
  kafkajs,
  unsafe,
  workload: (raw('workload') ?? 'append') as 'append' | 'txn',
  faults: (raw('faults') ?? 'kill,stop').split(',').filter(Boolean) as FaultKind[],
  brokerArgs: (raw('broker-args') ?? '').split(' ').filter(Boolean),
  keepDir: raw('keep'),
  log: (line: string) => console.log(line),
};
for (const f of options.faults) if (!FAULT_KINDS.includes(f)) fail(`unknown fault ${f}`);
if (options.workload !== 'append' && options.workload !== 'txn') fail(`unknown workload ${options.workload}`);
if (options.workload === 'txn' && kafkajs) fail('--kafkajs runs with the append workload only');
if (replicationFactor > brokers) fail('--replication-factor cannot exceed --brokers');
if (options.producers === 0 && !kafkajs) fail('no producer: --producers 0 needs --kafkajs');
const unknown = argv.filter((a) => !seen.has(a));
if (unknown.length > 0) fail(`unknown argument ${unknown[0]}`);

// Brokers die with this process whatever ends it.
process.on('exit', destroyAllFaultClustersNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    console.error(`nemesis: ${sig}, stopping the brokers`);
    void destroyAllFaultClusters().finally(() => process.exit(130));
  });
}

try {
  const report = await runFaults(options);
  console.log(`\n${report.text}`);
  if (!report.ok)
    console.log(
      `\nreplay: npm run nemesis -- ${argv.join(' ').replace(/--seed \d+ ?/, '')} --seed ${options.seed}`.replace(
        / +/g,
        ' ',
      ),
    );
  process.exit(report.ok ? 0 : 1);
} catch (err) {
  console.error(`nemesis: run failed (seed ${options.seed}): ${(err as Error).stack ?? err}`);
  process.exit(1);
}
