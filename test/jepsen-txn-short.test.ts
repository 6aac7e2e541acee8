// A short transactional fault run (test/helpers/jepsen, `npm run nemesis -- --workload txn` is the long one):
// 3 real brokers, replication factor 3, min.insync.replicas 2, transactional producers committing and
// aborting transactions over six partitions while a seeded nemesis SIGKILLs and restarts, and SIGSTOPs and
// resumes, partition leaders and the active controller. Then a read_committed consumer reads every
// partition to its last stable offset: every committed write there, whole; no aborted write; no torn
// transaction of unknown outcome; nothing duplicated or reordered; no transaction left hanging; and the
// log-level checks of the plain workload on top.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFaults } from './helpers/jepsen/run.js';

/** The schedule replays from this seed (kills and stops of leaders and the controller); JEPSEN_SEED picks another. */
const DEFAULT_SEED = 37;
const SEED = Number(process.env.JEPSEN_SEED ?? DEFAULT_SEED);

test(`transactional fault run (seed ${SEED}): commits whole, aborts invisible, nothing hanging`, async () => {
  const report = await runFaults({
    brokers: 3,
    partitions: 6,
    replicationFactor: 3,
    minInsync: 2,
    durationMs: 15_000,
    maxHoldMs: 4000,
    seed: SEED,
    faults: ['kill', 'stop'],
    producers: 3,
    kafkajs: false,
    workload: 'txn',
    rate: 20,
    maxRecoveryMs: 30_000,
    brokerArgs: [],
    log: (line) => console.log(`    ${line}`),
  });
  console.log(report.text.replace(/^/gm, '    '));
  assert.ok(report.ok, [...report.result.violations, ...(report.txnResult?.violations ?? [])].join('\n'));
  const c = report.txnResult!.counts;
  assert.ok(c.committed > 10 && c.aborted > 0, 'transactions committed and aborted');
  assert.ok(c.read > 0, 'read_committed read them back');
  if (SEED === DEFAULT_SEED) {
    const kinds = new Set(report.steps.map((s) => s.kind));
    assert.ok(kinds.has('kill') && kinds.has('stop'), 'the schedule kills and stops');
    assert.ok(
      report.steps.some((s) => 'controller' in s.target),
      'the controller is hit (and the coordinators it moves)',
    );
  }
});

test.run();
