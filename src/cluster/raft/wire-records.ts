// Metadata-log entries as Kafka record batches (magic 2), the form Fetch carries them in: one batch per run of
// entries of one epoch, the batch's partition leader epoch is that epoch, record offsets are the entry
// offsets and each record's value is the entry's data. Reading checks what a follower must be able to trust
// before appending: magic, CRC, record count, offsets contiguous from the offset fetched, epochs never going
// back. Anything else is a bad response: the caller drops it and Raft's timers fetch again.
//
// Limit: encodeEntries stops before the batches would pass maxBytes, but always carries the first entry
// (as Kafka's Fetch always returns its first batch), so an entry larger than the limit cannot stall a
// follower; the reader's frame limit (RaftWireConfig.maxResponseBytes) bounds that case.
import { BatchHeader, LOG_OVERHEAD } from '../../protocol/batch-layout.js';
import { decodeRecordBatch, encodeRecordBatch, varintSize } from '../../protocol/record-batch.js';
import { crc32c } from '../../wasm/index.js';
import type { RaftEntry } from './log.js';

/** Metadata records carry no producer timestamp here: Kafka's NO_TIMESTAMP. */
const NO_TIMESTAMP = -1;

/** Encoded size of one record holding `value` at offset delta `delta` (no key, no headers). */
function recordSize(delta: number, value: number): number {
  const body = 1 + varintSize(0) + varintSize(delta) + 1 + varintSize(value) + value + varintSize(0);
  return varintSize(body) + body;
}

/** The entries that fit in maxBytes of batches (at least one), encoded; offsets and epochs as given. */
export function encodeEntries(
  entries: readonly RaftEntry[],
  maxBytes: number,
): { records: Buffer; count: number } {
  if (entries.length === 0) return { records: Buffer.alloc(0), count: 0 };
  const batches: Buffer[] = [];
  let total = 0;
  let i = 0;
  let full = false;
  while (i < entries.length && !full) {
    const first = entries[i]!;
    let size: number = BatchHeader.SIZE;
    let j = i;
    while (j < entries.length && entries[j]!.epoch === first.epoch) {
      const grown = size + recordSize(j - i, entries[j]!.data.length);
      if (total + grown > maxBytes && !(total === 0 && j === i)) {
        full = true;
        break;
      }
      size = grown;
      j++;
    }
    if (j === i) break;
    const run = entries.slice(i, j);
    batches.push(
      encodeRecordBatch(
        run.map((e) => ({ value: e.data, timestamp: NO_TIMESTAMP })),
        { baseOffset: first.offset, partitionLeaderEpoch: first.epoch, timestamp: NO_TIMESTAMP },
      ),
    );
    total += size;
    i = j;
  }
  return { records: batches.length === 1 ? batches[0]! : Buffer.concat(batches, total), count: i };
}

export type DecodedEntries = { ok: true; entries: RaftEntry[] } | { ok: false; error: string };

/**
 * Entries from the records of a Fetch response, which must start at `fetchOffset`. Never throws: a batch
 * that is truncated, fails its CRC or breaks offset or epoch order makes the whole answer `ok: false`.
 */
export function decodeEntries(records: Uint8Array | null, fetchOffset: number): DecodedEntries {
  if (records === null || records.length === 0) return { ok: true, entries: [] };
  const buf = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  const entries: RaftEntry[] = [];
  let pos = 0;
  let next = fetchOffset;
  let lastEpoch = -1;
  while (pos < buf.length) {
    if (buf.length - pos < BatchHeader.SIZE) return { ok: false, error: `truncated batch at byte ${pos}` };
    const batchLength = buf.readInt32BE(pos + BatchHeader.BATCH_LENGTH);
    const end = pos + LOG_OVERHEAD + batchLength;
    if (batchLength < BatchHeader.SIZE - LOG_OVERHEAD || end > buf.length) {
      return { ok: false, error: `batch at byte ${pos} has length ${batchLength}, ${buf.length - pos} left` };
    }
    if (buf.readInt8(pos + BatchHeader.MAGIC) !== 2) {
      return { ok: false, error: `batch at byte ${pos} has magic ${buf.readInt8(pos + BatchHeader.MAGIC)}` };
    }
    const crc = buf.readUInt32BE(pos + BatchHeader.CRC);
    if (crc32c(buf, pos + BatchHeader.ATTRIBUTES, end) !== crc) {
      return { ok: false, error: `batch at byte ${pos} fails its CRC` };
    }
    let batch: ReturnType<typeof decodeRecordBatch>;
    try {
      batch = decodeRecordBatch(buf.subarray(pos, end));
    } catch (err) {
      return { ok: false, error: `batch at byte ${pos}: ${(err as Error).message}` };
    }
    const epoch = batch.partitionLeaderEpoch;
    if (batch.baseOffset !== next) {
      return { ok: false, error: `batch starts at offset ${batch.baseOffset}, expected ${next}` };
    }
    if (epoch < 0 || epoch < lastEpoch) {
      return { ok: false, error: `batch at offset ${next} has epoch ${epoch} after ${lastEpoch}` };
    }
    if (batch.recordCount < 1 || batch.lastOffsetDelta !== batch.recordCount - 1) {
      return {
        ok: false,
        error: `batch at offset ${next}: ${batch.recordCount} records, last delta ${batch.lastOffsetDelta}`,
      };
    }
    for (const r of batch.records) {
      if (r.offset !== next) return { ok: false, error: `record at offset ${r.offset}, expected ${next}` };
      if (r.value === null) return { ok: false, error: `record at offset ${next} has no value` };
      // A copy: the entry outlives the response frame it arrived in.
      entries.push({ offset: next, epoch, data: new Uint8Array(r.value) });
      next++;
    }
    lastEpoch = epoch;
    pos = end;
  }
  return { ok: true, entries };
}
