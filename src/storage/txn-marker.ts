// Transaction markers: the control batch a transaction coordinator has written at the end of a transaction
// (attributes transactional | control, one record). The record's key is version (int16, 0) and type (int16:
// 0 abort, 1 commit); its value is version (int16, 0) and the coordinator epoch (int32).
import { encodeRecordBatch } from '../protocol/record-batch.js';
import { ATTRIBUTES, RECORDS, readInt16, readInt32 } from './batch.js';

export const MARKER_ABORT = 0;
export const MARKER_COMMIT = 1;

export interface TxnMarker {
  commit: boolean;
  coordinatorEpoch: number;
}

/** A marker batch (base offset 0, stamped by the log) for `producerId` at `producerEpoch`. */
export function encodeTxnMarker(
  producerId: number,
  producerEpoch: number,
  coordinatorEpoch: number,
  commit: boolean,
  timestamp = Date.now(),
): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(commit ? MARKER_COMMIT : MARKER_ABORT, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return encodeRecordBatch([{ key, value, timestamp }], {
    producerId,
    producerEpoch,
    baseSequence: -1,
    transactional: true,
    control: true,
    timestamp,
  });
}

/** Zigzag varint at buf[pos]; returns [value, next position], or null past `end`. */
function varint(buf: Uint8Array, pos: number, end: number): [number, number] | null {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) return null;
    const b = buf[pos++]!;
    v += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return [v % 2 === 0 ? v / 2 : -(v + 1) / 2, pos];
    mul *= 128;
  }
  return null;
}

/**
 * The marker in the control batch at buf[start, end), or null when its first record is not a commit or
 * abort marker (an unknown control type, a compressed or damaged record): such a batch ends nothing.
 */
export function readTxnMarker(buf: Uint8Array, start: number, end: number): TxnMarker | null {
  if ((readInt16(buf, start + ATTRIBUTES) & 0x07) !== 0) return null;
  let pos = start + RECORDS;
  let f = varint(buf, pos, end); // record length
  if (f === null) return null;
  pos = f[1] + 1; // attributes
  for (let i = 0; i < 2; i++) {
    f = varint(buf, pos, end); // timestamp delta, offset delta
    if (f === null) return null;
    pos = f[1];
  }
  f = varint(buf, pos, end);
  if (f === null || f[0] < 4 || f[1] + f[0] > end) return null;
  const keyAt = f[1];
  const type = readInt16(buf, keyAt + 2);
  if (readInt16(buf, keyAt) !== 0 || (type !== MARKER_ABORT && type !== MARKER_COMMIT)) return null;
  f = varint(buf, keyAt + f[0], end);
  if (f === null || f[0] < 6 || f[1] + f[0] > end) return null;
  return { commit: type === MARKER_COMMIT, coordinatorEpoch: readInt32(buf, f[1] + 2) };
}
