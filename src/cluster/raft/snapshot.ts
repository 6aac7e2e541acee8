// A snapshot's bytes and file name, as KRaft keeps them: `<endOffset>-<epoch>.checkpoint` (20 and 10
// digits) in the log directory, holding record batches of the state machine's records, one record per batch
// here as in the log (offsets from 0, the snapshot's epoch as partition leader epoch). The same bytes travel
// in FetchSnapshot chunks; the receiver checks every batch's CRC before it installs them.
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/record-batch.js';
import { BATCH_LENGTH, LOG_OVERHEAD, MIN_BATCH_LENGTH, readInt32, readInt64 } from '../../storage/batch.js';
import { VALIDATE_INTEGRITY, validateBatch } from '../../wasm/index.js';
import type { SnapshotId } from './log.js';

export const SNAPSHOT_SUFFIX = '.checkpoint';
const NAME = /^([0-9]{20})-([0-9]{10})\.checkpoint$/;
const EMPTY = new Uint8Array(0);

export function snapshotFileName(id: SnapshotId): string {
  return `${String(id.endOffset).padStart(20, '0')}-${String(id.epoch).padStart(10, '0')}${SNAPSHOT_SUFFIX}`;
}

/** The id a snapshot file name stands for, or null for any other name. */
export function parseSnapshotFileName(name: string): SnapshotId | null {
  const m = NAME.exec(name);
  if (m === null) return null;
  const endOffset = Number(m[1]);
  const epoch = Number(m[2]);
  return Number.isSafeInteger(endOffset) && epoch <= 0x7fffffff ? { endOffset, epoch } : null;
}

export function encodeSnapshot(
  epoch: number,
  records: readonly Uint8Array[],
  timestamp = Date.now(),
): Buffer {
  return Buffer.concat(
    records.map((value, i) =>
      encodeRecordBatch([{ value }], { baseOffset: i, partitionLeaderEpoch: epoch, timestamp }),
    ),
  );
}

/**
 * The records of a snapshot's bytes. Throws RangeError when a batch is cut short, fails its CRC or is out of
 * order: a snapshot is installed whole or not at all.
 */
export function decodeSnapshot(bytes: Uint8Array): Uint8Array[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let next = 0;
  while (pos < buf.length) {
    if (buf.length - pos < LOG_OVERHEAD) throw new RangeError(`snapshot cut short at byte ${pos}`);
    const length = readInt32(buf, pos + BATCH_LENGTH);
    const end = pos + LOG_OVERHEAD + length;
    if (length < MIN_BATCH_LENGTH || end > buf.length)
      throw new RangeError(`snapshot cut short at byte ${pos}`);
    if (validateBatch(buf, pos, end, VALIDATE_INTEGRITY) !== 0) {
      throw new RangeError(`snapshot batch at byte ${pos} fails its CRC`);
    }
    if (readInt64(buf, pos) !== next) throw new RangeError(`snapshot batch at byte ${pos} out of order`);
    next++;
    pos = end;
  }
  return decodeRecordBatches(buf).map((b) => b.records[0]?.value ?? EMPTY);
}
