// Fetch responses are written from pooled read buffers that go back to the pool once the kernel has the
// bytes. A consumer that stops reading keeps its response's buffers out of the pool: other fetches, churning
// the pool meanwhile, must never write into bytes still waiting to be sent. A real broker process with the
// logs on the main thread (--threads 0, where the pool is used), real sockets.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { crc32c } from '../dist/wasm/index.js';
import { type BrokerProcess, startBroker } from './helpers/broker.js';
import { createTopicRequest, fetchRequest, TestClient } from './helpers/broker-client.js';

const RECORD_BYTES = 1024;
const RECORDS_PER_BATCH = 120;
const BATCHES = 60;
/** Ten partitions of ~7 MB: a response too large for the kernel's socket buffers (up to ~36 MB here). */
const PARTITIONS = 10;

let broker: BrokerProcess;
let client: TestClient;

test.before(async () => {
  broker = await startBroker(['--threads', '0']);
  client = await TestClient.connect(broker.port);
});

test.after(async () => {
  client.close();
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

/** 256 distinct 1 KiB values; record `offset` of `partition` gets one chosen by both, so a stray overwrite shows. */
const PATTERNS = Array.from({ length: 256 }, (_, k) => {
  const v = Buffer.allocUnsafe(RECORD_BYTES);
  for (let i = 0; i < RECORD_BYTES; i++) v[i] = (k * 131 + i * 7) & 0xff;
  return v;
});
const recordValue = (partition: number, offset: number): Buffer =>
  PATTERNS[(offset * 31 + partition * 17) & 0xff]!;

/** Fetch of `partitions` of the test topic from `offset`, `partitionMaxBytes` each, 64 MiB in all. */
const fetchPooled = (partitions: number[], offset: number, partitionMaxBytes: number) =>
  fetchRequest('pooled', partitions, offset, { partitionMaxBytes, maxBytes: 64 * 1024 * 1024, minBytes: 1 });

/** Checks every batch's CRC and every record's offset and value; returns the offsets seen. */
function verify(partition: number, records: Buffer): number[] {
  const offsets: number[] = [];
  for (let pos = 0; pos + 61 <= records.length; ) {
    const size = records.readInt32BE(pos + 8) + 12;
    if (pos + size > records.length) break; // a partial batch at the end is allowed
    const batch = records.subarray(pos, pos + size);
    assert.is(crc32c(batch.subarray(21)), batch.readUInt32BE(17), `CRC of the batch at ${pos}`);
    for (const r of P.decodeRecordBatch(batch).records) {
      assert.ok(r.value!.equals(recordValue(partition, r.offset)), `value of ${partition}:${r.offset}`);
      offsets.push(r.offset);
    }
    pos += size;
  }
  return offsets;
}

test('a response waiting on a consumer that stopped reading keeps its bytes while others fetch', async () => {
  await client.request(P.CreateTopicsApi, 7, createTopicRequest('pooled', { partitions: PARTITIONS }));
  for (let partition = 0; partition < PARTITIONS; partition++) {
    for (let b = 0; b < BATCHES; b++) {
      const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
        key: null,
        value: recordValue(partition, b * RECORDS_PER_BATCH + i),
      }));
      const res = await client.request(P.ProduceApi, 9, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 1000,
        topicData: [
          { name: 'pooled', partitionData: [{ index: partition, records: encodeRecordBatch(records) }] },
        ],
      });
      assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, P.ErrorCode.NONE);
    }
  }
  const total = BATCHES * RECORDS_PER_BATCH;
  const all = Array.from({ length: PARTITIONS }, (_, p) => p);

  // The slow consumer asks for everything and does not read: the kernel takes only part of the response.
  const slow = await TestClient.connect(broker.port);
  const slowResponse = slow.request(P.FetchApi, 12, fetchPooled(all, 0, 8 * 1024 * 1024));
  slow.socket.pause();
  await new Promise((r) => setTimeout(r, 200));

  // Meanwhile another consumer reads every partition in reads of the slow one's size, so into buffers of
  // the same pooled size.
  let churned = 0;
  for (const partition of all) {
    for (let offset = 0; offset < total; ) {
      const res = await client.request(P.FetchApi, 12, fetchPooled([partition], offset, 8 * 1024 * 1024));
      const seen = verify(partition, res.responses[0]!.partitions[0]!.records as Buffer);
      assert.ok(seen.length > 0 && seen[0]! <= offset, `fetch of ${partition} at ${offset}`);
      offset = seen.at(-1)! + 1;
      churned++;
    }
  }

  slow.socket.resume();
  const res = await slowResponse;
  // Each partition's share of the response (the response's byte budget may cut the last ones short) is a
  // run of intact records from offset 0.
  let returned = 0;
  for (const p of res.responses[0]!.partitions) {
    const seen = verify(p.partitionIndex, p.records as Buffer);
    assert.equal(
      seen,
      seen.map((_, i) => i),
      `partition ${p.partitionIndex}`,
    );
    returned += seen.length;
  }
  assert.ok(returned >= 6 * total, `the slow response held ${returned} records`);
  assert.ok(churned >= PARTITIONS, `churned ${churned} fetches`);
  slow.close();
});

test.run();
