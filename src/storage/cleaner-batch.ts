// Record-level work on one stored batch for the cleaner: find each record's offset, key and whether it is
// a tombstone, then write the batch again with only the records kept. Kept records are copied byte for
// byte (only their timestamp delta is rewritten when the base timestamp becomes a delete horizon), and the
// batch keeps its base offset, last offset delta, producer fields and codec, as Kafka's cleaner does for
// magic 2: the next offset and the producer's last sequence survive compaction.
import { compressionCodec, decompressRecords } from '../protocol/record-batch.js';
import { crc32c } from '../wasm/index.js';
import {
  ATTRIBUTES,
  BASE_TIMESTAMP,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  CRC,
  DELETE_HORIZON_FLAG,
  HEADER_SIZE,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  NO_TIMESTAMP,
  RECORD_COUNT,
  RECORDS,
  readInt32,
  readInt64,
  readVarlongAt,
  TIMESTAMP_TYPE_LOG_APPEND,
  varintEnd,
  writeInt32,
  writeInt64,
} from './batch.js';

/** The records of one batch, located in `section` (decompressed if the batch was compressed). */
export class RecordScan {
  section: Buffer = Buffer.alloc(0);
  count = 0;
  /** Per record: span [start, end) including the length varint; body starts at the attributes byte. */
  start: number[] = [];
  end: number[] = [];
  bodyStart: number[] = [];
  /** Position just after the timestamp delta varlong. */
  tsDeltaEnd: number[] = [];
  tsDelta: number[] = [];
  timestamp: number[] = [];
  offset: number[] = [];
  /** Key bytes [keyStart, keyEnd); keyStart -1 when the key is null. */
  keyStart: number[] = [];
  keyEnd: number[] = [];
  tombstone: boolean[] = [];

  /**
   * Locates the records of the batch at batch[0, size). False when they cannot be read: a codec this
   * process does not have, a decompressed size over maxDecompressedBytes, or malformed records (possible
   * in logs written before compressed batches were walked at produce time).
   */
  parse(batch: Buffer, maxDecompressedBytes: number): boolean {
    const codec = batch[ATTRIBUTES + 1]! & COMPRESSION_MASK;
    let section: Buffer;
    if (codec === 0) section = batch.subarray(RECORDS);
    else if (compressionCodec(codec) === undefined) return false;
    else {
      try {
        const plain = decompressRecords(codec, batch.subarray(RECORDS), maxDecompressedBytes);
        section = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
      } catch {
        return false;
      }
    }
    const count = readInt32(batch, RECORD_COUNT);
    const baseOffset = readInt64(batch, 0);
    const baseTimestamp = readInt64(batch, BASE_TIMESTAMP);
    const logAppendTime = (batch[ATTRIBUTES + 1]! & TIMESTAMP_TYPE_LOG_APPEND) !== 0;
    const maxTimestamp = readInt64(batch, MAX_TIMESTAMP);
    if (count < 0 || count > section.length) return false;
    this.section = section;
    this.count = 0;
    let p = 0;
    const limit = section.length;
    for (let i = 0; i < count; i++) {
      const length = readVarlongAt(section, p, limit);
      if (varintEnd < 0 || length < 1 || length > limit - varintEnd) return false;
      const body = varintEnd;
      const end = body + length;
      const tsDelta = readVarlongAt(section, body + 1, end);
      if (varintEnd < 0) return false;
      const tsEnd = varintEnd;
      const offsetDelta = readVarlongAt(section, tsEnd, end);
      if (varintEnd < 0 || offsetDelta < 0) return false;
      const keyLen = readVarlongAt(section, varintEnd, end);
      if (varintEnd < 0 || keyLen < -1 || keyLen > end - varintEnd) return false;
      const keyStart = keyLen < 0 ? -1 : varintEnd;
      const afterKey = varintEnd + Math.max(keyLen, 0);
      const valueLen = readVarlongAt(section, afterKey, end);
      if (varintEnd < 0 || valueLen < -1 || valueLen > end - varintEnd) return false;
      this.start[i] = p;
      this.end[i] = end;
      this.bodyStart[i] = body;
      this.tsDeltaEnd[i] = tsEnd;
      this.tsDelta[i] = tsDelta;
      this.timestamp[i] = logAppendTime ? maxTimestamp : baseTimestamp + tsDelta;
      this.offset[i] = baseOffset + offsetDelta;
      this.keyStart[i] = keyStart;
      this.keyEnd[i] = keyStart < 0 ? -1 : afterKey;
      this.tombstone[i] = valueLen < 0;
      p = end;
    }
    if (p !== limit) return false;
    this.count = count;
    return true;
  }
}

function writeVarlong(buf: Buffer, pos: number, value: number): number {
  let v = value >= 0 ? value * 2 : -value * 2 - 1;
  while (v >= 0x80) {
    buf[pos++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

function varlongSize(value: number): number {
  let v = value >= 0 ? value * 2 : -value * 2 - 1;
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes batchLength and the CRC of a batch whose other fields are in place. */
function seal(out: Buffer): Buffer {
  writeInt32(out, BATCH_LENGTH, out.length - LOG_OVERHEAD);
  writeInt32(out, CRC, crc32c(out, ATTRIBUTES, out.length));
  return out;
}

/**
 * The batch again with only the records whose `keep` flag is set (at least one). `deleteHorizon` >= 0
 * stamps it as the batch's delete horizon (attribute bit 6, baseTimestamp), record timestamps unchanged.
 */
export function rebuildBatch(
  batch: Buffer,
  scan: RecordScan,
  keep: boolean[],
  deleteHorizon: number,
): Buffer {
  const attributes = (batch[ATTRIBUTES]! << 8) | batch[ATTRIBUTES + 1]!;
  const logAppendTime = (attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0;
  const oldBase = readInt64(batch, BASE_TIMESTAMP);
  const newBase = deleteHorizon >= 0 ? deleteHorizon : oldBase;
  const src = scan.section;
  let size = 0;
  let kept = 0;
  let maxTimestamp = NO_TIMESTAMP;
  for (let i = 0; i < scan.count; i++) {
    if (!keep[i]) continue;
    kept++;
    if (scan.timestamp[i]! > maxTimestamp) maxTimestamp = scan.timestamp[i]!;
    if (newBase === oldBase) size += scan.end[i]! - scan.start[i]!;
    else {
      const body = recordBodySize(scan, i, newBase - oldBase);
      size += varlongSize(body) + body;
    }
  }
  const records = Buffer.allocUnsafe(size);
  let p = 0;
  for (let i = 0; i < scan.count; i++) {
    if (!keep[i]) continue;
    if (newBase === oldBase) {
      p += src.copy(records, p, scan.start[i]!, scan.end[i]!);
      continue;
    }
    const shift = newBase - oldBase;
    p = writeVarlong(records, p, recordBodySize(scan, i, shift));
    records[p++] = src[scan.bodyStart[i]!]!;
    p = writeVarlong(records, p, scan.tsDelta[i]! - shift);
    p += src.copy(records, p, scan.tsDeltaEnd[i]!, scan.end[i]!);
  }
  // Kept records go back in the batch's own codec, as Kafka's cleaner writes them; parse() has already
  // found that codec loaded.
  const codec = attributes & COMPRESSION_MASK;
  const section = codec === 0 ? records : compressionCodec(codec)!.compress(records);
  const out = Buffer.allocUnsafe(HEADER_SIZE + section.length);
  batch.copy(out, 0, 0, HEADER_SIZE);
  out.set(section, HEADER_SIZE);
  const newAttributes = deleteHorizon >= 0 ? attributes | DELETE_HORIZON_FLAG : attributes;
  out[ATTRIBUTES] = newAttributes >>> 8;
  out[ATTRIBUTES + 1] = newAttributes & 0xff;
  writeInt64(out, BASE_TIMESTAMP, newBase);
  if (!logAppendTime) writeInt64(out, MAX_TIMESTAMP, maxTimestamp);
  writeInt32(out, RECORD_COUNT, kept);
  return seal(out);
}

/** Body size of record i once its timestamp delta is re-based (delta - shift). */
function recordBodySize(scan: RecordScan, i: number, shift: number): number {
  return 1 + varlongSize(scan.tsDelta[i]! - shift) + (scan.end[i]! - scan.tsDeltaEnd[i]!);
}

/**
 * A batch with no records but the original offsets and producer fields (Kafka's writeEmptyHeader): what
 * is left of a producer's last batch, so its last sequence survives. No codec, no delete horizon.
 */
export function emptyBatchHeader(batch: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_SIZE);
  batch.copy(out, 0, 0, HEADER_SIZE);
  const attributes =
    ((batch[ATTRIBUTES]! << 8) | batch[ATTRIBUTES + 1]!) & ~(COMPRESSION_MASK | DELETE_HORIZON_FLAG);
  out[ATTRIBUTES] = attributes >>> 8;
  out[ATTRIBUTES + 1] = attributes & 0xff;
  writeInt64(out, BASE_TIMESTAMP, NO_TIMESTAMP);
  writeInt32(out, RECORD_COUNT, 0);
  return seal(out);
}
