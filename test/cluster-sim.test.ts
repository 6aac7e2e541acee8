// Whole-cluster deterministic simulation (test/helpers/cluster-sim.ts): every seed builds a cluster of
// brokers from gossip to registered brokers, injects its faults (drops, duplicates, delays, partitions that
// heal, crashes that lose unflushed raft entries, CPU stalls) under a client workload, heals, and checks the
// invariants. SIM_SEED=<n> [SIM_NODES=<n>] replays one seed and prints its trace; `npm run sim` runs thousands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSeed } from './helpers/cluster-sim.js';

const only = process.env.SIM_SEED;
const nodesOf = (seed: number) =>
  process.env.SIM_NODES ? Number(process.env.SIM_NODES) : seed % 4 === 0 ? 5 : 3;

if (only !== undefined) {
  test(`seed ${only} replays`, async () => {
    const seed = Number(only);
    const sim = await runSeed(seed, nodesOf(seed), 100_000);
    console.log(sim.report());
    assert.equal(sim.violations, []);
  });
} else {
  const SEEDS = Number(process.env.SIM_SEEDS ?? 200);
  test(`${SEEDS} seeds: the cluster forms, survives its faults and settles with every invariant held`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS && failures.length < 3; seed++) {
      const sim = await runSeed(seed, nodesOf(seed));
      if (sim.violations.length > 0) failures.push(sim.report());
    }
    if (failures.length > 0) {
      console.log(failures.join('\n\n'));
      assert.unreachable(`${failures.length} seed(s) failed; replay one with SIM_SEED=<seed>`);
    }
  });
}

test.run();
