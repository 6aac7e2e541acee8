// The transaction coordinator as a deterministic simulation: three coordinator nodes over one simulated
// replicated __transaction_state (writes refused below the partition's current leader epoch, acknowledged
// after a random delay), a simulated marker sink per data partition (refusing markers of an older
// coordinator epoch), a ManualClock and a seeded Random. Producers init, add partitions, commit, abort,
// act as zombies with fenced epochs, time out; partitions fail over between nodes. Checked throughout and
// at the end: only legal transitions reach the log, a fenced epoch never commits, every Prepare* ends in
// its Complete*, and every partition of a completed transaction got its marker with the transaction's
// producer id and epoch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type MarkerOutcome,
  TransactionCoordinator,
  type TransactionLog,
  type TxnMarkers,
} from '../dist/broker/transactions/coordinator.js';
import { isLegalTransition } from '../dist/broker/transactions/metadata.js';
import { type StoredTransaction, TxnState } from '../dist/broker/transactions/records.js';
import { ManualClock } from '../dist/clock.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { SeededRandom } from '../dist/random.js';

const NODES = 3;
const STATE_PARTITIONS = 4;
const DATA_TOPICS = ['a', 'b'];
const DATA_PARTITIONS = 3;
const TIMEOUT_MS = 5_000;

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

interface LogEntry {
  id: string;
  value: StoredTransaction | null;
  epoch: number;
}

interface Marker {
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
}

class Sim {
  readonly clock = new ManualClock();
  readonly random: SeededRandom;
  /** __transaction_state: per partition, the records and who leads at which epoch. */
  readonly logs: LogEntry[][] = Array.from({ length: STATE_PARTITIONS }, () => []);
  readonly leader: number[] = Array.from({ length: STATE_PARTITIONS }, (_, p) => p % NODES);
  readonly epoch: number[] = Array.from({ length: STATE_PARTITIONS }, () => 0);
  /** Markers each data partition took, and the highest coordinator epoch it has seen per producer. */
  readonly markers = new Map<string, Marker[]>();
  readonly seenCoordinatorEpoch = new Map<string, number>();
  readonly nodes: TransactionCoordinator[] = [];
  nextProducerId = 1000;
  failures: string[] = [];
  /** While true, marker sinks answer retriable errors now and then. */
  flaky = true;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
    for (let n = 0; n < NODES; n++) this.nodes.push(this.#node(n));
  }

  delay(): number {
    return 1 + Math.floor(this.random.next() * 50);
  }

  #node(n: number): TransactionCoordinator {
    const sim = this;
    const log: TransactionLog = {
      load(partition, onRecord) {
        for (const e of sim.logs[partition]!) onRecord(e.id, e.value);
        return new Promise((r) => sim.clock.schedule(sim.delay(), () => r(ErrorCode.NONE)));
      },
      write(partition, coordinatorEpoch, id, value) {
        const ok = sim.leader[partition] === n && sim.epoch[partition] === coordinatorEpoch;
        if (ok) {
          sim.checkAppend(partition, id, value);
          sim.logs[partition]!.push({ id, value, epoch: coordinatorEpoch });
        }
        const code = ok ? ErrorCode.NONE : ErrorCode.NOT_LEADER_OR_FOLLOWER;
        return new Promise((r) => sim.clock.schedule(sim.delay(), () => r(code)));
      },
    };
    const markers = {
      write(m: TxnMarkers): Promise<MarkerOutcome> {
        return new Promise((resolve) => {
          const attempt = () => {
            if (!m.isCurrent()) return resolve('cancelled');
            if (sim.flaky && sim.random.next() < 0.2) {
              sim.clock.schedule(sim.delay(), attempt);
              return;
            }
            for (const t of m.partitions) {
              for (const p of t.partitions) {
                const key = `${t.topic}-${p}`;
                const fenceKey = `${key}/${m.producerId}`;
                const seen = sim.seenCoordinatorEpoch.get(fenceKey) ?? -1;
                if (m.coordinatorEpoch < seen) return resolve('fenced');
                sim.seenCoordinatorEpoch.set(fenceKey, m.coordinatorEpoch);
                const list = sim.markers.get(key) ?? [];
                list.push({
                  producerId: m.producerId,
                  producerEpoch: m.producerEpoch,
                  commit: m.commit,
                  coordinatorEpoch: m.coordinatorEpoch,
                });
                sim.markers.set(key, list);
              }
            }
            resolve('done');
          };
          sim.clock.schedule(sim.delay(), attempt);
        });
      },
    };
    const coordinator = new TransactionCoordinator({
      config: {
        transactionStateTopicPartitions: STATE_PARTITIONS,
        abortTimedOutCleanupIntervalMs: 1000,
        transactionalIdExpirationMs: 3_600_000,
        markerRetryBackoffMs: 20,
      },
      clock: this.clock,
      log,
      markers,
      allocateProducerId: () =>
        Promise.resolve({ errorCode: ErrorCode.NONE, producerId: sim.nextProducerId++ }),
      offsetsPartitionFor: () => 0,
    });
    coordinator.start();
    return coordinator;
  }

  /** The log's own invariant: each record of an id follows the one before it by a legal transition. */
  checkAppend(partition: number, id: string, value: StoredTransaction | null): void {
    let prev: StoredTransaction | null = null;
    for (const e of this.logs[partition]!) if (e.id === id) prev = e.value;
    if (value === null) {
      if (prev !== null && !isLegalTransition(prev.state, TxnState.DEAD)) {
        this.failures.push(`${id}: tombstone after ${prev.state}`);
      }
      return;
    }
    if (prev === null) {
      if (value.state !== TxnState.EMPTY) this.failures.push(`${id}: first record in state ${value.state}`);
      return;
    }
    const viaFence =
      prev.state === TxnState.ONGOING &&
      value.state === TxnState.PREPARE_ABORT &&
      value.producerEpoch === prev.producerEpoch + 1;
    if (!isLegalTransition(prev.state, value.state) && !viaFence) {
      this.failures.push(`${id}: illegal transition ${prev.state} -> ${value.state}`);
    }
    if (value.state === TxnState.PREPARE_COMMIT || (value.state === TxnState.PREPARE_ABORT && !viaFence)) {
      // Transaction version 2 (EndTxn v5) bumps the epoch in the Prepare* record already.
      const epochOk =
        value.producerEpoch === prev.producerEpoch ||
        (value.clientTransactionVersion === 2 && value.producerEpoch === prev.producerEpoch + 1);
      if (prev.producerId !== value.producerId || !epochOk) {
        this.failures.push(`${id}: Prepare* with a producer other than the ongoing transaction's`);
      }
    }
  }

  async start(): Promise<void> {
    for (let p = 0; p < STATE_PARTITIONS; p++)
      void this.nodes[this.leader[p]!]!.onElection(p, this.epoch[p]!);
    await this.run(200);
  }

  coordinatorFor(id: string): TransactionCoordinator {
    const p = this.nodes[0]!.partitionFor(id);
    return this.nodes[this.leader[p]!]!;
  }

  failover(partition: number): void {
    const old = this.leader[partition]!;
    this.nodes[old]!.onResignation(partition);
    const next = Math.floor(this.random.next() * NODES);
    this.leader[partition] = next;
    this.epoch[partition]! += 1;
    void this.nodes[next]!.onElection(partition, this.epoch[partition]!);
  }

  /** Advances simulated time in small steps, letting promise continuations run between them. */
  async run(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 10) {
      this.clock.advance(10);
      await flush();
    }
  }
}

interface Producer {
  id: string;
  producerId: number;
  producerEpoch: number;
  /** Identities this id had before: zombies that must never commit. */
  zombies: { producerId: number; producerEpoch: number }[];
}

async function simulate(seed: number, steps: number): Promise<Sim> {
  const sim = new Sim(seed);
  await sim.start();
  const producers: Producer[] = Array.from({ length: 12 }, (_, i) => ({
    id: `txn-${i}`,
    producerId: -1,
    producerEpoch: -1,
    zombies: [],
  }));
  /** The newest (producerId, epoch) InitProducerId or EndTxn v5 handed out per id. */
  const latest = new Map<string, { producerId: number; producerEpoch: number }>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(sim.random.next() * xs.length)]!;

  for (let step = 0; step < steps; step++) {
    const pr = pick(producers);
    const roll = sim.random.next();
    const c = sim.coordinatorFor(pr.id);
    const bump = sim.random.next() < 0.3;
    if (roll < 0.15 || pr.producerId < 0) {
      void c.initProducerId(pr.id, TIMEOUT_MS, -1, -1).then((r) => {
        if (r.errorCode !== ErrorCode.NONE) return;
        if (pr.producerId >= 0)
          pr.zombies.push({ producerId: pr.producerId, producerEpoch: pr.producerEpoch });
        pr.producerId = r.producerId;
        pr.producerEpoch = r.producerEpoch;
        latest.set(pr.id, { producerId: r.producerId, producerEpoch: r.producerEpoch });
      });
    } else if (roll < 0.55) {
      const topic = pick(DATA_TOPICS);
      const partitions = [Math.floor(sim.random.next() * DATA_PARTITIONS)];
      void c.addPartitions(pr.id, pr.producerId, pr.producerEpoch, [{ topic, partitions }]);
    } else if (roll < 0.8) {
      const commit = sim.random.next() < 0.6;
      const asked = { producerId: pr.producerId, producerEpoch: pr.producerEpoch };
      void c.endTxn(pr.id, asked.producerId, asked.producerEpoch, commit, bump).then((r) => {
        if (r.errorCode !== ErrorCode.NONE) return;
        const now = latest.get(pr.id);
        if (
          commit &&
          bump &&
          now !== undefined &&
          r.producerId === now.producerId &&
          r.producerEpoch === now.producerEpoch
        ) {
          return; // a retry of an end already done
        }
        if (commit && (now?.producerId !== asked.producerId || now.producerEpoch !== asked.producerEpoch)) {
          sim.failures.push(
            `${pr.id}: commit by ${asked.producerId}/${asked.producerEpoch}, current ${JSON.stringify(now)}`,
          );
        }
        if (bump) {
          pr.producerId = r.producerId;
          pr.producerEpoch = r.producerEpoch;
          latest.set(pr.id, { producerId: r.producerId, producerEpoch: r.producerEpoch });
        }
      });
    } else if (roll < 0.88 && pr.zombies.length > 0) {
      const z = pick(pr.zombies);
      void c.endTxn(pr.id, z.producerId, z.producerEpoch, true, false).then((r) => {
        const now = latest.get(pr.id);
        const isCurrent = now?.producerId === z.producerId && now.producerEpoch === z.producerEpoch;
        if (r.errorCode === ErrorCode.NONE && !isCurrent) {
          sim.failures.push(`${pr.id}: zombie ${z.producerId}/${z.producerEpoch} committed`);
        }
      });
      void c
        .addPartitions(pr.id, z.producerId, z.producerEpoch, [{ topic: 'a', partitions: [0] }])
        .then((code) => {
          const now = latest.get(pr.id);
          const isCurrent = now?.producerId === z.producerId && now.producerEpoch === z.producerEpoch;
          if (code === ErrorCode.NONE && !isCurrent) sim.failures.push(`${pr.id}: zombie added partitions`);
        });
    } else if (roll < 0.92) {
      sim.failover(Math.floor(sim.random.next() * STATE_PARTITIONS));
    } else {
      // Let time pass: transactions past their timeout are aborted by the coordinator.
      await sim.run(2_000);
    }
    await sim.run(10 + Math.floor(sim.random.next() * 60));
  }
  // Quiesce: no more failovers or flaky markers; every Prepare* must reach its Complete*.
  sim.flaky = false;
  await sim.run(3 * TIMEOUT_MS);
  return sim;
}

function lastStates(sim: Sim): Map<string, StoredTransaction | null> {
  const out = new Map<string, StoredTransaction | null>();
  for (const log of sim.logs) for (const e of log) out.set(e.id, e.value);
  return out;
}

/** For every Prepare* followed by its Complete*, each partition of it has a marker with its producer. */
function checkMarkers(sim: Sim): string[] {
  const problems: string[] = [];
  for (const log of sim.logs) {
    const prepared = new Map<string, StoredTransaction>();
    for (const e of log) {
      const v = e.value;
      if (v === null) continue;
      if (v.state === TxnState.PREPARE_COMMIT || v.state === TxnState.PREPARE_ABORT) prepared.set(e.id, v);
      if (v.state === TxnState.COMPLETE_COMMIT || v.state === TxnState.COMPLETE_ABORT) {
        const p = prepared.get(e.id);
        if (p === undefined) {
          problems.push(`${e.id}: Complete* without Prepare*`);
          continue;
        }
        const commit = p.state === TxnState.PREPARE_COMMIT;
        if (commit !== (v.state === TxnState.COMPLETE_COMMIT))
          problems.push(`${e.id}: Prepare/Complete differ`);
        for (const t of p.partitions) {
          for (const part of t.partitions) {
            const got = sim.markers.get(`${t.topic}-${part}`) ?? [];
            const found = got.some(
              (m) =>
                m.producerId === p.producerId && m.producerEpoch === p.producerEpoch && m.commit === commit,
            );
            if (!found)
              problems.push(
                `${e.id}: no marker on ${t.topic}-${part} for ${p.producerId}/${p.producerEpoch}`,
              );
          }
        }
        prepared.delete(e.id);
      }
    }
  }
  return problems;
}

for (const seed of [1, 2, 3, 42, 1234]) {
  test(`seed ${seed}: legal transitions, no fenced commit, every Prepare* completes with its markers`, async () => {
    const sim = await simulate(seed, 400);
    assert.equal(sim.failures, [], `seed ${seed}`);
    const states = lastStates(sim);
    let completed = 0;
    for (const log of sim.logs)
      for (const e of log) if (e.value?.state === TxnState.COMPLETE_COMMIT) completed++;
    assert.ok(completed >= 5, `seed ${seed}: only ${completed} commits: the simulation does too little`);
    for (const [id, v] of states) {
      assert.ok(
        v === null || (v.state !== TxnState.PREPARE_COMMIT && v.state !== TxnState.PREPARE_ABORT),
        `seed ${seed}: ${id} left in state ${v?.state}`,
      );
      assert.ok(
        v === null || v.state !== TxnState.ONGOING,
        `seed ${seed}: ${id} still Ongoing after its timeout`,
      );
    }
    assert.equal(checkMarkers(sim), [], `seed ${seed}`);
  });
}

test('the same seed replays the same run', async () => {
  const a = await simulate(7, 150);
  const b = await simulate(7, 150);
  assert.equal(
    a.logs.map((l) => l.map((e) => [e.id, e.value?.state ?? null, e.value?.producerEpoch ?? null])),
    b.logs.map((l) => l.map((e) => [e.id, e.value?.state ?? null, e.value?.producerEpoch ?? null])),
  );
});

test.run();
