// Whole-cluster deterministic simulation over many seeds (the same scenario as test/cluster-sim.test.ts,
// which runs a few hundred). Not part of npm test.
//
//   npm run build:ts && npm run sim -- --seeds 5000 [--nodes 5] [--from 1] [--max-failures 5]
//   npm run build:ts && npm run sim -- --replication --seeds 5000 [--nodes 3] [--reassign]
//
// With --replication, the replication scenario of test/replication-sim.test.ts (one partition's replicas on
// real logs, crashes, lost fetches, acks=all producers); a failing seed replays with SIM_SEED=<seed>
// node scripts/run-tests.mjs replication-sim.
// Each seed is a run of N brokers under its own faults; a failing seed prints its plan, the brokers' state
// and its last events, and replays exactly with SIM_SEED=<seed> SIM_NODES=<n> node scripts/run-tests.mjs
// cluster-sim. Exits 1 if any seed failed.
import { runSeed } from '../test/helpers/cluster-sim.js';
import { runReplicationSeed } from '../test/helpers/replication-sim.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const REPLICATION = process.argv.includes('--replication');
/** With --replication: each seed also moves the partition onto a spare broker (sometimes cancelled). */
const REASSIGN = process.argv.includes('--reassign');
const SEEDS = flag('seeds', 1000);
const NODES = flag('nodes', 3);
const FROM = flag('from', 1);
const MAX_FAILURES = flag('max-failures', 5);

const started = Date.now();
const failed: number[] = [];
const totals: Record<string, number> = {};
for (let seed = FROM; seed < FROM + SEEDS && failed.length < MAX_FAILURES; seed++) {
  const sim = REPLICATION
    ? await runReplicationSeed(seed, { replicas: NODES, reassign: REASSIGN })
    : await runSeed(seed, NODES);
  for (const [k, v] of Object.entries(sim.stats)) totals[k] = (totals[k] ?? 0) + v;
  if (sim.violations.length > 0) {
    failed.push(seed);
    console.log(`${sim.report()}\n`);
  }
  const done = seed - FROM + 1;
  if (done % 100 === 0) {
    console.log(`${done} seeds, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}
console.log(
  `totals: ${Object.entries(totals)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(
  `${NODES} nodes, seeds ${FROM}..: ${failed.length === 0 ? 'all passed' : `failed: ${failed.join(', ')}`} ` +
    `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exit(failed.length === 0 ? 0 : 1);
