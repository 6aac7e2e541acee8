// `npm run bench:failover`: how fast the cluster notices things, over real broker processes on loopback.
// Each trial starts a fresh 3-broker cluster (node ids 1-3, each naming the others in --peers) and measures,
// always from each broker's own Metadata answer (polled every --poll-ms on a connection per broker):
//   form      start of the 3 processes -> every broker lists 1,2,3 unfenced and names the same controller
//   listen    spawn of a 4th broker (--peers the 3) -> it listens (Node and broker start-up, part of join)
//   join      spawn of that 4th broker -> all 4 list it unfenced
//   fence     SIGKILL of that 4th broker -> the 3 no longer list it (the controller fenced it: its session
//             timed out, or gossip declared it dead first; which one is counted from the controller's log)
//   elect     SIGKILL of the active controller -> both survivors name the same new controller
//   create    SIGKILL of the active controller -> CreateTopics through a survivor succeeds (leaders assigned)
// then prints p50/p99/max per measure (nearest rank: with 20 trials p99 is the largest sample) and one
// `@result {json}` line. A measure not reached in time (elect and create: --give-up-ms; the others 30 s) ends
// its trial: it is counted as failed at that stage (the brokers' logs kept in /tmp/bench-failover-trial-N.log),
// never averaged in.
//
//   npm run build:emit && npm run bench:failover -- --trials 20
//   flags: --trials N (default 20), --poll-ms N (default 20), --give-up-ms N (default 15000),
//          --no-membership (skip join and fence, about 10 s a trial), --json-out FILE (every sample)
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from '../dist/client/index.js';
import { BenchCluster, type BrokerView, sleep, until, ViewPoller } from './cluster-procs.js';
import { printResult } from './run.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '20' },
    'give-up-ms': { type: 'string', default: '15000' },
    'no-membership': { type: 'boolean', default: false },
    'json-out': { type: 'string' },
  },
});
const trials = Number(values.trials);
const pollMs = Number(values['poll-ms']);
if (!(Number.isInteger(trials) && trials > 0)) throw new Error(`--trials must be a positive integer`);
if (!(pollMs > 0)) throw new Error('--poll-ms must be positive');
const giveUpMs = Number(values['give-up-ms']);
if (!(giveUpMs > 0)) throw new Error('--give-up-ms must be positive');
/** Election and creation: seconds when they work (--give-up-ms). Formation, join and fence: 30 s. */
const waitOpts = { intervalMs: pollMs, timeoutMs: giveUpMs };
const membershipOpts = { intervalMs: pollMs, timeoutMs: 30_000 };

const MEASURES = ['form', 'listen', 'join', 'fence', 'elect', 'create'] as const;
type Measure = (typeof MEASURES)[number];
const samples = Object.fromEntries(MEASURES.map((m) => [m, [] as number[]])) as Record<Measure, number[]>;
/** Trials that ended at each measure (it was not reached in time, or a step failed). */
const failures = Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>;
/** What fenced the 4th broker, per the active controller's log. */
const fencedBy = { session: 0, gossip: 0, unknown: 0 };
const log = (s: string) => process.stderr.write(`${s}\n`);

const lists = (v: BrokerView | null, id: number) => v?.brokers.includes(id) === true;
const sameController = (views: (BrokerView | null)[]): number | null => {
  const ids = new Set(views.map((v) => v?.controllerId ?? -1));
  const [only] = ids;
  return ids.size === 1 && only !== undefined && only >= 0 ? only : null;
};

/** Partitions created after a failover, and how many of them the dead controller was made leader of. */
const createdPartitions = { total: 0, ledByDead: 0 };

/**
 * CreateTopics through the survivors, a fresh client per attempt, until one succeeds; then counts the
 * partitions given to the dead broker (it stays unfenced until its session times out).
 */
async function createUntilDone(
  bootstrap: string[],
  since: number,
  topic: string,
  dead: number,
  abandoned: { yes: boolean },
): Promise<number> {
  for (;;) {
    // A trial that failed must not leave this reaching for ports the next trial's brokers may reuse.
    if (abandoned.yes) throw new Error('abandoned');
    const client = new Client({
      brokers: bootstrap,
      clientId: 'bench-failover',
      requestTimeoutMs: 5000,
      connectTimeoutMs: 500,
    });
    try {
      const admin = client.admin();
      await admin.createTopics([{ topic, numPartitions: 3 }]);
      const took = performance.now() - since;
      const [described] = await admin.describeTopics([topic]);
      for (const p of described!.partitions) {
        createdPartitions.total++;
        if (p.leader === dead) createdPartitions.ledByDead++;
      }
      return took;
    } catch (err) {
      if (performance.now() - since > giveUpMs) throw new Error(`create ${topic}: ${String(err)}`);
      await sleep(pollMs);
    } finally {
      await client.close().catch(() => {});
    }
  }
}

/** join and fence: a 4th broker started, then SIGKILLed. */
async function membership(cluster: BenchCluster, poller: ViewPoller, all3: string[]): Promise<void> {
  stage = 'listen';
  const fourth = await cluster.add(4);
  const tJoin = performance.now();
  await fourth.start();
  samples.listen.push(performance.now() - tJoin);
  stage = 'join';
  const all4 = [...all3, fourth.address];
  samples.join.push(await until(poller, all4, (vs) => vs.every((v) => lists(v, 4)), tJoin, membershipOpts));

  stage = 'fence';
  const tFence = performance.now();
  await fourth.kill('SIGKILL');
  samples.fence.push(
    await until(poller, all3, (vs) => vs.every((v) => v !== null && !lists(v, 4)), tFence, membershipOpts),
  );
  const controller = sameController(await Promise.all(all3.map((a) => poller.view(a))));
  const log = controller === null ? '' : cluster.node(controller).log();
  if (/broker 4 missed its session/.test(log)) fencedBy.session++;
  else if (/broker 4 (declared|found) (dead|left) by gossip/.test(log)) fencedBy.gossip++;
  else fencedBy.unknown++;
}

/** The measure a trial is at (the one counted as failed if the trial ends). */
let stage: Measure = 'form';

async function trial(t: number): Promise<void> {
  const poller = new ViewPoller(1000);
  stage = 'form';
  const abandoned = { yes: false };
  const t0 = performance.now();
  const cluster = await BenchCluster.start(3, { waitJoined: false }).catch((err: unknown) => {
    failures.form++;
    throw err;
  });
  try {
    const all3 = cluster.nodes.map((n) => n.address);
    samples.form.push(
      await until(
        poller,
        all3,
        (vs) => vs.every((v) => v?.brokers.join() === '1,2,3') && sameController(vs) !== null,
        t0,
        membershipOpts,
      ),
    );

    if (values['no-membership'] !== true) await membership(cluster, poller, all3);

    stage = 'elect';
    const views = await Promise.all(all3.map((a) => poller.view(a)));
    const controller = sameController(views);
    if (controller === null)
      throw new Error(`no agreed controller before the kill: ${JSON.stringify(views)}`);
    const survivors = cluster.nodes.filter((n) => n.nodeId <= 3 && n.nodeId !== controller);
    const tKill = performance.now();
    await cluster.node(controller).kill('SIGKILL');
    const created = createUntilDone(
      survivors.map((n) => n.address),
      tKill,
      `failover-${t}-${Date.now()}`,
      controller,
      abandoned,
    );
    created.catch(() => {}); // awaited below; a failed election must not make it unhandled first
    samples.elect.push(
      await until(
        poller,
        survivors.map((n) => n.address),
        (vs) => {
          const c = sameController(vs);
          return c !== null && c !== controller;
        },
        tKill,
        waitOpts,
      ),
    );
    stage = 'create';
    samples.create.push(await created);
    const last = MEASURES.filter((m) => samples[m].length > 0)
      .map((m) => `${m} ${samples[m].at(-1)!.toFixed(0)} ms`)
      .join(', ');
    log(`trial ${t + 1}/${trials}: ${last} (controller was ${controller})`);
  } catch (err) {
    failures[stage]++;
    // The brokers' logs say why; kept for the report.
    const file = `/tmp/bench-failover-trial-${t + 1}.log`;
    writeFileSync(file, cluster.nodes.map((n) => `==== node ${n.nodeId}\n${n.log()}`).join('\n'));
    throw new Error(`${stage}: ${err instanceof Error ? err.message : String(err)} (broker logs: ${file})`);
  } finally {
    abandoned.yes = true;
    poller.close();
    await cluster.destroy();
  }
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank: with 20 samples p99 is the largest.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const load0 = loadavg()[0]!;
const started = performance.now();
let failed = 0;
for (let t = 0; t < trials; t++) {
  try {
    await trial(t);
  } catch (err) {
    failed++;
    log(`trial ${t + 1}/${trials} FAILED: ${err instanceof Error ? err.message : String(err)}`);
  }
}
const load1 = loadavg()[0]!;
const summary: Record<string, { n: number; failed: number; p50: number; p99: number; max: number }> = {};
for (const m of MEASURES) {
  const s = [...samples[m]].sort((a, b) => a - b);
  const limit = m === 'elect' || m === 'create' ? giveUpMs : membershipOpts.timeoutMs;
  const why = failures[m] > 0 ? `, ${failures[m]} not reached within ${limit} ms` : '';
  if (s.length === 0) {
    console.log(`${m.padEnd(7)} n=0${why}`);
    continue;
  }
  summary[m] = {
    n: s.length,
    failed: failures[m],
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    max: s.at(-1)!,
  };
  console.log(
    `${m.padEnd(7)} n=${s.length}  p50 ${summary[m].p50.toFixed(0)} ms  p99 ${summary[m].p99.toFixed(0)} ms  max ${summary[m].max.toFixed(0)} ms${why}`,
  );
}
console.log(
  `the 4th broker was fenced by: its session timing out ${fencedBy.session}, gossip ${fencedBy.gossip}, not found in the controller's log ${fencedBy.unknown}`,
);
console.log(
  `created after a failover: ${createdPartitions.ledByDead} of ${createdPartitions.total} partitions led by the killed controller`,
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `${trials} trials, ${failed} failed, ${seconds.toFixed(0)} s; load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end; poll every ${pollMs} ms`,
);
if (values['json-out'])
  writeFileSync(values['json-out'], `${JSON.stringify({ samples, summary }, null, 1)}\n`);
printResult({ summary, failed, trials, seconds, load: [load0, load1], createdPartitions, fencedBy });
if (failed > 0) process.exitCode = 1;
