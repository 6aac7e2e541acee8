// A short fault run of the Jepsen-style harness (test/helpers/jepsen, the long one is `npm run nemesis`): 3 real
// brokers, replication factor 3, min.insync.replicas 2, idempotent acks=all producers writing unique values
// while a seeded nemesis SIGKILLs and restarts, SIGSTOPs and resumes, and power-fails (SIGKILL, then the
// unflushed suffix of its logs dropped) partition leaders and the active controller. Then every partition is
// read back and every replica compared on disk: no acknowledged value lost, none duplicated, none reordered,
// replicas identical up to the high watermark, every partition led again within 30 s of the last fault.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFaults } from './helpers/jepsen/run.js';

const REPLICATION_FACTOR = 3;
const MIN_INSYNC = 2;
/** The schedule replays from this seed (every fault kind, of a leader and of the controller); JEPSEN_SEED picks another. */
const DEFAULT_SEED = 51;
const FAULTS = ['kill', 'stop', 'power'] as const;
const SEED = Number(process.env.JEPSEN_SEED ?? DEFAULT_SEED);

test(`fault run (seed ${SEED}): kill, stop and power-fail leaders and the controller, nothing acknowledged lost`, async () => {
  const report = await runFaults({
    brokers: 3,
    partitions: 6,
    replicationFactor: REPLICATION_FACTOR,
    minInsync: MIN_INSYNC,
    durationMs: 15_000,
    maxHoldMs: 4000,
    seed: SEED,
    faults: [...FAULTS],
    producers: 2,
    kafkajs: false,
    rate: 50,
    maxRecoveryMs: 30_000,
    brokerArgs: [],
    log: (line) => console.log(`    ${line}`),
  });
  console.log(report.text.replace(/^/gm, '    '));
  if (SEED === DEFAULT_SEED) {
    const kinds = new Set(report.steps.map((s) => s.kind));
    for (const k of FAULTS) assert.ok(kinds.has(k), `the schedule has ${k}`);
    const targets = new Set(report.steps.map((s) => ('controller' in s.target ? 'controller' : 'leader')));
    assert.equal([...targets].sort(), ['controller', 'leader'], 'leaders and the controller are hit');
  }
  assert.ok(report.result.ok, report.result.violations.join('\n'));
  const c = report.result.counts;
  assert.ok(c.acked > 0 && c.read >= c.acked, 'records were acknowledged and read back');
  assert.ok(c.liveReads > 0, 'a consumer read during the faults');
  assert.ok(report.history.replicas.length >= 6, 'every partition has a replica on disk');
});

test.run();
