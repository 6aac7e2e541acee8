// A full disk under a dense, memory-mapped index. The .index and .timeindex files are preallocated sparse
// and mapped; before their slots were reserved ahead (fallocate), a store into a hole found no free block
// and the broker died of SIGBUS, logging nothing. The setup makes that the next thing to happen: every
// partition's offset index exactly fills its first page (index.interval.bytes 1: an entry per batch after
// the first, 8 bytes each, 512 entries), its log file ends mid-page, and a plain file then takes every
// free block. The next append fits the log's last page but needs a new index page. The broker must stay
// alive, answer KAFKA_STORAGE_ERROR, and hold exactly the acknowledged records.
// Odd runs use the zero-writing fallback instead of the fallocate addon. Needs root for the mount; skips
// with the reason otherwise (CI runs as root).
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker } from './helpers/broker.js';
import {
  type Acked,
  checkAcked,
  fillUntilFull,
  KAFKA_STORAGE_ERROR,
  mountTmpfs,
  quietClient,
  topUp,
} from './helpers/disk-full.js';

const RUNS = Number(process.env.DISK_FULL_RUNS ?? 2);
const PARTITIONS = 20;
const PAGE = 4096;
/** Batches that fill the first offset index page: entries go to every batch but the first. */
const BATCHES = PAGE / 8 + 1;

test(`a full disk under a dense mmap'd index: no SIGBUS, KAFKA_STORAGE_ERROR, acknowledged records intact (${RUNS} runs)`, async () => {
  for (let run = 0; run < RUNS; run++) {
    const tmpfs = mountTmpfs(16 * 1024 * 1024);
    if (typeof tmpfs === 'string') {
      console.log(`skipped: ${tmpfs}`);
      return;
    }
    // Odd runs take the fallback that writes zeros instead of calling fallocate(2).
    if (run % 2 === 1) process.env.RUNNEL_NATIVE_FALLOCATE = '0';
    const broker = await startBroker([], tmpfs.dir);
    delete process.env.RUNNEL_NATIVE_FALLOCATE;
    try {
      const client = quietClient(broker.address);
      const admin = client.admin();
      await admin.createTopics([
        { topic: 'dense', numPartitions: PARTITIONS, configs: { 'index.interval.bytes': '1' } },
      ]);
      await admin.close();
      const acked: Acked = new Map();
      const producer = client.producer({ acks: 1, idempotent: false, lingerMs: 0, retries: 0 });
      const value = 'v'.repeat(100);
      // One batch per send (each partition's sends in sequence), so the index gets one entry per batch.
      await Promise.all(
        Array.from({ length: PARTITIONS }, async (_, partition) => {
          const m = new Map<number, string>();
          acked.set(`dense/${partition}`, m);
          for (let i = 0; i < BATCHES; i++) {
            const [meta] = await producer.send('dense', { value, partition });
            m.set(meta!.offset, value);
          }
        }),
      );
      for (let partition = 0; partition < PARTITIONS; partition++) {
        const log = path.join(tmpfs.dir, `dense-${partition}`, '00000000000000000000.log');
        const size = fs.statSync(log).size;
        assert.ok(PAGE - (size % PAGE) > size / BATCHES, 'the next batch must fit in the log page');
      }
      topUp(tmpfs.dir);
      const codes = await Promise.all(
        Array.from({ length: PARTITIONS }, (_, partition) =>
          producer.send('dense', { value, partition }).then(
            ([meta]) => {
              acked.get(`dense/${partition}`)!.set(meta!.offset, value);
              return 0;
            },
            (err: { code?: number }) => err.code ?? -1,
          ),
        ),
      );
      await producer.close();
      // A dead broker shows as NETWORK_EXCEPTION first; give its exit event time to say why.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(broker.proc.signalCode, null, `run ${run}: broker killed by ${broker.proc.signalCode}`);
      assert.ok(
        codes.every((c) => c === 0 || c === KAFKA_STORAGE_ERROR),
        `run ${run}: codes ${codes}`,
      );
      assert.ok(codes.includes(KAFKA_STORAGE_ERROR), `run ${run}: the disk was not full`);
      // Whatever slack is left, writing on until every partition refuses keeps the broker up too.
      const r = await fillUntilFull(client, [{ topic: 'dense', partitions: PARTITIONS }], acked, {
        valueBytes: 10,
      });
      assert.equal(r.otherErrors, [], `run ${run}: only KAFKA_STORAGE_ERROR expected`);
      assert.equal(broker.proc.signalCode, null, `run ${run}: broker killed by ${broker.proc.signalCode}`);
      await checkAcked(client, acked);
      await client.close();
      assert.equal(broker.proc.exitCode, null, `run ${run}: broker exited:\n${broker.stderr()}`);
    } finally {
      await broker.stop('SIGKILL');
      tmpfs.unmount();
    }
  }
});

test.run();
