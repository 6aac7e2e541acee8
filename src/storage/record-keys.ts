// Kafka's rule for compacted topics: every record a producer sends must have a key (LogValidator.validateKey),
// since the cleaner could never decide which unkeyed record is the latest. Runs on the partition's owner
// thread, after the batch passed its CRC and record walk, so the framing here is already known to be sound.
import { gunzipSync } from 'node:zlib';
import { ErrorCode } from '../protocol/errors.js';
import {
  ATTRIBUTES,
  COMPRESSION_MASK,
  RECORD_COUNT,
  RECORDS,
  readInt32,
  readVarlongAt,
  varintEnd,
} from './batch.js';

const GZIP = 1;
/** Largest decompressed records section checked; a gzip batch inflating past it is refused as corrupt. */
export const MAX_KEY_CHECK_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * NONE when every record of the batch at buf[start, end) has a key, INVALID_RECORD when one has none,
 * CORRUPT_MESSAGE when the records cannot be read. Batches in a codec this process lacks (snappy, lz4, zstd)
 * are let through unchecked: the cleaner keeps such batches whole, so nothing is lost or mis-compacted.
 */
export function checkRecordKeys(buf: Uint8Array, start: number, end: number): number {
  const codec = buf[start + ATTRIBUTES + 1]! & COMPRESSION_MASK;
  let section: Uint8Array;
  if (codec === 0) section = buf.subarray(start + RECORDS, end);
  else if (codec === GZIP) {
    try {
      section = gunzipSync(buf.subarray(start + RECORDS, end), {
        maxOutputLength: MAX_KEY_CHECK_DECOMPRESSED_BYTES,
      });
    } catch {
      return ErrorCode.CORRUPT_MESSAGE;
    }
  } else return ErrorCode.NONE;
  const count = readInt32(buf, start + RECORD_COUNT);
  const limit = section.length;
  let p = 0;
  for (let i = 0; i < count; i++) {
    const length = readVarlongAt(section, p, limit);
    if (varintEnd < 0 || length < 1 || length > limit - varintEnd) return ErrorCode.CORRUPT_MESSAGE;
    const body = varintEnd;
    const recordEnd = body + length;
    readVarlongAt(section, body + 1, recordEnd); // timestamp delta, after the attributes byte
    if (varintEnd < 0) return ErrorCode.CORRUPT_MESSAGE;
    readVarlongAt(section, varintEnd, recordEnd); // offset delta
    if (varintEnd < 0) return ErrorCode.CORRUPT_MESSAGE;
    const keyLength = readVarlongAt(section, varintEnd, recordEnd);
    if (varintEnd < 0) return ErrorCode.CORRUPT_MESSAGE;
    if (keyLength < 0) return ErrorCode.INVALID_RECORD;
    p = recordEnd;
  }
  return p === limit ? ErrorCode.NONE : ErrorCode.CORRUPT_MESSAGE;
}
