// Kafka's rule for compacted topics: every record a producer sends must have a key (LogValidator.validateKey),
// since the cleaner could never decide which unkeyed record is the latest. Runs on the partition's owner
// thread over a records section whose framing the record walk has already accepted (for a compressed batch,
// the section decompressed once by batch-validator.ts).
import { ErrorCode } from '../protocol/errors.js';
import { readVarlongAt, varintEnd } from './batch.js';

/**
 * NONE when each of the `count` records in section[start, end) has a key, INVALID_RECORD when one has
 * none, CORRUPT_MESSAGE when the records cannot be read.
 */
export function checkRecordKeys(section: Uint8Array, start: number, end: number, count: number): number {
  let p = start;
  for (let i = 0; i < count; i++) {
    const length = readVarlongAt(section, p, end);
    if (varintEnd < 0 || length < 1 || length > end - varintEnd) return ErrorCode.CORRUPT_MESSAGE;
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
  return p === end ? ErrorCode.NONE : ErrorCode.CORRUPT_MESSAGE;
}
